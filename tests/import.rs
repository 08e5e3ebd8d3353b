//! `sitrep import acled` through the real binary: the file it writes loads
//! and passes `check`, reads back through `summary` with the dates and
//! counts of the export, is written whole or not at all, and never
//! replaces a file without `--force`.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

const HAITI: &str = "tests/fixtures/acled/haiti.csv";
const BOM_SPELLED: &str = "tests/fixtures/acled/bom-spelled.csv";
const BAD_ROWS: &str = "tests/fixtures/acled/bad-rows.csv";
const MINIMAL: &str = "tests/fixtures/acled/minimal.csv";
const MISSING: &str = "tests/fixtures/acled/missing-columns.csv";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn sitrep() -> Command {
    let mut cmd = Command::cargo_bin("sitrep").expect("the binary is built");
    // No config file of the developer's: `check` and `summary` read it.
    cmd.current_dir(root()).env(
        "SITREP_CONFIG",
        concat!(env!("CARGO_TARGET_TMPDIR"), "/no-config-here/config.toml"),
    );
    cmd
}

/// An empty directory of its own for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("import")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(args: &[&str]) -> Run {
    let out = sitrep().args(args).output().expect("sitrep runs");
    Run {
        code: out.status.code().expect("an exit status"),
        stdout: String::from_utf8(out.stdout).expect("UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("UTF-8"),
    }
}

/// Imports `csv` into DIR/out.toml and returns its path.
fn import_to(csv: &str, dir: &Path) -> PathBuf {
    let out = dir.join("out.toml");
    let r = run(&["import", "acled", csv, "-o", out.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    out
}

#[test]
fn every_fixture_imports_to_a_file_that_passes_a_strict_check() {
    for csv in [HAITI, BOM_SPELLED, BAD_ROWS, MINIMAL] {
        let dir = scratch(&format!("strict-{}", csv.rsplit('/').next().unwrap()));
        let out = import_to(csv, &dir);
        let r = run(&["check", "--strict", out.to_str().unwrap()]);
        assert_eq!(r.code, 0, "{csv}:\n{}{}", r.stdout, r.stderr);
    }
}

#[test]
fn the_round_trip_keeps_counts_dates_and_places() {
    let dir = scratch("round-trip");
    let out = import_to(HAITI, &dir);
    let r = run(&["summary", out.to_str().unwrap(), "--format", "json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let json: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(json["situation"]["title"], "ACLED events in Haiti");
    assert_eq!(json["situation"]["as_of"], "2024-09-21");
    assert_eq!(json["totals"]["events"], 8);
    let event = |id: &str| {
        json["events"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["id"] == id)
            .unwrap_or_else(|| panic!("no event {id}"))
            .clone()
    };
    // time_precision 3: the whole month, not its 15th.
    let month = event("hti1003");
    assert_eq!(month["date"], "Aug 2024");
    assert_eq!(
        (month["start"].as_str(), month["end"].as_str()),
        (Some("2024-08-01"), Some("2024-08-31"))
    );
    // time_precision 2: the day, marked approximate.
    let week = event("hti1002");
    assert_eq!(week["date"], "c. 18 Sep 2024");
    assert_eq!(week["approximate"], true);
    let day = event("hti1001");
    assert_eq!(day["date"], "20 Sep 2024");
    assert_eq!(day["approximate"], false);
    assert_eq!(day["title"], "Armed clash in Delmas");
    assert_eq!(day["category"], "Battles");
    // Timeline order, oldest first: the July grenade leads.
    assert_eq!(json["events"][0]["id"], "hti1001-2");
    // The monthly fatalities figure, latest month.
    let fatalities = &json["metrics"][0];
    assert_eq!(fatalities["id"], "fatalities");
    assert_eq!(fatalities["value"], 9);
    assert_eq!(fatalities["date"], "Sep 2024");
    // Filters work on the import as on any file.
    let r = run(&[
        "summary",
        out.to_str().unwrap(),
        "--format",
        "json",
        "--actor",
        "gran-grif",
    ]);
    let json: Value = serde_json::from_str(&r.stdout).unwrap();
    let ids: Vec<&str> = json["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["hti1002", "hti1001"]);
}

#[test]
fn without_output_the_file_goes_to_stdout_and_the_counts_to_stderr() {
    let r = run(&["import", "acled", HAITI]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout
            .starts_with("# Made by `sitrep import acled` from ")
    );
    assert!(r.stdout.contains("\n[situation]\n"));
    assert_eq!(
        r.stderr,
        "tests/fixtures/acled/haiti.csv: 8 rows imported as events, 0 skipped\n"
    );
}

#[test]
fn bad_rows_are_reported_by_line_and_column_and_counted() {
    let dir = scratch("bad-rows");
    let out = dir.join("out.toml");
    let r = run(&["import", "acled", BAD_ROWS, "-o", out.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let lines: Vec<&str> = r.stderr.lines().collect();
    assert_eq!(lines.len(), 10, "{}", r.stderr);
    assert_eq!(
        lines[0],
        "tests/fixtures/acled/bad-rows.csv:3: event_date: `2024-13-01` is not a date \
         (expected 2024-09-21 or 21 September 2024)"
    );
    assert_eq!(
        lines[1],
        "tests/fixtures/acled/bad-rows.csv:4: latitude: 95.5 is out of range (-90 to 90)"
    );
    assert!(lines[6].starts_with("tests/fixtures/acled/bad-rows.csv:9: row: has 4 fields"));
    assert_eq!(
        lines[9],
        format!(
            "tests/fixtures/acled/bad-rows.csv: 2 rows imported as events, 9 skipped; wrote {}",
            out.display()
        )
    );
}

#[test]
fn missing_columns_are_named_and_nothing_is_written() {
    let dir = scratch("missing");
    let out = dir.join("out.toml");
    let r = run(&["import", "acled", MISSING, "-o", out.to_str().unwrap()]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("no column `event_date`, `actor1`"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("nothing written"), "{}", r.stderr);
    assert!(r.stdout.is_empty());
    assert!(files_in(&dir).is_empty(), "{:?}", files_in(&dir));
}

#[test]
fn an_existing_file_is_replaced_only_with_force() {
    let dir = scratch("force");
    let out = dir.join("out.toml");
    std::fs::write(&out, "keep me").unwrap();
    let r = run(&["import", "acled", HAITI, "-o", out.to_str().unwrap()]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("exists"), "{}", r.stderr);
    assert!(r.stderr.contains("--force"), "{}", r.stderr);
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "keep me");
    let r = run(&[
        "import",
        "acled",
        HAITI,
        "-o",
        out.to_str().unwrap(),
        "--force",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        std::fs::read_to_string(&out)
            .unwrap()
            .contains("[situation]")
    );
    // No temporary file is left beside it.
    assert_eq!(files_in(&dir), ["out.toml"]);
}

#[test]
fn a_file_with_no_usable_row_writes_nothing() {
    let dir = scratch("no-rows");
    let csv = dir.join("empty.csv");
    std::fs::write(
        &csv,
        "event_id_cnty,event_date,time_precision,event_type,actor1,country\n\
         X1,not a date,1,Battles,A,B\n",
    )
    .unwrap();
    let out = dir.join("out.toml");
    let r = run(&[
        "import",
        "acled",
        csv.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains(":2: event_date:"), "{}", r.stderr);
    assert!(r.stderr.contains("no row of"), "{}", r.stderr);
    assert_eq!(files_in(&dir), ["empty.csv"]);
}

#[test]
fn as_of_and_title_are_the_users_to_choose() {
    let r = run(&[
        "import",
        "acled",
        MINIMAL,
        "--as-of",
        "2024-06-30",
        "--title",
        "Sudan: \"RSF\" advance",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("as_of = 2024-06-30\n"), "{}", r.stdout);
    assert!(
        r.stdout
            .contains("title = \"Sudan: \\\"RSF\\\" advance\"\n")
    );
    let r = run(&["import", "acled", MINIMAL, "--as-of", "June 2024"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("YYYY-MM-DD"), "{}", r.stderr);
}

#[test]
fn an_unreadable_input_is_a_usage_error() {
    let r = run(&["import", "acled", "tests/fixtures/acled/no-such.csv"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("cannot read"), "{}", r.stderr);
    assert!(r.stdout.is_empty());
}

#[test]
fn a_device_is_refused_without_being_read() {
    // /dev/zero would stream forever into one never-ending CSV field.
    let r = run(&["import", "acled", "/dev/zero"]);
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr,
        "sitrep: cannot read /dev/zero: it is a character device, not a regular file\n"
    );
    assert!(r.stdout.is_empty());
}
