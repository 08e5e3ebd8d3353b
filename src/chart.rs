//! A key figure's observations as a chart's data: points on a dated x axis
//! (days of the common era), a value y axis, the target as a line. Pure
//! numbers, computed when a figure's detail is built; `ui::detail` draws
//! them with ratatui's `Chart`.
//!
//! Honest dates and values: an observation dated only to a month or a year
//! is a horizontal range over its days, with its point in the middle;
//! several values reported for the same date (a disputed figure) are a
//! vertical range from the lowest to the highest.

use chrono::{Datelike, NaiveDate};

use crate::figures::{format_compact, is_percent};
use crate::model::{FuzzyDate, Metric, MetricKind, Qualifier};

/// A day as the x axis counts it.
pub fn x_of(day: NaiveDate) -> f64 {
    f64::from(day.num_days_from_ce())
}

fn middle(date: FuzzyDate) -> f64 {
    (x_of(date.start()) + x_of(date.end())) / 2.0
}

/// The marker of a qualifier: what a point shows.
pub fn marker(q: Qualifier) -> char {
    match q {
        Qualifier::Exact => '●',
        Qualifier::About => '~',
        Qualifier::MoreThan => '>',
        Qualifier::LessThan => '<',
        Qualifier::AtLeast => '≥',
        Qualifier::AtMost => '≤',
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Series {
    /// Points by qualifier: the marker and where.
    pub points: Vec<(Qualifier, Vec<(f64, f64)>)>,
    /// Fuzzy dates: from the first to the last day, at the value.
    pub date_ranges: Vec<[(f64, f64); 2]>,
    /// Disputed dates: from the lowest to the highest value reported.
    pub disputes: Vec<[(f64, f64); 2]>,
    /// The target across the whole x axis.
    pub target: Option<[(f64, f64); 2]>,
    pub x_bounds: [f64; 2],
    pub y_bounds: [f64; 2],
    /// First, middle and last day, as dates.
    pub x_labels: Vec<String>,
    /// Lowest, middle and highest value, as the figure writes numbers.
    pub y_labels: Vec<String>,
}

/// The chart of a metric with two or more dated observations.
pub fn series(metric: &Metric) -> Option<Series> {
    let MetricKind::Observed(observations) = &metric.kind else {
        return None;
    };
    let dated: Vec<_> = observations
        .iter()
        .filter_map(|o| o.date.map(|d| (d, o)))
        .collect();
    if dated.len() < 2 {
        return None;
    }
    let mut out = Series::default();
    for (date, o) in &dated {
        let point = (middle(*date), o.value.value);
        match out.points.iter_mut().find(|(q, _)| *q == o.qualifier) {
            Some((_, points)) => points.push(point),
            None => out.points.push((o.qualifier, vec![point])),
        }
        if date.start() != date.end() {
            out.date_ranges.push([
                (x_of(date.start()), o.value.value),
                (x_of(date.end()), o.value.value),
            ]);
        }
    }
    // Values reported for the same date.
    let mut dates: Vec<FuzzyDate> = dated.iter().map(|(d, _)| *d).collect();
    dates.sort();
    dates.dedup();
    for date in dates {
        let values: Vec<f64> = dated
            .iter()
            .filter(|(d, _)| *d == date)
            .map(|(_, o)| o.value.value)
            .collect();
        let (lo, hi) = values
            .iter()
            .fold((f64::MAX, f64::MIN), |(lo, hi), &v| (lo.min(v), hi.max(v)));
        if values.len() > 1 && hi > lo {
            out.disputes.push([(middle(date), lo), (middle(date), hi)]);
        }
    }
    let first = dated.iter().map(|(d, _)| d.start()).min()?;
    let last = dated.iter().map(|(d, _)| d.end()).max()?;
    // A little room at both ends, so that no point sits on the y axis.
    let (first, last) = (x_of(first), x_of(last).max(x_of(first) + 1.0));
    let room = ((last - first) * 0.03).max(1.0);
    let (x0, x1) = (first - room, last + room);
    out.x_bounds = [x0, x1];
    let values = dated
        .iter()
        .map(|(_, o)| o.value.value)
        .chain(metric.target.map(|t| t.value));
    let (lo, hi) = values.fold((f64::MAX, f64::MIN), |(lo, hi), v| (lo.min(v), hi.max(v)));
    // A little room below and above, and never a flat axis.
    let pad = ((hi - lo) * 0.1).max(hi.abs() * 0.05).max(1.0);
    // Counts stay above zero.
    let y0 = if lo >= 0.0 {
        (lo - pad).max(0.0)
    } else {
        lo - pad
    };
    let y1 = hi + pad;
    out.y_bounds = [y0, y1];
    out.target = metric.target.map(|t| [(x0, t.value), (x1, t.value)]);
    let day = |x: f64| {
        NaiveDate::from_num_days_from_ce_opt(x.round() as i32)
            .map(|d| FuzzyDate::day(d).to_string())
            .unwrap_or_default()
    };
    out.x_labels = vec![day(x0), day((x0 + x1) / 2.0), day(x1)];
    let percent = is_percent(metric.unit.as_deref());
    let number = |v: f64| {
        let decimals = if (y1 - y0) < 10.0 { 1 } else { 0 };
        format_compact(
            crate::model::Number::float(v, decimals),
            Qualifier::Exact,
            percent,
        )
    };
    out.y_labels = vec![number(y0), number((y0 + y1) / 2.0), number(y1)];
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::load_str;

    const FILE: &str = r#"
[situation]
title = "T"
as_of = 2024-09-21

[[sources]]
id = "a"
title = "A"

[[metrics]]
id = "people"
label = "People"
unit = "people"
target = 2500
points = [
  { date = "2024-06", value = 400, qualifier = "about", source = "a" },
  { date = 2024-08-01, value = 380, source = "a" },
  { date = 2024-09-21, value = 420, source = "a" },
  { date = 2024-09-21, value = 500, qualifier = "at-least", source = "a" },
]

[[metrics]]
id = "once"
label = "Once"
points = [{ date = 2024-09-21, value = 1, source = "a" }]
"#;

    #[test]
    fn observations_become_points_ranges_and_a_target() {
        let s = load_str(FILE).situation.expect("loads");
        let chart = series(&s.metrics[0]).expect("four dated observations");
        let june = (x_of(NaiveDate::from_ymd_opt(2024, 6, 1).unwrap()), 0.0);
        let sep21 = x_of(NaiveDate::from_ymd_opt(2024, 9, 21).unwrap());
        // By qualifier, in file order: about, exact, at least.
        let qualifiers: Vec<Qualifier> = chart.points.iter().map(|(q, _)| *q).collect();
        assert_eq!(
            qualifiers,
            [Qualifier::About, Qualifier::Exact, Qualifier::AtLeast]
        );
        // June is a range over its 30 days, its point in the middle.
        assert_eq!(
            chart.date_ranges,
            [[(june.0, 400.0), (june.0 + 29.0, 400.0)]]
        );
        assert_eq!(chart.points[0].1, [(june.0 + 14.5, 400.0)]);
        // Two values on 21 September: a dispute from 420 to 500.
        assert_eq!(chart.disputes, [[(sep21, 420.0), (sep21, 500.0)]]);
        // 112 days, and three hundredths of that on either side.
        let room = (sep21 - june.0) * 0.03;
        assert_eq!(chart.x_bounds, [june.0 - room, sep21 + room]);
        let [x0, x1] = chart.x_bounds;
        assert_eq!(chart.target, Some([(x0, 2500.0), (x1, 2500.0)]));
        assert!(chart.y_bounds[0] <= 380.0 && chart.y_bounds[1] >= 2500.0);
        assert_eq!(chart.x_labels[0], "29 May 2024");
        assert_eq!(chart.x_labels[2], "24 Sep 2024");
        assert_eq!(marker(Qualifier::AtLeast), '≥');
    }

    #[test]
    fn one_observation_is_no_chart() {
        let s = load_str(FILE).situation.expect("loads");
        assert_eq!(series(&s.metrics[1]), None);
    }
}
