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
            full.errors().count() == 0,
            "the fast path took a file with errors: {:?}",
            full.diagnostics
        );
        prop_assert_eq!(&fast.diagnostics, &full.diagnostics);
        prop_assert!(fast.situation == full.situation, "different situations");
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
        if path.starts_with("tests/fixtures/bad") {
            assert!(!took, "{}: a bad file went the fast way", path.display());
        }
        // A file without errors in the format's usual forms goes the fast
        // way, warnings and all.
        if path.starts_with("tests/fixtures/good") {
            assert!(
                took,
                "{}: a good file was left to the full reader",
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
fn what_sitrep_import_writes_takes_the_fast_path() {
    let options = sitrep::import::acled::Options {
        file_name: "export.csv".into(),
        made_at: "2026-01-01 00:00 UTC".into(),
        as_of: None,
        title: None,
    };
    for csv in [
        "haiti.csv",
        "minimal.csv",
        "bom-spelled.csv",
        "bad-rows.csv",
    ] {
        let bytes = std::fs::read(Path::new("tests/fixtures/acled").join(csv)).expect("readable");
        let imported = sitrep::import::acled::import(bytes.as_slice(), &options, |_| {})
            .unwrap_or_else(|e| panic!("{csv}: {e:?}"))
            .text();
        assert!(agree(&imported).unwrap(), "{csv}: left to the full reader");
    }
}

#[test]
fn multi_line_literal_strings_take_the_fast_path_and_read_the_same() {
    // Every `"""` string written as `'''`: its backslashes are text now.
    let literal = sitrep::BUILTIN_TEXT.replace("\"\"\"", "'''");
    assert!(agree(&literal).unwrap());
    assert!(agree(&as_saved_on_windows(&literal, false)).unwrap());
    let summary = &load_str(&literal).situation.expect("loads").summary;
    assert!(summary.as_deref().is_some_and(|s| s.contains("\\\n")));
}

/// The file as a Windows editor may save it: CRLF line ends, and perhaps a
/// byte-order mark.
fn as_saved_on_windows(text: &str, bom: bool) -> String {
    let crlf = text.replace('\n', "\r\n");
    if bom { format!("\u{feff}{crlf}") } else { crlf }
}

#[test]
fn a_file_saved_on_windows_takes_the_fast_path_and_reads_the_same() {
    let big = generated(&Options::new(3000, 11).with_places(100));
    for text in [sitrep::BUILTIN_TEXT, sitrep::init::TEMPLATE, big.as_str()] {
        for bom in [false, true] {
            let windows = as_saved_on_windows(text, bom);
            assert!(
                agree(&windows).unwrap(),
                "left to the full reader (bom: {bom})"
            );
            // The same situation as the file with LF line ends, but for
            // multi-line strings, which keep their CRLF as TOML says.
            let lf = load_str(text).situation.expect("loads");
            let crlf = load_str(&windows).situation.expect("loads");
            assert_eq!(crlf.events.len(), lf.events.len());
            assert_eq!(crlf.lines, lf.lines, "items keep their line numbers");
        }
    }
    // A byte-order mark alone, with LF line ends.
    assert!(agree(&format!("\u{feff}{}", sitrep::BUILTIN_TEXT)).unwrap());
    // A CR that ends no line is still the full reader's to report.
    let lone = sitrep::BUILTIN_TEXT.replacen("\n", "\r", 1);
    assert!(!agree(&lone).unwrap());
    assert!(load_str(&lone).errors().count() > 0);
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
        "\r\n",
        "é",
        "0",
        "-",
        ".",
        "_",
        "e",
        "\t",
        "\"\"\"",
        "'''",
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
    let windows = prop::option::of(any::<bool>());
    (seed, windows, prop::collection::vec(edit, 1..4)).prop_map(|(seed, windows, edits)| {
        let mut text = generated(&Options::new(30, seed).with_places(5));
        if let Some(bom) = windows {
            text = as_saved_on_windows(&text, bom);
        }
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
    let line_end = prop::sample::select(vec!["\n", "\r\n"]);
    (0u64..4, line_end, prop::collection::vec(edit, 1..3)).prop_map(|(seed, line_end, edits)| {
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
        lines.join(line_end)
    })
}

/// A generated file with what the full reader warns about (and reads
/// anyway) put in a few places: items without sources, an actor listed
/// twice, ids nothing refers to, a `location` naming a place.
fn warned() -> impl Strategy<Value = String> {
    let edit = (0u8..7, any::<prop::sample::Index>());
    let windows = prop::option::of(any::<bool>());
    (0u64..4, windows, prop::collection::vec(edit, 1..5)).prop_map(|(seed, windows, edits)| {
        let text = generated(&Options::new(30, seed).with_places(5));
        let situation = load_str(&text).situation.expect("a generated file loads");
        let places: Vec<String> = situation.places.iter().map(|p| p.name.clone()).collect();
        let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
        for (n, (how, at)) in edits.into_iter().enumerate() {
            let pick = |lines: &[String], start: &str| {
                let found: Vec<usize> = (0..lines.len())
                    .filter(|&i| lines[i].starts_with(start))
                    .collect();
                (!found.is_empty()).then(|| found[at.index(found.len())])
            };
            match how {
                // An event's, a quote's or a metric's source gone.
                0 => {
                    if let Some(i) = pick(&lines, "sources = ").or(pick(&lines, "source = ")) {
                        lines.remove(i);
                    }
                }
                // A point without a source.
                1 => {
                    if let Some(i) = pick(&lines, "  { date") {
                        let point = &lines[i];
                        if let Some(cut) = point.find(", source = ") {
                            lines[i] = format!("{} }},", &point[..cut]);
                        }
                    }
                }
                // The first actor of a list twice.
                2 => {
                    if let Some(i) = pick(&lines, "actors = [").or(pick(&lines, "about = [")) {
                        let list = &lines[i];
                        let open = list.find('[').unwrap_or(0) + 1;
                        let first = list[open..]
                            .split([',', ']'])
                            .next()
                            .unwrap_or("")
                            .to_string();
                        if !first.is_empty() {
                            lines[i] = format!("{}{first}, {}", &list[..open], &list[open..]);
                        }
                    }
                }
                // An event's location that is a place's name, in another case.
                3 => {
                    let events = lines.iter().position(|l| l == "[[events]]").unwrap_or(0);
                    if let Some(i) = pick(&lines[events..], "location = ").map(|i| i + events) {
                        let name = &places[at.index(places.len())];
                        lines[i] = format!("location = \"{}\"", name.to_uppercase());
                    }
                }
                // An actor, a source and a place nothing refers to.
                4 => {
                    lines.push(format!(
                        "[[actors]]\nid = \"idle-{n}\"\nname = \"Idle\"\nkind = \"person\""
                    ));
                }
                5 => {
                    lines.push(format!(
                        "[[sources]]\nid = \"unread-{n}\"\ntitle = \"Unread\""
                    ));
                }
                _ => {
                    lines.push(format!(
                        "[[places]]\nid = \"nowhere-{n}\"\nname = \"Nowhere {n}\""
                    ));
                }
            }
        }
        let text = lines.join("\n") + "\n";
        match windows {
            Some(bom) => as_saved_on_windows(&text, bom),
            None => text,
        }
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

    #[test]
    fn a_file_with_warnings_takes_the_fast_path_and_warns_the_same(text in warned()) {
        prop_assert!(agree(&text)?, "left to the full reader");
        prop_assert!(load_str_in_full(&text).warnings().count() > 0, "no warning made");
    }
}
