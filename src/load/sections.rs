//! Reading a file one top-level section at a time.
//!
//! The spanned tree of a whole document takes many times the size of its
//! text (over 500 MB at its peak for a 45 MB file), yet a situation file is a
//! run of small sections: `[situation]`, then `[[sources]]`, `[[actors]]` and
//! so on, one per item. Each section is parsed on its own, read into the
//! model, and dropped, so memory stays close to the size of the model.
//!
//! That is only right when the sections together mean what the document
//! means. A section starts at each line that begins with `[`; reading by
//! sections gives up (and the caller reads the whole document, which reports
//! everything exactly as before) unless:
//!
//! - every section parses: a TOML error is reported as for the whole file;
//! - the text before the first section holds nothing but comments;
//! - each section defines exactly one top-level key, by its header: one
//!   `[situation]` table, or items of `[[sources]]`, `[[actors]]`,
//!   `[[events]]`, `[[metrics]]` or `[[quotes]]`.
//!
//! Sections then cannot interact, except through what the builder already
//! handles (ids and references). A `[` at the start of a line inside a
//! multi-line string or array also starts a section here, but the section
//! before it then ends inside an unfinished value and fails to parse, so a
//! wrong split only costs the slower path, never a wrong reading.

use std::ops::Range;
use std::sync::mpsc;

use memchr::memmem;
use toml::de::{DeTable, DeValue};

use super::progress::{Progress, Step};
use super::{Builder, ItemTable, Situation};

/// Sections parsed together on one thread, and handed over together.
const BATCH: usize = 64;

/// Reads `text` section by section into `builder`; `None` when the file has
/// to be read as a whole (see the module documentation).
pub(super) fn read<'i>(
    text: &'i str,
    mut builder: Builder<'i, '_>,
    progress: &Progress,
) -> Option<Option<Situation>> {
    let batches = batches(text);
    // Headers as the generator and most people write them; a count that is
    // off only costs a list growing as it would have anyway.
    for (table, count) in ItemTable::ALL.into_iter().zip(batches.headers) {
        builder.reserve(table, count);
    }
    let mut read_items = 0;
    parse_in_order(text, &batches.ranges, |start, root| {
        progress.parsed_up_to(start, read_items);
        builder.problems.offset = start;
        let mut entries = root.iter();
        match (entries.next(), entries.next()) {
            (None, _) => Some(()),
            (Some((key, value)), None) if text[start..].starts_with('[') => {
                match (key.get_ref().as_ref(), value.get_ref()) {
                    ("situation", DeValue::Table(_)) if !builder.situation_seen => {
                        builder.situation(value);
                        read_items += 1;
                    }
                    (name, DeValue::Array(items)) => {
                        let table = ItemTable::named(name)?;
                        for item in items.iter() {
                            if !item.get_ref().is_table() {
                                return None;
                            }
                            builder.item(table, item);
                        }
                        read_items += items.len();
                    }
                    _ => return None,
                }
                Some(())
            }
            _ => None,
        }
    })?;
    progress.parsed_up_to(text.len(), read_items);
    progress.set_step(Step::Checking);
    builder.problems.offset = 0;
    if !builder.situation_seen {
        // First among problems at the start of the file, as when the whole
        // document is read (nothing else there is found before it).
        builder.problems.list.insert(0, super::missing_situation());
        builder.situation_seen = true;
    }
    Some(builder.finish())
}

/// Parses the sections of the batches at `batches` and hands each, in file
/// order, to `read` with its offset; stops at the first one that does not
/// parse or that `read` refuses.
///
/// Parsing is most of the work, and sections are independent, so batches of
/// them are parsed on worker threads (in turn, so that they arrive in
/// order) while this thread reads them. Bounded channels keep only a few
/// batches in memory at once.
fn parse_in_order<'i>(
    text: &'i str,
    batches: &[Range<usize>],
    mut read: impl FnMut(usize, &DeTable<'i>) -> Option<()>,
) -> Option<()> {
    let parse = |batch: &Range<usize>| -> Parsed<'i> {
        sections_in(text, batch.clone())
            .map(|(start, end)| {
                let root = DeTable::parse(&text[start..end]).ok();
                (start, root.map(|root| root.into_inner()))
            })
            .collect()
    };
    let workers = crate::cores::at_most_four();
    if workers < 2 || batches.len() < 2 {
        for batch in batches {
            for (start, root) in parse(batch) {
                read(start, &root?)?;
            }
        }
        return Some(());
    }
    std::thread::scope(|scope| {
        let workers: Vec<Worker<'i>> = (0..workers)
            .map(|worker| {
                let (sender, parsed) = mpsc::sync_channel(2);
                let (give_back, done) = mpsc::channel::<Parsed<'i>>();
                let mine = batches.iter().skip(worker).step_by(workers);
                // If no thread can be made, the closure and its sender are
                // dropped: the reader sees the hang-up and gives up.
                let _ = std::thread::Builder::new().spawn_scoped(scope, move || {
                    for batch in mine {
                        // The reader has stopped: so do we.
                        if sender.send(parse(batch)).is_err() {
                            break;
                        }
                        // Trees are freed by the thread that made them:
                        // freeing another thread's memory is much slower.
                        done.try_iter().for_each(drop);
                    }
                    done.iter().for_each(drop);
                });
                Worker { parsed, give_back }
            })
            .collect();
        for n in 0..batches.len() {
            // Worker n % count parses batch n; it only hangs up early if it
            // panicked (which the scope reports) or could not start.
            let worker = &workers[n % workers.len()];
            let trees = worker.parsed.recv().ok()?;
            for (start, root) in &trees {
                read(*start, root.as_ref()?)?;
            }
            // Only fails if the worker panicked, which the scope reports.
            let _ = worker.give_back.send(trees);
        }
        Some(())
    })
}

/// The sections of one batch as parsed, each with where it starts; `None`
/// for one that does not parse.
type Parsed<'i> = Vec<(usize, Option<DeTable<'i>>)>;

/// A parsing thread, as the reader sees it.
struct Worker<'i> {
    parsed: mpsc::Receiver<Parsed<'i>>,
    /// Trees already read, to be freed by the worker.
    give_back: mpsc::Sender<Parsed<'i>>,
}

/// The file cut into batches of [`BATCH`] sections, and how many sections
/// start with each item table's header.
struct Batches {
    /// Byte ranges, one per batch rather than one per section: a file of a
    /// million small items has a million sections.
    ranges: Vec<Range<usize>>,
    /// By `ItemTable::ALL` order.
    headers: [usize; ItemTable::ALL.len()],
}

fn batches(text: &str) -> Batches {
    let names = ItemTable::ALL.map(|table| format!("[[{}]]", table.name()));
    let mut headers = [0; ItemTable::ALL.len()];
    let mut ranges = Vec::new();
    let mut batch_start = 0;
    for (n, (start, end)) in sections_in(text, 0..text.len()).enumerate() {
        let section = &text[start..end];
        if let Some(i) = names
            .iter()
            .position(|name| section.starts_with(name.as_str()))
        {
            headers[i] += 1;
        }
        if (n + 1) % BATCH == 0 || end == text.len() {
            ranges.push(batch_start..end);
            batch_start = end;
        }
    }
    Batches { ranges, headers }
}

/// Byte ranges of the sections in `within` (itself starting at a section):
/// each starts at a line beginning with `[` (the first also at the start)
/// and runs to the next.
fn sections_in(text: &str, within: Range<usize>) -> impl Iterator<Item = (usize, usize)> + '_ {
    let Range { start, end } = within;
    let starts =
        memmem::find_iter(&text.as_bytes()[start..end], b"\n[").map(move |at| start + at + 1);
    let mut from = start;
    starts.chain(std::iter::once(end)).map(move |to| {
        let range = (from, to);
        from = to;
        range
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_start_at_lines_that_begin_with_a_bracket() {
        let text = "# c\n[situation]\nx = 1\n  [not]\n[[events]]\n";
        let parts: Vec<&str> = sections_in(text, 0..text.len())
            .map(|(s, e)| &text[s..e])
            .collect();
        assert_eq!(
            parts,
            ["# c\n", "[situation]\nx = 1\n  [not]\n", "[[events]]\n"]
        );
        let starts_with_header = "[situation]\n[[events]]";
        let all = 0..starts_with_header.len();
        let parts: Vec<&str> = sections_in(starts_with_header, all)
            .map(|(s, e)| &starts_with_header[s..e])
            .collect();
        assert_eq!(parts, ["[situation]\n", "[[events]]"]);
        assert_eq!(sections_in("", 0..0).count(), 1);
    }
}
