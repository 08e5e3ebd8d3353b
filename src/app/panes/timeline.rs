//! The timeline's component: a cursor over the selected events (positions
//! in `selection.events`), drawn with the "now" divider among them.

use ratatui::layout::Position;

use crate::action::Pane;
use crate::data::Data;
use crate::doc::detail::Target;
use crate::geometry::Screen;

use super::{Cursor, Motion, PaneModel, page_of};

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TimelinePane {
    pub cursor: Cursor,
    /// Scroll so the selection sits low in the pane at the next follow
    /// (used once, at start, so the divider and what comes next show).
    pub center: bool,
}

impl PaneModel for TimelinePane {
    fn cursor(&self) -> Cursor {
        self.cursor
    }

    fn cursor_mut(&mut self) -> &mut Cursor {
        &mut self.cursor
    }

    fn len(&self, data: &Data) -> usize {
        data.selection.events.len()
    }

    fn step(&mut self, motion: Motion, data: &Data, screen: &Screen) {
        let page = page_of(screen.list(Pane::Timeline).height);
        self.cursor.step(motion, self.len(data), page);
        self.follow(data, screen);
    }

    fn follow(&mut self, data: &Data, screen: &Screen) {
        let height = usize::from(screen.list(Pane::Timeline).height);
        self.cursor.selected = self.cursor.selected.min(self.len(data).saturating_sub(1));
        let row = data.timeline_row_of(self.cursor.selected);
        if std::mem::take(&mut self.center) && height > 0 {
            // The selected row two thirds down.
            self.cursor.offset = row.saturating_sub(height * 2 / 3);
        }
        let rows = data.timeline_rows();
        // The now line next to the selection stays in view with it (after
        // a resize too): it says which side of now the event is on.
        let divider = data.now_split();
        if rows > 0 && (divider == row + 1 || divider + 1 == row) {
            self.cursor.follow_row(divider, rows, height);
        }
        self.cursor.follow_row(row, rows, height);
    }

    fn item_at(&self, data: &Data, screen: &Screen, at: Position) -> Option<usize> {
        let list = screen.list(Pane::Timeline);
        if !list.contains(at) {
            return None;
        }
        data.timeline_event_at(self.cursor.offset + usize::from(at.y - list.y))
    }

    fn target(&self, data: &Data) -> Option<Target> {
        data.selection
            .events
            .get(self.cursor.selected)
            .map(|&e| Target::Event(e))
    }
}
