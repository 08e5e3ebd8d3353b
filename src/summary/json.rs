//! JSON for scripts: one object whose shape is documented, field by field, in
//! docs/summary-json.md. Every key is always present (null or an empty list
//! when it does not apply), so scripts never need to test for a key.
//!
//! serde_json escapes `"`, `\` and C0 controls; [`escape_invisible`] also
//! escapes DEL, C1 controls, bidi controls and the Unicode line separators,
//! which serde_json writes raw and which would act on a terminal that shows
//! the JSON, or reorder what a reader sees.

use chrono::NaiveDate;
use serde::Serialize;
use serde_json::Value;

use super::View;
use crate::model::{ActorIx, MetricIx, MetricKind, Number, PlaceIx, Situation, SourceIx, Tense};
use crate::sanitize::is_hostile;

/// Bumped when a key changes meaning or disappears; new keys may be added
/// without a bump.
pub const VERSION: u32 = 1;

#[derive(Serialize)]
struct Summary<'a> {
    version: u32,
    situation: SituationJson<'a>,
    filter: FilterJson<'a>,
    totals: Totals,
    events: Vec<EventJson<'a>>,
    quotes: Vec<QuoteJson<'a>>,
    metrics: Vec<MetricJson<'a>>,
    actors: Vec<ActorJson<'a>>,
    places: Vec<PlaceJson<'a>>,
    sources: Vec<SourceJson<'a>>,
}

#[derive(Serialize)]
struct SituationJson<'a> {
    title: &'a str,
    as_of: String,
    summary: Option<&'a str>,
    location: Option<&'a str>,
    tags: &'a [String],
}

#[derive(Serialize)]
struct FilterJson<'a> {
    actors: Vec<&'a str>,
    places: Vec<&'a str>,
    categories: &'a [String],
    tags: &'a [String],
    kinds: Vec<&'static str>,
    sources: Vec<&'a str>,
    search: Option<&'a str>,
    from: Option<String>,
    to: Option<String>,
}

#[derive(Serialize)]
struct Totals {
    events: usize,
    quotes: usize,
}

#[derive(Serialize)]
struct EventJson<'a> {
    id: &'a str,
    date: String,
    start: String,
    end: String,
    approximate: bool,
    title: &'a str,
    summary: Option<&'a str>,
    actors: Vec<&'a str>,
    category: Option<&'a str>,
    location: Option<&'a str>,
    place: Option<&'a str>,
    tags: &'a [String],
    sources: Vec<&'a str>,
    upcoming: bool,
    tense: &'static str,
}

#[derive(Serialize)]
struct QuoteJson<'a> {
    id: Option<&'a str>,
    speaker: &'a str,
    speaker_name: &'a str,
    text: &'a str,
    date: Option<String>,
    context: Option<&'a str>,
    about: Vec<&'a str>,
    event: Option<&'a str>,
    place: Option<&'a str>,
    sources: Vec<&'a str>,
}

#[derive(Serialize)]
struct MetricJson<'a> {
    id: &'a str,
    label: &'a str,
    kind: &'static str,
    display: &'a str,
    unit: Option<&'a str>,
    value: Option<Value>,
    qualifier: Option<&'static str>,
    date: Option<String>,
    source: Option<&'a str>,
    points: Option<Vec<PointJson<'a>>>,
    event: Option<&'a str>,
    days_min: Option<i64>,
    days_max: Option<i64>,
    target: Option<Value>,
    trend: Option<TrendJson<'a>>,
    age_days: Option<i64>,
    note: Option<&'a str>,
    actors: Vec<&'a str>,
    highlighted: bool,
    stale: bool,
    disputed: bool,
}

#[derive(Serialize)]
struct PointJson<'a> {
    date: Option<String>,
    start: Option<String>,
    end: Option<String>,
    value: Value,
    qualifier: &'static str,
    source: Option<&'a str>,
}

#[derive(Serialize)]
struct TrendJson<'a> {
    change: &'a str,
    rising: bool,
}

#[derive(Serialize)]
struct ActorJson<'a> {
    id: &'a str,
    name: &'a str,
    kind: &'static str,
    role: Option<&'a str>,
    part_of: Option<&'a str>,
    aliases: &'a [Box<str>],
    in_scope: bool,
}

#[derive(Serialize)]
struct PlaceJson<'a> {
    id: &'a str,
    name: &'a str,
    kind: &'static str,
    part_of: Option<&'a str>,
    lat: Option<f64>,
    lon: Option<f64>,
    approximate: bool,
    aliases: &'a [String],
    events: usize,
    in_scope: bool,
}

#[derive(Serialize)]
struct SourceJson<'a> {
    id: &'a str,
    title: &'a str,
    publisher: Option<&'a str>,
    date: Option<String>,
    url: Option<&'a str>,
    number: Option<usize>,
}

pub fn render(view: &View) -> String {
    let summary = build(view);
    // Serializing plain structs of strings, numbers and lists into a String
    // cannot fail: there are no maps with non-string keys and no I/O.
    let json = serde_json::to_string_pretty(&summary).expect("the summary serializes");
    let mut out = escape_invisible(&json);
    out.push('\n');
    out
}

fn build<'a>(view: &'a View) -> Summary<'a> {
    let s: &'a Situation = view.situation;
    let actor_ids =
        |list: &[ActorIx]| -> Vec<&'a str> { list.iter().map(|&a| &*s.actors[a].id).collect() };
    let source_ids = |list: &[SourceIx]| -> Vec<&'a str> {
        list.iter().map(|&i| s.sources[i].id.as_str()).collect()
    };
    let place_id = |p: PlaceIx| s.places[p].id.as_str();
    let search = view.filter.search.trim();
    Summary {
        version: VERSION,
        situation: SituationJson {
            title: &s.title,
            as_of: iso(s.as_of),
            summary: s.summary.as_deref(),
            location: s.location.as_deref(),
            tags: &s.tags,
        },
        filter: FilterJson {
            actors: actor_ids(&view.filter.actors),
            places: view.filter.places.iter().map(|&p| place_id(p)).collect(),
            categories: &view.filter.facets.categories,
            tags: &view.filter.facets.tags,
            kinds: view
                .filter
                .facets
                .kinds
                .iter()
                .map(|k| k.as_str())
                .collect(),
            sources: source_ids(&view.filter.facets.sources),
            search: (!search.is_empty()).then_some(search),
            from: view.filter.from.map(iso),
            to: view.filter.to.map(iso),
        },
        totals: Totals {
            events: s.events.len(),
            quotes: s.quotes.len(),
        },
        events: view
            .events()
            .map(|(e, tense)| {
                let event = &s.events[e];
                EventJson {
                    id: &event.id,
                    date: event.date_label(),
                    start: iso(event.first_day()),
                    end: iso(event.last_day()),
                    approximate: event.date.is_approximate()
                        || event.end.is_some_and(|d| d.is_approximate()),
                    title: &event.title,
                    summary: event.summary.as_deref(),
                    actors: actor_ids(&event.actors),
                    category: event.category.as_deref(),
                    location: event.location.as_deref(),
                    place: event.place.map(place_id),
                    tags: &event.tags,
                    sources: source_ids(&event.sources),
                    upcoming: tense == Tense::Upcoming,
                    tense: tense.word(),
                }
            })
            .collect(),
        quotes: view
            .selection
            .quotes
            .iter()
            .map(|&q| {
                let quote = &s.quotes[q];
                QuoteJson {
                    id: quote.id.as_deref(),
                    speaker: &s.actors[quote.speaker].id,
                    speaker_name: &s.actors[quote.speaker].name,
                    text: &quote.text,
                    date: quote.date.map(|d| d.to_string()),
                    context: quote.context.as_deref(),
                    about: actor_ids(&quote.about),
                    event: quote.event.map(|e| s.events[e].id.as_str()),
                    place: quote.place.map(place_id),
                    sources: source_ids(&quote.sources),
                }
            })
            .collect(),
        metrics: s.metric_ixs().map(|m| metric(view, m)).collect(),
        actors: s
            .actors
            .iter()
            .enumerate()
            .map(|(i, actor)| ActorJson {
                id: &actor.id,
                name: &actor.name,
                kind: actor.kind.as_str(),
                role: actor.role.as_deref(),
                part_of: actor.part_of.map(|p| &*s.actors[p].id),
                aliases: &actor.aliases,
                in_scope: view.selection.actors_in_scope[i],
            })
            .collect(),
        places: (s.place_ixs().zip(&s.places))
            .map(|(p, place)| PlaceJson {
                id: &place.id,
                name: &place.name,
                kind: place.kind.as_str(),
                part_of: place.part_of.map(place_id),
                lat: place.point.map(|p| p.lat),
                lon: place.point.map(|p| p.lon),
                approximate: place.approximate,
                aliases: &place.aliases,
                events: view.place_counts[p.get()],
                in_scope: view.selection.places_in_scope[p.get()],
            })
            .collect(),
        sources: (s.source_ixs().zip(&s.sources))
            .map(|(i, source)| SourceJson {
                id: &source.id,
                title: &source.title,
                publisher: source.publisher.as_deref(),
                date: source.date.map(|d| d.to_string()),
                url: source.url.as_deref(),
                number: view.number(i),
            })
            .collect(),
    }
}

fn metric<'a>(view: &'a View, m: MetricIx) -> MetricJson<'a> {
    let s = view.situation;
    let metric = &s.metrics[m];
    let figure = &view.figures[m.get()];
    let source_id = |i: SourceIx| s.sources[i].id.as_str();
    let mut json = MetricJson {
        id: &metric.id,
        label: &metric.label,
        kind: "observed",
        display: &figure.display,
        unit: metric.unit.as_deref(),
        value: None,
        qualifier: None,
        date: None,
        source: figure.source.map(source_id),
        points: None,
        event: None,
        days_min: None,
        days_max: None,
        target: metric.target.map(number),
        trend: figure.trend.as_ref().map(|t| TrendJson {
            change: &t.change,
            rising: t.rising,
        }),
        age_days: figure.age_days,
        note: metric.note.as_deref(),
        actors: metric.actors.iter().map(|&a| &*s.actors[a].id).collect(),
        highlighted: view.is_highlighted(m),
        stale: figure.stale,
        disputed: figure.disputed,
    };
    match &metric.kind {
        MetricKind::Observed(points) => {
            // The loader guarantees at least one point; the latest is last.
            if let Some(latest) = points.last() {
                json.value = Some(number(latest.value));
                json.qualifier = Some(latest.qualifier.as_str());
                json.date = latest.date.map(|d| d.to_string());
            }
            json.points = Some(
                points
                    .iter()
                    .map(|o| PointJson {
                        date: o.date.map(|d| d.to_string()),
                        start: o.date.map(|d| iso(d.start())),
                        end: o.date.map(|d| iso(d.end())),
                        value: number(o.value),
                        qualifier: o.qualifier.as_str(),
                        source: o.source.map(source_id),
                    })
                    .collect(),
            );
        }
        MetricKind::Since(e) | MetricKind::Until(e) => {
            json.kind = if matches!(metric.kind, MetricKind::Since(_)) {
                "since"
            } else {
                "until"
            };
            json.event = Some(&s.events[*e].id);
            json.days_min = figure.days.map(|d| d.min);
            json.days_max = figure.days.map(|d| d.max);
        }
    }
    json
}

/// "2024-09-21".
fn iso(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

/// A whole number as a JSON integer (`578000`, not `578000.0`); otherwise a
/// float. The loader only lets finite numbers through.
fn number(n: Number) -> Value {
    if let Some(integer) = n.exact {
        return Value::from(integer);
    }
    const EXACT_INTEGERS: f64 = 9_007_199_254_740_992.0; // 2^53
    if n.decimals == 0 && n.value.fract() == 0.0 && n.value.abs() <= EXACT_INTEGERS {
        Value::from(n.value as i64)
    } else {
        serde_json::Number::from_f64(n.value).map_or(Value::Null, Value::Number)
    }
}

/// Escapes, as `\uXXXX`, the characters serde_json leaves raw that a reader
/// must not get raw: DEL, C1 controls, bidi controls (the same set as
/// [`is_hostile`]) and U+2028/U+2029. They can only occur inside strings
/// (the JSON structure itself is ASCII), where `\uXXXX` means the same
/// character, so the document's meaning does not change.
pub fn escape_invisible(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        if is_hostile(c) || matches!(c, '\u{2028}' | '\u{2029}') {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// `--ascii`: escapes every character beyond ASCII as `\uXXXX` (one beyond
/// the Basic Multilingual Plane as its UTF-16 surrogate pair, as JSON
/// spells it). As in [`escape_invisible`], such characters only occur
/// inside strings, where the escape means the same character.
pub fn escape_non_ascii(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    let mut units = [0u16; 2];
    for c in json.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            for unit in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_output_escapes_everything_beyond_ascii_and_reads_back_the_same() {
        let text = "Café — 漢字 👍 \u{202e}";
        let raw = escape_invisible(&serde_json::to_string(text).unwrap());
        let ascii = escape_non_ascii(&raw);
        assert_eq!(
            ascii,
            r#""Caf\u00e9 \u2014 \u6f22\u5b57 \ud83d\udc4d \u202e""#
        );
        assert_eq!(serde_json::from_str::<String>(&ascii).unwrap(), text);
    }

    #[test]
    fn escapes_what_serde_json_leaves_raw() {
        let raw = serde_json::to_string("a\u{1b}[31m\u{7f}\u{9b}2J\u{202e}x\u{2028}").unwrap();
        assert_eq!(
            escape_invisible(&raw),
            r#""a\u001b[31m\u007f\u009b2J\u202ex\u2028""#
        );
        let back: String = serde_json::from_str(&escape_invisible(&raw)).unwrap();
        assert_eq!(back, "a\u{1b}[31m\u{7f}\u{9b}2J\u{202e}x\u{2028}");
    }

    #[test]
    fn whole_numbers_are_integers() {
        assert_eq!(number(Number::whole(578000.0)).to_string(), "578000");
        assert_eq!(number(Number::float(18.5, 2)).to_string(), "18.5");
        // Beyond 2^53 only the integer as written is exact.
        let big = Number::integer(9_007_199_254_740_993);
        assert_eq!(number(big).to_string(), "9007199254740993");
        assert_eq!(
            number(Number::integer(i64::MAX)).to_string(),
            "9223372036854775807"
        );
    }
}
