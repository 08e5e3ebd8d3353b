//! The real binary in a pseudo-terminal: keys in, the screen rebuilt by
//! vt100 out. Each step waits for the screen to show what it should, with a
//! deadline; nothing sleeps a fixed time.

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

const DEADLINE: Duration = Duration::from_secs(10);

fn nz(n: u16) -> NonZeroU16 {
    NonZeroU16::new(n).expect("a size is not zero")
}

struct Session {
    parser: Arc<Mutex<vt100::Parser>>,
    master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    reader: Option<JoinHandle<()>>,
}

impl Session {
    fn start(args: &[&str], cols: u16, rows: u16) -> Session {
        Session::start_program(env!("CARGO_BIN_EXE_sitrep").as_ref(), args, cols, rows)
    }

    fn start_program(program: &std::path::Path, args: &[&str], cols: u16, rows: u16) -> Session {
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
        cmd.cwd(env!("CARGO_MANIFEST_DIR"));
        cmd.env("TERM", "xterm-256color");
        // A panic message short enough to stay on a 24-row screen.
        cmd.env("RUST_BACKTRACE", "0");
        let child = pty.slave.spawn_command(cmd).expect("sitrep starts");
        // Without this the reader never sees the end of the output.
        drop(pty.slave);
        let parser = Arc::new(Mutex::new(vt100::Parser::new(nz(rows), nz(cols), 0)));
        let mut source = pty.master.try_clone_reader().expect("a reader");
        let sink = Arc::clone(&parser);
        let reader = std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                match source.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => sink.lock().unwrap().process(&buf[..n]),
                }
            }
        });
        let writer = pty.master.take_writer().expect("a writer");
        Session {
            parser,
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
        let start = Instant::now();
        loop {
            if ok(self.parser.lock().unwrap().screen()) {
                return;
            }
            if start.elapsed() > DEADLINE {
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
    s.wait("the dashboard on the alternate screen", |screen| {
        screen.alternate_screen() && screen.contents().contains("Kessa Valley floods")
    });
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
    let screen = s.contents();
    assert!(screen.contains("1 of 16 events"), "{screen}");
    assert!(
        screen.contains("Minister Okonkwo tours the valley"),
        "{screen}"
    );
    assert!(!screen.contains("Government declares"), "{screen}");

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

    // Wider: the panes go side by side.
    s.resize(140, 45);
    s.wait("timeline and actors side by side", |screen| {
        screen
            .contents()
            .lines()
            .any(|l| l.contains("2 Timeline") && l.contains("3 Actors"))
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
