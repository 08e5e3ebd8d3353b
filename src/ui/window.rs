//! `w`: the date-window prompt, opened with the window in force selected.
//!
//! ```text
//! ╭ Date window ─────────────────────────────────────────────╮
//! │ › 2024-09-01 2024-09-30█                                 │
//! │ now 1 Sep 2024 – 30 Sep 2024 · typing replaces it; ← →   │
//! │ Backspace edit it · 2024-06, early 2024-10, two dates, … │
//! ╰──────────────────────────────────────────────────────────╯
//! ```

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Paragraph, Widget, Wrap};

use crate::app::{App, WindowPopup};
use crate::geometry::popup;
use crate::text::shown;
use crate::ui::{popup_frame, prompt_line};
use crate::window::Window;

pub fn render(app: &App, prompt: &WindowPopup, space: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let outer = popup::window(space).outer;
    let inner = popup_frame(app, outer, "Date window".into(), buf);
    if inner.height == 0 {
        return;
    }
    buf.set_line(
        inner.x,
        inner.y,
        &prompt_line(app, &prompt.text, inner.width),
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
            let edit = if prompt.text.selected() {
                "typing replaces it; ← → Backspace edit it · "
            } else {
                ""
            };
            (
                format!("{now}{edit}2024-06, early 2024-10, two dates, 7d 30d 90d 1y, all"),
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
