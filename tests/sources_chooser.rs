//! The sources chooser (`o` on an item with several sources that have a
//! URL), as drawn: a long title wraps onto more rows of the box instead of
//! being cut, and the highlight covers every row of its source.

mod common;

use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Rect;

use sitrep::app::{App, Options};

use common::{FIXTURE, draw, opened, press, row_text, text_of, typed};

const LONG_TITLE: &str = "Kessa Valley Floods: Situation Report No. 3, covering the breach \
     of the Orun dam, the evacuation of Sarrin and the first week of relief";

/// The fixture with the dam breach backed by three sources with a URL, the
/// last with a title longer than the box is wide.
fn app(width: u16, height: u16) -> App {
    let text = FIXTURE
        .replacen(
            "tags = [\"dam\"]\nsources = [\"herald-2025-02-27\"]",
            "tags = [\"dam\"]\nsources = [\"herald-2025-02-27\", \"ocha-flash-appeal\", \"ocha-sitrep-3\"]",
            1,
        )
        .replacen(
            "title = \"Kessa Valley Floods: Situation Report No. 3\"",
            &format!("title = \"{LONG_TITLE}\""),
            1,
        );
    opened(&text, Options::default(), width, height)
}

/// Finds the dam breach with a search and opens its sources.
fn open_chooser(app: &mut App) {
    press(app, KeyCode::Char('/'));
    typed(app, "breaches");
    press(app, KeyCode::Enter);
    press(app, KeyCode::Char('o'));
    assert!(app.view().popup().is_some(), "the chooser is open");
}

fn popup_area(app: &App) -> Rect {
    let popup = app.view().popup().expect("a popup is open");
    popup.model().area(app.screen().popups)
}

#[test]
fn a_long_title_wraps_in_the_chooser_80x24() {
    let mut app = app(80, 24);
    open_chooser(&mut app);
    let area = popup_area(&app);
    let text = text_of(&draw(&app), area);
    insta::assert_snapshot!("sources_chooser_80x24", text);
    // Every word of the title is on screen, and nothing is cut.
    let shown: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for word in LONG_TITLE.split_whitespace() {
        assert!(shown.contains(word), "{word} is missing:\n{text}");
    }
    assert!(!text.contains('…'), "{text}");
}

#[test]
fn the_highlight_covers_every_row_of_a_wrapped_source() {
    let mut app = app(80, 24);
    open_chooser(&mut app);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Down);
    let buffer = draw(&app);
    let area = popup_area(&app);
    let selected = app.theme().selected();
    // Inside the border: a row is highlighted when its cells carry the
    // selected style.
    let inside = area.inner(ratatui::layout::Margin::new(1, 1));
    let highlighted: Vec<String> = inside
        .rows()
        .filter(|row| {
            let cell = buffer[(row.x + 1, row.y)].style();
            cell == cell.patch(selected)
        })
        .map(|row| {
            row_text(&buffer, area, row.y)
                .trim_matches(['│', ' '])
                .to_string()
        })
        .collect();
    assert_eq!(highlighted.len(), 2, "{highlighted:?}");
    assert!(
        highlighted[0].starts_with("Kessa Valley Floods"),
        "{highlighted:?}"
    );
    assert!(highlighted[1].ends_with("· OCHA"), "{highlighted:?}");
}
