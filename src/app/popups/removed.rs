//! The items the last look had and the file no longer has, by section:
//! what each was called, what it showed and its id. Opened from the
//! header's count of what changed (a click) or its key; scrollable.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::action::Action;
use crate::data::Data;
use crate::digest::Section;
use crate::geometry::popup;
use crate::keymap::Mode;
use crate::text::{plural, wrap};
use crate::theme::Theme;

use super::{PopupModel, Reply, Scroll};

#[derive(Clone, Debug, Default, PartialEq)]
pub struct RemovedPopup {
    /// The list wrapped to the popup's width.
    pub lines: Vec<Line<'static>>,
    pub scroll: Scroll,
}

/// The list as lines `width` columns wide: a heading per section, then per
/// item its label and, under it, what it showed and its id.
pub fn removed_lines(data: &Data, theme: &Theme, width: usize) -> Vec<Line<'static>> {
    let removed = &data.marks.removed;
    if data.marking() {
        return vec![Line::from(Span::styled(
            "Still working out what changed since your last look…",
            theme.dim(),
        ))];
    }
    if removed.is_empty() {
        return vec![Line::from(Span::styled(
            "Nothing was removed since your last look.",
            theme.text(),
        ))];
    }
    let mut lines = Vec::new();
    for section in Section::ALL {
        let items: Vec<_> = removed.iter().filter(|r| r.section == section).collect();
        if items.is_empty() {
            continue;
        }
        if !lines.is_empty() {
            lines.push(Line::default());
        }
        let heading = match section {
            Section::Metrics => plural(items.len(), "key figure"),
            Section::Events => plural(items.len(), "event"),
            Section::Quotes => plural(items.len(), "quote"),
            Section::Actors => plural(items.len(), "actor"),
        };
        lines.push(Line::from(Span::styled(heading, theme.strong())));
        for item in items {
            let label = item.shown.label().unwrap_or(&item.key);
            let label = match section {
                Section::Quotes => format!("“{label}”"),
                _ => label.to_string(),
            };
            for (i, row) in wrap(&label, width.saturating_sub(4))
                .into_iter()
                .enumerate()
            {
                let lead = if i == 0 { "  − " } else { "    " };
                lines.push(Line::from(vec![
                    Span::styled(lead, theme.dim()),
                    Span::styled(row, theme.text()),
                ]));
            }
            // What it was beside its name: "1 Sep 2024 · id rumour".
            let mut about: Vec<String> =
                item.shown.what().map(str::to_string).into_iter().collect();
            about.push(format!("id {}", item.key));
            for row in wrap(&about.join(" · "), width.saturating_sub(4)) {
                lines.push(Line::from(vec![
                    Span::raw("    "),
                    Span::styled(row, theme.dim()),
                ]));
            }
        }
    }
    lines
}

impl PopupModel for RemovedPopup {
    fn mode(&self) -> Mode {
        Mode::Removed
    }

    fn area(&self, space: Rect) -> Rect {
        popup::removed(space, self.lines.len()).outer
    }

    fn relayout(&mut self, data: &Data, theme: &Theme, space: Rect) {
        let width = usize::from(popup::removed(space, 0).text.width);
        self.lines = removed_lines(data, theme, width);
        let rects = popup::removed(space, self.lines.len());
        self.scroll.lines = self.lines.len();
        self.scroll.height = rects.text_height();
        self.scroll.clamp();
    }

    fn update(&mut self, action: Action, _data: &Data, _space: Rect) -> Reply {
        if action == Action::Back {
            return Reply::Close;
        }
        self.scroll.apply(action);
        Reply::Done
    }
}
