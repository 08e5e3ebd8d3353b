//! The themes, drawn: each tells apart what must be told apart, light keeps
//! its contrast on a white background cell by cell, and high-contrast on a
//! black one.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::{Buffer, Cell};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::{Color, Modifier, Style};

use sitrep::action::Action;
use sitrep::app::{App, Options};
use sitrep::load::load_str;
use sitrep::theme::{ColorDepth, StyleName, Theme, ThemeName, contrast_ratio, rgb};

const FIXTURE: &str = include_str!("fixtures/dashboard.toml");
const DEPTHS: [ColorDepth; 3] = [
    ColorDepth::Ansi16,
    ColorDepth::Indexed256,
    ColorDepth::TrueColor,
];
const WHITE: (u8, u8, u8) = (255, 255, 255);
const BLACK: (u8, u8, u8) = (0, 0, 0);

/// The dashboard with a filter chip, a search hit and a stale figure in view.
fn screen(theme: Theme, width: u16, height: u16) -> Buffer {
    let situation = load_str(FIXTURE).situation.expect("the fixture loads");
    let mut app = App::new(
        situation,
        Options {
            theme,
            ..Options::default()
        },
    );
    app.update(Action::Resize { width, height });
    for code in [KeyCode::Char('/'), KeyCode::Char('w'), KeyCode::Enter] {
        let key = KeyEvent::new(code, KeyModifiers::NONE);
        if let Some(action) = app.keymap().action_for(app.mode(), app.focus(), key) {
            app.update(action);
        }
    }
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| frame.render_widget(&app, frame.area()))
        .unwrap();
    terminal.backend().buffer().clone()
}

/// The ink and paper a cell shows on a terminal whose default colours are
/// `ink` on `paper`.
fn shown(cell: &Cell, ink: (u8, u8, u8), paper: (u8, u8, u8)) -> ((u8, u8, u8), (u8, u8, u8)) {
    let fg = rgb(cell.fg).unwrap_or(ink);
    let bg = rgb(cell.bg).unwrap_or(paper);
    if cell.modifier.contains(Modifier::REVERSED) {
        (bg, fg)
    } else {
        (fg, bg)
    }
}

#[test]
fn every_theme_tells_apart_what_must_differ() {
    for name in ThemeName::ALL {
        for depth in DEPTHS {
            let t = Theme::new(name, depth);
            let pairs = [
                (
                    StyleName::Focus,
                    StyleName::Border,
                    "a focused pane from the others",
                ),
                (
                    StyleName::FocusTitle,
                    StyleName::Border,
                    "the focused title",
                ),
                (
                    StyleName::Upcoming,
                    StyleName::Text,
                    "upcoming from past events",
                ),
                (
                    StyleName::Stale,
                    StyleName::Dim,
                    "`stale` from the date beside it",
                ),
                (
                    StyleName::Disputed,
                    StyleName::Strong,
                    "a disputed figure from a sure one",
                ),
                (StyleName::Selected, StyleName::Text, "the selected row"),
                (StyleName::Matched, StyleName::Text, "a search hit"),
                (
                    StyleName::Highlight,
                    StyleName::Text,
                    "what the filter keeps",
                ),
            ];
            for (a, b, what) in pairs {
                assert_ne!(t.style(a), t.style(b), "{name:?} {depth:?}: {what}");
            }
            // Colour is never the only cue: each of these has a modifier.
            for s in [
                StyleName::Focus,
                StyleName::Upcoming,
                StyleName::Stale,
                StyleName::Disputed,
                StyleName::Selected,
            ] {
                assert!(!t.style(s).add_modifier.is_empty(), "{name:?} {s:?}");
            }
        }
    }
}

#[test]
fn light_keeps_contrast_on_white_in_every_cell() {
    for depth in DEPTHS {
        let buffer = screen(Theme::new(ThemeName::Light, depth), 140, 45);
        let mut coloured = 0;
        for cell in buffer.content() {
            if cell.symbol().trim().is_empty() {
                continue;
            }
            coloured += usize::from(cell.fg != Color::Reset || cell.bg != Color::Reset);
            let (fg, bg) = shown(cell, BLACK, WHITE);
            let ratio = contrast_ratio(fg, bg);
            assert!(
                ratio >= 4.5,
                "{depth:?}: {:?} in {:?} on {:?} has contrast {ratio:.2}",
                cell.symbol(),
                cell.fg,
                cell.bg
            );
        }
        assert!(coloured > 100, "{depth:?}: the light theme has colour");
    }
}

#[test]
fn light_has_no_yellow_and_no_pale_grey() {
    for depth in DEPTHS {
        let theme = Theme::new(ThemeName::Light, depth);
        for style in StyleName::ALL {
            let fg = theme.style(style).fg;
            assert!(
                !matches!(
                    fg,
                    Some(
                        Color::Yellow
                            | Color::LightYellow
                            | Color::Gray
                            | Color::DarkGray
                            | Color::White
                    )
                ),
                "{depth:?} {style:?}: {fg:?}"
            );
            if let Some(value) = fg.and_then(rgb) {
                let ratio = contrast_ratio(value, WHITE);
                assert!(ratio >= 4.5, "{depth:?} {style:?}: {ratio:.2}");
            }
        }
    }
}

#[test]
fn high_contrast_reads_on_black_and_is_bold() {
    let buffer = screen(
        Theme::new(ThemeName::HighContrast, ColorDepth::Ansi16),
        140,
        45,
    );
    for cell in buffer.content() {
        if cell.symbol().trim().is_empty() {
            continue;
        }
        let (fg, bg) = shown(cell, WHITE, BLACK);
        let ratio = contrast_ratio(fg, bg);
        assert!(
            ratio >= 4.5,
            "{:?} {:?}: {ratio:.2}",
            cell.symbol(),
            cell.fg
        );
    }
    let theme = Theme::new(ThemeName::HighContrast, ColorDepth::Ansi16);
    for style in StyleName::ALL {
        let s = theme.style(style);
        if s.fg.is_some() && !matches!(style, StyleName::Dim | StyleName::Border) {
            assert!(
                s.add_modifier
                    .intersects(Modifier::BOLD | Modifier::REVERSED),
                "{style:?}"
            );
        }
    }
}

#[test]
fn mono_is_what_no_color_gives() {
    let buffer = screen(Theme::monochrome(), 120, 40);
    assert!(
        buffer
            .content()
            .iter()
            .all(|c| c.fg == Color::Reset && c.bg == Color::Reset)
    );
    assert_eq!(
        Theme::new(ThemeName::Mono, ColorDepth::TrueColor),
        Theme::monochrome()
    );
    // The config's theme gives way to NO_COLOR.
    let config = sitrep::config::Config {
        theme: ThemeName::Light,
        colors: vec![(StyleName::Focus, Color::Rgb(1, 2, 3))],
        ..Default::default()
    };
    assert_eq!(
        config.theme(ColorDepth::TrueColor, true),
        Theme::monochrome()
    );
    assert_eq!(
        config.theme(ColorDepth::TrueColor, false).focus(),
        Style::new()
            .fg(Color::Rgb(1, 2, 3))
            .add_modifier(Modifier::BOLD)
    );
}

#[test]
fn the_dark_theme_is_the_named_colours_on_every_depth() {
    for depth in DEPTHS {
        let t = Theme::new(ThemeName::Dark, depth);
        assert_eq!(t, Theme::dark(), "{depth:?}");
    }
    let t = Theme::dark();
    assert_eq!(t.focus().fg, Some(Color::Cyan));
    assert_eq!(t.border().fg, Some(Color::DarkGray));
    assert_eq!(t.upcoming().fg, Some(Color::Blue));
    assert_eq!(t.stale().fg, Some(Color::Red));
}
