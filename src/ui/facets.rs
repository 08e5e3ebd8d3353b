//! `f`: the facet picker. A section per facet, each value with the events
//! it keeps; typing narrows, Enter adds or removes the highlighted value.
//!
//! ```text
//! ╭ Filter by facet ─────────────────────────────────────────╮
//! │ › sec█                                                   │
//! │ 2 of 64 values · ● 1 chosen · counts: events kept with it │
//! │ Categories · 1 of 7                               events │
//! │ ● security                                             7 │
//! │ Tags · 1 of 40                                           │
//! │   security                                             1 │
//! ╰──────────────────────────────────────────────────────────╯
//! ```

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::app::{App, FacetPopup, FacetRow};
use crate::geometry::popup;
use crate::query::{Facet, normalize_query};
use crate::text::{highlight, pad, pad_left, shown, width};
use crate::ui::{draw_lines, fill_row, popup_frame, scrollbar};

pub fn render(app: &App, picker: &FacetPopup, space: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let rects = popup::facets(space);
    let (outer, inner, list) = (rects.outer, rects.inner, rects.list);
    popup_frame(app, outer, "Filter by facet".into(), buf);
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
    let chosen = app.filter().facets.all().count();
    let hint = format!(
        "{} of {} values{} · counts: events kept with it",
        picker.matched(),
        picker.total(),
        if chosen > 0 {
            format!(" · ● {chosen} chosen")
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
    let count_w = 7;
    let name_w = w.saturating_sub(2 + count_w);
    let s = app.situation();
    let lines: Vec<Line> = picker
        .rows
        .iter()
        .enumerate()
        .skip(picker.cursor.offset)
        .take(height)
        .map(|(i, row)| match row {
            FacetRow::Heading {
                group,
                shown: matched,
                total,
            } => {
                let of = if matched == total {
                    crate::text::plural(*total, "value")
                } else {
                    format!("{matched} of {total}")
                };
                let title = group.title();
                let about = format!(" · {of}");
                // The first heading names the column of counts.
                let column = if i == 0 { "events" } else { "" };
                let gap = w.saturating_sub(width(title) + width(&about) + width(column));
                Line::from(vec![
                    Span::styled(title, theme.strong()),
                    Span::styled(about, theme.dim()),
                    Span::raw(" ".repeat(gap)),
                    Span::styled(column, theme.dim()),
                ])
            }
            FacetRow::Value { facet, events } => {
                let on = app.filter().facets.contains(facet);
                let style = if on { theme.highlight() } else { theme.text() };
                let label = value_label(s, facet, name_w);
                let mut spans = vec![Span::styled(if on { "● " } else { "  " }, style)];
                spans.extend(highlight(
                    pad(&label, name_w),
                    &needle,
                    style,
                    theme.matched(),
                ));
                // A value that keeps nothing with the rest of the filter is
                // shown dim, and still chosen if asked.
                let count_style = if *events == 0 {
                    theme.dim()
                } else {
                    theme.text()
                };
                spans.push(Span::styled(
                    pad_left(&events.to_string(), count_w),
                    count_style,
                ));
                Line::from(spans)
            }
        })
        .collect();
    if lines.is_empty() {
        let key = |action| {
            app.keymap()
                .key(crate::keymap::Mode::Facets, action)
                .unwrap_or_default()
        };
        let message = if picker.total() == 0 {
            "This file has no categories, tags, actor kinds or sources.".to_string()
        } else {
            format!(
                "No value matches. {} or {} to widen.",
                key(crate::action::Action::DeleteChar),
                key(crate::action::Action::ClearInput)
            )
        };
        buf.set_stringn(list.x, list.y, message, w, theme.dim());
    }
    draw_lines(&lines, list, buf);
    if let Some(dy) = picker
        .cursor
        .selected
        .checked_sub(picker.cursor.offset)
        .filter(|&dy| dy < height && picker.selected().is_some())
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
        picker.rows.len(),
        picker.cursor.offset,
        height,
        buf,
    );
}

/// A value as its row names it: a source by publisher and title, the
/// rest as written. Cleaned and cut to `columns`.
fn value_label(s: &crate::model::Situation, facet: &Facet, columns: usize) -> String {
    match facet {
        Facet::Source(src) => {
            let source = &s.sources[*src];
            match source.publisher.as_deref() {
                Some(publisher) => crate::text::fit(
                    &format!(
                        "{} · {}",
                        shown(publisher, columns),
                        shown(&source.title, columns)
                    ),
                    columns,
                ),
                None => crate::text::fit(&shown(&source.title, columns), columns),
            }
        }
        other => crate::text::fit(&shown(other.name(s), columns), columns),
    }
}
