//! Files that are not what they seem, through the real binary: devices,
//! FIFOs and files larger than the limit get a message and exit status 2
//! from every command that reads a situation file, without reading them.

use std::path::PathBuf;

use assert_cmd::Command;
use predicates::prelude::*;

fn sitrep() -> Command {
    let mut cmd = Command::cargo_bin("sitrep").expect("the sitrep binary is built for tests");
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1");
    cmd
}

/// A fresh directory for one test's files.
fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("sitrep-faults-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
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
    let dir = temp_dir("fifo");
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
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_file_over_the_default_limit_is_refused_by_its_size() {
    // Sparse: 3 GiB on paper, no disk or memory used unless it is read.
    let dir = temp_dir("huge");
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
                "sitrep: cannot read {shown}: it is 3 GiB, more than the limit of 2 GiB \
                 (--max-size sets it)\n"
            ));
    }
    std::fs::remove_dir_all(&dir).ok();
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
                "sitrep: cannot read {path}: it is {}, more than the limit of 1 KiB \
                 (--max-size sets it)\n",
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
