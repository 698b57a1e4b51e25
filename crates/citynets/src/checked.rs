//! The `checked_string!` macro: string newtypes whose values match a pattern. The same pattern
//! text goes into the JSON Schema, and a hand-written check that accepts exactly the same
//! strings runs when the value is parsed or deserialized.
//!
//! A value is kept in a `String`, or, for patterns that allow only a few ASCII characters
//! (codes and dates), in place ([`Inline`]): reading a record then allocates nothing for them.

/// Where a checked string keeps its text.
pub(crate) trait Storage: Sized {
    /// Keeps `s`, already checked; `None` if this storage cannot hold it.
    fn keep(s: String) -> Option<Self>;
    /// Keeps a copy of `s`, already checked; `None` if this storage cannot hold it.
    fn keep_str(s: &str) -> Option<Self>;
    /// Whether [`keep_str`](Self::keep_str) keeps `s`, found without keeping it.
    fn fits(s: &str) -> bool;
    fn text(&self) -> &str;
}

/// A string type of the model that accepts exactly the strings of [`accepts`](Self::accepts):
/// what the [views](crate::validate) check a value with, without keeping it.
pub(crate) trait Accepts {
    /// Whether deserializing the type from `s` succeeds.
    fn accepts(s: &str) -> bool;
}

impl Storage for String {
    fn keep(s: String) -> Option<Self> {
        Some(s)
    }
    fn keep_str(s: &str) -> Option<Self> {
        Some(s.to_owned())
    }
    fn fits(_: &str) -> bool {
        true
    }
    fn text(&self) -> &str {
        self
    }
}

/// At most `N` bytes of ASCII text, kept in place rather than allocated.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Inline<const N: usize> {
    len: u8,
    /// The text, then zeros (so that equal texts are equal arrays).
    bytes: [u8; N],
}

impl<const N: usize> Storage for Inline<N> {
    fn keep(s: String) -> Option<Self> {
        Self::keep_str(&s)
    }
    fn keep_str(s: &str) -> Option<Self> {
        if !Self::fits(s) {
            return None;
        }
        let mut bytes = [0u8; N];
        bytes.get_mut(..s.len())?.copy_from_slice(s.as_bytes());
        Some(Inline {
            len: u8::try_from(s.len()).ok()?,
            bytes,
        })
    }
    fn fits(s: &str) -> bool {
        s.is_ascii() && s.len() <= N && u8::try_from(s.len()).is_ok()
    }
    fn text(&self) -> &str {
        // Only ASCII is kept, so the bytes are always UTF-8.
        std::str::from_utf8(self.bytes()).unwrap_or_default()
    }
}

impl<const N: usize> Inline<N> {
    /// The text's bytes, without the UTF-8 check that [`Storage::text`] makes.
    pub(crate) fn bytes(&self) -> &[u8] {
        self.bytes.get(..usize::from(self.len)).unwrap_or_default()
    }
}

/// Ordered as the text is, like a `String` (whose order is that of its bytes).
impl<const N: usize> Ord for Inline<N> {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.bytes().cmp(other.bytes())
    }
}

impl<const N: usize> PartialOrd for Inline<N> {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

/// Shown as the text is, like a `String`.
impl<const N: usize> std::fmt::Debug for Inline<N> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.text(), f)
    }
}

impl<const N: usize> From<Inline<N>> for String {
    fn from(value: Inline<N>) -> String {
        value.text().to_owned()
    }
}

macro_rules! checked_string {
    // The JSON Schema of a type: its pattern and greatest length, unless the type gives its own.
    (@schema $max:expr, $pattern:expr) => {
        schemars::json_schema!({
            "type": "string",
            "maxLength": $max,
            "pattern": $pattern,
        })
    };
    (@schema $max:expr, $pattern:expr, $schema:expr) => {
        $schema
    };

    (
        $(#[doc = $doc:literal])*
        $name:ident, max = $max:expr, storage = $storage:ty, pattern = $pattern:expr, expected = $expected:expr, check = $check:expr $(, schema = $schema:expr)? $(,)?
    ) => {
        $(#[doc = $doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name($storage);

        impl $name {
            /// The regular expression (ECMA-262 syntax, anchored) that every value matches; the
            /// same text is the `pattern` of the JSON Schema, unless the type's schema is its own
            /// (a [`CountryCode`](crate::CountryCode)'s is the `enum` of the assigned codes).
            pub const PATTERN: &'static str = $pattern;
            /// The greatest length in characters.
            pub const MAX_LENGTH: usize = $max;
            /// What a value looks like, in words (for error messages).
            pub const EXPECTED: &'static str = $expected;

            /// Whether a string is a value as far as its form goes (the length is not checked):
            /// it matches [`PATTERN`](Self::PATTERN), and for a
            /// [`CountryCode`](crate::CountryCode) it is also an assigned code.
            pub fn matches_pattern(s: &str) -> bool {
                let check: fn(&str) -> bool = $check;
                check(s)
            }

            /// Checks the string and wraps it.
            pub fn new(s: impl Into<String>) -> Result<Self, $crate::error::ValueError> {
                let s: String = s.into();
                Self::check(&s)?;
                Self::kept(<$storage as $crate::checked::Storage>::keep(s))
            }

            /// [`new`](Self::new) from a borrowed string, which is copied only if it is kept on
            /// the heap.
            fn from_checked_str(s: &str) -> Result<Self, $crate::error::ValueError> {
                Self::check(s)?;
                Self::kept(<$storage as $crate::checked::Storage>::keep_str(s))
            }

            /// Wraps a value kept by the storage (`None`, which a checked value never gives, if
            /// the storage could not hold it).
            fn kept(stored: Option<$storage>) -> Result<Self, $crate::error::ValueError> {
                stored.map($name).ok_or_else(|| {
                    $crate::error::ValueError::new($expected, "a value this type cannot hold")
                })
            }

            fn check(s: &str) -> Result<(), $crate::error::ValueError> {
                // No more bytes than the bound means no more characters either: counting is
                // only needed for longer strings.
                let len = if s.len() <= $max { 0 } else { s.chars().count() };
                if len > $max {
                    return Err($crate::error::ValueError::new(
                        format!("{} of at most {} characters", $expected, $max),
                        format!("{len} characters"),
                    ));
                }
                if !Self::matches_pattern(s) {
                    return Err($crate::error::ValueError::new($expected, format!("{s:?}")));
                }
                Ok(())
            }

            /// The value as a string slice.
            pub fn as_str(&self) -> &str {
                $crate::checked::Storage::text(&self.0)
            }
        }

        impl $crate::checked::Accepts for $name {
            fn accepts(s: &str) -> bool {
                Self::check(s).is_ok() && <$storage as $crate::checked::Storage>::fits(s)
            }
        }

        impl From<$name> for String {
            /// The value as an owned string (without a copy when it is kept on the heap).
            fn from(value: $name) -> String {
                String::from(value.0)
            }
        }

        impl std::ops::Deref for $name {
            type Target = str;
            fn deref(&self) -> &str {
                self.as_str()
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for $name {
            type Err = $crate::error::ValueError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Self::new(s)
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.as_str() == other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.as_str() == *other
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                // What a `String` accepts, checked without first copying a borrowed string. A
                // value that fails the check is reported once the string is read, as it was
                // when a `String` was read first, so that a deserializer places the error
                // where it placed it then.
                struct Visitor;
                impl<'de> serde::de::Visitor<'de> for Visitor {
                    type Value = Result<$name, $crate::error::ValueError>;
                    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        f.write_str("a string")
                    }
                    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
                        Ok($name::from_checked_str(v))
                    }
                    fn visit_string<E: serde::de::Error>(self, v: String) -> Result<Self::Value, E> {
                        Ok($name::new(v))
                    }
                    fn visit_bytes<E: serde::de::Error>(self, v: &[u8]) -> Result<Self::Value, E> {
                        match std::str::from_utf8(v) {
                            Ok(s) => self.visit_str(s),
                            Err(_) => Err(E::invalid_value(serde::de::Unexpected::Bytes(v), &self)),
                        }
                    }
                    fn visit_byte_buf<E: serde::de::Error>(self, v: Vec<u8>) -> Result<Self::Value, E> {
                        match String::from_utf8(v) {
                            Ok(s) => self.visit_string(s),
                            Err(e) => Err(E::invalid_value(
                                serde::de::Unexpected::Bytes(&e.into_bytes()),
                                &self,
                            )),
                        }
                    }
                }
                d.deserialize_string(Visitor)?.map_err(serde::de::Error::custom)
            }
        }

        #[cfg(feature = "schema")]
        impl schemars::JsonSchema for $name {
            fn inline_schema() -> bool {
                // Inline, also for a schema of its own (`CountryCode`'s `enum`): an optional
                // value's schema is then this one with `null` added, which the validator reads,
                // rather than an `anyOf`, which it does not.
                true
            }
            fn schema_name() -> std::borrow::Cow<'static, str> {
                stringify!($name).into()
            }
            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                checked_string!(@schema $max, $pattern $(, $schema)?)
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use crate::{CountryCode, PartialDate};

    /// Dates kept in place sort, compare, print and hash as the same texts in a `String` do.
    #[test]
    fn values_kept_in_place_behave_as_their_text() {
        let texts = [
            "2016",
            "2016-11",
            "2016-11-18",
            "2015-12-31",
            "2016-02",
            "1999",
        ];
        for a in texts {
            for b in texts {
                let (da, db) = (a.parse::<PartialDate>(), b.parse::<PartialDate>());
                let (Ok(da), Ok(db)) = (da, db) else {
                    panic!("{a} or {b} did not parse");
                };
                assert_eq!(da.cmp(&db), a.cmp(b), "{a} {b}");
                assert_eq!(da == db, a == b, "{a} {b}");
                if a == b {
                    use std::hash::BuildHasher;
                    let state = std::hash::RandomState::new();
                    assert_eq!(state.hash_one(&da), state.hash_one(&db));
                }
            }
            let d: PartialDate = a.parse().unwrap_or_else(|e| panic!("{a}: {e}"));
            assert_eq!(format!("{d:?}"), format!("PartialDate({a:?})"));
            assert_eq!(d.to_string(), a);
            assert_eq!(String::from(d), a);
        }
    }

    /// Deserializing accepts what a `String` accepts, escapes included, and refuses the rest
    /// with the same messages.
    #[test]
    fn deserializing_accepts_what_a_string_does() {
        let code: CountryCode =
            serde_json::from_str(r#""\u0042E""#).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(code, "BE");
        let date: PartialDate =
            serde_json::from_str(r#""2016-11""#).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(date.month(), Some(11));
        let not_a_string = serde_json::from_str::<CountryCode>("5")
            .map(|_| ())
            .unwrap_err();
        let string_too = serde_json::from_str::<String>("5").map(|_| ()).unwrap_err();
        assert_eq!(not_a_string.to_string(), string_too.to_string());
        // A value that fails its check is placed where a `String` checked after reading was.
        #[derive(Debug)]
        struct ReadFirst;
        impl<'de> serde::Deserialize<'de> for ReadFirst {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                CountryCode::new(s)
                    .map(|_| ReadFirst)
                    .map_err(serde::de::Error::custom)
            }
        }
        for json in ["[\"be\"]", "{\"a\":\n  \"BEL\"\n}", "\"x\"", "[\"BE\", 5]"] {
            let ours =
                serde_json::from_str::<std::collections::BTreeMap<String, CountryCode>>(json)
                    .map(|_| ())
                    .or_else(|_| serde_json::from_str::<Vec<CountryCode>>(json).map(|_| ()))
                    .or_else(|_| serde_json::from_str::<CountryCode>(json).map(|_| ()));
            let theirs =
                serde_json::from_str::<std::collections::BTreeMap<String, ReadFirst>>(json)
                    .map(|_| ())
                    .or_else(|_| serde_json::from_str::<Vec<ReadFirst>>(json).map(|_| ()))
                    .or_else(|_| serde_json::from_str::<ReadFirst>(json).map(|_| ()));
            let (Err(ours), Err(theirs)) = (ours, theirs) else {
                panic!("{json} was accepted");
            };
            assert_eq!(
                (ours.line(), ours.column()),
                (theirs.line(), theirs.column()),
                "{json}"
            );
        }
        for bad in [r#""be""#, r#""BEL""#, r#""B\u00c9""#, r#""2016-13""#] {
            let as_code = serde_json::from_str::<CountryCode>(bad).is_ok();
            let as_date = serde_json::from_str::<PartialDate>(bad).is_ok();
            assert!(!as_code && !as_date, "{bad}");
        }
    }
}
