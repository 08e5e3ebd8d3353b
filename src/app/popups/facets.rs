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

use super::{PopupModel, Reply};
use crate::app::cursor::{Cursor, Motion};

/// One row of the list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FacetRow {
    /// A facet's title: how many of its values the query matches, of all.
    Heading {
        group: FacetGroup,
        shown: usize,
        total: usize,
    },
    /// A value and the events it keeps.
    Value { facet: Facet, events: usize },
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FacetPopup {
    pub query: String,
    /// Headings and the values the query matches, facet by facet. A
    /// heading is never selected.
    pub rows: Vec<FacetRow>,
    pub cursor: Cursor,
    /// Rows of the list in view.
    page: usize,
    /// Every value of each facet with its count, in [`FacetGroup::ALL`]
    /// order, as counted for `counted_for`.
    counts: Vec<(FacetGroup, Vec<(Facet, usize)>)>,
    /// The filter the counts were taken for; `None` to count again.
    counted_for: Option<Filter>,
}

impl FacetPopup {
    pub fn new(data: &Data) -> FacetPopup {
        let mut popup = FacetPopup::default();
        popup.recount(data);
        popup.step(Motion::Top);
        popup
    }

    /// The value under the cursor.
    pub fn selected(&self) -> Option<&Facet> {
        match self.rows.get(self.cursor.selected) {
            Some(FacetRow::Value { facet, .. }) => Some(facet),
            _ => None,
        }
    }

    /// Values the query matches, over every facet.
    pub fn matched(&self) -> usize {
        self.rows
            .iter()
            .filter(|r| matches!(r, FacetRow::Value { .. }))
            .count()
    }

    /// Values of every facet, matched or not.
    pub fn total(&self) -> usize {
        self.counts.iter().map(|(_, values)| values.len()).sum()
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
                (group, counted)
            })
            .collect();
        self.counted_for = Some(data.filter.clone());
        self.rebuild(s);
    }

    /// Forgets the counts, for a reload: the next layout counts on the new
    /// data. The highlighted value is found again by `keep`.
    pub fn reset(&mut self, keep: Option<Facet>, data: &Data) {
        self.counted_for = None;
        self.counts.clear();
        self.rows.clear();
        self.recount(data);
        self.land_on(keep);
    }

    /// Rebuilds the rows for the query, keeping the highlighted value when
    /// it still matches.
    fn rebuild(&mut self, s: &Situation) {
        let kept = self.selected().cloned();
        let needle = normalize_query(&self.query);
        self.rows.clear();
        for (group, values) in &self.counts {
            let matching: Vec<FacetRow> = values
                .iter()
                .filter(|(facet, _)| needle.is_empty() || matches(s, facet, &needle))
                .map(|(facet, events)| FacetRow::Value {
                    facet: facet.clone(),
                    events: *events,
                })
                .collect();
            if matching.is_empty() {
                continue;
            }
            self.rows.push(FacetRow::Heading {
                group: *group,
                shown: matching.len(),
                total: values.len(),
            });
            self.rows.extend(matching);
        }
        self.land_on(kept);
    }

    /// Puts the cursor on `facet` if listed, else on the first value.
    fn land_on(&mut self, facet: Option<Facet>) {
        let at = facet.and_then(|f| {
            self.rows
                .iter()
                .position(|r| matches!(r, FacetRow::Value { facet, .. } if *facet == f))
        });
        match at {
            Some(row) => {
                self.cursor.selected = row;
                self.step(Motion::By(0));
            }
            None => {
                self.cursor = Cursor::default();
                self.step(Motion::Top);
            }
        }
    }

    pub fn set_query(&mut self, query: String, data: &Data) {
        self.query = query;
        self.cursor.offset = 0;
        self.rebuild(&data.situation);
    }

    fn step(&mut self, motion: Motion) {
        let len = self.rows.len();
        let page = self.page.max(1);
        let before = self.cursor.selected;
        self.cursor.step(motion, len, page);
        let forward = match motion {
            Motion::By(d) | Motion::Page(d) => d >= 0 && self.cursor.selected >= before,
            Motion::Top => true,
            Motion::Bottom => false,
        };
        self.settle(forward);
        self.cursor.follow(len, page);
        // The heading of the first value in view stays in view with it.
        if self.cursor.offset > 0
            && self.cursor.offset == self.cursor.selected
            && self.is_heading(self.cursor.selected - 1)
        {
            self.cursor.offset -= 1;
        }
    }

    fn is_heading(&self, row: usize) -> bool {
        matches!(self.rows.get(row), Some(FacetRow::Heading { .. }))
    }

    /// Off a heading: on to the next value the way the cursor went, else
    /// back to the nearest one the other way.
    fn settle(&mut self, forward: bool) {
        let at = self.cursor.selected;
        if !self.is_heading(at) {
            return;
        }
        let value = |r: &usize| !self.is_heading(*r);
        let len = self.rows.len();
        let ahead = (at..len).find(value);
        let behind = (0..at).rev().find(value);
        self.cursor.selected = if forward {
            ahead.or(behind)
        } else {
            behind.or(ahead)
        }
        .unwrap_or(0);
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
        self.page = usize::from(popup::facets(space).list.height);
        self.recount(data);
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
                return self
                    .selected()
                    .cloned()
                    .map_or(Reply::Done, Reply::ToggleFacet);
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
        let list = popup::facets(space).list;
        if list.contains(at) {
            let row = self.cursor.offset + usize::from(at.y - list.y);
            if row < self.rows.len() && !self.is_heading(row) {
                self.cursor.selected = row;
                self.step(Motion::By(0));
            }
        }
        Reply::Done
    }
}
