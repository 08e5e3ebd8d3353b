//! Layout rules over every width from 50 to 240 columns: a wider screen
//! never shows less, labels that can be read whole are, and one long date
//! does not widen the date column of every row.

use sitrep::action::{Action, Pane};
use sitrep::app::{App, Options};
use sitrep::geometry::cards::label_rows;
use sitrep::geometry::columns::{actors_columns, timeline_columns};
use sitrep::load::load_str;

const FIXTURE: &str = include_str!("fixtures/dashboard.toml");

fn app(text: &str) -> App {
    let situation = load_str(text).situation.expect("the file loads");
    App::new(situation, Options::default())
}

/// What the timeline and the actors pane show at a size, as levels that may
/// only grow with the width: the actors column, the category column, the
/// actors' kinds (0 none, 1 abbreviated, 2 in full) and their roles.
fn shown(app: &mut App, width: u16, height: u16) -> [usize; 4] {
    app.update(Action::Resize { width, height });
    let screen = app.screen();
    let derived = app.derived();
    let timeline = timeline_columns(derived, usize::from(screen.list(Pane::Timeline).width));
    let actors = actors_columns(
        derived,
        app.index().event_count_max(),
        usize::from(screen.list(Pane::Actors).width),
    );
    let kind = match actors.kind {
        0 => 0,
        k if k > derived.kind_widths.0 => 2,
        _ => 1,
    };
    [
        usize::from(timeline.actors > 0),
        usize::from(timeline.category > 0),
        kind,
        usize::from(actors.role > 0),
    ]
}

#[test]
fn nothing_shown_at_a_width_is_missing_at_a_wider_one() {
    for text in [FIXTURE, sitrep::BUILTIN_TEXT] {
        let mut app = app(text);
        for height in [24, 30, 40, 60] {
            let mut before = shown(&mut app, 50, height);
            for width in 51..=240 {
                let now = shown(&mut app, width, height);
                for (column, (was, is)) in before.iter().zip(&now).enumerate() {
                    assert!(
                        is >= was,
                        "column {column} went from {was} to {is} at {width}x{height} ({:?})",
                        app.screen().arrangement
                    );
                }
                before = now;
            }
        }
    }
}

#[test]
fn at_120x40_every_card_in_view_shows_its_whole_label() {
    let mut app = app(sitrep::BUILTIN_TEXT);
    for (width, height) in [(80, 24), (120, 40), (200, 60)] {
        app.update(Action::Resize { width, height });
        let grid = app.screen().cards;
        assert!(grid.visible_rows >= 1);
        let labels = &app.derived().labels;
        let in_view: Vec<String> = grid
            .cards(0)
            .iter()
            .map(|&(i, _)| labels[i].clone())
            .collect();
        assert!(!in_view.is_empty());
        assert!(
            label_rows(&in_view, grid.card_width) <= 2 && grid.card_height >= 6,
            "{width}x{height}: {in_view:?} at {} columns",
            grid.card_width
        );
        if label_rows(&in_view, grid.card_width) == 2 {
            assert_eq!(
                grid.card_height, 7,
                "{width}x{height}: room for the second line"
            );
        }
    }
}

#[test]
fn no_label_that_fits_is_cut_at_any_width() {
    let mut app = app(FIXTURE);
    for width in 50..=240 {
        app.update(Action::Resize { width, height: 40 });
        let grid = app.screen().cards;
        let labels = &app.derived().labels;
        // Cards narrower than a label's longest word cannot help cutting it.
        let fits_somehow = labels.iter().all(|l| {
            l.split(' ')
                .all(|w| w.chars().count() + 4 <= usize::from(grid.card_width))
        });
        if fits_somehow {
            let in_view: Vec<String> = grid
                .cards(0)
                .iter()
                .map(|&(i, _)| labels[i].clone())
                .collect();
            assert!(
                label_rows(&in_view, grid.card_width) <= 2,
                "{width}: {in_view:?}"
            );
        }
    }
}

#[test]
fn one_long_date_does_not_widen_every_row() {
    let outlier = FIXTURE.replacen(
        "[[events]]\nid = ",
        "[[events]]\nid = \"fuzzy\"\ndate = \"late 2024-12\"\nend = \"early 2025-01\"\ntitle = \"A long fuzzy span\"\nsources = [\"moi-statement\"]\n\n[[events]]\nid = ",
        1,
    );
    let plain = app(FIXTURE);
    let with_outlier = app(&outlier);
    assert!(
        with_outlier
            .situation()
            .events
            .iter()
            .any(|e| e.date_label().chars().count() > plain.derived().date_width + 2),
        "the outlier is longer than the column"
    );
    for width in 50..=240 {
        let a = timeline_columns(plain.derived(), width);
        let b = timeline_columns(with_outlier.derived(), width);
        assert_eq!(a.date, b.date, "at {width}");
    }
}

/// Columns of the longest actor name and of the widest date the panes show
/// at a size, after their cuts.
fn names_and_dates(app: &mut App, width: u16, height: u16) -> (usize, usize) {
    app.update(Action::Resize { width, height });
    let screen = app.screen();
    let derived = app.derived();
    let actors = actors_columns(
        derived,
        app.index().event_count_max(),
        usize::from(screen.list(Pane::Actors).width),
    );
    let timeline = timeline_columns(derived, usize::from(screen.list(Pane::Timeline).width));
    let name = derived.actor_name_max.min(actors.name.saturating_sub(1));
    let date_room = timeline.date.saturating_sub(1);
    let date = app
        .situation()
        .events
        .iter()
        .map(|e| sitrep::text::first_fitting(date_room, &e.date_labels()))
        .map(|shown| shown.chars().count())
        .max()
        .unwrap_or(0);
    (name, date)
}

#[test]
fn a_wider_screen_never_cuts_a_name_or_coarsens_a_date_it_showed_whole() {
    for text in [FIXTURE, sitrep::BUILTIN_TEXT] {
        let mut app = app(text);
        for height in [24, 40, 60] {
            let mut before = names_and_dates(&mut app, 50, height);
            for width in 51..=240 {
                let now = names_and_dates(&mut app, width, height);
                assert!(
                    now.0 >= before.0,
                    "names cut from {} to {} columns at {width}x{height}",
                    before.0,
                    now.0
                );
                assert!(
                    now.1 >= before.1,
                    "dates shortened from {} to {} columns at {width}x{height}",
                    before.1,
                    now.1
                );
                before = now;
            }
        }
    }
}

#[test]
fn a_date_too_long_for_its_column_coarsens_instead_of_being_cut() {
    let late = sitrep::load::load_str(&FIXTURE.replacen(
        "[[events]]\nid = ",
        "[[events]]\nid = \"meeting\"\ndate = \"late 2024-09\"\ntitle = \"A meeting\"\nsources = [\"moi-statement\"]\n\n[[events]]\nid = ",
        1,
    ))
    .situation
    .expect("loads");
    let meeting = late.events.iter().find(|e| e.id == "meeting").unwrap();
    assert_eq!(meeting.date_labels(), ["late Sep 2024", "Sep 2024", "2024"]);
    assert_eq!(
        sitrep::text::first_fitting(11, &meeting.date_labels()),
        "Sep 2024"
    );
}
