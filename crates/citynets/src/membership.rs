//! [`Membership`]: one member in one network, with its roles over time.

use serde::{Deserialize, Serialize};

use crate::{
    CountryCode, List, MemberKind, Name, NetworkId, Note, PartialDate, Role, Source, Status, Text,
    Url,
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

/// Who holds a membership: the city itself, or a department, agency, event, tandem, person or
/// legal body of that city.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Member {
    /// What kind of member it is.
    pub kind: MemberKind,
    /// The member's name, when it is not the city itself ("Child Care Unit, City of Ghent").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<Name>,
    /// The city the member belongs to.
    pub city: Name,
    /// The city's country.
    pub country: CountryCode,
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
