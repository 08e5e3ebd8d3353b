//! One key-figure card: label, the figure as reported, its date and source.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget};

use crate::figures::Figure;
use crate::sanitize::clean_line;
use crate::theme::Theme;

/// Rows a card takes, borders included.
pub const CARD_HEIGHT: u16 = 5;
/// Narrowest useful card, borders included.
pub const CARD_MIN_WIDTH: u16 = 18;

/// What a card shows besides the figure itself.
pub struct CardInfo<'a> {
    pub label: &'a str,
    pub figure: &'a Figure,
    /// Short name of the latest observation's source.
    pub source: Option<&'a str>,
    /// Tied to an actor in the active filter.
    pub highlighted: bool,
    /// The card the cursor is on (figures pane focused).
    pub selected: bool,
}

pub fn render_card(info: &CardInfo, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let border = if info.selected {
        theme.focus()
    } else if info.highlighted {
        theme.highlight()
    } else {
        theme.dim()
    };
    let marker = if info.highlighted { "● " } else { "" };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(border)
        .title(Line::from(vec![
            Span::raw(marker),
            Span::styled(clean_line(info.label).into_owned(), theme.text()),
        ]));
    let figure = info.figure;
    let mut value = vec![Span::styled(figure.display.clone(), theme.strong())];
    if let Some(unit) = &figure.unit {
        value.push(Span::styled(format!(" {}", clean_line(unit)), theme.dim()));
    }
    let date = figure.date.map(|d| d.to_string()).unwrap_or_default();
    let lines = vec![
        Line::from(value),
        Line::from(Span::styled(date, theme.dim())),
        Line::from(Span::styled(
            info.source.map(clean_line).unwrap_or_default().into_owned(),
            theme.dim(),
        )),
    ];
    Paragraph::new(lines).block(block).render(area, buf);
}
