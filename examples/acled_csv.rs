//! Writes a made-up ACLED export to standard output, for timing
//! `sitrep import acled`:
//!
//! ```sh
//! cargo run --release --example acled_csv -- 100000 7 > acled-100k.csv
//! ```
//!
//! Arguments: rows (default 100000) and seed (default 7).

#[path = "../benches/support/acled_rows.rs"]
mod acled_rows;

use std::io::{BufWriter, Write};

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let rows = args
        .next()
        .map_or(Ok(100_000), |a| a.parse())
        .unwrap_or_else(|_| {
            eprintln!("usage: acled_csv [ROWS] [SEED]");
            std::process::exit(2);
        });
    let seed = args
        .next()
        .map_or(Ok(7), |a| a.parse())
        .unwrap_or_else(|_| {
            eprintln!("usage: acled_csv [ROWS] [SEED]");
            std::process::exit(2);
        });
    let mut out = BufWriter::new(std::io::stdout().lock());
    acled_rows::write(rows, seed, &mut out)?;
    out.flush()
}
