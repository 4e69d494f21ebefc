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
    fn cores_are_what_the_system_allows() {
        let system = std::thread::available_parallelism().map_or(1, |n| n.get());
        assert_eq!(cores(), system);
        assert!(cores() >= 1);
    }

    #[test]
    fn work_takes_threads_from_parallel_from_items_on_several_cores() {
        assert!(!worth_it(0));
        assert!(!worth_it(PARALLEL_FROM - 1));
        assert_eq!(worth_it(PARALLEL_FROM), cores() > 1);
        assert_eq!(worth_it(3 * PARALLEL_FROM), cores() > 1);
        // One range per core (as many as the items allow), none of them empty.
        for n in [PARALLEL_FROM, 3 * PARALLEL_FROM + 1] {
            let ranges = ranges(n);
            assert!(ranges.iter().all(|r| !r.is_empty()), "{n}: {ranges:?}");
            if cores() > 1 {
                assert!(
                    ranges.len() > 1 && ranges.len() <= cores(),
                    "{n}: {ranges:?}"
                );
                let step = n.div_ceil(cores());
                assert!(ranges.iter().all(|r| r.len() <= step), "{n}: {ranges:?}");
            } else {
                assert_eq!(ranges, vec![0..n]);
            }
        }
    }

    fn here() -> std::thread::ThreadId {
        std::thread::current().id()
    }

    #[test]
    fn each_piece_runs_on_a_thread_of_its_own_and_one_on_this_thread() {
        let me = here();
        assert_eq!(on_all_cores(Vec::<u8>::new(), |_| here()), vec![]);
        assert_eq!(on_all_cores(vec![0], |_| here()), vec![me]);
        for n in [2, 3] {
            let threads = on_all_cores((0..n).collect(), |_| here());
            assert_eq!(threads.len(), n);
            assert!(!threads.contains(&me), "{n} pieces: one ran on this thread");
            for (i, t) in threads.iter().enumerate() {
                assert!(!threads[..i].contains(t), "{n} pieces: two on one thread");
            }
        }
    }

    #[test]
    fn a_joined_job_runs_on_a_thread_of_its_own_only_when_parallel() {
        let me = here();
        let (a, b) = join(true, here, here);
        assert!(a != me && b == me);
        assert_eq!(join(false, here, here), (me, me));
    }

    /// The threads that formatted each piece of `write_in_pieces(n, piece)`, by the piece's
    /// first item.
    fn formatted_on(n: usize, piece: usize) -> Vec<(usize, std::thread::ThreadId)> {
        let seen = std::sync::Mutex::new(Vec::new());
        let mut out = Vec::new();
        write_in_pieces(&mut out, n, piece, |range, text| {
            seen.lock().unwrap().push((range.start, here()));
            numbers(range, text);
        })
        .unwrap();
        let mut seen = seen.into_inner().unwrap();
        seen.sort_by_key(|&(start, _)| start);
        seen
    }

    #[test]
    fn every_other_piece_is_formatted_on_a_second_thread_only_for_a_large_input() {
        let me = here();
        // Small inputs, and a single piece, stay on this thread.
        for (n, piece) in [
            (PARALLEL_FROM - 1, 100),
            (PARALLEL_FROM - 1, 1),
            (PARALLEL_FROM, PARALLEL_FROM),
        ] {
            let seen = formatted_on(n, piece);
            assert_eq!(seen.len(), n.div_ceil(piece));
            assert!(
                seen.iter().all(|&(_, t)| t == me),
                "{n} items in pieces of {piece}"
            );
        }
        // A large input of two pieces or more: the even pieces here, the odd ones on one other.
        for pieces in [2, 3, 5] {
            let n = PARALLEL_FROM;
            let piece = n.div_ceil(pieces);
            let seen = formatted_on(n, piece);
            assert_eq!(seen.len(), pieces);
            let other = seen[1].1;
            for (k, &(start, t)) in seen.iter().enumerate() {
                assert_eq!(start, k * piece);
                let expected = if k % 2 == 0 || cores() < 2 { me } else { other };
                assert!(t == expected, "{pieces} pieces: piece {k}");
            }
            assert_eq!(other != me, cores() > 1);
        }
    }

    #[test]
    fn results_come_back_in_order() {
        assert_eq!(on_all_cores(vec![3, 1, 2], |x| x * 10), vec![30, 10, 20]);
        assert_eq!(join(true, || 1, || 2), (1, 2));
        assert_eq!(join(false, || 1, || 2), (1, 2));
    }
}
