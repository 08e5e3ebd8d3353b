//! What changed between two versions of a situation, item by item: matched
//! by key, compared by digest (see [`crate::digest`]). The same comparison
//! serves `sitrep diff` (two loaded files) and the dashboard's marks (the
//! seen-state record against the file on screen).

use std::borrow::Cow;
use std::collections::HashMap;

use foldhash::fast::RandomState;

use crate::digest::{Digest, Digests, Section};
use crate::model::Situation;

/// Each item's key and digest, section by section, in the version's order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Catalog<'a> {
    sections: [Vec<(Cow<'a, str>, Digest)>; 4],
}

impl<'a> Catalog<'a> {
    pub fn of(s: &'a Situation, digests: &'a Digests) -> Catalog<'a> {
        let mut catalog = Catalog::default();
        for section in Section::ALL {
            catalog.sections[slot(section)] = digests
                .section(section)
                .iter()
                .enumerate()
                .map(|(i, &d)| (Cow::Borrowed(digests.key(s, section, i)), d))
                .collect();
        }
        catalog
    }

    pub fn push(&mut self, section: Section, key: Cow<'a, str>, digest: Digest) {
        self.sections[slot(section)].push((key, digest));
    }

    pub fn section(&self, section: Section) -> &[(Cow<'a, str>, Digest)] {
        &self.sections[slot(section)]
    }

    pub fn is_empty(&self) -> bool {
        self.sections.iter().all(Vec::is_empty)
    }
}

fn slot(section: Section) -> usize {
    match section {
        Section::Metrics => 0,
        Section::Events => 1,
        Section::Quotes => 2,
        Section::Actors => 3,
    }
}

/// What changed in one section. Indices say which version they point into.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SectionChanges {
    /// Positions in the new version of items the old one did not have.
    pub added: Vec<usize>,
    /// `(new, old)` positions of items whose content changed.
    pub changed: Vec<(usize, usize)>,
    /// Positions in the old version of items the new one no longer has.
    pub removed: Vec<usize>,
}

impl SectionChanges {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.changed.is_empty() && self.removed.is_empty()
    }
}

/// What changed, section by section.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Changes {
    sections: [SectionChanges; 4],
}

impl Changes {
    /// Compares every section of two catalogs: one pass over each, with
    /// the old keys in a hash map.
    pub fn between(old: &Catalog, new: &Catalog) -> Changes {
        let mut changes = Changes::default();
        for section in Section::ALL {
            changes.sections[slot(section)] = compare(old.section(section), new.section(section));
        }
        changes
    }

    pub fn section(&self, section: Section) -> &SectionChanges {
        &self.sections[slot(section)]
    }

    pub fn is_empty(&self) -> bool {
        self.sections.iter().all(SectionChanges::is_empty)
    }

    /// Items added, over every section.
    pub fn added(&self) -> usize {
        self.sections.iter().map(|s| s.added.len()).sum()
    }

    pub fn changed(&self) -> usize {
        self.sections.iter().map(|s| s.changed.len()).sum()
    }

    pub fn removed(&self) -> usize {
        self.sections.iter().map(|s| s.removed.len()).sum()
    }
}

fn key<'a>(list: &'a [(Cow<str>, Digest)], i: usize) -> Option<&'a str> {
    list.get(i).map(|(k, _)| k.as_ref())
}

/// How far ahead the walk in [`compare`] looks for the item it expects
/// before it leaves both aside for the hash map.
const LOOK_AHEAD: usize = 4;

/// Walks both versions in step, as a file usually keeps its order from one
/// version to the next (and the record keeps the file's): an item is
/// matched with the one at the same place, or a few places on when items
/// were added or removed, by comparing keys only. What the walk cannot pair
/// is matched through a hash map of the old keys left over, so any order
/// gives the same answer.
fn compare(old: &[(Cow<str>, Digest)], new: &[(Cow<str>, Digest)]) -> SectionChanges {
    let Paired {
        mut pairs,
        mut added,
        matched,
    } = pair(old, new);
    // In the new version's order, as a reader goes through it.
    pairs.sort_unstable();
    added.sort_unstable();
    SectionChanges {
        added,
        changed: pairs
            .into_iter()
            .filter(|&(i, o)| old[o].1 != new[i].1)
            .collect(),
        removed: (0..old.len()).filter(|&o| !matched[o]).collect(),
    }
}

/// For each item of `new`, the position in `old` of the item under the
/// same key, as [`compare`] pairs them.
pub fn matches(old: &[(Cow<str>, Digest)], new: &[(Cow<str>, Digest)]) -> Vec<Option<usize>> {
    let mut at = vec![None; new.len()];
    for (i, o) in pair(old, new).pairs {
        at[i] = Some(o);
    }
    at
}

/// What the walk in [`compare`] found, in no particular order.
struct Paired {
    /// `(new, old)` positions of items under the same key.
    pairs: Vec<(usize, usize)>,
    /// Positions in the new version of items the old one did not have.
    added: Vec<usize>,
    /// Per old item: it was paired.
    matched: Vec<bool>,
}

fn pair(old: &[(Cow<str>, Digest)], new: &[(Cow<str>, Digest)]) -> Paired {
    let mut pairs: Vec<(usize, usize)> = Vec::with_capacity(new.len());
    let (mut left_new, mut left_old) = (Vec::new(), Vec::new());
    let (mut i, mut o) = (0, 0);
    while i < new.len() && o < old.len() {
        if key(new, i) == key(old, o) {
            pairs.push((i, o));
            (i, o) = (i + 1, o + 1);
        } else if let Some(d) = (1..=LOOK_AHEAD).find(|&d| key(old, o + d) == key(new, i)) {
            // Old items gone (or moved) before this one.
            left_old.extend(o..o + d);
            o += d;
        } else if let Some(d) = (1..=LOOK_AHEAD).find(|&d| key(new, i + d) == key(old, o)) {
            // New items before this one.
            left_new.extend(i..i + d);
            i += d;
        } else {
            left_new.push(i);
            left_old.push(o);
            (i, o) = (i + 1, o + 1);
        }
    }
    left_new.extend(i..new.len());
    left_old.extend(o..old.len());
    let mut matched = vec![false; old.len()];
    for &(_, o) in &pairs {
        matched[o] = true;
    }
    // A hasher made for short keys in memory (seeded per run, as ids come
    // from files).
    let mut by_key: HashMap<&str, usize, RandomState> =
        HashMap::with_capacity_and_hasher(left_old.len(), RandomState::default());
    for &o in &left_old {
        // Keys are unique within a section of a loaded file; a record with a
        // key twice keeps the first.
        by_key.entry(old[o].0.as_ref()).or_insert(o);
    }
    let mut added = Vec::new();
    for i in left_new {
        match by_key.get(new[i].0.as_ref()) {
            Some(&o) if !matched[o] => {
                matched[o] = true;
                pairs.push((i, o));
            }
            _ => added.push(i),
        }
    }
    Paired {
        pairs,
        added,
        matched,
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn catalog(items: &[(&'static str, Digest)]) -> Catalog<'static> {
        let mut c = Catalog::default();
        for &(key, digest) in items {
            c.push(Section::Events, Cow::Borrowed(key), digest);
        }
        c
    }

    #[test]
    fn sorts_items_into_added_changed_and_removed() {
        let old = catalog(&[("a", 1), ("b", 2), ("c", 3)]);
        let new = catalog(&[("c", 3), ("d", 4), ("b", 5)]);
        let changes = Changes::between(&old, &new);
        let events = changes.section(Section::Events);
        assert_eq!(events.added, [1]);
        assert_eq!(events.changed, [(2, 1)]);
        assert_eq!(events.removed, [0]);
        assert!(changes.section(Section::Metrics).is_empty());
        assert_eq!(
            (changes.added(), changes.changed(), changes.removed()),
            (1, 1, 1)
        );
    }

    /// The plain answer: every old key in a hash map.
    fn by_map(old: &[(u8, Digest)], new: &[(u8, Digest)]) -> SectionChanges {
        let at: HashMap<u8, usize> = old.iter().enumerate().map(|(o, &(k, _))| (k, o)).collect();
        let mut changes = SectionChanges::default();
        let mut matched = vec![false; old.len()];
        for (i, &(k, d)) in new.iter().enumerate() {
            match at.get(&k) {
                None => changes.added.push(i),
                Some(&o) => {
                    matched[o] = true;
                    if old[o].1 != d {
                        changes.changed.push((i, o));
                    }
                }
            }
        }
        changes.removed = (0..old.len()).filter(|&o| !matched[o]).collect();
        changes
    }

    /// Unique keys in file order with a few items moved, or in any order;
    /// digests from two values so that some items change.
    fn version() -> impl Strategy<Value = Vec<(u8, Digest)>> {
        let keys = proptest::sample::subsequence((0u8..48).collect::<Vec<_>>(), 0..48);
        let ordered = (
            keys.clone(),
            proptest::collection::vec((0usize..48, 0usize..48), 0..3),
        )
            .prop_map(|(mut keys, moves)| {
                for (from, to) in moves {
                    if from < keys.len() && to < keys.len() {
                        let k = keys.remove(from);
                        keys.insert(to, k);
                    }
                }
                keys
            });
        prop_oneof![ordered, keys.prop_shuffle()].prop_flat_map(|keys| {
            let n = keys.len();
            (Just(keys), proptest::collection::vec(0u64..2, n))
                .prop_map(|(keys, digests)| keys.into_iter().zip(digests).collect())
        })
    }

    proptest::proptest! {
        #[test]
        fn the_walk_finds_what_a_plain_map_finds(old in version(), new in version()) {
            let to_catalog = |items: &[(u8, Digest)]| {
                let mut c = Catalog::default();
                for &(k, d) in items {
                    c.push(Section::Events, Cow::Owned(format!("k{k}")), d);
                }
                c
            };
            let changes = Changes::between(&to_catalog(&old), &to_catalog(&new));
            proptest::prop_assert_eq!(changes.section(Section::Events), &by_map(&old, &new));
        }
    }

    #[test]
    fn the_same_items_in_another_order_are_no_change() {
        let old = catalog(&[("a", 1), ("b", 2)]);
        let new = catalog(&[("b", 2), ("a", 1)]);
        assert!(Changes::between(&old, &new).is_empty());
    }
}
