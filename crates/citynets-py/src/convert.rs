//! Python objects to JSON text, without recursion on the native stack.
//!
//! JSON types only: `None`, `bool`, `int` (64-bit), finite `float`, `str`, `list`, `tuple` and
//! `dict` with `str` keys (subclasses included). A dict's entry whose value is absent (`None`,
//! NaN, pandas' `NA` or `NaT`: see [`is_absent`]) is left out, as an empty cell is. Anything
//! else is a `TypeError`; an integer beyond 64 bits, a NaN or infinite float in a list and a
//! string with lone surrogates are a `ValueError`; a container that contains itself is a `TypeError` ("recursive structure").
//! Every message names the place of the value as a JSON Pointer.
//!
//! The text keeps the order of each dict's keys, and goes to the same validator as a file
//! does (so records the typed model accepts take its fast path). Containers nested deeper than
//! the validator's limit are not read: an empty container stands in for each, deep enough for
//! the validator to report the input as `too_deep`.

use citynets::validate::pointer;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};

/// A step from a container to one of its items.
enum Step<'py> {
    Index(usize),
    Key(Bound<'py, PyString>),
}

/// The items of a container still to write, with their steps.
type Pending<'py> = std::vec::IntoIter<(Step<'py>, Bound<'py, PyAny>)>;

/// What reading one level of a value found: a leaf (already written), or a container whose
/// opening bracket is written and whose items are still Python objects.
enum Node<'py> {
    Leaf,
    Container { object: bool, items: Pending<'py> },
}

/// A container on the work stack.
struct Frame<'py> {
    /// Where the container sits in its parent (`None` for the root).
    step: Option<Step<'py>>,
    object: bool,
    items: Pending<'py>,
    /// Whether no item has been written yet.
    first: bool,
}

/// Writes one Python object as JSON text. A container nested deeper than `max_depth` levels
/// (the top level is level 1) is not read: an empty container of the same kind stands in its
/// place, so that the validator reports the depth, and the pointer of the first such place is
/// returned.
pub(crate) fn to_json(
    obj: &Bound<'_, PyAny>,
    max_depth: usize,
) -> PyResult<(Vec<u8>, Option<String>)> {
    let mut out = Vec::with_capacity(4096);
    let (object, items) = match classify(obj, &mut out, &String::new)? {
        Node::Leaf => return Ok((out, None)),
        Node::Container { object, items } => (object, items),
    };
    let mut cut: Option<String> = None;
    // The identities of the open containers (one per frame), to detect a container that
    // contains itself; at most `max_depth` of them, so a list beats a hash set.
    let mut ancestors: Vec<usize> = vec![id_of(obj)];
    let mut stack = vec![Frame {
        step: None,
        object,
        items,
        first: true,
    }];

    loop {
        let next = match stack.last_mut() {
            Some(top) => {
                let next = top.items.next();
                if next.is_some() && !std::mem::replace(&mut top.first, false) {
                    out.push(b',');
                }
                next
            }
            None => return Ok((out, cut)),
        };
        let Some((step, child)) = next else {
            if let Some(done) = stack.pop() {
                ancestors.pop();
                out.push(if done.object { b'}' } else { b']' });
            }
            if stack.is_empty() {
                return Ok((out, cut));
            }
            continue;
        };
        if let Step::Key(key) = &step {
            write_str(&mut out, key, &|| pointer(&stack, None))?;
            out.push(b':');
        }
        match classify(&child, &mut out, &|| pointer(&stack, Some(&step)))? {
            Node::Leaf => {}
            Node::Container { object, items } => {
                let id = id_of(&child);
                if ancestors.contains(&id) {
                    return Err(crate::errors::type_error(format!(
                        "recursive structure: the container at {} contains itself",
                        shown(&pointer(&stack, Some(&step)))
                    )));
                }
                if stack.len() + 1 > max_depth {
                    if cut.is_none() {
                        cut = Some(pointer(&stack, Some(&step)));
                    }
                    out.push(if object { b'}' } else { b']' });
                    continue;
                }
                ancestors.push(id);
                stack.push(Frame {
                    step: Some(step),
                    object,
                    items,
                    first: true,
                });
            }
        }
    }
}

fn id_of(obj: &Bound<'_, PyAny>) -> usize {
    obj.as_ptr() as usize
}

/// What a Python object is as JSON data. Both readers of Python objects (this module's text
/// writer and the typed reader of [`depythonize`](crate::depythonize)) go through this, so they
/// read every object the same way: `str` before `dict`, `bool` before `int`, tuples as lists.
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

/// Reads what kind of JSON value a Python object is (the most frequent kinds first).
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
/// importing pandas). Both readers of Python objects leave such entries out.
pub(crate) fn is_absent(obj: &Bound<'_, PyAny>) -> bool {
    if obj.is_none() {
        return true;
    }
    if let Ok(f) = obj.cast::<PyFloat>() {
        return f.value().is_nan();
    }
    if obj.cast::<PyString>().is_ok()
        || obj.cast::<PyDict>().is_ok()
        || obj.cast::<PyList>().is_ok()
    {
        return false;
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

/// Writes a Python string as a JSON string.
fn write_str(out: &mut Vec<u8>, s: &Bound<'_, PyString>, at: &dyn Fn() -> String) -> PyResult<()> {
    let text = s.to_str().map_err(|_| {
        crate::errors::value_error(format!(
            "the string at {} is not valid Unicode text (it has a lone surrogate)",
            shown(&at())
        ))
    })?;
    write_json(out, text)
}

/// Writes a value serde can write (a string, a number) as JSON.
fn write_json<T: serde::Serialize + ?Sized>(out: &mut Vec<u8>, value: &T) -> PyResult<()> {
    serde_json::to_writer(&mut *out, value).map_err(|e| crate::errors::value_error(e.to_string()))
}

/// Reads one level of a Python object: writes a leaf, or a container's opening bracket. `at`
/// gives the pointer for messages (computed only when there is an error).
fn classify<'py>(
    obj: &Bound<'py, PyAny>,
    out: &mut Vec<u8>,
    at: &dyn Fn() -> String,
) -> PyResult<Node<'py>> {
    match json_kind(obj) {
        JsonKind::Str(s) => write_str(out, s, at)?,
        JsonKind::Object(dict) => {
            let items = entries(dict, at)?;
            out.push(b'{');
            return Ok(Node::Container {
                object: true,
                items,
            });
        }
        JsonKind::Array(items) => {
            out.push(b'[');
            return Ok(array(items.collect()));
        }
        JsonKind::Tuple(items) => {
            out.push(b'[');
            return Ok(array(items.collect()));
        }
        JsonKind::Null => out.extend_from_slice(b"null"),
        JsonKind::Bool(b) => out.extend_from_slice(if b { b"true" } else { b"false" }),
        JsonKind::Int(Some(Int::Signed(v))) => write_json(out, &v)?,
        JsonKind::Int(Some(Int::Unsigned(v))) => write_json(out, &v)?,
        JsonKind::Int(None) => {
            let bits: u64 = obj
                .call_method0("bit_length")
                .and_then(|b| b.extract())
                .unwrap_or(0);
            return Err(crate::errors::value_error(format!(
                "the integer at {} is too large ({bits} bits): JSON numbers here must lie \
                 between -2**63 and 2**64-1",
                shown(&at())
            )));
        }
        JsonKind::Float(v) => match serde_json::Number::from_f64(v) {
            Some(n) => write_json(out, &n)?,
            None => {
                return Err(crate::errors::value_error(format!(
                    "the float at {} is {v}, which JSON cannot represent",
                    shown(&at())
                )));
            }
        },
        JsonKind::Other => {
            return Err(crate::errors::type_error(format!(
                "object of type {} at {} is not JSON data: validate takes dict, list, tuple, \
                 str, int, float, bool and None",
                type_name(obj),
                shown(&at())
            )));
        }
    }
    Ok(Node::Leaf)
}

/// Reads the entries of a dict. No Python code runs while the dict is iterated: a key that is
/// not a `str` ends the iteration before its repr is taken for the message.
fn entries<'py>(dict: &Bound<'py, PyDict>, at: &dyn Fn() -> String) -> PyResult<Pending<'py>> {
    let mut entries = Vec::with_capacity(dict.len());
    let mut bad_key = None;
    for (key, value) in dict.iter() {
        if is_absent(&value) {
            continue;
        }
        match key.cast_into::<PyString>() {
            Ok(key_str) => entries.push((Step::Key(key_str), value)),
            Err(e) => {
                bad_key = Some(e.into_inner());
                break;
            }
        }
    }
    if let Some(key) = bad_key {
        return Err(crate::errors::type_error(format!(
            "keys must be str: the dict at {} has the key {} of type {}",
            shown(&at()),
            describe(&key),
            type_name(&key)
        )));
    }
    Ok(entries.into_iter())
}

fn array(items: Vec<Bound<'_, PyAny>>) -> Node<'_> {
    let items: Vec<_> = items
        .into_iter()
        .enumerate()
        .map(|(i, v)| (Step::Index(i), v))
        .collect();
    Node::Container {
        object: false,
        items: items.into_iter(),
    }
}

/// The pointer of an item: the steps of the open containers, and the item's step.
fn pointer(stack: &[Frame<'_>], last: Option<&Step<'_>>) -> String {
    let mut out = String::new();
    for step in stack.iter().filter_map(|f| f.step.as_ref()).chain(last) {
        match step {
            Step::Index(i) => pointer::push(&mut out, &i.to_string()),
            Step::Key(k) => pointer::push(&mut out, &k.to_string_lossy()),
        }
    }
    out
}

/// A pointer as shown in messages: the empty pointer is the top level.
fn shown(pointer: &str) -> String {
    if pointer.is_empty() {
        "the top level".to_owned()
    } else {
        pointer.to_owned()
    }
}

/// The qualified name of an object's type.
pub(crate) fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type()
        .qualname()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|_| "?".to_owned())
}

/// A short repr of a value for messages (at most 60 characters).
fn describe(obj: &Bound<'_, PyAny>) -> String {
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
