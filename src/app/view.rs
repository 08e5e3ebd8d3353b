//! The view half of the state: what has focus, each pane's component, the
//! search being typed, the popups open. Plain data; `App::update` changes
//! it.

use ratatui::layout::Rect;

use crate::action::Pane;
use crate::model::{EventIx, QuoteIx};

use super::panes::Panes;
use super::popups::Popup;

/// A search being typed; the filter's search text changes as it is typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SearchInput {
    /// The search before typing began, restored by Esc.
    pub before: String,
    /// The event and quote selected before typing began, selected again by
    /// Esc when they are still there.
    pub event: Option<EventIx>,
    pub quote: Option<QuoteIx>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct View {
    /// The terminal's area, from the last resize.
    pub size: Rect,
    pub focus: Pane,
    /// Timeline, actors, quotes and map, the last focused first: panes that
    /// share a slot as tabs show the one of them focused last.
    pub recent: [Pane; 4],
    /// The focused pane fills the screen.
    pub zoom: bool,
    pub panes: Panes,
    pub search: Option<SearchInput>,
    /// Open popups, the top one last; keys go to it.
    pub popups: Vec<Popup>,
    /// One line of feedback, cleared by the next action.
    pub status: Option<String>,
    /// The event and quote last selected, remembered while a filter leaves
    /// nothing to select, so the cursor comes back when it is widened.
    pub last_event: Option<EventIx>,
    pub last_quote: Option<QuoteIx>,
    /// The time strip is hidden (`t`).
    pub strip_hidden: bool,
    /// The bucket of the time strip where a mouse drag began, and the one
    /// it is over now.
    pub drag: Option<(usize, usize)>,
    /// The path last exported to, as typed: the next `x` opens with it.
    pub exported: Option<String>,
    /// `u` was pressed while the marks were still being worked out: the
    /// filter on them comes on when they arrive.
    pub filter_when_marked: bool,
}

impl View {
    /// The pane a slot of all four as tabs shows.
    pub fn tab(&self) -> Pane {
        self.recent[0]
    }

    /// Puts `pane` first among the recently focused.
    pub fn focused(&mut self, pane: Pane) {
        if let Some(at) = self.recent.iter().position(|&p| p == pane) {
            self.recent[..=at].rotate_right(1);
        }
    }
}

impl Default for View {
    fn default() -> Self {
        View {
            // Until the terminal tells its size, lay out for the smallest
            // size the dashboard is designed for.
            size: Rect::new(0, 0, 80, 24),
            focus: Pane::Timeline,
            recent: [Pane::Timeline, Pane::Actors, Pane::Quotes, Pane::Map],
            zoom: false,
            panes: Panes::default(),
            search: None,
            popups: Vec::new(),
            status: None,
            last_event: None,
            last_quote: None,
            strip_hidden: false,
            drag: None,
            exported: None,
            filter_when_marked: false,
        }
    }
}

impl View {
    pub fn popup(&self) -> Option<&Popup> {
        self.popups.last()
    }
}
