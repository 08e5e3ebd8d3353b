//! TOML text to a checked [`Situation`]: every problem in the file is
//! collected with its place, and the model is built only when there is none.

mod diagnostic;
mod fields;
mod suggest;

use std::collections::HashMap;
use std::ops::Range;

use toml::de::{DeTable, DeValue};

pub use diagnostic::{Diagnostic, Severity, SourceText};
pub use suggest::{closest, did_you_mean};

use crate::model::{
    Actor, ActorKind, Event, Metric, MetricKind, Observation, Qualifier, Quote, Situation, Source,
};
use fields::{Fields, Problems, Value};

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
    "events",
    "metrics",
    "quotes",
];
const SITUATION_KEYS: &[&str] = &["title", "as_of", "summary", "location", "tags"];
const SOURCE_KEYS: &[&str] = &["id", "title", "publisher", "date", "url"];
const ACTOR_KEYS: &[&str] = &["id", "name", "kind", "role", "part_of", "aliases", "tags"];
const EVENT_KEYS: &[&str] = &[
    "id", "date", "end", "title", "summary", "actors", "location", "category", "tags", "sources",
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
    "id", "speaker", "text", "date", "context", "about", "event", "sources",
];

/// Parses and checks a situation file's text.
pub fn load_str(text: &str) -> Report {
    if text.contains('\0') {
        let at = text.find('\0').unwrap_or(0);
        return Report::failed(Diagnostic::error(
            at..at + 1,
            "the file contains a NUL byte: it is binary, not a TOML situation file",
        ));
    }
    let root = match DeTable::parse(text) {
        Ok(root) => root,
        Err(e) => {
            let span = e.span().unwrap_or(0..0);
            let message = e.message().trim_end().to_string();
            return Report::failed(Diagnostic::error(span, format!("TOML syntax: {message}")));
        }
    };
    let mut problems = Problems::default();
    let situation = Builder::new(root.get_ref(), &mut problems).build(root.span());
    let mut diagnostics = problems.list;
    // Stable: problems at the same place keep the order they were found in.
    diagnostics.sort_by_key(|d| d.span.start);
    let has_errors = diagnostics.iter().any(Diagnostic::is_error);
    Report {
        situation: situation.filter(|_| !has_errors),
        diagnostics,
    }
}

/// The tables of a file, each an array of `[[...]]` items.
struct Tables<'t, 'i> {
    sources: Vec<&'t Value<'i>>,
    actors: Vec<&'t Value<'i>>,
    events: Vec<&'t Value<'i>>,
    metrics: Vec<&'t Value<'i>>,
    quotes: Vec<&'t Value<'i>>,
}

/// Ids of one table, for resolving references. The first of duplicates wins.
#[derive(Default)]
struct Ids<'t> {
    index: HashMap<&'t str, usize>,
    /// The same ids in file order, so that "did you mean" picks the same one
    /// on every run when several are equally close.
    names: Vec<&'t str>,
    /// Whether anything refers to the item (for unreferenced/uncited warnings).
    used: Vec<bool>,
    /// Span of each item's id, where those warnings point.
    spans: Vec<Range<usize>>,
}

struct Builder<'t, 'i, 'p> {
    root: &'t DeTable<'i>,
    problems: &'p mut Problems,
    sources: Ids<'t>,
    actors: Ids<'t>,
    events: Ids<'t>,
    /// Each actor's resolved `part_of`, by file position, kept even when the
    /// actor itself has other errors so that cycles are always found.
    part_of: Vec<Option<usize>>,
}

impl<'t, 'i, 'p> Builder<'t, 'i, 'p> {
    fn new(root: &'t DeTable<'i>, problems: &'p mut Problems) -> Self {
        Builder {
            root,
            problems,
            sources: Ids::default(),
            actors: Ids::default(),
            events: Ids::default(),
            part_of: Vec::new(),
        }
    }

    fn build(mut self, root_span: Range<usize>) -> Option<Situation> {
        let top = Fields::open(self.root, 0..0, "the file", TOP_KEYS, self.problems);
        let tables = Tables {
            sources: self.array_of_tables(&top, "sources"),
            actors: self.array_of_tables(&top, "actors"),
            events: self.array_of_tables(&top, "events"),
            metrics: self.array_of_tables(&top, "metrics"),
            quotes: self.array_of_tables(&top, "quotes"),
        };
        self.sources = collect_ids(&tables.sources, "source", self.problems);
        self.actors = collect_ids(&tables.actors, "actor", self.problems);
        self.events = collect_ids(&tables.events, "event", self.problems);
        // Quote ids are optional and nothing refers to them; still unique.
        collect_ids(&tables.quotes, "quote", self.problems);
        collect_ids(&tables.metrics, "metric", self.problems);

        let header = match top.get("situation") {
            Some(value) => fields::table(value, self.problems).map(|t| (t, value.span())),
            None => {
                self.problems.push(
                    Diagnostic::error(
                        root_span.start..root_span.start,
                        "missing the `[situation]` table",
                    )
                    .with_help(Some(
                        "start the file with [situation], a `title` and an `as_of` date".into(),
                    )),
                );
                None
            }
        };
        let header = header.and_then(|(t, span)| self.situation_header(t, span));

        let sources: Option<Vec<Source>> =
            tables.sources.iter().map(|v| self.source(v)).collect_all();
        let actors = tables.actors.iter().map(|v| self.actor(v)).collect_all();
        let events = tables.events.iter().map(|v| self.event(v)).collect_all();
        let metrics = tables.metrics.iter().map(|v| self.metric(v)).collect_all();
        let quotes = tables.quotes.iter().map(|v| self.quote(v)).collect_all();
        let no_cycles = self.check_part_of_cycles(&tables.actors);
        let actors = actors.filter(|_| no_cycles);
        self.warn_unused();

        let (title, as_of, summary, location, tags) = header?;
        let mut situation = Situation {
            title,
            as_of,
            summary,
            location,
            tags,
            sources: sources?,
            actors: actors?,
            events: events?,
            metrics: metrics?,
            quotes: quotes?,
        };
        into_timeline_order(&mut situation);
        Some(situation)
    }

    /// `[[name]]` at the top level, as a list of its tables.
    fn array_of_tables(&mut self, top: &Fields<'t, 'i>, name: &str) -> Vec<&'t Value<'i>> {
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

    #[allow(clippy::type_complexity)]
    fn situation_header(
        &mut self,
        table: &'t DeTable<'i>,
        span: Range<usize>,
    ) -> Option<(
        String,
        chrono::NaiveDate,
        Option<String>,
        Option<String>,
        Vec<String>,
    )> {
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

    fn open(
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

    fn source(&mut self, value: &'t Value<'i>) -> Option<Source> {
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

    fn actor(&mut self, value: &'t Value<'i>) -> Option<Actor> {
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
        let part_of = f.optional("part_of", p, |v, p| {
            resolve(v, &mut self.actors, "actor", p)
        });
        self.part_of.push(part_of.ok().flatten());
        let aliases = f.list("aliases", p, fields::string);
        let tags = f.list("tags", p, fields::string);
        Some(Actor {
            id: id?,
            name: name?,
            kind: kind?,
            role: role.ok()?,
            part_of: part_of.ok()?,
            aliases: aliases.ok()?,
            tags: tags.ok()?,
        })
    }

    fn event(&mut self, value: &'t Value<'i>) -> Option<Event> {
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
        let actors = f.list("actors", p, |v, p| resolve(v, &mut self.actors, "actor", p));
        let location = f.optional("location", p, fields::string);
        let category = f.optional("category", p, fields::string);
        let tags = f.list("tags", p, fields::string);
        let sources = f.list("sources", p, |v, p| {
            resolve(v, &mut self.sources, "source", p)
        });
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
            category: category.ok()?,
            tags: tags.ok()?,
            sources: sources.ok()?,
        })
    }

    fn metric(&mut self, value: &'t Value<'i>) -> Option<Metric> {
        let f = self.open(value, "[[metrics]]", METRIC_KEYS);
        let p = &mut *self.problems;
        let id = f.required("id", p, fields::string);
        let label = f.required("label", p, fields::text);
        let unit = f.optional("unit", p, fields::string);
        let actors = f.list("actors", p, |v, p| resolve(v, &mut self.actors, "actor", p));
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
        let kind = match present.as_slice() {
            ["value"] => {
                let observation = observation(&f, p, &mut self.sources);
                if observation.as_ref().is_some_and(|o| o.source.is_none()) {
                    p.push(warn_unsourced(f.get("id"), &f.span, "metric"));
                }
                observation.map(|o| MetricKind::Observed(vec![o]))
            }
            ["points"] => {
                let value = f.get("points")?;
                let points = fields::list(value, p, |item, p| {
                    let table = fields::table(item, p)?;
                    let pf = Fields::open(table, item.span(), "a metric's `points`", POINT_KEYS, p);
                    if !pf.has("date") {
                        pf.missing("date", p);
                    }
                    let o = observation(&pf, p, &mut self.sources)?;
                    if o.source.is_none() {
                        p.push(Diagnostic::warning(
                            item.span(),
                            "observation has no `source`",
                        ));
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
                        points.sort_by_key(|o| o.date);
                        Some(MetricKind::Observed(points))
                    }
                    None => None,
                }
            }
            [day_count] => {
                let event = f
                    .get(day_count)
                    .and_then(|v| resolve(v, &mut self.events, "event", p));
                // `present` holds only the four keys, and the two others matched above.
                if *day_count == "since" {
                    event.map(MetricKind::Since)
                } else {
                    event.map(MetricKind::Until)
                }
            }
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

    fn quote(&mut self, value: &'t Value<'i>) -> Option<Quote> {
        let f = self.open(value, "[[quotes]]", QUOTE_KEYS);
        let p = &mut *self.problems;
        let id = f.optional("id", p, fields::string);
        let speaker = f.required("speaker", p, |v, p| {
            resolve(v, &mut self.actors, "actor", p)
        });
        let text = f.required("text", p, fields::text);
        let date = f.optional("date", p, fields::date);
        let context = f.optional("context", p, fields::string);
        let about = f.list("about", p, |v, p| resolve(v, &mut self.actors, "actor", p));
        let event = f.optional("event", p, |v, p| resolve(v, &mut self.events, "event", p));
        let sources = f.list("sources", p, |v, p| {
            resolve(v, &mut self.sources, "source", p)
        });
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
            sources: sources.ok()?,
        })
    }

    /// A `part_of` chain that comes back to where it started is an error,
    /// reported once per cycle at the `part_of` of its first actor in the file.
    fn check_part_of_cycles(&mut self, values: &[&'t Value<'i>]) -> bool {
        const UNVISITED: u8 = 0;
        const ON_CHAIN: u8 = 1;
        const DONE: u8 = 2;
        let links = &self.part_of;
        let mut state = vec![UNVISITED; links.len()];
        let mut ok = true;
        for start in 0..links.len() {
            let mut chain = Vec::new();
            let mut at = Some(start);
            while let Some(i) = at {
                match state[i] {
                    DONE => break,
                    ON_CHAIN => {
                        let cycle = &chain[chain.iter().position(|&c| c == i).unwrap_or(0)..];
                        let first = cycle.iter().copied().min().unwrap_or(i);
                        let id_of = |c: usize| {
                            values[c]
                                .get_ref()
                                .as_table()
                                .and_then(|t| t.get("id"))
                                .and_then(|v| v.get_ref().as_str())
                                .unwrap_or("?")
                        };
                        let names: Vec<&str> = cycle
                            .iter()
                            .chain(cycle.first())
                            .map(|&c| id_of(c))
                            .collect();
                        let span = values[first]
                            .get_ref()
                            .as_table()
                            .and_then(|t| t.get("part_of"))
                            .map_or(values[first].span(), |v| v.span());
                        self.problems.push(
                            Diagnostic::error(
                                span,
                                format!("`part_of` forms a cycle: {}", names.join(" → ")),
                            )
                            .with_help(Some(
                                "an actor cannot be part of itself, directly or through others"
                                    .into(),
                            )),
                        );
                        ok = false;
                        break;
                    }
                    _ => {
                        state[i] = ON_CHAIN;
                        chain.push(i);
                        at = links.get(i).copied().flatten();
                    }
                }
            }
            for c in chain {
                state[c] = DONE;
            }
        }
        ok
    }

    fn warn_unused(&mut self) {
        for (ids, what) in [(&self.actors, "actor"), (&self.sources, "source")] {
            for (used, span) in ids.used.iter().zip(&ids.spans) {
                if !used {
                    let message = if what == "actor" {
                        "actor is never referred to (no event, quote, metric or `part_of` names it)"
                    } else {
                        "source is never cited"
                    };
                    self.problems
                        .push(Diagnostic::warning(span.clone(), message));
                }
            }
        }
    }
}

/// The value, date, qualifier and source of one observation (a single
/// `value` or an item of `points`).
fn observation(f: &Fields, p: &mut Problems, sources: &mut Ids) -> Option<Observation> {
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
    let source = f.optional("source", p, |v, p| resolve(v, sources, "source", p));
    Some(Observation {
        date: date.ok()?,
        value: value?,
        qualifier: qualifier.ok()?.unwrap_or_default(),
        source: source.ok()?,
    })
}

fn warn_unsourced(at: Option<&Value>, table_span: &Range<usize>, what: &str) -> Diagnostic {
    let span = at.map_or(table_span.clone(), |v| v.span());
    Diagnostic::warning(span, format!("{what} has no source")).with_help(Some(
        "add `sources = [\"...\"]` naming a [[sources]] id".into(),
    ))
}

/// First pass over a table: every item's id, checked for form and
/// uniqueness, so that references can be resolved in any order.
fn collect_ids<'t>(items: &[&'t Value<'_>], what: &str, problems: &mut Problems) -> Ids<'t> {
    let mut ids = Ids::default();
    let mut first_line: HashMap<&str, Range<usize>> = HashMap::new();
    for (i, item) in items.iter().enumerate() {
        let id_value = item.get_ref().as_table().and_then(|t| t.get("id"));
        let span = id_value.map_or(item.span(), |v| v.span());
        ids.used.push(false);
        ids.spans.push(span.clone());
        let Some(id) = id_value.and_then(|v| v.get_ref().as_str()) else {
            continue;
        };
        if let Some(problem) = fields::id_problem(id) {
            problems.push(
                Diagnostic::error(span.clone(), problem).with_help(fields::id_suggestion(id)),
            );
        }
        if first_line.contains_key(id) {
            problems.push(
                Diagnostic::error(span, format!("duplicate {what} id `{id}`")).with_help(Some(
                    format!("each {what} needs its own id; rename one of them"),
                )),
            );
        } else {
            first_line.insert(id, span);
            ids.index.insert(id, i);
            ids.names.push(id);
        }
    }
    ids
}

/// A reference to an id of another table, reported with the nearest id when unknown.
fn resolve(value: &Value, ids: &mut Ids, what: &str, problems: &mut Problems) -> Option<usize> {
    let id = fields::string(value, problems)?;
    match ids.index.get(id.as_str()) {
        Some(&i) => {
            ids.used[i] = true;
            Some(i)
        }
        None => {
            let known = ids.names.iter().copied();
            problems.push(
                Diagnostic::error(value.span(), format!("no {what} `{id}`")).with_help(
                    did_you_mean(&id, known)
                        .or_else(|| Some(format!("add a [[{what}s]] entry with id = \"{id}\""))),
                ),
            );
            None
        }
    }
}

/// Sorts events into timeline order (stable, so ties keep file order) and
/// rewrites every event reference to match.
fn into_timeline_order(situation: &mut Situation) {
    let mut order: Vec<usize> = (0..situation.events.len()).collect();
    let events = &situation.events;
    order.sort_by_key(|&i| (events[i].first_day(), events[i].last_day()));
    let mut new_index = vec![0; order.len()];
    for (new, &old) in order.iter().enumerate() {
        new_index[old] = new;
    }
    let mut old_events: Vec<Option<Event>> = std::mem::take(&mut situation.events)
        .into_iter()
        .map(Some)
        .collect();
    situation.events = order
        .iter()
        .map(|&old| {
            old_events[old]
                .take()
                .expect("a permutation visits each index once")
        })
        .collect();
    for metric in &mut situation.metrics {
        if let MetricKind::Since(e) | MetricKind::Until(e) = &mut metric.kind {
            *e = new_index[*e];
        }
    }
    for quote in &mut situation.quotes {
        if let Some(e) = &mut quote.event {
            *e = new_index[*e];
        }
    }
}

/// Collects an iterator of per-item results, visiting every item (so every
/// problem is reported) and yielding `None` if any item failed.
trait CollectAll<T> {
    fn collect_all(self) -> Option<Vec<T>>;
}

impl<T, I: Iterator<Item = Option<T>>> CollectAll<T> for I {
    fn collect_all(self) -> Option<Vec<T>> {
        let mut ok = true;
        let items: Vec<T> = self
            .filter_map(|x| {
                ok &= x.is_some();
                x
            })
            .collect();
        ok.then_some(items)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
