//! Runs the dashboard on a state that is broken on purpose, so drawing the
//! first frame panics. The pseudo-terminal test (tests/pty.rs) uses it to
//! check that a panic still gives the terminal back and prints its message
//! on the main screen.

use sitrep::app::{App, Options};

fn main() {
    let report = sitrep::load::load_str(sitrep::BUILTIN_TEXT);
    let situation = report.situation.expect("the built-in situation loads");
    let mut app = App::new(situation, Options::default());
    // An event index past the end: the timeline panics when it draws it.
    app.break_for_panic_check();
    if let Err(e) = sitrep::tui::run(&mut app, None, sitrep::read::DEFAULT_MAX_SIZE) {
        eprintln!("dashboard_panic: {e}");
    }
}
