//! A serde `Deserializer` over Python objects with JSON's types, so that a record given as
//! Python objects can be read straight into the model's types (the validator's fast path)
//! without being written out as JSON text.
//!
//! It accepts exactly what [`to_json`](crate::convert::to_json) writes, reading each object
//! through the same [`json_kind`](crate::convert::json_kind). Anything else is
//! an error, after which the caller validates the data as text, which names the problem. The
//! depth of the walk is bounded by the model's types, whatever the input: a value of the wrong
//! kind is refused without being read.

use pyo3::prelude::*;
use pyo3::types::PyString;
use serde::de::{self, DeserializeSeed, IntoDeserializer, MapAccess, SeqAccess, Visitor};

use crate::convert::{Int, JsonKind, is_absent, json_kind};

/// Why an object could not be read into the types; only ever a signal to take the slow path.
#[derive(Debug)]
pub(crate) struct NotTyped(String);

impl std::fmt::Display for NotTyped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for NotTyped {}

impl de::Error for NotTyped {
    fn custom<T: std::fmt::Display>(msg: T) -> Self {
        NotTyped(msg.to_string())
    }
}

/// One Python object, to be read as a JSON value.
pub(crate) struct PyValue<'a, 'py>(pub &'a Bound<'py, PyAny>);

fn not_json() -> NotTyped {
    NotTyped("not JSON data".into())
}

impl<'de> de::Deserializer<'de> for PyValue<'_, '_> {
    type Error = NotTyped;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, NotTyped> {
        match json_kind(self.0) {
            JsonKind::Str(s) => visitor.visit_str(s.to_str().map_err(|_| not_json())?),
            JsonKind::Object(dict) => visitor.visit_map(Entries {
                items: dict.iter(),
                value: None,
            }),
            JsonKind::Array(items) => visitor.visit_seq(Items::List(items)),
            JsonKind::Tuple(items) => visitor.visit_seq(Items::Tuple(items)),
            JsonKind::Null => visitor.visit_unit(),
            JsonKind::Bool(b) => visitor.visit_bool(b),
            JsonKind::Int(Some(Int::Signed(v))) => visitor.visit_i64(v),
            JsonKind::Int(Some(Int::Unsigned(v))) => visitor.visit_u64(v),
            JsonKind::Float(v) if v.is_finite() => visitor.visit_f64(v),
            JsonKind::Int(None) | JsonKind::Float(_) | JsonKind::Other => Err(not_json()),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, NotTyped> {
        if self.0.is_none() {
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
    ) -> Result<V::Value, NotTyped> {
        // The model's enums are unit variants written as strings.
        let s = self.0.cast::<PyString>().map_err(|_| not_json())?;
        let text = s.to_str().map_err(|_| not_json())?;
        visitor.visit_enum(text.into_deserializer())
    }

    /// A struct is read from a dict only. (Read from a list, serde's derive would take the
    /// items as the fields in order, which the schema refuses.)
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, NotTyped> {
        match json_kind(self.0) {
            JsonKind::Object(dict) => visitor.visit_map(Entries {
                items: dict.iter(),
                value: None,
            }),
            _ => Err(not_json()),
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        unit unit_struct newtype_struct seq tuple tuple_struct map identifier ignored_any
    }
}

/// The items of a list or tuple.
enum Items<'py> {
    List(pyo3::types::iter::BoundListIterator<'py>),
    Tuple(pyo3::types::iter::BoundTupleIterator<'py>),
}

impl<'de> SeqAccess<'de> for Items<'_> {
    type Error = NotTyped;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, NotTyped> {
        let item = match self {
            Items::List(items) => items.next(),
            Items::Tuple(items) => items.next(),
        };
        match item {
            Some(item) => seed.deserialize(PyValue(&item)).map(Some),
            None => Ok(None),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(match self {
            Items::List(items) => items.len(),
            Items::Tuple(items) => items.len(),
        })
    }
}

/// The entries of a dict; keys must be `str`.
struct Entries<'py> {
    items: pyo3::types::iter::BoundDictIterator<'py>,
    value: Option<Bound<'py, PyAny>>,
}

impl<'de> MapAccess<'de> for Entries<'_> {
    type Error = NotTyped;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, NotTyped> {
        // An absent value (`None`, NaN, pandas' `NA`) leaves its entry out.
        let Some((key, value)) = self.items.find(|(_, v)| !is_absent(v)) else {
            return Ok(None);
        };
        let key = key.cast::<PyString>().map_err(|_| not_json())?;
        let text = key.to_str().map_err(|_| not_json())?;
        self.value = Some(value);
        seed.deserialize(text.into_deserializer()).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, NotTyped> {
        match self.value.take() {
            Some(v) => seed.deserialize(PyValue(&v)),
            None => Err(not_json()),
        }
    }
}
