//! Pane 1: key figures, one card per metric, reflowed to the width. Rows of
//! cards that do not fit scroll with the cursor.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Widget};

use crate::action::Pane;
use crate::app::App;
use crate::ui::card::{CARD_HEIGHT, CARD_MIN_WIDTH, CardInfo, render_card};
use crate::ui::layout::Screen;
use crate::text::head;

/// Wider cards only add empty space.
pub const CARD_MAX_WIDTH: u16 = 44;

/// How the cards are laid out in the pane.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Grid {
    pub per_row: usize,
    /// Width of most cards; the first cards of a row take one more column
    /// each when the width does not divide evenly.
    pub card_width: u16,
    pub rows: usize,
    pub visible_rows: usize,
}

/// Cards a row and rows of cards for `n` cards in `width` columns with at
/// most `max_rows` rows in view. Cards as wide as their labels want when
/// that fits the rows; narrower (down to the minimum) when it does not;
/// rows scroll beyond that. Rows in view are evened out (six cards as
/// 3 + 3, not 5 + 1).
fn plan(app: &App, width: u16, max_rows: usize) -> (usize, usize) {
    let n = app.situation.metrics.len();
    if n == 0 {
        return (1, 0);
    }
    let max_rows = max_rows.max(1);
    let fit = |card: u16| usize::from(width / card.max(1)).clamp(1, n);
    for card in [app.derived.card_width, CARD_MIN_WIDTH] {
        let rows = n.div_ceil(fit(card));
        if rows <= max_rows {
            return (n.div_ceil(rows), rows);
        }
    }
    let per_row = fit(CARD_MIN_WIDTH);
    (per_row, n.div_ceil(per_row))
}

/// Rows of cards the strip takes at a width, with at most `max_rows`.
pub fn rows_wanted(app: &App, width: u16, max_rows: usize) -> usize {
    plan(app, width, max_rows).1.min(max_rows)
}

pub fn grid(app: &App, inner: Rect) -> Grid {
    let max_rows = usize::from(inner.height / CARD_HEIGHT).max(1);
    let (per_row, rows) = plan(app, inner.width, max_rows);
    Grid {
        per_row,
        card_width: (inner.width / per_row as u16).min(CARD_MAX_WIDTH),
        rows,
        visible_rows: max_rows.min(rows),
    }
}

/// The cards in view with their areas.
pub fn cards(app: &App, inner: Rect) -> Vec<(usize, Rect)> {
    let g = grid(app, inner);
    let n = app.situation.metrics.len();
    let spare = if g.card_width == CARD_MAX_WIDTH {
        0
    } else {
        inner.width.saturating_sub(g.card_width * g.per_row as u16)
    };
    let first_row = app.view.figures.offset;
    let mut out = Vec::new();
    for (shown, row) in (first_row..g.rows).take(g.visible_rows).enumerate() {
        let mut x = inner.x;
        for column in 0..g.per_row {
            let i = row * g.per_row + column;
            if i >= n {
                break;
            }
            let width = g.card_width + u16::from((column as u16) < spare);
            let rect = Rect::new(x, inner.y + shown as u16 * CARD_HEIGHT, width, CARD_HEIGHT)
                .intersection(inner);
            out.push((i, rect));
            x = x.saturating_add(width);
        }
    }
    out
}

/// The card drawn at a cell.
pub fn card_at(app: &App, inner: Rect, at: Position) -> Option<usize> {
    cards(app, inner)
        .into_iter()
        .find(|(_, rect)| rect.contains(at))
        .map(|(i, _)| i)
}

pub fn render(app: &App, screen: &Screen, buf: &mut Buffer) {
    let Some(area) = screen.visible(Pane::Figures) else {
        return;
    };
    let theme = &app.theme;
    let focused = app.view.focus == Pane::Figures;
    let inner = screen.inner(Pane::Figures);
    let g = grid(app, inner);
    let n = app.situation.metrics.len();
    let first = app.view.figures.offset * g.per_row;
    let last = ((app.view.figures.offset + g.visible_rows) * g.per_row).min(n);
    let mut title = vec![Span::styled(
        format!(" {} {} ", Pane::Figures.number(), Pane::Figures.title()),
        if focused {
            theme.focus_title()
        } else {
            theme.strong()
        },
    )];
    if last - first < n {
        let more = if last < n { " ↓" } else { " ↑" };
        title.push(Span::styled(
            format!(" {}–{} of {n}{more} ", first + 1, last),
            theme.dim(),
        ));
    }
    if app.view.zoom {
        title.push(Span::styled(" zoomed: z or Esc to leave ", theme.dim()));
    }
    if !app.selection.highlighted_metrics.is_empty() {
        title.push(Span::styled(" ● tied to the filter ", theme.highlight()));
    }
    crate::ui::focus_border(Block::new().borders(Borders::TOP), theme, focused)
        .title(Line::from(title))
        .render(area, buf);

    for (i, rect) in cards(app, inner) {
        let metric = &app.situation.metrics[i];
        let figure = &app.derived.figures[i];
        // The card cleans and cuts what it is given; give it only what can
        // show, so a megabyte-long label costs a card's width.
        let columns = usize::from(rect.width);
        let source = figure
            .source
            .and_then(|s| app.situation.sources.get(s))
            .map(|s| head(s.publisher.as_deref().unwrap_or(s.title.as_str()), columns));
        let info = CardInfo {
            label: head(&metric.label, columns),
            figure,
            source,
            highlighted: app.selection.highlighted_metrics.contains(&i),
            selected: focused && app.view.figures.selected == i,
        };
        render_card(&info, theme, rect, buf);
    }
}
