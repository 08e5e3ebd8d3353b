//! `a`: the actor picker. Typing narrows the list (name, alias or id);
//! Enter adds the highlighted actor to the filter or takes it out.

use ratatui::layout::{Position, Rect};

use crate::action::Action;
use crate::data::Data;
use crate::geometry::popup;
use crate::keymap::Mode;
use crate::model::ActorIx;
use crate::theme::Theme;

use super::list_picker::{Asked, Group, ListPicker};
use super::{PopupModel, Reply};

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PickerPopup {
    /// The actors the query matches, in tree order, in one group without
    /// a heading.
    pub list: ListPicker<ActorIx>,
}

impl PickerPopup {
    pub fn new(data: &Data) -> PickerPopup {
        let mut picker = PickerPopup::default();
        picker.relist(data, None);
        picker
    }

    pub fn selected(&self) -> Option<ActorIx> {
        self.list.selected().copied()
    }

    /// The actors listed, in order.
    pub fn matches(&self) -> Vec<ActorIx> {
        self.list.items().copied().collect()
    }

    /// Narrows the list to a new query, keeping the highlighted actor when
    /// it still matches.
    pub fn set_query(&mut self, query: String, data: &Data) {
        let kept = self.selected();
        self.list.set_query(query);
        self.relist(data, kept);
    }

    fn relist(&mut self, data: &Data, keep: Option<ActorIx>) {
        let actors = Group {
            title: None,
            items: data.picker_matches(&self.list.query),
            total: data.situation.actors.len(),
        };
        self.list.set_groups(vec![actors], |&a| Some(a) == keep);
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
        self.list
            .set_page(usize::from(popup::picker(space).list.height));
        self.list.keep_in_view();
    }

    fn update(&mut self, action: Action, data: &Data, _space: Rect) -> Reply {
        match self.list.key(action) {
            Asked::Query(query) => self.set_query(query, data),
            Asked::Toggle => return self.selected().map_or(Reply::Done, Reply::ToggleActor),
            Asked::Close => return Reply::Close,
            Asked::Nothing => {}
        }
        Reply::Done
    }

    fn click(&mut self, at: Position, _data: &Data, space: Rect) -> Reply {
        self.list.click(at, popup::picker(space).list);
        Reply::Done
    }
}
