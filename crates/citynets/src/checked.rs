//! The `checked_string!` macro: string newtypes whose values match a pattern. The same pattern
//! text goes into the JSON Schema, and a hand-written check that accepts exactly the same
//! strings runs when the value is parsed or deserialized.

macro_rules! checked_string {
    (
        $(#[doc = $doc:literal])*
        $name:ident, max = $max:expr, pattern = $pattern:expr, expected = $expected:expr, check = $check:expr $(,)?
    ) => {
        $(#[doc = $doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(String);

        impl $name {
            /// The regular expression (ECMA-262 syntax, anchored) that every value matches; the
            /// same text is the `pattern` of the JSON Schema.
            pub const PATTERN: &'static str = $pattern;
            /// The greatest length in characters.
            pub const MAX_LENGTH: usize = $max;
            /// What a value looks like, in words (for error messages).
            pub const EXPECTED: &'static str = $expected;

            /// Whether a string matches [`PATTERN`](Self::PATTERN) (the length is not checked).
            pub fn matches_pattern(s: &str) -> bool {
                let check: fn(&str) -> bool = $check;
                check(s)
            }

            /// Checks the string and wraps it.
            pub fn new(s: impl Into<String>) -> Result<Self, $crate::error::ValueError> {
                let s: String = s.into();
                let check: fn(&str) -> bool = $check;
                // No more bytes than the bound means no more characters either: counting is
                // only needed for longer strings.
                let len = if s.len() <= $max { 0 } else { s.chars().count() };
                if len > $max {
                    return Err($crate::error::ValueError::new(
                        format!("{} of at most {} characters", $expected, $max),
                        format!("{len} characters"),
                    ));
                }
                if !check(&s) {
                    return Err($crate::error::ValueError::new($expected, format!("{s:?}")));
                }
                Ok($name(s))
            }

            /// The value as a string slice.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl From<$name> for String {
            /// The value as an owned string, without a copy.
            fn from(value: $name) -> String {
                value.0
            }
        }

        impl std::ops::Deref for $name {
            type Target = str;
            fn deref(&self) -> &str {
                &self.0
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
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
                self.0 == other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(&self.0)
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                $name::new(s).map_err(serde::de::Error::custom)
            }
        }

        #[cfg(feature = "schema")]
        impl schemars::JsonSchema for $name {
            fn inline_schema() -> bool {
                true
            }
            fn schema_name() -> std::borrow::Cow<'static, str> {
                stringify!($name).into()
            }
            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                schemars::json_schema!({
                    "type": "string",
                    "maxLength": $max,
                    "pattern": $pattern,
                })
            }
        }
    };
}
