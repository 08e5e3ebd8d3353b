//! What `App::update` asks of the terminal loop: the things state cannot do
//! itself because they touch the terminal, the file or the process.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
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
}

/// The effects of one update, in the order they are to be performed.
pub type Effects = Vec<Effect>;
