//! The sources chooser's list: each source is its title wrapped to the
//! list (at most [`TITLE_MAX_ROWS`] rows), then its publisher, after the
//! title's last row when it fits there, else on a row of its own. Rows
//! after a source's first are indented, so where one source ends and the
//! next begins stays plain. Following the cursor, mouse hits and drawing
//! all count rows so.
//!
//! ```text
//! Kessa Valley Floods: Situation Report No. 3, with the dam breach and
//!   the evacuation of Sarrin · OCHA
//! Orun dam gives way after a week of rain · The Kessa Herald
//! ```

use ratatui::layout::Rect;

use crate::model::Source;
use crate::text::{fit, shown, width, wrap_hanging};

use super::popup;

/// Rows a source's title takes at most; the rest is cut with "…".
pub const TITLE_MAX_ROWS: usize = 3;
/// Columns a source's second and later rows are indented by.
pub const INDENT: usize = 2;

/// One row of a source in the list: a piece of its title and, on the
/// source's last row, its publisher (" · OCHA"), drawn dimmer.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SourceRow {
    pub title: String,
    pub publisher: String,
}

/// The rows of `source` in a list `columns` wide. Never empty.
pub fn rows(source: &Source, columns: usize) -> Vec<SourceRow> {
    let columns = columns.max(INDENT + 1);
    // Read no more of the title than the rows can show.
    let title = shown(&source.title, columns * TITLE_MAX_ROWS + 1);
    let rest = columns - INDENT;
    let mut lines = wrap_hanging(&title, columns, rest);
    lines.retain(|line| !line.is_empty());
    if lines.len() > TITLE_MAX_ROWS {
        let left = lines.split_off(TITLE_MAX_ROWS - 1).join(" ");
        lines.push(fit(&left, rest));
    }
    if lines.is_empty() {
        lines.push(String::new());
    }
    let mut rows: Vec<SourceRow> = lines
        .into_iter()
        .enumerate()
        .map(|(i, line)| SourceRow {
            title: if i == 0 {
                line
            } else {
                format!("{:INDENT$}{line}", "")
            },
            publisher: String::new(),
        })
        .collect();
    let Some(publisher) = source.publisher.as_deref() else {
        return rows;
    };
    let publisher = shown(publisher, columns + 1);
    let Some(last) = rows.last_mut() else {
        return rows;
    };
    let after = format!(" · {publisher}");
    if width(&last.title) + width(&after) <= columns {
        last.publisher = after;
    } else {
        let indent = format!("{:INDENT$}", "");
        rows.push(SourceRow {
            title: indent.clone(),
            publisher: fit(&format!("· {publisher}"), columns - INDENT),
        });
    }
    rows
}

/// Columns a source's rows may take in the chooser: the list's width (the
/// box is as wide whatever its height).
pub fn columns(space: Rect) -> usize {
    usize::from(popup::sources(space, 1).list.width)
}

/// The first source to show so that `selected` is in view whole (or, when
/// it is taller than the list, from its first row), moving from `offset`
/// no more than needed. `heights` are the sources' rows.
pub fn follow(heights: &[usize], selected: usize, offset: usize, height: usize) -> usize {
    let Some(last) = heights.len().checked_sub(1) else {
        return 0;
    };
    let selected = selected.min(last);
    let offset = offset.min(selected);
    // Walk up from the selected source while the sources down to it fit.
    let mut first = selected;
    let mut rows = heights[selected];
    while first > offset && rows + heights[first - 1] <= height {
        first -= 1;
        rows += heights[first];
    }
    // Nothing left scrolled out of view below when the list could show it.
    let mut start = offset.max(first);
    while start > 0 && heights[start - 1] + heights[start..].iter().sum::<usize>() <= height {
        start -= 1;
    }
    start
}

/// The source drawn `dy` rows below the top of the list, showing the
/// sources from `offset`.
pub fn source_at(heights: &[usize], offset: usize, dy: usize) -> Option<usize> {
    let mut bottom = 0;
    for (i, &h) in heights.iter().enumerate().skip(offset) {
        bottom += h;
        if dy < bottom {
            return Some(i);
        }
    }
    None
}

/// Rows above the `offset`th source: where the scrollbar's thumb starts.
pub fn rows_before(heights: &[usize], offset: usize) -> usize {
    heights.iter().take(offset).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(title: &str, publisher: Option<&str>) -> Source {
        Source {
            id: "s".into(),
            title: title.into(),
            publisher: publisher.map(str::to_string),
            date: None,
            url: None,
        }
    }

    fn text(rows: &[SourceRow]) -> Vec<String> {
        rows.iter()
            .map(|r| format!("{}{}", r.title, r.publisher))
            .collect()
    }

    #[test]
    fn a_short_title_is_one_row_with_its_publisher() {
        let rows = rows(&source("Flood bulletin no. 4", Some("OCHA")), 40);
        assert_eq!(text(&rows), ["Flood bulletin no. 4 · OCHA"]);
        assert_eq!(rows[0].publisher, " · OCHA");
    }

    #[test]
    fn a_long_title_wraps_under_an_indent_and_the_publisher_follows() {
        let title = "Kessa Valley Floods: Situation Report No. 3, with the dam breach";
        let rows = rows(&source(title, Some("OCHA")), 30);
        assert_eq!(
            text(&rows),
            [
                "Kessa Valley Floods: Situation",
                "  Report No. 3, with the dam",
                "  breach · OCHA"
            ]
        );
        assert!(
            rows.iter()
                .all(|r| width(&r.title) + width(&r.publisher) <= 30)
        );
        // No room after the title's last row: the publisher takes its own.
        let rows = super::rows(&source(title, Some("Ministry of the Interior")), 30);
        assert_eq!(
            text(&rows)[2..],
            ["  breach", "  · Ministry of the Interior"]
        );
    }

    #[test]
    fn a_title_past_its_rows_is_cut_and_every_row_fits() {
        let title = "word ".repeat(10_000);
        let rows = rows(&source(&title, None), 20);
        assert_eq!(rows.len(), TITLE_MAX_ROWS);
        assert!(rows.last().unwrap().title.ends_with('…'));
        assert!(rows.iter().all(|r| width(&r.title) <= 20));
        assert_eq!(text(&super::rows(&source("", None), 20)), [""]);
    }

    #[test]
    fn following_keeps_the_selected_source_whole_in_view() {
        let heights = [1, 3, 1, 2, 1];
        // Down to a tall source: the list scrolls just enough.
        assert_eq!(follow(&heights, 1, 0, 4), 0);
        assert_eq!(follow(&heights, 2, 0, 4), 1);
        assert_eq!(follow(&heights, 3, 1, 4), 2);
        // Back up: it stays until the selected one is above it.
        assert_eq!(follow(&heights, 2, 2, 4), 2);
        assert_eq!(follow(&heights, 1, 2, 4), 1);
        // Taller than the list: from its first row.
        assert_eq!(follow(&heights, 1, 0, 2), 1);
        // A list that fits shows from the top.
        assert_eq!(follow(&heights, 4, 3, 20), 0);
        assert_eq!(follow(&[], 3, 2, 4), 0);
    }

    #[test]
    fn a_row_of_the_list_names_its_source() {
        let heights = [1, 3, 2];
        let at = |offset, dy| source_at(&heights, offset, dy);
        assert_eq!(
            (at(0, 0), at(0, 1), at(0, 3), at(0, 4)),
            (Some(0), Some(1), Some(1), Some(2))
        );
        assert_eq!((at(1, 0), at(1, 3), at(1, 5)), (Some(1), Some(2), None));
        assert_eq!(rows_before(&heights, 2), 4);
    }
}
