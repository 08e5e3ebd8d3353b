//! Any bytes that load, drawn: the dashboard must never panic at any size
//! or in any mode, and nothing the file holds may reach the screen as a
//! control character.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use sitrep::action::{Action, Pane};
use sitrep::app::{App, Options};
use sitrep::reload::{Outcome, Problem};

/// Sizes around the layout's thresholds (minimum, tabbed, stacked, wide).
const SIZES: [(u16, u16); 4] = [(50, 15), (80, 24), (109, 36), (140, 45)];

/// What a user does: open every kind of detail, the picker, help, search,
/// move about, a reload that fails.
const STEPS: [&[Action]; 8] = [
    &[],
    &[Action::Open],
    &[
        Action::Back,
        Action::Focus(Pane::Actors),
        Action::Bottom,
        Action::Open,
        Action::NextLink,
    ],
    &[Action::Back, Action::Focus(Pane::Quotes), Action::Open],
    &[
        Action::Back,
        Action::Focus(Pane::Figures),
        Action::Right,
        Action::Open,
    ],
    &[Action::Back, Action::Picker, Action::Down, Action::Toggle],
    &[
        Action::Back,
        Action::Search,
        Action::Input('a'),
        Action::Accept,
        Action::Zoom,
    ],
    &[Action::Help, Action::PageDown],
];

fuzz_target!(|data: &[u8]| {
    let Some(situation) = sitrep::load::load_bytes(data).situation else {
        return;
    };
    let mut app = App::new(situation, Options::default());
    for (width, height) in SIZES {
        app.update(Action::Resize { width, height });
        let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
        for (i, step) in STEPS.iter().enumerate() {
            for &action in *step {
                app.update(action);
            }
            if i == 7 {
                // The hostile bytes as the first line and as the whole
                // report, which the report popup draws.
                let text = String::from_utf8_lossy(&data[..data.len().min(300)]).into_owned();
                app.reloaded(Outcome::Failed(Problem {
                    first: text.clone(),
                    more: 1,
                    report: text,
                }));
                app.update(Action::Report);
            }
            terminal
                .draw(|frame| frame.render_widget(&app, frame.area()))
                .unwrap();
            for cell in terminal.backend().buffer().content() {
                assert!(
                    sitrep::sanitize::is_inert(cell.symbol()),
                    "{:?} reached the screen",
                    cell.symbol()
                );
            }
        }
    }
});
