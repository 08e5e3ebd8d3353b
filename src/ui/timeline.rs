//! Pane 2: the timeline, one row per event in date order, with a "now"
//! divider at `as_of`. Only the rows in view are built, so the cost of a
//! frame does not grow with the number of events.
//!
//! ```text
//! ● 27 Feb 2025     Orun dam breaches; floodwater reaches…  Orun Hydro, residents  [1]
//! ──── now · 14 Mar 2025 ──────────────────────────────────────── upcoming ↓ ────
//! ○ 20 Mar 2025     Parliament votes on the emergency budget  Veloria, MoI       [1]
//! ```
//!
//! ● past (above the line), ◐ dates that include `as_of` (just below it),
//! ○ upcoming (also in italics); `[n]` counts
//! the event's sources, `[?]` marks an event nobody has sourced.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Row, StatefulWidget, Table, TableState};

use crate::action::Pane;
use crate::app::App;
use crate::geometry::Screen;
use crate::geometry::columns::{TimelineColumns, timeline_columns};
use crate::model::{Event, FuzzyDate, Tense};
use crate::text::{count, first_fitting, fit, highlight, shown, width};
use crate::ui::{empty_message, pane_frame, scrollbar};

/// The event's date as the whole program shows it.
pub fn date_label(e: &Event) -> String {
    e.date_label()
}

pub fn render(app: &App, screen: &Screen, buf: &mut Buffer) {
    let Some(area) = screen.visible(Pane::Timeline) else {
        return;
    };
    let len = app.selection().events.len();
    let cursor = app.cursor(Pane::Timeline);
    let info = crate::ui::position_info(
        cursor.selected,
        len,
        app.situation().events.len(),
        app.filter_active(),
    );
    pane_frame(app, screen, Pane::Timeline, area, info, buf);
    // Below the time strip, when it shows.
    let inner = screen.list(Pane::Timeline);
    if len == 0 {
        let searching = !app.filter().search.is_empty();
        let key = |mode, action| app.keymap().key(mode, action).unwrap_or_default();
        use crate::keymap::Mode;
        let message = if app.situation().events.is_empty() {
            "This file has no events yet.".to_string()
        } else if app.mode() == Mode::Search {
            // Esc here goes back to the search before typing, which may not
            // be empty.
            format!(
                "No event matches the filter. {} or {} edits the search; {} goes back to the search before.",
                key(Mode::Search, crate::action::Action::DeleteChar),
                key(Mode::Search, crate::action::Action::ClearInput),
                key(Mode::Search, crate::action::Action::Back),
            )
        } else if app.filter().marked && app.filter().actors.is_empty() && !searching {
            format!(
                "No event is new or changed{}. {} shows every event again.",
                app.seen().map(|s| s.since.as_str()).unwrap_or_default(),
                key(Mode::Normal, crate::action::Action::OnlyMarked),
            )
        } else if searching {
            format!(
                "No event matches the filter. {} clears the search, {} every filter.",
                key(Mode::Normal, crate::action::Action::Back),
                key(Mode::Normal, crate::action::Action::ClearFilters),
            )
        } else {
            format!(
                "No event matches the filter. {} clears it.",
                key(Mode::Normal, crate::action::Action::ClearFilters)
            )
        };
        empty_message(app, &message, inner, buf);
        return;
    }
    let height = usize::from(inner.height);
    let rows = app.data().timeline_rows();
    let cols = timeline_columns(app.derived(), usize::from(inner.width));
    let widths = cols.widths();
    // Only the rows in view are built: the table starts at the cursor's
    // offset, so its own scrolling never moves.
    let shown: Vec<Row> = (cursor.offset..rows.min(cursor.offset + height))
        .map(|row| match app.data().timeline_event_at(row) {
            Some(position) => event_row(app, position, &cols),
            None => now_row(app, cols.row_width(), widths.len()),
        })
        .collect();
    let selected = (app.data().timeline_row_of(cursor.selected))
        .checked_sub(cursor.offset)
        .filter(|&dy| dy < height);
    let style = if app.view().focus == Pane::Timeline {
        app.theme().selected()
    } else {
        Style::new().add_modifier(Modifier::BOLD)
    };
    let table = Table::new(shown, widths)
        .column_spacing(0)
        .row_highlight_style(style);
    StatefulWidget::render(
        table,
        inner,
        buf,
        &mut TableState::new().with_selected(selected),
    );
    // The scrollbar runs beside the list, not the strip.
    let beside = Rect {
        y: inner.y.saturating_sub(1),
        height: inner.height.saturating_add(2),
        ..area
    };
    scrollbar(app, beside, rows, cursor.offset, height, buf);
}

/// The "now" divider: one cell across every column.
fn now_row(app: &App, columns: usize, spans: usize) -> Row<'static> {
    let span = u16::try_from(spans).unwrap_or(u16::MAX);
    Row::new([Cell::from(now_line(app, columns)).column_span(span)])
}

fn now_line(app: &App, columns: usize) -> Line<'static> {
    let (ongoing, upcoming) = app.data().beyond_now();
    let left = format!("──── now · {} ", FuzzyDate::day(app.situation().as_of));
    // Names what lies beyond the line, so that ◐ rows beside it do not
    // read as upcoming. They are below it oldest first, above it newest
    // first.
    let arrow = if app.data().newest_first() {
        "↑"
    } else {
        "↓"
    };
    let right = match (ongoing > 0, upcoming > 0) {
        (true, true) => format!(" ◐ dates include now · ○ upcoming {arrow} ────"),
        (true, false) => format!(" ◐ dates include now {arrow} ────"),
        (false, true) => format!(" upcoming {arrow} ────"),
        (false, false) => " nothing later ────".to_string(),
    };
    let fill = columns.saturating_sub(width(&left) + width(&right));
    let text = format!("{left}{}{right}", "─".repeat(fill));
    Line::from(Span::styled(fit(&text, columns), app.theme().now()))
}

/// One event's row; `cols` gives each cell its width, the space after it
/// included (text is cut one column short, so cells never touch).
fn event_row(app: &App, position: usize, cols: &TimelineColumns) -> Row<'static> {
    let theme = app.theme();
    let s = &app.situation();
    let ix = app.selection().events[position];
    let e = &s.events[ix];
    let needle = app.needle();
    let (glyph, base) = match e.tense(s.as_of) {
        Tense::Past => ("● ", theme.text()),
        Tense::Ongoing => ("◐ ", theme.text()),
        Tense::Upcoming => ("○ ", theme.upcoming()),
    };
    // New or changed since the last look: the glyph's second column holds
    // a symbol, so the mark never rests on colour.
    let mark = app
        .data()
        .marks
        .mark(crate::digest::Section::Events, ix.get());
    let glyph = match mark {
        Some(mark) => Span::styled(
            format!("{}{}", glyph.trim_end(), mark.symbol()),
            base.patch(theme.strong()),
        ),
        None => Span::styled(glyph, base),
    };
    let room = |column: usize| column.saturating_sub(1);
    let found =
        |text: String, style: Style| Line::from(highlight(text, &needle, style, theme.matched()));
    // One column always parts the date from the title; an outlier of a
    // date coarsens to the column ("late Sep 2024" to "Sep 2024").
    let date = first_fitting(room(cols.date), &e.date_labels());
    let mut cells = vec![
        Cell::from(glyph),
        Cell::from(Span::styled(date, base.patch(theme.dim()))),
        Cell::from(found(
            fit(&shown(&e.title, cols.title), room(cols.title)),
            base,
        )),
    ];
    if cols.actors > 0 {
        let names: Vec<&str> = e
            .actors
            .iter()
            .map(|&a| app.derived().short_names[a.get()].as_str())
            .collect();
        cells.push(Cell::from(found(
            names_fitting(&names, room(cols.actors)),
            theme.dim(),
        )));
    }
    if cols.category > 0 {
        let category = e
            .place
            .map(|p| app.situation().places[p].name.as_str())
            .or(e.category.as_deref())
            .map(|c| fit(&shown(c, cols.category), room(cols.category)))
            .unwrap_or_default();
        cells.push(Cell::from(found(category, theme.dim())));
    }
    let sources = if e.sources.is_empty() {
        "[?]".to_string()
    } else {
        format!("[{}]", count(e.sources.len()))
    };
    cells.push(Cell::from(
        Line::styled(fit(&sources, cols.sources), theme.dim()).right_aligned(),
    ));
    Row::new(cells)
}

/// Names joined to fit a width, counting those left out: "Ruto, Kenya +2"
/// tells more than a name cut in the middle.
fn names_fitting(names: &[&str], columns: usize) -> String {
    let mut out = String::new();
    for (i, name) in names.iter().enumerate() {
        let sep = if i == 0 { "" } else { ", " };
        let after = names.len() - i - 1;
        let more = if after > 0 {
            format!(" +{after}")
        } else {
            String::new()
        };
        if width(&out) + width(sep) + width(name) + width(&more) <= columns {
            out.push_str(sep);
            out.push_str(name);
            continue;
        }
        if i == 0 {
            // Not even the first name fits whole: cut it, keep the count.
            return fit(name, columns.saturating_sub(width(&more))) + &more;
        }
        out.push_str(&format!(" +{}", names.len() - i));
        return out;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_fit_with_a_count_of_the_rest() {
        let names = ["Ruto", "Kenya", "Kenyan police", "MSS"];
        assert_eq!(names_fitting(&names, 40), "Ruto, Kenya, Kenyan police, MSS");
        assert_eq!(names_fitting(&names, 16), "Ruto, Kenya +2");
        assert_eq!(names_fitting(&names, 8), "Ruto +3");
        assert_eq!(names_fitting(&["Transitional Council"], 10), "Transitio…");
        assert_eq!(
            names_fitting(&["Transitional Council", "X"], 10),
            "Transi… +1"
        );
    }
}
