//! ACLED event exports (acleddata.com): one CSV row per event, read by
//! column name, turned into a situation file as the rows stream by.
//!
//! The mapping, column by column, is documented in docs/import-acled.md.
//! What it must never do is make the data look surer than ACLED coded it:
//! a date known to the month stays a month, and a point that stands for an
//! area is marked approximate.

use std::collections::{BTreeMap, HashMap};
use std::io::Read;

use chrono::{DateTime, Datelike, NaiveDate};

use super::toml_text::{self, Ids};
use crate::figures::group_thousands;
use crate::model::{ActorKind, FuzzyDate, PlaceKind, Precision};

/// Columns without which no honest event can be made.
pub const REQUIRED: [&str; 6] = [
    "event_id_cnty",
    "event_date",
    "time_precision",
    "event_type",
    "actor1",
    "country",
];

/// The id of the source record that stands for ACLED itself.
const ACLED_SOURCE: &str = "acled";

/// ACLED's own words on its fatality counts, kept with the figure.
const FATALITIES_NOTE: &str = "Fatalities as coded by ACLED, summed over the events of each month. \
ACLED calls its fatality figures conservative estimates drawn from the reports it codes: \
the true toll may be higher, and figures are revised as reports come in. \
The latest month may be incomplete.";

/// What an import was asked to do beyond the rows themselves.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// The input's path as the user gave it, for the header comment; its
    /// last part names the export in the summary and the ACLED source.
    pub file_name: String,
    /// When the import runs, for the header comment ("2026-12-01 09:30 UTC").
    pub made_at: String,
    /// The situation's `as_of`; by default the latest event date.
    pub as_of: Option<NaiveDate>,
    /// The situation's title; by default "ACLED events in COUNTRY".
    pub title: Option<String>,
}

/// A row that could not become an event: where, which column, what is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowProblem {
    /// Line of the file where the row starts (1 is the header).
    pub line: u64,
    pub column: String,
    pub message: String,
}

/// Why nothing could be imported.
#[derive(Debug, PartialEq, Eq)]
pub enum Failure {
    /// The header lacks these required columns (also `geo_precision` when
    /// coordinates are given without it).
    MissingColumns(Vec<&'static str>),
    /// No row became an event, and no `--as-of` says what "now" is.
    NoEvents,
    /// The CSV itself could not be read (an I/O error, an empty file).
    Unreadable(String),
}

/// A finished import: the situation file's text, in two parts so that the
/// large one is never copied, and the counts.
#[derive(Debug)]
pub struct Imported {
    /// The header comment and every table but the events.
    pub head: String,
    /// The `[[events]]` tables, as they were written while reading.
    pub events_toml: String,
    pub events: usize,
    pub skipped: usize,
}

impl Imported {
    /// The file's bytes, in order.
    pub fn parts(&self) -> [&[u8]; 2] {
        [self.head.as_bytes(), self.events_toml.as_bytes()]
    }

    /// The whole file as one string (a copy).
    pub fn text(&self) -> String {
        [self.head.as_str(), self.events_toml.as_str()].concat()
    }
}

/// Reads an ACLED CSV export and writes the situation file. Each bad row is
/// handed to `on_problem` and skipped.
pub fn import(
    input: impl Read,
    options: &Options,
    mut on_problem: impl FnMut(RowProblem),
) -> Result<Imported, Failure> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        // Records end at `\n` only: with the default (`\r`, `\n` or both),
        // a record of a CRLF file starts at the `\n` left over from the last
        // one, and its line number is one short. The `\r` before the `\n`
        // ends up at the end of the last field, which is trimmed anyway.
        .terminator(csv::Terminator::Any(b'\n'))
        .from_reader(input);
    let headers = reader
        .headers()
        .map_err(|e| Failure::Unreadable(e.to_string()))?
        .clone();
    if headers.is_empty() || (headers.len() == 1 && headers[0].trim().is_empty()) {
        return Err(Failure::Unreadable("the file is empty".into()));
    }
    let columns = Columns::find(&headers).map_err(Failure::MissingColumns)?;
    let mut builder = Builder::new();
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let line = record.position().map_or(0, |p| p.line());
                if record.len() == 1 && record[0].trim().is_empty() {
                    continue; // a blank line
                }
                let parsed = if record.len() == headers.len() {
                    Row::parse(&record, &columns)
                } else {
                    Err(Problem::new(
                        "row",
                        format!(
                            "has {} fields, the header has {}",
                            record.len(),
                            headers.len()
                        ),
                    ))
                };
                match parsed {
                    Ok(row) => builder.add(&row),
                    Err(problem) => {
                        builder.skipped += 1;
                        on_problem(problem.at(line));
                    }
                }
            }
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                match e.kind() {
                    csv::ErrorKind::Utf8 { err, .. } => {
                        builder.skipped += 1;
                        let column = headers.get(err.field()).unwrap_or("row").trim();
                        on_problem(Problem::new(column, "not valid UTF-8").at(line));
                    }
                    _ => return Err(Failure::Unreadable(e.to_string())),
                }
            }
        }
    }
    builder.finish(options)
}

/// A problem before its line is known.
struct Problem {
    column: String,
    message: String,
}

impl Problem {
    fn new(column: &str, message: impl Into<String>) -> Problem {
        Problem {
            column: column.to_string(),
            message: message.into(),
        }
    }

    fn at(self, line: u64) -> RowProblem {
        RowProblem {
            line,
            column: self.column,
            message: self.message,
        }
    }
}

/// Where each column the import reads sits in the row.
struct Columns {
    event_id: usize,
    event_date: usize,
    time_precision: usize,
    event_type: usize,
    actor1: usize,
    country: usize,
    disorder_type: Option<usize>,
    sub_event_type: Option<usize>,
    assoc_actor_1: Option<usize>,
    inter1: Option<usize>,
    actor2: Option<usize>,
    assoc_actor_2: Option<usize>,
    inter2: Option<usize>,
    admin1: Option<usize>,
    admin2: Option<usize>,
    admin3: Option<usize>,
    location: Option<usize>,
    latitude: Option<usize>,
    longitude: Option<usize>,
    geo_precision: Option<usize>,
    source: Option<usize>,
    notes: Option<usize>,
    fatalities: Option<usize>,
    tags: Option<usize>,
    timestamp: Option<usize>,
}

impl Columns {
    /// Finds columns by name, in any order and any case, a byte order mark
    /// before the first ignored; the names of required columns that are
    /// missing otherwise.
    fn find(headers: &csv::StringRecord) -> Result<Columns, Vec<&'static str>> {
        let names: Vec<String> = headers
            .iter()
            .map(|h| h.trim_start_matches('\u{feff}').trim().to_ascii_lowercase())
            .collect();
        let find = |name: &str| names.iter().position(|n| n == name);
        let missing: Vec<&'static str> = REQUIRED
            .into_iter()
            .filter(|name| find(name).is_none())
            .chain(
                // Coordinates mean nothing without their precision.
                (find("latitude").is_some() && find("geo_precision").is_none())
                    .then_some("geo_precision"),
            )
            .collect();
        if !missing.is_empty() {
            return Err(missing);
        }
        // Each required column was just found.
        let required = |name: &str| find(name).expect("checked above");
        Ok(Columns {
            event_id: required("event_id_cnty"),
            event_date: required("event_date"),
            time_precision: required("time_precision"),
            event_type: required("event_type"),
            actor1: required("actor1"),
            country: required("country"),
            disorder_type: find("disorder_type"),
            sub_event_type: find("sub_event_type"),
            assoc_actor_1: find("assoc_actor_1"),
            inter1: find("inter1"),
            actor2: find("actor2"),
            assoc_actor_2: find("assoc_actor_2"),
            inter2: find("inter2"),
            admin1: find("admin1"),
            admin2: find("admin2"),
            admin3: find("admin3"),
            location: find("location"),
            latitude: find("latitude"),
            longitude: find("longitude"),
            geo_precision: find("geo_precision"),
            source: find("source"),
            notes: find("notes"),
            fatalities: find("fatalities"),
            tags: find("tags"),
            timestamp: find("timestamp"),
        })
    }
}

/// One side of an event: its main actor, the actors associated with it,
/// and the main actor's kind from its `inter` code.
struct Side<'a> {
    actor: &'a str,
    associated: &'a str,
    kind: ActorKind,
}

/// A row, checked: every value the event needs, borrowed from the record.
struct Row<'a> {
    id: &'a str,
    date: FuzzyDate,
    /// The day ACLED coded, even when only the month is known.
    coded_day: NaiveDate,
    disorder_type: &'a str,
    event_type: &'a str,
    sub_event_type: &'a str,
    sides: [Side<'a>; 2],
    /// Country, admin1, admin2, admin3, location; empty where not given.
    path: [&'a str; 5],
    point: Option<(f64, f64)>,
    /// `geo_precision` 2 or 3: the point stands for an area.
    approximate: bool,
    sources: &'a str,
    notes: &'a str,
    fatalities: Option<u64>,
    tags: &'a str,
    timestamp: Option<i64>,
}

impl<'a> Row<'a> {
    fn parse(record: &'a csv::StringRecord, c: &Columns) -> Result<Row<'a>, Problem> {
        let get = |ix: usize| record.get(ix).unwrap_or_default().trim();
        let opt = |ix: Option<usize>| ix.map_or("", get);
        let id = get(c.event_id);
        if id.is_empty() {
            return Err(Problem::new("event_id_cnty", "is empty"));
        }
        let coded_day = parse_day(get(c.event_date)).ok_or_else(|| {
            Problem::new(
                "event_date",
                format!(
                    "`{}` is not a date (expected 2024-09-21 or 21 September 2024)",
                    get(c.event_date)
                ),
            )
        })?;
        let date = match get(c.time_precision) {
            "1" => FuzzyDate::day(coded_day),
            "2" => FuzzyDate::new(
                Precision::Day,
                coded_day.year(),
                coded_day.month(),
                coded_day.day(),
                true,
            )
            .expect("a day that parsed exists"),
            // ACLED codes a month as its middle day: keep only the month.
            "3" => FuzzyDate::new(
                Precision::Month,
                coded_day.year(),
                coded_day.month(),
                1,
                false,
            )
            .expect("a month that parsed exists"),
            other => {
                return Err(Problem::new(
                    "time_precision",
                    format!("`{other}` is not 1 (day), 2 (within a week) or 3 (month)"),
                ));
            }
        };
        let event_type = get(c.event_type);
        if event_type.is_empty() {
            return Err(Problem::new("event_type", "is empty"));
        }
        let actor1 = get(c.actor1);
        if actor1.is_empty() {
            return Err(Problem::new("actor1", "is empty"));
        }
        let kind = |column: &str, ix: Option<usize>| {
            let text = opt(ix);
            actor_kind(text).ok_or_else(|| {
                Problem::new(
                    column,
                    format!(
                        "`{text}` is not an ACLED actor type (0-8, or a name such as \
                         State forces, Rebel group, Protesters)"
                    ),
                )
            })
        };
        let sides = [
            Side {
                actor: actor1,
                associated: opt(c.assoc_actor_1),
                kind: kind("inter1", c.inter1)?,
            },
            Side {
                actor: opt(c.actor2),
                associated: opt(c.assoc_actor_2),
                kind: kind("inter2", c.inter2)?,
            },
        ];
        let point = coordinates(opt(c.latitude), opt(c.longitude))?;
        let approximate = match (point, opt(c.geo_precision)) {
            (None, _) => false,
            (Some(_), "1") => false,
            (Some(_), "2" | "3") => true,
            (Some(_), other) => {
                return Err(Problem::new(
                    "geo_precision",
                    format!("`{other}` is not 1 (exact), 2 (near) or 3 (a wider area)"),
                ));
            }
        };
        let fatalities = match c.fatalities.map(get) {
            None | Some("") => None,
            Some(text) => Some(text.parse::<u64>().map_err(|_| {
                Problem::new(
                    "fatalities",
                    format!("`{text}` is not a whole number of at least 0"),
                )
            })?),
        };
        Ok(Row {
            id,
            date,
            coded_day,
            disorder_type: opt(c.disorder_type),
            event_type,
            sub_event_type: opt(c.sub_event_type),
            sides,
            path: [
                get(c.country),
                opt(c.admin1),
                opt(c.admin2),
                opt(c.admin3),
                opt(c.location),
            ],
            point,
            approximate,
            sources: opt(c.source),
            notes: opt(c.notes),
            fatalities,
            tags: opt(c.tags),
            // Only for the header comment: a bad one is not worth a row.
            timestamp: opt(c.timestamp).parse().ok(),
        })
    }

    /// "Armed clash in Port-au-Prince": the sub-event type (or the event
    /// type) and the most precise place named.
    fn title(&self) -> String {
        let what = if self.sub_event_type.is_empty() {
            self.event_type
        } else {
            self.sub_event_type
        };
        match self.path.iter().rev().find(|p| !p.is_empty()) {
            Some(place) => format!("{what} in {place}"),
            None => what.to_string(),
        }
    }
}

/// `2024-09-21` (ACLED's API and newer exports) or `21 September 2024`
/// (older exports).
fn parse_day(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(text, "%d %B %Y"))
        .ok()
}

/// ACLED's `inter` codes, as numbers (older exports) or spelled (newer):
/// who the main actor of a side is.
fn actor_kind(text: &str) -> Option<ActorKind> {
    let lower = text.trim().to_ascii_lowercase();
    // "Rebel group" and "Rebel groups" alike.
    let word = lower.strip_suffix('s').unwrap_or(&lower);
    Some(match word {
        "" | "0" => ActorKind::Other,
        "1" | "state force" => ActorKind::Force,
        "2" | "rebel group" => ActorKind::ArmedGroup,
        "3" | "political militia" => ActorKind::ArmedGroup,
        "4" | "identity militia" => ActorKind::ArmedGroup,
        "5" | "rioter" => ActorKind::Population,
        "6" | "protester" => ActorKind::Population,
        "7" | "civilian" => ActorKind::Population,
        "8" | "external/other force" | "external force" | "other force" => ActorKind::Force,
        _ => return None,
    })
}

/// Both coordinates or neither, each in range.
fn coordinates(lat: &str, lon: &str) -> Result<Option<(f64, f64)>, Problem> {
    let number = |column: &str, text: &str, limit: f64| -> Result<f64, Problem> {
        let value: f64 = text
            .parse()
            .map_err(|_| Problem::new(column, format!("`{text}` is not a number")))?;
        if (-limit..=limit).contains(&value) {
            Ok(value)
        } else {
            Err(Problem::new(
                column,
                format!("{text} is out of range (-{limit} to {limit})"),
            ))
        }
    };
    match (lat.is_empty(), lon.is_empty()) {
        (true, true) => Ok(None),
        (false, true) => Err(Problem::new("longitude", "is empty, but latitude is given")),
        (true, false) => Err(Problem::new("latitude", "is empty, but longitude is given")),
        (false, false) => Ok(Some((
            number("latitude", lat, 90.0)?,
            number("longitude", lon, 180.0)?,
        ))),
    }
}

/// `a; b;; c` as `a`, `b`, `c`.
fn list(text: &str) -> impl Iterator<Item = &str> {
    text.split(';').map(str::trim).filter(|s| !s.is_empty())
}

struct Actor {
    id: String,
    name: String,
    kind: ActorKind,
    /// The kind came from the actor's own `inter` code, not from the side
    /// it was associated with.
    own_kind: bool,
}

struct Place {
    id: String,
    name: String,
    kind: PlaceKind,
    part_of: Option<usize>,
    point: Option<(f64, f64)>,
    approximate: bool,
}

/// A place is the same place when it has the same name at the same level
/// inside the same parent, and (for a location) the same precision.
#[derive(Clone, PartialEq, Eq, Hash)]
struct PlaceKey {
    parent: Option<usize>,
    level: u8,
    name: String,
    approximate: bool,
}

/// Records collected across the rows; events are written as they come.
#[derive(Default)]
struct Builder {
    /// The `[[events]]` tables written so far.
    events: String,
    event_ids: Ids,
    actors: Vec<Actor>,
    actor_by_name: HashMap<String, usize>,
    actor_ids: Ids,
    /// Publisher names, in order of first citation, with their ids.
    sources: Vec<(String, String)>,
    source_by_name: HashMap<String, usize>,
    source_ids: Ids,
    places: Vec<Place>,
    place_by_key: HashMap<PlaceKey, usize>,
    place_ids: Ids,
    /// Countries in order of first appearance (indices into `places`).
    countries: Vec<usize>,
    /// Fatalities per (year, month), when the export has the column.
    fatalities: Option<BTreeMap<(i32, u32), u64>>,
    first_day: Option<NaiveDate>,
    last_day: Option<NaiveDate>,
    latest_update: Option<i64>,
    imported: usize,
    skipped: usize,
}

impl Builder {
    fn new() -> Builder {
        let mut builder = Builder::default();
        builder.source_ids.reserve(ACLED_SOURCE);
        builder
    }

    fn add(&mut self, row: &Row) {
        self.imported += 1;
        self.first_day = Some(
            self.first_day
                .map_or(row.coded_day, |d| d.min(row.coded_day)),
        );
        self.last_day = Some(
            self.last_day
                .map_or(row.coded_day, |d| d.max(row.coded_day)),
        );
        if let Some(t) = row.timestamp {
            self.latest_update = Some(self.latest_update.map_or(t, |u| u.max(t)));
        }
        if let Some(n) = row.fatalities {
            let month = (row.date.start().year(), row.date.start().month());
            *self
                .fatalities
                .get_or_insert_default()
                .entry(month)
                .or_default() += n;
        }

        let mut actors: Vec<usize> = Vec::new();
        for side in &row.sides {
            if !side.actor.is_empty() {
                actors.push(self.actor(side.actor, side.kind, true));
            }
            for name in list(side.associated) {
                actors.push(self.actor(name, side.kind, false));
            }
        }
        // The same actor on both sides, or named twice, is listed once.
        let mut seen = Vec::with_capacity(actors.len());
        actors.retain(|a| {
            let fresh = !seen.contains(a);
            seen.push(*a);
            fresh
        });

        let mut sources: Vec<usize> = Vec::new();
        for name in list(row.sources) {
            let s = self.source(name);
            if !sources.contains(&s) {
                sources.push(s);
            }
        }

        let place = self.place(row);

        let out = &mut self.events;
        out.push_str("\n[[events]]\n");
        let id = self.event_ids.make(row.id, "event");
        toml_text::string(out, "id", &id);
        toml_text::string(out, "date", &row.date.to_file_form());
        toml_text::string(out, "title", &row.title());
        // Windows line ends inside a quoted field are still one break.
        let mut summary = row.notes.replace("\r\n", "\n");
        if let Some(n) = row.fatalities {
            if !summary.is_empty() {
                summary.push_str("\n\n");
            }
            summary.push_str(&format!(
                "Reported fatalities: {}.",
                group_thousands(n as f64, 0)
            ));
        }
        if !summary.is_empty() {
            toml_text::string(out, "summary", &summary);
        }
        toml_text::strings(
            out,
            "actors",
            actors.iter().map(|&a| self.actors[a].id.as_str()),
        );
        if let Some(p) = place {
            toml_text::string(out, "place", &self.places[p].id);
        }
        toml_text::string(out, "category", row.event_type);
        let mut tags: Vec<&str> = Vec::new();
        for tag in [row.sub_event_type]
            .into_iter()
            .chain(list(row.disorder_type))
            .chain(list(row.tags))
        {
            if !tag.is_empty() && !tags.contains(&tag) {
                tags.push(tag);
            }
        }
        toml_text::strings(out, "tags", tags);
        toml_text::strings(
            out,
            "sources",
            sources
                .iter()
                .map(|&s| self.sources[s].1.as_str())
                .chain([ACLED_SOURCE]),
        );
    }

    /// The actor of that name, made on first sight. An actor first seen as
    /// an associated actor takes its side's kind until a row names it as a
    /// main actor with a code of its own.
    fn actor(&mut self, name: &str, kind: ActorKind, own: bool) -> usize {
        if let Some(&a) = self.actor_by_name.get(name) {
            let actor = &mut self.actors[a];
            if own && !actor.own_kind {
                actor.kind = kind;
                actor.own_kind = true;
            }
            return a;
        }
        let id = self.actor_ids.make(name, "actor");
        self.actors.push(Actor {
            id,
            name: name.to_string(),
            kind,
            own_kind: own,
        });
        self.actor_by_name
            .insert(name.to_string(), self.actors.len() - 1);
        self.actors.len() - 1
    }

    fn source(&mut self, name: &str) -> usize {
        if let Some(&s) = self.source_by_name.get(name) {
            return s;
        }
        let id = self.source_ids.make(name, "source");
        self.sources.push((name.to_string(), id));
        self.source_by_name
            .insert(name.to_string(), self.sources.len() - 1);
        self.sources.len() - 1
    }

    /// The most precise place of the row, making it and the places it lies
    /// in on first sight. Coordinates belong to the location; without a
    /// location the most precise admin area stands in, without a point.
    fn place(&mut self, row: &Row) -> Option<usize> {
        // Country, admin1, admin2, admin3, location.
        const KINDS: [PlaceKind; 5] = [
            PlaceKind::Country,
            PlaceKind::Region,
            PlaceKind::District,
            PlaceKind::District,
            PlaceKind::City,
        ];
        let mut parent = None;
        for (level, name) in row.path.iter().enumerate() {
            if name.is_empty() {
                continue;
            }
            let is_location = level == 4;
            let key = PlaceKey {
                parent,
                level: level as u8,
                name: name.to_string(),
                approximate: is_location && row.approximate,
            };
            let place = match self.place_by_key.get(&key) {
                Some(&p) => p,
                None => {
                    let id = self.place_ids.make(name, "place");
                    self.places.push(Place {
                        id,
                        name: name.to_string(),
                        kind: KINDS[level],
                        part_of: parent,
                        point: if is_location { row.point } else { None },
                        approximate: key.approximate,
                    });
                    let p = self.places.len() - 1;
                    if level == 0 {
                        self.countries.push(p);
                    }
                    self.place_by_key.insert(key, p);
                    p
                }
            };
            parent = Some(place);
        }
        parent
    }

    fn finish(self, options: &Options) -> Result<Imported, Failure> {
        let as_of = options.as_of.or(self.last_day).ok_or(Failure::NoEvents)?;
        let mut head = String::new();
        self.write_header(&mut head, options);
        self.write_situation(&mut head, options, as_of);
        self.write_sources(&mut head, options);
        self.write_actors(&mut head);
        self.write_places(&mut head);
        self.write_metrics(&mut head);
        Ok(Imported {
            head,
            events_toml: self.events,
            events: self.imported,
            skipped: self.skipped,
        })
    }

    fn write_header(&self, out: &mut String, options: &Options) {
        // One line each: a file name with a line break must not end the comment.
        let file = crate::sanitize::clean_line(&options.file_name);
        out.push_str(&format!(
            "# Made by `sitrep import acled` from {file} on {}.\n",
            crate::sanitize::clean_line(&options.made_at)
        ));
        out.push_str(&format!(
            "# {} rows became events, {} were skipped.",
            group_thousands(self.imported as f64, 0),
            group_thousands(self.skipped as f64, 0)
        ));
        if let Some(day) = self.latest_update.and_then(unix_day) {
            out.push_str(&format!(" ACLED last updated these rows on {day}."));
        }
        out.push_str(
            "\n# Data: Armed Conflict Location & Event Data (ACLED), acleddata.com;\n\
             # the mapping of each column is described in docs/import-acled.md.\n",
        );
    }

    fn write_situation(&self, out: &mut String, options: &Options, as_of: NaiveDate) {
        let names: Vec<&str> = self
            .countries
            .iter()
            .map(|&p| self.places[p].name.as_str())
            .collect();
        let countries = match names.as_slice() {
            [] => String::new(),
            [one] => one.to_string(),
            [a, b] => format!("{a} and {b}"),
            many => format!("{} countries", many.len()),
        };
        out.push_str("\n[situation]\n");
        let title = match &options.title {
            Some(title) => title.clone(),
            None if countries.is_empty() => "ACLED events".to_string(),
            None => format!("ACLED events in {countries}"),
        };
        toml_text::string(out, "title", &title);
        toml_text::raw(out, "as_of", as_of.format("%Y-%m-%d"));
        let mut summary = format!(
            "{} events from the ACLED export {}",
            group_thousands(self.imported as f64, 0),
            export_name(options)
        );
        if let (Some(first), Some(last)) = (self.first_day, self.last_day) {
            summary.push_str(&format!(
                ", {} to {}",
                FuzzyDate::day(first),
                FuzzyDate::day(last)
            ));
        }
        if !countries.is_empty() {
            summary.push_str(&format!(", in {countries}"));
        }
        summary.push('.');
        toml_text::string(out, "summary", &summary);
        if let [one] = names.as_slice() {
            toml_text::string(out, "location", one);
        }
        toml_text::strings(out, "tags", ["acled"]);
    }

    fn write_sources(&self, out: &mut String, options: &Options) {
        out.push_str("\n[[sources]]\n");
        toml_text::string(out, "id", ACLED_SOURCE);
        toml_text::string(
            out,
            "title",
            &format!("ACLED data export {}", export_name(options)),
        );
        toml_text::string(
            out,
            "publisher",
            "Armed Conflict Location & Event Data (ACLED)",
        );
        if let Some(day) = self.latest_update.and_then(unix_day) {
            toml_text::string(out, "date", &day.to_string());
        }
        toml_text::string(out, "url", "https://acleddata.com");
        for (name, id) in &self.sources {
            out.push_str("\n[[sources]]\n");
            toml_text::string(out, "id", id);
            // ACLED names the publisher only: that is the title.
            toml_text::string(out, "title", name);
        }
    }

    fn write_actors(&self, out: &mut String) {
        for actor in &self.actors {
            out.push_str("\n[[actors]]\n");
            toml_text::string(out, "id", &actor.id);
            toml_text::string(out, "name", &actor.name);
            toml_text::string(out, "kind", actor.kind.as_str());
        }
    }

    fn write_places(&self, out: &mut String) {
        // Two places of one name (an exact and an approximate one) would
        // look the same in a list: the approximate one says so.
        let mut exact_names: HashMap<(Option<usize>, &str), bool> = HashMap::new();
        for place in &self.places {
            let seen = exact_names
                .entry((place.part_of, place.name.as_str()))
                .or_default();
            *seen |= !place.approximate;
        }
        for place in &self.places {
            out.push_str("\n[[places]]\n");
            toml_text::string(out, "id", &place.id);
            let twin = place.approximate && exact_names[&(place.part_of, place.name.as_str())];
            if twin {
                toml_text::string(out, "name", &format!("{} (approximate)", place.name));
            } else {
                toml_text::string(out, "name", &place.name);
            }
            toml_text::string(out, "kind", place.kind.as_str());
            if let Some(parent) = place.part_of {
                toml_text::string(out, "part_of", &self.places[parent].id);
            }
            if let Some((lat, lon)) = place.point {
                toml_text::raw(out, "lat", toml_text::float(lat));
                toml_text::raw(out, "lon", toml_text::float(lon));
            }
            if place.approximate {
                toml_text::raw(out, "approximate", true);
            }
        }
    }

    fn write_metrics(&self, out: &mut String) {
        let Some(months) = &self.fatalities else {
            return;
        };
        if months.is_empty() {
            return;
        }
        out.push_str("\n[[metrics]]\n");
        toml_text::string(out, "id", "fatalities");
        toml_text::string(out, "label", "Reported fatalities per month");
        toml_text::string(out, "unit", "fatalities");
        toml_text::string(out, "note", FATALITIES_NOTE);
        out.push_str("points = [\n");
        for (&(year, month), &n) in months {
            out.push_str(&format!(
                "  {{ date = \"{year:04}-{month:02}\", value = {n}, source = \"{ACLED_SOURCE}\" }},\n"
            ));
        }
        out.push_str("]\n");
    }
}

/// "haiti.csv" for "downloads/haiti.csv", made one line.
fn export_name(options: &Options) -> String {
    let name = std::path::Path::new(&options.file_name)
        .file_name()
        .map_or(options.file_name.clone(), |n| {
            n.to_string_lossy().into_owned()
        });
    crate::sanitize::clean_line(&name).into_owned()
}

/// The UTC day of a Unix time in seconds.
fn unix_day(seconds: i64) -> Option<NaiveDate> {
    DateTime::from_timestamp(seconds, 0).map(|t| t.date_naive())
}

#[cfg(test)]
mod tests;
