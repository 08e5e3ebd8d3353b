//! The seen-state record: per situation file, what the reader has seen of
//! it (each item's key and digest, and since when), so that the next look
//! can mark what is new and what changed.
//!
//! One record per file, named after its canonical path, in
//! `$XDG_STATE_HOME/sitrep/` (else `~/.local/state/sitrep/`): never in or
//! beside the data file, which is never written. A record is written whole
//! to a temporary file in the same directory and renamed over the old one,
//! so a crash leaves the old record or the new one, never half of one.
//!
//! The format is lines of tab-separated fields (tabs drawn `→` below), so that reading 100,000
//! items costs a few milliseconds:
//!
//! ```text
//! sitrep seen 3
//! file  →  /home/ama/floods/situation.toml
//! seen  →  2026-11-28T09:12:03Z
//! e  →  breach  →  9c1d…(16 hex)  →  2026-11-20  →  date=3–5 Sep 2024  →  title=Levee breach  →  actors=Government
//! m  →  displaced  →  41a0…  →  2026-11-28  →  label=People displaced  →  figure=41,000+ people  →  observation 20 Sep 2024 (ocha)=41,000+
//! ```
//!
//! An item line: section tag, key, digest, the day this version of the item
//! was first seen, and what it showed, field by field ([`Shown`]), so that a
//! changed item can say what it was and a removed one what it had been.
//! Version 3 changed how digests are made (see [`Scheme`]): a record of
//! version 2 still compares, by digests made its way, and one of version 1
//! (one unnamed field: an event's date, a figure's value) still reads.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, Utc};

use crate::changes::Catalog;
use crate::digest::{Digest, Digests, Scheme, Section};
use crate::figures;
use crate::model::Situation;
use crate::sanitize::clean_line;

const HEADER: &str = "sitrep seen 3";
/// The version before digests were made of each field's hash: its lines
/// read as this version's.
const HEADER_V2: &str = "sitrep seen 2";
/// The first version, whose item lines end in one unnamed field.
const HEADER_V1: &str = "sitrep seen 1";

/// Columns a field's value keeps: enough to tell what changed, and a
/// megabyte-long quote makes a line of the record, not a megabyte.
const SHOWN_MAX: usize = 200;

/// A record larger than this is not one of ours: refused unread.
const MAX_BYTES: u64 = 512 << 20;

/// One item as it was seen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SeenItem<'a> {
    pub section: Section,
    pub key: &'a str,
    pub digest: Digest,
    /// The day this version of the item was first seen.
    pub since: NaiveDate,
    /// What it showed, field by field, as the record keeps it
    /// (`name=value` fields joined by tabs): read into a [`Shown`] only for
    /// the few items that changed or went.
    pub shown_text: &'a str,
}

impl SeenItem<'_> {
    /// What it showed, field by field.
    pub fn shown(&self) -> Shown {
        Shown::parse(self.shown_text)
    }
}

/// An item of a [`Record`]: its key and shown fields are ranges of the
/// record's one text buffer, so reading 100,000 items allocates nothing per
/// item.
#[derive(Clone, Debug)]
struct Entry {
    section: Section,
    digest: Digest,
    since: NaiveDate,
    /// Where the key starts in the text; the shown fields follow it.
    start: u32,
    key_len: u32,
    shown_len: u32,
}

/// What an item showed a reader, as (field, value) pairs, each value on one
/// line: an event's date, title and actors; a figure's label, value and
/// each observation; a quote's speaker and words; an actor's name, kind and
/// role. The fields a changed item's detail compares, and what a removed
/// item is listed by.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Shown(pub Vec<(String, String)>);

impl Shown {
    /// As the record keeps it: `name=value` fields joined by tabs (each
    /// made one line and the name free of `=` by [`shown`]).
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        for (i, (name, value)) in self.0.iter().enumerate() {
            if i > 0 {
                out.push('\t');
            }
            out.push_str(name);
            out.push('=');
            out.push_str(value);
        }
        out
    }

    /// Reads [`Shown::to_text`]'s form back (a field without `=` is
    /// skipped).
    pub fn parse(text: &str) -> Shown {
        Shown(
            text.split('\t')
                .filter_map(|f| f.split_once('='))
                .map(|(n, v)| (n.to_string(), v.to_string()))
                .collect(),
        )
    }

    pub fn get(&self, field: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(name, _)| name == field)
            .map(|(_, value)| value.as_str())
    }

    /// The fields whose values differ between `self` (before) and `now`,
    /// in the order `now` lists them, then those only `self` had: (field,
    /// before, now), `None` for a field one side lacks.
    pub fn changes<'a>(
        &'a self,
        now: &'a Shown,
    ) -> Vec<(&'a str, Option<&'a str>, Option<&'a str>)> {
        let mut out = Vec::new();
        for (name, value) in &now.0 {
            let before = self.get(name);
            if before != Some(value.as_str()) {
                out.push((name.as_str(), before, Some(value.as_str())));
            }
        }
        for (name, value) in &self.0 {
            if now.get(name).is_none() {
                out.push((name.as_str(), Some(value.as_str()), None));
            }
        }
        out
    }

    /// What the item is called: an event's title, a figure's label, a
    /// quote's words, an actor's name.
    pub fn label(&self) -> Option<&str> {
        ["title", "label", "text", "name"]
            .into_iter()
            .find_map(|field| self.get(field))
    }

    /// What a reader needs beside the label: an event's date, a figure's
    /// value, a quote's speaker, an actor's kind.
    pub fn what(&self) -> Option<&str> {
        ["date", "figure", "speaker", "kind"]
            .into_iter()
            .find_map(|field| self.get(field))
    }
}

/// What was seen of one file, and when.
#[derive(Clone, Debug)]
pub struct Record {
    /// The file's canonical path, as text.
    pub file: String,
    /// When the reader last closed the file.
    pub seen: DateTime<Utc>,
    /// How its digests were made.
    pub scheme: Scheme,
    entries: Vec<Entry>,
    /// Every item's key and shown fields, back to back.
    text: String,
}

/// Two records are equal when they say the same, however their text is
/// laid out.
impl PartialEq for Record {
    fn eq(&self, other: &Record) -> bool {
        self.file == other.file
            && self.seen == other.seen
            && self.scheme == other.scheme
            && self.items().eq(other.items())
    }
}

impl Eq for Record {}

impl Record {
    fn empty(
        file: String,
        seen: DateTime<Utc>,
        scheme: Scheme,
        items: usize,
        text: usize,
    ) -> Record {
        Record {
            file,
            seen,
            scheme,
            entries: Vec::with_capacity(items),
            text: String::with_capacity(text),
        }
    }

    /// Adds an item; `shown` writes its shown fields after the key.
    fn push(
        &mut self,
        section: Section,
        key: &str,
        digest: Digest,
        since: NaiveDate,
        shown: impl FnOnce(&mut String),
    ) {
        let start = self.text.len();
        self.text.push_str(key);
        let shown_start = self.text.len();
        shown(&mut self.text);
        // A record over 4 GiB is refused when read (see `MAX_BYTES`); one
        // made in memory that large keeps what fits.
        let fit = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        self.entries.push(Entry {
            section,
            digest,
            since,
            start: fit(start),
            key_len: fit(shown_start - start),
            shown_len: fit(self.text.len() - shown_start),
        });
    }

    fn item<'a>(&'a self, e: &Entry) -> SeenItem<'a> {
        let start = e.start as usize;
        let shown = start + e.key_len as usize;
        SeenItem {
            section: e.section,
            key: self.text.get(start..shown).unwrap_or_default(),
            digest: e.digest,
            since: e.since,
            shown_text: self
                .text
                .get(shown..shown + e.shown_len as usize)
                .unwrap_or_default(),
        }
    }

    /// Every item, in record order.
    pub fn items(&self) -> impl Iterator<Item = SeenItem<'_>> {
        self.entries.iter().map(|e| self.item(e))
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The situation as shown now, seen at `now`, with its digests.
    /// Items unchanged since `earlier` keep the day they were first seen
    /// (compared by digests made as `earlier` made them).
    pub fn of(
        s: &Situation,
        digests: &Digests,
        file: &str,
        now: DateTime<Utc>,
        earlier: Option<&Record>,
    ) -> Record {
        let today = now.date_naive();
        let made_then = earlier
            .filter(|r| r.scheme != digests.scheme)
            .map(|r| Digests::of_scheme(s, r.scheme));
        let then = made_then.as_ref().unwrap_or(digests);
        // Each item's match in the earlier record, by the walk in step a
        // comparison makes (a record keeps the file's order).
        let (before, now_then) = match earlier {
            Some(r) => (r.catalog(), Catalog::of(s, then)),
            None => (Catalog::default(), Catalog::default()),
        };
        let items = Section::ALL.iter().map(|&section| section.len(s)).sum();
        let mut record = Record::empty(file.to_string(), now, digests.scheme, items, items * 64);
        for section in Section::ALL {
            let (old, new) = (before.section(section), now_then.section(section));
            let matched = crate::changes::matches(old, new);
            let since_then: Vec<NaiveDate> = match earlier {
                Some(r) => r.section(section).map(|i| i.since).collect(),
                None => Vec::new(),
            };
            for (i, &digest) in digests.section(section).iter().enumerate() {
                let key = digests.key(s, section, i);
                let since = match matched.get(i).copied().flatten() {
                    Some(o) if old[o].1 == new[i].1 => since_then[o],
                    _ => today,
                };
                record.push(section, key, digest, since, |text| {
                    write_shown(s, section, i, text)
                });
            }
        }
        record
    }

    /// Keys and digests, for [`crate::changes::Changes::between`].
    pub fn catalog(&self) -> Catalog<'_> {
        let mut catalog = Catalog::default();
        for item in self.items() {
            catalog.push(item.section, item.key.into(), item.digest);
        }
        catalog
    }

    /// The items of one section, in record order (the positions a
    /// comparison with [`Record::catalog`] reports).
    pub fn section(&self, section: Section) -> impl Iterator<Item = SeenItem<'_>> {
        self.entries
            .iter()
            .filter(move |e| e.section == section)
            .map(|e| self.item(e))
    }

    pub fn to_text(&self) -> String {
        let mut out = Vec::with_capacity(64 + self.text.len() + self.entries.len() * 32);
        // Writing to memory does not fail.
        let _ = self.write_to(&mut out);
        // Only `str`s and ASCII are written.
        String::from_utf8(out).unwrap_or_default()
    }

    /// The record's text, written to `out` line by line (a large record is
    /// never held twice).
    fn write_to(&self, out: &mut impl std::io::Write) -> std::io::Result<()> {
        let header = match self.scheme {
            Scheme::Bytes => HEADER_V2,
            Scheme::Fields => HEADER,
        };
        writeln!(out, "{header}")?;
        writeln!(out, "file\t{}", one_field(&self.file))?;
        writeln!(out, "seen\t{}", self.seen.format("%Y-%m-%dT%H:%M:%SZ"))?;
        let mut line = String::with_capacity(256);
        for item in self.items() {
            line.clear();
            line.push(item.section.tag());
            line.push('\t');
            line.push_str(item.key);
            let _ = write!(line, "\t{:016x}\t", item.digest);
            push_day(&mut line, item.since);
            if !item.shown_text.is_empty() {
                line.push('\t');
                line.push_str(item.shown_text);
            }
            line.push('\n');
            out.write_all(line.as_bytes())?;
        }
        Ok(())
    }

    /// Reads a record back; the error says what is wrong, in a few words.
    pub fn parse(text: &str) -> Result<Record, String> {
        let mut lines = lines(text);
        let (v1, scheme) = match lines.next() {
            Some(HEADER) => (false, Scheme::Fields),
            Some(HEADER_V2) => (false, Scheme::Bytes),
            Some(HEADER_V1) => (true, Scheme::Bytes),
            _ => return Err("not a sitrep seen-state record".into()),
        };
        let field = |line: Option<&str>, name: &str| -> Result<String, String> {
            line.and_then(|l| l.strip_prefix(name))
                .and_then(|l| l.strip_prefix('\t'))
                .map(str::to_string)
                .ok_or_else(|| format!("no `{name}` line"))
        };
        let file = field(lines.next(), "file")?;
        let seen = field(lines.next(), "seen")?;
        let seen = DateTime::parse_from_rfc3339(&seen)
            .map_err(|_| format!("`seen` is not a time: {}", clean_line(&seen)))?
            .with_timezone(&Utc);
        let items = memchr::memchr_iter(b'\n', text.as_bytes()).count();
        let mut record = Record::empty(file, seen, scheme, items, text.len());
        for (n, line) in lines.enumerate() {
            let bad = || format!("line {} is damaged", n + 4);
            let mut parts = Tabbed(Some(line));
            let mut next = || parts.next().ok_or_else(bad);
            let section = Section::from_tag(next()?).ok_or_else(bad)?;
            let key = next()?;
            let digest = u64::from_str_radix(next()?, 16).map_err(|_| bad())?;
            let since = day(next()?).ok_or_else(bad)?;
            let rest = parts.0;
            if key.is_empty() {
                return Err(bad());
            }
            match rest {
                None => record.push(section, key, digest, since, |_| {}),
                // Version 1 kept one field: an event's date, a figure's value.
                Some(value) if v1 && !value.is_empty() => {
                    let field = match section {
                        Section::Metrics => "figure",
                        _ => "date",
                    };
                    record.push(section, key, digest, since, |text| {
                        text.push_str(field);
                        text.push('=');
                        text.push_str(&value.replace('\t', " "));
                    });
                }
                Some(_) if v1 => record.push(section, key, digest, since, |_| {}),
                // Checked here, read when needed: a field without `=` is
                // a damaged (cut short) line.
                Some(fields) if every_field_named(fields) => {
                    record.push(section, key, digest, since, |text| text.push_str(fields));
                }
                Some(_) => return Err(bad()),
            }
        }
        Ok(record)
    }
}

/// The lines of `text`, as [`str::lines`] cuts them (a `\r` before a
/// `\n` dropped), found with the `memchr` crate's search: most of the time
/// of reading a record went into finding line ends and tabs.
fn lines(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(text);
    std::iter::from_fn(move || {
        let r = rest.filter(|r| !r.is_empty())?;
        match memchr::memchr(b'\n', r.as_bytes()) {
            Some(at) => {
                rest = Some(&r[at + 1..]);
                let line = &r[..at];
                Some(line.strip_suffix('\r').unwrap_or(line))
            }
            None => {
                rest = None;
                Some(r)
            }
        }
    })
}

/// A line's tab-separated fields, taken one at a time; what is left once
/// the caller has taken those it reads one by one is the rest of the line
/// (`None` when the line ended with the last field taken).
struct Tabbed<'a>(Option<&'a str>);

impl<'a> Tabbed<'a> {
    fn next(&mut self) -> Option<&'a str> {
        let r = self.0?;
        match memchr::memchr(b'\t', r.as_bytes()) {
            Some(at) => {
                self.0 = Some(&r[at + 1..]);
                Some(&r[..at])
            }
            None => {
                self.0 = None;
                Some(r)
            }
        }
    }
}

/// "2026-11-28": the record's own form of a day, read without a format
/// string (a general date parser costs more than the rest of a line).
fn day(text: &str) -> Option<NaiveDate> {
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let number = |range: std::ops::Range<usize>| {
        b[range].iter().try_fold(0u32, |n, &d| {
            d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0'))
        })
    };
    let year = i32::try_from(number(0..4)?).ok()?;
    NaiveDate::from_ymd_opt(year, number(5..7)?, number(8..10)?)
}

/// "2026-11-28", as [`day`] reads it back (a format string costs more than
/// the rest of a line).
fn push_day(out: &mut String, date: NaiveDate) {
    use chrono::Datelike;
    let _ = write!(
        out,
        "{:04}-{:02}-{:02}",
        date.year(),
        date.month(),
        date.day()
    );
}

/// True when each tab-separated field has a `=` between its name and
/// value (names never hold one; values may).
fn every_field_named(fields: &str) -> bool {
    let b = fields.as_bytes();
    let mut at = 0;
    loop {
        match memchr::memchr2(b'=', b'\t', &b[at..]) {
            Some(i) if b[at + i] == b'=' => match memchr::memchr(b'\t', &b[at + i..]) {
                Some(tab) => at += i + tab + 1,
                None => return true,
            },
            _ => return false,
        }
    }
}

/// Text made safe for one tab-separated field: on one line, no tabs.
fn one_field(text: &str) -> String {
    clean_line(text).replace('\t', " ")
}

/// What the item at `i` of a section shows a reader, field by field (see
/// [`Shown`]).
pub fn shown(s: &Situation, section: Section, i: usize) -> Shown {
    let mut text = String::new();
    write_shown(s, section, i, &mut text);
    Shown::parse(&text)
}

/// [`shown`] as the record keeps it, written at the end of `out`: what a
/// record of every item is made of, so nothing is allocated for a field
/// that needs no cleaning.
fn write_shown(s: &Situation, section: Section, i: usize, out: &mut String) {
    let mut fields = Fields { out, any: false };
    match section {
        Section::Events => {
            let e = &s.events[i];
            fields.push("date", &e.date_label());
            fields.push("title", &e.title);
            if !e.actors.is_empty() {
                let mut names = String::new();
                for (n, &a) in e.actors.iter().enumerate() {
                    if n > 0 {
                        names.push_str(", ");
                    }
                    names.push_str(&s.actors[a].name);
                }
                fields.push("actors", &names);
            }
        }
        Section::Metrics => {
            let m = &s.metrics[i];
            fields.push("label", &m.label);
            fields.push("figure", &figures::figure(s, m).display_with_unit());
            if let crate::model::MetricKind::Observed(points) = &m.kind {
                let percent = figures::is_percent(m.unit.as_deref());
                for p in points {
                    let date = p
                        .date
                        .map_or_else(|| "undated".to_string(), |d| d.to_string());
                    let name = match p.source {
                        Some(src) => format!("observation {date} ({})", s.sources[src].id),
                        None => format!("observation {date}"),
                    };
                    fields.push(&name, &figures::format_value(p.value, p.qualifier, percent));
                }
            }
        }
        Section::Quotes => {
            let q = &s.quotes[crate::model::QuoteIx::new(i)];
            fields.push("speaker", &s.actors[q.speaker].name);
            fields.push("text", q.text.trim());
        }
        Section::Actors => {
            let a = &s.actors[i];
            fields.push("name", &a.name);
            fields.push("kind", a.kind.as_str());
            if let Some(role) = &a.role {
                fields.push("role", role);
            }
        }
    }
}

/// `name=value` fields joined by tabs, each on one line and cut to
/// [`SHOWN_MAX`] columns, the name free of `=`: so that what is on screen
/// compares equal to what was recorded of it.
struct Fields<'a> {
    out: &'a mut String,
    any: bool,
}

impl Fields<'_> {
    fn push(&mut self, name: &str, value: &str) {
        if std::mem::replace(&mut self.any, true) {
            self.out.push('\t');
        }
        let name = clean_line(name);
        if name.contains('=') {
            self.out.push_str(&name.replace('=', "-"));
        } else {
            self.out.push_str(&name);
        }
        self.out.push('=');
        // Plain ASCII is a column a byte and needs no cleaning.
        if value.len() <= SHOWN_MAX && crate::sanitize::is_plain(value.as_bytes()) {
            self.out.push_str(value);
            return;
        }
        let value = clean_line(value);
        if crate::text::width(&value) <= SHOWN_MAX {
            self.out.push_str(&value);
        } else {
            self.out.push_str(&crate::text::fit(&value, SHOWN_MAX));
        }
    }
}

/// Where records live: `$XDG_STATE_HOME/sitrep`, else
/// `~/.local/state/sitrep`; `None` when neither can be known.
pub fn state_dir() -> Option<PathBuf> {
    use etcetera::BaseStrategy;
    let base = etcetera::choose_base_strategy().ok()?;
    // XDG on every Unix, macOS too; Windows has no state directory of its
    // own and gets the local data one.
    Some(
        base.state_dir()
            .unwrap_or_else(|| base.data_dir())
            .join("sitrep"),
    )
}

/// The record of the file at `canonical` (already canonicalized): its name
/// for a reader, and a digest of the whole path so two files of one name
/// in different folders do not share one.
pub fn record_path(dir: &Path, canonical: &Path) -> PathBuf {
    let text = canonical.to_string_lossy();
    let stem: String = canonical
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .take(40)
        .collect();
    let digest = xxhash_rust::xxh3::xxh3_64(text.as_bytes());
    dir.join(format!("{stem}-{digest:016x}.seen"))
}

/// Reads the record at `path`: `Ok(None)` when there is none yet (a first
/// look); an error for one that cannot be read or is damaged, or that is
/// another file's.
pub fn read(path: &Path, file: &str) -> Result<Option<Record>, String> {
    let bytes = match crate::read::read_file(path, MAX_BYTES) {
        Ok(bytes) => bytes,
        Err(crate::read::ReadError::Io(e)) if e.kind() == std::io::ErrorKind::NotFound => {
            return Ok(None);
        }
        Err(e) => return Err(format!("cannot read it: {e}")),
    };
    let text = String::from_utf8(bytes).map_err(|_| "it is damaged (not UTF-8)".to_string())?;
    let record = Record::parse(&text)?;
    if record.file != one_field(file) {
        return Err("it is another file's".into());
    }
    Ok(Some(record))
}

/// Writes the record atomically: a temporary file in the same directory,
/// then renamed over `path`. Refuses a directory that holds the
/// data file itself (a state directory pointed at the data's folder).
pub fn write(path: &Path, record: &Record, data_file: &Path) -> Result<(), String> {
    let dir = path
        .parent()
        .ok_or_else(|| "the record has no directory".to_string())?;
    if data_file.parent() == Some(dir) {
        return Err("the state directory is the data file's own folder".into());
    }
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot make {}: {e}", dir.display()))?;
    let mut temp = tempfile::NamedTempFile::new_in(dir)
        .map_err(|e| format!("cannot write in {}: {e}", dir.display()))?;
    // No fsync: the rename keeps the record whole against a crash of the
    // program, and a record lost with the machine is only a first look
    // again, not worth making every quit wait for the disk.
    let mut out = std::io::BufWriter::with_capacity(1 << 20, temp.as_file_mut());
    (record.write_to(&mut out).and_then(|()| out.flush()))
        .map_err(|e| format!("cannot write the record: {e}"))?;
    drop(out);
    temp.persist(path)
        .map_err(|e| format!("cannot replace the record: {}", e.error))?;
    Ok(())
}

/// "28 Nov", or "28 Nov 2025" in another year than `now`'s: when the
/// reader last looked, in their own time zone.
pub fn when(seen: DateTime<Utc>, now: DateTime<Utc>) -> String {
    use chrono::{Datelike, Local};
    let local = seen.with_timezone(&Local).date_naive();
    if local.year() == now.with_timezone(&Local).year() {
        local.format("%-d %b").to_string()
    } else {
        local.format("%-d %b %Y").to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::changes::Changes;
    use crate::load::load_str;

    const FILE: &str = r#"
[situation]
title = "Flood"
as_of = 2024-09-21

[[actors]]
id = "gov"
name = "Government"
kind = "government"

[[events]]
id = "breach"
date = 2024-09-12
title = "Levee breach"
actors = ["gov"]

[[metrics]]
id = "displaced"
label = "People displaced"
unit = "people"
value = 41000

[[quotes]]
speaker = "gov"
text = "We are doing all we can."
"#;

    fn at(day: u32) -> DateTime<Utc> {
        format!("2026-11-{day:02}T09:00:00Z").parse().unwrap()
    }

    fn record(text: &str, now: DateTime<Utc>, earlier: Option<&Record>) -> Record {
        let s = load_str(text).situation.expect("the test file loads");
        Record::of(&s, &Digests::of(&s), "/data/flood.toml", now, earlier)
    }

    #[test]
    fn a_record_reads_back_as_it_was_written() {
        let r = record(FILE, at(28), None);
        assert_eq!(r.len(), 4);
        let text = r.to_text();
        assert!(
            text.starts_with("sitrep seen 3\nfile\t/data/flood.toml\nseen\t2026-11-28T09:00:00Z\n")
        );
        assert!(text.contains("\tbreach\t"), "{text}");
        assert!(
            text.contains("\tdate=12 Sep 2024\ttitle=Levee breach\tactors=Government\n"),
            "{text}"
        );
        assert!(
            text.contains(
                "\tlabel=People displaced\tfigure=41,000 people\tobservation undated=41,000\n"
            ),
            "{text}"
        );
        assert!(
            text.contains("\tspeaker=Government\ttext=We are doing all we can.\n"),
            "{text}"
        );
        assert_eq!(Record::parse(&text), Ok(r));
    }

    /// The record of `FILE` as version 2 wrote it, seen on 20 Nov.
    const V2: &str = "sitrep seen 2\nfile\t/data/flood.toml\nseen\t2026-11-20T09:00:00Z\n\
        m\tdisplaced\tad9fe81ad42fdd78\t2026-11-20\tlabel=People displaced\tfigure=41,000 people\tobservation undated=41,000\n\
        e\tbreach\td95e063aa9a276bb\t2026-11-20\tdate=12 Sep 2024\ttitle=Levee breach\tactors=Government\n\
        q\t~gov:539aeb56efe601c3\tff2aed394e3cfbe0\t2026-11-20\tspeaker=Government\ttext=We are doing all we can.\n\
        a\tgov\t52cc017845fb1212\t2026-11-20\tname=Government\tkind=government\n";

    #[test]
    fn a_record_of_the_second_version_still_compares() {
        let v2 = Record::parse(V2).unwrap();
        assert_eq!(v2.scheme, Scheme::Bytes);
        assert_eq!(Record::parse(&v2.to_text()), Ok(v2.clone()));
        let s = load_str(FILE).situation.unwrap();
        // Nothing changed since: nothing marked, though digests are now
        // made another way.
        let now = Digests::of(&s);
        assert_eq!(now.scheme, Scheme::Fields);
        assert!(crate::marks::Marks::between(&v2, &s, &now).is_empty());
        let edited = load_str(&FILE.replace("value = 41000", "value = 42000"))
            .situation
            .unwrap();
        let marks = crate::marks::Marks::between(&v2, &edited, &Digests::of(&edited));
        assert_eq!(
            marks.mark(Section::Metrics, 0),
            Some(crate::marks::Mark::Changed)
        );
        assert_eq!(marks.count(Section::Events) + marks.removed.len(), 0);
        // Quitting writes this version's record; what did not change keeps
        // the day it was first seen.
        let next = Record::of(
            &edited,
            &Digests::of(&edited),
            "/data/flood.toml",
            at(28),
            Some(&v2),
        );
        assert!(next.to_text().starts_with("sitrep seen 3\n"));
        let since: Vec<(&str, NaiveDate)> = next.items().map(|i| (i.key, i.since)).collect();
        assert_eq!(since[0], ("displaced", at(28).date_naive()));
        assert_eq!(since[1], ("breach", at(20).date_naive()));
        assert_eq!(since[3], ("gov", at(20).date_naive()));
        assert!(since[2].0.starts_with("~gov:") && since[2].1 == at(20).date_naive());
    }

    #[test]
    fn a_record_of_the_first_version_still_reads() {
        let v1 = "sitrep seen 1\nfile\t/f\nseen\t2026-11-28T09:00:00Z\n\
                  e\tbreach\t00000000000000ff\t2026-11-20\t3 Sep 2024\n\
                  m\tdisplaced\t0000000000000001\t2026-11-20\t41,000 people\n\
                  q\tq1\t0000000000000002\t2026-11-20\t\n";
        let r = Record::parse(v1).unwrap();
        let items: Vec<SeenItem> = r.items().collect();
        assert_eq!(items[0].shown().get("date"), Some("3 Sep 2024"));
        assert_eq!(items[1].shown().get("figure"), Some("41,000 people"));
        assert_eq!(items[2].shown(), Shown::default());
    }

    #[test]
    fn what_is_kept_of_a_field_compares_equal_to_it_on_screen() {
        let text = FILE.replace("We are doing all we can.", "We are doing\\tall we can.\\n")
            + &format!(
                "\n[[quotes]]\nspeaker = \"gov\"\ntext = \"{}\"\n",
                "long ".repeat(300)
            );
        let s = load_str(&text).situation.expect("loads");
        let r = Record::of(&s, &Digests::of(&s), "/f", at(28), None);
        let back = Record::parse(&r.to_text()).unwrap();
        for (i, item) in back.section(Section::Quotes).enumerate() {
            let now = shown(&s, Section::Quotes, i);
            let was = item.shown();
            assert!(was.changes(&now).is_empty(), "{was:?}");
            assert!(was.get("text").unwrap().chars().count() <= SHOWN_MAX);
        }
    }

    #[test]
    fn unchanged_items_keep_the_day_they_were_first_seen() {
        let first = record(FILE, at(20), None);
        let edited = FILE.replace("value = 41000", "value = 42000");
        let second = record(&edited, at(28), Some(&first));
        let since = |key: &str| second.items().find(|i| i.key == key).unwrap().since;
        assert_eq!(since("breach"), at(20).date_naive());
        assert_eq!(since("displaced"), at(28).date_naive());
        // The comparison the dashboard makes on opening.
        let s = load_str(&edited).situation.unwrap();
        let digests = Digests::of(&s);
        let changes = Changes::between(&first.catalog(), &Catalog::of(&s, &digests));
        assert_eq!(changes.section(Section::Metrics).changed.len(), 1);
        assert_eq!((changes.added(), changes.removed()), (0, 0));
    }

    #[test]
    fn items_moved_in_the_file_keep_their_day_and_edited_ones_start_again() {
        let actor = |id: &str, name: &str| {
            format!("\n[[actors]]\nid = \"{id}\"\nname = \"{name}\"\nkind = \"organization\"\n")
        };
        let gov = "\n[[actors]]\nid = \"gov\"\nname = \"Government\"\nkind = \"government\"\n";
        let three = FILE.to_string() + &actor("ngo", "Relief NGO") + &actor("un", "UN agency");
        let first = record(&three, at(20), None);
        // The government moves last and the NGO is renamed.
        let moved = three
            .replacen(gov, "\n", 1)
            .replace("Relief NGO", "Relief Network")
            + gov;
        let second = record(&moved, at(28), Some(&first));
        let keys: Vec<&str> = second.section(Section::Actors).map(|i| i.key).collect();
        assert_eq!(keys, ["ngo", "un", "gov"]);
        let since = |key: &str| second.items().find(|i| i.key == key).unwrap().since;
        assert_eq!(since("gov"), at(20).date_naive());
        assert_eq!(since("un"), at(20).date_naive());
        assert_eq!(since("ngo"), at(28).date_naive());
        assert_eq!(since("breach"), at(20).date_naive());
        assert_eq!(Record::parse(&second.to_text()), Ok(second));
    }

    #[test]
    fn damaged_records_are_refused_with_a_reason() {
        let good = record(FILE, at(28), None).to_text();
        assert_eq!(
            Record::parse("hello\n").unwrap_err(),
            "not a sitrep seen-state record"
        );
        let cut = &good[..good.len() - 30];
        assert!(Record::parse(cut).unwrap_err().contains("damaged"));
        let bad_digest = good.replacen("\tbreach\t", "\tbreach\tzz", 1);
        assert_eq!(Record::parse(&bad_digest).unwrap_err(), "line 5 is damaged");
        // No such day, or not the record's own form of one.
        for since in ["2026-11-31", "2026-1-028", "26-11-2028", "2026-11-2x"] {
            let bad_day = good.replacen("\t2026-11-28\t", &format!("\t{since}\t"), 1);
            assert_eq!(Record::parse(&bad_day).unwrap_err(), "line 4 is damaged");
        }
        // A field without its name: the line was cut inside the fields.
        let unnamed = good.replacen("\ttitle=Levee breach", "\tLevee breach", 1);
        assert!(Record::parse(&unnamed).unwrap_err().contains("damaged"));
        assert!(Record::parse("sitrep seen 1\nfile\tx\n").is_err());
    }

    #[test]
    fn written_atomically_and_read_back_or_tolerated() {
        let scratch_dir = tempfile::tempdir().expect("a scratch directory");
        let dir = scratch_dir.path();
        let path = record_path(&dir.join("state"), Path::new("/data/flood.toml"));
        assert!(
            path.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("flood-")
        );
        assert_eq!(read(&path, "/data/flood.toml"), Ok(None));
        let r = record(FILE, at(28), None);
        write(&path, &r, Path::new("/data/flood.toml")).unwrap();
        assert_eq!(read(&path, "/data/flood.toml"), Ok(Some(r.clone())));
        // Nothing is left beside the record: the temporary file was renamed.
        let names: Vec<_> = std::fs::read_dir(path.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 1, "{names:?}");
        assert_eq!(
            read(&path, "/data/other.toml"),
            Err("it is another file's".into())
        );
        std::fs::write(&path, b"sitrep seen 1\n\xff\xfe").unwrap();
        assert!(
            read(&path, "/data/flood.toml")
                .unwrap_err()
                .contains("damaged")
        );
        // Never beside the data file.
        let beside = dir.join("state").join("flood.toml");
        assert!(write(&path, &r, &beside).is_err());
    }

    proptest::proptest! {
        /// Lines and fields are cut as the standard library cuts them.
        #[test]
        fn lines_and_fields_are_cut_as_str_cuts_them(text in "[a\t\r\n]{0,40}") {
            let ours: Vec<&str> = lines(&text).collect();
            let std: Vec<&str> = text.lines().collect();
            proptest::prop_assert_eq!(&ours, &std);
            for line in std {
                let mut tabbed = Tabbed(Some(line));
                let mut ours: Vec<&str> = (0..4).map_while(|_| tabbed.next()).collect();
                ours.extend(tabbed.0);
                let std: Vec<&str> = line.splitn(5, '\t').collect();
                proptest::prop_assert_eq!(ours, std);
            }
        }
    }
}
