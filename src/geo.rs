//! Where a point of the Earth lands on a braille map, and which part of the
//! Earth a map shows: pure arithmetic, shared by the map's state (fitting,
//! zoom, pan, hit tests) and its drawing.
//!
//! The projection is equirectangular, with longitude shrunk by the cosine of
//! the view's central latitude so that shapes near the view's centre keep
//! their proportions. A braille cell is 2 dots wide and 4 tall, and a
//! terminal cell about twice as tall as it is wide, so a dot is square: one
//! `scale` (degrees of latitude per dot) serves both axes.

use crate::model::LatLon;

/// Dots per terminal cell of a braille canvas.
pub const DOTS_X: u32 = 2;
pub const DOTS_Y: u32 = 4;

/// The narrowest view a fit gives, in degrees of latitude: one city alone
/// still shows the country around it.
const MIN_FIT_SPAN: f64 = 3.0;
/// The closest zoom, in degrees of latitude per dot (about 100 m).
const MIN_SCALE: f64 = 0.001;
/// Share of the view left around the fitted points, on each side.
const MARGIN: f64 = 0.12;
/// The latitudes a fit keeps its view within where the map's shape lets
/// it: the basemap's northernmost and southernmost coasts (Greenland at
/// 83.6 N, Antarctica's at 85.2 S). Beyond them it draws only blank rows.
const DRAWN_NORTH: f64 = 83.6;
const DRAWN_SOUTH: f64 = -85.2;

/// A map's size in terminal cells.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Grid {
    pub cols: u16,
    pub rows: u16,
}

impl Grid {
    pub fn dots(self) -> (u32, u32) {
        (u32::from(self.cols) * DOTS_X, u32::from(self.rows) * DOTS_Y)
    }

    pub fn is_empty(self) -> bool {
        self.cols == 0 || self.rows == 0
    }
}

/// The part of the Earth a view shows, in degrees.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Bounds {
    pub west: f64,
    pub east: f64,
    pub south: f64,
    pub north: f64,
}

impl Bounds {
    pub fn contains(&self, p: LatLon) -> bool {
        (self.west..=self.east).contains(&p.lon) && (self.south..=self.north).contains(&p.lat)
    }

    /// Whether two boxes share any point.
    pub fn overlaps(&self, other: &Bounds) -> bool {
        self.west <= other.east
            && other.west <= self.east
            && self.south <= other.north
            && other.south <= self.north
    }

    /// The smallest box around the points, or `None` for no points.
    pub fn around(points: impl IntoIterator<Item = LatLon>) -> Option<Bounds> {
        points.into_iter().fold(None, |b: Option<Bounds>, p| {
            Some(match b {
                None => Bounds {
                    west: p.lon,
                    east: p.lon,
                    south: p.lat,
                    north: p.lat,
                },
                Some(b) => Bounds {
                    west: b.west.min(p.lon),
                    east: b.east.max(p.lon),
                    south: b.south.min(p.lat),
                    north: b.north.max(p.lat),
                },
            })
        })
    }
}

/// What a map shows: its centre and how many degrees of latitude one dot
/// spans. Independent of the map's size, so a resize keeps the same centre
/// and zoom.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Viewport {
    pub center: LatLon,
    /// Degrees of latitude per dot; always positive and finite.
    pub scale: f64,
}

impl Viewport {
    /// The whole world on a map of this size.
    pub fn world(grid: Grid) -> Viewport {
        let bounds = Bounds {
            west: -180.0,
            east: 180.0,
            south: -60.0,
            north: 80.0,
        };
        Viewport::fit_bounds(bounds, grid, 0.0)
    }

    /// A view of every point with a margin around them; the world when
    /// there are none.
    pub fn fit(points: impl IntoIterator<Item = LatLon>, grid: Grid) -> Viewport {
        match Bounds::around(points) {
            Some(b) => Viewport::fit_bounds(b, grid, MARGIN),
            None => Viewport::world(grid),
        }
    }

    fn fit_bounds(b: Bounds, grid: Grid, margin: f64) -> Viewport {
        let center = LatLon {
            lat: ((b.south + b.north) / 2.0).clamp(-85.0, 85.0),
            lon: (b.west + b.east) / 2.0,
        };
        let (dots_x, dots_y) = grid.dots();
        let (dots_x, dots_y) = (f64::from(dots_x.max(1)), f64::from(dots_y.max(1)));
        let lat_span = (b.north - b.south).max(MIN_FIT_SPAN) * (1.0 + 2.0 * margin);
        let lon_span = (b.east - b.west) * (1.0 + 2.0 * margin);
        let scale_at = |lat: f64| (lat_span / dots_y).max(lon_span * lon_shrink(lat) / dots_x);
        let mut view = Viewport {
            center,
            scale: scale_at(center.lat),
        };
        // A view wider in shape than the points is taller than they need:
        // it moves toward the drawn latitudes rather than show blank past a
        // pole, never leaving a point out. Moving changes how much
        // longitude shrinks, so the scale follows (a few rounds settle it).
        let (north, south) = (DRAWN_NORTH.max(b.north), DRAWN_SOUTH.min(b.south));
        for _ in 0..4 {
            let half = dots_y * view.scale / 2.0;
            let lat = if 2.0 * half >= north - south {
                (north + south) / 2.0
            } else {
                view.center.lat.clamp(south + half, north - half)
            };
            view = Viewport {
                center: LatLon { lat, ..center },
                scale: scale_at(lat),
            };
        }
        view.clamped()
    }

    /// Keeps the view on the Earth and its zoom within reason.
    fn clamped(self) -> Viewport {
        let scale = if self.scale.is_finite() {
            self.scale.clamp(MIN_SCALE, 90.0)
        } else {
            1.0
        };
        Viewport {
            center: LatLon {
                lat: self.center.lat.clamp(-85.0, 85.0),
                lon: self.center.lon.clamp(-180.0, 180.0),
            },
            scale,
        }
    }

    /// Zoomed in by `factor` (2.0 shows half the width), or out below 1.
    pub fn zoomed(self, factor: f64) -> Viewport {
        Viewport {
            scale: self.scale / factor,
            ..self
        }
        .clamped()
    }

    /// Moved by a number of cells (east and south positive), as arrow keys do.
    pub fn panned(self, cols: i32, rows: i32) -> Viewport {
        let lat_per_cell = self.scale * f64::from(DOTS_Y);
        let lon_per_cell = self.scale * f64::from(DOTS_X) / lon_shrink(self.center.lat);
        Viewport {
            center: LatLon {
                lat: self.center.lat - f64::from(rows) * lat_per_cell,
                lon: self.center.lon + f64::from(cols) * lon_per_cell,
            },
            ..self
        }
        .clamped()
    }

    /// What a map of this size shows.
    pub fn bounds(&self, grid: Grid) -> Bounds {
        let (dots_x, dots_y) = grid.dots();
        let half_lat = f64::from(dots_y) * self.scale / 2.0;
        let half_lon = f64::from(dots_x) * self.scale / lon_shrink(self.center.lat) / 2.0;
        Bounds {
            west: self.center.lon - half_lon,
            east: self.center.lon + half_lon,
            south: self.center.lat - half_lat,
            north: self.center.lat + half_lat,
        }
    }

    /// The dot a point falls on, as ratatui's canvas places it: dots count
    /// from the top left, `None` outside the view.
    pub fn dot_of(&self, grid: Grid, p: LatLon) -> Option<(u32, u32)> {
        let (x, y) = self.dot_at(grid, p)?;
        let (dots_x, dots_y) = grid.dots();
        let (x, y) = (x.round(), y.round());
        (x >= 0.0 && y >= 0.0 && x < f64::from(dots_x) && y < f64::from(dots_y))
            .then_some((x as u32, y as u32))
    }

    /// A point's position in dots, unrounded and possibly outside the grid
    /// (for drawing lines that leave the view).
    pub fn dot_at(&self, grid: Grid, p: LatLon) -> Option<(f64, f64)> {
        if grid.is_empty() {
            return None;
        }
        let b = self.bounds(grid);
        let (dots_x, dots_y) = grid.dots();
        let x = (p.lon - b.west) * f64::from(dots_x - 1) / (b.east - b.west);
        let y = (b.north - p.lat) * f64::from(dots_y - 1) / (b.north - b.south);
        Some((x, y))
    }

    /// The cell (column, row from the top left) a point falls in.
    pub fn cell_of(&self, grid: Grid, p: LatLon) -> Option<(u16, u16)> {
        let (x, y) = self.dot_of(grid, p)?;
        // Dots are within the grid, whose size came from u16 cells.
        Some(((x / DOTS_X) as u16, (y / DOTS_Y) as u16))
    }

    /// Roughly how many kilometres one cell spans across, for a scale note.
    pub fn km_per_cell(&self) -> f64 {
        self.scale * f64::from(DOTS_Y) * 111.0
    }
}

/// Longitude degrees shrink toward the poles; kept away from zero so the
/// arithmetic stays finite.
fn lon_shrink(lat: f64) -> f64 {
    lat.to_radians().cos().max(0.05)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAP: LatLon = LatLon {
        lat: 18.5333,
        lon: -72.3333,
    };
    const NAIROBI: LatLon = LatLon {
        lat: -1.2833,
        lon: 36.8167,
    };

    #[test]
    fn the_centre_of_a_view_lands_in_the_middle_cell() {
        let grid = Grid { cols: 40, rows: 10 };
        let view = Viewport {
            center: PAP,
            scale: 0.01,
        };
        // 80 x 40 dots; the centre dot is (39.5, 19.5) rounded to (40, 20).
        assert_eq!(view.dot_of(grid, PAP), Some((40, 20)));
        assert_eq!(view.cell_of(grid, PAP), Some((20, 5)));
    }

    #[test]
    fn a_known_point_lands_in_the_expected_cell() {
        // A world view at 120 x 20 cells: 240 x 80 dots for 360 x 140
        // degrees (latitude decides: 140 / 80 = 1.75 degrees a dot), centred
        // on 10 N. Nairobi is 11.28 degrees south of the centre: 6.4 dots
        // below the middle dot row (39.5), so dot row 46, cell row 11.
        let grid = Grid {
            cols: 120,
            rows: 20,
        };
        let view = Viewport::world(grid);
        assert_eq!(
            view.center,
            LatLon {
                lat: 10.0,
                lon: 0.0
            }
        );
        assert!((view.scale - 1.75).abs() < 1e-9, "{}", view.scale);
        let (col, row) = view.cell_of(grid, NAIROBI).expect("Nairobi is in view");
        assert_eq!(row, 11);
        // 36.8 degrees east of the centre column (60), at 1.78 degrees of
        // longitude a dot there: 20.7 dots, so 10 cells to the east.
        assert_eq!(col, 70);
        // A point outside the view has no cell.
        assert_eq!(
            view.cell_of(
                grid,
                LatLon {
                    lat: -89.0,
                    lon: 0.0
                }
            ),
            None
        );
    }

    #[test]
    fn a_fit_shows_every_point_with_a_margin() {
        let grid = Grid { cols: 50, rows: 16 };
        let points = [PAP, NAIROBI];
        let view = Viewport::fit(points, grid);
        let b = view.bounds(grid);
        for p in points {
            assert!(b.contains(p), "{p:?} in {b:?}");
            let (col, row) = view.cell_of(grid, p).unwrap();
            // Not on the edge: the margin leaves a cell or more.
            assert!(col >= 1 && col + 1 < grid.cols, "{col}");
            assert!(row < grid.rows, "{row}");
        }
        // The wider of the two spans decides: longitude here.
        let lon_span = b.east - b.west;
        assert!(lon_span < (NAIROBI.lon - PAP.lon) * 1.5, "{lon_span}");
    }

    #[test]
    fn a_fit_wider_than_its_points_keeps_within_the_drawn_latitudes() {
        const NEW_YORK: LatLon = LatLon {
            lat: 40.7,
            lon: -74.0,
        };
        let points = [PAP, NAIROBI, NEW_YORK];
        // A narrow, tall map: longitude decides the scale, and the view is
        // taller than the drawn band, so the band sits in its middle.
        let tall = Grid { cols: 40, rows: 40 };
        let b = Viewport::fit(points, tall).bounds(tall);
        assert!(b.north - b.south > DRAWN_NORTH - DRAWN_SOUTH, "{b:?}");
        let (above, below) = (b.north - DRAWN_NORTH, DRAWN_SOUTH - b.south);
        assert!((above - below).abs() < 1e-6, "{b:?}");
        // Shorter than the band but past the pole at the points' centre:
        // the view stops at the northernmost coast.
        let short = Grid { cols: 40, rows: 23 };
        let b = Viewport::fit(points, short).bounds(short);
        assert!((b.north - DRAWN_NORTH).abs() < 0.05, "{b:?}");
        for grid in [tall, short] {
            let b = Viewport::fit(points, grid).bounds(grid);
            for p in points {
                assert!(b.contains(p), "{p:?} in {b:?} at {grid:?}");
            }
        }
        // Points near the pole are never left out for the band.
        let north_cape = LatLon {
            lat: 89.0,
            lon: 10.0,
        };
        let b = Viewport::fit([north_cape, PAP], short).bounds(short);
        assert!(b.contains(north_cape), "{b:?}");
    }

    #[test]
    fn a_fit_of_one_point_shows_the_country_around_it() {
        let grid = Grid { cols: 40, rows: 12 };
        let view = Viewport::fit([PAP], grid);
        let b = view.bounds(grid);
        assert!(b.north - b.south >= MIN_FIT_SPAN);
        assert_eq!(view.cell_of(grid, PAP), Some((20, 6)));
        // No points: the world.
        assert_eq!(Viewport::fit([], grid), Viewport::world(grid));
    }

    #[test]
    fn zoom_and_pan_move_the_view_as_keys_say() {
        let grid = Grid { cols: 40, rows: 12 };
        let view = Viewport::fit([PAP], grid);
        let closer = view.zoomed(2.0);
        let (b, c) = (view.bounds(grid), closer.bounds(grid));
        assert!(((c.north - c.south) * 2.0 - (b.north - b.south)).abs() < 1e-9);
        assert_eq!(closer.zoomed(0.5), view);
        // One cell east moves a point one cell west on screen.
        let east = view.panned(1, 0);
        assert_eq!(east.cell_of(grid, PAP), Some((19, 6)));
        let south = view.panned(0, 1);
        assert_eq!(south.cell_of(grid, PAP), Some((20, 5)));
        // Zoom is bounded both ways and never breaks the arithmetic.
        assert!(view.zoomed(1e12).scale >= MIN_SCALE);
        assert!(view.zoomed(1e-12).scale <= 90.0);
        assert!(view.panned(0, -100_000).center.lat <= 85.0);
    }

    #[test]
    fn an_empty_grid_places_nothing() {
        let view = Viewport::world(Grid { cols: 0, rows: 0 });
        assert_eq!(view.cell_of(Grid { cols: 0, rows: 5 }, PAP), None);
        assert!(view.scale.is_finite());
    }
}
