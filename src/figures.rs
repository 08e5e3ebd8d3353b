//! Key figures as people read them: "578,000+", "~80%", "<90 of 400",
//! "36–46 days". One place formats every figure, so the dashboard's cards,
//! its detail popup and the `summary` briefings always agree.
//!
//! The rules, in one place:
//!
//! - Numbers keep the decimals they were written with and group thousands
//!   ("63,250", "18.50%"). The qualifier goes into the number: `~80%`,
//!   `578,000+`, `<25%`, `≥35%`, `≤12`; a percentage that is more than
//!   something reads `>35%` ("35%+" does not).
//! - A short form ("45M", "1.23B", three significant digits) exists for
//!   narrow places only; [`Figure::display`] is always the full number.
//! - Observations are taken in date order whatever their order in the file;
//!   observations with the same date (the same day span) form one group.
//!   The latest group gives the figure. When sources in it disagree, the
//!   figure is their range ("200–400") and is marked disputed rather than
//!   picking one.
//! - Staleness: a figure is stale when even the last day its date may stand
//!   for lies more than [`STALE_AFTER_DAYS`] (60, or the config file's `stale_after_days`) days before `as_of`. A
//!   figure without a date is never called stale: it is called undated.
//! - Trends compare the latest group with the one before it: percentages
//!   change in points ("+5 pts"), other numbers in percent ("+52%"), or as a
//!   plain difference when the previous value is 0 (a percent of 0 means
//!   nothing). The change is computed on the numbers as reported; the
//!   qualifiers stay visible on the numbers themselves.
//! - Day counts run from `as_of` in whole days; a fuzzy event date gives the
//!   honest range ("36–46 days"). A `since`/`until` counts from or to the
//!   event's `date` (its start, for an event with an `end`).

use chrono::{Datelike, NaiveDate};

use crate::model::{
    EventIx, FuzzyDate, Metric, MetricKind, Number, Observation, Precision, Qualifier, Situation,
    SourceIx,
};
use crate::number_text;
use crate::sanitize::clean_line;

/// An observation whose latest possible day is more than this many days
/// before `as_of` is flagged as stale, unless the config file says otherwise.
pub const STALE_AFTER_DAYS: i64 = 60;

/// When a figure counts as stale (the config file's `stale_after_days`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Staleness {
    /// Days from the latest possible day of the figure's date to `as_of`.
    pub after_days: i64,
}

impl Default for Staleness {
    fn default() -> Self {
        Staleness {
            after_days: STALE_AFTER_DAYS,
        }
    }
}

/// One metric, ready to show.
#[derive(Clone, Debug, PartialEq)]
pub struct Figure {
    /// The figure as reported, with its target: "578,000+", "~80%",
    /// "<90 of 400", "18% (target 70%)", "13 days", "200–400".
    pub display: String,
    /// The figure alone, without the target: "<90", "13 days".
    pub value: String,
    /// `value` shortened for narrow places ("1.23B", "578K+"); the same as
    /// `value` when there is nothing to shorten.
    pub compact: String,
    /// The unit to print beside `display`; `None` for percentages and day
    /// counts, whose unit is already in `display`. Sanitized.
    pub unit: Option<String>,
    /// Date of the latest observation, honest about precision ("Aug 2024");
    /// for a day count, the event's date.
    pub date: Option<FuzzyDate>,
    /// Whole days from the latest observation's last possible day to `as_of`.
    pub age_days: Option<i64>,
    /// Older than the [`Staleness`] limit.
    pub stale: bool,
    /// Several sources disagree on the latest date; `display` is their range.
    pub disputed: bool,
    /// How many different sources (an unsourced observation counts as one)
    /// report the latest date's observations; 2 or more when `disputed`.
    pub sources_on_latest: usize,
    pub trend: Option<Trend>,
    pub progress: Option<Progress>,
    pub days: Option<DayCount>,
    /// Source of the latest observation (for a day count, none: the event has them).
    pub source: Option<SourceIx>,
    /// The event a day count runs from or to.
    pub event: Option<EventIx>,
    /// That event's title, sanitized to one line.
    pub event_title: Option<String>,
}

impl Figure {
    /// The figure with its unit: "~420 of 2,500 personnel", "~80%".
    pub fn display_with_unit(&self) -> String {
        match &self.unit {
            Some(unit) => format!("{} {unit}", self.display),
            None => self.display.clone(),
        }
    }

    /// The date as shown: "20 Sep 2024", "Aug 2024", or "undated".
    pub fn date_text(&self) -> String {
        self.date
            .map_or_else(|| "undated".to_string(), |d| d.to_string())
    }
}

/// Which way a trend went between the last two dates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    Up,
    Down,
    Flat,
}

impl Direction {
    /// "▲", "▼", or "" for no change (the words say "unchanged").
    pub fn marker(self) -> &'static str {
        match self {
            Direction::Up => "▲",
            Direction::Down => "▼",
            Direction::Flat => "",
        }
    }
}

/// Change over time, for metrics observed on two or more dates.
#[derive(Clone, Debug, PartialEq)]
pub struct Trend {
    /// One value per observed date, in date order, for a sparkline (the mean
    /// where a date has several observations).
    pub values: Vec<f64>,
    /// "+52% since 8 Apr", "+5 pts since Aug 2023", "unchanged since 25 Jun".
    pub change: String,
    pub rising: bool,
    pub direction: Direction,
    /// The change alone, for narrow places: "+52%", "-5 pts", "unchanged".
    pub delta: String,
    /// Date of the previous observation, the one the change is counted from.
    pub since: FuzzyDate,
}

/// Progress toward a `target`.
#[derive(Clone, Debug, PartialEq)]
pub struct Progress {
    /// The latest value; the low end of a disputed range.
    pub value: f64,
    pub target: f64,
    /// value / target, clamped to 0..=1 for gauges; 0 without a gauge.
    pub ratio: f64,
    /// The high end of a disputed range as a ratio; `ratio` otherwise.
    pub ratio_high: f64,
    /// A gauge means something: the target is above zero. A target of 0 or
    /// below ("bring cases down to 0") is shown as text only.
    pub gauge: bool,
    /// The target as written: "2,500", "70%".
    pub target_display: String,
    /// "of 2,500", or "target 70%" for a percentage ("18% of 70%" would read
    /// as a share of a share).
    pub text: String,
    /// How far along, in percent of the target: "17%", "8–16%" for a
    /// disputed range. `None` without a gauge and for percentages, where a
    /// percent of a percent would confuse.
    pub share: Option<String>,
}

/// One observation for the detail view, every field ready to show.
#[derive(Clone, Debug, PartialEq)]
pub struct ObservationRow {
    /// "20 Sep 2024", "early Mar 2024", "undated"; for a day count, the event's date.
    pub date: String,
    /// The number with its qualifier: "~700,000", "<25%"; or the day count.
    pub display: String,
    pub qualifier: Qualifier,
    /// Short source name ("Al Jazeera"), or "no source". Sanitized.
    pub source: String,
    /// One of the latest date's observations: the ones the figure shows.
    pub latest: bool,
    /// Part of a disagreement on the latest date.
    pub disputed: bool,
}

/// A derived day count, a range when the event's date is fuzzy.
///
/// `min..=max` are whole days in the metric's own direction: for `since`, days
/// from the event to `as_of` (positive once it has happened); for `until`,
/// days from `as_of` to the event (positive while it is ahead). A negative
/// count means the event lies on the other side of `as_of`: a deadline that
/// has passed, or a start that has not come yet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DayCount {
    pub min: i64,
    pub max: i64,
    /// A deadline still ahead: `until` an event whose whole span is after `as_of`.
    pub upcoming: bool,
    /// Counted `since` the event (else `until` it).
    pub since: bool,
}

impl DayCount {
    /// The whole span lies on the other side of `as_of` from what the metric
    /// counts toward: an `until` deadline already passed, a `since` event
    /// that has not happened yet.
    pub fn reversed(&self) -> bool {
        self.max < 0
    }

    /// The event's span straddles `as_of`: it may or may not have happened.
    pub fn unsure(&self) -> bool {
        self.min < 0 && self.max >= 0
    }

    /// An `until` deadline that may still be ahead (or is today): the kind of
    /// figure a reader must not miss.
    pub fn deadline_open(&self) -> bool {
        !self.since && self.max >= 0
    }
}

/// Formats a metric of the situation, stale after [`STALE_AFTER_DAYS`].
pub fn figure(s: &Situation, metric: &Metric) -> Figure {
    figure_with(s, metric, Staleness::default())
}

/// Formats a metric of the situation with a staleness limit.
pub fn figure_with(s: &Situation, metric: &Metric, staleness: Staleness) -> Figure {
    match &metric.kind {
        MetricKind::Observed(points) => observed(s.as_of, metric, points, staleness),
        MetricKind::Since(e) | MetricKind::Until(e) => {
            let event = &s.events[*e];
            let since = matches!(metric.kind, MetricKind::Since(_));
            let days = day_count(s.as_of, event.date, since);
            let text = format_days(days, event.date.is_approximate());
            Figure {
                display: text.clone(),
                value: text.clone(),
                compact: text,
                unit: None,
                date: Some(event.date),
                age_days: None,
                stale: false,
                disputed: false,
                sources_on_latest: 0,
                trend: None,
                progress: None,
                days: Some(days),
                source: None,
                event: Some(*e),
                event_title: Some(clean_line(&event.title).into_owned()),
            }
        }
    }
}

/// Every observation of a metric in date order, for the detail view. A day
/// count gives one row: the event's date, the count, and the event's sources.
pub fn observations(s: &Situation, metric: &Metric) -> Vec<ObservationRow> {
    match &metric.kind {
        MetricKind::Observed(points) => {
            let percent = is_percent(metric.unit.as_deref());
            let sorted = in_date_order(points);
            let groups = date_groups(&sorted);
            let latest = groups.len().saturating_sub(1);
            let mut rows = Vec::with_capacity(points.len());
            for (g, group) in groups.iter().enumerate() {
                let disputed = g == latest && is_disputed(group);
                for o in group.iter() {
                    rows.push(ObservationRow {
                        date: o.date.map_or_else(|| "undated".into(), |d| d.to_string()),
                        display: format_value(o.value, o.qualifier, percent),
                        qualifier: o.qualifier,
                        source: o
                            .source
                            .map_or_else(|| "no source".into(), |ix| source_name(s, ix)),
                        latest: g == latest,
                        disputed,
                    });
                }
            }
            rows
        }
        MetricKind::Since(e) | MetricKind::Until(e) => {
            let event = &s.events[*e];
            let mut names: Vec<String> = Vec::new();
            for &ix in &event.sources {
                let name = source_name(s, ix);
                if !names.contains(&name) {
                    names.push(name);
                }
            }
            let f = figure(s, metric);
            vec![ObservationRow {
                date: event.date_label(),
                display: f.display,
                qualifier: Qualifier::Exact,
                source: if names.is_empty() {
                    "no source".into()
                } else {
                    names.join(", ")
                },
                latest: true,
                disputed: false,
            }]
        }
    }
}

/// A source's short name for a card or a list: its publisher, else its
/// title, else its id. Sanitized to one line.
pub fn source_name(s: &Situation, ix: SourceIx) -> String {
    let Some(source) = s.sources.get(ix.get()) else {
        return "unknown source".into();
    };
    let name = source
        .publisher
        .as_deref()
        .filter(|p| !p.trim().is_empty())
        .or(Some(source.title.as_str()).filter(|t| !t.trim().is_empty()))
        .unwrap_or(&source.id);
    clean_line(name.trim()).into_owned()
}

/// The qualifier in words, for a detail view: "about", "more than", "exact".
pub fn qualifier_words(q: Qualifier) -> &'static str {
    match q {
        Qualifier::Exact => "exact",
        Qualifier::About => "about",
        Qualifier::MoreThan => "more than",
        Qualifier::LessThan => "less than",
        Qualifier::AtLeast => "at least",
        Qualifier::AtMost => "at most",
    }
}

/// Days from the event to `as_of` (`since`) or from `as_of` to the event
/// (`until`), over every day the event's date may stand for: a fuzzy date
/// ("late 2024-02", "2024-08", "2010") gives a range.
pub fn day_count(as_of: NaiveDate, date: FuzzyDate, since: bool) -> DayCount {
    let to_start = (date.start() - as_of).num_days();
    let to_end = (date.end() - as_of).num_days();
    let (min, max) = if since {
        (-to_end, -to_start)
    } else {
        (to_start, to_end)
    };
    DayCount {
        min,
        max,
        upcoming: !since && to_start > 0,
        since,
    }
}

/// "13 days", "1 day", "36–46 days", "~88 days", "1,204 days"; "5 days ago"
/// for a deadline that has passed, "in 10 days" for an event still to come,
/// and "≤5 days" when the event may lie on either side of `as_of`.
pub fn format_days(days: DayCount, approximate: bool) -> String {
    let tilde = if approximate { "~" } else { "" };
    let span = |low: i64, high: i64| {
        let unit = if low == high && high == 1 {
            "day"
        } else {
            "days"
        };
        if low == high {
            format!("{tilde}{} {unit}", group_thousands(low as f64, 0))
        } else {
            format!(
                "{tilde}{}–{} {unit}",
                group_thousands(low as f64, 0),
                group_thousands(high as f64, 0)
            )
        }
    };
    if days.min >= 0 {
        span(days.min, days.max)
    } else if days.max < 0 {
        // The other side of `as_of`: count the days the other way round.
        let text = span(-days.max, -days.min);
        if days.since {
            format!("in {text}")
        } else {
            format!("{text} ago")
        }
    } else if days.max == 0 {
        // From some days back up to today: at most today.
        span(0, 0)
    } else {
        format!("≤{}", span(days.max, days.max))
    }
}

/// How far before `as_of` a date lies, no more precise than the date:
/// "on the as-of date", "1 day before the as-of date", "21–51 days before
/// the as-of date" for a month, "~16 days before ..." for an approximate day
/// ("about the as-of date" on it),
/// "3 days after ..." for a later date, and "a span that includes the as-of
/// date" when it may lie on either side.
pub fn age_words(date: FuzzyDate, as_of: NaiveDate) -> String {
    // Counted `since` the date: min from its last day, max from its first.
    let DayCount { min, max, .. } = day_count(as_of, date, true);
    let tilde = if date.is_approximate() { "~" } else { "" };
    let days = |low: i64, high: i64| {
        if low == high {
            let unit = if low == 1 { "day" } else { "days" };
            format!("{tilde}{} {unit}", group_thousands(low as f64, 0))
        } else {
            format!(
                "{tilde}{}–{} days",
                group_thousands(low as f64, 0),
                group_thousands(high as f64, 0)
            )
        }
    };
    if min == 0 && max == 0 {
        if tilde.is_empty() {
            "on the as-of date".into()
        } else {
            "about the as-of date".into()
        }
    } else if min >= 0 {
        format!("{} before the as-of date", days(min, max))
    } else if max <= 0 {
        format!("{} after the as-of date", days(-max, -min))
    } else {
        "a span that includes the as-of date".into()
    }
}

/// Observations sorted by date, undated first, ties in file order. The loader
/// already sorts them; sorting again keeps figures right for any `Situation`.
fn in_date_order(points: &[Observation]) -> Vec<&Observation> {
    let mut sorted: Vec<&Observation> = points.iter().collect();
    sorted.sort_by_key(|o| o.date);
    sorted
}

/// Runs of observations covering the same span of days ("2024-08" and
/// "~2024-08" are the same date; "2024-08" and "2024-08-31" are not).
fn date_groups<'a>(sorted: &[&'a Observation]) -> Vec<Vec<&'a Observation>> {
    let mut groups: Vec<Vec<&Observation>> = Vec::new();
    for &o in sorted {
        match groups.last_mut() {
            Some(group) if same_date(group[0], o) => group.push(o),
            _ => groups.push(vec![o]),
        }
    }
    groups
}

fn same_date(a: &Observation, b: &Observation) -> bool {
    match (a.date, b.date) {
        (Some(a), Some(b)) => a.start() == b.start() && a.end() == b.end(),
        (None, None) => true,
        _ => false,
    }
}

/// Two observations from different sources (no source counts as one) give
/// different numbers.
fn is_disputed(group: &[&Observation]) -> bool {
    group.iter().enumerate().any(|(i, a)| {
        group[i + 1..]
            .iter()
            .any(|b| a.source != b.source && a.value.value != b.value.value)
    })
}

fn distinct_sources(group: &[&Observation]) -> usize {
    let mut seen: Vec<Option<SourceIx>> = Vec::new();
    for o in group {
        if !seen.contains(&o.source) {
            seen.push(o.source);
        }
    }
    seen.len()
}

/// The value a date stands for: the last one in file order (a later line
/// revises an earlier one of the same source), or the mean of a disputed
/// date, which only feeds sparklines and the change from it.
fn group_value(group: &[&Observation]) -> f64 {
    if is_disputed(group) {
        group.iter().map(|o| o.value.value).sum::<f64>() / group.len() as f64
    } else {
        group.last().map_or(0.0, |o| o.value.value)
    }
}

fn observed(
    as_of: NaiveDate,
    metric: &Metric,
    points: &[Observation],
    staleness: Staleness,
) -> Figure {
    let percent = is_percent(metric.unit.as_deref());
    let unit = metric
        .unit
        .as_deref()
        .filter(|u| !percent && !u.trim().is_empty())
        .map(|u| clean_line(u.trim()).into_owned());
    let sorted = in_date_order(points);
    let groups = date_groups(&sorted);
    let Some(latest_group) = groups.last() else {
        // The loader refuses a metric without observations; show it honestly
        // rather than fail if one is built by hand.
        return Figure {
            display: "no data".into(),
            value: "no data".into(),
            compact: "no data".into(),
            unit,
            date: None,
            age_days: None,
            stale: false,
            disputed: false,
            sources_on_latest: 0,
            trend: None,
            progress: None,
            days: None,
            source: None,
            event: None,
            event_title: None,
        };
    };
    // Groups are never empty.
    let latest = latest_group[latest_group.len() - 1];
    let disputed = is_disputed(latest_group);
    let by_value = |a: &&&Observation, b: &&&Observation| a.value.value.total_cmp(&b.value.value);
    let low = latest_group.iter().min_by(by_value).unwrap_or(&latest);
    let high = latest_group.iter().max_by(by_value).unwrap_or(&latest);

    let (value, compact) = if disputed {
        let qualified = latest_group.iter().any(|o| o.qualifier != Qualifier::Exact);
        (
            format_range(low.value, high.value, qualified, percent, false),
            format_range(low.value, high.value, qualified, percent, true),
        )
    } else {
        (
            format_value(latest.value, latest.qualifier, percent),
            format_compact(latest.value, latest.qualifier, percent),
        )
    };

    let progress = metric.target.map(|target| {
        let (shown_low, shown_high) = if disputed {
            (low.value.value, high.value.value)
        } else {
            (latest.value.value, latest.value.value)
        };
        progress(shown_low, shown_high, target, percent)
    });
    let display = match &progress {
        Some(p) if percent => format!("{value} ({})", p.text),
        Some(p) => format!("{value} {}", p.text),
        None => value.clone(),
    };

    let age_days = latest.date.map(|d| (as_of - d.end()).num_days());
    let dated: Vec<&Vec<&Observation>> = groups.iter().filter(|g| g[0].date.is_some()).collect();
    let trend = match dated.as_slice() {
        [.., previous, last] if !disputed => {
            let values = dated.iter().map(|g| group_value(g)).collect();
            // `previous` is dated: `dated` holds only dated groups.
            previous[0].date.map(|since| {
                let decimals = previous
                    .iter()
                    .chain(last.iter())
                    .map(|o| o.value.decimals)
                    .max()
                    .unwrap_or(0);
                trend(
                    values,
                    group_value(previous),
                    group_value(last),
                    decimals,
                    percent,
                    since,
                    as_of,
                )
            })
        }
        _ => None,
    };
    Figure {
        display,
        value,
        compact,
        unit,
        date: latest.date,
        age_days,
        stale: age_days.is_some_and(|d| d > staleness.after_days),
        disputed,
        sources_on_latest: distinct_sources(latest_group),
        trend,
        progress,
        days: None,
        source: latest.source,
        event: None,
        event_title: None,
    }
}

fn progress(low: f64, high: f64, target: Number, percent: bool) -> Progress {
    let gauge = target.value > 0.0;
    let ratio = |v: f64| {
        if gauge {
            (v / target.value).clamp(0.0, 1.0)
        } else {
            0.0
        }
    };
    let target_display = format_value(target, Qualifier::Exact, percent);
    let text = if percent {
        format!("target {target_display}")
    } else {
        format!("of {target_display}")
    };
    let share = (gauge && !percent).then(|| {
        let of = |v: f64| group_thousands((v / target.value * 100.0).max(0.0), 0);
        let (low_share, high_share) = (of(low), of(high));
        if low_share == high_share {
            format!("{low_share}%")
        } else {
            format!("{low_share}–{high_share}%")
        }
    });
    Progress {
        value: low,
        target: target.value,
        ratio: ratio(low),
        ratio_high: ratio(high),
        gauge,
        target_display,
        text,
        share,
    }
}

/// The change from `old` to `new`: points for percentages, percent for other
/// numbers, a plain difference when `old` is 0.
fn trend(
    values: Vec<f64>,
    old: f64,
    new: f64,
    decimals: u8,
    percent: bool,
    since: FuzzyDate,
    as_of: NaiveDate,
) -> Trend {
    let direction = if new > old {
        Direction::Up
    } else if new < old {
        Direction::Down
    } else {
        Direction::Flat
    };
    let delta = if direction == Direction::Flat {
        "unchanged".to_string()
    } else if percent {
        // A change of a percentage is told in points, not in percent of itself.
        let diff = new - old;
        let unit = if group_thousands(diff.abs(), decimals) == "1" {
            "pt"
        } else {
            "pts"
        };
        format!("{} {unit}", signed(diff, decimals))
    } else if old != 0.0 {
        relative_change(old, new)
    } else {
        signed(new - old, decimals)
    };
    Trend {
        values,
        change: format!("{delta} since {}", date_near(since, as_of)),
        rising: direction == Direction::Up,
        direction,
        delta,
        since,
    }
}

/// A date without its year when the year is `as_of`'s ("8 Apr"), in full
/// otherwise ("Aug 2023"); a year stays a year.
pub fn date_near(date: FuzzyDate, as_of: NaiveDate) -> String {
    let same_year = date.start().year() == as_of.year() && date.end().year() == as_of.year();
    if same_year && date.precision() != Precision::Year {
        date.display_short()
    } else {
        date.to_string()
    }
}

/// "+5", "-1,200", "±0" (only when it rounds to zero at these decimals).
fn signed(value: f64, decimals: u8) -> String {
    let text = group_thousands(value.abs(), decimals);
    if text.trim_start_matches(['0', '.', ',']).is_empty() {
        format!("±{text}")
    } else if value > 0.0 {
        format!("+{text}")
    } else {
        format!("-{text}")
    }
}

/// Beyond this many percent a change reads better as a multiple.
const PERCENT_AT_MOST: f64 = 10_000.0;

/// The change from `old` (not 0) to `new` in percent ("+52%"); beyond
/// ±10,000% as a multiple ("350×", "over 1,000,000×"), or, where the sign
/// turned, as "over +10,000%": never a 290-digit percentage.
fn relative_change(old: f64, new: f64) -> String {
    let pct = (new - old) / old.abs() * 100.0;
    if pct.abs() <= PERCENT_AT_MOST {
        return format!("{}%", signed_percent(pct));
    }
    let ratio = new / old;
    if ratio > 0.0 && ratio < 1e6 {
        format!("{}×", group_thousands(ratio, 0))
    } else if ratio > 0.0 {
        "over 1,000,000×".to_string()
    } else {
        let sign = if pct > 0.0 { "+" } else { "-" };
        format!("over {sign}10,000%")
    }
}

/// A relative change in percent, with as many decimals as a small change
/// needs to stay visible: "+52", "-0.3", "+<0.1" (never "+0" for a change).
fn signed_percent(pct: f64) -> String {
    let sign = if pct > 0.0 { "+" } else { "-" };
    let size = pct.abs();
    if size >= 0.95 {
        format!("{sign}{}", group_thousands(size, 0))
    } else if size >= 0.05 {
        format!("{sign}{}", group_thousands(size, 1))
    } else {
        format!("{sign}<0.1")
    }
}

/// `%` and `percent` units render as a percentage.
pub fn is_percent(unit: Option<&str>) -> bool {
    unit.is_some_and(|u| {
        let u = u.trim();
        u == "%" || u.eq_ignore_ascii_case("percent")
    })
}

/// A reported number with its qualifier: "578,000+", "~80%", "<25%", "≥35%".
pub fn format_value(n: Number, qualifier: Qualifier, percent: bool) -> String {
    qualify(number_text::number(n), qualifier, percent)
}

/// As [`format_value`], shortened to three significant digits with K, M, B
/// or T from 1,000 up: "578K+", "~1.23B", "45M". Percentages are never
/// shortened. For narrow places only: the full form is the reported figure.
pub fn format_compact(n: Number, qualifier: Qualifier, percent: bool) -> String {
    let number = if percent {
        number_text::number(n)
    } else {
        compact_number(n)
    };
    qualify(number, qualifier, percent)
}

fn qualify(number: String, qualifier: Qualifier, percent: bool) -> String {
    let number = if percent {
        format!("{number}%")
    } else {
        number
    };
    match qualifier {
        Qualifier::Exact => number,
        Qualifier::About => format!("~{number}"),
        // "578,000+" reads naturally; "35%+" does not, so percentages use ">".
        Qualifier::MoreThan if percent => format!(">{number}"),
        Qualifier::MoreThan => format!("{number}+"),
        Qualifier::LessThan => format!("<{number}"),
        Qualifier::AtLeast => format!("≥{number}"),
        Qualifier::AtMost => format!("≤{number}"),
    }
}

/// The range of a disputed date: "200–400", "20–25%", "~200–400" when any
/// of them was qualified, "-5 to 10" when an end is negative (a dash there
/// would read as a minus).
pub fn format_range(
    low: Number,
    high: Number,
    qualified: bool,
    percent: bool,
    compact: bool,
) -> String {
    let text = |n: Number| {
        if compact && !percent {
            compact_number(n)
        } else {
            number_text::number(n)
        }
    };
    let (low_text, high_text) = (text(low), text(high));
    let tilde = if qualified { "~" } else { "" };
    let pct = if percent { "%" } else { "" };
    if low.value < 0.0 || high.value < 0.0 {
        format!("{tilde}{low_text}{pct} to {high_text}{pct}")
    } else {
        format!("{tilde}{low_text}–{high_text}{pct}")
    }
}

fn compact_number(n: Number) -> String {
    const SCALES: [(f64, &str); 4] = [(1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K")];
    let size = n.value.abs();
    let Some(mut step) = SCALES.iter().position(|&(scale, _)| size >= scale) else {
        return number_text::number(n);
    };
    let sign = if n.value < 0.0 { "-" } else { "" };
    loop {
        let (scale, suffix) = SCALES[step];
        let x = size / scale;
        let decimals: u8 = if x >= 99.95 {
            0
        } else if x >= 9.995 {
            1
        } else {
            2
        };
        let text = format!("{:.*}", usize::from(decimals), round_half_up(x, decimals));
        // 999,999 rounds to "1000K": say "1M" instead.
        if text.starts_with("1000") && step > 0 {
            step -= 1;
            continue;
        }
        let text = if text.contains('.') {
            text.trim_end_matches('0').trim_end_matches('.')
        } else {
            &text
        };
        let text = match text.split_once('.') {
            Some((whole, fraction)) => format!(
                "{}.{fraction}",
                group_thousands(whole.parse().unwrap_or(0.0), 0)
            ),
            None => group_thousands(text.parse().unwrap_or(0.0), 0),
        };
        return format!("{sign}{text}{suffix}");
    }
}

/// 63250 -> "63,250"; decimals as written (18.5 with 1 -> "18.5"); see
/// [`number_text::group_float`].
pub fn group_thousands(value: f64, decimals: u8) -> String {
    number_text::group_float(value, decimals)
}

/// Rounds halves away from zero (20.5 -> 21), as people do; `format!`
/// alone rounds an exact half to even (20.5 -> "20").
fn round_half_up(value: f64, decimals: u8) -> f64 {
    let scale = 10f64.powi(i32::from(decimals));
    let scaled = value * scale;
    if scaled.is_finite() {
        scaled.round() / scale
    } else {
        value
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(value: f64, decimals: u8) -> Number {
        Number::float(value, decimals)
    }

    #[test]
    fn a_huge_change_reads_as_a_multiple_not_a_giant_percentage() {
        assert_eq!(relative_change(100.0, 152.0), "+52%");
        assert_eq!(relative_change(100.0, 10_100.0), "+10,000%");
        assert_eq!(relative_change(2.0, 700.0), "350×");
        assert_eq!(
            relative_change(9.223372036854776e18, 1e308),
            "over 1,000,000×"
        );
        assert_eq!(relative_change(-1.0, 500.0), "over +10,000%");
        assert_eq!(relative_change(1.0, -500.0), "over -10,000%");
        assert_eq!(relative_change(100.0, 40.0), "-60%");
    }

    #[test]
    fn groups_thousands_and_keeps_written_decimals() {
        assert_eq!(group_thousands(63250.0, 0), "63,250");
        assert_eq!(group_thousands(578000.0, 0), "578,000");
        assert_eq!(group_thousands(999.0, 0), "999");
        assert_eq!(group_thousands(1_000_000.0, 0), "1,000,000");
        assert_eq!(group_thousands(18.5, 1), "18.5");
        assert_eq!(group_thousands(18.5, 2), "18.50");
        assert_eq!(group_thousands(-1234.5, 1), "-1,234.5");
        assert_eq!(group_thousands(0.0, 0), "0");
    }

    #[test]
    fn puts_the_qualifier_in_the_number() {
        assert_eq!(
            format_value(n(578000.0, 0), Qualifier::MoreThan, false),
            "578,000+"
        );
        assert_eq!(format_value(n(80.0, 0), Qualifier::About, true), "~80%");
        assert_eq!(format_value(n(25.0, 0), Qualifier::LessThan, true), "<25%");
        assert_eq!(format_value(n(35.0, 0), Qualifier::AtLeast, true), "≥35%");
        assert_eq!(format_value(n(12.0, 0), Qualifier::AtMost, false), "≤12");
        assert_eq!(format_value(n(18.5, 1), Qualifier::Exact, true), "18.5%");
        assert_eq!(format_value(n(35.0, 0), Qualifier::MoreThan, true), ">35%");
    }

    #[test]
    fn counts_days_over_the_whole_fuzzy_span() {
        let as_of = NaiveDate::from_ymd_opt(2024, 9, 21).unwrap();
        let arrived: FuzzyDate = "2024-06-25".parse().unwrap();
        let days = day_count(as_of, arrived, true);
        assert_eq!(format_days(days, false), "88 days");
        let expiry: FuzzyDate = "early 2024-10".parse().unwrap();
        let days = day_count(as_of, expiry, false);
        assert_eq!(format_days(days, false), "10–19 days");
        assert!(days.upcoming);
        let tomorrow: FuzzyDate = "2024-09-22".parse().unwrap();
        assert_eq!(
            format_days(day_count(as_of, tomorrow, false), false),
            "1 day"
        );
    }

    #[test]
    fn counts_the_other_way_round_once_the_event_is_past_or_ahead() {
        let as_of = NaiveDate::from_ymd_opt(2024, 10, 7).unwrap();
        let expiry: FuzzyDate = "2024-10-02".parse().unwrap();
        let days = day_count(as_of, expiry, false);
        assert!(days.reversed() && !days.upcoming && !days.deadline_open());
        assert_eq!(format_days(days, false), "5 days ago");
        let vote: FuzzyDate = "2024-10-17".parse().unwrap();
        assert_eq!(
            format_days(day_count(as_of, vote, true), false),
            "in 10 days"
        );
        // Early October straddles 7 Oct: it may be past or up to 3 days ahead.
        let early: FuzzyDate = "early 2024-10".parse().unwrap();
        let days = day_count(as_of, early, false);
        assert!(days.unsure() && days.deadline_open());
        assert_eq!(format_days(days, false), "≤3 days");
    }

    #[test]
    fn groups_long_day_counts() {
        let as_of = NaiveDate::from_ymd_opt(2024, 9, 21).unwrap();
        let outbreak: FuzzyDate = "2010-10".parse().unwrap();
        assert_eq!(
            format_days(day_count(as_of, outbreak, true), false),
            "5,074–5,104 days"
        );
    }
}
