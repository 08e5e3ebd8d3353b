//! Key figures as people read them: "578,000+", "~80%", "<90 of 400",
//! "36–46 days". One place formats every figure, so the dashboard's cards
//! and the `summary` briefings always agree.

use chrono::NaiveDate;

use crate::model::{
    FuzzyDate, Metric, MetricKind, Number, Observation, Qualifier, Situation, SourceIx,
};

/// An observation older than this, counted from `as_of`, is flagged as stale.
pub const STALE_AFTER_DAYS: i64 = 60;

/// One metric, ready to show.
#[derive(Clone, Debug, PartialEq)]
pub struct Figure {
    /// The figure as reported: "578,000+", "~80%", "<90 of 400", "13 days".
    pub display: String,
    /// The unit to print beside `display`; `None` for percentages and day
    /// counts, whose unit is already in `display`.
    pub unit: Option<String>,
    /// Date of the latest observation, honest about precision ("Aug 2024").
    pub date: Option<FuzzyDate>,
    /// Whole days from the latest observation's last possible day to `as_of`.
    pub age_days: Option<i64>,
    /// Older than [`STALE_AFTER_DAYS`].
    pub stale: bool,
    /// Several sources disagree on the latest date; `display` is their range.
    pub disputed: bool,
    pub trend: Option<Trend>,
    pub progress: Option<Progress>,
    pub days: Option<DayCount>,
    /// Source of the latest observation (for a day count, none: the event has them).
    pub source: Option<SourceIx>,
}

/// Change over time, for metrics with two or more dated points.
#[derive(Clone, Debug, PartialEq)]
pub struct Trend {
    /// Every observed value in date order, for a sparkline.
    pub values: Vec<f64>,
    /// "+52% since 8 Apr 2024".
    pub change: String,
    pub rising: bool,
}

/// Progress toward a `target`.
#[derive(Clone, Debug, PartialEq)]
pub struct Progress {
    pub value: f64,
    pub target: f64,
    /// value / target, clamped to 0..=1 for gauges.
    pub ratio: f64,
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

/// Formats a metric of the situation.
pub fn figure(s: &Situation, metric: &Metric) -> Figure {
    match &metric.kind {
        MetricKind::Observed(points) => observed(s.as_of, metric, points),
        MetricKind::Since(e) | MetricKind::Until(e) => {
            let date = s.events[*e].date;
            let since = matches!(metric.kind, MetricKind::Since(_));
            let days = day_count(s.as_of, date, since);
            Figure {
                display: format_days(days, date.is_approximate()),
                unit: None,
                date: Some(date),
                age_days: None,
                stale: false,
                disputed: false,
                trend: None,
                progress: None,
                days: Some(days),
                source: None,
            }
        }
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

fn observed(as_of: NaiveDate, metric: &Metric, points: &[Observation]) -> Figure {
    let percent = is_percent(metric.unit.as_deref());
    // The loader guarantees at least one observation.
    let latest = points
        .last()
        .expect("an observed metric has at least one point");
    let same_date: Vec<&Observation> = points
        .iter()
        .rev()
        .take_while(|o| o.date == latest.date)
        .collect();
    let disputed = latest.date.is_some()
        && same_date
            .iter()
            .any(|o| o.value.value != latest.value.value)
        && same_date.iter().any(|o| o.source != latest.source);

    let mut display = if disputed {
        let low = same_date
            .iter()
            .map(|o| o.value)
            .min_by(|a, b| a.value.total_cmp(&b.value));
        let high = same_date
            .iter()
            .map(|o| o.value)
            .max_by(|a, b| a.value.total_cmp(&b.value));
        match (low, high) {
            (Some(low), Some(high)) => format!(
                "{}–{}",
                format_value(low, Qualifier::Exact, percent),
                format_value(high, Qualifier::Exact, percent)
            ),
            _ => format_value(latest.value, latest.qualifier, percent),
        }
    } else {
        format_value(latest.value, latest.qualifier, percent)
    };
    let progress = metric.target.map(|target| {
        display = format!(
            "{display} of {}",
            format_value(target, Qualifier::Exact, percent)
        );
        Progress {
            value: latest.value.value,
            target: target.value,
            ratio: if target.value > 0.0 {
                (latest.value.value / target.value).clamp(0.0, 1.0)
            } else {
                0.0
            },
        }
    });
    let age_days = latest.date.map(|d| (as_of - d.end()).num_days());
    let dated: Vec<&Observation> = points.iter().filter(|o| o.date.is_some()).collect();
    let trend = (dated.len() >= 2 && !disputed).then(|| {
        let previous = dated[dated.len() - 2];
        trend(
            dated.iter().map(|o| o.value.value).collect(),
            previous,
            latest,
            percent,
        )
    });
    Figure {
        display,
        unit: metric.unit.clone().filter(|_| !percent),
        date: latest.date,
        age_days,
        stale: age_days.is_some_and(|d| d > STALE_AFTER_DAYS),
        disputed,
        trend,
        progress,
        days: None,
        source: latest.source,
    }
}

fn trend(values: Vec<f64>, previous: &Observation, latest: &Observation, percent: bool) -> Trend {
    let (old, new) = (previous.value.value, latest.value.value);
    let since = previous.date.map(|d| d.to_string()).unwrap_or_default();
    let change = if percent {
        // A change of a percentage is told in points, not in percent of itself.
        let decimals = previous.value.decimals.max(latest.value.decimals);
        format!("{} pts since {since}", signed(new - old, decimals))
    } else if old != 0.0 {
        format!(
            "{}% since {since}",
            signed((new - old) / old.abs() * 100.0, 0)
        )
    } else {
        let decimals = latest.value.decimals;
        format!("{} since {since}", signed(new - old, decimals))
    };
    Trend {
        values,
        change,
        rising: new > old,
    }
}

fn signed(value: f64, decimals: u8) -> String {
    let text = group_thousands(value.abs(), decimals);
    if text.trim_start_matches(['0', '.', ',']).is_empty() {
        format!("±{text}")
    } else if value > 0.0 {
        format!("+{text}")
    } else {
        format!("−{text}")
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
    let number = group_thousands(n.value, n.decimals);
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

/// 63250 -> "63,250"; decimals as written (18.5 with 1 -> "18.5").
pub fn group_thousands(value: f64, decimals: u8) -> String {
    let text = format!("{:.*}", usize::from(decimals), value.abs());
    let (whole, fraction) = match text.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (text.as_str(), None),
    };
    let mut out = String::with_capacity(text.len() + whole.len() / 3 + 1);
    if value < 0.0 && text.bytes().any(|b| b.is_ascii_digit() && b != b'0') {
        out.push('-');
    }
    for (i, digit) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(digit);
    }
    if let Some(fraction) = fraction {
        out.push('.');
        out.push_str(fraction);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(value: f64, decimals: u8) -> Number {
        Number { value, decimals }
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
