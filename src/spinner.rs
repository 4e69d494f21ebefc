//! The sign of life during long steps: on a terminal, a spinner with the step's name and its
//! elapsed time on standard error (indicatif), so that no wait is silent.
//!
//! The library never prints; this is drawn only when the command runs with the process's own
//! stderr, that stderr is a terminal, and `--quiet` was not given (see `Ctx::step`). A step that
//! ends within [`DELAY`] never shows, so quick runs do not flicker.

use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// How long a step runs before its spinner appears.
pub const DELAY: Duration = Duration::from_millis(300);
/// How often the spinner turns and its time is updated.
const TICK: Duration = Duration::from_millis(100);

/// A step being shown; it disappears, leaving the terminal as it was, when dropped.
pub struct Spinner {
    done: Option<Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl Spinner {
    /// A spinner reading `text` that appears on stderr once the step has run for [`DELAY`]; with
    /// `shown` false, nothing at all.
    pub fn start(shown: bool, text: String) -> Spinner {
        if !shown {
            return Spinner::hidden();
        }
        let started = Instant::now();
        let (done, wait) = mpsc::channel::<()>();
        let thread = thread::spawn(move || {
            if !matches!(wait.recv_timeout(DELAY), Err(RecvTimeoutError::Timeout)) {
                return;
            }
            let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr())
                .with_elapsed(started.elapsed())
                .with_style(
                    ProgressStyle::with_template("{spinner} {elapsed:>3} {msg}")
                        .expect("the template is valid"),
                )
                .with_message(text);
            bar.enable_steady_tick(TICK);
            // Until the step ends (or the command is gone and the sender with it).
            let _ = wait.recv();
            bar.finish_and_clear();
        });
        Spinner {
            done: Some(done),
            thread: Some(thread),
        }
    }

    /// No spinner.
    pub fn hidden() -> Spinner {
        Spinner {
            done: None,
            thread: None,
        }
    }
}

impl Drop for Spinner {
    fn drop(&mut self) {
        if let Some(done) = self.done.take() {
            let _ = done.send(());
        }
        if let Some(thread) = self.thread.take() {
            // Cleared before anything else is written to stderr.
            let _ = thread.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hidden_spinner_starts_no_thread() {
        let s = Spinner::start(false, "step".into());
        assert!(s.thread.is_none());
    }
}
