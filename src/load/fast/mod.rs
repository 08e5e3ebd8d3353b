//! The fast way to load a file that has nothing wrong with it: one pass
//! over the text straight into the model, on every core, with no TOML tree
//! in between.
//!
//! It only ever succeeds where the full reader would load the same
//! situation with no error, and then says what the full reader would: the
//! same warnings, word for word, at the same places. At an error (or any
//! TOML it does not take) it gives up, and the full reader reads the file
//! and reports what it finds exactly as it always has. So the fast path is
//! all speed and no behaviour: `tests/fast_load.rs` checks both readers
//! agree.
//!
//! The text is cut into pieces at `[[` header lines near equal shares and
//! the pieces are read at once. A cut is only sure to be between tables if
//! the piece before it ends cleanly: one that ends inside a multi-line
//! string or array ([`Stop::Cut`]) means a cut in the wrong place, and the
//! file is read again in one piece.

mod items;
mod scan;
mod stream;

use std::hash::BuildHasher;

use foldhash::fast::FixedState;
use hashbrown::HashTable;
use memchr::memmem;

use crate::model::{Lines, ListIndex, MAX_ITEMS, Situation};

use super::diagnostic::Diagnostic;
use super::progress::{Progress, Step};
use super::refs::{Resolved, Table};
use super::spans::Spans;
use super::{ItemTable, Report};
use items::Piece;
pub(super) use scan::Stop;
pub use stream::{Loaded, load_file_with, load_opened_with};

/// Below this, one thread reads the whole text: starting more costs more
/// than they save.
const SPLIT_FROM: usize = 1 << 20;

/// The full reader's report on `text`, if the file loads without an error
/// (see the module documentation); `None` otherwise.
pub(super) fn read(text: &str, progress: &Progress) -> Option<Report> {
    let threads = crate::cores::at_most_four();
    let pieces = if text.len() < SPLIT_FROM {
        vec![text]
    } else {
        split(text, threads)
    };
    read_pieces(text, &pieces, progress)
}

/// Reads `text` cut into `pieces`, each on its own thread.
fn read_pieces(text: &str, pieces: &[&str], progress: &Progress) -> Option<Report> {
    let read = if pieces.len() == 1 {
        vec![items::read(text, 0, progress)]
    } else {
        std::thread::scope(|scope| {
            let handles: Vec<_> = pieces
                .iter()
                .map(|&piece| {
                    let offset = piece.as_ptr() as usize - text.as_ptr() as usize;
                    scope.spawn(move || items::read(piece, offset, progress))
                })
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().unwrap_or(Err(Stop::Unusual)))
                .collect()
        })
    };
    let last = read.len() - 1;
    let cut_wrong = read[..last].iter().any(|r| matches!(r, Err(Stop::Cut)));
    let read = if cut_wrong {
        progress.reset_parsed();
        vec![items::read(text, 0, progress)]
    } else {
        read
    };
    let pieces: Vec<Piece> = read.into_iter().collect::<Result<_, _>>().ok()?;
    progress.set_step(Step::Checking);
    join(pieces)
}

/// `text` in up to `n` pieces, each but the first starting at a line that
/// begins with `[[`.
fn split(text: &str, n: usize) -> Vec<&str> {
    let mut pieces = Vec::with_capacity(n);
    let mut start = 0;
    for k in 1..n {
        let target = (text.len() / n * k).max(start);
        let Some(found) = memmem::find(&text.as_bytes()[target..], b"\n[[") else {
            break;
        };
        let cut = target + found + 1;
        pieces.push(&text[start..cut]);
        start = cut;
    }
    pieces.push(&text[start..]);
    pieces
}

/// Positions of ids, found by hash: the first of each; `None` when an id
/// comes twice (an error the full reader reports).
struct Index<'a> {
    ids: Vec<&'a str>,
    table: HashTable<u32>,
    used: Vec<bool>,
}

impl<'a> Index<'a> {
    fn new(ids: impl ExactSizeIterator<Item = &'a str>) -> Option<Index<'a>> {
        let hasher = FixedState::default();
        let mut index = Index {
            ids: Vec::with_capacity(ids.len()),
            table: HashTable::with_capacity(ids.len()),
            used: vec![false; ids.len()],
        };
        for id in ids {
            let at = u32::try_from(index.ids.len()).ok()?;
            let known = &index.ids;
            match index.table.entry(
                hasher.hash_one(id),
                |&i| known[i as usize] == id,
                |&i| hasher.hash_one(known[i as usize]),
            ) {
                hashbrown::hash_table::Entry::Occupied(_) => return None,
                hashbrown::hash_table::Entry::Vacant(slot) => {
                    slot.insert(at);
                }
            }
            index.ids.push(id);
        }
        Some(index)
    }

    /// The position of `id`, marked as referred to.
    fn find(&mut self, id: &str) -> Option<u32> {
        let ids = &self.ids;
        let &at = self.table.find(FixedState::default().hash_one(id), |&i| {
            ids[i as usize] == id
        })?;
        self.used[at as usize] = true;
        Some(at)
    }

    /// The full reader's warning about each id of `table` (actors,
    /// sources or places) that nothing refers to, given where each id is.
    fn unused<'s>(
        &'s self,
        spans: impl Iterator<Item = std::ops::Range<usize>> + 's,
        table: ItemTable,
    ) -> impl Iterator<Item = Diagnostic> + 's {
        self.ids
            .iter()
            .zip(&self.used)
            .zip(spans)
            .filter(|((_, used), _)| !**used)
            .map(move |((id, _), span)| {
                let message = match table {
                    ItemTable::Actors => format!(
                        "actor `{id}` is never referred to (no event, quote, metric or `part_of` names it)"
                    ),
                    ItemTable::Places => format!(
                        "place `{id}` is never referred to (no event, quote or `part_of` names it)"
                    ),
                    _ => format!("source `{id}` is never cited"),
                };
                Diagnostic::warning(span, message)
            })
    }
}

/// Ids unique among themselves, with nothing referring to them.
fn unique<'a>(ids: impl ExactSizeIterator<Item = &'a str>) -> Option<()> {
    Index::new(ids).map(drop)
}

/// Resolves the pieces' references, checks what needs every item, and joins
/// them into one situation in timeline order, with the warnings about it.
fn join(mut pieces: Vec<Piece>) -> Option<Report> {
    let mut headers = pieces.iter_mut().filter_map(|p| p.header.take());
    let (title, as_of, summary, location, tags) = headers.next()?;
    if headers.next().is_some() {
        return None;
    }
    let count = |f: fn(&Piece) -> usize| pieces.iter().map(f).sum::<usize>();
    if count(|p| p.refs.of.len()) >= MAX_ITEMS || count(|p| p.events.len()) >= MAX_ITEMS {
        return None;
    }
    macro_rules! ids {
        ($list:ident) => {
            pieces
                .iter()
                .flat_map(|p| p.$list.iter().map(|item| &*item.id))
                .collect::<Vec<_>>()
                .into_iter()
        };
    }
    let totals = Totals::of(&pieces);
    let mut warnings: Vec<Diagnostic> = pieces
        .iter_mut()
        .flat_map(|p| std::mem::take(&mut p.warnings))
        .collect();
    let resolved: Vec<Resolved> = {
        let mut sources = Index::new(ids!(sources))?;
        let mut actors = Index::new(ids!(actors))?;
        let mut places = Index::new(ids!(places))?;
        let mut events = Index::new(ids!(events))?;
        unique(ids!(metrics))?;
        let quote_ids: Vec<&str> = pieces
            .iter()
            .flat_map(|p| p.quotes.iter().filter_map(|q| q.id.as_deref()))
            .collect();
        unique(quote_ids.into_iter())?;
        let mut resolved = Vec::with_capacity(pieces.len());
        for piece in &pieces {
            let mut by_name = Vec::with_capacity(piece.refs.names.len());
            for (table, id) in &piece.refs.names {
                let index = match table {
                    Table::Sources => &mut sources,
                    Table::Actors => &mut actors,
                    Table::Places => &mut places,
                    Table::Events => &mut events,
                };
                by_name.push(index.find(id)?);
            }
            let targets = piece.refs.of.iter().map(|&n| by_name[n as usize]).collect();
            resolved.push(Resolved::from_targets(targets));
        }
        for (index, table) in [
            (&actors, ItemTable::Actors),
            (&sources, ItemTable::Sources),
            (&places, ItemTable::Places),
        ] {
            let spans = pieces
                .iter()
                .flat_map(|p| p.id_spans[table as usize].iter());
            warnings.extend(index.unused(spans, table));
        }
        resolved
    };
    let location_spans: Vec<Spans> = pieces
        .iter_mut()
        .map(|p| std::mem::take(&mut p.location_spans))
        .collect();
    let mut first_line = 0;
    let mut parts = pieces.into_iter().zip(resolved).map(|(piece, resolved)| {
        let mut part = Situation {
            sources: piece.sources,
            actors: piece.actors,
            places: piece.places,
            events: piece.events,
            metrics: piece.metrics,
            quotes: piece.quotes,
            lines: piece.lines,
            ..Situation::default()
        };
        super::settle_references(&mut part, &resolved)?;
        shift_lines(&mut part.lines, first_line);
        first_line += piece.newlines;
        Some(part)
    });
    // The first piece's lists grow to hold the rest, so that no list is
    // ever held twice.
    let mut situation = parts.next()??;
    reserve(&mut situation, totals);
    for part in parts {
        append(&mut situation, part?);
    }
    shrink(&mut situation);
    (situation.title, situation.as_of) = (title, as_of);
    (situation.summary, situation.location, situation.tags) = (summary, location, tags);
    let actors = parents(situation.actors.iter().map(|a| a.part_of));
    let places = parents(situation.places.iter().map(|p| p.part_of));
    if has_cycle(&actors) || has_cycle(&places) {
        return None;
    }
    warnings.extend(locations_naming_places(&situation, &location_spans));
    super::into_timeline_order(&mut situation);
    // In file order, as the full reader sorts them (no two at one place).
    warnings.sort_by_key(|w| w.span.start);
    Some(Report {
        situation: Some(situation),
        diagnostics: warnings,
    })
}

/// How many items of each list all the pieces hold, by `ItemTable as usize`.
#[derive(Default)]
struct Totals([usize; ItemTable::ALL.len()]);

impl Totals {
    fn of(pieces: &[Piece]) -> Totals {
        let mut t = Totals::default();
        for p in pieces {
            for table in ItemTable::ALL {
                t.0[table as usize] += p.len(table);
            }
        }
        t
    }
}

/// Room in `whole`'s lists (and their lines) for every piece's items.
fn reserve(whole: &mut Situation, totals: Totals) {
    let [sources, actors, places, events, metrics, quotes] = totals.0;
    let s = whole;
    s.sources.reserve_exact(sources - s.sources.len());
    s.actors.reserve_exact(actors - s.actors.len());
    s.places.reserve_exact(places - s.places.len());
    s.events.reserve_exact(events - s.events.len());
    s.metrics.reserve_exact(metrics - s.metrics.len());
    s.quotes.reserve_exact(quotes - s.quotes.len());
    for table in ItemTable::ALL {
        let lines = table.lines(&mut s.lines);
        lines.reserve_exact(totals.0[table as usize] - lines.len());
    }
}

/// Lists grown while reading hold no more room than their items need.
fn shrink(s: &mut Situation) {
    s.sources.shrink_to_fit();
    s.actors.shrink_to_fit();
    s.places.shrink_to_fit();
    s.events.shrink_to_fit();
    s.metrics.shrink_to_fit();
    s.quotes.shrink_to_fit();
    for table in ItemTable::ALL {
        table.lines(&mut s.lines).shrink_to_fit();
    }
}

fn append(whole: &mut Situation, mut part: Situation) {
    whole.sources.append(&mut part.sources);
    whole.actors.append(&mut part.actors);
    whole.places.append(&mut part.places);
    whole.events.append(&mut part.events);
    whole.metrics.append(&mut part.metrics);
    whole.quotes.append(&mut part.quotes);
    for table in ItemTable::ALL {
        table
            .lines(&mut whole.lines)
            .append(table.lines(&mut part.lines));
    }
}

/// A piece's lines, counted from its own start, after the `before` lines
/// of the pieces before it.
fn shift_lines(lines: &mut Lines, before: u32) {
    if before == 0 {
        return;
    }
    for table in ItemTable::ALL {
        for line in table.lines(lines).iter_mut() {
            *line = line.saturating_add(before);
        }
    }
}

fn parents<I: ListIndex>(links: impl Iterator<Item = Option<I>>) -> Vec<Option<usize>> {
    links.map(|link| link.map(I::position)).collect()
}

/// Whether following `part_of` links from some item comes back to it.
fn has_cycle(parents: &[Option<usize>]) -> bool {
    const UNVISITED: u8 = 0;
    const ON_CHAIN: u8 = 1;
    const DONE: u8 = 2;
    let mut state = vec![UNVISITED; parents.len()];
    let mut chain = Vec::new();
    for start in 0..parents.len() {
        let mut at = Some(start);
        while let Some(i) = at {
            match state[i] {
                DONE => break,
                ON_CHAIN => return true,
                _ => {
                    state[i] = ON_CHAIN;
                    chain.push(i);
                    at = parents[i];
                }
            }
        }
        for c in chain.drain(..) {
            state[c] = DONE;
        }
    }
    false
}

/// The full reader's warning about each event `location` that is a
/// place's name or alias (`spans`: where each location is, piece by piece,
/// in file order). A hash of each label finds the few to compare.
fn locations_naming_places(s: &Situation, spans: &[Spans]) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    if s.places.is_empty() {
        return warnings;
    }
    let labels = || {
        s.places.iter().enumerate().flat_map(|(i, p)| {
            std::iter::once(&p.name)
                .chain(&p.aliases)
                .map(move |label| (i, label))
        })
    };
    let keys: hashbrown::HashSet<u64, FixedState> =
        labels().map(|(_, label)| super::label_key(label)).collect();
    // Built at the first likely match: by label, the first place it names.
    let mut named: Option<hashbrown::HashMap<String, usize>> = None;
    let located = s
        .events
        .iter()
        .filter_map(|e| Some((e, e.location.as_deref()?)));
    for ((event, location), span) in located.zip(spans.iter().flat_map(Spans::iter)) {
        if !keys.contains(&super::label_key(location)) {
            continue;
        }
        let named = named.get_or_insert_with(|| {
            let mut named = hashbrown::HashMap::new();
            for (i, label) in labels() {
                named.entry(label.trim().to_lowercase()).or_insert(i);
            }
            named
        });
        let Some(&place) = named.get(&location.trim().to_lowercase()) else {
            continue;
        };
        let id = &s.places[place].id;
        let help = if event.place.map(ListIndex::position) == Some(place) {
            "drop `location`: `place` already says where".to_string()
        } else {
            format!("use `place = \"{id}\"` so that filtering and the map see it")
        };
        warnings.push(
            Diagnostic::warning(span, format!("`location` names the place `{id}`"))
                .with_help(Some(help)),
        );
    }
    warnings
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_start_at_item_headers_and_cover_the_text() {
        let text =
            "[situation]\nx = 1\n[[events]]\na = 1\n[[events]]\nb = \"\"\"\n[[not]]\n\"\"\"\n";
        let pieces = split(text, 3);
        assert_eq!(pieces.concat(), text);
        assert!(pieces[1..].iter().all(|p| p.starts_with("[[")));
        assert_eq!(split("no headers", 2), ["no headers"]);
    }

    #[test]
    fn a_cut_inside_a_multi_line_string_is_found_and_the_file_read_whole() {
        let text = "[situation]\ntitle = \"T\"\nas_of = 2024-01-02\n[[sources]]\nid = \"s\"\n\
                    title = \"S\"\n[[events]]\nid = \"a\"\ndate = 2024-01-01\ntitle = \"A\"\n\
                    summary = \"\"\"\n[[events]]\nid = \"b\"\n\"\"\"\nsources = [\"s\"]\n";
        let cut = text.find("[[events]]\nid = \"b").unwrap();
        let whole = crate::load::load_str_in_full(text).situation.unwrap();
        assert_eq!(whole.events.len(), 1);
        let progress = Progress::new();
        let read = read_pieces(text, &[&text[..cut], &text[cut..]], &progress);
        assert_eq!(read.and_then(|r| r.situation), Some(whole));
        assert_eq!(
            progress.snapshot().parsed,
            text.len(),
            "parsed once, as a whole"
        );
    }

    #[test]
    fn a_cycle_is_found_wherever_it_starts() {
        assert!(!has_cycle(&[None, Some(0), Some(1)]));
        assert!(has_cycle(&[None, Some(2), Some(1)]));
        assert!(has_cycle(&[Some(0)]));
        assert!(!has_cycle(&[]));
    }
}
