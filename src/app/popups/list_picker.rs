//! The list picker the actor picker (`a`) and the facet picker (`f`) are
//! made of: a typed query, the matching items in groups (each under its
//! heading), and a cursor that only ever rests on an item. It answers the
//! keys and clicks both share; what the items are, how they match the
//! query and what Enter does stay with each picker.

use ratatui::layout::{Position, Rect};

use crate::action::Action;
use crate::app::cursor::{Cursor, Motion};

/// One group of items as a picker lists them: the items the query matches
/// and how many the group has in all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Group<T> {
    /// The heading's title; a list of one kind may go without one.
    pub title: Option<&'static str>,
    pub items: Vec<T>,
    pub total: usize,
}

/// One row of the list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Row<T> {
    /// A group's title: how many of its items the query matches, of all.
    /// Never selected.
    Heading {
        title: &'static str,
        shown: usize,
        total: usize,
    },
    Item(T),
}

/// What a key asks of the picker that owns the list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Asked {
    /// Nothing more: a move, or a key the list does not take.
    Nothing,
    /// The query is now this: list again for it.
    Query(String),
    /// Enter, on the item under the cursor (if any).
    Toggle,
    Close,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListPicker<T> {
    pub query: String,
    /// Headings and the items the query matches, group by group.
    pub rows: Vec<Row<T>>,
    pub cursor: Cursor,
    /// Items of every group, matched or not.
    total: usize,
    /// Rows of the list in view.
    page: usize,
}

impl<T> Default for ListPicker<T> {
    fn default() -> Self {
        ListPicker {
            query: String::new(),
            rows: Vec::new(),
            cursor: Cursor::default(),
            total: 0,
            page: 0,
        }
    }
}

impl<T> ListPicker<T> {
    /// The item under the cursor.
    pub fn selected(&self) -> Option<&T> {
        match self.rows.get(self.cursor.selected) {
            Some(Row::Item(item)) => Some(item),
            _ => None,
        }
    }

    /// The items listed, in order.
    pub fn items(&self) -> impl Iterator<Item = &T> {
        self.rows.iter().filter_map(|row| match row {
            Row::Item(item) => Some(item),
            Row::Heading { .. } => None,
        })
    }

    /// Items the query matches, over every group.
    pub fn matched(&self) -> usize {
        self.items().count()
    }

    /// Items of every group, matched or not.
    pub fn total(&self) -> usize {
        self.total
    }

    /// The row of the first item `is` picks out.
    pub fn position(&self, is: impl Fn(&T) -> bool) -> Option<usize> {
        self.rows
            .iter()
            .position(|row| matches!(row, Row::Item(item) if is(item)))
    }

    /// A new query; the owner then lists again with [`ListPicker::set_groups`].
    pub fn set_query(&mut self, query: String) {
        self.query = query;
        self.cursor.offset = 0;
    }

    /// Lists these groups (a group the query left empty loses its heading
    /// too) and puts the cursor on the item `keep` picks out, else on the
    /// first item.
    pub fn set_groups(&mut self, groups: Vec<Group<T>>, keep: impl Fn(&T) -> bool) {
        self.rows.clear();
        self.total = 0;
        for group in groups {
            self.total += group.total;
            if group.items.is_empty() {
                continue;
            }
            if let Some(title) = group.title {
                self.rows.push(Row::Heading {
                    title,
                    shown: group.items.len(),
                    total: group.total,
                });
            }
            self.rows.extend(group.items.into_iter().map(Row::Item));
        }
        let at = self.position(keep);
        self.land_on(at);
    }

    /// Puts the cursor on `row` if given, else on the first item.
    pub fn land_on(&mut self, row: Option<usize>) {
        match row {
            Some(row) => {
                self.cursor.selected = row;
                self.step(Motion::By(0));
            }
            None => {
                self.cursor = Cursor::default();
                self.step(Motion::Top);
            }
        }
    }

    /// Takes the height of the list on screen, for paging; then
    /// [`ListPicker::keep_in_view`].
    pub fn set_page(&mut self, page: usize) {
        self.page = page;
    }

    /// Scrolls to keep the cursor in view (after a change of size).
    pub fn keep_in_view(&mut self) {
        self.step(Motion::By(0));
    }

    pub fn step(&mut self, motion: Motion) {
        let len = self.rows.len();
        let page = self.page.max(1);
        let before = self.cursor.selected;
        self.cursor.step(motion, len, page);
        let forward = match motion {
            Motion::By(d) | Motion::Page(d) => d >= 0 && self.cursor.selected >= before,
            Motion::Top => true,
            Motion::Bottom => false,
        };
        self.settle(forward);
        self.cursor.follow(len, page);
        // The heading of the first item in view stays in view with it.
        if self.cursor.offset > 0
            && self.cursor.offset == self.cursor.selected
            && self.is_heading(self.cursor.selected - 1)
        {
            self.cursor.offset -= 1;
        }
    }

    fn is_heading(&self, row: usize) -> bool {
        matches!(self.rows.get(row), Some(Row::Heading { .. }))
    }

    /// Off a heading: on to the next item the way the cursor went, else
    /// back to the nearest one the other way.
    fn settle(&mut self, forward: bool) {
        let at = self.cursor.selected;
        if !self.is_heading(at) {
            return;
        }
        let item = |r: &usize| !self.is_heading(*r);
        let ahead = (at..self.rows.len()).find(item);
        let behind = (0..at).rev().find(item);
        self.cursor.selected = if forward {
            ahead.or(behind)
        } else {
            behind.or(ahead)
        }
        .unwrap_or(0);
    }

    /// The keys of a picker: typing edits the query, arrows and pages move.
    pub fn key(&mut self, action: Action) -> Asked {
        let mut query = self.query.clone();
        match action {
            Action::Input(c) => query.push(c),
            Action::DeleteChar => {
                query.pop();
            }
            Action::ClearInput => query.clear(),
            Action::Up => self.step(Motion::By(-1)),
            Action::Down => self.step(Motion::By(1)),
            Action::PageUp => self.step(Motion::Page(-1)),
            Action::PageDown => self.step(Motion::Page(1)),
            Action::Toggle => return Asked::Toggle,
            Action::Back => return Asked::Close,
            _ => {}
        }
        if query == self.query {
            Asked::Nothing
        } else {
            Asked::Query(query)
        }
    }

    /// A click at `at`, the list drawn in `list`: selects the item there.
    pub fn click(&mut self, at: Position, list: Rect) {
        if !list.contains(at) {
            return;
        }
        let row = self.cursor.offset + usize::from(at.y - list.y);
        if row < self.rows.len() && !self.is_heading(row) {
            self.cursor.selected = row;
            self.step(Motion::By(0));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn group(title: &'static str, items: &[u8], total: usize) -> Group<u8> {
        Group {
            title: Some(title),
            items: items.to_vec(),
            total,
        }
    }

    fn picker(page: usize) -> ListPicker<u8> {
        let mut list = ListPicker::default();
        list.set_groups(
            vec![
                group("Low", &[1, 2], 3),
                group("None", &[], 4),
                group("High", &[8, 9], 2),
            ],
            |_| false,
        );
        list.set_page(page);
        list.keep_in_view();
        list
    }

    #[test]
    fn headings_come_before_their_items_and_empty_groups_go() {
        let list = picker(10);
        let heading = |title, shown, total| Row::Heading {
            title,
            shown,
            total,
        };
        assert_eq!(
            list.rows,
            [
                heading("Low", 2, 3),
                Row::Item(1),
                Row::Item(2),
                heading("High", 2, 2),
                Row::Item(8),
                Row::Item(9),
            ]
        );
        assert_eq!((list.matched(), list.total()), (4, 9));
        // The cursor starts on the first item, not its heading.
        assert_eq!(list.selected(), Some(&1));
    }

    #[test]
    fn the_cursor_steps_over_headings_both_ways() {
        let mut list = picker(10);
        list.key(Action::Down);
        list.key(Action::Down);
        assert_eq!(list.selected(), Some(&8));
        list.key(Action::Up);
        assert_eq!(list.selected(), Some(&2));
        // Up from the first item: nowhere to go but back to it.
        list.key(Action::Up);
        list.key(Action::Up);
        assert_eq!(list.selected(), Some(&1));
    }

    #[test]
    fn the_heading_of_the_first_item_in_view_stays_in_view() {
        let mut list = picker(2);
        for _ in 0..3 {
            list.key(Action::Down);
        }
        assert_eq!(list.selected(), Some(&9));
        for _ in 0..3 {
            list.key(Action::Up);
        }
        assert_eq!(list.selected(), Some(&1));
        // Row 1 alone would do; its heading, row 0, comes into view too.
        assert_eq!(list.cursor.offset, 0);
    }

    #[test]
    fn typing_asks_for_a_new_list_and_the_kept_item_stays_selected() {
        let mut list = picker(10);
        assert_eq!(list.key(Action::Input('x')), Asked::Query("x".into()));
        // Nothing typed yet: the owner sets the query it was asked for.
        assert_eq!(list.query, "");
        assert_eq!(list.key(Action::DeleteChar), Asked::Nothing);
        list.key(Action::Down);
        list.set_query("x".into());
        list.set_groups(vec![group("High", &[9, 2], 2)], |&i| i == 2);
        assert_eq!(list.selected(), Some(&2));
        assert_eq!(list.key(Action::Toggle), Asked::Toggle);
        assert_eq!(list.key(Action::Back), Asked::Close);
    }

    #[test]
    fn a_click_selects_an_item_but_never_a_heading() {
        let mut list = picker(10);
        let area = Rect::new(0, 5, 20, 10);
        list.click(Position::new(3, 5 + 4), area);
        assert_eq!(list.selected(), Some(&8));
        list.click(Position::new(3, 5 + 3), area);
        assert_eq!(list.selected(), Some(&8));
        list.click(Position::new(3, 2), area);
        assert_eq!(list.selected(), Some(&8));
    }

    #[test]
    fn a_list_of_one_kind_goes_without_headings() {
        let mut list = ListPicker::default();
        let actors = Group {
            title: None,
            items: vec![4, 5],
            total: 7,
        };
        list.set_groups(vec![actors], |_| false);
        assert_eq!(list.rows, [Row::Item(4), Row::Item(5)]);
        assert_eq!((list.matched(), list.total()), (2, 7));
    }
}
