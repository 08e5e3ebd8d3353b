//! The config file through the real binary: where it is looked for, every
//! rule located by `sitrep check --config`, the default file read back, and
//! a bad file stopping the dashboard before the terminal is touched.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;

/// A directory of its own for one test, empty.
fn temp_dir(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("config_cli")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a temporary directory");
    dir
}

/// The binary from the crate root, with no config file of the developer's:
/// the lookup points into an empty directory.
fn sitrep() -> Command {
    let mut cmd = Command::cargo_bin("sitrep").expect("the sitrep binary is built for tests");
    let none = Path::new(env!("CARGO_TARGET_TMPDIR")).join("no-config-here/config.toml");
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .env("SITREP_CONFIG", none)
        .env("TERM", "xterm-256color")
        .write_stdin("");
    cmd
}

fn fixture(kind: &str, name: &str) -> String {
    format!("tests/fixtures/config/{kind}/{name}.toml")
}

/// `check --config FILE --short` on a bad fixture: exactly these problems
/// (`line:col: error: message (help)`), the summary, exit status 1.
fn check_bad(name: &str, problems: &[&str]) {
    let path = fixture("bad", name);
    let mut expected: String = problems.iter().map(|p| format!("{path}:{p}\n")).collect();
    let errors = problems.len();
    let plural = if errors == 1 { "" } else { "s" };
    expected.push_str(&format!(
        "{path}: not a valid config file, {errors} error{plural}\n"
    ));
    sitrep()
        .args(["check", "--short", "--config", &path])
        .assert()
        .code(1)
        .stdout(expected);
}

#[test]
fn every_misspelt_name_gets_the_closest_one() {
    check_bad(
        "names",
        &[
            "2:1: error: unknown key `thme` in the config file (did you mean `theme`?)",
            "3:9: error: unknown theme `ligth` (did you mean `light`?)",
            "4:9: error: unknown pane `timline` (did you mean `timeline`?)",
            "7:1: error: unknown key `upcomin` in [colors] (did you mean `upcoming`?)",
            "8:7: error: unknown colour `mangenta` (did you mean `magenta`?)",
            "11:1: error: unknown action `qiut` in [keys] (did you mean `quit`?)",
            "12:8: error: unknown key `entr` (did you mean `enter`?)",
            "14:7: error: unknown mode or pane `[keys.timline]` (did you mean `[keys.timeline]`?)",
        ],
    );
}

#[test]
fn every_bad_value_is_located_with_what_would_be_right() {
    check_bad(
        "values",
        &[
            "2:9: error: expected true or false, found a string (write it without quotes: false)",
            "3:20: error: stale_after_days must be 1 to 3650 (the default is 60)",
            "4:9: error: expected true or false, found an integer",
            "7:9: error: a hex colour has six digits after `#` (like \"#5f87ff\")",
            "8:7: error: a colour number is 0 to 255 (for any colour, write \"#rrggbb\")",
            "9:7: error: expected a colour (a name, \"#rrggbb\" or 0-255), found a boolean",
            "12:8: error: `help` needs at least one key (without one, nothing could show the keys)",
            "13:10: error: ctrl-c always quits (give `search` another key)",
            "14:8: error: expected a key or a list of keys, found an integer (like \"q\" or [\"q\", \"ctrl-q\"])",
            "17:1: error: `zoom` does nothing in [keys.search_prompt] (it works in: browse)",
            "18:10: error: `x` is typed text in [keys.search_prompt] (use a ctrl- key or a named key there)",
        ],
    );
}

#[test]
fn two_actions_on_one_key_name_both_lines() {
    let help = "(one key does one thing in a mode: give one of them another key)";
    check_bad(
        "conflicts",
        &[
            &format!(
                "4:10: error: `ctrl-q` is bound to both `quit` (line 3) and `search` (line 4) {help}"
            ),
            &format!("8:8: error: `x` is bound to both `down` (line 5) and `open` (line 8) {help}"),
            &format!(
                "15:18: error: `o` is bound to both `right` (line 12) and `open` (line 15) {help}"
            ),
        ],
    );
}

#[test]
fn a_rebinding_that_leaves_help_without_a_key_is_refused() {
    check_bad(
        "unreachable",
        &[
            "3:1: error: `help` would have no key left in search_prompt: `clear_input` takes its last one (give `help` a key of its own in [keys.search_prompt])",
        ],
    );
}

#[test]
fn a_syntax_error_is_located() {
    check_bad(
        "syntax",
        &["2:9: error: TOML syntax: invalid boolean, expected `false`"],
    );
}

#[test]
fn a_good_config_checks_ok() {
    let path = fixture("good", "light");
    sitrep()
        .args(["check", "--config", &path])
        .assert()
        .success()
        .stdout(format!("{path}: ok, a valid config file\n"));
}

#[test]
fn the_full_report_shows_the_line_and_a_caret() {
    sitrep()
        .args(["check", "--config", &fixture("bad", "names")])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "error: unknown theme `ligth`\n --> tests/fixtures/config/bad/names.toml:3:9\n",
        ))
        .stdout(predicate::str::contains(
            "3 | theme = \"ligth\"\n  |         ^^^^^^^",
        ))
        .stdout(predicate::str::contains("help: did you mean `light`?"));
}

#[test]
fn the_default_file_loads_as_it_is() {
    let out = sitrep().args(["config", "--default"]).output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let dir = temp_dir("default");
    let path = dir.join("config.toml");
    std::fs::write(&path, &text).unwrap();
    sitrep()
        .args(["check", "--config"])
        .arg(&path)
        .assert()
        .success()
        .stdout(predicate::str::ends_with("ok, a valid config file\n"));
    // Every option and every style is in it.
    for key in [
        "theme = ",
        "mouse = ",
        "stale_after_days = ",
        "focus = ",
        "state = ",
    ] {
        assert!(text.contains(&format!("\n{key}")), "{key}");
    }
    for style in ["upcoming", "focus_title", "stale", "disputed", "status"] {
        assert!(text.contains(&format!("# {style} = ")), "{style}");
    }
}

#[test]
fn check_without_a_file_checks_the_one_the_lookup_finds() {
    let dir = temp_dir("lookup");
    std::fs::create_dir_all(dir.join("sitrep")).unwrap();
    std::fs::write(dir.join("sitrep/config.toml"), "theme = \"sepia\"\n").unwrap();
    sitrep()
        .env_remove("SITREP_CONFIG")
        .env("XDG_CONFIG_HOME", &dir)
        .args(["check", "--config", "--short"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "sitrep/config.toml:1:9: error: unknown theme `sepia` (one of: dark, light, mono, high-contrast)",
        ));
}

#[test]
fn no_file_where_the_lookup_looks_is_no_error() {
    sitrep()
        .args(["check", "--config"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "no config file there; sitrep uses its defaults",
        ));
}

#[test]
fn the_path_follows_the_lookup_order() {
    let dir = temp_dir("path");
    let named = dir.join("mine.toml");
    sitrep()
        .env("SITREP_CONFIG", &named)
        .args(["config", "--path"])
        .assert()
        .success()
        .stdout(format!("{}\n", named.display()))
        .stderr(predicate::str::contains("no file there yet"));
    sitrep()
        .env_remove("SITREP_CONFIG")
        .env("XDG_CONFIG_HOME", &dir)
        .args(["config", "--path"])
        .assert()
        .success()
        .stdout(format!("{}\n", dir.join("sitrep/config.toml").display()));
    sitrep()
        .env_remove("SITREP_CONFIG")
        .env_remove("XDG_CONFIG_HOME")
        .env("HOME", &dir)
        .args(["config", "--path"])
        .assert()
        .success()
        .stdout(format!(
            "{}\n",
            dir.join(".config/sitrep/config.toml").display()
        ));
}

#[test]
fn a_bad_config_stops_the_dashboard_before_the_terminal() {
    sitrep()
        .args([
            "--config",
            &fixture("bad", "names"),
            "tests/fixtures/dashboard.toml",
        ])
        .assert()
        .code(2)
        // Nothing reached the terminal: no alternate screen, no colour.
        .stdout("")
        .stderr(predicate::str::contains(
            "error: unknown theme `ligth`\n --> tests/fixtures/config/bad/names.toml:3:9",
        ))
        .stderr(predicate::str::contains(
            "not a valid config file, 8 errors",
        ))
        .stderr(predicate::str::contains(
            "`--no-config` starts sitrep without the config file",
        ))
        .stderr(predicate::str::contains("\u{1b}[?1049h").not());
}

#[test]
fn the_lookup_finds_a_bad_config_too_and_no_config_ignores_it() {
    let bad = fixture("bad", "values");
    sitrep()
        .env("SITREP_CONFIG", &bad)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("values.toml:3:20"));
    // Ignored: the dashboard goes on to find there is no terminal.
    sitrep()
        .env("SITREP_CONFIG", &bad)
        .arg("--no-config")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("needs a terminal"))
        .stderr(predicate::str::contains("values.toml").not());
}

#[test]
fn a_named_config_file_must_exist() {
    sitrep()
        .args(["--config", "tests/fixtures/config/nowhere.toml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "cannot read the config file tests/fixtures/config/nowhere.toml: no such file",
        ));
}

#[test]
fn a_dumb_terminal_is_refused_with_a_pointer_to_summary() {
    for term in [Some("dumb"), None] {
        let mut cmd = sitrep();
        match term {
            Some(term) => cmd.env("TERM", term),
            None => cmd.env_remove("TERM"),
        };
        cmd.arg("tests/fixtures/dashboard.toml")
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains(
                "this terminal cannot show the dashboard",
            ))
            .stderr(predicate::str::contains(
                "sitrep summary tests/fixtures/dashboard.toml",
            ));
    }
}

#[test]
fn summary_calls_stale_what_the_config_says() {
    let run = |config: Option<&Path>| {
        let mut cmd = sitrep();
        cmd.args(["summary", "tests/fixtures/summary.toml"]);
        if let Some(path) = config {
            cmd.arg("--config").arg(path);
        }
        let out = cmd.output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    assert!(run(None).contains("· stale:"));
    let dir = temp_dir("stale");
    let lenient = dir.join("config.toml");
    std::fs::write(&lenient, "stale_after_days = 365\n").unwrap();
    assert!(!run(Some(&lenient)).contains("stale"));
}
