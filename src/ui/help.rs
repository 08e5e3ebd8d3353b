//! `?`: every key of every mode, straight from the keymap table, and what
//! the symbols on screen mean (the text is `doc::help`).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::app::{App, HelpPopup};
use crate::geometry::popup;
use crate::ui::{draw_lines, popup_frame, scrollbar};

pub fn render(app: &App, help: &HelpPopup, space: Rect, buf: &mut Buffer) {
    let rects = popup::help(space);
    popup_frame(app, rects.outer, "Keys".into(), buf);
    let lines = &help.text.lines;
    let scroll = help.scroll;
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
