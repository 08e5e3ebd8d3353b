//! `sitrep import acled` against `sitrep check` on what it wrote: the issue
//! asks that importing 100,000 rows take no longer than checking the result.
//! The export is made up in memory (benches/support/acled_rows.rs).
//!
//! Run with `cargo bench --bench import`; README ("Performance") has the
//! figures.

#[path = "support/acled_rows.rs"]
mod acled_rows;

use std::sync::OnceLock;

use divan::{Bencher, black_box};
use sitrep::import::acled::{self, Options};

fn main() {
    divan::main();
}

const ROWS: usize = 100_000;

fn csv() -> &'static [u8] {
    static CSV: OnceLock<Vec<u8>> = OnceLock::new();
    CSV.get_or_init(|| {
        let mut out = Vec::new();
        acled_rows::write(ROWS, 7, &mut out).expect("writing to memory does not fail");
        out
    })
}

fn options() -> Options {
    Options {
        file_name: "acled-100k.csv".into(),
        made_at: "2026-01-01 00:00 UTC".into(),
        as_of: None,
        title: None,
    }
}

fn imported() -> &'static str {
    static TOML: OnceLock<String> = OnceLock::new();
    TOML.get_or_init(|| {
        acled::import(csv(), &options(), |p| {
            panic!("the made-up rows are good: {p:?}")
        })
        .expect("the made-up export imports")
        .text()
    })
}

#[divan::bench(sample_count = 10)]
fn import_100k_rows(bencher: Bencher) {
    let csv = csv();
    bencher.bench(|| {
        let imported = acled::import(black_box(csv), &options(), |_| {}).unwrap();
        black_box(imported.events_toml.len())
    });
}

/// What `sitrep check` does with the result: load and validate it.
#[divan::bench(sample_count = 10)]
fn check_the_result(bencher: Bencher) {
    let text = imported();
    bencher.bench(|| {
        let report = sitrep::load::load_str(black_box(text));
        assert!(report.situation.is_some());
        black_box(report.warnings().count())
    });
}
