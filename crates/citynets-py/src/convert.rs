//! Python objects to `serde_json::Value`, without recursion on the native stack.
//!
//! JSON types only: `None`, `bool`, `int` (64-bit), finite `float`, `str`, `list`, `tuple` and
//! `dict` with `str` keys (subclasses included). Anything else is a `TypeError`; an integer
//! beyond 64 bits, a NaN or infinite float and a string with lone surrogates are a
//! `ValueError`; a container that contains itself is a `TypeError` ("recursive structure").
//! Every message names the place of the value as a JSON Pointer.
//!
//! Containers nested deeper than the validator's limit are not read: an empty container stands
//! in for each, deep enough for the validator to report the input as `too_deep`.

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use serde_json::{Map, Number, Value};

/// A step from a container to one of its items.
enum Step {
    Index(usize),
    Key(String),
}

/// The items of a container still to convert, with their steps.
type Pending<'py> = std::vec::IntoIter<(Step, Bound<'py, PyAny>)>;

/// A value as far as one level goes: a leaf, or a container whose items are still Python
/// objects.
enum Node<'py> {
    Leaf(Value),
    Container(Built, Pending<'py>),
}

/// A container being built.
enum Built {
    Array(Vec<Value>),
    Object(Map<String, Value>),
}

impl Built {
    fn insert(&mut self, step: Step, value: Value) {
        match (self, step) {
            (Built::Array(items), _) => items.push(value),
            (Built::Object(map), Step::Key(key)) => {
                map.insert(key, value);
            }
            // Items of an object always come with their key.
            (Built::Object(_), Step::Index(_)) => {}
        }
    }

    fn into_value(self) -> Value {
        match self {
            Built::Array(items) => Value::Array(items),
            Built::Object(map) => Value::Object(map),
        }
    }
}

/// A container on the work stack.
struct Frame<'py> {
    /// Where the container sits in its parent (`None` for the root).
    step: Option<Step>,
    built: Built,
    pending: Pending<'py>,
}

/// Converts one Python object. A container nested deeper than `max_depth` levels (the top
/// level is level 1) is not read: an empty container of the same kind stands in its place, so
/// that the validator reports the depth, and the pointer of the first such place is returned.
pub(crate) fn convert(
    obj: &Bound<'_, PyAny>,
    max_depth: usize,
) -> PyResult<(Value, Option<String>)> {
    let (built, pending) = match classify(obj, &String::new)? {
        Node::Leaf(value) => return Ok((value, None)),
        Node::Container(built, pending) => (built, pending),
    };
    let mut cut: Option<String> = None;
    let root_id = id_of(obj);
    // The identities of the open containers (one per frame), to detect a container that
    // contains itself; at most `max_depth` of them, so a list beats a hash set.
    let mut ancestors: Vec<usize> = vec![root_id];
    let mut stack = vec![Frame {
        step: None,
        built,
        pending,
    }];

    loop {
        let next = match stack.last_mut() {
            Some(top) => top.pending.next(),
            // The root frame is only popped with its value returned below.
            None => return Ok((Value::Null, cut)),
        };
        if let Some((step, child)) = next {
            match classify(&child, &|| pointer(&stack, Some(&step)))? {
                Node::Leaf(value) => {
                    if let Some(top) = stack.last_mut() {
                        top.built.insert(step, value);
                    }
                }
                Node::Container(built, pending) => {
                    let id = id_of(&child);
                    if ancestors.contains(&id) {
                        return Err(PyTypeError::new_err(format!(
                            "recursive structure: the container at {} contains itself",
                            shown(&pointer(&stack, Some(&step)))
                        )));
                    }
                    if stack.len() + 1 > max_depth {
                        if cut.is_none() {
                            cut = Some(pointer(&stack, Some(&step)));
                        }
                        if let Some(top) = stack.last_mut() {
                            top.built.insert(step, built.into_value());
                        }
                        continue;
                    }
                    ancestors.push(id);
                    stack.push(Frame {
                        step: Some(step),
                        built,
                        pending,
                    });
                }
            }
        } else {
            let Some(done) = stack.pop() else {
                return Ok((Value::Null, cut));
            };
            ancestors.pop();
            let value = done.built.into_value();
            match (stack.last_mut(), done.step) {
                (Some(parent), Some(step)) => parent.built.insert(step, value),
                _ => return Ok((value, cut)),
            }
        }
    }
}

fn id_of(obj: &Bound<'_, PyAny>) -> usize {
    obj.as_ptr() as usize
}

/// Reads one level of a Python object. `at` gives the pointer for messages (computed only
/// when there is an error).
fn classify<'py>(obj: &Bound<'py, PyAny>, at: &dyn Fn() -> String) -> PyResult<Node<'py>> {
    // The most frequent types first. bool is checked before int, of which it is a subclass.
    if let Ok(s) = obj.cast::<PyString>() {
        let text = s.to_str().map_err(|_| {
            PyValueError::new_err(format!(
                "the string at {} is not valid Unicode text (it has a lone surrogate)",
                shown(&at())
            ))
        })?;
        return Ok(Node::Leaf(Value::String(text.to_owned())));
    }
    if let Ok(dict) = obj.cast::<PyDict>() {
        return object(dict, at);
    }
    if let Ok(list) = obj.cast::<PyList>() {
        return Ok(array(list.iter().collect()));
    }
    if obj.is_none() {
        return Ok(Node::Leaf(Value::Null));
    }
    if let Ok(b) = obj.cast::<PyBool>() {
        return Ok(Node::Leaf(Value::Bool(b.is_true())));
    }
    if let Ok(i) = obj.cast::<PyInt>() {
        if let Ok(v) = i.extract::<i64>() {
            return Ok(Node::Leaf(Value::from(v)));
        }
        if let Ok(v) = i.extract::<u64>() {
            return Ok(Node::Leaf(Value::from(v)));
        }
        let bits: u64 = i
            .call_method0("bit_length")
            .and_then(|b| b.extract())
            .unwrap_or(0);
        return Err(PyValueError::new_err(format!(
            "the integer at {} is too large ({bits} bits): JSON numbers here must lie between \
             -2**63 and 2**64-1",
            shown(&at())
        )));
    }
    if let Ok(f) = obj.cast::<PyFloat>() {
        let v = f.value();
        return match Number::from_f64(v) {
            Some(n) => Ok(Node::Leaf(Value::Number(n))),
            None => Err(PyValueError::new_err(format!(
                "the float at {} is {v}, which JSON cannot represent",
                shown(&at())
            ))),
        };
    }
    if let Ok(tuple) = obj.cast::<PyTuple>() {
        return Ok(array(tuple.iter().collect()));
    }
    Err(PyTypeError::new_err(format!(
        "object of type {} at {} is not JSON data: validate takes dict, list, tuple, str, int, \
         float, bool and None",
        type_name(obj),
        shown(&at())
    )))
}

/// Reads the entries of a dict. No Python code runs while the dict is iterated: a key that is
/// not a `str` ends the iteration before its repr is taken for the message.
fn object<'py>(dict: &Bound<'py, PyDict>, at: &dyn Fn() -> String) -> PyResult<Node<'py>> {
    let mut entries = Vec::with_capacity(dict.len());
    let mut bad_key = None;
    for (key, value) in dict.iter() {
        match key.cast::<PyString>() {
            Ok(key_str) => {
                let key_text = key_str.to_str().map_err(|_| {
                    PyValueError::new_err(format!(
                        "a key of the dict at {} is not valid Unicode text (it has a lone \
                         surrogate)",
                        shown(&at())
                    ))
                })?;
                entries.push((Step::Key(key_text.to_owned()), value));
            }
            Err(_) => {
                bad_key = Some(key);
                break;
            }
        }
    }
    if let Some(key) = bad_key {
        return Err(PyTypeError::new_err(format!(
            "keys must be str: the dict at {} has the key {} of type {}",
            shown(&at()),
            describe(&key),
            type_name(&key)
        )));
    }
    Ok(Node::Container(
        Built::Object(Map::new()),
        entries.into_iter(),
    ))
}

fn array(items: Vec<Bound<'_, PyAny>>) -> Node<'_> {
    let built = Built::Array(Vec::with_capacity(items.len()));
    let pending: Vec<_> = items
        .into_iter()
        .enumerate()
        .map(|(i, v)| (Step::Index(i), v))
        .collect();
    Node::Container(built, pending.into_iter())
}

/// The pointer of an item: the steps of the open containers, and the item's step.
fn pointer(stack: &[Frame<'_>], last: Option<&Step>) -> String {
    let mut out = String::new();
    for step in stack.iter().filter_map(|f| f.step.as_ref()).chain(last) {
        out.push('/');
        match step {
            Step::Index(i) => out.push_str(&i.to_string()),
            Step::Key(k) => out.push_str(&k.replace('~', "~0").replace('/', "~1")),
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
