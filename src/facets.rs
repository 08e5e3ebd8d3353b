//! Facets of the one filter: event categories, event tags, actor kinds and
//! sources. Within one facet any chosen value matches; across facets all
//! must, and with the rest of the filter (`query::select` applies them).
//! Pure data over the model: which values a situation has, what each keeps,
//! how many events that is.

use std::collections::HashMap;

use crate::model::{
    ActorIx, ActorKind, Event, EventIx, Metric, MetricKind, Quote, Situation, SourceIx,
};

/// One of the four facets.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FacetGroup {
    Category,
    Tag,
    Kind,
    Source,
}

impl FacetGroup {
    /// In the order the picker, the chips and the briefings list them.
    pub const ALL: [FacetGroup; 4] = [
        FacetGroup::Category,
        FacetGroup::Tag,
        FacetGroup::Kind,
        FacetGroup::Source,
    ];

    pub fn title(self) -> &'static str {
        match self {
            FacetGroup::Category => "Categories",
            FacetGroup::Tag => "Tags",
            FacetGroup::Kind => "Actor kinds",
            FacetGroup::Source => "Sources",
        }
    }

    /// "category" for one value, "categories" for more.
    pub fn noun(self, n: usize) -> &'static str {
        match (self, n == 1) {
            (FacetGroup::Category, true) => "category",
            (FacetGroup::Category, false) => "categories",
            (FacetGroup::Tag, true) => "tag",
            (FacetGroup::Tag, false) => "tags",
            (FacetGroup::Kind, true) => "actor kind",
            (FacetGroup::Kind, false) => "actor kinds",
            (FacetGroup::Source, true) => "source",
            (FacetGroup::Source, false) => "sources",
        }
    }

    /// The command-line flag that chooses values of it.
    pub fn flag(self) -> &'static str {
        match self {
            FacetGroup::Category => "--category",
            FacetGroup::Tag => "--tag",
            FacetGroup::Kind => "--kind",
            FacetGroup::Source => "--source",
        }
    }
}

/// One value of one facet.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Facet {
    Category(String),
    Tag(String),
    Kind(ActorKind),
    Source(SourceIx),
}

impl Facet {
    pub fn group(&self) -> FacetGroup {
        match self {
            Facet::Category(_) => FacetGroup::Category,
            Facet::Tag(_) => FacetGroup::Tag,
            Facet::Kind(_) => FacetGroup::Kind,
            Facet::Source(_) => FacetGroup::Source,
        }
    }

    /// The value as a person reads it: the category or tag, the kind as
    /// files spell it, a source by its title. Raw data: callers clean it.
    pub fn name<'s>(&'s self, s: &'s Situation) -> &'s str {
        match self {
            Facet::Category(c) => c,
            Facet::Tag(t) => t,
            Facet::Kind(k) => k.as_str(),
            Facet::Source(src) => (s.sources.get(src.get())).map_or("", |src| src.title.as_str()),
        }
    }
}

/// The chosen values of each facet, each once, in the order chosen.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Facets {
    /// Keep events of any of these categories (and quotes at such events).
    pub categories: Vec<String>,
    /// Keep events with any of these tags (and quotes at such events).
    pub tags: Vec<String>,
    /// Keep what involves an actor of any of these kinds.
    pub kinds: Vec<ActorKind>,
    /// Keep every event, figure and quote citing any of these sources.
    pub sources: Vec<SourceIx>,
}

impl Facets {
    pub fn is_empty(&self) -> bool {
        FacetGroup::ALL.into_iter().all(|g| self.len(g) == 0)
    }

    /// How many values of the facet are chosen.
    pub fn len(&self, group: FacetGroup) -> usize {
        match group {
            FacetGroup::Category => self.categories.len(),
            FacetGroup::Tag => self.tags.len(),
            FacetGroup::Kind => self.kinds.len(),
            FacetGroup::Source => self.sources.len(),
        }
    }

    /// The `i`th chosen value of the facet.
    pub fn get(&self, group: FacetGroup, i: usize) -> Option<Facet> {
        match group {
            FacetGroup::Category => self.categories.get(i).cloned().map(Facet::Category),
            FacetGroup::Tag => self.tags.get(i).cloned().map(Facet::Tag),
            FacetGroup::Kind => self.kinds.get(i).copied().map(Facet::Kind),
            FacetGroup::Source => self.sources.get(i).copied().map(Facet::Source),
        }
    }

    /// Every chosen value: facet by facet, each in the order chosen.
    pub fn all(&self) -> impl Iterator<Item = Facet> + '_ {
        FacetGroup::ALL
            .into_iter()
            .flat_map(move |g| (0..self.len(g)).filter_map(move |i| self.get(g, i)))
    }

    pub fn contains(&self, facet: &Facet) -> bool {
        match facet {
            Facet::Category(c) => self.categories.contains(c),
            Facet::Tag(t) => self.tags.contains(t),
            Facet::Kind(k) => self.kinds.contains(k),
            Facet::Source(src) => self.sources.contains(src),
        }
    }

    /// Adds the value, or takes it out if already chosen.
    pub fn toggle(&mut self, facet: Facet) {
        fn flip<T: PartialEq>(list: &mut Vec<T>, value: T) {
            match list.iter().position(|v| *v == value) {
                Some(i) => {
                    list.remove(i);
                }
                None => list.push(value),
            }
        }
        match facet {
            Facet::Category(c) => flip(&mut self.categories, c),
            Facet::Tag(t) => flip(&mut self.tags, t),
            Facet::Kind(k) => flip(&mut self.kinds, k),
            Facet::Source(src) => flip(&mut self.sources, src),
        }
    }

    /// The same choice with nothing chosen in `group`.
    pub fn without(&self, group: FacetGroup) -> Facets {
        let mut out = self.clone();
        match group {
            FacetGroup::Category => out.categories.clear(),
            FacetGroup::Tag => out.tags.clear(),
            FacetGroup::Kind => out.kinds.clear(),
            FacetGroup::Source => out.sources.clear(),
        }
        out
    }

    /// Whether the facets say which figures to keep: figures have actors
    /// and sources, but no category or tags.
    pub fn narrows_figures(&self) -> bool {
        !self.kinds.is_empty() || !self.sources.is_empty()
    }

    fn of_kind(&self, s: &Situation, actor: ActorIx) -> bool {
        self.kinds.contains(&s.actors[actor].kind)
    }

    fn cites(&self, sources: &[SourceIx]) -> bool {
        self.sources.is_empty() || sources.iter().any(|src| self.sources.contains(src))
    }

    /// Category and tags, which only events have.
    fn event_own(&self, e: &Event) -> bool {
        (self.categories.is_empty()
            || e.category
                .as_ref()
                .is_some_and(|c| self.categories.contains(c)))
            && (self.tags.is_empty() || e.tags.iter().any(|t| self.tags.contains(t)))
    }

    /// Whether an event passes every chosen facet.
    pub fn keeps_event(&self, s: &Situation, e: &Event) -> bool {
        self.event_own(e)
            && (self.kinds.is_empty() || e.actors.iter().any(|&a| self.of_kind(s, a)))
            && self.cites(&e.sources)
    }

    /// Whether a quote passes: its category and tags are its event's (a
    /// quote at no event has none), its actors are its speaker and those it
    /// is about, and its sources its own.
    pub fn keeps_quote(&self, s: &Situation, q: &Quote) -> bool {
        let event_facets = self.categories.is_empty() && self.tags.is_empty();
        (event_facets || q.event.is_some_and(|e| self.event_own(&s.events[e])))
            && (self.kinds.is_empty()
                || self.of_kind(s, q.speaker)
                || q.about.iter().any(|&a| self.of_kind(s, a)))
            && self.cites(&q.sources)
    }

    /// Whether a figure passes the facets that apply to figures (see
    /// [`Facets::narrows_figures`]): its actors, and the sources of its
    /// observations or, for a day count, of its event.
    pub fn keeps_metric(&self, s: &Situation, m: &Metric) -> bool {
        let cited = match &m.kind {
            MetricKind::Observed(points) => {
                self.sources.is_empty()
                    || points
                        .iter()
                        .any(|p| p.source.is_some_and(|src| self.sources.contains(&src)))
            }
            MetricKind::Since(e) | MetricKind::Until(e) => self.cites(&s.events[*e].sources),
        };
        cited && (self.kinds.is_empty() || m.actors.iter().any(|&a| self.of_kind(s, a)))
    }
}

/// The values a situation has of one facet, in the order the picker lists
/// them: categories and tags of events alphabetically (any case), the kinds
/// its actors have in the file format's order, sources in file order.
pub fn values(s: &Situation, group: FacetGroup) -> Vec<Facet> {
    match group {
        FacetGroup::Category => sorted(
            s.events
                .iter()
                .filter_map(|e| e.category.as_deref())
                .collect(),
        )
        .into_iter()
        .map(|c| Facet::Category(c.to_string()))
        .collect(),
        FacetGroup::Tag => sorted(
            s.events
                .iter()
                .flat_map(|e| e.tags.iter().map(String::as_str))
                .collect(),
        )
        .into_iter()
        .map(|t| Facet::Tag(t.to_string()))
        .collect(),
        FacetGroup::Kind => ActorKind::ALL
            .into_iter()
            .filter(|&k| s.actors.iter().any(|a| a.kind == k))
            .map(Facet::Kind)
            .collect(),
        FacetGroup::Source => s.source_ixs().map(Facet::Source).collect(),
    }
}

/// Words in alphabetical order of any case, each once.
fn sorted(mut words: Vec<&str>) -> Vec<&str> {
    // Each word once first (a cheap byte sort): a million events name a
    // few hundred words, and only those are lowercased, once each.
    words.sort_unstable();
    words.dedup();
    words.sort_by_cached_key(|w| (w.to_lowercase(), *w));
    words
}

/// For each of `values` (all of one facet), how many of `events` it keeps.
pub fn event_counts(s: &Situation, events: &[EventIx], values: &[Facet]) -> Vec<usize> {
    let mut words: HashMap<&str, usize> = HashMap::new();
    let mut kinds = [0usize; ActorKind::ALL.len()];
    let mut sources = vec![0usize; s.sources.len()];
    let group = values.first().map(Facet::group);
    for &e in events {
        let event = &s.events[e];
        match group {
            Some(FacetGroup::Category) => {
                if let Some(c) = event.category.as_deref() {
                    *words.entry(c).or_default() += 1;
                }
            }
            Some(FacetGroup::Tag) => {
                // A tag written twice on one event still keeps it once.
                for (i, t) in event.tags.iter().enumerate() {
                    if !event.tags[..i].contains(t) {
                        *words.entry(t.as_str()).or_default() += 1;
                    }
                }
            }
            Some(FacetGroup::Kind) => {
                let mut seen = [false; ActorKind::ALL.len()];
                for &a in &event.actors {
                    seen[kind_slot(s.actors[a].kind)] = true;
                }
                for (count, seen) in kinds.iter_mut().zip(seen) {
                    *count += usize::from(seen);
                }
            }
            Some(FacetGroup::Source) => {
                for (i, &src) in event.sources.iter().enumerate() {
                    if !event.sources[..i].contains(&src) {
                        sources[src.get()] += 1;
                    }
                }
            }
            None => {}
        }
    }
    values
        .iter()
        .map(|v| match v {
            Facet::Category(w) | Facet::Tag(w) => words.get(w.as_str()).copied().unwrap_or(0),
            Facet::Kind(k) => kinds[kind_slot(*k)],
            Facet::Source(src) => sources.get(src.get()).copied().unwrap_or(0),
        })
        .collect()
}

fn kind_slot(kind: ActorKind) -> usize {
    ActorKind::ALL.iter().position(|&k| k == kind).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::load_str;

    const FILE: &str = r#"
[situation]
title = "Facets"
as_of = 2024-09-21

[[sources]]
id = "wire"
title = "Wire story"

[[sources]]
id = "radio"
title = "Radio report"

[[actors]]
id = "police"
name = "Police"
kind = "force"

[[actors]]
id = "mayor"
name = "Mayor"
kind = "person"

[[events]]
id = "raid"
date = 2024-06-25
title = "Raid"
category = "security"
tags = ["gangs", "port"]
actors = ["police"]
sources = ["wire"]

[[events]]
id = "speech"
date = 2024-07-01
title = "Speech"
category = "politics"
tags = ["port"]
actors = ["mayor"]
sources = ["radio", "wire"]

[[events]]
id = "storm"
date = 2024-08-01
title = "Storm"
sources = ["radio"]
"#;

    fn situation() -> Situation {
        let report = load_str(FILE);
        report.situation.expect("fixture loads")
    }

    #[test]
    fn words_sort_in_any_case_each_once() {
        let words = vec!["port", "Gangs", "port", "aid", "gangs", "Port", "aid"];
        assert_eq!(sorted(words), ["aid", "Gangs", "gangs", "Port", "port"]);
    }

    #[test]
    fn values_are_listed_once_each_in_a_stable_order() {
        let s = situation();
        assert_eq!(
            values(&s, FacetGroup::Category),
            [
                Facet::Category("politics".into()),
                Facet::Category("security".into())
            ]
        );
        assert_eq!(
            values(&s, FacetGroup::Tag),
            [Facet::Tag("gangs".into()), Facet::Tag("port".into())]
        );
        // Only kinds some actor has, in the format's order.
        assert_eq!(
            values(&s, FacetGroup::Kind),
            [
                Facet::Kind(ActorKind::Person),
                Facet::Kind(ActorKind::Force)
            ]
        );
        assert_eq!(
            values(&s, FacetGroup::Source),
            [
                Facet::Source(SourceIx::new(0)),
                Facet::Source(SourceIx::new(1))
            ]
        );
    }

    #[test]
    fn counts_say_how_many_events_each_value_keeps() {
        let s = situation();
        let all: Vec<EventIx> = s.event_ixs().collect();
        let count = |g| event_counts(&s, &all, &values(&s, g));
        assert_eq!(count(FacetGroup::Category), [1, 1]);
        assert_eq!(count(FacetGroup::Tag), [1, 2]);
        assert_eq!(count(FacetGroup::Kind), [1, 1]);
        assert_eq!(count(FacetGroup::Source), [2, 2]);
        // Counted over the events given, not the whole file.
        assert_eq!(
            event_counts(&s, &[EventIx::new(1)], &values(&s, FacetGroup::Tag)),
            [0, 1]
        );
    }

    #[test]
    fn toggling_adds_then_removes_and_keeps_the_order_chosen() {
        let mut f = Facets::default();
        f.toggle(Facet::Tag("port".into()));
        f.toggle(Facet::Category("security".into()));
        f.toggle(Facet::Tag("gangs".into()));
        assert_eq!(
            f.all().collect::<Vec<_>>(),
            [
                Facet::Category("security".into()),
                Facet::Tag("port".into()),
                Facet::Tag("gangs".into())
            ]
        );
        f.toggle(Facet::Tag("port".into()));
        assert_eq!(f.tags, ["gangs"]);
        assert!(f.contains(&Facet::Tag("gangs".into())));
        assert!(f.without(FacetGroup::Tag).tags.is_empty());
        f.toggle(Facet::Tag("gangs".into()));
        f.toggle(Facet::Category("security".into()));
        assert!(f.is_empty());
    }

    #[test]
    fn any_value_within_a_facet_and_every_facet_across() {
        let s = situation();
        let kept = |f: &Facets| -> Vec<&str> {
            s.events
                .iter()
                .filter(|e| f.keeps_event(&s, e))
                .map(|e| e.id.as_str())
                .collect()
        };
        let mut f = Facets {
            categories: vec!["security".into(), "politics".into()],
            ..Facets::default()
        };
        assert_eq!(kept(&f), ["raid", "speech"]);
        f.sources = vec![SourceIx::new(1)];
        assert_eq!(kept(&f), ["speech"]);
        f.kinds = vec![ActorKind::Force];
        assert!(kept(&f).is_empty());
        let by_source = Facets {
            sources: vec![SourceIx::new(1)],
            ..Facets::default()
        };
        assert_eq!(kept(&by_source), ["speech", "storm"]);
    }
}
