//! Which records of a block of search text hold each byte, and each pair of
//! adjacent bytes: what lets a search read only the records that can hold
//! what it looks for, rather than all the text.
//!
//! A record holds a needle only if it holds every pair of adjacent bytes in
//! it, so the records holding all of a needle's pairs are the only ones
//! worth reading; for a needle of one or two bytes they are the answer.
//! Each byte or pair keeps its records as a sorted list of 16-bit numbers,
//! or as one bit per record once that is smaller (more than one record in
//! sixteen): a block's postings never take more than two bytes a mention,
//! nor more than an eighth of a byte per record for each byte or pair.

/// The most records a block holds: record numbers are 16 bits.
pub const BLOCK_MAX: usize = 1 << 16;

/// Every byte and adjacent pair of one block of records, with the records
/// holding each.
#[derive(Clone, Debug, Default)]
pub struct Grams {
    records: usize,
    /// The grams present, by key (see [`key`]), in key order.
    entries: Vec<Entry>,
    /// Record numbers of the sparse grams, each gram's run in order.
    lists: Vec<u16>,
    /// One bit per record for the dense grams, each gram's run of words.
    sets: Vec<u64>,
}

#[derive(Clone, Copy, Debug)]
struct Entry {
    key: u32,
    /// Records holding the gram.
    count: u32,
    /// Where its records start in `lists` or, when dense, in `sets`.
    at: u32,
}

/// A byte's key is the byte; a pair's comes after every byte's.
fn key(gram: &[u8]) -> u32 {
    match *gram {
        [b] => u32::from(b),
        [a, b] => 256 + (u32::from(a) << 8 | u32::from(b)),
        _ => unreachable!("grams are one or two bytes"),
    }
}

const KEYS: usize = 256 + (1 << 16);

/// Whether a gram held by `count` of `records` records is kept as bits.
fn dense(count: usize, records: usize) -> bool {
    count * 16 > records
}

/// Records of a block, one bit each.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bits(Vec<u64>);

impl Bits {
    fn none(records: usize) -> Bits {
        Bits(vec![0; records.div_ceil(64)])
    }

    fn set(&mut self, record: usize) {
        self.0[record / 64] |= 1 << (record % 64);
    }

    pub fn has(&self, record: usize) -> bool {
        self.0
            .get(record / 64)
            .is_some_and(|w| w >> (record % 64) & 1 == 1)
    }

    /// The records set, in order.
    pub fn ones(&self) -> impl Iterator<Item = usize> + '_ {
        self.0.iter().enumerate().flat_map(|(i, &word)| {
            let mut word = word;
            std::iter::from_fn(move || {
                (word != 0).then(|| {
                    let bit = word.trailing_zeros() as usize;
                    word &= word - 1;
                    i * 64 + bit
                })
            })
        })
    }
}

/// What the grams say of a needle in a block.
#[derive(Debug, PartialEq, Eq)]
pub enum Lookup {
    /// Exactly the records holding it (a needle of one or two bytes).
    Exact(Bits),
    /// The only records that may hold it: each is still to be read.
    Maybe(Bits),
}

/// Pairs looked up for one needle at most: the rarest few already leave
/// little to read, and a long pasted needle should not cost more to look up
/// than to read.
const PAIRS_LOOKED_UP: usize = 8;

impl Grams {
    /// The grams of `records` records of `text`, record `r` being the bytes
    /// from `starts[r]` up to the next record's start (or the end of the
    /// text), less its last byte (the separator the text puts after each).
    pub fn new(text: &[u8], starts: &[usize]) -> Grams {
        let records = starts.len().min(BLOCK_MAX);
        // The records of each key, found in record order; `last` dedups a
        // record's repeats of a gram.
        let mut last = vec![u32::MAX; KEYS];
        let mut found: Vec<Vec<u16>> = vec![Vec::new(); KEYS];
        let mut note = |key: usize, record: usize| {
            if last[key] != record as u32 {
                last[key] = record as u32;
                found[key].push(record as u16);
            }
        };
        for record in 0..records {
            let end = starts.get(record + 1).copied().unwrap_or(text.len());
            let bytes = &text[starts[record]..end.saturating_sub(1).max(starts[record])];
            let mut previous = None;
            for &b in bytes {
                note(usize::from(b), record);
                if let Some(a) = previous {
                    note(256 + (usize::from(a) << 8 | usize::from(b)), record);
                }
                previous = Some(b);
            }
        }
        let mut grams = Grams {
            records,
            ..Grams::default()
        };
        for (key, list) in found.into_iter().enumerate() {
            if list.is_empty() {
                continue;
            }
            let count = list.len();
            let at = if dense(count, records) {
                let at = grams.sets.len();
                let mut bits = Bits::none(records);
                for &r in &list {
                    bits.set(usize::from(r));
                }
                grams.sets.extend(bits.0);
                at
            } else {
                let at = grams.lists.len();
                grams.lists.extend(list);
                at
            };
            grams.entries.push(Entry {
                key: key as u32,
                count: count as u32,
                at: at as u32,
            });
        }
        grams
    }

    /// Bytes the postings take.
    pub fn size(&self) -> usize {
        self.entries.len() * std::mem::size_of::<Entry>()
            + self.lists.len() * 2
            + self.sets.len() * 8
    }

    fn entry(&self, gram: &[u8]) -> Option<Entry> {
        let key = key(gram);
        let at = self.entries.binary_search_by_key(&key, |e| e.key).ok()?;
        Some(self.entries[at])
    }

    fn bits(&self, entry: Entry) -> Bits {
        let (at, count) = (entry.at as usize, entry.count as usize);
        if dense(count, self.records) {
            let words = self.records.div_ceil(64);
            Bits(self.sets[at..at + words].to_vec())
        } else {
            let mut bits = Bits::none(self.records);
            for &r in &self.lists[at..at + count] {
                bits.set(usize::from(r));
            }
            bits
        }
    }

    /// Keeps of `bits` the records holding the gram of `entry`.
    fn keep(&self, bits: &mut Bits, entry: Entry) {
        let (at, count) = (entry.at as usize, entry.count as usize);
        if dense(count, self.records) {
            for (word, &set) in bits.0.iter_mut().zip(&self.sets[at..]) {
                *word &= set;
            }
        } else {
            let mut kept = Bits::none(self.records);
            for &r in &self.lists[at..at + count] {
                if bits.has(usize::from(r)) {
                    kept.set(usize::from(r));
                }
            }
            *bits = kept;
        }
    }

    /// The records that hold `needle`, or may: `None` when the grams cannot
    /// say (an empty needle, or one holding the separator byte 0).
    pub fn lookup(&self, needle: &[u8]) -> Option<Lookup> {
        if needle.is_empty() || needle.contains(&0) {
            return None;
        }
        if needle.len() <= 2 {
            let bits = match self.entry(needle) {
                Some(entry) => self.bits(entry),
                None => Bits::none(self.records),
            };
            return Some(Lookup::Exact(bits));
        }
        let mut entries = Vec::with_capacity(needle.len() - 1);
        for pair in needle.windows(2) {
            match self.entry(pair) {
                Some(entry) => entries.push(entry),
                // A pair no record holds: neither does any the needle.
                None => return Some(Lookup::Exact(Bits::none(self.records))),
            }
        }
        entries.sort_by_key(|e| (e.count, e.key));
        entries.dedup_by_key(|e| e.key);
        let mut rarest = entries.iter().take(PAIRS_LOOKED_UP);
        let first = rarest.next().copied()?;
        let mut bits = self.bits(first);
        for &entry in rarest {
            self.keep(&mut bits, entry);
        }
        Some(Lookup::Maybe(bits))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Records joined as the search text joins them: each followed by 0.
    fn block(records: &[String]) -> (Vec<u8>, Vec<usize>) {
        let (mut text, mut starts) = (Vec::new(), Vec::new());
        for r in records {
            starts.push(text.len());
            text.extend_from_slice(r.as_bytes());
            text.push(0);
        }
        (text, starts)
    }

    /// The records holding `needle`, each read whole.
    fn plain(records: &[String], needle: &str) -> Vec<usize> {
        (0..records.len())
            .filter(|&r| records[r].contains(needle))
            .collect()
    }

    /// The records the grams give, read where they only may hold it.
    fn looked_up(grams: &Grams, records: &[String], needle: &str) -> Option<Vec<usize>> {
        Some(match grams.lookup(needle.as_bytes())? {
            Lookup::Exact(bits) => bits.ones().collect(),
            Lookup::Maybe(bits) => bits
                .ones()
                .filter(|&r| records[r].contains(needle))
                .collect(),
        })
    }

    #[test]
    fn one_and_two_bytes_are_answered_and_longer_needles_narrowed() {
        let records: Vec<String> = ["port-au-prince", "airport\nroad", "sport", "", "rot"]
            .map(String::from)
            .to_vec();
        let (text, starts) = block(&records);
        let grams = Grams::new(&text, &starts);
        let exact = |needle: &str| match grams.lookup(needle.as_bytes()) {
            Some(Lookup::Exact(bits)) => bits.ones().collect::<Vec<_>>(),
            other => panic!("{needle}: {other:?}"),
        };
        assert_eq!(exact("p"), [0, 1, 2]);
        assert_eq!(exact("rt"), [0, 1, 2]);
        assert_eq!(exact("t\n"), [1]);
        assert_eq!(exact("x"), Vec::<usize>::new());
        // "ort" narrows to the records with both "or" and "rt"; "rot" has
        // neither pair in that order.
        match grams.lookup(b"ort") {
            Some(Lookup::Maybe(bits)) => assert_eq!(bits.ones().collect::<Vec<_>>(), [0, 1, 2]),
            other => panic!("{other:?}"),
        }
        assert_eq!(looked_up(&grams, &records, "port"), Some(vec![0, 1, 2]));
        assert_eq!(looked_up(&grams, &records, "port-"), Some(vec![0]));
        assert_eq!(looked_up(&grams, &records, "tro"), Some(vec![]));
        // The separator is never looked up: the caller reads the text.
        assert_eq!(grams.lookup(b"t\0r"), None);
        assert_eq!(grams.lookup(b""), None);
    }

    #[test]
    fn the_separator_after_each_record_is_no_part_of_it() {
        let records: Vec<String> = ["ab", "cd"].map(String::from).to_vec();
        let (text, starts) = block(&records);
        let grams = Grams::new(&text, &starts);
        assert_eq!(grams.lookup(b"b"), Some(Lookup::Exact(Bits(vec![0b01]))));
        // No pair of "b", the separator and "c" is any record's.
        assert_eq!(looked_up(&grams, &records, "bc"), Some(vec![]));
    }

    #[test]
    fn dense_and_sparse_grams_take_at_most_what_their_records_need() {
        // "a" in every record (bits), "z" in one (a list).
        let records: Vec<String> = (0..1000)
            .map(|i| if i == 7 { "az".into() } else { "a".into() })
            .collect();
        let (text, starts) = block(&records);
        let grams = Grams::new(&text, &starts);
        assert_eq!(
            looked_up(&grams, &records, "a").map(|r| r.len()),
            Some(1000)
        );
        assert_eq!(looked_up(&grams, &records, "z"), Some(vec![7]));
        assert_eq!(looked_up(&grams, &records, "az"), Some(vec![7]));
        // Three grams: "a" as 16 words, "z" and "az" as one number each.
        assert_eq!(grams.sets.len(), 1000usize.div_ceil(64));
        assert_eq!(grams.lists.len(), 2);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]
        /// Whatever the records and the needle (accented letters and
        /// other multi-byte characters, line breaks, repeats), the grams
        /// and a reading of what they leave find what a plain search of
        /// every record finds.
        #[test]
        fn grams_find_what_a_plain_search_finds(
            records in proptest::collection::vec("[abé \n漢p]{0,12}", 0..80),
            needle in "[abé \n漢p]{1,5}",
        ) {
            let (text, starts) = block(&records);
            let grams = Grams::new(&text, &starts);
            prop_assert_eq!(looked_up(&grams, &records, &needle), Some(plain(&records, &needle)));
        }
    }
}
