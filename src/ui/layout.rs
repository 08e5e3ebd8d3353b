//! Where everything goes. [`screen`] is the one place that decides; drawing,
//! mouse hits and paging all ask it, so they always agree.
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
//! actors and quotes side by side under it.
//!
//! Tabbed (everything smaller, 80x24 included): one card row, then one of
//! timeline / actors / quotes, whose title is a row of tabs.
//!
//! Zoom gives the whole body to the focused pane. Below [`MIN_WIDTH`] x
//! [`MIN_HEIGHT`] the screen only asks to be enlarged.

use ratatui::layout::{Constraint, Layout, Margin, Rect};

use crate::action::Pane;
use crate::app::App;
use crate::ui::card::CARD_HEIGHT;
use crate::ui::figures;
use crate::text::width;

pub const MIN_WIDTH: u16 = 50;
pub const MIN_HEIGHT: u16 = 15;
const WIDE_MIN_WIDTH: u16 = 110;
const WIDE_MIN_HEIGHT: u16 = 22;
const STACKED_MIN_HEIGHT: u16 = 36;
/// Timeline rows a two-row banner leaves at least (one row otherwise).
pub const TIMELINE_MIN_ROWS: u16 = 8;
/// Body rows from which the figures strip may take two rows of cards.
const TWO_CARD_ROWS_FROM: u16 = 40;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Arrangement {
    Wide,
    Stacked,
    Tabbed,
}

#[derive(Clone, Debug)]
pub struct Screen {
    pub too_small: bool,
    pub arrangement: Arrangement,
    pub header: Rect,
    /// The reload banner (empty when there is none).
    pub banner: Rect,
    pub body: Rect,
    pub footer: Rect,
    /// Where each pane is drawn (or would be, for a pane behind a tab or a
    /// zoom), borders included; indexed by `Pane::number() - 1`.
    slots: [Rect; 4],
    shown: [bool; 4],
    /// Clickable tab labels (tabbed arrangement).
    pub tabs: Vec<(Rect, Pane)>,
}

impl Screen {
    fn at(pane: Pane) -> usize {
        usize::from(pane.number() - 1)
    }

    /// The pane's area if it is on screen.
    pub fn visible(&self, pane: Pane) -> Option<Rect> {
        let i = Screen::at(pane);
        self.shown[i].then_some(self.slots[i])
    }

    /// Inside the pane's border (figures have only a top rule).
    pub fn inner(&self, pane: Pane) -> Rect {
        let slot = self.slots[Screen::at(pane)];
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
    /// headings of the actors pane.
    pub fn list(&self, pane: Pane) -> Rect {
        let inner = self.inner(pane);
        if pane == Pane::Actors {
            Rect {
                y: inner.y.saturating_add(1),
                height: inner.height.saturating_sub(1),
                ..inner
            }
        } else {
            inner
        }
    }
}

/// The tabs of the tabbed arrangement, as drawn on the pane's top border.
pub fn tab_labels() -> [(Pane, String); 3] {
    [Pane::Timeline, Pane::Actors, Pane::Quotes]
        .map(|p| (p, format!(" {} {} ", p.number(), p.title())))
}

/// Below the minimum size the screen only asks to be enlarged, and keys other
/// than quit do nothing (they would act on panes nobody can see).
pub fn too_small(area: Rect) -> bool {
    area.width < MIN_WIDTH || area.height < MIN_HEIGHT
}

pub fn screen(app: &App, area: Rect) -> Screen {
    if app.problem.is_none() {
        return arrange(app, area, 0);
    }
    let two = arrange(app, area, 2);
    if two.list(Pane::Timeline).height >= TIMELINE_MIN_ROWS {
        two
    } else {
        arrange(app, area, 1)
    }
}

/// The screen with a banner of `banner_rows` rows.
fn arrange(app: &App, area: Rect, banner_rows: u16) -> Screen {
    let [header, banner, body, footer] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Length(banner_rows),
        Constraint::Fill(1),
        Constraint::Length(1),
    ])
    .areas(area);
    let mut screen = Screen {
        too_small: too_small(area),
        arrangement: Arrangement::Tabbed,
        header,
        banner,
        body,
        footer,
        slots: [Rect::default(); 4],
        shown: [false; 4],
        tabs: Vec::new(),
    };
    if screen.too_small {
        return screen;
    }
    screen.arrangement = if area.width >= WIDE_MIN_WIDTH && area.height >= WIDE_MIN_HEIGHT {
        Arrangement::Wide
    } else if area.height >= STACKED_MIN_HEIGHT {
        Arrangement::Stacked
    } else {
        Arrangement::Tabbed
    };

    let metrics = app.situation.metrics.len();
    let card_rows = match screen.arrangement {
        Arrangement::Tabbed => 1,
        _ if body.height >= TWO_CARD_ROWS_FROM => 2,
        _ => 1,
    };
    let figures_height = if metrics == 0 {
        0
    } else {
        let rows = figures::rows_wanted(app, body.width, card_rows);
        1 + CARD_HEIGHT * rows as u16
    };
    let [strip, main] =
        Layout::vertical([Constraint::Length(figures_height), Constraint::Fill(1)]).areas(body);
    screen.slots[Screen::at(Pane::Figures)] = strip;
    screen.shown[Screen::at(Pane::Figures)] = metrics > 0;

    let group = [Pane::Timeline, Pane::Actors, Pane::Quotes];
    match screen.arrangement {
        Arrangement::Wide => {
            // Very wide screens give the side panes room for roles.
            let share = if area.width >= 160 { 60 } else { 62 };
            let [timeline, side] =
                Layout::horizontal([Constraint::Percentage(share), Constraint::Fill(1)])
                    .areas(main);
            // Actors take what their list needs, up to half; quotes the rest.
            let actors_height = (app.situation.actors.len() as u16).saturating_add(3);
            let [actors, quotes] = Layout::vertical([
                Constraint::Max(actors_height.max(side.height / 4).min(side.height / 2)),
                Constraint::Fill(1),
            ])
            .areas(side);
            for (pane, rect) in group.into_iter().zip([timeline, actors, quotes]) {
                screen.slots[Screen::at(pane)] = rect;
                screen.shown[Screen::at(pane)] = true;
            }
        }
        Arrangement::Stacked => {
            let lower = (main.height * 2 / 5).max(10);
            let [timeline, bottom] =
                Layout::vertical([Constraint::Fill(1), Constraint::Length(lower)]).areas(main);
            let [actors, quotes] =
                Layout::horizontal([Constraint::Percentage(50), Constraint::Fill(1)]).areas(bottom);
            for (pane, rect) in group.into_iter().zip([timeline, actors, quotes]) {
                screen.slots[Screen::at(pane)] = rect;
                screen.shown[Screen::at(pane)] = true;
            }
        }
        Arrangement::Tabbed => {
            for pane in group {
                screen.slots[Screen::at(pane)] = main;
                screen.shown[Screen::at(pane)] = pane == app.view.tab;
            }
            screen.tabs = tabs(main);
        }
    }

    if app.view.zoom {
        screen.shown = [false; 4];
        screen.tabs.clear();
        let focus = Screen::at(app.view.focus);
        screen.slots[focus] = body;
        screen.shown[focus] = true;
    }
    screen
}

/// Tab label rects along the top border of the tabbed pane.
fn tabs(pane: Rect) -> Vec<(Rect, Pane)> {
    let mut x = pane.x.saturating_add(1);
    let end = pane.right().saturating_sub(1);
    let mut out = Vec::new();
    for (p, label) in tab_labels() {
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
