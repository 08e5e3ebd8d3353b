//! What `App::update` asks of the terminal loop: the things state cannot do
//! itself because they touch the terminal, the file or the process.

use std::path::PathBuf;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effect {
    /// End the program.
    Quit,
    /// Read the open file again (the loop's reloader does the reading and
    /// hands the outcome back through `App::reloaded`).
    Reload,
    /// Give the terminal back to the shell until `fg`.
    Suspend,
    /// Capture the mouse (true) or let the terminal select text (false).
    Mouse(bool),
    /// Open a URL in the browser; already checked (`crate::url::checked`).
    OpenUrl(String),
    /// Put text on the clipboard (OSC 52); built from sanitized strings.
    Copy(String),
    /// Run the user's editor on the open file at this 1-based line, with the
    /// terminal given back meanwhile, then reload.
    Edit { line: u32 },
    /// Write the view to a file; the outcome goes back through
    /// `App::exported`.
    Export {
        path: PathBuf,
        text: String,
        /// Replace a file that is there (the user confirmed).
        overwrite: bool,
    },
}

/// The effects of one update, in the order they are to be performed.
pub type Effects = Vec<Effect>;
