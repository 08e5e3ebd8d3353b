//! New and changed marks: the situation on screen against what the reader
//! saw last (a [`Record`]). Pure: computed once per load or reload, read by
//! the rows, the detail and the header.

use chrono::{DateTime, Utc};

use crate::changes::{Catalog, Changes, SectionChanges};
use crate::digest::{Digests, Section};
use crate::model::Situation;
use crate::seen::{Record, SeenItem, Shown};

/// One item's mark.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mark {
    New,
    Changed,
}

impl Mark {
    /// The marker drawn in a row: a symbol, so colour is never the only sign.
    pub fn symbol(self) -> &'static str {
        match self {
            Mark::New => "+",
            Mark::Changed => "~",
        }
    }

    pub fn word(self) -> &'static str {
        match self {
            Mark::New => "new",
            Mark::Changed => "changed",
        }
    }
}

/// An item the last look had and the file no longer has.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Removed {
    pub section: Section,
    pub key: String,
    /// What it showed then (empty from a record that did not keep it).
    pub shown: Shown,
}

/// Marks for every item on screen, by section and position.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Marks {
    /// When the reader last looked.
    pub since: Option<DateTime<Utc>>,
    /// Per section (in [`Section::ALL`] order), per item: its mark.
    marks: [Vec<Option<Mark>>; 4],
    /// Per section, per item: what a changed item showed before.
    was: [Vec<Option<Shown>>; 4],
    pub removed: Vec<Removed>,
    new: usize,
    changed: usize,
}

fn slot(section: Section) -> usize {
    Section::ALL
        .iter()
        .position(|&s| s == section)
        .unwrap_or_default()
}

/// The record's items of one section that changed or went, by position:
/// one pass over the section, keeping only those few.
fn recorded<'a>(seen: &'a Record, section: Section, found: &SectionChanges) -> Recorded<'a> {
    let mut wanted: Vec<usize> = (found.changed.iter().map(|&(_, o)| o))
        .chain(found.removed.iter().copied())
        .collect();
    wanted.sort_unstable();
    wanted.dedup();
    let mut wanted = wanted.into_iter().peekable();
    let mut items = Vec::with_capacity(wanted.len());
    for (o, item) in seen.section(section).enumerate() {
        let Some(&next) = wanted.peek() else { break };
        if o == next {
            items.push((o, item));
            wanted.next();
        }
    }
    Recorded(items)
}

struct Recorded<'a>(Vec<(usize, SeenItem<'a>)>);

impl<'a> Recorded<'a> {
    fn get(&self, position: usize) -> Option<&SeenItem<'a>> {
        let at = self.0.binary_search_by_key(&position, |&(o, _)| o).ok()?;
        Some(&self.0[at].1)
    }
}

impl Marks {
    /// The marks of `s` against what was seen; `digests` are of `s`, made
    /// as the record made its own (else they are made again so).
    pub fn between(seen: &Record, s: &Situation, digests: &Digests) -> Marks {
        let made_so;
        let digests = if digests.scheme == seen.scheme {
            digests
        } else {
            made_so = Digests::of_scheme(s, seen.scheme);
            &made_so
        };
        let changes = Changes::between(&seen.catalog(), &Catalog::of(s, digests));
        let mut marks = Marks {
            since: Some(seen.seen),
            ..Marks::default()
        };
        for section in Section::ALL {
            let found = changes.section(section);
            let old = recorded(seen, section, found);
            let n = section.len(s);
            let mut row = vec![None; n];
            let mut was = vec![None; n];
            for &i in &found.added {
                row[i] = Some(Mark::New);
            }
            for &(i, o) in &found.changed {
                row[i] = Some(Mark::Changed);
                was[i] = old.get(o).map(SeenItem::shown);
            }
            marks.new += found.added.len();
            marks.changed += found.changed.len();
            marks.removed.extend(found.removed.iter().filter_map(|&o| {
                let item = old.get(o)?;
                Some(Removed {
                    section,
                    key: item.key.to_string(),
                    shown: item.shown(),
                })
            }));
            marks.marks[slot(section)] = row;
            marks.was[slot(section)] = was;
        }
        marks
    }

    pub fn mark(&self, section: Section, item: usize) -> Option<Mark> {
        self.marks[slot(section)].get(item).copied().flatten()
    }

    /// What a changed item showed before.
    pub fn was(&self, section: Section, item: usize) -> Option<&Shown> {
        self.was[slot(section)].get(item)?.as_ref()
    }

    /// The marked items of each list the filter narrows, for
    /// [`crate::query::Filter::marked`].
    pub fn marked(&self) -> crate::query::Marked {
        let list = |section| {
            self.marks[slot(section)]
                .iter()
                .map(Option::is_some)
                .collect()
        };
        crate::query::Marked {
            events: list(Section::Events),
            quotes: list(Section::Quotes),
            metrics: list(Section::Metrics),
        }
    }

    /// Items marked in a section.
    pub fn count(&self, section: Section) -> usize {
        self.marks[slot(section)].iter().flatten().count()
    }

    pub fn is_empty(&self) -> bool {
        self.new == 0 && self.changed == 0 && self.removed.is_empty()
    }

    /// "5 new, 2 changed, 1 removed since 28 Nov", or `None` when nothing
    /// is new.
    pub fn summary(&self, now: DateTime<Utc>) -> Option<String> {
        if self.is_empty() {
            return None;
        }
        let mut parts = Vec::new();
        if self.new > 0 {
            parts.push(format!("{} new", self.new));
        }
        if self.changed > 0 {
            parts.push(format!("{} changed", self.changed));
        }
        if !self.removed.is_empty() {
            parts.push(format!("{} removed", self.removed.len()));
        }
        let since = self
            .since
            .map(|t| format!(" since {}", crate::seen::when(t, now)))
            .unwrap_or_default();
        Some(format!("{}{since}", parts.join(", ")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::load_str;

    const FILE: &str = r#"
[situation]
title = "Flood"
as_of = 2024-09-21

[[events]]
id = "breach"
date = 2024-09-12
title = "Levee breach"

[[events]]
id = "rumour"
date = 2024-09-01
title = "A rumour"

[[metrics]]
id = "displaced"
label = "People displaced"
value = 41000
"#;

    #[test]
    fn marks_what_is_new_and_changed_and_keeps_what_went() {
        let t: DateTime<Utc> = "2026-11-28T09:00:00Z".parse().unwrap();
        let old = load_str(FILE).situation.unwrap();
        let seen = Record::of(&old, &Digests::of(&old), "/f", t, None);
        let text = FILE
            .replace("date = 2024-09-12", "date = 2024-09-13")
            .replace(
                "id = \"rumour\"\ndate = 2024-09-01\ntitle = \"A rumour\"",
                "id = \"bridge\"\ndate = 2024-09-20\ntitle = \"Bridge opens\"",
            );
        let new = load_str(&text).situation.unwrap();
        let marks = Marks::between(&seen, &new, &Digests::of(&new));
        let breach = new.events.iter().position(|e| e.id == "breach").unwrap();
        let bridge = new.events.iter().position(|e| e.id == "bridge").unwrap();
        assert_eq!(marks.mark(Section::Events, breach), Some(Mark::Changed));
        let was = marks.was(Section::Events, breach).unwrap();
        assert_eq!(was.get("date"), Some("12 Sep 2024"));
        assert_eq!(
            was.changes(&crate::seen::shown(&new, Section::Events, breach)),
            [("date", Some("12 Sep 2024"), Some("13 Sep 2024"))]
        );
        assert_eq!(marks.mark(Section::Events, bridge), Some(Mark::New));
        assert_eq!(marks.mark(Section::Metrics, 0), None);
        assert_eq!(marks.removed.len(), 1);
        assert_eq!(marks.removed[0].key, "rumour");
        assert_eq!(marks.removed[0].shown.label(), Some("A rumour"));
        assert_eq!(marks.removed[0].shown.what(), Some("1 Sep 2024"));
        let now: DateTime<Utc> = "2026-12-01T09:00:00Z".parse().unwrap();
        assert_eq!(
            marks.summary(now).as_deref(),
            Some("1 new, 1 changed, 1 removed since 28 Nov")
        );
        // The same version as was seen: nothing to say.
        let same = Marks::between(&seen, &old, &Digests::of(&old));
        assert!(same.is_empty());
        assert_eq!(same.summary(now), None);
    }
}
