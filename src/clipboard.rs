//! Copying through the terminal: the OSC 52 sequence asks the terminal to
//! put base64-encoded text on the system clipboard. It needs no X11 or
//! Wayland and works over ssh; inside tmux it works with `set-clipboard
//! on` (tmux then passes it to the outer terminal and keeps a paste buffer).
//!
//! The text is base64 in the sequence, so nothing in it can end the
//! sequence early; callers still build it from sanitized strings, so what
//! lands on the clipboard cannot carry escape sequences into the next
//! terminal it is pasted into.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;

/// The most text one copy sends. Terminals cap what they accept (some at
/// about 100 KB, some at a few MB) and a larger paste is a file's job (`x`).
pub const MAX_BYTES: usize = 1 << 20;

/// `ESC ] 52 ; c ; BASE64 BEL`: set the clipboard (`c`) to `text`.
pub fn osc52(text: &str) -> String {
    format!("\x1b]52;c;{}\x07", STANDARD.encode(text))
}

/// "3 lines, 412 bytes": how much a copy sent, for the footer.
pub fn amount(text: &str) -> String {
    let lines = text.lines().count().max(1);
    let bytes = text.len();
    let size = if bytes < 10_000 {
        crate::text::plural(bytes, "byte")
    } else {
        format!("{:.0} KB", bytes as f64 / 1000.0)
    };
    format!("{}, {size}", crate::text::plural(lines, "line"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text a sequence carries.
    pub(crate) fn decoded(sequence: &str) -> String {
        let body = sequence
            .strip_prefix("\x1b]52;c;")
            .and_then(|s| s.strip_suffix('\x07'))
            .expect("an OSC 52 sequence");
        String::from_utf8(STANDARD.decode(body).expect("base64")).expect("UTF-8")
    }

    #[test]
    fn the_sequence_decodes_back_to_the_text() {
        for text in ["", "a", "Flood — “Kessa” 漢字 👍\nsecond line\n"] {
            let sequence = osc52(text);
            assert_eq!(decoded(&sequence), text);
            // Only the two framing controls: the body is plain base64.
            let controls: Vec<char> = sequence.chars().filter(|c| c.is_control()).collect();
            assert_eq!(controls, ['\x1b', '\x07']);
        }
    }

    #[test]
    fn amounts_read_as_words() {
        assert_eq!(amount("one line"), "1 line, 8 bytes");
        assert_eq!(amount("a\nb\n"), "2 lines, 4 bytes");
        assert_eq!(amount(&"x\n".repeat(20_000)), "20,000 lines, 40 KB");
    }
}
