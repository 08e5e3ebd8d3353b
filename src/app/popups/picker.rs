//! `a`: the actor picker. Typing narrows the list (name, alias or id);
//! Enter adds the highlighted actor to the filter or takes it out.

use ratatui::layout::{Position, Rect};

use crate::action::Action;
use crate::data::Data;
use crate::geometry::popup;
use crate::keymap::Mode;
use crate::model::ActorIx;
use crate::theme::Theme;

use super::{PopupModel, Reply};
use crate::app::cursor::{Cursor, Motion, relocate};

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PickerPopup {
    pub query: String,
    /// The actors the query matches, in tree order.
    pub matches: Vec<ActorIx>,
    pub cursor: Cursor,
    /// Rows of the list in view.
    page: usize,
}

impl PickerPopup {
    pub fn new(data: &Data) -> PickerPopup {
        PickerPopup {
            matches: data.picker_matches(""),
            ..PickerPopup::default()
        }
    }

    pub fn selected(&self) -> Option<ActorIx> {
        self.matches.get(self.cursor.selected).copied()
    }

    fn step(&mut self, motion: Motion) {
        let len = self.matches.len();
        self.cursor.step(motion, len, self.page.max(1));
        self.cursor.follow(len, self.page.max(1));
    }

    /// Where an actor is among the matches, which are in tree order.
    pub fn find(&self, actor: ActorIx, data: &Data) -> Option<usize> {
        let rank = &data.derived.actor_rank;
        relocate(&self.matches, actor, |a| rank[a.get()]).ok()
    }

    /// Narrows the list to a new query, keeping the highlighted actor when
    /// it still matches.
    pub fn set_query(&mut self, query: String, data: &Data) {
        let kept = self.selected();
        self.matches = data.picker_matches(&query);
        self.cursor.selected = kept.and_then(|a| self.find(a, data)).unwrap_or(0);
        self.cursor.offset = 0;
        self.query = query;
        self.step(Motion::By(0));
    }
}

impl PopupModel for PickerPopup {
    fn mode(&self) -> Mode {
        Mode::Picker
    }

    fn area(&self, space: Rect) -> Rect {
        popup::picker(space).outer
    }

    fn relayout(&mut self, _data: &Data, _theme: &Theme, space: Rect) {
        self.page = usize::from(popup::picker(space).list.height);
        self.step(Motion::By(0));
    }

    fn update(&mut self, action: Action, data: &Data, _space: Rect) -> Reply {
        let mut query = self.query.clone();
        match action {
            Action::Input(c) => query.push(c),
            Action::DeleteChar => {
                query.pop();
            }
            Action::ClearInput => query.clear(),
            Action::Up => self.step(Motion::By(-1)),
            Action::Down => self.step(Motion::By(1)),
            Action::PageUp => self.step(Motion::Page(-1)),
            Action::PageDown => self.step(Motion::Page(1)),
            Action::Toggle => {
                return self.selected().map_or(Reply::Done, Reply::ToggleActor);
            }
            Action::Back => return Reply::Close,
            _ => {}
        }
        if query != self.query {
            self.set_query(query, data);
        }
        Reply::Done
    }

    fn click(&mut self, at: Position, _data: &Data, space: Rect) -> Reply {
        let list = popup::picker(space).list;
        if list.contains(at) {
            let row = self.cursor.offset + usize::from(at.y - list.y);
            if row < self.matches.len() {
                let by = row as isize - self.cursor.selected as isize;
                self.step(Motion::By(by));
            }
        }
        Reply::Done
    }
}
