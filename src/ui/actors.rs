//! Pane 3: actors as a tree (members under the actor they are part of),
//! with kind, how many events involve each (members included) and role.
//! `●` marks an actor in the filter, `◦` a member of one; beside it, `+`
//! one new since the last look and `~` one changed. A search marks
//! matching names (underlined) and hides none.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

use crate::action::Pane;
use crate::app::App;
use crate::derived::kind_label;
use crate::geometry::Screen;
use crate::geometry::columns::{COUNT, MARK, actors_columns};
use crate::model::ActorIx;
use crate::text::{find_all, highlight, pad, pad_left, shown};
use crate::ui::{draw_lines, empty_message, fill_row, pane_frame, scrollbar};

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
        (_, 0) => format!("{}/{len}", cursor.selected + 1),
        (_, n) => format!("{}/{len} · {n} in filter", cursor.selected + 1),
    };
    // The search marks actors rather than hiding them: say how many match.
    if len > 0 && !needle.is_empty() {
        let n = (app.situation().actor_ixs())
            .filter(|&a| matches_search(a))
            .count();
        info.push_str(&format!(" · {n} match"));
    }
    let inner = pane_frame(app, screen, Pane::Actors, area, info, buf);
    if len == 0 {
        empty_message(app, "This file names no actors.", inner, buf);
        return;
    }
    let cols = actors_columns(app.derived(), usize::from(inner.width));
    let heading = Line::from(Span::styled(
        format!(
            "{}{}{}{}{}",
            " ".repeat(MARK),
            pad("Actor", cols.name),
            pad(if cols.kind > 0 { "Kind" } else { "" }, cols.kind),
            pad_left("Events", COUNT - 1) + " ",
            if cols.role > 0 { "Role" } else { "" }
        ),
        theme.dim().add_modifier(Modifier::BOLD),
    ));
    buf.set_line(inner.x, inner.y, &heading, inner.width);
    let list = screen.list(Pane::Actors);
    let height = usize::from(list.height);
    let chosen = |a: ActorIx| app.filter().actors.contains(&a);
    let tree = app.data().actor_order() == crate::data::ActorOrder::Tree;
    let lines: Vec<Line> = app
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
            let mut spans = vec![
                Span::styled(mark, style),
                Span::styled(guide.clone(), theme.border()),
            ];
            let name_width = cols.name.saturating_sub(guide.chars().count() + 1);
            let name = pad(&shown(&actor.name, name_width), name_width) + " ";
            if matches_search(a) && find_all(&name, &needle).is_empty() {
                // Matched by an alias or its id: the whole name is marked.
                let text = name.trim_end();
                let blank = name.len() - text.len();
                spans.push(Span::styled(text.to_string(), style.patch(theme.matched())));
                spans.push(Span::styled(" ".repeat(blank), style));
            } else {
                spans.extend(highlight(name, &needle, style, theme.matched()));
            }
            let kind = kind_label(actor.kind, cols.kind.saturating_sub(1));
            spans.push(Span::styled(pad(kind, cols.kind), theme.dim()));
            spans.push(Span::styled(
                pad_left(&app.index().event_count(a).to_string(), COUNT - 1) + " ",
                theme.text(),
            ));
            if cols.role > 0 {
                let role = actor
                    .role
                    .as_deref()
                    .map(|r| shown(r, cols.role))
                    .unwrap_or_default();
                spans.push(Span::styled(pad(&role, cols.role), theme.dim()));
            }
            Line::from(spans)
        })
        .collect();
    draw_lines(&lines, list, buf);
    if let Some(dy) = cursor
        .selected
        .checked_sub(cursor.offset)
        .filter(|&dy| dy < height)
    {
        let style = if app.view().focus == Pane::Actors {
            theme.selected()
        } else {
            Style::new().add_modifier(Modifier::BOLD)
        };
        fill_row(buf, list, list.y + dy as u16, style);
    }
    // The scrollbar runs beside the list, below the headings.
    let beside_list = Rect {
        y: area.y.saturating_add(1),
        height: area.height.saturating_sub(1),
        ..area
    };
    scrollbar(app, beside_list, len, cursor.offset, height, buf);
}
