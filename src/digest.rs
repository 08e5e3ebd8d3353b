//! Content digests: for each actor, event, metric and quote, the key it is
//! known by across versions of its file and a 64-bit digest of what it says.
//!
//! Digests are computed from the loaded model, never from the text, so
//! reordering items, reformatting the TOML (inline tables, `41_000` for
//! `41000`, a literal string for a basic one) or renaming nothing changes
//! none of them, while changing any value does. References are digested by
//! the id they name, not by index, so that moving an actor in the file does
//! not change the events that name it.
//!
//! The hash is XXH3-64: a published algorithm whose output does not depend
//! on the platform, the build or the crate's version, so digests written to
//! the seen-state record today still compare equal after an upgrade. How
//! the fields are fed to it is a [`Scheme`], named by the record, so that a
//! record written before a change of scheme still compares.

use chrono::Datelike;
use xxhash_rust::xxh3::xxh3_64;

use crate::model::{
    Actor, ActorIx, Event, FuzzyDate, Metric, MetricKind, Number, PlaceIx, Quote, Situation,
    SourceIx,
};

/// How an item's fields become its digest. Both keep fields apart (a value
/// cannot run into the next), say whether each optional value is there,
/// and name references by id.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Scheme {
    /// Seen-state records of versions 1 and 2: every field's bytes, each
    /// string length-prefixed, copied into one buffer hashed once per item.
    Bytes,
    /// Version 3 on: each string hashed where it lies, and the item's
    /// digest the hash of those hashes and its other values; a reference
    /// is the hash of the id it names, worked out once per situation.
    /// Nothing is copied.
    #[default]
    Fields,
}

impl Scheme {
    /// The scheme of records written now.
    pub const CURRENT: Scheme = Scheme::Fields;
}

/// A digest of one item's content.
pub type Digest = u64;

/// Events from which digesting them is split over two threads: below it a
/// thread costs more than it saves.
const PARALLEL_FROM: usize = 20_000;

/// The four kinds of item a reader follows, in the order sections are shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Section {
    Metrics,
    Events,
    Quotes,
    Actors,
}

impl Section {
    pub const ALL: [Section; 4] = [
        Section::Metrics,
        Section::Events,
        Section::Quotes,
        Section::Actors,
    ];

    /// "figures", "events", ...: the word a reader knows the section by.
    pub fn plural(self) -> &'static str {
        match self {
            Section::Metrics => "figures",
            Section::Events => "events",
            Section::Quotes => "quotes",
            Section::Actors => "actors",
        }
    }

    pub fn singular(self) -> &'static str {
        match self {
            Section::Metrics => "figure",
            Section::Events => "event",
            Section::Quotes => "quote",
            Section::Actors => "actor",
        }
    }

    /// The one-letter tag of the section in the seen-state record.
    pub fn tag(self) -> char {
        match self {
            Section::Metrics => 'm',
            Section::Events => 'e',
            Section::Quotes => 'q',
            Section::Actors => 'a',
        }
    }

    pub fn from_tag(tag: &str) -> Option<Section> {
        Section::ALL
            .into_iter()
            .find(|s| tag.len() == 1 && tag.starts_with(s.tag()))
    }

    /// Items of this section in the situation.
    pub fn len(self, s: &Situation) -> usize {
        match self {
            Section::Metrics => s.metrics.len(),
            Section::Events => s.events.len(),
            Section::Quotes => s.quotes.len(),
            Section::Actors => s.actors.len(),
        }
    }
}

/// Every item's digest, in the situation's own order per section, and the
/// keys of quotes that have no id.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Digests {
    pub metrics: Vec<Digest>,
    pub events: Vec<Digest>,
    pub quotes: Vec<Digest>,
    pub actors: Vec<Digest>,
    /// For each quote without an id, the key it is known by.
    unnamed_quotes: Vec<Option<String>>,
    pub scheme: Scheme,
}

impl Digests {
    /// Digests as records are written now.
    pub fn of(s: &Situation) -> Digests {
        Digests::of_scheme(s, Scheme::CURRENT)
    }

    /// Digests made as a record of another version made them.
    pub fn of_scheme(s: &Situation, scheme: Scheme) -> Digests {
        Digests::in_parallel_from(s, scheme, PARALLEL_FROM)
    }

    /// [`Digests::of_scheme`] all on the calling thread, for one that runs
    /// beside other work the caller waits for (a second thread would take
    /// a core from it).
    pub fn on_this_thread(s: &Situation, scheme: Scheme) -> Digests {
        Digests::in_parallel_from(s, scheme, usize::MAX)
    }

    fn in_parallel_from(s: &Situation, scheme: Scheme, parallel_from: usize) -> Digests {
        let ids = match scheme {
            Scheme::Bytes => RefIds::default(),
            Scheme::Fields => RefIds::of(s),
        };
        let feed = || Feed::new(scheme, &ids);
        let events = |list: &[Event]| -> Vec<Digest> {
            let mut f = feed();
            list.iter().map(|e| event(&mut f, s, e)).collect()
        };
        // Most of the work is in the events: a large file's are digested
        // in two halves, the second on a thread of its own (a dashboard
        // opening or `diff` has a core to spare here).
        let half = if s.events.len() >= parallel_from.max(2) {
            s.events.len() / 2
        } else {
            s.events.len()
        };
        let (first, second) = s.events.split_at(half);
        std::thread::scope(|scope| {
            let later = (!second.is_empty()).then(|| {
                std::thread::Builder::new()
                    .name("digests".into())
                    .spawn_scoped(scope, || events(second))
            });
            let mut f = feed();
            let mut digests = Digests {
                metrics: s.metrics.iter().map(|m| metric(&mut f, s, m)).collect(),
                events: events(first),
                quotes: s.quotes.iter().map(|q| quote(&mut f, s, q)).collect(),
                actors: s.actors.iter().map(|a| actor(&mut f, s, a)).collect(),
                unnamed_quotes: unnamed_quote_keys(&mut f, s),
                scheme,
            };
            let second = match later {
                Some(Ok(thread)) => thread
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
                // No thread to be had: this one does the rest.
                Some(Err(_)) => events(second),
                None => Vec::new(),
            };
            digests.events.extend(second);
            digests
        })
    }

    /// The key an item is matched by across versions: its id. A quote's id
    /// is optional; one without an id is known by its speaker, its words
    /// and its date, so editing those makes it a different quote (one
    /// removed, one added).
    pub fn key<'a>(&'a self, s: &'a Situation, section: Section, item: usize) -> &'a str {
        match section {
            Section::Metrics => &s.metrics[item].id,
            Section::Events => &s.events[item].id,
            Section::Actors => &s.actors[item].id,
            Section::Quotes => match (&s.quotes[item].id, self.unnamed_quotes.get(item)) {
                (Some(id), _) => id,
                (None, Some(Some(key))) => key,
                // `of` gives every quote without an id a key.
                (None, _) => "",
            },
        }
    }

    pub fn section(&self, section: Section) -> &[Digest] {
        match section {
            Section::Metrics => &self.metrics,
            Section::Events => &self.events,
            Section::Quotes => &self.quotes,
            Section::Actors => &self.actors,
        }
    }
}

/// "~speaker:1f3a…" for each quote without an id: a key no real id can
/// take (ids start with a letter or digit), the speaker for a reader, and a
/// digest of the words and date. The same words on the same date by the
/// same speaker, written twice, are told apart by their order: "…:1f3a.2".
fn unnamed_quote_keys(feed: &mut Feed, s: &Situation) -> Vec<Option<String>> {
    let mut seen: std::collections::HashMap<String, usize> = Default::default();
    s.quotes
        .iter()
        .map(|q| {
            if q.id.is_some() {
                return None;
            }
            feed.str(&q.text);
            feed.opt_date(q.date);
            let key = format!("~{}:{:016x}", s.actors[q.speaker].id, feed.finish());
            let n = seen.entry(key.clone()).or_insert(0);
            *n += 1;
            Some(if *n == 1 { key } else { format!("{key}.{n}") })
        })
        .collect()
}

/// The hash of each actor's, source's and place's id, by position: what a
/// reference digests as under [`Scheme::Fields`] (the same as the id's own
/// string field would), worked out once rather than at every reference.
#[derive(Default)]
struct RefIds {
    actors: Vec<u64>,
    sources: Vec<u64>,
    places: Vec<u64>,
}

impl RefIds {
    fn of(s: &Situation) -> RefIds {
        RefIds {
            actors: s.actors.iter().map(|a| xxh3_64(a.id.as_bytes())).collect(),
            sources: s.sources.iter().map(|x| xxh3_64(x.id.as_bytes())).collect(),
            places: s.places.iter().map(|p| xxh3_64(p.id.as_bytes())).collect(),
        }
    }
}

/// One item's content as its scheme writes it, in a reused buffer hashed
/// in one call when the item is done.
struct Feed<'a> {
    buffer: Vec<u8>,
    scheme: Scheme,
    ids: &'a RefIds,
}

impl<'a> Feed<'a> {
    fn new(scheme: Scheme, ids: &'a RefIds) -> Feed<'a> {
        Feed {
            buffer: Vec::with_capacity(256),
            scheme,
            ids,
        }
    }

    /// The digest of what was fed since the last call; the buffer is
    /// emptied for the next item.
    fn finish(&mut self) -> Digest {
        let digest = xxh3_64(&self.buffer);
        self.buffer.clear();
        digest
    }

    fn bytes(&mut self, bytes: &[u8]) {
        self.buffer.extend_from_slice(bytes);
    }

    fn u64(&mut self, n: u64) {
        self.bytes(&n.to_le_bytes());
    }

    fn str(&mut self, text: &str) {
        match self.scheme {
            Scheme::Bytes => {
                self.u64(text.len() as u64);
                self.bytes(text.as_bytes());
            }
            Scheme::Fields => self.u64(xxh3_64(text.as_bytes())),
        }
    }

    /// A reference, by the id it names: `known` is the id's hash when the
    /// scheme has worked it out. The id itself is only read when it is not
    /// known: reading it means a visit to the item it names, somewhere else
    /// in memory.
    fn id<'s>(&mut self, id: impl FnOnce() -> &'s str, known: Option<&u64>) {
        match (self.scheme, known) {
            (Scheme::Fields, Some(&hash)) => self.u64(hash),
            _ => self.str(id()),
        }
    }

    fn actor(&mut self, s: &Situation, a: ActorIx) {
        self.id(|| &s.actors[a].id, self.ids.actors.get(a.get()));
    }

    fn source(&mut self, s: &Situation, i: SourceIx) {
        self.id(|| &s.sources[i].id, self.ids.sources.get(i.get()));
    }

    fn opt_str(&mut self, text: Option<&str>) {
        self.flag(text.is_some());
        if let Some(text) = text {
            self.str(text);
        }
    }

    fn flag(&mut self, on: bool) {
        self.buffer.push(u8::from(on));
    }

    fn strs(&mut self, list: &[impl AsRef<str>]) {
        self.u64(list.len() as u64);
        for text in list {
            self.str(text.as_ref());
        }
    }

    fn date(&mut self, date: FuzzyDate) {
        // The span and how it was written: "2024-09" and "late 2024-09"
        // differ, "2024-09-21" and 2024-09-21 (a TOML date) do not.
        self.u64(date.start().num_days_from_ce() as u64);
        self.u64(date.end().num_days_from_ce() as u64);
        self.u64(date.precision() as u64);
        self.flag(date.is_approximate());
    }

    fn opt_date(&mut self, date: Option<FuzzyDate>) {
        self.flag(date.is_some());
        if let Some(date) = date {
            self.date(date);
        }
    }

    /// The value, not how it was written: `41_000` is `41000` is
    /// `41000.0`, and `18.50` is `18.5`. An integer too large for a float
    /// to hold exactly is digested as the integer, so a change in its last
    /// digits still shows.
    fn number(&mut self, n: Number) {
        match n.exact {
            Some(exact) if exact as f64 as i64 != exact || exact.unsigned_abs() > 1 << 53 => {
                self.buffer.push(1);
                self.bytes(&exact.to_le_bytes());
            }
            _ => {
                // -0.0 and 0.0 are the same figure.
                let value = if n.value == 0.0 { 0.0 } else { n.value };
                self.buffer.push(0);
                self.u64(value.to_bits());
            }
        }
    }

    fn actors(&mut self, s: &Situation, list: &[ActorIx]) {
        self.u64(list.len() as u64);
        for &a in list {
            self.actor(s, a);
        }
    }

    fn place(&mut self, s: &Situation, place: Option<PlaceIx>) {
        self.flag(place.is_some());
        if let Some(p) = place {
            self.id(|| &s.places[p].id, self.ids.places.get(p.get()));
        }
    }

    fn sources(&mut self, s: &Situation, list: &[SourceIx]) {
        self.u64(list.len() as u64);
        for &i in list {
            self.source(s, i);
        }
    }
}

fn event(f: &mut Feed, s: &Situation, e: &Event) -> Digest {
    f.str(&e.id);
    f.date(e.date);
    f.opt_date(e.end);
    f.str(&e.title);
    f.opt_str(e.summary.as_deref());
    f.actors(s, &e.actors);
    f.opt_str(e.location.as_deref());
    f.place(s, e.place);
    f.opt_str(e.category.as_deref());
    f.strs(&e.tags);
    f.sources(s, &e.sources);
    f.finish()
}

fn metric(f: &mut Feed, s: &Situation, m: &Metric) -> Digest {
    f.str(&m.id);
    f.str(&m.label);
    f.opt_str(m.unit.as_deref());
    f.actors(s, &m.actors);
    f.flag(m.target.is_some());
    if let Some(target) = m.target {
        f.number(target);
    }
    f.opt_str(m.note.as_deref());
    match &m.kind {
        MetricKind::Observed(points) => {
            f.u64(0);
            // The loader sorts observations by date, so writing them in
            // another order changes nothing here.
            f.u64(points.len() as u64);
            for o in points {
                f.opt_date(o.date);
                f.number(o.value);
                f.u64(o.qualifier as u64);
                f.flag(o.source.is_some());
                if let Some(source) = o.source {
                    f.source(s, source);
                }
            }
        }
        MetricKind::Since(e) => {
            f.u64(1);
            f.str(&s.events[*e].id);
        }
        MetricKind::Until(e) => {
            f.u64(2);
            f.str(&s.events[*e].id);
        }
    }
    f.finish()
}

fn quote(f: &mut Feed, s: &Situation, q: &Quote) -> Digest {
    f.opt_str(q.id.as_deref());
    f.actor(s, q.speaker);
    f.str(&q.text);
    f.opt_date(q.date);
    f.opt_str(q.context.as_deref());
    f.actors(s, &q.about);
    f.flag(q.event.is_some());
    if let Some(e) = q.event {
        f.str(&s.events[e].id);
    }
    f.place(s, q.place);
    f.sources(s, &q.sources);
    f.finish()
}

fn actor(f: &mut Feed, s: &Situation, a: &Actor) -> Digest {
    f.str(&a.id);
    f.str(&a.name);
    f.str(a.kind.as_str());
    f.opt_str(a.role.as_deref());
    f.flag(a.part_of.is_some());
    if let Some(p) = a.part_of {
        f.actor(s, p);
    }
    f.strs(&a.aliases);
    f.strs(&a.tags);
    f.finish()
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;
    use crate::load::load_str;

    const FILE: &str = r#"
[situation]
title = "Flood"
as_of = 2024-09-21

[[sources]]
id = "wire"
title = "Wire"

[[sources]]
id = "radio"
title = "Radio"

[[actors]]
id = "gov"
name = "Government"
kind = "government"

[[actors]]
id = "team"
name = "North team"
kind = "force"
part_of = "gov"
aliases = ["NT"]

[[events]]
id = "rain"
date = "late 2024-08"
title = "Heavy rain begins"
actors = ["gov", "team"]
sources = ["wire"]

[[events]]
id = "breach"
date = 2024-09-12
title = "Levee breach"
summary = "The levee gives way."
sources = ["wire", "radio"]

[[metrics]]
id = "displaced"
label = "People displaced"
unit = "people"
points = [
  { date = 2024-09-12, value = 30000, source = "wire" },
  { date = 2024-09-18, value = 41000, qualifier = "more-than", source = "radio" },
]

[[metrics]]
id = "days"
label = "Days since the breach"
since = "breach"

[[quotes]]
speaker = "gov"
text = "We are doing all we can."
sources = ["wire"]

[[quotes]]
id = "team-says"
speaker = "team"
text = "The road is cut."
date = 2024-09-13
sources = ["radio"]
"#;

    /// The same content: sections and items in another order, points in
    /// another order and as a table array, numbers with separators, a date
    /// as a string, literal strings, a multi-line string for the summary.
    const REORDERED: &str = r#"
[[quotes]]
id = 'team-says'
text = 'The road is cut.'
speaker = "team"
sources = ["radio"]
date = "2024-09-13"

[[quotes]]
text = "We are doing all we can."
speaker = "gov"
sources = ["wire"]

[[metrics]]
id = "days"
since = "breach"
label = "Days since the breach"

[[metrics]]
id = "displaced"
label = "People displaced"
unit = "people"

[[metrics.points]]
date = 2024-09-18
value = 41_000
qualifier = "more-than"
source = "radio"

[[metrics.points]]
date = "2024-09-12"
value = 30_000
source = "wire"

[[events]]
id = "breach"
title = "Levee breach"
date = "2024-09-12"
summary = """
The levee gives way."""
sources = ["wire", "radio"]

[[events]]
title = "Heavy rain begins"
id = "rain"
date = "late 2024-08"
actors = ["gov", "team"]
sources = ["wire"]

[[actors]]
id = "team"
kind = "force"
name = "North team"
aliases = ["NT"]
part_of = "gov"

[[actors]]
id = "gov"
name = "Government"
kind = "government"

[[sources]]
id = "radio"
title = "Radio"

[[sources]]
id = "wire"
title = "Wire"

[situation]
as_of = 2024-09-21
title = "Flood"
"#;

    const SCHEMES: [Scheme; 2] = [Scheme::Bytes, Scheme::Fields];

    /// Every item's digest by section and key.
    fn keyed(text: &str) -> HashMap<(char, String), Digest> {
        keyed_as(text, Scheme::CURRENT)
    }

    fn keyed_as(text: &str, scheme: Scheme) -> HashMap<(char, String), Digest> {
        let s = load_str(text).situation.expect("the test file loads");
        let digests = Digests::of_scheme(&s, scheme);
        let mut out = HashMap::new();
        for section in Section::ALL {
            for (i, &d) in digests.section(section).iter().enumerate() {
                out.insert((section.tag(), digests.key(&s, section, i).to_string()), d);
            }
        }
        out
    }

    /// The keys whose digest differs between two texts (present in both),
    /// the same in every scheme.
    fn changed(old: &str, new: &str) -> Vec<String> {
        let each = SCHEMES.map(|scheme| changed_as(old, new, scheme));
        assert_eq!(each[0], each[1]);
        each[0].clone()
    }

    fn changed_as(old: &str, new: &str, scheme: Scheme) -> Vec<String> {
        let (old, new) = (keyed_as(old, scheme), keyed_as(new, scheme));
        let mut keys: Vec<String> = new
            .iter()
            .filter(|(k, d)| old.get(*k).is_some_and(|o| o != *d))
            .map(|(k, _)| format!("{}:{}", k.0, k.1))
            .collect();
        keys.sort();
        keys
    }

    #[test]
    fn reordering_and_reformatting_change_no_digest() {
        for scheme in SCHEMES {
            let (a, b) = (keyed_as(FILE, scheme), keyed_as(REORDERED, scheme));
            assert_eq!(a.len(), 8);
            assert_eq!(a, b);
        }
    }

    #[test]
    fn changing_a_value_changes_that_items_digest_only() {
        let edit = |from: &str, to: &str| {
            assert!(FILE.contains(from), "{from}");
            changed(FILE, &FILE.replacen(from, to, 1))
        };
        assert_eq!(edit("value = 41000", "value = 42000"), ["m:displaced"]);
        assert_eq!(
            edit("qualifier = \"more-than\"", "qualifier = \"about\""),
            ["m:displaced"]
        );
        assert_eq!(
            edit("date = 2024-09-12\ntitle", "date = 2024-09-13\ntitle"),
            ["e:breach"]
        );
        assert_eq!(edit("\"late 2024-08\"", "\"2024-08\""), ["e:rain"]);
        assert_eq!(edit("Levee breach", "Levee breach!"), ["e:breach"]);
        assert_eq!(
            edit("actors = [\"gov\", \"team\"]", "actors = [\"gov\"]"),
            ["e:rain"]
        );
        assert_eq!(
            edit("The road is cut.", "The road is open."),
            ["q:team-says"]
        );
        assert_eq!(edit("aliases = [\"NT\"]", "aliases = [\"N\"]"), ["a:team"]);
        assert_eq!(edit("since = \"breach\"", "since = \"rain\""), ["m:days"]);
        // Beyond 2^53 a float cannot tell these apart; the integers can.
        let big = FILE.replacen("value = 30000", "value = 9007199254740992", 1);
        assert_eq!(
            changed(
                &big,
                &big.replacen("9007199254740992", "9007199254740993", 1)
            ),
            ["m:displaced"]
        );
        assert_eq!(
            edit("value = 30000", "value = 30000.0"),
            Vec::<String>::new()
        );
        // A day count reads its number off `as_of`, not its own content.
        assert_eq!(
            edit("as_of = 2024-09-21", "as_of = 2024-09-22"),
            Vec::<String>::new()
        );
    }

    #[test]
    fn a_quote_without_id_is_known_by_speaker_and_words() {
        let (old, new) = (
            keyed(FILE),
            keyed(&FILE.replace("We are doing all we can.", "We are doing more.")),
        );
        let unnamed = |m: &HashMap<(char, String), Digest>| {
            m.keys()
                .filter(|(t, k)| *t == 'q' && k.starts_with("~gov:"))
                .cloned()
                .collect::<Vec<_>>()
        };
        assert_eq!(unnamed(&old).len(), 1);
        assert_eq!(unnamed(&new).len(), 1);
        assert_ne!(unnamed(&old), unnamed(&new));
    }

    #[test]
    fn the_same_words_twice_get_two_keys() {
        let text = FILE.replace(
            "[[quotes]]\nid = \"team-says\"",
            "[[quotes]]\nspeaker = \"gov\"\ntext = \"We are doing all we can.\"\nsources = [\"radio\"]\n\n[[quotes]]\nid = \"team-says\"",
        );
        let s = load_str(&text).situation.expect("the test file loads");
        let digests = Digests::of(&s);
        let keys: Vec<&str> = (0..s.quotes.len())
            .map(|q| digests.key(&s, Section::Quotes, q))
            .collect();
        assert_eq!(keys.len(), 3);
        assert!(keys[0].starts_with("~gov:"), "{keys:?}");
        assert_eq!(keys[1], format!("{}.2", keys[0]));
        assert_eq!(keys[2], "team-says");
    }

    #[test]
    fn events_digested_in_two_halves_keep_their_order() {
        let s = load_str(FILE).situation.expect("the test file loads");
        let whole = Digests::in_parallel_from(&s, Scheme::CURRENT, usize::MAX);
        assert_eq!(s.events.len(), 2);
        assert_ne!(whole.events[0], whole.events[1]);
        assert_eq!(Digests::in_parallel_from(&s, Scheme::CURRENT, 2), whole);
    }

    #[test]
    fn digests_do_not_depend_on_the_build() {
        // XXH3-64 of the empty input, from the algorithm's specification:
        // a record written by one build must read the same in the next.
        assert_eq!(
            Feed::new(Scheme::CURRENT, &RefIds::default()).finish(),
            0x2d06_8005_38d3_94c2
        );
        // Digests as records of each version hold them: those of version 2
        // as its builds wrote them.
        let pins: [(Scheme, [Digest; 3]); 2] = [
            (
                Scheme::Bytes,
                [
                    0xdace_9c46_26c0_b6a1,
                    0x2da5_8a67_6f33_7046,
                    0x83f2_b36d_3d9c_5d8b,
                ],
            ),
            (
                Scheme::Fields,
                [
                    0x08e0_17d2_d548_c2ee,
                    0x6183_8379_c518_90b7,
                    0x6065_ed7e_2501_2f0f,
                ],
            ),
        ];
        for (scheme, [breach, displaced, team]) in pins {
            let digests = keyed_as(FILE, scheme);
            let of = |tag: char, key: &str| digests[&(tag, key.to_string())];
            assert_eq!(
                [of('e', "breach"), of('m', "displaced"), of('a', "team")],
                [breach, displaced, team],
                "{scheme:?}"
            );
        }
        // Unnamed quotes are known by a key of the same scheme.
        assert!(keyed_as(FILE, Scheme::Bytes).contains_key(&('q', "~gov:539aeb56efe601c3".into())));
    }
}
