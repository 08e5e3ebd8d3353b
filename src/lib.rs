//! sitrep: a terminal dashboard for following a developing situation.

pub mod check;
pub mod generate;
pub mod load;
pub mod model;
pub mod sanitize;

/// The situation built into the binary, shown when no file is given.
pub const BUILTIN_PATH: &str = "haiti-mss-2024.toml";
pub const BUILTIN_TEXT: &str = include_str!("../data/haiti-mss-2024.toml");
