//! Properties of fuzzy dates over every precision, with and without `~`.

use chrono::NaiveDate;
use proptest::prelude::*;
use sitrep::model::{DateError, FuzzyDate, Precision};

fn precision() -> impl Strategy<Value = Precision> {
    prop_oneof![
        Just(Precision::Day),
        Just(Precision::EarlyMonth),
        Just(Precision::MidMonth),
        Just(Precision::LateMonth),
        Just(Precision::Month),
        Just(Precision::Year),
    ]
}

/// Any date a file can hold: four-digit years, every precision, `~` or not.
fn fuzzy_date() -> impl Strategy<Value = FuzzyDate> {
    (
        precision(),
        0i32..=9999,
        1u32..=12,
        1u32..=31,
        any::<bool>(),
    )
        .prop_filter_map(
            "no such day",
            |(precision, year, month, day, approximate)| {
                FuzzyDate::new(precision, year, month, day, approximate).ok()
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn the_file_form_parses_back_to_the_same_date(date in fuzzy_date()) {
        let written = date.to_file_form();
        prop_assert_eq!(written.parse::<FuzzyDate>(), Ok(date), "{}", written);
    }

    #[test]
    fn display_is_never_empty_and_names_the_year(date in fuzzy_date()) {
        use chrono::Datelike;
        let shown = date.to_string();
        prop_assert!(!shown.is_empty());
        prop_assert!(shown.contains(&date.start().year().to_string()), "{}", shown);
        prop_assert_eq!(shown.starts_with("c. "), date.is_approximate(), "{}", shown);
    }

    #[test]
    fn a_date_is_a_span_that_never_runs_backwards(date in fuzzy_date()) {
        prop_assert!(date.start() <= date.end(), "{:?}", date);
        if date.precision() == Precision::Day {
            prop_assert_eq!(date.start(), date.end());
        }
    }

    #[test]
    fn order_is_span_start_then_span_end(a in fuzzy_date(), b in fuzzy_date()) {
        prop_assert_eq!(a.cmp(&b), (a.start(), a.end()).cmp(&(b.start(), b.end())));
        prop_assert_eq!(a.cmp(&b), b.cmp(&a).reverse());
    }

    #[test]
    fn a_day_parses_exactly_when_the_calendar_has_it(
        year in 0i32..=9999,
        month in 0u32..=99,
        day in 0u32..=99,
        approximate in any::<bool>(),
    ) {
        let tilde = if approximate { "~" } else { "" };
        let text = format!("{tilde}{year:04}-{month:02}-{day:02}");
        let parsed = text.parse::<FuzzyDate>();
        match NaiveDate::from_ymd_opt(year, month, day) {
            Some(real) => {
                let date = parsed.expect("a real day parses");
                prop_assert_eq!((date.start(), date.end()), (real, real));
                prop_assert_eq!(date.is_approximate(), approximate);
            }
            // The form is right, so the complaint is about the calendar.
            None => prop_assert_eq!(parsed, Err(DateError::NoSuchDate), "{}", text),
        }
    }

    #[test]
    fn a_month_form_parses_exactly_when_the_month_exists(
        year in 0i32..=9999,
        month in 0u32..=99,
        part in prop_oneof![Just(""), Just("early "), Just("mid "), Just("late ")],
    ) {
        let text = format!("{part}{year:04}-{month:02}");
        let parsed = text.parse::<FuzzyDate>();
        if (1..=12).contains(&month) {
            prop_assert!(parsed.is_ok(), "{}: {:?}", text, parsed);
        } else {
            prop_assert_eq!(parsed, Err(DateError::NoSuchDate), "{}", text);
        }
    }

    #[test]
    fn any_string_is_parsed_or_refused_without_panic(text in any::<String>()) {
        if let Ok(date) = text.parse::<FuzzyDate>() {
            prop_assert_eq!(date.to_file_form().parse::<FuzzyDate>(), Ok(date));
        }
    }

    #[test]
    fn near_miss_strings_are_parsed_or_refused_without_panic(
        text in "[ ~]{0,2}((early|mid|late|Late|soon)[ \t]{1,2})?[0-9٣]{0,5}(-[0-9+]{0,3}){0,3}[ ]?",
    ) {
        if let Ok(date) = text.parse::<FuzzyDate>() {
            prop_assert_eq!(date.to_file_form().parse::<FuzzyDate>(), Ok(date));
        }
    }
}
