//! `x`: the export prompt, with the command line that writes the same.
//!
//! ```text
//! ╭ Export the view ─────────────────────────────────────────╮
//! │ › briefing.md█                                           │
//! │ .md Markdown, .json JSON, anything else text · 16 events │
//! │ shown                                                    │
//! │                                                          │
//! │ The same from a shell (Ctrl-Y copies it):                │
//! │ sitrep summary haiti.toml --actor kenya --format         │
//! │ markdown > briefing.md                                   │
//! ╰──────────────────────────────────────────────────────────╯
//! ```
//!
//! The command line is wrapped whole, the box as tall as it needs.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget, Wrap};

use crate::action::Action;
use crate::app::{App, ExportPopup};
use crate::geometry::popup;
use crate::keymap::Mode;
use crate::text::{plural, shown};
use crate::ui::{draw_lines, popup_frame, prompt_line};

pub fn render(app: &App, prompt: &ExportPopup, space: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let outer = popup::export(space, prompt.command_lines().len()).outer;
    let inner = popup_frame(app, outer, "Export the view".into(), buf);
    if inner.height == 0 {
        return;
    }
    buf.set_line(
        inner.x,
        inner.y,
        &prompt_line(app, &prompt.text, inner.width),
        inner.width,
    );
    let (line, style) = match &prompt.error {
        Some(why) => (format!("✗ {}", shown(why, 400)), theme.warning()),
        None => {
            let edit = if prompt.text.selected() {
                "the last path: typing replaces it · "
            } else {
                ""
            };
            (
                format!(
                    "{edit}.md Markdown, .json JSON, anything else text · {} shown",
                    plural(app.selection().events.len(), "event")
                ),
                theme.dim(),
            )
        }
    };
    let message = Rect {
        y: inner.y + 1,
        height: inner.height.saturating_sub(1).min(2),
        ..inner
    };
    Paragraph::new(line)
        .style(style)
        .wrap(Wrap { trim: true })
        .render(message, buf);
    let rows_above = popup::EXPORT_ROWS_ABOVE_COMMAND;
    if inner.height < rows_above {
        return;
    }
    let heading = match app.keymap().key(Mode::Export, Action::CopyItem) {
        Some(copy) if !prompt.command().is_empty() => {
            format!("The same from a shell ({copy} copies it):")
        }
        _ if prompt.command().is_empty() => {
            "The same from a shell: type a path to see it".to_string()
        }
        _ => "The same from a shell:".to_string(),
    };
    buf.set_line(
        inner.x,
        inner.y + rows_above - 1,
        &Line::styled(heading, theme.dim()),
        inner.width,
    );
    let lines: Vec<Line> = prompt
        .command_lines()
        .iter()
        .map(|l| Line::raw(l.clone()))
        .collect();
    let command = Rect {
        y: inner.y + rows_above,
        height: inner.height - rows_above,
        ..inner
    };
    draw_lines(&lines, command, buf);
}
