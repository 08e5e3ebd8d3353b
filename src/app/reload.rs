//! A reload: new data under the same view. Items are matched by id, not
//! by position, since a save may add, remove or reorder anything: the
//! selected event, actor, quote and key figure stay selected, the actors in
//! the filter stay in it, the search, focus, zoom and open popup stay, and
//! each list keeps the selected item on the same screen row where it can.
//! What is gone falls back to the nearest position.

use crate::action::Pane;
use crate::check::plural;
use crate::model::{ActorIx, EventIx, Situation};
use crate::query::select;
use crate::reload::Outcome;
use crate::ui;

use super::{App, Cursor, DetailPage, Options, Popup, SearchInput, Target};

impl App {
    /// Applies what a reload found: a situation that loads replaces the old
    /// one (see [`carry_over`]) and clears the banner; one that does not
    /// keeps the old data and raises the banner.
    pub fn reloaded(&mut self, outcome: Outcome) {
        match outcome {
            Outcome::Loaded {
                situation,
                warnings,
            } => *self = carry_over(self, *situation, warnings),
            Outcome::Failed(problem) => {
                self.problem = Some(problem);
                self.view.status = None;
                // The banner takes rows: keep the cursors in view.
                self.follow_all();
            }
        }
    }
}

/// Where an item's id is in a list of ids, by linear search (once per
/// reload, so a HashMap would cost more than it saves).
fn position_of<'a>(mut ids: impl Iterator<Item = &'a str>, id: &str) -> Option<usize> {
    ids.position(|candidate| candidate == id)
}

/// What names a quote across versions of a file: its id, or (quotes need
/// none) its speaker and words.
fn same_quote(old: &Situation, q: usize, new: &Situation, r: usize) -> bool {
    let (a, b) = (&old.quotes[q], &new.quotes[r]);
    match (&a.id, &b.id) {
        (Some(x), Some(y)) => x == y,
        (None, None) => a.text == b.text && old.actors[a.speaker].id == new.actors[b.speaker].id,
        _ => false,
    }
}

/// The items of the old situation, found in the new one.
struct Mapping<'a> {
    old: &'a Situation,
    new: &'a Situation,
}

impl Mapping<'_> {
    fn event(&self, e: EventIx) -> Option<EventIx> {
        let id = &self.old.events.get(e)?.id;
        position_of(self.new.events.iter().map(|e| e.id.as_str()), id)
    }

    fn actor(&self, a: ActorIx) -> Option<ActorIx> {
        let id = &self.old.actors.get(a)?.id;
        self.new.actor_by_id(id)
    }

    fn metric(&self, m: usize) -> Option<usize> {
        let id = &self.old.metrics.get(m)?.id;
        position_of(self.new.metrics.iter().map(|m| m.id.as_str()), id)
    }

    fn quote(&self, q: usize) -> Option<usize> {
        if q >= self.old.quotes.len() {
            return None;
        }
        (0..self.new.quotes.len()).find(|&r| same_quote(self.old, q, self.new, r))
    }

    fn target(&self, target: Target) -> Option<Target> {
        Some(match target {
            Target::Event(e) => Target::Event(self.event(e)?),
            Target::Actor(a) => Target::Actor(self.actor(a)?),
            Target::Metric(m) => Target::Metric(self.metric(m)?),
            Target::Quote(q) => Target::Quote(self.quote(q)?),
        })
    }
}

/// Where a cursor lands in a new list: on the same item when it is there
/// (`found`: its position, or `Err` with where it would sort), else at the
/// old position, clamped.
fn landing(found: Option<Result<usize, usize>>, old: usize, len: usize) -> usize {
    match found {
        Some(Ok(position)) => position,
        Some(Err(position)) => position.min(len.saturating_sub(1)),
        None => old.min(len.saturating_sub(1)),
    }
}

/// The old state with a new situation: the pure half of a reload. The view
/// is carried over item by item (by id); the terminal size, mouse, theme and
/// file stay. The banner is cleared (this situation loaded), and the status
/// line says what happened.
pub fn carry_over(old: &App, situation: Situation, warnings: usize) -> App {
    // The filter: actors by id; those gone from the file leave it.
    let mut dropped = Vec::new();
    let actors: Vec<ActorIx> = old
        .filter
        .actors
        .iter()
        .filter_map(|&a| {
            let id = &old.situation.actors[a].id;
            let found = situation.actor_by_id(id);
            if found.is_none() {
                dropped.push(ui::text::fit(&ui::text::shown(id, 24), 24));
            }
            found
        })
        .collect();
    // Places likewise.
    let places: Vec<crate::model::PlaceIx> = old
        .filter
        .places
        .iter()
        .filter_map(|&p| {
            let id = &old.situation.places[p].id;
            let found = situation.place_by_id(id);
            if found.is_none() {
                dropped.push(ui::text::fit(&ui::text::shown(id, 24), 24));
            }
            found
        })
        .collect();
    let mut app = App::new(
        situation,
        Options {
            actors,
            places,
            mouse: old.mouse,
            theme: old.theme,
            focus: old.view.focus,
            staleness: old.staleness,
            warnings: 0,
            file: old.file.clone(),
        },
    );
    app.filter.search = old.filter.search.clone();
    app.filter.from = old.filter.from;
    app.filter.to = old.filter.to;
    app.selection = select(&app.situation, &app.index, &app.filter);

    let map = Mapping {
        old: &old.situation,
        new: &app.situation,
    };
    let v = &old.view;
    let mut view = app.view.clone();
    view.size = v.size;
    view.zoom = v.zoom;
    view.tab = v.tab;
    view.focus = if app.has_pane(v.focus) {
        v.focus
    } else {
        Pane::Timeline
    };
    view.center_timeline = false;

    // Timeline: the selected event, else the one remembered while the filter
    // left nothing selected.
    let old_event = old
        .selection
        .events
        .get(v.timeline.selected)
        .copied()
        .or(v.last_event);
    let new_event = old_event.and_then(|e| map.event(e));
    view.timeline.selected = landing(
        new_event.map(|e| app.selection.events.binary_search(&e)),
        v.timeline.selected,
        app.selection.events.len(),
    );
    view.last_event = v.last_event.and_then(|e| map.event(e));

    let old_quote = old
        .selection
        .quotes
        .get(v.quotes.selected)
        .copied()
        .or(v.last_quote);
    let new_quote = old_quote.and_then(|q| map.quote(q));
    view.quotes.selected = landing(
        new_quote.map(|q| app.selection.quotes.binary_search(&q)),
        v.quotes.selected,
        app.selection.quotes.len(),
    );
    view.last_quote = v.last_quote.and_then(|q| map.quote(q));

    let old_actor = old.derived.actor_order.get(v.actors.selected).copied();
    let new_actor = old_actor.and_then(|a| map.actor(a));
    view.actors.selected = landing(
        new_actor
            .and_then(|a| app.derived.actor_order.iter().position(|&b| b == a))
            .map(Ok),
        v.actors.selected,
        app.derived.actor_order.len(),
    );

    let new_metric = map.metric(v.figures.selected);
    view.figures.selected = landing(
        new_metric.map(Ok),
        v.figures.selected,
        app.situation.metrics.len(),
    );

    // A search being typed goes on; Esc still goes back to what was selected.
    view.search = v.search.as_ref().map(|input| SearchInput {
        before: input.before.clone(),
        event: input.event.and_then(|e| map.event(e)),
        quote: input.quote.and_then(|q| map.quote(q)),
    });

    let mut gone = false;
    view.popup = match &v.popup {
        None => None,
        Some(Popup::Picker(picker)) => {
            let mut next = picker.clone();
            next.matches = app.picker_matches(&picker.query);
            let kept = picker
                .matches
                .get(picker.cursor.selected)
                .and_then(|&a| map.actor(a))
                .and_then(|a| next.matches.iter().position(|&m| m == a));
            next.cursor.selected = kept.unwrap_or(0);
            Some(Popup::Picker(next))
        }
        Some(Popup::Detail(pages)) => {
            let kept: Vec<DetailPage> = pages
                .iter()
                .filter_map(|page| {
                    Some(DetailPage {
                        target: map.target(page.target)?,
                        ..page.clone()
                    })
                })
                .collect();
            gone = kept.len() < pages.len();
            (!kept.is_empty()).then_some(Popup::Detail(kept))
        }
    };
    app.view = view;

    // Scroll: keep each selected item on the row it was on.
    let row_before = |old_row: usize, offset: usize| old_row.saturating_sub(offset);
    let timeline_dy = row_before(old.timeline_row_of(v.timeline.selected), v.timeline.offset);
    let timeline_row = app.timeline_row_of(app.view.timeline.selected);
    app.view.timeline.offset = timeline_row.saturating_sub(timeline_dy);
    let keep = |cursor: &mut Cursor, old: Cursor| {
        cursor.offset = cursor
            .selected
            .saturating_sub(row_before(old.selected, old.offset));
    };
    keep(&mut app.view.actors, v.actors);
    keep(&mut app.view.quotes, v.quotes);
    if let Some(Popup::Picker(picker)) = &mut app.view.popup
        && let Some(Popup::Picker(before)) = &v.popup
    {
        keep(&mut picker.cursor, before.cursor);
    }
    let per_row = ui::figures::grid(&app, app.pane_inner(Pane::Figures))
        .per_row
        .max(1);
    let old_per_row = ui::figures::grid(old, old.pane_inner(Pane::Figures))
        .per_row
        .max(1);
    let card_dy = row_before(v.figures.selected / old_per_row, v.figures.offset);
    app.view.figures.offset = (app.view.figures.selected / per_row).saturating_sub(card_dy);
    app.follow_all();

    // Short: the footer gives feedback half its row.
    let mut status = format!("reloaded: {}", plural(app.situation.events.len(), "event"));
    if warnings > 0 {
        status.push_str(&format!(", {}", plural(warnings, "warning")));
    }
    let before = old.situation.events.len();
    if app.situation.events.len() < before.div_ceil(2) {
        // A save cut short can still be valid TOML: say so while the old
        // count is known.
        status.push_str(&format!("; down from {before} events: a save cut short?"));
    }
    if !dropped.is_empty() {
        status.push_str(&format!("; no longer in the file: {}", dropped.join(", ")));
    }
    if gone {
        status.push_str("; the item open is gone");
    }
    app.view.status = Some(status);
    app
}
