//! Which columns the timeline and the actors pane show at a width, and how
//! wide each is, by priority: what must stay, what takes the slack. Pure
//! functions of the derived widths, so the arrangement can ask how wide a
//! pane must be to show everything (see [`timeline_full_width`]).

use ratatui::layout::Constraint;

use crate::derived::Derived;

/// Column widths of a timeline row, in columns, gaps included.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TimelineColumns {
    pub date: usize,
    pub title: usize,
    pub actors: usize,
    pub category: usize,
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
            .chain([SOURCES])
            .map(length)
            .collect()
    }
}

/// A column of exactly `columns` cells.
fn length(columns: usize) -> Constraint {
    Constraint::Length(u16::try_from(columns).unwrap_or(u16::MAX))
}

pub const GLYPH: usize = 2;
pub const SOURCES: usize = 4;
/// Titles are what people read; other columns give way first. Titles keep
/// at least this many columns while the actors column is shown.
const TITLE_MIN: usize = 36;
/// The actors column shrinks to this before it goes: room for a short name
/// and a count of the rest ("Kenyan police +2"), and the space after.
const ACTORS_MIN: usize = 17;
const ACTORS_MAX: usize = 36;

/// Titles first, as wide as nearly all of them need; the actors column
/// takes what is left (down to [`ACTORS_MIN`], when titles are cut to make
/// room for it); the category only when titles and actors are whole. Room
/// beyond that goes to the longest titles and names.
/// `width` is the pane's, zoomed or not; a wider pane never shows fewer
/// columns.
pub fn timeline_columns(d: &Derived, width: usize) -> TimelineColumns {
    let gap = if width >= 100 { 2 } else { 1 };
    let date = d.date_width + gap;
    let rest = width.saturating_sub(GLYPH + date + SOURCES);
    // Each wanted width counts the space after the column.
    let title_want = (d.title_width + 1).max(TITLE_MIN);
    let actors_want = match d.event_actors_width {
        0 => 0,
        w => (w + 1).min(ACTORS_MAX),
    };
    let category_want = match d.category_width {
        0 => 0,
        w => w + 2,
    };
    let (actors, category) = if rest >= title_want + actors_want + category_want {
        (actors_want, category_want)
    } else if rest >= title_want + actors_want {
        (actors_want, 0)
    } else if actors_want > 0 && rest >= TITLE_MIN + ACTORS_MIN.min(actors_want) {
        let actors = rest.saturating_sub(title_want).max(ACTORS_MIN);
        (actors.min(actors_want), 0)
    } else {
        (0, 0)
    };
    let mut cols = TimelineColumns {
        date,
        title: rest - actors - category,
        actors,
        category,
    };
    // Room beyond every column's want: first the longest titles, then the
    // actors' names in full; the rest stays at the end, so columns do not
    // drift apart on a very wide screen. The date column stays as most
    // dates need: an outlier is cut, not given every row's room.
    if category == category_want && actors == actors_want {
        let mut spare = cols.title.saturating_sub(title_want);
        cols.title -= spare;
        let mut grow = |column: &mut usize, want: usize| {
            let by = want.saturating_sub(*column).min(spare);
            *column += by;
            spare -= by;
        };
        grow(&mut cols.title, d.title_max + 1);
        grow(&mut cols.actors, d.event_actors_max + 1);
        cols.category += spare;
    }
    cols
}

pub const MARK: usize = 2;
pub const COUNT: usize = 7;
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ActorColumns {
    pub name: usize,
    pub kind: usize,
    pub role: usize,
}

impl ActorColumns {
    /// The widths of the columns shown, for a `Table`: mark, name, kind
    /// when it has room, event count, role when it has room. Each holds
    /// the space after it.
    pub fn widths(&self) -> Vec<Constraint> {
        let kind = Some(self.kind).filter(|&w| w > 0);
        let role = Some(self.role).filter(|&w| w > 0);
        [Some(MARK), Some(self.name), kind, Some(COUNT), role]
            .into_iter()
            .flatten()
            .map(length)
            .collect()
    }
}

/// Room goes, in this order, to names as wide as most need, the kind (in
/// full, else abbreviated), a role column, the longest names, then roles.
/// Each column appears only beside names as wide as before it, so a wider
/// pane never shows less of a name.
pub fn actors_columns(d: &Derived, width: usize) -> ActorColumns {
    let (full, short) = d.kind_widths;
    let most = (d.actor_name_width + 1).min(d.actor_name_max + 1);
    let longest = d.actor_name_max + 1;
    let kind = [full + 1, short.max("Kind".len()) + 1]
        .into_iter()
        .find(|&kind| width >= MARK + kind + COUNT + most)
        .unwrap_or(0);
    let rest = width.saturating_sub(MARK + kind + COUNT);
    if rest < most + ROLE_MIN {
        // No role column yet: names keep to what most need, which is what
        // they keep when the role column comes.
        return ActorColumns {
            name: rest.min(most),
            kind,
            role: 0,
        };
    }
    let name = (rest - ROLE_MIN).clamp(most, longest);
    ActorColumns {
        name,
        kind,
        role: rest - name,
    }
}

/// The narrowest role column worth showing.
const ROLE_MIN: usize = 12;

/// Columns inside its border the timeline needs to show every column with
/// titles as wide as nearly all need.
pub fn timeline_full_width(d: &Derived) -> usize {
    let date = d.date_width + 2;
    let title = (d.title_width + 1).max(TITLE_MIN);
    let actors = match d.event_actors_width {
        0 => 0,
        w => (w + 1).min(ACTORS_MAX),
    };
    let category = match d.category_width {
        0 => 0,
        w => w + 2,
    };
    GLYPH + date + title + actors + category + SOURCES
}

/// Columns inside its border the actors pane needs to show every column:
/// whole names, kinds in full, counts and roles.
pub fn actors_full_width(d: &Derived) -> usize {
    let role = match d.role_width {
        0 => 0,
        w => w.max(ROLE_MIN),
    };
    MARK + d.kind_widths.0 + 1 + COUNT + d.actor_name_max + 1 + role
}
