//! [`catalogue_from_list`]: a city's own list of networks (a sheet an international-relations
//! office keeps, or a page copied into one) made into a catalogue document.
//!
//! The list has one network per row: its name as the city writes it, and perhaps a role, a
//! status and a year. Each name is resolved through the networks the validator knows (the
//! Ghent catalogue and the [registry](crate::registry), plus any catalogue given); a name that
//! resolves to one network becomes that network's record, with its sourced facts and the
//! city's membership (whose note keeps the list's spelling when it is not the network's name). A name that resolves to none, or to
//! several, is left out of the document and listed with its candidates, for a person: a
//! suggestion is never applied on a guess.
//!
//! The status, role and year are kept only when they say one thing: `Full member` is `full`,
//! `member` says no grade and is dropped, `2015` or `2015-03` is a start date; anything else is
//! listed as left. Memory: the list is read whole (at most [`MAX_ROWS`] rows, as a city's list
//! of networks has tens).

use std::io::{self, Read};

use serde_json::{Map, Value, json};

use crate::validate::Catalogues;
use crate::validate::csv::table::Table;
use crate::{Catalogue, PartialDate, Resolution, Role, Status, Vocabulary, fold};

/// The most rows a list may have.
pub const MAX_ROWS: usize = 10_000;

/// Who the list is of, and where it was published.
#[derive(Debug, Clone)]
pub struct CityList {
    /// The city's name, in English.
    pub city: String,
    /// The city's country, as an ISO 3166-1 alpha-2 code (`BE`).
    pub country: String,
    /// The address of the page that publishes the list (the document's `list_source`, and the
    /// source of each membership).
    pub source: String,
    /// The delimiter of the table, or `None` to take the one its header uses most.
    pub delimiter: Option<u8>,
}

/// A row of the list that did not become a network of the catalogue, or a cell that was not
/// kept, with why.
#[derive(Debug, Clone, PartialEq)]
pub struct Left {
    /// The data row (1 is the first row after the header; 0 for a column of the header).
    pub row: u64,
    /// The cell's text.
    pub text: String,
    /// Why it was left, and what it might be.
    pub reason: String,
    /// The networks the name might be, best first, as (id, name, score).
    pub candidates: Vec<(String, String, f32)>,
}

/// What [`catalogue_from_list`] made.
#[derive(Debug, Clone)]
pub struct FromList {
    /// The catalogue document: the networks the list's names resolve to, each with the city's
    /// membership.
    pub catalogue: Catalogue,
    /// The rows and cells left for a person.
    pub left: Vec<Left>,
    /// How many data rows the list has (blank rows not counted).
    pub rows: u64,
}

/// The columns a list may have, by the folded names offices give them.
const NAME_HEADERS: &[&str] = &[
    "network",
    "networks",
    "name",
    "network name",
    "netwerk",
    "netwerken",
    "naam",
    "reseau",
    "reseaux",
    "netzwerk",
    "netzwerke",
    "organisation",
    "organization",
    "red",
    "rete",
    "nettverk",
    "natverk",
    "netvaerk",
    "verkosto",
];
const ROLE_HEADERS: &[&str] = &[
    "role", "roles", "rol", "rolle", "function", "functie", "fonction",
];
const STATUS_HEADERS: &[&str] = &[
    "status",
    "statut",
    "membership",
    "lidmaatschap",
    "mitgliedschaft",
];
const YEAR_HEADERS: &[&str] = &[
    "year",
    "since",
    "joined",
    "member since",
    "start",
    "jaar",
    "sinds",
    "lid sinds",
    "annee",
    "depuis",
    "jahr",
    "seit",
    "ano",
    "anno",
    "ar",
    "aar",
    "vuosi",
];

fn column(header: &[String], names: &[&str]) -> Option<usize> {
    header
        .iter()
        .position(|h| names.contains(&fold(h).as_str()))
}

/// Reads a city's list of networks (a CSV or TSV table with a header) and makes it a catalogue
/// document; see the [module](self) documentation. `catalogues` are the networks names
/// resolve to (the embedded ones and any given). An `Err` is a table that cannot be read, a
/// list longer than [`MAX_ROWS`], or a city, country or address the model refuses (the error
/// says which).
pub fn catalogue_from_list<R: Read>(
    input: R,
    list: &CityList,
    catalogues: &Catalogues,
) -> io::Result<FromList> {
    let invalid = |m: String| io::Error::new(io::ErrorKind::InvalidInput, m);
    // The city, its country and the page are checked first: an error names the one at fault.
    serde_json::from_value::<crate::City>(json!({"name": list.city, "country": list.country}))
        .map_err(|e| {
            invalid(format!(
                "city {:?}, country {:?}: {e}",
                list.city, list.country
            ))
        })?;
    serde_json::from_value::<crate::ListSource>(json!({"url": list.source}))
        .map_err(|e| invalid(format!("source {:?}: {e}", list.source)))?;
    let mut table = Table::new(input, list.delimiter)?;
    let header = table.header.clone();
    let named = column(&header, NAME_HEADERS);
    let name_col = named.unwrap_or(0);
    let role_col = column(&header, ROLE_HEADERS);
    let status_col = column(&header, STATUS_HEADERS);
    let year_col = column(&header, YEAR_HEADERS);
    let member = json!({"kind": "city", "city": list.city, "country": list.country});
    let mut networks: Vec<Value> = Vec::new();
    let mut left = Vec::new();
    if named.is_none() {
        // No header names the column of networks: the first column is read as the names and
        // the first line as the header, which is said, since it may be a network's name.
        left.push(Left {
            row: 0,
            text: header.first().cloned().unwrap_or_default(),
            reason: "no column is headed as the list's networks (network, name, netwerk, \
                     réseau, Netzwerk…): the first column is read as the names and this first \
                     line as the header, not as a network"
                .to_owned(),
            candidates: Vec::new(),
        });
    }
    // A column the list is not read for is said, not dropped in silence.
    for (i, h) in header.iter().enumerate() {
        if ![Some(name_col), role_col, status_col, year_col].contains(&Some(i)) {
            left.push(Left {
                row: 0,
                text: h.clone(),
                reason: "a column that is not read (a list gives a network's name, and perhaps \
                         a role, a status and a year)"
                    .to_owned(),
                candidates: Vec::new(),
            });
        }
    }
    let mut rows = 0u64;
    while table.next_row()? {
        if table.row_is_blank() {
            continue;
        }
        rows += 1;
        if rows as usize > MAX_ROWS {
            return Err(invalid(format!("the list has more than {MAX_ROWS} rows")));
        }
        let cell = |i: Option<usize>| {
            i.and_then(|i| table.record.get(i))
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
        };
        let Some(name) = cell(Some(name_col)) else {
            // A row with cells but no network name is said, with what it holds.
            let cells: Vec<&str> = table
                .record
                .iter()
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .collect();
            left.push(Left {
                row: rows,
                text: cells.join("; "),
                reason: "no network name in this row; its other cells are not kept".to_owned(),
                candidates: Vec::new(),
            });
            continue;
        };
        if name.chars().count() > 300 {
            left.push(Left {
                row: rows,
                text: name,
                reason: "longer than a network's name may be (300 characters)".to_owned(),
                candidates: Vec::new(),
            });
            continue;
        }
        let resolution = catalogues.with_resolver(|r| match r.resolve(&name) {
            Resolution::Found(m) => Ok(m.network.clone()),
            other => {
                let candidates = other
                    .candidates()
                    .iter()
                    .map(|m| {
                        (
                            m.network.id.to_string(),
                            m.network.name.to_string(),
                            m.score,
                        )
                    })
                    .collect::<Vec<_>>();
                Err((matches!(other, Resolution::Ambiguous(_)), candidates))
            }
        });
        let network = match resolution {
            // The registry's record (no other city's memberships), else the catalogue's given.
            Ok(found) => crate::registry().by_id(&found.id).cloned().unwrap_or(found),
            Err((ambiguous, candidates)) => {
                let reason = if ambiguous {
                    "several networks have this name: give the id of the one meant"
                } else if candidates.is_empty() {
                    "no network known by this name"
                } else {
                    "no network has this name; the candidates only come close"
                }
                .to_owned();
                left.push(Left {
                    row: rows,
                    text: name,
                    reason,
                    candidates,
                });
                continue;
            }
        };
        let mut membership = Map::new();
        membership.insert("organization_id".into(), json!(network.id.as_str()));
        membership.insert("member".into(), member.clone());
        if let Some(text) = cell(status_col) {
            match Status::from_alias(&text) {
                Some(s) => {
                    membership.insert("status".into(), json!(s.as_str()));
                }
                None if Status::is_unstated(&text) => {}
                None => left.push(cell_left(rows, text, "Status")),
            }
        }
        if let Some(text) = cell(year_col) {
            match text.trim_end_matches(".0").parse::<PartialDate>() {
                Ok(d) => {
                    membership.insert("start_date".into(), json!(d.to_string()));
                }
                Err(_) => left.push(cell_left(
                    rows,
                    text,
                    "a year (YYYY, YYYY-MM or YYYY-MM-DD)",
                )),
            }
        }
        if let Some(text) = cell(role_col) {
            match Role::from_alias(&text) {
                Some(r) => {
                    membership.insert(
                        "roles".into(),
                        json!([{"role": r.as_str(), "source": list.source}]),
                    );
                }
                None => left.push(cell_left(rows, text, "Role")),
            }
        }
        membership.insert("sources".into(), json!([{"url": list.source}]));
        // The network keeps its name; how the list writes it is the membership's remark.
        if fold(&name) != fold(&network.name) {
            membership.insert(
                "note".into(),
                json!(format!("the list names the network \"{name}\"")),
            );
        }
        let mut record = serde_json::to_value(&network).map_err(io::Error::other)?;
        if let Some(obj) = record.as_object_mut() {
            obj.insert("memberships".into(), json!([Value::Object(membership)]));
        }
        match networks
            .iter_mut()
            .find(|n| n["id"] == json!(network.id.as_str()))
        {
            // The same network twice: one record, the first row's membership.
            Some(existing) => left.push(Left {
                row: rows,
                text: name,
                reason: format!(
                    "the list names the network {:?} twice; its first row is kept, and this \
                     row's status, role and year are not",
                    existing["id"].as_str().unwrap_or_default()
                ),
                candidates: Vec::new(),
            }),
            None => networks.push(record),
        }
    }
    let document = json!({
        "schema_version": "2",
        "city": {"name": list.city, "country": list.country},
        "list_source": {"url": list.source},
        "networks": networks,
    });
    let catalogue: Catalogue = serde_json::from_value(document).map_err(|e| {
        invalid(format!(
            "the catalogue of city {:?}, country {:?}, source {:?} cannot be made: {e}",
            list.city, list.country, list.source
        ))
    })?;
    Ok(FromList {
        catalogue,
        left,
        rows,
    })
}

fn cell_left(row: u64, text: String, what: &str) -> Left {
    Left {
        row,
        reason: format!("not {} value; left out of the membership", article(what)),
        text,
        candidates: Vec::new(),
    }
}

fn article(what: &str) -> String {
    if what.starts_with('a') {
        what.to_owned()
    } else {
        format!("a {what}")
    }
}
