//! `w`: the date-window prompt. It opens with the current window, selected:
//! typing replaces it, the arrows and Backspace edit it. Enter reads the
//! text as a window; a bad entry stays typed, with what is wrong under it.

use ratatui::layout::Rect;

use crate::action::Action;
use crate::data::Data;
use crate::geometry::popup;
use crate::keymap::Mode;
use crate::theme::Theme;
use crate::window;

use super::{Field, PopupModel, Reply};

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WindowPopup {
    pub text: Field,
    /// Why the last Enter did not set a window.
    pub error: Option<String>,
}

impl WindowPopup {
    /// The prompt, pre-filled with `text` (the window in force, if any).
    pub fn new(text: String) -> WindowPopup {
        WindowPopup {
            text: Field::prefilled(text),
            error: None,
        }
    }
}

impl PopupModel for WindowPopup {
    fn mode(&self) -> Mode {
        Mode::Window
    }

    fn area(&self, space: Rect) -> Rect {
        popup::window(space).outer
    }

    fn relayout(&mut self, _data: &Data, _theme: &Theme, _space: Rect) {}

    fn update(&mut self, action: Action, data: &Data, _space: Rect) -> Reply {
        if self.text.edit(action) {
            // The message was about the text as it was.
            self.error = None;
            return Reply::Done;
        }
        match action {
            Action::Accept => match window::parse(self.text.text(), data.situation.as_of) {
                Ok(window) => Reply::SetWindow(window),
                Err(why) => {
                    self.error = Some(why);
                    Reply::Done
                }
            },
            Action::Back => Reply::Close,
            _ => Reply::Done,
        }
    }
}
