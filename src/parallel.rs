//! Work split over the machine's cores for large inputs: contiguous ranges, pieces run on scoped
//! threads with their results in order, two jobs side by side, and text formatted in pieces on
//! two threads while it is written in order.
//!
//! Small inputs stay on the calling thread: below [`PARALLEL_FROM`] items a thread costs more
//! than it saves. Every result comes back in input order, so output never depends on timing.

use std::io::Write;
use std::ops::Range;
use std::sync::{OnceLock, mpsc};

/// Below this many items work stays on one thread.
pub const PARALLEL_FROM: usize = 20_000;

/// The number of cores this process may use (1 when unknown), asked of the system once: on
/// Linux the answer reads the process's affinity and its cgroup's quota files.
pub fn cores() -> usize {
    static CORES: OnceLock<usize> = OnceLock::new();
    *CORES.get_or_init(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
}

/// Whether work on `n` items is worth threads.
pub fn worth_it(n: usize) -> bool {
    n >= PARALLEL_FROM && cores() > 1
}

/// `0..n` cut into one contiguous range per core (one range when `n` is small).
pub fn ranges(n: usize) -> Vec<Range<usize>> {
    if !worth_it(n) {
        return std::iter::once(0..n).collect();
    }
    let step = n.div_ceil(cores());
    (0..n).step_by(step).map(|s| s..(s + step).min(n)).collect()
}

/// Runs `work` on every piece, each on a core of its own (on this thread when there is one),
/// and returns their results in order.
pub fn on_all_cores<P: Send, T: Send>(pieces: Vec<P>, work: impl Fn(P) -> T + Sync) -> Vec<T> {
    if pieces.len() < 2 {
        return pieces.into_iter().map(work).collect();
    }
    std::thread::scope(|scope| {
        let work = &work;
        let handles: Vec<_> = pieces
            .into_iter()
            .map(|piece| scope.spawn(move || work(piece)))
            .collect();
        handles.into_iter().map(join_scoped).collect()
    })
}

/// `a` and `b`, side by side when `parallel` (`a` on a thread of its own), else one after the
/// other.
pub fn join<A: Send, B>(
    parallel: bool,
    a: impl FnOnce() -> A + Send,
    b: impl FnOnce() -> B,
) -> (A, B) {
    if !parallel {
        let a = a();
        return (a, b());
    }
    std::thread::scope(|scope| {
        let a = scope.spawn(a);
        let b = b();
        (join_scoped(a), b)
    })
}

fn join_scoped<T>(handle: std::thread::ScopedJoinHandle<'_, T>) -> T {
    handle
        .join()
        .unwrap_or_else(|e| std::panic::resume_unwind(e))
}

/// Writes the text of items `0..n` to `out` in order, `format` appending the text of a range of
/// items to a buffer. On a large input the items are cut into pieces of `piece` items, and a
/// second thread formats every other piece while this one formats the rest and writes: the
/// output is the same, and at most three pieces' text is held at once.
pub fn write_in_pieces(
    out: &mut dyn Write,
    n: usize,
    piece: usize,
    format: impl Fn(Range<usize>, &mut String) + Sync,
) -> std::io::Result<()> {
    let piece = piece.max(1);
    let pieces = n.div_ceil(piece);
    let range = |k: usize| k * piece..((k + 1) * piece).min(n);
    let mut buffer = String::new();
    if pieces < 2 || !worth_it(n) {
        for k in 0..pieces {
            buffer.clear();
            format(range(k), &mut buffer);
            out.write_all(buffer.as_bytes())?;
        }
        return Ok(());
    }
    std::thread::scope(|scope| {
        // One piece waits in the channel, one is being formatted: the other thread stays at
        // most two pieces ahead. When this side stops (a write failed), the channel closes and
        // the other thread's next send ends it.
        let (send, receive) = mpsc::sync_channel::<String>(1);
        let format = &format;
        scope.spawn(move || {
            for k in (1..pieces).step_by(2) {
                let mut text = String::new();
                format(range(k), &mut text);
                if send.send(text).is_err() {
                    return;
                }
            }
        });
        for k in 0..pieces {
            if k % 2 == 0 {
                buffer.clear();
                format(range(k), &mut buffer);
                out.write_all(buffer.as_bytes())?;
            } else {
                // The other thread ended early only by a panic, which the scope passes on.
                let Ok(text) = receive.recv() else { break };
                out.write_all(text.as_bytes())?;
            }
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fmt::Write as _;

    fn numbers(range: Range<usize>, out: &mut String) {
        for i in range {
            let _ = writeln!(out, "{i}");
        }
    }

    #[test]
    fn pieces_are_written_in_order_whatever_their_size() {
        let n = PARALLEL_FROM + 7;
        let mut whole = Vec::new();
        write_in_pieces(&mut whole, n, n, numbers).unwrap();
        let mut expected = String::new();
        numbers(0..n, &mut expected);
        assert_eq!(String::from_utf8(whole).unwrap(), expected);
        for piece in [1, 2, 3, 1000, n - 1] {
            let mut cut = Vec::new();
            write_in_pieces(&mut cut, n, piece, numbers).unwrap();
            assert!(cut == expected.as_bytes(), "pieces of {piece}");
        }
    }

    /// A writer that fails after `left` bytes.
    struct Failing {
        left: usize,
    }

    impl Write for Failing {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            if bytes.len() > self.left {
                return Err(std::io::ErrorKind::BrokenPipe.into());
            }
            self.left -= bytes.len();
            Ok(bytes.len())
        }

        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_failed_write_stops_both_threads_with_its_error() {
        let n = PARALLEL_FROM * 2;
        for left in [0, 10, 50_000] {
            let e = write_in_pieces(&mut Failing { left }, n, 100, numbers).unwrap_err();
            assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe);
        }
    }

    #[test]
    fn ranges_cover_every_item_once_in_order() {
        for n in [
            0,
            1,
            PARALLEL_FROM - 1,
            PARALLEL_FROM,
            3 * PARALLEL_FROM + 1,
        ] {
            let covered: Vec<usize> = ranges(n).into_iter().flatten().collect();
            assert_eq!(covered, (0..n).collect::<Vec<_>>());
        }
        assert_eq!(ranges(PARALLEL_FROM - 1).len(), 1);
    }

    #[test]
    fn results_come_back_in_order() {
        assert_eq!(on_all_cores(vec![3, 1, 2], |x| x * 10), vec![30, 10, 20]);
        assert_eq!(join(true, || 1, || 2), (1, 2));
        assert_eq!(join(false, || 1, || 2), (1, 2));
    }
}
