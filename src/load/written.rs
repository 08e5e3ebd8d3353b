//! Each item's id as written, in eight bytes an item.
//!
//! The loader keeps every item's id until references are resolved, to
//! find duplicates and name items in warnings. Nearly every id is borrowed
//! from the file's text (only one with escapes is not), so it is kept as
//! where it is in the text rather than as a `Cow` of 24 bytes: at a million
//! actors that is 16 MB less at the load's peak. The rare id that is not in
//! the text is kept aside; a file past 4 GiB, whose offsets do not fit a
//! `u32`, switches the list to plain `Cow`s, so nothing is ever lost.

use std::borrow::Cow;

/// A list of optional ids, each borrowed from `text` or kept aside.
pub(super) struct Written<'i> {
    /// The whole file: every borrowed id lies in it.
    text: &'i str,
    list: List<'i>,
}

enum List<'i> {
    /// `[start, len]` in the text; `len` is [`MISSING`] for no id and
    /// [`ASIDE`] for one in `aside`, whose position `start` then is.
    Narrow {
        at: Vec<[u32; 2]>,
        aside: Vec<Box<str>>,
    },
    Wide(Vec<Option<Cow<'i, str>>>),
}

const MISSING: u32 = u32::MAX;
const ASIDE: u32 = u32::MAX - 1;

impl<'i> Written<'i> {
    pub fn new(text: &'i str) -> Self {
        Written {
            text,
            list: List::Narrow {
                at: Vec::new(),
                aside: Vec::new(),
            },
        }
    }

    pub fn reserve(&mut self, n: usize) {
        match &mut self.list {
            List::Narrow { at, .. } => at.reserve(n),
            List::Wide(list) => list.reserve(n),
        }
    }

    pub fn len(&self) -> usize {
        match &self.list {
            List::Narrow { at, .. } => at.len(),
            List::Wide(list) => list.len(),
        }
    }

    pub fn push(&mut self, id: Option<Cow<'i, str>>) {
        let List::Narrow { at, aside } = &mut self.list else {
            if let List::Wide(list) = &mut self.list {
                list.push(id);
            }
            return;
        };
        let in_text = match &id {
            Some(Cow::Borrowed(borrowed)) => offset_in(self.text, borrowed),
            _ => None,
        };
        let entry = match (&id, in_text) {
            (None, _) => Some([0, MISSING]),
            (Some(id), Some(start)) => {
                let len = u32::try_from(id.len()).ok().filter(|&len| len < ASIDE);
                u32::try_from(start)
                    .ok()
                    .zip(len)
                    .map(|(start, len)| [start, len])
            }
            (Some(_), None) => u32::try_from(aside.len()).ok().map(|n| [n, ASIDE]),
        };
        match (entry, id) {
            (Some(entry), id) => {
                if entry[1] == ASIDE {
                    aside.extend(id.map(Box::from));
                }
                at.push(entry);
            }
            (None, id) => {
                self.widen();
                self.push(id);
            }
        }
    }

    /// The id of item `i`, if it has one.
    pub fn get(&self, i: usize) -> Option<&str> {
        match &self.list {
            List::Narrow { at, aside } => match *at.get(i)? {
                [_, MISSING] => None,
                [n, ASIDE] => aside.get(n as usize).map(|id| &**id),
                [start, len] => {
                    let start = start as usize;
                    self.text.get(start..start + len as usize)
                }
            },
            List::Wide(list) => list.get(i)?.as_deref(),
        }
    }

    /// Every item's id, in order.
    pub fn iter(&self) -> impl Iterator<Item = Option<&str>> + '_ {
        (0..self.len()).map(|i| self.get(i))
    }

    /// Switches to plain `Cow`s, for an id that the narrow form cannot hold.
    fn widen(&mut self) {
        let text = self.text;
        let List::Narrow { at, aside } = &mut self.list else {
            return;
        };
        let mut aside = std::mem::take(aside).into_iter();
        let list = at
            .iter()
            .map(|&[start, len]| match len {
                MISSING => None,
                ASIDE => aside.next().map(|id| Cow::Owned(id.into())),
                len => {
                    let start = start as usize;
                    text.get(start..start + len as usize).map(Cow::Borrowed)
                }
            })
            .collect();
        self.list = List::Wide(list);
    }
}

/// Where `id` starts in `text`, when it is a part of it.
fn offset_in(text: &str, id: &str) -> Option<usize> {
    let start = (id.as_ptr() as usize).checked_sub(text.as_ptr() as usize)?;
    (start + id.len() <= text.len()).then_some(start)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_from_the_text_and_others_read_back_in_order() {
        let text = String::from("id = \"haiti\"\nid = \"gang\"\n");
        let elsewhere = String::from("not-in-the-text");
        let mut written = Written::new(&text);
        written.push(Some(Cow::Borrowed(&text[6..11])));
        written.push(None);
        // An id with escapes is made anew, not borrowed.
        written.push(Some(Cow::Owned("esc\"aped".to_string())));
        written.push(Some(Cow::Borrowed(&text[19..23])));
        written.push(Some(Cow::Borrowed(elsewhere.as_str())));
        assert_eq!(
            written.iter().collect::<Vec<_>>(),
            [
                Some("haiti"),
                None,
                Some("esc\"aped"),
                Some("gang"),
                Some("not-in-the-text")
            ]
        );
        assert_eq!(written.get(5), None);
        let List::Narrow { aside, .. } = &written.list else {
            panic!("a small file's ids stay narrow");
        };
        assert_eq!(aside.len(), 2, "only what is not in the text is kept aside");
    }

    #[test]
    fn the_wide_form_holds_the_same_ids() {
        let text = "a-1 b-2";
        let mut written = Written::new(text);
        written.push(Some(Cow::Borrowed(&text[0..3])));
        written.push(Some(Cow::Owned("kept-aside".into())));
        written.push(None);
        written.widen();
        assert!(matches!(written.list, List::Wide(_)));
        written.push(Some(Cow::Borrowed(&text[4..7])));
        assert_eq!(
            written.iter().collect::<Vec<_>>(),
            [Some("a-1"), Some("kept-aside"), None, Some("b-2")]
        );
        assert_eq!(written.len(), 4);
    }
}
