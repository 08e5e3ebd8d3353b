//! Keys: what the keymap binds, as a config file names them ("q",
//! "ctrl-q", "enter", "shift-tab", "pgdn", "f1") and as the screen shows
//! them ("Ctrl-Q", "Enter", "PgDn").

use ratatui::crossterm::event::KeyCode;

/// A key as the keymap names it. Shift is ignored when matching: terminals
/// report "G" and "?" with or without it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
}

/// A character key.
pub const fn ch(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: false,
    }
}

/// A named key (Enter, Tab, F1...).
pub const fn code(code: KeyCode) -> Key {
    Key { code, ctrl: false }
}

/// Ctrl and a letter.
pub const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: true,
    }
}

/// Named keys: the name a config file writes first, other names it takes,
/// and how the screen shows the key.
const NAMED: &[(&str, &[&str], KeyCode, &str)] = &[
    ("enter", &["return"], KeyCode::Enter, "Enter"),
    ("esc", &["escape"], KeyCode::Esc, "Esc"),
    ("tab", &[], KeyCode::Tab, "Tab"),
    ("shift-tab", &["backtab"], KeyCode::BackTab, "Shift-Tab"),
    ("space", &[], KeyCode::Char(' '), "Space"),
    ("backspace", &[], KeyCode::Backspace, "Backspace"),
    ("delete", &["del"], KeyCode::Delete, "Del"),
    ("insert", &["ins"], KeyCode::Insert, "Ins"),
    ("up", &[], KeyCode::Up, "↑"),
    ("down", &[], KeyCode::Down, "↓"),
    ("left", &[], KeyCode::Left, "←"),
    ("right", &[], KeyCode::Right, "→"),
    ("home", &[], KeyCode::Home, "Home"),
    ("end", &[], KeyCode::End, "End"),
    ("pgup", &["pageup"], KeyCode::PageUp, "PgUp"),
    ("pgdn", &["pagedown", "pgdown"], KeyCode::PageDown, "PgDn"),
];

/// Why a key name is not one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyError {
    pub message: String,
    pub help: Option<String>,
}

fn key_error(message: impl Into<String>, help: Option<String>) -> KeyError {
    KeyError {
        message: message.into(),
        help,
    }
}

/// Every name a config file may write, for "did you mean".
fn known_names() -> impl Iterator<Item = String> {
    let named = NAMED
        .iter()
        .flat_map(|(name, others, _, _)| std::iter::once(*name).chain(others.iter().copied()))
        .map(str::to_string);
    let functions = (1..=12).map(|n| format!("f{n}"));
    named.chain(functions)
}

/// Reads one key: a single character (case counts: "G" is Shift-g), a
/// named key (any case), or `ctrl-` and a letter or named key.
pub fn parse_key(text: &str) -> Result<Key, KeyError> {
    if text.is_empty() {
        return Err(key_error(
            "an empty key name",
            Some("write a key such as \"q\", \"ctrl-q\" or \"enter\"".into()),
        ));
    }
    let mut chars = text.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return if c.is_control() {
            Err(key_error("a control character is not a key name", None))
        } else {
            Ok(Key {
                code: KeyCode::Char(c),
                ctrl: false,
            })
        };
    }
    let lower = text.to_lowercase();
    for prefix in ["ctrl-", "ctrl+", "c-", "control-"] {
        if let Some(rest) = lower.strip_prefix(prefix) {
            // `rest` is lower case: Ctrl-Q and Ctrl-q are one key.
            let base = parse_key(rest)?;
            return Ok(Key { ctrl: true, ..base });
        }
    }
    for prefix in ["alt-", "meta-", "super-", "cmd-"] {
        if lower.starts_with(prefix) {
            return Err(key_error(
                format!("`{text}`: only ctrl- combinations can be bound"),
                None,
            ));
        }
    }
    if let Some(rest) = lower.strip_prefix("shift-")
        && rest != "tab"
    {
        let mut rest_chars = text["shift-".len()..].chars();
        let help = match (rest_chars.next(), rest_chars.next()) {
            (Some(c), None) if c.is_alphabetic() => Some(format!(
                "write the character itself: \"{}\"",
                c.to_uppercase()
            )),
            _ => Some("shift- goes only with tab; for a letter, write it in capitals".into()),
        };
        return Err(key_error(
            format!("`{text}` is not a key sitrep can tell"),
            help,
        ));
    }
    if let Some(&(_, _, code, _)) = NAMED
        .iter()
        .find(|(name, others, _, _)| *name == lower || others.contains(&lower.as_str()))
    {
        return Ok(Key { code, ctrl: false });
    }
    if let Some(n) = lower.strip_prefix('f').and_then(|n| n.parse::<u8>().ok())
        && (1..=12).contains(&n)
    {
        return Ok(Key {
            code: KeyCode::F(n),
            ctrl: false,
        });
    }
    let names: Vec<String> = known_names().collect();
    let help = crate::load::did_you_mean(&lower, names.iter().map(String::as_str)).or_else(|| {
        Some("a key is one character, ctrl-<key>, or a name such as enter, esc, tab, space, up, pgdn, home, f1".into())
    });
    Err(key_error(format!("unknown key `{text}`"), help))
}

/// The name a config file writes for a key; `parse_key` reads it back.
pub fn key_name(key: Key) -> String {
    let base = match key.code {
        KeyCode::Char(' ') => "space".to_string(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::F(n) => format!("f{n}"),
        code => NAMED.iter().find(|(_, _, c, _)| *c == code).map_or_else(
            || format!("{code:?}").to_lowercase(),
            |(name, ..)| name.to_string(),
        ),
    };
    if key.ctrl {
        format!("ctrl-{base}")
    } else {
        base
    }
}

/// How the footer and help show a key: "q", "Ctrl-C", "Enter", "↓", "F1".
pub fn key_label(key: Key) -> String {
    let base = match key.code {
        KeyCode::Char(' ') => "Space".to_string(),
        KeyCode::Char(c) if key.ctrl => c.to_ascii_uppercase().to_string(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::F(n) => format!("F{n}"),
        code => NAMED
            .iter()
            .find(|(_, _, c, _)| *c == code)
            .map_or_else(|| format!("{code:?}"), |(.., label)| label.to_string()),
    };
    if key.ctrl {
        format!("Ctrl-{base}")
    } else {
        base
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, ctrl: bool) -> Key {
        Key { code, ctrl }
    }

    #[test]
    fn names_read_as_keys() {
        assert_eq!(parse_key("q"), Ok(key(KeyCode::Char('q'), false)));
        assert_eq!(parse_key("G"), Ok(key(KeyCode::Char('G'), false)));
        assert_eq!(parse_key("?"), Ok(key(KeyCode::Char('?'), false)));
        assert_eq!(parse_key("ctrl-q"), Ok(key(KeyCode::Char('q'), true)));
        assert_eq!(parse_key("Ctrl-Q"), Ok(key(KeyCode::Char('q'), true)));
        assert_eq!(parse_key("Enter"), Ok(key(KeyCode::Enter, false)));
        assert_eq!(parse_key("shift-tab"), Ok(key(KeyCode::BackTab, false)));
        assert_eq!(parse_key("PageDown"), Ok(key(KeyCode::PageDown, false)));
        assert_eq!(parse_key("f1"), Ok(key(KeyCode::F(1), false)));
        assert_eq!(parse_key("space"), Ok(key(KeyCode::Char(' '), false)));
        assert_eq!(parse_key("ctrl-down"), Ok(key(KeyCode::Down, true)));
    }

    #[test]
    fn bad_names_say_what_would_be_right() {
        let e = parse_key("entr").unwrap_err();
        assert_eq!(e.message, "unknown key `entr`");
        assert_eq!(e.help.as_deref(), Some("did you mean `enter`?"));
        let e = parse_key("shift-g").unwrap_err();
        assert_eq!(e.help.as_deref(), Some("write the character itself: \"G\""));
        assert!(
            parse_key("alt-x")
                .unwrap_err()
                .message
                .contains("only ctrl-")
        );
        assert!(parse_key("f13").is_err());
        assert!(parse_key("").is_err());
    }

    #[test]
    fn names_and_labels_round_trip() {
        for text in [
            "q",
            "G",
            "ctrl-u",
            "enter",
            "shift-tab",
            "space",
            "pgdn",
            "f1",
            "up",
            "esc",
        ] {
            let k = parse_key(text).unwrap();
            assert_eq!(key_name(k), text);
            assert_eq!(parse_key(&key_name(k)), Ok(k));
        }
        assert_eq!(key_label(parse_key("ctrl-c").unwrap()), "Ctrl-C");
        assert_eq!(key_label(parse_key("pgdn").unwrap()), "PgDn");
        assert_eq!(key_label(parse_key("down").unwrap()), "↓");
        assert_eq!(key_label(parse_key("space").unwrap()), "Space");
    }
}
