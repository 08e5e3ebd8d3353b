//! Plain text, wrapped to a width, with the briefing's text layer:
//!
//! ```text
//! Changes to Flood                              the new title, underlined
//! ================
//! Old: old.toml, as of 20 Sep 2024
//! New: new.toml, as of 21 Sep 2024
//! Filter: none, everything is compared.
//! 1 added, 2 changed, 1 removed.
//!
//! Events: 1 added, 1 changed, 1 removed         section, underlined with -
//! -------------------------------------
//! + added    Levee breach [breach]              marker, word, label, key
//!            12 Sep 2024
//! ~ changed  Heavy rain begins [rain]
//!            date: late Aug 2024 → 30 Aug 2024  each field, old → new
//!            title:                             too long for one line:
//!              was Rain begins over the valley
//!              now Heavy rain begins over the upper valley
//! - removed  A rumour [gone]
//! ```
//!
//! The marker and the word both say what happened, so neither colour nor
//! a symbol alone carries it. Every string from the data passes through
//! [`clean_line`].

use super::{FieldChange, Item, Report, SectionDiff, day};
use crate::sanitize::clean_line;
use crate::summary::text::Writer;
use unicode_width::UnicodeWidthStr;

const INDENT: &str = "           ";

pub fn render(report: &Report, width: usize) -> String {
    let mut w = Writer::new(width);
    header(&mut w, report);
    for section in report.sections.iter().filter(|s| !s.is_empty()) {
        w.blank();
        section_text(&mut w, section);
    }
    w.out
}

fn header(w: &mut Writer, report: &Report) {
    let (o, n) = (report.old.situation, report.new.situation);
    w.heading(&format!("Changes to {}", clean_line(&n.title)), '=');
    if o.title != n.title {
        w.line(&format!("Title was: {}", clean_line(&o.title)));
    }
    w.line(&format!("Old: {}, as of {}", report.old.name, day(o.as_of)));
    w.line(&format!("New: {}, as of {}", report.new.name, day(n.as_of)));
    match &report.filter {
        Some(filter) => w.line(&format!("Filter: {}.", clean_line(filter))),
        None => w.line("Filter: none, everything is compared."),
    }
    if report.sections.iter().all(SectionDiff::is_empty) {
        w.line("No differences in figures, events, quotes or actors.");
    } else {
        w.line(&format!("{}.", report.totals()));
    }
}

fn section_text(w: &mut Writer, section: &SectionDiff) {
    let name = section.section.plural();
    let mut heading = name[..1].to_uppercase();
    heading.push_str(&name[1..]);
    w.heading(&format!("{heading}: {}", section.counts()), '-');
    for item in &section.added {
        entry(w, "+ added    ", item);
    }
    for changed in &section.changed {
        w.wrap(
            &format!("{} [{}]", label(&changed.label), clean_line(&changed.key)),
            "~ changed  ",
            INDENT,
        );
        for field in &changed.fields {
            field_lines(w, field);
        }
    }
    for item in &section.removed {
        entry(w, "- removed  ", item);
    }
}

fn entry(w: &mut Writer, first: &str, item: &Item) {
    w.wrap(
        &format!("{} [{}]", label(&item.label), clean_line(&item.key)),
        first,
        INDENT,
    );
    if let Some(detail) = &item.detail {
        w.wrap(&clean_line(detail), INDENT, INDENT);
    }
}

/// A label on one line; long quotes keep their words, the width wraps them.
fn label(text: &str) -> String {
    clean_line(text).into_owned()
}

/// "date: late Aug 2024 → 30 Aug 2024" when it fits on a line; otherwise
/// the old and new values each on lines of their own, so that a long title
/// or summary reads as two versions rather than one run-on line.
fn field_lines(w: &mut Writer, field: &FieldChange) {
    let value = |v: &Option<String>| {
        v.as_deref()
            .map_or_else(|| "(none)".to_string(), |v| clean_line(v).into_owned())
    };
    let (name, old, new) = (
        clean_line(&field.field),
        value(&field.old),
        value(&field.new),
    );
    let one = format!("{name}: {old} → {new}");
    if INDENT.width() + one.width() <= w.width() {
        w.line(&format!("{INDENT}{one}"));
        return;
    }
    w.line(&format!("{INDENT}{name}:"));
    let rest = format!("{INDENT}      ");
    w.wrap(&old, &format!("{INDENT}  was "), &rest);
    w.wrap(&new, &format!("{INDENT}  now "), &rest);
}
