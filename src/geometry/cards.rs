//! The key-figure strip as a grid of cards: how many a row, how wide, which
//! are in view and where. One plan serves paging, mouse hits and drawing.

use ratatui::layout::{Position, Rect};

/// Rows a card takes, borders included: the title row, four rows of content
/// (figure, movement, date, source) and the bottom border.
pub const CARD_HEIGHT: u16 = 6;
/// Narrowest useful card, borders included: 16 columns inside hold
/// "Dec 2016 · stale", "▲ +21%" with a sparkline, and most figures in full.
pub const CARD_MIN_WIDTH: u16 = 18;
/// Wider cards only add empty space.
pub const CARD_MAX_WIDTH: u16 = 44;

/// How the cards are laid out in the pane.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Grid {
    /// Cards in all.
    pub cards: usize,
    pub per_row: usize,
    /// Width of most cards; the first cards of a row take one more column
    /// each when the width does not divide evenly.
    pub card_width: u16,
    pub rows: usize,
    pub visible_rows: usize,
    /// Where the cards go (inside the strip's top rule).
    pub area: Rect,
}

/// Cards a row and rows of cards for `n` cards wanting `wanted` columns
/// each in `width` columns with at most `max_rows` rows in view. Cards as
/// wide as their labels want when that fits the rows; narrower (down to the
/// minimum) when it does not; rows scroll beyond that. Rows in view are
/// evened out (six cards as 3 + 3, not 5 + 1).
fn plan(n: usize, wanted: u16, width: u16, max_rows: usize) -> (usize, usize) {
    if n == 0 {
        return (1, 0);
    }
    let max_rows = max_rows.max(1);
    let fit = |card: u16| usize::from(width / card.max(1)).clamp(1, n);
    for card in [wanted.max(CARD_MIN_WIDTH), CARD_MIN_WIDTH] {
        let rows = n.div_ceil(fit(card));
        if rows <= max_rows {
            return (n.div_ceil(rows), rows);
        }
    }
    let per_row = fit(CARD_MIN_WIDTH);
    (per_row, n.div_ceil(per_row))
}

/// Rows of cards the strip takes at a width, with at most `max_rows`.
pub fn rows_wanted(n: usize, wanted: u16, width: u16, max_rows: usize) -> usize {
    plan(n, wanted, width, max_rows).1.min(max_rows)
}

impl Grid {
    /// The grid of `n` cards wanting `wanted` columns in `area`.
    pub fn new(n: usize, wanted: u16, area: Rect) -> Grid {
        let max_rows = usize::from(area.height / CARD_HEIGHT).max(1);
        let (per_row, rows) = plan(n, wanted, area.width, max_rows);
        Grid {
            cards: n,
            per_row,
            card_width: (area.width / per_row.max(1) as u16).min(CARD_MAX_WIDTH),
            rows,
            visible_rows: max_rows.min(rows),
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
        let spare = if self.card_width == CARD_MAX_WIDTH {
            0
        } else {
            self.area
                .width
                .saturating_sub(self.card_width * self.per_row as u16)
        };
        let mut out = Vec::new();
        for (shown, row) in (first_row..self.rows).take(self.visible_rows).enumerate() {
            let mut x = self.area.x;
            for column in 0..self.per_row {
                let i = row * self.per_row + column;
                if i >= self.cards {
                    break;
                }
                let width = self.card_width + u16::from((column as u16) < spare);
                let y = self.area.y + shown as u16 * CARD_HEIGHT;
                let rect = Rect::new(x, y, width, CARD_HEIGHT).intersection(self.area);
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

    #[test]
    fn rows_are_evened_out_and_cards_stay_inside() {
        let grid = Grid::new(6, 30, Rect::new(0, 0, 150, 12));
        assert_eq!((grid.per_row, grid.rows), (3, 2));
        for (_, rect) in grid.cards(0) {
            assert_eq!(rect.intersection(grid.area), rect);
        }
        assert_eq!(grid.card_at(0, Position::new(0, 7)), Some(3));
        assert_eq!(grid.card_at(0, Position::new(131, 11)), Some(5));
    }
}
