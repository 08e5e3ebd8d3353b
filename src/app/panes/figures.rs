//! The key figures' component: a cursor over the metrics the filter keeps
//! (`selection.metrics`, file order: all of them unless only new and
//! changed items are asked for), laid out as the screen's card grid; up and
//! down move by card rows.

use ratatui::layout::Position;

use crate::data::Data;
use crate::doc::detail::Target;
use crate::geometry::Screen;
use crate::query::normalize_query;

use super::{Cursor, Motion, PaneModel};

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FiguresPane {
    /// `offset` counts card rows.
    pub cursor: Cursor,
}

impl PaneModel for FiguresPane {
    fn cursor(&self) -> Cursor {
        self.cursor
    }

    fn cursor_mut(&mut self) -> &mut Cursor {
        &mut self.cursor
    }

    fn len(&self, data: &Data) -> usize {
        data.selection.metrics.len()
    }

    fn step(&mut self, motion: Motion, data: &Data, screen: &Screen) {
        let grid = &screen.cards;
        let motion = match motion {
            // A page is the cards in view.
            Motion::Page(d) => Motion::By(d * (grid.per_row.max(1) * grid.visible_rows) as isize),
            other => other,
        };
        self.cursor.step(motion, self.len(data), 1);
        self.follow(data, screen);
    }

    /// From the first or last row, up or down goes nowhere.
    fn vertical(&mut self, rows: isize, data: &Data, screen: &Screen) {
        let per_row = screen.cards.per_row.max(1);
        let len = self.len(data);
        let row = (self.cursor.selected / per_row) as isize;
        let last_row = (len.saturating_sub(1) / per_row) as isize;
        let to_row = (row + rows).clamp(0, last_row);
        self.step(Motion::By((to_row - row) * per_row as isize), data, screen);
    }

    fn follow(&mut self, data: &Data, screen: &Screen) {
        let grid = &screen.cards;
        self.cursor.selected = self.cursor.selected.min(self.len(data).saturating_sub(1));
        let row = grid.row_of(self.cursor.selected);
        self.cursor.follow_row(row, grid.rows, grid.visible_rows);
    }

    fn item_at(&self, _data: &Data, screen: &Screen, at: Position) -> Option<usize> {
        screen.cards.card_at(self.cursor.offset, at)
    }

    fn target(&self, data: &Data) -> Option<Target> {
        data.selection
            .metrics
            .get(self.cursor.selected)
            .map(|&m| Target::Metric(m))
    }

    fn matches(&self, data: &Data, item: usize, needle: &str) -> bool {
        let metric = data.selection.metrics[item];
        normalize_query(&data.situation.metrics[metric].label).contains(needle)
    }
}
