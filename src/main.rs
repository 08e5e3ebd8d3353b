use std::borrow::Cow;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use sitrep::check::{self, Style, Verdict};
use sitrep::load;

/// A terminal dashboard for following a developing situation.
///
/// With no FILE, opens the built-in situation (the 2024 Kenyan-led security
/// mission in Haiti).
#[derive(Parser, Debug)]
#[command(version, args_conflicts_with_subcommands = true)]
struct Cli {
    /// A situation file (TOML) to open.
    file: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Validate situation files and explain every problem.
    ///
    /// Exit status: 0 when every file is valid, 1 when a file is not a valid
    /// situation, 2 for usage errors and files that cannot be read.
    Check {
        /// Files to check (none: the built-in situation).
        files: Vec<PathBuf>,
        /// Treat warnings (unsourced facts, unused actors and sources) as errors.
        #[arg(long)]
        strict: bool,
        /// One line per problem: path:line:col: level: message.
        #[arg(long)]
        short: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Check {
            files,
            strict,
            short,
        }) => run_check(&files, strict, short),
        None => {
            eprintln!("sitrep: the dashboard is not available yet; try `sitrep check`");
            ExitCode::from(2)
        }
    }
}

/// Reads a file named on the command line, or the built-in situation.
fn read_input(path: Option<&PathBuf>) -> Result<(String, Vec<u8>), String> {
    match path {
        None => Ok((
            sitrep::BUILTIN_PATH.to_string(),
            sitrep::BUILTIN_TEXT.as_bytes().to_vec(),
        )),
        Some(path) => {
            let shown = path.display().to_string();
            match std::fs::read(path) {
                Ok(bytes) => Ok((shown, bytes)),
                Err(e) => Err(format!("sitrep: cannot read {shown}: {}", describe_io(&e))),
            }
        }
    }
}

fn describe_io(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        std::io::ErrorKind::IsADirectory => "it is a directory".into(),
        _ => e.to_string(),
    }
}

fn run_check(files: &[PathBuf], strict: bool, short: bool) -> ExitCode {
    let color = std::io::stdout().is_terminal()
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let style = if short {
        Style::Short
    } else {
        Style::Full { color }
    };
    let inputs: Vec<Option<&PathBuf>> = if files.is_empty() {
        vec![None]
    } else {
        files.iter().map(Some).collect()
    };
    let mut stdout = std::io::stdout().lock();
    let mut code = 0u8;
    for input in inputs {
        let (path, bytes) = match read_input(input) {
            Ok(read) => read,
            Err(message) => {
                let _ = stdout.flush();
                eprintln!("{message}");
                code = 2;
                continue;
            }
        };
        let text = String::from_utf8_lossy(&bytes);
        let report = match &text {
            Cow::Borrowed(text) => load::load_str(text),
            // Not UTF-8: load_bytes says where.
            Cow::Owned(_) => load::load_bytes(&bytes),
        };
        let printed = check::print_report(&mut stdout, &path, &text, &report, strict, style);
        // Freeing a large model takes a while (about 80 ms for 100,000
        // events) and nothing needs to wait for it. If no thread can be
        // made, the report is freed here as the closure is dropped.
        let _ = std::thread::Builder::new().spawn(move || drop(report));
        match printed {
            Ok(Verdict::Valid) => {}
            Ok(Verdict::Invalid) => code = code.max(1),
            // A closed pipe (`sitrep check | head`) is not the file's fault.
            Err(_) => return ExitCode::from(code.max(1)),
        }
    }
    ExitCode::from(code)
}
