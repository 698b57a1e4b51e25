//! [`Membership`]: one member in one network, with its roles over time.

use serde::de::{self, Deserializer};
use serde::{Deserialize, Serialize};

use crate::{
    CountryCode, List, MemberKind, Name, Needs, NetworkId, Note, PartialDate, Role, Source, Status,
    Text, Url,
};

/// One member in one network (Popolo's Membership). The same record serves the memberships of
/// the Ghent catalogue and a row of a research dataset (one city in one network): it names the
/// network (`organization_id`) and the member's city and country.
///
/// ```
/// use citynets::{Membership, Role};
///
/// let m: Membership = serde_json::from_str(r#"{
///     "organization_id": "eurocities",
///     "member": {"kind": "city", "city": "Ghent", "country": "BE"},
///     "status": "full",
///     "roles": [{"role": "president", "start_date": "2016-11-18", "end_date": "2018",
///                "source": "https://cities-today.com/"}]
/// }"#).unwrap();
/// assert!(m.held_role_in(Role::President, 2017));
/// assert!(!m.held_role_in(Role::President, 2019));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Membership {
    /// The id of the network.
    pub organization_id: NetworkId,
    /// Who holds the membership.
    pub member: Member,
    /// The member's standing in the network, where known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<Status>,
    /// When the membership started, where known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_date: Option<PartialDate>,
    /// When the membership ended, if it has.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_date: Option<PartialDate>,
    /// Roles held in the network, each with its own period.
    #[serde(default, skip_serializing_if = "List::is_empty")]
    pub roles: List<RoleHeld, 32>,
    /// A remark on the membership.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Note>,
    /// Pages supporting `member`, `status`, `start_date` and `end_date`.
    #[serde(default, skip_serializing_if = "List::is_empty")]
    pub sources: List<Source, 16>,
}

/// Who holds a membership: a city, a department, agency, event, tandem or legal body of a
/// city, a region, an association of local governments, a university, a research centre, a
/// national or international public body, an NGO, a company or a person.
///
/// Which of `city`, `country` and `name` a member states depends on its [`kind`](Self::kind)
/// ([`MemberKind::needs`]): a city needs its `city` and `country`; a department, agency, event,
/// tandem or legal body of a city needs these and its `name`; a region, association,
/// university, research centre or national body needs its `name` and `country`; an
/// international body, NGO, company or person needs its `name`. A field a kind does not need
/// is allowed. Reading a member that lacks a needed field fails, as the schema refuses it.
///
/// ```
/// use citynets::{Member, MemberKind};
///
/// let county: Member =
///     serde_json::from_str(r#"{"kind": "region", "name": "Kent County Council", "country": "GB"}"#)
///         .unwrap();
/// assert_eq!(county.kind, MemberKind::Region);
/// assert_eq!(county.city, None);
/// // A city member names its city.
/// assert!(serde_json::from_str::<Member>(r#"{"kind": "city", "country": "BE"}"#).is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(transform = member_needs))]
#[serde(deny_unknown_fields)]
pub struct Member {
    /// What kind of member it is; says which of the other fields it needs.
    pub kind: MemberKind,
    /// The member's own name, when it is not a city itself ("Child Care Unit, City of Ghent",
    /// "Kent County Council"). Needed by every kind but `city`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<Name>,
    /// The city the member is, or belongs to. Needed by a city and by a department, agency,
    /// event, tandem or legal body of one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Name"))]
    pub city: Option<Name>,
    /// The member's country. Needed by every kind but an international body, an NGO, a
    /// company and a person.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "CountryCode"))]
    pub country: Option<CountryCode>,
    /// The GeoNames id of the member's `city` (<https://www.geonames.org/2797656> is Ghent's):
    /// one identity for a city however a list writes its name (`Gent`, `Ghent`, `City of
    /// Ghent`), so that memberships join across datasets. `fix` fills it where the city, read
    /// with its country, is one place of the gazetteer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "std::num::NonZeroU32"))]
    pub geonames_id: Option<std::num::NonZeroU32>,
}

impl Member {
    /// Which of the fields [`MemberKind::needs`] looks at this member states.
    pub fn present(&self) -> Needs {
        Needs {
            city: self.city.is_some(),
            country: self.country.is_some(),
            name: self.name.is_some(),
        }
    }
}

/// The fields of a [`Member`] as read, before the needs of its kind are checked.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MemberFields {
    kind: MemberKind,
    #[serde(default)]
    name: Option<Name>,
    #[serde(default, deserialize_with = "present")]
    city: Option<Name>,
    #[serde(default, deserialize_with = "present")]
    country: Option<CountryCode>,
    #[serde(default, deserialize_with = "present")]
    geonames_id: Option<std::num::NonZeroU32>,
}

impl<'de> Deserialize<'de> for Member {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let f = MemberFields::deserialize(d)?;
        let member = Member {
            kind: f.kind,
            name: f.name,
            city: f.city,
            country: f.country,
            geonames_id: f.geonames_id,
        };
        match member
            .kind
            .needs()
            .missing(member.present())
            .fields()
            .next()
        {
            Some(field) => Err(de::Error::missing_field(field)),
            None => Ok(member),
        }
    }
}

/// Reads an optional field that, when it is there, holds a value: `null` is refused, as the
/// schema refuses it (the field is left out instead).
pub(crate) fn present<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    d: D,
) -> Result<Option<T>, D::Error> {
    T::deserialize(d).map(Some)
}

/// The needs of each kind of [`Member`](crate::Member) ([`MemberKind::needs`]) written into its
/// schema as an `allOf` of `if`/`then` on `kind`, so that any JSON Schema validator refuses
/// what the model refuses: one branch per set of needs, for the kinds that have it, in the
/// order of the vocabulary.
#[cfg(feature = "schema")]
pub(crate) fn member_needs(schema: &mut schemars::Schema) {
    use crate::Vocabulary;
    use serde_json::Value;

    let mut groups: Vec<(Needs, Vec<&str>)> = Vec::new();
    for kind in MemberKind::all() {
        let needs = kind.needs();
        if needs.fields().next().is_none() {
            continue;
        }
        match groups.iter_mut().find(|(n, _)| *n == needs) {
            Some((_, kinds)) => kinds.push(kind.as_str()),
            None => groups.push((needs, vec![kind.as_str()])),
        }
    }
    let branches: Vec<Value> = groups
        .into_iter()
        .map(|(needs, kinds)| {
            let fields: Vec<&str> = needs.fields().collect();
            serde_json::json!({
                "if": {"properties": {"kind": {"enum": kinds}}, "required": ["kind"]},
                "then": {"required": fields},
            })
        })
        .collect();
    schema.insert("allOf".into(), Value::Array(branches));
}

/// A role held in a network for a period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RoleHeld {
    /// The role (Popolo's `role`).
    pub role: Role,
    /// The body within the network, for a committee or forum role ("Environment Forum").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<Text<200>>,
    /// The person who held it for the member, where the source names one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub holder: Option<Name>,
    /// Since when (the date of election, appointment or event).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_date: Option<PartialDate>,
    /// Until when, where known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_date: Option<PartialDate>,
    /// A remark.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Note>,
    /// The source.
    pub source: Url,
}

impl RoleHeld {
    /// Whether the role was held during the given year: it started in or before that year and,
    /// if it ended, ended in or after it. A role without a start date is not placed in time.
    pub fn held_in(&self, year: i32) -> bool {
        let Some(start) = &self.start_date else {
            return false;
        };
        start.year() <= year && self.end_date.as_ref().is_none_or(|e| e.year() >= year)
    }
}

impl Membership {
    /// Whether the member held a role during the given year.
    pub fn held_role_in(&self, role: Role, year: i32) -> bool {
        self.roles.iter().any(|r| r.role == role && r.held_in(year))
    }
}
