//! `roadmap export`: the roadmap, or the plan toward some goals, as Graphviz DOT, a Mermaid
//! flowchart or JSON, on standard output or into a file. `render` shares the diagram options.

use serde::Serialize;

use crate::atomic;
use crate::cli::{Cluster, DiagramArgs, ExportArgs, ExportFormat, LongEdges, RankDir};
use crate::commands::Ctx;
use crate::commands::show::edge_name;
use crate::diagram::{self, Diagram, NodeKind};
use crate::error::Result;
use crate::lookup;
use crate::model::{Roadmap, TopicKind};
use crate::render::dot::{self, Style};
use crate::render::json::Hours;
use crate::render::mermaid;

/// How a command draws by default: `export` is faithful to the roadmap, pictures are simpler.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Defaults {
    /// Every edge, recommendations included (`export`).
    Faithful,
    /// Edges implied by longer paths dropped, recommendations only when asked (`render`, `html`).
    Picture,
}

/// The diagram the options describe, with its title.
pub fn build(
    ctx: &Ctx,
    roadmap: &Roadmap,
    args: &DiagramArgs,
    defaults: Defaults,
) -> Result<(Diagram, String)> {
    let picture = defaults == Defaults::Picture;
    let goals = lookup::topics(roadmap, &args.goals)?;
    let options = diagram::Options {
        known: ctx.known(roadmap, &args.known)?,
        prefer: lookup::topics(roadmap, &args.prefer)?,
        hide_known: args.hide_known,
        reduce: args.reduced(picture),
        recommends: args.recommendations(!picture),
        with_recommended: args.with_recommended,
        stubs_beyond: (long_edges(args, defaults) == LongEdges::Stubs).then(|| {
            std::env::var("ROADMAP_EXP_STUBS")
                .ok()
                .and_then(|v| v.parse().ok())
                .unwrap_or(1)
        }),
        learning: ctx.learning(roadmap)?,
        stage: args
            .stage
            .as_deref()
            .map(|s| lookup::stage(roadmap, s))
            .transpose()?,
        goals,
    };
    let lang = ctx.lang();
    let title = if options.goals.is_empty() {
        roadmap.meta.title_in(lang).to_owned()
    } else {
        let names: Vec<&str> = options
            .goals
            .iter()
            .map(|&g| roadmap.topic(g).title_in(lang))
            .collect();
        format!("Plan: {}", names.join(", "))
    };
    Ok((diagram::build(roadmap, &options), title))
}

/// How edges that skip a stage are drawn.
pub fn long_edges(args: &DiagramArgs, defaults: Defaults) -> LongEdges {
    args.long_edges.unwrap_or(match defaults {
        Defaults::Faithful => LongEdges::Lines,
        Defaults::Picture => LongEdges::Stubs,
    })
}

pub fn style(args: &DiagramArgs) -> Style {
    Style {
        clusters: args.cluster == Cluster::Stage,
        left_to_right: args.rankdir == RankDir::Lr,
        legend: args.legend,
    }
}

pub fn run(ctx: &mut Ctx, args: &ExportArgs) -> Result<u8> {
    let roadmap = ctx.roadmap()?;
    let (diagram, title) = build(ctx, &roadmap, &args.diagram, Defaults::Faithful)?;
    let lang = ctx.lang();
    let style = style(&args.diagram);
    let text = match args.format {
        ExportFormat::Dot => dot::text(&roadmap, &diagram, style, &title, lang),
        ExportFormat::Mermaid => mermaid::write(
            &roadmap,
            &diagram,
            style.clusters,
            style.left_to_right,
            lang,
        ),
        ExportFormat::Json => {
            let mut s = serde_json::to_string_pretty(&json_of(&roadmap, &diagram, &title, lang))
                .expect("diagram JSON always serializes");
            s.push('\n');
            s
        }
    };
    match &args.output {
        Some(path) => atomic::write(path, text.as_bytes())?,
        None => ctx.out.write_all(text.as_bytes())?,
    }
    Ok(0)
}

#[derive(Serialize)]
struct DiagramJson<'a> {
    title: &'a str,
    stages: Vec<StageJson<'a>>,
    nodes: Vec<NodeJson<'a>>,
    edges: Vec<EdgeJson<'a>>,
}

#[derive(Serialize)]
struct StageJson<'a> {
    id: &'a str,
    title: &'a str,
}

#[derive(Serialize)]
struct NodeJson<'a> {
    id: &'a str,
    title: &'a str,
    stage: &'a str,
    kind: TopicKind,
    hours: Option<Hours>,
    known: bool,
    learning: bool,
    goal: bool,
    /// The first http(s) resource, encoded as in the DOT output.
    url: Option<String>,
}

#[derive(Serialize)]
struct EdgeJson<'a> {
    from: &'a str,
    to: &'a str,
    kind: &'static str,
    /// Which `requires` entry of `to` a `one_of` edge belongs to, to tell groups apart.
    #[serde(skip_serializing_if = "Option::is_none")]
    group: Option<usize>,
}

fn json_of<'a>(
    roadmap: &'a Roadmap,
    diagram: &Diagram,
    title: &'a str,
    lang: Option<&'a str>,
) -> DiagramJson<'a> {
    let nodes: Vec<NodeJson> = diagram
        .nodes
        .iter()
        .filter_map(|n| match n.kind {
            NodeKind::Topic(t) => {
                let topic = roadmap.topic(t);
                Some(NodeJson {
                    id: &topic.id,
                    title: topic.title_in(lang),
                    stage: &roadmap.stage_of(t).id,
                    kind: topic.kind,
                    hours: topic.hours.map(Hours),
                    known: n.known,
                    learning: n.learning,
                    goal: n.goal,
                    url: topic.resources_in(lang).find_map(|r| dot::web_url(&r.url)),
                })
            }
            NodeKind::Junction(_) | NodeKind::Stub(_) => None,
        })
        .collect();
    let mut stages: Vec<StageJson> = Vec::new();
    for n in &diagram.nodes {
        let s = &roadmap.stages[n.stage as usize];
        if stages.last().is_none_or(|l| l.id != s.id) {
            stages.push(StageJson {
                id: &s.id,
                title: s.title_in(lang),
            });
        }
    }
    let edges = diagram
        .topic_edges()
        .into_iter()
        .map(|(from, to, kind, group)| EdgeJson {
            from: &roadmap.topic(from).id,
            to: &roadmap.topic(to).id,
            kind: edge_name(kind),
            group,
        })
        .collect();
    DiagramJson {
        title,
        stages,
        nodes,
        edges,
    }
}
