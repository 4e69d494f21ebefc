//! The overview of a diagram: one node per stage (how many topics it holds, how many hours they
//! take) and an edge from one stage to another where topics of the second need topics of the
//! first. Built from a [`Diagram`], so it covers what the diagram would draw: the whole roadmap,
//! or the plan toward some goals.

use std::collections::BTreeMap;

use crate::dag::{Dag, Scratch};
use crate::diagram::{Diagram, NodeKind};
use crate::graph::EdgeKind;
use crate::model::{Roadmap, StageIx, TopicKind};

/// One stage of the overview.
#[derive(Clone, Debug, PartialEq)]
pub struct StageNode {
    pub stage: StageIx,
    /// Topics drawn that are not roles.
    pub topics: usize,
    pub roles: usize,
    /// Of those topics, how many are known.
    pub known: usize,
    /// The hours of the topics (unestimated ones count 0).
    pub hours: f64,
}

/// Topics of stage `to` need topics of stage `from`: `requirements` edges of the diagram (a
/// `one_of` counts once per alternative), the strongest of them `kind`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StageEdge {
    pub from: StageIx,
    pub to: StageIx,
    pub kind: EdgeKind,
    pub requirements: usize,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Overview {
    /// The stages that hold a topic of the diagram, in stage order.
    pub stages: Vec<StageNode>,
    /// In order of `from`, then `to`.
    pub edges: Vec<StageEdge>,
    /// Edges left out because a longer path implies them (`reduce`).
    pub reduced: usize,
}

/// The overview of `diagram`. With `reduce`, an edge between two stages is left out when a path
/// through other stages already leads from one to the other.
pub fn build(roadmap: &Roadmap, diagram: &Diagram, reduce: bool) -> Overview {
    let mut stages: BTreeMap<StageIx, StageNode> = BTreeMap::new();
    for node in &diagram.nodes {
        let NodeKind::Topic(t) = node.kind else {
            continue;
        };
        let topic = roadmap.topic(t);
        let s = stages.entry(topic.stage).or_insert(StageNode {
            stage: topic.stage,
            topics: 0,
            roles: 0,
            known: 0,
            hours: 0.0,
        });
        if topic.kind == TopicKind::Role {
            s.roles += 1;
        } else {
            s.topics += 1;
            s.known += usize::from(node.known);
            s.hours += topic.hours.unwrap_or(0.0);
        }
    }
    let mut edges: BTreeMap<(StageIx, StageIx), (EdgeKind, usize)> = BTreeMap::new();
    for (from, to, kind, _) in diagram.topic_edges() {
        let (a, b) = (roadmap.topic(from).stage, roadmap.topic(to).stage);
        if a == b {
            continue;
        }
        let e = edges.entry((a, b)).or_insert((kind, 0));
        e.0 = e.0.min(kind);
        e.1 += 1;
    }
    let mut overview = Overview {
        stages: stages.into_values().collect(),
        edges: edges
            .into_iter()
            .map(|((from, to), (kind, requirements))| StageEdge {
                from,
                to,
                kind,
                requirements,
            })
            .collect(),
        reduced: 0,
    };
    if reduce {
        overview.reduce();
    }
    overview
}

impl Overview {
    /// Drops the edges a longer path between stages implies, as `tred` would.
    fn reduce(&mut self) {
        let index = |s: StageIx| self.stages.iter().position(|n| n.stage == s);
        let mut incoming: Vec<Vec<u32>> = vec![Vec::new(); self.stages.len()];
        for e in &self.edges {
            if let (Some(a), Some(b)) = (index(e.from), index(e.to)) {
                incoming[b].push(a as u32);
            }
        }
        // A requirement against the stages' order can make a cycle of stages; the reduction
        // is only defined without one, so then every edge stays.
        if has_cycle(&incoming) {
            return;
        }
        let dag = Dag::new(incoming);
        let mut scratch = Scratch::default();
        let mut drop = Vec::new();
        for v in 0..self.stages.len() {
            for (u, _) in dag.implied_children(v as u32, &mut scratch) {
                drop.push((self.stages[u as usize].stage, self.stages[v].stage));
            }
        }
        let before = self.edges.len();
        self.edges.retain(|e| !drop.contains(&(e.from, e.to)));
        self.reduced = before - self.edges.len();
    }
}

/// Whether the graph given by each node's predecessors has a cycle.
fn has_cycle(incoming: &[Vec<u32>]) -> bool {
    let n = incoming.len();
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut waiting: Vec<usize> = incoming.iter().map(Vec::len).collect();
    for (v, preds) in incoming.iter().enumerate() {
        for &u in preds {
            out[u as usize].push(v);
        }
    }
    let mut ready: Vec<usize> = (0..n).filter(|&v| waiting[v] == 0).collect();
    let mut seen = 0;
    while let Some(v) = ready.pop() {
        seen += 1;
        for &w in &out[v] {
            waiting[w] -= 1;
            if waiting[w] == 0 {
                ready.push(w);
            }
        }
    }
    seen < n
}
