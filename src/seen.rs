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
//! sitrep seen 1
//! file  →  /home/ama/floods/situation.toml
//! seen  →  2026-11-28T09:12:03Z
//! e  →  breach  →  9c1d…(16 hex)  →  2026-11-20  →  3–5 Sep 2024
//! m  →  displaced  →  41a0…  →  2026-11-28  →  41,000+ people
//! ```
//!
//! An item line: section tag, key, digest, the day this version of the item
//! was first seen, and what it showed (an event's date, a figure's value),
//! so that a changed item can say what it was.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, Utc};

use crate::changes::Catalog;
use crate::digest::{Digest, Digests, Section};
use crate::figures;
use crate::model::Situation;
use crate::sanitize::clean_line;

const HEADER: &str = "sitrep seen 1";

/// A record larger than this is not one of ours: refused unread.
const MAX_BYTES: u64 = 512 << 20;

/// One item as it was seen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SeenItem {
    pub section: Section,
    pub key: String,
    pub digest: Digest,
    /// The day this version of the item was first seen.
    pub since: NaiveDate,
    /// What it showed: an event's date, a figure's value; one line.
    pub shown: Option<String>,
}

/// What was seen of one file, and when.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Record {
    /// The file's canonical path, as text.
    pub file: String,
    /// When the reader last closed the file.
    pub seen: DateTime<Utc>,
    pub items: Vec<SeenItem>,
}

impl Record {
    /// The situation as shown now, seen at `now`. Items unchanged since
    /// `earlier` keep the day they were first seen.
    pub fn of(
        s: &Situation,
        digests: &Digests,
        file: &str,
        now: DateTime<Utc>,
        earlier: Option<&Record>,
    ) -> Record {
        let today = now.date_naive();
        let before: std::collections::HashMap<(Section, &str), (Digest, NaiveDate)> = earlier
            .map(|r| {
                r.items
                    .iter()
                    .map(|i| ((i.section, i.key.as_str()), (i.digest, i.since)))
                    .collect()
            })
            .unwrap_or_default();
        let mut items = Vec::new();
        for section in Section::ALL {
            for (i, &digest) in digests.section(section).iter().enumerate() {
                let key = digests.key(s, section, i);
                let since = match before.get(&(section, key)) {
                    Some(&(d, since)) if d == digest => since,
                    _ => today,
                };
                items.push(SeenItem {
                    section,
                    key: key.to_string(),
                    digest,
                    since,
                    shown: shown(s, section, i),
                });
            }
        }
        Record {
            file: file.to_string(),
            seen: now,
            items,
        }
    }

    /// Keys and digests, for [`crate::changes::Changes::between`].
    pub fn catalog(&self) -> Catalog<'_> {
        let mut catalog = Catalog::default();
        for item in &self.items {
            catalog.push(item.section, item.key.as_str().into(), item.digest);
        }
        catalog
    }

    /// The items of one section, in record order (the positions a
    /// comparison with [`Record::catalog`] reports).
    pub fn section(&self, section: Section) -> impl Iterator<Item = &SeenItem> {
        self.items.iter().filter(move |i| i.section == section)
    }

    pub fn to_text(&self) -> String {
        let mut out = String::with_capacity(64 + self.items.len() * 48);
        let _ = writeln!(out, "{HEADER}");
        let _ = writeln!(out, "file\t{}", one_field(&self.file));
        let _ = writeln!(out, "seen\t{}", self.seen.format("%Y-%m-%dT%H:%M:%SZ"));
        for item in &self.items {
            let _ = writeln!(
                out,
                "{}\t{}\t{:016x}\t{}\t{}",
                item.section.tag(),
                item.key,
                item.digest,
                item.since.format("%Y-%m-%d"),
                item.shown.as_deref().map(one_field).unwrap_or_default()
            );
        }
        out
    }

    /// Reads a record back; the error says what is wrong, in a few words.
    pub fn parse(text: &str) -> Result<Record, String> {
        let mut lines = text.lines();
        if lines.next() != Some(HEADER) {
            return Err("not a sitrep seen-state record".into());
        }
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
        let mut items = Vec::new();
        for (n, line) in lines.enumerate() {
            let bad = || format!("line {} is damaged", n + 4);
            let mut parts = line.splitn(5, '\t');
            let mut next = || parts.next().ok_or_else(bad);
            let section = Section::from_tag(next()?).ok_or_else(bad)?;
            let key = next()?.to_string();
            let digest = u64::from_str_radix(next()?, 16).map_err(|_| bad())?;
            let since = NaiveDate::parse_from_str(next()?, "%Y-%m-%d").map_err(|_| bad())?;
            let shown = next()?;
            if key.is_empty() {
                return Err(bad());
            }
            items.push(SeenItem {
                section,
                key,
                digest,
                since,
                shown: (!shown.is_empty()).then(|| shown.to_string()),
            });
        }
        Ok(Record { file, seen, items })
    }
}

/// Text made safe for one tab-separated field: on one line, no tabs.
fn one_field(text: &str) -> String {
    clean_line(text).replace('\t', " ")
}

/// What a reader would compare: an event's date, a figure's value.
fn shown(s: &Situation, section: Section, i: usize) -> Option<String> {
    match section {
        Section::Events => Some(s.events[i].date_label()),
        Section::Metrics => Some(figures::figure(s, &s.metrics[i]).display_with_unit()),
        Section::Quotes | Section::Actors => None,
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
    temp.write_all(record.to_text().as_bytes())
        .map_err(|e| format!("cannot write the record: {e}"))?;
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
        assert_eq!(r.items.len(), 4);
        let text = r.to_text();
        assert!(
            text.starts_with("sitrep seen 1\nfile\t/data/flood.toml\nseen\t2026-11-28T09:00:00Z\n")
        );
        assert!(text.contains("\tbreach\t"), "{text}");
        assert!(text.contains("\t12 Sep 2024\n"), "{text}");
        assert!(text.contains("\t41,000 people\n"), "{text}");
        assert_eq!(Record::parse(&text), Ok(r));
    }

    #[test]
    fn unchanged_items_keep_the_day_they_were_first_seen() {
        let first = record(FILE, at(20), None);
        let edited = FILE.replace("value = 41000", "value = 42000");
        let second = record(&edited, at(28), Some(&first));
        let since = |key: &str| second.items.iter().find(|i| i.key == key).unwrap().since;
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
        assert!(Record::parse("sitrep seen 1\nfile\tx\n").is_err());
    }

    #[test]
    fn written_atomically_and_read_back_or_tolerated() {
        let dir = std::env::temp_dir().join(format!("sitrep-seen-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
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
        let _ = std::fs::remove_dir_all(&dir);
    }
}
