//! Where events sit on the map: every place is drawn at its own point, or
//! at the point of the nearest place it lies in (an event at "the National
//! Palace" shows at Port-au-Prince); markers count, per drawn point, the
//! events a filter keeps.

use crate::model::{EventIx, LatLon, PlaceIx, Situation};

/// For each place, the place whose point stands for it on the map.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Anchors {
    anchor: Vec<Option<PlaceIx>>,
    /// For each event, the place drawn for it ([`NO_ANCHOR`] for none):
    /// counting markers then reads one small number per kept event, not
    /// the event itself, so a filter change at a million events stays
    /// within a frame.
    by_event: Vec<u32>,
    /// Some place is drawn: without one, every event is unmapped.
    any: bool,
}

/// An event with no place drawn for it, in [`Anchors::by_event`].
const NO_ANCHOR: u32 = u32::MAX;

impl Anchors {
    pub fn new(s: &Situation) -> Anchors {
        let anchor = s
            .place_ixs()
            .map(|p| {
                // The loader rejects part_of cycles, so the chain ends; the
                // bound keeps a hand-made model from looping.
                std::iter::successors(Some(p), |&x| s.places[x].part_of)
                    .take(s.places.len())
                    .find(|&x| s.places[x].point.is_some())
            })
            .collect::<Vec<Option<PlaceIx>>>();
        let of =
            |place: Option<PlaceIx>| place.and_then(|p| anchor.get(p.get()).copied().flatten());
        let by_event = (s.events.iter())
            .map(|e| of(e.place).map_or(NO_ANCHOR, |a| a.get() as u32))
            .collect();
        let any = anchor.iter().any(Option::is_some);
        Anchors {
            anchor,
            by_event,
            any,
        }
    }

    /// The place drawn for `place`, if it or a place it lies in has a point.
    pub fn of(&self, place: PlaceIx) -> Option<PlaceIx> {
        self.anchor.get(place.get()).copied().flatten()
    }
}

/// One marker: a drawn place and how many kept events it stands for.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Marker {
    pub place: PlaceIx,
    pub point: LatLon,
    /// The point stands for an area or is a guess: never drawn as a dot.
    pub approximate: bool,
    /// Kept events drawn here: at the place, or at a place inside it that
    /// has no point of its own.
    pub events: usize,
    /// Kept events at the place or at any place inside it, those drawn at
    /// points of their own included: what filtering by the place keeps.
    pub within: usize,
}

/// Markers for what a filter keeps, busiest first.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Markers {
    /// By events, most first; ties in file order of the places.
    pub list: Vec<Marker>,
    /// Kept events with no place, or at a place with no point anywhere up
    /// its `part_of` chain.
    pub unmapped: usize,
    /// The most events at one marker (0 when there is none).
    pub busiest: usize,
}

impl Markers {
    /// Aggregates `events` (a filter's result) per drawn place: one pass
    /// over the events and one over the places.
    pub fn new(s: &Situation, anchors: &Anchors, events: &[EventIx]) -> Markers {
        if !anchors.any {
            return Markers {
                list: Vec::new(),
                unmapped: events.len(),
                busiest: 0,
            };
        }
        let mut counts = vec![0usize; s.places.len()];
        let mut unmapped = 0;
        for &e in events {
            match anchors.by_event.get(e.get()) {
                Some(&a) if a != NO_ANCHOR => counts[a as usize] += 1,
                _ => unmapped += 1,
            }
        }
        // An event inside a place is drawn at that place or at a place
        // inside it with a point, so summing each marker's count up its
        // part_of chain gives every place's count with what lies in it.
        let mut within = vec![0usize; s.places.len()];
        for p in s.place_ixs().filter(|p| counts[p.get()] > 0) {
            // The loader rejects part_of cycles; the bound keeps a
            // hand-made model from looping.
            let chain = std::iter::successors(Some(p), |&x| s.places[x].part_of);
            for x in chain.take(s.places.len()) {
                within[x.get()] += counts[p.get()];
            }
        }
        let mut list: Vec<Marker> = (s.place_ixs().zip(&counts))
            .filter(|&(_, &n)| n > 0)
            .filter_map(|(p, &n)| {
                let place = &s.places[p];
                Some(Marker {
                    place: p,
                    point: place.point?,
                    approximate: place.approximate,
                    events: n,
                    within: within[p.get()],
                })
            })
            .collect();
        list.sort_by(|a, b| b.events.cmp(&a.events).then(a.place.cmp(&b.place)));
        let busiest = list.first().map_or(0, |m| m.events);
        Markers {
            list,
            unmapped,
            busiest,
        }
    }

    /// A marker's size class, 0 (few events) to 2 (among the busiest), by
    /// its share of the busiest marker's count.
    pub fn grade(&self, marker: &Marker) -> usize {
        if self.busiest <= 1 {
            return 0;
        }
        let share = marker.events as f64 / self.busiest as f64;
        if share > 0.66 {
            2
        } else if share > 0.33 {
            1
        } else {
            0
        }
    }

    pub fn points(&self) -> impl Iterator<Item = LatLon> + '_ {
        self.list.iter().map(|m| m.point)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::load_str;

    const FILE: &str = r#"
[situation]
title = "T"
as_of = 2024-09-21

[[sources]]
id = "s"
title = "S"

[[places]]
id = "haiti"
name = "Haiti"
kind = "country"
lat = 19.0
lon = -72.4
approximate = true

[[places]]
id = "pap"
name = "Port-au-Prince"
part_of = "haiti"
lat = 18.53
lon = -72.33

[[places]]
id = "palace"
name = "National Palace"
part_of = "pap"

[[places]]
id = "nowhere"
name = "Somewhere unknown"

[[events]]
id = "a"
date = 2024-09-01
title = "At the palace"
place = "palace"
sources = ["s"]

[[events]]
id = "b"
date = 2024-09-02
title = "In the city"
place = "pap"
sources = ["s"]

[[events]]
id = "c"
date = 2024-09-03
title = "In the country"
place = "haiti"
sources = ["s"]

[[events]]
id = "d"
date = 2024-09-04
title = "Nowhere on the map"
place = "nowhere"
sources = ["s"]

[[events]]
id = "e"
date = 2024-09-05
title = "No place at all"
sources = ["s"]
"#;

    #[test]
    fn events_are_counted_at_the_nearest_place_with_a_point() {
        let s = load_str(FILE).situation.expect("loads");
        let anchors = Anchors::new(&s);
        let (city, palace) = (PlaceIx::new(1), PlaceIx::new(2));
        assert_eq!(
            anchors.of(palace),
            Some(city),
            "the palace shows at the city"
        );
        assert_eq!(anchors.of(PlaceIx::new(3)), None);
        let all: Vec<EventIx> = EventIx::all(s.events.len()).collect();
        let markers = Markers::new(&s, &anchors, &all);
        let summary: Vec<(&str, usize, bool)> = markers
            .list
            .iter()
            .map(|m| (s.places[m.place].id.as_str(), m.events, m.approximate))
            .collect();
        assert_eq!(summary, [("pap", 2, false), ("haiti", 1, true)]);
        assert_eq!(markers.unmapped, 2);
        assert_eq!(markers.grade(&markers.list[0]), 2);
        assert_eq!(markers.grade(&markers.list[1]), 1);
        // Haiti draws its own event; the city, inside it with a point of
        // its own, draws two more that filtering by Haiti keeps too.
        let within: Vec<(usize, usize)> =
            markers.list.iter().map(|m| (m.events, m.within)).collect();
        assert_eq!(within, [(2, 2), (1, 3)]);
        // A filter's result only counts what it kept.
        let some = Markers::new(&s, &anchors, &[EventIx::new(2), EventIx::new(4)]);
        assert_eq!(some.list.len(), 1);
        assert_eq!(some.unmapped, 1);
        assert_eq!(
            some.grade(&some.list[0]),
            0,
            "one event is the smallest grade"
        );
    }
}
