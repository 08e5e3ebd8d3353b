//! The filter as a command line asks for it: ids and values as typed, not
//! yet read against a situation. `summary`, `diff` and the dashboard share
//! these flags; [`Ask::filter`] reads them into the one [`Filter`] with the
//! same messages everywhere.

use crate::model::{FuzzyDate, Situation};
use crate::query::{self, Filter};

#[derive(clap::Args, Clone, Debug, Default)]
#[command(next_help_heading = "Filter (each flag narrows; repeat one for any of several values)")]
pub struct Ask {
    /// Keep what involves this actor or its members (an id from the file;
    /// repeatable: any of them).
    #[arg(long = "actor", value_name = "ID")]
    pub actors: Vec<String>,
    /// Keep what happened at this place or a place inside it (an id from
    /// the file; repeatable: any of them).
    #[arg(long = "place", value_name = "ID")]
    pub places: Vec<String>,
    /// Keep events of this category, and quotes at them (repeatable: any of
    /// them).
    #[arg(long = "category", value_name = "NAME")]
    pub categories: Vec<String>,
    /// Keep events with this tag, and quotes at them (repeatable: any of
    /// them).
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,
    /// Keep what involves an actor of this kind: person, organization,
    /// government, force, armed-group, population, media or other
    /// (repeatable: any of them).
    #[arg(long = "kind", value_name = "KIND")]
    pub kinds: Vec<String>,
    /// Keep every event, figure and quote citing this source (an id from
    /// the file; repeatable: any of them).
    #[arg(long = "source", value_name = "ID")]
    pub sources: Vec<String>,
    /// Keep what mentions this text (any case), as the dashboard's search.
    #[arg(long, value_name = "TEXT")]
    pub search: Option<String>,
    /// Keep what overlaps the window from this date's first day
    /// (2024-09-21, 2024-08, 2024, early/mid/late 2024-10).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub from: Option<FuzzyDate>,
    /// Keep what overlaps the window up to this date's last day.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub to: Option<FuzzyDate>,
}

impl Ask {
    /// Nothing asked: everything is kept.
    pub fn is_empty(&self) -> bool {
        self.actors.is_empty()
            && self.places.is_empty()
            && self.categories.is_empty()
            && self.tags.is_empty()
            && self.kinds.is_empty()
            && self.sources.is_empty()
            && self.search.as_deref().is_none_or(|t| t.trim().is_empty())
            && self.from.is_none()
            && self.to.is_none()
    }

    /// The filter these flags ask for in `s`. The error is a one-line
    /// message for a usage error: an id or value the file does not have
    /// (with the one most likely meant), or a window that ends before it
    /// starts.
    pub fn filter(&self, s: &Situation) -> Result<Filter, String> {
        let actors = query::actors_from_ids(s, &self.actors)?;
        let places = query::places_from_ids(s, &self.places)?;
        let facets =
            query::facets_from_args(s, &self.categories, &self.tags, &self.kinds, &self.sources)?;
        let (from, to) = self.window()?;
        Ok(Filter {
            actors,
            places,
            facets,
            search: self.search.clone().unwrap_or_default(),
            from,
            to,
            ..Filter::default()
        })
    }

    /// The date window: from the first day of `--from` to the last of
    /// `--to`.
    pub fn window(&self) -> Result<(Option<chrono::NaiveDate>, Option<chrono::NaiveDate>), String> {
        let from = self.from.map(|d| d.start());
        let to = self.to.map(|d| d.end());
        if let (Some(from), Some(to)) = (from, to)
            && from > to
        {
            return Err(format!(
                "--from ({}) is after --to ({}): no event could match",
                FuzzyDate::day(from),
                FuzzyDate::day(to)
            ));
        }
        Ok((from, to))
    }
}

/// A date argument in any form of the file format.
pub fn parse_date(text: &str) -> Result<FuzzyDate, String> {
    text.parse::<FuzzyDate>().map_err(|e| match e {
        crate::model::DateError::Form => e.to_string(),
        crate::model::DateError::NoSuchDate => format!(
            "{e}; expected a date like 2024-09-21, 2024-08, 2024, early/mid/late 2024-10, \
             optionally with a leading ~"
        ),
    })
}
