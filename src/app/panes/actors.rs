//! The actors pane's component: a cursor over every actor in the order
//! chosen with `s` (positions in `Data::actors_listed`); the filter marks,
//! never narrows.

use ratatui::layout::Position;

use crate::action::Pane;
use crate::data::Data;
use crate::doc::detail::Target;
use crate::geometry::Screen;

use super::{Cursor, Motion, PaneModel, page_of};

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ActorsPane {
    pub cursor: Cursor,
}

impl PaneModel for ActorsPane {
    fn cursor(&self) -> Cursor {
        self.cursor
    }

    fn cursor_mut(&mut self) -> &mut Cursor {
        &mut self.cursor
    }

    fn len(&self, data: &Data) -> usize {
        data.actors_listed().len()
    }

    fn step(&mut self, motion: Motion, data: &Data, screen: &Screen) {
        let page = page_of(screen.list(Pane::Actors).height);
        self.cursor.step(motion, self.len(data), page);
        self.follow(data, screen);
    }

    fn follow(&mut self, data: &Data, screen: &Screen) {
        let height = usize::from(screen.list(Pane::Actors).height);
        self.cursor.follow(self.len(data), height);
    }

    fn item_at(&self, data: &Data, screen: &Screen, at: Position) -> Option<usize> {
        let list = screen.list(Pane::Actors);
        if !list.contains(at) {
            return None;
        }
        Some(self.cursor.offset + usize::from(at.y - list.y)).filter(|&i| i < self.len(data))
    }

    fn target(&self, data: &Data) -> Option<Target> {
        data.actors_listed()
            .get(self.cursor.selected)
            .map(|&a| Target::Actor(a))
    }

    fn matches(&self, data: &Data, item: usize, _needle: &str) -> bool {
        data.selection
            .actors_matching_search
            .get(data.actors_listed()[item].get())
            .copied()
            .unwrap_or(false)
    }
}
