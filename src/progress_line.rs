//! A progress line on standard error for `check` and `summary` on a large
//! file: it appears only when the work has taken about a second, stays on
//! one line (rewritten in place), and is wiped before anything else is
//! printed. The caller decides whether stderr is a terminal.

use std::io::Write;
use std::sync::Arc;
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::thread::JoinHandle;
use std::time::Duration;

use crate::load::Progress;

/// Work shorter than this shows no line at all.
const QUIET_FOR: Duration = Duration::from_secs(1);
/// How often the line is rewritten.
const EVERY: Duration = Duration::from_millis(200);

/// The thread drawing the line; [`ProgressLine::finish`] stops it and wipes it.
pub struct ProgressLine {
    stop: Option<Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl ProgressLine {
    /// Starts watching `progress`, naming the work `label` ("checking
    /// big.toml"). With `show` false nothing is ever printed.
    pub fn start(label: String, progress: Arc<Progress>, show: bool) -> ProgressLine {
        if !show {
            return ProgressLine {
                stop: None,
                thread: None,
            };
        }
        let (stop, stopped) = mpsc::channel::<()>();
        let thread = std::thread::Builder::new()
            .name("progress".into())
            .spawn(move || {
                let mut wait = QUIET_FOR;
                let mut shown = false;
                let mut stderr = std::io::stderr();
                // Ends on a message or on the sender being dropped.
                while let Err(RecvTimeoutError::Timeout) = stopped.recv_timeout(wait) {
                    let line = format!("{label}: {}", progress.snapshot().line());
                    let _ = write!(stderr, "\r{line}\x1b[K");
                    let _ = stderr.flush();
                    shown = true;
                    wait = EVERY;
                }
                if shown {
                    let _ = write!(stderr, "\r\x1b[K");
                    let _ = stderr.flush();
                }
            })
            .ok();
        ProgressLine {
            stop: Some(stop),
            thread,
        }
    }

    /// Stops the line and wipes it, so that what is printed next starts at
    /// the beginning of a clean line. Once is enough; again does nothing.
    pub fn finish(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Drop for ProgressLine {
    fn drop(&mut self) {
        self.finish();
    }
}
