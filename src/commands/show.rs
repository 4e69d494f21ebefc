//! `roadmap show TOPIC`: everything about one topic, with its direct prerequisites and the topics
//! it directly unlocks.

use crate::terminal::{line, text};
use serde::Serialize;

use crate::cli::{ShowArgs, TextOrJson};
use crate::commands::Ctx;
use crate::error::Result;
use crate::graph::EdgeKind;
use crate::i18n::Localizer;
use crate::lookup;
use crate::model::{I18n, Requirement, Resource, Roadmap, TopicIx, TopicKind, format_hours};
use crate::render::json::{self, TopicJson};
use crate::render::text::{DIM, HEADING, HOURS, ID, pad, pad_styled, paint, width};

#[derive(Serialize)]
struct ShowJson<'a> {
    #[serde(flatten)]
    topic: TopicJson<'a>,
    i18n: &'a I18n,
    /// In the order a learner reading `--lang` wants them.
    resources: Vec<&'a Resource>,
    unlocks: Vec<UnlockJson<'a>>,
}

#[derive(Serialize)]
struct UnlockJson<'a> {
    id: &'a str,
    title: &'a str,
    via: &'static str,
}

/// What a resource is, in brackets after its title: its kind, its language when the file says,
/// and "paid" when it is not free (`[book, zh, paid]`).
fn marks(r: &Resource, loc: &Localizer) -> String {
    let paid = (!r.free).then(|| loc.t("show-resource-paid"));
    let marks: Vec<&str> = [
        r.kind.map(|k| k.as_str()),
        r.lang.as_deref(),
        paid.as_deref(),
    ]
    .into_iter()
    .flatten()
    .collect();
    if marks.is_empty() {
        String::new()
    } else {
        format!(" [{}]", marks.join(", "))
    }
}

pub fn edge_name(kind: EdgeKind) -> &'static str {
    match kind {
        EdgeKind::Requires => "requires",
        EdgeKind::OneOf => "one_of",
        EdgeKind::Recommends => "recommends",
    }
}

/// Topics that name `ix` directly, in stage order, each once (its strongest link kept).
fn unlocks(roadmap: &Roadmap, ix: TopicIx) -> Vec<(TopicIx, EdgeKind)> {
    let mut list: Vec<(TopicIx, EdgeKind)> = roadmap.graph().dependents(ix).collect();
    list.sort_by_key(|&(t, kind)| (roadmap.topic(t).stage, t, kind));
    list.dedup_by_key(|(t, _)| *t);
    list
}

pub fn run(ctx: &mut Ctx, args: &ShowArgs) -> Result<u8> {
    let roadmap = ctx.roadmap()?;
    let ix = lookup::topic(&roadmap, &args.topic)?;
    let lang = ctx.lang();
    let t = roadmap.topic(ix);
    let unlocked = unlocks(&roadmap, ix);
    if args.format == TextOrJson::Json {
        let value = ShowJson {
            topic: TopicJson::new(&roadmap, ix, lang),
            i18n: &t.i18n,
            resources: t.resources_in(lang).collect(),
            unlocks: unlocked
                .iter()
                .map(|&(u, kind)| UnlockJson {
                    id: &roadmap.topic(u).id,
                    title: roadmap.topic(u).title_in(lang),
                    via: edge_name(kind),
                })
                .collect(),
        };
        json::write(ctx.out, &value)?;
        return Ok(0);
    }

    let loc = ctx.loc;
    let out = &mut *ctx.out;
    writeln!(
        out,
        "{}  ({})",
        paint(HEADING, line(t.title_in(lang))),
        paint(ID, &t.id)
    )?;
    let stage = roadmap.stage_of(ix);
    let kind = match t.kind {
        TopicKind::Topic => loc.t("kind-topic"),
        TopicKind::Role => loc.t("kind-role"),
    };
    let hours = t.hours.map_or_else(
        || loc.t("show-not-estimated"),
        |h| format!("{} h", format_hours(h)),
    );
    let mut fields = vec![
        (
            loc.t("show-stage"),
            format!("{} ({})", line(stage.title_in(lang)), stage.id),
        ),
        (loc.t("show-kind"), kind),
        (loc.t("show-hours"), paint(HOURS, hours).to_string()),
    ];
    if !t.tags.is_empty() {
        fields.push((loc.t("show-tags"), line(&t.tags.join(", ")).into_owned()));
    }
    let label_width = fields.iter().map(|(l, _)| width(l)).max().unwrap_or(0);
    for (label, value) in &fields {
        writeln!(out, "  {}  {value}", pad(label, label_width))?;
    }
    if let Some(summary) = t.summary_in(lang) {
        writeln!(out, "\n  {}", text(summary))?;
    }

    // One column width for every list of topics below, so they line up.
    let mut named: Vec<TopicIx> = t
        .requires
        .iter()
        .flat_map(|r| r.topics().iter().copied())
        .collect();
    named.extend(&t.recommends);
    named.extend(unlocked.iter().map(|(u, _)| *u));
    let id_width = named
        .iter()
        .map(|&n| width(&roadmap.topic(n).id))
        .max()
        .unwrap_or(0);
    let row = |indent: &str, n: TopicIx, note: &str| {
        let topic = roadmap.topic(n);
        format!(
            "{indent}{}  {}{note}",
            pad_styled(paint(ID, &topic.id), &topic.id, id_width),
            line(topic.title_in(lang))
        )
    };

    writeln!(out, "\n{}", paint(HEADING, loc.t("show-requires")))?;
    if t.requires.is_empty() {
        writeln!(out, "  {}", paint(DIM, loc.t("show-nothing")))?;
    }
    for req in &t.requires {
        match req {
            Requirement::Topic(r) => writeln!(out, "{}", row("  ", *r, ""))?,
            Requirement::OneOf(group) => {
                let alternatives = &group.alternatives;
                writeln!(out, "  {}", loc.t("tree-one-of"))?;
                for a in alternatives {
                    writeln!(out, "{}", row("    ", *a, ""))?;
                }
            }
        }
    }
    if !t.recommends.is_empty() {
        writeln!(out, "\n{}", paint(HEADING, loc.t("show-recommends")))?;
        for &r in &t.recommends {
            writeln!(out, "{}", row("  ", r, ""))?;
        }
    }
    writeln!(out, "\n{}", paint(HEADING, loc.t("show-unlocks")))?;
    if unlocked.is_empty() {
        writeln!(out, "  {}", paint(DIM, loc.t("show-nothing")))?;
    }
    for &(u, kind) in &unlocked {
        let note = match kind {
            EdgeKind::Requires => String::new(),
            EdgeKind::OneOf => paint(DIM, format!("  {}", loc.t("show-via-one-of"))).to_string(),
            EdgeKind::Recommends => {
                paint(DIM, format!("  {}", loc.t("tree-via-recommends"))).to_string()
            }
        };
        writeln!(out, "{}", row("  ", u, &note))?;
    }
    if !t.resources.is_empty() {
        writeln!(out, "\n{}", paint(HEADING, loc.t("show-resources")))?;
        for r in t.resources_in(lang) {
            writeln!(
                out,
                "  {}{}\n    {}",
                line(&r.title),
                marks(r, loc),
                line(&r.url)
            )?;
        }
    }
    Ok(0)
}
