//! The fast loading path against the full reader: wherever the fast path
//! takes a file it builds the very situation the full reader builds, and a
//! file it leaves (any error or warning, any unusual TOML) is reported
//! exactly as the full reader reports it.

use std::path::Path;

use proptest::prelude::*;
use sitrep::load::{Report, load_str, load_str_fast, load_str_in_full};
use sitrep_generate::{Options, generate};

fn generated(options: &Options) -> String {
    let mut out = Vec::new();
    generate(options, &mut out).expect("generating into memory works");
    String::from_utf8(out).expect("the generator writes UTF-8")
}

/// The two readers agree on `text`, and `load_str` reports what the full
/// reader reports. Returns whether the fast path took the file.
fn agree(text: &str) -> Result<bool, TestCaseError> {
    let full = load_str_in_full(text);
    let fast = load_str_fast(text);
    if let Some(fast) = &fast {
        prop_assert!(
            full.diagnostics.is_empty(),
            "the fast path took a file the full reader has words for: {:?}",
            full.diagnostics
        );
        prop_assert!(
            full.situation.as_ref() == Some(fast),
            "different situations"
        );
    }
    let both: Report = load_str(text);
    prop_assert_eq!(&both.diagnostics, &full.diagnostics);
    prop_assert!(both.situation == full.situation, "load_str differs");
    Ok(fast.is_some())
}

fn fixtures(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("fixtures are readable") {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            fixtures(&path, out);
        } else if path.extension().is_some_and(|e| e == "toml") {
            out.push(path);
        }
    }
}

#[test]
fn every_fixture_reads_the_same_and_files_with_problems_keep_their_diagnostics() {
    let mut paths = Vec::new();
    fixtures(Path::new("tests/fixtures"), &mut paths);
    assert!(paths.len() > 60, "found only {} fixtures", paths.len());
    let mut fast = 0;
    for path in &paths {
        let bytes = std::fs::read(path).expect("a fixture is readable");
        let Ok(text) = std::str::from_utf8(&bytes) else {
            continue;
        };
        let took = agree(text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let clean = load_str_in_full(text).diagnostics.is_empty();
        if path.starts_with("tests/fixtures/bad") {
            assert!(!took, "{}: a bad file went the fast way", path.display());
        }
        // A clean file in the format's usual forms goes the fast way.
        if path.starts_with("tests/fixtures/good") && clean {
            assert!(
                took,
                "{}: a clean file was left to the full reader",
                path.display()
            );
        }
        fast += usize::from(took);
    }
    assert!(fast >= 5, "only {fast} fixtures took the fast path");
}

#[test]
fn the_builtin_situation_reads_the_same_both_ways() {
    assert!(agree(sitrep::BUILTIN_TEXT).unwrap());
}

#[test]
fn generated_files_take_the_fast_path_and_read_the_same() {
    let sizes = [
        Options::new(40, 1),
        Options::new(300, 7).with_places(30),
        Options {
            quotes: 200,
            metrics: 60,
            ..Options::new(500, 99)
        },
        Options {
            actors: 300,
            ..Options::new(200, 3).with_places(150)
        },
        // Over a megabyte: read in pieces, on every core there is.
        Options::new(3000, 11).with_places(100),
    ];
    for options in &sizes {
        let text = generated(options);
        assert!(
            agree(&text).unwrap(),
            "{options:?}: the fast path left a generated file"
        );
    }
}

/// A generated file with a few edits a person (or a bad disk) could make.
fn edited() -> impl Strategy<Value = String> {
    let piece = prop::sample::select(vec![
        "\"",
        "\\",
        "\n",
        "[",
        "]",
        "[[events]]\n",
        "=",
        "#",
        " ",
        "'",
        ",",
        "{",
        "}",
        "\r",
        "é",
        "0",
        "-",
        ".",
        "_",
        "e",
        "\t",
        "\"\"\"",
        "\\u00e9",
        "\\e",
        "x = 1\n",
        "id = \"a\"\n",
        "2024-02-30",
        "T10:00:00",
        "\u{feff}",
    ]);
    let edit = (any::<prop::sample::Index>(), 0usize..12, piece);
    let seed = 0u64..4;
    (seed, prop::collection::vec(edit, 1..4)).prop_map(|(seed, edits)| {
        let mut text = generated(&Options::new(30, seed).with_places(5));
        for (at, cut, insert) in edits {
            let mut at = at.index(text.len());
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            let mut end = (at + cut).min(text.len());
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            text.replace_range(at..end, insert);
        }
        text
    })
}

/// Lines of a generated file dropped, repeated or swapped.
fn shuffled() -> impl Strategy<Value = String> {
    let edit = (
        any::<prop::sample::Index>(),
        any::<prop::sample::Index>(),
        0u8..3,
    );
    (0u64..4, prop::collection::vec(edit, 1..3)).prop_map(|(seed, edits)| {
        let text = generated(&Options::new(30, seed).with_places(5));
        let mut lines: Vec<&str> = text.lines().collect();
        for (a, b, how) in edits {
            let (a, b) = (a.index(lines.len()), b.index(lines.len()));
            match how {
                0 => {
                    lines.remove(a);
                }
                1 => lines.insert(b, lines[a]),
                _ => lines.swap(a, b),
            }
        }
        lines.join("\n")
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(192))]

    #[test]
    fn an_edited_file_reads_the_same_both_ways(text in edited()) {
        agree(&text)?;
    }

    #[test]
    fn a_file_with_lines_moved_reads_the_same_both_ways(text in shuffled()) {
        agree(&text)?;
    }
}
