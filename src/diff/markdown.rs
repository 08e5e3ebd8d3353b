//! Markdown: a heading per section with changes, one list item per added,
//! changed or removed item, and the changed fields as a nested list. Data
//! text goes through the briefing's [`inline`], so nothing in it can open
//! markup or end a list item.

use super::{FieldChange, Item, Report, SectionDiff, day};
use crate::summary::markdown::inline;

pub fn render(report: &Report) -> String {
    let mut out = String::new();
    header(&mut out, report);
    for section in report.sections.iter().filter(|s| !s.is_empty()) {
        out.push('\n');
        section_text(&mut out, section);
    }
    out
}

fn line(out: &mut String, text: &str) {
    out.push_str(text);
    out.push('\n');
}

fn header(out: &mut String, report: &Report) {
    let (o, n) = (report.old.situation, report.new.situation);
    line(out, &format!("# Changes to {}", inline(&n.title)));
    out.push('\n');
    if o.title != n.title {
        line(out, &format!("**Title was:** {}  ", inline(&o.title)));
    }
    // Two trailing spaces: a line break inside the paragraph.
    line(
        out,
        &format!(
            "**Old:** {}, as of {}  ",
            inline(report.old.name),
            day(o.as_of)
        ),
    );
    line(
        out,
        &format!(
            "**New:** {}, as of {}  ",
            inline(report.new.name),
            day(n.as_of)
        ),
    );
    match &report.filter {
        Some(filter) => line(out, &format!("**Filter:** {}.", inline(filter))),
        None => line(out, "**Filter:** none, everything is compared."),
    }
    out.push('\n');
    if report.sections.iter().all(SectionDiff::is_empty) {
        line(out, "No differences in figures, events, quotes or actors.");
    } else {
        line(out, &format!("{}.", report.totals()));
    }
}

fn section_text(out: &mut String, section: &SectionDiff) {
    let name = section.section.plural();
    let mut heading = name[..1].to_uppercase();
    heading.push_str(&name[1..]);
    line(out, &format!("## {heading}: {}", section.counts()));
    out.push('\n');
    for item in &section.added {
        entry(out, "added", item);
    }
    for changed in &section.changed {
        line(
            out,
            &format!(
                "- **changed** {} ({})",
                inline(&changed.label),
                inline(&changed.key)
            ),
        );
        for field in &changed.fields {
            line(out, &format!("  - {}", field_text(field)));
        }
    }
    for item in &section.removed {
        entry(out, "removed", item);
    }
}

fn entry(out: &mut String, word: &str, item: &Item) {
    let mut text = format!(
        "- **{word}** {} ({})",
        inline(&item.label),
        inline(&item.key)
    );
    if let Some(detail) = &item.detail {
        text.push_str(" · ");
        text.push_str(&inline(detail));
    }
    line(out, &text);
}

fn field_text(field: &FieldChange) -> String {
    let value = |v: &Option<String>| v.as_deref().map_or_else(|| "*none*".to_string(), inline);
    format!(
        "{}: {} → {}",
        inline(&field.field),
        value(&field.old),
        value(&field.new)
    )
}
