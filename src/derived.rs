//! What the screen needs of a situation that does not change while it is
//! shown: formatted figures, the actor tree, short names, typical column
//! widths and the order quotes are shown in. Computed once per load.

use crate::figures::{Figure, Staleness, figure_with};
use crate::model::{ActorIx, ActorKind, FuzzyDate, QuoteIx, Situation};
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
    let widest_kind = |label: fn(ActorKind) -> &'static str| {
        s.actors
            .iter()
            .map(|a| label(a.kind).chars().count())
            .max()
            .unwrap_or(0)
    };
    let kind_widths = (widest_kind(ActorKind::as_str), widest_kind(short_kind));
    let role_max = s
        .actors
        .iter()
        .filter_map(|a| a.role.as_deref())
        .map(|r| text::width(&text::shown(r, 200)))
        .max()
        .unwrap_or(0)
        .min(200);
    let events = event_widths(s, &short_widths, WIDTHS_PART);
    // Most dates, not the longest: one "c. early Oct–Oct 2023" should not
    // widen every row (it is cut to the column instead).
    let date_width = events.dates.typical(90).clamp(6, 22);
    let date_max = events.single_date_max.clamp(date_width, 22);
    let title_width = events.titles.typical(90).min(90);
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
        title_max: events.title_max,
        event_actors_max: events.actors_max,
        category_width: events.category_max,
        sources_max: events.sources_max,
        title_width,
        quote_order,
        quote_rank,
        span,
    }
}

/// What the timeline's columns need, measured in one pass over the events
/// (a million of them take a while each time they are walked).
#[derive(Clone, Debug, PartialEq)]
struct EventWidths {
    /// How many events' date labels take each width.
    dates: Widths,
    /// How many events' titles, whole, take each width.
    titles: Widths,
    /// The widest title as a row shows it (capped at 200).
    title_max: usize,
    /// The widest joined actor names (capped at 80).
    actors_max: usize,
    /// The widest place, or category where there is none (capped at 16).
    category_max: usize,
    /// The widest date of an event without an end.
    single_date_max: usize,
    /// The most sources one event cites.
    sources_max: usize,
}

impl EventWidths {
    fn new() -> EventWidths {
        EventWidths {
            dates: Widths::default(),
            titles: Widths::default(),
            title_max: 0,
            actors_max: 0,
            category_max: 0,
            single_date_max: 0,
            sources_max: 0,
        }
    }

    fn add(
        &mut self,
        s: &Situation,
        short_widths: &[usize],
        e: &crate::model::Event,
        dates: &mut DateWidths,
    ) {
        let date = dates.of(e);
        self.dates.add(date);
        if e.end.is_none() {
            self.single_date_max = self.single_date_max.max(date);
        }
        self.sources_max = self.sources_max.max(e.sources.len());
        let (whole, shown) = title_widths(&e.title);
        self.titles.add(whole);
        self.title_max = self.title_max.max(shown);
        let names: usize = e.actors.iter().map(|&a| short_widths[a.get()]).sum();
        let actors = (names + 2 * e.actors.len().saturating_sub(1)).min(80);
        self.actors_max = self.actors_max.max(actors);
        // The last column names the event's place, else its category.
        let last = (e.place.map(|p| s.places[p].name.as_str())).or(e.category.as_deref());
        if let Some(last) = last {
            self.category_max = self.category_max.max(text::width(last).min(16));
        }
    }

    /// Both parts' events together.
    fn merge(mut self, other: EventWidths) -> EventWidths {
        self.dates.merge(&other.dates);
        self.titles.merge(&other.titles);
        self.title_max = self.title_max.max(other.title_max);
        self.actors_max = self.actors_max.max(other.actors_max);
        self.category_max = self.category_max.max(other.category_max);
        self.single_date_max = self.single_date_max.max(other.single_date_max);
        self.sources_max = self.sources_max.max(other.sources_max);
        self
    }
}

/// Columns events' date labels take, written one at a time into one
/// string. Events in timeline order often share their dates with the one
/// before, whose width then serves again.
#[derive(Default)]
struct DateWidths {
    label: String,
    last: Option<(FuzzyDate, Option<FuzzyDate>, usize)>,
}

impl DateWidths {
    fn of(&mut self, e: &crate::model::Event) -> usize {
        match self.last {
            Some((date, end, width)) if (date, end) == (e.date, e.end) => width,
            _ => {
                self.label.clear();
                // Writing to a string does not fail.
                let _ = e.write_date_label(&mut self.label);
                let width = text::width(&self.label);
                self.last = Some((e.date, e.end, width));
                width
            }
        }
    }
}

/// Columns the longest title row shows: the rest is never drawn.
const TITLE_SHOWN_MAX: usize = 200;

/// Columns a title takes whole, sanitized, and as a row shows it (at most
/// [`TITLE_SHOWN_MAX`]). Counted in one pass when its characters allow
/// (see [`text::counted_width`]): a title within the room is then shown
/// whole, and a longer one fills it.
fn title_widths(title: &str) -> (usize, usize) {
    match text::counted_width(title) {
        Some(whole) => (whole, whole.min(TITLE_SHOWN_MAX)),
        None => plain_title_widths(title),
    }
}

/// [`title_widths`] by sanitizing and cutting the title as the screen does.
fn plain_title_widths(title: &str) -> (usize, usize) {
    let whole = text::width(&crate::sanitize::clean_line(title));
    let shown = text::width(&text::shown(title, TITLE_SHOWN_MAX)).min(TITLE_SHOWN_MAX);
    (whole, shown)
}

/// How many of some widths there are of each, up to [`Widths::CAP`] (wider
/// ones are counted as that): enough for a percentile that is capped below
/// it, in a few kilobytes however many there are.
#[derive(Clone, Debug, PartialEq)]
struct Widths {
    counts: Box<[usize; Widths::CAP + 1]>,
    total: usize,
}

impl Default for Widths {
    fn default() -> Self {
        Widths {
            counts: Box::new([0; Widths::CAP + 1]),
            total: 0,
        }
    }
}

impl Widths {
    /// Above every cap a percentile of these is put under.
    const CAP: usize = 255;

    fn add(&mut self, width: usize) {
        self.counts[width.min(Widths::CAP)] += 1;
        self.total += 1;
    }

    fn merge(&mut self, other: &Widths) {
        for (count, more) in self.counts.iter_mut().zip(other.counts.iter()) {
            *count += more;
        }
        self.total += other.total;
    }

    /// The `percent` percentile, as [`typical`] finds it among them all
    /// (0 for none; [`Widths::CAP`] for any wider).
    fn typical(&self, percent: usize) -> usize {
        if self.total == 0 {
            return 0;
        }
        let at = (self.total * percent / 100).min(self.total - 1);
        let mut below = 0;
        for (width, &count) in self.counts.iter().enumerate() {
            below += count;
            if below > at {
                return width;
            }
        }
        Widths::CAP
    }
}

/// Events measured by one thread at a time: a few milliseconds of work.
const WIDTHS_PART: usize = 1 << 15;

/// [`EventWidths`] of every event, on every core the machine has (at most
/// four) for a large file: each takes the next part of the events until
/// none is left.
fn event_widths(s: &Situation, short_widths: &[usize], part: usize) -> EventWidths {
    let parts: Vec<&[crate::model::Event]> = s.events.chunks(part.max(1)).collect();
    let next = std::sync::atomic::AtomicUsize::new(0);
    let work = || {
        let mut widths = EventWidths::new();
        let mut dates = DateWidths::default();
        loop {
            let at = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let Some(part) = parts.get(at) else {
                return widths;
            };
            for e in *part {
                widths.add(s, short_widths, e, &mut dates);
            }
        }
    };
    let helpers = crate::cores::at_most_four()
        .min(parts.len())
        .saturating_sub(1);
    std::thread::scope(|scope| {
        let started: Vec<_> = (0..helpers)
            .filter_map(|_| std::thread::Builder::new().spawn_scoped(scope, work).ok())
            .collect();
        // This thread works too; the helpers' parts (if any could start)
        // join it after.
        started.into_iter().fold(work(), |widths, helper| {
            let theirs = helper
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            widths.merge(theirs)
        })
    })
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
    fn counted_widths_give_the_percentile_the_widths_give() {
        let lists: [Vec<usize>; 4] = [
            vec![],
            vec![7],
            vec![3, 3, 9, 1, 40, 12, 12, 5, 0, 2, 8],
            (0..1000).map(|i| (i * 7919) % 301).collect(),
        ];
        for widths in lists {
            let mut counted = Widths::default();
            for &w in &widths {
                counted.add(w);
            }
            for percent in [0, 50, 80, 90, 100] {
                let expected = typical(widths.clone(), percent).min(Widths::CAP);
                assert_eq!(counted.typical(percent), expected, "{widths:?} {percent}");
            }
        }
    }

    #[test]
    fn event_widths_measured_in_parts_on_several_threads_are_those_of_one_pass() {
        let s = crate::load::load_str(crate::BUILTIN_TEXT)
            .situation
            .expect("the built-in situation loads");
        assert!(s.events.len() > 20);
        let short: Vec<usize> = derive(&s, Staleness::default())
            .short_names
            .iter()
            .map(|n| text::width(n))
            .collect();
        let whole = event_widths(&s, &short, usize::MAX);
        assert_eq!(whole.dates.total, s.events.len());
        assert!(whole.title_max > 0 && whole.category_max > 0 && whole.actors_max > 0);
        for part in [1, 3, 7] {
            assert_eq!(event_widths(&s, &short, part), whole, "{part}");
        }
    }

    #[test]
    fn titles_counted_fast_measure_what_sanitizing_and_cutting_them_gives() {
        let long = |unit: &str, n: usize| unit.repeat(n);
        let titles = [
            String::new(),
            "Police retake the port".to_string(),
            "Gédéon Dorsainvil evacuates hospitals in Pétion-Ville".to_string(),
            "新华社 reports 北京 talks with 김민준".to_string(),
            "a\tb\nc\r".to_string(),
            "\u{1b}[31mred\u{7}".to_string(),
            "\u{202e}reversed\u{202c} \u{85}".to_string(),
            "cafe\u{301} e\u{308}".to_string(),
            "👍🏽 ❤\u{fe0f} 👨\u{200d}👩\u{200d}👧".to_string(),
            "ｆｕｌｌ width ｶﾅ".to_string(),
            long("x", 199),
            long("x", 200),
            long("x", 201),
            long("é", 250),
            long("北", 99) + "ab",
            long("北", 100) + "a",
            long("北", 101),
            long("a", 150) + &long("北", 30),
            long("a", 201) + "\u{7}",
            long("a", 199) + "👍🏽",
            long("e\u{301}", 300),
            long("\u{1b}", 300),
            long("ab\t", 100),
        ];
        for title in &titles {
            assert_eq!(title_widths(title), plain_title_widths(title), "{title:?}");
        }
    }

    #[test]
    fn a_date_label_written_in_place_is_the_label_and_measured_as_it() {
        let s = crate::load::load_str(crate::BUILTIN_TEXT)
            .situation
            .expect("the built-in situation loads");
        let mut label = String::from("left over");
        let mut dates = DateWidths::default();
        for e in &s.events {
            label.clear();
            e.write_date_label(&mut label).expect("written");
            assert_eq!(label, e.date_label());
            // Measured afresh, then again as the event before's.
            for _ in 0..2 {
                assert_eq!(dates.of(e), text::width(&e.date_label()), "{label}");
            }
        }
    }

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
