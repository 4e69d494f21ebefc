//! Stage bands: the rank (the row of a top-to-bottom drawing, the column of a left-to-right one)
//! of every node of a diagram, so that each stage's topics lie wholly after the previous stage's
//! and no rank grows wider than a page. Graphviz then orders the nodes within each rank and draws
//! the edges; `render/dot.rs` pins these ranks with `rank=same` groups.

use std::collections::BTreeSet;

use crate::diagram::Diagram;
use crate::model::StageIx;

/// The ranks of a diagram's nodes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bands {
    /// The rank of each node, by position in [`Diagram::nodes`].
    pub rank: Vec<u32>,
    /// How many ranks there are.
    pub ranks: u32,
    /// The bands in drawing order.
    pub bands: Vec<Band>,
}

/// One stage's ranks: first the rows of its stubs (drawn just before its box), then its topics.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Band {
    pub stage: StageIx,
    /// The first rank of the stubs' rows, and how many there are (0 when none).
    pub stubs: (u32, u32),
    /// The first rank of the topics, and how many ranks they span.
    pub topics: (u32, u32),
}

/// Assigns ranks. `extent` is each node's size along a rank (its width in a top-to-bottom
/// drawing) in points, `gap` the room between two nodes, and `limit` the most a rank may hold:
/// a node that does not fit goes one rank further. Within a band, a topic lies below everything
/// of its band it needs; a topic that only leads out of its band sinks to the band's last rank
/// with room, so the edges leaving a band start near its lower edge.
pub fn bands(diagram: &Diagram, extent: &[f64], gap: f64, limit: f64) -> Bands {
    let n = diagram.nodes.len();
    let stage = |i: usize| diagram.nodes[i].stage;
    let mut preds: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut succs: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut leads_out = vec![false; n];
    for e in &diagram.edges {
        if diagram.nodes[e.from].is_stub() {
            continue;
        }
        if stage(e.from) == stage(e.to) {
            preds[e.to].push(e.from);
            succs[e.from].push(e.to);
        } else if stage(e.from) < stage(e.to) {
            leads_out[e.from] = true;
        }
    }
    let mut members: Vec<usize> = (0..n).collect();
    members.sort_by_key(|&i| (stage(i), i));
    let mut rank = vec![0u32; n];
    let mut bands = Vec::new();
    let mut first = 0u32;
    for band in members.chunk_by(|&a, &b| stage(a) == stage(b)) {
        let (stubs, topics): (Vec<usize>, Vec<usize>) =
            band.iter().partition(|&&i| diagram.nodes[i].is_stub());
        let narrowest = band.iter().map(|&i| extent[i]).fold(f64::MAX, f64::min);
        let mut rows = Rows::new(gap, limit, narrowest);
        for &i in &stubs {
            rank[i] = first + rows.place(0, extent[i]);
        }
        let stub_rows = rows.count();
        let top = first + stub_rows;
        let height = layer_band(
            &topics, &preds, &succs, &leads_out, extent, gap, limit, &mut rank,
        );
        for &i in &topics {
            rank[i] += top;
        }
        bands.push(Band {
            stage: stage(band[0]),
            stubs: (first, stub_rows),
            topics: (top, height),
        });
        first = top + height;
    }
    Bands {
        rank,
        ranks: first,
        bands,
    }
}

/// How full each rank of a band is.
struct Rows {
    used: Vec<f64>,
    gap: f64,
    limit: f64,
    /// Every rank before this one is too full for even the narrowest node: searches start here,
    /// so a band of thousands of ranks is filled in about linear time.
    open: usize,
    narrowest: f64,
}

/// How many ranks past the first one with room a node looks at before it starts a new rank:
/// bounds the work on a band of many nodes of unequal widths.
const LOOK_AHEAD: usize = 8;

impl Rows {
    fn new(gap: f64, limit: f64, narrowest: f64) -> Self {
        Rows {
            used: Vec::new(),
            gap,
            limit,
            open: 0,
            narrowest,
        }
    }

    fn count(&self) -> u32 {
        self.used.len() as u32
    }

    /// Whether a node of this extent fits in rank `r` (an empty rank takes any node).
    fn fits(&self, r: usize, extent: f64) -> bool {
        self.used
            .get(r)
            .is_none_or(|&u| u == 0.0 || u + extent + self.gap <= self.limit)
    }

    fn take(&mut self, r: usize, extent: f64) {
        if self.used.len() <= r {
            self.used.resize(r + 1, 0.0);
        }
        self.used[r] += extent + self.gap;
        while self.open < self.used.len() && !self.fits(self.open, self.narrowest) {
            self.open += 1;
        }
    }

    fn free(&mut self, r: usize, extent: f64) {
        self.used[r] -= extent + self.gap;
        self.open = self.open.min(r);
    }

    /// Puts a node in the first rank from `from` on with room for it (looking a few ranks
    /// ahead at most, else in a new rank after the last).
    fn place(&mut self, from: usize, extent: f64) -> u32 {
        let start = from.max(self.open);
        let r = (start..start + LOOK_AHEAD)
            .find(|&r| self.fits(r, extent))
            .unwrap_or(self.used.len().max(start));
        self.take(r, extent);
        r as u32
    }
}

/// Ranks of one band's topics, from 0; returns how many ranks they span (at least one).
#[allow(clippy::too_many_arguments)]
fn layer_band(
    band: &[usize],
    preds: &[Vec<usize>],
    succs: &[Vec<usize>],
    leads_out: &[bool],
    extent: &[f64],
    gap: f64,
    limit: f64,
    rank: &mut [u32],
) -> u32 {
    // Topological order within the band (Kahn's algorithm, ties by position: deterministic).
    // `band` is sorted, so a node's place in it is a binary search.
    let mut waiting: Vec<usize> = band.iter().map(|&i| preds[i].len()).collect();
    let mut ready: BTreeSet<usize> = band
        .iter()
        .copied()
        .filter(|&i| preds[i].is_empty())
        .collect();
    let mut order = Vec::with_capacity(band.len());
    while let Some(i) = ready.pop_first() {
        order.push(i);
        for &s in &succs[i] {
            if let Ok(k) = band.binary_search(&s) {
                waiting[k] -= 1;
                if waiting[k] == 0 {
                    ready.insert(s);
                }
            }
        }
    }
    debug_assert_eq!(order.len(), band.len(), "a diagram is acyclic");
    let narrowest = band.iter().map(|&i| extent[i]).fold(f64::MAX, f64::min);
    let mut rows = Rows::new(gap, limit, narrowest);
    for &i in &order {
        let lo = preds[i].iter().map(|&p| rank[p] + 1).max().unwrap_or(0);
        rank[i] = rows.place(lo as usize, extent[i]);
    }
    let height = rows.used.len();
    // Sink the topics that only lead out of the band, latest first, as far as room allows
    // (looking at the last few ranks only).
    for &i in order.iter().rev() {
        if !leads_out[i] || !succs[i].is_empty() {
            continue;
        }
        let from = rank[i] as usize;
        let lowest = (from + 1).max(height.saturating_sub(LOOK_AHEAD));
        if let Some(r) = (lowest..height).rev().find(|&r| rows.fits(r, extent[i])) {
            rows.free(from, extent[i]);
            rows.take(r, extent[i]);
            rank[i] = r as u32;
        }
    }
    height.max(1) as u32
}
