//! The synthetic situation generator writes files that load cleanly, have the
//! requested size, and are the same for the same seed.

use std::collections::HashSet;

use sitrep::load::{Report, load_str};
use sitrep::model::{MetricKind, Precision, Situation};
use sitrep_generate::{Options, generate};

fn generated(options: &Options) -> String {
    let mut out = Vec::new();
    generate(options, &mut out).expect("writing to a Vec cannot fail");
    String::from_utf8(out).expect("the generator writes UTF-8")
}

/// Loads text that must have no error and no warning.
fn load_clean(text: &str) -> Situation {
    let Report {
        situation,
        diagnostics,
    } = load_str(text);
    assert!(
        diagnostics.is_empty(),
        "unexpected problems: {:#?}",
        &diagnostics[..diagnostics.len().min(5)]
    );
    situation.expect("no errors, so a situation")
}

fn assert_counts(s: &Situation, o: &Options) {
    assert_eq!(s.events.len(), o.events);
    assert_eq!(s.actors.len(), o.actors);
    assert_eq!(s.sources.len(), o.sources);
    assert_eq!(s.quotes.len(), o.quotes);
    assert_eq!(s.metrics.len(), o.metrics);
}

#[test]
fn small_files_load_without_problems_and_repeat_for_a_seed() {
    let mut texts = Vec::new();
    for seed in [7, 1234] {
        let options = Options::new(500, seed);
        let text = generated(&options);
        let situation = load_clean(&text);
        assert_counts(&situation, &options);
        assert_eq!(
            text,
            generated(&options),
            "seed {seed} is not deterministic"
        );
        texts.push(text);
    }
    assert_ne!(texts[0], texts[1], "different seeds should differ");
}

#[test]
fn explicit_counts_are_kept_even_with_more_actors_than_events() {
    let options = Options {
        seed: 3,
        events: 3,
        actors: 40,
        sources: 9,
        quotes: 0,
        metrics: 5,
        places: 0,
    };
    let situation = load_clean(&generated(&options));
    assert_counts(&situation, &options);
}

#[test]
fn places_come_with_coordinates_and_every_one_is_used() {
    let options = Options::new(2000, 5).with_places(200);
    let text = generated(&options);
    // No warning either: every place is used, no location repeats a name.
    let s = load_clean(&text);
    assert_eq!(s.places.len(), 200);
    let exact = s
        .places
        .iter()
        .filter(|p| p.point.is_some() && !p.approximate);
    let approximate = s
        .places
        .iter()
        .filter(|p| p.point.is_some() && p.approximate);
    let unknown = s.places.iter().filter(|p| p.point.is_none());
    assert!(exact.count() > 100);
    assert!(approximate.count() >= 4, "countries and regions are areas");
    assert!(unknown.count() > 0, "some sites are known by name only");
    assert!(s.places.iter().any(|p| p.part_of.is_some()));
    let placed = s.events.iter().filter(|e| e.place.is_some()).count();
    assert!(placed > 1600 && placed < 2000, "{placed}");
    // The default writes no places, so files made before places are the same.
    let plain = generated(&Options::new(2000, 5));
    assert!(!plain.contains("[[places]]") && !plain.contains("\nplace = "));
    assert_eq!(plain, generated(&Options::new(2000, 5).with_places(0)));
}

#[test]
fn nothing_to_refer_to_is_refused() {
    let options = Options {
        sources: 0,
        ..Options::new(10, 1)
    };
    let err = generate(&options, &mut Vec::new()).unwrap_err();
    assert_eq!(err.kind(), std::io::ErrorKind::InvalidInput);
}

/// The file uses what real files use, so measurements cover those paths.
#[test]
fn files_use_every_date_form_chains_aliases_and_metric_kind() {
    let text = generated(&Options::new(3000, 11));
    let s = load_clean(&text);

    let dates = s
        .events
        .iter()
        .flat_map(|e| [Some(e.date), e.end])
        .flatten();
    let precisions: HashSet<_> = dates
        .clone()
        .map(|d| format!("{:?}", d.precision()))
        .collect();
    for p in [
        Precision::Day,
        Precision::EarlyMonth,
        Precision::MidMonth,
        Precision::LateMonth,
        Precision::Month,
        Precision::Year,
    ] {
        assert!(precisions.contains(&format!("{p:?}")), "no {p:?} date");
    }
    assert!(dates.clone().any(|d| d.is_approximate()));
    assert!(s.events.iter().any(|e| e.end.is_some()));
    assert!(
        s.events
            .iter()
            .any(|e| e.tense(s.as_of) == sitrep::model::Tense::Upcoming)
    );
    assert!(text.contains("date = 2") && text.contains("date = \"2"));

    let depth = |mut a: sitrep::model::ActorIx| {
        let mut n = 1;
        while let Some(parent) = s.actors[a].part_of {
            a = parent;
            n += 1;
        }
        n
    };
    let deepest = s.actor_ixs().map(depth).max().unwrap_or(0);
    assert!(
        (3..=4).contains(&deepest),
        "deepest part_of chain: {deepest}"
    );
    assert!(s.actors.iter().any(|a| !a.aliases.is_empty()));
    let kinds: HashSet<_> = s.actors.iter().map(|a| a.kind).collect();
    assert!(kinds.len() >= 6, "actor kinds: {kinds:?}");

    let observed: Vec<usize> = s
        .metrics
        .iter()
        .filter_map(|m| match &m.kind {
            MetricKind::Observed(points) => Some(points.len()),
            _ => None,
        })
        .collect();
    assert!(observed.contains(&1));
    assert!(observed.iter().any(|&n| (2..=12).contains(&n) && n > 2));
    assert!(
        s.metrics
            .iter()
            .any(|m| matches!(m.kind, MetricKind::Since(_)))
    );
    assert!(
        s.metrics
            .iter()
            .any(|m| matches!(m.kind, MetricKind::Until(_)))
    );

    assert!(text.contains("Chérizier") || text.contains("Port-au-Prince"));
    assert!(text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)));
    assert!(text.contains("\"\"\"\n"), "no multi-line strings");
}
