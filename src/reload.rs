//! Reading the open file again, off the event loop: a saved file is read
//! and loaded on a thread of its own, and what it found comes back on the
//! event channel, so a large file never freezes the screen. The file is
//! only ever read.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Sender};
use std::thread;

use crate::check;
use crate::load::{self, SourceText};
use crate::model::Situation;
use crate::read;

/// What reading the file found.
#[derive(Debug)]
pub enum Outcome {
    /// The file loads: the new situation, and how many warnings it has.
    Loaded {
        // Boxed: a situation is far larger than a failure.
        situation: Box<Situation>,
        warnings: usize,
    },
    /// The file does not load (or cannot be read); the dashboard keeps the
    /// last situation that did.
    Failed(Problem),
}

/// Why a reload failed, as the banner tells it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// The first error as `path:line:col: message`, or why the file cannot
    /// be read. Raw: messages quote the file, so it is sanitized when drawn.
    pub first: String,
    /// Further errors after the first.
    pub more: usize,
    /// Every problem as `sitrep check` prints them (no colour), for the
    /// report popup. Raw, like `first`.
    pub report: String,
}

impl Problem {
    /// A problem that is all in its one line (the file cannot be read).
    pub fn told(first: String) -> Problem {
        Problem {
            report: first.clone(),
            first,
            more: 0,
        }
    }
}

/// Reads (at most `max_size` bytes, see [`crate::read`]) and loads the file
/// at `path`; `shown` is its name as the user gave it (already safe to
/// print).
pub fn load_file(path: &Path, shown: &str, max_size: u64) -> Outcome {
    let bytes = match read::read_file(path, max_size) {
        Ok(bytes) => bytes,
        Err(e) => {
            return Outcome::Failed(Problem::told(format!("{shown}: cannot read: {e}")));
        }
    };
    let report = load::load_bytes(&bytes);
    let warnings = report.warnings().count();
    if let Some(situation) = report.situation {
        return Outcome::Loaded {
            situation: Box::new(situation),
            warnings,
        };
    }
    let mut errors = report.diagnostics.iter().filter(|d| d.is_error());
    let Some(first) = errors.next() else {
        // The loader always says why it has no situation; be safe anyway.
        return Outcome::Failed(Problem::told(format!("{shown}: not a valid situation")));
    };
    // Spans count bytes of the text as read; invalid UTF-8 is reported at
    // its first byte, before any replacement could shift them.
    let text = String::from_utf8_lossy(&bytes);
    let (line, column) = SourceText::new(shown, &text).line_col(first.span.start);
    let mut message = format!("{shown}:{line}:{column}: {}", first.message);
    if let Some(help) = &first.help {
        message.push_str(&format!(" ({help})"));
    }
    Outcome::Failed(Problem {
        first: message,
        more: errors.count(),
        report: check_report(shown, &text, &report),
    })
}

/// The report `sitrep check` prints for the file, plain.
fn check_report(shown: &str, text: &str, report: &load::Report) -> String {
    let mut out = Vec::new();
    let style = check::Style::Full { color: false };
    // Writing to memory cannot fail.
    let _ = check::print_report(&mut out, shown, text, report, false, style);
    String::from_utf8_lossy(&out).into_owned()
}

/// What a panic caught off the terminal's thread said (empty when it
/// carried no text): a failed reload, or marks that could not be worked
/// out, tells it.
pub fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    (panic.downcast_ref::<&str>().map(|s| s.to_string()))
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_default()
}

/// What a panicking load is told as.
fn crashed(panic: &(dyn std::any::Any + Send)) -> Problem {
    let why = panic_message(panic);
    Problem::told(format!(
        "the loader crashed on this file (a bug; please report it with the file): {why}"
    ))
}

/// The name of the reloading thread. The panic hook leaves the terminal
/// alone for a panic there: it is caught, and told in the banner.
pub const THREAD_NAME: &str = "sitrep-reload";

/// Loads the file again when asked, on its own thread. Requests that pile
/// up while a load runs become one more load: what counts is the file as it
/// is after the last save.
pub struct Reloader {
    requests: Sender<()>,
}

impl Reloader {
    /// Starts the thread; each outcome goes to `deliver`, which says
    /// whether anyone still listens (the event loop: the thread stops when
    /// it is gone).
    pub fn start(
        path: PathBuf,
        shown: String,
        max_size: u64,
        deliver: impl Fn(Outcome) -> bool + Send + 'static,
    ) -> Reloader {
        Reloader::with(move || load_file(&path, &shown, max_size), deliver)
    }

    /// The thread, with what a load does. A load that panics (a loader bug
    /// a saved file runs into) is a failed reload, not a broken screen.
    fn with(
        load: impl Fn() -> Outcome + Send + 'static,
        deliver: impl Fn(Outcome) -> bool + Send + 'static,
    ) -> Reloader {
        let (requests, rx) = mpsc::channel::<()>();
        let spawned = thread::Builder::new()
            .name(THREAD_NAME.into())
            .spawn(move || {
                while rx.recv().is_ok() {
                    while rx.try_recv().is_ok() {}
                    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(&load))
                        .unwrap_or_else(|panic| Outcome::Failed(crashed(panic.as_ref())));
                    if !deliver(outcome) {
                        return;
                    }
                }
            });
        // Without the thread, requests go nowhere: saves are not reloaded,
        // and nothing else breaks.
        drop(spawned);
        Reloader { requests }
    }

    pub fn request(&self) {
        // The thread only stops when the event loop is gone.
        let _ = self.requests.send(());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A file in a fresh directory, removed when the directory is dropped.
    fn temp_file(name: &str, text: &str) -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        (dir, path)
    }

    #[test]
    fn a_file_that_loads_gives_its_situation() {
        let (_dir, path) = temp_file(
            "good.toml",
            "[situation]\ntitle = \"T\"\nas_of = 2024-09-21\n",
        );
        match load_file(&path, "good.toml", read::DEFAULT_MAX_SIZE) {
            Outcome::Loaded { situation, .. } => assert_eq!(situation.title, "T"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn the_first_error_is_told_with_its_place_and_a_count_of_the_rest() {
        let (_dir, path) = temp_file(
            "bad.toml",
            "[situation]\ntitle = \"T\"\nas_of = 2024-09-21\n\n\
             [[events]]\nid = \"a\"\ndate = 2024-09-01\ntitle = \"A\"\nactors = [\"nobody\"]\n\
             [[events]]\nid = \"b\"\ndate = 2024-09-02\ntitle = \"B\"\nactors = [\"none\", \"neither\"]\n",
        );
        match load_file(&path, "bad.toml", read::DEFAULT_MAX_SIZE) {
            Outcome::Failed(problem) => {
                assert!(
                    problem.first.starts_with("bad.toml:9:11: "),
                    "{}",
                    problem.first
                );
                assert!(problem.first.contains("nobody"), "{}", problem.first);
                assert_eq!(problem.more, 2);
                // The report has all three, each at its place, as `check` says.
                for (place, id) in [("9:11", "nobody"), ("14:11", "none"), ("14:19", "neither")] {
                    assert!(
                        problem.report.contains(&format!("bad.toml:{place}")),
                        "{place}: {}",
                        problem.report
                    );
                    assert!(problem.report.contains(id), "{id}: {}", problem.report);
                }
                assert!(
                    problem.report.contains("\nbad.toml: not valid, 3 errors"),
                    "{}",
                    problem.report
                );
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_load_that_panics_is_a_failed_reload_and_the_thread_goes_on() {
        let (tx, rx) = mpsc::channel();
        let calls = std::sync::atomic::AtomicUsize::new(0);
        let reloader = Reloader::with(
            move || {
                if calls.fetch_add(1, std::sync::atomic::Ordering::SeqCst) == 0 {
                    panic!("index out of bounds");
                }
                Outcome::Failed(Problem::told("second".into()))
            },
            move |outcome| tx.send(outcome).is_ok(),
        );
        let next = || match rx.recv_timeout(std::time::Duration::from_secs(10)) {
            Ok(outcome) => outcome,
            other => panic!("{other:?}"),
        };
        reloader.request();
        let Outcome::Failed(problem) = next() else {
            panic!("a panic loaded");
        };
        assert!(
            problem.first.contains("crashed") && problem.first.contains("index out of bounds"),
            "{problem:?}"
        );
        reloader.request();
        let Outcome::Failed(problem) = next() else {
            panic!("loaded");
        };
        assert_eq!(problem.first, "second");
    }

    #[test]
    fn syntax_errors_and_unreadable_files_are_problems_too() {
        let (_dir, path) = temp_file("syntax.toml", "[situation\n");
        let Outcome::Failed(problem) = load_file(&path, "syntax.toml", read::DEFAULT_MAX_SIZE)
        else {
            panic!("loaded a broken file");
        };
        assert!(problem.first.starts_with("syntax.toml:1:"), "{problem:?}");
        let missing = path.with_file_name("missing.toml");
        let Outcome::Failed(problem) = load_file(&missing, "missing.toml", read::DEFAULT_MAX_SIZE)
        else {
            panic!("loaded a missing file");
        };
        assert_eq!(problem.first, "missing.toml: cannot read: no such file");
    }

    #[test]
    fn a_file_over_the_limit_is_a_problem_not_a_read() {
        let (_dir, path) = temp_file("big.toml", &"# padding\n".repeat(100));
        let Outcome::Failed(problem) = load_file(&path, "big.toml", 100) else {
            panic!("loaded a file over the limit");
        };
        assert_eq!(
            problem.first,
            "big.toml: cannot read: it is 1000 bytes, over the limit of 100 bytes (--max-size)"
        );
    }
}
