//! `w`: the date-window prompt.
//!
//! ```text
//! ╭ Date window ─────────────────────────────────────────────╮
//! │ › 2024-06 early 2024-10█                                 │
//! │ 2024-06, early 2024-10, two dates, 7d 30d 90d 1y, all    │
//! ╰──────────────────────────────────────────────────────────╯
//! ```

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use crate::app::{App, WindowPopup};
use crate::geometry::popup;
use crate::text::shown;
use crate::ui::popup_frame;
use crate::window::Window;

pub fn render(app: &App, prompt: &WindowPopup, space: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let outer = popup::window(space).outer;
    let inner = popup_frame(app, outer, "Date window".into(), buf);
    if inner.height == 0 {
        return;
    }
    let text = shown(&prompt.text, usize::from(inner.width));
    buf.set_line(
        inner.x,
        inner.y,
        &Line::from(vec![
            Span::styled("› ", theme.key()),
            Span::raw(text.into_owned()),
            Span::styled(" ", theme.selected()),
        ]),
        inner.width,
    );
    if inner.height < 2 {
        return;
    }
    let (line, style) = match &prompt.error {
        Some(why) => (format!("✗ {}", shown(why, 200)), theme.warning()),
        None => {
            let now = app
                .filter()
                .from
                .zip(app.filter().to)
                .map(|(from, to)| format!("now {} · ", Window { from, to }.label()))
                .unwrap_or_default();
            (
                format!("{now}2024-06, early 2024-10, two dates, 7d 30d 90d 1y, all"),
                theme.dim(),
            )
        }
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
