//! Pane 1: key figures, one card per metric, reflowed to the width. Rows of
//! cards that do not fit scroll with the cursor.

use ratatui::buffer::Buffer;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Widget};

use crate::action::Pane;
use crate::app::App;
use crate::geometry::Screen;
use crate::text::{count, head};
use crate::ui::card::{CardInfo, render_card};

pub fn render(app: &App, screen: &Screen, buf: &mut Buffer) {
    let Some(area) = screen.visible(Pane::Figures) else {
        return;
    };
    let theme = app.theme();
    let focused = app.view().focus == Pane::Figures;
    let g = &screen.cards;
    let shown = &app.selection().metrics;
    let n = shown.len();
    let view = g.in_view(app.cursor(Pane::Figures).offset);
    let (first, last) = (view.start, view.end.min(n));
    let mut title = vec![Span::styled(
        format!(" {} {} ", Pane::Figures.number(), Pane::Figures.title()),
        if focused {
            theme.focus_title()
        } else {
            theme.strong()
        },
    )];
    if last - first < n {
        let more = if last < n { " ↓" } else { " ↑" };
        title.push(Span::styled(
            format!(
                " {}–{} of {}{more} ",
                count(first + 1),
                count(last),
                count(n)
            ),
            theme.dim(),
        ));
    }
    if app.view().zoom {
        title.push(Span::styled(super::zoom_hint(app), theme.dim()));
    }
    if !app.selection().highlighted_metrics.is_empty() {
        title.push(Span::styled(" ● tied to the filter ", theme.highlight()));
    }
    crate::ui::focus_border(Block::new().borders(Borders::TOP), theme, focused)
        .title(Line::from(title))
        .render(area, buf);

    for (position, rect) in g.cards(app.cursor(Pane::Figures).offset) {
        let Some(&i) = shown.get(position) else {
            continue;
        };
        let figure = &app.derived().figures[i.get()];
        // The card cleans and cuts what it is given; give it only what can
        // show, so a megabyte-long label costs a card's width.
        let columns = usize::from(rect.width);
        let source = figure
            .source
            .and_then(|s| app.situation().sources.get(s.get()))
            .map(|s| head(s.publisher.as_deref().unwrap_or(s.title.as_str()), columns));
        // New or changed since the last look: a symbol before the label.
        let whole = &app.derived().labels[i.get()];
        let label = match app
            .data()
            .marks
            .mark(crate::digest::Section::Metrics, i.get())
        {
            Some(mark) => format!("{} {whole}", mark.symbol()),
            None => whole.clone(),
        };
        // As much of the note as the card's rows can show.
        let note = (app.situation().metrics[i].note.as_deref())
            .map(|n| head(n, columns * usize::from(rect.height)));
        let info = CardInfo {
            label: &label,
            figure,
            source,
            highlighted: app.selection().highlighted_metrics.contains(&i),
            selected: focused && app.cursor(Pane::Figures).selected == position,
            wrap_label: g.wrapped,
            note,
        };
        render_card(&info, theme, rect, buf);
    }
}
