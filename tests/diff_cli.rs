//! `sitrep diff` through the binary: every format, the exit status, files
//! that do not load, filters, and an old version read from git.

use std::path::{Path, PathBuf};
use std::process::Command;

use assert_cmd::cargo::cargo_bin_cmd;

const OLD: &str = include_str!("fixtures/summary.toml");

/// The old fixture edited as a day's news would: `as_of` moves, an event's
/// date and another's title change, a figure gets a new observation and a
/// revised one, an event is added and a quote removed.
fn new_text() -> String {
    let edits = [
        ("as_of = 2024-09-21", "as_of = 2024-09-22"),
        (
            "id = \"breach\"\ndate = 2024-09-03",
            "id = \"breach\"\ndate = 2024-09-04",
        ),
        (
            "Army deploys boats to evacuate the low town",
            "Army deploys boats to evacuate the lower town",
        ),
        (
            "{ date = 2024-09-18, value = 41000, qualifier = \"more-than\", source = \"flash-4\" },",
            "{ date = 2024-09-18, value = 43000, qualifier = \"more-than\", source = \"flash-4\" },\n  { date = 2024-09-21, value = 45000, source = \"gazette\" },",
        ),
    ];
    let mut text = OLD.to_string();
    for (from, to) in edits {
        assert!(text.contains(from), "the fixture has {from:?}");
        text = text.replacen(from, to, 1);
    }
    text.push_str(
        "\n[[events]]\nid = \"bridge\"\ndate = 2024-09-20\n\
         title = \"Temporary bridge opens at Millford\"\nsources = [\"gazette\"]\n",
    );
    // The last quote goes.
    let last = text.rfind("[[quotes]]").expect("the fixture has quotes");
    let end = text[last..]
        .find("\n[[events]]")
        .map_or(text.len(), |e| last + e);
    text.replace_range(last..end, "");
    text
}

fn scratch(name: &str) -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix(&format!("sitrep-diff-{name}-"))
        .tempdir()
        .expect("a scratch directory")
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("writing a scratch file");
    path
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn diff(dir: &Path, args: &[&str]) -> Run {
    let out = cargo_bin_cmd!("sitrep")
        .current_dir(dir)
        .arg("diff")
        .args(args)
        .output()
        .expect("sitrep runs");
    Run {
        code: out.status.code().expect("an exit status"),
        stdout: String::from_utf8(out.stdout).expect("UTF-8 output"),
        stderr: String::from_utf8(out.stderr).expect("UTF-8 errors"),
    }
}

fn pair(name: &str) -> tempfile::TempDir {
    let dir = scratch(name);
    write(dir.path(), "old.toml", OLD);
    write(dir.path(), "new.toml", &new_text());
    dir
}

#[test]
fn text_lists_what_was_added_changed_and_removed_with_old_and_new_values() {
    let scratch_dir = pair("text");
    let dir = scratch_dir.path();
    let run = diff(dir, &["old.toml", "new.toml"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out = &run.stdout;
    for expected in [
        "Old: old.toml, as of 21 Sep 2024",
        "New: new.toml, as of 22 Sep 2024",
        "Figures: 1 changed",
        "~ changed  People displaced [displaced]",
        "observation 18 Sep 2024 (flash-4): 41,000+ → 43,000+",
        "observation 21 Sep 2024 (gazette): (none) → 45,000",
        "Events: 1 added, 2 changed",
        "+ added    Temporary bridge opens at Millford [bridge]",
        "date: 3–5 Sep 2024 → 4–5 Sep 2024",
        "Quotes: 1 removed",
        "- removed  ",
    ] {
        assert!(out.contains(expected), "missing {expected:?} in\n{out}");
    }
    // The long title does not fit one line at 80 columns: was and now.
    assert!(
        out.contains("  was Army deploys boats to evacuate the low town\n"),
        "{out}"
    );
    assert!(
        out.contains("  now Army deploys boats to evacuate the lower town\n"),
        "{out}"
    );
    // Sections read in the dashboard's order, and unchanged ones are left out.
    let at = |s: &str| out.find(s).unwrap_or_else(|| panic!("{s} in {out}"));
    assert!(at("Figures:") < at("Events:") && at("Events:") < at("Quotes:"));
    assert!(!out.contains("Actors:"), "{out}");
    assert!(out.lines().all(|l| l.chars().count() <= 80), "{out}");
}

#[test]
fn exit_code_says_whether_the_versions_differ() {
    let scratch_dir = pair("exit");
    let dir = scratch_dir.path();
    assert_eq!(diff(dir, &["old.toml", "new.toml", "--exit-code"]).code, 1);
    // The same content written another way is no difference.
    let reformatted = OLD
        .replace("value = 41000", "value = 41_000")
        .replace("date = 2024-09-03", "date = \"2024-09-03\"");
    assert_ne!(reformatted, OLD);
    write(dir, "same.toml", &reformatted);
    let run = diff(dir, &["old.toml", "same.toml", "--exit-code"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(
        run.stdout
            .contains("No differences in figures, events, quotes or actors."),
        "{}",
        run.stdout
    );
}

#[test]
fn markdown_has_a_heading_per_section_and_nested_fields() {
    let scratch_dir = pair("markdown");
    let dir = scratch_dir.path();
    let run = diff(dir, &["old.toml", "new.toml", "--format", "markdown"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out = &run.stdout;
    for expected in [
        "# Changes to Lowmere river floods: relief and rebuilding\n",
        "## Figures: 1 changed\n",
        "- **changed** People displaced (displaced)\n",
        "  - observation 18 Sep 2024 (flash-4): 41,000+ → 43,000+\n",
        "## Events: 1 added, 2 changed\n",
        "- **added** Temporary bridge opens at Millford (bridge) · 20 Sep 2024\n",
        "  - date: 3–5 Sep 2024 → 4–5 Sep 2024\n",
        "## Quotes: 1 removed\n",
    ] {
        assert!(out.contains(expected), "missing {expected:?} in\n{out}");
    }
}

#[test]
fn json_has_every_section_and_each_fields_old_and_new_value() {
    let scratch_dir = pair("json");
    let dir = scratch_dir.path();
    let run = diff(dir, &["old.toml", "new.toml", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("valid JSON");
    assert_eq!(json["version"], 1);
    assert_eq!(json["differs"], true);
    assert_eq!(json["old"]["as_of"], "2024-09-21");
    assert_eq!(json["new"]["as_of"], "2024-09-22");
    assert_eq!(json["totals"]["added"], 1);
    assert_eq!(json["totals"]["changed"], 3);
    assert_eq!(json["totals"]["removed"], 1);
    assert_eq!(json["events"]["added"][0]["key"], "bridge");
    assert_eq!(json["events"]["added"][0]["detail"], "20 Sep 2024");
    let breach = json["events"]["changed"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["key"] == "breach")
        .expect("breach changed");
    assert_eq!(breach["fields"][0]["field"], "date");
    assert_eq!(breach["fields"][0]["old"], "3–5 Sep 2024");
    assert_eq!(breach["fields"][0]["new"], "4–5 Sep 2024");
    let added_point = &json["figures"]["changed"][0]["fields"][1];
    assert_eq!(added_point["old"], serde_json::Value::Null);
    assert_eq!(added_point["new"], "45,000");
    assert_eq!(json["actors"]["changed"].as_array().unwrap().len(), 0);
    assert_eq!(json["quotes"]["removed"].as_array().unwrap().len(), 1);
}

#[test]
fn a_file_that_does_not_load_is_explained_as_check_explains_it() {
    let scratch_dir = pair("bad");
    let dir = scratch_dir.path();
    let bad = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/bad/missing-title.toml"
    ))
    .unwrap();
    write(dir, "bad.toml", &bad);
    let run = diff(dir, &["bad.toml", "new.toml", "--exit-code"]);
    assert_eq!(run.code, 1);
    assert_eq!(run.stdout, "");
    let check = cargo_bin_cmd!("sitrep")
        .current_dir(dir)
        .args(["check", "bad.toml"])
        .output()
        .unwrap();
    assert_eq!(run.stderr, String::from_utf8(check.stdout).unwrap());
    // Unreadable is a usage-level failure, as for check and summary.
    let run = diff(dir, &["old.toml", "missing.toml"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "sitrep: cannot read missing.toml: no such file\n"
    );
    // Both are read at once; the old one is told first, and alone.
    let run = diff(dir, &["gone.toml", "missing.toml"]);
    assert_eq!(run.code, 2);
    assert_eq!(run.stderr, "sitrep: cannot read gone.toml: no such file\n");
}

#[test]
fn filters_narrow_the_changes_as_summary_narrows_the_briefing() {
    let scratch_dir = pair("filters");
    let dir = scratch_dir.path();
    // The army's boats; the breach, the bridge and the figure are not its.
    let run = diff(dir, &["old.toml", "new.toml", "--actor", "army"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("[boats]"), "{}", run.stdout);
    assert!(!run.stdout.contains("[breach]"), "{}", run.stdout);
    assert!(!run.stdout.contains("[bridge]"), "{}", run.stdout);
    assert!(
        run.stdout
            .contains("Filter: actor Lowmere Defence Force (army), with its members."),
        "{}",
        run.stdout
    );
    let run = diff(dir, &["old.toml", "new.toml", "--search", "bridge"]);
    assert!(run.stdout.contains("[bridge]"), "{}", run.stdout);
    assert!(!run.stdout.contains("[boats]"), "{}", run.stdout);
    let run = diff(dir, &["old.toml", "new.toml", "--from", "2024-09-15"]);
    assert!(run.stdout.contains("[bridge]"), "{}", run.stdout);
    assert!(!run.stdout.contains("[breach]"), "{}", run.stdout);
    let run = diff(dir, &["old.toml", "new.toml", "--to", "2024-09-10"]);
    assert!(run.stdout.contains("[breach]"), "{}", run.stdout);
    assert!(!run.stdout.contains("[bridge]"), "{}", run.stdout);
    let run = diff(dir, &["old.toml", "new.toml", "--place", "millford"]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(run.stderr.contains("millford"), "{}", run.stderr);
    let run = diff(dir, &["old.toml", "new.toml", "--actor", "arm"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("did you mean `army`?"),
        "{}",
        run.stderr
    );
}

#[test]
fn facets_narrow_the_changes_and_may_name_what_one_version_has() {
    let scratch_dir = pair("facets");
    let dir = scratch_dir.path();
    // The boats are the army's, a security event; the bridge has no category.
    let run = diff(dir, &["old.toml", "new.toml", "--category", "security"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("[boats]"), "{}", run.stdout);
    assert!(!run.stdout.contains("[bridge]"), "{}", run.stdout);
    assert!(!run.stdout.contains("[breach]"), "{}", run.stdout);
    assert!(
        run.stdout.contains("Filter: category security."),
        "{}",
        run.stdout
    );
    // The bridge cites the gazette, as does the breach; the boats do not.
    let run = diff(dir, &["old.toml", "new.toml", "--source", "gazette"]);
    assert!(run.stdout.contains("[bridge]"), "{}", run.stdout);
    assert!(run.stdout.contains("[breach]"), "{}", run.stdout);
    assert!(!run.stdout.contains("[boats]"), "{}", run.stdout);
    // Figures citing the gazette stay: displaced has a new gazette point.
    assert!(run.stdout.contains("[displaced]"), "{}", run.stdout);
    // A force: the army's boats, and no event without one.
    let run = diff(dir, &["old.toml", "new.toml", "--kind", "force"]);
    assert!(run.stdout.contains("[boats]"), "{}", run.stdout);
    assert!(!run.stdout.contains("[breach]"), "{}", run.stdout);
    // A category only the new version has is no error.
    let mut newer = new_text();
    newer = newer.replace(
        "title = \"Temporary bridge opens at Millford\"",
        "title = \"Temporary bridge opens at Millford\"\ncategory = \"transport\"",
    );
    write(dir, "newer.toml", &newer);
    let run = diff(dir, &["old.toml", "newer.toml", "--category", "transport"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("[bridge]"), "{}", run.stdout);
    // Reversed, it is only in the old version, and said so.
    let run = diff(dir, &["newer.toml", "old.toml", "--category", "transport"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("only in the old version: transport"),
        "{}",
        run.stdout
    );
    // In neither: the nearest value, as summary says it.
    let run = diff(dir, &["old.toml", "new.toml", "--category", "securty"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("did you mean `security`?"),
        "{}",
        run.stderr
    );
    let run = diff(dir, &["old.toml", "new.toml", "--kind", "army"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("--kind: no actor kind `army`"),
        "{}",
        run.stderr
    );
}

#[test]
fn text_from_the_file_cannot_reach_the_terminal_raw() {
    let scratch_dir = pair("hostile");
    let dir = scratch_dir.path();
    let hostile = new_text().replace(
        "Temporary bridge opens at Millford",
        // TOML escapes: the loaded title holds the raw characters.
        r"Bridge \u001b]52;c;cm0gLXJm\u0007opens \u001b[2J\u202ehere",
    );
    write(dir, "new.toml", &hostile);
    for format in ["text", "markdown", "json"] {
        let run = diff(dir, &["old.toml", "new.toml", "--format", format]);
        assert_eq!(run.code, 0, "{format}: {}", run.stderr);
        assert!(run.stdout.contains("Bridge"), "{format}: {}", run.stdout);
        assert!(
            !run.stdout.contains(['\u{1b}', '\u{7}', '\u{202e}']),
            "{format}: {:?}",
            run.stdout
        );
    }
}

fn git(dir: &Path, args: &[&str]) -> bool {
    Command::new("git")
        .current_dir(dir)
        .args(["-c", "user.name=t", "-c", "user.email=t@example.org"])
        .args(args)
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn the_old_version_may_be_a_git_revision() {
    if Command::new("git").arg("--version").output().is_err() {
        eprintln!("git is not installed: the revision test has nothing to run");
        return;
    }
    let scratch_dir = scratch("git");
    let dir = scratch_dir.path();
    write(dir, "situation.toml", OLD);
    assert!(git(dir, &["init", "-q"]));
    assert!(git(dir, &["add", "situation.toml"]));
    assert!(git(dir, &["commit", "-q", "-m", "yesterday"]));
    write(dir, "situation.toml", &new_text());
    let from_git = diff(dir, &["HEAD:situation.toml", "situation.toml"]);
    assert_eq!(from_git.code, 0, "{}", from_git.stderr);
    assert!(
        from_git
            .stdout
            .contains("Old: HEAD:situation.toml, as of 21 Sep 2024"),
        "{}",
        from_git.stdout
    );
    // The same answer as with the two files side by side.
    let scratch_files = pair("git-files");
    let files = scratch_files.path();
    let side_by_side = diff(files, &["old.toml", "new.toml"]);
    let body = |out: &str| out.lines().skip(4).collect::<Vec<_>>().join("\n");
    assert_eq!(body(&from_git.stdout), body(&side_by_side.stdout));
    // Nothing was written: the work tree has only the user's own edit.
    let status = Command::new("git")
        .current_dir(dir)
        .args(["status", "--porcelain"])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(status.stdout).unwrap(),
        " M situation.toml\n"
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("situation.toml")).unwrap(),
        new_text()
    );
    // A revision git does not know is a read error with git's reason.
    let run = diff(dir, &["HEAD~5:situation.toml", "situation.toml"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .starts_with("sitrep: cannot read HEAD~5:situation.toml: git: "),
        "{}",
        run.stderr
    );
}
