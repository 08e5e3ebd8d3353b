//! A version of a situation file kept by git: `sitrep diff HEAD~3:situation.toml
//! situation.toml`. The revision is read with `git show` and never written
//! anywhere; no shell is involved, and git's own text filters (textconv) are
//! not run, so nothing from the repository's configuration executes.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::sanitize::clean_line;

/// Where one version comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    File(PathBuf),
    /// `REV:path`, as git spells a file at a revision.
    Revision(String),
}

impl Origin {
    /// A path that exists is a file, even with a `:` in its name; otherwise
    /// `REV:path` (with something on both sides of the colon) is a
    /// revision, and anything else a file, which then fails to read with
    /// the usual message.
    pub fn parse(arg: &str) -> Origin {
        if Path::new(arg).exists() {
            return Origin::File(PathBuf::from(arg));
        }
        match arg.split_once(':') {
            // A leading `-` would read as an option to git.
            Some((rev, path)) if !rev.is_empty() && !path.is_empty() && !rev.starts_with('-') => {
                Origin::Revision(arg.to_string())
            }
            _ => Origin::File(PathBuf::from(arg)),
        }
    }

    /// How the version is named in messages and output, on one safe line.
    pub fn name(&self) -> String {
        match self {
            Origin::File(path) => clean_line(&path.display().to_string()).into_owned(),
            Origin::Revision(spec) => clean_line(spec).into_owned(),
        }
    }
}

/// The file's bytes at the revision, at most `limit` of them. The error is
/// one line: git missing, or what git said.
pub fn read(spec: &str, limit: u64) -> Result<Vec<u8>, String> {
    let mut child = Command::new("git")
        .args(["--no-pager", "show", "--no-textconv", spec])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => {
                "no such file, and git is not installed to read it as a revision".to_string()
            }
            _ => format!("cannot run git: {e}"),
        })?;
    let mut bytes = Vec::new();
    let read = child
        .stdout
        .take()
        .map(|out| out.take(limit.saturating_add(1)).read_to_end(&mut bytes));
    if bytes.len() as u64 > limit {
        // Git may still be writing: stop it before anything waits on it.
        let _ = child.kill();
        let _ = child.wait();
        return Err(format!(
            "it is over the limit of {limit} bytes (--max-size)"
        ));
    }
    // Git's messages are a few lines; its output is read in full by now.
    let mut said = String::new();
    if let Some(mut err) = child.stderr.take() {
        let _ = err.read_to_string(&mut said);
    }
    let status = child
        .wait()
        .map_err(|e| format!("git did not finish: {e}"))?;
    if let Some(Err(e)) = read {
        return Err(format!("cannot read what git showed: {e}"));
    }
    if !status.success() {
        let first = said
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .unwrap_or("git show failed");
        return Err(format!("git: {}", clean_line(first)));
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_colon_makes_a_revision_unless_the_file_exists() {
        assert_eq!(
            Origin::parse("HEAD~3:situation.toml"),
            Origin::Revision("HEAD~3:situation.toml".into())
        );
        assert_eq!(
            Origin::parse("Cargo.toml"),
            Origin::File(PathBuf::from("Cargo.toml"))
        );
        assert_eq!(Origin::parse(":x"), Origin::File(PathBuf::from(":x")));
        assert_eq!(
            Origin::parse("--output=x:y"),
            Origin::File(PathBuf::from("--output=x:y"))
        );
    }
}
