//! Named styles. Colours are the terminal's named ANSI ones so light and dark
//! themes both read; every colour cue is doubled by a modifier or a marker.
//! Under NO_COLOR the theme is monochrome.

use ratatui::style::{Color, Modifier, Style};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    /// Colour unless NO_COLOR is set to a non-empty value (no-color.org).
    pub fn from_env() -> Theme {
        Theme {
            color: std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
        }
    }

    pub fn monochrome() -> Theme {
        Theme { color: false }
    }

    fn fg(&self, color: Color) -> Style {
        if self.color {
            Style::new().fg(color)
        } else {
            Style::new()
        }
    }

    pub fn text(&self) -> Style {
        Style::new()
    }

    /// Secondary text: dates, counts, sources.
    pub fn dim(&self) -> Style {
        self.fg(Color::DarkGray).add_modifier(if self.color {
            Modifier::empty()
        } else {
            Modifier::DIM
        })
    }

    /// Titles and the big numbers.
    pub fn strong(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    /// Items tied to the active filter.
    pub fn highlight(&self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }

    /// Deadlines ahead, stale or disputed figures.
    pub fn warning(&self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }

    /// The border of the focused pane.
    pub fn focus(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    /// The selected row: reverse video reads in every theme and without colour.
    pub fn selected(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }

    /// Borders of panes without focus.
    pub fn border(&self) -> Style {
        self.fg(Color::DarkGray)
    }

    /// The title of the focused pane: reversed, so it shows without colour.
    pub fn focus_title(&self) -> Style {
        self.focus().add_modifier(Modifier::REVERSED)
    }

    /// Keys named in the footer and the help.
    pub fn key(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    /// Search hits inside text.
    pub fn matched(&self) -> Style {
        self.fg(Color::Magenta)
            .add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    }

    /// Events still ahead of `as_of` (also marked with a hollow glyph).
    pub fn upcoming(&self) -> Style {
        self.fg(Color::Blue).add_modifier(Modifier::ITALIC)
    }

    /// The "now" divider of the timeline.
    pub fn now(&self) -> Style {
        self.fg(Color::Magenta).add_modifier(Modifier::BOLD)
    }

    /// A filter chip in the header: reversed, so it reads as a chip in any theme.
    pub fn chip(&self) -> Style {
        self.fg(Color::Yellow)
            .add_modifier(Modifier::REVERSED | Modifier::BOLD)
    }

    /// The banner of a save that did not load: reversed, so it stands out
    /// without colour too (and it starts with "⚠").
    pub fn banner(&self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::REVERSED)
    }

    /// Feedback in the footer.
    pub fn status(&self) -> Style {
        self.fg(Color::Green).add_modifier(Modifier::BOLD)
    }
}
