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
//! 2. **Walk.** Otherwise (or at the first record that is not clean) the engine walks the
//!    records, as text would be, for every problem and its place. A list of
//!    [`PARALLEL_RECORDS`] records or more is walked in chunks: the calling thread writes its
//!    records again, from the first, into tapes of the same bounded size, each a list of
//!    records, which the one parallel primitive hands to threads; each thread walks its tape
//!    with an engine of its own, and the calling thread merges their reports in order, as
//!    NDJSON's chunks are merged ([`merge`](super::merge)): records numbered on across chunks,
//!    the checks across records (repeated ids, unknown networks) done by one book. A shorter
//!    list, or one value, is written whole to one tape and walked on the calling thread. The
//!    report is the same either way, with two cases handed to the whole walk, which rarely
//!    happen: a record nested deeper than the validator reads (its one `too_deep` problem is
//!    placed in the whole list), and a chunk that dropped problems under a repeated key (a
//!    Python dict may hold two keys of the same text, from a `str` subclass).
//!    A value the caller cannot write (not JSON data) ends here with a [`TapeError`], the
//!    whole value's.
//!
//! Memory: the typed pass, and the walk in chunks, hold at most `2 * threads + 1` tapes of
//! about 512 KiB of strings and 65,536 events (24 bytes each), so under 2 MiB each; each chunk
//! walked also keeps at most [`Options::max_problems`](super::Options::max_problems) problems
//! until it is merged (none once the report is full). Between calls, a thread keeps at most
//! two emptied tapes of at most 2 MiB. The whole walk, for lists shorter than
//! [`PARALLEL_RECORDS`] and for one value, holds the whole value in one tape: its strings and
//! 24 bytes per value, about twice its compact JSON text for records like Ghent's.

use std::cell::{Cell, RefCell};
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use serde::Deserialize;
use serde_json::Value;

use super::book::Book;
use super::catalogues::Catalogues;
use super::document::document;
use super::in_order::{in_order, thread_count};
use super::json_input::validate_tape;
use super::merge::{chunk_engine, finish_chunk, merge_chunk};
use super::options::Options;
use super::problem::{Problems, Report};
use super::rules::{membership_is_quiet, network_is_quiet};
use super::tape::source::TapeSource;
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
    // Built only for a walk: a clean list does without.
    let options = || Options {
        document,
        catalogues: catalogues.clone(),
        ..Options::default()
    };
    let mut tape = take_tape();
    match objects.list_len() {
        Some(len) => {
            let kind = document.unwrap_or(DocumentKind::Network);
            if kind != DocumentKind::Catalogue && len > 0 {
                match typed_list(objects, len, kind, catalogues, threads) {
                    Typed::Clean(records) => {
                        give_tape(tape);
                        return Ok(Report {
                            records,
                            ..Report::default()
                        });
                    }
                    Typed::NotClean if len >= PARALLEL_RECORDS => {
                        if let Some(report) = walk_list(objects, len, &options(), threads) {
                            give_tape(tape);
                            return Ok(report);
                        }
                    }
                    Typed::NotClean | Typed::Unwritable => {}
                }
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
    let options = options();
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

/// What the typed pass found in a list.
enum Typed {
    /// Every record is clean: the number of records.
    Clean(u64),
    /// A record is not clean.
    NotClean,
    /// The caller cannot write a record (before any record found not clean).
    Unwritable,
}

/// The typed pass over a list of `len` records: stops at the first record that is not clean,
/// or that the caller cannot write.
fn typed_list(
    objects: &mut impl Objects,
    len: usize,
    kind: DocumentKind,
    catalogues: &Arc<Catalogues>,
    threads: usize,
) -> Typed {
    let threads = thread_count(threads, len >= PARALLEL_RECORDS);
    let clean = Cell::new(true);
    let unwritable = Cell::new(false);
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
                unwritable.set(true);
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
    if clean.get() && check.records() == len as u64 {
        Typed::Clean(check.records())
    } else if unwritable.get() {
        Typed::Unwritable
    } else {
        Typed::NotClean
    }
}

/// The most bytes of strings and events of a tape of records (on this thread, what a test
/// sets instead).
fn tape_limits() -> (usize, usize) {
    #[cfg(test)]
    if let Some(limits) = tests::LIMITS_HERE.get() {
        return limits;
    }
    (TAPE_TEXT, TAPE_EVENTS)
}

/// The walk of a list of `len` records in chunks (see the module documentation): the report of
/// the whole walk, or `None` when the whole walk must give it (a record nested too deep, one the
/// caller cannot write, a chunk that dropped problems it had kept).
fn walk_list(
    objects: &mut impl Objects,
    len: usize,
    options: &Options,
    threads: usize,
) -> Option<Report> {
    let threads = thread_count(threads, true);
    let (text_limit, events_limit) = tape_limits();
    let whole = Cell::new(false);
    // Tapes walked and handed back, written into again: at most the tapes in flight.
    let spare: RefCell<Vec<Tape>> = RefCell::new(Vec::new());
    let mut next = 0usize;
    // Each tape is a list of records, as the whole value is: depths are counted the same.
    let next_tape = || {
        if whole.get() || next >= len {
            return None;
        }
        let mut tape = spare.borrow_mut().pop().unwrap_or_else(take_tape);
        tape.begin_array();
        while next < len && tape.text_len() < text_limit && tape.events_len() < events_limit {
            if objects.write_item(next, &mut tape).is_err() {
                whole.set(true);
                break;
            }
            next += 1;
        }
        tape.end();
        if whole.get() || tape.too_deep_at().is_some() {
            whole.set(true);
            tape.clear();
            spare.borrow_mut().push(tape);
            return None;
        }
        Some(tape)
    };
    let full = AtomicBool::new(false);
    let work = |tape: Tape| {
        let mut engine = chunk_engine(options, None, &full);
        // A tape cannot fail to read.
        let _ = document(&mut TapeSource::new(&tape), &mut engine, options);
        (finish_chunk(engine), tape)
    };
    let mut out = Problems::new(options.max_problems, None);
    let mut book = Book::new(options.catalogues.clone());
    in_order(threads, next_tape, work, |(chunk, mut tape)| {
        tape.clear();
        spare.borrow_mut().push(tape);
        if chunk.retracted {
            whole.set(true);
        }
        merge_chunk(&mut out, chunk, &mut book, &full);
    });
    for tape in spare.into_inner() {
        give_tape(tape);
    }
    if whole.get() {
        return None;
    }
    for p in book.finish() {
        out.push(p);
    }
    let mut report = out.finish();
    // Values already parsed have no lines.
    for p in &mut report.problems {
        p.line = None;
        p.column = None;
    }
    Some(report)
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

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use std::cell::Cell;
    use std::sync::Arc;

    use serde_json::{Value, json};

    use super::{Objects, PARALLEL_RECORDS, validate_objects, walk_list, write_value};
    use crate::DocumentKind;
    use crate::validate::json_input::validate_tape;
    use crate::validate::tape::{Refusal, Tape, TapeError};
    use crate::validate::{Code, MAX_DEPTH, Options, Report};

    thread_local! {
        /// The most bytes of strings and events of the tapes written on this thread, instead
        /// of [`TAPE_TEXT`](super::TAPE_TEXT) and [`TAPE_EVENTS`](super::TAPE_EVENTS).
        pub(super) static LIMITS_HERE: Cell<Option<(usize, usize)>> = const { Cell::new(None) };
    }

    /// Tapes of a few records each: a list of thousands is cut into hundreds of chunks.
    const SMALL: (usize, usize) = (1500, 200);

    /// Today's walk: the whole value on one tape, on this thread.
    fn whole(value: &Value, options: &Options) -> Report {
        let mut tape = Tape::default();
        write_value(value, &mut tape);
        validate_tape(&tape, options)
    }

    /// The walk in chunks of the tape size `limits`, on `threads` threads.
    fn chunked(
        objects: &mut impl Objects,
        options: &Options,
        threads: usize,
        limits: (usize, usize),
    ) -> Option<Report> {
        LIMITS_HERE.set(Some(limits));
        let len = objects.list_len().unwrap();
        let report = walk_list(objects, len, options, threads);
        LIMITS_HERE.set(None);
        report
    }

    /// `n` network records made from the embedded catalogue's, with problems of every kind:
    /// errors, warnings of their own, ids repeated hundreds of records later (in another
    /// chunk), names of the catalogue's networks under other ids.
    fn networks(n: usize) -> Value {
        let base = serde_json::to_value(crate::ghent()).unwrap()["networks"].clone();
        let base = base.as_array().unwrap();
        let records = (0..n)
            .map(|i| {
                let mut r = base[i % base.len()].clone();
                r["id"] = json!(format!("net-{i}"));
                r["name"] = json!(format!("Network {i}"));
                r.as_object_mut().unwrap().remove("acronym");
                match i % 37 {
                    3 => r["policy_areas"] = json!(["mobilty", 3]),
                    5 => r["founding_date"] = json!(true),
                    7 => r["name"] = base[i % base.len()]["name"].clone(),
                    11 => r["id"] = json!(format!("net-{}", i.saturating_sub(300))),
                    13 => r["founding_date"] = json!("2100"),
                    17 => {
                        r.as_object_mut().unwrap().remove("name");
                    }
                    19 => r["id"] = json!("net-1"),
                    23 => r = json!([i]),
                    _ => {}
                }
                r
            })
            .collect();
        Value::Array(records)
    }

    /// `n` membership records: networks no catalogue knows (a few ids, used again and again),
    /// the same member twice in one network far apart, and some errors.
    fn memberships(n: usize) -> Value {
        let records = (0..n)
            .map(|i| {
                let network = match i % 5 {
                    0 => "eurocities".to_owned(),
                    1 => format!("study-net-{}", i % 7),
                    2 => "Cities Network Nobody Knows".to_owned(),
                    3 => "Major Cities of Europe".to_owned(),
                    _ => format!("study-{i}"),
                };
                let mut r = json!({
                    "organization_id": network,
                    "member": {"kind": "city", "city": format!("City {}", i % 500), "country": "BE"},
                });
                if i % 41 == 0 {
                    r["status"] = json!(5);
                }
                if i % 43 == 0 {
                    r["start_date"] = json!("2012");
                    r["end_date"] = json!("2010");
                }
                r
            })
            .collect();
        Value::Array(records)
    }

    fn codes(report: &Report) -> Vec<Code> {
        let mut codes: Vec<Code> = report.problems.iter().map(|p| p.code).collect();
        codes.sort();
        codes.dedup();
        codes
    }

    /// Lists cut into many chunks, walked on one thread or several, report what the whole walk
    /// reports: the same problems in the same order, the same counts, whatever the cap.
    #[test]
    fn chunks_report_what_the_whole_walk_reports() {
        let lists = [
            (networks(4000), None),
            (memberships(3000), Some(DocumentKind::Membership)),
        ];
        for (value, document) in &lists {
            for (max_problems, fast_path) in
                [(10_000, true), (10_000, false), (57, true), (1, true)]
            {
                let options = Options {
                    document: *document,
                    max_problems,
                    fast_path,
                    ..Options::default()
                };
                let expected = whole(value, &options);
                for (threads, limits) in
                    [(1, SMALL), (2, SMALL), (3, SMALL), (2, (1 << 19, 1 << 16))]
                {
                    let got = chunked(&mut value.clone(), &options, threads, limits)
                        .expect("no reason for the whole walk");
                    assert_eq!(
                        got, expected,
                        "{document:?}, {max_problems} problems kept, fast path {fast_path}, {threads} threads, tapes of {limits:?}"
                    );
                }
            }
        }
        // The lists hold what they are meant to.
        let all = whole(&lists[0].0, &Options::default());
        assert!(all.problems.len() > 500 && all.warnings > 100, "{all:?}");
        for code in [
            Code::UnknownVariant,
            Code::InvalidType,
            Code::MissingField,
            Code::IdMismatch,
            Code::DuplicateId,
        ] {
            assert!(codes(&all).contains(&code), "{code:?} in {:?}", codes(&all));
        }
        let members = whole(
            &lists[1].0,
            &Options {
                document: Some(DocumentKind::Membership),
                ..Options::default()
            },
        );
        for code in [
            Code::UnknownNetwork,
            Code::DuplicateMembership,
            Code::EndBeforeStart,
        ] {
            assert!(
                codes(&members).contains(&code),
                "{code:?} in {:?}",
                codes(&members)
            );
        }
    }

    /// Every record warned, more than the report keeps: the chunks started once it is full keep
    /// nothing, and the report is still the whole walk's.
    #[test]
    fn every_record_warned_past_the_cap() {
        let base = serde_json::to_value(crate::ghent()).unwrap()["networks"].clone();
        let base = base.as_array().unwrap();
        let value = Value::Array(
            (0..3000)
                .map(|i| {
                    let mut r = base[i % base.len()].clone();
                    r["id"] = json!(format!("warned-{i}"));
                    r
                })
                .collect(),
        );
        let options = Options {
            max_problems: 100,
            ..Options::default()
        };
        let expected = whole(&value, &options);
        assert!(
            expected.warnings >= 3000 && expected.errors == 0,
            "{expected:?}"
        );
        for threads in [1, 2, 4] {
            let got = chunked(&mut value.clone(), &options, threads, SMALL).unwrap();
            assert_eq!(got, expected, "{threads} threads");
        }
    }

    /// A list nested just as deep as the validator reads is walked in chunks; one level deeper
    /// goes to the whole walk, whose one `too_deep` problem is placed in the whole list.
    #[test]
    fn a_record_too_deep_gets_the_whole_walks_report() {
        let nested = |depth: usize| {
            let mut v = json!(1);
            for _ in 0..depth {
                v = json!([v]);
            }
            v
        };
        // The list, the record and its `notes` hold the rest.
        for (depth, deep) in [(MAX_DEPTH - 2, false), (MAX_DEPTH - 1, true)] {
            let mut value = networks(PARALLEL_RECORDS + 500);
            value[PARALLEL_RECORDS + 100]["notes"] = nested(depth);
            let options = Options::default();
            let expected = whole(&value, &options);
            assert_eq!(
                expected.problems.iter().any(|p| p.code == Code::TooDeep),
                deep
            );
            let got = chunked(&mut value.clone(), &options, 2, SMALL);
            assert_eq!(got.is_none(), deep);
            if let Some(got) = got {
                assert_eq!(got, expected);
            }
            let mut objects = value.clone();
            let report = validate_objects(&mut objects, None, &Arc::default(), 2).unwrap();
            assert_eq!(report, expected);
            if deep {
                let [p] = &report.problems[..] else {
                    panic!("{:?}", report.problems)
                };
                assert!(
                    p.instance_location.starts_with("/1100/notes/0/0"),
                    "{}",
                    p.instance_location
                );
            }
        }
    }

    /// Values written by a test: the records of a list, one of which is not JSON data or holds
    /// the same key twice.
    struct Odd {
        value: Value,
        at: usize,
        twice: bool,
    }

    impl Objects for Odd {
        fn list_len(&self) -> Option<usize> {
            self.value.list_len()
        }

        fn write_item(&mut self, index: usize, tape: &mut Tape) -> Result<(), TapeError> {
            if index != self.at {
                return self.value.write_item(index, tape);
            }
            if !self.twice {
                return Err(tape.refuse(Refusal::NotJson {
                    type_name: "set".into(),
                }));
            }
            assert!(tape.begin_object());
            for (key, value) in [
                ("id", json!(format!("odd-{index}"))),
                ("policy_areas", json!(["mobilty", 3])),
                ("name", json!(5)),
                ("name", json!("Odd")),
            ] {
                tape.key(key);
                write_value(&value, tape);
            }
            tape.end();
            Ok(())
        }

        fn write(&mut self, tape: &mut Tape) -> Result<(), TapeError> {
            assert!(tape.begin_array());
            for i in 0..self.value.list_len().unwrap_or(0) {
                self.write_item(i, tape)?;
            }
            tape.end();
            Ok(())
        }
    }

    /// A record the caller cannot write, after records that are not clean: the error of the
    /// whole value, which names the record's place in the list.
    #[test]
    fn a_record_the_caller_cannot_write_gives_the_whole_values_error() {
        let odd = || Odd {
            value: networks(3000),
            at: 2500,
            twice: false,
        };
        assert!(chunked(&mut odd(), &Options::default(), 2, SMALL).is_none());
        let e = validate_objects(&mut odd(), None, &Arc::default(), 2).unwrap_err();
        let mut tape = Tape::default();
        assert_eq!(Err(e.clone()), odd().write(&mut tape));
        assert!(e.message.contains("at /2500 is not JSON data"), "{e}");
    }

    /// A chunk that drops problems under a repeated key hands the list to the whole walk: the
    /// whole may have kept fewer of them (here, only the first problem of the record), and
    /// counts what it did not keep.
    #[test]
    fn a_repeated_key_gets_the_whole_walks_report() {
        let odd = || Odd {
            value: networks(3000),
            at: 2500,
            twice: true,
        };
        let mut tape = Tape::default();
        odd().write(&mut tape).unwrap();
        let expected = validate_tape(&tape, &Options::default());
        assert!(
            expected
                .problems
                .iter()
                .any(|p| p.code == Code::DuplicateKey && p.record == Some(2501))
        );
        let before = expected
            .problems
            .iter()
            .filter(|p| p.record < Some(2501))
            .count();
        let options = Options {
            max_problems: before + 1,
            ..Options::default()
        };
        for threads in [1, 2] {
            assert!(chunked(&mut odd(), &options, threads, SMALL).is_none());
        }
        let report = validate_objects(&mut odd(), None, &Arc::default(), 2).unwrap();
        assert_eq!(report, expected);
    }
}
