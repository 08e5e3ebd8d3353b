//! How many threads a large piece of work is shared out over.

/// The cores the machine has, at most four (one where it cannot tell): the
/// loader's readers and the timeline's column measure each start this
/// many threads for a large file.
pub fn at_most_four() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get().min(4))
}
