//! `sitrep init` through the real binary: what it writes checks clean, and
//! an existing file is never touched.

use assert_cmd::Command;
use predicates::prelude::*;

fn sitrep() -> Command {
    let mut cmd = Command::cargo_bin("sitrep").expect("the sitrep binary is built for tests");
    cmd.env("NO_COLOR", "1").env(
        "SITREP_CONFIG",
        concat!(env!("CARGO_TARGET_TMPDIR"), "/no-config-here/config.toml"),
    );
    cmd
}

fn scratch(name: &str) -> std::path::PathBuf {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("init-cli");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    let _ = std::fs::remove_file(&path);
    path
}

#[test]
fn the_template_passes_check_strict_and_has_every_section() {
    let path = scratch("template.toml");
    sitrep()
        .args(["init"])
        .arg(&path)
        .assert()
        .success()
        .stderr(predicate::str::contains("wrote a new situation"));
    let text = std::fs::read_to_string(&path).unwrap();
    for section in [
        "[situation]",
        "[[sources]]",
        "[[actors]]",
        "[[places]]",
        "[[events]]",
        "[[metrics]]",
        "[[quotes]]",
    ] {
        assert!(text.contains(section), "no {section} in the template");
    }
    // The date forms and qualifiers are explained in comments.
    assert!(text.contains("# Dates:") && text.contains("more-than"));
    sitrep()
        .args(["check", "--strict"])
        .arg(&path)
        .assert()
        .success()
        .stdout(predicate::str::contains(": ok,"));
}

#[test]
fn from_builtin_copies_the_built_in_situation() {
    let path = scratch("builtin.toml");
    sitrep()
        .args(["init", "--from-builtin"])
        .arg(&path)
        .assert()
        .success();
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        sitrep::BUILTIN_TEXT
    );
    sitrep().arg("check").arg(&path).assert().success();
}

#[test]
fn an_existing_file_is_left_untouched_with_a_non_zero_exit() {
    let path = scratch("existing.toml");
    std::fs::write(&path, "my own notes\n").unwrap();
    for extra in [&[][..], &["--from-builtin"][..]] {
        sitrep()
            .arg("init")
            .args(extra)
            .arg(&path)
            .assert()
            .code(1)
            .stderr(predicate::str::contains("already exists"))
            .stderr(predicate::str::contains("never overwrites"));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "my own notes\n");
    }
}

#[test]
fn a_file_in_a_missing_directory_is_explained() {
    let path = scratch("no-such-dir").join("x.toml");
    sitrep()
        .arg("init")
        .arg(&path)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("cannot create"));
}
