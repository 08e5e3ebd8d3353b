//! The screen, drawn on ratatui's TestBackend: whole-screen text snapshots
//! at 80x24 and 140x45 only, and pane-level ones for the rest (a pane or
//! the popups drawn alone into a buffer of their own rect), so that a
//! change to the footer or the header rewrites two files, not twenty
//! (insta; the .snap files are committed); styles checked cell by cell
//! (snapshots hold no colour), and sizes that must not panic.

mod common;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyCode;
use ratatui::style::{Color, Modifier};

use sitrep::action::{Action, Pane};
use sitrep::app::{App, Options};
use sitrep::load::load_str;
use sitrep::reload::{Outcome, Problem};
use sitrep::theme::Theme;

use common::{FIXTURE, keys, opened, screen_text, typed};

fn app_sized(width: u16, height: u16, theme: Theme) -> App {
    let options = Options {
        theme,
        ..Options::default()
    };
    opened(FIXTURE, options, width, height)
}

fn app(width: u16, height: u16) -> App {
    app_sized(width, height, Theme::monochrome())
}

/// The terminal as drawn (its snapshots quote each row).
fn draw(app: &App) -> Terminal<TestBackend> {
    let size = app.view().size;
    let mut terminal = Terminal::new(TestBackend::new(size.width, size.height)).unwrap();
    terminal
        .draw(|frame| frame.render_widget(app, frame.area()))
        .unwrap();
    terminal
}

/// One pane drawn alone into a buffer of just its rect: what the pane
/// shows, without the header, the footer or the other panes. Drawing past
/// its rect would panic here.
fn pane_text(app: &App, pane: Pane) -> String {
    let area = app.screen().visible(pane).expect("the pane is on screen");
    let mut buffer = Buffer::empty(area);
    sitrep::ui::render_pane(app, pane, &mut buffer);
    screen_text(&buffer)
}

/// The open popups drawn alone, cut to the rect they cover.
fn popup_text(app: &App) -> String {
    let mut buffer = Buffer::empty(app.screen().size);
    sitrep::ui::render_popups(app, &mut buffer);
    let area = buffer.area;
    let used = |x: u16, y: u16| buffer[(x, y)].symbol() != " ";
    let rows: Vec<u16> = (area.top()..area.bottom())
        .filter(|&y| (area.left()..area.right()).any(|x| used(x, y)))
        .collect();
    let columns: Vec<u16> = (area.left()..area.right())
        .filter(|&x| (area.top()..area.bottom()).any(|y| used(x, y)))
        .collect();
    let (Some(&top), Some(&bottom), Some(&left), Some(&right)) =
        (rows.first(), rows.last(), columns.first(), columns.last())
    else {
        return String::new();
    };
    (top..=bottom)
        .map(|y| (left..=right).map(|x| buffer[(x, y)].symbol()).collect())
        .collect::<Vec<String>>()
        .join("\n")
}

/// The header alone (filter chips, counts).
fn header_text(app: &App) -> String {
    let area = app.screen().header;
    let mut buffer = Buffer::empty(area);
    sitrep::ui::header::render(app, area, &mut buffer);
    screen_text(&buffer)
}

/// The footer alone (keys, prompts, status).
fn footer_text(app: &App) -> String {
    let area = app.screen().footer;
    let mut buffer = Buffer::empty(area);
    sitrep::ui::footer::render(app, area, &mut buffer);
    screen_text(&buffer)
}

/// The reload banner alone.
fn banner_text(app: &App) -> String {
    let area = app.screen().banner;
    let mut buffer = Buffer::empty(area);
    sitrep::ui::banner::render(app, area, &mut buffer);
    screen_text(&buffer)
}

/// Parts of a screen, each under a line naming it.
fn parts(parts: &[(&str, String)]) -> String {
    parts
        .iter()
        .map(|(name, text)| format!("[{name}]\n{text}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The first cell whose row contains `needle`, and that row's y.
fn find(buffer: &Buffer, needle: &str) -> Option<(u16, u16)> {
    let text = screen_text(buffer);
    text.lines().enumerate().find_map(|(y, line)| {
        line.find(needle)
            .map(|at| (line[..at].chars().count() as u16, y as u16))
    })
}

macro_rules! snapshot {
    ($name:expr, $app:expr) => {
        insta::assert_snapshot!($name, draw(&$app).backend());
    };
}

#[test]
fn opening_screen_80x24() {
    snapshot!("open_80x24", app(80, 24));
}

#[test]
fn opening_screen_140x45() {
    snapshot!("open_140x45", app(140, 45));
}

#[test]
fn filtered_by_actor_and_search_80x24() {
    let mut app = app(80, 24);
    keys(&mut app, &[KeyCode::Char('a')]);
    typed(&mut app, "interior");
    keys(
        &mut app,
        &[KeyCode::Enter, KeyCode::Esc, KeyCode::Char('/')],
    );
    typed(&mut app, "sarrin");
    keys(&mut app, &[KeyCode::Enter]);
    insta::assert_snapshot!(
        "filtered_80x24",
        parts(&[
            ("header", header_text(&app)),
            ("timeline", pane_text(&app, Pane::Timeline)),
        ])
    );
}

#[test]
fn filtered_by_actor_140x45() {
    let mut app = app(140, 45);
    keys(&mut app, &[KeyCode::Char('a')]);
    typed(&mut app, "ocha");
    keys(&mut app, &[KeyCode::Enter, KeyCode::Esc]);
    insta::assert_snapshot!(
        "filtered_140x45",
        parts(&[
            ("header", header_text(&app)),
            ("timeline", pane_text(&app, Pane::Timeline)),
            ("actors", pane_text(&app, Pane::Actors)),
        ])
    );
}

#[test]
fn typing_a_search_80x24() {
    let mut app = app(80, 24);
    keys(&mut app, &[KeyCode::Char('/')]);
    typed(&mut app, "water");
    insta::assert_snapshot!(
        "searching_80x24",
        parts(&[
            ("timeline", pane_text(&app, Pane::Timeline)),
            ("footer", footer_text(&app)),
        ])
    );
}

#[test]
fn actors_and_quotes_tabs_80x24() {
    let mut app = app(80, 24);
    keys(&mut app, &[KeyCode::Char('3')]);
    insta::assert_snapshot!("actors_80x24", pane_text(&app, Pane::Actors));
    keys(&mut app, &[KeyCode::Char('4'), KeyCode::Char('j')]);
    insta::assert_snapshot!("quotes_80x24", pane_text(&app, Pane::Quotes));
}

#[test]
fn the_shown_tab_says_the_order_of_its_list() {
    let mut app = app(80, 24);
    let tab_row = |app: &App| {
        let screen = screen_text(draw(app).backend().buffer());
        let y = app.screen().tabs[0].rect.y;
        screen
            .lines()
            .nth(usize::from(y))
            .unwrap_or_default()
            .to_string()
    };
    assert!(tab_row(&app).contains(" 2 Timeline · oldest first ━ 3 Actors ━"));
    keys(&mut app, &[KeyCode::Char('3')]);
    for order in ["tree", "by events", "by name", "tree"] {
        let row = tab_row(&app);
        assert!(
            row.contains(&format!("━ 3 Actors · {order} ━ 4 Quotes ━━")),
            "{row}"
        );
        // Each tab's label is drawn where a click finds it.
        let drawn = draw(&app);
        for &sitrep::geometry::Tab { rect, pane, .. } in &app.screen().tabs {
            let cells: String = (rect.left()..rect.right())
                .map(|x| drawn.backend().buffer()[(x, rect.y)].symbol())
                .collect();
            assert!(cells.starts_with(&format!(" {} {}", pane.number(), pane.title())));
        }
        keys(&mut app, &[KeyCode::Char('s')]);
    }
    // Where the note would push a tab off the border, no tab says it.
    let mut app = builtin_at(50, 20);
    keys(&mut app, &[KeyCode::Char('3')]);
    let row = tab_row(&app);
    assert!(row.contains("━ 3 Actors ━ 4 Quotes ━ 5 Map ━"), "{row}");
    assert_eq!(app.screen().tabs.len(), 4);
}

#[test]
fn quotes_keep_a_blank_column_before_the_border() {
    for (width, height) in [(80, 24), (120, 40), (200, 60)] {
        let mut app = builtin_at(width, height);
        keys(&mut app, &[KeyCode::Char('4')]);
        let text = pane_text(&app, Pane::Quotes);
        let rows: Vec<Vec<char>> = text.lines().map(|l| l.chars().collect()).collect();
        let inner = &rows[1..rows.len() - 1];
        assert!(
            inner
                .iter()
                .any(|r| r[2..].iter().any(|c| c.is_alphabetic()))
        );
        for row in inner {
            let before_border = row[row.len() - 2];
            assert_eq!(before_border, ' ', "{width}x{height}:\n{text}");
        }
    }
}

#[test]
fn at_80_columns_a_file_of_many_spans_gives_titles_the_room_before_its_dates() {
    use sitrep::geometry::columns::{GLYPH, timeline_columns};
    let mut out = Vec::new();
    sitrep_generate::generate(&sitrep_generate::Options::new(2_000, 7), &mut out)
        .expect("writing to a Vec cannot fail");
    let text = String::from_utf8(out).expect("the generator writes UTF-8");
    let situation = load_str(&text).situation.expect("the generated file loads");
    // Most dates of the file are spans as wide as "2025 – Apr 2025".
    assert!(
        App::new(situation.clone(), Options::default())
            .derived()
            .date_width
            >= 15
    );
    let labels: std::collections::HashSet<String> = situation
        .events
        .iter()
        .flat_map(|e| e.date_labels())
        .collect();
    let mut app = App::new(situation, Options::default());
    app.update(Action::Resize {
        width: 80,
        height: 24,
    });
    let list = app.screen().list(Pane::Timeline);
    let cols = timeline_columns(app.derived(), usize::from(list.width));
    let drawn = draw(&app);
    let buffer = drawn.backend().buffer();
    let cell = |x: u16, w: usize, y: u16| -> String {
        (x..x + w as u16).map(|x| buffer[(x, y)].symbol()).collect()
    };
    let mut rows = 0;
    for y in list.top()..list.bottom() {
        if !["●", "◐", "○"].contains(&buffer[(list.x, y)].symbol()) {
            continue;
        }
        rows += 1;
        let date = cell(list.x + GLYPH as u16, cols.date, y);
        // The title starts within a sixth of the row and a gap.
        assert!(date.ends_with(' '), "{date:?}");
        let date = date.trim_end();
        // A span that does not fit is told coarser ("2025") or cut with
        // "…", never mangled.
        assert!(
            labels.contains(date) || date.ends_with('…'),
            "{date:?} is no date of the file"
        );
        let title = cell(list.x + (GLYPH + cols.date) as u16, cols.title, y);
        assert!(!title.starts_with(' '), "{title:?}");
    }
    assert!(rows >= 8, "{rows} rows");
    assert!(cols.date <= 78 / 6 + 1, "{cols:?}");
}

#[test]
fn zoomed_key_figures_use_the_rows_of_80x24_for_the_notes() {
    let mut app = builtin_at(80, 24);
    keys(&mut app, &[KeyCode::Char('1'), KeyCode::Char('z')]);
    let text = pane_text(&app, Pane::Figures);
    let rows: Vec<&str> = text.lines().collect();
    // Two rows of cards reach the bottom: no blank rows under them.
    assert!(
        rows.last()
            .is_some_and(|r| r.starts_with('┗') || r.starts_with('└')),
        "{text}"
    );
    assert!(rows.iter().all(|r| !r.trim().is_empty()), "{text}");
    // Under each card's source, after a blank row, its note, cut with "…".
    let card_rows: Vec<&str> = rows
        .iter()
        .map(|r| &r[..r.char_indices().nth(40).map_or(r.len(), |(i, _)| i)])
        .collect();
    let source = card_rows
        .iter()
        .position(|r| r.contains("via Associated Press"))
        .expect("a source");
    assert_eq!(
        card_rows[source + 1].trim_matches(['┃', '│', ' ']),
        "",
        "{text}"
    );
    assert!(
        card_rows[source + 2].contains("Planned strength 2,500, of which Kenya"),
        "{text}"
    );
    assert!(
        card_rows[source + 3]
            .trim_end_matches(['┃', '│'])
            .ends_with('…'),
        "{text}"
    );
    // Four cards still in view, as before: the page is as long.
    assert!(rows[0].contains("1–4 of 15"), "{text}");
}

/// The cells of a pane's list rows in the last two columns inside its
/// border: what ends the row and the column before the border.
fn row_ends(app: &App, pane: Pane) -> Vec<(String, String)> {
    let drawn = draw(app);
    let buffer = drawn.backend().buffer();
    let list = app.screen().list(pane);
    let right = list.right();
    (list.top()..list.bottom())
        .filter(|&y| buffer[(list.x, y)].symbol() != " " || buffer[(list.x + 2, y)].symbol() != " ")
        .map(|y| {
            let cell = |x: u16| buffer[(x, y)].symbol().to_string();
            (cell(right - 2), cell(right - 1))
        })
        .collect()
}

#[test]
fn timeline_rows_and_actors_keep_a_blank_column_before_the_border() {
    for (width, height) in [(80, 24), (120, 40), (200, 60)] {
        let mut app = builtin_at(width, height);
        let ends = row_ends(&app, Pane::Timeline);
        assert!(ends.len() >= 5, "{width}x{height}: {ends:?}");
        for (last, margin) in &ends {
            // Each event's source count ("[2]") and the "now" rule end
            // one column short of the border.
            assert!(last == "]" || last == "─", "{width}x{height}: {ends:?}");
            assert_eq!(margin, " ", "{width}x{height}: {ends:?}");
        }
        keys(&mut app, &[KeyCode::Char('3')]);
        let ends = row_ends(&app, Pane::Actors);
        assert!(ends.len() >= 5, "{width}x{height}: {ends:?}");
        for (_, margin) in &ends {
            assert_eq!(margin, " ", "{width}x{height}: {ends:?}");
        }
        if width == 200 {
            // A role cut at the pane's edge ends just before the margin.
            assert!(ends.iter().any(|(last, _)| last == "…"), "{ends:?}");
        }
    }
}

#[test]
fn the_map_beside_the_timeline_is_centred_in_its_slot() {
    // At 200x60 the map's slot is tall for its width: more than the Earth
    // from its northernmost to its southernmost coast. The drawing sits in
    // the middle of the slot, not below blank rows past the pole.
    let app = builtin_at(200, 60);
    let area = app
        .screen()
        .visible(Pane::Map)
        .expect("the map is on screen");
    let drawn = draw(&app);
    let buffer = drawn.backend().buffer();
    // Inside the border, above the status line.
    let rows = area.y + 1..area.bottom() - 2;
    let inked = |y: u16| (area.x + 1..area.right() - 1).any(|x| buffer[(x, y)].symbol() != " ");
    let above = rows.clone().take_while(|&y| !inked(y)).count();
    let below = rows.rev().take_while(|&y| !inked(y)).count();
    assert!(
        above <= 1 && above.abs_diff(below) <= 1,
        "{above} blank rows above, {below} below\n{}",
        screen_text(buffer)
    );
}

#[test]
fn figures_paged_80x24() {
    let mut app = app(80, 24);
    keys(&mut app, &[KeyCode::Char('1'), KeyCode::Char('j')]);
    insta::assert_snapshot!("figures_second_row_80x24", pane_text(&app, Pane::Figures));
    keys(&mut app, &[KeyCode::Char('z')]);
    insta::assert_snapshot!("figures_zoomed_80x24", pane_text(&app, Pane::Figures));
}

#[test]
fn event_detail_80x24_and_140x45() {
    for (width, height) in [(80, 24), (140, 45)] {
        let mut app = app(width, height);
        // The OCHA count: actors, a source with a url, a quote.
        keys(
            &mut app,
            &[KeyCode::Char('k'), KeyCode::Char('k'), KeyCode::Enter],
        );
        insta::assert_snapshot!(format!("event_detail_{width}x{height}"), popup_text(&app));
    }
}

#[test]
fn a_long_url_reads_whole_in_a_detail_and_o_opens_it() {
    let url = "https://reliefweb.example/report/kessa-valley/floods-situation-report-no-3-as-of-10-march-2025-covering-the-lower-districts?utm_source=partner-newsletter&utm_medium=email";
    let text = FIXTURE.replace("https://reliefweb.example/report/kessa-sitrep-3", url);
    let situation = load_str(&text).situation.expect("the file loads");
    for (width, height) in [(80, 24), (140, 45)] {
        let mut app = App::new(situation.clone(), Options::default());
        app.update(Action::Resize { width, height });
        // The OCHA count, whose source has the url; the sources are at
        // the end.
        keys(&mut app, &[KeyCode::Char('/')]);
        self::typed(&mut app, "OCHA counts");
        keys(&mut app, &[KeyCode::Enter, KeyCode::Enter, KeyCode::End]);
        let popup = popup_text(&app);
        // The url's rows, read in order, are the url: nothing cut, no
        // hyphen or ellipsis added.
        let rows: Vec<&str> = popup
            .lines()
            .map(|l| l.trim_matches(|c: char| "│█ ".contains(c)))
            .skip_while(|l| !l.starts_with("https://reliefweb"))
            .take_while(|l| !l.is_empty() && !l.starts_with('└'))
            .collect();
        assert!(rows.len() >= 2, "{width}x{height}: the url wraps\n{popup}");
        assert_eq!(rows.concat(), url, "{width}x{height}\n{popup}");
        // `o` still opens the whole url.
        let effects = app.update(Action::OpenSource);
        assert!(
            effects
                .iter()
                .any(|e| matches!(e, sitrep::app::Effect::OpenUrl(u) if u == url)),
            "{effects:?}"
        );
    }
}

#[test]
fn figure_detail_lists_every_observation_140x45() {
    let mut app = app(140, 45);
    keys(&mut app, &[KeyCode::Char('1'), KeyCode::Enter]);
    insta::assert_snapshot!("figure_detail_140x45", popup_text(&app));
}

#[test]
fn actor_detail_from_an_event_80x24() {
    let mut app = app(80, 24);
    keys(
        &mut app,
        &[KeyCode::Char('k'), KeyCode::Char('k'), KeyCode::Enter],
    );
    keys(&mut app, &[KeyCode::Tab, KeyCode::Enter]);
    insta::assert_snapshot!("actor_detail_80x24", popup_text(&app));
}

#[test]
fn quote_detail_140x45() {
    let mut app = app(140, 45);
    keys(&mut app, &[KeyCode::Char('4'), KeyCode::Enter]);
    insta::assert_snapshot!("quote_detail_140x45", popup_text(&app));
}

#[test]
fn picker_80x24() {
    let mut app = app(80, 24);
    keys(&mut app, &[KeyCode::Char('a')]);
    typed(&mut app, "un");
    insta::assert_snapshot!("picker_80x24", popup_text(&app));
}

#[test]
fn help_80x24() {
    let mut app = app(80, 24);
    keys(&mut app, &[KeyCode::Char('?')]);
    insta::assert_snapshot!("help_80x24", popup_text(&app));
}

#[test]
fn too_small_asks_to_enlarge() {
    snapshot!("too_small_24x8", app(24, 8));
    snapshot!("too_small_30x10", app(30, 10));
}

#[test]
fn wide_200x60_shows_every_column() {
    let app = app(200, 60);
    let terminal = draw(&app);
    let screen = screen_text(terminal.backend().buffer());
    // Category and actors columns, roles in the actors pane.
    assert!(screen.contains("infrastructure"), "{screen}");
    assert!(screen.contains("Minister of the Interior"), "{screen}");
    assert!(screen.contains("OCHA, Brandt, residents"), "{screen}");
}

#[test]
fn no_size_panics_in_any_mode() {
    let setups: [&dyn Fn(&mut App); 7] = [
        &|_| {},
        &|app| app.reloaded(Outcome::Failed(problem("x.toml:1:1: broken", 3))),
        &|app| keys(app, &[KeyCode::Char('?')]),
        &|app| keys(app, &[KeyCode::Char('a')]),
        &|app| keys(app, &[KeyCode::Enter]),
        &|app| keys(app, &[KeyCode::Char('1'), KeyCode::Char('z')]),
        &|app| keys(app, &[KeyCode::Char('/'), KeyCode::Char('x')]),
    ];
    let mut sizes = vec![(1, 1), (24, 8), (0, 0), (1, 40), (200, 1)];
    for width in (2..=130).step_by(7) {
        for height in (2..=50).step_by(4) {
            sizes.push((width, height));
        }
    }
    for setup in setups {
        for &(width, height) in &sizes {
            let mut app = app(width, height);
            setup(&mut app);
            for code in [KeyCode::Char('j'), KeyCode::PageDown, KeyCode::Tab] {
                keys(&mut app, &[code]);
            }
            let mut terminal =
                Terminal::new(TestBackend::new(width.max(1), height.max(1))).unwrap();
            terminal
                .draw(|frame| frame.render_widget(&app, frame.area()))
                .unwrap();
        }
    }
}

#[test]
fn the_timeline_shows_eight_rows_or_more_at_80x24() {
    let app = app(80, 24);
    let screen = app.screen().clone();
    assert!(screen.list(sitrep::action::Pane::Timeline).height >= 8);
}

#[test]
fn upcoming_rows_differ_without_colour() {
    let mut app = app(80, 24);
    // Scrolled to the first upcoming row and back up one, so that it shows
    // unselected.
    keys(
        &mut app,
        &[KeyCode::Char('j'), KeyCode::Char('j'), KeyCode::Char('k')],
    );
    let terminal = draw(&app);
    let buffer = terminal.backend().buffer();
    let (x, y) = find(buffer, "Parliament votes").expect("an upcoming event in view");
    assert!(buffer[(x, y)].modifier.contains(Modifier::ITALIC));
    assert!(
        screen_text(buffer)
            .lines()
            .nth(usize::from(y))
            .unwrap()
            .contains('○')
    );
    let (x, y) = find(buffer, "Protest in Sarrin").expect("a past event in view");
    assert!(!buffer[(x, y)].modifier.contains(Modifier::ITALIC));
}

#[test]
fn the_selected_row_is_reversed() {
    let app = app(80, 24);
    let terminal = draw(&app);
    let buffer = terminal.backend().buffer();
    let (x, y) = find(buffer, "Protest in Sarrin").expect("the selected event");
    assert!(buffer[(x, y)].modifier.contains(Modifier::REVERSED));
    let (x, y) = find(buffer, "Water points restored").expect("the next row");
    assert!(!buffer[(x, y)].modifier.contains(Modifier::REVERSED));
}

#[test]
fn search_hits_are_marked_in_rows() {
    let mut app = app(80, 24);
    keys(&mut app, &[KeyCode::Char('/')]);
    typed(&mut app, "sarrin");
    let terminal = draw(&app);
    let buffer = terminal.backend().buffer();
    let (x, y) = find(buffer, "Sarrin over").expect("a hit in view");
    assert!(buffer[(x, y)].modifier.contains(Modifier::UNDERLINED));
    let (x, y) = find(buffer, "Protest").unwrap();
    assert!(!buffer[(x, y)].modifier.contains(Modifier::UNDERLINED));
}

#[test]
fn search_marks_actors_it_matches_by_alias_and_hides_none() {
    let mut app = app(80, 24);
    keys(&mut app, &[KeyCode::Char('3'), KeyCode::Char('/')]);
    typed(&mut app, "vrc");
    keys(&mut app, &[KeyCode::Enter]);
    let terminal = draw(&app);
    let buffer = terminal.backend().buffer();
    let text = screen_text(buffer);
    // Matched by its alias "VRC": the whole name is underlined.
    let (x, y) = find(buffer, "Velorian Red Crescent").expect("in view");
    assert!(buffer[(x, y)].modifier.contains(Modifier::UNDERLINED));
    let (x, y) = find(buffer, "Government of Veloria").expect("kept");
    assert!(!buffer[(x, y)].modifier.contains(Modifier::UNDERLINED));
    assert!(text.contains("· 1 matches the search"), "{text}");
    // More than one: the verb agrees.
    keys(
        &mut app,
        &[
            KeyCode::Esc,
            KeyCode::Char('/'),
            KeyCode::Char('o'),
            KeyCode::Enter,
        ],
    );
    let info = screen_text(draw(&app).backend().buffer());
    assert!(
        info.lines().any(|l| l.contains(" match the search ")),
        "{info}"
    );
}

#[test]
fn the_actor_picker_of_a_file_without_actors_says_so() {
    let situation = load_str("[situation]\ntitle = \"Empty\"\nas_of = 2024-09-21\n")
        .situation
        .expect("the file loads");
    let options = Options {
        theme: Theme::monochrome(),
        ..Options::default()
    };
    let mut app = App::new(situation, options);
    app.update(Action::Resize {
        width: 80,
        height: 24,
    });
    keys(&mut app, &[KeyCode::Char('a')]);
    let popup = popup_text(&app);
    assert!(
        popup.contains("This file has no actors or places."),
        "{popup}"
    );
    assert!(!popup.contains("to widen"), "{popup}");
}

#[test]
fn the_empty_timeline_says_what_esc_does() {
    let mut app = app(80, 24);
    keys(&mut app, &[KeyCode::Char('/')]);
    typed(&mut app, "zzzz");
    let typing = screen_text(draw(&app).backend().buffer());
    assert!(typing.contains("Esc goes"), "{typing}");
    keys(&mut app, &[KeyCode::Enter]);
    let kept = screen_text(draw(&app).backend().buffer());
    assert!(kept.contains("Esc clears the search"), "{kept}");
}

#[test]
fn no_color_means_no_colour() {
    let mut mono = app_sized(140, 45, Theme::monochrome());
    let mut color = app_sized(140, 45, Theme::dark());
    for app in [&mut mono, &mut color] {
        keys(app, &[KeyCode::Char('a')]);
        typed(app, "ocha");
        keys(app, &[KeyCode::Enter, KeyCode::Esc]);
    }
    let coloured = |app: &App| {
        let terminal = draw(app);
        terminal
            .backend()
            .buffer()
            .content()
            .iter()
            .any(|cell| cell.fg != Color::Reset || cell.bg != Color::Reset)
    };
    assert!(!coloured(&mono));
    assert!(coloured(&color));
}

#[test]
fn hostile_text_is_made_visible() {
    let file = FIXTURE.replace(
        "title = \"Water points restored in Sarrin\"",
        "title = \"Water \\u001b]0;pwned\\u0007 points \\u202erestored\"",
    );
    assert_ne!(file, FIXTURE);
    let situation = load_str(&file).situation.expect("still loads");
    let mut app = App::new(situation, Options::default());
    app.update(Action::Resize {
        width: 140,
        height: 45,
    });
    // The event dated on the as-of day sits just below the now line.
    keys(&mut app, &[KeyCode::Char('j'), KeyCode::Enter]);
    let terminal = draw(&app);
    let screen = screen_text(terminal.backend().buffer());
    assert!(screen.contains("Water ␛]0;pwned␇ points"), "{screen}");
    assert!(!screen.contains('\u{1b}'));
    assert!(!screen.contains('\u{202e}'));
}

#[test]
fn moves_through_a_timeline_of_100_000_events() {
    use sitrep::model::{ActorIx, Event, FuzzyDate, SourceIx};
    let mut situation = load_str(FIXTURE).situation.unwrap();
    let start = situation.as_of - chrono::Days::new(100_000 / 50);
    situation.events = (0..100_000u64)
        .map(|i| Event {
            id: format!("e{i}"),
            date: FuzzyDate::day(start + chrono::Days::new(i / 50)),
            end: None,
            title: format!("Event number {i} in a long file"),
            summary: None,
            actors: vec![ActorIx::new((i % 10) as usize)],
            location: None,
            place: None,
            category: Some("load".into()),
            tags: vec![],
            sources: vec![SourceIx::new(0)],
        })
        .collect();
    situation.metrics.clear();
    situation.quotes.clear();
    let mut app = App::new(situation, Options::default());
    app.update(Action::Resize {
        width: 200,
        height: 60,
    });
    // Frame time at this size is measured by the benches; here, the
    // navigation over a long timeline must land on the right rows.
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).unwrap();
    let mut screen_after = |code| {
        keys(&mut app, &[code]);
        terminal
            .draw(|frame| frame.render_widget(&app, frame.area()))
            .unwrap();
        screen_text(terminal.backend().buffer())
    };
    let last = screen_after(KeyCode::Char('G'));
    assert!(last.contains("Event number 99999 in a long file"), "{last}");
    let earlier = screen_after(KeyCode::PageUp);
    assert!(
        !earlier.contains("Event number 99999 in a long file"),
        "{earlier}"
    );
    screen_after(KeyCode::Char('g'));
    let screen = screen_after(KeyCode::Char('j'));
    assert!(screen.contains("Event number 1 in a long file"), "{screen}");
}

#[test]
fn an_empty_situation_says_so_in_each_pane() {
    let situation = load_str("[situation]\ntitle = \"Nothing yet\"\nas_of = 2025-01-01\n")
        .situation
        .expect("a bare situation loads");
    let mut app = App::new(situation, Options::default());
    app.update(Action::Resize {
        width: 140,
        height: 45,
    });
    // Tab skips the missing figures; every key is harmless.
    for code in [
        KeyCode::Tab,
        KeyCode::Tab,
        KeyCode::Tab,
        KeyCode::Char('1'),
        KeyCode::Enter,
        KeyCode::Char('n'),
        KeyCode::Char('a'),
        KeyCode::Enter,
        KeyCode::Esc,
    ] {
        keys(&mut app, &[code]);
    }
    let terminal = draw(&app);
    let screen = screen_text(terminal.backend().buffer());
    assert!(screen.contains("Nothing yet"), "{screen}");
    assert!(screen.contains("has no events yet"), "{screen}");
    assert!(screen.contains("names no actors"), "{screen}");
    assert!(screen.contains("has no quotes"), "{screen}");
    assert!(!screen.contains("Key figures"), "{screen}");
}

#[test]
fn megabyte_strings_draw_safely_in_every_pane() {
    // Five megabytes of wide, combining and hostile text in each field a
    // row, card, chip, picker or detail draws (one item of each list).
    let long = "漢字 👍 e\u{301} \u{1b}]0;t\u{7} \u{202e}x ".repeat(5_000_000 / 30);
    let mut situation = load_str(FIXTURE).situation.unwrap();
    situation.title = long.clone();
    let event = situation
        .events
        .iter()
        .position(|e| e.id == "water-restored")
        .unwrap();
    let e = &mut situation.events[event];
    e.title = long.clone();
    e.summary = Some(long.clone());
    e.category = Some(long.clone());
    let speaker = situation.quotes[0].speaker;
    let a = &mut situation.actors[speaker];
    a.name = long.as_str().into();
    a.role = Some(long.as_str().into());
    situation.quotes[0].text = long.clone();
    situation.metrics[0].label = long.clone();
    situation.sources[0].title = long.clone();
    situation.sources[0].publisher = None;
    let mut app = App::new(
        situation,
        Options {
            filter: sitrep::query::Filter {
                actors: vec![speaker],
                ..Default::default()
            },
            ..Options::default()
        },
    );
    // What such a frame costs is measured by the `huge_text_redraw` bench.
    for (width, height) in [(80, 24), (140, 45)] {
        app.update(Action::Resize { width, height });
        let steps: [&[KeyCode]; 8] = [
            &[],
            &[KeyCode::Enter],
            &[KeyCode::PageDown, KeyCode::Esc, KeyCode::Char('4')],
            &[KeyCode::Enter],
            &[KeyCode::Esc, KeyCode::Char('1'), KeyCode::Enter],
            &[KeyCode::Esc, KeyCode::Char('3'), KeyCode::Char(' ')],
            &[KeyCode::Char('a')],
            &[KeyCode::Esc, KeyCode::Char('2')],
        ];
        for step in steps {
            keys(&mut app, step);
            let terminal = draw(&app);
            let screen = screen_text(terminal.backend().buffer());
            assert!(!screen.contains('\u{1b}') && !screen.contains('\u{202e}'));
            assert!(screen.contains("␛]0;t␇"), "{screen}");
        }
    }
}

fn problem(first: &str, more: usize) -> Problem {
    Problem {
        first: first.into(),
        more,
        report: first.into(),
    }
}

#[test]
fn a_save_that_did_not_load_raises_a_banner_80x24() {
    let mut app = app(80, 24);
    app.reloaded(Outcome::Failed(problem(
        "x.toml:236:11: no actor `red-cresent` (did you mean `red-crescent`?)",
        2,
    )));
    insta::assert_snapshot!(
        "banner_80x24",
        parts(&[
            ("banner", banner_text(&app)),
            ("timeline", pane_text(&app, Pane::Timeline)),
        ])
    );
    // The timeline keeps its rows; a shorter screen gets a one-row banner
    // (at 80x20 lower cards still leave the timeline its rows).
    let screen = app.screen().clone();
    assert_eq!(screen.banner.height, 2);
    assert!(screen.list(sitrep::action::Pane::Timeline).height >= 8);
    app.update(Action::Resize {
        width: 80,
        height: 20,
    });
    assert_eq!(app.screen().banner.height, 2);
    assert!(app.screen().list(sitrep::action::Pane::Timeline).height >= 8);
    app.update(Action::Resize {
        width: 80,
        height: 18,
    });
    let screen = app.screen().clone();
    assert_eq!(screen.banner.height, 1);
    let terminal = draw(&app);
    let text = screen_text(terminal.backend().buffer());
    assert!(
        text.contains("⚠ x.toml:236:11: no actor `red-cresent`"),
        "{text}"
    );
    // One row: the key to the whole report goes in its right tag.
    assert!(text.contains("+2 more · ! report"), "{text}");
}

#[test]
fn a_card_tells_a_huge_change_as_a_multiple_and_a_huge_number_as_a_power_of_ten() {
    let text = "[situation]\ntitle = \"Big\"\nas_of = 2024-09-21\n\n\
                [[sources]]\nid = \"wire\"\ntitle = \"Wire\"\n\n\
                [[metrics]]\nid = \"leap\"\nlabel = \"A leap\"\npoints = [\n\
                { date = 2024-09-01, value = 9223372036854775807, source = \"wire\" },\n\
                { date = 2024-09-10, value = 1e308, source = \"wire\" },\n]\n";
    let situation = load_str(text).situation.expect("the file loads");
    let options = Options {
        theme: Theme::monochrome(),
        ..Options::default()
    };
    let mut app = App::new(situation, options);
    app.update(Action::Resize {
        width: 120,
        height: 40,
    });
    let card = pane_text(&app, Pane::Figures);
    assert!(card.contains("1×10³⁰⁸"), "{card}");
    assert!(card.contains("▲ over 1,000,000× since 1 Sep"), "{card}");
    assert!(!card.contains("e308") && !card.contains("e29"), "{card}");
}

#[test]
fn a_one_row_banner_names_the_report_key_in_every_mode() {
    let mut app = app(80, 15);
    app.reloaded(Outcome::Failed(problem("x.toml:3:9: bad", 0)));
    assert_eq!(app.screen().banner.height, 1);
    assert!(
        banner_text(&app).ends_with(" ! report "),
        "{}",
        banner_text(&app)
    );
    // In the picker `!` is typed text: the tag says how to reach it.
    keys(&mut app, &[KeyCode::Char('a')]);
    assert!(
        banner_text(&app).ends_with(" Esc then ! report "),
        "{}",
        banner_text(&app)
    );
}

#[test]
fn the_banner_s_second_row_says_more_on_a_wider_screen() {
    for (width, said) in [
        (
            80,
            "   showing the last good version · ! the whole report · save a fix or press r",
        ),
        (
            120,
            "   not reloaded: still showing the last good version · ! the whole report · save a fix or press r",
        ),
    ] {
        let mut app = app(width, 40);
        app.reloaded(Outcome::Failed(problem("x.toml:3:9: bad", 0)));
        let terminal = draw(&app);
        let text = screen_text(terminal.backend().buffer());
        let row = text.lines().nth(3).unwrap_or_default();
        assert_eq!(row.trim_end(), said, "{width}");
        // Typing a search: `!` is text there, so the way to it is told.
        keys(&mut app, &[KeyCode::Char('/')]);
        let terminal = draw(&app);
        let text = screen_text(terminal.backend().buffer());
        let row = text.lines().nth(3).unwrap_or_default();
        assert!(row.contains("Esc then !"), "{width}: {row}");
        assert!(!row.contains('…'), "{width}: {row}");
    }
}

#[test]
fn the_banner_stays_in_view_over_popups() {
    for (width, height) in [(80, 24), (200, 60)] {
        let mut app = app(width, height);
        app.reloaded(Outcome::Failed(problem(
            "x.toml:236:11: no actor `red-cresent` (did you mean `red-crescent`?)",
            2,
        )));
        keys(&mut app, &[KeyCode::Enter]);
        if width == 80 {
            insta::assert_snapshot!(
                "banner_over_detail_80x24",
                parts(&[("banner", banner_text(&app)), ("popup", popup_text(&app))])
            );
        }
        let open: [&[KeyCode]; 3] = [
            &[],
            &[KeyCode::Char('?')],
            &[KeyCode::Esc, KeyCode::Esc, KeyCode::Char('a')],
        ];
        for keys_to_open in open {
            keys(&mut app, keys_to_open);
            let terminal = draw(&app);
            let buffer = terminal.backend().buffer();
            let text = screen_text(buffer);
            assert!(text.contains("⚠ x.toml:236:11"), "{:?}\n{text}", app.mode());
            // The popup's frame and title start below the banner.
            let banner = app.screen().clone().banner;
            let title = ["Event", "Keys", "Filter by actor"]
                .iter()
                .find_map(|t| find(buffer, &format!(" {t} ")))
                .expect("a popup title");
            assert!(title.1 >= banner.bottom(), "{:?}\n{text}", app.mode());
        }
    }
}

#[test]
fn the_banner_shows_what_a_message_quotes_inertly() {
    // Diagnostics quote the file: a hostile id, a megabyte long.
    let quoted = format!("\u{1b}]0;pwned\u{7}\u{1b}[2J{}", "x".repeat(1 << 20));
    let mut app = app(80, 24);
    app.reloaded(Outcome::Failed(problem(
        &format!("x.toml:3:9: no actor `{quoted}`"),
        0,
    )));
    let terminal = draw(&app);
    let text = screen_text(terminal.backend().buffer());
    assert!(text.contains("no actor `␛]0;pwned␇␛[2Jxxx"), "{text}");
    assert!(!text.contains('\u{1b}') && !text.contains('\u{7}'));
}

mod any_file {
    use super::*;
    use proptest::prelude::*;

    /// Text put at the start of a string value: escapes TOML turns into
    /// control characters, wide and combining text, a very long word.
    fn piece() -> impl Strategy<Value = String> {
        prop::sample::select(vec![
            "\\u001b]0;t\\u0007",
            "\\u001b[2J\\u001b[?1049l",
            "\\u009b31m",
            "\\u202e",
            "\\u2066x\\u2069",
            "\\r\\n\\t\\b\\u007f",
            "漢字",
            "👍🏽",
            "e\u{301}",
            "",
        ])
        .prop_flat_map(|piece| (1usize..4).prop_map(move |n| piece.repeat(n)))
        .boxed()
        .prop_union(Just("x".repeat(3000)).boxed())
    }

    /// The dashboard fixture with pieces at the start of some string
    /// values (so it still loads), and now and then a byte cut or added
    /// anywhere (so it may not).
    fn damaged() -> impl Strategy<Value = String> {
        let starts: Vec<usize> = FIXTURE
            .match_indices("= \"")
            .map(|(at, _)| at + 3)
            .collect();
        let inserts = prop::collection::vec((prop::sample::select(starts), piece()), 1..6);
        let cut = prop::option::weighted(0.2, (0..FIXTURE.len(), 0usize..3));
        (inserts, cut).prop_map(|(mut inserts, cut)| {
            let mut text = FIXTURE.to_string();
            // From the end, so earlier offsets stay right.
            inserts.sort_by_key(|(at, _)| std::cmp::Reverse(*at));
            for (at, piece) in inserts {
                text.insert_str(at, &piece);
            }
            if let Some((at, len)) = cut {
                let mut at = at.min(text.len());
                while !text.is_char_boundary(at) {
                    at -= 1;
                }
                let mut end = (at + len).min(text.len());
                while !text.is_char_boundary(end) {
                    end -= 1;
                }
                text.replace_range(at..end, "");
            }
            text
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]

        /// Whatever a file that loads holds, every pane, popup and the
        /// banner draw without panicking and put no control character on
        /// screen.
        #[test]
        fn draws_inertly(text in damaged()) {
            let Some(situation) = load_str(&text).situation else {
                return Ok(());
            };
            let mut app = App::new(situation, Options::default());
            for (width, height) in [(80, 24), (50, 15)] {
                app.update(Action::Resize { width, height });
                let steps: [&[KeyCode]; 4] = [
                    &[],
                    &[KeyCode::Enter],
                    &[KeyCode::Esc, KeyCode::Char('a')],
                    &[KeyCode::Esc, KeyCode::Char('4'), KeyCode::Enter],
                ];
                for step in steps {
                    keys(&mut app, step);
                    let terminal = draw(&app);
                    for cell in terminal.backend().buffer().content() {
                        prop_assert!(sitrep::sanitize::is_inert(cell.symbol()), "{:?}", cell.symbol());
                    }
                }
                app.reloaded(Outcome::Failed(problem(&text[..text.len().min(200)], 1)));
                keys(&mut app, &[KeyCode::Esc]);
                draw(&app);
            }
        }
    }
}

#[test]
fn wide_combining_and_right_to_left_text_keeps_columns_aligned() {
    let titles = [
        (
            "Dam inspection flags cracks in the Orun spillway",
            "❤\u{fe0f}".repeat(40),
        ),
        (
            "A week of record rain over the upper Kessa",
            "👍🏽".repeat(40),
        ),
        (
            "Orun dam breaches; floodwater reaches three towns",
            "👨\u{200d}👩\u{200d}👧 ".repeat(20),
        ),
        (
            "Civil Protection evacuates 12,000 people from Lower Kessa",
            "漢字かな交じり文".repeat(10),
        ),
        (
            "Government declares a 30-day state of emergency",
            "مرحبا بالعالم ".repeat(8),
        ),
        (
            "Red Crescent opens 40 shelters in schools and halls",
            "Zalgo z\u{301}\u{302}\u{303}a\u{304}\u{305}l\u{306}g\u{307}o ".repeat(10),
        ),
        ("UN launches a $48 million flash appeal", "🇰🇪🇭🇹".repeat(30)),
        (
            "Suspected cholera cases reported in two camps",
            "e\u{301}".repeat(90),
        ),
    ];
    let mut file = FIXTURE.to_string();
    for (old, new) in &titles {
        file = file.replace(&format!("title = \"{old}\""), &format!("title = \"{new}\""));
    }
    let situation = load_str(&file).situation.expect("still loads");
    for (width, height) in [(80, 24), (140, 45), (200, 60)] {
        let mut app = App::new(situation.clone(), Options::default());
        app.update(Action::Resize { width, height });
        keys(&mut app, &[KeyCode::Char('g')]);
        let terminal = draw(&app);
        let buffer = terminal.backend().buffer();
        let screen = app.screen().clone();
        let list = screen.list(sitrep::action::Pane::Timeline);
        // Every event row ends in its sources column ("[1]", "[?]"), at the
        // same x on every row: nothing before it took more or less room.
        let rows = app.data().timeline_rows().min(usize::from(list.height));
        let mut ends = Vec::new();
        for y in list.top()..list.top() + rows as u16 {
            let row: String = (list.left()..list.right())
                .map(|x| buffer[(x, y)].symbol())
                .collect();
            if row.contains("now ·") {
                continue;
            }
            let x = (list.left()..list.right())
                .rev()
                .find(|&x| buffer[(x, y)].symbol() == "[");
            ends.push((y, x));
        }
        assert!(ends.len() >= 8, "{width}x{height}: {ends:?}");
        assert!(
            ends.iter().all(|&(_, x)| x.is_some() && x == ends[0].1),
            "{width}x{height}: {ends:?}\n{}",
            screen_text(buffer)
        );
    }
}

#[test]
fn feedback_in_the_footer_is_shown_inertly() {
    // Statuses quote actor names and system errors (which quote paths).
    let mut app = app(80, 24);
    app.tell("not watching /tmp/\u{1b}]0;x\u{7}.toml".into());
    let text = screen_text(draw(&app).backend().buffer());
    assert!(text.contains("/tmp/␛]0;x␇.toml"), "{text}");
    assert!(!text.contains('\u{1b}'));
}

#[test]
fn wide_200x60_shows_whole_titles_then_actors_and_roles() {
    let mut app = app(200, 60);
    let terminal = draw(&app);
    let screen = screen_text(terminal.backend().buffer());
    // Titles as wide as most need come first; every title that fits is whole.
    for event in &app.situation().events {
        if event.title.chars().count() <= app.derived().title_width {
            assert!(screen.contains(&event.title), "{}\n{screen}", event.title);
        }
    }
    // Actors column and roles in the actors pane.
    assert!(screen.contains("Minister of the Interior"), "{screen}");
    assert!(screen.contains("OCHA, Brandt, residents"), "{screen}");
    // The category comes last: zoomed, the timeline has room for it too.
    keys(&mut app, &[KeyCode::Char('z')]);
    let terminal = draw(&app);
    let screen = screen_text(terminal.backend().buffer());
    assert!(screen.contains("infrastructure"), "{screen}");
}

#[test]
fn side_by_side_the_timeline_still_shows_every_title_whole() {
    // The panes go side by side only from the width where the timeline
    // keeps all that it shows across the whole screen one column narrower
    // (stacked): the longest title is whole on both sides of that width.
    let title = "Civil Protection evacuates 12,000 people from Lower Kessa";
    let wide = |w: u16| app(w, 45).screen().arrangement == sitrep::geometry::Arrangement::Wide;
    let width = (100..400)
        .find(|&w| wide(w))
        .expect("a width that puts the panes side by side");
    for width in [width - 1, width] {
        let mut app = app(width, 45);
        keys(&mut app, &[KeyCode::Char('g')]);
        let screen = screen_text(draw(&app).backend().buffer());
        assert!(screen.contains(title), "{width}: {screen}");
    }
    assert!(!wide(width - 1));
}

/// Row `y` of the screen as drawn.
fn row(app: &App, y: u16) -> String {
    let terminal = draw(app);
    screen_text(terminal.backend().buffer())
        .lines()
        .nth(usize::from(y))
        .unwrap_or_default()
        .to_string()
}

#[test]
fn small_headers_drop_whole_hints_and_keep_whole_counts() {
    let hints = [
        " Filter none · a actors  / search",
        " Filter none · a actors",
        " Filter none",
    ];
    let counts = [
        "16 events · 4 quotes · 10 actors",
        "16 events · 4 quotes",
        "16 events",
    ];
    for (width, height) in [(50, 15), (60, 20), (70, 20), (80, 24), (140, 45)] {
        let app = app(width, height);
        let header = row(&app, 1);
        let header = header.trim_end();
        let hint = hints.iter().find(|h| header.starts_with(*h));
        let count = counts.iter().find(|c| header.ends_with(*c));
        let (Some(hint), Some(count)) = (hint, count) else {
            panic!("{width}x{height}: {header:?}");
        };
        let between = &header[hint.len()..header.len() - count.len()];
        assert!(
            between.len() >= 2 && between.trim().is_empty(),
            "{width}x{height}: {header:?}"
        );
        // The counts give way only after every hint has.
        if count != &counts[0] {
            assert_eq!(hint, hints.last().unwrap(), "{width}x{height}");
        }
    }
}

#[test]
fn a_filter_keeps_the_actor_count() {
    let mut app = app(140, 45);
    keys(&mut app, &[KeyCode::Char('/')]);
    typed(&mut app, "water");
    keys(&mut app, &[KeyCode::Enter]);
    assert!(
        row(&app, 1).ends_with("2 of 16 events · 2 of 4 quotes · 10 actors "),
        "{}",
        row(&app, 1)
    );
}

#[test]
fn the_help_key_outlasts_the_status_message() {
    for (width, height) in [(50, 15), (60, 20), (80, 24)] {
        let mut app = app(width, height);
        let footer = row(&app, height - 1);
        assert!(footer.contains("? help"), "{width}x{height}: {footer:?}");
        keys(&mut app, &[KeyCode::Char('a')]);
        typed(&mut app, "interior");
        keys(
            &mut app,
            &[KeyCode::Enter, KeyCode::Esc, KeyCode::Char('c')],
        );
        let footer = row(&app, height - 1);
        assert!(footer.contains("? help"), "{width}x{height}: {footer:?}");
        assert!(
            footer.contains("every filter cleared"),
            "{width}x{height}: {footer:?}"
        );
        // Keys that do not fit are left out whole.
        assert!(!footer.contains('…'), "{width}x{height}: {footer:?}");
    }
}

#[test]
fn a_long_name_makes_way_for_its_alias_on_a_chip() {
    let mut app = app(100, 30);
    keys(&mut app, &[KeyCode::Char('a')]);
    typed(&mut app, "coordination");
    keys(&mut app, &[KeyCode::Enter, KeyCode::Esc]);
    let header = row(&app, 1);
    assert!(header.starts_with(" Filter  OCHA ✕ "), "{header:?}");
    // A name that fits stays whole.
    keys(&mut app, &[KeyCode::Char('c'), KeyCode::Char('a')]);
    typed(&mut app, "okonkwo");
    keys(&mut app, &[KeyCode::Enter, KeyCode::Esc]);
    let header = row(&app, 1);
    assert!(header.starts_with(" Filter  Dara Okonkwo ✕ "), "{header:?}");
}

#[test]
fn the_footer_offers_only_keys_with_something_to_act_on() {
    let mut app = app(80, 24);
    assert!(row(&app, 23).contains("Enter open"));
    // Nothing left in the timeline: nothing to open.
    keys(&mut app, &[KeyCode::Char('/')]);
    typed(&mut app, "zzz");
    keys(&mut app, &[KeyCode::Enter]);
    let footer = row(&app, 23);
    assert!(!footer.contains("Enter open"), "{footer:?}");
    assert!(footer.contains("? help"), "{footer:?}");
    keys(&mut app, &[KeyCode::Esc]);
    // An actor's page opens on the actor itself: Enter has nothing new to
    // open until Tab selects another; Space filters only by actors.
    keys(
        &mut app,
        &[KeyCode::Char('3'), KeyCode::Char('j'), KeyCode::Enter],
    );
    let footer = row(&app, 23);
    assert!(!footer.contains("Enter open"), "{footer:?}");
    assert!(footer.contains("Space filter"), "{footer:?}");
    keys(&mut app, &[KeyCode::Tab]);
    assert!(row(&app, 23).contains("Enter open"));
    // A quote's event.
    keys(
        &mut app,
        &[KeyCode::Esc, KeyCode::Char('4'), KeyCode::Enter],
    );
    keys(&mut app, &[KeyCode::BackTab]);
    let footer = row(&app, 23);
    assert!(footer.contains("Enter open"), "{footer:?}");
    assert!(!footer.contains("Space filter"), "{footer:?}");
}

#[test]
fn a_wider_footer_names_more_keys_and_never_cuts_one() {
    let footer = |width: u16, height: u16| {
        let app = app(width, height);
        row(&app, height - 1).trim_end().to_string()
    };
    let (small, medium, large) = (footer(80, 24), footer(120, 40), footer(200, 60));
    // The keys of the narrow footer stay in the wider ones, more come.
    for key in small.split("  ").map(str::trim).filter(|k| !k.is_empty()) {
        assert!(medium.contains(key) && large.contains(key), "{key:?}");
    }
    assert!(
        small.contains("f facets") && small.ends_with("q quit"),
        "{small}"
    );
    for key in ["w window", "o source", "y copy", "x export"] {
        assert!(medium.contains(key), "{key:?} not in {medium}");
    }
    // Each key shown whole: no key word cut, none running into the edge.
    for (footer, width) in [(&small, 80), (&medium, 120), (&large, 200)] {
        assert!(!footer.contains('…'), "{footer}");
        assert!(footer.chars().count() < width, "{footer}");
    }
}

/// The built-in situation at a size.
fn builtin_at(width: u16, height: u16) -> App {
    opened(sitrep::BUILTIN_TEXT, Options::default(), width, height)
}

#[test]
fn a_vague_date_reads_whole_where_the_timeline_has_room() {
    let row = |width: u16, height: u16| {
        let mut app = builtin_at(width, height);
        keys(&mut app, &[KeyCode::Char('2'), KeyCode::Char('G')]);
        let screen = screen_text(draw(&app).backend().buffer());
        screen
            .lines()
            .find(|l| l.contains("Blinken to convene a meeting"))
            .unwrap_or_else(|| panic!("{width}x{height}\n{screen}"))
            .to_string()
    };
    // With titles whole and the actors column shown, the date column
    // grows for "late Sep 2024"; the actors keep their column.
    for (width, height) in [(120, 40), (200, 60)] {
        let line = row(width, height);
        assert!(line.contains("◐ late Sep 2024 "), "{line}");
        assert!(line.contains("Blinken, US"), "{line}");
    }
    // At 80 columns titles need the room: the date coarsens, whole.
    let line = row(80, 24);
    assert!(line.contains("◐ Sep 2024    Blinken"), "{line}");
}

#[test]
fn the_last_page_of_key_figures_is_a_whole_page() {
    // 80x24: two cards a row, one row in view, fifteen figures: the last
    // page shows the last two, not the fifteenth beside empty space.
    let mut app = builtin_at(80, 24);
    keys(&mut app, &[KeyCode::Char('1'), KeyCode::Char('G')]);
    let screen = screen_text(draw(&app).backend().buffer());
    assert!(screen.contains("14–15 of 15 ↑"), "{screen}");
    assert!(
        screen.contains("Days since the first Kenyan police"),
        "{screen}"
    );
    assert!(screen.contains("9,000+ deaths"), "{screen}");
    assert_eq!(app.cursor(Pane::Figures).selected, 14);
    // A click on the left card picks the fourteenth.
    let cards = app.screen().cards.cards(app.cursor(Pane::Figures).offset);
    assert_eq!(cards.iter().map(|(i, _)| *i).collect::<Vec<_>>(), [13, 14]);
    // Back up a row: the page before, from its first card.
    keys(&mut app, &[KeyCode::Char('k')]);
    let screen = screen_text(draw(&app).backend().buffer());
    assert!(screen.contains("13–14 of 15"), "{screen}");
}

#[test]
fn a_short_screen_shows_lower_cards_and_keeps_the_timeline() {
    // 50x15: one card of label, figure and gauge; the timeline keeps
    // events above the now line.
    let app = builtin_at(50, 15);
    let screen = screen_text(draw(&app).backend().buffer());
    let lines: Vec<&str> = screen.lines().collect();
    assert!(lines[3].starts_with("┌MSS personnel in Haiti"), "{screen}");
    assert!(lines[4].contains("~420 personnel"), "{screen}");
    assert!(lines[5].contains("17% of 2,500"), "{screen}");
    assert!(lines[6].starts_with('└'), "{screen}");
    assert!(app.screen().list(Pane::Timeline).height >= 5, "{screen}");
    let now = lines.iter().position(|l| l.contains("now · 21 Sep 2024"));
    assert!(
        now.is_some_and(|n| lines[n - 1].contains("20 Sep 2024")),
        "{screen}"
    );
    // 80x24: a label that needs two rows keeps them and the card drops its
    // source; the card beside it, with a one-row label, shows it whole.
    let mut app = builtin_at(80, 24);
    keys(&mut app, &[KeyCode::Char('1'), KeyCode::Char('G')]);
    let screen = screen_text(draw(&app).backend().buffer());
    let lines: Vec<&str> = screen.lines().collect();
    assert!(
        lines[3].contains("Days since the first Kenyan police"),
        "{screen}"
    );
    assert!(lines[4].contains("landed"), "{screen}");
    assert!(lines[5].contains("88 days"), "{screen}");
    assert!(lines[8].starts_with('└'), "{screen}");
    let mut app = builtin_at(80, 24);
    let screen = screen_text(draw(&app).backend().buffer());
    assert!(screen.contains("via Associated Press"), "{screen}");
    // Taller, the cards are whole again.
    app.update(Action::Resize {
        width: 80,
        height: 40,
    });
    keys(&mut app, &[KeyCode::Char('1'), KeyCode::Char('G')]);
    let screen = screen_text(draw(&app).backend().buffer());
    assert!(screen.contains("via Reuters"), "{screen}");
    assert!(screen.contains("│Port-au-Prince "), "{screen}");
}

/// The built-in situation with the map focused and zoomed to the screen.
fn builtin_map(width: u16, height: u16) -> App {
    let mut app = builtin_at(width, height);
    keys(&mut app, &[KeyCode::Char('5'), KeyCode::Char('z')]);
    app
}

#[test]
fn the_now_line_parts_what_is_over_from_what_the_as_of_day_falls_within() {
    // as_of 20 Sep 2023: "mid 2023-09" may end that very day, so it is not
    // over; "late 2023-09" cannot have begun.
    let situation = load_str(include_str!("fixtures/good/now-rule.toml"))
        .situation
        .expect("the fixture loads");
    let mut app = App::new(situation, Options::default());
    app.update(Action::Resize {
        width: 80,
        height: 24,
    });
    let screen = screen_text(draw(&app).backend().buffer());
    let row = |needle: &str| {
        let lines: Vec<&str> = screen.lines().collect();
        let y = lines
            .iter()
            .position(|l| l.contains(needle))
            .unwrap_or_else(|| panic!("no {needle:?} in\n{screen}"));
        (y, lines[y])
    };
    let (now, line) = row("now · 20 Sep 2023");
    assert!(
        line.contains("◐ dates include now · ○ upcoming ↓"),
        "{line}"
    );
    let (past, line) = row("Bridge reopens");
    assert!(past < now && line.contains("● 13 Sep 2023"), "{line}");
    let mut below = now;
    for (title, glyph) in [
        ("Reconstruction year", "◐ 2023"),
        ("Talks held some time in mid September", "◐ mid Sep 2023"),
        ("Statement on the as-of day", "◐ 20 Sep 2023"),
        ("Planned meeting of the donors", "○ late Sep 2023"),
    ] {
        let (y, line) = row(title);
        assert!(y == below + 1 && line.contains(glyph), "{screen}");
        below = y;
    }
}

/// The time strip alone, drawn into its own rect of the app's screen.
fn strip_text(app: &App) -> String {
    let area = app.screen().strip;
    let mut buffer = Buffer::empty(area);
    sitrep::ui::strip::render(app, app.screen(), &mut buffer);
    screen_text(&buffer)
}

/// The app in a window from mid-February to April 2025, searching for the
/// Red Crescent: its three events kept (early March and about 6 March are
/// vague, 14 March exact), the rest above them; as of 14 March.
fn strip_app(width: u16, height: u16) -> App {
    let mut app = app(width, height);
    keys(&mut app, &[KeyCode::Char('w')]);
    typed(&mut app, "2025-02-15 2025-04");
    keys(&mut app, &[KeyCode::Enter, KeyCode::Char('/')]);
    typed(&mut app, "red crescent");
    keys(&mut app, &[KeyCode::Enter]);
    app
}

#[test]
fn the_picker_lists_places_after_actors_and_the_place_detail_says_how_exact() {
    let situation = load_str(sitrep::BUILTIN_TEXT).situation.unwrap();
    let mut app = App::new(situation, Options::default());
    app.update(Action::Resize {
        width: 100,
        height: 30,
    });
    keys(&mut app, &[KeyCode::Char('a')]);
    typed(&mut app, "port");
    insta::assert_snapshot!("picker_places_100x30", popup_text(&app));
    // Into the map, pick the busiest place and open it.
    keys(
        &mut app,
        &[
            KeyCode::Esc,
            KeyCode::Char('5'),
            KeyCode::Tab,
            KeyCode::Char('i'),
        ],
    );
    insta::assert_snapshot!("place_detail_100x30", popup_text(&app));
}

#[test]
fn the_builtin_map_at_two_sizes() {
    // Haiti, Jamaica, the UN in New York and Kenya: the fit spans the
    // Atlantic, with coasts, borders and labelled markers.
    insta::assert_snapshot!("map_80x24", pane_text(&builtin_map(80, 24), Pane::Map));
    let mut app = builtin_map(120, 40);
    // Picking the busiest place labels it in brackets, counts its events,
    // and the footer offers filtering by it.
    keys(&mut app, &[KeyCode::Tab]);
    let screen = screen_text(draw(&app).backend().buffer());
    assert!(screen.contains("[Port-au-Prince"), "{screen}");
    // Twelve events are drawn at the city; the airport inside it has a
    // point of its own, so filtering by the city keeps thirteen.
    assert!(
        screen.contains("Port-au-Prince: 12 here, 13 with places inside"),
        "{screen}"
    );
    assert!(screen.contains("Space filter"), "{screen}");
    assert!(screen.contains("? help"), "{screen}");
    insta::assert_snapshot!("map_120x40_picked", pane_text(&app, Pane::Map));
}

#[test]
fn map_labels_stand_clear_of_the_drawing_and_are_fewer_on_a_low_map() {
    let braille = |c: char| ('\u{2800}'..='\u{28ff}').contains(&c);
    for (width, height, zoom) in [(80, 24, false), (80, 24, true), (200, 60, false)] {
        let mut app = builtin_at(width, height);
        keys(&mut app, &[KeyCode::Char('5')]);
        if zoom {
            keys(&mut app, &[KeyCode::Char('z')]);
        }
        let text = pane_text(&app, Pane::Map);
        let rows: Vec<&str> = text.lines().collect();
        // Inside the border, above the status line.
        let map_rows: Vec<String> = rows[1..rows.len() - 2]
            .iter()
            .map(|r| r.chars().skip(1).take(r.chars().count() - 2).collect())
            .collect();
        let mut labels = 0;
        for row in &map_rows {
            for word in row.split(' ') {
                // A word of a label never touches the coasts' dots.
                let lettered = word.chars().any(char::is_alphanumeric);
                assert!(
                    !(lettered && word.chars().any(braille)),
                    "{word:?} at {width}x{height}:\n{text}"
                );
                // Every label ends in its event count (the built-in
                // situation's place names hold no number).
                labels += usize::from(!word.is_empty() && word.chars().all(|c| c.is_ascii_digit()));
            }
        }
        let most = map_rows.len().div_ceil(3);
        assert!(
            (3..=most).contains(&labels),
            "{labels} labels on {} rows at {width}x{height}:\n{text}",
            map_rows.len()
        );
    }
}

#[test]
fn map_labels_use_the_room_they_have() {
    let mut app = builtin_map(120, 40);
    let screen = screen_text(draw(&app).backend().buffer());
    assert!(screen.contains("UN headquarters, New York 5"), "{screen}");
    // Picked, the airport's long name shows whole beside its marker.
    let airport = app.situation().place_by_id("pap-airport");
    while app.view().panes.map.picked != airport {
        keys(&mut app, &[KeyCode::Tab]);
    }
    let screen = screen_text(draw(&app).backend().buffer());
    assert!(
        screen.contains("[Toussaint Louverture International Airport 1]"),
        "{screen}"
    );
    // Zoomed in, the border names the key that fits the map again.
    assert!(!screen.contains("to fit again"), "{screen}");
    keys(&mut app, &[KeyCode::Char('+')]);
    let screen = screen_text(draw(&app).backend().buffer());
    assert!(screen.contains(" 0 to fit again "), "{screen}");
}

#[test]
fn key_figure_pages_group_their_digits() {
    // Two thousand more figures: the pane's title reads "of 2,015", as
    // every other count does, not "of 2015".
    let mut text = sitrep::BUILTIN_TEXT.to_string();
    for i in 0..2000 {
        text += &format!(
            "\n[[metrics]]\nid = \"extra-{i}\"\nlabel = \"Extra figure {i}\"\npoints = [{{ date = 2024-09-20, value = {i}, source = \"aljazeera-2024-09-21\" }}]\n"
        );
    }
    let situation = load_str(&text).situation.expect("the file loads");
    let mut app = App::new(situation, Options::default());
    app.update(Action::Resize {
        width: 120,
        height: 40,
    });
    let screen = screen_text(draw(&app).backend().buffer());
    assert!(screen.contains("1–3 of 2,015 ↓"), "{screen}");
    keys(&mut app, &[KeyCode::Char('1'), KeyCode::Char('G')]);
    let screen = screen_text(draw(&app).backend().buffer());
    assert!(screen.contains("2,013–2,015 of 2,015 ↑"), "{screen}");
}

#[test]
fn map_labels_and_source_counts_group_their_digits() {
    // A thousand more events at UN headquarters, one of them citing a
    // thousand sources: counts read "1,005" and "[1,000]" as everywhere
    // else, not "1005".
    let mut text = sitrep::BUILTIN_TEXT.to_string();
    for i in 0..1000 {
        text += &format!(
            "\n[[sources]]\nid = \"extra-{i}\"\ntitle = \"Extra {i}\"\n\n[[events]]\nid = \"extra-{i}\"\ndate = 2024-09-1{}\ntitle = \"Session {i} at the UN\"\nplace = \"un-headquarters\"\nsources = [\"aljazeera-2024-09-21\"]\n",
            i % 10
        );
    }
    let all: Vec<String> = (0..1000).map(|i| format!("\"extra-{i}\"")).collect();
    text += &format!(
        "\n[[events]]\nid = \"cited\"\ndate = 2024-09-20\ntitle = \"A much cited day\"\nsources = [{}]\n",
        all.join(", ")
    );
    let situation = load_str(&text).situation.expect("the file loads");
    let mut app = App::new(situation, Options::default());
    app.update(Action::Resize {
        width: 120,
        height: 40,
    });
    keys(&mut app, &[KeyCode::Char('5'), KeyCode::Char('z')]);
    let screen = screen_text(draw(&app).backend().buffer());
    assert!(
        screen.contains("UN headquarters, New York 1,005"),
        "{screen}"
    );
    let un = app.situation().place_by_id("un-headquarters");
    while app.view().panes.map.picked != un {
        keys(&mut app, &[KeyCode::Tab]);
    }
    let screen = screen_text(draw(&app).backend().buffer());
    assert!(
        screen.contains("[UN headquarters, New York 1,005]"),
        "{screen}"
    );
    assert!(
        screen.contains("UN headquarters, New York: 1,005 events"),
        "{screen}"
    );
    // The timeline's sources column.
    keys(
        &mut app,
        &[KeyCode::Char('z'), KeyCode::Char('2'), KeyCode::Char('/')],
    );
    self::typed(&mut app, "much cited");
    keys(&mut app, &[KeyCode::Enter]);
    let screen = screen_text(draw(&app).backend().buffer());
    let row = screen
        .lines()
        .find(|l| l.contains("A much cited day"))
        .unwrap_or_else(|| panic!("{screen}"));
    assert!(row.contains("[1,000]"), "{row}");
}

#[test]
fn an_actor_in_a_hundred_thousand_events_shows_its_whole_count() {
    let mut text = String::from(
        "[situation]\ntitle = \"Busy\"\nas_of = 2024-09-21\n\n\
         [[actors]]\nid = \"busy\"\nname = \"Busy agency\"\nkind = \"organization\"\n\n\
         [[actors]]\nid = \"quiet\"\nname = \"Quiet office\"\nkind = \"organization\"\n\n",
    );
    for i in 0..100_000 {
        text += &format!(
            "[[events]]\nid = \"e{i}\"\ndate = 2024-09-{:02}\ntitle = \"Event {i}\"\nactors = [\"busy\"]\n",
            1 + i % 20
        );
    }
    text += "[[events]]\nid = \"q\"\ndate = 2024-09-20\ntitle = \"Quiet\"\nactors = [\"quiet\"]\n";
    let situation = load_str(&text).situation.expect("the file loads");
    let mut app = App::new(situation, Options::default());
    app.update(Action::Resize {
        width: 80,
        height: 24,
    });
    keys(&mut app, &[KeyCode::Char('3')]);
    let pane = pane_text(&app, Pane::Actors);
    let row = |name: &str| {
        pane.lines()
            .find(|l| l.contains(name))
            .unwrap_or_else(|| panic!("{pane}"))
            .to_string()
    };
    // The count whole, a space between it and the kind, and the small
    // count right-aligned under it.
    let busy = row("Busy agency");
    assert!(busy.contains("organization 100,000"), "{pane}");
    let quiet = row("Quiet office");
    let end = |line: &str, word: &str| line.find(word).map(|at| at + word.len());
    assert_eq!(end(&busy, "100,000"), end(&quiet, " 1"), "{pane}");
    assert_eq!(
        end(&row("Events"), "Events"),
        end(&busy, "100,000"),
        "{pane}"
    );
}

#[test]
fn a_narrow_map_keeps_what_is_not_on_it_and_its_legend() {
    // At 200x60 the map is a narrow pane beside the timeline: its status
    // line takes short words rather than lose the legend.
    let situation = load_str(sitrep::BUILTIN_TEXT).situation.unwrap();
    let mut app = App::new(situation, Options::default());
    app.update(Action::Resize {
        width: 200,
        height: 60,
    });
    let map = app
        .screen()
        .visible(sitrep::action::Pane::Map)
        .expect("the map is shown");
    assert!(map.width < 50, "{map:?}");
    let buffer = draw(&app).backend().buffer().clone();
    let status_row = map.bottom() - 2;
    let line: String = (map.left() + 1..map.right() - 1)
        .map(|x| buffer[(x, status_row)].symbol().to_string())
        .collect();
    assert!(line.contains("2 not on the map"), "{line}");
    assert!(line.contains("● exact ○ area"), "{line}");
    assert!(!line.contains('…'), "nothing is cut: {line}");
}

#[test]
fn approximate_places_are_never_drawn_as_a_dot() {
    // Filtered by Haiti, the map fits Hispaniola: the country's one point
    // and its capital's fall in different cells.
    let situation = load_str(sitrep::BUILTIN_TEXT).situation.unwrap();
    let haiti = situation.place_by_id("haiti").unwrap();
    let options = Options {
        filter: sitrep::query::Filter {
            places: vec![haiti],
            ..Default::default()
        },
        ..Options::default()
    };
    let mut app = App::new(situation, options);
    app.update(Action::Resize {
        width: 120,
        height: 40,
    });
    keys(&mut app, &[KeyCode::Char('5'), KeyCode::Char('z')]);
    let buffer = draw(&app).backend().buffer().clone();
    let map = &app.view().panes.map;
    let marker = map
        .markers
        .list
        .iter()
        .find(|m| m.place == haiti)
        .expect("Haiti has events of its own");
    assert!(marker.approximate);
    let (col, row) = map.view.cell_of(map.grid, marker.point).unwrap();
    let inner = app.screen().inner(sitrep::action::Pane::Map);
    let cell = &buffer[(inner.x + col, inner.y + row)];
    assert!(["◦", "○"].contains(&cell.symbol()), "{:?}", cell.symbol());
    // Port-au-Prince, an exact point, gets a dot.
    let pap = app.situation().place_by_id("port-au-prince").unwrap();
    let exact = map.markers.list.iter().find(|m| m.place == pap).unwrap();
    let (col, row) = map.view.cell_of(map.grid, exact.point).unwrap();
    let cell = &buffer[(inner.x + col, inner.y + row)];
    assert!(
        ["·", "•", "●"].contains(&cell.symbol()),
        "{:?}",
        cell.symbol()
    );
}

#[test]
fn the_time_strip_at_two_widths() {
    // 200x60: two bar rows of daily buckets.
    let wide = strip_app(200, 60);
    assert_eq!(wide.screen().strip.height, 3);
    insta::assert_snapshot!("strip_200x60", strip_text(&wide));
    // 80x24: one bar row of 78 columns for 60 days.
    let narrow = strip_app(80, 24);
    assert_eq!(narrow.screen().strip.height, 2);
    insta::assert_snapshot!("strip_80x24", strip_text(&narrow));
}

#[test]
fn vague_dates_and_the_filtered_out_part_differ_without_colour() {
    let app = strip_app(200, 60);
    let area = app.screen().strip;
    let mut buffer = Buffer::empty(area);
    sitrep::ui::strip::render(&app, app.screen(), &mut buffer);
    let cells: Vec<&ratatui::buffer::Cell> = (area.top()..area.bottom() - 1)
        .flat_map(|y| (area.left()..area.right()).map(move |x| (x, y)))
        .map(|at| &buffer[at])
        .collect();
    // Exact weight is bold, spread weight dim, what the filter leaves out
    // dots: three looks in mono.
    let bold = cells
        .iter()
        .any(|c| c.modifier.contains(Modifier::BOLD) && c.symbol() != " ");
    let dim = cells
        .iter()
        .any(|c| c.modifier.contains(Modifier::DIM) && c.symbol() != " ");
    let shade = cells.iter().any(|c| "⣀⣤⣶⣿".contains(c.symbol()));
    assert!(bold && dim && shade, "{}", strip_text(&app));
    assert!(
        cells
            .iter()
            .all(|c| c.fg == Color::Reset && c.bg == Color::Reset)
    );
}

/// The built-in situation at 120x40 in a theme, filtered by the actors
/// with these ids (none: unfiltered).
fn builtin_filtered(theme: Theme, actors: &[&str]) -> App {
    let situation = load_str(sitrep::BUILTIN_TEXT).situation.unwrap();
    let actors = actors
        .iter()
        .map(|id| situation.actor_by_id(id).expect("a built-in actor"))
        .collect();
    let options = Options {
        theme,
        filter: sitrep::query::Filter {
            actors,
            ..Default::default()
        },
        ..Options::default()
    };
    let mut app = App::new(situation, options);
    app.update(Action::Resize {
        width: 120,
        height: 40,
    });
    app
}

/// The strip's bar cells, row by row from the top.
fn strip_bars(app: &App) -> Vec<Vec<ratatui::buffer::Cell>> {
    let area = app.screen().strip;
    let mut buffer = Buffer::empty(area);
    sitrep::ui::strip::render(app, app.screen(), &mut buffer);
    (area.top()..area.bottom() - 1)
        .map(|y| {
            (area.left()..area.right())
                .map(|x| buffer[(x, y)].clone())
                .collect()
        })
        .collect()
}

#[test]
fn under_a_filter_every_event_keeps_its_height_behind_the_kept_ones() {
    // The High Court keeps one event of 2024; a span of 2004 to 2017 and
    // the 32 other events of 2024 are left out.
    let whole = builtin_filtered(Theme::dark(), &[]);
    let court = builtin_filtered(Theme::dark(), &["kenya-high-court"]);
    let (before, after) = (strip_bars(&whole), strip_bars(&court));
    let strip = court.strip();
    let mut kept_columns = 0;
    for (row, (was, is)) in before.iter().zip(&after).enumerate() {
        for (x, (was, is)) in was.iter().zip(is).enumerate() {
            let bucket = strip.bucket_at(x).unwrap();
            if strip.kept[bucket].total() > 0.0 {
                // The kept bar in front, what is left out as the background.
                kept_columns += 1;
                assert_eq!(is.bg, Color::DarkGray, "row {row} column {x}");
                assert_ne!(is.symbol(), "█", "row {row} column {x}");
            } else {
                // Every event's bar, as tall as without the filter, in grey.
                assert_eq!(is.symbol(), was.symbol(), "row {row} column {x}");
                if is.symbol() != " " {
                    assert_eq!(is.fg, Color::DarkGray, "row {row} column {x}");
                }
            }
        }
    }
    assert!(kept_columns > 0);
    // The span of 2004 to 2017 stays as low as it is, not a wall.
    let low = after[after.len() - 1].iter().take(20);
    assert!(
        low.clone().all(|c| c.symbol() == "▁"),
        "{:?}",
        low.map(|c| c.symbol()).collect::<String>()
    );
}

#[test]
fn a_filtered_strip_reads_without_colour() {
    let app = builtin_filtered(Theme::monochrome(), &["kenya-high-court"]);
    insta::assert_snapshot!("strip_filtered_120x40", strip_text(&app));
    let bars = strip_bars(&app);
    let strip = app.strip();
    let bottom = &bars[bars.len() - 1];
    // The left-out span of 2004 to 2017: a quarter of dots, its own height.
    assert!(bottom[..20].iter().all(|c| c.symbol() == "⣀"));
    // 2024: the kept event under the others left out there, dots as high
    // as every event's bar, underlined for the kept sliver.
    let kept: Vec<&ratatui::buffer::Cell> = (0..bottom.len())
        .filter(|&x| strip.kept[strip.bucket_at(x).unwrap()].total() > 0.0)
        .map(|x| &bottom[x])
        .collect();
    assert!(!kept.is_empty());
    for cell in kept {
        assert!(
            ["⣤", "⣶", "⣿"].contains(&cell.symbol()),
            "{}",
            cell.symbol()
        );
        assert!(cell.modifier.contains(Modifier::UNDERLINED));
    }
}

/// Every value of a long situation, by detail: Enter on an event, an actor,
/// a key figure and a quote, at 80x24.
#[test]
fn details_wrap_long_values_whole_at_80x24() {
    use sitrep::doc::detail::{Target, document};
    use sitrep::model::{MetricIx, QuoteIx};
    let role = "Evacuations, rescue and camp security, and the registration of every displaced family in the three lower districts of the valley";
    let minister = "Minister of the Interior since 2023 and chair of the national flood committee that answers to parliament every week";
    let title = "Protest in Sarrin over slow aid distribution, the third in a month, blocking the bridge road to Lower Kessa until the evening";
    let summary = "Several hundred people blocked the bridge road; Civil Protection officers cleared it by evening. Organisers said they would return every day until the water trucks reach the upper villages, which have had none for nine days.";
    let publisher = "Meridian Wire, the regional news agency for the Kessa Valley and the neighbouring provinces of the south";
    let ocha = "OCHA, the United Nations Office for the Coordination of Humanitarian Affairs, Kessa Valley sub-office";
    let context = "Answering questions about the Sarrin protest from reporters outside the ministry, after the morning briefing of the flood committee";
    let text = FIXTURE
        .replace("Evacuations, rescue and camp security", role)
        .replace("role = \"Minister of the Interior\"", &format!("role = \"{minister}\""))
        .replace("Protest in Sarrin over slow aid distribution", title)
        .replace("Several hundred people blocked the bridge road; Civil Protection officers cleared it by evening.", summary)
        .replace("publisher = \"Meridian Wire\"", &format!("publisher = \"{publisher}\""))
        .replace("publisher = \"OCHA\"", &format!("publisher = \"{ocha}\""))
        .replace("Answering questions about the Sarrin protest", context);
    let situation = load_str(&text).situation.expect("the long file loads");
    let mut app = App::new(situation, Options::default());
    app.update(Action::Resize {
        width: 80,
        height: 24,
    });
    let s = app.situation();
    let width = sitrep::geometry::popup::detail(app.screen().popups)
        .text
        .width;
    let metric = s.metrics.iter().position(|m| m.id == "displaced").unwrap();
    let quote = s
        .quotes
        .iter()
        .position(|q| q.id.as_deref() == Some("okonkwo-sarrin"))
        .unwrap();
    let details = [
        (
            Target::Event(s.event_by_id("sarrin-protest").unwrap()),
            vec![title, summary, role, publisher],
        ),
        (
            Target::Actor(s.actor_by_id("civil-protection").unwrap()),
            vec![role, title],
        ),
        (
            Target::Actor(s.actor_by_id("dara-okonkwo").unwrap()),
            vec![minister],
        ),
        (Target::Metric(MetricIx::new(metric)), vec![ocha]),
        (
            Target::Quote(QuoteIx::new(quote)),
            vec![context, minister, title, publisher],
        ),
    ];
    for (target, values) in details {
        let doc = document(app.data(), app.theme(), target, 0, width);
        let lines: Vec<String> = doc.lines.iter().map(|l| l.to_string()).collect();
        for line in &lines {
            assert!(
                sitrep::text::width(line) <= usize::from(width),
                "{target:?}: a row wider than the popup: {line}"
            );
            assert!(
                !line.contains('…'),
                "{target:?}: cut while there is room: {line}"
            );
        }
        // A value wraps onto rows that follow each other: the blocks
        // between blank rows, words joined, hold each value whole.
        let blocks: Vec<String> = lines
            .split(|l| l.trim().is_empty())
            .map(|rows| {
                rows.join(" ")
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        for value in values {
            assert!(
                blocks.iter().any(|b| b.contains(value)),
                "{target:?}: not whole in one block: {value}\n{lines:#?}"
            );
        }
    }
}

/// A place's detail at 80x24 (the built-in file): its events' titles wrap
/// and their dates coarsen to the column rather than run into the title.
#[test]
fn a_place_detail_cuts_nothing_at_80x24() {
    use sitrep::doc::detail::{Target, document};
    let situation = load_str(sitrep::BUILTIN_TEXT).situation.unwrap();
    let mut app = App::new(situation, Options::default());
    app.update(Action::Resize {
        width: 80,
        height: 24,
    });
    let width = sitrep::geometry::popup::detail(app.screen().popups)
        .text
        .width;
    let city = app.situation().place_by_id("port-au-prince").unwrap();
    let doc = document(app.data(), app.theme(), Target::Place(city), 0, width);
    let lines: Vec<String> = doc.lines.iter().map(|l| l.to_string()).collect();
    // "10–12 Apr 2024" is wider than most dates: it coarsens, spaced.
    let decree = lines
        .iter()
        .find(|l| l.contains("Decree"))
        .expect("the decree");
    assert!(decree.starts_with("  Apr 2024 "), "{lines:#?}");
    for line in &lines {
        assert!(sitrep::text::width(line) <= usize::from(width), "{line}");
        assert!(!line.contains('…'), "cut while there is room: {line}");
    }
}
