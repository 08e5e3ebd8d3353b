//! The footer: the search being typed, the few keys that matter in the
//! current mode (from the keymap table), and one line of feedback.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::app::App;
use crate::keymap::{self, Mode};
use crate::sanitize::clean_line;
use crate::ui::text::{fit, shown, width};

/// Keys the footer names at most (fewer when the row is short).
const MAX_KEYS: usize = 7;

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    if area.is_empty() {
        return;
    }
    let theme = &app.theme;
    let mode = app.mode();
    let mut spans = vec![Span::raw(" ")];
    if mode == Mode::Search {
        let text = clean_line(&app.filter.search);
        // Show the end of a long search: that is where typing happens.
        let room = usize::from(area.width / 3);
        let shown: String = if width(&text) > room {
            let skip = text.chars().count().saturating_sub(room);
            format!("…{}", text.chars().skip(skip + 1).collect::<String>())
        } else {
            text.into_owned()
        };
        spans.push(Span::styled("Search: ", theme.strong()));
        spans.push(Span::raw(shown));
        spans.push(Span::styled(" ", theme.selected()));
        spans.push(Span::raw("   "));
    }
    // Feedback may quote the file or the system (an actor's name, why the
    // file is not watched): sanitized like any text from outside.
    let status = shown(
        app.view.status.as_deref().unwrap_or_default(),
        usize::from(area.width),
    );
    let status_width = if status.is_empty() {
        0
    } else {
        // Feedback gets at least half the row; the least important keys
        // give way to it.
        (width(&status) + 2).min(usize::from(area.width) / 2)
    };
    let room = usize::from(area.width).saturating_sub(status_width);
    let mut used: usize = spans.iter().map(|s| s.width()).sum();
    let context = keymap::Context {
        focus: app.view.focus,
        filter_active: app.filter_active(),
        file: app.file.is_some(),
    };
    for (i, binding) in keymap::footer(mode, context, MAX_KEYS)
        .into_iter()
        .enumerate()
    {
        let key = keymap::footer_label(binding.label);
        let gap = if i > 0 { "  " } else { "" };
        let needed = width(gap) + width(key) + 1 + width(binding.short);
        if used + needed > room {
            break;
        }
        used += needed;
        spans.push(Span::raw(gap));
        spans.push(Span::styled(key, theme.key()));
        spans.push(Span::styled(format!(" {}", binding.short), theme.dim()));
    }
    buf.set_line(area.x, area.y, &Line::from(spans), area.width);
    if !status.is_empty() {
        let status = fit(&status, status_width.saturating_sub(2));
        let x = area.right().saturating_sub(width(&status) as u16 + 1);
        buf.set_string(x, area.y, status, theme.status());
    }
}
