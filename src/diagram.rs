//! A diagram of a roadmap, or of one learner's plan, before any format: which topics appear and
//! how each is marked, and which edges are drawn (a `one_of` group through a small "or" junction).
//! DOT, Mermaid and JSON all render from this, so they agree, and `--reduce` is computed once.

use hashbrown::{HashMap, HashSet};

use crate::dag::{Dag, Scratch};
use crate::graph::EdgeKind;
use crate::model::{Requirement, Roadmap, StageIx, TopicIx};
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
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NodeKind {
    Topic(TopicIx),
    /// The "or" of one `one_of` entry of a topic: its alternatives point to it, it points to the
    /// topic.
    Junction {
        topic: TopicIx,
        entry: usize,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Node {
    pub kind: NodeKind,
    pub known: bool,
    pub learning: bool,
    pub goal: bool,
}

impl Node {
    /// The stage the node is drawn in (a junction sits with the topic it feeds).
    pub fn stage(&self, roadmap: &Roadmap) -> StageIx {
        match self.kind {
            NodeKind::Topic(t) | NodeKind::Junction { topic: t, .. } => roadmap.topic(t).stage,
        }
    }
}

/// An edge between two nodes of the diagram, by position in [`Diagram::nodes`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Edge {
    pub from: usize,
    pub to: usize,
    pub kind: EdgeKind,
    /// For a `one_of` edge, which `requires` entry of its topic it belongs to.
    pub entry: Option<usize>,
}

#[derive(Clone, Debug, Default)]
pub struct Diagram {
    /// Topics in stage order then declaration order, each followed by its junctions.
    pub nodes: Vec<Node>,
    /// Edges in the order of the nodes they point to, then as the topic lists them.
    pub edges: Vec<Edge>,
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

/// Builds the diagram.
pub fn build(roadmap: &Roadmap, options: &Options) -> Diagram {
    let mut shown = scope(roadmap, options);
    if options.hide_known {
        shown.retain(|t| !options.known.contains(t));
    }
    let goals: HashSet<TopicIx> = options.goals.iter().copied().collect();
    let mut diagram = Diagram::default();
    let mut position: HashMap<TopicIx, usize> = HashMap::with_capacity(shown.len());
    let order: Vec<TopicIx> = roadmap
        .topics_in_stage_order()
        .into_iter()
        .filter(|t| shown.contains(t))
        .collect();
    let topic_node = |t: TopicIx| Node {
        kind: NodeKind::Topic(t),
        known: options.known.contains(&t),
        learning: options.learning.contains(&t),
        goal: goals.contains(&t),
    };
    for &t in &order {
        position.insert(t, diagram.nodes.len());
        diagram.nodes.push(topic_node(t));
        // Junctions right after their topic, so they share its cluster.
        for (entry, req) in roadmap.topic(t).requires.iter().enumerate() {
            if let Requirement::OneOf(group) = req
                && group
                    .alternatives
                    .iter()
                    .filter(|a| shown.contains(*a))
                    .count()
                    >= 2
            {
                diagram.nodes.push(Node {
                    kind: NodeKind::Junction { topic: t, entry },
                    known: false,
                    learning: false,
                    goal: false,
                });
            }
        }
    }
    let mut junctions: HashMap<(TopicIx, usize), usize> = HashMap::new();
    for (i, n) in diagram.nodes.iter().enumerate() {
        if let NodeKind::Junction { topic, entry } = n.kind {
            junctions.insert((topic, entry), i);
        }
    }
    let mut edges = Vec::new();
    for &t in &order {
        let to = position[&t];
        let topic = roadmap.topic(t);
        for (entry, req) in topic.requires.iter().enumerate() {
            match req {
                Requirement::Topic(r) => {
                    if let Some(&from) = position.get(r) {
                        edges.push(Edge {
                            from,
                            to,
                            kind: EdgeKind::Requires,
                            entry: None,
                        });
                    }
                }
                Requirement::OneOf(group) => {
                    let alternatives = &group.alternatives;
                    let target = junctions.get(&(t, entry)).copied();
                    for a in alternatives {
                        if let Some(&from) = position.get(a) {
                            edges.push(Edge {
                                from,
                                to: target.unwrap_or(to),
                                kind: EdgeKind::OneOf,
                                entry: Some(entry),
                            });
                        }
                    }
                    if let Some(j) = target {
                        edges.push(Edge {
                            from: j,
                            to,
                            kind: EdgeKind::OneOf,
                            entry: Some(entry),
                        });
                    }
                }
            }
        }
        for r in &topic.recommends {
            if let Some(&from) = position.get(r) {
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
    if options.reduce {
        diagram.reduce();
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

    /// For JSON: the edges between topics, a junction's edges folded back into one `one_of` edge
    /// per alternative (with the entry's index, to tell groups apart).
    pub fn topic_edges(&self) -> Vec<(TopicIx, TopicIx, EdgeKind, Option<usize>)> {
        let topic_of = |i: usize| match self.nodes[i].kind {
            NodeKind::Topic(t) => Some(t),
            NodeKind::Junction { .. } => None,
        };
        let mut out = Vec::with_capacity(self.edges.len());
        for e in &self.edges {
            match (topic_of(e.from), self.nodes[e.to].kind) {
                (Some(from), NodeKind::Topic(to)) => out.push((from, to, e.kind, e.entry)),
                (Some(from), NodeKind::Junction { topic, entry }) => {
                    out.push((from, topic, EdgeKind::OneOf, Some(entry)))
                }
                // The junction's own edge to its topic adds nothing once folded.
                (None, _) => {}
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
