//! Records already in the model's types, checked for what the types cannot say: whether any
//! of them would raise a warning. A caller that deserialised its data into the types (from
//! Python objects, say) learns from this whether the report is the empty one, without writing
//! the data out as JSON first.

use std::collections::HashSet;

use super::checks::{membership_is_quiet, network_is_quiet};
use super::engine::id_hash;
use crate::{Catalogue, Membership, Network};

/// Records that deserialised into the model's types, checked one after the other for the
/// warnings the validator would give them (a repeated network id across records included).
/// Once a record is not clean, the caller should validate the data itself for the full report.
///
/// ```
/// use citynets::validate::TypedRecords;
///
/// let mut check = TypedRecords::default();
/// let eurocities = citynets::ghent().get("eurocities").unwrap();
/// assert!(check.network(eurocities));
/// // The same id again: valid, but the validator would warn.
/// assert!(!check.network(eurocities));
/// assert_eq!(check.records(), 2);
/// ```
#[derive(Debug, Default)]
pub struct TypedRecords {
    /// The ids seen, by hash (a collision only sends the caller to the validator).
    ids: HashSet<u64>,
    records: u64,
}

impl TypedRecords {
    /// Whether a network record raises no warning, given the records checked before it.
    pub fn network(&mut self, n: &Network) -> bool {
        self.records += 1;
        network_is_quiet(n) && self.ids.insert(id_hash(n.id.as_str()))
    }

    /// Whether a membership record raises no warning.
    pub fn membership(&mut self, m: &Membership) -> bool {
        self.records += 1;
        membership_is_quiet(m)
    }

    /// Whether every network of a catalogue document raises no warning.
    pub fn catalogue(&mut self, c: &Catalogue) -> bool {
        c.networks.iter().all(|n| self.network(n))
    }

    /// Whether a network record raises no warning of its own: [`network`](Self::network)
    /// without the repeated-id check, for records checked on other threads and then counted
    /// in order with [`count`](Self::count).
    pub fn network_is_quiet(n: &Network) -> bool {
        network_is_quiet(n)
    }

    /// Whether a membership record raises no warning (the same as
    /// [`membership`](Self::membership), without counting it).
    pub fn membership_is_quiet(m: &Membership) -> bool {
        membership_is_quiet(m)
    }

    /// Counts a record found quiet apart; for a network, with its id, whether the id is new.
    ///
    /// ```
    /// use citynets::validate::TypedRecords;
    ///
    /// let mut check = TypedRecords::default();
    /// assert!(check.count(Some("eurocities")));
    /// assert!(check.count(None));
    /// assert!(!check.count(Some("eurocities")));
    /// assert_eq!(check.records(), 3);
    /// ```
    pub fn count(&mut self, network_id: Option<&str>) -> bool {
        self.records += 1;
        network_id.is_none_or(|id| self.ids.insert(id_hash(id)))
    }

    /// How many records have been checked: the `records` of the report.
    pub fn records(&self) -> u64 {
        self.records
    }
}
