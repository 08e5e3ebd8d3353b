//! Enter: the detail of an event, actor, key figure or quote (its text is
//! built by `doc::detail`), with every field, the actors, events and quotes it names (selectable: Tab moves
//! between them, Enter opens one, Space filters by an actor) and its sources
//! in full.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::app::{App, DetailPopup};
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
    scrollbar(
        app,
        rects.outer,
        scroll.lines,
        scroll.top,
        scroll.height,
        buf,
    );
}
