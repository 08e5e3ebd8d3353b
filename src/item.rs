//! One item of the situation as the keys `o`, `y` and `e` act on it: the
//! sources behind it, its plain text for the clipboard, and its line in the
//! file. Text here is built from sanitized strings only: what is copied can
//! never carry a control character from the file to a terminal.

use crate::doc::detail::Target;
use crate::figures::Figure;
use crate::model::{ActorIx, MetricKind, Situation, SourceIx};
use crate::sanitize::clean_line;

/// "event", "key figure": what an item is, for messages.
pub fn kind(target: Target) -> &'static str {
    match target {
        Target::Event(_) => "event",
        Target::Actor(_) => "actor",
        Target::Metric(_) => "key figure",
        Target::Quote(_) => "quote",
        Target::Place(_) => "place",
    }
}

/// The sources behind an item, without repeats: an event's or a quote's
/// own; a key figure's observations' from the latest back (a day count:
/// its event's); an actor has none in the file format.
pub fn sources(s: &Situation, target: Target) -> Vec<SourceIx> {
    let mut out: Vec<SourceIx> = Vec::new();
    let mut add = |source: SourceIx| {
        if !out.contains(&source) {
            out.push(source);
        }
    };
    match target {
        Target::Event(e) => s.events[e].sources.iter().copied().for_each(&mut add),
        Target::Quote(q) => s.quotes[q].sources.iter().copied().for_each(&mut add),
        Target::Metric(m) => match &s.metrics[m].kind {
            // Observations are in date order: the latest is last.
            MetricKind::Observed(points) => {
                points.iter().rev().filter_map(|o| o.source).for_each(add)
            }
            MetricKind::Since(e) | MetricKind::Until(e) => {
                s.events[*e].sources.iter().copied().for_each(add)
            }
        },
        Target::Actor(_) | Target::Place(_) => {}
    }
    out
}

/// The item's sources that have a URL to open, in the order of [`sources`]:
/// what `o` offers to choose from.
pub fn sources_with_url(s: &Situation, target: Target) -> Vec<SourceIx> {
    let mut out = sources(s, target);
    out.retain(|&source| s.sources[source].url.is_some());
    out
}

/// The item's 1-based line in its file, when it was read from one.
pub fn line(s: &Situation, target: Target) -> Option<u32> {
    let lines = &s.lines;
    match target {
        Target::Event(e) => lines.events.get(e.get()),
        Target::Actor(a) => lines.actors.get(a.get()),
        Target::Metric(m) => lines.metrics.get(m.get()),
        Target::Quote(q) => lines.quotes.get(q.get()),
        Target::Place(p) => lines.places.get(p.get()),
    }
    .copied()
}

/// The item's title as one sanitized line, for the footer.
pub fn title(s: &Situation, target: Target) -> String {
    let text = match target {
        Target::Event(e) => &s.events[e].title,
        Target::Actor(a) => &*s.actors[a].name,
        Target::Metric(m) => &s.metrics[m].label,
        Target::Quote(q) => &s.quotes[q].text,
        Target::Place(p) => &s.places[p].name,
    };
    clean_line(text).into_owned()
}

/// Plain text lines, each from sanitized pieces.
#[derive(Default)]
struct Text {
    out: String,
}

impl Text {
    /// "Label: value", the value sanitized to one line; nothing when empty.
    fn field(&mut self, label: &str, value: &str) {
        let value = clean_line(value.trim());
        if !value.is_empty() {
            self.out.push_str(label);
            self.out.push_str(": ");
            self.out.push_str(&value);
            self.out.push('\n');
        }
    }

    /// A text of several lines, each sanitized, after a blank line.
    fn block(&mut self, text: &str) {
        if text.trim().is_empty() {
            return;
        }
        self.out.push('\n');
        for line in text.trim().lines() {
            self.out.push_str(clean_line(line).trim_end());
            self.out.push('\n');
        }
    }
}

/// The item as plain text: what it is, its date, what else the file says
/// of it, and its sources with their URLs. `figures` are the situation's
/// figures (one per metric).
pub fn plain_text(s: &Situation, figures: &[Figure], target: Target) -> String {
    let mut t = Text::default();
    let names = |actors: &[ActorIx]| {
        actors
            .iter()
            .map(|&a| &*s.actors[a].name)
            .collect::<Vec<_>>()
            .join(", ")
    };
    match target {
        Target::Event(e) => {
            let event = &s.events[e];
            t.field("Event", &event.title);
            // The one "now" rule: "upcoming", "on the as-of date", ...
            let label = match event.tense_note(s.as_of) {
                Some(note) => format!("{} ({note})", event.date_label()),
                None => event.date_label(),
            };
            t.field("Date", &label);
            let place = event.place.map(|p| s.place_label(p));
            t.field(
                "Where",
                place.as_deref().or(event.location.as_deref()).unwrap_or(""),
            );
            t.field("Actors", &names(&event.actors));
            t.field("Category", event.category.as_deref().unwrap_or(""));
            t.field("Tags", &event.tags.join(", "));
            t.block(event.summary.as_deref().unwrap_or(""));
        }
        Target::Actor(a) => {
            let actor = &s.actors[a];
            t.field("Actor", &actor.name);
            t.field("Kind", actor.kind.as_str());
            t.field("Role", actor.role.as_deref().unwrap_or(""));
            let part_of = actor.part_of.map(|p| &*s.actors[p].name);
            t.field("Part of", part_of.unwrap_or(""));
            t.field("Also known as", &actor.aliases.join(", "));
            t.field("Tags", &actor.tags.join(", "));
        }
        Target::Metric(m) => {
            let metric = &s.metrics[m];
            t.field("Key figure", &metric.label);
            if let Some(figure) = figures.get(m.get()) {
                t.field("Figure", &figure.display_with_unit());
                t.field("Date", &figure.date_text());
            }
            t.field("Actors", &names(&metric.actors));
            t.field("Note", metric.note.as_deref().unwrap_or(""));
        }
        Target::Quote(q) => {
            let quote = &s.quotes[q];
            t.field("Quote", &format!("“{}”", quote.text.trim()));
            t.field("Said by", &s.actors[quote.speaker].name);
            t.field(
                "Date",
                &quote.date.map(|d| d.to_string()).unwrap_or_default(),
            );
            t.field("Context", quote.context.as_deref().unwrap_or(""));
            t.field("About", &names(&quote.about));
        }
        Target::Place(p) => {
            let place = &s.places[p];
            t.field("Place", &place.name);
            t.field("Kind", place.kind.as_str());
            let part_of = place.part_of.map(|o| s.places[o].name.as_str());
            t.field("Part of", part_of.unwrap_or(""));
            // Precision is said in words: a copied point stays honest too.
            let point = match place.coordinates_label() {
                Some(label) if place.approximate => label,
                Some(label) => format!("{label} (exact)"),
                None => String::new(),
            };
            t.field("Coordinates", &point);
            t.field("Also known as", &place.aliases.join(", "));
        }
    }
    let sources = sources(s, target);
    if !sources.is_empty() {
        t.out.push_str("\nSources:\n");
        for source in sources {
            let source = &s.sources[source];
            let by: Vec<String> = [
                Some(source.title.clone()),
                source.publisher.clone(),
                source.date.map(|d| d.to_string()),
            ]
            .into_iter()
            .flatten()
            .map(|part| clean_line(part.trim()).into_owned())
            .filter(|part| !part.is_empty())
            .collect();
            t.out.push_str("- ");
            t.out.push_str(&by.join(", "));
            t.out.push('\n');
            if let Some(url) = &source.url {
                t.out.push_str("  ");
                t.out.push_str(&clean_line(url.trim()));
                t.out.push('\n');
            }
        }
    }
    t.out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::load_str;
    use crate::model::{MetricIx, QuoteIx};

    const FIXTURE: &str = include_str!("../tests/fixtures/dashboard.toml");

    fn fixture() -> Situation {
        load_str(FIXTURE).situation.expect("the fixture loads")
    }

    fn figures(s: &Situation) -> Vec<Figure> {
        s.metrics
            .iter()
            .map(|m| crate::figures::figure(s, m))
            .collect()
    }

    #[test]
    fn every_item_knows_the_line_of_its_table() {
        let s = fixture();
        let lines: Vec<&str> = FIXTURE.lines().collect();
        let at = |line: Option<u32>| lines[line.expect("a line") as usize - 1];
        for e in s.event_ixs() {
            // The table starts at its header; its id follows.
            let line = line(&s, Target::Event(e)).unwrap() as usize;
            assert_eq!(lines[line - 1], "[[events]]", "{}", s.events[e].id);
            let id = format!("id = \"{}\"", s.events[e].id);
            assert!(lines[line..].iter().take(3).any(|l| *l == id), "{id}");
        }
        assert_eq!(at(line(&s, Target::Actor(ActorIx::new(0)))), "[[actors]]");
        assert_eq!(
            at(line(&s, Target::Metric(MetricIx::new(0)))),
            "[[metrics]]"
        );
        assert_eq!(at(line(&s, Target::Quote(QuoteIx::new(0)))), "[[quotes]]");
    }

    #[test]
    fn plain_text_says_what_when_and_from_where() {
        let s = fixture();
        let e = (s.event_ixs())
            .find(|&e| !s.events[e].sources.is_empty())
            .unwrap();
        let text = plain_text(&s, &figures(&s), Target::Event(e));
        let event = &s.events[e];
        assert!(
            text.starts_with(&format!("Event: {}\n", event.title)),
            "{text}"
        );
        assert!(
            text.contains(&format!("Date: {}", event.date_label())),
            "{text}"
        );
        let source = &s.sources[event.sources[0]];
        assert!(text.contains(&source.title), "{text}");
        if let Some(url) = &source.url {
            assert!(text.contains(&format!("\n  {url}\n")), "{text}");
        }
    }

    #[test]
    fn no_control_character_from_the_file_reaches_the_text() {
        let hostile = FIXTURE
            .replace("title = \"", "title = \"\\u001b]52;c;AAAA\\u0007\\t")
            .replace("url = \"https://", "url = \"https://\\u001b[2J")
            .replace("name = \"", "name = \"\\u009b31m\\r\\n");
        let s = load_str(&hostile).situation.expect("still a valid file");
        let figures = figures(&s);
        let targets = (s.event_ixs().map(Target::Event))
            .chain(s.actor_ixs().map(Target::Actor))
            .chain(MetricIx::all(s.metrics.len()).map(Target::Metric))
            .chain(QuoteIx::all(s.quotes.len()).map(Target::Quote));
        let mut shown = 0;
        for target in targets {
            let text = plain_text(&s, &figures, target);
            shown += text.matches('␛').count();
            assert!(
                text.chars().all(|c| c == '\n' || !c.is_control()),
                "{target:?}: {text:?}"
            );
            let sequence = crate::clipboard::osc52(&text);
            let controls: Vec<char> = sequence.chars().filter(|c| c.is_control()).collect();
            assert_eq!(controls, ['\x1b', '\x07']);
        }
        // The escapes were there, and are shown as pictures.
        assert!(shown > s.events.len(), "{shown}");
    }
}
