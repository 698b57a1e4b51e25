//! [`Network`]: one city network, with the facts about it and the city's memberships in it.

use serde::{Deserialize, Serialize};

use crate::{
    CaveatKind, CountQualifier, CountryCode, Fact, Focus, Kind, Label, LanguageCode, List,
    Membership, Name, NameKind, NetworkId, Note, Orientation, PartialDate, PolicyArea, Relation,
    Scope, Set, Source, Text, Url, WikidataId,
};

/// One city network: what it is, what it works on, the facts found about it with their
/// sources, and the memberships of the city (or cities) the record is about.
///
/// Field names follow Popolo's Organization (`other_names`, `founding_date`, `dissolution_date`,
/// `sources`); meanings follow schema.org's Organization. Only `id` and `name` are required,
/// so a third party can publish a bare list; the embedded Ghent catalogue fills in the rest.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Network {
    /// Stable identifier: a lower-case slug that never changes, even when the network is renamed.
    pub id: NetworkId,
    /// The name as the city gives it (for the Ghent catalogue: exactly as on the City's page,
    /// without the acronym).
    pub name: Name,
    /// The acronym as the city gives it, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub acronym: Option<Label>,
    /// Other names: the official name, names in other languages, former names, short forms.
    #[serde(default, skip_serializing_if = "List::is_empty")]
    pub other_names: List<OtherName, 24>,
    /// What the network does, in a sentence or two of the catalogue's own words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Note>,
    /// The policy areas the network works on, main one first.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy_areas: Option<Set<PolicyArea, 24>>,
    /// What the network mainly does for its members.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub orientations: Option<Set<Orientation, 5>>,
    /// Broad, or focused on one policy area (then the first of `policy_areas`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub focus: Option<Focus>,
    /// Where the network's members come from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<Scope>,
    /// What kind of organisation the network is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<Kind>,
    /// On what the values of `policy_areas`, `orientations`, `focus`, `scope` and `kind` rest
    /// when they are the catalogue's own reading rather than a stated fact.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub classification: Option<Classification>,
    /// The network's website.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub website: Option<Url>,
    /// The network's item in Wikidata, a key that joins datasets that spell its name
    /// differently.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wikidata: Option<WikidataId>,
    /// When the network was founded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub founding_date: Option<PartialDate>,
    /// Founding dates given by other sources, kept beside `founding_date` instead of choosing
    /// silently.
    #[serde(default, skip_serializing_if = "List::is_empty")]
    pub founding_date_alternatives: List<AlternativeDate, 8>,
    /// When the network ended, if it has.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dissolution_date: Option<PartialDate>,
    /// Where the network's secretariat is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secretariat: Option<Secretariat>,
    /// Earlier or conflicting seats, each with its source.
    #[serde(default, skip_serializing_if = "List::is_empty")]
    pub secretariat_alternatives: List<AlternativeSecretariat, 8>,
    /// Member counts as sources state them, each with its date where known.
    #[serde(default, skip_serializing_if = "List::is_empty")]
    pub member_counts: List<MemberCount, 32>,
    /// The organisation this network belongs to or is run by.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<Parent>,
    /// What an analyst should know before using this entry.
    #[serde(default, skip_serializing_if = "List::is_empty")]
    pub caveats: List<Caveat, 16>,
    /// Other sourced remarks about the network.
    #[serde(default, skip_serializing_if = "List::is_empty")]
    pub notes: List<Remark, 16>,
    /// The memberships of the city (or cities) this record is about.
    #[serde(default, skip_serializing_if = "List::is_empty")]
    pub memberships: List<Membership, 16>,
    /// Pages supporting the record's single-valued facts (`name`, `acronym`, `website`,
    /// `founding_date`, `dissolution_date`, `secretariat`).
    #[serde(default, skip_serializing_if = "List::is_empty")]
    pub sources: List<Source, 32>,
}

/// Another name of a network (Popolo's `other_names` item).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct OtherName {
    /// The name.
    pub name: Name,
    /// What kind of name it is.
    pub kind: NameKind,
    /// The language of the name, where it is not English.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<LanguageCode>,
    /// The acronym that goes with this name, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub acronym: Option<Label>,
    /// Since when the name is used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_date: Option<PartialDate>,
    /// Until when the name was used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_date: Option<PartialDate>,
    /// The page that gives this name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Url>,
    /// A remark on the name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Note>,
}

/// On what the catalogue's own classification of a network rests. The City's page does not
/// say which policy area, orientation, scope or kind a network has: those values are the
/// catalogue's reading of the network's description and of its own pages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(inline))]
#[serde(deny_unknown_fields)]
pub struct Classification {
    /// How the values were arrived at, in a sentence.
    pub basis: Note,
    /// The pages read for it.
    #[serde(default, skip_serializing_if = "List::is_empty")]
    pub sources: List<Url, 8>,
}

/// Where a network's secretariat is: a city and country, a hosting body, or both.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(inline))]
#[serde(deny_unknown_fields)]
pub struct Secretariat {
    /// The city, where known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<Name>,
    /// The country, where known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<CountryCode>,
    /// The organisation that hosts or runs the secretariat, where that is what the source gives.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<Text<300>>,
    /// Other offices of the network.
    #[serde(default, skip_serializing_if = "List::is_empty")]
    pub other_offices: List<Name, 8>,
}

/// A founding date another source gives.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct AlternativeDate {
    /// The date that source gives.
    pub value: PartialDate,
    /// The source.
    pub source: Url,
    /// How the two dates may be reconciled, where the source says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Note>,
}

/// A seat another source gives, earlier or conflicting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct AlternativeSecretariat {
    /// The city that source gives.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<Name>,
    /// The country that source gives.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<CountryCode>,
    /// When the seat was there, per that source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<PartialDate>,
    /// The source.
    pub source: Url,
    /// A remark.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Note>,
}

/// A member count as a source states it.
///
/// ```
/// use citynets::{CountQualifier, MemberCount};
///
/// let c: MemberCount = serde_json::from_str(r#"{
///     "count": 200, "qualifier": "more_than", "unit": "cities", "countries": 38,
///     "as_stated": "over 200 cities, 38 countries",
///     "source": "https://en.wikipedia.org/wiki/Eurocities"
/// }"#).unwrap();
/// assert_eq!(c.qualifier, CountQualifier::MoreThan);
/// assert_eq!(c.date, None); // the source is undated
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct MemberCount {
    /// The figure.
    pub count: u32,
    /// How exact the figure is; `exact` when the source gives it plainly.
    #[serde(default, skip_serializing_if = "is_exact")]
    pub qualifier: CountQualifier,
    /// What is counted ("cities", "signatories", "member organisations").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<Text<120>>,
    /// In how many countries, where the source says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub countries: Option<u16>,
    /// When the count held, where known (the year, or a finer date).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<PartialDate>,
    /// The source's own wording of the figure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_stated: Option<Text<200>>,
    /// The source.
    pub source: Url,
    /// A remark on the figure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Note>,
}

fn is_exact(q: &CountQualifier) -> bool {
    *q == CountQualifier::Exact
}

/// The organisation a network belongs to or is run by: UNESCO Creative Cities of Music is part
/// of the UNESCO Creative Cities Network; ICLEI coordinates Procura+.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(inline))]
#[serde(deny_unknown_fields)]
pub struct Parent {
    /// The parent's id, when the parent is in the same catalogue.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization_id: Option<NetworkId>,
    /// The parent's name.
    pub name: Name,
    /// How the network relates to it.
    pub relation: Relation,
    /// Since when, where known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_date: Option<PartialDate>,
    /// The source.
    pub source: Url,
}

/// Something an analyst should know before using an entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Caveat {
    /// What kind of caveat it is.
    pub kind: CaveatKind,
    /// The caveat in a sentence.
    pub note: Note,
    /// The page that shows it, where there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Url>,
}

/// A sourced remark about a network, in the catalogue's own words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Remark {
    /// The remark.
    pub note: Note,
    /// When it held, where known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<PartialDate>,
    /// The page it rests on, where there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Url>,
}

impl Network {
    /// Whether the network works on the given policy area.
    pub fn has_policy_area(&self, area: PolicyArea) -> bool {
        self.policy_areas
            .as_ref()
            .is_some_and(|s| s.contains(&area))
    }

    /// Whether the network has the given orientation.
    pub fn has_orientation(&self, orientation: Orientation) -> bool {
        self.orientations
            .as_ref()
            .is_some_and(|s| s.contains(&orientation))
    }

    /// The current official name, if the record gives one (the latest `official` entry of
    /// `other_names` without an end date).
    pub fn official_name(&self) -> Option<&OtherName> {
        self.other_names
            .iter()
            .filter(|n| n.kind == NameKind::Official && n.end_date.is_none())
            .max_by(|a, b| a.start_date.cmp(&b.start_date))
    }

    /// Former names, oldest first.
    pub fn former_names(&self) -> Vec<&OtherName> {
        let mut v: Vec<_> = self
            .other_names
            .iter()
            .filter(|n| n.kind == NameKind::Former)
            .collect();
        v.sort_by(|a, b| a.end_date.cmp(&b.end_date));
        v
    }

    /// The sources that support one field.
    pub fn sources_for(&self, fact: Fact) -> impl Iterator<Item = &Source> {
        self.sources.iter().filter(move |s| s.supports(fact))
    }

    /// The caveats of one kind.
    pub fn caveats_of(&self, kind: CaveatKind) -> impl Iterator<Item = &Caveat> {
        self.caveats.iter().filter(move |c| c.kind == kind)
    }

    /// The most recent member count: the latest dated one, or the first undated one when none
    /// is dated.
    pub fn latest_member_count(&self) -> Option<&MemberCount> {
        self.member_counts
            .iter()
            .filter(|c| c.date.is_some())
            .max_by(|a, b| a.date.cmp(&b.date))
            .or_else(|| self.member_counts.first())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn qualifier_defaults_to_exact_and_is_not_written() {
        let c: MemberCount =
            serde_json::from_str(r#"{"count": 5, "source": "https://example.org/"}"#)
                .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(c.qualifier, CountQualifier::Exact);
        let back = serde_json::to_string(&c).unwrap_or_default();
        assert!(!back.contains("qualifier"), "{back}");
    }
}
