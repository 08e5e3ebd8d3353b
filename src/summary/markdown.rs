//! Markdown: a heading, a figures table, the timeline as a list, quotes as
//! blockquotes, and numbered sources that `[1]`-style references point to.
//!
//! Data text is arbitrary, so every string from the file goes through
//! [`inline`]: sanitized, on one line (a line break would end a table row or
//! a list item), with the characters that would start markup escaped.
//! Lines are not hard-wrapped: renderers and mail clients wrap paragraphs.

use super::{View, paragraphs};
use crate::model::FuzzyDate;
use crate::sanitize::clean_line;

pub fn render(view: &View) -> String {
    let mut out = String::new();
    header(&mut out, view);
    figures(&mut out, view);
    timeline(&mut out, view);
    quotes(&mut out, view);
    sources(&mut out, view);
    out
}

fn header(out: &mut String, view: &View) {
    let s = view.situation;
    push_line(out, &format!("# {}", inline(&s.title)));
    out.push('\n');
    let mut as_of = format!("**As of {}**", FuzzyDate::day(s.as_of));
    if let Some(location) = &s.location {
        as_of.push_str(" · ");
        as_of.push_str(&inline(location));
    }
    push_line(out, &as_of);
    out.push('\n');
    match view.filter_description() {
        Some(filter) => push_line(out, &format!("**Filter:** {}.", inline(&filter))),
        None => push_line(out, "**Filter:** none, everything is shown."),
    }
    if let Some(summary) = &s.summary {
        for paragraph in paragraphs(summary) {
            out.push('\n');
            push_line(out, &block(paragraph));
        }
    }
}

fn figures(out: &mut String, view: &View) {
    let s = view.situation;
    if s.metrics.is_empty() {
        return;
    }
    out.push('\n');
    push_line(out, "## Key figures");
    out.push('\n');
    push_line(out, "| Figure | Value | Notes | Sources |");
    push_line(out, "| --- | --- | --- | --- |");
    for (i, figure) in s.metric_ixs().zip(&view.figures) {
        let metric = &s.metrics[i];
        // `display` is built by figures.rs from numbers alone ("~60%",
        // "<180 of 400"): nothing in it can open markup or end a cell.
        let mut value = figure.display.clone();
        if let Some(unit) = &figure.unit {
            value.push(' ');
            value.push_str(&inline(unit));
        }
        let mut label = inline(&metric.label);
        if view.is_highlighted(i) {
            label = format!("**{label}**");
        }
        let notes: Vec<String> = view.figure_notes(i).iter().map(|n| inline(n)).collect();
        let refs = view.refs(&view.figure_sources(i));
        push_line(
            out,
            &format!("| {label} | {value} | {} | {refs} |", notes.join(" · ")),
        );
    }
}

fn timeline(out: &mut String, view: &View) {
    let s = view.situation;
    out.push('\n');
    push_line(out, &format!("## Timeline ({})", view.events_count()));
    out.push('\n');
    if view.selection.events.is_empty() {
        push_line(out, "No events match the filter.");
        return;
    }
    let now_at = view.now_at();
    for (n, (e, _)) in view.events().enumerate() {
        if Some(n) == now_at {
            // A paragraph between two lists; the blank lines keep it out of them.
            if n > 0 {
                out.push('\n');
            }
            push_line(out, &format!("**{}**", view.now_divider()));
            out.push('\n');
        }
        let event = &s.events[e];
        let mut item = format!("- **{}**", event.date_label());
        if let Some(note) = event.tense_note(s.as_of) {
            item.push_str(&format!(" ({note})"));
        }
        item.push_str(" — ");
        item.push_str(&inline(&event.title));
        if let Some(place) = view.where_label(e) {
            item.push_str(" · ");
            item.push_str(&inline(&place));
        }
        if !event.actors.is_empty() {
            item.push_str(" · ");
            item.push_str(&inline(&view.actor_names(&event.actors)));
        }
        let refs = view.refs(&event.sources);
        if !refs.is_empty() {
            item.push(' ');
            item.push_str(&refs);
        }
        push_line(out, &item);
    }
    if now_at == Some(view.selection.events.len()) {
        out.push('\n');
        push_line(out, &format!("**{}**", view.now_divider()));
    }
}

fn quotes(out: &mut String, view: &View) {
    let s = view.situation;
    if s.quotes.is_empty() {
        return;
    }
    out.push('\n');
    push_line(out, &format!("## Quotes ({})", view.quotes_count()));
    if view.selection.quotes.is_empty() {
        out.push('\n');
        push_line(out, "No quotes match the filter.");
        return;
    }
    for &q in &view.selection.quotes {
        let quote = &s.quotes[q];
        out.push('\n');
        push_line(out, &format!("> {}", block(&quote.text)));
        push_line(out, ">");
        let mut attribution = format!("> — {}", inline(&view.attribution(q)));
        let refs = view.refs(&quote.sources);
        if !refs.is_empty() {
            attribution.push(' ');
            attribution.push_str(&refs);
        }
        push_line(out, &attribution);
    }
}

fn sources(out: &mut String, view: &View) {
    if view.cited.is_empty() {
        return;
    }
    out.push('\n');
    push_line(out, "## Sources");
    out.push('\n');
    for (n, &i) in view.cited.iter().enumerate() {
        let source = &view.situation.sources[i];
        let mut entry = format!("{}. {}", n + 1, block(&source.title));
        let details = view.source_details(i);
        if !details.is_empty() {
            entry.push_str(" — ");
            entry.push_str(&inline(&details));
        }
        if let Some(url) = &source.url {
            entry.push(' ');
            entry.push_str(&link(url));
        }
        push_line(out, &entry);
    }
}

fn push_line(out: &mut String, line: &str) {
    out.push_str(line);
    out.push('\n');
}

/// A URL as an autolink `<https://...>` when it is one CommonMark accepts
/// as it is (backslash escapes do not work inside autolinks); otherwise as
/// escaped text.
fn link(url: &str) -> String {
    let url = url.trim();
    let plain = url
        .chars()
        .all(|c| c.is_ascii_graphic() && c != '<' && c != '>');
    let scheme = url.starts_with("https://") || url.starts_with("http://");
    if plain && scheme {
        format!("<{url}>")
    } else {
        inline(url)
    }
}

/// Data text made safe as inline Markdown on one line: hostile characters
/// made visible, line breaks flattened (a break would end a table row or a
/// list item), and every ASCII character that could open or close inline
/// markup escaped with a backslash.
pub fn inline(text: &str) -> String {
    let text = clean_line(text);
    let text = text.trim();
    let mut out = String::with_capacity(text.len() + 8);
    for (at, c) in text.char_indices() {
        // `!` needs no escape: the `[` of an image always gets one.
        let escape = match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '|' | '~' => true,
            '&' => is_entity(&text[at..]),
            _ => false,
        };
        if escape {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// As [`inline`], for text that starts a block (a paragraph, a quote, a list
/// item's text), where a leading `#`, `>`, `-`, `+`, `=` or `1.` would make
/// a heading, a quote, a list or an underline.
pub fn block(text: &str) -> String {
    let mut out = inline(text);
    if out.starts_with(['#', '>', '-', '+', '=']) {
        out.insert(0, '\\');
    }
    let digits = out.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && out[digits..].starts_with(['.', ')']) {
        out.insert(digits, '\\');
    }
    out
}

/// True when `text` starts with an HTML entity or character reference
/// (`&amp;`, `&#123;`), which Markdown would turn into a character.
fn is_entity(text: &str) -> bool {
    let body = &text[1..];
    let Some(end) = body.find(';') else {
        return false;
    };
    let name = body[..end].strip_prefix('#').unwrap_or(&body[..end]);
    !name.is_empty() && name.len() <= 32 && name.bytes().all(|b| b.is_ascii_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_would_break_the_structure() {
        assert_eq!(inline("Flash #4 | floods"), "Flash #4 \\| floods");
        assert_eq!(inline("+37% since"), "+37% since");
        assert_eq!(block("# not a heading"), "\\# not a heading");
        assert_eq!(block("> not a quote"), "\\> not a quote");
        assert_eq!(block("- not a list"), "\\- not a list");
        assert_eq!(block("2024. A year"), "2024\\. A year");
        assert_eq!(block("1) first"), "1\\) first");
        assert_eq!(block("Version 2.0"), "Version 2.0");
        assert_eq!(
            inline("*bold* and [link](x)"),
            "\\*bold\\* and \\[link\\](x)"
        );
        assert_eq!(inline("a <b>tag</b>"), "a \\<b>tag\\</b>");
        assert_eq!(inline("AT&T &amp; co"), "AT&T \\&amp; co");
    }

    #[test]
    fn keeps_text_on_one_line_and_inert() {
        assert_eq!(inline("one\ntwo"), "one two");
        assert_eq!(inline("bell\u{7}"), "bell␇");
    }

    #[test]
    fn links_only_plain_web_addresses() {
        assert_eq!(link("https://example.org/a_b"), "<https://example.org/a_b>");
        assert_eq!(link("javascript:alert(1)"), "javascript:alert(1)");
        assert_eq!(link("https://x.org/a b"), "https://x.org/a b");
    }
}
