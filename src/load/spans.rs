//! Byte ranges kept for every item of a large table, in half the room of
//! `Range<usize>`.
//!
//! The loader keeps a span for each item (where an unused actor's id is,
//! where its `part_of` is) only to point a rare warning or error at it. At a
//! million items sixteen bytes each is a good part of the load's peak; every
//! file short of 4 GiB fits in two `u32`s. A larger one (the size limit can
//! be raised) switches the whole list to full ranges, so nothing is cut.

use std::ops::Range;

/// A list of byte ranges, eight bytes each while every offset fits a `u32`.
#[derive(Clone, Debug)]
pub(super) enum Spans {
    Narrow(Vec<[u32; 2]>),
    Wide(Vec<Range<usize>>),
}

impl Default for Spans {
    fn default() -> Self {
        Spans::Narrow(Vec::new())
    }
}

impl Spans {
    pub fn reserve(&mut self, n: usize) {
        match self {
            Spans::Narrow(list) => list.reserve(n),
            Spans::Wide(list) => list.reserve(n),
        }
    }

    pub fn push(&mut self, span: Range<usize>) {
        match self {
            Spans::Narrow(list) => match (u32::try_from(span.start), u32::try_from(span.end)) {
                (Ok(start), Ok(end)) => list.push([start, end]),
                _ => {
                    let mut wide: Vec<Range<usize>> = Vec::with_capacity(list.capacity());
                    wide.extend(list.iter().map(|&[s, e]| s as usize..e as usize));
                    wide.push(span);
                    *self = Spans::Wide(wide);
                }
            },
            Spans::Wide(list) => list.push(span),
        }
    }

    pub fn get(&self, i: usize) -> Option<Range<usize>> {
        match self {
            Spans::Narrow(list) => list.get(i).map(|&[s, e]| s as usize..e as usize),
            Spans::Wide(list) => list.get(i).cloned(),
        }
    }

    pub fn len(&self) -> usize {
        match self {
            Spans::Narrow(list) => list.len(),
            Spans::Wide(list) => list.len(),
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = Range<usize>> + '_ {
        (0..self.len()).filter_map(|i| self.get(i))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_read_back_as_pushed() {
        let mut spans = Spans::default();
        spans.reserve(3);
        for span in [0..0, 5..9, 100..4000] {
            spans.push(span);
        }
        assert!(matches!(spans, Spans::Narrow(_)));
        assert_eq!(spans.len(), 3);
        assert_eq!(spans.get(1), Some(5..9));
        assert_eq!(spans.get(3), None);
        assert_eq!(spans.iter().collect::<Vec<_>>(), [0..0, 5..9, 100..4000]);
    }

    #[test]
    fn an_offset_past_four_gib_keeps_every_span_whole() {
        let far = u32::MAX as usize + 10;
        let mut spans = Spans::default();
        spans.push(3..7);
        spans.push(far..far + 2);
        spans.push(8..9);
        assert!(matches!(spans, Spans::Wide(_)));
        assert_eq!(spans.iter().collect::<Vec<_>>(), [3..7, far..far + 2, 8..9]);
        // A range ending past the limit also counts.
        let mut ending_far = Spans::default();
        ending_far.push(1..far);
        assert_eq!(ending_far.get(0), Some(1..far));
    }
}
