//! The terminal: setting it up, giving it back in every case (quit, error,
//! panic, SIGTERM/SIGHUP/SIGINT/SIGQUIT, Ctrl-Z or SIGTSTP, end of input), and
//! the event loop that feeds `App::update`.
//!
//! The loop blocks on one channel (`events`): terminal input, changes to
//! the open file, finished reloads and signals. After the first event it
//! takes whatever else is already waiting, then draws once, so a burst of
//! input or a resize storm costs one frame and an idle dashboard no CPU.

use std::io::{self, IsTerminal, Stdout, Write, stdout};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError};
use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::cursor::Show;
use ratatui::crossterm::event::{
    DisableMouseCapture, EnableMouseCapture, Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers,
    MouseButton, MouseEventKind,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::layout::Rect;

use crate::action::Action;
use crate::app::{App, Effect, Marking};
use crate::events::{AppEvent, Events};
use crate::load::Progress;
use crate::reload::Reloader;

/// Set while the terminal is in raw mode on the alternate screen.
static ACTIVE: AtomicBool = AtomicBool::new(false);

type Term = Terminal<CrosstermBackend<Stdout>>;

/// How the dashboard ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exit {
    /// The user quit.
    Quit,
    /// A termination signal (its number); the exit status is 128 + it.
    Signal(i32),
}

/// Both ends of the conversation are a terminal.
pub fn is_terminal() -> bool {
    io::stdin().is_terminal() && io::stdout().is_terminal()
}

/// Raw mode, the alternate screen, the cursor hidden (by the first draw).
fn enter() -> io::Result<()> {
    ACTIVE.store(true, Ordering::SeqCst);
    enable_raw_mode()?;
    execute!(stdout(), EnterAlternateScreen)?;
    Ok(())
}

/// Gives the terminal back: cooked mode, mouse capture off, main screen,
/// cursor shown. Does nothing the second time. Each step is tried even when
/// one before it fails (the terminal may be gone, after a SIGHUP).
pub fn restore() {
    if ACTIVE.swap(false, Ordering::SeqCst) {
        let _ = disable_raw_mode();
        let _ = execute!(stdout(), DisableMouseCapture, LeaveAlternateScreen, Show);
    }
}

/// Restores the terminal before the panic message is printed, so the
/// message lands on the main screen and the shell is usable. A panic while
/// reloading (or working out the marks) is caught and told: the dashboard
/// goes on, so the terminal stays as it is and nothing is printed over the
/// screen.
fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let thread = std::thread::current();
        if [crate::reload::THREAD_NAME, crate::app::MARKING_THREAD]
            .iter()
            .any(|&name| thread.name() == Some(name))
        {
            return;
        }
        restore();
        previous(info);
    }));
}

/// Restores the terminal when the loop ends, whichever way it ends.
struct Guard;

impl Drop for Guard {
    fn drop(&mut self) {
        restore();
    }
}

/// Runs the dashboard until the user quits or a signal ends it, watching
/// `file` (when given) and reloading it when it changes (reading at most
/// `max_size` bytes of it). The terminal is restored before this returns,
/// also when it returns an error.
pub fn run(app: &mut App, file: Option<&Path>, max_size: u64) -> io::Result<Exit> {
    // Both before the terminal is touched: a panic or a signal from here on
    // finds a way to give it back.
    install_panic_hook();
    let events = Events::start(file)?;
    let _guard = Guard;
    enter()?;
    let terminal = Terminal::new(CrosstermBackend::new(stdout()))?;
    dashboard(app, file, max_size, &events, terminal)
}

/// How a dashboard opened on a loading screen ended.
pub enum Opened<F> {
    /// The dashboard ran until this (with the app it ran, unless the
    /// loading screen was left before there was one).
    Ran(Exit, Option<Box<App>>),
    /// The file did not load (what `open` said); the terminal is restored.
    Failed(F),
}

/// Shows a loading screen with the progress of a load running elsewhere,
/// until the dashboard it opens (or why it could not) arrives on `opened`;
/// the dashboard then runs in the same terminal. Every step of the opening,
/// reading to the dashboard's own indexes, runs on that other thread, so
/// q, Esc, Ctrl-C and the signals that end the dashboard end this at any
/// of them.
pub fn run_after_loading<F>(
    path: &str,
    progress: &Progress,
    opened: &Receiver<Result<Box<App>, F>>,
    file: Option<&Path>,
    max_size: u64,
) -> io::Result<Opened<F>> {
    install_panic_hook();
    let events = Events::start(file)?;
    let guard = Guard;
    enter()?;
    let mut terminal = Terminal::new(CrosstermBackend::new(stdout()))?;
    let mut drawn: Option<Instant> = None;
    let result = loop {
        if drawn.is_none_or(|at| at.elapsed() >= LOADING_REDRAW) {
            let snapshot = progress.snapshot();
            terminal.draw(|frame| {
                crate::ui::loading::render(path, &snapshot, frame.area(), frame.buffer_mut());
            })?;
            drawn = Some(Instant::now());
        }
        match opened.try_recv() {
            Ok(result) => break result,
            Err(TryRecvError::Empty) => {}
            Err(TryRecvError::Disconnected) => {
                return Err(io::Error::other("loading the file stopped unexpectedly"));
            }
        }
        // Redraws a few times a second while waiting; looks for input and
        // for the dashboard more often, so neither waits for a redraw.
        match events.next_within(LOADING_POLL) {
            Some(AppEvent::Terminal(Event::Key(key)))
                if key.kind == KeyEventKind::Press && quits_loading(key) =>
            {
                return Ok(Opened::Ran(Exit::Quit, None));
            }
            Some(AppEvent::Terminate(signal)) => {
                return Ok(Opened::Ran(Exit::Signal(signal), None));
            }
            Some(AppEvent::InputClosed(why)) => {
                return Err(io::Error::other(format!("the terminal went away: {why}")));
            }
            _ => {}
        }
    };
    match result {
        Ok(mut app) => {
            let exit = dashboard(&mut app, file, max_size, &events, terminal)?;
            drop(guard);
            Ok(Opened::Ran(exit, Some(app)))
        }
        Err(failure) => {
            // Back to the main screen before the caller explains why.
            drop(guard);
            Ok(Opened::Failed(failure))
        }
    }
}

/// How often a search that looked at part of the events looks again.
const REFINE_SEARCH: Duration = Duration::from_millis(100);

/// How often the loading screen redraws while it waits.
const LOADING_REDRAW: Duration = Duration::from_millis(100);

/// How often it looks whether the dashboard is ready.
const LOADING_POLL: Duration = Duration::from_millis(20);

/// The keys that leave the loading screen: q, Esc and Ctrl-C.
fn quits_loading(key: KeyEvent) -> bool {
    match key.code {
        KeyCode::Char('c') => key.modifiers.contains(KeyModifiers::CONTROL),
        KeyCode::Char('q') | KeyCode::Esc => true,
        _ => false,
    }
}

/// The dashboard's loop, on a terminal already set up.
fn dashboard(
    app: &mut App,
    file: Option<&Path>,
    max_size: u64,
    events: &Events,
    mut terminal: Term,
) -> io::Result<Exit> {
    let reloader = file.map(|path| {
        let shown = app.file().unwrap_or_default().to_string();
        let events = events.sender();
        Reloader::start(path.to_path_buf(), shown, max_size, move |outcome| {
            events.send(AppEvent::Loaded(Box::new(outcome))).is_ok()
        })
    });
    if let Some(error) = events.watch_error() {
        // Plumbing the App cannot know about; told once, like any status.
        app.tell(format!("not watching the file ({error}): r reloads"));
    }
    let mut captured = false;
    set_mouse(&mut captured, app.mouse())?;
    loop {
        // The state lays out for the size it knows: tell it the size now,
        // in case the terminal changed since the last resize event.
        resize(app, &terminal)?;
        terminal.draw(|frame| frame.render_widget(&*app, frame.area()))?;
        // The first frame is on screen without the marks: they are worked
        // out now, off this thread, and come back as an event.
        if let Some(marking) = app.take_marking() {
            start_marking(marking, events);
        }
        // Block until something changes the screen, then take whatever else
        // is already waiting, and draw once.
        let mut changed = false;
        loop {
            let event = if changed {
                match events.try_next() {
                    Some(event) => event,
                    None => break,
                }
            } else if app.search_pending() {
                // The search shown looked at part of the events: look
                // again as more of the search text is built.
                match events.wait(REFINE_SEARCH) {
                    Ok(Some(event)) => event,
                    Ok(None) => {
                        changed = app.refine_search();
                        continue;
                    }
                    Err(_) => return Err(io::Error::other("the event sources stopped")),
                }
            } else {
                events
                    .next()
                    .ok_or_else(|| io::Error::other("the event sources stopped"))?
            };
            let outside = Outside {
                reloader: reloader.as_ref(),
                events,
                file,
            };
            match handle(app, event, &mut terminal, &outside, &mut captured)? {
                Flow::Exit(exit) => return Ok(exit),
                Flow::Changed => changed = true,
                Flow::Unchanged => {}
            }
        }
    }
}

/// Works the marks out on a thread of their own and sends them to the
/// loop; with no thread to be had, on this one.
fn start_marking(marking: Marking, events: &Events) {
    let sender = events.sender();
    let spawned = std::thread::Builder::new()
        .name(crate::app::MARKING_THREAD.into())
        .spawn({
            let marking = marking.clone();
            move || {
                // Only fails once the loop is gone: nobody waits.
                let _ = sender.send(AppEvent::Marked(Box::new(marking.run())));
            }
        });
    if spawned.is_err() {
        let _ = events
            .sender()
            .send(AppEvent::Marked(Box::new(marking.run())));
    }
}

/// What one event means for the loop.
enum Flow {
    Exit(Exit),
    Changed,
    /// Nothing to redraw (a key release, a mouse move, an unbound key).
    Unchanged,
}

/// What the loop acts through besides the terminal.
struct Outside<'a> {
    reloader: Option<&'a Reloader>,
    events: &'a Events,
    /// The open file (`None`: the built-in situation).
    file: Option<&'a Path>,
}

fn handle(
    app: &mut App,
    event: AppEvent,
    terminal: &mut Term,
    outside: &Outside,
    captured: &mut bool,
) -> io::Result<Flow> {
    let reloader = outside.reloader;
    match event {
        AppEvent::Terminal(event) => {
            let Some(action) = translate(app, event) else {
                return Ok(Flow::Unchanged);
            };
            for effect in app.update(action) {
                match effect {
                    Effect::Quit => return Ok(Flow::Exit(Exit::Quit)),
                    Effect::Reload => {
                        if let Some(reloader) = reloader {
                            reloader.request();
                        }
                    }
                    Effect::Suspend => {
                        suspend(terminal, app.mouse())?;
                        resize(app, terminal)?;
                    }
                    Effect::Mouse(on) => set_mouse(captured, on)?,
                    Effect::OpenUrl(url) => app.tell(open_url(&url)),
                    Effect::Copy(text) => {
                        let mut out = stdout();
                        out.write_all(crate::clipboard::osc52(&text).as_bytes())?;
                        out.flush()?;
                    }
                    Effect::Edit { line } => {
                        if let Some(file) = outside.file {
                            let told = edit(terminal, outside.events, file, line, app.mouse())?;
                            app.tell(told);
                            if let Some(reloader) = reloader {
                                reloader.request();
                            }
                            resize(app, terminal)?;
                        }
                    }
                    Effect::Export {
                        path,
                        text,
                        overwrite,
                    } => {
                        let outcome = crate::export::write(&path, &text, overwrite, outside.file)
                            .map(|()| text.lines().count());
                        app.exported(&path, outcome);
                    }
                }
            }
        }
        AppEvent::FileChanged => {
            if let Some(reloader) = reloader {
                reloader.request();
            }
            return Ok(Flow::Unchanged);
        }
        AppEvent::Loaded(outcome) => app.reloaded(*outcome),
        AppEvent::Marked(marked) => app.marked(*marked),
        AppEvent::Terminate(signal) => return Ok(Flow::Exit(Exit::Signal(signal))),
        AppEvent::Stop => {
            suspend(terminal, app.mouse())?;
            resize(app, terminal)?;
        }
        AppEvent::Continued => {
            // After our own stop the screen is drawn whole already; after a
            // SIGSTOP from outside it may hold anything.
            redraw_whole(terminal)?;
            resize(app, terminal)?;
        }
        AppEvent::InputClosed(why) => {
            return Err(io::Error::other(format!("the terminal went away: {why}")));
        }
    }
    Ok(Flow::Changed)
}

/// Tells the app the terminal's size, when it is not the one it knows.
fn resize(app: &mut App, terminal: &Term) -> io::Result<()> {
    let size = terminal.size()?;
    if app.screen().size != Rect::new(0, 0, size.width, size.height) {
        app.update(Action::Resize {
            width: size.width,
            height: size.height,
        });
    }
    Ok(())
}

/// Ctrl-Z or SIGTSTP: gives the terminal back and stops, as a shell job does; after
/// `fg`, takes the terminal again (mouse capture too, when it was on) and
/// redraws all of it: the shell has written over the screen, and its size
/// may have changed.
fn suspend(terminal: &mut Term, mouse: bool) -> io::Result<()> {
    restore();
    // SIGTSTP itself is handled (it arrives as `AppEvent::Stop`): stop the
    // way its default action would.
    #[cfg(unix)]
    signal_hook::low_level::emulate_default_handler(signal_hook::consts::SIGTSTP)?;
    // Here again after `fg` (or at once, where there is no job control).
    enter()?;
    if mouse {
        execute!(stdout(), EnableMouseCapture)?;
    }
    redraw_whole(terminal)
}

/// Starts the browser on a checked URL; what to tell the user.
fn open_url(url: &str) -> String {
    let shown = crate::text::fit(&crate::text::shown(url, 61), 60);
    let browser = std::env::var("BROWSER").ok();
    match crate::opener::launch(browser.as_deref(), url) {
        Ok(launch) => match crate::opener::spawn_detached(&launch) {
            Ok(()) => format!("opened {shown} with {}", launch.name()),
            Err(e) => format!(
                "could not start {}: {}",
                launch.name(),
                crate::read::describe_io(&e)
            ),
        },
        Err(why) => format!("not opened: {why}"),
    }
}

/// Runs the editor on `file` at `line` with the terminal given back, as
/// Ctrl-Z gives it to the shell, then takes it again and redraws all of it.
/// What to tell the user.
fn edit(
    terminal: &mut Term,
    events: &Events,
    file: &Path,
    line: u32,
    mouse: bool,
) -> io::Result<String> {
    let visual = std::env::var("VISUAL").ok();
    let editor = std::env::var("EDITOR").ok();
    let command = crate::editor::chosen(visual.as_deref(), editor.as_deref());
    let launch = match crate::editor::launch(&command, file, line as usize) {
        Ok(launch) => launch,
        Err(why) => return Ok(crate::sanitize::clean_line(&why).into_owned()),
    };
    let name = crate::sanitize::clean_line(&launch.name()).into_owned();
    events.pause_input();
    restore();
    let ran = std::process::Command::new(&launch.program)
        .args(&launch.args)
        .status();
    let back = enter().and_then(|()| {
        if mouse {
            execute!(stdout(), EnableMouseCapture)?;
        }
        redraw_whole(terminal)
    });
    events.resume_input();
    back?;
    Ok(match ran {
        Ok(status) if status.success() => format!("back from {name}: reloading"),
        Ok(status) => format!("{name} ended with {status}: reloading anyway"),
        Err(e) => format!(
            "could not start the editor {name}: {} ($VISUAL or $EDITOR names it)",
            crate::read::describe_io(&e)
        ),
    })
}

/// Clears the screen and forgets what was drawn, so the next frame is
/// drawn whole. (Not `Terminal::clear`: it asks the terminal where the
/// cursor is, and the answer goes to the input thread, not to it.)
fn redraw_whole(terminal: &mut Term) -> io::Result<()> {
    let size = terminal.size()?;
    terminal.resize(Rect::new(0, 0, size.width, size.height))
}

fn set_mouse(captured: &mut bool, wanted: bool) -> io::Result<()> {
    if *captured != wanted {
        if wanted {
            execute!(stdout(), EnableMouseCapture)?;
        } else {
            execute!(stdout(), DisableMouseCapture)?;
        }
        *captured = wanted;
    }
    Ok(())
}

/// The action a terminal event asks for, if any. Only key presses count:
/// some terminals also report releases and repeats.
pub fn translate(app: &App, event: Event) -> Option<Action> {
    match event {
        Event::Key(key) if key.kind == KeyEventKind::Press => {
            app.keymap().action_for(app.mode(), app.focus(), key)
        }
        Event::Mouse(mouse) => {
            let (column, row) = (mouse.column, mouse.row);
            match mouse.kind {
                MouseEventKind::Down(MouseButton::Left) => Some(Action::Click { column, row }),
                MouseEventKind::Drag(MouseButton::Left) => Some(Action::Drag { column, row }),
                MouseEventKind::Up(MouseButton::Left) => Some(Action::Release { column, row }),
                MouseEventKind::ScrollDown => Some(Action::Scroll {
                    column,
                    row,
                    down: true,
                }),
                MouseEventKind::ScrollUp => Some(Action::Scroll {
                    column,
                    row,
                    down: false,
                }),
                _ => None,
            }
        }
        Event::Resize(width, height) => Some(Action::Resize { width, height }),
        _ => None,
    }
}
