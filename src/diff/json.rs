//! JSON for scripts: one object whose shape is documented in
//! docs/diff-json.md. Every key is always present (null or an empty list
//! when it does not apply), and every section is there even when nothing in
//! it changed. Escaped as the briefing's JSON is.

use serde::Serialize;

use super::{Changed, Item, Report, SectionDiff};
use crate::summary::json::escape_invisible;

/// Bumped when a key changes meaning or disappears; new keys may be added
/// without a bump.
pub const VERSION: u32 = 1;

#[derive(Serialize)]
struct Diff<'a> {
    version: u32,
    differs: bool,
    old: SideJson<'a>,
    new: SideJson<'a>,
    filter: Option<&'a str>,
    totals: Totals,
    figures: SectionJson<'a>,
    events: SectionJson<'a>,
    quotes: SectionJson<'a>,
    actors: SectionJson<'a>,
}

#[derive(Serialize)]
struct SideJson<'a> {
    name: &'a str,
    title: &'a str,
    as_of: String,
}

#[derive(Serialize)]
struct Totals {
    added: usize,
    changed: usize,
    removed: usize,
}

#[derive(Serialize)]
struct SectionJson<'a> {
    added: &'a [Item],
    changed: &'a [Changed],
    removed: &'a [Item],
}

fn side<'a>(s: &super::Side<'a>) -> SideJson<'a> {
    SideJson {
        name: s.name,
        title: &s.situation.title,
        as_of: s.situation.as_of.format("%Y-%m-%d").to_string(),
    }
}

pub fn render(report: &Report) -> String {
    let section = |i: usize| {
        let s: &SectionDiff = &report.sections[i];
        SectionJson {
            added: &s.added,
            changed: &s.changed,
            removed: &s.removed,
        }
    };
    let sum = |f: fn(&SectionDiff) -> usize| report.sections.iter().map(f).sum::<usize>();
    let diff = Diff {
        version: VERSION,
        differs: report.differs(),
        old: side(&report.old),
        new: side(&report.new),
        filter: report.filter.as_deref(),
        totals: Totals {
            added: sum(|s| s.added.len()),
            changed: sum(|s| s.changed.len()),
            removed: sum(|s| s.removed.len()),
        },
        // Report::new fills the sections in Section::ALL order.
        figures: section(0),
        events: section(1),
        quotes: section(2),
        actors: section(3),
    };
    // Plain structs of strings, numbers and lists: serializing cannot fail.
    let json = serde_json::to_string_pretty(&diff).expect("the diff serializes");
    let mut out = escape_invisible(&json);
    out.push('\n');
    out
}
