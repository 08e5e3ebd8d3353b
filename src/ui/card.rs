//! One key-figure card: in one glance, how big, how sure, how recent, and
//! where from.
//!
//! ```text
//! ┌● Internally displace…┐  title: "●" when tied to the actor filter; the
//! │~700,000 people       │         label, cut with "…" when narrow
//! │▅▇█ ▲ +21% since Aug  │  1 how big: the figure as reported, and its unit
//! │20 Sep 2024           │  2 how it moves: sparkline and change, or a gauge
//! │via Associated Press  │    toward the target, or until/since wording,
//! └──────────────────────┘    or "disputed"
//!                             3 how recent: the date, "· stale" when old
//!                             4 where from: the source; for a day count, the
//!                               event (its title over rows 3 and 4)
//! ```
//!
//! A figure with a target shows its gauge on row 2 and moves its change to
//! the right of row 1 ("~420 personnel ▲+5%"). A single observation leaves
//! row 2 empty, so rows line up across the strip.
//!
//! Nothing is told by colour alone: "●" marks a highlighted card, a thick
//! border the selected one, and the words "until", "stale", "disputed",
//! "▲"/"▼" and "unchanged" carry the rest. Text from the file (label, unit,
//! source, event title) is sanitized. When the card is too narrow for a
//! number in full, it shows the compact form ("1.23B"); a unit that does not
//! fit is cut with "…", never dropped silently.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Widget};
use unicode_width::UnicodeWidthStr;

use chrono::NaiveDate;

use crate::figures::{DayCount, Figure, Progress, Trend, date_near};
use crate::model::FuzzyDate;
use crate::sanitize::clean_line;
use crate::text;
use crate::theme::Theme;

pub use crate::geometry::cards::{
    CARD_HEIGHT, CARD_HEIGHT_WRAPPED, CARD_MIN_HEIGHT, CARD_MIN_WIDTH,
};

/// What a card shows besides the figure itself.
pub struct CardInfo<'a> {
    pub label: &'a str,
    pub figure: &'a Figure,
    /// Short name of the latest observation's source (see
    /// [`crate::figures::source_name`]).
    pub source: Option<&'a str>,
    /// Tied to an actor in the active filter.
    pub highlighted: bool,
    /// The card the cursor is on (figures pane focused).
    pub selected: bool,
    /// The strip gives labels a second row (see `Grid::wrapped`): a card
    /// lower than [`CARD_HEIGHT_WRAPPED`] then takes it only if its own
    /// label needs it, and drops its last rows instead.
    pub wrap_label: bool,
    /// The metric's note, shown in the rows a taller card has below its
    /// content (a zoomed strip); cut with "…" where it runs out of rows.
    pub note: Option<&'a str>,
}

/// Draws the card into `area`. Cards lower than [`CARD_HEIGHT`] lose their
/// last rows (source, then date: the compact form of a short screen);
/// below 3×3 only the figure is drawn, without a border.
pub fn render_card(info: &CardInfo, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let area = area.intersection(buf.area);
    if area.is_empty() {
        return;
    }
    if area.width < 3 || area.height < 3 {
        let text = text::fit(&info.figure.compact, usize::from(area.width));
        buf.set_line(
            area.x,
            area.y,
            &Line::from(Span::styled(text, theme.strong())),
            area.width,
        );
        return;
    }
    let (border_type, border_style) = if info.selected {
        (BorderType::Thick, theme.focus())
    } else if info.highlighted {
        (BorderType::Plain, theme.highlight())
    } else {
        (BorderType::Plain, theme.dim())
    };
    // A card of the taller height has a row for the label's second line
    // (empty under a short label, so the figures line up across the
    // strip). A lower card gives it one only when its own label needs it,
    // and it has room for the figure too (it then drops its last rows).
    let label_rows = if area.height >= CARD_HEIGHT_WRAPPED
        || info.wrap_label
            && area.height >= CARD_MIN_HEIGHT
            && needs_two_rows(info, usize::from(area.width - 2))
    {
        2
    } else {
        1
    };
    let [first, second] = label_lines(info, usize::from(area.width - 2), label_rows);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_type(border_type)
        .border_style(border_style)
        .title(title(info, theme, first));
    let mut inner = block.inner(area);
    block.render(area, buf);
    if label_rows == 2 {
        let style = if info.highlighted {
            theme.strong()
        } else {
            theme.text()
        };
        buf.set_stringn(inner.x, inner.y, second, usize::from(inner.width), style);
        inner.y += 1;
        inner.height = inner.height.saturating_sub(1);
    }
    let mut lines = card_lines(info, theme, usize::from(inner.width));
    // Below the content, after a blank row, the note fills what is left.
    let spare = usize::from(inner.height).saturating_sub(CONTENT_ROWS + 1);
    if let Some(note) = info.note.filter(|_| spare > 0) {
        lines.resize(CONTENT_ROWS + 1, Line::default());
        let note = clean_line(note);
        for row in text::wrap_rows(note.trim(), usize::from(inner.width), spare) {
            lines.push(Line::from(Span::styled(row, theme.dim())));
        }
    }
    for (y, line) in (inner.y..inner.bottom()).zip(lines.iter()) {
        buf.set_line(inner.x, y, line, inner.width);
    }
}

/// Rows of content below the label: figure, movement, date, source.
const CONTENT_ROWS: usize = 4;

/// The four content rows for a card `width` columns wide inside its border.
/// Every line fits `width`.
pub fn card_lines(info: &CardInfo, theme: &Theme, width: usize) -> Vec<Line<'static>> {
    let f = info.figure;
    let mut lines = vec![figure_line(f, theme, width)];
    match f.days {
        Some(days) => {
            lines.push(day_line(f, days, theme, width));
            let title = f.event_title.as_deref().map(clean_line).unwrap_or_default();
            for row in text::wrap_rows(&title, width, 2) {
                lines.push(Line::from(Span::styled(row, theme.dim())));
            }
        }
        None => {
            lines.push(movement_line(f, theme, width));
            lines.push(date_line(f, theme, width));
            lines.push(source_line(info.source, theme, width));
        }
    }
    lines
}

/// Whether the label takes two rows at `width` (after the marker).
fn needs_two_rows(info: &CardInfo, width: usize) -> bool {
    let marker = if info.highlighted { "● " } else { "" };
    clean_line(info.label).width() > width.saturating_sub(marker.width())
}

/// The label in one or two rows of `width` columns (the first after the
/// marker): wrapped at words, cut with "…" only when two rows are not
/// enough. The second is empty when one row holds it.
fn label_lines(info: &CardInfo, width: usize, rows: usize) -> [String; 2] {
    let marker = if info.highlighted { "● " } else { "" };
    let label = clean_line(info.label);
    let first_room = width.saturating_sub(marker.width());
    if rows < 2 || label.width() <= first_room {
        return [text::fit(&label, first_room), String::new()];
    }
    // Wrap at the narrower first row, so both rows line up.
    let lines = text::wrap(&label, first_room.max(1));
    let second = match lines.len() {
        0 | 1 => String::new(),
        2 => lines[1].clone(),
        _ => lines[1..].join(" "),
    };
    [lines[0].clone(), text::fit(&second, width)]
}

fn title(info: &CardInfo, theme: &Theme, label: String) -> Line<'static> {
    let marker = if info.highlighted { "● " } else { "" };
    let width = label.width() + marker.width();
    let style = if info.highlighted {
        theme.strong()
    } else {
        theme.text()
    };
    let mut spans = Vec::new();
    if !marker.is_empty() && width >= 2 {
        spans.push(Span::styled(marker, theme.highlight()));
    }
    spans.push(Span::styled(label, style));
    Line::from(spans)
}

/// Row 1: "~700,000 people"; for a target, the trend's change at the right
/// when there is room, since the gauge takes row 2.
fn figure_line(f: &Figure, theme: &Theme, width: usize) -> Line<'static> {
    let open_deadline = f.days.is_some_and(|d| d.deadline_open());
    let value_style = if open_deadline {
        theme.warning()
    } else {
        theme.strong()
    };
    let unit = f.unit.as_deref().map(clean_line).unwrap_or_default();
    let full = f.value.as_str();
    let short = f.compact.as_str();
    let mut spans = if unit.is_empty() {
        let value = if full.width() <= width { full } else { short };
        vec![Span::styled(text::fit(value, width), value_style)]
    } else if full.width() + 1 + unit.width() <= width {
        vec![
            Span::styled(full.to_string(), value_style),
            Span::styled(format!(" {unit}"), theme.dim()),
        ]
    } else if short.width() + 1 + unit.width() <= width {
        vec![
            Span::styled(short.to_string(), value_style),
            Span::styled(format!(" {unit}"), theme.dim()),
        ]
    } else {
        // Keep at least "u…" of the unit beside the number; else the number alone.
        let value = if full.width() <= width { full } else { short };
        let room = width.saturating_sub(value.width() + 1);
        if room >= 2 {
            vec![
                Span::styled(value.to_string(), value_style),
                Span::styled(format!(" {}", text::fit(&unit, room)), theme.dim()),
            ]
        } else {
            vec![Span::styled(text::fit(value, width), value_style)]
        }
    };
    if let (Some(_), Some(trend)) = (&f.progress, &f.trend) {
        let used: usize = spans.iter().map(|s| s.content.width()).sum();
        let change = format!("{}{}", trend.direction.marker(), trend.delta);
        if used + 2 + change.width() <= width {
            let gap = width - used - change.width();
            spans.push(Span::raw(" ".repeat(gap)));
            spans.push(Span::styled(change, theme.text()));
        }
    }
    Line::from(spans)
}

/// Row 2 of an observed figure: a gauge, a dispute, a trend, or nothing.
fn movement_line(f: &Figure, theme: &Theme, width: usize) -> Line<'static> {
    if let Some(progress) = &f.progress {
        gauge_line(progress, theme, width)
    } else if f.disputed {
        let text = text::first_fitting(
            width,
            &[
                format!("disputed · {} sources", f.sources_on_latest),
                "disputed".to_string(),
            ],
        );
        Line::from(Span::styled(text, theme.disputed()))
    } else if let Some(trend) = &f.trend {
        trend_line(trend, theme, width)
    } else {
        Line::default()
    }
}

/// "▃▆█ ▲ +21% since Aug", shortened to "▃▆█ ▲+21%" and then fewer bars.
fn trend_line(trend: &Trend, theme: &Theme, width: usize) -> Line<'static> {
    let marker = trend.direction.marker();
    let spaced = if marker.is_empty() {
        String::new()
    } else {
        format!("{marker} ")
    };
    let long = format!("{spaced}{}", trend.change);
    let short = format!("{marker}{}", trend.delta);
    let most = trend.values.len().min(12);
    let fewest = trend.values.len().min(2);
    for text in [&long, &short] {
        // As many bars as fit beside the text, at least two, at most twelve.
        let room = width.saturating_sub(text.width() + 1);
        if room >= fewest {
            let bars = room.min(most);
            return Line::from(vec![
                Span::styled(sparkline(&trend.values, bars), theme.text()),
                Span::raw(" "),
                Span::styled(text.clone(), theme.strong()),
            ]);
        }
    }
    Line::from(Span::styled(text::fit(&short, width), theme.strong()))
}

/// The last `count` values as block characters. Values at or above zero are
/// drawn from a zero baseline, so a rise from 578,000 to 700,000 looks like
/// one and not like a leap from nothing; with negatives the scale runs from
/// the lowest value to the highest.
pub fn sparkline(values: &[f64], count: usize) -> String {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let shown = &values[values.len().saturating_sub(count)..];
    let high = shown.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let low = shown.iter().copied().fold(f64::INFINITY, f64::min);
    let low = if low >= 0.0 { 0.0 } else { low };
    shown
        .iter()
        .map(|&v| {
            if high <= low {
                // All zero, or all equal below zero: a flat line.
                BARS[0]
            } else {
                // Rounded into 0..=7: the cast cannot overflow.
                BARS[(((v - low) / (high - low)) * 7.0).round().clamp(0.0, 7.0) as usize]
            }
        })
        .collect()
}

/// "██▍░░░░░ 17% of 2,500": the bar takes the room the words leave, at least
/// four cells; a disputed range shows as "▒" between its low and high ends.
fn gauge_line(p: &Progress, theme: &Theme, width: usize) -> Line<'static> {
    if !p.gauge {
        let text = format!("target {}", p.target_display);
        return Line::from(Span::styled(text::fit(&text, width), theme.dim()));
    }
    const MIN_BAR: usize = 4;
    let with_share = p.share.as_ref().map(|share| format!("{share} {}", p.text));
    let texts: Vec<&String> = with_share.iter().chain([&p.text]).collect();
    for text in texts {
        if width >= MIN_BAR + 1 + text.width() {
            let cells = width - 1 - text.width();
            let mut spans = gauge(p, cells, theme);
            spans.push(Span::raw(" "));
            spans.push(Span::styled(text.clone(), theme.dim()));
            return Line::from(spans);
        }
    }
    if width >= MIN_BAR {
        Line::from(gauge(p, width, theme))
    } else {
        Line::from(Span::styled(text::fit(&p.text, width), theme.dim()))
    }
}

fn gauge(p: &Progress, cells: usize, theme: &Theme) -> Vec<Span<'static>> {
    const PARTS: [&str; 8] = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"];
    let mut eighths = (p.ratio * cells as f64 * 8.0).round() as usize;
    if p.ratio > 0.0 && eighths == 0 {
        // Something is not nothing: show the thinnest sliver.
        eighths = 1;
    }
    let eighths = eighths.min(cells * 8);
    let full = eighths / 8;
    let part = PARTS[eighths % 8];
    let used = full + usize::from(!part.is_empty());
    let high = ((p.ratio_high * cells as f64).round() as usize).min(cells);
    let range = high.saturating_sub(used);
    let empty = cells - used - range;
    let mut spans = vec![Span::styled(
        format!("{}{part}", "█".repeat(full)),
        theme.text(),
    )];
    if range > 0 {
        spans.push(Span::styled("▒".repeat(range), theme.disputed()));
    }
    spans.push(Span::styled("░".repeat(empty), theme.dim()));
    spans
}

/// Row 2 of a day count: "until 2 Oct 2024", "since 25 Jun 2024",
/// "passed 16 Sep 2024", "until Sep 2024 · may be past", "today". "Until",
/// not "deadline": the event counted to may be a meeting as well as an
/// expiry. The year is left out only when it is the as-of date's.
fn day_line(f: &Figure, days: DayCount, theme: &Theme, width: usize) -> Line<'static> {
    let (word, suffix, style) = if days.since {
        if days.reversed() {
            ("starts", "", theme.dim())
        } else if days.unsure() {
            ("since", " · may be ahead", theme.dim())
        } else {
            ("since", "", theme.dim())
        }
    } else if days.reversed() {
        ("passed", "", theme.dim())
    } else if days.unsure() {
        ("until", " · may be past", theme.warning())
    } else if days.max == 0 {
        ("today", "", theme.warning())
    } else {
        ("until", "", theme.warning())
    };
    let today = !days.since && days.min == 0 && days.max == 0;
    let (long, short) = match f.date {
        Some(date) if !today => (
            date.to_string(),
            counted_from(date, days)
                .map_or_else(|| date.to_string(), |as_of| date_near(date, as_of)),
        ),
        _ => (String::new(), String::new()),
    };
    let with = |date: &str, suffix: &str| {
        if date.is_empty() {
            format!("{word}{suffix}")
        } else {
            format!("{word} {date}{suffix}")
        }
    };
    let text = text::first_fitting(
        width,
        &[
            with(&long, suffix),
            with(&short, suffix),
            with(&long, ""),
            with(&short, ""),
            word.to_string(),
        ],
    );
    Line::from(Span::styled(text, style))
}

/// The as-of date a day count runs from or to: `figures::day_count` counts
/// between it and the first day of the event's date.
fn counted_from(date: FuzzyDate, days: DayCount) -> Option<NaiveDate> {
    let back = if days.since { days.max } else { -days.min };
    date.start()
        .checked_add_signed(chrono::TimeDelta::try_days(back)?)
}

/// Row 3: "20 Sep 2024", "Dec 2016 · stale"; "· disputed" joins it when the
/// gauge has taken row 2. The markers stay whole; when they do not fit
/// beside the date, the date coarsens ("25 Jun 2024" to "Jun 2024", which
/// still holds it) before it is cut.
fn date_line(f: &Figure, theme: &Theme, width: usize) -> Line<'static> {
    let forms = date_forms(f);
    let mut marks = Vec::new();
    if f.stale {
        marks.push("stale");
    }
    if f.disputed && f.progress.is_some() {
        marks.push("disputed");
    }
    if marks.is_empty() {
        let text = text::first_fitting(width, &forms);
        return Line::from(Span::styled(text, theme.dim()));
    }
    // "stale · disputed" takes the style of its first word.
    let mark_style = if f.stale {
        theme.stale()
    } else {
        theme.disputed()
    };
    let marks = marks.join(" · ");
    for separator in [" · ", " "] {
        for date in &forms {
            if date.width() + separator.width() + marks.width() <= width {
                return Line::from(vec![
                    Span::styled(date.clone(), theme.dim()),
                    Span::styled(separator, theme.dim()),
                    Span::styled(marks, mark_style),
                ]);
            }
        }
    }
    if width >= marks.width() + 4 {
        let room = width - marks.width() - 1;
        Line::from(vec![
            Span::styled(text::fit(&forms[0], room), theme.dim()),
            Span::raw(" "),
            Span::styled(marks, mark_style),
        ])
    } else {
        Line::from(Span::styled(text::fit(&marks, width), mark_style))
    }
}

/// The figure's date, then coarser forms that still contain it (see
/// [`FuzzyDate::no_finer_than`]). Never empty.
fn date_forms(f: &Figure) -> Vec<String> {
    match f.date {
        Some(date) => date.coarsenings().iter().map(ToString::to_string).collect(),
        None => vec![f.date_text()],
    }
}

/// Row 4: "via Associated Press"; "via Associated Pr…" when narrow, so
/// every card's source row reads the same (and unlike a day count's event
/// title on the same row).
fn source_line(source: Option<&str>, theme: &Theme, width: usize) -> Line<'static> {
    let text = match source.map(clean_line) {
        Some(name) => text::fit(&format!("via {name}"), width),
        None => text::fit("no source", width),
    };
    Line::from(Span::styled(text, theme.dim()))
}
