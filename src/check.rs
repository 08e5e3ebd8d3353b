//! `sitrep check`: validate files and explain every problem.

use std::io::{self, Write};

use crate::config::ConfigReport;
use crate::load::{Diagnostic, Report, SourceText};
use crate::model::Situation;
use crate::text::plural;

/// How problems are printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// rustc-style: message, location, the line with a caret, help.
    Full { color: bool },
    /// One `path:line:col: level: message` line per problem.
    Short,
}

/// What checking one file found, for the exit code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    Valid,
    Invalid,
}

/// Prints every problem of one loaded file, then a one-line summary.
pub fn print_report(
    out: &mut impl Write,
    path: &str,
    text: &str,
    report: &Report,
    strict: bool,
    style: Style,
) -> io::Result<Verdict> {
    print_diagnostics(out, path, text, &report.diagnostics, style)?;
    let errors = report.errors().count();
    let warnings = report.warnings().count();
    let failed = errors > 0 || (strict && warnings > 0);
    match &report.situation {
        Some(situation) if !failed => {
            let mut line = format!("{path}: ok, {}", counts(situation));
            if warnings > 0 {
                line.push_str(&format!(", {}", plural(warnings, "warning")));
            }
            writeln!(out, "{line}")?;
            Ok(Verdict::Valid)
        }
        _ => {
            let mut parts = Vec::new();
            if errors > 0 {
                parts.push(plural(errors, "error"));
            }
            if warnings > 0 {
                let strictly = if strict && errors == 0 {
                    " (--strict)"
                } else {
                    ""
                };
                parts.push(format!("{}{strictly}", plural(warnings, "warning")));
            }
            writeln!(out, "{path}: not valid, {}", parts.join(", "))?;
            Ok(Verdict::Invalid)
        }
    }
}

/// Every problem of one file, in the chosen style.
pub fn print_diagnostics(
    out: &mut impl Write,
    path: &str,
    text: &str,
    diagnostics: &[Diagnostic],
    style: Style,
) -> io::Result<()> {
    if diagnostics.is_empty() {
        return Ok(());
    }
    // Indexing the lines of a large file takes a while: only when needed.
    let source = SourceText::new(path, text);
    for diagnostic in diagnostics {
        match style {
            Style::Full { color } => writeln!(out, "{}", diagnostic.render(&source, color))?,
            Style::Short => writeln!(out, "{}", diagnostic.one_line(&source))?,
        }
    }
    Ok(())
}

/// Prints every problem of a config file, then a one-line summary.
pub fn print_config_report(
    out: &mut impl Write,
    path: &str,
    text: &str,
    report: &ConfigReport,
    style: Style,
) -> io::Result<Verdict> {
    print_diagnostics(out, path, text, &report.diagnostics, style)?;
    if report.config.is_some() {
        writeln!(out, "{path}: ok, a valid config file")?;
        Ok(Verdict::Valid)
    } else {
        let errors = report.diagnostics.iter().filter(|d| d.is_error()).count();
        writeln!(
            out,
            "{path}: not a valid config file, {}",
            plural(errors, "error")
        )?;
        Ok(Verdict::Invalid)
    }
}

/// "31 events, 25 actors, ..." for the success line; places only when the
/// file has some, as most files written before places existed do not.
pub fn counts(s: &Situation) -> String {
    let mut parts = vec![
        plural(s.events.len(), "event"),
        plural(s.actors.len(), "actor"),
        plural(s.metrics.len(), "metric"),
        plural(s.quotes.len(), "quote"),
        plural(s.sources.len(), "source"),
    ];
    if !s.places.is_empty() {
        parts.push(plural(s.places.len(), "place"));
    }
    parts.join(", ")
}
