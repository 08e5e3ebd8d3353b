//! Writes a large, valid, synthetic situation file for measuring sitrep.
//!
//!     cargo run --release --example generate -- --events 100000 --seed 7 > /tmp/big.toml
//!
//! The same options always give the same file. See `sitrep_generate`.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;

use sitrep_generate::{Options, generate};

/// Generate a synthetic situation file (valid under `sitrep check --strict`).
#[derive(Parser, Debug)]
struct Cli {
    /// Number of events; the other tables scale with it unless given.
    #[arg(long, default_value_t = 1000, value_parser = clap::value_parser!(u64).range(1..))]
    events: u64,
    /// Seed of the pseudo-random generator.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Number of actors (default: events / 50, at least 8).
    #[arg(long, value_parser = clap::value_parser!(u64).range(1..))]
    actors: Option<u64>,
    /// Number of sources (default: events / 200, at least 3).
    #[arg(long, value_parser = clap::value_parser!(u64).range(1..))]
    sources: Option<u64>,
    /// Number of quotes (default: events / 20).
    #[arg(long)]
    quotes: Option<u64>,
    /// Number of metrics (default: events / 400, at least 6).
    #[arg(long)]
    metrics: Option<u64>,
    /// Number of places with coordinates, and events at them (default: none,
    /// which leaves the file as it was before places; at most one per event).
    #[arg(long, default_value_t = 0)]
    places: u64,
    /// Write to this file instead of standard output.
    #[arg(long)]
    out: Option<PathBuf>,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let mut options = Options::new(cli.events as usize, cli.seed).with_places(cli.places as usize);
    let overrides = [
        (cli.actors, &mut options.actors),
        (cli.sources, &mut options.sources),
        (cli.quotes, &mut options.quotes),
        (cli.metrics, &mut options.metrics),
    ];
    for (given, field) in overrides {
        if let Some(n) = given {
            *field = n as usize;
        }
    }
    let result = match &cli.out {
        Some(path) => File::create(path).and_then(|f| write(&options, f)),
        None => write(&options, io::stdout().lock()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        // `generate ... | head` closes the pipe early: not a failure.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("generate: {e}");
            ExitCode::FAILURE
        }
    }
}

fn write(options: &Options, out: impl Write) -> io::Result<()> {
    let mut out = BufWriter::with_capacity(1 << 16, out);
    generate(options, &mut out)?;
    out.flush()
}
