//! Text from a situation file is untrusted: it may hold terminal control
//! sequences that would set the title, move the cursor or clear the screen,
//! or bidi overrides that reorder what is shown. Everything from the data
//! passes through here before it reaches a terminal or a text briefing.

use std::borrow::Cow;

/// Characters never sent to a terminal as they are: C0 controls (except
/// newline and tab, which callers handle), DEL, C1 controls, and the bidi
/// embedding, override and isolate characters.
pub fn is_hostile(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Appends a visible stand-in for a hostile character: the Unicode control
/// picture for C0 and DEL ("␛" for ESC); a bidi control by its short name
/// in angle brackets ("⟨RLO⟩" for the right-to-left override), so the
/// reader sees what the text tried to do without it being done; the
/// replacement character "\u{fffd}" for a C1 control.
pub fn push_visible(out: &mut String, c: char) {
    let bidi = match c {
        '\u{202a}' => "LRE",
        '\u{202b}' => "RLE",
        '\u{202c}' => "PDF",
        '\u{202d}' => "LRO",
        '\u{202e}' => "RLO",
        '\u{2066}' => "LRI",
        '\u{2067}' => "RLI",
        '\u{2068}' => "FSI",
        '\u{2069}' => "PDI",
        _ => "",
    };
    if !bidi.is_empty() {
        out.push('⟨');
        out.push_str(bidi);
        out.push('⟩');
        return;
    }
    out.push(match c {
        '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'),
        '\u{7f}' => '\u{2421}',
        _ => '\u{fffd}',
    });
}

/// Multi-line text: hostile characters made visible; newlines and tabs kept.
pub fn clean(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_hostile) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_hostile(c) {
            push_visible(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// One line of text: as [`clean`], and line breaks and tabs become spaces.
pub fn clean_line(text: &str) -> Cow<'_, str> {
    let flat = |c: char| matches!(c, '\n' | '\r' | '\t');
    if is_plain(text.as_bytes()) || !text.chars().any(|c| is_hostile(c) || flat(c)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if flat(c) {
            out.push(' ');
        } else if is_hostile(c) {
            push_visible(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Printable ASCII alone (space to `~`): nothing to clean, one column a
/// byte. Most text from a file is, and this is far cheaper to tell than
/// looking at it character by character.
pub fn is_plain(bytes: &[u8]) -> bool {
    // In blocks without an early exit inside, which the compiler turns
    // into wide comparisons.
    let (blocks, rest) = bytes.as_chunks::<16>();
    blocks.iter().all(|block| {
        block
            .iter()
            .fold(true, |ok, &b| ok & (b' '..=b'~').contains(&b))
    }) && rest.iter().all(|b| (b' '..=b'~').contains(b))
}

/// True when the text contains nothing a terminal would act on (newlines and
/// tabs allowed).
pub fn is_inert(text: &str) -> bool {
    !text.chars().any(is_hostile)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn makes_escape_sequences_visible() {
        assert_eq!(clean("a\u{1b}]0;pwned\u{7}b"), "a␛]0;pwned␇b");
        assert_eq!(clean("x\u{1b}[2Jy"), "x␛[2Jy");
        assert_eq!(clean("del\u{7f}"), "del␡");
    }

    #[test]
    fn removes_the_power_of_c1_and_bidi_controls() {
        assert_eq!(clean("a\u{9b}31m"), "a\u{fffd}31m");
        // A bidi control is named, not obeyed: the text reads in order.
        assert_eq!(clean("\u{202e}txt.exe"), "⟨RLO⟩txt.exe");
        assert_eq!(clean("\u{2066}x\u{2069}"), "⟨LRI⟩x⟨PDI⟩");
    }

    #[test]
    fn plain_is_printable_ascii_and_nothing_else_at_any_length() {
        for len in [0, 1, 15, 16, 17, 40, 100] {
            let text = "a~ ".repeat(len).chars().take(len).collect::<String>();
            assert!(is_plain(text.as_bytes()), "{len}");
            for odd in ["\t", "\n", "\u{1b}", "\u{7f}", "é", "\u{9b}", "\u{202e}"] {
                for at in [0, len / 2, len] {
                    let mut with = text.clone();
                    with.insert_str(at, odd);
                    assert!(!is_plain(with.as_bytes()), "{with:?}");
                }
            }
        }
        let line = "Port-au-Prince: MSS patrols (day 2)";
        assert!(matches!(clean_line(line), Cow::Borrowed(_)));
        assert_eq!(clean_line("a\tb\u{1b}c"), "a b␛c");
    }

    #[test]
    fn keeps_ordinary_text_untouched_and_borrowed() {
        let text = "Chérizier said: “漢字 👍” — fine\n\tindented";
        assert!(matches!(clean(text), Cow::Borrowed(_)));
        assert!(is_inert(text));
    }

    #[test]
    fn every_control_the_terminal_acts_on_is_caught() {
        let listed = |c: u32| matches!(c, 0..=0x8 | 0xb..=0x1f | 0x7f..=0x9f | 0x202a..=0x202e | 0x2066..=0x2069);
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            assert_eq!(is_hostile(c), listed(c as u32), "U+{:04X}", c as u32);
            let one = c.to_string();
            assert!(is_inert(&clean(&one)), "U+{:04X}", c as u32);
            assert!(is_inert(&clean_line(&one)), "U+{:04X}", c as u32);
        }
        // Newline and tab stay in text, and go in a line.
        assert_eq!(clean("a\tb\nc"), "a\tb\nc");
        assert_eq!(clean("a\r\nb"), "a␍\nb");
        assert_eq!(
            clean("\u{202a}\u{202b}\u{202c}\u{202d}"),
            "⟨LRE⟩⟨RLE⟩⟨PDF⟩⟨LRO⟩"
        );
    }

    #[test]
    fn flattens_lines() {
        assert_eq!(clean_line("one\ntwo\tthree\r\n"), "one two three  ");
        assert_eq!(clean_line("bell\u{7}"), "bell␇");
    }
}
