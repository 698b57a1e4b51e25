//! Records already in the model's types, checked for what the types cannot say: whether any
//! of them would raise a warning. A caller that deserialised its data into the types (from
//! Python objects, say) learns from this whether the report is the empty one, without writing
//! the data out as JSON first.

use std::sync::Arc;

use super::book::{Book, Key, Use};
use super::catalogues::Catalogues;
use super::rules::{membership_is_quiet, network_is_quiet};
use crate::{Catalogue, Membership, Network};

/// A record's key for the checks across records (its network id; a membership's network and
/// member), found apart (on another thread) and counted in order with
/// [`TypedRecords::count_key`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordKey(Key);

impl RecordKey {
    /// The key as the book notes it.
    pub(crate) fn into_key(self) -> Key {
        self.0
    }

    /// The key of a network record.
    pub fn of_network(n: &Network) -> RecordKey {
        RecordKey(Key::Network(n.id.to_string()))
    }

    /// The key of a membership record.
    pub fn of_membership(m: &Membership) -> RecordKey {
        RecordKey(Key::Membership {
            network: m.organization_id.to_string(),
            member: super::book::Identity::identity(&m.member),
        })
    }
}

/// Records that deserialised into the model's types, checked one after the other for the
/// warnings the validator would give them, those across records included (a repeated network
/// id or membership, a network no catalogue in use knows).
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
#[derive(Debug)]
pub struct TypedRecords {
    /// The validator's book of records, with its caps (a hash collision only sends the caller
    /// to the validator).
    book: Book,
    records: u64,
}

impl Default for TypedRecords {
    fn default() -> Self {
        TypedRecords::with_catalogues(Arc::default())
    }
}

impl TypedRecords {
    /// Checks records whose memberships may refer to the networks of `catalogues`.
    pub fn with_catalogues(catalogues: Arc<Catalogues>) -> TypedRecords {
        TypedRecords {
            book: Book::new(catalogues),
            records: 0,
        }
    }

    /// Whether a network record raises no warning, given the records checked before it.
    pub fn network(&mut self, n: &Network) -> bool {
        self.records += 1;
        network_is_quiet(n) && self.is_new(Use::Network(n.id.as_str()))
    }

    /// Whether a membership record raises no warning, given the records checked before it.
    pub fn membership(&mut self, m: &Membership) -> bool {
        self.records += 1;
        membership_is_quiet(m) && self.is_new(RecordKey::of_membership(m).0.as_use())
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
        network_id.is_none_or(|id| self.is_new(Use::Network(id)))
    }

    /// Counts a record found quiet apart, with its key: whether the checks across records
    /// find nothing either.
    pub fn count_key(&mut self, key: &RecordKey) -> bool {
        self.records += 1;
        self.is_new(key.0.as_use())
    }

    /// Whether the record's key raises nothing in the book: no repeated id or membership, no
    /// unknown network (ids are remembered as the validator remembers them, the first
    /// [`ID_CAP`](super::ids::ID_CAP) distinct ones).
    fn is_new(&mut self, what: Use<'_>) -> bool {
        !self.book.note(what, self.records).needs_place()
    }

    /// How many records have been checked: the `records` of the report.
    pub fn records(&self) -> u64 {
        self.records
    }
}

#[cfg(test)]
mod tests {
    use super::TypedRecords;
    use crate::validate::ids::ID_CAP;

    /// Like the validator, the check remembers the first `ID_CAP` distinct ids: a repeat of
    /// one of them is caught, an id first seen past the cap is not remembered.
    #[test]
    fn the_ids_are_remembered_up_to_the_validators_cap() {
        let mut check = TypedRecords::default();
        for n in 0..ID_CAP {
            assert!(check.count(Some(&format!("n{n}"))));
        }
        assert!(!check.count(Some("n5")));
        assert!(check.count(Some("late")));
        assert!(check.count(Some("late")));
        assert_eq!(check.records(), ID_CAP as u64 + 3);
    }
}
