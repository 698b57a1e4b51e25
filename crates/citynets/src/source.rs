//! [`Source`]: the web page a fact rests on.

use serde::{Deserialize, Serialize};

use crate::{Fact, List, Note, PartialDate, Text, Url};

/// A web page that supports facts of a record (Popolo's `sources` item: `url` and `note`),
/// with the fields it supports and when it was consulted, where known.
///
/// ```
/// use citynets::{Fact, Source};
///
/// let s: Source = serde_json::from_str(
///     r#"{"url": "https://en.wikipedia.org/wiki/Eurocities", "fields": ["founding_date", "secretariat"]}"#,
/// ).unwrap();
/// assert!(s.supports(Fact::FoundingDate));
/// assert!(!s.supports(Fact::Website));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// The address of the page.
    pub url: Url,
    /// The page's title or publisher, for people reading the data.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<Text<300>>,
    /// Which fields of the record this page supports.
    #[serde(default, skip_serializing_if = "List::is_empty")]
    pub fields: List<Fact, 16>,
    /// When the page was consulted, where known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accessed: Option<PartialDate>,
    /// What the page says, or how to read it, in a few words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Note>,
}

impl Source {
    /// A source with only an address.
    pub fn new(url: Url) -> Self {
        Source {
            url,
            title: None,
            fields: List::empty(),
            accessed: None,
            note: None,
        }
    }

    /// Whether this page supports the given field.
    pub fn supports(&self, fact: Fact) -> bool {
        self.fields.contains(&fact)
    }
}
