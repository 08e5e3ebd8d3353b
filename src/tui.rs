//! The terminal: setting it up, giving it back in every case (quit, error,
//! panic), and the event loop that feeds `App::update`.
//!
//! The loop blocks on the next terminal event and draws only after one that
//! maps to an action (a key press, a click, the wheel, a resize), so an idle
//! dashboard uses no CPU.

use std::io::{self, IsTerminal, stdout};
use std::sync::atomic::{AtomicBool, Ordering};

use ratatui::crossterm::cursor::Show;
use ratatui::crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, KeyEventKind, MouseButton, MouseEventKind,
};
use ratatui::crossterm::execute;

use crate::action::Action;
use crate::app::App;
use crate::keymap;

/// Set while the terminal is in raw mode on the alternate screen.
static ACTIVE: AtomicBool = AtomicBool::new(false);

/// Both ends of the conversation are a terminal.
pub fn is_terminal() -> bool {
    io::stdin().is_terminal() && io::stdout().is_terminal()
}

/// Gives the terminal back: mouse capture off, main screen, cooked mode,
/// cursor shown. Does nothing the second time.
pub fn restore() {
    if ACTIVE.swap(false, Ordering::SeqCst) {
        let _ = execute!(stdout(), DisableMouseCapture);
        ratatui::restore();
        let _ = execute!(stdout(), Show);
    }
}

/// Restores the terminal before the panic message is printed, so the
/// message lands on the main screen and the shell is usable.
fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
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

/// Runs the dashboard until the user quits. The terminal is restored before
/// this returns, also when it returns an error.
pub fn run(mut app: App) -> io::Result<()> {
    install_panic_hook();
    ACTIVE.store(true, Ordering::SeqCst);
    let _guard = Guard;
    let mut terminal = ratatui::try_init()?;
    let mut captured = false;
    set_mouse(&mut captured, app.mouse)?;
    let size = terminal.size()?;
    app.update(Action::Resize {
        width: size.width,
        height: size.height,
    });
    loop {
        terminal.draw(|frame| frame.render_widget(&app, frame.area()))?;
        let action = loop {
            if let Some(action) = translate(&app, event::read()?) {
                break action;
            }
        };
        app.update(action);
        if app.quit {
            return Ok(());
        }
        set_mouse(&mut captured, app.mouse)?;
    }
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
            keymap::action_for(app.mode(), app.view.focus, key)
        }
        Event::Mouse(mouse) => {
            let (column, row) = (mouse.column, mouse.row);
            match mouse.kind {
                MouseEventKind::Down(MouseButton::Left) => Some(Action::Click { column, row }),
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
