//! The `[keys]` tables: which action gets which keys, where.
//!
//! `[keys]` rebinds an action in every mode where it exists; `[keys.<mode>]`
//! (browse, search_prompt, picker_popup, facet_popup, window_prompt, detail_popup,
//! help_popup, report_popup, removed_popup, sources_popup, export_prompt; named so
//! that none is also an action) in that mode only; both replace
//! the action's keys there. `[keys.<pane>]` (figures, timeline, actors,
//! quotes, map) adds keys that work while browsing with that pane focused. What
//! the keys then do is [`crate::keymap::Keymap::with`]'s business.

use std::ops::Range;

use crate::action::{Action, Pane};
use crate::keymap::{BINDINGS, Mode, Rebinding, Scope};

/// The tables under `[keys]`: modes, named so that none is also an
/// action, and panes. Each mode of [`Mode::ALL`] is here under its [`mode_name`] (a test
/// holds it so).
pub const SCOPES: [(&str, Scope); 16] = [
    ("browse", Scope::Mode(Mode::Normal)),
    ("search_prompt", Scope::Mode(Mode::Search)),
    ("picker_popup", Scope::Mode(Mode::Picker)),
    ("facet_popup", Scope::Mode(Mode::Facets)),
    ("window_prompt", Scope::Mode(Mode::Window)),
    ("detail_popup", Scope::Mode(Mode::Detail)),
    ("help_popup", Scope::Mode(Mode::Help)),
    ("report_popup", Scope::Mode(Mode::Report)),
    ("sources_popup", Scope::Mode(Mode::Sources)),
    ("export_prompt", Scope::Mode(Mode::Export)),
    ("removed_popup", Scope::Mode(Mode::Removed)),
    ("figures", Scope::Pane(Pane::Figures)),
    ("timeline", Scope::Pane(Pane::Timeline)),
    ("actors", Scope::Pane(Pane::Actors)),
    ("quotes", Scope::Pane(Pane::Quotes)),
    ("map", Scope::Pane(Pane::Map)),
];

pub fn scope_named(name: &str) -> Option<Scope> {
    SCOPES.iter().find(|(n, _)| *n == name).map(|&(_, s)| s)
}

/// "[keys]", "[keys.search_prompt]", for messages.
pub fn header(scope: Scope) -> String {
    match SCOPES.iter().find(|(_, s)| *s == scope) {
        Some((name, _)) => format!("[keys.{name}]"),
        None => "[keys]".to_string(),
    }
}

/// The name a mode has in the config file.
pub fn mode_name(mode: Mode) -> &'static str {
    match mode {
        Mode::Normal => "browse",
        Mode::Search => "search_prompt",
        Mode::Picker => "picker_popup",
        Mode::Facets => "facet_popup",
        Mode::Window => "window_prompt",
        Mode::Detail => "detail_popup",
        Mode::Help => "help_popup",
        Mode::Report => "report_popup",
        Mode::Sources => "sources_popup",
        Mode::Export => "export_prompt",
        Mode::Removed => "removed_popup",
        // Not a table: only quitting and suspending work there.
        Mode::TooSmall => "too_small",
    }
}

/// Every action a key can be bound to, by its name in the config file.
pub const ACTIONS: &[(&str, Action)] = &[
    ("quit", Action::Quit),
    ("help", Action::Help),
    ("report", Action::Report),
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
    ("facets", Action::Facets),
    ("clear_filters", Action::ClearFilters),
    ("remove_chip", Action::RemoveChip),
    ("only_changed", Action::OnlyMarked),
    ("removed", Action::Removed),
    ("window", Action::Window),
    ("window_back", Action::ShiftWindow { forward: false }),
    ("window_on", Action::ShiftWindow { forward: true }),
    ("window_halve", Action::ScaleWindow { wider: false }),
    ("window_double", Action::ScaleWindow { wider: true }),
    ("next_link", Action::NextLink),
    ("prev_link", Action::PrevLink),
    ("zoom", Action::Zoom),
    ("map_zoom_in", Action::MapZoomIn),
    ("map_zoom_out", Action::MapZoomOut),
    ("map_fit", Action::MapFit),
    ("toggle_strip", Action::ToggleStrip),
    ("sort", Action::Sort),
    ("toggle_mouse", Action::ToggleMouse),
    ("reload", Action::Reload),
    ("suspend", Action::Suspend),
    ("open_source", Action::OpenSource),
    ("copy", Action::CopyItem),
    ("copy_view", Action::CopyView),
    ("edit", Action::Edit),
    ("export", Action::Export),
];

pub fn action_named(name: &str) -> Option<Action> {
    ACTIONS.iter().find(|(n, _)| *n == name).map(|&(_, a)| a)
}

pub fn action_name(action: Action) -> Option<&'static str> {
    ACTIONS.iter().find(|(_, a)| *a == action).map(|&(n, _)| n)
}

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
