//! The one formatting module: every qualifier, unit, decimal and range case,
//! day counts across month ends, leap years and every fuzzy precision, and
//! figures built from whole situation files.

use chrono::NaiveDate;

use sitrep::figures::{
    self, DayCount, Direction, Figure, age_words, day_count, format_compact, format_days,
    format_range, format_value, group_thousands, is_percent,
};
use sitrep::load::load_str;
use sitrep::model::{
    FuzzyDate, Metric, MetricKind, Number, Observation, Qualifier, Situation, SourceIx,
};

fn n(value: f64, decimals: u8) -> Number {
    Number::float(value, decimals)
}

fn date(text: &str) -> FuzzyDate {
    text.parse().expect("a valid fuzzy date")
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a valid day")
}

fn load(text: &str) -> Situation {
    let report = load_str(text);
    let errors: Vec<_> = report.errors().map(|d| d.message.clone()).collect();
    report
        .situation
        .unwrap_or_else(|| panic!("fixture does not load: {errors:?}"))
}

fn fixture() -> Situation {
    load(include_str!("fixtures/good/figures-cases.toml"))
}

fn metric<'a>(s: &'a Situation, id: &str) -> &'a Metric {
    s.metrics
        .iter()
        .find(|m| m.id == id)
        .unwrap_or_else(|| panic!("no metric {id}"))
}

fn fig(s: &Situation, id: &str) -> Figure {
    figures::figure(s, metric(s, id))
}

/// A situation on 2024-09-21 with two sources and the given metrics.
fn with_metrics(metrics: &str) -> Situation {
    load(&format!(
        r#"
[situation]
title = "t"
as_of = 2024-09-21

[[sources]]
id = "ap"
title = "AP report"
publisher = "Associated Press"

[[sources]]
id = "reuters"
title = "Reuters report"

{metrics}
"#
    ))
}

// --- numbers -----------------------------------------------------------------

#[test]
fn every_qualifier_goes_into_a_count() {
    let cases = [
        (Qualifier::Exact, "63,250"),
        (Qualifier::About, "~63,250"),
        (Qualifier::MoreThan, "63,250+"),
        (Qualifier::LessThan, "<63,250"),
        (Qualifier::AtLeast, "≥63,250"),
        (Qualifier::AtMost, "≤63,250"),
    ];
    for (q, want) in cases {
        assert_eq!(format_value(n(63250.0, 0), q, false), want, "{q:?}");
    }
}

#[test]
fn every_qualifier_goes_into_a_percentage() {
    let cases = [
        (Qualifier::Exact, "35%"),
        (Qualifier::About, "~35%"),
        // "35%+" does not read; a percentage says more-than with ">".
        (Qualifier::MoreThan, ">35%"),
        (Qualifier::LessThan, "<35%"),
        (Qualifier::AtLeast, "≥35%"),
        (Qualifier::AtMost, "≤35%"),
    ];
    for (q, want) in cases {
        assert_eq!(format_value(n(35.0, 0), q, true), want, "{q:?}");
    }
}

#[test]
fn percent_units() {
    assert!(is_percent(Some("%")));
    assert!(is_percent(Some("percent")));
    assert!(is_percent(Some(" Percent ")));
    assert!(!is_percent(Some("pct")));
    assert!(!is_percent(Some("percentage points")));
    assert!(!is_percent(Some("people")));
    assert!(!is_percent(None));
}

#[test]
fn decimals_stay_as_written() {
    assert_eq!(format_value(n(18.5, 1), Qualifier::Exact, true), "18.5%");
    assert_eq!(format_value(n(18.5, 2), Qualifier::Exact, true), "18.50%");
    assert_eq!(format_value(n(0.25, 2), Qualifier::About, false), "~0.25");
    assert_eq!(
        format_value(n(1234.5, 1), Qualifier::Exact, false),
        "1,234.5"
    );
    assert_eq!(format_value(n(30.0, 1), Qualifier::Exact, true), "30.0%");
    assert_eq!(group_thousands(999.0, 0), "999");
    assert_eq!(group_thousands(1000.0, 0), "1,000");
    assert_eq!(group_thousands(1e9, 0), "1,000,000,000");
    // Halves round away from zero, as people round.
    assert_eq!(group_thousands(20.5, 0), "21");
    assert_eq!(group_thousands(0.125, 2), "0.13");
}

#[test]
fn negative_numbers_and_zero() {
    assert_eq!(
        format_value(n(-1234.0, 0), Qualifier::Exact, false),
        "-1,234"
    );
    assert_eq!(format_value(n(-3.5, 1), Qualifier::Exact, true), "-3.5%");
    assert_eq!(format_value(n(-5.0, 0), Qualifier::About, false), "~-5");
    assert_eq!(format_value(n(0.0, 0), Qualifier::Exact, false), "0");
    // A negative number that rounds to zero at its decimals has no sign.
    assert_eq!(group_thousands(-0.004, 2), "0.00");
}

#[test]
fn compact_form_for_narrow_places() {
    let compact = |v: f64| format_compact(n(v, 0), Qualifier::Exact, false);
    assert_eq!(compact(999.0), "999");
    assert_eq!(compact(1234.0), "1.23K");
    assert_eq!(compact(63250.0), "63.3K");
    assert_eq!(compact(578_074.0), "578K");
    assert_eq!(compact(999_999.0), "1M");
    assert_eq!(compact(45_000_000.0), "45M");
    assert_eq!(compact(1_200_000_000.0), "1.2B");
    assert_eq!(compact(1_234_567_890.0), "1.23B");
    assert_eq!(compact(-2_500_000.0), "-2.5M");
    assert_eq!(compact(3e12), "3T");
    assert_eq!(compact(1e15), "1,000T");
    assert_eq!(
        format_compact(n(578000.0, 0), Qualifier::MoreThan, false),
        "578K+"
    );
    assert_eq!(
        format_compact(n(700000.0, 0), Qualifier::About, false),
        "~700K"
    );
    // Small numbers keep their decimals; percentages are never shortened.
    assert_eq!(format_compact(n(12.5, 1), Qualifier::Exact, false), "12.5");
    assert_eq!(
        format_compact(n(1234.5, 1), Qualifier::Exact, true),
        "1,234.5%"
    );
}

#[test]
fn ranges() {
    assert_eq!(
        format_range(n(200.0, 0), n(400.0, 0), false, false, false),
        "200–400"
    );
    assert_eq!(
        format_range(n(200.0, 0), n(400.0, 0), true, false, false),
        "~200–400"
    );
    assert_eq!(
        format_range(n(20.0, 0), n(25.5, 1), false, true, false),
        "20–25.5%"
    );
    assert_eq!(
        format_range(n(-5.0, 0), n(10.0, 0), false, false, false),
        "-5 to 10"
    );
    assert_eq!(
        format_range(n(-5.0, 0), n(10.0, 0), false, true, false),
        "-5% to 10%"
    );
    assert_eq!(
        format_range(n(200_000.0, 0), n(1_250_000.0, 0), false, false, true),
        "200K–1.25M"
    );
    assert_eq!(
        format_range(n(200_000.0, 0), n(1_250_000.0, 0), false, false, false),
        "200,000–1,250,000"
    );
}

#[test]
fn decimals_survive_the_loader() {
    let s = with_metrics(
        r#"
[[metrics]]
id = "m"
label = "m"
unit = "%"
value = 18.50
date = 2024-09-20
source = "ap"
"#,
    );
    assert_eq!(fig(&s, "m").display, "18.50%");
}

// --- day counts ----------------------------------------------------------------

fn since(as_of: NaiveDate, event: &str) -> String {
    let event = date(event);
    format_days(day_count(as_of, event, true), event.is_approximate())
}

fn until(as_of: NaiveDate, event: &str) -> String {
    let event = date(event);
    format_days(day_count(as_of, event, false), event.is_approximate())
}

#[test]
fn whole_days_singular_and_plural() {
    let as_of = day(2024, 9, 21);
    assert_eq!(since(as_of, "2024-09-08"), "13 days");
    assert_eq!(since(as_of, "2024-09-20"), "1 day");
    assert_eq!(since(as_of, "2024-09-21"), "0 days");
    assert_eq!(until(as_of, "2024-09-22"), "1 day");
    assert_eq!(until(as_of, "2024-10-02"), "11 days");
}

#[test]
fn days_across_month_and_year_ends() {
    assert_eq!(since(day(2024, 2, 1), "2024-01-31"), "1 day");
    assert_eq!(since(day(2024, 5, 1), "2024-04-30"), "1 day");
    assert_eq!(since(day(2024, 1, 1), "2023-12-31"), "1 day");
    assert_eq!(until(day(2023, 12, 31), "2024-01-01"), "1 day");
    assert_eq!(since(day(2024, 3, 1), "2024-01-31"), "30 days");
    assert_eq!(until(day(2024, 11, 30), "2025-01-31"), "62 days");
}

#[test]
fn days_across_leap_years() {
    // February 2024 has 29 days, February 2023 has 28.
    assert_eq!(since(day(2024, 3, 1), "2024-02-28"), "2 days");
    assert_eq!(since(day(2023, 3, 1), "2023-02-28"), "1 day");
    assert_eq!(since(day(2024, 3, 1), "2024-01-31"), "30 days");
    assert_eq!(since(day(2023, 3, 1), "2023-01-31"), "29 days");
    assert_eq!(since(day(2025, 2, 28), "2024-02-29"), "365 days");
    assert_eq!(since(day(2025, 3, 1), "2024-02-29"), "366 days");
    assert_eq!(since(day(2024, 12, 31), "2024-01-01"), "365 days");
    assert_eq!(since(day(2023, 12, 31), "2023-01-01"), "364 days");
    assert_eq!(until(day(2024, 2, 28), "2024-03-01"), "2 days");
}

#[test]
fn every_fuzzy_precision_gives_the_honest_range() {
    let as_of = day(2024, 9, 21);
    // Day: no range.
    assert_eq!(since(as_of, "2024-06-25"), "88 days");
    // Early month: days 1-10.
    assert_eq!(since(as_of, "early 2024-08"), "42–51 days");
    assert_eq!(until(as_of, "early 2024-10"), "10–19 days");
    // Mid month: days 11-20.
    assert_eq!(since(as_of, "mid 2024-08"), "32–41 days");
    assert_eq!(until(as_of, "mid 2024-10"), "20–29 days");
    // Late month: day 21 to the month's end, 31 days in July.
    assert_eq!(since(day(2024, 9, 5), "late 2024-07"), "36–46 days");
    // Late February, leap and common year.
    assert_eq!(since(day(2024, 3, 10), "late 2024-02"), "10–18 days");
    assert_eq!(since(day(2023, 3, 10), "late 2023-02"), "10–17 days");
    // Month.
    assert_eq!(since(as_of, "2024-07"), "52–82 days");
    assert_eq!(since(day(2024, 3, 31), "2024-02"), "31–59 days");
    assert_eq!(until(as_of, "2024-11"), "41–70 days");
    // Year.
    assert_eq!(since(as_of, "2023"), "265–629 days");
    assert_eq!(until(as_of, "2025"), "102–466 days");
    assert_eq!(since(as_of, "2010"), "5,013–5,377 days");
    // Approximate: the same span, marked.
    assert_eq!(since(as_of, "~2024-06-25"), "~88 days");
    assert_eq!(until(as_of, "~early 2024-10"), "~10–19 days");
    assert_eq!(since(as_of, "~2024-07"), "~52–82 days");
    assert_eq!(since(as_of, "~2023"), "~265–629 days");
}

#[test]
fn the_other_side_of_as_of() {
    let as_of = day(2024, 9, 21);
    // A deadline already past.
    let past = day_count(as_of, date("2024-09-16"), false);
    assert!(past.reversed() && !past.upcoming && !past.deadline_open());
    assert_eq!(format_days(past, false), "5 days ago");
    assert_eq!(until(as_of, "2024-09-20"), "1 day ago");
    assert_eq!(until(as_of, "early 2024-09"), "11–20 days ago");
    // `since` an event still to come.
    assert_eq!(since(as_of, "2024-10-01"), "in 10 days");
    assert_eq!(since(as_of, "2024-09-22"), "in 1 day");
    assert_eq!(since(as_of, "late 2024-10"), "in 30–40 days");
    // A span around `as_of`: it may be either side.
    let around = day_count(as_of, date("2024-09"), false);
    assert!(around.unsure() && around.deadline_open() && !around.upcoming);
    assert_eq!(format_days(around, false), "≤9 days");
    assert_eq!(since(as_of, "2024-09"), "≤20 days");
    assert_eq!(until(as_of, "~2024-09"), "≤~9 days");
    // A span ending today counts at most today.
    assert_eq!(until(as_of, "mid 2024-09"), "1–10 days ago");
    assert_eq!(until(day(2024, 9, 20), "mid 2024-09"), "0 days");
}

#[test]
fn deadlines_ahead_are_upcoming() {
    let as_of = day(2024, 9, 21);
    let ahead = day_count(as_of, date("2024-10-02"), false);
    assert_eq!(
        ahead,
        DayCount {
            min: 11,
            max: 11,
            upcoming: true,
            since: false
        }
    );
    assert!(ahead.deadline_open());
    let today = day_count(as_of, date("2024-09-21"), false);
    assert!(!today.upcoming && today.deadline_open());
    assert!(!day_count(as_of, date("2024-10-02"), true).deadline_open());
}

// --- figures from situation files ----------------------------------------------

#[test]
fn points_sort_by_date_and_the_latest_gives_the_figure() {
    let s = fixture();
    let f = fig(&s, "displaced");
    assert_eq!(f.display, "~700,000");
    assert_eq!(f.unit.as_deref(), Some("people"));
    assert_eq!(f.date_text(), "20 Sep 2024");
    assert_eq!(f.display_with_unit(), "~700,000 people");
    assert_eq!(f.compact, "~700K");
    let trend = f.trend.expect("three dates give a trend");
    assert_eq!(trend.values, vec![362551.0, 578000.0, 700000.0]);
    assert_eq!(trend.change, "+21% since Aug");
    assert_eq!(trend.delta, "+21%");
    assert_eq!(trend.direction, Direction::Up);
    assert!(trend.rising);
    assert_eq!(f.source, Some(SourceIx::new(0)));
    assert_eq!(f.age_days, Some(1));
    assert!(!f.stale && !f.disputed);
}

#[test]
fn the_model_order_does_not_matter_either() {
    // Built by hand, not by the loader: figures sort for themselves.
    let obs = |d: &str, v: f64| Observation {
        date: Some(date(d)),
        value: n(v, 0),
        qualifier: Qualifier::Exact,
        source: None,
    };
    let s = Situation {
        as_of: day(2024, 5, 20),
        metrics: vec![Metric {
            id: "m".into(),
            label: "m".into(),
            unit: None,
            actors: vec![],
            target: None,
            note: None,
            kind: MetricKind::Observed(vec![obs("2024-05-10", 152.0), obs("2024-04-08", 100.0)]),
        }],
        ..Situation::default()
    };
    let f = figures::figure(&s, &s.metrics[0]);
    assert_eq!(f.display, "152");
    assert_eq!(f.trend.unwrap().change, "+52% since 8 Apr");
}

#[test]
fn percentages_change_in_points() {
    let s = fixture();
    let f = fig(&s, "food-insecure");
    assert_eq!(f.display, "35.5%");
    assert_eq!(f.unit, None);
    assert_eq!(f.trend.unwrap().change, "+5.5 pts since 8 Apr");

    let s = with_metrics(
        r#"
[[metrics]]
id = "down-one"
label = "x"
unit = "%"
points = [
  { date = 2024-08-01, value = 35, source = "ap" },
  { date = 2024-09-01, value = 34, source = "ap" },
]
"#,
    );
    let t = fig(&s, "down-one").trend.unwrap();
    assert_eq!(t.change, "-1 pt since 1 Aug");
    assert_eq!(t.direction, Direction::Down);
    assert!(!t.rising);
}

fn two_points(unit: &str, old: &str, new: &str, old_date: &str) -> Situation {
    with_metrics(&format!(
        r#"
[[metrics]]
id = "m"
label = "x"
unit = "{unit}"
points = [
  {{ date = {old_date}, value = {old}, source = "ap" }},
  {{ date = 2024-09-01, value = {new}, source = "ap" }},
]
"#
    ))
}

#[test]
fn change_from_zero_is_a_difference() {
    let s = two_points("cases", "0", "5", "2024-08-01");
    assert_eq!(fig(&s, "m").trend.unwrap().change, "+5 since 1 Aug");
    let s = two_points("cases", "0", "0", "2024-08-01");
    let t = fig(&s, "m").trend.unwrap();
    assert_eq!(t.change, "unchanged since 1 Aug");
    assert_eq!(t.direction, Direction::Flat);
}

#[test]
fn change_in_percent_stays_visible_when_small() {
    let s = two_points("people", "578074", "578000", "2024-06-18");
    assert_eq!(fig(&s, "m").trend.unwrap().delta, "-<0.1%");
    let s = two_points("people", "1000", "1003", "2024-06-18");
    assert_eq!(fig(&s, "m").trend.unwrap().delta, "+0.3%");
    let s = two_points("people", "100", "1400", "2024-06-18");
    assert_eq!(fig(&s, "m").trend.unwrap().delta, "+1,300%");
    let s = two_points("people", "-200", "-100", "2024-06-18");
    assert_eq!(fig(&s, "m").trend.unwrap().delta, "+50%");
}

#[test]
fn change_since_an_earlier_year_says_the_year() {
    let s = two_points("people", "100", "90", "\"2023-08\"");
    assert_eq!(fig(&s, "m").trend.unwrap().change, "-10% since Aug 2023");
    let s = two_points("people", "100", "90", "\"2023\"");
    assert_eq!(fig(&s, "m").trend.unwrap().change, "-10% since 2023");
}

#[test]
fn unchanged_figures_say_so() {
    let s = two_points("%", "80", "80", "2024-06-25");
    let t = fig(&s, "m").trend.unwrap();
    assert_eq!(t.change, "unchanged since 25 Jun");
    assert_eq!(t.delta, "unchanged");
}

#[test]
fn one_point_has_no_trend() {
    let s = fixture();
    assert_eq!(fig(&s, "appeal").trend, None);
}

#[test]
fn disagreeing_sources_give_a_disputed_range() {
    let s = fixture();
    let f = fig(&s, "first-flight");
    assert!(f.disputed);
    assert_eq!(f.display, "200–400");
    assert_eq!(f.value, "200–400");
    assert_eq!(f.sources_on_latest, 2);
    // No change can be told from a range.
    assert_eq!(f.trend, None);

    let s = with_metrics(
        r#"
[[metrics]]
id = "same-source-revised"
label = "x"
points = [
  { date = 2024-09-01, value = 200, source = "ap" },
  { date = 2024-09-01, value = 250, source = "ap" },
]

[[metrics]]
id = "agreeing"
label = "x"
points = [
  { date = 2024-09-01, value = 200, source = "ap" },
  { date = 2024-09-01, value = 200, source = "reuters" },
]

[[metrics]]
id = "earlier-dispute"
label = "x"
points = [
  { date = 2024-08-01, value = 100, source = "ap" },
  { date = 2024-08-01, value = 300, source = "reuters" },
  { date = 2024-09-01, value = 300, source = "ap" },
]

[[metrics]]
id = "qualified-percent"
label = "x"
unit = "%"
target = 50
points = [
  { date = 2024-09-01, value = 20, qualifier = "about", source = "ap" },
  { date = 2024-09-01, value = 25, source = "reuters" },
]
"#,
    );
    let f = fig(&s, "same-source-revised");
    assert!(!f.disputed);
    assert_eq!(f.display, "250");
    let f = fig(&s, "agreeing");
    assert!(!f.disputed);
    assert_eq!(f.display, "200");
    assert_eq!(f.sources_on_latest, 2);
    // Only the latest date counts; an older dispute feeds the trend by its mean.
    let f = fig(&s, "earlier-dispute");
    assert!(!f.disputed);
    assert_eq!(f.trend.unwrap().change, "+50% since 1 Aug");
    let f = fig(&s, "qualified-percent");
    assert_eq!(f.display, "~20–25% (target 50%)");
    let p = f.progress.unwrap();
    assert_eq!((p.ratio, p.ratio_high), (0.4, 0.5));

    let s = with_metrics(
        r#"
[[metrics]]
id = "disputed-count"
label = "x"
target = 2500
points = [
  { date = 2024-09-01, value = 200, source = "ap" },
  { date = 2024-09-01, value = 400, source = "reuters" },
]
"#,
    );
    let f = fig(&s, "disputed-count");
    assert_eq!(f.display, "200–400 of 2,500");
    assert_eq!(f.progress.unwrap().share.as_deref(), Some("8–16%"));
}

#[test]
fn targets_show_progress() {
    let s = fixture();
    let f = fig(&s, "personnel");
    assert_eq!(f.display, "~420 of 2,500");
    assert_eq!(f.value, "~420");
    assert_eq!(f.display_with_unit(), "~420 of 2,500 personnel");
    let p = f.progress.unwrap();
    assert!(p.gauge);
    assert_eq!(p.text, "of 2,500");
    assert!((p.ratio - 0.168).abs() < 1e-9);
    assert_eq!(p.ratio, p.ratio_high);
    assert_eq!(p.share.as_deref(), Some("17%"));

    let s = with_metrics(
        r#"
[[metrics]]
id = "under"
label = "x"
target = 400
value = 90
qualifier = "less-than"
source = "ap"

[[metrics]]
id = "over"
label = "x"
target = 400
value = 500
source = "ap"

[[metrics]]
id = "negative"
label = "x"
target = 400
value = -20
source = "ap"
"#,
    );
    let f = fig(&s, "under");
    assert_eq!(f.display, "<90 of 400");
    assert_eq!(f.progress.unwrap().ratio, 0.225);
    let over = fig(&s, "over").progress.unwrap();
    assert_eq!(over.ratio, 1.0);
    // The gauge is full; the share says by how much it went past.
    assert_eq!(over.share.as_deref(), Some("125%"));
    assert_eq!(fig(&s, "negative").progress.unwrap().ratio, 0.0);
}

#[test]
fn a_percentage_target_is_not_a_share_of_a_share() {
    let s = fixture();
    let f = fig(&s, "vaccinated");
    assert_eq!(f.display, "≥18% (target 70%)");
    assert_eq!(f.value, "≥18%");
    let p = f.progress.unwrap();
    assert_eq!(p.text, "target 70%");
    assert_eq!(p.share, None);
    assert!((p.ratio - 18.0 / 70.0).abs() < 1e-9);
}

#[test]
fn a_zero_target_has_no_gauge() {
    let s = fixture();
    let f = fig(&s, "cholera-cases");
    assert_eq!(f.display, "12 of 0");
    let p = f.progress.unwrap();
    assert!(!p.gauge);
    assert_eq!(p.ratio, 0.0);
    assert_eq!(p.share, None);
}

#[test]
fn staleness_counts_from_the_last_possible_day() {
    let s = fixture();
    let f = fig(&s, "cholera-deaths");
    assert_eq!(f.display, "9,000+");
    assert!(f.stale);
    assert_eq!(f.date_text(), "Dec 2016");

    // July 2024 ends on the 31st: 60 days to 29 Sep is not stale, 61 is.
    let at = |as_of: &str| {
        load(&format!(
            r#"
[situation]
title = "t"
as_of = {as_of}

[[sources]]
id = "ap"
title = "AP"

[[metrics]]
id = "m"
label = "m"
value = 1
date = "2024-07"
source = "ap"
"#
        ))
    };
    let s = at("2024-09-29");
    let f = fig(&s, "m");
    assert_eq!((f.age_days, f.stale), (Some(60), false));
    let s = at("2024-09-30");
    let f = fig(&s, "m");
    assert_eq!((f.age_days, f.stale), (Some(61), true));
}

#[test]
fn undated_observations() {
    let s = with_metrics(
        r#"
[[metrics]]
id = "m"
label = "m"
value = 5
source = "ap"
"#,
    );
    let f = fig(&s, "m");
    assert_eq!(f.date, None);
    assert_eq!(f.date_text(), "undated");
    assert!(!f.stale);
    assert_eq!(f.age_days, None);

    // The loader refuses undated points; a hand-built model may have them.
    let obs = |d: Option<&str>, v: f64, source: Option<SourceIx>| Observation {
        date: d.map(date),
        value: n(v, 0),
        qualifier: Qualifier::Exact,
        source,
    };
    let hand = |points: Vec<Observation>| Situation {
        as_of: day(2024, 9, 21),
        metrics: vec![Metric {
            id: "m".into(),
            label: "m".into(),
            unit: None,
            actors: vec![],
            target: None,
            note: None,
            kind: MetricKind::Observed(points),
        }],
        ..Situation::default()
    };
    // All undated: no trend; disagreeing sources are still a dispute.
    let (one, other) = (Some(SourceIx::new(0)), Some(SourceIx::new(1)));
    let s = hand(vec![obs(None, 5.0, one), obs(None, 7.0, other)]);
    let f = figures::figure(&s, &s.metrics[0]);
    assert!(f.disputed);
    assert_eq!(f.display, "5–7");
    assert_eq!(f.trend, None);
    // Undated beside dated: the dated ones make the figure and the trend.
    let s = hand(vec![
        obs(Some("2024-09-01"), 12.0, None),
        obs(None, 99.0, None),
        obs(Some("2024-08-01"), 10.0, None),
    ]);
    let f = figures::figure(&s, &s.metrics[0]);
    assert_eq!(f.display, "12");
    assert_eq!(f.trend.unwrap().values, vec![10.0, 12.0]);
    // No observations at all: said, not a panic.
    let s = hand(vec![]);
    assert_eq!(figures::figure(&s, &s.metrics[0]).display, "no data");
}

#[test]
fn huge_and_negative_values() {
    let s = fixture();
    let f = fig(&s, "appeal");
    assert_eq!(f.display, "1,234,567,890");
    assert_eq!(f.compact, "1.23B");
    assert_eq!(f.unit.as_deref(), Some("USD"));
    let f = fig(&s, "prices");
    assert_eq!(f.display, "-3.5%");
    assert_eq!(f.date_text(), "mid Sep 2024");
}

#[test]
fn day_count_figures() {
    let s = fixture();
    let f = fig(&s, "days-since-arrival");
    assert_eq!(f.display, "88 days");
    assert_eq!(f.unit, None);
    assert_eq!(f.event_title.as_deref(), Some("First contingent lands"));
    assert_eq!(f.date_text(), "25 Jun 2024");
    assert_eq!(fig(&s, "days-since-talks").display, "52–62 days");
    let f = fig(&s, "days-until-expiry");
    assert_eq!(f.display, "11 days");
    assert!(f.days.unwrap().upcoming);
    assert_eq!(fig(&s, "days-until-registration").display, "5 days ago");
    let f = fig(&s, "days-until-review");
    assert_eq!(f.display, "≤9 days");
    assert!(f.days.unwrap().unsure());
}

// --- the detail view -----------------------------------------------------------

#[test]
fn observations_list_every_point_in_date_order() {
    let s = fixture();
    let rows = figures::observations(&s, metric(&s, "displaced"));
    let shown: Vec<(&str, &str, &str, bool)> = rows
        .iter()
        .map(|r| {
            (
                r.date.as_str(),
                r.display.as_str(),
                r.source.as_str(),
                r.latest,
            )
        })
        .collect();
    assert_eq!(
        shown,
        vec![
            ("early Mar 2024", "362,551", "Reuters", false),
            ("Aug 2024", "578,000+", "Reuters", false),
            ("20 Sep 2024", "~700,000", "Associated Press", true),
        ]
    );
    assert_eq!(rows[1].qualifier, Qualifier::MoreThan);
    assert_eq!(figures::qualifier_words(rows[1].qualifier), "more than");

    let rows = figures::observations(&s, metric(&s, "first-flight"));
    assert!(rows.iter().all(|r| r.latest && r.disputed));
    assert_eq!(rows[0].display, "200");
    assert_eq!(rows[1].display, "400");
}

#[test]
fn a_day_count_lists_its_event() {
    let s = fixture();
    let rows = figures::observations(&s, metric(&s, "days-until-expiry"));
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].date, "2 Oct 2024");
    assert_eq!(rows[0].display, "11 days");
    assert_eq!(rows[0].source, "Associated Press, Reuters");
}

#[test]
fn source_names_are_short_and_sanitized() {
    let mut s = fixture();
    let (ap, ministry) = (SourceIx::new(0), SourceIx::new(2));
    assert_eq!(figures::source_name(&s, ap), "Associated Press");
    // No publisher: the title.
    assert_eq!(
        figures::source_name(&s, ministry),
        "Ministry of Health bulletin"
    );
    s.sources[ministry].title = "Evil\u{1b}]0;pwned\u{7}".into();
    assert_eq!(figures::source_name(&s, ministry), "Evil␛]0;pwned␇");
    s.sources[ministry].title = "  ".into();
    assert_eq!(figures::source_name(&s, ministry), "ministry");
    assert_eq!(
        figures::source_name(&s, SourceIx::new(99)),
        "unknown source"
    );
}

#[test]
fn the_built_in_situation() {
    let s = load(sitrep::BUILTIN_TEXT);
    let shown: Vec<String> = s
        .metrics
        .iter()
        .map(|m| {
            let f = figures::figure(&s, m);
            let trend = f
                .trend
                .as_ref()
                .map(|t| t.change.clone())
                .unwrap_or_default();
            format!(
                "{} | {} | {}{}{}",
                m.id,
                f.display_with_unit(),
                f.date_text(),
                if f.stale { " stale" } else { "" },
                if trend.is_empty() {
                    String::new()
                } else {
                    format!(" | {trend}")
                }
            )
        })
        .collect();
    assert_eq!(
        shown,
        vec![
            "mss-personnel-deployed | ~420 of 2,500 personnel | 21 Sep 2024 | +5% since 16 Jul",
            "days-until-mandate-expiry | 11 days | 2 Oct 2024",
            // The expert's estimate stands apart from IOM's older count.
            "displaced-un-expert-estimate | ~700,000 people | 20 Sep 2024",
            "idps-haiti | 578,074 people | 18 Jun 2024 stale | +59% since early Mar",
            // One repeated estimate: no trend claims it was measured twice.
            "gang-control-port-au-prince | ~80% | 21 Sep 2024",
            "killed-injured-q2-2024 | 1,379 people | 30 Jul 2024",
            "killed-injured-q1-2024 | 2,505 people | 19 Apr 2024 stale",
            "acute-food-insecurity | ~4,970,000 people | 22 Mar 2024 stale",
            "mss-share-deployed | <25% | 20 Sep 2024",
            "us-pledge-mss | 300,000,000 USD | 11 Mar 2024 stale",
            "un-trust-fund-deposited | 10,800,000 USD | 11 Mar 2024 stale | unchanged since 29 Feb",
            "humanitarian-appeal-2024 | 674,000,000 USD | 29 Feb 2024 stale",
            "us-aid-pledged-sep-2024 | 45,000,000 USD | 5 Sep 2024",
            "days-since-first-kenyan-police | 88 days | 25 Jun 2024",
            "cholera-deaths | 9,000+ deaths | Dec 2016 stale",
        ]
    );
}

#[test]
fn the_built_in_situation_reports_nothing_from_after_its_as_of_date() {
    let s = load(sitrep::BUILTIN_TEXT);
    for source in &s.sources {
        if let Some(date) = source.date {
            assert!(
                date.end() <= s.as_of,
                "source {} is dated {date}",
                source.id
            );
        }
    }
    for metric in &s.metrics {
        if let MetricKind::Observed(points) = &metric.kind {
            for date in points.iter().filter_map(|p| p.date) {
                assert!(date.end() <= s.as_of, "{} observed {date}", metric.id);
            }
        }
    }
    for quote in &s.quotes {
        if let Some(date) = quote.date {
            assert!(date.end() <= s.as_of, "quote {:?} dated {date}", quote.id);
        }
    }
    // Only what was already scheduled on the as-of date may reach past it.
    let ahead: Vec<&str> = (s.events.iter())
        .filter(|e| e.last_day() > s.as_of)
        .map(|e| e.id.as_str())
        .collect();
    assert_eq!(ahead, ["blinken-unga-meeting", "mss-mandate-expires"]);
}

#[test]
fn ages_are_no_more_precise_than_their_dates() {
    let as_of = day(2024, 9, 21);
    let age = |text: &str| age_words(date(text), as_of);
    assert_eq!(age("2024-09-21"), "on the as-of date");
    assert_eq!(age("~2024-09-21"), "about the as-of date");
    assert_eq!(age("2024-09-20"), "1 day before the as-of date");
    assert_eq!(age("2024-09-05"), "16 days before the as-of date");
    assert_eq!(age("~2024-09-05"), "~16 days before the as-of date");
    // A month stands for every day in it: 21 Sep back to 1 Aug is 51 days.
    assert_eq!(age("2024-08"), "21–51 days before the as-of date");
    assert_eq!(age("2016"), "2,821–3,186 days before the as-of date");
    assert_eq!(age("2024-09-22"), "1 day after the as-of date");
    assert_eq!(age("2024-10"), "10–40 days after the as-of date");
    assert_eq!(age("2024-09"), "a span that includes the as-of date");
    assert_eq!(age("mid 2024-09"), "1–10 days before the as-of date");
}
