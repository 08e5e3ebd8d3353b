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
    /// A record is there, not read yet: it is read with the marks, after
    /// the first frame (see [`SeenSetup::read_now`]); until then `earlier`
    /// and `problem` say nothing.
    pub unread: bool,
}

impl SeenSetup {
    /// Reads the record, when it is still unread.
    pub fn read_now(&mut self) {
        if std::mem::take(&mut self.unread) {
            match crate::seen::read(&self.record, &self.file.to_string_lossy()) {
                Ok(earlier) => self.earlier = earlier.map(Arc::new),
                Err(why) => self.problem = Some(why),
            }
        }
    }

    /// There is an earlier look to mark against, or there may be.
    pub(super) fn to_mark(&self) -> bool {
        self.unread || self.earlier.is_some()
    }
}

/// The marks of a situation just opened, still to be worked out: the
/// terminal loop runs this on a thread of its own once the first frame is
/// drawn, and hands the result back through [`crate::app::App::marked`].
#[derive(Clone, Debug)]
pub struct Marking {
    situation: Arc<Situation>,
    setup: SeenSetup,
}

/// What a [`Marking`] found, for the situation it was made for: the marks,
/// or why there are none (a bug the comparison ran into); the record read
/// for them, or why it could not be used.
#[derive(Debug)]
pub struct Marked {
    pub(super) situation: Arc<Situation>,
    pub(super) marks: Result<Marks, String>,
    pub(super) earlier: Option<Arc<Record>>,
    pub(super) problem: Option<String>,
}

/// The name of the thread the terminal loop works the marks out on. The
/// panic hook leaves the terminal alone for a panic there: it is caught,
/// and told in the footer.
pub const MARKING_THREAD: &str = "sitrep-marking";

impl Marking {
    /// The marks of `situation` against the earlier look `setup` has, or
    /// may have once its record is read (see [`SeenSetup::to_mark`]).
    pub(super) fn new(situation: &Arc<Situation>, setup: &SeenSetup) -> Marking {
        Marking {
            situation: Arc::clone(situation),
            setup: setup.clone(),
        }
    }

    /// Reads the record if it is still unread, then makes digests of the
    /// situation as the record made its own and compares them with it.
    /// The first frame is drawn by then: two threads make the digests of
    /// a large file.
    pub fn run(self) -> Marked {
        let mut setup = self.setup;
        setup.read_now();
        let s = &self.situation;
        let marks = match &setup.earlier {
            Some(earlier) => std::panic::catch_unwind(|| {
                Marks::between(earlier, s, &Digests::of_scheme(s, earlier.scheme))
            })
            .map_err(|panic| crate::reload::panic_message(&*panic)),
            // No record after all, or one that cannot be used: a first look.
            None => Ok(Marks::default()),
        };
        Marked {
            situation: self.situation,
            marks,
            earlier: setup.earlier,
            problem: setup.problem,
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
    /// The record is not read yet (see [`SeenSetup::unread`]).
    unread: bool,
    /// "5 new, 2 changed since 28 Nov", when anything is.
    pub header: Option<String>,
    /// " since 28 Nov": when the marks count from.
    pub since: String,
}

impl Seen {
    /// The state, given the marks of the situation opened (see
    /// [`Seen::marking`]).
    pub fn new(setup: &SeenSetup, marks: &Marks) -> Seen {
        let mut seen = Seen {
            record: setup.record.clone(),
            file: setup.file.clone(),
            header: marks.summary(setup.now),
            since: String::new(),
            baseline: None,
            opened: None,
            now: setup.now,
            unread: true,
        };
        if !setup.unread {
            seen.read(setup.earlier.clone());
        }
        seen
    }

    /// The record is read (`None`: there is none, or it cannot be used):
    /// it is what the marks count from. Once only.
    pub fn read(&mut self, earlier: Option<Arc<Record>>) {
        if !std::mem::take(&mut self.unread) {
            return;
        }
        let seen_at = earlier.as_ref().map_or(self.now, |e| e.seen);
        self.since = format!(" since {}", crate::seen::when(seen_at, self.now));
        if earlier.is_some() {
            // Not a first look after all.
            self.opened = None;
        }
        self.baseline = earlier;
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
    /// additions and changes are marked until the reader quits (a record
    /// not read yet is read then).
    pub fn for_reload(&self) -> SeenSetup {
        SeenSetup {
            record: self.record.clone(),
            file: self.file.clone(),
            earlier: if self.unread { None } else { self.baseline() },
            problem: None,
            now: Utc::now(),
            unread: self.unread,
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
        // Quitting before the marks came: the record is read now (one that
        // cannot be used is written over).
        let read_now = (self.unread)
            .then(|| crate::seen::read(&self.record, &file).ok().flatten())
            .flatten();
        let earlier = read_now.as_ref().or(self.baseline.as_deref());
        // Items unchanged since the last look keep the day they were first
        // seen; on a first look everything is seen now.
        let record = Record::of(s, &Digests::of(s), &file, now, earlier);
        Some((self.record.clone(), self.file.clone(), record))
    }
}
