//! `roadmap search WORD...`: topics ranked by how well they match the words, typos allowed.

use serde::Serialize;

use crate::cli::{SearchArgs, TextOrJson};
use crate::commands::Ctx;
use crate::error::Result;
use crate::model::{TopicKind, format_hours};
use crate::msg;
use crate::render::json;
use crate::render::text::{DIM, HOURS, ID, pad, pad_styled, paint, width};
use crate::search::{Field, Index};

#[derive(Serialize)]
struct HitJson<'a> {
    id: &'a str,
    title: &'a str,
    stage: &'a str,
    score: u32,
    matched: Vec<&'static str>,
}

pub fn run(ctx: &mut Ctx, args: &SearchArgs) -> Result<u8> {
    let roadmap = ctx.roadmap()?;
    let query = args.words.join(" ");
    let mut hits = Index::new(&roadmap).search(&query);
    hits.truncate(args.limit as usize);
    let lang = ctx.lang();
    match args.format {
        TextOrJson::Json => {
            let items: Vec<HitJson> = hits
                .iter()
                .map(|h| {
                    let t = roadmap.topic(h.topic);
                    HitJson {
                        id: &t.id,
                        title: t.title_in(lang),
                        stage: &roadmap.stage_of(h.topic).id,
                        score: h.score,
                        matched: h.matched.iter().map(|f| f.as_str()).collect(),
                    }
                })
                .collect();
            json::write(ctx.out, &items)?;
        }
        TextOrJson::Text => {
            if hits.is_empty() {
                writeln!(
                    ctx.out,
                    "{}",
                    ctx.loc.text(&msg!("search-none", query = query.as_str()))
                )?;
                return Ok(0);
            }
            let id_width = hits
                .iter()
                .map(|h| width(&roadmap.topic(h.topic).id))
                .max()
                .unwrap_or(0);
            let title_width = hits
                .iter()
                .map(|h| width(roadmap.topic(h.topic).title_in(lang)))
                .max()
                .unwrap_or(0);
            let loc = ctx.loc;
            for h in &hits {
                let t = roadmap.topic(h.topic);
                let size = match (t.kind, t.hours) {
                    (TopicKind::Role, _) => loc.t("kind-role"),
                    (_, Some(hours)) => format!("{} h", format_hours(hours)),
                    (_, None) => "? h".to_owned(),
                };
                let fields: Vec<String> = h.matched.iter().map(|&f| field_name(ctx, f)).collect();
                writeln!(
                    ctx.out,
                    "{}  {}  {}  {}",
                    pad_styled(paint(ID, &t.id), &t.id, id_width),
                    pad(t.title_in(lang), title_width),
                    paint(HOURS, format!("{size:>5}")),
                    paint(
                        DIM,
                        loc.text(&msg!(
                            "search-hit",
                            score = h.score,
                            fields = fields.join(&loc.t("list-separator"))
                        ))
                    )
                )?;
            }
        }
    }
    Ok(0)
}

/// A field's name in the interface's language.
fn field_name(ctx: &Ctx, field: Field) -> String {
    ctx.loc.t(match field {
        Field::Id => "search-field-id",
        Field::Title => "search-field-title",
        Field::TranslatedTitle => "search-field-translated-title",
        Field::Tags => "search-field-tags",
        Field::Summary => "search-field-summary",
        Field::TranslatedSummary => "search-field-translated-summary",
        Field::Resources => "search-field-resources",
    })
}
