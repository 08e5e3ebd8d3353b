//! Loading a large file as it is read, so that its text is never held
//! whole: each block is read into the model on a worker thread while the
//! next is read, and then dropped. Only a file the fast path leaves to the
//! full reader is read whole, as every file used to be, and a file with
//! warnings is read again once loaded, to show where they are.

use std::io::Read;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;

use memchr::memmem;

use crate::read::{self, ReadError};

use super::super::progress::{Progress, Step};
use super::super::{Report, load_bytes_either_way};
use super::items::{self, Piece};
use super::scan::Stop;

/// Files smaller than this are read whole: their text is small beside
/// what the program holds anyway.
const STREAM_FROM: u64 = 32 << 20;

/// How much is read at a time; a block ends at the last `[[` header line
/// in it, and the rest goes on into the next.
const BLOCK: usize = 16 << 20;

/// A file's report, and its bytes when the full reader read it (they show
/// where its problems are).
pub struct Loaded {
    pub report: Report,
    pub bytes: Option<Vec<u8>>,
}

/// Reads and loads the regular file at `path` (at most `limit` bytes; see
/// [`crate::read`]), telling `progress` how far it has got.
pub fn load_file_with(path: &Path, limit: u64, progress: &Progress) -> Result<Loaded, ReadError> {
    let (file, len) = read::open_regular(path, limit)?;
    load_opened_with(path, file, len, limit, progress)
}

/// [`load_file_with`] for the file at `path` already opened, with its
/// length, by [`read::open_regular`]: what is loaded is what was opened.
pub fn load_opened_with(
    path: &Path,
    file: std::fs::File,
    len: u64,
    limit: u64,
    progress: &Progress,
) -> Result<Loaded, ReadError> {
    load_in_blocks(path, (file, len), limit, progress, Blocks::default())
}

/// When and how a file is read in blocks.
#[derive(Clone, Copy)]
struct Blocks {
    from: u64,
    size: usize,
}

impl Default for Blocks {
    fn default() -> Self {
        Blocks {
            from: STREAM_FROM,
            size: BLOCK,
        }
    }
}

fn load_in_blocks(
    path: &Path,
    (file, len): (std::fs::File, u64),
    limit: u64,
    progress: &Progress,
    blocks: Blocks,
) -> Result<Loaded, ReadError> {
    let whole = |bytes: Result<Vec<u8>, ReadError>, try_fast: bool| {
        progress.reset_parsed();
        let bytes = bytes?;
        let report = load_bytes_either_way(&bytes, progress, try_fast);
        Ok(Loaded {
            report,
            bytes: Some(bytes),
        })
    };
    if len < blocks.from {
        return whole(read::read_opened(file, len, limit, |_| {}), true);
    }
    progress.set_total(usize::try_from(len).unwrap_or(usize::MAX));
    progress.set_step(Step::Parsing);
    let modified = file.metadata().and_then(|m| m.modified()).ok();
    match stream(file, len, progress, blocks.size) {
        Streamed::Loaded(report) if report.diagnostics.is_empty() => Ok(Loaded {
            report: *report,
            bytes: None,
        }),
        Streamed::Loaded(report) => {
            // Warnings are shown with their lines: the text read then must
            // be the text loaded.
            let bytes = read::read_file(path, limit);
            let now = std::fs::metadata(path).and_then(|m| m.modified()).ok();
            match bytes {
                Ok(bytes) if bytes.len() as u64 == len && now == modified => Ok(Loaded {
                    report: *report,
                    bytes: Some(bytes),
                }),
                _ => whole(read::read_file(path, limit), true),
            }
        }
        Streamed::Again => whole(read::read_file(path, limit), true),
        Streamed::Refused => whole(read::read_file(path, limit), false),
    }
}

enum Streamed {
    Loaded(Box<Report>),
    /// Read it again whole, the fast path first: a block was cut inside a
    /// multi-line value, or the file changed or failed to read meanwhile.
    Again,
    /// The fast path would refuse it whole too: straight to the full reader.
    Refused,
}

fn stream(mut file: std::fs::File, len: u64, progress: &Progress, size: usize) -> Streamed {
    let modified = file.metadata().and_then(|m| m.modified()).ok();
    let threads = crate::cores::at_most_four();
    let refused = AtomicBool::new(false);
    let (mut failed, mut not_text, mut at_end) = (false, false, false);
    let mut total: u64 = 0;
    let read: Vec<Result<Piece<'static>, Stop>> = std::thread::scope(|scope| {
        let (mut texts, mut pieces) = (Vec::new(), Vec::new());
        for _ in 0..threads {
            // Each block with where it starts in the file.
            let (send, receive) = mpsc::sync_channel::<(usize, String)>(1);
            let (done, read) = mpsc::channel();
            let refused = &refused;
            scope.spawn(move || {
                for (offset, text) in receive {
                    let piece = items::read(&text, offset, progress).map(Piece::into_owned);
                    drop(text);
                    if piece.is_err() {
                        refused.store(true, Ordering::Relaxed);
                    }
                    if done.send(piece).is_err() {
                        break;
                    }
                }
            });
            texts.push(send);
            pieces.push(read);
        }
        let mut sent = 0;
        let mut sent_bytes = 0;
        let mut carry: Vec<u8> = Vec::new();
        while !refused.load(Ordering::Relaxed) {
            let mut block = std::mem::take(&mut carry);
            block.reserve(size);
            let before = block.len();
            if (&mut file)
                .take(size as u64)
                .read_to_end(&mut block)
                .is_err()
            {
                failed = true;
                break;
            }
            let got = block.len() - before;
            total += got as u64;
            // It grows while it is read: the whole reading checks the limit.
            if total > len {
                failed = true;
                break;
            }
            if got > 0 {
                // Up to the last header line; the rest starts the next block.
                match memmem::rfind(&block[1..], b"\n[[") {
                    Some(at) => carry = block.split_off(at + 2),
                    None => {
                        carry = block;
                        continue;
                    }
                }
            }
            if !block.is_empty() {
                let Ok(text) = String::from_utf8(block) else {
                    not_text = true;
                    break;
                };
                let len = text.len();
                if texts[sent % threads].send((sent_bytes, text)).is_err() {
                    failed = true;
                    break;
                }
                sent += 1;
                sent_bytes += len;
            }
            if got == 0 {
                at_end = true;
                break;
            }
        }
        drop(texts);
        (0..sent)
            .map(|n| pieces[n % threads].recv().unwrap_or(Err(Stop::Unusual)))
            .collect()
    });
    if not_text {
        return Streamed::Refused;
    }
    let unchanged = file
        .metadata()
        .is_ok_and(|now| now.len() == len && now.modified().ok() == modified && total == len);
    if failed || !unchanged {
        return Streamed::Again;
    }
    if let Some(first) = read.iter().position(Result::is_err) {
        // A block that ends inside a value was cut in the wrong place,
        // unless it is where the file itself ends.
        let file_ends_there = at_end && first + 1 == read.len();
        let cut_wrong = matches!(read[first], Err(Stop::Cut)) && !file_ends_there;
        return if cut_wrong {
            Streamed::Again
        } else {
            Streamed::Refused
        };
    }
    let pieces: Vec<Piece> = read.into_iter().flatten().collect();
    progress.set_step(Step::Checking);
    match super::join(pieces) {
        Some(report) => Streamed::Loaded(Box::new(report)),
        None => Streamed::Refused,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::load_str_in_full;

    fn load_in_small_blocks(text: &str) -> Loaded {
        let mut file = tempfile::NamedTempFile::new().expect("a temporary file");
        std::io::Write::write_all(&mut file, text.as_bytes()).expect("written");
        let blocks = Blocks {
            from: 0,
            size: 4096,
        };
        let progress = Progress::new();
        let loaded = load_in_blocks(
            file.path(),
            read::open_regular(file.path(), u64::MAX).expect("opens"),
            u64::MAX,
            &progress,
            blocks,
        )
        .expect("read");
        assert_eq!(
            progress.snapshot().parsed,
            text.len(),
            "every byte parsed once"
        );
        loaded
    }

    fn generated(events: usize) -> String {
        let mut out = Vec::new();
        let options = sitrep_generate::Options::new(events, 5).with_places(20);
        sitrep_generate::generate(&options, &mut out).expect("generated");
        String::from_utf8(out).expect("UTF-8")
    }

    #[test]
    fn a_file_read_in_blocks_loads_as_the_full_reader_reads_it_and_is_not_kept() {
        let text = generated(400);
        let loaded = load_in_small_blocks(&text);
        assert!(loaded.bytes.is_none());
        assert!(loaded.report.diagnostics.is_empty());
        assert_eq!(loaded.report.situation, load_str_in_full(&text).situation);
    }

    #[test]
    fn a_file_with_a_problem_is_read_whole_and_reported_as_before() {
        let text = generated(200) + "\n[[events]]\nid = 1\n";
        let loaded = load_in_small_blocks(&text);
        assert_eq!(loaded.bytes.as_deref(), Some(text.as_bytes()));
        let full = load_str_in_full(&text);
        assert!(!full.diagnostics.is_empty());
        assert_eq!(loaded.report.diagnostics, full.diagnostics);
    }

    #[test]
    fn a_file_with_warnings_read_in_blocks_warns_as_the_full_reader_and_is_kept() {
        // Warnings in the first and a later block, and one only the whole
        // file shows (a source nothing cites).
        let mut text = generated(400);
        let first = text.find("\n[[events]]\n").expect("an event");
        let cite = text[first..].find("\nsources = [").expect("a cited source") + first;
        text.insert(cite + 1, '#');
        let late = text.rfind("\nsources = [").expect("a cited source");
        text.insert(late + 1, '#');
        text.push_str("\n[[sources]]\nid = \"uncited\"\ntitle = \"Uncited\"\n");
        for text in [
            text.clone(),
            format!("\u{feff}{}", text.replace('\n', "\r\n")),
        ] {
            let loaded = load_in_small_blocks(&text);
            let full = load_str_in_full(&text);
            assert!(full.errors().next().is_none(), "{:?}", full.diagnostics);
            assert_eq!(full.warnings().count(), 3, "{:?}", full.diagnostics);
            assert_eq!(loaded.report.diagnostics, full.diagnostics);
            assert_eq!(loaded.report.situation, full.situation);
            assert_eq!(loaded.bytes.as_deref(), Some(text.as_bytes()));
        }
    }

    #[test]
    fn a_block_cut_inside_a_multi_line_string_is_read_again_whole() {
        let mut text = generated(100);
        let at = text.find("\n[[events]]\n").expect("an event") + 1;
        let summary = format!(
            "[[events]]\nid = \"odd\"\ndate = 2024-01-01\ntitle = \"T\"\nsummary = \"\"\"\n{}\"\"\"\nsources = [{}]\n\n",
            "[[events]]\n".repeat(600),
            text[text.find("sources = [").expect("a cited source") + 11..]
                .split(']')
                .next()
                .expect("a list")
        );
        text.insert_str(at, &summary);
        let loaded = load_in_small_blocks(&text);
        let full = load_str_in_full(&text);
        assert!(full.diagnostics.is_empty(), "{:?}", full.diagnostics);
        assert_eq!(loaded.report.situation, full.situation);
    }
}
