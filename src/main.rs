use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::mpsc::{self, RecvTimeoutError};

use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};

use sitrep::app::{App, Options};
use sitrep::ask::Ask;
use sitrep::check::{self, Style, Verdict};
use sitrep::config::{self, Choice, Config, Failure};
use sitrep::diff;
use sitrep::digest::Digests;
use sitrep::figures::Staleness;
use sitrep::load::{self, Progress, Step};
use sitrep::progress_line::ProgressLine;
use sitrep::query::Index;
use sitrep::read;
use sitrep::revision::Origin;
use sitrep::summary::{self, Format, View};
use sitrep::theme::{self, ColorDepth};
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
    /// The dashboard starts with this filter (chips in its header).
    #[command(flatten)]
    filter: Ask,
    /// Leave the mouse to the terminal, so text can be selected as usual
    /// (`m` toggles it in the dashboard).
    #[arg(long)]
    no_mouse: bool,
    /// Do not remember what was seen of the file, nor mark what is new
    /// (the config file's `state = false`).
    #[arg(long)]
    no_state: bool,
    #[command(flatten)]
    config: ConfigArgs,
    #[command(flatten)]
    limit: Limit,
    #[command(subcommand)]
    command: Option<Command>,
}

/// Which config file to read (theme, keys, defaults).
#[derive(Args, Debug)]
struct ConfigArgs {
    /// Read this config file instead of the one `sitrep config --path` names.
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    config: Option<PathBuf>,
    /// Start without a config file: sitrep's own defaults.
    #[arg(long)]
    no_config: bool,
}

impl ConfigArgs {
    fn choice(&self) -> Choice {
        match (&self.config, self.no_config) {
            (_, true) => Choice::Ignore,
            (Some(path), false) => Choice::File(path.clone()),
            (None, false) => Choice::Lookup,
        }
    }
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Validate situation files and explain every problem.
    ///
    /// Exit status: 0 when every file is valid, 1 when a file is not a valid
    /// situation, 2 for usage errors and files that cannot be read.
    Check {
        /// Files to check (`-`: standard input; none: the built-in situation, unless --config).
        files: Vec<PathBuf>,
        /// Check a config file: FILE, or the one `sitrep config --path` names.
        #[arg(long, value_name = "FILE", num_args = 0..=1)]
        config: Option<Option<PathBuf>>,
        /// Treat warnings (unsourced facts, unused actors and sources) as errors.
        #[arg(long)]
        strict: bool,
        /// One line per problem: path:line:col: level: message.
        #[arg(long)]
        short: bool,
        #[command(flatten)]
        limit: Limit,
    },
    /// Print the dashboard's content as a briefing (text, Markdown, JSON), or
    /// its events as a TimelineJS timeline or CSV.
    ///
    /// Uses the dashboard's filter and figures. Exit status: 0 on success, 1
    /// when the file is not a valid situation (its problems go to stderr as
    /// `sitrep check` prints them), 2 for usage errors and unreadable files.
    Summary(SummaryArgs),
    /// Print what changed between two versions of a situation file.
    ///
    /// Items added, removed and changed, by id, section by section, with the
    /// fields that changed and their old and new values. Either version may
    /// be a git revision of a file: `sitrep diff HEAD~3:situation.toml
    /// situation.toml`. Exit status: 0 (with --exit-code: 0 when the versions
    /// match, 1 when they differ), 1 when a file is not a valid situation
    /// (its problems go to stderr as `sitrep check` prints them), 2 for usage
    /// errors and files that cannot be read.
    Diff(DiffArgs),
    /// Show the config file: where it is looked for, or every default.
    ///
    /// The file sets the theme, colours, keys and start-up defaults; see
    /// `sitrep config --default` for all of it.
    #[command(group(clap::ArgGroup::new("what").required(true).args(["default", "path"])))]
    Config {
        /// Print a complete config file with every default, commented.
        #[arg(long)]
        default: bool,
        /// Print the path of the config file sitrep reads.
        #[arg(long)]
        path: bool,
    },
    /// Make a situation file from another tool's export.
    #[command(subcommand)]
    Import(ImportFrom),
    /// Write a new situation file to start from: a short commented template
    /// with one of each section (it passes `check --strict`).
    ///
    /// Never overwrites: an existing FILE is left untouched and the exit
    /// status is 1 (2 for usage errors).
    Init {
        /// The new file to write.
        file: PathBuf,
        /// Write a copy of the built-in situation instead of the template.
        #[arg(long)]
        from_builtin: bool,
    },
}

#[derive(Subcommand, Debug)]
enum ImportFrom {
    /// An ACLED event export (CSV): events with honest dates, actors,
    /// places with coordinates, sources, and monthly reported fatalities
    /// (see docs/import-acled.md).
    ///
    /// Bad rows are reported as FILE:LINE: column: problem, skipped and
    /// counted. Exit status: 0 when the file was written; 1 when the input
    /// is not an ACLED export or no row became an event; 2 for usage errors,
    /// unreadable input, an existing output without --force, or an output
    /// that cannot be written.
    Acled(sitrep::import::AcledArgs),
}

/// How much of a situation file is read at most.
#[derive(Args, Debug, Clone, Copy)]
struct Limit {
    /// Refuse files larger than this (bytes, or with a unit: 500K, 64M, 2G).
    #[arg(long, value_name = "SIZE", value_parser = read::parse_size,
          default_value_t = read::DEFAULT_MAX_SIZE, hide_default_value = true)]
    max_size: u64,
}

#[derive(Args, Debug)]
struct SummaryArgs {
    /// A situation file (`-`: standard input; none: the built-in situation).
    file: Option<PathBuf>,
    #[command(flatten)]
    filter: Ask,
    /// How to write the briefing.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Wrap text at N columns (default: the terminal's width, or 80 when
    /// not writing to a terminal). Text only: other formats are not wrapped.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(20..))]
    width: Option<u16>,
    /// JSON formats: write every character beyond ASCII as a \uXXXX escape,
    /// so the output is plain ASCII (control characters are always escaped).
    #[arg(long)]
    ascii: bool,
    #[command(flatten)]
    config: ConfigArgs,
    #[command(flatten)]
    limit: Limit,
}

#[derive(Args, Debug)]
struct DiffArgs {
    /// The earlier version: a file, or REV:path for a git revision.
    old: String,
    /// The later version: a file, or REV:path.
    new: String,
    /// What to compare: the filter applies to each version, and an id need
    /// only be in one of them.
    #[command(flatten)]
    filter: Ask,
    /// How to write the changes.
    #[arg(long, value_enum, default_value_t = diff::Format::Text)]
    format: diff::Format,
    /// Wrap text at N columns (default: the terminal's width, or 80 when
    /// not writing to a terminal). Text only: other formats are not wrapped.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(20..))]
    width: Option<u16>,
    /// Exit with status 1 when the versions differ, as `git diff
    /// --exit-code` does.
    #[arg(long)]
    exit_code: bool,
    #[command(flatten)]
    limit: Limit,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Check {
            files,
            config,
            strict,
            short,
            limit,
        }) => run_check(&files, config.as_ref(), strict, short, limit.max_size),
        Some(Command::Summary(args)) => run_summary(&args),
        Some(Command::Diff(args)) => run_diff(&args),
        Some(Command::Import(ImportFrom::Acled(args))) => sitrep::import::run_acled(&args),
        Some(Command::Config { default, .. }) => run_config(default),
        Some(Command::Init { file, from_builtin }) => run_init(&file, from_builtin),
        None => run_dashboard(&cli),
    }
}

/// Reads the config file; a bad one is explained on stderr.
fn load_config(choice: &Choice) -> Result<Config, ExitCode> {
    match config::load(choice) {
        Ok(loaded) => Ok(loaded.config),
        Err(failure) => {
            match failure {
                Failure::Unreadable(message) => eprintln!("{message}"),
                Failure::Invalid {
                    path,
                    text,
                    diagnostics,
                } => {
                    let style = Style::Full {
                        color: wants_color(&std::io::stderr()),
                    };
                    let mut stderr = std::io::stderr().lock();
                    let _ =
                        check::print_diagnostics(&mut stderr, &path, &text, &diagnostics, style);
                    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
                    let _ = writeln!(
                        stderr,
                        "{path}: not a valid config file, {}",
                        sitrep::text::plural(errors, "error")
                    );
                }
            }
            eprintln!("hint: `--no-config` starts sitrep without the config file");
            Err(ExitCode::from(2))
        }
    }
}

/// Why the terminal cannot show the dashboard, from `TERM`: unset or
/// `dumb` (an editor's shell buffer, a serial console) draws no screens.
fn term_refusal(term: Option<&str>) -> Option<String> {
    match term {
        None | Some("") => Some("TERM is not set".into()),
        Some("dumb") => Some("TERM=dumb".into()),
        Some(_) => None,
    }
}

/// Reads the config and the file, checks the command line against them,
/// and only then touches the terminal.
fn run_dashboard(cli: &Cli) -> ExitCode {
    let file = cli.file.as_ref();
    if file.is_some_and(|f| f.as_os_str() == "-") {
        eprintln!(
            "error: the dashboard reads a file it can reload when saved, not standard input (`-`); \
             `sitrep check -` and `sitrep summary -` read standard input"
        );
        return ExitCode::from(2);
    }
    let config = match load_config(&cli.config.choice()) {
        Ok(config) => config,
        Err(code) => return code,
    };
    // Opened now, so that a file that is missing or no file is told before
    // the terminal is touched; read on the loading thread, so that the
    // loading screen shows at once.
    let max_size = cli.limit.max_size;
    let (path, input) = match open_input(file, max_size) {
        Ok(opened) => opened,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    let wait_for_screen = if input.len() >= LOADING_SCREEN_AT_ONCE {
        std::time::Duration::ZERO
    } else {
        LOADING_SCREEN_AFTER
    };
    // Where the seen-state record is, found while the file loads.
    let remembering = file.filter(|_| config.state && !cli.no_state).cloned();
    let seen = remembering.map(|file| {
        let path = file.clone();
        std::thread::Builder::new()
            .name("seen".into())
            .spawn(move || seen_setup(&path))
            .map_err(|_| file)
    });
    let options = Options {
        filter: Default::default(),
        mouse: config.mouse && !cli.no_mouse,
        theme: config.theme(ColorDepth::from_env(), theme::no_color_env()),
        focus: config.focus,
        staleness: Staleness {
            after_days: config.stale_after_days,
        },
        keymap: config.keymap(),
        warnings: 0,
        file: file.map(|_| path.clone()),
        seen: None,
    };
    let progress = Arc::new(Progress::new());
    let (done, loaded) = mpsc::channel();
    {
        let progress = Arc::clone(&progress);
        let (path, ask, named) = (path.clone(), cli.filter.clone(), file.cloned());
        // Everything up to the first frame happens on this thread, so the
        // loading screen answers keys until the dashboard is ready.
        let open = move || {
            let source = Source {
                input,
                named: named.as_deref(),
                path: &path,
                max_size,
            };
            let _ = done.send(open_dashboard(source, &progress, &ask, options, seen));
        };
        if let Err(e) = std::thread::Builder::new().name("load".into()).spawn(open) {
            eprintln!("sitrep: cannot start loading: {e}");
            return ExitCode::from(1);
        }
    }
    // The built-in situation has no path to name: the commands take none.
    let arg = file.map_or(String::new(), |_| format!(" {path}"));
    let refusal = term_refusal(std::env::var("TERM").ok().as_deref());
    let ended = match loaded.recv_timeout(wait_for_screen) {
        // A large file: a loading screen while it loads, if there is a
        // terminal that can show one.
        Err(RecvTimeoutError::Timeout) if refusal.is_none() && tui::is_terminal() => {
            let opened = tui::run_after_loading(
                &path,
                &progress,
                &loaded,
                file.map(PathBuf::as_path),
                max_size,
            );
            match opened {
                Ok(tui::Opened::Ran(exit, app)) => Ok((exit, app)),
                Ok(tui::Opened::Failed(not_opened)) => return not_opened.explain(&path),
                Err(e) => Err(e),
            }
        }
        first => {
            let Ok(result) = first.or_else(|_| loaded.recv()) else {
                eprintln!("sitrep: loading the file stopped unexpectedly");
                return ExitCode::from(1);
            };
            let app = match result {
                Ok(app) => app,
                Err(not_opened) => return not_opened.explain(&path),
            };
            if let Some(why) = refusal {
                eprintln!(
                    "sitrep: this terminal cannot show the dashboard ({why}).\n\
                     For text, try `sitrep summary{arg}`, or `sitrep check{arg}` to validate."
                );
                return ExitCode::from(2);
            }
            if !tui::is_terminal() {
                eprintln!(
                    "sitrep: the dashboard needs a terminal (stdin and stdout are not both one).\n\
                     For text, try `sitrep summary{arg}`, or `sitrep check{arg}` to validate."
                );
                return ExitCode::from(2);
            }
            let mut app = app;
            tui::run(&mut app, file.map(PathBuf::as_path), max_size).map(|exit| (exit, Some(app)))
        }
    };
    match ended {
        Ok((tui::Exit::Quit, app)) => {
            // Quitting is what makes the version on screen seen.
            if let Some((record, file, seen)) = app
                .as_ref()
                .and_then(|app| app.seen_record(chrono::Utc::now()))
                && let Err(e) = sitrep::seen::write(&record, &seen, &file)
            {
                let _ = writeln!(
                    std::io::stderr(),
                    "sitrep: could not remember what was seen: {e}"
                );
            }
            // Freeing a million events takes longer than leaving: the
            // memory goes back with the process.
            std::mem::forget(app);
            ExitCode::SUCCESS
        }
        // The terminal is restored; leave as the signal would have.
        Ok((tui::Exit::Signal(signal), app)) => {
            std::mem::forget(app);
            ExitCode::from(u8::try_from(128 + signal).unwrap_or(u8::MAX))
        }
        Err(e) => {
            // The terminal is restored by now: the message stays readable.
            // (Not `eprintln!`, which panics when the terminal is gone.)
            let _ = writeln!(std::io::stderr(), "sitrep: terminal error: {e}");
            ExitCode::from(1)
        }
    }
}

/// A load that finishes within this shows no loading screen: the dashboard
/// just opens, as for any file of ordinary size.
const LOADING_SCREEN_AFTER: std::time::Duration = std::time::Duration::from_millis(250);

/// A file this large shows the loading screen at once: reading and
/// parsing it take longer than waiting to see whether they are quick.
const LOADING_SCREEN_AT_ONCE: u64 = 16 << 20;

/// Why the dashboard did not open.
enum NotOpened {
    /// The file could not be read (the message says why).
    Unreadable(String),
    /// The file has errors: explained as `check` would.
    Invalid(Box<(Vec<u8>, load::Report)>),
    /// The command line does not fit the file (an unknown `--actor`).
    Usage(String),
}

impl NotOpened {
    fn explain(self, path: &str) -> ExitCode {
        match self {
            NotOpened::Unreadable(message) => {
                eprintln!("{message}");
                ExitCode::from(2)
            }
            NotOpened::Invalid(failed) => explain_failure(path, &failed.0, &failed.1),
            NotOpened::Usage(message) => {
                eprintln!("error: {message}");
                ExitCode::from(2)
            }
        }
    }
}

/// What the dashboard reads: a file named on the command line, opened
/// but not read yet, or the built-in situation.
enum Input {
    Builtin,
    File(std::fs::File, u64),
}

impl Input {
    /// Its size in bytes, as opened.
    fn len(&self) -> u64 {
        match self {
            Input::Builtin => sitrep::BUILTIN_TEXT.len() as u64,
            Input::File(_, len) => *len,
        }
    }

    /// Reads it all (at most `max_size` bytes), telling `progress`.
    fn read(self, max_size: u64, progress: &Progress) -> Result<Vec<u8>, read::ReadError> {
        progress.set_total(usize::try_from(self.len()).unwrap_or(usize::MAX));
        match self {
            Input::Builtin => Ok(sitrep::BUILTIN_TEXT.as_bytes().to_vec()),
            Input::File(file, len) => {
                read::read_opened(file, len, max_size, |bytes| progress.read_up_to(bytes))
            }
        }
    }
}

/// What the dashboard opens: the input, its name on the command line
/// (`None`: the built-in situation), the name shown and the size limit.
struct Source<'a> {
    input: Input,
    named: Option<&'a std::path::Path>,
    path: &'a str,
    max_size: u64,
}

impl Source<'_> {
    /// Reads and loads it: a large file in blocks, as `check` reads it.
    fn load(self, progress: &Progress) -> Result<load::Loaded, String> {
        let unreadable = |e: read::ReadError| format!("sitrep: cannot read {}: {e}", self.path);
        match (self.input, self.named) {
            (Input::File(file, len), Some(named)) => {
                load::load_opened_with(named, file, len, self.max_size, progress)
                    .map_err(unreadable)
            }
            (input, _) => {
                let bytes = input.read(self.max_size, progress).map_err(unreadable)?;
                Ok(load::Loaded {
                    report: load::load_bytes_with(&bytes, progress),
                    bytes: Some(bytes),
                })
            }
        }
    }
}

/// Everything the first frame waits for: the file loaded, the command
/// line's filter read against it, the seen-state record, and the
/// dashboard's state built (its indexes, column widths and selection).
fn open_dashboard(
    source: Source,
    progress: &Progress,
    ask: &Ask,
    mut options: Options,
    seen: Option<Result<std::thread::JoinHandle<sitrep::app::SeenSetup>, PathBuf>>,
) -> Result<Box<App>, NotOpened> {
    let load::Loaded { mut report, bytes } =
        source.load(progress).map_err(NotOpened::Unreadable)?;
    let Some(situation) = report.situation.take() else {
        return Err(NotOpened::Invalid(Box::new((
            bytes.unwrap_or_default(),
            report,
        ))));
    };
    // The text is not needed once the file loaded.
    drop(bytes);
    // The same reading of the filter as `summary`, and the same messages.
    options.filter = ask.filter(&situation).map_err(NotOpened::Usage)?;
    options.warnings = report.warnings().count();
    options.seen = seen.map(|reading| match reading {
        Ok(thread) => thread
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
        // No thread to spare: read it now.
        Err(file) => seen_setup(&file),
    });
    progress.set_step(Step::Indexing);
    Ok(Box::new(App::new(situation, options)))
}

/// Opens the file named on the command line (see [`read`]), or takes the
/// built-in situation; the name to show with it.
fn open_input(path: Option<&PathBuf>, max_size: u64) -> Result<(String, Input), String> {
    match path {
        None => Ok((input_name(None), Input::Builtin)),
        Some(path) => {
            let shown = input_name(Some(path));
            match read::open_regular(path, max_size) {
                Ok((file, len)) => Ok((shown, Input::File(file, len))),
                Err(e) => Err(format!("sitrep: cannot read {shown}: {e}")),
            }
        }
    }
}

/// How `-` is shown where a file's name would be (`<stdin>:3:9: …`).
const STDIN_NAME: &str = "<stdin>";

/// How a file named on the command line (`-`, or the built-in one) is shown.
fn input_name(path: Option<&PathBuf>) -> String {
    match path {
        None => sitrep::BUILTIN_PATH.to_string(),
        Some(path) if path.as_os_str() == "-" => STDIN_NAME.to_string(),
        Some(path) => sitrep::sanitize::clean_line(&path.display().to_string()).into_owned(),
    }
}

/// Reads and loads a file named on the command line, or the built-in
/// situation. A large file that loads is never held whole (see
/// [`load::load_file_with`]).
fn load_input(
    path: Option<&PathBuf>,
    max_size: u64,
    progress: &Progress,
) -> Result<load::Loaded, read::ReadError> {
    match path {
        None => Ok(load::Loaded {
            report: load::load_bytes_with(sitrep::BUILTIN_TEXT.as_bytes(), progress),
            bytes: Some(sitrep::BUILTIN_TEXT.as_bytes().to_vec()),
        }),
        // `-`: standard input, bounded as a file is.
        Some(path) if path.as_os_str() == "-" => {
            let bytes = read::read_stdin(max_size)?;
            Ok(load::Loaded {
                report: load::load_bytes_with(&bytes, progress),
                bytes: Some(bytes),
            })
        }
        Some(path) => load::load_file_with(path, max_size, progress),
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
    stream.is_terminal() && !theme::no_color_env()
}

fn run_check(
    files: &[PathBuf],
    config: Option<&Option<PathBuf>>,
    strict: bool,
    short: bool,
    max_size: u64,
) -> ExitCode {
    let color = wants_color(&std::io::stdout());
    let style = if short {
        Style::Short
    } else {
        Style::Full { color }
    };
    let mut code = 0u8;
    if let Some(named) = config {
        code = check_config(named.as_ref(), style);
    }
    let inputs: Vec<Option<&PathBuf>> = match (files.is_empty(), config.is_some()) {
        (true, true) => Vec::new(),
        (true, false) => vec![None],
        (false, _) => files.iter().map(Some).collect(),
    };
    let mut stdout = std::io::stdout().lock();
    for input in inputs {
        let path = input_name(input);
        let progress = Arc::new(Progress::new());
        let mut line = ProgressLine::start(
            format!("checking {path}"),
            Arc::clone(&progress),
            std::io::stderr().is_terminal(),
        );
        let loaded = load_input(input, max_size, &progress);
        line.finish();
        let load::Loaded { report, bytes } = match loaded {
            Ok(loaded) => loaded,
            Err(e) => {
                let _ = stdout.flush();
                eprintln!("sitrep: cannot read {path}: {e}");
                code = 2;
                continue;
            }
        };
        // Only a file with problems is kept whole, to show where they are.
        let text = String::from_utf8_lossy(bytes.as_deref().unwrap_or_default());
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

/// `sitrep check --config [FILE]`: 0 valid (or no file where the lookup
/// looks), 1 not valid, 2 unreadable.
fn check_config(named: Option<&PathBuf>, style: Style) -> u8 {
    let path = match named {
        Some(path) => path.clone(),
        None => match config::locate() {
            Some(location) => location.path,
            None => {
                eprintln!(
                    "sitrep: no place for a config file: neither $SITREP_CONFIG nor a home directory is set"
                );
                return 2;
            }
        },
    };
    let shown = config::shown(&path);
    let text = match config::read_file(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && named.is_none() => {
            println!("{shown}: no config file there; sitrep uses its defaults");
            return 0;
        }
        Err(e) => {
            eprintln!(
                "sitrep: cannot read the config file {shown}: {}",
                sitrep::read::describe_io(&e)
            );
            return 2;
        }
    };
    let report = config::read(&text);
    let mut stdout = std::io::stdout().lock();
    match check::print_config_report(&mut stdout, &shown, &text, &report, style) {
        Ok(Verdict::Valid) => 0,
        Ok(Verdict::Invalid) | Err(_) => 1,
    }
}

/// `sitrep config --default` or `--path`.
fn run_config(default: bool) -> ExitCode {
    if default {
        print!("{}", config::default_file());
        return ExitCode::SUCCESS;
    }
    match config::locate() {
        Some(location) => {
            println!("{}", location.path.display());
            if !location.path.exists() {
                eprintln!(
                    "(no file there yet: sitrep uses its defaults; `sitrep config --default` prints one to start from)"
                );
            }
            ExitCode::SUCCESS
        }
        None => {
            eprintln!(
                "sitrep: no place for a config file: neither $SITREP_CONFIG nor a home directory is set"
            );
            ExitCode::from(2)
        }
    }
}

fn run_init(file: &std::path::Path, from_builtin: bool) -> ExitCode {
    match sitrep::init::write_new(file, sitrep::init::contents(from_builtin)) {
        Ok(()) => {
            let what = if from_builtin {
                "a copy of the built-in situation"
            } else {
                "a new situation from the template"
            };
            eprintln!(
                "{}: wrote {what}; edit it, then `sitrep check --strict {}` and `sitrep {}`",
                file.display(),
                file.display(),
                file.display()
            );
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("sitrep: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run_summary(args: &SummaryArgs) -> ExitCode {
    if let Some(code) = width_unused("summary", args.width, &args.format) {
        return code;
    }
    if args.ascii && !matches!(args.format, Format::Json | Format::Timelinejs) {
        eprintln!("error: --ascii applies to the JSON formats (--format json or timelinejs)");
        return ExitCode::from(2);
    }
    let config = match load_config(&args.config.choice()) {
        Ok(config) => config,
        Err(code) => return code,
    };
    let path = input_name(args.file.as_ref());
    let progress = Arc::new(Progress::new());
    let mut line = ProgressLine::start(
        format!("reading {path}"),
        Arc::clone(&progress),
        std::io::stderr().is_terminal(),
    );
    let (report, bytes) = match load_input(args.file.as_ref(), args.limit.max_size, &progress) {
        Ok(loaded) => (loaded.report, loaded.bytes.unwrap_or_default()),
        Err(e) => {
            line.finish();
            eprintln!("sitrep: cannot read {path}: {e}");
            return ExitCode::from(2);
        }
    };
    let Some(situation) = &report.situation else {
        line.finish();
        // The briefing goes to stdout; why there is none goes to stderr.
        return explain_failure(&path, &bytes, &report);
    };
    let filter = match args.filter.filter(situation) {
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
    let staleness = Staleness {
        after_days: config.stale_after_days,
    };
    let view = View::with_staleness(situation, &index, &filter, staleness);
    let mut out = summary::render(&view, args.format, width);
    if args.ascii {
        out = summary::escape_non_ascii(&out);
    }
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

/// `--width` wraps the text format only: with another it would do
/// nothing, so it is a usage error, told as clap tells its own (with the
/// subcommand's usage, exit status 2).
fn width_unused(subcommand: &str, width: Option<u16>, format: &impl ValueEnum) -> Option<ExitCode> {
    let name = format.to_possible_value()?.get_name().to_string();
    if width.is_none() || name == "text" {
        return None;
    }
    let mut command = Cli::command();
    command.build();
    let command = command.find_subcommand_mut(subcommand)?;
    let message = format!(
        "--width wraps --format text only; --format {name} is not wrapped (leave --width out)"
    );
    let _ = command
        .error(clap::error::ErrorKind::ArgumentConflict, message)
        .print();
    Some(ExitCode::from(2))
}

/// The width to wrap text at: as asked, else the terminal's, else 80.
fn text_width(asked: Option<u16>) -> usize {
    match asked {
        Some(width) => usize::from(width),
        None if std::io::stdout().is_terminal() => {
            ratatui::crossterm::terminal::size().map_or(80, |(columns, _)| usize::from(columns))
        }
        None => 80,
    }
}

/// One version for `diff`, read and loaded, then digested on the same
/// thread while its items are still in the cache. A file is loaded as it is
/// read (a large one is never held whole), as `check` loads it; a git
/// revision comes whole from `git show`.
fn load_version(origin: &Origin, max_size: u64) -> Result<(load::Loaded, Option<Digests>), String> {
    let loaded = match origin {
        Origin::File(path) => {
            load::load_file_with(path, max_size, &Progress::new()).map_err(|e| e.to_string())?
        }
        Origin::Revision(spec) => {
            let bytes = sitrep::revision::read(spec, max_size)?;
            load::Loaded {
                report: load::load_bytes(&bytes),
                bytes: Some(bytes),
            }
        }
    };
    let digests = loaded.report.situation.as_ref().map(Digests::of);
    Ok((loaded, digests))
}

fn run_diff(args: &DiffArgs) -> ExitCode {
    if let Some(code) = width_unused("diff", args.width, &args.format) {
        return code;
    }
    let origins = [Origin::parse(&args.old), Origin::parse(&args.new)];
    let names = origins.each_ref().map(Origin::name);
    // Both versions are read and loaded at once, each on its own thread:
    // each load keeps a core busy only part of the time.
    let max_size = args.limit.max_size;
    let (old, new) = std::thread::scope(|scope| {
        let old = scope.spawn(|| load_version(&origins[0], max_size));
        let new = load_version(&origins[1], max_size);
        (old.join(), new)
    });
    let old = old.unwrap_or_else(|panic| std::panic::resume_unwind(panic));
    // An unreadable version is told, the old one first.
    let unreadable = |name: &str, message: String| {
        eprintln!("sitrep: cannot read {name}: {message}");
        ExitCode::from(2)
    };
    let (old, old_digests) = match old {
        Ok(version) => version,
        Err(message) => return unreadable(&names[0], message),
    };
    let (new, new_digests) = match new {
        Ok(version) => version,
        Err(message) => return unreadable(&names[1], message),
    };
    let (Some(o), Some(n), Some(od), Some(nd)) = (
        &old.report.situation,
        &new.report.situation,
        &old_digests,
        &new_digests,
    ) else {
        // Every version that does not load is explained, as `check` would.
        let mut code = ExitCode::SUCCESS;
        for (i, loaded) in [&old, &new].into_iter().enumerate() {
            if loaded.report.situation.is_none() {
                let bytes = loaded.bytes.as_deref().unwrap_or_default();
                code = explain_failure(&names[i], bytes, &loaded.report);
            }
        }
        return code;
    };
    // An id or value need only be in one version: it may be new, or gone.
    // The filter is described on the new version (with what only the old
    // one has), and the dates read as `summary` reads them.
    let filter = match diff::split_ask(&args.filter, o, n)
        .and_then(|(in_new, only_old)| in_new.filter(n).map(|filter| (filter, only_old)))
    {
        Ok(read) => read,
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::from(2);
        }
    };
    let (filter, only_old) = filter;
    let mut description = summary::describe_filter(n, &filter);
    if !only_old.is_empty() {
        let gone = format!("only in the old version: {}", only_old.join(", "));
        description = Some(match description {
            Some(d) => format!("{d}; {gone}"),
            None => gone,
        });
    }
    let ask = &args.filter;
    let scopes = if ask.is_empty() {
        [diff::Scope::default(), diff::Scope::default()]
    } else {
        [o, n].map(|s| diff::Scope::new(s, &Index::new(s), ask))
    };
    let report = diff::Report::new(
        diff::Side {
            name: &names[0],
            situation: o,
        },
        diff::Side {
            name: &names[1],
            situation: n,
        },
        (od, nd),
        (&scopes[0], &scopes[1]),
        description,
    );
    let out = diff::render(&report, args.format, text_width(args.width));
    let differs = report.differs();
    // The process ends right after this: the OS takes back both models
    // faster than freeing them item by item.
    std::mem::forget(report);
    std::mem::forget(scopes);
    std::mem::forget(old);
    std::mem::forget(new);
    std::mem::forget(old_digests);
    std::mem::forget(new_digests);
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(out.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
        Err(e) => {
            eprintln!("sitrep: cannot write the changes: {e}");
            return ExitCode::from(2);
        }
    }
    if args.exit_code && differs {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Where the file's seen-state record is, and whether there is one: it is
/// read after the first frame, with the marks (see
/// [`sitrep::app::SeenSetup::unread`]); a record that cannot be used is a
/// problem to tell then, never a reason not to start.
fn seen_setup(file: &std::path::Path) -> sitrep::app::SeenSetup {
    let now = chrono::Utc::now();
    let file = std::fs::canonicalize(file).unwrap_or_else(|_| file.to_path_buf());
    let Some(dir) = sitrep::seen::state_dir() else {
        return sitrep::app::SeenSetup {
            record: PathBuf::new(),
            file,
            earlier: None,
            problem: Some("no state directory: set XDG_STATE_HOME".into()),
            now,
            unread: false,
        };
    };
    let record = sitrep::seen::record_path(&dir, &file);
    // Unknown whether it is there: reading it will say why not.
    let unread = record.try_exists().unwrap_or(true);
    sitrep::app::SeenSetup {
        record,
        file,
        earlier: None,
        problem: None,
        now,
        unread,
    }
}
