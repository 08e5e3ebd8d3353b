//! A cursor in a list, the moves it makes, and the one rule for finding an
//! item again after its list changed (a filter, a reload).

use crate::model::ListIndex;

/// A selected item and the first visible row of a scrolled list.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Cursor {
    /// Position in the list the cursor walks (not an index into the
    /// situation: see [`relocate`]).
    pub selected: usize,
    /// First row drawn (for the figures grid: first card row).
    pub offset: usize,
}

impl Cursor {
    /// Keeps the selected item of a list of `len` one-row items in a window
    /// of `height` rows, and never scrolls past the end.
    pub fn follow(&mut self, len: usize, height: usize) {
        self.selected = self.selected.min(len.saturating_sub(1));
        self.follow_row(self.selected, len, height);
    }

    /// As [`Cursor::follow`] for lists whose rows are not their items: keeps
    /// `row` of `rows` in view.
    pub fn follow_row(&mut self, row: usize, rows: usize, height: usize) {
        if height == 0 {
            return;
        }
        if row < self.offset {
            self.offset = row;
        } else if row >= self.offset + height {
            self.offset = row + 1 - height;
        }
        self.offset = self.offset.min(rows.saturating_sub(height));
    }

    /// Moves within a list of `len` items, `page` items a page.
    pub fn step(&mut self, motion: Motion, len: usize, page: usize) {
        self.selected = step(self.selected, motion, len, page);
    }
}

/// A move within a list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Motion {
    By(isize),
    Page(isize),
    Top,
    Bottom,
}

/// A cursor moved within a list of `len` items, `page` items a page.
pub fn step(selected: usize, motion: Motion, len: usize, page: usize) -> usize {
    if len == 0 {
        return 0;
    }
    let last = len - 1;
    let by = |d: isize| {
        (selected as isize)
            .saturating_add(d)
            .clamp(0, last as isize) as usize
    };
    match motion {
        Motion::By(d) => by(d),
        Motion::Page(d) => by(d * page as isize),
        Motion::Top => 0,
        Motion::Bottom => last,
    }
}

/// Where an item (a typed index: [`EventIx`](crate::model::EventIx),
/// [`ActorIx`](crate::model::ActorIx), ...) is in a list the dashboard
/// sorted by `rank` (a position in the pane's full order, such as
/// `Derived::quote_rank`): `Ok` with its position when it is there, else
/// `Err` with where it would sort, clamped to the list. Lists are never in
/// the situation's index order in general (quotes go by date, actors by
/// tree), so the rank, not the index, is what is searched. The one way the
/// dashboard finds an item again, after a filter change, a new order or a
/// reload.
pub fn relocate<T: ListIndex + Eq>(
    list: &[T],
    item: T,
    rank: impl Fn(T) -> usize,
) -> Result<usize, usize> {
    let key = rank(item);
    match list.binary_search_by_key(&key, |&x| rank(x)) {
        Ok(position) if list[position] == item => Ok(position),
        Ok(position) | Err(position) => Err(position.min(list.len().saturating_sub(1))),
    }
}

/// The position a cursor lands on: the item's, else where it would sort,
/// else (no item to look for) `fallback`, clamped.
pub fn landing(found: Option<Result<usize, usize>>, fallback: usize, len: usize) -> usize {
    match found {
        Some(Ok(position) | Err(position)) => position.min(len.saturating_sub(1)),
        None => fallback.min(len.saturating_sub(1)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::QuoteIx;

    #[test]
    fn a_cursor_keeps_its_row_in_view() {
        let mut c = Cursor {
            selected: 15,
            offset: 0,
        };
        c.follow(20, 10);
        assert_eq!(c.offset, 6);
        c.selected = 2;
        c.follow(20, 10);
        assert_eq!(c.offset, 2);
        c.selected = 50;
        c.follow(20, 10);
        assert_eq!((c.selected, c.offset), (19, 10));
        // Never scrolled past the end when the list shrinks.
        c.selected = 3;
        c.follow(5, 10);
        assert_eq!(c.offset, 0);
    }

    #[test]
    fn items_are_found_by_rank_not_by_index() {
        // Quotes 2, 0, 1 in date order: rank[q] is q's place in that order.
        let rank = |q: QuoteIx| [1, 2, 0][q.get()];
        let q = QuoteIx::new;
        let list = [q(2), q(0), q(1)];
        assert_eq!(relocate(&list, q(0), rank), Ok(1));
        assert_eq!(relocate(&list, q(1), rank), Ok(2));
        // Gone: the next one in the list's order.
        let shorter = [q(2), q(1)];
        assert_eq!(relocate(&shorter, q(0), rank), Err(1));
        assert_eq!(relocate(&[], q(0), rank), Err(0));
    }
}
