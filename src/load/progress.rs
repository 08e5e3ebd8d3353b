//! How far a load has got, for a loading screen or a progress line to show
//! while another thread does the work. Counters only: updating them costs
//! the loader next to nothing, and whoever shows them reads a snapshot.

use std::sync::atomic::{AtomicU8, AtomicUsize, Ordering};

/// What a load is doing now, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Step {
    Reading,
    Parsing,
    /// References, cycles, timeline order: after every item is read.
    Checking,
    /// Membership and search indexes, for the dashboard.
    Indexing,
    Done,
}

impl Step {
    const ALL: [Step; 5] = [
        Step::Reading,
        Step::Parsing,
        Step::Checking,
        Step::Indexing,
        Step::Done,
    ];

    /// "reading the file", for a line that says what is under way.
    pub fn describe(self) -> &'static str {
        match self {
            Step::Reading => "reading the file",
            Step::Parsing => "parsing",
            Step::Checking => "checking references",
            Step::Indexing => "building indexes",
            Step::Done => "done",
        }
    }
}

/// Shared between the thread loading and the one showing progress.
#[derive(Debug, Default)]
pub struct Progress {
    step: AtomicU8,
    /// Bytes of the file read so far (while reading it).
    read: AtomicUsize,
    /// Bytes of the text parsed so far, and in all.
    parsed: AtomicUsize,
    total: AtomicUsize,
    /// Items (sources, actors, events, ...) read into the model so far.
    items: AtomicUsize,
}

/// One reading of [`Progress`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Snapshot {
    pub step: Step,
    pub read: usize,
    pub parsed: usize,
    pub total: usize,
    pub items: usize,
}

impl Snapshot {
    /// How much of the text is parsed, 0.0 to 1.0 (1.0 once past parsing).
    pub fn ratio(&self) -> f64 {
        match self.step {
            Step::Reading if self.total > 0 => {
                (self.read as f64 / self.total as f64).clamp(0.0, 1.0)
            }
            Step::Reading => 0.0,
            Step::Parsing if self.total > 0 => {
                (self.parsed as f64 / self.total as f64).clamp(0.0, 1.0)
            }
            _ => 1.0,
        }
    }

    /// "parsing: 205 of 459 MB, 400,000 items".
    pub fn line(&self) -> String {
        let mb = |bytes: usize| (bytes as f64 / 1e6).round() as usize;
        match self.step {
            Step::Parsing => format!(
                "parsing: {} of {} MB, {} items",
                mb(self.parsed),
                mb(self.total),
                grouped(self.items)
            ),
            Step::Reading => format!(
                "reading the file: {} of {} MB",
                mb(self.read),
                mb(self.total)
            ),
            step => format!("{}: {} items", step.describe(), grouped(self.items)),
        }
    }
}

/// 1234567 as "1,234,567".
fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

impl Progress {
    pub fn new() -> Progress {
        Progress::default()
    }

    pub fn snapshot(&self) -> Snapshot {
        let step = Step::ALL
            .get(usize::from(self.step.load(Ordering::Relaxed)))
            .copied()
            .unwrap_or(Step::Done);
        Snapshot {
            step,
            read: self.read.load(Ordering::Relaxed),
            parsed: self.parsed.load(Ordering::Relaxed),
            total: self.total.load(Ordering::Relaxed),
            items: self.items.load(Ordering::Relaxed),
        }
    }

    pub fn set_step(&self, step: Step) {
        self.step.store(step as u8, Ordering::Relaxed);
    }

    pub fn set_total(&self, bytes: usize) {
        self.total.store(bytes, Ordering::Relaxed);
    }

    /// While reading: how many bytes are read (of [`Progress::set_total`]).
    pub fn read_up_to(&self, bytes: usize) {
        self.read.store(bytes, Ordering::Relaxed);
    }

    /// `bytes` more parsed and `items` more read, by one of several threads.
    pub(super) fn add_parsed(&self, bytes: usize, items: usize) {
        self.parsed.fetch_add(bytes, Ordering::Relaxed);
        self.items.fetch_add(items, Ordering::Relaxed);
    }

    /// Back to nothing parsed, for a second reading of the same text.
    pub(super) fn reset_parsed(&self) {
        self.parsed_up_to(0, 0);
    }

    pub(super) fn parsed_up_to(&self, bytes: usize, items: usize) {
        self.parsed.store(bytes, Ordering::Relaxed);
        self.items.store(items, Ordering::Relaxed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_snapshot_says_what_is_under_way() {
        let progress = Progress::new();
        progress.set_total(459_000_000);
        assert_eq!(progress.snapshot().line(), "reading the file: 0 of 459 MB");
        progress.read_up_to(300_000_000);
        assert_eq!(
            progress.snapshot().line(),
            "reading the file: 300 of 459 MB"
        );
        assert!((progress.snapshot().ratio() - 300.0 / 459.0).abs() < 1e-9);
        progress.set_step(Step::Parsing);
        progress.parsed_up_to(205_400_000, 1_234_567);
        let now = progress.snapshot();
        assert_eq!(now.line(), "parsing: 205 of 459 MB, 1,234,567 items");
        assert!((now.ratio() - 205.4 / 459.0).abs() < 1e-9);
        progress.set_step(Step::Checking);
        assert_eq!(
            progress.snapshot().line(),
            "checking references: 1,234,567 items"
        );
        assert_eq!(progress.snapshot().ratio(), 1.0);
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(1000), "1,000");
    }
}
