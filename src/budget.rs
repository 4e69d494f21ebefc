//! How large a picture Graphviz lays out in reasonable time: the limit above which `render` and
//! `html` draw the stage overview instead (unless `--full`), and the default time limit of a
//! layout. Both come from the curve measured by `benches/pictures.sh` (docs/performance.md).

/// Seconds `dot` may work on a picture before it is stopped (`--timeout`; 0 is no limit).
pub const DEFAULT_TIMEOUT_SECS: u64 = 60;

/// The most nodes plus edges a drawing may have to be laid out whole by default.
pub const MAX_DRAWN: usize = 4_000;

/// Whether a drawing of `nodes` and `edges` is laid out whole by default.
pub fn fits(nodes: usize, edges: usize) -> bool {
    nodes + edges <= MAX_DRAWN
}
