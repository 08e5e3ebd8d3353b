//! `sitrep summary --format timelinejs` and `--format csv` through the real
//! binary: each output is parsed back and checked field by field, against
//! TimelineJS 3's documented JSON format and against the CSV columns in
//! docs/export.md.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

const FIXTURE: &str = "tests/fixtures/summary.toml";
const HOSTILE: &str = "tests/fixtures/hostile.toml";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Runs `sitrep summary ARGS`, expects success and a quiet stderr.
fn summary(args: &[&str]) -> String {
    let out = Command::cargo_bin("sitrep")
        .expect("the binary is built")
        .current_dir(root())
        // No config file of the developer's: it could change the output.
        .env(
            "SITREP_CONFIG",
            concat!(env!("CARGO_TARGET_TMPDIR"), "/no-config-here/config.toml"),
        )
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

fn timeline(args: &[&str]) -> Value {
    let mut all = args.to_vec();
    all.extend(["--format", "timelinejs"]);
    serde_json::from_str(&summary(&all)).expect("the timeline is JSON")
}

/// A file of its own for one test, under cargo's scratch directory.
fn scratch(name: &str, text: &str) -> PathBuf {
    let path = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    std::fs::write(&path, text).unwrap();
    path
}

fn keys(object: &Value) -> Vec<&str> {
    object
        .as_object()
        .expect("an object")
        .keys()
        .map(String::as_str)
        .collect()
}

fn event<'a>(timeline: &'a Value, id: &str) -> &'a Value {
    timeline["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["unique_id"] == id)
        .unwrap_or_else(|| panic!("no slide {id}"))
}

// ---------------------------------------------------------------------------
// TimelineJS

/// Every key is one TimelineJS 3 documents, with the documented type.
fn assert_documented(timeline: &Value) {
    const TOP: [&str; 4] = ["events", "title", "eras", "scale"];
    const SLIDE: [&str; 9] = [
        "start_date",
        "end_date",
        "text",
        "media",
        "group",
        "display_date",
        "background",
        "autolink",
        "unique_id",
    ];
    const DATE: [&str; 8] = [
        "year",
        "month",
        "day",
        "hour",
        "minute",
        "second",
        "millisecond",
        "display_date",
    ];
    for key in keys(timeline) {
        assert!(TOP.contains(&key), "undocumented top-level key {key}");
    }
    let events = timeline["events"].as_array().expect("events is a list");
    let slides = std::iter::once(&timeline["title"]).chain(events);
    for (n, slide) in slides.enumerate() {
        for key in keys(slide) {
            assert!(SLIDE.contains(&key), "undocumented slide key {key}");
        }
        for key in keys(&slide["text"]) {
            assert!(["headline", "text"].contains(&key), "text key {key}");
        }
        assert!(slide["text"]["headline"].is_string());
        assert!(slide["text"]["text"].is_string());
        // Only the title slide may go without a start date.
        if n > 0 {
            assert!(slide["start_date"].is_object(), "{slide}");
        }
        for date in [&slide["start_date"], &slide["end_date"]] {
            if date.is_null() {
                continue;
            }
            for key in keys(date) {
                assert!(DATE.contains(&key), "undocumented date key {key}");
            }
            assert!(date["year"].is_i64(), "year is a number: {date}");
            if let Some(month) = date.get("month") {
                assert!((1..=12).contains(&month.as_i64().unwrap()), "{date}");
                if let Some(day) = date.get("day") {
                    assert!((1..=31).contains(&day.as_i64().unwrap()), "{date}");
                }
            } else {
                assert!(date.get("day").is_none(), "a day without a month: {date}");
            }
        }
        for key in ["group", "display_date", "unique_id"] {
            assert!(slide[key].is_null() || slide[key].is_string(), "{key}");
        }
    }
}

#[test]
fn the_timeline_uses_only_documented_fields() {
    let t = timeline(&[FIXTURE]);
    assert_documented(&t);
    assert_documented(&timeline(&[HOSTILE]));
    assert_eq!(t["events"].as_array().unwrap().len(), 12);
    let ids: HashSet<&str> = t["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["unique_id"].as_str().unwrap())
        .collect();
    assert_eq!(ids.len(), 12, "unique ids");
}

#[test]
fn the_title_slide_is_the_situation() {
    let t = timeline(&[FIXTURE]);
    assert_eq!(
        t["title"]["text"]["headline"],
        "Lowmere river floods: relief and rebuilding"
    );
    let text = t["title"]["text"]["text"].as_str().unwrap();
    assert!(text.contains("As of 21 Sep 2024"), "{text}");
    assert!(text.contains("12 events"), "{text}");
    assert!(t["title"].get("start_date").is_none());
}

#[test]
fn dates_hold_only_the_known_parts_and_say_the_rest_in_words() {
    let t = timeline(&[FIXTURE]);
    let date = |id: &str, key: &str| event(&t, id)[key].clone();
    // A day: all three parts, and TimelineJS's own wording is honest.
    assert_eq!(
        date("appeal", "start_date"),
        serde_json::json!({"year": 2024, "month": 9, "day": 2})
    );
    assert!(date("appeal", "display_date").is_null());
    // A span: both ends.
    assert_eq!(
        date("breach", "end_date"),
        serde_json::json!({"year": 2024, "month": 9, "day": 5})
    );
    // A month: no day.
    assert_eq!(
        date("rebuild", "start_date"),
        serde_json::json!({"year": 2024, "month": 11})
    );
    assert!(date("rebuild", "display_date").is_null());
    // Part of a month: no made-up day; the words say which part.
    assert_eq!(
        date("rain", "start_date"),
        serde_json::json!({"year": 2024, "month": 8})
    );
    assert_eq!(date("rain", "display_date"), "late Aug 2024");
    assert_eq!(date("boats", "display_date"), "early Sep 2024");
    assert_eq!(date("cholera", "display_date"), "mid Sep 2024");
    // Approximate: the day as written, marked "c.".
    assert_eq!(date("villages", "start_date")["day"], 10);
    assert_eq!(date("villages", "display_date"), "c. 10 Sep 2024");
    assert!(date("appeal", "end_date").is_null());
}

#[test]
fn category_is_the_group_and_sources_are_links() {
    let t = timeline(&[FIXTURE]);
    let breach = event(&t, "breach");
    assert_eq!(breach["group"], "disaster");
    assert_eq!(breach["text"]["headline"], "Levee breaches flood Riverside");
    let text = breach["text"]["text"].as_str().unwrap();
    assert!(
        text.contains("Two sections of the north levee give way over three days."),
        "{text}"
    );
    assert!(
        text.contains(
            "<a href=\"https://example.org/lowmere/flash-update-4\">Flash Update #4 | Lowmere floods</a>"
        ),
        "{text}"
    );
    // A source without a URL is named, not linked.
    assert!(text.contains("Valley Gazette live report"), "{text}");
    assert!(!text.contains("<a href=\"\""), "{text}");
}

#[test]
fn the_timeline_escapes_html_and_links_only_web_addresses() {
    let file = scratch(
        "timelinejs-html.toml",
        r#"
[situation]
title = "Tom & Jerry <b>live</b>"
as_of = 2024-09-21

[[sources]]
id = "evil"
title = "<script>alert(1)</script>"
url = "javascript:alert(1)"

[[sources]]
id = "quoted"
title = "Said \"hi\""
url = "https://example.org/?a=1&b=\"2\""

[[events]]
id = "e1"
date = 2024-09-20
title = "A <i>title</i>"
summary = "One & two\n\nThree < four"
sources = ["evil", "quoted"]
"#,
    );
    let t = timeline(&[file.to_str().unwrap()]);
    assert_eq!(
        t["title"]["text"]["headline"],
        "Tom &amp; Jerry &lt;b&gt;live&lt;/b&gt;"
    );
    let e = event(&t, "e1");
    assert_eq!(e["text"]["headline"], "A &lt;i&gt;title&lt;/i&gt;");
    let text = e["text"]["text"].as_str().unwrap();
    assert!(
        text.contains("<p>One &amp; two</p><p>Three &lt; four</p>"),
        "{text}"
    );
    assert!(!text.contains("javascript:"), "{text}");
    assert!(
        text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{text}"
    );
    assert!(
        text.contains(
            "<a href=\"https://example.org/?a=1&amp;b=&quot;2&quot;\">Said &quot;hi&quot;</a>"
        ),
        "{text}"
    );
}

#[test]
fn the_timeline_follows_the_same_filter_as_every_format() {
    let filter = [FIXTURE, "--actor", "red-cross", "--from", "2024-09-05"];
    let t = timeline(&filter);
    let mut json_args = filter.to_vec();
    json_args.extend(["--format", "json"]);
    let json: Value = serde_json::from_str(&summary(&json_args)).unwrap();
    let from_json: Vec<&str> = json["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    let from_timeline: Vec<&str> = t["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["unique_id"].as_str().unwrap())
        .collect();
    assert!(!from_json.is_empty());
    assert_eq!(from_timeline, from_json);
    assert!(from_timeline.len() < 12);
    let title = t["title"]["text"]["text"].as_str().unwrap();
    assert!(title.contains("Showing actor Lowmere Red Cross"), "{title}");
}

// ---------------------------------------------------------------------------
// CSV

fn csv_rows(args: &[&str]) -> (Vec<String>, Vec<BTreeMap<String, String>>) {
    let mut all = args.to_vec();
    all.extend(["--format", "csv"]);
    let out = summary(&all);
    let mut reader = csv::Reader::from_reader(out.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let rows = reader
        .records()
        .map(|r| {
            let r = r.expect("a well-formed row");
            header
                .iter()
                .cloned()
                .zip(r.iter().map(String::from))
                .collect()
        })
        .collect();
    (header, rows)
}

#[test]
fn csv_has_one_row_per_event_with_its_dates() {
    let (header, rows) = csv_rows(&[FIXTURE]);
    assert_eq!(
        header,
        [
            "id",
            "date",
            "end",
            "first_day",
            "last_day",
            "title",
            "actors",
            "place",
            "category",
            "tags",
            "sources"
        ]
    );
    assert_eq!(rows.len(), 12);
    let row = |id: &str| rows.iter().find(|r| r["id"] == id).unwrap();
    let rain = row("rain");
    assert_eq!(rain["date"], "late 2024-08");
    assert_eq!(rain["first_day"], "2024-08-21");
    assert_eq!(rain["last_day"], "2024-08-31");
    assert_eq!(rain["place"], "Upper Lowmere valley");
    assert_eq!(rain["category"], "weather");
    let breach = row("breach");
    assert_eq!(breach["date"], "2024-09-03");
    assert_eq!(breach["end"], "2024-09-05");
    assert_eq!(breach["last_day"], "2024-09-05");
    assert_eq!(
        breach["sources"],
        "Valley Gazette live report; Flash Update #4 | Lowmere floods"
    );
    assert_eq!(row("villages")["date"], "~2024-09-10");
    assert_eq!(
        row("cholera")["title"],
        "Suspected *cholera* cases in two camps"
    );
    assert!(row("breach")["actors"].contains("; "));
}

#[test]
fn csv_quotes_what_needs_quoting_and_keeps_formulas_as_text() {
    let file = scratch(
        "csv-quoting.toml",
        r#"
[situation]
title = "Quoting"
as_of = 2024-09-21

[[actors]]
id = "a"
name = "Smith, John"
kind = "person"

[[events]]
id = "e1"
date = 2024-09-20
title = "He said \"no\", twice"
actors = ["a"]
tags = ["x", "y"]
category = "=HYPERLINK(\"https://example.org\")"
"#,
    );
    let (_, rows) = csv_rows(&[file.to_str().unwrap()]);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["title"], "He said \"no\", twice");
    assert_eq!(rows[0]["actors"], "Smith, John");
    assert_eq!(rows[0]["tags"], "x; y");
    assert_eq!(rows[0]["category"], "'=HYPERLINK(\"https://example.org\")");
}

#[test]
fn csv_follows_the_filter() {
    let (_, all) = csv_rows(&[FIXTURE]);
    let (_, some) = csv_rows(&[FIXTURE, "--search", "levee"]);
    let ids: Vec<&str> = some.iter().map(|r| r["id"].as_str()).collect();
    assert_eq!(ids, ["breach", "rebuild"]);
    assert!(all.len() > some.len());
}

#[test]
fn no_control_character_reaches_the_exports_raw() {
    for format in ["timelinejs", "csv"] {
        let out = summary(&[HOSTILE, "--format", format]);
        let raw: Vec<char> = out
            .chars()
            .filter(|&c| {
                (c.is_control() && c != '\n')
                    || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
            })
            .collect();
        assert!(raw.is_empty(), "{format}: raw {raw:?} in\n{out}");
    }
}
