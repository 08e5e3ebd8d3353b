//! Drawing: each pane is a function of the application state into a `Rect`.

pub mod card;
