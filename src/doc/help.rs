//! The text of `?`: every key of every mode, straight from the keymap table, and what
//! the symbols on screen mean.

use ratatui::text::{Line, Span};

use crate::action::Action;
use crate::keymap::{Keymap, Mode, Row};
use crate::text::{pad, wrap};
use crate::theme::Theme;

const KEYS: usize = 16;

/// What some keys have nothing to act on, so help can say they are off.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Off {
    /// The built-in situation is shown: no file to reload, edit or check.
    pub no_file: bool,
    /// Why nothing is remembered of the last look, if nothing is: new and
    /// changed (`u`) and removed (`U`) have nothing to compare with.
    pub no_record: Option<&'static str>,
}

impl Off {
    /// Why a key of the keymap is off now, if it is.
    fn why(&self, row: &Row) -> Option<&'static str> {
        match row.action {
            Action::OnlyMarked | Action::Removed => self.no_record,
            _ if row.needs_file && self.no_file => Some("the built-in situation has no file"),
            _ => None,
        }
    }
}

/// The help as lines wrapped to a width, and the line each mode's section
/// starts on (help opens there, so the keys of what is open come first).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct HelpText {
    pub lines: Vec<Line<'static>>,
    pub sections: Vec<(Mode, usize)>,
}

impl HelpText {
    /// The first line of a mode's section (0 for modes help does not
    /// describe).
    pub fn section_start(&self, mode: Mode) -> usize {
        self.sections
            .iter()
            .find(|(m, _)| *m == mode)
            .map_or(0, |&(_, line)| line)
    }
}

/// Every line of the help, with the keys of `keymap`, wrapped to `width`
/// columns. Without a `map` (no place of the file has coordinates) the
/// map's keys and symbols are left out. Keys that have nothing to act on
/// (see [`Off`]) say they are off, and why.
pub fn help_text(theme: &Theme, keymap: &Keymap, width: u16, map: bool, off: Off) -> HelpText {
    let without_map;
    let keymap = if map {
        keymap
    } else {
        without_map = keymap.without_map();
        &without_map
    };
    let width = usize::from(width);
    let mut sections = Vec::new();
    let mut out: Vec<Line<'static>> = Vec::new();
    let row = |keys: &str, text: &str, out: &mut Vec<Line<'static>>| {
        // Keys too long for their column get a line of their own.
        let keys = if crate::text::width(keys) >= KEYS {
            out.push(Line::from(vec![
                Span::raw("  "),
                Span::styled(keys.to_string(), theme.key()),
            ]));
            ""
        } else {
            keys
        };
        for (i, part) in wrap(text, width.saturating_sub(KEYS + 2))
            .into_iter()
            .enumerate()
        {
            let keys = if i == 0 { keys } else { "" };
            out.push(Line::from(vec![
                Span::raw("  "),
                Span::styled(pad(keys, KEYS), theme.key()),
                Span::raw(part),
            ]));
        }
    };
    for mode in Mode::ALL {
        sections.push((mode, out.len()));
        out.push(Line::from(Span::styled(mode.title(), theme.strong())));
        for (keys, text, pane) in keymap.help_rows(mode) {
            let why = keymap
                .rows()
                .iter()
                .filter(|r| r.mode == mode && r.help == text)
                .find_map(|r| off.why(r));
            let text = match (pane, why) {
                (_, Some(why)) => format!("{text} (off: {why})"),
                (Some(pane), None) => format!("{text} ({} pane)", pane.title()),
                (None, None) => text.to_string(),
            };
            row(&keys, &text, &mut out);
        }
        out.push(Line::default());
    }
    out.push(Line::from(Span::styled("Mouse", theme.strong())));
    row(
        "click",
        "focus a pane and select; click again to open; click a filter chip to remove it; click the count of what changed to list what was removed",
        &mut out,
    );
    row("wheel", "scroll the pane under the pointer", &mut out);
    out.push(Line::default());
    if map {
        out.push(Line::from(Span::styled("On the map", theme.strong())));
        let key = |action| keymap.key(Mode::Normal, action).unwrap_or_default();
        let pair = |a, b| format!("{}/{}", key(a), key(b));
        row(
            &pair(Action::FocusNext, Action::FocusPrev),
            "pick the next / previous place, busiest first; past the last, the next pane",
            &mut out,
        );
        // On the map Enter does what Space does (see the keymap's map rows).
        row(
            &pair(Action::Open, Action::Toggle),
            "add the picked place to the filter, or take it out",
            &mut out,
        );
        row(
            &key(Action::MapPlace),
            "open the picked place: its coordinates, precision and events",
            &mut out,
        );
        row(
            &pair(Action::Down, Action::Up),
            "pan south / north (the other map keys are under Browsing)",
            &mut out,
        );
        row("click", "pick the place nearest the pointer", &mut out);
        row(
            "● • ·",
            "an exact place, bigger for more events; the picked one in [brackets]",
            &mut out,
        );
        row(
            "○ ◦",
            "an approximate place: the point stands for an area or a guess",
            &mut out,
        );
        out.push(Line::default());
    }
    out.push(Line::from(Span::styled("On screen", theme.strong())));
    row(
        "●",
        "event over: its last possible day is before the as-of date (above the now line)",
        &mut out,
    );
    row(
        "◐",
        "its dates include the as-of date (just below the now line)",
        &mut out,
    );
    row(
        "○",
        "upcoming: its first possible day is after the as-of date (in italics)",
        &mut out,
    );
    row(
        "[2] [?]",
        "how many sources an event cites; [?] none yet",
        &mut out,
    );
    row(
        "── now ──",
        "the situation's as-of date in the timeline",
        &mut out,
    );
    row(
        "● ◦",
        "actor in the filter; member of an actor in the filter",
        &mut out,
    );
    row(
        "● on a card",
        "key figure tied to an actor in the filter",
        &mut out,
    );
    row(
        "+ ~",
        "new, changed since your last look of this file (beside an event's date glyph, a figure's label, a quote's bar, an actor's filter mark); the header counts them",
        &mut out,
    );
    HelpText {
        lines: out,
        sections,
    }
}
