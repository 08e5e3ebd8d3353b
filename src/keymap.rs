//! The one table of key bindings. Input handling, the footer and the help
//! screen all read [`BINDINGS`], so what the screen says is what the keys do.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::action::{Action, Pane};

/// What the keyboard is doing right now; each mode has its own bindings.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Mode {
    /// Browsing the panes.
    Normal,
    /// Typing a search.
    Search,
    /// The actor picker is open.
    Picker,
    /// A detail popup is open.
    Detail,
    /// The key help is open.
    Help,
    /// The `check` report of a save that did not load is open.
    Report,
    /// The terminal is below the minimum size: only quitting works. Not in
    /// [`Mode::ALL`], which lists the modes help describes.
    TooSmall,
}

impl Mode {
    pub const ALL: [Mode; 6] = [
        Mode::Normal,
        Mode::Search,
        Mode::Picker,
        Mode::Detail,
        Mode::Report,
        Mode::Help,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Mode::Normal => "Browsing",
            Mode::Search => "Typing a search",
            Mode::Picker => "Actor picker",
            Mode::Detail => "Detail",
            Mode::Help => "This help",
            Mode::Report => "Why the file did not reload",
            Mode::TooSmall => "Terminal too small",
        }
    }

    /// Modes where printable characters are typed text.
    pub fn takes_text(self) -> bool {
        matches!(self, Mode::Search | Mode::Picker)
    }
}

/// A key as the table names it. Shift is ignored when matching: terminals
/// report "G" and "?" with or without it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
}

const fn ch(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: false,
    }
}

const fn code(code: KeyCode) -> Key {
    Key { code, ctrl: false }
}

const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: true,
    }
}

/// One row of the table.
#[derive(Clone, Copy, Debug)]
pub struct Binding {
    pub mode: Mode,
    /// Only while this pane has the focus (browsing).
    pub pane: Option<Pane>,
    /// Empty for rows that only document (typing text).
    pub keys: &'static [Key],
    pub action: Action,
    /// The keys as shown: "j/k ↑/↓".
    pub label: &'static str,
    /// What the keys do, for help.
    pub help: &'static str,
    /// The shorter words for the footer.
    pub short: &'static str,
    /// Footer rank: 0 never, otherwise lower is shown first when space is short.
    pub footer: u8,
    /// Shown in the footer only while a filter is active.
    pub needs_filter: bool,
    /// Shown in the footer only when a file is open (not the built-in
    /// situation).
    pub needs_file: bool,
}

const fn bind(
    mode: Mode,
    keys: &'static [Key],
    action: Action,
    label: &'static str,
    help: &'static str,
) -> Binding {
    Binding {
        mode,
        pane: None,
        keys,
        action,
        label,
        help,
        short: help,
        footer: 0,
        needs_filter: false,
        needs_file: false,
    }
}

impl Binding {
    const fn footer(mut self, rank: u8, short: &'static str) -> Binding {
        self.footer = rank;
        self.short = short;
        self
    }

    const fn pane(mut self, pane: Pane) -> Binding {
        self.pane = Some(pane);
        self
    }

    const fn with_filter(mut self) -> Binding {
        self.needs_filter = true;
        self
    }

    const fn with_file(mut self) -> Binding {
        self.needs_file = true;
        self
    }
}

use Mode::{Detail, Help, Normal, Picker, Report, Search, TooSmall};

/// Every binding of every mode, in the order help lists them.
#[rustfmt::skip]
pub const BINDINGS: &[Binding] = &[
    // Browsing.
    bind(Normal, &[ch('q'), ctrl('c')], Action::Quit, "q", "quit").footer(6, "quit"),
    // The map's own keys: p picks places (busiest first), arrows pan.
    bind(Normal, &[ch('p')], Action::NextLink, "p/P", "pick the next / previous place on the map")
        .pane(Pane::Map)
        .footer(2, "pick"),
    bind(Normal, &[ch('P')], Action::PrevLink, "p/P", "pick the next / previous place on the map")
        .pane(Pane::Map),
    bind(Normal, &[ch('+'), ch('=')], Action::MapZoomIn, "+/-", "zoom the map in / out")
        .pane(Pane::Map)
        .footer(3, "zoom"),
    bind(Normal, &[ch('-')], Action::MapZoomOut, "+/-", "zoom the map in / out").pane(Pane::Map),
    bind(Normal, &[ch('0')], Action::MapFit, "0", "fit the map to what the filter keeps")
        .pane(Pane::Map)
        .footer(4, "fit"),
    bind(Normal, &[ch('h'), code(KeyCode::Left)], Action::Left, "arrows h/j/k/l", "pan the map")
        .pane(Pane::Map),
    bind(Normal, &[ch('l'), code(KeyCode::Right)], Action::Right, "arrows h/j/k/l", "pan the map")
        .pane(Pane::Map),
    bind(Normal, &[code(KeyCode::Tab)], Action::FocusNext, "Tab", "next pane").footer(5, "pane"),
    bind(Normal, &[code(KeyCode::BackTab)], Action::FocusPrev, "Shift-Tab", "previous pane"),
    bind(Normal, &[ch('1')], Action::Focus(Pane::Figures), "1-5", "jump to a pane (number in its title)"),
    bind(Normal, &[ch('2')], Action::Focus(Pane::Timeline), "1-5", "jump to a pane (number in its title)"),
    bind(Normal, &[ch('3')], Action::Focus(Pane::Actors), "1-5", "jump to a pane (number in its title)"),
    bind(Normal, &[ch('4')], Action::Focus(Pane::Quotes), "1-5", "jump to a pane (number in its title)"),
    bind(Normal, &[ch('5')], Action::Focus(Pane::Map), "1-5", "jump to a pane (number in its title)"),
    bind(Normal, &[ch('j'), code(KeyCode::Down)], Action::Down, "j/k ↓/↑", "move down / up"),
    bind(Normal, &[ch('k'), code(KeyCode::Up)], Action::Up, "j/k ↓/↑", "move down / up"),
    bind(Normal, &[ch('h'), code(KeyCode::Left)], Action::Left, "h/l ←/→", "previous / next card")
        .pane(Pane::Figures),
    bind(Normal, &[ch('l'), code(KeyCode::Right)], Action::Right, "h/l ←/→", "previous / next card")
        .pane(Pane::Figures),
    bind(Normal, &[code(KeyCode::PageDown), ctrl('d')], Action::PageDown, "PgDn/PgUp", "page down / up"),
    bind(Normal, &[code(KeyCode::PageUp), ctrl('u')], Action::PageUp, "PgDn/PgUp", "page down / up"),
    bind(Normal, &[ch('g'), code(KeyCode::Home)], Action::Top, "g/G Home/End", "first / last"),
    bind(Normal, &[ch('G'), code(KeyCode::End)], Action::Bottom, "g/G Home/End", "first / last"),
    bind(Normal, &[code(KeyCode::Enter)], Action::Open, "Enter", "open the selected item").footer(1, "open"),
    bind(Normal, &[ch(' ')], Action::Toggle, "Space", "add / remove the actor in the filter")
        .pane(Pane::Actors)
        .footer(2, "filter"),
    bind(Normal, &[ch('/')], Action::Search, "/", "search (case-insensitive)").footer(3, "search"),
    bind(Normal, &[ch('n')], Action::NextMatch, "n/N", "next / previous match"),
    bind(Normal, &[ch('N')], Action::PrevMatch, "n/N", "next / previous match"),
    bind(Normal, &[ch('a')], Action::Picker, "a", "pick actors to filter by").footer(4, "actors"),
    bind(Normal, &[ch('c')], Action::ClearFilters, "c", "clear every filter")
        .footer(2, "clear")
        .with_filter(),
    bind(Normal, &[code(KeyCode::Backspace)], Action::RemoveChip, "Backspace", "remove the last filter chip"),
    bind(Normal, &[code(KeyCode::Esc)], Action::Back, "Esc", "clear the search, leave zoom"),
    bind(Normal, &[ch('z')], Action::Zoom, "z", "zoom the pane to full size"),
    bind(Normal, &[ch('m')], Action::ToggleMouse, "m", "mouse on / off (off lets you select text)"),
    bind(Normal, &[ch('?'), code(KeyCode::F(1))], Action::Help, "? F1", "all keys (this help)").footer(5, "help"),
    bind(Normal, &[ch('r')], Action::Reload, "r", "reload the file now (saving it reloads it too)")
        .footer(5, "reload")
        .with_file(),
    bind(Normal, &[ctrl('z')], Action::Suspend, "Ctrl-Z", "suspend to the shell (fg comes back)"),
    // Typing a search.
    bind(Search, &[], Action::Input(' '), "text", "narrows the timeline and quotes as you type; marks matching actors (underlined), n/N jump to them"),
    bind(Search, &[code(KeyCode::Enter)], Action::Accept, "Enter", "keep the search").footer(1, "keep"),
    bind(Search, &[code(KeyCode::Esc)], Action::Back, "Esc", "cancel the search").footer(1, "cancel"),
    bind(Search, &[code(KeyCode::Backspace)], Action::DeleteChar, "Backspace", "delete a character"),
    bind(Search, &[ctrl('u')], Action::ClearInput, "Ctrl-U", "clear the text").footer(3, "clear"),
    bind(Search, &[code(KeyCode::Down)], Action::Down, "↓/↑", "move in the focused pane").footer(2, "move"),
    bind(Search, &[code(KeyCode::Up)], Action::Up, "↓/↑", "move in the focused pane"),
    bind(Search, &[code(KeyCode::F(1))], Action::Help, "F1", "all keys (? is text here)").footer(4, "help"),
    bind(Search, &[ctrl('c')], Action::Quit, "Ctrl-C", "quit"),
    bind(Search, &[ctrl('z')], Action::Suspend, "Ctrl-Z", "suspend to the shell"),
    // The actor picker.
    bind(Picker, &[], Action::Input(' '), "text", "narrows the list (name, alias or id)"),
    bind(Picker, &[code(KeyCode::Enter)], Action::Toggle, "Enter", "add / remove the actor in the filter")
        .footer(1, "add/remove"),
    bind(Picker, &[code(KeyCode::Down), ctrl('n')], Action::Down, "↓/↑", "move").footer(2, "move"),
    bind(Picker, &[code(KeyCode::Up), ctrl('p')], Action::Up, "↓/↑", "move"),
    bind(Picker, &[code(KeyCode::PageDown)], Action::PageDown, "PgDn/PgUp", "page down / up"),
    bind(Picker, &[code(KeyCode::PageUp)], Action::PageUp, "PgDn/PgUp", "page down / up"),
    bind(Picker, &[code(KeyCode::Backspace)], Action::DeleteChar, "Backspace", "delete a character"),
    bind(Picker, &[ctrl('u')], Action::ClearInput, "Ctrl-U", "clear the text").footer(4, "clear"),
    bind(Picker, &[code(KeyCode::Esc)], Action::Back, "Esc", "close").footer(1, "close"),
    bind(Picker, &[code(KeyCode::F(1))], Action::Help, "F1", "all keys (? is text here)").footer(4, "help"),
    bind(Picker, &[ctrl('c')], Action::Quit, "Ctrl-C", "quit"),
    bind(Picker, &[ctrl('z')], Action::Suspend, "Ctrl-Z", "suspend to the shell"),
    // A detail popup.
    bind(Detail, &[ch('j'), code(KeyCode::Down)], Action::Down, "j/k ↓/↑", "scroll").footer(4, "scroll"),
    bind(Detail, &[ch('k'), code(KeyCode::Up)], Action::Up, "j/k ↓/↑", "scroll"),
    bind(Detail, &[code(KeyCode::PageDown)], Action::PageDown, "PgDn/PgUp", "page down / up"),
    bind(Detail, &[code(KeyCode::PageUp)], Action::PageUp, "PgDn/PgUp", "page down / up"),
    bind(Detail, &[ch('g'), code(KeyCode::Home)], Action::Top, "g/G Home/End", "top / bottom"),
    bind(Detail, &[ch('G'), code(KeyCode::End)], Action::Bottom, "g/G Home/End", "top / bottom"),
    bind(Detail, &[code(KeyCode::Tab)], Action::NextLink, "Tab/Shift-Tab", "select the next / previous actor, event or quote")
        .footer(2, "select"),
    bind(Detail, &[code(KeyCode::BackTab)], Action::PrevLink, "Tab/Shift-Tab", "select the next / previous actor, event or quote"),
    bind(Detail, &[ch(' '), ch('f')], Action::Toggle, "Space/f", "add / remove the selected actor in the filter")
        .footer(3, "filter"),
    bind(Detail, &[code(KeyCode::Enter)], Action::Open, "Enter", "open the selected actor, event or quote").footer(3, "open"),
    bind(Detail, &[code(KeyCode::Esc)], Action::Back, "Esc", "back / close").footer(1, "back"),
    bind(Detail, &[ch('?'), code(KeyCode::F(1))], Action::Help, "? F1", "all keys (this help)").footer(5, "help"),
    bind(Detail, &[ch('q'), ctrl('c')], Action::Quit, "q", "quit").footer(5, "quit"),
    bind(Detail, &[ctrl('z')], Action::Suspend, "Ctrl-Z", "suspend to the shell"),
    // The report of a save that did not load.
    bind(Report, &[ch('j'), code(KeyCode::Down)], Action::Down, "j/k ↓/↑", "scroll").footer(2, "scroll"),
    bind(Report, &[ch('k'), code(KeyCode::Up)], Action::Up, "j/k ↓/↑", "scroll"),
    bind(Report, &[code(KeyCode::PageDown), ch(' ')], Action::PageDown, "PgDn/PgUp", "page down / up"),
    bind(Report, &[code(KeyCode::PageUp)], Action::PageUp, "PgDn/PgUp", "page down / up"),
    bind(Report, &[ch('g'), code(KeyCode::Home)], Action::Top, "g/G Home/End", "top / bottom"),
    bind(Report, &[ch('G'), code(KeyCode::End)], Action::Bottom, "g/G Home/End", "top / bottom"),
    bind(Report, &[code(KeyCode::Esc), ch('q')], Action::Back, "Esc q", "close").footer(1, "close"),
    bind(Report, &[ch('?'), code(KeyCode::F(1))], Action::Help, "? F1", "all keys (this help)").footer(5, "help"),
    bind(Report, &[ctrl('c')], Action::Quit, "Ctrl-C", "quit"),
    bind(Report, &[ctrl('z')], Action::Suspend, "Ctrl-Z", "suspend to the shell"),
    // This help.
    bind(Help, &[ch('j'), code(KeyCode::Down)], Action::Down, "j/k ↓/↑", "scroll").footer(2, "scroll"),
    bind(Help, &[ch('k'), code(KeyCode::Up)], Action::Up, "j/k ↓/↑", "scroll"),
    bind(Help, &[code(KeyCode::PageDown), ch(' ')], Action::PageDown, "PgDn/PgUp", "page down / up"),
    bind(Help, &[code(KeyCode::PageUp)], Action::PageUp, "PgDn/PgUp", "page down / up"),
    bind(Help, &[ch('g'), code(KeyCode::Home)], Action::Top, "g/G Home/End", "top / bottom"),
    bind(Help, &[ch('G'), code(KeyCode::End)], Action::Bottom, "g/G Home/End", "top / bottom"),
    bind(Help, &[code(KeyCode::Esc), ch('?'), code(KeyCode::F(1))], Action::Back, "Esc ? F1", "close, back to where you were").footer(1, "close"),
    bind(Help, &[ch('q'), ctrl('c')], Action::Quit, "q", "quit").footer(3, "quit"),
    // The size warning: nothing to act on but quitting.
    bind(TooSmall, &[ch('q'), ctrl('c')], Action::Quit, "q", "quit"),
    bind(TooSmall, &[ctrl('z')], Action::Suspend, "Ctrl-Z", "suspend to the shell"),
    bind(Help, &[ctrl('z')], Action::Suspend, "Ctrl-Z", "suspend to the shell"),
];

/// The action for a key press in a mode, with `focus` the focused pane.
pub fn action_for(mode: Mode, focus: Pane, key: KeyEvent) -> Option<Action> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let alt = key.modifiers.contains(KeyModifiers::ALT);
    let wanted = Key {
        code: match key.code {
            // Ctrl-letters may come in upper case when Shift is down too.
            KeyCode::Char(c) if ctrl => KeyCode::Char(c.to_ascii_lowercase()),
            other => other,
        },
        ctrl,
    };
    let bound = BINDINGS
        .iter()
        .filter(|b| b.mode == mode && b.pane.is_none_or(|p| p == focus))
        .find(|b| b.keys.contains(&wanted))
        .map(|b| b.action);
    if bound.is_some() {
        return bound;
    }
    match key.code {
        KeyCode::Char(c) if mode.takes_text() && !ctrl && !alt => Some(Action::Input(c)),
        _ => None,
    }
}

/// What decides which bindings the footer offers besides the mode.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Context {
    pub focus: Pane,
    pub filter_active: bool,
    /// A file is open (there is something to reload).
    pub file: bool,
}

/// The bindings the footer shows in a mode: at most `max`, the most
/// important first (by rank, then table order).
pub fn footer(mode: Mode, context: Context, max: usize) -> Vec<&'static Binding> {
    let mut shown: Vec<(usize, &Binding)> = BINDINGS
        .iter()
        .enumerate()
        .filter(|(_, b)| {
            b.mode == mode
                && b.footer > 0
                && b.pane.is_none_or(|p| p == context.focus)
                && (context.filter_active || !b.needs_filter)
                && (context.file || !b.needs_file)
        })
        .collect();
    shown.sort_by_key(|(i, b)| (b.footer, *i));
    shown.truncate(max);
    shown.into_iter().map(|(_, b)| b).collect()
}

/// The first of a binding's keys, as the footer names it: "Tab" for
/// "Tab/Shift-Tab", "Space" for "Space/f"; pairs of one-character keys
/// ("j/k", "↓/↑") stay whole.
pub fn footer_label(label: &str) -> &str {
    let first = label.split(' ').next().unwrap_or(label);
    match first.split_once('/') {
        Some((a, b)) if a.chars().count() > 1 || b.chars().count() > 1 => a,
        _ => first,
    }
}

/// Help rows of a mode: (keys, what they do, the pane they need), once each.
pub fn help_rows(mode: Mode) -> Vec<(&'static str, &'static str, Option<Pane>)> {
    let mut rows: Vec<(&str, &str, Option<Pane>)> = Vec::new();
    for b in BINDINGS.iter().filter(|b| b.mode == mode) {
        let row = (b.label, b.help, b.pane);
        if !rows.contains(&row) {
            rows.push(row);
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn keys_map_by_mode_and_pane() {
        let q = press(KeyCode::Char('q'));
        assert_eq!(action_for(Normal, Pane::Timeline, q), Some(Action::Quit));
        assert_eq!(
            action_for(Search, Pane::Timeline, q),
            Some(Action::Input('q'))
        );
        let space = press(KeyCode::Char(' '));
        assert_eq!(action_for(Normal, Pane::Timeline, space), None);
        assert_eq!(
            action_for(Normal, Pane::Actors, space),
            Some(Action::Toggle)
        );
        assert_eq!(
            action_for(Picker, Pane::Actors, space),
            Some(Action::Input(' '))
        );
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        let ctrl_z = KeyEvent::new(KeyCode::Char('z'), KeyModifiers::CONTROL);
        for mode in Mode::ALL.into_iter().chain([TooSmall]) {
            assert_eq!(action_for(mode, Pane::Timeline, ctrl_c), Some(Action::Quit));
            assert_eq!(
                action_for(mode, Pane::Timeline, ctrl_z),
                Some(Action::Suspend)
            );
        }
        let shift_g = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(
            action_for(Normal, Pane::Timeline, shift_g),
            Some(Action::Bottom)
        );
    }

    #[test]
    fn only_quit_works_while_the_terminal_is_too_small() {
        for code in [
            KeyCode::Enter,
            KeyCode::Tab,
            KeyCode::Esc,
            KeyCode::Char('a'),
            KeyCode::Char('c'),
            KeyCode::Char('m'),
            KeyCode::Char('?'),
        ] {
            assert_eq!(action_for(TooSmall, Pane::Timeline, press(code)), None);
        }
        let q = press(KeyCode::Char('q'));
        assert_eq!(action_for(TooSmall, Pane::Timeline, q), Some(Action::Quit));
    }

    #[test]
    fn footer_labels_are_short() {
        assert_eq!(footer_label("Tab/Shift-Tab"), "Tab");
        assert_eq!(footer_label("Space/f"), "Space");
        assert_eq!(footer_label("j/k ↓/↑"), "j/k");
        assert_eq!(footer_label("Esc ?"), "Esc");
        assert_eq!(footer_label("Enter"), "Enter");
        assert_eq!(footer_label("/"), "/");
    }

    #[test]
    fn esc_never_quits() {
        for mode in Mode::ALL {
            let action = action_for(mode, Pane::Timeline, press(KeyCode::Esc));
            assert_ne!(action, Some(Action::Quit), "{mode:?}");
        }
    }

    #[test]
    fn every_mode_has_a_short_footer_and_help() {
        for mode in Mode::ALL {
            for focus in Pane::ALL {
                for (filter_active, file) in [(false, false), (true, false), (true, true)] {
                    let context = Context {
                        focus,
                        filter_active,
                        file,
                    };
                    let n = footer(mode, context, 7).len();
                    assert!((2..=7).contains(&n), "{mode:?} {context:?}: {n}");
                }
            }
            assert!(!help_rows(mode).is_empty());
        }
    }

    #[test]
    fn no_key_is_bound_twice_in_a_mode() {
        for (i, a) in BINDINGS.iter().enumerate() {
            for b in &BINDINGS[i + 1..] {
                let same_place =
                    a.mode == b.mode && (a.pane.is_none() || b.pane.is_none() || a.pane == b.pane);
                if same_place {
                    for key in a.keys {
                        assert!(!b.keys.contains(key), "{key:?} twice in {:?}", a.mode);
                    }
                }
            }
        }
    }
}
