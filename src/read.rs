//! Reading a situation file: the one way `check`, `summary`, the dashboard
//! and every reload read it. Only a regular file is read (a device would
//! never end, a FIFO would block), and never more than a limit, so a path
//! swapped for `/dev/zero` or a runaway file costs an error message, not
//! all the memory there is.

use std::fmt;
use std::io::{self, Read};
use std::path::Path;

/// Far above any real situation (the largest test file, a million events,
/// is about 300 MB), and below what a 64-bit machine fails to allocate.
pub const DEFAULT_MAX_SIZE: u64 = 2 << 30;

/// Why a file was not read.
#[derive(Debug)]
pub enum ReadError {
    /// It is there, but it is not a regular file: what it is instead.
    NotAFile(&'static str),
    /// It is larger than the limit (`size` as far as it was read).
    TooLarge { size: u64, limit: u64 },
    /// Opening or reading failed.
    Io(io::Error),
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::NotAFile(what @ "a directory") => write!(f, "it is {what}"),
            ReadError::NotAFile(what) => write!(f, "it is {what}, not a regular file"),
            ReadError::TooLarge { size, limit } => write!(
                f,
                "it is {}, over the limit of {} (--max-size)",
                size_text(*size),
                size_text(*limit)
            ),
            ReadError::Io(e) => f.write_str(&describe_io(e)),
        }
    }
}

/// An I/O error in the words a user needs.
pub fn describe_io(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "no such file".into(),
        io::ErrorKind::PermissionDenied => "permission denied".into(),
        io::ErrorKind::IsADirectory => "it is a directory".into(),
        _ => e.to_string(),
    }
}

/// Opens the regular file at `path` if it is at most `limit` bytes, for a
/// caller that streams it; the file and its size as opened.
pub fn open_regular(path: &Path, limit: u64) -> Result<(std::fs::File, u64), ReadError> {
    let file = open(path).map_err(ReadError::Io)?;
    // Asked of the open file, not the path: the path may change in between.
    let meta = file.metadata().map_err(ReadError::Io)?;
    if let Some(what) = not_a_file(&meta.file_type()) {
        return Err(ReadError::NotAFile(what));
    }
    if meta.len() > limit {
        return Err(ReadError::TooLarge {
            size: meta.len(),
            limit,
        });
    }
    Ok((file, meta.len()))
}

/// Reads the whole of the regular file at `path`, at most `limit` bytes.
pub fn read_file(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let (file, len) = open_regular(path, limit)?;
    read_opened(file, len, limit, |_| {})
}

/// Bytes read between two calls of a reading's `progress`.
const READ_STEP: usize = 8 << 20;

/// Reads the whole of a file [`open_regular`] opened (`len` bytes then), at
/// most `limit` bytes, telling `progress` how many it has read as it goes.
pub fn read_opened(
    file: std::fs::File,
    len: u64,
    limit: u64,
    mut progress: impl FnMut(usize),
) -> Result<Vec<u8>, ReadError> {
    // The file may grow while it is read: the limit holds for what is read,
    // not only for the size it had.
    let mut bytes = Vec::new();
    bytes
        .try_reserve_exact(usize::try_from(len).unwrap_or(usize::MAX))
        .map_err(|_| {
            ReadError::Io(io::Error::new(
                io::ErrorKind::OutOfMemory,
                format!("not enough memory for its {}", size_text(len)),
            ))
        })?;
    let mut rest = file.take(limit.saturating_add(1));
    loop {
        let read = (&mut rest)
            .take(READ_STEP as u64)
            .read_to_end(&mut bytes)
            .map_err(ReadError::Io)?;
        progress(bytes.len());
        if read == 0 {
            break;
        }
    }
    let size = bytes.len() as u64;
    if size > limit {
        return Err(ReadError::TooLarge { size, limit });
    }
    Ok(bytes)
}

/// Opens without waiting: a FIFO opened for reading would otherwise block
/// until something writes to it. (For a regular file the flag changes
/// nothing.)
#[cfg(unix)]
fn open(path: &Path) -> io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
}

#[cfg(not(unix))]
fn open(path: &Path) -> io::Result<std::fs::File> {
    std::fs::File::open(path)
}

/// What a file that is not a regular one is, in a few words.
fn not_a_file(kind: &std::fs::FileType) -> Option<&'static str> {
    if kind.is_file() {
        return None;
    }
    if kind.is_dir() {
        return Some("a directory");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return Some("a FIFO (a named pipe)");
        }
        if kind.is_socket() {
            return Some("a socket");
        }
        if kind.is_char_device() {
            return Some("a character device");
        }
        if kind.is_block_device() {
            return Some("a block device");
        }
    }
    Some("not a regular file")
}

/// A size in the unit that reads best: "512 bytes", "3.5 MiB", "2 GiB".
pub fn size_text(n: u64) -> String {
    const UNITS: [&str; 4] = ["KiB", "MiB", "GiB", "TiB"];
    if n < 1024 {
        return if n == 1 {
            "1 byte".into()
        } else {
            format!("{n} bytes")
        };
    }
    let mut value = n as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    let shown = format!("{value:.1}");
    let shown = shown.strip_suffix(".0").unwrap_or(&shown);
    format!("{shown} {}", UNITS[unit])
}

/// `--max-size`: a count of bytes, optionally with a binary unit
/// (`500K`, `64M`, `2G`, `1T`; `KiB`, `MB` and the like read the same).
pub fn parse_size(text: &str) -> Result<u64, String> {
    let text = text.trim();
    let digits = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(digits);
    let number: u64 = number
        .parse()
        .map_err(|_| format!("expected a size like 500000, 64M or 2G, not {text:?}"))?;
    let shift = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 0,
        "k" | "kb" | "kib" => 10,
        "m" | "mb" | "mib" => 20,
        "g" | "gb" | "gib" => 30,
        "t" | "tb" | "tib" => 40,
        _ => return Err(format!("unknown unit {unit:?}: use K, M, G or T")),
    };
    number
        .checked_mul(1 << shift)
        .ok_or_else(|| format!("{text} is too large"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_in_their_unit() {
        assert_eq!(size_text(1), "1 byte");
        assert_eq!(size_text(1023), "1023 bytes");
        assert_eq!(size_text(1536), "1.5 KiB");
        assert_eq!(size_text(DEFAULT_MAX_SIZE), "2 GiB");
        assert_eq!(size_text(3 << 30), "3 GiB");
    }

    #[test]
    fn a_size_takes_a_binary_unit() {
        assert_eq!(parse_size("1000"), Ok(1000));
        assert_eq!(parse_size("64M"), Ok(64 << 20));
        assert_eq!(parse_size("2GiB"), Ok(2 << 30));
        assert_eq!(parse_size("2 g"), Ok(2 << 30));
        assert!(parse_size("2X").is_err());
        assert!(parse_size("-1").is_err());
        assert!(parse_size("99999999999T").is_err());
    }
}
