//! The one table of key bindings, [`BINDINGS`], and the [`Keymap`] made of
//! it and the config file's `[keys]`. Input handling, the footer and the
//! help screen all read the keymap, so what the screen says is what the
//! keys do. The table is written in parts (`PARTS`): a mode's own rows
//! and the groups of rows modes share (scrolling a text, leaving a popup,
//! a list picker, a one-line prompt), each written once as a `const fn`.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::action::{Action, Pane};
pub use crate::keys::Key;
use crate::keys::{ch, code, ctrl, key_label};

/// What the keyboard is doing right now; each mode has its own bindings.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Mode {
    /// Browsing the panes.
    Normal,
    /// Typing a search.
    Search,
    /// The actor picker is open.
    Picker,
    /// The facet picker is open.
    Facets,
    /// Typing a date window.
    Window,
    /// A detail popup is open.
    Detail,
    /// The key help is open.
    Help,
    /// The `check` report of a save that did not load is open.
    Report,
    /// Choosing which of an item's sources to open.
    Sources,
    /// Typing the path to export the view to.
    Export,
    /// The list of what was removed since the last look is open.
    Removed,
    /// The terminal is below the minimum size: only quitting works. Not in
    /// [`Mode::ALL`], which lists the modes help describes.
    TooSmall,
}

impl Mode {
    pub const ALL: [Mode; 11] = [
        Mode::Normal,
        Mode::Search,
        Mode::Picker,
        Mode::Facets,
        Mode::Window,
        Mode::Detail,
        Mode::Sources,
        Mode::Export,
        Mode::Report,
        Mode::Removed,
        Mode::Help,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Mode::Normal => "Browsing",
            Mode::Search => "Typing a search",
            Mode::Picker => "Actor picker",
            Mode::Facets => "Facet picker",
            Mode::Window => "Typing a date window",
            Mode::Detail => "Detail",
            Mode::Help => "This help",
            Mode::Report => "Why the file did not reload",
            Mode::Sources => "Choosing a source to open",
            Mode::Export => "Typing a path to export to",
            Mode::Removed => "Removed since your last look",
            Mode::TooSmall => "Terminal too small",
        }
    }

    /// Modes where printable characters are typed text.
    pub fn takes_text(self) -> bool {
        matches!(
            self,
            Mode::Search | Mode::Picker | Mode::Facets | Mode::Window | Mode::Export
        )
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
    /// What the keys do, for help. Rows of a mode with the same words are
    /// one line of help, their keys shown together ("j/k ↓/↑").
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

const fn bind(mode: Mode, keys: &'static [Key], action: Action, help: &'static str) -> Binding {
    Binding {
        mode,
        pane: None,
        keys,
        action,
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

use Mode::{
    Detail, Export, Facets, Help, Normal, Picker, Removed, Report, Search, Sources, TooSmall,
    Window,
};

/// Browsing and typing a search: rows no other mode shares.
#[rustfmt::skip]
const BROWSING_AND_SEARCH: &[Binding] = &[
    // Browsing.
    bind(Normal, &[ch('q'), ctrl('c')], Action::Quit, "quit").footer(6, "quit"),
    bind(Normal, &[code(KeyCode::Tab)], Action::FocusNext, "next pane").footer(5, "pane"),
    bind(Normal, &[code(KeyCode::BackTab)], Action::FocusPrev, "previous pane"),
    bind(Normal, &[ch('1')], Action::Focus(Pane::Figures), "jump to a pane (number in its title)"),
    bind(Normal, &[ch('2')], Action::Focus(Pane::Timeline), "jump to a pane (number in its title)"),
    bind(Normal, &[ch('3')], Action::Focus(Pane::Actors), "jump to a pane (number in its title)"),
    bind(Normal, &[ch('4')], Action::Focus(Pane::Quotes), "jump to a pane (number in its title)"),
    bind(Normal, &[ch('5')], Action::Focus(Pane::Map), "jump to a pane (number in its title)"),
    bind(Normal, &[ch('j'), code(KeyCode::Down)], Action::Down, "move down / up"),
    bind(Normal, &[ch('k'), code(KeyCode::Up)], Action::Up, "move down / up"),
    bind(Normal, &[ch('h'), code(KeyCode::Left)], Action::Left, "previous / next card")
        .pane(Pane::Figures),
    bind(Normal, &[ch('l'), code(KeyCode::Right)], Action::Right, "previous / next card")
        .pane(Pane::Figures),
    bind(Normal, &[code(KeyCode::PageDown), ctrl('d')], Action::PageDown, "page down / up"),
    bind(Normal, &[code(KeyCode::PageUp), ctrl('u')], Action::PageUp, "page down / up"),
    bind(Normal, &[ch('g'), code(KeyCode::Home)], Action::Top, "first / last"),
    bind(Normal, &[ch('G'), code(KeyCode::End)], Action::Bottom, "first / last"),
    bind(Normal, &[code(KeyCode::Enter)], Action::Open, "open the selected item").footer(1, "open"),
    bind(Normal, &[ch(' ')], Action::Toggle, "add / remove the actor in the filter")
        .pane(Pane::Actors)
        .footer(2, "filter"),
    bind(Normal, &[ch('/')], Action::Search, "search (case-insensitive)").footer(3, "search"),
    bind(Normal, &[ch('n')], Action::NextMatch, "next / previous match"),
    bind(Normal, &[ch('N')], Action::PrevMatch, "next / previous match"),
    bind(Normal, &[ch('a')], Action::Picker, "pick actors (and places) to filter by").footer(4, "actors"),
    bind(Normal, &[ch('f')], Action::Facets, "pick categories, tags, actor kinds or sources to filter by").footer(6, "facets"),
    bind(Normal, &[ch('c')], Action::ClearFilters, "clear every filter")
        .footer(2, "clear")
        .with_filter(),
    bind(Normal, &[ch('w')], Action::Window, "date window: dates, 7d 30d 90d 1y, all").footer(6, "window"),
    bind(Normal, &[ch('[')], Action::ShiftWindow { forward: false }, "move the date window back / on by its length"),
    bind(Normal, &[ch(']')], Action::ShiftWindow { forward: true }, "move the date window back / on by its length"),
    bind(Normal, &[ch('{')], Action::ScaleWindow { wider: false }, "halve / double the date window"),
    bind(Normal, &[ch('}')], Action::ScaleWindow { wider: true }, "halve / double the date window"),
    bind(Normal, &[ch('u')], Action::OnlyMarked, "only new (+) and changed (~) since your last look, or all")
        .footer(6, "new")
        .with_file(),
    bind(Normal, &[ch('U')], Action::Removed, "what was removed since your last look (or click the header's count)")
        .with_file(),
    bind(Normal, &[code(KeyCode::Backspace)], Action::RemoveChip, "remove the last filter chip"),
    bind(Normal, &[code(KeyCode::Esc)], Action::Back, "clear the search, leave zoom"),
    bind(Normal, &[ch('z')], Action::Zoom, "zoom the pane to full size"),
    bind(Normal, &[ch('t')], Action::ToggleStrip, "show / hide the time strip above the timeline"),
    bind(Normal, &[ch('s')], Action::Sort, "oldest / newest first").pane(Pane::Timeline),
    bind(Normal, &[ch('s')], Action::Sort, "order: tree, by events, by name").pane(Pane::Actors),
    bind(Normal, &[ch('m')], Action::ToggleMouse, "mouse on / off (off lets you select text)"),
    bind(Normal, &[ch('?'), code(KeyCode::F(1))], Action::Help, "all keys (this help)").footer(5, "help"),
    bind(Normal, &[ch('r')], Action::Reload, "reload the file now (saving it reloads it too)")
        .footer(5, "reload")
        .with_file(),
    bind(Normal, &[ctrl('z')], Action::Suspend, "suspend to the shell (fg comes back)"),
    bind(Normal, &[ch('!')], Action::Report, "why the last save did not reload: the whole check report")
        .with_file(),
    bind(Normal, &[ch('o')], Action::OpenSource, "open the selected item's source in the browser")
        .footer(7, "source"),
    bind(Normal, &[ch('y')], Action::CopyItem, "copy the selected item as text (with its sources)")
        .footer(7, "copy"),
    bind(Normal, &[ch('Y')], Action::CopyView, "copy the whole view as a Markdown briefing"),
    bind(Normal, &[ch('e')], Action::Edit, "edit the file at the selected item's line")
        .footer(7, "edit")
        .with_file(),
    bind(Normal, &[ch('x')], Action::Export, "export the view to a file (.md, .json or text)")
        .footer(7, "export"),
    // The map's own keys. Tab walks its places, Enter (or Space, as in the
    // actors pane) filters by the picked one, `i` opens it, and the vertical
    // moves pan (see `App`; help says so).
    bind(Normal, &[ch(' ')], Action::Toggle, "add / remove the picked place in the filter (Enter too)")
        .pane(Pane::Map)
        .footer(2, "filter"),
    bind(Normal, &[ch('i')], Action::MapPlace, "about the picked place: its events, coordinates and precision")
        .pane(Pane::Map)
        .footer(4, "about"),
    bind(Normal, &[ch('+'), ch('=')], Action::MapZoomIn, "zoom the map in / out")
        .pane(Pane::Map)
        .footer(3, "zoom"),
    bind(Normal, &[ch('-')], Action::MapZoomOut, "zoom the map in / out").pane(Pane::Map),
    bind(Normal, &[ch('0')], Action::MapFit, "fit the map to what the filter keeps")
        .pane(Pane::Map)
        .footer(4, "fit"),
    bind(Normal, &[ch('h'), code(KeyCode::Left)], Action::Left, "pan the map (j/k ↓/↑ pan too)")
        .pane(Pane::Map),
    bind(Normal, &[ch('l'), code(KeyCode::Right)], Action::Right, "pan the map (j/k ↓/↑ pan too)")
        .pane(Pane::Map),
    // Typing a search.
    bind(Search, &[], Action::Input(' '), "narrows the timeline and quotes as you type; marks matching actors (underlined), n/N jump to them"),
    bind(Search, &[code(KeyCode::Enter)], Action::Accept, "keep the search").footer(1, "keep"),
    bind(Search, &[code(KeyCode::Esc)], Action::Back, "cancel the search").footer(1, "cancel"),
    bind(Search, &[code(KeyCode::Backspace)], Action::DeleteChar, "delete a character"),
    bind(Search, &[ctrl('u')], Action::ClearInput, "clear the text").footer(3, "clear"),
    bind(Search, &[code(KeyCode::Down)], Action::Down, "move in the focused pane").footer(2, "move"),
    bind(Search, &[code(KeyCode::Up)], Action::Up, "move in the focused pane"),
    bind(Search, &[code(KeyCode::F(1))], Action::Help, "all keys (? is text here)").footer(4, "help"),
    bind(Search, &[ctrl('c')], Action::Quit, "quit"),
    bind(Search, &[ctrl('z')], Action::Suspend, "suspend to the shell"),
];

/// Keys several modes share, as named constants (a `const fn` can only
/// hand out `'static` key lists it did not build).
const DOWN_KEYS: &[Key] = &[ch('j'), code(KeyCode::Down)];
const UP_KEYS: &[Key] = &[ch('k'), code(KeyCode::Up)];
const PAGE_UP: &[Key] = &[code(KeyCode::PageUp)];
const TOP_KEYS: &[Key] = &[ch('g'), code(KeyCode::Home)];
const BOTTOM_KEYS: &[Key] = &[ch('G'), code(KeyCode::End)];
const CLOSE_KEYS: &[Key] = &[code(KeyCode::Esc), ch('q')];
const HELP_KEYS: &[Key] = &[ch('?'), code(KeyCode::F(1))];
const QUIT_KEYS: &[Key] = &[ctrl('c')];
const SUSPEND_KEYS: &[Key] = &[ctrl('z')];
const ENTER: &[Key] = &[code(KeyCode::Enter)];
const ESC: &[Key] = &[code(KeyCode::Esc)];
const BACKSPACE: &[Key] = &[code(KeyCode::Backspace)];
const CLEAR_KEYS: &[Key] = &[ctrl('u')];
const F1: &[Key] = &[code(KeyCode::F(1))];
const LIST_DOWN: &[Key] = &[code(KeyCode::Down), ctrl('n')];
const LIST_UP: &[Key] = &[code(KeyCode::Up), ctrl('p')];
const PAGE_DOWN: &[Key] = &[code(KeyCode::PageDown)];
const PAGE_DOWN_OR_SPACE: &[Key] = &[code(KeyCode::PageDown), ch(' ')];
const REPORT_KEYS: &[Key] = &[ch('!')];
const LEFT: &[Key] = &[code(KeyCode::Left)];
const RIGHT: &[Key] = &[code(KeyCode::Right)];
const HOME: &[Key] = &[code(KeyCode::Home)];
const END: &[Key] = &[code(KeyCode::End)];

/// The scroll keys of a popup that shows a text: `page_down` are
/// PageDown's keys (Space too where it is free), `rank` the footer rank of
/// "scroll".
#[rustfmt::skip]
const fn scroll_rows(mode: Mode, page_down: &'static [Key], rank: u8) -> [Binding; 6] {
    [
        bind(mode, DOWN_KEYS, Action::Down, "scroll").footer(rank, "scroll"),
        bind(mode, UP_KEYS, Action::Up, "scroll"),
        bind(mode, page_down, Action::PageDown, "page down / up"),
        bind(mode, PAGE_UP, Action::PageUp, "page down / up"),
        bind(mode, TOP_KEYS, Action::Top, "top / bottom"),
        bind(mode, BOTTOM_KEYS, Action::Bottom, "top / bottom"),
    ]
}

/// How a popup that is not typed into is left: Esc or q (`back`, "back"
/// in the footer when it goes back a page), help, quit, suspend.
#[rustfmt::skip]
const fn leave_rows(mode: Mode, back: &'static str, short: &'static str) -> [Binding; 4] {
    [
        bind(mode, CLOSE_KEYS, Action::Back, back).footer(1, short),
        bind(mode, HELP_KEYS, Action::Help, "all keys (this help)").footer(5, "help"),
        bind(mode, QUIT_KEYS, Action::Quit, "quit"),
        bind(mode, SUSPEND_KEYS, Action::Suspend, "suspend to the shell"),
    ]
}

/// A list picker (actors, facet values): `typing` says what the text
/// narrows, `toggle` what Enter does.
#[rustfmt::skip]
const fn picker_rows(mode: Mode, typing: &'static str, toggle: &'static str) -> [Binding; 12] {
    [
        bind(mode, &[], Action::Input(' '), typing),
        bind(mode, ENTER, Action::Toggle, toggle).footer(1, "add/remove"),
        bind(mode, LIST_DOWN, Action::Down, "move").footer(2, "move"),
        bind(mode, LIST_UP, Action::Up, "move"),
        bind(mode, PAGE_DOWN, Action::PageDown, "page down / up"),
        bind(mode, PAGE_UP, Action::PageUp, "page down / up"),
        bind(mode, BACKSPACE, Action::DeleteChar, "delete a character"),
        bind(mode, CLEAR_KEYS, Action::ClearInput, "clear the text").footer(4, "clear"),
        bind(mode, ESC, Action::Back, "close").footer(1, "close"),
        bind(mode, F1, Action::Help, "all keys (? is text here)").footer(4, "help"),
        bind(mode, QUIT_KEYS, Action::Quit, "quit"),
        bind(mode, SUSPEND_KEYS, Action::Suspend, "suspend to the shell"),
    ]
}

/// A one-line prompt (a date window, a path): `typing` says what to type;
/// Enter does `accept` ("set" or "write" in the footer), Esc cancels.
#[rustfmt::skip]
const fn prompt_rows(
    mode: Mode,
    typing: &'static str,
    accept: &'static str,
    short: &'static str,
) -> [Binding; 12] {
    [
        bind(mode, &[], Action::Input(' '), typing),
        bind(mode, ENTER, Action::Accept, accept).footer(1, short),
        bind(mode, ESC, Action::Back, "cancel").footer(1, "cancel"),
        bind(mode, BACKSPACE, Action::DeleteChar, "delete a character"),
        bind(mode, LEFT, Action::Left, "move the cursor (a pre-filled text: edit it; typing first replaces it)"),
        bind(mode, RIGHT, Action::Right, "move the cursor (a pre-filled text: edit it; typing first replaces it)"),
        bind(mode, HOME, Action::Top, "to the start / end of the text"),
        bind(mode, END, Action::Bottom, "to the start / end of the text"),
        bind(mode, CLEAR_KEYS, Action::ClearInput, "clear the text").footer(3, "clear"),
        bind(mode, F1, Action::Help, "all keys (? is text here)").footer(4, "help"),
        bind(mode, QUIT_KEYS, Action::Quit, "quit"),
        bind(mode, SUSPEND_KEYS, Action::Suspend, "suspend to the shell"),
    ]
}

/// The table in parts, in the order help lists them: a mode's own rows
/// and the groups it shares with other modes.
#[rustfmt::skip]
const PARTS: &[&[Binding]] = &[
    BROWSING_AND_SEARCH,
    &picker_rows(Picker, "narrows the list (name, alias or id)", "add / remove the actor or place in the filter"),
    &picker_rows(Facets, "narrows the list (a value; a source by title, publisher or id); each count is the events kept with it and the rest of the filter, the section's own choice left out", "add / remove the value in the filter"),
    &prompt_rows(Window, "a date (2024-06, early 2024-10, 2024-03-11), a start and an end, 7d 30d 90d 1y from as of, or all; a window leaves out quotes without a date", "set the window", "set"),
    // A detail popup.
    &scroll_rows(Detail, PAGE_DOWN, 4),
    &[
        bind(Detail, &[code(KeyCode::Tab)], Action::NextLink, "select the next / previous actor, place, event or quote")
            .footer(2, "select"),
        bind(Detail, &[code(KeyCode::BackTab)], Action::PrevLink, "select the next / previous actor, place, event or quote"),
        bind(Detail, &[ch(' '), ch('f')], Action::Toggle, "add / remove the selected actor or place in the filter")
            .footer(3, "filter"),
        bind(Detail, ENTER, Action::Open, "open the selected actor, place, event or quote").footer(3, "open"),
    ],
    &leave_rows(Detail, "back / close", "back"),
    &[
        bind(Detail, &[ch('o')], Action::OpenSource, "open this item's source in the browser"),
        bind(Detail, &[ch('y')], Action::CopyItem, "copy this item as text (with its sources)"),
        bind(Detail, &[ch('e')], Action::Edit, "edit the file at this item's line").with_file(),
        bind(Detail, REPORT_KEYS, Action::Report, "why the last save did not reload").with_file(),
        // Choosing a source to open.
        bind(Sources, ENTER, Action::Open, "open the highlighted source").footer(1, "open"),
        bind(Sources, DOWN_KEYS, Action::Down, "move").footer(2, "move"),
        bind(Sources, UP_KEYS, Action::Up, "move"),
    ],
    &leave_rows(Sources, "close", "close"),
    &[bind(Sources, REPORT_KEYS, Action::Report, "why the last save did not reload").with_file()],
    &prompt_rows(Export, "a path: .md writes Markdown, .json JSON, anything else text; an existing file is only overwritten after a second Enter", "write the file", "write"),
    &[bind(Export, &[ctrl('y')], Action::CopyItem, "copy the sitrep command line that writes the same file").footer(2, "copy command")],
    // The report of a save that did not load.
    &scroll_rows(Report, PAGE_DOWN_OR_SPACE, 2),
    &leave_rows(Report, "close", "close"),
    // What was removed since the last look.
    &scroll_rows(Removed, PAGE_DOWN_OR_SPACE, 2),
    &leave_rows(Removed, "close", "close"),
    &[bind(Removed, REPORT_KEYS, Action::Report, "why the last save did not reload").with_file()],
    // This help.
    &scroll_rows(Help, PAGE_DOWN_OR_SPACE, 2),
    &[
        bind(Help, &[code(KeyCode::Esc), ch('q'), ch('?'), code(KeyCode::F(1))], Action::Back, "close, back to where you were").footer(1, "close"),
        bind(Help, QUIT_KEYS, Action::Quit, "quit"),
        // The size warning: nothing to act on but quitting.
        bind(TooSmall, &[ch('q'), ctrl('c')], Action::Quit, "quit"),
        bind(TooSmall, SUSPEND_KEYS, Action::Suspend, "suspend to the shell"),
        bind(Help, SUSPEND_KEYS, Action::Suspend, "suspend to the shell"),
    ],
];

/// Every binding of every mode, in the order help lists them: [`PARTS`]
/// end to end.
pub const BINDINGS: &[Binding] = &joined::<{ rows_in(PARTS) }>(PARTS);

/// How many rows `parts` hold together.
const fn rows_in(parts: &[&[Binding]]) -> usize {
    let (mut n, mut p) = (0, 0);
    while p < parts.len() {
        n += parts[p].len();
        p += 1;
    }
    n
}

/// `parts` end to end, as one array of `N` rows (N from [`rows_in`]).
const fn joined<const N: usize>(parts: &[&[Binding]]) -> [Binding; N] {
    let mut out = [parts[0][0]; N];
    let (mut at, mut p) = (0, 0);
    while p < parts.len() {
        let mut i = 0;
        while i < parts[p].len() {
            out[at] = parts[p][i];
            at += 1;
            i += 1;
        }
        p += 1;
    }
    out
}

/// What decides which bindings the footer offers besides the mode.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Context {
    pub focus: Pane,
    pub filter_active: bool,
    /// A file is open (there is something to reload).
    pub file: bool,
}

/// Where a rebinding from the config file applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// Every mode where the action exists.
    All,
    /// One mode.
    Mode(Mode),
    /// Browsing, with this pane focused: the keys are added there.
    Pane(Pane),
}

/// An action given keys by the config file. In [`Scope::All`] and
/// [`Scope::Mode`] the keys replace the action's own; in [`Scope::Pane`]
/// they are added for that pane.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rebinding {
    pub scope: Scope,
    pub action: Action,
    pub keys: Vec<Key>,
}

/// Actions that must keep a key wherever they have one: without them a
/// user could not find the keys, leave a popup, or quit.
pub const PROTECTED: [Action; 3] = [Action::Quit, Action::Help, Action::Back];

/// Ctrl-C quits in every mode, whatever the config file says.
pub const CTRL_C: Key = ctrl('c');

/// Whether a key is typed text in a mode (a plain character while typing a
/// search or in the picker).
pub fn is_text(mode: Mode, key: Key) -> bool {
    mode.takes_text() && !key.ctrl && matches!(key.code, KeyCode::Char(_))
}

/// A row of the keymap in use: the table's row with the keys it has now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    pub mode: Mode,
    pub pane: Option<Pane>,
    /// Empty for rows that only document (typing text), and for an action
    /// the config file left without keys.
    pub keys: Vec<Key>,
    pub action: Action,
    pub help: &'static str,
    pub short: &'static str,
    pub footer: u8,
    pub needs_filter: bool,
    pub needs_file: bool,
}

impl From<&Binding> for Row {
    fn from(b: &Binding) -> Row {
        Row {
            mode: b.mode,
            pane: b.pane,
            keys: b.keys.to_vec(),
            action: b.action,
            help: b.help,
            short: b.short,
            footer: b.footer,
            needs_filter: b.needs_filter,
            needs_file: b.needs_file,
        }
    }
}

/// A key in the footer: "j/k scroll".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FooterKey {
    pub action: Action,
    /// The key as shown: "q", "Enter", "j/k".
    pub key: String,
    pub short: &'static str,
}

/// A protected action a rebinding would leave without a key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Unreachable {
    pub action: Action,
    pub mode: Mode,
    /// The action the file gave its last key to, if any.
    pub taken_by: Option<Action>,
}

/// The key bindings in use: [`BINDINGS`] with the config file's rebindings.
/// Input, the footer and help all read it, so the screen names the keys
/// that work.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Keymap {
    rows: Vec<Row>,
}

impl Default for Keymap {
    fn default() -> Self {
        Keymap {
            rows: BINDINGS.iter().map(Row::from).collect(),
        }
    }
}

impl Keymap {
    /// The table with `rebindings` applied in order. A key given to one
    /// action is taken from the others that had it in the same place; in
    /// [`Scope::All`], plain characters stay text where text is typed.
    pub fn with(rebindings: &[Rebinding]) -> Result<Keymap, Unreachable> {
        let standard = Keymap::default();
        let mut rows = standard.rows.clone();
        // (mode, pane, key, action): where the file put a key.
        let mut claims: Vec<(Mode, Option<Pane>, Key, Action)> = Vec::new();
        let mut added: Vec<Row> = Vec::new();
        for r in rebindings {
            match r.scope {
                Scope::Pane(pane) => {
                    let Some(base) = rows.iter().find(|row| {
                        row.mode == Mode::Normal
                            && row.action == r.action
                            && row.pane.is_none_or(|p| p == pane)
                    }) else {
                        continue;
                    };
                    let row = Row {
                        pane: Some(pane),
                        keys: r.keys.clone(),
                        footer: 0,
                        ..base.clone()
                    };
                    claims.extend(
                        r.keys
                            .iter()
                            .map(|&k| (Mode::Normal, Some(pane), k, r.action)),
                    );
                    added.push(row);
                }
                Scope::All | Scope::Mode(_) => {
                    let mut done: Vec<(Mode, Option<Pane>)> = Vec::new();
                    for row in rows.iter_mut().filter(|row| {
                        row.action == r.action
                            && !row.keys.is_empty()
                            && match r.scope {
                                Scope::Mode(m) => row.mode == m,
                                _ => true,
                            }
                    }) {
                        let keys: Vec<Key> = if done.contains(&(row.mode, row.pane)) {
                            Vec::new()
                        } else {
                            r.keys
                                .iter()
                                .copied()
                                .filter(|&k| !(r.scope == Scope::All && is_text(row.mode, k)))
                                .collect()
                        };
                        done.push((row.mode, row.pane));
                        claims.extend(keys.iter().map(|&k| (row.mode, row.pane, k, r.action)));
                        row.keys = keys;
                    }
                }
            }
        }
        // Rebound keys leave the other rows of their place. A claim for one
        // pane leaves mode-wide rows alone: pane rows are matched first.
        let mut taken: Vec<(Mode, Action, Action)> = Vec::new();
        for &(mode, pane, key, action) in &claims {
            for row in rows
                .iter_mut()
                .filter(|row| row.mode == mode && row.action != action)
            {
                let here = match pane {
                    None => true,
                    Some(p) => row.pane == Some(p),
                };
                if here && row.keys.contains(&key) {
                    row.keys.retain(|&k| k != key);
                    taken.push((mode, row.action, action));
                }
            }
        }
        for row in rows.iter_mut().filter(|row| row.action == Action::Quit) {
            if !row.keys.contains(&CTRL_C) {
                row.keys.push(CTRL_C);
            }
        }
        // Pane rows first, so that they win over mode-wide ones.
        added.extend(rows);
        let keymap = Keymap { rows: added };
        for before in &standard.rows {
            if !PROTECTED.contains(&before.action) || before.keys.is_empty() {
                continue;
            }
            let still = keymap.rows.iter().any(|row| {
                row.mode == before.mode && row.action == before.action && !row.keys.is_empty()
            });
            if !still {
                return Err(Unreachable {
                    action: before.action,
                    mode: before.mode,
                    taken_by: taken
                        .iter()
                        .find(|(m, a, _)| *m == before.mode && *a == before.action)
                        .map(|&(_, _, by)| by),
                });
            }
        }
        Ok(keymap)
    }

    pub fn rows(&self) -> &[Row] {
        &self.rows
    }

    /// The keymap without the map's keys (its own and `5`), for help on a
    /// file with no place on the map.
    pub fn without_map(&self) -> Keymap {
        let rows = self
            .rows
            .iter()
            .filter(|r| r.pane != Some(Pane::Map) && r.action != Action::Focus(Pane::Map))
            .cloned()
            .collect();
        Keymap { rows }
    }

    /// The first key of an action in a mode as the screen names it, for
    /// hints ("z or Esc to leave"); `None` when the action has no key there.
    pub fn key(&self, mode: Mode, action: Action) -> Option<String> {
        self.rows
            .iter()
            .filter(|r| r.mode == mode && r.action == action)
            .find_map(|r| r.keys.first())
            .map(|&k| key_label(k))
    }

    /// The action for a key press in a mode, with `focus` the focused pane.
    pub fn action_for(&self, mode: Mode, focus: Pane, key: KeyEvent) -> Option<Action> {
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
        let in_mode = || self.rows.iter().filter(|r| r.mode == mode);
        let bound = in_mode()
            .filter(|r| r.pane == Some(focus))
            .chain(in_mode().filter(|r| r.pane.is_none()))
            .find(|r| r.keys.contains(&wanted))
            .map(|r| r.action);
        if bound.is_some() {
            return bound;
        }
        match key.code {
            KeyCode::Char(c) if mode.takes_text() && !ctrl && !alt => Some(Action::Input(c)),
            _ => None,
        }
    }

    /// The keys the footer offers in a mode: at most `max`, the most
    /// important first (by rank, then table order).
    pub fn footer(&self, mode: Mode, context: Context, max: usize) -> Vec<FooterKey> {
        let mut shown: Vec<(usize, &Row)> = self
            .rows
            .iter()
            .enumerate()
            .filter(|(_, r)| {
                r.mode == mode
                    && r.footer > 0
                    && !r.keys.is_empty()
                    && r.pane.is_none_or(|p| p == context.focus)
                    && (context.filter_active || !r.needs_filter)
                    && (context.file || !r.needs_file)
            })
            .collect();
        shown.sort_by_key(|(i, r)| (r.footer, *i));
        // Help stays whatever else is cut: it is the way to learn the rest.
        if let Some(help) = shown.iter().position(|(_, r)| r.action == Action::Help)
            && help >= max
            && max > 0
        {
            let row = shown.remove(help);
            shown.truncate(max - 1);
            shown.push(row);
        }
        shown.truncate(max);
        shown
            .into_iter()
            .map(|(_, r)| FooterKey {
                action: r.action,
                key: self.footer_key(r),
                short: r.short,
            })
            .collect()
    }

    /// The rows help lists as one line with `row`: those of its mode and
    /// pane with the same words ("move down / up" is Down and Up).
    fn group(&self, row: &Row) -> Vec<&Row> {
        self.rows
            .iter()
            .filter(|r| r.mode == row.mode && r.pane == row.pane && r.help == row.help)
            .filter(|r| !r.keys.is_empty())
            .collect()
    }

    /// A row's key in the footer: its first, or the first of each row of
    /// its group when they are all one character ("j/k", "↓/↑").
    fn footer_key(&self, row: &Row) -> String {
        let label = |k: &Key| key_label(*k);
        let firsts: Vec<String> = self
            .group(row)
            .iter()
            .filter_map(|r| r.keys.first().map(label))
            .collect();
        if firsts.len() > 1 && firsts.iter().all(|f| f.chars().count() == 1) {
            firsts.join("/")
        } else {
            row.keys.first().map(label).unwrap_or_default()
        }
    }

    /// Help rows of a mode: (keys as shown, what they do, the pane they
    /// need), one per group. A group's keys are listed key by key: Down
    /// [j, ↓] and Up [k, ↑] read "j/k ↓/↑".
    pub fn help_rows(&self, mode: Mode) -> Vec<(String, &'static str, Option<Pane>)> {
        let mut out: Vec<(String, &'static str, Option<Pane>)> = Vec::new();
        for row in self.rows.iter().filter(|r| r.mode == mode) {
            if out
                .iter()
                .any(|(_, help, pane)| *help == row.help && *pane == row.pane)
            {
                continue;
            }
            if row.keys.is_empty() {
                // Typing text documents itself; an unbound action is not listed.
                if matches!(row.action, Action::Input(_)) {
                    out.push(("text".to_string(), row.help, row.pane));
                }
                continue;
            }
            out.push((keys_label(&self.group(row)), row.help, row.pane));
        }
        out
    }
}

/// "j/k ↓/↑" for rows [j, ↓] and [k, ↑]; "q Ctrl-C" for one row [q, Ctrl-C];
/// rows with different numbers of keys each in turn: "a b / c".
fn keys_label(rows: &[&Row]) -> String {
    let label = |k: &Key| key_label(*k);
    let width = rows.first().map_or(0, |r| r.keys.len());
    if rows.iter().all(|r| r.keys.len() == width) {
        (0..width)
            .map(|i| {
                rows.iter()
                    .map(|r| label(&r.keys[i]))
                    .collect::<Vec<_>>()
                    .join("/")
            })
            .collect::<Vec<_>>()
            .join(" ")
    } else {
        rows.iter()
            .map(|r| r.keys.iter().map(label).collect::<Vec<_>>().join(" "))
            .collect::<Vec<_>>()
            .join(" / ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    /// The default keymap's action for a key.
    fn action_for(mode: Mode, focus: Pane, key: KeyEvent) -> Option<Action> {
        Keymap::default().action_for(mode, focus, key)
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
                    let n = Keymap::default().footer(mode, context, 7).len();
                    assert!((2..=7).contains(&n), "{mode:?} {context:?}: {n}");
                }
            }
            assert!(!Keymap::default().help_rows(mode).is_empty());
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

    fn rebound(rebindings: &[Rebinding]) -> Keymap {
        Keymap::with(rebindings).expect("the rebinding keeps every protected action")
    }

    fn all(action: Action, keys: &[Key]) -> Rebinding {
        Rebinding {
            scope: Scope::All,
            action,
            keys: keys.to_vec(),
        }
    }

    #[test]
    fn the_default_keymap_is_the_table() {
        let keymap = Keymap::default();
        for b in BINDINGS {
            for focus in Pane::ALL {
                for &key in b.keys {
                    let event = KeyEvent::new(
                        key.code,
                        if key.ctrl {
                            KeyModifiers::CONTROL
                        } else {
                            KeyModifiers::NONE
                        },
                    );
                    let expected = b.pane.is_none_or(|p| p == focus).then_some(b.action);
                    if expected.is_some() {
                        assert_eq!(
                            keymap.action_for(b.mode, focus, event),
                            expected,
                            "{key:?} in {:?}",
                            b.mode
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn help_and_footer_name_the_real_keys() {
        let keymap = Keymap::default();
        let rows = keymap.help_rows(Normal);
        let label = |help: &str| {
            rows.iter()
                .find(|(_, h, _)| *h == help)
                .map(|(l, ..)| l.clone())
                .unwrap_or_default()
        };
        assert_eq!(label("quit"), "q Ctrl-C");
        assert_eq!(label("move down / up"), "j/k ↓/↑");
        assert_eq!(label("page down / up"), "PgDn/PgUp Ctrl-D/Ctrl-U");
        assert_eq!(label("first / last"), "g/G Home/End");
        assert_eq!(label("all keys (this help)"), "? F1");
        assert_eq!(label("jump to a pane (number in its title)"), "1/2/3/4/5");
        let context = Context {
            focus: Pane::Actors,
            filter_active: true,
            file: true,
        };
        let keys: Vec<String> = keymap
            .footer(Normal, context, 9)
            .into_iter()
            .map(|f| format!("{} {}", f.key, f.short))
            .collect();
        assert_eq!(
            keys,
            [
                "Enter open",
                "Space filter",
                "c clear",
                "/ search",
                "a actors",
                "Tab pane",
                "? help",
                "r reload",
                "q quit"
            ]
        );
        let detail: Vec<String> = keymap
            .footer(Detail, context, 9)
            .into_iter()
            .map(|f| f.key)
            .collect();
        // q closes the detail like Esc, so the footer names Esc only.
        assert_eq!(detail, ["Esc", "Tab", "Space", "Enter", "j/k", "?"]);
    }

    #[test]
    fn a_rebound_quit_works_everywhere_it_should_and_ctrl_c_stays() {
        let keymap = rebound(&[all(Action::Quit, &[ch('x')])]);
        let x = press(KeyCode::Char('x'));
        let q = press(KeyCode::Char('q'));
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(
            keymap.action_for(Normal, Pane::Timeline, x),
            Some(Action::Quit)
        );
        assert_eq!(keymap.action_for(Normal, Pane::Timeline, q), None);
        assert_eq!(
            keymap.action_for(Detail, Pane::Timeline, x),
            Some(Action::Quit)
        );
        // Typed text stays text.
        assert_eq!(
            keymap.action_for(Search, Pane::Timeline, x),
            Some(Action::Input('x'))
        );
        for mode in Mode::ALL.into_iter().chain([TooSmall]) {
            assert_eq!(
                keymap.action_for(mode, Pane::Timeline, ctrl_c),
                Some(Action::Quit)
            );
        }
        let rows = keymap.help_rows(Normal);
        assert!(
            rows.iter().any(|(l, h, _)| l == "x Ctrl-C" && *h == "quit"),
            "{rows:?}"
        );
        let footer = keymap.footer(
            Normal,
            Context {
                focus: Pane::Timeline,
                filter_active: false,
                file: false,
            },
            9,
        );
        assert!(footer.iter().any(|f| f.key == "x" && f.short == "quit"));
    }

    #[test]
    fn a_key_given_away_leaves_its_old_action() {
        let keymap = rebound(&[all(Action::Search, &[ch('n')])]);
        let n = press(KeyCode::Char('n'));
        assert_eq!(
            keymap.action_for(Normal, Pane::Timeline, n),
            Some(Action::Search)
        );
        assert_eq!(
            keymap.action_for(Normal, Pane::Timeline, press(KeyCode::Char('/'))),
            None
        );
        let rows = keymap.help_rows(Normal);
        assert!(
            rows.iter()
                .any(|(l, h, _)| l == "N" && *h == "next / previous match"),
            "{rows:?}"
        );
    }

    #[test]
    fn pane_keys_are_added_for_that_pane_only() {
        let keymap = rebound(&[Rebinding {
            scope: Scope::Pane(Pane::Timeline),
            action: Action::Open,
            keys: vec![ch('l')],
        }]);
        let l = press(KeyCode::Char('l'));
        assert_eq!(
            keymap.action_for(Normal, Pane::Timeline, l),
            Some(Action::Open)
        );
        assert_eq!(
            keymap.action_for(Normal, Pane::Figures, l),
            Some(Action::Right)
        );
        assert_eq!(keymap.action_for(Normal, Pane::Quotes, l), None);
        let enter = press(KeyCode::Enter);
        assert_eq!(
            keymap.action_for(Normal, Pane::Timeline, enter),
            Some(Action::Open)
        );
        let rows = keymap.help_rows(Normal);
        assert!(rows.contains(&(
            "l".to_string(),
            "open the selected item",
            Some(Pane::Timeline)
        )));
    }

    #[test]
    fn a_mode_table_changes_that_mode_only() {
        let keymap = rebound(&[Rebinding {
            scope: Scope::Mode(Detail),
            action: Action::Down,
            keys: vec![ctrl('n')],
        }]);
        let ctrl_n = KeyEvent::new(KeyCode::Char('n'), KeyModifiers::CONTROL);
        let j = press(KeyCode::Char('j'));
        assert_eq!(
            keymap.action_for(Detail, Pane::Timeline, ctrl_n),
            Some(Action::Down)
        );
        assert_eq!(keymap.action_for(Detail, Pane::Timeline, j), None);
        assert_eq!(
            keymap.action_for(Normal, Pane::Timeline, j),
            Some(Action::Down)
        );
    }

    #[test]
    fn taking_the_last_key_of_help_or_back_is_refused() {
        let lost = Keymap::with(&[Rebinding {
            scope: Scope::Mode(Search),
            action: Action::ClearInput,
            keys: vec![code(KeyCode::F(1))],
        }]);
        assert_eq!(
            lost,
            Err(Unreachable {
                action: Action::Help,
                mode: Search,
                taken_by: Some(Action::ClearInput)
            })
        );
        let lost = Keymap::with(&[all(Action::Zoom, &[code(KeyCode::Esc)])]);
        assert_eq!(lost.map(|_| ()).unwrap_err().action, Action::Back);
        // Help keeps F1 when ? goes: allowed.
        assert!(Keymap::with(&[all(Action::Search, &[ch('?')])]).is_ok());
    }
}
