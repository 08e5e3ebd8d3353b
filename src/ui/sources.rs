//! `o` with several sources: the list to choose from.
//!
//! ```text
//! ╭ Open a source ─────────────────────────────────────────────────╮
//! │ Flood bulletin no. 4 · Relief Coordination Office              │
//! │ Government statement on the emergency · Ministry of Interior   │
//! │                                                                │
//! │ https://example.org/bulletins/4                                │
//! ╰────────────────────────────────────────────────────────────────╯
//! ```

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::app::{App, SourcesPopup};
use crate::geometry::popup;
use crate::text::{fit, shown};
use crate::ui::{draw_lines, fill_row, popup_frame, scrollbar};

pub fn render(app: &App, chooser: &SourcesPopup, space: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let rects = popup::sources(space, chooser.sources.len());
    let title = format!("Open a source ({})", chooser.sources.len());
    popup_frame(app, rects.outer, title, buf);
    let list = rects.list;
    let height = usize::from(list.height);
    // One column kept free before the border.
    let w = usize::from(list.width).saturating_sub(1);
    let s = app.situation();
    let lines: Vec<Line> = chooser
        .sources
        .iter()
        .skip(chooser.cursor.offset)
        .take(height)
        .map(|&source| {
            let source = &s.sources[source];
            let title = shown(&source.title, w);
            let mut spans = vec![Span::styled(title.into_owned(), theme.text())];
            if let Some(publisher) = source.publisher.as_deref() {
                spans.push(Span::styled(
                    format!(" · {}", shown(publisher, w)),
                    theme.dim(),
                ));
            }
            let text: String = spans.iter().map(|s| s.content.as_ref()).collect();
            if crate::text::width(&text) > w {
                return Line::from(Span::styled(fit(&text, w), theme.text()));
            }
            Line::from(spans)
        })
        .collect();
    draw_lines(&lines, list, buf);
    if let Some(dy) = chooser
        .cursor
        .selected
        .checked_sub(chooser.cursor.offset)
        .filter(|&dy| dy < height)
    {
        fill_row(buf, list, list.y + dy as u16, theme.selected());
    }
    // The address as it will be opened, sanitized: cut, never wrapped.
    if let Some(url) = chooser
        .selected()
        .and_then(|source| s.sources[source].url.as_deref())
    {
        let width = usize::from(rects.url.width);
        buf.set_stringn(
            rects.url.x,
            rects.url.y,
            fit(&shown(url, width + 1), width),
            width,
            theme.dim(),
        );
    }
    let beside_list = Rect {
        y: list.y.saturating_sub(1),
        height: list.height + 2,
        ..rects.outer
    };
    scrollbar(
        app,
        beside_list,
        chooser.sources.len(),
        chooser.cursor.offset,
        height,
        buf,
    );
}
