//! A directed acyclic graph as lists of children (node `i` points to `children[i]`), with the
//! searches that must stay cheap on large roadmaps: reachability bounded by height, and
//! transitive reduction (which edges a longer path already implies).
//!
//! Height is the longest path down to a leaf. If `a` reaches `b` then `height(a) > height(b)`,
//! so a search for targets of height `h` never needs to enter nodes below `h`: the cost follows
//! the band of the graph between a node and its targets, not the graph's size.

use std::sync::OnceLock;

/// Child lists and heights. Construction assumes acyclic input (on a cycle, heights ignore the edge
/// that closes it, and mean nothing).
///
/// The lists are kept end to end in one vector (node `i`'s are `edges[start[i]..start[i + 1]]`):
/// one allocation for a roadmap's hundreds of thousands of topics rather than one each, and
/// searches that read neighbouring lists from neighbouring memory.
#[derive(Clone, Debug)]
pub struct Dag {
    start: Vec<u32>,
    edges: Vec<u32>,
    /// Computed on first use: many commands never search.
    ranks: OnceLock<Ranks>,
}

impl Default for Dag {
    fn default() -> Dag {
        Dag::build(0, 0, |_, _| {})
    }
}

impl Dag {
    pub fn new(children: Vec<Vec<u32>>) -> Dag {
        let edges = children.iter().map(Vec::len).sum();
        Dag::build(children.len(), edges, |node, edges| {
            edges.extend_from_slice(&children[node])
        })
    }

    /// The DAG of `n` nodes whose node `i`'s children `children(i, edges)` pushes onto `edges`,
    /// called for each node in order; room is made for `edges` children at first (a list grown
    /// by doubling may hold twice what it needs, megabytes on a large roadmap).
    pub fn build(n: usize, edges: usize, mut children: impl FnMut(usize, &mut Vec<u32>)) -> Dag {
        let mut start = Vec::with_capacity(n + 1);
        let mut edges = Vec::with_capacity(edges);
        start.push(0);
        for node in 0..n {
            children(node, &mut edges);
            start.push(edges.len() as u32);
        }
        Dag {
            start,
            edges,
            ranks: OnceLock::new(),
        }
    }

    fn ranks(&self) -> &Ranks {
        self.ranks
            .get_or_init(|| ranks(self.len(), |node| self.children(node as u32)))
    }

    #[cfg(test)]
    fn heights(&self) -> &[u32] {
        &self.ranks().height
    }

    pub fn len(&self) -> usize {
        self.start.len() - 1
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn children(&self, node: u32) -> &[u32] {
        let node = node as usize;
        &self.edges[self.start[node] as usize..self.start[node + 1] as usize]
    }

    pub fn height(&self, node: u32) -> u32 {
        self.ranks().height[node as usize]
    }

    /// Marks (in `scratch`) every node reachable from `starts`, the starts included, skipping
    /// nodes of height below `floor`; returns how many were marked.
    pub fn reach(
        &self,
        starts: impl IntoIterator<Item = u32>,
        floor: u32,
        scratch: &mut Scratch,
    ) -> usize {
        let bound = Bound {
            height: floor,
            finish: 0,
        };
        self.search(starts, bound, scratch)
    }

    /// [`Dag::reach`] within `bound`: marks the nodes that may be targets, and searches on only
    /// from those that may lead to one.
    fn search(
        &self,
        starts: impl IntoIterator<Item = u32>,
        bound: Bound,
        scratch: &mut Scratch,
    ) -> usize {
        scratch.begin(self.len());
        let ranks = self.ranks();
        let mut count = 0;
        for s in starts {
            if bound.may_be(ranks, s) && scratch.mark(s) {
                scratch.stack.push(s);
                count += 1;
            }
        }
        while let Some(n) = scratch.stack.pop() {
            if !bound.may_lead(ranks, n) {
                continue;
            }
            for &c in self.children(n) {
                if bound.may_be(ranks, c) && scratch.mark(c) {
                    scratch.stack.push(c);
                    count += 1;
                }
            }
        }
        count
    }

    /// Children of `node` reachable through another child too: the edges a transitive reduction
    /// drops. Each comes with one other child that reaches it.
    pub fn implied_children(&self, node: u32, scratch: &mut Scratch) -> Vec<(u32, u32)> {
        let kids = self.children(node);
        if kids.len() < 2 {
            return Vec::new();
        }
        let ranks = self.ranks();
        let bound = Bound::of(ranks, kids);
        let grandchildren = kids.iter().flat_map(|&k| self.children(k).iter().copied());
        self.search(grandchildren, bound, scratch);
        let implied: Vec<u32> = kids
            .iter()
            .copied()
            .filter(|&k| scratch.is_marked(k))
            .collect();
        if implied.is_empty() {
            return Vec::new();
        }
        // Name, for each implied child, the first other child (in the order written) that
        // reaches it: one search from each child's children in that order, each stopping where
        // an earlier one has been, labels every node with the first child that reaches it. The
        // searches together cover the band once, however many children are implied (asking
        // each child in turn for each implied one was quadratic).
        scratch.begin(self.len());
        if scratch.label.len() != self.len() {
            scratch.label = vec![0; self.len()];
        }
        for &k in kids {
            scratch.stack.extend(self.children(k).iter().copied());
            while let Some(n) = scratch.stack.pop() {
                if bound.may_be(ranks, n) && scratch.mark(n) {
                    scratch.label[n as usize] = k;
                    if bound.may_lead(ranks, n) {
                        scratch.stack.extend(self.children(n).iter().copied());
                    }
                }
            }
        }
        implied
            .into_iter()
            .map(|target| (target, scratch.label[target as usize]))
            .collect()
    }
}

/// Each node's height, and when a depth-first search finished it. If `a` reaches `b`, `a` is
/// higher than `b` and finished after it (a search finishes a node once everything below it is
/// finished): either is a test a node must pass to lead to `b`, and together they leave out
/// much more of a large graph than height alone.
#[derive(Clone, Debug)]
struct Ranks {
    height: Vec<u32>,
    finish: Vec<u32>,
}

/// The least height and finish of the targets of a search.
#[derive(Clone, Copy)]
struct Bound {
    height: u32,
    finish: u32,
}

impl Bound {
    fn of(ranks: &Ranks, targets: &[u32]) -> Bound {
        let least = |of: &[u32]| targets.iter().map(|&t| of[t as usize]).min().unwrap_or(0);
        Bound {
            height: least(&ranks.height),
            finish: least(&ranks.finish),
        }
    }

    /// Whether `node` may be one of the targets.
    fn may_be(self, ranks: &Ranks, node: u32) -> bool {
        let n = node as usize;
        ranks.height[n] >= self.height && ranks.finish[n] >= self.finish
    }

    /// Whether a target may be below `node`.
    fn may_lead(self, ranks: &Ranks, node: u32) -> bool {
        let n = node as usize;
        ranks.height[n] > self.height && ranks.finish[n] > self.finish
    }
}

/// Longest path from each node down to a leaf, and the order nodes finish in: a node's height
/// is set once all its children's are, in the post-order of [`depth_first`]. No list of parents
/// is built (Kahn's algorithm needed one: a hundred thousand small allocations on a large
/// roadmap, on the way of validation's warnings).
fn ranks<'g>(n: usize, children: impl Fn(usize) -> &'g [u32]) -> Ranks {
    let mut height = vec![0u32; n];
    let mut finish = vec![0u32; n];
    let mut finished = 0;
    depth_first(n, &children, OnCycle::Skip, |node| {
        let below = children(node).iter().map(|&k| height[k as usize] + 1);
        height[node] = below.max().unwrap_or(0);
        finish[node] = finished;
        finished += 1;
    });
    Ranks { height, finish }
}

/// What [`depth_first`] does at an edge that closes a cycle.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum OnCycle {
    /// Stop the search at once.
    Stop,
    /// Ignore the edge and go on.
    Skip,
}

/// Visits every node of the graph whose node `i` points to `children(i)`, depth first, with an
/// explicit path (no recursion: a roadmap may hold a 100,000-long chain of prerequisites), and
/// calls `done(node)` once every child of `node` is done. Returns whether the graph is acyclic
/// (with [`OnCycle::Stop`], as soon as an edge closes a cycle).
pub fn depth_first<'g>(
    n: usize,
    children: impl Fn(usize) -> &'g [u32],
    on_cycle: OnCycle,
    mut done: impl FnMut(usize),
) -> bool {
    const NEW: u8 = 0;
    const ON_PATH: u8 = 1;
    const DONE: u8 = 2;
    let mut state = vec![NEW; n];
    let mut acyclic = true;
    // The path being searched: each node with the position of its next child.
    let mut path: Vec<(usize, usize)> = Vec::new();
    for root in 0..n {
        if state[root] != NEW {
            continue;
        }
        state[root] = ON_PATH;
        path.push((root, 0));
        while let Some(&(node, at)) = path.last() {
            let Some(&kid) = children(node).get(at) else {
                state[node] = DONE;
                path.pop();
                done(node);
                continue;
            };
            if let Some(top) = path.last_mut() {
                top.1 += 1;
            }
            let kid = kid as usize;
            match state[kid] {
                NEW => {
                    state[kid] = ON_PATH;
                    path.push((kid, 0));
                }
                ON_PATH => {
                    acyclic = false;
                    if on_cycle == OnCycle::Stop {
                        return false;
                    }
                }
                _ => {} // DONE: its part of the search is over
            }
        }
    }
    acyclic
}

/// Reusable visited marks: a new epoch per search instead of clearing a vector of the graph's
/// size, so many small searches on a large graph stay small.
#[derive(Default)]
pub struct Scratch {
    epoch: u32,
    seen: Vec<u32>,
    stack: Vec<u32>,
    /// Per node, a value a search left (meaningful only where it marked the node).
    label: Vec<u32>,
}

impl Scratch {
    fn begin(&mut self, n: usize) {
        if self.seen.len() != n {
            self.seen = vec![0; n];
            self.epoch = 0;
        }
        self.epoch = self.epoch.wrapping_add(1);
        if self.epoch == 0 {
            self.seen.fill(0);
            self.epoch = 1;
        }
        self.stack.clear();
    }

    fn mark(&mut self, node: u32) -> bool {
        let seen = &mut self.seen[node as usize];
        let fresh = *seen != self.epoch;
        *seen = self.epoch;
        fresh
    }

    /// Whether the last search reached `node`.
    pub fn is_marked(&self, node: u32) -> bool {
        self.seen.get(node as usize) == Some(&self.epoch)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_chains_do_not_overflow_the_stack() {
        let n = 200_000u32;
        let children: Vec<Vec<u32>> = (0..n)
            .map(|i| if i == 0 { vec![] } else { vec![i - 1] })
            .collect();
        let dag = Dag::new(children);
        assert_eq!(dag.height(n - 1), n - 1);
        let mut scratch = Scratch::default();
        assert_eq!(dag.reach([n - 1], 0, &mut scratch), n as usize);
        assert_eq!(dag.reach([n - 1], n - 10, &mut scratch), 10);
    }

    #[test]
    fn heights_are_the_longest_paths_down() {
        // Random DAGs whose edges run from a node to lower-numbered ones, so heights can be
        // computed in index order as the oracle.
        let mut next = crate::testing::below(0x2545_f491_4f6c_dd1d);
        for _ in 0..300 {
            let n = 1 + next(40) as usize;
            let children: Vec<Vec<u32>> = (0..n)
                .map(|i| match i {
                    0 => vec![],
                    _ => (0..next(4)).map(|_| next(i as u64) as u32).collect(),
                })
                .collect();
            let mut expected = vec![0u32; n];
            for i in 0..n {
                expected[i] = children[i]
                    .iter()
                    .map(|&k| expected[k as usize] + 1)
                    .max()
                    .unwrap_or(0);
            }
            let dag = Dag::new(children);
            assert_eq!(dag.heights(), expected.as_slice());
        }
    }

    #[test]
    fn implied_children_are_those_a_plain_search_finds() {
        // Random DAGs, numbered at random (so that a node's children may come before or after
        // it, and the order searches finish nodes in is not the numbering), against a plain
        // search from each child in the order written.
        let mut next = crate::testing::below(0x9e37_79b9_7f4a_7c15);
        let mut scratch = Scratch::default();
        let mut implied = 0;
        for _ in 0..300 {
            let n = 2 + next(30) as usize;
            let mut name: Vec<u32> = (0..n as u32).collect();
            for i in (1..n).rev() {
                name.swap(i, next(i as u64 + 1) as usize);
            }
            let mut children = vec![Vec::new(); n];
            for i in 1..n {
                for _ in 0..next(5) {
                    let kid = name[next(i as u64) as usize];
                    if !children[name[i] as usize].contains(&kid) {
                        children[name[i] as usize].push(kid);
                    }
                }
            }
            let reaches = |from: u32, to: u32| {
                let mut stack = vec![from];
                let mut seen = vec![false; n];
                while let Some(x) = stack.pop() {
                    if x == to {
                        return true;
                    }
                    for &c in &children[x as usize] {
                        if !std::mem::replace(&mut seen[c as usize], true) {
                            stack.push(c);
                        }
                    }
                }
                false
            };
            let dag = Dag::new(children.clone());
            for node in 0..n as u32 {
                let kids = &children[node as usize];
                let expected: Vec<(u32, u32)> = kids
                    .iter()
                    .filter_map(|&k| {
                        let by = kids.iter().find(|&&o| o != k && reaches(o, k))?;
                        Some((k, *by))
                    })
                    .collect();
                implied += expected.len();
                assert_eq!(
                    dag.implied_children(node, &mut scratch),
                    expected,
                    "{children:?} {node}"
                );
            }
        }
        assert!(
            implied > 300,
            "the DAGs have implied children to find: {implied}"
        );
    }

    #[test]
    fn heights_when_children_come_after_their_parents() {
        // The search starts at node 0 and goes down through nodes it has not seen (the random
        // DAGs above list only children numbered below their parent, found done already).
        // 0 -> 1 -> 2 and 3 -> 1: 3 finds 1 done.
        let dag = Dag::new(vec![vec![1], vec![2], vec![], vec![1]]);
        assert_eq!(dag.heights(), &[2, 1, 0, 2]);
        // 0 -> {2, 1}; 1 -> 2: the second child raises the height the first gave.
        let dag = Dag::new(vec![vec![2, 1], vec![2], vec![]]);
        assert_eq!(dag.heights(), &[2, 1, 0]);
    }

    #[test]
    fn a_search_told_to_stop_at_a_cycle_stops_there_and_one_told_to_skip_goes_on() {
        // 0 -> 1 -> 0; 2 -> 0; 3 stands apart.
        let children: Vec<Vec<u32>> = vec![vec![1], vec![0], vec![0], vec![]];
        let search = |on_cycle: OnCycle| {
            let mut done = Vec::new();
            let acyclic = depth_first(4, |i| &children[i], on_cycle, |n| done.push(n));
            (acyclic, done)
        };
        assert_eq!(search(OnCycle::Stop), (false, vec![]));
        assert_eq!(search(OnCycle::Skip), (false, vec![1, 0, 2, 3]));
    }

    #[test]
    fn implied_children_name_the_longer_path() {
        // 3 -> {0, 2}; 2 -> 1 -> 0: the edge 3 -> 0 is implied by 2.
        let dag = Dag::new(vec![vec![], vec![0], vec![1], vec![0, 2]]);
        let mut scratch = Scratch::default();
        assert_eq!(dag.implied_children(3, &mut scratch), vec![(0, 2)]);
        assert!(dag.implied_children(2, &mut scratch).is_empty());
    }

    #[test]
    fn diamonds_keep_both_sides() {
        // 3 -> {1, 2}; 1 -> 0; 2 -> 0: nothing is implied.
        let dag = Dag::new(vec![vec![], vec![0], vec![0], vec![1, 2]]);
        let mut scratch = Scratch::default();
        assert!(dag.implied_children(3, &mut scratch).is_empty());
    }

    #[test]
    fn an_implied_child_is_named_by_the_first_child_listed_that_reaches_it() {
        // 5 -> {0, 3, 4}; 3 -> 1 -> 0; 4 -> 0: 0 is reached by 3 and by 4, listed in that order.
        let dag = Dag::new(vec![
            vec![],
            vec![0],
            vec![],
            vec![1],
            vec![0],
            vec![0, 3, 4],
        ]);
        let mut scratch = Scratch::default();
        assert_eq!(dag.implied_children(5, &mut scratch), vec![(0, 3)]);
    }

    #[test]
    fn a_search_skips_the_nodes_below_its_floor() {
        // 4 -> {3, 0}; 3 -> 2 -> 1 -> 0: heights 4, 3, 2, 1, 0. From 4 with floor 2 the search
        // marks 4, 3 and 2, and neither 1 (below 2's floor, a child of 2) nor 0 (a leaf child
        // of 4 itself, listed beside a child of greater height).
        let dag = Dag::new(vec![vec![], vec![0], vec![1], vec![2], vec![3, 0]]);
        let mut scratch = Scratch::default();
        assert_eq!(dag.reach([4], 2, &mut scratch), 3);
        let marked: Vec<u32> = (0..5).filter(|&n| scratch.is_marked(n)).collect();
        assert_eq!(marked, [2, 3, 4]);
        // A start below the floor is skipped too.
        assert_eq!(dag.reach([0, 3], 2, &mut scratch), 2);
        let marked: Vec<u32> = (0..5).filter(|&n| scratch.is_marked(n)).collect();
        assert_eq!(marked, [2, 3]);
    }

    #[test]
    fn marks_stay_right_when_the_epoch_wraps_around() {
        // 1 -> 0; 2 stands apart.
        let dag = Dag::new(vec![vec![], vec![0], vec![]]);
        let mut scratch = Scratch::default();
        assert_eq!(dag.reach([1], 0, &mut scratch), 2);
        // The next search's epoch wraps to 0: the marks of every earlier search must go.
        scratch.epoch = u32::MAX;
        assert_eq!(dag.reach([2], 0, &mut scratch), 1);
        assert!(scratch.is_marked(2));
        assert!(!scratch.is_marked(0) && !scratch.is_marked(1));
        assert_eq!(dag.reach([1], 0, &mut scratch), 2);
    }
}
