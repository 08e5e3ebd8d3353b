//! Plain text: no markup, one item after another, wrapped to a width, so it
//! pastes into an e-mail and reads top to bottom with a screen reader.
//!
//! ```text
//! Title                                         title, underlined with =
//! =====
//! As of 21 Sep 2024 · Location
//! Filter: none, everything is shown.
//!
//! Summary paragraph ...
//!
//! Key figures                                   section, underlined with -
//! -----------
//! - People displaced: 41,000+ people            label: figure unit
//!   18 Sep 2024 · +37% since 12 Sep 2024 [1]    notes · sources, indented
//!
//! Timeline (12 events)
//! ---------------------
//! late Aug 2024   Heavy rain begins ... [2]     date column, title
//!                 Valley residents              actors
//! — now (21 Sep 2024) —
//! 25 Sep 2024     Donor conference ... [4]
//!                 upcoming · Government of Lowmere
//!
//! Quotes (4 quotes)
//! ------------------
//! “Every family ...”
//!   — Ama Osei, Minister of Water · 8 Sep 2024 [4]
//!
//! Sources
//! -------
//! [1] Title. Publisher, 18 Sep 2024.
//!     https://example.org/...                   never broken
//! ```
//!
//! Every string from the data passes through [`clean_line`] on its way out.

use textwrap::{Options, WordSplitter};
use unicode_width::UnicodeWidthStr;

use super::{View, paragraphs};
use crate::model::FuzzyDate;
use crate::sanitize::clean_line;

/// Narrowest width the layout is made for; narrower requests get this.
pub const MIN_WIDTH: usize = 20;

/// A space no line breaks at, while wrapping only: textwrap breaks at ASCII
/// spaces, and [`Writer::wrap`] writes each of these as a plain space (one
/// in the data too: briefings have plain spaces only).
const GLUE: char = '\u{a0}';

/// `text` that wrapping keeps on one line ("578,000+ people", "[1, 2]").
fn glued(text: &str) -> String {
    text.replace(' ', &GLUE.to_string())
}

pub fn render(view: &View, width: usize) -> String {
    let mut w = Writer::new(width);
    header(&mut w, view);
    figures(&mut w, view);
    timeline(&mut w, view);
    quotes(&mut w, view);
    sources(&mut w, view);
    w.out
}

/// Text wrapped to a width, shared with `sitrep diff`'s text format.
pub(crate) struct Writer {
    pub(crate) out: String,
    width: usize,
}

impl Writer {
    pub(crate) fn width(&self) -> usize {
        self.width
    }

    pub(crate) fn new(width: usize) -> Writer {
        Writer {
            out: String::new(),
            width: width.max(MIN_WIDTH),
        }
    }

    /// Wraps `text` (already clean) to the width, the first line after
    /// `first`, the others after `rest`. Lines break at spaces only: never
    /// inside a word longer than a line (a URL) nor at its hyphens
    /// ("Port-au-Prince", "https://example.org/a-b"), nor at a [`GLUE`].
    /// What is written has plain spaces only, so `grep '3,958 deaths'`
    /// finds it.
    pub(crate) fn wrap(&mut self, text: &str, first: &str, rest: &str) {
        let options = Options::new(self.width)
            .initial_indent(first)
            .subsequent_indent(rest)
            .break_words(false)
            .word_splitter(WordSplitter::NoHyphenation);
        for line in textwrap::wrap(text, options) {
            self.out.push_str(&line.trim_end().replace(GLUE, " "));
            self.out.push('\n');
        }
    }

    /// As [`Writer::wrap`], with source references such as "[1, 2]" kept
    /// whole and on the line of the word before them: a lone "[2]" on a
    /// line of its own reads as something else.
    pub(crate) fn wrap_cited(&mut self, text: &str, refs: &str, first: &str, rest: &str) {
        let refs = glued(refs);
        match (text.is_empty(), refs.is_empty()) {
            (_, true) => self.wrap(text, first, rest),
            (true, false) => self.wrap(&refs, first, rest),
            (false, false) => self.wrap(&format!("{text}{GLUE}{refs}"), first, rest),
        }
    }

    pub(crate) fn line(&mut self, text: &str) {
        self.wrap(text, "", "");
    }

    pub(crate) fn blank(&mut self) {
        self.out.push('\n');
    }

    /// A heading underlined with `rule` as wide as the heading, so that it
    /// reads as a heading without any markup.
    pub(crate) fn heading(&mut self, text: &str, rule: char) {
        self.line(text);
        let wide = text.width().clamp(1, self.width);
        self.out.extend(std::iter::repeat_n(rule, wide));
        self.out.push('\n');
    }
}

fn header(w: &mut Writer, view: &View) {
    let s = view.situation;
    w.heading(&clean_line(&s.title), '=');
    let mut as_of = format!("As of {}", FuzzyDate::day(s.as_of));
    if let Some(location) = &s.location {
        as_of.push_str(" · ");
        as_of.push_str(&clean_line(location));
    }
    w.line(&as_of);
    match view.filter_description() {
        Some(filter) => w.line(&format!("Filter: {}.", clean_line(&filter))),
        None => w.line("Filter: none, everything is shown."),
    }
    if let Some(summary) = &s.summary {
        for paragraph in paragraphs(summary) {
            w.blank();
            w.line(&clean_line(paragraph));
        }
    }
}

fn figures(w: &mut Writer, view: &View) {
    let s = view.situation;
    if s.metrics.is_empty() {
        return;
    }
    w.blank();
    w.heading("Key figures", '-');
    for (i, figure) in s.metric_ixs().zip(&view.figures) {
        let metric = &s.metrics[i];
        let mut value = figure.display.clone();
        if let Some(unit) = &figure.unit {
            value.push(' ');
            value.push_str(&clean_line(unit));
        }
        // A figure stays whole on its line: "578,000+ people".
        let value = glued(&value);
        w.wrap(
            &format!("{}: {value}", clean_line(&metric.label)),
            "- ",
            "  ",
        );
        let notes: Vec<String> = view
            .figure_notes(i)
            .iter()
            .map(|n| clean_line(n).into_owned())
            .collect();
        let refs = view.refs(&view.figure_sources(i));
        if !notes.is_empty() || !refs.is_empty() {
            w.wrap_cited(&notes.join(" · "), &refs, "  ", "  ");
        }
    }
}

fn timeline(w: &mut Writer, view: &View) {
    let s = view.situation;
    w.blank();
    w.heading(&format!("Timeline ({})", view.events_count()), '-');
    if view.selection.events.is_empty() {
        w.line("No events match the filter.");
        return;
    }
    // The date column fits the widest date up to "c. early Oct 2024" (17
    // columns) and a third of the width; a wider date (a span) gets a line
    // of its own.
    let widest = view
        .selection
        .events
        .iter()
        .map(|&e| s.events[e].date_label().width())
        .max()
        .unwrap_or(0);
    let column = (widest + 2).min(19).min(w.width / 3);
    let indent = " ".repeat(column);
    let now_at = view.now_at();
    for (n, (e, _)) in view.events().enumerate() {
        if Some(n) == now_at {
            w.line(&view.now_divider());
        }
        let event = &s.events[e];
        let date = event.date_label();
        let title = clean_line(&event.title);
        let refs = view.refs(&event.sources);
        if date.width() < column {
            let first = format!("{date}{}", " ".repeat(column - date.width()));
            w.wrap_cited(&title, &refs, &first, &indent);
        } else {
            w.line(&date);
            w.wrap_cited(&title, &refs, &indent, &indent);
        }
        let mut details = Vec::new();
        if let Some(note) = event.tense_note(s.as_of) {
            details.push(note.to_string());
        }
        if let Some(place) = view.where_label(e) {
            details.push(clean_line(&place).into_owned());
        }
        if !event.actors.is_empty() {
            details.push(clean_line(&view.actor_names(&event.actors)).into_owned());
        }
        if !details.is_empty() {
            w.wrap(&details.join(" · "), &indent, &indent);
        }
    }
    if now_at == Some(view.selection.events.len()) {
        w.line(&view.now_divider());
    }
}

fn quotes(w: &mut Writer, view: &View) {
    let s = view.situation;
    if s.quotes.is_empty() {
        return;
    }
    w.blank();
    w.heading(&format!("Quotes ({})", view.quotes_count()), '-');
    if view.selection.quotes.is_empty() {
        w.line("No quotes match the filter.");
        return;
    }
    for (n, &q) in view.selection.quotes.iter().enumerate() {
        if n > 0 {
            w.blank();
        }
        let quote = &s.quotes[q];
        w.line(&format!("“{}”", clean_line(quote.text.trim())));
        // The date stays whole on its line, after the speaker.
        let by = match view.attribution_parts(q) {
            (who, Some(date)) => format!("{} · {}", clean_line(&who), glued(&date)),
            (who, None) => clean_line(&who).into_owned(),
        };
        w.wrap_cited(&by, &view.refs(&quote.sources), "  — ", "    ");
    }
}

fn sources(w: &mut Writer, view: &View) {
    if view.cited.is_empty() {
        return;
    }
    w.blank();
    w.heading("Sources", '-');
    for (n, &i) in view.cited.iter().enumerate() {
        let source = &view.situation.sources[i];
        let number = format!("[{}] ", n + 1);
        let indent = " ".repeat(number.width());
        let mut entry = clean_line(source.title.trim()).into_owned();
        let details = view.source_details(i);
        if !details.is_empty() {
            if !entry.ends_with(['.', '?', '!']) {
                entry.push('.');
            }
            entry.push(' ');
            entry.push_str(&clean_line(&details));
        }
        if !entry.ends_with(['.', '?', '!']) {
            entry.push('.');
        }
        w.wrap(&entry, &number, &indent);
        if let Some(url) = &source.url {
            w.wrap(&clean_line(url.trim()), &indent, &indent);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wrapped(text: &str, refs: &str, width: usize) -> String {
        let mut w = Writer {
            out: String::new(),
            width,
        };
        w.wrap_cited(text, refs, "- ", "  ");
        w.out
    }

    #[test]
    fn never_breaks_inside_a_word_or_at_its_hyphens() {
        let out = wrapped("see https://example.org/a-long-address-here now", "", 20);
        assert_eq!(
            out,
            "- see\n  https://example.org/a-long-address-here\n  now\n"
        );
        let out = wrapped("Arkansas Democrat-Gazette report", "", 24);
        assert_eq!(out, "- Arkansas\n  Democrat-Gazette\n  report\n");
    }

    #[test]
    fn keeps_references_with_the_last_word() {
        assert_eq!(
            wrapped("Heavy rain begins over the valley", "[1, 2]", 36),
            "- Heavy rain begins over the\n  valley [1, 2]\n"
        );
        assert_eq!(wrapped("", "[3]", 36), "- [3]\n");
    }
}
