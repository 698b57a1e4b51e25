//! Wide membership tables, as research datasets lay them out (Acuto & Leffel: one row per
//! city, one column per network, 0 or 1 in each cell), read as membership records.
//!
//! The format:
//!
//! - identity columns: `city` and `country` (an ISO 3166-1 alpha-2 code), `member_name`,
//!   `member_kind` (default `city`) and `source` (the dataset's address: the source of each
//!   membership and of its roles). A table without `member_kind` holds cities, and needs
//!   `city` and `country`; with it, each row needs the columns its kind needs
//!   ([`MemberKind::needs`](crate::MemberKind::needs): a region row needs `member_name` and
//!   `country`, and may leave `city` empty). Their names are matched ignoring case, spaces and
//!   accents;
//! - every other column is a network: its header is a network id (a lower-case slug such as
//!   `climate-alliance`) or a name, acronym or alias the embedded catalogue knows (`ICLEI`,
//!   `Covenant of Mayors`), which stands for that network's id. Any other header is a problem
//!   at the header cell, with a slug as suggestion. A column whose header starts with `#` is
//!   ignored (for notes and other data);
//! - a cell says whether the row's city is a member: empty, `0`, `no` or `false`: not a
//!   member; `1`, `x`, `yes` or `true` (any case): a member, status not known; a `Status`
//!   value (`full`, `observer`, `associate`…, in its canonical spelling; another spelling is
//!   the schema's `unknown_variant` with the value meant as suggestion): a member with that
//!   status; `status+role+role` (`full+founding_member`, or `1+host_city`) adds roles;
//! - numbers above 1 are refused: the quentin.city 0–6 grades add a status (observer 1, full 2,
//!   privileged 3) and roles (founding member +1, host city +2), so a grade is ambiguous (4 is
//!   privileged+founding_member or full+host_city). Such a cell is an `out_of_range` error
//!   that says how to write it in words.
//!
//! Each marked cell becomes one membership record, validated against the committed membership
//! schema; problems are placed at the cell they come from (the network's cell, or the identity
//! cell of the row for the member's fields), with the row as `record` and the header as
//! `column_name`. A problem in an identity cell is reported once per row.
//!
//! ```
//! use citynets::validate::csv::CsvOptions;
//! use citynets::validate::wide::convert_wide;
//! use citynets::validate::{Code, Options};
//!
//! let table = "city;country;Eurocities;ICLEI;polis\nGhent;BE;1;full;4\n";
//! let mut records = Vec::new();
//! let report = convert_wide(table.as_bytes(), &Options::default(), &CsvOptions::default(), |m| {
//!     records.push(m.clone());
//!     Ok(())
//! }).unwrap();
//! assert_eq!(records.len(), 2);
//! assert_eq!(records[1]["organization_id"], "iclei");
//! assert_eq!(records[1]["status"], "full");
//! let p = &report.problems[0];
//! assert_eq!(p.code, Code::OutOfRange);
//! assert_eq!(p.column_name.as_deref(), Some("polis"));
//! assert_eq!((p.record, p.line, p.column), (Some(1), Some(2), Some(17)));
//! ```

use std::collections::HashSet;
use std::io::{self, Read};

use serde_json::{Map, Value, json};

use std::sync::Arc;

use super::book::{Book, Use, member_key};
use super::catalogues::Catalogues;
use super::compiled::Compiled;
use super::csv::{
    CsvOptions, Place, Table, decode_problems, missing_fields, refuse_workbook, validate_batch,
};
use super::{Code, Options, Problem, Problems, Report, Severity, messages, pointer, suggest};
use crate::{DocumentKind, MemberKind, NetworkId, fold};

/// What a column of a wide table holds.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Col {
    City,
    Country,
    MemberName,
    MemberKind,
    Source,
    /// A network, by id.
    Network(String),
    /// A header that names no network (reported at the header).
    BadNetwork,
    /// `#…`, or a repeated identity column.
    Ignored,
    /// No header.
    Unnamed,
}

/// One membership read from a wide table: a marked cell.
#[derive(Debug, Clone, PartialEq)]
pub struct WideMembership {
    /// The header of the network's column.
    pub column_name: String,
    /// The membership record.
    pub value: Value,
    /// Whether the record, and the cells it comes from, have no error.
    pub valid: bool,
    /// The line and column of the cell it comes from.
    pub at: (u64, u64),
}

/// One row of a wide table.
#[derive(Debug, Clone, PartialEq)]
pub struct WideRow {
    /// The data row: 1-based, the header excluded.
    pub number: u64,
    /// The line the row starts on.
    pub line: u64,
    /// One record per marked cell, in column order.
    pub memberships: Vec<WideMembership>,
    /// The row's problems, each at its cell, in the order of the cells.
    pub problems: Vec<Problem>,
}

/// A wide membership table, read one row at a time.
pub struct WideReader<R: Read> {
    table: Table<R>,
    cols: Vec<Col>,
    schema: &'static Compiled,
    /// Problems of the header and of blank rows, handed out by [`take_problems`](Self::take_problems).
    pending: Vec<Problem>,
    /// The networks that the network columns may name.
    catalogues: Arc<Catalogues>,
    /// The header lacks what a wide table needs: no row is read.
    unusable: bool,
}

/// What a cell says.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Mark {
    Absent,
    Member {
        status: Option<String>,
        roles: Vec<String>,
    },
    Bad(String),
}

const HOW: &str = "write 0 or 1, a status (full, observer, associate…), or a status and roles joined by + (full+founding_member, 1+host_city)";

fn mark(text: &str) -> Mark {
    let t = text.trim();
    if t.is_empty() {
        return Mark::Absent;
    }
    let mut parts = t.split('+').map(str::trim);
    let first = parts.next().unwrap_or_default();
    let roles: Vec<String> = parts.map(str::to_owned).collect();
    let lower = first.to_ascii_lowercase();
    let numeric = first.bytes().any(|b| b.is_ascii_digit())
        && first
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b'.' || b == b',' || b == b'-');
    let no_roles_after = |what: &str| {
        Mark::Bad(format!(
            "{t:?} marks no membership ({what}) but names roles; write 1 or a status before the roles, such as \"1+founding_member\""
        ))
    };
    if numeric {
        let v = first.replace(',', ".").parse::<f64>().unwrap_or(f64::NAN);
        if v == 0.0 {
            return if roles.is_empty() {
                Mark::Absent
            } else {
                no_roles_after(first)
            };
        }
        if v == 1.0 {
            return Mark::Member {
                status: None,
                roles,
            };
        }
        if v > 1.0 && v.fract() == 0.0 {
            return Mark::Bad(format!(
                "{first:?} is a numeric grade, and grades above 1 are ambiguous: in the quentin.city 0–6 scheme a grade adds up a status (observer 1, full 2, privileged 3) and roles (founding member +1, host city +2), so 4 may be privileged+founding_member or full+host_city; a wide table takes 0 or 1 only — write the status and roles in words instead, such as \"full+host_city\""
            ));
        }
        return Mark::Bad(format!("{t:?} is not a membership value: {HOW}"));
    }
    if lower == "no" || lower == "false" {
        return if roles.is_empty() {
            Mark::Absent
        } else {
            no_roles_after(first)
        };
    }
    let status = if first.is_empty() || matches!(lower.as_str(), "x" | "yes" | "true") {
        None
    } else {
        Some(first.to_owned())
    };
    Mark::Member { status, roles }
}

/// The network id a header names, or the suggestion for one that names none: a network of
/// the catalogues in use that the header names clearly (its id, a name, an acronym), else the
/// header itself when it is an id, else the suggestion for a network reference (a known
/// network, or a slug).
fn network_of(header: &str, catalogues: &Catalogues) -> Result<String, Option<String>> {
    catalogues.with_resolver(|r| {
        if let Some(n) = r.by_id(header).or_else(|| r.resolve(header).network()) {
            return Ok(n.id.as_str().to_owned());
        }
        if NetworkId::matches_pattern(header) && header.len() <= NetworkId::MAX_LENGTH {
            return Ok(header.to_owned());
        }
        Err(suggest::network_id(catalogues, header).map(|(id, _)| id))
    })
}

/// The kind of the members of a row without a `member_kind` cell.
const DEFAULT_KIND: MemberKind = MemberKind::City;

/// The fields of a member of the [`DEFAULT_KIND`] that the membership schema requires, with the
/// location of the keyword that requires each (the kind's `then/required`).
fn needed_columns() -> Vec<(String, String)> {
    let schema = Compiled::get(DocumentKind::Membership);
    let Some(member) = schema.nodes[schema.root].property("member") else {
        return Vec::new();
    };
    let member = &schema.nodes[member];
    member
        .missing(member.discriminator_value(DEFAULT_KIND.as_str()), |_| false)
        .map(|(field, condition)| {
            let keyword = condition.map_or_else(
                || format!("{}/required", member.path),
                |c| c.keyword.clone(),
            );
            (field.to_owned(), keyword)
        })
        .collect()
}

impl<R: Read> WideReader<R> {
    /// Opens a wide table and reads its header. An `Err` means the input could not be read.
    pub fn new(input: R, options: &CsvOptions) -> io::Result<Self> {
        WideReader::with_catalogues(input, options, Arc::default())
    }

    /// Opens a wide table whose network columns may name the networks of `catalogues` (the
    /// embedded one and those added). An `Err` means the input could not be read.
    pub fn with_catalogues(
        input: R,
        options: &CsvOptions,
        catalogues: Arc<Catalogues>,
    ) -> io::Result<Self> {
        let mut table = Table::new(input, options.delimiter)?;
        let mut pending = decode_problems(&std::mem::take(&mut table.events), None);
        let mut cols = Vec::with_capacity(table.header.len());
        let mut seen_ids: Vec<(String, String)> = Vec::new();
        let start = Place { line: 1, column: 1 };
        for (i, h) in table.header.iter().enumerate() {
            let t = h.trim();
            let place = table.header_places.get(i).copied().unwrap_or(start);
            let identity = match fold(t).as_str() {
                "city" => Some(Col::City),
                "country" => Some(Col::Country),
                "member name" => Some(Col::MemberName),
                "member kind" => Some(Col::MemberKind),
                "source" => Some(Col::Source),
                _ => None,
            };
            let col = if t.is_empty() {
                Col::Unnamed
            } else if t.starts_with('#') {
                Col::Ignored
            } else if let Some(id) = identity {
                if cols.contains(&id) {
                    pending.push(
                        Problem::warning(
                            Code::DuplicateKey,
                            format!(
                                "the column {h:?} repeats an earlier column; only the first is read"
                            ),
                        )
                        .at(place.line, place.column)
                        .column_name(Some(h)),
                    );
                    Col::Ignored
                } else {
                    id
                }
            } else {
                match network_of(t, &catalogues) {
                    Ok(id) => {
                        if let Some((other, _)) = seen_ids.iter().find(|(_, s)| *s == id) {
                            pending.push(
                                Problem::warning(
                                    Code::DuplicateKey,
                                    format!("the columns {other:?} and {h:?} both name the network {id:?}; each marked cell gives a membership record"),
                                )
                                .at(place.line, place.column)
                                .column_name(Some(h))
                                .instance("/organization_id"),
                            );
                        }
                        seen_ids.push((h.clone(), id.clone()));
                        Col::Network(id)
                    }
                    Err(suggestion) => {
                        pending.push(
                            Problem::error(
                                Code::Pattern,
                                format!("the column {h:?} names no network: a network column's header is a network id (a lower-case slug such as \"climate-alliance\") or a name, acronym or alias of a network of a catalogue in use; start the header with # to ignore the column"),
                            )
                            .at(place.line, place.column)
                            .column_name(Some(h))
                            .instance("/organization_id")
                            .keyword("/properties/organization_id/pattern")
                            .suggest(suggestion),
                        );
                        Col::BadNetwork
                    }
                }
            };
            cols.push(col);
        }
        let mut unusable = false;
        // Without a member_kind column every row is a member of the default kind, and the
        // table needs a column for each field that kind needs; with one, each row's fields are
        // checked against its own kind's needs.
        if !table.header.is_empty() && !cols.contains(&Col::MemberKind) {
            for (field, keyword) in needed_columns() {
                let (col, name) = match field.as_str() {
                    "city" => (Col::City, "city"),
                    "country" => (Col::Country, "country"),
                    "name" => (Col::MemberName, "member_name"),
                    _ => continue,
                };
                if !cols.contains(&col) {
                    unusable = true;
                    pending.push(
                        Problem::error(
                            Code::MissingField,
                            format!("the table has no {name:?} column: a wide table needs the columns city and country, then one column per network (with a member_kind column, the columns its kinds of member need)"),
                        )
                        .at(start.line, start.column)
                        .instance(format!("/member/{field}"))
                        .keyword(keyword),
                    );
                }
            }
        }
        if !table.header.is_empty()
            && !cols
                .iter()
                .any(|c| matches!(c, Col::Network(_) | Col::BadNetwork))
        {
            unusable = true;
            pending.push(
                Problem::error(
                    Code::MissingField,
                    "the table has no network column: after city and country, a wide table has one column per network",
                )
                .at(start.line, start.column)
                .instance("/organization_id"),
            );
        }
        Ok(WideReader {
            table,
            cols,
            schema: Compiled::get(DocumentKind::Membership),
            pending,
            unusable,
            catalogues,
        })
    }

    /// The header's cells.
    pub fn header(&self) -> &[String] {
        &self.table.header
    }

    /// Problems of the header, of blank rows and of the end of the file, once.
    pub fn take_problems(&mut self) -> Vec<Problem> {
        std::mem::take(&mut self.pending)
    }

    /// The index of the first column of a kind.
    fn col(&self, want: &Col) -> Option<usize> {
        self.cols.iter().position(|c| c == want)
    }

    /// The current row's cell of a column, trimmed, if the column exists and the cell is not
    /// blank.
    fn cell(&self, want: &Col) -> Option<&str> {
        let i = self.col(want)?;
        let t = self.table.record.get(i)?.trim();
        (!t.is_empty()).then_some(t)
    }

    /// Reads the next row that is not blank; `None` at the end.
    pub fn next_row(&mut self) -> io::Result<Option<WideRow>> {
        if self.unusable {
            return Ok(None);
        }
        loop {
            if !self.table.next_row()? {
                let events = std::mem::take(&mut self.table.events);
                self.pending.extend(decode_problems(&events, None));
                return Ok(None);
            }
            let number = self.table.number;
            let mut problems =
                decode_problems(&std::mem::take(&mut self.table.events), Some(number));
            if self.table.row_is_blank() {
                self.pending.append(&mut problems);
                continue;
            }
            let row_broken = problems.iter().any(|p| p.severity == Severity::Error);
            let memberships = self.map_row(number, &mut problems, row_broken);
            // An identity cell's problem is the same in each record of the row: once.
            let mut seen = HashSet::new();
            problems.retain(|p| {
                seen.insert((
                    p.line,
                    p.column,
                    p.code,
                    p.error.clone(),
                    p.instance_location.clone(),
                ))
            });
            problems.sort_by_key(|p| (p.line, p.column));
            return Ok(Some(WideRow {
                number,
                line: self.table.row_place().line,
                memberships,
                problems,
            }));
        }
    }

    fn map_row(
        &self,
        number: u64,
        problems: &mut Vec<Problem>,
        row_broken: bool,
    ) -> Vec<WideMembership> {
        let mut member = Map::new();
        member.insert(
            "kind".into(),
            Value::from(self.cell(&Col::MemberKind).unwrap_or(DEFAULT_KIND.as_str())),
        );
        for (col, key) in [
            (Col::City, "city"),
            (Col::Country, "country"),
            (Col::MemberName, "name"),
        ] {
            if let Some(v) = self.cell(&col) {
                member.insert(key.into(), Value::from(v));
            }
        }
        let source = self.cell(&Col::Source);
        let mut marked: Vec<(usize, Value)> = Vec::new();
        for (i, text) in self.table.record.iter().enumerate() {
            let place = self.table.place(i);
            let header = self.table.header.get(i);
            let col = self.cols.get(i);
            let id = match col {
                Some(Col::Network(id)) => id,
                Some(Col::Unnamed) | None if !text.trim().is_empty() => {
                    let error = match header {
                        Some(_) => "this cell is under a column without a header".to_owned(),
                        None => format!(
                            "cell {} of this row has no column: the header names {} columns",
                            i + 1,
                            self.table.header.len()
                        ),
                    };
                    problems.push(
                        Problem::error(Code::Syntax, error)
                            .at(place.line, place.column)
                            .record(Some(number))
                            .column_name(header.map(String::as_str)),
                    );
                    continue;
                }
                _ => continue,
            };
            let (status, roles) = match mark(text) {
                Mark::Absent => continue,
                Mark::Bad(error) => {
                    problems.push(
                        Problem::error(Code::OutOfRange, error)
                            .at(place.line, place.column)
                            .record(Some(number))
                            .column_name(header.map(String::as_str)),
                    );
                    continue;
                }
                Mark::Member { status, roles } => (status, roles),
            };
            let mut record = Map::new();
            record.insert("organization_id".into(), Value::from(id.as_str()));
            record.insert("member".into(), Value::Object(member.clone()));
            if let Some(s) = status {
                record.insert("status".into(), Value::from(s));
            }
            if !roles.is_empty() {
                let held: Vec<Value> = roles
                    .iter()
                    .map(|r| match source {
                        Some(url) => json!({"role": r, "source": url}),
                        None => json!({"role": r}),
                    })
                    .collect();
                record.insert("roles".into(), Value::Array(held));
            }
            if let Some(url) = source {
                record.insert("sources".into(), json!([{ "url": url }]));
            }
            marked.push((i, Value::Object(record)));
        }
        // The row's records are validated together, by one run of the engine.
        let values: Vec<&Value> = marked.iter().map(|(_, v)| v).collect();
        let verdicts = validate_batch(&values, DocumentKind::Membership, &self.catalogues);
        let mut out = Vec::with_capacity(marked.len());
        for ((i, value), verdict) in marked.into_iter().zip(verdicts) {
            let valid = !row_broken && verdict.iter().all(|p| p.severity != Severity::Error);
            let mut missing: Option<(Vec<String>, usize)> = None;
            for mut p in verdict {
                let at = pointer::split(&p.instance_location);
                let mut target = at.clone();
                if p.code == Code::MissingField && at == ["member"] {
                    let m = missing
                        .get_or_insert_with(|| (missing_fields(self.schema, &value, &at), 0));
                    if let Some(f) = m.0.get(m.1) {
                        target.push(f.clone());
                    }
                    m.1 += 1;
                }
                let located = match target.iter().map(String::as_str).collect::<Vec<_>>()[..] {
                    ["member", "city", ..] => self.col(&Col::City),
                    ["member", "country", ..] => self.col(&Col::Country),
                    ["member", "name", ..] => self.col(&Col::MemberName),
                    ["member", "kind", ..] => self.col(&Col::MemberKind),
                    ["sources", ..] | ["roles", _, "source", ..] => self.col(&Col::Source),
                    _ => None,
                }
                .unwrap_or(i);
                if p.code == Code::MissingField
                    && at.len() == 2
                    && at[0] == "roles"
                    && source.is_none()
                {
                    p.error.push_str(
                        " (a role in a wide table takes its source from the row's \"source\" column)",
                    );
                }
                let place = self.table.place(located);
                p.line = Some(place.line);
                p.column = Some(place.column);
                p.column_name = self.table.header.get(located).cloned();
                p.record = Some(number);
                problems.push(p);
            }
            let cell = self.table.place(i);
            out.push(WideMembership {
                column_name: self.table.header.get(i).cloned().unwrap_or_default(),
                value,
                valid,
                at: (cell.line, cell.column),
            });
        }
        out
    }
}

/// Reads a wide table as membership records, hands each valid record to `write` in the order
/// of the rows and columns, and reports every problem. `options.document` and
/// `options.format` are not used. An `Err` means the input could not be read or `write`
/// failed.
pub fn convert_wide<R: Read, F: FnMut(&Value) -> io::Result<()>>(
    input: R,
    options: &Options,
    csv: &CsvOptions,
    mut write: F,
) -> io::Result<Report> {
    let mut out = Problems::for_options(options);
    let input = match refuse_workbook(input)? {
        Ok(input) => input,
        Err(problem) => {
            out.push(problem);
            return Ok(out.finish());
        }
    };
    let mut reader = WideReader::with_catalogues(input, csv, options.catalogues.clone())?;
    let mut book = Book::new(options.catalogues.clone());
    let empty = reader.header().is_empty();
    for p in reader.take_problems() {
        out.push(p);
    }
    if empty {
        out.push(Problem::error(Code::Syntax, messages::EMPTY_WIDE_TABLE).at(1, 1));
        return Ok(out.finish());
    }
    let mut rows = 0u64;
    while let Some(row) = reader.next_row()? {
        rows += 1;
        for p in reader.take_problems() {
            out.push(p);
        }
        for p in row.problems {
            out.push(p);
        }
        for m in &row.memberships {
            out.add_record();
            note(&mut book, m, row.number, &mut out);
            if m.valid {
                write(&m.value)?;
            }
        }
    }
    for p in reader.take_problems() {
        out.push(p);
    }
    if rows == 0 && !reader.unusable {
        let at = reader
            .table
            .header_places
            .first()
            .copied()
            .unwrap_or(Place { line: 1, column: 1 });
        out.push(Problem::error(Code::Syntax, messages::NO_WIDE_ROWS).at(at.line, at.column));
    }
    for p in book.finish() {
        out.push(p);
    }
    Ok(out.finish())
}

/// Notes a membership of a wide table in the [book](super::book): the same member twice in a
/// network, and a network no catalogue in use knows, placed at the membership's cell.
fn note(book: &mut Book, m: &WideMembership, row: u64, out: &mut Problems) {
    let text = |v: &Value, k: &str| v.get(k).and_then(Value::as_str).map(str::to_owned);
    let member = &m.value["member"];
    let key = member_key(
        text(member, "kind").as_deref().unwrap_or_default(),
        text(member, "name").as_deref(),
        text(member, "city").as_deref(),
        text(member, "country").as_deref(),
        None,
    );
    let network = text(&m.value, "organization_id").unwrap_or_default();
    let what = Use::Membership {
        network: &network,
        member: Some(key),
    };
    let noted = book.note(what, row);
    if noted.needs_place() {
        let place = |p: Problem| {
            p.at(m.at.0, m.at.1)
                .record(Some(row))
                .column_name(Some(&m.column_name))
                .instance("/organization_id")
        };
        if let Some(p) = noted.place(book, place) {
            out.push(p);
        }
    }
}

/// Validates a wide membership table read as a stream: each marked cell as a membership
/// record. See [`convert_wide`] and the module documentation.
pub fn validate_wide_reader<R: Read>(
    input: R,
    options: &Options,
    csv: &CsvOptions,
) -> io::Result<Report> {
    convert_wide(input, options, csv, |_| Ok(()))
}

/// Validates a wide membership table held in memory. See [`validate_wide_reader`].
pub fn validate_wide_bytes(input: &[u8], options: &Options, csv: &CsvOptions) -> Report {
    // Reading from memory cannot fail.
    validate_wide_reader(input, options, csv).unwrap_or_default()
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    fn member(status: Option<&str>, roles: &[&str]) -> Mark {
        Mark::Member {
            status: status.map(str::to_owned),
            roles: roles.iter().map(|r| (*r).to_owned()).collect(),
        }
    }

    #[test]
    fn reads_what_a_cell_says() {
        for absent in ["", " ", "0", "0.0", "no", "FALSE"] {
            assert_eq!(mark(absent), Mark::Absent, "{absent:?}");
        }
        for present in ["1", "1.0", "x", "X", "yes", "True"] {
            assert_eq!(mark(present), member(None, &[]), "{present:?}");
        }
        assert_eq!(mark("full"), member(Some("full"), &[]));
        assert_eq!(mark("Full"), member(Some("Full"), &[]));
        assert_eq!(
            mark("full + founding_member+host_city"),
            member(Some("full"), &["founding_member", "host_city"])
        );
        assert_eq!(mark("1+host_city"), member(None, &["host_city"]));
        let Mark::Bad(e) = mark("4") else {
            panic!("4 is a grade")
        };
        assert!(
            e.contains("ambiguous") && e.contains("full+host_city"),
            "{e}"
        );
        assert!(matches!(mark("0.5"), Mark::Bad(_)));
        assert!(matches!(mark("-1"), Mark::Bad(_)));
        assert!(matches!(mark("0+founding_member"), Mark::Bad(_)));
    }

    #[test]
    fn headers_name_networks() {
        let known = Catalogues::default();
        let network_of = |h| network_of(h, &known);
        assert_eq!(network_of("eurocities"), Ok("eurocities".into()));
        assert_eq!(network_of("ICLEI"), Ok("iclei".into()));
        assert_eq!(
            network_of("Covenant of Mayors"),
            Ok("covenant-of-mayors".into())
        );
        // The registry's networks too, by an acronym with generic words.
        assert_eq!(network_of("c40"), Ok("c40".into()));
        assert_eq!(network_of("C40 Cities"), Ok("c40".into()));
        assert_eq!(
            network_of("Study Network Two"),
            Err(Some("study-network-two".into()))
        );
        assert_eq!(network_of("Eurocitis"), Err(Some("eurocities".into())));
    }

    /// A problem's code, record, line, column and column name.
    type Key<'a> = (Code, Option<u64>, Option<u64>, Option<u64>, Option<&'a str>);

    #[test]
    fn problems_are_at_their_cells() {
        let table = "city,country,source,eurocities,polis,ICLEI\n\
                     Ghent,Belgium,https://example.org/data,Full,observer+host_cty,\n\
                     Liège,BE,,1,0,4\n";
        let report = validate_wide_bytes(
            table.as_bytes(),
            &Options::default(),
            &CsvOptions::default(),
        );
        let got: Vec<Key<'_>> = report
            .problems
            .iter()
            .map(|p| (p.code, p.record, p.line, p.column, p.column_name.as_deref()))
            .collect();
        assert_eq!(
            got,
            vec![
                (
                    Code::UnknownVariant,
                    Some(1),
                    Some(2),
                    Some(7),
                    Some("country")
                ),
                (
                    Code::UnknownVariant,
                    Some(1),
                    Some(2),
                    Some(40),
                    Some("eurocities")
                ),
                (
                    Code::UnknownVariant,
                    Some(1),
                    Some(2),
                    Some(45),
                    Some("polis")
                ),
                (Code::OutOfRange, Some(2), Some(3), Some(15), Some("ICLEI")),
            ],
            "{report:#?}"
        );
        // The country problem is reported once, not once per membership of the row: one
        // problem (not an enum, a length and a pattern), with the code the name means.
        assert_eq!(report.problems[0].suggestion.as_deref(), Some("BE"));
        assert_eq!(report.problems[1].suggestion.as_deref(), Some("full"));
        assert_eq!(report.problems[2].suggestion.as_deref(), Some("host_city"));
        assert_eq!(report.records, 3);
    }

    #[test]
    fn a_table_without_identity_columns_is_refused_at_its_header() {
        let report = validate_wide_bytes(
            b"name,eurocities\nGhent,1\n",
            &Options::default(),
            &CsvOptions::default(),
        );
        assert_eq!(report.records, 0);
        assert!(
            report
                .problems
                .iter()
                .any(|p| p.code == Code::MissingField && p.error.contains("\"city\""))
        );
        assert!(
            report
                .problems
                .iter()
                .any(|p| p.error.contains("\"country\""))
        );
    }

    /// With a member_kind column, a row needs what its kind needs: a region no city, a city
    /// its city (placed at the row's city cell).
    #[test]
    fn rows_need_the_fields_of_their_kind() {
        let report = validate_wide_bytes(
            "member_kind,member_name,city,country,polis\n\
             region,Région de Ségou,,ML,1\n\
             city,,,BE,1\n\
             region,,,ML,1\n"
                .as_bytes(),
            &Options::default(),
            &CsvOptions::default(),
        );
        let errors: Vec<_> = report
            .problems
            .iter()
            .map(|p| {
                (
                    p.record,
                    p.instance_location.as_str(),
                    p.keyword_location.as_str(),
                    p.column_name.as_deref(),
                )
            })
            .collect();
        assert_eq!(
            errors,
            [
                (
                    Some(2),
                    "/member",
                    "/$defs/Member/allOf/0/then/required",
                    Some("city")
                ),
                (
                    Some(3),
                    "/member",
                    "/$defs/Member/allOf/3/then/required",
                    Some("member_name")
                ),
            ],
            "{:#?}",
            report.problems
        );
        assert!(report.problems[1].error.contains("\"kind\" is \"region\""));
        // Without a member_kind column, every row is a city: the table needs a city column.
        let report = validate_wide_bytes(
            b"member_name,country,polis\nRegion,ML,1\n",
            &Options::default(),
            &CsvOptions::default(),
        );
        let [p] = &report.problems[..] else {
            panic!("{:#?}", report.problems)
        };
        assert_eq!(p.instance_location, "/member/city");
        assert_eq!(p.keyword_location, "/$defs/Member/allOf/0/then/required");
    }

    #[test]
    fn roles_need_the_source_column() {
        let report = validate_wide_bytes(
            b"city,country,eurocities\nGhent,BE,full+founding_member\n",
            &Options::default(),
            &CsvOptions::default(),
        );
        let p = &report.problems[0];
        assert_eq!(p.code, Code::MissingField);
        assert_eq!(p.instance_location, "/roles/0");
        assert!(p.error.contains("\"source\" column"), "{}", p.error);
        assert_eq!(p.column_name.as_deref(), Some("eurocities"));
    }
}
