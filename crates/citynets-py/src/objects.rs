//! The binding's one reader of Python objects: it writes them to the core's
//! [`Tape`](citynets::validate::tape::Tape) as JSON events, and that is all. Reading the tape
//! into the model's types, walking it against the schema, checking records on threads, the
//! depth limit and every message are the core's (`citynets::validate::objects`,
//! `citynets::validate::tape`).
//!
//! What it decides is what Python objects are as JSON data ([`json_kind`]): `None`, `bool`,
//! `int` (64-bit), finite `float`, `str`, `list`, `tuple` and `dict` with `str` keys
//! (subclasses included); a dict's entry whose value is absent ([`is_absent`]) is left out,
//! as an empty cell is. Anything else is refused, and the core says why and where. The walk
//! uses an explicit stack, so nesting costs heap, never the native stack; a container that
//! contains itself is refused (only Python can tell that two values are one object).

use citynets::validate::Objects;
use citynets::validate::tape::{Refusal, Tape, TapeError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};

/// Python objects as the core reads them: a list or tuple is a list of records, a dict one
/// value.
pub(crate) struct PyObjects<'a, 'py> {
    data: &'a Bound<'py, PyAny>,
    /// The items of a list or tuple, taken once.
    items: Option<Vec<Bound<'py, PyAny>>>,
}

impl<'a, 'py> PyObjects<'a, 'py> {
    pub(crate) fn new(data: &'a Bound<'py, PyAny>) -> Self {
        let items = if let Ok(list) = data.cast::<PyList>() {
            Some(list.iter().collect())
        } else if let Ok(tuple) = data.cast::<PyTuple>() {
            Some(tuple.iter().collect())
        } else {
            None
        };
        PyObjects { data, items }
    }
}

impl Objects for PyObjects<'_, '_> {
    fn list_len(&self) -> Option<usize> {
        self.items.as_ref().map(Vec::len)
    }

    fn write_item(&mut self, index: usize, tape: &mut Tape) -> Result<(), TapeError> {
        match self.items.as_ref().and_then(|items| items.get(index)) {
            Some(item) => write(item, tape),
            None => Ok(()),
        }
    }

    fn write(&mut self, tape: &mut Tape) -> Result<(), TapeError> {
        write(self.data, tape)
    }

    fn detached<T: Send>(&self, work: impl FnOnce() -> T + Send) -> T {
        self.data.py().detach(work)
    }
}

/// The items of a container being written.
enum Items<'py> {
    Dict(pyo3::types::iter::BoundDictIterator<'py>),
    List(pyo3::types::iter::BoundListIterator<'py>),
    Tuple(pyo3::types::iter::BoundTupleIterator<'py>),
}

/// Writes one Python object to the tape.
pub(crate) fn write(obj: &Bound<'_, PyAny>, tape: &mut Tape) -> Result<(), TapeError> {
    // The open containers with their identities (to refuse one that contains itself: at most
    // the depth the tape writes, so a list beats a hash set).
    let mut stack: Vec<(Items<'_>, usize)> = Vec::with_capacity(8);
    let mut next = Some(obj.clone());
    loop {
        if let Some(obj) = next.take() {
            let kind = json_kind(&obj);
            if matches!(
                kind,
                JsonKind::Object(_) | JsonKind::Array(_) | JsonKind::Tuple(_)
            ) {
                let id = obj.as_ptr() as usize;
                if stack.iter().any(|(_, open)| *open == id) {
                    return Err(tape.refuse(Refusal::Recursive));
                }
                let opened = match kind {
                    JsonKind::Object(dict) => tape.begin_object().then(|| Items::Dict(dict.iter())),
                    JsonKind::Array(items) => tape.begin_array().then_some(Items::List(items)),
                    JsonKind::Tuple(items) => tape.begin_array().then_some(Items::Tuple(items)),
                    _ => None,
                };
                // Not opened: deeper than the validator reads (the tape notes where).
                if let Some(items) = opened {
                    stack.push((items, id));
                }
            } else {
                scalar(&obj, kind, tape)?;
            }
        }
        let Some((top, _)) = stack.last_mut() else {
            return Ok(());
        };
        let item = match top {
            Items::Dict(entries) => loop {
                match entries.next() {
                    // An absent value (`None`, NaN, pandas' `NA`) leaves its entry out.
                    Some((_, value)) if is_absent(&value) => {}
                    Some((key, value)) => {
                        // Faults are found in the dict's order: a key that is not a `str` after
                        // a value JSON cannot hold is not reached.
                        let Ok(key) = key.cast::<PyString>() else {
                            return Err(tape.refuse(Refusal::KeyNotText {
                                shown: describe(&key),
                                type_name: type_name(&key),
                            }));
                        };
                        tape.key(text(key, tape, true)?);
                        break Some(value);
                    }
                    None => break None,
                }
            },
            Items::List(items) => items.next(),
            Items::Tuple(items) => items.next(),
        };
        match item {
            Some(item) => next = Some(item),
            None => {
                stack.pop();
                tape.end();
            }
        }
    }
}

/// Writes a value that is not a container.
fn scalar(
    obj: &Bound<'_, PyAny>,
    kind: JsonKind<'_, '_>,
    tape: &mut Tape,
) -> Result<(), TapeError> {
    match kind {
        JsonKind::Str(s) => tape.string(text(s, tape, false)?),
        JsonKind::Null => tape.null(),
        JsonKind::Bool(b) => tape.bool(b),
        JsonKind::Int(Some(Int::Signed(v))) => tape.signed(v),
        JsonKind::Int(Some(Int::Unsigned(v))) => tape.unsigned(v),
        JsonKind::Int(None) => {
            let bits: u64 = obj
                .call_method0("bit_length")
                .and_then(|b| b.extract())
                .unwrap_or(0);
            return Err(tape.refuse(Refusal::IntTooLarge { bits }));
        }
        JsonKind::Float(v) => tape.float(v)?,
        JsonKind::Other => {
            return Err(tape.refuse(Refusal::NotJson {
                type_name: type_name(obj),
            }));
        }
        JsonKind::Object(_) | JsonKind::Array(_) | JsonKind::Tuple(_) => {}
    }
    Ok(())
}

/// A Python string's text; one with a lone surrogate is refused.
fn text<'s>(s: &'s Bound<'_, PyString>, tape: &Tape, key: bool) -> Result<&'s str, TapeError> {
    s.to_str()
        .map_err(|_| tape.refuse(Refusal::NotUnicode { key }))
}

/// What a Python object is as JSON data: `str` before `dict`, `bool` before `int`, tuples as
/// lists (the most frequent kinds first).
pub(crate) enum JsonKind<'a, 'py> {
    Str(&'a Bound<'py, PyString>),
    Object(&'a Bound<'py, PyDict>),
    Array(pyo3::types::iter::BoundListIterator<'py>),
    Tuple(pyo3::types::iter::BoundTupleIterator<'py>),
    Null,
    Bool(bool),
    /// An integer, or `None` when it does not fit in 64 bits.
    Int(Option<Int>),
    Float(f64),
    /// Not JSON data.
    Other,
}

/// An integer that fits in 64 bits.
#[derive(Clone, Copy)]
pub(crate) enum Int {
    Signed(i64),
    Unsigned(u64),
}

pub(crate) fn json_kind<'a, 'py>(obj: &'a Bound<'py, PyAny>) -> JsonKind<'a, 'py> {
    if let Ok(s) = obj.cast::<PyString>() {
        return JsonKind::Str(s);
    }
    if let Ok(dict) = obj.cast::<PyDict>() {
        return JsonKind::Object(dict);
    }
    if let Ok(list) = obj.cast::<PyList>() {
        return JsonKind::Array(list.iter());
    }
    if obj.is_none() {
        return JsonKind::Null;
    }
    if let Ok(b) = obj.cast::<PyBool>() {
        return JsonKind::Bool(b.is_true());
    }
    if let Ok(i) = obj.cast::<PyInt>() {
        return JsonKind::Int(
            i.extract::<i64>()
                .map(Int::Signed)
                .or_else(|_| i.extract::<u64>().map(Int::Unsigned))
                .ok(),
        );
    }
    if let Ok(f) = obj.cast::<PyFloat>() {
        return JsonKind::Float(f.value());
    }
    if let Ok(tuple) = obj.cast::<PyTuple>() {
        return JsonKind::Tuple(tuple.iter());
    }
    JsonKind::Other
}

/// Whether a dict's value stands for no value, so that the entry is read as absent, as an
/// empty cell of a table is: `None`, a NaN float (the empty cell of a pandas column of
/// numbers), and pandas' `NA` and `NaT` (recognised by their types' names and module, without
/// importing pandas).
pub(crate) fn is_absent(obj: &Bound<'_, PyAny>) -> bool {
    // The JSON types with fast checks first (`bool` is an `int`); `float` is checked after
    // them, as its check walks the type's bases. Only other objects are asked their type's name.
    if obj.cast::<PyString>().is_ok()
        || obj.cast::<PyDict>().is_ok()
        || obj.cast::<PyList>().is_ok()
        || obj.cast::<PyInt>().is_ok()
        || obj.cast::<PyTuple>().is_ok()
    {
        return false;
    }
    if obj.is_none() {
        return true;
    }
    if let Ok(f) = obj.cast::<PyFloat>() {
        return f.value().is_nan();
    }
    let ty = obj.get_type();
    let named = ty
        .name()
        .is_ok_and(|n| matches!(n.to_str(), Ok("NAType" | "NaTType")));
    named
        && ty
            .module()
            .is_ok_and(|m| m.to_str().is_ok_and(|m| m.starts_with("pandas")))
}

/// The qualified name of an object's type.
pub(crate) fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type()
        .qualname()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|_| "?".to_owned())
}

/// A short repr of a value for messages (at most 60 characters).
pub(crate) fn describe(obj: &Bound<'_, PyAny>) -> String {
    let text = obj
        .repr()
        .map(|r| r.to_string_lossy().into_owned())
        .unwrap_or_else(|_| format!("<{}>", type_name(obj)));
    if text.chars().count() > 60 {
        let cut: String = text.chars().take(57).collect();
        format!("{cut}...")
    } else {
        text
    }
}
