//! The map pane's state: which part of the Earth it shows, the markers of
//! what the filter keeps, the basemap rasterized for that view, and the
//! place picked with Tab or a click. Every change goes through a small
//! method here; drawing only reads.

use ratatui::layout::Position;

use crate::basemap::Raster;
use crate::data::Data;
use crate::doc::detail::Target;
use crate::geo::{Grid, Viewport};
use crate::geometry::Screen;
use crate::model::PlaceIx;
use crate::places::{Anchors, Markers};

use super::{Cursor, Motion, PaneModel};

/// How much one `+` or `-` zooms.
pub const ZOOM_STEP: f64 = 1.5;
/// A click picks the nearest marker within this many cells.
const CLICK_REACH: i32 = 2;

#[derive(Clone, Debug, PartialEq)]
pub struct MapPane {
    /// The drawing area of the map (inside its border, above its status
    /// line), in cells.
    pub grid: Grid,
    pub view: Viewport,
    /// The view is the fit of the markers (not zoomed or panned by hand):
    /// a resize fits again.
    pub fitted: bool,
    pub anchors: Anchors,
    pub markers: Markers,
    /// The basemap for `view` at `grid`, remade only when either changes
    /// while the map is on screen.
    pub raster: Raster,
    /// What `raster` was made for.
    raster_for: Option<(Viewport, Grid)>,
    /// The map is on screen (not behind a tab, a zoom or absent): only
    /// then is the basemap rasterized.
    shown: bool,
    /// The place picked with Tab or a click: Enter (or Space) adds it to the
    /// filter, `i` opens it.
    pub picked: Option<PlaceIx>,
    /// Unused: the map has no list; kept for the pane interface.
    cursor: Cursor,
}

impl Default for MapPane {
    fn default() -> Self {
        MapPane::new(Anchors::default())
    }
}

/// The map has no list: arrows pan it and Tab picks places (see `App`),
/// clicks pick the nearest marker, Enter (or Space) filters by the picked
/// place and `i` opens its detail.
impl PaneModel for MapPane {
    fn cursor(&self) -> Cursor {
        self.cursor
    }

    fn cursor_mut(&mut self) -> &mut Cursor {
        &mut self.cursor
    }

    fn len(&self, _data: &Data) -> usize {
        self.markers.list.len()
    }

    fn step(&mut self, _motion: Motion, _data: &Data, _screen: &Screen) {}

    fn follow(&mut self, _data: &Data, _screen: &Screen) {}

    fn item_at(&self, _data: &Data, _screen: &Screen, _at: Position) -> Option<usize> {
        None
    }

    /// What `i` (the open action here) opens: the picked place's detail.
    fn target(&self, _data: &Data) -> Option<Target> {
        self.picked.map(Target::Place)
    }
}

impl MapPane {
    pub fn new(anchors: Anchors) -> MapPane {
        let grid = Grid::default();
        MapPane {
            grid,
            view: Viewport::world(grid),
            fitted: true,
            anchors,
            markers: Markers::default(),
            raster: Raster::default(),
            raster_for: None,
            shown: false,
            picked: None,
            cursor: Cursor::default(),
        }
    }

    /// Where the map is drawn now, `None` when it is not on screen. A
    /// fitted view fits a new size; a view set by hand keeps its centre and
    /// zoom.
    pub fn show(&mut self, grid: Option<Grid>) {
        self.shown = grid.is_some();
        if let Some(grid) = grid
            && grid != self.grid
        {
            self.grid = grid;
            if self.fitted {
                self.view = Viewport::fit(self.markers.points(), grid);
            }
        }
        self.rasterize();
    }

    /// The filter changed: new markers, and the view fits them again. The
    /// picked place stays picked while it still has a marker.
    pub fn set_markers(&mut self, markers: Markers) {
        self.markers = markers;
        if let Some(p) = self.picked
            && !self.markers.list.iter().any(|m| m.place == p)
        {
            self.picked = None;
        }
        self.fit();
    }

    /// After a reload: a view set by hand (zoomed or panned) stays, and so
    /// does the picked place (`picked`, found again by id) while it has a
    /// marker. A fitted view stays fitted to the new markers.
    pub fn carry_over(&mut self, old: &MapPane, picked: Option<PlaceIx>) {
        self.picked = picked.filter(|&p| self.markers.list.iter().any(|m| m.place == p));
        if !old.fitted && !self.markers.list.is_empty() {
            self.fitted = false;
            self.set_view(old.view);
        }
    }

    /// `0`: fit the markers again.
    pub fn fit(&mut self) {
        self.fitted = true;
        self.set_view(Viewport::fit(self.markers.points(), self.grid));
    }

    /// `+` (factor above 1) and `-`.
    pub fn zoom(&mut self, factor: f64) {
        self.fitted = false;
        self.set_view(self.view.zoomed(factor));
    }

    /// Arrow keys: a quarter of the view per press, at least one cell.
    pub fn pan(&mut self, east: i32, south: i32) {
        let step_x = (i32::from(self.grid.cols) / 4).max(1);
        let step_y = (i32::from(self.grid.rows) / 4).max(1);
        self.fitted = false;
        self.set_view(self.view.panned(east * step_x, south * step_y));
    }

    fn set_view(&mut self, view: Viewport) {
        self.view = view;
        self.rasterize();
    }

    /// Remakes the basemap if the map is on screen and its view or size
    /// changed since.
    fn rasterize(&mut self) {
        let wanted = (self.view, self.grid);
        if self.shown && self.raster_for != Some(wanted) {
            self.raster = Raster::new(&self.view, self.grid);
            self.raster_for = Some(wanted);
        }
    }

    /// Tab (`step` 1) and Shift-Tab (-1): the next marker in view, busiest
    /// first. Past the last one (or before the first) nothing is picked and
    /// the answer is `false`, so that Tab can go on to the next pane.
    pub fn pick_next(&mut self, step: isize) -> bool {
        let in_view: Vec<PlaceIx> = self
            .markers
            .list
            .iter()
            .filter(|m| self.view.cell_of(self.grid, m.point).is_some())
            .map(|m| m.place)
            .collect();
        let at = self
            .picked
            .and_then(|p| in_view.iter().position(|&x| x == p));
        let next = match at {
            Some(at) => at.checked_add_signed(step),
            None if step < 0 => in_view.len().checked_sub(1),
            None => Some(0),
        };
        self.picked = next.and_then(|i| in_view.get(i).copied());
        self.picked.is_some()
    }

    /// A click at a cell of the map area: picks the nearest marker within
    /// reach. Whether one was picked.
    pub fn pick_at(&mut self, col: u16, row: u16) -> bool {
        let nearest = self
            .markers
            .list
            .iter()
            .filter_map(|m| {
                let (c, r) = self.view.cell_of(self.grid, m.point)?;
                let (dc, dr) = (i32::from(c) - i32::from(col), i32::from(r) - i32::from(row));
                (dc.abs() <= CLICK_REACH && dr.abs() <= CLICK_REACH)
                    .then_some((dc * dc + dr * dr, m.place))
            })
            .min();
        match nearest {
            Some((_, place)) => {
                self.picked = Some(place);
                true
            }
            None => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::load_str;
    use crate::model::{EventIx, Situation};

    fn ixs(positions: &[usize]) -> Vec<EventIx> {
        positions.iter().map(|&p| EventIx::new(p)).collect()
    }

    const FILE: &str = r#"
[situation]
title = "T"
as_of = 2024-09-21

[[sources]]
id = "s"
title = "S"

[[places]]
id = "pap"
name = "Port-au-Prince"
lat = 18.53
lon = -72.33

[[places]]
id = "nairobi"
name = "Nairobi"
lat = -1.28
lon = 36.82

[[events]]
id = "a"
date = 2024-09-01
title = "A"
place = "pap"
sources = ["s"]

[[events]]
id = "b"
date = 2024-09-02
title = "B"
place = "pap"
sources = ["s"]

[[events]]
id = "c"
date = 2024-09-03
title = "C"
place = "nairobi"
sources = ["s"]
"#;

    fn setup() -> (Situation, MapPane) {
        let s = load_str(FILE).situation.expect("loads");
        let mut map = MapPane::new(Anchors::new(&s));
        map.show(Some(Grid { cols: 60, rows: 16 }));
        (s, map)
    }

    fn keep(s: &Situation, map: &mut MapPane, events: &[EventIx]) {
        map.set_markers(Markers::new(s, &map.anchors, events));
    }

    #[test]
    fn a_filter_change_fits_the_view_to_what_it_keeps() {
        let (s, mut map) = setup();
        keep(&s, &mut map, &ixs(&[0, 1, 2]));
        let both = map.view;
        assert!(
            map.view
                .cell_of(map.grid, s.places[1].point.unwrap())
                .is_some()
        );
        keep(&s, &mut map, &ixs(&[0, 1]));
        assert!(map.view.scale < both.scale, "one city: closer in");
        // Centred: 120 dots make the middle fall between columns 29 and 30.
        let (col, row) = map
            .view
            .cell_of(map.grid, s.places[0].point.unwrap())
            .unwrap();
        assert!((29..=30).contains(&col) && row == 8, "{col} {row}");
        assert!(!map.raster.coast.is_empty(), "Hispaniola's coast is drawn");
    }

    #[test]
    fn zoom_and_pan_leave_the_fit_and_zero_fits_again() {
        let (s, mut map) = setup();
        keep(&s, &mut map, &ixs(&[0, 1]));
        let fitted = map.view;
        map.zoom(ZOOM_STEP);
        assert!(!map.fitted);
        assert!((map.view.scale * ZOOM_STEP - fitted.scale).abs() < 1e-12);
        map.zoom(1.0 / ZOOM_STEP);
        map.pan(1, 0);
        assert!(map.view.center.lon > fitted.center.lon);
        map.pan(0, 1);
        assert!(map.view.center.lat < fitted.center.lat);
        // A resize keeps a hand-set view...
        let by_hand = map.view;
        map.show(Some(Grid { cols: 80, rows: 20 }));
        assert_eq!(map.view, by_hand);
        // ...and `0` fits again, as does a resize after it.
        map.fit();
        assert!(map.fitted);
        map.show(Some(Grid { cols: 60, rows: 16 }));
        assert_eq!(map.view, fitted);
    }

    #[test]
    fn tab_and_click_pick_places_with_markers_in_view() {
        let (s, mut map) = setup();
        let (first, second) = (PlaceIx::new(0), PlaceIx::new(1));
        keep(&s, &mut map, &ixs(&[0, 1, 2]));
        assert!(map.pick_next(1));
        assert_eq!(map.picked, Some(first), "busiest first");
        assert!(map.pick_next(1));
        assert_eq!(map.picked, Some(second));
        assert!(!map.pick_next(1), "past the last: on to the next pane");
        assert_eq!(map.picked, None);
        assert!(map.pick_next(-1), "back in from the end");
        assert_eq!(map.picked, Some(second));
        assert!(map.pick_next(-1));
        assert_eq!(map.picked, Some(first));
        assert!(!map.pick_next(-1));
        assert_eq!(map.picked, None);
        map.pick_next(1);
        let (c, r) = map
            .view
            .cell_of(map.grid, s.places[first].point.unwrap())
            .unwrap();
        assert!(map.pick_at(c + 1, r));
        assert_eq!(map.picked, Some(first));
        assert!(!map.pick_at(c + 10, r), "nothing near: nothing picked");
        assert_eq!(map.picked, Some(first), "a miss keeps the pick");
        // A filter that drops the picked place drops the pick.
        keep(&s, &mut map, &ixs(&[2]));
        assert_eq!(map.picked, None);
    }
}
