//! The requirement graph (petgraph) and the traversals shared by validation, plans, queries and
//! diagrams. Node `i` is topic `i`; edges run from a prerequisite to the topic that needs it, the
//! direction of study, so a topological order is a valid study order.
//!
//! Every traversal here is iterative: a roadmap may hold a 100,000-long chain of prerequisites.

use std::collections::VecDeque;

use petgraph::Direction;
use petgraph::graph::{DiGraph, NodeIndex};

use crate::dag::Dag;
use crate::model::{Group, Requirement, TopicIx};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EdgeKind {
    /// A plain entry of `requires`.
    Requires,
    /// An alternative of a `one_of` group: any one of the group meets the requirement.
    OneOf,
    /// A `recommends` entry: helpful, not required.
    Recommends,
}

/// A topic's references, resolved to indices.
#[derive(Clone, Copy)]
pub struct Links<'a> {
    pub requires: Requires<'a>,
    pub recommends: &'a [TopicIx],
}

impl<'a> Links<'a> {
    /// The references as a resolved topic keeps them.
    pub fn listed(requires: &'a [Requirement<TopicIx>], recommends: &'a [TopicIx]) -> Links<'a> {
        Links {
            requires: Requires::Listed(requires),
            recommends,
        }
    }

    /// How many topics these references name (every alternative of a group counted).
    fn count(&self) -> usize {
        let required: usize = self.requires.iter().map(|r| r.topics().len()).sum();
        required + self.recommends.len()
    }
}

/// A topic's `requires`, resolved: as a roadmap keeps them, or packed, as validation holds them
/// for every topic at once.
#[derive(Clone, Copy)]
pub enum Requires<'a> {
    Listed(&'a [Requirement<TopicIx>]),
    Packed(Packed<'a>),
}

/// Requirements packed 4 bytes each: a topic's index, or [`Packed::GROUP`] plus the index of
/// a group in `groups`. Validation holds every topic's requirements at the peak of a cold check,
/// half a million at 100,000 topics, where a [`Requirement`] takes 16 bytes.
#[derive(Clone, Copy)]
pub struct Packed<'a> {
    pub codes: &'a [u32],
    pub groups: &'a [Box<Group<TopicIx>>],
}

impl Packed<'_> {
    /// The bit that marks a group's code. Topic indices stay below it: a roadmap's files hold
    /// at most [`crate::load::MAX_BYTES`] (512 MiB) in all, and a topic takes more than a byte.
    pub const GROUP: u32 = 1 << 31;

    /// `requirement`'s code, its group (if it is one) added to `groups`.
    #[allow(clippy::vec_box)]
    pub fn pack(requirement: Requirement<TopicIx>, groups: &mut Vec<Box<Group<TopicIx>>>) -> u32 {
        match requirement {
            Requirement::Topic(t) => t,
            Requirement::OneOf(group) => {
                groups.push(group);
                Packed::GROUP | (groups.len() - 1) as u32
            }
        }
    }

    /// Where in `groups` the group a code stands for is; `None` for a topic's code.
    pub fn group(code: u32) -> Option<usize> {
        (code & Packed::GROUP != 0).then_some((code ^ Packed::GROUP) as usize)
    }
}

/// One requirement, either way it is held.
#[derive(Clone, Copy)]
pub enum Req<'a> {
    Topic(&'a TopicIx),
    OneOf(&'a Group<TopicIx>),
}

impl<'a> Req<'a> {
    /// Every topic this entry names.
    pub fn topics(self) -> &'a [TopicIx] {
        match self {
            Req::Topic(t) => std::slice::from_ref(t),
            Req::OneOf(group) => &group.alternatives,
        }
    }
}

impl<'a> Requires<'a> {
    pub fn len(&self) -> usize {
        match self {
            Requires::Listed(l) => l.len(),
            Requires::Packed(p) => p.codes.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn iter(self) -> impl Iterator<Item = Req<'a>> + 'a {
        (0..self.len()).map(move |i| self.get(i))
    }

    fn get(self, i: usize) -> Req<'a> {
        match self {
            Requires::Listed(l) => match &l[i] {
                Requirement::Topic(t) => Req::Topic(t),
                Requirement::OneOf(group) => Req::OneOf(group),
            },
            Requires::Packed(p) => match Packed::group(p.codes[i]) {
                Some(g) => Req::OneOf(&p.groups[g]),
                None => Req::Topic(&p.codes[i]),
            },
        }
    }
}

#[derive(Debug, Clone)]
pub struct Graph {
    pub graph: DiGraph<(), EdgeKind, u32>,
    /// Plain `requires` of each topic, deduplicated, in the order written: the edges that always
    /// hold, whatever one_of alternative a learner picks.
    pub plain: Dag,
}

fn node(ix: TopicIx) -> NodeIndex<u32> {
    NodeIndex::new(ix as usize)
}

impl Graph {
    /// Builds the graph; heights in [`Graph::plain`] are only meaningful once [`Graph::cycles`]
    /// has found none.
    pub fn new<'a>(topics: impl ExactSizeIterator<Item = Links<'a>> + Clone) -> Graph {
        let n = topics.len();
        // Sized exactly: on a large roadmap the edge list is the graph's biggest allocation,
        // and growing it by doubling would hold up to twice its size.
        let edges = topics.clone().map(|l| l.count()).sum();
        let mut graph = DiGraph::with_capacity(n, edges);
        for _ in 0..n {
            graph.add_node(());
        }
        for (ix, links) in topics.clone().enumerate() {
            let to = NodeIndex::new(ix);
            for req in links.requires.iter() {
                let kind = match req {
                    Req::Topic(_) => EdgeKind::Requires,
                    Req::OneOf(_) => EdgeKind::OneOf,
                };
                for r in req.topics() {
                    graph.add_edge(node(*r), to, kind);
                }
            }
            for r in links.recommends {
                graph.add_edge(node(*r), to, EdgeKind::Recommends);
            }
        }
        Graph {
            graph,
            plain: plain_dag(topics),
        }
    }

    pub fn len(&self) -> usize {
        self.plain.len()
    }

    pub fn is_empty(&self) -> bool {
        self.plain.is_empty()
    }

    /// The plain requirements of a topic, in the order written.
    pub fn plain_requires(&self, ix: TopicIx) -> &[TopicIx] {
        self.plain.children(ix)
    }

    /// Every topic, each after everything it names (all edge kinds); `None` when there is a
    /// cycle.
    pub fn topological_order(&self) -> Option<Vec<TopicIx>> {
        petgraph::algo::toposort(&self.graph, None)
            .ok()
            .map(|order| order.into_iter().map(|n| n.index() as TopicIx).collect())
    }

    /// Topics that name `ix` in their `requires`, `one_of` or `recommends`, with the edge kind.
    pub fn dependents(&self, ix: TopicIx) -> impl Iterator<Item = (TopicIx, EdgeKind)> + '_ {
        use petgraph::visit::EdgeRef;
        self.graph
            .edges_directed(node(ix), Direction::Outgoing)
            .map(|e| (e.target().index() as TopicIx, *e.weight()))
    }

    /// Topics `ix` names, with the edge kind.
    pub fn requirements(&self, ix: TopicIx) -> impl Iterator<Item = (TopicIx, EdgeKind)> + '_ {
        use petgraph::visit::EdgeRef;
        self.graph
            .edges_directed(node(ix), Direction::Incoming)
            .map(|e| (e.source().index() as TopicIx, *e.weight()))
    }

    /// Cycles of the graph (all edge kinds), each given as topics in requirement order
    /// `[a, b, c]` for `a` requires `b` requires `c` requires `a`. One shortest cycle through each
    /// topic not yet covered, per strongly connected component, so each cycle appears once and a
    /// tangle is not reported thousands of times (at most `limit` per component).
    pub fn cycles(&self, limit: usize) -> Vec<Vec<TopicIx>> {
        if petgraph::algo::toposort(&self.graph, None).is_ok() {
            return Vec::new();
        }
        let n = self.len();
        let mut component = vec![u32::MAX; n];
        let mut sccs: Vec<Vec<TopicIx>> = petgraph::algo::kosaraju_scc(&self.graph)
            .into_iter()
            .filter(|c| c.len() > 1)
            .map(|c| {
                let mut c: Vec<TopicIx> = c.into_iter().map(|n| n.index() as TopicIx).collect();
                c.sort_unstable();
                c
            })
            .collect();
        sccs.sort();
        for (i, scc) in sccs.iter().enumerate() {
            for &t in scc {
                component[t as usize] = i as u32;
            }
        }
        let mut covered = vec![false; n];
        let mut parent = vec![u32::MAX; n];
        let mut cycles = Vec::new();
        for (ci, scc) in sccs.iter().enumerate() {
            let mut found = 0;
            for &start in scc {
                if covered[start as usize] || found == limit {
                    continue;
                }
                if let Some(cycle) = self.shortest_cycle(start, ci as u32, &component, &mut parent)
                {
                    for &t in &cycle {
                        covered[t as usize] = true;
                    }
                    cycles.push(cycle);
                    found += 1;
                }
            }
        }
        cycles
    }

    /// Breadth-first search along requirements from `start` back to itself, inside one component.
    fn shortest_cycle(
        &self,
        start: TopicIx,
        comp: u32,
        component: &[u32],
        parent: &mut [u32],
    ) -> Option<Vec<TopicIx>> {
        let mut touched = vec![start];
        let mut queue = VecDeque::from([start]);
        let mut result = None;
        'search: while let Some(t) = queue.pop_front() {
            let mut reqs: Vec<TopicIx> = self.requirements(t).map(|(r, _)| r).collect();
            reqs.sort_unstable();
            for r in reqs {
                if component[r as usize] != comp {
                    continue;
                }
                if r == start {
                    let mut cycle = vec![t];
                    let mut at = t;
                    while at != start {
                        at = parent[at as usize];
                        cycle.push(at);
                    }
                    cycle.reverse();
                    result = Some(cycle);
                    break 'search;
                }
                if parent[r as usize] == u32::MAX {
                    parent[r as usize] = t;
                    touched.push(r);
                    queue.push_back(r);
                }
            }
        }
        for t in touched {
            parent[t as usize] = u32::MAX;
        }
        result
    }
}

/// The plain `requires` of each topic, deduplicated, in the order written: [`Graph::plain`],
/// which validation's warnings need without the rest of the graph.
pub fn plain_dag<'a>(topics: impl ExactSizeIterator<Item = Links<'a>> + Clone) -> Dag {
    let n = topics.len();
    let plain = topics.clone().map(|links| links.requires.len()).sum();
    // Which topic last listed each topic, to drop a requirement listed twice in one look
    // (searching the list so far was quadratic in a topic's requirements).
    let mut listed_by = vec![u32::MAX; n];
    let mut topics = topics;
    Dag::build(n, plain, |ix, plain| {
        let Some(links) = topics.next() else { return };
        for req in links.requires.iter() {
            if let Req::Topic(r) = req
                && std::mem::replace(&mut listed_by[*r as usize], ix as u32) != ix as u32
            {
                plain.push(*r);
            }
        }
    })
}

/// Whether the topics' references (every edge kind) are free of cycles, a topic naming itself
/// counting as one (which [`Graph::cycles`] leaves to the validator). A depth-first search
/// over the references as listed: validation asks this of every roadmap, and only a roadmap
/// with a cycle needs the whole [`Graph`] (to name its cycles), whose linked edge lists cost
/// several times more to build and to walk.
pub fn is_acyclic<'a>(topics: impl ExactSizeIterator<Item = Links<'a>> + Clone) -> bool {
    let n = topics.len();
    // Each topic's references side by side, `targets[start[i]..start[i + 1]]`, in lists of the
    // size they need: at the peak of a cold check, which this is part of.
    let mut start: Vec<u32> = Vec::with_capacity(n + 1);
    let mut targets: Vec<TopicIx> = Vec::with_capacity(topics.clone().map(|l| l.count()).sum());
    start.push(0);
    for links in topics {
        for req in links.requires.iter() {
            targets.extend_from_slice(req.topics());
        }
        targets.extend_from_slice(links.recommends);
        // A roadmap's references fit in u32: spans are u32 offsets into its files.
        start.push(targets.len() as u32);
    }
    crate::dag::depth_first(
        n,
        |i| &targets[start[i] as usize..start[i + 1] as usize],
        crate::dag::OnCycle::Stop,
        |_| {},
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn graph(reqs: &[&[TopicIx]]) -> Graph {
        let requires: Vec<Vec<Requirement<TopicIx>>> = reqs
            .iter()
            .map(|r| r.iter().map(|&t| Requirement::Topic(t)).collect())
            .collect();
        Graph::new(requires.iter().map(|r| Links::listed(r, &[])))
    }

    #[test]
    fn finds_each_cycle_once_in_requirement_order() {
        // 0 requires 1 requires 2 requires 0; 3 stands apart.
        let g = graph(&[&[1], &[2], &[0], &[]]);
        assert_eq!(g.cycles(10), vec![vec![0, 1, 2]]);
        assert!(graph(&[&[], &[0]]).cycles(10).is_empty());
    }

    #[test]
    fn a_graph_is_as_long_as_its_topics() {
        let g = graph(&[]);
        assert!(g.is_empty());
        assert_eq!(g.len(), 0);
        let g = graph(&[&[]]);
        assert!(!g.is_empty());
        assert_eq!(g.len(), 1);
    }

    fn group(alternatives: &[TopicIx]) -> Box<crate::model::Group<TopicIx>> {
        Box::new(crate::model::Group {
            alternatives: alternatives.to_vec(),
            span: crate::source::Span::default(),
        })
    }

    fn one_of(alternatives: &[TopicIx]) -> Requirement<TopicIx> {
        Requirement::OneOf(group(alternatives))
    }

    /// Each entry of `requires` as the graphs read it: whether it is a group, and its topics.
    fn read(requires: Requires<'_>) -> Vec<(bool, Vec<TopicIx>)> {
        requires
            .iter()
            .map(|r| (matches!(r, Req::OneOf(_)), r.topics().to_vec()))
            .collect()
    }

    #[test]
    fn requirements_read_the_same_listed_or_packed() {
        let listed = vec![
            Requirement::Topic(4),
            one_of(&[0, 1]),
            Requirement::Topic(0),
            one_of(&[2, 3, 1]),
            Requirement::Topic(Packed::GROUP - 1),
        ];
        // Groups packed before these, as validation packs every topic's into one list.
        let mut groups = vec![group(&[9])];
        let codes: Vec<u32> = listed
            .iter()
            .map(|r| Packed::pack(r.clone(), &mut groups))
            .collect();
        assert_eq!(
            codes,
            vec![4, (1 << 31) | 1, 0, (1 << 31) | 2, (1 << 31) - 1]
        );
        assert_eq!(
            codes.iter().map(|&c| Packed::group(c)).collect::<Vec<_>>(),
            vec![None, Some(1), None, Some(2), None]
        );
        let packed = Requires::Packed(Packed {
            codes: &codes,
            groups: &groups,
        });
        let expected = vec![
            (false, vec![4]),
            (true, vec![0, 1]),
            (false, vec![0]),
            (true, vec![2, 3, 1]),
            (false, vec![Packed::GROUP - 1]),
        ];
        assert_eq!(read(packed), expected);
        assert_eq!(read(Requires::Listed(&listed)), expected);
        for requires in [packed, Requires::Listed(&listed)] {
            assert_eq!(requires.len(), 5);
            assert!(!requires.is_empty());
        }
        let none = Packed {
            codes: &[],
            groups: &groups,
        };
        for requires in [Requires::Packed(none), Requires::Listed(&[])] {
            assert_eq!(requires.len(), 0);
            assert!(requires.is_empty());
            assert!(read(requires).is_empty());
        }
    }

    #[test]
    fn the_edge_list_is_sized_once_to_the_references() {
        // 3 topics: 7 references in all (each alternative of a group counted), plain,
        // alternatives and recommendations; an edge list grown by doubling would hold 8.
        let requires = [
            vec![],
            vec![Requirement::Topic(0)],
            vec![Requirement::Topic(1), one_of(&[0, 1])],
        ];
        let recommends: [Vec<TopicIx>; 3] = [vec![], vec![], vec![0, 1, 0]];
        let links = || {
            requires
                .iter()
                .zip(&recommends)
                .map(|(r, c)| Links::listed(r, c))
        };
        let g = Graph::new(links());
        assert_eq!(g.graph.edge_count(), 7);
        assert_eq!(g.graph.capacity(), (3, 7));
    }

    #[test]
    fn a_topic_naming_itself_is_left_to_the_validator() {
        // 0 names itself; 1 and 2 name each other: one cycle, the loop on 0 not among them.
        let g = graph(&[&[0], &[2], &[1]]);
        assert_eq!(g.cycles(10), vec![vec![1, 2]]);
    }

    #[test]
    fn cycles_stop_at_the_limit_in_each_component() {
        // 0 and each of 1..=5 name each other: five cycles through 0, in one component. 6 and 7
        // name each other: another component, with its own count.
        let mut reqs: Vec<Vec<TopicIx>> = vec![(1..=5).collect()];
        reqs.extend((1..=5).map(|_| vec![0]));
        reqs.extend([vec![7], vec![6]]);
        let refs: Vec<&[TopicIx]> = reqs.iter().map(|r| r.as_slice()).collect();
        let g = graph(&refs);
        assert_eq!(g.cycles(10).len(), 6);
        assert_eq!(
            g.cycles(3),
            vec![vec![0, 1], vec![2, 0], vec![3, 0], vec![6, 7]]
        );
    }

    #[test]
    fn long_chains_and_long_cycles_need_no_recursion() {
        let n = 200_000u32;
        let chain: Vec<Vec<TopicIx>> = (0..n)
            .map(|i| if i == 0 { vec![] } else { vec![i - 1] })
            .collect();
        let refs: Vec<&[TopicIx]> = chain.iter().map(|r| r.as_slice()).collect();
        assert!(graph(&refs).cycles(10).is_empty());
        let mut ring = chain.clone();
        ring[0] = vec![n - 1];
        let refs: Vec<&[TopicIx]> = ring.iter().map(|r| r.as_slice()).collect();
        let cycles = graph(&refs).cycles(10);
        assert_eq!(cycles.len(), 1);
        assert_eq!(cycles[0].len(), n as usize);
    }

    #[test]
    fn the_quick_test_for_cycles_agrees_with_the_graph() {
        // Every digraph on 4 nodes with edges of all three kinds, taken from a counter: topic
        // `t` names `u` by plain requirement, in a `one_of`, or as a recommendation. No topic
        // names itself: validation reports that before it looks for cycles.
        let pairs: Vec<(u32, u32)> = (0..4)
            .flat_map(|t| (0..4).filter(move |&u| u != t).map(move |u| (t, u)))
            .collect();
        for mask in 0..(1u32 << pairs.len()) {
            let mut requires: Vec<Vec<Requirement<TopicIx>>> = vec![Vec::new(); 4];
            let mut recommends: Vec<Vec<TopicIx>> = vec![Vec::new(); 4];
            for (bit, &(t, u)) in pairs.iter().enumerate() {
                if mask & (1 << bit) == 0 {
                    continue;
                }
                match (mask >> (bit % 3)) % 3 {
                    0 => requires[t as usize].push(Requirement::Topic(u)),
                    1 => requires[t as usize].push(Requirement::OneOf(Box::new(
                        crate::model::Group {
                            alternatives: vec![(t + 1) % 4, u],
                            span: crate::source::Span::default(),
                        },
                    ))),
                    _ => recommends[t as usize].push(u),
                }
            }
            let links = || {
                requires
                    .iter()
                    .zip(&recommends)
                    .map(|(r, c)| Links::listed(r, c))
            };
            assert_eq!(
                is_acyclic(links()),
                Graph::new(links()).cycles(1).is_empty(),
                "mask {mask:#x}"
            );
        }
    }

    #[test]
    fn the_quick_test_for_cycles_needs_no_recursion() {
        let n = 200_000u32;
        let mut chain: Vec<Vec<Requirement<TopicIx>>> = (0..n)
            .map(|i| match i {
                0 => vec![],
                _ => vec![Requirement::Topic(i - 1)],
            })
            .collect();
        let links = |c: &[Vec<Requirement<TopicIx>>]| -> bool {
            is_acyclic(c.iter().map(|r| Links::listed(r, &[])))
        };
        assert!(links(&chain));
        chain[0] = vec![Requirement::Topic(n - 1)];
        assert!(!links(&chain));
    }
}
