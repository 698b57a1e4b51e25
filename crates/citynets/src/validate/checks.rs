//! The values of a record the [warning rules](super::rules) read, captured by the engine while
//! it walks the record: each with its place in the input, so that a warning points at the
//! value it is about even when the record has errors.
//!
//! Only strings at the few paths the rules read are kept (see [`RecordFacts::wanted_leaf`]),
//! and a later value of a duplicated key replaces the earlier one, as in a parsed object.

use super::book::Key;
use super::json::lexer::Pos;
use super::path::Seg;
use super::rules::{End, Facts, Slot, Warning, warnings};
use crate::PartialDate;

/// The slot of a value at `path` within a record, if the rules read it.
fn slot_of(path: &[&Seg]) -> Option<Slot> {
    let end = |k: &str| match k {
        "start_date" => Some(End::Start),
        "end_date" => Some(End::End),
        _ => None,
    };
    Some(match path {
        [leaf] => match leaf.key()? {
            "id" => Slot::Id,
            "name" => Slot::Name,
            "acronym" => Slot::Acronym,
            "founding_date" => Slot::FoundingDate,
            "organization_id" => Slot::OrganizationId,
            k => Slot::Own(end(k)?),
        },
        [roles, Seg::Index(r), leaf] if roles.key()? == "roles" => {
            Slot::OwnRole(*r, end(leaf.key()?)?)
        }
        [ms, Seg::Index(m), leaf] if ms.key()? == "memberships" => {
            Slot::Membership(*m, end(leaf.key()?)?)
        }
        [ms, Seg::Index(m), roles, Seg::Index(r), leaf]
            if ms.key()? == "memberships" && roles.key()? == "roles" =>
        {
            Slot::MembershipRole(*m, *r, end(leaf.key()?)?)
        }
        _ => return None,
    })
}

/// A string value of the record and where it was.
#[derive(Debug, Clone)]
struct Captured {
    text: String,
    pos: Pos,
}

/// The few values of one record the checks need.
#[derive(Debug, Clone)]
pub(crate) struct RecordFacts {
    base: usize,
    /// The instance location of the record itself.
    root: String,
    values: Vec<(Slot, Captured)>,
    /// A membership's `member`: its kind, name, city and country, as read.
    member: [Option<String>; 4],
    /// Where the member's country is.
    member_country: Option<Pos>,
    /// A membership's `member.geonames_id`, when it is one.
    member_id: Option<u32>,
}

impl RecordFacts {
    /// Whether a key can end a path the checks use (a cheap test before [`capture`](Self::capture)).
    pub fn wanted_leaf(key: &str) -> bool {
        matches!(
            key,
            "id" | "name"
                | "kind"
                | "city"
                | "country"
                | "acronym"
                | "founding_date"
                | "organization_id"
                | "start_date"
                | "end_date"
        )
    }

    pub fn new(base: usize, root: String) -> Self {
        RecordFacts {
            base,
            root,
            values: Vec::new(),
            member: Default::default(),
            member_country: None,
            member_id: None,
        }
    }

    /// Keeps a string value if its path is one the checks use (a later value of a duplicated
    /// key replaces the earlier one).
    pub fn capture(&mut self, segs: &[Seg], text: &str, pos: Pos) {
        let Some(rel) = segs.get(self.base..) else {
            return;
        };
        if rel.len() > 5 || text.len() > 400 {
            return;
        }
        if let [m, leaf] = rel
            && m.key() == Some("member")
        {
            let i = match leaf.key() {
                Some("kind") => 0,
                Some("name") => 1,
                Some("city") => 2,
                Some("country") => 3,
                _ => return,
            };
            if let Some(part) = self.member.get_mut(i) {
                *part = Some(text.to_owned());
            }
            if i == 3 {
                self.member_country = Some(pos);
            }
            return;
        }
        let refs: Vec<&Seg> = rel.iter().collect();
        let Some(slot) = slot_of(&refs) else { return };
        if text.len() <= 400 {
            self.put(slot, text.to_owned(), pos);
        }
    }

    /// Keeps a number if it is a membership's `member.geonames_id` (the one number the checks
    /// read).
    pub fn capture_number(&mut self, segs: &[Seg], text: &str) {
        if let Some([m, leaf]) = segs.get(self.base..)
            && m.key() == Some("member")
            && leaf.key() == Some("geonames_id")
            && text.len() <= 20
        {
            self.member_id = super::book::written_id(text);
        }
    }

    fn put(&mut self, slot: Slot, text: String, pos: Pos) {
        if text.len() > 400 {
            return;
        }
        let captured = Captured { text, pos };
        match self.values.iter_mut().find(|(s, _)| *s == slot) {
            Some(entry) => entry.1 = captured,
            None => self.values.push((slot, captured)),
        }
    }

    fn get(&self, slot: Slot) -> Option<&Captured> {
        self.values.iter().find(|(s, _)| *s == slot).map(|(_, c)| c)
    }

    /// The record's warnings, in the order they are reported, and for a network record its
    /// network id and where it is (for the repeated-id check, which comes after them).
    pub fn finish(self, membership_record: bool) -> Finished {
        let warnings = warnings(&self, membership_record);
        let key = if membership_record {
            self.get(Slot::OrganizationId)
                .filter(|c| crate::NetworkId::matches_pattern(&c.text))
                .map(|c| {
                    let network = c.text.clone();
                    (
                        Key::Membership {
                            network,
                            member: Facts::member_key(&self),
                        },
                        c.pos,
                    )
                })
        } else {
            Facts::id(&self).map(|(id, pos)| (Key::Network(id.to_owned()), pos.unwrap_or_default()))
        };
        Finished {
            root: self.root,
            warnings,
            key,
        }
    }

    /// The distinct values of `f` over the captured slots, in order.
    fn indices(&self, f: impl Fn(Slot) -> Option<u64>) -> impl Iterator<Item = u64> {
        let mut all: Vec<u64> = self.values.iter().filter_map(|(s, _)| f(*s)).collect();
        all.sort_unstable();
        all.dedup();
        all.into_iter()
    }
}

/// What the rules found in a record whose facts were captured.
#[derive(Debug)]
pub(crate) struct Finished {
    /// The instance location of the record.
    pub root: String,
    /// Its warnings, in the order they are reported.
    pub warnings: Vec<Warning>,
    /// Its key for the checks across records (a network id, a membership's network), when it
    /// has a valid one, and where it is.
    pub key: Option<(Key, Pos)>,
}

impl Facts for RecordFacts {
    fn id(&self) -> Option<(&str, Option<Pos>)> {
        let c = self.get(Slot::Id)?;
        crate::NetworkId::matches_pattern(&c.text).then_some((c.text.as_str(), Some(c.pos)))
    }
    fn name(&self) -> Option<&str> {
        self.get(Slot::Name).map(|c| c.text.as_str())
    }
    fn acronym(&self) -> Option<&str> {
        self.get(Slot::Acronym).map(|c| c.text.as_str())
    }
    fn founding_date(&self) -> Option<PartialDate> {
        self.date(Slot::FoundingDate).map(|(d, _)| d)
    }
    fn organization_id(&self) -> Option<&str> {
        self.get(Slot::OrganizationId).map(|c| c.text.as_str())
    }
    fn member_key(&self) -> Option<u64> {
        let [kind, name, city, country] = &self.member;
        Some(super::book::member_key(
            kind.as_deref()?,
            name.as_deref(),
            city.as_deref(),
            country.as_deref(),
            self.member_id,
        ))
    }
    fn member_place(&self) -> Option<(&str, &str, Option<Pos>)> {
        let [_, _, city, country] = &self.member;
        Some((city.as_deref()?, country.as_deref()?, self.member_country))
    }
    fn memberships(&self) -> impl Iterator<Item = u64> {
        self.indices(|s| match s {
            Slot::Membership(m, _) | Slot::MembershipRole(m, _, _) => Some(m),
            _ => None,
        })
    }
    fn roles(&self, m: Option<u64>) -> impl Iterator<Item = u64> {
        self.indices(move |s| match (s, m) {
            (Slot::OwnRole(r, _), None) => Some(r),
            (Slot::MembershipRole(mm, r, _), Some(m)) if mm == m => Some(r),
            _ => None,
        })
    }
    fn date(&self, slot: Slot) -> Option<(PartialDate, Option<Pos>)> {
        let c = self.get(slot)?;
        Some((PartialDate::new(c.text.as_str()).ok()?, Some(c.pos)))
    }
}

#[cfg(test)]
mod tests {
    use super::RecordFacts;
    use crate::validate::json::lexer::Pos;
    use crate::validate::path::Seg;
    use crate::validate::rules::{Slot, Warning, warnings};
    use serde_json::{Value, json};

    /// Captures every string of `v` as the engine would, each at a position of its own.
    fn capture(v: &Value, segs: &mut Vec<Seg>, facts: &mut RecordFacts, n: &mut u64) {
        match v {
            Value::String(s) => {
                *n += 1;
                let pos = Pos {
                    offset: *n,
                    line: 1,
                    column: *n,
                };
                facts.capture(segs, s, pos);
            }
            Value::Number(x) => facts.capture_number(segs, &x.to_string()),
            Value::Object(m) => {
                for (k, v) in m {
                    segs.push(Seg::Key(k.clone()));
                    capture(v, segs, facts, n);
                    segs.pop();
                }
            }
            Value::Array(a) => {
                for (i, v) in a.iter().enumerate() {
                    segs.push(Seg::Index(i as u64));
                    capture(v, segs, facts, n);
                    segs.pop();
                }
            }
            _ => {}
        }
    }

    fn captured(v: &Value, membership: bool) -> Vec<Warning> {
        let mut facts = RecordFacts::new(0, "/r".into());
        capture(v, &mut Vec::new(), &mut facts, &mut 0);
        let found = facts.finish(membership);
        assert_eq!(found.root, "/r");
        found.warnings
    }

    fn role(start: &str, end: &str) -> Value {
        json!({"role": "chair", "start_date": start, "end_date": end, "source": "https://example.org/"})
    }

    fn membership(start: &str, end: &str, roles: Vec<Value>) -> Value {
        json!({"organization_id": "eurocities", "member": {"kind": "city", "city": "A", "country": "BE"},
               "start_date": start, "end_date": end, "roles": roles})
    }

    /// Without places, the captured values and the model's types give the same warnings, in
    /// the same order; each membership is checked once, however many roles it has.
    #[test]
    fn captured_facts_and_the_model_warn_alike() {
        let network = json!({
            "id": "other-id", "name": "Eurocities", "founding_date": "1990",
            "memberships": [
                membership("2020", "2019", vec![role("2020", "2019"), role("2001", "2002")]),
                membership("1980", "2019", vec![role("2020", "2019")]),
            ]
        });
        let got = captured(&network, false);
        let model: crate::Network = serde_json::from_value(network).expect("a valid network");
        let expected = warnings(&model, false);
        let slots: Vec<Slot> = got.iter().map(|w| w.slot).collect();
        assert_eq!(
            slots.iter().map(|s| s.pointer()).collect::<Vec<_>>(),
            [
                "/id",
                "/memberships/0/end_date",
                "/memberships/0/roles/0/end_date",
                "/memberships/1/start_date",
                "/memberships/1/roles/0/end_date",
            ]
        );
        assert!(got.iter().all(|w| w.pos.is_some()));
        let unplaced: Vec<Warning> = got
            .into_iter()
            .map(|w| Warning { pos: None, ..w })
            .collect();
        assert_eq!(unplaced, expected);
        assert_eq!(expected[0].location("/r"), "/r/id");
        assert_eq!(expected[0].suggestion().as_deref(), Some("eurocities"));

        let record = membership("1900", "1899", vec![role("2020", "2019")]);
        let got = captured(&record, true);
        let model: crate::Membership = serde_json::from_value(record).expect("a valid membership");
        let unplaced: Vec<Warning> = got
            .into_iter()
            .map(|w| Warning { pos: None, ..w })
            .collect();
        assert_eq!(unplaced, warnings(&model, true));
        assert_eq!(unplaced.len(), 3, "{unplaced:?}");
    }

    /// The id of a network record is given back for the repeated-id check only when it has
    /// the id's pattern.
    #[test]
    fn only_a_valid_id_is_handed_on() {
        let found = captured(&json!({"id": "ok-id", "name": "X"}), false);
        assert!(found.is_empty());
        let mut facts = RecordFacts::new(0, String::new());
        capture(&json!({"id": "ok-id"}), &mut Vec::new(), &mut facts, &mut 0);
        assert_eq!(
            facts
                .finish(false)
                .key
                .map(|(k, _)| k.as_use().text().to_owned())
                .as_deref(),
            Some("ok-id")
        );
        let mut facts = RecordFacts::new(0, String::new());
        capture(
            &json!({"id": "Not An Id"}),
            &mut Vec::new(),
            &mut facts,
            &mut 0,
        );
        assert!(facts.finish(false).key.is_none());
    }
}
