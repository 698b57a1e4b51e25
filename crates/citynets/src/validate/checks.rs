//! What the schema cannot express, checked per record as warnings: duplicate network ids, an
//! id that differs from the embedded catalogue's for the same name or acronym, a membership
//! that starts before its network was founded, and end dates before start dates.

use super::engine::{Engine, Seg};
use super::lexer::Pos;
use super::{Code, Severity};
use std::borrow::Cow;

use crate::PartialDate;

/// Which value of a record a captured string is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Slot {
    Id,
    Name,
    Acronym,
    FoundingDate,
    OrganizationId,
    /// `start_date` / `end_date` of the record itself (a membership record).
    Own(End),
    /// Of the record's role `r`.
    OwnRole(u64, End),
    /// Of membership `m` of a network record.
    Membership(u64, End),
    /// Of role `r` of membership `m`.
    MembershipRole(u64, u64, End),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum End {
    Start,
    End,
}

impl Slot {
    fn of(path: &[&Seg]) -> Option<Slot> {
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

    /// The path within the record, as a JSON Pointer suffix.
    fn pointer(self) -> String {
        let e = |e: End| {
            if e == End::Start {
                "start_date"
            } else {
                "end_date"
            }
        };
        match self {
            Slot::Id => "/id".into(),
            Slot::Name => "/name".into(),
            Slot::Acronym => "/acronym".into(),
            Slot::FoundingDate => "/founding_date".into(),
            Slot::OrganizationId => "/organization_id".into(),
            Slot::Own(x) => format!("/{}", e(x)),
            Slot::OwnRole(r, x) => format!("/roles/{r}/{}", e(x)),
            Slot::Membership(m, x) => format!("/memberships/{m}/{}", e(x)),
            Slot::MembershipRole(m, r, x) => format!("/memberships/{m}/roles/{r}/{}", e(x)),
        }
    }
}

/// A string value of the record and where it was.
#[derive(Debug, Clone)]
struct Captured<'a> {
    text: Cow<'a, str>,
    pos: Pos,
}

/// The few values of one record the checks need.
#[derive(Debug, Clone)]
pub(crate) struct RecordFacts<'a> {
    base: usize,
    /// The instance location of the record itself.
    root: String,
    values: Vec<(Slot, Captured<'a>)>,
}

impl<'a> RecordFacts<'a> {
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

    pub fn new(base: usize, root: String) -> Self {
        RecordFacts {
            base,
            root,
            values: Vec::new(),
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
        let refs: Vec<&Seg> = rel.iter().collect();
        let Some(slot) = Slot::of(&refs) else { return };
        if text.len() <= 400 {
            self.put(slot, Cow::Owned(text.to_owned()), pos);
        }
    }

    fn put(&mut self, slot: Slot, text: Cow<'a, str>, pos: Pos) {
        if text.len() > 400 {
            return;
        }
        let captured = Captured { text, pos };
        match self.values.iter_mut().find(|(s, _)| *s == slot) {
            Some(entry) => entry.1 = captured,
            None => self.values.push((slot, captured)),
        }
    }

    /// The facts of a network record the typed model accepted, as the engine would capture
    /// them but without positions (which only a reported warning needs).
    pub fn of_network(n: &'a crate::Network) -> Self {
        let mut f = RecordFacts::new(0, String::new());
        let none = Pos::default();
        f.put(Slot::Id, Cow::Borrowed(n.id.as_str()), none);
        f.put(Slot::Name, Cow::Borrowed(n.name.as_str()), none);
        if let Some(a) = &n.acronym {
            f.put(Slot::Acronym, Cow::Borrowed(a.as_str()), none);
        }
        if let Some(d) = &n.founding_date {
            f.put(Slot::FoundingDate, Cow::Borrowed(d.as_str()), none);
        }
        for (m, ms) in (0u64..).zip(n.memberships.iter()) {
            f.put_dates(|e| Slot::Membership(m, e), ms);
            for (r, role) in (0u64..).zip(ms.roles.iter()) {
                f.put_role(|e| Slot::MembershipRole(m, r, e), role);
            }
        }
        f
    }

    /// The facts of a membership record the typed model accepted (see [`of_network`](Self::of_network)).
    pub fn of_membership(m: &'a crate::Membership) -> Self {
        let mut f = RecordFacts::new(0, String::new());
        f.put(
            Slot::OrganizationId,
            Cow::Borrowed(m.organization_id.as_str()),
            Pos::default(),
        );
        f.put_dates(Slot::Own, m);
        for (r, role) in (0u64..).zip(m.roles.iter()) {
            f.put_role(|e| Slot::OwnRole(r, e), role);
        }
        f
    }

    /// Keeps the record's network id and where it is: enough for the duplicate check of a
    /// record known to raise no other warning.
    pub fn put_id(&mut self, id: &str, pos: Pos) {
        self.put(Slot::Id, Cow::Owned(id.to_owned()), pos);
    }

    fn put_dates(&mut self, slot: impl Fn(End) -> Slot, m: &'a crate::Membership) {
        if let Some(d) = &m.start_date {
            self.put(slot(End::Start), Cow::Borrowed(d.as_str()), Pos::default());
        }
        if let Some(d) = &m.end_date {
            self.put(slot(End::End), Cow::Borrowed(d.as_str()), Pos::default());
        }
    }

    fn put_role(&mut self, slot: impl Fn(End) -> Slot, r: &'a crate::RoleHeld) {
        if let Some(d) = &r.start_date {
            self.put(slot(End::Start), Cow::Borrowed(d.as_str()), Pos::default());
        }
        if let Some(d) = &r.end_date {
            self.put(slot(End::End), Cow::Borrowed(d.as_str()), Pos::default());
        }
    }

    fn get(&self, slot: Slot) -> Option<&Captured<'a>> {
        self.values.iter().find(|(s, _)| *s == slot).map(|(_, c)| c)
    }

    fn loc(&self, slot: Slot) -> String {
        format!("{}{}", self.root, slot.pointer())
    }

    fn date(&self, slot: Slot) -> Option<(PartialDate, &Captured<'a>)> {
        let c = self.get(slot)?;
        Some((PartialDate::new(c.text.as_ref()).ok()?, c))
    }

    /// Runs the checks and reports warnings through the engine. A repeated id is reported
    /// last, as it is when records are checked on several threads and the ids are compared
    /// afterwards.
    pub fn check(mut self, engine: &mut Engine, membership_record: bool) {
        self.values.sort_by_key(|a| a.0);
        for w in self.warnings(membership_record) {
            engine.emit(
                w.code,
                Severity::Warning,
                Some(w.pos),
                w.location,
                String::new(),
                w.message,
                w.suggestion,
            );
        }
        if !membership_record
            && let Some(id) = self.get(Slot::Id)
            && crate::NetworkId::matches_pattern(&id.text)
        {
            let record = engine.record.unwrap_or(0);
            if let Some(first) = engine.first_use_of_id(&id.text, record, id.pos, &self.root) {
                engine.emit(
                    Code::DuplicateId,
                    Severity::Warning,
                    Some(id.pos),
                    self.loc(Slot::Id),
                    String::new(),
                    format!(
                        "the network id {:?} is already used by record {first}",
                        id.text
                    ),
                    None,
                );
            }
        }
    }

    /// Whether the record raises no warning apart from a repeated id (which depends on the
    /// other records, and is checked by [`check`](Self::check)).
    pub fn quiet(mut self, membership_record: bool) -> bool {
        self.values.sort_by_key(|a| a.0);
        self.warnings(membership_record).is_empty()
    }

    /// The warnings that depend on this record alone, in the order they are reported; `values`
    /// must be sorted.
    fn warnings(&self, membership_record: bool) -> Vec<Warning> {
        let mut out = Vec::new();
        if membership_record {
            let founding = self
                .get(Slot::OrganizationId)
                .and_then(|id| crate::ghent().by_id(&id.text))
                .and_then(|n| n.founding_date.clone());
            self.dates(&mut out, None, founding.as_ref(), true);
            return out;
        }
        if let Some(id) = self.get(Slot::Id)
            && crate::NetworkId::matches_pattern(&id.text)
        {
            for (field, slot) in [("name", Slot::Name), ("acronym", Slot::Acronym)] {
                let Some(name) = self.get(slot) else { continue };
                if let Some(known) = ghent_exact(&name.text)
                    && known.id != id.text.as_ref()
                {
                    out.push(Warning {
                        code: Code::IdMismatch,
                        pos: id.pos,
                        location: self.loc(Slot::Id),
                        message: format!(
                            "the {field} {:?} is the embedded catalogue's network {:?}; using the same id keeps datasets joinable",
                            name.text,
                            known.id.as_str()
                        ),
                        suggestion: Some(known.id.to_string()),
                    });
                    break;
                }
            }
        }
        let founding = self.date(Slot::FoundingDate).map(|(d, _)| d);
        let mut memberships: Vec<u64> = self
            .values
            .iter()
            .filter_map(|(s, _)| match s {
                Slot::Membership(m, _) | Slot::MembershipRole(m, _, _) => Some(*m),
                _ => None,
            })
            .collect();
        memberships.dedup();
        for m in memberships {
            self.dates(&mut out, Some(m), founding.as_ref(), false);
        }
        out
    }

    /// The date checks of one membership: the record itself (`None`) or membership `m`.
    fn dates(
        &self,
        out: &mut Vec<Warning>,
        m: Option<u64>,
        founding: Option<&PartialDate>,
        from_catalogue: bool,
    ) {
        let slot = |e: End| match m {
            None => Slot::Own(e),
            Some(m) => Slot::Membership(m, e),
        };
        let start = self.date(slot(End::Start));
        let end = self.date(slot(End::End));
        if let (Some((s, _)), Some((e, ec))) = (&start, &end)
            && before(e, s)
        {
            out.push(Warning {
                code: Code::EndBeforeStart,
                pos: ec.pos,
                location: self.loc(slot(End::End)),
                message: format!("the membership ends ({e}) before it starts ({s})"),
                suggestion: None,
            });
        }
        if let (Some((s, sc)), Some(f)) = (&start, founding)
            && before(s, f)
        {
            let whose = if from_catalogue {
                "the embedded catalogue's founding date of the network"
            } else {
                "the network's founding date"
            };
            out.push(Warning {
                code: Code::StartBeforeFounding,
                pos: sc.pos,
                location: self.loc(slot(End::Start)),
                message: format!("the membership starts ({s}) before {whose} ({f})"),
                suggestion: None,
            });
        }
        let role_slot = |r: u64, e: End| match m {
            None => Slot::OwnRole(r, e),
            Some(m) => Slot::MembershipRole(m, r, e),
        };
        let mut roles: Vec<u64> = self
            .values
            .iter()
            .filter_map(|(s, _)| match (s, m) {
                (Slot::OwnRole(r, _), None) => Some(*r),
                (Slot::MembershipRole(mm, r, _), Some(m)) if *mm == m => Some(*r),
                _ => None,
            })
            .collect();
        roles.dedup();
        for r in roles {
            let s = self.date(role_slot(r, End::Start));
            let e = self.date(role_slot(r, End::End));
            if let (Some((s, _)), Some((e, ec))) = (s, e)
                && before(&e, &s)
            {
                out.push(Warning {
                    code: Code::EndBeforeStart,
                    pos: ec.pos,
                    location: self.loc(role_slot(r, End::End)),
                    message: format!("the role ends ({e}) before it starts ({s})"),
                    suggestion: None,
                });
            }
        }
    }
}

/// A warning found by [`RecordFacts`], before it is reported.
struct Warning {
    code: Code,
    pos: Pos,
    location: String,
    message: String,
    suggestion: Option<String>,
}

/// The embedded catalogue's network with exactly this name, acronym or alias (folded), from an
/// index built once.
fn ghent_exact(name: &str) -> Option<&'static crate::Network> {
    use std::collections::HashMap;
    use std::sync::OnceLock;
    static INDEX: OnceLock<HashMap<String, Option<usize>, Fnv>> = OnceLock::new();
    let index = INDEX.get_or_init(|| {
        let mut m: HashMap<String, Option<usize>, Fnv> = HashMap::default();
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

/// FNV-1a as a `HashMap` hasher: the index is fixed and built from the crate's own data, so
/// no protection against chosen collisions is needed, and short keys hash much faster.
#[derive(Default, Clone, Copy)]
struct Fnv;

struct FnvHasher(u64);

impl std::hash::BuildHasher for Fnv {
    type Hasher = FnvHasher;
    fn build_hasher(&self) -> FnvHasher {
        FnvHasher(0xcbf2_9ce4_8422_2325)
    }
}

impl std::hash::Hasher for FnvHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
}

/// Whether `a` lies wholly before `b`: the last day `a` can mean is before the first day `b`
/// can mean ("2015" is not before "2015-06"; "2014" is).
fn before(a: &PartialDate, b: &PartialDate) -> bool {
    let latest = (a.year(), a.month().unwrap_or(12), a.day().unwrap_or(31));
    let earliest = (b.year(), b.month().unwrap_or(1), b.day().unwrap_or(1));
    latest < earliest
}
