//! Bare `roadmap`: what the roadmap in use holds (its stages with topics and hours, the goals its
//! roles mark, each with the size of its plan) and three commands to try, so that the first
//! minute needs no manual.

use std::io::Write;

use crate::commands::Ctx;
use crate::error::Result;
use crate::model::{Roadmap, TopicIx, TopicKind, format_hours};
use crate::msg;
use crate::plan;
use crate::render::text::{DIM, GOAL, HEADING, HOURS, ID, pad, pad_styled, paint, width};
use crate::terminal::line;

/// One row of the overview: a stage or a goal, with its topics and hours.
struct Row {
    key: String,
    name: String,
    topics: usize,
    hours: f64,
}

pub fn run(ctx: &mut Ctx) -> Result<u8> {
    let roadmap = ctx.roadmap()?;
    let lang = ctx.lang();
    let loc = ctx.loc;
    let out = &mut *ctx.out;
    writeln!(out, "{}", paint(HEADING, line(roadmap.meta.title_in(lang))))?;
    if let Some(summary) = roadmap.meta.summary_in(lang) {
        writeln!(out, "{}", paint(DIM, line(summary)))?;
    }

    let stages = stage_rows(&roadmap, lang);
    let topics: usize = stages.iter().map(|r| r.topics).sum();
    let hours = format_hours(roadmap.hours_of(0..roadmap.topics.len() as TopicIx));
    let heading = msg!(
        "welcome-stages",
        stages = stages.len(),
        topics = topics,
        hours = hours
    );
    writeln!(out, "\n{}", paint(HEADING, loc.text(&heading)))?;
    write_rows(out, &stages, ctx.loc, false)?;

    // Each goal's plan from scratch: what a newcomer would take on.
    let goals: Vec<Row> = roadmap
        .topics_in_stage_order()
        .into_iter()
        .filter(|&t| roadmap.topic(t).kind == TopicKind::Role)
        .map(|g| {
            let plan = plan::plan(&roadmap, &[g], &plan::Options::default());
            let t = roadmap.topic(g);
            Row {
                key: t.id.clone(),
                name: line(t.title_in(lang)).into_owned(),
                // As `plan` counts them (the goal is its last step).
                topics: plan.steps.len(),
                hours: plan.total_hours,
            }
        })
        .collect();
    if goals.is_empty() {
        writeln!(out, "\n{}", loc.t("welcome-no-roles"))?;
    } else {
        let heading = msg!("welcome-goals", count = goals.len());
        writeln!(out, "\n{}", paint(HEADING, loc.text(&heading)))?;
        write_rows(out, &goals, ctx.loc, true)?;
    }

    // The first goal, else the last topic in stage order (the furthest one can go).
    let example = goals.first().map(|g| g.key.clone()).or_else(|| {
        let last = *roadmap.topics_in_stage_order().last()?;
        Some(roadmap.topic(last).id.clone())
    });
    let Some(example) = example else {
        return Ok(0);
    };
    let tries = [
        (
            format!("roadmap plan {example} --hours-per-week 10"),
            "welcome-try-plan",
        ),
        (format!("roadmap show {example}"), "welcome-try-show"),
        ("roadmap list".to_owned(), "welcome-try-list"),
    ];
    let command_width = tries.iter().map(|(c, _)| width(c)).max().unwrap_or(0);
    writeln!(out, "\n{}", paint(HEADING, loc.t("welcome-try")))?;
    for (command, what) in &tries {
        writeln!(
            out,
            "  {}  {}",
            pad_styled(paint(GOAL, command), command, command_width),
            loc.t(what)
        )?;
    }
    writeln!(out, "{}", paint(DIM, loc.t("welcome-more")))?;
    Ok(0)
}

/// The stages in order, each with its topics (roles apart) and their hours.
fn stage_rows(roadmap: &Roadmap, lang: Option<&str>) -> Vec<Row> {
    let mut rows: Vec<Row> = roadmap
        .stages
        .iter()
        .map(|s| Row {
            key: s.id.clone(),
            name: line(s.title_in(lang)).into_owned(),
            topics: 0,
            hours: 0.0,
        })
        .collect();
    for t in &roadmap.topics {
        if t.kind != TopicKind::Role {
            let row = &mut rows[t.stage as usize];
            row.topics += 1;
            row.hours += t.hours_or_zero();
        }
    }
    // A stage that holds only roles is where the goals are listed, not a stage of study.
    rows.retain(|r| r.topics > 0);
    rows
}

/// Rows as aligned columns: id, name, topics, hours.
fn write_rows(
    out: &mut dyn Write,
    rows: &[Row],
    loc: &crate::i18n::Localizer,
    ids_are_goals: bool,
) -> Result<()> {
    let key_width = rows.iter().map(|r| width(&r.key)).max().unwrap_or(0);
    let name_width = rows.iter().map(|r| width(&r.name)).max().unwrap_or(0);
    let counts: Vec<String> = rows
        .iter()
        .map(|r| loc.text(&msg!("welcome-topics", count = r.topics)))
        .collect();
    let count_width = counts.iter().map(|c| width(c)).max().unwrap_or(0);
    let hours: Vec<String> = rows
        .iter()
        .map(|r| format_hours(crate::model::round_hours(r.hours)))
        .collect();
    let hours_width = hours.iter().map(|h| h.len()).max().unwrap_or(0);
    for ((row, count), h) in rows.iter().zip(&counts).zip(&hours) {
        let key = paint(if ids_are_goals { GOAL } else { ID }, &row.key);
        writeln!(
            out,
            "  {}  {}  {}  {}",
            pad_styled(key, &row.key, key_width),
            pad(&row.name, name_width),
            " ".repeat(count_width - width(count)) + count,
            paint(HOURS, format!("{h:>hours_width$} h")),
        )?;
    }
    Ok(())
}
