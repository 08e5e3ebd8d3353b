//! What the screen needs of a situation that does not change while it is
//! shown: formatted figures, the actor tree, short names, typical column
//! widths and the order quotes are shown in. Computed once per load.

use crate::figures::{Figure, Staleness, figure_with};
use crate::model::{ActorIx, ActorKind, QuoteIx, Situation};
use crate::query::Selection;
use crate::text;
use crate::tree_ranges::TreeRanges;

/// Things about the situation the screen needs on every frame, computed once.
#[derive(Clone, Debug, Default)]
pub struct Derived {
    /// Every metric formatted, in file order.
    pub figures: Vec<Figure>,
    /// Actors as a tree: each actor followed by its members, in file order.
    pub actor_order: Vec<ActorIx>,
    /// For each actor, its position in `actor_order`.
    pub actor_rank: Vec<usize>,
    /// For each actor: the tree guide drawn before its name ("│ └ ").
    pub actor_guides: ActorGuides,
    /// Columns the longest actor name takes with its tree guide (capped):
    /// roles get room only once every name is whole.
    pub actor_name_max: usize,
    /// Columns most actor names take with their tree guide (the 80th
    /// percentile: one very long name should not squeeze every other column).
    pub actor_name_width: usize,
    /// For each actor: its shortest name or alias, for timeline rows.
    pub short_names: Vec<String>,
    /// Each metric's label as a card shows it: one line, sanitized, cut to
    /// what two rows of the widest card can hold.
    pub labels: Vec<String>,
    /// The widest title and joined actor names of the timeline (capped),
    /// for what a very wide screen can show whole.
    pub title_max: usize,
    pub event_actors_max: usize,
    /// Columns the widest kind of actor takes, in full and abbreviated.
    pub kind_widths: (usize, usize),
    /// Columns the longest role takes (capped).
    pub role_max: usize,
    /// Columns most of the timeline's dates take (90th percentile, capped).
    pub date_width: usize,
    /// Columns the widest single date of the timeline takes ("c. late Sep
    /// 2024"; spans, the usual outliers, left out), at least `date_width`
    /// and capped as it: the date column grows to it where there is room.
    pub date_max: usize,
    /// Columns the timeline's category column needs (capped).
    pub category_width: usize,
    /// The most sources one event cites: the timeline's "[n]" column is
    /// as wide as its count needs.
    pub sources_max: usize,
    /// Quotes (indices into `situation.quotes`) in the order the dashboard
    /// shows them: by their own date, undated last; file order among
    /// equals.
    pub quote_order: Vec<QuoteIx>,
    /// For each quote, its position in `quote_order`.
    pub quote_rank: Vec<usize>,
    /// Columns most event titles take (90th percentile, capped: a few long
    /// titles should not push every actor name out).
    pub title_width: usize,
    /// The first and last day any event may cover, `as_of` included: what
    /// the time strip spans without a date window.
    pub span: (chrono::NaiveDate, chrono::NaiveDate),
}

/// The selection with its quotes in the dashboard's order.
pub fn in_quote_order(mut selection: Selection, derived: &Derived) -> Selection {
    selection
        .quotes
        .sort_by_key(|&q| derived.quote_rank[q.get()]);
    selection
}

/// Quotes by their own date, undated last; the sort is stable, so equal
/// dates keep file order.
fn quote_order(s: &Situation) -> (Vec<QuoteIx>, Vec<usize>) {
    let order = crate::query::quotes_by_date(s);
    let mut rank = vec![0; order.len()];
    for (position, &q) in order.iter().enumerate() {
        rank[q.get()] = position;
    }
    (order, rank)
}

/// Columns an actor's short name takes at most in timeline rows.
const SHORT_NAME_MAX: usize = 40;
/// Bytes of a key figure's unit or event title kept for its card (which
/// shows two rows of it at most).
const FIGURE_TEXT_MAX: usize = 200;

pub fn derive(s: &Situation, staleness: Staleness) -> Derived {
    let (actor_order, actor_guides) = actor_tree(s);
    let mut actor_rank = vec![0; actor_order.len()];
    for (position, &a) in actor_order.iter().enumerate() {
        actor_rank[a.get()] = position;
    }
    let short_names: Vec<String> = s
        .actors
        .iter()
        .map(|a| {
            std::iter::once(&a.name)
                .chain(a.aliases.iter().filter(|alias| alias.chars().count() >= 2))
                .min_by_key(|name| text::width(name))
                // Rows show a few names; a very long one is cut once here.
                .map(|name| text::fit(&text::shown(name, SHORT_NAME_MAX), SHORT_NAME_MAX))
                .unwrap_or_default()
        })
        .collect();
    let name_widths: Vec<usize> = (s.actor_ixs())
        .map(|a| actor_guides.width(a) + text::width(&s.actors[a].name))
        .collect();
    let actor_name_max = name_widths.iter().copied().max().unwrap_or(0).min(40);
    let actor_name_width = typical(name_widths, 80).min(40);
    let short_widths: Vec<usize> = short_names.iter().map(|n| text::width(n)).collect();
    // Most dates, not the longest: one "c. early Oct–Oct 2023" should not
    // widen every row (it is cut to the column instead).
    let date_widths: Vec<usize> = s
        .events
        .iter()
        .map(|e| text::width(&e.date_label()))
        .collect();
    let date_max = (s.events.iter().zip(&date_widths))
        .filter(|(e, _)| e.end.is_none())
        .map(|(_, &w)| w)
        .max()
        .unwrap_or(0);
    let date_width = typical(date_widths, 90).clamp(6, 22);
    let date_max = date_max.clamp(date_width, 22);
    let widest_kind = |label: fn(ActorKind) -> &'static str| {
        s.actors
            .iter()
            .map(|a| label(a.kind).chars().count())
            .max()
            .unwrap_or(0)
    };
    let title_max = s
        .events
        .iter()
        .map(|e| text::width(&text::shown(&e.title, 200)))
        .max()
        .unwrap_or(0)
        .min(200);
    let event_actors_max = s
        .events
        .iter()
        .map(|e| {
            let names: usize = e.actors.iter().map(|&a| short_widths[a.get()]).sum();
            names + 2 * e.actors.len().saturating_sub(1)
        })
        .max()
        .unwrap_or(0)
        .min(80);
    let kind_widths = (widest_kind(ActorKind::as_str), widest_kind(short_kind));
    let role_max = s
        .actors
        .iter()
        .filter_map(|a| a.role.as_deref())
        .map(|r| text::width(&text::shown(r, 200)))
        .max()
        .unwrap_or(0)
        .min(200);
    // The last column names the event's place, else its category.
    let category_width = s
        .events
        .iter()
        .filter_map(|e| {
            e.place
                .map(|p| s.places[p].name.as_str())
                .or(e.category.as_deref())
        })
        .map(text::width)
        .max()
        .unwrap_or(0)
        .min(16);
    let sources_max = s.events.iter().map(|e| e.sources.len()).max().unwrap_or(0);
    let title_width = typical(
        s.events
            .iter()
            .map(|e| text::width(&crate::sanitize::clean_line(&e.title)))
            .collect(),
        90,
    )
    .min(90);
    let (quote_order, quote_rank) = quote_order(s);
    let span = s.events.iter().fold((s.as_of, s.as_of), |(lo, hi), e| {
        (lo.min(e.first_day()), hi.max(e.last_day()))
    });
    let mut figures: Vec<Figure> = s
        .metrics
        .iter()
        .map(|m| figure_with(s, m, staleness))
        .collect();
    // Cards show a few words of these; cut very long ones once, here, rather
    // than on every frame.
    for f in &mut figures {
        for text in [&mut f.event_title, &mut f.unit].into_iter().flatten() {
            if text.len() > FIGURE_TEXT_MAX {
                *text = text::fit(text, FIGURE_TEXT_MAX);
            }
        }
    }
    // Sanitized once, and cut: cards show two rows of a label at most.
    let labels = s
        .metrics
        .iter()
        .map(|m| text::fit(&text::shown(&m.label, FIGURE_TEXT_MAX), FIGURE_TEXT_MAX))
        .collect();
    Derived {
        figures,
        labels,
        actor_order,
        actor_rank,
        actor_guides,
        actor_name_width,
        actor_name_max,
        short_names,
        date_width,
        date_max,
        kind_widths,
        role_max,
        title_max,
        event_actors_max,
        category_width,
        sources_max,
        title_width,
        quote_order,
        quote_rank,
        span,
    }
}

/// The `percent` percentile of some widths (0 for none).
fn typical(mut widths: Vec<usize>, percent: usize) -> usize {
    if widths.is_empty() {
        return 0;
    }
    let at = (widths.len() * percent / 100).min(widths.len() - 1);
    *widths.select_nth_unstable(at).1
}

/// Actors in tree order (each followed by its members, in file order) and
/// the guides drawn before their names. Linear in the actors, however deep
/// the chains.
fn actor_tree(s: &Situation) -> (Vec<ActorIx>, ActorGuides) {
    // The tree works on positions: an actor's is its index.
    let parents: Vec<Option<usize>> = (s.actors.iter())
        .map(|a| a.part_of.map(ActorIx::get))
        .collect();
    let tree = TreeRanges::new(&parents);
    let order = tree.in_order();
    let mut lasts = vec![0u16; order.len()];
    let mut depth = vec![0u32; order.len()];
    // Depth-first order puts each actor after what it is part of.
    for &a in &order {
        let parent = parents[a].filter(|&p| tree.within(a, p) && p != a);
        let last = u16::from(tree.is_last_member(a, parent));
        lasts[a] = parent.map_or(0, |p| lasts[p] << 1) | last;
        depth[a] = tree.depth(a) as u32;
    }
    let order = order.into_iter().map(ActorIx::new).collect();
    (order, ActorGuides { lasts, depth })
}

/// Levels of a tree guide drawn at most: deeper chains show their last
/// levels after "… ", so a name keeps its room however deep it sits.
pub const GUIDE_LEVELS: usize = 8;

/// The tree guide of each actor, drawn on demand from two small numbers
/// per actor rather than stored: a chain n deep would otherwise hold n
/// guides of up to n levels each.
#[derive(Clone, Debug, Default)]
pub struct ActorGuides {
    /// Bit k: whether the actor's k-th ancestor (0: the actor itself) is
    /// the last member of what it is part of; the last 16 levels.
    lasts: Vec<u16>,
    /// `part_of` steps up to a top-level actor.
    depth: Vec<u32>,
}

impl ActorGuides {
    /// "├ ", "│ └ ", "  ├ ": one level per step below a top-level actor,
    /// "│ " where the ancestor at that level has members after it, the
    /// actor's own "├ " or "└ " last; "… " stands for levels above the
    /// last [`GUIDE_LEVELS`].
    pub fn guide(&self, actor: ActorIx) -> String {
        let (Some(&lasts), Some(&depth)) =
            (self.lasts.get(actor.get()), self.depth.get(actor.get()))
        else {
            return String::new();
        };
        let depth = depth as usize;
        let shown = depth.min(GUIDE_LEVELS);
        let mut guide = String::with_capacity(shown * 4);
        if depth > GUIDE_LEVELS {
            guide.push_str("… ");
        }
        let above = if depth > GUIDE_LEVELS {
            shown - 1
        } else {
            shown
        };
        for k in (1..above).rev() {
            guide.push_str(if lasts >> k & 1 == 1 { "  " } else { "│ " });
        }
        if depth > 0 {
            guide.push_str(if lasts & 1 == 1 { "└ " } else { "├ " });
        }
        guide
    }

    /// Columns the guide takes: two per level shown.
    pub fn width(&self, actor: ActorIx) -> usize {
        2 * self
            .depth
            .get(actor.get())
            .map_or(0, |&d| (d as usize).min(GUIDE_LEVELS))
    }
}

/// The kind in six columns or fewer: one table for every narrow place.
pub fn short_kind(kind: ActorKind) -> &'static str {
    match kind {
        ActorKind::Organization => "org.",
        ActorKind::Government => "gov.",
        ActorKind::ArmedGroup => "armed",
        ActorKind::Population => "pop.",
        other => other.as_str(),
    }
}

/// An actor's kind as the file spells it when `columns` hold it, else its
/// abbreviation ("gov.", "armed"), the same everywhere.
pub fn kind_label(kind: ActorKind, columns: usize) -> &'static str {
    if kind.as_str().chars().count() <= columns {
        kind.as_str()
    } else {
        short_kind(kind)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_are_whole_when_they_fit_else_one_abbreviation_each() {
        assert_eq!(kind_label(ActorKind::ArmedGroup, 11), "armed-group");
        assert_eq!(kind_label(ActorKind::ArmedGroup, 10), "armed");
        assert_eq!(kind_label(ActorKind::Government, 6), "gov.");
        assert_eq!(kind_label(ActorKind::Person, 6), "person");
        for kind in ActorKind::ALL {
            assert!(short_kind(kind).chars().count() <= 6, "{kind:?}");
            assert_eq!(kind_label(kind, 12), kind.as_str());
        }
    }

    fn with_parents(parents: &[Option<usize>]) -> Situation {
        Situation {
            actors: parents
                .iter()
                .enumerate()
                .map(|(i, &part_of)| crate::model::Actor {
                    id: format!("a{i}").into(),
                    name: format!("A{i}").into(),
                    kind: ActorKind::Other,
                    role: None,
                    part_of: part_of.map(ActorIx::new),
                    aliases: Box::default(),
                    tags: Box::default(),
                })
                .collect(),
            ..Situation::default()
        }
    }

    #[test]
    fn guides_draw_the_tree_with_a_bar_where_more_members_follow() {
        // 0
        // ├ 1
        // │ └ 3
        // │   └ 5
        // └ 2
        //   ├ 4
        //   └ 6
        // 7
        let s = with_parents(&[
            None,
            Some(0),
            Some(0),
            Some(1),
            Some(2),
            Some(3),
            Some(2),
            None,
        ]);
        let (order, guides) = actor_tree(&s);
        let positions: Vec<usize> = order.iter().map(|a| a.get()).collect();
        assert_eq!(positions, [0, 1, 3, 5, 2, 4, 6, 7]);
        let drawn: Vec<String> = order.iter().map(|&a| guides.guide(a)).collect();
        assert_eq!(
            drawn,
            ["", "├ ", "│ └ ", "│   └ ", "└ ", "  ├ ", "  └ ", ""]
        );
        for &a in &order {
            assert_eq!(guides.width(a), text::width(&guides.guide(a)));
        }
    }

    #[test]
    fn a_chain_a_million_deep_gets_short_guides_in_linear_time() {
        let n: usize = 1_000_000;
        let parents: Vec<Option<usize>> = (0..n).map(|i| i.checked_sub(1)).collect();
        let (order, guides) = actor_tree(&with_parents(&parents));
        assert_eq!(order.len(), n);
        assert_eq!(order[n - 1], ActorIx::new(n - 1));
        let last = guides.guide(ActorIx::new(n - 1));
        assert_eq!(last, format!("… {}└ ", "  ".repeat(GUIDE_LEVELS - 2)));
        assert_eq!(text::width(&last), 2 * GUIDE_LEVELS);
        assert_eq!(
            guides.guide(ActorIx::new(GUIDE_LEVELS)),
            format!("{}└ ", "  ".repeat(GUIDE_LEVELS - 1))
        );
        assert!(!guides.guide(ActorIx::new(GUIDE_LEVELS + 1)).contains('│'));
    }
}
