//! `x`: the export prompt.
//!
//! ```text
//! ╭ Export the view ─────────────────────────────────────────╮
//! │ › briefing.md█                                           │
//! │ .md Markdown, .json JSON, anything else text · 16 events │
//! │                                                          │
//! ╰──────────────────────────────────────────────────────────╯
//!
//! After a write the rows below the path say what was written and the
//! `sitrep summary` command line that writes the same, wrapped.
//! ```

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use crate::app::{App, ExportPopup};
use crate::geometry::popup;
use crate::text::{plural, shown};
use crate::ui::popup_frame;

pub fn render(app: &App, prompt: &ExportPopup, space: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let outer = popup::export(space).outer;
    let inner = popup_frame(app, outer, "Export the view".into(), buf);
    if inner.height == 0 {
        return;
    }
    // The end of a long path: that is where typing happens.
    let room = usize::from(inner.width).saturating_sub(3);
    let text = shown(&prompt.text, usize::MAX);
    let chars = text.chars().count();
    let text: String = if crate::text::width(&text) > room {
        let tail: String = text.chars().skip(chars.saturating_sub(room)).collect();
        format!("…{}", tail.chars().skip(1).collect::<String>())
    } else {
        text.into_owned()
    };
    buf.set_line(
        inner.x,
        inner.y,
        &Line::from(vec![
            Span::styled("› ", theme.key()),
            Span::raw(text),
            Span::styled(" ", theme.selected()),
        ]),
        inner.width,
    );
    if inner.height < 2 {
        return;
    }
    let (line, style) = match (&prompt.error, &prompt.written) {
        (Some(why), _) => (format!("✗ {}", shown(why, 400)), theme.warning()),
        (None, Some((done, command))) => (
            format!("✓ {done}; the same from a shell:\n{command}"),
            theme.text(),
        ),
        (None, None) => (
            format!(
                ".md Markdown, .json JSON, anything else text · {} shown",
                plural(app.selection().events.len(), "event")
            ),
            theme.dim(),
        ),
    };
    let below = Rect {
        y: inner.y + 1,
        height: inner.height - 1,
        ..inner
    };
    Paragraph::new(line)
        .style(style)
        .wrap(Wrap { trim: true })
        .render(below, buf);
}
