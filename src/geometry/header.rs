//! The header's second row: the filter as removable chips, and the counts
//! on the right in the longest form that leaves the chips room. Where each
//! chip is decides what a click removes, so it is computed here, once.

use ratatui::layout::Rect;

use crate::data::Data;
use crate::model::{ActorIx, FuzzyDate};
use crate::query::{Facet, FacetGroup};
use crate::text::{count, fit, plural, shown, width};

/// One part of the filter, shown as a chip a click removes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Chip {
    Actor(ActorIx),
    Place(crate::model::PlaceIx),
    /// The `i`th chosen value of a facet.
    Facet(FacetGroup, usize),
    Search,
    /// The date window.
    Window,
    /// Only what is new or changed since the last look.
    Marked,
}

const CHIP_MAX: usize = 24;

/// An actor chip names the actor in full when that fits, else by its
/// shortest alias ("MSS" rather than "Multinational Security …").
pub fn chip_label(data: &Data, chip: Chip) -> String {
    match chip {
        Chip::Actor(a) => {
            // Only the start of a long name is read: it is cut to a chip anyway.
            let name = shown(&data.situation.actors[a].name, CHIP_MAX);
            let short = &data.derived.short_names[a.get()];
            let shown = if width(&name) <= CHIP_MAX || width(short) >= width(&name) {
                fit(&name, CHIP_MAX)
            } else {
                fit(short, CHIP_MAX)
            };
            format!(" {shown} ✕ ")
        }
        // A pin tells a place from an actor of the same name ("Kenya").
        Chip::Place(p) => format!(
            " ⌖ {} ✕ ",
            fit(&shown(&data.situation.places[p].name, CHIP_MAX), CHIP_MAX)
        ),
        Chip::Facet(group, i) => {
            let Some(facet) = data.filter.facets.get(group, i) else {
                return String::new();
            };
            let s = &data.situation;
            // A source by its id: short, unique, and what `--source` takes.
            let (prefix, value) = match &facet {
                Facet::Category(c) => ("cat:", c.as_str()),
                Facet::Tag(t) => ("#", t.as_str()),
                Facet::Kind(k) => ("kind:", k.as_str()),
                Facet::Source(src) => ("src:", s.sources[*src].id.as_str()),
            };
            let room = CHIP_MAX - prefix.len();
            format!(" {prefix}{} ✕ ", fit(&shown(value, room), room))
        }
        Chip::Search => format!(
            " /{} ✕ ",
            fit(&shown(&data.filter.search, CHIP_MAX), CHIP_MAX)
        ),
        Chip::Window => format!(" {} ✕ ", window_label(data)),
        Chip::Marked => " new or changed ✕ ".to_string(),
    }
}

/// The counts, longest first: "5 of 16 events · 2 of 4 quotes · 10 actors"
/// (the totals when nothing is filtered), then without actors, then events
/// only. Actors are never narrowed by a filter, so theirs is the total.
fn counts(data: &Data) -> Vec<String> {
    let s = &data.situation;
    let (events, quotes) = (data.selection.events.len(), data.selection.quotes.len());
    let actors = plural(s.actors.len(), "actor");
    if data.filter_active() {
        let events = format!("{} of {}", count(events), plural(s.events.len(), "event"));
        let quotes = format!("{} of {}", count(quotes), plural(s.quotes.len(), "quote"));
        vec![
            format!("{events} · {quotes} · {actors}"),
            format!("{events} · {quotes}"),
            events,
            format!(
                "{}/{}",
                count(data.selection.events.len()),
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
pub const HINTS: [&[(&str, bool)]; 3] = [
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

pub fn hint_width(hint: &[(&str, bool)]) -> usize {
    hint.iter().map(|(text, _)| width(text)).sum()
}

pub fn second_row(area: Rect) -> Rect {
    Rect {
        y: area.y.saturating_add(1),
        height: area.height.saturating_sub(1).min(1),
        ..area
    }
}

pub fn all_chips(data: &Data) -> impl Iterator<Item = Chip> + '_ {
    data.filter
        .actors
        .iter()
        .map(|&a| Chip::Actor(a))
        .chain(data.filter.places.iter().map(|&p| Chip::Place(p)))
        .chain(
            FacetGroup::ALL
                .into_iter()
                .flat_map(|g| (0..data.filter.facets.len(g)).map(move |i| Chip::Facet(g, i))),
        )
        .chain((!data.filter.search.is_empty()).then_some(Chip::Search))
        .chain((data.filter.from.is_some() || data.filter.to.is_some()).then_some(Chip::Window))
        .chain(data.filter.marked.then_some(Chip::Marked))
}

/// The window as its chip names it: "1 Jun 2024 – 30 Jun 2024", with an
/// open end as "…".
fn window_label(data: &Data) -> String {
    let day = |d: Option<chrono::NaiveDate>| {
        d.map_or("…".to_string(), |d| FuzzyDate::day(d).to_string())
    };
    match (data.filter.from, data.filter.to) {
        (Some(from), Some(to)) if from == to => day(Some(from)),
        (from, to) => format!("{} – {}", day(from), day(to)),
    }
}

/// The counts shown: the longest form that leaves room for every chip (or,
/// unfiltered, for the shortest hint), else the shortest.
pub fn shown_counts(data: &Data, row: Rect) -> String {
    let forms = counts(data);
    let left = if data.filter_active() {
        all_chips(data)
            .map(|chip| width(&chip_label(data, chip)) + 1)
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
pub fn chips(data: &Data, area: Rect) -> Vec<(Rect, Chip)> {
    let row = second_row(area);
    let counts_width = width(&shown_counts(data, row)) as u16;
    let end = row.right().saturating_sub(counts_width + 2);
    let mut x = row.x + width(FILTER_LABEL) as u16;
    let total = all_chips(data).count();
    let mut out = Vec::new();
    for (i, chip) in all_chips(data).enumerate() {
        let w = width(&chip_label(data, chip)) as u16;
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

pub const FILTER_LABEL: &str = " Filter ";

/// "as of 14 Mar 2025 ", at the right end of the first row.
pub fn as_of_label(data: &Data) -> String {
    format!("as of {} ", FuzzyDate::day(data.situation.as_of))
}

/// The count of what changed since the last look as the first row shows
/// it ("5 new, 2 changed since 28 Nov · "), left of `as_of`, and where;
/// `None` when there is none or the row has no room for it beside a
/// title. A click on it lists what was removed.
pub fn marks_place(data: &Data, count: Option<&str>, area: Rect) -> Option<(String, Rect)> {
    let text = format!("{} · ", count?);
    let as_of = width(&as_of_label(data));
    if width(&text) + as_of + 20 > usize::from(area.width) {
        return None;
    }
    let right = area.right().saturating_sub(as_of as u16);
    let w = width(&text) as u16;
    Some((
        text,
        Rect::new(right.saturating_sub(w), area.y, w, 1.min(area.height)),
    ))
}

/// Where the count is (see [`marks_place`]).
pub fn marks_rect(data: &Data, count: Option<&str>, area: Rect) -> Option<Rect> {
    marks_place(data, count, area).map(|(_, rect)| rect)
}
