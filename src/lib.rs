//! sitrep: a terminal dashboard for following a developing situation.

pub mod action;
pub mod app;
pub mod ask;
pub mod basemap;
pub mod changes;
pub mod chart;
pub mod check;
pub mod config;
pub mod data;
pub mod derived;
pub mod diff;
pub mod digest;
pub mod doc;
pub mod events;
pub mod facets;
pub mod figures;
pub mod geo;
pub mod geometry;
pub mod import;
pub mod init;
pub mod keymap;
pub mod keys;
pub mod load;
pub mod marks;
pub mod members;
pub mod model;
pub mod number_text;
pub mod places;
pub mod progress_line;
pub mod query;
pub mod read;
pub mod reload;
pub mod revision;
pub mod sanitize;
pub mod seen;
pub mod strip;
pub mod summary;
pub mod text;
pub mod theme;
pub mod tree_ranges;
pub mod tui;
pub mod ui;
pub mod window;

/// The situation built into the binary, shown when no file is given.
pub const BUILTIN_PATH: &str = "haiti-mss-2024.toml";
pub const BUILTIN_TEXT: &str = include_str!("../data/haiti-mss-2024.toml");
