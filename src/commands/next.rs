//! `roadmap next`: topics a learner can start now, ranked by how much they open up.

use hashbrown::HashSet;

use serde::Serialize;

use crate::cli::{NextArgs, TextOrJson};
use crate::commands::Ctx;
use crate::error::Result;
use crate::lookup;
use crate::model::format_hours;
use crate::msg;
use crate::plan;
use crate::query;
use crate::render::json::{self, Hours};
use crate::render::text::{DIM, HOURS, ID, pad, pad_styled, paint, width};

#[derive(Serialize)]
struct ReadyJson<'a> {
    id: &'a str,
    title: &'a str,
    stage: &'a str,
    hours: Option<Hours>,
    unlocks: usize,
}

pub fn run(ctx: &mut Ctx, args: &NextArgs) -> Result<u8> {
    let roadmap = ctx.roadmap()?;
    let goals = lookup::goals(&roadmap, &args.goals)?;
    // The same options `plan` takes: with goals, `--prefer` and `--with-recommended` change
    // which topics their plan holds, and so which of them can start now.
    let options = ctx.plan_options(&roadmap, &args.choices)?;
    let scope: Option<HashSet<u32>> = (!goals.is_empty()).then(|| {
        plan::plan(&roadmap, &goals, &options)
            .steps
            .iter()
            .map(|s| s.topic)
            .collect()
    });
    let ready = query::next(&roadmap, &options.known, scope.as_ref());
    let lang = ctx.lang();
    match args.format {
        TextOrJson::Json => {
            let items: Vec<ReadyJson> = ready
                .iter()
                .map(|r| {
                    let t = roadmap.topic(r.topic);
                    ReadyJson {
                        id: &t.id,
                        title: t.title_in(lang),
                        stage: &roadmap.stage_of(r.topic).id,
                        hours: t.hours.map(Hours),
                        unlocks: r.unlocks,
                    }
                })
                .collect();
            json::write(ctx.out, &items)?;
        }
        TextOrJson::Text => {
            if ready.is_empty() {
                let nothing = match &scope {
                    Some(s) if s.is_empty() => msg!("next-nothing-goals-known"),
                    _ => msg!("next-nothing-all-known"),
                };
                writeln!(ctx.out, "{}", ctx.loc.text(&nothing))?;
                return Ok(0);
            }
            let id_width = ready
                .iter()
                .map(|r| width(&roadmap.topic(r.topic).id))
                .max()
                .unwrap_or(0);
            let title_width = ready
                .iter()
                .map(|r| width(roadmap.topic(r.topic).title_in(lang)))
                .max()
                .unwrap_or(0);
            for r in &ready {
                let t = roadmap.topic(r.topic);
                let hours = t.hours.map_or("?".to_owned(), format_hours);
                writeln!(
                    ctx.out,
                    "{}  {}  {}  {}",
                    pad_styled(paint(ID, &t.id), &t.id, id_width),
                    pad(t.title_in(lang), title_width),
                    paint(HOURS, format!("{hours:>4} h")),
                    paint(DIM, ctx.loc.text(&msg!("next-unlocks", count = r.unlocks)))
                )?;
            }
        }
    }
    Ok(0)
}
