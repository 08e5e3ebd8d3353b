use std::borrow::Cow;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::mpsc::{self, RecvTimeoutError};

use clap::{Args, Parser, Subcommand};

use sitrep::app::{App, Options};
use sitrep::check::{self, Style, Verdict};
use sitrep::load::{self, Progress, Step};
use sitrep::model::{FuzzyDate, Situation};
use sitrep::progress_line::ProgressLine;
use sitrep::query::Index;
use sitrep::summary::{self, Format, View};
use sitrep::theme::Theme;
use sitrep::tui;

/// A terminal dashboard for following a developing situation.
///
/// With no FILE, opens the built-in situation (the 2024 Kenyan-led security
/// mission in Haiti).
#[derive(Parser, Debug)]
#[command(
    version,
    args_conflicts_with_subcommands = true,
    after_help = "In the dashboard, ? lists every key; q quits."
)]
struct Cli {
    /// A situation file (TOML) to open.
    file: Option<PathBuf>,
    /// Start filtered by this actor (an id from the file); repeat for more.
    #[arg(long = "actor", value_name = "ID")]
    actors: Vec<String>,
    /// Leave the mouse to the terminal, so text can be selected as usual
    /// (`m` toggles it in the dashboard).
    #[arg(long)]
    no_mouse: bool,
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
    /// Print the dashboard's content as a briefing (text, Markdown, JSON), or
    /// its events as a TimelineJS timeline or CSV.
    ///
    /// Uses the dashboard's filter and figures. Exit status: 0 on success, 1
    /// when the file is not a valid situation (its problems go to stderr as
    /// `sitrep check` prints them), 2 for usage errors and unreadable files.
    Summary(SummaryArgs),
}

#[derive(Args, Debug)]
struct SummaryArgs {
    /// A situation file (none: the built-in situation).
    file: Option<PathBuf>,
    /// Keep what involves this actor or its members (repeatable: any of them).
    #[arg(long = "actor", value_name = "ID")]
    actors: Vec<String>,
    /// Keep what mentions this text (any case), as the dashboard's search.
    #[arg(long, value_name = "TEXT")]
    search: Option<String>,
    /// Keep what overlaps the window from this date's first day
    /// (2024-09-21, 2024-08, 2024, early/mid/late 2024-10).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    from: Option<FuzzyDate>,
    /// Keep what overlaps the window up to this date's last day.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    to: Option<FuzzyDate>,
    /// How to write the briefing.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Wrap text at N columns (default: the terminal's width, or 80 when
    /// not writing to a terminal).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(20..))]
    width: Option<u16>,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Check {
            files,
            strict,
            short,
        }) => run_check(&files, strict, short),
        Some(Command::Summary(args)) => run_summary(&args),
        None => run_dashboard(cli.file.as_ref(), &cli.actors, !cli.no_mouse),
    }
}

/// Loads the file, checks the command line against it, and only then
/// touches the terminal. A file that takes longer than a moment to load
/// gets a loading screen meanwhile (in a terminal).
fn run_dashboard(file: Option<&PathBuf>, actor_ids: &[String], mouse: bool) -> ExitCode {
    let (path, bytes) = match read_input(file) {
        Ok(read) => read,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    let progress = Arc::new(Progress::new());
    let (done, loaded) = mpsc::channel();
    {
        let progress = Arc::clone(&progress);
        // Without a thread, load here: the screen then simply comes later.
        let load = move || {
            let report = load::load_bytes_with(&bytes, &progress);
            let _ = done.send((bytes, report));
        };
        let spawned = std::thread::Builder::new().name("load".into()).spawn(load);
        if let Err(e) = spawned {
            eprintln!("sitrep: cannot start loading: {e}");
            return ExitCode::from(1);
        }
    }
    let prepare = |(bytes, report): (Vec<u8>, load::Report)| {
        prepare_dashboard(&path, file, actor_ids, mouse, bytes, report)
    };
    let ended = match loaded.recv_timeout(LOADING_SCREEN_AFTER) {
        Err(RecvTimeoutError::Timeout) if tui::is_terminal() => {
            let open =
                |result| prepare(result).map(|(situation, options)| App::new(situation, options));
            match tui::run_after_loading(
                &path,
                &progress,
                &loaded,
                open,
                file.map(PathBuf::as_path),
            ) {
                Ok(tui::Opened::Ran(exit)) => Ok(exit),
                Ok(tui::Opened::Failed(not_opened)) => return not_opened.explain(&path),
                Err(e) => Err(e),
            }
        }
        first => {
            let Ok(result) = first.or_else(|_| loaded.recv()) else {
                eprintln!("sitrep: loading the file stopped unexpectedly");
                return ExitCode::from(1);
            };
            let (situation, options) = match prepare(result) {
                Ok(ready) => ready,
                Err(not_opened) => return not_opened.explain(&path),
            };
            if !tui::is_terminal() {
                // The built-in situation has no path to name: the commands take none.
                let arg = file.map_or(String::new(), |_| format!(" {path}"));
                eprintln!(
                    "sitrep: the dashboard needs a terminal (stdin and stdout are not both one).\n\
                     For text, try `sitrep summary{arg}`, or `sitrep check{arg}` to validate."
                );
                return ExitCode::from(2);
            }
            tui::run(App::new(situation, options), file.map(PathBuf::as_path))
        }
    };
    match ended {
        Ok(tui::Exit::Quit) => ExitCode::SUCCESS,
        // The terminal is restored; leave as the signal would have.
        Ok(tui::Exit::Signal(signal)) => {
            ExitCode::from(u8::try_from(128 + signal).unwrap_or(u8::MAX))
        }
        Err(e) => {
            // The terminal is restored by now: the message stays readable.
            eprintln!("sitrep: terminal error: {e}");
            ExitCode::from(1)
        }
    }
}

/// A load that finishes within this shows no loading screen: the dashboard
/// just opens, as for any file of ordinary size.
const LOADING_SCREEN_AFTER: std::time::Duration = std::time::Duration::from_millis(250);

/// Why the dashboard did not open.
enum NotOpened {
    /// The file has errors: explained as `check` would.
    Invalid(Box<(Vec<u8>, load::Report)>),
    /// The command line does not fit the file (an unknown `--actor`).
    Usage(String),
}

impl NotOpened {
    fn explain(self, path: &str) -> ExitCode {
        match self {
            NotOpened::Invalid(failed) => explain_failure(path, &failed.0, &failed.1),
            NotOpened::Usage(message) => {
                eprintln!("error: {message}");
                ExitCode::from(2)
            }
        }
    }
}

/// The loaded situation and the dashboard's options, or why not.
fn prepare_dashboard(
    path: &str,
    file: Option<&PathBuf>,
    actor_ids: &[String],
    mouse: bool,
    bytes: Vec<u8>,
    mut report: load::Report,
) -> Result<(Situation, Options), NotOpened> {
    let Some(situation) = report.situation.take() else {
        return Err(NotOpened::Invalid(Box::new((bytes, report))));
    };
    let actors = sitrep::query::actors_from_ids(&situation, actor_ids).map_err(NotOpened::Usage)?;
    let options = Options {
        actors,
        mouse,
        theme: Theme::from_env(),
        warnings: report.warnings().count(),
        file: file.map(|_| path.to_string()),
    };
    Ok((situation, options))
}

/// Reads a file named on the command line, or the built-in situation.
fn read_input(path: Option<&PathBuf>) -> Result<(String, Vec<u8>), String> {
    match path {
        None => Ok((
            sitrep::BUILTIN_PATH.to_string(),
            sitrep::BUILTIN_TEXT.as_bytes().to_vec(),
        )),
        Some(path) => {
            let shown = sitrep::sanitize::clean_line(&path.display().to_string()).into_owned();
            match std::fs::read(path) {
                Ok(bytes) => Ok((shown, bytes)),
                Err(e) => Err(format!(
                    "sitrep: cannot read {shown}: {}",
                    sitrep::reload::describe_io(&e)
                )),
            }
        }
    }
}

/// A file that does not load: its problems on stderr, as `sitrep check`
/// prints them, and exit status 1.
fn explain_failure(path: &str, bytes: &[u8], report: &load::Report) -> ExitCode {
    let style = Style::Full {
        color: wants_color(&std::io::stderr()),
    };
    let text = String::from_utf8_lossy(bytes);
    let _ = check::print_report(
        &mut std::io::stderr().lock(),
        path,
        &text,
        report,
        false,
        style,
    );
    ExitCode::from(1)
}

/// Colour on a terminal, unless NO_COLOR is set (no-color.org).
fn wants_color(stream: &impl IsTerminal) -> bool {
    stream.is_terminal() && Theme::from_env().color
}

fn run_check(files: &[PathBuf], strict: bool, short: bool) -> ExitCode {
    let color = wants_color(&std::io::stdout());
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
        let progress = Arc::new(Progress::new());
        let mut line = ProgressLine::start(
            format!("checking {path}"),
            Arc::clone(&progress),
            std::io::stderr().is_terminal(),
        );
        let text = String::from_utf8_lossy(&bytes);
        let report = match &text {
            Cow::Borrowed(text) => load::load_str_with(text, &progress),
            // Not UTF-8: load_bytes says where.
            Cow::Owned(_) => load::load_bytes(&bytes),
        };
        line.finish();
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

/// A date argument in any form of the file format.
fn parse_date(text: &str) -> Result<FuzzyDate, String> {
    text.parse::<FuzzyDate>().map_err(|e| match e {
        sitrep::model::DateError::Form => e.to_string(),
        sitrep::model::DateError::NoSuchDate => format!(
            "{e}; expected a date like 2024-09-21, 2024-08, 2024, early/mid/late 2024-10, \
             optionally with a leading ~"
        ),
    })
}

fn run_summary(args: &SummaryArgs) -> ExitCode {
    let (path, bytes) = match read_input(args.file.as_ref()) {
        Ok(read) => read,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    let progress = Arc::new(Progress::new());
    let mut line = ProgressLine::start(
        format!("reading {path}"),
        Arc::clone(&progress),
        std::io::stderr().is_terminal(),
    );
    let report = load::load_bytes_with(&bytes, &progress);
    let Some(situation) = &report.situation else {
        line.finish();
        // The briefing goes to stdout; why there is none goes to stderr.
        return explain_failure(&path, &bytes, &report);
    };
    let filter = match summary::build_filter(
        situation,
        &args.actors,
        args.search.as_deref(),
        args.from,
        args.to,
    ) {
        Ok(filter) => filter,
        Err(message) => {
            line.finish();
            eprintln!("error: {message}");
            return ExitCode::from(2);
        }
    };
    let stdout = std::io::stdout();
    let width = match args.width {
        Some(width) => usize::from(width),
        None if stdout.is_terminal() => {
            ratatui::crossterm::terminal::size().map_or(80, |(columns, _)| usize::from(columns))
        }
        None => 80,
    };
    progress.set_step(Step::Indexing);
    let index = Index::new(situation);
    let out = summary::render(&View::new(situation, &index, &filter), args.format, width);
    line.finish();
    // The process ends right after this: letting the OS take back a large
    // model is much faster than freeing it item by item.
    std::mem::forget(index);
    std::mem::forget(report);
    let mut stdout = stdout.lock();
    match stdout
        .write_all(out.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => ExitCode::SUCCESS,
        // A closed pipe (`sitrep summary | head`) means the reader has enough.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("sitrep: cannot write the summary: {e}");
            ExitCode::from(1)
        }
    }
}
