//! Suggestions: the allowed value probably meant by a wrong one.

use crate::fold::fold;
use crate::{
    CaveatKind, CountQualifier, Fact, Focus, Kind, MemberKind, NameKind, Orientation, PolicyArea,
    Relation, Role, Scope, Status, Vocabulary, edit_distance,
};

use super::compiled::Pattern;

/// The vocabulary value meant by `value`, for the vocabulary named `title`: from the alias
/// table (other case, spaces or hyphens, stray whitespace, labels, Dutch and French words,
/// legacy terms), else the single closest value within one or two typing mistakes.
pub(crate) fn vocabulary_value(title: &str, value: &str) -> Option<&'static str> {
    remembered(title, value, work_out)
}

/// The assigned country code meant by `value`, which is not one: see
/// [`CountryCode::from_name`](crate::CountryCode::from_name).
pub(crate) fn country(value: &str) -> Option<&'static str> {
    // Not a vocabulary's title, so never confused with one in the memory.
    remembered("", value, |_, v| {
        let code = crate::CountryCode::from_name(v)?;
        crate::countries::assigned().find(|c| *c == code.as_str())
    })
}

/// `work(title, value)`, remembered: the same misspelling tends to come back in every record of
/// a file, and is worked out once (a few thousand are kept per thread at most).
fn remembered(
    title: &str,
    value: &str,
    work: fn(&str, &str) -> Option<&'static str>,
) -> Option<&'static str> {
    use std::cell::RefCell;
    use std::collections::HashMap;
    thread_local! {
        static SEEN: RefCell<HashMap<(String, String), Option<&'static str>>> =
            RefCell::new(HashMap::new());
    }
    const KEEP: usize = 4096;
    let key = (title.to_owned(), value.to_owned());
    if let Some(hit) = SEEN.with(|seen| seen.borrow().get(&key).copied()) {
        return hit;
    }
    let found = work(title, value);
    SEEN.with(|seen| {
        let mut seen = seen.borrow_mut();
        if seen.len() >= KEEP {
            seen.clear();
        }
        seen.insert(key, found);
    });
    found
}

/// Whether `value` is one of the words that vocabulary `title` reads as "there is one, which
/// is not said" ([`Vocabulary::unstated`]): its suggestion is to leave the value out.
pub(crate) fn unstated(title: &str, value: &str) -> bool {
    match title {
        "Status" => Status::is_unstated(value),
        "MemberKind" => MemberKind::is_unstated(value),
        "Role" => Role::is_unstated(value),
        _ => false,
    }
}

/// Runs `$f::<V>($value)` for the vocabulary `V` named `$title` (`None` for any other name).
macro_rules! by_title {
    ($title:expr, $f:ident, $value:expr) => {
        match $title {
            "PolicyArea" => $f::<PolicyArea>($value),
            "Orientation" => $f::<Orientation>($value),
            "Focus" => $f::<Focus>($value),
            "Scope" => $f::<Scope>($value),
            "Kind" => $f::<Kind>($value),
            "Status" => $f::<Status>($value),
            "Role" => $f::<Role>($value),
            "MemberKind" => $f::<MemberKind>($value),
            "NameKind" => $f::<NameKind>($value),
            "CaveatKind" => $f::<CaveatKind>($value),
            "CountQualifier" => $f::<CountQualifier>($value),
            "Relation" => $f::<Relation>($value),
            "Fact" => $f::<Fact>($value),
            _ => None,
        }
    };
}

fn work_out(title: &str, value: &str) -> Option<&'static str> {
    by_title!(title, meant, value)
}

/// The vocabulary value that `value` spells another way, for the vocabulary named `title`:
/// only the alias table (other case, spaces or hyphens, labels, Dutch and French words,
/// legacy terms), never a guess at a typing mistake. What `fix` applies without asking.
#[cfg(feature = "fix")]
pub(crate) fn vocabulary_alias(title: &str, value: &str) -> Option<&'static str> {
    by_title!(title, alias, value)
}

#[cfg(feature = "fix")]
fn alias<V: Vocabulary>(value: &str) -> Option<&'static str> {
    V::from_alias(value).map(|v| v.as_str())
}

fn meant<V: Vocabulary>(value: &str) -> Option<&'static str> {
    V::suggest(value).map(|v| v.as_str())
}

/// The other kind of record that unknown fields (or a table's columns) belong to, when they
/// hold all its required fields: `organization_id` and `member` for a membership read as a
/// network, `id` and `name` for a network read as a membership, either for a record read as a
/// catalogue document (a dict given without saying what it is). A table's column
/// `member.city` counts as `member`, and a spreadsheet's name for a column as that column
/// (`network` as `organization_id`, `city` as `member.city`).
pub(crate) fn other_record_kind<'a>(
    asked: crate::DocumentKind,
    unknown: impl IntoIterator<Item = &'a str> + Clone,
) -> Option<crate::DocumentKind> {
    use crate::DocumentKind::{Catalogue, Membership, Network};
    match asked {
        Network => holds(Membership, unknown),
        Membership => holds(Network, unknown),
        Catalogue => holds(Network, unknown.clone()).or_else(|| holds(Membership, unknown)),
    }
}

/// `kind` when the fields hold the two that every record of that kind has.
fn holds<'a>(
    kind: crate::DocumentKind,
    unknown: impl IntoIterator<Item = &'a str>,
) -> Option<crate::DocumentKind> {
    let (other, needs): (_, [&str; 2]) = match kind {
        crate::DocumentKind::Membership => (kind, ["organization_id", "member"]),
        crate::DocumentKind::Network => (kind, ["id", "name"]),
        crate::DocumentKind::Catalogue => return None,
    };
    let mut found = [false; 2];
    for key in unknown {
        // A spreadsheet's name for a column counts as the column (`network`, `city`).
        let key = column_alias(other, key).unwrap_or(key);
        let head = key.split('.').next().unwrap_or_default();
        if let Some(i) = needs.iter().position(|n| *n == head) {
            found[i] = true;
        }
    }
    (found == [true; 2]).then_some(other)
}

/// The names spreadsheets give the columns of membership records, in English, Dutch, French
/// and German, and the column each one means (compared folded). A header that could mean
/// several columns, or whose cells would need converting (a source address: `sources` holds
/// a list of objects), is not listed: a suggestion is a rename that gives the right column.
const MEMBERSHIP_COLUMNS: &[(&str, &str)] = &[
    ("city", "member.city"),
    ("town", "member.city"),
    ("municipality", "member.city"),
    ("city name", "member.city"),
    ("gemeente", "member.city"),
    ("stad", "member.city"),
    ("ville", "member.city"),
    ("commune", "member.city"),
    ("stadt", "member.city"),
    ("gemeinde", "member.city"),
    ("country", "member.country"),
    ("country code", "member.country"),
    ("iso2", "member.country"),
    ("land", "member.country"),
    ("landcode", "member.country"),
    ("pays", "member.country"),
    ("code pays", "member.country"),
    ("network", "organization_id"),
    ("network id", "organization_id"),
    ("network name", "organization_id"),
    ("netwerk", "organization_id"),
    ("reseau", "organization_id"),
    ("netzwerk", "organization_id"),
    ("organisation", "organization_id"),
    ("organization", "organization_id"),
    ("year", "start_date"),
    ("since", "start_date"),
    ("joined", "start_date"),
    ("member since", "start_date"),
    ("start year", "start_date"),
    ("jaar", "start_date"),
    ("annee", "start_date"),
    ("jahr", "start_date"),
    ("year joined", "start_date"),
    ("lid sinds", "start_date"),
    ("depuis", "start_date"),
    ("seit", "start_date"),
    ("until", "end_date"),
    ("end year", "end_date"),
    ("left", "end_date"),
    ("member name", "member.name"),
    ("member kind", "member.kind"),
    ("type", "member.kind"),
    ("kind", "member.kind"),
    ("soort", "member.kind"),
    ("member type", "member.kind"),
    ("membership status", "status"),
];

/// The same for network records.
const NETWORK_COLUMNS: &[(&str, &str)] = &[
    ("network", "name"),
    ("network name", "name"),
    ("naam", "name"),
    ("nom", "name"),
    ("network id", "id"),
    ("abbreviation", "acronym"),
    ("afkorting", "acronym"),
    ("sigle", "acronym"),
    ("url", "website"),
    ("site", "website"),
    ("homepage", "website"),
    ("site web", "website"),
    ("webseite", "website"),
    ("founded", "founding_date"),
    ("year founded", "founding_date"),
    ("founding year", "founding_date"),
    ("opgericht", "founding_date"),
    ("fonde", "founding_date"),
    ("gegrundet", "founding_date"),
    ("secretariat", "secretariat.city"),
    ("headquarters", "secretariat.city"),
    ("seat", "secretariat.city"),
    ("zetel", "secretariat.city"),
    ("siege", "secretariat.city"),
    ("sitz", "secretariat.city"),
    ("policy area", "policy_areas"),
    ("themes", "policy_areas"),
    ("thema", "policy_areas"),
    ("beschrijving", "description"),
];

/// The column probably meant by a table's header that names none: from the names
/// spreadsheets give the columns of `kind`'s records (`city` → `member.city`, `netwerk` →
/// `organization_id`), else the allowed column within a typing mistake or two.
#[cfg(feature = "csv")]
pub(crate) fn column(kind: crate::DocumentKind, header: &str, allowed: &[&str]) -> Option<String> {
    column_alias(kind, header)
        .filter(|column| allowed.contains(column))
        .map(str::to_owned)
        .or_else(|| field(header, allowed))
}

/// The column of `kind`'s records that a spreadsheet's header names in the alias tables,
/// compared folded. The tables are folded once.
pub(crate) fn column_alias(kind: crate::DocumentKind, header: &str) -> Option<&'static str> {
    use std::sync::OnceLock;
    type Folded = Vec<(String, &'static str)>;
    static TABLES: OnceLock<[Folded; 2]> = OnceLock::new();
    let [membership, network] = TABLES.get_or_init(|| {
        let folded = |t: &[(&str, &'static str)]| t.iter().map(|(a, c)| (fold(a), *c)).collect();
        [folded(MEMBERSHIP_COLUMNS), folded(NETWORK_COLUMNS)]
    });
    let table = match kind {
        crate::DocumentKind::Membership => membership,
        crate::DocumentKind::Network => network,
        crate::DocumentKind::Catalogue => return None,
    };
    let key = fold(header);
    table.iter().find(|(a, _)| *a == key).map(|(_, c)| *c)
}

/// The field probably meant by an unknown one.
pub(crate) fn field(unknown: &str, allowed: &[&str]) -> Option<String> {
    let key = fold(unknown);
    if let Some(f) = allowed.iter().find(|f| fold(f) == key) {
        return Some((*f).to_owned());
    }
    let max = crate::edit_distance::typo_tolerance(&key);
    let mut scored: Vec<(usize, &str)> = allowed
        .iter()
        .map(|f| (edit_distance(&key, &fold(f), max), *f))
        .filter(|(d, _)| *d <= max)
        .collect();
    scored.sort();
    match scored.as_slice() {
        [(d, f), rest @ ..] if rest.first().is_none_or(|(d2, _)| d2 > d) => Some((*f).to_owned()),
        _ => None,
    }
}

/// The network of the catalogues in use that a reference probably means, as its id and name
/// (the [resolver](crate::Resolver)'s suggestion; the hyphens of a slug read as spaces).
pub(crate) fn network_reference(
    catalogues: &super::Catalogues,
    text: &str,
) -> Option<(String, String)> {
    catalogues.resolved(&text.replace('-', " ")).suggestion
}

/// The id to suggest for a text that should be a network id and is not one: the id of the
/// network the catalogues in use know by that text, else (`slug` true) a slug of the text,
/// which names a network no catalogue knows.
pub(crate) fn network_id(catalogues: &super::Catalogues, text: &str) -> Option<(String, bool)> {
    if let Some((id, _)) = network_reference(catalogues, text) {
        return Some((id, false));
    }
    pattern_fix(Pattern::Id, text).map(|s| (s, true))
}

/// A corrected form for a string that does not match a pattern, when one is plain to see.
pub(crate) fn pattern_fix(pattern: Pattern, value: &str) -> Option<String> {
    let v = value.trim();
    let fixed = match pattern {
        Pattern::Date => date(v, None)?,
        Pattern::Language => v.to_ascii_lowercase(),
        Pattern::Wikidata => wikidata(v)?,
        Pattern::Id => slug(v),
        Pattern::Url => {
            if v.contains("://") || v.contains(' ') || v.is_empty() {
                return None;
            }
            format!("https://{v}")
        }
    };
    (fixed != value && pattern.matches(&fixed)).then_some(fixed)
}

/// Which of two numbers of a date written `01/02/2015` is the day, when the input says so
/// (`fix --date-order`); without it, only dates that one reading alone makes valid are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(not(feature = "fix"), allow(dead_code))]
pub enum DateOrder {
    /// Day, month, year: `01/02/2015` is the 1st of February (most of Europe).
    DayFirst,
    /// Month, day, year: `01/02/2015` is the 2nd of January (the United States).
    MonthFirst,
}

/// A date as spreadsheets write it, as ISO 8601: a year with a decimal zero (`2015.0`), a
/// date with a time of midnight (`2015-03-01 00:00:00`), other separators (`2015/3/1`,
/// `18.11.2016`), month and year (`03/2015`). Day and month are only told apart when one
/// reading alone is a date (`18/11/2016`) or `order` says which comes first: `01/02/2015`
/// is left alone otherwise, since either reading is a date.
pub(crate) fn date(v: &str, order: Option<DateOrder>) -> Option<String> {
    let v = v.trim();
    if let Some(year) = v.strip_suffix(".0").filter(|y| y.len() == 4) {
        return year
            .bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| year.to_owned());
    }
    let v = [
        "T00:00:00",
        " 00:00:00",
        " 00:00",
        "T00:00:00Z",
        "T00:00:00.000Z",
    ]
    .iter()
    .find_map(|t| v.strip_suffix(t))
    .unwrap_or(v);
    let parts: Vec<&str> = v
        .split(['/', '.', '-', ' '])
        .filter(|p| !p.is_empty())
        .collect();
    if parts.iter().any(|p| !p.bytes().all(|b| b.is_ascii_digit())) {
        return None;
    }
    let num = |s: &str| s.parse::<u32>().ok();
    let iso = |y: &str, m: u32, d: u32| format!("{y}-{m:02}-{d:02}");
    let found = match parts.as_slice() {
        [y] if y.len() == 4 => Some((*y).to_owned()),
        [a, b, y] if y.len() == 4 && a.len() <= 2 && b.len() <= 2 => {
            let (a, b) = (num(a)?, num(b)?);
            let day_first = match order {
                Some(o) => o == DateOrder::DayFirst,
                None if a == b => true,
                // One reading alone has a month of 12 or less.
                None if a > 12 && b <= 12 => true,
                None if b > 12 && a <= 12 => false,
                // Either reading is a date, or neither is.
                None => return None,
            };
            Some(if day_first {
                iso(y, b, a)
            } else {
                iso(y, a, b)
            })
        }
        [y, m, d] if y.len() == 4 && d.len() <= 2 && m.len() <= 2 => Some(iso(y, num(m)?, num(d)?)),
        [m, y] if y.len() == 4 && m.len() <= 2 => Some(format!("{y}-{:02}", num(m)?)),
        [y, m] if y.len() == 4 && m.len() <= 2 => Some(format!("{y}-{:02}", num(m)?)),
        _ => None,
    };
    found.filter(|d| Pattern::Date.matches(d))
}

/// A Wikidata item written in lower case or as the address of its page
/// (`https://www.wikidata.org/wiki/Q1425178`).
fn wikidata(v: &str) -> Option<String> {
    let item = v
        .trim_end_matches('/')
        .rsplit(['/', ':'])
        .next()
        .unwrap_or_default();
    (v.contains("wikidata.org/") || !v.contains('/')).then(|| item.to_ascii_uppercase())
}

/// A lower-case slug of a name: "Climate Alliance" → "climate-alliance".
fn slug(v: &str) -> String {
    fold(v)
        .split(' ')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_what_a_person_meant() {
        assert_eq!(vocabulary_value("PolicyArea", "Climate"), Some("climate"));
        assert_eq!(vocabulary_value("PolicyArea", "mobilty"), Some("mobility"));
        assert_eq!(vocabulary_value("PolicyArea", "klimaat"), Some("climate"));
        assert_eq!(
            vocabulary_value("Orientation", "knowledge exchange"),
            Some("knowledge_exchange")
        );
        assert_eq!(
            vocabulary_value("Orientation", "file_management"),
            Some("advocacy")
        );
        assert_eq!(
            vocabulary_value("Orientation", "sensibilisering"),
            Some("awareness_raising")
        );
        assert_eq!(
            vocabulary_value("PolicyArea", "  climate "),
            Some("climate")
        );
        assert_eq!(vocabulary_value("PolicyArea", "zzzzzz"), None);
        assert_eq!(
            field("polcy_areas", &["policy_areas", "orientations"]),
            Some("policy_areas".into())
        );
        assert_eq!(
            field("Policy Areas", &["policy_areas"]),
            Some("policy_areas".into())
        );
        #[cfg(feature = "csv")]
        {
            let columns = [
                "organization_id",
                "member.city",
                "member.country",
                "start_date",
            ];
            let membership = crate::DocumentKind::Membership;
            for (header, meant) in [
                ("City", "member.city"),
                ("Gemeente", "member.city"),
                ("country_code", "member.country"),
                ("Pays", "member.country"),
                ("Réseau", "organization_id"),
                ("start_year", "start_date"),
                ("Member since", "start_date"),
            ] {
                assert_eq!(
                    column(membership, header, &columns).as_deref(),
                    Some(meant),
                    "{header}"
                );
            }
            // A source address column would need its cells converted: no rename is suggested.
            assert_eq!(column(membership, "source_url", &columns), None);
        }
        assert_eq!(
            pattern_fix(Pattern::Date, "18/11/2016").as_deref(),
            Some("2016-11-18")
        );
        assert_eq!(
            pattern_fix(Pattern::Date, "11/18/2016").as_deref(),
            Some("2016-11-18")
        );
        // Either reading is a date: no suggestion unless the order is given.
        assert_eq!(pattern_fix(Pattern::Date, "01/02/2015"), None);
        assert_eq!(
            date("01/02/2015", Some(DateOrder::DayFirst)).as_deref(),
            Some("2015-02-01")
        );
        assert_eq!(
            date("01/02/2015", Some(DateOrder::MonthFirst)).as_deref(),
            Some("2015-01-02")
        );
        assert_eq!(date("05/05/2015", None).as_deref(), Some("2015-05-05"));
        assert_eq!(date("2015.0", None).as_deref(), Some("2015"));
        assert_eq!(
            date("2015-03-01 00:00:00", None).as_deref(),
            Some("2015-03-01")
        );
        assert_eq!(date("2015/3/1", None).as_deref(), Some("2015-03-01"));
        assert_eq!(date("13/13/2015", None), None);
        assert_eq!(date("since 2015", None), None);
        #[cfg(feature = "fix")]
        {
            assert_eq!(vocabulary_alias("PolicyArea", "Climate"), Some("climate"));
            assert_eq!(vocabulary_alias("PolicyArea", "mobilty"), None);
        }
        assert_eq!(country("Belgium"), Some("BE"));
        assert_eq!(country("Belgien"), Some("BE"));
        assert_eq!(country("be"), Some("BE"));
        assert_eq!(country("UK"), Some("GB"));
        assert_eq!(country("Europe"), None);
        assert_eq!(
            pattern_fix(Pattern::Id, "Climate Alliance").as_deref(),
            Some("climate-alliance")
        );
        assert_eq!(
            pattern_fix(Pattern::Wikidata, "https://www.wikidata.org/wiki/Q1425178").as_deref(),
            Some("Q1425178")
        );
        assert_eq!(
            pattern_fix(Pattern::Wikidata, "q42").as_deref(),
            Some("Q42")
        );
        assert_eq!(
            pattern_fix(Pattern::Wikidata, "https://example.org/Q42"),
            None
        );
        assert_eq!(
            pattern_fix(Pattern::Url, "eurocities.eu").as_deref(),
            Some("https://eurocities.eu")
        );
    }
}
