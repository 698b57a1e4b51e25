//! The book of a document's records: what a record cannot know alone, kept across the
//! records of one input in their order. Every input shape (a JSON document, NDJSON merged in
//! order, the rows of a table) notes each record's key here, so they all report the same.
//!
//! - A network id used by an earlier record: `duplicate_id` (the [id book](super::ids) gives
//!   the map, its cap and the message).
//! - The same member twice in one network: `duplicate_membership`. A member is the same when
//!   its kind, name, city and country are, ignoring case, accents and punctuation
//!   ([`member_key`]); with the gazetteer (feature `gazetteer`), a city is the same when it
//!   is the same place, whatever its spelling (`Gent`, `City of Ghent`).
//! - A network reference that no catalogue in use knows: `unknown_network`, once per distinct
//!   id, at its first use, with the number of records that use it, reported when the input
//!   ends ([`Book::finish`]).
//!
//! Memory: at most [`ID_CAP`](super::ids::ID_CAP) network ids and as many memberships (16
//! bytes each), and at most [`UNKNOWN_CAP`] distinct unknown network ids with the place of
//! their first use; past that, later unknown ids are counted in one last warning.

use std::collections::HashMap;
use std::sync::Arc;

use super::catalogues::Catalogues;
use super::ids::{IdMap, first_use, id_hash, repeated_message};
use super::json::lexer::Pos;
use super::suggest;
use super::{Code, Problem};
use crate::fold::fold_hash;

/// How many distinct unknown network ids are listed, each with its first place: far more than
/// the networks of any study (Acuto and Leffel's table has 84).
pub(crate) const UNKNOWN_CAP: usize = 4096;

/// What a record is, for the checks across records.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Use<'a> {
    /// A network record with this id.
    Network(&'a str),
    /// A membership record in the network `network`, of the member whose [`member_key`] is
    /// `member` (when the record names one).
    Membership {
        network: &'a str,
        member: Option<u64>,
    },
}

/// A record's [`Use`], owned: kept from where a record is read to where its book is kept
/// (another thread, for chunks read apart).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Key {
    /// A network record's id.
    Network(String),
    /// A membership record's network and member.
    Membership {
        network: String,
        member: Option<u64>,
    },
}

impl Key {
    /// The use this key stands for.
    pub fn as_use(&self) -> Use<'_> {
        match self {
            Key::Network(id) => Use::Network(id),
            Key::Membership { network, member } => Use::Membership {
                network,
                member: *member,
            },
        }
    }
}

impl Use<'_> {
    /// The field the use is about, as a JSON Pointer within the record (where its problems are
    /// placed).
    pub fn field(&self) -> &'static str {
        match self {
            Use::Network(_) => "/id",
            Use::Membership { .. } => "/organization_id",
        }
    }

    /// The text of the field (the network id either way).
    pub fn text(&self) -> &str {
        match self {
            Use::Network(id) | Use::Membership { network: id, .. } => id,
        }
    }
}

/// The identity of a member, as a hash: its kind, name, city and country, each folded
/// (case, accents and punctuation do not count), in that order; a field left out is not the
/// same as any text. With the gazetteer, a city that resolves with its country to one place
/// counts as that place, so that `Gent` and `City of Ghent` in Belgium are one member; a
/// member of kind `city` whose city is a place is that place, whatever its `name` says (`fix
/// --city-names` keeps what was written there). A `geonames_id` written in the record
/// ([`written_id`]) says which place, before the gazetteer is asked: two members written
/// `Hamm` with the ids of the two Hamms are two members.
pub(crate) fn member_key(
    kind: &str,
    name: Option<&str>,
    city: Option<&str>,
    country: Option<&str>,
    geonames_id: Option<u32>,
) -> u64 {
    let part = |s: Option<&str>| s.map(fold_hash);
    let place = match (city, geonames_id) {
        (Some(_), Some(id)) if cfg!(feature = "gazetteer") => Some(mix_place(id)),
        _ => city.and_then(|c| place_part(c, country?)),
    };
    let name = match place {
        Some(_) if kind.trim().eq_ignore_ascii_case("city") => None,
        _ => part(name),
    };
    let city = place.or_else(|| part(city));
    member_key_of_hashes(fold_hash(kind), [name, city, part(country)])
}

/// The city's part of a member's identity when the gazetteer resolves it with its country:
/// its place's GeoNames id, mixed so that no folded text hashes to it in practice.
fn place_part(city: &str, country: &str) -> Option<u64> {
    #[cfg(feature = "gazetteer")]
    if let [a, b] = country.as_bytes()
        && let Ok(code) = std::str::from_utf8(&[a.to_ascii_uppercase(), b.to_ascii_uppercase()])
        && let Some(id) = crate::gazetteer::city_facts(city, code).id
    {
        return Some(mix_place(id));
    }
    let _ = (city, country);
    None
}

/// A `geonames_id` as a record writes it (a number's text, or a table's cell), when it is one:
/// a whole number from 1 to 4,294,967,295, as the schema allows.
pub(crate) fn written_id(text: &str) -> Option<u32> {
    text.trim()
        .parse::<std::num::NonZeroU32>()
        .ok()
        .map(std::num::NonZeroU32::get)
}

/// A place's GeoNames id as the city's part of a member's identity, mixed so that no folded
/// text hashes to it in practice.
fn mix_place(id: u32) -> u64 {
    (u64::from(id) ^ 0xC1C1_0000_0000_0000).wrapping_mul(0x0000_0100_0000_01B3)
}

/// What knows a member's identity ([`member_key`]): the model's [`Member`](crate::Member);
/// the fast path's view keeps nothing of it (its reader finds it in the record's bytes).
pub(crate) trait Identity {
    /// The member's identity, when it is known.
    fn identity(&self) -> Option<u64>;
    /// The member's city and country, when it states both and they are known.
    fn city_and_country(&self) -> Option<(&str, &str)>;
}

impl Identity for crate::Member {
    fn identity(&self) -> Option<u64> {
        Some(member_key(
            self.kind.as_str(),
            self.name.as_ref().map(|n| n.as_str()),
            self.city.as_ref().map(|c| c.as_str()),
            self.country.as_ref().map(|c| c.as_str()),
            self.geonames_id.map(std::num::NonZeroU32::get),
        ))
    }
    fn city_and_country(&self) -> Option<(&str, &str)> {
        Some((
            self.city.as_ref()?.as_str(),
            self.country.as_ref()?.as_str(),
        ))
    }
}

/// [`member_key`] from the [`fold_hash`]es of its parts.
fn member_key_of_hashes(kind: u64, parts: [Option<u64>; 3]) -> u64 {
    let mut h = kind;
    for p in parts {
        // A left-out field mixes in a value no text hashes to in practice.
        h = (h ^ p.unwrap_or(0x9E37_79B9_7F4A_7C15)).wrapping_mul(0x0000_0100_0000_01B3);
        h = h.rotate_left(29);
    }
    h
}

/// What noting a record raised, to be placed in the input by the reader that knows where the
/// record is.
#[derive(Debug, PartialEq)]
#[must_use]
pub(crate) struct Noted {
    /// The problem to report now (unplaced).
    now: Option<Problem>,
    /// Whether the record is the first use of an unknown network, whose place is kept.
    unknown: bool,
}

impl Noted {
    /// Whether the reader needs to say where the record is.
    pub fn needs_place(&self) -> bool {
        self.now.is_some() || self.unknown
    }

    /// Places what was raised with `place` (which sets line, column, instance location…): the
    /// first use of an unknown network is kept in `book`; the problem to report now is
    /// returned.
    pub fn place(self, book: &mut Book, place: impl Fn(Problem) -> Problem) -> Option<Problem> {
        if self.unknown
            && let Some(u) = book.unknown.last_mut()
        {
            let first = std::mem::replace(&mut u.first, Problem::warning(Code::UnknownNetwork, ""));
            u.first = place(first);
        }
        self.now.map(place)
    }
}

/// An unknown network id, with the problem of its first use (placed, its text written at the
/// end) and the number of records that use it.
#[derive(Debug)]
struct Unknown {
    id: String,
    first: Problem,
    records: u64,
}

/// The book of one input's records (see the module documentation).
#[derive(Debug)]
pub(crate) struct Book {
    catalogues: Arc<Catalogues>,
    ids: IdMap,
    members: IdMap,
    unknown: Vec<Unknown>,
    /// Where each unknown id is in `unknown`, by hash.
    unknown_at: HashMap<u64, usize>,
    /// Records whose unknown network was past [`UNKNOWN_CAP`].
    unlisted: u64,
}

impl Book {
    /// The catalogues the book checks network references against.
    pub fn catalogues(&self) -> &Arc<Catalogues> {
        &self.catalogues
    }

    /// An empty book, checking network references against `catalogues`.
    pub fn new(catalogues: Arc<Catalogues>) -> Book {
        Book {
            catalogues,
            ids: IdMap::default(),
            members: IdMap::default(),
            unknown: Vec::new(),
            unknown_at: HashMap::new(),
            unlisted: 0,
        }
    }

    /// Notes the use of record `record`. What it raises is placed by [`Noted::place`]: a
    /// repeated id or membership now, an unknown network at its first use (kept for
    /// [`finish`](Self::finish)).
    pub fn note(&mut self, what: Use<'_>, record: u64) -> Noted {
        match what {
            Use::Network(id) => Noted {
                now: first_use(&mut self.ids, id_hash(id), record)
                    .map(|first| Problem::warning(Code::DuplicateId, repeated_message(id, first))),
                unknown: false,
            },
            Use::Membership { network, member } => {
                let unknown = !self.catalogues.knows(network) && self.unknown_use(network);
                let now = member.and_then(|member| {
                    let key = id_hash(network) ^ member.rotate_left(17);
                    let first = first_use(&mut self.members, key, record)?;
                    Some(Problem::warning(
                        Code::DuplicateMembership,
                        format!(
                            "the same member is already in the network {network:?} in record {first}"
                        ),
                    ))
                });
                Noted { now, unknown }
            }
        }
    }

    /// Counts a use of an unknown network id; says whether it is the id's first use, which
    /// [`Noted::place`] then places.
    fn unknown_use(&mut self, id: &str) -> bool {
        let hash = id_hash(id);
        if let Some(&i) = self.unknown_at.get(&hash) {
            if let Some(u) = self.unknown.get_mut(i) {
                u.records += 1;
            }
            return false;
        }
        if self.unknown.len() >= UNKNOWN_CAP {
            self.unlisted += 1;
            return false;
        }
        self.unknown_at.insert(hash, self.unknown.len());
        self.unknown.push(Unknown {
            id: id.to_owned(),
            first: Problem::warning(Code::UnknownNetwork, String::new()),
            records: 1,
        });
        true
    }

    /// The problems that need the whole input: one `unknown_network` warning per distinct
    /// unknown id, in the order of their first use.
    pub fn finish(self) -> Vec<Problem> {
        let mut out: Vec<Problem> = Vec::with_capacity(self.unknown.len() + 1);
        let last_place = self.unknown.last().map(|u| u.first.clone());
        for u in self.unknown {
            let meant = suggest::network_reference(&self.catalogues, &u.id);
            let mut p = u.first;
            p.error = unknown_message(&u.id, u.records, meant.as_ref().map(|m| m.1.as_str()));
            p.suggestion = meant.map(|m| m.0);
            out.push(p);
        }
        if self.unlisted > 0
            && let Some(mut p) = last_place
        {
            p.error = format!(
                "{} more records refer to networks that no catalogue in use knows (past the first {UNKNOWN_CAP} such ids, they are not listed one by one)",
                self.unlisted
            );
            p.suggestion = None;
            out.push(p);
        }
        out
    }
}

/// The text of the warning on a network id that no catalogue knows, used by `records`
/// records; `known_as` names the network a catalogue knows by that name, if one does.
pub(crate) fn unknown_message(id: &str, records: u64, known_as: Option<&str>) -> String {
    let used = if records == 1 {
        "1 record uses it".to_owned()
    } else {
        format!("{records} records use it")
    };
    match known_as {
        Some(name) => format!(
            "no catalogue in use has a network with the id {id:?} ({used}); the network called {name:?} is probably meant"
        ),
        None => format!(
            "no catalogue in use has a network with the id {id:?} ({used}); give the catalogue that defines it with --catalogue FILE"
        ),
    }
}

/// A record's key (a network id, a membership's network and member), for the checks across
/// chunks ([`book`](super::book)).
#[derive(Debug, Clone)]
pub(crate) struct IdUse {
    /// For a membership record, its member's key (`Some(None)`: a membership record whose
    /// member has none); `None` for a network record.
    pub member: Option<Option<u64>>,
    /// The record that used it.
    pub record: u64,
    /// Where the id's value is.
    pub pos: Pos,
    /// The id and its instance location, in [`IdUses::text`].
    id: std::ops::Range<usize>,
    loc: std::ops::Range<usize>,
}

/// The network ids used by the records of one chunk, their text kept in one string (one
/// allocation per chunk rather than two per record).
#[derive(Debug, Clone, Default)]
pub(crate) struct IdUses {
    text: String,
    /// The uses, in the order of the records.
    pub uses: Vec<IdUse>,
}

impl IdUses {
    /// Keeps the key of `record`, at `pos`, in the record whose instance location is `root`.
    pub fn push(&mut self, key: &Key, record: u64, pos: Pos, root: &str) {
        let what = key.as_use();
        let id = what.text();
        let start = self.text.len();
        self.text.push_str(id);
        let mid = self.text.len();
        self.text.push_str(root);
        self.text.push_str(what.field());
        self.uses.push(IdUse {
            member: match key {
                Key::Network(_) => None,
                Key::Membership { member, .. } => Some(*member),
            },
            record,
            pos,
            id: start..mid,
            loc: mid..self.text.len(),
        });
    }

    /// The key of a use.
    pub fn use_of<'a>(&'a self, u: &IdUse) -> Use<'a> {
        let id = self.id(u);
        match u.member {
            None => Use::Network(id),
            Some(member) => Use::Membership {
                network: id,
                member,
            },
        }
    }

    /// The id of a use.
    pub fn id(&self, u: &IdUse) -> &str {
        self.text.get(u.id.clone()).unwrap_or_default()
    }

    /// The instance location of a use.
    pub fn loc(&self, u: &IdUse) -> &str {
        self.text.get(u.loc.clone()).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn book() -> Book {
        Book::new(Arc::default())
    }

    #[test]
    fn an_unknown_network_is_reported_once_with_its_count_at_its_first_use() {
        let mut b = book();
        let at = |line: u64| move |p: Problem| p.at(line, 1);
        for (record, network) in [
            (1, "study-net"),
            (2, "eurocities"),
            (3, "study-net"),
            (4, "icleii"),
        ] {
            let u = Use::Membership {
                network,
                member: None,
            };
            let noted = b.note(u, record);
            assert_eq!(noted.place(&mut b, at(record)), None);
        }
        let out = b.finish();
        assert_eq!(out.len(), 2);
        assert_eq!(out[0].code, Code::UnknownNetwork);
        assert_eq!(out[0].line, Some(1));
        assert!(
            out[0].error.contains("\"study-net\" (2 records use it)"),
            "{}",
            out[0].error
        );
        assert_eq!(out[1].line, Some(4));
        assert!(
            out[1].error.contains("(1 record uses it)"),
            "{}",
            out[1].error
        );
    }

    #[test]
    fn the_same_member_twice_in_one_network_is_a_warning_at_the_later_record() {
        let mut b = book();
        let ghent = member_key("city", None, Some("Ghent"), Some("BE"), None);
        assert_eq!(
            ghent,
            member_key("city", None, Some("ghent "), Some("be"), None)
        );
        // One place, however it is written, when the gazetteer knows it.
        let gent = member_key("city", None, Some("Gent"), Some("BE"), None);
        let city_of = member_key("city", None, Some("City of Ghent"), Some("be"), None);
        if cfg!(feature = "gazetteer") {
            assert_eq!((ghent, ghent), (gent, city_of));
        } else {
            assert_ne!(ghent, gent);
        }
        // A place is not the same member as another kind in it, nor as itself elsewhere.
        assert_ne!(
            ghent,
            member_key("department", Some("Ghent"), Some("Ghent"), Some("BE"), None)
        );
        assert_ne!(
            ghent,
            member_key("city", None, Some("Ghent"), Some("NL"), None)
        );
        // A city's written name does not make it another city.
        let named = member_key("city", Some("Stad Gent"), Some("Ghent"), Some("BE"), None);
        assert_eq!(ghent == named, cfg!(feature = "gazetteer"));
        // A written id says which place; the two Hamms of Germany are two members.
        let hamm = |id| member_key("city", None, Some("Hamm"), Some("DE"), Some(id));
        assert_eq!(hamm(2911240) != hamm(2911234), cfg!(feature = "gazetteer"));
        let by_id = member_key("city", None, Some("Gent"), Some("BE"), Some(2797656));
        assert_eq!(ghent == by_id, cfg!(feature = "gazetteer"));
        let use_in = |network| Use::Membership {
            network,
            member: Some(ghent),
        };
        assert!(!b.note(use_in("eurocities"), 1).needs_place());
        assert!(!b.note(use_in("eccar"), 2).needs_place());
        let noted = b.note(use_in("eurocities"), 3);
        let p = noted.place(&mut b, |p| p.record(Some(3)));
        let p = p.expect("a repeated membership");
        assert_eq!(p.code, Code::DuplicateMembership);
        assert_eq!(p.record, Some(3));
        assert!(p.error.ends_with("in record 1"), "{}", p.error);
        assert!(b.finish().is_empty());
    }

    #[test]
    fn network_ids_use_the_id_book() {
        let mut b = book();
        assert!(!b.note(Use::Network("a"), 1).needs_place());
        let noted = b.note(Use::Network("a"), 2);
        let p = noted.place(&mut b, |p| p).expect("repeated");
        assert_eq!(p.error, repeated_message("a", 1));
    }

    #[test]
    fn past_the_cap_unknown_ids_are_counted_in_one_last_warning() {
        let mut b = book();
        for n in 0..UNKNOWN_CAP as u64 + 3 {
            let id = format!("n{n}");
            let u = Use::Membership {
                network: &id,
                member: None,
            };
            let noted = b.note(u, n);
            let _ = noted.place(&mut b, |p| p);
        }
        let out = b.finish();
        assert_eq!(out.len(), UNKNOWN_CAP + 1);
        assert!(
            out[UNKNOWN_CAP].error.starts_with("3 more records"),
            "{}",
            out[UNKNOWN_CAP].error
        );
    }

    #[test]
    fn uses_keep_their_id_and_location_in_one_string() {
        let mut uses = IdUses::default();
        uses.push(
            &Key::Network("eurocities".into()),
            3,
            Pos::default(),
            "/networks/2",
        );
        let m = Key::Membership {
            network: "x".into(),
            member: None,
        };
        uses.push(&m, 4, Pos::default(), "");
        let [a, b] = &uses.uses[..] else {
            panic!("two uses")
        };
        assert_eq!((uses.id(a), uses.loc(a)), ("eurocities", "/networks/2/id"));
        assert_eq!((uses.id(b), uses.loc(b)), ("x", "/organization_id"));
        assert_eq!(b.record, 4);
    }
}
