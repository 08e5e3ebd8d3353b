//! `x`: writing the view on screen to a file. The extension picks the
//! format; an existing file is only replaced when the user confirmed it;
//! the open data file is never written, whatever the path calls it. The
//! file appears whole or not at all: the text goes to a temporary file in
//! the same folder, which is then renamed into place.

use std::ffi::OsStr;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::summary::Format;

/// The format a path asks for: `.md` (or `.markdown`) Markdown, `.json`
/// JSON, anything else plain text.
pub fn format_for(path: &Path) -> Format {
    let extension = path
        .extension()
        .and_then(OsStr::to_str)
        .map(str::to_ascii_lowercase);
    match extension.as_deref() {
        Some("md" | "markdown") => Format::Markdown,
        Some("json") => Format::Json,
        _ => Format::Text,
    }
}

/// "Markdown", for messages.
pub fn format_name(format: Format) -> &'static str {
    match format {
        Format::Markdown => "Markdown",
        Format::Json => "JSON",
        Format::Timelinejs => "TimelineJS",
        Format::Csv => "CSV",
        Format::Text => "text",
    }
}

/// The path typed, with a leading `~/` read as the home folder as a shell
/// would.
pub fn typed_path(text: &str, home: Option<&OsStr>) -> PathBuf {
    let text = text.trim();
    match (text.strip_prefix("~/"), home) {
        (Some(rest), Some(home)) => Path::new(home).join(rest),
        _ => PathBuf::from(text),
    }
}

/// Why a file was not written.
#[derive(Debug, PartialEq, Eq)]
pub enum Refused {
    /// The path names the open data file (the same file, by any name).
    DataFile,
    /// Something is there and the user has not confirmed replacing it.
    Exists,
    /// The system said no (the message says why).
    Failed(String),
}

/// Where a path leads: the file itself when it exists (through links),
/// else its folder's real path and its name.
fn resolved(path: &Path) -> Option<PathBuf> {
    if let Ok(real) = std::fs::canonicalize(path) {
        return Some(real);
    }
    let name = path.file_name()?;
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    std::fs::canonicalize(folder).ok().map(|f| f.join(name))
}

/// Writes `text` to `path`, replacing a file there only when `overwrite`.
/// `data_file` is the open situation file, which is refused.
pub fn write(
    path: &Path,
    text: &str,
    overwrite: bool,
    data_file: Option<&Path>,
) -> Result<(), Refused> {
    let target = resolved(path);
    if let (Some(target), Some(data)) = (&target, data_file)
        && std::fs::canonicalize(data).is_ok_and(|data| &data == target)
    {
        return Err(Refused::DataFile);
    }
    let existing = std::fs::metadata(path).ok();
    if existing.as_ref().is_some_and(|m| m.is_dir()) {
        return Err(Refused::Failed("that is a folder".into()));
    }
    if existing.is_some() && !overwrite {
        return Err(Refused::Exists);
    }
    let failed = |e: io::Error| Refused::Failed(crate::read::describe_io(&e));
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    // Said plainly: "no such file" would suggest the file is what is missing.
    match std::fs::metadata(folder) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            return Err(Refused::Failed(format!(
                "the folder {} does not exist",
                crate::sanitize::clean_line(&folder.to_string_lossy())
            )));
        }
        Ok(m) if !m.is_dir() => {
            return Err(Refused::Failed(format!(
                "{} is not a folder",
                crate::sanitize::clean_line(&folder.to_string_lossy())
            )));
        }
        _ => {}
    }
    let mut temp = tempfile::NamedTempFile::new_in(folder).map_err(failed)?;
    temp.write_all(text.as_bytes()).map_err(failed)?;
    temp.flush().map_err(failed)?;
    // A new file is readable as any other the user makes; a replaced one
    // keeps its permissions. (A temporary file is private at first.)
    let permissions = match &existing {
        Some(m) => Some(m.permissions()),
        None => new_file_permissions(),
    };
    if let Some(permissions) = permissions {
        temp.as_file()
            .set_permissions(permissions)
            .map_err(failed)?;
    }
    if overwrite {
        temp.persist(path).map_err(|e| failed(e.error))?;
    } else {
        // The check above and this are apart: never clobber a file that
        // appeared meanwhile.
        temp.persist_noclobber(path)
            .map_err(|e| match e.error.kind() {
                io::ErrorKind::AlreadyExists => Refused::Exists,
                _ => failed(e.error),
            })?;
    }
    Ok(())
}

#[cfg(unix)]
fn new_file_permissions() -> Option<std::fs::Permissions> {
    use std::os::unix::fs::PermissionsExt;
    Some(std::fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn new_file_permissions() -> Option<std::fs::Permissions> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_extension_picks_the_format() {
        assert_eq!(format_for(Path::new("a.md")), Format::Markdown);
        assert_eq!(format_for(Path::new("dir.v2/A.MD")), Format::Markdown);
        assert_eq!(format_for(Path::new("a.markdown")), Format::Markdown);
        assert_eq!(format_for(Path::new("a.json")), Format::Json);
        assert_eq!(format_for(Path::new("a.txt")), Format::Text);
        assert_eq!(format_for(Path::new("briefing")), Format::Text);
        assert_eq!(format_for(Path::new(".md")), Format::Text);
    }

    #[test]
    fn a_leading_tilde_is_the_home_folder() {
        let home = Some(OsStr::new("/home/u"));
        assert_eq!(typed_path(" ~/b.md ", home), Path::new("/home/u/b.md"));
        assert_eq!(typed_path("~b.md", home), Path::new("~b.md"));
        assert_eq!(typed_path("~/b.md", None), Path::new("~/b.md"));
    }

    #[test]
    fn writes_new_files_refuses_existing_ones_and_never_the_data_file() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("view.md");
        write(&out, "first\n", false, None).unwrap();
        assert_eq!(std::fs::read_to_string(&out).unwrap(), "first\n");
        assert_eq!(write(&out, "second\n", false, None), Err(Refused::Exists));
        assert_eq!(std::fs::read_to_string(&out).unwrap(), "first\n");
        write(&out, "second\n", true, None).unwrap();
        assert_eq!(std::fs::read_to_string(&out).unwrap(), "second\n");

        let data = dir.path().join("situation.toml");
        std::fs::write(&data, "kept").unwrap();
        // By another name for the same file: still refused, confirmed or not.
        let other_name = dir.path().join(".").join("situation.toml");
        for overwrite in [false, true] {
            assert_eq!(
                write(&other_name, "x", overwrite, Some(&data)),
                Err(Refused::DataFile)
            );
        }
        #[cfg(unix)]
        {
            let link = dir.path().join("link.toml");
            std::os::unix::fs::symlink(&data, &link).unwrap();
            assert_eq!(write(&link, "x", true, Some(&data)), Err(Refused::DataFile));
        }
        assert_eq!(std::fs::read_to_string(&data).unwrap(), "kept");
        assert!(matches!(
            write(dir.path(), "x", true, None),
            Err(Refused::Failed(_))
        ));
        // A folder that is not there is named as what is missing.
        assert_eq!(
            write(&dir.path().join("nowhere/x.md"), "x", false, None),
            Err(Refused::Failed(format!(
                "the folder {} does not exist",
                dir.path().join("nowhere").display()
            )))
        );
        assert_eq!(
            write(&dir.path().join("view.md/x.md"), "x", false, None),
            Err(Refused::Failed(format!(
                "{} is not a folder",
                dir.path().join("view.md").display()
            )))
        );
        // Nothing half-written is left behind.
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), if cfg!(unix) { 3 } else { 2 });
    }
}
