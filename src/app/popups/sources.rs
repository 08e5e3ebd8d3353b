//! `o` on an item with several sources that have a URL: a short list of
//! them (title, publisher) to choose from; Enter opens the highlighted one.
//! A reload lists the item's sources anew, or closes the list when the item
//! is gone (see `carry_over`).

use ratatui::layout::{Position, Rect};

use crate::action::Action;
use crate::app::cursor::{Cursor, Motion};
use crate::data::Data;
use crate::doc::detail::Target;
use crate::geometry::popup;
use crate::keymap::Mode;
use crate::model::SourceIx;
use crate::theme::Theme;

use super::{PopupModel, Reply};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourcesPopup {
    /// Whose sources these are.
    pub target: Target,
    /// Never empty.
    pub sources: Vec<SourceIx>,
    pub cursor: Cursor,
    /// Rows of the list in view.
    page: usize,
}

impl SourcesPopup {
    pub fn new(target: Target, sources: Vec<SourceIx>) -> SourcesPopup {
        SourcesPopup {
            target,
            sources,
            cursor: Cursor::default(),
            page: 1,
        }
    }

    pub fn selected(&self) -> Option<SourceIx> {
        self.sources.get(self.cursor.selected).copied()
    }

    /// Highlights `source` when it is in the list.
    pub fn select(&mut self, source: SourceIx) {
        if let Some(row) = self.sources.iter().position(|&s| s == source) {
            self.cursor.selected = row;
        }
    }

    fn step(&mut self, motion: Motion) {
        let len = self.sources.len();
        self.cursor.step(motion, len, self.page.max(1));
        self.cursor.follow(len, self.page.max(1));
    }
}

impl PopupModel for SourcesPopup {
    fn mode(&self) -> Mode {
        Mode::Sources
    }

    fn area(&self, space: Rect) -> Rect {
        popup::sources(space, self.sources.len()).outer
    }

    fn relayout(&mut self, _data: &Data, _theme: &Theme, space: Rect) {
        self.page = usize::from(popup::sources(space, self.sources.len()).list.height);
        self.step(Motion::By(0));
    }

    fn update(&mut self, action: Action, _data: &Data, _space: Rect) -> Reply {
        match action {
            Action::Up => self.step(Motion::By(-1)),
            Action::Down => self.step(Motion::By(1)),
            Action::Open => return self.selected().map_or(Reply::Done, Reply::OpenSource),
            Action::Back => return Reply::Close,
            _ => {}
        }
        Reply::Done
    }

    fn click(&mut self, at: Position, _data: &Data, space: Rect) -> Reply {
        let list = popup::sources(space, self.sources.len()).list;
        if list.contains(at) {
            let row = self.cursor.offset + usize::from(at.y - list.y);
            if row < self.sources.len() {
                // A click on the highlighted source opens it.
                if row == self.cursor.selected {
                    return Reply::OpenSource(self.sources[row]);
                }
                self.cursor.selected = row;
            }
        }
        Reply::Done
    }
}
