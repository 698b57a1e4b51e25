//! The id book: how a network id used by an earlier record is found, for every input shape
//! (a JSON document walked by the engine, NDJSON chunks merged in order, CSV rows, records
//! already in the model's types).
//!
//! Each shape meets its records in its own way, but they must agree on three things: which
//! ids count as the same (by hash), how many distinct ids are remembered ([`ID_CAP`]), and
//! what the warning says ([`repeated_message`]). They live here so that there is one of each.

/// How many distinct network ids a document's duplicate check remembers: enough for any real
/// catalogue, and a bound on memory for generated giants (a few megabytes).
pub(crate) const ID_CAP: usize = 1 << 18;

/// The hash under which a network id is remembered (FNV-1a).
pub(crate) fn id_hash(id: &str) -> u64 {
    crate::fnv::hash(id.as_bytes())
}

/// Network ids seen, by their hash, with the record that used each first.
pub(crate) type IdMap = std::collections::HashMap<u64, u64, IdHashed>;

/// The record that used the id of hash `hash` before `record`, if one did; otherwise `record`
/// is remembered as its first use (while fewer than [`ID_CAP`] ids are). One lookup either
/// way: this runs once for every record with an id, and for NDJSON and CSV on the one thread
/// that takes the chunks' verdicts in order.
pub(crate) fn first_use(ids: &mut IdMap, hash: u64, record: u64) -> Option<u64> {
    if ids.len() >= ID_CAP {
        return ids.get(&hash).copied();
    }
    match ids.entry(hash) {
        std::collections::hash_map::Entry::Occupied(first) => Some(*first.get()),
        std::collections::hash_map::Entry::Vacant(slot) => {
            slot.insert(record);
            None
        }
    }
}

/// The text of the warning on a network id that record `first` used already.
pub(crate) fn repeated_message(id: &str, first: u64) -> String {
    format!("the network id {id:?} is already used by record {first}")
}

/// The hasher of an [`IdMap`]: its keys are hashes already, so they are used as they are.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct IdHashed;

/// See [`IdHashed`].
#[derive(Debug, Default)]
pub(crate) struct IdHasher(u64);

impl std::hash::BuildHasher for IdHashed {
    type Hasher = IdHasher;
    fn build_hasher(&self) -> IdHasher {
        IdHasher(0)
    }
}

impl std::hash::Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 << 8) ^ u64::from(*b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_use_is_remembered_and_later_ones_point_to_it() {
        let mut ids = IdMap::default();
        assert_eq!(first_use(&mut ids, id_hash("a"), 1), None);
        assert_eq!(first_use(&mut ids, id_hash("b"), 2), None);
        assert_eq!(first_use(&mut ids, id_hash("a"), 3), Some(1));
        assert_eq!(first_use(&mut ids, id_hash("a"), 4), Some(1));
        assert_eq!(
            repeated_message("a", 1),
            "the network id \"a\" is already used by record 1"
        );
    }

    #[test]
    fn past_the_cap_new_ids_are_not_remembered_but_old_ones_still_are() {
        let mut ids = IdMap::default();
        for n in 0..ID_CAP as u64 {
            assert_eq!(first_use(&mut ids, n, n), None);
        }
        let late = u64::MAX;
        assert_eq!(first_use(&mut ids, late, 1), None);
        assert_eq!(first_use(&mut ids, late, 2), None);
        assert_eq!(first_use(&mut ids, 7, 9), Some(7));
        assert_eq!(ids.len(), ID_CAP);
    }
}
