//! The dashboard's side of the seen-state record: what the last look saw,
//! the marks of the version on screen against it, and the record to write
//! when the reader quits. The reading and writing are the terminal loop's
//! and main's (see [`crate::seen`]); this is state only.

use std::path::PathBuf;
use std::sync::Arc;

use chrono::{DateTime, Utc};

use crate::digest::Digests;
use crate::marks::Marks;
use crate::model::Situation;
use crate::seen::Record;

/// How a dashboard on a file starts remembering (none for the built-in
/// situation, nor with `--no-state`).
#[derive(Clone, Debug)]
pub struct SeenSetup {
    /// Where the record is written.
    pub record: PathBuf,
    /// The data file's canonical path.
    pub file: PathBuf,
    /// What the last look saw; `None` on a first look.
    pub earlier: Option<Arc<Record>>,
    /// Why the record could not be read, told once in the footer.
    pub problem: Option<String>,
    /// The time of opening (or of the reload), for the header's wording.
    pub now: DateTime<Utc>,
}

/// The marks of a situation just opened, still to be worked out: the
/// terminal loop runs this on a thread of its own once the first frame is
/// drawn, and hands the result back through [`crate::app::App::marked`].
#[derive(Clone, Debug)]
pub struct Marking {
    situation: Arc<Situation>,
    earlier: Arc<Record>,
}

/// What a [`Marking`] found, for the situation it was made for: the marks,
/// or why there are none (a bug the comparison ran into).
#[derive(Debug)]
pub struct Marked {
    pub(super) situation: Arc<Situation>,
    pub(super) marks: Result<Marks, String>,
}

/// The name of the thread the terminal loop works the marks out on. The
/// panic hook leaves the terminal alone for a panic there: it is caught,
/// and told in the footer.
pub const MARKING_THREAD: &str = "sitrep-marking";

impl Marking {
    pub(super) fn new(situation: &Arc<Situation>, earlier: Arc<Record>) -> Marking {
        Marking {
            situation: Arc::clone(situation),
            earlier,
        }
    }

    /// Digests of the situation made as the record made its own, compared
    /// with it. The first frame is drawn by then: two threads make the
    /// digests of a large file.
    pub fn run(self) -> Marked {
        let (s, earlier) = (&self.situation, &self.earlier);
        let marks = std::panic::catch_unwind(|| {
            Marks::between(earlier, s, &Digests::of_scheme(s, earlier.scheme))
        })
        .map_err(|panic| {
            (panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_default()
        });
        Marked {
            situation: self.situation,
            marks,
        }
    }
}

#[derive(Clone, Debug)]
pub struct Seen {
    record: PathBuf,
    file: PathBuf,
    /// What the marks compare against: the last look, or on a first look
    /// nothing yet (see [`Seen::opened`]).
    baseline: Option<Arc<Record>>,
    /// On a first look, the version opened: the baseline of reloads, made a
    /// record only when a reload needs one, so that opening costs nothing.
    opened: Option<Arc<Situation>>,
    /// When the version opened was seen, for the days items were first seen.
    now: DateTime<Utc>,
    /// "5 new, 2 changed since 28 Nov", when anything is.
    pub header: Option<String>,
    /// " since 28 Nov": when the marks count from.
    pub since: String,
}

impl Seen {
    /// The state, given the marks of the situation opened (see
    /// [`Seen::marking`]).
    pub fn new(setup: &SeenSetup, marks: &Marks) -> Seen {
        let seen_at = setup.earlier.as_ref().map_or(setup.now, |e| e.seen);
        Seen {
            record: setup.record.clone(),
            file: setup.file.clone(),
            header: marks.summary(setup.now),
            since: format!(" since {}", crate::seen::when(seen_at, setup.now)),
            baseline: setup.earlier.clone(),
            opened: None,
            now: setup.now,
        }
    }

    /// How to work out the marks of a situation against what was seen,
    /// on whichever thread has a core to spare, beside the rest of the
    /// state's work (a reload). `None` on a first look, which marks nothing
    /// and computes nothing: call [`Seen::opened`] with the situation shown.
    pub fn marking(
        setup: &SeenSetup,
    ) -> Option<impl FnOnce(&Situation) -> Marks + Send + 'static + use<>> {
        let earlier = setup.earlier.clone()?;
        // Digests made as the record made its own, in whatever version of
        // sitrep wrote it; on one thread, as this runs beside other work.
        Some(move |s: &Situation| {
            Marks::between(&earlier, s, &Digests::on_this_thread(s, earlier.scheme))
        })
    }

    /// The marks have come (see [`Marking`]): the header counts them.
    pub fn marked(&mut self, marks: &Marks) {
        self.header = marks.summary(self.now);
    }

    /// On a first look, the situation opened (shared with the data).
    pub fn opened(&mut self, s: &Arc<Situation>) {
        if self.baseline.is_none() {
            self.opened = Some(Arc::clone(s));
        }
    }

    /// What reloads compare against: the last look's record, else the
    /// version opened, as a record.
    fn baseline(&self) -> Option<Arc<Record>> {
        if let Some(record) = &self.baseline {
            return Some(Arc::clone(record));
        }
        let s = self.opened.as_ref()?;
        let file = self.file.to_string_lossy();
        Some(Arc::new(Record::of(
            s,
            &Digests::of(s),
            &file,
            self.now,
            None,
        )))
    }

    /// The setup a reload starts from: the same baseline, so each reload's
    /// additions and changes are marked until the reader quits.
    pub fn for_reload(&self) -> SeenSetup {
        SeenSetup {
            record: self.record.clone(),
            file: self.file.clone(),
            earlier: self.baseline(),
            problem: None,
            now: Utc::now(),
        }
    }

    /// The record of the version on screen, seen `now`: where to write
    /// it, the data file it is about, and the record.
    /// `None` when there is nowhere to write it (no state directory).
    pub fn record(&self, s: &Situation, now: DateTime<Utc>) -> Option<(PathBuf, PathBuf, Record)> {
        if self.record.as_os_str().is_empty() {
            return None;
        }
        let file = self.file.to_string_lossy();
        // Items unchanged since the last look keep the day they were first
        // seen; on a first look everything is seen now.
        let record = Record::of(s, &Digests::of(s), &file, now, self.baseline.as_deref());
        Some((self.record.clone(), self.file.clone(), record))
    }
}
