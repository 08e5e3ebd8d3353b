//! Typed indices into the situation's lists, so that an event's index can
//! never be passed where a quote's is expected. Each holds a `u32`: at a
//! million events the selection, ranks and references take half the room
//! of `usize`, and the loader refuses a table of more than [`MAX_ITEMS`]
//! items with a located error, so every index fits.

/// Most items one table of a situation may hold: what a `u32` index reaches.
pub const MAX_ITEMS: usize = u32::MAX as usize;

/// What every typed index does, for code written once for all lists (the
/// loader settles references to sources, actors, events and places alike).
pub trait ListIndex: Copy {
    /// The index of the item at `position` (see each type's `new`).
    fn at(position: usize) -> Self;
    /// The position in its list.
    fn position(self) -> usize;
}

/// A plain position, for lists with no index type of their own (the values
/// of a facet, the kinds of actor).
impl ListIndex for usize {
    fn at(position: usize) -> Self {
        position
    }
    fn position(self) -> usize {
        self
    }
}

macro_rules! index_type {
    ($(#[$doc:meta])* $name:ident into $item:ty) => {
        $(#[$doc])*
        ///
        /// It holds its position plus one, so that `Option` of it takes no
        /// more room than the index itself.
        #[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(std::num::NonZeroU32);

        impl $name {
            /// The index of the item at `position` in its list.
            ///
            /// # Panics
            /// Past [`MAX_ITEMS`], which a loaded situation never reaches
            /// (the loader rejects longer tables).
            pub fn new(position: usize) -> Self {
                let ix = u32::try_from(position)
                    .ok()
                    .and_then(|p| p.checked_add(1))
                    .and_then(std::num::NonZeroU32::new);
                match ix {
                    Some(ix) => $name(ix),
                    None => panic!(
                        "{} {position} is past the {MAX_ITEMS} items a list may hold",
                        stringify!($name)
                    ),
                }
            }

            /// The position in its list.
            pub fn get(self) -> usize {
                (self.0.get() - 1) as usize
            }

            /// Every index of a list of `len` items, in order.
            pub fn all(len: usize) -> impl DoubleEndedIterator<Item = $name> + ExactSizeIterator {
                (0..len).map($name::new)
            }
        }

        impl std::fmt::Debug for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, "{}({})", stringify!($name), self.get())
            }
        }

        impl ListIndex for $name {
            fn at(position: usize) -> Self {
                $name::new(position)
            }
            fn position(self) -> usize {
                self.get()
            }
        }

        /// `situation.list[ix]` takes only this list's index.
        impl std::ops::Index<$name> for [$item] {
            type Output = $item;
            fn index(&self, ix: $name) -> &$item {
                &self[ix.get()]
            }
        }

        impl std::ops::IndexMut<$name> for [$item] {
            fn index_mut(&mut self, ix: $name) -> &mut $item {
                &mut self[ix.get()]
            }
        }

        impl std::ops::Index<$name> for Vec<$item> {
            type Output = $item;
            fn index(&self, ix: $name) -> &$item {
                &self[ix.get()]
            }
        }

        impl std::ops::IndexMut<$name> for Vec<$item> {
            fn index_mut(&mut self, ix: $name) -> &mut $item {
                &mut self[ix.get()]
            }
        }
    };
}

index_type!(
    /// Index into [`Situation::actors`](super::Situation::actors), which is
    /// in file order.
    ActorIx into super::Actor
);

index_type!(
    /// Index into [`Situation::events`](super::Situation::events), which is
    /// in timeline order.
    EventIx into super::Event
);

index_type!(
    /// Index into [`Situation::quotes`](super::Situation::quotes).
    QuoteIx into super::Quote
);

index_type!(
    /// Index into [`Situation::metrics`](super::Situation::metrics), which
    /// is in file order, as are the key figures made from it.
    MetricIx into super::Metric
);

index_type!(
    /// Index into [`Situation::sources`](super::Situation::sources), which
    /// is in file order.
    SourceIx into super::Source
);

index_type!(
    /// Index into [`Situation::places`](super::Situation::places), which is
    /// in file order.
    PlaceIx into super::Place
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_index_is_its_position_and_half_a_pointer() {
        assert_eq!(QuoteIx::new(7).get(), 7);
        assert_eq!(
            QuoteIx::all(3).map(QuoteIx::get).collect::<Vec<_>>(),
            [0, 1, 2]
        );
        assert_eq!(std::mem::size_of::<QuoteIx>(), 4);
        // A quote's `event`, an actor's `part_of`: no larger for being optional.
        assert_eq!(std::mem::size_of::<Option<QuoteIx>>(), 4);
        assert_eq!(format!("{:?}", EventIx::new(0)), "EventIx(0)");
    }

    #[test]
    #[should_panic(expected = "past the")]
    fn an_index_past_the_limit_is_refused() {
        QuoteIx::new(MAX_ITEMS);
    }

    #[test]
    fn the_last_position_a_table_may_hold_has_an_index() {
        let last = MAX_ITEMS - 1;
        assert_eq!(QuoteIx::new(last).get(), last);
        assert!(QuoteIx::new(0) < QuoteIx::new(last));
    }
}
