//! The `check` report of a save that did not load, whole and scrollable.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::app::{App, ReportPopup};
use crate::geometry::popup;
use crate::ui::{draw_lines, popup_frame, scrollbar};

pub fn render(app: &App, report: &ReportPopup, space: Rect, buf: &mut Buffer) {
    let rects = popup::report(space);
    popup_frame(app, rects.outer, "Why the file did not reload".into(), buf);
    let scroll = report.scroll;
    let lines: Vec<Line> = report
        .lines
        .iter()
        .skip(scroll.top)
        .take(scroll.height)
        .map(|row| Line::from(Span::styled(row.clone(), app.theme().text())))
        .collect();
    draw_lines(&lines, rects.text, buf);
    scrollbar(
        app,
        rects.outer,
        scroll.lines,
        scroll.top,
        scroll.height,
        buf,
    );
}
