//! Key-figure cards drawn into a buffer: text at several widths (insta
//! snapshots), then styles cell by cell, since snapshots hold text only.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier};
use unicode_width::UnicodeWidthStr;

use sitrep::figures::{self, Figure};
use sitrep::load::load_str;
use sitrep::model::Situation;
use sitrep::theme::Theme;
use sitrep::ui::card::{CARD_HEIGHT, CARD_MIN_WIDTH, CardInfo, card_lines, render_card};

/// The dark theme, in colour.
fn color() -> Theme {
    Theme::dark()
}

fn load(text: &str) -> Situation {
    load_str(text).situation.expect("the fixture loads")
}

fn fixture() -> Situation {
    load(include_str!("fixtures/good/figures-cases.toml"))
}

struct Card {
    label: String,
    figure: Figure,
    source: Option<String>,
}

fn cards(s: &Situation) -> Vec<Card> {
    s.metrics
        .iter()
        .map(|m| {
            let figure = figures::figure(s, m);
            let source = figure.source.map(|ix| figures::source_name(s, ix));
            Card {
                label: m.label.clone(),
                figure,
                source,
            }
        })
        .collect()
}

fn card<'a>(s: &Situation, all: &'a [Card], id: &str) -> &'a Card {
    let i = s.metrics.iter().position(|m| m.id == id).expect("metric");
    &all[i]
}

fn info(card: &Card) -> CardInfo<'_> {
    CardInfo {
        label: &card.label,
        figure: &card.figure,
        source: card.source.as_deref(),
        highlighted: false,
        selected: false,
        wrap_label: false,
        note: None,
    }
}

fn draw(info: &CardInfo, theme: &Theme, width: u16) -> Buffer {
    let area = Rect::new(0, 0, width, CARD_HEIGHT);
    let mut buf = Buffer::empty(area);
    render_card(info, theme, area, &mut buf);
    buf
}

fn text(buf: &Buffer) -> String {
    let area = buf.area;
    let mut out = String::new();
    for y in area.top()..area.bottom() {
        let mut line = String::new();
        for x in area.left()..area.right() {
            line.push_str(buf[(x, y)].symbol());
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// Every card of a situation, one under the other; the first highlighted
/// and the second selected so both markers show up.
fn strip(s: &Situation, width: u16) -> String {
    let all = cards(s);
    let mut out = String::new();
    for (i, c) in all.iter().enumerate() {
        let mut info = info(c);
        info.highlighted = i == 0;
        info.selected = i == 1;
        out.push_str(&text(&draw(&info, &Theme::monochrome(), width)));
    }
    out
}

/// Cells of row `y` whose symbols spell `needle`, with their styles.
fn find(buf: &Buffer, needle: &str) -> Option<(u16, u16)> {
    let area = buf.area;
    for y in area.top()..area.bottom() {
        let symbols: Vec<&str> = (area.left()..area.right())
            .map(|x| buf[(x, y)].symbol())
            .collect();
        let row: String = symbols.concat();
        if let Some(byte) = row.find(needle) {
            // Cells here are one column wide each; count symbols before it.
            let mut seen = 0;
            for (x, s) in symbols.iter().enumerate() {
                if seen == byte {
                    return Some((x as u16, y));
                }
                seen += s.len();
            }
        }
    }
    None
}

fn style_of(buf: &Buffer, needle: &str) -> ratatui::style::Style {
    let (x, y) = find(buf, needle).unwrap_or_else(|| panic!("{needle:?} not on the card"));
    buf[(x, y)].style()
}

#[test]
fn the_constants_the_dashboard_reads() {
    const { assert!(CARD_HEIGHT <= 6) };
    const { assert!(CARD_MIN_WIDTH >= 18 && CARD_MIN_WIDTH <= 24) };
}

#[test]
fn strip_at_18() {
    insta::assert_snapshot!(strip(&fixture(), 18));
}

#[test]
fn strip_at_24() {
    insta::assert_snapshot!(strip(&fixture(), 24));
}

#[test]
fn strip_at_32() {
    insta::assert_snapshot!(strip(&fixture(), 32));
}

#[test]
fn strip_at_48() {
    insta::assert_snapshot!(strip(&fixture(), 48));
}

#[test]
fn built_in_situation_at_24_and_40() {
    let s = load(sitrep::BUILTIN_TEXT);
    insta::assert_snapshot!("builtin_24", strip(&s, 24));
    insta::assert_snapshot!("builtin_40", strip(&s, 40));
}

#[test]
fn every_line_fits_at_every_width() {
    let s = fixture();
    let all = cards(&s);
    for c in &all {
        for width in 0..=64usize {
            for line in card_lines(&info(c), &Theme::monochrome(), width) {
                let shown: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
                assert!(
                    shown.width() <= width,
                    "{:?} at {width}: {shown:?} is {} wide",
                    c.label,
                    shown.width()
                );
            }
        }
    }
}

#[test]
fn cards_never_panic_in_small_or_odd_areas() {
    let s = fixture();
    let all = cards(&s);
    for c in &all {
        for width in 0..=CARD_MIN_WIDTH {
            for height in 0..=CARD_HEIGHT + 1 {
                let mut buf = Buffer::empty(Rect::new(0, 0, 30, 10));
                render_card(&info(c), &color(), Rect::new(2, 2, width, height), &mut buf);
            }
        }
        // Partly outside the buffer: drawn clipped.
        let mut buf = Buffer::empty(Rect::new(0, 0, 20, 4));
        render_card(
            &info(c),
            &color(),
            Rect::new(10, 1, 30, CARD_HEIGHT),
            &mut buf,
        );
    }
}

#[test]
fn a_tiny_area_still_shows_the_figure() {
    let s = fixture();
    let all = cards(&s);
    let c = card(&s, &all, "appeal");
    let mut buf = Buffer::empty(Rect::new(0, 0, 10, 1));
    render_card(&info(c), &color(), Rect::new(0, 0, 10, 1), &mut buf);
    assert_eq!(text(&buf), "1.23B\n");
}

#[test]
fn a_short_card_keeps_its_top_rows() {
    let s = fixture();
    let all = cards(&s);
    let c = card(&s, &all, "displaced");
    let area = Rect::new(0, 0, 24, 4);
    let mut buf = Buffer::empty(area);
    render_card(&info(c), &Theme::monochrome(), area, &mut buf);
    insta::assert_snapshot!(text(&buf), @r"
    ┌Internally displaced…─┐
    │~700,000 people       │
    │▅▇█ ▲ +21% since Aug  │
    └──────────────────────┘
    ");
}

#[test]
fn highlighted_cards_carry_a_marker_and_not_only_colour() {
    let s = fixture();
    let all = cards(&s);
    let mut i = info(card(&s, &all, "displaced"));
    i.highlighted = true;
    for theme in [color(), Theme::monochrome()] {
        let buf = draw(&i, &theme, 24);
        let marker = style_of(&buf, "●");
        assert!(marker.add_modifier.contains(Modifier::BOLD));
        assert!(
            style_of(&buf, "Internally")
                .add_modifier
                .contains(Modifier::BOLD)
        );
    }
    let buf = draw(&i, &color(), 24);
    assert_eq!(style_of(&buf, "●").fg, Some(Color::Yellow));
    assert_eq!(buf[(0, 0)].style().fg, Some(Color::Yellow));
    // Not highlighted: no marker, a dim border.
    i.highlighted = false;
    let buf = draw(&i, &color(), 24);
    assert_eq!(find(&buf, "●"), None);
    assert_eq!(buf[(0, 0)].style().fg, Some(Color::DarkGray));
}

#[test]
fn the_selected_card_has_a_thick_border() {
    let s = fixture();
    let all = cards(&s);
    let mut i = info(card(&s, &all, "displaced"));
    i.selected = true;
    for theme in [color(), Theme::monochrome()] {
        let buf = draw(&i, &theme, 24);
        assert_eq!(buf[(0, 0)].symbol(), "┏");
        assert_eq!(buf[(0, 1)].symbol(), "┃");
        assert!(buf[(0, 0)].style().add_modifier.contains(Modifier::BOLD));
    }
    assert_eq!(draw(&i, &color(), 24)[(0, 0)].style().fg, Some(Color::Cyan));
}

#[test]
fn the_figure_is_bold_and_the_unit_dim() {
    let s = fixture();
    let all = cards(&s);
    let buf = draw(&info(card(&s, &all, "displaced")), &color(), 24);
    let figure = style_of(&buf, "~700,000");
    assert!(figure.add_modifier.contains(Modifier::BOLD));
    assert_eq!(style_of(&buf, "people").fg, Some(Color::DarkGray));
    assert_eq!(style_of(&buf, "20 Sep").fg, Some(Color::DarkGray));
    let buf = draw(&info(card(&s, &all, "displaced")), &Theme::monochrome(), 24);
    assert!(
        style_of(&buf, "people")
            .add_modifier
            .contains(Modifier::DIM)
    );
}

#[test]
fn an_open_deadline_stands_out_in_words_and_style() {
    let s = fixture();
    let all = cards(&s);
    let i = info(card(&s, &all, "days-until-expiry"));
    let buf = draw(&i, &color(), 24);
    let value = style_of(&buf, "11 days");
    assert_eq!(value.fg, Some(Color::Red));
    assert!(value.add_modifier.contains(Modifier::BOLD));
    assert_eq!(style_of(&buf, "until 2 Oct").fg, Some(Color::Red));
    let buf = draw(&i, &Theme::monochrome(), 24);
    assert!(
        style_of(&buf, "until 2 Oct")
            .add_modifier
            .contains(Modifier::BOLD)
    );
    // A deadline already passed does not shout.
    let buf = draw(
        &info(card(&s, &all, "days-until-registration")),
        &color(),
        24,
    );
    assert!(
        !style_of(&buf, "5 days ago")
            .fg
            .is_some_and(|c| c == Color::Red)
    );
    assert_eq!(style_of(&buf, "passed").fg, Some(Color::DarkGray));
}

#[test]
fn stale_and_disputed_are_words_in_the_warning_style() {
    let s = fixture();
    let all = cards(&s);
    let buf = draw(&info(card(&s, &all, "cholera-deaths")), &color(), 24);
    assert_eq!(style_of(&buf, "stale").fg, Some(Color::Red));
    let buf = draw(&info(card(&s, &all, "first-flight")), &color(), 24);
    assert_eq!(style_of(&buf, "disputed").fg, Some(Color::Red));
    assert!(find(&buf, "200–400").is_some());
    let buf = draw(
        &info(card(&s, &all, "first-flight")),
        &Theme::monochrome(),
        24,
    );
    assert!(
        style_of(&buf, "disputed")
            .add_modifier
            .contains(Modifier::BOLD)
    );
}

#[test]
fn no_colour_at_all_under_no_color() {
    let s = fixture();
    for c in &cards(&s) {
        let mut i = info(c);
        i.highlighted = true;
        i.selected = true;
        let buf = draw(&i, &Theme::monochrome(), 32);
        for cell in buf.content() {
            assert_eq!(cell.fg, Color::Reset, "{:?}", c.label);
            assert_eq!(cell.bg, Color::Reset, "{:?}", c.label);
        }
    }
}

#[test]
fn text_from_the_file_is_sanitized() {
    let s = fixture();
    let all = cards(&s);
    let c = card(&s, &all, "displaced");
    let mut figure = c.figure.clone();
    figure.unit = Some("ppl\u{1b}[2J".into());
    let i = CardInfo {
        label: "Evil\u{1b}]0;pwned\u{7}",
        figure: &figure,
        source: Some("src\u{9b}31m"),
        highlighted: false,
        selected: false,
        wrap_label: false,
        note: None,
    };
    let shown = text(&draw(&i, &color(), 48));
    assert!(shown.contains("Evil␛]0;pwned␇"), "{shown}");
    assert!(shown.contains("ppl␛[2J"), "{shown}");
    assert!(shown.contains("src\u{fffd}31m"), "{shown}");
    assert!(!shown.contains('\u{1b}'));
}

#[test]
fn narrow_cards_shorten_numbers_rather_than_cut_them() {
    let s = fixture();
    let all = cards(&s);
    let c = card(&s, &all, "appeal");
    assert!(text(&draw(&info(c), &color(), 18)).contains("│1.23B USD"));
    assert!(text(&draw(&info(c), &color(), 24)).contains("│1,234,567,890 USD"));
}

#[test]
fn long_labels_and_units_are_cut_with_an_ellipsis() {
    let s = fixture();
    let all = cards(&s);
    let c = card(&s, &all, "displaced");
    let mut figure = c.figure.clone();
    figure.unit = Some("internally displaced persons".into());
    let mut i = info(c);
    i.figure = &figure;
    i.highlighted = true;
    let shown = text(&draw(&i, &color(), 24));
    assert!(shown.starts_with("┌● Internally displace…┐"), "{shown}");
    assert!(shown.contains("│~700,000 internally d…│"), "{shown}");
}

#[test]
fn day_count_wording_on_either_side_of_as_of() {
    let line = |s: &Situation, id: &str, row: usize| {
        let all = cards(s);
        let c = card(s, &all, id);
        let lines = card_lines(&info(c), &color(), 30);
        lines[row]
            .spans
            .iter()
            .map(|s| s.content.as_ref())
            .collect::<String>()
    };
    let mut s = fixture();
    s.as_of = chrono::NaiveDate::from_ymd_opt(2024, 10, 2).expect("a day");
    assert_eq!(line(&s, "days-until-expiry", 0), "0 days");
    assert_eq!(line(&s, "days-until-expiry", 1), "today");
    s.as_of = chrono::NaiveDate::from_ymd_opt(2024, 6, 20).expect("a day");
    assert_eq!(line(&s, "days-since-arrival", 0), "in 5 days");
    assert_eq!(line(&s, "days-since-arrival", 1), "starts 25 Jun 2024");
    s.as_of = chrono::NaiveDate::from_ymd_opt(2024, 7, 25).expect("a day");
    assert_eq!(line(&s, "days-since-talks", 0), "≤4 days");
    assert_eq!(
        line(&s, "days-since-talks", 1),
        "since late Jul · may be ahead"
    );
}

#[test]
fn a_day_count_drops_its_year_only_in_the_as_of_year() {
    let line = |s: &Situation, id: &str, width: usize| {
        let all = cards(s);
        let c = card(s, &all, id);
        let lines = card_lines(&info(c), &color(), width);
        lines[1]
            .spans
            .iter()
            .map(|s| s.content.as_ref())
            .collect::<String>()
    };
    let mut s = fixture();
    assert_eq!(line(&s, "days-until-expiry", 30), "until 2 Oct 2024");
    assert_eq!(line(&s, "days-until-expiry", 14), "until 2 Oct");
    // Counted from the year before: the short date would hide the year.
    s.as_of = chrono::NaiveDate::from_ymd_opt(2023, 12, 20).expect("a day");
    assert_eq!(line(&s, "days-until-expiry", 14), "until");
    assert_eq!(line(&s, "days-until-expiry", 16), "until 2 Oct 2024");
}

#[test]
fn every_source_row_says_via() {
    let s = fixture();
    let all = cards(&s);
    for width in [18, 24, 32] {
        let buf = draw(&info(card(&s, &all, "displaced")), &color(), width);
        let shown = text(&buf);
        let row = shown.lines().nth(4).unwrap();
        assert!(row.starts_with("│via "), "{width}: {row}");
    }
}
