//! The `[keys]` tables: which action gets which keys, where.
//!
//! `[keys]` rebinds an action in every mode where it exists; `[keys.<mode>]`
//! (browse, search_prompt, picker_popup, detail_popup, help_popup,
//! report_popup; named so
//! that none is also an action) in that mode only; both replace
//! the action's keys there. `[keys.<pane>]` (figures, timeline, actors,
//! quotes, map) adds keys that work while browsing with that pane focused. A key
//! the file gives to one action is taken from any other action that had it
//! by default in the same place.

use std::ops::Range;

use crate::action::{Action, Pane};
use crate::keymap::{BINDINGS, Key, Mode};

/// Where a rebinding applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// `[keys]`: every mode where the action exists.
    All,
    /// `[keys.<mode>]`.
    Mode(Mode),
    /// `[keys.<pane>]`: browsing, with this pane focused.
    Pane(Pane),
}

impl Scope {
    /// The table names under `[keys]`.
    pub const NAMES: [(&'static str, Scope); 11] = [
        ("browse", Scope::Mode(Mode::Normal)),
        ("search_prompt", Scope::Mode(Mode::Search)),
        ("picker_popup", Scope::Mode(Mode::Picker)),
        ("detail_popup", Scope::Mode(Mode::Detail)),
        ("help_popup", Scope::Mode(Mode::Help)),
        ("report_popup", Scope::Mode(Mode::Report)),
        ("figures", Scope::Pane(Pane::Figures)),
        ("timeline", Scope::Pane(Pane::Timeline)),
        ("actors", Scope::Pane(Pane::Actors)),
        ("quotes", Scope::Pane(Pane::Quotes)),
        ("map", Scope::Pane(Pane::Map)),
    ];

    pub fn named(name: &str) -> Option<Scope> {
        Scope::NAMES
            .iter()
            .find(|(n, _)| *n == name)
            .map(|&(_, s)| s)
    }

    /// "[keys]", "[keys.search]", for messages.
    pub fn header(self) -> String {
        match Scope::NAMES.iter().find(|(_, s)| *s == self) {
            Some((name, _)) => format!("[keys.{name}]"),
            None => "[keys]".to_string(),
        }
    }
}

/// The name a mode has in the config file.
pub fn mode_name(mode: Mode) -> &'static str {
    Scope::NAMES
        .iter()
        .find(|(_, s)| *s == Scope::Mode(mode))
        .map_or("too-small", |(n, _)| n)
}

/// One `action = keys` line of the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rebinding {
    pub scope: Scope,
    pub action: Action,
    pub keys: Vec<Key>,
}

/// Every action a key can be bound to, by its name in the config file.
pub const ACTIONS: &[(&str, Action)] = &[
    ("quit", Action::Quit),
    ("help", Action::Help),
    ("back", Action::Back),
    ("focus_next", Action::FocusNext),
    ("focus_prev", Action::FocusPrev),
    ("focus_figures", Action::Focus(Pane::Figures)),
    ("focus_timeline", Action::Focus(Pane::Timeline)),
    ("focus_actors", Action::Focus(Pane::Actors)),
    ("focus_quotes", Action::Focus(Pane::Quotes)),
    ("focus_map", Action::Focus(Pane::Map)),
    ("down", Action::Down),
    ("up", Action::Up),
    ("left", Action::Left),
    ("right", Action::Right),
    ("page_down", Action::PageDown),
    ("page_up", Action::PageUp),
    ("top", Action::Top),
    ("bottom", Action::Bottom),
    ("open", Action::Open),
    ("toggle", Action::Toggle),
    ("search", Action::Search),
    ("next_match", Action::NextMatch),
    ("prev_match", Action::PrevMatch),
    ("accept", Action::Accept),
    ("delete_char", Action::DeleteChar),
    ("clear_input", Action::ClearInput),
    ("picker", Action::Picker),
    ("clear_filters", Action::ClearFilters),
    ("remove_chip", Action::RemoveChip),
    ("next_link", Action::NextLink),
    ("prev_link", Action::PrevLink),
    ("zoom", Action::Zoom),
    ("map_zoom_in", Action::MapZoomIn),
    ("map_zoom_out", Action::MapZoomOut),
    ("map_fit", Action::MapFit),
    ("toggle_mouse", Action::ToggleMouse),
    ("reload", Action::Reload),
    ("suspend", Action::Suspend),
];

pub fn action_named(name: &str) -> Option<Action> {
    ACTIONS.iter().find(|(n, _)| *n == name).map(|&(_, a)| a)
}

pub fn action_name(action: Action) -> Option<&'static str> {
    ACTIONS.iter().find(|(_, a)| *a == action).map(|&(n, _)| n)
}

/// Actions that must keep a key wherever they have one: without them a
/// user could not leave a popup, find the keys, or quit.
pub const PROTECTED: [Action; 3] = [Action::Quit, Action::Help, Action::Back];

/// The places (mode, and the pane it needs) where a rebinding changes what
/// keys do, from the keymap's table.
pub fn places(action: Action, scope: Scope) -> Vec<(Mode, Option<Pane>)> {
    let mut out: Vec<(Mode, Option<Pane>)> = Vec::new();
    for b in BINDINGS.iter().filter(|b| b.action == action) {
        let place = match scope {
            Scope::All => Some((b.mode, b.pane)),
            Scope::Mode(m) => (b.mode == m).then_some((b.mode, b.pane)),
            Scope::Pane(p) => (b.mode == Mode::Normal && b.pane.is_none_or(|bp| bp == p))
                .then_some((Mode::Normal, Some(p))),
        };
        if let Some(place) = place
            && !out.contains(&place)
        {
            out.push(place);
        }
    }
    out
}

/// Whether a key is typed text in a mode (a plain character while typing a
/// search or in the picker): `[keys]` leaves such keys to the text there.
pub fn is_text(mode: Mode, key: Key) -> bool {
    mode.takes_text()
        && !key.ctrl
        && matches!(key.code, ratatui::crossterm::event::KeyCode::Char(_))
}

/// Two places overlap when one key press could reach both.
pub fn overlap(a: (Mode, Option<Pane>), b: (Mode, Option<Pane>)) -> bool {
    a.0 == b.0 && (a.1.is_none() || b.1.is_none() || a.1 == b.1)
}

/// A rebinding as read, with where each part is in the file.
#[derive(Clone, Debug)]
pub struct Spanned {
    pub rebinding: Rebinding,
    /// The action's name in the file.
    pub span: Range<usize>,
    /// Each key's string in the file.
    pub key_spans: Vec<Range<usize>>,
}
