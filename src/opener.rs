//! Starting a browser for `o`: `$BROWSER` when it is set, else the
//! system's opener (`xdg-open`, `open` on macOS). The program and its
//! arguments come from the environment, never from the file; the URL is one
//! argument of its own (checked by [`crate::url::checked`] first), and
//! nothing goes through a shell.

use std::ffi::OsString;
use std::io;
use std::process::{Command, Stdio};

/// A program and its arguments.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Launch {
    pub program: OsString,
    pub args: Vec<OsString>,
}

impl Launch {
    /// "firefox", for the footer.
    pub fn name(&self) -> String {
        let program = std::path::Path::new(&self.program);
        program
            .file_name()
            .unwrap_or(program.as_os_str())
            .to_string_lossy()
            .into_owned()
    }
}

/// The system's own opener.
fn system_opener() -> &'static str {
    if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    }
}

/// What opens `url`, for a `$BROWSER` of `browser`. As the convention has
/// it, `$BROWSER` may list commands separated by `:` (the first is used)
/// and may hold `%s` where the URL goes; otherwise the URL comes last. A
/// command is split into words as a shell would (quotes, backslashes) but
/// no shell runs it. An empty or unreadable `$BROWSER` is an error, not a
/// silent fallback, so the user learns why their browser was not used.
pub fn launch(browser: Option<&str>, url: &str) -> Result<Launch, String> {
    let Some(browser) = browser else {
        return Ok(Launch {
            program: system_opener().into(),
            args: vec![url.into()],
        });
    };
    let first = browser.split(':').next().unwrap_or_default();
    let words = shell_words::split(first).map_err(|e| format!("$BROWSER: {e}"))?;
    let Some((program, rest)) = words.split_first() else {
        return Err("$BROWSER is set but empty".into());
    };
    let mut placed = false;
    let mut args: Vec<OsString> = rest
        .iter()
        .map(|word| {
            if word.contains("%s") {
                placed = true;
                word.replace("%s", url).into()
            } else {
                word.into()
            }
        })
        .collect();
    if !placed {
        args.push(url.into());
    }
    Ok(Launch {
        program: program.into(),
        args,
    })
}

/// Starts the program and lets it run on its own: no terminal input, its
/// output discarded (a browser's messages would land on the dashboard), in
/// a process group of its own so that Ctrl-C or quitting here does not end
/// it. A thread waits for it, so it leaves no zombie behind.
pub fn spawn_detached(launch: &Launch) -> io::Result<()> {
    let mut command = Command::new(&launch.program);
    command
        .args(&launch.args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        command.process_group(0);
    }
    let mut child = command.spawn()?;
    std::thread::Builder::new()
        .name("opener".into())
        .spawn(move || child.wait())?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(launch: &Launch) -> Vec<String> {
        std::iter::once(&launch.program)
            .chain(&launch.args)
            .map(|w| w.to_string_lossy().into_owned())
            .collect()
    }

    const URL: &str = "https://example.org/a?b=c&d=e";

    #[test]
    fn without_browser_the_system_opener_gets_the_url_alone() {
        let launch = launch(None, URL).unwrap();
        assert_eq!(words(&launch), [system_opener(), URL]);
    }

    #[test]
    fn browser_words_are_split_without_a_shell_and_the_url_comes_last() {
        let got = launch(Some("'/opt/My Browser/run' --new-tab"), URL).unwrap();
        assert_eq!(words(&got), ["/opt/My Browser/run", "--new-tab", URL]);
        assert_eq!(got.name(), "run");
        // Shell syntax is just text: nothing here runs `rm`.
        let got = launch(Some("firefox; rm -rf ~"), URL).unwrap();
        assert_eq!(words(&got), ["firefox;", "rm", "-rf", "~", URL]);
    }

    #[test]
    fn percent_s_places_the_url_and_the_first_of_a_list_is_used() {
        let got = launch(Some("lynx -dump %s:firefox"), URL).unwrap();
        assert_eq!(words(&got), ["lynx", "-dump", URL]);
    }

    #[test]
    fn an_empty_or_unbalanced_browser_is_an_error() {
        assert!(launch(Some(""), URL).is_err());
        assert!(launch(Some("  "), URL).is_err());
        assert!(
            launch(Some("'firefox"), URL)
                .unwrap_err()
                .contains("$BROWSER")
        );
    }
}
