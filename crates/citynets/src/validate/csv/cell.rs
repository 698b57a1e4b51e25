//! The JSON text of a CSV cell read into a value, with the keys that one of its objects gives
//! twice: the JSON reader warns about those (the last value is kept), and a cell must get the
//! same warning. `serde_json::Value` alone keeps the last value and says nothing.

use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

use super::super::json::{self, JsonError};

/// A key given twice in one object of a cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Repeated {
    /// The path from the cell's value to the key (the key last), as JSON Pointer tokens.
    pub path: Vec<String>,
}

/// Reads `text` as one JSON value; the keys repeated in its objects come along, in the order
/// of the text.
pub(super) fn read(text: &str) -> Result<(Value, Vec<Repeated>), JsonError> {
    let mut walk = Walk {
        path: Vec::new(),
        repeated: Vec::new(),
    };
    let value = json::read_seed(&mut walk, text)?;
    Ok((value, walk.repeated))
}

/// Where the reading stands, and what it found.
struct Walk {
    path: Vec<String>,
    repeated: Vec<Repeated>,
}

impl<'de> DeserializeSeed<'de> for &mut Walk {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for &mut Walk {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        // As `serde_json::Value` reads it: JSON text has no number that is not finite.
        Ok(serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }

    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        loop {
            self.path.push(items.len().to_string());
            let item = seq.next_element_seed(&mut *self);
            self.path.pop();
            match item? {
                Some(v) => items.push(v),
                None => return Ok(Value::Array(items)),
            }
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut object = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            self.path.push(key);
            if object.contains_key(self.path.last().map_or("", String::as_str)) {
                // As the JSON reader does, at the key: what was said of the value it replaces
                // (a repeat inside it, or the key's own earlier repeat) no longer holds.
                let path = &self.path;
                self.repeated.retain(|r| !r.path.starts_with(path));
                self.repeated.push(Repeated {
                    path: self.path.clone(),
                });
            }
            let value = map.next_value_seed(&mut *self);
            let key = self.path.pop().unwrap_or_default();
            object.insert(key, value?);
        }
        Ok(Value::Object(object))
    }
}

/// The message of a repeated key's warning: the JSON reader's.
pub(super) fn message(key: &str) -> String {
    format!("the key {key:?} appears twice in this object; the last value is the one validated")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_serde_json_reads() {
        for text in [
            "null",
            "[1, -2, 3.5, 1e300, \"é\\n\", true, {}]",
            "{\"a\": {\"b\": [1, {\"c\": null}]}, \"d\": 18446744073709551615}",
            " [] ",
        ] {
            let (value, repeated) = read(text).unwrap();
            assert_eq!(
                value,
                serde_json::from_str::<Value>(text).unwrap(),
                "{text}"
            );
            assert!(repeated.is_empty());
        }
        for bad in ["", "[1,]", "{\"a\" 1}", "[1] 2", "{\"a\": nul}"] {
            assert!(read(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn finds_keys_given_twice_and_keeps_the_last_value() {
        let text =
            r#"[{"count": 1, "date": "2020", "count": 2}, {"member": {"city": "A", "city": "B"}}]"#;
        let (value, repeated) = read(text).unwrap();
        assert_eq!(value, serde_json::from_str::<Value>(text).unwrap());
        assert_eq!(value[0]["count"], 2);
        let paths: Vec<Vec<String>> = repeated.into_iter().map(|r| r.path).collect();
        assert_eq!(paths, [vec!["0", "count"], vec!["1", "member", "city"]]);
    }

    #[test]
    fn a_repeat_replaces_what_was_said_of_the_value_before_it() {
        let paths = |text: &str| -> Vec<String> {
            let (value, repeated) = read(text).unwrap();
            assert_eq!(value, serde_json::from_str::<Value>(text).unwrap());
            repeated.into_iter().map(|r| r.path.join("/")).collect()
        };
        // Three times: one warning, as from the JSON reader.
        assert_eq!(paths(r#"{"a": 1, "a": 2, "a": 3}"#), ["a"]);
        // The repeats inside a replaced value no longer count.
        assert_eq!(paths(r#"{"x": {"b": 1, "b": 2}, "x": 3}"#), ["x"]);
        // The key first, then what is inside its new value.
        assert_eq!(paths(r#"{"x": 1, "x": {"b": 1, "b": 2}}"#), ["x", "x/b"]);
    }
}
