//! The facet filter through `update`: `f` and every key of its picker, the
//! chips, and a reload. Keys go through the keymap as the event loop sends
//! them.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::*;
use crate::geometry::header::{Chip, all_chips, chip_label};
use crate::load::load_str;
use crate::model::{ActorKind, SourceIx};
use crate::query::FacetGroup;
use crate::reload::Outcome;

const FIXTURE: &str = include_str!("../../tests/fixtures/dashboard.toml");

fn app_with(options: Options) -> App {
    let situation = load_str(FIXTURE).situation.expect("the fixture loads");
    let mut app = App::new(situation, options);
    app.update(Action::Resize {
        width: 120,
        height: 40,
    });
    app
}

fn app() -> App {
    app_with(Options::default())
}

fn press_with(app: &mut App, code: KeyCode, modifiers: KeyModifiers) {
    let key = KeyEvent::new(code, modifiers);
    if let Some(action) = app.keymap.action_for(app.mode(), app.view.focus, key) {
        app.update(action);
    }
}

fn press(app: &mut App, code: KeyCode) {
    press_with(app, code, KeyModifiers::NONE);
}

fn typing(app: &mut App, text: &str) {
    for c in text.chars() {
        press(app, KeyCode::Char(c));
    }
}

fn picker(app: &App) -> &FacetPopup {
    match app.view.popup() {
        Some(Popup::Facets(p)) => p,
        other => panic!("the facet picker is not on top: {other:?}"),
    }
}

/// The picker's rows as text: "# Categories" for a heading, "value n".
fn rows(app: &App) -> Vec<String> {
    let s = &app.data.situation;
    picker(app)
        .list
        .rows
        .iter()
        .map(|row| match row {
            FacetRow::Heading { title, .. } => format!("# {title}"),
            FacetRow::Item(FacetValue { facet, events }) => format!("{} {events}", facet.name(s)),
        })
        .collect()
}

fn highlighted(app: &App) -> String {
    let s = &app.data.situation;
    picker(app)
        .selected()
        .map(|f| f.name(s).to_string())
        .unwrap_or_default()
}

fn event_ids(app: &App) -> Vec<&str> {
    let s = &app.data.situation;
    app.data
        .selection
        .events
        .iter()
        .map(|&e| s.events[e].id.as_str())
        .collect()
}

fn source(app: &App, id: &str) -> SourceIx {
    app.data.situation.source_by_id(id).expect("a source")
}

#[test]
fn f_lists_every_facet_with_the_events_each_value_keeps() {
    let mut app = app();
    press(&mut app, KeyCode::Char('f'));
    assert_eq!(app.mode(), Mode::Facets);
    let rows = rows(&app);
    assert_eq!(
        rows[..10],
        [
            "# Categories",
            "disaster 1",
            "funding 2",
            "health 1",
            "humanitarian 4",
            "infrastructure 2",
            "politics 4",
            "security 1",
            "weather 1",
            "# Tags",
        ]
    );
    assert_eq!(rows[10], "dam 1");
    // Only the kinds some actor has, in the format's order.
    assert_eq!(
        rows[11..17],
        [
            "# Actor kinds",
            "person 3",
            "organization 9",
            "government 5",
            "force 2",
            "population 7",
        ]
    );
    assert_eq!(rows[17], "# Sources");
    assert_eq!(rows.len(), 18 + app.data.situation.sources.len());
    // The cursor starts on the first value, not on a heading.
    assert_eq!(highlighted(&app), "disaster");
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.mode(), Mode::Normal);
}

#[test]
fn typing_narrows_and_backspace_and_ctrl_u_widen() {
    let mut app = app();
    press(&mut app, KeyCode::Char('f'));
    typing(&mut app, "pol");
    assert_eq!(rows(&app), ["# Categories", "politics 4"]);
    // `?`, `q` and `c` are text here.
    typing(&mut app, "q");
    assert!(rows(&app).is_empty());
    assert_eq!(app.mode(), Mode::Facets);
    press(&mut app, KeyCode::Backspace);
    assert_eq!(picker(&app).list.query, "pol");
    assert_eq!(highlighted(&app), "politics");
    press_with(&mut app, KeyCode::Char('u'), KeyModifiers::CONTROL);
    assert_eq!(picker(&app).list.query, "");
    // The highlighted value stays highlighted as the list widens.
    assert_eq!(highlighted(&app), "politics");
    // A source matches by its id and its publisher too.
    typing(&mut app, "wire-2025");
    assert_eq!(rows(&app).len(), 2);
    assert_eq!(
        picker(&app).selected(),
        Some(&Facet::Source(source(&app, "wire-2025-03-12")))
    );
}

#[test]
fn moving_skips_the_headings() {
    let mut app = app();
    press(&mut app, KeyCode::Char('f'));
    press(&mut app, KeyCode::Up);
    assert_eq!(
        highlighted(&app),
        "disaster",
        "nothing above the first value"
    );
    for _ in 0..7 {
        press(&mut app, KeyCode::Down);
    }
    assert_eq!(highlighted(&app), "weather");
    // Over the "Tags" heading.
    press(&mut app, KeyCode::Down);
    assert_eq!(highlighted(&app), "dam");
    press_with(&mut app, KeyCode::Char('n'), KeyModifiers::CONTROL);
    assert_eq!(highlighted(&app), "person");
    press_with(&mut app, KeyCode::Char('p'), KeyModifiers::CONTROL);
    assert_eq!(highlighted(&app), "dam");
    press(&mut app, KeyCode::Up);
    assert_eq!(highlighted(&app), "weather");
    press(&mut app, KeyCode::PageDown);
    assert!(picker(&app).selected().is_some());
    assert!(picker(&app).list.cursor.selected > 10);
    press(&mut app, KeyCode::PageUp);
    press(&mut app, KeyCode::PageUp);
    assert_eq!(highlighted(&app), "disaster");
    // The first heading stays in view above the first value.
    assert_eq!(picker(&app).list.cursor.offset, 0);
}

#[test]
fn enter_toggles_a_value_any_within_a_facet_and_all_across() {
    let mut app = app();
    press(&mut app, KeyCode::Char('f'));
    typing(&mut app, "politics");
    press(&mut app, KeyCode::Enter);
    // The picker stays open for more.
    assert_eq!(app.mode(), Mode::Facets);
    assert_eq!(app.data.filter.facets.categories, ["politics"]);
    assert_eq!(
        event_ids(&app),
        [
            "emergency-declared",
            "minister-tour",
            "budget-vote",
            "emergency-expires"
        ]
    );
    assert_eq!(app.status(), Some("+ category politics · 4 events shown"));
    // Another category widens: any value of one facet.
    press_with(&mut app, KeyCode::Char('u'), KeyModifiers::CONTROL);
    typing(&mut app, "funding");
    press(&mut app, KeyCode::Enter);
    assert_eq!(event_ids(&app).len(), 6);
    // A kind narrows: every facet must hold.
    press_with(&mut app, KeyCode::Char('u'), KeyModifiers::CONTROL);
    typing(&mut app, "person");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.data.filter.facets.kinds, [ActorKind::Person]);
    assert_eq!(event_ids(&app), ["emergency-declared", "minister-tour"]);
    // Enter again takes it out.
    press(&mut app, KeyCode::Enter);
    assert!(app.data.filter.facets.kinds.is_empty());
    assert_eq!(event_ids(&app).len(), 6);
    assert_eq!(app.status(), Some("− actor kind person · 6 events shown"));
}

#[test]
fn counts_follow_the_rest_of_the_filter_but_not_their_own_facet() {
    let mut app = app();
    press(&mut app, KeyCode::Char('f'));
    typing(&mut app, "politics");
    press(&mut app, KeyCode::Enter);
    press_with(&mut app, KeyCode::Char('u'), KeyModifiers::CONTROL);
    let rows = rows(&app);
    // Categories still count against everything else: choosing funding
    // would add its 2.
    assert!(rows.contains(&"funding 2".to_string()), "{rows:?}");
    // Kinds count within politics now.
    assert!(rows.contains(&"person 2".to_string()), "{rows:?}");
    assert!(rows.contains(&"population 0".to_string()), "{rows:?}");
}

#[test]
fn chips_show_each_value_and_backspace_c_and_a_click_remove_them() {
    let mut app = app();
    app.update(Action::Facets);
    typing(&mut app, "humanitarian");
    press(&mut app, KeyCode::Enter);
    press_with(&mut app, KeyCode::Char('u'), KeyModifiers::CONTROL);
    typing(&mut app, "dam");
    press(&mut app, KeyCode::Enter);
    press_with(&mut app, KeyCode::Char('u'), KeyModifiers::CONTROL);
    typing(&mut app, "wire-2025");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.mode(), Mode::Normal);
    let chips: Vec<Chip> = all_chips(&app.data).collect();
    assert_eq!(
        chips,
        [
            Chip::Facet(FacetGroup::Category, 0),
            Chip::Facet(FacetGroup::Tag, 0),
            Chip::Facet(FacetGroup::Source, 0)
        ]
    );
    let labels: Vec<String> = chips.iter().map(|&c| chip_label(&app.data, c)).collect();
    assert_eq!(
        labels,
        [
            " cat:humanitarian ✕ ",
            " #dam ✕ ",
            " src:wire-2025-03-12 ✕ "
        ]
    );
    assert!(app.filter_active());
    // Backspace takes out the last chip.
    press(&mut app, KeyCode::Backspace);
    assert!(app.data.filter.facets.sources.is_empty());
    assert_eq!(app.data.filter.facets.tags, ["dam"]);
    // A click on a chip takes out that one.
    let placed = crate::geometry::header::chips(&app.data, app.screen.header);
    let (rect, chip) = placed[0];
    assert_eq!(chip, Chip::Facet(FacetGroup::Category, 0));
    app.update(Action::Click {
        column: rect.x + 1,
        row: rect.y,
    });
    assert!(app.data.filter.facets.categories.is_empty());
    assert_eq!(app.data.filter.facets.tags, ["dam"]);
    assert_eq!(event_ids(&app), ["dam-breach"]);
    // `c` clears every filter, facets with it.
    press(&mut app, KeyCode::Char('c'));
    assert!(app.data.filter.facets.is_empty());
    assert_eq!(event_ids(&app).len(), app.data.situation.events.len());
}

#[test]
fn facets_from_the_command_line_start_the_filter() {
    let situation = load_str(FIXTURE).situation.unwrap();
    let ask = crate::ask::Ask {
        kinds: vec!["force".into()],
        ..Default::default()
    };
    let filter = ask.filter(&situation).expect("a known kind");
    let app = app_with(Options {
        filter,
        ..Options::default()
    });
    assert_eq!(event_ids(&app), ["evacuation", "sarrin-protest"]);
    assert_eq!(
        all_chips(&app.data).collect::<Vec<_>>(),
        [Chip::Facet(FacetGroup::Kind, 0)]
    );
}

#[test]
fn a_reload_keeps_facets_by_value_and_sources_by_id() {
    let mut app = app();
    let wire = source(&app, "wire-2025-03-12");
    app.data.filter.facets.toggle(Facet::Source(wire));
    app.data.filter.facets.toggle(Facet::Tag("dam".into()));
    app.data.filter.facets.toggle(Facet::Kind(ActorKind::Force));
    app.refilter();
    press(&mut app, KeyCode::Char('f'));
    typing(&mut app, "sarrin");
    // A new source before the others moves every source's index; the dam
    // tag is gone from the new version.
    let text = FIXTURE
        .replacen(
            "[[sources]]",
            "[[sources]]\nid = \"first\"\ntitle = \"A new first source\"\n\n[[sources]]",
            1,
        )
        .replace("tags = [\"dam\"]\n", "");
    app.reloaded(Outcome::Loaded {
        situation: Box::new(load_str(&text).situation.expect("the new version loads")),
        warnings: 0,
    });
    let facets = &app.data.filter.facets;
    assert_eq!(facets.sources, [source(&app, "wire-2025-03-12")]);
    assert_ne!(facets.sources, [wire]);
    assert!(facets.tags.is_empty());
    assert_eq!(facets.kinds, [ActorKind::Force]);
    assert!(
        app.status()
            .is_some_and(|s| s.contains("no longer in the file: dam")),
        "{:?}",
        app.status()
    );
    assert_eq!(event_ids(&app), ["sarrin-protest"]);
    // The open picker counted again on the new data.
    assert_eq!(app.mode(), Mode::Facets);
    assert!(!rows(&app).iter().any(|r| r.starts_with("dam")));
    assert!(rows(&app).iter().all(|r| r != "# Tags"));
}

#[test]
fn help_and_the_footer_name_the_facet_key() {
    let app = app();
    let key = app.keymap.key(Mode::Normal, Action::Facets);
    assert_eq!(key.as_deref(), Some("f"));
    let text = crate::doc::help::help_text(
        &app.theme,
        &app.keymap,
        crate::geometry::popup::help(app.screen.popups).text.width,
        app.data.has_map(),
        app.keys_off(),
    );
    let lines: Vec<String> = text.lines.iter().map(|l| l.to_string()).collect();
    assert!(
        lines
            .iter()
            .any(|l| l.contains("f") && l.contains("pick categories, tags, actor kinds or sources")),
        "{lines:#?}"
    );
    assert!(lines.iter().any(|l| l.contains("Facet picker")));
    assert!(
        lines
            .iter()
            .any(|l| l.contains("each count is the events kept with it")),
        "{lines:#?}"
    );
}
