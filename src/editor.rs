//! The editor for `e`: `$VISUAL`, else `$EDITOR`, else `vi`, started at the
//! selected item's line. Most editors take `+LINE FILE` (vi, vim, nano,
//! emacs, helix, micro, kakoune); those that do not are told
//! `FILE:LINE:COL` their way. The value may hold arguments (`code -w`): it
//! is split into words as a shell would, and no shell runs it.

use std::ffi::OsString;
use std::path::Path;

use crate::opener::Launch;

/// The command an editor setting names (`$VISUAL` first, then `$EDITOR`);
/// an empty one counts as unset, as git and most tools read them.
pub fn chosen(visual: Option<&str>, editor: Option<&str>) -> String {
    [visual, editor]
        .into_iter()
        .flatten()
        .find(|v| !v.trim().is_empty())
        .unwrap_or("vi")
        .to_string()
}

/// How an editor is told where to start.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Position {
    /// `+LINE FILE`.
    Plus,
    /// `FILE:LINE:COL`.
    Suffix,
    /// `-g FILE:LINE:COL` (Visual Studio Code and its forks).
    Goto,
}

fn position_for(program: &str) -> Position {
    let name = Path::new(program)
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let name = name.strip_suffix(".exe").unwrap_or(&name);
    match name {
        "code" | "code-insiders" | "codium" | "vscodium" | "cursor" => Position::Goto,
        "subl" | "sublime_text" | "zed" | "zeditor" => Position::Suffix,
        _ => Position::Plus,
    }
}

/// The editor `command` (see [`chosen`]) opening `file` at `line` (1-based).
pub fn launch(command: &str, file: &Path, line: usize) -> Result<Launch, String> {
    let words = shell_words::split(command).map_err(|e| format!("the editor `{command}`: {e}"))?;
    let Some((program, rest)) = words.split_first() else {
        return Err("the editor setting is empty".into());
    };
    let mut args: Vec<OsString> = rest.iter().map(OsString::from).collect();
    let at = |file: &Path| {
        let mut spot = file.as_os_str().to_os_string();
        spot.push(format!(":{line}:1"));
        spot
    };
    match position_for(program) {
        Position::Plus => {
            args.push(format!("+{line}").into());
            args.push(file.into());
        }
        Position::Suffix => args.push(at(file)),
        Position::Goto => {
            if !rest.iter().any(|a| a == "-g" || a == "--goto") {
                args.push("-g".into());
            }
            args.push(at(file));
        }
    }
    Ok(Launch {
        program: program.into(),
        args,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(command: &str, file: &str, line: usize) -> Vec<String> {
        let launch = launch(command, Path::new(file), line).unwrap();
        std::iter::once(&launch.program)
            .chain(&launch.args)
            .map(|w| w.to_string_lossy().into_owned())
            .collect()
    }

    #[test]
    fn visual_comes_first_then_editor_then_vi() {
        assert_eq!(chosen(Some("nvim"), Some("nano")), "nvim");
        assert_eq!(chosen(None, Some("nano")), "nano");
        assert_eq!(chosen(Some(" "), Some("nano")), "nano");
        assert_eq!(chosen(None, None), "vi");
    }

    #[test]
    fn most_editors_get_plus_line_then_the_file() {
        assert_eq!(words("vi", "a.toml", 12), ["vi", "+12", "a.toml"]);
        assert_eq!(
            words("/usr/bin/nano -w", "dir/a b.toml", 3),
            ["/usr/bin/nano", "-w", "+3", "dir/a b.toml"]
        );
        assert_eq!(words("hx", "a.toml", 7), ["hx", "+7", "a.toml"]);
        assert_eq!(
            words("emacsclient -t", "a.toml", 1),
            ["emacsclient", "-t", "+1", "a.toml"]
        );
    }

    #[test]
    fn code_sublime_and_zed_get_file_line_column() {
        assert_eq!(
            words("code -w", "a.toml", 40),
            ["code", "-w", "-g", "a.toml:40:1"]
        );
        assert_eq!(
            words("'/Applications/VS Code/code' --goto", "a.toml", 2),
            ["/Applications/VS Code/code", "--goto", "a.toml:2:1"]
        );
        assert_eq!(words("subl -w", "a.toml", 5), ["subl", "-w", "a.toml:5:1"]);
        assert_eq!(words("zed", "a.toml", 9), ["zed", "a.toml:9:1"]);
    }

    #[test]
    fn quotes_are_read_as_a_shell_would_and_nothing_else_happens() {
        assert_eq!(
            words(r#"my\ editor "--flag=a b""#, "f", 1),
            ["my editor", "--flag=a b", "+1", "f"]
        );
        assert_eq!(
            words("vi; rm -rf ~", "f", 1),
            ["vi;", "rm", "-rf", "~", "+1", "f"]
        );
        assert!(launch("'vi", Path::new("f"), 1).is_err());
        assert!(launch("", Path::new("f"), 1).is_err());
    }
}
