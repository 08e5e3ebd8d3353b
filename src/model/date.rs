//! Fuzzy dates: news rarely gives a day, so a date is a closed span of days
//! with the precision it was written in and an "approximate" flag.

use std::cmp::Ordering;
use std::fmt;

use chrono::{Datelike, NaiveDate};

/// How precisely a date was written. The span follows from it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Precision {
    Day,
    /// Days 1-10 of a month.
    EarlyMonth,
    /// Days 11-20 of a month.
    MidMonth,
    /// Day 21 to the end of a month.
    LateMonth,
    Month,
    Year,
}

/// A closed span of days, `start..=end`, with its written precision.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct FuzzyDate {
    start: NaiveDate,
    end: NaiveDate,
    precision: Precision,
    approximate: bool,
}

/// Why a date string was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DateError {
    /// Not one of the accepted forms.
    Form,
    /// The right form, but no such day or month ("2024-02-30", "late 2024-13").
    NoSuchDate,
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DateError::Form => f.write_str(
                "expected a date like 2024-09-21, 2024-08, 2024, early/mid/late 2024-10, \
                 optionally with a leading ~",
            ),
            DateError::NoSuchDate => f.write_str("this date does not exist in the calendar"),
        }
    }
}

impl FuzzyDate {
    /// A single, exactly known day.
    pub fn day(date: NaiveDate) -> Self {
        FuzzyDate {
            start: date,
            end: date,
            precision: Precision::Day,
            approximate: false,
        }
    }

    /// A date at the given precision, anchored at a year and month (the month
    /// is ignored for `Year`, the day only used for `Day`).
    pub fn new(
        precision: Precision,
        year: i32,
        month: u32,
        day: u32,
        approximate: bool,
    ) -> Result<Self, DateError> {
        let ymd = |m, d| NaiveDate::from_ymd_opt(year, m, d).ok_or(DateError::NoSuchDate);
        let (start, end) = match precision {
            Precision::Day => (ymd(month, day)?, ymd(month, day)?),
            Precision::EarlyMonth => (ymd(month, 1)?, ymd(month, 10)?),
            Precision::MidMonth => (ymd(month, 11)?, ymd(month, 20)?),
            Precision::LateMonth => (ymd(month, 21)?, last_day_of_month(year, month)?),
            Precision::Month => (ymd(month, 1)?, last_day_of_month(year, month)?),
            Precision::Year => (ymd(1, 1)?, ymd(12, 31)?),
        };
        Ok(FuzzyDate {
            start,
            end,
            precision,
            approximate,
        })
    }

    /// This date at `precision` if it is finer: the month for a day or
    /// part of a month, the year for either. A coarser date still holds the
    /// finer one, so where a date must be shorter it coarsens before it is
    /// cut ("late Sep 2024" to "Sep 2024" to "2024") and stays true.
    pub fn no_finer_than(self, precision: Precision) -> FuzzyDate {
        let coarsen = match (self.precision, precision) {
            (Precision::Year, _) => false,
            (Precision::Month, p) => p == Precision::Year,
            (_, p) => matches!(p, Precision::Month | Precision::Year),
        };
        if !coarsen {
            return self;
        }
        let (year, month) = (self.start.year(), self.start.month());
        FuzzyDate::new(precision, year, month, 1, self.approximate).unwrap_or(self)
    }

    /// This date, then its month, then its year, each once, finest first
    /// (see [`FuzzyDate::no_finer_than`]).
    pub fn coarsenings(self) -> Vec<FuzzyDate> {
        let mut forms = vec![self];
        for precision in [Precision::Month, Precision::Year] {
            let coarser = self.no_finer_than(precision);
            if forms.last() != Some(&coarser) {
                forms.push(coarser);
            }
        }
        forms
    }

    pub fn start(&self) -> NaiveDate {
        self.start
    }

    pub fn end(&self) -> NaiveDate {
        self.end
    }

    pub fn precision(&self) -> Precision {
        self.precision
    }

    pub fn is_approximate(&self) -> bool {
        self.approximate
    }

    /// The written form, as the file would spell it ("~early 2024-10").
    pub fn to_file_form(&self) -> String {
        let tilde = if self.approximate { "~" } else { "" };
        let (y, m, d) = (self.start.year(), self.start.month(), self.start.day());
        match self.precision {
            Precision::Day => format!("{tilde}{y:04}-{m:02}-{d:02}"),
            Precision::EarlyMonth => format!("{tilde}early {y:04}-{m:02}"),
            Precision::MidMonth => format!("{tilde}mid {y:04}-{m:02}"),
            Precision::LateMonth => format!("{tilde}late {y:04}-{m:02}"),
            Precision::Month => format!("{tilde}{y:04}-{m:02}"),
            Precision::Year => format!("{tilde}{y:04}"),
        }
    }

    /// Short display without the year ("21 Sep", "early Oct"), for places
    /// where the year is obvious from context.
    pub fn display_short(&self) -> String {
        let mut out = String::new();
        // Writing to a string does not fail.
        let _ = self.write_short(&mut out);
        out
    }

    /// [`FuzzyDate::display_short`] written to `out`, with no string of its own.
    pub fn write_short(&self, out: &mut impl fmt::Write) -> fmt::Result {
        if self.approximate {
            out.write_str("c. ")?;
        }
        let month = month_abbrev(self.start.month());
        match self.precision {
            Precision::Day => write!(out, "{} {month}", self.start.day()),
            Precision::EarlyMonth => write!(out, "early {month}"),
            Precision::MidMonth => write!(out, "mid {month}"),
            Precision::LateMonth => write!(out, "late {month}"),
            Precision::Month => out.write_str(month),
            Precision::Year => write!(out, "{}", self.start.year()),
        }
    }
}

impl std::str::FromStr for FuzzyDate {
    type Err = DateError;

    /// Parses the forms of the file format: `2024-09-21`, `2024-08`, `2024`,
    /// `early|mid|late 2024-10`, each optionally preceded by `~`.
    fn from_str(text: &str) -> Result<Self, DateError> {
        let text = text.trim();
        let (approximate, rest) = match text.strip_prefix('~') {
            Some(rest) => (true, rest.trim_start()),
            None => (false, text),
        };
        let (part, rest) = match rest.split_once(' ') {
            Some((word, date)) => {
                let part = match word {
                    "early" => Precision::EarlyMonth,
                    "mid" => Precision::MidMonth,
                    "late" => Precision::LateMonth,
                    _ => return Err(DateError::Form),
                };
                (Some(part), date.trim_start())
            }
            None => (None, rest),
        };
        let fields: Vec<&str> = rest.split('-').collect();
        let number = |s: &str, len: usize| -> Result<u32, DateError> {
            if s.len() == len && s.bytes().all(|b| b.is_ascii_digit()) {
                s.parse().map_err(|_| DateError::Form)
            } else {
                Err(DateError::Form)
            }
        };
        let (precision, year, month, day) = match (part, fields.as_slice()) {
            (None, [y]) => (Precision::Year, number(y, 4)?, 1, 1),
            (None, [y, m]) => (Precision::Month, number(y, 4)?, number(m, 2)?, 1),
            (None, [y, m, d]) => (Precision::Day, number(y, 4)?, number(m, 2)?, number(d, 2)?),
            (Some(part), [y, m]) => (part, number(y, 4)?, number(m, 2)?, 1),
            _ => return Err(DateError::Form),
        };
        // Four digits always fit an i32.
        FuzzyDate::new(precision, year as i32, month, day, approximate)
    }
}

impl fmt::Display for FuzzyDate {
    /// The honest form: "21 Sep 2024", "Aug 2024", "2010", "early Oct 2024",
    /// "c. 25 Jun 2024".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.approximate {
            f.write_str("c. ")?;
        }
        let year = self.start.year();
        let month = month_abbrev(self.start.month());
        match self.precision {
            Precision::Day => write!(f, "{} {month} {year}", self.start.day()),
            Precision::EarlyMonth => write!(f, "early {month} {year}"),
            Precision::MidMonth => write!(f, "mid {month} {year}"),
            Precision::LateMonth => write!(f, "late {month} {year}"),
            Precision::Month => write!(f, "{month} {year}"),
            Precision::Year => write!(f, "{year}"),
        }
    }
}

impl Ord for FuzzyDate {
    /// By span start, then span end. The span fixes the precision, so the
    /// approximate flag is the last tie-break, which keeps `Ord` in step
    /// with `Eq`. Lists of dated items keep file order for equal dates
    /// because they are sorted with a stable sort on the span alone.
    fn cmp(&self, other: &Self) -> Ordering {
        (self.start, self.end, self.approximate).cmp(&(other.start, other.end, other.approximate))
    }
}

impl PartialOrd for FuzzyDate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

fn last_day_of_month(year: i32, month: u32) -> Result<NaiveDate, DateError> {
    let first_of_next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)
    };
    first_of_next
        .and_then(|d| d.pred_opt())
        .filter(|d| d.month() == month)
        .ok_or(DateError::NoSuchDate)
}

fn month_abbrev(month: u32) -> &'static str {
    const NAMES: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    NAMES[(month as usize).saturating_sub(1) % 12]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> FuzzyDate {
        s.parse().unwrap()
    }

    #[test]
    fn displays_every_precision_honestly() {
        assert_eq!(d("2024-09-21").to_string(), "21 Sep 2024");
        assert_eq!(d("2024-08").to_string(), "Aug 2024");
        assert_eq!(d("2010").to_string(), "2010");
        assert_eq!(d("early 2024-10").to_string(), "early Oct 2024");
        assert_eq!(d("mid 2024-10").to_string(), "mid Oct 2024");
        assert_eq!(d("late 2024-02").to_string(), "late Feb 2024");
        assert_eq!(d("~2024-06-25").to_string(), "c. 25 Jun 2024");
        assert_eq!(d("~2024").to_string(), "c. 2024");
    }

    #[test]
    fn spans_follow_the_precision() {
        let late_feb_leap = d("late 2024-02");
        assert_eq!(late_feb_leap.start().to_string(), "2024-02-21");
        assert_eq!(late_feb_leap.end().to_string(), "2024-02-29");
        assert_eq!(d("late 2023-02").end().to_string(), "2023-02-28");
        assert_eq!(d("early 2024-10").end().to_string(), "2024-10-10");
        assert_eq!(d("mid 2024-10").start().to_string(), "2024-10-11");
        assert_eq!(d("2024-12").end().to_string(), "2024-12-31");
        assert_eq!(d("2010").end().to_string(), "2010-12-31");
    }

    #[test]
    fn refuses_dates_that_do_not_exist() {
        assert_eq!(
            "2024-02-30".parse::<FuzzyDate>(),
            Err(DateError::NoSuchDate)
        );
        assert_eq!(
            "late 2024-13".parse::<FuzzyDate>(),
            Err(DateError::NoSuchDate)
        );
        assert_eq!(
            "2023-02-29".parse::<FuzzyDate>(),
            Err(DateError::NoSuchDate)
        );
    }

    #[test]
    fn refuses_other_forms() {
        for bad in [
            "",
            "~",
            "24-01-01",
            "2024/01/01",
            "early 2024",
            "late 2024-02-03",
            "soon",
            "2024-1-5",
        ] {
            assert_eq!(bad.parse::<FuzzyDate>(), Err(DateError::Form), "{bad:?}");
        }
    }

    #[test]
    fn order_agrees_with_equality() {
        assert_ne!(d("~2024-06"), d("2024-06"));
        assert_ne!(d("~2024-06").cmp(&d("2024-06")), Ordering::Equal);
    }

    #[test]
    fn orders_by_start_then_end() {
        assert!(d("early 2024-10") < d("2024-10"));
        assert!(d("2024") < d("2024-01-02"));
        assert!(d("late 2024-02") < d("2024-03"));
    }
}
