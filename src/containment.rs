//! A `part_of` tree (places inside places) laid out in depth-first order, so
//! that everything inside an item is one contiguous range: "is `x` inside
//! `c`?" is two comparisons, and marking all that lies inside the chosen
//! items is one pass over ranges, however deep the tree.

/// Depth-first positions of the items of one `part_of` forest.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Containment {
    /// Each item's position in depth-first order.
    pre: Vec<usize>,
    /// One past the last position inside each item (its own included).
    end: Vec<usize>,
    /// How many `part_of` steps up to a top-level item.
    depth: Vec<usize>,
}

impl Containment {
    /// Lays out the forest given by each item's parent. The loader rejects
    /// cycles; an item caught in one anyway is treated as top-level, so this
    /// always terminates.
    pub fn new(parents: &[Option<usize>]) -> Containment {
        let n = parents.len();
        let mut children: Vec<Vec<usize>> = vec![Vec::new(); n];
        let mut roots = Vec::new();
        for (item, parent) in parents.iter().enumerate() {
            match parent.filter(|&p| p < n && p != item) {
                Some(p) => children[p].push(item),
                None => roots.push(item),
            }
        }
        let mut layout = Containment {
            pre: vec![usize::MAX; n],
            end: vec![0; n],
            depth: vec![0; n],
        };
        let mut next = 0;
        // Explicit stack: a deep chain must not overflow the call stack.
        // Each entry is an item and whether its children are already laid out.
        let mut stack: Vec<(usize, bool)> = Vec::new();
        let mut visit = |roots: &mut dyn Iterator<Item = usize>, layout: &mut Containment| {
            for root in roots {
                if layout.pre[root] != usize::MAX {
                    continue;
                }
                stack.push((root, false));
                while let Some((item, done)) = stack.pop() {
                    if done {
                        layout.end[item] = next;
                        continue;
                    }
                    layout.pre[item] = next;
                    next += 1;
                    stack.push((item, true));
                    for &child in children[item].iter().rev() {
                        if layout.pre[child] == usize::MAX {
                            layout.depth[child] = layout.depth[item] + 1;
                            stack.push((child, false));
                        }
                    }
                }
            }
        };
        visit(&mut roots.into_iter(), &mut layout);
        // Only items on a cycle are left: lay them out as top-level.
        visit(&mut (0..n), &mut layout);
        layout
    }

    /// Whether `item` is `container` or lies inside it, at any depth.
    pub fn within(&self, item: usize, container: usize) -> bool {
        let (Some(&at), Some(&from), Some(&to)) = (
            self.pre.get(item),
            self.pre.get(container),
            self.end.get(container),
        ) else {
            return false;
        };
        (from..to).contains(&at)
    }

    /// For every item, whether it is one of `chosen` or inside one.
    pub fn inside_any(&self, chosen: &[usize]) -> Vec<bool> {
        let n = self.pre.len();
        // Mark ranges in depth-first order, then read them back per item.
        let mut by_position = vec![false; n];
        for &c in chosen.iter().filter(|&&c| c < n) {
            by_position[self.pre[c]..self.end[c]].fill(true);
        }
        self.pre.iter().map(|&at| by_position[at]).collect()
    }

    /// For every item, the sum of `own` over it and everything inside it.
    pub fn totals(&self, own: &[usize]) -> Vec<usize> {
        let n = self.pre.len();
        // Prefix sums in depth-first order: an item's inside is a range.
        let mut prefix = vec![0; n + 1];
        for (item, &at) in self.pre.iter().enumerate() {
            prefix[at + 1] = own.get(item).copied().unwrap_or(0);
        }
        for at in 0..n {
            prefix[at + 1] += prefix[at];
        }
        (0..n)
            .map(|item| prefix[self.end[item]] - prefix[self.pre[item]])
            .collect()
    }

    /// `part_of` steps from the item up to a top-level one.
    pub fn depth(&self, item: usize) -> usize {
        self.depth.get(item).copied().unwrap_or(0)
    }

    /// The items in depth-first order: each right before what lies in it,
    /// siblings in their own order.
    pub fn in_order(&self) -> Vec<usize> {
        let mut order = vec![0; self.pre.len()];
        for (item, &at) in self.pre.iter().enumerate() {
            order[at] = item;
        }
        order
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // 0 country, 1 city in 0, 2 site in 1, 3 another country, 4 city in 0.
    const PARENTS: [Option<usize>; 5] = [None, Some(0), Some(1), None, Some(0)];

    #[test]
    fn an_item_contains_what_lies_in_it_at_any_depth_and_nothing_else() {
        let tree = Containment::new(&PARENTS);
        assert!(tree.within(2, 0) && tree.within(2, 1) && tree.within(2, 2));
        assert!(tree.within(4, 0));
        assert!(!tree.within(4, 1), "a sibling is not inside");
        assert!(
            !tree.within(0, 1),
            "a container is not inside what it holds"
        );
        assert!(!tree.within(2, 3));
        assert!(!tree.within(9, 0), "out of range is never inside");
    }

    #[test]
    fn marking_chosen_items_takes_in_their_insides() {
        let tree = Containment::new(&PARENTS);
        assert_eq!(tree.inside_any(&[1]), [false, true, true, false, false]);
        assert_eq!(tree.inside_any(&[0, 3]), [true; 5]);
        assert_eq!(tree.inside_any(&[]), [false; 5]);
    }

    #[test]
    fn totals_add_up_what_lies_inside() {
        let tree = Containment::new(&PARENTS);
        assert_eq!(
            tree.totals(&[1, 10, 100, 1000, 5]),
            [116, 110, 100, 1000, 5]
        );
    }

    #[test]
    fn depth_first_order_puts_each_container_before_its_insides() {
        let tree = Containment::new(&PARENTS);
        assert_eq!(tree.in_order(), [0, 1, 2, 4, 3]);
        assert_eq!(
            (0..5).map(|i| tree.depth(i)).collect::<Vec<_>>(),
            [0, 1, 2, 0, 1]
        );
    }

    #[test]
    fn a_cycle_that_slipped_through_still_terminates() {
        let tree = Containment::new(&[Some(1), Some(0), Some(2)]);
        assert_eq!(tree.in_order().len(), 3);
        assert!(tree.within(2, 2));
    }

    #[test]
    fn a_chain_far_deeper_than_the_call_stack_is_laid_out() {
        let parents: Vec<Option<usize>> = (0..200_000usize).map(|i| i.checked_sub(1)).collect();
        let tree = Containment::new(&parents);
        assert!(tree.within(199_999, 0));
        assert_eq!(tree.depth(199_999), 199_999);
    }
}
