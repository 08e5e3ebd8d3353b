//! `x`: the export prompt. It shows, whole and as the path is typed, the
//! `sitrep summary` command line that writes the same file (Ctrl-Y copies
//! it). Enter asks the terminal loop to write the view to the path typed;
//! when a file is there already, the prompt says so and a second Enter on
//! the same path replaces it. A write that succeeds closes the prompt (the
//! footer says what was written); the next `x` opens with that path,
//! selected, so its command is one key away.

use std::path::PathBuf;

use ratatui::layout::Rect;

use crate::action::Action;
use crate::data::Data;
use crate::geometry::popup;
use crate::keymap::Mode;
use crate::text::wrap;
use crate::theme::Theme;

use super::{Field, PopupModel, Reply};

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ExportPopup {
    pub text: Field,
    /// Why the last Enter wrote nothing, or what a second Enter would do.
    pub error: Option<String>,
    /// The path a second Enter replaces (a file is there).
    pub confirm: Option<PathBuf>,
    /// The home folder, for a path typed with `~/`.
    pub home: Option<std::ffi::OsString>,
    /// The situation file as the user named it (`None`: built in), for the
    /// command line.
    file: Option<String>,
    /// The command line that writes what Enter would write, and the same
    /// wrapped to the box's width.
    command: String,
    command_lines: Vec<String>,
}

impl ExportPopup {
    /// The prompt, pre-filled (selected) with `last`, the path last written.
    pub fn new(
        home: Option<std::ffi::OsString>,
        file: Option<String>,
        last: Option<String>,
    ) -> ExportPopup {
        ExportPopup {
            text: Field::prefilled(last.unwrap_or_default()),
            home,
            file,
            ..ExportPopup::default()
        }
    }

    /// The path the text names.
    pub fn path(&self) -> PathBuf {
        crate::export::typed_path(self.text.text(), self.home.as_deref())
    }

    /// The `sitrep summary` command line that writes what Enter would
    /// write; empty while no path is typed.
    pub fn command(&self) -> &str {
        &self.command
    }

    /// [`Self::command`] wrapped to the box's width.
    pub fn command_lines(&self) -> &[String] {
        &self.command_lines
    }
}

impl PopupModel for ExportPopup {
    fn mode(&self) -> Mode {
        Mode::Export
    }

    fn area(&self, space: Rect) -> Rect {
        popup::export(space, self.command_lines.len()).outer
    }

    fn relayout(&mut self, data: &Data, _theme: &Theme, space: Rect) {
        self.command = if self.text.text().trim().is_empty() {
            String::new()
        } else {
            let path = self.path();
            let format = crate::export::format_for(&path);
            crate::app::share::summary_command(data, self.file.as_deref(), format, &path)
        };
        let columns = usize::from(popup::export(space, 0).text.width);
        self.command_lines = if self.command.is_empty() {
            Vec::new()
        } else {
            wrap(&self.command, columns)
        };
    }

    fn update(&mut self, action: Action, _data: &Data, _space: Rect) -> Reply {
        if self.text.edit(action) {
            // What was said was about the text as it was.
            self.error = None;
            self.confirm = None;
            return Reply::Done;
        }
        match action {
            Action::Accept => {
                if self.text.text().trim().is_empty() {
                    self.error = Some("type a path first".into());
                    return Reply::Done;
                }
                let path = self.path();
                let overwrite = self.confirm.as_ref() == Some(&path);
                Reply::Export { path, overwrite }
            }
            Action::CopyItem if self.command.is_empty() => {
                self.error = Some("type a path first: the command writes to it".into());
                Reply::Done
            }
            Action::CopyItem => Reply::Copy {
                text: self.command.clone(),
                what: "the sitrep command line".into(),
            },
            Action::Back => Reply::Close,
            _ => Reply::Done,
        }
    }
}
