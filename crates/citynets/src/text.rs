//! [`Text`]: a non-empty string with an upper bound on its length.

use std::fmt;
use std::ops::Deref;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::ValueError;

/// Free text of 1 to `MAX` characters (Unicode code points, as JSON Schema's `maxLength`
/// counts them). Every string of the model is bounded so that a record has a bounded size.
///
/// ```
/// use citynets::Text;
///
/// let t: Text<10> = "Eurocities".parse().unwrap();
/// assert_eq!(&*t, "Eurocities");
/// assert!("Eurocities!".parse::<Text<10>>().is_err());
/// assert!("".parse::<Text<10>>().is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Text<const MAX: usize>(String);

/// A name: up to 300 characters.
pub type Name = Text<300>;
/// A short label such as an acronym: up to 60 characters.
pub type Label = Text<60>;
/// A sentence or short paragraph: up to 1,000 characters.
pub type Note = Text<1000>;

impl<const MAX: usize> Text<MAX> {
    /// Checks the length and wraps the string.
    pub fn new(s: impl Into<String>) -> Result<Self, ValueError> {
        let s = s.into();
        match Self::length(&s) {
            Length::Fits => Ok(Text(s)),
            Length::Empty => Err(ValueError::new("a non-empty string", "an empty string")),
            Length::Over(len) => Err(ValueError::new(
                format!("at most {MAX} characters"),
                format!("{len} characters"),
            )),
        }
    }

    /// What [`new`](Self::new) checks: 1 to `MAX` characters.
    fn length(s: &str) -> Length {
        if s.is_empty() {
            return Length::Empty;
        }
        // No more bytes than the bound means no more characters either: counting is only
        // needed for longer strings.
        let len = if s.len() <= MAX { 0 } else { s.chars().count() };
        if len > MAX {
            Length::Over(len)
        } else {
            Length::Fits
        }
    }

    /// The text as a string slice.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The inner string.
    pub fn into_string(self) -> String {
        self.0
    }
}

impl<const MAX: usize> Deref for Text<MAX> {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl<const MAX: usize> AsRef<str> for Text<MAX> {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl<const MAX: usize> fmt::Display for Text<MAX> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl<const MAX: usize> std::str::FromStr for Text<MAX> {
    type Err = ValueError;
    fn from_str(s: &str) -> Result<Self, ValueError> {
        Self::new(s)
    }
}

impl<const MAX: usize> PartialEq<str> for Text<MAX> {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl<const MAX: usize> PartialEq<&str> for Text<MAX> {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl<const MAX: usize> Serialize for Text<MAX> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

/// How a string's length stands against a [`Text`]'s bound.
enum Length {
    Fits,
    Empty,
    /// Over the bound, with its length in characters.
    Over(usize),
}

impl<const MAX: usize> crate::checked::Accepts for Text<MAX> {
    fn accepts(s: &str) -> bool {
        matches!(Self::length(s), Length::Fits)
    }
}

impl<'de, const MAX: usize> Deserialize<'de> for Text<MAX> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Text::new(s).map_err(serde::de::Error::custom)
    }
}

#[cfg(feature = "schema")]
impl<const MAX: usize> schemars::JsonSchema for Text<MAX> {
    fn inline_schema() -> bool {
        true
    }
    fn schema_name() -> std::borrow::Cow<'static, str> {
        format!("Text{MAX}").into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": "string", "minLength": 1, "maxLength": MAX })
    }
}
