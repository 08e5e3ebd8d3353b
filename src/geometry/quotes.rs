//! How tall a quote is in the quotes pane: its words wrapped to the pane,
//! at most [`QUOTE_MAX_ROWS`] rows, then the attribution and a blank row.
//! Paging, following the cursor, mouse hits and drawing all count rows so.

use super::MARGIN;
use crate::model::{QuoteIx, Situation};
use crate::text::{fit, shown, shown_text, width, wrap};

/// Columns before the words: a bar marks the selected quote.
pub const GUTTER: usize = 2;

/// Columns the words and the attribution take in a pane `width` wide
/// inside its border.
pub fn text_columns(width: u16) -> usize {
    usize::from(width).saturating_sub(GUTTER + MARGIN)
}
/// Rows of words a quote takes in the pane at most; the detail (Enter)
/// shows all of it.
pub const QUOTE_MAX_ROWS: usize = 10;

/// The rows of a quote's words in a pane `width` columns wide.
pub fn words(s: &Situation, quote: QuoteIx, width: u16) -> Vec<String> {
    let columns = text_columns(width);
    // Wrap no more characters than the rows shown can hold.
    let budget = columns.max(1) * QUOTE_MAX_ROWS;
    let text = s.quotes[quote].text.trim();
    let mut rows = wrap(&format!("“{}”", shown_text(text, budget)), columns);
    if rows.len() > QUOTE_MAX_ROWS {
        rows.truncate(QUOTE_MAX_ROWS);
        if let Some(last) = rows.last_mut() {
            *last = fit(&format!("{last}…"), columns);
        }
    }
    rows
}

/// "— Léa Brandt, 10 Mar 2025" in at most `columns`: a long name is cut
/// before the date is. "— Antony Blinken, undated" says the date is missing
/// rather than leave the reader to wonder.
pub fn attribution(s: &Situation, quote: QuoteIx, columns: usize) -> String {
    let q = &s.quotes[quote];
    let speaker = shown(&s.actors[q.speaker].name, columns);
    let date = match q.date {
        Some(date) => format!(", {date}"),
        None => ", undated".into(),
    };
    let room = columns.saturating_sub(width("— ") + width(&date));
    if room >= 8 {
        format!("— {}{date}", fit(&speaker, room))
    } else {
        fit(&format!("— {speaker}{date}"), columns)
    }
}

/// Rows a quote takes at a pane width: its words, the attribution and a
/// blank line after it.
pub fn height(s: &Situation, quote: QuoteIx, width: u16) -> usize {
    words(s, quote, width).len() + 2
}

/// The quote (position in `quotes`) drawn `dy` rows below the top of a
/// pane `width` wide showing `quotes` from position `offset`.
pub fn quote_at(
    s: &Situation,
    quotes: &[QuoteIx],
    offset: usize,
    width: u16,
    dy: usize,
) -> Option<usize> {
    let mut top = 0;
    for (p, &q) in quotes.iter().enumerate().skip(offset) {
        top += height(s, q, width);
        if dy < top {
            return Some(p);
        }
    }
    None
}
