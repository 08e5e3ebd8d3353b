//! `o` on an item with several sources that have a URL: a short list of
//! them (title, publisher) to choose from; Enter opens the highlighted one.
//! A reload lists the item's sources anew, or closes the list when the item
//! is gone (see `carry_over`).

use ratatui::layout::{Position, Rect};

use crate::action::Action;
use crate::app::cursor::{Cursor, Motion};
use crate::data::Data;
use crate::doc::detail::Target;
use crate::geometry::popup;
use crate::geometry::sources::{self, SourceRow};
use crate::keymap::Mode;
use crate::model::SourceIx;
use crate::theme::Theme;

use super::{PopupModel, Reply};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourcesPopup {
    /// Whose sources these are.
    pub target: Target,
    /// Never empty.
    pub sources: Vec<SourceIx>,
    /// The highlighted source, and the first source in view (positions in
    /// `sources`, not rows).
    pub cursor: Cursor,
    /// Each source's rows at the popup's width (see [`sources::rows`]).
    rows: Vec<Vec<SourceRow>>,
    /// Rows of the list in view.
    height: usize,
}

impl SourcesPopup {
    pub fn new(target: Target, sources: Vec<SourceIx>) -> SourcesPopup {
        SourcesPopup {
            target,
            sources,
            cursor: Cursor::default(),
            rows: Vec::new(),
            height: 1,
        }
    }

    pub fn selected(&self) -> Option<SourceIx> {
        self.sources.get(self.cursor.selected).copied()
    }

    /// Highlights `source` when it is in the list.
    pub fn select(&mut self, source: SourceIx) {
        if let Some(row) = self.sources.iter().position(|&s| s == source) {
            self.cursor.selected = row;
        }
    }

    /// Each source's rows, as laid out for the last size.
    pub fn rows(&self) -> &[Vec<SourceRow>] {
        &self.rows
    }

    /// How many rows each source takes.
    pub fn heights(&self) -> Vec<usize> {
        self.rows.iter().map(Vec::len).collect()
    }

    /// Rows of all the sources together.
    pub fn total_rows(&self) -> usize {
        self.rows.iter().map(Vec::len).sum()
    }

    /// Moves the highlight by `by` sources and scrolls to keep it whole.
    fn step(&mut self, by: isize) {
        self.cursor.step(Motion::By(by), self.sources.len(), 1);
        self.follow();
    }

    fn follow(&mut self) {
        self.cursor.offset = sources::follow(
            &self.heights(),
            self.cursor.selected,
            self.cursor.offset,
            self.height,
        );
    }
}

impl PopupModel for SourcesPopup {
    fn mode(&self) -> Mode {
        Mode::Sources
    }

    fn area(&self, space: Rect) -> Rect {
        popup::sources(space, self.total_rows()).outer
    }

    fn relayout(&mut self, data: &Data, _theme: &Theme, space: Rect) {
        let columns = sources::columns(space);
        let s = &data.situation;
        self.rows = (self.sources.iter())
            .map(|&source| sources::rows(&s.sources[source], columns))
            .collect();
        self.height = usize::from(popup::sources(space, self.total_rows()).list.height);
        self.step(0);
    }

    fn update(&mut self, action: Action, _data: &Data, _space: Rect) -> Reply {
        match action {
            Action::Up => self.step(-1),
            Action::Down => self.step(1),
            Action::Open => return self.selected().map_or(Reply::Done, Reply::OpenSource),
            Action::Back => return Reply::Close,
            _ => {}
        }
        Reply::Done
    }

    fn click(&mut self, at: Position, _data: &Data, space: Rect) -> Reply {
        let list = popup::sources(space, self.total_rows()).list;
        if !list.contains(at) {
            return Reply::Done;
        }
        let dy = usize::from(at.y - list.y);
        if let Some(row) = sources::source_at(&self.heights(), self.cursor.offset, dy) {
            // A click on the highlighted source opens it.
            if row == self.cursor.selected {
                return Reply::OpenSource(self.sources[row]);
            }
            self.cursor.selected = row;
        }
        Reply::Done
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::load_str;
    use crate::model::EventIx;

    /// Five sources, the second and fourth with titles that take three rows
    /// in the chooser at 80 columns.
    const FILE: &str = r#"
[situation]
title = "Sources"
as_of = 2025-03-14

[[sources]]
id = "a"
title = "Flood bulletin no. 4"
publisher = "OCHA"
url = "https://example.org/a"

[[sources]]
id = "b"
title = "Kessa Valley Floods: Situation Report No. 3, covering the breach of the Orun dam, the evacuation of Sarrin and the first week of relief in the shelters"
publisher = "Relief Coordination Office"
url = "https://example.org/b"

[[sources]]
id = "c"
title = "Statement on the emergency"
url = "https://example.org/c"

[[sources]]
id = "d"
title = "Field update from the Velorian Red Crescent on shelters, water points, the cholera watch and the roads that are still closed south of Sarrin"
publisher = "Velorian Red Crescent"
url = "https://example.org/d"

[[sources]]
id = "e"
title = "Herald report"
url = "https://example.org/e"

[[events]]
id = "breach"
date = 2025-02-27
title = "The dam breaks"
sources = ["a", "b", "c", "d", "e"]
"#;

    fn data() -> Data {
        let s = load_str(FILE).situation.expect("the file loads");
        Data::new(
            s,
            Default::default(),
            Default::default(),
            Default::default(),
        )
    }

    /// The chooser over the event's sources, laid out in a popup space of
    /// 80 columns and `rows` rows.
    fn chooser(data: &Data, rows: u16) -> (SourcesPopup, Rect) {
        let space = Rect::new(0, 0, 80, rows);
        let all = data.situation.source_ixs().collect();
        let mut chooser = SourcesPopup::new(Target::Event(EventIx::new(0)), all);
        chooser.relayout(data, &Theme::dark(), space);
        (chooser, space)
    }

    #[test]
    fn long_titles_take_more_rows_and_the_box_grows_with_them() {
        let data = data();
        let (chooser, space) = chooser(&data, 22);
        assert_eq!(chooser.heights(), [1, 3, 1, 3, 1]);
        // Nine rows of sources, a blank row and the URL, in a border.
        assert_eq!(chooser.area(space).height, 9 + 4);
    }

    #[test]
    fn the_selection_moves_a_source_at_a_time_and_keeps_it_whole_in_view() {
        let data = data();
        // Five rows of list: a short source and a wrapped one fit together.
        let (mut chooser, space) = chooser(&data, 11);
        assert_eq!(chooser.height, 5);
        let mut seen = Vec::new();
        for _ in 0..6 {
            let heights = chooser.heights();
            let (selected, offset) = (chooser.cursor.selected, chooser.cursor.offset);
            // The highlighted source's rows are all in the list.
            let top =
                sources::rows_before(&heights, selected) - sources::rows_before(&heights, offset);
            assert!(offset <= selected, "{offset} > {selected}");
            assert!(
                top + heights[selected] <= chooser.height,
                "{selected}: {offset}"
            );
            seen.push((selected, offset));
            chooser.update(Action::Down, &data, space);
        }
        assert_eq!(seen, [(0, 0), (1, 0), (2, 0), (3, 2), (4, 2), (4, 2)]);
        chooser.update(Action::Up, &data, space);
        chooser.update(Action::Up, &data, space);
        assert_eq!((chooser.cursor.selected, chooser.cursor.offset), (2, 2));
        chooser.update(Action::Up, &data, space);
        assert_eq!((chooser.cursor.selected, chooser.cursor.offset), (1, 1));
    }

    #[test]
    fn a_click_on_any_row_of_a_wrapped_source_picks_it_and_a_second_opens_it() {
        let data = data();
        let (mut chooser, space) = chooser(&data, 22);
        let list = popup::sources(space, chooser.total_rows()).list;
        let row = |dy: u16| Position::new(list.x + 3, list.y + dy);
        // Rows 1 to 3 are the second source; row 4 is the third.
        assert_eq!(chooser.click(row(3), &data, space), Reply::Done);
        assert_eq!(chooser.cursor.selected, 1);
        assert_eq!(chooser.click(row(4), &data, space), Reply::Done);
        assert_eq!(chooser.cursor.selected, 2);
        chooser.click(row(2), &data, space);
        let b = data.situation.source_by_id("b").unwrap();
        assert_eq!(chooser.click(row(1), &data, space), Reply::OpenSource(b));
    }
}
