//! The footer: the search being typed, the few keys that matter in the
//! current mode (from the keymap table), and one line of feedback. The help
//! key is never crowded out.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::action::{Action, Pane};
use crate::app::{App, Popup};
use crate::doc::detail::Target;
use crate::keymap::{self, FooterKey, Mode};
use crate::sanitize::clean_line;
use crate::text::{fit, shown, width};

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    if area.is_empty() {
        return;
    }
    let theme = app.theme();
    let mode = app.mode();
    let mut spans = vec![Span::raw(" ")];
    if mode == Mode::Search {
        let text = clean_line(&app.filter().search);
        // Show the end of a long search: that is where typing happens.
        let room = usize::from(area.width / 3);
        let shown: String = if width(&text) > room {
            let skip = text.chars().count().saturating_sub(room);
            format!("…{}", text.chars().skip(skip + 1).collect::<String>())
        } else {
            text.into_owned()
        };
        spans.push(Span::styled("Search: ", theme.strong()));
        spans.push(Span::raw(shown));
        spans.push(Span::styled(" ", theme.selected()));
        if let Some(searched) = app.selection().searched_events {
            // A large file just opened: its search text is still being built.
            let all = app.situation().events.len().max(1);
            let percent = searched * 100 / all;
            spans.push(Span::styled(
                format!("  searched {percent}% of events so far…"),
                theme.dim(),
            ));
        }
        spans.push(Span::raw("   "));
    }
    let lead: usize = spans.iter().map(|s| s.width()).sum();
    // Feedback may quote the file or the system (an actor's name, why the
    // file is not watched): sanitized like any text from outside.
    let status = shown(
        app.view().status.as_deref().unwrap_or_default(),
        usize::from(area.width),
    );
    let keys = keys(
        app,
        mode,
        usize::from(area.width).saturating_sub(lead),
        &status,
    );
    for (i, binding) in keys.shown.iter().enumerate() {
        if i > 0 {
            spans.push(Span::raw(GAP));
        }
        spans.push(Span::styled(binding.key.clone(), theme.key()));
        spans.push(Span::styled(format!(" {}", binding.short), theme.dim()));
    }
    buf.set_line(area.x, area.y, &Line::from(spans), area.width);
    if !status.is_empty() && keys.status_width > 2 {
        let status = fit(&status, keys.status_width - 2);
        let x = area.right().saturating_sub(width(&status) as u16 + 1);
        buf.set_string(x, area.y, status, theme.status());
    }
}

const GAP: &str = "  ";

/// Whether a key has something to act on now: no "Enter open" over an
/// empty list, no "Space filter" on an event, no "Enter open" on the map
/// (Enter filters by the picked place there; `i` opens it).
fn applies(app: &App, mode: Mode, action: Action) -> bool {
    match (mode, action) {
        (Mode::Normal, Action::Open) if app.view().focus == Pane::Map => false,
        // Without a record of what was seen (--no-state) nothing is marked.
        (Mode::Normal, Action::OnlyMarked | Action::Removed) => app.seen().is_some(),
        (Mode::Normal, Action::Open | Action::Toggle) => app.pane_len(app.view().focus) > 0,
        (Mode::Facets, Action::Toggle) => {
            matches!(app.view().popup(), Some(Popup::Facets(p)) if p.selected().is_some())
        }
        (Mode::Picker, Action::Toggle) => {
            matches!(app.view().popup(), Some(Popup::Picker(p)) if p.selected().is_some())
        }
        (Mode::Detail, Action::Open | Action::NextLink | Action::Toggle) => {
            let Some(Popup::Detail(detail)) = app.view().popup() else {
                return false;
            };
            let page = detail.top();
            let links = &page.doc.links;
            let selected = links.get(page.link);
            match action {
                Action::Toggle => selected
                    .is_some_and(|l| matches!(l.target, Target::Actor(_) | Target::Place(_))),
                // Enter on the page's own item opens nothing.
                Action::Open => selected.is_some_and(|l| l.target != page.target),
                _ => links.len() > 1 || links.first().is_some_and(|l| l.target != page.target),
            }
        }
        _ => true,
    }
}

/// The keys the footer names and the columns left for the status message.
struct Keys {
    shown: Vec<FooterKey>,
    status_width: usize,
}

/// Columns a key takes: "Enter open".
fn key_width(b: &FooterKey) -> usize {
    width(&b.key) + 1 + width(b.short)
}

/// Which keys fit in `room` columns beside the status message. The help key
/// always stays, so there is always a way to learn the rest; the status
/// message comes next, then the other keys by rank. Shown in rank order,
/// quit last.
fn keys(app: &App, mode: Mode, room: usize, status: &str) -> Keys {
    let context = keymap::Context {
        focus: app.view().focus,
        filter_active: app.filter_active(),
        file: app.file().is_some(),
    };
    // As many as fit: a wider terminal names more of them.
    let mut candidates = app.keymap().footer(mode, context, usize::MAX);
    candidates.retain(|b| applies(app, mode, b.action));
    let pinned = |b: &FooterKey| b.action == Action::Help;
    let mut used: usize = candidates
        .iter()
        .filter(|b| pinned(b))
        .map(|b| key_width(b) + GAP.len())
        .sum();
    // The message whole when it fits beside the help key (it lasts until
    // the next key, when the other keys come back); cut when it does not.
    let status_width = if status.is_empty() {
        0
    } else {
        (width(status) + 3).min(room.saturating_sub(used))
    };
    let room = room.saturating_sub(status_width);
    let mut chosen = vec![false; candidates.len()];
    for (i, b) in candidates.iter().enumerate() {
        if pinned(b) {
            chosen[i] = true;
        } else if used + key_width(b) + GAP.len() <= room + GAP.len() {
            used += key_width(b) + GAP.len();
            chosen[i] = true;
        }
    }
    let mut shown: Vec<FooterKey> = candidates
        .into_iter()
        .zip(chosen)
        .filter_map(|(b, c)| c.then_some(b))
        .collect();
    // Quitting is named last, where the eye looks for it.
    shown.sort_by_key(|b| b.action == Action::Quit);
    Keys {
        shown,
        status_width,
    }
}
