//! TOML text to a checked [`Situation`]: every problem in the file is
//! collected with its place, and the model is built only when there is none.
//!
//! A file is read one section at a time when it can be (`sections`), so that
//! a large file never needs its whole spanned tree in memory. Items are read
//! in file order; references between them are resolved once every id is
//! known (`refs`), so an item may refer to one further down.
//!
//! A file without errors goes a faster way (`fast`): one pass from the
//! text straight into the model, on every core, and for a large file on
//! disk without ever holding its text whole (unless it has warnings to
//! show). It makes the same warnings the full reader makes; at an error
//! (or any TOML it does not take) it leaves the file to the full reader
//! described above, so what a user is told never changes.

mod diagnostic;
mod fast;
pub(crate) mod fields;
mod progress;
mod refs;
mod sections;
mod spans;
mod suggest;
mod written;

use std::borrow::Cow;
use std::collections::HashSet;
use std::hash::BuildHasher;
use std::ops::Range;

use foldhash::fast::FixedState;

use toml::de::{DeTable, DeValue};

pub use diagnostic::{Diagnostic, Severity, SourceText};
pub use fast::{Loaded, load_file_with, load_opened_with};
pub use progress::{Progress, Snapshot, Step};
pub use suggest::{closest, did_you_mean};

use crate::model::{
    Actor, ActorIx, ActorKind, Event, EventIx, LatLon, Lines, ListIndex, MAX_ITEMS, Metric,
    MetricKind, Number, Observation, Place, PlaceIx, PlaceKind, Qualifier, Quote, Situation,
    Source, SourceIx,
};
use crate::number_text;
use fields::{Fields, Problems, Value};
use refs::{Ids, Refs, Resolved};
use spans::Spans;
use written::Written;

/// The outcome of reading one file.
#[derive(Debug)]
pub struct Report {
    /// Present when the file has no error (it may still have warnings).
    pub situation: Option<Situation>,
    /// Errors and warnings in line order.
    pub diagnostics: Vec<Diagnostic>,
}

impl Report {
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| d.is_error())
    }

    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| !d.is_error())
    }

    fn failed(diagnostic: Diagnostic) -> Report {
        Report {
            situation: None,
            diagnostics: vec![diagnostic],
        }
    }
}

/// Reads raw bytes: anything that is not UTF-8 TOML is reported, never a panic.
pub fn load_bytes(bytes: &[u8]) -> Report {
    match std::str::from_utf8(bytes) {
        Ok(text) => load_str(text),
        Err(e) => {
            let at = e.valid_up_to();
            Report::failed(Diagnostic::error(
                at..at + 1,
                "the file is not UTF-8 text (a situation file is TOML, which is always UTF-8)",
            ))
        }
    }
}

const TOP_KEYS: &[&str] = &[
    "situation",
    "sources",
    "actors",
    "places",
    "events",
    "metrics",
    "quotes",
];
const SITUATION_KEYS: &[&str] = &["title", "as_of", "summary", "location", "tags"];
const SOURCE_KEYS: &[&str] = &["id", "title", "publisher", "date", "url"];
const ACTOR_KEYS: &[&str] = &["id", "name", "kind", "role", "part_of", "aliases", "tags"];
const PLACE_KEYS: &[&str] = &[
    "id",
    "name",
    "kind",
    "part_of",
    "lat",
    "lon",
    "approximate",
    "aliases",
];
const EVENT_KEYS: &[&str] = &[
    "id", "date", "end", "title", "summary", "actors", "location", "place", "category", "tags",
    "sources",
];
const METRIC_KEYS: &[&str] = &[
    "id",
    "label",
    "unit",
    "actors",
    "target",
    "note",
    "value",
    "date",
    "qualifier",
    "source",
    "points",
    "since",
    "until",
];
const POINT_KEYS: &[&str] = &["date", "value", "qualifier", "source"];
const QUOTE_KEYS: &[&str] = &[
    "id", "speaker", "text", "date", "context", "about", "event", "place", "sources",
];

/// Parses and checks a situation file's text.
pub fn load_str(text: &str) -> Report {
    load_str_with(text, &Progress::new())
}

/// [`load_bytes`], telling `progress` how far it has got.
pub fn load_bytes_with(bytes: &[u8], progress: &Progress) -> Report {
    match std::str::from_utf8(bytes) {
        Ok(text) => load_str_with(text, progress),
        Err(_) => load_bytes(bytes),
    }
}

/// [`load_str`], telling `progress` how far it has got.
pub fn load_str_with(text: &str, progress: &Progress) -> Report {
    load_either_way(text, progress, true)
}

/// [`load_str`] by the full reader alone, as a file with problems is read:
/// what the fast path must agree with.
pub fn load_str_in_full(text: &str) -> Report {
    load_either_way(text, &Progress::new(), false)
}

/// [`load_str`] by the fast path alone: its report when it takes the file,
/// `None` when it leaves it to the full reader.
pub fn load_str_fast(text: &str) -> Option<Report> {
    fast::read(text, &Progress::new())
}

/// [`load_bytes_with`], with or without trying the fast path first.
fn load_bytes_either_way(bytes: &[u8], progress: &Progress, try_fast: bool) -> Report {
    match std::str::from_utf8(bytes) {
        Ok(text) => load_either_way(text, progress, try_fast),
        Err(_) => load_bytes(bytes),
    }
}

fn load_either_way(text: &str, progress: &Progress, try_fast: bool) -> Report {
    progress.set_total(text.len());
    progress.set_step(Step::Parsing);
    if text.contains('\0') {
        let at = text.find('\0').unwrap_or(0);
        return Report::failed(Diagnostic::error(
            at..at + 1,
            "the file contains a NUL byte: it is binary, not a TOML situation file",
        ));
    }
    if try_fast && let Some(report) = fast::read(text, progress) {
        return report;
    }
    progress.reset_parsed();
    load_in_full(text, progress)
}

/// The full reader: every problem is found and reported, where the fast
/// path ([`fast`]) only takes files that have none.
fn load_in_full(text: &str, progress: &Progress) -> Report {
    let mut problems = Problems::default();
    match sections::read(text, Builder::new(text, &mut problems), progress) {
        Some(situation) => finished(problems, situation),
        None => read_whole(text),
    }
}

/// Reads the whole document's tree at once: the way for files that cannot
/// be read by sections (see `sections`).
fn read_whole(text: &str) -> Report {
    let (root, errors) = DeTable::parse_recoverable(text);
    let mut problems = Problems::default();
    if let Some(first) = errors.first() {
        // A date the calendar lacks (2024-09-31) leaves the document whole,
        // so the rest of the file can still be checked. Any other syntax
        // error may have thrown the parser off: only the first is sure.
        if !errors.iter().all(is_impossible_date) {
            let message = first.message().trim_end().to_string();
            if first.span().is_none()
                && message == "recursion limit"
                && let Some((span, parts)) = too_deep_key(text)
            {
                return Report::failed(
                    Diagnostic::error(
                        span,
                        format!(
                            "TOML syntax: a key of {parts} dotted parts nests deeper than \
                             the {DOTTED_KEY_LIMIT} levels a file may have"
                        ),
                    )
                    .with_help(Some(
                        "a situation file's tables are one level deep, as [situation] or \
                         [[events]]"
                            .into(),
                    )),
                );
            }
            let span = first.span().unwrap_or(0..0);
            return Report::failed(
                Diagnostic::error(span.clone(), format!("TOML syntax: {message}"))
                    .with_help(syntax_hint(text, span.start)),
            );
        }
        for error in &errors {
            let detail = error.message().trim_end();
            let detail = detail.strip_prefix("invalid date, ").unwrap_or(detail);
            problems.error(
                error.span().unwrap_or(0..0),
                format!("this date does not exist in the calendar: {detail}"),
            );
        }
    }
    let mut builder = Builder::new(text, &mut problems);
    builder.document(root.get_ref());
    let situation = builder.finish();
    finished(problems, situation)
}

/// What usually causes a syntax error on this line, when it is plain:
/// thousands separators in a number ("value = 1,234").
pub(crate) fn syntax_hint(text: &str, at: usize) -> Option<String> {
    let start = text[..at.min(text.len())].rfind('\n').map_or(0, |i| i + 1);
    let line = text[start..].lines().next().unwrap_or_default();
    let (_, value) = line.split_once('=')?;
    let value = value.trim();
    let grouped = value.contains(',')
        && value
            .split(',')
            .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit() || b == b'.'));
    grouped.then(|| {
        format!(
            "numbers take no commas: write {} or {}",
            value.replace(',', ""),
            value.replace(',', "_")
        )
    })
}

/// How many parts a dotted key or header may have before the TOML parser
/// gives up (its recursion limit, which it reports without a place).
const DOTTED_KEY_LIMIT: usize = 80;

/// The first key or table header with more dotted parts than the parser
/// takes, and how many it has: where its placeless error belongs.
fn too_deep_key(text: &str) -> Option<(Range<usize>, usize)> {
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        let key = if trimmed.starts_with('[') {
            trimmed.split(']').next().unwrap_or_default()
        } else {
            trimmed.split('=').next().unwrap_or_default()
        };
        let key = key.trim_end();
        let parts = key.split('.').count();
        if parts >= DOTTED_KEY_LIMIT {
            return Some((start + indent..start + indent + key.len(), parts));
        }
        start += line.len();
    }
    None
}

/// The parser's complaint about a well-formed date that does not exist.
fn is_impossible_date(error: &toml::de::Error) -> bool {
    error.message().starts_with("invalid date")
}

fn finished(problems: Problems, situation: Option<Situation>) -> Report {
    let mut diagnostics = problems.list;
    // Stable: problems at the same place keep the order they were found in,
    // except that errors come before warnings (references are resolved last).
    diagnostics.sort_by_key(|d| (d.span.start, d.severity));
    let has_errors = diagnostics.iter().any(Diagnostic::is_error);
    Report {
        situation: situation.filter(|_| !has_errors),
        diagnostics,
    }
}

/// A cycle as `a → b → c → a`; a long one by its first few ids and a
/// count of the rest, so that a cycle through a whole file is one line.
fn cycle_names<'a>(cycle: &[usize], id_of: impl Fn(usize) -> &'a str) -> String {
    const SHOWN: usize = 5;
    let Some(&first) = cycle.first() else {
        return String::new();
    };
    if cycle.len() <= SHOWN + 1 {
        let names: Vec<&str> = cycle.iter().chain([&first]).map(|&c| id_of(c)).collect();
        return names.join(" → ");
    }
    let names: Vec<&str> = cycle[..SHOWN].iter().map(|&c| id_of(c)).collect();
    let rest = cycle.len() - SHOWN;
    format!(
        "{} → … {} more … → {} ({} in all)",
        names.join(" → "),
        number_text::group_integer(rest as i128),
        id_of(first),
        number_text::group_integer(cycle.len() as i128),
    )
}

/// A list of actors (an event's or a metric's `actors`, a quote's `about`).
/// The same id twice is a slip, not a second actor: warned at the repeat,
/// and counted once, so that lists and counts do not show it twice.
fn actor_list<'i>(
    f: &Fields<'_, 'i>,
    key: &str,
    what: &str,
    p: &mut Problems,
    refs: &mut Refs<'i>,
) -> Result<Vec<ActorIx>, ()> {
    let mut seen = std::collections::HashSet::new();
    f.list(key, p, |v, p| {
        if let DeValue::String(id) = v.get_ref()
            && !seen.insert(id.clone())
        {
            p.push(
                Diagnostic::warning(
                    v.span(),
                    format!("actor `{id}` is listed twice in this {what}'s `{key}`"),
                )
                .with_help(Some("it counts once: remove the repeat".into())),
            );
            return Some(None);
        }
        refs.refer::<ActorIx>(v, p).map(Some)
    })
    .map(|list| {
        // Not collected in place: that would keep the larger list's memory.
        let mut actors = Vec::with_capacity(list.iter().flatten().count());
        actors.extend(list.into_iter().flatten());
        actors
    })
}

/// The tables of `[[...]]` items.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ItemTable {
    Sources,
    Actors,
    Places,
    Events,
    Metrics,
    Quotes,
}

impl ItemTable {
    /// The lines kept for this table's items.
    fn lines(self, lines: &mut Lines) -> &mut Vec<u32> {
        match self {
            ItemTable::Sources => &mut lines.sources,
            ItemTable::Actors => &mut lines.actors,
            ItemTable::Places => &mut lines.places,
            ItemTable::Events => &mut lines.events,
            ItemTable::Metrics => &mut lines.metrics,
            ItemTable::Quotes => &mut lines.quotes,
        }
    }

    const ALL: [ItemTable; 6] = [
        ItemTable::Sources,
        ItemTable::Actors,
        ItemTable::Places,
        ItemTable::Events,
        ItemTable::Metrics,
        ItemTable::Quotes,
    ];

    fn name(self) -> &'static str {
        match self {
            ItemTable::Sources => "sources",
            ItemTable::Actors => "actors",
            ItemTable::Places => "places",
            ItemTable::Events => "events",
            ItemTable::Metrics => "metrics",
            ItemTable::Quotes => "quotes",
        }
    }

    fn named(name: &str) -> Option<ItemTable> {
        ItemTable::ALL.into_iter().find(|t| t.name() == name)
    }
}

/// Items of one table read so far. Once one has failed the table will
/// never be used, so later ones are not kept.
struct Collected<T> {
    items: Vec<T>,
    complete: bool,
}

impl<T> Collected<T> {
    fn new() -> Self {
        Collected {
            items: Vec::new(),
            complete: true,
        }
    }

    fn push(&mut self, item: Option<T>) {
        match item {
            Some(item) if self.complete => self.items.push(item),
            Some(_) => {}
            None => {
                self.complete = false;
                self.items = Vec::new();
            }
        }
    }

    fn finish(self) -> Option<Vec<T>> {
        self.complete.then_some(self.items)
    }
}

/// The `[situation]` table's title, as_of, summary, location and tags.
type Header = (
    String,
    chrono::NaiveDate,
    Option<String>,
    Option<String>,
    Vec<String>,
);

/// What cycle reports need to know about the `part_of` of a table's items
/// (actors or places), by position (their ids are the table's `written`
/// ones). Twelve bytes an item: a file may hold a million actors.
#[derive(Default)]
struct Links {
    /// Provisional reference number of each item's `part_of` (see `refs`),
    /// or [`Links::NONE`]. Reference numbers fit a `u32`: a file makes at
    /// most [`MAX_ITEMS`] references.
    part_of: Vec<u32>,
    /// The `part_of` value, or the item's table, in the file.
    spans: Spans,
}

impl Links {
    const NONE: u32 = u32::MAX;

    fn reserve(&mut self, n: usize) {
        self.part_of.reserve(n);
        self.spans.reserve(n);
    }

    fn push(&mut self, part_of: Option<usize>, span: Range<usize>) {
        let number = part_of.and_then(|r| u32::try_from(r).ok());
        self.part_of.push(number.unwrap_or(Self::NONE));
        self.spans.push(span);
    }
}

/// Reads items one at a time and builds the situation at the end.
struct Builder<'i, 'p> {
    problems: &'p mut Problems,
    header: Option<Header>,
    /// Whether the file has a `[situation]` (even a broken one).
    situation_seen: bool,
    metric_ids: Ids<'i>,
    quote_ids: Ids<'i>,
    refs: Refs<'i>,
    /// By actor position, kept even when the actor itself has other errors
    /// so that cycles are always found.
    links: Links,
    /// The same for places.
    place_links: Links,
    /// Each event's `location`, for a location that names a place should be
    /// that `place`.
    locations: Vec<Location>,
    sources: Collected<Source>,
    actors: Collected<Actor>,
    places: Collected<Place>,
    events: Collected<Event>,
    metrics: Collected<Metric>,
    quotes: Collected<Quote>,
    /// Each item's line, as read.
    lines: Lines,
    counter: LineCounter<'i>,
    /// Items read so far in each table, by `ItemTable as usize`.
    counts: [usize; ItemTable::ALL.len()],
    /// Most items a table may hold: [`MAX_ITEMS`], what a typed index reaches.
    max_items: usize,
}

/// Line numbers of byte offsets in a text, counted on from the last offset
/// asked about: items come in file order, so the whole file is counted once.
struct LineCounter<'i> {
    text: &'i str,
    /// The last offset asked about and its 1-based line.
    at: usize,
    line: u32,
}

impl<'i> LineCounter<'i> {
    fn new(text: &'i str) -> Self {
        LineCounter {
            text,
            at: 0,
            line: 1,
        }
    }

    fn line_of(&mut self, offset: usize) -> u32 {
        let offset = offset.min(self.text.len());
        if offset < self.at {
            (self.at, self.line) = (0, 1);
        }
        let newlines = memchr::memchr_iter(b'\n', &self.text.as_bytes()[self.at..offset]).count();
        self.line = self
            .line
            .saturating_add(u32::try_from(newlines).unwrap_or(u32::MAX));
        self.at = offset;
        self.line
    }
}

impl<'i, 'p> Builder<'i, 'p> {
    fn new(text: &'i str, problems: &'p mut Problems) -> Self {
        Builder {
            lines: Lines::default(),
            counter: LineCounter::new(text),
            problems,
            header: None,
            situation_seen: false,
            metric_ids: Ids::new("metric", false, text),
            quote_ids: Ids::new("quote", false, text),
            refs: Refs::new(text),
            links: Links::default(),
            place_links: Links::default(),
            locations: Vec::new(),
            sources: Collected::new(),
            actors: Collected::new(),
            places: Collected::new(),
            events: Collected::new(),
            metrics: Collected::new(),
            quotes: Collected::new(),
            counts: [0; ItemTable::ALL.len()],
            max_items: MAX_ITEMS,
        }
    }

    /// Room for `n` items of `table`, so lists are not grown by doubling
    /// (and copied) while a large file is read.
    fn reserve(&mut self, table: ItemTable, n: usize) {
        match table {
            ItemTable::Sources => {
                self.refs.sources.reserve(n);
                self.sources.items.reserve(n);
                self.lines.sources.reserve(n);
            }
            ItemTable::Actors => {
                self.refs.actors.reserve(n);
                self.links.reserve(n);
                self.actors.items.reserve(n);
                self.lines.actors.reserve(n);
            }
            ItemTable::Events => {
                self.refs.events.reserve(n);
                self.events.items.reserve(n);
                self.lines.events.reserve(n);
            }
            ItemTable::Metrics => {
                self.metric_ids.reserve(n);
                self.metrics.items.reserve(n);
                self.lines.metrics.reserve(n);
            }
            ItemTable::Quotes => {
                self.quote_ids.reserve(n);
                self.quotes.items.reserve(n);
                self.lines.quotes.reserve(n);
            }
            ItemTable::Places => {
                self.refs.places.reserve(n);
                self.place_links.reserve(n);
                self.places.items.reserve(n);
                self.lines.places.reserve(n);
            }
        }
    }

    /// Reads a whole document's tree: the top level, then each table.
    fn document(&mut self, root: &DeTable<'i>) {
        let top = Fields::open(root, 0..0, "the file", TOP_KEYS, self.problems);
        let tables = ItemTable::ALL.map(|table| (table, self.array_of_tables(&top, table.name())));
        match top.get("situation") {
            Some(value) => self.situation(value),
            None => self.problems.push(missing_situation()),
        }
        self.situation_seen = true;
        for (table, items) in tables {
            for item in items {
                self.item(table, item);
            }
        }
    }

    /// Reads the `[situation]` table.
    fn situation(&mut self, value: &Value<'i>) {
        self.situation_seen = true;
        self.header = fields::table(value, self.problems)
            .and_then(|table| self.situation_header(table, value.span()));
    }

    /// Reads one item (a table) of `table`.
    fn item(&mut self, table: ItemTable, value: &Value<'i>) {
        let fits = self.count(table, value);
        let line = self
            .counter
            .line_of(self.problems.in_file(value.span()).start);
        table.lines(&mut self.lines).push(line);
        let p = &mut *self.problems;
        match table {
            ItemTable::Sources => {
                self.refs.sources.add(value, p);
                let source = self.source(value).filter(|_| fits);
                self.sources.push(source);
            }
            ItemTable::Actors => {
                self.refs.actors.add(value, p);
                let actor = self.actor(value).filter(|_| fits);
                self.actors.push(actor);
            }
            ItemTable::Places => {
                self.refs.places.add(value, p);
                let place = self.place(value).filter(|_| fits);
                self.places.push(place);
            }
            ItemTable::Events => {
                self.refs.events.add(value, p);
                let event = self.event(value).filter(|_| fits);
                self.events.push(event);
            }
            ItemTable::Metrics => {
                self.metric_ids.add(value, p);
                let metric = self.metric(value).filter(|_| fits);
                self.metrics.push(metric);
            }
            ItemTable::Quotes => {
                // Quote ids are optional and nothing refers to them; still unique.
                self.quote_ids.add(value, p);
                let quote = self.quote(value).filter(|_| fits);
                self.quotes.push(quote);
            }
        }
    }

    /// Counts an item of `table`: false past the most a table may hold,
    /// reported once, at the first item too many (indices are `u32`).
    fn count(&mut self, table: ItemTable, value: &Value<'i>) -> bool {
        let count = &mut self.counts[table as usize];
        *count += 1;
        if *count == self.max_items + 1 {
            self.problems.error(
                value.span(),
                format!(
                    "this is one of more than {} {}, the most a file may hold",
                    number_text::group_integer(self.max_items as i128),
                    table.name()
                ),
            );
        }
        *count <= self.max_items
    }

    /// Resolves references, checks what needs every item, and builds the
    /// situation when nothing failed.
    fn finish(mut self) -> Option<Situation> {
        self.problems.offset = 0;
        let resolved = self.refs.resolve(self.problems);
        let problems = &mut *self.problems;
        let actor_ids = &self.refs.actors.written;
        let no_cycles =
            check_part_of_cycles(problems, &self.links, actor_ids, &resolved, "an actor");
        let place_ids = &self.refs.places.written;
        let no_place_cycles =
            check_part_of_cycles(problems, &self.place_links, place_ids, &resolved, "a place");
        self.warn_unused();
        self.warn_locations_naming_places(&resolved);
        // Ids and links are done with: their memory is free for what follows.
        drop((self.refs, self.links, self.place_links));
        drop((self.metric_ids, self.quote_ids));

        let (title, as_of, summary, location, tags) = self.header?;
        let mut situation = Situation {
            title,
            as_of,
            summary,
            location,
            tags,
            sources: self.sources.finish()?,
            actors: self.actors.finish().filter(|_| no_cycles)?,
            places: self.places.finish().filter(|_| no_place_cycles)?,
            events: self.events.finish()?,
            metrics: self.metrics.finish()?,
            quotes: self.quotes.finish()?,
            lines: std::mem::take(&mut self.lines),
        };
        settle_references(&mut situation, &resolved)?;
        drop(resolved);
        into_timeline_order(&mut situation);
        Some(situation)
    }

    /// `[[name]]` at the top level, as a list of its tables.
    fn array_of_tables<'t>(&mut self, top: &Fields<'t, 'i>, name: &str) -> Vec<&'t Value<'i>> {
        let Some(value) = top.get(name) else {
            return Vec::new();
        };
        match value.get_ref() {
            DeValue::Array(items) => {
                let mut tables = Vec::with_capacity(items.len());
                for item in items.iter() {
                    if item.get_ref().is_table() {
                        tables.push(item);
                    } else {
                        self.problems.error(
                            item.span(),
                            format!(
                                "each of `{name}` must be a table ([[{name}]]), found {}",
                                fields::describe(item.get_ref())
                            ),
                        );
                    }
                }
                tables
            }
            other => {
                self.problems.push(
                    Diagnostic::error(
                        value.span(),
                        format!(
                            "`{name}` must be an array of tables, found {}",
                            fields::describe(other)
                        ),
                    )
                    .with_help(Some(format!(
                        "write each item under its own [[{name}]] header"
                    ))),
                );
                Vec::new()
            }
        }
    }

    fn situation_header(&mut self, table: &DeTable<'i>, span: Range<usize>) -> Option<Header> {
        let f = Fields::open(table, span, "[situation]", SITUATION_KEYS, self.problems);
        let p = &mut *self.problems;
        let title = f.required("title", p, fields::text);
        let as_of = f.required("as_of", p, |v, p| {
            let date = fields::date(v, p)?;
            if date.precision() != crate::model::Precision::Day || date.is_approximate() {
                p.push(
                    Diagnostic::error(
                        v.span(),
                        format!(
                            "`as_of` must be an exact day, not `{}`",
                            date.to_file_form()
                        ),
                    )
                    .with_help(Some(format!(
                        "for example {}",
                        date.end().format("%Y-%m-%d")
                    ))),
                );
                return None;
            }
            Some(date.start())
        });
        let summary = f.optional("summary", p, fields::string);
        let location = f.optional("location", p, fields::string);
        let tags = f.list("tags", p, fields::string);
        Some((title?, as_of?, summary.ok()?, location.ok()?, tags.ok()?))
    }

    fn open<'t>(
        &mut self,
        value: &'t Value<'i>,
        what: &'static str,
        known: &'static [&'static str],
    ) -> Fields<'t, 'i> {
        // Only tables reach here: `array_of_tables` filtered the rest out.
        let table = value
            .get_ref()
            .as_table()
            .expect("array_of_tables keeps tables only");
        Fields::open(table, value.span(), what, known, self.problems)
    }

    fn source(&mut self, value: &Value<'i>) -> Option<Source> {
        let f = self.open(value, "[[sources]]", SOURCE_KEYS);
        let p = &mut *self.problems;
        let id = f.required("id", p, fields::string);
        let title = f.required("title", p, fields::text);
        let publisher = f.optional("publisher", p, fields::string);
        let date = f.optional("date", p, fields::date);
        let url = f.optional("url", p, fields::string);
        Some(Source {
            id: id?,
            title: title?,
            publisher: publisher.ok()?,
            date: date.ok()?,
            url: url.ok()?,
        })
    }

    fn actor(&mut self, value: &Value<'i>) -> Option<Actor> {
        let f = self.open(value, "[[actors]]", ACTOR_KEYS);
        let p = &mut *self.problems;
        let id = f.required("id", p, fields::string);
        let name = f.required("name", p, fields::text);
        let kind = f.required("kind", p, |v, p| {
            let text = fields::string(v, p)?;
            let kind = ActorKind::parse(&text);
            if kind.is_none() {
                let names = ActorKind::ALL.map(ActorKind::as_str);
                p.push(
                    Diagnostic::error(v.span(), format!("unknown actor kind `{text}`")).with_help(
                        did_you_mean(&text, names)
                            .or_else(|| Some(format!("use one of: {}", names.join(", ")))),
                    ),
                );
            }
            kind
        });
        let role = f.optional("role", p, fields::string);
        let part_of = f.optional("part_of", p, |v, p| self.refs.refer::<ActorIx>(v, p));
        self.links.push(
            part_of.ok().flatten().map(ActorIx::get),
            p.in_file(f.get("part_of").map_or(value.span(), |v| v.span())),
        );
        let aliases = f.list("aliases", p, fields::boxed_string);
        let tags = f.list("tags", p, fields::boxed_string);
        Some(Actor {
            id: id?.into(),
            name: name?.into(),
            kind: kind?,
            role: role.ok()?.map(String::into_boxed_str),
            part_of: part_of.ok()?,
            aliases: aliases.ok()?.into(),
            tags: tags.ok()?.into(),
        })
    }

    fn event(&mut self, value: &Value<'i>) -> Option<Event> {
        let f = self.open(value, "[[events]]", EVENT_KEYS);
        let p = &mut *self.problems;
        let id = f.required("id", p, fields::string);
        let date = f.required("date", p, fields::date);
        let end = f.optional("end", p, fields::date);
        if let (Some(date), Ok(Some(end)), Some(end_value)) = (date, end, f.get("end"))
            && end.start() < date.start()
        {
            p.push(
                Diagnostic::error(
                    end_value.span(),
                    format!("`end` ({end}) starts before `date` ({date})"),
                )
                .with_help(Some("swap them, or fix the year or month".into())),
            );
        }
        let title = f.required("title", p, fields::text);
        let summary = f.optional("summary", p, fields::string);
        let actors = actor_list(&f, "actors", "event", p, &mut self.refs);
        let location = f.optional("location", p, fields::string);
        let place = f.optional("place", p, |v, p| self.refs.refer::<PlaceIx>(v, p));
        if let (Ok(Some(text)), Some(v)) = (&location, f.get("location")) {
            self.locations.push(Location {
                key: label_key(text),
                span: p.in_file(v.span()),
                place: place.ok().flatten().map(PlaceIx::get),
            });
        }
        let category = f.optional("category", p, fields::string);
        let tags = f.list("tags", p, fields::string);
        let sources = f.list("sources", p, |v, p| self.refs.refer::<SourceIx>(v, p));
        if !f.has("sources") || matches!(&sources, Ok(s) if s.is_empty()) {
            p.push(warn_unsourced(f.get("id"), &f.span, "event"));
        }
        let end = end.ok()?;
        if let (Some(date), Some(e)) = (date, end)
            && e.start() < date.start()
        {
            return None;
        }
        Some(Event {
            id: id?,
            date: date?,
            end,
            title: title?,
            summary: summary.ok()?,
            actors: actors.ok()?,
            location: location.ok()?,
            place: place.ok()?,
            category: category.ok()?,
            tags: tags.ok()?,
            sources: sources.ok()?,
        })
    }

    fn metric(&mut self, value: &Value<'i>) -> Option<Metric> {
        let f = self.open(value, "[[metrics]]", METRIC_KEYS);
        let p = &mut *self.problems;
        let id = f.required("id", p, fields::string);
        let label = f.required("label", p, fields::text);
        let unit = f.optional("unit", p, fields::string);
        let actors = actor_list(&f, "actors", "metric", p, &mut self.refs);
        let target = f.optional("target", p, fields::number);
        let note = f.optional("note", p, fields::string);

        let present: Vec<&str> = ["value", "points", "since", "until"]
            .into_iter()
            .filter(|k| f.has(k))
            .collect();
        // `date`, `qualifier` and `source` describe a single `value`.
        if !f.has("value") {
            for key in ["date", "qualifier", "source"] {
                if let Some(v) = f.get(key) {
                    let help = if f.has("points") {
                        format!("put `{key}` inside each of `points`")
                    } else {
                        "it goes beside `value`".to_string()
                    };
                    p.push(
                        Diagnostic::error(
                            v.span(),
                            format!("`{key}` only goes with a single `value`"),
                        )
                        .with_help(Some(help)),
                    );
                }
            }
        }
        // Each part is read even when there are several, so that problems
        // inside any of them are reported in the same run.
        let mut kinds: Vec<Option<MetricKind>> = Vec::with_capacity(present.len());
        for &key in &present {
            let kind = match key {
                "value" => {
                    let observation = observation(&f, p, &mut self.refs);
                    if observation.as_ref().is_some_and(|o| o.source.is_none()) {
                        p.push(warn_unsourced(f.get("id"), &f.span, "metric"));
                    }
                    observation.map(|o| MetricKind::Observed(vec![o]))
                }
                "points" => {
                    // Present: `present` only lists keys the table has.
                    let Some(value) = f.get("points") else {
                        continue;
                    };
                    let points = fields::list(value, p, |item, p| {
                        let table = fields::table(item, p)?;
                        let pf =
                            Fields::open(table, item.span(), "a metric's `points`", POINT_KEYS, p);
                        if !pf.has("date") {
                            pf.missing("date", p);
                        }
                        let o = observation(&pf, p, &mut self.refs)?;
                        if o.source.is_none() {
                            p.push(
                                Diagnostic::warning(item.span(), "observation has no `source`")
                                    .with_help(Some(
                                    "add `source = \"...\"` to this point, naming a [[sources]] id"
                                        .into(),
                                )),
                            );
                        }
                        o.date.map(|_| o)
                    });
                    match points {
                        Some(points) if points.is_empty() => {
                            p.error(
                                value.span(),
                                "`points` is empty: give at least one observation",
                            );
                            None
                        }
                        Some(mut points) => {
                            points.sort_by_key(|o| o.date.map(|d| (d.start(), d.end())));
                            Some(MetricKind::Observed(points))
                        }
                        None => None,
                    }
                }
                // `present` holds only the four keys: this is `since` or `until`.
                day_count => {
                    let event = f.get(day_count).and_then(|v| self.refs.refer(v, p));
                    if day_count == "since" {
                        event.map(MetricKind::Since)
                    } else {
                        event.map(MetricKind::Until)
                    }
                }
            };
            kinds.push(kind);
        }
        let kind = match present.as_slice() {
            [_] => kinds.pop().flatten(),
            [] => {
                p.push(
                    Diagnostic::error(
                        f.span.clone(),
                        "a metric needs one of `value`, `points`, `since` or `until`",
                    )
                    .with_help(Some(
                        "for example `value = 578000` with `date` and `source`".into(),
                    )),
                );
                None
            }
            [_, second, ..] => {
                let at = f.get(second).map_or(f.span.clone(), |v| v.span());
                p.push(
                    Diagnostic::error(at, format!("a metric takes exactly one of `value`, `points`, `since`, `until`; this one has {}", present.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(" and ")))
                        .with_help(Some("split it into two metrics, or keep one".into())),
                );
                None
            }
        };
        Some(Metric {
            id: id?,
            label: label?,
            unit: unit.ok()?,
            actors: actors.ok()?,
            target: target.ok()?,
            note: note.ok()?,
            kind: kind?,
        })
    }

    fn quote(&mut self, value: &Value<'i>) -> Option<Quote> {
        let f = self.open(value, "[[quotes]]", QUOTE_KEYS);
        let p = &mut *self.problems;
        let id = f.optional("id", p, fields::string);
        let speaker = f.required("speaker", p, |v, p| self.refs.refer(v, p));
        let text = f.required("text", p, fields::text);
        let date = f.optional("date", p, fields::date);
        let context = f.optional("context", p, fields::string);
        let about = actor_list(&f, "about", "quote", p, &mut self.refs);
        let event = f.optional("event", p, |v, p| self.refs.refer(v, p));
        let place = f.optional("place", p, |v, p| self.refs.refer::<PlaceIx>(v, p));
        let sources = f.list("sources", p, |v, p| self.refs.refer::<SourceIx>(v, p));
        if !f.has("sources") || matches!(&sources, Ok(s) if s.is_empty()) {
            p.push(warn_unsourced(f.get("speaker"), &f.span, "quote"));
        }
        Some(Quote {
            id: id.ok()?,
            speaker: speaker?,
            text: text?,
            date: date.ok()?,
            context: context.ok()?,
            about: about.ok()?,
            event: event.ok()?,
            place: place.ok()?,
            sources: sources.ok()?,
        })
    }

    fn place(&mut self, value: &Value<'i>) -> Option<Place> {
        let f = self.open(value, "[[places]]", PLACE_KEYS);
        let p = &mut *self.problems;
        let id = f.required("id", p, fields::string);
        let name = f.required("name", p, fields::text);
        let kind = f.optional("kind", p, |v, p| {
            let text = fields::string(v, p)?;
            let kind = PlaceKind::parse(&text);
            if kind.is_none() {
                let names = PlaceKind::ALL.map(PlaceKind::as_str);
                p.push(
                    Diagnostic::error(v.span(), format!("unknown place kind `{text}`")).with_help(
                        did_you_mean(&text, names)
                            .or_else(|| Some(format!("use one of: {}", names.join(", ")))),
                    ),
                );
            }
            kind
        });
        let part_of = f.optional("part_of", p, |v, p| self.refs.refer::<PlaceIx>(v, p));
        self.place_links.push(
            part_of.ok().flatten().map(PlaceIx::get),
            p.in_file(f.get("part_of").map_or(value.span(), |v| v.span())),
        );
        let point = coordinates(&f, p);
        let approximate = f.optional("approximate", p, fields::boolean);
        let aliases = f.list("aliases", p, fields::string);
        // A reference or a `location` written as this place's name points here.
        if let (Some(id), Some(name)) = (written_id(value), &name) {
            let labels = std::iter::once(name.as_str())
                .chain(aliases.iter().flatten().map(String::as_str))
                .map(|label| (label.trim().to_lowercase(), id.clone()));
            self.refs.places.labels.extend(labels);
        }
        Some(Place {
            id: id?,
            name: name?,
            kind: kind.ok()?.unwrap_or_default(),
            part_of: part_of.ok()?,
            point: point.ok()?,
            approximate: approximate.ok()?.unwrap_or(false),
            aliases: aliases.ok()?,
        })
    }

    fn warn_unused(&mut self) {
        for (ids, what) in [
            (&self.refs.actors, "actor"),
            (&self.refs.sources, "source"),
            (&self.refs.places, "place"),
        ] {
            for ((used, span), id) in ids
                .used
                .iter()
                .zip(ids.spans.iter())
                .zip(ids.written.iter())
            {
                if !used {
                    let id = id.unwrap_or("?");
                    let message = match what {
                        "actor" => format!(
                            "actor `{id}` is never referred to (no event, quote, metric or `part_of` names it)"
                        ),
                        "place" => format!(
                            "place `{id}` is never referred to (no event, quote or `part_of` names it)"
                        ),
                        _ => format!("source `{id}` is never cited"),
                    };
                    self.problems.push(Diagnostic::warning(span, message));
                }
            }
        }
    }
}

impl Builder<'_, '_> {
    /// An event's `location` that is a place's name or alias is a place
    /// written as free text: filtering and the map only see `place`.
    fn warn_locations_naming_places(&mut self, resolved: &Resolved) {
        let labels = &self.refs.places.labels;
        if labels.is_empty() {
            return;
        }
        // Labels are trimmed and lower-cased already.
        let keys: HashSet<u64, FixedState> = labels
            .iter()
            .map(|(label, _)| FixedState::default().hash_one(label.as_str()))
            .collect();
        for Location { key, span, place } in std::mem::take(&mut self.locations) {
            if !keys.contains(&key) {
                continue;
            }
            // Likely a label: read the text again to be sure.
            let text = self.counter.text.get(span.clone()).and_then(|raw| {
                match DeValue::parse(raw).ok()?.into_inner() {
                    DeValue::String(text) => Some(text.trim().to_lowercase()),
                    _ => None,
                }
            });
            let labels = &self.refs.places.labels;
            let Some((_, id)) = text.and_then(|text| labels.iter().find(|(l, _)| *l == text))
            else {
                continue;
            };
            let same = place
                .and_then(|r| resolved.get(r))
                .and_then(|p| self.refs.places.written.get(p))
                .is_some_and(|written| written == id.as_ref());
            let help = if same {
                "drop `location`: `place` already says where".to_string()
            } else {
                format!("use `place = \"{id}\"` so that filtering and the map see it")
            };
            self.problems.push(
                Diagnostic::warning(span, format!("`location` names the place `{id}`"))
                    .with_help(Some(help)),
            );
        }
    }
}

/// An event's `location`: a hash of its text as a label would be written
/// (trimmed, lower-cased; see [`label_key`]), where it is, and the event's
/// `place` reference. A hash rather than the text: three in four events of a
/// large file have a location, and only those that name a place matter.
struct Location {
    key: u64,
    span: Range<usize>,
    place: Option<usize>,
}

/// The hash of a location or place label, trimmed and lower-cased: equal
/// texts give equal keys.
fn label_key(text: &str) -> u64 {
    let text = text.trim();
    let hasher = FixedState::default();
    let mut lower = [0u8; 128];
    match lower.get_mut(..text.len()) {
        // Most locations: ASCII, lower-cased without an allocation.
        Some(lower) if text.is_ascii() => {
            lower.copy_from_slice(text.as_bytes());
            lower.make_ascii_lowercase();
            hasher.hash_one(std::str::from_utf8(lower).unwrap_or_default())
        }
        _ => hasher.hash_one(text.to_lowercase().as_str()),
    }
}

/// A `part_of` chain that comes back to where it started is an error,
/// reported once per cycle at the `part_of` of its first item (`what`:
/// "an actor", "a place") in the file.
fn check_part_of_cycles(
    problems: &mut Problems,
    items: &Links,
    ids: &Written<'_>,
    resolved: &Resolved,
    what: &str,
) -> bool {
    const UNVISITED: u8 = 0;
    const ON_CHAIN: u8 = 1;
    const DONE: u8 = 2;
    // What each item is part of, by position; `Links::NONE` for nothing.
    let links: Vec<u32> = items
        .part_of
        .iter()
        .map(|&r| match r {
            Links::NONE => Links::NONE,
            r => resolved.get(r as usize).map_or(Links::NONE, |i| i as u32),
        })
        .collect();
    let mut state = vec![UNVISITED; links.len()];
    let mut ok = true;
    for start in 0..links.len() {
        let mut chain = Vec::new();
        let mut at = Some(start);
        while let Some(i) = at {
            match state[i] {
                DONE => break,
                ON_CHAIN => {
                    let mut cycle =
                        chain[chain.iter().position(|&c| c == i).unwrap_or(0)..].to_vec();
                    let first = cycle.iter().copied().min().unwrap_or(i);
                    // Named from the actor whose `part_of` the error points at.
                    let from = cycle.iter().position(|&c| c == first).unwrap_or(0);
                    cycle.rotate_left(from);
                    let id_of = |c: usize| ids.get(c).unwrap_or("?");
                    problems.push(
                        Diagnostic::error(
                            items.spans.get(first).unwrap_or_default(),
                            format!("`part_of` forms a cycle: {}", cycle_names(&cycle, id_of)),
                        )
                        .with_help(Some(format!(
                            "{what} cannot be part of itself, directly or through others"
                        ))),
                    );
                    ok = false;
                    break;
                }
                _ => {
                    state[i] = ON_CHAIN;
                    chain.push(i);
                    at = links
                        .get(i)
                        .filter(|&&l| l != Links::NONE)
                        .map(|&l| l as usize);
                }
            }
        }
        for c in chain {
            state[c] = DONE;
        }
    }
    ok
}

/// The id of an item table as written, if it is a string.
fn written_id<'i>(value: &Value<'i>) -> Option<Cow<'i, str>> {
    match value.get_ref().as_table()?.get("id")?.get_ref() {
        DeValue::String(id) => Some(id.clone()),
        _ => None,
    }
}

/// A place's `lat` and `lon`: both or neither, each in range. A latitude
/// out of range beside a longitude that would fit as one is most likely the
/// pair swapped, and the help says so.
fn coordinates(f: &Fields<'_, '_>, p: &mut Problems) -> Result<Option<LatLon>, ()> {
    let lat = f.optional("lat", p, fields::number);
    let lon = f.optional("lon", p, fields::number);
    let (lat, lon) = match (lat?, lon?) {
        (None, None) => return Ok(None),
        (Some(lat), Some(lon)) => (lat, lon),
        (one, _) => {
            let (given, missing) = if one.is_some() {
                ("lat", "lon")
            } else {
                ("lon", "lat")
            };
            let span = f.get(given).map_or(f.span.clone(), |v| v.span());
            p.push(
                Diagnostic::error(span, format!("`{given}` is given without `{missing}`"))
                    .with_help(Some(
                        "give both, or neither for a place known by name only".into(),
                    )),
            );
            return Err(());
        }
    };
    let shown = |n: Number| format!("{:.*}", usize::from(n.decimals), n.value);
    let mut ok = true;
    if !(-90.0..=90.0).contains(&lat.value) {
        let swapped = (-180.0..=180.0).contains(&lat.value) && (-90.0..=90.0).contains(&lon.value);
        let help = if swapped {
            format!(
                "`lat` and `lon` look swapped: lat = {}, lon = {}",
                shown(lon),
                shown(lat)
            )
        } else {
            "latitude runs from -90 (south pole) to 90 (north pole)".to_string()
        };
        let span = f.get("lat").map_or(f.span.clone(), |v| v.span());
        p.push(
            Diagnostic::error(
                span,
                format!("`lat` must be between -90 and 90, found {}", shown(lat)),
            )
            .with_help(Some(help)),
        );
        ok = false;
    }
    if !(-180.0..=180.0).contains(&lon.value) {
        let span = f.get("lon").map_or(f.span.clone(), |v| v.span());
        p.push(
            Diagnostic::error(
                span,
                format!("`lon` must be between -180 and 180, found {}", shown(lon)),
            )
            .with_help(Some(
                "longitude runs from -180 (west) to 180 (east) of Greenwich".into(),
            )),
        );
        ok = false;
    }
    ok.then_some(Some(LatLon {
        lat: lat.value,
        lon: lon.value,
    }))
    .ok_or(())
}

/// The value, date, qualifier and source of one observation (a single
/// `value` or an item of `points`).
fn observation<'i>(
    f: &Fields<'_, 'i>,
    p: &mut Problems,
    refs: &mut Refs<'i>,
) -> Option<Observation> {
    let value = f.required("value", p, fields::number);
    let date = f.optional("date", p, fields::date);
    let qualifier = f.optional("qualifier", p, |v, p| {
        let text = fields::string(v, p)?;
        let q = Qualifier::parse(&text);
        if q.is_none() {
            let names = Qualifier::ALL.map(Qualifier::as_str);
            p.push(
                Diagnostic::error(v.span(), format!("unknown qualifier `{text}`")).with_help(
                    did_you_mean(&text, names)
                        .or_else(|| Some(format!("use one of: {}", names.join(", ")))),
                ),
            );
        }
        q
    });
    let source = f.optional("source", p, |v, p| refs.refer::<SourceIx>(v, p));
    Some(Observation {
        date: date.ok()?,
        value: value?,
        qualifier: qualifier.ok()?.unwrap_or_default(),
        source: source.ok()?,
    })
}

fn warn_unsourced(at: Option<&Value>, table_span: &Range<usize>, what: &str) -> Diagnostic {
    let span = at.map_or(table_span.clone(), |v| v.span());
    warn_unsourced_at(span, at.and_then(|v| v.get_ref().as_str()), what)
}

/// The warning about a `what` without a source, at `span`; `name` is the
/// text of the value there (an id, or a quote's speaker) when it is a string.
fn warn_unsourced_at(span: Range<usize>, name: Option<&str>, what: &str) -> Diagnostic {
    // Name the item by the value the warning points at: an id, or a quote's speaker.
    let named = match name {
        Some(name) if what == "quote" => format!("quote by `{name}`"),
        Some(name) => format!("{what} `{name}`"),
        None => what.to_string(),
    };
    // A metric's single value takes one `source`; `sources` is not a metric key.
    let help = if what == "metric" {
        "add `source = \"...\"` beside `value`, naming a [[sources]] id"
    } else {
        "add `sources = [\"...\"]` naming a [[sources]] id"
    };
    Diagnostic::warning(span, format!("{named} has no source")).with_help(Some(help.into()))
}

fn missing_situation() -> Diagnostic {
    Diagnostic::error(0..0, "missing the `[situation]` table").with_help(Some(
        "start the file with [situation], a `title` and an `as_of` date".into(),
    ))
}

/// Replaces the provisional reference numbers in the model with the indices
/// they resolved to; `None` if one did not resolve (that is reported already).
fn settle_references(s: &mut Situation, resolved: &Resolved) -> Option<()> {
    for actor in &mut s.actors {
        settle_optional(&mut actor.part_of, resolved)?;
    }
    for place in &mut s.places {
        settle_optional(&mut place.part_of, resolved)?;
    }
    for event in &mut s.events {
        settle_all(&mut event.actors, resolved)?;
        settle_optional(&mut event.place, resolved)?;
        settle_all(&mut event.sources, resolved)?;
    }
    for metric in &mut s.metrics {
        settle_all(&mut metric.actors, resolved)?;
        match &mut metric.kind {
            MetricKind::Observed(observations) => {
                for o in observations {
                    settle_optional(&mut o.source, resolved)?;
                }
            }
            MetricKind::Since(event) | MetricKind::Until(event) => settle(event, resolved)?,
        }
    }
    for quote in &mut s.quotes {
        settle(&mut quote.speaker, resolved)?;
        settle_all(&mut quote.about, resolved)?;
        settle_optional(&mut quote.event, resolved)?;
        settle_optional(&mut quote.place, resolved)?;
        settle_all(&mut quote.sources, resolved)?;
    }
    Some(())
}

/// One reference: its provisional number becomes the index it resolved to.
fn settle<I: ListIndex>(n: &mut I, resolved: &Resolved) -> Option<()> {
    *n = I::at(resolved.get(n.position())?);
    Some(())
}

fn settle_all<I: ListIndex>(ns: &mut [I], resolved: &Resolved) -> Option<()> {
    ns.iter_mut().try_for_each(|n| settle(n, resolved))
}

fn settle_optional<I: ListIndex>(n: &mut Option<I>, resolved: &Resolved) -> Option<()> {
    n.as_mut().map_or(Some(()), |n| settle(n, resolved))
}

/// Sorts events into timeline order (ties keep file order) and rewrites
/// every event reference to match.
fn into_timeline_order(situation: &mut Situation) {
    // Sorting small keys, then moving each event once, is several times
    // faster than sorting the events themselves. The file position in the
    // key keeps ties in file order.
    // The tense leads, so that the "now" divider parts the list in two
    // everywhere: a year-long event still running sorts after one that
    // ended last week.
    let as_of = situation.as_of;
    let events = &mut situation.events;
    let mut keys: Vec<_> = events
        .iter()
        .enumerate()
        .map(|(old, e)| (e.tense(as_of), e.first_day(), e.last_day(), old))
        .collect();
    keys.sort_unstable();
    let mut new_index = vec![EventIx::new(0); keys.len()];
    for (new, &(_, _, _, old)) in keys.iter().enumerate() {
        new_index[old] = EventIx::new(new);
    }
    // Each swap puts at least one event in its place.
    let mut place: Vec<usize> = new_index.iter().map(|e| e.get()).collect();
    for i in 0..events.len() {
        while place[i] != i {
            let j = place[i];
            events.swap(i, j);
            place.swap(i, j);
        }
    }
    for metric in &mut situation.metrics {
        if let MetricKind::Since(e) | MetricKind::Until(e) = &mut metric.kind {
            *e = new_index[e.get()];
        }
    }
    for quote in &mut situation.quotes {
        if let Some(e) = &mut quote.event {
            *e = new_index[e.get()];
        }
    }
    let lines = &mut situation.lines.events;
    if lines.len() == new_index.len() {
        let mut sorted = vec![0; lines.len()];
        for (old, &new) in new_index.iter().enumerate() {
            sorted[new.get()] = lines[old];
        }
        *lines = sorted;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A location is matched to place labels by key: the key of a text is
    /// the key of the label it would be, short or long, ASCII or not.
    #[test]
    fn a_location_key_is_its_label_key() {
        let label =
            |text: &str| FixedState::default().hash_one(text.trim().to_lowercase().as_str());
        let long = "Toussaint Louverture International Airport, ".repeat(4);
        for text in [
            " Port-au-Prince ",
            "PÉTION-VILLE",
            "Cité Soleil",
            long.as_str(),
            "",
        ] {
            assert_eq!(label_key(text), label(text), "{text}");
        }
        assert_ne!(label_key("Jacmel"), label_key("Jérémie"));
    }

    /// Reading by sections gives exactly what reading the whole document
    /// gives, for the built-in file and a generated one, and for hundreds of
    /// broken variants of them. Returns how many were read by sections.
    fn same_both_ways(base: &str, variants: usize, seed: u64) -> usize {
        let lines: Vec<&str> = base.lines().collect();
        let inserts = [
            "[situation]",
            "[[events]]",
            "  [[events]]",
            "[events.x]",
            "[situation.sub]",
            "[[actor]]",
            "id = \"dup\"",
            "x = [",
            "[1, 2],",
            "]",
            "\"\"\"",
            "bogus = 1",
            "date = \"late 2024-13\"",
            "end = 2000-01-01",
            "kind = \"persn\"",
            "id = \"Bad Id\"",
            "value = 5",
            "since = \"nope\"",
            "sources = []",
            "actors = [\"nobody\"]",
            "part_of = \"haiti\"",
        ];
        let mut state = seed;
        let mut next = |n: usize| {
            // splitmix64, as in the generator: enough to pick mutations.
            state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
            let mut z = state;
            z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
            ((z ^ (z >> 31)) % n as u64) as usize
        };
        let mut by_sections = 0;
        for variant in 0..=variants {
            let mut mutated: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
            if variant > 0 {
                let at = next(mutated.len());
                match next(5) {
                    0 => drop(mutated.remove(at)),
                    1 => mutated.insert(at, mutated[at].clone()),
                    2 => mutated.insert(at, inserts[next(inserts.len())].to_string()),
                    3 => mutated[at] = mutated[at].replacen('e', "a", 1),
                    _ => {
                        let other = next(mutated.len());
                        mutated.swap(at, other);
                    }
                }
            }
            let text = mutated.join("\n");
            let whole = read_whole(&text);
            let mut problems = Problems::default();
            let Some(situation) =
                sections::read(&text, Builder::new(&text, &mut problems), &Progress::new())
            else {
                continue;
            };
            by_sections += 1;
            let parts = finished(problems, situation);
            assert_eq!(
                parts.diagnostics, whole.diagnostics,
                "variant {variant}:\n{text}"
            );
            assert_eq!(
                format!("{:?}", parts.situation),
                format!("{:?}", whole.situation),
                "variant {variant}"
            );
        }
        by_sections
    }

    #[test]
    fn reading_by_sections_changes_nothing_in_tricky_cases() {
        let cases = [
            // No [situation], an item at the very start, a quote with an
            // unknown speaker and no source, references to later items.
            "[[quotes]]\nspeaker = \"zz\"\ntext = \"hi\"\n[[quotes]]\nspeaker = \"b\"\ntext = \"x\"\nevent = \"e\"\n",
            // A part_of cycle, and actors referring forward.
            "[situation]\ntitle = \"t\"\nas_of = 2024-01-01\n[[actors]]\nid = \"a\"\nname = \"A\"\nkind = \"person\"\npart_of = \"b\"\n[[actors]]\nid = \"b\"\nname = \"B\"\nkind = \"force\"\npart_of = \"a\"\n",
            // Events before the sources they cite, and a duplicate id.
            "[[events]]\nid = \"e\"\ndate = \"mid 2024-02\"\ntitle = \"t\"\nsources = [\"s\", \"s2\"]\n[[events]]\nid = \"e\"\ndate = 2024-02-01\ntitle = \"u\"\n[situation]\ntitle = \"t\"\nas_of = 2024-03-01\n[[sources]]\nid = \"s\"\ntitle = \"S\"\n",
        ];
        for text in cases {
            let mut problems = Problems::default();
            let situation =
                sections::read(text, Builder::new(text, &mut problems), &Progress::new())
                    .expect("these split into sections");
            let parts = finished(problems, situation);
            let whole = read_whole(text);
            assert!(!whole.diagnostics.is_empty());
            assert_eq!(parts.diagnostics, whole.diagnostics, "{text}");
        }
        // At the same place, the error comes first, as it always has.
        let first = load_str(cases[0]);
        let at_speaker: Vec<&str> = first
            .diagnostics
            .iter()
            .filter(|d| d.span.start == cases[0].find("\"zz\"").unwrap())
            .map(|d| d.message.as_str())
            .collect();
        assert_eq!(at_speaker, ["no actor `zz`", "quote by `zz` has no source"]);
    }

    #[test]
    fn reading_by_sections_changes_nothing() {
        let builtin = same_both_ways(crate::BUILTIN_TEXT, 100, 1);
        let mut generated = Vec::new();
        let options = sitrep_generate::Options::new(200, 5);
        sitrep_generate::generate(&options, &mut generated).unwrap();
        let generated = same_both_ways(std::str::from_utf8(&generated).unwrap(), 100, 2);
        // Most variants still split into sections (others are TOML errors).
        assert!(builtin > 40 && generated > 40, "{builtin} {generated}");
    }

    #[test]
    fn events_go_in_timeline_order_with_references_following() {
        let mut text = String::from(
            "[situation]\ntitle = \"t\"\nas_of = 2024-06-01\n\
             [[sources]]\nid = \"s\"\ntitle = \"S\"\n\
             [[actors]]\nid = \"a\"\nname = \"A\"\nkind = \"other\"\n",
        );
        // File order: c, a1, b, a2, d; a1 and a2 tie and keep file order.
        for (id, date) in [
            ("c", "2024-03"),
            ("a1", "2024-01-05"),
            ("b", "early 2024-02"),
            ("a2", "2024-01-05"),
            ("d", "2023"),
        ] {
            text.push_str(&format!(
                "[[events]]\nid = \"{id}\"\ndate = \"{date}\"\ntitle = \"T\"\n\
                 actors = [\"a\"]\nsources = [\"s\"]\n"
            ));
        }
        text.push_str("[[metrics]]\nid = \"m\"\nlabel = \"L\"\nsince = \"a2\"\n");
        text.push_str(
            "[[quotes]]\nspeaker = \"a\"\ntext = \"q\"\nevent = \"b\"\nsources = [\"s\"]\n",
        );
        let report = load_str(&text);
        assert_eq!(report.diagnostics, []);
        let s = report.situation.unwrap();
        let ids: Vec<&str> = s.events.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["d", "a1", "a2", "b", "c"]);
        assert_eq!(s.metrics[0].kind, MetricKind::Since(EventIx::new(2)));
        assert_eq!(s.quotes[0].event, Some(EventIx::new(3)));
    }

    /// A `part_of` chain `n` deep, closed into a cycle or not.
    fn deep_chain(n: usize, closed: bool) -> String {
        let mut text = String::from("[situation]\ntitle = \"t\"\nas_of = 2024-01-01\n");
        for i in 0..n {
            let parent = match i {
                0 if closed => format!("part_of = \"a{}\"\n", n - 1),
                0 => String::new(),
                _ => format!("part_of = \"a{}\"\n", i - 1),
            };
            text.push_str(&format!(
                "[[actors]]\nid = \"a{i}\"\nname = \"A\"\nkind = \"other\"\n{parent}"
            ));
        }
        text
    }

    #[test]
    fn a_chain_through_every_actor_loads_and_a_long_cycle_is_rejected() {
        let n = 20_000;
        let open = load_str(&deep_chain(n, false));
        let s = open.situation.expect("a chain without a cycle loads");
        assert_eq!(s.actors[n - 1].part_of, Some(ActorIx::new(n - 2)));
        let closed = load_str(&deep_chain(20_000, true));
        assert!(closed.situation.is_none());
        let cycles: Vec<&Diagnostic> = closed
            .errors()
            .filter(|d| {
                d.message
                    .starts_with("`part_of` forms a cycle: a0 → a19999 → a19998")
            })
            .collect();
        assert_eq!(cycles.len(), 1);
    }

    #[test]
    fn equally_close_suggestions_follow_file_order() {
        let mut text = String::from("[situation]\ntitle = \"t\"\nas_of = 2024-01-01\n");
        for n in 1..=9 {
            text.push_str(&format!(
                "[[actors]]\nid = \"group-{n}\"\nname = \"G\"\nkind = \"other\"\n"
            ));
        }
        text.push_str("[[quotes]]\nspeaker = \"group-0\"\ntext = \"hi\"\n");
        let report = load_str(&text);
        let unknown = report
            .errors()
            .find(|d| d.message == "no actor `group-0`")
            .expect("the unknown speaker is reported");
        assert_eq!(unknown.help.as_deref(), Some("did you mean `group-1`?"));
    }

    #[test]
    fn more_references_than_an_index_reaches_are_refused_at_the_first_too_many() {
        // The real bound is `u32::MAX` references; a smaller one shows the rule.
        let mut text = String::from("[situation]\ntitle = \"t\"\nas_of = 2024-01-01\n");
        text.push_str("[[actors]]\nid = \"a\"\nname = \"A\"\nkind = \"person\"\n");
        for n in 0..4 {
            text.push_str(&format!(
                "[[quotes]]\nspeaker = \"a\"\ntext = \"said {n}\"\nsources = []\n"
            ));
        }
        let read = |max_refs| {
            let mut problems = Problems::default();
            let mut builder = Builder::new(&text, &mut problems);
            builder.refs.max_refs = max_refs;
            let situation = sections::read(&text, builder, &Progress::new()).expect("sections");
            finished(problems, situation)
        };
        let report = read(2);
        assert!(report.situation.is_none());
        let errors: Vec<&Diagnostic> = report.errors().collect();
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(
            errors[0].message,
            "this is one of more than 2 references, the most a file may make"
        );
        let third_speaker = text.match_indices("speaker = ").nth(2).unwrap().0;
        assert_eq!(errors[0].span.start, third_speaker + "speaker = ".len());
        // At the bound itself the file loads, each quote with its speaker.
        let s = read(4).situation.expect("loads");
        assert!(s.quotes.iter().all(|q| &*s.actors[q.speaker].id == "a"));
    }

    #[test]
    fn a_table_longer_than_an_index_reaches_is_refused_at_its_first_item_too_many() {
        // The real bound is `u32::MAX` items; a smaller one shows the rule.
        let mut text = String::from("[situation]\ntitle = \"t\"\nas_of = 2024-01-01\n");
        text.push_str("[[actors]]\nid = \"a\"\nname = \"A\"\nkind = \"person\"\n");
        for n in 0..4 {
            text.push_str(&format!(
                "[[quotes]]\nspeaker = \"a\"\ntext = \"said {n}\"\nsources = []\n"
            ));
        }
        let mut problems = Problems::default();
        let mut builder = Builder::new(&text, &mut problems);
        builder.max_items = 2;
        let situation = sections::read(&text, builder, &Progress::new()).expect("sections");
        let report = finished(problems, situation);
        assert!(report.situation.is_none());
        let errors: Vec<&Diagnostic> = report.errors().collect();
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(
            errors[0].message,
            "this is one of more than 2 quotes, the most a file may hold"
        );
        assert_eq!(
            errors[0].span.start,
            text.match_indices("[[quotes]]").nth(2).unwrap().0
        );
        // At the bound itself the file loads.
        let mut problems = Problems::default();
        let mut builder = Builder::new(&text, &mut problems);
        builder.max_items = 4;
        let situation = sections::read(&text, builder, &Progress::new()).expect("sections");
        assert_eq!(
            finished(problems, situation)
                .situation
                .unwrap()
                .quotes
                .len(),
            4
        );
    }
}
