//! Everything the dashboard waits for, on one channel: terminal input and
//! resizes, changes to the open file, what a reload of it found, and
//! termination signals. The event loop blocks on this channel, so an idle
//! dashboard uses no CPU.

use std::ffi::OsString;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Condvar, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use notify::event::{AccessKind, AccessMode, EventKind, ModifyKind};
use notify::{RecommendedWatcher, RecursiveMode, Watcher};
use ratatui::crossterm::event::{self as term, Event as TermEvent};

use crate::app::Marked;
use crate::reload::Outcome;

/// Editors write a file in bursts (truncate, write, rename, chmod); one
/// reload after the burst has been quiet this long is enough.
pub const DEBOUNCE: Duration = Duration::from_millis(120);

/// A file saved again and again (a script writing it many times a second)
/// is never quiet for [`DEBOUNCE`]: while changes keep coming, reload at
/// least this often anyway. A reload that catches a save half-way fails
/// and keeps the last good view, and the next one follows soon.
pub const MAX_WAIT: Duration = Duration::from_millis(500);

#[derive(Debug)]
pub enum AppEvent {
    /// A key, mouse or resize event from the terminal.
    Terminal(TermEvent),
    /// The watched file was written, replaced or removed.
    FileChanged,
    /// A reload finished (see [`crate::reload::Reloader`]).
    Loaded(Box<Outcome>),
    /// The marks against the last look are worked out (see
    /// [`crate::app::App::take_marking`]).
    Marked(Box<Marked>),
    /// SIGTERM, SIGHUP, SIGINT or SIGQUIT: restore the terminal and leave.
    Terminate(i32),
    /// SIGTSTP from outside (`kill -TSTP`): stop as Ctrl-Z does.
    Stop,
    /// SIGCONT: the process was stopped, and whatever ran meanwhile may
    /// have written over the screen.
    Continued,
    /// The terminal input could not be read any more, or it ended (the
    /// terminal went away without a SIGHUP).
    InputClosed(String),
}

/// The source of [`AppEvent`]s; dropping it stops watching the file.
pub struct Events {
    rx: Receiver<AppEvent>,
    // Handed out for reloads; held, it also keeps the channel open, so
    // `next` always blocks.
    tx: Sender<AppEvent>,
    // Kept alive for as long as the file is watched.
    _watcher: Option<RecommendedWatcher>,
    watch_error: Option<String>,
    gate: Arc<Gate>,
}

/// Stops the input reader while another program (the editor) has the
/// terminal: two readers of one terminal each get some of the keys.
#[derive(Default)]
struct Gate {
    state: Mutex<GateState>,
    changed: Condvar,
}

#[derive(Default)]
struct GateState {
    /// The reader is to stop before its next read.
    paused: bool,
    /// The reader has stopped.
    parked: bool,
}

impl Gate {
    /// The reader's side: waits here while paused.
    fn pass(&self) {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        if !state.paused {
            return;
        }
        state.parked = true;
        self.changed.notify_all();
        while state.paused {
            state = self.changed.wait(state).unwrap_or_else(|e| e.into_inner());
        }
        state.parked = false;
    }
}

/// How long pausing waits for the reader to stop; it stops at once in
/// practice (see [`Events::pause_input`]).
const PAUSE_WAIT: Duration = Duration::from_millis(500);

impl Events {
    /// Starts reading terminal input, listening for signals and, when a path
    /// is given, watching that file. A file that cannot be watched (no
    /// inotify watches left, say) is no reason not to start: see
    /// [`Events::watch_error`].
    pub fn start(watch: Option<&Path>) -> io::Result<Events> {
        let (tx, rx) = mpsc::channel();
        let gate = Arc::new(Gate::default());
        spawn_signals(tx.clone())?;
        spawn_input(tx.clone(), Arc::clone(&gate));
        spawn_hangup_watch(tx.clone());
        let (watcher, watch_error) = match watch.map(|path| watch_file(path, tx.clone())) {
            Some(Ok(watcher)) => (Some(watcher), None),
            Some(Err(e)) => (None, Some(e.to_string())),
            None => (None, None),
        };
        Ok(Events {
            rx,
            tx,
            _watcher: watcher,
            watch_error,
            gate,
        })
    }

    /// Stops reading the terminal until [`Events::resume_input`], so that a
    /// program run in the foreground gets every key. The reader blocks in
    /// a read that nothing can cancel, but a SIGWINCH wakes it (the
    /// terminal library listens for it, and reports a resize, which is
    /// harmless); it then stops before reading again.
    pub fn pause_input(&self) {
        let mut state = self.gate.state.lock().unwrap_or_else(|e| e.into_inner());
        state.paused = true;
        #[cfg(unix)]
        // SAFETY: sends a signal to this process; no memory is involved.
        unsafe {
            libc::kill(libc::getpid(), libc::SIGWINCH);
        }
        let deadline = Instant::now() + PAUSE_WAIT;
        while !state.parked {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                break;
            }
            state = self
                .gate
                .changed
                .wait_timeout(state, left)
                .unwrap_or_else(|e| e.into_inner())
                .0;
        }
    }

    /// Reads the terminal again after [`Events::pause_input`].
    pub fn resume_input(&self) {
        let mut state = self.gate.state.lock().unwrap_or_else(|e| e.into_inner());
        state.paused = false;
        self.gate.changed.notify_all();
    }

    /// Why the file is not watched, when it should have been.
    pub fn watch_error(&self) -> Option<&str> {
        self.watch_error.as_deref()
    }

    /// A sender onto the channel, for work done in the background (reloads).
    pub fn sender(&self) -> Sender<AppEvent> {
        self.tx.clone()
    }

    /// Blocks until something happens. (Never `None` while `self` holds a
    /// sender; kept an `Option` for callers that stop on it.)
    pub fn next(&self) -> Option<AppEvent> {
        self.rx.recv().ok()
    }

    /// The next event, or `None` once `wait` has passed without one: for a
    /// screen that also shows progress made elsewhere.
    pub fn next_within(&self, wait: Duration) -> Option<AppEvent> {
        self.rx.recv_timeout(wait).ok()
    }

    /// As [`Events::next_within`], telling a wait that passed (`Ok(None)`)
    /// from the event sources having stopped (`Err`).
    pub fn wait(&self, wait: Duration) -> Result<Option<AppEvent>, std::sync::mpsc::RecvError> {
        match self.rx.recv_timeout(wait) {
            Ok(event) => Ok(Some(event)),
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) => Ok(None),
            Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => Err(std::sync::mpsc::RecvError),
        }
    }

    /// Whatever else is already waiting, without blocking: lets the loop
    /// handle a burst of input before drawing once.
    pub fn try_next(&self) -> Option<AppEvent> {
        self.rx.try_recv().ok()
    }
}

fn spawn_input(tx: Sender<AppEvent>, gate: Arc<Gate>) {
    thread::spawn(move || {
        loop {
            gate.pass();
            let event = match term::read() {
                Ok(event) => AppEvent::Terminal(event),
                Err(e) => AppEvent::InputClosed(e.to_string()),
            };
            let closed = matches!(event, AppEvent::InputClosed(_));
            if tx.send(event).is_err() || closed {
                return;
            }
        }
    });
}

/// Waits for the terminal to hang up. A terminal that goes away without a
/// SIGHUP (the process is in a session of its own, and the terminal
/// emulator or tmux server is killed) leaves reads returning end of input
/// at once, forever: the input reader would spin on them. Asking `poll`
/// for no events at all still reports a hangup or an error, and nothing
/// else, so this thread sleeps until then.
#[cfg(unix)]
fn spawn_hangup_watch(tx: Sender<AppEvent>) {
    thread::spawn(move || {
        let mut watched = libc::pollfd {
            fd: libc::STDIN_FILENO,
            events: 0,
            revents: 0,
        };
        loop {
            // SAFETY: one valid pollfd, and its count.
            let ready = unsafe { libc::poll(&mut watched, 1, -1) };
            if ready < 0 && io::Error::last_os_error().kind() == io::ErrorKind::Interrupted {
                continue;
            }
            if ready > 0 && watched.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0
            {
                let _ = tx.send(AppEvent::InputClosed("end of input".into()));
            }
            // A failed poll or an answer it should not give: stop watching
            // rather than ask again in a loop.
            return;
        }
    });
}

#[cfg(not(unix))]
fn spawn_hangup_watch(_tx: Sender<AppEvent>) {}

#[cfg(unix)]
fn spawn_signals(tx: Sender<AppEvent>) -> io::Result<()> {
    use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP};
    let mut signals =
        signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGTSTP, SIGCONT])?;
    thread::spawn(move || {
        for signal in signals.forever() {
            let event = match signal {
                SIGTSTP => AppEvent::Stop,
                SIGCONT => AppEvent::Continued,
                _ => AppEvent::Terminate(signal),
            };
            if tx.send(event).is_err() {
                return;
            }
        }
    });
    Ok(())
}

#[cfg(not(unix))]
fn spawn_signals(_tx: Sender<AppEvent>) -> io::Result<()> {
    Ok(())
}

/// Watches the file's directory rather than the file itself: editors that
/// save by writing a new file and renaming it over the old one would
/// otherwise leave the watch on a file that no longer exists.
fn watch_file(path: &Path, tx: Sender<AppEvent>) -> notify::Result<RecommendedWatcher> {
    let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let dir = path
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    let name: Option<OsString> = path.file_name().map(OsString::from);
    let (raw_tx, raw_rx) = mpsc::channel::<()>();
    let mut watcher = notify::recommended_watcher(move |result: notify::Result<notify::Event>| {
        let Ok(event) = result else { return };
        let about_our_file = event.paths.iter().any(|p| p.file_name() == name.as_deref());
        if about_our_file && changes_content(&event.kind) {
            let _ = raw_tx.send(());
        }
    })?;
    watcher.watch(&dir, RecursiveMode::NonRecursive)?;
    thread::spawn(move || debounce(&raw_rx, &tx));
    Ok(watcher)
}

/// Reading the file (as a reload does) must not count as a change, or every
/// reload would trigger the next.
fn changes_content(kind: &EventKind) -> bool {
    match kind {
        EventKind::Create(_) | EventKind::Remove(_) => true,
        EventKind::Modify(ModifyKind::Metadata(_)) => false,
        EventKind::Modify(_) => true,
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        _ => false,
    }
}

/// Forwards one `FileChanged` per burst of raw notifications, and one at
/// least every [`MAX_WAIT`] while a burst goes on.
fn debounce(raw: &Receiver<()>, tx: &Sender<AppEvent>) {
    while raw.recv().is_ok() {
        let first = Instant::now();
        loop {
            let left = MAX_WAIT.saturating_sub(first.elapsed());
            if left.is_zero() {
                break;
            }
            match raw.recv_timeout(DEBOUNCE.min(left)) {
                Ok(()) => continue,
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return,
            }
        }
        if tx.send(AppEvent::FileChanged).is_err() {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_burst_of_writes_is_one_change() {
        let (raw_tx, raw_rx) = mpsc::channel();
        let (tx, rx) = mpsc::channel();
        thread::spawn(move || debounce(&raw_rx, &tx));
        for _ in 0..20 {
            raw_tx.send(()).unwrap();
        }
        let first = rx.recv_timeout(Duration::from_secs(5));
        assert!(matches!(first, Ok(AppEvent::FileChanged)), "{first:?}");
        assert!(
            rx.recv_timeout(DEBOUNCE * 3).is_err(),
            "a second reload for one burst"
        );
        raw_tx.send(()).unwrap();
        let later = rx.recv_timeout(Duration::from_secs(5));
        assert!(matches!(later, Ok(AppEvent::FileChanged)), "{later:?}");
    }

    #[test]
    fn changes_that_never_stop_still_give_a_change_every_max_wait() {
        let (raw_tx, raw_rx) = mpsc::channel();
        let (tx, rx) = mpsc::channel();
        thread::spawn(move || debounce(&raw_rx, &tx));
        // A change every 20 ms, far closer than the debounce, for 1.5 s.
        let writer = thread::spawn(move || {
            for _ in 0..75 {
                raw_tx.send(()).unwrap();
                thread::sleep(Duration::from_millis(20));
            }
        });
        let mut changes = 0;
        while let Ok(event) = rx.recv_timeout(Duration::from_secs(5)) {
            assert!(matches!(event, AppEvent::FileChanged), "{event:?}");
            changes += 1;
            if writer.is_finished() {
                break;
            }
        }
        // Without the maximum wait: one change, after the writer stops.
        assert!(changes >= 2, "{changes} change(s) while the writes went on");
    }

    #[test]
    fn reading_the_file_is_not_a_change() {
        assert!(!changes_content(&EventKind::Access(AccessKind::Open(
            AccessMode::Any
        ))));
        assert!(!changes_content(&EventKind::Access(AccessKind::Close(
            AccessMode::Read
        ))));
        assert!(changes_content(&EventKind::Access(AccessKind::Close(
            AccessMode::Write
        ))));
        assert!(changes_content(&EventKind::Modify(ModifyKind::Name(
            notify::event::RenameMode::To
        ))));
    }
}
