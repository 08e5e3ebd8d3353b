//! `?`: the key help, opened over whatever is open, at the section of the
//! mode it was asked from.

use ratatui::layout::{Position, Rect};

use crate::action::Action;
use crate::data::Data;
use crate::doc::help::{HelpText, Off, help_text};
use crate::geometry::popup;
use crate::keymap::{Keymap, Mode};
use crate::theme::Theme;

use super::{PopupModel, Reply, Scroll};

#[derive(Clone, Debug, PartialEq)]
pub struct HelpPopup {
    /// The mode help was asked from; it opens at that section.
    pub from: Mode,
    pub scroll: Scroll,
    pub text: HelpText,
    /// Laid out once at least (the first layout jumps to the section).
    placed: bool,
    /// The keys the help lists.
    keymap: Keymap,
    /// The keys that have nothing to act on.
    off: Off,
}

impl HelpPopup {
    pub fn new(from: Mode, keymap: Keymap, off: Off) -> HelpPopup {
        HelpPopup {
            from,
            scroll: Scroll::default(),
            text: HelpText::default(),
            placed: false,
            keymap,
            off,
        }
    }
}

impl PopupModel for HelpPopup {
    fn mode(&self) -> Mode {
        Mode::Help
    }

    fn area(&self, space: Rect) -> Rect {
        popup::help(space).outer
    }

    fn relayout(&mut self, data: &Data, theme: &Theme, space: Rect) {
        let rects = popup::help(space);
        self.text = help_text(
            theme,
            &self.keymap,
            rects.text.width,
            data.has_map(),
            self.off,
        );
        self.scroll.lines = self.text.lines.len();
        self.scroll.height = rects.text_height();
        if !std::mem::replace(&mut self.placed, true) {
            self.scroll.top = self.text.section_start(self.from);
        }
        self.scroll.clamp();
    }

    fn update(&mut self, action: Action, _data: &Data, _space: Rect) -> Reply {
        if action == Action::Back {
            return Reply::Close;
        }
        self.scroll.apply(action);
        Reply::Done
    }

    fn click(&mut self, _at: Position, _data: &Data, _space: Rect) -> Reply {
        Reply::Done
    }
}
