//! Reading typed values out of a spanned TOML tree while collecting every
//! problem instead of stopping at the first.

use std::borrow::Cow;
use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::diagnostic::Diagnostic;
use crate::model::{DateError, FuzzyDate, Number};
use crate::number_text::group_integer;

pub(crate) type Value<'i> = Spanned<DeValue<'i>>;

/// Every problem found so far in one file.
#[derive(Default)]
pub(crate) struct Problems {
    pub list: Vec<Diagnostic>,
    /// Where the part of the file being read starts: spans of values parsed
    /// from a section alone are relative to it (see `sections`).
    pub offset: usize,
}

impl Problems {
    /// Records a problem whose span is relative to [`Problems::offset`].
    pub fn push(&mut self, mut diagnostic: Diagnostic) {
        diagnostic.span = self.in_file(diagnostic.span);
        self.list.push(diagnostic);
    }

    /// A span of the part being read, as a span of the whole file.
    pub fn in_file(&self, span: Range<usize>) -> Range<usize> {
        span.start + self.offset..span.end + self.offset
    }

    pub fn error(&mut self, span: Range<usize>, message: impl Into<String>) {
        self.push(Diagnostic::error(span, message));
    }
}

/// What a value is, in the words of the file format.
pub(crate) fn describe(value: &DeValue) -> &'static str {
    match value {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a float",
        DeValue::Boolean(_) => "a boolean",
        DeValue::Datetime(_) => "a date/time",
        DeValue::Array(a) if !a.is_empty() && a.iter().all(|v| v.get_ref().is_table()) => {
            "an array of tables"
        }
        DeValue::Array(_) => "an array",
        DeValue::Table(_) => "a table",
    }
}

/// The keys of one table, looked up by name. Unknown keys are reported (with
/// the nearest known key) as soon as the table is opened.
pub(crate) struct Fields<'t, 'i> {
    /// Span of the whole table: where missing keys are reported.
    pub span: Range<usize>,
    /// "[[events]]", for messages.
    what: &'static str,
    known: &'static [&'static str],
    slots: Vec<Option<&'t Value<'i>>>,
}

impl<'t, 'i> Fields<'t, 'i> {
    pub fn open(
        table: &'t DeTable<'i>,
        span: Range<usize>,
        what: &'static str,
        known: &'static [&'static str],
        problems: &mut Problems,
    ) -> Self {
        let mut slots = vec![None; known.len()];
        for (key, value) in table.iter() {
            match known.iter().position(|k| *k == key.get_ref().as_ref()) {
                Some(i) => slots[i] = Some(value),
                None => {
                    let name = key.get_ref();
                    // A table is named by its header, which is what the user wrote.
                    let (open, close) = match value.get_ref() {
                        DeValue::Table(_) => ("[", "]"),
                        DeValue::Array(items)
                            if !items.is_empty()
                                && items.iter().all(|i| i.get_ref().is_table()) =>
                        {
                            ("[[", "]]")
                        }
                        _ => ("", ""),
                    };
                    let thing = if open.is_empty() { "key" } else { "table" };
                    let help = super::suggest::closest(name, known.iter().copied())
                        .map(|k| format!("did you mean `{open}{k}{close}`?"))
                        .unwrap_or_else(|| format!("known keys: {}", known.join(", ")));
                    problems.push(
                        Diagnostic::error(
                            key.span(),
                            format!("unknown {thing} `{open}{name}{close}` in {what}"),
                        )
                        .with_help(Some(help)),
                    )
                }
            }
        }
        Fields {
            span,
            what,
            known,
            slots,
        }
    }

    pub fn get(&self, key: &str) -> Option<&'t Value<'i>> {
        let i = self.known.iter().position(|k| *k == key);
        // Callers only ask for keys they declared as known.
        debug_assert!(i.is_some(), "undeclared key {key}");
        i.and_then(|i| self.slots[i])
    }

    pub fn has(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    pub fn missing(&self, key: &str, problems: &mut Problems) {
        problems.error(
            self.span.clone(),
            format!("missing required key `{key}` in {}", self.what),
        );
    }

    /// A required value read by `read`; reports it missing when absent.
    pub fn required<T>(
        &self,
        key: &str,
        problems: &mut Problems,
        read: impl FnOnce(&'t Value<'i>, &mut Problems) -> Option<T>,
    ) -> Option<T> {
        match self.get(key) {
            Some(value) => read(value, problems),
            None => {
                self.missing(key, problems);
                None
            }
        }
    }

    /// An optional value: `Ok(None)` when absent, `Err(())` when present but bad.
    pub fn optional<T>(
        &self,
        key: &str,
        problems: &mut Problems,
        read: impl FnOnce(&'t Value<'i>, &mut Problems) -> Option<T>,
    ) -> Result<Option<T>, ()> {
        match self.get(key) {
            Some(value) => read(value, problems).map(Some).ok_or(()),
            None => Ok(None),
        }
    }

    /// An optional list: empty when absent; `Err(())` when any item is bad.
    pub fn list<T>(
        &self,
        key: &str,
        problems: &mut Problems,
        read: impl FnMut(&'t Value<'i>, &mut Problems) -> Option<T>,
    ) -> Result<Vec<T>, ()> {
        match self.get(key) {
            Some(value) => list(value, problems, read).ok_or(()),
            None => Ok(Vec::new()),
        }
    }
}

fn wrong_type(value: &Value, expected: &str, problems: &mut Problems) {
    problems.error(
        value.span(),
        format!("expected {expected}, found {}", describe(value.get_ref())),
    );
}

pub(crate) fn string(value: &Value, problems: &mut Problems) -> Option<String> {
    string_cow(value, problems).map(Cow::into_owned)
}

/// A string for a list that is kept as it is loaded (an actor's aliases).
pub(crate) fn boxed_string(value: &Value, problems: &mut Problems) -> Option<Box<str>> {
    string(value, problems).map(String::into_boxed_str)
}

/// A string, still borrowed from the file's text when it has no escapes.
pub(crate) fn string_cow<'i>(value: &Value<'i>, problems: &mut Problems) -> Option<Cow<'i, str>> {
    match value.get_ref() {
        DeValue::String(s) => Some(s.clone()),
        _ => {
            wrong_type(value, "a string", problems);
            None
        }
    }
}

/// A string that must not be blank (titles, names, quote text).
pub(crate) fn text(value: &Value, problems: &mut Problems) -> Option<String> {
    let s = string(value, problems)?;
    if s.trim().is_empty() {
        problems.error(value.span(), "must not be empty");
        return None;
    }
    Some(s)
}

/// An array whose items are read by `read`; every bad item is reported.
pub(crate) fn list<'t, 'i, T>(
    value: &'t Value<'i>,
    problems: &mut Problems,
    mut read: impl FnMut(&'t Value<'i>, &mut Problems) -> Option<T>,
) -> Option<Vec<T>> {
    let items = match value.get_ref() {
        DeValue::Array(items) => items,
        DeValue::String(single) => {
            problems.push(
                Diagnostic::error(value.span(), "expected an array, found a string").with_help(
                    Some(format!(
                        "write it as a list: [\"{}\"]",
                        single.escape_default()
                    )),
                ),
            );
            // Read it all the same, so that what it names counts as named.
            let _ = read(value, problems);
            return None;
        }
        _ => {
            wrong_type(value, "an array", problems);
            return None;
        }
    };
    let mut out = Vec::with_capacity(items.len());
    let mut ok = true;
    for item in items.iter() {
        match read(item, problems) {
            Some(v) => out.push(v),
            None => ok = false,
        }
    }
    ok.then_some(out)
}

/// Ids: 1-64 of `a-z 0-9 - _`, starting with a letter or digit.
pub(crate) fn id_problem(id: &str) -> Option<String> {
    let first_ok = id
        .bytes()
        .next()
        .is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
    let rest_ok = id
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_');
    // Counted in characters, as the message says: an accented id is refused
    // for its characters, not for a length it does not have.
    if id.is_empty() || id.chars().count() > 64 {
        Some(format!(
            "an id must be 1 to 64 characters long, this one has {}",
            id.chars().count()
        ))
    } else if !first_ok || !rest_ok {
        Some(format!(
            "`{id}` is not a valid id: use a-z, 0-9, `-` and `_`, starting with a letter or digit"
        ))
    } else {
        None
    }
}

/// The id a bad one would become if lower-cased and cleaned up.
pub(crate) fn id_suggestion(id: &str) -> Option<String> {
    let cleaned: String = id
        .trim()
        .chars()
        .map(|c| match c.to_ascii_lowercase() {
            c @ ('a'..='z' | '0'..='9' | '-' | '_') => c,
            _ => '-',
        })
        .collect();
    let cleaned = cleaned.trim_matches(|c| c == '-' || c == '_').to_string();
    (id_problem(&cleaned).is_none()).then(|| format!("try `{cleaned}`"))
}

pub(crate) fn date(value: &Value, problems: &mut Problems) -> Option<FuzzyDate> {
    let result = match value.get_ref() {
        DeValue::Datetime(dt) => match (dt.date, dt.time, dt.offset) {
            (Some(d), None, None) => FuzzyDate::new(
                crate::model::Precision::Day,
                i32::from(d.year),
                u32::from(d.month),
                u32::from(d.day),
                false,
            ),
            // A date the parser could not read (2024-09-31): already reported.
            (None, None, None) => return None,
            _ => {
                problems.error(
                    value.span(),
                    "expected a date without a time, like 2024-09-21",
                );
                return None;
            }
        },
        DeValue::String(s) if s.trim() != s.as_ref() && s.parse::<FuzzyDate>().is_ok() => {
            // Read as a date, a space shows in every list and briefing, and
            // tools that read the format strictly reject it.
            problems.push(
                Diagnostic::error(value.span(), "a date with spaces around it")
                    .with_help(Some(format!("write it as \"{}\"", s.trim()))),
            );
            return None;
        }
        DeValue::String(s) => s.parse::<FuzzyDate>(),
        _ => {
            wrong_type(
                value,
                "a date (2024-09-21 or a string like \"late 2024-02\")",
                problems,
            );
            return None;
        }
    };
    match result {
        Ok(d) => Some(d),
        Err(DateError::NoSuchDate) => {
            problems.error(value.span(), "this date does not exist in the calendar");
            None
        }
        Err(e @ DateError::Form) => {
            let written = value.get_ref().as_str().unwrap_or_default();
            let help = super::suggest::date_form(written).map(|d| format!("did you mean \"{d}\"?"));
            problems
                .push(Diagnostic::error(value.span(), format!("not a date: {e}")).with_help(help));
            None
        }
    }
}

/// A finite number, integer or float, remembering the decimals it was written with.
pub(crate) fn number(value: &Value, problems: &mut Problems) -> Option<Number> {
    let parsed = match value.get_ref() {
        // The parser already dropped the `0x`/`0o`/`0b` prefix and the `_`s.
        DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix())
            .ok()
            .map(Number::integer),
        DeValue::Float(f) => {
            let raw: String = f.as_str().chars().filter(|&c| c != '_').collect();
            let decimals = match raw.split_once('.') {
                Some((_, frac)) if !raw.contains(['e', 'E']) => frac.len().min(9) as u8,
                _ => 0,
            };
            raw.parse::<f64>()
                .ok()
                .filter(|v| v.is_finite())
                .map(|value| Number::float(value, decimals))
        }
        DeValue::String(text) if text.trim().replace([',', '_'], "").parse::<f64>().is_ok() => {
            problems.push(
                Diagnostic::error(value.span(), "expected a number, found a string").with_help(
                    Some(format!(
                        "write it without quotes: {}",
                        text.trim().replace(',', "_")
                    )),
                ),
            );
            return None;
        }
        _ => {
            wrong_type(value, "a number", problems);
            return None;
        }
    };
    if parsed.is_none() {
        if matches!(value.get_ref(), DeValue::Integer(_)) {
            problems.push(
                Diagnostic::error(
                    value.span(),
                    format!(
                        "this integer is too large: TOML integers go from {} to {}",
                        group_integer(i64::MIN.into()),
                        group_integer(i64::MAX.into())
                    ),
                )
                .with_help(Some(
                    "for an estimate beyond that, write a float such as 1e20".into(),
                )),
            );
        } else {
            problems.error(value.span(), "expected a finite number");
        }
    }
    parsed
}

/// A table value with its span, or a type error.
pub(crate) fn table<'t, 'i>(
    value: &'t Value<'i>,
    problems: &mut Problems,
) -> Option<&'t DeTable<'i>> {
    match value.get_ref() {
        DeValue::Table(t) => Some(t),
        _ => {
            wrong_type(value, "a table", problems);
            None
        }
    }
}

/// `true` or `false`; a quoted one is refused with the way to write it.
pub(super) fn boolean(value: &Value, problems: &mut Problems) -> Option<bool> {
    match value.get_ref() {
        DeValue::Boolean(b) => Some(*b),
        DeValue::String(text) if matches!(text.trim(), "true" | "false") => {
            problems.push(
                Diagnostic::error(value.span(), "expected a boolean, found a string")
                    .with_help(Some(format!("write it without quotes: {}", text.trim()))),
            );
            None
        }
        _ => {
            wrong_type(value, "a boolean (true or false)", problems);
            None
        }
    }
}
