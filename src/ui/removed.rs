//! What was removed since the last look, by section, scrollable.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::app::{App, RemovedPopup};
use crate::geometry::popup;
use crate::ui::{draw_lines, popup_frame, scrollbar};

pub fn render(app: &App, removed: &RemovedPopup, space: Rect, buf: &mut Buffer) {
    let rects = popup::removed(space, removed.lines.len());
    let since = app.seen().map(|s| s.since.as_str()).unwrap_or_default();
    popup_frame(app, rects.outer, format!("Removed{since}"), buf);
    let scroll = removed.scroll;
    let end = (scroll.top + scroll.height).min(removed.lines.len());
    draw_lines(&removed.lines[scroll.top.min(end)..end], rects.text, buf);
    scrollbar(
        app,
        rects.outer,
        scroll.lines,
        scroll.top,
        scroll.height,
        buf,
    );
}
