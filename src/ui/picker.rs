//! The list pickers: `a` (actors) and `f` (facet values), drawn alike. A
//! query row, a count row, then the list: each group under its heading (a
//! list of one kind goes without), "●" before what is in the filter, the
//! query's hits marked, the cursor's row filled.
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
//! ╭ Filter by actor ───────────────────────────────╮
//! │ › okon█                                        │
//! │ 1 of 10 actors · ● in the filter               │
//! │ ● └ Dara Okonkwo       person          3       │
//! ╰────────────────────────────────────────────────╯
//! ╭ Filter by actor or place ──────────────────────────────╮
//! │ › port█                                                │
//! │ 2 of 44 actors and places · type a name, alias or id   │
//! │ Actors · 1 of 33                                       │
//! │   Haitian National Police        force            6    │
//! │ Places · 1 of 11                                       │
//! │   Port-au-Prince       city     exact            13    │
//! ╰────────────────────────────────────────────────────────╯
//! ```

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::action::Action;
use crate::app::{App, FacetPopup, FacetValue, ListPicker, Pick, PickerPopup, Row};
use crate::geometry::popup::{self, PickerRects};
use crate::keymap::Mode;
use crate::model::{ActorIx, PlaceIx, Situation};
use crate::query::{Facet, normalize_query};
use crate::text::{find_all, highlight, pad, pad_left, plural, shown, width};
use crate::theme::Theme;
use crate::ui::{draw_lines, fill_row, popup_frame, scrollbar};

/// What tells one picker from the other, beyond its rows.
struct Look {
    title: &'static str,
    /// The count row.
    hint: String,
    /// Said in place of an empty list.
    empty: String,
    /// What a heading counts ("7 values"), by its title.
    noun: fn(&str) -> &'static str,
    /// Names the column at the right of the rows, on the first heading.
    column: &'static str,
}

pub fn render_actors(app: &App, picker: &PickerPopup, space: Rect, buf: &mut Buffer) {
    let list = &picker.list;
    let filter = app.filter();
    let in_filter = filter.actors.len() + filter.places.len();
    let places = !app.situation().places.is_empty();
    let look = Look {
        title: if places {
            "Filter by actor or place"
        } else {
            "Filter by actor"
        },
        hint: format!(
            "{} of {} · type a name, alias or id{}",
            list.matched(),
            if places {
                format!("{} actors and places", list.total())
            } else {
                plural(list.total(), "actor")
            },
            if in_filter > 0 {
                format!(" · ● {in_filter} in the filter")
            } else {
                String::new()
            }
        ),
        empty: if list.total() == 0 {
            "This file has no actors or places.".to_string()
        } else {
            no_match(
                app,
                Mode::Picker,
                if places { "actor or place" } else { "actor" },
            )
        },
        noun: |title| if title == "Places" { "place" } else { "actor" },
        column: "",
    };
    let needle = normalize_query(&list.query);
    let row = |pick: &Pick, w: usize| match *pick {
        Pick::Actor(a) => actor_row(app, a, &needle, w),
        Pick::Place(p) => place_row(app, p, &needle, w),
    };
    render(app, list, popup::picker(space), &look, row, buf);
}

pub fn render_facets(app: &App, picker: &FacetPopup, space: Rect, buf: &mut Buffer) {
    let list = &picker.list;
    let chosen = app.filter().facets.all().count();
    let look = Look {
        title: "Filter by facet",
        hint: format!(
            "{} of {} values{} · counts: events kept with it",
            list.matched(),
            list.total(),
            if chosen > 0 {
                format!(" · ● {chosen} chosen")
            } else {
                String::new()
            }
        ),
        empty: if list.total() == 0 {
            "This file has no categories, tags, actor kinds or sources.".to_string()
        } else {
            no_match(app, Mode::Facets, "value")
        },
        noun: |_| "value",
        column: "events",
    };
    let needle = normalize_query(&list.query);
    let row = |value: &FacetValue, w: usize| facet_row(app, value, &needle, w);
    render(app, list, popup::facets(space), &look, row, buf);
}

/// "No actor matches. Backspace or Ctrl+U to widen." with the keys bound.
fn no_match(app: &App, mode: Mode, noun: &str) -> String {
    let key = |action| app.keymap().key(mode, action).unwrap_or_default();
    format!(
        "No {noun} matches. {} or {} to widen.",
        key(Action::DeleteChar),
        key(Action::ClearInput)
    )
}

fn render<T>(
    app: &App,
    picker: &ListPicker<T>,
    rects: PickerRects,
    look: &Look,
    item: impl Fn(&T, usize) -> Line<'static>,
    buf: &mut Buffer,
) {
    let theme = app.theme();
    let (outer, inner, list) = (rects.outer, rects.inner, rects.list);
    popup_frame(app, outer, look.title.into(), buf);
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
    buf.set_stringn(
        inner.x,
        inner.y + 1,
        &look.hint,
        usize::from(inner.width),
        theme.dim(),
    );

    let height = usize::from(list.height);
    // One column kept free before the border.
    let w = usize::from(list.width).saturating_sub(1);
    let lines: Vec<Line> = picker
        .rows
        .iter()
        .enumerate()
        .skip(picker.cursor.offset)
        .take(height)
        .map(|(i, row)| match row {
            Row::Heading {
                title,
                shown: matched,
                total,
            } => {
                // The first heading names the column at the right.
                let column = if i == 0 { look.column } else { "" };
                heading(
                    theme,
                    title,
                    *matched,
                    *total,
                    (look.noun)(title),
                    column,
                    w,
                )
            }
            Row::Item(it) => item(it, w),
        })
        .collect();
    if lines.is_empty() {
        buf.set_stringn(list.x, list.y, &look.empty, w, theme.dim());
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

/// "Categories · 1 of 7", or "· 7 values" when all match, and the
/// column's name at the right.
fn heading(
    theme: &Theme,
    title: &'static str,
    matched: usize,
    total: usize,
    noun: &str,
    column: &'static str,
    w: usize,
) -> Line<'static> {
    let of = if matched == total {
        plural(total, noun)
    } else {
        format!(
            "{} of {}",
            crate::text::count(matched),
            crate::text::count(total)
        )
    };
    let about = format!(" · {of}");
    let gap = w.saturating_sub(width(title) + width(&about) + width(column));
    Line::from(vec![
        Span::styled(title, theme.strong()),
        Span::styled(about, theme.dim()),
        Span::raw(" ".repeat(gap)),
        Span::styled(column, theme.dim()),
    ])
}

/// An item's row: "● " when it is in the filter, the label (padded by the
/// caller) with the query's hits marked, then the columns after it.
fn item_line(
    theme: &Theme,
    chosen: bool,
    label: String,
    needle: &str,
    after: Vec<Span<'static>>,
) -> Line<'static> {
    let style = if chosen {
        theme.highlight()
    } else {
        theme.text()
    };
    let mut spans = vec![Span::styled(if chosen { "● " } else { "  " }, style)];
    spans.extend(highlight(label, needle, style, theme.matched()));
    spans.extend(after);
    Line::from(spans)
}

/// An actor: its place in the tree, its name (and the alias that matched),
/// its kind and how many events it is in.
fn actor_row(app: &App, a: ActorIx, needle: &str, w: usize) -> Line<'static> {
    let theme = app.theme();
    let count_w = 5;
    let kind_w = if w >= 50 { 13 } else { 0 };
    let name_w = w.saturating_sub(2 + kind_w + count_w);
    let actor = &app.situation().actors[a];
    // The tree guide only makes sense while the whole tree is listed.
    let guide = if needle.is_empty() {
        app.derived().actor_guides.guide(a)
    } else {
        String::new()
    };
    let name = shown(&actor.name, name_w);
    // Say which alias matched when the name itself does not.
    let alias = (!needle.is_empty() && find_all(&name, needle).is_empty())
        .then(|| {
            actor
                .aliases
                .iter()
                .map(|alias| shown(alias, name_w))
                .find(|alias| !find_all(alias, needle).is_empty())
                .map(|alias| format!(" ({alias})"))
        })
        .flatten()
        .unwrap_or_default();
    let label = format!("{guide}{name}{alias}");
    let kind = crate::derived::kind_label(actor.kind, kind_w.saturating_sub(1));
    let chosen = app.filter().actors.contains(&a);
    item_line(
        theme,
        chosen,
        pad(&label, name_w.saturating_sub(1)) + " ",
        needle,
        vec![
            Span::styled(pad(kind, kind_w), theme.dim()),
            Span::styled(
                pad_left(&app.index().event_count(a).to_string(), count_w),
                theme.dim(),
            ),
        ],
    )
}

/// A place: indented under what it lies in, its name (and the alias that
/// matched), its kind, how exact its point is, and its events with those
/// of the places inside it.
fn place_row(app: &App, p: PlaceIx, needle: &str, w: usize) -> Line<'static> {
    let theme = app.theme();
    let count_w = 5;
    let (kind_w, precision_w) = if w >= 50 { (9, 12) } else { (0, 0) };
    let name_w = w.saturating_sub(2 + kind_w + precision_w + count_w);
    let place = &app.situation().places[p];
    // The indent only makes sense while the whole tree is listed.
    let indent = if needle.is_empty() {
        "  ".repeat(app.index().place_depth(p).min(4))
    } else {
        String::new()
    };
    let name = shown(&place.name, name_w);
    let alias = (!needle.is_empty() && find_all(&name, needle).is_empty())
        .then(|| {
            (place.aliases.iter())
                .map(|alias| shown(alias, name_w))
                .find(|alias| !find_all(alias, needle).is_empty())
                .map(|alias| format!(" ({alias})"))
        })
        .flatten()
        .unwrap_or_default();
    let label = format!("{indent}{name}{alias}");
    // In words, never colour alone: an approximate point is said so.
    let precision = match (place.point, place.approximate) {
        (None, _) => "no point",
        (Some(_), true) => "approximate",
        (Some(_), false) => "exact",
    };
    let chosen = app.filter().places.contains(&p);
    item_line(
        theme,
        chosen,
        pad(&label, name_w.saturating_sub(1)) + " ",
        needle,
        vec![
            Span::styled(
                pad(&crate::text::fit(place.kind.as_str(), kind_w), kind_w),
                theme.dim(),
            ),
            Span::styled(
                pad(&crate::text::fit(precision, precision_w), precision_w),
                theme.dim(),
            ),
            Span::styled(
                pad_left(&app.index().place_event_count(p).to_string(), count_w),
                theme.dim(),
            ),
        ],
    )
}

/// A facet value and the events it keeps with the rest of the filter.
fn facet_row(app: &App, value: &FacetValue, needle: &str, w: usize) -> Line<'static> {
    let theme = app.theme();
    let count_w = 7;
    let name_w = w.saturating_sub(2 + count_w);
    let chosen = app.filter().facets.contains(&value.facet);
    let label = value_label(app.situation(), &value.facet, name_w);
    // A value that keeps nothing with the rest of the filter is shown dim,
    // and still chosen if asked.
    let count_style = if value.events == 0 {
        theme.dim()
    } else {
        theme.text()
    };
    item_line(
        theme,
        chosen,
        pad(&label, name_w),
        needle,
        vec![Span::styled(
            pad_left(&value.events.to_string(), count_w),
            count_style,
        )],
    )
}

/// A value as its row names it: a source by publisher and title, the
/// rest as written. Cleaned and cut to `columns`.
fn value_label(s: &Situation, facet: &Facet, columns: usize) -> String {
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
