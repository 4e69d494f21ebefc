//! Questions about one topic: what it needs (`prereqs`), what it opens up (`unlocks`), how one topic
//! leads to another (`path`), and what a learner can start now (`next`). Trees are built as flat
//! node lists with explicit stacks, never by recursion, so a 100,000-long chain is fine.

use hashbrown::{HashMap, HashSet};
use std::cmp::Reverse;
use std::collections::{BinaryHeap, VecDeque};
use std::ops::ControlFlow;

use crate::graph::EdgeKind;
use crate::model::{Requirement, Roadmap, TopicIx};

/// Which way a tree grows from its root.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    /// Toward what a topic requires.
    Prereqs,
    /// Toward what requires it.
    Unlocks,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NodeKind {
    Topic(TopicIx),
    /// A `one_of` group; its children are the alternatives.
    OneOf,
}

/// One line of a tree.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Node {
    pub kind: NodeKind,
    pub depth: usize,
    /// Whether this is the last child of its parent (for `└──`).
    pub last: bool,
    /// A topic whose subtree was already shown above; its children are left out (`(*)`).
    pub seen: bool,
    /// A topic with children not shown because of `--depth`.
    pub cut: bool,
    /// How the parent links to it, when not a plain requirement.
    pub via: Option<EdgeKind>,
}

#[derive(Clone, Copy, Debug)]
pub struct TreeOptions {
    pub direction: Direction,
    /// Levels below the root to show; `None` for all.
    pub depth: Option<usize>,
    pub dedupe: bool,
    pub with_recommended: bool,
}

/// Children of a topic in a prerequisite tree: its requirements in the order written (one_of
/// groups as group nodes), then recommendations when asked.
fn prereq_children(roadmap: &Roadmap, t: TopicIx, with_recommended: bool) -> Vec<Child> {
    let topic = roadmap.topic(t);
    let mut children: Vec<Child> = topic
        .requires
        .iter()
        .map(|r| match r {
            Requirement::Topic(r) => Child::Topic(*r, None),
            Requirement::OneOf(group) => Child::OneOf(group.alternatives.clone()),
        })
        .collect();
    if with_recommended {
        children.extend(
            topic
                .recommends
                .iter()
                .map(|&r| Child::Topic(r, Some(EdgeKind::Recommends))),
        );
    }
    children
}

/// Children of a topic in an unlocks tree: topics that require it (plainly or as an
/// alternative), in stage order.
fn unlock_children(roadmap: &Roadmap, t: TopicIx, with_recommended: bool) -> Vec<Child> {
    let mut users: Vec<(TopicIx, EdgeKind)> = roadmap
        .graph()
        .dependents(t)
        .filter(|(_, k)| with_recommended || *k != EdgeKind::Recommends)
        .collect();
    users.sort_by_key(|&(u, k)| (roadmap.topic(u).stage, u, k));
    users.dedup_by_key(|(u, _)| *u);
    users
        .into_iter()
        .map(|(u, k)| Child::Topic(u, (k != EdgeKind::Requires).then_some(k)))
        .collect()
}

enum Child {
    Topic(TopicIx, Option<EdgeKind>),
    OneOf(Vec<TopicIx>),
}

/// The tree under `root`, in printing order (pre-order), the way `cargo tree` shows it.
pub fn tree(roadmap: &Roadmap, root: TopicIx, options: TreeOptions) -> Vec<Node> {
    let mut nodes = Vec::new();
    walk_tree(roadmap, root, options, |n| {
        nodes.push(n);
        ControlFlow::Continue(())
    });
    nodes
}

/// Walks the tree under `root` in printing order, handing each node to `visit` as it is reached,
/// until `visit` breaks. Nothing is kept but the siblings still to print on the way down, so a
/// tree far larger than memory (`--no-dedupe` on a chain of diamonds doubles at each level) can
/// be printed as it is walked, or counted and refused.
pub fn walk_tree(
    roadmap: &Roadmap,
    root: TopicIx,
    options: TreeOptions,
    mut visit: impl FnMut(Node) -> ControlFlow<()>,
) {
    let children_of = |t: TopicIx| match options.direction {
        Direction::Prereqs => prereq_children(roadmap, t, options.with_recommended),
        Direction::Unlocks => unlock_children(roadmap, t, options.with_recommended),
    };
    let node = |kind, depth, last, via| Node {
        kind,
        depth,
        last,
        seen: false,
        cut: false,
        via,
    };
    let mut root_node = node(NodeKind::Topic(root), 0, true, None);
    // The shallowest level at which each topic's subtree was shown. With a depth limit, a subtree
    // shown deep down was cut short, so meeting the topic again nearer the root shows it again.
    let mut expanded: HashMap<TopicIx, usize> = HashMap::from([(root, 0)]);
    // Nodes still to print, pushed in reverse so they pop in order, each with its level (topics
    // from the root: a `one_of` line is drawn but is not a level of its own, so `--depth` counts
    // topics) and, for a group, its alternatives.
    let mut stack: Vec<(Node, usize, Vec<TopicIx>)> = Vec::new();
    let push_children = |stack: &mut Vec<(Node, usize, Vec<TopicIx>)>,
                         children: Vec<Child>,
                         depth: usize,
                         level: usize| {
        let n = children.len();
        for (i, c) in children.into_iter().enumerate().rev() {
            let last = i + 1 == n;
            stack.push(match c {
                Child::Topic(t, via) => (
                    node(NodeKind::Topic(t), depth, last, via),
                    level,
                    Vec::new(),
                ),
                Child::OneOf(alts) => (
                    node(NodeKind::OneOf, depth, last, Some(EdgeKind::OneOf)),
                    level,
                    alts,
                ),
            });
        }
    };
    let within = |level: usize| options.depth.is_none_or(|d| level <= d);
    let root_children = children_of(root);
    if within(1) {
        push_children(&mut stack, root_children, 1, 1);
    } else {
        root_node.cut = !root_children.is_empty();
    }
    if visit(root_node).is_break() {
        return;
    }
    while let Some((mut n, level, alternatives)) = stack.pop() {
        let depth = n.depth;
        match n.kind {
            NodeKind::OneOf => {
                if visit(n).is_break() {
                    return;
                }
                let count = alternatives.len();
                for (i, a) in alternatives.into_iter().enumerate().rev() {
                    stack.push((
                        node(NodeKind::Topic(a), depth + 1, i + 1 == count, None),
                        level,
                        Vec::new(),
                    ));
                }
            }
            NodeKind::Topic(t) => {
                let children = children_of(t);
                if !within(level + 1) {
                    n.cut = !children.is_empty();
                    if visit(n).is_break() {
                        return;
                    }
                    continue;
                }
                let shown_at = expanded.get(&t).copied();
                // Without a depth limit every subtree is shown whole, wherever it was met.
                let whole = |l: usize| options.depth.is_none() || l <= level;
                n.seen = options.dedupe && !children.is_empty() && shown_at.is_some_and(whole);
                if !n.seen {
                    expanded.insert(t, level);
                }
                let seen = n.seen;
                if visit(n).is_break() {
                    return;
                }
                if !seen {
                    push_children(&mut stack, children, depth + 1, level + 1);
                }
            }
        }
    }
}

/// Every topic reachable from `root` in `direction` (all one_of alternatives included, and
/// recommendations when asked), without `root`.
pub fn reachable(
    roadmap: &Roadmap,
    root: TopicIx,
    direction: Direction,
    with_recommended: bool,
) -> HashSet<TopicIx> {
    let follows = |k: EdgeKind| with_recommended || k != EdgeKind::Recommends;
    let mut seen: HashSet<TopicIx> = HashSet::from([root]);
    let mut stack = vec![root];
    while let Some(t) = stack.pop() {
        let next: Vec<TopicIx> = match direction {
            Direction::Prereqs => roadmap
                .graph()
                .requirements(t)
                .filter(|(_, k)| follows(*k))
                .map(|(r, _)| r)
                .collect(),
            Direction::Unlocks => roadmap
                .graph()
                .dependents(t)
                .filter(|(_, k)| follows(*k))
                .map(|(r, _)| r)
                .collect(),
        };
        for n in next {
            if seen.insert(n) {
                stack.push(n);
            }
        }
    }
    seen.remove(&root);
    seen
}

/// [`reachable`] in plan order: each after what it requires, earliest stage first.
pub fn closure(
    roadmap: &Roadmap,
    root: TopicIx,
    direction: Direction,
    with_recommended: bool,
) -> Vec<TopicIx> {
    study_order(
        roadmap,
        &reachable(roadmap, root, direction, with_recommended),
    )
}

/// Orders a set of topics so each comes after the members it names (any edge kind), taking the
/// earliest stage first among those ready.
pub fn study_order(roadmap: &Roadmap, set: &HashSet<TopicIx>) -> Vec<TopicIx> {
    let mut waiting: HashMap<TopicIx, usize> = HashMap::with_capacity(set.len());
    for &t in set {
        let mut names: Vec<TopicIx> = roadmap
            .graph()
            .requirements(t)
            .map(|(r, _)| r)
            .filter(|r| set.contains(r))
            .collect();
        names.sort_unstable();
        names.dedup();
        waiting.insert(t, names.len());
    }
    let key = |t: TopicIx| Reverse((roadmap.topic(t).stage, t));
    let mut ready: BinaryHeap<_> = set
        .iter()
        .filter(|t| waiting[*t] == 0)
        .map(|&t| key(t))
        .collect();
    let mut order = Vec::with_capacity(set.len());
    while let Some(Reverse((_, t))) = ready.pop() {
        order.push(t);
        let mut users: Vec<TopicIx> = roadmap
            .graph()
            .dependents(t)
            .map(|(u, _)| u)
            .filter(|u| set.contains(u))
            .collect();
        users.sort_unstable();
        users.dedup();
        for u in users {
            let w = waiting.get_mut(&u).expect("members are counted");
            *w -= 1;
            if *w == 0 {
                ready.push(key(u));
            }
        }
    }
    order
}

/// Chains `from -> ... -> to` where each topic is a requirement (plain or one_of alternative) of
/// the next, shortest first, at most `max` (see [`chains`]).
pub fn paths(roadmap: &Roadmap, from: TopicIx, to: TopicIx, max: usize) -> Vec<Vec<TopicIx>> {
    let counts = |k: EdgeKind| k != EdgeKind::Recommends;
    chains(
        from,
        to,
        max,
        |t| {
            roadmap
                .graph()
                .dependents(t)
                .filter(|&(_, k)| counts(k))
                .map(|(u, _)| u)
                .collect()
        },
        |t| {
            roadmap
                .graph()
                .requirements(t)
                .filter(|&(_, k)| counts(k))
                .map(|(r, _)| r)
                .collect()
        },
    )
}

/// Chains `from -> ... -> to` in a DAG given by `next` (the nodes a chain may go on to) and
/// `previous` (its reverse), shortest first, at most `max`, ties in index order (the order of
/// the chains as lists). The exact distance to `to` (found walking `previous` from `to`) guides
/// both ways of finding them:
///
/// - one chain: from `from`, each step takes the lowest-index node one link nearer `to`, which
///   is the first chain in that order, in time linear in its length;
/// - more: a best-first search with that distance as its estimate, so every partial chain it
///   extends can be completed and chains come out in order. Partial chains are kept as a tree of
///   steps (each a node and the step before it), not copied: copying each one as it grew was
///   quadratic in the length of a chain (a 300,000-topic chain took 11.7 s).
pub fn chains(
    from: TopicIx,
    to: TopicIx,
    max: usize,
    next: impl Fn(TopicIx) -> Vec<TopicIx>,
    previous: impl Fn(TopicIx) -> Vec<TopicIx>,
) -> Vec<Vec<TopicIx>> {
    // Distance from each node to `to`, walking backwards from `to`.
    let mut dist: HashMap<TopicIx, usize> = HashMap::from([(to, 0)]);
    let mut queue = VecDeque::from([to]);
    while let Some(t) = queue.pop_front() {
        let d = dist[&t];
        for r in previous(t) {
            if !dist.contains_key(&r) {
                dist.insert(r, d + 1);
                queue.push_back(r);
            }
        }
    }
    let Some(&d0) = dist.get(&from) else {
        return Vec::new();
    };
    if from == to || max == 0 {
        return Vec::new();
    }
    if max == 1 {
        let mut chain = vec![from];
        let mut at = from;
        while at != to {
            let nearer = dist[&at] - 1;
            at = next(at)
                .into_iter()
                .filter(|u| dist.get(u) == Some(&nearer))
                .min()
                .expect("a node at distance d has a next node at d - 1");
            chain.push(at);
        }
        return vec![chain];
    }
    let mut steps = Steps::default();
    let mut heap = Heap::default();
    let first = steps.add(from, NO_STEP);
    heap.push(&steps, d0, first);
    let mut found = Vec::new();
    while let Some((_, step)) = heap.pop(&steps) {
        let last = steps.node(step);
        if last == to {
            found.push(steps.chain(step));
            if found.len() == max {
                break;
            }
            continue;
        }
        let mut nexts: Vec<TopicIx> = next(last)
            .into_iter()
            .filter(|u| dist.contains_key(u))
            .collect();
        nexts.sort_unstable();
        nexts.dedup();
        for u in nexts {
            let child = steps.add(u, step);
            heap.push(&steps, steps.links(child) + dist[&u], child);
        }
    }
    found
}

/// No step before: the first node of a chain.
const NO_STEP: u32 = u32::MAX;

/// Partial chains as a tree: each step is a node, the step before it, and the number of links
/// up to it. A chain is extended by adding one step, whatever its length.
#[derive(Default)]
struct Steps {
    node: Vec<TopicIx>,
    before: Vec<u32>,
    links: Vec<usize>,
}

impl Steps {
    fn add(&mut self, node: TopicIx, before: u32) -> u32 {
        let links = match before {
            NO_STEP => 0,
            b => self.links[b as usize] + 1,
        };
        self.node.push(node);
        self.before.push(before);
        self.links.push(links);
        (self.node.len() - 1) as u32
    }

    fn node(&self, step: u32) -> TopicIx {
        self.node[step as usize]
    }

    fn links(&self, step: u32) -> usize {
        self.links[step as usize]
    }

    /// The chain that ends at `step`, from its first node.
    fn chain(&self, mut step: u32) -> Vec<TopicIx> {
        let mut chain = Vec::with_capacity(self.links(step) + 1);
        while step != NO_STEP {
            chain.push(self.node(step));
            step = self.before[step as usize];
        }
        chain.reverse();
        chain
    }

    /// The order of the chains ending at `a` and `b` as lists. Both start at the same node, so
    /// they are compared where they part: the steps just below their last common step (a chain
    /// that is the start of the other comes first).
    fn compare(&self, a: u32, b: u32) -> std::cmp::Ordering {
        let (mut x, mut y) = (a, b);
        while self.links(x) > self.links(y) {
            x = self.before[x as usize];
        }
        while self.links(y) > self.links(x) {
            y = self.before[y as usize];
        }
        if x == y {
            return self.links(a).cmp(&self.links(b));
        }
        loop {
            let (px, py) = (self.before[x as usize], self.before[y as usize]);
            if px == py {
                return self.node(x).cmp(&self.node(y));
            }
            x = px;
            y = py;
        }
    }
}

/// A min-heap of partial chains by (links plus the distance left, then the chain as a list).
#[derive(Default)]
struct Heap {
    items: Vec<(usize, u32)>,
}

impl Heap {
    fn less(steps: &Steps, x: (usize, u32), y: (usize, u32)) -> bool {
        x.0.cmp(&y.0).then_with(|| steps.compare(x.1, y.1)).is_lt()
    }

    fn push(&mut self, steps: &Steps, estimate: usize, step: u32) {
        self.items.push((estimate, step));
        let mut i = self.items.len() - 1;
        while i > 0 {
            let parent = (i - 1) / 2;
            if !Heap::less(steps, self.items[i], self.items[parent]) {
                break;
            }
            self.items.swap(i, parent);
            i = parent;
        }
    }

    fn pop(&mut self, steps: &Steps) -> Option<(usize, u32)> {
        if self.items.is_empty() {
            return None;
        }
        let top = self.items.swap_remove(0);
        let mut i = 0;
        loop {
            let (l, r) = (2 * i + 1, 2 * i + 2);
            let mut least = i;
            for c in [l, r] {
                if c < self.items.len() && Heap::less(steps, self.items[c], self.items[least]) {
                    least = c;
                }
            }
            if least == i {
                break;
            }
            self.items.swap(i, least);
            i = least;
        }
        Some(top)
    }
}

/// A topic a learner can start now, with how many topics of the scope it opens up.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ready {
    pub topic: TopicIx,
    pub unlocks: usize,
}

/// True when every requirement of `t` is met by `known` (a `one_of` by any alternative).
pub fn is_ready(roadmap: &Roadmap, t: TopicIx, known: &HashSet<TopicIx>) -> bool {
    roadmap.topic(t).requires.iter().all(|r| match r {
        Requirement::Topic(r) => known.contains(r),
        Requirement::OneOf(group) => group.alternatives.iter().any(|a| known.contains(a)),
    })
}

/// Topics of `scope` (the whole roadmap when `None`) not known and with every requirement met,
/// ranked by how many topics of the scope they transitively unlock, then stage order.
pub fn next(
    roadmap: &Roadmap,
    known: &HashSet<TopicIx>,
    scope: Option<&HashSet<TopicIx>>,
) -> Vec<Ready> {
    let in_scope = |t: &TopicIx| scope.is_none_or(|s| s.contains(t));
    let candidates: Vec<TopicIx> = match scope {
        Some(s) => {
            let mut c: Vec<TopicIx> = s.iter().copied().collect();
            c.sort_unstable();
            c
        }
        None => (0..roadmap.topics.len() as TopicIx).collect(),
    };
    let from: Vec<TopicIx> = candidates
        .into_iter()
        .filter(|t| !known.contains(t) && is_ready(roadmap, *t, known))
        .collect();
    let counted = |u: TopicIx| in_scope(&u) && !known.contains(&u);
    let unlocks = unlock_counts(roadmap, &from, counted).unwrap_or_else(|| {
        from.iter()
            .map(|&t| {
                reachable(roadmap, t, Direction::Unlocks, false)
                    .into_iter()
                    .filter(|&u| counted(u))
                    .count()
            })
            .collect()
    });
    let mut ready: Vec<Ready> = from
        .into_iter()
        .zip(unlocks)
        .map(|(topic, unlocks)| Ready { topic, unlocks })
        .collect();
    ready.sort_by_key(|r| (Reverse(r.unlocks), roadmap.topic(r.topic).stage, r.topic));
    ready
}

/// Bits of reaching sets kept at once by [`unlock_counts`]: 32 MiB.
const REACH_WORDS: usize = 4 << 20;

/// For each topic of `from`, how many topics `counted` accepts it unlocks: reachable through
/// requirements and `one_of` alternatives (not recommendations), itself excepted; what
/// [`reachable`] would give, counted, for each. Walking from each topic on its own was ready
/// topics × roadmap (9 CPU-s for `next` on 100,000 topics); this is one sweep in topological
/// order carrying, for every topic, the set of `from` that reach it as bits, in batches that
/// keep the sets within [`REACH_WORDS`]. `None` when the graph has a cycle (a roadmap that did
/// not validate).
fn unlock_counts(
    roadmap: &Roadmap,
    from: &[TopicIx],
    counted: impl Fn(TopicIx) -> bool,
) -> Option<Vec<usize>> {
    unlock_counts_within(roadmap, from, counted, REACH_WORDS)
}

/// [`unlock_counts`] keeping at most `reach_words` words of bits at once (at least one per topic).
fn unlock_counts_within(
    roadmap: &Roadmap,
    from: &[TopicIx],
    counted: impl Fn(TopicIx) -> bool,
    reach_words: usize,
) -> Option<Vec<usize>> {
    let mut counts = vec![0; from.len()];
    if from.is_empty() {
        return Some(counts);
    }
    let graph = roadmap.graph();
    let order = graph.topological_order()?;
    let n = roadmap.topics.len();
    let counted: Vec<TopicIx> = (0..n as TopicIx).filter(|&u| counted(u)).collect();
    let words = (reach_words / n.max(1)).clamp(1, from.len().div_ceil(64));
    let mut bits = vec![0u64; n * words];
    for (b, batch) in from.chunks(words * 64).enumerate() {
        bits.fill(0);
        for (i, &r) in batch.iter().enumerate() {
            bits[r as usize * words + i / 64] |= 1 << (i % 64);
        }
        for &u in &order {
            let src = u as usize * words;
            if bits[src..src + words].iter().all(|&w| w == 0) {
                continue;
            }
            for (d, kind) in graph.dependents(u) {
                if kind != EdgeKind::Recommends {
                    let dst = d as usize * words;
                    for j in 0..words {
                        bits[dst + j] |= bits[src + j];
                    }
                }
            }
        }
        let base = b * words * 64;
        for &u in &counted {
            for (j, &word) in bits[u as usize * words..][..words].iter().enumerate() {
                let mut word = word;
                while word != 0 {
                    let i = j * 64 + word.trailing_zeros() as usize;
                    word &= word - 1;
                    if batch[i] != u {
                        counts[base + i] += 1;
                    }
                }
            }
        }
    }
    Some(counts)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Batches of 64 ready topics and of several words each give what walking from each topic
    /// gives: 150 topics without requirements, and 60 that require a few of them (plain or as a
    /// `one_of`) and each other, counted only when odd.
    #[test]
    fn unlock_counts_in_batches_are_the_walks_counted() {
        let mut text =
            String::from("[roadmap]\ntitle = \"t\"\n[[stage]]\nid = \"s\"\ntitle = \"S\"\n");
        for i in 0..210u32 {
            let requires = if i < 150 {
                String::new()
            } else {
                let a = (i * 7) % 150;
                let b = (i * 13) % 150;
                let c = if i > 151 {
                    format!(", \"t{}\"", i - 2)
                } else {
                    String::new()
                };
                format!(
                    "\"t{a}\", {{ one_of = [\"t{b}\", \"t{}\"] }}{c}",
                    (b + 1) % 150
                )
            };
            text.push_str(&format!(
                "[[topic]]\nid = \"t{i}\"\ntitle = \"T\"\nstage = \"s\"\nhours = 1\nrequires = [{requires}]\n"
            ));
        }
        let roadmap = crate::validate::roadmap_from_str(&text);
        let from: Vec<TopicIx> = (0..150).collect();
        let counted = |u: TopicIx| u % 2 == 1;
        let walked: Vec<usize> = from
            .iter()
            .map(|&t| {
                reachable(&roadmap, t, Direction::Unlocks, false)
                    .into_iter()
                    .filter(|&u| counted(u))
                    .count()
            })
            .collect();
        assert!(walked.iter().any(|&c| c > 10), "{walked:?}");
        for words in [1, 210, 210 * 2, 210 * 3, REACH_WORDS] {
            let swept = unlock_counts_within(&roadmap, &from, counted, words);
            assert_eq!(swept.as_deref(), Some(&walked[..]), "{words} words");
        }
    }

    /// The chains in (length, list) order, found the plain way: a best-first search that copies
    /// each partial chain.
    fn reference(
        from: TopicIx,
        to: TopicIx,
        max: usize,
        next: &[Vec<TopicIx>],
        dist: &HashMap<TopicIx, usize>,
    ) -> Vec<Vec<TopicIx>> {
        let Some(&d0) = dist.get(&from) else {
            return Vec::new();
        };
        if from == to || max == 0 {
            return Vec::new();
        }
        let mut found = Vec::new();
        let mut heap = BinaryHeap::from([Reverse((d0, vec![from]))]);
        while let Some(Reverse((_, path))) = heap.pop() {
            let last = *path.last().unwrap();
            if last == to {
                found.push(path);
                if found.len() == max {
                    break;
                }
                continue;
            }
            let mut nexts: Vec<TopicIx> = next[last as usize]
                .iter()
                .copied()
                .filter(|u| dist.contains_key(u))
                .collect();
            nexts.sort_unstable();
            nexts.dedup();
            for u in nexts {
                let mut p = path.clone();
                p.push(u);
                heap.push(Reverse((p.len() - 1 + dist[&u], p)));
            }
        }
        found
    }

    /// Chains are the same, in the same order, as the plain search gives, on many random DAGs
    /// (edges only from lower to higher nodes), for every pair of nodes and up to 6 chains.
    #[test]
    fn chains_are_those_of_the_plain_search() {
        let mut random = crate::testing::below(0x2545_f491_4f6c_dd1d);
        for _ in 0..60 {
            let n = 2 + random(9) as usize;
            let mut edges = Vec::new();
            for a in 0..n as TopicIx {
                for b in a + 1..n as TopicIx {
                    if random(3) == 0 {
                        edges.push((a, b));
                        if random(4) == 0 {
                            edges.push((a, b)); // named twice
                        }
                    }
                }
            }
            let mut next = vec![Vec::new(); n];
            let mut previous = vec![Vec::new(); n];
            for &(a, b) in &edges {
                next[a as usize].push(b);
                previous[b as usize].push(a);
            }
            for from in 0..n as TopicIx {
                for to in 0..n as TopicIx {
                    let mut dist = HashMap::from([(to, 0)]);
                    let mut queue = VecDeque::from([to]);
                    while let Some(t) = queue.pop_front() {
                        let d = dist[&t];
                        for &r in &previous[t as usize] {
                            dist.entry(r).or_insert_with(|| {
                                queue.push_back(r);
                                d + 1
                            });
                        }
                    }
                    for max in 1..=6 {
                        let got = chains(
                            from,
                            to,
                            max,
                            |t| next[t as usize].clone(),
                            |t| previous[t as usize].clone(),
                        );
                        assert_eq!(got, reference(from, to, max, &next, &dist), "{next:?}");
                    }
                }
            }
        }
    }

    /// A chain of 300,000 topics is found in time linear in its length, one chain or several.
    #[test]
    fn long_chains_are_linear() {
        let n = 300_000u32;
        let next = |t: TopicIx| if t + 1 < n { vec![t + 1] } else { Vec::new() };
        let previous = |t: TopicIx| if t > 0 { vec![t - 1] } else { Vec::new() };
        for max in [1, 5] {
            let found = chains(0, n - 1, max, next, previous);
            assert_eq!(found.len(), 1);
            assert_eq!(found[0].len(), n as usize);
        }
    }
}
