//! The config file: where it is looked for, what it holds, and reading it
//! with located problems, as situation files are read.
//!
//! Lookup: `$SITREP_CONFIG`, else `$XDG_CONFIG_HOME/sitrep/config.toml`,
//! else `~/.config/sitrep/config.toml`. A file the lookup finds missing is
//! no error (the defaults apply); a file named with `--config` must exist.

mod bindings;
mod default_file;
mod read;

use std::path::{Path, PathBuf};

use ratatui::style::Color;

pub use bindings::{ACTIONS, SCOPES, action_name, action_named, mode_name, scope_named};
pub use default_file::default_file;
pub use read::{ConfigReport, read};

use crate::action::Pane;
use crate::keymap::{Keymap, Rebinding};
use crate::load::Diagnostic;
use crate::theme::{ColorDepth, StyleName, Theme, ThemeName};

pub const DEFAULT_STALE_AFTER_DAYS: i64 = crate::figures::STALE_AFTER_DAYS;

/// A config file larger than this is not one: it is refused unread.
const MAX_BYTES: u64 = 1 << 20;

/// What a config file sets; [`Config::default`] is what sitrep does without one.
#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    pub theme: ThemeName,
    /// Capture the mouse at start (`--no-mouse` still turns it off).
    pub mouse: bool,
    /// A figure is stale when its latest possible day is more than this
    /// many days before the situation's as-of date.
    pub stale_after_days: i64,
    /// The pane focused at start.
    pub focus: Pane,
    /// Remember, per situation file, what was seen, so that the next look
    /// can mark what is new (`state = false` does what `--no-state` does).
    pub state: bool,
    /// `[colors]`: styles given another colour, in the theme's style order.
    pub colors: Vec<(StyleName, Color)>,
    /// `[keys]`, in file order.
    pub keys: Vec<Rebinding>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            theme: ThemeName::Dark,
            mouse: true,
            stale_after_days: DEFAULT_STALE_AFTER_DAYS,
            focus: Pane::Timeline,
            state: true,
            colors: Vec::new(),
            keys: Vec::new(),
        }
    }
}

impl Config {
    /// The keys in use: the keymap table with `[keys]` applied. Reading the
    /// file refused any rebinding that leaves a protected action without a
    /// key, so a config that loaded always gives its own keymap.
    pub fn keymap(&self) -> Keymap {
        Keymap::with(&self.keys).unwrap_or_default()
    }

    /// The theme to draw with on a terminal of `depth` colours; NO_COLOR
    /// (`no_color`) gives mono whatever the file says.
    pub fn theme(&self, depth: ColorDepth, no_color: bool) -> Theme {
        if no_color {
            return Theme::monochrome();
        }
        Theme::new(self.theme, depth).with_colors(&self.colors, depth)
    }
}

/// Which config file to read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Choice {
    /// The one the lookup finds, if any (no flag given).
    Lookup,
    /// `--config FILE`.
    File(PathBuf),
    /// `--no-config`.
    Ignore,
}

/// Where the lookup looks, and which rule gave the place.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Location {
    pub path: PathBuf,
    /// "$SITREP_CONFIG", or "the XDG config directory".
    pub rule: &'static str,
}

/// The file the lookup would read (it may not exist); `None` when neither
/// `$SITREP_CONFIG` nor a home directory is known.
pub fn locate() -> Option<Location> {
    if let Some(path) = std::env::var_os("SITREP_CONFIG").filter(|v| !v.is_empty()) {
        return Some(Location {
            path: PathBuf::from(path),
            rule: "$SITREP_CONFIG",
        });
    }
    use etcetera::BaseStrategy;
    // XDG on every Unix (macOS too): $XDG_CONFIG_HOME, else ~/.config.
    let base = etcetera::choose_base_strategy().ok()?;
    Some(Location {
        path: base.config_dir().join("sitrep").join("config.toml"),
        rule: "the XDG config directory",
    })
}

/// A config that loaded, and the file it came from.
#[derive(Clone, Debug, PartialEq)]
pub struct Loaded {
    pub config: Config,
    /// `None` when no file was read (none found, or `--no-config`).
    pub path: Option<PathBuf>,
}

/// A config file that stops sitrep.
#[derive(Debug)]
pub enum Failure {
    /// It cannot be read: the whole message.
    Unreadable(String),
    /// It has problems.
    Invalid {
        /// As the user named it, safe to print.
        path: String,
        text: String,
        diagnostics: Vec<Diagnostic>,
    },
}

/// Reads the chosen config file.
pub fn load(choice: &Choice) -> Result<Loaded, Failure> {
    let defaults = Loaded {
        config: Config::default(),
        path: None,
    };
    let (path, named) = match choice {
        Choice::Ignore => return Ok(defaults),
        Choice::File(path) => (path.clone(), true),
        Choice::Lookup => match locate() {
            Some(location) => (location.path, false),
            None => return Ok(defaults),
        },
    };
    let text = match read_file(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && !named => return Ok(defaults),
        Err(e) => {
            return Err(Failure::Unreadable(format!(
                "sitrep: cannot read the config file {}: {}",
                shown(&path),
                crate::read::describe_io(&e)
            )));
        }
    };
    let report = read(&text);
    match report.config {
        Some(config) => Ok(Loaded {
            config,
            path: Some(path),
        }),
        None => Err(Failure::Invalid {
            path: shown(&path),
            text,
            diagnostics: report.diagnostics,
        }),
    }
}

/// A path as messages show it: one line, nothing the terminal would act on.
pub fn shown(path: &Path) -> String {
    crate::sanitize::clean_line(&path.display().to_string()).into_owned()
}

/// The file's text: a regular file (a FIFO would block, a device never
/// end), UTF-8, at most [`MAX_BYTES`]. Errors read well through
/// [`crate::read::describe_io`].
pub fn read_file(path: &Path) -> std::io::Result<String> {
    use crate::read::ReadError;
    let bytes = crate::read::read_file(path, MAX_BYTES).map_err(|e| match e {
        ReadError::Io(e) => e,
        ReadError::TooLarge { .. } => std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            "it is over 1 MiB, too large for a config file",
        ),
        not_a_file @ ReadError::NotAFile(_) => std::io::Error::other(not_a_file.to_string()),
    })?;
    String::from_utf8(bytes).map_err(|e| {
        std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!(
                "it is not UTF-8 text (byte {} is not)",
                e.utf8_error().valid_up_to()
            ),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keymap::{Mode, Scope};

    #[test]
    fn the_default_file_reads_back_as_the_defaults() {
        let report = read(&default_file());
        assert!(report.diagnostics.is_empty(), "{:?}", report.diagnostics);
        let config = report.config.expect("the default file loads");
        // Its keys are the table's: the keymap it gives is the default one.
        assert_eq!(config.keymap(), Keymap::default());
        let Config { keys, .. } = config.clone();
        assert_eq!(
            Config {
                keys: Vec::new(),
                ..config
            },
            Config::default()
        );
        // Every mode's table lists each of its actions with exactly its keys.
        for mode in Mode::ALL {
            let listed: Vec<(crate::action::Action, Vec<crate::keymap::Key>)> = keys
                .iter()
                .filter(|r| r.scope == Scope::Mode(mode))
                .map(|r| (r.action, r.keys.clone()))
                .collect();
            let defaults: Vec<_> = default_file::mode_defaults(mode)
                .into_iter()
                .map(|(action, keys, _)| (action, keys))
                .collect();
            assert_eq!(listed, defaults, "{mode:?}");
        }
    }

    #[test]
    fn every_mode_has_a_table() {
        for mode in Mode::ALL {
            assert_eq!(scope_named(mode_name(mode)), Some(Scope::Mode(mode)));
        }
    }

    #[test]
    fn every_action_of_the_table_has_a_name() {
        for b in crate::keymap::BINDINGS
            .iter()
            .filter(|b| !b.keys.is_empty())
        {
            assert!(action_name(b.action).is_some(), "{:?}", b.action);
        }
    }
}
