//! What the screen tests share: the dashboard fixture, opening a situation
//! at a size, pressing keys as a user does, and the drawn screen as text.
//! Each test binary uses a part of it.
#![allow(dead_code)]

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;

use sitrep::action::Action;
use sitrep::app::{App, Options};
use sitrep::load::load_str;

/// The dashboard fixture: a flood in the Kessa Valley, as of 14 Mar 2025.
pub const FIXTURE: &str = include_str!("../fixtures/dashboard.toml");

/// `text` loaded (it must load) and opened with `options` at a size.
pub fn opened(text: &str, options: Options, width: u16, height: u16) -> App {
    let situation = load_str(text).situation.expect("the situation loads");
    let mut app = App::new(situation, options);
    app.update(Action::Resize { width, height });
    app
}

/// A key pressed in the dashboard, as the terminal loop maps it.
pub fn press(app: &mut App, code: KeyCode) {
    let key = KeyEvent::new(code, KeyModifiers::NONE);
    if let Some(action) = app.keymap().action_for(app.mode(), app.view().focus, key) {
        app.update(action);
    }
}

/// Keys pressed one after another.
pub fn keys(app: &mut App, codes: &[KeyCode]) {
    for &code in codes {
        press(app, code);
    }
}

/// Text typed a character at a time.
pub fn typed(app: &mut App, text: &str) {
    for c in text.chars() {
        press(app, KeyCode::Char(c));
    }
}

/// The whole screen drawn as the terminal would draw it.
pub fn draw(app: &App) -> Buffer {
    let size = app.view().size;
    let mut terminal = Terminal::new(TestBackend::new(size.width, size.height))
        .expect("a test backend never fails");
    terminal
        .draw(|frame| frame.render_widget(app, frame.area()))
        .expect("a test backend never fails");
    terminal.backend().buffer().clone()
}

/// The symbols of row `y` of a buffer between `area`'s left and right.
pub fn row_text(buffer: &Buffer, area: Rect, y: u16) -> String {
    (area.left()..area.right())
        .map(|x| buffer[(x, y)].symbol())
        .collect()
}

/// The text of `area` of a buffer, a line per row.
pub fn text_of(buffer: &Buffer, area: Rect) -> String {
    area.rows()
        .map(|row| row_text(buffer, area, row.y))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The text of the whole buffer, a line per row.
pub fn screen_text(buffer: &Buffer) -> String {
    text_of(buffer, buffer.area)
}
