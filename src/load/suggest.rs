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
}
