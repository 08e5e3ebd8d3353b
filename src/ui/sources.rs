//! `o` with several sources: the list to choose from. A long title wraps
//! (see [`crate::geometry::sources`]); the highlight covers all of its rows.
//!
//! ```text
//! ╭ Open a source (3) ─────────────────────────────────────────────╮
//! │ Flood bulletin no. 4 · Relief Coordination Office              │
//! │ Kessa Valley Floods: Situation Report No. 3, with the dam      │
//! │   breach and the evacuation of Sarrin · OCHA                   │
//! │ Government statement on the emergency · Ministry of Interior   │
//! │                                                                │
//! │ https://example.org/bulletins/4                                │
//! ╰────────────────────────────────────────────────────────────────╯
//! ```

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::app::{App, SourcesPopup};
use crate::geometry::{self, popup};
use crate::text::{count, fit, shown};
use crate::ui::{fill_row, popup_frame, scrollbar};

pub fn render(app: &App, chooser: &SourcesPopup, space: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let rects = popup::sources(space, chooser.total_rows());
    let title = format!("Open a source ({})", count(chooser.sources.len()));
    popup_frame(app, rects.outer, title, buf);
    let list = rects.list;
    let mut rows = list.rows();
    for (i, source) in chooser
        .rows()
        .iter()
        .enumerate()
        .skip(chooser.cursor.offset)
    {
        let selected = i == chooser.cursor.selected;
        for row in source {
            let Some(at) = rows.next() else { break };
            let line = Line::from(vec![
                Span::styled(row.title.as_str(), theme.text()),
                Span::styled(row.publisher.as_str(), theme.dim()),
            ]);
            buf.set_line(at.x, at.y, &line, at.width);
            if selected {
                fill_row(buf, list, at.y, theme.selected());
            }
        }
    }
    let s = app.situation();
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
    let heights = chooser.heights();
    scrollbar(
        app,
        beside_list,
        chooser.total_rows(),
        geometry::sources::rows_before(&heights, chooser.cursor.offset),
        usize::from(list.height),
        buf,
    );
}
