//! Drawing: each pane and popup is a function of the application state
//! into the rects the state's geometry (`App::screen`) names. Nothing here
//! changes the state, computes what the state needs, or runs a query.

pub mod actors;
pub mod banner;
pub mod card;
pub mod detail;
pub mod export;
pub mod figures;
pub mod footer;
pub mod header;
pub mod help;
pub mod loading;
pub mod map;
pub mod picker;
pub mod quotes;
pub mod removed;
pub mod report;
pub mod sources;
pub mod strip;
pub mod window;

pub mod timeline;

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Margin, Rect};
use ratatui::style::Style;
use ratatui::symbols::border;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Block, BorderType, Clear, Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState,
    StatefulWidget, Widget, Wrap,
};

use crate::action::Pane;
use crate::app::{App, Field, Popup};
use crate::geometry::{self, Screen, Tab, tab_label};

/// Draws the whole screen.
pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let screen = app.screen();
    if screen.size != area {
        // The state lays out for the size it was told (the terminal loop
        // tells it before every frame); never draw one size into another.
        return;
    }
    if screen.too_small {
        too_small(app, area, buf);
        return;
    }
    header::render(app, screen.header, buf);
    banner::render(app, screen.banner, buf);
    for pane in Pane::ALL {
        render_pane(app, pane, buf);
    }
    footer::render(app, screen.footer, buf);
    render_popups(app, buf);
}

/// Draws one pane (nothing when it is not on screen). Each pane draws only
/// inside its own rect, so a buffer of just that rect holds it whole: the
/// pane-level snapshots are drawn that way.
pub fn render_pane(app: &App, pane: Pane, buf: &mut Buffer) {
    let screen = app.screen();
    match pane {
        Pane::Figures => figures::render(app, screen, buf),
        Pane::Timeline => {
            timeline::render(app, screen, buf);
            strip::render(app, screen, buf);
        }
        Pane::Actors => actors::render(app, screen, buf),
        Pane::Quotes => quotes::render(app, screen, buf),
        Pane::Map => map::render_pane(app, screen, buf),
    }
}

/// Draws the open popups, the newest on top.
pub fn render_popups(app: &App, buf: &mut Buffer) {
    let space = app.screen().popups;
    for popup in &app.view().popups {
        match popup {
            Popup::Picker(actors) => picker::render_actors(app, actors, space, buf),
            Popup::Facets(facets) => picker::render_facets(app, facets, space, buf),
            Popup::Detail(detail) => detail::render(app, detail, space, buf),
            Popup::Help(help) => help::render(app, help, space, buf),
            Popup::Report(report) => report::render(app, report, space, buf),
            Popup::Window(prompt) => window::render(app, prompt, space, buf),
            Popup::Sources(chooser) => sources::render(app, chooser, space, buf),
            Popup::Export(prompt) => export::render(app, prompt, space, buf),
            Popup::Removed(removed) => removed::render(app, removed, space, buf),
        }
    }
}

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        render(self, area, buf);
    }
}

/// The size warning: short lines, each centred, so it reads at any size. The
/// lines that do not fit the height are left out from the bottom.
fn too_small(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let needs = format!(
        "sitrep needs {}×{},",
        geometry::MIN_WIDTH,
        geometry::MIN_HEIGHT
    );
    let this = format!("this is {}×{}.", area.width, area.height);
    let columns = usize::from(area.width);
    let mut lines: Vec<Line> = Vec::new();
    for (text, style) in [
        ("Enlarge the terminal:", theme.strong()),
        (needs.as_str(), theme.text()),
        (this.as_str(), theme.text()),
    ] {
        for row in crate::text::wrap(text, columns) {
            lines.push(Line::from(Span::styled(row, style)));
        }
    }
    lines.push(Line::from(vec![
        Span::styled("q", theme.key()),
        Span::styled(" quits", theme.text()),
    ]));
    let top = area.height.saturating_sub(lines.len() as u16) / 2;
    let area = Rect {
        y: area.y.saturating_add(top),
        height: area.height.saturating_sub(top),
        ..area
    };
    Paragraph::new(lines)
        .alignment(Alignment::Center)
        .render(area, buf);
}

/// Draws a pane's frame: its numbered title (or the tabs, when it shares
/// its slot), `info` on the bottom border, a thick border when focused.
/// Returns the area inside.
pub(crate) fn pane_frame(
    app: &App,
    screen: &Screen,
    pane: Pane,
    area: Rect,
    info: String,
    buf: &mut Buffer,
) -> Rect {
    let theme = app.theme();
    let focused = app.view().focus == pane;
    let title_style = if focused {
        theme.focus_title()
    } else {
        theme.strong()
    };
    let mut block = focus_border(Block::bordered(), theme, focused);
    // The tabs on this pane's top border, when it shares its slot.
    let tabs: Vec<&Tab> = (screen.tabs.iter())
        .filter(|t| t.rect.y == area.y && area.x <= t.rect.x && t.rect.right() <= area.right())
        .collect();
    if tabs.is_empty() {
        block = block.title(Span::styled(
            tab_label(pane, app.order_note(pane)),
            title_style,
        ));
    }
    if app.view().zoom {
        block = block.title(Span::styled(zoom_hint(app), theme.dim()));
    }
    if !info.is_empty() {
        block = block.title_bottom(
            Line::from(Span::styled(format!(" {info} "), theme.dim())).right_aligned(),
        );
    }
    let inner = block.inner(area);
    block.render(area, buf);
    for tab in tabs {
        let style = if tab.pane == pane {
            title_style
        } else {
            theme.dim()
        };
        let rect = tab.rect;
        buf.set_stringn(rect.x, rect.y, &tab.label, usize::from(rect.width), style);
    }
    inner
}

/// A scrollbar on the right border of `area` when `rows` do not fit in
/// `height`, with the first visible row at `offset`.
pub(crate) fn scrollbar(
    app: &App,
    area: Rect,
    rows: usize,
    offset: usize,
    height: usize,
    buf: &mut Buffer,
) {
    if rows <= height || height == 0 {
        return;
    }
    let mut state = ScrollbarState::new(rows - height + 1)
        .position(offset)
        .viewport_content_length(height);
    Scrollbar::new(ScrollbarOrientation::VerticalRight)
        .begin_symbol(None)
        .end_symbol(None)
        .track_symbol(Some("│"))
        .thumb_symbol("█")
        .track_style(app.theme().border())
        .thumb_style(app.theme().strong())
        .render(area.inner(Margin::new(0, 1)), buf, &mut state);
}

/// A popup box: clears what is under it and draws a frame with a title.
/// Returns the area inside.
pub(crate) fn popup_frame(app: &App, area: Rect, title: String, buf: &mut Buffer) -> Rect {
    Clear.render(area, buf);
    let block = Block::bordered()
        .border_set(border::ROUNDED)
        .border_style(app.theme().focus())
        .title(Span::styled(
            format!(" {title} "),
            app.theme().focus_title(),
        ));
    let inner = block.inner(area);
    block.render(area, buf);
    inner
}

/// The text row of a prompt in `columns`: "› " and the field, a
/// pre-filled value shown selected (typing replaces it), and the cursor as
/// a reversed cell.
pub(crate) fn prompt_line(app: &App, field: &Field, columns: u16) -> Line<'static> {
    let theme = app.theme();
    let view = field.view(usize::from(columns).saturating_sub(2));
    let text = if field.selected() {
        theme.selected()
    } else {
        Style::default()
    };
    Line::from(vec![
        Span::styled("› ", theme.key()),
        Span::styled(view.before, text),
        Span::styled(view.at, theme.selected()),
        Span::styled(view.after, text),
    ])
}

/// Draws styled lines, one per row, from `area`'s top; lines are not wrapped
/// (callers wrap first), extra lines are cut.
pub(crate) fn draw_lines(lines: &[Line<'_>], area: Rect, buf: &mut Buffer) {
    for (line, y) in lines.iter().zip(area.rows().map(|r| r.y)) {
        buf.set_line(area.x, y, line, area.width);
    }
}

/// A paragraph for messages in an empty pane.
pub(crate) fn empty_message(app: &App, message: &str, area: Rect, buf: &mut Buffer) {
    Paragraph::new(message.to_string())
        .style(app.theme().dim())
        .wrap(Wrap { trim: true })
        .render(area, buf);
}

/// Fills the rest of a line with a style (used for the selected row).
pub(crate) fn fill_row(buf: &mut Buffer, area: Rect, y: u16, style: Style) {
    buf.set_style(Rect::new(area.x, y, area.width, 1), style);
}

/// A pane's border as focus shows it: thick and in the focus style when
/// focused (the shape tells it without colour), plain otherwise.
pub fn focus_border<'a>(block: Block<'a>, theme: &crate::theme::Theme, focused: bool) -> Block<'a> {
    if focused {
        block
            .border_type(BorderType::Thick)
            .border_style(theme.focus())
    } else {
        block
            .border_type(BorderType::Plain)
            .border_style(theme.border())
    }
}

/// Where the cursor is in a list, for the pane's bottom border: "3/12", or
/// "3/12 · 40 in all" when a filter has shrunk the list; nothing when empty.
pub fn position_info(selected: usize, shown: usize, total: usize, filtered: bool) -> String {
    use crate::text::count;
    match (shown, filtered) {
        (0, _) => String::new(),
        (_, true) => format!(
            "{}/{} · {} in all",
            count(selected + 1),
            count(shown),
            count(total)
        ),
        (_, false) => format!("{}/{}", count(selected + 1), count(shown)),
    }
}

/// " zoomed: z or Esc to leave ", with the keys in use.
pub fn zoom_hint(app: &App) -> String {
    let keys = [crate::action::Action::Zoom, crate::action::Action::Back]
        .map(|a| app.keymap().key(crate::keymap::Mode::Normal, a));
    match keys {
        [Some(zoom), Some(back)] => format!(" zoomed: {zoom} or {back} to leave "),
        [Some(key), None] | [None, Some(key)] => format!(" zoomed: {key} to leave "),
        [None, None] => " zoomed ".to_string(),
    }
}
