//! The dashboard's state: the situation, its index, the filter and what it
//! selects, and the view (focus, cursors, popups). [`App::update`] is the only
//! mutator for what the user asks; what a reload of the file finds replaces
//! the state through [`App::reloaded`] (in `reload.rs`), which carries the
//! view over. Drawing (`ui`) reads `&App`.
//!
//! Cursors are indices into the lists they walk (positions in
//! `selection.events`, in the actor tree, ...), kept valid whenever a list
//! changes. Scroll offsets follow the cursors using the same layout the
//! screen is drawn with, so paging moves by what is really visible.

pub mod map;
mod reload;
mod view;

#[cfg(test)]
mod tests;

use std::sync::Arc;

use ratatui::layout::{Position, Rect};

pub use reload::carry_over;
pub use view::{Cursor, DetailPage, Picker, Popup, SearchInput, Target, View};

use crate::action::{Action, Pane};
use crate::check::plural;
use crate::figures::{Figure, Staleness, figure_with};
use crate::keymap::Mode;
use crate::model::{ActorIx, Situation};
use crate::query::{Filter, Index, Selection, normalize_query, select};
use crate::reload::Problem;
use crate::theme::Theme;
use crate::ui;

/// How the dashboard starts.
#[derive(Clone, Debug)]
pub struct Options {
    /// Actors in the filter from the start (`--actor`).
    pub actors: Vec<ActorIx>,
    /// Places in the filter from the start (`--place`).
    pub places: Vec<crate::model::PlaceIx>,
    /// Capture the mouse (off: the terminal selects text as usual).
    pub mouse: bool,
    pub theme: Theme,
    /// The pane focused at start (the config file's `focus`).
    pub focus: Pane,
    /// When a key figure counts as stale.
    pub staleness: Staleness,
    /// Warnings the loader found, told once in the footer.
    pub warnings: usize,
    /// The file shown, as named on the command line (safe to print); `None`
    /// for the built-in situation.
    pub file: Option<String>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            actors: Vec::new(),
            places: Vec::new(),
            mouse: true,
            theme: Theme::monochrome(),
            focus: Pane::Timeline,
            staleness: Staleness::default(),
            warnings: 0,
            file: None,
        }
    }
}

/// Things about the situation the screen needs on every frame, computed once.
#[derive(Clone, Debug, Default)]
pub struct Derived {
    /// Every metric formatted, in file order.
    pub figures: Vec<Figure>,
    /// Actors as a tree: each actor followed by its members, in file order.
    pub actor_order: Vec<ActorIx>,
    /// For each actor: the tree guide drawn before its name ("│ └ ").
    pub actor_guide: Vec<String>,
    /// Columns most actor names take with their tree guide (the 80th
    /// percentile: one very long name should not squeeze every other column).
    pub actor_name_width: usize,
    /// Columns nearly all events' actor short names take, joined (95th
    /// percentile).
    pub event_actors_width: usize,
    /// For each actor: its shortest name or alias, for timeline rows.
    pub short_names: Vec<String>,
    /// Columns a key-figure card wants: its label or figure, borders and
    /// marker included (capped).
    pub card_width: u16,
    /// Columns the timeline's date column needs (capped).
    pub date_width: usize,
    /// Columns the timeline's category column needs (capped).
    pub category_width: usize,
    /// Quotes (indices into `situation.quotes`) in the order the dashboard
    /// shows them: by their date, else their event's date; undated last;
    /// file order among equals.
    pub quote_order: Vec<usize>,
    /// For each quote, its position in `quote_order`.
    pub quote_rank: Vec<usize>,
    /// Columns most event titles take (90th percentile, capped: a few long
    /// titles should not push every actor name out).
    pub title_width: usize,
}

pub struct App {
    /// Shared with the thread that builds the search index.
    pub situation: Arc<Situation>,
    pub index: Index,
    pub filter: Filter,
    /// What `filter` keeps; recomputed whenever it changes. Events are in
    /// timeline order, quotes in `derived.quote_order`.
    pub selection: Selection,
    pub derived: Derived,
    pub theme: Theme,
    /// When a key figure counts as stale; kept for reloads.
    pub staleness: Staleness,
    pub view: View,
    /// Mouse capture wanted; the terminal loop makes it so.
    pub mouse: bool,
    pub quit: bool,
    /// The file shown (safe to print); `None` for the built-in situation.
    pub file: Option<String>,
    /// Why the last save did not load, while the last good data stays on
    /// screen; cleared by a save that loads.
    pub problem: Option<Problem>,
}

/// A move within a list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Motion {
    By(isize),
    Page(isize),
    Top,
    Bottom,
}

impl App {
    pub fn new(situation: Situation, options: Options) -> App {
        let situation = Arc::new(situation);
        let index = Index::in_background(Arc::clone(&situation));
        let derived = derive(&situation, options.staleness);
        let filter = Filter {
            actors: options.actors,
            places: options.places,
            ..Filter::default()
        };
        let selection = in_quote_order(select(&situation, &index, &filter), &derived);
        let mut app = App {
            situation,
            index,
            filter,
            selection,
            derived,
            theme: options.theme,
            staleness: options.staleness,
            view: View::default(),
            mouse: options.mouse,
            quit: false,
            file: options.file,
            problem: None,
        };
        // Open on "now": the latest event that is not upcoming, with the
        // divider in view.
        if app.has_pane(options.focus) {
            app.view.focus = options.focus;
        }
        app.view.timeline.selected = app.now_split().saturating_sub(1);
        app.view.center_timeline = true;
        if options.warnings > 0 {
            app.view.status = Some(format!(
                "loaded with {}: `sitrep check` explains",
                plural(options.warnings, "warning")
            ));
        }
        app.follow_all();
        app
    }

    /// What the keyboard is doing now.
    pub fn mode(&self) -> Mode {
        if ui::layout::too_small(self.view.size) {
            return Mode::TooSmall;
        }
        if self.view.help.is_some() {
            return Mode::Help;
        }
        if self.view.search.is_some() {
            return Mode::Search;
        }
        match self.view.popup {
            Some(Popup::Picker(_)) => Mode::Picker,
            Some(Popup::Detail(_)) => Mode::Detail,
            None => Mode::Normal,
        }
    }

    pub fn filter_active(&self) -> bool {
        !self.filter.actors.is_empty() || !self.filter.search.trim().is_empty()
    }

    /// The search text as the filter compares it.
    pub fn needle(&self) -> String {
        normalize_query(&self.filter.search)
    }

    /// Where popups go now (below the reload banner while it shows).
    pub fn popup_space(&self) -> Rect {
        ui::popup_space(self, self.view.size)
    }

    /// Panes that have something to show (a file may have no metrics).
    pub fn has_pane(&self, pane: Pane) -> bool {
        pane != Pane::Figures || !self.situation.metrics.is_empty()
    }

    /// How many events of the selection are not upcoming: the "now" divider
    /// sits after them. Events are in date order, so this is a binary search.
    pub fn now_split(&self) -> usize {
        let as_of = self.situation.as_of;
        self.selection
            .events
            .partition_point(|&e| !self.situation.events[e].is_upcoming(as_of))
    }

    /// Rows of the timeline: every selected event and the "now" divider.
    pub fn timeline_rows(&self) -> usize {
        match self.selection.events.len() {
            0 => 0,
            n => n + 1,
        }
    }

    /// The row an event (by position in the selection) is drawn on.
    pub fn timeline_row_of(&self, position: usize) -> usize {
        position + usize::from(position >= self.now_split())
    }

    /// The event (position in the selection) on a timeline row; `None` for
    /// the divider and past the end.
    pub fn timeline_event_at(&self, row: usize) -> Option<usize> {
        let split = self.now_split();
        let position = match row.cmp(&split) {
            std::cmp::Ordering::Less => row,
            std::cmp::Ordering::Equal => return None,
            std::cmp::Ordering::Greater => row - 1,
        };
        (position < self.selection.events.len()).then_some(position)
    }

    /// The only mutator.
    pub fn update(&mut self, action: Action) {
        if !matches!(action, Action::Resize { .. }) && self.mode() != Mode::TooSmall {
            self.view.status = None;
        }
        match action {
            Action::Quit => self.quit = true,
            Action::Resize { width, height } => {
                self.view.size = Rect::new(0, 0, width, height);
                self.follow_all();
                self.clamp_scrolls();
            }
            // Help opens over whatever is open, in any mode that binds it,
            // at the section of that mode.
            Action::Help => {
                let start = ui::help::section_start(self, self.popup_space(), self.mode());
                self.view.help = Some(start.min(self.help_max_scroll()));
            }
            Action::ToggleMouse => {
                self.mouse = !self.mouse;
                self.view.status = Some(if self.mouse {
                    "mouse on: click and scroll (m turns it off)".into()
                } else {
                    "mouse off: select text with the mouse (m turns it back on)".into()
                });
            }
            Action::Reload => {
                // The terminal loop does the reading; this is what the user sees.
                self.view.status = Some(match &self.file {
                    Some(file) => format!("reloading {}…", ui::text::fit(file, 40)),
                    None => "built-in situation: nothing to reload".into(),
                });
            }
            // The terminal loop suspends; nothing changes here.
            Action::Suspend => {}
            Action::Click { column, row } => self.click(Position::new(column, row)),
            Action::Scroll { column, row, down } => {
                self.wheel(Position::new(column, row), if down { 3 } else { -3 })
            }
            _ => match self.mode() {
                Mode::Normal => self.normal(action),
                Mode::Search => self.searching(action),
                Mode::Picker => self.picking(action),
                Mode::Detail => self.detailing(action),
                Mode::Help => self.helping(action),
                // Nothing on screen to act on; the keymap only lets quit through.
                Mode::TooSmall => {}
            },
        }
    }

    fn normal(&mut self, action: Action) {
        let focus = self.view.focus;
        match action {
            Action::FocusNext | Action::FocusPrev => {
                let mut pane = focus;
                loop {
                    pane = if action == Action::FocusNext {
                        pane.next()
                    } else {
                        pane.prev()
                    };
                    if self.has_pane(pane) {
                        break;
                    }
                }
                self.focus(pane);
            }
            Action::Focus(pane) => {
                if self.has_pane(pane) {
                    self.focus(pane);
                } else {
                    self.view.status = Some("this file has no key figures".into());
                }
            }
            Action::Up => self.move_vertical(focus, -1),
            Action::Down => self.move_vertical(focus, 1),
            Action::Left if focus == Pane::Figures => self.move_in(focus, Motion::By(-1)),
            Action::Right if focus == Pane::Figures => self.move_in(focus, Motion::By(1)),
            Action::PageUp => self.move_in(focus, Motion::Page(-1)),
            Action::PageDown => self.move_in(focus, Motion::Page(1)),
            Action::Top => self.move_in(focus, Motion::Top),
            Action::Bottom => self.move_in(focus, Motion::Bottom),
            Action::Open => self.open_selected(),
            Action::Back => {
                if !self.filter.search.is_empty() {
                    self.set_search(String::new());
                    self.view.status = Some("search cleared".into());
                } else if self.view.zoom {
                    self.view.zoom = false;
                    self.follow_all();
                }
            }
            Action::Search => {
                self.view.search = Some(SearchInput {
                    before: self.filter.search.clone(),
                    event: self
                        .selection
                        .events
                        .get(self.view.timeline.selected)
                        .copied(),
                    quote: self
                        .selection
                        .quotes
                        .get(self.view.quotes.selected)
                        .copied(),
                });
            }
            Action::NextMatch => self.jump_to_match(1),
            Action::PrevMatch => self.jump_to_match(-1),
            Action::Picker => {
                let picker = Picker {
                    matches: self.picker_matches(""),
                    ..Picker::default()
                };
                self.view.popup = Some(Popup::Picker(picker));
            }
            Action::Toggle if focus == Pane::Actors => {
                if let Some(&actor) = self.derived.actor_order.get(self.view.actors.selected) {
                    self.toggle_actor(actor);
                }
            }
            Action::ClearFilters if self.filter_active() => {
                self.filter = Filter::default();
                self.refilter();
                self.view.status = Some("every filter cleared".into());
            }
            Action::RemoveChip => {
                if !self.filter.search.is_empty() {
                    self.set_search(String::new());
                } else if let Some(actor) = self.filter.actors.last().copied() {
                    self.toggle_actor(actor);
                }
            }
            Action::Zoom => {
                self.view.zoom = !self.view.zoom;
                self.follow_all();
            }
            _ => {}
        }
    }

    fn searching(&mut self, action: Action) {
        match action {
            Action::Input(c) => {
                let mut text = self.filter.search.clone();
                text.push(c);
                self.set_search(text);
            }
            Action::DeleteChar => {
                let mut text = self.filter.search.clone();
                text.pop();
                self.set_search(text);
            }
            Action::ClearInput => self.set_search(String::new()),
            Action::Accept => {
                self.view.search = None;
                if self.filter.search.trim().is_empty() {
                    self.set_search(String::new());
                }
            }
            Action::Back => {
                if let Some(input) = self.view.search.take() {
                    self.set_search(input.before);
                    if let Some(p) = input
                        .event
                        .and_then(|e| self.selection.events.binary_search(&e).ok())
                    {
                        self.view.timeline.selected = p;
                    }
                    let rank = &self.derived.quote_rank;
                    if let Some(p) = input.quote.and_then(|q| {
                        self.selection
                            .quotes
                            .binary_search_by_key(&rank[q], |&x| rank[x])
                            .ok()
                    }) {
                        self.view.quotes.selected = p;
                    }
                    self.follow_all();
                }
            }
            Action::Up => self.move_vertical(self.view.focus, -1),
            Action::Down => self.move_vertical(self.view.focus, 1),
            _ => {}
        }
    }

    fn picking(&mut self, action: Action) {
        let Some(Popup::Picker(picker)) = &mut self.view.popup else {
            return;
        };
        let mut query = picker.query.clone();
        match action {
            Action::Input(c) => query.push(c),
            Action::DeleteChar => {
                query.pop();
            }
            Action::ClearInput => query.clear(),
            Action::Up => return self.move_picker(Motion::By(-1)),
            Action::Down => return self.move_picker(Motion::By(1)),
            Action::PageUp => return self.move_picker(Motion::Page(-1)),
            Action::PageDown => return self.move_picker(Motion::Page(1)),
            Action::Toggle => {
                if let Some(&actor) = picker.matches.get(picker.cursor.selected) {
                    self.toggle_actor(actor);
                }
                return;
            }
            Action::Back => {
                self.view.popup = None;
                return;
            }
            _ => return,
        }
        let matches = self.picker_matches(&query);
        if let Some(Popup::Picker(picker)) = &mut self.view.popup {
            let kept = picker.matches.get(picker.cursor.selected).copied();
            picker.cursor.selected = kept
                .and_then(|a| matches.iter().position(|&m| m == a))
                .unwrap_or(0);
            picker.cursor.offset = 0;
            picker.query = query;
            picker.matches = matches;
        }
        self.move_picker(Motion::By(0));
    }

    fn detailing(&mut self, action: Action) {
        let width = ui::detail::text_width(self.popup_space());
        let height = ui::detail::text_height(self.popup_space());
        let Some(Popup::Detail(pages)) = &self.view.popup else {
            return;
        };
        let Some(page) = pages.last() else {
            self.view.popup = None;
            return;
        };
        let doc = ui::detail::document(self, page, width);
        let max_scroll = doc.lines.len().saturating_sub(height);
        let links = doc.links;
        let mut page = page.clone();
        match action {
            Action::Up => page.scroll = page.scroll.saturating_sub(1),
            Action::Down => page.scroll = (page.scroll + 1).min(max_scroll),
            Action::PageUp => page.scroll = page.scroll.saturating_sub(height.max(1)),
            Action::PageDown => page.scroll = (page.scroll + height.max(1)).min(max_scroll),
            Action::Top => page.scroll = 0,
            Action::Bottom => page.scroll = max_scroll,
            Action::NextLink | Action::PrevLink if !links.is_empty() => {
                let n = links.len();
                let at = page.link.min(n - 1);
                page.link = if action == Action::NextLink {
                    (at + 1) % n
                } else {
                    (at + n - 1) % n
                };
                let line = links[page.link].line;
                if line < page.scroll {
                    page.scroll = line;
                } else if line >= page.scroll + height {
                    page.scroll = (line + 1).saturating_sub(height).min(max_scroll);
                }
            }
            Action::Toggle => {
                match links.get(page.link).map(|link| link.target) {
                    Some(Target::Actor(actor)) => self.toggle_actor(actor),
                    Some(_) => self.view.status = Some("only actors go in the filter".into()),
                    None => {}
                }
                return;
            }
            Action::Open => {
                if let Some(link) = links.get(page.link) {
                    if link.target == page.target {
                        // The actor's own line on its page: nothing new to open.
                        self.view.status = Some("already open".into());
                    } else if let Some(Popup::Detail(pages)) = &mut self.view.popup {
                        pages.push(DetailPage::new(link.target));
                    }
                }
                return;
            }
            Action::Back => {
                if let Some(Popup::Detail(pages)) = &mut self.view.popup {
                    pages.pop();
                    if pages.is_empty() {
                        self.view.popup = None;
                    }
                }
                return;
            }
            _ => return,
        }
        if let Some(Popup::Detail(pages)) = &mut self.view.popup
            && let Some(last) = pages.last_mut()
        {
            *last = page;
        }
    }

    fn helping(&mut self, action: Action) {
        let height = ui::help::text_height(self.popup_space());
        let max_scroll = self.help_max_scroll();
        let Some(scroll) = &mut self.view.help else {
            return;
        };
        match action {
            Action::Up => *scroll = scroll.saturating_sub(1),
            Action::Down => *scroll = (*scroll + 1).min(max_scroll),
            Action::PageUp => *scroll = scroll.saturating_sub(height.max(1)),
            Action::PageDown => *scroll = (*scroll + height.max(1)).min(max_scroll),
            Action::Top => *scroll = 0,
            Action::Bottom => *scroll = max_scroll,
            Action::Back => self.view.help = None,
            _ => {}
        }
    }

    fn help_max_scroll(&self) -> usize {
        let height = ui::help::text_height(self.popup_space());
        ui::help::lines(self, self.popup_space())
            .len()
            .saturating_sub(height)
    }

    /// After a resize, popups scroll no further than their new last page, so
    /// the next key moves what is seen.
    fn clamp_scrolls(&mut self) {
        if self.view.help.is_some() {
            let max = self.help_max_scroll();
            if let Some(scroll) = &mut self.view.help {
                *scroll = (*scroll).min(max);
            }
        }
        let width = ui::detail::text_width(self.popup_space());
        let height = ui::detail::text_height(self.popup_space());
        let Some(Popup::Detail(pages)) = &self.view.popup else {
            return;
        };
        let max: Vec<usize> = pages
            .iter()
            .map(|page| {
                let lines = ui::detail::document(self, page, width).lines.len();
                lines.saturating_sub(height)
            })
            .collect();
        if let Some(Popup::Detail(pages)) = &mut self.view.popup {
            for (page, max) in pages.iter_mut().zip(max) {
                page.scroll = page.scroll.min(max);
            }
        }
    }

    fn focus(&mut self, pane: Pane) {
        self.view.focus = pane;
        if pane != Pane::Figures {
            self.view.tab = pane;
        }
        self.follow(pane);
    }

    fn set_search(&mut self, text: String) {
        if self.filter.search != text {
            self.filter.search = text;
            self.refilter();
        }
    }

    fn toggle_actor(&mut self, actor: ActorIx) {
        self.filter.toggle_actor(actor);
        self.refilter();
        let name = ui::text::fit(&ui::text::shown(&self.situation.actors[actor].name, 40), 40);
        let sign = if self.filter.actors.contains(&actor) {
            "+"
        } else {
            "−"
        };
        // The count is what the whole filter now shows, not the actor's own.
        self.view.status = Some(format!(
            "{sign} {name} · {} shown",
            plural(self.selection.events.len(), "event")
        ));
    }

    /// Applies the filter again, keeping each cursor on the same item when it
    /// is still there, otherwise on its nearest neighbour in list order.
    fn refilter(&mut self) {
        let event = self
            .selection
            .events
            .get(self.view.timeline.selected)
            .copied()
            .or(self.view.last_event);
        let quote = self
            .selection
            .quotes
            .get(self.view.quotes.selected)
            .copied()
            .or(self.view.last_quote);
        self.view.last_event = event;
        self.view.last_quote = quote;
        self.selection = in_quote_order(
            select(&self.situation, &self.index, &self.filter),
            &self.derived,
        );
        self.view.timeline.selected = nearest(&self.selection.events, event, |e| e);
        let rank = &self.derived.quote_rank;
        self.view.quotes.selected = nearest(&self.selection.quotes, quote, |q| rank[q]);
        self.follow_all();
    }

    fn picker_matches(&self, query: &str) -> Vec<ActorIx> {
        let hits = self.index.actors_matching(query);
        self.derived
            .actor_order
            .iter()
            .copied()
            .filter(|&a| hits.get(a).copied().unwrap_or(false))
            .collect()
    }

    fn move_picker(&mut self, motion: Motion) {
        let page = ui::picker::list_height(self.popup_space()).max(1);
        if let Some(Popup::Picker(picker)) = &mut self.view.popup {
            let len = picker.matches.len();
            picker.cursor.selected = step(picker.cursor.selected, motion, len, page);
            picker.cursor.follow(len, page);
        }
    }

    /// Items in a pane's list.
    pub fn pane_len(&self, pane: Pane) -> usize {
        match pane {
            Pane::Figures => self.situation.metrics.len(),
            Pane::Timeline => self.selection.events.len(),
            Pane::Actors => self.derived.actor_order.len(),
            Pane::Quotes => self.selection.quotes.len(),
        }
    }

    fn cursor_mut(&mut self, pane: Pane) -> &mut Cursor {
        match pane {
            Pane::Figures => &mut self.view.figures,
            Pane::Timeline => &mut self.view.timeline,
            Pane::Actors => &mut self.view.actors,
            Pane::Quotes => &mut self.view.quotes,
        }
    }

    pub fn cursor(&self, pane: Pane) -> Cursor {
        match pane {
            Pane::Figures => self.view.figures,
            Pane::Timeline => self.view.timeline,
            Pane::Actors => self.view.actors,
            Pane::Quotes => self.view.quotes,
        }
    }

    /// Where a pane's items are drawn now (also for a pane hidden behind a
    /// tab or a zoom).
    fn pane_inner(&self, pane: Pane) -> Rect {
        ui::layout::screen(self, self.view.size).list(pane)
    }

    fn move_in(&mut self, pane: Pane, motion: Motion) {
        let len = self.pane_len(pane);
        if len == 0 {
            return;
        }
        let inner = self.pane_inner(pane);
        let selected = self.cursor(pane).selected;
        let next = match pane {
            Pane::Figures => {
                let grid = ui::figures::grid(self, inner);
                let per_row = grid.per_row.max(1);
                match motion {
                    Motion::Page(d) => step(
                        selected,
                        Motion::By(d * (per_row * grid.visible_rows) as isize),
                        len,
                        1,
                    ),
                    other => step(selected, other, len, 1),
                }
            }
            Pane::Quotes => {
                let page = (inner.height as usize / 4).max(1);
                step(selected, motion, len, page)
            }
            _ => step(selected, motion, len, (inner.height as usize).max(1)),
        };
        self.cursor_mut(pane).selected = next;
        self.follow(pane);
    }

    /// Up and down: by one row, which in the figures grid is a row of cards
    /// (from the first or last row, nowhere).
    fn move_vertical(&mut self, pane: Pane, rows: isize) {
        if pane != Pane::Figures {
            return self.move_in(pane, Motion::By(rows));
        }
        let len = self.pane_len(pane);
        let grid = ui::figures::grid(self, self.pane_inner(pane));
        let per_row = grid.per_row.max(1);
        let row = (self.view.figures.selected / per_row) as isize;
        let last_row = (len.saturating_sub(1) / per_row) as isize;
        let to_row = (row + rows).clamp(0, last_row);
        self.move_in(pane, Motion::By((to_row - row) * per_row as isize));
    }

    fn follow_all(&mut self) {
        for pane in Pane::ALL {
            self.follow(pane);
        }
        if let Some(Popup::Picker(_)) = self.view.popup {
            self.move_picker(Motion::By(0));
        }
    }

    /// Scrolls a pane so its cursor is in view.
    fn follow(&mut self, pane: Pane) {
        let inner = self.pane_inner(pane);
        let height = inner.height as usize;
        let len = self.pane_len(pane);
        match pane {
            Pane::Timeline => {
                let rows = self.timeline_rows();
                let row = self.timeline_row_of(self.view.timeline.selected);
                let cursor = &mut self.view.timeline;
                if std::mem::take(&mut self.view.center_timeline) && height > 0 {
                    // Put the selected row two thirds down, so the divider
                    // and what comes next are in view.
                    cursor.offset = row.saturating_sub(height * 2 / 3);
                }
                cursor.follow_row(row, rows, height);
            }
            Pane::Actors => self.view.actors.follow(len, height),
            Pane::Quotes => {
                let selected = self.view.quotes.selected.min(len.saturating_sub(1));
                let offset = self.view.quotes.offset.min(selected);
                // Walk up from the selected quote while the quotes down to it
                // still fit: the first that fits is the lowest offset that
                // shows the selected one whole. Costs the quotes in view only.
                let mut first = selected;
                let mut rows = 0;
                while first > offset {
                    rows += ui::quotes::height(self, self.selection.quotes[first], inner.width);
                    let above =
                        ui::quotes::height(self, self.selection.quotes[first - 1], inner.width);
                    if rows + above > height {
                        break;
                    }
                    first -= 1;
                }
                let offset = offset.max(first);
                self.view.quotes.offset = offset;
            }
            Pane::Figures => {
                let grid = ui::figures::grid(self, inner);
                let per_row = grid.per_row.max(1);
                let row = self.view.figures.selected / per_row;
                self.view
                    .figures
                    .follow_row(row, grid.rows, grid.visible_rows);
            }
        }
    }

    fn open_selected(&mut self) {
        let cursor = self.cursor(self.view.focus);
        let target = match self.view.focus {
            Pane::Figures => (cursor.selected < self.situation.metrics.len())
                .then_some(Target::Metric(cursor.selected)),
            Pane::Timeline => self
                .selection
                .events
                .get(cursor.selected)
                .map(|&e| Target::Event(e)),
            Pane::Actors => self
                .derived
                .actor_order
                .get(cursor.selected)
                .map(|&a| Target::Actor(a)),
            Pane::Quotes => self
                .selection
                .quotes
                .get(cursor.selected)
                .map(|&q| Target::Quote(q)),
        };
        if let Some(target) = target {
            self.view.popup = Some(Popup::Detail(vec![DetailPage::new(target)]));
        }
    }

    fn jump_to_match(&mut self, direction: isize) {
        let needle = self.needle();
        if needle.is_empty() {
            self.view.status = Some("no search: press / to search".into());
            return;
        }
        let pane = self.view.focus;
        let len = self.pane_len(pane);
        // Which items of the pane match. Timeline and quotes are already
        // narrowed to matches; actors and figures are marked, not narrowed.
        let is_match = |app: &App, i: usize| -> bool {
            match pane {
                Pane::Timeline | Pane::Quotes => true,
                Pane::Actors => app
                    .selection
                    .actors_matching_search
                    .get(app.derived.actor_order[i])
                    .copied()
                    .unwrap_or(false),
                Pane::Figures => normalize_query(&app.situation.metrics[i].label).contains(&needle),
            }
        };
        let total = (0..len).filter(|&i| is_match(self, i)).count();
        if total == 0 {
            self.view.status = Some(format!("no match in {}", pane.title()));
            return;
        }
        let start = self.cursor(pane).selected;
        let found = (1..=len)
            .map(|k| (start as isize + direction * k as isize).rem_euclid(len as isize) as usize)
            .find(|&i| is_match(self, i));
        if let Some(i) = found {
            self.cursor_mut(pane).selected = i;
            self.follow(pane);
            let nth = (0..=i).filter(|&j| is_match(self, j)).count();
            self.view.status = Some(format!("match {nth} of {total}"));
        }
    }

    fn click(&mut self, at: Position) {
        let size = self.view.size;
        let screen = ui::layout::screen(self, size);
        if screen.too_small {
            return;
        }
        let space = self.popup_space();
        if self.view.help.is_some() {
            if !ui::help::area(space).contains(at) {
                self.view.help = None;
            }
            return;
        }
        match &self.view.popup {
            Some(Popup::Picker(picker)) => {
                let list = ui::picker::list_area(space);
                if list.contains(at) {
                    let row = picker.cursor.offset + usize::from(at.y - list.y);
                    if row < picker.matches.len() {
                        let target = row as isize - picker.cursor.selected as isize;
                        self.move_picker(Motion::By(target));
                    }
                } else if !ui::picker::area(space).contains(at) {
                    self.view.popup = None;
                }
                return;
            }
            Some(Popup::Detail(_)) => {
                if !ui::detail::area(space).contains(at) {
                    self.view.popup = None;
                }
                return;
            }
            None => {}
        }
        // A click elsewhere keeps the search being typed.
        self.view.search = None;
        if let Some((_, chip)) = ui::header::chips(self, screen.header)
            .into_iter()
            .find(|(rect, _)| rect.contains(at))
        {
            match chip {
                ui::header::Chip::Actor(actor) => self.toggle_actor(actor),
                ui::header::Chip::Search => self.set_search(String::new()),
            }
            return;
        }
        if let Some(&(_, pane)) = screen.tabs.iter().find(|(rect, _)| rect.contains(at)) {
            self.focus(pane);
            return;
        }
        let Some(pane) = Pane::ALL
            .into_iter()
            .find(|&p| screen.visible(p).is_some_and(|r| r.contains(at)))
        else {
            return;
        };
        let was_focused = self.view.focus == pane;
        self.focus(pane);
        if let Some(item) = self.item_at(pane, &screen, at) {
            if was_focused && item == self.cursor(pane).selected {
                // A second click on the selected item opens it.
                self.open_selected();
            } else {
                self.cursor_mut(pane).selected = item;
                self.follow(pane);
            }
        }
    }

    /// The item of a pane drawn at a screen cell.
    fn item_at(&self, pane: Pane, screen: &ui::layout::Screen, at: Position) -> Option<usize> {
        let inner = screen.list(pane);
        if !inner.contains(at) {
            return None;
        }
        let dy = usize::from(at.y - inner.y);
        let cursor = self.cursor(pane);
        match pane {
            Pane::Timeline => self.timeline_event_at(cursor.offset + dy),
            Pane::Actors => Some(cursor.offset + dy).filter(|&i| i < self.pane_len(pane)),
            Pane::Quotes => {
                let mut top = 0;
                for p in cursor.offset..self.selection.quotes.len() {
                    top += ui::quotes::height(self, self.selection.quotes[p], inner.width);
                    if dy < top {
                        return Some(p);
                    }
                }
                None
            }
            Pane::Figures => ui::figures::card_at(self, inner, at),
        }
    }

    fn wheel(&mut self, at: Position, lines: isize) {
        let size = self.view.size;
        match self.mode() {
            Mode::TooSmall => {}
            Mode::Detail => {
                let action = if lines > 0 { Action::Down } else { Action::Up };
                for _ in 0..lines.unsigned_abs() {
                    self.detailing(action);
                }
            }
            Mode::Help => {
                let action = if lines > 0 { Action::Down } else { Action::Up };
                for _ in 0..lines.unsigned_abs() {
                    self.helping(action);
                }
            }
            Mode::Picker => self.move_picker(Motion::By(lines)),
            Mode::Normal | Mode::Search => {
                let screen = ui::layout::screen(self, size);
                if let Some(pane) = Pane::ALL
                    .into_iter()
                    .find(|&p| screen.visible(p).is_some_and(|r| r.contains(at)))
                {
                    let rows = if pane == Pane::Figures {
                        lines.signum()
                    } else {
                        lines
                    };
                    self.move_vertical(pane, rows);
                }
            }
        }
    }
}

/// A cursor moved within a list of `len` items, `page` items a page.
fn step(selected: usize, motion: Motion, len: usize, page: usize) -> usize {
    if len == 0 {
        return 0;
    }
    let last = len - 1;
    let by = |d: isize| {
        (selected as isize)
            .saturating_add(d)
            .clamp(0, last as isize) as usize
    };
    match motion {
        Motion::By(d) => by(d),
        Motion::Page(d) => by(d * page as isize),
        Motion::Top => 0,
        Motion::Bottom => last,
    }
}

/// Where a cursor lands after its list changed: the same item when it is
/// still there, else the next one in list order (the list is sorted by
/// `key`), else the last.
fn nearest(list: &[usize], item: Option<usize>, key: impl Fn(usize) -> usize) -> usize {
    match item {
        None => 0,
        Some(item) => match list.binary_search_by_key(&key(item), |&x| key(x)) {
            Ok(position) => position,
            Err(position) => position.min(list.len().saturating_sub(1)),
        },
    }
}

/// The selection with its quotes in the dashboard's order.
fn in_quote_order(mut selection: Selection, derived: &Derived) -> Selection {
    selection.quotes.sort_by_key(|&q| derived.quote_rank[q]);
    selection
}

/// Quotes by their own date, else their event's; undated last; the sort is
/// stable, so equal dates keep file order.
fn quote_order(s: &Situation) -> (Vec<usize>, Vec<usize>) {
    let order = crate::query::quotes_by_date(s);
    let mut rank = vec![0; order.len()];
    for (position, &q) in order.iter().enumerate() {
        rank[q] = position;
    }
    (order, rank)
}

/// Columns an actor's short name takes at most in timeline rows.
const SHORT_NAME_MAX: usize = 40;
/// Bytes of a key figure's unit or event title kept for its card (which
/// shows two rows of it at most).
const FIGURE_TEXT_MAX: usize = 200;

fn derive(s: &Situation, staleness: Staleness) -> Derived {
    let (actor_order, actor_guide) = actor_tree(s);
    let short_names: Vec<String> = s
        .actors
        .iter()
        .map(|a| {
            std::iter::once(&a.name)
                .chain(a.aliases.iter().filter(|alias| alias.chars().count() >= 2))
                .min_by_key(|name| ui::text::width(name))
                // Rows show a few names; a very long one is cut once here.
                .map(|name| ui::text::fit(&ui::text::shown(name, SHORT_NAME_MAX), SHORT_NAME_MAX))
                .unwrap_or_default()
        })
        .collect();
    let actor_name_width = typical(
        s.actors
            .iter()
            .zip(&actor_guide)
            .map(|(a, guide)| ui::text::width(guide) + ui::text::width(&a.name))
            .collect(),
        80,
    )
    .min(40);
    let short_widths: Vec<usize> = short_names.iter().map(|n| ui::text::width(n)).collect();
    let event_actors_width = typical(
        s.events
            .iter()
            .map(|e| {
                let names: usize = e.actors.iter().map(|&a| short_widths[a]).sum();
                names + 2 * e.actors.len().saturating_sub(1)
            })
            .collect(),
        95,
    );
    let date_width = s
        .events
        .iter()
        .map(|e| ui::text::width(&ui::timeline::date_label(e)))
        .max()
        .unwrap_or(0)
        .clamp(6, 22);
    let category_width = s
        .events
        .iter()
        .filter_map(|e| e.category.as_deref())
        .map(ui::text::width)
        .max()
        .unwrap_or(0)
        .min(14);
    let title_width = typical(
        s.events
            .iter()
            .map(|e| ui::text::width(&crate::sanitize::clean_line(&e.title)))
            .collect(),
        90,
    )
    .min(90);
    let (quote_order, quote_rank) = quote_order(s);
    let mut figures: Vec<Figure> = s
        .metrics
        .iter()
        .map(|m| figure_with(s, m, staleness))
        .collect();
    // Cards show a few words of these; cut very long ones once, here, rather
    // than on every frame.
    for f in &mut figures {
        for text in [&mut f.event_title, &mut f.unit].into_iter().flatten() {
            if text.len() > FIGURE_TEXT_MAX {
                *text = ui::text::fit(text, FIGURE_TEXT_MAX);
            }
        }
    }
    let card_width = s
        .metrics
        .iter()
        .zip(&figures)
        .map(|(m, f)| {
            let unit = f.unit.as_deref().map_or(0, |u| ui::text::width(u) + 1);
            ui::text::width(&m.label).max(ui::text::width(&f.display) + unit) + 4
        })
        .max()
        .unwrap_or(0)
        .clamp(usize::from(ui::card::CARD_MIN_WIDTH), 40) as u16;
    Derived {
        figures,
        card_width,
        actor_order,
        actor_guide,
        actor_name_width,
        event_actors_width,
        short_names,
        date_width,
        category_width,
        title_width,
        quote_order,
        quote_rank,
    }
}

/// The `percent` percentile of some widths (0 for none).
fn typical(mut widths: Vec<usize>, percent: usize) -> usize {
    if widths.is_empty() {
        return 0;
    }
    let at = (widths.len() * percent / 100).min(widths.len() - 1);
    *widths.select_nth_unstable(at).1
}

/// Actors in tree order (each followed by its members, in file order) and
/// the guide drawn before each name.
fn actor_tree(s: &Situation) -> (Vec<ActorIx>, Vec<String>) {
    let n = s.actors.len();
    let mut members: Vec<Vec<ActorIx>> = vec![Vec::new(); n];
    let mut roots = Vec::new();
    for (i, actor) in s.actors.iter().enumerate() {
        match actor.part_of {
            Some(parent) => members[parent].push(i),
            None => roots.push(i),
        }
    }
    let mut order = Vec::with_capacity(n);
    let mut guides = vec![String::new(); n];
    // (actor, guide of its ancestors, whether it is its parent's last member;
    // None for a top-level actor). The loader rejects part_of cycles, so
    // every actor is reached once.
    let mut stack: Vec<(ActorIx, String, Option<bool>)> = roots
        .iter()
        .rev()
        .map(|&r| (r, String::new(), None))
        .collect();
    while let Some((actor, above, last)) = stack.pop() {
        order.push(actor);
        let (own, below) = match last {
            None => (String::new(), String::new()),
            Some(true) => (format!("{above}└ "), format!("{above}  ")),
            Some(false) => (format!("{above}├ "), format!("{above}│ ")),
        };
        guides[actor] = own;
        let kids = &members[actor];
        for (k, &kid) in kids.iter().enumerate().rev() {
            stack.push((kid, below.clone(), Some(k + 1 == kids.len())));
        }
    }
    (order, guides)
}
