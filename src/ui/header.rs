//! The header: title and `as_of` on the first row; the active filter as
//! removable chips and the counts on the second.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::app::App;
use crate::geometry::header::{
    FILTER_LABEL, HINTS, as_of_label, chip_label, chips, hint_width, marks_place, second_row,
    shown_counts,
};
use crate::text::{fit, shown, width};

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    if area.height == 0 {
        return;
    }
    let theme = app.theme();
    let s = &app.situation();

    // Row 1: title, and on the right what is new since the last look (when
    // anything is and it fits) and as_of.
    let as_of = as_of_label(app.data());
    let count = app.marks_wording();
    let placed = marks_place(app.data(), count, area);
    let marks = placed
        .as_ref()
        .map(|(text, _)| text.as_str())
        .unwrap_or_default();
    let title_room = usize::from(area.width).saturating_sub(width(&as_of) + width(marks) + 3);
    let title = fit(&shown(&s.title, title_room), title_room);
    buf.set_line(
        area.x,
        area.y,
        &Line::from(vec![Span::raw(" "), Span::styled(title, theme.strong())]),
        area.width,
    );
    let as_of_x = area.right().saturating_sub(width(&as_of) as u16);
    buf.set_string(as_of_x, area.y, &as_of, theme.dim());
    if let Some((text, rect)) = &placed {
        let style = if app.data().marking() {
            theme.dim()
        } else {
            theme.strong()
        };
        buf.set_string(rect.x, rect.y, text, style);
    }

    if area.height < 2 {
        return;
    }
    // Row 2: chips, then the counts on the right.
    let row = second_row(area);
    let counts = shown_counts(app.data(), row);
    let counts_x = row.right().saturating_sub(width(&counts) as u16 + 1);
    buf.set_string(counts_x, row.y, &counts, theme.dim());

    let placed = chips(app.data(), area);
    if !app.filter_active() {
        let room =
            usize::from(counts_x.saturating_sub(row.x + 2)).saturating_sub(width(FILTER_LABEL));
        let hint = HINTS
            .iter()
            .find(|h| hint_width(h) <= room)
            .unwrap_or(&HINTS[HINTS.len() - 1]);
        let mut spans = vec![Span::styled(FILTER_LABEL, theme.dim())];
        spans.extend(
            hint.iter().map(|&(text, key)| {
                Span::styled(text, if key { theme.key() } else { theme.dim() })
            }),
        );
        buf.set_line(
            row.x,
            row.y,
            &Line::from(spans),
            counts_x.saturating_sub(row.x + 1),
        );
        return;
    }
    buf.set_string(row.x, row.y, FILTER_LABEL, theme.dim());
    let mut end = row.x + width(FILTER_LABEL) as u16;
    for (rect, chip) in &placed {
        buf.set_string(rect.x, rect.y, chip_label(app.data(), *chip), theme.chip());
        end = rect.right() + 1;
    }
    let total = crate::geometry::header::all_chips(app.data()).count();
    if placed.len() < total {
        buf.set_string(
            end,
            row.y,
            format!("+{} more", total - placed.len()),
            theme.dim(),
        );
    }
}
