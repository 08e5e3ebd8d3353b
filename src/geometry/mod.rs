//! Where everything goes, as data: pure functions of sizes and counts,
//! below both the state (which keeps the result, [`Screen`], and pages,
//! scrolls and hit-tests by it) and the drawing (which draws into it).
//! [`Screen::new`] is the one place that decides, once per change of size
//! or state, so paging, mouse hits and drawing always agree.
//!
//! The rule behind the arrangements: nothing the timeline or the actors pane
//! shows at a size is cut at a larger one (wider, taller or both). A short
//! terminal shows one pane at a time across the whole width, so on every
//! larger one each of these two lists keeps the whole width too, until it
//! shows everything it can in less ([`Facts::timeline_full`]); only what it
//! then leaves goes to a neighbour.
//!
//! Tabbed (under 36 rows, 80x24 included): one card row, then one of
//! timeline / actors / quotes / map, whose title is a row of tabs.
//!
//! Stacked (at least 36 rows): the timeline across the width above the
//! actors. The map goes beside the timeline once the timeline shows
//! everything and leaves it 40 columns (200x60 on the built-in situation: a
//! tall map beside whole titles; at 120x40 a 38-column map beside cut titles
//! was worth less than the titles), the quotes beside the actors once they
//! leave 32; until then each is a tab of the actors' slot:
//!
//! ```text
//!  title                                                   as of 14 Mar 2025   header, 2 rows
//!  filter chips                                         12 of 16 events · ...
//! ─ 1 Key figures ────────────────────────────────────────────────────────  1 or 2 card rows
//! ┌─────────┐┌─────────┐┌─────────┐ ...
//! └─────────┘└─────────┘└─────────┘
//! ┌ 2 Timeline (the width, or all it needs) ───────────┐┌ 5 Map (the rest) ┐
//! │                                                    ││                  │
//! └────────────────────────────────────────────────────┘└──────────────────┘
//! ┌ 3 Actors ─ 4 Quotes ─ 5 Map (tabs while they have  ┐┌ 4 Quotes (the    ┐
//! │ no slot of their own)                              ││ rest)            │
//! └────────────────────────────────────────────────────┘└──────────────────┘
//!  Enter open  / search  a actors  ...                                      footer, 1 row
//! ```
//!
//! Wide (at least 22 rows, and as wide as both lists need side by side): the
//! timeline beside a column of actors (the rows their list needs, up to
//! half), quotes, and the map (two fifths).
//!
//! While a save of the file does not load, a banner of one or two rows sits
//! under the header (two while the timeline keeps [`TIMELINE_MIN_ROWS`]).
//!
//! The time strip takes the top two or three rows inside the timeline's
//! border, above its list, while the timeline is tall enough.
//!
//! Zoom gives the whole body to the focused pane. Below [`MIN_WIDTH`] x
//! [`MIN_HEIGHT`] the screen only asks to be enlarged.

pub mod cards;
pub mod columns;
pub mod header;
pub mod popup;
pub mod quotes;
pub mod sources;

use ratatui::layout::{Constraint, Layout, Margin, Rect};

use crate::action::Pane;
use crate::text::width;
use cards::Grid;

/// Columns a list leaves blank at the end of its rows (after a quote's
/// words, a timeline row's source count, an actor's role), so what it
/// shows does not run into the border where the scrollbar is.
pub const MARGIN: usize = 1;

pub const MIN_WIDTH: u16 = 50;
pub const MIN_HEIGHT: u16 = 15;
const WIDE_MIN_HEIGHT: u16 = 22;
const WIDE_MIN_WIDTH: u16 = 110;
const STACKED_MIN_HEIGHT: u16 = 36;
/// The narrowest slots beside the timeline and beside the actors worth
/// giving the map and the quotes (a tab of their own is better than less:
/// quotes wrap, a map narrower than this shows too few places).
const MAP_MIN_WIDTH: u16 = 40;
const QUOTES_MIN_WIDTH: u16 = 32;
/// Timeline rows a two-row banner leaves at least (one row otherwise).
pub const TIMELINE_MIN_ROWS: u16 = 8;
/// Body rows from which the figures strip may take two rows of cards.
const TWO_CARD_ROWS_FROM: u16 = 40;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Arrangement {
    Wide,
    Stacked,
    #[default]
    Tabbed,
}

/// What the arrangement depends on: the terminal's size and a few facts
/// about the state. Anything else that changes leaves the screen as it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Facts<'a> {
    pub size: Rect,
    /// A save did not load: the banner shows.
    pub banner: bool,
    /// The key figures' labels, one line each (no strip without any).
    pub labels: &'a [String],
    /// Actors in the file (the actors pane takes what it needs).
    pub actors: usize,
    /// Columns the timeline and the actors pane need, borders included, to
    /// show all they can (see `columns`): narrower than the screen only
    /// from these, so a larger screen never shows less of either.
    pub timeline_full: u16,
    pub actors_full: u16,
    pub zoom: bool,
    /// Some place has coordinates: the map pane has a slot (none without).
    pub map: bool,
    pub focus: Pane,
    /// Timeline, actors, quotes and map, the last focused first: of panes
    /// sharing a slot as tabs, the slot shows the first in this order.
    pub recent: [Pane; 4],
    /// The time strip is wanted above the timeline's list (`t` hides it).
    pub strip: bool,
    /// What each pane's title says after its name, in the order of
    /// `Pane::ALL`: the order its list is in ("by name"), or nothing.
    /// The shown tab of a shared slot says it too, while every tab fits.
    pub notes: [&'static str; Pane::COUNT],
}

/// The facts a screen was last worked out from, kept so that an action
/// that changes none of them (a cursor move, a keystroke that leaves the
/// key figures alone) keeps the screen as it is: laying out the key figure
/// cards wraps every label, which costs milliseconds at thousands of them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LaidOut {
    size: Rect,
    banner: bool,
    labels: Vec<String>,
    actors: usize,
    timeline_full: u16,
    actors_full: u16,
    zoom: bool,
    map: bool,
    focus: Pane,
    recent: [Pane; 4],
    strip: bool,
    notes: [&'static str; Pane::COUNT],
}

impl LaidOut {
    pub fn of(facts: &Facts) -> LaidOut {
        LaidOut {
            size: facts.size,
            banner: facts.banner,
            labels: facts.labels.to_vec(),
            actors: facts.actors,
            timeline_full: facts.timeline_full,
            actors_full: facts.actors_full,
            zoom: facts.zoom,
            map: facts.map,
            focus: facts.focus,
            recent: facts.recent,
            strip: facts.strip,
            notes: facts.notes,
        }
    }

    /// Whether `facts` are these, so the screen they give is the same.
    pub fn matches(&self, facts: &Facts) -> bool {
        let Facts {
            size,
            banner,
            labels,
            actors,
            timeline_full,
            actors_full,
            zoom,
            map,
            focus,
            recent,
            strip,
            notes,
        } = *facts;
        self.size == size
            && self.banner == banner
            && self.actors == actors
            && self.timeline_full == timeline_full
            && self.actors_full == actors_full
            && self.zoom == zoom
            && self.map == map
            && self.focus == focus
            && self.recent == recent
            && self.strip == strip
            && self.notes == notes
            && self.labels.as_slice() == labels
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Screen {
    pub size: Rect,
    pub too_small: bool,
    pub arrangement: Arrangement,
    pub header: Rect,
    /// The reload banner (empty when there is none).
    pub banner: Rect,
    pub body: Rect,
    pub footer: Rect,
    /// Where popups are centred (below the banner while it shows).
    pub popups: Rect,
    /// Where each pane is drawn (or would be, for a pane behind a tab or a
    /// zoom), borders included; in the order of `Pane::ALL`.
    slots: [Rect; Pane::COUNT],
    shown: [bool; Pane::COUNT],
    /// Clickable tab labels (tabbed arrangement).
    pub tabs: Vec<Tab>,
    /// The key-figure cards.
    pub cards: Grid,
    /// The time strip: the top rows inside the timeline's border, above
    /// its list (empty when hidden or when the timeline is short).
    pub strip: Rect,
}

impl Screen {
    /// The arrangement for these facts; with a banner, two rows of it while
    /// the timeline keeps [`TIMELINE_MIN_ROWS`], else one.
    pub fn new(facts: &Facts) -> Screen {
        if !facts.banner {
            return arrange(facts, 0);
        }
        let two = arrange(facts, 2);
        if two.list(Pane::Timeline).height >= TIMELINE_MIN_ROWS {
            two
        } else {
            arrange(facts, 1)
        }
    }

    /// The pane's area if it is on screen.
    pub fn visible(&self, pane: Pane) -> Option<Rect> {
        let i = pane.position();
        self.shown[i].then_some(self.slots[i])
    }

    /// The pane on screen at a cell.
    pub fn pane_at(&self, at: ratatui::layout::Position) -> Option<Pane> {
        Pane::ALL
            .into_iter()
            .find(|&p| self.visible(p).is_some_and(|r| r.contains(at)))
    }

    /// Inside the pane's border (figures have only a top rule).
    pub fn inner(&self, pane: Pane) -> Rect {
        let slot = self.slots[pane.position()];
        if pane == Pane::Figures {
            Rect {
                y: slot.y.saturating_add(1),
                height: slot.height.saturating_sub(1),
                ..slot
            }
        } else {
            slot.inner(Margin::new(1, 1))
        }
    }

    /// Where a pane's items are drawn: inside the border, below the column
    /// headings of the actors pane and the timeline's time strip.
    pub fn list(&self, pane: Pane) -> Rect {
        let inner = self.inner(pane);
        let above = match pane {
            Pane::Actors => 1,
            Pane::Timeline => self.strip.height,
            _ => 0,
        };
        Rect {
            y: inner.y.saturating_add(above),
            height: inner.height.saturating_sub(above),
            ..inner
        }
    }
}

/// Inside the map pane: the map itself and its one-line status under it.
pub fn map_areas(inner: Rect) -> (Rect, Rect) {
    let status_height = u16::from(inner.height >= 2);
    let map = Rect {
        height: inner.height - status_height,
        ..inner
    };
    let status = Rect {
        y: map.bottom(),
        height: status_height,
        ..inner
    };
    (map, status)
}

/// A pane's title, " 3 Actors · tree ", as drawn on its top border or as
/// a tab of a slot that panes share; `note` follows the name (see
/// [`Facts::notes`]).
pub fn tab_label(pane: Pane, note: &str) -> String {
    let note = if note.is_empty() {
        String::new()
    } else {
        format!(" · {note}")
    };
    format!(" {} {}{note} ", pane.number(), pane.title())
}

/// Below the minimum size the screen only asks to be enlarged, and keys other
/// than quit do nothing (they would act on panes nobody can see).
pub fn too_small(area: Rect) -> bool {
    area.width < MIN_WIDTH || area.height < MIN_HEIGHT
}

/// The screen with a banner of `banner_rows` rows.
fn arrange(facts: &Facts, banner_rows: u16) -> Screen {
    let area = facts.size;
    let [header, banner, body, footer] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Length(banner_rows),
        Constraint::Fill(1),
        Constraint::Length(1),
    ])
    .areas(area);
    let mut screen = Screen {
        size: area,
        too_small: too_small(area),
        header,
        banner,
        body,
        footer,
        popups: popup::space(area, banner),
        ..Screen::default()
    };
    if screen.too_small {
        return screen;
    }
    // Side by side only where both lists show all they can (see
    // `Facts::timeline_full`): anywhere narrower each has the whole width,
    // as in the tabbed arrangement, so a larger screen never shows less.
    let wide_from = (facts.timeline_full.saturating_add(facts.actors_full)).max(WIDE_MIN_WIDTH);
    screen.arrangement = if area.width >= wide_from && area.height >= WIDE_MIN_HEIGHT {
        Arrangement::Wide
    } else if area.height >= STACKED_MIN_HEIGHT {
        Arrangement::Stacked
    } else {
        Arrangement::Tabbed
    };

    let card_rows = match screen.arrangement {
        Arrangement::Tabbed => 1,
        _ if body.height >= TWO_CARD_ROWS_FROM => 2,
        _ => 1,
    };
    let figures_height = cards::strip_height(facts.labels, body.width, card_rows, body.height);
    let [strip, main] =
        Layout::vertical([Constraint::Length(figures_height), Constraint::Fill(1)]).areas(body);
    screen.place(Pane::Figures, strip, !facts.labels.is_empty());

    match screen.arrangement {
        Arrangement::Wide => screen.wide(facts, main),
        Arrangement::Stacked => screen.stacked(facts, main),
        Arrangement::Tabbed => {
            let all = [Pane::Timeline, Pane::Actors, Pane::Quotes, Pane::Map];
            screen.share(main, &all[..if facts.map { 4 } else { 3 }], facts);
        }
    }

    if facts.zoom {
        screen.shown = [false; Pane::COUNT];
        screen.tabs.clear();
        screen.place(facts.focus, body, true);
    }
    screen.cards = Grid::new(facts.labels, screen.inner(Pane::Figures));
    if facts.strip && screen.visible(Pane::Timeline).is_some() {
        let inner = screen.inner(Pane::Timeline);
        screen.strip = Rect {
            height: strip_rows(inner.height),
            ..inner
        };
    }
    screen
}

/// Rows of the time strip in a timeline `height` rows inside: two bar
/// rows and the axis when there is room, one bar row on a short pane, none
/// when the list would keep too few rows.
pub fn strip_rows(height: u16) -> u16 {
    match height {
        0..STRIP_FROM => 0,
        STRIP_FROM..TALL_STRIP_FROM => 2,
        _ => 3,
    }
}

/// Timeline height from which the strip shows: its two rows leave the
/// list eight.
const STRIP_FROM: u16 = 10;
/// Timeline height from which the strip has two bar rows.
const TALL_STRIP_FROM: u16 = 20;

impl Screen {
    fn place(&mut self, pane: Pane, rect: Rect, shown: bool) {
        self.slots[pane.position()] = rect;
        self.shown[pane.position()] = shown;
    }

    /// The timeline beside a column of actors, quotes and map, each list
    /// at least as wide as it needs to show everything; the column takes
    /// two fifths if that leaves the timeline enough.
    fn wide(&mut self, facts: &Facts, main: Rect) {
        let side = (main.width * 2 / 5)
            .max(facts.actors_full)
            .min(main.width.saturating_sub(facts.timeline_full));
        let [timeline, side] =
            Layout::horizontal([Constraint::Fill(1), Constraint::Length(side)]).areas(main);
        // The map takes the lower two fifths of the side.
        let map_share = if facts.map { 40 } else { 0 };
        let [upper, map] =
            Layout::vertical([Constraint::Fill(1), Constraint::Percentage(map_share)]).areas(side);
        // Actors take what their list needs, up to half; quotes the rest.
        let actors_height = (facts.actors as u16).saturating_add(3);
        let [actors, quotes] = Layout::vertical([
            Constraint::Max(actors_height.max(upper.height / 4).min(upper.height / 2)),
            Constraint::Fill(1),
        ])
        .areas(upper);
        self.place(Pane::Timeline, timeline, true);
        self.place(Pane::Actors, actors, true);
        self.place(Pane::Quotes, quotes, true);
        self.place(Pane::Map, map, facts.map);
    }

    /// The timeline above the actors, each the whole width unless it shows
    /// everything in less (so neither shows less than on a shorter, tabbed
    /// screen). What the timeline leaves beside it goes to the map (a tall
    /// slot suits a map better than a cramped one beside cut titles), what
    /// the actors leave to the quotes; a pane without a slot of its own is
    /// a tab of the actors' slot (or of the quotes').
    fn stacked(&mut self, facts: &Facts, main: Rect) {
        let lower = (main.height * 2 / 5).max(10);
        let [upper, bottom] =
            Layout::vertical([Constraint::Fill(1), Constraint::Length(lower)]).areas(main);
        let beside = |full: u16, least: u16| {
            Some(main.width.saturating_sub(full))
                .filter(|&w| w >= least)
                .unwrap_or(0)
        };
        let map_beside = if facts.map {
            beside(facts.timeline_full, MAP_MIN_WIDTH)
        } else {
            0
        };
        let [timeline, map] =
            Layout::horizontal([Constraint::Fill(1), Constraint::Length(map_beside)]).areas(upper);
        let quotes_beside = beside(facts.actors_full, QUOTES_MIN_WIDTH);
        let [actors, side] =
            Layout::horizontal([Constraint::Fill(1), Constraint::Length(quotes_beside)])
                .areas(bottom);
        self.place(Pane::Timeline, timeline, true);
        if map_beside > 0 {
            self.place(Pane::Map, map, true);
        }
        let map_left = facts.map && map_beside == 0;
        let mut below = vec![Pane::Actors];
        let mut aside = vec![];
        let without_slot = if quotes_beside > 0 {
            &mut aside
        } else {
            &mut below
        };
        without_slot.push(Pane::Quotes);
        if map_left {
            without_slot.push(Pane::Map);
        }
        self.share(actors, &below, facts);
        if !aside.is_empty() {
            self.share(side, &aside, facts);
        }
    }

    /// Panes sharing a slot: the one focused last shows, under a row of
    /// tabs on the slot's top border (one pane alone needs none).
    fn share(&mut self, slot: Rect, panes: &[Pane], facts: &Facts) {
        let shown = facts
            .recent
            .into_iter()
            .find(|p| panes.contains(p))
            .unwrap_or(panes[0]);
        for &pane in panes {
            self.place(pane, slot, pane == shown);
        }
        if panes.len() > 1 {
            // The shown tab says its note while every tab still fits.
            let note = facts.notes[shown.position()];
            let with_note = tabs(slot, panes, shown, note);
            self.tabs.extend(if with_note.len() == panes.len() {
                with_note
            } else {
                tabs(slot, panes, shown, "")
            });
        }
    }
}

/// A pane's tab on the top border of a slot that panes share: where it is
/// drawn and clicked, and what it says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tab {
    pub rect: Rect,
    pub pane: Pane,
    /// [`tab_label`]: the shown tab's with its note while every tab fits.
    pub label: String,
}

/// The tabs along the top border of a slot, the `shown` one's with its
/// note.
fn tabs(slot: Rect, panes: &[Pane], shown: Pane, note: &'static str) -> Vec<Tab> {
    let mut x = slot.x.saturating_add(1);
    let end = slot.right().saturating_sub(1);
    let mut out = Vec::new();
    for &pane in panes {
        let label = tab_label(pane, if pane == shown { note } else { "" });
        let w = width(&label) as u16;
        if x.saturating_add(w) > end {
            break;
        }
        out.push(Tab {
            rect: Rect::new(x, slot.y, w, 1),
            pane,
            label,
        });
        // One column for the separator between tabs.
        x = x.saturating_add(w + 1);
    }
    out
}
