//! A strict scanner for the part of TOML that situation files are written
//! in: `[table]` and `[[table]]` headers with bare names, `key = value`
//! lines with bare keys, comments, and values that are strings, integers,
//! floats, booleans, local dates, arrays and one-line inline tables.
//!
//! Everything it takes means what it means to a full TOML parser; anything
//! else (a quoted or dotted key, a datetime, a `\e` escape, a CR that does
//! not end a line, quotes right before a closing `"""` or `'''`, ...) is
//! [`Stop::Unusual`], and the full reader takes over. Lines may end in LF
//! or CRLF, as TOML allows. Strings without escapes stay borrowed from the
//! text.

use std::borrow::Cow;

use crate::model::{FuzzyDate, Number, Precision};

/// Why the scanner stopped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(in crate::load) enum Stop {
    /// Something this reader does not take: the full reader decides.
    Unusual,
    /// The text ended inside a value or a line: a piece of a file cut at the
    /// wrong place (or a file that really ends there).
    Cut,
}

pub(in crate::load) type Scan<T> = Result<T, Stop>;

/// What a line of the document is.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Line<'i> {
    /// `[name]`
    Table(&'i str),
    /// `[[name]]`
    ArrayTable(&'i str),
    /// `key = `, the scanner left at the value.
    Key(&'i str),
    End,
}

pub(super) struct Scanner<'i> {
    text: &'i str,
    bytes: &'i [u8],
    pub at: usize,
    /// Where the line [`Scanner::line`] last read starts (after its indent).
    pub line_start: usize,
}

fn is_bare(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'-'
}

/// Bytes a comment or a string may not hold (TOML: controls other than tab).
fn is_control(b: u8) -> bool {
    (b < 0x20 && b != b'\t') || b == 0x7f
}

/// What may follow a number, a date or a boolean (a CR is only taken
/// later as part of a CRLF).
fn ends_value(b: Option<u8>) -> bool {
    matches!(
        b,
        None | Some(b' ' | b'\t' | b'\n' | b'\r' | b',' | b']' | b'}' | b'#')
    )
}

impl<'i> Scanner<'i> {
    pub fn new(text: &'i str) -> Self {
        Scanner {
            text,
            bytes: text.as_bytes(),
            at: 0,
            line_start: 0,
        }
    }

    pub fn text(&self) -> &'i str {
        self.text
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn peek_at(&self, ahead: usize) -> Option<u8> {
        self.bytes.get(self.at + ahead).copied()
    }

    /// The length of the line end here: 1 for LF, 2 for CRLF, 0 for none.
    fn newline(&self) -> usize {
        match self.peek() {
            Some(b'\n') => 1,
            Some(b'\r') if self.peek_at(1) == Some(b'\n') => 2,
            _ => 0,
        }
    }

    /// The next byte, which must be there.
    fn byte(&self) -> Scan<u8> {
        self.peek().ok_or(Stop::Cut)
    }

    fn expect(&mut self, b: u8) -> Scan<()> {
        if self.byte()? == b {
            self.at += 1;
            Ok(())
        } else {
            Err(Stop::Unusual)
        }
    }

    fn skip_spaces(&mut self) {
        while let Some(b' ' | b'\t') = self.peek() {
            self.at += 1;
        }
    }

    /// A comment from its `#` to the end of its line (not included, nor
    /// the CR of a CRLF).
    fn comment(&mut self) -> Scan<()> {
        let rest = &self.bytes[self.at..];
        let mut len = memchr::memchr(b'\n', rest).unwrap_or(rest.len());
        if len < rest.len() && len > 0 && rest[len - 1] == b'\r' {
            len -= 1;
        }
        if rest[..len].iter().any(|&b| is_control(b)) {
            return Err(Stop::Unusual);
        }
        self.at += len;
        Ok(())
    }

    /// Spaces, newlines and comments, as allowed between array items.
    fn skip_blank(&mut self) -> Scan<()> {
        loop {
            match self.peek() {
                Some(b' ' | b'\t' | b'\n') => self.at += 1,
                Some(b'\r') if self.newline() == 2 => self.at += 2,
                Some(b'#') => self.comment()?,
                _ => return Ok(()),
            }
        }
    }

    /// After a value or a header: spaces, a comment, then a newline or the end.
    pub fn end_of_line(&mut self) -> Scan<()> {
        self.skip_spaces();
        if self.peek() == Some(b'#') {
            self.comment()?;
        }
        match (self.peek(), self.newline()) {
            (None, _) => Ok(()),
            (Some(_), 0) => Err(Stop::Unusual),
            (Some(_), len) => {
                self.at += len;
                Ok(())
            }
        }
    }

    fn bare_key(&mut self) -> Scan<&'i str> {
        let start = self.at;
        while self.peek().is_some_and(is_bare) {
            self.at += 1;
        }
        if self.at == start {
            return Err(if self.peek().is_none() {
                Stop::Cut
            } else {
                Stop::Unusual
            });
        }
        Ok(&self.text[start..self.at])
    }

    /// The next line that is not blank or a comment. A header is read
    /// whole; a key is read up to its value.
    pub fn line(&mut self) -> Scan<Line<'i>> {
        loop {
            self.skip_spaces();
            self.line_start = self.at;
            match self.peek() {
                None => return Ok(Line::End),
                Some(b'\n') => self.at += 1,
                Some(b'\r') if self.newline() == 2 => self.at += 2,
                Some(b'#') => self.end_of_line()?,
                Some(b'[') => {
                    self.at += 1;
                    let array = self.peek() == Some(b'[');
                    if array {
                        self.at += 1;
                    }
                    self.skip_spaces();
                    let name = self.bare_key()?;
                    self.skip_spaces();
                    self.expect(b']')?;
                    if array {
                        self.expect(b']')?;
                    }
                    self.end_of_line()?;
                    return Ok(if array {
                        Line::ArrayTable(name)
                    } else {
                        Line::Table(name)
                    });
                }
                Some(_) => {
                    let key = self.key()?;
                    return Ok(Line::Key(key));
                }
            }
        }
    }

    /// `key =`, leaving the scanner at the value.
    fn key(&mut self) -> Scan<&'i str> {
        let key = self.bare_key()?;
        self.skip_spaces();
        self.expect(b'=')?;
        self.skip_spaces();
        Ok(key)
    }

    /// A string value of any of the forms taken.
    pub fn string(&mut self) -> Scan<Cow<'i, str>> {
        match self.byte()? {
            b'"' if self.peek_at(1) == Some(b'"') && self.peek_at(2) == Some(b'"') => {
                self.at += 3;
                self.multi_line_string()
            }
            b'"' => {
                self.at += 1;
                self.basic_string()
            }
            b'\'' if self.peek_at(1) == Some(b'\'') && self.peek_at(2) == Some(b'\'') => {
                self.at += 3;
                self.multi_line_literal()
            }
            b'\'' => {
                self.at += 1;
                let start = self.at;
                loop {
                    match self.byte()? {
                        b'\'' => break,
                        b if is_control(b) => return Err(Stop::Unusual),
                        _ => self.at += 1,
                    }
                }
                let s = &self.text[start..self.at];
                self.at += 1;
                Ok(Cow::Borrowed(s))
            }
            _ => Err(Stop::Unusual),
        }
    }

    /// After the opening `"`.
    fn basic_string(&mut self) -> Scan<Cow<'i, str>> {
        let start = self.at;
        let mut owned: Option<String> = None;
        let mut run = start;
        loop {
            match self.byte()? {
                b'"' => {
                    let s = &self.text[run..self.at];
                    self.at += 1;
                    return Ok(finished(owned, s));
                }
                b'\\' => {
                    let o = owned.get_or_insert_with(String::new);
                    o.push_str(&self.text[run..self.at]);
                    self.at += 1;
                    self.escape(o)?;
                    run = self.at;
                }
                b if is_control(b) => return Err(Stop::Unusual),
                _ => self.at += 1,
            }
        }
    }

    /// After the opening `"""`.
    fn multi_line_string(&mut self) -> Scan<Cow<'i, str>> {
        // A newline right after the opening quotes is not part of the text.
        self.at += self.newline();
        let mut owned: Option<String> = None;
        let mut run = self.at;
        loop {
            match self.byte()? {
                b'"' if self.peek_at(1) == Some(b'"') && self.peek_at(2) == Some(b'"') => {
                    // Quotes right before the closing ones belong to the
                    // text: rare enough to leave to the full reader.
                    if self.peek_at(3) == Some(b'"') {
                        return Err(Stop::Unusual);
                    }
                    let s = &self.text[run..self.at];
                    self.at += 3;
                    return Ok(finished(owned, s));
                }
                b'\\' => {
                    let o = owned.get_or_insert_with(String::new);
                    o.push_str(&self.text[run..self.at]);
                    self.at += 1;
                    if let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
                        // A line-ending backslash: the newline and the
                        // blanks after it are dropped.
                        self.skip_spaces();
                        self.byte()?;
                        if self.newline() == 0 {
                            return Err(Stop::Unusual);
                        }
                        loop {
                            match (self.peek(), self.newline()) {
                                (Some(b' ' | b'\t'), _) => self.at += 1,
                                (_, 0) => break,
                                (_, len) => self.at += len,
                            }
                        }
                    } else {
                        self.escape(o)?;
                    }
                    run = self.at;
                }
                // A line end is kept as written, CRLF or LF.
                b'\n' => self.at += 1,
                b'\r' if self.newline() == 2 => self.at += 2,
                b if is_control(b) => return Err(Stop::Unusual),
                _ => self.at += 1,
            }
        }
    }

    /// After the opening `'''`: the text as written, without escapes.
    fn multi_line_literal(&mut self) -> Scan<Cow<'i, str>> {
        // A newline right after the opening quotes is not part of the text.
        self.at += self.newline();
        let start = self.at;
        loop {
            match self.byte()? {
                b'\'' if self.peek_at(1) == Some(b'\'') && self.peek_at(2) == Some(b'\'') => {
                    // As for `"""`: quotes before the closing ones are rare.
                    if self.peek_at(3) == Some(b'\'') {
                        return Err(Stop::Unusual);
                    }
                    let s = &self.text[start..self.at];
                    self.at += 3;
                    return Ok(Cow::Borrowed(s));
                }
                b'\n' => self.at += 1,
                b'\r' if self.newline() == 2 => self.at += 2,
                b if is_control(b) => return Err(Stop::Unusual),
                _ => self.at += 1,
            }
        }
    }

    /// One escape, after its backslash.
    fn escape(&mut self, out: &mut String) -> Scan<()> {
        let b = self.byte()?;
        self.at += 1;
        let c = match b {
            b'"' => '"',
            b'\\' => '\\',
            b'b' => '\u{8}',
            b't' => '\t',
            b'n' => '\n',
            b'f' => '\u{c}',
            b'r' => '\r',
            b'u' => self.unicode(4)?,
            b'U' => self.unicode(8)?,
            _ => return Err(Stop::Unusual),
        };
        out.push(c);
        Ok(())
    }

    fn unicode(&mut self, digits: usize) -> Scan<char> {
        let hex = self.text.get(self.at..self.at + digits).ok_or(Stop::Cut)?;
        if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(Stop::Unusual);
        }
        self.at += digits;
        u32::from_str_radix(hex, 16)
            .ok()
            .and_then(char::from_u32)
            .ok_or(Stop::Unusual)
    }

    /// A date: a TOML local date, or a string in the file format's forms.
    /// Only what the full reader takes without a word.
    pub fn date(&mut self) -> Scan<FuzzyDate> {
        if let b'"' | b'\'' = self.byte()? {
            let s = self.string()?;
            if s.trim() != s.as_ref() {
                return Err(Stop::Unusual);
            }
            return s.parse().map_err(|_| Stop::Unusual);
        }
        let rest = &self.bytes[self.at..];
        let digits = |r: std::ops::Range<usize>| rest[r].iter().all(u8::is_ascii_digit);
        if rest.len() < 10 || !(digits(0..4) && rest[4] == b'-' && digits(5..7) && rest[7] == b'-')
        {
            return Err(Stop::Unusual);
        }
        if !digits(8..10) || !ends_value(rest.get(10).copied()) {
            return Err(Stop::Unusual);
        }
        // `2024-01-01 10:00` is a datetime.
        if let Some(b' ' | b'\t') = rest.get(10) {
            let after = rest[10..].iter().find(|&&b| b != b' ' && b != b'\t');
            if after.is_some_and(u8::is_ascii_digit) {
                return Err(Stop::Unusual);
            }
        }
        let number = |r: std::ops::Range<usize>| {
            rest[r]
                .iter()
                .fold(0u32, |n, &b| n * 10 + u32::from(b - b'0'))
        };
        let year = i32::try_from(number(0..4)).map_err(|_| Stop::Unusual)?;
        let date = FuzzyDate::new(Precision::Day, year, number(5..7), number(8..10), false)
            .map_err(|_| Stop::Unusual)?;
        self.at += 10;
        Ok(date)
    }

    /// An integer or a float in decimal, remembering its decimals.
    pub fn number(&mut self) -> Scan<Number> {
        let start = self.at;
        let mut i = start;
        let bytes = self.bytes;
        let digit = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_digit);
        if bytes.get(i) == Some(&b'-') {
            i += 1;
        }
        if !digit(i) {
            return Err(Stop::Unusual);
        }
        // No leading zeros, and no 0x, 0o, 0b.
        if bytes[i] == b'0'
            && !matches!(bytes.get(i + 1), Some(b'.' | b'e' | b'E'))
            && !ends_value(bytes.get(i + 1).copied())
        {
            return Err(Stop::Unusual);
        }
        let mut underscores = false;
        while digit(i) || (bytes.get(i) == Some(&b'_') && digit(i + 1) && digit(i - 1)) {
            underscores |= bytes[i] == b'_';
            i += 1;
        }
        let mut float = false;
        if bytes.get(i) == Some(&b'.') {
            i += 1;
            if !digit(i) {
                return Err(Stop::Unusual);
            }
            while digit(i) {
                i += 1;
            }
            float = true;
        }
        if let Some(b'e' | b'E') = bytes.get(i) {
            i += 1;
            if let Some(b'+' | b'-') = bytes.get(i) {
                i += 1;
            }
            if !digit(i) {
                return Err(Stop::Unusual);
            }
            while digit(i) {
                i += 1;
            }
            float = true;
        }
        if !ends_value(bytes.get(i).copied()) {
            return Err(Stop::Unusual);
        }
        let raw = &self.text[start..i];
        self.at = i;
        if float {
            if underscores {
                return Err(Stop::Unusual);
            }
            let decimals = match raw.split_once('.') {
                Some((_, frac)) if !raw.contains(['e', 'E']) => frac.len().min(9) as u8,
                _ => 0,
            };
            let value: f64 = raw.parse().map_err(|_| Stop::Unusual)?;
            if !value.is_finite() {
                return Err(Stop::Unusual);
            }
            return Ok(Number::float(value, decimals));
        }
        let n = if underscores {
            raw.replace('_', "").parse::<i64>()
        } else {
            raw.parse::<i64>()
        };
        n.map(Number::integer).map_err(|_| Stop::Unusual)
    }

    pub fn boolean(&mut self) -> Scan<bool> {
        let rest = &self.bytes[self.at..];
        let (value, len) = if rest.starts_with(b"true") {
            (true, 4)
        } else if rest.starts_with(b"false") {
            (false, 5)
        } else {
            return Err(Stop::Unusual);
        };
        if !ends_value(rest.get(len).copied()) {
            return Err(Stop::Unusual);
        }
        self.at += len;
        Ok(value)
    }

    /// An array, each item read by `item`.
    pub fn array(&mut self, mut item: impl FnMut(&mut Self) -> Scan<()>) -> Scan<()> {
        self.expect(b'[')?;
        loop {
            self.skip_blank()?;
            if self.byte()? == b']' {
                self.at += 1;
                return Ok(());
            }
            item(self)?;
            self.skip_blank()?;
            match self.byte()? {
                b',' => self.at += 1,
                b']' => {
                    self.at += 1;
                    return Ok(());
                }
                _ => return Err(Stop::Unusual),
            }
        }
    }

    /// A one-line inline table, each `key = value` read by `entry` (left
    /// at the value).
    pub fn inline_table(
        &mut self,
        mut entry: impl FnMut(&mut Self, &'i str) -> Scan<()>,
    ) -> Scan<()> {
        self.expect(b'{')?;
        self.skip_spaces();
        if self.byte()? == b'}' {
            self.at += 1;
            return Ok(());
        }
        loop {
            let key = self.key()?;
            entry(self, key)?;
            self.skip_spaces();
            match self.byte()? {
                b',' => {
                    self.at += 1;
                    self.skip_spaces();
                }
                b'}' => {
                    self.at += 1;
                    return Ok(());
                }
                _ => return Err(Stop::Unusual),
            }
        }
    }
}

/// A string's text: borrowed from the file unless an escape made a copy,
/// which then takes the last run `tail` as well.
fn finished<'i>(owned: Option<String>, tail: &'i str) -> Cow<'i, str> {
    match owned {
        None => Cow::Borrowed(tail),
        Some(mut o) => {
            o.push_str(tail);
            Cow::Owned(o)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn string(text: &str) -> Scan<Cow<'_, str>> {
        Scanner::new(text).string()
    }

    #[test]
    fn strings_are_read_as_toml_reads_them() {
        assert_eq!(string(r#""plain" "#).unwrap(), "plain");
        assert!(matches!(string(r#""plain""#).unwrap(), Cow::Borrowed(_)));
        assert_eq!(
            string(r#""a\"b\\c\n\u00e9\U0001F600""#).unwrap(),
            "a\"b\\c\né😀"
        );
        assert_eq!(string("'C:\\path'").unwrap(), "C:\\path");
        assert_eq!(string("\"\"").unwrap(), "");
        assert_eq!(
            string("\"\"\"\nline one \\\n   two\n\"\"\"").unwrap(),
            "line one two\n"
        );
        assert_eq!(
            string("\"\"\"a \"quoted\" b\"\"\"").unwrap(),
            "a \"quoted\" b"
        );
        assert_eq!(string("'''\nC:\\a\n'b' ''c'''").unwrap(), "C:\\a\n'b' ''c");
        assert_eq!(string("''''''").unwrap(), "");
        assert!(matches!(
            string("'''a\\n'''").unwrap(),
            Cow::Borrowed("a\\n")
        ));
        // Left to the full reader: new escapes, controls, CR, quotes right
        // before the closing ones.
        for unusual in [
            r#""\e""#,
            r#""\x41""#,
            "\"a\rb\"",
            "'''x''''",
            "'''a\u{1}'''",
            "\"\"\"a\"\"\"\"",
            r#""\ud800""#,
        ] {
            assert_eq!(string(unusual), Err(Stop::Unusual), "{unusual}");
        }
        assert_eq!(string("\"never closed"), Err(Stop::Cut));
        assert_eq!(string("'''never closed"), Err(Stop::Cut));
    }

    #[test]
    fn crlf_ends_lines_as_toml_says_and_a_lone_cr_is_left_alone() {
        // Kept inside a multi-line string, dropped after the opening quotes
        // and after a line-ending backslash.
        assert_eq!(string("\"\"\"\r\na\r\nb\"\"\"").unwrap(), "a\r\nb");
        assert_eq!(string("\"\"\"a \\\r\n  \r\n b\"\"\"").unwrap(), "a b");
        let mut s =
            Scanner::new("# c\r\n\r\n[situation] # x\r\ntitle = 1\r\nt = [\r\n 1,\r\n]\r\n");
        assert_eq!(s.line(), Ok(Line::Table("situation")));
        assert_eq!(s.line(), Ok(Line::Key("title")));
        s.number().unwrap();
        s.end_of_line().unwrap();
        assert_eq!(s.line(), Ok(Line::Key("t")));
        s.array(|s| s.number().map(drop)).unwrap();
        s.end_of_line().unwrap();
        assert_eq!(s.line(), Ok(Line::End));
        for lone in ["a = 1\r", "a = 1\rb = 2\n", "# c\r", "# c\rd\n", "\r"] {
            let mut s = Scanner::new(lone);
            let read = s
                .line()
                .and_then(|_| s.number().map(drop))
                .and_then(|_| s.end_of_line());
            assert_eq!(read, Err(Stop::Unusual), "{lone:?}");
        }
        assert_eq!(string("\"\"\"a\rb\"\"\""), Err(Stop::Unusual));
    }

    #[test]
    fn numbers_and_dates_follow_toml() {
        let number = |t: &str| Scanner::new(t).number();
        assert_eq!(number("370_800").unwrap(), Number::integer(370_800));
        assert_eq!(number("-12.50").unwrap(), Number::float(-12.5, 2));
        assert_eq!(number("1e3").unwrap(), Number::float(1000.0, 0));
        assert_eq!(number("0").unwrap(), Number::integer(0));
        for unusual in [
            "007",
            "+1",
            "0x1f",
            "1_",
            "1__0",
            "inf",
            "1.",
            ".5",
            "1.5_0",
            "9223372036854775808",
            "12a",
        ] {
            assert_eq!(number(unusual), Err(Stop::Unusual), "{unusual}");
        }
        let date = |t: &str| Scanner::new(t).date();
        assert_eq!(date("2024-02-29\n").unwrap(), "2024-02-29".parse().unwrap());
        assert_eq!(
            date("\"late 2024-02\"").unwrap(),
            "late 2024-02".parse().unwrap()
        );
        for unusual in [
            "2023-02-29",
            "2024-01-01T10:00:00",
            "2024-01-01 10:00",
            "\" 2024\"",
            "2024-1-01",
        ] {
            assert_eq!(date(unusual), Err(Stop::Unusual), "{unusual}");
        }
    }

    #[test]
    fn lines_are_headers_or_keys() {
        let mut s = Scanner::new("# c\n\n[situation]  # x\n  title = 1\n[[events]]\n[a.b]\n");
        assert_eq!(s.line(), Ok(Line::Table("situation")));
        assert_eq!(s.line(), Ok(Line::Key("title")));
        assert_eq!(s.number().map(|n| n.exact), Ok(Some(1)));
        s.end_of_line().unwrap();
        assert_eq!(s.line(), Ok(Line::ArrayTable("events")));
        assert_eq!(s.line(), Err(Stop::Unusual));
        for unusual in ["\"quoted\" = 1", "a.b = 1", "[ [events]]"] {
            assert_eq!(
                Scanner::new(unusual).line(),
                Err(Stop::Unusual),
                "{unusual}"
            );
        }
    }
}
