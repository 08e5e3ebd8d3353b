//! A reload: new data under the same view. Items are matched by id, not
//! by position, since a save may add, remove or reorder anything: the
//! selected event, actor, quote and key figure stay selected; the actors,
//! places and sources in the filter stay in it; the map's picked place and
//! the source highlighted in the sources chooser stay; the search, focus,
//! zoom and open popup stay, and each list keeps the selected item on the
//! same screen row where it can. What is gone falls back to the nearest
//! position.

use crate::action::Pane;
use crate::doc::detail::Target;
use crate::model::{ActorIx, EventIx, MetricIx, PlaceIx, QuoteIx, Situation, SourceIx};
use crate::query::{Facet, FacetGroup, Facets, Filter};
use crate::reload::Outcome;
use crate::text::{fit, plural, shown};

use super::cursor::{Cursor, landing, relocate};
use super::popups::{DetailPage, Pick, Popup, ReportPopup, SourcesPopup};
use super::{App, MarksWhen, Options, SearchInput, Seen};

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
                // An open report tells the latest failure.
                for popup in &mut self.view.popups {
                    if let Popup::Report(report) = popup {
                        *report = ReportPopup::new(problem.report.clone());
                    }
                }
                self.problem = Some(problem);
                self.view.status = None;
                // The banner takes rows: keep the cursors in view.
                self.relayout();
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
fn same_quote(old: &Situation, q: QuoteIx, new: &Situation, r: QuoteIx) -> bool {
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
        let id = &self.old.events.get(e.get())?.id;
        position_of(self.new.events.iter().map(|e| e.id.as_str()), id).map(EventIx::new)
    }

    fn actor(&self, a: ActorIx) -> Option<ActorIx> {
        let id = &self.old.actors.get(a.get())?.id;
        self.new.actor_by_id(id)
    }

    fn metric(&self, m: MetricIx) -> Option<MetricIx> {
        let id = &self.old.metrics.get(m.get())?.id;
        position_of(self.new.metrics.iter().map(|m| m.id.as_str()), id).map(MetricIx::new)
    }

    fn place(&self, p: PlaceIx) -> Option<PlaceIx> {
        let id = &self.old.places.get(p.get())?.id;
        self.new.place_by_id(id)
    }

    fn source(&self, src: SourceIx) -> Option<SourceIx> {
        let id = &self.old.sources.get(src.get())?.id;
        self.new.source_by_id(id)
    }

    fn quote(&self, q: QuoteIx) -> Option<QuoteIx> {
        if q.get() >= self.old.quotes.len() {
            return None;
        }
        self.new
            .quote_ixs()
            .find(|&r| same_quote(self.old, q, self.new, r))
    }

    /// A facet value: a source by id, the other values as they are
    /// (whether the new version has them or not).
    fn facet(&self, facet: &Facet) -> Option<Facet> {
        match facet {
            Facet::Source(src) => self.source(*src).map(Facet::Source),
            other => Some(other.clone()),
        }
    }

    fn target(&self, target: Target) -> Option<Target> {
        Some(match target {
            Target::Event(e) => Target::Event(self.event(e)?),
            Target::Actor(a) => Target::Actor(self.actor(a)?),
            Target::Metric(m) => Target::Metric(self.metric(m)?),
            Target::Quote(q) => Target::Quote(self.quote(q)?),
            Target::Place(p) => Target::Place(self.place(p)?),
        })
    }
}

/// The old state with a new situation: the pure half of a reload. The view
/// is carried over item by item (by id); the terminal size, mouse, theme and
/// file stay. The banner is cleared (this situation loaded), and the status
/// line says what happened.
pub fn carry_over(old: &App, situation: Situation, warnings: usize) -> App {
    // The filter: actors and places by id; those gone from the file leave
    // it and are named in the status line.
    let mut dropped = Vec::new();
    let before = &old.data.situation;
    let gone = |id: &str| fit(&shown(id, 24), 24);
    let map = Mapping {
        old: before,
        new: &situation,
    };
    let mut actors: Vec<ActorIx> = Vec::new();
    for &a in &old.data.filter.actors {
        match map.actor(a) {
            Some(found) => actors.push(found),
            None => dropped.push(gone(&before.actors[a].id)),
        }
    }
    let mut places: Vec<PlaceIx> = Vec::new();
    for &p in &old.data.filter.places {
        match map.place(p) {
            Some(found) => places.push(found),
            None => dropped.push(gone(&before.places[p].id)),
        }
    }
    let facets = carry_facets(
        &old.data.filter.facets,
        &old.data.situation,
        &situation,
        &mut dropped,
    );
    // The marks come with the rest: the view carried over may filter on
    // them.
    let mut app = App::build(
        situation,
        Options {
            filter: Filter {
                actors,
                places,
                facets,
                search: old.data.filter.search.clone(),
                from: old.data.filter.from,
                to: old.data.filter.to,
                marked: old.data.filter.marked || old.view.filter_when_marked,
            },
            mouse: old.mouse,
            theme: old.theme,
            focus: old.view.focus,
            staleness: old.staleness,
            keymap: old.keymap.clone(),
            warnings: 0,
            file: old.file.clone(),
            seen: old.seen.as_ref().map(Seen::for_reload),
        },
        MarksWhen::WithTheState,
    );

    // The orders of the timeline and the actors stay.
    app.data.set_newest_first(old.data.newest_first());
    app.data.set_actor_order(old.data.actor_order());
    let map = Mapping {
        old: &old.data.situation,
        new: &app.data.situation,
    };
    let v = &old.view;
    let mut view = app.view.clone();
    view.size = v.size;
    view.zoom = v.zoom;
    view.strip_hidden = v.strip_hidden;
    view.recent = v.recent;
    view.focus = if app.has_pane(v.focus) {
        v.focus
    } else {
        Pane::Timeline
    };
    view.panes.timeline.center = false;
    let panes = &v.panes;
    let picked = panes.map.picked.and_then(|p| map.place(p));
    view.panes.map.carry_over(&panes.map, picked);
    let new = &app.data;

    // Timeline: the selected event, else the one remembered while the filter
    // left nothing selected.
    let old_event = old.selected_event().or(v.last_event);
    let new_event = old_event.and_then(|e| map.event(e));
    view.panes.timeline.cursor.selected = landing(
        new_event.map(|e| relocate(&new.selection.events, e, |e| new.event_rank(e))),
        panes.timeline.cursor.selected,
        new.selection.events.len(),
    );
    view.last_event = v.last_event.and_then(|e| map.event(e));

    // Quotes are listed by date, not in file order: found by their rank.
    let old_quote = old.selected_quote().or(v.last_quote);
    let new_quote = old_quote.and_then(|q| map.quote(q));
    let rank = &new.derived.quote_rank;
    view.panes.quotes.cursor.selected = landing(
        new_quote.map(|q| relocate(&new.selection.quotes, q, |q| rank[q.get()])),
        panes.quotes.cursor.selected,
        new.selection.quotes.len(),
    );
    view.last_quote = v.last_quote.and_then(|q| map.quote(q));

    // Actors are listed as a tree or sorted, not in file order: found by
    // their rank in the new list.
    let old_actor = old
        .data
        .actors_listed()
        .get(panes.actors.cursor.selected)
        .copied();
    let new_actor = old_actor.and_then(|a| map.actor(a));
    view.panes.actors.cursor.selected = landing(
        new_actor.map(|a| relocate(new.actors_listed(), a, |a| new.actor_rank(a))),
        panes.actors.cursor.selected,
        new.actors_listed().len(),
    );

    let new_metric = old.selected_metric().and_then(|m| map.metric(m));
    view.panes.figures.cursor.selected = landing(
        new_metric.map(|m| relocate(&new.selection.metrics, m, MetricIx::get)),
        panes.figures.cursor.selected,
        new.selection.metrics.len(),
    );

    // A search being typed goes on; Esc still goes back to what was selected.
    view.search = v.search.as_ref().map(|input| SearchInput {
        before: input.before.clone(),
        event: input.event.and_then(|e| map.event(e)),
        quote: input.quote.and_then(|q| map.quote(q)),
    });

    let mut gone = false;
    view.popups = v
        .popups
        .iter()
        .filter_map(|popup| match popup {
            Popup::Picker(picker) => {
                let mut next = picker.clone();
                next.set_query(picker.list.query.clone(), new);
                let kept = picker
                    .selected()
                    .and_then(|pick| match pick {
                        Pick::Actor(a) => map.actor(a).map(Pick::Actor),
                        Pick::Place(p) => map.place(p).map(Pick::Place),
                    })
                    .and_then(|pick| next.list.position(|&m| m == pick));
                next.list.cursor.selected = kept.unwrap_or(0);
                next.list.cursor.offset = next
                    .list
                    .cursor
                    .selected
                    .saturating_sub(row_before(picker.list.cursor));
                Some(Popup::Picker(next))
            }
            Popup::Facets(facets) => {
                // Counted again on the new data, on the same value.
                let mut next = facets.clone();
                let keep = facets.selected().and_then(|f| map.facet(f));
                next.reset(keep, new);
                Some(Popup::Facets(next))
            }
            Popup::Detail(detail) => {
                let mut next = detail.clone();
                next.pages = detail
                    .pages
                    .iter()
                    .filter_map(|page| {
                        Some(DetailPage {
                            target: map.target(page.target)?,
                            ..page.clone()
                        })
                    })
                    .collect();
                gone |= next.pages.len() < detail.pages.len();
                (!next.pages.is_empty()).then_some(Popup::Detail(next))
            }
            // The item's sources as the new version has them; closed when
            // the item went or no choice is left.
            Popup::Sources(chooser) => {
                let target = map.target(chooser.target)?;
                let sources = crate::item::sources_with_url(&new.situation, target);
                (sources.len() > 1).then(|| {
                    let mut next = SourcesPopup::new(target, sources);
                    // The highlighted source stays highlighted where it is left.
                    if let Some(source) = chooser.selected().and_then(|src| map.source(src)) {
                        next.select(source);
                    }
                    Popup::Sources(next)
                })
            }
            // The save it explained is replaced by one that loads.
            Popup::Report(_) => None,
            other => Some(other.clone()),
        })
        .collect();
    app.view = view;
    app.relayout();

    // Scroll: keep each selected item on the row it was on.
    let timeline_dy = old
        .data
        .timeline_row_of(panes.timeline.cursor.selected)
        .saturating_sub(panes.timeline.cursor.offset);
    let timeline_row = app
        .data
        .timeline_row_of(app.view.panes.timeline.cursor.selected);
    app.view.panes.timeline.cursor.offset = timeline_row.saturating_sub(timeline_dy);
    let keep = |cursor: &mut Cursor, old: Cursor| {
        cursor.offset = cursor.selected.saturating_sub(row_before(old));
    };
    keep(&mut app.view.panes.actors.cursor, panes.actors.cursor);
    keep(&mut app.view.panes.quotes.cursor, panes.quotes.cursor);
    let old_grid = &old.screen.cards;
    let card_dy = old_grid
        .row_of(panes.figures.cursor.selected)
        .saturating_sub(panes.figures.cursor.offset);
    let figures = &mut app.view.panes.figures.cursor;
    figures.offset = app
        .screen
        .cards
        .row_of(figures.selected)
        .saturating_sub(card_dy);
    app.relayout();

    // Short: the footer gives feedback half its row.
    let mut status = format!(
        "reloaded: {}",
        plural(app.data.situation.events.len(), "event")
    );
    let before = old.data.situation.events.len();
    if app.data.situation.events.len() < before.div_ceil(2) {
        // A save cut short can still be valid TOML: say so while the old
        // count is known, before anything the footer may cut off.
        status.push_str(&format!(" (was {before}: save cut short?)"));
    }
    if warnings > 0 {
        status.push_str(&format!(", {}", plural(warnings, "warning")));
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

/// The chosen facets in a new version of the file: sources by id, the
/// other values as they are; a value the new version no longer has leaves
/// the filter (it would keep nothing) and is named in `dropped`.
fn carry_facets(
    facets: &Facets,
    old: &Situation,
    new: &Situation,
    dropped: &mut Vec<String>,
) -> Facets {
    let map = Mapping { old, new };
    let values: Vec<Vec<Facet>> = FacetGroup::ALL
        .into_iter()
        .map(|group| crate::facets::values(new, group))
        .collect();
    let mut carried = Facets::default();
    for facet in facets.all() {
        let found = map
            .facet(&facet)
            .filter(|f| values.iter().flatten().any(|v| v == f));
        match found {
            Some(facet) => carried.toggle(facet),
            None => dropped.push(fit(&shown(facet.name(old), 24), 24)),
        }
    }
    carried
}

/// How many rows below the top of its list a cursor's item was.
fn row_before(cursor: Cursor) -> usize {
    cursor.selected.saturating_sub(cursor.offset)
}
