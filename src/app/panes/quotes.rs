//! The quotes pane's component: a cursor over the selected quotes
//! (positions in `selection.quotes`, which is in date order). Quotes are
//! several rows tall and scroll whole.

use ratatui::layout::Position;

use crate::action::Pane;
use crate::data::Data;
use crate::doc::detail::Target;
use crate::geometry::{Screen, quotes};

use super::{Cursor, Motion, PaneModel};

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct QuotesPane {
    pub cursor: Cursor,
}

impl PaneModel for QuotesPane {
    fn cursor(&self) -> Cursor {
        self.cursor
    }

    fn cursor_mut(&mut self) -> &mut Cursor {
        &mut self.cursor
    }

    fn len(&self, data: &Data) -> usize {
        data.selection.quotes.len()
    }

    fn step(&mut self, motion: Motion, data: &Data, screen: &Screen) {
        // A page is about as many quotes as a pane shows (four rows each).
        let page = (usize::from(screen.list(Pane::Quotes).height) / 4).max(1);
        self.cursor.step(motion, self.len(data), page);
        self.follow(data, screen);
    }

    fn follow(&mut self, data: &Data, screen: &Screen) {
        let inner = screen.list(Pane::Quotes);
        let height = usize::from(inner.height);
        let list = &data.selection.quotes;
        let s = &data.situation;
        let selected = self.cursor.selected.min(list.len().saturating_sub(1));
        self.cursor.selected = selected;
        let offset = self.cursor.offset.min(selected);
        // Walk up from the selected quote while the quotes down to it still
        // fit: the first that fits is the lowest offset that shows the
        // selected one whole. Costs the quotes in view only.
        let mut first = selected;
        let mut rows = 0;
        while first > offset {
            rows += quotes::height(s, list[first], inner.width);
            let above = quotes::height(s, list[first - 1], inner.width);
            if rows + above > height {
                break;
            }
            first -= 1;
        }
        self.cursor.offset = offset.max(first);
    }

    fn item_at(&self, data: &Data, screen: &Screen, at: Position) -> Option<usize> {
        let list = screen.list(Pane::Quotes);
        if !list.contains(at) {
            return None;
        }
        let dy = usize::from(at.y - list.y);
        quotes::quote_at(
            &data.situation,
            &data.selection.quotes,
            self.cursor.offset,
            list.width,
            dy,
        )
    }

    fn target(&self, data: &Data) -> Option<Target> {
        data.selection
            .quotes
            .get(self.cursor.selected)
            .map(|&q| Target::Quote(q))
    }
}
