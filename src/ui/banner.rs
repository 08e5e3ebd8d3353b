//! The banner of a save that does not load: the first problem where an
//! editor can jump to it, how many more there are, and that the screen still
//! shows the last version that loaded. A later save that loads clears it.
//!
//! ```text
//!  ⚠ x.toml:27:11: no actor `rutto` (did you mean `ruto`?)                      +2 more
//!    not reloaded: still showing the last good version · ! the whole report · save a fix or press r
//! ```
//!
//! Narrower, the second row says less, keeping the report's key. With one
//! row (short screens), only the first line, the key in its right tag. Popups open below it,
//! so it stays in view while a detail, the picker or help is open.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;

use crate::action::Action;
use crate::app::App;
use crate::keymap::Mode;
use crate::text::{fit, shown, width};

/// The banner's second row: that the screen shows the last good version,
/// the key to the whole report and how to get past it, with the keys in
/// use (over a popup the reload key is not bound; where typing goes to a
/// prompt, keys are text). The longest wording that fits `columns`, so the
/// report's key is never cut off at 80 columns.
fn second_row(app: &App, columns: usize) -> String {
    let keys = app.keymap();
    let mode = app.mode();
    let back = keys.key(mode, Action::Back);
    let reload = keys.key(Mode::Normal, Action::Reload);
    let report_here = keys.key(mode, Action::Report);
    let report_after_back = keys.key(Mode::Normal, Action::Report);
    let (report_long, report_short) = match (&report_here, &back, &report_after_back) {
        // The report is what is open.
        _ if mode == Mode::Report => (String::new(), String::new()),
        (Some(k), ..) => (format!("{k} the whole report"), format!("{k} full report")),
        (None, Some(esc), Some(k)) => (
            format!("{esc} then {k} for the whole report"),
            format!("{esc} then {k}: report"),
        ),
        _ => (String::new(), String::new()),
    };
    let fix = match (mode == Mode::Normal, &reload, &back) {
        (true, Some(r), _) => format!("save a fix or press {r}"),
        (false, Some(r), Some(esc)) => format!("save a fix, or {esc} then {r}"),
        _ => "save a fix".to_string(),
    };
    let join = |parts: &[&str]| {
        parts
            .iter()
            .filter(|p| !p.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(" · ")
    };
    let long = "not reloaded: still showing the last good version";
    let short = "showing the last good version";
    let wordings = [
        join(&[long, &report_long, &fix]),
        join(&[short, &report_long, &fix]),
        join(&[short, &report_short, &fix]),
        join(&[&report_short, short]),
    ];
    wordings
        .iter()
        .find(|w| width(w) <= columns)
        .unwrap_or(&wordings[3])
        .clone()
}

/// The tag at the right of a one-row banner: how many more problems, and
/// the key that shows them all.
fn tag(app: &App, more: usize, one_row: bool) -> String {
    let count = (more > 0).then(|| format!("+{more} more"));
    let keys = app.keymap();
    let mode = app.mode();
    // Where the report's key is not bound (a prompt, the picker), the way
    // to it: leave, then the key.
    let key = match (
        keys.key(mode, Action::Report),
        keys.key(mode, Action::Back),
        keys.key(Mode::Normal, Action::Report),
    ) {
        _ if !one_row || mode == Mode::Report => None,
        (Some(k), ..) => Some(format!("{k} report")),
        (None, Some(esc), Some(k)) => Some(format!("{esc} then {k} report")),
        _ => None,
    };
    let parts: Vec<String> = count.into_iter().chain(key).collect();
    if parts.is_empty() {
        String::new()
    } else {
        format!(" {} ", parts.join(" · "))
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
    let more = tag(app, problem.more, area.height < 2);
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
        let room = columns.saturating_sub(4);
        let text = format!("   {}", fit(&second_row(app, room), room));
        buf.set_stringn(area.x, area.y + 1, text, columns, style);
    }
}
