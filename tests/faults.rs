//! Files that are not what they seem, through the real binary: devices,
//! FIFOs and files larger than the limit get a message and exit status 2
//! from every command that reads a situation file, without reading them.

use assert_cmd::Command;
use predicates::prelude::*;

fn sitrep() -> Command {
    let mut cmd = Command::cargo_bin("sitrep").expect("the sitrep binary is built for tests");
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1");
    cmd
}

/// A fresh directory for one test's files.
fn temp_dir(name: &str) -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix(&format!("sitrep-faults-{name}-"))
        .tempdir()
        .expect("a scratch directory")
}

/// The three ways in: check, summary and the dashboard (which reads the
/// file before it looks for a terminal, so a read error shows without one).
fn every_reader(path: &str) -> [Vec<String>; 3] {
    [
        vec!["check".into(), path.into()],
        vec!["summary".into(), path.into()],
        vec![path.into()],
    ]
}

#[test]
fn a_device_is_refused_without_being_read() {
    // /dev/zero never ends: reading it would take all the memory there is.
    for args in every_reader("/dev/zero") {
        sitrep()
            .args(&args)
            .timeout(std::time::Duration::from_secs(20))
            .assert()
            .code(2)
            .stdout("")
            .stderr(
                "sitrep: cannot read /dev/zero: it is a character device, not a regular file\n",
            );
    }
}

#[cfg(unix)]
#[test]
fn a_fifo_is_refused_without_waiting_for_a_writer() {
    let scratch_dir = temp_dir("fifo");
    let dir = scratch_dir.path();
    let fifo = dir.join("pipe.toml");
    let c_path = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    // SAFETY: a valid NUL-terminated path; mkfifo only creates a file.
    assert_eq!(unsafe { libc::mkfifo(c_path.as_ptr(), 0o600) }, 0);
    let shown = fifo.display().to_string();
    for args in every_reader(&shown) {
        // Nobody ever writes to the FIFO: a blocking open would hang here
        // until the timeout fails the test.
        sitrep()
            .args(&args)
            .timeout(std::time::Duration::from_secs(20))
            .assert()
            .code(2)
            .stdout("")
            .stderr(format!(
                "sitrep: cannot read {shown}: it is a FIFO (a named pipe), not a regular file\n"
            ));
    }
}

#[test]
fn a_file_over_the_default_limit_is_refused_by_its_size() {
    // Sparse: 3 GiB on paper, no disk or memory used unless it is read.
    let scratch_dir = temp_dir("huge");
    let dir = scratch_dir.path();
    let path = dir.join("huge.toml");
    std::fs::File::create(&path)
        .unwrap()
        .set_len(3 << 30)
        .unwrap();
    let shown = path.display().to_string();
    for args in every_reader(&shown) {
        sitrep()
            .args(&args)
            .timeout(std::time::Duration::from_secs(20))
            .assert()
            .code(2)
            .stdout("")
            .stderr(format!(
                "sitrep: cannot read {shown}: it is 3 GiB, over the limit of 2 GiB (--max-size)\n"
            ));
    }
}

#[test]
fn max_size_sets_the_limit_on_every_command() {
    let path = "tests/fixtures/good/full.toml";
    let size = std::fs::metadata(path).unwrap().len();
    for args in every_reader(path) {
        let mut limited = vec!["--max-size".to_string(), "1K".into()];
        limited.extend(args.iter().cloned());
        // The flag goes after the subcommand, or anywhere for the dashboard.
        let limited = if args.len() == 2 {
            vec![args[0].clone(), "--max-size=1K".into(), args[1].clone()]
        } else {
            limited
        };
        sitrep()
            .args(&limited)
            .assert()
            .code(2)
            .stdout("")
            .stderr(format!(
                "sitrep: cannot read {path}: it is {}, over the limit of 1 KiB (--max-size)\n",
                sitrep::read::size_text(size)
            ));
    }
    // Exactly the file's size is enough.
    sitrep()
        .args(["check", "--max-size", &size.to_string(), path])
        .assert()
        .code(0);
}

#[test]
fn a_bad_max_size_is_a_usage_error() {
    sitrep()
        .args(["check", "--max-size", "2X", "tests/fixtures/good/full.toml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown unit \"X\""));
}

#[test]
fn ascii_json_is_plain_ascii_and_means_the_same() {
    let run = |extra: &[&str]| {
        let mut args = vec!["summary", "--format", "json", "tests/fixtures/hostile.toml"];
        args.extend_from_slice(extra);
        let out = sitrep().args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(0));
        out.stdout
    };
    let plain = run(&[]);
    let ascii = run(&["--ascii"]);
    // The file is full of escapes, wide and combining characters.
    assert!(!plain.is_ascii());
    assert!(ascii.is_ascii(), "{}", String::from_utf8_lossy(&ascii));
    let parse = |bytes: &[u8]| serde_json::from_slice::<serde_json::Value>(bytes).unwrap();
    assert_eq!(parse(&plain), parse(&ascii));
}

#[test]
fn ascii_is_for_the_json_formats_only() {
    sitrep()
        .args(["summary", "--ascii", "tests/fixtures/hostile.toml"])
        .assert()
        .code(2)
        .stdout("")
        .stderr("error: --ascii applies to the JSON formats (--format json or timelinejs)\n");
}

#[test]
fn big_integers_stay_exact_in_text_and_json_and_huge_floats_stay_short() {
    let path = "tests/fixtures/good/big-numbers.toml";
    let text = sitrep().args(["summary", path]).output().unwrap();
    assert_eq!(text.status.code(), Some(0));
    let text = String::from_utf8(text.stdout).unwrap();
    for shown in [
        "- Just past 2^53: 9,007,199,254,740,993\n",
        "- The largest integer: 9,223,372,036,854,775,807\n",
        "- A huge float: 1×10³⁰⁸\n",
        "- A series: 9,007,199,254,740,995\n",
        "- A leap: 1×10³⁰⁸\n",
        "over 1,000,000× since 1 Sep",
    ] {
        assert!(text.contains(shown), "{shown:?} not in\n{text}");
    }
    // No number is written the way a program writes it ("1e308",
    // "1.0842021724855044e291%").
    assert!(!text.contains("e308") && !text.contains("e29"), "{text}");
    let json = sitrep()
        .args(["summary", "--format", "json", path])
        .output()
        .unwrap();
    let raw = String::from_utf8(json.stdout).unwrap();
    // As written: integers, not floats rounded to 2^53.
    assert!(raw.contains("\"value\": 9007199254740993,"), "{raw}");
    assert!(raw.contains("\"value\": 9223372036854775807,"), "{raw}");
    let parsed: serde_json::Value = serde_json::from_str(&raw).unwrap();
    let value = |i: usize| parsed["metrics"][i]["value"].clone();
    assert_eq!(value(0).as_i64(), Some(9_007_199_254_740_993));
    assert_eq!(value(1).as_i64(), Some(i64::MAX));
    assert_eq!(value(2).as_f64(), Some(1e308));
    assert_eq!(value(3).as_i64(), Some(9_007_199_254_740_995));
}

/// One `part_of` chain through 100,000 actors, each part of the next, and
/// an event naming the deepest one. Taking in every actor's chain once
/// needed memory in the square of that (and aborted); now the chain loads,
/// and filtering by the top actor takes in the event at the bottom.
fn part_of_chain(n: usize) -> String {
    let mut text = String::from(
        "[situation]\ntitle = \"T\"\nas_of = 2024-09-21\n\n\
         [[sources]]\nid = \"s\"\ntitle = \"S\"\n",
    );
    for i in 0..n {
        text.push_str(&format!(
            "[[actors]]\nid = \"a{i}\"\nname = \"Unit {i}\"\nkind = \"force\"\n"
        ));
        if i + 1 < n {
            text.push_str(&format!("part_of = \"a{}\"\n", i + 1));
        }
    }
    text.push_str(
        "[[events]]\nid = \"e\"\ndate = \"2024-09-20\"\ntitle = \"The deepest unit moves\"\n\
         actors = [\"a0\"]\nsources = [\"s\"]\n",
    );
    text
}

#[test]
fn a_part_of_chain_through_100000_actors_loads_and_filters() {
    let scratch_dir = temp_dir("chain");
    let dir = scratch_dir.path();
    let path = dir.join("chain.toml");
    let n = 100_000;
    std::fs::write(&path, part_of_chain(n)).unwrap();
    let shown = path.display().to_string();
    let long = std::time::Duration::from_secs(120);
    sitrep()
        .args(["check", "--strict", &shown])
        .timeout(long)
        .assert()
        .code(0);
    // The top of the chain takes in the event at its bottom.
    sitrep()
        .args(["summary", "--actor", &format!("a{}", n - 1), &shown])
        .timeout(long)
        .assert()
        .code(0)
        .stdout(predicate::str::contains("The deepest unit moves"));
}
