//! "Did you mean ...?": the closest known name to a misspelt one.

/// The candidate closest to `word` by edit distance, if it is close enough to
/// be a plausible typo (at most a third of the word's length, and at least 1).
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (word.chars().count() / 3).max(1);
    let lower = word.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::damerau_levenshtein(&lower, c), c))
        .filter(|&(distance, _)| distance <= limit)
        .min_by_key(|&(distance, _)| distance)
        .map(|(_, c)| c)
}

/// "did you mean `x`?" for the closest candidate.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    closest(word, candidates).map(|c| format!("did you mean `{c}`?"))
}

/// The file's form of a date written another common way: "Sep 2024" is
/// "2024-09", "21 Sep 2024" is "2024-09-21", "2024-10-early" is
/// "early 2024-10", "2024/09/21" is "2024-09-21", "c. 2024-06" is "~2024-06".
pub fn date_form(text: &str) -> Option<String> {
    let text = text.trim();
    for prefix in ["c. ", "ca. ", "circa ", "about ", "approx. "] {
        if let Some(rest) = text.strip_prefix(prefix) {
            let inner = date_form(rest).unwrap_or_else(|| rest.to_string());
            return Some(format!("~{inner}"));
        }
    }
    let month = |word: &str| -> Option<u32> {
        const NAMES: [&str; 12] = [
            "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
        ];
        let word = word.trim_end_matches(['.', ',']).to_lowercase();
        let at = NAMES
            .iter()
            .position(|n| word.len() >= 3 && word.starts_with(n))?;
        Some(at as u32 + 1)
    };
    let is_year = |w: &str| w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit());
    let words: Vec<&str> = text.split([' ', ',']).filter(|w| !w.is_empty()).collect();
    let guess = match words.as_slice() {
        [m, y] if is_year(y) => month(m).map(|m| format!("{y}-{m:02}")),
        // "late 2024-9": the month wants two digits.
        [part @ ("early" | "mid" | "late"), ym] => {
            let (y, m) = ym.split_once('-')?;
            let m: u32 = m.parse().ok()?;
            is_year(y).then(|| format!("{part} {y}-{m:02}"))
        }
        [part @ ("early" | "mid" | "late"), m, y] if is_year(y) => {
            month(m).map(|m| format!("{part} {y}-{m:02}"))
        }
        [a, b, y] if is_year(y) => {
            let day = |w: &str| {
                w.trim_end_matches(['s', 't', 'n', 'd', 'r', 'h'])
                    .parse::<u32>()
                    .ok()
            };
            // "21 Sep 2024" or "Sep 21, 2024".
            let (d, m) = match (day(a), day(b)) {
                (Some(d), None) => (d, month(b)),
                (None, Some(d)) => (d, month(a)),
                _ => (0, None),
            };
            m.map(|m| format!("{y}-{m:02}-{d:02}"))
        }
        [single] => {
            let fields: Vec<&str> = single.split(['-', '/', '.']).collect();
            match fields.as_slice() {
                [y, m, part @ ("early" | "mid" | "late")] if is_year(y) => {
                    Some(format!("{part} {y}-{m}"))
                }
                [y, m, d] if is_year(y) => Some(format!("{y}-{m:0>2}-{d:0>2}")),
                [d, m, y] if is_year(y) => Some(format!("{y}-{m:0>2}-{d:0>2}")),
                [y, m] if is_year(y) => Some(format!("{y}-{m:0>2}")),
                _ => None,
            }
        }
        _ => None,
    }?;
    // Only offer what the file format would take.
    guess
        .parse::<crate::model::FuzzyDate>()
        .is_ok()
        .then_some(guess)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_typos_but_not_strangers() {
        let keys = [
            "actors",
            "events",
            "metrics",
            "quotes",
            "sources",
            "situation",
        ];
        assert_eq!(closest("actrs", keys), Some("actors"));
        assert_eq!(closest("Sources", keys), Some("sources"));
        assert_eq!(closest("evnets", keys), Some("events"));
        assert_eq!(closest("weather", keys), None);
        assert_eq!(closest("rutto", ["ruto", "blinken"]), Some("ruto"));
    }

    #[test]
    fn reads_dates_written_other_ways() {
        let cases = [
            ("Sep 2024", Some("2024-09")),
            ("September 2024", Some("2024-09")),
            ("21 Sep 2024", Some("2024-09-21")),
            ("Sept. 21, 2024", Some("2024-09-21")),
            ("2024-10-early", Some("early 2024-10")),
            ("late Feb 2024", Some("late 2024-02")),
            ("2024/09/21", Some("2024-09-21")),
            ("21.09.2024", Some("2024-09-21")),
            ("2024-9-5", Some("2024-09-05")),
            ("c. 2024-06", Some("~2024-06")),
            ("late 2024-9", Some("late 2024-09")),
            ("31 Sep 2024", None),
            ("soon", None),
            ("next week", None),
        ];
        for (written, expected) in cases {
            assert_eq!(date_form(written).as_deref(), expected, "{written}");
        }
    }
}
