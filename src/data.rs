//! The situation shown and what the filter keeps of it: the model, its
//! search index, what is derived from it once, the filter and its
//! selection. No view state: geometry, documents and drawing read this, and
//! the app's state owns one and changes it only through its methods.

use std::sync::Arc;

use crate::derived::{Derived, derive, in_quote_order};
use crate::figures::Staleness;
use crate::marks::Marks;
use crate::model::{ActorIx, Situation};
use crate::query::{Filter, Index, Selection, normalize_query, select};

pub struct Data {
    /// Shared with the thread that builds the search index.
    pub situation: Arc<Situation>,
    pub index: Index,
    pub derived: Derived,
    pub filter: Filter,
    /// What `filter` keeps; recomputed whenever it changes. Events are in
    /// timeline order, quotes in `derived.quote_order`.
    pub selection: Selection,
    /// What is new and changed since the reader's last look (empty when
    /// nothing is remembered).
    pub marks: Marks,
    /// The labels of the cards shown when the filter leaves out some key
    /// figures (else `derived.labels` serves): see [`Data::card_labels`].
    narrowed_labels: Vec<String>,
}

impl Data {
    pub fn new(situation: Situation, filter: Filter, staleness: Staleness, marks: Marks) -> Data {
        let situation = Arc::new(situation);
        let mut index = Index::in_background(Arc::clone(&situation));
        index.set_marked(marks.marked());
        let derived = derive(&situation, staleness);
        let selection = in_quote_order(select(&situation, &index, &filter), &derived);
        let mut data = Data {
            situation,
            index,
            derived,
            filter,
            selection,
            marks,
            narrowed_labels: Vec::new(),
        };
        data.narrow_labels();
        data
    }

    /// Runs the filter again after it changed.
    pub fn refilter(&mut self) {
        self.selection = in_quote_order(
            select(&self.situation, &self.index, &self.filter),
            &self.derived,
        );
        self.narrow_labels();
    }

    fn narrow_labels(&mut self) {
        let metrics = &self.selection.metrics;
        self.narrowed_labels = if metrics.len() == self.situation.metrics.len() {
            Vec::new()
        } else {
            metrics
                .iter()
                .map(|&m| self.derived.labels[m].clone())
                .collect()
        };
    }

    /// The labels of the key-figure cards shown, one per card, in order.
    pub fn card_labels(&self) -> &[String] {
        if self.selection.metrics.len() == self.situation.metrics.len() {
            &self.derived.labels
        } else {
            &self.narrowed_labels
        }
    }

    pub fn filter_active(&self) -> bool {
        !self.filter.actors.is_empty()
            || !self.filter.places.is_empty()
            || !self.filter.search.trim().is_empty()
            || self.filter.from.is_some()
            || self.filter.to.is_some()
            || self.filter.marked
    }

    /// The search text as the filter compares it.
    pub fn needle(&self) -> String {
        normalize_query(&self.filter.search)
    }

    /// How many events of the selection are not upcoming: the "now"
    /// divider sits after them. Events are in date order, so this is a
    /// binary search.
    pub fn now_split(&self) -> usize {
        let as_of = self.situation.as_of;
        self.selection
            .events
            .partition_point(|&e| !self.situation.events[e].is_upcoming(as_of))
    }

    /// Rows of the timeline: every selected event and the "now" divider.
    pub fn timeline_rows(&self) -> usize {
        match self.selection.events.len() {
            0 => 0,
            n => n + 1,
        }
    }

    /// The row an event (by position in the selection) is drawn on.
    pub fn timeline_row_of(&self, position: usize) -> usize {
        position + usize::from(position >= self.now_split())
    }

    /// The event (position in the selection) on a timeline row; `None` for
    /// the divider and past the end.
    pub fn timeline_event_at(&self, row: usize) -> Option<usize> {
        let split = self.now_split();
        let position = match row.cmp(&split) {
            std::cmp::Ordering::Less => row,
            std::cmp::Ordering::Equal => return None,
            std::cmp::Ordering::Greater => row - 1,
        };
        (position < self.selection.events.len()).then_some(position)
    }

    /// Actors the picker lists for a query, in tree order.
    pub fn picker_matches(&self, query: &str) -> Vec<ActorIx> {
        let hits = self.index.actors_matching(query);
        self.derived
            .actor_order
            .iter()
            .copied()
            .filter(|&a| hits.get(a).copied().unwrap_or(false))
            .collect()
    }
}
