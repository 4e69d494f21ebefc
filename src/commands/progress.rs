//! `roadmap progress`: mark topics done, learning or skipped in the learner's progress file, and
//! show how far along they are. The file's safety rules live in [`crate::progress`].

use crate::terminal::line;
use hashbrown::HashSet;

use serde::Serialize;

use crate::cli::{ProgressAction, ProgressArgs, TextOrJson};
use crate::commands::Ctx;
use crate::error::Result;
use crate::lookup;
use crate::model::{Requirement, Roadmap, TopicIx, TopicKind, format_hours, round_hours};
use crate::plan;
use crate::progress::{self, Entry, Progress, State};
use crate::render::json::{self, Hours};
use crate::render::text::{DIM, HEADING, HOURS, ID, WARN, pad, pad_styled, paint, width};

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
        ProgressAction::Status { goals, format } => status(ctx, &roadmap, goals, *format),
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
        writeln!(
            ctx.err,
            "{} the progress file keeps {} entr{} for topics this roadmap does not have: {} (left as they are)",
            paint(WARN, "warning:"),
            unknown.len(),
            if unknown.len() == 1 { "y" } else { "ies" },
            // Ids from the file, which may hold anything a string can.
            line(&unknown.join(", "))
        )?;
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
    let verb = match state {
        Some(State::Done) => "done",
        Some(State::Learning) => "learning",
        Some(State::Skipped) => "skipped",
        None => "reset",
    };
    let ids = |list: &[TopicIx]| {
        list.iter()
            .map(|&t| paint(ID, &roadmap.topic(t).id).to_string())
            .collect::<Vec<_>>()
            .join(", ")
    };
    if !orphans.is_empty() {
        writeln!(
            ctx.out,
            "Removed {} (not in this roadmap)",
            line(&orphans.join(", "))
        )?;
    }
    if !changed.is_empty() {
        let n = changed.len();
        let what = if state.is_some() {
            format!("Marked {n} topic{} {verb}", if n == 1 { "" } else { "s" })
        } else {
            format!("Reset {n} topic{}", if n == 1 { "" } else { "s" })
        };
        writeln!(ctx.out, "{what}: {}", ids(&changed))?;
    }
    if !unchanged.is_empty() {
        let already = if state.is_some() {
            format!("already {verb}")
        } else {
            "not marked".to_owned()
        };
        writeln!(
            ctx.out,
            "{}",
            paint(DIM, format!("Unchanged ({already}): {}", ids(&unchanged)))
        )?;
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
                    missing.push(format!("one of (`{}`)", alts.join("`, `")));
                }
                _ => {}
            }
        }
        if !missing.is_empty() {
            writeln!(
                ctx.err,
                "note: `{}` requires {}, not marked done (use --with-prereqs to mark them too)",
                roadmap.topic(t).id,
                missing.join(" and ")
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
}

#[derive(Serialize)]
struct StatusJson<'a> {
    file: String,
    roadmap: &'a str,
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

fn status(ctx: &mut Ctx, roadmap: &Roadmap, goals: &[String], format: TextOrJson) -> Result<u8> {
    let path = ctx.progress_path(roadmap)?;
    let progress = Progress::read(&path, &roadmap.meta.title)?;
    let lang = ctx.lang();
    let goal_ixs = if goals.is_empty() {
        roadmap
            .topics_in_stage_order()
            .into_iter()
            .filter(|&t| roadmap.topic(t).kind == TopicKind::Role)
            .collect()
    } else {
        lookup::goals(roadmap, goals)?
    };
    // Roles are goals, not study topics: stages are tallied over topics only.
    let mut stages: Vec<Tally> = Vec::new();
    let mut overall = Tally::default();
    for t in roadmap.topics_in_stage_order() {
        if roadmap.topic(t).kind == TopicKind::Role {
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
    let known = known_in(roadmap, &progress);
    let learning = learning_in(roadmap, &progress);
    let goals_json: Vec<GoalJson> = goal_ixs
        .iter()
        .map(|&g| {
            let hours = |known: HashSet<TopicIx>| {
                let options = plan::Options {
                    known,
                    learning: learning.clone(),
                    ..plan::Options::default()
                };
                Hours(plan::plan(roadmap, &[g], &options).total_hours)
            };
            GoalJson {
                id: &roadmap.topic(g).id,
                title: roadmap.topic(g).title_in(lang),
                hours_total: hours(HashSet::new()),
                hours_left: hours(known.clone()),
            }
        })
        .collect();
    let learning: Vec<TopicIx> = roadmap
        .topics_in_stage_order()
        .into_iter()
        .filter(|t| progress.state(&roadmap.topic(*t).id) == Some(State::Learning))
        .collect();
    warn_unknown(ctx, roadmap, &progress)?;
    if format == TextOrJson::Json {
        let value = StatusJson {
            file: path.display().to_string(),
            roadmap: &roadmap.meta.title,
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
    writeln!(
        out,
        "{} {}",
        paint(HEADING, "Progress in"),
        paint(HEADING, line(roadmap.meta.title_in(lang)))
    )?;
    writeln!(
        out,
        "{}",
        paint(DIM, format!("file: {}", line(&path.display().to_string())))
    )?;
    writeln!(out)?;
    let title_width = stages
        .iter()
        .map(|s| width(s.title))
        .max()
        .unwrap_or(0)
        .max("Overall".len());
    let count_width = overall.topics.to_string().len();
    let row = |label: &str, t: &Tally| {
        format!(
            "  {}  {}  {:>cw$}/{:<cw$} topics  {}",
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
    writeln!(out, "\n{}  {}%", row("Overall", &overall), overall.percent)?;
    if !goals_json.is_empty() {
        writeln!(out, "\n{}", paint(HEADING, "Hours left"))?;
        let id_width = goals_json.iter().map(|g| width(g.id)).max().unwrap_or(0);
        for g in &goals_json {
            writeln!(
                out,
                "  {}  {} of {} h",
                pad_styled(paint(ID, g.id), g.id, id_width),
                paint(HOURS, format!("{:>5} h", format_hours(g.hours_left.0))),
                format_hours(g.hours_total.0)
            )?;
        }
    }
    if !learning.is_empty() {
        writeln!(out, "\n{}", paint(HEADING, "Learning"))?;
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
