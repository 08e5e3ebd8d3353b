//! Pane 5: the map. Coastlines and borders on a braille canvas, a marker per
//! place the kept events happened at, labels for the busiest places where
//! they fit, and a status line.
//!
//! ```text
//!  ⠀⠀⣀⡠⠤⠒⠉⠉⠑⠢⢄⡀⠀⠀⠀⠀          coasts (dim) and borders, braille
//!  ⢰⠁   ● Port-au-Prince 14    exact place: · • ● by event count
//!  ⠈⢆⠀ ⡰⠉○⠑⢆ Haiti 6           approximate: ◦ ○, ringed: an area, not a point
//!  12 events at 4 places · 2 have no place on the map   status line
//!  (picked: "Port-au-Prince: 12 here, 13 with places inside")
//! ```
//!
//! The selected event's place is drawn reversed; the place picked
//! with Tab (or a click) is labelled in brackets, reversed too.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::symbols::Marker as CanvasMarker;
use ratatui::widgets::Widget;
use ratatui::widgets::canvas::{Canvas, Painter, Shape};

use crate::app::panes::MapPane;
use crate::model::{PlaceIx, Situation};
use crate::text::{count, fit, plural, width};
use crate::theme::Theme;

/// Glyphs by grade (few events, some, the busiest).
const EXACT: [&str; 3] = ["·", "•", "●"];
const APPROXIMATE: [&str; 3] = ["◦", "○", "○"];
/// Columns a label other than the picked place's may take: two fifths of
/// the map's width, and at least this many.
const LABEL_COLUMNS: usize = 24;
/// Ring radius around an approximate marker, in dots, by grade.
const RING: [f64; 3] = [3.0, 5.0, 7.0];

/// What the map draws beyond its own state.
pub struct MapInput<'a> {
    pub situation: &'a Situation,
    pub theme: &'a Theme,
    /// Drawn place of the event selected in the timeline.
    pub selected: Option<PlaceIx>,
    /// Events the filter keeps, for the status line.
    pub kept: usize,
}

pub use crate::geometry::map_areas as areas;

/// Draws the map pane where the screen puts it, if it is on screen.
pub fn render_pane(app: &crate::app::App, screen: &crate::geometry::Screen, buf: &mut Buffer) {
    let Some(area) = screen.visible(crate::action::Pane::Map) else {
        return;
    };
    let map = &app.view().panes.map;
    // Once zoomed or panned, the border names the key that fits it again.
    let fit_key = app
        .keymap()
        .key(crate::keymap::Mode::Normal, crate::action::Action::MapFit);
    let info = match fit_key {
        Some(key) if !map.fitted => format!("{key} to fit again"),
        _ => String::new(),
    };
    let inner = crate::ui::pane_frame(app, screen, crate::action::Pane::Map, area, info, buf);
    let input = MapInput {
        situation: app.situation(),
        theme: app.theme(),
        selected: app.selected_place(),
        kept: app.selection().events.len(),
    };
    render(map, &input, inner, buf);
}

/// Draws the map into `inner` (the pane without its border).
pub fn render(map: &MapPane, input: &MapInput, inner: Rect, buf: &mut Buffer) {
    let (area, status) = areas(inner);
    if !area.is_empty() {
        basemap(map, input, area, buf);
        let occupied = markers(map, input, area, buf);
        labels(map, input, area, occupied, buf);
    }
    status_line(map, input, status, buf);
}

/// Dots in grid coordinates, painted as they are.
struct Dots<'a> {
    dots: &'a [(u16, u16)],
    color: Color,
}

impl Shape for Dots<'_> {
    fn draw(&self, painter: &mut Painter) {
        for &(x, y) in self.dots {
            painter.paint(usize::from(x), usize::from(y), self.color);
        }
    }
}

/// Rings around approximate markers, in dot coordinates.
struct Rings {
    centres: Vec<((f64, f64), f64)>,
    color: Color,
}

impl Shape for Rings {
    fn draw(&self, painter: &mut Painter) {
        for &((cx, cy), r) in &self.centres {
            // Enough steps for a dot-tight circle at this radius.
            let steps = (r * 8.0).ceil() as usize;
            for i in 0..steps {
                let a = i as f64 / steps as f64 * std::f64::consts::TAU;
                let (x, y) = ((cx + r * a.cos()).round(), (cy + r * a.sin()).round());
                if x >= 0.0 && y >= 0.0 {
                    painter.paint(x as usize, y as usize, self.color);
                }
            }
        }
    }
}

fn color_of(style: Style) -> Color {
    style.fg.unwrap_or(Color::Reset)
}

fn basemap(map: &MapPane, input: &MapInput, area: Rect, buf: &mut Buffer) {
    let theme = input.theme;
    let b = map.view.bounds(map.grid);
    let rings = Rings {
        centres: map
            .markers
            .list
            .iter()
            .filter(|m| m.approximate)
            .filter_map(|m| {
                let centre = map.view.dot_of(map.grid, m.point)?;
                let centre = (f64::from(centre.0), f64::from(centre.1));
                Some((centre, RING[map.markers.grade(m)]))
            })
            .collect(),
        color: color_of(theme.highlight()),
    };
    let raster = &map.raster;
    // The raster is made for the map's own grid; if the area differs (a
    // frame drawn before the state saw a resize), it is left out rather
    // than drawn misplaced.
    let fits = raster.grid.cols == area.width && raster.grid.rows == area.height;
    Canvas::default()
        .marker(CanvasMarker::Braille)
        .x_bounds([b.west, b.east])
        .y_bounds([b.south, b.north])
        .paint(|ctx| {
            if fits {
                ctx.draw(&Dots {
                    dots: &raster.coast,
                    color: color_of(theme.dim()),
                });
                ctx.layer();
                ctx.draw(&Dots {
                    dots: &raster.border,
                    color: color_of(theme.border()),
                });
                ctx.layer();
            }
            ctx.draw(&rings);
        })
        .render(area, buf);
}

/// Draws each marker in view (least busy first, so the busiest win a shared
/// cell) and returns which cells hold one, for the labels to avoid.
fn markers(map: &MapPane, input: &MapInput, area: Rect, buf: &mut Buffer) -> Vec<bool> {
    let theme = input.theme;
    let mut occupied = vec![false; usize::from(area.width) * usize::from(area.height)];
    for m in map.markers.list.iter().rev() {
        let Some((col, row)) = map.view.cell_of(map.grid, m.point) else {
            continue;
        };
        if col >= area.width || row >= area.height {
            continue;
        }
        let grade = map.markers.grade(m);
        let glyph = if m.approximate {
            APPROXIMATE[grade]
        } else {
            EXACT[grade]
        };
        let mut style = theme.highlight().add_modifier(Modifier::BOLD);
        if Some(m.place) == input.selected {
            style = theme.selected();
        }
        buf.set_string(area.x + col, area.y + row, glyph, style);
        occupied[usize::from(row) * usize::from(area.width) + usize::from(col)] = true;
    }
    occupied
}

/// Labels the busiest markers in view, and the picked one first, beside
/// the marker or else just above or below it, where no other label or
/// marker is, with a blank column on each side so the words stand clear
/// of the drawing and of each other. A label that fits nowhere is left out.
fn labels(map: &MapPane, input: &MapInput, area: Rect, mut occupied: Vec<bool>, buf: &mut Buffer) {
    let theme = input.theme;
    let s = input.situation;
    let w = usize::from(area.width);
    // At most a label for every third row: a map, not a list, and a low
    // map keeps its few labels readable.
    let budget = usize::from(area.height).div_ceil(3).max(1);
    let picked = map
        .picked
        .and_then(|p| map.markers.list.iter().find(|m| m.place == p));
    let order = picked
        .into_iter()
        .chain(
            map.markers
                .list
                .iter()
                .filter(|m| Some(m.place) != map.picked),
        )
        .take(budget + usize::from(picked.is_some()));
    for m in order {
        let Some((col, row)) = map.view.cell_of(map.grid, m.point) else {
            continue;
        };
        if col >= area.width || row >= area.height {
            continue;
        }
        let is_picked = Some(m.place) == map.picked;
        let name = crate::sanitize::clean_line(&s.places[m.place].name);
        let events = count(m.events);
        let label = |room: usize| {
            let name = fit(&name, room);
            if is_picked {
                format!("[{name} {events}]")
            } else {
                format!("{name} {events}")
            }
        };
        // The whole name where it has room; else cut so the label fits
        // (the picked one to the room beside or over its marker, the others
        // to LABEL_COLUMNS or two fifths of the map, so one label does not
        // cover a region).
        let whole = width(&name);
        let frame = width(&events) + if is_picked { 3 } else { 1 };
        // Columns the name may take, tried in turn.
        let rooms: Vec<usize> = if is_picked {
            let beside = usize::from(
                area.width
                    .saturating_sub(col + 2)
                    .max(col.saturating_sub(1)),
            );
            vec![whole, beside.saturating_sub(frame), w.saturating_sub(frame)]
        } else {
            let most = (w * 2 / 5).max(LABEL_COLUMNS);
            vec![whole.min(most.saturating_sub(frame))]
        };
        let spot = rooms.into_iter().find_map(|room| {
            let text = label(room.clamp(1, whole.max(1)));
            let len = width(&text) as u16;
            // Beside the marker (right, else left), else centred on the row
            // above or below it, kept inside the map.
            let centred = col
                .saturating_sub(len / 2)
                .min(area.width.saturating_sub(len));
            let candidates = [
                Some((row, col + 2)),
                col.checked_sub(len + 1).map(|c| (row, c)),
                row.checked_sub(1).map(|r| (r, centred)),
                Some((row + 1, centred)),
            ];
            // The label's cells and the blank one on each side (inside the
            // map) hold no marker and no other label.
            let free = |(r, from): (u16, u16)| {
                let row_start = usize::from(r) * w;
                r < area.height
                    && from.checked_add(len).is_some_and(|end| end <= area.width)
                    && padded(from, len, area.width).all(|c| !occupied[row_start + usize::from(c)])
            };
            candidates
                .into_iter()
                .flatten()
                .find(|&spot| free(spot))
                .map(|(r, at)| (r, at, text, len))
        });
        let Some((r, at, text, len)) = spot else {
            continue;
        };
        let style = if is_picked {
            theme.selected()
        } else {
            theme.text()
        };
        let row_start = usize::from(r) * w;
        for c in padded(at, len, area.width) {
            buf[(area.x + c, area.y + r)].set_symbol(" ");
            occupied[row_start + usize::from(c)] = true;
        }
        buf.set_string(area.x + at, area.y + r, &text, style);
    }
}

/// The columns of a label `len` wide from `from`, with a column on each
/// side where the map has one.
fn padded(from: u16, len: u16, map_width: u16) -> std::ops::Range<u16> {
    from.saturating_sub(1)..from.saturating_add(len).saturating_add(1).min(map_width)
}

/// "12 events at 4 places · 2 have no place on the map · ● exact ○ area",
/// or the picked place's count (the footer names its keys). What does not
/// fit goes, least needed first (the scale, then the count); when even the
/// picked place, what is not on the map or the legend would go, every part
/// takes its short form instead.
fn status_line(map: &MapPane, input: &MapInput, area: Rect, buf: &mut Buffer) {
    if area.is_empty() {
        return;
    }
    let theme = input.theme;
    let room = usize::from(area.width);
    let parts = status_parts(map, input);
    let (long, essentials) = fitting_parts(&parts, false, room);
    let line = if essentials {
        long
    } else {
        fitting_parts(&parts, true, room).0
    };
    buf.set_string(area.x, area.y, fit(&line, room), theme.dim());
}

/// One part of the status line: its words, shorter words for a narrow
/// pane, and how much it is needed (0 the most).
struct Part {
    long: String,
    short: String,
    need: u8,
}

fn status_parts(map: &MapPane, input: &MapInput) -> Vec<Part> {
    let s = input.situation;
    let mapped = input.kept.saturating_sub(map.markers.unmapped);
    let mut parts = Vec::new();
    let picked = map
        .picked
        .and_then(|p| map.markers.list.iter().find(|m| m.place == p));
    if let Some(m) = picked {
        let name = crate::sanitize::clean_line(&s.places[m.place].name);
        // Places inside with points of their own are drawn apart: say both
        // counts, the second being what filtering by the place shows.
        let (long, short) = if m.within > m.events {
            (
                format!(
                    "{name}: {} here, {} with places inside",
                    count(m.events),
                    count(m.within)
                ),
                format!(
                    "{name}: {} here, {} in all",
                    count(m.events),
                    count(m.within)
                ),
            )
        } else {
            (
                format!("{name}: {}", plural(m.events, "event")),
                format!("{name}: {}", count(m.events)),
            )
        };
        parts.push(Part {
            long,
            short,
            need: 0,
        });
    }
    // What is not on the map is said before what is: it is easy to miss.
    let unmapped = map.markers.unmapped;
    if unmapped > 0 {
        let verb = if unmapped == 1 { "has" } else { "have" };
        parts.push(Part {
            long: format!("{} {verb} no place on the map", plural(unmapped, "event")),
            short: format!("{} not on the map", count(unmapped)),
            need: 1,
        });
    }
    if picked.is_none() {
        let places = map.markers.list.len();
        parts.push(Part {
            long: format!("{} at {}", plural(mapped, "event"), plural(places, "place")),
            short: format!("{} at {}", count(mapped), plural(places, "place")),
            need: 3,
        });
    }
    parts.push(Part {
        long: "● exact ○ area".to_string(),
        short: "● exact ○ area".to_string(),
        need: 2,
    });
    let km = round_km(map.view.km_per_cell());
    parts.push(Part {
        long: format!("~{km} km a cell"),
        short: format!("~{km} km/cell"),
        need: 4,
    });
    parts
}

/// Parts needed at least this much (the picked place, what is not on the
/// map, the legend) are worth shorter words for all.
const ESSENTIAL: u8 = 2;

/// The parts that fit in `room`, taken by need and shown in order, and
/// whether every essential part is among them.
fn fitting_parts(parts: &[Part], short: bool, room: usize) -> (String, bool) {
    let join = |kept: &[bool]| {
        (parts.iter().zip(kept))
            .filter(|(_, k)| **k)
            .map(|(p, _)| {
                if short {
                    p.short.as_str()
                } else {
                    p.long.as_str()
                }
            })
            .collect::<Vec<_>>()
            .join(" · ")
    };
    let mut by_need: Vec<usize> = (0..parts.len()).collect();
    by_need.sort_by_key(|&i| parts[i].need);
    let mut kept = vec![false; parts.len()];
    for i in by_need {
        kept[i] = true;
        // The most needed part stays even alone and cut.
        if width(&join(&kept)) > room && kept.iter().filter(|&&k| k).count() > 1 {
            kept[i] = false;
        }
    }
    let essentials = (parts.iter().zip(&kept)).all(|(p, &k)| k || p.need > ESSENTIAL);
    (join(&kept), essentials)
}

/// Two significant figures: "1,200", "35", "0.4".
fn round_km(km: f64) -> String {
    if km >= 100.0 {
        let magnitude = 10f64.powi(km.log10().floor() as i32 - 1);
        crate::number_text::group_integer(((km / magnitude).round() * magnitude) as i128)
    } else if km >= 1.0 {
        format!("{}", km.round())
    } else {
        format!("{:.1}", km)
    }
}
