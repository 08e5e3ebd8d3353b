//! What remembering the last look costs: the dashboard's first frame on a
//! generated situation of 100,000 events with no record, on a first look
//! (the version opened becomes the baseline) and against a record of an
//! earlier version (1% of the items edited, 0.1% gone); the time until the
//! marks against it show (they come after the first frame); and the parts
//! of that: digests, reading the record back, comparing.
//!
//! Run with `cargo bench --bench changed`; README ("Performance") has the
//! figures. `scripts/compare-diff-with-check.sh` times `sitrep diff` against
//! `sitrep check` on files of the same size.

use std::sync::{Arc, OnceLock};

use divan::{Bencher, black_box};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use sitrep::action::Action;
use sitrep::app::{App, Options, SeenSetup};
use sitrep::digest::{Digests, Section};
use sitrep::marks::Marks;
use sitrep::model::Situation;
use sitrep::seen::Record;

fn main() {
    divan::main();
}

const EVENTS: usize = 100_000;

/// The generated file (seed 7, as README's other figures).
fn text() -> &'static str {
    static TEXT: OnceLock<String> = OnceLock::new();
    TEXT.get_or_init(|| {
        let mut out = Vec::new();
        sitrep_generate::generate(&sitrep_generate::Options::new(EVENTS, 7), &mut out)
            .expect("writing to memory does not fail");
        String::from_utf8(out).expect("the generator writes UTF-8")
    })
}

fn situation() -> Situation {
    sitrep::load::load_str(text())
        .situation
        .expect("generated files are valid")
}

/// The record of an earlier look, as written to disk: the same items, but
/// every hundredth with another digest (edited since), and every
/// thousandth under a key the file no longer has (removed since; its item
/// in the file then counts as new).
fn record_text() -> &'static str {
    static RECORD: OnceLock<String> = OnceLock::new();
    RECORD.get_or_init(|| {
        let s = situation();
        let text = Record::of(
            &s,
            &Digests::of(&s),
            "/data/generated.toml",
            "2026-11-28T09:00:00Z".parse().unwrap(),
            None,
        )
        .to_text();
        let mut out = String::with_capacity(text.len() + 4096);
        // After the three header lines: section, key, digest, since, fields.
        for (i, line) in text.lines().enumerate() {
            let mut fields: Vec<String> = line.split('\t').map(str::to_string).collect();
            if let Some(item) = i.checked_sub(3) {
                if item % 100 == 0 {
                    let digest = u64::from_str_radix(&fields[2], 16).expect("a digest");
                    fields[2] = format!("{:016x}", digest ^ 1);
                }
                if item % 1000 == 500 {
                    fields[1].push_str("-gone");
                }
            }
            out.push_str(&fields.join("\t"));
            out.push('\n');
        }
        out
    })
}

fn setup(earlier: Option<Record>) -> SeenSetup {
    SeenSetup {
        record: "/state/sitrep/generated.seen".into(),
        file: "/data/generated.toml".into(),
        earlier: earlier.map(Arc::new),
        problem: None,
        now: "2026-12-01T09:00:00Z".parse().unwrap(),
        unread: false,
    }
}

/// The record of an earlier look on disk, not read yet, as the dashboard
/// opens with it: it is read after the first frame, with the marks.
fn setup_on_disk() -> SeenSetup {
    static PATH: OnceLock<std::path::PathBuf> = OnceLock::new();
    let path = PATH.get_or_init(|| {
        let path = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("bench-generated.seen");
        std::fs::write(&path, record_text()).expect("the bench's folder is writable");
        path
    });
    SeenSetup {
        record: path.clone(),
        unread: true,
        ..setup(None)
    }
}

/// Load, build the state, lay out and draw one frame at 140x45. As the
/// dashboard does, where the record is is found on a thread of its own
/// while the file loads.
fn first_frame(seen: impl FnOnce() -> Option<SeenSetup> + Send) -> (App, Terminal<TestBackend>) {
    let (s, seen) = std::thread::scope(|scope| {
        let seen = scope.spawn(seen);
        let s = sitrep::load::load_str(black_box(text())).situation;
        (s, seen.join().expect("reading the record does not panic"))
    });
    let options = Options {
        seen,
        ..Options::default()
    };
    let mut app = App::new(s.expect("valid"), options);
    app.update(Action::Resize {
        width: 140,
        height: 45,
    });
    let mut terminal = Terminal::new(TestBackend::new(140, 45)).expect("a test backend");
    terminal
        .draw(|frame| frame.render_widget(&app, frame.area()))
        .expect("drawing to a test backend does not fail");
    (app, terminal)
}

/// Runs `frame` once untimed, then times it. The first large frame in a
/// process measures about a third slower than the next (the allocator
/// gets its memory from the system, page by page), and divan runs the
/// benches in name order: without this, whichever comes first looks
/// slower than the rest for no reason of its own.
fn bench_warm<T>(bencher: Bencher, frame: impl Fn() -> T + Sync) {
    drop(frame());
    bencher.bench(frame);
}

/// Nothing remembered (`--no-state`, or the built-in situation).
#[divan::bench(sample_count = 7, sample_size = 1)]
fn first_frame_no_record(bencher: Bencher) {
    bench_warm(bencher, || first_frame(|| None));
}

/// A first look: the version opened is the baseline (its digests and what
/// each item shows are computed).
#[divan::bench(sample_count = 7, sample_size = 1)]
fn first_frame_first_look(bencher: Bencher) {
    bench_warm(bencher, || first_frame(|| Some(setup(None))));
}

/// Against the record of an earlier look on disk. The first frame waits
/// neither for reading it nor for the marks: both come after it (see
/// `marks_in_against_a_record`).
#[divan::bench(sample_count = 7, sample_size = 1)]
fn first_frame_against_a_record(bencher: Bencher) {
    setup_on_disk();
    bench_warm(bencher, || first_frame(|| Some(setup_on_disk())));
}

/// Until the marks show: the first frame against a record, then, as the
/// terminal loop does, the record read and the marks worked out on a
/// thread of their own (the search text is built meanwhile), handed to the
/// state and drawn.
#[divan::bench(sample_count = 7, sample_size = 1)]
fn marks_in_against_a_record(bencher: Bencher) {
    setup_on_disk();
    bench_warm(bencher, || {
        let (mut app, mut terminal) = first_frame(|| Some(setup_on_disk()));
        let marking = app.take_marking().expect("marks to work out");
        let marked = std::thread::spawn(move || marking.run())
            .join()
            .expect("marking does not panic");
        app.marked(marked);
        assert!(app.marks_wording().is_some_and(|w| w.contains("since")));
        terminal
            .draw(|frame| frame.render_widget(&app, frame.area()))
            .expect("drawing to a test backend does not fail");
        (app, terminal)
    });
}

#[divan::bench(sample_count = 10)]
fn digests(bencher: Bencher) {
    let s = situation();
    bencher.bench(|| Digests::of(black_box(&s)));
}

#[divan::bench(sample_count = 10)]
fn read_the_record(bencher: Bencher) {
    let record = record_text();
    bencher.bench(|| Record::parse(black_box(record)));
}

#[divan::bench(sample_count = 10)]
fn compare_with_the_record(bencher: Bencher) {
    let s = situation();
    let digests = Digests::of(&s);
    let record = Record::parse(record_text()).expect("the record reads");
    let marks = Marks::between(&record, &s, &digests);
    assert!(marks.count(Section::Events) > 0 && !marks.removed.is_empty());
    bencher.bench(|| Marks::between(black_box(&record), &s, &digests));
}

/// The record written on quitting, as text.
#[divan::bench(sample_count = 10)]
fn record_to_write(bencher: Bencher) {
    let s = situation();
    let digests = Digests::of(&s);
    let earlier = Record::parse(record_text()).expect("the record reads");
    bencher.bench(|| {
        Record::of(
            &s,
            &digests,
            "/data/generated.toml",
            "2026-12-01T09:00:00Z".parse().unwrap(),
            Some(&earlier),
        )
        .to_text()
    });
}
