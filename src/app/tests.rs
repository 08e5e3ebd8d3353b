//! `update` without a terminal: keys go through the keymap as the event loop
//! sends them, and the state is checked.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::*;
use crate::doc::detail::Target;
use crate::load::load_str;

const FIXTURE: &str = include_str!("../../tests/fixtures/dashboard.toml");

fn app_with(options: Options, width: u16, height: u16) -> App {
    let situation = load_str(FIXTURE).situation.expect("the fixture loads");
    let mut app = App::new(situation, options);
    app.update(Action::Resize { width, height });
    app
}

fn app() -> App {
    app_with(Options::default(), 80, 24)
}

/// [`app_with`] once the marks against the last look are in, as the
/// terminal loop has them soon after the first frame.
fn marked_app_with(options: Options, width: u16, height: u16) -> App {
    let mut app = app_with(options, width, height);
    app.mark_now();
    app
}

/// Presses a key; true when it asks to quit.
fn press(app: &mut App, code: KeyCode) -> bool {
    press_with(app, code, KeyModifiers::NONE)
}

fn press_with(app: &mut App, code: KeyCode, modifiers: KeyModifiers) -> bool {
    let key = KeyEvent::new(code, modifiers);
    match app.keymap.action_for(app.mode(), app.view.focus, key) {
        Some(action) => app.update(action).contains(&Effect::Quit),
        None => false,
    }
}

/// The help's first line shown, while it is open.
fn help_scroll(app: &App) -> Option<usize> {
    app.view.popups.iter().rev().find_map(|p| match p {
        Popup::Help(help) => Some(help.scroll.top),
        _ => None,
    })
}

/// The help's last scroll position.
fn help_max(app: &App) -> usize {
    app.view
        .popups
        .iter()
        .rev()
        .find_map(|p| match p {
            Popup::Help(help) => Some(help.scroll.max()),
            _ => None,
        })
        .expect("help is open")
}

/// The help's text as lines, at the app's size.
fn help_lines(app: &App) -> Vec<String> {
    let space = app.screen.popups;
    let text = crate::doc::help::help_text(
        &app.theme,
        &app.keymap,
        crate::geometry::popup::help(space).text.width,
        app.data.has_map(),
        app.keys_off(),
    );
    text.lines.iter().map(|l| l.to_string()).collect()
}

/// Types text; true when a key asked to quit.
fn typing(app: &mut App, text: &str) -> bool {
    let mut quit = false;
    for c in text.chars() {
        quit |= press(app, KeyCode::Char(c));
    }
    quit
}

fn selected_event(app: &App) -> &str {
    &app.data.situation.events[app.data.selection.events[app.view.panes.timeline.cursor.selected]]
        .id
}

fn event_ids(app: &App) -> Vec<&str> {
    app.data
        .selection
        .events
        .iter()
        .map(|&e| app.data.situation.events[e].id.as_str())
        .collect()
}

fn actor(app: &App, id: &str) -> ActorIx {
    app.data.situation.actor_by_id(id).expect("a fixture actor")
}

#[test]
fn opens_on_the_latest_event_before_now_with_the_divider_in_view() {
    let app = app();
    assert_eq!(app.view.focus, Pane::Timeline);
    // Water is restored on the as-of date itself: not known to be over, so
    // it sits below the line and the cursor starts on the event before it.
    assert_eq!(selected_event(&app), "sarrin-protest");
    let divider = app
        .data
        .timeline_row_of(app.view.panes.timeline.cursor.selected)
        + 1;
    assert_eq!(app.data.timeline_event_at(divider), None);
    let below = app.data.timeline_event_at(divider + 1).expect("a row");
    let e = app.data.selection.events[below];
    assert_eq!(app.data.situation.events[e].id, "water-restored");
    let inner = app.screen.clone().list(Pane::Timeline);
    let offset = app.view.panes.timeline.cursor.offset;
    assert!(divider >= offset && divider < offset + usize::from(inner.height));
    assert!(inner.height >= 8, "the timeline shows 8 rows at 80x24");
}

#[test]
fn tab_and_numbers_move_focus_and_esc_never_quits() {
    let mut app = app();
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.view.focus, Pane::Actors);
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    // No place of this file has coordinates: no map to stop at.
    assert_eq!(app.view.focus, Pane::Figures);
    press(&mut app, KeyCode::BackTab);
    assert_eq!(app.view.focus, Pane::Quotes);
    // The tabbed layout shows the last focused of timeline/actors/quotes.
    assert_eq!(app.view.tab(), Pane::Quotes);
    press(&mut app, KeyCode::Char('2'));
    assert_eq!(app.view.focus, Pane::Timeline);
    for _ in 0..5 {
        assert!(!press(&mut app, KeyCode::Esc));
    }
    assert!(press(&mut app, KeyCode::Char('q')));
}

#[test]
fn ctrl_c_quits_even_while_typing() {
    let mut app = app();
    press(&mut app, KeyCode::Char('/'));
    assert!(press_with(
        &mut app,
        KeyCode::Char('c'),
        KeyModifiers::CONTROL
    ));
}

#[test]
fn moves_within_the_timeline_and_stays_in_bounds() {
    let mut app = app();
    press(&mut app, KeyCode::Char('g'));
    assert_eq!(selected_event(&app), "inspection-2019");
    assert_eq!(app.view.panes.timeline.cursor.offset, 0);
    press(&mut app, KeyCode::Char('k'));
    assert_eq!(selected_event(&app), "inspection-2019");
    press(&mut app, KeyCode::Char('j'));
    assert_eq!(selected_event(&app), "record-rain");
    press(&mut app, KeyCode::End);
    assert_eq!(selected_event(&app), "temporary-wall");
    press(&mut app, KeyCode::PageDown);
    assert_eq!(selected_event(&app), "temporary-wall");
    press(&mut app, KeyCode::PageUp);
    let inner = app.screen.clone().list(Pane::Timeline);
    // A page is the rows in view; the divider takes one of them.
    assert_eq!(
        app.view.panes.timeline.cursor.selected,
        app.data.selection.events.len() - 1 - usize::from(inner.height)
    );
    // The selected row is always on screen.
    let row = app
        .data
        .timeline_row_of(app.view.panes.timeline.cursor.selected);
    assert!(row >= app.view.panes.timeline.cursor.offset);
    assert!(row < app.view.panes.timeline.cursor.offset + usize::from(inner.height));
}

#[test]
fn search_narrows_as_typed_enter_keeps_it_and_esc_cancels_it() {
    let mut app = app();
    press(&mut app, KeyCode::Char('/'));
    assert_eq!(app.mode(), Mode::Search);
    typing(&mut app, "SARR");
    assert_eq!(
        event_ids(&app),
        ["dam-breach", "sarrin-protest", "water-restored"]
    );
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.mode(), Mode::Normal);
    assert_eq!(app.data.filter.search, "SARR");
    // A new search starts from the kept one; Esc goes back to it.
    press(&mut app, KeyCode::Char('/'));
    typing(&mut app, "in over");
    assert_eq!(event_ids(&app), ["sarrin-protest"]);
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.data.filter.search, "SARR");
    assert_eq!(app.data.selection.events.len(), 3);
    // Esc while browsing clears it.
    assert!(!press(&mut app, KeyCode::Esc));
    assert!(app.data.filter.search.is_empty());
    assert_eq!(app.data.selection.events.len(), 16);
}

#[test]
fn typing_keys_are_text_in_the_search() {
    let mut app = app();
    press(&mut app, KeyCode::Char('/'));
    assert!(!typing(&mut app, "q a/?"));
    assert_eq!(app.data.filter.search, "q a/?");
    press(&mut app, KeyCode::Backspace);
    assert_eq!(app.data.filter.search, "q a/");
    press_with(&mut app, KeyCode::Char('u'), KeyModifiers::CONTROL);
    assert_eq!(app.data.filter.search, "");
}

#[test]
fn the_picker_narrows_and_toggles_actors() {
    let mut app = app();
    press(&mut app, KeyCode::Char('a'));
    assert_eq!(app.mode(), Mode::Picker);
    typing(&mut app, "okon");
    let Some(Popup::Picker(picker)) = app.view.popup() else {
        panic!("the picker is open");
    };
    assert_eq!(picker.matches(), [Pick::Actor(actor(&app, "dara-okonkwo"))]);
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.data.filter.actors, [actor(&app, "dara-okonkwo")]);
    assert_eq!(event_ids(&app), ["emergency-declared", "minister-tour"]);
    // Matching by alias and by id.
    press_with(&mut app, KeyCode::Char('u'), KeyModifiers::CONTROL);
    typing(&mut app, "VRC");
    press(&mut app, KeyCode::Enter);
    press_with(&mut app, KeyCode::Char('u'), KeyModifiers::CONTROL);
    typing(&mut app, "orun-hy");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.data.filter.actors.len(), 3);
    // Enter again removes.
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.data.filter.actors.len(), 2);
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.mode(), Mode::Normal);
    press(&mut app, KeyCode::Char('c'));
    assert!(app.data.filter.is_empty());
    assert_eq!(app.data.selection.events.len(), 16);
}

#[test]
fn a_filter_takes_in_members_and_scopes_every_pane() {
    let mut app = app();
    app.update(Action::Focus(Pane::Actors));
    let ministry = app
        .data
        .derived
        .actor_order
        .iter()
        .position(|&a| a == actor(&app, "interior-ministry"))
        .unwrap();
    for _ in 0..ministry {
        press(&mut app, KeyCode::Char('j'));
    }
    press(&mut app, KeyCode::Char(' '));
    assert_eq!(app.data.filter.actors, [actor(&app, "interior-ministry")]);
    // Events of the ministry, its agency and its minister.
    assert_eq!(
        event_ids(&app),
        [
            "inspection-2019",
            "evacuation",
            "emergency-declared",
            "minister-tour",
            "sarrin-protest",
            "budget-vote"
        ]
    );
    // Quotes by the minister.
    assert_eq!(app.data.selection.quotes.len(), 2);
    assert!(app.data.selection.actors_in_scope[actor(&app, "civil-protection").get()]);
    // The cursor stayed on the ministry.
    assert_eq!(app.view.panes.actors.cursor.selected, ministry);
    press(&mut app, KeyCode::Char(' '));
    assert!(app.data.filter.actors.is_empty());
}

#[test]
fn selections_survive_a_shrinking_filter() {
    let mut app = app();
    // On "minister-tour", then filter by the minister: still selected.
    while selected_event(&app) != "minister-tour" {
        press(&mut app, KeyCode::Char('k'));
    }
    app.data.filter.toggle_actor(actor(&app, "dara-okonkwo"));
    app.refilter();
    app.relayout();
    assert_eq!(selected_event(&app), "minister-tour");
    // On "ocha-count" (gone under a search for "sarrin"): the next one stays.
    app.data.filter = Filter::default();
    app.refilter();
    app.relayout();
    while selected_event(&app) != "ocha-count" {
        press(&mut app, KeyCode::Char('j'));
    }
    press(&mut app, KeyCode::Char('/'));
    typing(&mut app, "sarrin");
    assert_eq!(selected_event(&app), "sarrin-protest");
    // Nothing left: the cursor is parked at 0 and moving does nothing.
    typing(&mut app, "zzz");
    assert!(app.data.selection.events.is_empty());
    press(&mut app, KeyCode::Down);
    assert_eq!(app.view.panes.timeline.cursor.selected, 0);
    // Backing out of the search finds the event again...
    press(&mut app, KeyCode::Backspace);
    press(&mut app, KeyCode::Backspace);
    press(&mut app, KeyCode::Backspace);
    assert_eq!(selected_event(&app), "sarrin-protest");
    // ...and cancelling it goes back to where the cursor was.
    press(&mut app, KeyCode::Esc);
    assert_eq!(selected_event(&app), "ocha-count");
}

#[test]
fn details_open_follow_actors_and_filter_by_them() {
    let mut app = app();
    while selected_event(&app) != "ocha-count" {
        press(&mut app, KeyCode::Char('k'));
    }
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.mode(), Mode::Detail);
    let page = |app: &App| match app.view.popup() {
        Some(Popup::Detail(detail)) => detail.top().clone(),
        _ => panic!("a detail is open"),
    };
    assert_eq!(
        page(&app).target,
        Target::Event(app.data.selection.events[app.view.panes.timeline.cursor.selected])
    );
    // The event names OCHA, Léa Brandt and the residents; Tab to Brandt.
    press(&mut app, KeyCode::Tab);
    assert_eq!(page(&app).link, 1);
    press(&mut app, KeyCode::Char(' '));
    assert_eq!(app.data.filter.actors, [actor(&app, "lea-brandt")]);
    press(&mut app, KeyCode::Enter);
    assert_eq!(page(&app).target, Target::Actor(actor(&app, "lea-brandt")));
    // Esc goes back a page, then closes.
    assert!(!press(&mut app, KeyCode::Esc));
    assert!(matches!(page(&app).target, Target::Event(_)));
    assert!(!press(&mut app, KeyCode::Esc));
    assert_eq!(app.mode(), Mode::Normal);
}

#[test]
fn details_of_every_kind_open() {
    let mut app = app();
    for pane in [Pane::Figures, Pane::Actors, Pane::Quotes, Pane::Timeline] {
        app.update(Action::Focus(pane));
        press(&mut app, KeyCode::Enter);
        assert_eq!(app.mode(), Mode::Detail, "{pane:?}");
        // Scrolling past the end stops there.
        for _ in 0..100 {
            press(&mut app, KeyCode::Char('j'));
        }
        press(&mut app, KeyCode::Esc);
        assert_eq!(app.mode(), Mode::Normal);
    }
}

#[test]
fn n_jumps_between_matching_actors_and_wraps() {
    let mut app = app();
    press(&mut app, KeyCode::Char('n'));
    assert!(app.view.status.as_deref().unwrap().contains("no search"));
    press(&mut app, KeyCode::Char('/'));
    typing(&mut app, "gov");
    press(&mut app, KeyCode::Enter);
    app.update(Action::Focus(Pane::Actors));
    let veloria = app
        .data
        .derived
        .actor_order
        .iter()
        .position(|&a| a == actor(&app, "veloria"))
        .unwrap();
    // "Government of Veloria" is the only actor whose name, alias or id holds "gov".
    press(&mut app, KeyCode::Char('n'));
    assert_eq!(app.view.panes.actors.cursor.selected, veloria);
    press(&mut app, KeyCode::Char('N'));
    assert_eq!(app.view.panes.actors.cursor.selected, veloria);
    assert_eq!(app.view.status.as_deref(), Some("match 1 of 1"));
}

#[test]
fn n_in_the_timeline_wraps_around() {
    let mut app = app();
    press(&mut app, KeyCode::Char('/'));
    typing(&mut app, "sarrin");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('G'));
    press(&mut app, KeyCode::Char('n'));
    assert_eq!(app.view.panes.timeline.cursor.selected, 0);
    press(&mut app, KeyCode::Char('N'));
    assert_eq!(
        app.view.panes.timeline.cursor.selected,
        app.data.selection.events.len() - 1
    );
}

#[test]
fn the_figures_grid_moves_by_card_and_by_row() {
    let mut app = app();
    press(&mut app, KeyCode::Char('1'));
    // 80 columns hold four cards a row: six cards are two rows, one in view.
    let grid = app.screen.cards;
    assert_eq!((grid.per_row, grid.visible_rows), (4, 1));
    press(&mut app, KeyCode::Char('l'));
    assert_eq!(app.view.panes.figures.cursor.selected, 1);
    press(&mut app, KeyCode::Char('j'));
    assert_eq!(app.view.panes.figures.cursor.selected, 5);
    assert_eq!(app.view.panes.figures.cursor.offset, 1);
    press(&mut app, KeyCode::Char('j'));
    assert_eq!(app.view.panes.figures.cursor.selected, 5);
    press(&mut app, KeyCode::Char('k'));
    assert_eq!(app.view.panes.figures.cursor.selected, 1);
    assert_eq!(app.view.panes.figures.cursor.offset, 0);
    press(&mut app, KeyCode::Char('G'));
    assert_eq!(app.view.panes.figures.cursor.selected, 5);
}

#[test]
fn zoom_gives_the_pane_the_screen_and_esc_leaves_it() {
    let mut app = app();
    let before = app.screen.clone().list(Pane::Timeline);
    press(&mut app, KeyCode::Char('z'));
    let zoomed = app.screen.clone();
    assert!(zoomed.list(Pane::Timeline).height > before.height);
    assert!(zoomed.visible(Pane::Figures).is_none());
    press(&mut app, KeyCode::Esc);
    assert!(!app.view.zoom);
}

#[test]
fn clicks_focus_select_and_remove_chips() {
    let mut app = app_with(Options::default(), 140, 45);
    let screen = app.screen.clone();
    let actors = screen.list(Pane::Actors);
    app.update(Action::Click {
        column: actors.x + 3,
        row: actors.y + 2,
    });
    assert_eq!(app.view.focus, Pane::Actors);
    assert_eq!(app.view.panes.actors.cursor.selected, 2);
    // A second click on the selected row opens it.
    app.update(Action::Click {
        column: actors.x + 3,
        row: actors.y + 2,
    });
    assert_eq!(app.mode(), Mode::Detail);
    // A click outside a popup closes it.
    app.update(Action::Click { column: 0, row: 0 });
    assert_eq!(app.mode(), Mode::Normal);

    app.data.filter.toggle_actor(actor(&app, "un"));
    app.refilter();
    app.relayout();
    assert_eq!(selected_event(&app), "donor-conference");
    let chips = crate::geometry::header::chips(&app.data, screen.header);
    assert_eq!(chips.len(), 1);
    let (rect, _) = chips[0];
    app.update(Action::Click {
        column: rect.x + 1,
        row: rect.y,
    });
    assert!(app.data.filter.actors.is_empty());

    let timeline = screen.list(Pane::Timeline);
    app.update(Action::Scroll {
        column: timeline.x + 1,
        row: timeline.y + 1,
        down: false,
    });
    // Filtering by the UN moved the cursor to the next UN event (the donor
    // conference), where it stayed; the wheel moves it three up.
    assert_eq!(selected_event(&app), "water-restored");
}

#[test]
fn tabs_are_clickable_in_the_small_layout() {
    let mut app = app();
    let screen = app.screen.clone();
    let crate::geometry::Tab { rect, pane, .. } = screen.tabs[2].clone();
    assert_eq!(pane, Pane::Quotes);
    app.update(Action::Click {
        column: rect.x,
        row: rect.y,
    });
    assert_eq!(app.view.focus, Pane::Quotes);
    assert_eq!(app.view.tab(), Pane::Quotes);
}

#[test]
fn starts_with_the_actors_given() {
    let options = Options {
        filter: Filter {
            actors: vec![ActorIx::new(6)],
            ..Filter::default()
        },
        ..Options::default()
    };
    let app = app_with(options, 80, 24);
    assert_eq!(&*app.data.situation.actors[6].id, "lea-brandt");
    assert_eq!(event_ids(&app), ["ocha-count"]);
    assert_eq!(selected_event(&app), "ocha-count");
}

#[test]
fn mouse_capture_toggles() {
    let mut app = app();
    assert!(app.mouse);
    press(&mut app, KeyCode::Char('m'));
    assert!(!app.mouse);
    assert!(app.view.status.is_some());
}

#[test]
fn help_opens_scrolls_and_closes() {
    let mut app = app();
    press(&mut app, KeyCode::Char('?'));
    assert_eq!(app.mode(), Mode::Help);
    for _ in 0..200 {
        press(&mut app, KeyCode::Char('j'));
    }
    let Some(scroll) = help_scroll(&app) else {
        panic!("help is open");
    };
    let max = help_max(&app);
    assert_eq!(scroll, max);
    press(&mut app, KeyCode::Char('?'));
    assert_eq!(app.mode(), Mode::Normal);
}

#[test]
fn a_resize_keeps_the_selection_in_view() {
    let mut app = app_with(Options::default(), 140, 45);
    press(&mut app, KeyCode::Char('G'));
    app.update(Action::Resize {
        width: 60,
        height: 16,
    });
    let inner = app.screen.clone().list(Pane::Timeline);
    let row = app
        .data
        .timeline_row_of(app.view.panes.timeline.cursor.selected);
    assert!(row >= app.view.panes.timeline.cursor.offset);
    assert!(row < app.view.panes.timeline.cursor.offset + usize::from(inner.height));
}

// Reloads: the same view over new data, matched by id.

use crate::reload::{Outcome, Problem};

/// The fixture with an actor, an event and a quote added before all
/// others, so every index moves.
fn shifted_text() -> String {
    FIXTURE
        .replacen(
            "[[actors]]",
            "[[actors]]\nid = \"newcomer\"\nname = \"A Newcomer\"\nkind = \"person\"\n\n[[actors]]",
            1,
        )
        .replacen(
            "[[events]]",
            "[[events]]\nid = \"early\"\ndate = 2025-01-01\ntitle = \"An early event\"\n\
             actors = [\"newcomer\"]\nsources = [\"moi-statement\"]\n\n[[events]]",
            1,
        )
        .replacen(
            "[[quotes]]",
            "[[quotes]]\nspeaker = \"newcomer\"\ntext = \"First!\"\nsources = [\"moi-statement\"]\n\n[[quotes]]",
            1,
        )
}

fn situation(text: &str) -> Situation {
    let report = load_str(text);
    let errors: Vec<String> = report.errors().map(|d| d.message.clone()).collect();
    report.situation.unwrap_or_else(|| panic!("{errors:?}"))
}

/// The text without the `[[events]]` table of the event `id`.
fn without_event(text: &str, id: &str) -> String {
    let start = text
        .find(&format!("[[events]]\nid = \"{id}\""))
        .expect("the event");
    let end = start + 1 + text[start + 1..].find("\n[[").expect("a table after it");
    format!("{}{}", &text[..start], &text[end + 1..])
}

fn reload(app: &mut App, text: &str) {
    app.reloaded(Outcome::Loaded {
        situation: Box::new(situation(text)),
        warnings: 0,
    });
}

fn selected_actor(app: &App) -> &str {
    &app.data.situation.actors[app.data.actors_listed()[app.view.panes.actors.cursor.selected]].id
}

fn selected_quote(app: &App) -> Option<&str> {
    app.data.situation.quotes[app.data.selection.quotes[app.view.panes.quotes.cursor.selected]]
        .id
        .as_deref()
}

#[test]
fn a_reload_keeps_selection_filter_search_focus_and_zoom_by_id() {
    let mut app = app();
    press(&mut app, KeyCode::Char('a'));
    typing(&mut app, "okon");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('/'));
    typing(&mut app, "a");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('G'));
    let event = selected_event(&app).to_string();
    press(&mut app, KeyCode::Char('4'));
    press(&mut app, KeyCode::Char('G'));
    let quote = selected_quote(&app).map(String::from);
    press(&mut app, KeyCode::Char('3'));
    for _ in 0..4 {
        press(&mut app, KeyCode::Char('j'));
    }
    let actor = selected_actor(&app).to_string();
    press(&mut app, KeyCode::Char('z'));

    reload(&mut app, &shifted_text());
    assert_eq!(
        &*app.data.situation.actors[0].id, "newcomer",
        "indices moved"
    );
    let filter: Vec<&str> = app
        .data
        .filter
        .actors
        .iter()
        .map(|&a| &*app.data.situation.actors[a].id)
        .collect();
    assert_eq!(filter, ["dara-okonkwo"]);
    assert_eq!(app.data.filter.search, "a");
    assert_eq!(selected_event(&app), event);
    assert_eq!(selected_quote(&app).map(String::from), quote);
    assert_eq!(selected_actor(&app), actor);
    assert_eq!(app.view.focus, Pane::Actors);
    assert!(app.view.zoom);
    assert!(
        app.view.status.as_deref().unwrap().starts_with("reloaded"),
        "{:?}",
        app.view.status
    );
}

#[test]
fn a_reload_keeps_the_selected_row_where_it_was_on_screen() {
    let row = |app: &App| {
        app.data
            .timeline_row_of(app.view.panes.timeline.cursor.selected)
            - app.view.panes.timeline.cursor.offset
    };
    // Six events more before the one selected, which sits mid-screen.
    let early: String = (0..6)
        .map(|i| {
            format!(
                "[[events]]\nid = \"early-{i}\"\ndate = 2025-01-0{}\ntitle = \"Early {i}\"\n\
                 sources = [\"moi-statement\"]\n\n",
                i + 1
            )
        })
        .collect();
    let more = FIXTURE.replacen("[[events]]", &format!("{early}[[events]]"), 1);
    for keys in [&[KeyCode::Char('G')][..], &[KeyCode::Char('g')][..]] {
        let mut app = app();
        for &code in keys {
            press(&mut app, code);
        }
        for _ in 0..4 {
            press(
                &mut app,
                KeyCode::Char(if keys[0] == KeyCode::Char('G') {
                    'k'
                } else {
                    'j'
                }),
            );
        }
        let event = selected_event(&app).to_string();
        let before = row(&app);
        reload(&mut app, &more);
        assert_eq!(selected_event(&app), event);
        assert_eq!(row(&app), before, "{keys:?}");
    }
}

#[test]
fn what_is_gone_falls_back_to_its_place_and_is_told() {
    let mut app = App::new(
        situation(&shifted_text()),
        Options {
            filter: Filter {
                actors: vec![ActorIx::new(0)],
                ..Filter::default()
            },
            ..Options::default()
        },
    );
    app.update(Action::Resize {
        width: 80,
        height: 24,
    });
    assert_eq!(event_ids(&app), ["early"]);
    reload(&mut app, FIXTURE);
    assert!(app.data.filter.actors.is_empty());
    let status = app.view.status.clone().unwrap();
    assert!(
        status.contains("no longer in the file: newcomer"),
        "{status}"
    );

    // The selected event removed: the cursor stays at its position.
    let mut app = self::app();
    press(&mut app, KeyCode::Char('j'));
    assert_eq!(selected_event(&app), "water-restored");
    reload(&mut app, &without_event(FIXTURE, "water-restored"));
    assert_eq!(selected_event(&app), "budget-vote");
}

#[test]
fn an_open_detail_follows_its_item_or_closes_when_it_is_gone() {
    let mut app = app();
    press(&mut app, KeyCode::Char('j'));
    press(&mut app, KeyCode::Enter);
    reload(&mut app, &shifted_text());
    let Some(Popup::Detail(detail)) = app.view.popup() else {
        panic!("the detail closed: {:?}", app.view.popup());
    };
    let Target::Event(e) = detail.pages[0].target else {
        panic!("{:?}", detail.pages);
    };
    assert_eq!(app.data.situation.events[e].id, "water-restored");
    reload(&mut app, &without_event(FIXTURE, "water-restored"));
    assert!(app.view.popup().is_none());
    assert!(app.view.status.as_deref().unwrap().contains("gone"));
}

#[test]
fn quotes_without_ids_are_matched_by_speaker_and_words() {
    let mut app = App::new(situation(&shifted_text()), Options::default());
    app.update(Action::Resize {
        width: 80,
        height: 24,
    });
    press(&mut app, KeyCode::Char('4'));
    // Undated, so last in the pane's date order.
    press(&mut app, KeyCode::Char('G'));
    assert_eq!(selected_quote(&app), None, "the quote with no id");
    // The quote moves to the end of the file: found all the same.
    let moved = shifted_text().replacen(
        "[[quotes]]\nspeaker = \"newcomer\"\ntext = \"First!\"\nsources = [\"moi-statement\"]\n\n",
        "",
        1,
    ) + "\n[[quotes]]\nspeaker = \"newcomer\"\ntext = \"First!\"\nsources = [\"moi-statement\"]\n";
    reload(&mut app, &moved);
    let q = app.data.selection.quotes[app.view.panes.quotes.cursor.selected];
    assert_eq!(app.data.situation.quotes[q].text, "First!");
    assert_eq!(q.get(), app.data.situation.quotes.len() - 1);
}

#[test]
fn a_save_that_does_not_load_keeps_the_data_until_one_does() {
    let mut app = app();
    // The selected row at the bottom, where the banner's rows would hide it.
    press(&mut app, KeyCode::Char('G'));
    let event = selected_event(&app).to_string();
    let problem = Problem {
        first: "x.toml:3:9: TOML syntax: invalid string".into(),
        more: 2,
        report: "x.toml: not valid, 3 errors".into(),
    };
    app.reloaded(Outcome::Failed(problem.clone()));
    assert_eq!(app.problem, Some(problem));
    assert_eq!(selected_event(&app), event);
    assert_eq!(app.data.situation.events.len(), 16);
    // The banner takes rows, the timeline keeps its minimum.
    let screen = app.screen.clone();
    assert_eq!(screen.banner.height, 2);
    let height = usize::from(screen.list(Pane::Timeline).height);
    assert!(height >= usize::from(crate::geometry::TIMELINE_MIN_ROWS));
    let row = app
        .data
        .timeline_row_of(app.view.panes.timeline.cursor.selected);
    assert!(
        (app.view.panes.timeline.cursor.offset..app.view.panes.timeline.cursor.offset + height)
            .contains(&row)
    );

    reload(&mut app, &shifted_text());
    assert_eq!(app.problem, None);
    assert_eq!(app.data.situation.events.len(), 17);
    assert_eq!(selected_event(&app), event);
}

#[test]
fn bang_shows_the_failed_save_s_whole_report_until_a_save_loads() {
    let mut app = app();
    press(&mut app, KeyCode::Char('!'));
    assert!(app.view.popups.is_empty());
    assert_eq!(
        app.view.status.as_deref(),
        Some("built-in situation: no report to show")
    );
    let report: String = (1..=40).map(|n| format!("error {n}\n")).collect();
    let failed = |report: &str| {
        Outcome::Failed(Problem {
            first: "x.toml:3:9: error 1".into(),
            more: 39,
            report: report.into(),
        })
    };
    app.reloaded(failed(&report));
    press(&mut app, KeyCode::Char('!'));
    assert_eq!(app.mode(), Mode::Report);
    let Some(Popup::Report(open)) = app.view.popups.last() else {
        panic!("no report open");
    };
    assert_eq!(open.lines.first().map(String::as_str), Some("error 1"));
    // Longer than the popup: it scrolls to the last line.
    assert!(open.scroll.height < 40);
    press(&mut app, KeyCode::Char('G'));
    let Some(Popup::Report(open)) = app.view.popups.last() else {
        panic!("no report open");
    };
    assert_eq!(open.scroll.top + open.scroll.height, 40);
    // A later failed save: the open report tells that one.
    app.reloaded(failed("error again\n"));
    let Some(Popup::Report(open)) = app.view.popups.last() else {
        panic!("the report closed");
    };
    assert_eq!(open.lines, ["error again"]);
    // A save that loads: nothing left to explain.
    reload(&mut app, &shifted_text());
    assert!(app.view.popups.is_empty());
    assert_eq!(app.mode(), Mode::Normal);
}

#[test]
fn r_reloads_a_file_and_says_so_for_the_built_in_situation() {
    let mut app = app();
    press(&mut app, KeyCode::Char('r'));
    assert_eq!(
        app.view.status.as_deref(),
        Some("built-in situation: nothing to reload")
    );
    let mut app = app_with(
        Options {
            file: Some("x.toml".into()),
            ..Options::default()
        },
        80,
        24,
    );
    press(&mut app, KeyCode::Char('r'));
    assert_eq!(app.view.status.as_deref(), Some("reloading x.toml…"));
}

#[test]
fn a_reload_keeps_the_selected_key_figure_by_id() {
    let mut app = app();
    press(&mut app, KeyCode::Char('1'));
    press(&mut app, KeyCode::Char('l'));
    press(&mut app, KeyCode::Char('l'));
    let metric = app.data.situation.metrics[app.view.panes.figures.cursor.selected]
        .id
        .clone();
    let more = FIXTURE.replacen(
        "[[metrics]]",
        "[[metrics]]\nid = \"first\"\nlabel = \"A new first figure\"\nvalue = 1\n\
         source = \"moi-statement\"\n\n[[metrics]]",
        1,
    );
    reload(&mut app, &more);
    assert_eq!(app.data.situation.metrics[0].id, "first", "indices moved");
    assert_eq!(
        app.data.situation.metrics[app.view.panes.figures.cursor.selected].id,
        metric
    );
    assert_eq!(app.view.focus, Pane::Figures);
}

#[test]
fn keys_do_nothing_while_the_terminal_is_too_small() {
    let mut app = app();
    app.data.filter.toggle_actor(actor(&app, "un"));
    app.refilter();
    app.relayout();
    let before = (app.data.filter.clone(), app.view.clone());
    app.update(Action::Resize {
        width: 30,
        height: 10,
    });
    assert_eq!(app.mode(), Mode::TooSmall);
    for code in [
        KeyCode::Char('a'),
        KeyCode::Char('m'),
        KeyCode::Char('s'),
        KeyCode::Char('s'),
        KeyCode::Enter,
        KeyCode::Esc,
        KeyCode::Tab,
        KeyCode::Enter,
        KeyCode::Char('c'),
        KeyCode::Char('/'),
        KeyCode::Char('z'),
        KeyCode::Char('j'),
    ] {
        press(&mut app, code);
    }
    app.update(Action::Scroll {
        column: 5,
        row: 5,
        down: true,
    });
    app.update(Action::Click { column: 5, row: 5 });
    app.update(Action::Resize {
        width: 80,
        height: 24,
    });
    assert_eq!((app.data.filter.clone(), app.view.clone()), before);
    // Quitting still works, with q as the warning says and with Ctrl-C.
    app.update(Action::Resize {
        width: 30,
        height: 10,
    });
    assert!(press(&mut app, KeyCode::Char('q')));
    let mut app = app_with(Options::default(), 30, 10);
    press(&mut app, KeyCode::Char('/'));
    assert!(press_with(
        &mut app,
        KeyCode::Char('c'),
        KeyModifiers::CONTROL
    ));
}

/// A detail page's text at a width where nothing wraps, its `link`th
/// link selected.
fn detail_text_at(app: &App, target: Target, link: usize) -> String {
    let doc = crate::doc::detail::document(&app.data, &app.theme, target, link, 200);
    doc.lines
        .iter()
        .map(|line| line.spans.iter().map(|s| s.content.as_ref()).collect())
        .collect::<Vec<String>>()
        .join("\n")
}

/// A detail page's text, nothing selected.
fn detail_text(app: &App, target: Target) -> String {
    detail_text_at(app, target, 0)
}

fn metric(app: &App, id: &str) -> Target {
    Target::Metric(
        app.data
            .situation
            .metrics
            .iter()
            .position(|m| m.id == id)
            .map(MetricIx::new)
            .expect("a fixture metric"),
    )
}

#[test]
fn a_day_count_says_between_which_dates_it_counts() {
    let app = app();
    let since = detail_text(&app, metric(&app, "since-breach"));
    assert!(
        since.contains(
            "Counted    from 27 Feb 2025 (Orun dam breaches; floodwater reaches three towns) \
             to 14 Mar 2025, the as-of date"
        ),
        "{since}"
    );
    assert!(!since.contains("As of"), "{since}");
    let until = detail_text(&app, metric(&app, "emergency-left"));
    assert!(
        until.contains("Counted    from 14 Mar 2025, the as-of date, to 31 Mar 2025 ("),
        "{until}"
    );
    assert!(!until.contains("As of"), "{until}");
}

#[test]
fn a_figure_is_as_old_as_its_date_can_tell() {
    let app = app();
    let exact = detail_text(&app, metric(&app, "displaced"));
    assert!(
        exact.contains("As of      10 Mar 2025 (4 days before the as-of date)"),
        "{exact}"
    );
    let early_march = detail_text(&app, metric(&app, "shelters"));
    assert!(
        early_march.contains("As of      early Mar 2025 (4–13 days before the as-of date)"),
        "{early_march}"
    );
}

fn top_page(app: &App) -> DetailPage {
    match app.view.popup() {
        Some(Popup::Detail(detail)) => detail.top().clone(),
        _ => panic!("a detail is open"),
    }
}

fn select_quote(app: &mut App, id: &str) {
    press(app, KeyCode::Char('4'));
    press(app, KeyCode::Char('g'));
    while app.data.situation.quotes
        [app.data.selection.quotes[app.view.panes.quotes.cursor.selected]]
        .id
        .as_deref()
        != Some(id)
    {
        press(app, KeyCode::Char('j'));
    }
}

#[test]
fn an_actor_shows_quotes_by_it_and_about_it() {
    let app = app();
    let residents = detail_text(&app, Target::Actor(actor(&app, "residents")));
    assert!(residents.contains("Quotes about (3)"), "{residents}");
    assert!(
        residents.contains("I understand the anger in Sarrin"),
        "{residents}"
    );
    assert!(!residents.contains("Quotes by"), "{residents}");
    assert!(!residents.contains("their own pages"), "{residents}");
    let minister = detail_text(&app, Target::Actor(actor(&app, "dara-okonkwo")));
    assert!(minister.contains("Quotes by (2)"), "{minister}");
    // An actor with members says its quotes are its own.
    let ministry = detail_text(&app, Target::Actor(actor(&app, "interior-ministry")));
    assert!(
        ministry.contains("Quotes by or about its members are on their own pages."),
        "{ministry}"
    );
}

#[test]
fn a_quote_links_to_its_event() {
    let mut app = app();
    select_quote(&mut app, "okonkwo-sarrin");
    press(&mut app, KeyCode::Enter);
    // Speaker, the residents it is about, then its event: Shift-Tab wraps to it.
    press(&mut app, KeyCode::BackTab);
    let sarrin = app.data.situation.event_by_id("sarrin-protest").unwrap();
    press(&mut app, KeyCode::Char(' '));
    assert!(
        app.data.filter.actors.is_empty(),
        "an event is not a filter"
    );
    press(&mut app, KeyCode::Enter);
    assert_eq!(top_page(&app).target, Target::Event(sarrin));
    press(&mut app, KeyCode::Esc);
    assert!(matches!(top_page(&app).target, Target::Quote(_)));
}

fn depth(app: &App) -> usize {
    match app.view.popup() {
        Some(Popup::Detail(detail)) => detail.pages.len(),
        _ => 0,
    }
}

#[test]
fn enter_on_the_item_a_page_shows_opens_nothing_new() {
    let mut app = app();
    app.update(Action::Focus(Pane::Actors));
    press(&mut app, KeyCode::Enter);
    // The actor's own line is its page's first link.
    for _ in 0..3 {
        press(&mut app, KeyCode::Enter);
    }
    assert_eq!(depth(&app), 1);
    // Another actor on the page still opens: one deeper, once.
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Enter);
    assert_eq!(depth(&app), 2);
    press(&mut app, KeyCode::Enter);
    assert_eq!(depth(&app), 2);
}

#[test]
fn help_opens_from_any_mode_and_esc_goes_back_there() {
    let mut app = app();
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Tab);
    let page = top_page(&app);
    press(&mut app, KeyCode::Char('?'));
    assert_eq!(app.mode(), Mode::Help);
    press(&mut app, KeyCode::Char('j'));
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.mode(), Mode::Detail);
    assert_eq!(top_page(&app), page);
    press(&mut app, KeyCode::Esc);
    // While typing, ? is text and F1 opens help; the search survives it.
    press(&mut app, KeyCode::Char('/'));
    typing(&mut app, "dam?");
    press(&mut app, KeyCode::F(1));
    assert_eq!(app.mode(), Mode::Help);
    press(&mut app, KeyCode::F(1));
    assert_eq!(app.mode(), Mode::Search);
    assert_eq!(app.data.filter.search, "dam?");
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('a'));
    press(&mut app, KeyCode::F(1));
    assert_eq!(app.mode(), Mode::Help);
    press(&mut app, KeyCode::Char('?'));
    assert_eq!(app.mode(), Mode::Picker);
    press(&mut app, KeyCode::Esc);
    // A click outside help closes help only.
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('?'));
    app.update(Action::Click { column: 0, row: 0 });
    assert_eq!(app.mode(), Mode::Detail);
}

#[test]
fn help_jumps_to_either_end_and_a_resize_keeps_its_scroll_in_range() {
    let mut app = app();
    press(&mut app, KeyCode::Char('?'));
    press(&mut app, KeyCode::Char('G'));
    let bottom = help_scroll(&app).unwrap();
    assert!(bottom > 0);
    press(&mut app, KeyCode::Char('g'));
    assert_eq!(help_scroll(&app), Some(0));
    press(&mut app, KeyCode::End);
    assert_eq!(help_scroll(&app), Some(bottom));
    press(&mut app, KeyCode::Home);
    assert_eq!(help_scroll(&app), Some(0));
    press(&mut app, KeyCode::End);
    // Taller: fewer lines are hidden, so the last page starts higher.
    app.update(Action::Resize {
        width: 80,
        height: 60,
    });
    let max = help_max(&app);
    assert_eq!(help_scroll(&app), Some(max));
    assert!(max < bottom);
    // One key up moves what is seen.
    press(&mut app, KeyCode::Char('k'));
    assert_eq!(help_scroll(&app), Some(max.saturating_sub(1)));
}

fn quote_ids(app: &App) -> Vec<&str> {
    app.data
        .selection
        .quotes
        .iter()
        .map(|&q| {
            app.data.situation.quotes[q]
                .id
                .as_deref()
                .unwrap_or_default()
        })
        .collect()
}

#[test]
fn quotes_go_by_their_own_date_undated_last() {
    let file = FIXTURE
        // Said later than the file lists it.
        .replace(
            "date = 2025-03-01\ncontext = \"Declaring",
            "date = 2025-03-13\ncontext = \"Declaring",
        )
        // No date of its own and no event: undated, last.
        .replace(
            "date = \"early 2025-03\"\nabout = [\"red-crescent\"]",
            "about = [\"red-crescent\"]",
        )
        // No date of its own: its event (10 Mar) does not date it, so it
        // is undated too and comes last, after the other in file order.
        .replace(
            "date = 2025-03-10\nabout = [\"residents\"]\nevent = \"ocha-count\"",
            "about = [\"residents\"]\nevent = \"ocha-count\"",
        );
    assert_ne!(file, FIXTURE);
    let situation = load_str(&file).situation.expect("still loads");
    let mut app = App::new(situation, Options::default());
    app.update(Action::Resize {
        width: 80,
        height: 24,
    });
    let order = [
        "okonkwo-sarrin",
        "okonkwo-no-family",
        "vrc-volunteers",
        "brandt-water",
    ];
    assert_eq!(quote_ids(&app), order);
    // Filtering keeps the order, and the cursor on its quote.
    press(&mut app, KeyCode::Char('4'));
    press(&mut app, KeyCode::Char('j'));
    press(&mut app, KeyCode::Char('/'));
    typing(&mut app, "okonkwo");
    assert_eq!(quote_ids(&app), ["okonkwo-sarrin", "okonkwo-no-family"]);
    assert_eq!(
        quote_ids(&app)[app.view.panes.quotes.cursor.selected],
        "okonkwo-no-family"
    );
    press(&mut app, KeyCode::Enter);
    // n walks the pane's order, round to the first.
    press(&mut app, KeyCode::Char('n'));
    assert_eq!(
        quote_ids(&app)[app.view.panes.quotes.cursor.selected],
        "okonkwo-sarrin"
    );
    // Details list quotes in the same order, and say which are undated.
    let residents = detail_text(&app, Target::Actor(actor(&app, "residents")));
    let at = |text: &str| residents.find(text).expect(text);
    assert!(at("I understand the anger") < at("No family in the Kessa Valley"));
    assert!(at("No family in the Kessa Valley") < at("The numbers are still rising"));
    assert!(residents.contains("— Léa Brandt, undated"), "{residents}");
}

#[test]
fn only_an_actor_with_members_counts_their_events() {
    let app = app();
    let minister = detail_text(&app, Target::Actor(actor(&app, "dara-okonkwo")));
    assert!(minister.contains("Events     2\n"), "{minister}");
    assert!(!minister.contains("with its members"), "{minister}");
    let ministry = detail_text(&app, Target::Actor(actor(&app, "interior-ministry")));
    assert!(ministry.contains(" (with its members)"), "{ministry}");
}

#[test]
fn an_attribution_cuts_the_name_before_the_date() {
    let app = app();
    let q = app
        .data
        .situation
        .quotes
        .iter()
        .position(|q| q.id.as_deref() == Some("okonkwo-sarrin"))
        .map(QuoteIx::new)
        .unwrap();
    assert_eq!(
        crate::geometry::quotes::attribution(&app.data.situation, q, 40),
        "— Dara Okonkwo, 12 Mar 2025"
    );
    assert_eq!(
        crate::geometry::quotes::attribution(&app.data.situation, q, 24),
        "— Dara Oko…, 12 Mar 2025"
    );
}

#[test]
fn an_actors_events_and_quotes_are_links_tab_reaches() {
    let mut app = app_with(Options::default(), 200, 60);
    let minister = actor(&app, "dara-okonkwo");
    app.view
        .popups
        .push(Popup::Detail(DetailPopup::new(Target::Actor(minister))));
    app.relayout();
    let page = top_page(&app);
    let doc = crate::doc::detail::document(&app.data, &app.theme, page.target, page.link, 200);
    let events: Vec<Target> = (doc.links.iter())
        .filter(|l| matches!(l.target, Target::Event(_)))
        .map(|l| l.target)
        .collect();
    let quotes = (doc.links.iter())
        .filter(|l| matches!(l.target, Target::Quote(_)))
        .count();
    assert!(events.len() >= 2, "{:?}", doc.links);
    assert_eq!(quotes, 2, "its two quotes: {:?}", doc.links);
    // Tab from the actor's own line reaches its first event, marked ▶, and
    // Enter opens it.
    let first_event = doc
        .links
        .iter()
        .position(|l| matches!(l.target, Target::Event(_)))
        .unwrap();
    for _ in 0..first_event {
        press(&mut app, KeyCode::Tab);
    }
    let text = detail_text_of(&app, &top_page(&app));
    let selected = text.lines().find(|l| l.starts_with("▶ ")).unwrap();
    let Target::Event(e) = events[0] else {
        unreachable!()
    };
    assert!(
        selected.contains(app.data.situation.events[e].title.as_str()),
        "{selected}"
    );
    press(&mut app, KeyCode::Enter);
    assert_eq!(top_page(&app).target, events[0]);
    press(&mut app, KeyCode::Esc);
    // Shift-Tab wraps to the last link, a quote, which opens too.
    while top_page(&app).link != 0 {
        press(&mut app, KeyCode::BackTab);
    }
    press(&mut app, KeyCode::BackTab);
    press(&mut app, KeyCode::Enter);
    assert!(matches!(top_page(&app).target, Target::Quote(_)));
    assert_eq!(depth(&app), 2);
}

/// A page's text as drawn with its selection, at a width where nothing wraps.
fn detail_text_of(app: &App, page: &DetailPage) -> String {
    detail_text_at(app, page.target, page.link)
}

#[test]
fn a_date_around_the_as_of_date_claims_nothing_about_starting() {
    let app = App::new(situation(crate::BUILTIN_TEXT), Options::default());
    let s = &app.data.situation;
    let e = (s.event_ixs())
        .find(|&e| {
            let e = &s.events[e];
            e.tense(s.as_of) == crate::model::Tense::Ongoing && e.last_day() > s.as_of
        })
        .expect("the built-in file's late-September meeting");
    let text = detail_text(&app, Target::Event(e));
    assert!(
        text.contains("(its dates include the as-of date)"),
        "{text}"
    );
    assert!(!text.contains("under way"), "{text}");
    let help: String = help_lines(&app).concat();
    assert!(help.contains("its dates include the as-of date"), "{help}");
}

#[test]
fn space_on_an_actor_says_how_many_events_the_filter_shows() {
    let mut app = app();
    press(&mut app, KeyCode::Char('3'));
    press(&mut app, KeyCode::Char(' '));
    let status = app.view.status.clone().unwrap_or_default();
    let shown = app.data.selection.events.len();
    assert_eq!(
        status,
        format!("+ Government of Veloria · {shown} events shown")
    );
}

#[test]
fn help_opens_at_the_section_of_what_is_open() {
    let mut app = app_with(Options::default(), 80, 24);
    let title_at_top = |app: &App| -> String {
        let scroll = help_scroll(app).expect("help is open");
        help_lines(app)[scroll].clone()
    };
    press(&mut app, KeyCode::Char('?'));
    assert_eq!(help_scroll(&app), Some(0));
    assert_eq!(title_at_top(&app), "Browsing");
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('?'));
    assert_eq!(title_at_top(&app), "Detail");
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('/'));
    press(&mut app, KeyCode::F(1));
    assert_eq!(title_at_top(&app), "Typing a search");
    press(&mut app, KeyCode::F(1));
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('a'));
    press(&mut app, KeyCode::F(1));
    assert_eq!(title_at_top(&app), "Actor picker");
}

/// A file whose quotes, events and actors are listed out of the order the
/// dashboard shows them in: quotes and events not by date, a member before
/// the actor it is part of.
const OUT_OF_ORDER: &str = r#"
[situation]
title = "Out of order"
as_of = 2025-06-30

[[sources]]
id = "s"
title = "A source"

[[actors]]
id = "member"
name = "Member"
kind = "organization"
part_of = "parent"

[[actors]]
id = "other"
name = "Other"
kind = "person"

[[actors]]
id = "parent"
name = "Parent"
kind = "organization"

[[events]]
id = "june"
date = 2025-06-10
title = "June"
actors = ["member"]
sources = ["s"]

[[events]]
id = "january"
date = 2025-01-10
title = "January"
actors = ["other"]
sources = ["s"]

[[events]]
id = "march"
date = 2025-03-10
title = "March"
actors = ["parent"]
sources = ["s"]

[[quotes]]
id = "q-june"
speaker = "member"
text = "Said in June."
date = 2025-06-01
sources = ["s"]

[[quotes]]
id = "q-january"
speaker = "other"
text = "Said in January."
date = 2025-01-01
sources = ["s"]

[[quotes]]
id = "q-march"
speaker = "parent"
text = "Said in March."
date = 2025-03-01
sources = ["s"]
"#;

#[test]
fn a_reload_keeps_every_cursor_on_its_item_when_the_file_lists_them_out_of_order() {
    let text = OUT_OF_ORDER;
    let mut app = App::new(situation(text), Options::default());
    app.update(Action::Resize {
        width: 120,
        height: 40,
    });
    // Every item of each list in turn, so no position happens to agree.
    for position in 0..3 {
        app.view.panes.quotes.cursor.selected = position;
        app.view.panes.timeline.cursor.selected = position;
        app.view.panes.actors.cursor.selected = position;
        app.relayout();
        let before = (
            selected_quote(&app).map(str::to_string),
            selected_event(&app).to_string(),
            selected_actor(&app).to_string(),
        );
        // A save that adds a quote and an event at the top of the file.
        let saved = text.replacen(
            "[[events]]",
            "[[events]]\nid = \"may\"\ndate = 2025-05-01\ntitle = \"May\"\nsources = [\"s\"]\n\n[[events]]",
            1,
        );
        let saved = saved.replacen(
            "[[quotes]]",
            "[[quotes]]\nid = \"q-may\"\nspeaker = \"other\"\ntext = \"Said in May.\"\ndate = 2025-05-01\nsources = [\"s\"]\n\n[[quotes]]",
            1,
        );
        reload(&mut app, &saved);
        let after = (
            selected_quote(&app).map(str::to_string),
            selected_event(&app).to_string(),
            selected_actor(&app).to_string(),
        );
        assert_eq!(after, before, "position {position}");
        // And back to the file as it was.
        reload(&mut app, text);
        assert_eq!(selected_quote(&app).map(str::to_string), before.0);
    }
    // The quotes pane shows them by date, not as the file lists them.
    let shown: Vec<&str> = (app.data.selection.quotes.iter())
        .filter_map(|&q| app.data.situation.quotes[q].id.as_deref())
        .collect();
    assert_eq!(shown, ["q-january", "q-march", "q-june"]);
}

/// The built-in situation, which has places, at a size.
fn builtin_app(width: u16, height: u16) -> App {
    let situation = load_str(crate::BUILTIN_TEXT)
        .situation
        .expect("the built-in situation loads");
    let mut app = App::new(situation, Options::default());
    app.update(Action::Resize { width, height });
    app
}

#[test]
fn the_map_zooms_pans_and_fits_again_with_its_keys() {
    let mut app = builtin_app(120, 40);
    press(&mut app, KeyCode::Char('5'));
    assert_eq!(app.view.focus, Pane::Map);
    let map = &app.view.panes.map;
    assert!(
        map.fitted && map.grid.cols > 20 && map.grid.rows > 5,
        "{:?}",
        map.grid
    );
    let fitted = map.view;
    press(&mut app, KeyCode::Char('+'));
    let zoomed = app.view.panes.map.view;
    assert!(zoomed.scale < fitted.scale);
    assert!(!app.view.panes.map.fitted);
    press(&mut app, KeyCode::Right);
    assert!(app.view.panes.map.view.center.lon > zoomed.center.lon);
    press(&mut app, KeyCode::Up);
    assert!(app.view.panes.map.view.center.lat > zoomed.center.lat);
    // Up pans the map, not the timeline.
    assert_eq!(app.view.focus, Pane::Map);
    press(&mut app, KeyCode::Char('-'));
    press(&mut app, KeyCode::Char('0'));
    assert_eq!(app.view.panes.map.view, fitted);
    assert!(app.view.panes.map.fitted);
}

#[test]
fn picking_a_place_on_the_map_and_enter_filters_by_it_and_refits() {
    let mut app = builtin_app(120, 40);
    let all = app.data.selection.events.len();
    let world = app.view.panes.map.view;
    press(&mut app, KeyCode::Char('5'));
    press(&mut app, KeyCode::Tab);
    let picked = app
        .view
        .panes
        .map
        .picked
        .expect("Tab picks the busiest place");
    assert_eq!(app.data.situation.places[picked].id, "port-au-prince");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.data.filter.places, [picked]);
    // Port-au-Prince and the places inside it (the airport, the palace).
    let kept = app.data.selection.events.len();
    assert!(kept > 0 && kept < all, "{kept} of {all}");
    for &e in &app.data.selection.events {
        let place = app.data.situation.events[e]
            .place
            .expect("kept events have a place");
        assert!(app.data.index.place_within(place, picked));
    }
    // The map fits what is left: the city and its airport (a point of its
    // own), far closer in.
    let map = &app.view.panes.map;
    let drawn: Vec<&str> = map
        .markers
        .list
        .iter()
        .map(|m| app.data.situation.places[m.place].id.as_str())
        .collect();
    assert_eq!(drawn, ["port-au-prince", "pap-airport"]);
    assert!(map.view.scale < world.scale);
    // Space (as in the actors pane) takes it off again, Enter puts it back,
    // and Backspace takes the chip off.
    press(&mut app, KeyCode::Char(' '));
    assert!(app.data.filter.places.is_empty());
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.data.filter.places, [picked]);
    press(&mut app, KeyCode::Backspace);
    assert!(app.data.filter.places.is_empty());
    assert_eq!(app.data.selection.events.len(), all);
}

#[test]
fn the_actor_picker_lists_places_under_their_own_heading_and_filters_by_one() {
    let mut app = builtin_app(120, 40);
    let all = app.data.selection.events.len();
    press(&mut app, KeyCode::Char('a'));
    typing(&mut app, "pòtoprens");
    let Some(Popup::Picker(picker)) = app.view.popup() else {
        panic!("the picker is open");
    };
    let pap = app.data.situation.place_by_id("port-au-prince").unwrap();
    // Found by its alias, accents and all, under the Places heading.
    assert_eq!(picker.matches(), [Pick::Place(pap)]);
    assert!(picker.list.rows.contains(&Row::Heading {
        title: "Places",
        shown: 1,
        total: app.data.situation.places.len(),
    }));
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.data.filter.places, [pap]);
    let kept = app.data.selection.events.len();
    assert!(kept > 0 && kept < all, "{kept} of {all}");
    // With no query, actors come first, then every place in tree order.
    press_with(&mut app, KeyCode::Char('u'), KeyModifiers::CONTROL);
    let Some(Popup::Picker(picker)) = app.view.popup() else {
        panic!("the picker is open");
    };
    let listed = picker.matches();
    let first_place = listed
        .iter()
        .position(|p| matches!(p, Pick::Place(_)))
        .unwrap();
    assert_eq!(first_place, app.data.situation.actors.len());
    let s = &app.data.situation;
    let ids: Vec<&str> = listed[first_place..first_place + 4]
        .iter()
        .map(|p| match p {
            Pick::Place(p) => s.places[*p].id.as_str(),
            Pick::Actor(_) => "",
        })
        .collect();
    assert_eq!(
        ids,
        ["haiti", "port-au-prince", "pap-airport", "national-palace"]
    );
    // Enter again takes it out.
    typing(&mut app, "port-au");
    press(&mut app, KeyCode::Enter);
    assert!(app.data.filter.places.is_empty());
}

#[test]
fn a_reload_keeps_a_zoomed_map_and_its_picked_place() {
    let mut app = builtin_app(120, 40);
    press(&mut app, KeyCode::Char('5'));
    press(&mut app, KeyCode::Char('+'));
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Tab);
    let (view, picked) = (app.view.panes.map.view, app.view.panes.map.picked);
    assert!(picked.is_some());
    // A new event elsewhere: the view set by hand stays all the same.
    let more = crate::BUILTIN_TEXT.replacen(
        "[[events]]",
        "[[events]]\nid = \"new-in-nairobi\"\ndate = 2024-09-19\ntitle = \"A new event\"\n\
         place = \"nairobi\"\nsources = [\"aljazeera-2024-09-21\"]\n\n[[events]]",
        1,
    );
    reload(&mut app, &more);
    assert_eq!(app.data.situation.events.len(), 34, "the edit loaded");
    let map = &app.view.panes.map;
    assert_eq!(map.view, view);
    assert!(!map.fitted);
    assert_eq!(map.picked, picked);
    // A fitted view fits what the new file has.
    press(&mut app, KeyCode::Char('0'));
    let fitted = app.view.panes.map.view;
    reload(&mut app, crate::BUILTIN_TEXT);
    assert!(app.view.panes.map.fitted);
    assert_eq!(app.view.panes.map.view, fitted);
}

#[test]
fn i_on_a_picked_place_opens_its_detail_with_its_events_and_precision() {
    let mut app = builtin_app(120, 40);
    press(&mut app, KeyCode::Char('5'));
    press(&mut app, KeyCode::Tab);
    let pap = app.view.panes.map.picked.expect("Tab picks a place");
    press(&mut app, KeyCode::Char('i'));
    assert_eq!(app.mode(), Mode::Detail);
    assert_eq!(top_page(&app).target, Target::Place(pap));
    let text = detail_text(&app, Target::Place(pap));
    assert!(
        text.contains("Lat, lon   18.5333° N, 72.3333° W — exact"),
        "{text}"
    );
    assert!(text.contains("Part of"), "{text}");
    assert!(text.contains("⌖ Haiti · country · approximate"), "{text}");
    assert!(
        text.contains("⌖ National Palace · site · no coordinates"),
        "{text}"
    );
    // The events at the city and at the places inside it, as the filter by
    // it keeps them.
    let only = Filter {
        places: vec![pap],
        ..Filter::default()
    };
    let kept = crate::query::select(&app.data.situation, &app.data.index, &only).events;
    assert!(text.contains(&format!("Events ({})", kept.len())), "{text}");
    let s = &app.data.situation;
    let at_airport = kept
        .iter()
        .find(|&&e| s.events[e].place == s.place_by_id("pap-airport"))
        .expect("an event at the airport");
    assert!(
        text.contains(s.events[*at_airport].title.as_str()),
        "{text}"
    );
    // The country's detail says its point stands for an area.
    let haiti = s.place_by_id("haiti").unwrap();
    let country = detail_text(&app, Target::Place(haiti));
    assert!(
        country.contains("19.0000° N, 72.4167° W — approximate: stands for an area"),
        "{country}"
    );
    // Space on the page's own line filters by the place; Esc goes back.
    press(&mut app, KeyCode::Char(' '));
    assert_eq!(app.data.filter.places, [pap]);
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.mode(), Mode::Normal);
}

#[test]
fn help_lists_the_maps_keys_only_when_there_is_a_map() {
    let has = |lines: &[String], text: &str| lines.iter().any(|l| l.contains(text));
    let with_map = help_lines(&builtin_app(120, 40));
    assert!(has(&with_map, "zoom the map in / out"));
    assert!(has(&with_map, "On the map"));
    assert!(has(&with_map, "1/2/3/4/5"), "{with_map:#?}");
    // The section says what Enter and i do on the map, and they do it.
    let section: Vec<&String> = with_map
        .iter()
        .skip_while(|l| !l.contains("On the map"))
        .take_while(|l| !l.trim().is_empty())
        .collect();
    let says = |keys: &str, what: &str| {
        section
            .iter()
            .any(|l| l.trim_start().starts_with(keys) && l.contains(what))
    };
    assert!(
        says("Enter/Space ", "add the picked place to the filter"),
        "{section:#?}"
    );
    assert!(says("i ", "open the picked place"), "{section:#?}");
    let mut on_map = builtin_app(120, 40);
    for key in [KeyCode::Char('5'), KeyCode::Tab, KeyCode::Enter] {
        press(&mut on_map, key);
    }
    assert_eq!(on_map.data.filter.places.len(), 1);
    assert_eq!(on_map.mode(), Mode::Normal);
    press(&mut on_map, KeyCode::Char('i'));
    assert_eq!(on_map.mode(), Mode::Detail);
    // The fixture has no places: no map, so no map keys.
    let without = help_lines(&app());
    assert!(!app().data.has_map());
    for text in [
        "zoom the map",
        "pan the map",
        "On the map",
        "picked place",
        "1/2/3/4/5",
    ] {
        assert!(!has(&without, text), "{text}: {without:#?}");
    }
    assert!(has(&without, "1/2/3/4"));
}

#[test]
fn an_events_detail_links_to_its_place() {
    let mut app = builtin_app(120, 40);
    let s = &app.data.situation;
    let palace = s.place_by_id("national-palace").unwrap();
    let e = s
        .event_ixs()
        .find(|&e| s.events[e].place == Some(palace))
        .expect("an event at the palace");
    let text = detail_text(&app, Target::Event(e));
    assert!(
        text.contains("Lat, lon   none of its own; on the map at Port-au-Prince"),
        "{text}"
    );
    app.view
        .popups
        .push(Popup::Detail(DetailPopup::new(Target::Event(e))));
    app.update(Action::Resize {
        width: 120,
        height: 40,
    });
    let links = top_page(&app).doc.links;
    let at = links
        .iter()
        .position(|l| l.target == Target::Place(palace))
        .expect("the place is a link");
    for _ in 0..at {
        press(&mut app, KeyCode::Tab);
    }
    press(&mut app, KeyCode::Enter);
    assert_eq!(top_page(&app).target, Target::Place(palace));
}

#[test]
fn q_closes_one_layer_at_a_time_and_quits_only_from_the_main_view() {
    let mut app = app();
    // Help opened with F1 over the picker, over a detail.
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.mode(), Mode::Detail);
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('a'));
    press(&mut app, KeyCode::F(1));
    assert_eq!(app.mode(), Mode::Help);
    assert!(!press(&mut app, KeyCode::Char('q')));
    assert_eq!(app.mode(), Mode::Picker);
    // In the picker q is text.
    assert!(!press(&mut app, KeyCode::Char('q')));
    assert_eq!(app.mode(), Mode::Picker);
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Enter);
    assert!(!press(&mut app, KeyCode::Char('q')));
    assert_eq!(app.mode(), Mode::Normal);
    // Ctrl-C quits from anywhere.
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('?'));
    assert!(press_with(
        &mut app,
        KeyCode::Char('c'),
        KeyModifiers::CONTROL
    ));
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.mode(), Mode::Normal);
    assert!(press(&mut app, KeyCode::Char('q')));
}

fn day(y: i32, m: u32, d: u32) -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// The date-window prompt's text and error, while it is open.
fn window_prompt(app: &App) -> Option<(&str, Option<&str>)> {
    match app.view.popup() {
        Some(Popup::Window(p)) => Some((p.text.text(), p.error.as_deref())),
        _ => None,
    }
}

#[test]
fn w_sets_a_date_window_that_narrows_the_timeline() {
    let mut app = app();
    press(&mut app, KeyCode::Char('w'));
    assert_eq!(app.mode(), Mode::Window);
    typing(&mut app, "2025-03-08 2025-03-12");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.mode(), Mode::Normal);
    assert_eq!(app.data.filter.from, Some(day(2025, 3, 8)));
    assert_eq!(app.data.filter.to, Some(day(2025, 3, 12)));
    // "early 2025-03" (1-10 March) overlaps the window, so it stays.
    assert_eq!(
        event_ids(&app),
        [
            "shelters-open",
            "minister-tour",
            "ocha-count",
            "sarrin-protest"
        ]
    );
    assert!(app.filter_active());
    assert_eq!(
        app.view.status.as_deref(),
        Some("window 8 Mar 2025 – 12 Mar 2025 · 4 events shown")
    );
}

#[test]
fn a_bad_window_says_why_and_keeps_the_text() {
    let mut app = app();
    press(&mut app, KeyCode::Char('w'));
    typing(&mut app, "2025-04 2025-02");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.mode(), Mode::Window);
    assert_eq!(
        window_prompt(&app),
        Some((
            "2025-04 2025-02",
            Some("the start (Apr 2025) is after the end (Feb 2025)")
        ))
    );
    assert_eq!(app.data.filter.from, None);
    // Editing clears the message; Esc leaves without a window.
    press(&mut app, KeyCode::Backspace);
    assert_eq!(window_prompt(&app), Some(("2025-04 2025-0", None)));
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.mode(), Mode::Normal);
    assert!(!app.filter_active());
}

#[test]
fn presets_count_back_from_as_of_and_all_clears() {
    let mut app = app();
    press(&mut app, KeyCode::Char('w'));
    typing(&mut app, "7d");
    press(&mut app, KeyCode::Enter);
    // as_of is 14 March 2025.
    assert_eq!(app.data.filter.from, Some(day(2025, 3, 8)));
    assert_eq!(app.data.filter.to, Some(day(2025, 3, 14)));
    // The prompt opens on the window as it is, to edit.
    press(&mut app, KeyCode::Char('w'));
    assert_eq!(window_prompt(&app), Some(("2025-03-08 2025-03-14", None)));
    press_with(&mut app, KeyCode::Char('u'), KeyModifiers::CONTROL);
    typing(&mut app, "all");
    press(&mut app, KeyCode::Enter);
    assert_eq!((app.data.filter.from, app.data.filter.to), (None, None));
    assert_eq!(app.data.selection.events.len(), 16);
}

#[test]
fn typing_over_the_window_shown_replaces_it_and_the_arrows_edit_it() {
    let mut app = app();
    press(&mut app, KeyCode::Char('w'));
    typing(&mut app, "2025-03-01 2025-03-10");
    press(&mut app, KeyCode::Enter);
    // The prompt opens on the window in force, selected: what is typed
    // replaces it (it is not appended to the last date).
    press(&mut app, KeyCode::Char('w'));
    typing(&mut app, "7d");
    assert_eq!(window_prompt(&app), Some(("7d", None)));
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.data.filter.from, Some(day(2025, 3, 8)));
    // The arrows keep it to edit, at the cursor.
    press(&mut app, KeyCode::Char('w'));
    press(&mut app, KeyCode::Home);
    for _ in 0.."2025-03-08".len() {
        press(&mut app, KeyCode::Right);
    }
    press(&mut app, KeyCode::Backspace);
    typing(&mut app, "1");
    press(&mut app, KeyCode::End);
    typing(&mut app, "!");
    assert_eq!(window_prompt(&app), Some(("2025-03-01 2025-03-14!", None)));
    // Backspace keeps it too, and deletes from its end.
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('w'));
    press(&mut app, KeyCode::Backspace);
    typing(&mut app, "3");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.data.filter.to, Some(day(2025, 3, 13)));
}

#[test]
fn brackets_shift_and_braces_resize_the_window() {
    let mut app = app();
    press(&mut app, KeyCode::Char(']'));
    assert_eq!(
        app.view.status.as_deref(),
        Some("no date window: press w to set one")
    );
    press(&mut app, KeyCode::Char('w'));
    typing(&mut app, "2025-03-01 2025-03-10");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char(']'));
    let window = |app: &App| (app.data.filter.from.unwrap(), app.data.filter.to.unwrap());
    assert_eq!(window(&app), (day(2025, 3, 11), day(2025, 3, 20)));
    assert_eq!(
        event_ids(&app),
        ["sarrin-protest", "water-restored", "budget-vote"]
    );
    press(&mut app, KeyCode::Char('['));
    press(&mut app, KeyCode::Char('['));
    assert_eq!(window(&app), (day(2025, 2, 19), day(2025, 2, 28)));
    press(&mut app, KeyCode::Char('}'));
    assert_eq!(window(&app), (day(2025, 2, 14), day(2025, 3, 5)));
    press(&mut app, KeyCode::Char('{'));
    press(&mut app, KeyCode::Char('{'));
    assert_eq!(window(&app), (day(2025, 2, 21), day(2025, 2, 25)));
}

#[test]
fn the_window_is_a_chip_that_backspace_and_clear_remove() {
    let mut app = app_with(Options::default(), 120, 40);
    press(&mut app, KeyCode::Char('w'));
    typing(&mut app, "2025-03");
    press(&mut app, KeyCode::Enter);
    let chips: Vec<Chip> = crate::geometry::header::all_chips(&app.data).collect();
    assert_eq!(chips, [Chip::Window]);
    assert_eq!(
        crate::geometry::header::chip_label(&app.data, Chip::Window),
        " 1 Mar 2025 – 31 Mar 2025 ✕ "
    );
    press(&mut app, KeyCode::Backspace);
    assert_eq!((app.data.filter.from, app.data.filter.to), (None, None));
    press(&mut app, KeyCode::Char('w'));
    typing(&mut app, "2025");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('c'));
    assert_eq!((app.data.filter.from, app.data.filter.to), (None, None));
}

#[test]
fn a_window_from_the_command_line_with_an_open_end_shifts_from_the_events() {
    let options = Options {
        filter: Filter {
            to: Some(day(2019, 12, 31)),
            ..Filter::default()
        },
        ..Options::default()
    };
    let mut app = app_with(options, 80, 24);
    assert_eq!(event_ids(&app), ["inspection-2019"]);
    // The open start is the first event's first day: 1 Jan 2019, so the
    // window is 365 days long, and 2020 has 366.
    press(&mut app, KeyCode::Char(']'));
    assert_eq!(app.data.filter.from, Some(day(2020, 1, 1)));
    assert_eq!(app.data.filter.to, Some(day(2020, 12, 30)));
    assert!(event_ids(&app).is_empty());
}

/// The app with the keys of a config file's text.
fn app_with_keys(config: &str) -> App {
    let config = crate::config::read(config)
        .config
        .expect("the config loads");
    app_with(
        Options {
            keymap: config.keymap(),
            ..Options::default()
        },
        100,
        30,
    )
}

#[test]
fn rebound_keys_drive_update_and_the_old_ones_stop() {
    let mut app = app_with_keys(
        "[keys]\nquit = [\"x\", \"ctrl-q\"]\nsearch = \"s\"\n[keys.timeline]\nopen = \"l\"\n",
    );
    // `q` no longer quits, `/` no longer searches.
    assert!(!press(&mut app, KeyCode::Char('q')));
    assert!(!press(&mut app, KeyCode::Char('/')));
    assert_eq!(app.mode(), Mode::Normal);
    // `s` starts a search, where `x` is typed text, not quit.
    assert!(!press(&mut app, KeyCode::Char('s')));
    assert_eq!(app.mode(), Mode::Search);
    assert!(!typing(&mut app, "x"));
    assert_eq!(app.data.filter.search, "x");
    assert!(!press(&mut app, KeyCode::Esc));
    assert_eq!(app.mode(), Mode::Normal);
    // `l` opens the selected event in the timeline.
    assert_eq!(app.view.focus, Pane::Timeline);
    assert!(!press(&mut app, KeyCode::Char('l')));
    assert_eq!(app.mode(), Mode::Detail);
    assert!(!press(&mut app, KeyCode::Esc));
    // Ctrl-Q and `x` quit; Ctrl-C still does.
    assert!(press_with(
        &mut app,
        KeyCode::Char('q'),
        KeyModifiers::CONTROL
    ));
    assert!(press(&mut app, KeyCode::Char('x')));
    assert!(press_with(
        &mut app,
        KeyCode::Char('c'),
        KeyModifiers::CONTROL
    ));
}

#[test]
fn help_lists_the_keys_the_config_gave() {
    let mut app = app_with_keys("[keys]\nquit = \"x\"\nhelp = [\"h\", \"f1\"]\n");
    assert!(!press(&mut app, KeyCode::Char('h')));
    assert_eq!(app.mode(), Mode::Help);
    let lines = help_lines(&app);
    let line = |words: &str| {
        lines
            .iter()
            .find(|l| l.trim_end().ends_with(words))
            .cloned()
            .unwrap_or_default()
    };
    assert!(line(" quit").contains("x Ctrl-C"), "{lines:#?}");
    assert!(line("all keys (this help)").contains("h F1"), "{lines:#?}");
    // `?` no longer opens help (in help it still closes it, as Esc does).
    assert!(
        !lines
            .iter()
            .any(|l| l.contains('?') && l.ends_with("all keys (this help)")),
        "{lines:#?}"
    );
}

fn seen_setup(earlier: Option<crate::seen::Record>) -> SeenSetup {
    SeenSetup {
        record: "/state/sitrep/dashboard.seen".into(),
        file: "/data/dashboard.toml".into(),
        earlier: earlier.map(std::sync::Arc::new),
        problem: None,
        now: "2026-12-01T09:00:00Z".parse().unwrap(),
        unread: false,
    }
}

/// The record of a look at the situation `text` on 28 Nov, as quitting
/// then would have written it.
fn record_of(text: &str) -> crate::seen::Record {
    let old = situation(text);
    crate::seen::Record::of(
        &old,
        &crate::digest::Digests::of(&old),
        "/data/dashboard.toml",
        "2026-11-28T09:00:00Z".parse().unwrap(),
        None,
    )
}

/// Options of a dashboard that remembers the look `record` was made of.
fn remembering(record: crate::seen::Record) -> Options {
    Options {
        seen: Some(seen_setup(Some(record))),
        ..Options::default()
    }
}

fn event_mark(app: &App, id: &str) -> Option<crate::marks::Mark> {
    let s = app.situation();
    let e = s.event_by_id(id).expect("the event");
    app.data()
        .marks
        .mark(crate::digest::Section::Events, e.get())
}

#[test]
fn a_first_look_marks_nothing_and_reloads_mark_what_each_one_brought() {
    let options = Options {
        seen: Some(seen_setup(None)),
        ..Options::default()
    };
    let mut app = app_with(options, 120, 40);
    let first = app.situation().events[0].id.clone();
    let second = app.situation().events[1].id.clone();
    assert!(app.data().marks.is_empty());
    assert_eq!(app.seen().unwrap().header, None);
    // A save renames the first event's title: it is marked changed.
    let title = app.situation().events[0].title.clone();
    let edited = FIXTURE.replacen(&format!("title = \"{title}\""), "title = \"Renamed\"", 1);
    assert_ne!(edited, FIXTURE);
    reload(&mut app, &edited);
    assert_eq!(event_mark(&app, &first), Some(crate::marks::Mark::Changed));
    assert_eq!(event_mark(&app, &second), None);
    let e = app.situation().event_by_id(&first).unwrap();
    let doc = crate::doc::detail::document(&app.data, &app.theme, Target::Event(e), 0, 200);
    let text: Vec<String> = doc.lines.iter().map(|l| l.to_string()).collect();
    // The detail names what changed, with the old and the new value.
    assert!(
        text.iter()
            .any(|l| l.contains("changed since your last look:")),
        "{text:?}"
    );
    assert!(
        text.iter()
            .any(|l| l.contains(&format!("title was {title}, now Renamed"))),
        "{text:?}"
    );
    // The next save drops the second event: the first stays marked, the
    // second is counted as removed.
    reload(&mut app, &without_event(&edited, &second));
    assert_eq!(event_mark(&app, &first), Some(crate::marks::Mark::Changed));
    let seen = app.seen().unwrap();
    assert_eq!(app.data().marks.removed.len(), 1);
    assert_eq!(app.data().marks.removed[0].key, second);
    assert_eq!(
        seen.header
            .as_deref()
            .map(|h| h.starts_with("1 changed, 1 removed since ")),
        Some(true)
    );
    // Quitting records the version on screen.
    let (_, _, record) = app
        .seen_record("2026-12-01T10:00:00Z".parse().unwrap())
        .unwrap();
    assert!(record.items().all(|i| i.key != second));
    assert!(record.items().any(|i| i.key == first));
}

#[test]
fn the_detail_places_an_event_by_the_same_now_rule_as_the_timeline() {
    let mut app = App::new(
        situation(include_str!("../../tests/fixtures/good/now-rule.toml")),
        Options::default(),
    );
    app.update(Action::Resize {
        width: 80,
        height: 24,
    });
    // Opens on the last event that is over, just above the line.
    assert_eq!(selected_event(&app), "last-week");
    let row = app
        .data
        .timeline_row_of(app.view.panes.timeline.cursor.selected);
    assert_eq!(app.data.timeline_event_at(row + 1), None);
    let mut dates = Vec::new();
    for id in ["whole-year", "mid-month", "as-of-day", "planned-meeting"] {
        press(&mut app, KeyCode::Char('j'));
        assert_eq!(selected_event(&app), id);
        press(&mut app, KeyCode::Enter);
        let Some(Popup::Detail(detail)) = app.view.popup() else {
            panic!("no detail: {:?}", app.view.popup());
        };
        let text = detail_text_of(&app, &detail.pages[0]);
        let date = text.lines().find(|l| l.starts_with("Date")).unwrap();
        dates.push(date.split_whitespace().collect::<Vec<_>>().join(" "));
        press(&mut app, KeyCode::Esc);
    }
    assert_eq!(
        dates,
        [
            "Date 2023 (its dates include the as-of date)",
            "Date mid Sep 2023 (its dates include the as-of date)",
            "Date 20 Sep 2023 (on the as-of date)",
            "Date late Sep 2023 (upcoming)",
        ]
    );
}

/// The screen cell of the time strip's bucket `i` (its first column, the
/// axis row).
fn strip_cell(app: &App, i: usize) -> (u16, u16) {
    let area = app.screen.strip;
    let x = app.strip().columns_of(i).start;
    (area.x + x as u16, area.bottom() - 1)
}

/// The app at 120x40 with the date window set to March 2025 (daily buckets).
fn app_in_march() -> App {
    let mut app = app_with(Options::default(), 120, 40);
    press(&mut app, KeyCode::Char('w'));
    typing(&mut app, "2025-03");
    press(&mut app, KeyCode::Enter);
    app
}

#[test]
fn the_strip_sits_above_the_timeline_list_and_t_hides_it() {
    let mut app = app_in_march();
    let strip = app.screen.strip;
    let list = app.screen.list(Pane::Timeline);
    assert_eq!(strip.height, 2);
    assert_eq!(strip.bottom(), list.y);
    assert_eq!(strip.width, list.width);
    let strip_of = app.strip().clone();
    assert_eq!(
        strip_of.scale.map(|s| s.unit),
        Some(crate::strip::Unit::Day)
    );
    assert_eq!(strip_of.kept.len(), 31);
    // as_of is 14 March: the fifteenth bucket.
    assert_eq!(strip_of.now, Some(13));
    press(&mut app, KeyCode::Char('t'));
    assert!(app.screen.strip.is_empty());
    assert_eq!(app.screen.list(Pane::Timeline).height, list.height + 2);
    assert_eq!(
        app.view.status.as_deref(),
        Some("time strip hidden: t shows it")
    );
    press(&mut app, KeyCode::Char('t'));
    assert_eq!(app.screen.strip, strip);
    assert_eq!(app.strip(), &strip_of);
}

#[test]
fn the_strip_counts_again_when_the_filter_changes_and_only_then() {
    let mut app = app_in_march();
    let before = app.strip().clone();
    // Moving the cursor leaves the strip as it was.
    press(&mut app, KeyCode::Char('j'));
    assert_eq!(app.strip(), &before);
    let kept = |strip: &crate::strip::Strip| strip.kept.iter().map(|w| w.total()).sum::<f64>();
    let all = |strip: &crate::strip::Strip| strip.all.iter().map(|w| w.total()).sum::<f64>();
    press(&mut app, KeyCode::Char('/'));
    typing(&mut app, "ocha");
    let after = app.strip();
    assert!(kept(after) < kept(&before) && kept(after) > 0.0);
    // Every event's layer does not depend on the filter.
    assert_eq!(all(after), all(&before));
}

#[test]
fn clicking_a_bucket_selects_its_first_event() {
    let mut app = app_in_march();
    press(&mut app, KeyCode::Char('3'));
    // 8 March: the minister's tour starts there (early March only may).
    let (column, row) = strip_cell(&app, 7);
    app.update(Action::Click { column, row });
    app.update(Action::Release { column, row });
    assert_eq!(app.view.focus, Pane::Timeline);
    assert_eq!(selected_event(&app), "minister-tour");
    assert_eq!(app.window().map(|w| w.days()), Some(31));
    // 2 March: nothing starts, early March may be under way.
    let (column, row) = strip_cell(&app, 1);
    app.update(Action::Click { column, row });
    assert_eq!(selected_event(&app), "shelters-open");
    assert_eq!(app.strip_selected(), Some(0));
}

#[test]
fn dragging_across_buckets_sets_the_date_window() {
    let mut app = app_in_march();
    let (column, row) = strip_cell(&app, 11);
    app.update(Action::Click { column, row });
    let (over, _) = strip_cell(&app, 5);
    app.update(Action::Drag { column: over, row });
    assert_eq!(app.strip_dragged(), Some((5, 11)));
    // Let go above the strip: the drag ends where the mouse last was over it.
    let (end, _) = strip_cell(&app, 3);
    app.update(Action::Drag {
        column: end,
        row: 0,
    });
    app.update(Action::Release {
        column: end,
        row: 0,
    });
    assert_eq!(app.strip_dragged(), None);
    assert_eq!(app.data.filter.from, Some(day(2025, 3, 4)));
    assert_eq!(app.data.filter.to, Some(day(2025, 3, 12)));
    assert_eq!(
        event_ids(&app),
        [
            "shelters-open",
            "flash-appeal",
            "cholera-cases",
            "minister-tour",
            "ocha-count",
            "sarrin-protest"
        ]
    );
    assert_eq!(
        app.view.status.as_deref(),
        Some("window 4 Mar 2025 – 12 Mar 2025 · 6 events shown")
    );
    // The strip now spans the new window.
    assert_eq!(app.strip().kept.len(), 9);
}

#[test]
fn a_short_timeline_has_no_strip() {
    let app = app_with(Options::default(), 80, 24);
    let inner = app.screen.inner(Pane::Timeline);
    assert_eq!(
        app.screen.strip.height,
        crate::geometry::strip_rows(inner.height)
    );
    let app = app_with(Options::default(), 60, 16);
    assert!(app.screen.strip.is_empty());
    assert_eq!(
        app.screen.list(Pane::Timeline),
        app.screen.inner(Pane::Timeline)
    );
}

#[test]
fn the_window_and_the_strip_carry_over_a_reload() {
    let mut app = app_in_march();
    press(&mut app, KeyCode::Char('t'));
    reload(&mut app, FIXTURE);
    assert_eq!(app.data.filter.from, Some(day(2025, 3, 1)));
    assert_eq!(app.data.filter.to, Some(day(2025, 3, 31)));
    assert_eq!(app.data.selection.events.len(), 10);
    assert!(app.screen.strip.is_empty());
}

/// The dashboard as opened on the fixture by a reader whose last look saw
/// an earlier version: no `record-rain` yet, another title for the breach,
/// 35 shelters and other words for one quote.
fn app_after_edits() -> App {
    let earlier = without_event(FIXTURE, "record-rain")
        .replace(
            "Orun dam breaches; floodwater reaches three towns",
            "Orun dam breaches",
        )
        .replace("value = 40\n", "value = 35\n")
        .replace("The numbers are still rising.", "The numbers rise.");
    let record = record_of(&earlier);
    let options = remembering(record);
    marked_app_with(options, 120, 40)
}

#[test]
fn u_shows_only_what_is_new_or_changed_and_combines_with_the_filter() {
    let mut app = app_after_edits();
    let all = app.selection().events.len();
    assert_eq!(app.selection().metrics.len(), app.situation().metrics.len());
    press(&mut app, KeyCode::Char('u'));
    assert!(app.filter().marked);
    assert_eq!(event_ids(&app), ["record-rain", "dam-breach"]);
    let s = app.situation();
    let metrics: Vec<&str> = (app.selection().metrics.iter())
        .map(|&m| s.metrics[m].id.as_str())
        .collect();
    assert_eq!(metrics, ["shelters"]);
    let quotes: Vec<&str> = (app.selection().quotes.iter())
        .filter_map(|&q| s.quotes[q].id.as_deref())
        .collect();
    assert_eq!(quotes, ["brandt-water"]);
    // The cards laid out are the one figure kept.
    assert_eq!(app.screen().cards.cards, 1);
    assert!(
        app.status()
            .unwrap()
            .starts_with("only new and changed since 28 Nov: 2 events, 1 figure, 1 quote")
    );
    // A chip in the header, with the other parts of the filter.
    let shown: Vec<Chip> = chips(app.data(), app.screen().header)
        .into_iter()
        .map(|(_, c)| c)
        .collect();
    assert_eq!(shown, [Chip::Marked]);
    press(&mut app, KeyCode::Char('/'));
    typing(&mut app, "rain");
    press(&mut app, KeyCode::Enter);
    assert_eq!(event_ids(&app), ["record-rain"]);
    // Backspace takes the chip off first; the search stays.
    press(&mut app, KeyCode::Backspace);
    assert!(!app.filter().marked);
    assert_eq!(app.filter().search, "rain");
    assert!(app.selection().events.len() > 1);
    // A click on the chip takes it off too.
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('u'));
    let (rect, _) = chips(app.data(), app.screen().header)
        .into_iter()
        .find(|(_, c)| *c == Chip::Marked)
        .expect("the chip is drawn");
    app.update(Action::Click {
        column: rect.x + 1,
        row: rect.y,
    });
    assert!(!app.filter().marked);
    assert_eq!(app.selection().events.len(), all);
}

#[test]
fn the_new_and_changed_filter_keeps_the_figure_selected_and_survives_a_reload() {
    let mut app = app_after_edits();
    press(&mut app, KeyCode::Char('1'));
    let shelters = app
        .situation()
        .metrics
        .iter()
        .position(|m| m.id == "shelters")
        .unwrap();
    app.view.panes.figures.cursor.selected = shelters;
    let shelters_ix = crate::model::MetricIx::new(shelters);
    press(&mut app, KeyCode::Char('u'));
    // The one card left is the one that was selected.
    assert_eq!(app.view.panes.figures.cursor.selected, 0);
    assert_eq!(
        app.view.panes.figures.target(&app.data),
        Some(Target::Metric(shelters_ix))
    );
    // A save adds nothing marked to the figures: the filter stays on and
    // follows what the reload marks.
    let text = FIXTURE.replace(
        "title = \"A week of record rain over the upper Kessa\"",
        "title = \"Ten days of record rain\"",
    );
    reload(&mut app, &text);
    assert!(app.filter().marked);
    assert_eq!(event_ids(&app), ["record-rain", "dam-breach"]);
    // Every figure back at once; the selected one stays selected.
    press(&mut app, KeyCode::Char('u'));
    assert_eq!(app.view.panes.figures.cursor.selected, shelters);
}

#[test]
fn a_filter_that_leaves_no_figure_moves_the_focus_off_the_strip() {
    let earlier = FIXTURE.replace(
        "Orun dam breaches; floodwater reaches three towns",
        "Orun dam breaches",
    );
    let record = record_of(&earlier);
    let options = remembering(record);
    let mut app = marked_app_with(options, 120, 40);
    press(&mut app, KeyCode::Char('1'));
    assert_eq!(app.view.focus, Pane::Figures);
    press(&mut app, KeyCode::Char('u'));
    assert!(app.selection().metrics.is_empty());
    assert_eq!(app.view.focus, Pane::Timeline);
    assert!(app.screen().visible(Pane::Figures).is_none());
    press(&mut app, KeyCode::Char('1'));
    assert_eq!(app.status(), Some("no key figure is new or changed"));
    assert_eq!(app.view.focus, Pane::Timeline);
}

#[test]
fn without_a_record_u_says_why_nothing_is_marked() {
    let mut app = app();
    press(&mut app, KeyCode::Char('u'));
    assert!(!app.filter().marked);
    assert_eq!(
        app.status(),
        Some(
            "built-in situation: nothing is marked (u shows only what is new or changed since your last look)"
        )
    );
    // A file under --no-state: nothing is remembered to compare with.
    let options = Options {
        file: Some("dashboard.toml".into()),
        ..Options::default()
    };
    let mut app = app_with(options, 120, 40);
    press(&mut app, KeyCode::Char('U'));
    assert_eq!(
        app.status(),
        Some(
            "nothing is remembered (--no-state): nothing is known to be removed (U lists what the file lost since your last look)"
        )
    );
}

/// The footer row as drawn.
fn footer_row(app: &App) -> String {
    let area = app.screen().footer;
    let mut buffer = ratatui::buffer::Buffer::empty(area);
    crate::ui::footer::render(app, area, &mut buffer);
    (area.left()..area.right())
        .map(|x| buffer[(x, area.y)].symbol())
        .collect()
}

#[test]
fn the_footer_offers_u_only_where_something_is_remembered() {
    let with_file = |seen| Options {
        file: Some("dashboard.toml".into()),
        seen,
        ..Options::default()
    };
    let remembered = app_with(with_file(Some(seen_setup(None))), 240, 40);
    assert!(
        footer_row(&remembered).contains("u new"),
        "{}",
        footer_row(&remembered)
    );
    // --no-state: u could only answer that nothing is remembered.
    let forgetful = app_with(with_file(None), 240, 40);
    assert!(
        !footer_row(&forgetful).contains("u new"),
        "{}",
        footer_row(&forgetful)
    );
    assert!(
        footer_row(&forgetful).contains("r reload"),
        "{}",
        footer_row(&forgetful)
    );
}

#[test]
fn help_says_which_keys_are_off_and_why() {
    let with_file = |seen| Options {
        file: Some("dashboard.toml".into()),
        seen,
        ..Options::default()
    };
    let row = |app: &App, starts: &str| {
        let lines = help_lines(app);
        lines
            .iter()
            .position(|l| l.trim_start().starts_with(starts))
            .map(|at| {
                let rows: Vec<&str> = lines[at..].iter().take(3).map(String::as_str).collect();
                rows.join(" ")
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .unwrap_or_else(|| panic!("{lines:#?}"))
    };
    let remembered = app_with(with_file(Some(seen_setup(None))), 120, 40);
    let u = row(&remembered, "u ");
    assert!(u.contains("since your last look, or all"), "{u}");
    assert!(!u.contains("off:"), "{u}");
    let forgetful = app_with(with_file(None), 120, 40);
    let u = row(&forgetful, "u ");
    assert!(
        u.contains("(off: nothing is remembered under --no-state)"),
        "{u}"
    );
    let removed = row(&forgetful, "U ");
    assert!(
        removed.contains("(off: nothing is remembered under --no-state)"),
        "{removed}"
    );
    let built_in = app_with(Options::default(), 120, 40);
    let u = row(&built_in, "u ");
    assert!(
        u.contains("(off: nothing is remembered of the built-in situation)"),
        "{u}"
    );
    // Nor is there a file to reload or edit.
    for key in ["r ", "e ", "! "] {
        let line = row(&built_in, key);
        assert!(
            line.contains("(off: the built-in situation has no file)"),
            "{line}"
        );
        let line = row(&forgetful, key);
        assert!(!line.contains("off:"), "{line}");
    }
}

fn detail_lines(app: &App, target: Target) -> Vec<String> {
    let doc = crate::doc::detail::document(&app.data, &app.theme, target, 0, 200);
    doc.lines.iter().map(|l| l.to_string()).collect()
}

#[test]
fn a_changed_items_detail_says_what_it_was_and_what_it_is() {
    let app = app_after_edits();
    let s = app.situation();
    let has = |lines: &[String], words: &str| lines.iter().any(|l| l.contains(words));
    let shelters = s.metric_ixs().find(|&m| s.metrics[m].id == "shelters");
    let lines = detail_lines(&app, Target::Metric(shelters.unwrap()));
    assert!(has(&lines, "changed since your last look:"), "{lines:#?}");
    assert!(
        has(
            &lines,
            "figure was 35 of 60 shelters, now 40 of 60 shelters"
        ),
        "{lines:#?}"
    );
    assert!(
        has(
            &lines,
            "observation early Mar 2025 (vrc-update) was 35, now 40"
        ),
        "{lines:#?}"
    );
    let breach = s.event_by_id("dam-breach").unwrap();
    let lines = detail_lines(&app, Target::Event(breach));
    assert!(
        has(
            &lines,
            "title was Orun dam breaches, now Orun dam breaches; floodwater reaches three towns"
        ),
        "{lines:#?}"
    );
    // The date did not move: no line for it.
    assert!(!has(&lines, "date was"), "{lines:#?}");
    let rain = s.event_by_id("record-rain").unwrap();
    assert!(has(
        &detail_lines(&app, Target::Event(rain)),
        "new since your last look"
    ));
    let brandt = s
        .quote_ixs()
        .find(|&q| s.quotes[q].id.as_deref() == Some("brandt-water"));
    let lines = detail_lines(&app, Target::Quote(brandt.unwrap()));
    assert!(has(&lines, "text was The numbers rise."), "{lines:#?}");
    assert!(
        has(&lines, "now The numbers are still rising."),
        "{lines:#?}"
    );
}

/// An app whose last look saw two events, a quote and an actor the file
/// no longer has.
fn app_after_removals(width: u16, height: u16) -> App {
    let earlier = FIXTURE.replace(
        "[[events]]\nid = \"record-rain\"",
        "[[events]]\nid = \"old-warning\"\ndate = 2025-02-10\ntitle = \"Engineers warn of spillway cracks\"\nactors = [\"orun-hydro\"]\nsources = [\"ocha-sitrep-3\"]\n\n[[events]]\nid = \"rumour\"\ndate = 2025-02-12\ntitle = \"A rumour of a second breach\"\nsources = [\"ocha-sitrep-3\"]\n\n[[events]]\nid = \"record-rain\"",
    ) + "\n[[actors]]\nid = \"mayor\"\nname = \"Mayor of Sarrin\"\nkind = \"person\"\n\n[[quotes]]\nid = \"mayor-calm\"\nspeaker = \"mayor\"\ntext = \"Stay calm and stay home.\"\ndate = 2025-03-02\nsources = [\"ocha-sitrep-3\"]\n";
    let record = record_of(&earlier);
    let options = remembering(record);
    marked_app_with(options, width, height)
}

fn removed_text(app: &App) -> Option<Vec<String>> {
    match app.view.popup()? {
        Popup::Removed(p) => Some(p.lines.iter().map(|l| l.to_string()).collect()),
        _ => None,
    }
}

#[test]
fn shift_u_and_a_click_on_the_count_list_what_was_removed() {
    let mut app = app_after_removals(120, 40);
    assert_eq!(
        app.seen().unwrap().header.as_deref(),
        Some("4 removed since 28 Nov")
    );
    press(&mut app, KeyCode::Char('U'));
    assert_eq!(app.mode(), Mode::Removed);
    let lines = removed_text(&app).expect("the list is open");
    let at = |words: &str| lines.iter().position(|l| l.contains(words));
    // By section, each item by its name, then what it was and its id.
    assert!(
        at("2 events") < at("A rumour of a second breach"),
        "{lines:#?}"
    );
    assert!(
        at("Engineers warn of spillway cracks").is_some(),
        "{lines:#?}"
    );
    assert!(at("10 Feb 2025 · id old-warning").is_some(), "{lines:#?}");
    assert!(at("1 quote").is_some() && at("“Stay calm and stay home.”").is_some());
    assert!(
        at("Mayor of Sarrin · id mayor-calm").is_some(),
        "{lines:#?}"
    );
    assert!(at("1 actor") > at("1 quote"), "{lines:#?}");
    assert!(at("person · id mayor").is_some(), "{lines:#?}");
    // q closes it.
    press(&mut app, KeyCode::Char('q'));
    assert_eq!(app.mode(), Mode::Normal);
    // A click on the header's count opens it too.
    let rect = crate::geometry::header::marks_rect(
        &app.data,
        app.seen().unwrap().header.as_deref(),
        app.screen.header,
    )
    .expect("the count fits at 120 columns");
    app.update(Action::Click {
        column: rect.x + 2,
        row: rect.y,
    });
    assert_eq!(app.mode(), Mode::Removed);
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.mode(), Mode::Normal);
}

#[test]
fn the_removed_list_scrolls_when_it_is_taller_than_the_screen() {
    let mut app = app_after_removals(80, 16);
    press(&mut app, KeyCode::Char('U'));
    let Some(Popup::Removed(p)) = app.view.popup() else {
        panic!("the list is open");
    };
    assert!(p.scroll.lines > p.scroll.height, "{:?}", p.scroll);
    let max = p.scroll.max();
    press(&mut app, KeyCode::Char('G'));
    let Some(Popup::Removed(p)) = app.view.popup() else {
        panic!("the list is open");
    };
    assert_eq!(p.scroll.top, max);
    press(&mut app, KeyCode::Char('k'));
    let Some(Popup::Removed(p)) = app.view.popup() else {
        panic!("the list is open");
    };
    assert_eq!(p.scroll.top, max - 1);
}

#[test]
fn with_nothing_removed_the_list_says_so_and_without_a_record_u_says_why() {
    let mut app = app_after_edits();
    press(&mut app, KeyCode::Char('U'));
    assert_eq!(
        removed_text(&app),
        Some(vec![
            "Nothing was removed since your last look.".to_string()
        ])
    );
    let mut plain = app_with(Options::default(), 120, 40);
    press(&mut plain, KeyCode::Char('U'));
    assert_eq!(plain.mode(), Mode::Normal);
    // U is about what was removed: the answer says so.
    assert_eq!(
        plain.status(),
        Some(
            "built-in situation: nothing is known to be removed (U lists what the file lost since your last look)"
        )
    );
}

#[test]
fn s_turns_the_timeline_round_on_the_same_event_with_now_in_place() {
    let mut app = app_with(Options::default(), 120, 40);
    let first = event_ids(&app).first().map(|s| s.to_string()).unwrap();
    let selected = selected_event(&app).to_string();
    // Oldest first: the divider after the last event that is over.
    assert_eq!(selected, "sarrin-protest");
    assert_eq!(app.data.now_split(), 11);
    press(&mut app, KeyCode::Char('s'));
    assert!(app.data.newest_first());
    assert_eq!(app.view.status.as_deref(), Some("timeline: newest first"));
    assert_eq!(selected_event(&app), selected);
    assert_eq!(event_ids(&app).last().copied(), Some(first.as_str()));
    assert_eq!(event_ids(&app)[0], "temporary-wall");
    // Newest first, the four upcoming events lead, then the one dated on
    // the as-of day, and the divider follows them, right above the
    // selected event.
    assert_eq!(app.data.now_split(), 5);
    assert_eq!(app.data.beyond_now(), (1, 4));
    assert_eq!(event_ids(&app)[4], "water-restored");
    assert_eq!(app.data.timeline_event_at(5), None);
    let row = app
        .data
        .timeline_row_of(app.view.panes.timeline.cursor.selected);
    assert_eq!(row, 6);
    // j moves on down the list: to the next older event.
    press(&mut app, KeyCode::Char('j'));
    assert_eq!(selected_event(&app), "ocha-count");
    press(&mut app, KeyCode::Char('k'));
    assert_eq!(selected_event(&app), "sarrin-protest");
    // A filter change keeps the order; a reload too.
    press(&mut app, KeyCode::Char('/'));
    typing(&mut app, "sarrin");
    press(&mut app, KeyCode::Enter);
    assert_eq!(
        event_ids(&app),
        ["water-restored", "sarrin-protest", "dam-breach"]
    );
    assert_eq!(selected_event(&app), "sarrin-protest");
    reload(&mut app, FIXTURE);
    assert_eq!(
        event_ids(&app),
        ["water-restored", "sarrin-protest", "dam-breach"]
    );
    assert_eq!(selected_event(&app), "sarrin-protest");
    press(&mut app, KeyCode::Char('s'));
    assert_eq!(
        event_ids(&app),
        ["dam-breach", "sarrin-protest", "water-restored"]
    );
    assert_eq!(selected_event(&app), "sarrin-protest");
}

#[test]
fn s_in_the_actors_pane_cycles_tree_events_and_name() {
    let mut app = app_with(Options::default(), 120, 40);
    press(&mut app, KeyCode::Char('3'));
    let names = |app: &App| -> Vec<String> {
        app.data
            .actors_listed()
            .iter()
            .map(|&a| app.data.situation.actors[a].name.to_string())
            .collect()
    };
    let tree = names(&app);
    press(&mut app, KeyCode::Char('j'));
    let selected = selected_actor(&app).to_string();
    press(&mut app, KeyCode::Char('s'));
    assert_eq!(app.view.status.as_deref(), Some("actors: by events"));
    let counts: Vec<usize> = app
        .data
        .actors_listed()
        .iter()
        .map(|&a| app.data.index.event_count(a))
        .collect();
    assert!(counts.windows(2).all(|w| w[0] >= w[1]), "{counts:?}");
    assert_eq!(selected_actor(&app), selected);
    press(&mut app, KeyCode::Char('s'));
    let by_name = names(&app);
    let mut sorted = by_name.clone();
    sorted.sort_by_key(|n| n.to_lowercase());
    assert_eq!(by_name, sorted);
    assert_eq!(selected_actor(&app), selected);
    press(&mut app, KeyCode::Char('s'));
    assert_eq!(names(&app), tree);
}

#[test]
fn help_explains_the_new_and_changed_marks_and_lists_their_keys() {
    let mut app = app_after_edits();
    press(&mut app, KeyCode::Char('?'));
    let lines = help_lines(&app);
    let legend = lines
        .iter()
        .find(|l| l.trim_start().starts_with("+ ~"))
        .unwrap_or_else(|| panic!("{lines:#?}"));
    assert!(
        legend.contains("new, changed since your last look"),
        "{legend}"
    );
    assert!(lines.iter().any(|l| l.trim_start().starts_with("u ")));
    assert!(lines.iter().any(|l| l.trim_start().starts_with("U ")));
    assert!(
        lines
            .iter()
            .any(|l| l.contains("Removed since your last look"))
    );
}

/// The screen kept between actions is always the one the state now gives:
/// it is worked out again whenever a fact it depends on changes (size,
/// focus, zoom, the key figures a filter leaves, the banner).
#[test]
fn the_screen_kept_between_actions_is_the_one_the_state_gives() {
    let mut app = app_with(Options::default(), 120, 40);
    let fresh = |app: &App| Screen::new(&facts(&app.data, &app.view, app.problem.is_some()));
    let before = app.screen.clone();
    let steps: Vec<fn(&mut App)> = vec![
        |app| {
            press(app, KeyCode::Char('j'));
        },
        |app| {
            press(app, KeyCode::Tab);
        },
        |app| {
            // The time strip hidden.
            press(app, KeyCode::Char('t'));
        },
        |app| {
            app.update(Action::Resize {
                width: 80,
                height: 24,
            });
        },
        |app| {
            press(app, KeyCode::Char('/'));
            for c in "water".chars() {
                press(app, KeyCode::Char(c));
            }
        },
        |app| {
            press(app, KeyCode::Enter);
            press(app, KeyCode::Char('3'));
            press(app, KeyCode::Char(' '));
        },
        |app| {
            app.update(Action::Resize {
                width: 200,
                height: 60,
            });
        },
    ];
    for (i, step) in steps.iter().enumerate() {
        step(&mut app);
        assert_eq!(app.screen, fresh(&app), "after step {i}");
    }
    assert_ne!(app.screen, before, "the steps changed the screen");
}

/// The fixture with the dam breach backed by two sources with a URL, so
/// `o` asks which to open.
fn two_urls() -> String {
    FIXTURE.replacen(
        "tags = [\"dam\"]\nsources = [\"herald-2025-02-27\"]",
        "tags = [\"dam\"]\nsources = [\"herald-2025-02-27\", \"ocha-sitrep-3\"]",
        1,
    )
}

#[test]
fn q_closes_every_popup_one_layer_at_a_time_and_is_text_in_prompts() {
    let ctrl_c = |app: &mut App| press_with(app, KeyCode::Char('c'), KeyModifiers::CONTROL);
    let mut app = app_after_removals(120, 40);
    app.file = Some("x.toml".into());
    app.reloaded(Outcome::Failed(Problem {
        first: "x.toml:3:9: bad".into(),
        more: 0,
        report: "error: bad\nx.toml: not valid, 1 error".into(),
    }));

    // Layers that only show something: q closes the top one.
    let layers: [(KeyCode, Mode); 4] = [
        (KeyCode::Enter, Mode::Detail),
        (KeyCode::Char('U'), Mode::Removed),
        (KeyCode::Char('!'), Mode::Report),
        (KeyCode::Char('?'), Mode::Help),
    ];
    for (open, mode) in layers {
        press(&mut app, open);
        assert_eq!(app.mode(), mode);
        assert!(ctrl_c(&mut app), "{mode:?}: Ctrl-C quits");
        if mode != Mode::Help {
            // The report over it (it is already the report), help over
            // that: each q closes one of them, back to this layer.
            if mode != Mode::Report {
                press(&mut app, KeyCode::Char('!'));
                assert_eq!(app.mode(), Mode::Report, "{mode:?}");
            }
            press(&mut app, KeyCode::Char('?'));
            assert_eq!(app.mode(), Mode::Help);
            assert!(!press(&mut app, KeyCode::Char('q')));
            assert_eq!(app.mode(), Mode::Report, "{mode:?}");
            if mode != Mode::Report {
                assert!(!press(&mut app, KeyCode::Char('q')));
                assert_eq!(app.mode(), mode);
            }
        }
        assert!(!press(&mut app, KeyCode::Char('q')), "{mode:?}: q quit");
        assert_eq!(app.mode(), Mode::Normal, "{mode:?}");
        assert!(app.view.popups.is_empty());
    }

    // A detail's pages are layers too: q goes back one page.
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Enter);
    let pages = |app: &App| match app.view.popup() {
        Some(Popup::Detail(d)) => d.pages.len(),
        _ => 0,
    };
    assert_eq!(pages(&app), 2);
    press(&mut app, KeyCode::Char('q'));
    assert_eq!(pages(&app), 1);
    press(&mut app, KeyCode::Char('q'));
    assert_eq!(app.mode(), Mode::Normal);

    // Where typing goes to a prompt, q is text; Esc leaves, Ctrl-C quits.
    for (open, mode) in [
        (KeyCode::Char('/'), Mode::Search),
        (KeyCode::Char('a'), Mode::Picker),
        (KeyCode::Char('f'), Mode::Facets),
        (KeyCode::Char('w'), Mode::Window),
        (KeyCode::Char('x'), Mode::Export),
    ] {
        press(&mut app, open);
        assert_eq!(app.mode(), mode);
        assert!(!press(&mut app, KeyCode::Char('q')), "{mode:?}: q quit");
        assert_eq!(app.mode(), mode, "{mode:?}: q closed it");
        let typed = match app.view.popup() {
            Some(Popup::Picker(p)) => p.list.query.clone(),
            Some(Popup::Facets(p)) => p.list.query.clone(),
            Some(Popup::Window(p)) => p.text.text().to_string(),
            Some(Popup::Export(p)) => p.text.text().to_string(),
            _ => app.data.filter.search.clone(),
        };
        assert!(typed.ends_with('q'), "{mode:?}: {typed:?}");
        assert!(ctrl_c(&mut app), "{mode:?}: Ctrl-C quits");
        press(&mut app, KeyCode::Esc);
        assert_eq!(app.mode(), Mode::Normal, "{mode:?}");
    }

    // The source chooser, over a detail: q closes the chooser only.
    let situation = load_str(&two_urls()).situation.expect("the fixture loads");
    let mut app = App::new(situation, Options::default());
    app.update(Action::Resize {
        width: 120,
        height: 40,
    });
    let e = app.data.situation.event_by_id("dam-breach").unwrap();
    let at = app.data.selection.events.iter().position(|&x| x == e);
    app.view.panes.timeline.cursor.selected = at.unwrap();
    app.view.focus = Pane::Timeline;
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('o'));
    assert_eq!(app.mode(), Mode::Sources);
    assert!(ctrl_c(&mut app));
    assert!(!press(&mut app, KeyCode::Char('q')));
    assert_eq!(app.mode(), Mode::Detail);
    assert!(!press(&mut app, KeyCode::Char('q')));
    assert_eq!(app.mode(), Mode::Normal);
    // Only the main view quits on q.
    assert!(press(&mut app, KeyCode::Char('q')));
}

/// Whether the selected item of `pane` is drawn whole on the screen now.
fn selection_in_view(app: &App, pane: Pane) -> bool {
    let screen = &app.screen;
    let cursor = app.view.panes.get(pane).cursor();
    let height = usize::from(screen.list(pane).height);
    let in_rows = |row: usize| (cursor.offset..cursor.offset + height).contains(&row);
    match pane {
        Pane::Figures => {
            let row = screen.cards.row_of(cursor.selected);
            (cursor.offset..cursor.offset + screen.cards.visible_rows).contains(&row)
        }
        Pane::Timeline => in_rows(app.data.timeline_row_of(cursor.selected)),
        Pane::Actors => in_rows(cursor.selected),
        Pane::Quotes => {
            let s = &app.data.situation;
            let quotes = &app.data.selection.quotes;
            let width = screen.list(pane).width;
            let rows: usize = (cursor.offset..=cursor.selected)
                .map(|p| crate::geometry::quotes::height(s, quotes[p], width))
                .sum();
            // Its last row (the attribution; the blank after it may go).
            cursor.offset <= cursor.selected && rows - 1 <= height
        }
        Pane::Map => true,
    }
}

#[test]
fn a_resize_from_200x60_to_80x24_keeps_every_pane_s_selection_in_view() {
    for pane in Pane::ALL {
        let mut app = app_with(Options::default(), 200, 60);
        if !app.has_pane(pane) {
            continue;
        }
        app.update(Action::Focus(pane));
        // Far down: the last item (the last card, the oldest event...).
        app.update(Action::Bottom);
        if pane == Pane::Figures {
            for _ in 0..10 {
                app.update(Action::Right);
            }
        }
        let before = app.view.panes.get(pane).cursor().selected;
        assert!(before > 0, "{pane:?}: nothing far down to select");
        assert!(selection_in_view(&app, pane), "{pane:?} at 200x60");
        for (width, height) in [(80, 24), (120, 40), (200, 60), (60, 16)] {
            app.update(Action::Resize { width, height });
            let cursor = app.view.panes.get(pane).cursor();
            assert_eq!(cursor.selected, before, "{pane:?} at {width}x{height}");
            assert!(
                selection_in_view(&app, pane),
                "{pane:?} at {width}x{height}: {cursor:?}"
            );
        }
    }
}

#[test]
fn a_resize_keeps_the_now_line_above_the_event_selected_at_start() {
    let mut app = app_with(Options::default(), 200, 60);
    let split = app.data.now_split();
    let divider = |app: &App| {
        let cursor = app.view.panes.timeline.cursor;
        let height = usize::from(app.screen.list(Pane::Timeline).height);
        (cursor.offset..cursor.offset + height).contains(&split)
    };
    assert!(divider(&app));
    for (width, height) in [(80, 24), (60, 16), (120, 40)] {
        app.update(Action::Resize { width, height });
        assert!(
            divider(&app),
            "{width}x{height}: split {split} row {} {:?} height {}",
            app.data
                .timeline_row_of(app.view.panes.timeline.cursor.selected),
            app.view.panes.timeline.cursor,
            app.screen.list(Pane::Timeline).height
        );
        assert!(selection_in_view(&app, Pane::Timeline), "{width}x{height}");
    }
}

#[test]
fn a_reload_before_the_marks_come_marks_at_once_and_the_late_marks_are_dropped() {
    let earlier = FIXTURE.replace("value = 40\n", "value = 35\n");
    let record = record_of(&earlier);
    let options = remembering(record);
    let mut app = app_with(options, 120, 40);
    assert_eq!(app.marks_wording(), Some(super::MARKING));
    // The loop has taken the marks to work out; `u` waits for them.
    let late = app.take_marking().expect("marks to work out").run();
    press(&mut app, KeyCode::Char('u'));
    assert!(!app.filter().marked);
    // A save renames an event before they come: the reload marks with the
    // rest of its state, and the `u` pressed meanwhile is its filter.
    let text = FIXTURE.replace(
        "title = \"A week of record rain over the upper Kessa\"",
        "title = \"Ten days of record rain\"",
    );
    reload(&mut app, &text);
    assert!(!app.data().marking());
    assert!(app.take_marking().is_none());
    assert_eq!(
        app.marks_wording(),
        Some("2 changed since 28 Nov"),
        "the figure and the renamed event"
    );
    assert!(app.filter().marked);
    assert_eq!(event_ids(&app), ["record-rain"]);
    // The marks of the version the reload replaced change nothing.
    app.marked(late);
    assert_eq!(app.marks_wording(), Some("2 changed since 28 Nov"));
    assert_eq!(event_ids(&app), ["record-rain"]);
}

#[test]
fn without_an_earlier_look_nothing_is_marking() {
    let mut first_look = app_with(
        Options {
            seen: Some(seen_setup(None)),
            ..Options::default()
        },
        120,
        40,
    );
    assert!(first_look.take_marking().is_none());
    assert!(!first_look.data().marking());
    assert_eq!(first_look.marks_wording(), None);
    // Nor under --no-state or for the built-in situation.
    let mut remembered_nothing = app();
    assert!(remembered_nothing.take_marking().is_none());
    assert_eq!(remembered_nothing.marks_wording(), None);
}

/// [`seen_setup`] with the last look's record written to a file of its
/// own, not read yet, as the dashboard opens with it.
fn seen_setup_on_disk(dir: &std::path::Path, record: &str) -> SeenSetup {
    let path = dir.join("dashboard.seen");
    std::fs::write(&path, record).unwrap();
    SeenSetup {
        record: path,
        unread: true,
        ..seen_setup(None)
    }
}

#[test]
fn the_record_is_read_after_the_first_frame_with_the_marks() {
    let scratch = tempfile::tempdir().unwrap();
    let record = record_of(&FIXTURE.replace("value = 40\n", "value = 35\n"));
    let setup = seen_setup_on_disk(scratch.path(), &record.to_text());
    let options = Options {
        seen: Some(setup.clone()),
        ..Options::default()
    };
    let mut app = app_with(options.clone(), 120, 40);
    assert_eq!(app.marks_wording(), Some(super::MARKING));
    app.mark_now();
    assert_eq!(app.marks_wording(), Some("1 changed since 28 Nov"));
    assert_eq!(app.seen().unwrap().since, " since 28 Nov");

    // Quitting before the marks came still keeps the days items were
    // first seen: the record is read then.
    let unmarked = app_with(options, 120, 40);
    let (_, _, next) = unmarked
        .seen_record("2026-12-01T10:00:00Z".parse().unwrap())
        .unwrap();
    let since = |key: &str| next.items().find(|i| i.key == key).unwrap().since;
    assert_eq!(since("dam-breach"), "2026-11-28".parse().unwrap());
    assert_eq!(since("shelters"), "2026-12-01".parse().unwrap());

    // A record that cannot be used is told when the marks come, and
    // nothing is marked.
    let damaged = seen_setup_on_disk(scratch.path(), "garbage");
    let mut app = app_with(
        Options {
            seen: Some(damaged),
            ..Options::default()
        },
        120,
        40,
    );
    assert_eq!(app.status(), None);
    app.mark_now();
    assert_eq!(
        app.status(),
        Some("seen-state record not used (not a sitrep seen-state record): nothing marked")
    );
    assert_eq!(app.marks_wording(), None);
    assert!(app.data().marks.is_empty());
}

#[test]
fn a_reload_before_the_record_is_read_reads_it() {
    let scratch = tempfile::tempdir().unwrap();
    let record = record_of(&FIXTURE.replace("value = 40\n", "value = 35\n"));
    let options = Options {
        seen: Some(seen_setup_on_disk(scratch.path(), &record.to_text())),
        ..Options::default()
    };
    let mut app = app_with(options, 120, 40);
    let late = app.take_marking().unwrap().run();
    reload(&mut app, FIXTURE);
    // Against the last look, not against the version first shown.
    assert_eq!(app.marks_wording(), Some("1 changed since 28 Nov"));
    app.marked(late);
    assert_eq!(app.marks_wording(), Some("1 changed since 28 Nov"));
}
