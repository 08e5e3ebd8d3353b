//! `sitrep summary`: the dashboard's content as a linear briefing, in plain
//! text, Markdown or JSON, or its events as a TimelineJS timeline or a CSV
//! table.
//!
//! [`View::new`] asks [`query::select`] what the filter keeps and
//! [`figures::figure`] how each metric reads, exactly as the dashboard does;
//! the formats only render that one view. Strings here are raw data:
//! each format makes them safe for itself at the moment it writes them.

mod csv;
pub(crate) mod json;
pub(crate) mod markdown;
pub(crate) mod text;
mod timelinejs;

pub use json::escape_non_ascii;

use chrono::NaiveDate;

use crate::figures::{self, Figure, Staleness};
use crate::model::{
    ActorIx, EventIx, FuzzyDate, MetricIx, MetricKind, QuoteIx, Situation, SourceIx, Tense,
};
use crate::query::{self, Facet, FacetGroup, Filter, Index, Selection};
use crate::sanitize::is_hostile;

/// The output formats of `sitrep summary`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Plain text wrapped to a width, for e-mail and screen readers.
    #[default]
    Text,
    /// Markdown with a figures table and numbered sources.
    Markdown,
    /// One JSON object for scripts (see docs/summary-json.md).
    Json,
    /// A TimelineJS 3 JSON document of the events, to publish (see docs/export.md).
    Timelinejs,
    /// One CSV row per event, for spreadsheets (see docs/export.md).
    Csv,
}

/// Renders the briefing. Text is wrapped to `width` columns; the other
/// formats ignore it. The result always ends with a newline.
pub fn render(view: &View, format: Format, width: usize) -> String {
    let out = match format {
        Format::Text => text::render(view, width),
        Format::Markdown => markdown::render(view),
        Format::Json => json::render(view),
        Format::Timelinejs => timelinejs::render(view),
        Format::Csv => csv::render(view),
    };
    // Every format escapes or replaces what the data could smuggle in.
    debug_assert!(
        out.chars()
            .all(|c| c == '\n' || !(c.is_control() || is_hostile(c)))
    );
    debug_assert!(out.ends_with('\n'));
    out
}

/// The `sitrep summary` arguments that print the view of `filter` in
/// `format`: [`crate::ask::Ask::filter`] read backwards, so the dashboard can show the
/// command line that gives what it exports. `file` is the situation file
/// as named on the command line (`None` for the built-in situation).
pub fn command_args(
    s: &Situation,
    filter: &Filter,
    format: Format,
    file: Option<&str>,
) -> Vec<String> {
    let mut args = vec!["summary".to_string()];
    args.extend(file.map(str::to_string));
    let mut flag = |name: &str, value: String| {
        args.push(format!("--{name}"));
        args.push(value);
    };
    for &a in &filter.actors {
        flag("actor", s.actors[a].id.to_string());
    }
    for &p in &filter.places {
        flag("place", s.places[p].id.clone());
    }
    let facets = &filter.facets;
    for category in &facets.categories {
        flag("category", category.clone());
    }
    for tag in &facets.tags {
        flag("tag", tag.clone());
    }
    for kind in &facets.kinds {
        flag("kind", kind.as_str().to_string());
    }
    for &source in &facets.sources {
        flag("source", s.sources[source].id.clone());
    }
    if !filter.search.is_empty() {
        flag("search", filter.search.clone());
    }
    if let Some(from) = filter.from {
        flag("from", FuzzyDate::day(from).to_file_form());
    }
    if let Some(to) = filter.to {
        flag("to", FuzzyDate::day(to).to_file_form());
    }
    if let Some(name) = clap::ValueEnum::to_possible_value(&format)
        && format != Format::Text
    {
        flag("format", name.get_name().to_string());
    }
    args
}

/// A filter in words, or `None` when nothing is filtered.
pub fn describe_filter(s: &Situation, filter: &Filter) -> Option<String> {
    if filter.is_empty() {
        return None;
    }
    let mut parts = Vec::new();
    if !filter.actors.is_empty() {
        let names: Vec<String> = filter
            .actors
            .iter()
            .map(|&a| format!("{} ({})", s.actors[a].name, s.actors[a].id))
            .collect();
        let (label, whose) = if names.len() == 1 {
            ("actor", "its")
        } else {
            ("actors", "their")
        };
        parts.push(format!(
            "{label} {}, with {whose} members",
            names.join(" or ")
        ));
    }
    if !filter.places.is_empty() {
        let names: Vec<String> = filter
            .places
            .iter()
            .map(|&p| format!("{} ({})", s.places[p].name, s.places[p].id))
            .collect();
        let (label, what) = if names.len() == 1 {
            ("place", "what lies in it")
        } else {
            ("places", "what lies in them")
        };
        parts.push(format!("{label} {}, with {what}", names.join(" or ")));
    }
    for group in FacetGroup::ALL {
        let chosen: Vec<String> = (0..filter.facets.len(group))
            .filter_map(|i| filter.facets.get(group, i))
            .map(|facet| match facet {
                Facet::Source(src) => format!("{} ({})", s.sources[src].title, s.sources[src].id),
                other => other.name(s).to_string(),
            })
            .collect();
        if !chosen.is_empty() {
            let label = group.noun(chosen.len());
            parts.push(format!("{label} {}", chosen.join(" or ")));
        }
    }
    let search = filter.search.trim();
    if !search.is_empty() {
        parts.push(format!("text “{search}”"));
    }
    let day = |d: NaiveDate| FuzzyDate::day(d).to_string();
    match (filter.from, filter.to) {
        (Some(from), Some(to)) => parts.push(format!("from {} to {}", day(from), day(to))),
        (Some(from), None) => parts.push(format!("from {}", day(from))),
        (None, Some(to)) => parts.push(format!("up to {}", day(to))),
        (None, None) => {}
    }
    Some(parts.join("; "))
}

/// Paragraphs of a multi-line text such as the situation's summary: split
/// at blank lines, trimmed; line breaks inside one are for the caller to
/// flatten.
fn paragraphs(text: &str) -> impl Iterator<Item = &str> {
    text.split("\n\n").map(str::trim).filter(|p| !p.is_empty())
}

fn count(shown: usize, total: usize, noun: &str) -> String {
    let noun = if total == 1 {
        noun.to_string()
    } else {
        format!("{noun}s")
    };
    if shown == total {
        format!("{total} {noun}")
    } else {
        format!("{shown} of {total} {noun}")
    }
}

/// What one briefing shows: the situation, what the filter kept, and every
/// metric's figure, with sources numbered in the order the text cites them.
pub struct View<'a> {
    pub situation: &'a Situation,
    pub filter: &'a Filter,
    pub selection: Selection,
    /// One per metric, in the situation's order.
    pub figures: Vec<Figure>,
    /// Sources cited by what text and Markdown show, in order of first
    /// citation (figures, then timeline, then quotes): `[1]` is `cited[0]`.
    pub cited: Vec<SourceIx>,
    /// For each source, its 1-based number in `cited`.
    numbers: Vec<Option<usize>>,
    /// For each place, the kept events at it or at a place inside it.
    pub place_counts: Vec<usize>,
}

impl<'a> View<'a> {
    pub fn new(situation: &'a Situation, index: &Index, filter: &'a Filter) -> View<'a> {
        View::with_staleness(situation, index, filter, Staleness::default())
    }

    /// The briefing's content, with figures stale after `staleness`.
    pub fn with_staleness(
        situation: &'a Situation,
        index: &Index,
        filter: &'a Filter,
        staleness: Staleness,
    ) -> View<'a> {
        let selection = query::select(situation, index, filter);
        let figures: Vec<Figure> = situation
            .metrics
            .iter()
            .map(|m| figures::figure_with(situation, m, staleness))
            .collect();
        let place_counts = query::place_counts(situation, index, &selection.events);
        let mut view = View {
            situation,
            filter,
            selection,
            figures,
            cited: Vec::new(),
            numbers: vec![None; situation.sources.len()],
            place_counts,
        };
        let mut order: Vec<SourceIx> = Vec::new();
        for m in situation.metric_ixs() {
            order.extend(view.figure_sources(m));
        }
        for &e in &view.selection.events {
            order.extend(&situation.events[e].sources);
        }
        for &q in &view.selection.quotes {
            order.extend(&situation.quotes[q].sources);
        }
        for source in order {
            let number = &mut view.numbers[source.get()];
            if number.is_none() {
                view.cited.push(source);
                *number = Some(view.cited.len());
            }
        }
        view
    }

    /// A source's `[n]` number, when something shown cites it.
    pub fn number(&self, source: SourceIx) -> Option<usize> {
        self.numbers.get(source.get()).copied().flatten()
    }

    /// "Relief Coordination Office, 18 Sep 2024": a source's publisher and
    /// date, whichever it has.
    pub fn source_details(&self, source: SourceIx) -> String {
        let source = &self.situation.sources[source];
        let mut details: Vec<String> = Vec::new();
        details.extend(source.publisher.clone());
        details.extend(source.date.map(|d| d.to_string()));
        details.join(", ")
    }

    /// "[1, 3]" for a list of sources, empty when there are none.
    pub fn refs(&self, sources: &[SourceIx]) -> String {
        let mut numbers: Vec<usize> = sources.iter().filter_map(|&s| self.number(s)).collect();
        numbers.sort_unstable();
        numbers.dedup();
        if numbers.is_empty() {
            return String::new();
        }
        let list: Vec<String> = numbers.iter().map(usize::to_string).collect();
        format!("[{}]", list.join(", "))
    }

    /// The sources behind a metric's figure: those of every observation on
    /// the latest date (several when disputed), or for a day count, its
    /// event's sources.
    pub fn figure_sources(&self, metric: MetricIx) -> Vec<SourceIx> {
        let s = self.situation;
        let mut sources = Vec::new();
        match &s.metrics[metric].kind {
            MetricKind::Observed(points) => {
                let latest = self.figures[metric.get()].date;
                for o in points.iter().filter(|o| o.date == latest) {
                    if let Some(source) = o.source
                        && !sources.contains(&source)
                    {
                        sources.push(source);
                    }
                }
            }
            MetricKind::Since(e) | MetricKind::Until(e) => {
                sources.extend(&s.events[*e].sources);
            }
        }
        sources
    }

    pub fn is_highlighted(&self, metric: MetricIx) -> bool {
        self.selection.highlighted_metrics.contains(&metric)
    }

    /// Where the "now" divider goes among the selected events: before the
    /// first that is not over (events are in timeline order, so the rest
    /// follow it), or after the last when all are over. `None` when there are no
    /// events, or when the date window ends before `as_of`: a divider after
    /// the last event would then wrongly suggest nothing happened since.
    pub fn now_at(&self) -> Option<usize> {
        let as_of = self.situation.as_of;
        let events = &self.selection.events;
        match events
            .iter()
            .position(|&e| self.situation.events[e].tense(as_of) != Tense::Past)
        {
            Some(at) => Some(at),
            None if events.is_empty() || self.filter.to.is_some_and(|to| to < as_of) => None,
            None => Some(events.len()),
        }
    }

    /// "— now (21 Sep 2024) —".
    pub fn now_divider(&self) -> String {
        format!("— now ({}) —", FuzzyDate::day(self.situation.as_of))
    }

    /// Names of an event's actors, comma-separated.
    pub fn actor_names(&self, actors: &[ActorIx]) -> String {
        let names: Vec<&str> = actors
            .iter()
            .map(|&a| &*self.situation.actors[a].name)
            .collect();
        names.join(", ")
    }

    /// The name of the event's place, else its free-text `location`.
    pub fn where_name(&self, event: EventIx) -> Option<&str> {
        let s = self.situation;
        let e = &s.events[event];
        match e.place {
            Some(p) => Some(&s.places[p].name),
            None => e.location.as_deref(),
        }
    }

    /// Where an event happened, for a details line: "in Port-au-Prince" for
    /// an area, "at Toussaint Louverture airport" for a site; else its
    /// free-text `location`, "at …".
    pub fn where_label(&self, event: EventIx) -> Option<String> {
        let s = self.situation;
        let e = &s.events[event];
        match e.place {
            Some(p) => Some(crate::model::where_phrase(&s.places[p])),
            None => e.location.as_ref().map(|l| format!("at {l}")),
        }
    }

    /// The filter in words, or `None` when nothing is filtered.
    pub fn filter_description(&self) -> Option<String> {
        describe_filter(self.situation, self.filter)
    }

    /// "12 events", or "5 of 12 events" when the filter hid some.
    pub fn events_count(&self) -> String {
        count(
            self.selection.events.len(),
            self.situation.events.len(),
            "event",
        )
    }

    /// "4 quotes", or "1 of 4 quotes" when the filter hid some, and how
    /// many of those a date window left out for want of a date.
    pub fn quotes_count(&self) -> String {
        let shown = count(
            self.selection.quotes.len(),
            self.situation.quotes.len(),
            "quote",
        );
        match self.selection.undated_quotes_left_out {
            0 => shown,
            n => format!("{shown}; {}", crate::text::undated_left_out(n)),
        }
    }

    /// Why a figure is marked as concerning the filter, naming the actors
    /// it is about: "about Kenya", "about Kenya and the MSS", "about Kenya
    /// and 2 more"; "matches the filter" when a facet alone keeps it.
    fn why_highlighted(&self, m: &crate::model::Metric) -> String {
        let s = self.situation;
        let names: Vec<&str> = if self.filter.actors.is_empty() {
            Vec::new()
        } else {
            m.actors
                .iter()
                .filter(|&&a| self.selection.actors_in_scope[a.get()])
                .map(|&a| &*s.actors[a].name)
                .collect()
        };
        match names.as_slice() {
            [] => "matches the filter".to_string(),
            [one] => format!("about {one}"),
            [one, two] => format!("about {one} and {two}"),
            [one, rest @ ..] => format!("about {one} and {} more", rest.len()),
        }
    }

    /// What a reader needs beside a figure: its date or event, trend, and
    /// warnings, each a short phrase.
    pub fn figure_notes(&self, metric: MetricIx) -> Vec<String> {
        let s = self.situation;
        let m = &s.metrics[metric];
        let figure = &self.figures[metric.get()];
        let mut notes = Vec::new();
        if self.is_highlighted(metric) {
            notes.push(self.why_highlighted(m));
        }
        match m.kind {
            MetricKind::Observed(_) => {
                if let Some(date) = figure.date {
                    notes.push(date.to_string());
                }
            }
            // Day counts run from the event's `date`, not its `end`.
            MetricKind::Since(e) => {
                notes.push(format!("since {}: {}", s.events[e].date, s.events[e].title))
            }
            MetricKind::Until(e) => {
                notes.push(format!("until {}: {}", s.events[e].date, s.events[e].title))
            }
        }
        if let Some(trend) = &figure.trend {
            notes.push(trend.change.clone());
        }
        if figure.disputed {
            notes.push("disputed: sources differ on the latest figure".to_string());
        }
        if figure.stale {
            match figure.date {
                // As precise as the date: "2,821–2,851 days before the as-of date".
                Some(date) => notes.push(format!(
                    "stale: {}",
                    crate::figures::age_words(date, s.as_of)
                )),
                None => notes.push("stale".to_string()),
            }
        }
        if let Some(note) = &m.note {
            notes.push(note.clone());
        }
        notes
    }

    /// "Ama Osei, Minister of Water (context) · 8 Sep 2024": the date after
    /// a mark no role has, since a role may hold commas and dates of its
    /// own ("Mayor of Derna, suspended on 17 September").
    pub fn attribution(&self, quote: QuoteIx) -> String {
        match self.attribution_parts(quote) {
            (who, Some(date)) => format!("{who} · {date}"),
            (who, None) => who,
        }
    }

    /// The speaker ("Ama Osei, Minister of Water (context)") and the date
    /// of a quote, apart.
    pub fn attribution_parts(&self, quote: QuoteIx) -> (String, Option<String>) {
        let s = self.situation;
        let q = &s.quotes[quote];
        let speaker = &s.actors[q.speaker];
        let mut parts = vec![speaker.name.clone()];
        parts.extend(speaker.role.clone());
        let mut who = parts.join(", ");
        if let Some(context) = &q.context {
            who.push_str(&format!(" ({context})"));
        }
        (who, q.date.map(|date| date.to_string()))
    }

    /// Events the selection keeps, each with its tense.
    pub fn events(&self) -> impl Iterator<Item = (EventIx, Tense)> + '_ {
        let as_of = self.situation.as_of;
        self.selection
            .events
            .iter()
            .map(move |&e| (e, self.situation.events[e].tense(as_of)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ask::Ask;
    use crate::load::load_str;

    const FIXTURE: &str = include_str!("../../tests/fixtures/summary.toml");

    fn fixture() -> (Situation, Index) {
        let s = load_str(FIXTURE).situation.expect("the fixture loads");
        let index = Index::new(&s);
        (s, index)
    }

    fn by_actor(id: &str) -> Ask {
        Ask {
            actors: vec![id.into()],
            ..Ask::default()
        }
    }

    #[test]
    fn an_unknown_actor_names_the_nearest_id() {
        let (s, _) = fixture();
        let err = by_actor("red-cros").filter(&s).unwrap_err();
        assert!(err.contains("`red-cros`"), "{err}");
        assert!(err.contains("did you mean `red-cross`?"), "{err}");
        let err = by_actor("weather").filter(&s).unwrap_err();
        assert!(
            err.contains("known ids: government, ministry-water"),
            "{err}"
        );
    }

    #[test]
    fn dates_take_the_whole_fuzzy_span_and_must_be_in_order() {
        let (s, _) = fixture();
        let d = |t: &str| Some(t.parse::<FuzzyDate>().unwrap());
        let window = |from, to| {
            Ask {
                from: d(from),
                to: d(to),
                ..Ask::default()
            }
            .filter(&s)
        };
        let f = window("2024-09", "late 2024-10").unwrap();
        assert_eq!(f.from.unwrap().to_string(), "2024-09-01");
        assert_eq!(f.to.unwrap().to_string(), "2024-10-31");
        let err = window("2024-10", "2024-09").unwrap_err();
        assert!(err.contains("after"), "{err}");
    }

    #[test]
    fn sources_are_numbered_in_order_of_first_citation() {
        let (s, index) = fixture();
        let filter = Filter::default();
        let view = View::new(&s, &index, &filter);
        let ids: Vec<&str> = view
            .cited
            .iter()
            .map(|&i| s.sources[i].id.as_str())
            .collect();
        // Figures first: displaced (flash-4), rescuers (flash-4), farmland
        // (gazette), no-water (survey), deaths (ministry, radio), then the
        // day counts' events (gazette, flash-4, ministry), then the timeline.
        assert_eq!(
            ids,
            [
                "flash-4", "gazette", "survey", "ministry", "radio", "appeal"
            ]
        );
        let breach = &s.events[s.events.iter().position(|e| e.id == "breach").unwrap()];
        assert_eq!(view.refs(&breach.sources), "[1, 2]");
    }

    #[test]
    fn a_disputed_figure_cites_every_source_of_its_date() {
        let (s, index) = fixture();
        let filter = Filter::default();
        let view = View::new(&s, &index, &filter);
        let deaths = s
            .metric_ixs()
            .find(|&m| s.metrics[m].id == "deaths")
            .unwrap();
        assert!(view.figures[deaths.get()].disputed);
        let ids: Vec<&str> = view
            .figure_sources(deaths)
            .iter()
            .map(|&i| s.sources[i].id.as_str())
            .collect();
        assert_eq!(ids, ["ministry", "radio"]);
    }

    #[test]
    fn a_filter_cites_only_what_it_shows() {
        let (s, index) = fixture();
        let filter = by_actor("north-team").filter(&s).unwrap();
        let view = View::new(&s, &index, &filter);
        assert!(!view.cited.iter().any(|&i| s.sources[i].id == "appeal"));
        assert!(view.filter_description().unwrap().contains("north-team"));
    }
}
