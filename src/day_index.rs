//! The events' days, compact and indexed once per loaded situation, for the
//! two questions every change of the date window asks: which events overlap
//! the window (the filter), and how much of every event falls in each
//! bucket of the time strip. Both are answered by binary searches, so a
//! filter change costs what the window holds, not what the file holds.
//!
//! Days are whole numbers (chrono's days from the Common Era), so a span
//! of days is two integers and every sum here is a whole number until the
//! one division that spreads a vague date over its days.

use chrono::{Datelike, NaiveDate};

use crate::model::{Event, EventIx, FuzzyDate, Precision};

/// A day as a number: days since 1 January of year 1 (that day is 1).
pub type Day = i32;

pub fn day(date: NaiveDate) -> Day {
    date.num_days_from_ce()
}

/// How an event counts in the time strip's buckets (see `crate::strip`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Share {
    /// 1 in every bucket it overlaps, as exact weight: an event known to
    /// the day, or a span between two such days.
    Exact,
    /// 1 in every bucket it overlaps, as spread weight: a span with a vague
    /// end.
    Span,
    /// A weight of 1 spread evenly over its days: a date known only to a
    /// part of a month, a month or a year, or approximate.
    Spread,
}

/// One event's days and how it counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EventDays {
    pub first: Day,
    /// Never before `first`.
    pub last: Day,
    pub share: Share,
}

fn is_exact(date: &FuzzyDate) -> bool {
    date.precision() == Precision::Day && !date.is_approximate()
}

impl EventDays {
    pub fn of(e: &Event) -> EventDays {
        let share = match &e.end {
            Some(end) if is_exact(&e.date) && is_exact(end) => Share::Exact,
            Some(_) => Share::Span,
            None if is_exact(&e.date) => Share::Exact,
            None => Share::Spread,
        };
        EventDays {
            first: day(e.first_day()),
            last: day(e.last_day()),
            share,
        }
    }

    /// Days it may cover, both ends counted.
    pub fn days(&self) -> i64 {
        i64::from(self.last) - i64::from(self.first) + 1
    }
}

/// Day ranges that count once in every bucket they overlap: their first
/// and last days, each list sorted.
#[derive(Clone, Debug, Default)]
struct Overlaps {
    firsts: Vec<Day>,
    lasts: Vec<Day>,
}

impl Overlaps {
    fn new(ranges: impl Iterator<Item = (Day, Day)>) -> Overlaps {
        let (mut firsts, mut lasts): (Vec<Day>, Vec<Day>) = ranges.unzip();
        // Events in timeline order come in a few sorted runs, which this
        // sort merges rather than sorting again.
        firsts.sort();
        lasts.sort();
        Overlaps { firsts, lasts }
    }

    /// How many ranges overlap `from..=to`: those starting by `to`, less
    /// those over before `from` (which all start by `to`).
    fn count(&self, from: Day, to: Day) -> usize {
        let started = self.firsts.partition_point(|&f| f <= to);
        let over = self.lasts.partition_point(|&l| l < from);
        started.saturating_sub(over)
    }
}

/// Day ranges all of one length: the days of them that lie before a given
/// day, summed, as a piecewise linear function of that day.
#[derive(Clone, Debug)]
struct Cover {
    /// Days of the ranges.
    len: i64,
    /// Where ranges start or end (the day after their last), in order.
    breaks: Vec<Day>,
    /// The sum at each break.
    before: Vec<i64>,
    /// Ranges under way from each break to the next: the slope.
    active: Vec<i64>,
}

impl Cover {
    /// From the ranges' first days, sorted.
    fn new(len: i64, firsts: &[Day]) -> Cover {
        // The day after each range's last: in the same order, as all
        // ranges are as long. Saturating at the end of time keeps a range
        // open there, which no date reaches.
        let after = |first: Day| Day::try_from(i64::from(first) + len).unwrap_or(Day::MAX);
        let mut cover = Cover {
            len,
            breaks: Vec::new(),
            before: Vec::new(),
            active: Vec::new(),
        };
        let (mut starts, mut ends) = (
            firsts.iter().copied().peekable(),
            firsts.iter().copied().map(after).peekable(),
        );
        let (mut sum, mut active) = (0i64, 0i64);
        // The two sorted lists merged: each day where ranges start or end.
        loop {
            let at = match (starts.peek(), ends.peek()) {
                (Some(&s), Some(&e)) => s.min(e),
                (None, Some(&e)) => e,
                (_, None) => break,
            };
            let mut change = 0;
            while starts.next_if_eq(&at).is_some() {
                change += 1;
            }
            while ends.next_if_eq(&at).is_some() {
                change -= 1;
            }
            if let Some(&last) = cover.breaks.last() {
                sum += active * (i64::from(at) - i64::from(last));
            }
            active += change;
            cover.breaks.push(at);
            cover.before.push(sum);
            cover.active.push(active);
        }
        cover
    }

    /// Days of the ranges before `day`, summed.
    fn before(&self, day: Day) -> i64 {
        match self.breaks.partition_point(|&b| b <= day) {
            0 => 0,
            k => {
                self.before[k - 1]
                    + self.active[k - 1] * (i64::from(day) - i64::from(self.breaks[k - 1]))
            }
        }
    }
}

/// The events' days, with what answers the window and the strip.
#[derive(Clone, Debug, Default)]
pub struct DayIndex {
    /// Each event's days, in event order.
    days: Vec<EventDays>,
    /// Where each run of events whose first days never go down starts, and
    /// the end of the last. Timeline order makes three at most (past,
    /// ongoing, upcoming), any order still works.
    runs: Vec<usize>,
    /// For each event, the latest last day of its run up to it: a run's
    /// events before the first whose reach gets to a day are all over
    /// before that day.
    reach: Vec<Day>,
    exact: Overlaps,
    spans: Overlaps,
    /// Spread dates by their number of days (a handful of lengths: parts
    /// of months, months, years, single approximate days).
    spread: Vec<Cover>,
    /// The first and last day of all events.
    span: Option<(NaiveDate, NaiveDate)>,
}

impl DayIndex {
    pub fn new(events: &[Event]) -> DayIndex {
        let mut span: Option<(NaiveDate, NaiveDate)> = None;
        let days: Vec<EventDays> = events
            .iter()
            .map(|e| {
                let (first, last) = (e.first_day(), e.last_day());
                span = Some(span.map_or((first, last), |(lo, hi)| (lo.min(first), hi.max(last))));
                EventDays::of(e)
            })
            .collect();
        let mut runs = vec![0];
        let mut reach = Vec::with_capacity(days.len());
        for (i, d) in days.iter().enumerate() {
            let within = i > 0 && days[i - 1].first <= d.first;
            if i > 0 && !within {
                runs.push(i);
            }
            reach.push(match reach.last() {
                Some(&r) if within => d.last.max(r),
                _ => d.last,
            });
        }
        runs.push(days.len());
        let ranges = |share| {
            days.iter()
                .filter(move |d| d.share == share)
                .map(|d| (d.first, d.last))
        };
        // First days of spread dates, by length.
        let mut by_len: Vec<(i64, Vec<Day>)> = Vec::new();
        for d in days.iter().filter(|d| d.share == Share::Spread) {
            match by_len.iter_mut().find(|(len, _)| *len == d.days()) {
                Some((_, firsts)) => firsts.push(d.first),
                None => by_len.push((d.days(), vec![d.first])),
            }
        }
        for (_, firsts) in &mut by_len {
            firsts.sort();
        }
        DayIndex {
            exact: Overlaps::new(ranges(Share::Exact)),
            spans: Overlaps::new(ranges(Share::Span)),
            spread: by_len
                .iter()
                .map(|(len, firsts)| Cover::new(*len, firsts))
                .collect(),
            days,
            runs,
            reach,
            span,
        }
    }

    /// How many events there are.
    pub fn len(&self) -> usize {
        self.days.len()
    }

    pub fn is_empty(&self) -> bool {
        self.days.is_empty()
    }

    /// The days of event `e`.
    pub fn of(&self, e: EventIx) -> EventDays {
        self.days[e.get()]
    }

    /// The first and last day of all events; `None` without events.
    pub fn span(&self) -> Option<(NaiveDate, NaiveDate)> {
        self.span
    }

    /// The events whose days overlap `from..=to` (an open end keeps all on
    /// that side), in event order.
    pub fn overlapping(&self, from: Option<NaiveDate>, to: Option<NaiveDate>) -> Vec<EventIx> {
        let from = from.map_or(Day::MIN, day);
        let to = to.map_or(Day::MAX, day);
        let mut out = Vec::new();
        for run in self.runs.windows(2) {
            let (start, end) = (run[0], run[1]);
            // Past `to`, every event starts too late; before `lo`, every
            // event is over too early. Between, each is checked.
            let hi = start + self.days[start..end].partition_point(|d| d.first <= to);
            let lo = start + self.reach[start..hi].partition_point(|&r| r < from);
            out.extend(
                (lo..hi)
                    .filter(|&i| self.days[i].last >= from)
                    .map(EventIx::new),
            );
        }
        out
    }

    /// How many events of `share` (`Exact` or `Span`) overlap `from..=to`.
    pub fn count(&self, share: Share, from: Day, to: Day) -> usize {
        match share {
            Share::Exact => self.exact.count(from, to),
            Share::Span => self.spans.count(from, to),
            Share::Spread => 0,
        }
    }

    /// The weight of spread dates that falls on `from..=to`: each spread
    /// date's days there over all its days, summed.
    pub fn spread(&self, from: Day, to: Day) -> f64 {
        let after = to.saturating_add(1);
        self.spread
            .iter()
            .map(|c| (c.before(after) - c.before(from)) as f64 / c.len as f64)
            .sum()
    }
}

/// Events for tests: one from its date text, and any event at all.
#[cfg(test)]
pub mod testing {
    use proptest::prelude::*;

    use crate::model::{Event, FuzzyDate};

    pub fn event(date: &str, end: Option<&str>) -> Event {
        Event {
            id: date.into(),
            date: date.parse().unwrap(),
            end: end.map(|e| e.parse().unwrap()),
            title: String::new(),
            summary: None,
            actors: Vec::new(),
            location: None,
            place: None,
            category: None,
            tags: Vec::new(),
            sources: Vec::new(),
        }
    }

    /// Any date form of the file format within a few years, and a span to
    /// a later date sometimes.
    pub fn any_event() -> impl Strategy<Value = Event> {
        let form = (
            0usize..7,
            2022i32..2026,
            1u32..=12,
            1u32..=28,
            proptest::bool::weighted(0.2),
        );
        let text = |(form, y, m, d, approx): (usize, i32, u32, u32, bool)| {
            let tilde = if approx { "~" } else { "" };
            match form {
                0..=2 => format!("{tilde}{y}-{m:02}-{d:02}"),
                3 => format!("{tilde}{y}-{m:02}"),
                4 => format!("{tilde}{y}"),
                5 => format!("{tilde}early {y}-{m:02}"),
                _ => format!("{tilde}late {y}-{m:02}"),
            }
        };
        (form.clone(), proptest::option::weighted(0.3, form)).prop_map(move |(date, end)| {
            let date = text(date);
            let mut e = event(&date, None);
            e.end = end
                .map(|end| text(end).parse::<FuzzyDate>().unwrap())
                .filter(|end| end.start() >= e.date.start());
            e
        })
    }
}

#[cfg(test)]
mod tests {
    use super::testing::{any_event, event};
    use super::*;
    use proptest::prelude::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// The plain answer: every event tested.
    fn overlapping_by_scan(
        events: &[Event],
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    ) -> Vec<EventIx> {
        EventIx::all(events.len())
            .filter(|&i| {
                from.is_none_or(|f| events[i].last_day() >= f)
                    && to.is_none_or(|t| events[i].first_day() <= t)
            })
            .collect()
    }

    #[test]
    fn a_window_keeps_what_overlaps_it_in_any_order() {
        // A year-long event reaches into the window from before it; a span
        // ends in it; the upcoming run starts again from earlier days.
        let events = [
            event("2024", None),
            event("2024-03-01", Some("2024-06-02")),
            event("2024-05-10", None),
            event("2024-06-05", None),
            event("late 2024-06", None),
            event("2024-01-05", None),
            event("2024-06-01", None),
        ];
        let index = DayIndex::new(&events);
        let window = (Some(date(2024, 6, 1)), Some(date(2024, 6, 3)));
        let positions =
            |found: Vec<EventIx>| found.into_iter().map(EventIx::get).collect::<Vec<_>>();
        assert_eq!(positions(index.overlapping(window.0, window.1)), [0, 1, 6]);
        assert_eq!(
            positions(index.overlapping(None, Some(date(2024, 1, 4)))),
            [0]
        );
        assert_eq!(
            positions(index.overlapping(Some(date(2024, 6, 21)), None)),
            [0, 4]
        );
        assert_eq!(
            positions(index.overlapping(None, None)),
            (0..7).collect::<Vec<_>>()
        );
        assert_eq!(index.span(), Some((date(2024, 1, 1), date(2024, 12, 31))));
        assert_eq!(DayIndex::new(&[]).span(), None);
    }

    #[test]
    fn counts_and_spread_weights_of_a_period() {
        let events = [
            event("2024-06-03", None),
            event("2024-06-01", Some("2024-06-10")),
            event("2024-06-05", Some("2024-07")),
            event("2024-06", None),
            event("early 2024-06", None),
            event("~2024-06-04", None),
        ];
        let index = DayIndex::new(&events);
        let june = |d| day(date(2024, 6, d));
        assert_eq!(index.count(Share::Exact, june(1), june(2)), 1);
        assert_eq!(index.count(Share::Exact, june(3), june(3)), 2);
        assert_eq!(index.count(Share::Exact, june(11), june(30)), 0);
        assert_eq!(index.count(Share::Span, june(1), june(4)), 0);
        assert_eq!(index.count(Share::Span, june(30), june(30)), 1);
        // Days 1-10: ten thirtieths of June, all of early June, and the
        // approximate day.
        assert!((index.spread(june(1), june(10)) - (10.0 / 30.0 + 1.0 + 1.0)).abs() < 1e-12);
        assert!((index.spread(june(4), june(4)) - (1.0 / 30.0 + 0.1 + 1.0)).abs() < 1e-12);
        assert_eq!(index.spread(june(1) - 30, june(1) - 1), 0.0);
    }

    proptest! {
        #[test]
        fn the_index_answers_as_a_scan_of_every_event(
            events in proptest::collection::vec(any_event(), 0..60),
            sorted in any::<bool>(),
            from in proptest::option::of((any::<bool>(), 0usize..100, 0u64..1800)),
            to in proptest::option::of((any::<bool>(), 0usize..100, 0u64..400)),
        ) {
            let mut events = events;
            if sorted {
                events.sort_by_key(|e| (e.first_day(), e.last_day()));
            }
            // The window's ends are any day, or often an event's own last
            // and first day: where an off-by-one would show.
            let base = date(2021, 9, 1);
            let from = from.map(|(own, i, days)| match events.get(i % events.len().max(1)) {
                Some(e) if own => e.last_day(),
                _ => base + chrono::Days::new(days),
            });
            let to = to.map(|(own, i, days)| match events.get(i % events.len().max(1)) {
                Some(e) if own => e.first_day(),
                _ => from.unwrap_or(base) + chrono::Days::new(days),
            });
            let index = DayIndex::new(&events);
            prop_assert_eq!(index.overlapping(from, to), overlapping_by_scan(&events, from, to));
            let (a, b) = (day(from.unwrap_or(base)), day(to.unwrap_or(base + chrono::Days::new(2000))));
            let (a, b) = (a.min(b), a.max(b));
            for share in [Share::Exact, Share::Span] {
                let by_scan = events
                    .iter()
                    .map(EventDays::of)
                    .filter(|d| d.share == share && d.first <= b && d.last >= a)
                    .count();
                prop_assert_eq!(index.count(share, a, b), by_scan);
            }
            let by_scan: f64 = events
                .iter()
                .map(EventDays::of)
                .filter(|d| d.share == Share::Spread)
                .map(|d| (d.last.min(b) - d.first.max(a) + 1).max(0) as f64 / d.days() as f64)
                .sum();
            prop_assert!((index.spread(a, b) - by_scan).abs() < 1e-9, "{} vs {}", index.spread(a, b), by_scan);
        }
    }
}
