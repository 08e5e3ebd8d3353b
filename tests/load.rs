//! The loader as a library: values that only show once loaded.

use sitrep::load::load_str;
use sitrep::model::{MetricKind, Number};

/// The single value of a metric written as `value = {literal}`, or the
/// loader's error messages.
fn metric_value(literal: &str) -> Result<Number, String> {
    let text = format!(
        "[situation]\ntitle = \"T\"\nas_of = 2024-09-21\n\
         [[metrics]]\nid = \"m\"\nlabel = \"M\"\nvalue = {literal}\n"
    );
    let report = load_str(&text);
    let errors: Vec<&str> = report.errors().map(|d| d.message.as_str()).collect();
    let situation = report.situation.as_ref().ok_or_else(|| errors.join("; "))?;
    match &situation.metrics[0].kind {
        MetricKind::Observed(points) => Ok(points[0].value),
        other => Err(format!("not a single value: {other:?}")),
    }
}

#[test]
fn integers_keep_their_value_in_every_toml_form() {
    for (literal, value) in [
        ("578000", 578_000),
        ("578_000", 578_000),
        ("+5", 5),
        ("-3", -3),
        ("0x1", 1),
        ("0xFF", 255),
        ("0x1234", 4660),
        ("0o17", 15),
        ("0b101", 5),
        // Beyond 2^53, where a float would round them.
        ("9007199254740993", 9_007_199_254_740_993),
        ("9223372036854775807", i64::MAX),
        ("-9223372036854775808", i64::MIN),
    ] {
        assert_eq!(
            metric_value(literal),
            Ok(Number::integer(value)),
            "value = {literal}"
        );
    }
}

#[test]
fn floats_keep_their_value_and_decimals() {
    let number = |value, decimals| Ok(Number::float(value, decimals));
    assert_eq!(metric_value("12.50"), number(12.5, 2));
    assert_eq!(metric_value("1_000.5"), number(1000.5, 1));
    assert_eq!(metric_value("1e3"), number(1000.0, 0));
    assert_eq!(metric_value("inf"), Err("expected a finite number".into()));
    assert_eq!(metric_value("nan"), Err("expected a finite number".into()));
}

#[test]
fn the_full_fixture_loads_into_timeline_order_with_references_kept() {
    let report = load_str(include_str!("fixtures/good/full.toml"));
    assert_eq!(report.diagnostics, []);
    let s = report.situation.expect("the full fixture is valid");

    // The file lists events out of order; the model holds them by date span.
    let events: Vec<(&str, String)> = s
        .events
        .iter()
        .map(|e| (e.id.as_str(), e.date_label()))
        .collect();
    assert_eq!(
        events,
        [
            ("dam-built", "1998".to_string()),
            ("warnings", "c. Jun–early Aug 2024".to_string()),
            ("breach", "late Aug 2024".to_string()),
            ("evacuation", "1 Sep–c. 4 Sep 2024".to_string()),
            ("mission-arrives", "mid Sep 2024".to_string()),
            ("chief-visit", "21 Sep 2024".to_string()),
            ("mandate-ends", "early Oct–Oct 2024".to_string()),
        ]
    );

    // References to events still name the same events after the reordering.
    let event_of = |metric: &str| {
        let m = s.metrics.iter().find(|m| m.id == metric).expect("metric");
        match m.kind {
            MetricKind::Since(e) | MetricKind::Until(e) => s.events[e].id.as_str(),
            MetricKind::Observed(_) => panic!("{metric} is not a day count"),
        }
    };
    assert_eq!(event_of("days-since-breach"), "breach");
    assert_eq!(event_of("days-to-mandate-end"), "mandate-ends");
    let quote = &s.quotes[0];
    assert_eq!(
        quote.event.map(|e| s.events[e].id.as_str()),
        Some("chief-visit")
    );
    assert_eq!(&*s.actors[quote.speaker].id, "officer-ana");

    // part_of chains resolve: officer -> police -> government.
    let ana = s.actor_by_id("officer-ana").expect("actor");
    let police = s.actors[ana].part_of.expect("ana is part of the police");
    let government = s.actors[police]
        .part_of
        .expect("police is part of the government");
    assert_eq!(&*s.actors[government].id, "riverland");
    assert_eq!(s.actors[government].part_of, None);
    let aliases: Vec<&str> = s.actors[government].aliases.iter().map(|a| &**a).collect();
    assert_eq!(aliases, ["Riverland government", "the cabinet"]);

    // Observations keep their qualifiers and decimals, sorted by date.
    let reservoir = s
        .metrics
        .iter()
        .find(|m| m.id == "reservoir-level")
        .expect("metric");
    let MetricKind::Observed(points) = &reservoir.kind else {
        panic!("reservoir-level has points");
    };
    let read: Vec<(String, f64, u8, &str)> = points
        .iter()
        .map(|p| {
            let date = p.date.expect("every point has a date").to_string();
            (date, p.value.value, p.value.decimals, p.qualifier.as_str())
        })
        .collect();
    assert_eq!(
        read,
        [
            ("Aug 2024".to_string(), 92.5, 1, "less-than"),
            ("10 Sep 2024".to_string(), 12.25, 2, "at-most"),
            ("21 Sep 2024".to_string(), 3.0, 0, "exact"),
        ]
    );
    let archive = s
        .sources
        .iter()
        .find(|x| x.id == "archive_1998")
        .expect("source");
    assert_eq!(archive.date.map(|d| d.to_string()), Some("c. 1998".into()));
}

mod never_panics {
    use proptest::prelude::*;
    use sitrep::check::{self, Style};
    use sitrep::load::{Report, load_bytes};

    const FULL: &str = include_str!("fixtures/good/full.toml");

    /// Loads and prints a file as `sitrep check` does, in both styles, and
    /// checks what a user relies on: problems in line order, each inside the
    /// file, a situation exactly when there is no error, and output that is
    /// safe to print.
    fn check_bytes(bytes: &[u8]) -> Result<(), TestCaseError> {
        let report: Report = load_bytes(bytes);
        let starts: Vec<usize> = report.diagnostics.iter().map(|d| d.span.start).collect();
        prop_assert!(starts.is_sorted(), "not in file order: {:?}", starts);
        prop_assert!(starts.iter().all(|&s| s <= bytes.len()), "{:?}", starts);
        prop_assert_eq!(
            report.situation.is_some(),
            report.errors().next().is_none(),
            "{:?}",
            report.diagnostics
        );
        let text = String::from_utf8_lossy(bytes);
        for style in [
            Style::Short,
            Style::Full { color: false },
            Style::Full { color: true },
        ] {
            let mut out = Vec::new();
            check::print_report(&mut out, "f.toml", &text, &report, false, style)
                .expect("writing to a Vec cannot fail");
            prop_assert!(!out.is_empty());
            // Whatever the file holds, nothing in it reaches the terminal as
            // a control sequence (colour is the program's own escapes).
            if style != (Style::Full { color: true }) {
                let out = String::from_utf8(out).expect("check prints UTF-8");
                prop_assert!(sitrep::sanitize::is_inert(&out), "{:?}", out);
            }
        }
        Ok(())
    }

    /// A value a situation file might hold, right or wrong for its key.
    fn value() -> impl Strategy<Value = &'static str> {
        prop::sample::select(vec![
            "\"a\"",
            "\"b\"",
            "\"A b\"",
            "\"\"",
            "\"person\"",
            "\"about\"",
            "2024-09-21",
            "\"late 2024-02\"",
            "\"~2024\"",
            "\"2024-02-30\"",
            "2024-09-21T10:00:00Z",
            "10:00:00",
            "0x1",
            "0o7",
            "0b1",
            "-0",
            "+1_000",
            "1e400",
            "-inf",
            "nan",
            "12.50",
            "9223372036854775807",
            "true",
            "[]",
            "[\"a\", \"b\"]",
            "[1, \"a\"]",
            "[{ date = 2024-01-01, value = 1, source = \"a\" }]",
            "[{ value = 0x2 }]",
            "{ a = 1 }",
            "\"\\u0000\"",
            "\"\\u001b[2J\"",
            "\"\u{202e}x\"",
        ])
    }

    /// One table of a situation file: a header and distinct keys with
    /// values, mostly well-formed TOML so that checking goes past syntax.
    fn block() -> impl Strategy<Value = String> {
        let header = prop::sample::select(vec![
            "[[sources]]",
            "[[actors]]",
            "[[events]]",
            "[[metrics]]",
            "[[quotes]]",
            "[[actors]]",
            "[[events]]",
            "[[metrics]]",
            "[actors]",
            "[[situation]]",
        ]);
        let keys = prop::sample::subsequence(
            vec![
                "id",
                "title",
                "as_of",
                "name",
                "kind",
                "part_of",
                "date",
                "end",
                "actors",
                "sources",
                "source",
                "value",
                "points",
                "since",
                "until",
                "qualifier",
                "speaker",
                "text",
                "about",
                "event",
                "tags",
                "target",
                "label",
                "titel",
            ],
            0..8,
        );
        let junk = prop::option::weighted(0.05, "[ -~]{0,30}");
        (header, keys, prop::collection::vec(value(), 8), junk).prop_map(
            |(header, keys, values, junk)| {
                let mut lines = vec![header.to_string()];
                lines.extend(keys.iter().zip(values).map(|(k, v)| format!("{k} = {v}")));
                lines.extend(junk);
                lines.join("\n")
            },
        )
    }

    /// A `[situation]` table (mostly right) followed by other tables.
    fn toml_like_file() -> impl Strategy<Value = String> {
        let situation = prop::sample::select(vec![
            "[situation]\ntitle = \"T\"\nas_of = 2024-09-21",
            "[situation]\ntitle = \"T\"\nas_of = \"2024-09\"",
            "[situation]\ntitle = 1",
            "",
        ]);
        (situation, prop::collection::vec(block(), 0..10)).prop_map(|(situation, blocks)| {
            let mut text = situation.to_string();
            for block in blocks {
                text.push_str("\n\n");
                text.push_str(&block);
            }
            text
        })
    }

    /// The full fixture with a few bytes cut, replaced or inserted.
    fn damaged_full() -> impl Strategy<Value = Vec<u8>> {
        let edit = (
            0..FULL.len(),
            0usize..40,
            prop::collection::vec(any::<u8>(), 0..6),
        );
        prop::collection::vec(edit, 1..4).prop_map(|edits| {
            let mut bytes = FULL.as_bytes().to_vec();
            for (at, cut, insert) in edits {
                let at = at.min(bytes.len());
                let end = (at + cut).min(bytes.len());
                bytes.splice(at..end, insert);
            }
            bytes
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
            check_bytes(&bytes)?;
        }

        #[test]
        fn toml_like_text(text in toml_like_file()) {
            check_bytes(text.as_bytes())?;
        }

        #[test]
        fn a_damaged_good_file(bytes in damaged_full()) {
            check_bytes(&bytes)?;
        }
    }
}

#[test]
fn places_load_with_containment_points_and_precision() {
    // Events and a quote refer to places written further down the file.
    let text = r#"
[situation]
title = "T"
as_of = 2024-09-21

[[sources]]
id = "s"
title = "S"

[[actors]]
id = "a"
name = "A"
kind = "person"

[[events]]
id = "visit"
date = 2024-09-21
title = "Visit"
place = "airport"
location = "the runway"
sources = ["s"]

[[quotes]]
speaker = "a"
text = "Hello"
place = "pap"
sources = ["s"]

[[places]]
id = "haiti"
name = "Haiti"
kind = "country"
lat = 19
lon = -72.5
approximate = true

[[places]]
id = "pap"
name = "Port-au-Prince"
kind = "city"
part_of = "haiti"
lat = 18.5392
lon = -72.335
aliases = ["PAP"]

[[places]]
id = "airport"
name = "Toussaint Louverture International Airport"
kind = "site"
part_of = "pap"

[[places]]
id = "somewhere"
name = "Somewhere"
part_of = "haiti"
"#;
    let report = load_str(text);
    let messages: Vec<&str> = report
        .diagnostics
        .iter()
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(
        messages,
        ["place `somewhere` is never referred to (no event, quote or `part_of` names it)"]
    );
    let s = report.situation.expect("the file loads");
    let place = |id: &str| &s.places[s.place_by_id(id).expect(id)];
    assert_eq!(place("airport").part_of, s.place_by_id("pap"));
    assert_eq!(place("pap").part_of, s.place_by_id("haiti"));
    assert_eq!(place("airport").point, None, "known by name only");
    assert_eq!(place("airport").kind.as_str(), "site");
    assert_eq!(
        place("somewhere").kind.as_str(),
        "other",
        "the default kind"
    );
    assert!(place("haiti").approximate && !place("pap").approximate);
    assert_eq!(
        place("pap").coordinates_label().as_deref(),
        Some("18.5392° N, 72.3350° W")
    );
    assert_eq!(
        place("haiti").coordinates_label().as_deref(),
        Some("19.0000° N, 72.5000° W (approximate)")
    );
    assert_eq!(s.events[0].place, s.place_by_id("airport"));
    assert_eq!(s.events[0].location.as_deref(), Some("the runway"));
    assert_eq!(s.quotes[0].place, s.place_by_id("pap"));
}

#[test]
fn the_complete_example_in_the_format_reference_is_clean() {
    let doc = include_str!("../docs/format.md");
    let example = doc
        .split("## A complete example")
        .nth(1)
        .and_then(|rest| rest.split("```toml\n").nth(1))
        .and_then(|block| block.split("```").next())
        .expect("docs/format.md ends with a complete example in a toml block");
    let report = load_str(example);
    assert_eq!(
        report.diagnostics,
        [],
        "the example is meant to pass --strict"
    );
    let s = report.situation.expect("the example loads");
    assert!(
        s.events.iter().any(|e| e.place.is_some()),
        "the example shows places"
    );
}

#[test]
fn the_builtin_situation_says_where_each_of_its_events_happened() {
    let s = load_str(sitrep::BUILTIN_TEXT)
        .situation
        .expect("the built-in situation loads");
    let place_of = |event: &str| {
        let e = s.events.iter().find(|e| e.id == event).expect(event);
        e.place.map(|p| s.places[p].id.as_str())
    };
    assert_eq!(
        place_of("ruto-lands-port-au-prince"),
        Some("port-au-prince")
    );
    assert_eq!(place_of("first-400-flagged-off"), Some("nairobi"));
    assert_eq!(
        place_of("unsc-res-2699-mss-authorised"),
        Some("un-headquarters")
    );
    assert_eq!(place_of("first-kenyan-police-arrive"), Some("pap-airport"));
    // What the file does not place stays unplaced, and is few.
    let unplaced = s.events.iter().filter(|e| e.place.is_none()).count();
    assert!(
        unplaced * 10 < s.events.len(),
        "{unplaced} events have no place"
    );
    // Every place is on the map, by its own point or the place it lies in.
    for place in &s.places {
        let located = std::iter::successors(Some(place), |p| p.part_of.map(|o| &s.places[o]))
            .any(|p| p.point.is_some());
        assert!(located, "{} cannot be drawn", place.id);
    }
    let pap = s.place_by_id("port-au-prince").expect("Port-au-Prince");
    assert_eq!(s.places[pap].part_of, s.place_by_id("haiti"));
    assert!(s.places[s.place_by_id("haiti").unwrap()].approximate);
}
