//! The situation as the program uses it: plain data, references resolved to
//! indices, events in timeline order. No I/O and no UI here.

mod date;
mod index;

pub use date::{DateError, FuzzyDate, Precision};
pub use index::{ActorIx, EventIx, ListIndex, MAX_ITEMS, MetricIx, PlaceIx, QuoteIx, SourceIx};

use chrono::{Datelike, NaiveDate};

/// One developing situation, loaded and checked.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Situation {
    pub title: String,
    /// The "now" of the file: later events are upcoming, day counts start here.
    pub as_of: NaiveDate,
    pub summary: Option<String>,
    pub location: Option<String>,
    pub tags: Vec<String>,
    pub sources: Vec<Source>,
    pub actors: Vec<Actor>,
    /// In file order; a place's `part_of` never forms a cycle.
    pub places: Vec<Place>,
    /// In timeline order: past events, then those whose dates include
    /// `as_of`, then upcoming ones (see [`Event::tense`]); within each, by
    /// date span start, then end, then file order.
    pub events: Vec<Event>,
    pub metrics: Vec<Metric>,
    pub quotes: Vec<Quote>,
    /// Where each item starts in the file it was read from.
    pub lines: Lines,
}

/// The 1-based line of each item's table in its file (`e` opens the editor
/// there), list by list in the order of the situation's own lists (events
/// in timeline order). Empty lists for a situation not read from a file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Lines {
    pub sources: Vec<u32>,
    pub actors: Vec<u32>,
    pub places: Vec<u32>,
    pub events: Vec<u32>,
    pub metrics: Vec<u32>,
    pub quotes: Vec<u32>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Source {
    pub id: String,
    pub title: String,
    pub publisher: Option<String>,
    pub date: Option<FuzzyDate>,
    pub url: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ActorKind {
    Person,
    Organization,
    Government,
    Force,
    ArmedGroup,
    Population,
    Media,
    Other,
}

impl ActorKind {
    pub const ALL: [ActorKind; 8] = [
        ActorKind::Person,
        ActorKind::Organization,
        ActorKind::Government,
        ActorKind::Force,
        ActorKind::ArmedGroup,
        ActorKind::Population,
        ActorKind::Media,
        ActorKind::Other,
    ];

    /// The spelling used in situation files.
    pub fn as_str(self) -> &'static str {
        match self {
            ActorKind::Person => "person",
            ActorKind::Organization => "organization",
            ActorKind::Government => "government",
            ActorKind::Force => "force",
            ActorKind::ArmedGroup => "armed-group",
            ActorKind::Population => "population",
            ActorKind::Media => "media",
            ActorKind::Other => "other",
        }
    }

    pub fn parse(text: &str) -> Option<ActorKind> {
        ActorKind::ALL.into_iter().find(|k| k.as_str() == text)
    }
}

/// Its text is boxed rather than in `String`s and `Vec`s: nothing changes
/// it once loaded, and a file may hold a million actors, which then take
/// 88 bytes each rather than 136 (besides their text).
#[derive(Clone, Debug, PartialEq)]
pub struct Actor {
    pub id: Box<str>,
    pub name: Box<str>,
    pub kind: ActorKind,
    pub role: Option<Box<str>>,
    /// The actor this one belongs to; never forms a cycle.
    pub part_of: Option<ActorIx>,
    pub aliases: Box<[Box<str>]>,
    pub tags: Box<[Box<str>]>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum PlaceKind {
    Country,
    Region,
    District,
    City,
    Site,
    #[default]
    Other,
}

impl PlaceKind {
    pub const ALL: [PlaceKind; 6] = [
        PlaceKind::Country,
        PlaceKind::Region,
        PlaceKind::District,
        PlaceKind::City,
        PlaceKind::Site,
        PlaceKind::Other,
    ];

    /// The spelling used in situation files.
    pub fn as_str(self) -> &'static str {
        match self {
            PlaceKind::Country => "country",
            PlaceKind::Region => "region",
            PlaceKind::District => "district",
            PlaceKind::City => "city",
            PlaceKind::Site => "site",
            PlaceKind::Other => "other",
        }
    }

    pub fn parse(text: &str) -> Option<PlaceKind> {
        PlaceKind::ALL.into_iter().find(|k| k.as_str() == text)
    }
}

/// A point on the Earth in decimal degrees: `lat` in -90..=90 (north
/// positive), `lon` in -180..=180 (east positive).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LatLon {
    pub lat: f64,
    pub lon: f64,
}

/// Where events happen, with its own precision, as a date has one.
#[derive(Clone, Debug, PartialEq)]
pub struct Place {
    pub id: String,
    pub name: String,
    pub kind: PlaceKind,
    /// The place this one lies in; never forms a cycle.
    pub part_of: Option<PlaceIx>,
    /// Absent for a place known by name only.
    pub point: Option<LatLon>,
    /// The point only stands for an area, or is a guess: never to be shown
    /// as a precise position.
    pub approximate: bool,
    pub aliases: Vec<String>,
}

impl Place {
    /// "18.5944° N, 72.3074° W", with "(approximate)" when it is.
    pub fn coordinates_label(&self) -> Option<String> {
        let p = self.point?;
        let ns = if p.lat < 0.0 { 'S' } else { 'N' };
        let ew = if p.lon < 0.0 { 'W' } else { 'E' };
        let mut label = format!("{:.4}° {ns}, {:.4}° {ew}", p.lat.abs(), p.lon.abs());
        if self.approximate {
            label.push_str(" (approximate)");
        }
        Some(label)
    }
}

/// "in Port-au-Prince" for an area, "at Toussaint Louverture airport" for
/// a site or anything else: how a briefing says where something happened.
pub fn where_phrase(place: &Place) -> String {
    match place.kind {
        PlaceKind::Country | PlaceKind::Region | PlaceKind::District | PlaceKind::City => {
            format!("in {}", place.name)
        }
        PlaceKind::Site | PlaceKind::Other => format!("at {}", place.name),
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    pub id: String,
    pub date: FuzzyDate,
    /// For spans; never starts before `date` starts.
    pub end: Option<FuzzyDate>,
    pub title: String,
    pub summary: Option<String>,
    pub actors: Vec<ActorIx>,
    /// Free-text label for where, for what has no place record.
    pub location: Option<String>,
    pub place: Option<PlaceIx>,
    pub category: Option<String>,
    pub tags: Vec<String>,
    pub sources: Vec<SourceIx>,
}

impl Event {
    /// First day the event may have happened on.
    pub fn first_day(&self) -> NaiveDate {
        self.date.start()
    }

    /// Last day the event may have happened on.
    pub fn last_day(&self) -> NaiveDate {
        self.end.map_or(self.date.end(), |end| end.end())
    }

    /// Where the event stands relative to `as_of`: the one "now" rule of the
    /// dashboard, the details and every briefing.
    pub fn tense(&self, as_of: NaiveDate) -> Tense {
        if self.last_day() < as_of {
            Tense::Past
        } else if self.first_day() > as_of {
            Tense::Upcoming
        } else {
            Tense::Ongoing
        }
    }

    /// The tense in words beside the date, the same in the detail and every
    /// briefing; nothing for a past event.
    pub fn tense_note(&self, as_of: NaiveDate) -> Option<&'static str> {
        match self.tense(as_of) {
            Tense::Past => None,
            Tense::Ongoing if self.first_day() == self.last_day() => Some("on the as-of date"),
            Tense::Ongoing => Some("its dates include the as-of date"),
            Tense::Upcoming => Some("upcoming"),
        }
    }

    /// The date as honest as the file, the same everywhere it is shown:
    /// "27 Feb 2025", "early Mar 2025", "c. 6 Mar 2025", a span
    /// "18–25 Feb 2025", "late Apr–May 2025" or "30 Dec 2024 – 2 Jan 2025".
    pub fn date_label(&self) -> String {
        span_label(self.date, self.end)
    }

    /// [`Event::date_label`] written to `out`: measuring a million labels
    /// then needs one string, not a million.
    pub fn write_date_label(&self, out: &mut impl std::fmt::Write) -> std::fmt::Result {
        write_span_label(out, self.date, self.end)
    }

    /// [`Event::date_label`], then coarser labels that still hold the whole
    /// span ("late Sep 2024", "Sep 2024", "2024"), finest first: what a
    /// narrow column shows instead of cutting a date in the middle.
    pub fn date_labels(&self) -> Vec<String> {
        let mut labels = vec![self.date_label()];
        for precision in [Precision::Month, Precision::Year] {
            let mut start = self.date.no_finer_than(precision);
            let mut stop = self.end.map(|d| d.no_finer_than(precision));
            // A span whose ends coarsen to one period is that period.
            if let Some(end) = stop
                && (end.start(), end.end()) == (start.start(), start.end())
            {
                if end.is_approximate() && !start.is_approximate() {
                    start = end;
                }
                stop = None;
            }
            let label = span_label(start, stop);
            if labels.last() != Some(&label) {
                labels.push(label);
            }
        }
        labels
    }
}

fn span_label(start: FuzzyDate, stop: Option<FuzzyDate>) -> String {
    let mut label = String::new();
    // Writing to a string does not fail.
    let _ = write_span_label(&mut label, start, stop);
    label
}

fn write_span_label(
    out: &mut impl std::fmt::Write,
    start: FuzzyDate,
    stop: Option<FuzzyDate>,
) -> std::fmt::Result {
    let Some(stop) = stop else {
        return write!(out, "{start}");
    };
    let same_year = start.start().year() == stop.end().year();
    let plain_day = |d: &FuzzyDate| d.precision() == Precision::Day && !d.is_approximate();
    if same_year
        && plain_day(&start)
        && plain_day(&stop)
        && start.start().month() == stop.start().month()
    {
        write!(out, "{}–{stop}", start.start().day())
    } else if same_year && start.precision() != Precision::Year {
        start.write_short(out)?;
        write!(out, "–{stop}")
    } else {
        write!(out, "{start} – {stop}")
    }
}

/// An event's place relative to `as_of`. Dates are fuzzy ("late Sep"), so
/// only what cannot have happened later than `as_of` is past, and only what
/// cannot have begun by then is upcoming.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Tense {
    /// Its last possible day is before `as_of`: it is over.
    Past,
    /// Its dates include `as_of`: under way, due that day, or not known to
    /// have begun or ended ("mid Sep" seen on 20 Sep).
    Ongoing,
    /// Its first possible day is after `as_of`.
    Upcoming,
}

impl Tense {
    /// The word briefings and JSON use: "past", "ongoing", "upcoming".
    pub fn word(self) -> &'static str {
        match self {
            Tense::Past => "past",
            Tense::Ongoing => "ongoing",
            Tense::Upcoming => "upcoming",
        }
    }
}

/// How a reported figure relates to the true one.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Qualifier {
    #[default]
    Exact,
    About,
    MoreThan,
    LessThan,
    AtLeast,
    AtMost,
}

impl Qualifier {
    pub const ALL: [Qualifier; 6] = [
        Qualifier::Exact,
        Qualifier::About,
        Qualifier::MoreThan,
        Qualifier::LessThan,
        Qualifier::AtLeast,
        Qualifier::AtMost,
    ];

    /// The spelling used in situation files.
    pub fn as_str(self) -> &'static str {
        match self {
            Qualifier::Exact => "exact",
            Qualifier::About => "about",
            Qualifier::MoreThan => "more-than",
            Qualifier::LessThan => "less-than",
            Qualifier::AtLeast => "at-least",
            Qualifier::AtMost => "at-most",
        }
    }

    pub fn parse(text: &str) -> Option<Qualifier> {
        Qualifier::ALL.into_iter().find(|q| q.as_str() == text)
    }
}

/// A number as written in the file: its value and how many decimals it was
/// written with, so "18.50" keeps its two decimals on screen.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Number {
    /// For arithmetic (changes, progress, charts).
    pub value: f64,
    pub decimals: u8,
    /// The integer as written, when it was one: what is shown and exported,
    /// every digit kept (`value` is rounded beyond 2^53).
    pub exact: Option<i64>,
}

impl Number {
    /// A whole number that was not written as an integer (`1e3`).
    pub fn whole(value: f64) -> Number {
        Number::float(value, 0)
    }

    pub fn float(value: f64, decimals: u8) -> Number {
        Number {
            value,
            decimals,
            exact: None,
        }
    }

    pub fn integer(n: i64) -> Number {
        Number {
            value: n as f64,
            decimals: 0,
            exact: Some(n),
        }
    }
}

/// One observation of a metric.
#[derive(Clone, Debug, PartialEq)]
pub struct Observation {
    pub date: Option<FuzzyDate>,
    pub value: Number,
    pub qualifier: Qualifier,
    pub source: Option<SourceIx>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum MetricKind {
    /// Observations in date order (undated ones first, then file order).
    Observed(Vec<Observation>),
    /// Whole days from the event to `as_of`.
    Since(EventIx),
    /// Whole days from `as_of` to the event.
    Until(EventIx),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Metric {
    pub id: String,
    pub label: String,
    pub unit: Option<String>,
    pub actors: Vec<ActorIx>,
    pub target: Option<Number>,
    pub note: Option<String>,
    pub kind: MetricKind,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Quote {
    pub id: Option<String>,
    pub speaker: ActorIx,
    pub text: String,
    pub date: Option<FuzzyDate>,
    pub context: Option<String>,
    pub about: Vec<ActorIx>,
    pub event: Option<EventIx>,
    /// Where it was said.
    pub place: Option<PlaceIx>,
    pub sources: Vec<SourceIx>,
}

impl Situation {
    pub fn actor_by_id(&self, id: &str) -> Option<ActorIx> {
        self.actors
            .iter()
            .position(|a| &*a.id == id)
            .map(ActorIx::new)
    }

    /// Every actor's index, in file order.
    pub fn actor_ixs(&self) -> impl DoubleEndedIterator<Item = ActorIx> + ExactSizeIterator {
        ActorIx::all(self.actors.len())
    }

    pub fn event_by_id(&self, id: &str) -> Option<EventIx> {
        self.events
            .iter()
            .position(|e| e.id == id)
            .map(EventIx::new)
    }

    /// Every event's index, in timeline order.
    pub fn event_ixs(&self) -> impl DoubleEndedIterator<Item = EventIx> + ExactSizeIterator {
        EventIx::all(self.events.len())
    }

    /// Every metric's index, in file order.
    pub fn metric_ixs(&self) -> impl DoubleEndedIterator<Item = MetricIx> + ExactSizeIterator {
        MetricIx::all(self.metrics.len())
    }

    /// Every quote's index, in file order.
    pub fn quote_ixs(&self) -> impl DoubleEndedIterator<Item = QuoteIx> + ExactSizeIterator {
        QuoteIx::all(self.quotes.len())
    }

    pub fn place_by_id(&self, id: &str) -> Option<PlaceIx> {
        self.places
            .iter()
            .position(|p| p.id == id)
            .map(PlaceIx::new)
    }

    /// Every place's index, in file order.
    pub fn place_ixs(&self) -> impl DoubleEndedIterator<Item = PlaceIx> + ExactSizeIterator {
        PlaceIx::all(self.places.len())
    }

    pub fn source_by_id(&self, id: &str) -> Option<SourceIx> {
        self.sources
            .iter()
            .position(|s| s.id == id)
            .map(SourceIx::new)
    }

    /// Every source's index, in file order.
    pub fn source_ixs(&self) -> impl DoubleEndedIterator<Item = SourceIx> + ExactSizeIterator {
        SourceIx::all(self.sources.len())
    }

    /// "Port-au-Prince (city in Haiti)", "Haiti (country)": a place's name
    /// with its kind and what it lies in.
    pub fn place_label(&self, p: PlaceIx) -> String {
        let place = &self.places[p];
        match place.part_of {
            Some(outer) => format!(
                "{} ({} in {})",
                place.name,
                place.kind.as_str(),
                self.places[outer].name
            ),
            None => format!("{} ({})", place.name, place.kind.as_str()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(date: &str, end: Option<&str>) -> Event {
        Event {
            id: "e".into(),
            date: date.parse().unwrap(),
            end: end.map(|d| d.parse().unwrap()),
            title: String::new(),
            summary: None,
            actors: vec![],
            location: None,
            place: None,
            category: None,
            tags: vec![],
            sources: vec![],
        }
    }

    #[test]
    fn spans_read_short() {
        assert_eq!(
            event("2025-02-18", Some("2025-02-25")).date_label(),
            "18–25 Feb 2025"
        );
        assert_eq!(
            event("late 2025-04", Some("2025-05")).date_label(),
            "late Apr–May 2025"
        );
        assert_eq!(
            event("2024-12-30", Some("2025-01-02")).date_label(),
            "30 Dec 2024 – 2 Jan 2025"
        );
        assert_eq!(event("2010", Some("2012")).date_label(), "2010 – 2012");
        assert_eq!(event("~2025-03-06", None).date_label(), "c. 6 Mar 2025");
    }

    #[test]
    fn shorter_labels_coarsen_and_still_hold_the_whole_span() {
        assert_eq!(
            event("late 2024-09", None).date_labels(),
            ["late Sep 2024", "Sep 2024", "2024"]
        );
        assert_eq!(
            event("~early 2023-10", Some("2023-10")).date_labels(),
            ["c. early Oct–Oct 2023", "c. Oct 2023", "c. 2023"]
        );
        assert_eq!(
            event("2024-12-30", Some("2025-01-02")).date_labels(),
            [
                "30 Dec 2024 – 2 Jan 2025",
                "Dec 2024 – Jan 2025",
                "2024 – 2025"
            ]
        );
        assert_eq!(event("2010", Some("2012")).date_labels(), ["2010 – 2012"]);
    }
}
