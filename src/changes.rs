//! What changed between two versions of a situation, item by item: matched
//! by key, compared by digest (see [`crate::digest`]). The same comparison
//! serves `sitrep diff` (two loaded files) and the dashboard's marks (the
//! seen-state record against the file on screen).

use std::borrow::Cow;
use std::collections::HashMap;

use xxhash_rust::xxh3::Xxh3DefaultBuilder;

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

fn compare(old: &[(Cow<str>, Digest)], new: &[(Cow<str>, Digest)]) -> SectionChanges {
    let mut by_key: HashMap<&str, usize, Xxh3DefaultBuilder> =
        HashMap::with_capacity_and_hasher(old.len(), Xxh3DefaultBuilder);
    for (i, (key, _)) in old.iter().enumerate() {
        // Keys are unique within a section of a loaded file; a record with a
        // key twice keeps the first.
        by_key.entry(key.as_ref()).or_insert(i);
    }
    let mut matched = vec![false; old.len()];
    let mut changes = SectionChanges::default();
    for (i, (key, digest)) in new.iter().enumerate() {
        match by_key.get(key.as_ref()) {
            None => changes.added.push(i),
            Some(&o) => {
                matched[o] = true;
                if old[o].1 != *digest {
                    changes.changed.push((i, o));
                }
            }
        }
    }
    changes.removed = (0..old.len()).filter(|&o| !matched[o]).collect();
    changes
}

#[cfg(test)]
mod tests {
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

    #[test]
    fn the_same_items_in_another_order_are_no_change() {
        let old = catalog(&[("a", 1), ("b", 2)]);
        let new = catalog(&[("b", 2), ("a", 1)]);
        assert!(Changes::between(&old, &new).is_empty());
    }
}
