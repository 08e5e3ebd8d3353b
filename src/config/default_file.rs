//! `sitrep config --default`: the complete config file, every option,
//! style and key with what sitrep does without a file. It loads as it is
//! and changes nothing (a test reads it back).

use std::fmt::Write;

use super::Config;
use super::bindings::SCOPES;
use super::bindings::{action_name, mode_name};
use crate::action::Action;
use crate::keymap::Scope;
use crate::keymap::{BINDINGS, Key, Mode};
use crate::keys::key_name;
use crate::theme::{StyleName, Theme, color_name};

/// The text of the default config file.
pub fn default_file() -> String {
    let d = Config::default();
    let mut out = String::new();
    out.push_str(
        "# sitrep's config file, with every default. sitrep reads $SITREP_CONFIG,\n\
         # else $XDG_CONFIG_HOME/sitrep/config.toml, else ~/.config/sitrep/config.toml\n\
         # (`sitrep config --path` says which); `--no-config` starts without it.\n\
         # Keep only what you change. `sitrep check --config FILE` checks a file.\n\n",
    );
    let pane_name = |pane| {
        SCOPES
            .iter()
            .find(|(_, s)| *s == Scope::Pane(pane))
            .map_or("timeline", |(n, _)| n)
    };
    let _ = writeln!(
        out,
        "# dark | light (for a white background) | mono | high-contrast.\n\
         # NO_COLOR in the environment always gives mono.\n\
         theme = \"{}\"\n\
         # Capture the mouse at start (false leaves it to the terminal, which then\n\
         # selects text as usual; `m` toggles it, --no-mouse turns it off).\n\
         mouse = {}\n\
         # A figure is stale when its latest possible day is more than this many\n\
         # days before the situation's as-of date.\n\
         stale_after_days = {}\n\
         # The pane focused at start: figures | timeline | actors | quotes | map.\n\
         focus = \"{}\"\n\
         # Remember what you have seen in each file, to mark what is new next time.\n\
         state = {}",
        d.theme.name(),
        d.mouse,
        d.stale_after_days,
        pane_name(d.focus),
        d.state,
    );
    out.push_str(
        "\n# A colour for any named style of the theme: a name (red, light-blue,\n\
         # dark-gray, default, ...), \"#rrggbb\" (approximated on terminals with\n\
         # fewer colours) or 0-255. The values shown are the dark theme's.\n\
         [colors]\n",
    );
    let dark = Theme::dark();
    for style in StyleName::ALL {
        let color = dark
            .style(style)
            .fg
            .map_or_else(|| "default".into(), color_name);
        let line = format!("# {} = \"{color}\"", style.name());
        let _ = writeln!(out, "{line:<34}# {}", style.purpose());
    }
    out.push_str(
        "\n# Keys: an action takes one key or a list, which replaces its keys.\n\
         # [keys] rebinds an action in every mode where it exists, e.g.\n\
         #   quit = [\"q\", \"ctrl-q\"]\n\
         # (plain characters stay typed text while searching and in the picker).\n\
         # [keys.browse], [keys.search_prompt], [keys.picker_popup],\n\
         # [keys.detail_popup] and [keys.help_popup] rebind in one mode;\n\
         # [keys.figures], [keys.timeline], [keys.actors], [keys.quotes] and\n\
         # [keys.map] add keys while browsing with that pane focused. A key\n\
         # given to one action is taken from the others that had it there;\n\
         # ctrl-c always quits. Key names: a character (\"q\", \"G\", \"?\"),\n\
         # ctrl-<key>, enter, esc, tab, shift-tab, space, backspace, delete,\n\
         # insert, up, down, left, right, home, end, pgup, pgdn, f1 to f12.\n\
         [keys]\n",
    );
    for mode in Mode::ALL {
        let _ = writeln!(out, "\n[keys.{}]  # {}", mode_name(mode), mode.title());
        for (action, keys, help) in mode_defaults(mode) {
            let Some(name) = action_name(action) else {
                continue;
            };
            let names: Vec<String> = keys.iter().map(|k| format!("{:?}", key_name(*k))).collect();
            let value = match names.as_slice() {
                [one] => one.clone(),
                _ => format!("[{}]", names.join(", ")),
            };
            let line = format!("{name} = {value}");
            let _ = writeln!(out, "{line:<34}# {help}");
        }
    }
    out
}

/// Each action of a mode once, with every key it has there by default and
/// the help of its first row, in table order.
pub(super) fn mode_defaults(mode: Mode) -> Vec<(Action, Vec<Key>, &'static str)> {
    let mut out: Vec<(Action, Vec<Key>, &'static str)> = Vec::new();
    for b in BINDINGS
        .iter()
        .filter(|b| b.mode == mode && !b.keys.is_empty())
    {
        match out.iter_mut().find(|(a, ..)| *a == b.action) {
            Some((_, keys, _)) => {
                for key in b.keys {
                    if !keys.contains(key) {
                        keys.push(*key);
                    }
                }
            }
            None => out.push((b.action, b.keys.to_vec(), b.help)),
        }
    }
    out
}
