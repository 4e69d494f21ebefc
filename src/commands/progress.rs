//! `roadmap progress`: mark topics done, learning or skipped in the learner's progress file, and
//! show how far along they are. The file's safety rules live in [`crate::progress`].

use crate::terminal::{self, line};
use hashbrown::HashSet;

use serde::Serialize;

use crate::cli::{ProgressAction, ProgressArgs, TextOrJson};
use crate::commands::Ctx;
use crate::error::Result;
use crate::forecast;
use crate::lookup;
use crate::model::{Requirement, Roadmap, TopicIx, TopicKind, format_hours, round_hours};
use crate::msg;
use crate::plan;
use crate::progress::{self, Entry, Progress, State};
use crate::render::json::{self, Hours};
use crate::render::text::{DIM, HEADING, HOURS, ID, pad, pad_styled, paint, width};

pub fn run(ctx: &mut Ctx, args: &ProgressArgs) -> Result<u8> {
    let roadmap = ctx.roadmap()?;
    match &args.action {
        ProgressAction::Done {
            topics,
            with_prereqs,
        } => mark(ctx, &roadmap, topics, Some(State::Done), *with_prereqs),
        ProgressAction::Learning { topics } => {
            mark(ctx, &roadmap, topics, Some(State::Learning), false)
        }
        ProgressAction::Skip { topics } => mark(ctx, &roadmap, topics, Some(State::Skipped), false),
        ProgressAction::Reset { topics } => mark(ctx, &roadmap, topics, None, false),
        ProgressAction::Status {
            goals,
            hours_per_week,
            format,
        } => status(ctx, &roadmap, goals, *hours_per_week, *format),
        ProgressAction::Path => {
            let path = ctx.progress_path(&roadmap)?;
            writeln!(ctx.out, "{}", line(&path.display().to_string()))?;
            Ok(0)
        }
    }
}

/// Entries of the file for topics this roadmap does not have: kept, and said so.
fn warn_unknown(ctx: &mut Ctx, roadmap: &Roadmap, progress: &Progress) -> Result<()> {
    let unknown = unknown_entries(roadmap, progress);
    if !unknown.is_empty() {
        // Ids from the file, which may hold anything a string can: `warn` escapes them.
        ctx.warn(&msg!(
            "progress-unknown-entries",
            count = unknown.len(),
            ids = unknown.join(", ")
        ))?;
    }
    Ok(())
}

fn unknown_entries<'p>(roadmap: &Roadmap, progress: &'p Progress) -> Vec<&'p str> {
    progress
        .topics
        .keys()
        .filter(|id| roadmap.index_of(id).is_none())
        .map(String::as_str)
        .collect()
}

/// Topics marked as being learned, as indices of this roadmap.
pub fn learning_in(roadmap: &Roadmap, progress: &Progress) -> HashSet<TopicIx> {
    progress
        .topics
        .iter()
        .filter(|(_, e)| e.state == State::Learning)
        .filter_map(|(id, _)| roadmap.index_of(id))
        .collect()
}

/// Topics marked done or skipped, as indices of this roadmap.
pub fn known_in(roadmap: &Roadmap, progress: &Progress) -> HashSet<TopicIx> {
    progress
        .topics
        .iter()
        .filter(|(_, e)| e.state.is_known())
        .filter_map(|(id, _)| roadmap.index_of(id))
        .collect()
}

fn mark(
    ctx: &mut Ctx,
    roadmap: &Roadmap,
    topics: &[String],
    state: Option<State>,
    with_prereqs: bool,
) -> Result<u8> {
    let path = ctx.progress_path(roadmap)?;
    // `reset` also takes the ids of entries the roadmap no longer has (kept, never dropped
    // silently), so that they can be removed on purpose.
    let mut orphans: Vec<String> = Vec::new();
    let named = if state.is_none() {
        lookup::names_something(topics)?;
        let file = Progress::read(&path, &roadmap.meta.title)?;
        let mut named = Vec::new();
        for q in topics
            .iter()
            .flat_map(|q| q.split(','))
            .map(str::trim)
            .filter(|q| !q.is_empty())
        {
            match lookup::topic(roadmap, q) {
                Ok(t) if !named.contains(&t) => named.push(t),
                Ok(_) => {}
                Err(_) if file.topics.contains_key(q) && roadmap.index_of(q).is_none() => {
                    orphans.push(q.to_owned())
                }
                Err(e) => return Err(e),
            }
        }
        named
    } else {
        lookup::goals(roadmap, topics)?
    };
    let today = progress::today()?;
    let (changed, unchanged, snapshot) = progress::update(&path, &roadmap.meta.title, |p| {
        let orphans_removed = orphans
            .iter()
            .filter(|o| p.topics.remove(*o).is_some())
            .count();
        let mut targets = named.clone();
        if with_prereqs {
            let options = plan::Options {
                known: known_in(roadmap, p),
                learning: learning_in(roadmap, p),
                ..plan::Options::default()
            };
            let plan = plan::plan(roadmap, &named, &options);
            for s in &plan.steps {
                if !targets.contains(&s.topic) {
                    targets.push(s.topic);
                }
            }
        }
        let mut changed = Vec::new();
        let mut unchanged = Vec::new();
        for &t in &targets {
            let id = roadmap.topic(t).id.clone();
            let before = p.topics.get(&id).map(|e| e.state);
            if before == state {
                unchanged.push(t);
                continue;
            }
            match state {
                Some(state) => {
                    p.topics.insert(id, Entry { state, date: today });
                }
                None => {
                    p.topics.remove(&id);
                }
            }
            changed.push(t);
        }
        let any = !changed.is_empty() || orphans_removed > 0;
        Ok(((changed, unchanged, p.clone()), any))
    })?;
    let loc = ctx.loc;
    let ids = |list: &[TopicIx]| {
        list.iter()
            .map(|&t| paint(ID, &roadmap.topic(t).id).to_string())
            .collect::<Vec<_>>()
            .join(", ")
    };
    if !orphans.is_empty() {
        let removed = msg!("progress-removed", ids = orphans.join(", "));
        writeln!(ctx.out, "{}", line(&loc.text(&removed)))?;
    }
    if !changed.is_empty() {
        let what = msg!(
            "progress-marked",
            state = state.map_or("reset", State::as_str),
            count = changed.len(),
            ids = ids(&changed)
        );
        writeln!(ctx.out, "{}", loc.text(&what))?;
    }
    if !unchanged.is_empty() {
        let unchanged = msg!(
            "progress-unchanged",
            state = state.map_or("reset", State::as_str),
            ids = ids(&unchanged)
        );
        writeln!(ctx.out, "{}", paint(DIM, loc.text(&unchanged)))?;
    }
    if state == Some(State::Done) {
        write_unmet_notes(ctx, roadmap, &snapshot, &changed)?;
    }
    warn_unknown(ctx, roadmap, &snapshot)?;
    Ok(0)
}

/// A note for each topic just marked done whose requirements are not done (nor skipped).
fn write_unmet_notes(
    ctx: &mut Ctx,
    roadmap: &Roadmap,
    progress: &Progress,
    marked: &[TopicIx],
) -> Result<()> {
    let known = known_in(roadmap, progress);
    for &t in marked {
        let mut missing = Vec::new();
        for req in &roadmap.topic(t).requires {
            match req {
                Requirement::Topic(r) if !known.contains(r) => {
                    missing.push(format!("`{}`", roadmap.topic(*r).id))
                }
                Requirement::OneOf(group)
                    if !group.alternatives.iter().any(|a| known.contains(a)) =>
                {
                    let alternatives = &group.alternatives;
                    let alts: Vec<&str> = alternatives
                        .iter()
                        .map(|&a| roadmap.topic(a).id.as_str())
                        .collect();
                    let one_of = msg!("progress-one-of", ids = alts.join("`, `"));
                    missing.push(ctx.loc.text(&one_of));
                }
                _ => {}
            }
        }
        if !missing.is_empty() {
            let note = msg!(
                "progress-unmet",
                id = roadmap.topic(t).id.as_str(),
                missing = missing.join(&ctx.loc.t("progress-and"))
            );
            writeln!(
                ctx.err,
                "{}: {}",
                ctx.loc.t("level-note"),
                terminal::text(&ctx.loc.text(&note))
            )?;
        }
    }
    Ok(())
}

#[derive(Serialize, Default)]
struct Tally<'a> {
    #[serde(skip_serializing_if = "str::is_empty")]
    id: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    title: &'a str,
    topics: usize,
    done: usize,
    skipped: usize,
    learning: usize,
    hours_total: Hours,
    /// Hours of the topics done or skipped.
    hours_covered: Hours,
    percent: u32,
}

impl Tally<'_> {
    fn add(&mut self, roadmap: &Roadmap, progress: &Progress, t: TopicIx) {
        let topic = roadmap.topic(t);
        let h = topic.hours_or_zero();
        self.topics += 1;
        self.hours_total.0 += h;
        match progress.state(&topic.id) {
            Some(State::Done) => self.done += 1,
            Some(State::Skipped) => self.skipped += 1,
            Some(State::Learning) => self.learning += 1,
            None => {}
        }
        if progress.state(&topic.id).is_some_and(State::is_known) {
            self.hours_covered.0 += h;
        }
    }

    fn finish(&mut self) {
        self.hours_total.0 = round_hours(self.hours_total.0);
        self.hours_covered.0 = round_hours(self.hours_covered.0);
        self.percent = if self.hours_total.0 > 0.0 {
            (100.0 * self.hours_covered.0 / self.hours_total.0).floor() as u32
        } else {
            (100 * self.covered()).checked_div(self.topics).unwrap_or(0) as u32
        };
    }

    fn covered(&self) -> usize {
        self.done + self.skipped
    }
}

#[derive(Serialize)]
struct GoalJson<'a> {
    id: &'a str,
    title: &'a str,
    hours_total: Hours,
    hours_left: Hours,
    /// When the goal's hours left are done at the pace (null when the pace is unknown).
    finish: Option<String>,
}

#[derive(Serialize)]
struct StatusJson<'a> {
    file: String,
    roadmap: &'a str,
    /// The goals whose plan the counts cover, their ids joined by `,`; null for the whole
    /// roadmap.
    goal: Option<String>,
    topics_total: usize,
    /// Topics marked done or skipped.
    topics_done: usize,
    hours_left: Hours,
    pace_hours_per_week: Option<Hours>,
    /// `given` (--hours-per-week), `measured`, or null when unknown.
    pace_source: Option<&'static str>,
    finish: Option<String>,
    stages: Vec<Tally<'a>>,
    overall: Tally<'a>,
    goals: Vec<GoalJson<'a>>,
    learning: Vec<&'a str>,
    unknown_entries: Vec<&'a str>,
}

fn bar(part: usize, whole: usize) -> String {
    const CELLS: usize = 10;
    let filled = (CELLS * part + whole / 2).checked_div(whole).unwrap_or(0);
    format!("{}{}", "█".repeat(filled), "░".repeat(CELLS - filled))
}

fn status(
    ctx: &mut Ctx,
    roadmap: &Roadmap,
    goals: &[String],
    pace: Option<f64>,
    format: TextOrJson,
) -> Result<u8> {
    let path = ctx.progress_path(roadmap)?;
    let progress = Progress::read(&path, &roadmap.meta.title)?;
    let lang = ctx.lang();
    let loc = ctx.loc;
    let today = progress::today()?;
    let known = known_in(roadmap, &progress);
    let learning = learning_in(roadmap, &progress);
    let asked = lookup::goals(roadmap, goals)?;
    let plan_of = |goals: &[TopicIx], known: HashSet<TopicIx>, prefer: Vec<TopicIx>| {
        let options = plan::Options {
            known,
            prefer,
            learning: learning.clone(),
            ..plan::Options::default()
        };
        plan::plan(roadmap, goals, &options)
    };
    // With goals, the counts cover their plan with what the learner knows in it: the plan made
    // from scratch, taking the alternatives they learned (a known `r` stands for `python`).
    let scope: Option<HashSet<TopicIx>> = (!asked.is_empty()).then(|| {
        // Done before skipped: of two known alternatives, the one studied is the one used.
        let mut prefer: Vec<TopicIx> = known.iter().copied().collect();
        let skipped = |t: &TopicIx| progress.state(&roadmap.topic(*t).id) == Some(State::Skipped);
        prefer.sort_unstable_by_key(|t| (skipped(t), *t));
        let plan = plan_of(&asked, HashSet::new(), prefer);
        plan.steps.iter().map(|s| s.topic).collect()
    });
    // Roles are goals, not study topics: stages are tallied over topics only.
    let mut stages: Vec<Tally> = Vec::new();
    let mut overall = Tally::default();
    for t in roadmap.topics_in_stage_order() {
        if roadmap.topic(t).kind == TopicKind::Role
            || scope.as_ref().is_some_and(|s| !s.contains(&t))
        {
            continue;
        }
        let stage = roadmap.stage_of(t);
        if stages.last().is_none_or(|s| s.id != stage.id) {
            stages.push(Tally {
                id: &stage.id,
                title: stage.title_in(lang),
                ..Tally::default()
            });
        }
        let last = stages.len() - 1;
        stages[last].add(roadmap, &progress, t);
        overall.add(roadmap, &progress, t);
    }
    stages.iter_mut().for_each(Tally::finish);
    overall.finish();
    let hours_left = match asked.is_empty() {
        true => round_hours(overall.hours_total.0 - overall.hours_covered.0),
        false => plan_of(&asked, known.clone(), Vec::new()).total_hours,
    };
    let pace = match pace {
        Some(h) => Some(forecast::Pace {
            hours_per_week: h,
            given: true,
        }),
        None => forecast::measured(roadmap, &progress, today),
    };
    let finish = |left: f64| {
        pace.and_then(|p| forecast::finish(left, p.hours_per_week, today))
            .map(|d| d.to_string())
    };
    // Without goals, each role's hours; with goals, each goal's.
    let goal_ixs: Vec<TopicIx> = match asked.is_empty() {
        true => roadmap
            .topics_in_stage_order()
            .into_iter()
            .filter(|&t| roadmap.topic(t).kind == TopicKind::Role)
            .collect(),
        false => asked.clone(),
    };
    let goals_json: Vec<GoalJson> = goal_ixs
        .iter()
        .map(|&g| {
            let left = plan_of(&[g], known.clone(), Vec::new()).total_hours;
            GoalJson {
                id: &roadmap.topic(g).id,
                title: roadmap.topic(g).title_in(lang),
                hours_total: Hours(plan_of(&[g], HashSet::new(), Vec::new()).total_hours),
                hours_left: Hours(left),
                finish: finish(left),
            }
        })
        .collect();
    let learning: Vec<TopicIx> = roadmap
        .topics_in_stage_order()
        .into_iter()
        .filter(|t| progress.state(&roadmap.topic(*t).id) == Some(State::Learning))
        .collect();
    warn_unknown(ctx, roadmap, &progress)?;
    let goal_ids = (!asked.is_empty()).then(|| {
        let ids: Vec<&str> = asked
            .iter()
            .map(|&g| roadmap.topic(g).id.as_str())
            .collect();
        ids.join(",")
    });
    if format == TextOrJson::Json {
        let value = StatusJson {
            file: path.display().to_string(),
            roadmap: &roadmap.meta.title,
            goal: goal_ids,
            topics_total: overall.topics,
            topics_done: overall.covered(),
            hours_left: Hours(hours_left),
            pace_hours_per_week: pace.map(|p| Hours(p.hours_per_week)),
            pace_source: pace.map(|p| if p.given { "given" } else { "measured" }),
            finish: finish(hours_left),
            stages,
            overall,
            goals: goals_json,
            learning: learning
                .iter()
                .map(|&t| roadmap.topic(t).id.as_str())
                .collect(),
            unknown_entries: unknown_entries(roadmap, &progress),
        };
        json::write(ctx.out, &value)?;
        return Ok(0);
    }
    let out = &mut *ctx.out;
    let heading = match asked.is_empty() {
        true => msg!(
            "status-heading",
            roadmap = line(roadmap.meta.title_in(lang)).into_owned()
        ),
        false => {
            let names: Vec<String> = asked
                .iter()
                .map(|&g| {
                    let t = roadmap.topic(g);
                    format!("{} ({})", line(t.title_in(lang)), t.id)
                })
                .collect();
            msg!("status-heading-goals", goals = names.join(", "))
        }
    };
    writeln!(out, "{}", paint(HEADING, loc.text(&heading)))?;
    let file = msg!(
        "status-file",
        path = line(&path.display().to_string()).into_owned()
    );
    writeln!(out, "{}", paint(DIM, loc.text(&file)))?;
    writeln!(out)?;
    let overall_label = loc.t("status-overall");
    let title_width = stages
        .iter()
        .map(|s| width(s.title))
        .chain([width(&overall_label)])
        .max()
        .unwrap_or(0);
    let count_width = overall.topics.to_string().len();
    let topics_word = loc.t("status-topics");
    let row = |label: &str, t: &Tally| {
        format!(
            "  {}  {}  {:>cw$}/{:<cw$} {topics_word}  {}",
            pad(label, title_width),
            bar(t.covered(), t.topics),
            t.covered(),
            t.topics,
            paint(
                HOURS,
                format!(
                    "{}/{} h",
                    format_hours(t.hours_covered.0),
                    format_hours(t.hours_total.0)
                )
            ),
            cw = count_width,
        )
    };
    for s in &stages {
        writeln!(out, "{}", row(s.title, s))?;
    }
    writeln!(
        out,
        "\n{}  {}%",
        row(&overall_label, &overall),
        overall.percent
    )?;
    // The forecast: hours left, pace, finish, under labels in one column.
    let labels = ["status-hours-left", "status-pace", "status-finish"].map(|id| loc.t(id));
    let label_width = labels.iter().map(|l| width(l)).max().unwrap_or(0);
    let label = |i: usize| paint(HEADING, pad(&labels[i], label_width));
    writeln!(out)?;
    if asked.is_empty() {
        let left = msg!("status-hours-left-all", hours = format_hours(hours_left));
        writeln!(out, "{}  {}", label(0), loc.text(&left))?;
    } else {
        // One goal's total is in its row; several goals share topics: their merged plan.
        let total = match goals_json.as_slice() {
            [one] => one.hours_total.0,
            _ => plan_of(&asked, HashSet::new(), Vec::new()).total_hours,
        };
        let left = msg!(
            "status-hours-left-of",
            left = format_hours(hours_left),
            total = format_hours(total)
        );
        writeln!(out, "{}  {}", label(0), paint(HOURS, loc.text(&left)))?;
    }
    let pace_text = match pace {
        Some(p) if p.given => msg!("status-pace-given", pace = format_hours(p.hours_per_week)),
        Some(p) => msg!(
            "status-pace-measured",
            pace = format_hours(p.hours_per_week)
        ),
        None => msg!("status-pace-unknown"),
    };
    writeln!(out, "{}  {}", label(1), loc.text(&pace_text))?;
    if pace.is_some() {
        let when = match finish(hours_left) {
            Some(date) => msg!("status-finish-at", date = date),
            None => msg!("status-finish-never"),
        };
        writeln!(out, "{}  {}", label(2), loc.text(&when))?;
    }
    if asked.is_empty() && !goals_json.is_empty() {
        writeln!(out, "\n{}", paint(HEADING, loc.t("status-roles")))?;
        let id_width = goals_json.iter().map(|g| width(g.id)).max().unwrap_or(0);
        for g in &goals_json {
            let left = msg!(
                "status-hours-left-of",
                left = format!("{:>5}", format_hours(g.hours_left.0)),
                total = format_hours(g.hours_total.0)
            );
            let mut row = format!(
                "  {}  {}",
                pad_styled(paint(ID, g.id), g.id, id_width),
                paint(HOURS, loc.text(&left))
            );
            if let Some(date) = &g.finish {
                row.push_str("  ");
                row.push_str(&loc.text(&msg!("status-finish-date", date = date.as_str())));
            }
            writeln!(out, "{}", row.trim_end())?;
        }
    }
    if !learning.is_empty() {
        writeln!(out, "\n{}", paint(HEADING, loc.t("status-learning")))?;
        let id_width = learning
            .iter()
            .map(|&t| width(&roadmap.topic(t).id))
            .max()
            .unwrap_or(0);
        for &t in &learning {
            let topic = roadmap.topic(t);
            writeln!(
                out,
                "  {}  {}",
                pad_styled(paint(ID, &topic.id), &topic.id, id_width),
                line(topic.title_in(lang))
            )?;
        }
    }
    Ok(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_round_to_the_nearest_cell() {
        assert_eq!(bar(8, 10), "████████░░");
        assert_eq!(bar(0, 0), "░░░░░░░░░░");
        assert_eq!(bar(1, 3), "███░░░░░░░");
        assert_eq!(bar(3, 3), "██████████");
    }
}
