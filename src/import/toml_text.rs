//! Writing a situation file as text, record by record, and making ids.
//!
//! Importers stream: they write each record as it comes instead of building
//! a document tree, so memory stays at about the size of the output. String
//! escaping is `toml_writer`'s (the `toml` crate's own writer).

use std::collections::HashSet;
use std::fmt::Write as _;

use toml_writer::{TomlStringBuilder, TomlWrite as _};
use unicode_normalization::UnicodeNormalization;

/// `key = "value"` and a newline.
pub fn string(out: &mut String, key: &str, value: &str) {
    out.push_str(key);
    out.push_str(" = ");
    push_string(out, value);
    out.push('\n');
}

/// `key = ["a", "b"]` and a newline; nothing for an empty list.
pub fn strings<'a>(out: &mut String, key: &str, values: impl IntoIterator<Item = &'a str>) {
    let mut values = values.into_iter().peekable();
    if values.peek().is_none() {
        return;
    }
    out.push_str(key);
    out.push_str(" = [");
    for (i, value) in values.enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        push_string(out, value);
    }
    out.push_str("]\n");
}

/// `key = value` for a value that is already TOML (a number, a date, a
/// boolean), and a newline.
pub fn raw(out: &mut String, key: &str, value: impl std::fmt::Display) {
    // Writing to a String cannot fail.
    let _ = writeln!(out, "{key} = {value}");
}

/// A number as a TOML float: `18.0`, not `18` (which would be an integer).
pub fn float(value: f64) -> String {
    format!("{value:?}")
}

fn push_string(out: &mut String, value: &str) {
    // Writing to a String cannot fail.
    let _ = out.value(TomlStringBuilder::new(value).as_basic());
}

/// Longest id the format allows.
const MAX_ID: usize = 64;

/// Hands out ids that are valid (1-64 of `a-z 0-9 - _`, starting with a
/// letter or digit) and unique within one table. The same sequence of
/// requests always gives the same ids.
#[derive(Default)]
pub struct Ids {
    taken: HashSet<String>,
}

impl Ids {
    /// Marks an id as used, so that [`Ids::make`] never gives it out.
    pub fn reserve(&mut self, id: &str) {
        self.taken.insert(id.to_string());
    }

    /// An id made from `text` ("Military Forces of Haiti (2021-)" becomes
    /// `military-forces-of-haiti-2021`), with `-2`, `-3`, … when it is taken;
    /// `fallback` when nothing of `text` is usable (a name in a script other
    /// than Latin).
    pub fn make(&mut self, text: &str, fallback: &str) -> String {
        let mut base = slug(text);
        if base.is_empty() {
            base = slug(fallback);
        }
        if !self.taken.contains(&base) {
            self.taken.insert(base.clone());
            return base;
        }
        for n in 2.. {
            let suffix = format!("-{n}");
            let mut candidate = base.clone();
            // Ids are ASCII here, so byte and character lengths agree.
            candidate.truncate(MAX_ID - suffix.len());
            candidate.push_str(&suffix);
            if !self.taken.contains(&candidate) {
                self.taken.insert(candidate.clone());
                return candidate;
            }
        }
        unreachable!("some suffix is always free")
    }
}

/// Lower-case ASCII letters and digits with single `-` between words,
/// accents dropped ("Cité Soleil" becomes `cite-soleil`); `_` is kept, as in
/// ids written by hand. At most 64 characters.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    let mut gap = false;
    for c in text.nfkd() {
        if c.is_ascii_alphanumeric() || (c == '_' && !out.is_empty()) {
            if gap && !out.is_empty() {
                out.push('-');
            }
            gap = false;
            out.push(c.to_ascii_lowercase());
        } else if unicode_normalization::char::is_combining_mark(c) {
            // The accent of a letter just written: drop it, no gap.
        } else {
            gap = true;
        }
        if out.len() >= MAX_ID {
            break;
        }
    }
    out.truncate(MAX_ID);
    while out.ends_with(['-', '_']) {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_valid_ids() {
        assert_eq!(
            slug("Military Forces of Haiti (2021-)"),
            "military-forces-of-haiti-2021"
        );
        assert_eq!(slug("Cité Soleil"), "cite-soleil");
        assert_eq!(slug("HTI12345"), "hti12345");
        assert_eq!(slug("  --x--  "), "x");
        assert_eq!(slug("الخرطوم"), "");
        assert_eq!(slug(&"a".repeat(100)).len(), 64);
        assert_eq!(slug("snake_case id"), "snake_case-id");
    }

    #[test]
    fn ids_are_unique_and_deterministic() {
        let mut ids = Ids::default();
        ids.reserve("acled");
        assert_eq!(ids.make("ACLED", "source"), "acled-2");
        assert_eq!(ids.make("Gang", "actor"), "gang");
        assert_eq!(ids.make("gang", "actor"), "gang-2");
        assert_eq!(ids.make("الخرطوم", "place"), "place");
        assert_eq!(ids.make("كسلا", "place"), "place-2");
        let long = "b".repeat(70);
        assert_eq!(ids.make(&long, "x").len(), 64);
        let second = ids.make(&long, "x");
        assert!(second.ends_with("-2") && second.len() == 64, "{second}");
    }

    #[test]
    fn strings_are_escaped_for_toml() {
        let mut out = String::new();
        string(&mut out, "title", "He said \"no\"\\\n\u{1b}");
        assert_eq!(out, "title = \"He said \\\"no\\\"\\\\\\n\\u001B\"\n");
        let parsed: toml::Table = toml::from_str(&out).unwrap();
        assert_eq!(parsed["title"].as_str(), Some("He said \"no\"\\\n\u{1b}"));
        let mut out = String::new();
        strings(&mut out, "tags", ["a", "b c"]);
        strings(&mut out, "none", []);
        assert_eq!(out, "tags = [\"a\", \"b c\"]\n");
        assert_eq!(float(18.0), "18.0");
        assert_eq!(float(-72.3074), "-72.3074");
    }
}
