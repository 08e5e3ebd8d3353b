//! The panes as components. Each pane owns its cursor and knows its list's
//! length, how it moves, what is under a cell and what Enter opens; the
//! state hands it the data and the screen's geometry. Drawing lives apart,
//! in `ui/<pane>.rs`, and reads the same component.
//!
//! A new pane is a file here implementing [`PaneModel`], a field of
//! [`Panes`] with its line in `get`/`get_mut`, a variant of `action::Pane`,
//! a slot in `geometry::Screen::new` and its `ui` file.

mod actors;
mod figures;
mod map;
mod quotes;
mod timeline;

pub use actors::ActorsPane;
pub use figures::FiguresPane;
pub use map::{MapPane, ZOOM_STEP};
pub use quotes::QuotesPane;
pub use timeline::TimelinePane;

use ratatui::layout::Position;

use crate::action::Pane;
use crate::data::Data;
use crate::doc::detail::Target;
use crate::geometry::Screen;

use super::cursor::{Cursor, Motion};

/// What every pane does with its cursor.
pub trait PaneModel {
    fn cursor(&self) -> Cursor;
    fn cursor_mut(&mut self) -> &mut Cursor;
    /// Items in the pane's list.
    fn len(&self, data: &Data) -> usize;
    /// Moves the cursor; pages are what the screen shows of the pane.
    fn step(&mut self, motion: Motion, data: &Data, screen: &Screen);
    /// Up and down by rows of the pane (a row of cards, for figures).
    fn vertical(&mut self, rows: isize, data: &Data, screen: &Screen) {
        self.step(Motion::By(rows), data, screen);
    }
    /// Scrolls so the cursor is in view.
    fn follow(&mut self, data: &Data, screen: &Screen);
    /// The item drawn at a cell of the screen.
    fn item_at(&self, data: &Data, screen: &Screen, at: Position) -> Option<usize>;
    /// What Enter opens: the item under the cursor.
    fn target(&self, data: &Data) -> Option<Target>;
    /// Whether an item matches the search (`needle`, normalized); lists the
    /// search narrows match throughout.
    fn matches(&self, _data: &Data, _item: usize, _needle: &str) -> bool {
        true
    }
}

/// Every pane's component, in focus order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Panes {
    pub figures: FiguresPane,
    pub timeline: TimelinePane,
    pub actors: ActorsPane,
    pub quotes: QuotesPane,
    pub map: MapPane,
}

impl Panes {
    pub fn get(&self, pane: Pane) -> &dyn PaneModel {
        match pane {
            Pane::Figures => &self.figures,
            Pane::Timeline => &self.timeline,
            Pane::Actors => &self.actors,
            Pane::Quotes => &self.quotes,
            Pane::Map => &self.map,
        }
    }

    pub fn get_mut(&mut self, pane: Pane) -> &mut dyn PaneModel {
        match pane {
            Pane::Figures => &mut self.figures,
            Pane::Timeline => &mut self.timeline,
            Pane::Actors => &mut self.actors,
            Pane::Quotes => &mut self.quotes,
            Pane::Map => &mut self.map,
        }
    }
}

/// Rows a page moves in a pane whose list is `height` rows.
fn page_of(height: u16) -> usize {
    usize::from(height).max(1)
}
