//! One row per event the filter keeps, for spreadsheets. The csv crate does
//! the quoting; lists inside a cell are joined with "; ".
//!
//! Each cell is one line with control characters made visible, as in the
//! text briefing. A spreadsheet runs a cell that starts with `=`, `+`, `-`
//! or `@` as a formula, so such free text gets a leading `'`, which
//! spreadsheets show as text and do not display.

use chrono::NaiveDate;

use super::View;
use crate::sanitize::clean_line;

/// The header row, in column order (documented in docs/export.md).
pub const COLUMNS: [&str; 11] = [
    "id",
    "date",
    "end",
    "first_day",
    "last_day",
    "title",
    "actors",
    "place",
    "category",
    "tags",
    "sources",
];

pub fn render(view: &View) -> String {
    let s = view.situation;
    let mut writer = ::csv::Writer::from_writer(Vec::new());
    // Writing records to a Vec cannot fail: there is no I/O, and every
    // record has the header's length.
    writer.write_record(COLUMNS).expect("writes to memory");
    for (e, _) in view.events() {
        let event = &s.events[e];
        let actors: Vec<&str> = event.actors.iter().map(|&a| &*s.actors[a].name).collect();
        let sources: Vec<&str> = event
            .sources
            .iter()
            .map(|&i| s.sources[i].title.as_str())
            .collect();
        let row = [
            event.id.clone(),
            event.date.to_file_form(),
            event.end.map(|d| d.to_file_form()).unwrap_or_default(),
            iso(event.first_day()),
            iso(event.last_day()),
            cell(&event.title),
            cell(&actors.join("; ")),
            cell(view.where_name(e).unwrap_or_default()),
            cell(event.category.as_deref().unwrap_or_default()),
            cell(&event.tags.join("; ")),
            cell(&sources.join("; ")),
        ];
        writer.write_record(&row).expect("writes to memory");
    }
    let bytes = writer.into_inner().expect("flushes to memory");
    // Every cell was a &str: the bytes are UTF-8.
    String::from_utf8(bytes).expect("CSV of strings is UTF-8")
}

/// A free-text cell: one line, nothing a terminal or a spreadsheet acts on.
fn cell(text: &str) -> String {
    let line = clean_line(text);
    if line.starts_with(['=', '+', '-', '@']) {
        format!("'{line}")
    } else {
        line.into_owned()
    }
}

fn iso(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_stay_text() {
        assert_eq!(cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(cell("-5 degrees"), "'-5 degrees");
        assert_eq!(cell("Talks in Nairobi"), "Talks in Nairobi");
    }

    #[test]
    fn cells_are_one_clean_line() {
        assert_eq!(cell("two\nlines\tand\u{1b}[2J"), "two lines and␛[2J");
    }
}
