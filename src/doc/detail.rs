//! The text of a detail page (Enter): the detail of an event, actor, key
//! figure, quote or place, with every field, the actors, places, events and
//! quotes it names (selectable: Tab moves between them, Enter opens one,
//! Space filters by an actor or a place) and its sources in full.

use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

use crate::data::Data;
use crate::digest::Section;
use crate::figures::format_value;
use crate::geometry::quotes::attribution;
use crate::marks::Mark;
use crate::model::{ActorIx, EventIx, MetricIx, MetricKind, PlaceIx, QuoteIx, SourceIx};
use crate::query::{Filter, select};
use crate::text::{TEXT_MAX_CHARS, break_anywhere, count, fit, pad, shown, shown_text, wrap};
use crate::theme::Theme;

/// What a detail page shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    Event(EventIx),
    Actor(ActorIx),
    Metric(MetricIx),
    Quote(QuoteIx),
    Place(PlaceIx),
}

/// Lists in a detail stop after this many rows (an actor in 100,000 events).
const LIST_MAX: usize = 50;
const LABEL: usize = 11;
/// Columns of a url a detail shows at most (a longer one is cut with "…").
const URL_MAX_COLUMNS: usize = 2_000;

/// An actor, place, event or quote named in a document, which the cursor
/// can select.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Link {
    /// What Enter opens.
    pub target: Target,
    /// Line of the document it starts on.
    pub line: usize,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Document {
    pub kind: &'static str,
    pub lines: Vec<Line<'static>>,
    pub links: Vec<Link>,
    /// A key figure's chart: drawn over blank lines of the document.
    pub chart: Option<ChartSpot>,
}

/// Where a chart goes in a document: `rows` blank lines from `line`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ChartSpot {
    pub line: usize,
    pub rows: usize,
    pub series: crate::chart::Series,
}

/// Rows a key figure's chart takes in its detail.
const CHART_ROWS: usize = 12;
/// Columns below which a detail has no chart.
const CHART_MIN_WIDTH: usize = 40;

struct Builder<'a> {
    data: &'a Data,
    theme: &'a Theme,
    width: usize,
    selected_link: usize,
    lines: Vec<Line<'static>>,
    links: Vec<Link>,
    chart: Option<ChartSpot>,
}

impl Builder<'_> {
    fn blank(&mut self) {
        if self.lines.last().is_some_and(|l| l.width() > 0) {
            self.lines.push(Line::default());
        }
    }

    fn heading(&mut self, text: String) {
        self.blank();
        self.lines
            .push(Line::from(Span::styled(text, self.theme.strong())));
    }

    fn text(&mut self, text: &str, style: Style) {
        for row in wrap(&shown_text(text, TEXT_MAX_CHARS), self.width) {
            self.lines.push(Line::from(Span::styled(row, style)));
        }
    }

    /// "Label      value", the value wrapped under itself.
    fn field(&mut self, label: &str, value: &str) {
        let rows = wrap(
            &shown_text(value, TEXT_MAX_CHARS),
            self.width.saturating_sub(LABEL),
        );
        for (i, row) in rows.into_iter().enumerate() {
            let label = if i == 0 { label } else { "" };
            self.lines.push(Line::from(vec![
                Span::styled(pad(label, LABEL), self.theme.dim()),
                Span::raw(row),
            ]));
        }
    }

    /// A selectable item's text, wrapped: "▶ " (when selected) or two
    /// spaces before the first row, two spaces before the others.
    fn link_rows(&mut self, selected: bool, text: &str, style: Style) {
        let rows = wrap(
            &shown_text(text, TEXT_MAX_CHARS),
            self.width.saturating_sub(2),
        );
        for (i, row) in rows.into_iter().enumerate() {
            let lead = if selected && i == 0 { "▶ " } else { "  " };
            self.lines
                .push(Line::from(Span::styled(format!("{lead}{row}"), style)));
        }
    }

    /// A selectable actor: "▶ name · kind · role", wrapped.
    fn actor(&mut self, actor: ActorIx, note: Option<String>) {
        let (data, theme) = (self.data, self.theme);
        let a = &data.situation.actors[actor];
        let selected = self.links.len() == self.selected_link;
        let chosen = data.filter.actors.contains(&actor);
        let mut text = format!(
            "{}{} · {}",
            if chosen { "● " } else { "" },
            a.name,
            a.kind.as_str()
        );
        if let Some(note) = note.filter(|n| !n.is_empty()) {
            text.push_str(" · ");
            text.push_str(&note);
        }
        let style = match (selected, chosen) {
            (true, _) => theme.selected().add_modifier(Modifier::BOLD),
            (false, true) => theme.highlight(),
            (false, false) => theme.text(),
        };
        self.links.push(Link {
            target: Target::Actor(actor),
            line: self.lines.len(),
        });
        self.link_rows(selected, &text, style);
    }

    /// A selectable place: "▶ ⌖ Port-au-Prince · city · exact", wrapped, with
    /// "●" when it is in the filter. Its precision is always said: an
    /// approximate point never reads like an exact one.
    fn place(&mut self, place: PlaceIx) {
        let (data, theme) = (self.data, self.theme);
        let p = &data.situation.places[place];
        let selected = self.links.len() == self.selected_link;
        let chosen = data.filter.places.contains(&place);
        let text = format!(
            "{}⌖ {} · {} · {}",
            if chosen { "● " } else { "" },
            p.name,
            p.kind.as_str(),
            precision(p)
        );
        let style = match (selected, chosen) {
            (true, _) => theme.selected().add_modifier(Modifier::BOLD),
            (false, true) => theme.highlight(),
            (false, false) => theme.text(),
        };
        self.links.push(Link {
            target: Target::Place(place),
            line: self.lines.len(),
        });
        self.link_rows(selected, &text, style);
    }

    /// A selectable event: "▶ 25 Sep 2024 · Blinken to convene ...", wrapped.
    fn event(&mut self, e: EventIx) {
        let theme = self.theme;
        let event = &self.data.situation.events[e];
        let selected = self.links.len() == self.selected_link;
        let text = format!("{} · {}", event.date_label(), event.title);
        let style = if selected {
            theme.selected().add_modifier(Modifier::BOLD)
        } else {
            theme.text()
        };
        self.links.push(Link {
            target: Target::Event(e),
            line: self.lines.len(),
        });
        self.link_rows(selected, &text, style);
    }

    /// A selectable event row of a list, dates in a column and the title
    /// wrapped beside them: "▶ 25 Sep 2024   Blinken to convene ...".
    fn listed_event(&mut self, e: EventIx) {
        let (data, theme) = (self.data, self.theme);
        let event = &data.situation.events[e];
        let selected = self.links.len() == self.selected_link;
        // As the timeline does: most dates fit the column, an outlier
        // coarsens ("late Sep 2024" to "Sep 2024").
        let date_width = data.derived.date_width;
        let date = pad(
            &crate::text::first_fitting(date_width, &event.date_labels()),
            date_width + 2,
        );
        let room = self.width.saturating_sub(date_width + 4);
        let titles = wrap(&shown_text(&event.title, TEXT_MAX_CHARS), room);
        self.links.push(Link {
            target: Target::Event(e),
            line: self.lines.len(),
        });
        let blank = " ".repeat(date_width + 2);
        for (i, title) in titles.into_iter().enumerate() {
            let date = if i == 0 { date.as_str() } else { &blank };
            let line = if selected {
                let style = theme.selected().add_modifier(Modifier::BOLD);
                let lead = if i == 0 { "▶ " } else { "  " };
                Line::from(Span::styled(format!("{lead}{date}{title}"), style))
            } else {
                Line::from(vec![
                    Span::raw("  "),
                    Span::styled(date.to_string(), theme.dim()),
                    Span::raw(title),
                ])
            };
            self.lines.push(line);
        }
    }

    fn sources(&mut self, sources: &[SourceIx]) {
        if sources.is_empty() {
            self.heading("Sources".into());
            self.text(
                "None yet: nothing in the file backs this.",
                self.theme.warning(),
            );
            return;
        }
        self.heading(format!("Sources ({})", count(sources.len())));
        for &s in sources {
            self.source(s);
        }
    }

    fn source(&mut self, source: SourceIx) {
        let theme = self.theme;
        let s = &self.data.situation.sources[source];
        let width = self.width.saturating_sub(4);
        for (i, row) in wrap(&shown_text(&s.title, TEXT_MAX_CHARS), width)
            .into_iter()
            .enumerate()
        {
            let bullet = if i == 0 { "  • " } else { "    " };
            self.lines
                .push(Line::from(vec![Span::raw(bullet), Span::raw(row)]));
        }
        let by: Vec<String> = [
            s.publisher
                .as_deref()
                .map(|p| shown_text(p, TEXT_MAX_CHARS).into_owned()),
            s.date.map(|d| d.to_string()),
        ]
        .into_iter()
        .flatten()
        .collect();
        for row in wrap(&by.join(" · "), width)
            .into_iter()
            .filter(|r| !r.is_empty())
        {
            self.lines.push(Line::from(vec![
                Span::raw("    "),
                Span::styled(row, theme.dim()),
            ]));
        }
        if let Some(url) = &s.url {
            // The whole url reads, broken anywhere (no hyphen is added, so
            // what shows is the url); `o` opens it and `y` copies it whole.
            let url = fit(&shown(url, URL_MAX_COLUMNS), URL_MAX_COLUMNS);
            for row in break_anywhere(&url, width) {
                self.lines.push(Line::from(vec![
                    Span::raw("    "),
                    Span::styled(row, theme.dim().add_modifier(Modifier::UNDERLINED)),
                ]));
            }
        }
    }
}

/// The document a detail page about `target` shows at a text width, with
/// link `selected_link` marked.
pub fn document(
    data: &Data,
    theme: &Theme,
    target: Target,
    selected_link: usize,
    width: u16,
) -> Document {
    let mut b = Builder {
        data,
        theme,
        width: usize::from(width).max(1),
        selected_link,
        chart: None,
        lines: Vec::new(),
        links: Vec::new(),
    };
    let kind = match target {
        Target::Event(e) => {
            event(&mut b, e);
            "Event"
        }
        Target::Actor(a) => {
            actor(&mut b, a);
            "Actor"
        }
        Target::Metric(m) => {
            metric(&mut b, m);
            "Key figure"
        }
        Target::Quote(q) => {
            quote(&mut b, q);
            "Quote"
        }
        Target::Place(p) => {
            place(&mut b, p);
            "Place"
        }
    };
    Document {
        kind,
        lines: b.lines,
        links: b.links,
        chart: b.chart,
    }
}

fn event(b: &mut Builder, e: EventIx) {
    let (data, theme) = (b.data, b.theme);
    let s = &data.situation;
    let event = &s.events[e];
    b.text(&event.title, theme.strong());
    b.blank();
    // A fuzzy date ("late Sep") or a span around the as-of date: whether it
    // has begun is not known, so nothing more is claimed.
    let when = (event.tense_note(s.as_of))
        .map(|note| format!(" ({note})"))
        .unwrap_or_default();
    b.field("Date", &format!("{}{when}", event.date_label()));
    since_last_look(b, Section::Events, e.get());
    if let Some(category) = &event.category {
        b.field("Category", category);
    }
    if let Some(p) = event.place {
        let place = &s.places[p];
        b.field("Place", &s.place_label(p));
        b.field("Lat, lon", &coordinates(s, place));
    }
    if let Some(location) = &event.location {
        b.field("Location", location);
    }
    if !event.tags.is_empty() {
        b.field("Tags", &event.tags.join(", "));
    }
    b.field("Id", &event.id);
    if let Some(summary) = &event.summary {
        b.blank();
        b.text(summary, theme.text());
    }
    if !event.actors.is_empty() {
        b.heading(format!("Actors ({})", count(event.actors.len())));
        for &a in &event.actors {
            b.actor(a, s.actors[a].role.as_deref().map(String::from));
        }
    }
    if let Some(p) = event.place {
        b.heading("Place".into());
        b.place(p);
    }
    b.sources(&event.sources);
    let quotes: Vec<QuoteIx> = (data.derived.quote_order.iter().copied())
        .filter(|&q| s.quotes[q].event == Some(e))
        .collect();
    if !quotes.is_empty() {
        b.heading(format!("Quotes ({})", count(quotes.len())));
        for q in quotes {
            quote_text(b, q);
        }
    }
}

/// "exact", "approximate" or "no coordinates": a place's precision in a
/// word, for lists.
fn precision(place: &crate::model::Place) -> &'static str {
    match (place.point, place.approximate) {
        (None, _) => "no coordinates",
        (Some(_), true) => "approximate",
        (Some(_), false) => "exact",
    }
}

/// A place's point and its precision, said plainly: a vague point is never
/// passed off as a precise one, and a place with none says where the map
/// puts it instead.
fn coordinates(s: &crate::model::Situation, place: &crate::model::Place) -> String {
    if let Some(label) = place.coordinates_label() {
        return if place.approximate {
            label.replace(" (approximate)", " — approximate: stands for an area")
        } else {
            format!("{label} — exact")
        };
    }
    let located = std::iter::successors(place.part_of, |&p| s.places[p].part_of)
        .find(|&p| s.places[p].point.is_some());
    match located {
        Some(p) => format!("none of its own; on the map at {}", s.places[p].name),
        None => "none: known by name only".to_string(),
    }
}

/// A selectable quote: its text wrapped, "▶ " before its first row when
/// selected, and who said it when.
fn quote_text(b: &mut Builder, q: QuoteIx) {
    let (data, theme) = (b.data, b.theme);
    let quote = &data.situation.quotes[q];
    let width = b.width.saturating_sub(2);
    let text = shown_text(quote.text.trim(), TEXT_MAX_CHARS);
    let selected = b.links.len() == b.selected_link;
    b.links.push(Link {
        target: Target::Quote(q),
        line: b.lines.len(),
    });
    let selected_style = theme.selected().add_modifier(Modifier::BOLD);
    for (i, row) in wrap(&format!("“{text}”"), width).into_iter().enumerate() {
        let line = match (selected, i) {
            (true, 0) => Line::from(Span::styled(format!("▶ {row}"), selected_style)),
            (true, _) => Line::from(vec![Span::raw("  "), Span::styled(row, selected_style)]),
            (false, _) => Line::from(vec![Span::raw("  "), Span::raw(row)]),
        };
        b.lines.push(line);
    }
    // Wrapped, not cut as the quotes pane's one row does.
    let by = attribution(&data.situation, q, TEXT_MAX_CHARS);
    for row in wrap(&by, width) {
        b.lines.push(Line::from(vec![
            Span::raw("  "),
            Span::styled(row, theme.dim()),
        ]));
    }
}

fn actor(b: &mut Builder, a: ActorIx) {
    let (data, theme) = (b.data, b.theme);
    let s = &data.situation;
    let actor = &s.actors[a];
    // The actor itself comes first, so Space filters by it straight away.
    b.actor(a, actor.role.as_deref().map(String::from));
    b.blank();
    b.field("Kind", actor.kind.as_str());
    if let Some(role) = &actor.role {
        b.field("Role", role);
    }
    if !actor.aliases.is_empty() {
        b.field("Aliases", &actor.aliases.join(", "));
    }
    if !actor.tags.is_empty() {
        b.field("Tags", &actor.tags.join(", "));
    }
    b.field("Id", &actor.id);
    since_last_look(b, Section::Actors, a.get());
    let members: Vec<ActorIx> = (s.actor_ixs())
        .filter(|&m| s.actors[m].part_of == Some(a))
        .collect();
    let in_scope = data
        .selection
        .actors_in_scope
        .get(a.get())
        .copied()
        .unwrap_or(false);
    count_and_filter(
        b,
        data.index.event_count(a),
        (!members.is_empty()).then_some("with its members"),
        data.filter.actors.contains(&a),
        (!data.filter.actors.is_empty() && in_scope).then_some("the actor it is part of"),
    );
    if let Some(parent) = actor.part_of {
        b.heading("Part of".into());
        b.actor(parent, s.actors[parent].role.as_deref().map(String::from));
    }
    if !members.is_empty() {
        b.heading(format!("Members ({})", count(members.len())));
        for &m in &members {
            b.actor(m, s.actors[m].role.as_deref().map(String::from));
        }
    }
    // The same question the timeline asks when filtering by this actor.
    let only_this = Filter {
        actors: vec![a],
        ..Filter::default()
    };
    let events = select(s, &data.index, &only_this).events;
    if !events.is_empty() {
        b.heading(format!("Events ({})", count(events.len())));
        for &e in events.iter().take(LIST_MAX) {
            b.listed_event(e);
        }
        if events.len() > LIST_MAX {
            b.text(
                &format!("  … and {} more", events.len() - LIST_MAX),
                theme.dim(),
            );
        }
    }
    // Quotes of the actor itself: its members' are on their own pages (the
    // note says so), unlike events, which the filter gathers with members.
    let order = &data.derived.quote_order;
    let by: Vec<QuoteIx> = (order.iter().copied())
        .filter(|&q| s.quotes[q].speaker == a)
        .collect();
    let about: Vec<QuoteIx> = (order.iter().copied())
        .filter(|&q| s.quotes[q].about.contains(&a))
        .collect();
    for (title, quotes) in [("Quotes by", by), ("Quotes about", about)] {
        if quotes.is_empty() {
            continue;
        }
        b.heading(format!("{title} ({})", count(quotes.len())));
        for &q in quotes.iter().take(LIST_MAX) {
            quote_text(b, q);
        }
        if quotes.len() > LIST_MAX {
            b.text(
                &format!("  … and {} more", quotes.len() - LIST_MAX),
                theme.dim(),
            );
        }
    }
    if !members.is_empty() {
        b.blank();
        b.text(
            "Quotes by or about its members are on their own pages.",
            theme.dim(),
        );
    }
}

fn place(b: &mut Builder, p: PlaceIx) {
    let (data, theme) = (b.data, b.theme);
    let s = &data.situation;
    let place = &s.places[p];
    // The place itself comes first, so Space filters by it straight away.
    b.place(p);
    b.blank();
    b.field("Kind", place.kind.as_str());
    b.field("Lat, lon", &coordinates(s, place));
    if !place.aliases.is_empty() {
        b.field("Aliases", &place.aliases.join(", "));
    }
    b.field("Id", &place.id);
    let inside: Vec<PlaceIx> = (s.place_ixs())
        .filter(|&q| s.places[q].part_of == Some(p))
        .collect();
    let in_scope = data
        .selection
        .places_in_scope
        .get(p.get())
        .copied()
        .unwrap_or(false);
    count_and_filter(
        b,
        data.index.place_event_count(p),
        (!inside.is_empty()).then_some("with the places inside it"),
        data.filter.places.contains(&p),
        (!data.filter.places.is_empty() && in_scope).then_some("the place it lies in"),
    );
    if let Some(outer) = place.part_of {
        b.heading("Part of".into());
        b.place(outer);
    }
    if !inside.is_empty() {
        b.heading(format!("Places inside ({})", count(inside.len())));
        for &q in inside.iter().take(LIST_MAX) {
            b.place(q);
        }
        if inside.len() > LIST_MAX {
            b.text(
                &format!("  … and {} more", inside.len() - LIST_MAX),
                theme.dim(),
            );
        }
    }
    // The same question the timeline asks when filtering by this place.
    let only_this = Filter {
        places: vec![p],
        ..Filter::default()
    };
    let events = select(s, &data.index, &only_this).events;
    if !events.is_empty() {
        b.heading(format!("Events ({})", count(events.len())));
        for &e in events.iter().take(LIST_MAX) {
            b.listed_event(e);
        }
        if events.len() > LIST_MAX {
            b.text(
                &format!("  … and {} more", events.len() - LIST_MAX),
                theme.dim(),
            );
        }
    }
}

/// What changed since the reader's last look, when the item is marked:
/// "new since your last look", or "changed since your last look" with a
/// line per field that moved ("date was 3 Sep 2024, now 4 Sep 2024").
/// The "Events" and "Filter" fields an actor page and a place page share:
/// the count (saying when it takes in what lies inside), and whether the
/// filter keeps the item itself or through the item it is part of.
fn count_and_filter(
    b: &mut Builder,
    events: usize,
    with_inside: Option<&str>,
    in_filter: bool,
    kept_through: Option<&str>,
) {
    let count = match with_inside {
        Some(inside) => format!("{events} ({inside})"),
        None => events.to_string(),
    };
    b.field("Events", &count);
    let status = match (in_filter, kept_through) {
        (true, _) => "in the filter".to_owned(),
        (false, Some(through)) => format!("in the filter through {through}"),
        (false, None) => "not in the filter".to_owned(),
    };
    b.field("Filter", &status);
}

fn since_last_look(b: &mut Builder, section: Section, item: usize) {
    let marks = &b.data.marks;
    match marks.mark(section, item) {
        None => {}
        Some(Mark::New) => b.field("Seen", "new since your last look"),
        Some(Mark::Changed) => {
            let now = crate::seen::shown(&b.data.situation, section, item);
            let changes = marks
                .was(section, item)
                .map(|was| {
                    was.changes(&now)
                        .into_iter()
                        .map(|(field, old, new)| match (old, new) {
                            (Some(old), Some(new)) => format!("{field} was {old}, now {new}"),
                            (None, Some(new)) => format!("{field} added: {new}"),
                            (Some(old), None) => format!("{field} gone (was {old})"),
                            (None, None) => String::new(),
                        })
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default();
            if changes.is_empty() {
                b.field(
                    "Seen",
                    "changed since your last look (in details the record does not keep)",
                );
            } else {
                b.field("Seen", "changed since your last look:");
                for change in &changes {
                    b.field("", change);
                }
            }
        }
    }
}

fn metric(b: &mut Builder, m: MetricIx) {
    let (data, theme) = (b.data, b.theme);
    let s = &data.situation;
    let metric = &s.metrics[m];
    let figure = &data.derived.figures[m.get()];
    b.text(&metric.label, theme.strong());
    b.blank();
    let mut value = figure.display.clone();
    if let Some(unit) = &figure.unit {
        value.push(' ');
        value.push_str(&shown(unit, b.width));
    }
    b.field("Figure", &value);
    since_last_look(b, Section::Metrics, m.get());
    match &metric.kind {
        MetricKind::Since(e) | MetricKind::Until(e) => {
            // A count runs between the event's date (its start, for a span)
            // and the as-of date; the figure's date is the event's, not an
            // "as of".
            let event = &s.events[*e];
            let start = if event.end.is_some() {
                "start of: "
            } else {
                ""
            };
            let at_event = format!(
                "{} ({start}{})",
                event.date,
                shown_text(&event.title, TEXT_MAX_CHARS)
            );
            let as_of = format!("{}, the as-of date", crate::model::FuzzyDate::day(s.as_of));
            let counted = if matches!(metric.kind, MetricKind::Since(_)) {
                format!("from {at_event} to {as_of}")
            } else {
                format!("from {as_of}, to {at_event}")
            };
            b.field("Counted", &counted);
        }
        MetricKind::Observed(_) => {
            if let Some(date) = figure.date {
                let age = crate::figures::age_words(date, s.as_of);
                b.field("As of", &format!("{date} ({age})"));
            }
        }
    }
    let mut flags = Vec::new();
    if figure.stale {
        flags.push("stale: older than 60 days");
    }
    if figure.disputed {
        flags.push("disputed: sources disagree on the latest date; the range is shown");
    }
    if !flags.is_empty() {
        b.field("Caution", &flags.join("; "));
    }
    if let Some(trend) = &figure.trend {
        b.field("Change", &trend.change);
    }
    if let Some(progress) = &figure.progress {
        b.field(
            "Progress",
            &format!("{:.0}% of the target", progress.ratio * 100.0),
        );
    }
    if let Some(note) = &metric.note {
        b.field("Note", note);
    }
    b.field("Id", &metric.id);
    if !metric.actors.is_empty() {
        b.heading("About".into());
        for &a in &metric.actors {
            b.actor(a, s.actors[a].role.as_deref().map(String::from));
        }
    }
    match &metric.kind {
        MetricKind::Observed(points) => {
            b.heading(format!("Observations ({})", count(points.len())));
            if let Some(series) =
                crate::chart::series(metric).filter(|_| b.width >= CHART_MIN_WIDTH)
            {
                b.chart = Some(ChartSpot {
                    line: b.lines.len(),
                    rows: CHART_ROWS,
                    series,
                });
                b.lines
                    .extend(std::iter::repeat_n(Line::default(), CHART_ROWS));
                b.text(
                    "● exact  ~ about  > < more / less than  ≥ ≤ at least / most  \
                     ─ the days a date may be  │ values disputed  ┄ target",
                    theme.dim(),
                );
                b.blank();
            }
            let percent = crate::figures::is_percent(metric.unit.as_deref());
            for o in points.iter().rev() {
                let date = o
                    .date
                    .map(|d| d.to_string())
                    .unwrap_or_else(|| "undated".into());
                let value = format_value(o.value, o.qualifier, percent);
                b.lines.push(Line::from(vec![
                    Span::raw("  "),
                    Span::styled(pad(&date, 16), theme.dim()),
                    Span::styled(pad(&value, 14), theme.strong()),
                    Span::styled(o.qualifier.as_str().replace('-', " "), theme.dim()),
                ]));
                match o.source {
                    Some(source) => b.source(source),
                    None => b.text("    no source", theme.warning()),
                }
            }
        }
        MetricKind::Since(e) | MetricKind::Until(e) => {
            let event = &s.events[*e];
            b.heading("Event".into());
            b.event(*e);
            b.sources(&event.sources);
        }
    }
}

fn quote(b: &mut Builder, q: QuoteIx) {
    let (data, theme) = (b.data, b.theme);
    let s = &data.situation;
    let quote = &s.quotes[q];
    let text = shown_text(quote.text.trim(), TEXT_MAX_CHARS);
    b.text(&format!("“{text}”"), theme.strong());
    b.blank();
    b.field(
        "Date",
        &quote.date.map_or("undated".into(), |d| d.to_string()),
    );
    if let Some(context) = &quote.context {
        b.field("Context", context);
    }
    if let Some(id) = &quote.id {
        b.field("Id", id);
    }
    since_last_look(b, Section::Quotes, q.get());
    b.heading("Speaker".into());
    b.actor(
        quote.speaker,
        s.actors[quote.speaker].role.as_deref().map(String::from),
    );
    if !quote.about.is_empty() {
        b.heading("About".into());
        for &a in &quote.about {
            b.actor(a, s.actors[a].role.as_deref().map(String::from));
        }
    }
    if let Some(e) = quote.event {
        b.heading("Event".into());
        b.event(e);
    }
    b.sources(&quote.sources);
}
