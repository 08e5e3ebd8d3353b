//! The map at scale: 100,000 generated events at 10,000 places spread over
//! the world, as a filter change and a frame see them. Run with `cargo bench --bench
//! map`; README ("Performance") has the figures.

use std::sync::LazyLock;

use divan::{Bencher, black_box};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use sitrep::app::panes::MapPane;
use sitrep::geo::Grid;
use sitrep::model::{EventIx, PlaceIx, Situation};
use sitrep::places::{Anchors, Markers};
use sitrep::theme::Theme;
use sitrep::ui::map::{MapInput, areas, render};

fn main() {
    divan::main();
}

const EVENTS: usize = 100_000;
const PLACES: usize = 10_000;

/// The generated file (seed 7, as README's other figures) with 10,000
/// places: countries and regions approximate, cities exact, some sites
/// known by name only, busy places far busier than quiet ones. Made once
/// for every bench.
static SITUATION: LazyLock<Situation> = LazyLock::new(situation);

fn situation() -> Situation {
    let options = sitrep_generate::Options::new(EVENTS, 7).with_places(PLACES);
    let mut out = Vec::new();
    sitrep_generate::generate(&options, &mut out).expect("generating into memory");
    let text = String::from_utf8(out).expect("generated text is UTF-8");
    let s = sitrep::load::load_str(&text)
        .situation
        .expect("generated files are valid");
    assert_eq!((s.events.len(), s.places.len()), (EVENTS, PLACES));
    s
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
    let s = &*SITUATION;
    let anchors = Anchors::new(s);
    let kept: Vec<EventIx> = EventIx::all(s.events.len()).step_by(2).collect();
    bencher.bench(|| Markers::new(black_box(s), &anchors, black_box(&kept)));
}

#[divan::bench]
fn draw_the_map(bencher: Bencher) {
    let s = &*SITUATION;
    let map = pane(s, AREA);
    let theme = Theme::dark();
    let input = MapInput {
        situation: s,
        theme: &theme,
        selected: Some(PlaceIx::new(0)),
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
    let s = &*SITUATION;
    let map = pane(s, AREA);
    bencher.bench_local(|| {
        let mut m = map.clone();
        m.zoom(1.5);
        black_box(m.raster.coast.len())
    });
}
