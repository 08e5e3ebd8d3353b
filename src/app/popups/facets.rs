//! `f`: the facet picker. A section per facet (categories, tags, actor
//! kinds, sources), each value with how many events it keeps; typing
//! narrows the list, Enter adds the highlighted value to the filter or
//! takes it out.
//!
//! A count is taken on what the rest of the filter keeps, the facet's own
//! choice left out (see [`crate::query::facet_counts`]): it says what
//! choosing that value would show. Counts are redone only when the filter
//! changed, not on every key.

use ratatui::layout::{Position, Rect};

use crate::action::Action;
use crate::data::Data;
use crate::geometry::popup;
use crate::keymap::Mode;
use crate::model::Situation;
use crate::query::{Facet, FacetGroup, Filter, facet_counts, normalize_query};
use crate::theme::Theme;

use super::list_picker::{Asked, Group, ListPicker, Row};
use super::{PopupModel, Reply};

/// A value and the events it keeps.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FacetValue {
    pub facet: Facet,
    pub events: usize,
}

/// One row of the list: a facet's heading or a value.
pub type FacetRow = Row<FacetValue>;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FacetPopup {
    /// A group per facet, under its title, of the values the query matches.
    pub list: ListPicker<FacetValue>,
    /// Every value of each facet with its count, in [`FacetGroup::ALL`]
    /// order, as counted for `counted_for`.
    counts: Vec<(FacetGroup, Vec<FacetValue>)>,
    /// The filter the counts were taken for; `None` to count again.
    counted_for: Option<Filter>,
}

impl FacetPopup {
    pub fn new(data: &Data) -> FacetPopup {
        let mut popup = FacetPopup::default();
        popup.recount(data);
        popup
    }

    /// The value under the cursor.
    pub fn selected(&self) -> Option<&Facet> {
        self.list.selected().map(|value| &value.facet)
    }

    /// Counts again when the data's filter changed, keeping the
    /// highlighted value.
    fn recount(&mut self, data: &Data) {
        if self.counted_for.as_ref() == Some(&data.filter) {
            return;
        }
        let s = &data.situation;
        self.counts = FacetGroup::ALL
            .into_iter()
            .map(|group| {
                let counted = facet_counts(s, &data.index, &data.filter, &data.selection, group);
                let values = counted
                    .into_iter()
                    .map(|(facet, events)| FacetValue { facet, events })
                    .collect();
                (group, values)
            })
            .collect();
        self.counted_for = Some(data.filter.clone());
        let kept = self.selected().cloned();
        self.rebuild(s, kept);
    }

    /// Forgets the counts, for a reload: the next layout counts on the new
    /// data. The highlighted value is found again by `keep`.
    pub fn reset(&mut self, keep: Option<Facet>, data: &Data) {
        self.counted_for = None;
        self.counts.clear();
        self.list.rows.clear();
        self.recount(data);
        let at = keep.and_then(|f| self.list.position(|value| value.facet == f));
        self.list.land_on(at);
    }

    /// Lists the values the query matches, keeping `keep` highlighted when
    /// it is one of them.
    fn rebuild(&mut self, s: &Situation, keep: Option<Facet>) {
        let needle = normalize_query(&self.list.query);
        let groups = self
            .counts
            .iter()
            .map(|(group, values)| Group {
                title: Some(group.title()),
                items: values
                    .iter()
                    .filter(|value| needle.is_empty() || matches(s, &value.facet, &needle))
                    .cloned()
                    .collect(),
                total: values.len(),
            })
            .collect();
        self.list
            .set_groups(groups, |value| Some(&value.facet) == keep.as_ref());
    }

    pub fn set_query(&mut self, query: String, data: &Data) {
        let kept = self.selected().cloned();
        self.list.set_query(query);
        self.rebuild(&data.situation, kept);
    }
}

/// Whether a value matches the (normalized) query: its name, and for a
/// source also its publisher and id.
fn matches(s: &Situation, facet: &Facet, needle: &str) -> bool {
    let hit = |text: &str| normalize_query(text).contains(needle);
    match facet {
        Facet::Source(src) => {
            let source = &s.sources[*src];
            hit(&source.title) || hit(&source.id) || source.publisher.as_deref().is_some_and(hit)
        }
        other => hit(other.name(s)),
    }
}

impl PopupModel for FacetPopup {
    fn mode(&self) -> Mode {
        Mode::Facets
    }

    fn area(&self, space: Rect) -> Rect {
        popup::facets(space).outer
    }

    fn relayout(&mut self, data: &Data, _theme: &Theme, space: Rect) {
        self.list
            .set_page(usize::from(popup::facets(space).list.height));
        self.recount(data);
        self.list.keep_in_view();
    }

    fn update(&mut self, action: Action, data: &Data, _space: Rect) -> Reply {
        match self.list.key(action) {
            Asked::Query(query) => self.set_query(query, data),
            Asked::Toggle => {
                return self
                    .selected()
                    .cloned()
                    .map_or(Reply::Done, Reply::ToggleFacet);
            }
            Asked::Close => return Reply::Close,
            Asked::Nothing => {}
        }
        Reply::Done
    }

    fn click(&mut self, at: Position, _data: &Data, space: Rect) -> Reply {
        self.list.click(at, popup::facets(space).list);
        Reply::Done
    }
}
