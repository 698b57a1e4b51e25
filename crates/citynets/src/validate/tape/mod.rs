//! The tape: values already parsed (Python objects, a `serde_json::Value`, the records a table
//! maps) written as JSON events, one after the other, with every string in one buffer. Its
//! format lives here, in the core, so that the callers that hold such values only write
//! events, and everything read from them (the schema walk, the typed model, JSON text) is read
//! by the core:
//!
//! - `source.rs`: the tape as a source of tokens for the engine's walk, which reports every
//!   problem as it does for text, and takes the records the model's types accept by a fast
//!   path;
//! - `typed.rs`: the typed reader, which reads a tape into the model's types (the one serde
//!   `Deserializer` over parsed values; [`Tape::read`]);
//! - `text.rs`: a tape written out as JSON text, for the callers that need text (`fix`;
//!   [`Tape::to_json`]).
//!
//! The writer owns the rules every caller shares: containers deeper than
//! [`MAX_DEPTH`] are not written (an event that says so stands in, and the
//! validator reports the value as `too_deep` at the first such place, [`Tape::too_deep_at`]),
//! and a value that is not JSON data is refused with a message that names its place as a JSON
//! Pointer ([`TapeError`]).

pub(crate) mod source;
pub(crate) mod text;
pub(crate) mod typed;

use super::{MAX_DEPTH, pointer};

/// One JSON event. Containers give their number of items (entries for an object, each a key
/// event then a value); strings are ranges of the tape's text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Event {
    Object(u32),
    Array(u32),
    Str(usize, usize),
    Signed(i64),
    Unsigned(u64),
    Float(f64),
    Bool(bool),
    Null,
    /// A container nested deeper than the validator reads: its content was not written.
    Deep,
}

/// Values as JSON events. Written by [`begin_object`](Tape::begin_object),
/// [`key`](Tape::key), the scalar writers and [`end`](Tape::end); the values written at the top
/// level are the tape's records.
///
/// ```
/// use citynets::validate::tape::Tape;
///
/// let mut tape = Tape::default();
/// assert!(tape.begin_object());
/// tape.key("id");
/// tape.string("eurocities");
/// tape.end();
/// assert_eq!(tape.records(), 1);
/// assert_eq!(tape.to_json().unwrap(), br#"{"id":"eurocities"}"#);
/// ```
#[derive(Debug, Default)]
pub struct Tape {
    pub(crate) events: Vec<Event>,
    pub(crate) text: String,
    /// The containers being written: the index of each one's event, its items so far, and
    /// its last key (a range of the text), for the pointer of a refusal.
    open: Vec<Open>,
    records: usize,
    /// The pointer of the first container not written for its depth.
    deep: Option<String>,
}

/// Which place a pointer names, besides the open containers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Item {
    /// The innermost open container itself.
    None,
    /// Its item written last (or being written).
    Started,
    /// Its next item, not started yet.
    Next,
}

#[derive(Debug, Clone, Copy)]
struct Open {
    event: usize,
    object: bool,
    items: u32,
    key: Option<(usize, usize)>,
}

/// Why a value could not be written to a tape: what the caller found it to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// A value of a type that is not JSON data.
    NotJson {
        /// The type, as the caller names it.
        type_name: String,
    },
    /// An integer beyond 64 bits.
    IntTooLarge {
        /// How many bits it needs.
        bits: u64,
    },
    /// A float that JSON cannot write.
    NotFinite {
        /// The value as shown (`NaN`, `inf`).
        value: String,
    },
    /// A key that is not a string.
    KeyNotText {
        /// The key, shown short.
        shown: String,
        /// Its type, as the caller names it.
        type_name: String,
    },
    /// A string that is not Unicode text (a lone surrogate).
    NotUnicode {
        /// Whether it is a key.
        key: bool,
    },
    /// A container that contains itself.
    Recursive,
}

/// A value refused by the tape's writer: the message names the value's place. A caller that
/// raises exceptions maps [`is_type`](TapeError::is_type) to its type error and the rest to its
/// value error.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct TapeError {
    /// Whether the value has the wrong type (rather than a wrong value of a JSON type).
    pub is_type: bool,
    /// What is wrong and where.
    pub message: String,
}

impl Tape {
    /// The number of values written at the top level.
    pub fn records(&self) -> usize {
        self.records
    }

    /// How many bytes of strings the tape holds.
    pub fn text_len(&self) -> usize {
        self.text.len()
    }

    /// How many events the tape holds.
    pub fn events_len(&self) -> usize {
        self.events.len()
    }

    /// The pointer of the first place nested deeper than the validator reads, if any.
    pub fn too_deep_at(&self) -> Option<&str> {
        self.deep.as_deref()
    }

    /// Starts a value: counts it as an item of the open array, or as a record at the top.
    fn start_value(&mut self) {
        // An object's entries are counted by their keys.
        if let Some(open) = self.open.last_mut()
            && !open.object
        {
            open.items += 1;
        }
    }

    /// Ends a value: at the top level, it is one more record.
    fn end_value(&mut self) {
        if self.open.is_empty() {
            self.records += 1;
        }
    }

    fn begin(&mut self, event: Event) -> bool {
        self.start_value();
        if self.open.len() >= MAX_DEPTH {
            if self.deep.is_none() {
                self.deep = Some(self.pointer(Item::Started));
            }
            self.events.push(Event::Deep);
            self.end_value();
            return false;
        }
        self.open.push(Open {
            event: self.events.len(),
            object: matches!(event, Event::Object(_)),
            items: 0,
            key: None,
        });
        self.events.push(event);
        true
    }

    /// Opens an object; `false` when it lies deeper than the validator reads: it is then
    /// not opened, and its entries must not be written (no [`end`](Self::end) either).
    pub fn begin_object(&mut self) -> bool {
        self.begin(Event::Object(0))
    }

    /// Opens an array; `false` as for [`begin_object`](Self::begin_object).
    pub fn begin_array(&mut self) -> bool {
        self.begin(Event::Array(0))
    }

    /// Writes the key of the next entry of the open object (a key that is not text is refused
    /// by the caller with [`Refusal::KeyNotText`]).
    pub fn key(&mut self, key: &str) {
        let at = self.push_text(key);
        if let Some(open) = self.open.last_mut() {
            open.items += 1;
            open.key = Some(at);
        }
    }

    /// Closes the open container.
    pub fn end(&mut self) {
        let Some(open) = self.open.pop() else { return };
        if let Some(Event::Object(n) | Event::Array(n)) = self.events.get_mut(open.event) {
            *n = open.items;
        }
        self.end_value();
    }

    fn push_text(&mut self, s: &str) -> (usize, usize) {
        let start = self.text.len();
        self.text.push_str(s);
        self.events.push(Event::Str(start, s.len()));
        (start, s.len())
    }

    fn scalar(&mut self, event: Event) {
        self.start_value();
        self.events.push(event);
        self.end_value();
    }

    /// Writes a string.
    pub fn string(&mut self, s: &str) {
        self.start_value();
        self.push_text(s);
        self.end_value();
    }

    /// Writes a signed integer.
    pub fn signed(&mut self, v: i64) {
        self.scalar(Event::Signed(v));
    }

    /// Writes an unsigned integer.
    pub fn unsigned(&mut self, v: u64) {
        self.scalar(Event::Unsigned(v));
    }

    /// Writes a float; one that JSON cannot write (NaN, infinite) is refused.
    pub fn float(&mut self, v: f64) -> Result<(), TapeError> {
        if !v.is_finite() {
            return Err(self.refuse(Refusal::NotFinite {
                value: v.to_string(),
            }));
        }
        self.scalar(Event::Float(v));
        Ok(())
    }

    /// Writes `true` or `false`.
    pub fn bool(&mut self, b: bool) {
        self.scalar(Event::Bool(b));
    }

    /// Writes `null`.
    pub fn null(&mut self) {
        self.scalar(Event::Null);
    }

    /// The error for a value the caller cannot write, at the place of the next value (for a
    /// key, of the open object that holds it).
    pub fn refuse(&self, why: Refusal) -> TapeError {
        // A key is refused while its dict is open: the place named is the dict's.
        let of_container = matches!(
            why,
            Refusal::KeyNotText { .. } | Refusal::NotUnicode { key: true }
        );
        let at = shown(&self.pointer(if of_container { Item::None } else { Item::Next }));
        let is_type = matches!(
            why,
            Refusal::NotJson { .. } | Refusal::KeyNotText { .. } | Refusal::Recursive
        );
        TapeError {
            is_type,
            message: refused_value(&why, &at),
        }
    }

    /// The pointer of the open container, or of an item of it (see [`Item`]).
    fn pointer(&self, item: Item) -> String {
        let mut out = String::new();
        let last = self.open.len().saturating_sub(1);
        for (i, open) in self.open.iter().enumerate() {
            if i == last && item == Item::None {
                break;
            }
            if open.object {
                let key = open
                    .key
                    .and_then(|(s, n)| self.text.get(s..s + n))
                    .unwrap_or_default();
                pointer::push(&mut out, key);
            } else {
                // Items are counted when they start: the one written last, or the next.
                let index = if i == last && item == Item::Next {
                    open.items
                } else {
                    open.items.saturating_sub(1)
                };
                pointer::push(&mut out, &index.to_string());
            }
        }
        out
    }

    /// The bytes the tape holds allocated (its buffers' capacities).
    pub fn allocated(&self) -> usize {
        self.text.capacity() + self.events.capacity() * std::mem::size_of::<Event>()
    }

    /// Empties the tape, keeping its memory.
    pub fn clear(&mut self) {
        self.events.clear();
        self.text.clear();
        self.open.clear();
        self.records = 0;
        self.deep = None;
    }
}

/// A pointer as messages show it: the empty pointer is the top level.
fn shown(pointer: &str) -> String {
    if pointer.is_empty() {
        "the top level".to_owned()
    } else {
        pointer.to_owned()
    }
}

/// The one text of each refusal: why a value given already parsed (Python objects) could not
/// be read, at `at` (a JSON Pointer, or "the top level").
fn refused_value(why: &Refusal, at: &str) -> String {
    match why {
        Refusal::NotJson { type_name } => format!(
            "object of type {type_name} at {at} is not JSON data: validate takes dict, list, \
             tuple, str, int, float, bool and None"
        ),
        Refusal::IntTooLarge { bits } => format!(
            "the integer at {at} is too large ({bits} bits): JSON numbers here must lie between \
             -2**63 and 2**64-1"
        ),
        Refusal::NotFinite { value } => {
            format!("the float at {at} is {value}, which JSON cannot represent")
        }
        Refusal::KeyNotText { shown, type_name } => {
            format!("keys must be str: the dict at {at} has the key {shown} of type {type_name}")
        }
        Refusal::NotUnicode { .. } => {
            format!("the string at {at} is not valid Unicode text (it has a lone surrogate)")
        }
        Refusal::Recursive => {
            format!("recursive structure: the container at {at} contains itself")
        }
    }
}

/// For data that must be written out as JSON text and nests deeper than the validator reads,
/// first at `at`.
pub(crate) fn nested_too_deep(at: &str) -> String {
    format!("the data is nested deeper than {MAX_DEPTH} levels at {at}")
}
