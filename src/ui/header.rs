//! The header: title and `as_of` on the first row; the active filter as
//! removable chips and the counts on the second.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::app::App;
use crate::text::plural;
use crate::model::ActorIx;
use crate::text::{fit, shown, width};

/// One part of the filter, shown as a chip a click removes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Chip {
    Actor(ActorIx),
    Search,
}

const CHIP_MAX: usize = 24;

/// An actor chip names the actor in full when that fits, else by its
/// shortest alias ("MSS" rather than "Multinational Security …").
fn chip_label(app: &App, chip: Chip) -> String {
    match chip {
        Chip::Actor(a) => {
            // Only the start of a long name is read: it is cut to a chip anyway.
            let name = shown(&app.situation.actors[a].name, CHIP_MAX);
            let short = &app.derived.short_names[a];
            let shown = if width(&name) <= CHIP_MAX || width(short) >= width(&name) {
                fit(&name, CHIP_MAX)
            } else {
                fit(short, CHIP_MAX)
            };
            format!(" {shown} ✕ ")
        }
        Chip::Search => format!(
            " /{} ✕ ",
            fit(&shown(&app.filter.search, CHIP_MAX), CHIP_MAX)
        ),
    }
}

/// The counts, longest first: "5 of 16 events · 2 of 4 quotes · 10 actors"
/// (the totals when nothing is filtered), then without actors, then events
/// only. Actors are never narrowed by a filter, so theirs is the total.
fn counts(app: &App) -> Vec<String> {
    let s = &app.situation;
    let (events, quotes) = (app.selection.events.len(), app.selection.quotes.len());
    let actors = plural(s.actors.len(), "actor");
    if app.filter_active() {
        let events = format!("{events} of {}", plural(s.events.len(), "event"));
        let quotes = format!("{quotes} of {}", plural(s.quotes.len(), "quote"));
        vec![
            format!("{events} · {quotes} · {actors}"),
            format!("{events} · {quotes}"),
            events,
            format!(
                "{}/{}",
                app.selection.events.len(),
                plural(s.events.len(), "event")
            ),
        ]
    } else {
        let events = plural(s.events.len(), "event");
        let quotes = plural(s.quotes.len(), "quote");
        vec![
            format!("{events} · {quotes} · {actors}"),
            format!("{events} · {quotes}"),
            events,
        ]
    }
}

/// With no filter, the row says so and hints at the keys that make one;
/// hints give way first, then counts, so nothing is cut mid-word.
const HINTS: [&[(&str, bool)]; 3] = [
    &[
        ("none · ", false),
        ("a", true),
        (" actors  ", false),
        ("/", true),
        (" search", false),
    ],
    &[("none · ", false), ("a", true), (" actors", false)],
    &[("none", false)],
];

fn hint_width(hint: &[(&str, bool)]) -> usize {
    hint.iter().map(|(text, _)| width(text)).sum()
}

fn second_row(area: Rect) -> Rect {
    Rect {
        y: area.y.saturating_add(1),
        height: area.height.saturating_sub(1).min(1),
        ..area
    }
}

fn all_chips(app: &App) -> impl Iterator<Item = Chip> + '_ {
    app.filter
        .actors
        .iter()
        .map(|&a| Chip::Actor(a))
        .chain((!app.filter.search.is_empty()).then_some(Chip::Search))
}

/// The counts shown: the longest form that leaves room for every chip (or,
/// unfiltered, for the shortest hint), else the shortest.
fn shown_counts(app: &App, row: Rect) -> String {
    let forms = counts(app);
    let left = if app.filter_active() {
        all_chips(app)
            .map(|chip| width(&chip_label(app, chip)) + 1)
            .sum::<usize>()
    } else {
        HINTS.iter().map(|h| hint_width(h)).min().unwrap_or(0)
    };
    // One column before the label and after the counts, two between.
    let room = usize::from(row.width).saturating_sub(width(FILTER_LABEL) + left + 3);
    forms
        .iter()
        .find(|form| width(form) <= room)
        .or(forms.last())
        .cloned()
        .unwrap_or_default()
}

/// Where each chip is drawn, left to right; chips that do not fit are left
/// out (the header says how many).
pub fn chips(app: &App, area: Rect) -> Vec<(Rect, Chip)> {
    let row = second_row(area);
    let counts_width = width(&shown_counts(app, row)) as u16;
    let end = row.right().saturating_sub(counts_width + 2);
    let mut x = row.x + width(FILTER_LABEL) as u16;
    let total = all_chips(app).count();
    let mut out = Vec::new();
    for (i, chip) in all_chips(app).enumerate() {
        let w = width(&chip_label(app, chip)) as u16;
        // Unless it is the last, leave room for "+N more" after it.
        let reserve = if i + 1 == total { 0 } else { 8 };
        if x.saturating_add(w + reserve) > end {
            break;
        }
        out.push((Rect::new(x, row.y, w, 1), chip));
        x = x.saturating_add(w + 1);
    }
    out
}

const FILTER_LABEL: &str = " Filter ";

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    if area.height == 0 {
        return;
    }
    let theme = &app.theme;
    let s = &app.situation;

    // Row 1: title, and as_of on the right.
    let as_of = format!("as of {} ", crate::model::FuzzyDate::day(s.as_of));
    let title_room = usize::from(area.width).saturating_sub(width(&as_of) + 3);
    let title = fit(&shown(&s.title, title_room), title_room);
    buf.set_line(
        area.x,
        area.y,
        &Line::from(vec![Span::raw(" "), Span::styled(title, theme.strong())]),
        area.width,
    );
    let as_of_x = area.right().saturating_sub(width(&as_of) as u16);
    buf.set_string(as_of_x, area.y, &as_of, theme.dim());

    if area.height < 2 {
        return;
    }
    // Row 2: chips, then the counts on the right.
    let row = second_row(area);
    let counts = shown_counts(app, row);
    let counts_x = row.right().saturating_sub(width(&counts) as u16 + 1);
    buf.set_string(counts_x, row.y, &counts, theme.dim());

    let placed = chips(app, area);
    if !app.filter_active() {
        let room =
            usize::from(counts_x.saturating_sub(row.x + 2)).saturating_sub(width(FILTER_LABEL));
        let hint = HINTS
            .iter()
            .find(|h| hint_width(h) <= room)
            .unwrap_or(&HINTS[HINTS.len() - 1]);
        let mut spans = vec![Span::styled(FILTER_LABEL, theme.dim())];
        spans.extend(
            hint.iter().map(|&(text, key)| {
                Span::styled(text, if key { theme.key() } else { theme.dim() })
            }),
        );
        buf.set_line(
            row.x,
            row.y,
            &Line::from(spans),
            counts_x.saturating_sub(row.x + 1),
        );
        return;
    }
    buf.set_string(row.x, row.y, FILTER_LABEL, theme.dim());
    let mut end = row.x + width(FILTER_LABEL) as u16;
    for (rect, chip) in &placed {
        buf.set_string(rect.x, rect.y, chip_label(app, *chip), theme.chip());
        end = rect.right() + 1;
    }
    let total = app.filter.actors.len() + usize::from(!app.filter.search.is_empty());
    if placed.len() < total {
        buf.set_string(
            end,
            row.y,
            format!("+{} more", total - placed.len()),
            theme.dim(),
        );
    }
}
