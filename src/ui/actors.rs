//! Pane 3: actors as a tree (members under the actor they are part of),
//! with kind, how many events involve each (members included) and role.
//! `●` marks an actor in the filter, `◦` a member of one; beside it, `+`
//! one new since the last look and `~` one changed. A search marks
//! matching names (underlined) and hides none.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Row, StatefulWidget, Table, TableState};

use crate::action::Pane;
use crate::app::App;
use crate::derived::kind_label;
use crate::geometry::Screen;
use crate::geometry::columns::actors_columns;
use crate::model::ActorIx;
use crate::text::{count, find_all, fit, highlight, shown};
use crate::ui::{empty_message, pane_frame, scrollbar};

pub fn render(app: &App, screen: &Screen, buf: &mut Buffer) {
    let Some(area) = screen.visible(Pane::Actors) else {
        return;
    };
    let theme = app.theme();
    let len = app.data().actors_listed().len();
    let cursor = app.cursor(Pane::Actors);
    let in_filter = app.filter().actors.len();
    let needle = app.needle();
    let matches_search = |a: ActorIx| {
        !needle.is_empty()
            && (app.selection().actors_matching_search)
                .get(a.get())
                .copied()
                .unwrap_or(false)
    };
    let mut info = match (len, in_filter) {
        (0, _) => String::new(),
        (_, 0) => format!("{}/{}", count(cursor.selected + 1), count(len)),
        (_, n) => format!(
            "{}/{} · {} in filter",
            count(cursor.selected + 1),
            count(len),
            count(n)
        ),
    };
    // The search marks actors rather than hiding them: say how many match.
    if len > 0 && !needle.is_empty() {
        let n = (app.situation().actor_ixs())
            .filter(|&a| matches_search(a))
            .count();
        info.push_str(&format!(
            " · {} the search",
            if n == 1 {
                "1 matches".to_string()
            } else {
                format!("{} match", count(n))
            }
        ));
    }
    let inner = pane_frame(app, screen, Pane::Actors, area, info, buf);
    if len == 0 {
        empty_message(app, "This file names no actors.", inner, buf);
        return;
    }
    let cols = actors_columns(
        app.derived(),
        app.index().event_count_max(),
        usize::from(inner.width),
    );
    let mut header = vec![Cell::from(""), Cell::from("Actor")];
    if cols.kind > 0 {
        header.push(Cell::from("Kind"));
    }
    header.push(Cell::from(Line::from("Events ").right_aligned()));
    if cols.role > 0 {
        header.push(Cell::from("Role"));
    }
    let header = Row::new(header).style(theme.dim().add_modifier(Modifier::BOLD));
    let list = screen.list(Pane::Actors);
    let height = usize::from(list.height);
    let chosen = |a: ActorIx| app.filter().actors.contains(&a);
    let tree = app.data().actor_order() == crate::data::ActorOrder::Tree;
    // Only the rows in view are built, from the cursor's offset.
    let rows: Vec<Row> = app
        .data()
        .actors_listed()
        .iter()
        .skip(cursor.offset)
        .take(height)
        .map(|&a| {
            let actor = &app.situation().actors[a];
            let in_scope = !app.filter().actors.is_empty()
                && app
                    .selection()
                    .actors_in_scope
                    .get(a.get())
                    .copied()
                    .unwrap_or(false);
            let (mark, style) = if chosen(a) {
                ("● ", theme.highlight())
            } else if in_scope {
                ("◦ ", theme.highlight().remove_modifier(Modifier::BOLD))
            } else {
                ("  ", theme.text())
            };
            // The second column: new or changed since the last look.
            let seen = app
                .data()
                .marks
                .mark(crate::digest::Section::Actors, a.get());
            let mark = match seen {
                // Two columns whatever the first holds: "●+", " ~".
                Some(seen) => format!("{}{}", mark.chars().next().unwrap_or(' '), seen.symbol()),
                None => mark.to_string(),
            };
            // The tree's guides mean nothing in another order.
            let guide = if tree {
                app.derived().actor_guides.guide(a)
            } else {
                String::new()
            };
            let name_width = cols.name.saturating_sub(guide.chars().count() + 1);
            let name = fit(&shown(&actor.name, name_width), name_width);
            let mut name_spans = vec![Span::styled(guide, theme.border())];
            if matches_search(a) && find_all(&name, &needle).is_empty() {
                // Matched by an alias or its id: the whole name is marked.
                name_spans.push(Span::styled(name, style.patch(theme.matched())));
            } else {
                name_spans.extend(highlight(name, &needle, style, theme.matched()));
            }
            let mut cells = vec![
                Cell::from(Span::styled(mark, style)),
                Cell::from(Line::from(name_spans)),
            ];
            if cols.kind > 0 {
                let kind = kind_label(actor.kind, cols.kind.saturating_sub(1));
                cells.push(Cell::from(Span::styled(kind, theme.dim())));
            }
            let events = count(app.index().event_count(a));
            cells.push(Cell::from(
                Line::styled(fit(&events, cols.count - 1) + " ", theme.text()).right_aligned(),
            ));
            if cols.role > 0 {
                let role = actor
                    .role
                    .as_deref()
                    .map(|r| fit(&shown(r, cols.role), cols.role))
                    .unwrap_or_default();
                cells.push(Cell::from(Span::styled(role, theme.dim())));
            }
            Row::new(cells)
        })
        .collect();
    let selected = (cursor.selected)
        .checked_sub(cursor.offset)
        .filter(|&dy| dy < height);
    let style = if app.view().focus == Pane::Actors {
        theme.selected()
    } else {
        Style::new().add_modifier(Modifier::BOLD)
    };
    let table = Table::new(rows, cols.widths())
        .header(header)
        .column_spacing(0)
        .row_highlight_style(style);
    // The heading sits on the row above the list.
    let area_with_heading = Rect {
        y: list.y.saturating_sub(1),
        height: list.height.saturating_add(1),
        ..list
    };
    StatefulWidget::render(
        table,
        area_with_heading,
        buf,
        &mut TableState::new().with_selected(selected),
    );
    // The scrollbar runs beside the list, below the headings.
    let beside_list = Rect {
        y: area.y.saturating_add(1),
        height: area.height.saturating_sub(1),
        ..area
    };
    scrollbar(app, beside_list, len, cursor.offset, height, buf);
}
