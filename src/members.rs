//! Who is part of whom among actors: the `part_of` forest as tree ranges
//! (see [`crate::tree_ranges`]), with each actor's events grouped by its
//! place in depth-first order, so that the events of an actor and all its
//! members are a few slices, and counting them never walks a chain.

use crate::model::{ActorIx, EventIx, Situation};
use crate::tree_ranges::TreeRanges;

/// The `part_of` forest of one situation, with each actor's events.
#[derive(Clone, Debug, Default)]
pub struct Members {
    tree: TreeRanges,
    /// Events naming each actor directly, grouped by the actor's place in
    /// depth-first order (`events[event_starts[p]..event_starts[p + 1]]`,
    /// each group in timeline order), so the events of a whole range are
    /// one slice.
    events: Vec<u32>,
    event_starts: Vec<u32>,
    /// Events involving each actor or any of its members, each counted once.
    event_counts: Vec<u32>,
    /// The largest of `event_counts` (0 without actors).
    event_count_max: u32,
}

impl Members {
    /// Lays out the forest. The loader rejects `part_of` cycles; should one
    /// reach here anyway, its actors are treated as top-level rather than
    /// looping.
    pub fn new(s: &Situation) -> Members {
        // The tree works on positions: an actor's is its index.
        let parents: Vec<Option<usize>> = (s.actors.iter())
            .map(|a| a.part_of.map(ActorIx::get))
            .collect();
        let tree = TreeRanges::new(&parents);
        let (events, event_starts) = events_by_position(s, &tree);
        let event_counts = distinct_events_per_range(&tree, &events, &event_starts, s.events.len());
        let event_count_max = event_counts.iter().copied().max().unwrap_or(0);
        Members {
            tree,
            events,
            event_starts,
            event_counts,
            event_count_max,
        }
    }

    /// The most events any actor has, members included.
    pub fn event_count_max(&self) -> usize {
        self.event_count_max as usize
    }

    /// Whether `actor` is `of` or part of it, directly or through others.
    pub fn is_within(&self, actor: ActorIx, of: ActorIx) -> bool {
        self.tree.within(actor.get(), of.get())
    }

    /// How deep the actor sits in its `part_of` chain (0 for a top-level actor).
    pub fn depth(&self, actor: ActorIx) -> usize {
        self.tree.depth(actor.get())
    }

    /// Events involving the actor or any actor part of it.
    pub fn event_count(&self, actor: ActorIx) -> usize {
        self.event_counts
            .get(actor.get())
            .map_or(0, |&c| c as usize)
    }

    /// For each actor: whether it is one of `chosen` or part of one.
    pub fn in_scope(&self, chosen: &[ActorIx]) -> Vec<bool> {
        self.tree.inside_any(&positions(chosen))
    }

    /// Events involving any of `chosen` or their members, in timeline order,
    /// each once. Costs what the answer holds, not the number of events.
    pub fn events_of(&self, chosen: &[ActorIx], event_total: usize) -> Vec<EventIx> {
        let slices: Vec<&[u32]> = self
            .tree
            .ranges(&positions(chosen))
            .into_iter()
            .map(|range| {
                let from = self.event_starts[range.start] as usize;
                let to = self.event_starts[range.end] as usize;
                &self.events[from..to]
            })
            .collect();
        let total: usize = slices.iter().map(|s| s.len()).sum();
        // Many hits: marking them is cheaper than sorting them.
        if total > event_total / 8 {
            let mut hit = vec![false; event_total];
            for &e in slices.iter().copied().flatten() {
                hit[e as usize] = true;
            }
            return EventIx::all(event_total)
                .filter(|&e| hit[e.get()])
                .collect();
        }
        let mut out: Vec<EventIx> = Vec::with_capacity(total);
        out.extend(
            slices
                .iter()
                .copied()
                .flatten()
                .map(|&e| EventIx::new(e as usize)),
        );
        out.sort_unstable();
        out.dedup();
        out
    }
}

fn positions(actors: &[ActorIx]) -> Vec<usize> {
    actors.iter().map(|a| a.get()).collect()
}

/// Each event under every actor it names directly, grouped by the actor's
/// place in depth-first order; within a group in timeline order.
fn events_by_position(s: &Situation, tree: &TreeRanges) -> (Vec<u32>, Vec<u32>) {
    let n = tree.len();
    let position = |a: ActorIx| tree.range(a.get()).map_or(0, |r| r.start);
    // Each mention as (position, event), read from the events in one walk:
    // their actor lists lie all over memory, and a second walk would wait
    // on it as long again.
    let mut mentions: Vec<(u32, u32)> = Vec::with_capacity(s.events.len() * 2);
    let mut starts = vec![0u32; n + 1];
    for (e, event) in s.events.iter().enumerate() {
        for &a in event.actors.iter().filter(|&&a| a.get() < n) {
            let p = position(a);
            starts[p + 1] += 1;
            mentions.push((p as u32, e as u32));
        }
    }
    for i in 0..n {
        starts[i + 1] += starts[i];
    }
    let mut next = starts.clone();
    let mut events = vec![0u32; mentions.len()];
    for (p, e) in mentions {
        let slot = &mut next[p as usize];
        events[*slot as usize] = e;
        *slot += 1;
    }
    (events, starts)
}

/// For each actor, how many distinct events name it or one of its members.
///
/// Each actor's members are one range of positions, so this is "how many
/// distinct events have a mention inside the range", answered for every
/// range in one left-to-right sweep: only the rightmost mention of each
/// event so far counts (a Fenwick tree over positions), and a range ending
/// here counts the mentions inside it.
fn distinct_events_per_range(
    tree: &TreeRanges,
    events: &[u32],
    event_starts: &[u32],
    event_total: usize,
) -> Vec<u32> {
    let n = tree.len();
    let range = |a: usize| tree.range(a).unwrap_or(0..0);
    // Actors grouped by the last position of their range:
    // `closing[closing_starts[p]..closing_starts[p + 1]]` end at p.
    let mut closing_starts = vec![0u32; n + 1];
    for a in 0..n {
        // The end is exclusive: the range's last position is end - 1.
        closing_starts[range(a).end] += 1;
    }
    for p in 0..n {
        closing_starts[p + 1] += closing_starts[p];
    }
    let mut next = closing_starts.clone();
    let mut closing = vec![0u32; n];
    for a in 0..n {
        let slot = &mut next[range(a).end - 1];
        closing[*slot as usize] = a as u32;
        *slot += 1;
    }

    const NONE: u32 = u32::MAX;
    let mut rightmost = vec![NONE; event_total];
    let mut fenwick = Fenwick::new(n);
    let mut counts = vec![0u32; n];
    for p in 0..n {
        for &e in &events[event_starts[p] as usize..event_starts[p + 1] as usize] {
            let seen = &mut rightmost[e as usize];
            if *seen == p as u32 {
                continue; // the same actor named twice in one event
            }
            if *seen != NONE {
                fenwick.add(*seen as usize, -1);
            }
            fenwick.add(p, 1);
            *seen = p as u32;
        }
        for &a in &closing[closing_starts[p] as usize..closing_starts[p + 1] as usize] {
            let start = range(a as usize).start;
            let before = if start == 0 {
                0
            } else {
                fenwick.sum_to(start - 1)
            };
            counts[a as usize] = (fenwick.sum_to(p) - before) as u32;
        }
    }
    counts
}

/// Prefix sums that can change one entry at a time, each in log time.
struct Fenwick(Vec<i64>);

impl Fenwick {
    fn new(n: usize) -> Fenwick {
        Fenwick(vec![0; n + 1])
    }

    fn add(&mut self, at: usize, delta: i64) {
        let mut i = at + 1;
        while i < self.0.len() {
            self.0[i] += delta;
            i += i & i.wrapping_neg();
        }
    }

    /// Sum of entries 0..=at.
    fn sum_to(&self, at: usize) -> i64 {
        let mut i = at + 1;
        let mut sum = 0;
        while i > 0 {
            sum += self.0[i];
            i -= i & i.wrapping_neg();
        }
        sum
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Actor, ActorKind, Event};
    use crate::tree_ranges::oracle::{small_forests, walk_within};

    fn ix(a: usize) -> ActorIx {
        ActorIx::new(a)
    }

    fn ixs(actors: &[usize]) -> Vec<ActorIx> {
        actors.iter().copied().map(ix).collect()
    }

    fn positions(events: Vec<EventIx>) -> Vec<usize> {
        events.into_iter().map(EventIx::get).collect()
    }

    fn actor(id: usize, part_of: Option<usize>) -> Actor {
        Actor {
            id: format!("a{id}").into(),
            name: format!("Actor {id}").into(),
            kind: ActorKind::Other,
            role: None,
            part_of: part_of.map(ix),
            aliases: Box::default(),
            tags: Box::default(),
        }
    }

    fn event(actors: Vec<usize>) -> Event {
        Event {
            id: "e".into(),
            date: "2024-01-01".parse().unwrap(),
            end: None,
            title: "t".into(),
            summary: None,
            actors: ixs(&actors),
            location: None,
            place: None,
            category: None,
            tags: vec![],
            sources: vec![],
        }
    }

    fn situation(parents: &[Option<usize>], events: Vec<Vec<usize>>) -> Situation {
        Situation {
            actors: parents
                .iter()
                .enumerate()
                .map(|(i, &p)| actor(i, p))
                .collect(),
            events: events.into_iter().map(event).collect(),
            ..Situation::default()
        }
    }

    fn parents(s: &Situation) -> Vec<Option<usize>> {
        s.actors
            .iter()
            .map(|a| a.part_of.map(ActorIx::get))
            .collect()
    }

    /// What members adds to the layout (whose own answers
    /// `tree_ranges` checks), held against walking each chain: the events
    /// of each actor and its members, counted and listed.
    fn check_against_walking(s: &Situation) {
        let m = Members::new(s);
        let parents = parents(s);
        for a in 0..s.actors.len() {
            let involves =
                |e: &Event| (e.actors.iter()).any(|&x| walk_within(&parents, x.get(), a));
            let count = s.events.iter().filter(|e| involves(e)).count();
            assert_eq!(m.event_count(ix(a)), count, "events of {a}");
            let events: Vec<EventIx> = (s.event_ixs())
                .filter(|&e| involves(&s.events[e]))
                .collect();
            assert_eq!(
                m.events_of(&ixs(&[a]), s.events.len()),
                events,
                "events of {a}"
            );
        }
    }

    #[test]
    fn a_tree_with_shared_and_repeated_mentions() {
        //   0        4
        //  / \       |
        // 1   2      5
        //     |
        //     3
        let s = situation(
            &[None, Some(0), Some(0), Some(2), None, Some(4)],
            vec![
                vec![1, 3], // two members of 0: counted once for 0
                vec![3, 3], // the same actor twice
                vec![5],
                vec![0, 5], // two trees
                vec![],
                vec![2, 1, 4], // out of order
            ],
        );
        check_against_walking(&s);
        let m = Members::new(&s);
        assert_eq!(m.event_count(ix(0)), 4);
        assert_eq!(m.event_count(ix(4)), 3);
        // The layout's answers, as callers ask for them.
        assert!(m.is_within(ix(3), ix(0)) && !m.is_within(ix(0), ix(3)));
        assert_eq!(m.depth(ix(3)), 2);
        assert_eq!(
            m.in_scope(&ixs(&[2])),
            [false, false, true, true, false, false]
        );
        assert_eq!(
            m.in_scope(&ixs(&[2, 0])),
            [true, true, true, true, false, false]
        );
        assert_eq!(positions(m.events_of(&ixs(&[2, 5]), 6)), [0, 1, 2, 3, 5]);
        assert_eq!(m.events_of(&ixs(&[]), 6), []);
    }

    #[test]
    fn members_listed_before_their_parent_in_the_file() {
        // 2 is part of 3, which is part of 0; 1 is part of 2.
        let s = situation(
            &[None, Some(2), Some(3), Some(0)],
            vec![vec![1], vec![3], vec![2, 0]],
        );
        check_against_walking(&s);
    }

    #[test]
    fn a_wide_tree() {
        let mut parents = vec![None];
        parents.extend((1..50_000).map(|_| Some(0)));
        let events: Vec<Vec<usize>> = (0..50_000).map(|i| vec![i, (i * 7) % 50_000]).collect();
        let s = situation(&parents, events);
        let m = Members::new(&s);
        assert_eq!(m.event_count(ix(0)), 50_000);
        assert_eq!(m.event_count(ix(1)), 2);
        assert_eq!(positions(m.events_of(&ixs(&[1]), 50_000)), [1, 7_143]);
    }

    #[test]
    fn a_chain_a_million_deep() {
        let n: usize = 1_000_000;
        let parents: Vec<Option<usize>> = (0..n).map(|i| i.checked_sub(1)).collect();
        let s = situation(&parents, vec![vec![n - 1], vec![n / 2], vec![0]]);
        let m = Members::new(&s);
        assert_eq!(m.event_count(ix(0)), 3);
        assert_eq!(m.event_count(ix(n / 2)), 2);
        assert_eq!(m.event_count(ix(n - 1)), 1);
        assert_eq!(positions(m.events_of(&ixs(&[n / 2 + 1]), 3)), [0]);
    }

    #[test]
    fn small_forests_agree_with_walking_the_chains() {
        // One in seven of the forests over 5 actors, with events naming
        // pairs.
        let n = 5;
        let mut tried = 0;
        for (code, parents) in small_forests(n).filter(|(code, _)| code % 7 == 0) {
            let events = (0..n).map(|i| vec![i, (i + code) % n]).collect();
            check_against_walking(&situation(&parents, events));
            tried += 1;
        }
        assert!(tried > 100, "{tried}");
    }

    #[test]
    fn a_cycle_that_slipped_through_neither_loops_nor_panics() {
        // The loader rejects these; the counts must still come out.
        let s = situation(&[Some(1), Some(0), None], vec![vec![0], vec![2]]);
        let m = Members::new(&s);
        assert!(m.event_count(ix(0)) >= 1);
        assert_eq!(m.event_count(ix(2)), 1);
    }
}
