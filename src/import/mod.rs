//! `sitrep import`: situation files made from other tools' exports. The
//! result is a new file, written whole or not at all; sitrep never changes
//! a file it did not just make.

pub mod acled;
pub mod toml_text;

use std::fs::{self, File};
use std::io::{BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::NaiveDate;

use crate::figures::group_thousands;
use crate::sanitize::clean_line;

/// Bad rows reported one by one; the rest are only counted.
const PROBLEMS_SHOWN: usize = 50;

#[derive(clap::Args, Debug)]
pub struct AcledArgs {
    /// An ACLED export: CSV with ACLED's column names in its first row,
    /// UTF-8 with or without a byte order mark.
    pub file: PathBuf,
    /// Write the situation file here instead of to standard output.
    #[arg(short, long, value_name = "OUT.toml")]
    pub output: Option<PathBuf>,
    /// Replace OUT.toml if it exists.
    #[arg(long, requires = "output")]
    pub force: bool,
    /// The situation's "now", YYYY-MM-DD (default: the latest event date).
    #[arg(long, value_name = "DATE", value_parser = parse_day)]
    pub as_of: Option<NaiveDate>,
    /// The situation's title (default: "ACLED events in COUNTRY").
    #[arg(long, value_name = "TEXT")]
    pub title: Option<String>,
}

fn parse_day(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| "expected a day, YYYY-MM-DD (such as 2024-09-21)".to_string())
}

/// Runs `sitrep import acled`. Exit status: 0 when the file was written
/// (bad rows are skipped and counted); 1 when the input is not an ACLED
/// export or no row became an event; 2 for usage errors, an unreadable
/// input, an existing output without `--force`, or an output that cannot
/// be written.
pub fn run_acled(args: &AcledArgs) -> ExitCode {
    let input = clean_line(&args.file.display().to_string()).into_owned();
    if let Some(out) = &args.output
        && !args.force
        && out.exists()
    {
        eprintln!(
            "sitrep: {} exists; nothing written (--force replaces it)",
            clean_line(&out.display().to_string())
        );
        return ExitCode::from(2);
    }
    // A device or a FIFO would stream without end: only a regular file, and
    // no larger than a situation file may be.
    let file = match crate::read::open_regular(&args.file, crate::read::DEFAULT_MAX_SIZE) {
        Ok((file, _)) => file,
        Err(e) => {
            eprintln!("sitrep: cannot read {input}: {e}");
            return ExitCode::from(2);
        }
    };
    let options = acled::Options {
        file_name: input.clone(),
        made_at: chrono::Utc::now().format("%Y-%m-%d %H:%M UTC").to_string(),
        as_of: args.as_of,
        title: args.title.clone(),
    };
    let mut shown = 0;
    let mut stderr = std::io::stderr().lock();
    let result = acled::import(BufReader::new(file), &options, |problem| {
        if shown < PROBLEMS_SHOWN {
            let _ = writeln!(
                stderr,
                "{input}:{}: {}: {}",
                problem.line,
                clean_line(&problem.column),
                clean_line(&problem.message)
            );
        }
        shown += 1;
    });
    drop(stderr);
    let imported = match result {
        Ok(imported) => imported,
        Err(acled::Failure::MissingColumns(missing)) => {
            eprintln!(
                "sitrep: {input} is not an ACLED export: no column {} (columns are found by \
                 the names in the first row); nothing written",
                missing
                    .iter()
                    .map(|c| format!("`{c}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            return ExitCode::from(1);
        }
        Err(acled::Failure::NoEvents) => {
            eprintln!("sitrep: no row of {input} became an event; nothing written");
            return ExitCode::from(1);
        }
        Err(acled::Failure::Unreadable(why)) => {
            eprintln!("sitrep: cannot read {input}: {}", clean_line(&why));
            return ExitCode::from(2);
        }
    };
    if shown > PROBLEMS_SHOWN {
        eprintln!(
            "{input}: {} more bad rows not shown",
            group_thousands((shown - PROBLEMS_SHOWN) as f64, 0)
        );
    }
    let written = match &args.output {
        None => {
            let mut stdout = std::io::stdout().lock();
            imported
                .parts()
                .iter()
                .try_for_each(|part| stdout.write_all(part))
                .and_then(|()| stdout.flush())
                .map_err(|e| format!("cannot write to standard output: {e}"))
        }
        Some(out) => write_new(out, &imported.parts(), args.force),
    };
    let counts = format!(
        "{} rows imported as events, {} skipped",
        group_thousands(imported.events as f64, 0),
        group_thousands(imported.skipped as f64, 0)
    );
    match (written, &args.output) {
        (Ok(()), Some(out)) => {
            eprintln!(
                "{input}: {counts}; wrote {}",
                clean_line(&out.display().to_string())
            );
            ExitCode::SUCCESS
        }
        (Ok(()), None) => {
            eprintln!("{input}: {counts}");
            ExitCode::SUCCESS
        }
        (Err(why), _) => {
            eprintln!("sitrep: {why}; {counts}, nothing written");
            ExitCode::from(2)
        }
    }
}

/// Writes the parts, one after the other, to `path` whole or not at all: into a temporary file
/// beside it, then renamed over it. Without `force`, an existing file is
/// left alone (also one that appeared while the import ran).
pub fn write_new(path: &Path, parts: &[&[u8]], force: bool) -> Result<(), String> {
    let shown = clean_line(&path.display().to_string()).into_owned();
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .ok_or_else(|| format!("{shown} is not a file name"))?;
    let temp = dir.join(format!(".{name}.{}.partial", std::process::id()));
    let fail = |what: &str, e: std::io::Error| {
        let _ = fs::remove_file(&temp);
        format!("cannot {what} {shown}: {}", crate::read::describe_io(&e))
    };
    let mut file = File::create_new(&temp).map_err(|e| fail("write", e))?;
    parts
        .iter()
        .try_for_each(|part| file.write_all(part))
        .and_then(|()| file.sync_all())
        .map_err(|e| fail("write", e))?;
    drop(file);
    if force {
        return fs::rename(&temp, path).map_err(|e| fail("write", e));
    }
    // A hard link fails if the name is taken, so nothing is replaced
    // even if a file appeared since the check at the start.
    match fs::hard_link(&temp, path) {
        Ok(()) => {
            let _ = fs::remove_file(&temp);
            Ok(())
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            let _ = fs::remove_file(&temp);
            Err(format!("{shown} exists (--force replaces it)"))
        }
        // A file system without hard links: check, then rename.
        Err(_) if path.exists() => {
            let _ = fs::remove_file(&temp);
            Err(format!("{shown} exists (--force replaces it)"))
        }
        Err(_) => fs::rename(&temp, path).map_err(|e| fail("write", e)),
    }
}
