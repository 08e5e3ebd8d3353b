//! What changed since the last look, as drawn: the list of removed items
//! as its own box (a snapshot of the popup alone), and the header's count
//! and chip on the cells.

mod common;

use std::sync::Arc;

use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Rect;

use sitrep::action::Action;
use sitrep::app::{App, Options, SeenSetup};
use sitrep::digest::Digests;
use sitrep::load::load_str;
use sitrep::seen::Record;

use common::{FIXTURE, draw, opened, press, text_of};

/// The fixture opened by a reader whose last look saw an event, an actor
/// and that actor's quote the file no longer has, and an older title of an
/// event, words of a quote and role of an actor; its marks in, as the
/// terminal loop has them soon after the first frame.
fn app(width: u16, height: u16) -> App {
    let mut app = before_the_marks(width, height);
    app.mark_now();
    app
}

/// [`app`] as the first frame draws it: the marks not worked out yet.
fn before_the_marks(width: u16, height: u16) -> App {
    let earlier = FIXTURE
        .replace(
            "[[events]]\nid = \"record-rain\"",
            "[[events]]\nid = \"old-warning\"\ndate = 2025-02-10\ntitle = \"Engineers warn of cracks in the spillway of the Orun dam, a week before the rain\"\nactors = [\"orun-hydro\"]\nsources = [\"ocha-sitrep-3\"]\n\n[[events]]\nid = \"record-rain\"",
        )
        .replace(
            "Orun dam breaches; floodwater reaches three towns",
            "Orun dam breaches",
        )
        .replace("The numbers are still rising.", "The numbers rise.")
        .replace("OCHA head of office for the Kessa Valley", "OCHA head of office")
        + "\n[[actors]]\nid = \"mayor\"\nname = \"Mayor of Sarrin\"\nkind = \"person\"\n\n[[quotes]]\nid = \"mayor-calm\"\nspeaker = \"mayor\"\ntext = \"Stay calm and stay home.\"\ndate = 2025-03-02\nsources = [\"ocha-sitrep-3\"]\n";
    let old = load_str(&earlier)
        .situation
        .expect("the earlier version loads");
    let record = Record::of(
        &old,
        &Digests::of(&old),
        "/data/dashboard.toml",
        "2026-11-28T09:00:00Z".parse().unwrap(),
        None,
    );
    let options = Options {
        seen: Some(SeenSetup {
            record: "/state/sitrep/dashboard.seen".into(),
            file: "/data/dashboard.toml".into(),
            earlier: Some(Arc::new(record)),
            problem: None,
            now: "2026-12-01T09:00:00Z".parse().unwrap(),
            unread: false,
        }),
        file: Some("dashboard.toml".into()),
        ..Options::default()
    };
    opened(FIXTURE, options, width, height)
}

fn popup_area(app: &App) -> Rect {
    let popup = app.view().popup().expect("a popup is open");
    popup.model().area(app.screen().popups)
}

#[test]
fn the_removed_list_80x24() {
    let mut app = app(80, 24);
    press(&mut app, KeyCode::Char('U'));
    let area = popup_area(&app);
    insta::assert_snapshot!("removed_popup_80x24", text_of(&draw(&app), area));
}

#[test]
fn the_removed_list_scrolled_to_the_end_at_50x15() {
    let mut app = app(50, 15);
    press(&mut app, KeyCode::Char('U'));
    press(&mut app, KeyCode::Char('G'));
    let area = popup_area(&app);
    insta::assert_snapshot!("removed_popup_50x15_end", text_of(&draw(&app), area));
}

#[test]
fn the_header_counts_what_changed_and_u_puts_a_chip_beside_it() {
    let mut app = app(120, 40);
    let header = app.screen().header;
    let first = text_of(
        &draw(&app),
        Rect {
            height: 1,
            ..header
        },
    );
    assert!(
        first.contains("3 changed, 3 removed since 28 Nov · as of 14 Mar 2025"),
        "{first}"
    );
    press(&mut app, KeyCode::Char('u'));
    let second = text_of(
        &draw(&app),
        Rect {
            y: 1,
            height: 1,
            ..header
        },
    );
    assert!(second.contains(" Filter  new or changed ✕ "), "{second}");
    assert!(
        second.contains("1 of 16 events · 1 of 4 quotes"),
        "{second}"
    );
}

#[test]
fn changed_quotes_and_actors_carry_a_marker_beside_their_bar() {
    // Wide enough for the quotes beside the actors.
    let mut app = app(160, 45);
    let screen = draw(&app);
    let rows: Vec<String> = text_of(&screen, screen.area)
        .lines()
        .map(str::to_string)
        .collect();
    let row = |words: &str| {
        rows.iter()
            .find(|r| r.contains(words))
            .unwrap_or_else(|| panic!("{words} in {rows:#?}"))
            .clone()
    };
    // The quote's first row: the marker in the bar's column, then the words.
    assert!(
        row("“The numbers are still rising.").contains(" ~“The numbers"),
        "{rows:#?}"
    );
    assert!(!row("“No family in the Kessa").contains("~“"), "{rows:#?}");
    // The actor: the marker in the column beside the filter's.
    let brandt = row("Léa Brandt");
    let before = &brandt[..brandt.find("Léa Brandt").unwrap()];
    assert!(before.ends_with("│ ~  └ "), "{brandt}");
    // (The quotes pane shares the row: look at the actors' half only.)
    let red_crescent = row("│  Velorian Red Crescent");
    assert!(
        !red_crescent.split("││").next().unwrap().contains('~'),
        "{red_crescent}"
    );
    // In the filter and changed: both marks, in their own columns.
    app.update(Action::Focus(sitrep::action::Pane::Actors));
    let at = app
        .derived()
        .actor_order
        .iter()
        .position(|&a| &*app.situation().actors[a].id == "lea-brandt")
        .unwrap();
    for _ in 0..at {
        app.update(Action::Down);
    }
    app.update(Action::Toggle);
    let screen = draw(&app);
    let text = text_of(&screen, screen.area);
    let brandt = text
        .lines()
        .find(|r| r.contains("Léa Brandt") && r.contains("person"))
        .unwrap();
    assert!(brandt.contains("●~"), "{brandt}");
}

/// The first row of the header, as drawn.
fn header_row(app: &App, row: u16) -> String {
    let header = app.screen().header;
    text_of(
        &draw(app),
        Rect {
            y: header.y + row,
            height: 1,
            ..header
        },
    )
}

#[test]
fn the_first_frame_says_the_marks_are_coming_and_u_waits_for_them() {
    let mut app = before_the_marks(120, 40);
    let first = header_row(&app, 0);
    assert!(
        first.contains("marking new and changed… · as of 14 Mar 2025"),
        "{first}"
    );
    // No count yet, and no row marked: nothing is claimed unchanged.
    assert!(!first.contains("since 28 Nov"), "{first}");
    // The changed actor's row, as the actors pane draws it.
    let brandt_row = |app: &App| {
        let screen = draw(app);
        let text = text_of(&screen, screen.area);
        text.lines()
            .find(|l| l.contains("Léa Brandt"))
            .map(str::to_string)
            .unwrap_or_else(|| panic!("Léa Brandt in {text}"))
    };
    let row = brandt_row(&app);
    assert!(row.starts_with("│    └ Léa Brandt"), "{row}");
    // `u` now is kept for when the marks come: no chip, every event shown,
    // and the footer says so.
    let events = app.selection().events.len();
    press(&mut app, KeyCode::Char('u'));
    assert!(!app.filter().marked);
    assert_eq!(app.selection().events.len(), events);
    assert_eq!(
        app.status(),
        Some("still marking new and changed: the filter comes on once they are in")
    );
    assert!(!header_row(&app, 1).contains("new or changed ✕"));
    // The list of what was removed says it is still being worked out.
    press(&mut app, KeyCode::Char('U'));
    let area = popup_area(&app);
    let popup = text_of(&draw(&app), area);
    assert!(
        popup.contains("Still working out what changed since your last look…"),
        "{popup}"
    );

    // The marks arrive, as the terminal loop hands them over.
    let marking = app.take_marking().expect("marks to work out");
    assert!(app.take_marking().is_none(), "taken once");
    app.marked(marking.run());
    let popup = text_of(&draw(&app), popup_area(&app));
    assert!(popup.contains("Mayor of Sarrin"), "{popup}");
    press(&mut app, KeyCode::Char('q'));
    let first = header_row(&app, 0);
    assert!(
        first.contains("3 changed, 3 removed since 28 Nov · as of 14 Mar 2025"),
        "{first}"
    );
    // The `u` pressed before: the filter is on, with its chip.
    assert!(app.filter().marked);
    let second = header_row(&app, 1);
    assert!(second.contains(" Filter  new or changed ✕ "), "{second}");
    assert!(
        second.contains("1 of 16 events · 1 of 4 quotes"),
        "{second}"
    );
    let row = brandt_row(&app);
    assert!(row.starts_with("│ ~  └ Léa Brandt"), "{row}");
}

#[test]
fn u_pressed_twice_before_the_marks_come_leaves_the_filter_off() {
    let mut app = before_the_marks(120, 40);
    press(&mut app, KeyCode::Char('u'));
    press(&mut app, KeyCode::Char('u'));
    assert_eq!(
        app.status(),
        Some("still marking new and changed: the filter stays off")
    );
    app.mark_now();
    assert!(!app.filter().marked);
    assert!(header_row(&app, 0).contains("3 changed, 3 removed since 28 Nov"));
}
