//! Which columns the timeline and the actors pane show at a width, and how
//! wide each is, by priority: what must stay, what takes the slack. Pure
//! functions of the derived widths, so the arrangement can ask how wide a
//! pane must be to show everything (see [`timeline_full_width`]).

use ratatui::layout::Constraint;

use super::MARGIN;
use crate::derived::Derived;

/// Column widths of a timeline row, in columns, gaps included.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TimelineColumns {
    pub date: usize,
    pub title: usize,
    pub actors: usize,
    pub category: usize,
    /// The sources count, right-aligned in what the other columns leave.
    pub sources: usize,
}

impl TimelineColumns {
    /// The widths of the columns shown, for a `Table`: glyph, date, title,
    /// then actors and category when they have room, then sources. Each
    /// holds the space after it, so the table adds none.
    pub fn widths(&self) -> Vec<Constraint> {
        let optional = [self.actors, self.category].into_iter().filter(|&w| w > 0);
        [GLYPH, self.date, self.title]
            .into_iter()
            .chain(optional)
            .chain([self.sources])
            .map(length)
            .collect()
    }

    /// Columns the row's cells take, the blank [`MARGIN`] after them not
    /// included.
    pub fn row_width(&self) -> usize {
        GLYPH + self.date + self.title + self.actors + self.category + self.sources
    }
}

/// A column of exactly `columns` cells.
fn length(columns: usize) -> Constraint {
    Constraint::Length(u16::try_from(columns).unwrap_or(u16::MAX))
}

pub const GLYPH: usize = 2;

/// The narrowest sources column: "[3]", "[?]".
pub const SOURCES: usize = 3;

/// The sources column as wide as the largest count needs ("[1,204]"). The
/// column before it ends in its space, and the row's [`MARGIN`] follows.
fn sources_width(d: &Derived) -> usize {
    (crate::text::width(&crate::text::count(d.sources_max)) + 2).max(SOURCES)
}
/// Titles grow to their longest before anything else is shown, up to this
/// (the space after included); beyond it only once every column is whole.
const TITLE_CAP: usize = 91;
/// The actors column appears at this width (or what its names need, if
/// less): room for a short name and a count of the rest ("Kenyan police
/// +2"), and the space after. It grows to [`ACTORS_MAX`] at most: a row
/// names the first few actors and counts the rest, the detail names all.
const ACTORS_MIN: usize = 17;
const ACTORS_MAX: usize = 36;

/// The date column's least share of a narrow row: a day ("30 Sep 2024").
const DATE_LEAST: usize = 11;
/// Of a row this narrow or less, the date column takes at first at most a
/// sixth (a file of many spans would take 18 of 80 columns from titles).
fn date_share(width: usize) -> usize {
    (width / 6).max(DATE_LEAST)
}

/// Each column takes its turn: the date as wide as most dates need, up to
/// a sixth of the row (spans then coarsen: "2025 – Apr 2025" to "2025",
/// or are cut), the title as wide as most titles need, the date up to what
/// most dates need, the title up to its longest (or [`TITLE_CAP`]), the
/// actors (shown from [`ACTORS_MIN`]), the
/// date up to the widest single date, the actors up to what they want,
/// then the category, then titles beyond the cap; what is left stays blank
/// at the end. A column comes only once the ones before it are whole, and
/// never takes room from them, so every column is as wide or wider on a
/// wider pane: nothing shown at a width is cut at a larger one. The date
/// column starts as most dates need: an outlier coarsens (or is cut)
/// rather than take every row's room from titles most rows need.
/// `width` is the pane's, inside its border, zoomed or not.
pub fn timeline_columns(d: &Derived, width: usize) -> TimelineColumns {
    let gap = if width >= 100 { 2 } else { 1 };
    let first_date = d.date_width.min(date_share(width));
    let date = first_date + gap;
    let sources = sources_width(d);
    let mut spare = width.saturating_sub(GLYPH + date + sources + MARGIN);
    let wants = Wants::of(d);
    // The share of `spare` a column takes: what it wants, as much of it as
    // is left when at least `least` is, else nothing; and nothing at all
    // once a column before it has less than it wants.
    let mut whole = true;
    let mut take = |want: usize, least: usize| {
        let took = if whole && spare >= least.min(want) {
            want.min(spare)
        } else {
            0
        };
        whole &= took == want;
        spare -= took;
        took
    };
    // What most titles need comes before what most dates need on a narrow
    // row, then the longest titles.
    let most_titles = (d.title_width + 1).min(wants.title).min(TITLE_CAP);
    let title = take(most_titles, 0);
    let date = date + take(d.date_width - first_date, 0);
    let title = title + take(wants.title.min(TITLE_CAP) - title, 0);
    let actors = take(wants.actors.min(ACTORS_MIN), ACTORS_MIN);
    // Once titles are whole and the actors have their column, the date
    // column grows toward the widest date, so a vague "late Sep 2024"
    // reads whole rather than coarsened; then the rest.
    let date = date + take(wants.date, 0);
    let actors = actors + take(wants.actors.saturating_sub(actors), 0);
    let category = take(wants.category, wants.category);
    let title = title + take(wants.title.saturating_sub(title), 0);
    TimelineColumns {
        date,
        title,
        actors,
        category,
        // The rest goes before the count at the end, so columns do not
        // drift apart on a very wide pane.
        sources: sources + spare,
    }
}

/// The columns each part of a timeline row wants, the space after included.
struct Wants {
    title: usize,
    /// The date column's growth toward the widest date.
    date: usize,
    actors: usize,
    category: usize,
}

impl Wants {
    fn of(d: &Derived) -> Wants {
        Wants {
            title: d.title_max + 1,
            date: d.date_max.saturating_sub(d.date_width),
            actors: match d.event_actors_max {
                0 => 0,
                w => (w + 1).min(ACTORS_MAX),
            },
            category: match d.category_width {
                0 => 0,
                w => w + 2,
            },
        }
    }
}

pub const MARK: usize = 2;
/// The narrowest event count column: its heading, "Events", and a space.
pub const COUNT: usize = 7;

/// The event count column as wide as the largest count needs ("123,456"
/// and the space after), and at least [`COUNT`].
fn count_width(events_max: usize) -> usize {
    (crate::text::width(&crate::text::count(events_max)) + 1).max(COUNT)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ActorColumns {
    pub name: usize,
    pub kind: usize,
    /// The event count, right-aligned, with the space after it.
    pub count: usize,
    pub role: usize,
}

impl ActorColumns {
    /// The widths of the columns shown, for a `Table`: mark, name, kind
    /// when it has room, event count, role when it has room. Each holds
    /// the space after it.
    pub fn widths(&self) -> Vec<Constraint> {
        let kind = Some(self.kind).filter(|&w| w > 0);
        let role = Some(self.role).filter(|&w| w > 0);
        [Some(MARK), Some(self.name), kind, Some(self.count), role]
            .into_iter()
            .flatten()
            .map(length)
            .collect()
    }
}

/// Room goes, in this order, to names as wide as most need, the kind (in
/// full, else abbreviated), a role column, the longest names, then roles.
/// Each column appears only beside names as wide as before it, so a wider
/// pane never shows less of a name. `events_max` is the largest event
/// count (see `Index::event_count_max`): the count column holds it whole.
pub fn actors_columns(d: &Derived, events_max: usize, width: usize) -> ActorColumns {
    let width = width.saturating_sub(MARGIN);
    let count = count_width(events_max);
    let (full, short) = d.kind_widths;
    let most = (d.actor_name_width + 1).min(d.actor_name_max + 1);
    let longest = d.actor_name_max + 1;
    let kind = [full + 1, short.max("Kind".len()) + 1]
        .into_iter()
        .find(|&kind| width >= MARK + kind + count + most)
        .unwrap_or(0);
    let rest = width.saturating_sub(MARK + kind + count);
    if rest < most + ROLE_MIN {
        // No role column yet: names keep to what most need, which is what
        // they keep when the role column comes.
        return ActorColumns {
            name: rest.min(most),
            kind,
            count,
            role: 0,
        };
    }
    let name = (rest - ROLE_MIN).clamp(most, longest);
    ActorColumns {
        name,
        kind,
        count,
        role: (rest - name).min(role_cap(d)),
    }
}

/// The narrowest role column worth showing.
const ROLE_MIN: usize = 12;
/// Roles are cut at this many columns however wide the pane (the detail
/// shows them whole), so a pane of [`actors_full_width`] shows all the
/// list ever shows and has neighbours on a wide screen.
const ROLE_MAX: usize = 60;

/// How wide the role column grows: to the longest role, within
/// [`ROLE_MIN`] and [`ROLE_MAX`].
fn role_cap(d: &Derived) -> usize {
    d.role_max.clamp(ROLE_MIN, ROLE_MAX)
}

/// Columns inside its border from which the timeline shows everything it
/// can: every column at its widest, titles whole. A wider pane shows only
/// more blank at the end of its rows.
pub fn timeline_full_width(d: &Derived) -> usize {
    let wants = Wants::of(d);
    GLYPH
        + d.date_width
        + 2
        + wants.date
        + wants.title
        + wants.actors
        + wants.category
        + sources_width(d)
        + MARGIN
}

/// Columns inside its border from which the actors pane shows everything
/// it can: whole names, kinds in full, counts and roles up to
/// [`ROLE_MAX`].
pub fn actors_full_width(d: &Derived, events_max: usize) -> usize {
    let role = if d.role_max == 0 { 0 } else { role_cap(d) };
    MARK + d.kind_widths.0 + 1 + count_width(events_max) + d.actor_name_max + 1 + role + MARGIN
}
