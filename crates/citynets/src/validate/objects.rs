//! Values already parsed, validated without being written out as text: Python objects (the
//! binding writes them to [tapes](super::tape)), and `serde_json::Value`s.
//!
//! A caller that holds such values implements [`Objects`]: it writes them as events, and
//! nothing else. The rest is here, the same for every caller:
//!
//! 1. **Typed pass.** A list of records is written to tapes of a bounded size, which the
//!    [one parallel primitive](super::in_order) hands to threads (one per core up to four, by
//!    the [one thread policy](super::thread_count), from [`PARALLEL_RECORDS`] records) that read
//!    them into the model's types and check their warnings; the calling thread keeps writing
//!    and counts the keys of the records in order. If every record is clean, the report is the
//!    empty one: what the types accept, the schema accepts.
//! 2. **Walk.** Otherwise (or at the first record that is not clean) the whole value is written
//!    to one tape and walked by the engine, as text would be, for every problem and its place.
//!    A value the caller cannot write (not JSON data) ends here with a [`TapeError`].
//!
//! Memory: the typed pass holds at most `2 * threads + 1` tapes of about 512 KiB of strings
//! and 65,536 events (24 bytes each), so under 2 MiB each; between calls, a thread keeps at
//! most two emptied tapes of at most 2 MiB. The walk holds the whole value in one tape: its
//! strings and 24 bytes per value, about twice its compact JSON text for records like
//! Ghent's (the text path held the text once). Walking a list in batches of records would
//! bound it; it is not done yet.

use std::cell::{Cell, RefCell};
use std::sync::Arc;

use serde::Deserialize;
use serde_json::Value;

use super::catalogues::Catalogues;
use super::in_order::{in_order, thread_count};
use super::json_input::validate_tape;
use super::options::Options;
use super::problem::Report;
use super::rules::{membership_is_quiet, network_is_quiet};
use super::tape::typed::Reader;
use super::tape::{Tape, TapeError};
use super::typed::{RecordKey, TypedRecords};
use crate::{Catalogue, DocumentKind, Membership, Network};

/// From how many records a list is checked on several threads.
pub const PARALLEL_RECORDS: usize = 1000;

/// About how many bytes of strings, and how many events, a tape of the typed pass holds before
/// it is handed on: the memory of the pass is about `2 * threads + 1` such tapes.
const TAPE_TEXT: usize = 1 << 19;
const TAPE_EVENTS: usize = 1 << 16;

/// Tapes kept between calls on a thread, so that a caller validating many small values does
/// not grow new buffers each time: at most [`SPARE_TAPES`] tapes, each of at most
/// [`SPARE_BYTES`] allocated (so at most 4 MiB per thread that validates parsed values).
const SPARE_TAPES: usize = 2;
const SPARE_BYTES: usize = 2 << 20;

thread_local! {
    static SPARE: RefCell<Vec<Tape>> = const { RefCell::new(Vec::new()) };
}

/// An empty tape, with the buffers of one used before on this thread when there is one.
fn take_tape() -> Tape {
    SPARE
        .with(|spare| spare.borrow_mut().pop())
        .unwrap_or_default()
}

/// Keeps an emptied tape for the next [`take_tape`] on this thread, unless enough are kept or
/// it is too large to keep.
fn give_tape(mut tape: Tape) {
    if tape.allocated() > SPARE_BYTES {
        return;
    }
    tape.clear();
    SPARE.with(|spare| {
        let mut spare = spare.borrow_mut();
        if spare.len() < SPARE_TAPES {
            spare.push(tape);
        }
    });
}

/// Values a caller holds already parsed, written to tapes on demand.
pub trait Objects {
    /// The number of records when the value is a list of records; `None` when it is one
    /// value (a document, or one record).
    fn list_len(&self) -> Option<usize>;

    /// Writes the record at `index` of the list: exactly one value, whole.
    fn write_item(&mut self, index: usize, tape: &mut Tape) -> Result<(), TapeError>;

    /// Writes the whole value.
    fn write(&mut self, tape: &mut Tape) -> Result<(), TapeError>;

    /// Runs `work`, which touches none of the caller's values, the way the caller wants
    /// (the Python binding lets the GIL go).
    fn detached<T: Send>(&self, work: impl FnOnce() -> T + Send) -> T {
        work()
    }
}

/// Validates values already parsed: a list is a list of records of `document` (default
/// network), one value a document of that kind (default catalogue). Records may refer to the
/// networks of `catalogues`; `threads` is asked as [`Options::threads`](super::Options::threads)
/// is (0: the policy decides). Problems carry no line or column. A value the caller cannot
/// write is a [`TapeError`].
pub fn validate_objects(
    objects: &mut impl Objects,
    document: Option<DocumentKind>,
    catalogues: &Arc<Catalogues>,
    threads: usize,
) -> Result<Report, TapeError> {
    let mut tape = take_tape();
    match objects.list_len() {
        Some(len) => {
            let kind = document.unwrap_or(DocumentKind::Network);
            if kind != DocumentKind::Catalogue
                && len > 0
                && let Some(records) = typed_list(objects, len, kind, catalogues, threads)
            {
                give_tape(tape);
                return Ok(Report {
                    records,
                    ..Report::default()
                });
            }
            objects.write(&mut tape)?;
        }
        None => {
            objects.write(&mut tape)?;
            let kind = document.unwrap_or(DocumentKind::Catalogue);
            if let Some(records) = typed_one(&tape, kind, catalogues) {
                give_tape(tape);
                return Ok(Report {
                    records,
                    ..Report::default()
                });
            }
        }
    }
    let options = Options {
        document,
        catalogues: catalogues.clone(),
        ..Options::default()
    };
    let report = objects.detached(|| validate_tape(&tape, &options));
    give_tape(tape);
    Ok(report)
}

/// The typed pass over one value: the number of records when it is clean.
fn typed_one(tape: &Tape, kind: DocumentKind, catalogues: &Arc<Catalogues>) -> Option<u64> {
    let mut check = TypedRecords::with_catalogues(catalogues.clone());
    let clean = match kind {
        DocumentKind::Catalogue => {
            tape.too_deep_at().is_none()
                && Catalogue::deserialize(&mut Reader::new(tape))
                    .is_ok_and(|c| !c.networks.is_empty() && check.catalogue(&c))
        }
        // One record: checked as the records of a list are.
        _ => check_tape(tape, kind).is_some_and(|keys| keys.iter().all(|k| check.count_key(k))),
    };
    clean.then(|| check.records())
}

/// The keys of a tape's records when each is clean, `None` at the first that is not.
type Verdicts = Option<Vec<RecordKey>>;

/// Reads the records of a tape into the model's types and checks each for warnings of its own.
fn check_tape(tape: &Tape, kind: DocumentKind) -> Verdicts {
    if tape.too_deep_at().is_some() {
        return None;
    }
    let mut reader = Reader::new(tape);
    let mut keys = Vec::with_capacity(tape.records());
    for _ in 0..tape.records() {
        let key = match kind {
            DocumentKind::Network => {
                let n = Network::deserialize(&mut reader).ok()?;
                network_is_quiet(&n).then(|| RecordKey::of_network(&n))?
            }
            DocumentKind::Membership => {
                let m = Membership::deserialize(&mut reader).ok()?;
                membership_is_quiet(&m).then(|| RecordKey::of_membership(&m))?
            }
            DocumentKind::Catalogue => return None,
        };
        keys.push(key);
    }
    Some(keys)
}

/// The typed pass over a list of `len` records: the number of records when every one is
/// clean; `None` at the first that is not, or that the caller cannot write.
fn typed_list(
    objects: &mut impl Objects,
    len: usize,
    kind: DocumentKind,
    catalogues: &Arc<Catalogues>,
    threads: usize,
) -> Option<u64> {
    let threads = thread_count(threads, len >= PARALLEL_RECORDS);
    let clean = Cell::new(true);
    // Tapes checked and handed back, written into again: at most the tapes in flight.
    let spare: RefCell<Vec<Tape>> = RefCell::new(Vec::new());
    let mut next = 0usize;
    let next_tape = || {
        if !clean.get() || next >= len {
            return None;
        }
        let mut tape = spare.borrow_mut().pop().unwrap_or_else(take_tape);
        while next < len && tape.text_len() < TAPE_TEXT && tape.events_len() < TAPE_EVENTS {
            if objects.write_item(next, &mut tape).is_err() {
                clean.set(false);
                return None;
            }
            next += 1;
        }
        Some(tape)
    };
    let mut check = TypedRecords::with_catalogues(catalogues.clone());
    let take = |(verdicts, mut tape): (Verdicts, Tape)| {
        let keys_new = verdicts.is_some_and(|keys| keys.iter().all(|key| check.count_key(key)));
        if !keys_new {
            clean.set(false);
        }
        tape.clear();
        spare.borrow_mut().push(tape);
    };
    // A check that fails (a bug) leaves the record "not known to be clean": the walk reports.
    let work = |tape: Tape| {
        let verdicts =
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| check_tape(&tape, kind)))
                .unwrap_or(None);
        (verdicts, tape)
    };
    in_order(threads, next_tape, work, take);
    for tape in spare.into_inner() {
        give_tape(tape);
    }
    (clean.get() && check.records() == len as u64).then(|| check.records())
}

/// Validates one record or document that is already parsed: a list is a list of records of
/// `document` (default network), an object is a document of that kind (default catalogue).
/// Problems carry no line or column. The value is walked as a [tape](super::tape), not written
/// out as text.
pub fn validate_value(value: &serde_json::Value, document: Option<DocumentKind>) -> Report {
    let mut tape = Tape::default();
    write_value(value, &mut tape);
    validate_tape(
        &tape,
        &Options {
            document,
            ..Options::default()
        },
    )
}

/// A `serde_json::Value` as values already parsed: an array is a list of records.
impl Objects for Value {
    fn list_len(&self) -> Option<usize> {
        self.as_array().map(Vec::len)
    }

    fn write_item(&mut self, index: usize, tape: &mut Tape) -> Result<(), TapeError> {
        if let Some(item) = self.as_array().and_then(|a| a.get(index)) {
            write_value(item, tape);
        }
        Ok(())
    }

    fn write(&mut self, tape: &mut Tape) -> Result<(), TapeError> {
        write_value(self, tape);
        Ok(())
    }
}

/// Writes a `serde_json::Value` to a tape, without recursion (the tape stops at the depth the
/// validator reads).
pub(crate) fn write_value(value: &Value, tape: &mut Tape) {
    enum Items<'a> {
        Object(serde_json::map::Iter<'a>),
        Array(std::slice::Iter<'a, Value>),
    }
    let mut stack: Vec<Items<'_>> = Vec::new();
    let mut next = Some(value);
    loop {
        if let Some(v) = next.take() {
            match v {
                Value::Null => tape.null(),
                Value::Bool(b) => tape.bool(*b),
                Value::Number(n) => {
                    if let Some(i) = n.as_i64() {
                        tape.signed(i);
                    } else if let Some(u) = n.as_u64() {
                        tape.unsigned(u);
                    } else if tape.float(n.as_f64().unwrap_or_default()).is_err() {
                        // serde_json holds finite floats only, unless another crate turns on its
                        // `arbitrary_precision`: a number beyond f64 then stands as null, so
                        // that the tape stays whole (the schema refuses it all the same).
                        tape.null();
                    }
                }
                Value::String(s) => tape.string(s),
                Value::Array(items) => {
                    if tape.begin_array() {
                        stack.push(Items::Array(items.iter()));
                    }
                }
                Value::Object(entries) => {
                    if tape.begin_object() {
                        stack.push(Items::Object(entries.iter()));
                    }
                }
            }
        }
        let Some(top) = stack.last_mut() else { return };
        match top {
            Items::Object(entries) => match entries.next() {
                Some((k, v)) => {
                    tape.key(k);
                    next = Some(v);
                }
                None => {
                    stack.pop();
                    tape.end();
                }
            },
            Items::Array(items) => match items.next() {
                Some(v) => next = Some(v),
                None => {
                    stack.pop();
                    tape.end();
                }
            },
        }
    }
}
