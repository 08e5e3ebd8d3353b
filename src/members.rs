//! Who is part of whom: the `part_of` forest laid out in depth-first order,
//! so that an actor and all its members (transitively) are one contiguous
//! range of that order. "Is `a` within `c`" is then two comparisons, and the
//! members of any set of actors are a few ranges, never a stored chain.
//!
//! Everything here is linear in the number of actors and references, and
//! iterative: a chain a million deep needs no deeper stack than a flat list.

use crate::model::{ActorIx, EventIx, Situation};

/// The `part_of` forest of one situation, with each actor's events.
#[derive(Clone, Debug, Default)]
pub struct Members {
    /// Actors in depth-first order: each followed by its members, roots
    /// and members in file order.
    order: Vec<u32>,
    /// Each actor's place in `order`.
    position: Vec<u32>,
    /// Where each actor's range ends in `order` (exclusive): the actor
    /// itself and everything part of it.
    end: Vec<u32>,
    /// How many actors up the chain each actor sits (0 for a top-level one).
    depth: Vec<u32>,
    /// Events naming each actor directly, grouped by the actor's place in
    /// `order` (`events[event_starts[p]..event_starts[p + 1]]`, each group in
    /// timeline order), so the events of a whole range are one slice.
    events: Vec<u32>,
    event_starts: Vec<u32>,
    /// Events involving each actor or any of its members, each counted once.
    event_counts: Vec<u32>,
}

impl Members {
    /// Lays out the forest. The loader rejects `part_of` cycles; should one
    /// reach here anyway, its actors are treated as top-level rather than
    /// looping.
    pub fn new(s: &Situation) -> Members {
        let n = s.actors.len();
        let parents: Vec<Option<ActorIx>> = s
            .actors
            .iter()
            .map(|a| a.part_of.filter(|&p| p < n))
            .collect();
        let (order, end, depth) = depth_first(&parents);
        let mut position = vec![0; n];
        for (p, &a) in order.iter().enumerate() {
            position[a as usize] = p as u32;
        }
        let (events, event_starts) = events_by_position(s, &position);
        let layout = Layout {
            order: &order,
            position: &position,
            end: &end,
        };
        let event_counts =
            distinct_events_per_range(&layout, &events, &event_starts, s.events.len());
        Members {
            order,
            position,
            end,
            depth,
            events,
            event_starts,
            event_counts,
        }
    }

    /// Whether `actor` is `of` or part of it, directly or through others.
    pub fn is_within(&self, actor: ActorIx, of: ActorIx) -> bool {
        match (self.position.get(actor), self.position.get(of)) {
            (Some(&at), Some(&start)) => start <= at && at < self.end[of],
            _ => false,
        }
    }

    /// How deep the actor sits in its `part_of` chain (0 for a top-level actor).
    pub fn depth(&self, actor: ActorIx) -> usize {
        self.depth.get(actor).map_or(0, |&d| d as usize)
    }

    /// Events involving the actor or any actor part of it.
    pub fn event_count(&self, actor: ActorIx) -> usize {
        self.event_counts.get(actor).map_or(0, |&c| c as usize)
    }

    /// For each actor: whether it is one of `chosen` or part of one.
    pub fn in_scope(&self, chosen: &[ActorIx]) -> Vec<bool> {
        let n = self.order.len();
        let mut scope = vec![false; n];
        for (start, end) in self.ranges(chosen) {
            for &a in &self.order[start..end] {
                scope[a as usize] = true;
            }
        }
        scope
    }

    /// Events involving any of `chosen` or their members, in timeline order,
    /// each once. Costs what the answer holds, not the number of events.
    pub fn events_of(&self, chosen: &[ActorIx], event_total: usize) -> Vec<EventIx> {
        let slices: Vec<&[u32]> = self
            .ranges(chosen)
            .into_iter()
            .map(|(start, end)| {
                let from = self.event_starts[start] as usize;
                let to = self.event_starts[end] as usize;
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
            return (0..event_total).filter(|&e| hit[e]).collect();
        }
        let mut out: Vec<EventIx> = Vec::with_capacity(total);
        out.extend(slices.iter().copied().flatten().map(|&e| e as usize));
        out.sort_unstable();
        out.dedup();
        out
    }

    /// The ranges of `order` that `chosen` and their members cover, sorted
    /// and without overlaps (a chosen actor inside another adds nothing).
    fn ranges(&self, chosen: &[ActorIx]) -> Vec<(usize, usize)> {
        let mut ranges: Vec<(usize, usize)> = chosen
            .iter()
            .filter(|&&a| a < self.position.len())
            .map(|&a| (self.position[a] as usize, self.end[a] as usize))
            .collect();
        ranges.sort_unstable();
        let mut merged: Vec<(usize, usize)> = Vec::with_capacity(ranges.len());
        for (start, end) in ranges {
            match merged.last_mut() {
                // Ranges of a forest either nest or are apart.
                Some(last) if start < last.1 => last.1 = last.1.max(end),
                _ => merged.push((start, end)),
            }
        }
        merged
    }
}

/// Depth-first order of the forest given by `parents`, each actor's range
/// end in that order, and each actor's depth. Members are visited in file
/// order; actors on a cycle (never from the loader) become roots.
fn depth_first(parents: &[Option<ActorIx>]) -> (Vec<u32>, Vec<u32>, Vec<u32>) {
    let n = parents.len();
    // Members of each actor, in file order, as one flat list.
    let mut starts = vec![0u32; n + 1];
    for &p in parents.iter().flatten() {
        starts[p + 1] += 1;
    }
    for i in 0..n {
        starts[i + 1] += starts[i];
    }
    let mut next = starts.clone();
    let mut kids = vec![0u32; starts[n] as usize];
    for (a, &p) in parents.iter().enumerate() {
        if let Some(p) = p {
            kids[next[p] as usize] = a as u32;
            next[p] += 1;
        }
    }
    let mut order = Vec::with_capacity(n);
    let mut end = vec![0u32; n];
    let mut depth = vec![0u32; n];
    let mut visited = vec![false; n];
    // (actor, how many of its members are visited so far)
    let mut stack: Vec<(u32, u32)> = Vec::new();
    // Roots first, in file order; only a cycle leaves actors unreached
    // after them, and the first of each such group then starts a tree.
    let roots = (0..n).filter(|&a| parents[a].is_none()).chain(0..n);
    for root in roots {
        if visited[root] {
            continue;
        }
        visited[root] = true;
        order.push(root as u32);
        stack.push((root as u32, 0));
        while let Some(top) = stack.last_mut() {
            let (a, done) = (top.0 as usize, top.1);
            let members = &kids[starts[a] as usize..starts[a + 1] as usize];
            match members.get(done as usize) {
                Some(&m) if !visited[m as usize] => {
                    top.1 += 1;
                    visited[m as usize] = true;
                    depth[m as usize] = depth[a] + 1;
                    order.push(m);
                    stack.push((m, 0));
                }
                Some(_) => top.1 += 1,
                None => {
                    end[a] = order.len() as u32;
                    stack.pop();
                }
            }
        }
    }
    (order, end, depth)
}

/// Each event under every actor it names directly, grouped by the actor's
/// place in depth-first order; within a group in timeline order.
fn events_by_position(s: &Situation, position: &[u32]) -> (Vec<u32>, Vec<u32>) {
    let n = position.len();
    let mut starts = vec![0u32; n + 1];
    for event in &s.events {
        for &a in event.actors.iter().filter(|&&a| a < n) {
            starts[position[a] as usize + 1] += 1;
        }
    }
    for i in 0..n {
        starts[i + 1] += starts[i];
    }
    let mut next = starts.clone();
    let mut events = vec![0u32; starts[n] as usize];
    for (e, event) in s.events.iter().enumerate() {
        for &a in event.actors.iter().filter(|&&a| a < n) {
            let slot = &mut next[position[a] as usize];
            events[*slot as usize] = e as u32;
            *slot += 1;
        }
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
    members: &Layout,
    events: &[u32],
    event_starts: &[u32],
    event_total: usize,
) -> Vec<u32> {
    let Layout {
        order,
        position,
        end,
    } = members;
    let n = order.len();
    // Actors grouped by the last position of their range:
    // `closing[closing_starts[p]..closing_starts[p + 1]]` end at p.
    let mut closing_starts = vec![0u32; n + 1];
    for &e in end.iter() {
        // `e` is exclusive: the range's last position is e - 1.
        closing_starts[e as usize] += 1;
    }
    for p in 0..n {
        closing_starts[p + 1] += closing_starts[p];
    }
    let mut next = closing_starts.clone();
    let mut closing = vec![0u32; n];
    for (a, &e) in end.iter().enumerate() {
        let slot = &mut next[e as usize - 1];
        closing[*slot as usize] = a as u32;
        *slot += 1;
    }

    const NONE: u32 = u32::MAX;
    let mut rightmost = vec![NONE; event_total];
    let mut tree = Fenwick::new(n);
    let mut counts = vec![0u32; n];
    for p in 0..n {
        for &e in &events[event_starts[p] as usize..event_starts[p + 1] as usize] {
            let seen = &mut rightmost[e as usize];
            if *seen == p as u32 {
                continue; // the same actor named twice in one event
            }
            if *seen != NONE {
                tree.add(*seen as usize, -1);
            }
            tree.add(p, 1);
            *seen = p as u32;
        }
        for &a in &closing[closing_starts[p] as usize..closing_starts[p + 1] as usize] {
            let start = position[a as usize] as usize;
            let before = if start == 0 {
                0
            } else {
                tree.sum_to(start - 1)
            };
            counts[a as usize] = (tree.sum_to(p) - before) as u32;
        }
    }
    counts
}

/// The depth-first layout: order, each actor's place in it, each range's end.
struct Layout<'a> {
    order: &'a [u32],
    position: &'a [u32],
    end: &'a [u32],
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

    fn actor(id: usize, part_of: Option<usize>) -> Actor {
        Actor {
            id: format!("a{id}"),
            name: format!("Actor {id}"),
            kind: ActorKind::Other,
            role: None,
            part_of,
            aliases: vec![],
            tags: vec![],
        }
    }

    fn event(actors: Vec<usize>) -> Event {
        Event {
            id: "e".into(),
            date: "2024-01-01".parse().unwrap(),
            end: None,
            title: "t".into(),
            summary: None,
            actors,
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

    /// The slow, obvious answers: walk each chain.
    fn walk_within(s: &Situation, actor: usize, of: usize) -> bool {
        std::iter::successors(Some(actor), |&x| s.actors[x].part_of).any(|x| x == of)
    }

    fn check_against_walking(s: &Situation) {
        let m = Members::new(s);
        let n = s.actors.len();
        for a in 0..n {
            for c in 0..n {
                assert_eq!(m.is_within(a, c), walk_within(s, a, c), "{a} within {c}");
            }
            let depth = std::iter::successors(Some(a), |&x| s.actors[x].part_of).count() - 1;
            assert_eq!(m.depth(a), depth, "depth of {a}");
            let count = s
                .events
                .iter()
                .filter(|e| e.actors.iter().any(|&x| walk_within(s, x, a)))
                .count();
            assert_eq!(m.event_count(a), count, "events of {a}");
            let events: Vec<usize> = (0..s.events.len())
                .filter(|&e| s.events[e].actors.iter().any(|&x| walk_within(s, x, a)))
                .collect();
            assert_eq!(m.events_of(&[a], s.events.len()), events, "events of {a}");
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
        assert_eq!(m.event_count(0), 4);
        assert_eq!(m.event_count(4), 3);
        assert_eq!(m.in_scope(&[2]), [false, false, true, true, false, false]);
        assert_eq!(m.in_scope(&[2, 0]), [true, true, true, true, false, false]);
        assert_eq!(m.events_of(&[2, 5], 6), [0, 1, 2, 3, 5]);
        assert_eq!(m.events_of(&[], 6), Vec::<usize>::new());
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
        assert_eq!(m.event_count(0), 50_000);
        assert_eq!(m.event_count(1), 2);
        assert_eq!(m.depth(49_999), 1);
        assert!(m.is_within(49_999, 0) && !m.is_within(0, 49_999));
        assert!(!m.is_within(2, 1));
        assert_eq!(m.events_of(&[1], 50_000), [1, 7_143]);
        assert_eq!(m.in_scope(&[3]).iter().filter(|&&x| x).count(), 1);
    }

    #[test]
    fn a_chain_a_million_deep() {
        let n: usize = 1_000_000;
        let parents: Vec<Option<usize>> = (0..n).map(|i| i.checked_sub(1)).collect();
        let s = situation(&parents, vec![vec![n - 1], vec![n / 2], vec![0]]);
        let m = Members::new(&s);
        assert_eq!(m.depth(n - 1), n - 1);
        assert!(m.is_within(n - 1, 0));
        assert!(!m.is_within(0, n - 1));
        assert_eq!(m.event_count(0), 3);
        assert_eq!(m.event_count(n / 2), 2);
        assert_eq!(m.event_count(n - 1), 1);
        assert_eq!(m.events_of(&[n / 2 + 1], 3), [0]);
        assert_eq!(m.in_scope(&[n - 2]).iter().filter(|&&x| x).count(), 2);
    }

    #[test]
    fn small_forests_agree_with_walking_the_chains() {
        // Every parent array over 5 actors where a parent comes earlier or
        // later in the file, without cycles (checked by walking), with events
        // naming pairs.
        let n = 5;
        let mut tried = 0;
        for code in 0..6usize.pow(n as u32) {
            let parents: Vec<Option<usize>> = (0..n)
                .map(|i| match (code / 6usize.pow(i as u32)) % 6 {
                    5 => None,
                    p if p == i => None,
                    p => Some(p),
                })
                .collect();
            let acyclic = (0..n).all(|a| {
                std::iter::successors(Some(a), |&x| parents[x])
                    .take(n + 1)
                    .count()
                    <= n
            });
            if !acyclic || code % 7 != 0 {
                continue;
            }
            let events = (0..n).map(|i| vec![i, (i + code) % n]).collect();
            check_against_walking(&situation(&parents, events));
            tried += 1;
        }
        assert!(tried > 100, "{tried}");
    }

    #[test]
    fn a_cycle_that_slipped_through_neither_loops_nor_panics() {
        // The loader rejects these; the layout must still end.
        let s = situation(&[Some(1), Some(0), None], vec![vec![0], vec![2]]);
        let m = Members::new(&s);
        assert_eq!(m.in_scope(&[2]), [false, false, true]);
        assert!(m.event_count(0) >= 1);
    }
}
