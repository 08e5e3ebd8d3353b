//! The key-figure strip as a grid of cards: how many a row, how wide, which
//! are in view and where. One plan serves paging, mouse hits and drawing.

use ratatui::layout::{Position, Rect};

use crate::text::{width, wrap};

/// Rows a card takes, borders included: the title row (the label), four
/// rows of content (figure, movement, date, source) and the bottom border.
pub const CARD_HEIGHT: u16 = 6;
/// Rows a card takes when labels need two lines: the label's second line
/// sits under the title, above the content.
pub const CARD_HEIGHT_WRAPPED: u16 = CARD_HEIGHT + 1;
/// Narrowest useful card, borders included: 16 columns inside hold
/// "Dec 2016 · stale", "▲ +21%" with a sparkline, and most figures in full.
pub const CARD_MIN_WIDTH: u16 = 18;
/// Columns of a card that its label cannot use: the two borders and the
/// "● " marker of a card tied to the filter.
const LABEL_MARGIN: u16 = 4;

/// How the cards are laid out in the pane.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Grid {
    /// Cards in all.
    pub cards: usize,
    pub per_row: usize,
    /// Width of most cards; the first cards of a row take one more column
    /// each when the width does not divide evenly, so a row fills the pane.
    pub card_width: u16,
    /// [`CARD_HEIGHT`], or [`CARD_HEIGHT_WRAPPED`] when a label needs a
    /// second line.
    pub card_height: u16,
    pub rows: usize,
    pub visible_rows: usize,
    /// Where the cards go (inside the strip's top rule).
    pub area: Rect,
}

/// The rows each label takes at a card width: 1, 2, or 3 for "more than
/// two" (then it is cut).
pub fn label_rows(labels: &[String], card_width: u16) -> usize {
    let room = usize::from(card_width.saturating_sub(LABEL_MARGIN)).max(1);
    labels
        .iter()
        .map(|label| {
            if width(label) <= room {
                1
            } else {
                wrap(label, room).len().min(3)
            }
        })
        .max()
        .unwrap_or(1)
}

/// The plan for `labels` (one per card) in `width` columns with at most
/// `max_rows` rows of cards in view: (cards a row, rows, card height).
///
/// Cards share the row's width. The fewest rows whose cards show every
/// label on one line come first; then the fewest whose labels fit on two
/// lines (a taller card); then rows scroll, with as many cards a row as
/// keep every label whole on two lines, else as many as the narrowest card
/// allows (labels then cut). Rows in view are evened out (six cards as
/// 3 + 3, not 5 + 1).
fn plan(labels: &[String], width: u16, max_rows: usize) -> (usize, usize, u16) {
    let n = labels.len();
    if n == 0 {
        return (1, 0, CARD_HEIGHT);
    }
    let max_rows = max_rows.max(1);
    let card = |per_row: usize| width / per_row.max(1) as u16;
    let height = |lines: usize| {
        if lines <= 1 {
            CARD_HEIGHT
        } else {
            CARD_HEIGHT_WRAPPED
        }
    };
    for lines in [1, 2] {
        for rows in 1..=max_rows {
            let per_row = n.div_ceil(rows);
            let w = card(per_row);
            let need = label_rows(labels, w);
            if w >= CARD_MIN_WIDTH && need <= lines {
                return (per_row, n.div_ceil(per_row), height(need));
            }
        }
    }
    let most = usize::from(width / CARD_MIN_WIDTH).clamp(1, n);
    let per_row = (1..=most)
        .rev()
        .find(|&p| label_rows(labels, card(p)) <= 2)
        .unwrap_or(most);
    let need = label_rows(labels, card(per_row)).min(2);
    (per_row, n.div_ceil(per_row), height(need))
}

/// Rows the strip takes at a width, with at most `max_rows` rows of
/// cards: its top rule and the cards in view.
pub fn strip_height(labels: &[String], width: u16, max_rows: usize) -> u16 {
    if labels.is_empty() {
        return 0;
    }
    let (_, rows, height) = plan(labels, width, max_rows);
    1 + height * rows.min(max_rows.max(1)) as u16
}

impl Grid {
    /// The grid of cards with these labels in `area`.
    pub fn new(labels: &[String], area: Rect) -> Grid {
        let n = labels.len();
        // How many rows fit, at the taller height when that is the plan.
        let fits = |h: u16| usize::from(area.height / h).max(1);
        let (mut per_row, mut rows, mut card_height) = plan(labels, area.width, fits(CARD_HEIGHT));
        if card_height == CARD_HEIGHT_WRAPPED && fits(CARD_HEIGHT_WRAPPED) < fits(CARD_HEIGHT) {
            (per_row, rows, card_height) = plan(labels, area.width, fits(CARD_HEIGHT_WRAPPED));
        }
        let per_row = per_row.max(1);
        Grid {
            cards: n,
            per_row,
            card_width: area.width / per_row as u16,
            card_height,
            rows,
            visible_rows: fits(card_height).min(rows),
            area,
        }
    }

    /// The card row a card is on.
    pub fn row_of(&self, card: usize) -> usize {
        card / self.per_row.max(1)
    }

    /// The cards in view with their areas, with card row `first_row` at
    /// the top.
    pub fn cards(&self, first_row: usize) -> Vec<(usize, Rect)> {
        let spare = self
            .area
            .width
            .saturating_sub(self.card_width * self.per_row as u16);
        let mut out = Vec::new();
        for (shown, row) in (first_row..self.rows).take(self.visible_rows).enumerate() {
            let mut x = self.area.x;
            for column in 0..self.per_row {
                let i = row * self.per_row + column;
                if i >= self.cards {
                    break;
                }
                let width = self.card_width + u16::from((column as u16) < spare);
                let y = self.area.y + shown as u16 * self.card_height;
                let rect = Rect::new(x, y, width, self.card_height).intersection(self.area);
                out.push((i, rect));
                x = x.saturating_add(width);
            }
        }
        out
    }

    /// The card drawn at a cell.
    pub fn card_at(&self, first_row: usize, at: Position) -> Option<usize> {
        self.cards(first_row)
            .into_iter()
            .find(|(_, rect)| rect.contains(at))
            .map(|(i, _)| i)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(texts: &[&str]) -> Vec<String> {
        texts.iter().map(|t| t.to_string()).collect()
    }

    #[test]
    fn rows_are_evened_out_and_fill_the_width() {
        let six = labels(&["a"; 6]);
        let grid = Grid::new(&six, Rect::new(0, 0, 150, 12));
        assert_eq!((grid.per_row, grid.rows, grid.card_width), (6, 1, 25));
        let grid = Grid::new(&six, Rect::new(0, 0, 80, 12));
        assert_eq!((grid.per_row, grid.rows), (3, 2));
        let cards = grid.cards(0);
        assert_eq!(cards.last().map(|(_, r)| r.right()), Some(80));
        assert_eq!(grid.card_at(0, Position::new(79, 11)), Some(5));
    }

    #[test]
    fn fewer_wider_cards_before_a_label_wraps_and_wrapping_before_a_cut() {
        let long = "Share of Port-au-Prince controlled by armed groups";
        let set = labels(&[long, "Deaths", "Displaced", "Budget"]);
        // One row of four at 240 columns: 60 each, the label whole on one line.
        let grid = Grid::new(&set, Rect::new(0, 0, 240, 6));
        assert_eq!((grid.per_row, grid.card_height), (4, CARD_HEIGHT));
        // At 120, four cards of 30 need the label on two lines.
        let grid = Grid::new(&set, Rect::new(0, 0, 120, 7));
        assert_eq!((grid.per_row, grid.card_height), (4, CARD_HEIGHT_WRAPPED));
        assert!(label_rows(&set, grid.card_width) <= 2);
        // With room for two rows, two of 60 keep it on one line.
        let grid = Grid::new(&set, Rect::new(0, 0, 120, 12));
        assert_eq!((grid.per_row, grid.card_height), (2, CARD_HEIGHT));
    }
}
