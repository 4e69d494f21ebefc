//! `roadmap list`: topics in stage order, then declaration order, filtered by stage, tag or kind.

use std::io::Write;

use crate::cli::{KindFilter, ListArgs, TextOrJson};
use crate::commands::Ctx;
use crate::error::Result;
use crate::i18n::Localizer;
use crate::lookup;
use crate::model::{Roadmap, TopicIx, TopicKind, format_hours};
use crate::msg;
use crate::render::json::{self, TopicJson};
use crate::render::text::{DIM, HEADING, HOURS, ID, pad, pad_styled, paint, width};
use crate::terminal::line;

pub fn run(ctx: &mut Ctx, args: &ListArgs) -> Result<u8> {
    let roadmap = ctx.roadmap()?;
    let stage = args
        .stage
        .as_deref()
        .map(|s| lookup::stage(&roadmap, s))
        .transpose()?;
    let kind = args.kind.map(|k| match k {
        KindFilter::Topic => TopicKind::Topic,
        KindFilter::Role => TopicKind::Role,
    });
    let topics: Vec<TopicIx> = roadmap
        .topics_in_stage_order()
        .into_iter()
        .filter(|&ix| {
            let t = roadmap.topic(ix);
            stage.is_none_or(|s| t.stage == s)
                && kind.is_none_or(|k| t.kind == k)
                && args.tag.as_ref().is_none_or(|tag| t.tags.contains(tag))
        })
        .collect();
    let lang = ctx.lang();
    match args.format {
        TextOrJson::Json => {
            let items: Vec<TopicJson> = topics
                .iter()
                .map(|&ix| TopicJson::new(&roadmap, ix, lang))
                .collect();
            json::write(ctx.out, &items)?;
        }
        TextOrJson::Text => write_text(ctx.out, &roadmap, &topics, lang, ctx.loc)?,
    }
    Ok(0)
}

/// Topics as aligned rows under a heading for each run of one stage, then their count and hours.
pub fn write_text(
    out: &mut dyn Write,
    roadmap: &Roadmap,
    topics: &[TopicIx],
    lang: Option<&str>,
    loc: &Localizer,
) -> Result<()> {
    let id_width = topics
        .iter()
        .map(|&ix| width(&roadmap.topic(ix).id))
        .max()
        .unwrap_or(0);
    let title_width = topics
        .iter()
        .map(|&ix| width(roadmap.topic(ix).title_in(lang)))
        .max()
        .unwrap_or(0);
    let mut current_stage = None;
    for &ix in topics {
        let t = roadmap.topic(ix);
        if current_stage != Some(t.stage) {
            if current_stage.is_some() {
                writeln!(out)?;
            }
            current_stage = Some(t.stage);
            writeln!(
                out,
                "{}",
                paint(HEADING, line(roadmap.stage_of(ix).title_in(lang)))
            )?;
        }
        let hours = match (t.kind, t.hours) {
            (TopicKind::Role, _) => paint(DIM, loc.t("kind-role")).to_string(),
            (_, Some(h)) => paint(HOURS, format!("{:>5} h", format_hours(h))).to_string(),
            (_, None) => paint(DIM, "    ? h").to_string(),
        };
        writeln!(
            out,
            "  {}  {}  {hours}",
            pad_styled(paint(ID, &t.id), &t.id, id_width),
            pad(t.title_in(lang), title_width),
        )?;
    }
    if !topics.is_empty() {
        writeln!(out)?;
    }
    let all_roles = !topics.is_empty()
        && topics
            .iter()
            .all(|&t| roadmap.topic(t).kind == TopicKind::Role);
    let hours = format_hours(roadmap.hours_of(topics.iter().copied()));
    let count = topics.len();
    let total = if all_roles {
        msg!("list-total-roles", count = count, hours = hours)
    } else {
        msg!("list-total-topics", count = count, hours = hours)
    };
    writeln!(out, "{}", loc.text(&total))?;
    Ok(())
}
