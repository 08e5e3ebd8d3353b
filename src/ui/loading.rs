//! The loading screen, shown while a large file is read:
//!
//! ```text
//!            Opening big.toml
//!   ████████████████░░░░░░░░░░░░░░░░  45%
//!   parsing: 205 of 459 MB, 400,000 items
//!                  q quits
//! ```
//!
//! Drawn from a snapshot of the loader's progress and nothing else.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Gauge, Paragraph, Widget};

use crate::load::Snapshot;
use crate::sanitize::clean_line;
use crate::text::fit;

/// The widest the bar gets: wider reads no better.
const MAX_WIDTH: u16 = 72;

pub fn render(path: &str, progress: &Snapshot, area: Rect, buf: &mut Buffer) {
    let width = area.width.min(MAX_WIDTH);
    let [_, column, _] = Layout::horizontal([
        Constraint::Fill(1),
        Constraint::Length(width),
        Constraint::Fill(1),
    ])
    .areas(area);
    let [_, title, bar, line, _, hint, _] = Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Fill(1),
    ])
    .areas(column);
    let fits = |text: &str| fit(text, usize::from(width));
    Paragraph::new(Line::from(fits(&format!("Opening {}", clean_line(path)))))
        .centered()
        .style(Style::new().add_modifier(Modifier::BOLD))
        .render(title, buf);
    let ratio = progress.ratio();
    Gauge::default()
        .ratio(ratio)
        .label(format!("{:.0}%", ratio * 100.0))
        .use_unicode(true)
        .render(bar, buf);
    Paragraph::new(Line::from(fits(&progress.line())))
        .centered()
        .render(line, buf);
    Paragraph::new(Line::from(fits("q quits")))
        .centered()
        .style(Style::new().add_modifier(Modifier::DIM))
        .render(hint, buf);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::Step;

    fn screen(width: u16, height: u16, snapshot: &Snapshot) -> String {
        let area = Rect::new(0, 0, width, height);
        let mut buf = Buffer::empty(area);
        render("big.toml", snapshot, area, &mut buf);
        (0..height)
            .map(|y| {
                (0..width)
                    .map(|x| buf[(x, y)].symbol().to_string())
                    .collect::<String>()
                    .trim_end()
                    .to_string()
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn shows_the_file_how_far_it_is_and_how_to_quit() {
        let snapshot = Snapshot {
            step: Step::Parsing,
            read: 459_000_000,
            parsed: 229_500_000,
            total: 459_000_000,
            items: 400_000,
        };
        let text = screen(80, 24, &snapshot);
        assert!(text.contains("Opening big.toml"), "{text}");
        assert!(text.contains("50%"), "{text}");
        assert!(
            text.contains("parsing: 230 of 459 MB, 400,000 items"),
            "{text}"
        );
        assert!(text.contains("q quits"), "{text}");
        // Half the bar is full.
        let bar = text.lines().find(|l| l.contains("50%")).unwrap();
        assert!(bar.matches('█').count() >= 30, "{bar}");
        // Tiny terminals get what fits, and no panic.
        for (w, h) in [(1, 1), (10, 3), (20, 2)] {
            screen(w, h, &snapshot);
        }
    }
}
