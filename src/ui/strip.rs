//! The time strip above the timeline's list: how many events fall in each
//! period, from the state's [`crate::strip::Strip`].
//!
//! ```text
//!           │          ┊
//! ▁ ▂▃█▅▁   ▆ ░░▂▂     ┊▃            bars: 1 or 2 rows, 8 steps a row
//! Jan 2024  Apr   Jul  ▲Oct  per month   axis: labels, ▲ the as-of bucket
//! ```
//!
//! From the bottom of a bar: events known to the day (strong), then the
//! spread shares of vaguer dates (the `vague` style). While a filter is
//! on, every event's bar stands behind the kept one at its own height, on
//! the same scale, so what the filter leaves out shows as the part above:
//! in the dark theme dark grey (blocks, and the background above the top
//! of a kept part); in the other themes and without colour a dotted bar
//! (`⣀⣤⣶⣿`, quarter steps), and where one cell holds both and the left-out
//! part fills more of it, the dots are underlined for the kept sliver. The
//! selected event's bar is highlighted with a line above it; the as-of
//! bucket carries a dotted line where its bar is empty and ▲ on the axis.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;

use crate::app::App;
use crate::geometry::Screen;
use crate::strip::Weight;
use crate::text::width;

/// A bar's top cell, by eighths filled.
const BLOCKS: [&str; 9] = [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"];

/// The eighths a bar of `weight` takes out of `levels` when `peak` fills
/// them all; anything above nothing shows at least one eighth.
fn eighths(weight: f64, peak: f64, levels: usize) -> usize {
    if weight <= 1e-9 || peak <= 0.0 {
        return 0;
    }
    ((weight / peak * levels as f64).round() as usize).clamp(1, levels)
}

/// The three heights of a bucket's bar, in eighths from the bottom: to the
/// top of the exact weight, of the kept weight, of every event.
fn heights(kept: Weight, all: Weight, peak: f64, levels: usize, filtered: bool) -> [usize; 3] {
    let exact = eighths(kept.exact, peak, levels);
    let kept = eighths(kept.total(), peak, levels).max(exact);
    let all = if filtered {
        eighths(all.total(), peak, levels).max(kept)
    } else {
        kept
    };
    [exact, kept, all]
}

/// Braille bars by quarters filled from the bottom: the left-out layer
/// where no background colour can show it.
const DOTS: [&str; 5] = [" ", "⣀", "⣤", "⣶", "⣿"];

/// A cell of the left-out layer, `fill` eighths high, as dots: rounded up
/// to quarters, so anything above nothing shows.
fn dots(fill: usize) -> &'static str {
    DOTS[fill.div_ceil(2).min(4)]
}

pub fn render(app: &App, screen: &Screen, buf: &mut Buffer) {
    let area = screen.strip;
    let strip = app.strip();
    if area.height < 2 || strip.scale.is_none() || strip.columns != usize::from(area.width) {
        return;
    }
    let theme = app.theme();
    let bar_rows = usize::from(area.height - 1);
    let levels = bar_rows * 8;
    let peak = strip.peak();
    let filtered = app.filter_active();
    let now = strip.now.map(|b| strip.columns_of(b).start);
    let selected = app.strip_selected().map(|b| strip.columns_of(b));
    // The left-out layer: blocks in this colour (and the background above
    // a kept part), else dots.
    let outside = theme.strip_outside();
    for x in 0..strip.columns {
        let Some(b) = strip.bucket_at(x) else {
            continue;
        };
        let [exact, kept, all] = heights(strip.kept[b], strip.all[b], peak, levels, filtered);
        let is_selected = selected.as_ref().is_some_and(|c| c.contains(&x));
        for row in 0..bar_rows {
            let low = row * 8;
            let kept_fill = kept.saturating_sub(low).min(8);
            let all_fill = all.saturating_sub(low).min(8);
            let left_out = all_fill - kept_fill;
            let kept_style = || {
                // The cell shows the layer that fills most of it.
                let exact_fill = exact.saturating_sub(low).min(8);
                let style = if exact_fill * 2 > kept_fill {
                    theme.strong()
                } else {
                    theme.vague()
                };
                if is_selected {
                    style.patch(theme.highlight())
                } else {
                    style
                }
            };
            let (symbol, style) = match outside {
                _ if all_fill == 0 => {
                    if selected.as_ref().is_some_and(|c| c.start == x) {
                        // A line up from the selected event's bar.
                        ("│", theme.highlight())
                    } else if now == Some(x) {
                        ("┊", theme.now())
                    } else {
                        continue;
                    }
                }
                // What the filter leaves out above a kept part, in the
                // same cell: the cell's background.
                Some(colour) if kept_fill > 0 => {
                    let style = kept_style();
                    let style = if left_out > 0 {
                        style.bg(colour)
                    } else {
                        style
                    };
                    (BLOCKS[kept_fill], style)
                }
                Some(colour) => (BLOCKS[all_fill], theme.border().fg(colour)),
                None if kept_fill >= left_out => (BLOCKS[kept_fill], kept_style()),
                // Dots for every event's bar; a kept sliver under them is
                // an underline.
                None if kept_fill > 0 => (
                    dots(all_fill),
                    theme.border().add_modifier(Modifier::UNDERLINED),
                ),
                None => (dots(all_fill), theme.border()),
            };
            let y = area.y + (bar_rows - 1 - row) as u16;
            buf.set_string(area.x + x as u16, y, symbol, style);
        }
    }
    axis(app, area, buf);
}

/// The bottom row: date labels, the as-of mark, the unit, and the buckets
/// a drag covers.
fn axis(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let strip = app.strip();
    let y = area.bottom() - 1;
    for label in &strip.labels {
        buf.set_stringn(
            area.x + label.column as u16,
            y,
            &label.text,
            strip.columns.saturating_sub(label.column),
            theme.dim(),
        );
    }
    if !strip.unit.is_empty() {
        let x = strip.columns.saturating_sub(width(&strip.unit));
        buf.set_string(area.x + x as u16, y, &strip.unit, theme.dim());
    }
    if let Some(now) = strip.now {
        let x = strip.columns_of(now).start;
        buf.set_string(area.x + x as u16, y, "▲", theme.now());
    }
    if let Some((a, b)) = app.strip_dragged() {
        let from = strip.columns_of(a).start;
        let to = strip.columns_of(b).end;
        buf.set_style(
            Rect::new(area.x + from as u16, y, (to - from) as u16, 1),
            theme.chip(),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_stack_exact_under_spread_under_what_the_filter_leaves() {
        let kept = Weight {
            exact: 2.0,
            spread: 1.0,
        };
        let all = Weight {
            exact: 4.0,
            spread: 4.0,
        };
        // 16 eighths for the peak of 8: 2 exact are 4, 3 kept are 6.
        assert_eq!(heights(kept, all, 8.0, 16, true), [4, 6, 16]);
        assert_eq!(heights(kept, all, 8.0, 16, false), [4, 6, 6]);
        // A sliver still shows.
        let tiny = Weight {
            exact: 0.0,
            spread: 0.01,
        };
        assert_eq!(heights(tiny, tiny, 100.0, 8, false), [0, 1, 1]);
        assert_eq!(heights(Weight::default(), tiny, 100.0, 8, true), [0, 0, 1]);
    }
}
