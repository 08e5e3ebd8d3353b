//! A config file's text to a [`Config`], with every problem located, read
//! with the same machinery as situation files.

use ratatui::style::Color;
use toml::de::{DeTable, DeValue};

use super::bindings::{self, Spanned};
use super::{Config, DEFAULT_STALE_AFTER_DAYS};
use crate::action::Pane;
use crate::keymap::{PROTECTED, Rebinding, Scope, is_text};
use crate::keys::parse_key;
use crate::load::fields::{self, Fields, Problems, Value};
use crate::load::{Diagnostic, SourceText, did_you_mean};
use crate::theme::{ColorError, StyleName, ThemeName, index_color, parse_color};

/// What reading one config file found.
#[derive(Debug)]
pub struct ConfigReport {
    /// Present when the file has no error.
    pub config: Option<Config>,
    /// Problems in file order.
    pub diagnostics: Vec<Diagnostic>,
}

const TOP_KEYS: &[&str] = &[
    "theme",
    "mouse",
    "stale_after_days",
    "focus",
    "state",
    "colors",
    "keys",
];

/// The `[colors]` keys: every [`StyleName`], in its order.
const STYLE_KEYS: &[&str] = &[
    "text",
    "dim",
    "strong",
    "highlight",
    "warning",
    "stale",
    "disputed",
    "focus",
    "focus_title",
    "selected",
    "border",
    "key",
    "matched",
    "upcoming",
    "now",
    "chip",
    "banner",
    "status",
    "vague",
];

/// The longest staleness limit that still means something: ten years.
const MAX_STALE_AFTER_DAYS: i64 = 3650;

/// Reads a config file's text.
pub fn read(text: &str) -> ConfigReport {
    let (root, errors) = DeTable::parse_recoverable(text);
    if let Some(first) = errors.first() {
        // After a syntax error the parser may be thrown off: only the first is sure.
        let span = first.span().unwrap_or(0..0);
        let message = first.message().trim_end().to_string();
        return ConfigReport {
            config: None,
            diagnostics: vec![
                Diagnostic::error(span.clone(), format!("TOML syntax: {message}"))
                    .with_help(crate::load::syntax_hint(text, span.start)),
            ],
        };
    }
    let mut problems = Problems::default();
    let config = document(text, root.get_ref(), &mut problems);
    let mut diagnostics = problems.list;
    diagnostics.sort_by_key(|d| (d.span.start, d.severity));
    let failed = diagnostics.iter().any(Diagnostic::is_error);
    ConfigReport {
        config: (!failed).then_some(config),
        diagnostics,
    }
}

fn document(text: &str, root: &DeTable, problems: &mut Problems) -> Config {
    let top = Fields::open(root, 0..0, "the config file", TOP_KEYS, problems);
    let mut config = Config::default();
    if let Some(value) = top.get("theme")
        && let Some(theme) = theme(value, problems)
    {
        config.theme = theme;
    }
    if let Some(value) = top.get("mouse")
        && let Some(on) = boolean(value, problems)
    {
        config.mouse = on;
    }
    if let Some(value) = top.get("state")
        && let Some(on) = boolean(value, problems)
    {
        config.state = on;
    }
    if let Some(value) = top.get("stale_after_days")
        && let Some(days) = stale_after_days(value, problems)
    {
        config.stale_after_days = days;
    }
    if let Some(value) = top.get("focus")
        && let Some(pane) = pane(value, problems)
    {
        config.focus = pane;
    }
    if let Some(value) = top.get("colors") {
        config.colors = colors(value, problems);
    }
    if let Some(value) = top.get("keys") {
        let mut read = keys(value, problems);
        // Tables keep their keys sorted by name: back to file order, so that
        // a conflict is reported at the line that comes second.
        read.sort_by_key(|r| r.span.start);
        let before = problems.list.len();
        check_conflicts(text, &read, problems);
        config.keys = read.iter().map(|r| r.rebinding.clone()).collect();
        if problems.list.len() == before {
            check_reachable(&read, value.span(), &config.keys, problems);
        }
    }
    config
}

fn boolean(value: &Value, problems: &mut Problems) -> Option<bool> {
    match value.get_ref() {
        DeValue::Boolean(b) => Some(*b),
        DeValue::String(s)
            if matches!(s.as_ref(), "true" | "false" | "yes" | "no" | "on" | "off") =>
        {
            let right = matches!(s.as_ref(), "true" | "yes" | "on");
            problems.push(
                Diagnostic::error(value.span(), "expected true or false, found a string")
                    .with_help(Some(format!("write it without quotes: {right}"))),
            );
            None
        }
        other => {
            problems.error(
                value.span(),
                format!("expected true or false, found {}", fields::describe(other)),
            );
            None
        }
    }
}

/// A string naming one of `names`; a typo gets the closest.
fn one_of<T: Copy>(
    value: &Value,
    what: &str,
    names: &[(&str, T)],
    problems: &mut Problems,
) -> Option<T> {
    let text = fields::string(value, problems)?;
    if let Some(&(_, t)) = names.iter().find(|(n, _)| *n == text) {
        return Some(t);
    }
    let list: Vec<&str> = names.iter().map(|(n, _)| *n).collect();
    let help = did_you_mean(&text, list.iter().copied())
        .unwrap_or_else(|| format!("one of: {}", list.join(", ")));
    problems.push(
        Diagnostic::error(value.span(), format!("unknown {what} `{text}`")).with_help(Some(help)),
    );
    None
}

fn theme(value: &Value, problems: &mut Problems) -> Option<ThemeName> {
    let names: Vec<(&str, ThemeName)> = ThemeName::ALL.iter().map(|t| (t.name(), *t)).collect();
    one_of(value, "theme", &names, problems)
}

fn pane(value: &Value, problems: &mut Problems) -> Option<Pane> {
    let names: Vec<(&str, Pane)> = bindings::SCOPES
        .iter()
        .filter_map(|&(n, s)| match s {
            Scope::Pane(p) => Some((n, p)),
            _ => None,
        })
        .collect();
    one_of(value, "pane", &names, problems)
}

fn stale_after_days(value: &Value, problems: &mut Problems) -> Option<i64> {
    let days = match value.get_ref() {
        DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix()).ok(),
        other => {
            problems.error(
                value.span(),
                format!(
                    "expected a whole number of days, found {}",
                    fields::describe(other)
                ),
            );
            return None;
        }
    };
    match days {
        Some(d) if (1..=MAX_STALE_AFTER_DAYS).contains(&d) => Some(d),
        _ => {
            problems.push(
                Diagnostic::error(
                    value.span(),
                    format!("stale_after_days must be 1 to {MAX_STALE_AFTER_DAYS}"),
                )
                .with_help(Some(format!("the default is {DEFAULT_STALE_AFTER_DAYS}"))),
            );
            None
        }
    }
}

fn colors(value: &Value, problems: &mut Problems) -> Vec<(StyleName, Color)> {
    let Some(table) = fields::table(value, problems) else {
        return Vec::new();
    };
    let known = Fields::open(table, value.span(), "[colors]", STYLE_KEYS, problems);
    let mut out = Vec::new();
    for style in StyleName::ALL {
        if let Some(value) = known.get(style.name())
            && let Some(color) = color(value, problems)
        {
            out.push((style, color));
        }
    }
    out
}

fn color(value: &Value, problems: &mut Problems) -> Option<Color> {
    let result = match value.get_ref() {
        DeValue::String(s) => parse_color(s),
        DeValue::Integer(i) => {
            index_color(u64::from_str_radix(i.as_str(), i.radix()).unwrap_or(u64::MAX))
        }
        other => {
            problems.error(
                value.span(),
                format!(
                    "expected a colour (a name, \"#rrggbb\" or 0-255), found {}",
                    fields::describe(other)
                ),
            );
            return None;
        }
    };
    let (message, help) = match result {
        Ok(c) => return Some(c),
        Err(ColorError::BadHex) => (
            "a hex colour has six digits after `#`".to_string(),
            Some("like \"#5f87ff\"".to_string()),
        ),
        Err(ColorError::OutOfRange) => (
            "a colour number is 0 to 255".to_string(),
            Some("for any colour, write \"#rrggbb\"".to_string()),
        ),
        Err(ColorError::Unknown(closest)) => (
            format!(
                "unknown colour `{}`",
                value.get_ref().as_str().unwrap_or_default()
            ),
            Some(match closest {
                Some(name) => format!("did you mean `{name}`?"),
                None => {
                    "a colour is a name (red, light-blue, dark-gray, ...), \"#rrggbb\" or 0-255"
                        .to_string()
                }
            }),
        ),
    };
    problems.push(Diagnostic::error(value.span(), message).with_help(help));
    None
}

/// Reads `[keys]` and its tables, in file order.
fn keys(value: &Value, problems: &mut Problems) -> Vec<Spanned> {
    let Some(table) = fields::table(value, problems) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (key, value) in table.iter() {
        let name = key.get_ref().as_ref();
        if let DeValue::Table(inner) = value.get_ref() {
            match bindings::scope_named(name) {
                Some(scope) => {
                    for (key, value) in inner.iter() {
                        if let Some(r) = rebinding(scope, key, value, problems) {
                            out.push(r);
                        }
                    }
                }
                None => {
                    let names = bindings::SCOPES.iter().map(|(n, _)| *n);
                    let help = crate::load::closest(name, names)
                        .map(|n| format!("did you mean `[keys.{n}]`?"))
                        .unwrap_or_else(|| {
                            "modes: browse, search_prompt, picker_popup, window_prompt, detail_popup, help_popup; panes: figures, timeline, actors, quotes".to_string()
                        });
                    problems.push(
                        Diagnostic::error(
                            key.span(),
                            format!("unknown mode or pane `[keys.{name}]`"),
                        )
                        .with_help(Some(help)),
                    );
                }
            }
        } else if let Some(r) = rebinding(Scope::All, key, value, problems) {
            out.push(r);
        }
    }
    out
}

/// One `action = "key"` or `action = ["key", ...]`.
fn rebinding(
    scope: Scope,
    name: &toml::Spanned<std::borrow::Cow<str>>,
    value: &Value,
    problems: &mut Problems,
) -> Option<Spanned> {
    let text = name.get_ref().as_ref();
    let Some(action) = bindings::action_named(text) else {
        let help = if bindings::scope_named(text).is_some() {
            Some(format!(
                "a table of keys for one mode or pane is written [keys.{text}]"
            ))
        } else {
            did_you_mean(text, bindings::ACTIONS.iter().map(|(n, _)| *n))
                .or_else(|| Some("`sitrep config --default` lists every action".into()))
        };
        problems.push(
            Diagnostic::error(
                name.span(),
                format!("unknown action `{text}` in {}", bindings::header(scope)),
            )
            .with_help(help),
        );
        return None;
    };
    if bindings::places(action, scope).is_empty() {
        let modes: Vec<&str> = bindings::places(action, Scope::All)
            .iter()
            .map(|(m, _)| bindings::mode_name(*m))
            .fold(Vec::new(), |mut acc, m| {
                if !acc.contains(&m) {
                    acc.push(m);
                }
                acc
            });
        problems.push(
            Diagnostic::error(
                name.span(),
                format!("`{text}` does nothing in {}", bindings::header(scope)),
            )
            .with_help(Some(format!("it works in: {}", modes.join(", ")))),
        );
        return None;
    }
    let items: Vec<&Value> = match value.get_ref() {
        DeValue::String(_) => vec![value],
        DeValue::Array(items) => items.iter().collect(),
        other => {
            problems.push(
                Diagnostic::error(
                    value.span(),
                    format!(
                        "expected a key or a list of keys, found {}",
                        fields::describe(other)
                    ),
                )
                .with_help(Some("like \"q\" or [\"q\", \"ctrl-q\"]".into())),
            );
            return None;
        }
    };
    let mut keys = Vec::new();
    let mut key_spans = Vec::new();
    let mut ok = true;
    for item in items {
        let Some(written) = fields::string(item, problems) else {
            ok = false;
            continue;
        };
        match parse_key(&written) {
            Ok(key) => {
                if key.ctrl
                    && key.code == ratatui::crossterm::event::KeyCode::Char('c')
                    && action != crate::action::Action::Quit
                {
                    problems.push(
                        Diagnostic::error(item.span(), "ctrl-c always quits")
                            .with_help(Some(format!("give `{text}` another key"))),
                    );
                    ok = false;
                } else if scope != Scope::All
                    && bindings::places(action, scope)
                        .iter()
                        .all(|(m, _)| is_text(*m, key))
                {
                    problems.push(
                        Diagnostic::error(
                            item.span(),
                            format!("`{written}` is typed text in {}", bindings::header(scope)),
                        )
                        .with_help(Some("use a ctrl- key or a named key there".into())),
                    );
                    ok = false;
                } else if !keys.contains(&key) {
                    keys.push(key);
                    key_spans.push(item.span());
                }
            }
            Err(e) => {
                problems.push(Diagnostic::error(item.span(), e.message).with_help(e.help));
                ok = false;
            }
        }
    }
    if keys.is_empty() && ok && PROTECTED.contains(&action) && !matches!(scope, Scope::Pane(_)) {
        problems.push(
            Diagnostic::error(value.span(), format!("`{text}` needs at least one key")).with_help(
                Some(match action {
                    crate::action::Action::Quit => "without one only ctrl-c would quit".into(),
                    _ => format!("without one, nothing could {}", protected_verb(action)),
                }),
            ),
        );
        return None;
    }
    ok.then(|| Spanned {
        rebinding: Rebinding {
            scope,
            action,
            keys,
        },
        span: name.span(),
        key_spans,
    })
}

fn protected_verb(action: crate::action::Action) -> &'static str {
    match action {
        crate::action::Action::Help => "show the keys",
        _ => "close a popup or cancel a search",
    }
}

/// Two actions given the same key where one press could reach both: an
/// error at the second, naming the line of the first.
fn check_conflicts(text: &str, read: &[Spanned], problems: &mut Problems) {
    let source = SourceText::new("", text);
    for (j, later) in read.iter().enumerate() {
        for (k, key) in later.rebinding.keys.iter().enumerate() {
            let later_places = applied_places(&later.rebinding, *key);
            let earlier = read[..j].iter().find(|earlier| {
                earlier.rebinding.action != later.rebinding.action
                    && earlier.rebinding.keys.contains(key)
                    && applied_places(&earlier.rebinding, *key)
                        .iter()
                        .any(|a| later_places.iter().any(|b| bindings::overlap(*a, *b)))
            });
            if let Some(earlier) = earlier {
                let (line, _) = source.line_col(earlier.span.start);
                let (here, _) = source.line_col(later.span.start);
                let first = bindings::action_name(earlier.rebinding.action).unwrap_or_default();
                let second = bindings::action_name(later.rebinding.action).unwrap_or_default();
                problems.push(
                    Diagnostic::error(
                        later.key_spans[k].clone(),
                        format!(
                            "`{}` is bound to both `{first}` (line {line}) and `{second}` (line {here})",
                            crate::keys::key_name(*key)
                        ),
                    )
                    .with_help(Some(
                        "one key does one thing in a mode: give one of them another key".into(),
                    )),
                );
            }
        }
    }
}

/// Where a rebinding's key takes effect: `[keys]` leaves typed text alone.
fn applied_places(
    r: &Rebinding,
    key: crate::keymap::Key,
) -> Vec<(crate::keymap::Mode, Option<Pane>)> {
    bindings::places(r.action, r.scope)
        .into_iter()
        .filter(|(mode, _)| !is_text(*mode, key))
        .collect()
}

/// Quit, help and back keep a key in every mode where they have one.
fn check_reachable(
    read: &[Spanned],
    table: std::ops::Range<usize>,
    rebindings: &[Rebinding],
    problems: &mut Problems,
) {
    let Err(lost) = crate::keymap::Keymap::with(rebindings) else {
        return;
    };
    let name = |a| bindings::action_name(a).unwrap_or_default();
    let mode = bindings::mode_name(lost.mode);
    let (span, message) = match lost.taken_by {
        Some(by) => (
            read.iter()
                .find(|r| r.rebinding.action == by)
                .map_or(table.clone(), |r| r.span.clone()),
            format!(
                "`{}` would have no key left in {mode}: `{}` takes its last one",
                name(lost.action),
                name(by)
            ),
        ),
        None => (
            read.iter()
                .find(|r| r.rebinding.action == lost.action)
                .map_or(table.clone(), |r| r.span.clone()),
            format!("`{}` would have no key left in {mode}", name(lost.action)),
        ),
    };
    problems.push(Diagnostic::error(span, message).with_help(Some(format!(
        "give `{}` a key of its own in [keys.{mode}]",
        name(lost.action)
    ))));
}
