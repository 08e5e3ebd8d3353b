//! A `part_of` forest (actors in actors, places in places) laid out in
//! depth-first order, so that an item and everything part of it, at any
//! depth, is one contiguous range of that order. "Is `x` within `c`" is then
//! two comparisons, the members of a set of items are a few ranges, and
//! totals over an item's members are a difference of prefix sums: nothing
//! ever stores or walks a chain.
//!
//! Everything here is linear in the number of items and iterative: a chain a
//! million deep needs no deeper stack than a flat list.

use std::ops::Range;

/// Depth-first positions of the items of one `part_of` forest. Positions
/// and counts are `u32`: a file that loads holds far fewer items.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TreeRanges {
    /// Items in depth-first order: each followed by its members; roots and
    /// the members of each item in their own (file) order.
    order: Vec<u32>,
    /// Each item's place in `order`.
    position: Vec<u32>,
    /// Where each item's range ends in `order` (exclusive): the item itself
    /// and everything part of it.
    end: Vec<u32>,
    /// How many `part_of` steps up to a top-level item (0 for one).
    depth: Vec<u32>,
}

impl TreeRanges {
    /// Lays out the forest given by each item's parent. The loader rejects
    /// cycles; an item caught in one anyway (or part of itself, or of an
    /// item out of range) is treated as top-level, so this always ends.
    pub fn new(parents: &[Option<usize>]) -> TreeRanges {
        let n = parents.len();
        let parent = |item: usize| parents[item].filter(|&p| p < n && p != item);
        // Members of each item, in file order, as one flat list:
        // `members[starts[p]..starts[p + 1]]`.
        let mut starts = vec![0u32; n + 1];
        for p in (0..n).filter_map(parent) {
            starts[p + 1] += 1;
        }
        for i in 0..n {
            starts[i + 1] += starts[i];
        }
        let mut next = starts.clone();
        let mut members = vec![0u32; starts[n] as usize];
        for item in 0..n {
            if let Some(p) = parent(item) {
                members[next[p] as usize] = item as u32;
                next[p] += 1;
            }
        }
        drop(next);

        let mut order = Vec::with_capacity(n);
        let mut end = vec![0u32; n];
        let mut depth = vec![0u32; n];
        let mut visited = vec![false; n];
        // (item, how many of its members are visited so far)
        let mut stack: Vec<(u32, u32)> = Vec::new();
        // Roots first, in file order; only a cycle leaves items unreached
        // after them, and the first of each such group then starts a tree.
        let roots = (0..n).filter(|&item| parent(item).is_none()).chain(0..n);
        for root in roots {
            if visited[root] {
                continue;
            }
            visited[root] = true;
            order.push(root as u32);
            stack.push((root as u32, 0));
            while let Some(top) = stack.last_mut() {
                let (item, done) = (top.0 as usize, top.1 as usize);
                let own = &members[starts[item] as usize..starts[item + 1] as usize];
                match own.get(done) {
                    Some(&m) if !visited[m as usize] => {
                        top.1 += 1;
                        visited[m as usize] = true;
                        depth[m as usize] = depth[item] + 1;
                        order.push(m);
                        stack.push((m, 0));
                    }
                    Some(_) => top.1 += 1,
                    None => {
                        end[item] = order.len() as u32;
                        stack.pop();
                    }
                }
            }
        }
        let mut position = vec![0u32; n];
        for (at, &item) in order.iter().enumerate() {
            position[item as usize] = at as u32;
        }
        TreeRanges {
            order,
            position,
            end,
            depth,
        }
    }

    /// How many items the forest holds.
    pub fn len(&self) -> usize {
        self.order.len()
    }

    pub fn is_empty(&self) -> bool {
        self.order.is_empty()
    }

    /// Whether `item` is `container` or part of it, at any depth.
    pub fn within(&self, item: usize, container: usize) -> bool {
        match (self.position.get(item), self.range(container)) {
            (Some(&at), Some(range)) => range.contains(&(at as usize)),
            _ => false,
        }
    }

    /// `part_of` steps from the item up to a top-level one.
    pub fn depth(&self, item: usize) -> usize {
        self.depth.get(item).map_or(0, |&d| d as usize)
    }

    /// The positions in depth-first order that the item and its members
    /// take; `None` for an item out of range.
    pub fn range(&self, item: usize) -> Option<Range<usize>> {
        let start = *self.position.get(item)? as usize;
        Some(start..self.end[item] as usize)
    }

    /// The item at a position of depth-first order.
    pub fn at(&self, position: usize) -> usize {
        self.order[position] as usize
    }

    /// The items in depth-first order: each right before its members,
    /// siblings in their own order.
    pub fn in_order(&self) -> Vec<usize> {
        self.order.iter().map(|&item| item as usize).collect()
    }

    /// Whether the item is the last member of what it is part of (or a
    /// top-level item after which no other top-level item comes): its range
    /// ends where its parent's does.
    pub fn is_last_member(&self, item: usize, parent: Option<usize>) -> bool {
        let ends = |i: usize| self.end.get(i).copied();
        match parent {
            Some(p) => ends(item).is_some_and(|e| Some(e) == ends(p)),
            None => ends(item).is_some_and(|e| e as usize == self.len()),
        }
    }

    /// The ranges of depth-first order that `chosen` and their members
    /// cover, sorted and without overlaps (an item chosen inside another
    /// adds nothing).
    pub fn ranges(&self, chosen: &[usize]) -> Vec<Range<usize>> {
        let mut ranges: Vec<Range<usize>> = chosen.iter().filter_map(|&c| self.range(c)).collect();
        ranges.sort_unstable_by_key(|r| (r.start, r.end));
        let mut merged: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
        for range in ranges {
            match merged.last_mut() {
                // Ranges of a forest either nest or are apart.
                Some(last) if range.start < last.end => last.end = last.end.max(range.end),
                _ => merged.push(range),
            }
        }
        merged
    }

    /// For every item, whether it is one of `chosen` or part of one.
    pub fn inside_any(&self, chosen: &[usize]) -> Vec<bool> {
        let mut inside = vec![false; self.len()];
        for range in self.ranges(chosen) {
            for &item in &self.order[range] {
                inside[item as usize] = true;
            }
        }
        inside
    }

    /// For every item, the sum of `own` over it and everything part of it.
    pub fn totals(&self, own: &[usize]) -> Vec<usize> {
        let n = self.len();
        // Prefix sums in depth-first order: an item's members are a range.
        let mut prefix = vec![0; n + 1];
        for (at, &item) in self.order.iter().enumerate() {
            prefix[at + 1] = prefix[at] + own.get(item as usize).copied().unwrap_or(0);
        }
        (0..n)
            .map(|item| prefix[self.end[item] as usize] - prefix[self.position[item] as usize])
            .collect()
    }
}

/// Slow, obvious answers and small forests to hold the layout (and what is
/// built on it, such as [`crate::members`]) against.
#[cfg(test)]
pub(crate) mod oracle {
    /// Whether `item` is `of` or part of it: walks the chain up.
    pub fn walk_within(parents: &[Option<usize>], item: usize, of: usize) -> bool {
        std::iter::successors(Some(item), |&x| parents[x]).any(|x| x == of)
    }

    /// `part_of` steps from `item` to a top-level item, walked.
    pub fn walk_depth(parents: &[Option<usize>], item: usize) -> usize {
        std::iter::successors(Some(item), |&x| parents[x]).count() - 1
    }

    /// Every parent array over `n` items where a parent comes earlier or
    /// later in the file, without cycles (checked by walking), each with
    /// the number it was made from.
    pub fn small_forests(n: usize) -> impl Iterator<Item = (usize, Vec<Option<usize>>)> {
        let choices = n + 1;
        (0..choices.pow(n as u32)).filter_map(move |code| {
            let parents: Vec<Option<usize>> = (0..n)
                .map(|i| match (code / choices.pow(i as u32)) % choices {
                    p if p == n || p == i => None,
                    p => Some(p),
                })
                .collect();
            let acyclic = (0..n).all(|a| {
                std::iter::successors(Some(a), |&x| parents[x])
                    .take(n + 1)
                    .count()
                    <= n
            });
            acyclic.then_some((code, parents))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::oracle::{small_forests, walk_depth, walk_within};
    use super::*;

    // 0 country, 1 city in 0, 2 site in 1, 3 another country, 4 city in 0.
    const PARENTS: [Option<usize>; 5] = [None, Some(0), Some(1), None, Some(0)];

    #[test]
    fn an_item_contains_what_lies_in_it_at_any_depth_and_nothing_else() {
        let tree = TreeRanges::new(&PARENTS);
        assert!(tree.within(2, 0) && tree.within(2, 1) && tree.within(2, 2));
        assert!(tree.within(4, 0));
        assert!(!tree.within(4, 1), "a sibling is not inside");
        assert!(
            !tree.within(0, 1),
            "a container is not inside what it holds"
        );
        assert!(!tree.within(2, 3));
        assert!(!tree.within(9, 0), "out of range is never inside");
        assert!(!tree.within(0, 9), "nothing is inside an item out of range");
    }

    #[test]
    fn marking_chosen_items_takes_in_their_insides() {
        let tree = TreeRanges::new(&PARENTS);
        assert_eq!(tree.inside_any(&[1]), [false, true, true, false, false]);
        assert_eq!(tree.inside_any(&[0, 3]), [true; 5]);
        assert_eq!(tree.inside_any(&[1, 0]), [true, true, true, false, true]);
        assert_eq!(tree.inside_any(&[]), [false; 5]);
    }

    #[test]
    fn chosen_ranges_merge_when_one_lies_in_another() {
        let tree = TreeRanges::new(&PARENTS);
        // Order: 0 1 2 4 3.
        assert_eq!(tree.ranges(&[2, 0]), vec![0..4]);
        assert_eq!(tree.ranges(&[3, 2]), [2..3, 4..5]);
        assert_eq!(tree.ranges(&[7]), Vec::<Range<usize>>::new());
    }

    #[test]
    fn totals_add_up_what_lies_inside() {
        let tree = TreeRanges::new(&PARENTS);
        assert_eq!(
            tree.totals(&[1, 10, 100, 1000, 5]),
            [116, 110, 100, 1000, 5]
        );
    }

    #[test]
    fn depth_first_order_puts_each_container_before_its_insides() {
        let tree = TreeRanges::new(&PARENTS);
        assert_eq!(tree.in_order(), [0, 1, 2, 4, 3]);
        assert_eq!(
            (0..5).map(|i| tree.depth(i)).collect::<Vec<_>>(),
            [0, 1, 2, 0, 1]
        );
        assert_eq!(
            (0..5).map(|p| tree.at(p)).collect::<Vec<_>>(),
            [0, 1, 2, 4, 3]
        );
    }

    #[test]
    fn the_last_member_of_each_item_is_known_from_the_ranges() {
        let tree = TreeRanges::new(&PARENTS);
        let last: Vec<bool> = (0..5).map(|i| tree.is_last_member(i, PARENTS[i])).collect();
        assert_eq!(last, [false, false, true, true, true]);
    }

    #[test]
    fn members_listed_before_their_parent_in_the_file() {
        // 2 is part of 3, which is part of 0; 1 is part of 2.
        let parents = [None, Some(2), Some(3), Some(0)];
        let tree = TreeRanges::new(&parents);
        assert_eq!(tree.in_order(), [0, 3, 2, 1]);
        for a in 0..4 {
            for c in 0..4 {
                assert_eq!(tree.within(a, c), walk_within(&parents, a, c), "{a} in {c}");
            }
        }
    }

    #[test]
    fn small_forests_agree_with_walking_the_chains() {
        let n = 5;
        let mut tried = 0;
        for (_, parents) in small_forests(n) {
            let tree = TreeRanges::new(&parents);
            let own: Vec<usize> = (0..n).map(|i| 1 << i).collect();
            for (a, &total) in tree.totals(&own).iter().enumerate() {
                let walked: usize = (0..n)
                    .filter(|&x| walk_within(&parents, x, a))
                    .map(|x| own[x])
                    .sum();
                assert_eq!(total, walked, "total of {a} in {parents:?}");
                assert_eq!(tree.depth(a), walk_depth(&parents, a));
                for c in 0..n {
                    assert_eq!(tree.within(a, c), walk_within(&parents, a, c));
                }
            }
            tried += 1;
        }
        assert!(tried > 1000, "{tried}");
    }

    #[test]
    fn a_cycle_that_slipped_through_still_terminates() {
        let tree = TreeRanges::new(&[Some(1), Some(0), Some(2)]);
        assert_eq!(tree.len(), 3);
        assert!(tree.within(2, 2));
        assert_eq!(tree.inside_any(&[2]), [false, false, true]);
    }

    #[test]
    fn a_chain_a_million_deep_is_laid_out() {
        let n: usize = 1_000_000;
        let parents: Vec<Option<usize>> = (0..n).map(|i| i.checked_sub(1)).collect();
        let tree = TreeRanges::new(&parents);
        assert!(tree.within(n - 1, 0));
        assert!(!tree.within(0, n - 1));
        assert_eq!(tree.depth(n - 1), n - 1);
        assert_eq!(tree.inside_any(&[n - 2]).iter().filter(|&&x| x).count(), 2);
        assert_eq!(tree.totals(&vec![1; n])[0], n);
    }

    #[test]
    fn a_wide_tree() {
        let mut parents = vec![None];
        parents.extend((1..50_000).map(|_| Some(0)));
        let tree = TreeRanges::new(&parents);
        assert!(tree.within(49_999, 0) && !tree.within(0, 49_999));
        assert!(!tree.within(2, 1));
        assert_eq!(tree.depth(49_999), 1);
        assert_eq!(tree.range(0), Some(0..50_000));
        assert!(tree.is_last_member(49_999, Some(0)));
        assert!(!tree.is_last_member(49_998, Some(0)));
    }
}
