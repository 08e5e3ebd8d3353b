//! `a`: the actor picker. Typing narrows the list (name, alias or id);
//! Enter adds the highlighted actor to the filter or removes it.
//!
//! ```text
//! ╭ Filter by actor ───────────────────────────────╮
//! │ › okon█                                        │
//! │ 1 of 10 actors · ● in the filter               │
//! │ ● └ Dara Okonkwo       person          3       │
//! ╰────────────────────────────────────────────────╯
//! ```

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::app::{App, PickerPopup};
use crate::geometry::popup;
use crate::query::normalize_query;
use crate::text::{find_all, highlight, pad, pad_left, shown};
use crate::ui::{draw_lines, fill_row, popup_frame, scrollbar};

pub fn render(app: &App, picker: &PickerPopup, space: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let rects = popup::picker(space);
    let (outer, inner, list) = (rects.outer, rects.inner, rects.list);
    popup_frame(app, outer, "Filter by actor".into(), buf);
    if inner.height == 0 {
        return;
    }
    let query = shown(&picker.query, usize::from(inner.width));
    buf.set_line(
        inner.x,
        inner.y,
        &Line::from(vec![
            Span::styled("› ", theme.key()),
            Span::raw(query.into_owned()),
            Span::styled(" ", theme.selected()),
        ]),
        inner.width,
    );
    let in_filter = app.filter().actors.len();
    let hint = format!(
        "{} of {} actors · type a name, alias or id{}",
        picker.matches.len(),
        app.situation().actors.len(),
        if in_filter > 0 {
            format!(" · ● {in_filter} in the filter")
        } else {
            String::new()
        }
    );
    buf.set_stringn(
        inner.x,
        inner.y + 1,
        hint,
        usize::from(inner.width),
        theme.dim(),
    );

    let height = usize::from(list.height);
    let needle = normalize_query(&picker.query);
    // One column kept free before the border.
    let w = usize::from(list.width).saturating_sub(1);
    let count_w = 5;
    let kind_w = if w >= 50 { 13 } else { 0 };
    let name_w = w.saturating_sub(2 + kind_w + count_w);
    let lines: Vec<Line> = picker
        .matches
        .iter()
        .skip(picker.cursor.offset)
        .take(height)
        .map(|&a| {
            let actor = &app.situation().actors[a];
            let chosen = app.filter().actors.contains(&a);
            let style = if chosen {
                theme.highlight()
            } else {
                theme.text()
            };
            // The tree guide only makes sense while the whole tree is listed.
            let guide = if needle.is_empty() {
                app.derived().actor_guides.guide(a)
            } else {
                String::new()
            };
            let name = shown(&actor.name, name_w);
            // Say which alias matched when the name itself does not.
            let alias = (!needle.is_empty() && find_all(&name, &needle).is_empty())
                .then(|| {
                    actor
                        .aliases
                        .iter()
                        .map(|alias| shown(alias, name_w))
                        .find(|alias| !find_all(alias, &needle).is_empty())
                        .map(|alias| format!(" ({alias})"))
                })
                .flatten()
                .unwrap_or_default();
            let label = format!("{guide}{name}{alias}");
            let mut spans = vec![Span::styled(if chosen { "● " } else { "  " }, style)];
            spans.extend(highlight(
                pad(&label, name_w.saturating_sub(1)) + " ",
                &needle,
                style,
                theme.matched(),
            ));
            let kind = crate::derived::kind_label(actor.kind, kind_w.saturating_sub(1));
            spans.push(Span::styled(pad(kind, kind_w), theme.dim()));
            spans.push(Span::styled(
                pad_left(&app.index().event_count(a).to_string(), count_w),
                theme.dim(),
            ));
            Line::from(spans)
        })
        .collect();
    if lines.is_empty() {
        let key = |action| {
            app.keymap()
                .key(crate::keymap::Mode::Picker, action)
                .unwrap_or_default()
        };
        let message = format!(
            "No actor matches. {} or {} to widen.",
            key(crate::action::Action::DeleteChar),
            key(crate::action::Action::ClearInput)
        );
        buf.set_stringn(list.x, list.y, message, w, theme.dim());
    }
    draw_lines(&lines, list, buf);
    if let Some(dy) = picker
        .cursor
        .selected
        .checked_sub(picker.cursor.offset)
        .filter(|&dy| dy < height && !picker.matches.is_empty())
    {
        fill_row(buf, list, list.y + dy as u16, theme.selected());
    }
    let beside_list = Rect {
        y: list.y.saturating_sub(1),
        height: list.height + 2,
        ..outer
    };
    scrollbar(
        app,
        beside_list,
        picker.matches.len(),
        picker.cursor.offset,
        height,
        buf,
    );
}
