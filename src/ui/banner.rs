//! The banner of a save that does not load: the first problem where an
//! editor can jump to it, how many more there are, and that the screen still
//! shows the last version that loaded. A later save that loads clears it.
//!
//! ```text
//!  ⚠ x.toml:27:11: no actor `rutto` (did you mean `ruto`?)            +2 more
//!    not reloaded: still showing the last good version · save a fix or press r
//! ```
//!
//! With one row (short screens), only the first line. Popups open below it,
//! so it stays in view while a detail, the picker or help is open.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;

use crate::action::Action;
use crate::app::App;
use crate::keymap::Mode;
use crate::text::{fit, shown, width};

/// The banner's second row: how to get past it, with the keys in use
/// (over a popup the reload key is not bound, or is typed text).
fn second_row(app: &App) -> String {
    let keys = app.keymap();
    let reload = keys.key(Mode::Normal, Action::Reload);
    let back = keys.key(app.mode(), Action::Back);
    match (app.mode() == Mode::Normal, reload, back) {
        (true, Some(r), _) => {
            format!("not reloaded: still showing the last good version · save a fix or press {r}")
        }
        (false, Some(r), Some(esc)) => {
            format!("not reloaded: showing the last good version · save a fix, or {esc} then {r}")
        }
        _ => "not reloaded: still showing the last good version · save a fix".to_string(),
    }
}

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let Some(problem) = &app.problem() else {
        return;
    };
    if area.is_empty() {
        return;
    }
    let style = app.theme().banner();
    buf.set_style(area, style);
    let columns = usize::from(area.width);
    let more = if problem.more > 0 {
        format!(" +{} more ", problem.more)
    } else {
        String::new()
    };
    // The message quotes the file: sanitized, and only as much read as fits.
    let room = columns.saturating_sub(3 + width(&more) + 1);
    let first = format!(" ⚠ {}", fit(&shown(&problem.first, room), room));
    buf.set_stringn(
        area.x,
        area.y,
        &first,
        columns,
        style.add_modifier(Modifier::BOLD),
    );
    if !more.is_empty() && width(&first) + width(&more) <= columns {
        let x = area.right().saturating_sub(width(&more) as u16);
        buf.set_string(x, area.y, &more, style.add_modifier(Modifier::BOLD));
    }
    if area.height >= 2 {
        let second = second_row(app);
        let text = format!("   {}", fit(&second, columns.saturating_sub(4)));
        buf.set_stringn(area.x, area.y + 1, text, columns, style);
    }
}
