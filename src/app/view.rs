//! The view half of the state: what has focus, where each cursor is, what is
//! open. Plain data; `App::update` changes it.

use ratatui::layout::Rect;

use crate::action::Pane;
use crate::model::{ActorIx, EventIx};

/// A selected item and the first visible row of a scrolled list.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Cursor {
    /// Index into the list the cursor walks.
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
}

/// What a detail page shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    Event(EventIx),
    Actor(ActorIx),
    /// Index into `situation.metrics`.
    Metric(usize),
    /// Index into `situation.quotes`.
    Quote(usize),
}

/// One page of the detail popup; opening an actor from a detail stacks a page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DetailPage {
    pub target: Target,
    /// First text line shown.
    pub scroll: usize,
    /// The selected actor among those the page names.
    pub link: usize,
}

impl DetailPage {
    pub fn new(target: Target) -> DetailPage {
        DetailPage {
            target,
            scroll: 0,
            link: 0,
        }
    }
}

/// The actor picker: a query and the actors it matches, in tree order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Picker {
    pub query: String,
    pub matches: Vec<ActorIx>,
    pub cursor: Cursor,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Popup {
    Picker(Picker),
    /// A stack of pages; Esc goes back one.
    Detail(Vec<DetailPage>),
}

/// A search being typed; the filter's search text changes as it is typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SearchInput {
    /// The search before typing began, restored by Esc.
    pub before: String,
    /// The event and quote selected before typing began, selected again by
    /// Esc when they are still there.
    pub event: Option<EventIx>,
    pub quote: Option<usize>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct View {
    /// The terminal's area, from the last resize.
    pub size: Rect,
    pub focus: Pane,
    /// Which of timeline, actors and quotes a tabbed layout shows: the last
    /// of them that had the focus.
    pub tab: Pane,
    /// The focused pane fills the screen.
    pub zoom: bool,
    pub figures: Cursor,
    pub timeline: Cursor,
    pub actors: Cursor,
    pub quotes: Cursor,
    pub search: Option<SearchInput>,
    pub popup: Option<Popup>,
    /// The key help (its first line shown), open over whatever else is open:
    /// closing it goes back there.
    pub help: Option<usize>,
    /// One line of feedback, cleared by the next action.
    pub status: Option<String>,
    /// The event and quote last selected, remembered while a filter leaves
    /// nothing to select, so the cursor comes back when it is widened.
    pub last_event: Option<EventIx>,
    pub last_quote: Option<usize>,
    /// Scroll the timeline so the selection sits low in the pane at the next
    /// follow (used once, at start).
    pub center_timeline: bool,
}

impl Default for View {
    fn default() -> Self {
        View {
            // Until the terminal tells its size, lay out for the smallest
            // size the dashboard is designed for.
            size: Rect::new(0, 0, 80, 24),
            focus: Pane::Timeline,
            tab: Pane::Timeline,
            zoom: false,
            figures: Cursor::default(),
            timeline: Cursor::default(),
            actors: Cursor::default(),
            quotes: Cursor::default(),
            search: None,
            popup: None,
            help: None,
            status: None,
            last_event: None,
            last_quote: None,
            center_timeline: false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
