//! What the schema cannot express, checked per record as warnings: duplicate network ids, an
//! id that differs from the embedded catalogue's for the same name or acronym, a membership
//! that starts before its network was founded, and end dates before start dates.

use super::engine::{Engine, Seg};
use super::lexer::Pos;
use super::{Code, Severity};
use crate::PartialDate;
use crate::fnv::BuildFnv;

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
}

impl RecordFacts {
    /// Whether a key can end a path the checks use (a cheap test before [`capture`](Self::capture)).
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
            self.put(slot, text.to_owned(), pos);
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

    fn loc(&self, slot: Slot) -> String {
        format!("{}{}", self.root, slot.pointer())
    }

    fn date(&self, slot: Slot) -> Option<(PartialDate, &Captured)> {
        let c = self.get(slot)?;
        Some((PartialDate::new(c.text.as_str()).ok()?, c))
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
            engine.check_repeated_id(&id.text, id.pos, Some(&self.root));
        }
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
                    && known.id != id.text.as_str()
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
            && e.wholly_before(s)
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
            && s.wholly_before(f)
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
                && e.wholly_before(&s)
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

/// What the quiet checks read of a network record: in the model's type, or in its
/// [view](super::view).
pub(crate) trait NetworkFacts {
    type Membership: MembershipFacts;
    fn id(&self) -> &str;
    fn name(&self) -> &str;
    fn acronym(&self) -> Option<&str>;
    fn founding_date(&self) -> Option<&PartialDate>;
    fn memberships(&self) -> &[Self::Membership];
}

/// What the quiet checks read of a membership (see [`NetworkFacts`]).
pub(crate) trait MembershipFacts {
    type Role: RoleFacts;
    fn organization_id(&self) -> &str;
    fn start_date(&self) -> Option<&PartialDate>;
    fn end_date(&self) -> Option<&PartialDate>;
    fn roles(&self) -> &[Self::Role];
}

/// What the quiet checks read of a role held (see [`NetworkFacts`]).
pub(crate) trait RoleFacts {
    fn start_date(&self) -> Option<&PartialDate>;
    fn end_date(&self) -> Option<&PartialDate>;
}

/// `impl NetworkFacts` (with `MembershipFacts` and `RoleFacts` for its memberships and
/// roles) for a network type whose fields have the model's names and `as_str`/`as_ref`.
macro_rules! facts {
    ([$($lt:lifetime)?] $network:ty, $membership:ty, $role:ty) => {
        impl<$($lt)?> NetworkFacts for $network {
            type Membership = $membership;
            fn id(&self) -> &str {
                self.id.as_str()
            }
            fn name(&self) -> &str {
                self.name.as_str()
            }
            fn acronym(&self) -> Option<&str> {
                self.acronym.as_ref().map(|a| a.as_str())
            }
            fn founding_date(&self) -> Option<&PartialDate> {
                self.founding_date.as_ref()
            }
            fn memberships(&self) -> &[$membership] {
                &self.memberships
            }
        }

        impl<$($lt)?> MembershipFacts for $membership {
            type Role = $role;
            fn organization_id(&self) -> &str {
                self.organization_id.as_str()
            }
            fn start_date(&self) -> Option<&PartialDate> {
                self.start_date.as_ref()
            }
            fn end_date(&self) -> Option<&PartialDate> {
                self.end_date.as_ref()
            }
            fn roles(&self) -> &[$role] {
                &self.roles
            }
        }

        impl RoleFacts for $role {
            fn start_date(&self) -> Option<&PartialDate> {
                self.start_date.as_ref()
            }
            fn end_date(&self) -> Option<&PartialDate> {
                self.end_date.as_ref()
            }
        }
    };
}
pub(crate) use facts;

facts!([] crate::Network, crate::Membership, crate::RoleHeld);

/// Whether a network record raises none of the warnings of [`RecordFacts`] apart from a
/// repeated id (which depends on the other records). It may say no where the engine would find
/// nothing (the engine then reads the record), never the reverse: `tests/fast_path.rs`
/// compares the reports.
pub(crate) fn network_is_quiet(n: &impl NetworkFacts) -> bool {
    let other_network = |name: &str| ghent_exact(name).is_some_and(|known| known.id != n.id());
    if other_network(n.name()) || n.acronym().is_some_and(other_network) {
        return false;
    }
    let founding = n.founding_date();
    n.memberships().iter().all(|m| dates_are_quiet(m, founding))
}

/// Whether a membership record raises no warning (see [`network_is_quiet`]).
pub(crate) fn membership_is_quiet(m: &impl MembershipFacts) -> bool {
    let founding = crate::ghent()
        .by_id(m.organization_id())
        .and_then(|n| n.founding_date.as_ref());
    dates_are_quiet(m, founding)
}

/// The date checks of [`RecordFacts::dates`], on a membership read by the types.
fn dates_are_quiet(m: &impl MembershipFacts, founding: Option<&PartialDate>) -> bool {
    let ends_first = |s: Option<&PartialDate>, e: Option<&PartialDate>| {
        s.zip(e).is_some_and(|(s, e)| e.wholly_before(s))
    };
    !ends_first(m.start_date(), m.end_date())
        && !m
            .start_date()
            .zip(founding)
            .is_some_and(|(s, f)| s.wholly_before(f))
        && !m
            .roles()
            .iter()
            .any(|r| ends_first(r.start_date(), r.end_date()))
}

/// A warning found by [`RecordFacts`], before it is reported.
struct Warning {
    code: Code,
    pos: Pos,
    location: String,
    message: String,
    suggestion: Option<String>,
}

/// The folded names of the embedded catalogue's networks (names, acronyms and aliases), with
/// the network each is the name of (`None`: of several); the hashes of those names; and the
/// hashes of every ending of them (at each character boundary, the empty ending included).
type GhentIndex = (
    std::collections::HashMap<String, Option<usize>, BuildFnv>,
    std::collections::HashSet<u64, BuildFnv>,
    std::collections::HashSet<u64, BuildFnv>,
);

/// The index of [`ghent_exact`], built once.
fn ghent_index() -> &'static GhentIndex {
    use std::sync::OnceLock;
    static INDEX: OnceLock<GhentIndex> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut m: std::collections::HashMap<String, Option<usize>, BuildFnv> = Default::default();
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
        let hashes = m.keys().map(|k| crate::fnv::hash(k.as_bytes())).collect();
        let mut endings: std::collections::HashSet<u64, BuildFnv> = Default::default();
        endings.insert(crate::fnv::START);
        for k in m.keys() {
            for (at, _) in k.char_indices() {
                endings.insert(crate::fnv::hash(k.get(at..).unwrap_or_default().as_bytes()));
            }
        }
        (m, hashes, endings)
    })
}

/// How many characters at the end of a name are folded first, to rule most names out.
const TAIL: usize = 8;

/// The embedded catalogue's network with exactly this name, acronym or alias (folded), from an
/// index built once.
fn ghent_exact(name: &str) -> Option<&'static crate::Network> {
    let (index, hashes, endings) = ghent_index();
    // This runs for every record's name, and almost every name is no Ghent name. Folding works
    // character by character (only the spaces between words depend on what is around), so the
    // folded form of the name's last characters is an ending of the name's folded form: when
    // it ends no name of the index, the name is none of them.
    let tail = name
        .char_indices()
        .rev()
        .nth(TAIL - 1)
        .and_then(|(at, _)| name.get(at..))
        .unwrap_or(name);
    if !endings.contains(&crate::fold::fold_hash(tail)) {
        return None;
    }
    // Then the whole folded form is hashed without being built, and built only when the hash
    // is one of a name.
    if !hashes.contains(&crate::fold::fold_hash(name)) {
        return None;
    }
    thread_local! {
        static FOLDED: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
    }
    let i = FOLDED.with_borrow_mut(|folded| {
        crate::fold::fold_into(name, folded);
        index.get(folded.as_str()).copied()
    })??;
    crate::ghent().networks.get(i)
}

#[cfg(test)]
mod tests {
    use super::{ghent_exact, ghent_index};

    /// What `ghent_exact` answers without its shortcuts: the whole name folded and looked up.
    fn looked_up(name: &str) -> Option<&'static str> {
        let i = ghent_index().0.get(&crate::fold::fold(name)).copied()??;
        crate::ghent().networks.get(i).map(|n| n.id.as_str())
    }

    /// The names of the catalogue and variants of them (case, accents, punctuation, words
    /// added before or after, ampersands, other scripts) get the same answer with the shortcuts
    /// as without, and the plain names are found.
    #[test]
    fn the_shortcuts_never_change_the_answer() {
        let mut names = Vec::new();
        for n in crate::ghent().iter() {
            let mut own = vec![n.id.to_string(), n.name.to_string()];
            own.extend(n.acronym.iter().map(|a| a.to_string()));
            own.extend(n.other_names.iter().map(|o| o.name.to_string()));
            for name in own {
                names.push(name.to_uppercase());
                names.push(format!("{name}!"));
                names.push(format!("  {name} "));
                names.push(format!("The {name}"));
                names.push(format!("{name} 2"));
                names.push(format!("{name} (Brüssel)"));
                names.push(name.replace(' ', " & "));
                names.push(name.replace('e', "é"));
                names.push(name.chars().rev().collect());
                names.push(name.chars().skip(1).collect());
                names.push(name.clone());
            }
        }
        names.extend(
            [
                "",
                "a",
                "&",
                "İstanbul Büyükşehir",
                "東京",
                "ÉUROCITIES",
                "euro cities",
            ]
            .map(String::from),
        );
        let mut found = 0;
        for name in &names {
            let expected = looked_up(name);
            assert_eq!(
                ghent_exact(name).map(|n| n.id.as_str()),
                expected,
                "{name:?}"
            );
            found += usize::from(expected.is_some());
        }
        // Most of the variants are names of the catalogue, and many are not: both answers
        // are checked.
        assert!(
            found > names.len() / 3 && found < names.len() - 100,
            "{found} of {}",
            names.len()
        );
    }
}
