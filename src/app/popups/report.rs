//! The whole `check` report of a save that did not load, scrollable: the
//! banner has room for the first problem only.

use ratatui::layout::Rect;

use crate::action::Action;
use crate::data::Data;
use crate::geometry::popup;
use crate::keymap::Mode;
use crate::sanitize::clean;
use crate::text::wrap_indented;
use crate::theme::Theme;

use super::{PopupModel, Reply, Scroll};

#[derive(Clone, Debug, Default, PartialEq)]
pub struct ReportPopup {
    /// The report as `check` prints it (plain, no colour). Raw: it quotes
    /// the file, so it is sanitized before it is wrapped.
    pub report: String,
    /// The report wrapped to the popup's width.
    pub lines: Vec<String>,
    pub scroll: Scroll,
}

impl ReportPopup {
    pub fn new(report: String) -> ReportPopup {
        ReportPopup {
            report,
            ..ReportPopup::default()
        }
    }
}

impl PopupModel for ReportPopup {
    fn mode(&self) -> Mode {
        Mode::Report
    }

    fn area(&self, space: Rect) -> Rect {
        popup::report(space).outer
    }

    fn relayout(&mut self, _data: &Data, _theme: &Theme, space: Rect) {
        let rects = popup::report(space);
        // Lines of a report are not paragraphs: each is kept as it is when
        // it fits, so a caret stays under the column it points at.
        let width = usize::from(rects.text.width);
        self.lines = clean(&self.report)
            .lines()
            .flat_map(|line| wrap_indented(line, width))
            .collect();
        self.scroll.lines = self.lines.len();
        self.scroll.height = rects.text_height();
        self.scroll.clamp();
    }

    fn update(&mut self, action: Action, _data: &Data, _space: Rect) -> Reply {
        if action == Action::Back {
            return Reply::Close;
        }
        self.scroll.apply(action);
        Reply::Done
    }
}
