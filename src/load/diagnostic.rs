//! Problems found in a situation file, with where they are and what would be
//! right, rendered the way compilers do.

use std::ops::Range;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use crate::sanitize::{clean_line, is_hostile, push_visible};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem at one place in the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Byte range of the value at fault in the file's text.
    pub span: Range<usize>,
    pub message: String,
    /// What would be right, when we can tell ("did you mean `actors`?").
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn error(span: Range<usize>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            span,
            message: message.into(),
            help: None,
        }
    }

    pub fn warning(span: Range<usize>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(span, message)
        }
    }

    pub fn with_help(mut self, help: Option<String>) -> Self {
        self.help = help;
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// "path:line:col: error: message", the form editors and banners want.
    pub fn one_line(&self, file: &SourceText) -> String {
        let (line, col) = file.line_col(self.span.start);
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut out = format!(
            "{}:{line}:{col}: {level}: {}",
            clean_line(file.path),
            clean_line(&self.message)
        );
        if let Some(help) = &self.help {
            out.push_str(" (");
            out.push_str(&clean_line(help));
            out.push(')');
        }
        out
    }

    /// A rustc-style report: the message, `--> path:line:col`, the line with
    /// a caret under the value, and the help.
    pub fn render(&self, file: &SourceText, color: bool) -> String {
        let (line_no, _) = file.line_col(self.span.start);
        let line_range = file.lines.line_range(line_no, file.text);
        // Clip the annotation to the first line of the span: multi-line
        // values would otherwise print the whole table.
        let start = self.span.start.clamp(line_range.start, line_range.end) - line_range.start;
        let end = self.span.end.clamp(line_range.start, line_range.end) - line_range.start;
        let (line_text, start, end) = inert_line(&file.text[line_range], start, end.max(start));
        let level = match self.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let path = clean_line(file.path);
        let snippet = Snippet::source(line_text)
            .line_start(line_no)
            .path(&path)
            .annotation(AnnotationKind::Primary.span(start..end));
        let message = clean_line(&self.message);
        let mut report = vec![level.primary_title(message).element(snippet)];
        let help = self.help.as_deref().map(clean_line);
        if let Some(help) = &help {
            report.push(Group::with_title(Level::HELP.secondary_title(help.clone())));
        }
        let renderer = if color {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        renderer.render(&report).to_string()
    }
}

/// A file's name and text, with what it takes to turn byte offsets into
/// 1-based lines and columns.
pub struct SourceText<'a> {
    pub path: &'a str,
    pub text: &'a str,
    lines: LineIndex,
}

impl<'a> SourceText<'a> {
    pub fn new(path: &'a str, text: &'a str) -> Self {
        SourceText {
            path,
            text,
            lines: LineIndex::new(text),
        }
    }

    /// 1-based line, and 1-based column counted in characters.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.lines.line_of(offset);
        let start = self.lines.starts[line];
        let column = self
            .text
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count());
        // A byte-order mark is invisible, and editors do not count it.
        let bom = line == 0 && offset > 0 && self.text.starts_with('\u{feff}');
        (line + 1, column + 1 - usize::from(bom))
    }
}

/// Byte offsets of line starts, to turn spans into 1-based line and column.
#[derive(Clone, Debug)]
struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        LineIndex { starts }
    }

    /// 0-based line holding a byte offset.
    fn line_of(&self, offset: usize) -> usize {
        self.starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1)
    }

    /// Byte range of a 1-based line, without its line break.
    fn line_range(&self, line_no: usize, text: &str) -> Range<usize> {
        let start = self.starts[line_no - 1];
        let end = self
            .starts
            .get(line_no)
            .map_or(text.len(), |next| next.saturating_sub(1));
        let end = if end > start && text.as_bytes()[end - 1] == b'\r' {
            end - 1
        } else {
            end
        };
        start..end.max(start)
    }
}

/// A source line made safe to print (hostile characters made visible), with
/// the byte range `start..end` moved to match and kept on char boundaries.
fn inert_line(line: &str, start: usize, end: usize) -> (String, usize, usize) {
    let mut out = String::with_capacity(line.len());
    let (mut new_start, mut new_end) = (None, None);
    for (at, c) in line.char_indices() {
        if new_start.is_none() && at >= start {
            new_start = Some(out.len());
        }
        if new_end.is_none() && at >= end {
            new_end = Some(out.len());
        }
        if is_hostile(c) {
            push_visible(&mut out, c);
        } else {
            out.push(c);
        }
    }
    let new_start = new_start.unwrap_or(out.len());
    let new_end = new_end.unwrap_or(out.len()).max(new_start);
    (out, new_start, new_end)
}
