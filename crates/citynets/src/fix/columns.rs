//! A table's header read for `fix`: which field each column fills, which columns to rename,
//! and which to leave.
//!
//! A column is renamed only when one column of the model is meant: its own name in another
//! case or with spaces (`Policy Areas`), or a spreadsheet's name for it from the validator's
//! alias tables (`city`, `Land`, `réseau`). A header that only looks like a column (a typing
//! mistake), or two headers that would both become one column (`country` and `country_code`),
//! are left as they are, with a note. A column of source addresses (`source_url`, `link`)
//! becomes the `sources` column, its cells converted. A table of networks without ids gets an
//! `id` column made from the names.

use super::change::{Change, Rule};
use crate::fold::fold;
use crate::validate::csv::plan::Plan;
use crate::validate::suggest;
use crate::{DocumentKind, Fact};

/// The names spreadsheets give a column of source addresses, compared folded.
const SOURCE_COLUMNS: &[&str] = &[
    "source",
    "source url",
    "source link",
    "url",
    "link",
    "reference",
    "bron",
    "lien",
    "quelle",
];

/// What a column of the input fills.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Target {
    /// A column of the plan (its index in `Plan::columns`), and whether its field may be left
    /// out.
    Field { column: usize, optional: bool },
    /// Source addresses, each to become one `sources` entry supporting `fields`.
    Source { fields: Vec<Fact> },
    /// Nothing `fix` knows: kept as it is.
    Unknown,
}

/// The header read for `fix`.
pub(crate) struct Columns {
    /// The header as the input has it.
    pub(crate) input: Vec<String>,
    /// The header to write, column by column as in the input (without the `id` column added).
    pub(crate) header: Vec<String>,
    /// What each column fills.
    pub(crate) targets: Vec<Target>,
    /// The renames and the headers left, for the change log.
    pub(crate) changes: Vec<Change>,
    /// For a table of networks without an `id` column: the column of names to make ids from.
    pub(crate) id_from: Option<usize>,
}

/// The kind of record a table holds, when nobody says: memberships when its columns (under
/// their spreadsheet names too) hold a membership's required fields, networks otherwise.
pub(crate) fn guess_kind(header: &[String]) -> DocumentKind {
    let unknown = header.iter().map(String::as_str);
    suggest::other_record_kind(DocumentKind::Network, unknown).unwrap_or(DocumentKind::Network)
}

/// Reads `header` as columns of `plan`'s records; `source_fields` are the facts a source
/// address supports (when empty: `member` for memberships, none for networks).
pub(crate) fn read_header(
    plan: &Plan,
    header: &[String],
    line: u64,
    source_fields: &[Fact],
) -> Columns {
    let names = plan.names();
    let fields = if source_fields.is_empty() && plan.kind == DocumentKind::Membership {
        vec![Fact::Member]
    } else {
        source_fields.to_vec()
    };
    let sources = plan.by_name.get("sources").copied();
    let left = |h: &str, note: String| Change {
        record: 0,
        line: Some(line),
        column: Some(h.to_owned()),
        field: h.to_owned(),
        before: h.to_owned(),
        after: String::new(),
        rule: Rule::Left,
        note: Some(note),
    };
    // What each header would become: a column of the plan, or the sources.
    #[derive(Clone, PartialEq)]
    enum Meant {
        Exact(usize),
        Renamed(usize),
        Source,
        Nothing,
    }
    let mut changes = Vec::new();
    let meant: Vec<Meant> = header
        .iter()
        .map(|h| {
            if let Some(&i) = plan.by_name.get(h.as_str()) {
                return Meant::Exact(i);
            }
            let key = fold(h);
            let same = plan.columns.iter().position(|c| fold(&c.name) == key);
            let alias = suggest::column_alias(plan.kind, h)
                .filter(|c| names.contains(c))
                .and_then(|c| plan.by_name.get(c).copied());
            match same.or(alias) {
                Some(i) => Meant::Renamed(i),
                None if sources.is_some() && SOURCE_COLUMNS.contains(&key.as_str()) => {
                    Meant::Source
                }
                None => {
                    if let Some(g) = suggest::field(h, &names) {
                        changes.push(left(h, format!("perhaps the column \"{g}\"")));
                    }
                    Meant::Nothing
                }
            }
        })
        .collect();
    // A column claimed twice, or already in the header, is not given to anyone.
    let claims = |m: &Meant| {
        meant
            .iter()
            .filter(|o| match (m, o) {
                (Meant::Renamed(i), Meant::Renamed(j) | Meant::Exact(j)) => i == j,
                (Meant::Source, Meant::Source) => true,
                (Meant::Source, Meant::Exact(j)) => Some(*j) == sources,
                _ => false,
            })
            .count()
    };
    let mut out = Vec::with_capacity(header.len());
    let mut targets = Vec::with_capacity(header.len());
    for (h, m) in header.iter().zip(&meant) {
        let (name, target) = match m {
            Meant::Exact(i) => (h.clone(), field(plan, *i)),
            Meant::Renamed(i) if claims(m) == 1 => {
                let to = plan.columns[*i].name.clone();
                changes.push(Change {
                    after: to.clone(),
                    rule: Rule::Column,
                    note: None,
                    ..left(h, String::new())
                });
                (to, field(plan, *i))
            }
            Meant::Source if claims(m) == 1 => {
                changes.push(Change {
                    after: "sources".into(),
                    rule: Rule::Source,
                    note: None,
                    ..left(h, String::new())
                });
                let target = Target::Source {
                    fields: fields.clone(),
                };
                ("sources".to_owned(), target)
            }
            Meant::Renamed(i) => {
                let to = &plan.columns[*i].name;
                changes.push(left(
                    h,
                    format!("more than one column could be \"{to}\"; rename one by hand"),
                ));
                (h.clone(), Target::Unknown)
            }
            Meant::Source => {
                changes.push(left(
                    h,
                    "more than one column could be the sources; rename one by hand".into(),
                ));
                (h.clone(), Target::Unknown)
            }
            Meant::Nothing => (h.clone(), Target::Unknown),
        };
        out.push(name);
        targets.push(target);
    }
    let named = |n: &str| out.iter().position(|h| h == n);
    let id_from = if plan.kind == DocumentKind::Network && named("id").is_none() {
        named("name")
    } else {
        None
    };
    Columns {
        input: header.to_vec(),
        header: out,
        targets,
        changes,
        id_from,
    }
}

/// The target of plan column `i`, with whether its field may be left out.
fn field(plan: &Plan, i: usize) -> Target {
    let c = &plan.columns[i];
    let mut node = plan.schema.root;
    let optional = match c.keys.split_last() {
        Some((last, path)) => {
            for k in path {
                node = plan.schema.nodes[node].property(k).unwrap_or(node);
            }
            !plan.schema.nodes[node].required.contains(last)
        }
        None => true,
    };
    Target::Field {
        column: i,
        optional,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn header(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn spreadsheet_headers_become_columns_when_one_is_meant() {
        let h = header(&[
            "city",
            "Land",
            "Network",
            "status",
            "Member since",
            "source_url",
            "x",
        ]);
        assert_eq!(guess_kind(&h), DocumentKind::Membership);
        let plan = Plan::new(DocumentKind::Membership);
        let c = read_header(&plan, &h, 1, &[]);
        assert_eq!(
            c.header,
            [
                "member.city",
                "member.country",
                "organization_id",
                "status",
                "start_date",
                "sources",
                "x"
            ]
        );
        assert_eq!(
            c.targets[5],
            Target::Source {
                fields: vec![Fact::Member]
            }
        );
        assert_eq!(c.targets[6], Target::Unknown);
        assert_eq!(c.changes.len(), 5);
        assert!(c.changes.iter().all(|c| c.rule != Rule::Left));
        assert_eq!(c.id_from, None);

        // Two columns that could both be the country: neither is renamed.
        let h = header(&["city", "country", "country_code", "network"]);
        let c = read_header(&plan, &h, 1, &[]);
        assert_eq!(c.header[1..3], ["country", "country_code"]);
        let left: Vec<_> = c.changes.iter().filter(|c| c.rule == Rule::Left).collect();
        assert_eq!(left.len(), 2);
        assert!(left[0].note.as_deref().unwrap().contains("member.country"));
    }

    #[test]
    fn a_network_list_without_ids_gets_them_from_its_names() {
        let plan = Plan::new(DocumentKind::Network);
        let h = header(&["Name", "role"]);
        assert_eq!(guess_kind(&h), DocumentKind::Network);
        let c = read_header(&plan, &h, 1, &[]);
        assert_eq!(c.header, ["name", "role"]);
        assert_eq!(c.id_from, Some(0));
    }
}
