//! `sitrep check` run through the real binary on the fixture files: exit
//! codes, the exact place of each problem, its message and its help.

use assert_cmd::Command;
use predicates::prelude::*;

/// The binary, run from the crate root so fixture paths print as written.
fn sitrep() -> Command {
    let mut cmd = Command::cargo_bin("sitrep").expect("the sitrep binary is built for tests");
    // No config file of the developer's (only `check --config` reads one).
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .env(
            "SITREP_CONFIG",
            concat!(env!("CARGO_TARGET_TMPDIR"), "/no-config-here/config.toml"),
        );
    cmd
}

fn bad(name: &str) -> String {
    format!("tests/fixtures/bad/{name}.toml")
}

fn good(name: &str) -> String {
    format!("tests/fixtures/good/{name}.toml")
}

/// Runs `sitrep check --short` on a bad fixture and expects exactly these
/// problem lines (each `line:col: level: message (help)`, the path added
/// here), then the summary line, and exit status 1.
fn check_bad(name: &str, problems: &[&str], summary: &str) {
    let path = bad(name);
    let mut expected: String = problems
        .iter()
        .map(|line| format!("{path}:{line}\n"))
        .collect();
    expected.push_str(&format!("{path}: not valid, {summary}\n"));
    sitrep()
        .args(["check", "--short", &path])
        .assert()
        .code(1)
        .stdout(expected)
        .stderr("");
}

/// One test per bad fixture: each names the rule of the format's "Checking"
/// section it breaks, and pins where and how it is reported.
macro_rules! bad_fixtures {
    ($($test:ident: $file:literal => [$($line:literal),+ $(,)?], $summary:literal;)+) => {
        $(
            #[test]
            fn $test() {
                check_bad($file, &[$($line),+], $summary);
            }
        )+
    };
}

bad_fixtures! {
    toml_syntax_error: "syntax-error" => [
        r#"3:14: error: TOML syntax: invalid basic string, expected `"`"#,
    ], "1 error";

    unknown_top_level_key: "unknown-key-top" => [
        "6:3: error: unknown table `[[actrs]]` in the file (did you mean `[[actors]]`?)",
    ], "1 error";
    number_with_thousands_separators: "number-with-commas" => [
        "9:12: error: TOML syntax: unexpected key or value, expected newline, `#` (numbers take no commas: write 578000 or 578_000)",
    ], "1 error";
    unknown_key_in_a_table: "unknown-key-event" => [
        "13:1: error: unknown key `titel` in [[events]] (did you mean `title`?)",
    ], "1 error";
    unknown_key_in_a_metric_point: "unknown-key-point" => [
        "15:39: error: unknown key `qualifer` in a metric's `points` (did you mean `qualifier`?)",
    ], "1 error";

    missing_situation_table: "missing-situation" => [
        "1:1: error: missing the `[situation]` table (start the file with [situation], a `title` and an `as_of` date)",
        "3:6: warning: source `wire` is never cited",
    ], "1 error, 1 warning";
    missing_situation_title: "missing-title" => [
        "2:1: error: missing required key `title` in [situation]",
    ], "1 error";
    missing_as_of: "missing-as-of" => [
        "2:1: error: missing required key `as_of` in [situation]",
    ], "1 error";
    missing_actor_kind: "missing-actor-kind" => [
        "10:1: error: missing required key `kind` in [[actors]]",
    ], "1 error";
    missing_event_date: "missing-event-date" => [
        "10:1: error: missing required key `date` in [[events]]",
    ], "1 error";
    missing_source_id: "missing-source-id" => [
        "6:1: error: missing required key `id` in [[sources]]",
    ], "1 error";
    missing_quote_speaker: "missing-quote-speaker" => [
        "10:1: error: missing required key `speaker` in [[quotes]]",
    ], "1 error";

    string_where_an_array_is_expected: "type-string-for-array" => [
        "5:8: error: expected an array, found a string (write it as a list: [\"haiti\"])",
    ], "1 error";
    reference_to_an_id_not_yet_valid: "reference-to-invalid-id" => [
        "11:6: error: `Ruto` is not a valid id: use a-z, 0-9, `-` and `_`, starting with a letter or digit (try `ruto`)",
        "19:11: error: no actor `ruto` (the actor with id `Ruto`? fix its id to `ruto`)",
    ], "2 errors";
    number_written_as_a_string: "type-number-as-string" => [
        "13:9: error: expected a number, found a string (write it without quotes: 578000)",
    ], "1 error";
    number_where_a_string_is_expected: "type-number-for-string" => [
        "12:8: error: expected a string, found an integer",
    ], "1 error";
    date_written_as_an_integer: "type-date-as-integer" => [
        r#"12:8: error: expected a date (2024-09-21 or a string like "late 2024-02"), found an integer"#,
    ], "1 error";
    single_table_where_an_array_of_tables_is_expected: "type-table-for-array" => [
        "6:1: error: `actors` must be an array of tables, found a table (write each item under its own [[actors]] header)",
    ], "1 error";

    id_with_capitals: "id-uppercase" => [
        "7:6: error: `AlJazeera` is not a valid id: use a-z, 0-9, `-` and `_`, starting with a letter or digit (try `aljazeera`)",
    ], "1 error";
    id_with_a_space: "id-space" => [
        "7:6: error: `al jazeera` is not a valid id: use a-z, 0-9, `-` and `_`, starting with a letter or digit (try `al-jazeera`)",
    ], "1 error";
    id_too_long: "id-too-long" => [
        "7:6: error: an id must be 1 to 64 characters long, this one has 65",
    ], "1 error";
    id_with_accents: "id-accented" => [
        "8:6: error: `conseil-présidentiel-de-transition-haïti-membres-nommés-avril-24` is not a valid id: use a-z, 0-9, `-` and `_`, starting with a letter or digit (try `conseil-pr-sidentiel-de-transition-ha-ti-membres-nomm-s-avril-24`)",
    ], "1 error";
    id_starting_with_a_dash: "id-leading-dash" => [
        "7:6: error: `-wire` is not a valid id: use a-z, 0-9, `-` and `_`, starting with a letter or digit (try `wire`)",
    ], "1 error";

    duplicate_id: "duplicate-id" => [
        "16:6: error: duplicate actor id `ruto` (each actor needs its own id; rename one of them)",
    ], "1 error";

    unknown_actor_reference: "unknown-actor" => [
        "24:22: error: no actor `rutto` (did you mean `ruto`?)",
    ], "1 error";
    unknown_source_reference: "unknown-source" => [
        "18:25: error: no source `al-jazeera` (did you mean `aljazeera`?)",
    ], "1 error";
    unknown_event_reference: "unknown-event" => [
        "19:9: error: no event `mss-arrive` (did you mean `mss-arrives`?)",
    ], "1 error";
    unknown_part_of_reference: "unknown-part-of" => [
        "19:11: error: no actor `kenia` (did you mean `kenya`?)",
    ], "1 error";

    day_that_does_not_exist: "date-no-such-day" => [
        "12:8: error: this date does not exist in the calendar",
    ], "1 error";
    toml_date_that_does_not_exist: "date-no-such-day-toml" => [
        "4:9: error: this date does not exist in the calendar: expected day between 01 and 29",
    ], "1 error";
    toml_date_that_does_not_exist_hides_nothing: "date-no-such-day-toml-and-more" => [
        "12:8: error: this date does not exist in the calendar: expected day between 01 and 30",
        "20:1: error: unknown key `sumary` in [[events]] (did you mean `summary`?)",
    ], "2 errors";
    month_that_does_not_exist: "date-no-such-month" => [
        "12:8: error: this date does not exist in the calendar",
    ], "1 error";
    date_in_no_known_form: "date-bad-form" => [
        "12:8: error: not a date: expected a date like 2024-09-21, 2024-08, 2024, early/mid/late 2024-10, optionally with a leading ~ (did you mean \"2024-09\"?)",
    ], "1 error";
    end_before_date: "end-before-date" => [
        "13:7: error: `end` (Aug 2024) starts before `date` (21 Sep 2024) (swap them, or fix the year or month)",
    ], "1 error";

    part_of_cycle: "part-of-cycle" => [
        "14:11: error: `part_of` forms a cycle: a → b → c → a (an actor cannot be part of itself, directly or through others)",
    ], "1 error";
    part_of_cycle_named_from_where_it_is_reported: "part-of-cycle-entered-late" => [
        "21:11: error: `part_of` forms a cycle: a → b → a (an actor cannot be part of itself, directly or through others)",
    ], "1 error";

    place_latitude_out_of_range: "place-lat-out-of-range" => [
        "14:7: error: `lat` must be between -90 and 90, found 218.5 (latitude runs from -90 (south pole) to 90 (north pole))",
    ], "1 error";
    place_longitude_out_of_range: "place-lon-out-of-range" => [
        "15:7: error: `lon` must be between -180 and 180, found -272.34 (longitude runs from -180 (west) to 180 (east) of Greenwich)",
    ], "1 error";
    place_coordinates_that_look_swapped: "place-coordinates-swapped" => [
        "14:7: error: `lat` must be between -90 and 90, found 120.98 (`lat` and `lon` look swapped: lat = 14.60, lon = 120.98)",
    ], "1 error";
    place_coordinates_written_as_strings: "place-coordinates-as-strings" => [
        "13:7: error: expected a number, found a string (write it without quotes: 18.54)",
        "14:7: error: expected a number, found a string (write it without quotes: -72.34)",
    ], "2 errors";
    place_latitude_without_longitude: "place-lat-without-lon" => [
        "13:7: error: `lat` is given without `lon` (give both, or neither for a place known by name only)",
    ], "1 error";
    place_approximate_written_as_a_string: "place-approximate-as-string" => [
        "16:15: error: expected a boolean, found a string (write it without quotes: true)",
    ], "1 error";
    unknown_place_reference: "unknown-place" => [
        "23:9: error: no place `port-au-prnce` (did you mean `port-au-prince`?)",
        "30:9: error: no place `Kenya` (refer to a place by its id: did you mean `kenya`?)",
    ], "2 errors";
    place_part_of_cycle: "place-part-of-cycle" => [
        "14:11: error: `part_of` forms a cycle: haiti → pap → haiti (a place cannot be part of itself, directly or through others)",
    ], "1 error";
    unknown_place_kind: "unknown-place-kind" => [
        "13:8: error: unknown place kind `citty` (did you mean `city`?)",
        "18:8: error: unknown place kind `airport` (use one of: country, region, district, city, site, other)",
    ], "2 errors";

    metric_with_no_value: "metric-without-value" => [
        "6:1: error: a metric needs one of `value`, `points`, `since` or `until` (for example `value = 578000` with `date` and `source`)",
    ], "1 error";
    metric_with_value_and_points: "metric-value-and-points" => [
        "7:6: warning: metric `displaced` has no source (add `source = \"...\"` beside `value`, naming a [[sources]] id)",
        "10:10: error: a metric takes exactly one of `value`, `points`, `since`, `until`; this one has `value` and `points` (split it into two metrics, or keep one)",
        "11:3: warning: observation has no `source` (add `source = \"...\"` to this point, naming a [[sources]] id)",
    ], "1 error, 2 warnings";
    unknown_qualifier: "unknown-qualifier" => [
        "14:13: error: unknown qualifier `more_than` (did you mean `more-than`?)",
    ], "1 error";
    unknown_actor_kind: "unknown-actor-kind" => [
        "13:8: error: unknown actor kind `gang` (use one of: person, organization, government, force, armed-group, population, media, other)",
    ], "1 error";
    as_of_not_a_day: "as-of-not-a-day" => [
        "4:9: error: `as_of` must be an exact day, not `2024-09` (for example 2024-09-30)",
    ], "1 error";

    columns_after_a_byte_order_mark: "bom-wrong-type" => [
        "1:13: error: expected a table, found an integer",
    ], "1 error";
    empty_file: "empty" => [
        "1:1: error: missing the `[situation]` table (start the file with [situation], a `title` and an `as_of` date)",
    ], "1 error";
    file_not_utf8: "not-utf8" => [
        "3:12: error: the file is not UTF-8 text (a situation file is TOML, which is always UTF-8)",
    ], "1 error";
    binary_junk: "binary-junk" => [
        "1:1: error: the file is not UTF-8 text (a situation file is TOML, which is always UTF-8)",
    ], "1 error";
    date_with_spaces_around_it: "date-with-spaces" => [
        r#"12:8: error: a date with spaces around it (write it as "2024-01")"#,
        r#"18:8: error: a date with spaces around it (write it as "late 2024-02")"#,
    ], "2 errors";
    integer_beyond_64_bits: "integer-too-large" => [
        "13:9: error: this integer is too large: TOML integers go from -9,223,372,036,854,775,808 to 9,223,372,036,854,775,807 (for an estimate beyond that, write a float such as 1e20)",
    ], "1 error";
    header_nested_too_deep: "header-too-deep" => [
        "6:1: error: TOML syntax: a key of 100 dotted parts nests deeper than the 80 levels a file may have (a situation file's tables are one level deep, as [situation] or [[events]])",
    ], "1 error";
    nul_byte: "nul-byte" => [
        "3:14: error: the file contains a NUL byte: it is binary, not a TOML situation file",
    ], "1 error";
}

#[test]
fn every_bad_fixture_has_a_test() {
    // A fixture added without a case above would never be checked.
    let source = include_str!("check_cli.rs");
    for entry in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/bad"))
        .expect("the bad fixtures directory exists")
    {
        let path = entry.expect("a readable directory entry").path();
        let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
        assert!(
            source.contains(&format!("\"{stem}\"")),
            "no test names the fixture {}",
            path.display()
        );
    }
}

#[test]
fn a_tie_between_suggestions_goes_to_the_first_id_every_time() {
    // "rutio" is one edit from both `ruto` and `rubio`. Several runs, because
    // an order that depends on hashing changes from process to process.
    for _ in 0..8 {
        check_bad(
            "unknown-actor-tie",
            &["21:11: error: no actor `rutio` (did you mean `ruto`?)"],
            "1 error",
        );
    }
}

#[test]
fn default_output_is_rustc_style_with_a_caret_and_help() {
    let path = bad("unknown-actor");
    let expected = format!(
        "\
error: no actor `rutto`
  --> {path}:24:22
   |
24 | actors = [\"conille\", \"rutto\", \"ruto\"]
   |                      ^^^^^^^
   |
help: did you mean `ruto`?
{path}: not valid, 1 error
"
    );
    sitrep()
        .args(["check", &path])
        .assert()
        .code(1)
        .stdout(expected);
}

#[test]
fn default_output_shows_the_line_of_a_multi_line_value_once() {
    // The span of `[actors]` covers the whole table; only its first line shows.
    let path = bad("type-table-for-array");
    sitrep()
        .args(["check", &path])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(format!(" --> {path}:6:1\n")))
        .stdout(predicate::str::contains("6 | [actors]\n  | ^^^^^^^^\n"))
        .stdout(predicate::str::contains("kind = \"person\"").not());
}

#[test]
fn default_output_makes_a_nul_byte_visible() {
    let path = bad("nul-byte");
    sitrep()
        .args(["check", &path])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(format!(" --> {path}:3:14\n")))
        .stdout(predicate::str::contains("3 | title = \"Test␀\"\n"))
        .stdout(predicate::str::contains('\0').not());
}

#[test]
fn many_problems_are_all_reported_in_line_order() {
    let path = bad("many-problems");
    let output = sitrep()
        .args(["check", "--short", &path])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let stdout = String::from_utf8(output).expect("sitrep prints UTF-8");
    let expected = [
        "4:6: error: `Visit` is not a valid id",
        "5:8: error: this date does not exist in the calendar",
        "7:11: error: no actor `rutto` (did you mean `ruto`?)",
        "13:8: error: unknown actor kind `persn` (did you mean `person`?)",
        "18:9: error: expected a number, found a string",
        "20:1: error: unknown key `qualifer` in [[metrics]] (did you mean `qualifier`?)",
        "22:1: error: missing required key `speaker` in [[quotes]]",
        "29:9: error: `as_of` must be an exact day, not `2024-09`",
    ];
    for problem in expected {
        assert!(
            stdout.contains(&format!("{path}:{problem}")),
            "missing {problem:?} in:\n{stdout}"
        );
    }
    let lines: Vec<usize> = stdout
        .lines()
        .filter_map(|l| l.strip_prefix(&format!("{path}:")))
        .filter_map(|rest| rest.split(':').next()?.parse().ok())
        .collect();
    assert_eq!(
        lines.len(),
        expected.len(),
        "one line per problem:\n{stdout}"
    );
    assert!(
        lines.is_sorted(),
        "problems out of line order: {lines:?}\n{stdout}"
    );
    assert!(stdout.ends_with(&format!("{path}: not valid, 8 errors\n")));
}

#[test]
fn good_files_pass_with_their_counts() {
    for (name, counts) in [
        (
            "minimal",
            "0 events, 0 actors, 0 metrics, 0 quotes, 0 sources",
        ),
        ("full", "7 events, 8 actors, 5 metrics, 2 quotes, 4 sources"),
    ] {
        let path = good(name);
        // No warnings either: --strict passes too.
        for strict in [false, true] {
            let mut cmd = sitrep();
            cmd.args(["check", &path]);
            if strict {
                cmd.arg("--strict");
            }
            cmd.assert()
                .code(0)
                .stdout(format!("{path}: ok, {counts}\n"))
                .stderr("");
        }
    }
}

const WARNINGS: &[&str] = &[
    "8:6: warning: source `uncited` is never cited",
    "17:6: warning: actor `bystander` is never referred to (no event, quote, metric or `part_of` names it)",
    "22:6: warning: event `unsourced-event` has no source (add `sources = [\"...\"]` naming a [[sources]] id)",
    "27:6: warning: metric `unsourced-value` has no source (add `source = \"...\"` beside `value`, naming a [[sources]] id)",
    "35:3: warning: observation has no `source` (add `source = \"...\"` to this point, naming a [[sources]] id)",
    "44:11: warning: quote by `speaker` has no source (add `sources = [\"...\"]` naming a [[sources]] id)",
];

fn warning_lines(path: &str) -> String {
    WARNINGS.iter().map(|w| format!("{path}:{w}\n")).collect()
}

#[test]
fn warnings_alone_pass() {
    let path = good("warnings");
    sitrep()
        .args(["check", "--short", &path])
        .assert()
        .code(0)
        .stdout(format!(
            "{}{path}: ok, 1 event, 2 actors, 3 metrics, 1 quote, 1 source, 6 warnings\n",
            warning_lines(&path)
        ));
}

#[test]
fn warnings_fail_under_strict() {
    let path = good("warnings");
    sitrep()
        .args(["check", "--short", "--strict", &path])
        .assert()
        .code(1)
        .stdout(format!(
            "{}{path}: not valid, 6 warnings (--strict)\n",
            warning_lines(&path)
        ));
}

#[test]
fn default_output_labels_warnings() {
    let path = good("warnings");
    sitrep()
        .args(["check", &path])
        .assert()
        .code(0)
        .stdout(predicate::str::contains(format!(
            "warning: source `uncited` is never cited\n --> {path}:8:6\n"
        )));
}

#[test]
fn unused_places_and_locations_naming_places_are_warnings() {
    let path = good("place-warnings");
    let expected = [
        "23:6: warning: place `kingston` is never referred to (no event, quote or `part_of` names it)",
        "31:12: warning: `location` names the place `pap` (use `place = \"pap\"` so that filtering and the map see it)",
        "38:12: warning: `location` names the place `pap` (drop `location`: `place` already says where)",
    ];
    let lines: String = expected.iter().map(|w| format!("{path}:{w}\n")).collect();
    sitrep()
        .args(["check", "--short", &path])
        .assert()
        .code(0)
        .stdout(format!(
            "{lines}{path}: ok, 3 events, 0 actors, 0 metrics, 0 quotes, 1 source, 3 places, 3 warnings\n"
        ));
    sitrep()
        .args(["check", "--short", "--strict", &path])
        .assert()
        .code(1)
        .stdout(format!("{lines}{path}: not valid, 3 warnings (--strict)\n"));
}

#[test]
fn builtin_situation_is_valid() {
    sitrep()
        .arg("check")
        .assert()
        .code(0)
        .stdout(predicate::str::contains(": ok, "));
}

#[test]
fn missing_file_is_a_usage_error() {
    sitrep()
        .args(["check", "tests/fixtures/no-such-file.toml"])
        .assert()
        .code(2)
        .stdout("")
        .stderr("sitrep: cannot read tests/fixtures/no-such-file.toml: no such file\n");
}

#[test]
fn directory_is_a_usage_error() {
    sitrep()
        .args(["check", "tests/fixtures/good"])
        .assert()
        .code(2)
        .stdout("")
        .stderr("sitrep: cannot read tests/fixtures/good: it is a directory\n");
}

#[test]
fn unknown_flag_is_a_usage_error() {
    sitrep()
        .args(["check", "--strcit", &good("minimal")])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("unexpected argument '--strcit'"));
}

#[test]
fn every_file_is_checked_and_an_unreadable_one_wins_the_exit_code() {
    let (minimal, bad_file, full) = (good("minimal"), bad("missing-title"), good("full"));
    sitrep()
        .args([
            "check",
            "--short",
            &minimal,
            &bad_file,
            "nowhere.toml",
            &full,
        ])
        .assert()
        .code(2)
        .stdout(format!(
            "{minimal}: ok, 0 events, 0 actors, 0 metrics, 0 quotes, 0 sources\n\
             {bad_file}:2:1: error: missing required key `title` in [situation]\n\
             {bad_file}: not valid, 1 error\n\
             {full}: ok, 7 events, 8 actors, 5 metrics, 2 quotes, 4 sources\n"
        ))
        .stderr("sitrep: cannot read nowhere.toml: no such file\n");
}

#[test]
fn one_invalid_file_among_good_ones_fails() {
    let (minimal, bad_file) = (good("minimal"), bad("empty"));
    sitrep()
        .args(["check", "--short", &bad_file, &minimal])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(format!(
            "{bad_file}: not valid, 1 error\n"
        )))
        .stdout(predicate::str::ends_with(format!(
            "{minimal}: ok, 0 events, 0 actors, 0 metrics, 0 quotes, 0 sources\n"
        )));
}

#[test]
fn an_actor_listed_twice_in_one_list_is_warned_and_counted_once() {
    let path = good("repeated-actors");
    sitrep()
        .args(["check", "--short", &path])
        .assert()
        .code(0)
        .stdout(format!(
            "{path}:24:28: warning: actor `ruto` is listed twice in this event's `actors` (it counts once: remove the repeat)\n\
             {path}:24:36: warning: actor `ruto` is listed twice in this event's `actors` (it counts once: remove the repeat)\n\
             {path}:30:19: warning: actor `kenya` is listed twice in this quote's `about` (it counts once: remove the repeat)\n\
             {path}: ok, 1 event, 2 actors, 0 metrics, 1 quote, 1 source, 3 warnings\n"
        ));
    // Shown once in the briefing, and listed once in JSON.
    sitrep()
        .args(["summary", &path])
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "             on the as-of date · William Ruto, Kenya\n",
        ));
    let json = sitrep()
        .args(["summary", "--format", "json", &path])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(
        json["events"][0]["actors"],
        serde_json::json!(["ruto", "kenya"])
    );
    assert_eq!(json["quotes"][0]["about"], serde_json::json!(["kenya"]));
}

#[test]
fn a_part_of_cycle_through_100000_actors_is_named_by_its_first_few() {
    let scratch_dir = tempfile::tempdir().expect("a scratch directory");
    let dir = scratch_dir.path();
    let path = dir.join("cycle.toml");
    let mut text = String::from("[situation]\ntitle = \"T\"\nas_of = 2024-09-21\n");
    let n = 100_000;
    for i in 0..n {
        text.push_str(&format!(
            "[[actors]]\nid = \"a{i}\"\nname = \"A\"\nkind = \"force\"\npart_of = \"a{}\"\n",
            (i + 1) % n
        ));
    }
    std::fs::write(&path, text).unwrap();
    let shown = path.display().to_string();
    sitrep()
        .args(["check", "--short", &shown])
        .timeout(std::time::Duration::from_secs(60))
        .assert()
        .code(1)
        .stdout(format!(
            "{shown}:8:11: error: `part_of` forms a cycle: a0 → a1 → a2 → a3 → a4 → … 99,995 more … → a0 (100,000 in all) (an actor cannot be part of itself, directly or through others)\n\
             {shown}: not valid, 1 error\n"
        ));
}

/// `-` reads standard input, as most tools do: for `check` and `summary`,
/// with the same size limit as a file; the dashboard, which reloads its
/// file when saved, says it needs a file.
#[test]
fn a_dash_reads_standard_input_for_check_and_summary() {
    let text = std::fs::read_to_string(good("big-numbers")).unwrap();
    sitrep()
        .args(["check", "-"])
        .write_stdin(text.clone())
        .assert()
        .success()
        .stdout(predicate::str::contains("<stdin>"));
    sitrep()
        .args(["summary", "-"])
        .write_stdin(text.clone())
        .assert()
        .success()
        .stdout(predicate::str::contains("Big numbers"));
    // A problem is placed in `<stdin>`, not in a file called `-`.
    let broken = text.replacen("as_of = 2024-09-21", "as_of = 2024-02-30", 1);
    sitrep()
        .args(["check", "--short", "-"])
        .write_stdin(broken)
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "<stdin>:4:9: error: this date does not exist in the calendar",
        ));
    // Bounded as a file is.
    sitrep()
        .args(["check", "--max-size", "10", "-"])
        .write_stdin(text)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot read <stdin>: it is"));
    sitrep()
        .arg("-")
        .write_stdin("")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not standard input (`-`)"));
}
