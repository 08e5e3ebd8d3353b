//! How sitrep scales: loading and checking, building the search and member
//! indexes, a filter change with its redraw (the time strip counted again
//! with it), a frame of the timeline, and
//! scrolling, on generated situations of 10,000 and 100,000 events, and of
//! 1,000,000 with `SITREP_BENCH_MILLION=1` (a 459 MB file: it takes a while).
//!
//! Run with `cargo bench --bench scale`; README ("Performance") has the
//! figures and how they compare with Python's tomllib.

use std::collections::HashMap;
use std::sync::Mutex;

use divan::{Bencher, black_box};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use sitrep::action::{Action, Pane};
use sitrep::app::{App, Options};
use sitrep::model::{ActorIx, Situation};
use sitrep::query::{self, Filter, Index};

fn main() {
    divan::main();
}

const SMALL: usize = 10_000;
const MILLION: usize = 1_000_000;

/// The sizes measured: 10,000 and 100,000 events, and a million when
/// `SITREP_BENCH_MILLION` is set.
fn sizes() -> Vec<usize> {
    let mut sizes = vec![SMALL, 100_000];
    if std::env::var_os("SITREP_BENCH_MILLION").is_some() {
        sizes.push(MILLION);
    }
    sizes
}

/// The generated file of each size, made once per run (seed 7, the README's).
fn text(events: usize) -> &'static str {
    static TEXTS: Mutex<Option<HashMap<usize, &'static str>>> = Mutex::new(None);
    let mut texts = TEXTS.lock().unwrap_or_else(|e| e.into_inner());
    texts
        .get_or_insert_with(HashMap::new)
        .entry(events)
        .or_insert_with(|| {
            let mut out = Vec::new();
            sitrep_generate::generate(&sitrep_generate::Options::new(events, 7), &mut out)
                .expect("writing to memory does not fail");
            // Kept for the whole run, as the benches share it.
            String::from_utf8(out)
                .expect("the generator writes UTF-8")
                .leak()
        })
}

fn situation(events: usize) -> Situation {
    sitrep::load::load_str(text(events))
        .situation
        .expect("generated files are valid")
}

/// A dashboard at 140x45 with its first frame drawn.
fn dashboard(events: usize) -> (App, Terminal<TestBackend>) {
    let mut app = App::new(situation(events), Options::default());
    app.update(Action::Resize {
        width: 140,
        height: 45,
    });
    let mut terminal = Terminal::new(TestBackend::new(140, 45)).expect("a test backend");
    draw(&mut terminal, &app);
    (app, terminal)
}

fn draw(terminal: &mut Terminal<TestBackend>, app: &App) {
    terminal
        .draw(|frame| frame.render_widget(app, frame.area()))
        .expect("drawing to a test backend does not fail");
}

/// A key through the same table the dashboard reads keys with.
fn key(app: &mut App, code: KeyCode) {
    let event = KeyEvent::new(code, KeyModifiers::NONE);
    if let Some(action) = app.keymap().action_for(app.mode(), app.view().focus, event) {
        app.update(action);
    }
}

/// A file with nothing to report: the fast path, on every core.
#[divan::bench(args = sizes(), sample_count = 10)]
fn load_and_check(bencher: Bencher, events: usize) {
    let text = text(events);
    bencher.bench(|| sitrep::load::load_str(black_box(text)));
}

/// The same file by the full reader alone, as a file with a problem is
/// read: what the fast path saves.
#[divan::bench(args = sizes(), sample_count = 10)]
fn load_in_full(bencher: Bencher, events: usize) {
    let text = text(events);
    bencher.bench(|| sitrep::load::load_str_in_full(black_box(text)));
}

/// The file read from disk in blocks as `check` reads it, never held whole.
#[divan::bench(args = sizes(), sample_count = 10)]
fn load_file_in_blocks(bencher: Bencher, events: usize) {
    let mut file = tempfile::NamedTempFile::new().expect("a temporary file");
    std::io::Write::write_all(&mut file, text(events).as_bytes()).expect("written");
    let progress = sitrep::load::Progress::new();
    bencher.bench(|| sitrep::load::load_file_with(black_box(file.path()), u64::MAX, &progress));
}

#[divan::bench(args = sizes(), sample_count = 10)]
fn build_indexes(bencher: Bencher, events: usize) {
    let s = situation(events);
    bencher.bench(|| Index::new(black_box(&s)));
}

/// The part of the indexes the date window and the time strip use.
#[divan::bench(args = sizes(), sample_count = 20)]
fn build_day_index(bencher: Bencher, events: usize) {
    let s = situation(events);
    bencher.bench(|| sitrep::day_index::DayIndex::new(black_box(&s.events)));
}

/// What the user waits for between starting the dashboard and its first
/// frame: the file read from disk in blocks, the command line's (empty)
/// filter read against it, the dashboard's indexes and column widths, the
/// layout for the terminal's size, and the frame drawn.
#[divan::bench(args = sizes(), sample_count = 10)]
fn first_frame(bencher: Bencher, events: usize) {
    let mut file = tempfile::NamedTempFile::new().expect("a temporary file");
    std::io::Write::write_all(&mut file, text(events).as_bytes()).expect("written");
    let progress = sitrep::load::Progress::new();
    bencher.bench(|| {
        let loaded = sitrep::load::load_file_with(black_box(file.path()), u64::MAX, &progress);
        let s = loaded.expect("readable").report.situation.expect("valid");
        let filter = sitrep::ask::Ask::default().filter(&s).expect("no flags");
        let options = Options {
            filter,
            ..Options::default()
        };
        let mut app = App::new(s, options);
        app.update(Action::Resize {
            width: 140,
            height: 45,
        });
        let mut terminal = Terminal::new(TestBackend::new(140, 45)).expect("a test backend");
        draw(&mut terminal, &app);
        (app, terminal)
    });
}

/// The filter alone: an actor with its members and a search word.
#[divan::bench(args = sizes())]
fn select(bencher: Bencher, events: usize) {
    let s = situation(events);
    let index = Index::new(&s);
    let filter = Filter {
        actors: vec![ActorIx::new(0)],
        search: "water".into(),
        ..Filter::default()
    };
    bencher.bench(|| query::select(&s, &index, black_box(&filter)));
}

/// An actor added to and taken out of the filter, each followed by a redraw
/// at 140x45 (two filter changes per iteration).
#[divan::bench(args = sizes())]
fn toggle_actor_and_redraw(bencher: Bencher, events: usize) {
    let (mut app, mut terminal) = dashboard(events);
    app.update(Action::Focus(Pane::Actors));
    bencher.bench_local(|| {
        for _ in 0..2 {
            app.update(Action::Toggle);
            draw(&mut terminal, &app);
        }
    });
}

/// One keystroke of an incremental search and its redraw at 140x45: typing
/// "port" then deleting it, so each iteration is eight filter changes.
#[divan::bench(args = sizes())]
fn search_keystroke_and_redraw(bencher: Bencher, events: usize) {
    let (mut app, mut terminal) = dashboard(events);
    key(&mut app, KeyCode::Char('/'));
    bencher.bench_local(|| {
        for c in "port".chars() {
            key(&mut app, KeyCode::Char(c));
            draw(&mut terminal, &app);
        }
        for _ in 0..4 {
            key(&mut app, KeyCode::Backspace);
            draw(&mut terminal, &app);
        }
    });
}

/// The first letter typed into a search as soon as the first frame is on
/// screen: the search text is still being built in the background then.
#[divan::bench(args = sizes(), sample_count = 5)]
fn first_search_keystroke(bencher: Bencher, events: usize) {
    let s = situation(events);
    bencher
        .with_inputs(|| {
            let mut app = App::new(s.clone(), Options::default());
            app.update(Action::Resize {
                width: 140,
                height: 45,
            });
            let mut terminal = Terminal::new(TestBackend::new(140, 45)).expect("a test backend");
            draw(&mut terminal, &app);
            key(&mut app, KeyCode::Char('/'));
            (app, terminal)
        })
        .bench_local_refs(|(app, terminal)| {
            key(app, KeyCode::Char('p'));
            draw(terminal, app);
        });
}

/// `G` then `g` in the timeline, each with its redraw.
#[divan::bench(args = sizes())]
fn bottom_and_top(bencher: Bencher, events: usize) {
    let (mut app, mut terminal) = dashboard(events);
    app.update(Action::Focus(Pane::Timeline));
    bencher.bench_local(|| {
        key(&mut app, KeyCode::Char('G'));
        draw(&mut terminal, &app);
        key(&mut app, KeyCode::Char('g'));
        draw(&mut terminal, &app);
    });
}

/// A frame of the timeline with nothing changed.
#[divan::bench(args = sizes())]
fn redraw(bencher: Bencher, events: usize) {
    let (app, mut terminal) = dashboard(events);
    bencher.bench_local(|| draw(&mut terminal, &app));
}

/// A page down and its redraw, wrapping to the top at the end.
#[divan::bench(args = sizes())]
fn scroll_a_page(bencher: Bencher, events: usize) {
    let (mut app, mut terminal) = dashboard(events);
    app.update(Action::Focus(Pane::Timeline));
    bencher.bench_local(|| {
        app.update(Action::PageDown);
        draw(&mut terminal, &app);
    });
}

/// A frame where an event title, a quote, an actor's name and a figure's
/// label are each 5 MB: rows read only what fits, so this stays close to
/// an ordinary frame.
#[divan::bench(sample_count = 20)]
fn huge_text_redraw(bencher: Bencher) {
    let long = "漢字 👍 e\u{301} long text ".repeat(5_000_000 / 20);
    let mut s = sitrep::load::load_str(text(SMALL))
        .situation
        .expect("valid");
    let last = s.events.len() - 1;
    s.events[last].title = long.clone();
    s.quotes[0].text = long.clone();
    let speaker = s.quotes[0].speaker;
    s.actors[speaker].name = long.as_str().into();
    s.metrics[0].label = long;
    let mut app = App::new(s, Options::default());
    app.update(Action::Resize {
        width: 140,
        height: 45,
    });
    let mut terminal = Terminal::new(TestBackend::new(140, 45)).expect("a test backend");
    bencher.bench_local(|| draw(&mut terminal, &app));
}

/// What the seen marks cost on opening a file: every item's digest, and the
/// comparison with an earlier version's catalog (here the same file with
/// one event in a hundred edited). Compare with `first_frame`.
#[divan::bench(args = sizes(), sample_count = 10)]
fn digests_and_compare(bencher: Bencher, events: usize) {
    use sitrep::changes::{Catalog, Changes};
    use sitrep::digest::Digests;
    let s = situation(events);
    let mut earlier = s.clone();
    for e in earlier.events.iter_mut().step_by(100) {
        e.title.push('!');
    }
    let earlier_digests = Digests::of(&earlier);
    let old = Catalog::of(&earlier, &earlier_digests);
    bencher.bench(|| {
        let digests = Digests::of(black_box(&s));
        let changes = Changes::between(&old, &Catalog::of(&s, &digests));
        assert_eq!(
            changes.changed(),
            events / 100,
            "{:?}",
            (changes.added(), changes.removed())
        );
        (digests, changes)
    });
}

/// The time strip alone over every event: buckets for 138 columns, both
/// layers (every event, from the index built on loading, and a filter's
/// half counted one by one), labels.
#[divan::bench(args = sizes())]
fn strip(bencher: Bencher, events: usize) {
    let s = situation(events);
    let index = Index::new(&s);
    let span = index.days().span().expect("generated files have events");
    let half: Vec<_> = s.event_ixs().step_by(2).collect();
    bencher.bench(|| sitrep::strip::compute(black_box(span), 138, s.as_of, index.days(), &half));
}

/// The date window moved on and back (`]` then `[`), each a filter change
/// with the time strip counted again over the new window, and a redraw at
/// 140x45.
#[divan::bench(args = sizes())]
fn shift_window_and_redraw(bencher: Bencher, events: usize) {
    let (mut app, mut terminal) = dashboard(events);
    key(&mut app, KeyCode::Char('w'));
    for c in "90d".chars() {
        key(&mut app, KeyCode::Char(c));
    }
    key(&mut app, KeyCode::Enter);
    assert!(!app.screen().strip.is_empty(), "the strip shows at 140x45");
    bencher.bench_local(|| {
        for c in [']', '['] {
            key(&mut app, KeyCode::Char(c));
            draw(&mut terminal, &app);
        }
    });
}
