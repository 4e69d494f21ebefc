//! `roadmap export`: the roadmap, or the plan toward some goals, as Graphviz DOT, a Mermaid
//! flowchart or JSON, on standard output or into a file. `render` shares the diagram options.

use hashbrown::HashSet;
use serde::Serialize;

use graphviz_rust::dot_structures::Graph;

use crate::budget;
use crate::cli::{Cluster, DiagramArgs, ExportArgs, ExportFormat, LayoutArgs, LongEdges, RankDir};
use crate::commands::Ctx;
use crate::commands::show::edge_name;
use crate::diagram::{self, Diagram, NodeKind};
use crate::error::Result;
use crate::lookup;
use crate::model::{Roadmap, TopicIx, TopicKind};
use crate::msg;
use crate::overview::{self, Overview};
use crate::render::dot::{self, Style};
use crate::render::json::{self, Hours};
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
    let goals = lookup::goals(roadmap, &args.goals)?;
    let options = diagram::Options {
        known: ctx.known(roadmap, &args.known)?,
        prefer: lookup::topics(roadmap, &args.prefer)?,
        hide_known: args.hide_known,
        reduce: args.reduced(picture),
        recommends: args.recommendations(!picture),
        with_recommended: args.with_recommended,
        // A line joins neighbouring stages at most; from further away, a stub.
        stubs_beyond: (long_edges(args, defaults) == LongEdges::Stubs).then_some(1),
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
        ctx.loc
            .text(&msg!("diagram-plan-title", goals = names.join(", ")))
    };
    let title = match options.stage {
        Some(s) => ctx.loc.text(&msg!(
            "diagram-stage-title",
            title = title,
            stage = roadmap.stages[s as usize].title_in(lang)
        )),
        None => title,
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

pub fn style(ctx: &Ctx, args: &DiagramArgs) -> Style {
    Style {
        clusters: args.cluster == Cluster::Stage,
        left_to_right: args.rankdir == RankDir::Lr,
        legend: args.legend,
        ui: ctx.loc.ui(),
    }
}

/// The overview the options describe (`--overview`), with its title: built from the diagram
/// with every edge, then reduced between stages as asked.
pub fn build_overview(
    ctx: &Ctx,
    roadmap: &Roadmap,
    args: &DiagramArgs,
    defaults: Defaults,
) -> Result<(Overview, String)> {
    let whole = DiagramArgs {
        no_reduce: true,
        reduce: false,
        long_edges: Some(LongEdges::Lines),
        ..args.clone()
    };
    let (diagram, title) = build(ctx, roadmap, &whole, defaults)?;
    let reduce = args.reduced(defaults == Defaults::Picture);
    Ok((overview::build(roadmap, &diagram, reduce), title))
}

/// What a picture (`render`, `html`) draws.
pub enum Drawing {
    Whole(Diagram),
    Overview(Overview),
}

/// A picture's drawing, title, and whether it is the overview only because the diagram was too
/// large (its nodes and edges then).
pub struct Picture {
    pub drawing: Drawing,
    pub title: String,
    pub fell_back: Option<(usize, usize)>,
}

impl Picture {
    /// The picture as a DOT graph.
    pub fn graph(&self, ctx: &Ctx, roadmap: &Roadmap, args: &DiagramArgs) -> Graph {
        let style = style(ctx, args);
        match &self.drawing {
            Drawing::Whole(diagram) => dot::graph(roadmap, diagram, style, &self.title, ctx.lang()),
            Drawing::Overview(overview) => {
                dot::overview_graph(roadmap, overview, style, &self.title, ctx.lang())
            }
        }
    }

    /// The picture as DOT text (a large diagram printed edge by edge, see [`dot::text`]).
    pub fn text(&self, ctx: &Ctx, roadmap: &Roadmap, args: &DiagramArgs) -> String {
        match &self.drawing {
            Drawing::Whole(diagram) => {
                dot::text(roadmap, diagram, style(ctx, args), &self.title, ctx.lang())
            }
            Drawing::Overview(_) => dot::print(&self.graph(ctx, roadmap, args)),
        }
    }

    /// The nodes and edges Graphviz lays out (a stage is a node of the overview).
    pub fn size(&self) -> (usize, usize) {
        match &self.drawing {
            Drawing::Whole(d) => (d.nodes.len(), d.edges.len()),
            Drawing::Overview(o) => (o.stages.len(), o.edges.len()),
        }
    }
}

/// The picture the options describe: the diagram, or the overview when asked (`--overview`) or
/// when the diagram is larger than Graphviz lays out in reasonable time ([`budget::fits`]) and
/// `--full` was not given; that fallback is said in a note.
pub fn picture(
    ctx: &Ctx,
    roadmap: &Roadmap,
    args: &DiagramArgs,
    layout: &LayoutArgs,
) -> Result<Picture> {
    let overview = |ctx: &Ctx, fell_back| {
        let (overview, title) = {
            let _step = ctx.step(&msg!("step-diagram"));
            build_overview(ctx, roadmap, args, Defaults::Picture)?
        };
        Ok(Picture {
            drawing: Drawing::Overview(overview),
            title,
            fell_back,
        })
    };
    if args.overview {
        return overview(ctx, None);
    }
    let (diagram, title) = {
        let _step = ctx.step(&msg!("step-diagram"));
        build(ctx, roadmap, args, Defaults::Picture)?
    };
    let (nodes, edges) = (diagram.nodes.len(), diagram.edges.len());
    if layout.full || budget::fits(nodes, edges) {
        return Ok(Picture {
            drawing: Drawing::Whole(diagram),
            title,
            fell_back: None,
        });
    }
    drop(diagram);
    overview(ctx, Some((nodes, edges)))
}

/// Says on stderr that a picture is the overview because the roadmap is too large, and how to
/// get the whole of it.
pub fn note_fallback(ctx: &mut Ctx, picture: &Picture) -> Result<()> {
    if let Some((nodes, edges)) = picture.fell_back {
        ctx.note(&msg!(
            "picture-overview-instead",
            nodes = nodes,
            edges = edges,
            max = budget::MAX_DRAWN
        ))?;
    }
    Ok(())
}

/// Lays a picture's DOT out with Graphviz, showing the step, stopped after `--timeout`.
pub fn lay_out(
    ctx: &Ctx,
    dot: String,
    size: (usize, usize),
    format: dot::ImageFormat,
    layout: &LayoutArgs,
) -> Result<Vec<u8>> {
    let _step = ctx.step(&msg!(
        "step-layout",
        nodes = size.0,
        edges = size.1,
        timeout = layout.timeout
    ));
    dot::layout_text(dot, format, layout.limit())
}

/// The DOT text the options describe: the diagram, or with `--overview` the overview.
pub fn dot_text(
    ctx: &Ctx,
    roadmap: &Roadmap,
    args: &DiagramArgs,
    defaults: Defaults,
) -> Result<String> {
    let style = style(ctx, args);
    Ok(if args.overview {
        let (overview, title) = build_overview(ctx, roadmap, args, defaults)?;
        dot::print(&dot::overview_graph(
            roadmap,
            &overview,
            style,
            &title,
            ctx.lang(),
        ))
    } else {
        let (diagram, title) = build(ctx, roadmap, args, defaults)?;
        dot::text(roadmap, &diagram, style, &title, ctx.lang())
    })
}

pub fn run(ctx: &mut Ctx, args: &ExportArgs) -> Result<u8> {
    let roadmap = ctx.roadmap()?;
    let lang = ctx.lang();
    let style = style(ctx, &args.diagram);
    let text = match (args.format, args.diagram.overview) {
        (ExportFormat::Dot, _) => dot_text(ctx, &roadmap, &args.diagram, Defaults::Faithful)?,
        (ExportFormat::Mermaid, false) => {
            let (diagram, _) = build(ctx, &roadmap, &args.diagram, Defaults::Faithful)?;
            mermaid::write(
                &roadmap,
                &diagram,
                style.clusters,
                style.left_to_right,
                ctx.loc,
                lang,
            )
        }
        (ExportFormat::Mermaid, true) => {
            let (overview, _) = build_overview(ctx, &roadmap, &args.diagram, Defaults::Faithful)?;
            mermaid::overview(&roadmap, &overview, style.left_to_right, ctx.loc, lang)
        }
        (ExportFormat::Json, false) => {
            let (diagram, title) = build(ctx, &roadmap, &args.diagram, Defaults::Faithful)?;
            let mut s = json::to_string_pretty(&json_of(&roadmap, &diagram, &title, lang));
            s.push('\n');
            s
        }
        (ExportFormat::Json, true) => {
            let (overview, title) =
                build_overview(ctx, &roadmap, &args.diagram, Defaults::Faithful)?;
            let mut s = json::to_string_pretty(&overview_json(&roadmap, &overview, &title, lang));
            s.push('\n');
            s
        }
    };
    match &args.output {
        Some(path) => ctx.write_output(path, text.as_bytes())?,
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
    /// Drawn only as a stub: a topic of another stage that a topic drawn needs (`--stage`).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    stub: bool,
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
    let node = |t: TopicIx, n: &diagram::Node, stub: bool| {
        let topic = roadmap.topic(t);
        NodeJson {
            id: &topic.id,
            title: topic.title_in(lang),
            stage: &roadmap.stage_of(t).id,
            kind: topic.kind,
            hours: topic.hours.map(Hours),
            known: n.known,
            learning: n.learning,
            goal: n.goal && !stub,
            url: topic.resources_in(lang).find_map(|r| dot::web_url(&r.url)),
            stub,
        }
    };
    let mut nodes: Vec<NodeJson> = Vec::new();
    let mut listed: HashSet<TopicIx> = HashSet::new();
    for n in &diagram.nodes {
        if let NodeKind::Topic(t) = n.kind {
            nodes.push(node(t, n, false));
            listed.insert(t);
        }
    }
    // The topics only stubs stand for, once each, after the others.
    for n in &diagram.nodes {
        if let NodeKind::Stub(k) = n.kind {
            for &kind in &diagram.stubs[k].stands_for {
                if let NodeKind::Topic(t) = kind
                    && listed.insert(t)
                {
                    nodes.push(node(t, n, true));
                }
            }
        }
    }
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

#[derive(Serialize)]
struct OverviewJson<'a> {
    title: &'a str,
    stages: Vec<OverviewStageJson<'a>>,
    edges: Vec<OverviewEdgeJson<'a>>,
}

#[derive(Serialize)]
struct OverviewStageJson<'a> {
    id: &'a str,
    title: &'a str,
    topics: usize,
    roles: usize,
    known: usize,
    hours: Hours,
}

#[derive(Serialize)]
struct OverviewEdgeJson<'a> {
    from: &'a str,
    to: &'a str,
    /// The strongest kind of the requirements between the two stages.
    kind: &'static str,
    requirements: usize,
}

fn overview_json<'a>(
    roadmap: &'a Roadmap,
    overview: &Overview,
    title: &'a str,
    lang: Option<&'a str>,
) -> OverviewJson<'a> {
    OverviewJson {
        title,
        stages: overview
            .stages
            .iter()
            .map(|n| {
                let stage = &roadmap.stages[n.stage as usize];
                OverviewStageJson {
                    id: &stage.id,
                    title: stage.title_in(lang),
                    topics: n.topics,
                    roles: n.roles,
                    known: n.known,
                    hours: Hours(n.hours),
                }
            })
            .collect(),
        edges: overview
            .edges
            .iter()
            .map(|e| OverviewEdgeJson {
                from: &roadmap.stages[e.from as usize].id,
                to: &roadmap.stages[e.to as usize].id,
                kind: edge_name(e.kind),
                requirements: e.requirements,
            })
            .collect(),
    }
}
