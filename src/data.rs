//! The situation shown and what the filter keeps of it: the model, its
//! search index, what is derived from it once, the filter and its
//! selection. No view state: geometry, documents and drawing read this, and
//! the app's state owns one and changes it only through its methods.

use std::sync::Arc;

use crate::derived::{Derived, derive, in_quote_order};
use crate::figures::Staleness;
use crate::marks::Marks;
use crate::model::{ActorIx, EventIx, PlaceIx, Situation, Tense};
use crate::query::{Filter, Index, Selection, normalize_query, select};
use crate::strip::{Buckets, Strip};

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
    /// nothing is remembered, and while `marking`).
    pub marks: Marks,
    /// The marks are still being worked out: they come later, through
    /// [`Data::set_marks`], so that the first frame does not wait for them.
    marking: bool,
    /// The labels of the cards shown when the filter leaves out some key
    /// figures (else `derived.labels` serves): see [`Data::card_labels`].
    narrowed_labels: Vec<String>,
    /// The timeline lists the newest event first (`s`): `selection.events`
    /// is then in reverse date order.
    newest_first: bool,
    /// How the actors pane lists the actors (`s` there).
    actor_order: ActorOrder,
    /// The actors in that order (`derived.actor_order` for the tree).
    actors_listed: Vec<ActorIx>,
    /// Each actor's position in `actors_listed`.
    actor_ranks: Vec<usize>,
    /// Every event laid out on the time strip's scale, for counting the
    /// selection on it again after each change of the filter.
    strip_buckets: Buckets,
}

/// The orders the actors pane cycles through.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ActorOrder {
    /// Each actor followed by its members, in file order.
    #[default]
    Tree,
    /// Most events first (members' events counted), ties in tree order.
    ByEvents,
    /// By name, ignoring case and accents, ties in tree order.
    ByName,
}

impl ActorOrder {
    pub fn next(self) -> ActorOrder {
        match self {
            ActorOrder::Tree => ActorOrder::ByEvents,
            ActorOrder::ByEvents => ActorOrder::ByName,
            ActorOrder::ByName => ActorOrder::Tree,
        }
    }

    /// For the pane's title: "by events".
    pub fn words(self) -> &'static str {
        match self {
            ActorOrder::Tree => "tree",
            ActorOrder::ByEvents => "by events",
            ActorOrder::ByName => "by name",
        }
    }
}

impl Data {
    pub fn new(situation: Situation, filter: Filter, staleness: Staleness, marks: Marks) -> Data {
        Data::marked_by(situation, filter, staleness, move |_| marks)
    }

    /// [`Data::new`] with marks `marking` works out on the index's thread
    /// while this one builds the member index and others derive the rest:
    /// a reload's marks, which its view may filter on, are in the data it
    /// shows. The search text, which the screen does not wait for, is built
    /// after: until then the cores are the rest's. (A dashboard opening
    /// draws its first frame without marks: see [`Data::awaiting_marks`].)
    pub fn marked_by(
        situation: Situation,
        filter: Filter,
        staleness: Staleness,
        marking: impl FnOnce(&Situation) -> Marks + Send + 'static,
    ) -> Data {
        let situation = Arc::new(situation);
        let (send, marked) = std::sync::mpsc::sync_channel(1);
        let (derive_done, derive_ended) = std::sync::mpsc::sync_channel::<()>(1);
        let (mut index, derived) = std::thread::scope(|scope| {
            let deriving = std::thread::Builder::new().spawn_scoped(scope, || {
                let derived = derive(&situation, staleness);
                // Only fails if the index's thread is gone: nobody waits.
                let _ = derive_done.send(());
                derived
            });
            let index = Index::in_background_after(Arc::clone(&situation), {
                let situation = Arc::clone(&situation);
                move || {
                    // Only fails if this thread's receiver is gone: nobody waits.
                    let _ = send.send(marking(&situation));
                    // Ends once `derive` has, whether it sent or panicked.
                    let _ = derive_ended.recv();
                }
            });
            let derived = match deriving {
                Ok(thread) => thread
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
                // No thread to be had: derived here.
                Err(_) => derive(&situation, staleness),
            };
            (index, derived)
        });
        // The sender is dropped unsent only if `marking` panicked.
        let marks = marked
            .recv()
            .unwrap_or_else(|_| panic!("working out what is new and changed failed"));
        index.set_marked(marks.marked());
        let selection = in_quote_order(select(&situation, &index, &filter), &derived);
        let mut data = Data {
            situation,
            index,
            derived,
            filter,
            selection,
            marks,
            marking: false,
            narrowed_labels: Vec::new(),
            newest_first: false,
            actor_order: ActorOrder::Tree,
            actors_listed: Vec::new(),
            actor_ranks: Vec::new(),
            strip_buckets: Buckets::default(),
        };
        data.set_actor_order(ActorOrder::Tree);
        data.narrow_labels();
        data
    }

    /// [`Data::new`] with no marks yet: they are worked out elsewhere and
    /// arrive through [`Data::set_marks`]. Until then nothing is marked,
    /// and [`Data::marking`] says so.
    pub fn awaiting_marks(situation: Situation, filter: Filter, staleness: Staleness) -> Data {
        let mut data = Data::new(situation, filter, staleness, Marks::default());
        data.marking = true;
        data
    }

    /// The marks are still being worked out (see [`Data::awaiting_marks`]).
    pub fn marking(&self) -> bool {
        self.marking
    }

    /// The marks, once worked out: the rows, the filter on them and the
    /// list of what was removed read them from now on. The selection is
    /// the caller's to make again when the filter keeps only marked items.
    pub fn set_marks(&mut self, marks: Marks) {
        self.index.set_marked(marks.marked());
        self.marks = marks;
        self.marking = false;
    }

    /// Runs the filter again after it changed.
    pub fn refilter(&mut self) {
        self.selection = in_quote_order(
            select(&self.situation, &self.index, &self.filter),
            &self.derived,
        );
        if self.newest_first {
            self.selection.events.reverse();
        }
        self.narrow_labels();
    }

    /// The time strip of the selection over `span` (the date window, or
    /// every event's days) in `columns` columns.
    pub fn strip(&mut self, span: (chrono::NaiveDate, chrono::NaiveDate), columns: usize) -> Strip {
        crate::strip::compute_with(
            span,
            columns,
            self.situation.as_of,
            self.index.days(),
            &self.selection.events,
            Some(&mut self.strip_buckets),
        )
    }

    pub fn actor_order(&self) -> ActorOrder {
        self.actor_order
    }

    /// The actors as the actors pane lists them.
    pub fn actors_listed(&self) -> &[ActorIx] {
        &self.actors_listed
    }

    /// Lists the actors in another order.
    pub fn set_actor_order(&mut self, order: ActorOrder) {
        self.actor_order = order;
        let mut listed = self.derived.actor_order.clone();
        match order {
            ActorOrder::Tree => {}
            // Stable sorts: ties keep the tree order.
            ActorOrder::ByEvents => {
                listed.sort_by_key(|&a| std::cmp::Reverse(self.index.event_count(a)))
            }
            ActorOrder::ByName => {
                listed.sort_by_cached_key(|&a| normalize_query(&self.situation.actors[a].name))
            }
        }
        let mut ranks = vec![0; listed.len()];
        for (rank, &a) in listed.iter().enumerate() {
            ranks[a.get()] = rank;
        }
        self.actors_listed = listed;
        self.actor_ranks = ranks;
    }

    /// What orders an actor in the actors pane's list (its position there),
    /// for finding it with [`crate::app::relocate`].
    pub fn actor_rank(&self, a: ActorIx) -> usize {
        self.actor_ranks.get(a.get()).copied().unwrap_or(usize::MAX)
    }

    pub fn newest_first(&self) -> bool {
        self.newest_first
    }

    /// Lists the timeline newest first, or oldest first.
    pub fn set_newest_first(&mut self, newest_first: bool) {
        if self.newest_first != newest_first {
            self.newest_first = newest_first;
            self.selection.events.reverse();
        }
    }

    /// What orders an event in the timeline's list, for finding it there
    /// by binary search.
    pub fn event_rank(&self, e: EventIx) -> usize {
        if self.newest_first {
            usize::MAX - e.get()
        } else {
            e.get()
        }
    }

    /// The position of the latest event that is not upcoming (the one just
    /// before the "now" divider in date order), or the nearest there is.
    pub fn latest_past(&self) -> usize {
        let split = self.now_split();
        if self.newest_first {
            split.min(self.selection.events.len().saturating_sub(1))
        } else {
            split.saturating_sub(1)
        }
    }

    fn narrow_labels(&mut self) {
        let metrics = &self.selection.metrics;
        self.narrowed_labels = if metrics.len() == self.situation.metrics.len() {
            Vec::new()
        } else {
            metrics
                .iter()
                .map(|&m| self.derived.labels[m.get()].clone())
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

    /// Some place of the file has coordinates: there is a map to show.
    pub fn has_map(&self) -> bool {
        self.situation.places.iter().any(|p| p.point.is_some())
    }

    pub fn filter_active(&self) -> bool {
        !self.filter.actors.is_empty()
            || !self.filter.places.is_empty()
            || !self.filter.facets.is_empty()
            || !self.filter.search.trim().is_empty()
            || self.filter.from.is_some()
            || self.filter.to.is_some()
            || self.filter.marked
    }

    /// The search text as the filter compares it.
    pub fn needle(&self) -> String {
        normalize_query(&self.filter.search)
    }

    /// Where the "now" divider sits in the selection: after the events that
    /// are over (oldest first), or after those that are not (newest first).
    /// Timeline order puts past events first, so this is a binary search.
    pub fn now_split(&self) -> usize {
        self.split_at(Tense::Ongoing)
    }

    /// How many selected events are ongoing (their dates include `as_of`)
    /// and how many upcoming: what the "now" divider says lies beyond it.
    pub fn beyond_now(&self) -> (usize, usize) {
        let (now, upcoming) = (self.now_split(), self.split_at(Tense::Upcoming));
        if self.newest_first {
            (now - upcoming, upcoming)
        } else {
            (upcoming - now, self.selection.events.len() - upcoming)
        }
    }

    /// Where the selected events of tense `at` and later begin (oldest
    /// first), or where those before `at` begin (newest first).
    fn split_at(&self, at: Tense) -> usize {
        let as_of = self.situation.as_of;
        let tense = |&e: &EventIx| self.situation.events[e].tense(as_of);
        if self.newest_first {
            self.selection.events.partition_point(|e| tense(e) >= at)
        } else {
            self.selection.events.partition_point(|e| tense(e) < at)
        }
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
    /// Places a picker's query matches (name, alias or id), each right
    /// before the places inside it.
    pub fn picker_places(&self, query: &str) -> Vec<PlaceIx> {
        let hits = self.index.places_matching(query);
        (self.index.places_in_order().into_iter())
            .filter(|&p| hits.get(p.get()).copied().unwrap_or(false))
            .collect()
    }

    pub fn picker_matches(&self, query: &str) -> Vec<ActorIx> {
        let hits = self.index.actors_matching(query);
        self.derived
            .actor_order
            .iter()
            .copied()
            .filter(|&a| hits.get(a.get()).copied().unwrap_or(false))
            .collect()
    }
}
