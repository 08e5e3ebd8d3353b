//! Reading a piece of a file, table by table, into model items, with the
//! same rules as the full reader: an item the full reader has an error for
//! (or anything else this one does not take) stops this one instead. The
//! warnings an item can carry are made here as the full reader makes them,
//! word for word and at the same place; those that need the whole file
//! (what nothing refers to, a `location` naming a place) are left to the
//! join, with the spans they need.
//!
//! References are numbered in the order they are read, as the full reader
//! numbers them, and the numbers stand in the items until they are resolved.

use std::borrow::Cow;
use std::hash::BuildHasher;
use std::ops::Range;

use foldhash::fast::FixedState;
use hashbrown::{HashTable, hash_table};

use crate::model::{
    Actor, ActorIx, ActorKind, Event, EventIx, LatLon, Lines, ListIndex, Metric, MetricKind,
    Number, Observation, Place, PlaceIx, PlaceKind, Precision, Qualifier, Quote, Source, SourceIx,
};

use super::super::diagnostic::Diagnostic;
use super::super::fields::id_problem;
use super::super::progress::Progress;
use super::super::refs::Table;
use super::super::spans::Spans;
use super::super::{
    ACTOR_KEYS, EVENT_KEYS, Header, ItemTable, METRIC_KEYS, PLACE_KEYS, POINT_KEYS, QUOTE_KEYS,
    SITUATION_KEYS, SOURCE_KEYS,
};
use super::scan::{Line, Scan, Scanner, Stop};

/// Items read between two progress reports.
const REPORT_EVERY: usize = 4096;

/// What one piece of a file holds, in file order.
#[derive(Default)]
pub(super) struct Piece<'i> {
    pub header: Option<Header>,
    pub sources: Vec<Source>,
    pub actors: Vec<Actor>,
    pub places: Vec<Place>,
    pub events: Vec<Event>,
    pub metrics: Vec<Metric>,
    pub quotes: Vec<Quote>,
    /// Each item's line counted from the piece's first line (1).
    pub lines: Lines,
    /// Newlines in the whole piece: where the next one's lines start.
    pub newlines: u32,
    /// Every reference, by provisional number.
    pub refs: Refs<'i>,
    /// Warnings about single items, with their spans in the file.
    pub warnings: Vec<Diagnostic>,
    /// Where each source's, actor's and place's id is in the file, by
    /// `ItemTable as usize` (the other lists stay empty), for the warning
    /// about one that nothing refers to.
    pub id_spans: [Spans; 6],
    /// Where the `location` of each event that has one is in the file.
    pub location_spans: Spans,
}

impl Piece<'_> {
    /// How many items of `table` the piece holds.
    pub fn len(&self, table: ItemTable) -> usize {
        match table {
            ItemTable::Sources => self.sources.len(),
            ItemTable::Actors => self.actors.len(),
            ItemTable::Places => self.places.len(),
            ItemTable::Events => self.events.len(),
            ItemTable::Metrics => self.metrics.len(),
            ItemTable::Quotes => self.quotes.len(),
        }
    }

    /// The piece with nothing borrowed from its text, which can then go.
    pub fn into_owned(self) -> Piece<'static> {
        let names = self.refs.names.into_iter();
        Piece {
            header: self.header,
            sources: self.sources,
            actors: self.actors,
            places: self.places,
            events: self.events,
            metrics: self.metrics,
            quotes: self.quotes,
            lines: self.lines,
            newlines: self.newlines,
            warnings: self.warnings,
            id_spans: self.id_spans,
            location_spans: self.location_spans,
            refs: Refs {
                names: names
                    .map(|(t, id)| (t, Cow::Owned(id.into_owned())))
                    .collect(),
                index: HashTable::new(),
                of: self.refs.of,
            },
        }
    }
}

/// Keys already given in one table: the same key twice is a TOML error.
struct Seen(u32);

impl Seen {
    fn add(&mut self, known: &[&str], key: &str) -> Scan<()> {
        let i = known.iter().position(|k| *k == key).ok_or(Stop::Unusual)?;
        let bit = 1 << i;
        if self.0 & bit != 0 {
            return Err(Stop::Unusual);
        }
        self.0 |= bit;
        Ok(())
    }
}

fn required<T>(value: Option<T>) -> Scan<T> {
    value.ok_or(Stop::Unusual)
}

/// An id as the full reader takes it without a word.
fn id(s: &mut Scanner<'_>) -> Scan<String> {
    let id = s.string()?;
    if id_problem(&id).is_some() {
        return Err(Stop::Unusual);
    }
    Ok(id.into_owned())
}

/// A string that must not be blank.
fn text(s: &mut Scanner<'_>) -> Scan<String> {
    let text = s.string()?;
    if text.trim().is_empty() {
        return Err(Stop::Unusual);
    }
    Ok(text.into_owned())
}

fn string(s: &mut Scanner<'_>) -> Scan<String> {
    Ok(s.string()?.into_owned())
}

/// An array of strings, in a list of just its length (`scratch` grows
/// instead, once for the whole file).
fn strings(s: &mut Scanner<'_>, scratch: &mut Vec<String>) -> Scan<Vec<String>> {
    s.array(|s| {
        scratch.push(string(s)?);
        Ok(())
    })?;
    // Not `mem::take`: the scratch list's spare room would go with it.
    let mut out = Vec::with_capacity(scratch.len());
    out.append(scratch);
    Ok(out)
}

/// The ids a piece refers to, each once, and its references: by
/// provisional number, which of those ids. A million events make millions
/// of references to some thousands of actors and sources: they are looked
/// up once each, and four bytes a reference is all that is kept.
#[derive(Default)]
pub(super) struct Refs<'i> {
    pub names: Vec<(Table, Cow<'i, str>)>,
    index: HashTable<u32>,
    /// By provisional number, the position in `names`.
    pub of: Vec<u32>,
}

impl<'i> Refs<'i> {
    /// The next value as a reference: its provisional number. An id written
    /// with escapes is left to the full reader (ids are plain ASCII, so it
    /// is only ever an odd spelling).
    fn read(&mut self, s: &mut Scanner<'i>, table: Table) -> Scan<usize> {
        let Cow::Borrowed(id) = s.string()? else {
            return Err(Stop::Unusual);
        };
        let hasher = FixedState::default();
        let names = &self.names;
        let name = match self.index.entry(
            hasher.hash_one(id),
            |&i| names[i as usize].0 == table && names[i as usize].1 == id,
            |&i| hasher.hash_one(names[i as usize].1.as_ref()),
        ) {
            hash_table::Entry::Occupied(e) => *e.get(),
            hash_table::Entry::Vacant(slot) => {
                let n = u32::try_from(names.len()).map_err(|_| Stop::Unusual)?;
                slot.insert(n);
                self.names.push((table, Cow::Borrowed(id)));
                n
            }
        };
        self.of.push(name);
        Ok(self.of.len() - 1)
    }
}

/// Reads a piece of a file that starts at a header (or is the whole file),
/// `offset` bytes into the file.
pub(super) fn read<'i>(text: &'i str, offset: usize, progress: &Progress) -> Scan<Piece<'i>> {
    let mut r = Reader {
        s: Scanner::new(text),
        offset,
        piece: Piece::default(),
        line: 1,
        counted_to: 0,
        progress,
        reported: (0, 0),
        items: 0,
        scratch_strings: Vec::new(),
        scratch_numbers: Vec::new(),
    };
    // A byte-order mark (a file saved on Windows) is not part of the TOML.
    if text.starts_with('\u{feff}') {
        r.s.at = '\u{feff}'.len_utf8();
    }
    let mut line = r.s.line()?;
    loop {
        let header_at = r.s.line_start;
        line = match line {
            Line::End => break,
            Line::Table("situation") if r.piece.header.is_none() => r.situation()?,
            Line::ArrayTable(name) => {
                let table = ItemTable::named(name).ok_or(Stop::Unusual)?;
                r.line(table, header_at);
                r.items += 1;
                if r.items - r.reported.1 >= REPORT_EVERY {
                    r.report();
                }
                match table {
                    ItemTable::Sources => r.source()?,
                    ItemTable::Actors => r.actor()?,
                    ItemTable::Places => r.place()?,
                    ItemTable::Events => r.event()?,
                    ItemTable::Metrics => r.metric()?,
                    ItemTable::Quotes => r.quote()?,
                }
            }
            _ => return Err(Stop::Unusual),
        };
    }
    r.report();
    let rest = &text.as_bytes()[r.counted_to..];
    let newlines = r.line - 1 + memchr::memchr_iter(b'\n', rest).count();
    r.piece.newlines = u32::try_from(newlines).map_err(|_| Stop::Unusual)?;
    Ok(r.piece)
}

struct Reader<'i, 'p> {
    s: Scanner<'i>,
    /// Where the text starts in the file: spans are the file's.
    offset: usize,
    piece: Piece<'i>,
    /// The line at `counted_to`.
    line: usize,
    counted_to: usize,
    progress: &'p Progress,
    /// Bytes and items told to `progress` so far.
    reported: (usize, usize),
    items: usize,
    /// Lists are read here, then copied into one of their own length.
    scratch_strings: Vec<String>,
    scratch_numbers: Vec<usize>,
}

impl<'i> Reader<'i, '_> {
    /// From `start` (in the piece) to where the scanner is, in the file.
    fn span(&self, start: usize) -> Range<usize> {
        self.offset + start..self.offset + self.s.at
    }

    /// The item's id, and where it is.
    fn id(&mut self) -> Scan<(String, Range<usize>)> {
        let start = self.s.at;
        let id = id(&mut self.s)?;
        Ok((id, self.span(start)))
    }

    /// The id of an item of `table` (which must have one), its span kept.
    fn keep_id_span(
        &mut self,
        table: ItemTable,
        id: Option<(String, Range<usize>)>,
    ) -> Scan<String> {
        let (id, span) = required(id)?;
        self.piece.id_spans[table as usize].push(span);
        Ok(id)
    }

    fn warn(&mut self, warning: Diagnostic) {
        self.piece.warnings.push(warning);
    }

    fn report(&mut self) {
        let (bytes, items) = self.reported;
        self.progress
            .add_parsed(self.s.at - bytes, self.items - items);
        self.reported = (self.s.at, self.items);
    }

    /// Notes the line of the item whose header is at `at`.
    fn line(&mut self, table: ItemTable, at: usize) {
        let between = &self.s.text().as_bytes()[self.counted_to..at];
        self.line += memchr::memchr_iter(b'\n', between).count();
        self.counted_to = at;
        let line = u32::try_from(self.line).unwrap_or(u32::MAX);
        table.lines(&mut self.piece.lines).push(line);
    }

    /// The keys of the table under way, each handed to `value` with the
    /// scanner at its value; returns the line that ends the table.
    fn keys(
        &mut self,
        known: &[&str],
        mut value: impl FnMut(&mut Self, &'i str) -> Scan<()>,
    ) -> Scan<Line<'i>> {
        let mut seen = Seen(0);
        loop {
            let key = match self.s.line()? {
                Line::Key(key) => key,
                other => return Ok(other),
            };
            seen.add(known, key)?;
            value(self, key)?;
            self.s.end_of_line()?;
        }
    }

    fn refer_as<I: ListIndex>(&mut self, table: Table) -> Scan<I> {
        self.piece.refs.read(&mut self.s, table).map(I::at)
    }

    fn refer_all<I: ListIndex>(&mut self, table: Table) -> Scan<Vec<I>> {
        let out = &mut self.scratch_numbers;
        let refs = &mut self.piece.refs;
        self.s.array(|s| {
            out.push(refs.read(s, table)?);
            Ok(())
        })?;
        Ok(out.drain(..).map(I::at).collect())
    }

    /// A list of actors (`key` of a `what`): the same id twice is warned
    /// about at the repeat and counted once, as the full reader does.
    fn actor_list(&mut self, what: &str, key: &str) -> Scan<Vec<ActorIx>> {
        let (out, offset) = (&mut self.scratch_numbers, self.offset);
        let (refs, warnings) = (&mut self.piece.refs, &mut self.piece.warnings);
        let first = refs.of.len();
        self.s.array(|s| {
            let start = s.at;
            let number = refs.read(s, Table::Actors)?;
            let name = refs.of[number];
            if !refs.of[first..number].contains(&name) {
                out.push(number);
                return Ok(());
            }
            // Not a reference: the full reader never looks it up.
            refs.of.pop();
            let id = &refs.names[name as usize].1;
            warnings.push(
                Diagnostic::warning(
                    offset + start..offset + s.at,
                    format!("actor `{id}` is listed twice in this {what}'s `{key}`"),
                )
                .with_help(Some("it counts once: remove the repeat".into())),
            );
            Ok(())
        })?;
        Ok(out.drain(..).map(ActorIx::at).collect())
    }

    fn situation(&mut self) -> Scan<Line<'i>> {
        let (mut title, mut as_of, mut summary, mut location, mut tags) =
            (None, None, None, None, Vec::new());
        let next = self.keys(SITUATION_KEYS, |r, key| {
            let s = &mut r.s;
            match key {
                "title" => title = Some(text(s)?),
                "as_of" => {
                    let date = s.date()?;
                    if date.precision() != Precision::Day || date.is_approximate() {
                        return Err(Stop::Unusual);
                    }
                    as_of = Some(date.start());
                }
                "summary" => summary = Some(string(s)?),
                "location" => location = Some(string(s)?),
                _ => tags = strings(s, &mut r.scratch_strings)?,
            }
            Ok(())
        })?;
        self.piece.header = Some((required(title)?, required(as_of)?, summary, location, tags));
        Ok(next)
    }

    fn source(&mut self) -> Scan<Line<'i>> {
        let (mut id_, mut title, mut publisher, mut date, mut url) = (None, None, None, None, None);
        let next = self.keys(SOURCE_KEYS, |r, key| {
            match key {
                "id" => id_ = Some(r.id()?),
                "title" => title = Some(text(&mut r.s)?),
                "publisher" => publisher = Some(string(&mut r.s)?),
                "date" => date = Some(r.s.date()?),
                _ => url = Some(string(&mut r.s)?),
            }
            Ok(())
        })?;
        let id = self.keep_id_span(ItemTable::Sources, id_)?;
        self.piece.sources.push(Source {
            id,
            title: required(title)?,
            publisher,
            date,
            url,
        });
        Ok(next)
    }

    fn actor(&mut self) -> Scan<Line<'i>> {
        let (mut id_, mut name, mut kind, mut role, mut part_of) = (None, None, None, None, None);
        let (mut aliases, mut tags) = (Vec::new(), Vec::new());
        let next = self.keys(ACTOR_KEYS, |r, key| {
            match key {
                "id" => id_ = Some(r.id()?),
                "name" => name = Some(text(&mut r.s)?),
                "kind" => kind = Some(ActorKind::parse(&r.s.string()?).ok_or(Stop::Unusual)?),
                "role" => role = Some(string(&mut r.s)?),
                "part_of" => part_of = Some(r.refer_as::<ActorIx>(Table::Actors)?),
                "aliases" => aliases = strings(&mut r.s, &mut r.scratch_strings)?,
                _ => tags = strings(&mut r.s, &mut r.scratch_strings)?,
            }
            Ok(())
        })?;
        let boxed = |list: Vec<String>| list.into_iter().map(String::into_boxed_str).collect();
        let id = self.keep_id_span(ItemTable::Actors, id_)?;
        self.piece.actors.push(Actor {
            id: id.into(),
            name: required(name)?.into(),
            kind: required(kind)?,
            role: role.map(String::into_boxed_str),
            part_of,
            aliases: boxed(aliases),
            tags: boxed(tags),
        });
        Ok(next)
    }

    fn place(&mut self) -> Scan<Line<'i>> {
        let (mut id_, mut name, mut kind, mut part_of) = (None, None, None, None);
        let (mut lat, mut lon, mut approximate, mut aliases) = (None, None, None, Vec::new());
        let next = self.keys(PLACE_KEYS, |r, key| {
            match key {
                "id" => id_ = Some(r.id()?),
                "name" => name = Some(text(&mut r.s)?),
                "kind" => kind = Some(PlaceKind::parse(&r.s.string()?).ok_or(Stop::Unusual)?),
                "part_of" => part_of = Some(r.refer_as::<PlaceIx>(Table::Places)?),
                "lat" => lat = Some(r.s.number()?.value),
                "lon" => lon = Some(r.s.number()?.value),
                "approximate" => approximate = Some(r.s.boolean()?),
                _ => aliases = strings(&mut r.s, &mut r.scratch_strings)?,
            }
            Ok(())
        })?;
        let point = match (lat, lon) {
            (None, None) => None,
            (Some(lat), Some(lon))
                if (-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon) =>
            {
                Some(LatLon { lat, lon })
            }
            _ => return Err(Stop::Unusual),
        };
        let id = self.keep_id_span(ItemTable::Places, id_)?;
        self.piece.places.push(Place {
            id,
            name: required(name)?,
            kind: kind.unwrap_or_default(),
            part_of,
            point,
            approximate: approximate.unwrap_or(false),
            aliases,
        });
        Ok(next)
    }

    fn event(&mut self) -> Scan<Line<'i>> {
        let (mut id_, mut date, mut end, mut title, mut summary) = (None, None, None, None, None);
        let (mut actors, mut location, mut place, mut category) = (Vec::new(), None, None, None);
        let (mut tags, mut sources) = (Vec::new(), Vec::new());
        let next = self.keys(EVENT_KEYS, |r, key| {
            match key {
                "id" => id_ = Some(r.id()?),
                "date" => date = Some(r.s.date()?),
                "end" => end = Some(r.s.date()?),
                "title" => title = Some(text(&mut r.s)?),
                "summary" => summary = Some(string(&mut r.s)?),
                "actors" => actors = r.actor_list("event", "actors")?,
                "location" => {
                    let start = r.s.at;
                    location = Some((string(&mut r.s)?, r.span(start)));
                }
                "place" => place = Some(r.refer_as::<PlaceIx>(Table::Places)?),
                "category" => category = Some(string(&mut r.s)?),
                "tags" => tags = strings(&mut r.s, &mut r.scratch_strings)?,
                _ => sources = r.refer_all::<SourceIx>(Table::Sources)?,
            }
            Ok(())
        })?;
        let date = required(date)?;
        let (id, id_span) = required(id_)?;
        // An end before the date is an error.
        if end.is_some_and(|end| end.start() < date.start()) {
            return Err(Stop::Unusual);
        }
        if sources.is_empty() {
            self.warn(unsourced(id_span, &id, "event"));
        }
        let location = location.map(|(location, span)| {
            self.piece.location_spans.push(span);
            location
        });
        self.piece.events.push(Event {
            id,
            date,
            end,
            title: required(title)?,
            summary,
            actors,
            location,
            place,
            category,
            tags,
            sources,
        });
        Ok(next)
    }

    fn metric(&mut self) -> Scan<Line<'i>> {
        let (mut id_, mut label, mut unit, mut target, mut note) = (None, None, None, None, None);
        let (mut actors, mut single, mut points) = (Vec::new(), Partial::default(), None);
        let (mut since, mut until) = (None, None);
        let next = self.keys(METRIC_KEYS, |r, key| {
            match key {
                "id" => id_ = Some(r.id()?),
                "label" => label = Some(text(&mut r.s)?),
                "unit" => unit = Some(string(&mut r.s)?),
                "actors" => actors = r.actor_list("metric", "actors")?,
                "target" => target = Some(r.s.number()?),
                "note" => note = Some(string(&mut r.s)?),
                "value" | "date" | "qualifier" | "source" => {
                    single.read(key, &mut r.s, &mut r.piece.refs)?
                }
                "points" => points = Some(r.points()?),
                "since" => since = Some(r.refer_as::<EventIx>(Table::Events)?),
                _ => until = Some(r.refer_as::<EventIx>(Table::Events)?),
            }
            Ok(())
        })?;
        let (id, id_span) = required(id_)?;
        let kind = match (single.value, points, since, until) {
            (Some(value), None, None, None) => {
                if single.source.is_none() {
                    self.warn(unsourced(id_span, &id, "metric"));
                }
                MetricKind::Observed(vec![Observation {
                    date: single.date,
                    value,
                    qualifier: single.qualifier.unwrap_or_default(),
                    source: single.source,
                }])
            }
            // `date`, `qualifier` and `source` only go with `value`.
            (None, points, since, until) if single.is_empty() => match (points, since, until) {
                (Some(points), None, None) => MetricKind::Observed(points),
                (None, Some(event), None) => MetricKind::Since(event),
                (None, None, Some(event)) => MetricKind::Until(event),
                _ => return Err(Stop::Unusual),
            },
            _ => return Err(Stop::Unusual),
        };
        self.piece.metrics.push(Metric {
            id,
            label: required(label)?,
            unit,
            actors,
            target,
            note,
            kind,
        });
        Ok(next)
    }

    /// A metric's `points`: an array of one-line tables, in date order.
    fn points(&mut self) -> Scan<Vec<Observation>> {
        let mut points = Vec::new();
        let (refs, warnings, offset) =
            (&mut self.piece.refs, &mut self.piece.warnings, self.offset);
        self.s.array(|s| {
            let mut o = Partial::default();
            let mut seen = Seen(0);
            let start = s.at;
            s.inline_table(|s, key| {
                seen.add(POINT_KEYS, key)?;
                o.read(key, s, refs)
            })?;
            // A point needs a date.
            o.date.ok_or(Stop::Unusual)?;
            let value = required(o.value)?;
            if o.source.is_none() {
                warnings.push(
                    Diagnostic::warning(
                        offset + start..offset + s.at,
                        "observation has no `source`",
                    )
                    .with_help(Some(
                        "add `source = \"...\"` to this point, naming a [[sources]] id".into(),
                    )),
                );
            }
            points.push(Observation {
                date: o.date,
                value,
                qualifier: o.qualifier.unwrap_or_default(),
                source: o.source,
            });
            Ok(())
        })?;
        if points.is_empty() {
            return Err(Stop::Unusual);
        }
        points.sort_by_key(|o| o.date.map(|d| (d.start(), d.end())));
        Ok(points)
    }

    fn quote(&mut self) -> Scan<Line<'i>> {
        let (mut id_, mut speaker, mut text_, mut date, mut context) =
            (None, None, None, None, None);
        let (mut about, mut event, mut place, mut sources) = (Vec::new(), None, None, Vec::new());
        let next = self.keys(QUOTE_KEYS, |r, key| {
            match key {
                "id" => id_ = Some(id(&mut r.s)?),
                "speaker" => {
                    let start = r.s.at;
                    speaker = Some((r.refer_as::<ActorIx>(Table::Actors)?, r.span(start)));
                }
                "text" => text_ = Some(text(&mut r.s)?),
                "date" => date = Some(r.s.date()?),
                "context" => context = Some(string(&mut r.s)?),
                "about" => about = r.actor_list("quote", "about")?,
                "event" => event = Some(r.refer_as::<EventIx>(Table::Events)?),
                "place" => place = Some(r.refer_as::<PlaceIx>(Table::Places)?),
                _ => sources = r.refer_all::<SourceIx>(Table::Sources)?,
            }
            Ok(())
        })?;
        let (speaker, speaker_span) = required(speaker)?;
        if sources.is_empty() {
            // A reference is written without escapes: its text is the id.
            let written = &self.s.text()
                [speaker_span.start - self.offset + 1..speaker_span.end - self.offset - 1];
            let warning = unsourced(speaker_span.clone(), written, "quote");
            self.warn(warning);
        }
        self.piece.quotes.push(Quote {
            id: id_,
            speaker,
            text: required(text_)?,
            date,
            context,
            about,
            event,
            place,
            sources,
        });
        Ok(next)
    }
}

/// The full reader's warning about an item without a source, at `span`
/// (its id, or a quote's speaker: `name`).
fn unsourced(span: Range<usize>, name: &str, what: &str) -> Diagnostic {
    super::super::warn_unsourced_at(span, Some(name), what)
}

/// The parts of one observation read so far.
#[derive(Default)]
struct Partial {
    value: Option<Number>,
    date: Option<crate::model::FuzzyDate>,
    qualifier: Option<Qualifier>,
    source: Option<SourceIx>,
}

impl Partial {
    /// One of `value`, `date`, `qualifier` and `source`.
    fn read<'i>(&mut self, key: &str, s: &mut Scanner<'i>, refs: &mut Refs<'i>) -> Scan<()> {
        match key {
            "value" => self.value = Some(s.number()?),
            "date" => self.date = Some(s.date()?),
            "qualifier" => {
                self.qualifier = Some(Qualifier::parse(&s.string()?).ok_or(Stop::Unusual)?)
            }
            _ => self.source = Some(SourceIx::at(refs.read(s, Table::Sources)?)),
        }
        Ok(())
    }

    fn is_empty(&self) -> bool {
        self.value.is_none()
            && self.date.is_none()
            && self.qualifier.is_none()
            && self.source.is_none()
    }
}
