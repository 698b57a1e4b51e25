//! The mapping of a table's rows to records: each cell converted as its column says and put at
//! its field, the record validated by the engine, and each problem placed back at the cell it
//! comes from. Rows the typed model accepts take a fast path that skips building the record.

use std::collections::HashMap;

use serde_json::{Map, Value};

use super::super::book::{Use, member_key};
use super::super::compiled::ty;
use super::super::pointer;
use super::super::rules::{Facts, city_elsewhere, membership_is_quiet, network_is_quiet};
use super::super::view::{MembershipView, NetworkView};
use super::super::{Code, Problem, Severity, messages, suggest};
use super::batch::validate_batch;
use super::cell;
use super::place::{self, Place, cells_in};
use super::plan::{Plan, Shape, scalar};
use super::problems::missing_fields;
use super::row::RowShape;
use super::split::RowCells;
use crate::DocumentKind;

/// Sets the value at `keys`, making the objects on the way; returns whether a value was there
/// already (it is replaced, as the last of duplicated JSON keys wins).
fn insert(record: &mut Map<String, Value>, keys: &[String], value: Value) -> bool {
    let Some((last, path)) = keys.split_last() else {
        return false;
    };
    let mut obj = record;
    let mut replaced = false;
    for k in path {
        let slot = obj
            .entry(k.clone())
            .or_insert_with(|| Value::Object(Map::new()));
        if !slot.is_object() {
            *slot = Value::Object(Map::new());
            replaced = true;
        }
        let Value::Object(inner) = slot else {
            return replaced;
        };
        obj = inner;
    }
    obj.insert(last.clone(), value).is_some() || replaced
}

/// What a header cell names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum HeaderColumn {
    Known(usize),
    Unknown,
}

/// One row of a CSV table, mapped to a record.
#[derive(Debug, Clone, PartialEq)]
pub struct CsvRecord {
    /// The data row: 1-based, the header excluded.
    pub number: u64,
    /// The line the row starts on.
    pub line: u64,
    /// The mapped record (a JSON object).
    pub value: Value,
    /// The problems found while mapping the row (unknown columns, cells that are not JSON,
    /// bytes that could not be decoded), placed at their cells. The schema's verdict on
    /// `value` is not among them: [`validate_csv_reader`](super::validate_csv_reader) adds it.
    pub problems: Vec<Problem>,
    /// The places of the row's cells.
    places: Vec<Place>,
    /// Which of the row's cells are filled.
    filled: Vec<bool>,
    /// The row's text as it is in the file, and the line it starts on.
    raw: Vec<u8>,
    raw_line: u64,
}

/// How the cells of a table's rows become records: the table's header matched to the columns
/// of the record type. It holds no row, so that worker threads can share it.
pub(super) struct Mapping {
    plan: Plan,
    /// The header's cells.
    names: Vec<String>,
    /// What each header cell names.
    header: Vec<HeaderColumn>,
    /// How rows read straight into the types, when the header allows it.
    pub(super) fast: Option<RowShape>,
    /// The cell of the `id` column (network records) or `organization_id` column
    /// (membership records): where a record's key is.
    id_cell: Option<usize>,
    /// The networks that memberships may refer to, for the suggestions of the engine.
    pub(super) catalogues: std::sync::Arc<crate::validate::Catalogues>,
    /// What the unknown columns' problems add when the header names the required columns of
    /// the other kind of record.
    other_kind: String,
    /// The cells of `member.kind`, `member.name`, `member.city`, `member.country` and
    /// `member.geonames_id`, for the identity of a membership's member.
    member_cells: [Option<usize>; 5],
    /// The table's delimiter.
    pub(super) delimiter: u8,
}

/// A row as read from the table, before it is mapped to a record.
pub(super) struct RawRow {
    pub number: u64,
    pub cells: ::csv::StringRecord,
    /// The line of the row's first cell.
    pub line: u64,
    /// The places of the row's cells.
    pub places: Vec<Place>,
    /// Decoding problems placed in the row.
    pub problems: Vec<Problem>,
    /// The row's text as it is in the file, and the line it starts on: to place problems
    /// inside the JSON of a cell.
    pub raw: Vec<u8>,
    pub raw_line: u64,
}

/// A row's verdict, ready to be reported in order.
pub(super) struct CheckedRow {
    pub number: u64,
    /// Every problem of the row but a repeated id, which only the whole table can tell.
    pub problems: Vec<Problem>,
    /// The row's key for the checks across rows (its network id, or a membership's network),
    /// when it has the id pattern.
    pub id: Option<RowId>,
    /// Whether this is a record (not a blank row, or the end of the table).
    pub record: bool,
}

/// How many rows not done yet are validated together: enough to pay for starting the engine,
/// few enough that their problems take little memory before they are only counted.
const GROUP: usize = 256;

/// The verdicts on a chunk's rows, gathered in order as the rows are read. Rows not done yet
/// are validated together, [`GROUP`] at a time. Once the rows so far hold `keep()` problems
/// (asked at each row: the room left in the report), the problems of the rows after are only
/// counted, so that memory holds that many problems and one group's rows, however many rows
/// and problems the chunk has.
pub(super) struct Verdicts<'a> {
    mapping: &'a Mapping,
    keep: &'a (dyn Fn() -> usize + Sync),
    out: Vec<CheckedRow>,
    /// Rows read and not yet in `out`: at most [`GROUP`] slow ones, and the done ones among
    /// and after them.
    pending: Vec<Slot>,
    slow: usize,
    kept: usize,
    /// The errors and warnings only counted.
    dropped: [u64; 2],
}

impl<'a> Verdicts<'a> {
    /// Verdicts on about `rows` rows.
    pub(super) fn new(
        mapping: &'a Mapping,
        keep: &'a (dyn Fn() -> usize + Sync),
        rows: usize,
    ) -> Self {
        Verdicts {
            mapping,
            keep,
            out: Vec::with_capacity(rows),
            pending: Vec::new(),
            slow: 0,
            kept: 0,
            dropped: [0; 2],
        }
    }

    /// Takes the next row.
    pub(super) fn push(&mut self, slot: Slot, ids: &mut RowIds) {
        if matches!(slot, Slot::Row(_)) {
            self.slow += 1;
        }
        self.pending.push(slot);
        if self.slow >= GROUP {
            self.flush(ids);
        }
    }

    fn flush(&mut self, ids: &mut RowIds) {
        let mut group = Vec::with_capacity(self.slow);
        let mut order = Vec::with_capacity(self.pending.len());
        for slot in std::mem::take(&mut self.pending) {
            match slot {
                Slot::Row(row) => {
                    group.push(row);
                    order.push(None);
                }
                Slot::Done(done) => order.push(Some(done)),
            }
        }
        self.slow = 0;
        let mut checked = self.mapping.check_group(group, ids).into_iter();
        for done in order {
            if let Some(row) = done.or_else(|| checked.next()) {
                self.take(row);
            }
        }
    }

    fn take(&mut self, mut row: CheckedRow) {
        if self.kept >= (self.keep)() {
            // Taken, not drained: the row keeps no room for problems it no longer holds.
            for p in std::mem::take(&mut row.problems) {
                self.dropped[usize::from(p.severity == Severity::Warning)] += 1;
            }
        }
        self.kept += row.problems.len();
        self.out.push(row);
    }

    /// The verdicts on every row, in order, and the errors and warnings only counted.
    pub(super) fn finish(mut self, ids: &mut RowIds) -> (Vec<CheckedRow>, [u64; 2]) {
        self.flush(ids);
        (self.out, self.dropped)
    }
}

/// A row to check, or one whose verdict is known already.
pub(super) enum Slot {
    Row(RawRow),
    Done(CheckedRow),
}

/// A row's key for the checks across the table ([`book`](crate::validate::book)): the place
/// of its cell, its member's key for a membership (`None` for a network record), and where its
/// text is in the [`RowIds`] of the row's chunk.
#[derive(Debug)]
pub(super) struct RowId {
    pub place: Place,
    pub member: Option<Option<u64>>,
    text: std::ops::Range<usize>,
}

/// The network ids of a chunk's rows, their text kept in one string: one allocation a chunk,
/// rather than one a row made on a worker and freed by the thread that reports. JSON chunks
/// keep theirs the same way ([`IdUses`](crate::validate::ids::IdUses)).
#[derive(Debug, Default)]
pub(super) struct RowIds(String);

impl RowIds {
    /// Keeps `key`, found at `place`.
    pub(super) fn push(&mut self, key: Use<'_>, place: Place) -> RowId {
        let start = self.0.len();
        self.0.push_str(key.text());
        RowId {
            place,
            member: match key {
                Use::Network(_) => None,
                Use::Membership { member, .. } => Some(member),
            },
            text: start..self.0.len(),
        }
    }

    /// The key of a row kept here.
    pub(super) fn use_of(&self, id: &RowId) -> Use<'_> {
        let text = self.0.get(id.text.clone()).unwrap_or_default();
        match id.member {
            None => Use::Network(text),
            Some(member) => Use::Membership {
                network: text,
                member,
            },
        }
    }
}

impl CheckedRow {
    /// Problems that belong to no record (a blank row's, the end's), reported in their place.
    pub(super) fn loose(problems: Vec<Problem>) -> CheckedRow {
        CheckedRow {
            number: 0,
            problems,
            id: None,
            record: false,
        }
    }
}

impl Mapping {
    pub(super) fn new(
        plan: Plan,
        names: Vec<String>,
        header: Vec<HeaderColumn>,
        delimiter: u8,
    ) -> Mapping {
        let columns: Vec<_> = header
            .iter()
            .map(|h| match h {
                HeaderColumn::Known(c) => {
                    let c = &plan.columns[*c];
                    Some((c.keys.as_slice(), c.shape, c.node))
                }
                HeaderColumn::Unknown => None,
            })
            .collect();
        let fast = RowShape::new(plan.schema, &columns);
        let key = match plan.kind {
            DocumentKind::Membership => "organization_id",
            _ => "id",
        };
        let id_cell = columns
            .iter()
            .position(|c| c.is_some_and(|(keys, ..)| keys == [key]));
        let unknown = names
            .iter()
            .zip(&header)
            .filter(|(_, h)| matches!(h, HeaderColumn::Unknown))
            .map(|(n, _)| n.as_str());
        let member_cells = ["kind", "name", "city", "country", "geonames_id"].map(|k| {
            columns
                .iter()
                .position(|c| c.is_some_and(|(keys, ..)| keys == ["member", k]))
        });
        let other_kind = suggest::other_record_kind(plan.kind, unknown)
            .map(messages::looks_like)
            .unwrap_or_default();
        Mapping {
            plan,
            names,
            header,
            fast,
            id_cell,
            delimiter,
            catalogues: std::sync::Arc::default(),
            other_kind,
            member_cells,
        }
    }

    /// The verdict on a row the types accept and that raises no warning; `None` when the row
    /// must be mapped and validated.
    ///
    /// The row has no decoding problem; `locate(n)` gives the place of its cell `n` (from 0):
    /// only the id's place is needed.
    pub(super) fn check_fast(
        &self,
        number: u64,
        cells: RowCells<'_>,
        locate: impl FnOnce(usize) -> Place,
        ids: &mut RowIds,
    ) -> Option<CheckedRow> {
        let shape = self.fast.as_ref()?;
        let id = match self.plan.kind {
            DocumentKind::Network => {
                let n: NetworkView = shape.read(cells)?;
                if !network_is_quiet(&n) {
                    return None;
                }
                let place = locate(self.id_cell.unwrap_or(0));
                Some(ids.push(Use::Network(n.id()), place))
            }
            DocumentKind::Membership => {
                let m: MembershipView = shape.read(cells)?;
                if !membership_is_quiet(&m) {
                    return None;
                }
                let place = locate(self.id_cell.unwrap_or(0));
                let network = m.organization_id().unwrap_or_default();
                // The member as the row writes it (an empty cell: no such field).
                let [kind, name, city, country, id] = self.member_cells.map(|c| {
                    let cell = cells.get(c?)?;
                    let text = cell.text.trim();
                    (!text.is_empty()).then_some(text)
                });
                // A city in another country than the one given: the row is validated whole,
                // which places the warning.
                if let (Some(city), Some(country)) = (city, country)
                    && city_elsewhere(city, country).is_some()
                {
                    return None;
                }
                let id = id.and_then(super::super::book::written_id);
                let member = member_key(kind?, name, city, country, id);
                Some(ids.push(
                    Use::Membership {
                        network,
                        member: Some(member),
                    },
                    place,
                ))
            }
            DocumentKind::Catalogue => return None,
        };
        Some(CheckedRow {
            number,
            problems: Vec::new(),
            id,
            record: true,
        })
    }

    /// Maps a row to a record.
    pub(super) fn map(&self, mut row: RawRow) -> CsvRecord {
        let mut problems = std::mem::take(&mut row.problems);
        let value = self.map_cells(&row, &mut problems);
        CsvRecord {
            number: row.number,
            line: row.line,
            value,
            problems,
            filled: row.cells.iter().map(|c| !c.is_empty()).collect(),
            places: row.places,
            raw: row.raw,
            raw_line: row.raw_line,
        }
    }

    fn map_cells(&self, row: &RawRow, problems: &mut Vec<Problem>) -> Value {
        let (cells, places, number) = (&row.cells, &row.places[..], row.number);
        let mut record = Map::new();
        let schema = self.plan.schema;
        let place_of = |i: usize| {
            places
                .get(i)
                .or_else(|| places.first())
                .copied()
                .unwrap_or(Place { line: 1, column: 1 })
        };
        for (i, text) in cells.iter().enumerate() {
            if text.is_empty() {
                continue;
            }
            let place = place_of(i);
            let Some(name) = self.names.get(i) else {
                problems.push(
                    Problem::error(
                        Code::Syntax,
                        format!(
                            "cell {} of this row has no column: the header names {} column{}",
                            i + 1,
                            self.names.len(),
                            if self.names.len() == 1 { "" } else { "s" }
                        ),
                    )
                    .at(place.line, place.column)
                    .record(Some(number)),
                );
                continue;
            };
            let column = match self.header.get(i) {
                Some(HeaderColumn::Known(c)) => &self.plan.columns[*c],
                _ => {
                    let (instance, keyword) = self.plan.unknown_locations(name);
                    let names = self.plan.names();
                    let shown = if name.is_empty() {
                        "a column without a name".to_owned()
                    } else {
                        format!("unknown column {name:?}")
                    };
                    problems.push(
                        Problem::error(
                            Code::UnknownField,
                            format!(
                                "{shown}: a {} record has no such field; the columns allowed are: {}{}",
                                self.plan.kind,
                                names.join(", "),
                                self.other_kind
                            ),
                        )
                        .at(place.line, place.column)
                        .record(Some(number))
                        .column_name(Some(name))
                        .instance(instance)
                        .keyword(keyword)
                        .suggest(suggest::column(self.plan.kind, name, &names)),
                    );
                    continue;
                }
            };
            let value = match column.shape {
                Shape::Scalar => scalar(schema, column.node, text),
                Shape::List if !text.trim_start().starts_with('[') => Value::Array(
                    text.split('|')
                        .map(|item| scalar(schema, column.node, item.trim()))
                        .collect(),
                ),
                Shape::List | Shape::Json => {
                    match cell::read(text) {
                        Ok((v, repeated)) => {
                            // Keys given twice, as the JSON reader warns about them, at
                            // the value that counts.
                            for r in repeated {
                                let mut tokens = column.keys.clone();
                                tokens.extend(r.path.iter().cloned());
                                let inside =
                                    cells_in(&row.raw, row.raw_line, self.delimiter, i + 1)
                                        .get(i)
                                        .and_then(|&(at, offset)| {
                                            place::place_in_cell(
                                                &row.raw,
                                                self.delimiter,
                                                offset,
                                                at,
                                                &r.path,
                                            )
                                        });
                                let at = inside.unwrap_or(place);
                                problems.push(
                                    Problem::warning(
                                        Code::DuplicateKey,
                                        cell::message(r.path.last().map_or("", String::as_str)),
                                    )
                                    .at(at.line, at.column)
                                    .record(Some(number))
                                    .column_name(Some(name))
                                    .instance(pointer::join(&tokens)),
                                );
                            }
                            v
                        }
                        Err(e) => {
                            let what = if column.shape == Shape::List {
                                "a JSON list, or items separated by |"
                            } else if schema.nodes[column.node].types & ty::ARRAY != 0 {
                                "a JSON list such as [{\"…\": \"…\"}]"
                            } else {
                                "a JSON object such as {\"…\": \"…\"}"
                            };
                            problems.push(
                                Problem::error(
                                    Code::Syntax,
                                    format!("the cell is not valid JSON ({e}); the column {name:?} holds {what}"),
                                )
                                .at(place.line, place.column)
                                .record(Some(number))
                                .column_name(Some(name))
                                .instance(pointer::join(&column.keys)),
                            );
                            continue;
                        }
                    }
                }
            };
            if insert(&mut record, &column.keys, value) {
                problems.push(
                    Problem::warning(
                        Code::DuplicateKey,
                        format!(
                            "the field {:?} is also given by an earlier cell of this row; this cell's value is the one validated",
                            column.name
                        ),
                    )
                    .at(place.line, place.column)
                    .record(Some(number))
                    .column_name(Some(name))
                    .instance(pointer::join(&column.keys)),
                );
            }
        }
        Value::Object(record)
    }

    /// Places the schema's problems with a mapped row at the row's cells.
    fn place_problems(&self, row: &CsvRecord, problems: Vec<Problem>) -> Vec<Problem> {
        let row_place = row.places.first().copied().unwrap_or(Place {
            line: row.line,
            column: 1,
        });
        let mut missing: HashMap<String, (Vec<String>, usize)> = HashMap::new();
        let mut out = Vec::with_capacity(problems.len());
        for mut p in problems {
            let at = pointer::split(&p.instance_location);
            let mut target = at.clone();
            if p.code == Code::MissingField {
                let entry = missing
                    .entry(p.instance_location.clone())
                    .or_insert_with(|| (missing_fields(self.plan.schema, &row.value, &at), 0));
                if let Some(field) = entry.0.get(entry.1) {
                    target.push(field.clone());
                }
                entry.1 += 1;
            }
            match self.cell_of(&target, &row.filled) {
                Some(i) => {
                    let place = self
                        .place_inside(row, i, &target, &at)
                        .or_else(|| row.places.get(i).copied())
                        .unwrap_or(row_place);
                    p.line = Some(place.line);
                    p.column = Some(place.column);
                    p.column_name = self.names.get(i).cloned();
                }
                None => {
                    let place = row_place;
                    p.line = Some(place.line);
                    p.column = Some(place.column);
                    if p.code == Code::MissingField && target.len() > at.len() {
                        let missing = target.join(".");
                        // An object is written in the columns of its fields.
                        let prefix = format!("{missing}.");
                        let fields: Vec<&str> = self
                            .plan
                            .names()
                            .into_iter()
                            .filter(|n| n.starts_with(&prefix))
                            .collect();
                        if fields.is_empty() {
                            p.error
                                .push_str(&format!(" (the table has no {missing:?} column)"));
                        } else {
                            p.error.push_str(&format!(
                                " (the table has no column for it: its fields are the columns {})",
                                fields.join(", ")
                            ));
                        }
                    }
                }
            }
            p.record = Some(row.number);
            out.push(p);
        }
        out
    }

    /// The place of the value at `target` (or failing that, at `at`) inside the JSON of cell
    /// `i`, when the target lies below the cell's own value.
    fn place_inside(
        &self,
        row: &CsvRecord,
        i: usize,
        target: &[String],
        at: &[String],
    ) -> Option<Place> {
        let Some(HeaderColumn::Known(c)) = self.header.get(i) else {
            return None;
        };
        let keys = &self.plan.columns[*c].keys;
        let below = |path: &[String]| {
            path.get(keys.len()..)
                .filter(|p| !p.is_empty())
                .map(<[String]>::to_vec)
        };
        let (targets, ats) = (below(target), below(at));
        if targets.is_none() && ats.is_none() {
            return None;
        }
        let (place, offset) = *cells_in(&row.raw, row.raw_line, self.delimiter, i + 1).get(i)?;
        [targets, ats]
            .into_iter()
            .flatten()
            .find_map(|path| place::place_in_cell(&row.raw, self.delimiter, offset, place, &path))
    }

    /// The header cell whose column holds the value at `target` (the longest match; among
    /// equal ones the last filled cell, whose value was validated). For a place above every
    /// column (an object that lacks a field), the first column inside it.
    fn cell_of(&self, target: &[String], filled: &[bool]) -> Option<usize> {
        let mut best: Option<(usize, usize)> = None;
        let mut inside: Option<usize> = None;
        for (i, h) in self.header.iter().enumerate() {
            let HeaderColumn::Known(c) = h else { continue };
            let keys = &self.plan.columns[*c].keys;
            if keys.len() <= target.len() && target[..keys.len()] == keys[..] {
                let filled = filled.get(i).copied().unwrap_or(false);
                let better = match best {
                    None => true,
                    Some((len, _)) => keys.len() > len || (keys.len() == len && filled),
                };
                if better {
                    best = Some((keys.len(), i));
                }
            } else if inside.is_none()
                && keys.len() > target.len()
                && keys[..target.len()] == target[..]
                && !target.is_empty()
            {
                inside = Some(i);
            }
        }
        best.map(|(_, i)| i).or(inside)
    }
}

/// The identity of the member of a mapped membership record, when it has a kind.
fn member_key_of(member: &Value) -> Option<u64> {
    let text = |k: &str| member.get(k).and_then(Value::as_str);
    let id = member.get("geonames_id").and_then(|v| match v {
        Value::String(s) => super::super::book::written_id(s),
        other => super::super::book::written_id(&other.to_string()),
    });
    Some(member_key(
        text("kind")?,
        text("name"),
        text("city"),
        text("country"),
        id,
    ))
}

impl Mapping {
    /// Maps rows to records and validates them together; each row's problems are placed at its
    /// cells.
    /// Maps and validates rows together, as one list.
    pub(super) fn check_group(&self, rows: Vec<RawRow>, ids: &mut RowIds) -> Vec<CheckedRow> {
        if rows.is_empty() {
            return Vec::new();
        }
        let kind = self.plan.kind;
        let records: Vec<CsvRecord> = rows.into_iter().map(|row| self.map(row)).collect();
        let values: Vec<&Value> = records.iter().map(|r| &r.value).collect();
        let verdicts = validate_batch(&values, kind, &self.catalogues);
        records
            .iter()
            .zip(verdicts)
            .map(|(row, verdict)| {
                let mut problems = row.problems.clone();
                problems.extend(self.place_problems(row, verdict));
                let field = match kind {
                    DocumentKind::Membership => "organization_id",
                    _ => "id",
                };
                let id = match row.value.get(field).and_then(Value::as_str) {
                    Some(id) if crate::NetworkId::matches_pattern(id) => {
                        let i = self.cell_of(&[field.to_owned()], &row.filled);
                        let place = i
                            .and_then(|i| row.places.get(i))
                            .or(row.places.first())
                            .copied()
                            .unwrap_or(Place {
                                line: row.line,
                                column: 1,
                            });
                        let key = match kind {
                            DocumentKind::Membership => Use::Membership {
                                network: id,
                                member: member_key_of(&row.value["member"]),
                            },
                            _ => Use::Network(id),
                        };
                        Some(ids.push(key, place))
                    }
                    _ => None,
                };
                CheckedRow {
                    number: row.number,
                    problems,
                    id,
                    record: true,
                }
            })
            .collect()
    }
}
