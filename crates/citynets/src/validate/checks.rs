//! What the schema cannot express, checked per record as warnings: duplicate network ids, an
//! id that differs from the embedded catalogue's for the same name or acronym, a membership
//! that starts before its network was founded, and end dates before start dates.

use std::collections::BTreeMap;

use super::engine::{Engine, Seg};
use super::lexer::Pos;
use super::{Code, Severity};
use crate::PartialDate;

/// A string value of the record, where it was, and its instance location.
#[derive(Debug, Clone)]
struct Captured {
    text: String,
    pos: Pos,
    loc: String,
}

/// The few values of one record the checks need, keyed by their path within the record
/// (`"memberships/0/roles/1/start_date"`).
#[derive(Debug, Clone)]
pub(crate) struct RecordFacts {
    base: usize,
    values: BTreeMap<String, Captured>,
}

/// Whether a path within a record (keys and indices) is one the checks use.
fn wanted(path: &[&str]) -> bool {
    matches!(
        path,
        ["id"
            | "name"
            | "acronym"
            | "founding_date"
            | "organization_id"
            | "start_date"
            | "end_date"]
            | ["roles", _, "start_date" | "end_date"]
            | ["memberships", _, "start_date" | "end_date"]
            | ["memberships", _, "roles", _, "start_date" | "end_date"]
    )
}

impl RecordFacts {
    /// Whether a key can end a path the checks use (a cheap test before [`capture`]).
    pub fn wanted_leaf(key: &str) -> bool {
        matches!(
            key,
            "id" | "name"
                | "acronym"
                | "founding_date"
                | "organization_id"
                | "start_date"
                | "end_date"
        )
    }

    pub fn new(base: usize, _root: String) -> Self {
        RecordFacts {
            base,
            values: BTreeMap::new(),
        }
    }

    /// Keeps a string value if its path is one the checks use (a later value of a duplicated
    /// key replaces the earlier one).
    pub fn capture(&mut self, segs: &[Seg], text: &str, pos: Pos, loc: String) {
        let Some(rel) = segs.get(self.base..) else {
            return;
        };
        if rel.len() > 5 || text.len() > 400 {
            return;
        }
        let parts: Vec<String> = rel
            .iter()
            .map(|s| match s {
                Seg::Prop(k, _) => (*k).to_owned(),
                Seg::Key(k) => k.clone(),
                Seg::Index(i) => i.to_string(),
            })
            .collect();
        let refs: Vec<&str> = parts.iter().map(String::as_str).collect();
        if wanted(&refs) {
            self.values.insert(
                parts.join("/"),
                Captured {
                    text: text.to_owned(),
                    pos,
                    loc,
                },
            );
        }
    }

    fn get(&self, key: &str) -> Option<&Captured> {
        self.values.get(key)
    }

    fn date(&self, key: &str) -> Option<(PartialDate, &Captured)> {
        let c = self.get(key)?;
        Some((PartialDate::new(c.text.clone()).ok()?, c))
    }

    /// Runs the checks and reports warnings through the engine.
    pub fn check(self, engine: &mut Engine, membership_record: bool) {
        if membership_record {
            let founding = self
                .get("organization_id")
                .and_then(|id| crate::ghent().by_id(&id.text))
                .and_then(|n| n.founding_date.clone());
            self.membership(engine, "", founding.as_ref(), true);
            return;
        }
        let record = engine.record.unwrap_or(0);
        if let Some(id) = self.get("id")
            && crate::NetworkId::matches_pattern(&id.text)
        {
            if let Some(first) = engine.first_use_of_id(&id.text, record, id.pos, &id.loc) {
                engine.emit(
                    Code::DuplicateId,
                    Severity::Warning,
                    Some(id.pos),
                    id.loc.clone(),
                    String::new(),
                    format!(
                        "the network id {:?} is already used by record {first}",
                        id.text
                    ),
                    None,
                );
            }
            for field in ["name", "acronym"] {
                let Some(name) = self.get(field) else {
                    continue;
                };
                if let Some(known) = ghent_exact(&name.text)
                    && known.id != id.text.as_str()
                {
                    engine.emit(
                                Code::IdMismatch,
                                Severity::Warning,
                                Some(id.pos),
                                id.loc.clone(),
                                String::new(),
                                format!("the {field} {:?} is the embedded catalogue's network {:?}; using the same id keeps datasets joinable", name.text, known.id.as_str()),
                                Some(known.id.to_string()),
                            );
                    break;
                }
            }
        }
        let founding = self.date("founding_date").map(|(d, _)| d);
        let mut memberships: Vec<String> = self
            .values
            .keys()
            .filter_map(|k| {
                k.strip_prefix("memberships/")
                    .and_then(|r| r.split('/').next())
                    .map(str::to_owned)
            })
            .collect();
        memberships.dedup();
        for m in memberships {
            self.membership(
                engine,
                &format!("memberships/{m}/"),
                founding.as_ref(),
                false,
            );
        }
    }

    fn membership(
        &self,
        engine: &mut Engine,
        prefix: &str,
        founding: Option<&PartialDate>,
        from_catalogue: bool,
    ) {
        let start = self.date(&format!("{prefix}start_date"));
        let end = self.date(&format!("{prefix}end_date"));
        if let (Some((s, _)), Some((e, ec))) = (&start, &end)
            && before(e, s)
        {
            engine.emit(
                Code::EndBeforeStart,
                Severity::Warning,
                Some(ec.pos),
                ec.loc.clone(),
                String::new(),
                format!("the membership ends ({e}) before it starts ({s})"),
                None,
            );
        }
        if let (Some((s, sc)), Some(f)) = (&start, founding)
            && before(s, f)
        {
            let whose = if from_catalogue {
                "the embedded catalogue's founding date of the network"
            } else {
                "the network's founding date"
            };
            engine.emit(
                Code::StartBeforeFounding,
                Severity::Warning,
                Some(sc.pos),
                sc.loc.clone(),
                String::new(),
                format!("the membership starts ({s}) before {whose} ({f})"),
                None,
            );
        }
        let mut roles: Vec<String> = self
            .values
            .keys()
            .filter_map(|k| {
                k.strip_prefix(&format!("{prefix}roles/"))
                    .and_then(|r| r.split('/').next())
                    .map(str::to_owned)
            })
            .collect();
        roles.dedup();
        for r in roles {
            let s = self.date(&format!("{prefix}roles/{r}/start_date"));
            let e = self.date(&format!("{prefix}roles/{r}/end_date"));
            if let (Some((s, _)), Some((e, ec))) = (s, e)
                && before(&e, &s)
            {
                engine.emit(
                    Code::EndBeforeStart,
                    Severity::Warning,
                    Some(ec.pos),
                    ec.loc.clone(),
                    String::new(),
                    format!("the role ends ({e}) before it starts ({s})"),
                    None,
                );
            }
        }
    }
}

/// The embedded catalogue's network with exactly this name, acronym or alias (folded), from an
/// index built once.
fn ghent_exact(name: &str) -> Option<&'static crate::Network> {
    use std::collections::HashMap;
    use std::sync::OnceLock;
    static INDEX: OnceLock<HashMap<String, Option<usize>>> = OnceLock::new();
    let index = INDEX.get_or_init(|| {
        let mut m: HashMap<String, Option<usize>> = HashMap::new();
        for (i, n) in crate::ghent().iter().enumerate() {
            for k in n.lookup_keys() {
                m.entry(k)
                    .and_modify(|e| {
                        if *e != Some(i) {
                            *e = None
                        }
                    })
                    .or_insert(Some(i));
            }
        }
        m
    });
    let i = (*index.get(&crate::fold(name))?)?;
    crate::ghent().networks.get(i)
}

/// Whether `a` lies wholly before `b`: the last day `a` can mean is before the first day `b`
/// can mean ("2015" is not before "2015-06"; "2014" is).
fn before(a: &PartialDate, b: &PartialDate) -> bool {
    let latest = (a.year(), a.month().unwrap_or(12), a.day().unwrap_or(31));
    let earliest = (b.year(), b.month().unwrap_or(1), b.day().unwrap_or(1));
    latest < earliest
}
