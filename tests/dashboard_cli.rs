//! The dashboard's command line, before any terminal is touched: files that
//! do not load, unknown `--actor` ids, and no terminal at all.

use assert_cmd::Command;
use predicates::prelude::*;

const FIXTURE: &str = "tests/fixtures/dashboard.toml";

fn sitrep() -> Command {
    let mut cmd = Command::cargo_bin("sitrep").expect("the binary builds");
    // Tests run without a terminal: stdin is empty and stdout a pipe.
    cmd.write_stdin("");
    // No config file of the developer's: the lookup finds nothing.
    cmd.env(
        "SITREP_CONFIG",
        concat!(env!("CARGO_TARGET_TMPDIR"), "/no-config-here/config.toml"),
    );
    cmd
}

#[test]
fn without_a_terminal_it_explains_and_exits_2() {
    sitrep()
        .arg(FIXTURE)
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("needs a terminal"))
        .stderr(predicate::str::contains("sitrep check"))
        .stderr(predicate::str::contains("sitrep summary"))
        .stderr(predicate::str::contains("panicked").not());
}

#[test]
fn the_builtin_situation_also_needs_a_terminal() {
    sitrep()
        .assert()
        .code(2)
        .stderr(predicate::str::contains("needs a terminal"));
}

#[test]
fn a_file_that_does_not_load_is_explained_like_check_does() {
    let scratch_dir = tempfile::tempdir().expect("a scratch directory");
    let dir = scratch_dir.path();
    let bad = dir.join("bad.toml");
    std::fs::write(&bad, "[situation]\ntitle = \"x\"\nas_of = 2024-02-30\n").unwrap();
    sitrep()
        .arg(&bad)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("bad.toml:3:"))
        .stderr(predicate::str::contains("not valid"))
        .stderr(predicate::str::contains("needs a terminal").not());
}

#[test]
fn a_missing_file_is_a_usage_error() {
    sitrep()
        .arg("tests/fixtures/no-such-file.toml")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no such file"));
}

#[test]
fn an_unknown_actor_is_named_with_the_nearest_id() {
    sitrep()
        .args([FIXTURE, "--actor", "ocha", "--actor", "lea-brandtt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("`lea-brandtt`"))
        .stderr(predicate::str::contains("did you mean `lea-brandt`?"));
    sitrep()
        .args([FIXTURE, "--actor", "Brandt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "did you mean `lea-brandt` (Léa Brandt)?",
        ));
}

#[test]
fn an_unknown_place_is_named_with_the_nearest_id_before_any_terminal() {
    sitrep()
        .args(["tests/fixtures/summary.toml", "--place", "riversid"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(
            "error: --place: no place `riversid` in this situation; did you mean `riverside`?\n",
        );
    sitrep()
        .args(["tests/fixtures/summary.toml", "--place", "riverside"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("needs a terminal"));
}

#[test]
fn known_actors_pass_on_to_the_terminal_check() {
    sitrep()
        .args([FIXTURE, "--actor", "ocha", "--no-mouse"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("needs a terminal"));
}

#[test]
fn a_file_named_with_escape_sequences_is_named_inertly() {
    sitrep()
        .arg("no-such-\u{1b}]0;pwned\u{7}\u{1b}[2J.toml")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no-such-␛]0;pwned␇␛[2J.toml"))
        .stderr(predicate::str::contains("\u{1b}").not());
}

#[test]
fn an_unknown_actor_id_is_named_inertly() {
    sitrep()
        .args([FIXTURE, "--actor", "x\u{1b}[2J"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("`x␛[2J`"))
        .stderr(predicate::str::contains("\u{1b}").not());
}

#[test]
fn a_window_and_search_are_read_and_refused_as_summary_reads_them() {
    let run = |args: &[&str]| {
        let dashboard = sitrep().arg(FIXTURE).args(args).output().unwrap();
        let summary = sitrep()
            .args(["summary", FIXTURE])
            .args(args)
            .output()
            .unwrap();
        (dashboard, summary)
    };
    // An end before the start: the same words, status 2, before any terminal.
    let (dashboard, summary) = run(&["--from", "2025-04", "--to", "early 2025-03"]);
    assert_eq!(dashboard.status.code(), Some(2));
    assert_eq!(summary.status.code(), Some(2));
    assert_eq!(dashboard.stderr, summary.stderr);
    let said = String::from_utf8_lossy(&dashboard.stderr);
    assert!(
        said.contains("--from (1 Apr 2025) is after --to (10 Mar 2025)"),
        "{said}"
    );
    // A date that is not one is refused by the argument parser alike, for
    // the reason `check` gives in a file.
    let (dashboard, _) = run(&["--from", "2025-13"]);
    assert_eq!(dashboard.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&dashboard.stderr)
            .contains("this date does not exist in the calendar")
    );
    // A good window and search pass on to the terminal check.
    sitrep()
        .args([
            FIXTURE,
            "--from",
            "2025-03",
            "--to",
            "2025-03-10",
            "--search",
            "flood",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("needs a terminal"));
}

#[test]
fn facet_flags_are_read_and_refused_as_summary_reads_them() {
    let summary_file = "tests/fixtures/summary.toml";
    for (args, said) in [
        (
            ["--category", "securty"],
            "error: --category: no category `securty` in this situation; did you mean `security`?\n",
        ),
        (
            ["--kind", "armed group"],
            "error: --kind: no actor kind `armed group` in this situation; did you mean `armed-group`?\n",
        ),
        (
            ["--source", "flash4"],
            "error: --source: no source `flash4` in this situation; did you mean `flash-4`?\n",
        ),
    ] {
        let dashboard = sitrep().arg(summary_file).args(args).output().unwrap();
        let summary = sitrep()
            .args(["summary", summary_file])
            .args(args)
            .output()
            .unwrap();
        assert_eq!(dashboard.status.code(), Some(2), "{args:?}");
        assert_eq!(summary.status.code(), Some(2), "{args:?}");
        assert_eq!(String::from_utf8_lossy(&dashboard.stderr), said);
        assert_eq!(dashboard.stderr, summary.stderr);
    }
    // Values the file has pass on to the terminal check.
    sitrep()
        .args([
            summary_file,
            "--category",
            "security",
            "--tag",
            "x",
            "--kind",
            "force",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no tag `x`"));
    sitrep()
        .args([
            summary_file,
            "--category",
            "security",
            "--kind",
            "force",
            "--source",
            "radio",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("needs a terminal"));
}
