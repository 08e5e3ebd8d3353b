//! The real binary in a pseudo-terminal: keys in, the screen rebuilt by
//! vt100 out. Each step waits for the screen to show what it should, with a
//! deadline; nothing sleeps a fixed time.

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

const DEADLINE: Duration = Duration::from_secs(10);

fn nz(n: u16) -> NonZeroU16 {
    NonZeroU16::new(n).expect("a size is not zero")
}

/// What the program asked of the terminal beyond the screen: a window
/// title set through data would show here.
#[derive(Default)]
struct Recorder {
    titles: Vec<Vec<u8>>,
    icon_names: Vec<Vec<u8>>,
    clipboard: Vec<Vec<u8>>,
}

impl vt100::Callbacks for Recorder {
    fn set_window_title(&mut self, _: &mut vt100::Screen, title: &[u8]) {
        self.titles.push(title.to_vec());
    }

    fn set_window_icon_name(&mut self, _: &mut vt100::Screen, name: &[u8]) {
        self.icon_names.push(name.to_vec());
    }

    fn copy_to_clipboard(&mut self, _: &mut vt100::Screen, _: &[u8], data: &[u8]) {
        self.clipboard.push(data.to_vec());
    }
}

struct Session {
    parser: Arc<Mutex<vt100::Parser<Recorder>>>,
    /// Every byte the program wrote, in order.
    output: Arc<Mutex<Vec<u8>>>,
    master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    reader: Option<JoinHandle<()>>,
}

impl Session {
    fn start(args: &[&str], cols: u16, rows: u16) -> Session {
        Session::start_program(env!("CARGO_BIN_EXE_sitrep").as_ref(), args, cols, rows)
    }

    /// sitrep run from `dir`, so a file there is named briefly on screen.
    fn start_in(dir: &Path, args: &[&str], cols: u16, rows: u16) -> Session {
        let program: &Path = env!("CARGO_BIN_EXE_sitrep").as_ref();
        Session::spawn(program, args, dir, cols, rows)
    }

    /// sitrep with its seen-state records in `state` (`$XDG_STATE_HOME`).
    fn start_with_state(state: &Path, args: &[&str], cols: u16, rows: u16) -> Session {
        let program: &Path = env!("CARGO_BIN_EXE_sitrep").as_ref();
        Session::spawn_with(
            program,
            args,
            env!("CARGO_MANIFEST_DIR").as_ref(),
            state,
            cols,
            rows,
        )
    }

    fn start_program(program: &Path, args: &[&str], cols: u16, rows: u16) -> Session {
        Session::spawn(
            program,
            args,
            env!("CARGO_MANIFEST_DIR").as_ref(),
            cols,
            rows,
        )
    }

    fn spawn(program: &Path, args: &[&str], dir: &Path, cols: u16, rows: u16) -> Session {
        // Records of what was seen go to the test's own folder, never the
        // developer's.
        let state: &Path = concat!(env!("CARGO_TARGET_TMPDIR"), "/pty-state").as_ref();
        Session::spawn_with(program, args, dir, state, cols, rows)
    }

    fn spawn_with(
        program: &Path,
        args: &[&str],
        dir: &Path,
        state: &Path,
        cols: u16,
        rows: u16,
    ) -> Session {
        Session::spawn_with_env(program, args, dir, state, cols, rows, &[])
    }

    /// sitrep run from `dir` with these variables set besides the usual.
    fn start_with_env(dir: &Path, args: &[&str], env: &[(&str, &Path)]) -> Session {
        let program: &Path = env!("CARGO_BIN_EXE_sitrep").as_ref();
        let state: &Path = concat!(env!("CARGO_TARGET_TMPDIR"), "/pty-state").as_ref();
        Session::spawn_with_env(program, args, dir, state, 120, 40, env)
    }

    fn spawn_with_env(
        program: &Path,
        args: &[&str],
        dir: &Path,
        state: &Path,
        cols: u16,
        rows: u16,
        env: &[(&str, &Path)],
    ) -> Session {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("a pty");
        let mut cmd = CommandBuilder::new(program);
        cmd.args(args);
        cmd.cwd(dir);
        cmd.env("TERM", "xterm-256color");
        cmd.env("XDG_STATE_HOME", state);
        cmd.env_remove("COLORTERM");
        // No config file of the developer's: the lookup finds nothing.
        cmd.env(
            "SITREP_CONFIG",
            concat!(env!("CARGO_TARGET_TMPDIR"), "/no-config-here/config.toml"),
        );
        // A panic message short enough to stay on a 24-row screen.
        cmd.env("RUST_BACKTRACE", "0");
        // No browser or editor of the developer's, unless a test sets one.
        for name in ["BROWSER", "VISUAL", "EDITOR"] {
            cmd.env_remove(name);
        }
        for (name, value) in env {
            cmd.env(name, value);
        }
        let child = pty.slave.spawn_command(cmd).expect("sitrep starts");
        // Without this the reader never sees the end of the output.
        drop(pty.slave);
        let parser = Arc::new(Mutex::new(vt100::Parser::new_with_callbacks(
            nz(rows),
            nz(cols),
            0,
            Recorder::default(),
        )));
        let output = Arc::new(Mutex::new(Vec::new()));
        let mut source = pty.master.try_clone_reader().expect("a reader");
        let (sink, log) = (Arc::clone(&parser), Arc::clone(&output));
        let reader = std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                match source.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        log.lock().unwrap().extend_from_slice(&buf[..n]);
                        sink.lock().unwrap().process(&buf[..n]);
                    }
                }
            }
        });
        let writer = pty.master.take_writer().expect("a writer");
        Session {
            parser,
            output,
            master: pty.master,
            writer,
            child,
            reader: Some(reader),
        }
    }

    /// Resizes the terminal and the screen that mirrors it.
    fn resize(&mut self, cols: u16, rows: u16) {
        self.parser.lock().unwrap().set_size(nz(rows), nz(cols));
        self.master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
    }

    fn send(&mut self, bytes: &str) {
        self.writer.write_all(bytes.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    fn contents(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    /// Waits until the screen satisfies `ok`; fails with the screen shown.
    fn wait(&self, what: &str, ok: impl Fn(&vt100::Screen) -> bool) {
        self.wait_within(DEADLINE, what, ok)
    }

    /// [`Session::wait`] with a deadline of its own, for steps that take
    /// a while in a debug build.
    fn wait_within(&self, deadline: Duration, what: &str, ok: impl Fn(&vt100::Screen) -> bool) {
        let start = Instant::now();
        loop {
            if ok(self.parser.lock().unwrap().screen()) {
                return;
            }
            if start.elapsed() > deadline {
                panic!(
                    "timed out waiting for {what}; the screen:\n{}",
                    self.contents()
                );
            }
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    fn wait_text(&self, text: &str) {
        self.wait(&format!("{text:?}"), |s| s.contents().contains(text));
    }

    fn wait_gone(&self, text: &str) {
        self.wait(&format!("{text:?} to go"), |s| !s.contents().contains(text));
    }

    /// Waits for a whole first frame: the dashboard on the alternate screen
    /// with the cursor hidden (ratatui hides it after the frame's text).
    fn wait_dashboard(&self, text: &str) {
        self.wait(&format!("the dashboard with {text:?}"), |s| {
            s.alternate_screen() && s.hide_cursor() && s.contents().contains(text)
        });
    }

    /// Sends a signal to the program.
    fn signal(&self, name: &str) {
        let pid = self.child.process_id().expect("a running child");
        let status = std::process::Command::new("kill")
            .args([&format!("-{name}"), &pid.to_string()])
            .status()
            .expect("kill runs");
        assert!(status.success());
    }

    /// Waits for the program to exit and for its last output to be read.
    fn finish(&mut self) -> portable_pty::ExitStatus {
        let start = Instant::now();
        let status = loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                break status;
            }
            if start.elapsed() > DEADLINE {
                self.child.kill().ok();
                panic!("sitrep did not exit; the screen:\n{}", self.contents());
            }
            std::thread::sleep(Duration::from_millis(5));
        };
        if let Some(reader) = self.reader.take() {
            reader.join().unwrap();
        }
        status
    }
}

#[test]
fn filter_search_and_quit_leave_the_terminal_as_it_was() {
    let mut s = Session::start(&["tests/fixtures/dashboard.toml"], 80, 24);
    s.wait_dashboard("Kessa Valley floods");
    s.wait_text("── now · 14 Mar 2025");
    // The cursor is hidden after the frame is written: wait for it too.
    s.wait("the cursor hidden", |screen| screen.hide_cursor());
    {
        let parser = s.parser.lock().unwrap();
        assert_ne!(
            parser.screen().mouse_protocol_mode(),
            vt100::MouseProtocolMode::None
        );
    }

    // Filter by the minister through the actor picker.
    s.send("a");
    s.wait_text("Filter by actor");
    s.send("okon");
    s.wait_text("1 of 10 actors");
    s.send("\r");
    s.wait_text("Dara Okonkwo ✕");
    s.send("\x1b");
    s.wait_gone("Filter by actor");
    // A frame may arrive in pieces: wait for each part rather than look once.
    s.wait_text("2 of 16 events");
    s.wait_text("Government declares a 30-day");
    s.wait_gone("Water points restored");

    // Search within it.
    s.send("/tour");
    s.wait_text("Search: tour");
    s.send("\r");
    s.wait_gone("Search: tour");
    s.wait_text("/tour ✕");
    s.wait_text("1 of 16 events");
    s.wait_text("Minister Okonkwo tours the valley");
    s.wait_gone("Government declares");

    // Esc never quits; q does, and the main screen comes back.
    s.send("\x1b");
    s.wait_gone("/tour ✕");
    s.send("q");
    let status = s.finish();
    assert!(status.success(), "{status:?}");
    let parser = s.parser.lock().unwrap();
    assert!(!parser.screen().alternate_screen());
    assert!(!parser.screen().hide_cursor());
    assert_eq!(
        parser.screen().mouse_protocol_mode(),
        vt100::MouseProtocolMode::None
    );
}

#[test]
fn resizing_and_clicking_work_in_a_real_terminal() {
    let mut s = Session::start(
        &["tests/fixtures/dashboard.toml", "--actor", "ocha"],
        80,
        24,
    );
    s.wait_text("OCHA ✕");
    // The tabbed layout: a click on the "3 Actors" tab shows the actors.
    // (The frame may arrive in pieces: wait for the part needed.)
    s.wait_text("3 Actors");
    s.wait_text("4 Quotes");
    let (x, y) = {
        let parser = s.parser.lock().unwrap();
        let screen = parser.screen().contents();
        let y = screen
            .lines()
            .position(|l| l.contains("3 Actors"))
            .expect("the tabs");
        let line = screen.lines().nth(y).unwrap();
        let x = line[..line.find("3 Actors").unwrap()].chars().count();
        (x + 2, y)
    };
    // SGR mouse: button 0 pressed at 1-based column, row.
    s.send(&format!(
        "\x1b[<0;{};{}M\x1b[<0;{};{}m",
        x + 1,
        y + 1,
        x + 1,
        y + 1
    ));
    s.wait_text("Kind");
    s.wait_text("● └ UN Office");

    // A storm of sizes, down to one cell, then larger: timeline and actors
    // both in view (not as tabs).
    for (cols, rows) in [
        (1, 1),
        (2, 1),
        (1, 2),
        (13, 5),
        (300, 3),
        (49, 14),
        (50, 15),
        (7, 90),
    ] {
        s.resize(cols, rows);
    }
    s.resize(140, 45);
    s.wait("timeline and actors both in view", |screen| {
        let contents = screen.contents();
        let lines: Vec<&str> = contents.lines().collect();
        lines
            .iter()
            .any(|l| l.contains("2 Timeline") && !l.contains("3 Actors"))
            && lines
                .iter()
                .any(|l| l.contains("3 Actors") && !l.contains("2 Timeline"))
    });
    // Ctrl-C quits too.
    s.send("\x03");
    let status = s.finish();
    assert!(status.success(), "{status:?}");
    assert!(!s.parser.lock().unwrap().screen().alternate_screen());
}

/// The example that panics while drawing; `cargo test` builds examples, a
/// narrower run may not have, so build it then.
fn panicking_example() -> std::path::PathBuf {
    let debug = std::env::current_exe()
        .unwrap()
        .parent()
        .and_then(|deps| deps.parent())
        .expect("tests run from target/<profile>/deps")
        .to_path_buf();
    let example = debug.join("examples").join("dashboard_panic");
    if !example.exists() {
        let status = std::process::Command::new(env!("CARGO"))
            .args(["build", "--example", "dashboard_panic"])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .status()
            .expect("cargo runs");
        assert!(status.success());
    }
    example
}

#[test]
fn a_panic_gives_the_terminal_back_and_shows_the_message() {
    let mut s = Session::start_program(&panicking_example(), &[], 80, 24);
    let status = s.finish();
    assert!(!status.success());
    let parser = s.parser.lock().unwrap();
    let screen = parser.screen();
    assert!(!screen.alternate_screen(), "{}", screen.contents());
    assert!(!screen.hide_cursor());
    assert_eq!(screen.mouse_protocol_mode(), vt100::MouseProtocolMode::None);
    // The message is on the main screen, where it stays readable.
    assert!(
        screen.contents().contains("panicked"),
        "{}",
        screen.contents()
    );
}

/// A fresh directory for one test's files.
fn temp_dir(name: &str) -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix(&format!("sitrep-pty-{name}-"))
        .tempdir()
        .expect("a scratch directory")
}

const FIXTURE: &str = include_str!("fixtures/dashboard.toml");

#[test]
fn escape_sequences_in_the_data_never_reach_the_terminal() {
    // Set the title, clear the screen, leave the alternate screen, home the
    // cursor, show it, reorder text: from every kind of text drawn.
    let file = FIXTURE
        .replace(
            "title = \"Kessa Valley floods: relief after the Orun dam breach\"",
            "title = \"Kessa \\u001b]0;pwned\\u0007 \\u001b[2J floods \\u001b[?1049l end\"",
        )
        .replace(
            "title = \"Water points restored in Sarrin\"",
            "title = \"Water \\u001b[H\\u001b[2J points \\u009b2J \\u202erestored\\u001b[?25h\"",
        )
        .replace(
            "name = \"Velorian Red Crescent\"",
            "name = \"Velorian \\u001b]2;owned\\u001b\\\\ Red \\u001b]52;c;cHduZWQ=\\u0007Crescent\"",
        );
    assert_ne!(file, FIXTURE);
    let scratch_dir = temp_dir("hostile");
    let dir = scratch_dir.path();
    std::fs::write(dir.join("hostile.toml"), &file).unwrap();
    let mut s = Session::start_in(dir, &["hostile.toml"], 80, 24);
    s.wait_dashboard("Kessa ␛]0;pwned␇ ␛[2J floods ␛[?1049l end");
    s.wait_text("Water ␛[H␛[2J points");
    s.wait_text("── now · 14 Mar 2025");
    // The detail of that event (just below the line: it is dated on the
    // as-of day), and the actor picker, with the hostile name.
    s.send("j");
    s.send("\r");
    s.wait_text("Velorian ␛]2;owned␛\\ Red ␛]52;c;cHduZWQ=␇Crescent");
    // (Esc and a key sent together would read as Alt and the key.)
    s.send("\x1b");
    s.wait_gone("╭ Event");
    s.send("a");
    s.wait_text("Filter by actor");
    s.wait_text("Velorian ␛]2;owned");
    {
        let parser = s.parser.lock().unwrap();
        let screen = parser.screen();
        assert!(screen.alternate_screen(), "{}", screen.contents());
        assert!(screen.hide_cursor());
        let recorder = parser.callbacks();
        assert!(
            recorder.titles.is_empty(),
            "title set: {:?}",
            recorder.titles
        );
        assert!(recorder.icon_names.is_empty());
        assert!(recorder.clipboard.is_empty());
    }
    s.send("\x1b");
    s.wait_gone("Filter by actor");
    s.send("q");
    assert!(s.finish().success());
    assert!(!s.parser.lock().unwrap().screen().alternate_screen());
    // No operating system command at all, and the alternate screen left
    // once, at the very end.
    let output = s.output.lock().unwrap();
    let text = String::from_utf8_lossy(&output);
    assert!(!text.contains("\u{1b}]"), "an OSC was written");
    assert!(!text.contains('\u{9b}') && !text.contains('\u{202e}'));
    assert_eq!(text.matches("\u{1b}[?1049l").count(), 1);
}

/// Writes a file the way editors that save in place do.
fn save(path: &Path, text: &str) {
    std::fs::write(path, text).unwrap();
}

/// Writes a file the way editors that save by rename do: a new file beside
/// it, renamed over it.
fn save_by_rename(path: &Path, text: &str) {
    let tmp = path.with_extension("toml.swp");
    std::fs::write(&tmp, text).unwrap();
    std::fs::rename(&tmp, path).unwrap();
}

#[test]
fn saves_reload_a_broken_save_keeps_the_last_good_data_and_says_why() {
    let scratch_dir = temp_dir("reload");
    let dir = scratch_dir.path();
    let path = dir.join("x.toml");
    save(&path, FIXTURE);
    let mut s = Session::start_in(dir, &["x.toml"], 80, 24);
    s.wait_dashboard("Water points restored in Sarrin");
    // The fixture's warning is told first; any key makes room for the keys.
    s.send("\x1b");
    s.wait_text("r reload");

    // A syntax error: the banner, the old rows still there.
    let line = FIXTURE
        .lines()
        .position(|l| l == "title = \"Water points restored in Sarrin\"")
        .unwrap()
        + 1;
    save(
        &path,
        &FIXTURE.replace(
            "title = \"Water points restored in Sarrin\"",
            "title = \"Water points restored in Sarrin",
        ),
    );
    s.wait_text(&format!("⚠ x.toml:{line}:"));
    // At 80 columns the second row says it short, to keep the report's key.
    s.wait_text("showing the last good version · ! the whole report");
    s.wait_text("Protest in Sarrin over slow aid");
    s.wait_text("16 events");

    // Bad references (one used twice), by rename: the banner follows, with
    // a count of the rest.
    save_by_rename(
        &path,
        &FIXTURE
            .replace("actors = [\"red-crescent\"]", "actors = [\"red-cresent\"]")
            .replace("speaker = \"lea-brandt\"", "speaker = \"lea\""),
    );
    s.wait_text("no actor `red-cresent`");
    s.wait_text("+2 more");
    s.wait_text("Protest in Sarrin over slow aid");

    // Fixed: the new rows, and the banner gone.
    save(
        &path,
        &FIXTURE.replace(
            "title = \"Water points restored in Sarrin\"",
            "title = \"Water back on in Sarrin\"",
        ),
    );
    s.wait_text("Water back on in Sarrin");
    s.wait_gone("⚠");
    s.wait_gone("Water points restored");

    // Saved by rename while the user browses: selection kept, new rows.
    s.send("k");
    s.wait_gone("11/16");
    s.wait_text("10/16");
    save_by_rename(
        &path,
        &FIXTURE.replace(
            "title = \"Water points restored in Sarrin\"",
            "title = \"Water points restored (renamed)\"",
        ),
    );
    s.wait_text("Water points restored (renamed)");
    s.wait_text("reloaded: 16 events");
    s.wait_text("10/16");

    // r reloads by hand.
    s.send("r");
    s.wait_text("reloaded: 16 events");
    s.send("q");
    assert!(s.finish().success());
    assert!(!s.parser.lock().unwrap().screen().alternate_screen());
    // Only ever read: the file is as the last save left it, and nothing
    // else was written beside it.
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        FIXTURE.replace(
            "title = \"Water points restored in Sarrin\"",
            "title = \"Water points restored (renamed)\"",
        )
    );
    assert_eq!(std::fs::read_dir(dir).unwrap().count(), 1);
}

#[test]
fn termination_signals_give_the_terminal_back_and_exit_128_plus_the_signal() {
    for (name, number) in [("TERM", 15), ("HUP", 1), ("INT", 2), ("QUIT", 3)] {
        let mut s = Session::start(&["tests/fixtures/dashboard.toml"], 80, 24);
        s.wait_dashboard("Kessa Valley floods");
        s.signal(name);
        let status = s.finish();
        assert_eq!(status.exit_code(), 128 + number, "SIG{name}: {status:?}");
        let parser = s.parser.lock().unwrap();
        let screen = parser.screen();
        assert!(!screen.alternate_screen(), "SIG{name}");
        assert!(!screen.hide_cursor(), "SIG{name}");
        assert_eq!(screen.mouse_protocol_mode(), vt100::MouseProtocolMode::None);
    }
}

#[test]
fn ctrl_z_suspends_to_the_shell_and_fg_redraws() {
    // A shell with job control in the pseudo-terminal, as a user has.
    let program = PathBuf::from("/bin/bash");
    if !program.exists() {
        eprintln!("no /bin/bash: skipped");
        return;
    }
    let mut s = Session::start_program(&program, &["--norc", "--noprofile", "-i"], 80, 24);
    s.send(&format!(
        "PS1='$ '; {} tests/fixtures/dashboard.toml\r",
        env!("CARGO_BIN_EXE_sitrep")
    ));
    s.wait_dashboard("Kessa Valley floods");
    s.send("\x1a");
    s.wait("the shell's job notice on the main screen", |screen| {
        !screen.alternate_screen() && !screen.hide_cursor() && screen.contents().contains("Stopped")
    });
    s.send("fg\r");
    s.wait_dashboard("Kessa Valley floods");
    s.wait_text("── now · 14 Mar 2025");
    s.send("q");
    // The shell's prompt, not only the main screen: sitrep gives the screen
    // back before it records what was seen, and a line typed before it has
    // exited is not the shell's to read.
    s.wait("the shell's prompt again", |screen| {
        !screen.alternate_screen()
            && !screen.hide_cursor()
            && screen.contents().trim_end().ends_with('$')
    });
    s.send("exit\r");
    s.finish();
}

#[test]
fn a_config_file_sets_the_theme_the_focus_the_mouse_and_the_keys() {
    let scratch_dir = temp_dir("config");
    let dir = scratch_dir.path();
    let config = dir.join("config.toml");
    std::fs::write(
        &config,
        "theme = \"light\"\nmouse = false\nfocus = \"actors\"\n[keys]\nquit = \"x\"\n",
    )
    .unwrap();
    let config = config.to_string_lossy().into_owned();
    let mut s = Session::start(
        &["--config", &config, "tests/fixtures/dashboard.toml"],
        120,
        40,
    );
    s.wait_dashboard("Kessa Valley floods");
    // The actors pane has the focus: its key shows in the footer.
    s.wait_text("Space filter");
    s.wait("the light theme's blue on the focused border", |screen| {
        (0..40).any(|row| {
            (0..120).any(|col| {
                screen
                    .cell(row, col)
                    .is_some_and(|c| c.fgcolor() == vt100::Color::Idx(25))
            })
        })
    });
    {
        let parser = s.parser.lock().unwrap();
        let screen = parser.screen();
        assert_eq!(screen.mouse_protocol_mode(), vt100::MouseProtocolMode::None);
        // No yellow and no pale grey on a light background.
        for row in 0..40 {
            for col in 0..120 {
                let fg = screen.cell(row, col).map(|c| c.fgcolor());
                assert!(
                    !matches!(fg, Some(vt100::Color::Idx(3 | 7 | 8 | 11 | 15))),
                    "{fg:?} at {row},{col}"
                );
            }
        }
    }
    // The footer names the rebound key; `q` does nothing now (the help key
    // sent after it still finds the dashboard running), `x` quits.
    // (In the quotes pane the footer has room for it.)
    s.send("\t");
    s.wait_text("x quit");
    s.send("q?");
    s.wait_text("x Ctrl-C");
    s.send("\x1b");
    s.wait_gone("x Ctrl-C");
    s.send("x");
    let status = s.finish();
    assert!(status.success(), "{status:?}");
    assert!(!s.parser.lock().unwrap().screen().alternate_screen());
}

#[test]
fn the_banner_names_the_file_as_given_and_bang_shows_the_whole_report() {
    let scratch_dir = temp_dir("report");
    let dir = scratch_dir.path();
    std::fs::create_dir_all(dir.join("data")).unwrap();
    let path = dir.join("data/x.toml");
    save(&path, FIXTURE);
    let mut s = Session::start_in(dir, &["data/x.toml"], 80, 24);
    s.wait_dashboard("Water points restored in Sarrin");
    s.send("\x1b");
    s.wait_text("r reload");

    // Three bad references: the banner names the path as typed (not made
    // absolute), and its second row, at 80 columns, still names the key.
    save(
        &path,
        &FIXTURE
            .replace("actors = [\"red-crescent\"]", "actors = [\"red-cresent\"]")
            .replace("speaker = \"lea-brandt\"", "speaker = \"lea\""),
    );
    s.wait_text("⚠ data/x.toml:236:11: no actor `red-cresent`");
    s.wait_text("+2 more");
    s.wait_text("! the whole report");
    let shown = s.contents();
    assert!(!shown.contains(&dir.display().to_string()), "{shown}");

    // `!`: every problem as `check` tells it, the last one below the fold.
    s.send("!");
    s.wait_text("Why the file did not reload");
    s.wait_text("--> data/x.toml:236:11");
    // The caret stands under what it points at, as in a terminal.
    s.wait("the caret under the unknown id", |screen| {
        let report = screen.contents();
        let rows: Vec<&str> = report.lines().collect();
        rows.iter()
            .position(|r| r.contains("236 | actors = [\"red-cresent\"]"))
            .and_then(|code| {
                let quoted = rows[code].find("\"red-cresent\"")?;
                Some(rows.get(code + 1)?.find('^') == Some(quoted))
            })
            .unwrap_or(false)
    });
    s.send("G");
    s.wait_text("data/x.toml: not valid, 3 errors");
    s.wait_text("no actor `lea`");
    // q closes the report, not the program: the banner is still up.
    s.send("q");
    s.wait_gone("Why the file did not reload");
    s.wait_text("⚠ data/x.toml:236:11");
    // Esc closes it too; from a detail `!` opens it over the detail, and
    // each q closes one layer.
    s.send("!");
    s.wait_text("Why the file did not reload");
    s.send("\x1b");
    s.wait_gone("Why the file did not reload");
    s.send("\r");
    s.wait_text("Esc back");
    s.send("!");
    s.wait_text("Why the file did not reload");
    s.send("q");
    s.wait_gone("Why the file did not reload");
    s.wait_text("Esc back");
    s.send("q");
    s.wait_gone("Esc back");
    s.wait_text("r reload");

    // Fixed: the banner goes, and `!` says there is nothing to tell.
    save(&path, FIXTURE);
    s.wait_gone("⚠");
    s.send("!");
    s.wait_text("the file loaded: no report to show");
    s.send("q");
    assert!(s.finish().success());
    assert!(!s.parser.lock().unwrap().screen().alternate_screen());
}

#[cfg(unix)]
#[test]
fn a_save_that_is_a_device_or_too_large_keeps_the_last_good_view() {
    let scratch_dir = temp_dir("bounded");
    let dir = scratch_dir.path();
    let path = dir.join("x.toml");
    save(&path, FIXTURE);
    let mut s = Session::start_in(dir, &["--max-size", "16K", "x.toml"], 100, 30);
    s.wait_dashboard("Water points restored in Sarrin");

    // The file swapped for a device that never ends: told, not read.
    let link = dir.join("x.toml.link");
    std::os::unix::fs::symlink("/dev/zero", &link).unwrap();
    std::fs::rename(&link, &path).unwrap();
    s.wait_text("x.toml: cannot read: it is a character device");
    s.wait_text("not reloaded: still showing the last good version");
    // (Waited for: the frame may still be arriving.)
    s.wait_text("Water points restored in Sarrin");
    s.wait_text("16 events");

    // Larger than --max-size: told with both sizes, the old view kept.
    let padded = format!("{FIXTURE}{}", "# padding\n".repeat(1000));
    save_by_rename(&path, &padded);
    s.wait_text("over the limit of 16 KiB (--max-size)");
    s.wait_text("Water points restored in Sarrin");
    s.wait_text("16 events");

    // Back within the limit: reloaded, the banner gone.
    save_by_rename(&path, &FIXTURE.replace("in Sarrin\"", "in Sarrin again\""));
    s.wait_text("Water points restored in Sarrin again");
    s.wait_gone("⚠");
    s.send("q");
    assert!(s.finish().success());
}

/// The state letter of a process in /proc (R running, S sleeping, T
/// stopped), or None when it is gone.
#[cfg(target_os = "linux")]
fn process_state(pid: u32) -> Option<char> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // After the command name in parentheses, which may itself hold spaces.
    stat.rsplit_once(") ")?.1.chars().next()
}

#[cfg(target_os = "linux")]
#[test]
fn an_outside_sigtstp_stops_like_ctrl_z_and_sigcont_redraws_whole() {
    let mut s = Session::start(&["tests/fixtures/dashboard.toml"], 80, 24);
    s.wait_dashboard("Kessa Valley floods");
    let pid = s.child.process_id().unwrap();
    s.signal("TSTP");
    s.wait("the terminal given back", |screen| {
        !screen.alternate_screen() && !screen.hide_cursor()
    });
    let start = Instant::now();
    while process_state(pid) != Some('T') {
        assert!(
            start.elapsed() < DEADLINE,
            "not stopped: {:?}",
            process_state(pid)
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    // Something else writes to the screen while it is stopped.
    s.parser.lock().unwrap().process(b"\x1b[2J$ other work");
    s.signal("CONT");
    // The whole dashboard again, with no key pressed.
    s.wait_dashboard("Kessa Valley floods");
    s.wait_text("── now · 14 Mar 2025");
    s.wait_gone("other work");
    s.send("q");
    assert!(s.finish().success());
    assert!(!s.parser.lock().unwrap().screen().alternate_screen());
}

/// A terminal that goes away without a SIGHUP: sitrep in a session of its
/// own (as under `setsid`), so closing the terminal sends it no signal, and
/// its input only ends. It must leave, not spin on the end of input.
#[cfg(target_os = "linux")]
#[test]
fn the_terminal_closing_without_sighup_ends_the_program_without_spinning() {
    let Some(setsid) = ["/usr/bin/setsid", "/bin/setsid"]
        .into_iter()
        .map(Path::new)
        .find(|p| p.exists())
    else {
        eprintln!("no setsid: skipped");
        return;
    };
    let pty = native_pty_system()
        .openpty(PtySize {
            rows: 24,
            cols: 80,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("a pty");
    let tty = pty.master.tty_name().expect("the terminal's name");
    let scratch_dir = temp_dir("hangup");
    let dir = scratch_dir.path();
    let errors = dir.join("stderr");
    let open = || {
        std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .open(&tty)
            .unwrap()
    };
    // The child is not a process group leader, so setsid makes it a session
    // leader in place (no fork): its pid is sitrep's. The terminal is open
    // but never becomes its controlling terminal.
    let mut child = std::process::Command::new(setsid)
        .arg(env!("CARGO_BIN_EXE_sitrep"))
        .arg("tests/fixtures/dashboard.toml")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("TERM", "xterm-256color")
        .stdin(open())
        .stdout(open())
        .stderr(std::fs::File::create(&errors).unwrap())
        .spawn()
        .expect("sitrep starts");
    drop(pty.slave);
    let mut reader = pty.master.try_clone_reader().unwrap();
    let mut parser = vt100::Parser::new(nz(24), nz(80), 0);
    let start = Instant::now();
    let mut buf = [0u8; 8192];
    // The whole first frame (the cursor is hidden after it), so the
    // program waits for input when the terminal goes.
    let drawn = |screen: &vt100::Screen| {
        screen.hide_cursor() && screen.contents().contains("Kessa Valley floods")
    };
    while !drawn(parser.screen()) {
        assert!(start.elapsed() < DEADLINE, "{}", parser.screen().contents());
        let n = reader.read(&mut buf).unwrap();
        parser.process(&buf[..n]);
    }
    // The terminal goes away: every handle on its master side closed.
    drop(reader);
    drop(pty.master);
    let closed = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if closed.elapsed() > Duration::from_secs(2) {
            let pid = child.id();
            let cpu = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
            child.kill().ok();
            panic!("still running 2 s after the terminal closed; /proc/{pid}/stat: {cpu}");
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    // Not a signal's exit, nor a panic's: the program ended by itself.
    let told = std::fs::read_to_string(&errors).unwrap();
    assert_eq!(status.code(), Some(1), "{status:?}: {told}");
    // (ratatui may first say it could not show the cursor on a terminal
    // that is gone.)
    assert!(
        told.ends_with("sitrep: terminal error: the terminal went away: end of input\n"),
        "{told}"
    );
}

#[test]
fn a_file_saved_twenty_times_a_second_still_reloads_while_the_saves_go_on() {
    let scratch_dir = temp_dir("constant-saves");
    let dir = scratch_dir.path();
    let path = dir.join("x.toml");
    save(&path, FIXTURE);
    let mut s = Session::start_in(dir, &["x.toml"], 100, 30);
    s.wait_dashboard("Water points restored in Sarrin");
    // Saved in place every 50 ms for 3 s, each save a new title: never
    // quiet long enough for the debounce alone.
    let writer = {
        let path = path.clone();
        std::thread::spawn(move || {
            for n in 0..60 {
                let title = format!("title = \"Water points restored, save {n:02}\"");
                save(
                    &path,
                    &FIXTURE.replace("title = \"Water points restored in Sarrin\"", &title),
                );
                std::thread::sleep(Duration::from_millis(50));
            }
        })
    };
    // A save shows while the saves go on (the reload every half second at
    // the latest), and a later one after that.
    let shown_save = |screen: &vt100::Screen| -> Option<u32> {
        let contents = screen.contents();
        let (_, after) = contents.split_once("Water points restored, save ")?;
        after.get(..2)?.parse().ok()
    };
    // Taken as the wait sees it: the screen may change right after.
    let seen = std::cell::Cell::new(0);
    s.wait("a save shown", |screen| {
        shown_save(screen).inspect(|&n| seen.set(n)).is_some()
    });
    assert!(!writer.is_finished(), "shown only once the saves stopped");
    let first = seen.get();
    s.wait(&format!("a later save than {first}"), |screen| {
        shown_save(screen).is_some_and(|n| n > first) && !writer.is_finished()
    });
    writer.join().unwrap();
    // After the last save, the last save.
    s.wait_text("Water points restored, save 59");
    s.wait_gone("⚠");
    s.send("q");
    assert!(s.finish().success());
}

#[test]
fn a_reload_that_drops_more_than_half_of_the_events_says_so() {
    let scratch_dir = temp_dir("cut-short");
    let dir = scratch_dir.path();
    let path = dir.join("x.toml");
    save(&path, FIXTURE);
    let mut s = Session::start_in(dir, &["x.toml"], 80, 24);
    s.wait_dashboard("Water points restored in Sarrin");
    // Cut before the sixth event: still valid TOML, 5 events of 16.
    let cut = FIXTURE.match_indices("\n[[events]]").nth(5).unwrap().0 + 1;
    save(&path, &FIXTURE[..cut]);
    s.wait_text("reloaded: 5 events (was 16: save cut short?), 6 warnings");
    // Saved whole again: an ordinary reload.
    save(&path, FIXTURE);
    s.wait_text("reloaded: 16 events");
    s.wait_gone("cut short");
    s.send("q");
    assert!(s.finish().success());
}

#[test]
fn picking_a_place_on_the_map_filters_the_timeline_and_the_map_follows() {
    // The built-in situation, wide enough for the map beside the timeline
    // (whose titles and columns are whole in what the map leaves).
    let mut s = Session::start(&[], 200, 60);
    s.wait_text("5 Map");
    // The map pane is narrow here: its status line takes its short words.
    s.wait_text("2 not on the map · ● exact ○ area");
    s.wait_text("Nairobi 3");
    s.wait_text("US-Ecuador draft asks the UN");
    // Focus the map, pick its busiest place, and filter by it.
    s.send("5");
    s.send("\t");
    s.wait_text("[Port-au-Prince 12]");
    s.send("\r");
    s.wait_text("⌖ Port-au-Prince ✕");
    // The timeline keeps what happened in the city (and at its airport)...
    s.wait_text("of 33 events");
    s.wait_gone("US-Ecuador draft asks the UN");
    s.wait_text("Blinken visits Port-au-Prince");
    // ...and the map fits what is left: every kept event has a place there.
    s.wait_gone("Nairobi 3");
    s.wait_gone("not on the map");
    s.wait_text("Port-au-Prince 12");
    s.send("q");
    let status = s.finish();
    assert!(status.success(), "{status:?}");
}

#[test]
fn a_date_window_typed_after_w_hides_what_lies_outside_it() {
    let mut s = Session::start(&["tests/fixtures/dashboard.toml"], 100, 30);
    s.wait_dashboard("Kessa Valley floods");
    s.wait_text("Water points restored");
    s.send("w");
    s.wait_text("Date window");
    // A bad entry is explained and stays typed.
    s.send("2025-04 2025-02");
    s.send("\r");
    s.wait_text("the start (Apr 2025) is after the end (Feb 2025)");
    s.wait_text("2025-04 2025-02");
    s.send("\x15");
    s.send("2025-02-27 2025-03-01");
    s.send("\r");
    s.wait_gone("Date window");
    s.wait_text("27 Feb 2025 – 1 Mar 2025 ✕");
    s.wait_text("4 of 16 events");
    s.wait_gone("Water points restored");
    s.wait_text("Government declares");
    s.wait_gone("Minister Okonkwo tours");
    // Backspace takes the chip away and everything comes back.
    s.send("\x7f");
    s.wait_gone("27 Feb 2025 – 1 Mar 2025 ✕");
    s.wait_text("Water points restored");
    s.send("q");
    assert!(s.finish().success());
}

/// The header's count of what is new since the last look is on screen.
fn marks_count(screen: &str) -> bool {
    ["new since", "changed since", "removed since"]
        .iter()
        .any(|t| screen.contains(t))
}

#[test]
fn reopening_an_edited_file_marks_what_is_new_and_changed_since_the_last_look() {
    let scratch_dir = temp_dir("seen");
    let dir = scratch_dir.path();
    let state = dir.join("state");
    let file = dir.join("situation.toml");
    let old = std::fs::read_to_string("tests/fixtures/summary.toml").unwrap();
    save(&file, &old);
    let path = file.to_string_lossy().into_owned();

    // First look: nothing to compare with, so nothing is marked.
    let mut s = Session::start_with_state(&state, &[&path], 120, 40);
    s.wait_dashboard("Lowmere river floods");
    assert!(!marks_count(&s.contents()), "{}", s.contents());
    s.send("q");
    assert!(s.finish().success());
    let records: Vec<_> = std::fs::read_dir(state.join("sitrep")).unwrap().collect();
    assert_eq!(records.len(), 1, "one record, in the state folder");
    // Nothing was written beside the data file.
    let beside: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(beside.len(), 2, "{beside:?}");

    // The file is edited: one event moves, one is added.
    let edited = old.replacen(
        "id = \"breach\"\ndate = 2024-09-03",
        "id = \"breach\"\ndate = 2024-09-04",
        1,
    ) + "\n[[events]]\nid = \"bridge\"\ndate = 2024-09-20\n\
           title = \"Temporary bridge opens at Millford\"\nsources = [\"gazette\"]\n";
    save(&file, &edited);
    let mut s = Session::start_with_state(&state, &[&path], 120, 40);
    s.wait_dashboard("Lowmere river floods");
    // They come after the first frame, with no key pressed.
    s.wait_text("1 new, 1 changed since ");
    assert!(!s.contents().contains("marking new and changed"));
    // Each row as drawn: a frame may arrive in pieces.
    let marked = |text: &'static str, mark: &'static str| {
        move |screen: &vt100::Screen| {
            let contents = screen.contents();
            contents
                .lines()
                .any(|l| l.contains(text) && l.contains(mark))
        }
    };
    s.wait(
        "the new event marked",
        marked("Temporary bridge opens", "●+"),
    );
    s.wait(
        "the moved event marked",
        marked("Levee breaches flood", "●~"),
    );
    s.wait_text("Heavy rain begins");
    let screen = s.contents();
    let row = |text: &str| {
        screen
            .lines()
            .find(|l| l.contains(text))
            .unwrap_or_else(|| panic!("{text} in {screen}"))
            .to_string()
    };
    assert!(!row("Heavy rain begins").contains("●~"), "{screen}");
    // `u` keeps only what is new or changed, under a chip.
    s.send("u");
    s.wait_text("new or changed ✕");
    s.wait_gone("Heavy rain begins");
    s.wait_text("Temporary bridge opens");
    s.wait_text("Levee breaches flood");
    s.send("q");
    assert!(s.finish().success());

    // Seen now: the next look has nothing new.
    let s2 = Session::start_with_state(&state, &[&path], 120, 40);
    s2.wait_dashboard("Lowmere river floods");
    // The marks come after the first frame: once they are in, no count.
    s2.wait_gone("marking new and changed");
    assert!(!marks_count(&s2.contents()), "{}", s2.contents());
    let mut s2 = s2;
    s2.send("q");
    assert!(s2.finish().success());

    // The built-in situation has no history: nothing is recorded for it.
    let mut b = Session::start_with_state(&state, &[], 120, 40);
    b.wait_dashboard("as of");
    b.send("q");
    assert!(b.finish().success());
    assert_eq!(std::fs::read_dir(state.join("sitrep")).unwrap().count(), 1);

    // --no-state neither marks nor records.
    std::fs::remove_dir_all(&state).unwrap();
    let mut s3 = Session::start_with_state(&state, &["--no-state", &path], 120, 40);
    s3.wait_dashboard("Lowmere river floods");
    s3.send("q");
    assert!(s3.finish().success());
    assert!(!state.exists());
}

#[test]
fn a_damaged_record_is_told_once_and_the_dashboard_opens() {
    let scratch_dir = temp_dir("seen-damaged");
    let dir = scratch_dir.path();
    let state = dir.join("state");
    let file = dir.join("situation.toml");
    save(
        &file,
        &std::fs::read_to_string("tests/fixtures/summary.toml").unwrap(),
    );
    let path = file.to_string_lossy().into_owned();
    let mut s = Session::start_with_state(&state, &[&path], 120, 40);
    s.wait_dashboard("Lowmere river floods");
    s.send("q");
    assert!(s.finish().success());
    let record = std::fs::read_dir(state.join("sitrep"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    std::fs::write(&record, "garbage").unwrap();
    let mut s = Session::start_with_state(&state, &[&path], 120, 40);
    s.wait_dashboard("Lowmere river floods");
    s.wait_text("seen-state record not used (not a sitrep seen-state record)");
    // Told once: the next key clears it.
    s.send("j");
    s.wait_gone("seen-state record not used");
    s.send("q");
    assert!(s.finish().success());
    // Quitting wrote a good record over the damaged one.
    let text = std::fs::read_to_string(&record).unwrap();
    assert!(text.starts_with("sitrep seen 3\n"), "{text}");
}

/// A script that writes each of its arguments on a line of `out`, as a
/// stand-in for a browser or an editor.
#[cfg(unix)]
fn recording_script(dir: &Path, name: &str, out: &Path) -> PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let script = dir.join(name);
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\nprintf '%s\\n' \"$@\" > '{}.tmp'\nmv '{}.tmp' '{}'\n",
            out.display(),
            out.display(),
            out.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    script
}

/// Waits for a file to be written whole; its text.
fn wait_file(path: &Path) -> String {
    let start = Instant::now();
    loop {
        if let Ok(text) = std::fs::read_to_string(path) {
            return text;
        }
        assert!(
            start.elapsed() < DEADLINE,
            "{} never appeared",
            path.display()
        );
        std::thread::sleep(Duration::from_millis(5));
    }
}

#[cfg(unix)]
#[test]
fn o_hands_the_url_to_the_browser_and_e_the_line_to_the_editor() {
    let scratch_dir = temp_dir("open-edit");
    let dir = scratch_dir.path();
    let data = dir.join("situation.toml");
    std::fs::write(&data, FIXTURE).unwrap();
    let opened = dir.join("opened");
    let edited = dir.join("edited");
    let browser = recording_script(dir, "browser.sh", &opened);
    let editor = recording_script(dir, "editor.sh", &edited);
    let mut s = Session::start_with_env(
        dir,
        &["situation.toml"],
        &[("BROWSER", &browser), ("VISUAL", &editor)],
    );
    s.wait_dashboard("Kessa Valley floods");
    // The first event: the 2019 inspection, with one source.
    s.send("g");
    s.send("o");
    let url = "https://herald.example/2025/02/27/orun-dam";
    s.wait_text(&format!("opened {url} with browser.sh"));
    assert_eq!(wait_file(&opened), format!("{url}\n"));

    s.send("e");
    let edited_args = wait_file(&edited);
    let header = FIXTURE
        .lines()
        .position(|l| l == "id = \"inspection-2019\"")
        .expect("the event");
    // `+LINE FILE`: the line of the event's `[[events]]` header.
    assert_eq!(edited_args, format!("+{header}\nsituation.toml\n"));
    // Back from the editor, the file is read again ("back from editor.sh:
    // reloading" shows until the reload says what it found).
    s.wait_text("reloaded: 16 events");
    s.wait("the dashboard back", |screen| {
        screen.alternate_screen() && screen.contents().contains("Dam inspection flags")
    });
    // Keys reach the dashboard again.
    s.send("?");
    s.wait_text("open the selected item's source in the browser");
    s.send("q");
    s.wait_gone("open the selected item's source in the browser");
    s.send("q");
    assert!(s.finish().success());
}

#[test]
fn y_copies_the_item_through_osc_52() {
    let mut s = Session::start(&["tests/fixtures/dashboard.toml"], 120, 40);
    s.wait_dashboard("Kessa Valley floods");
    s.send("g");
    s.send("y");
    s.wait_text("copied the event (");
    let copied = {
        let parser = s.parser.lock().unwrap();
        parser.callbacks().clipboard.clone()
    };
    assert_eq!(copied.len(), 1, "{copied:?}");
    use base64::Engine;
    let text = base64::engine::general_purpose::STANDARD
        .decode(&copied[0])
        .map(|bytes| String::from_utf8(bytes).unwrap())
        .unwrap_or_else(|_| String::from_utf8(copied[0].clone()).unwrap());
    assert!(
        text.starts_with("Event: Dam inspection flags cracks in the Orun spillway\nDate: 2019\n"),
        "{text}"
    );
    assert!(
        text.contains("https://herald.example/2025/02/27/orun-dam"),
        "{text}"
    );
    s.send("q");
    assert!(s.finish().success());
}

#[test]
fn x_writes_the_view_by_extension_and_replaces_a_file_only_when_confirmed() {
    let scratch_dir = temp_dir("export");
    let dir = scratch_dir.path();
    let data = dir.join("situation.toml");
    std::fs::write(&data, FIXTURE).unwrap();
    let old = dir.join("old.txt");
    std::fs::write(&old, "keep me\n").unwrap();
    let mut s = Session::start_in(dir, &["situation.toml"], 120, 40);
    s.wait_dashboard("Kessa Valley floods");

    // Markdown, by its extension. The box shows the whole command line
    // that writes the same before anything is written.
    s.send("x");
    s.wait_text("Export the view");
    s.send("view.md");
    s.wait_text("sitrep summary situation.toml --format markdown > view.md");
    // A write that succeeds closes the box; the footer says what was done.
    s.send("\r");
    s.wait_gone("Export the view");
    s.wait_text("lines of Markdown to view.md");
    let markdown = std::fs::read_to_string(dir.join("view.md")).unwrap();
    assert!(markdown.starts_with("# Kessa Valley floods"), "{markdown}");

    // The next keys are the dashboard's: `x` opens the box again, on the
    // last path, which typing replaces. JSON.
    s.send("jx");
    s.wait_text("› view.md ");
    s.send("view.json");
    s.wait_text("--format json > view.json");
    s.send("\r");
    s.wait_gone("Export the view");
    let json = std::fs::read_to_string(dir.join("view.json")).unwrap();
    let value: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    assert!(value.is_object());

    // A file that is there is kept until a second Enter.
    s.send("x");
    s.wait_text("Export the view");
    s.send("old.txt\r");
    s.wait_text("old.txt exists: Enter again replaces it");
    assert_eq!(std::fs::read_to_string(&old).unwrap(), "keep me\n");
    s.send("\r");
    s.wait_gone("Export the view");
    s.wait_text("lines of text to old.txt");
    let text = std::fs::read_to_string(&old).unwrap();
    assert!(text.starts_with("Kessa Valley floods"), "{text}");

    // The open file is refused, even after a second Enter.
    s.send("x");
    s.wait_text("Export the view");
    s.send("./situation.toml\r");
    s.wait_text("is the open situation file: never written");
    s.send("\r");
    s.wait_text("is the open situation file: never written");
    assert_eq!(std::fs::read_to_string(&data).unwrap(), FIXTURE);
    s.send("\x1b");
    s.wait_gone("Export the view");
    s.send("q");
    assert!(s.finish().success());
}

/// A `part_of` chain 20,000 deep opens, its deepest member is drawn with a
/// short guide, and filtering by the top of the chain takes in the event
/// that names only the bottom.
#[test]
fn a_deep_part_of_chain_opens_and_filters_by_its_top() {
    let scratch_dir = temp_dir("deep-chain");
    let dir = scratch_dir.path();
    let file = dir.join("chain.toml");
    let n = 20_000;
    let mut text = String::from(
        "[situation]\ntitle = \"Chain\"\nas_of = 2024-09-21\n\n\
         [[sources]]\nid = \"s\"\ntitle = \"S\"\n",
    );
    for i in 0..n {
        text.push_str(&format!(
            "[[actors]]\nid = \"a{i}\"\nname = \"Unit {i}\"\nkind = \"force\"\n"
        ));
        if i + 1 < n {
            text.push_str(&format!("part_of = \"a{}\"\n", i + 1));
        }
    }
    text.push_str(
        "[[events]]\nid = \"e\"\ndate = \"2024-09-20\"\ntitle = \"The deepest unit moves\"\n\
         actors = [\"a0\"]\nsources = [\"s\"]\n",
    );
    save(&file, &text);
    let path = file.to_string_lossy().into_owned();
    let mut s = Session::start(&[&path], 120, 40);
    s.wait_dashboard("Unit 19999");
    // The last actor of the tree is the deepest, under a guide that says
    // levels were left out.
    s.send("3G");
    s.wait("the deepest unit with a short guide", |screen| {
        screen
            .contents()
            .lines()
            .any(|line| line.contains("… ") && line.contains("└ Unit 0 "))
    });
    s.send("g ");
    s.wait_text("Unit 19999 ✕");
    s.wait_text("1 of 1 event");
    s.send("q");
    assert!(s.finish().success());
}

#[test]
fn a_category_picked_after_f_narrows_the_timeline() {
    let mut s = Session::start(&["tests/fixtures/dashboard.toml"], 100, 30);
    s.wait_dashboard("Kessa Valley floods");
    s.wait_text("Water points restored");
    s.send("f");
    s.wait_text("Filter by facet");
    s.wait_text("Categories");
    s.send("politic");
    s.wait_text("1 of 21 values");
    s.send("\r");
    s.wait_text("● politics");
    s.send("\x1b");
    s.wait_gone("Filter by facet");
    s.wait_text("cat:politics ✕");
    s.wait_text("4 of 16 events");
    s.wait_gone("Water points restored");
    // The frame may arrive in pieces: wait for the row rather than read it once.
    s.wait_text("Government declares");
    // Backspace takes the chip away and everything comes back.
    s.send("\x7f");
    s.wait_gone("cat:politics ✕");
    s.wait_text("Water points restored");
    s.send("q");
    assert!(s.finish().success());
}

/// A generated file large enough that opening it shows the loading screen
/// at once and takes a while there (about 40 MB), made once per run.
fn large_file() -> &'static Path {
    static FILE: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    FILE.get_or_init(|| {
        let path = PathBuf::from(concat!(env!("CARGO_TARGET_TMPDIR"), "/pty-large.toml"));
        let mut out = std::io::BufWriter::new(std::fs::File::create(&path).expect("created"));
        let options = sitrep_generate::Options::new(90_000, 7);
        sitrep_generate::generate(&options, &mut out).expect("generated");
        out.flush().expect("written");
        path
    })
}

/// Quits from the loading screen with `key` once it names `step`: the
/// program ends at once with the terminal given back, and the dashboard is
/// never drawn.
fn quit_while(step: &str, key: &str) {
    let file = large_file().to_str().expect("a UTF-8 path");
    let mut s = Session::start(&["--no-state", file], 100, 30);
    s.wait_text("q quits");
    // Loading a large file in a debug build on a busy machine is slow.
    s.wait_within(Duration::from_secs(120), step, |screen| {
        screen.contents().contains(step)
    });
    s.send(key);
    let status = s.finish();
    assert!(status.success(), "{step}: {status:?}");
    let screen = s.parser.lock().unwrap().screen().clone();
    assert!(!screen.alternate_screen(), "{step}");
    assert!(!screen.hide_cursor(), "{step}");
    let output = String::from_utf8_lossy(&s.output.lock().unwrap()).into_owned();
    assert!(
        !output.contains("Timeline"),
        "{step}: the dashboard was drawn before quitting"
    );
}

#[test]
fn q_quits_while_the_file_is_parsed() {
    quit_while("parsing:", "q");
}

#[test]
fn ctrl_c_quits_while_the_dashboard_builds_its_indexes() {
    // The dashboard's own work before its first frame runs beside the
    // loading screen, which still answers keys.
    quit_while("building indexes", "\x03");
}
