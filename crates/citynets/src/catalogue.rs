//! [`Catalogue`]: the document that lists one city's networks.

use serde::{Deserialize, Serialize};

use crate::{
    CountQualifier, CountryCode, Error, List, Name, Network, Note, OtherName, PartialDate, Text,
    Url,
};

/// A catalogue document: the networks one city belongs to, where the list came from, and the
/// counts the city itself states.
///
/// ```
/// let ghent = citynets::ghent();
/// assert_eq!(ghent.city.name, "Ghent");
/// assert_eq!(ghent.networks.len(), 38);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Catalogue {
    /// The version of the citynets data model the document follows.
    pub schema_version: SchemaVersion,
    /// The city the catalogue describes.
    pub city: City,
    /// Where the list of networks came from.
    pub list_source: ListSource,
    /// The counts of networks the city states itself, which may not match the list.
    #[serde(default, skip_serializing_if = "List::is_empty")]
    pub stated_counts: List<StatedCount, 16>,
    /// The licence of the data, as an SPDX identifier (`CC-BY-4.0`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub license: Option<Text<64>>,
    /// Remarks on the catalogue as a whole.
    #[serde(default, skip_serializing_if = "List::is_empty")]
    pub notes: List<Note, 16>,
    /// The networks, each with the city's memberships in it.
    pub networks: List<Network, 1_000_000>,
}

/// The version of the data model a document follows: `"2"`. A document of version 1 is
/// refused rather than read under rules it was not written for; CHANGELOG.md says what
/// changed and how to move a document to version 2.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum SchemaVersion {
    /// Version 2.
    #[default]
    #[serde(rename = "2")]
    V2,
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for SchemaVersion {
    fn inline_schema() -> bool {
        true
    }
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "SchemaVersion".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": "string", "enum": ["2"] })
    }
}

/// The city a catalogue describes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct City {
    /// The city's English name.
    pub name: Name,
    /// The city's country.
    pub country: CountryCode,
    /// The city's names in other languages.
    #[serde(default, skip_serializing_if = "List::is_empty")]
    pub other_names: List<OtherName, 16>,
}

/// Where a city's list of networks came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ListSource {
    /// The address of the page that lists the networks.
    pub url: Url,
    /// The page's title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<Text<300>>,
    /// When the list was retrieved, where known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retrieved: Option<PartialDate>,
    /// A remark on the list.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Note>,
}

/// A count of networks that a city states about itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct StatedCount {
    /// The figure.
    pub count: u32,
    /// How exact the figure is ("over 40": `more_than`).
    #[serde(default, skip_serializing_if = "is_exact")]
    pub qualifier: CountQualifier,
    /// The page's own wording.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_stated: Option<Text<200>>,
    /// The period the figure applies to, where the page gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<PartialDate>,
    /// The page.
    pub source: Url,
    /// A remark.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Note>,
}

fn is_exact(q: &CountQualifier) -> bool {
    *q == CountQualifier::Exact
}

impl Catalogue {
    /// Reads a catalogue document from JSON text. The error gives the line and column of the
    /// first problem.
    pub fn from_json(text: &str) -> Result<Catalogue, Error> {
        crate::validate::json::read(text).map_err(|e| Error::Parse {
            document: "catalogue",
            line: e.line(),
            column: e.column(),
            message: e.to_string(),
        })
    }

    /// Writes the catalogue as pretty-printed JSON.
    pub fn to_json_pretty(&self) -> String {
        // Serializing plain data structs with string keys cannot fail.
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// The networks, in catalogue order.
    pub fn iter(&self) -> std::slice::Iter<'_, Network> {
        self.networks.iter()
    }

    /// The number of networks.
    pub fn len(&self) -> usize {
        self.networks.len()
    }

    /// Whether the catalogue lists no network.
    pub fn is_empty(&self) -> bool {
        self.networks.is_empty()
    }

    /// The network with exactly this id.
    ///
    /// ```
    /// let n = citynets::ghent().by_id("eccar").unwrap();
    /// assert_eq!(n.acronym.as_deref(), Some("ECCAR"));
    /// ```
    pub fn by_id(&self, id: &str) -> Option<&Network> {
        self.networks.iter().find(|n| n.id == id)
    }
}

impl<'a> IntoIterator for &'a Catalogue {
    type Item = &'a Network;
    type IntoIter = std::slice::Iter<'a, Network>;
    fn into_iter(self) -> Self::IntoIter {
        self.networks.iter()
    }
}
