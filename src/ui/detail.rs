//! Enter: the detail of an event, actor, key figure or quote (its text is
//! built by `doc::detail`), with every field, the actors, events and quotes it names (selectable: Tab moves
//! between them, Enter opens one, Space filters by an actor) and its sources
//! in full.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use ratatui::symbols::Marker;
use ratatui::text::Span;
use ratatui::widgets::{Axis, Chart, Dataset, GraphType, Widget};

use crate::app::{App, DetailPopup};
use crate::doc::detail::ChartSpot;
use crate::geometry::popup;
use crate::ui::{draw_lines, popup_frame, scrollbar};

pub fn render(app: &App, detail: &DetailPopup, space: Rect, buf: &mut Buffer) {
    let rects = popup::detail(space);
    let page = detail.top();
    let depth = detail.pages.len();
    let title = if depth > 1 {
        format!("{} · {depth} deep", page.doc.kind)
    } else {
        page.doc.kind.to_string()
    };
    popup_frame(app, rects.outer, title, buf);
    let lines = &page.doc.lines;
    let scroll = page.scroll;
    draw_lines(&lines[scroll.top.min(lines.len())..], rects.text, buf);
    if let Some(spot) = &page.doc.chart {
        chart(app, spot, scroll.top, rects.text, buf);
    }
    scrollbar(
        app,
        rects.outer,
        scroll.lines,
        scroll.top,
        scroll.height,
        buf,
    );
}

/// Draws a figure's chart over its blank lines, the part of it in view.
fn chart(app: &App, spot: &ChartSpot, top: usize, text: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let series = &spot.series;
    let whole = Rect::new(0, 0, text.width, spot.rows as u16);
    let mut own = Buffer::empty(whole);
    let mut datasets: Vec<Dataset> = Vec::new();
    for range in &series.date_ranges {
        datasets.push(
            Dataset::default()
                .graph_type(GraphType::Line)
                .marker(Marker::Braille)
                .style(theme.dim())
                .data(range),
        );
    }
    for dispute in &series.disputes {
        datasets.push(
            Dataset::default()
                .graph_type(GraphType::Line)
                .marker(Marker::Braille)
                .style(theme.disputed())
                .data(dispute),
        );
    }
    if let Some(target) = &series.target {
        datasets.push(
            Dataset::default()
                .graph_type(GraphType::Line)
                .marker(Marker::Custom('┄'))
                .style(theme.dim())
                .data(target),
        );
    }
    for (qualifier, points) in &series.points {
        datasets.push(
            Dataset::default()
                .marker(Marker::Custom(crate::chart::marker(*qualifier)))
                .style(theme.strong())
                .data(points),
        );
    }
    let axis = |labels: &[String], bounds: [f64; 2]| {
        Axis::default()
            .style(theme.border())
            .labels(labels.iter().map(|l| Span::styled(l.clone(), theme.dim())))
            .bounds(bounds)
    };
    Chart::new(datasets)
        .x_axis(axis(&series.x_labels, series.x_bounds))
        .y_axis(axis(&series.y_labels, series.y_bounds))
        .legend_position(None)
        .render(whole, &mut own);
    // Copy the rows in view: the document may be scrolled past part of it.
    for row in 0..spot.rows {
        let Some(y) = (spot.line + row)
            .checked_sub(top)
            .filter(|&dy| dy < usize::from(text.height))
        else {
            continue;
        };
        for x in 0..text.width {
            buf[(text.x + x, text.y + y as u16)] = own[(x, row as u16)].clone();
        }
    }
}
