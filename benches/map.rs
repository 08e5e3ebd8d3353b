//! The map at scale: 100,000 events at 10,000 places spread over the world,
//! as a filter change and a frame see them. Run with `cargo bench --bench
//! map`; README ("Performance") has the figures.

use divan::{Bencher, black_box};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use sitrep::app::panes::MapPane;
use sitrep::geo::Grid;
use sitrep::model::{Event, EventIx, FuzzyDate, LatLon, Place, PlaceKind, Situation};
use sitrep::places::{Anchors, Markers};
use sitrep::theme::Theme;
use sitrep::ui::map::{MapInput, areas, render};

fn main() {
    divan::main();
}

const EVENTS: usize = 100_000;
const PLACES: usize = 10_000;

/// Places on a spiral over the inhabited latitudes, every tenth one
/// approximate and every hundredth known by name only, each event at one.
fn situation() -> Situation {
    let as_of = chrono::NaiveDate::from_ymd_opt(2024, 9, 21).expect("a date");
    let places = (0..PLACES)
        .map(|i| {
            let t = i as f64 / PLACES as f64;
            Place {
                id: format!("p{i}"),
                name: format!("Place number {i}"),
                kind: PlaceKind::City,
                part_of: None,
                point: (i % 100 != 0).then(|| LatLon {
                    lat: -50.0 + 110.0 * t,
                    lon: -180.0 + (t * 360.0 * 37.0) % 360.0,
                }),
                approximate: i % 10 == 0,
                aliases: vec![],
            }
        })
        .collect();
    let events = (0..EVENTS)
        .map(|i| Event {
            id: format!("e{i}"),
            date: FuzzyDate::day(as_of - chrono::Days::new((i / 100) as u64)),
            end: None,
            title: format!("Event {i}"),
            summary: None,
            actors: vec![],
            location: None,
            // Skewed, so some places are much busier than others.
            place: Some((i * i) % PLACES),
            category: None,
            tags: vec![],
            sources: vec![],
        })
        .collect();
    Situation {
        as_of,
        places,
        events,
        ..Situation::default()
    }
}

/// A map pane of 200x60 with every event kept.
fn pane(s: &Situation, area: Rect) -> MapPane {
    let mut map = MapPane::new(Anchors::new(s));
    let (inner, _) = areas(area);
    map.show(Some(Grid {
        cols: inner.width,
        rows: inner.height,
    }));
    let all: Vec<EventIx> = EventIx::all(s.events.len()).collect();
    map.set_markers(Markers::new(s, &map.anchors, &all));
    map
}

const AREA: Rect = Rect {
    x: 0,
    y: 0,
    width: 200,
    height: 60,
};

#[divan::bench]
fn markers_from_a_filter_result(bencher: Bencher) {
    let s = situation();
    let anchors = Anchors::new(&s);
    let kept: Vec<EventIx> = EventIx::all(s.events.len()).step_by(2).collect();
    bencher.bench(|| Markers::new(black_box(&s), &anchors, black_box(&kept)));
}

#[divan::bench]
fn draw_the_map(bencher: Bencher) {
    let s = situation();
    let map = pane(&s, AREA);
    let theme = Theme::dark();
    let input = MapInput {
        situation: &s,
        theme: &theme,
        selected: Some(0),
        kept: s.events.len(),
    };
    let mut buf = Buffer::empty(AREA);
    bencher.bench_local(|| {
        buf.reset();
        render(black_box(&map), &input, AREA, &mut buf);
    });
}

#[divan::bench]
fn zoom_in_and_rasterize_the_basemap(bencher: Bencher) {
    let s = situation();
    let map = pane(&s, AREA);
    bencher.bench_local(|| {
        let mut m = map.clone();
        m.zoom(1.5);
        black_box(m.raster.coast.len())
    });
}
