//! The dashboard's state: the data (situation, index, filter, selection),
//! the view (focus, pane components, popups) and the screen's geometry,
//! computed once per change. [`App::update`] is the only mutator for what
//! the user asks and returns the [`Effect`]s the terminal loop performs;
//! what a reload finds replaces the data through [`App::reloaded`] (in
//! `reload.rs`), which carries the view over. Every field is private:
//! drawing (`ui`) reads through the accessors.
//!
//! Layers, each using only those below it:
//!
//! ```text
//! model -> query -> data, derived -> geometry, doc -> app -> ui -> tui
//! ```

pub mod cursor;
mod effect;
pub mod panes;
pub mod popups;
mod reload;
mod seen;
mod share;
mod view;

#[cfg(test)]
mod facet_tests;
#[cfg(test)]
mod tests;

use ratatui::layout::{Position, Rect};

pub use cursor::{Cursor, Motion, relocate};
pub use effect::{Effect, Effects};
pub use popups::{
    DetailPage, DetailPopup, ExportPopup, FacetPopup, FacetRow, FacetValue, Field, Group,
    HelpPopup, ListPicker, Pick, PickerPopup, Popup, RemovedPopup, Reply, ReportPopup, Row,
    SourcesPopup, WindowPopup,
};
pub use reload::carry_over;
pub use seen::{MARKING_THREAD, Marked, Marking, Seen, SeenSetup};
pub use view::{SearchInput, View};

use crate::action::{Action, Pane};
use crate::data::Data;
use crate::derived::Derived;
use crate::doc::detail::Target;
use crate::figures::Staleness;
use crate::geometry::columns::{actors_full_width, timeline_full_width};
use crate::geometry::header::{Chip, chips};
use crate::geometry::{Facts, LaidOut, Screen};
use crate::keymap::{Keymap, Mode};
use crate::marks::Marks;
use crate::model::{ActorIx, EventIx, MetricIx, PlaceIx, QuoteIx, Situation};
use crate::places::{Anchors, Markers};
use crate::query::{Facet, Filter, Index, Selection};
use crate::reload::Problem;
use crate::strip::Strip;
use crate::text::{fit, plural, shown};
use crate::theme::Theme;
use crate::window::Window;
use panes::PaneModel;

const NO_WINDOW: &str = "no date window: press w to set one";

/// The header's word while the marks are worked out.
pub const MARKING: &str = "marking new and changed…";

/// When [`App::build`] works out the marks against the last look.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum MarksWhen {
    /// With the rest of the state: a reload, whose view carries the
    /// filter on them over.
    WithTheState,
    /// After the first frame is drawn (see [`App::take_marking`]).
    AfterTheFirstFrame,
}

/// How the dashboard starts.
#[derive(Clone, Debug)]
pub struct Options {
    /// The filter from the start (`--actor`, `--place`, `--search`,
    /// `--from`, `--to`).
    pub filter: Filter,
    /// Capture the mouse (off: the terminal selects text as usual).
    pub mouse: bool,
    pub theme: Theme,
    /// The pane focused at start (the config file's `focus`).
    pub focus: Pane,
    /// When a key figure counts as stale.
    pub staleness: Staleness,
    /// The keys in use (the config file's `[keys]` applied).
    pub keymap: Keymap,
    /// Warnings the loader found, told once in the footer.
    pub warnings: usize,
    /// The file shown, as named on the command line (safe to print); `None`
    /// for the built-in situation.
    pub file: Option<String>,
    /// Remembering what was seen (a file, without `--no-state`).
    pub seen: Option<SeenSetup>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            filter: Filter::default(),
            mouse: true,
            theme: Theme::monochrome(),
            focus: Pane::Timeline,
            staleness: Staleness::default(),
            keymap: Keymap::default(),
            warnings: 0,
            file: None,
            seen: None,
        }
    }
}

pub struct App {
    data: Data,
    view: View,
    /// Where everything is, for `view.size` and the state now.
    screen: Screen,
    /// What `screen` was worked out from.
    laid_out: Option<LaidOut>,
    theme: Theme,
    /// When a key figure counts as stale; kept for reloads.
    staleness: Staleness,
    /// Keys to actions; help and the footer name its keys.
    keymap: Keymap,
    /// Mouse capture wanted; the terminal loop makes it so.
    mouse: bool,
    /// The file shown (safe to print); `None` for the built-in situation.
    file: Option<String>,
    /// Why the last save did not load, while the last good data stays on
    /// screen; cleared by a save that loads.
    problem: Option<Problem>,
    /// What was seen before and the marks against it; `None` when nothing
    /// is remembered.
    seen: Option<Seen>,
    /// The marks still to be worked out, until the terminal loop takes them
    /// (see [`App::take_marking`]).
    marking: Option<Marking>,
    /// The time strip's buckets for the filter and the strip's width; made
    /// again only when either changes (see `relayout`).
    strip: Strip,
    /// The filter changed since `strip` was made.
    strip_stale: bool,
}

/// What the screen's arrangement depends on, for the state now.
fn facts<'a>(data: &'a Data, view: &View, banner: bool) -> Facts<'a> {
    Facts {
        size: view.size,
        banner,
        labels: data.card_labels(),
        actors: data.situation.actors.len(),
        timeline_full: full_width(timeline_full_width(&data.derived)),
        actors_full: full_width(actors_full_width(
            &data.derived,
            data.index.event_count_max(),
        )),
        zoom: view.zoom,
        map: data.has_map(),
        focus: view.focus,
        recent: view.recent,
        strip: !view.strip_hidden,
        notes: Pane::ALL.map(|pane| order_note(data, pane)),
    }
}

/// The order a pane lists its items in, for its title, when it can be
/// changed (`s`): "newest first"; nothing for the other panes.
fn order_note(data: &Data, pane: Pane) -> &'static str {
    match pane {
        Pane::Timeline if data.newest_first() => "newest first",
        Pane::Timeline => "oldest first",
        Pane::Actors => data.actor_order().words(),
        _ => "",
    }
}

/// A facet value as feedback names it: "category security", "source Al
/// Jazeera (aljazeera-2024-09-21)", cleaned and cut for one line.
fn facet_label(s: &Situation, facet: &Facet) -> String {
    let value = match facet {
        Facet::Source(src) => {
            let source = &s.sources[*src];
            let name = source.publisher.as_deref().unwrap_or(&source.title);
            format!("{} ({})", shown(name, 30), shown(&source.id, 30))
        }
        other => shown(other.name(s), 40).into_owned(),
    };
    format!("{} {}", facet.group().noun(1), fit(&value, 48))
}

/// A pane's width for `inner` columns inside its border.
fn full_width(inner: usize) -> u16 {
    u16::try_from(inner + 2).unwrap_or(u16::MAX)
}

impl App {
    /// The dashboard on a situation just opened. Against a record of an
    /// earlier look, the marks are worked out after the first frame (see
    /// [`App::take_marking`]): until they come, the header says they are
    /// being worked out and nothing is marked.
    pub fn new(situation: Situation, options: Options) -> App {
        App::build(situation, options, MarksWhen::AfterTheFirstFrame)
    }

    fn build(situation: Situation, mut options: Options, when: MarksWhen) -> App {
        let (filter, staleness) = (options.filter, options.staleness);
        let later = when == MarksWhen::AfterTheFirstFrame;
        if !later && let Some(setup) = &mut options.seen {
            setup.read_now();
        }
        let (data, marking) = match (options.seen.as_ref()).filter(|s| later && s.to_mark()) {
            Some(setup) => {
                let data = Data::awaiting_marks(situation, filter, staleness);
                let marking = Marking::new(&data.situation, setup);
                (data, Some(marking))
            }
            None => match options.seen.as_ref().and_then(Seen::marking) {
                Some(marking) => (Data::marked_by(situation, filter, staleness, marking), None),
                None => (
                    Data::new(situation, filter, staleness, Default::default()),
                    None,
                ),
            },
        };
        let seen = (options.seen.as_ref()).map(|setup| Seen::new(setup, &data.marks));
        let mut app = App {
            data,
            view: View::default(),
            screen: Screen::default(),
            laid_out: None,
            theme: options.theme,
            staleness: options.staleness,
            keymap: options.keymap,
            mouse: options.mouse,
            file: options.file,
            problem: None,
            seen,
            marking,
            strip: Strip::default(),
            strip_stale: true,
        };
        app.view.panes.map = panes::MapPane::new(Anchors::new(&app.data.situation));
        app.remark_map();
        if let Some(seen) = &mut app.seen {
            seen.opened(&app.data.situation);
        }
        if app.has_pane(options.focus) {
            app.set_focus(options.focus);
        }
        // Open on "now": the latest event that is over, with the
        // divider in view.
        app.view.panes.timeline.cursor.selected = app.data.latest_past();
        app.view.panes.timeline.center = true;
        if options.warnings > 0 {
            app.view.status = Some(format!(
                "loaded with {}: `sitrep check` explains",
                plural(options.warnings, "warning")
            ));
        }
        if let Some(problem) = options.seen.as_ref().and_then(|s| s.problem.as_ref()) {
            app.record_not_used(problem);
        }
        app.relayout();
        app
    }

    /// Tells once, beside whatever else is told, that the seen-state record
    /// could not be used.
    fn record_not_used(&mut self, problem: &str) {
        let told = format!("seen-state record not used ({problem}): nothing marked");
        self.view.status = Some(match self.view.status.take() {
            Some(status) => format!("{status} · {told}"),
            None => told,
        });
    }

    /// What was seen before and the marks against it.
    pub fn seen(&self) -> Option<&Seen> {
        self.seen.as_ref()
    }

    /// The marks still to be worked out, for the terminal loop to run off
    /// its own thread once the first frame is drawn; `None` when there are
    /// none (no record of an earlier look, or they were taken already).
    pub fn take_marking(&mut self) -> Option<Marking> {
        self.marking.take()
    }

    /// Works out the marks still to come on this thread, as the terminal
    /// loop does on another (for a caller without one).
    pub fn mark_now(&mut self) {
        if let Some(marking) = self.take_marking() {
            self.marked(marking.run());
        }
    }

    /// The marks have come: the rows get their markers, the header its
    /// count, the list of what was removed its items, and a `u` pressed
    /// meanwhile its filter. Marks of a situation a reload has replaced
    /// since are dropped.
    pub fn marked(&mut self, marked: Marked) {
        if !std::sync::Arc::ptr_eq(&marked.situation, &self.data.situation) || !self.data.marking()
        {
            return;
        }
        let wanted = std::mem::take(&mut self.view.filter_when_marked);
        let (marks, failed) = match marked.marks {
            Ok(marks) => (marks, None),
            Err(why) => (Marks::default(), Some(why)),
        };
        if let Some(seen) = &mut self.seen {
            seen.read(marked.earlier);
            seen.marked(&marks);
        }
        if let Some(problem) = &marked.problem {
            self.record_not_used(problem);
        }
        self.data.set_marks(marks);
        if self.data.filter.marked {
            self.refilter();
        }
        match failed {
            // Nothing marked is not "nothing new": no filter on it.
            Some(why) => self.tell(format!(
                "could not work out what is new and changed (a bug; please report it): {why}"
            )),
            None if wanted => self.toggle_marked(),
            None => {}
        }
        self.relayout();
    }

    /// What the header says of the marks: how many are new, changed and
    /// removed, or that they are still being worked out.
    pub fn marks_wording(&self) -> Option<&str> {
        let seen = self.seen.as_ref()?;
        if self.data.marking() {
            Some(MARKING)
        } else {
            seen.header.as_deref()
        }
    }

    /// The record to write on quitting: the version on screen, seen `now`
    /// (where to, the data file, the record). `None` when nothing is
    /// remembered.
    pub fn seen_record(
        &self,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Option<(std::path::PathBuf, std::path::PathBuf, crate::seen::Record)> {
        self.seen
            .as_ref()
            .and_then(|seen| seen.record(&self.data.situation, now))
    }

    // Reading the state (drawing, tests, the terminal loop).

    pub fn data(&self) -> &Data {
        &self.data
    }
    /// What the pane's title says after its name: its order ("tree").
    pub fn order_note(&self, pane: Pane) -> &'static str {
        order_note(&self.data, pane)
    }
    pub fn situation(&self) -> &Situation {
        &self.data.situation
    }
    pub fn index(&self) -> &Index {
        &self.data.index
    }
    pub fn filter(&self) -> &Filter {
        &self.data.filter
    }
    pub fn selection(&self) -> &Selection {
        &self.data.selection
    }
    pub fn derived(&self) -> &Derived {
        &self.data.derived
    }
    pub fn view(&self) -> &View {
        &self.view
    }
    pub fn screen(&self) -> &Screen {
        &self.screen
    }
    pub fn keymap(&self) -> &Keymap {
        &self.keymap
    }
    /// The time strip's buckets, for the filter now.
    pub fn strip(&self) -> &Strip {
        &self.strip
    }

    /// The time strip's bucket of the selected event.
    pub fn strip_selected(&self) -> Option<usize> {
        let e = self.selected_event()?;
        self.strip.bucket_of_event(&self.data.situation.events[e])
    }

    /// The buckets a drag on the time strip covers so far, in order.
    pub fn strip_dragged(&self) -> Option<(usize, usize)> {
        self.view.drag.map(|(a, b)| (a.min(b), a.max(b)))
    }

    pub fn theme(&self) -> &Theme {
        &self.theme
    }
    pub fn mouse(&self) -> bool {
        self.mouse
    }
    pub fn file(&self) -> Option<&str> {
        self.file.as_deref()
    }
    pub fn problem(&self) -> Option<&Problem> {
        self.problem.as_ref()
    }
    pub fn focus(&self) -> Pane {
        self.view.focus
    }
    pub fn status(&self) -> Option<&str> {
        self.view.status.as_deref()
    }

    /// The cursor of a pane.
    pub fn cursor(&self, pane: Pane) -> Cursor {
        self.view.panes.get(pane).cursor()
    }

    /// Items in a pane's list.
    pub fn pane_len(&self, pane: Pane) -> usize {
        self.view.panes.get(pane).len(&self.data)
    }

    /// What the keyboard is doing now.
    pub fn mode(&self) -> Mode {
        if self.screen.too_small {
            return Mode::TooSmall;
        }
        match self.view.popup() {
            Some(popup) => popup.model().mode(),
            None if self.view.search.is_some() => Mode::Search,
            None => Mode::Normal,
        }
    }

    pub fn filter_active(&self) -> bool {
        self.data.filter_active()
    }

    /// The search text as the filter compares it.
    pub fn needle(&self) -> String {
        self.data.needle()
    }

    /// Panes that have something to show (a file may have no metrics, and
    /// the new-and-changed filter may leave none).
    pub fn has_pane(&self, pane: Pane) -> bool {
        match pane {
            Pane::Figures => !self.data.selection.metrics.is_empty(),
            Pane::Map => self.data.has_map(),
            _ => true,
        }
    }

    /// A line of feedback from outside the state (the terminal loop's
    /// plumbing), shown like any status until the next action.
    pub fn tell(&mut self, status: String) {
        self.view.status = Some(status);
    }

    /// Breaks the state on purpose: the timeline lists an event that does
    /// not exist, so drawing the next frame panics. Only for checking that a
    /// panic gives the terminal back (`examples/dashboard_panic.rs`).
    #[doc(hidden)]
    pub fn break_for_panic_check(&mut self) {
        self.data.selection.events = vec![EventIx::new(crate::model::MAX_ITEMS - 1)];
    }

    /// The only mutator for what the user asks.
    pub fn update(&mut self, action: Action) -> Effects {
        // A resize and the mouse moving or letting go leave the feedback of
        // what was done before.
        let quiet = matches!(
            action,
            Action::Resize { .. } | Action::Drag { .. } | Action::Release { .. }
        );
        if !quiet && self.mode() != Mode::TooSmall {
            self.view.status = None;
        }
        let mut effects = Effects::new();
        match action {
            Action::Quit => effects.push(Effect::Quit),
            Action::Resize { width, height } => self.view.size = Rect::new(0, 0, width, height),
            // Help opens over whatever is open, in any mode that binds it,
            // at the section of that mode.
            Action::Help => {
                let from = self.mode();
                let off = self.keys_off();
                self.open(Popup::Help(HelpPopup::new(from, self.keymap.clone(), off)));
            }
            Action::Report => self.open_report(),
            Action::ToggleMouse => {
                self.mouse = !self.mouse;
                effects.push(Effect::Mouse(self.mouse));
                self.view.status = Some(if self.mouse {
                    "mouse on: click and scroll (m turns it off)".into()
                } else {
                    "mouse off: select text with the mouse (m turns it back on)".into()
                });
            }
            Action::Reload => {
                self.view.status = Some(match &self.file {
                    Some(file) => {
                        effects.push(Effect::Reload);
                        format!("reloading {}…", fit(file, 40))
                    }
                    None => "built-in situation: nothing to reload".into(),
                });
            }
            Action::Suspend => effects.push(Effect::Suspend),
            // Acting on the selected item: browsing, or on a detail's page.
            Action::OpenSource | Action::CopyItem | Action::Edit
                if matches!(self.mode(), Mode::Normal | Mode::Detail) =>
            {
                effects.extend(match action {
                    Action::OpenSource => self.open_source(),
                    Action::CopyItem => self.copy_item(),
                    _ => self.edit(),
                });
            }
            Action::CopyView if self.mode() == Mode::Normal => effects.extend(self.copy_view()),
            Action::Export if self.mode() == Mode::Normal => self.open_export(),
            Action::Click { column, row } => {
                effects.extend(self.click(Position::new(column, row)));
            }
            Action::Drag { column, row } => self.drag(Position::new(column, row)),
            Action::Release { column, row } => self.release(Position::new(column, row)),
            Action::Scroll { column, row, down } => {
                self.wheel(Position::new(column, row), if down { 3 } else { -3 })
            }
            _ => match self.mode() {
                Mode::Normal => self.normal(action),
                Mode::Search => self.searching(action),
                // Nothing on screen to act on; the keymap only lets quit through.
                Mode::TooSmall => {}
                _ => effects.extend(self.send_to_popup(action)),
            },
        }
        self.relayout();
        effects
    }

    /// Computes the screen for the state now, keeps every cursor in view and
    /// lays the popups out (their documents, scroll limits).
    fn relayout(&mut self) {
        let facts = facts(&self.data, &self.view, self.problem.is_some());
        if !self.laid_out.as_ref().is_some_and(|l| l.matches(&facts)) {
            self.screen = Screen::new(&facts);
            self.laid_out = Some(LaidOut::of(&facts));
        }
        let map = self.screen.visible(Pane::Map).map(|_| {
            let (map, _) = crate::geometry::map_areas(self.screen.inner(Pane::Map));
            crate::geo::Grid {
                cols: map.width,
                rows: map.height,
            }
        });
        self.view.panes.map.show(map);
        let columns = usize::from(self.screen.strip.width);
        if self.screen.strip.is_empty() {
            self.strip = Strip::default();
            self.strip_stale = true;
        } else if self.strip_stale || self.strip.columns != columns {
            self.strip = self.make_strip(columns);
            self.strip_stale = false;
        }
        for pane in Pane::ALL {
            self.view
                .panes
                .get_mut(pane)
                .follow(&self.data, &self.screen);
        }
        let space = self.screen.popups;
        for popup in &mut self.view.popups {
            popup.model_mut().relayout(&self.data, &self.theme, space);
        }
    }

    fn open(&mut self, popup: Popup) {
        self.view.popups.push(popup);
    }

    /// Turns the timeline's order round, on the same event.
    fn sort_timeline(&mut self) {
        let event = self.selected_event();
        let newest_first = !self.data.newest_first();
        self.data.set_newest_first(newest_first);
        if let Some(Ok(p)) = event.map(|e| self.find_event(e)) {
            self.view.panes.timeline.cursor.selected = p;
        }
        self.view.status = Some(
            if newest_first {
                "timeline: newest first"
            } else {
                "timeline: oldest first"
            }
            .into(),
        );
    }

    /// The actors in the next order, on the same actor.
    fn sort_actors(&mut self) {
        let cursor = self.view.panes.actors.cursor.selected;
        let actor = self.data.actors_listed().get(cursor).copied();
        let order = self.data.actor_order().next();
        self.data.set_actor_order(order);
        if let Some(Ok(p)) = actor.map(|a| self.find_actor(a)) {
            self.view.panes.actors.cursor.selected = p;
        }
        self.view.status = Some(format!("actors: {}", order.words()));
    }

    /// The strip over the date window, else over every event's days.
    fn make_strip(&mut self, columns: usize) -> Strip {
        let span = self
            .window()
            .map_or(self.data.derived.span, |w| (w.from, w.to));
        self.data.strip(span, columns)
    }

    fn normal(&mut self, action: Action) {
        let focus = self.view.focus;
        match action {
            action if focus == Pane::Map && self.map_key(action) => {}
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
                self.set_focus(pane);
            }
            Action::Focus(pane) => {
                if self.has_pane(pane) {
                    self.set_focus(pane);
                } else if pane == Pane::Map {
                    self.view.status = Some("no place in this file has coordinates".into());
                } else if self.data.situation.metrics.is_empty() {
                    self.view.status = Some("this file has no key figures".into());
                } else {
                    self.view.status = Some("no key figure is new or changed".into());
                }
            }
            Action::Up => self.vertical(focus, -1),
            Action::Down => self.vertical(focus, 1),
            Action::Left if focus == Pane::Figures => self.step(focus, Motion::By(-1)),
            Action::Right if focus == Pane::Figures => self.step(focus, Motion::By(1)),
            Action::PageUp => self.step(focus, Motion::Page(-1)),
            Action::PageDown => self.step(focus, Motion::Page(1)),
            Action::Top => self.step(focus, Motion::Top),
            Action::Bottom => self.step(focus, Motion::Bottom),
            Action::Open => self.open_selected(),
            Action::Back => {
                if !self.data.filter.search.is_empty() {
                    self.set_search(String::new());
                    self.view.status = Some("search cleared".into());
                } else if self.view.zoom {
                    self.view.zoom = false;
                }
            }
            Action::Search => {
                self.view.search = Some(SearchInput {
                    before: self.data.filter.search.clone(),
                    event: self.selected_event(),
                    quote: self.selected_quote(),
                });
            }
            Action::NextMatch => self.jump_to_match(1),
            Action::PrevMatch => self.jump_to_match(-1),
            Action::Picker => {
                let picker = PickerPopup::new(&self.data);
                self.open(Popup::Picker(picker));
            }
            Action::Facets => {
                let facets = FacetPopup::new(&self.data);
                self.open(Popup::Facets(facets));
            }
            Action::Toggle if focus == Pane::Actors => {
                if let Some(Target::Actor(actor)) = self.view.panes.actors.target(&self.data) {
                    self.toggle_actor(actor);
                }
            }
            Action::ClearFilters if self.filter_active() => {
                self.data.filter = Filter::default();
                self.refilter();
                self.view.status = Some("every filter cleared".into());
            }
            Action::OnlyMarked => self.toggle_marked(),
            Action::Removed => self.open_removed(),
            Action::RemoveChip => {
                if self.data.filter.marked {
                    self.toggle_marked();
                } else if !self.data.filter.search.is_empty() {
                    self.set_search(String::new());
                } else if self.window().is_some() {
                    self.set_window(None);
                } else if let Some(place) = self.data.filter.places.last().copied() {
                    self.toggle_place(place);
                } else if let Some(facet) = self.data.filter.facets.all().last() {
                    self.toggle_facet(facet);
                } else if let Some(actor) = self.data.filter.actors.last().copied() {
                    self.toggle_actor(actor);
                }
            }
            Action::Window => {
                let text = self
                    .window()
                    .map(|w| w.label_for_typing())
                    .unwrap_or_default();
                self.open(Popup::Window(WindowPopup::new(text)));
            }
            Action::ShiftWindow { forward } => match self.window() {
                Some(window) => self.set_window(Some(crate::window::shift(window, forward))),
                None => self.view.status = Some(NO_WINDOW.into()),
            },
            Action::ScaleWindow { wider } => match self.window() {
                Some(window) => self.set_window(Some(crate::window::scale(window, wider))),
                None => self.view.status = Some(NO_WINDOW.into()),
            },
            Action::Zoom => self.view.zoom = !self.view.zoom,
            Action::Sort if focus == Pane::Timeline => self.sort_timeline(),
            Action::Sort if focus == Pane::Actors => self.sort_actors(),
            Action::ToggleStrip => {
                self.view.strip_hidden = !self.view.strip_hidden;
                if self.view.strip_hidden {
                    self.view.status = Some("time strip hidden: t shows it".into());
                }
            }
            _ => {}
        }
    }

    /// The date window of the filter, an open end closed at the first or
    /// last day of the situation's events.
    pub fn window(&self) -> Option<Window> {
        let as_of = self.data.situation.as_of;
        let span = self.data.index.days().span().unwrap_or((as_of, as_of));
        crate::window::closed(self.data.filter.from, self.data.filter.to, span)
    }

    fn set_window(&mut self, window: Option<Window>) {
        self.data.filter.from = window.map(|w| w.from);
        self.data.filter.to = window.map(|w| w.to);
        self.refilter();
        let events = plural(self.data.selection.events.len(), "event");
        self.view.status = Some(match window {
            Some(window) => format!("window {} · {events} shown", window.label()),
            None => format!("no date window · {events} shown"),
        });
    }

    fn searching(&mut self, action: Action) {
        match action {
            Action::Input(c) => {
                let mut text = self.data.filter.search.clone();
                text.push(c);
                self.set_search(text);
            }
            Action::DeleteChar => {
                let mut text = self.data.filter.search.clone();
                text.pop();
                self.set_search(text);
            }
            Action::ClearInput => self.set_search(String::new()),
            Action::Accept => {
                self.view.search = None;
                if self.data.filter.search.trim().is_empty() {
                    self.set_search(String::new());
                }
            }
            Action::Back => {
                if let Some(input) = self.view.search.take() {
                    self.set_search(input.before);
                    // Back on what was selected before typing, when it is
                    // there again.
                    if let Some(Ok(p)) = input.event.map(|e| self.find_event(e)) {
                        self.view.panes.timeline.cursor.selected = p;
                    }
                    if let Some(Ok(p)) = input.quote.map(|q| self.find_quote(q)) {
                        self.view.panes.quotes.cursor.selected = p;
                    }
                }
            }
            Action::Up => self.vertical(self.view.focus, -1),
            Action::Down => self.vertical(self.view.focus, 1),
            _ => {}
        }
    }

    /// A key for the popup on top, and what it asks for in reply.
    fn send_to_popup(&mut self, action: Action) -> Option<Effect> {
        let space = self.screen.popups;
        let popup = self.view.popups.last_mut()?;
        let reply = popup.model_mut().update(action, &self.data, space);
        self.reply(reply)
    }

    /// Does what a popup asked; some replies are for the terminal loop.
    fn reply(&mut self, reply: Reply) -> Option<Effect> {
        match reply {
            Reply::Done => {}
            Reply::Close => {
                self.view.popups.pop();
            }
            Reply::ToggleActor(actor) => self.toggle_actor(actor),
            Reply::TogglePlace(place) => self.toggle_place(place),
            Reply::ToggleFacet(facet) => self.toggle_facet(facet),
            Reply::Open(target) => self.open(Popup::Detail(DetailPopup::new(target))),
            Reply::Status(status) => self.view.status = Some(status),
            Reply::SetWindow(window) => {
                self.view.popups.pop();
                self.set_window(window);
            }
            Reply::OpenSource(source) => {
                self.view.popups.pop();
                return self.open_url(source);
            }
            Reply::Export { path, overwrite } => return Some(self.export(path, overwrite)),
            Reply::Copy { text, what } => return self.copy(text, &what),
        }
        None
    }

    fn set_focus(&mut self, pane: Pane) {
        self.view.focus = pane;
        self.view.focused(pane);
    }

    fn set_search(&mut self, text: String) {
        if self.data.filter.search != text {
            self.data.filter.search = text;
            self.refilter();
        }
    }

    /// Turns the filter to only what is new or changed since the last look
    /// on or off. Without a record of what was seen there is nothing to
    /// mark: the filter stays off and the status says why.
    fn toggle_marked(&mut self) {
        let Some(seen) = &self.seen else {
            return self.without_a_record(Action::OnlyMarked);
        };
        if self.data.marking() {
            // Filtering on marks not yet known would show nothing, as if
            // nothing were new: the filter waits for them.
            let wanted = !self.view.filter_when_marked;
            self.view.filter_when_marked = wanted;
            self.view.status = Some(if wanted {
                "still marking new and changed: the filter comes on once they are in".into()
            } else {
                "still marking new and changed: the filter stays off".into()
            });
            return;
        }
        let since = seen.since.clone();
        self.data.filter.marked = !self.data.filter.marked;
        self.refilter();
        let sel = &self.data.selection;
        self.view.status = Some(if self.data.filter.marked {
            format!(
                "only new and changed{since}: {}, {}, {}",
                plural(sel.events.len(), "event"),
                plural(sel.metrics.len(), "figure"),
                plural(sel.quotes.len(), "quote")
            )
        } else {
            format!(
                "everything again · {} shown",
                plural(sel.events.len(), "event")
            )
        });
    }

    /// The keys that have nothing to act on, and why: the help says it
    /// beside them.
    fn keys_off(&self) -> crate::doc::help::Off {
        crate::doc::help::Off {
            no_file: self.file.is_none(),
            no_record: match (&self.seen, &self.file) {
                (Some(_), _) => None,
                (None, Some(_)) => Some("nothing is remembered under --no-state"),
                (None, None) => Some("nothing is remembered of the built-in situation"),
            },
        }
    }

    /// Without a record of what was seen, `u` (new and changed) and `U`
    /// (removed) have nothing to compare with: say what the key is for
    /// and why it has nothing.
    fn without_a_record(&mut self, action: Action) {
        let what = match action {
            Action::Removed => {
                "nothing is known to be removed (U lists what the file lost since your last look)"
            }
            _ => "nothing is marked (u shows only what is new or changed since your last look)",
        };
        self.view.status = Some(match self.file {
            Some(_) => format!("nothing is remembered (--no-state): {what}"),
            None => format!("built-in situation: {what}"),
        });
    }

    /// The whole report of the save that did not load, over what is open.
    fn open_report(&mut self) {
        match &self.problem {
            Some(problem) => {
                let report = ReportPopup::new(problem.report.clone());
                self.open(Popup::Report(report));
            }
            None => {
                self.view.status = Some(match self.file {
                    Some(_) => "the file loaded: no report to show".into(),
                    None => "built-in situation: no report to show".into(),
                })
            }
        }
    }

    /// Lists what the file no longer has since the last look.
    fn open_removed(&mut self) {
        match &self.seen {
            Some(_) => self.open(Popup::Removed(RemovedPopup::default())),
            None => self.without_a_record(Action::Removed),
        }
    }

    fn toggle_actor(&mut self, actor: ActorIx) {
        self.data.filter.toggle_actor(actor);
        self.refilter();
        let name = fit(&shown(&self.data.situation.actors[actor].name, 40), 40);
        let sign = if self.data.filter.actors.contains(&actor) {
            "+"
        } else {
            "−"
        };
        // The count is what the whole filter now shows, not the actor's own.
        self.view.status = Some(format!(
            "{sign} {name} · {} shown",
            plural(self.data.selection.events.len(), "event")
        ));
    }

    /// The map's own keys while it has the focus; `false` for an action it
    /// leaves to the rest of browsing.
    fn map_key(&mut self, action: Action) -> bool {
        let map = &mut self.view.panes.map;
        match action {
            Action::Up => map.pan(0, -1),
            Action::Down => map.pan(0, 1),
            Action::Left => map.pan(-1, 0),
            Action::Right => map.pan(1, 0),
            Action::MapZoomIn => map.zoom(panes::ZOOM_STEP),
            Action::MapZoomOut => map.zoom(1.0 / panes::ZOOM_STEP),
            Action::MapFit => map.fit(),
            // Tab walks the places; past the last one (or before the first)
            // it goes on to the next pane as it does everywhere else.
            Action::FocusNext | Action::FocusPrev => {
                let step = if action == Action::FocusNext { 1 } else { -1 };
                return map.pick_next(step);
            }
            // Enter (the open action) filters by the picked place, as the
            // map's one purpose is where; `i` opens the place.
            Action::Open | Action::Toggle | Action::MapPlace => match map.picked {
                Some(place) if action == Action::MapPlace => {
                    self.open(Popup::Detail(DetailPopup::new(Target::Place(place))))
                }
                Some(place) => self.toggle_place(place),
                None => {
                    let key = self.keymap.key(Mode::Normal, Action::FocusNext);
                    self.view.status = Some(format!(
                        "{} picks a place on the map",
                        key.unwrap_or_else(|| "a click".into())
                    ));
                }
            },
            _ => return false,
        }
        true
    }

    fn toggle_place(&mut self, place: PlaceIx) {
        self.data.filter.toggle_place(place);
        self.refilter();
        let name = fit(&shown(&self.data.situation.places[place].name, 40), 40);
        let sign = if self.data.filter.places.contains(&place) {
            "+"
        } else {
            "−"
        };
        self.view.status = Some(format!(
            "{sign} {name} · {} shown",
            plural(self.data.selection.events.len(), "event")
        ));
    }

    fn toggle_facet(&mut self, facet: Facet) {
        let label = facet_label(&self.data.situation, &facet);
        let sign = if self.data.filter.facets.contains(&facet) {
            "−"
        } else {
            "+"
        };
        self.data.filter.facets.toggle(facet);
        self.refilter();
        self.view.status = Some(format!(
            "{sign} {label} · {} shown",
            plural(self.data.selection.events.len(), "event")
        ));
    }

    /// The map's markers for what the filter keeps now (and a fit to them).
    fn remark_map(&mut self) {
        let map = &mut self.view.panes.map;
        let markers = Markers::new(
            &self.data.situation,
            &map.anchors,
            &self.data.selection.events,
        );
        map.set_markers(markers);
    }

    /// The drawn place of the event selected in the timeline.
    pub fn selected_place(&self) -> Option<PlaceIx> {
        let e = self.selected_event()?;
        let place = self.data.situation.events[e].place?;
        self.view.panes.map.anchors.of(place)
    }

    fn selected_event(&self) -> Option<EventIx> {
        let cursor = self.view.panes.timeline.cursor;
        self.data.selection.events.get(cursor.selected).copied()
    }

    fn selected_quote(&self) -> Option<QuoteIx> {
        let cursor = self.view.panes.quotes.cursor;
        self.data.selection.quotes.get(cursor.selected).copied()
    }

    fn selected_metric(&self) -> Option<MetricIx> {
        let cursor = self.view.panes.figures.cursor;
        self.data.selection.metrics.get(cursor.selected).copied()
    }

    /// Where an event is in the timeline's list (see [`relocate`]).
    fn find_event(&self, event: EventIx) -> Result<usize, usize> {
        relocate(&self.data.selection.events, event, |e| {
            self.data.event_rank(e)
        })
    }

    /// Where an actor is in the actors pane's list (see [`relocate`]).
    fn find_actor(&self, actor: ActorIx) -> Result<usize, usize> {
        relocate(self.data.actors_listed(), actor, |a| {
            self.data.actor_rank(a)
        })
    }

    /// Where a quote is in the quotes pane's list, which is in date order.
    fn find_quote(&self, quote: QuoteIx) -> Result<usize, usize> {
        let rank = &self.data.derived.quote_rank;
        relocate(&self.data.selection.quotes, quote, |q| rank[q.get()])
    }

    /// Whether the search shown looked at only the events whose search text
    /// was built then (a large file just opened; see [`App::refine_search`]).
    pub fn search_pending(&self) -> bool {
        self.data.selection.searched_events.is_some()
    }

    /// Runs a search that looked at only some of the events again, once
    /// more of the search text is built. Whether it did (the screen then
    /// changed).
    pub fn refine_search(&mut self) -> bool {
        let Some(searched) = self.data.selection.searched_events else {
            return false;
        };
        if self.data.index.searchable_events() == Some(searched) {
            return false;
        }
        self.refilter();
        true
    }

    /// Applies the filter again, keeping each cursor on the same item when it
    /// is still there, otherwise on its nearest neighbour in list order.
    fn refilter(&mut self) {
        let event = self.selected_event().or(self.view.last_event);
        let quote = self.selected_quote().or(self.view.last_quote);
        let metric = self.selected_metric();
        self.view.last_event = event;
        self.view.last_quote = quote;
        self.data.refilter();
        self.remark_map();
        self.strip_stale = true;
        let events = self.data.selection.events.len();
        let quotes = self.data.selection.quotes.len();
        self.view.panes.timeline.cursor.selected =
            cursor::landing(event.map(|e| self.find_event(e)), 0, events);
        self.view.panes.quotes.cursor.selected =
            cursor::landing(quote.map(|q| self.find_quote(q)), 0, quotes);
        let metrics = &self.data.selection.metrics;
        self.view.panes.figures.cursor.selected = cursor::landing(
            metric.map(|m| relocate(metrics, m, MetricIx::get)),
            0,
            metrics.len(),
        );
        // A strip the filter emptied is not drawn: leave it.
        if !self.has_pane(self.view.focus) {
            self.set_focus(Pane::Timeline);
        }
    }

    fn step(&mut self, pane: Pane, motion: Motion) {
        self.view
            .panes
            .get_mut(pane)
            .step(motion, &self.data, &self.screen);
    }

    fn vertical(&mut self, pane: Pane, rows: isize) {
        self.view
            .panes
            .get_mut(pane)
            .vertical(rows, &self.data, &self.screen);
    }

    fn open_selected(&mut self) {
        if let Some(target) = self.view.panes.get(self.view.focus).target(&self.data) {
            self.open(Popup::Detail(DetailPopup::new(target)));
        }
    }

    fn jump_to_match(&mut self, direction: isize) {
        let needle = self.needle();
        if needle.is_empty() {
            self.view.status = Some("no search: press / to search".into());
            return;
        }
        let pane = self.view.focus;
        let model = self.view.panes.get(pane);
        let len = model.len(&self.data);
        let is_match = |i: usize| model.matches(&self.data, i, &needle);
        let total = (0..len).filter(|&i| is_match(i)).count();
        if total == 0 {
            self.view.status = Some(format!("no match in {}", pane.title()));
            return;
        }
        let start = model.cursor().selected;
        let found = (1..=len)
            .map(|k| (start as isize + direction * k as isize).rem_euclid(len as isize) as usize)
            .find(|&i| is_match(i));
        if let Some(i) = found {
            let nth = (0..=i).filter(|&j| is_match(j)).count();
            let model = self.view.panes.get_mut(pane);
            model.cursor_mut().selected = i;
            model.follow(&self.data, &self.screen);
            self.view.status = Some(format!("match {nth} of {total}"));
        }
    }

    fn click(&mut self, at: Position) -> Option<Effect> {
        if self.screen.too_small {
            return None;
        }
        let space = self.screen.popups;
        if let Some(popup) = self.view.popups.last_mut() {
            let model = popup.model_mut();
            let reply = if model.area(space).contains(at) {
                model.click(at, &self.data, space)
            } else {
                // A click outside a popup closes it.
                Reply::Close
            };
            return self.reply(reply);
        }
        // A click elsewhere keeps the search being typed.
        self.view.search = None;
        let count = self.marks_wording();
        if crate::geometry::header::marks_rect(&self.data, count, self.screen.header)
            .is_some_and(|rect| rect.contains(at))
        {
            self.open_removed();
            return None;
        }
        if let Some((_, chip)) = chips(&self.data, self.screen.header)
            .into_iter()
            .find(|(rect, _)| rect.contains(at))
        {
            match chip {
                Chip::Actor(actor) => self.toggle_actor(actor),
                Chip::Place(place) => self.toggle_place(place),
                Chip::Facet(group, i) => {
                    if let Some(facet) = self.data.filter.facets.get(group, i) {
                        self.toggle_facet(facet);
                    }
                }
                Chip::Search => self.set_search(String::new()),
                Chip::Window => self.set_window(None),
                Chip::Marked => self.toggle_marked(),
            }
            return None;
        }
        if let Some(pane) =
            (self.screen.tabs.iter()).find_map(|t| t.rect.contains(at).then_some(t.pane))
        {
            self.set_focus(pane);
            return None;
        }
        if self.screen.strip.contains(at) {
            self.click_strip(at);
            return None;
        }
        let pane = self.screen.pane_at(at)?;
        let was_focused = self.view.focus == pane;
        self.set_focus(pane);
        if pane == Pane::Map {
            let (map, _) = crate::geometry::map_areas(self.screen.inner(Pane::Map));
            if map.contains(at) {
                self.view.panes.map.pick_at(at.x - map.x, at.y - map.y);
            }
            return None;
        }
        let item = self
            .view
            .panes
            .get(pane)
            .item_at(&self.data, &self.screen, at);
        if let Some(item) = item {
            if was_focused && item == self.cursor(pane).selected {
                // A second click on the selected item opens it.
                self.open_selected();
            } else {
                self.view.panes.get_mut(pane).cursor_mut().selected = item;
            }
        }
        None
    }

    /// The strip's bucket at a cell of the strip.
    fn strip_bucket_at(&self, at: Position) -> Option<usize> {
        let strip = self.screen.strip;
        if !strip.contains(at) {
            return None;
        }
        self.strip.bucket_at(usize::from(at.x - strip.x))
    }

    /// A click on the strip selects the first event the filter keeps in
    /// that bucket, and may start a drag.
    fn click_strip(&mut self, at: Position) {
        self.set_focus(Pane::Timeline);
        let Some(bucket) = self.strip_bucket_at(at) else {
            return;
        };
        self.view.drag = Some((bucket, bucket));
        let Some((from, to)) = self.strip.days_of(bucket) else {
            return;
        };
        // The first event that starts in the bucket, else the first that
        // may be under way in it (a vague date or a span from before).
        let s = &self.data.situation;
        let events = &self.data.selection.events;
        let starts = |&e: &EventIx| (from..=to).contains(&s.events[e].first_day());
        let covers = |&e: &EventIx| s.events[e].first_day() <= to && s.events[e].last_day() >= from;
        let first = events
            .iter()
            .position(starts)
            .or_else(|| events.iter().position(covers));
        match first {
            Some(position) => {
                self.view.panes.timeline.cursor.selected = position;
                self.view.panes.timeline.follow(&self.data, &self.screen);
            }
            None => {
                self.view.status =
                    Some(format!("no event shown in {}", Window { from, to }.label()))
            }
        }
    }

    /// The mouse held down moves over the strip: the drag covers the
    /// buckets up to the one under it.
    fn drag(&mut self, at: Position) {
        let Some((start, _)) = self.view.drag else {
            return;
        };
        // Beside the strip, the drag stops at its nearer end.
        let strip = self.screen.strip;
        let x = at.x.clamp(strip.x, strip.right().saturating_sub(1));
        if let Some(bucket) = self.strip_bucket_at(Position::new(x, strip.y)) {
            self.view.drag = Some((start, bucket));
        }
    }

    /// Letting go after dragging across buckets sets the date window to
    /// them; letting go where the drag began leaves the click's selection.
    fn release(&mut self, at: Position) {
        self.drag(at);
        let Some((a, b)) = self.strip_dragged() else {
            return;
        };
        self.view.drag = None;
        if a == b {
            return;
        }
        if let (Some((from, _)), Some((_, to))) = (self.strip.days_of(a), self.strip.days_of(b)) {
            self.set_window(Some(Window { from, to }));
        }
    }

    fn wheel(&mut self, at: Position, lines: isize) {
        match self.mode() {
            Mode::TooSmall => {}
            Mode::Normal | Mode::Search => {
                if let Some(pane) = self.screen.pane_at(at) {
                    // A row of cards a notch: cards are six rows tall.
                    let rows = if pane == Pane::Figures {
                        lines.signum()
                    } else {
                        lines
                    };
                    self.vertical(pane, rows);
                }
            }
            _ => {
                let action = if lines > 0 { Action::Down } else { Action::Up };
                // Scrolling moves, and asks the terminal loop for nothing.
                for _ in 0..lines.unsigned_abs() {
                    let _ = self.send_to_popup(action);
                }
            }
        }
    }
}
