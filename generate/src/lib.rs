//! Synthetic situation files of any size, for measuring the loader and the
//! dashboard on more data than any real file holds.
//!
//! The output is deterministic (the same [`Options`] always give the same
//! bytes) and valid under `sitrep check --strict`: every fact is sourced, and
//! every actor and source is referred to at least once. It uses every date
//! form, `part_of` chains, aliases, multi-line and literal strings, non-ASCII
//! and some CJK text, so that a load exercises the same paths a real file does.

use std::io::{self, Write};

use chrono::{Datelike, Days, NaiveDate};

/// What to generate. [`Options::new`] gives the default proportions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Options {
    pub seed: u64,
    /// At least 1: it is where every actor and source is guaranteed a mention.
    pub events: usize,
    /// At least 1: quotes need a speaker.
    pub actors: usize,
    /// At least 1: every fact needs one.
    pub sources: usize,
    pub quotes: usize,
    pub metrics: usize,
    /// Places with coordinates (countries and regions approximate, cities
    /// exact, some sites known by name only), and events at them. 0, the
    /// default, writes no places and leaves the file byte for byte as it
    /// was before places existed; at most `events`, so each is used.
    pub places: usize,
}

impl Options {
    /// For N events: about N/50 actors, N/200 sources, N/20 quotes and N/400
    /// metrics, with a few of each kept even for tiny files.
    pub fn new(events: usize, seed: u64) -> Options {
        Options {
            seed,
            events,
            actors: (events / 50).max(8),
            sources: (events / 200).max(3),
            quotes: events / 20,
            metrics: (events / 400).max(6),
            places: 0,
        }
    }

    /// The same with `places` places, and events at them.
    pub fn with_places(self, places: usize) -> Options {
        Options { places, ..self }
    }
}

/// The day the generated situation is "as of". Events run from
/// [`FIRST_DAY`] to about half a year after it, so a few are upcoming.
const AS_OF: (i32, u32, u32) = (2025, 3, 31);
const FIRST_DAY: (i32, u32, u32) = (2014, 1, 1);
const UPCOMING_DAYS: u64 = 180;

/// Writes one situation file to `out`.
///
/// Fails with `InvalidInput` when there are no events, actors or sources,
/// since the file could then not be valid without warnings.
pub fn generate(options: &Options, out: &mut impl Write) -> io::Result<()> {
    if options.events == 0 || options.actors == 0 || options.sources == 0 {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "a generated situation needs at least one event, actor and source",
        ));
    }
    Generator::new(options).write(out)
}

/// splitmix64: tiny, fast and good enough for test data; fixed so that a seed
/// means the same file on every platform and every release.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n`; `n` must be positive.
    fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next()) * n as u128) >> 64) as usize
    }

    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    /// True `percent` times out of a hundred.
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// What later tables need to know about an actor or an event.
struct ActorInfo {
    id: String,
    name: String,
    kind: &'static str,
    /// 0 for an actor that is part of nothing; `part_of` chains stop at 3.
    depth: u8,
}

struct EventInfo {
    id: String,
    upcoming: bool,
}

/// What events and the places after it need to know about a place.
struct PlaceInfo {
    id: String,
    kind: &'static str,
    /// Absent for a place known by name only.
    point: Option<(f64, f64)>,
}

struct Generator<'o> {
    options: &'o Options,
    rng: Rng,
    as_of: NaiveDate,
    source_ids: Vec<String>,
    actors: Vec<ActorInfo>,
    /// Indices of the actors of kind `person`, the likeliest speakers.
    people: Vec<usize>,
    events: Vec<EventInfo>,
    places: Vec<PlaceInfo>,
}

/// Which of `value`, `points`, `since` or `until` a metric has.
#[derive(Clone, Copy)]
enum MetricKind {
    Value,
    Points,
    Since,
    Until,
}

/// Metric kinds in turn (40% single values, 40% series, 10% each day count),
/// so that even the smallest file has one of each.
const METRIC_KINDS: [MetricKind; 10] = {
    use MetricKind::*;
    [
        Value, Points, Since, Until, Value, Points, Value, Points, Value, Points,
    ]
};

/// Day precision or coarser: how one date is written.
#[derive(Clone, Copy)]
enum Form {
    TomlDate,
    DayString,
    Month,
    Year,
    /// early, mid or late, chosen from the day.
    PartOfMonth,
}

impl<'o> Generator<'o> {
    fn new(options: &'o Options) -> Self {
        Generator {
            options,
            rng: Rng(options.seed),
            as_of: ymd(AS_OF),
            source_ids: Vec::with_capacity(options.sources),
            actors: Vec::with_capacity(options.actors),
            people: Vec::new(),
            events: Vec::with_capacity(options.events),
            places: Vec::with_capacity(options.places.min(options.events)),
        }
    }

    fn write(mut self, out: &mut impl Write) -> io::Result<()> {
        self.header(out)?;
        for i in 0..self.options.sources {
            self.source(out, i)?;
        }
        for i in 0..self.options.actors {
            self.actor(out, i)?;
        }
        for i in 0..self.options.places.min(self.options.events) {
            self.place(out, i)?;
        }
        for i in 0..self.options.events {
            self.event(out, i)?;
        }
        for i in 0..self.options.metrics {
            self.metric(out, i)?;
        }
        for i in 0..self.options.quotes {
            self.quote(out, i)?;
        }
        out.flush()
    }

    fn header(&mut self, out: &mut impl Write) -> io::Result<()> {
        let o = self.options;
        writeln!(
            out,
            "# Synthetic data for measuring sitrep; none of it is news. Made by\n\
             # examples/generate.rs: {} events, {} actors, {} sources, {} quotes,\n\
             # {} metrics, seed {}.",
            o.events, o.actors, o.sources, o.quotes, o.metrics, o.seed
        )?;
        writeln!(out)?;
        writeln!(out, "[situation]")?;
        let title = format!(
            "Synthetic crisis in Port-au-Prince and beyond ({} events, seed {})",
            o.events, o.seed
        );
        writeln!(out, "title = {}", basic(&title))?;
        writeln!(out, "as_of = {}", self.as_of)?;
        let summary = self.paragraph(4, 6);
        writeln!(out, "summary = {}", multiline(&summary))?;
        writeln!(
            out,
            "location = \"Haiti (Port-au-Prince), Kenya, New York\""
        )?;
        writeln!(out, "tags = [\"synthetic\", \"haiti\", \"benchmark\"]")?;
        writeln!(out)
    }

    fn source(&mut self, out: &mut impl Write, i: usize) -> io::Result<()> {
        let &(publisher, domain) = self.rng.pick(PUBLISHERS);
        let day = self.any_day();
        let headline = self.headline();
        let id = format!("{}-{}-{i}", slug(publisher, 3), day.format("%Y-%m-%d"));
        writeln!(out, "[[sources]]")?;
        writeln!(out, "id = \"{id}\"")?;
        writeln!(out, "title = {}", basic(&headline))?;
        if self.rng.chance(90) {
            writeln!(out, "publisher = {}", basic(publisher))?;
        }
        if self.rng.chance(85) {
            let date = self.date_in_form(day, None);
            writeln!(out, "date = {date}")?;
        }
        if self.rng.chance(60) {
            let url = format!(
                "https://{domain}/{}/{}-{i}",
                day.format("%Y/%m"),
                slug(&headline, 8)
            );
            writeln!(out, "url = {}", basic(&url))?;
        }
        writeln!(out)?;
        self.source_ids.push(id);
        Ok(())
    }

    fn actor(&mut self, out: &mut impl Write, i: usize) -> io::Result<()> {
        let kind = *self.rng.pick(ACTOR_KINDS);
        let (name, aliases) = self.actor_name(kind);
        let id = format!("{}-{i}", slug(&name, 4));
        writeln!(out, "[[actors]]")?;
        writeln!(out, "id = \"{id}\"")?;
        writeln!(out, "name = {}", basic(&name))?;
        writeln!(out, "kind = \"{kind}\"")?;
        if self.rng.chance(60) {
            let role = self.role(kind);
            writeln!(out, "role = {}", basic(&role))?;
        }
        // Membership points back to an earlier actor, so chains never cycle;
        // their depth is capped so that they stay at most four actors long.
        // Nobody is part of a person.
        let mut depth = 0;
        if i > 0 && self.rng.chance(45) {
            for _ in 0..4 {
                let parent = self.rng.below(i);
                if self.actors[parent].depth < 3 && self.actors[parent].kind != "person" {
                    writeln!(out, "part_of = \"{}\"", self.actors[parent].id)?;
                    depth = self.actors[parent].depth + 1;
                    break;
                }
            }
        }
        if !aliases.is_empty() {
            writeln!(out, "aliases = {}", string_array(&aliases))?;
        }
        if self.rng.chance(40) {
            let tags = self.tags(1, 3);
            writeln!(out, "tags = {}", string_array(&tags))?;
        }
        writeln!(out)?;
        if kind == "person" {
            self.people.push(i);
        }
        self.actors.push(ActorInfo {
            id,
            name,
            kind,
            depth,
        });
        Ok(())
    }

    fn event(&mut self, out: &mut impl Write, i: usize) -> io::Result<()> {
        let day = self.any_day();
        let (date, start) = self.fuzzy_date(day);
        let actors = self.event_actors(i);
        let title = self.title(&actors);
        let id = format!("{}-{i}", slug(&title, 4));
        writeln!(out, "[[events]]")?;
        writeln!(out, "id = \"{id}\"")?;
        writeln!(out, "date = {date}")?;
        if self.rng.chance(12) {
            let end = self.end_date(day, start);
            writeln!(out, "end = {end}")?;
        }
        writeln!(out, "title = {}", self.maybe_literal(&title))?;
        if self.rng.chance(65) {
            let summary = self.paragraph(1, 3);
            if summary.len() > 160 && self.rng.chance(50) {
                writeln!(out, "summary = {}", multiline(&summary))?;
            } else {
                writeln!(out, "summary = {}", basic(&summary))?;
            }
        }
        let ids: Vec<&str> = actors.iter().map(|&a| self.actors[a].id.as_str()).collect();
        writeln!(out, "actors = {}", string_array(&ids))?;
        if self.rng.chance(75) {
            let place = *self.rng.pick(PLACES);
            writeln!(out, "location = {}", self.maybe_literal(place))?;
        }
        if let Some(place) = self.event_place(i) {
            writeln!(out, "place = \"{}\"", self.places[place].id)?;
        }
        if self.rng.chance(80) {
            writeln!(out, "category = \"{}\"", self.rng.pick(CATEGORIES))?;
        }
        if self.rng.chance(50) {
            let tags = self.tags(1, 4);
            writeln!(out, "tags = {}", string_array(&tags))?;
        }
        let sources = self.cited_sources(i);
        writeln!(out, "sources = {}", string_array(&sources))?;
        writeln!(out)?;
        self.events.push(EventInfo {
            id,
            upcoming: start > self.as_of,
        });
        Ok(())
    }

    /// One place: the first of every fifty a country, then regions,
    /// cities and sites, each inside an earlier place and near its point.
    fn place(&mut self, out: &mut impl Write, i: usize) -> io::Result<()> {
        let countries = (self.options.places / 50).max(1);
        let kind = if i < countries {
            "country"
        } else {
            match self.rng.below(10) {
                0 => "region",
                1..=6 => "city",
                _ => "site",
            }
        };
        // Countries and regions are areas; cities are exact; a site is in
        // a city or a country and has a point of its own six times in ten.
        let parent = match kind {
            "country" => None,
            "region" => Some(self.rng.below(countries)),
            // Inside an earlier place that is not a site (the first country
            // when a few tries find none).
            _ => Some(
                (0..4)
                    .map(|_| self.rng.below(i))
                    .find(|&p| self.places[p].kind != "site")
                    .unwrap_or(0),
            ),
        };
        let (center, spread) = match parent.and_then(|p| self.places[p].point) {
            Some(point) => (point, if kind == "site" { 0.05 } else { 3.0 }),
            None => ((0.0, 0.0), 0.0),
        };
        let point = match kind {
            "country" => Some((
                self.rng.below(12_000) as f64 / 100.0 - 55.0,
                self.rng.below(36_000) as f64 / 100.0 - 180.0,
            )),
            "site" if !self.rng.chance(60) => None,
            _ => {
                let mut offset = || (self.rng.below(2001) as f64 / 1000.0 - 1.0) * spread;
                let lat = (center.0 + offset()).clamp(-89.0, 89.0);
                let lon = center.1 + offset();
                Some((lat, (lon + 540.0) % 360.0 - 180.0))
            }
        };
        let name = self.place_name(kind);
        let id = format!("{}-{i}", slug(&name, 3));
        writeln!(out, "[[places]]")?;
        writeln!(out, "id = \"{id}\"")?;
        writeln!(out, "name = {}", basic(&name))?;
        writeln!(out, "kind = \"{kind}\"")?;
        if let Some(p) = parent {
            writeln!(out, "part_of = \"{}\"", self.places[p].id)?;
        }
        if let Some((lat, lon)) = point {
            writeln!(out, "lat = {lat:.4}")?;
            writeln!(out, "lon = {lon:.4}")?;
            if matches!(kind, "country" | "region") {
                writeln!(out, "approximate = true")?;
            }
        }
        if kind == "city" && self.rng.chance(20) {
            writeln!(out, "aliases = [{}]", basic(&format!("{name} City")))?;
        }
        writeln!(out)?;
        self.places.push(PlaceInfo { id, kind, point });
        Ok(())
    }

    /// "Kavimoro", "Lutasa Region", "Bemiro Market": made-up names, so none
    /// equals an event's free-text location.
    fn place_name(&mut self, kind: &str) -> String {
        let syllables = self.rng.range(2, 3);
        let mut name: String = (0..syllables)
            .map(|_| *self.rng.pick(PLACE_SYLLABLES))
            .collect();
        // Capitalised: the syllables are lower case.
        name = name[..1].to_uppercase() + &name[1..];
        match kind {
            "region" => format!("{name} Region"),
            "site" => format!("{name} {}", self.rng.pick(SITE_WORDS)),
            "city" if self.rng.chance(10) => format!("{name}-sur-Mer"),
            _ => name,
        }
    }

    /// The place of event `i`: each place once among the first events (so
    /// that none is unused), then busy places far more often than quiet
    /// ones; one event in ten has none.
    fn event_place(&mut self, i: usize) -> Option<usize> {
        let n = self.places.len();
        if n == 0 {
            return None;
        }
        if i < n {
            return Some(i);
        }
        if self.rng.chance(10) {
            return None;
        }
        let below = self.rng.below(n) + 1;
        let place = self.rng.below(below);
        // A country itself is rarely where something happened: most of its
        // events are at the places inside it.
        if self.places[place].kind == "country" && self.rng.chance(70) {
            return Some(self.rng.below(n));
        }
        Some(place)
    }

    fn metric(&mut self, out: &mut impl Write, i: usize) -> io::Result<()> {
        let &(label, unit, scale) = self.rng.pick(METRICS);
        let place = *self.rng.pick(PLACES);
        let label = label.replace("{place}", place);
        writeln!(out, "[[metrics]]")?;
        writeln!(out, "id = \"{}-{i}\"", slug(&label, 5))?;
        writeln!(out, "label = {}", basic(&label))?;
        let kind = METRIC_KINDS[i % METRIC_KINDS.len()];
        let day_count = matches!(kind, MetricKind::Since | MetricKind::Until);
        if !day_count && !unit.is_empty() {
            writeln!(out, "unit = {}", basic(unit))?;
        }
        if self.rng.chance(70) {
            let n = self.rng.range(1, 3);
            let actors = self.some_actor_ids(n);
            writeln!(out, "actors = {}", string_array(&actors))?;
        }
        if !day_count && self.rng.chance(20) {
            writeln!(out, "target = {}", self.number(scale * 2.0))?;
        }
        if self.rng.chance(50) {
            let note = self.paragraph(1, 2);
            writeln!(out, "note = {}", basic(&note))?;
        }
        match kind {
            MetricKind::Value => {
                writeln!(out, "value = {}", self.number(scale))?;
                if self.rng.chance(85) {
                    let day = self.past_day();
                    writeln!(out, "date = {}", self.date_in_form(day, None))?;
                }
                if self.rng.chance(30) {
                    writeln!(out, "qualifier = \"{}\"", self.rng.pick(QUALIFIERS))?;
                }
                writeln!(out, "source = \"{}\"", self.any_source())?;
            }
            MetricKind::Points => {
                writeln!(out, "points = [")?;
                let count = self.rng.range(2, 12);
                // At most 90 days between observations: the last is not after `as_of`.
                let back = self.rng.range(count * 90, self.days_of_past());
                let mut day = self.as_of - Days::new(back as u64);
                let mut value = scale * (0.2 + self.rng.below(80) as f64 / 100.0);
                for _ in 0..count {
                    let form = self.rng.chance(85).then_some(Form::TomlDate);
                    let date = self.date_in_form(day, form);
                    let shown = self.number_near(value);
                    write!(out, "  {{ date = {date}, value = {shown}")?;
                    if self.rng.chance(20) {
                        write!(out, ", qualifier = \"{}\"", self.rng.pick(QUALIFIERS))?;
                    }
                    writeln!(out, ", source = \"{}\" }},", self.any_source())?;
                    day = day + Days::new(self.rng.range(5, 90) as u64);
                    value *= 0.8 + self.rng.below(50) as f64 / 100.0;
                }
                writeln!(out, "]")?;
            }
            MetricKind::Since => {
                let event = self.event_where(|e| !e.upcoming);
                writeln!(out, "since = \"{event}\"")?;
            }
            MetricKind::Until => {
                let event = self.event_where(|e| e.upcoming);
                writeln!(out, "until = \"{event}\"")?;
            }
        }
        writeln!(out)
    }

    fn quote(&mut self, out: &mut impl Write, i: usize) -> io::Result<()> {
        writeln!(out, "[[quotes]]")?;
        let speaker = if !self.people.is_empty() && self.rng.chance(85) {
            self.people[self.rng.below(self.people.len())]
        } else {
            self.rng.below(self.actors.len())
        };
        if self.rng.chance(70) {
            let words = &self.actors[speaker].id;
            writeln!(
                out,
                "id = \"q{i}-{}\"",
                words.rsplit_once('-').map_or("x", |p| p.0)
            )?;
        }
        writeln!(out, "speaker = \"{}\"", self.actors[speaker].id)?;
        let text = self.quote_text();
        writeln!(out, "text = {}", basic(&text))?;
        if self.rng.chance(80) {
            let day = self.past_day();
            writeln!(out, "date = {}", self.date_in_form(day, None))?;
        }
        if self.rng.chance(60) {
            let context = self.sentence();
            writeln!(out, "context = {}", basic(&context))?;
        }
        if self.rng.chance(50) {
            let n = self.rng.range(1, 2);
            let about = self.some_actor_ids(n);
            writeln!(out, "about = {}", string_array(&about))?;
        }
        if self.rng.chance(60) {
            let event = self.rng.below(self.events.len());
            writeln!(out, "event = \"{}\"", self.events[event].id)?;
        }
        let first = self.rng.below(self.source_ids.len());
        let second = self.rng.below(self.source_ids.len());
        let mut sources = vec![self.source_ids[first].as_str()];
        if second != first && self.rng.chance(40) {
            sources.push(self.source_ids[second].as_str());
        }
        writeln!(out, "sources = {}", string_array(&sources))?;
        writeln!(out)
    }

    // ---- references ------------------------------------------------------

    /// The actors of event `i`: the ones that must be mentioned somewhere
    /// (spread evenly over the events), then a few at random.
    fn event_actors(&mut self, i: usize) -> Vec<usize> {
        let mut actors: Vec<usize> = spread(i, self.options.events, self.options.actors).collect();
        let extra = self.rng.range(if actors.is_empty() { 1 } else { 0 }, 2);
        for _ in 0..extra {
            let a = self.rng.below(self.actors.len());
            if !actors.contains(&a) {
                actors.push(a);
            }
        }
        actors
    }

    /// The sources of event `i`: as for actors, each source is cited at
    /// least once, and every event cites one to three.
    fn cited_sources(&mut self, i: usize) -> Vec<&str> {
        let mut sources: Vec<usize> =
            spread(i, self.options.events, self.options.sources).collect();
        let extra = self.rng.range(if sources.is_empty() { 1 } else { 0 }, 2);
        for _ in 0..extra {
            let s = self.rng.below(self.source_ids.len());
            if !sources.contains(&s) {
                sources.push(s);
            }
        }
        sources
            .into_iter()
            .map(|s| self.source_ids[s].as_str())
            .collect()
    }

    fn any_source(&mut self) -> &str {
        let s = self.rng.below(self.source_ids.len());
        &self.source_ids[s]
    }

    fn some_actor_ids(&mut self, n: usize) -> Vec<&str> {
        let mut picked: Vec<usize> = Vec::with_capacity(n);
        for _ in 0..n {
            let a = self.rng.below(self.actors.len());
            if !picked.contains(&a) {
                picked.push(a);
            }
        }
        picked
            .into_iter()
            .map(|a| self.actors[a].id.as_str())
            .collect()
    }

    /// A random event matching `wanted`, or any event when a few tries miss.
    fn event_where(&mut self, wanted: impl Fn(&EventInfo) -> bool) -> &str {
        let mut e = self.rng.below(self.events.len());
        for _ in 0..20 {
            if wanted(&self.events[e]) {
                break;
            }
            e = self.rng.below(self.events.len());
        }
        &self.events[e].id
    }

    // ---- dates -----------------------------------------------------------

    fn any_day(&mut self) -> NaiveDate {
        let first = ymd(FIRST_DAY);
        let span = (self.as_of - first).num_days() as u64 + UPCOMING_DAYS;
        first + Days::new(self.rng.below(span as usize + 1) as u64)
    }

    fn past_day(&mut self) -> NaiveDate {
        let back = self.rng.below(self.days_of_past() + 1);
        self.as_of - Days::new(back as u64)
    }

    /// Days from [`FIRST_DAY`] to `as_of`.
    fn days_of_past(&self) -> usize {
        (self.as_of - ymd(FIRST_DAY)).num_days() as usize
    }

    /// An event's date in one of the file format's forms, with the first
    /// day of the span it stands for.
    fn fuzzy_date(&mut self, day: NaiveDate) -> (String, NaiveDate) {
        let roll = self.rng.below(100);
        let form = match roll {
            0..45 => Form::TomlDate,
            45..55 => Form::DayString,
            55..67 => Form::Month,
            67..70 => Form::Year,
            70..85 => Form::PartOfMonth,
            // Approximate: mostly days, some coarser.
            _ => *self.rng.pick(&[
                Form::DayString,
                Form::DayString,
                Form::Month,
                Form::PartOfMonth,
            ]),
        };
        let approximate = roll >= 85;
        let start = match form {
            Form::TomlDate | Form::DayString => day,
            Form::Month => day.with_day(1).unwrap_or(day),
            Form::Year => NaiveDate::from_ymd_opt(day.year(), 1, 1).unwrap_or(day),
            Form::PartOfMonth => day.with_day(part_of_month(day).1).unwrap_or(day),
        };
        let written = written_date(day, form);
        let text = if approximate {
            format!("\"~{}\"", written.trim_matches('"'))
        } else {
            written
        };
        (text, start)
    }

    /// An `end` a little after `day` that never starts before `start`.
    fn end_date(&mut self, day: NaiveDate, start: NaiveDate) -> String {
        let end = day + Days::new(self.rng.range(1, 60) as u64);
        let month_start = end.with_day(1).unwrap_or(end);
        match self.rng.below(10) {
            0..7 => written_date(end, Form::TomlDate),
            7 => format!("\"~{end}\""),
            _ if month_start >= start => written_date(end, Form::Month),
            _ => written_date(end, Form::TomlDate),
        }
    }

    /// A date for a source, observation or quote: `only` forces one form.
    fn date_in_form(&mut self, day: NaiveDate, only: Option<Form>) -> String {
        let form = only.unwrap_or_else(|| match self.rng.below(10) {
            0..6 => Form::TomlDate,
            6 => Form::DayString,
            7 => Form::Month,
            8 => Form::PartOfMonth,
            _ => Form::Year,
        });
        written_date(day, form)
    }

    // ---- text ------------------------------------------------------------

    fn actor_name(&mut self, kind: &str) -> (String, Vec<String>) {
        let rng = &mut self.rng;
        let mut aliases = Vec::new();
        let name = match kind {
            "person" if rng.chance(6) => {
                let &(cjk, latin) = rng.pick(CJK_NAMES);
                aliases.push(latin.to_string());
                cjk.to_string()
            }
            "person" => {
                let first = *rng.pick(FIRST_NAMES);
                let last = *rng.pick(LAST_NAMES);
                if rng.chance(15) {
                    aliases.push(format!("{} {last}", first.chars().next().unwrap_or('J')));
                    aliases.push(format!("\"{}\"", rng.pick(NICKNAMES)));
                }
                format!("{first} {last}")
            }
            "organization" | "government" => {
                let name = format!(
                    "{} {} of {}",
                    rng.pick(ORG_ADJECTIVES),
                    rng.pick(ORG_NOUNS),
                    rng.pick(COUNTRIES)
                );
                if rng.chance(50) {
                    aliases.push(acronym(&name));
                }
                name
            }
            "force" => format!("{} {}", rng.pick(COUNTRIES), rng.pick(FORCE_NOUNS)),
            "armed-group" => {
                let name = format!("{} {}", rng.pick(GANG_PREFIXES), rng.pick(PLACE_WORDS));
                if rng.chance(40) {
                    aliases.push(format!("{} gang", rng.pick(PLACE_WORDS)));
                }
                name
            }
            "population" => format!("{} {}", rng.pick(POPULATIONS), rng.pick(PLACES)),
            "media" => rng.pick(PUBLISHERS).0.to_string(),
            _ => format!("{} of {}", rng.pick(OTHER_GROUPS), rng.pick(PLACES)),
        };
        (name, aliases)
    }

    fn role(&mut self, kind: &str) -> String {
        let rng = &mut self.rng;
        match kind {
            "person" => format!("{} of {}", rng.pick(TITLES), rng.pick(COUNTRIES)),
            "armed-group" => format!("Armed group controlling {}", rng.pick(PLACES)),
            "force" => format!("Security force deployed in {}", rng.pick(PLACES)),
            "media" => format!("Broadcaster reporting from {}", rng.pick(PLACES)),
            "population" => format!("Community in {}", rng.pick(PLACES)),
            _ => format!("{} in {}", rng.pick(ROLES), rng.pick(PLACES)),
        }
    }

    fn tags(&mut self, lo: usize, hi: usize) -> Vec<&'static str> {
        let n = self.rng.range(lo, hi);
        let mut tags: Vec<&'static str> = Vec::with_capacity(n);
        for _ in 0..n {
            let tag = *self.rng.pick(TAGS);
            if !tags.contains(&tag) {
                tags.push(tag);
            }
        }
        tags
    }

    /// One line naming one of the event's actors.
    fn title(&mut self, actors: &[usize]) -> String {
        let who = &self.actors[actors[self.rng.below(actors.len())]].name;
        let rng = &mut self.rng;
        let mut title = format!("{who} {} {}", rng.pick(VERBS), rng.pick(OBJECTS));
        if rng.chance(60) {
            title.push_str(&format!(" in {}", rng.pick(PLACES)));
        }
        if rng.chance(15) {
            title.push_str(&format!(" after {}", rng.pick(OBJECTS)));
        }
        title
    }

    fn headline(&mut self) -> String {
        let rng = &mut self.rng;
        match rng.below(3) {
            0 => format!(
                "{} {} {} in {}",
                rng.pick(ORG_NOUNS),
                rng.pick(VERBS),
                rng.pick(OBJECTS),
                rng.pick(PLACES)
            ),
            1 => format!("Report on {} near {}", rng.pick(OBJECTS), rng.pick(PLACES)),
            _ => format!(
                "{}: {} {}",
                rng.pick(PLACES),
                rng.pick(LAST_NAMES),
                rng.pick(VERBS)
            ),
        }
    }

    /// One sentence, about a known actor once there are some (the header's
    /// summary is written before any).
    fn sentence(&mut self) -> String {
        let (who, kind) = if self.actors.is_empty() {
            ("The National Police".to_string(), "situation")
        } else {
            let a = &self.actors[self.rng.below(self.actors.len())];
            (a.name.clone(), a.kind)
        };
        let rng = &mut self.rng;
        match rng.below(9) {
            0 => format!(
                "Officials said at least {} people were killed and {} injured near {}.",
                rng.range(2, 90),
                rng.range(3, 400),
                rng.pick(PLACES)
            ),
            1 => format!(
                "{who} said the figures could not be verified independently by {}.",
                rng.pick(PUBLISHERS).0
            ),
            2 => format!(
                "Reporting by {} described the {} as \"{}\".",
                rng.pick(PUBLISHERS).0,
                kind,
                rng.pick(QUOTE_FRAGMENTS)
            ),
            3 if rng.chance(30) => (*rng.pick(CJK_SENTENCES)).to_string(),
            4 => format!(
                "Residents of {} fled toward {} as {} spread.",
                rng.pick(PLACES),
                rng.pick(PLACES),
                rng.pick(OBJECTS)
            ),
            _ => format!(
                "{who} {} {} in {} on {} {}.",
                rng.pick(VERBS),
                rng.pick(OBJECTS),
                rng.pick(PLACES),
                rng.range(1, 28),
                rng.pick(MONTHS)
            ),
        }
    }

    /// Between `lo` and `hi` sentences, as one paragraph.
    fn paragraph(&mut self, lo: usize, hi: usize) -> String {
        let n = self.rng.range(lo, hi);
        let sentences: Vec<String> = (0..n).map(|_| self.sentence()).collect();
        sentences.join(" ")
    }

    fn quote_text(&mut self) -> String {
        let rng = &mut self.rng;
        let mut text = (*rng.pick(QUOTE_FRAGMENTS)).to_string();
        if rng.chance(50) {
            let more = *rng.pick(QUOTE_FRAGMENTS);
            text.push_str(". ");
            text.push_str(more);
        }
        text
    }

    /// A title or place as a literal string ('...') now and then, since
    /// files written by hand use both.
    fn maybe_literal(&mut self, text: &str) -> String {
        if !text.contains('\'') && self.rng.chance(10) {
            format!("'{text}'")
        } else {
            basic(text)
        }
    }

    // ---- numbers ---------------------------------------------------------

    /// A figure of about `scale`, written the ways people write them:
    /// plain integers, with `_` separators, or with decimals.
    fn number(&mut self, scale: f64) -> String {
        let value = scale * (0.05 + self.rng.below(1000) as f64 / 1000.0);
        self.number_near(value)
    }

    fn number_near(&mut self, value: f64) -> String {
        if value < 100.0 {
            format!("{value:.1}")
        } else if self.rng.chance(20) {
            with_underscores(value as u64)
        } else {
            format!("{}", value as u64)
        }
    }
}

/// Which of `count` items event `i` of `events` must mention so that every
/// item is mentioned once, spread evenly over the events.
fn spread(i: usize, events: usize, count: usize) -> impl Iterator<Item = usize> {
    // Item k goes to event k * events / count; these are the k that land on i.
    let first = (i * count).div_ceil(events);
    let last = ((i + 1) * count).div_ceil(events);
    first..last.min(count)
}

fn ymd((y, m, d): (i32, u32, u32)) -> NaiveDate {
    // The constants above are real days.
    NaiveDate::from_ymd_opt(y, m, d).expect("a valid constant date")
}

/// early (1-10), mid (11-20) or late (21-): the part of the month `day` is
/// in, with the first day of that part.
fn part_of_month(day: NaiveDate) -> (&'static str, u32) {
    match day.day() {
        1..=10 => ("early", 1),
        11..=20 => ("mid", 11),
        _ => ("late", 21),
    }
}

/// `day` written in `form`, as a TOML value.
fn written_date(day: NaiveDate, form: Form) -> String {
    match form {
        Form::TomlDate => day.format("%Y-%m-%d").to_string(),
        Form::DayString => day.format("\"%Y-%m-%d\"").to_string(),
        Form::Month => day.format("\"%Y-%m\"").to_string(),
        Form::Year => day.format("\"%Y\"").to_string(),
        Form::PartOfMonth => format!("\"{} {}\"", part_of_month(day).0, day.format("%Y-%m")),
    }
}

/// A TOML basic string ("...") holding `text`.
fn basic(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    escape_into(&mut out, text);
    out.push('"');
    out
}

fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
}

/// A TOML multi-line basic string wrapped near 78 columns, each line ending
/// in a `\` continuation so the value stays one paragraph.
fn multiline(text: &str) -> String {
    let mut out = String::from("\"\"\"\n");
    let mut column = 0;
    for (n, word) in text.split(' ').enumerate() {
        if n > 0 {
            if column + word.len() > 76 {
                out.push_str(" \\\n");
                column = 0;
            } else {
                out.push(' ');
                column += 1;
            }
        }
        escape_into(&mut out, word);
        column += word.len();
    }
    out.push_str("\"\"\"");
    out
}

fn string_array(items: &[impl AsRef<str>]) -> String {
    let quoted: Vec<String> = items.iter().map(|s| basic(s.as_ref())).collect();
    format!("[{}]", quoted.join(", "))
}

/// An id fragment from the first `words` words of `text`: lower-case ASCII,
/// accents dropped, anything else turned into `-`. Never empty.
fn slug(text: &str, words: usize) -> String {
    let mut out = String::new();
    for word in text.split_whitespace().take(words) {
        for c in word.chars() {
            let c = match c {
                'à' | 'á' | 'â' | 'ä' | 'À' | 'Â' => 'a',
                'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' => 'e',
                'î' | 'ï' | 'í' => 'i',
                'ô' | 'ö' | 'ó' => 'o',
                'û' | 'ü' | 'ú' => 'u',
                'ç' => 'c',
                'ñ' => 'n',
                c => c.to_ascii_lowercase(),
            };
            if c.is_ascii_lowercase() || c.is_ascii_digit() {
                out.push(c);
            } else if !out.is_empty() && !out.ends_with('-') {
                out.push('-');
            }
        }
        if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    // Keep room for the `-index` suffix within the 64-character limit.
    out.truncate(40);
    let trimmed = out.trim_end_matches('-');
    if trimmed.is_empty() {
        "x".to_string()
    } else {
        trimmed.to_string()
    }
}

fn acronym(name: &str) -> String {
    name.split_whitespace()
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .filter_map(|w| w.chars().next())
        .collect()
}

fn with_underscores(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('_');
        }
        out.push(c);
    }
    out
}

// ---- word lists ------------------------------------------------------------

const ACTOR_KINDS: &[&str] = &[
    "person",
    "person",
    "person",
    "person",
    "organization",
    "organization",
    "government",
    "force",
    "armed-group",
    "armed-group",
    "population",
    "media",
    "other",
];

const FIRST_NAMES: &[&str] = &[
    "Jimmy",
    "Ariel",
    "William",
    "Garry",
    "Monique",
    "Edgard",
    "Fritz",
    "Leslie",
    "Jean-Baptiste",
    "Marie-Ange",
    "Amina",
    "Samuel",
    "Josué",
    "Ketleen",
    "Renée",
    "Frantz",
    "Ibrahim",
    "Joseph",
    "Claudette",
    "Dieudonné",
    "Mathias",
    "Yolette",
    "Godfrey",
    "Noor",
    "Sofía",
    "Thérèse",
    "Luis",
    "Wanjiru",
    "Kipchoge",
    "Esther",
    "Pierre-Richard",
    "Gédéon",
];

const LAST_NAMES: &[&str] = &[
    "Chérizier",
    "Henry",
    "Ruto",
    "Conille",
    "Leblanc",
    "Jean",
    "Pierre",
    "Saint-Fleur",
    "Étienne",
    "Desrosiers",
    "Dorsainvil",
    "Otunga",
    "Kamau",
    "Mwangi",
    "O'Neill",
    "Salvador",
    "Bélizaire",
    "Ménard",
    "Toussaint",
    "Dessalines",
    "Nakamura",
    "García",
    "Okafor",
    "Voltaire",
];

const NICKNAMES: &[&str] = &[
    "Barbecue",
    "Izo",
    "Ti Lapli",
    "Krisla",
    "Lanmò Sanjou",
    "Vitel'Homme",
];

const CJK_NAMES: &[(&str, &str)] = &[
    ("王毅", "Wang Yi"),
    ("李明", "Li Ming"),
    ("陈静", "Chen Jing"),
    ("田中健", "Tanaka Ken"),
    ("김민준", "Kim Min-jun"),
];

const ORG_ADJECTIVES: &[&str] = &[
    "National",
    "Regional",
    "International",
    "Joint",
    "Independent",
    "Provisional",
    "Transitional",
    "Interim",
    "Permanent",
    "Federal",
];

const ORG_NOUNS: &[&str] = &[
    "Police",
    "Council",
    "Commission",
    "Office",
    "Agency",
    "Alliance",
    "Committee",
    "Mission",
    "Fund",
    "Network",
    "Coalition",
    "Federation",
    "Institute",
    "Ministry",
    "Tribunal",
];

const FORCE_NOUNS: &[&str] = &[
    "police contingent",
    "armed forces",
    "coast guard",
    "special weapons unit",
    "border police",
    "army engineers",
];

const COUNTRIES: &[&str] = &[
    "Haiti",
    "Kenya",
    "Jamaica",
    "the Bahamas",
    "Belize",
    "Guatemala",
    "El Salvador",
    "Benin",
    "Chad",
    "the United States",
    "Canada",
    "France",
    "the Dominican Republic",
    "China",
    "Brazil",
    "CARICOM",
];

const GANG_PREFIXES: &[&str] = &[
    "Baz",
    "Gran Grif of",
    "400 Mawozo of",
    "G9 of",
    "G-Pèp of",
    "Viv Ansanm of",
    "Kraze Baryè of",
    "5 Segonn of",
    "Chen Mechan of",
];

const PLACE_WORDS: &[&str] = &[
    "Village de Dieu",
    "Cité Soleil",
    "Martissant",
    "Bel Air",
    "Delmas 6",
    "Canaan",
    "Croix-des-Bouquets",
    "Tabarre",
    "Solino",
    "Carrefour-Feuilles",
    "Pernier",
    "Grand-Ravine",
];

/// Syllables of made-up place names (lower case).
const PLACE_SYLLABLES: &[&str] = &[
    "ka", "vi", "mo", "ro", "lu", "ta", "sa", "be", "mi", "no", "da", "ké", "zu", "pa", "ri", "go",
    "ha", "ne", "to", "wa",
];

const SITE_WORDS: &[&str] = &[
    "Market", "Camp", "Bridge", "Port", "Airfield", "Hospital", "Crossing", "School",
];

const PLACES: &[&str] = &[
    "Port-au-Prince",
    "Cité Soleil",
    "Pétion-Ville",
    "Croix-des-Bouquets",
    "Cap-Haïtien",
    "Gonaïves",
    "Mirebalais",
    "Saint-Marc",
    "Jacmel",
    "Les Cayes",
    "the Artibonite valley",
    "Delmas",
    "Tabarre",
    "Carrefour",
    "Kenscoff",
    "Nairobi",
    "New York",
    "Kingston",
    "Santo Domingo",
    "Washington",
    "Beijing (北京)",
    "Geneva",
    "Toussaint Louverture airport",
    "the National Palace",
];

const POPULATIONS: &[&str] = &[
    "Displaced people in",
    "Residents of",
    "Market vendors of",
    "Schoolchildren of",
    "Patients and staff in",
];

const OTHER_GROUPS: &[&str] = &[
    "Church leaders",
    "Business owners",
    "Bus drivers' union",
    "Diaspora groups",
    "Private security firms",
];

const TITLES: &[&str] = &[
    "President",
    "Prime Minister",
    "Minister of Justice",
    "Minister of Foreign Affairs",
    "Police chief",
    "Spokesperson",
    "Ambassador",
    "Special envoy",
    "Commander",
    "Leader of the opposition",
];

const ROLES: &[&str] = &[
    "Humanitarian agency working",
    "Local authority",
    "Donor coordination office",
    "Monitoring body",
];

const VERBS: &[&str] = &[
    "attacks",
    "meets",
    "condemns",
    "announces support for",
    "deploys officers to",
    "negotiates over",
    "accuses rivals of",
    "evacuates",
    "blocks",
    "reopens",
    "suspends",
    "pledges funds for",
    "investigates",
    "calls for an end to",
    "warns of",
    "takes control of",
];

const OBJECTS: &[&str] = &[
    "police stations",
    "the airport",
    "the National Penitentiary",
    "the Varreux fuel terminal",
    "aid convoys",
    "the main port",
    "hospitals",
    "schools",
    "Route nationale 1",
    "the transition agreement",
    "the security mission",
    "kidnappings",
    "displacement camps",
    "cholera treatment centres",
    "the electoral calendar",
    "a ceasefire",
    "arms trafficking",
    "food distribution",
];

const CATEGORIES: &[&str] = &[
    "security",
    "diplomacy",
    "humanitarian",
    "politics",
    "health",
    "economy",
    "justice",
    "infrastructure",
    "media",
    "migration",
];

const TAGS: &[&str] = &[
    "gangs",
    "police",
    "mss",
    "united-nations",
    "kenya",
    "displacement",
    "cholera",
    "elections",
    "airport",
    "fuel",
    "kidnapping",
    "sanctions",
    "funding",
    "human-rights",
    "transition",
    "border",
    "food-insecurity",
    "arms",
    "prison",
    "port",
];

const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

const PUBLISHERS: &[(&str, &str)] = &[
    ("Al Jazeera", "aljazeera.com"),
    ("Reuters", "reuters.com"),
    ("Associated Press", "apnews.com"),
    ("Le Nouvelliste", "lenouvelliste.com"),
    ("Haïti Libre", "haitilibre.com"),
    ("Le Quotidien d'Haïti", "lequotidiendhaiti.com"),
    ("Miami Herald", "miamiherald.com"),
    ("The Guardian", "theguardian.com"),
    ("Le Monde", "lemonde.fr"),
    ("Daily Nation", "nation.africa"),
    ("The Star (Kenya)", "the-star.co.ke"),
    ("UN OCHA", "unocha.org"),
    ("IOM", "iom.int"),
    ("新华社", "xinhuanet.com"),
    ("Voice of America", "voanews.com"),
    ("BBC News", "bbc.co.uk"),
];

const QUOTE_FRAGMENTS: &[&str] = &[
    "This ongoing agony must end",
    "It is a race against time",
    "The equipment they have received is inadequate",
    "We will not abandon the people of Haiti",
    "Nobody can sleep in Port-au-Prince tonight",
    "Either Haiti becomes a paradise for all of us or a hell for all of us",
    "The mission is here to support the Haitian National Police, not to replace it",
    "We need doctors, not only soldiers",
    "Les gangs contrôlent toutes les routes de sortie de la capitale",
    "Nou bouke, nou vle lapè",
    "局势依然非常紧张",
    "There is no humanitarian access to Cité Soleil",
    "The funds pledged so far cover less than a quarter of the cost",
    "We have not been paid for three months",
];

const CJK_SENTENCES: &[&str] = &[
    "据新华社报道，太子港局势仍然紧张。",
    "联合国呼吁各方保持克制。",
    "多名居民表示他们已经离开家园。",
];

/// Label (with `{place}`), unit, and the size of its figures.
const METRICS: &[(&str, &str, f64)] = &[
    (
        "Internally displaced people in {place}",
        "people",
        600_000.0,
    ),
    ("Share of {place} controlled by armed groups", "%", 90.0),
    ("Police officers deployed to {place}", "officers", 2_500.0),
    ("Cholera cases reported in {place}", "cases", 40_000.0),
    (
        "Funding received for the response in {place}",
        "USD",
        90_000_000.0,
    ),
    (
        "People facing acute food insecurity in {place}",
        "people",
        5_000_000.0,
    ),
    ("Schools closed in {place}", "", 900.0),
    ("Kidnappings reported in {place}", "kidnappings", 1_200.0),
    ("Fuel price change in {place}", "percent", 60.0),
];

const QUALIFIERS: &[&str] = &[
    "exact",
    "about",
    "more-than",
    "less-than",
    "at-least",
    "at-most",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spreads_every_item_over_the_events_once() {
        for (events, count) in [(10, 3), (3, 10), (7, 7), (1, 5), (5, 1)] {
            let all: Vec<usize> = (0..events).flat_map(|i| spread(i, events, count)).collect();
            assert_eq!(all, (0..count).collect::<Vec<_>>(), "{events} {count}");
        }
    }

    #[test]
    fn slugs_are_ids() {
        assert_eq!(slug("Jimmy Chérizier", 4), "jimmy-cherizier");
        assert_eq!(slug("王毅", 4), "x");
        assert_eq!(slug("Beijing (北京) talks", 4), "beijing-talks");
        assert_eq!(with_underscores(578000), "578_000");
        assert_eq!(with_underscores(999), "999");
    }

    #[test]
    fn multiline_strings_keep_one_paragraph() {
        let text = "word ".repeat(40) + "\"end\"";
        let toml_text = format!("v = {}", multiline(&text));
        let value: toml::Table = toml::from_str(&toml_text).unwrap();
        assert_eq!(value["v"].as_str(), Some(text.as_str()));
    }
}
