//! `sitrep init`: a new situation file to start from, never over an old one.

use std::fs::OpenOptions;
use std::io::{self, Write};
use std::path::Path;

/// A short commented template with one of each section; passes
/// `check --strict`.
pub const TEMPLATE: &str = include_str!("../data/template.toml");

/// What `init` writes: the template, or a copy of the built-in situation.
pub fn contents(from_builtin: bool) -> &'static str {
    if from_builtin {
        crate::BUILTIN_TEXT
    } else {
        TEMPLATE
    }
}

/// Writes `text` to a new file at `path`. An existing file is refused and
/// left untouched: the check and the creation are one step (`create_new`),
/// so nothing can slip in between them.
pub fn write_new(path: &Path, text: &str) -> Result<(), String> {
    let mut file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|err| match err.kind() {
            io::ErrorKind::AlreadyExists => format!(
                "{}: already exists; sitrep init never overwrites a file (choose another name)",
                path.display()
            ),
            _ => format!("{}: cannot create: {err}", path.display()),
        })?;
    file.write_all(text.as_bytes())
        .map_err(|err| format!("{}: cannot write: {err}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_template_loads_without_a_warning() {
        let report = crate::load::load_str(TEMPLATE);
        assert!(report.situation.is_some(), "{:?}", report.diagnostics);
        assert!(report.diagnostics.is_empty(), "{:?}", report.diagnostics);
    }
}
