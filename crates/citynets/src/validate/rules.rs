//! The warning rules: what the schema cannot express, written once.
//!
//! A record valid by its schema may still deserve a warning: a network id that differs from
//! the embedded catalogue's for the same name or acronym (`id_mismatch`), a membership or role
//! that ends before it starts (`end_before_start`), a membership that starts before its
//! network was founded (`start_before_founding`). (A repeated id depends on the other records:
//! see [`ids`](super::ids).)
//!
//! The same rules are asked of records read in three ways: the values the engine captured
//! while walking a record ([`RecordFacts`](super::checks::RecordFacts)), the model's types
//! ([`Network`](crate::Network), [`Membership`](crate::Membership)) and the fast path's
//! [views](super::view). Each of them implements [`Facts`], and the rules read nothing else, so
//! "this record is quiet" is "the rules return no warning" for all of them by construction.
//! The rules return their warnings rather than report them: the caller knows where the record
//! is and how it reports.
//!
//! This module is at the bottom of the validator: it uses no other part of it but positions.

use super::json::lexer::Pos;
use super::problem::Code;
use crate::PartialDate;
use crate::fnv::BuildFnv;

/// Which end of a span of time a date is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum End {
    /// `start_date`.
    Start,
    /// `end_date`.
    End,
}

impl End {
    /// The key of the date.
    pub fn key(self) -> &'static str {
        match self {
            End::Start => "start_date",
            End::End => "end_date",
        }
    }
}

/// A value of a record the rules read, by its path within the record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Slot {
    /// `id` of a network record.
    Id,
    /// `name` of a network record.
    Name,
    /// `acronym` of a network record.
    Acronym,
    /// `founding_date` of a network record.
    FoundingDate,
    /// `organization_id` of a membership record.
    OrganizationId,
    /// `start_date` / `end_date` of the record itself (a membership record).
    Own(End),
    /// Of the record's role `r`.
    OwnRole(u64, End),
    /// Of membership `m` of a network record.
    Membership(u64, End),
    /// Of role `r` of membership `m`.
    MembershipRole(u64, u64, End),
    /// `member.country` of a membership record.
    MemberCountry,
}

impl Slot {
    /// The date `e` of membership `m` (`None`: the record itself).
    pub fn membership(m: Option<u64>, e: End) -> Slot {
        match m {
            None => Slot::Own(e),
            Some(m) => Slot::Membership(m, e),
        }
    }

    /// The date `e` of role `r` of membership `m` (`None`: the record itself).
    pub fn role(m: Option<u64>, r: u64, e: End) -> Slot {
        match m {
            None => Slot::OwnRole(r, e),
            Some(m) => Slot::MembershipRole(m, r, e),
        }
    }

    /// The path within the record, as a JSON Pointer suffix.
    pub fn pointer(self) -> String {
        match self {
            Slot::Id => "/id".into(),
            Slot::Name => "/name".into(),
            Slot::Acronym => "/acronym".into(),
            Slot::FoundingDate => "/founding_date".into(),
            Slot::OrganizationId => "/organization_id".into(),
            Slot::Own(x) => format!("/{}", x.key()),
            Slot::OwnRole(r, x) => format!("/roles/{r}/{}", x.key()),
            Slot::Membership(m, x) => format!("/memberships/{m}/{}", x.key()),
            Slot::MembershipRole(m, r, x) => format!("/memberships/{m}/roles/{r}/{}", x.key()),
            Slot::MemberCountry => "/member/country".into(),
        }
    }

    /// The steps from the record to the value, keys and list indices: the first `n` of the
    /// array returned with `n`.
    pub fn steps(self) -> ([Step; 5], usize) {
        let k = Step::Key;
        let pad = Step::Index(0);
        match self {
            Slot::Id => ([k("id"), pad, pad, pad, pad], 1),
            Slot::Name => ([k("name"), pad, pad, pad, pad], 1),
            Slot::Acronym => ([k("acronym"), pad, pad, pad, pad], 1),
            Slot::FoundingDate => ([k("founding_date"), pad, pad, pad, pad], 1),
            Slot::OrganizationId => ([k("organization_id"), pad, pad, pad, pad], 1),
            Slot::Own(x) => ([k(x.key()), pad, pad, pad, pad], 1),
            Slot::OwnRole(r, x) => ([k("roles"), Step::Index(r), k(x.key()), pad, pad], 3),
            Slot::Membership(m, x) => ([k("memberships"), Step::Index(m), k(x.key()), pad, pad], 3),
            Slot::MemberCountry => ([k("member"), k("country"), pad, pad, pad], 2),
            Slot::MembershipRole(m, r, x) => (
                [
                    k("memberships"),
                    Step::Index(m),
                    k("roles"),
                    Step::Index(r),
                    k(x.key()),
                ],
                5,
            ),
        }
    }
}

/// A step of a [`Slot`]'s path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Step {
    /// The value of a key of an object.
    Key(&'static str),
    /// An item of a list.
    Index(u64),
}

/// A step of the rules' paths, taken by the scanner of JSON text.
impl crate::validate::json::scan::PathStep for Step {
    fn key(&self) -> Option<&str> {
        match self {
            Step::Key(k) => Some(k),
            Step::Index(_) => None,
        }
    }

    fn index(&self) -> Option<u64> {
        match self {
            Step::Key(_) => None,
            Step::Index(n) => Some(*n),
        }
    }
}

/// What the rules read of a record: a network record, or a membership record. Each value
/// comes with its place in the input when the reader knows it (`None` otherwise: the model's
/// types and the views know none, and the caller finds it when it needs it).
pub(crate) trait Facts {
    /// The network id of a network record, when it is one (it has the id's pattern).
    fn id(&self) -> Option<(&str, Option<Pos>)>;
    /// The name of a network record.
    fn name(&self) -> Option<&str>;
    /// The acronym of a network record.
    fn acronym(&self) -> Option<&str>;
    /// The founding date of a network record.
    fn founding_date(&self) -> Option<PartialDate>;
    /// The network a membership record is a membership of.
    fn organization_id(&self) -> Option<&str>;
    /// The identity of a membership record's member
    /// ([`member_key`](super::book::member_key)), for the repeated-membership check.
    fn member_key(&self) -> Option<u64> {
        None
    }
    /// The city and country a membership record's member states, for the check of the one
    /// against the other, and where the country is.
    fn member_place(&self) -> Option<(&str, &str, Option<Pos>)> {
        None
    }
    /// The memberships of a network record that may hold dates, each once, in order.
    fn memberships(&self) -> impl Iterator<Item = u64>;
    /// The roles of membership `m` (`None`: of the membership record itself) that may hold
    /// dates, each once, in order.
    fn roles(&self, m: Option<u64>) -> impl Iterator<Item = u64>;
    /// The date at `slot`, and where it is.
    fn date(&self, slot: Slot) -> Option<(PartialDate, Option<Pos>)>;
}

/// A warning a rule found, before it is reported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Warning {
    /// What kind of warning.
    pub code: Code,
    /// The value it is about.
    pub slot: Slot,
    /// Where that value is, when the reader knew.
    pub pos: Option<Pos>,
    /// What it says, in parts: written out only if the warning is kept (past the cap on
    /// problems, it is only counted).
    pub said: Said,
}

/// The parts of what a [`Warning`] says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Said {
    /// The record's `field` (name or acronym) is `name`, the catalogue's network `known`'s.
    IdMismatch {
        field: &'static str,
        name: String,
        known: &'static str,
    },
    /// A membership ends before it starts.
    MembershipEnds {
        start: PartialDate,
        end: PartialDate,
    },
    /// A membership starts before its network was founded (by the embedded catalogue's
    /// date, or the record's).
    StartsBeforeFounding {
        start: PartialDate,
        founding: PartialDate,
        from_catalogue: bool,
    },
    /// A role ends before it starts.
    RoleEnds {
        start: PartialDate,
        end: PartialDate,
    },
    /// The gazetteer has no city `city` in `country`, and knows a large one of that name in
    /// the countries `known` (the largest first: its name and population).
    #[cfg_attr(not(feature = "gazetteer"), allow(dead_code))]
    CityElsewhere {
        city: String,
        country: String,
        known: Vec<(&'static str, &'static str, u64)>,
    },
}

impl Warning {
    /// The instance location of the value, in a record located at `root`.
    pub fn location(&self, root: &str) -> String {
        format!("{root}{}", self.slot.pointer())
    }

    /// What is wrong.
    pub fn message(&self) -> String {
        match &self.said {
            Said::IdMismatch { field, name, known } => format!(
                "the {field} {name:?} is the embedded catalogue's network {known:?}; using the same id keeps datasets joinable"
            ),
            Said::MembershipEnds { start, end } => {
                format!("the membership ends ({end}) before it starts ({start})")
            }
            Said::StartsBeforeFounding {
                start,
                founding,
                from_catalogue,
            } => {
                let whose = if *from_catalogue {
                    "the embedded catalogue's founding date of the network"
                } else {
                    "the network's founding date"
                };
                format!("the membership starts ({start}) before {whose} ({founding})")
            }
            Said::RoleEnds { start, end } => {
                format!("the role ends ({end}) before it starts ({start})")
            }
            Said::CityElsewhere {
                city,
                country,
                known,
            } => {
                let places: Vec<String> = known
                    .iter()
                    .map(|(c, name, population)| {
                        format!("{name} in {c}, {} inhabitants", thousands(*population))
                    })
                    .collect();
                format!(
                    "the gazetteer knows no city {city:?} in {country}, but knows {}; check the member's country",
                    places.join(" and ")
                )
            }
        }
    }

    /// The value that would be right, when there is one.
    pub fn suggestion(&self) -> Option<String> {
        match &self.said {
            Said::IdMismatch { known, .. } => Some((*known).to_owned()),
            Said::CityElsewhere { known, .. } => match known.as_slice() {
                [(country, _, _)] => Some((*country).to_owned()),
                _ => None,
            },
            _ => None,
        }
    }
}

/// The warnings of one record, in the order they are reported: for a membership record
/// (`membership_record`) or a network record. A repeated id is not among them.
pub(crate) fn warnings(f: &impl Facts, membership_record: bool) -> Vec<Warning> {
    let mut out = Vec::new();
    if membership_record {
        let founding = f
            .organization_id()
            .and_then(|id| crate::registry().by_id(id))
            .and_then(|n| n.founding_date.as_ref());
        dates(f, &mut out, None, founding, true);
        if let Some((city, country, pos)) = f.member_place()
            && let Some(said) = city_elsewhere(city, country)
        {
            out.push(Warning {
                code: Code::CityCountryMismatch,
                slot: Slot::MemberCountry,
                pos,
                said,
            });
        }
        return out;
    }
    if let Some((id, pos)) = f.id() {
        for (field, name) in [("name", f.name()), ("acronym", f.acronym())] {
            let Some(name) = name else { continue };
            if let Some(known) = ghent_exact(name)
                && known.id != id
            {
                out.push(Warning {
                    code: Code::IdMismatch,
                    slot: Slot::Id,
                    pos,
                    said: Said::IdMismatch {
                        field,
                        name: name.to_owned(),
                        known: known.id.as_str(),
                    },
                });
                break;
            }
        }
    }
    let founding = f.founding_date();
    for m in f.memberships() {
        dates(f, &mut out, Some(m), founding.as_ref(), false);
    }
    out
}

/// The city rule: a city the gazetteer does not know in country `country` while it knows a
/// city of at least 100,000 inhabitants ([`LARGE_CITY`](crate::gazetteer::LARGE_CITY)) by
/// that name in other countries (at most three listed). Smaller places elsewhere say nothing:
/// a town of the country given may share their name and be too small for the gazetteer (fewer
/// than 5,000 inhabitants). Asked of every membership record with a city and a country: the
/// answer is remembered ([`city_facts`](crate::gazetteer::city_facts)), and the places are
/// looked up again only for a record that warns.
pub(crate) fn city_elsewhere(city: &str, country: &str) -> Option<Said> {
    #[cfg(feature = "gazetteer")]
    {
        use crate::gazetteer::{CityMatch, LARGE_CITY, city_facts, resolve_in};
        if !crate::countries::is_assigned(country.as_bytes())
            || !city_facts(city, country).elsewhere
        {
            return None;
        }
        let CityMatch::Elsewhere(places) = resolve_in(city, Some(country)) else {
            return None;
        };
        let mut known: Vec<(&'static str, &'static str, u64)> = Vec::new();
        for p in places.iter().filter(|p| p.population >= LARGE_CITY) {
            if known.len() < 3 && !known.iter().any(|(c, _, _)| *c == p.country) {
                known.push((p.country, p.english, p.population));
            }
        }
        (!known.is_empty()).then(|| Said::CityElsewhere {
            city: city.to_owned(),
            country: country.to_owned(),
            known,
        })
    }
    #[cfg(not(feature = "gazetteer"))]
    {
        let _ = (city, country);
        None
    }
}

/// `n` with a comma between groups of three digits (`1,691,468`).
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The date rules of one membership: the record itself (`None`) or membership `m` of a
/// network record, whose network was founded on `founding` (known from the embedded
/// catalogue when `from_catalogue`).
fn dates(
    f: &impl Facts,
    out: &mut Vec<Warning>,
    m: Option<u64>,
    founding: Option<&PartialDate>,
    from_catalogue: bool,
) {
    let start = f.date(Slot::membership(m, End::Start));
    let end = f.date(Slot::membership(m, End::End));
    if let (Some((s, _)), Some((e, epos))) = (&start, &end)
        && e.wholly_before(s)
    {
        out.push(Warning {
            code: Code::EndBeforeStart,
            slot: Slot::membership(m, End::End),
            pos: *epos,
            said: Said::MembershipEnds {
                start: s.clone(),
                end: e.clone(),
            },
        });
    }
    if let (Some((s, spos)), Some(f)) = (&start, founding)
        && s.wholly_before(f)
    {
        out.push(Warning {
            code: Code::StartBeforeFounding,
            slot: Slot::membership(m, End::Start),
            pos: *spos,
            said: Said::StartsBeforeFounding {
                start: s.clone(),
                founding: f.clone(),
                from_catalogue,
            },
        });
    }
    for r in f.roles(m) {
        let s = f.date(Slot::role(m, r, End::Start));
        let e = f.date(Slot::role(m, r, End::End));
        if let (Some((s, _)), Some((e, epos))) = (s, e)
            && e.wholly_before(&s)
        {
            out.push(Warning {
                code: Code::EndBeforeStart,
                slot: Slot::role(m, r, End::End),
                pos: epos,
                said: Said::RoleEnds { start: s, end: e },
            });
        }
    }
}

/// Whether a network record raises no warning apart from a repeated id (which depends on the
/// other records): [`warnings`] finds none.
pub(crate) fn network_is_quiet(n: &impl Facts) -> bool {
    warnings(n, false).is_empty()
}

/// Whether a membership record raises no warning: [`warnings`] finds none.
pub(crate) fn membership_is_quiet(m: &impl Facts) -> bool {
    warnings(m, true).is_empty()
}

/// `impl Facts` for a network type and a membership type whose fields have the model's names
/// (`id`, `name`, `acronym`, `founding_date`, `memberships`; `organization_id`, `start_date`,
/// `end_date`, `roles`) and `as_str`/`as_ref`. Neither knows where its values were.
macro_rules! facts {
    ([$($lt:lifetime)?] $network:ty, $membership:ty) => {
        impl<$($lt)?> $crate::validate::rules::Facts for $network {
            fn id(&self) -> Option<(&str, Option<$crate::validate::json::lexer::Pos>)> {
                Some((self.id.as_str(), None))
            }
            fn name(&self) -> Option<&str> {
                Some(self.name.as_str())
            }
            fn acronym(&self) -> Option<&str> {
                self.acronym.as_ref().map(|a| a.as_str())
            }
            fn founding_date(&self) -> Option<$crate::PartialDate> {
                self.founding_date.clone()
            }
            fn organization_id(&self) -> Option<&str> {
                None
            }
            fn memberships(&self) -> impl Iterator<Item = u64> {
                0..self.memberships.len() as u64
            }
            fn roles(&self, m: Option<u64>) -> impl Iterator<Item = u64> {
                let n = m
                    .and_then(|m| self.memberships.get(usize::try_from(m).ok()?))
                    .map_or(0, |m| m.roles.len());
                0..n as u64
            }
            fn date(
                &self,
                slot: $crate::validate::rules::Slot,
            ) -> Option<($crate::PartialDate, Option<$crate::validate::json::lexer::Pos>)> {
                use $crate::validate::rules::{End, Slot};
                let at = |i: u64| usize::try_from(i).ok();
                let pick = |s: &Option<$crate::PartialDate>, e: &Option<$crate::PartialDate>, x: End| {
                    if x == End::Start { s.clone() } else { e.clone() }
                };
                let d = match slot {
                    Slot::Membership(m, x) => {
                        let m = self.memberships.get(at(m)?)?;
                        pick(&m.start_date, &m.end_date, x)
                    }
                    Slot::MembershipRole(m, r, x) => {
                        let r = self.memberships.get(at(m)?)?.roles.get(at(r)?)?;
                        pick(&r.start_date, &r.end_date, x)
                    }
                    Slot::FoundingDate => self.founding_date.clone(),
                    _ => None,
                };
                Some((d?, None))
            }
        }

        impl<$($lt)?> $crate::validate::rules::Facts for $membership {
            fn id(&self) -> Option<(&str, Option<$crate::validate::json::lexer::Pos>)> {
                None
            }
            fn name(&self) -> Option<&str> {
                None
            }
            fn acronym(&self) -> Option<&str> {
                None
            }
            fn founding_date(&self) -> Option<$crate::PartialDate> {
                None
            }
            fn organization_id(&self) -> Option<&str> {
                Some(self.organization_id.as_str())
            }
            fn member_key(&self) -> Option<u64> {
                $crate::validate::book::Identity::identity(&self.member)
            }
            fn member_place(&self) -> Option<(&str, &str, Option<$crate::validate::json::lexer::Pos>)> {
                let (city, country) = $crate::validate::book::Identity::city_and_country(&self.member)?;
                Some((city, country, None))
            }
            fn memberships(&self) -> impl Iterator<Item = u64> {
                0..0
            }
            fn roles(&self, m: Option<u64>) -> impl Iterator<Item = u64> {
                0..if m.is_none() { self.roles.len() as u64 } else { 0 }
            }
            fn date(
                &self,
                slot: $crate::validate::rules::Slot,
            ) -> Option<($crate::PartialDate, Option<$crate::validate::json::lexer::Pos>)> {
                use $crate::validate::rules::{End, Slot};
                let pick = |s: &Option<$crate::PartialDate>, e: &Option<$crate::PartialDate>, x: End| {
                    if x == End::Start { s.clone() } else { e.clone() }
                };
                let d = match slot {
                    Slot::Own(x) => pick(&self.start_date, &self.end_date, x),
                    Slot::OwnRole(r, x) => {
                        let r = self.roles.get(usize::try_from(r).ok()?)?;
                        pick(&r.start_date, &r.end_date, x)
                    }
                    _ => None,
                };
                Some((d?, None))
            }
        }
    };
}
pub(crate) use facts;

facts!([] crate::Network, crate::Membership);

/// The folded names of the embedded catalogue's networks (names, acronyms and aliases), with
/// the network each is the name of (`None`: of several); the hashes of those names; the
/// hashes of every ending of them (at each character boundary, the empty ending included);
/// and the names as the catalogue writes them, with the answer their folded form gets.
type GhentIndex = (
    std::collections::HashMap<String, Option<usize>, BuildFnv>,
    std::collections::HashSet<u64, BuildFnv>,
    std::collections::HashSet<u64, BuildFnv>,
    std::collections::HashMap<&'static str, Option<usize>, BuildFnv>,
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
        // A record that copies a catalogue name copies it as written, more often than not:
        // that name is found without folding it.
        let mut written: std::collections::HashMap<&'static str, Option<usize>, BuildFnv> =
            Default::default();
        for n in crate::ghent().iter() {
            let mut own = vec![n.id.as_str(), n.name.as_str()];
            own.extend(n.acronym.iter().map(|a| a.as_str()));
            for other in n.other_names.iter() {
                own.push(other.name.as_str());
                own.extend(other.acronym.iter().map(|a| a.as_str()));
            }
            for name in own {
                if let Some(&i) = m.get(&crate::fold::fold(name)) {
                    written.insert(name, i);
                }
            }
        }
        (m, hashes, endings, written)
    })
}

/// How many characters at the end of a name are folded first, to rule most names out.
const TAIL: usize = 8;

/// The embedded catalogue's network with exactly this name, acronym or alias (folded), from an
/// index built once.
fn ghent_exact(name: &str) -> Option<&'static crate::Network> {
    let (index, hashes, endings, written) = ghent_index();
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
    if let Some(&i) = written.get(name) {
        return crate::ghent().networks.get(i?);
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

    /// The four texts, word for word as reports have always given them.
    #[test]
    fn what_the_warnings_say() {
        use super::{Said, Slot, Warning};
        use crate::PartialDate;
        let date = |d: &str| PartialDate::new(d).expect("a date");
        let said = |said: Said| Warning {
            code: crate::validate::Code::EndBeforeStart,
            slot: Slot::Id,
            pos: None,
            said,
        };
        let w = said(Said::IdMismatch {
            field: "acronym",
            name: "EC \"x\"".into(),
            known: "eurocities",
        });
        assert_eq!(
            w.message(),
            "the acronym \"EC \\\"x\\\"\" is the embedded catalogue's network \"eurocities\"; using the same id keeps datasets joinable"
        );
        assert_eq!(w.suggestion().as_deref(), Some("eurocities"));
        let (start, end) = (date("2020-01"), date("2019"));
        let texts = [
            said(Said::MembershipEnds {
                start: start.clone(),
                end: end.clone(),
            }),
            said(Said::RoleEnds {
                start: start.clone(),
                end: end.clone(),
            }),
            said(Said::StartsBeforeFounding {
                start: end.clone(),
                founding: start.clone(),
                from_catalogue: true,
            }),
            said(Said::StartsBeforeFounding {
                start: end,
                founding: start,
                from_catalogue: false,
            }),
        ]
        .map(|w| (w.message(), w.suggestion()));
        assert_eq!(
            texts,
            [
                ("the membership ends (2019) before it starts (2020-01)".to_owned(), None),
                ("the role ends (2019) before it starts (2020-01)".to_owned(), None),
                ("the membership starts (2019) before the embedded catalogue's founding date of the network (2020-01)".to_owned(), None),
                ("the membership starts (2019) before the network's founding date (2020-01)".to_owned(), None),
            ]
        );
    }

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
