//! `a`: the actor picker. Typing narrows the list (name, alias or id);
//! Enter adds the highlighted actor to the filter or takes it out. A file
//! with places lists them too, under their own heading after the actors'.

use ratatui::layout::{Position, Rect};

use crate::action::Action;
use crate::data::Data;
use crate::geometry::popup;
use crate::keymap::Mode;
use crate::model::{ActorIx, PlaceIx};
use crate::theme::Theme;

use super::list_picker::{Asked, Group, ListPicker};
use super::{PopupModel, Reply};

/// One item of the actor picker.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pick {
    Actor(ActorIx),
    Place(PlaceIx),
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PickerPopup {
    /// The actors the query matches, in tree order, then the places, in
    /// theirs; a file with no places lists its actors without a heading.
    pub list: ListPicker<Pick>,
}

impl PickerPopup {
    pub fn new(data: &Data) -> PickerPopup {
        let mut picker = PickerPopup::default();
        picker.relist(data, None);
        picker
    }

    pub fn selected(&self) -> Option<Pick> {
        self.list.selected().copied()
    }

    /// The items listed, in order.
    pub fn matches(&self) -> Vec<Pick> {
        self.list.items().copied().collect()
    }

    /// Narrows the list to a new query, keeping the highlighted item when
    /// it still matches.
    pub fn set_query(&mut self, query: String, data: &Data) {
        let kept = self.selected();
        self.list.set_query(query);
        self.relist(data, kept);
    }

    fn relist(&mut self, data: &Data, keep: Option<Pick>) {
        let s = &data.situation;
        let places = !s.places.is_empty();
        let actors = Group {
            title: places.then_some("Actors"),
            items: (data.picker_matches(&self.list.query).into_iter())
                .map(Pick::Actor)
                .collect(),
            total: s.actors.len(),
        };
        let mut groups = vec![actors];
        if places {
            groups.push(Group {
                title: Some("Places"),
                items: (data.picker_places(&self.list.query).into_iter())
                    .map(Pick::Place)
                    .collect(),
                total: s.places.len(),
            });
        }
        self.list.set_groups(groups, |&p| Some(p) == keep);
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
            Asked::Toggle => {
                return match self.selected() {
                    Some(Pick::Actor(a)) => Reply::ToggleActor(a),
                    Some(Pick::Place(p)) => Reply::TogglePlace(p),
                    None => Reply::Done,
                };
            }
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
