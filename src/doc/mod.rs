//! The text of popups, built from the data and wrapped to a width: what a
//! detail page says (with the lines its links sit on) and the key help
//! (with where each mode's section starts). The state builds a document
//! when it opens or when the width or the data change, keeps it, and pages
//! by its line count; drawing only draws its lines.

pub mod detail;
pub mod help;
