//! Records given as Python objects, checked on several threads: the thread that holds the GIL
//! only flattens the objects into a tape (their JSON events, with every string copied into one
//! buffer), and Rust threads, which never touch a Python object, read the tape into the model's
//! types and check them. Reading objects needs the GIL; building the typed records, checking
//! and dropping them does not, so the work is shared between cores.
//!
//! The tape is written through [`json_kind`], like the other two readers of Python objects
//! ([`to_json`](crate::convert::to_json) and [`depythonize`](crate::depythonize)), and records
//! the same values. Anything the typed path would refuse (an object that is not JSON data, an
//! integer beyond 64 bits, a non-finite float, a key that is not a string, nesting deeper than
//! the validator reads) stops the tape: the caller then validates the data as text, which
//! names the problem.

use std::collections::BTreeMap;
use std::sync::{Mutex, mpsc};

use std::sync::Arc;

use citynets::validate::{Catalogues, MAX_DEPTH, RecordKey, TypedRecords};
use citynets::{DocumentKind, Membership, Network};
use pyo3::prelude::*;
use pyo3::types::PyString;
use serde::Deserialize;
use serde::de::value::{BorrowedStrDeserializer, Error};
use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};

use crate::convert::{Int, JsonKind, json_kind};

/// About how many bytes of strings, and how many events, a tape holds before it is handed to
/// a worker.
const TAPE_TEXT: usize = 1 << 19;
const TAPE_EVENTS: usize = 1 << 16;

/// One JSON event. Containers give their number of items; strings are ranges of the text.
#[derive(Debug, Clone, Copy)]
enum Event {
    Object(usize),
    Array(usize),
    Str(usize, usize),
    Signed(i64),
    Unsigned(u64),
    Float(f64),
    Bool(bool),
    Null,
}

/// Records as JSON events, one record after the other.
#[derive(Debug, Default)]
struct Tape {
    events: Vec<Event>,
    text: String,
    records: usize,
}

impl Tape {
    fn push_str(&mut self, s: &str) {
        let start = self.text.len();
        self.text.push_str(s);
        self.events.push(Event::Str(start, s.len()));
    }

    /// Adds one record; `false` (and the tape is left unfinished) when the typed path could
    /// not take it.
    fn push_record(&mut self, obj: &Bound<'_, PyAny>) -> bool {
        // The containers being read: their items left to read, and whether they are dicts.
        let mut stack: Vec<Items<'_>> = Vec::new();
        let mut next = Some(obj.clone());
        loop {
            if let Some(obj) = next.take() {
                match json_kind(&obj) {
                    // Deeper than the validator reads: the text path reports `too_deep`.
                    JsonKind::Object(_) | JsonKind::Array(_) | JsonKind::Tuple(_)
                        if stack.len() >= MAX_DEPTH =>
                    {
                        return false;
                    }
                    JsonKind::Str(s) => match s.to_str() {
                        Ok(text) => self.push_str(text),
                        Err(_) => return false,
                    },
                    JsonKind::Object(dict) => {
                        self.events.push(Event::Object(dict.len()));
                        stack.push(Items::Dict(dict.iter()));
                    }
                    JsonKind::Array(items) => {
                        self.events.push(Event::Array(items.len()));
                        stack.push(Items::List(items));
                    }
                    JsonKind::Tuple(items) => {
                        self.events.push(Event::Array(items.len()));
                        stack.push(Items::Tuple(items));
                    }
                    JsonKind::Null => self.events.push(Event::Null),
                    JsonKind::Bool(b) => self.events.push(Event::Bool(b)),
                    JsonKind::Int(Some(Int::Signed(v))) => self.events.push(Event::Signed(v)),
                    JsonKind::Int(Some(Int::Unsigned(v))) => {
                        self.events.push(Event::Unsigned(v));
                    }
                    JsonKind::Float(v) if v.is_finite() => self.events.push(Event::Float(v)),
                    JsonKind::Int(None) | JsonKind::Float(_) | JsonKind::Other => return false,
                }
            }
            let Some(top) = stack.last_mut() else {
                self.records += 1;
                return true;
            };
            match top {
                Items::Dict(entries) => match entries.next() {
                    Some((key, value)) => {
                        let Ok(key) = key.cast::<PyString>() else {
                            return false;
                        };
                        let Ok(key) = key.to_str() else {
                            return false;
                        };
                        self.push_str(key);
                        next = Some(value);
                    }
                    None => {
                        stack.pop();
                    }
                },
                Items::List(items) => match items.next() {
                    Some(item) => next = Some(item),
                    None => {
                        stack.pop();
                    }
                },
                Items::Tuple(items) => match items.next() {
                    Some(item) => next = Some(item),
                    None => {
                        stack.pop();
                    }
                },
            }
        }
    }
}

/// The items of a container being written to a tape.
enum Items<'py> {
    Dict(pyo3::types::iter::BoundDictIterator<'py>),
    List(pyo3::types::iter::BoundListIterator<'py>),
    Tuple(pyo3::types::iter::BoundTupleIterator<'py>),
}

/// The verdict on a tape: for each record, `None` when it is not clean, or its network id
/// (`Some(None)` for a membership), for the repeated-id check done in order.
type Verdicts = Option<Vec<RecordKey>>;

/// Reads the records of a tape into the model's types and checks each for warnings of its own.
fn check_tape(tape: &Tape, kind: DocumentKind) -> Verdicts {
    let mut reader = Reader {
        events: &tape.events,
        text: &tape.text,
        at: 0,
    };
    let mut ids = Vec::with_capacity(tape.records);
    for _ in 0..tape.records {
        let id = match kind {
            DocumentKind::Network => {
                let n = Network::deserialize(&mut reader).ok()?;
                TypedRecords::network_is_quiet(&n).then(|| RecordKey::of_network(&n))?
            }
            DocumentKind::Membership => {
                let m = Membership::deserialize(&mut reader).ok()?;
                TypedRecords::membership_is_quiet(&m).then(|| RecordKey::of_membership(&m))?
            }
            DocumentKind::Catalogue => return None,
        };
        ids.push(id);
    }
    Some(ids)
}

/// Whether every record of `items` (network or membership records) is clean, checked on
/// `threads` Rust threads while this one writes the tapes; `Some(records)` when they all are.
/// `None` means "not known to be clean": the caller validates the data itself.
pub(crate) fn all_clean(
    items: &[Bound<'_, PyAny>],
    kind: DocumentKind,
    threads: usize,
    catalogues: &Arc<Catalogues>,
) -> Option<u64> {
    let (job_tx, job_rx) = mpsc::sync_channel::<(usize, Tape)>(threads);
    let job_rx = Mutex::new(job_rx);
    let (result_tx, result_rx) = mpsc::channel::<(usize, Verdicts)>();
    let mut check = TypedRecords::with_catalogues(catalogues.clone());
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let result_tx = result_tx.clone();
            let job_rx = &job_rx;
            scope.spawn(move || {
                loop {
                    let job = match job_rx.lock() {
                        Ok(rx) => rx.recv(),
                        Err(_) => return,
                    };
                    let Ok((i, tape)) = job else { return };
                    // A tape whose check failed is "not known to be clean": the data is then
                    // validated as text.
                    let verdicts =
                        std::panic::catch_unwind(|| check_tape(&tape, kind)).unwrap_or(None);
                    if result_tx.send((i, verdicts)).is_err() {
                        return;
                    }
                }
            });
        }
        drop(result_tx);
        let mut done: BTreeMap<usize, Verdicts> = BTreeMap::new();
        let mut next = 0usize;
        // Takes a verdict; false once a record is known not to be clean.
        let mut accept = |i: usize, verdicts: Verdicts, check: &mut TypedRecords| -> bool {
            done.insert(i, verdicts);
            while let Some(verdicts) = done.remove(&next) {
                next += 1;
                let Some(ids) = verdicts else { return false };
                if !ids.iter().all(|key| check.count_key(key)) {
                    return false;
                }
            }
            true
        };
        let (mut sent, mut received) = (0usize, 0usize);
        let mut clean = true;
        let mut tape = Tape::default();
        let mut rest = items.iter();
        'write: loop {
            let item = rest.next();
            if let Some(item) = item {
                if !tape.push_record(item) {
                    clean = false;
                    break;
                }
                if tape.text.len() < TAPE_TEXT && tape.events.len() < TAPE_EVENTS {
                    continue;
                }
            }
            if tape.records > 0 {
                if job_tx.send((sent, std::mem::take(&mut tape))).is_err() {
                    clean = false;
                    break;
                }
                sent += 1;
            }
            if item.is_none() {
                break;
            }
            // Take what is ready; wait when too many tapes are in flight.
            loop {
                let result = if sent - received > 2 * threads {
                    result_rx.recv().ok()
                } else {
                    result_rx.try_recv().ok()
                };
                let Some((i, verdicts)) = result else { break };
                received += 1;
                if !accept(i, verdicts, &mut check) {
                    clean = false;
                    break 'write;
                }
            }
        }
        drop(job_tx);
        for (i, verdicts) in result_rx {
            if clean && !accept(i, verdicts, &mut check) {
                clean = false;
            }
        }
        (clean && check.records() == items.len() as u64).then(|| check.records())
    })
}

/// Reads a tape as JSON values, for serde.
struct Reader<'t> {
    events: &'t [Event],
    text: &'t str,
    at: usize,
}

fn refused() -> Error {
    de::Error::custom("not read by the typed path")
}

impl<'t> Reader<'t> {
    fn next(&mut self) -> Result<Event, Error> {
        let e = *self.events.get(self.at).ok_or_else(refused)?;
        self.at += 1;
        Ok(e)
    }

    fn str(&self, start: usize, len: usize) -> Result<&'t str, Error> {
        self.text.get(start..start + len).ok_or_else(refused)
    }
}

impl<'de> de::Deserializer<'de> for &mut Reader<'de> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.next()? {
            Event::Object(n) => visitor.visit_map(Entries {
                reader: self,
                left: n,
            }),
            Event::Array(n) => visitor.visit_seq(Entries {
                reader: self,
                left: n,
            }),
            Event::Str(start, len) => visitor.visit_borrowed_str(self.str(start, len)?),
            Event::Signed(v) => visitor.visit_i64(v),
            Event::Unsigned(v) => visitor.visit_u64(v),
            Event::Float(v) => visitor.visit_f64(v),
            Event::Bool(b) => visitor.visit_bool(b),
            Event::Null => visitor.visit_unit(),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if let Some(Event::Null) = self.events.get(self.at) {
            self.at += 1;
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        // The model's enums are unit variants written as strings.
        match self.next()? {
            Event::Str(start, len) => {
                visitor.visit_enum(BorrowedStrDeserializer::new(self.str(start, len)?))
            }
            _ => Err(refused()),
        }
    }

    /// A struct is read from an object only. (From an array, serde's derive would take the
    /// items as the fields in order, which the schema refuses.)
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self.events.get(self.at) {
            Some(Event::Object(_)) => self.deserialize_any(visitor),
            _ => Err(refused()),
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        unit unit_struct newtype_struct seq tuple tuple_struct map identifier ignored_any
    }
}

/// The entries of an object (key and value events in turn), or the items of an array.
struct Entries<'r, 't> {
    reader: &'r mut Reader<'t>,
    left: usize,
}

impl<'de> MapAccess<'de> for Entries<'_, 'de> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        if self.left == 0 {
            return Ok(None);
        }
        self.left -= 1;
        seed.deserialize(&mut *self.reader).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        seed.deserialize(&mut *self.reader)
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.left)
    }
}

impl<'de> SeqAccess<'de> for Entries<'_, 'de> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        if self.left == 0 {
            return Ok(None);
        }
        self.left -= 1;
        seed.deserialize(&mut *self.reader).map(Some)
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.left)
    }
}
