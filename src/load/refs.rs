//! Ids and the references between tables.
//!
//! Items are read one at a time, in file order, and an item may refer to one
//! further down the file. So ids are collected as items are read, and each
//! reference gets a provisional number; once every id is known, [`Refs::resolve`]
//! turns the numbers into indices (or reports the unknown ids).

use std::borrow::Cow;
use std::hash::BuildHasher;
use std::ops::Range;

use foldhash::fast::RandomState;
use hashbrown::{HashTable, hash_table};

use crate::model::{ActorIx, EventIx, ListIndex, MAX_ITEMS, PlaceIx, SourceIx};

use super::diagnostic::Diagnostic;
use super::fields::{self, Problems, Value};
use super::spans::Spans;
use super::suggest::closest;
use super::written::Written;

/// The tables that references point into.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Table {
    Sources,
    Actors,
    Events,
    Places,
}

impl Table {
    fn what(self) -> &'static str {
        match self {
            Table::Sources => "source",
            Table::Actors => "actor",
            Table::Events => "event",
            Table::Places => "place",
        }
    }
}

/// Ids of one table, for resolving references. The first of duplicates wins.
pub(super) struct Ids<'i> {
    /// "event", for messages.
    what: &'static str,
    /// Positions (in `written`) of the first item with each id, found by the
    /// id's hash: four bytes an item where a map of ids to positions would
    /// take forty (a million events' ids are a good part of the load's
    /// memory). A fast hasher: ids come from the file, which is the user's
    /// own, and at a million items SipHash is most of the time spent here.
    index: HashTable<u32>,
    hasher: RandomState,
    /// Whether anything refers to the item (for unreferenced/uncited warnings).
    pub used: Vec<bool>,
    /// Span of each item's id in the file, where those warnings point; kept
    /// only for tables that have them (nothing has to refer to an event).
    pub spans: Spans,
    warns_unused: bool,
    /// Each item's id as written, for those warnings to name it.
    pub written: Written<'i>,
    /// Names and aliases (lower-cased) with the id they belong to: a
    /// reference written as a name ("Port-au-Prince") is pointed at the id.
    pub labels: Vec<(String, Cow<'i, str>)>,
}

impl<'i> Ids<'i> {
    pub fn new(what: &'static str, warns_unused: bool, text: &'i str) -> Self {
        Ids {
            warns_unused,
            what,
            index: HashTable::new(),
            hasher: RandomState::default(),
            used: Vec::new(),
            spans: Spans::default(),
            written: Written::new(text),
            labels: Vec::new(),
        }
    }

    /// Room for `n` more items.
    pub fn reserve(&mut self, n: usize) {
        let (written, hasher) = (&self.written, &self.hasher);
        self.index
            .reserve(n, |&i| hasher.hash_one(id_at(written, i)));
        self.used.reserve(n);
        if self.warns_unused {
            self.spans.reserve(n);
        }
        self.written.reserve(n);
    }

    /// The position of the first item with this id, if there is one.
    fn position(&self, id: &str) -> Option<usize> {
        let written = &self.written;
        let hash = self.hasher.hash_one(id);
        let &i = self.index.find(hash, |&i| id_at(written, i) == id)?;
        Some(i as usize)
    }

    /// The index of the item with this id, marked as referred to.
    fn find(&mut self, id: &str) -> Option<usize> {
        let i = self.position(id)?;
        self.used[i] = true;
        Some(i)
    }

    /// The valid ids, first of duplicates only, in file order: what "did
    /// you mean" chooses from, the same one on every run when several are
    /// equally close. Only asked for when a reference is wrong.
    fn known(&self) -> impl Iterator<Item = &str> {
        self.written.iter().enumerate().filter_map(|(i, id)| {
            let id = id?;
            let first = self.position(id) == Some(i);
            (first && fields::id_problem(id).is_none()).then_some(id)
        })
    }

    /// Registers the next item of the table (a table value): its id is
    /// checked for form and uniqueness. Returns the item's index.
    pub fn add(&mut self, item: &Value<'i>, problems: &mut Problems) -> usize {
        let i = self.used.len();
        let id_value = item.get_ref().as_table().and_then(|t| t.get("id"));
        let span = id_value.map_or(item.span(), |v| v.span());
        self.used.push(false);
        if self.warns_unused {
            self.spans.push(problems.in_file(span.clone()));
        }
        let id = match id_value.map(|v| v.get_ref()) {
            Some(toml::de::DeValue::String(id)) => Some(id.clone()),
            _ => None,
        };
        self.written.push(id);
        let Some(toml::de::DeValue::String(id)) = id_value.map(|v| v.get_ref()) else {
            // Nothing can refer to an item without an id; its error says so.
            self.used[i] = true;
            return i;
        };
        if let Some(problem) = fields::id_problem(id) {
            problems.push(
                Diagnostic::error(span.clone(), problem).with_help(fields::id_suggestion(id)),
            );
            // Its error says what to do; a reference written as the
            // fixed id should not also call it unused.
            self.used[i] = true;
        }
        let what = self.what;
        let (written, hasher) = (&self.written, &self.hasher);
        let hash = hasher.hash_one(id.as_ref());
        let same = |&j: &u32| id_at(written, j) == id.as_ref();
        let rehash = |&j: &u32| hasher.hash_one(id_at(written, j));
        match self.index.entry(hash, same, rehash) {
            hash_table::Entry::Occupied(_) => {
                // References reach the first of the ids only; the error
                // already covers this one, so it is not also called unused.
                self.used[i] = true;
                problems.push(
                    Diagnostic::error(span, format!("duplicate {what} id `{id}`")).with_help(Some(
                        format!("each {what} needs its own id; rename one of them"),
                    )),
                )
            }
            hash_table::Entry::Vacant(slot) => {
                // A table holds at most `MAX_ITEMS`, which a `u32` reaches.
                slot.insert(u32::try_from(i).unwrap_or(u32::MAX));
            }
        }
        i
    }
}

/// The id of the item at an index position: always one written as a string.
fn id_at<'a>(written: &'a Written<'_>, i: u32) -> &'a str {
    written.get(i as usize).unwrap_or_default()
}

/// A typed index, and the table its references point into.
pub(super) trait Target: ListIndex {
    const TABLE: Table;
}

impl Target for ActorIx {
    const TABLE: Table = Table::Actors;
}

impl Target for EventIx {
    const TABLE: Table = Table::Events;
}

impl Target for PlaceIx {
    const TABLE: Table = Table::Places;
}

impl Target for SourceIx {
    const TABLE: Table = Table::Sources;
}

/// A reference to an id not seen yet when it was made.
struct Forward<'i> {
    /// The reference's provisional number.
    number: usize,
    table: Table,
    id: Cow<'i, str>,
    /// Where the reference is in the file.
    span: Range<usize>,
}

/// The ids of the tables that can be referred to, and the references made
/// so far, numbered in the order they were made.
pub(super) struct Refs<'i> {
    pub sources: Ids<'i>,
    pub actors: Ids<'i>,
    pub events: Ids<'i>,
    pub places: Ids<'i>,
    /// What each reference points to, by provisional number: known at once
    /// when the id came earlier in the file (the usual case), else set by
    /// [`Refs::resolve`].
    targets: Resolved,
    forward: Vec<Forward<'i>>,
    /// Most references a file may make: until they are resolved, their
    /// provisional numbers stand in the model's index fields, so they must
    /// fit an index ([`MAX_ITEMS`]).
    pub max_refs: usize,
}

impl<'i> Refs<'i> {
    /// For references in `text`, the whole file.
    pub fn new(text: &'i str) -> Self {
        Refs {
            sources: Ids::new("source", true, text),
            actors: Ids::new("actor", true, text),
            events: Ids::new("event", false, text),
            places: Ids::new("place", true, text),
            targets: Resolved(Vec::new()),
            forward: Vec::new(),
            max_refs: MAX_ITEMS,
        }
    }

    pub fn ids(&mut self, table: Table) -> &mut Ids<'i> {
        match table {
            Table::Sources => &mut self.sources,
            Table::Actors => &mut self.actors,
            Table::Events => &mut self.events,
            Table::Places => &mut self.places,
        }
    }

    /// A reference to an item of `I`'s table: a provisional number to keep
    /// in the model until [`Refs::resolve`], or `None` (reported) when the
    /// value is not a string or the file makes too many references.
    pub fn refer<I: Target>(&mut self, value: &Value<'i>, problems: &mut Problems) -> Option<I> {
        self.add(I::TABLE, value, problems).map(I::at)
    }

    /// As [`Refs::refer`], for a table named by value.
    pub fn add(
        &mut self,
        table: Table,
        value: &Value<'i>,
        problems: &mut Problems,
    ) -> Option<usize> {
        let id = fields::string_cow(value, problems)?;
        let number = self.targets.0.len();
        if number >= self.max_refs {
            // Reported once, at the first reference too many.
            if number == self.max_refs {
                problems.error(
                    value.span(),
                    format!(
                        "this is one of more than {} references, the most a file may make",
                        crate::number_text::group_integer(self.max_refs as i128)
                    ),
                );
                self.targets.set_next(None);
            }
            return None;
        }
        let target = self.ids(table).find(&id);
        if target.is_none() {
            self.forward.push(Forward {
                number,
                table,
                id,
                span: problems.in_file(value.span()),
            });
        }
        self.targets.set_next(target);
        Some(number)
    }

    /// The index each reference points to, by provisional number. References
    /// to ids that are nowhere in the file are reported, with the nearest
    /// known id, and point to `None`.
    pub fn resolve(&mut self, problems: &mut Problems) -> Resolved {
        for r in std::mem::take(&mut self.forward) {
            let ids = self.ids(r.table);
            let target = ids.find(&r.id);
            if target.is_none() {
                let (what, id) = (r.table.what(), &r.id);
                // An item whose id is not valid yet, but would be this one
                // once fixed, is the one meant.
                let invalid = ids.written.iter().flatten().find(|written| {
                    fields::id_problem(written).is_some()
                        && fields::id_suggestion(written).as_deref() == Some(&format!("try `{id}`"))
                });
                let lower = id.trim().to_lowercase();
                let by_label = ids.labels.iter().find(|(label, _)| *label == lower);
                let by_typo =
                    |ids: &Ids| closest(id, ids.known()).map(|c| Cow::Owned(c.to_string()));
                let help = match (invalid, by_label) {
                    (Some(written), _) => Some(format!(
                        "the {what} with id `{written}`? fix its id to `{id}`"
                    )),
                    (None, Some((_, owner))) => {
                        let owner = owner.clone();
                        ids.find(&owner);
                        Some(format!(
                            "refer to a {what} by its id: did you mean `{owner}`?"
                        ))
                    }
                    (None, None) => match by_typo(ids) {
                        // The item meant is referred to, once the typo is fixed.
                        Some(meant) => {
                            ids.find(&meant);
                            Some(format!("did you mean `{meant}`?"))
                        }
                        None => Some(format!("add a [[{what}s]] entry with id = \"{id}\"")),
                    },
                };
                problems
                    .push(Diagnostic::error(r.span, format!("no {what} `{id}`")).with_help(help));
            }
            self.targets.set(r.number, target);
        }
        std::mem::replace(&mut self.targets, Resolved(Vec::new()))
    }
}

/// What each reference points to, by provisional number. Four bytes each
/// (a million events make some five million references): a table's
/// indices fit in a `u32`, and `u32::MAX` is "nowhere".
pub(super) struct Resolved(Vec<u32>);

impl Resolved {
    const NOWHERE: u32 = u32::MAX;

    /// Every reference resolved, to the positions given by provisional number.
    pub fn from_targets(targets: Vec<u32>) -> Resolved {
        Resolved(targets)
    }

    /// The index reference `number` points to, if it resolved.
    pub fn get(&self, number: usize) -> Option<usize> {
        match self.0.get(number) {
            Some(&Self::NOWHERE) | None => None,
            Some(&i) => Some(i as usize),
        }
    }

    fn set_next(&mut self, target: Option<usize>) {
        self.0.push(Self::encode(target));
    }

    fn set(&mut self, number: usize, target: Option<usize>) {
        self.0[number] = Self::encode(target);
    }

    fn encode(target: Option<usize>) -> u32 {
        // Below `MAX_ITEMS`, which is below `NOWHERE`.
        target.map_or(Self::NOWHERE, |i| u32::try_from(i).unwrap_or(Self::NOWHERE))
    }
}
