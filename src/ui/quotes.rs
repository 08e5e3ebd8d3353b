//! Pane 4: what people said, wrapped, with speaker and date, in date order
//! (`Derived::quote_order`; a quote without a date of its own comes last
//! and says "undated"; a date window leaves it out and the border says how
//! many). Quotes scroll whole: the pane starts at a quote, never in the
//! middle of one.

use ratatui::buffer::Buffer;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};

use crate::action::Pane;
use crate::app::App;
use crate::digest::Section;
use crate::geometry::Screen;
use crate::geometry::quotes::{attribution, height, text_columns, words};
use crate::text::highlight;
use crate::ui::{draw_lines, empty_message, pane_frame, scrollbar};

pub fn render(app: &App, screen: &Screen, buf: &mut Buffer) {
    let Some(area) = screen.visible(Pane::Quotes) else {
        return;
    };
    let theme = app.theme();
    let len = app.selection().quotes.len();
    let cursor = app.cursor(Pane::Quotes);
    let undated = app.selection().undated_quotes_left_out;
    let mut info = crate::ui::position_info(
        cursor.selected,
        len,
        app.situation().quotes.len(),
        app.filter_active(),
    );
    if undated > 0 && len > 0 {
        info.push_str(&format!(" · {undated} undated not in the window"));
    }
    let inner = pane_frame(app, screen, Pane::Quotes, area, info, buf);
    if len == 0 {
        let message = if app.situation().quotes.is_empty() {
            "This file has no quotes.".to_string()
        } else if undated > 0 {
            format!(
                "No quote matches the filter; {}: a window cannot place them.",
                crate::text::undated_left_out(undated)
            )
        } else {
            "No quote matches the filter.".to_string()
        };
        empty_message(app, &message, inner, buf);
        return;
    }
    let focused = app.view().focus == Pane::Quotes;
    let needle = app.needle();
    let mut lines: Vec<Line> = Vec::new();
    for (position, &q) in app.selection().quotes.iter().enumerate() {
        if position < cursor.offset {
            continue;
        }
        if lines.len() >= usize::from(inner.height) {
            break;
        }
        let selected = position == cursor.selected;
        let (bar, text_style) = if selected && focused {
            ("▌ ", theme.focus())
        } else if selected {
            ("▏ ", theme.strong())
        } else {
            ("  ", theme.text())
        };
        // New or changed since the last look: a symbol beside the bar on
        // the first row, so the mark never rests on colour.
        let mark = app.data().marks.mark(Section::Quotes, q.get());
        for (i, row) in words(app.situation(), q, inner.width)
            .into_iter()
            .enumerate()
        {
            let mut spans = match mark.filter(|_| i == 0) {
                // The bar keeps its column: "▌+", " ~".
                Some(mark) => vec![
                    Span::styled(&bar[..bar.len() - 1], theme.focus()),
                    Span::styled(mark.symbol(), theme.strong()),
                ],
                None => vec![Span::styled(bar, theme.focus())],
            };
            spans.extend(highlight(row, &needle, text_style, theme.matched()));
            lines.push(Line::from(spans));
        }
        let by = attribution(app.situation(), q, text_columns(inner.width));
        let by_style = if selected {
            theme.dim().add_modifier(Modifier::BOLD)
        } else {
            theme.dim()
        };
        let mut spans = vec![Span::styled(bar, theme.focus())];
        spans.extend(highlight(by, &needle, by_style, theme.matched()));
        lines.push(Line::from(spans));
        lines.push(Line::default());
    }
    draw_lines(&lines, inner, buf);
    // The scrollbar counts quotes, not rows: rows of quotes out of view
    // would need every quote wrapped on every frame.
    let visible = app.selection().quotes[cursor.offset..]
        .iter()
        .scan(0, |rows, &q| {
            *rows += height(app.situation(), q, inner.width);
            Some(*rows)
        })
        .take_while(|&rows| rows <= usize::from(inner.height))
        .count()
        .max(1);
    scrollbar(app, area, len, cursor.offset, visible, buf);
}
