//! A TimelineJS 3 document (timeline.knightlab.com, "JSON data format"): the
//! situation as the title slide and one slide per event the filter keeps.
//!
//! TimelineJS reads `text.headline` and `text.text` as HTML, so everything
//! from the data is HTML-escaped here, and only `http` and `https` source
//! URLs become links. Its date objects hold whichever of year, month and day
//! are known; where that would read more precise than the file (part of a
//! month, "c." dates), the slide's `display_date` says it in words.

use serde::Serialize;

use super::{View, paragraphs};
use crate::model::{Event, EventIx, FuzzyDate, Precision, SourceIx};

#[derive(Serialize)]
struct Timeline {
    title: Slide,
    events: Vec<Slide>,
}

#[derive(Serialize)]
struct Slide {
    #[serde(skip_serializing_if = "Option::is_none")]
    start_date: Option<DateParts>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_date: Option<DateParts>,
    #[serde(skip_serializing_if = "Option::is_none")]
    display_date: Option<String>,
    text: Text,
    #[serde(skip_serializing_if = "Option::is_none")]
    group: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    unique_id: Option<String>,
}

#[derive(Serialize)]
struct Text {
    headline: String,
    text: String,
}

/// Only the parts the date really has: no day for "2024-08", no month for
/// "2010".
#[derive(Serialize)]
struct DateParts {
    year: i32,
    #[serde(skip_serializing_if = "Option::is_none")]
    month: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    day: Option<u32>,
}

pub fn render(view: &View) -> String {
    let timeline = Timeline {
        title: title_slide(view),
        events: view.events().map(|(e, _)| event_slide(view, e)).collect(),
    };
    // Plain structs of strings and numbers: serializing cannot fail.
    let json = serde_json::to_string_pretty(&timeline).expect("the timeline serializes");
    let mut out = super::json::escape_invisible(&json);
    out.push('\n');
    out
}

fn title_slide(view: &View) -> Slide {
    let s = view.situation;
    let mut text = String::new();
    for paragraph in s.summary.as_deref().map(paragraphs).into_iter().flatten() {
        push_paragraph(&mut text, &html(paragraph));
    }
    let mut facts = vec![format!("As of {}", FuzzyDate::day(s.as_of))];
    facts.extend(s.location.as_deref().map(html));
    facts.push(view.events_count());
    push_paragraph(&mut text, &facts.join(" · "));
    if let Some(filter) = view.filter_description() {
        push_paragraph(&mut text, &format!("Showing {}", html(&filter)));
    }
    Slide {
        start_date: None,
        end_date: None,
        display_date: None,
        text: Text {
            headline: html(&s.title),
            text,
        },
        group: None,
        // Any name could be an event's id: TimelineJS makes one up instead.
        unique_id: None,
    }
}

fn event_slide(view: &View, e: EventIx) -> Slide {
    let s = view.situation;
    let event = &s.events[e];
    let mut text = String::new();
    for paragraph in event
        .summary
        .as_deref()
        .map(paragraphs)
        .into_iter()
        .flatten()
    {
        push_paragraph(&mut text, &html(paragraph));
    }
    let mut facts = Vec::new();
    if !event.actors.is_empty() {
        facts.push(html(&view.actor_names(&event.actors)));
    }
    facts.extend(view.where_name(e).map(html));
    if !facts.is_empty() {
        push_paragraph(&mut text, &facts.join(" · "));
    }
    if !event.sources.is_empty() {
        let links: Vec<String> = event
            .sources
            .iter()
            .map(|&i| source_link(view, i))
            .collect();
        push_paragraph(&mut text, &format!("Sources: {}", links.join("; ")));
    }
    Slide {
        start_date: Some(parts(&event.date)),
        end_date: event.end.as_ref().map(parts),
        display_date: needs_words(event).then(|| event.date_label()),
        text: Text {
            headline: html(&event.title),
            text,
        },
        group: event.category.clone(),
        unique_id: Some(event.id.clone()),
    }
}

fn parts(date: &FuzzyDate) -> DateParts {
    use chrono::Datelike;
    let start = date.start();
    let (month, day) = match date.precision() {
        Precision::Day => (Some(start.month()), Some(start.day())),
        Precision::EarlyMonth | Precision::MidMonth | Precision::LateMonth | Precision::Month => {
            (Some(start.month()), None)
        }
        Precision::Year => (None, None),
    };
    DateParts {
        year: start.year(),
        month,
        day,
    }
}

/// True when TimelineJS, given only the date parts, would show the date
/// as more certain than it is: a part of a month, or an approximate date.
fn needs_words(event: &Event) -> bool {
    let vague = |d: &FuzzyDate| {
        d.is_approximate()
            || matches!(
                d.precision(),
                Precision::EarlyMonth | Precision::MidMonth | Precision::LateMonth
            )
    };
    vague(&event.date) || event.end.as_ref().is_some_and(vague)
}

/// `<a href="…">Title</a> (Publisher, date)`, or the plain title when the
/// source has no web address to link to.
fn source_link(view: &View, i: SourceIx) -> String {
    let source = &view.situation.sources[i];
    let title = html(&source.title);
    let mut out = match source.url.as_deref().filter(|url| is_web_url(url)) {
        Some(url) => format!("<a href=\"{}\">{title}</a>", html(url)),
        None => title,
    };
    let details = view.source_details(i);
    if !details.is_empty() {
        out.push_str(&format!(" ({})", html(&details)));
    }
    out
}

/// Only web addresses become links: a `javascript:` or `data:` URL in a
/// file would run in the reader's browser.
fn is_web_url(url: &str) -> bool {
    let lower = url.trim_start().to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://")
}

fn push_paragraph(out: &mut String, html_text: &str) {
    out.push_str("<p>");
    out.push_str(html_text);
    out.push_str("</p>");
}

/// Text as HTML text or attribute value: the five characters HTML gives a
/// meaning are written as entities, line breaks as spaces.
fn html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            html(r#"<script>alert("x") & 'y'</script>"#),
            "&lt;script&gt;alert(&quot;x&quot;) &amp; &#39;y&#39;&lt;/script&gt;"
        );
    }

    #[test]
    fn only_web_addresses_are_links() {
        assert!(is_web_url("https://example.org/a"));
        assert!(is_web_url("HTTP://example.org"));
        assert!(!is_web_url("javascript:alert(1)"));
        assert!(!is_web_url("data:text/html,<b>x</b>"));
    }

    #[test]
    fn date_parts_hold_only_what_is_known() {
        let json = |d: &str| serde_json::to_string(&parts(&d.parse().unwrap())).unwrap();
        assert_eq!(json("2024-09-21"), r#"{"year":2024,"month":9,"day":21}"#);
        assert_eq!(json("late 2024-02"), r#"{"year":2024,"month":2}"#);
        assert_eq!(json("2024-08"), r#"{"year":2024,"month":8}"#);
        assert_eq!(json("~2010"), r#"{"year":2010}"#);
    }
}
