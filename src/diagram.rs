//! A diagram of a roadmap, or of one learner's plan, before any format: which topics appear and
//! how each is marked, and which edges are drawn (a `one_of` group through a small "or" junction).
//! DOT, Mermaid and JSON all render from this, so they agree, and `--reduce` is computed once.

use std::collections::BTreeMap;

use hashbrown::{HashMap, HashSet};

use crate::dag::{Dag, Scratch};
use crate::graph::EdgeKind;
use crate::i18n::Localizer;
use crate::model::{Requirement, Roadmap, StageIx, TopicIx, TopicKind, format_hours};
use crate::msg;
use crate::plan::{self, Reason};

#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Draw only these goals' plans; empty for the whole roadmap.
    pub goals: Vec<TopicIx>,
    pub known: HashSet<TopicIx>,
    /// Topics being learned now (marked, not left out).
    pub learning: HashSet<TopicIx>,
    pub prefer: Vec<TopicIx>,
    /// Leave known topics out instead of drawing them muted.
    pub hide_known: bool,
    /// Drop every edge a longer path already implies (a transitive reduction, like `tred`).
    pub reduce: bool,
    /// Draw only this stage's topics, with the topics of other stages they need as stubs.
    pub stage: Option<StageIx>,
    /// Draw recommendations (dashed edges) between the topics drawn.
    pub recommends: bool,
    /// Plan toward the goals with recommended topics as requirements.
    pub with_recommended: bool,
    /// Draw an edge between stages more than this many bands apart (or against the stages'
    /// order) as a stub of its source in the band of its end, instead of a long line.
    pub stubs_beyond: Option<u32>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NodeKind {
    Topic(TopicIx),
    /// An "or": the alternatives of [`Diagram::junctions`]`[i]` point to it, and it points to
    /// every topic with a `one_of` entry of exactly those drawn alternatives.
    Junction(usize),
    /// [`Diagram::stubs`]`[i]`: a small stand-in, in the band of the topics it feeds, for topics
    /// (or "or"s) of other stages, instead of long lines from them.
    Stub(usize),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Node {
    pub kind: NodeKind,
    /// The stage the node is drawn in: a topic's own; for a junction, the stage of the last of
    /// its alternatives (so the "or" sits where the choice is made); for a stub, the stage of
    /// the topics it feeds.
    pub stage: StageIx,
    pub known: bool,
    pub learning: bool,
    pub goal: bool,
}

impl Node {
    pub fn is_stub(&self) -> bool {
        matches!(self.kind, NodeKind::Stub(_))
    }
}

/// An edge a stub takes over: the node it leads to, its kind and its `one_of` entry.
type Fed = (usize, EdgeKind, Option<usize>);

/// What a stub stands for: topics and "or"s of other stages that feed the same topics of its
/// band, in drawing order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stub {
    pub stands_for: Vec<NodeKind>,
}

/// The alternatives one "or" junction joins, in drawing order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Junction {
    pub alternatives: Vec<TopicIx>,
}

/// An edge between two nodes of the diagram, by position in [`Diagram::nodes`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Edge {
    pub from: usize,
    pub to: usize,
    pub kind: EdgeKind,
    /// For a `one_of` edge into a topic, which `requires` entry of that topic it stands for.
    pub entry: Option<usize>,
}

#[derive(Clone, Debug, Default)]
pub struct Diagram {
    /// Topics in stage order then declaration order; a junction right after the last of its
    /// alternatives.
    pub nodes: Vec<Node>,
    /// Edges in the order of the topics they lead to, then as the topic lists them; the edges
    /// into a junction come just before its first edge out.
    pub edges: Vec<Edge>,
    pub junctions: Vec<Junction>,
    pub stubs: Vec<Stub>,
    /// Edges left out by `--reduce`.
    pub reduced: usize,
}

/// The topics a diagram shows: the whole roadmap, or the plan toward the goals plus the known
/// topics that plan stands on (drawn muted, so learners see where they start).
fn scope(roadmap: &Roadmap, options: &Options) -> HashSet<TopicIx> {
    if options.goals.is_empty() {
        return (0..roadmap.topics.len() as TopicIx).collect();
    }
    let plan = plan::plan(
        roadmap,
        &options.goals,
        &plan::Options {
            known: options.known.clone(),
            prefer: options.prefer.clone(),
            with_recommended: options.with_recommended,
            learning: options.learning.clone(),
            ..plan::Options::default()
        },
    );
    let mut scope: HashSet<TopicIx> = plan.steps.iter().map(|s| s.topic).collect();
    scope.extend(&plan.known_goals);
    for s in &plan.steps {
        for req in &roadmap.topic(s.topic).requires {
            if let Requirement::Topic(r) = req
                && options.known.contains(r)
            {
                scope.insert(*r);
            }
        }
    }
    for c in &plan.choices {
        if c.reason == Reason::Known {
            scope.insert(c.chosen);
        }
    }
    scope
}

/// Every topic `t` names: its requirements, the alternatives of its `one_of`s, its
/// recommendations.
fn named(roadmap: &Roadmap, t: TopicIx) -> impl Iterator<Item = TopicIx> + '_ {
    let topic = roadmap.topic(t);
    topic
        .requires
        .iter()
        .flat_map(|req| match req {
            Requirement::Topic(r) => std::slice::from_ref(r),
            Requirement::OneOf(group) => group.alternatives.as_slice(),
        })
        .chain(&topic.recommends)
        .copied()
}

/// Builds the diagram.
pub fn build(roadmap: &Roadmap, options: &Options) -> Diagram {
    let mut shown = scope(roadmap, options);
    if options.hide_known {
        shown.retain(|t| !options.known.contains(t));
    }
    // With `--stage`, the stage's topics and the topics elsewhere they name (which become stubs
    // below).
    if let Some(stage) = options.stage {
        let inside: Vec<TopicIx> = shown
            .iter()
            .copied()
            .filter(|&t| roadmap.topic(t).stage == stage)
            .collect();
        let mut kept: HashSet<TopicIx> = inside.iter().copied().collect();
        for &t in &inside {
            kept.extend(named(roadmap, t).filter(|r| shown.contains(r)));
        }
        shown = kept;
    }
    let goals: HashSet<TopicIx> = options.goals.iter().copied().collect();
    let order: Vec<TopicIx> = roadmap
        .topics_in_stage_order()
        .into_iter()
        .filter(|t| shown.contains(t))
        .collect();
    // Only the topics of the stage drawn get their edges in; the others are there as sources.
    let fed = |t: TopicIx| options.stage.is_none_or(|s| roadmap.topic(t).stage == s);
    let mut position: HashMap<TopicIx, usize> = HashMap::with_capacity(order.len());
    for (i, &t) in order.iter().enumerate() {
        position.insert(t, i);
    }
    // The junctions: one per set of drawn alternatives, however many topics share it.
    let mut junctions: Vec<Junction> = Vec::new();
    let mut junction_of: HashMap<Vec<TopicIx>, usize> = HashMap::new();
    let mut entry_junction: HashMap<(TopicIx, usize), usize> = HashMap::new();
    for &t in order.iter().filter(|&&t| fed(t)) {
        for (entry, req) in roadmap.topic(t).requires.iter().enumerate() {
            if let Requirement::OneOf(group) = req {
                let mut drawn: Vec<TopicIx> = group
                    .alternatives
                    .iter()
                    .copied()
                    .filter(|a| shown.contains(a))
                    .collect();
                drawn.sort_by_key(|a| position[a]);
                drawn.dedup();
                if drawn.len() >= 2 {
                    let j = *junction_of.entry(drawn.clone()).or_insert_with(|| {
                        junctions.push(Junction {
                            alternatives: drawn,
                        });
                        junctions.len() - 1
                    });
                    entry_junction.insert((t, entry), j);
                }
            }
        }
    }
    // A junction is drawn right after the last of its alternatives, in that one's stage: the
    // choice is made there, and one line leaves it however many topics it feeds.
    let mut after: HashMap<TopicIx, Vec<usize>> = HashMap::new();
    for (j, junction) in junctions.iter().enumerate() {
        let last = *junction.alternatives.last().expect("two or more");
        after.entry(last).or_default().push(j);
    }
    let mut diagram = Diagram::default();
    let mut topic_node: HashMap<TopicIx, usize> = HashMap::with_capacity(order.len());
    let mut junction_node: Vec<usize> = vec![0; junctions.len()];
    for &t in &order {
        let stage = roadmap.topic(t).stage;
        topic_node.insert(t, diagram.nodes.len());
        diagram.nodes.push(Node {
            kind: NodeKind::Topic(t),
            stage,
            known: options.known.contains(&t),
            learning: options.learning.contains(&t),
            goal: goals.contains(&t),
        });
        for &j in after.get(&t).into_iter().flatten() {
            junction_node[j] = diagram.nodes.len();
            diagram.nodes.push(Node {
                kind: NodeKind::Junction(j),
                stage,
                known: false,
                learning: false,
                goal: false,
            });
        }
    }
    let mut edges = Vec::new();
    let mut junction_fed = vec![false; junctions.len()];
    for &t in order.iter().filter(|&&t| fed(t)) {
        let to = topic_node[&t];
        let topic = roadmap.topic(t);
        for (entry, req) in topic.requires.iter().enumerate() {
            match req {
                Requirement::Topic(r) => {
                    if let Some(&from) = topic_node.get(r) {
                        edges.push(Edge {
                            from,
                            to,
                            kind: EdgeKind::Requires,
                            entry: None,
                        });
                    }
                }
                Requirement::OneOf(group) => match entry_junction.get(&(t, entry)) {
                    Some(&j) => {
                        let node = junction_node[j];
                        if !std::mem::replace(&mut junction_fed[j], true) {
                            for a in &junctions[j].alternatives {
                                edges.push(Edge {
                                    from: topic_node[a],
                                    to: node,
                                    kind: EdgeKind::OneOf,
                                    entry: None,
                                });
                            }
                        }
                        edges.push(Edge {
                            from: node,
                            to,
                            kind: EdgeKind::OneOf,
                            entry: Some(entry),
                        });
                    }
                    None => {
                        for a in &group.alternatives {
                            if let Some(&from) = topic_node.get(a) {
                                edges.push(Edge {
                                    from,
                                    to,
                                    kind: EdgeKind::OneOf,
                                    entry: Some(entry),
                                });
                            }
                        }
                    }
                },
            }
        }
        for r in topic.recommends.iter().filter(|_| options.recommends) {
            if let Some(&from) = topic_node.get(r) {
                edges.push(Edge {
                    from,
                    to,
                    kind: EdgeKind::Recommends,
                    entry: None,
                });
            }
        }
    }
    // One edge per pair: the strongest kind wins (requires over one_of over recommends).
    let mut best: HashMap<(usize, usize), EdgeKind> = HashMap::with_capacity(edges.len());
    for e in &edges {
        let k = best.entry((e.from, e.to)).or_insert(e.kind);
        *k = (*k).min(e.kind);
    }
    let mut seen = HashSet::with_capacity(edges.len());
    edges.retain(|e| best[&(e.from, e.to)] == e.kind && seen.insert((e.from, e.to)));
    diagram.edges = edges;
    diagram.junctions = junctions;
    if options.reduce {
        diagram.reduce();
    }
    if let Some(stage) = options.stage {
        diagram.stub_outside(stage);
    } else if let Some(span) = options.stubs_beyond {
        diagram.stub_long_edges(span);
    }
    diagram
}

impl Diagram {
    /// Transitive reduction: drops each edge `u -> v` for which a longer path from `u` to `v`
    /// exists among the drawn edges, as Graphviz's `tred` does. Bounded per node by height, so it
    /// stays fast on large roadmaps.
    fn reduce(&mut self) {
        let mut incoming: Vec<Vec<u32>> = vec![Vec::new(); self.nodes.len()];
        for e in &self.edges {
            incoming[e.to].push(e.from as u32);
        }
        let dag = Dag::new(incoming);
        let mut scratch = Scratch::default();
        let mut drop: HashSet<(usize, usize)> = HashSet::new();
        for v in 0..self.nodes.len() {
            for (u, _) in dag.implied_children(v as u32, &mut scratch) {
                drop.insert((u as usize, v));
            }
        }
        let before = self.edges.len();
        self.edges.retain(|e| !drop.contains(&(e.from, e.to)));
        self.reduced = before - self.edges.len();
    }

    /// Draws every edge between bands more than `span` apart, or against the stages' order, from
    /// a stub of its source in its end's band instead.
    fn stub_long_edges(&mut self, span: u32) {
        let mut stages: Vec<StageIx> = self.nodes.iter().map(|n| n.stage).collect();
        stages.sort_unstable();
        stages.dedup();
        let band = |n: &Node| stages.binary_search(&n.stage).unwrap_or(0) as i64;
        self.stub_edges(|from, to| {
            let d = band(to) - band(from);
            d < 0 || d > i64::from(span)
        });
    }

    /// `--stage`: the edges from other stages into the stage come from stubs in its band; what
    /// is left of the other stages goes.
    fn stub_outside(&mut self, stage: StageIx) {
        self.edges.retain(|e| self.nodes[e.to].stage == stage);
        self.stub_edges(|from, _| from.stage != stage);
        let keep: Vec<bool> = self.nodes.iter().map(|n| n.stage == stage).collect();
        self.renumber(|i| keep[i].then_some((0, i)));
    }

    /// Moves the sources of the edges `long` picks to stubs in their ends' bands. The sources
    /// that feed exactly the same topics (in the same way) share one stub, which lists them.
    fn stub_edges(&mut self, long: impl Fn(&Node, &Node) -> bool) {
        // For each source and band: what it feeds there, and the edges concerned.
        let mut feeds: BTreeMap<(StageIx, usize), Vec<Fed>> = BTreeMap::new();
        let mut moved = vec![false; self.edges.len()];
        for (k, e) in self.edges.iter().enumerate() {
            let (from, to) = (&self.nodes[e.from], &self.nodes[e.to]);
            if from.is_stub() || !long(from, to) {
                continue;
            }
            moved[k] = true;
            feeds
                .entry((to.stage, e.from))
                .or_default()
                .push((e.to, e.kind, e.entry));
        }
        // Group the sources of a band by what they feed.
        let mut groups: BTreeMap<(StageIx, Vec<Fed>), Vec<usize>> = BTreeMap::new();
        for ((stage, source), mut fed) in feeds {
            fed.sort_unstable_by_key(|&(to, kind, entry)| (to, kind as u8, entry));
            groups.entry((stage, fed)).or_default().push(source);
        }
        let mut k = 0;
        self.edges.retain(|_| {
            k += 1;
            !moved[k - 1]
        });
        for ((stage, fed), sources) in groups {
            let nodes: Vec<&Node> = sources.iter().map(|&s| &self.nodes[s]).collect();
            let node = Node {
                kind: NodeKind::Stub(self.stubs.len()),
                stage,
                known: nodes.iter().all(|n| n.known),
                learning: nodes.iter().all(|n| n.learning),
                goal: false,
            };
            self.stubs.push(Stub {
                stands_for: nodes.iter().map(|n| n.kind).collect(),
            });
            let at = self.nodes.len();
            self.nodes.push(node);
            for (to, kind, entry) in fed {
                self.edges.push(Edge {
                    from: at,
                    to,
                    kind,
                    entry,
                });
            }
        }
        // Stubs lead their band, in the order they were made (by what they stand for).
        let order: Vec<usize> = {
            let mut order: Vec<usize> = (0..self.nodes.len()).collect();
            order.sort_by_key(|&i| (self.nodes[i].stage, !self.nodes[i].is_stub(), i));
            order
        };
        let mut place = vec![0; order.len()];
        for (k, &i) in order.iter().enumerate() {
            place[i] = k;
        }
        self.renumber(|i| Some((place[i], i)));
        self.edges.sort_by_key(|e| (e.to, e.from));
    }

    /// Keeps the nodes `key` gives a key for, sorted by it, and renumbers the edges (dropping
    /// those of nodes left out).
    fn renumber(&mut self, key: impl Fn(usize) -> Option<(usize, usize)>) {
        let mut kept: Vec<(usize, usize)> = (0..self.nodes.len()).filter_map(&key).collect();
        kept.sort_unstable();
        let mut new_index = vec![usize::MAX; self.nodes.len()];
        let nodes: Vec<Node> = kept
            .iter()
            .enumerate()
            .map(|(k, &(_, i))| {
                new_index[i] = k;
                self.nodes[i]
            })
            .collect();
        self.nodes = nodes;
        self.edges.retain_mut(|e| {
            e.from = new_index[e.from];
            e.to = new_index[e.to];
            e.from != usize::MAX && e.to != usize::MAX
        });
    }

    /// The lines of node `i`'s label. A topic: its title, then its hours (or "role"). A stub: the
    /// titles of what it stands for ("A, B or C" for an "or"), each run of one stage followed by
    /// that stage's title in parentheses. A junction: "or".
    pub fn label(
        &self,
        roadmap: &Roadmap,
        i: usize,
        loc: &Localizer,
        lang: Option<&str>,
    ) -> Vec<String> {
        match self.nodes[i].kind {
            NodeKind::Topic(t) => {
                let topic = roadmap.topic(t);
                let size = match (topic.kind, topic.hours) {
                    (TopicKind::Role, _) => loc.t("diagram-role"),
                    (_, Some(h)) => loc.text(&msg!("diagram-hours", hours = format_hours(h))),
                    (_, None) => loc.t("diagram-no-hours"),
                };
                vec![topic.title_in(lang).to_owned(), size]
            }
            NodeKind::Junction(_) => vec![loc.t("diagram-or")],
            NodeKind::Stub(k) => {
                let mut label = Vec::new();
                let mut run: Option<StageIx> = None;
                let stage_line =
                    |s: StageIx| format!("({})", roadmap.stages[s as usize].title_in(lang));
                for &kind in &self.stubs[k].stands_for {
                    let (title, stage) = match kind {
                        NodeKind::Topic(t) => (
                            roadmap.topic(t).title_in(lang).to_owned(),
                            roadmap.topic(t).stage,
                        ),
                        NodeKind::Junction(j) => self.junction_title(roadmap, j, loc, lang),
                        NodeKind::Stub(_) => continue,
                    };
                    if let Some(s) = run.filter(|&s| s != stage) {
                        label.push(stage_line(s));
                    }
                    run = Some(stage);
                    label.push(title);
                }
                label.extend(run.map(stage_line));
                label
            }
        }
    }

    /// "A, B or C" for junction `j`, and the stage of its last alternative.
    fn junction_title(
        &self,
        roadmap: &Roadmap,
        j: usize,
        loc: &Localizer,
        lang: Option<&str>,
    ) -> (String, StageIx) {
        let alternatives = &self.junctions[j].alternatives;
        let titles: Vec<&str> = alternatives
            .iter()
            .map(|&a| roadmap.topic(a).title_in(lang))
            .collect();
        let stage = alternatives.last().map_or(0, |&a| roadmap.topic(a).stage);
        match titles.split_last() {
            Some((last, rest)) if !rest.is_empty() => (
                format!("{} {} {last}", rest.join(", "), loc.t("diagram-or")),
                stage,
            ),
            _ => (titles.concat(), stage),
        }
    }

    /// For JSON: the edges between topics, stubs standing for what they stand for, and a
    /// junction folded back into one `one_of` edge per alternative and topic it feeds (with the
    /// entry's index, to tell groups apart).
    pub fn topic_edges(&self) -> Vec<(TopicIx, TopicIx, EdgeKind, Option<usize>)> {
        let topic_of = |i: usize| match self.nodes[i].kind {
            NodeKind::Topic(t) => Some(t),
            NodeKind::Junction(_) | NodeKind::Stub(_) => None,
        };
        // The alternatives still drawn into each junction (`--reduce` may drop some); a
        // junction drawn only as a stub has all of them.
        let mut into: HashMap<usize, Vec<TopicIx>> = HashMap::new();
        for e in &self.edges {
            if let (Some(from), NodeKind::Junction(j)) = (topic_of(e.from), self.nodes[e.to].kind) {
                into.entry(j).or_default().push(from);
            }
        }
        let mut out = Vec::with_capacity(self.edges.len());
        let mut fold = |from: NodeKind, to: TopicIx, e: &Edge| match from {
            NodeKind::Topic(from) => out.push((from, to, e.kind, e.entry)),
            NodeKind::Junction(j) => {
                let alternatives = into
                    .get(&j)
                    .map_or(self.junctions[j].alternatives.as_slice(), Vec::as_slice);
                for &from in alternatives {
                    out.push((from, to, EdgeKind::OneOf, e.entry));
                }
            }
            NodeKind::Stub(_) => {}
        };
        for e in &self.edges {
            let Some(to) = topic_of(e.to) else {
                // Folded in at the junction's edges out.
                continue;
            };
            match self.nodes[e.from].kind {
                NodeKind::Stub(k) => {
                    for &from in &self.stubs[k].stands_for {
                        fold(from, to, e);
                    }
                }
                from => fold(from, to, e),
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn diagram(edges: &[(usize, usize)], n: usize) -> Diagram {
        Diagram {
            nodes: (0..n)
                .map(|i| Node {
                    kind: NodeKind::Topic(i as TopicIx),
                    stage: 0,
                    known: false,
                    learning: false,
                    goal: false,
                })
                .collect(),
            edges: edges
                .iter()
                .map(|&(from, to)| Edge {
                    from,
                    to,
                    kind: EdgeKind::Requires,
                    entry: None,
                })
                .collect(),
            junctions: Vec::new(),
            stubs: Vec::new(),
            reduced: 0,
        }
    }

    #[test]
    fn reduction_drops_exactly_the_implied_edges() {
        // 0 -> 1 -> 2 -> 3, plus shortcuts 0 -> 2, 0 -> 3, 1 -> 3; and a lone 4 -> 3.
        let mut d = diagram(&[(0, 1), (1, 2), (2, 3), (0, 2), (0, 3), (1, 3), (4, 3)], 5);
        d.reduce();
        let kept: Vec<(usize, usize)> = d.edges.iter().map(|e| (e.from, e.to)).collect();
        assert_eq!(kept, vec![(0, 1), (1, 2), (2, 3), (4, 3)]);
        assert_eq!(d.reduced, 3);
    }
}
