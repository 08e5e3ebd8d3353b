//! The date window: what the `w` prompt reads, and how `[` `]` `{` `}`
//! move and resize it. Pure functions of the text, `as_of` and the window;
//! the filter keeps whatever overlaps `from..=to` (see `query::select`).

use chrono::{Days, Months, NaiveDate};

use crate::model::{DateError, FuzzyDate};

/// A closed span of days, `from..=to`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Window {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl Window {
    /// Days in the window, both ends counted.
    pub fn days(&self) -> i64 {
        (self.to - self.from).num_days() + 1
    }

    /// The window as the prompt reads it back: "2024-06-01 2024-06-30".
    pub fn label_for_typing(&self) -> String {
        format!(
            "{} {}",
            self.from.format("%Y-%m-%d"),
            self.to.format("%Y-%m-%d")
        )
    }

    /// "1 Jun 2024 – 30 Jun 2024", or one day alone.
    pub fn label(&self) -> String {
        let from = FuzzyDate::day(self.from);
        if self.from == self.to {
            from.to_string()
        } else {
            format!("{from} – {}", FuzzyDate::day(self.to))
        }
    }
}

/// The presets relative to `as_of`: the last N days up to it, both counted.
const PRESETS: [(&str, u32); 3] = [("7d", 7), ("30d", 30), ("90d", 90)];

/// Reads a window typed into the prompt. `Ok(None)` clears the window
/// (`all`, or nothing typed). Accepted: a preset (`7d`, `30d`, `90d`, `1y`,
/// any `Nd`), one date in any form of the file format (its own span), or a
/// start and an end separated by a space, `..` or ` to `.
pub fn parse(text: &str, as_of: NaiveDate) -> Result<Option<Window>, String> {
    let text = text.trim();
    if text.is_empty() || text.eq_ignore_ascii_case("all") {
        return Ok(None);
    }
    if let Some(window) = preset(text, as_of)? {
        return Ok(Some(window));
    }
    for separator in ["..", " to ", " – "] {
        if let Some((start, end)) = text.split_once(separator) {
            return between(date(start)?, date(end)?).map(Some);
        }
    }
    match text.parse::<FuzzyDate>() {
        Ok(one) => {
            return Ok(Some(Window {
                from: one.start(),
                to: one.end(),
            }));
        }
        // "2024-02-30": the reason `check` gives, not "not a window".
        Err(DateError::NoSuchDate) => return Err(date(text).err().unwrap_or_default()),
        Err(DateError::Form) => {}
    }
    // "early 2024-10 2024-12": try each space as the split between the ends.
    let spaces = text.match_indices(' ').map(|(at, _)| at);
    for at in spaces {
        let (start, end) = (&text[..at], &text[at + 1..]);
        if let (Ok(start), Ok(end)) = (start.parse::<FuzzyDate>(), end.parse::<FuzzyDate>()) {
            return between(start, end).map(Some);
        }
    }
    Err(match text.split_once(' ') {
        // Name the part that is wrong when there are two.
        Some((start, end)) if start.parse::<FuzzyDate>().is_ok() => {
            date(end).err().unwrap_or_default()
        }
        _ => format!("`{text}` is not a window: type a date or two, 7d 30d 90d 1y, or all"),
    })
}

/// `7d`, `30d`, `90d`, `1y` and any `Nd` or `Ny`: `None` when `text` is not
/// shaped like one.
fn preset(text: &str, as_of: NaiveDate) -> Result<Option<Window>, String> {
    let lower = text.to_ascii_lowercase();
    if let Some(&(_, days)) = PRESETS.iter().find(|(name, _)| *name == lower) {
        return Ok(Some(last_days(as_of, days)));
    }
    let (digits, unit) = lower.split_at(lower.len().saturating_sub(1));
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Ok(None);
    }
    let n: u32 = match digits.parse() {
        Ok(n) if n > 0 => n,
        _ => return Err(format!("`{text}`: the length must be at least 1")),
    };
    let from = match unit {
        "d" => as_of.checked_sub_days(Days::new(u64::from(n) - 1)),
        "y" => n
            .checked_mul(12)
            .and_then(|months| as_of.checked_sub_months(Months::new(months)))
            .and_then(|d| d.succ_opt()),
        _ => return Ok(None),
    };
    from.map(|from| Some(Window { from, to: as_of }))
        .ok_or_else(|| format!("`{text}` reaches before the calendar"))
}

fn last_days(as_of: NaiveDate, days: u32) -> Window {
    Window {
        from: as_of
            .checked_sub_days(Days::new(u64::from(days - 1)))
            .unwrap_or(NaiveDate::MIN),
        to: as_of,
    }
}

fn date(text: &str) -> Result<FuzzyDate, String> {
    let text = text.trim();
    text.parse::<FuzzyDate>().map_err(|e| match e {
        DateError::NoSuchDate => format!("`{text}`: {e}"),
        DateError::Form => format!("`{text}` is not a date: {e}"),
    })
}

/// From the first day of `start` to the last of `end`.
fn between(start: FuzzyDate, end: FuzzyDate) -> Result<Window, String> {
    if start.start() > end.end() {
        return Err(format!("the start ({start}) is after the end ({end})"));
    }
    Ok(Window {
        from: start.start(),
        to: end.end(),
    })
}

/// The window moved back (`forward` false) or on by its own length.
pub fn shift(window: Window, forward: bool) -> Window {
    let days = Days::new(window.days().unsigned_abs());
    let moved = |d: NaiveDate| {
        if forward {
            d.checked_add_days(days)
        } else {
            d.checked_sub_days(days)
        }
    };
    match (moved(window.from), moved(window.to)) {
        (Some(from), Some(to)) => Window { from, to },
        _ => window,
    }
}

/// The window halved (`wider` false) or doubled around its middle; never
/// shorter than a day.
pub fn scale(window: Window, wider: bool) -> Window {
    let days = window.days();
    let new = if wider { days * 2 } else { (days / 2).max(1) };
    let from = window.from + chrono::Duration::days((days - new) / 2);
    let to = from
        .checked_add_days(Days::new((new - 1).unsigned_abs()))
        .unwrap_or(window.to);
    Window { from, to }
}

/// The window a filter's ends make, with an open end closed at the
/// situation's own first or last day.
pub fn closed(
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    span: (NaiveDate, NaiveDate),
) -> Option<Window> {
    if from.is_none() && to.is_none() {
        return None;
    }
    let from = from.unwrap_or(span.0);
    let to = to.unwrap_or(span.1).max(from);
    Some(Window { from, to })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn w(from: NaiveDate, to: NaiveDate) -> Option<Window> {
        Some(Window { from, to })
    }

    const AS_OF: fn() -> NaiveDate = || day(2024, 9, 21);

    #[test]
    fn every_date_form_of_the_format_is_a_window() {
        let p = |t: &str| parse(t, AS_OF()).unwrap();
        assert_eq!(p("2024-06"), w(day(2024, 6, 1), day(2024, 6, 30)));
        assert_eq!(p("2024"), w(day(2024, 1, 1), day(2024, 12, 31)));
        assert_eq!(p("2024-03-11"), w(day(2024, 3, 11), day(2024, 3, 11)));
        assert_eq!(p("early 2024-10"), w(day(2024, 10, 1), day(2024, 10, 10)));
        assert_eq!(p("mid 2024-02"), w(day(2024, 2, 11), day(2024, 2, 20)));
        assert_eq!(p("late 2024-02"), w(day(2024, 2, 21), day(2024, 2, 29)));
        assert_eq!(p("~2024-06"), w(day(2024, 6, 1), day(2024, 6, 30)));
    }

    #[test]
    fn a_start_and_an_end_in_any_forms() {
        let p = |t: &str| parse(t, AS_OF()).unwrap();
        let june_to_early_oct = w(day(2024, 6, 1), day(2024, 10, 10));
        assert_eq!(p("2024-06 early 2024-10"), june_to_early_oct);
        assert_eq!(p("2024-06..early 2024-10"), june_to_early_oct);
        assert_eq!(p("2024-06 to early 2024-10"), june_to_early_oct);
        assert_eq!(
            p("early 2024-10 2024-12-02"),
            w(day(2024, 10, 1), day(2024, 12, 2))
        );
        assert_eq!(
            p("late 2024-01 mid 2024-02"),
            w(day(2024, 1, 21), day(2024, 2, 20))
        );
    }

    #[test]
    fn presets_count_back_from_as_of() {
        let p = |t: &str| parse(t, AS_OF()).unwrap();
        assert_eq!(p("7d"), w(day(2024, 9, 15), AS_OF()));
        assert_eq!(p("30d"), w(day(2024, 8, 23), AS_OF()));
        assert_eq!(p("90D"), w(day(2024, 6, 24), AS_OF()));
        assert_eq!(p("1y"), w(day(2023, 9, 22), AS_OF()));
        assert_eq!(p("1d"), w(AS_OF(), AS_OF()));
        assert_eq!(p("all"), None);
        assert_eq!(p("  "), None);
    }

    #[test]
    fn bad_input_says_what_is_wrong() {
        let e = |t: &str| parse(t, AS_OF()).unwrap_err();
        assert_eq!(
            e("2024-10 2024-06"),
            "the start (Oct 2024) is after the end (Jun 2024)"
        );
        assert!(
            e("soon").starts_with("`soon` is not a window"),
            "{}",
            e("soon")
        );
        assert_eq!(
            e("2024-13"),
            "`2024-13`: this date does not exist in the calendar"
        );
        // The reason `check` gives for such a date in a file.
        assert_eq!(
            e("2024-06 2024-02-30"),
            "`2024-02-30`: this date does not exist in the calendar"
        );
        assert_eq!(
            e("2024-02-30"),
            "`2024-02-30`: this date does not exist in the calendar"
        );
        assert!(e("yesterday").contains("7d 30d 90d 1y"));
        assert_eq!(e("0d"), "`0d`: the length must be at least 1");
        assert_eq!(
            e("2024-06..soon"),
            format!("`soon` is not a date: {}", crate::model::DateError::Form)
        );
    }

    #[test]
    fn shifting_moves_by_the_window_length() {
        let june = Window {
            from: day(2024, 6, 1),
            to: day(2024, 6, 30),
        };
        assert_eq!(
            shift(june, true),
            Window {
                from: day(2024, 7, 1),
                to: day(2024, 7, 30)
            }
        );
        assert_eq!(
            shift(june, false),
            Window {
                from: day(2024, 5, 2),
                to: day(2024, 5, 31)
            }
        );
        assert_eq!(shift(shift(june, true), false), june);
    }

    #[test]
    fn halving_and_doubling_keep_the_middle() {
        let june = Window {
            from: day(2024, 6, 1),
            to: day(2024, 6, 30),
        };
        let half = scale(june, false);
        assert_eq!(
            half,
            Window {
                from: day(2024, 6, 8),
                to: day(2024, 6, 22)
            }
        );
        assert_eq!(half.days(), 15);
        let double = scale(june, true);
        assert_eq!(
            double,
            Window {
                from: day(2024, 5, 17),
                to: day(2024, 7, 15)
            }
        );
        assert_eq!(double.days(), 60);
        let one = Window {
            from: day(2024, 6, 1),
            to: day(2024, 6, 1),
        };
        assert_eq!(scale(one, false), one);
    }

    #[test]
    fn an_open_end_closes_at_the_situation_span() {
        let span = (day(2024, 1, 1), day(2024, 12, 31));
        assert_eq!(closed(None, None, span), None);
        assert_eq!(
            closed(Some(day(2024, 6, 1)), None, span),
            w(day(2024, 6, 1), day(2024, 12, 31))
        );
        assert_eq!(
            closed(None, Some(day(2024, 3, 1)), span),
            w(day(2024, 1, 1), day(2024, 3, 1))
        );
    }
}
