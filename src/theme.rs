//! Named styles and the four themes that fill them: dark (the terminal's
//! named ANSI colours), light (dark inks that keep their contrast on a white
//! background), mono (no colour at all, what NO_COLOR gives) and
//! high-contrast (bright colours, everything bold). Every colour cue is
//! doubled by a modifier or a marker, so mono loses no meaning.
//!
//! A theme is built for the terminal's colour depth: a `#rrggbb` or 256-index
//! colour becomes the nearest one the terminal can show, never nothing.

use ratatui::style::{Color, Modifier, Style};

/// The themes a config file can name.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ThemeName {
    #[default]
    Dark,
    Light,
    Mono,
    HighContrast,
}

impl ThemeName {
    pub const ALL: [ThemeName; 4] = [
        ThemeName::Dark,
        ThemeName::Light,
        ThemeName::Mono,
        ThemeName::HighContrast,
    ];

    /// The name as a config file writes it.
    pub fn name(self) -> &'static str {
        match self {
            ThemeName::Dark => "dark",
            ThemeName::Light => "light",
            ThemeName::Mono => "mono",
            ThemeName::HighContrast => "high-contrast",
        }
    }

    pub fn named(name: &str) -> Option<ThemeName> {
        ThemeName::ALL.into_iter().find(|t| t.name() == name)
    }
}

/// Every style a theme names. `[colors]` in the config file overrides them
/// by [`StyleName::name`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StyleName {
    Text,
    Dim,
    Strong,
    Highlight,
    Warning,
    Stale,
    Disputed,
    Focus,
    FocusTitle,
    Selected,
    Border,
    Key,
    Matched,
    Upcoming,
    Now,
    Chip,
    Banner,
    Status,
    Vague,
}

impl StyleName {
    pub const ALL: [StyleName; 19] = [
        StyleName::Text,
        StyleName::Dim,
        StyleName::Strong,
        StyleName::Highlight,
        StyleName::Warning,
        StyleName::Stale,
        StyleName::Disputed,
        StyleName::Focus,
        StyleName::FocusTitle,
        StyleName::Selected,
        StyleName::Border,
        StyleName::Key,
        StyleName::Matched,
        StyleName::Upcoming,
        StyleName::Now,
        StyleName::Chip,
        StyleName::Banner,
        StyleName::Status,
        StyleName::Vague,
    ];

    /// The key of `[colors]`.
    pub fn name(self) -> &'static str {
        match self {
            StyleName::Text => "text",
            StyleName::Dim => "dim",
            StyleName::Strong => "strong",
            StyleName::Highlight => "highlight",
            StyleName::Warning => "warning",
            StyleName::Stale => "stale",
            StyleName::Disputed => "disputed",
            StyleName::Focus => "focus",
            StyleName::FocusTitle => "focus_title",
            StyleName::Selected => "selected",
            StyleName::Border => "border",
            StyleName::Key => "key",
            StyleName::Matched => "matched",
            StyleName::Upcoming => "upcoming",
            StyleName::Now => "now",
            StyleName::Chip => "chip",
            StyleName::Banner => "banner",
            StyleName::Status => "status",
            StyleName::Vague => "vague",
        }
    }

    /// What the style is used for, as the default config file explains it.
    pub fn purpose(self) -> &'static str {
        match self {
            StyleName::Text => "ordinary text",
            StyleName::Dim => "secondary text: dates, counts, sources",
            StyleName::Strong => "titles and the big numbers",
            StyleName::Highlight => "items tied to the active filter",
            StyleName::Warning => "deadlines ahead, missing sources",
            StyleName::Stale => "the word `stale` on an old figure",
            StyleName::Disputed => "a figure sources disagree on",
            StyleName::Focus => "the border of the focused pane",
            StyleName::FocusTitle => "the title of the focused pane (reversed)",
            StyleName::Selected => "the selected row (reversed)",
            StyleName::Border => "borders of panes without focus",
            StyleName::Key => "keys named in the footer and help",
            StyleName::Matched => "search hits inside text",
            StyleName::Upcoming => "events still ahead of the as-of date",
            StyleName::Now => "the timeline's `now` divider",
            StyleName::Chip => "a filter chip in the header (reversed)",
            StyleName::Banner => "the banner of a save that did not load (reversed)",
            StyleName::Status => "feedback in the footer",
            StyleName::Vague => "the time strip's share of dates known only to a month or a year",
        }
    }

    pub fn named(name: &str) -> Option<StyleName> {
        StyleName::ALL.into_iter().find(|s| s.name() == name)
    }

    fn slot(self) -> usize {
        self as usize
    }
}

/// How many colours the terminal shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum ColorDepth {
    /// The 16 named ANSI colours.
    Ansi16,
    /// xterm's 256: the 16, a 6×6×6 cube and 24 greys.
    Indexed256,
    /// Any `#rrggbb`.
    TrueColor,
}

impl ColorDepth {
    /// From `COLORTERM` (`truecolor` or `24bit`) and `TERM` (`*256color*`),
    /// as most terminal programs decide it.
    pub fn detect(colorterm: Option<&str>, term: Option<&str>) -> ColorDepth {
        let colorterm = colorterm.unwrap_or_default().to_ascii_lowercase();
        if colorterm == "truecolor" || colorterm == "24bit" {
            ColorDepth::TrueColor
        } else if term.is_some_and(|t| t.contains("256") || t.contains("direct")) {
            ColorDepth::Indexed256
        } else {
            ColorDepth::Ansi16
        }
    }

    pub fn from_env() -> ColorDepth {
        let colorterm = std::env::var("COLORTERM").ok();
        let term = std::env::var("TERM").ok();
        ColorDepth::detect(colorterm.as_deref(), term.as_deref())
    }
}

/// Whether NO_COLOR is set to a non-empty value (no-color.org): then the
/// theme is mono whatever the config file says.
pub fn no_color_env() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Theme {
    name: ThemeName,
    styles: [Style; StyleName::ALL.len()],
}

impl Default for Theme {
    fn default() -> Self {
        Theme::dark()
    }
}

impl Theme {
    /// A built-in theme for a terminal of `depth` colours.
    pub fn new(name: ThemeName, depth: ColorDepth) -> Theme {
        let mut styles = [Style::new(); StyleName::ALL.len()];
        for style in StyleName::ALL {
            styles[style.slot()] = approximate_style(base_style(name, depth, style), depth);
        }
        Theme { name, styles }
    }

    /// Today's look on a dark terminal: named colours, which every depth has.
    pub fn dark() -> Theme {
        Theme::new(ThemeName::Dark, ColorDepth::Ansi16)
    }

    pub fn monochrome() -> Theme {
        Theme::new(ThemeName::Mono, ColorDepth::Ansi16)
    }

    /// The theme with some styles given another colour (the config file's
    /// `[colors]`). The colour replaces the foreground: for reversed styles
    /// that is the block of colour. A mono theme stays without colour.
    pub fn with_colors(mut self, colors: &[(StyleName, Color)], depth: ColorDepth) -> Theme {
        if self.name == ThemeName::Mono {
            return self;
        }
        for &(style, color) in colors {
            let slot = &mut self.styles[style.slot()];
            *slot = slot.fg(approximate(color, depth));
        }
        self
    }

    pub fn name(&self) -> ThemeName {
        self.name
    }

    pub fn is_mono(&self) -> bool {
        self.name == ThemeName::Mono
    }

    pub fn style(&self, name: StyleName) -> Style {
        self.styles[name.slot()]
    }

    pub fn text(&self) -> Style {
        self.style(StyleName::Text)
    }

    /// Secondary text: dates, counts, sources.
    pub fn dim(&self) -> Style {
        self.style(StyleName::Dim)
    }

    /// Titles and the big numbers.
    pub fn strong(&self) -> Style {
        self.style(StyleName::Strong)
    }

    /// Items tied to the active filter.
    pub fn highlight(&self) -> Style {
        self.style(StyleName::Highlight)
    }

    /// Deadlines ahead, missing sources.
    pub fn warning(&self) -> Style {
        self.style(StyleName::Warning)
    }

    /// A figure older than the staleness limit (the word "stale").
    pub fn stale(&self) -> Style {
        self.style(StyleName::Stale)
    }

    /// A figure its sources disagree on (the word "disputed", its range).
    pub fn disputed(&self) -> Style {
        self.style(StyleName::Disputed)
    }

    /// The border of the focused pane.
    pub fn focus(&self) -> Style {
        self.style(StyleName::Focus)
    }

    /// The selected row: reverse video reads in every theme and without colour.
    pub fn selected(&self) -> Style {
        self.style(StyleName::Selected)
    }

    /// Borders of panes without focus.
    pub fn border(&self) -> Style {
        self.style(StyleName::Border)
    }

    /// The title of the focused pane: reversed, so it shows without colour.
    pub fn focus_title(&self) -> Style {
        self.style(StyleName::FocusTitle)
    }

    /// Keys named in the footer and the help.
    pub fn key(&self) -> Style {
        self.style(StyleName::Key)
    }

    /// Search hits inside text.
    pub fn matched(&self) -> Style {
        self.style(StyleName::Matched)
    }

    /// Events still ahead of `as_of` (also marked with a hollow glyph).
    pub fn upcoming(&self) -> Style {
        self.style(StyleName::Upcoming)
    }

    /// The "now" divider of the timeline.
    pub fn now(&self) -> Style {
        self.style(StyleName::Now)
    }

    /// A filter chip in the header: reversed, so it reads as a chip in any theme.
    pub fn chip(&self) -> Style {
        self.style(StyleName::Chip)
    }

    /// The banner of a save that did not load: reversed, so it stands out
    /// without colour too (and it starts with "⚠").
    pub fn banner(&self) -> Style {
        self.style(StyleName::Banner)
    }

    /// Feedback in the footer.
    pub fn status(&self) -> Style {
        self.style(StyleName::Status)
    }

    /// The time strip's spread weight of vague dates, apart from the
    /// exact weight (strong) below it.
    pub fn vague(&self) -> Style {
        self.style(StyleName::Vague)
    }

    /// The colour of the time strip's left-out layer (every event's bar
    /// behind the kept one), also as the background above the top of a
    /// kept part: only where every bar colour stays readable on it (the
    /// dark theme's dark grey); other themes draw that layer as dots.
    pub fn strip_outside(&self) -> Option<Color> {
        match self.name {
            ThemeName::Dark => self.border().fg,
            _ => None,
        }
    }
}

/// One style of one built-in theme, before fitting it to the depth.
fn base_style(theme: ThemeName, depth: ColorDepth, style: StyleName) -> Style {
    use Modifier as M;
    use StyleName as S;
    // The modifier each style carries in every theme: the cue that stays
    // without colour.
    let modifiers = match style {
        S::Text | S::Border => M::empty(),
        S::Dim => M::empty(),
        S::Strong | S::Highlight | S::Warning | S::Stale | S::Disputed | S::Focus | S::Key => {
            M::BOLD
        }
        S::Now | S::Status => M::BOLD,
        S::Vague => M::empty(),
        S::FocusTitle => M::BOLD | M::REVERSED,
        S::Selected => M::REVERSED,
        S::Matched => M::BOLD | M::UNDERLINED,
        S::Upcoming => M::ITALIC,
        S::Chip => M::REVERSED | M::BOLD,
        S::Banner => M::REVERSED,
    };
    let plain = Style::new().add_modifier(modifiers);
    let fg = match theme {
        ThemeName::Mono => {
            // Without colour, secondary text is dimmed, and the words that
            // question a figure are underlined to stand apart from it.
            return match style {
                S::Dim | S::Vague => plain.add_modifier(M::DIM),
                S::Stale | S::Disputed => plain.add_modifier(M::UNDERLINED),
                _ => plain,
            };
        }
        ThemeName::Dark => dark_color(style),
        ThemeName::Light => light_color(style, depth),
        ThemeName::HighContrast => {
            let extra = match style {
                S::Selected | S::Banner | S::Upcoming | S::Vague => M::BOLD,
                _ => M::empty(),
            };
            return match high_contrast_color(style) {
                Some(c) => plain.fg(c),
                None => plain,
            }
            .add_modifier(extra);
        }
    };
    match fg {
        Some(c) => plain.fg(c),
        None => plain,
    }
}

/// The dark theme: the terminal's named colours, as the dashboard always had.
fn dark_color(style: StyleName) -> Option<Color> {
    use StyleName as S;
    match style {
        S::Text | S::Strong | S::Selected => None,
        S::Dim | S::Border => Some(Color::DarkGray),
        S::Highlight | S::Chip => Some(Color::Yellow),
        S::Warning | S::Stale | S::Disputed | S::Banner => Some(Color::Red),
        S::Focus | S::FocusTitle | S::Key => Some(Color::Cyan),
        S::Matched | S::Now => Some(Color::Magenta),
        S::Upcoming => Some(Color::Blue),
        S::Status => Some(Color::Green),
        S::Vague => Some(Color::Cyan),
    }
}

/// The light theme: inks with a contrast of at least 4.5:1 on white (WCAG
/// AA for text). On 16 colours it picks among the named ones that pass on
/// xterm's palette (blue, red, magenta, black): no yellow, green or grey.
fn light_color(style: StyleName, depth: ColorDepth) -> Option<Color> {
    use StyleName as S;
    let pick = |full: u8, ansi: Color| {
        Some(if depth == ColorDepth::Ansi16 {
            ansi
        } else {
            Color::Indexed(full)
        })
    };
    match style {
        S::Text | S::Strong | S::Selected => None,
        // #585858 and #6c6c6c: greys dark enough to read on white.
        S::Dim => pick(240, Color::Black),
        S::Border => pick(242, Color::Black),
        // #af5f00, a dark orange, stands in for yellow.
        S::Highlight | S::Chip => pick(130, Color::Magenta),
        // #af0000.
        S::Warning | S::Stale | S::Disputed | S::Banner => pick(124, Color::Red),
        // #005faf.
        S::Focus | S::FocusTitle | S::Key => pick(25, Color::Blue),
        // #870087.
        S::Matched | S::Now => pick(90, Color::Magenta),
        // #0000af.
        S::Upcoming => pick(19, Color::Blue),
        // #005f00.
        S::Status => pick(22, Color::Black),
        // #005f87, a greyer blue than the focus.
        S::Vague => pick(24, Color::Blue),
    }
}

/// High contrast: the bright named colours, on the terminal's background.
fn high_contrast_color(style: StyleName) -> Option<Color> {
    use StyleName as S;
    match style {
        S::Text | S::Strong | S::Selected => None,
        S::Dim | S::Border => Some(Color::White),
        S::Highlight | S::Chip | S::Focus | S::FocusTitle => Some(Color::LightYellow),
        S::Warning | S::Stale | S::Disputed | S::Banner => Some(Color::LightRed),
        S::Key | S::Upcoming => Some(Color::LightCyan),
        S::Matched | S::Now => Some(Color::LightMagenta),
        S::Status => Some(Color::LightGreen),
        S::Vague => Some(Color::LightCyan),
    }
}

fn approximate_style(style: Style, depth: ColorDepth) -> Style {
    Style {
        fg: style.fg.map(|c| approximate(c, depth)),
        bg: style.bg.map(|c| approximate(c, depth)),
        ..style
    }
}

/// Why a colour in a config file is not one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ColorError {
    /// Not a name, `#rrggbb` or 0-255; the closest name, if any.
    Unknown(Option<&'static str>),
    /// `#` followed by something other than six hex digits.
    BadHex,
    /// A number above 255.
    OutOfRange,
}

/// The colour names a config file may use, with what they mean.
pub const COLOR_NAMES: [(&str, Color); 17] = [
    ("default", Color::Reset),
    ("black", Color::Black),
    ("red", Color::Red),
    ("green", Color::Green),
    ("yellow", Color::Yellow),
    ("blue", Color::Blue),
    ("magenta", Color::Magenta),
    ("cyan", Color::Cyan),
    ("gray", Color::Gray),
    ("dark-gray", Color::DarkGray),
    ("light-red", Color::LightRed),
    ("light-green", Color::LightGreen),
    ("light-yellow", Color::LightYellow),
    ("light-blue", Color::LightBlue),
    ("light-magenta", Color::LightMagenta),
    ("light-cyan", Color::LightCyan),
    ("white", Color::White),
];

/// A colour as a config file writes it: a name (`red`, `light-blue`, also
/// `bright-blue`, `grey`, any case, `_` for `-`), `#rrggbb`, or `0`-`255`.
pub fn parse_color(text: &str) -> Result<Color, ColorError> {
    let text = text.trim();
    if let Some(hex) = text.strip_prefix('#') {
        let digits = |at: usize| u8::from_str_radix(hex.get(at..at + 2)?, 16).ok();
        return match (hex.len(), digits(0), digits(2), digits(4)) {
            (6, Some(r), Some(g), Some(b)) => Ok(Color::Rgb(r, g, b)),
            _ => Err(ColorError::BadHex),
        };
    }
    if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) {
        return index_color(text.parse::<u64>().unwrap_or(u64::MAX));
    }
    let normal = text
        .to_ascii_lowercase()
        .replace(['_', ' '], "-")
        .replace("grey", "gray")
        .replace("bright-", "light-")
        .replace("reset", "default");
    let normal = match normal.as_str() {
        "darkgray" => "dark-gray".to_string(),
        n if n.starts_with("light") && !n.starts_with("light-") => {
            format!("light-{}", &n["light".len()..])
        }
        n => n.to_string(),
    };
    COLOR_NAMES
        .iter()
        .find(|(name, _)| *name == normal)
        .map(|&(_, c)| c)
        .ok_or_else(|| {
            ColorError::Unknown(crate::load::closest(
                &normal,
                COLOR_NAMES.iter().map(|(n, _)| *n),
            ))
        })
}

/// `0`-`255` as a colour of the 256 palette (its first 16 are the named ones).
pub fn index_color(n: u64) -> Result<Color, ColorError> {
    match u8::try_from(n) {
        Ok(i) if i < 16 => Ok(ANSI[usize::from(i)].0),
        Ok(i) => Ok(Color::Indexed(i)),
        Err(_) => Err(ColorError::OutOfRange),
    }
}

/// How a config file writes a colour back (for `sitrep config --default`).
pub fn color_name(color: Color) -> String {
    match color {
        Color::Rgb(r, g, b) => format!("#{r:02x}{g:02x}{b:02x}"),
        Color::Indexed(i) => i.to_string(),
        named => COLOR_NAMES
            .iter()
            .find(|(_, c)| *c == named)
            .map_or_else(|| "default".to_string(), |(n, _)| n.to_string()),
    }
}

/// The 16 named colours with xterm's default values for them: what
/// approximation and contrast are computed against (a terminal may differ).
const ANSI: [(Color, (u8, u8, u8)); 16] = [
    (Color::Black, (0, 0, 0)),
    (Color::Red, (205, 0, 0)),
    (Color::Green, (0, 205, 0)),
    (Color::Yellow, (205, 205, 0)),
    (Color::Blue, (0, 0, 238)),
    (Color::Magenta, (205, 0, 205)),
    (Color::Cyan, (0, 205, 205)),
    (Color::Gray, (229, 229, 229)),
    (Color::DarkGray, (127, 127, 127)),
    (Color::LightRed, (255, 0, 0)),
    (Color::LightGreen, (0, 255, 0)),
    (Color::LightYellow, (255, 255, 0)),
    (Color::LightBlue, (92, 92, 255)),
    (Color::LightMagenta, (255, 0, 255)),
    (Color::LightCyan, (0, 255, 255)),
    (Color::White, (255, 255, 255)),
];

/// The red, green and blue of a colour: xterm's values for the named and
/// indexed ones; `None` for the terminal's default colour.
pub fn rgb(color: Color) -> Option<(u8, u8, u8)> {
    match color {
        Color::Reset => None,
        Color::Rgb(r, g, b) => Some((r, g, b)),
        Color::Indexed(i) if i < 16 => Some(ANSI[usize::from(i)].1),
        Color::Indexed(i) if i < 232 => {
            // The 6×6×6 cube: levels 0, 95, 135, 175, 215, 255.
            let level = |v: u8| if v == 0 { 0 } else { 55 + 40 * v };
            let i = i - 16;
            Some((level(i / 36), level(i / 6 % 6), level(i % 6)))
        }
        Color::Indexed(i) => {
            let grey = 8 + 10 * (i - 232);
            Some((grey, grey, grey))
        }
        named => ANSI.iter().find(|(c, _)| *c == named).map(|&(_, v)| v),
    }
}

/// Perceptual distance between two colours (the "redmean" weighting: cheap
/// and much closer to what eyes see than plain RGB distance).
fn distance(a: (u8, u8, u8), b: (u8, u8, u8)) -> u32 {
    let (r1, g1, b1) = (i32::from(a.0), i32::from(a.1), i32::from(a.2));
    let (r2, g2, b2) = (i32::from(b.0), i32::from(b.1), i32::from(b.2));
    let mean = (r1 + r2) / 2;
    let (dr, dg, db) = (r1 - r2, g1 - g2, b1 - b2);
    ((((512 + mean) * dr * dr) >> 8) + 4 * dg * dg + (((767 - mean) * db * db) >> 8)) as u32
}

/// The colour nearest to `color` that a terminal of `depth` shows. On 256
/// colours an RGB colour goes to the cube or the greys (not to the first
/// 16, whose values each terminal sets); on 16 to the nearest named colour.
pub fn approximate(color: Color, depth: ColorDepth) -> Color {
    let Some(value) = rgb(color) else {
        return color;
    };
    match (depth, color) {
        (ColorDepth::TrueColor, _) => color,
        (ColorDepth::Indexed256, Color::Rgb(..)) => {
            let nearest = (16..=255u8)
                .min_by_key(|&i| rgb(Color::Indexed(i)).map_or(u32::MAX, |v| distance(v, value)));
            nearest.map_or(color, Color::Indexed)
        }
        (ColorDepth::Indexed256, _) => color,
        (ColorDepth::Ansi16, Color::Rgb(..) | Color::Indexed(_)) => ANSI
            .iter()
            .min_by_key(|(_, v)| distance(*v, value))
            .map_or(color, |&(c, _)| c),
        (ColorDepth::Ansi16, _) => color,
    }
}

/// WCAG contrast ratio of two colours, from 1 (none) to 21 (black on white).
pub fn contrast_ratio(a: (u8, u8, u8), b: (u8, u8, u8)) -> f64 {
    fn luminance((r, g, b): (u8, u8, u8)) -> f64 {
        let channel = |v: u8| {
            let v = f64::from(v) / 255.0;
            if v <= 0.039_28 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    }
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_read_in_every_form() {
        assert_eq!(parse_color("red"), Ok(Color::Red));
        assert_eq!(parse_color("Light-Blue"), Ok(Color::LightBlue));
        assert_eq!(parse_color("bright_cyan"), Ok(Color::LightCyan));
        assert_eq!(parse_color("darkgrey"), Ok(Color::DarkGray));
        assert_eq!(parse_color("#5f87ff"), Ok(Color::Rgb(0x5f, 0x87, 0xff)));
        assert_eq!(parse_color("33"), Ok(Color::Indexed(33)));
        assert_eq!(parse_color("9"), Ok(Color::LightRed));
        assert_eq!(parse_color("256"), Err(ColorError::OutOfRange));
        assert_eq!(parse_color("#5f87f"), Err(ColorError::BadHex));
        assert_eq!(parse_color("#gg0000"), Err(ColorError::BadHex));
        assert_eq!(
            parse_color("mangenta"),
            Err(ColorError::Unknown(Some("magenta")))
        );
        assert_eq!(parse_color("chartreuse"), Err(ColorError::Unknown(None)));
        for (name, color) in COLOR_NAMES {
            assert_eq!(color_name(color), name);
            assert_eq!(parse_color(name), Ok(color));
        }
    }

    #[test]
    fn depth_follows_the_terminal() {
        use ColorDepth::*;
        assert_eq!(
            ColorDepth::detect(Some("truecolor"), Some("xterm")),
            TrueColor
        );
        assert_eq!(ColorDepth::detect(Some("24bit"), None), TrueColor);
        assert_eq!(ColorDepth::detect(None, Some("xterm-256color")), Indexed256);
        assert_eq!(ColorDepth::detect(None, Some("xterm")), Ansi16);
        assert_eq!(ColorDepth::detect(None, None), Ansi16);
    }

    #[test]
    fn rgb_colours_are_approximated_never_dropped() {
        let periwinkle = Color::Rgb(0x5f, 0x87, 0xff);
        assert_eq!(approximate(periwinkle, ColorDepth::TrueColor), periwinkle);
        // #5f87ff is exactly cube colour 69.
        assert_eq!(
            approximate(periwinkle, ColorDepth::Indexed256),
            Color::Indexed(69)
        );
        assert_eq!(
            approximate(periwinkle, ColorDepth::Ansi16),
            Color::LightBlue
        );
        assert_eq!(
            approximate(Color::Rgb(200, 10, 10), ColorDepth::Ansi16),
            Color::Red
        );
        assert_eq!(
            approximate(Color::Indexed(124), ColorDepth::Ansi16),
            Color::Red
        );
        assert_eq!(
            approximate(Color::Rgb(0x30, 0x30, 0x30), ColorDepth::Indexed256),
            Color::Indexed(236)
        );
        // Named colours are already on every palette.
        assert_eq!(approximate(Color::Cyan, ColorDepth::Ansi16), Color::Cyan);
        assert_eq!(approximate(Color::Reset, ColorDepth::Ansi16), Color::Reset);
    }

    #[test]
    fn the_palette_has_xterm_values() {
        assert_eq!(rgb(Color::Indexed(16)), Some((0, 0, 0)));
        assert_eq!(rgb(Color::Indexed(231)), Some((255, 255, 255)));
        assert_eq!(rgb(Color::Indexed(25)), Some((0, 95, 175)));
        assert_eq!(rgb(Color::Indexed(232)), Some((8, 8, 8)));
        assert_eq!(rgb(Color::Indexed(255)), Some((238, 238, 238)));
        assert!((contrast_ratio((0, 0, 0), (255, 255, 255)) - 21.0).abs() < 1e-9);
        assert!((contrast_ratio((9, 9, 9), (9, 9, 9)) - 1.0).abs() < 1e-9);
    }

    #[test]
    fn overrides_replace_the_colour_and_keep_the_cue() {
        let theme = Theme::dark().with_colors(
            &[(StyleName::Upcoming, Color::Rgb(0x5f, 0x87, 0xff))],
            ColorDepth::Indexed256,
        );
        assert_eq!(theme.upcoming().fg, Some(Color::Indexed(69)));
        assert!(theme.upcoming().add_modifier.contains(Modifier::ITALIC));
        let mono = Theme::monochrome()
            .with_colors(&[(StyleName::Focus, Color::Red)], ColorDepth::TrueColor);
        assert_eq!(mono.focus().fg, None);
    }
}
