//! Where everything goes, as data: pure functions of sizes and counts,
//! below both the state (which keeps the result, [`Screen`], and pages,
//! scrolls and hit-tests by it) and the drawing (which draws into it).
//! [`Screen::new`] is the one place that decides, once per change of size
//! or state, so paging, mouse hits and drawing always agree.
//!
//! Wide (at least 110 columns and 22 rows):
//!
//! ```text
//!  title                                                   as of 14 Mar 2025   header, 2 rows
//!  filter chips                                         12 of 16 events · ...
//! ─ 1 Key figures ────────────────────────────────────────────────────────  1 or 2 card rows
//! ┌─────────┐┌─────────┐┌─────────┐ ...
//! └─────────┘└─────────┘└─────────┘
//! ┌ 2 Timeline (62%) ─────────────────────┐┌ 3 Actors (up to half) ──────┐
//! │                                       ││                             │
//! │                                       │└─────────────────────────────┘
//! │                                       │┌ 4 Quotes ───────────────────┐
//! │                                       │└─────────────────────────────┘
//! │                                       │┌ 5 Map (40%) ────────────────┐
//! └───────────────────────────────────────┘└─────────────────────────────┘
//!  Enter open  / search  a actors ...                                      footer, 1 row
//! ```
//!
//! While a save of the file does not load, a banner of one or two rows sits
//! under the header (two while the timeline keeps [`TIMELINE_MIN_ROWS`]).
//!
//! The timeline takes 62% of the width (60% from 160 columns, so roles fit
//! beside the actors); actors take the rows their list needs, up to half.
//!
//! Stacked (narrower, at least 36 rows): the timeline spans the width, with
//! actors, quotes and the map side by side under it.
//!
//! Tabbed (everything smaller, 80x24 included): one card row, then one of
//! timeline / actors / quotes / map, whose title is a row of tabs.
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

pub const MIN_WIDTH: u16 = 50;
pub const MIN_HEIGHT: u16 = 15;
const WIDE_MIN_WIDTH: u16 = 110;
const WIDE_MIN_HEIGHT: u16 = 22;
const STACKED_MIN_HEIGHT: u16 = 36;
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
    /// show every column they have (see `columns`): side by side only
    /// from their sum, so a wider screen never shows less of either.
    pub timeline_full: u16,
    pub actors_full: u16,
    pub zoom: bool,
    /// Some place has coordinates: the map pane has a slot (none without).
    pub map: bool,
    pub focus: Pane,
    /// Which pane the tabbed arrangement shows.
    pub tab: Pane,
    /// The time strip is wanted above the timeline's list (`t` hides it).
    pub strip: bool,
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
    tab: Pane,
    strip: bool,
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
            tab: facts.tab,
            strip: facts.strip,
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
            tab,
            strip,
        } = *facts;
        self.size == size
            && self.banner == banner
            && self.actors == actors
            && self.timeline_full == timeline_full
            && self.actors_full == actors_full
            && self.zoom == zoom
            && self.map == map
            && self.focus == focus
            && self.tab == tab
            && self.strip == strip
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
    pub tabs: Vec<(Rect, Pane)>,
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

/// The tabs of the tabbed arrangement, as drawn on the pane's top border
/// (the map's only when it has a slot).
pub fn tab_labels(map: bool) -> Vec<(Pane, String)> {
    [Pane::Timeline, Pane::Actors, Pane::Quotes, Pane::Map]
        .into_iter()
        .filter(|&p| map || p != Pane::Map)
        .map(|p| (p, format!(" {} {} ", p.number(), p.title())))
        .collect()
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
    let wide_from = WIDE_MIN_WIDTH.max(facts.timeline_full.saturating_add(facts.actors_full));
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
    let figures_height = cards::strip_height(facts.labels, body.width, card_rows);
    let [strip, main] =
        Layout::vertical([Constraint::Length(figures_height), Constraint::Fill(1)]).areas(body);
    screen.place(Pane::Figures, strip, !facts.labels.is_empty());

    let group = [Pane::Timeline, Pane::Actors, Pane::Quotes, Pane::Map];
    match screen.arrangement {
        Arrangement::Wide => {
            // The side panes take what the actors pane needs to show all
            // its columns; the timeline the rest (its titles the slack).
            let [timeline, side] = Layout::horizontal([
                Constraint::Fill(1),
                Constraint::Length(facts.actors_full.max(main.width / 3)),
            ])
            .areas(main);
            // The map takes the lower two fifths of the side.
            let map_share = if facts.map { 40 } else { 0 };
            let [upper, map] =
                Layout::vertical([Constraint::Fill(1), Constraint::Percentage(map_share)])
                    .areas(side);
            // Actors take what their list needs, up to half; quotes the rest.
            let actors_height = (facts.actors as u16).saturating_add(3);
            let [actors, quotes] = Layout::vertical([
                Constraint::Max(actors_height.max(upper.height / 4).min(upper.height / 2)),
                Constraint::Fill(1),
            ])
            .areas(upper);
            for (pane, rect) in group.into_iter().zip([timeline, actors, quotes, map]) {
                screen.place(pane, rect, pane != Pane::Map || facts.map);
            }
        }
        Arrangement::Stacked => {
            let lower = (main.height * 2 / 5).max(10);
            let [upper, bottom] =
                Layout::vertical([Constraint::Fill(1), Constraint::Length(lower)]).areas(main);
            // The map sits beside the timeline, in what the timeline's
            // columns leave, between a third and two fifths of the width.
            let map_width = if facts.map {
                main.width
                    .saturating_sub(facts.timeline_full)
                    .clamp(main.width / 3, main.width * 2 / 5)
            } else {
                0
            };
            let [timeline, map] =
                Layout::horizontal([Constraint::Fill(1), Constraint::Length(map_width)])
                    .areas(upper);
            let [actors, quotes] =
                Layout::horizontal([Constraint::Percentage(50), Constraint::Fill(1)]).areas(bottom);
            for (pane, rect) in group.into_iter().zip([timeline, actors, quotes, map]) {
                screen.place(pane, rect, pane != Pane::Map || facts.map);
            }
        }
        Arrangement::Tabbed => {
            for pane in group {
                screen.place(pane, main, pane == facts.tab);
            }
            screen.tabs = tabs(main, facts.map);
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
}

/// Tab label rects along the top border of the tabbed pane.
fn tabs(pane: Rect, map: bool) -> Vec<(Rect, Pane)> {
    let mut x = pane.x.saturating_add(1);
    let end = pane.right().saturating_sub(1);
    let mut out = Vec::new();
    for (p, label) in tab_labels(map) {
        let w = width(&label) as u16;
        if x.saturating_add(w) > end {
            break;
        }
        out.push((Rect::new(x, pane.y, w, 1), p));
        // One column for the separator between tabs.
        x = x.saturating_add(w + 1);
    }
    out
}
