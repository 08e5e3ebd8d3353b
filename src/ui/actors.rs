//! Pane 3: actors as a tree (members under the actor they are part of),
//! with kind, how many events involve each (members included) and role.
//! `●` marks an actor in the filter, `◦` a member of one. A search marks
//! matching names (underlined) and hides none.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

use crate::action::Pane;
use crate::app::App;
use crate::geometry::Screen;
use crate::model::ActorKind;
use crate::text::{find_all, highlight, pad, pad_left, shown};
use crate::ui::{draw_lines, empty_message, fill_row, pane_frame, scrollbar};

const MARK: usize = 2;
const COUNT: usize = 7;
/// Names keep this many columns (or what most need, if less) before kinds
/// are abbreviated.
const NAME_MIN: usize = 24;

#[derive(Clone, Copy, Debug)]
struct Columns {
    name: usize,
    kind: usize,
    role: usize,
}

/// The kind in six columns or fewer: one table for every narrow place.
fn short_kind(kind: ActorKind) -> &'static str {
    match kind {
        ActorKind::Organization => "org.",
        ActorKind::Government => "gov.",
        ActorKind::ArmedGroup => "armed",
        ActorKind::Population => "pop.",
        other => other.as_str(),
    }
}

/// An actor's kind as the file spells it when `columns` hold it, else its
/// abbreviation ("gov.", "armed"), the same everywhere.
pub fn kind_label(kind: ActorKind, columns: usize) -> &'static str {
    if kind.as_str().chars().count() <= columns {
        kind.as_str()
    } else {
        short_kind(kind)
    }
}

/// Columns the kinds of the situation's actors take, in full and abbreviated.
fn kind_widths(app: &App) -> (usize, usize) {
    let widest = |label: fn(ActorKind) -> &'static str| {
        app.situation()
            .actors
            .iter()
            .map(|a| label(a.kind).chars().count())
            .max()
            .unwrap_or(0)
    };
    (widest(ActorKind::as_str), widest(short_kind))
}

/// The kind in full when names keep their room, abbreviated when not, left
/// out below 36 columns.
fn columns(app: &App, width: usize) -> Columns {
    let (full, short) = kind_widths(app);
    let name_min = (app.derived().actor_name_width + 1).min(NAME_MIN);
    let kind = if width >= MARK + full + 1 + COUNT + name_min {
        full + 1
    } else if width >= 36 {
        short.max("Kind".len()) + 1
    } else {
        0
    };
    let rest = width.saturating_sub(MARK + kind + COUNT);
    let name = (app.derived().actor_name_width + 1).min(rest);
    let role = rest - name;
    if role < 12 {
        Columns {
            name: rest,
            kind,
            role: 0,
        }
    } else {
        Columns { name, kind, role }
    }
}

pub fn render(app: &App, screen: &Screen, buf: &mut Buffer) {
    let Some(area) = screen.visible(Pane::Actors) else {
        return;
    };
    let theme = app.theme();
    let len = app.derived().actor_order.len();
    let cursor = app.cursor(Pane::Actors);
    let in_filter = app.filter().actors.len();
    let needle = app.needle();
    let matches_search = |a: usize| {
        !needle.is_empty()
            && (app.selection().actors_matching_search)
                .get(a)
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
        let n = (0..app.situation().actors.len())
            .filter(|&a| matches_search(a))
            .count();
        info.push_str(&format!(" · {n} match"));
    }
    let inner = pane_frame(app, screen, Pane::Actors, area, info, buf);
    if len == 0 {
        empty_message(app, "This file names no actors.", inner, buf);
        return;
    }
    let cols = columns(app, usize::from(inner.width));
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
    let chosen = |a: usize| app.filter().actors.contains(&a);
    let lines: Vec<Line> = app
        .derived()
        .actor_order
        .iter()
        .skip(cursor.offset)
        .take(height)
        .map(|&a| {
            let actor = &app.situation().actors[a];
            let in_scope = !app.filter().actors.is_empty()
                && app
                    .selection()
                    .actors_in_scope
                    .get(a)
                    .copied()
                    .unwrap_or(false);
            let (mark, style) = if chosen(a) {
                ("● ", theme.highlight())
            } else if in_scope {
                ("◦ ", theme.highlight().remove_modifier(Modifier::BOLD))
            } else {
                ("  ", theme.text())
            };
            let guide = &app.derived().actor_guide[a];
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_are_whole_when_they_fit_else_one_abbreviation_each() {
        assert_eq!(kind_label(ActorKind::ArmedGroup, 11), "armed-group");
        assert_eq!(kind_label(ActorKind::ArmedGroup, 10), "armed");
        assert_eq!(kind_label(ActorKind::Government, 6), "gov.");
        assert_eq!(kind_label(ActorKind::Person, 6), "person");
        for kind in ActorKind::ALL {
            assert!(short_kind(kind).chars().count() <= 6, "{kind:?}");
            assert_eq!(kind_label(kind, 12), kind.as_str());
        }
    }
}
