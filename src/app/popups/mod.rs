//! Popups as components: each owns its state (query, cursor, scroll, the
//! document it shows), answers the keys of its mode and clicks inside its
//! box, and tells the app what else to do through a [`Reply`]. Popups are a
//! stack: keys go to the top one, and Esc (or `q`) closes one at a time.
//!
//! A new popup is a file here implementing [`PopupModel`], a variant of
//! [`Popup`] with its line in `model`/`model_mut`, a `keymap::Mode` with
//! its rows in the table and its name in `config::bindings::SCOPES`, a
//! rect in `geometry::popup`, and its `ui` file with a line in `ui::render`.
//! A popup that picks from a list (with a query, headings and a cursor) is
//! built on [`ListPicker`], as the actor and facet pickers are.

mod detail;
mod export;
mod facets;
mod field;
mod help;
mod list_picker;
mod picker;
mod removed;
mod report;
mod sources;
mod window;

pub use detail::{DetailPage, DetailPopup};
pub use export::ExportPopup;
pub use facets::{FacetPopup, FacetRow, FacetValue};
pub use field::{Field, FieldView};
pub use help::HelpPopup;
pub use list_picker::{Group, ListPicker, Row};
pub use picker::{Pick, PickerPopup};
pub use removed::{RemovedPopup, removed_lines};
pub use report::ReportPopup;
pub use sources::SourcesPopup;
pub use window::WindowPopup;

use ratatui::layout::{Position, Rect};

use crate::action::Action;
use crate::data::Data;
use crate::doc::detail::Target;
use crate::keymap::Mode;
use crate::model::ActorIx;
use crate::theme::Theme;

/// What a popup asks of the app after a key or a click.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reply {
    /// Nothing beyond the popup's own change.
    Done,
    /// Close this popup.
    Close,
    /// Add the actor to the filter or take it out.
    ToggleActor(ActorIx),
    /// Add the place to the filter or take it out.
    TogglePlace(crate::model::PlaceIx),
    /// Add the facet value to the filter or take it out.
    ToggleFacet(crate::query::Facet),
    /// Open a detail page over this one (a detail stacks its own pages).
    Open(Target),
    /// One line of feedback in the footer.
    Status(String),
    /// Set the date window (`None`: no window), and close.
    SetWindow(Option<crate::window::Window>),
    /// Open this source's URL (and close the chooser).
    OpenSource(crate::model::SourceIx),
    /// Put `text` on the clipboard; `what` names it in the footer.
    Copy { text: String, what: String },
    /// Write the view to this path, replacing a file there only when
    /// `overwrite` (the user confirmed).
    Export {
        path: std::path::PathBuf,
        overwrite: bool,
    },
}

pub trait PopupModel {
    /// The keymap mode while this popup is on top.
    fn mode(&self) -> Mode;
    /// The popup's box in the popup space.
    fn area(&self, space: Rect) -> Rect;
    /// Rebuilds what depends on the data or the size (documents, scroll
    /// limits); called after every change, before drawing.
    fn relayout(&mut self, data: &Data, theme: &Theme, space: Rect);
    fn update(&mut self, action: Action, data: &Data, space: Rect) -> Reply;
    /// A click inside the box (outside, the app closes the popup).
    fn click(&mut self, _at: Position, _data: &Data, _space: Rect) -> Reply {
        Reply::Done
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Popup {
    Picker(PickerPopup),
    /// The facet picker.
    Facets(FacetPopup),
    /// A stack of pages; Esc goes back one.
    Detail(DetailPopup),
    Help(HelpPopup),
    /// The whole `check` report of a save that did not load.
    Report(ReportPopup),
    /// The date-window prompt.
    Window(WindowPopup),
    /// Which of an item's sources to open.
    Sources(SourcesPopup),
    /// The path to export the view to.
    Export(ExportPopup),
    /// What the file no longer has since the last look.
    Removed(RemovedPopup),
}

impl Popup {
    pub fn model(&self) -> &dyn PopupModel {
        match self {
            Popup::Picker(p) => p,
            Popup::Facets(p) => p,
            Popup::Detail(p) => p,
            Popup::Help(p) => p,
            Popup::Report(p) => p,
            Popup::Window(p) => p,
            Popup::Sources(p) => p,
            Popup::Export(p) => p,
            Popup::Removed(p) => p,
        }
    }

    pub fn model_mut(&mut self) -> &mut dyn PopupModel {
        match self {
            Popup::Picker(p) => p,
            Popup::Facets(p) => p,
            Popup::Detail(p) => p,
            Popup::Help(p) => p,
            Popup::Report(p) => p,
            Popup::Window(p) => p,
            Popup::Sources(p) => p,
            Popup::Export(p) => p,
            Popup::Removed(p) => p,
        }
    }
}

/// A scroll position in a text of `lines` lines with `height` in view.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Scroll {
    /// First line shown.
    pub top: usize,
    pub lines: usize,
    pub height: usize,
}

impl Scroll {
    pub fn max(&self) -> usize {
        self.lines.saturating_sub(self.height)
    }

    pub fn clamp(&mut self) {
        self.top = self.top.min(self.max());
    }

    /// Moves for Up, Down, PageUp, PageDown, Top and Bottom; false for
    /// other actions.
    pub fn apply(&mut self, action: Action) -> bool {
        let page = self.height.max(1);
        self.top = match action {
            Action::Up => self.top.saturating_sub(1),
            Action::Down => self.top + 1,
            Action::PageUp => self.top.saturating_sub(page),
            Action::PageDown => self.top + page,
            Action::Top => 0,
            Action::Bottom => self.max(),
            _ => return false,
        }
        .min(self.max());
        true
    }

    /// Scrolls as little as needed to show `line`.
    pub fn show(&mut self, line: usize) {
        if line < self.top {
            self.top = line;
        } else if line >= self.top + self.height {
            self.top = (line + 1).saturating_sub(self.height).min(self.max());
        }
    }
}
