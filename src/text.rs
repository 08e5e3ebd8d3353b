//! Text measured in terminal columns: cutting to a width, padding, word
//! wrapping and marking search hits. Widths come from unicode-width, so
//! "漢字" takes 4 columns and "👍" 2. Callers pass text that has already been
//! through `sanitize`; [`shown`] and [`shown_text`] do both steps for text
//! straight from the file, looking only at as much of it as can be seen.

use std::borrow::Cow;

use ratatui::style::Style;
use ratatui::text::Span;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::sanitize::{clean, clean_line, is_hostile};

/// Columns the text takes on screen.
pub fn width(text: &str) -> usize {
    if crate::sanitize::is_plain(text.as_bytes()) {
        return text.len();
    }
    UnicodeWidthStr::width(text)
}

/// Columns the text takes, counted a character at a time, when each of its
/// characters takes the same columns whatever stands beside it and nothing
/// in it is sanitized: printable ASCII and the Latin-1 and Latin
/// Extended-A letters and signs but the soft hyphen (one column each), CJK
/// ideographs and Hangul syllables (two). `None` for anything else (controls, combining
/// marks, emoji, joiners), which [`width`] measures as the screen draws it.
/// Most text from a file is such, and counting is far cheaper than looking
/// each character up in context.
pub fn counted_width(text: &str) -> Option<usize> {
    if crate::sanitize::is_plain(text.as_bytes()) {
        return Some(text.len());
    }
    text.chars().try_fold(0, |columns, c| match c {
        // Not the soft hyphen U+AD, which takes none.
        ' '..='~' | '\u{a0}'..='\u{ac}' | '\u{ae}'..='\u{17f}' => Some(columns + 1),
        '\u{4e00}'..='\u{9fff}' | '\u{ac00}'..='\u{d7a3}' => Some(columns + 2),
        _ => None,
    })
}

/// The start of `text` that can show in `columns` columns: every character
/// up to and including the first that would not fit (so [`fit`] still sees
/// the text is longer and adds its "…"). Measures a character as it will
/// look once sanitized (a control picture, a space for a line break).
///
/// A row of a megabyte-long title then costs what fits on screen, not the
/// megabyte, on every frame.
pub fn head(text: &str, columns: usize) -> &str {
    // Plain ASCII takes a column a byte: the first `columns + 1` bytes are
    // what the loop below finds, without measuring each character.
    let plain = text.len().min(columns.saturating_add(1));
    if crate::sanitize::is_plain(&text.as_bytes()[..plain]) {
        return &text[..plain];
    }
    // Characters one by one overstate emoji sequences ("👍🏽" is four
    // columns by its characters, two on screen; a family joined by ZWJ six):
    // read on until what was read is wider than the room as drawn.
    let mut budget = columns;
    loop {
        let end = prefix(text, budget);
        let read = &text[..end];
        let enough = budget > columns.saturating_mul(8).saturating_add(64);
        if end == text.len() || enough || width(&clean_line(read)) > columns {
            return read;
        }
        budget = budget.saturating_mul(2).saturating_add(8);
    }
}

/// Bytes of the start of `text` up to and including the first character
/// whose columns, added one by one, pass `columns`. Zero-width characters
/// (combining marks, joiners) take no column, so they count against a
/// budget of characters too.
fn prefix(text: &str, columns: usize) -> usize {
    let max_chars = columns.saturating_mul(4).saturating_add(16);
    let mut used = 0;
    for (n, (at, c)) in text.char_indices().enumerate() {
        if used > columns || n >= max_chars {
            return at;
        }
        used += if is_hostile(c) || matches!(c, '\n' | '\r' | '\t') {
            1
        } else {
            c.width().unwrap_or(0)
        };
    }
    text.len()
}

/// Text from the file as one line for `columns` columns: only its start is
/// read ([`head`]), then sanitized. Callers still cut or pad it.
pub fn shown(text: &str, columns: usize) -> Cow<'_, str> {
    clean_line(head(text, columns))
}

/// Characters of a multi-line text that a popup or pane wraps at most; the
/// rest is cut with a note, so wrapping never walks megabytes.
pub const TEXT_MAX_CHARS: usize = 20_000;

/// Text from the file, sanitized for wrapping (line breaks kept), cut after
/// `max_chars` characters with "…" when longer.
pub fn shown_text(text: &str, max_chars: usize) -> Cow<'_, str> {
    match text.char_indices().nth(max_chars) {
        None => clean(text),
        Some((at, _)) => Cow::Owned(format!("{}…", clean(&text[..at]))),
    }
}

/// The text cut to at most `max` columns, ending in "…" when cut.
pub fn fit(text: &str, max: usize) -> String {
    if width(text) <= max {
        return text.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    // By grapheme, measured as the screen draws it: "❤️" takes two columns
    // (its characters one), "👍🏽" two (its characters four).
    for grapheme in text.graphemes(true) {
        let w = width(grapheme);
        // Keep one column for the ellipsis.
        if used + w > max - 1 {
            break;
        }
        out.push_str(grapheme);
        used += w;
    }
    // "half with host…", not "half with host …".
    out.truncate(out.trim_end().len());
    out.push('…');
    out
}

/// The first of `texts` that fits in `columns`, else the last one cut to
/// fit: for texts given from the fullest form to the shortest.
pub fn first_fitting(columns: usize, texts: &[String]) -> String {
    texts
        .iter()
        .find(|t| width(t) <= columns)
        .cloned()
        .unwrap_or_else(|| fit(texts.last().map_or("", String::as_str), columns))
}

/// The text cut or padded with spaces to exactly `columns` columns.
pub fn pad(text: &str, columns: usize) -> String {
    let mut out = fit(text, columns);
    let used = width(&out);
    out.extend(std::iter::repeat_n(' ', columns.saturating_sub(used)));
    out
}

/// As [`pad`], with the text pushed to the right.
pub fn pad_left(text: &str, columns: usize) -> String {
    let cut = fit(text, columns);
    let mut out: String = " ".repeat(columns.saturating_sub(width(&cut)));
    out.push_str(&cut);
    out
}

/// Greedy word wrap to `columns` columns. Paragraph breaks ("\n") are kept,
/// runs of spaces collapse, and a word longer than a line is broken.
/// Always returns at least one line.
pub fn wrap(text: &str, columns: usize) -> Vec<String> {
    wrap_hanging(text, columns, columns)
}

/// [`wrap`] with the first line `first` columns wide and the others
/// `rest` (a hanging indent leaves them narrower; the caller indents).
pub fn wrap_hanging(text: &str, first: usize, rest: usize) -> Vec<String> {
    let (first, rest) = (first.max(1), rest.max(1));
    let mut lines: Vec<String> = Vec::new();
    // The width of the line being filled.
    let limit = |lines: &[String]| if lines.is_empty() { first } else { rest };
    for paragraph in text.split('\n') {
        let mut line = String::new();
        let mut used = 0;
        for word in paragraph.split_whitespace() {
            let w = width(word);
            if used > 0 && used + 1 + w <= limit(&lines) {
                line.push(' ');
                line.push_str(word);
                used += 1 + w;
                continue;
            }
            if used > 0 {
                lines.push(std::mem::take(&mut line));
                used = 0;
            }
            if w <= limit(&lines) {
                line.push_str(word);
                used = w;
                continue;
            }
            // A word wider than the line: break it at the column limit.
            for grapheme in word.graphemes(true) {
                let gw = width(grapheme);
                if used + gw > limit(&lines) && used > 0 {
                    lines.push(std::mem::take(&mut line));
                    used = 0;
                }
                line.push_str(grapheme);
                used += gw;
            }
        }
        lines.push(line);
    }
    lines
}

/// Text with no place to break at (a url) in rows of `columns`, broken
/// anywhere and without a hyphen, so every character of it reads in order.
pub fn break_anywhere(text: &str, columns: usize) -> Vec<String> {
    let options = textwrap::Options::new(columns.max(1))
        .break_words(true)
        .word_splitter(textwrap::WordSplitter::NoHyphenation);
    textwrap::wrap(text, options)
        .into_iter()
        .map(|row| row.into_owned())
        .collect()
}

/// One line of preformatted text (a `check` report: a source line, a caret
/// under it) in `columns`: as it is when it fits, spaces and all, so columns
/// line up; otherwise wrapped, each piece under the line's own indent.
pub fn wrap_indented(line: &str, columns: usize) -> Vec<String> {
    if width(line) <= columns {
        return vec![line.to_string()];
    }
    let body = line.trim_start();
    let indent = &line[..line.len() - body.len()];
    // An indent that leaves no room for the text is dropped.
    let indent = if width(indent) * 2 <= columns {
        indent
    } else {
        ""
    };
    wrap(body, columns - width(indent))
        .into_iter()
        .map(|piece| format!("{indent}{piece}"))
        .collect()
}

/// [`wrap`] into at most `rows` lines; when text is left over, the last
/// line takes the rest, cut with "…".
pub fn wrap_rows(text: &str, columns: usize, rows: usize) -> Vec<String> {
    if rows == 0 || columns == 0 {
        return Vec::new();
    }
    let mut lines = wrap(text, columns);
    lines.retain(|line| !line.is_empty());
    if lines.len() > rows {
        let rest = lines.split_off(rows - 1).join(" ");
        lines.push(fit(&rest, columns));
    }
    lines
}

/// Byte ranges of `text` that match `needle` (already lower-cased, see
/// `query::normalize_query`), ignoring case, without overlaps.
pub fn find_all(text: &str, needle: &str) -> Vec<(usize, usize)> {
    if needle.is_empty() {
        return Vec::new();
    }
    // Each lower-cased char with the byte range of the char it came from, so
    // a hit maps back to the original text even when case changes length.
    let lowered: Vec<(char, usize, usize)> = text
        .char_indices()
        .flat_map(|(at, c)| {
            let end = at + c.len_utf8();
            crate::query::fold(c).map(move |l| (l, at, end))
        })
        .collect();
    let needle: Vec<char> = needle.chars().flat_map(crate::query::fold).collect();
    let mut hits = Vec::new();
    let mut i = 0;
    while i + needle.len() <= lowered.len() {
        if lowered[i..i + needle.len()]
            .iter()
            .zip(&needle)
            .all(|(l, n)| l.0 == *n)
        {
            let start = lowered[i].1;
            let end = lowered[i + needle.len() - 1].2;
            if hits.last().is_none_or(|&(_, last_end)| start >= last_end) {
                hits.push((start, end));
            }
            i += needle.len();
        } else {
            i += 1;
        }
    }
    hits
}

/// The text as spans, with the parts matching `needle` in `hit` style.
pub fn highlight(text: String, needle: &str, base: Style, hit: Style) -> Vec<Span<'static>> {
    let hits = find_all(&text, needle);
    if hits.is_empty() {
        return vec![Span::styled(text, base)];
    }
    let mut spans = Vec::with_capacity(hits.len() * 2 + 1);
    let mut at = 0;
    for (start, end) in hits {
        if start > at {
            spans.push(Span::styled(text[at..start].to_string(), base));
        }
        spans.push(Span::styled(text[start..end].to_string(), base.patch(hit)));
        at = end;
    }
    if at < text.len() {
        spans.push(Span::styled(text[at..].to_string(), base));
    }
    spans
}

/// A count as the screen shows it, thousands grouped: "100,000".
pub fn count(n: usize) -> String {
    crate::number_text::group_integer(i128::try_from(n).unwrap_or(i128::MAX))
}

/// "1 event", "100,000 events": a count (grouped) and its noun.
pub fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{} {word}s", count(n))
    }
}

/// "2 undated quotes left out by the date window": what a window does with
/// quotes it cannot place, said wherever the quotes are counted.
pub fn undated_left_out(n: usize) -> String {
    format!("{} left out by the date window", plural(n, "undated quote"))
}

#[cfg(test)]
mod tests {
    #[test]
    fn preformatted_lines_keep_their_spaces_and_wrap_under_their_indent() {
        let caret = "   |           ^^^^^^^^^^^^^^^";
        assert_eq!(super::wrap_indented(caret, 40), [caret]);
        assert_eq!(
            super::wrap_indented("  help: did you mean `relief-mission`?", 20),
            ["  help: did you mean", "  `relief-mission`?"]
        );
        // An indent as wide as the line is dropped rather than wrap to nothing.
        assert_eq!(super::wrap_indented("        abc def", 8), ["abc def"]);
    }

    use super::*;

    #[test]
    fn a_counted_width_is_the_width_the_screen_gives_or_none() {
        // Every character it counts, alone, between others it counts, and
        // at the ends of a long text.
        let counted = (' '..='~')
            .chain('\u{a0}'..='\u{ac}')
            .chain('\u{ae}'..='\u{17f}')
            .chain('\u{4e00}'..='\u{9fff}')
            .chain('\u{ac00}'..='\u{d7a3}');
        for c in counted {
            for text in [
                c.to_string(),
                format!("a{c}é"),
                format!("{c}{c}北"),
                format!("{}{c}", "x".repeat(300)),
            ] {
                assert_eq!(counted_width(&text), Some(width(&text)), "{c:?}");
            }
        }
        // What it leaves to be measured in context.
        for odd in [
            "tab\there",
            "bell\u{7}",
            "soft\u{ad}hyphen",
            "e\u{301}",
            "👍🏽",
            "a\u{200d}b",
            "❤\u{fe0f}",
            "\u{202e}evil",
            "\u{85}",
            "ｆｕｌｌ",
            "カタカナ",
        ] {
            assert_eq!(counted_width(odd), None, "{odd:?}");
        }
        assert_eq!(counted_width(""), Some(0));
        assert_eq!(counted_width("Pétion-Ville 北京 김민준"), Some(24));
    }

    /// [`head`] measured character by character, as text that is not
    /// plain ASCII is.
    fn head_by_characters(text: &str, columns: usize) -> &str {
        &text[..prefix(text, columns)]
    }

    #[test]
    fn plain_text_is_measured_a_column_a_byte_as_other_text_is() {
        let line = "Gang coalition blocks the road to Cabaret (Route 1)";
        for columns in [0, 1, 10, 50, 51, 52, 200] {
            assert_eq!(head(line, columns), head_by_characters(line, columns));
            assert_eq!(shown(line, columns), head_by_characters(line, columns));
        }
        assert_eq!(head(line, 10), &line[..11]);
        assert_eq!(fit(&shown(line, 10), 10), "Gang coal…");
        assert_eq!(width(line), UnicodeWidthStr::width(line));
        assert_eq!(width(""), 0);
        // Not plain: measured as before.
        assert_eq!(width("漢字 ok"), 7);
        assert_eq!(head("漢字漢字漢字", 3), "漢字");
    }

    #[test]
    fn fits_by_columns_not_bytes() {
        assert_eq!(fit("hello", 10), "hello");
        assert_eq!(fit("hello world", 6), "hello…");
        assert_eq!(fit("hello world", 7), "hello…");
        assert_eq!(fit("漢字漢字", 5), "漢字…");
        assert_eq!(fit("abc", 0), "");
        assert_eq!(pad("ab", 4), "ab  ");
        assert_eq!(pad_left("ab", 4), "  ab");
        assert_eq!(width(&pad("漢字漢字", 5)), 5);
    }

    #[test]
    fn head_reads_only_what_can_show() {
        assert_eq!(head("hello world", 5), "hello ");
        assert_eq!(head("hello", 5), "hello");
        assert_eq!(head("漢字漢字", 3), "漢字");
        assert_eq!(head("", 3), "");
        // A control character counts as its one-column picture.
        assert_eq!(head("\u{1b}[2Jabc", 2), "\u{1b}[2");
        // Zero-width characters are bounded too.
        let marks = "a".to_string() + &"\u{301}".repeat(10_000);
        assert!(head(&marks, 10).chars().count() < 2_000);
        let long = "x".repeat(5_000_000);
        assert_eq!(fit(&shown(&long, 12), 12), format!("{}…", "x".repeat(11)));
        assert_eq!(shown("a\u{1b}]0;t\u{7}\nb", 80), "a␛]0;t␇ b");
    }

    #[test]
    fn emoji_sequences_are_cut_as_they_are_drawn() {
        // Wider than their characters: the cut keeps to the width.
        let hearts = "❤\u{fe0f}".repeat(10);
        assert_eq!(width(&fit(&hearts, 7)), 7);
        assert_eq!(width(&pad(&hearts, 7)), 7);
        // Narrower than their characters: enough is read to fill the room.
        let thumbs = "👍🏽".repeat(20);
        assert_eq!(width(&fit(&shown(&thumbs, 21), 21)), 21);
        let family = "👨\u{200d}👩\u{200d}👧".repeat(20);
        assert!(fit(&shown(&family, 21), 21).ends_with('…'));
        assert_eq!(width(&pad(&shown(&family, 21), 21)), 21);
    }

    #[test]
    fn long_text_is_cut_before_wrapping() {
        assert_eq!(shown_text("abc", 3), "abc");
        assert_eq!(shown_text("abcd", 3), "abc…");
        assert_eq!(shown_text("a\u{1b}b\nc", 10), "a␛b\nc");
    }

    #[test]
    fn wrap_rows_keeps_to_its_rows_and_says_what_is_left_out() {
        assert_eq!(wrap_rows("one two three", 20, 2), ["one two three"]);
        assert_eq!(
            wrap_rows("Ruto lands in Port-au-Prince to assess", 12, 2),
            ["Ruto lands", "in Port-au-…"]
        );
        assert!(wrap_rows("anything", 10, 0).is_empty());
    }

    #[test]
    fn the_first_form_that_fits_else_the_last_cut() {
        let forms = [
            "late Sep 2024".to_string(),
            "Sep 2024".to_string(),
            "2024".to_string(),
        ];
        assert_eq!(first_fitting(13, &forms), "late Sep 2024");
        assert_eq!(first_fitting(12, &forms), "Sep 2024");
        assert_eq!(first_fitting(4, &forms), "2024");
        assert_eq!(first_fitting(3, &forms), "20…");
    }

    #[test]
    fn a_hanging_wrap_fills_the_first_line_wider() {
        assert_eq!(
            wrap_hanging("one two three four five", 13, 9),
            ["one two three", "four five"]
        );
        assert_eq!(wrap_hanging("abcdefghij", 4, 3), ["abcd", "efg", "hij"]);
        assert_eq!(wrap_hanging("", 4, 3), [""]);
    }

    #[test]
    fn wraps_words_and_breaks_long_ones() {
        assert_eq!(wrap("one two three", 7), ["one two", "three"]);
        assert_eq!(wrap("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        assert_eq!(wrap("a\nb", 10), ["a", "b"]);
        assert_eq!(wrap("", 10), [""]);
    }

    #[test]
    fn finds_hits_in_any_case() {
        assert_eq!(find_all("Sarrin and SARRIN", "sarrin"), [(0, 6), (11, 17)]);
        assert_eq!(find_all("Léa Brandt", "léa"), [(0, 4)]);
        assert!(find_all("abc", "").is_empty());
        let spans = highlight("a Sarrin b".into(), "sarrin", Style::new(), Style::new());
        assert_eq!(spans.len(), 3);
        assert_eq!(spans[1].content, "Sarrin");
    }
}
