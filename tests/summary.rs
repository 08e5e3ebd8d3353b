//! `sitrep summary` through the real binary: golden files for each format,
//! flags, exit codes and errors, agreement with the dashboard's filter, and
//! hostile text.
//!
//! Golden files live in tests/golden/. After an intended change of output,
//! rewrite them with `UPDATE_GOLDEN=1 cargo test --test summary` and read
//! the diff before committing it.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

use sitrep::load::load_str;
use sitrep::model::{ActorKind, Situation};
use sitrep::query::{Facets, Filter, Index, select};

const FIXTURE: &str = "tests/fixtures/summary.toml";
const HOSTILE: &str = "tests/fixtures/hostile.toml";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn sitrep() -> Command {
    let mut cmd = Command::cargo_bin("sitrep").expect("the binary is built");
    // No config file of the developer's: it could change what is stale.
    cmd.current_dir(root()).env_remove("NO_COLOR").env(
        "SITREP_CONFIG",
        concat!(env!("CARGO_TARGET_TMPDIR"), "/no-config-here/config.toml"),
    );
    cmd
}

/// Runs `sitrep summary ARGS`, expects success, returns stdout.
fn summary(args: &[&str]) -> String {
    let out = sitrep()
        .arg("summary")
        .args(args)
        .output()
        .expect("sitrep runs");
    assert!(
        out.status.success(),
        "sitrep summary {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stderr.is_empty(), "no noise on stderr");
    String::from_utf8(out.stdout).expect("output is UTF-8")
}

fn json(args: &[&str]) -> Value {
    let mut all = vec!["--format", "json"];
    all.extend_from_slice(args);
    serde_json::from_str(&summary(&all)).expect("output is JSON")
}

/// Compares with tests/golden/NAME, or rewrites it under UPDATE_GOLDEN.
fn golden(name: &str, actual: &str) {
    let path: PathBuf = root().join("tests/golden").join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!(
            "{} is missing: run UPDATE_GOLDEN=1 cargo test --test summary",
            path.display()
        )
    });
    if expected != actual {
        let line = expected
            .lines()
            .zip(actual.lines())
            .position(|(e, a)| e != a)
            .unwrap_or_else(|| expected.lines().count().min(actual.lines().count()));
        panic!(
            "output differs from {} at line {}:\n  expected: {:?}\n  actual:   {:?}\n\
             (if the change is intended: UPDATE_GOLDEN=1 cargo test --test summary)",
            path.display(),
            line + 1,
            expected.lines().nth(line),
            actual.lines().nth(line),
        );
    }
}

fn load(path: &str) -> Situation {
    let text = std::fs::read_to_string(root().join(path)).unwrap();
    load_str(&text).situation.expect("the fixture loads")
}

fn ids(list: &Value) -> Vec<String> {
    list.as_array()
        .expect("a list")
        .iter()
        .map(|item| item["id"].as_str().unwrap_or("").to_string())
        .collect()
}

// ---------------------------------------------------------------------------
// Golden files

#[test]
fn text_matches_its_golden_file() {
    golden("summary.txt", &summary(&[FIXTURE, "--width", "80"]));
    golden("summary-50.txt", &summary(&[FIXTURE, "--width", "50"]));
}

#[test]
fn a_filtered_briefing_matches_its_golden_files() {
    let filter = [FIXTURE, "--actor", "red-cross", "--from", "2024-09-05"];
    golden("summary-filtered.txt", &summary(&filter));
    let mut md = filter.to_vec();
    md.extend(["--format", "markdown"]);
    golden("summary-filtered.md", &summary(&md));
}

#[test]
fn markdown_matches_its_golden_file() {
    golden("summary.md", &summary(&[FIXTURE, "--format", "markdown"]));
}

#[test]
fn json_matches_its_golden_file() {
    golden("summary.json", &summary(&[FIXTURE, "--format", "json"]));
}

// ---------------------------------------------------------------------------
// Flags and defaults

#[test]
fn the_default_is_text_at_80_columns_when_not_a_terminal() {
    let default = summary(&[FIXTURE]);
    assert_eq!(
        default,
        summary(&[FIXTURE, "--format", "text", "--width", "80"])
    );
    // Only an unbreakable word (none in this fixture) may overflow.
    for line in default.lines() {
        assert!(line.chars().count() <= 80, "too wide: {line:?}");
    }
    for line in summary(&[FIXTURE, "--width", "50"]).lines() {
        assert!(line.chars().count() <= 50, "too wide: {line:?}");
    }
}

/// A situation with what the briefing must keep readable: a figure with a
/// unit, a role with commas and a date of its own.
const DERNA: &str = r#"
[situation]
title = "Derna floods"
as_of = 2023-09-20

[[sources]]
id = "who"
title = "Flash update"
publisher = "WHO"

[[actors]]
id = "mayor"
name = "Abdulmonem al-Ghaithi"
kind = "person"
role = "Mayor of Derna, suspended on 17 September"

[[metrics]]
id = "deaths"
label = "Confirmed dead in Derna and the surrounding districts"
unit = "deaths"
value = 3958
date = 2023-09-19
source = "who"

[[quotes]]
speaker = "mayor"
text = "The number of dead could reach 20,000."
date = 2023-09-13
sources = ["who"]
"#;

fn derna() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("summary-derna");
    // A fresh target directory does not have it yet.
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("derna.toml");
    std::fs::write(&path, DERNA).unwrap();
    path
}

#[test]
fn text_has_plain_spaces_and_keeps_a_figure_with_its_unit() {
    let path = derna();
    let file = path.to_str().unwrap();
    for width in ["20", "30", "50", "80"] {
        let out = summary(&[file, "--width", width]);
        assert!(
            !out.contains('\u{a0}'),
            "{width}: a no-break space in\n{out}"
        );
        // What a reader would grep for is on one line, as written: wrapping
        // moves the figure whole to the next line when it must.
        assert!(out.contains("3,958 deaths"), "{width}:\n{out}");
    }
    let all = summary(&[FIXTURE, "--width", "50"]);
    assert!(!all.contains('\u{a0}'), "{all}");
    assert!(all.contains("41,000+ people"), "{all}");
}

#[test]
fn a_quote_s_role_and_date_read_apart_in_text_and_markdown() {
    let path = derna();
    let file = path.to_str().unwrap();
    let text = summary(&[file, "--width", "120"]);
    assert!(
        text.contains(
            "— Abdulmonem al-Ghaithi, Mayor of Derna, suspended on 17 September · 13 Sep 2023 [1]"
        ),
        "{text}"
    );
    let markdown = summary(&[file, "--format", "markdown"]);
    assert!(
        markdown.contains(
            "> — Abdulmonem al-Ghaithi, Mayor of Derna, suspended on 17 September · 13 Sep 2023"
        ),
        "{markdown}"
    );
}

#[test]
fn width_with_a_format_that_is_not_wrapped_is_a_usage_error() {
    for format in ["markdown", "json", "timelinejs", "csv"] {
        sitrep()
            .args(["summary", FIXTURE, "--format", format, "--width", "60"])
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains(format!(
                "error: --width wraps --format text only; --format {format} is not wrapped"
            )))
            .stderr(predicate::str::contains("Usage: sitrep summary"));
    }
    for format in ["markdown", "json"] {
        sitrep()
            .args([
                "diff", FIXTURE, FIXTURE, "--format", format, "--width", "60",
            ])
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains(format!(
                "--format {format} is not wrapped"
            )))
            .stderr(predicate::str::contains("Usage: sitrep diff"));
    }
    // Text takes it, said or implied.
    summary(&[FIXTURE, "--format", "text", "--width", "60"]);
}

#[test]
fn no_file_means_the_built_in_situation() {
    let builtin = load_str(sitrep::BUILTIN_TEXT)
        .situation
        .expect("the built-in situation loads");
    let out = json(&[]);
    assert_eq!(out["situation"]["title"], builtin.title.as_str());
    assert_eq!(
        out["events"].as_array().unwrap().len(),
        builtin.events.len()
    );
    let text = summary(&[]);
    assert!(text.starts_with(&builtin.title), "{text}");
}

#[test]
fn output_is_deterministic_and_ends_with_a_newline() {
    for format in ["text", "markdown", "json"] {
        let args = [FIXTURE, "--format", format, "--search", "riverside"];
        let first = summary(&args);
        assert_eq!(
            first,
            summary(&args),
            "{format} output changed between runs"
        );
        assert!(first.ends_with('\n'), "{format} ends without a newline");
        assert!(!first.ends_with("\n\n"), "{format} ends with a blank line");
    }
}

#[test]
fn the_filter_is_echoed_in_every_format() {
    let args = [
        FIXTURE,
        "--actor",
        "government",
        "--actor",
        "red-cross",
        "--search",
        "Decree",
        "--from",
        "late 2024-09",
        "--to",
        "2024-10",
    ];
    let text = summary(&args);
    assert!(
        text.contains("Filter: actors Government of Lowmere (government) or Lowmere Red Cross"),
        "{text}"
    );
    assert!(text.contains("“Decree”"), "{text}");
    assert!(text.contains("from 21 Sep 2024 to 31 Oct 2024"), "{text}");

    let mut md = args.to_vec();
    md.extend(["--format", "markdown"]);
    assert!(summary(&md).contains("**Filter:** actors Government of Lowmere"));
    let out = json(&args);
    assert_eq!(
        out["filter"],
        serde_json::json!({
            "actors": ["government", "red-cross"],
            "places": [],
            "categories": [],
            "tags": [],
            "kinds": [],
            "sources": [],
            "search": "Decree",
            "from": "2024-09-21",
            "to": "2024-10-31",
        })
    );
    assert_eq!(ids(&out["events"]), ["decree-ends"]);
    let unfiltered = summary(&[FIXTURE]);
    assert!(unfiltered.contains("Filter: none, everything is shown."));
}

#[test]
fn an_actor_takes_in_its_members_transitively() {
    // osei is part of ministry-water, which is part of government.
    let out = json(&[FIXTURE, "--actor", "government"]);
    assert_eq!(
        ids(&out["events"]),
        [
            "boats",
            "emergency",
            "mayor",
            "donors",
            "decree-ends",
            "rebuild"
        ]
    );
    // Quotes match on the speaker (osei) or `about` (hale's is about the ministry).
    assert_eq!(ids(&out["quotes"]), ["osei-counted", "hale-promises"]);
    let highlighted: Vec<&str> = out["metrics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["highlighted"] == true)
        .map(|m| m["id"].as_str().unwrap())
        .collect();
    assert_eq!(highlighted, ["rescuers", "until-decree"]);
    let in_scope: Vec<&str> = out["actors"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["in_scope"] == true)
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    assert_eq!(in_scope, ["government", "ministry-water", "osei", "army"]);
}

#[test]
fn search_is_case_insensitive_and_combines_with_actors() {
    let out = json(&[FIXTURE, "--search", "RIVERSIDE"]);
    // Timeline order: "early Sep" (from the 1st) comes before 3 Sep.
    assert_eq!(ids(&out["events"]), ["boats", "breach", "mayor", "rebuild"]);
    let out = json(&[FIXTURE, "--search", "riverside", "--actor", "hale"]);
    assert_eq!(ids(&out["events"]), ["breach", "mayor"]);
}

#[test]
fn a_date_window_keeps_events_whose_span_overlaps_it() {
    // "early Oct 2024" is 1-10 Oct: inside a window up to "2024-10-01".
    let out = json(&[FIXTURE, "--from", "2024-09-25", "--to", "2024-10-01"]);
    assert_eq!(ids(&out["events"]), ["donors", "decree-ends"]);
    // The breach runs 3-5 Sep: a window on the 5th keeps it.
    let out = json(&[FIXTURE, "--from", "2024-09-05", "--to", "2024-09-05"]);
    assert_eq!(ids(&out["events"]), ["boats", "breach"]);
}

#[test]
fn a_date_window_leaves_out_undated_quotes_and_says_so() {
    // The built-in file's two quotes of Blinken have no date: any window
    // leaves them out, years before the dated ones or weeks after them.
    for window in [["2008", "2015"], ["2024-09-22", "2024-10-21"]] {
        let args = ["--from", window[0], "--to", window[1]];
        let text = summary(&args);
        assert!(
            text.contains("Quotes (0 of 7 quotes; 2 undated quotes left out by the date window)"),
            "{window:?}: {text}"
        );
        let mut markdown = vec!["--format", "markdown"];
        markdown.extend_from_slice(&args);
        let md = summary(&markdown);
        assert!(
            md.contains("## Quotes (0 of 7 quotes; 2 undated quotes left out by the date window)"),
            "{md}"
        );
        assert_eq!(json(&args)["quotes"].as_array().unwrap().len(), 0);
    }
    // Without a window every quote is kept, the undated ones last.
    let text = summary(&[]);
    let blinken = text.find("— Antony Blinken").expect("a quote by Blinken");
    let spokesman = text
        .find("— Hussein Mohamed")
        .expect("the spokesman's quote");
    assert!(spokesman < blinken, "{text}");
}

#[test]
fn upcoming_events_are_marked_in_every_format() {
    let text = summary(&[FIXTURE]);
    let now = text
        .lines()
        .position(|l| l == "— now (21 Sep 2024) —")
        .expect("a now divider");
    let donors = text
        .lines()
        .position(|l| l.contains("Donor conference"))
        .unwrap();
    let mayor = text
        .lines()
        .position(|l| l.contains("Mayor demands"))
        .unwrap();
    // The mayor speaks on the as-of date itself: not known to be over, so
    // below the line, before what is still to come.
    let count = text
        .lines()
        .position(|l| l.contains("more than 41,000 displaced"))
        .unwrap();
    assert!(count < now && now < mayor && mayor < donors, "{text}");
    assert!(
        text.lines()
            .nth(mayor + 1)
            .unwrap()
            .contains("on the as-of date")
    );
    let md = summary(&[FIXTURE, "--format", "markdown"]);
    assert!(md.contains("**— now (21 Sep 2024) —**"));
    assert!(md.contains("- **25 Sep 2024** (upcoming) — Donor conference"));
    assert!(md.contains("- **21 Sep 2024** (on the as-of date) — Mayor demands"));
    let out = json(&[FIXTURE]);
    let having = |key: &str, value: serde_json::Value| -> Vec<String> {
        out["events"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e[key] == value)
            .map(|e| e["id"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(
        having("upcoming", true.into()),
        ["donors", "decree-ends", "rebuild"]
    );
    assert_eq!(
        having("tense", "upcoming".into()),
        having("upcoming", true.into())
    );
    assert_eq!(having("tense", "ongoing".into()), ["mayor"]);
    assert_eq!(having("tense", "past".into()).last().unwrap(), "count");
}

#[test]
fn one_now_rule_in_text_markdown_and_json() {
    let file = "tests/fixtures/good/now-rule.toml";
    // Past first, then what the as-of day (20 Sep 2023) falls within, then
    // what cannot have begun: the file lists them in another order.
    let order = [
        "last-week",
        "whole-year",
        "mid-month",
        "as-of-day",
        "planned-meeting",
    ];
    let out = json(&[file]);
    assert_eq!(ids(&out["events"]), order);
    let tenses: Vec<&str> = (out["events"].as_array().unwrap().iter())
        .map(|e| e["tense"].as_str().unwrap())
        .collect();
    assert_eq!(
        tenses,
        ["past", "ongoing", "ongoing", "ongoing", "upcoming"]
    );

    let text = summary(&[file]);
    let lines: Vec<&str> = text.lines().collect();
    let at = |needle: &str| lines.iter().position(|l| l.contains(needle)).unwrap();
    let now = at("— now (20 Sep 2023) —");
    assert!(at("Bridge reopens") < now, "{text}");
    let mid = at("Talks held some time in mid September");
    assert!(now < mid && mid < at("Planned meeting"), "{text}");
    assert_eq!(lines[mid + 1].trim(), "its dates include the as-of date");
    assert_eq!(
        lines[at("Statement on the as-of day") + 1].trim(),
        "on the as-of date"
    );
    assert_eq!(lines[at("Planned meeting") + 1].trim(), "upcoming");

    let md = summary(&[file, "--format", "markdown"]);
    let now = md.find("**— now (20 Sep 2023) —**").expect("a divider");
    let mid = md
        .find("- **mid Sep 2023** (its dates include the as-of date) — Talks held")
        .expect("the mid-month event marked");
    let meeting = md
        .find("- **late Sep 2023** (upcoming) — Planned meeting")
        .expect("the meeting marked");
    assert!(md.find("Bridge reopens").unwrap() < now && now < mid && mid < meeting);
}

#[test]
fn the_now_divider_shows_where_now_falls_in_the_window() {
    let divider = "— now (21 Sep 2024) —";
    let timeline = |args: &[&str]| -> Vec<String> {
        let mut all = vec![FIXTURE];
        all.extend_from_slice(args);
        let text = summary(&all);
        let start = text.find("Timeline (").unwrap();
        let end = text.find("Quotes (").unwrap();
        text[start..end].lines().skip(2).map(String::from).collect()
    };
    // Only upcoming events: the divider comes first.
    let only_upcoming = timeline(&["--from", "2024-09-22"]);
    assert_eq!(only_upcoming[0], divider);
    // None upcoming, but the window reaches now: the divider comes after
    // every past event, and only what is dated on the as-of date follows.
    let up_to_now = timeline(&["--to", "2024-09-21"]);
    let at = up_to_now.iter().position(|l| *l == divider).unwrap();
    assert!(up_to_now[at - 1].contains("41,000"), "{up_to_now:?}");
    assert!(up_to_now[at + 1].contains("Mayor demands"), "{up_to_now:?}");
    assert!(
        up_to_now[at + 2].contains("on the as-of date"),
        "{up_to_now:?}"
    );
    assert!(!up_to_now[at..].iter().any(|l| l.contains("upcoming")));
    // A window that ends before now has no divider: nothing says what
    // happened between its end and now.
    assert!(!timeline(&["--to", "2024-09-02"]).contains(&divider.to_string()));
    assert!(!timeline(&["--search", "no such thing"]).contains(&divider.to_string()));
}

#[test]
fn json_metrics_carry_the_dashboards_figures() {
    let out = json(&[FIXTURE]);
    let metric = |id: &str| {
        out["metrics"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["id"] == id)
            .unwrap()
            .clone()
    };
    let displaced = metric("displaced");
    assert_eq!(displaced["display"], "41,000+");
    assert_eq!(displaced["value"], 41000);
    assert_eq!(displaced["qualifier"], "more-than");
    assert_eq!(displaced["points"].as_array().unwrap().len(), 3);
    assert_eq!(displaced["trend"]["rising"], true);
    assert_eq!(metric("rescuers")["display"], "<180 of 400");
    assert_eq!(metric("farmland")["display"], "~60%");
    assert_eq!(metric("no-water")["stale"], true);
    let deaths = metric("deaths");
    assert_eq!(deaths["display"], "23–31");
    assert_eq!(deaths["disputed"], true);
    let until = metric("until-decree");
    assert_eq!(until["display"], "10–19 days");
    assert_eq!(
        (until["days_min"].clone(), until["days_max"].clone()),
        (10.into(), 19.into())
    );
    assert_eq!(until["points"], Value::Null);
}

#[test]
fn sources_in_text_are_those_cited_and_json_lists_all() {
    // With only the northern team, the appeal is cited by nothing shown.
    let text = summary(&[FIXTURE, "--actor", "north-team"]);
    assert!(!text.contains("Emergency appeal"), "{text}");
    let out = json(&[FIXTURE, "--actor", "north-team"]);
    let sources = out["sources"].as_array().unwrap();
    assert_eq!(sources.len(), 6);
    let appeal = sources.iter().find(|s| s["id"] == "appeal").unwrap();
    assert_eq!(appeal["number"], Value::Null);
    let flash = sources.iter().find(|s| s["id"] == "flash-4").unwrap();
    assert_eq!(flash["number"], 1);
    assert!(text.contains("[1] Flash Update #4 | Lowmere floods."));
}

// ---------------------------------------------------------------------------
// Errors and exit codes

#[test]
fn an_unknown_actor_is_a_usage_error_with_a_suggestion() {
    sitrep()
        .args(["summary", FIXTURE, "--actor", "red-cros"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("no actor `red-cros`"))
        .stderr(predicate::str::contains("did you mean `red-cross`?"));
}

#[test]
fn a_bad_date_is_a_usage_error_that_lists_the_forms() {
    for bad in ["soon", "2024-02-30", "late 2024-13", "21/09/2024"] {
        sitrep()
            .args(["summary", FIXTURE, "--from", bad])
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains(
                "2024-09-21, 2024-08, 2024, early/mid/late",
            ));
    }
    sitrep()
        .args(["summary", FIXTURE, "--from", "2024-10", "--to", "2024-09"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("after --to"));
}

#[test]
fn other_usage_errors_exit_2() {
    for args in [
        vec!["--format", "html"],
        vec!["--width", "5"],
        vec!["--width", "wide"],
        vec!["--colour"],
    ] {
        sitrep()
            .arg("summary")
            .arg(FIXTURE)
            .args(&args)
            .assert()
            .code(2)
            .stdout("");
    }
}

#[test]
fn an_unreadable_file_exits_2() {
    sitrep()
        .args(["summary", "tests/fixtures/no-such-file.toml"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("cannot read"))
        .stderr(predicate::str::contains("no such file"));
    sitrep()
        .args(["summary", "tests/fixtures"])
        .assert()
        .code(2)
        .stdout("");
}

#[test]
fn a_file_that_does_not_load_prints_what_check_prints_and_exits_1() {
    let scratch_dir = tempfile::tempdir().expect("a scratch directory");
    let dir = scratch_dir.path();
    let bad = dir.join("bad.toml");
    std::fs::write(
        &bad,
        "[situation]\ntitle = \"x\"\nas_of = 2024-09-21\n\n[[events]]\nid = \"e\"\n\
         date = \"soon\"\ntitle = \"t\"\nactors = [\"nobody\"]\n",
    )
    .unwrap();
    let check = sitrep().arg("check").arg(&bad).output().unwrap();
    assert_eq!(check.status.code(), Some(1));
    let out = sitrep().arg("summary").arg(&bad).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty(), "no briefing for a broken file");
    // The same report as `check`, on stderr since stdout is for the briefing.
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        String::from_utf8_lossy(&check.stdout)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("bad.toml:7:8"));
}

// ---------------------------------------------------------------------------
// The same filter as the dashboard

#[test]
fn summary_selects_exactly_what_query_select_selects() {
    let s = load(FIXTURE);
    let index = Index::new(&s);
    let actor = |id: &str| s.actor_by_id(id).unwrap();
    let day = |d: &str| Some(d.parse().unwrap());
    let cases: Vec<(Vec<&str>, Filter)> = vec![
        (vec![], Filter::default()),
        (
            vec!["--actor", "red-cross"],
            Filter {
                actors: vec![actor("red-cross")],
                ..Filter::default()
            },
        ),
        (
            vec!["--actor", "ministry-water", "--actor", "residents"],
            Filter {
                actors: vec![actor("ministry-water"), actor("residents")],
                ..Filter::default()
            },
        ),
        (
            vec!["--search", "lowmere"],
            Filter {
                search: "lowmere".into(),
                ..Filter::default()
            },
        ),
        (
            vec!["--search", "LRC", "--actor", "red-cross"],
            Filter {
                actors: vec![actor("red-cross")],
                search: "LRC".into(),
                ..Filter::default()
            },
        ),
        (
            vec!["--from", "mid 2024-09", "--to", "2024-09-25"],
            Filter {
                from: day("2024-09-11"),
                to: day("2024-09-25"),
                ..Filter::default()
            },
        ),
        (
            vec!["--to", "2024-09-03", "--actor", "government"],
            Filter {
                actors: vec![actor("government")],
                to: day("2024-09-03"),
                ..Filter::default()
            },
        ),
        (
            vec!["--category", "humanitarian", "--kind", "organization"],
            Filter {
                facets: Facets {
                    categories: vec!["humanitarian".into()],
                    kinds: vec![ActorKind::Organization],
                    ..Facets::default()
                },
                ..Filter::default()
            },
        ),
        (
            vec!["--source", "flash-4", "--actor", "residents"],
            Filter {
                actors: vec![actor("residents")],
                facets: Facets {
                    sources: vec![s.source_by_id("flash-4").unwrap()],
                    ..Facets::default()
                },
                ..Filter::default()
            },
        ),
        (
            vec!["--search", "nothing matches this"],
            Filter {
                search: "nothing matches this".into(),
                ..Filter::default()
            },
        ),
    ];
    for (args, filter) in cases {
        let selection = select(&s, &index, &filter);
        let mut all = vec![FIXTURE];
        all.extend(&args);
        let out = json(&all);
        let events: Vec<String> = selection
            .events
            .iter()
            .map(|&e| s.events[e].id.clone())
            .collect();
        assert_eq!(ids(&out["events"]), events, "events for {args:?}");
        let quotes: Vec<String> = selection
            .quotes
            .iter()
            .map(|&q| s.quotes[q].id.clone().unwrap_or_default())
            .collect();
        assert_eq!(ids(&out["quotes"]), quotes, "quotes for {args:?}");
        let highlighted: Vec<bool> = s
            .metric_ixs()
            .map(|m| selection.highlighted_metrics.contains(&m))
            .collect();
        let flags: Vec<bool> = out["metrics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["highlighted"] == true)
            .collect();
        assert_eq!(flags, highlighted, "highlighted metrics for {args:?}");
        // Text says how many it kept, from the same selection.
        let text = summary(&all);
        let heading = format!(
            "Timeline ({}",
            if selection.events.len() == s.events.len() {
                format!("{} events)", s.events.len())
            } else {
                format!("{} of {} events)", selection.events.len(), s.events.len())
            }
        );
        assert!(text.contains(&heading), "{heading:?} in\n{text}");
    }
}

// ---------------------------------------------------------------------------
// Hostile text

/// Characters that must never reach a terminal raw.
fn hostile(c: char) -> bool {
    (c.is_control() && c != '\n') || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

#[test]
fn no_control_character_from_the_data_reaches_text_or_markdown() {
    for format in ["text", "markdown"] {
        // Only text is wrapped, so only text takes a width.
        let widths: &[Option<&str>] = match format {
            "text" => &[Some("20"), Some("80")],
            _ => &[None],
        };
        for &width in widths {
            let mut args = vec![HOSTILE, "--format", format];
            args.extend(width.map(|w| ["--width", w]).into_iter().flatten());
            let out = summary(&args);
            let found: Vec<char> = out.chars().filter(|&c| hostile(c)).collect();
            assert!(found.is_empty(), "{format}: raw {found:?} in\n{out}");
            // What was there is shown, not hidden: ESC, BEL and backspace as
            // control pictures, C1 and bidi controls as replacement marks.
            for visible in ['␛', '␇', '␈', '␡', '\u{fffd}'] {
                assert!(out.contains(visible), "{format}: no {visible} in\n{out}");
            }
        }
    }
}

#[test]
fn json_escapes_every_control_character_and_round_trips() {
    let out = summary(&[HOSTILE, "--format", "json"]);
    let raw: Vec<char> = out.chars().filter(|&c| hostile(c)).collect();
    assert!(raw.is_empty(), "raw {raw:?} in JSON");
    for escaped in [
        "\\u001b", "\\u0007", "\\b", "\\u007f", "\\u009b", "\\u0085", "\\u202e", "\\u2066",
    ] {
        assert!(out.contains(escaped), "no {escaped} in\n{out}");
    }
    // Escaping changes nothing for a JSON reader: the data comes back whole.
    let s = load(HOSTILE);
    let json: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["situation"]["title"], s.title.as_str());
    assert_eq!(json["situation"]["summary"], s.summary.as_deref().unwrap());
    assert_eq!(json["events"][0]["title"], s.events[0].title.as_str());
    assert_eq!(json["quotes"][0]["text"], s.quotes[0].text.as_str());
    assert_eq!(json["actors"][0]["name"], &*s.actors[0].name);
    assert_eq!(
        json["metrics"][0]["unit"],
        s.metrics[0].unit.as_deref().unwrap()
    );
    assert_eq!(
        json["sources"][0]["url"],
        s.sources[0].url.as_deref().unwrap()
    );
}

// ---------------------------------------------------------------------------
// The JSON contract

/// Keys named in the first column of the table under "### `section`" in
/// docs/summary-json.md.
fn documented_keys(doc: &str, section: &str) -> Vec<String> {
    let heading = format!("### `{section}`");
    let start = doc.find(&heading).unwrap_or_else(|| panic!("no {heading}"));
    let mut keys = Vec::new();
    for line in doc[start..].lines().skip(1) {
        if line.starts_with("### ") || line.starts_with("## ") {
            break;
        }
        let Some(cell) = line.strip_prefix("| ").and_then(|l| l.split(" |").next()) else {
            continue;
        };
        keys.extend(cell.split('`').skip(1).step_by(2).map(String::from));
    }
    keys
}

fn object_keys(value: &Value) -> Vec<String> {
    value
        .as_object()
        .expect("an object")
        .keys()
        .cloned()
        .collect()
}

#[test]
fn a_place_keeps_what_happened_in_it_and_in_the_places_inside_it() {
    // North bank lies in Riverside; nothing at the valley's other places.
    let out = json(&[FIXTURE, "--place", "riverside"]);
    assert_eq!(
        ids(&out["events"]),
        ["boats", "breach", "villages", "mayor", "rebuild"]
    );
    assert_eq!(out["filter"]["places"], serde_json::json!(["riverside"]));
    let place = |id: &str| {
        out["places"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["id"] == id)
            .cloned()
            .unwrap()
    };
    assert_eq!(place("riverside")["events"], 5);
    assert_eq!(place("north-bank")["events"], 1);
    assert_eq!(place("lowmere-valley")["in_scope"], false);
    assert_eq!(place("north-bank")["in_scope"], true);
    assert_eq!(place("riverside")["lat"], 7.3712);
    assert_eq!(place("north-bank")["lat"], Value::Null);
    assert_eq!(place("lowmere-valley")["approximate"], true);
    let event = |id: &str| {
        out["events"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["id"] == id)
            .cloned()
            .unwrap()
    };
    assert_eq!(event("villages")["place"], "north-bank");
    // The whole valley takes in both, and its own name in the filter line.
    let text = summary(&[
        FIXTURE,
        "--place",
        "lowmere-valley",
        "--place",
        "riverside",
        "--width",
        "200",
    ]);
    assert!(
        text.contains(
            "Filter: places Lowmere valley (lowmere-valley) or Riverside (riverside), with what lies in them."
        ),
        "{text}"
    );
    assert!(text.contains("Timeline (5 of 12 events)"), "{text}");
    assert!(
        text.contains("in North bank · LRC northern response team"),
        "{text}"
    );
}

#[test]
fn an_unknown_place_is_a_usage_error_naming_the_place_meant() {
    sitrep()
        .args(["summary", FIXTURE, "--place", "Riverside"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(
            "error: --place: no place `Riverside` in this situation; did you mean `riverside`?\n",
        );
    sitrep()
        .args(["summary", FIXTURE, "--place", "bank"])
        .assert()
        .code(2)
        .stderr(
            "error: --place: no place `bank` in this situation; did you mean `north-bank` (North bank)?\n",
        );
}

#[test]
fn every_json_key_is_documented_and_every_documented_key_is_there() {
    let doc = std::fs::read_to_string(root().join("docs/summary-json.md")).unwrap();
    let out = json(&[FIXTURE]);
    let sorted = |mut keys: Vec<String>| {
        keys.sort();
        keys
    };
    for (section, value) in [
        ("situation", &out["situation"]),
        ("filter", &out["filter"]),
        ("events", &out["events"][0]),
        ("quotes", &out["quotes"][0]),
        ("metrics", &out["metrics"][0]),
        ("actors", &out["actors"][0]),
        ("places", &out["places"][0]),
        ("sources", &out["sources"][0]),
    ] {
        assert_eq!(
            sorted(object_keys(value)),
            sorted(documented_keys(&doc, section)),
            "keys of `{section}`"
        );
    }
    // Every record of a list has the same keys, whatever applies to it.
    for list in ["events", "quotes", "metrics", "actors", "places", "sources"] {
        let items = out[list].as_array().unwrap();
        for item in items {
            assert_eq!(
                object_keys(item),
                object_keys(&items[0]),
                "a record of {list}"
            );
        }
    }
}

// ---------------------------------------------------------------------------
// Markdown as a CommonMark parser (with GitHub's tables and strikethrough)
// reads it

mod markdown {
    use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

    /// What a parser found in a document: headings, table rows, list items,
    /// quotes, and any markup the data must never produce.
    #[derive(Debug, Default)]
    pub struct Parsed {
        pub headings: Vec<(HeadingLevel, String)>,
        pub rows: Vec<Vec<String>>,
        pub items: Vec<String>,
        pub quotes: Vec<String>,
        pub stray: Vec<String>,
    }

    pub fn parse(md: &str) -> Parsed {
        let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
        let mut parsed = Parsed::default();
        let mut text = String::new();
        let mut row: Vec<String> = Vec::new();
        let mut item_depth = 0;
        for event in Parser::new_ext(md, options) {
            match event {
                Event::Start(Tag::Heading { .. })
                | Event::Start(Tag::TableCell)
                | Event::Start(Tag::BlockQuote(_)) => text.clear(),
                Event::Start(Tag::Item) => {
                    item_depth += 1;
                    text.clear();
                }
                Event::End(TagEnd::Heading(level)) => parsed.headings.push((level, text.clone())),
                Event::End(TagEnd::TableCell) => row.push(text.trim().to_string()),
                Event::End(TagEnd::TableHead) | Event::End(TagEnd::TableRow) => {
                    parsed.rows.push(std::mem::take(&mut row))
                }
                Event::End(TagEnd::Item) => {
                    item_depth -= 1;
                    parsed.items.push(text.clone());
                }
                Event::End(TagEnd::BlockQuote(_)) => parsed.quotes.push(text.clone()),
                Event::End(TagEnd::Paragraph) => text.push('\n'),
                Event::Text(t) | Event::Code(t) => text.push_str(&t),
                Event::SoftBreak | Event::HardBreak => text.push(' '),
                Event::Html(h) | Event::InlineHtml(h) => parsed.stray.push(format!("html {h}")),
                Event::Start(Tag::Emphasis) => parsed.stray.push("emphasis".into()),
                Event::Start(Tag::Strikethrough) => parsed.stray.push("strikethrough".into()),
                Event::Start(Tag::Image { .. }) => parsed.stray.push("image".into()),
                Event::Start(Tag::Link { dest_url, .. }) if !dest_url.starts_with("https://") => {
                    parsed.stray.push(format!("link {dest_url}"))
                }
                Event::Start(Tag::List(_)) if item_depth > 0 => {
                    parsed.stray.push("nested list".into())
                }
                _ => {}
            }
        }
        parsed
    }
}

#[test]
fn markdown_reads_back_as_the_structure_and_text_it_was_built_from() {
    use pulldown_cmark::HeadingLevel::{H1, H2};
    use sitrep::sanitize::clean_line;

    for path in [FIXTURE, HOSTILE] {
        let s = load(path);
        let md = summary(&[path, "--format", "markdown"]);
        let parsed = markdown::parse(&md);
        assert!(parsed.stray.is_empty(), "{path}: {:?}", parsed.stray);
        let clean = |text: &str| clean_line(text).trim().to_string();

        // One title, four sections, nothing else: no data line became a heading.
        let levels: Vec<_> = parsed.headings.iter().map(|(level, _)| *level).collect();
        assert_eq!(levels, [H1, H2, H2, H2, H2], "{path}");
        assert_eq!(parsed.headings[0].1, clean(&s.title), "{path}");

        // A header row and one row per metric, four cells each, and the
        // label cell reads back as the label.
        assert_eq!(parsed.rows.len(), 1 + s.metrics.len(), "{path}");
        for (row, metric) in parsed.rows[1..].iter().zip(&s.metrics) {
            assert_eq!(row.len(), 4, "{path}: {row:?}");
            assert_eq!(row[0], clean(&metric.label), "{path}");
        }

        // One item per event and per source, one quote per quote.
        let sources = md
            .lines()
            .filter(|l| l.starts_with(char::is_numeric))
            .count();
        assert_eq!(parsed.items.len(), s.events.len() + sources, "{path}");
        for (item, event) in parsed.items.iter().zip(&s.events) {
            assert!(item.contains(&clean(&event.title)), "{path}: {item:?}");
        }
        // Quotes come in date order, as in the dashboard.
        assert_eq!(parsed.quotes.len(), s.quotes.len(), "{path}");
        let in_order = sitrep::query::quotes_by_date(&s);
        for (quote, &q) in parsed.quotes.iter().zip(&in_order) {
            let text = clean(&s.quotes[q].text);
            assert!(quote.starts_with(&text), "{path}: {quote:?}");
        }
    }
}

// ---------------------------------------------------------------------------
// Facets: categories, tags, actor kinds, sources

#[test]
fn facets_keep_any_value_within_a_flag_and_every_flag_across() {
    let out = json(&[FIXTURE, "--category", "politics"]);
    assert_eq!(ids(&out["events"]), ["emergency", "mayor", "decree-ends"]);
    // Quotes have their event's category; the one at no event has none.
    assert_eq!(ids(&out["quotes"]), ["osei-counted", "hale-promises"]);
    assert_eq!(out["filter"]["categories"], serde_json::json!(["politics"]));
    // A category says nothing about figures: none stands out.
    assert!(
        out["metrics"]
            .as_array()
            .unwrap()
            .iter()
            .all(|m| m["highlighted"] == false)
    );

    let out = json(&[FIXTURE, "--category", "politics", "--category", "security"]);
    assert_eq!(
        ids(&out["events"]),
        ["boats", "emergency", "mayor", "decree-ends"]
    );

    // Across flags, both must hold: politics with a person in it.
    let out = json(&[FIXTURE, "--category", "politics", "--kind", "person"]);
    assert_eq!(ids(&out["events"]), ["emergency", "mayor"]);
    assert_eq!(out["filter"]["kinds"], serde_json::json!(["person"]));

    let text = summary(&[
        FIXTURE,
        "--category",
        "politics",
        "--category",
        "security",
        "--kind",
        "person",
        "--width",
        "200",
    ]);
    assert!(
        text.contains("Filter: categories politics or security; actor kind person."),
        "{text}"
    );
}

#[test]
fn a_source_keeps_every_event_figure_and_quote_citing_it() {
    let out = json(&[FIXTURE, "--source", "radio"]);
    assert_eq!(ids(&out["events"]), ["mayor"]);
    assert_eq!(ids(&out["quotes"]), ["hale-promises"]);
    assert_eq!(out["filter"]["sources"], serde_json::json!(["radio"]));
    let highlighted: Vec<&str> = out["metrics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["highlighted"] == true)
        .map(|m| m["id"].as_str().unwrap())
        .collect();
    // The deaths figure cites the radio for its latest count.
    assert_eq!(highlighted, ["deaths"]);

    // A day count cites its event's sources.
    let out = json(&[FIXTURE, "--source", "ministry"]);
    let highlighted: Vec<&str> = out["metrics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["highlighted"] == true)
        .map(|m| m["id"].as_str().unwrap())
        .collect();
    assert_eq!(highlighted, ["deaths", "until-decree"]);
    assert_eq!(ids(&out["quotes"]), ["osei-counted"]);

    let text = summary(&[FIXTURE, "--source", "radio", "--width", "200"]);
    assert!(
        text.contains("Filter: source Interview with the mayor of Riverside (radio)."),
        "{text}"
    );
}

#[test]
fn a_kind_keeps_what_involves_an_actor_of_it_and_highlights_its_figures() {
    let out = json(&[FIXTURE, "--kind", "force"]);
    assert_eq!(ids(&out["events"]), ["boats"]);
    let highlighted: Vec<&str> = out["metrics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["highlighted"] == true)
        .map(|m| m["id"].as_str().unwrap())
        .collect();
    assert_eq!(highlighted, ["rescuers"]);
    // A quote counts by its speaker or who it is about.
    let out = json(&[FIXTURE, "--kind", "population"]);
    assert_eq!(ids(&out["quotes"]), ["osei-counted", "resident-night"]);
}

#[test]
fn tags_narrow_the_built_in_situation() {
    let out = json(&["--tag", "cholera"]);
    let events = out["events"].as_array().unwrap();
    assert!(!events.is_empty());
    for event in events {
        let tags = event["tags"].as_array().unwrap();
        assert!(tags.iter().any(|t| t == "cholera"), "{event}");
    }
    let both = json(&["--tag", "cholera", "--tag", "gangs"]);
    assert!(both["events"].as_array().unwrap().len() > events.len());
}

#[test]
fn an_unknown_facet_value_is_a_usage_error_naming_the_value_meant() {
    for (args, message) in [
        (
            vec!["--category", "politcs"],
            "error: --category: no category `politcs` in this situation; did you mean `politics`?\n",
        ),
        (
            vec!["--kind", "forces"],
            "error: --kind: no actor kind `forces` in this situation; did you mean `force`?\n",
        ),
        (
            vec!["--source", "Radio Lowmere"],
            "error: --source: no source `Radio Lowmere` in this situation; did you mean `radio` (Interview with the mayor of Riverside)?\n",
        ),
        (
            vec!["--tag", "flood"],
            "error: --tag: no tag `flood` in this situation; the file names no tags\n",
        ),
        (
            vec!["--category", "sports"],
            "error: --category: no category `sports` in this situation; known categories: diplomacy, disaster, health, humanitarian, politics, reconstruction, security, weather\n",
        ),
    ] {
        sitrep()
            .arg("summary")
            .arg(FIXTURE)
            .args(&args)
            .assert()
            .code(2)
            .stdout("")
            .stderr(message);
    }
}
