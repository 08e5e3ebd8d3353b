//! A larger terminal never shows less: for any two sizes where the second
//! is at least as wide and as tall, every cell of text the timeline and the
//! actors pane show at the first (titles, actor names, roles, kinds, dates,
//! places) is shown at least as fully at the second, and so is every key
//! figure label. Checked on the screen as drawn, for the built-in situation,
//! the dashboard fixture and generated files with long titles and roles.

mod common;

use std::collections::BTreeMap;

use proptest::prelude::*;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use sitrep::action::{Action, Pane};
use sitrep::app::{App, Options};
use sitrep::geometry::cards::label_rows;
use sitrep::geometry::columns::{
    ActorColumns, GLYPH, MARK, TimelineColumns, actors_columns, timeline_columns,
};
use sitrep::load::load_str;

use common::{FIXTURE, draw, opened};

/// Sizes people run terminals at, the two whole-screen snapshot sizes among
/// them, and two lopsided ones.
const SIZES: [(u16, u16); 9] = [
    (80, 24),
    (100, 30),
    (120, 24),
    (120, 40),
    (140, 45),
    (160, 50),
    (200, 60),
    (240, 70),
    (80, 60),
];

/// `text` opened at 80x24 (each check resizes it).
fn app(text: &str) -> App {
    opened(text, Options::default(), 80, 24)
}

/// The text of the cells `x..x + w` of row `y`, without blanks around it.
fn cell(buf: &Buffer, x: u16, y: u16, w: usize) -> String {
    let cells = Rect::new(x, y, w as u16, 1);
    common::row_text(buf, cells, y).trim().to_string()
}

/// What one size shows: for each of the first rows of the timeline and of
/// the actors pane (both listed from the top, so row `i` is the same item at
/// every size), the text of each column; and each key figure label in view
/// with whether it reads whole.
#[derive(Debug)]
struct Shown {
    timeline: Vec<Vec<String>>,
    actors: Vec<Vec<String>>,
    labels: BTreeMap<usize, bool>,
}

/// The columns' cells of each row of `list`, cut at `bounds` (start, width).
fn rows(buf: &Buffer, list: Rect, bounds: &[(usize, usize)]) -> Vec<Vec<String>> {
    (list.y..list.bottom())
        .map(|y| {
            // The "now" line spans the row: it is no item.
            if cell(buf, list.x, y, usize::from(list.width)).contains(" now · ") {
                return Vec::new();
            }
            bounds
                .iter()
                .map(|&(start, w)| {
                    // A column off the pane's right edge shows nothing.
                    let w = w.min(usize::from(list.width).saturating_sub(start));
                    cell(buf, list.x + start as u16, y, w)
                })
                .collect()
        })
        .collect()
}

/// Where the columns of a timeline row start and how wide they are; a
/// column not shown has width 0 (and shows nothing).
fn timeline_bounds(c: &TimelineColumns) -> Vec<(usize, usize)> {
    let date = GLYPH;
    let title = date + c.date;
    let actors = title + c.title;
    let category = actors + c.actors;
    let sources = category + c.category;
    vec![
        (date, c.date),
        (title, c.title),
        (actors, c.actors),
        (category, c.category),
        (sources, c.sources),
    ]
}

fn actors_bounds(c: &ActorColumns) -> Vec<(usize, usize)> {
    let name = MARK;
    let kind = name + c.name;
    let count = kind + c.kind;
    let role = count + c.count;
    vec![(name, c.name), (kind, c.kind), (role, c.role)]
}

fn shown(app: &mut App, width: u16, height: u16) -> Shown {
    app.update(Action::Resize { width, height });
    app.update(Action::Focus(Pane::Timeline));
    app.update(Action::Top);
    let buf = draw(app);
    let screen = app.screen().clone();
    let list = screen.list(Pane::Timeline);
    assert!(
        screen.visible(Pane::Timeline).is_some(),
        "{width}x{height}: the timeline is on screen"
    );
    let cols = timeline_columns(app.derived(), usize::from(list.width));
    let timeline = rows(&buf, list, &timeline_bounds(&cols));

    let labels = &app.derived().labels;
    let grid = screen.cards;
    let labels = grid
        .cards(0)
        .iter()
        .map(|&(i, _)| {
            let whole = label_rows(std::slice::from_ref(&labels[i]), grid.card_width) <= 2;
            (i, whole)
        })
        .collect();

    app.update(Action::Focus(Pane::Actors));
    app.update(Action::Top);
    let buf = draw(app);
    let screen = app.screen().clone();
    assert!(
        screen.visible(Pane::Actors).is_some(),
        "{width}x{height}: the actors pane is on screen once focused"
    );
    let list = screen.list(Pane::Actors);
    let cols = actors_columns(
        app.derived(),
        app.index().event_count_max(),
        usize::from(list.width),
    );
    let actors = rows(&buf, list, &actors_bounds(&cols));
    Shown {
        timeline,
        actors,
        labels,
    }
}

/// What a cell says, without the marks of a cut: a trailing ellipsis, the
/// "+2" of names left out, the full stop of an abbreviated kind.
fn said(cell: &str) -> &str {
    let cell = cell.trim_end();
    let cell = match cell.rsplit_once(" +") {
        Some((names, more)) if !more.is_empty() && more.chars().all(|c| c.is_ascii_digit()) => {
            names
        }
        _ => cell,
    };
    cell.trim_end_matches(['…', '.', ',']).trim_end()
}

/// Whether `large` shows all that `small` did: every non-empty cell of the
/// smaller size is the start of the same cell at the larger; a date may
/// only get longer (a coarser wording is a shorter one).
fn check(small: &Shown, large: &Shown, sizes: &str) -> Result<(), String> {
    for (pane, a, b) in [
        ("timeline", &small.timeline, &large.timeline),
        ("actors", &small.actors, &large.actors),
    ] {
        for (row, (ra, rb)) in a.iter().zip(b).enumerate() {
            for (column, (ca, cb)) in ra.iter().zip(rb).enumerate() {
                let ok = if pane == "timeline" && column == 0 {
                    cb.chars().count() >= ca.chars().count()
                } else {
                    cb.starts_with(said(ca))
                };
                if !ok {
                    return Err(format!(
                        "{sizes}: {pane} row {row} column {column} showed {ca:?}, then {cb:?}"
                    ));
                }
            }
        }
    }
    for (i, &whole) in &small.labels {
        if whole && large.labels.get(i) == Some(&false) {
            return Err(format!("{sizes}: key figure {i}'s label is cut"));
        }
    }
    if large.labels.len() < small.labels.len() {
        return Err(format!(
            "{sizes}: {} key figures in view, then {}",
            small.labels.len(),
            large.labels.len()
        ));
    }
    Ok(())
}

fn check_pairs(text: &str, sizes: &[(u16, u16)]) -> Result<(), String> {
    let mut app = app(text);
    let shown: Vec<Shown> = sizes.iter().map(|&(w, h)| shown(&mut app, w, h)).collect();
    for (i, &(w1, h1)) in sizes.iter().enumerate() {
        for (j, &(w2, h2)) in sizes.iter().enumerate() {
            if i != j && w1 <= w2 && h1 <= h2 {
                check(&shown[i], &shown[j], &format!("{w1}x{h1} -> {w2}x{h2}"))?;
            }
        }
    }
    Ok(())
}

#[test]
fn a_larger_terminal_shows_all_a_smaller_one_did() {
    for text in [sitrep::BUILTIN_TEXT, FIXTURE] {
        if let Err(e) = check_pairs(text, &SIZES) {
            panic!("{e}");
        }
    }
}

#[test]
fn the_rows_compared_are_real_rows() {
    // The check above compares text; make sure there is text to compare:
    // titles, names and roles at 120x40 on the built-in situation.
    let mut app = app(sitrep::BUILTIN_TEXT);
    let s = shown(&mut app, 120, 40);
    let titles = s.timeline.iter().filter(|r| r[1].len() > 10).count();
    let roles = s.actors.iter().filter(|r| r[2].len() > 10).count();
    assert!(titles >= 8, "{:?}", s.timeline);
    assert!(roles >= 4, "{:?}", s.actors);
}

/// A file with `titles.len()` events and `roles.len()` actors, each title
/// and role of the given length (in words of varied length), each event
/// naming a few actors.
fn generated(titles: &[usize], roles: &[usize]) -> String {
    const WORDS: [&str; 8] = [
        "mission",
        "council",
        "to",
        "deployment",
        "a",
        "humanitarian",
        "of",
        "reinforcements",
    ];
    let phrase = |seed: usize, len: usize| {
        let mut out = String::new();
        let mut k = seed;
        while out.len() < len {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(WORDS[k % WORDS.len()]);
            k = (k * 7 + 3) % 1009;
        }
        out.truncate(len.max(1));
        out.trim_end().to_string()
    };
    let mut s = String::from(
        "[situation]\ntitle = \"Generated\"\nas_of = 2025-03-14\n\n\
         [[sources]]\nid = \"s\"\ntitle = \"A source\"\npublisher = \"Wire\"\ndate = 2025-03-01\n\n",
    );
    for (i, &len) in roles.iter().enumerate() {
        let name = format!("Actor {i:02} {}", phrase(i + 11, (i * 13) % 30));
        s += &format!("[[actors]]\nid = \"a{i}\"\nname = \"{name}\"\nkind = \"organization\"\n");
        if len > 0 {
            s += &format!("role = \"{}\"\n", phrase(i, len));
        }
        if i % 3 == 2 {
            s += &format!("part_of = \"a{}\"\n", i - 1);
        }
        s.push('\n');
    }
    for (i, &len) in titles.iter().enumerate() {
        let actors: Vec<String> = (0..=(i % 4))
            .map(|k| format!("\"a{}\"", (i + k * 5) % roles.len()))
            .collect();
        s += &format!(
            "[[events]]\nid = \"e{i}\"\ndate = 2025-0{}-{:02}\ntitle = \"E{i:02} {}\"\nactors = [{}]\nsources = [\"s\"]\n\n",
            1 + i % 6,
            1 + i % 28,
            phrase(i + 5, len),
            actors.join(", "),
        );
    }
    s
}

/// A size of a real terminal, from the smallest the dashboard lays out.
fn size() -> impl Strategy<Value = (u16, u16)> {
    (50u16..=260, 15u16..=80)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(10))]

    #[test]
    fn long_titles_and_roles_never_show_less_on_a_larger_terminal(
        titles in prop::collection::vec(5usize..180, 3..30),
        roles in prop::collection::vec(0usize..200, 3..20),
        extra in prop::collection::vec(size(), 1..4),
    ) {
        let text = generated(&titles, &roles);
        let mut sizes = SIZES.to_vec();
        sizes.extend(extra);
        prop_assert!(load_str(&text).situation.is_some(), "{text}");
        if let Err(e) = check_pairs(&text, &sizes) {
            prop_assert!(false, "{e}");
        }
    }

}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    #[test]
    fn the_built_in_situation_never_shows_less_on_a_larger_terminal(
        small in size(),
        grow in (0u16..=120, 0u16..=50),
    ) {
        let large = (small.0 + grow.0, small.1 + grow.1);
        if let Err(e) = check_pairs(sitrep::BUILTIN_TEXT, &[small, large]) {
            prop_assert!(false, "{e}");
        }
    }
}
