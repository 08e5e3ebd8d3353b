//! `x`: the export prompt. Enter asks the terminal loop to write the view
//! to the path typed; when a file is there already, the prompt says so and
//! a second Enter on the same path replaces it. Once written, the prompt
//! shows the `sitrep summary` command line that writes the same, until
//! Enter or Esc closes it.

use std::path::PathBuf;

use ratatui::layout::Rect;

use crate::action::Action;
use crate::data::Data;
use crate::geometry::popup;
use crate::keymap::Mode;
use crate::theme::Theme;

use super::{PopupModel, Reply};

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ExportPopup {
    pub text: String,
    /// Why the last Enter wrote nothing, or what a second Enter would do.
    pub error: Option<String>,
    /// The path a second Enter replaces (a file is there).
    pub confirm: Option<PathBuf>,
    /// The home folder, for a path typed with `~/`.
    pub home: Option<std::ffi::OsString>,
    /// After a write: what was written, and the command line that writes
    /// the same.
    pub written: Option<(String, String)>,
}

impl ExportPopup {
    pub fn new(home: Option<std::ffi::OsString>) -> ExportPopup {
        ExportPopup {
            home,
            ..ExportPopup::default()
        }
    }

    /// What the footer says of a write: what was written and the command
    /// line that writes the same; it stays there after the prompt closes.
    pub fn told(&self) -> Option<String> {
        self.written
            .as_ref()
            .map(|(done, command)| format!("{done} · the same: {command}"))
    }

    /// The path the text names.
    pub fn path(&self) -> PathBuf {
        crate::export::typed_path(&self.text, self.home.as_deref())
    }
}

impl PopupModel for ExportPopup {
    fn mode(&self) -> Mode {
        Mode::Export
    }

    fn area(&self, space: Rect) -> Rect {
        popup::export(space).outer
    }

    fn relayout(&mut self, _data: &Data, _theme: &Theme, _space: Rect) {}

    fn update(&mut self, action: Action, _data: &Data, _space: Rect) -> Reply {
        if self.written.is_some() && matches!(action, Action::Accept | Action::Back) {
            return Reply::Close;
        }
        match action {
            Action::Input(c) => self.text.push(c),
            Action::DeleteChar => {
                self.text.pop();
            }
            Action::ClearInput => self.text.clear(),
            Action::Accept => {
                if self.text.trim().is_empty() {
                    self.error = Some("type a path first".into());
                    return Reply::Done;
                }
                let path = self.path();
                let overwrite = self.confirm.as_ref() == Some(&path);
                return Reply::Export { path, overwrite };
            }
            Action::Back => return Reply::Close,
            _ => return Reply::Done,
        }
        // What was said was about the text as it was.
        self.error = None;
        self.confirm = None;
        self.written = None;
        Reply::Done
    }
}
