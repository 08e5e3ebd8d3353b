//! The facet picker drawn on its own, into its own box: a text snapshot of
//! the pane, and its styles checked cell by cell (snapshots hold no colour).

mod common;

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Rect;
use ratatui::style::Modifier;

use sitrep::action::Action;
use sitrep::app::{App, Options, Popup};
use sitrep::geometry::popup;

use common::{FIXTURE, opened, press, screen_text as text};

fn app(width: u16, height: u16) -> App {
    opened(FIXTURE, Options::default(), width, height)
}

/// Keys typed in turn, "\r" for Enter.
fn keys(app: &mut App, text: &str) {
    for c in text.chars() {
        press(
            app,
            match c {
                '\r' => KeyCode::Enter,
                c => KeyCode::Char(c),
            },
        );
    }
}

/// The picker alone, drawn into a buffer the size of its box.
fn picker(app: &App) -> Buffer {
    let Some(Popup::Facets(facets)) = app.view().popup() else {
        panic!("the facet picker is open");
    };
    let space = app.screen().popups;
    let area: Rect = popup::facets(space).outer;
    let mut buf = Buffer::empty(area);
    sitrep::ui::picker::render_facets(app, facets, space, &mut buf);
    buf
}

#[test]
fn facet_picker_80x24() {
    let mut app = app(80, 24);
    keys(&mut app, "f");
    // Choose a category, then narrow to values with "o" in them.
    keys(&mut app, "politics\r");
    for _ in 0.."politics".len() {
        app.update(Action::DeleteChar);
    }
    keys(&mut app, "o");
    insta::assert_snapshot!(text(&picker(&app)));
}

#[test]
fn facet_picker_120x40_unfiltered() {
    let mut app = app(120, 40);
    keys(&mut app, "f");
    insta::assert_snapshot!(text(&picker(&app)));
}

#[test]
fn the_chosen_value_is_marked_and_the_cursor_row_reversed() {
    let mut app = app(80, 24);
    keys(&mut app, "f");
    keys(&mut app, "politics\r");
    // The whole list again, the cursor still on politics.
    app.update(Action::ClearInput);
    let buf = picker(&app);
    let shown = text(&buf);
    let (row, line) = shown
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("● politics"))
        .expect("the chosen value is marked");
    // The cursor is on it: its row is reversed, and only its row.
    let x = buf.area.x + line.chars().position(|c| c == 'p').unwrap() as u16;
    let reversed = |y: usize| {
        buf[(x, buf.area.y + y as u16)]
            .modifier
            .contains(Modifier::REVERSED)
    };
    assert!(reversed(row), "{shown}");
    let other = shown
        .lines()
        .position(|l| l.contains("  funding"))
        .expect("another value");
    assert!(!reversed(other), "{shown}");
    // The count column says how many events politics keeps.
    assert!(
        line.trim_end_matches(|c: char| !c.is_ascii_digit())
            .ends_with(" 4"),
        "{line}"
    );
}

#[test]
fn a_source_cut_at_80_columns_reads_whole_on_a_wide_screen() {
    let label =
        "Ministry of the Interior · Statement on the state of emergency in the Kessa Valley";
    let row = |width, height| {
        let mut app = app(width, height);
        keys(&mut app, "femergency");
        let text = text(&picker(&app));
        let row = text
            .lines()
            .find(|l| l.contains("Ministry of the Interior"));
        row.expect("the source is listed").to_string()
    };
    let narrow = row(80, 24);
    assert!(narrow.contains('…') && !narrow.contains(label), "{narrow}");
    let wide = row(200, 60);
    assert!(wide.contains(label) && !wide.contains('…'), "{wide}");
}
