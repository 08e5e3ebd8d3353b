//! Coastlines and country borders for the map, from Natural Earth's 1:50m
//! countries (public domain), compiled in. `scripts/basemap.py` made
//! `assets/basemap-50m.bin` from the TopoJSON that the npm package
//! world-atlas carries; its header says how to make it again.
//!
//! Lines are decoded once, with a bounding box each, and rasterized per
//! view into the dots of a braille canvas: a frame only paints dots, and
//! only lines that cross the view are ever walked.

use std::sync::OnceLock;

use crate::geo::{Bounds, Grid, Viewport};
use crate::model::LatLon;

/// Points this close to the South Pole lie on the edge that closes
/// Antarctica's outline there.
const POLE_EDGE: f64 = -89.9;
const DATA: &[u8] = include_bytes!("../assets/basemap-50m.bin");

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineKind {
    Coast,
    Border,
}

/// One polyline of the basemap, in degrees.
#[derive(Debug)]
pub struct Line {
    pub kind: LineKind,
    pub bounds: Bounds,
    pub points: Vec<LatLon>,
}

/// Every line of the basemap, decoded on first use.
pub fn lines() -> &'static [Line] {
    static LINES: OnceLock<Vec<Line>> = OnceLock::new();
    LINES.get_or_init(|| decode(DATA).unwrap_or_default())
}

/// Reads the format `scripts/basemap.py` writes; `None` if it is not that.
fn decode(data: &[u8]) -> Option<Vec<Line>> {
    let mut at = 0;
    let mut take = |n: usize| -> Option<&[u8]> {
        let bytes = data.get(at..at + n)?;
        at += n;
        Some(bytes)
    };
    if take(4)? != b"SRBM" {
        return None;
    }
    let version = u16::from_le_bytes(take(2)?.try_into().ok()?);
    if version != 1 {
        return None;
    }
    let count = u32::from_le_bytes(take(4)?.try_into().ok()?);
    let mut lines = Vec::with_capacity(count as usize);
    for _ in 0..count {
        let kind = match take(1)?[0] {
            1 => LineKind::Border,
            _ => LineKind::Coast,
        };
        let n = u32::from_le_bytes(take(4)?.try_into().ok()?) as usize;
        let raw = take(n.checked_mul(4)?)?;
        let points: Vec<LatLon> = raw
            .chunks_exact(4)
            .map(|p| LatLon {
                lon: f64::from(i16::from_le_bytes([p[0], p[1]])) / 100.0,
                lat: f64::from(i16::from_le_bytes([p[2], p[3]])) / 100.0,
            })
            .collect();
        let bounds = Bounds::around(points.iter().copied())?;
        lines.push(Line {
            kind,
            bounds,
            points,
        });
    }
    Some(lines)
}

/// The basemap as dots of one view at one size: what a frame paints.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Raster {
    pub grid: Grid,
    pub coast: Vec<(u16, u16)>,
    pub border: Vec<(u16, u16)>,
}

impl Raster {
    /// Rasterizes every line crossing the view. A dot is listed once, as
    /// coast when a coast and a border share it.
    pub fn new(view: &Viewport, grid: Grid) -> Raster {
        let mut raster = Raster {
            grid,
            ..Raster::default()
        };
        if grid.is_empty() {
            return raster;
        }
        let (w, h) = grid.dots();
        // One byte per dot: 0 empty, 1 border, 2 coast.
        let mut dots = vec![0u8; (w * h) as usize];
        let bounds = view.bounds(grid);
        for line in lines().iter().filter(|l| l.bounds.overlaps(&bounds)) {
            let mark = match line.kind {
                LineKind::Coast => 2,
                LineKind::Border => 1,
            };
            let mut last: Option<((f64, f64), LatLon)> = None;
            for &p in &line.points {
                let Some(here) = view.dot_at(grid, p) else {
                    continue;
                };
                // Antarctica's outline closes along the South Pole, and
                // outlines that reach the 180th meridian (Russia, Fiji,
                // Antarctica) step from one side of the world to the other
                // there: neither edge is coast, and each would draw as a
                // straight line across the map.
                let on_pole = |q: LatLon| q.lat <= POLE_EDGE;
                let drawn =
                    |q: LatLon| !(on_pole(q) && on_pole(p)) && (q.lon - p.lon).abs() <= 180.0;
                if let Some((from, _)) = last.filter(|&(_, q)| drawn(q)) {
                    segment(&mut dots, w, h, from, here, mark);
                }
                last = Some((here, p));
            }
        }
        for (i, &dot) in dots.iter().enumerate() {
            // The grid came from u16 cells, so each dot index fits u16.
            let at = ((i as u32 % w) as u16, (i as u32 / w) as u16);
            match dot {
                2 => raster.coast.push(at),
                1 => raster.border.push(at),
                _ => {}
            }
        }
        raster
    }
}

/// Marks the dots of a segment (in dot coordinates, either end possibly
/// far off the grid): clipped to the grid first (Liang-Barsky), then
/// stepped one dot at a time along its longer axis.
fn segment(dots: &mut [u8], w: u32, h: u32, from: (f64, f64), to: (f64, f64), mark: u8) {
    let (w_f, h_f) = (f64::from(w), f64::from(h));
    let Some((from, to)) = clip(from, to, (0.0, 0.0), (w_f - 1.0, h_f - 1.0)) else {
        return;
    };
    let steps = (to.0 - from.0).abs().max((to.1 - from.1).abs()).ceil();
    // Clipped, a segment is at most the grid's diagonal long.
    let n = steps.min(w_f + h_f) as u32;
    for i in 0..=n {
        let t = if n == 0 {
            0.0
        } else {
            f64::from(i) / f64::from(n)
        };
        let x = (from.0 + (to.0 - from.0) * t).round();
        let y = (from.1 + (to.1 - from.1) * t).round();
        if x >= 0.0 && y >= 0.0 && x < w_f && y < h_f {
            let at = (y as u32 * w + x as u32) as usize;
            dots[at] = dots[at].max(mark);
        }
    }
}

/// The part of a segment inside a rectangle, or `None` when it misses.
fn clip(
    a: (f64, f64),
    b: (f64, f64),
    min: (f64, f64),
    max: (f64, f64),
) -> Option<((f64, f64), (f64, f64))> {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let (mut t0, mut t1) = (0.0f64, 1.0f64);
    for (p, q) in [
        (-dx, a.0 - min.0),
        (dx, max.0 - a.0),
        (-dy, a.1 - min.1),
        (dy, max.1 - a.1),
    ] {
        if p == 0.0 {
            if q < 0.0 {
                return None;
            }
        } else {
            let r = q / p;
            if p < 0.0 {
                t0 = t0.max(r);
            } else {
                t1 = t1.min(r);
            }
        }
    }
    (t0 <= t1 && t0.is_finite() && t1.is_finite()).then_some((
        (a.0 + t0 * dx, a.1 + t0 * dy),
        (a.0 + t1 * dx, a.1 + t1 * dy),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_edge_that_closes_antarctica_at_the_pole_is_not_drawn() {
        // Within a degree and a half of the South Pole there is no coast,
        // only the outline's closing edge along 90 S.
        let (view, grid) = close_view(-89.5, 0.0);
        assert!(view.bounds(grid).south < -90.0);
        assert_eq!(Raster::new(&view, grid).coast.len(), 0);
    }

    /// A view a few degrees across around a point, 40 by 10 cells.
    fn close_view(lat: f64, lon: f64) -> (Viewport, Grid) {
        let view = Viewport {
            center: LatLon { lat, lon },
            scale: 0.05,
        };
        (view, Grid { cols: 40, rows: 10 })
    }

    #[test]
    fn outlines_crossing_the_180th_meridian_draw_no_line_around_the_world() {
        // Open sea at the latitudes where Fiji's and Russia's outlines, and
        // Antarctica's inland, step from 180 E to 180 W.
        for (lat, lon) in [(-16.52, -20.0), (-84.3, 60.0), (69.0, 0.0)] {
            let (view, grid) = close_view(lat, lon);
            let coast = Raster::new(&view, grid).coast.len();
            assert_eq!(coast, 0, "coast dots at {lat}, {lon}");
        }
    }

    #[test]
    fn the_compiled_in_basemap_decodes_with_coasts_and_borders() {
        let lines = lines();
        assert!(lines.len() > 1000, "{}", lines.len());
        assert!(lines.iter().any(|l| l.kind == LineKind::Border));
        assert!(lines.iter().any(|l| l.kind == LineKind::Coast));
        let points: usize = lines.iter().map(|l| l.points.len()).sum();
        assert!(points > 50_000, "1:50m detail: {points} points");
    }

    #[test]
    fn hispaniola_is_drawn_with_the_border_between_haiti_and_the_dominican_republic() {
        // Haiti and its neighbour at 60 x 20 cells.
        let grid = Grid { cols: 60, rows: 20 };
        let view = Viewport::fit(
            [
                LatLon {
                    lat: 20.1,
                    lon: -74.5,
                },
                LatLon {
                    lat: 17.5,
                    lon: -68.3,
                },
            ],
            grid,
        );
        let raster = Raster::new(&view, grid);
        assert!(raster.coast.len() > 100, "{}", raster.coast.len());
        // The border runs north-south near 71.7 W: border dots there.
        let b = view.bounds(grid);
        let (w, _) = grid.dots();
        let border_x = |x: u16| b.west + f64::from(x) * (b.east - b.west) / f64::from(w - 1);
        assert!(
            raster
                .border
                .iter()
                .any(|&(x, _)| (border_x(x) + 71.7).abs() < 0.5),
            "{:?}",
            raster.border.len()
        );
        // Open sea at the view's south-west corner, south of Jamaica's longitude.
        assert!(!raster.coast.contains(&(0, grid.dots().1 as u16 - 1)));
    }

    #[test]
    fn a_long_segment_far_beyond_the_view_is_clipped_to_it() {
        let mut dots = vec![0u8; 10 * 4];
        // A horizontal line through row 2, from far west to far east.
        segment(&mut dots, 10, 4, (-1e7, 2.0), (1e7, 2.0), 1);
        assert_eq!(dots[20..30], [1; 10]);
        assert_eq!(dots.iter().filter(|&&d| d > 0).count(), 10);
        // One that misses the grid marks nothing.
        let mut none = vec![0u8; 40];
        segment(&mut none, 10, 4, (-5.0, -5.0), (-1.0, 20.0), 1);
        assert!(none.iter().all(|&d| d == 0));
    }

    #[test]
    fn a_view_of_open_ocean_has_no_dots_and_corrupt_data_none() {
        let grid = Grid { cols: 30, rows: 10 };
        let pacific = Viewport {
            center: LatLon {
                lat: -40.0,
                lon: -130.0,
            },
            scale: 0.05,
        };
        assert_eq!(Raster::new(&pacific, grid).coast, []);
        assert!(decode(b"SRBM\x01\x00\x05\x00\x00\x00").is_none());
        assert!(decode(b"nope").is_none());
    }
}
