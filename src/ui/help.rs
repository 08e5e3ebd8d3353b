//! `?`: every key of every mode, straight from the keymap table, and what
//! the symbols on screen mean.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::app::App;
use crate::keymap::{Mode, help_rows};
use crate::text::{pad, wrap};
use crate::ui::{centered, draw_lines, popup_frame, scrollbar};

const KEYS: usize = 16;

/// The popup's box on a screen of `size`.
pub fn area(size: Rect) -> Rect {
    centered(size, 80, size.height.saturating_sub(2))
}

fn text_area(size: Rect) -> Rect {
    area(size).inner(ratatui::layout::Margin::new(2, 1))
}

pub fn text_height(size: Rect) -> usize {
    usize::from(text_area(size).height)
}

/// Every line of the help, wrapped for a screen of `size`.
pub fn lines(app: &App, size: Rect) -> Vec<Line<'static>> {
    let theme = &app.theme;
    let width = usize::from(text_area(size).width);
    let mut out: Vec<Line<'static>> = Vec::new();
    let row = |keys: &str, text: &str, out: &mut Vec<Line<'static>>| {
        for (i, part) in wrap(text, width.saturating_sub(KEYS + 2))
            .into_iter()
            .enumerate()
        {
            let keys = if i == 0 { keys } else { "" };
            out.push(Line::from(vec![
                Span::raw("  "),
                Span::styled(pad(keys, KEYS), theme.key()),
                Span::raw(part),
            ]));
        }
    };
    for mode in Mode::ALL {
        out.push(Line::from(Span::styled(mode.title(), theme.strong())));
        for (keys, text, pane) in help_rows(mode) {
            let text = match pane {
                Some(pane) => format!("{text} ({} pane)", pane.title()),
                None => text.to_string(),
            };
            row(keys, &text, &mut out);
        }
        out.push(Line::default());
    }
    out.push(Line::from(Span::styled("Mouse", theme.strong())));
    row(
        "click",
        "focus a pane and select; click again to open; click a filter chip to remove it",
        &mut out,
    );
    row("wheel", "scroll the pane under the pointer", &mut out);
    out.push(Line::default());
    out.push(Line::from(Span::styled("On screen", theme.strong())));
    row(
        "● ◐ ○",
        "event past, its dates include the as-of date, upcoming (upcoming rows are also in italics)",
        &mut out,
    );
    row(
        "[2] [?]",
        "how many sources an event cites; [?] none yet",
        &mut out,
    );
    row(
        "── now ──",
        "the situation's as-of date in the timeline",
        &mut out,
    );
    row(
        "● ◦",
        "actor in the filter; member of an actor in the filter",
        &mut out,
    );
    row(
        "● on a card",
        "key figure tied to an actor in the filter",
        &mut out,
    );
    out
}

/// The first line of a mode's section: help opens there, so the keys of
/// what is open come first (0 for modes help does not describe).
pub fn section_start(app: &App, size: Rect, mode: Mode) -> usize {
    if !Mode::ALL.contains(&mode) {
        return 0;
    }
    lines(app, size)
        .iter()
        .position(|line| line.spans.len() == 1 && line.spans[0].content == mode.title())
        .unwrap_or(0)
}

pub fn render(app: &App, scroll: usize, size: Rect, buf: &mut Buffer) {
    let outer = area(size);
    popup_frame(app, outer, "Keys".into(), buf);
    let text = text_area(size);
    let lines = lines(app, size);
    let height = usize::from(text.height);
    let scroll = scroll.min(lines.len().saturating_sub(height));
    draw_lines(&lines[scroll.min(lines.len())..], text, buf);
    scrollbar(app, outer, lines.len(), scroll, height, buf);
}
