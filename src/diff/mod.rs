//! `sitrep diff`: what changed between two versions of a situation, section
//! by section, with the fields that changed and their old and new values.
//!
//! [`Report::new`] matches items by key and compares digests (see
//! [`crate::changes`]); only items whose digest differs are compared field
//! by field. The three formats only render the report. Strings here are raw
//! data: each format makes them safe for itself as it writes them.

mod json;
mod markdown;
mod text;

use chrono::NaiveDate;

use crate::ask::Ask;
use crate::changes::{Catalog, Changes};
use crate::digest::{Digests, Section};
use crate::figures::{self, format_value, is_percent};
use crate::model::{
    ActorIx, ActorKind, EventIx, FuzzyDate, Metric, MetricKind, Observation, PlaceIx, Situation,
    SourceIx,
};
use crate::query::{self, Facets, Filter, Index};
use crate::sanitize::is_hostile;

/// The output formats of `sitrep diff`: those of `summary` that read as a
/// report.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Plain text wrapped to a width.
    #[default]
    Text,
    /// Markdown: a heading per section, a list item per change.
    Markdown,
    /// One JSON object for scripts (see docs/diff-json.md).
    Json,
}

/// One version of the situation, with the name it is shown by.
pub struct Side<'a> {
    /// The path or `REV:path` as given, already on one safe line.
    pub name: &'a str,
    pub situation: &'a Situation,
}

/// What a filter keeps on one side, by position in that side's lists;
/// `None` keeps everything.
#[derive(Clone, Debug, Default)]
pub struct Scope {
    kept: Option<[Vec<bool>; 4]>,
}

impl Scope {
    /// Applies the dashboard's filter to one side. An actor, place or
    /// source id this side lacks keeps nothing by it here (the other side
    /// may have it). The ask has been checked (see [`split_ask`]): its
    /// kinds are known and its window is in order.
    pub fn new(s: &Situation, index: &Index, ask: &Ask) -> Scope {
        if ask.is_empty() {
            return Scope::default();
        }
        let actors: Vec<ActorIx> = ask
            .actors
            .iter()
            .filter_map(|id| s.actor_by_id(id))
            .collect();
        let places: Vec<PlaceIx> = ask
            .places
            .iter()
            .filter_map(|id| s.place_by_id(id))
            .collect();
        let sources: Vec<SourceIx> = ask
            .sources
            .iter()
            .filter_map(|id| s.source_by_id(id))
            .collect();
        let none_here = (!ask.actors.is_empty() && actors.is_empty())
            || (!ask.places.is_empty() && places.is_empty())
            || (!ask.sources.is_empty() && sources.is_empty());
        let (from, to) = ask.window().unwrap_or_default();
        let filter = Filter {
            actors,
            places,
            facets: Facets {
                categories: ask.categories.clone(),
                tags: ask.tags.clone(),
                kinds: ask
                    .kinds
                    .iter()
                    .filter_map(|k| ActorKind::parse(k))
                    .collect(),
                sources,
            },
            search: ask.search.clone().unwrap_or_default(),
            from,
            to,
            ..Filter::default()
        };
        let selection = query::select(s, index, &filter);
        let mut kept = [
            vec![false; s.metrics.len()],
            vec![false; s.events.len()],
            vec![false; s.quotes.len()],
            vec![false; s.actors.len()],
        ];
        if !none_here {
            // Figures are narrowed by actor, kind and source, as the
            // dashboard highlights them; the rest narrow the timeline and
            // quotes, search and kinds the actors too.
            if !filter.narrows_figures() {
                kept[0].fill(true);
            } else {
                for &m in &selection.highlighted_metrics {
                    kept[0][m.get()] = true;
                }
            }
            for &e in &selection.events {
                kept[1][e.get()] = true;
            }
            for &q in &selection.quotes {
                kept[2][q.get()] = true;
            }
            let searching = !filter.search.trim().is_empty();
            for (a, keep) in kept[3].iter_mut().enumerate() {
                *keep = selection.actors_in_scope[a]
                    && (!searching || selection.actors_matching_search[a])
                    && (filter.facets.kinds.is_empty()
                        || filter.facets.kinds.contains(&s.actors[a].kind));
            }
        }
        Scope { kept: Some(kept) }
    }

    fn keeps(&self, section: Section, item: usize) -> bool {
        let slot = Section::ALL.iter().position(|&s| s == section).unwrap_or(0);
        self.kept
            .as_ref()
            .is_none_or(|kept| kept[slot].get(item).copied().unwrap_or(false))
    }
}

/// The ask read for two versions: the ids and values the new version has
/// (they describe the filter), and those only the old one has (the report
/// names them). One in neither version is a usage error, explained against
/// the new version as `summary` would.
pub fn split_ask(
    ask: &Ask,
    old: &Situation,
    new: &Situation,
) -> Result<(Ask, Vec<String>), String> {
    type Field = fn(&mut Ask) -> &mut Vec<String>;
    type Has = fn(&Situation, &str) -> bool;
    let fields: [(Field, Has); 6] = [
        (|a| &mut a.actors, |s, id| s.actor_by_id(id).is_some()),
        (
            |a| &mut a.places,
            |s, id| s.places.iter().any(|p| p.id == id),
        ),
        (
            |a| &mut a.categories,
            |s, v| s.events.iter().any(|e| e.category.as_deref() == Some(v)),
        ),
        (
            |a| &mut a.tags,
            |s, v| s.events.iter().any(|e| e.tags.iter().any(|t| t == v)),
        ),
        (|a| &mut a.kinds, |_, v| ActorKind::parse(v).is_some()),
        (
            |a| &mut a.sources,
            |s, id| s.sources.iter().any(|src| src.id == id),
        ),
    ];
    let mut asked = ask.clone();
    let mut in_new = Ask {
        search: ask.search.clone(),
        from: ask.from,
        to: ask.to,
        ..Ask::default()
    };
    let mut only_old = Vec::new();
    for (field, has) in fields {
        for value in std::mem::take(field(&mut asked)) {
            if has(new, &value) {
                field(&mut in_new).push(value);
            } else if has(old, &value) {
                only_old.push(value);
            } else {
                let mut alone = Ask::default();
                field(&mut alone).push(value);
                alone.filter(new)?;
            }
        }
    }
    Ok((in_new, only_old))
}

/// An item added or removed: how a reader recognises it.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Item {
    pub key: String,
    /// A title, label, name, or the words of a quote.
    pub label: String,
    /// The event's date, the figure's value, the quote's speaker, the
    /// actor's kind: what a reader needs beside the label.
    pub detail: Option<String>,
}

/// One field of a changed item; `None` where the field is absent.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct FieldChange {
    pub field: String,
    pub old: Option<String>,
    pub new: Option<String>,
}

#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Changed {
    pub key: String,
    /// As the new version has it.
    pub label: String,
    pub fields: Vec<FieldChange>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct SectionDiff {
    pub section: Section,
    /// In the new version's order.
    pub added: Vec<Item>,
    /// In the old version's order.
    pub removed: Vec<Item>,
    /// In the new version's order.
    pub changed: Vec<Changed>,
}

impl SectionDiff {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.changed.is_empty()
    }

    /// "2 added, 1 changed", or "no change".
    pub fn counts(&self) -> String {
        counts(self.added.len(), self.changed.len(), self.removed.len())
    }
}

fn counts(added: usize, changed: usize, removed: usize) -> String {
    let mut parts = Vec::new();
    for (n, word) in [(added, "added"), (changed, "changed"), (removed, "removed")] {
        if n > 0 {
            parts.push(format!("{n} {word}"));
        }
    }
    if parts.is_empty() {
        "no change".to_string()
    } else {
        parts.join(", ")
    }
}

/// The whole comparison, ready to render.
pub struct Report<'a> {
    pub old: Side<'a>,
    pub new: Side<'a>,
    /// The filter in words, or `None` when everything is compared.
    pub filter: Option<String>,
    /// In [`Section::ALL`] order, every section present.
    pub sections: Vec<SectionDiff>,
}

impl<'a> Report<'a> {
    /// Compares two versions by their digests (computed by the caller,
    /// each where its version was loaded): fields are read only for the
    /// items whose digests differ.
    pub fn new(
        old: Side<'a>,
        new: Side<'a>,
        (old_digests, new_digests): (&Digests, &Digests),
        scopes: (&Scope, &Scope),
        filter: Option<String>,
    ) -> Report<'a> {
        let (o, n) = (old.situation, new.situation);
        let changes = Changes::between(&Catalog::of(o, old_digests), &Catalog::of(n, new_digests));
        let sections = Section::ALL
            .into_iter()
            .map(|section| {
                section_diff(
                    (o, old_digests),
                    (n, new_digests),
                    section,
                    &changes,
                    scopes,
                )
            })
            .collect();
        Report {
            old,
            new,
            filter,
            sections,
        }
    }

    /// True when any section differs or `as_of` moved.
    pub fn differs(&self) -> bool {
        self.sections.iter().any(|s| !s.is_empty()) || self.as_of_moved()
    }

    pub fn as_of_moved(&self) -> bool {
        self.old.situation.as_of != self.new.situation.as_of
    }

    /// "3 added, 2 changed, 1 removed" over every section.
    pub fn totals(&self) -> String {
        let sum = |f: fn(&SectionDiff) -> usize| self.sections.iter().map(f).sum::<usize>();
        counts(
            sum(|s| s.added.len()),
            sum(|s| s.changed.len()),
            sum(|s| s.removed.len()),
        )
    }
}

/// Renders the report. Text is wrapped to `width` columns; Markdown and
/// JSON ignore it. The result always ends with a newline.
pub fn render(report: &Report, format: Format, width: usize) -> String {
    let out = match format {
        Format::Markdown => markdown::render(report),
        Format::Json => json::render(report),
        Format::Text => text::render(report, width),
    };
    debug_assert!(
        out.chars()
            .all(|c| c == '\n' || !(c.is_control() || is_hostile(c)))
    );
    debug_assert!(out.ends_with('\n'));
    out
}

fn section_diff(
    (o, od): (&Situation, &Digests),
    (n, nd): (&Situation, &Digests),
    section: Section,
    changes: &Changes,
    (old_scope, new_scope): (&Scope, &Scope),
) -> SectionDiff {
    let found = changes.section(section);
    SectionDiff {
        section,
        added: found
            .added
            .iter()
            .filter(|&&i| new_scope.keeps(section, i))
            .map(|&i| item(n, nd, section, i))
            .collect(),
        removed: found
            .removed
            .iter()
            .filter(|&&i| old_scope.keeps(section, i))
            .map(|&i| item(o, od, section, i))
            .collect(),
        changed: found
            .changed
            .iter()
            .filter(|&&(new, old)| new_scope.keeps(section, new) || old_scope.keeps(section, old))
            .map(|&(new, old)| Changed {
                key: nd.key(n, section, new).to_string(),
                label: label(n, section, new),
                fields: fields(o, n, section, old, new),
            })
            .collect(),
    }
}

fn label(s: &Situation, section: Section, i: usize) -> String {
    match section {
        Section::Metrics => s.metrics[i].label.clone(),
        Section::Events => s.events[i].title.clone(),
        Section::Quotes => s.quotes[i].text.trim().to_string(),
        Section::Actors => s.actors[i].name.to_string(),
    }
}

fn item(s: &Situation, digests: &Digests, section: Section, i: usize) -> Item {
    let detail = match section {
        Section::Metrics => Some(figures::figure(s, &s.metrics[i]).display_with_unit()),
        Section::Events => Some(s.events[i].date_label()),
        Section::Quotes => {
            let q = &s.quotes[i];
            let mut who = s.actors[q.speaker].name.to_string();
            if let Some(date) = q.date {
                who.push_str(&format!(", {date}"));
            }
            Some(who)
        }
        Section::Actors => Some(s.actors[i].kind.as_str().to_string()),
    };
    Item {
        key: digests.key(s, section, i).to_string(),
        label: label(s, section, i),
        detail,
    }
}

/// Collects the fields that differ, in the order a reader scans an item.
struct Fields(Vec<FieldChange>);

impl Fields {
    fn compare(&mut self, field: &str, old: Option<String>, new: Option<String>) {
        if old != new {
            self.0.push(FieldChange {
                field: field.to_string(),
                old,
                new,
            });
        }
    }

    fn text(&mut self, field: &str, old: &str, new: &str) {
        if old != new {
            self.compare(field, Some(old.to_string()), Some(new.to_string()));
        }
    }

    fn opt(&mut self, field: &str, old: Option<&str>, new: Option<&str>) {
        self.compare(field, old.map(str::to_string), new.map(str::to_string));
    }

    /// A list compared as written; `None` when empty.
    fn list(&mut self, field: &str, old: Vec<String>, new: Vec<String>) {
        if old != new {
            let join = |l: Vec<String>| (!l.is_empty()).then(|| l.join(", "));
            self.compare(field, join(old), join(new));
        }
    }
}

/// Actors by name, or by "name (id)" when two lists differ only in ids.
fn actor_lists(
    f: &mut Fields,
    field: &str,
    (o, old): (&Situation, &[ActorIx]),
    (n, new): (&Situation, &[ActorIx]),
) {
    let ids = |s: &Situation, l: &[ActorIx]| -> Vec<String> {
        l.iter().map(|&a| s.actors[a].id.to_string()).collect()
    };
    if ids(o, old) == ids(n, new) {
        return;
    }
    let names = |s: &Situation, l: &[ActorIx]| -> Vec<String> {
        l.iter().map(|&a| s.actors[a].name.to_string()).collect()
    };
    let (old_names, new_names) = (names(o, old), names(n, new));
    if old_names == new_names {
        let full = |s: &Situation, l: &[ActorIx]| -> Vec<String> {
            l.iter()
                .map(|&a| format!("{} ({})", s.actors[a].name, s.actors[a].id))
                .collect()
        };
        f.list(field, full(o, old), full(n, new));
    } else {
        f.list(field, old_names, new_names);
    }
}

/// A place by name, with its id when the name alone would not tell.
fn place(s: &Situation, place: Option<PlaceIx>) -> Option<String> {
    place.map(|p| format!("{} ({})", s.places[p].name, s.places[p].id))
}

fn source_ids(s: &Situation, list: &[SourceIx]) -> Vec<String> {
    list.iter().map(|&i| s.sources[i].id.clone()).collect()
}

fn fields(
    o: &Situation,
    n: &Situation,
    section: Section,
    old: usize,
    new: usize,
) -> Vec<FieldChange> {
    let mut f = Fields(Vec::new());
    match section {
        Section::Events => {
            let (a, b) = (&o.events[old], &n.events[new]);
            if (a.date, a.end) != (b.date, b.end) {
                f.compare("date", Some(a.date_label()), Some(b.date_label()));
            }
            f.text("title", &a.title, &b.title);
            actor_lists(&mut f, "actors", (o, &a.actors), (n, &b.actors));
            f.opt("summary", a.summary.as_deref(), b.summary.as_deref());
            f.opt("location", a.location.as_deref(), b.location.as_deref());
            f.compare("place", place(o, a.place), place(n, b.place));
            f.opt("category", a.category.as_deref(), b.category.as_deref());
            f.list("tags", a.tags.clone(), b.tags.clone());
            f.list(
                "sources",
                source_ids(o, &a.sources),
                source_ids(n, &b.sources),
            );
        }
        Section::Metrics => metric_fields(&mut f, (o, &o.metrics[old]), (n, &n.metrics[new])),
        Section::Quotes => {
            let (a, b) = (&o.quotes[old], &n.quotes[new]);
            f.text("text", a.text.trim(), b.text.trim());
            actor_lists(&mut f, "speaker", (o, &[a.speaker]), (n, &[b.speaker]));
            f.compare(
                "date",
                a.date.map(|d| d.to_string()),
                b.date.map(|d| d.to_string()),
            );
            f.opt("context", a.context.as_deref(), b.context.as_deref());
            actor_lists(&mut f, "about", (o, &a.about), (n, &b.about));
            let event = |s: &Situation, e: Option<EventIx>| e.map(|e| s.events[e].id.clone());
            f.compare("event", event(o, a.event), event(n, b.event));
            f.compare("place", place(o, a.place), place(n, b.place));
            f.list(
                "sources",
                source_ids(o, &a.sources),
                source_ids(n, &b.sources),
            );
        }
        Section::Actors => {
            let (a, b) = (&o.actors[old], &n.actors[new]);
            f.text("name", &a.name, &b.name);
            f.text("kind", a.kind.as_str(), b.kind.as_str());
            f.opt("role", a.role.as_deref(), b.role.as_deref());
            let part_of = |p: Option<ActorIx>| p.map_or_else(Vec::new, |p| vec![p]);
            actor_lists(
                &mut f,
                "part of",
                (o, &part_of(a.part_of)),
                (n, &part_of(b.part_of)),
            );
            let owned = |l: &[Box<str>]| l.iter().map(|s| s.to_string()).collect();
            f.list("aliases", owned(&a.aliases), owned(&b.aliases));
            f.list("tags", owned(&a.tags), owned(&b.tags));
        }
    }
    if f.0.is_empty() {
        // Digests cover exactly the fields above; this is a safety net
        // for a field added to one and not the other.
        f.compare("content", Some("as before".into()), Some("edited".into()));
    }
    f.0
}

fn metric_fields(f: &mut Fields, (o, a): (&Situation, &Metric), (n, b): (&Situation, &Metric)) {
    f.text("label", &a.label, &b.label);
    f.opt("unit", a.unit.as_deref(), b.unit.as_deref());
    let target = |m: &Metric| {
        m.target
            .map(|t| format_value(t, Default::default(), is_percent(m.unit.as_deref())))
    };
    f.compare("target", target(a), target(b));
    f.opt("note", a.note.as_deref(), b.note.as_deref());
    actor_lists(f, "actors", (o, &a.actors), (n, &b.actors));
    match (&a.kind, &b.kind) {
        (MetricKind::Observed(old), MetricKind::Observed(new)) => {
            observations(f, (o, a, old), (n, b, new));
        }
        _ => {
            let counts = |s: &Situation, m: &Metric| match m.kind {
                MetricKind::Observed(_) => "observed values".to_string(),
                MetricKind::Since(e) => format!("days since {}", s.events[e].id),
                MetricKind::Until(e) => format!("days until {}", s.events[e].id),
            };
            f.text("counts", &counts(o, a), &counts(n, b));
        }
    }
}

/// Each observation, matched by date and source: "observation 18 Sep 2024
/// (radio)" with its old and new value, or only one of them when it was
/// added or removed.
fn observations(
    f: &mut Fields,
    (o, a, old): (&Situation, &Metric, &[Observation]),
    (n, b, new): (&Situation, &Metric, &[Observation]),
) {
    let key = |s: &Situation, p: &Observation| (p.date, p.source.map(|i| s.sources[i].id.clone()));
    let name = |(date, source): &(Option<FuzzyDate>, Option<String>)| {
        let date = date.map_or_else(|| "undated".to_string(), |d| d.to_string());
        match source {
            Some(source) => format!("observation {date} ({source})"),
            None => format!("observation {date}"),
        }
    };
    let value = |m: &Metric, p: &Observation| {
        format_value(p.value, p.qualifier, is_percent(m.unit.as_deref()))
    };
    let mut keys: Vec<(Option<FuzzyDate>, Option<String>)> = Vec::new();
    for k in old
        .iter()
        .map(|p| key(o, p))
        .chain(new.iter().map(|p| key(n, p)))
    {
        if !keys.contains(&k) {
            keys.push(k);
        }
    }
    // Dated order, as the figure's history reads.
    keys.sort_by_key(|(date, _)| date.map(|d| (d.start(), d.end())));
    for k in &keys {
        let find = |s: &Situation, m: &Metric, list: &[Observation]| {
            let values: Vec<String> = list
                .iter()
                .filter(|p| key(s, p) == *k)
                .map(|p| value(m, p))
                .collect();
            (!values.is_empty()).then(|| values.join(", "))
        };
        f.compare(&name(k), find(o, a, old), find(n, b, new));
    }
}

/// "4 Oct 2024" for a day.
pub(crate) fn day(date: NaiveDate) -> String {
    FuzzyDate::day(date).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::load_str;

    const OLD: &str = r#"
[situation]
title = "Flood"
as_of = 2024-09-20

[[sources]]
id = "wire"
title = "Wire"

[[actors]]
id = "gov"
name = "Government"
kind = "government"

[[events]]
id = "rain"
date = "late 2024-08"
title = "Heavy rain begins"
sources = ["wire"]

[[events]]
id = "gone"
date = 2024-09-01
title = "A rumour"
sources = ["wire"]

[[metrics]]
id = "displaced"
label = "People displaced"
points = [
  { date = 2024-09-12, value = 30000, source = "wire" },
  { date = 2024-09-18, value = 41000, source = "wire" },
]
"#;

    fn report_of<'a>(o: &'a Situation, n: &'a Situation) -> Report<'a> {
        let scope = Scope::default();
        Report::new(
            Side {
                name: "old",
                situation: o,
            },
            Side {
                name: "new",
                situation: n,
            },
            (&Digests::of(o), &Digests::of(n)),
            (&scope, &scope),
            None,
        )
    }

    #[test]
    fn changed_items_name_each_field_with_both_values() {
        let new_text = OLD
            .replace("as_of = 2024-09-20", "as_of = 2024-09-21")
            .replace("\"late 2024-08\"", "2024-08-30")
            .replace("value = 41000", "value = 42000")
            .replace(
                "[[events]]\nid = \"gone\"\ndate = 2024-09-01\ntitle = \"A rumour\"\nsources = [\"wire\"]\n",
                "[[events]]\nid = \"breach\"\ndate = 2024-09-12\ntitle = \"Levee breach\"\nactors = [\"gov\"]\nsources = [\"wire\"]\n",
            );
        let o = load_str(OLD).situation.unwrap();
        let n = load_str(&new_text).situation.unwrap();
        let report = report_of(&o, &n);
        assert!(report.differs());
        assert!(report.as_of_moved());
        let events = &report.sections[1];
        assert_eq!(events.section, Section::Events);
        assert_eq!(events.added[0].key, "breach");
        assert_eq!(events.removed[0].key, "gone");
        assert_eq!(events.changed[0].key, "rain");
        assert_eq!(
            events.changed[0].fields,
            [FieldChange {
                field: "date".into(),
                old: Some("late Aug 2024".into()),
                new: Some("30 Aug 2024".into())
            }]
        );
        let figures = &report.sections[0];
        assert_eq!(
            figures.changed[0].fields,
            [FieldChange {
                field: "observation 18 Sep 2024 (wire)".into(),
                old: Some("41,000".into()),
                new: Some("42,000".into())
            }]
        );
        // The actor is newly referenced, not changed: no actor section entry.
        assert!(report.sections[3].is_empty());
        assert_eq!(report.totals(), "1 added, 2 changed, 1 removed");
    }

    #[test]
    fn the_same_file_reformatted_has_no_difference() {
        let o = load_str(OLD).situation.unwrap();
        let n = load_str(&OLD.replace("value = 41000", "value = 41_000"))
            .situation
            .unwrap();
        assert!(!report_of(&o, &n).differs());
    }
}
