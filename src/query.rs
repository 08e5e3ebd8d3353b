//! The one filter: chosen actors (with their members), chosen places (with
//! what lies in them), facets (categories, tags, actor kinds, sources; see
//! [`crate::facets`]), search text, a date window, and only what is new or
//! changed since the reader's last look. The dashboard and `summary` both
//! select through [`select`], so the same question always gets the same
//! answer.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::thread::{self, JoinHandle};

use chrono::NaiveDate;
use memchr::memmem;

use crate::day_index::DayIndex;
pub use crate::facets::{Facet, FacetGroup, Facets};
use crate::grams::{Grams, Lookup};
use crate::members::Members;
use crate::model::{ActorIx, ActorKind, EventIx, ListIndex, MetricIx, PlaceIx, QuoteIx, Situation};
use crate::tree_ranges::TreeRanges;

/// What the user asked to see. The parts combine: an item must match all.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    /// Keep items involving any of these actors or any actor part of them.
    pub actors: Vec<ActorIx>,
    /// Keep items at any of these places or any place part of them.
    pub places: Vec<PlaceIx>,
    /// Case-insensitive substring; empty matches everything.
    pub search: String,
    /// Keep items whose date span overlaps `from..=to` (either end open).
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// Categories, tags, actor kinds and sources chosen.
    pub facets: Facets,
    /// Keep only items new or changed since the last look (the index's
    /// [`Marked`]); with nothing marked, nothing is kept.
    pub marked: bool,
}

impl Filter {
    pub fn is_empty(&self) -> bool {
        self.actors.is_empty()
            && self.places.is_empty()
            && self.facets.is_empty()
            && self.search.is_empty()
            && self.from.is_none()
            && self.to.is_none()
            && !self.marked
    }

    /// Adds the place to the filter, or removes it if already there.
    pub fn toggle_place(&mut self, place: PlaceIx) {
        match self.places.iter().position(|&p| p == place) {
            Some(i) => {
                self.places.remove(i);
            }
            None => self.places.push(place),
        }
    }

    /// Adds the actor to the filter, or removes it if already there.
    pub fn toggle_actor(&mut self, actor: ActorIx) {
        match self.actors.iter().position(|&a| a == actor) {
            Some(i) => {
                self.actors.remove(i);
            }
            None => self.actors.push(actor),
        }
    }

    /// Whether the filter says which figures to keep (the rest stay on
    /// screen, not highlighted): by actor, actor kind or source.
    pub fn narrows_figures(&self) -> bool {
        !self.actors.is_empty() || self.facets.narrows_figures()
    }
}

/// Which items are new or changed since the reader's last look, per list
/// (indices into the situation's lists): what [`Filter::marked`] keeps.
/// A list shorter than the situation's marks nothing past its end.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Marked {
    pub events: Vec<bool>,
    pub quotes: Vec<bool>,
    pub metrics: Vec<bool>,
}

fn is_marked(list: &[bool], item: usize) -> bool {
    list.get(item).copied().unwrap_or(false)
}

/// What a filter keeps, as indices into the situation's lists (in their order).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Selection {
    pub events: Vec<EventIx>,
    /// In date order: see [`quotes_by_date`].
    pub quotes: Vec<QuoteIx>,
    /// Quotes without a date that a date window left out (and that the
    /// rest of the filter would keep): a window cannot place them.
    pub undated_quotes_left_out: usize,
    /// The key figures shown, in file order: all of them, or only the
    /// marked ones under [`Filter::marked`].
    pub metrics: Vec<MetricIx>,
    /// Metrics the filter keeps by actor, actor kind or source (all shown
    /// stay visible; these stand out). Empty when the filter does not
    /// narrow figures ([`Filter::narrows_figures`]).
    pub highlighted_metrics: Vec<MetricIx>,
    /// Actors in scope of the actor filter: the chosen ones and their members.
    pub actors_in_scope: Vec<bool>,
    /// Actors whose name, alias or id matches the search text.
    pub actors_matching_search: Vec<bool>,
    /// Places in scope of the place filter: the chosen ones and what lies
    /// in them (all of them when no place is chosen).
    pub places_in_scope: Vec<bool>,
    /// While the search text is still being built: how many events (the
    /// first in timeline order) the search could look at. `None` once it
    /// looked at all of them, or when nothing is searched.
    pub searched_events: Option<usize>,
}

/// Search text of many records, lower-cased once and searched in one pass.
#[derive(Clone, Debug, Default)]
struct TextIndex {
    /// Records joined by NUL, which a typed query never holds, so a match
    /// never spans two records.
    text: String,
    /// Byte offset where each record starts.
    starts: Vec<usize>,
    /// Which records hold each byte and pair of bytes, once built (for the
    /// parts of a large file's event text): a search then reads only the
    /// records that may hold it.
    grams: OnceLock<Grams>,
}

impl TextIndex {
    fn build<'a, I, P>(records: I) -> TextIndex
    where
        I: IntoIterator<Item = P>,
        P: IntoIterator<Item = &'a str>,
    {
        let mut index = TextIndex::default();
        for parts in records {
            index.starts.push(index.text.len());
            for part in parts {
                push_lowercase(&mut index.text, part);
                index.text.push('\n');
            }
            index.text.push('\0');
        }
        index
    }

    /// Every record that contains `needle` (already lower-cased), in order.
    fn matching(&self, needle: &str) -> Vec<bool> {
        let mut hits = vec![needle.is_empty(); self.starts.len()];
        for record in self.records_matching(needle) {
            hits[record as usize] = true;
        }
        hits
    }

    /// The records that contain `needle` (already lower-cased, not empty),
    /// in order: one pass of a substring search over all the text.
    fn records_matching(&self, needle: &str) -> Vec<u32> {
        let mut records = Vec::new();
        if !needle.is_empty() {
            self.scan(&memmem::Finder::new(needle.as_bytes()), 0, &mut records);
        }
        records
    }

    /// Adds to `out` the records holding `needle` (what `finder` looks
    /// for), each numbered `first` more than its place here, in order:
    /// from the grams when they are built, else by reading all the text.
    fn find(&self, needle: &str, finder: &memmem::Finder, first: u32, out: &mut Vec<u32>) {
        match self.grams.get().and_then(|g| g.lookup(needle.as_bytes())) {
            None => self.scan(finder, first, out),
            Some(Lookup::Exact(bits)) => out.extend(bits.ones().map(|r| first + r as u32)),
            Some(Lookup::Maybe(bits)) => out.extend(
                bits.ones()
                    .filter(|&r| self.contains(finder, r))
                    .map(|r| first + r as u32),
            ),
        }
    }

    /// Those of `candidates` (numbered `first` more than their place here,
    /// in order, all in this text) that hold `needle`: the grams leave out
    /// most without reading them when they are built.
    fn find_within(
        &self,
        needle: &str,
        finder: &memmem::Finder,
        first: u32,
        candidates: &[u32],
        out: &mut Vec<u32>,
    ) {
        let local = |r: u32| (r - first) as usize;
        match self.grams.get().and_then(|g| g.lookup(needle.as_bytes())) {
            None => out
                .extend((candidates.iter().copied()).filter(|&r| self.contains(finder, local(r)))),
            Some(Lookup::Exact(bits)) => {
                out.extend((candidates.iter().copied()).filter(|&r| bits.has(local(r))))
            }
            Some(Lookup::Maybe(bits)) => out.extend(
                (candidates.iter().copied())
                    .filter(|&r| bits.has(local(r)) && self.contains(finder, local(r))),
            ),
        }
    }

    /// Builds the grams of this text (see [`Grams`]), unless built.
    fn build_grams(&self) {
        self.grams
            .get_or_init(|| Grams::new(self.text.as_bytes(), &self.starts));
    }

    /// Adds to `out` the records holding what `finder` looks for, each
    /// numbered `first` more than its place here, in order.
    fn scan(&self, finder: &memmem::Finder, first: u32, out: &mut Vec<u32>) {
        let haystack = self.text.as_bytes();
        let (mut from, mut record) = (0, 0);
        while let Some(found) = finder.find(&haystack[from..]) {
            let at = from + found;
            // Hits only move forward: the record holding this one is the
            // one the search went on in, or one after it (the next few
            // looked at one by one, as a common word hits nearly every
            // record; a rare one skips many, found by binary search).
            let mut steps = 0;
            while self.starts.get(record + 1).is_some_and(|&s| s <= at) && steps < 8 {
                record += 1;
                steps += 1;
            }
            if steps == 8 {
                record += self.starts[record..].partition_point(|&s| s <= at) - 1;
            }
            out.push(first + record as u32);
            // One hit is enough for a record: continue at the next one.
            record += 1;
            match self.starts.get(record) {
                Some(&next) => from = next,
                None => break,
            }
        }
    }

    /// Those of `candidates` (in order) that contain `needle`: what a
    /// search that grew from a shorter one needs to look at.
    fn records_matching_within(&self, needle: &str, candidates: &[u32]) -> Vec<u32> {
        let finder = memmem::Finder::new(needle.as_bytes());
        candidates
            .iter()
            .copied()
            .filter(|&r| self.contains(&finder, r as usize))
            .collect()
    }

    /// Whether record `record` holds what `finder` looks for.
    fn contains(&self, finder: &memmem::Finder, record: usize) -> bool {
        let haystack = self.text.as_bytes();
        let Some(&start) = self.starts.get(record) else {
            return false;
        };
        let end = self.starts.get(record + 1).map_or(haystack.len(), |&e| e);
        finder.find(&haystack[start..end]).is_some()
    }
}

/// The search text of the events, in parts of `part` consecutive events
/// each (the last may hold fewer): built part by part in the background
/// for a large file, so that a search can look at the parts already there.
#[derive(Clone, Debug)]
struct PartedText {
    part: usize,
    parts: Vec<Arc<TextIndex>>,
}

impl PartedText {
    /// How many events the parts cover.
    fn len(&self) -> usize {
        self.parts.iter().map(|p| p.starts.len()).sum()
    }

    /// Whether every part has its grams: a search then reads only what
    /// they leave.
    fn has_grams(&self) -> bool {
        self.parts.iter().all(|p| p.grams.get().is_some())
    }

    /// Runs `search` over the parts, `search(parts, first_part)` adding the
    /// records it finds in order, in two halves at once (one on each of two
    /// cores) when `two` says the work is worth a thread.
    fn in_halves<F>(&self, two: bool, search: F) -> Vec<u32>
    where
        F: Fn(&[Arc<TextIndex>], usize) -> Vec<u32> + Sync,
    {
        if !two || self.parts.len() < 2 {
            return search(&self.parts, 0);
        }
        let half = self.parts.len() / 2;
        let (early, late) = self.parts.split_at(half);
        thread::scope(|scope| {
            let later = thread::Builder::new()
                .name("search".into())
                .spawn_scoped(scope, || search(late, half));
            let mut records = search(early, 0);
            match later.map(|thread| thread.join()) {
                Ok(Ok(rest)) => records.extend(rest),
                Ok(Err(panic)) => std::panic::resume_unwind(panic),
                // No thread to be had: the second half here too.
                Err(_) => records.extend(search(late, half)),
            }
            records
        })
    }

    /// As [`TextIndex::records_matching`], over every part; a large text
    /// is searched in two halves at once, one on each of two cores.
    fn records_matching(&self, needle: &str) -> Vec<u32> {
        if needle.is_empty() {
            return Vec::new();
        }
        let finder = memmem::Finder::new(needle.as_bytes());
        let bytes: usize = self.parts.iter().map(|p| p.text.len()).sum();
        self.in_halves(bytes >= SCAN_IN_TWO_FROM, |parts, first_part| {
            let mut records = Vec::new();
            for (k, part) in parts.iter().enumerate() {
                let first = ((first_part + k) * self.part) as u32;
                part.find(needle, &finder, first, &mut records);
            }
            records
        })
    }

    /// As [`TextIndex::records_matching_within`], over every part. When
    /// the candidates are many and the parts have no grams, searching
    /// everything again is quicker than looking at them one by one, and
    /// finds the same: `needle` holds the search that found them, so
    /// whatever holds `needle` is among them.
    fn records_matching_within(&self, needle: &str, candidates: &[u32]) -> Vec<u32> {
        if candidates.len() > self.len() / DENSE && !self.has_grams() {
            return self.records_matching(needle);
        }
        let finder = memmem::Finder::new(needle.as_bytes());
        self.in_halves(candidates.len() >= READ_IN_TWO_FROM, |parts, first_part| {
            let mut records = Vec::new();
            let from = candidates.partition_point(|&r| (r as usize) < first_part * self.part);
            let mut rest = &candidates[from..];
            for (k, part) in parts.iter().enumerate() {
                let first = ((first_part + k) * self.part) as u32;
                let end = first as usize + self.part;
                let within = rest.partition_point(|&r| (r as usize) < end);
                part.find_within(needle, &finder, first, &rest[..within], &mut records);
                rest = &rest[within..];
            }
            records
        })
    }
}

/// Candidates of a search that grew are read on two cores from this many.
const READ_IN_TWO_FROM: usize = if cfg!(test) { 64 } else { 1 << 15 };

/// Text of this many bytes or more is searched on two cores: below it, a
/// thread costs more than it saves. (Tests search small texts in two, so
/// that both ways are tried.)
const SCAN_IN_TWO_FROM: usize = if cfg!(test) { 1 << 12 } else { 4 << 20 };

/// Candidates for a longer search are many when more than one record in
/// this many is one.
const DENSE: usize = 8;

/// Records of events and quotes that one search text matches.
#[derive(Debug)]
struct Hits {
    query: String,
    events: Arc<Vec<u32>>,
    quotes: Arc<Vec<u32>>,
}

/// The last few searches and what they found: typing a letter looks only
/// at what the search before it matched, and deleting one, or typing again
/// what was just deleted, finds its answer here.
#[derive(Debug, Default)]
struct RecentSearches(Vec<Hits>);

impl RecentSearches {
    /// Enough for the searches a person types and takes back in one go.
    const KEPT: usize = 16;

    /// The most hits kept in all, so that a million events' near-total
    /// matches are kept a few times, not sixteen.
    const HITS_KEPT: usize = 1 << 23;

    /// Events and quotes matching `query` (normalized, not empty).
    fn hits(&mut self, text: &SearchText, query: &str) -> (Arc<Vec<u32>>, Arc<Vec<u32>>) {
        if let Some(at) = self.0.iter().position(|h| h.query == query) {
            // The most recent last.
            let same = self.0.remove(at);
            let answer = (Arc::clone(&same.events), Arc::clone(&same.quotes));
            self.0.push(same);
            return answer;
        }
        // A record matching `query` matches every part of it: a kept search
        // that `query` contains holds all of `query`'s hits, the longest
        // the fewest.
        let shorter = (self.0.iter())
            .filter(|h| query.contains(h.query.as_str()))
            .max_by_key(|h| h.query.len());
        let (events, quotes) = match shorter {
            Some(shorter) => (
                text.events.records_matching_within(query, &shorter.events),
                text.quotes.records_matching_within(query, &shorter.quotes),
            ),
            None => (
                text.events.records_matching(query),
                text.quotes.records_matching(query),
            ),
        };
        let hits = Hits {
            query: query.to_string(),
            events: Arc::new(events),
            quotes: Arc::new(quotes),
        };
        let answer = (Arc::clone(&hits.events), Arc::clone(&hits.quotes));
        self.0.push(hits);
        let size = |h: &Hits| h.events.len() + h.quotes.len();
        while self.0.len() > Self::KEPT
            || (self.0.len() > 1 && self.0.iter().map(size).sum::<usize>() > Self::HITS_KEPT)
        {
            self.0.remove(0);
        }
        answer
    }
}

fn push_lowercase(out: &mut String, text: &str) {
    if text.is_ascii() {
        let start = out.len();
        out.push_str(text);
        out[start..].make_ascii_lowercase();
        return;
    }
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            out.extend(fold(c));
        }
    }
}

/// One character as search compares it: lower-cased, accents dropped
/// ("é" finds "e"), and typographic apostrophes and quote marks made plain,
/// so a name pasted from an article ("O’Neill") finds the file's "O'Neill".
pub fn fold(c: char) -> impl Iterator<Item = char> {
    let plain = match c {
        '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' | '\u{2032}' | '\u{02bc}' => '\'',
        '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '\u{2033}' | '\u{00ab}'
        | '\u{00bb}' => '"',
        _ => c,
    };
    plain.to_lowercase().flat_map(|l| {
        let mut decomposed = [None; 4];
        let mut n = 0;
        // Canonical decomposition splits "é" into "e" and a combining
        // accent; only the base letters are kept.
        unicode_normalization::char::decompose_canonical(l, |d| {
            if !unicode_normalization::char::is_combining_mark(d) && n < decomposed.len() {
                decomposed[n] = Some(d);
                n += 1;
            }
        });
        decomposed.into_iter().flatten()
    })
}

/// Folds a query the way the index was folded (see [`fold`]).
pub fn normalize_query(query: &str) -> String {
    let mut out = String::with_capacity(query.len());
    push_lowercase(&mut out, query.trim());
    out
}

/// Everything [`select`] needs that does not change with the filter, built
/// once per loaded situation, by [`Index::new`] or [`Index::in_background`].
#[derive(Debug)]
pub struct Index {
    /// Who is part of whom, and each actor's events.
    members: Members,
    /// Quotes in date order (see [`quotes_by_date`]), and each quote's
    /// place in it.
    quote_order: Vec<QuoteIx>,
    quote_rank: Vec<usize>,
    actors: TextIndex,
    /// Places laid out so that what lies in a place is one range.
    places: TreeRanges,
    /// For each place: events at it or at a place inside it.
    place_event_counts: Vec<usize>,
    /// Names, aliases and ids of places.
    place_words: TextIndex,
    /// The search text of events and quotes, once it is whole: the bulk of
    /// the index, and needed only once someone searches.
    search: OnceLock<SearchText>,
    /// The search text as far as it is built, for an index made in the
    /// background (until `search` is set from it).
    building: Option<Arc<Building>>,
    /// The thread building it.
    worker: Mutex<Option<JoinHandle<()>>>,
    recent: Mutex<RecentSearches>,
    /// What is new or changed since the last look (nothing until
    /// [`Index::set_marked`]).
    marked: Marked,
    /// The events' days, for the date window and the time strip.
    days: DayIndex,
}

impl Drop for Index {
    /// Stops a search text still being built, and waits for its thread,
    /// so no thread outlives the index it was building for.
    fn drop(&mut self) {
        if let Some(building) = &self.building {
            building.stop.store(true, Ordering::Relaxed);
        }
        let worker = self.worker.get_mut().unwrap_or_else(|e| e.into_inner());
        if let Some(handle) = worker.take() {
            let _ = handle.join();
        }
    }
}

/// Events in each part of the search text: a part takes a few milliseconds
/// to build, so the first is there almost at once.
const SEARCH_PART: usize = 1 << 14;

/// Situations with fewer events build their search text before the first
/// frame (a few tens of milliseconds at most): only a larger one shows
/// first and searches what is built so far.
const BACKGROUND_FROM: usize = 50_000;

#[derive(Clone, Debug)]
struct SearchText {
    events: PartedText,
    quotes: Arc<TextIndex>,
}

/// A search text being built on another thread, as far as it has got.
#[derive(Debug)]
struct Building {
    part: usize,
    quotes: OnceLock<Arc<TextIndex>>,
    events: Mutex<Vec<Arc<TextIndex>>>,
    /// Every part is in.
    done: AtomicBool,
    /// The index is gone: stop building.
    stop: AtomicBool,
    /// Once every part is in, build each part's grams (see [`Grams`]).
    grams: bool,
}

impl Building {
    fn new(part: usize) -> Building {
        Building {
            part: part.clamp(1, crate::grams::BLOCK_MAX),
            quotes: OnceLock::new(),
            events: Mutex::new(Vec::new()),
            done: AtomicBool::new(false),
            stop: AtomicBool::new(false),
            grams: false,
        }
    }

    /// A search text whose parts get their grams once all are in: for the
    /// dashboard, which searches many times as a person types. (A
    /// briefing searches once: reading the text once is quicker than
    /// building its grams.)
    fn with_grams(part: usize) -> Building {
        Building {
            grams: true,
            ..Building::new(part)
        }
    }

    /// Builds the quotes' text, then the events' part by part, each made
    /// searchable as soon as it is built, then the parts' grams.
    fn build(&self, s: &Situation) {
        let _ = self.quotes.set(Arc::new(quotes_text(s)));
        for events in s.events.chunks(self.part) {
            if self.stop.load(Ordering::Relaxed) {
                return;
            }
            let part = Arc::new(events_text(s, events));
            self.events
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push(part);
        }
        self.done.store(true, Ordering::Release);
        if !self.grams {
            return;
        }
        // The parts are shared with every search text made of them, so
        // each search uses a part's grams from when they are built.
        let parts = self
            .events
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone();
        for part in parts {
            if self.stop.load(Ordering::Relaxed) {
                return;
            }
            part.build_grams();
        }
    }

    /// What is built so far, and whether that is all of it.
    fn snapshot(&self) -> (SearchText, bool) {
        let done = self.done.load(Ordering::Acquire);
        let parts = self
            .events
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone();
        let text = SearchText {
            events: PartedText {
                part: self.part,
                parts,
            },
            quotes: self.quotes.get().cloned().unwrap_or_default(),
        };
        (text, done)
    }
}

/// Runs the job in `slot` unless it has run already.
fn run_once(slot: &Mutex<Option<impl FnOnce()>>) {
    let job = slot.lock().unwrap_or_else(|e| e.into_inner()).take();
    if let Some(job) = job {
        job();
    }
}

/// The search text as far as it is built (see [`Index::search_text`]).
enum SearchNow<'a> {
    Whole(&'a SearchText),
    Partial(SearchText),
}

fn events_text(s: &Situation, events: &[crate::model::Event]) -> TextIndex {
    TextIndex::build(events.iter().map(|e| {
        [
            Some(e.title.as_str()),
            e.summary.as_deref(),
            e.location.as_deref(),
            e.category.as_deref(),
        ]
        .into_iter()
        .flatten()
        .chain(e.place.into_iter().flat_map(|p| place_words(s, p)))
        .chain(e.tags.iter().map(String::as_str))
        .chain(e.actors.iter().flat_map(|&a| actor_words(s, a)))
    }))
}

fn quotes_text(s: &Situation) -> TextIndex {
    TextIndex::build(s.quotes.iter().map(|q| {
        [Some(q.text.as_str()), q.context.as_deref()]
            .into_iter()
            .flatten()
            .chain(actor_words(s, q.speaker))
            .chain(q.place.into_iter().flat_map(|p| place_words(s, p)))
    }))
}

/// An actor's name and aliases: what search matches it by.
fn actor_words(s: &Situation, a: ActorIx) -> impl Iterator<Item = &str> {
    let actor = &s.actors[a];
    std::iter::once(&*actor.name).chain(actor.aliases.iter().map(|alias| &**alias))
}

/// A place's name and aliases: what search matches it by.
fn place_words(s: &Situation, p: PlaceIx) -> impl Iterator<Item = &str> {
    let place = &s.places[p];
    std::iter::once(place.name.as_str()).chain(place.aliases.iter().map(String::as_str))
}

impl Index {
    /// Builds the whole index now.
    pub fn new(s: &Situation) -> Index {
        let index = Index::members(s);
        let building = Building::new(SEARCH_PART);
        building.build(s);
        // A new OnceLock is empty, so this always sets it.
        let _ = index.search.set(building.snapshot().0);
        index
    }

    /// Builds what the first screen needs now and, for a large file, the
    /// search text on another thread, so that the file shows sooner. A
    /// search meanwhile looks at what is built so far (see
    /// [`Selection::searched_events`]); it never waits for the rest.
    pub fn in_background(s: Arc<Situation>) -> Index {
        Index::in_background_after(s, || {})
    }

    /// [`Index::in_background`], running `first` on the index's thread
    /// before the search text: work the first frame waits for (while this
    /// thread derives the rest) then has that core before work it does not
    /// wait for. A small file's index is built here, after `first`.
    pub fn in_background_after(s: Arc<Situation>, first: impl FnOnce() + Send + 'static) -> Index {
        if s.events.len() < BACKGROUND_FROM {
            first();
            return Index::new(&s);
        }
        Index::in_parts(s, SEARCH_PART, first)
    }

    /// [`Index::in_background_after`] whatever the size, in parts of `part`
    /// events.
    fn in_parts(s: Arc<Situation>, part: usize, first: impl FnOnce() + Send + 'static) -> Index {
        let mut index = Index::members(&s);
        let building = Arc::new(Building::with_grams(part));
        // Given back if no thread can be had, to be run here.
        let first = Arc::new(Mutex::new(Some(first)));
        let worker = thread::Builder::new().name("search-index".into()).spawn({
            let (building, s, first) = (Arc::clone(&building), Arc::clone(&s), Arc::clone(&first));
            move || {
                run_once(&first);
                building.build(&s)
            }
        });
        match worker {
            Ok(handle) => *index.worker.get_mut().unwrap_or_else(|e| e.into_inner()) = Some(handle),
            // No thread to be had: built here, as a small file's is.
            Err(_) => {
                run_once(&first);
                building.build(&s)
            }
        }
        index.building = Some(building);
        index
    }

    /// How many events a search can look at now: all of them once the
    /// search text is built.
    pub fn searchable_events(&self) -> Option<usize> {
        match self.search_text() {
            SearchNow::Whole(_) => None,
            SearchNow::Partial(text) => Some(text.events.len()),
        }
    }

    /// Membership and counts, and the (small) actor search text.
    fn members(s: &Situation) -> Index {
        let members = Members::new(s);
        let actors = TextIndex::build(
            (s.actor_ixs()).map(|a| actor_words(s, a).chain(std::iter::once(&*s.actors[a].id))),
        );
        let quote_order = quotes_by_date(s);
        let mut quote_rank = vec![0; s.quotes.len()];
        for (rank, q) in quote_order.iter().enumerate() {
            quote_rank[q.get()] = rank;
        }
        // The tree works on positions: a place's is its index.
        let parents: Vec<Option<usize>> = (s.places.iter())
            .map(|p| p.part_of.map(PlaceIx::get))
            .collect();
        let places = TreeRanges::new(&parents);
        let mut at_place = vec![0; s.places.len()];
        for p in s.events.iter().filter_map(|e| e.place) {
            at_place[p.get()] += 1;
        }
        let place_event_counts = places.totals(&at_place);
        let place_words = TextIndex::build(
            (s.place_ixs())
                .map(|p| place_words(s, p).chain(std::iter::once(s.places[p].id.as_str()))),
        );
        Index {
            members,
            quote_order,
            quote_rank,
            actors,
            places,
            place_event_counts,
            place_words,
            search: OnceLock::new(),
            building: None,
            worker: Mutex::new(None),
            recent: Mutex::new(RecentSearches::default()),
            marked: Marked::default(),
            days: DayIndex::new(&s.events),
        }
    }

    /// Records what is new or changed since the last look, for
    /// [`Filter::marked`]: computed once per load, like the rest.
    pub fn set_marked(&mut self, marked: Marked) {
        self.marked = marked;
    }

    pub fn marked(&self) -> &Marked {
        &self.marked
    }

    /// The events' days, indexed.
    pub fn days(&self) -> &DayIndex {
        &self.days
    }

    /// The search text as far as it is built; never waits for the rest.
    fn search_text(&self) -> SearchNow<'_> {
        if let Some(whole) = self.search.get() {
            return SearchNow::Whole(whole);
        }
        let Some(building) = &self.building else {
            // Only `in_parts` leaves `search` unset, and it sets `building`.
            return SearchNow::Partial(Building::new(SEARCH_PART).snapshot().0);
        };
        match building.snapshot() {
            (text, true) => SearchNow::Whole(self.search.get_or_init(|| text)),
            (text, false) => SearchNow::Partial(text),
        }
    }

    /// Events involving the actor or any actor part of it.
    pub fn event_count(&self, actor: ActorIx) -> usize {
        self.members.event_count(actor)
    }

    /// The most events any actor has, members included: how wide the
    /// actors pane's count column must be.
    pub fn event_count_max(&self) -> usize {
        self.members.event_count_max()
    }

    /// How deep the actor sits in its `part_of` chain (0 for a top-level actor).
    pub fn depth(&self, actor: ActorIx) -> usize {
        self.members.depth(actor)
    }

    /// Actors whose name, alias or id contains the query (any case).
    pub fn actors_matching(&self, query: &str) -> Vec<bool> {
        self.actors.matching(&normalize_query(query))
    }

    /// Events at the place or at any place inside it.
    pub fn place_event_count(&self, place: PlaceIx) -> usize {
        self.place_event_counts
            .get(place.get())
            .copied()
            .unwrap_or(0)
    }

    /// How deep the place sits in its `part_of` chain (0 for a top-level place).
    pub fn place_depth(&self, place: PlaceIx) -> usize {
        self.places.depth(place.get())
    }

    /// Places in depth-first order: each right before the places inside it.
    pub fn places_in_order(&self) -> Vec<PlaceIx> {
        self.places
            .in_order()
            .into_iter()
            .map(PlaceIx::new)
            .collect()
    }

    /// Whether `place` is `container` or lies inside it.
    pub fn place_within(&self, place: PlaceIx, container: PlaceIx) -> bool {
        self.places.within(place.get(), container.get())
    }

    /// Places whose name, alias or id contains the query (any case).
    pub fn places_matching(&self, query: &str) -> Vec<bool> {
        self.place_words.matching(&normalize_query(query))
    }
}

/// Quotes in the order every view lists them: by their own date, undated
/// ones last (a quote's event does not date it: it may be about an event
/// to come, and the quote says "undated"); equal dates keep file order.
pub fn quotes_by_date(s: &Situation) -> Vec<QuoteIx> {
    let date = |q: QuoteIx| s.quotes[q].date;
    let mut order: Vec<QuoteIx> = s.quote_ixs().collect();
    order.sort_by_key(|&q| (date(q).is_none(), date(q).map(|d| (d.start(), d.end()))));
    order
}

/// Actors named on the command line (`--actor ID`), each once, in order.
/// An unknown id is an error message that names it and the actor most
/// likely meant: an id a typo away, else an actor whose name or alias
/// matches.
pub fn actors_from_ids(s: &Situation, ids: &[String]) -> Result<Vec<ActorIx>, String> {
    let known = Known {
        flag: "--actor",
        what: "actor",
        plural: "actors",
        listed: "ids",
        ids: s.actors.iter().map(|a| &*a.id).collect(),
        names: s
            .actors
            .iter()
            .map(|a| name_and_aliases(&a.name, &a.aliases))
            .collect(),
        shown: s.actors.iter().map(|a| &*a.name).collect(),
    };
    known.resolve(ids)
}

/// A record's name and then its aliases: what a mistyped id may have meant.
fn name_and_aliases<'a>(name: &'a str, aliases: &'a [impl AsRef<str>]) -> Vec<&'a str> {
    std::iter::once(name)
        .chain(aliases.iter().map(AsRef::as_ref))
        .collect()
}

/// Places named on the command line (`--place ID`), each once, in order;
/// an unknown id is explained as for [`actors_from_ids`].
pub fn places_from_ids(s: &Situation, ids: &[String]) -> Result<Vec<PlaceIx>, String> {
    let known = Known {
        flag: "--place",
        what: "place",
        plural: "places",
        listed: "ids",
        ids: s.places.iter().map(|p| p.id.as_str()).collect(),
        names: s
            .places
            .iter()
            .map(|p| name_and_aliases(&p.name, &p.aliases))
            .collect(),
        shown: s.places.iter().map(|p| p.name.as_str()).collect(),
    };
    known.resolve(ids)
}

/// Facets named on the command line (`--category`, `--tag`, `--kind`,
/// `--source`), each value once, in order. An unknown value is explained
/// as for [`actors_from_ids`]: the one most likely meant, or those known.
/// A kind need not be any actor's (it keeps nothing); a category, tag or
/// source must be in the file.
pub fn facets_from_args(
    s: &Situation,
    categories: &[String],
    tags: &[String],
    kinds: &[String],
    sources: &[String],
) -> Result<Facets, String> {
    // Listing a facet's values is a pass over every event: only for a
    // facet the command line names.
    let words = |group, wanted: &[String]| {
        if wanted.is_empty() {
            return Vec::new();
        }
        crate::facets::values(s, group)
            .into_iter()
            .map(|v| v.name(s).to_string())
            .collect::<Vec<String>>()
    };
    let known_categories = words(FacetGroup::Category, categories);
    let known_tags = words(FacetGroup::Tag, tags);
    let pick = |known: &Known, wanted: &[String], values: &[String]| {
        known
            .resolve(wanted)
            .map(|found: Vec<usize>| found.into_iter().map(|i| values[i].clone()).collect())
    };
    let category_known = plain(FacetGroup::Category, &known_categories);
    let tag_known = plain(FacetGroup::Tag, &known_tags);
    let kind_names: Vec<String> = ActorKind::ALL
        .iter()
        .map(|k| k.as_str().to_string())
        .collect();
    let kind_known = plain(FacetGroup::Kind, &kind_names);
    let source_known = Known {
        flag: FacetGroup::Source.flag(),
        what: "source",
        plural: "sources",
        listed: "ids",
        ids: s.sources.iter().map(|src| src.id.as_str()).collect(),
        names: s
            .sources
            .iter()
            .map(|src| {
                std::iter::once(src.title.as_str())
                    .chain(src.publisher.as_deref())
                    .collect()
            })
            .collect(),
        shown: s.sources.iter().map(|src| src.title.as_str()).collect(),
    };
    Ok(Facets {
        categories: pick(&category_known, categories, &known_categories)?,
        tags: pick(&tag_known, tags, &known_tags)?,
        kinds: kind_known
            .resolve(kinds)?
            .into_iter()
            .map(|i: usize| ActorKind::ALL[i])
            .collect(),
        sources: source_known.resolve(sources)?,
    })
}

/// Plain values (categories, tags, kinds) read as ids are.
fn plain(group: FacetGroup, values: &[String]) -> Known<'_> {
    let values: Vec<&str> = values.iter().map(String::as_str).collect();
    Known {
        flag: group.flag(),
        what: group.noun(1),
        plural: group.noun(2),
        listed: group.noun(2),
        names: values.iter().map(|&v| vec![v]).collect(),
        shown: values.clone(),
        ids: values,
    }
}

/// Each value of one facet with how many events it would keep: counted on
/// what the rest of the filter keeps (the filter without this facet), so a
/// count is what choosing that value alone would show. `current` is what
/// the whole filter keeps now, reused when the facet has nothing chosen.
pub fn facet_counts(
    s: &Situation,
    index: &Index,
    filter: &Filter,
    current: &Selection,
    group: FacetGroup,
) -> Vec<(Facet, usize)> {
    let values = crate::facets::values(s, group);
    let counts = if filter.facets.len(group) == 0 {
        crate::facets::event_counts(s, &current.events, &values)
    } else {
        let rest = Filter {
            facets: filter.facets.without(group),
            ..filter.clone()
        };
        crate::facets::event_counts(s, &select(s, index, &rest).events, &values)
    };
    values.into_iter().zip(counts).collect()
}

/// The ids of one table, for reading a command line's references to it.
struct Known<'s> {
    /// "--actor", for messages.
    flag: &'static str,
    what: &'static str,
    plural: &'static str,
    /// What the known values are called when listed: "ids", "categories".
    listed: &'static str,
    ids: Vec<&'s str>,
    /// Each item's name and aliases.
    names: Vec<Vec<&'s str>>,
    /// Each item's name, to say which one a hint means.
    shown: Vec<&'s str>,
}

impl Known<'_> {
    /// The items `wanted` names, as indices of the list they are in.
    fn resolve<I: ListIndex + PartialEq>(&self, wanted: &[String]) -> Result<Vec<I>, String> {
        let mut found = Vec::with_capacity(wanted.len());
        for id in wanted {
            let Some(item) = self.ids.iter().position(|known| known == id) else {
                return Err(self.unknown(id));
            };
            let item = I::at(item);
            if !found.contains(&item) {
                found.push(item);
            }
        }
        Ok(found)
    }

    fn unknown(&self, id: &str) -> String {
        let by_name = || {
            let word = normalize_query(id);
            let all: Vec<(usize, String)> = self
                .names
                .iter()
                .enumerate()
                .flat_map(|(i, names)| names.iter().map(move |n| (i, normalize_query(n))))
                .collect();
            all.iter()
                .find(|(_, name)| *name == word)
                .or_else(|| {
                    all.iter()
                        .find(|(_, name)| word.len() >= 3 && name.contains(&word))
                })
                .map(|(i, _)| *i)
                .or_else(|| {
                    let best = crate::load::closest(&word, all.iter().map(|(_, n)| n.as_str()))?;
                    all.iter().find(|(_, n)| n == best).map(|(i, _)| *i)
                })
        };
        let hint = if let Some(hint) = crate::load::did_you_mean(id, self.ids.iter().copied()) {
            hint
        } else if let Some(i) = by_name() {
            format!(
                "did you mean `{}` ({})?",
                self.ids[i],
                crate::sanitize::clean_line(self.shown[i])
            )
        } else if self.ids.is_empty() {
            format!("the file names no {}", self.plural)
        } else {
            const SHOWN: usize = 8;
            let mut known: Vec<&str> = self.ids.iter().copied().take(SHOWN).collect();
            if self.ids.len() > SHOWN {
                known.push("…");
            }
            format!("known {}: {}", self.listed, known.join(", "))
        };
        // The id comes from the command line, but may still hold control bytes.
        format!(
            "{}: no {} `{}` in this situation; {hint}",
            self.flag,
            self.what,
            crate::sanitize::clean_line(id)
        )
    }
}

/// For each place, how many of `events` happened at it or at a place
/// inside it: what the map and the briefings count.
pub fn place_counts(s: &Situation, index: &Index, events: &[EventIx]) -> Vec<usize> {
    let mut own = vec![0; s.places.len()];
    for p in events.iter().filter_map(|&e| s.events[e].place) {
        own[p.get()] += 1;
    }
    index.places.totals(&own)
}

/// Applies a filter. Lists keep the situation's order (timeline order for events).
///
/// Each part narrows what the others found rather than testing every item:
/// the actor filter starts from the chosen actors' own event lists, the date
/// window from the events the day index finds overlapping it, and a search
/// that grew from the previous one looks only at that one's matches.
pub fn select(s: &Situation, index: &Index, filter: &Filter) -> Selection {
    let in_scope = if filter.actors.is_empty() {
        vec![true; s.actors.len()]
    } else {
        index.members.in_scope(&filter.actors)
    };
    let places_in_scope = if filter.places.is_empty() {
        vec![true; s.places.len()]
    } else {
        let chosen: Vec<usize> = filter.places.iter().map(|p| p.get()).collect();
        index.places.inside_any(&chosen)
    };
    // Callers ask only when places are chosen: finding an item's place may
    // mean reading its event.
    let at_place = |place: Option<PlaceIx>| place.is_some_and(|p| places_in_scope[p.get()]);
    let involves = |mut actors: std::slice::Iter<'_, ActorIx>, extra: Option<ActorIx>| {
        filter.actors.is_empty()
            || extra.is_some_and(|a| in_scope[a.get()])
            || actors.any(|&a| in_scope[a.get()])
    };
    // A span overlaps the window; an unknown end is open on that side.
    let in_window = |first: Option<NaiveDate>, last: Option<NaiveDate>| {
        filter
            .from
            .zip(last)
            .is_none_or(|(from, last)| last >= from)
            && filter.to.zip(first).is_none_or(|(to, first)| first <= to)
    };

    let query = normalize_query(&filter.search);
    let mut searched_events = None;
    let (event_hits, quote_hits) = if query.is_empty() {
        (None, None)
    } else {
        match index.search_text() {
            SearchNow::Whole(text) => {
                let mut recent = index.recent.lock().unwrap_or_else(|e| e.into_inner());
                let (events, quotes) = recent.hits(text, &query);
                (Some(events), Some(quotes))
            }
            // What is built so far, searched whole: kept searches would be
            // missing what is built next.
            SearchNow::Partial(text) => {
                searched_events = Some(text.events.len());
                (
                    Some(Arc::new(text.events.records_matching(&query))),
                    Some(Arc::new(text.quotes.records_matching(&query))),
                )
            }
        }
    };

    let by_actor = (!filter.actors.is_empty())
        .then(|| index.members.events_of(&filter.actors, s.events.len()));
    let windowed = filter.from.is_some() || filter.to.is_some();
    // The window is a range query on the index, never a test of every event.
    let by_window = windowed.then(|| index.days.overlapping(filter.from, filter.to));
    let listed = match (by_actor, by_window) {
        (Some(a), Some(w)) => Some(intersect(&a, w.iter().copied()).collect()),
        (a, w) => a.or(w),
    };
    let facets = &filter.facets;
    let faceted = !facets.is_empty();
    let marked = &index.marked;
    // What is left to test event by event; an event is read only when one
    // of these is on.
    let rest = filter.marked || !filter.places.is_empty() || faceted;
    let keeps = |&e: &EventIx| {
        (!filter.marked || is_marked(&marked.events, e.get()))
            && (filter.places.is_empty() || at_place(s.events[e].place))
            && (!faceted || facets.keeps_event(s, &s.events[e]))
    };
    let hit = |&h: &u32| EventIx::new(h as usize);
    let candidates: Vec<EventIx> = match (listed, event_hits) {
        (None, None) => s.event_ixs().collect(),
        (Some(listed), None) => listed,
        (None, Some(hits)) => hits.iter().map(hit).collect(),
        (Some(listed), Some(hits)) => intersect(&listed, hits.iter().map(hit)).collect(),
    };
    let events = if rest {
        candidates.into_iter().filter(keeps).collect()
    } else {
        candidates
    };

    // A window keeps the quotes whose own date overlaps it. One without a
    // date cannot be placed in any window, so every window leaves it out,
    // and `undated_left_out` counts it so the views can say so.
    let mut undated_left_out = 0;
    let keeps_quote = |i: &QuoteIx| {
        let q = &s.quotes[*i];
        if !((!filter.marked || is_marked(&marked.quotes, i.get()))
            && involves(q.about.iter(), Some(q.speaker))
            && (filter.places.is_empty()
                || at_place(q.place.or(q.event.and_then(|e| s.events[e].place))))
            && (!faceted || facets.keeps_quote(s, q)))
        {
            return false;
        }
        if !windowed {
            return true;
        }
        match q.date {
            Some(d) => in_window(Some(d.start()), Some(d.end())),
            None => {
                undated_left_out += 1;
                false
            }
        }
    };
    // Only the quotes a search found are looked at, then put in date
    // order; without a search, or when it found many, every quote in date
    // order.
    let quotes: Vec<QuoteIx> = match &quote_hits {
        Some(hits) if hits.len() > s.quotes.len() / DENSE => {
            let mut found = vec![false; s.quotes.len()];
            for &h in hits.iter() {
                found[h as usize] = true;
            }
            (index.quote_order.iter().copied())
                .filter(|q| found[q.get()])
                .filter(keeps_quote)
                .collect()
        }
        Some(hits) => {
            let mut quotes: Vec<QuoteIx> = (hits.iter())
                .map(|&h| QuoteIx::new(h as usize))
                .filter(keeps_quote)
                .collect();
            // Ranks differ from quote to quote: an unstable sort is stable.
            quotes.sort_unstable_by_key(|&q| index.quote_rank[q.get()]);
            quotes
        }
        None => index
            .quote_order
            .iter()
            .copied()
            .filter(keeps_quote)
            .collect(),
    };

    let highlighted_metrics = if !filter.narrows_figures() {
        Vec::new()
    } else {
        s.metric_ixs()
            .filter(|&m| {
                let metric = &s.metrics[m];
                (filter.actors.is_empty() || metric.actors.iter().any(|&a| in_scope[a.get()]))
                    && facets.keeps_metric(s, metric)
            })
            .collect()
    };

    let metrics = s
        .metric_ixs()
        .filter(|&m| !filter.marked || is_marked(&marked.metrics, m.get()))
        .collect();

    Selection {
        events,
        quotes,
        undated_quotes_left_out: undated_left_out,
        metrics,
        highlighted_metrics,
        actors_in_scope: in_scope,
        actors_matching_search: index.actors.matching(&query),
        places_in_scope,
        searched_events,
    }
}

/// Events in both sorted lists, in order.
fn intersect<'a>(
    listed: &'a [EventIx],
    other: impl Iterator<Item = EventIx> + 'a,
) -> impl Iterator<Item = EventIx> + 'a {
    let mut other = other.peekable();
    listed.iter().copied().filter(move |&e| {
        while other.next_if(|&h| h < e).is_some() {}
        other.peek() == Some(&e)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::load_str;
    use crate::model::SourceIx;

    const FILE: &str = r#"
[situation]
title = "Test"
as_of = 2024-09-21

[[sources]]
id = "s"
title = "Source"

[[sources]]
id = "wire"
title = "Wire story"
date = 2024-09-10

[[actors]]
id = "mission"
name = "Security Mission"
kind = "force"
aliases = ["MSS"]

[[actors]]
id = "kenya-police"
name = "Kenyan police"
kind = "force"
part_of = "mission"

[[actors]]
id = "commander"
name = "Godfrey Otunge"
kind = "person"
part_of = "kenya-police"

[[actors]]
id = "ruto"
name = "William Ruto"
kind = "person"

[[events]]
id = "arrive"
date = 2024-06-25
title = "First police arrive"
actors = ["kenya-police"]
sources = ["s"]

[[events]]
id = "visit"
date = 2024-09-21
title = "President visits Port-au-Prince"
location = "Port-au-Prince"
actors = ["ruto"]
sources = ["s"]

[[events]]
id = "briefing"
date = "late 2024-09"
title = "Commander briefs the press"
actors = ["commander", "ruto"]
sources = ["s"]

[[metrics]]
id = "deployed"
label = "Deployed"
value = 400
source = "s"
actors = ["mission"]

[[quotes]]
speaker = "ruto"
text = "We will see this through."
about = ["kenya-police"]
sources = ["s"]

[[quotes]]
speaker = "commander"
text = "We hold the airport."
event = "visit"
sources = ["wire"]
"#;

    fn setup() -> (Situation, Index) {
        let report = load_str(FILE);
        let s = report.situation.expect("fixture loads");
        let index = Index::new(&s);
        (s, index)
    }

    fn ids(s: &Situation, events: &[EventIx]) -> Vec<String> {
        events.iter().map(|&e| s.events[e].id.clone()).collect()
    }

    #[test]
    fn an_actor_filter_takes_in_members_transitively() {
        let (s, index) = setup();
        let filter = Filter {
            actors: vec![s.actor_by_id("mission").unwrap()],
            ..Filter::default()
        };
        let sel = select(&s, &index, &filter);
        assert_eq!(ids(&s, &sel.events), ["arrive", "briefing"]);
        assert_eq!(sel.highlighted_metrics, [MetricIx::new(0)]);
        // One quote is about the police, a member of the mission; the other
        // is by the commander, a member of the police. Neither has a date
        // of its own (an event does not date its quote): file order.
        assert_eq!(sel.quotes, [QuoteIx::new(0), QuoteIx::new(1)]);
    }

    #[test]
    fn a_member_does_not_take_in_its_parent() {
        let (s, index) = setup();
        let filter = Filter {
            actors: vec![s.actor_by_id("commander").unwrap()],
            ..Filter::default()
        };
        let sel = select(&s, &index, &filter);
        assert_eq!(ids(&s, &sel.events), ["briefing"]);
        assert!(sel.highlighted_metrics.is_empty());
    }

    #[test]
    fn search_is_case_insensitive_and_covers_actor_names_and_aliases() {
        let (s, index) = setup();
        let search = |text: &str| {
            let filter = Filter {
                search: text.into(),
                ..Filter::default()
            };
            ids(&s, &select(&s, &index, &filter).events)
        };
        assert_eq!(search("PORT-AU"), ["visit"]);
        assert_eq!(search("otunge"), ["briefing"]);
        // Names match the event's own actors; members are the actor filter's job.
        assert!(search("mss").is_empty());
        assert_eq!(search("ruto"), ["visit", "briefing"]);
        assert!(search("nothing like this").is_empty());
        assert_eq!(search("").len(), 3);
    }

    #[test]
    fn search_ignores_accents_and_typographic_quotes() {
        assert_eq!(normalize_query("O’Neill"), "o'neill");
        assert_eq!(normalize_query("Chérizier"), "cherizier");
        assert_eq!(normalize_query("“MSS”"), "\"mss\"");
        assert_eq!(normalize_query("İstanbul ÅNGSTRÖM"), "istanbul angstrom");
    }

    #[test]
    fn search_and_actor_filter_combine() {
        let (s, index) = setup();
        let filter = Filter {
            actors: vec![s.actor_by_id("ruto").unwrap()],
            search: "press".into(),
            ..Filter::default()
        };
        assert_eq!(ids(&s, &select(&s, &index, &filter).events), ["briefing"]);
    }

    #[test]
    fn a_date_window_keeps_overlapping_spans() {
        let (s, index) = setup();
        let filter = Filter {
            from: NaiveDate::from_ymd_opt(2024, 9, 25),
            ..Filter::default()
        };
        // "late Sep 2024" runs 21-30 Sep, so it overlaps a window from the 25th.
        assert_eq!(ids(&s, &select(&s, &index, &filter).events), ["briefing"]);
    }

    /// A generated situation of some thousands of events, with spans and
    /// every kind of vague date, loaded once.
    fn generated() -> &'static (Situation, Index) {
        static GENERATED: std::sync::LazyLock<(Situation, Index)> =
            std::sync::LazyLock::new(|| {
                let mut out = Vec::new();
                sitrep_generate::generate(&sitrep_generate::Options::new(3_000, 11), &mut out)
                    .expect("writing to memory does not fail");
                let text = String::from_utf8(out).expect("the generator writes UTF-8");
                let s = load_str(&text).situation.expect("generated files load");
                let index = Index::new(&s);
                (s, index)
            });
        &GENERATED
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
        /// The window combined with actors and search keeps exactly what
        /// the rest of the filter keeps and overlaps the window.
        #[test]
        fn a_window_keeps_what_a_scan_of_the_rest_keeps(
            from in proptest::option::of((proptest::bool::weighted(0.5), 0usize..3000, 0u64..1200)),
            days in 0u64..400,
            open_end in proptest::bool::weighted(0.2),
            actor in proptest::option::of(0usize..40),
            search in proptest::sample::select(vec!["", "port", "water", "a"]),
        ) {
            let (s, index) = generated();
            let (first, _) = index.days().span().expect("events");
            // Often an event's own last day, where an off-by-one would show.
            let from = from.map(|(own, e, f)| {
                if own { s.events[e % s.events.len()].last_day() } else { first + chrono::Days::new(f) }
            });
            let to = (!open_end).then(|| from.unwrap_or(first) + chrono::Days::new(days));
            let rest = Filter {
                actors: actor.into_iter().map(ActorIx::new).collect(),
                search: search.into(),
                ..Filter::default()
            };
            let windowed = Filter { from, to, ..rest.clone() };
            let scanned: Vec<EventIx> = select(s, index, &rest)
                .events
                .into_iter()
                .filter(|&e| {
                    let e = &s.events[e];
                    from.is_none_or(|f| e.last_day() >= f) && to.is_none_or(|t| e.first_day() <= t)
                })
                .collect();
            proptest::prop_assert_eq!(select(s, index, &windowed).events, scanned);
        }
    }

    #[test]
    fn a_window_leaves_out_undated_quotes_and_counts_them() {
        // The built-in file: five quotes dated 4 to 21 Sep 2024, two of
        // Blinken's without a date (their events are of 21 Sep and later).
        let s = load_str(crate::BUILTIN_TEXT).situation.expect("loads");
        let index = Index::new(&s);
        let ids = |sel: &Selection| {
            sel.quotes
                .iter()
                .map(|&q| s.quotes[q].id.clone().unwrap_or_default())
                .collect::<Vec<_>>()
        };
        let window = |from: (i32, u32, u32), to: (i32, u32, u32)| {
            let filter = Filter {
                from: NaiveDate::from_ymd_opt(from.0, from.1, from.2),
                to: NaiveDate::from_ymd_opt(to.0, to.1, to.2),
                ..Filter::default()
            };
            select(&s, &index, &filter)
        };
        // No window: every quote, the undated ones last.
        let all = select(&s, &index, &Filter::default());
        assert_eq!(all.undated_quotes_left_out, 0);
        let order = ids(&all);
        assert_eq!(order.len(), 7);
        assert_eq!(
            order[5..],
            ["blinken-additional-support", "blinken-unga-purpose"]
        );
        // A window long before and one after every dated quote: the same
        // answer, nothing shown, both undated quotes counted as left out.
        for sel in [
            window((2008, 1, 1), (2015, 12, 31)),
            window((2024, 9, 22), (2024, 10, 21)),
        ] {
            assert!(sel.quotes.is_empty(), "{:?}", ids(&sel));
            assert_eq!(sel.undated_quotes_left_out, 2);
        }
        // A window over the dated ones keeps them alone.
        let september = window((2024, 9, 1), (2024, 9, 30));
        assert_eq!(september.quotes.len(), 5);
        assert_eq!(september.undated_quotes_left_out, 2);
        // The rest of the filter comes first: an undated quote it drops
        // is not counted as left out by the window.
        let ruto_spokesman = Filter {
            actors: vec![s.actor_by_id("hussein-mohamed").unwrap()],
            from: NaiveDate::from_ymd_opt(2024, 9, 1),
            to: NaiveDate::from_ymd_opt(2024, 9, 30),
            ..Filter::default()
        };
        let sel = select(&s, &index, &ruto_spokesman);
        assert_eq!(ids(&sel), ["spokesman-visit-and-commend"]);
        assert_eq!(sel.undated_quotes_left_out, 0);
    }

    /// Waits for the search text an index builds in the background.
    fn built(index: Index) -> Index {
        let worker = index
            .worker
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .take();
        if let Some(worker) = worker {
            worker.join().expect("the search text is built");
        }
        index
    }

    #[test]
    fn an_index_built_in_the_background_finds_the_same() {
        let (s, index) = setup();
        let shared = Arc::new(s.clone());
        // One event a part: the parts are put together as a search goes.
        let background = built(Index::in_parts(Arc::clone(&shared), 1, || {}));
        for search in ["", "ruto", "PORT", "airport", "nothing"] {
            let filter = Filter {
                search: search.into(),
                ..Filter::default()
            };
            assert_eq!(
                select(&s, &index, &filter),
                select(&shared, &background, &filter),
                "{search}"
            );
        }
    }

    /// Work given to the index's thread runs there, before the search
    /// text is built (nothing of it is built yet when it starts).
    #[test]
    fn work_given_to_the_index_thread_runs_before_the_search_text() {
        let (s, _) = setup();
        let (send, ran) = std::sync::mpsc::channel();
        let building = Arc::new(Mutex::new(None::<Arc<Building>>));
        let index = Index::in_parts(Arc::new(s), 1, {
            let building = Arc::clone(&building);
            move || {
                // The index is handed its `building` after the thread starts:
                // wait for it, then look at how far it got.
                let parts = loop {
                    if let Some(b) = building.lock().unwrap().as_ref() {
                        break b.events.lock().unwrap().len();
                    }
                    std::thread::yield_now();
                };
                let name = std::thread::current().name().map(str::to_string);
                send.send((name, parts)).unwrap();
            }
        });
        *building.lock().unwrap() = index.building.clone();
        let (name, parts) = ran.recv().expect("the work ran");
        assert_eq!(name.as_deref(), Some("search-index"));
        assert_eq!(parts, 0);
        let index = built(index);
        assert_eq!(index.searchable_events(), None);
    }

    /// A search while the search text is still being built looks at the
    /// events built so far and says how many those are; once the rest is
    /// built, the same search finds everything.
    #[test]
    fn a_search_before_the_text_is_built_finds_what_is_built_so_far() {
        let (s, index) = setup();
        let mut partial = Index::members(&s);
        let building = Arc::new(Building::new(1));
        let _ = building.quotes.set(Arc::new(quotes_text(&s)));
        building
            .events
            .lock()
            .unwrap()
            .push(Arc::new(events_text(&s, &s.events[..1])));
        partial.building = Some(Arc::clone(&building));
        let filter = |search: &str| Filter {
            search: search.into(),
            ..Filter::default()
        };
        let whole = select(&s, &index, &filter("a"));
        assert!(
            whole.events.len() > 1,
            "the search finds more than the first event"
        );
        let early = select(&s, &partial, &filter("a"));
        assert_eq!(early.searched_events, Some(1));
        let at_first: Vec<_> = whole
            .events
            .iter()
            .copied()
            .filter(|e| e.get() == 0)
            .collect();
        assert_eq!(early.events, at_first);
        assert_eq!(early.quotes, whole.quotes, "quotes are built first");
        assert_eq!(partial.searchable_events(), Some(1));

        for event in 1..s.events.len() {
            let part = events_text(&s, &s.events[event..event + 1]);
            building.events.lock().unwrap().push(Arc::new(part));
        }
        building.done.store(true, Ordering::Release);
        assert_eq!(partial.searchable_events(), None);
        assert_eq!(select(&s, &partial, &filter("a")), whole);
        assert_eq!(whole.searched_events, None);
    }

    /// Searches typed and taken back, while the parts' grams are still
    /// being built (the first parts have them, the rest do not) and once
    /// every part has them, find what a search reading all the text finds:
    /// accents, case and typographic quotes folded as [`normalize_query`]
    /// folds them.
    #[test]
    fn searches_with_grams_built_or_not_find_what_reading_the_text_finds() {
        let (s, plain) = generated();
        let partly = Index::members(s);
        let building = Arc::new(Building::with_grams(256));
        let _ = building.quotes.set(Arc::new(quotes_text(s)));
        let parts: Vec<Arc<TextIndex>> = (s.events.chunks(256))
            .map(|events| Arc::new(events_text(s, events)))
            .collect();
        for part in &parts[..parts.len() / 2] {
            part.build_grams();
        }
        *building.events.lock().unwrap() = parts.clone();
        building.done.store(true, Ordering::Release);
        let mut partly = partly;
        partly.building = Some(building);
        let typed = [
            "P",
            "Po",
            "Por",
            "PORT",
            "Port-",
            "Port-au",
            "por",
            "po",
            "",
            "w",
            "wa",
            "wat",
            "Water",
            "é",
            "É",
            "Hé",
            "Pétion",
            "petion",
            "“MSS”",
            "'s",
            "’s",
            " ",
            "e ",
            "北",
            "北京",
            "xq",
            "zzz",
            "a",
            "an",
            "and",
            "and the",
            "\n",
            "de",
        ];
        let filter = |search: &str| Filter {
            search: search.into(),
            ..Filter::default()
        };
        for (k, search) in typed.iter().enumerate() {
            if k == typed.len() / 2 {
                for part in &parts {
                    part.build_grams();
                }
            }
            let expected = select(s, plain, &filter(search));
            plain.recent.lock().unwrap().0.clear();
            assert_eq!(select(s, &partly, &filter(search)), expected, "{search}");
        }
    }

    #[test]
    fn a_search_typed_letter_by_letter_finds_what_a_fresh_one_finds() {
        let (s, index) = setup();
        let typed = [
            "p", "po", "por", "port", "por", "po", "pr", "pre", "", "r", "ru", "rut", "ruto", "ut",
            "x", "ai", "air", "airport",
        ];
        for search in typed {
            let filter = Filter {
                search: search.into(),
                ..Filter::default()
            };
            let fresh = Index::new(&s);
            assert_eq!(
                select(&s, &index, &filter),
                select(&s, &fresh, &filter),
                "{search}"
            );
        }
    }

    /// One change a person makes to the filter, for the test below.
    #[derive(Clone, Debug)]
    enum Edit {
        /// A letter typed at the end of the search.
        Type(char),
        /// The last letter deleted.
        Delete,
        /// The search replaced (pasted, or cleared and typed anew).
        Replace(&'static str),
        /// An actor added or taken out.
        Actor(usize),
        /// A date window (days after the first event's, and how many
        /// days), or none.
        Window(Option<(u64, u64)>),
        /// A category or tag (by its place in the file's list) chosen or
        /// let go.
        Category(usize),
        Tag(usize),
    }

    fn any_edit() -> impl proptest::strategy::Strategy<Value = Edit> {
        use proptest::prelude::*;
        prop_oneof![
            4 => proptest::sample::select(vec!['a', 'e', 'o', 'r', 't', 'p', 'n', ' ', 'é', 'w'])
                .prop_map(Edit::Type),
            3 => Just(Edit::Delete),
            1 => proptest::sample::select(vec!["", "port", "water", "a", "po", "or", "xyz"])
                .prop_map(Edit::Replace),
            1 => (0usize..40).prop_map(Edit::Actor),
            1 => proptest::option::of((0u64..3000, 0u64..600)).prop_map(Edit::Window),
            1 => (0usize..8).prop_map(Edit::Category),
            1 => (0usize..8).prop_map(Edit::Tag),
        ]
    }

    fn apply(s: &Situation, filter: &mut Filter, edit: &Edit) {
        let toggle =
            |list: &mut Vec<String>, value: &str| match list.iter().position(|v| v == value) {
                Some(at) => {
                    list.remove(at);
                }
                None => list.push(value.to_string()),
            };
        let values = |group| {
            crate::facets::values(s, group)
                .into_iter()
                .map(|v| v.name(s).to_string())
                .collect::<Vec<_>>()
        };
        match *edit {
            Edit::Type(c) => filter.search.push(c),
            Edit::Delete => {
                filter.search.pop();
            }
            Edit::Replace(text) => filter.search = text.into(),
            Edit::Actor(a) => filter.toggle_actor(ActorIx::new(a % s.actors.len())),
            Edit::Window(window) => {
                let first = s
                    .events
                    .iter()
                    .map(|e| e.first_day())
                    .min()
                    .expect("events");
                filter.from = window.map(|(from, _)| first + chrono::Days::new(from));
                filter.to = window.map(|(from, days)| first + chrono::Days::new(from + days));
            }
            Edit::Category(k) => {
                let all = values(FacetGroup::Category);
                toggle(&mut filter.facets.categories, &all[k % all.len()]);
            }
            Edit::Tag(k) => {
                let all = values(FacetGroup::Tag);
                toggle(&mut filter.facets.tags, &all[k % all.len()]);
            }
        }
    }

    /// What the filter keeps of the events of [`generated`], asking every
    /// event every question: no index beyond its search text, nothing
    /// remembered.
    fn scanned(s: &Situation, filter: &Filter) -> Vec<EventIx> {
        let needle = normalize_query(&filter.search);
        let within = |actor: ActorIx| {
            std::iter::successors(Some(actor), |&a| s.actors[a].part_of)
                .any(|a| filter.actors.contains(&a))
        };
        // Each event's search text alone, made once.
        static TEXTS: std::sync::LazyLock<Vec<String>> = std::sync::LazyLock::new(|| {
            let s = &generated().0;
            (s.events.iter())
                .map(|e| events_text(s, std::slice::from_ref(e)).text)
                .collect()
        });
        s.event_ixs()
            .filter(|&e| {
                let event = &s.events[e];
                (needle.is_empty() || TEXTS[e.get()].contains(&needle))
                    && (filter.actors.is_empty() || event.actors.iter().any(|&a| within(a)))
                    && filter.from.is_none_or(|from| event.last_day() >= from)
                    && filter.to.is_none_or(|to| event.first_day() <= to)
                    && filter.facets.keeps_event(s, event)
            })
            .collect()
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(32))]
        /// However a filter got to where it is (searches grown, shortened
        /// and replaced, actors, dates and facets changed along the way),
        /// it keeps what a plain scan keeps, and the whole selection is
        /// what an index that remembers no earlier search gives.
        #[test]
        fn a_filter_changed_step_by_step_keeps_what_a_plain_scan_keeps(
            edits in proptest::collection::vec(any_edit(), 1..24),
        ) {
            // The remembering index searches with grams, in parts of 700
            // events (the last one shorter); the other reads the text.
            static INDEXES: std::sync::LazyLock<(Index, Index)> = std::sync::LazyLock::new(|| {
                let s = &generated().0;
                (built(Index::in_parts(Arc::new(s.clone()), 700, || {})), Index::new(s))
            });
            let s = &generated().0;
            let (remembering, forgetting) = &*INDEXES;
            let mut filter = Filter::default();
            for edit in &edits {
                apply(s, &mut filter, edit);
                let got = select(s, remembering, &filter);
                proptest::prop_assert_eq!(&got.events, &scanned(s, &filter), "{:?}", filter);
                forgetting.recent.lock().unwrap().0.clear();
                proptest::prop_assert_eq!(&got, &select(s, forgetting, &filter), "{:?}", filter);
            }
        }
    }

    #[test]
    fn counts_events_per_actor_with_members() {
        let (s, index) = setup();
        assert_eq!(index.event_count(s.actor_by_id("mission").unwrap()), 2);
        assert_eq!(index.event_count(s.actor_by_id("ruto").unwrap()), 2);
        assert_eq!(index.depth(s.actor_by_id("commander").unwrap()), 2);
    }

    #[test]
    fn unknown_actor_ids_come_with_the_actor_most_likely_meant() {
        let (s, _) = setup();
        let err = |id: &str| actors_from_ids(&s, &[id.to_string()]).unwrap_err();
        assert!(
            err("rutto").ends_with("did you mean `ruto`?"),
            "{}",
            err("rutto")
        );
        assert!(
            err("mss").ends_with("did you mean `mission` (Security Mission)?"),
            "{}",
            err("mss")
        );
        assert!(err("otunge").ends_with("did you mean `commander` (Godfrey Otunge)?"));
        assert!(err("weather").ends_with("known ids: mission, kenya-police, commander, ruto"));
        let ok = actors_from_ids(&s, &["ruto".into(), "mission".into(), "ruto".into()]);
        assert_eq!(ok, Ok(vec![ActorIx::new(3), ActorIx::new(0)]));
    }

    #[test]
    fn facet_counts_leave_out_their_own_facet_but_not_the_others() {
        let (s, index) = setup();
        let kinds = |filter: &Filter| -> Vec<(String, usize)> {
            let current = select(&s, &index, filter);
            facet_counts(&s, &index, filter, &current, FacetGroup::Kind)
                .into_iter()
                .map(|(f, n)| (f.name(&s).to_string(), n))
                .collect()
        };
        let named = |pairs: &[(&str, usize)]| -> Vec<(String, usize)> {
            pairs.iter().map(|&(k, n)| (k.to_string(), n)).collect()
        };
        assert_eq!(
            kinds(&Filter::default()),
            named(&[("person", 2), ("force", 1)])
        );
        // Choosing a kind does not change the kinds' own counts: each says
        // what choosing it would keep.
        let mut filter = Filter::default();
        filter.facets.toggle(Facet::Kind(ActorKind::Force));
        assert_eq!(ids(&s, &select(&s, &index, &filter).events), ["arrive"]);
        assert_eq!(kinds(&filter), named(&[("person", 2), ("force", 1)]));
        // Another part of the filter does narrow them.
        filter.search = "president".into();
        assert_eq!(kinds(&filter), named(&[("person", 1), ("force", 0)]));
    }

    #[test]
    fn a_source_facet_keeps_the_quotes_and_figures_citing_it() {
        let (s, index) = setup();
        let wire = s.source_by_id("wire").unwrap();
        let mut filter = Filter::default();
        filter.facets.toggle(Facet::Source(wire));
        let sel = select(&s, &index, &filter);
        assert!(sel.events.is_empty());
        assert_eq!(sel.quotes, [QuoteIx::new(1)]);
        // The figure cites the other source: nothing stands out.
        assert!(sel.highlighted_metrics.is_empty());
        filter.facets.toggle(Facet::Source(wire));
        filter.facets.toggle(Facet::Source(SourceIx::new(0)));
        assert_eq!(
            select(&s, &index, &filter).highlighted_metrics,
            [MetricIx::new(0)]
        );
    }

    #[test]
    fn facet_values_on_the_command_line_are_checked_against_the_file() {
        let (s, _) = setup();
        let kinds = |k: &[&str]| {
            let k: Vec<String> = k.iter().map(|k| k.to_string()).collect();
            facets_from_args(&s, &[], &[], &k, &[])
        };
        assert_eq!(
            kinds(&["force", "person", "force"]).map(|f| f.kinds),
            Ok(vec![ActorKind::Force, ActorKind::Person])
        );
        // A kind no actor has is still a kind: it keeps nothing.
        assert_eq!(
            kinds(&["media"]).map(|f| f.kinds),
            Ok(vec![ActorKind::Media])
        );
        assert!(kinds(&["polce"]).is_err());
        let err = facets_from_args(&s, &[], &[], &[], &["Wire story".into()]).unwrap_err();
        assert_eq!(
            err,
            "--source: no source `Wire story` in this situation; did you mean `wire` (Wire story)?"
        );
        let err = facets_from_args(&s, &["x".into()], &[], &[], &[]).unwrap_err();
        assert!(err.ends_with("the file names no categories"), "{err}");
    }

    #[test]
    fn only_marked_items_keeps_what_is_marked_and_combines_with_the_rest() {
        let (s, mut index) = setup();
        let filter = Filter {
            marked: true,
            ..Filter::default()
        };
        // Nothing marked: nothing kept.
        let sel = select(&s, &index, &filter);
        assert!(sel.events.is_empty() && sel.quotes.is_empty() && sel.metrics.is_empty());
        index.set_marked(Marked {
            events: vec![true, false, true],
            quotes: vec![true, false],
            metrics: vec![true],
        });
        let sel = select(&s, &index, &filter);
        assert_eq!(ids(&s, &sel.events), ["arrive", "briefing"]);
        assert_eq!(sel.quotes, [QuoteIx::new(0)]);
        assert_eq!(sel.metrics, [MetricIx::new(0)]);
        let with_ruto = Filter {
            actors: vec![s.actor_by_id("ruto").unwrap()],
            ..filter.clone()
        };
        assert_eq!(
            ids(&s, &select(&s, &index, &with_ruto).events),
            ["briefing"]
        );
        // Off, the marks narrow nothing.
        let all = select(&s, &index, &Filter::default());
        assert_eq!((all.events.len(), all.metrics.len()), (3, 1));
    }

    #[test]
    fn toggling_an_actor_twice_removes_it() {
        let mut filter = Filter::default();
        let (one, three) = (ActorIx::new(1), ActorIx::new(3));
        filter.toggle_actor(three);
        filter.toggle_actor(one);
        filter.toggle_actor(three);
        assert_eq!(filter.actors, [one]);
    }

    const PLACES: &str = r#"
[situation]
title = "Places"
as_of = 2024-09-21

[[sources]]
id = "s"
title = "S"

[[actors]]
id = "ruto"
name = "William Ruto"
kind = "person"

[[places]]
id = "haiti"
name = "Haiti"
kind = "country"
lat = 19.0
lon = -72.4
approximate = true

[[places]]
id = "pap"
name = "Port-au-Prince"
kind = "city"
part_of = "haiti"
aliases = ["PAP"]

[[places]]
id = "airport"
name = "Toussaint Louverture airport"
kind = "site"
part_of = "pap"

[[places]]
id = "nairobi"
name = "Nairobi"
kind = "city"

[[events]]
id = "landing"
date = 2024-06-25
title = "Police land"
place = "airport"
sources = ["s"]

[[events]]
id = "send-off"
date = 2024-06-24
title = "Send-off"
place = "nairobi"
actors = ["ruto"]
sources = ["s"]

[[events]]
id = "visit"
date = 2024-09-21
title = "Ruto visits"
place = "pap"
actors = ["ruto"]
sources = ["s"]

[[events]]
id = "talks"
date = 2024-09-20
title = "Talks with no place"
actors = ["ruto"]
sources = ["s"]

[[quotes]]
speaker = "ruto"
text = "Said in Nairobi"
place = "nairobi"
sources = ["s"]

[[quotes]]
speaker = "ruto"
text = "Said at the visit"
event = "visit"
sources = ["s"]

[[quotes]]
speaker = "ruto"
text = "Said somewhere"
sources = ["s"]
"#;

    fn places_setup() -> (Situation, Index) {
        let report = load_str(PLACES);
        assert_eq!(report.errors().count(), 0, "{:?}", report.diagnostics);
        let s = report.situation.expect("places fixture loads");
        let index = Index::new(&s);
        (s, index)
    }

    fn at_places(s: &Situation, ids: &[&str]) -> Filter {
        Filter {
            places: ids.iter().map(|id| s.place_by_id(id).unwrap()).collect(),
            ..Filter::default()
        }
    }

    #[test]
    fn a_place_filter_takes_in_the_places_inside_it_transitively() {
        let (s, index) = places_setup();
        let sel = select(&s, &index, &at_places(&s, &["haiti"]));
        assert_eq!(ids(&s, &sel.events), ["landing", "visit"]);
        assert_eq!(sel.places_in_scope, [true, true, true, false]);
        let sel = select(&s, &index, &at_places(&s, &["pap"]));
        assert_eq!(ids(&s, &sel.events), ["landing", "visit"]);
        // A place inside does not take in what it lies in.
        let sel = select(&s, &index, &at_places(&s, &["airport"]));
        assert_eq!(ids(&s, &sel.events), ["landing"]);
        let sel = select(&s, &index, &at_places(&s, &["airport", "nairobi"]));
        assert_eq!(ids(&s, &sel.events), ["send-off", "landing"]);
    }

    #[test]
    fn a_quote_is_at_its_own_place_else_at_its_events() {
        let (s, index) = places_setup();
        let texts = |filter: &Filter| -> Vec<String> {
            select(&s, &index, filter)
                .quotes
                .iter()
                .map(|&q| s.quotes[q].text.clone())
                .collect()
        };
        assert_eq!(texts(&at_places(&s, &["nairobi"])), ["Said in Nairobi"]);
        assert_eq!(texts(&at_places(&s, &["haiti"])), ["Said at the visit"]);
        assert_eq!(texts(&Filter::default()).len(), 3);
    }

    #[test]
    fn places_and_actors_combine() {
        let (s, index) = places_setup();
        let mut filter = at_places(&s, &["haiti"]);
        filter.actors = vec![s.actor_by_id("ruto").unwrap()];
        assert_eq!(ids(&s, &select(&s, &index, &filter).events), ["visit"]);
    }

    #[test]
    fn search_matches_an_events_place_by_name_and_alias() {
        let (s, index) = places_setup();
        let search = |text: &str| {
            let filter = Filter {
                search: text.into(),
                ..Filter::default()
            };
            ids(&s, &select(&s, &index, &filter).events)
        };
        assert_eq!(search("port-au"), ["visit"]);
        assert_eq!(search("pap"), ["visit"]);
        assert_eq!(search("louverture"), ["landing"]);
        // Like actors, search sees the event's own place, not what contains it.
        assert!(search("haiti").is_empty());
        let matching = index.places_matching("NAIRO");
        assert_eq!(matching, [false, false, false, true]);
    }

    #[test]
    fn places_count_their_events_with_what_lies_inside() {
        let (s, index) = places_setup();
        let counts: Vec<usize> = (s.place_ixs())
            .map(|p| index.place_event_count(p))
            .collect();
        assert_eq!(counts, [2, 2, 1, 1]);
        let kept = select(&s, &index, &at_places(&s, &["airport"])).events;
        assert_eq!(place_counts(&s, &index, &kept), [1, 1, 1, 0]);
        assert_eq!(index.place_depth(s.place_by_id("airport").unwrap()), 2);
    }

    #[test]
    fn unknown_place_ids_come_with_the_place_most_likely_meant() {
        let (s, _) = places_setup();
        let err = |id: &str| places_from_ids(&s, &[id.to_string()]).unwrap_err();
        assert_eq!(
            err("nairobbi"),
            "--place: no place `nairobbi` in this situation; did you mean `nairobi`?"
        );
        assert!(err("Port-au-Prince").ends_with("did you mean `pap` (Port-au-Prince)?"));
        assert!(
            err("louverture").ends_with("did you mean `airport` (Toussaint Louverture airport)?")
        );
        assert!(err("tokyo").ends_with("known ids: haiti, pap, airport, nairobi"));
        assert_eq!(
            places_from_ids(&s, &["pap".into(), "haiti".into(), "pap".into()]),
            Ok(vec![PlaceIx::new(1), PlaceIx::new(0)])
        );
        let none = load_str("[situation]\ntitle = \"t\"\nas_of = 2024-01-01\n")
            .situation
            .unwrap();
        assert!(
            places_from_ids(&none, &["x".into()])
                .unwrap_err()
                .ends_with("the file names no places")
        );
    }

    #[test]
    fn toggling_a_place_twice_removes_it() {
        let mut filter = Filter::default();
        filter.toggle_place(PlaceIx::new(2));
        assert!(!filter.is_empty());
        filter.toggle_place(PlaceIx::new(2));
        assert!(filter.is_empty());
    }
}
