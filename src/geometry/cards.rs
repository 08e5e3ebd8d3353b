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
/// The tallest a card grows where the strip has rows to spare (a zoomed
/// strip): the rows below its four of content hold the figure's note.
pub const CARD_MAX_HEIGHT: u16 = CARD_HEIGHT_WRAPPED + 4;
/// The lowest a card gets on a short screen: its label and the figure over
/// the line under it (movement or days), then the bottom border. A lower
/// card drops its last rows (the source, then the date); Enter shows them.
pub const CARD_MIN_HEIGHT: u16 = 4;
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
    /// second line; taller, up to [`CARD_MAX_HEIGHT`], where the rows in
    /// view would leave two or more a card row empty.
    pub card_height: u16,
    /// Some label takes two rows (the plan's card height is
    /// [`CARD_HEIGHT_WRAPPED`], even where a short screen lowers the cards).
    pub wrapped: bool,
    pub rows: usize,
    pub visible_rows: usize,
    /// Where the cards go (inside the strip's top rule).
    pub area: Rect,
}

/// The rows each label takes at a card width: 1, 2, or 3 for "more than
/// two" (then it is cut).
pub fn label_rows(labels: &[String], card_width: u16) -> usize {
    let room = usize::from(card_width.saturating_sub(LABEL_MARGIN)).max(1);
    let mut most = 1;
    for label in labels {
        if width(label) > room {
            most = most.max(wrap(label, room).len().min(3));
        }
        // No label can say more: thousands of key figures need not all be
        // wrapped to learn it.
        if most == 3 {
            break;
        }
    }
    most
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
            // Cards too narrow to plan for are not measured: with many
            // key figures in few rows, they would be a column or two wide.
            if w < CARD_MIN_WIDTH {
                continue;
            }
            let need = label_rows(labels, w);
            if need <= lines {
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
/// cards: its top rule and the cards in view. In a body of `body_height`
/// rows, one row of cards takes at most a third of it (lower cards, down to
/// [`CARD_MIN_HEIGHT`]), so a short screen keeps room for the timeline.
pub fn strip_height(labels: &[String], width: u16, max_rows: usize, body_height: u16) -> u16 {
    if labels.is_empty() {
        return 0;
    }
    let (_, rows, height) = plan(labels, width, max_rows);
    let rows = rows.min(max_rows.max(1)) as u16;
    let full = 1 + height * rows;
    if rows > 1 {
        return full;
    }
    full.min((body_height / 3).max(1 + CARD_MIN_HEIGHT))
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
        // A strip lower than a card (a short screen) holds one row of
        // lower cards.
        let wrapped = card_height == CARD_HEIGHT_WRAPPED;
        let card_height = card_height.min(area.height.max(CARD_MIN_HEIGHT));
        let visible_rows = fits(card_height).min(rows);
        // Rows no further card row fits in go to the cards in view, evenly,
        // when each then has room for a row of its note under a blank one.
        let tall = (area.height / visible_rows.max(1) as u16).min(CARD_MAX_HEIGHT);
        let card_height = if tall >= card_height + 2 {
            tall
        } else {
            card_height
        };
        Grid {
            cards: n,
            per_row,
            card_width: area.width / per_row as u16,
            card_height,
            wrapped,
            rows,
            visible_rows,
            area,
        }
    }

    /// Cards in view at once.
    pub fn page(&self) -> usize {
        self.per_row.max(1) * self.visible_rows
    }

    /// The cards in view (positions) with card row `first_row` at the top:
    /// from that row's first card, except that the last page is always a
    /// whole page (its cards move up to fill the rows in view), so paging
    /// to the end never leaves one card beside empty space.
    pub fn in_view(&self, first_row: usize) -> std::ops::Range<usize> {
        let first = (first_row * self.per_row.max(1)).min(self.cards.saturating_sub(self.page()));
        first..(first + self.page()).min(self.cards)
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
        let view = self.in_view(first_row);
        for shown in 0..self.visible_rows {
            let mut x = self.area.x;
            for column in 0..self.per_row {
                let i = view.start + shown * self.per_row + column;
                if i >= view.end {
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
    fn the_last_page_is_whole_and_a_short_strip_lowers_the_cards() {
        // Five cards two a row, one row in view: the last row would hold
        // one card; its page shows the last two.
        let five = labels(&["a"; 5]);
        let grid = Grid::new(&five, Rect::new(0, 0, 40, 6));
        assert_eq!((grid.per_row, grid.rows, grid.visible_rows), (2, 3, 1));
        assert_eq!(grid.in_view(1), 2..4);
        assert_eq!(grid.in_view(2), 3..5);
        let shown: Vec<usize> = grid.cards(2).into_iter().map(|(i, _)| i).collect();
        assert_eq!(shown, [3, 4]);
        assert_eq!(grid.card_at(2, Position::new(0, 0)), Some(3));
        // Fewer cards than a page: all of them, from the first.
        assert_eq!(Grid::new(&five, Rect::new(0, 0, 200, 6)).in_view(0), 0..5);
        // One row of cards takes at most a third of the body, never less
        // than a lowest card; two rows keep their height (tall screens).
        assert_eq!(strip_height(&five, 40, 1, 12), 1 + CARD_MIN_HEIGHT);
        assert_eq!(strip_height(&five, 40, 1, 18), 6);
        assert_eq!(strip_height(&five, 40, 1, 21), 1 + CARD_HEIGHT);
        assert_eq!(strip_height(&five, 40, 2, 40), 1 + 2 * CARD_HEIGHT);
        let low = Grid::new(&five, Rect::new(0, 0, 40, CARD_MIN_HEIGHT));
        assert_eq!((low.card_height, low.visible_rows), (CARD_MIN_HEIGHT, 1));
    }

    #[test]
    fn rows_no_card_row_fits_in_make_the_cards_in_view_taller() {
        let two_lines = labels(&["A label that needs two lines here"; 15]);
        // A zoomed strip at 80x24: two rows of cards in 20, not three.
        let grid = Grid::new(&two_lines, Rect::new(0, 0, 80, 20));
        assert_eq!((grid.visible_rows, grid.card_height), (2, 10));
        assert_eq!(grid.cards(0).last().map(|(_, r)| r.bottom()), Some(20));
        // One spare row is not worth a taller card.
        let grid = Grid::new(&two_lines, Rect::new(0, 0, 80, 15));
        assert_eq!(
            (grid.visible_rows, grid.card_height),
            (2, CARD_HEIGHT_WRAPPED)
        );
        // A lone row of cards grows no taller than the most.
        let grid = Grid::new(&labels(&["a"; 2]), Rect::new(0, 0, 80, 40));
        assert_eq!(grid.card_height, CARD_MAX_HEIGHT);
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
