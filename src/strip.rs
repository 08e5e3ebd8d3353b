//! The time strip's numbers: which period one bucket covers, how much of
//! each event falls in each bucket, and where the axis labels go. Pure
//! functions of dates and a width; the state computes a [`Strip`] once per
//! change of the filter or of the strip's width, and drawing reads it.
//!
//! Honest precision: an event known to the day weighs 1 in its bucket
//! (exact weight); an event known only to a part of a month, a month or a
//! year spreads its weight of 1 evenly over the days it may cover (spread
//! weight), so "2024" never piles up on 1 January. A span with an `end` is
//! under way in every bucket it covers and counts 1 in each (exact when both
//! ends are exact days, else spread).
//!
//! Every event's layer comes from the day index's sums (a few binary
//! searches per bucket); only the events the filter keeps are counted one
//! by one, so a change of the window costs what it shows.

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

use crate::day_index::{Day, DayIndex, EventDays, Share, day};
use crate::model::{Event, EventIx};
use crate::text::width;

/// How long one bucket is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    Day,
    /// Monday to Sunday.
    Week,
    Month,
    Quarter,
    /// Calendar years, this many to a bucket (1 unless the span holds more
    /// years than there are columns).
    Years(u32),
}

impl Unit {
    /// "per week", for the axis.
    pub fn per(self) -> String {
        match self {
            Unit::Day => "per day".into(),
            Unit::Week => "per week".into(),
            Unit::Month => "per month".into(),
            Unit::Quarter => "per quarter".into(),
            Unit::Years(1) => "per year".into(),
            Unit::Years(n) => format!("per {n} years"),
        }
    }
}

/// The buckets: `count` periods of `unit`, the first starting at `first`
/// (the start of the period holding the span's first day).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Scale {
    pub unit: Unit,
    pub first: NaiveDate,
    pub count: usize,
}

/// Months since year 0, for month arithmetic without dates.
fn month_number(d: NaiveDate) -> i64 {
    i64::from(d.year()) * 12 + i64::from(d.month0())
}

fn first_of_month(d: NaiveDate) -> NaiveDate {
    d.with_day(1).unwrap_or(d)
}

impl Scale {
    /// The finest unit whose buckets over `from..=to` fit in `columns`, so
    /// that the span fills the width.
    pub fn choose(from: NaiveDate, to: NaiveDate, columns: usize) -> Scale {
        let (from, to) = (from.min(to), from.max(to));
        let columns = columns.max(1);
        for unit in [Unit::Day, Unit::Week, Unit::Month, Unit::Quarter] {
            let scale = Scale::starting(unit, from, to);
            if scale.count <= columns {
                return scale;
            }
        }
        let years = (to.year() - from.year() + 1).unsigned_abs() as usize;
        let per = years.div_ceil(columns).max(1) as u32;
        Scale::starting(Unit::Years(per), from, to)
    }

    fn starting(unit: Unit, from: NaiveDate, to: NaiveDate) -> Scale {
        let first = match unit {
            Unit::Day => from,
            Unit::Week => from.week(Weekday::Mon).first_day(),
            Unit::Month => first_of_month(from),
            Unit::Quarter => {
                let month = from.month0() / 3 * 3 + 1;
                NaiveDate::from_ymd_opt(from.year(), month, 1).unwrap_or(from)
            }
            Unit::Years(n) => {
                // Aligned to multiples of n, so "2020" starts a decade.
                let year = from.year() - from.year().rem_euclid(n as i32);
                NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(from)
            }
        };
        let mut scale = Scale {
            unit,
            first,
            count: 1,
        };
        scale.count = scale.index(to).map_or(1, |i| i + 1);
        scale
    }

    /// The bucket a day falls in, counting from the first; `None` before it.
    fn index(&self, day: NaiveDate) -> Option<usize> {
        let i = match self.unit {
            Unit::Day => (day - self.first).num_days(),
            Unit::Week => (day - self.first).num_days().div_euclid(7),
            Unit::Month => month_number(day) - month_number(self.first),
            Unit::Quarter => (month_number(day) - month_number(self.first)).div_euclid(3),
            Unit::Years(n) => i64::from(day.year() - self.first.year()).div_euclid(i64::from(n)),
        };
        usize::try_from(i).ok()
    }

    /// The bucket a day falls in; `None` outside the buckets.
    pub fn bucket_of(&self, day: NaiveDate) -> Option<usize> {
        self.index(day).filter(|&i| i < self.count)
    }

    /// The first day of bucket `i` (`i == count` gives the day after the last).
    pub fn start(&self, i: usize) -> NaiveDate {
        let n = i as u64;
        let by_months = |months: u64| {
            u32::try_from(months)
                .ok()
                .and_then(|m| self.first.checked_add_months(Months::new(m)))
                .unwrap_or(NaiveDate::MAX)
        };
        match self.unit {
            Unit::Day => self.first.checked_add_days(Days::new(n)),
            Unit::Week => self.first.checked_add_days(Days::new(n * 7)),
            Unit::Month => Some(by_months(n)),
            Unit::Quarter => Some(by_months(n * 3)),
            Unit::Years(y) => Some(by_months(n * 12 * u64::from(y))),
        }
        .unwrap_or(NaiveDate::MAX)
    }

    /// The last day of bucket `i`.
    pub fn end(&self, i: usize) -> NaiveDate {
        self.start(i + 1).pred_opt().unwrap_or(NaiveDate::MAX)
    }

    /// The last day of the last bucket.
    pub fn last(&self) -> NaiveDate {
        self.end(self.count.saturating_sub(1))
    }

    /// The first column of bucket `i` when the buckets share `columns`
    /// evenly (`i == count` gives `columns`). Column `x` shows bucket
    /// `x * count / columns`, and this is its inverse.
    pub fn column(&self, i: usize, columns: usize) -> usize {
        (i * columns).div_ceil(self.count.max(1))
    }

    /// The bucket shown at column `x`.
    pub fn bucket_at(&self, x: usize, columns: usize) -> Option<usize> {
        (x < columns).then(|| x * self.count / columns.max(1))
    }
}

/// How much of the events falls in one bucket.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Weight {
    /// Events known to the day (and spans between exact days).
    pub exact: f64,
    /// Shares of events whose date is a part of a month, a month, a year
    /// or approximate.
    pub spread: f64,
}

impl Weight {
    pub fn total(&self) -> f64 {
        self.exact + self.spread
    }
}

/// Each bucket's weight of the events (see the module's rules). Events or
/// their parts outside the buckets count nowhere.
pub fn weigh<'a>(scale: &Scale, events: impl IntoIterator<Item = &'a Event>) -> Vec<Weight> {
    weigh_days(scale, events.into_iter().map(EventDays::of))
}

/// Each bucket's first day, and the day after the last: month arithmetic
/// once per bucket rather than per event.
fn bucket_starts(scale: &Scale) -> Vec<Day> {
    (0..=scale.count).map(|i| day(scale.start(i))).collect()
}

/// [`weigh`] over events' days. One pass over the events and one over the
/// buckets: an event over many buckets costs no more than one over a
/// single bucket.
pub fn weigh_days(scale: &Scale, events: impl IntoIterator<Item = EventDays>) -> Vec<Weight> {
    let n = scale.count;
    let mut weights = vec![Weight::default(); n];
    // Running sums (difference arrays) for what covers whole buckets:
    // spans count 1 per bucket; a spread date adds its density per day
    // to the buckets strictly inside it.
    let mut spans_exact = vec![0i64; n + 1];
    let mut spans_spread = vec![0i64; n + 1];
    let mut density = vec![0f64; n + 1];
    let finder = DayBuckets::new(scale);
    let starts = &finder.starts;
    let (lo, hi) = (starts[0], starts[n] - 1);
    let length = |i: usize| f64::from(starts[i + 1] - starts[i]);
    let bucket = |d: Day| finder.of(d);
    for e in events {
        if e.last < lo || e.first > hi {
            continue;
        }
        let (a, b) = (e.first.max(lo), e.last.min(hi));
        let (ba, bb) = (bucket(a), bucket(b));
        match e.share {
            Share::Exact | Share::Span => {
                let counts = if e.share == Share::Exact {
                    &mut spans_exact
                } else {
                    &mut spans_spread
                };
                counts[ba] += 1;
                counts[bb + 1] -= 1;
            }
            Share::Spread => {
                let per_day = 1.0 / e.days() as f64;
                let days = |a: Day, b: Day| f64::from(b - a + 1);
                if ba == bb {
                    weights[ba].spread += days(a, b) * per_day;
                } else {
                    weights[ba].spread += f64::from(starts[ba + 1] - a) * per_day;
                    weights[bb].spread += days(starts[bb], b) * per_day;
                    density[ba + 1] += per_day;
                    density[bb] -= per_day;
                }
            }
        }
    }
    let (mut exact, mut spread, mut per_day) = (0i64, 0i64, 0f64);
    for (i, w) in weights.iter_mut().enumerate() {
        exact += spans_exact[i];
        spread += spans_spread[i];
        per_day += density[i];
        w.exact += exact as f64;
        w.spread += spread as f64;
        if per_day > 1e-12 {
            w.spread += per_day * length(i);
        }
    }
    weights
}

/// Buckets spanning fewer days than this find a day's bucket in a table.
const DAY_TABLE_MAX: i64 = 1 << 21;

/// Finds the bucket of a day within the buckets.
struct DayBuckets {
    /// See [`bucket_starts`].
    starts: Vec<Day>,
    /// The bucket of each day from the first, looked up rather than
    /// searched for when the buckets span no more than a few thousand
    /// years of days.
    table: Vec<u32>,
}

impl DayBuckets {
    fn new(scale: &Scale) -> DayBuckets {
        let starts = bucket_starts(scale);
        let n = scale.count;
        let table = if i64::from(starts[n]) - i64::from(starts[0]) <= DAY_TABLE_MAX {
            (0..n)
                .flat_map(|i| std::iter::repeat_n(i as u32, (starts[i + 1] - starts[i]) as usize))
                .collect()
        } else {
            Vec::new()
        };
        DayBuckets { starts, table }
    }

    /// The bucket of `d`, a day within the buckets.
    fn of(&self, d: Day) -> usize {
        match self.table.get((d - self.starts[0]) as usize) {
            Some(&b) => b as usize,
            None => self.starts.partition_point(|&s| s <= d) - 1,
        }
    }
}

/// Each event's bucket on one scale, for counting many events again and
/// again on it (each keystroke of a search): an event that lies whole in
/// one bucket adds exactly 1 there, so counting it is one lookup of two
/// bytes, and only the few over several buckets, or cut by the ends, are
/// weighed day by day. Worked out for every event once per scale.
#[derive(Clone, Debug, Default)]
pub struct Buckets {
    scale: Option<Scale>,
    /// Per event: [`OUTSIDE`], [`ACROSS`], its bucket for an exact weight
    /// of 1, or the bucket count more than its bucket for a spread weight
    /// of 1.
    of: Vec<u16>,
}

/// The event lies wholly outside the buckets: it counts nowhere.
const OUTSIDE: u16 = u16::MAX;
/// The event covers more than one bucket, or is cut by the ends.
const ACROSS: u16 = u16::MAX - 1;

impl Buckets {
    /// Lays out every event of `index` on `scale`; a scale of more buckets
    /// than two bytes number is left to be weighed day by day.
    fn new(scale: &Scale, index: &DayIndex) -> Buckets {
        let n = scale.count;
        let mut buckets = Buckets {
            scale: Some(*scale),
            of: Vec::new(),
        };
        if 2 * n >= usize::from(ACROSS) {
            buckets.of = vec![ACROSS; index.len()];
            return buckets;
        }
        let finder = DayBuckets::new(scale);
        let starts = &finder.starts;
        let (lo, hi) = (starts[0], starts[n] - 1);
        buckets.of = (0..index.len())
            .map(|e| {
                let days = index.of(EventIx::new(e));
                if days.last < lo || days.first > hi {
                    return OUTSIDE;
                }
                if days.first < lo || days.last > hi {
                    return ACROSS;
                }
                let b = finder.of(days.first);
                if days.last >= starts[b + 1] {
                    return ACROSS;
                }
                match days.share {
                    Share::Exact => b as u16,
                    Share::Span | Share::Spread => (n + b) as u16,
                }
            })
            .collect();
        buckets
    }

    /// Each bucket's weight of the events `kept` (each once, in any
    /// order): what [`weigh_days`] gives for them, but a lookup for each
    /// event in a single bucket.
    fn weigh(&self, scale: &Scale, index: &DayIndex, kept: &[EventIx]) -> Vec<Weight> {
        let n = scale.count;
        // Four tallies taken in turn: neighbours in the timeline often
        // share a bucket, and one tally would wait on its own last count.
        let mut tallies = vec![[0u32; 4]; 2 * n];
        let mut across = Vec::new();
        for (k, &e) in kept.iter().enumerate() {
            match self.of[e.get()] {
                OUTSIDE => {}
                ACROSS => across.push(index.of(e)),
                b => tallies[usize::from(b)][k % 4] += 1,
            }
        }
        let whole: Vec<u32> = tallies.iter().map(|t| t.iter().sum()).collect();
        let mut weights = weigh_days(scale, across);
        for (i, w) in weights.iter_mut().enumerate() {
            w.exact += f64::from(whole[i]);
            w.spread += f64::from(whole[n + i]);
        }
        weights
    }
}

/// Filters counting this many events or more (one in this many of all)
/// count with [`Buckets`]: below, laying every event out costs more than
/// it saves.
const BUCKETS_FROM: usize = 8;

/// Each bucket's weight of the events `kept` (each once, in event order or
/// its reverse), given `all`, every event's. Counted one by one when they
/// are at most half of the events; otherwise every event's weight less
/// that of the events left out, which are fewer: a filter that keeps
/// nearly everything costs what it leaves out. With `buckets`, many kept
/// events are counted a lookup each instead.
fn weigh_kept(
    scale: &Scale,
    index: &DayIndex,
    kept: &[EventIx],
    all: &[Weight],
    buckets: Option<&mut Buckets>,
) -> Vec<Weight> {
    let total = index.len();
    if kept.len() == total {
        return all.to_vec();
    }
    // Many kept events are counted from the events laid out on the scale
    // (laid out once per scale): a lookup each, cheaper than weighing
    // only those left out day by day.
    if let Some(b) = buckets.filter(|_| kept.len() * BUCKETS_FROM >= total && !kept.is_empty()) {
        if b.scale != Some(*scale) {
            *b = Buckets::new(scale, index);
        }
        return b.weigh(scale, index, kept);
    }
    let few = kept.len() * 2 <= total;
    let days = |e: usize| index.of(EventIx::new(e));
    if few {
        return weigh_days(scale, kept.iter().map(|&e| index.of(e)));
    }
    let out = if kept.first() > kept.last() {
        weigh_days(scale, left_out(kept.iter().rev(), total).map(days))
    } else {
        weigh_days(scale, left_out(kept.iter(), total).map(days))
    };
    less(all, out)
}

/// Every event's weight less that of the events left out.
fn less(all: &[Weight], out: Vec<Weight>) -> Vec<Weight> {
    all.iter()
        .zip(out)
        .map(|(all, out)| Weight {
            // Whole numbers: exact.
            exact: all.exact - out.exact,
            // Sums of fractions: what is left of nothing may be a rounding
            // error, never below nothing.
            spread: match all.spread - out.spread {
                left if left > 1e-9 => left,
                _ => 0.0,
            },
        })
        .collect()
}

/// The events of `0..total` not in `kept` (in event order, each once), in
/// order: the gaps between the kept ones.
fn left_out<'a>(
    kept: impl Iterator<Item = &'a EventIx>,
    total: usize,
) -> impl Iterator<Item = usize> {
    let mut next = 0;
    kept.map(|e| e.get())
        .chain(std::iter::once(total))
        .flat_map(move |e| {
            let gap = next..e;
            next = e + 1;
            gap
        })
}

/// Each bucket's weight of every event, the same as [`weigh`] over them
/// all, from the index: a few binary searches per bucket, whatever the
/// number of events.
pub fn weigh_all(scale: &Scale, index: &DayIndex) -> Vec<Weight> {
    let starts = bucket_starts(scale);
    starts
        .windows(2)
        .map(|bucket| {
            let (from, to) = (bucket[0], bucket[1] - 1);
            Weight {
                exact: index.count(Share::Exact, from, to) as f64,
                spread: index.count(Share::Span, from, to) as f64 + index.spread(from, to),
            }
        })
        .collect()
}

/// An axis label: text starting at a column.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    pub column: usize,
    pub text: String,
}

/// A kind of date the axis may label, from fine to coarse.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tier {
    Days,
    Mondays,
    /// First days of months whose number (0-based) is a multiple of this.
    Months(u32),
    /// First days of years that are a multiple of this.
    Years(i32),
}

const TIERS: [Tier; 16] = [
    Tier::Days,
    Tier::Mondays,
    Tier::Months(1),
    Tier::Months(3),
    Tier::Months(6),
    Tier::Years(1),
    Tier::Years(2),
    Tier::Years(5),
    Tier::Years(10),
    Tier::Years(20),
    Tier::Years(50),
    Tier::Years(100),
    Tier::Years(200),
    Tier::Years(500),
    Tier::Years(1000),
    Tier::Years(5000),
];

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

impl Tier {
    /// Whether labels of this tier can mark bucket starts of `unit`.
    fn fits(self, unit: Unit) -> bool {
        match (self, unit) {
            (Tier::Days, Unit::Day) => true,
            (Tier::Days, _) => false,
            (Tier::Mondays, Unit::Day | Unit::Week) => true,
            (Tier::Mondays, _) => false,
            (Tier::Months(n), Unit::Quarter) => n.is_multiple_of(3),
            (Tier::Months(_), Unit::Years(_)) => false,
            (Tier::Months(_), _) => true,
            (Tier::Years(n), Unit::Years(per)) => (n as u32).is_multiple_of(per),
            (Tier::Years(_), _) => true,
        }
    }

    /// The first date of the tier on or after `day`.
    fn next(self, day: NaiveDate) -> Option<NaiveDate> {
        match self {
            Tier::Days => Some(day),
            Tier::Mondays => {
                let back = day.weekday().num_days_from_monday();
                let monday = day.checked_sub_days(Days::new(u64::from(back)))?;
                if monday == day {
                    Some(day)
                } else {
                    monday.checked_add_days(Days::new(7))
                }
            }
            Tier::Months(n) => {
                let mut d = first_of_month(day);
                if d < day {
                    d = d.checked_add_months(Months::new(1))?;
                }
                let skip = (n - d.month0() % n) % n;
                d.checked_add_months(Months::new(skip))
            }
            Tier::Years(n) => {
                let mut year = day.year();
                if day.ordinal() > 1 {
                    year += 1;
                }
                year += (n - year.rem_euclid(n)) % n;
                NaiveDate::from_ymd_opt(year, 1, 1)
            }
        }
    }

    fn after(self, day: NaiveDate) -> Option<NaiveDate> {
        self.next(day.succ_opt()?)
    }

    /// The label of a date of this tier; `first` is the axis's first
    /// label, which names the year too.
    fn text(self, d: NaiveDate, first: bool) -> String {
        let month = MONTHS[d.month0() as usize];
        match self {
            Tier::Days | Tier::Mondays if first => format!("{} {month} {}", d.day(), d.year()),
            Tier::Days | Tier::Mondays => format!("{} {month}", d.day()),
            Tier::Months(_) if first || d.month0() == 0 => format!("{month} {}", d.year()),
            Tier::Months(_) => month.to_string(),
            Tier::Years(_) => d.year().to_string(),
        }
    }
}

/// Labels for the axis under `columns` columns: the finest tier of dates
/// whose labels all fit with a space between them, none covering a column
/// of `keep_clear` (where marks go). Each label starts at the column of its
/// date's bucket, or just after a mark there.
pub fn labels(scale: &Scale, columns: usize, keep_clear: &[usize]) -> Vec<Label> {
    let (from, to) = (scale.first, scale.last());
    for tier in TIERS.into_iter().filter(|t| t.fits(scale.unit)) {
        let mut out: Vec<Label> = Vec::new();
        let mut next_free = 0;
        let mut fits = true;
        let mut day = tier.next(from);
        while let Some(d) = day.filter(|&d| d <= to) {
            let Some(bucket) = scale.bucket_of(d) else {
                break;
            };
            let mut column = scale.column(bucket, columns);
            let text = tier.text(d, out.is_empty());
            // A mark on the label's first column moves it one on.
            if keep_clear.contains(&column) {
                column += 1;
            }
            let end = column + width(&text);
            if column < next_free {
                fits = false;
                break;
            }
            if end <= columns && !keep_clear.iter().any(|&c| c >= column && c < end) {
                out.push(Label { column, text });
                next_free = end + 1;
            }
            day = tier.after(d);
        }
        if fits {
            return out;
        }
    }
    Vec::new()
}

/// What the strip shows, computed by [`compute`].
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Strip {
    /// `None` when there is nothing to draw (no columns).
    pub scale: Option<Scale>,
    /// Columns the buckets share.
    pub columns: usize,
    /// Every event's weight per bucket.
    pub all: Vec<Weight>,
    /// The weight of the events the filter keeps.
    pub kept: Vec<Weight>,
    /// The bucket of `as_of`, when it is in view.
    pub now: Option<usize>,
    pub labels: Vec<Label>,
    /// "per week", for the end of the axis (empty when it does not fit).
    pub unit: String,
}

impl Strip {
    /// The bucket at a column of the strip.
    pub fn bucket_at(&self, x: usize) -> Option<usize> {
        self.scale?.bucket_at(x, self.columns)
    }

    /// Columns of bucket `i`: `start..end`.
    pub fn columns_of(&self, i: usize) -> std::ops::Range<usize> {
        match self.scale {
            Some(scale) => scale.column(i, self.columns)..scale.column(i + 1, self.columns),
            None => 0..0,
        }
    }

    /// The first and last day of bucket `i`.
    pub fn days_of(&self, i: usize) -> Option<(NaiveDate, NaiveDate)> {
        self.scale.map(|s| (s.start(i), s.end(i)))
    }

    /// The bucket of an event: that of its first day in view.
    pub fn bucket_of_event(&self, e: &Event) -> Option<usize> {
        let scale = self.scale?;
        if e.last_day() < scale.first || e.first_day() > scale.last() {
            return None;
        }
        scale.bucket_of(e.first_day().max(scale.first))
    }

    /// The largest total weight of any bucket, all events counted: the
    /// height of a full bar.
    pub fn peak(&self) -> f64 {
        self.all.iter().map(Weight::total).fold(0.0, f64::max)
    }
}

/// The strip over `span` (the situation's days, or the date window) in
/// `columns` columns: every event of the index, and the events `kept`
/// (each once, in event order or its reverse). Every event's layer comes
/// from the index's sums; the kept layer counts the kept events one by
/// one, or the events left out when those are fewer.
pub fn compute(
    span: (NaiveDate, NaiveDate),
    columns: usize,
    as_of: NaiveDate,
    index: &DayIndex,
    kept: &[EventIx],
) -> Strip {
    compute_with(span, columns, as_of, index, kept, None)
}

/// [`compute`], counting many kept events with `buckets` (laid out again
/// when the scale is another): for a strip counted again at each change of
/// the filter.
pub fn compute_with(
    span: (NaiveDate, NaiveDate),
    columns: usize,
    as_of: NaiveDate,
    index: &DayIndex,
    kept: &[EventIx],
    buckets: Option<&mut Buckets>,
) -> Strip {
    if columns == 0 {
        return Strip::default();
    }
    let scale = Scale::choose(span.0, span.1, columns);
    let now = scale.bucket_of(as_of);
    let now_column = now.map(|b| scale.column(b, columns));
    let unit = scale.unit.per();
    // The unit goes at the right end when the labels leave room for it.
    let unit_at = columns.saturating_sub(width(&unit));
    let mut clear: Vec<usize> = now_column.into_iter().collect();
    let mut labels_now = labels(&scale, columns, &clear);
    let unit = if labels_now.last().is_none_or(|l| {
        l.column + width(&l.text) < unit_at && now_column.is_none_or(|c| c < unit_at)
    }) && unit_at > 0
    {
        clear.extend(unit_at..columns);
        labels_now = labels(&scale, unit_at.saturating_sub(1), &clear);
        unit
    } else {
        String::new()
    };
    let all = weigh_all(&scale, index);
    let kept = weigh_kept(&scale, index, kept, &all, buckets);
    Strip {
        scale: Some(scale),
        columns,
        kept,
        all,
        now,
        labels: labels_now,
        unit,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::day_index::testing::event;
    use crate::model::Event;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn the_finest_unit_that_fits_fills_the_width() {
        let june = (day(2024, 6, 1), day(2024, 6, 30));
        let s = Scale::choose(june.0, june.1, 80);
        assert_eq!((s.unit, s.count), (Unit::Day, 30));
        // 30 days in 20 columns: weeks, from Monday 27 May to Sunday 30 June.
        let s = Scale::choose(june.0, june.1, 20);
        assert_eq!(
            (s.unit, s.first, s.count),
            (Unit::Week, day(2024, 5, 27), 5)
        );
        let two_years = Scale::choose(day(2023, 1, 15), day(2024, 12, 2), 78);
        assert_eq!((two_years.unit, two_years.count), (Unit::Month, 24));
        let decade = Scale::choose(day(2010, 3, 1), day(2024, 9, 21), 60);
        assert_eq!((decade.unit, decade.count), (Unit::Quarter, 59));
        let fifteen_years = Scale::choose(day(2010, 3, 1), day(2024, 9, 21), 40);
        assert_eq!(
            (fifteen_years.unit, fifteen_years.count),
            (Unit::Years(1), 15)
        );
        // More years than columns: several to a bucket, aligned.
        let long = Scale::choose(day(1901, 1, 1), day(2024, 1, 1), 40);
        assert_eq!(long.unit, Unit::Years(4));
        assert_eq!(long.first, day(1900, 1, 1));
        assert_eq!(long.count, 32);
    }

    #[test]
    fn buckets_share_the_columns_and_a_column_names_its_bucket() {
        let s = Scale::choose(day(2024, 6, 1), day(2024, 6, 30), 80);
        assert_eq!(s.column(0, 80), 0);
        assert_eq!(s.column(1, 80), 3);
        assert_eq!(s.column(30, 80), 80);
        for x in 0..80 {
            let b = s.bucket_at(x, 80).unwrap();
            assert!((s.column(b, 80)..s.column(b + 1, 80)).contains(&x), "{x}");
        }
        assert_eq!(s.bucket_at(80, 80), None);
    }

    #[test]
    fn an_exact_day_weighs_one_in_its_bucket() {
        let s = Scale::choose(day(2024, 6, 1), day(2024, 6, 30), 80);
        let w = weigh(&s, &[event("2024-06-03", None), event("2024-06-03", None)]);
        assert_eq!(
            w[2],
            Weight {
                exact: 2.0,
                spread: 0.0
            }
        );
        assert_eq!(w.iter().map(Weight::total).sum::<f64>(), 2.0);
    }

    #[test]
    fn a_month_spreads_over_its_thirty_days() {
        let s = Scale::choose(day(2024, 6, 1), day(2024, 6, 30), 80);
        assert_eq!((s.unit, s.count), (Unit::Day, 30));
        let w = weigh(&s, &[event("2024-06", None)]);
        for (i, b) in w.iter().enumerate() {
            assert_eq!(b.exact, 0.0);
            assert!(close(b.spread, 1.0 / 30.0), "day {i}: {}", b.spread);
        }
        assert!(close(w.iter().map(|b| b.spread).sum(), 1.0));
    }

    #[test]
    fn parts_of_months_years_and_approximate_days_are_spread() {
        // Early October is 10 days: a tenth in each of its daily buckets.
        let s = Scale::choose(day(2024, 10, 1), day(2024, 10, 31), 40);
        let w = weigh(
            &s,
            &[event("early 2024-10", None), event("~2024-10-20", None)],
        );
        assert!(close(w[0].spread, 0.1) && close(w[9].spread, 0.1));
        assert_eq!(w[10].spread, 0.0);
        assert_eq!(
            w[19],
            Weight {
                exact: 0.0,
                spread: 1.0
            }
        );
        // A year over monthly buckets: each month its days' share.
        let s = Scale::choose(day(2024, 1, 1), day(2024, 12, 31), 12);
        assert_eq!(s.unit, Unit::Month);
        let w = weigh(&s, &[event("2024", None)]);
        assert!(close(w[0].spread, 31.0 / 366.0));
        assert!(close(w[1].spread, 29.0 / 366.0));
        assert!(close(w[11].spread, 31.0 / 366.0));
        assert!(close(w.iter().map(|b| b.spread).sum(), 1.0));
    }

    #[test]
    fn a_span_counts_in_every_bucket_it_covers() {
        let s = Scale::choose(day(2024, 1, 1), day(2024, 12, 31), 12);
        let w = weigh(
            &s,
            &[
                event("2024-03-10", Some("2024-05-02")),
                event("2024-03", Some("2024-04")),
            ],
        );
        assert_eq!(w[1], Weight::default());
        assert_eq!(
            w[2],
            Weight {
                exact: 1.0,
                spread: 1.0
            }
        );
        assert_eq!(
            w[3],
            Weight {
                exact: 1.0,
                spread: 1.0
            }
        );
        assert_eq!(
            w[4],
            Weight {
                exact: 1.0,
                spread: 0.0
            }
        );
        assert_eq!(w[5], Weight::default());
    }

    #[test]
    fn what_lies_outside_the_buckets_counts_nowhere() {
        // A window of three days over a month-long event and a span.
        let s = Scale::choose(day(2024, 6, 10), day(2024, 6, 12), 30);
        assert_eq!(s.count, 3);
        let w = weigh(
            &s,
            &[
                event("2024-06", None),
                event("2024-05-01", Some("2024-06-10")),
                event("2024-07-01", None),
            ],
        );
        assert!(close(w[0].spread, 1.0 / 30.0));
        assert_eq!(w[0].exact, 1.0);
        assert_eq!(w[1].exact, 0.0);
        assert!(close(w[2].spread, 1.0 / 30.0));
    }

    #[test]
    fn labels_take_the_finest_dates_that_fit() {
        let s = Scale::choose(day(2024, 1, 1), day(2025, 12, 31), 72);
        assert_eq!(s.unit, Unit::Month);
        let texts = |l: Vec<Label>| {
            l.into_iter()
                .map(|l| (l.column, l.text))
                .collect::<Vec<_>>()
        };
        // 24 months in 72 columns: three columns a month, too few for every
        // month's name; quarters fit.
        assert_eq!(
            texts(labels(&s, 72, &[])),
            [
                (0, "Jan 2024".to_string()),
                (9, "Apr".into()),
                (18, "Jul".into()),
                (27, "Oct".into()),
                (36, "Jan 2025".into()),
                (45, "Apr".into()),
                (54, "Jul".into()),
                (63, "Oct".into()),
            ]
        );
        // A label never covers a column kept clear for a mark: it moves
        // past a mark on its first column, and gives way to one inside it.
        let clear = texts(labels(&s, 72, &[45, 56]));
        assert_eq!(clear[5], (46, "Apr".into()));
        assert_eq!(clear[6], (63, "Oct".into()));
        let days = Scale::choose(day(2024, 6, 1), day(2024, 6, 14), 70);
        // Five columns a day: too few for every day's label, so Mondays.
        assert_eq!(
            texts(labels(&days, 70, &[])),
            [(10, "3 Jun 2024".to_string()), (45, "10 Jun".into())]
        );
    }

    #[test]
    fn the_strip_holds_both_layers_and_the_now_bucket() {
        let events = [
            event("2024-06-03", None),
            event("2024-06", None),
            event("2024-06-20", None),
        ];
        let index = DayIndex::new(&events);
        let strip = compute(
            (day(2024, 6, 1), day(2024, 6, 30)),
            60,
            day(2024, 6, 21),
            &index,
            &[EventIx::new(0)],
        );
        let two = compute(
            (day(2024, 6, 1), day(2024, 6, 30)),
            60,
            day(2024, 6, 21),
            &index,
            &EventIx::all(2).collect::<Vec<_>>(),
        );
        assert_eq!(two.all, strip.all);
        assert!(close(two.kept[19].spread, 1.0 / 30.0));
        assert_eq!(strip.now, Some(20));
        assert_eq!(
            strip.kept[2],
            Weight {
                exact: 1.0,
                spread: 0.0
            }
        );
        assert_eq!(strip.kept[19], Weight::default());
        assert_eq!(strip.all[19].exact, 1.0);
        assert!(close(strip.all[19].spread, 1.0 / 30.0));
        assert!(close(strip.peak(), 1.0 + 1.0 / 30.0));
        assert_eq!(strip.unit, "per day");
        assert_eq!(strip.bucket_at(0), Some(0));
        assert_eq!(strip.columns_of(1), 2..4);
        assert_eq!(strip.bucket_of_event(&events[2]), Some(19));
    }

    /// The module's rules read literally: every event against every bucket.
    fn weigh_by_rules(scale: &Scale, events: &[Event]) -> Vec<Weight> {
        let exact = |d: &crate::model::FuzzyDate| {
            d.precision() == crate::model::Precision::Day && !d.is_approximate()
        };
        (0..scale.count)
            .map(|i| {
                let (from, to) = (scale.start(i), scale.end(i));
                let mut w = Weight::default();
                for e in events {
                    let (a, b) = (e.first_day().max(from), e.last_day().min(to));
                    if a > b {
                        continue;
                    }
                    match e.end {
                        Some(end) if exact(&e.date) && exact(&end) => w.exact += 1.0,
                        Some(_) => w.spread += 1.0,
                        None if exact(&e.date) => w.exact += 1.0,
                        None => {
                            let all = (e.last_day() - e.first_day()).num_days() + 1;
                            w.spread += ((b - a).num_days() + 1) as f64 / all as f64;
                        }
                    }
                }
                w
            })
            .collect()
    }

    proptest::proptest! {
        #[test]
        fn every_way_of_weighing_gives_the_rules_answer(
            events in proptest::collection::vec(crate::day_index::testing::any_event(), 0..50),
            start in 0u64..1600,
            days in 0u64..1500,
            columns in 1usize..120,
        ) {
            let from = day(2021, 10, 1) + Days::new(start);
            let scale = Scale::choose(from, from + Days::new(days), columns);
            let rules = weigh_by_rules(&scale, &events);
            let index = DayIndex::new(&events);
            for (name, got) in [
                ("weigh", weigh(&scale, &events)),
                ("weigh_all", weigh_all(&scale, &index)),
            ] {
                proptest::prop_assert_eq!(got.len(), rules.len());
                for (i, (g, r)) in got.iter().zip(&rules).enumerate() {
                    proptest::prop_assert_eq!(g.exact, r.exact, "{} bucket {}", name, i);
                    proptest::prop_assert!(close(g.spread, r.spread), "{} bucket {}: {:?} vs {:?}", name, i, g, r);
                }
            }
        }

        /// The kept layer is the rules' answer for the kept events, whether
        /// they are few (counted one by one) or many (every event less
        /// those left out), counted day by day or from the events laid out
        /// on the scale (laid out again when the scale changes), and
        /// whichever way round the timeline lists them.
        #[test]
        fn the_kept_layer_weighs_what_is_kept(
            events in proptest::collection::vec(crate::day_index::testing::any_event(), 1..50),
            kept in proptest::collection::vec(proptest::bool::weighted(0.8), 50),
            newest_first in proptest::bool::ANY,
            spans in proptest::collection::vec((0u64..1600, 0u64..1500), 1..4),
        ) {
            let index = DayIndex::new(&events);
            let mut chosen: Vec<EventIx> =
                EventIx::all(events.len()).filter(|e| kept[e.get()]).collect();
            let kept_events: Vec<Event> = chosen.iter().map(|&e| events[e.get()].clone()).collect();
            if newest_first {
                chosen.reverse();
            }
            let mut buckets = Buckets::default();
            for (start, days) in spans {
                let from = day(2021, 10, 1) + Days::new(start);
                let to = from + Days::new(days);
                let strip = compute((from, to), 60, from, &index, &chosen);
                let laid_out =
                    compute_with((from, to), 60, from, &index, &chosen, Some(&mut buckets));
                let scale = strip.scale.expect("columns");
                proptest::prop_assert_eq!(laid_out.scale, Some(scale));
                let rules = weigh_by_rules(&scale, &kept_events);
                for got in [&strip.kept, &laid_out.kept] {
                    proptest::prop_assert_eq!(got.len(), rules.len());
                    for (i, (g, r)) in got.iter().zip(&rules).enumerate() {
                        proptest::prop_assert_eq!(g.exact, r.exact, "bucket {}", i);
                        proptest::prop_assert!(close(g.spread, r.spread), "bucket {}: {:?} vs {:?}", i, g, r);
                        // Nothing kept there: nothing drawn, not a rounding error.
                        proptest::prop_assert!(r.spread != 0.0 || g.spread == 0.0, "bucket {}: {:?}", i, g);
                    }
                }
            }
        }
    }
}
