//! The one-line text field of a prompt (`w`, `x`): the text, a cursor, and
//! whether the text is a pre-filled value nobody has touched yet. Such a
//! value is shown selected, as a form's selected field is: the first
//! character typed replaces it, while the arrows, Home/End or Backspace keep
//! it to edit.

use crate::action::Action;
use crate::text::{fit, shown, width};

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Field {
    text: String,
    /// Where typing goes: a byte offset into `text`, on a character boundary.
    cursor: usize,
    /// The text is the pre-filled value, untouched.
    selected: bool,
}

/// A field as drawn in some columns: the text before the cursor, the
/// character under it (a space at the end), and the text after it, each
/// sanitized and cut so the cursor stays in view.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldView {
    pub before: String,
    pub at: String,
    pub after: String,
}

impl Field {
    /// A field holding `text`, selected when there is any (typing replaces it).
    pub fn prefilled(text: String) -> Field {
        Field {
            cursor: text.len(),
            selected: !text.is_empty(),
            text,
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// The pre-filled value is still untouched (shown selected).
    pub fn selected(&self) -> bool {
        self.selected
    }

    /// Does what `action` asks of the text, if it is an edit (typing,
    /// Backspace, Ctrl-U, the arrows, Home/End): true when it was one.
    pub fn edit(&mut self, action: Action) -> bool {
        match action {
            Action::Input(c) => self.insert(c),
            Action::DeleteChar => self.delete_back(),
            Action::ClearInput => self.clear(),
            Action::Left => self.left(),
            Action::Right => self.right(),
            Action::Top => self.home(),
            Action::Bottom => self.end(),
            _ => return false,
        }
        true
    }

    /// Types `c` at the cursor; over a selected value, replaces it.
    pub fn insert(&mut self, c: char) {
        if self.selected {
            self.clear();
        }
        self.text.insert(self.cursor, c);
        self.cursor += c.len_utf8();
    }

    /// Backspace: deletes the character before the cursor.
    pub fn delete_back(&mut self) {
        self.selected = false;
        if let Some(c) = self.text[..self.cursor].chars().next_back() {
            self.cursor -= c.len_utf8();
            self.text.remove(self.cursor);
        }
    }

    pub fn clear(&mut self) {
        self.text.clear();
        self.cursor = 0;
        self.selected = false;
    }

    pub fn left(&mut self) {
        self.selected = false;
        if let Some(c) = self.text[..self.cursor].chars().next_back() {
            self.cursor -= c.len_utf8();
        }
    }

    pub fn right(&mut self) {
        self.selected = false;
        if let Some(c) = self.text[self.cursor..].chars().next() {
            self.cursor += c.len_utf8();
        }
    }

    pub fn home(&mut self) {
        self.selected = false;
        self.cursor = 0;
    }

    pub fn end(&mut self) {
        self.selected = false;
        self.cursor = self.text.len();
    }

    /// The field in `columns` columns: when it is too long, the text before
    /// the cursor loses its start (shown "…") so the cursor stays in view,
    /// and the text after it is cut.
    pub fn view(&self, columns: usize) -> FieldView {
        let (before, rest) = self.text.split_at(self.cursor);
        let mut chars = rest.chars();
        let at = chars
            .next()
            .map_or(" ".to_string(), |c| shown(&c.to_string(), 2).into_owned());
        let after = shown(chars.as_str(), columns).into_owned();
        let mut before = shown(before, usize::MAX).into_owned();
        let room = columns.saturating_sub(width(&at));
        if width(&before) > room {
            // Drop characters from the start until "…" and the rest fit.
            let mut kept = before.as_str();
            while width(kept) + 1 > room && !kept.is_empty() {
                let first = kept.chars().next().map_or(0, char::len_utf8);
                kept = &kept[first..];
            }
            before = format!("…{kept}");
        }
        let room = columns.saturating_sub(width(&before) + width(&at));
        FieldView {
            after: fit(&after, room),
            before,
            at,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(field: &mut Field, text: &str) {
        text.chars().for_each(|c| field.insert(c));
    }

    #[test]
    fn the_first_character_typed_replaces_a_prefilled_value() {
        let mut field = Field::prefilled("2024-09-01 2024-09-30".into());
        assert!(field.selected());
        typed(&mut field, "1900");
        assert_eq!(field.text(), "1900");
        assert!(!field.selected());
        // Later characters add to what was typed.
        typed(&mut field, "-02");
        assert_eq!(field.text(), "1900-02");
    }

    #[test]
    fn backspace_and_the_arrows_keep_a_prefilled_value_to_edit() {
        let mut field = Field::prefilled("2024-09-01 2024-09-30".into());
        field.delete_back();
        assert_eq!(field.text(), "2024-09-01 2024-09-3");
        typed(&mut field, "1");
        assert_eq!(field.text(), "2024-09-01 2024-09-31");

        let mut field = Field::prefilled("2024-09 2024-10".into());
        field.home();
        field.right();
        field.right();
        field.right();
        field.right();
        field.delete_back();
        typed(&mut field, "3");
        assert_eq!(field.text(), "2023-09 2024-10");
        field.end();
        field.left();
        typed(&mut field, "é");
        assert_eq!(field.text(), "2023-09 2024-1é0");
        // Backspace at the start and arrows past the ends do nothing.
        field.home();
        field.delete_back();
        field.left();
        assert_eq!(field.text(), "2023-09 2024-1é0");
        field.end();
        field.right();
        typed(&mut field, "!");
        assert_eq!(field.text(), "2023-09 2024-1é0!");
    }

    #[test]
    fn an_empty_field_is_not_selected() {
        let mut field = Field::prefilled(String::new());
        assert!(!field.selected());
        typed(&mut field, "7d");
        assert_eq!(field.text(), "7d");
    }

    #[test]
    fn a_long_field_keeps_the_cursor_in_view() {
        let mut field = Field::prefilled("/a/very/long/path/to/briefing.md".into());
        let end = field.view(12);
        assert_eq!((end.before.as_str(), end.at.as_str()), ("…riefing.md", " "));
        assert_eq!(end.after, "");
        field.home();
        let start = field.view(12);
        assert_eq!((start.before.as_str(), start.at.as_str()), ("", "/"));
        assert_eq!(start.after, "a/very/lon…");
        // Control characters typed or pasted are shown, never sent.
        let odd = Field::prefilled("a\u{1b}b".into());
        assert_eq!(odd.view(10).before, "a␛b");
    }
}
