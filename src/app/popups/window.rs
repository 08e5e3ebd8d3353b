//! `w`: the date-window prompt. Enter reads the text as a window; a bad
//! entry stays typed, with what is wrong under it.

use ratatui::layout::Rect;

use crate::action::Action;
use crate::data::Data;
use crate::geometry::popup;
use crate::keymap::Mode;
use crate::theme::Theme;
use crate::window;

use super::{PopupModel, Reply};

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WindowPopup {
    pub text: String,
    /// Why the last Enter did not set a window.
    pub error: Option<String>,
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
        match action {
            Action::Input(c) => self.text.push(c),
            Action::DeleteChar => {
                self.text.pop();
            }
            Action::ClearInput => self.text.clear(),
            Action::Accept => {
                return match window::parse(&self.text, data.situation.as_of) {
                    Ok(window) => Reply::SetWindow(window),
                    Err(why) => {
                        self.error = Some(why);
                        Reply::Done
                    }
                };
            }
            Action::Back => return Reply::Close,
            _ => return Reply::Done,
        }
        // The message was about the text as it was.
        self.error = None;
        Reply::Done
    }
}
