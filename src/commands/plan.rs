//! `roadmap plan GOAL...`: a study plan toward one or more goals, as numbered steps under stage
//! headings, a Markdown checklist, or JSON.

use hashbrown::HashSet;
use std::borrow::Cow;
use std::fmt::Write as _;
use std::io::Write;
use std::ops::Range;

use jiff::civil::Date;
use serde::Serialize;

use crate::cli::{PlanArgs, PlanFormat, PlanOrder};
use crate::commands::Ctx;
use crate::error::{Error, Result};
use crate::i18n::Localizer;
use crate::lookup;
use crate::model::{HoursText, Roadmap, TopicIx, format_hours};
use crate::msg;
use crate::parallel;
use crate::plan::{self, Order, Plan};
use crate::progress;
use crate::render::ics;
use crate::render::json::{self, Hours};
use crate::render::text::{DIM, GOAL, HEADING, HOURS, ID, paint, shown_width, spaces, width};
use crate::terminal;

pub fn run(ctx: &mut Ctx, args: &PlanArgs) -> Result<u8> {
    let roadmap = ctx.roadmap()?;
    let goals = lookup::goals(&roadmap, &args.goals)?;
    let options = plan::Options {
        order: match args.order {
            PlanOrder::Stage => Order::Stage,
            PlanOrder::Depth => Order::Depth,
        },
        ..ctx.plan_options(&roadmap, &args.choices)?
    };
    let plan = plan::plan(&roadmap, &goals, &options);
    let mut view = View::new(&roadmap, &plan, args, ctx.lang(), &options.known, ctx.loc);
    if let (Some(weeks), Some(pace)) = (view.total_weeks, args.hours_per_week)
        && weeks > plan::MAX_WEEKS
    {
        return Err(Error::Usage(msg!(
            "plan-too-many-weeks",
            hours = format_hours(plan.total_hours),
            pace = format_hours(pace),
            max = plan::MAX_WEEKS
        )));
    }
    view.learning = ctx.learning(&roadmap)?;
    if !args.study_days.is_empty() && args.format != PlanFormat::Ics {
        return Err(Error::Usage(msg!("error-study-days-ics")));
    }
    match args.format {
        PlanFormat::Json => json::write(ctx.out, &view.json())?,
        PlanFormat::Markdown => view.markdown(ctx.out)?,
        PlanFormat::Text => view.text(ctx.out)?,
        PlanFormat::Ics => ics(ctx, &roadmap, &plan, args)?,
    }
    Ok(0)
}

/// The plan as an iCalendar file ([`crate::render::ics`]); weeks start at `--start`, else today.
fn ics(ctx: &mut Ctx, roadmap: &Roadmap, plan: &Plan, args: &PlanArgs) -> Result<()> {
    let Some(hours_per_week) = args.hours_per_week else {
        return Err(Error::Usage(msg!("error-ics-needs-pace")));
    };
    let (weeks, _) = plan::schedule(&plan.steps, hours_per_week);
    let start = match args.start {
        Some(d) => d,
        None => progress::today()?,
    };
    let steps = ics::steps(roadmap, plan, &weeks, ctx.lang(), ctx.loc);
    let goals: Vec<&str> = plan
        .goals
        .iter()
        .map(|&g| roadmap.topic(g).title_in(ctx.lang()))
        .collect();
    let name = ctx.loc.text(&msg!("ics-name", goals = goals.join(", ")));
    let options = ics::Options {
        name: &name,
        roadmap: &roadmap.meta.title,
        start,
        hours_per_week,
        stamp: progress::now()?,
        sessions: (!args.study_days.is_empty()).then(|| ics::Sessions {
            days: args.study_days.iter().map(|d| d.weekday()).collect(),
            at: args.study_time,
        }),
    };
    ctx.out
        .write_all(ics::calendar(&steps, &options).as_bytes())?;
    Ok(())
}

/// Steps formatted at a time when a large plan's lines are written from two threads: small
/// enough to hold three at once, large enough that handing one over costs nothing.
const LINES_PER_PIECE: usize = 4096;

/// A plan with its schedule, ready to print.
struct View<'a> {
    roadmap: &'a Roadmap,
    loc: &'static Localizer,
    plan: &'a Plan,
    lang: Option<&'a str>,
    known: Vec<TopicIx>,
    /// Topics marked as being learned, flagged in the steps.
    learning: HashSet<TopicIx>,
    hours_per_week: Option<f64>,
    start: Option<Date>,
    /// First and last week of each step, with a pace.
    weeks: Option<Vec<(u32, u32)>>,
    total_weeks: Option<u32>,
}

impl<'a> View<'a> {
    fn new(
        roadmap: &'a Roadmap,
        plan: &'a Plan,
        args: &PlanArgs,
        lang: Option<&'a str>,
        known: &HashSet<TopicIx>,
        loc: &'static Localizer,
    ) -> View<'a> {
        let mut known: Vec<TopicIx> = known.iter().copied().collect();
        known.sort_unstable();
        let schedule = args.hours_per_week.map(|h| plan::schedule(&plan.steps, h));
        View {
            loc,
            learning: HashSet::new(),
            roadmap,
            plan,
            lang,
            known,
            hours_per_week: args.hours_per_week,
            start: args.start,
            total_weeks: schedule.as_ref().map(|s| s.1),
            weeks: schedule.map(|s| s.0),
        }
    }

    fn id(&self, t: TopicIx) -> &'a str {
        &self.roadmap.topic(t).id
    }

    /// The title as text output shows it (on one line, nothing a terminal acts on).
    fn title(&self, t: TopicIx) -> Cow<'a, str> {
        terminal::line(self.roadmap.topic(t).title_in(self.lang))
    }

    /// The title, with `(learning)` after topics being learned now.
    fn title_marked(&self, t: TopicIx) -> Cow<'a, str> {
        if self.learning.contains(&t) {
            let title = self.title(t).into_owned();
            Cow::Owned(self.loc.text(&msg!("plan-learning", title = title)))
        } else {
            self.title(t)
        }
    }

    /// First day of week `w` (1-based) and last day of week `last`.
    fn dates(&self, first: u32, last: u32) -> Option<(Date, Date)> {
        let start = self.start?;
        // Week numbers past any calendar (from huge, if valid, hours) have no dates: `try_days`,
        // as `days` panics out of its range.
        let days = |n: i64| jiff::Span::new().try_days(n).ok();
        let from = start.checked_add(days(7 * (i64::from(first) - 1))?).ok()?;
        let to = start.checked_add(days(7 * i64::from(last) - 1)?).ok()?;
        Some((from, to))
    }

    /// A step's hours, `?` for a topic without an estimate (counted as 0 in totals), as in
    /// lists and trees.
    fn hours(&self, t: TopicIx) -> HoursOrUnknown {
        HoursOrUnknown(self.roadmap.topic(t).hours)
    }

    fn goal_names(&self) -> String {
        self.plan
            .goals
            .iter()
            .map(|&g| format!("{} ({})", self.title(g), self.id(g)))
            .collect::<Vec<_>>()
            .join(", ")
    }

    fn choice_line(&self, c: &plan::Choice) -> String {
        let alternatives: Vec<&str> = c.one_of.iter().map(|&a| self.id(a)).collect();
        self.loc.text(&msg!(
            "plan-choice",
            topic = self.id(c.topic),
            alternatives = alternatives.join(", "),
            chosen = self.id(c.chosen),
            reason = reason_text(self.loc, self.roadmap, c, true)
        ))
    }

    fn totals_line(&self) -> String {
        let mut line = self.loc.text(&msg!(
            "plan-totals",
            count = self.plan.steps.len(),
            hours = format_hours(self.plan.total_hours)
        ));
        if let (Some(h), Some(w)) = (self.hours_per_week, self.total_weeks) {
            line.push_str(&self.loc.text(&msg!(
                "plan-totals-pace",
                pace = format_hours(h),
                weeks = w
            )));
            if let Some((from, to)) = self.dates(1, w.max(1)) {
                line.push_str(&self.loc.text(&msg!(
                    "plan-totals-dates",
                    from = from.to_string(),
                    to = to.to_string()
                )));
            }
        }
        line
    }

    /// Weeks `a` to `b` of a step: `week 3` or `weeks 3-5`.
    fn weeks_text(&self, (a, b): (u32, u32)) -> String {
        match a == b {
            true => self.loc.text(&msg!("plan-week", week = a)),
            false => self.loc.text(&msg!("plan-weeks", from = a, to = b)),
        }
    }

    /// The lines above the steps: the goals, what is known, goals known already. `None` when
    /// there is nothing to learn (said already).
    fn preamble(&self, out: &mut dyn Write, markdown: bool) -> std::io::Result<bool> {
        let loc = self.loc;
        let goals = self.goal_names();
        if markdown {
            let heading = msg!("plan-for", goals = markdown_text(&goals));
            writeln!(out, "# {}", loc.text(&heading))?;
        } else {
            writeln!(
                out,
                "{}",
                paint(GOAL, loc.text(&msg!("plan-for", goals = goals)))
            )?;
        }
        if !self.known.is_empty() {
            let ids: Vec<String> = self
                .known
                .iter()
                .map(|&k| match markdown {
                    true => format!("`{}`", self.id(k)),
                    false => self.id(k).to_owned(),
                })
                .collect();
            let known = loc.text(&msg!("plan-known", ids = ids.join(", ")));
            match markdown {
                true => writeln!(out, "\n{known}")?,
                false => writeln!(out, "{}", paint(DIM, known))?,
            }
        }
        for &g in &self.plan.known_goals {
            let line = loc.text(&msg!("plan-goal-known", id = self.id(g)));
            writeln!(out, "{}{line}", if markdown { "\n" } else { "" })?;
        }
        if self.plan.steps.is_empty() {
            writeln!(out, "\n{}", loc.t("plan-nothing"))?;
            return Ok(false);
        }
        Ok(true)
    }

    fn text(&self, out: &mut dyn Write) -> std::io::Result<()> {
        if !self.preamble(out, false)? {
            return Ok(());
        }
        let loc = self.loc;
        let steps = &self.plan.steps;
        // The column names, in the interface's language, count in the columns' widths.
        let [number, topic, title, hours, total, weeks] = [
            "plan-column-number",
            "plan-column-topic",
            "plan-column-title",
            "plan-column-hours",
            "plan-column-total",
            "plan-column-weeks",
        ]
        .map(|id| loc.t(id));
        let num_width = steps.len().to_string().len().max(width(&number) - 1);
        // Ids of a valid roadmap are ASCII letters, digits and `-_.+` (`is_valid_id`): as many
        // columns as bytes.
        let id_width = steps
            .iter()
            .map(|s| self.id(s.topic).len())
            .chain([width(&topic)])
            .max()
            .unwrap_or(0);
        // Each title is made safe to show once, measured and kept for its line: at 100,000
        // steps, reading every title again for the lines cost as much as the rest of the
        // printing. On a large plan, a core per part of the steps.
        let titles: Vec<(Cow<'a, str>, usize)> = parallel::on_all_cores(
            parallel::ranges(steps.len()),
            |range: Range<usize>| -> Vec<(Cow<'a, str>, usize)> {
                steps[range]
                    .iter()
                    .map(|s| {
                        let title = self.title_marked(s.topic);
                        let w = shown_width(&title);
                        (title, w)
                    })
                    .collect()
            },
        )
        .concat();
        let title_width = titles
            .iter()
            .map(|t| t.1)
            .chain([width(&title)])
            .max()
            .unwrap_or(0);
        let hours_width = 6.max(width(&hours));
        let total_width = (format_hours(self.plan.total_hours).len() + 2).max(width(&total));
        let mut header = String::with_capacity(128);
        spaces(&mut header, 2 + num_width + 1 - width(&number));
        header.push_str(&number);
        header.push(' ');
        header.push_str(&topic);
        spaces(&mut header, id_width - width(&topic) + 2);
        header.push_str(&title);
        spaces(&mut header, title_width - width(&title) + 2);
        spaces(&mut header, hours_width - width(&hours));
        header.push_str(&hours);
        spaces(&mut header, 2 + total_width - width(&total));
        header.push_str(&total);
        if self.weeks.is_some() {
            header.push_str("  ");
            header.push_str(&weeks);
        }
        writeln!(out, "\n{}", paint(DIM, header))?;
        // The steps' lines, a stage's heading before its first step; on a large plan formatted
        // on two cores while they are written.
        let stage_of = |i: usize| self.roadmap.topic(steps[i].topic).stage;
        let lines = |range: Range<usize>, text: &mut String| {
            let mut line = String::with_capacity(256);
            for i in range {
                let s = &steps[i];
                let st = stage_of(i);
                if i == 0 || stage_of(i - 1) != st {
                    let heading = self.roadmap.stages[st as usize].title_in(self.lang);
                    let _ = writeln!(text, "\n{}", paint(HEADING, terminal::line(heading)));
                }
                let id = self.id(s.topic);
                let (title, shown) = &titles[i];
                line.clear();
                let _ = write!(line, "  {:>num_width$}. {}", i + 1, paint(ID, id));
                spaces(&mut line, id_width - id.len() + 2);
                line.push_str(title);
                spaces(&mut line, title_width - shown + 2);
                let _ = write!(
                    line,
                    "{}  {}",
                    paint(
                        HOURS,
                        format_args!("{:>w$} h", self.hours(s.topic), w = hours_width - 2)
                    ),
                    paint(
                        DIM,
                        format_args!("{:>w$} h", HoursText(s.running_total), w = total_width - 2)
                    ),
                );
                if let Some(weeks) = &self.weeks {
                    line.push_str("  ");
                    line.push_str(&self.weeks_text(weeks[i]));
                    if let Some((from, to)) = self.dates(weeks[i].0, weeks[i].1) {
                        // The message holds its own separator (none before Chinese brackets).
                        line.push_str(&loc.text(&msg!(
                            "plan-dates",
                            from = from.to_string(),
                            to = to.to_string()
                        )));
                    }
                }
                text.push_str(line.trim_end());
                text.push('\n');
            }
        };
        parallel::write_in_pieces(out, steps.len(), LINES_PER_PIECE, lines)?;
        if !self.plan.choices.is_empty() {
            writeln!(out, "\n{}", paint(HEADING, loc.t("plan-choices")))?;
            for c in &self.plan.choices {
                writeln!(out, "  {}", self.choice_line(c))?;
            }
            if !self.plan.exact {
                writeln!(out, "  {}", paint(DIM, loc.t("plan-inexact")))?;
            }
        }
        let path: Vec<&str> = self
            .plan
            .critical_path
            .iter()
            .map(|&t| self.id(t))
            .collect();
        let critical = msg!(
            "plan-critical-path",
            hours = format_hours(self.plan.critical_hours),
            path = path.join(" -> ")
        );
        writeln!(out, "\n{}", paint(HEADING, loc.text(&critical)))?;
        writeln!(
            out,
            "{} {}",
            paint(HEADING, loc.t("plan-total")),
            self.totals_line()
        )
    }

    fn markdown(&self, out: &mut dyn Write) -> std::io::Result<()> {
        if !self.preamble(out, true)? {
            return Ok(());
        }
        let mut stage = None;
        for (i, s) in self.plan.steps.iter().enumerate() {
            let st = self.roadmap.topic(s.topic).stage;
            if stage != Some(st) {
                stage = Some(st);
                writeln!(
                    out,
                    "\n## {}\n",
                    markdown_text(&terminal::line(
                        self.roadmap.stages[st as usize].title_in(self.lang)
                    ))
                )?;
            }
            let mut line = format!(
                "- [ ] {} ({}), {} h",
                markdown_text(&self.title_marked(s.topic)),
                self.id(s.topic),
                self.hours(s.topic)
            );
            if let Some(weeks) = &self.weeks {
                line.push_str(", ");
                line.push_str(&self.weeks_text(weeks[i]));
            }
            writeln!(out, "{line}")?;
        }
        if !self.plan.choices.is_empty() {
            writeln!(out, "\n## {}\n", self.loc.t("plan-choices"))?;
            for c in &self.plan.choices {
                writeln!(out, "- {}", self.choice_line(c))?;
            }
            if !self.plan.exact {
                writeln!(out, "\n{}", self.loc.t("plan-inexact"))?;
            }
        }
        writeln!(
            out,
            "\n**{}:** {}",
            self.loc.t("plan-total"),
            self.totals_line()
        )
    }

    fn json(&self) -> PlanJson<'a> {
        let id = |t: &TopicIx| self.id(*t);
        PlanJson {
            goals: self.plan.goals.iter().map(id).collect(),
            known: self.known.iter().map(id).collect(),
            steps: self
                .plan
                .steps
                .iter()
                .enumerate()
                .map(|(i, s)| {
                    let weeks = self.weeks.as_ref().map(|w| w[i]);
                    let dates = weeks.and_then(|(a, b)| self.dates(a, b));
                    StepJson {
                        id: self.id(s.topic),
                        title: self.roadmap.topic(s.topic).title_in(self.lang),
                        stage: &self.roadmap.stage_of(s.topic).id,
                        hours: self.roadmap.topic(s.topic).hours.map(Hours),
                        requires: s.requires.iter().map(id).collect(),
                        learning: self.learning.contains(&s.topic),
                        week_start: weeks.map(|w| w.0),
                        week_end: weeks.map(|w| w.1),
                        date_start: dates.map(|d| d.0.to_string()),
                        date_end: dates.map(|d| d.1.to_string()),
                    }
                })
                .collect(),
            choices: self
                .plan
                .choices
                .iter()
                .map(|c| ChoiceJson::of(self.roadmap, c))
                .collect(),
            choices_exact: self.plan.exact,
            total_hours: Hours(self.plan.total_hours),
            hours_per_week: self.hours_per_week.map(Hours),
            weeks: self.total_weeks,
            critical_path: CriticalJson {
                topics: self.plan.critical_path.iter().map(id).collect(),
                hours: Hours(self.plan.critical_hours),
            },
        }
    }
}

/// Why a choice was made, as printed: the reason, and with `hours`, for a choice made by cost, what
/// each alternative adds (`cheapest: adds 20 h; pytorch would add 25 h, tensorflow 25 h`).
pub fn reason_text(loc: &Localizer, roadmap: &Roadmap, c: &plan::Choice, hours: bool) -> String {
    let id = |t: TopicIx| roadmap.topic(t).id.as_str();
    let name = match (c.reason, c.needed_by) {
        (plan::Reason::Known, _) => return loc.t("choice-known"),
        (plan::Reason::Preferred, _) => return loc.t("choice-preferred"),
        (plan::Reason::Learning, _) => return loc.t("choice-learning"),
        (plan::Reason::InPlan, Some(by)) => {
            return loc.text(&msg!("choice-needed-by", id = id(by)));
        }
        (plan::Reason::InPlan, None) => return loc.t("choice-goal"),
        (plan::Reason::Cheapest, _) => loc.t("choice-cheapest"),
        (plan::Reason::First, _) => loc.t("choice-first-listed"),
        (plan::Reason::Tie, _) => loc.t("choice-tie"),
    };
    if !hours {
        return name;
    }
    let added = |i: usize| format_hours(c.added.get(i).copied().unwrap_or(0.0));
    let own = c.one_of.iter().position(|&a| a == c.chosen).unwrap_or(0);
    let mut others: Vec<String> = Vec::new();
    for (i, &a) in c.one_of.iter().enumerate() {
        if a != c.chosen && !c.one_of[..i].contains(&a) {
            let id = id(a);
            others.push(if others.is_empty() {
                loc.text(&msg!("choice-would-add", id = id, hours = added(i)))
            } else {
                loc.text(&msg!("choice-also", id = id, hours = added(i)))
            });
        }
    }
    if others.is_empty() {
        loc.text(&msg!("choice-adds", reason = name, hours = added(own)))
    } else {
        loc.text(&msg!(
            "choice-adds-others",
            reason = name,
            hours = added(own),
            others = others.join(&loc.t("list-separator"))
        ))
    }
}

/// Hours, or `?` when there is no estimate; honours width and alignment.
struct HoursOrUnknown(Option<f64>);

impl std::fmt::Display for HoursOrUnknown {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0 {
            Some(h) => HoursText(h).fmt(f),
            None => f.pad("?"),
        }
    }
}

/// Escapes the characters that would turn a title into Markdown markup.
fn markdown_text(text: &str) -> String {
    let mut s = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|'
        ) {
            s.push('\\');
        }
        s.push(if c == '\n' { ' ' } else { c });
    }
    s
}

#[derive(Serialize)]
struct PlanJson<'a> {
    goals: Vec<&'a str>,
    known: Vec<&'a str>,
    steps: Vec<StepJson<'a>>,
    choices: Vec<ChoiceJson<'a>>,
    choices_exact: bool,
    total_hours: Hours,
    hours_per_week: Option<Hours>,
    weeks: Option<u32>,
    critical_path: CriticalJson<'a>,
}

#[derive(Serialize)]
struct StepJson<'a> {
    id: &'a str,
    title: &'a str,
    stage: &'a str,
    /// `null` for a topic without an estimate (counted as 0 in totals).
    hours: Option<Hours>,
    requires: Vec<&'a str>,
    learning: bool,
    week_start: Option<u32>,
    week_end: Option<u32>,
    date_start: Option<String>,
    date_end: Option<String>,
}

/// A `one_of` choice as `plan --format json` gives it (and the HTML page embeds it).
#[derive(Serialize)]
pub(crate) struct ChoiceJson<'a> {
    topic: &'a str,
    one_of: Vec<&'a str>,
    chosen: &'a str,
    reason: &'static str,
    needed_by: Option<&'a str>,
    added_hours: Option<Vec<Hours>>,
}

impl<'a> ChoiceJson<'a> {
    pub(crate) fn of(roadmap: &'a Roadmap, c: &plan::Choice) -> ChoiceJson<'a> {
        let id = |t: TopicIx| roadmap.topic(t).id.as_str();
        ChoiceJson {
            topic: id(c.topic),
            one_of: c.one_of.iter().map(|&t| id(t)).collect(),
            chosen: id(c.chosen),
            reason: c.reason.as_str(),
            needed_by: c.needed_by.map(id),
            added_hours: (!c.added.is_empty()).then(|| c.added.iter().map(|&h| Hours(h)).collect()),
        }
    }
}

#[derive(Serialize)]
struct CriticalJson<'a> {
    topics: Vec<&'a str>,
    hours: Hours,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_titles_cannot_inject_markup() {
        assert_eq!(markdown_text("C++ [intro] *x*"), "C++ \\[intro\\] \\*x\\*");
        assert_eq!(markdown_text("a\nb"), "a b");
    }
}
