//! The mapping of columns to fields, and of rows to records checked against the schema.

use std::collections::HashMap;
use std::io::{self, Read};

use serde_json::{Map, Number, Value};

use super::super::checks::{NetworkFacts, membership_is_quiet, network_is_quiet};
use super::super::compiled::{Compiled, ty};
use super::super::engine::{IdMap, first_use, id_hash};
use super::super::view::{MembershipView, NetworkView};
use super::super::{
    Code, Format, MAX_DEPTH, Options, Problem, Report, Severity, suggest, validate_bytes,
    validate_value,
};
use super::CsvOptions;
use super::cell;
use super::chunks::check_table;
use super::place;
use super::problems::{
    Collector, decode_problems, missing_fields, pointer, problem, table_error, tokens,
};
use super::row::RowShape;
use super::split::RowCells;
use super::table::{BAD_DELIMITER, Place, Table, cells_in, usable_delimiter};
use crate::DocumentKind;

/// How a column's cells become a field's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    /// A string, or a number or boolean where the schema wants one.
    Scalar,
    /// A list of scalars, `|`-separated (or a JSON list).
    List,
    /// A JSON value (a list of objects, or a whole nested object).
    Json,
}

/// One column of the mapping.
#[derive(Debug, Clone)]
pub(super) struct Column {
    /// The header: field names joined by dots.
    pub(super) name: String,
    /// The field names from the record's root.
    pub(super) keys: Vec<String>,
    pub(super) shape: Shape,
    /// The schema node of the value (for a list: of its items).
    pub(super) node: usize,
    /// Whether the column is written by [`CsvWriter`] (a whole-object JSON column is only
    /// read).
    pub(super) written: bool,
    /// Where the writer puts it.
    pub(super) rank: (u8, u8, usize),
}

/// The columns of a record type, derived from its compiled schema.
pub(super) struct Plan {
    pub(super) kind: DocumentKind,
    pub(super) schema: &'static Compiled,
    pub(super) columns: Vec<Column>,
    pub(super) by_name: HashMap<String, usize>,
}

impl Plan {
    pub(super) fn new(kind: DocumentKind) -> Plan {
        let schema = Compiled::get(kind);
        let mut columns = Vec::new();
        Plan::add(schema, schema.root, &[], None, &mut columns);
        let by_name = columns
            .iter()
            .enumerate()
            .map(|(i, c)| (c.name.clone(), i))
            .collect();
        Plan {
            kind,
            schema,
            columns,
            by_name,
        }
    }

    fn add(
        schema: &Compiled,
        node: usize,
        prefix: &[String],
        top: Option<(u8, usize)>,
        out: &mut Vec<Column>,
    ) {
        let n = &schema.nodes[node];
        for (order, (key, child)) in n.properties.iter().enumerate() {
            let c = &schema.nodes[*child];
            let mut keys = prefix.to_vec();
            keys.push(key.clone());
            let name = keys.join(".");
            let required = u8::from(!n.required.contains(key));
            // Columns of a nested object stay together, where the object's own field would be.
            let (top_required, top_order) = top.unwrap_or((required, order));
            let group = |shape: Shape| match (top.is_some(), shape) {
                (true, _) => 1,
                (false, Shape::Scalar) => 0,
                (false, Shape::List) => 2,
                (false, Shape::Json) => 3,
            };
            if c.types & ty::OBJECT != 0 && !c.properties.is_empty() {
                out.push(Column {
                    name: name.clone(),
                    keys: keys.clone(),
                    shape: Shape::Json,
                    node: *child,
                    written: false,
                    rank: (top_required, 1, top_order),
                });
                Plan::add(schema, *child, &keys, Some((top_required, top_order)), out);
                continue;
            }
            let (shape, value_node) = if c.types & ty::ARRAY != 0 {
                match c.items {
                    Some(items)
                        if schema.nodes[items].types != 0
                            && schema.nodes[items].types & (ty::OBJECT | ty::ARRAY) == 0 =>
                    {
                        (Shape::List, items)
                    }
                    _ => (Shape::Json, *child),
                }
            } else if c.types & ty::OBJECT != 0 {
                (Shape::Json, *child)
            } else {
                (Shape::Scalar, *child)
            };
            let rank = if top.is_some() {
                (top_required, 1, top_order)
            } else {
                (top_required, group(shape), top_order)
            };
            out.push(Column {
                name,
                keys,
                shape,
                node: value_node,
                written: true,
                rank,
            });
        }
    }

    /// The columns the writer writes, in its order: required fields first, then scalars,
    /// nested objects, lists of scalars and JSON cells, each in the schema's order; the fields
    /// of a nested object together, its required ones first.
    pub(super) fn written(&self) -> Vec<&Column> {
        let mut cols: Vec<(usize, &Column)> = self
            .columns
            .iter()
            .enumerate()
            .filter(|(_, c)| c.written)
            .collect();
        cols.sort_by_key(|(i, c)| (c.rank, self.sub_rank(c), *i));
        cols.into_iter().map(|(_, c)| c).collect()
    }

    /// Within a nested object: its required fields first, in the schema's `required` order.
    fn sub_rank(&self, c: &Column) -> usize {
        let Some((last, path)) = c.keys.split_last() else {
            return 0;
        };
        if path.is_empty() {
            return 0;
        }
        let mut node = self.schema.root;
        for k in path {
            match self.schema.nodes[node].property(k) {
                Some(n) => node = n,
                None => return usize::MAX,
            }
        }
        let required = &self.schema.nodes[node].required;
        required
            .iter()
            .position(|r| r == last)
            .unwrap_or(required.len())
    }

    /// Where an unknown column would put its value, and the keyword that rejects it.
    fn unknown_locations(&self, name: &str) -> (String, String) {
        let parts: Vec<&str> = name.split('.').collect();
        let mut node = self.schema.root;
        let mut depth = 0;
        for p in &parts[..parts.len().saturating_sub(1)] {
            match self.schema.nodes[node].property(p) {
                Some(n) if !self.schema.nodes[n].properties.is_empty() => {
                    node = n;
                    depth += 1;
                }
                _ => break,
            }
        }
        let instance = pointer(&parts[..(depth + 1).min(parts.len())]);
        let keyword = format!("{}/additionalProperties", self.schema.nodes[node].path);
        (instance, keyword)
    }

    /// The names of the columns a person would write (for messages and suggestions).
    fn names(&self) -> Vec<&str> {
        self.written().iter().map(|c| c.name.as_str()).collect()
    }
}

/// A scalar cell converted to the type the schema wants; kept as a string when it cannot be
/// (the schema then says what is wrong).
fn scalar(schema: &Compiled, node: usize, text: &str) -> Value {
    match Scalar::of(schema, node, text) {
        Scalar::Str(s) => Value::String(s.to_owned()),
        Scalar::I64(i) => Value::Number(i.into()),
        Scalar::U64(u) => Value::Number(u.into()),
        Scalar::F64(n) => Value::Number(n),
        Scalar::Bool(b) => Value::Bool(b),
    }
}

/// The JSON value of a scalar cell, as [`scalar`] makes it; the fast path reads it without
/// building a [`Value`].
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Scalar<'a> {
    Str(&'a str),
    I64(i64),
    U64(u64),
    /// A finite number.
    F64(Number),
    Bool(bool),
}

impl<'a> Scalar<'a> {
    /// Converts a cell to the type the schema wants at `node`, or keeps it as a string.
    pub(crate) fn of(schema: &Compiled, node: usize, text: &'a str) -> Scalar<'a> {
        Scalar::of_types(schema.nodes[node].types, text)
    }

    /// Converts a cell to one of `types` (the [`ty`] flags of a schema node), or keeps it as a
    /// string.
    pub(crate) fn of_types(types: u8, text: &'a str) -> Scalar<'a> {
        if types == 0 || types & ty::STRING != 0 {
            return Scalar::Str(text);
        }
        let t = text.trim();
        if types & (ty::INTEGER | ty::NUMBER) != 0 {
            if let Ok(i) = t.parse::<i64>() {
                return Scalar::I64(i);
            }
            if let Ok(u) = t.parse::<u64>() {
                return Scalar::U64(u);
            }
            if let Some(n) = t.parse::<f64>().ok().and_then(Number::from_f64) {
                return Scalar::F64(n);
            }
        }
        if types & ty::BOOLEAN != 0 {
            if t.eq_ignore_ascii_case("true") {
                return Scalar::Bool(true);
            }
            if t.eq_ignore_ascii_case("false") {
                return Scalar::Bool(false);
            }
        }
        Scalar::Str(text)
    }
}

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
enum HeaderColumn {
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
    /// `value` is not among them: [`validate_csv_reader`] adds it.
    pub problems: Vec<Problem>,
    /// The places of the row's cells.
    places: Vec<Place>,
    /// Which of the row's cells are filled.
    filled: Vec<bool>,
    /// The row's text as it is in the file, and the line it starts on.
    raw: Vec<u8>,
    raw_line: u64,
}

/// A CSV table of network or membership records, read one row at a time.
///
/// ```
/// use citynets::{DocumentKind, Network};
/// use citynets::validate::csv::{CsvOptions, CsvReader};
///
/// let table = "id,name,policy_areas\neurocities,Eurocities,culture|mobility\n";
/// let mut reader = CsvReader::new(table.as_bytes(), DocumentKind::Network, &CsvOptions::default()).unwrap();
/// let row = reader.next_record().unwrap().unwrap();
/// let network: Network = serde_json::from_value(row.value).unwrap();
/// assert_eq!(network.policy_areas.unwrap().len(), 2);
/// assert!(reader.next_record().unwrap().is_none());
/// ```
pub struct CsvReader<R: Read> {
    table: Table<R>,
    mapping: Mapping,
    /// Problems of the header line (decoding), handed out with the first row.
    pending: Vec<Problem>,
}

/// How the cells of a table's rows become records: the table's header matched to the columns
/// of the record type. It holds no row, so that worker threads can share it.
pub(crate) struct Mapping {
    plan: Plan,
    /// The header's cells.
    names: Vec<String>,
    /// What each header cell names.
    header: Vec<HeaderColumn>,
    /// How rows read straight into the types, when the header allows it.
    fast: Option<RowShape>,
    /// The cell of the `id` column.
    id_cell: Option<usize>,
    /// The table's delimiter.
    pub(crate) delimiter: u8,
}

/// A row as read from the table, before it is mapped to a record.
pub(crate) struct RawRow {
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
pub(crate) struct CheckedRow {
    pub number: u64,
    /// Every problem of the row but a repeated id, which only the whole table can tell.
    pub problems: Vec<Problem>,
    /// The row's network id, when it has the id pattern.
    pub id: Option<RowId>,
    /// Whether this is a record (not a blank row, or the end of the table).
    pub record: bool,
}

/// A row to check, or one whose verdict is known already.
pub(crate) enum Slot {
    Row(RawRow),
    Done(CheckedRow),
}

/// A row's network id, for the repeated-id check across the table: its hash, the place of its
/// cell, and where its text is in the [`RowIds`] of the row's chunk.
#[derive(Debug)]
pub(crate) struct RowId {
    pub hash: u64,
    pub place: Place,
    text: std::ops::Range<usize>,
}

/// The network ids of a chunk's rows, their text kept in one string: one allocation a chunk,
/// rather than one a row made on a worker and freed by the thread that reports. JSON chunks
/// keep theirs the same way ([`IdUses`](super::engine::IdUses)).
#[derive(Debug, Default)]
pub(crate) struct RowIds(String);

impl RowIds {
    /// Keeps `id`, found at `place`.
    pub(crate) fn push(&mut self, id: &str, place: Place) -> RowId {
        let start = self.0.len();
        self.0.push_str(id);
        RowId {
            hash: id_hash(id),
            place,
            text: start..self.0.len(),
        }
    }

    /// The text of an id kept here.
    pub(crate) fn text(&self, id: &RowId) -> &str {
        self.0.get(id.text.clone()).unwrap_or_default()
    }
}

impl CheckedRow {
    /// Problems that belong to no record (a blank row's, the end's), reported in their place.
    pub(crate) fn loose(problems: Vec<Problem>) -> CheckedRow {
        CheckedRow {
            number: 0,
            problems,
            id: None,
            record: false,
        }
    }
}

impl<R: Read> CsvReader<R> {
    /// Opens a table of records of `document` (network or membership) and reads its header.
    /// An `Err` means the input could not be read, or that `document` is a catalogue, which a
    /// table cannot hold.
    pub fn new(input: R, document: DocumentKind, options: &CsvOptions) -> io::Result<Self> {
        if document == DocumentKind::Catalogue {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                "a CSV table holds network or membership records, one per row, not a catalogue document",
            ));
        }
        if let Some(d) = options.delimiter
            && !usable_delimiter(d)
        {
            return Err(io::Error::new(io::ErrorKind::InvalidInput, BAD_DELIMITER));
        }
        let mut table = Table::new(input, options.delimiter)?;
        let plan = Plan::new(document);
        let header = table
            .header
            .iter()
            .map(|h| match plan.by_name.get(h) {
                Some(i) => HeaderColumn::Known(*i),
                None => HeaderColumn::Unknown,
            })
            .collect();
        let pending = decode_problems(&std::mem::take(&mut table.events), None);
        let mapping = Mapping::new(plan, table.header.clone(), header, table.delimiter);
        Ok(CsvReader {
            table,
            mapping,
            pending,
        })
    }

    /// The header's cells.
    pub fn header(&self) -> &[String] {
        &self.table.header
    }

    /// The delimiter in use.
    pub fn delimiter(&self) -> u8 {
        self.table.delimiter
    }

    /// Problems of the header line (decoding notices), once.
    pub fn take_header_problems(&mut self) -> Vec<Problem> {
        std::mem::take(&mut self.pending)
    }

    /// Reads and maps the next row that is not blank; `None` at the end.
    pub fn next_record(&mut self) -> io::Result<Option<CsvRecord>> {
        Ok(self.next_raw()?.map(|row| self.mapping.map(row)))
    }

    /// Reads the next row that is not blank, unmapped; `None` at the end.
    fn next_raw(&mut self) -> io::Result<Option<RawRow>> {
        RawRow::read(&mut self.table, &mut self.pending)
    }
}

impl RawRow {
    /// Reads the next row of `table` that is not blank; `None` at the end. Decoding problems
    /// outside the rows returned (the header's, a blank row's, the end's) go to `pending`.
    fn read<R: Read>(table: &mut Table<R>, pending: &mut Vec<Problem>) -> io::Result<Option<Self>> {
        loop {
            if !table.next_row()? {
                let events = std::mem::take(&mut table.events);
                pending.extend(decode_problems(&events, None));
                return Ok(None);
            }
            let number = table.number;
            let mut problems = decode_problems(&std::mem::take(&mut table.events), Some(number));
            if table.row_is_blank() {
                // The decoding problems of a blank row are still reported.
                if !problems.is_empty() {
                    pending.append(&mut problems);
                }
                continue;
            }
            return Ok(Some(RawRow {
                number,
                line: table.row_place().line,
                cells: table.record.clone(),
                places: std::mem::take(&mut table.places),
                problems,
                raw: std::mem::take(&mut table.raw),
                raw_line: table.raw_line,
            }));
        }
    }
}

impl Mapping {
    fn new(plan: Plan, names: Vec<String>, header: Vec<HeaderColumn>, delimiter: u8) -> Mapping {
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
        let id_cell = columns
            .iter()
            .position(|c| c.is_some_and(|(keys, ..)| keys == ["id"]));
        Mapping {
            plan,
            names,
            header,
            fast,
            id_cell,
            delimiter,
        }
    }

    /// The verdict on a row the types accept and that raises no warning; `None` when the row
    /// must be mapped and validated.
    ///
    /// The row has no decoding problem; `locate(n)` gives the place of its cell `n` (from 0):
    /// only the id's place is needed.
    pub(crate) fn check_fast(
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
                Some(ids.push(n.id(), place))
            }
            DocumentKind::Membership => {
                let m: MembershipView = shape.read(cells)?;
                if !membership_is_quiet(&m) {
                    return None;
                }
                None
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
    fn map(&self, mut row: RawRow) -> CsvRecord {
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
                problems.push(problem(
                    Code::Syntax,
                    Severity::Error,
                    Some(number),
                    place,
                    None,
                    String::new(),
                    String::new(),
                    format!(
                        "cell {} of this row has no column: the header names {} column{}",
                        i + 1,
                        self.names.len(),
                        if self.names.len() == 1 { "" } else { "s" }
                    ),
                    None,
                ));
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
                    problems.push(problem(
                        Code::UnknownField,
                        Severity::Error,
                        Some(number),
                        place,
                        Some(name),
                        instance,
                        keyword,
                        format!(
                            "{shown}: a {} record has no such field; the columns allowed are: {}",
                            self.plan.kind,
                            names.join(", ")
                        ),
                        suggest::field(name, &names),
                    ));
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
                                problems.push(problem(
                                    Code::DuplicateKey,
                                    Severity::Warning,
                                    Some(number),
                                    inside.unwrap_or(place),
                                    Some(name),
                                    pointer(&tokens),
                                    String::new(),
                                    cell::message(r.path.last().map_or("", String::as_str)),
                                    None,
                                ));
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
                            problems.push(problem(
                            Code::Syntax,
                            Severity::Error,
                            Some(number),
                            place,
                            Some(name),
                            pointer(&column.keys),
                            String::new(),
                            format!("the cell is not valid JSON ({e}); the column {name:?} holds {what}"),
                            None,
                        ));
                            continue;
                        }
                    }
                }
            };
            if insert(&mut record, &column.keys, value) {
                problems.push(problem(
                    Code::DuplicateKey,
                    Severity::Warning,
                    Some(number),
                    place,
                    Some(name),
                    pointer(&column.keys),
                    String::new(),
                    format!(
                        "the field {:?} is also given by an earlier cell of this row; this cell's value is the one validated",
                        column.name
                    ),
                    None,
                ));
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
            let at = tokens(&p.instance_location);
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
                        p.error.push_str(&format!(
                            " (the table has no {:?} column)",
                            target.join(".")
                        ));
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

/// The engine's verdict on each of `values` (records of `kind`), validated together as one
/// JSON list, so that the cost of starting the engine is paid once for many records. The
/// problems carry no place; checks across records (duplicate ids) are left to the caller.
pub(crate) fn validate_batch(values: &[&Value], kind: DocumentKind) -> Vec<Vec<Problem>> {
    let mut out: Vec<Vec<Problem>> = vec![Vec::new(); values.len()];
    let mut bytes = vec![b'['];
    // The position in the list → the index in `values`.
    let mut index: Vec<usize> = Vec::with_capacity(values.len());
    for (i, v) in values.iter().enumerate() {
        // A record that nests too deep would stop the reading of the list: alone, it gets
        // its own `too_deep` problem.
        if nests_deeper_than(v, MAX_DEPTH.saturating_sub(2)) {
            out[i] = validate_value(v, Some(kind)).problems;
            continue;
        }
        if !index.is_empty() {
            bytes.push(b',');
        }
        if serde_json::to_writer(&mut bytes, v).is_err() {
            out[i] = validate_value(v, Some(kind)).problems;
            continue;
        }
        index.push(i);
    }
    bytes.push(b']');
    if index.is_empty() {
        return out;
    }
    let options = Options {
        document: Some(kind),
        format: Some(Format::Json),
        max_problems: usize::MAX,
        // A batch is small: threads would cost more than they save.
        threads: 1,
        ..Options::default()
    };
    for mut p in validate_bytes(&bytes, &options).problems {
        if p.code == Code::DuplicateId {
            continue;
        }
        let Some(&i) = p
            .record
            .and_then(|r| usize::try_from(r).ok())
            .and_then(|r| index.get(r))
        else {
            continue;
        };
        p.record = None;
        p.line = None;
        p.column = None;
        out[i].push(p);
    }
    out
}

/// Whether a value nests containers deeper than `limit` (checked without recursion).
fn nests_deeper_than(value: &Value, limit: usize) -> bool {
    let mut stack = vec![(value, 1usize)];
    while let Some((v, depth)) = stack.pop() {
        let children: Vec<&Value> = match v {
            Value::Array(a) => a.iter().collect(),
            Value::Object(o) => o.values().collect(),
            _ => continue,
        };
        if depth > limit {
            return true;
        }
        stack.extend(children.into_iter().map(|c| (c, depth + 1)));
    }
    false
}

impl Mapping {
    /// Maps rows to records and validates them together; each row's problems are placed at its
    /// cells.
    pub(crate) fn check(&self, rows: Vec<Slot>, ids: &mut RowIds) -> Vec<CheckedRow> {
        let kind = self.plan.kind;
        // The rows not done yet are validated together, and their verdicts put back in place.
        let mut out: Vec<Option<CheckedRow>> = Vec::with_capacity(rows.len());
        let mut records: Vec<CsvRecord> = Vec::new();
        for slot in rows {
            match slot {
                Slot::Done(done) => out.push(Some(done)),
                Slot::Row(row) => {
                    out.push(None);
                    records.push(self.map(row));
                }
            }
        }
        let values: Vec<&Value> = records.iter().map(|r| &r.value).collect();
        let verdicts = validate_batch(&values, kind);
        let mut slow = records.iter().zip(verdicts).map(|(row, verdict)| {
            let mut problems = row.problems.clone();
            problems.extend(self.place_problems(row, verdict));
            let id = match row.value.get("id").and_then(Value::as_str) {
                Some(id)
                    if kind == DocumentKind::Network && crate::NetworkId::matches_pattern(id) =>
                {
                    let i = self.cell_of(&["id".to_owned()], &row.filled);
                    let place = i
                        .and_then(|i| row.places.get(i))
                        .or(row.places.first())
                        .copied()
                        .unwrap_or(Place {
                            line: row.line,
                            column: 1,
                        });
                    Some(ids.push(id, place))
                }
                _ => None,
            };
            CheckedRow {
                number: row.number,
                problems,
                id,
                record: true,
            }
        });
        out.into_iter()
            .filter_map(|done| done.or_else(|| slow.next()))
            .collect()
    }
}

/// Reports checked rows in order, with the repeated-id warnings that need the whole table.
/// `before` rows come before these, whose numbers count from 1. Ids are remembered by their
/// hash, the first [`ID_CAP`](super::engine::ID_CAP) distinct ones, as for JSON input.
fn report_rows(
    rows: Vec<CheckedRow>,
    text: &RowIds,
    before: u64,
    ids: &mut IdMap,
    out: &mut Collector,
) {
    for mut row in rows {
        row.number += before;
        let mut problems = row.problems;
        for p in &mut problems {
            if let Some(r) = p.record.as_mut() {
                *r += before;
            }
        }
        if let Some(id) = row.id
            && let Some(first) = first_use(ids, id.hash, row.number)
        {
            problems.push(problem(
                Code::DuplicateId,
                Severity::Warning,
                Some(row.number),
                id.place,
                Some("id"),
                "/id".into(),
                String::new(),
                format!(
                    "the network id {:?} is already used by record {first}",
                    text.text(&id)
                ),
                None,
            ));
        }
        problems.sort_by_key(|p| (p.line, p.column));
        for p in problems {
            out.push(p);
        }
        if row.record {
            out.report.records += 1;
        }
    }
}

/// Validates a CSV table held in memory. See [`validate_csv_reader`].
pub fn validate_csv_bytes(input: &[u8], options: &Options, csv: &CsvOptions) -> Report {
    // Reading from memory cannot fail.
    validate_csv_reader(input, options, csv).unwrap_or_default()
}

/// Validates a CSV table of records of `options.document` (network by default, or membership)
/// read as a stream; memory does not grow with the number of rows. `options.format` is not
/// used. An `Err` means the input could not be read (not that it is invalid).
pub fn validate_csv_reader<R: Read>(
    input: R,
    options: &Options,
    csv: &CsvOptions,
) -> io::Result<Report> {
    let kind = options.document.unwrap_or(DocumentKind::Network);
    let mut out = Collector::new(options);
    let start = Place { line: 1, column: 1 };
    if kind == DocumentKind::Catalogue {
        out.push(table_error(start, "a CSV table holds network or membership records, one per row, not a catalogue document".into()));
        return Ok(out.report);
    }
    if let Some(d) = csv.delimiter
        && !usable_delimiter(d)
    {
        out.push(table_error(
            start,
            format!("{BAD_DELIMITER} (got byte 0x{d:02X})"),
        ));
        return Ok(out.report);
    }
    let mut reader = CsvReader::new(input, kind, csv)?;
    for p in reader.take_header_problems() {
        out.push(p);
    }
    if reader.header().is_empty() {
        out.push(table_error(start, "the input is empty: expected a header line naming the columns, then one record per row".into()));
        return Ok(out.report);
    }
    let threads = match options.threads {
        0 => std::thread::available_parallelism().map_or(1, |n| n.get().min(4)),
        n => n,
    };
    if !options.fast_path {
        reader.mapping.fast = None;
    }
    let CsvReader { table, mapping, .. } = reader;
    let header_place = table.header_places.first().copied().unwrap_or(start);
    let (decoded, carry, offset, line) = table.into_rest();
    let mut ids = IdMap::default();
    check_table(
        decoded,
        carry,
        offset,
        line,
        &mapping,
        threads,
        |checked, before| report_rows(checked.rows, &checked.ids, before, &mut ids, &mut out),
    )?;
    if out.report.records == 0 {
        out.push(table_error(
            header_place,
            "the table has a header but no rows: expected one record per row under it".into(),
        ));
    }
    Ok(out.report)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::super::writer::CsvWriter;
    use super::*;

    /// The fast path's verdict on `row`, its raw text split as the chunked reader splits it.
    fn fast_verdict(mapping: &Mapping, row: &RawRow) -> Option<CheckedRow> {
        let text = std::str::from_utf8(&row.raw).unwrap();
        let mut splitter = super::super::split::Splitter::new(text, mapping.delimiter);
        splitter.next_record().unwrap();
        mapping.check_fast(
            row.number,
            splitter.row(),
            |n| row.places[n],
            &mut RowIds::default(),
        )
    }

    #[test]
    fn clean_rows_take_the_fast_path_and_others_do_not() {
        let mut w = CsvWriter::new(Vec::new(), DocumentKind::Network, b',').unwrap();
        for n in crate::ghent() {
            w.write(n).unwrap();
        }
        let text = w.into_inner().unwrap();
        let mut reader =
            CsvReader::new(&text[..], DocumentKind::Network, &CsvOptions::default()).unwrap();
        assert!(reader.mapping.fast.is_some());
        let mut clean = 0;
        while let Some(row) = reader.next_raw().unwrap() {
            let done = fast_verdict(&reader.mapping, &row);
            let done = done.unwrap_or_else(|| panic!("row {} is clean", row.number));
            assert!(done.problems.is_empty() && done.id.is_some());
            clean += 1;
        }
        assert_eq!(clean, crate::ghent().len());

        // A wrong value, a filled unknown column, a cell past the header: the slow path.
        let table =
            "id,name,kind,extra\nx-net,X,pledg,\nx-net,X,,1\nx-net,X,,,2\nx-net,X,pledge,\n";
        let mut reader = CsvReader::new(
            table.as_bytes(),
            DocumentKind::Network,
            &CsvOptions::default(),
        )
        .unwrap();
        let mut verdicts = Vec::new();
        while let Some(row) = reader.next_raw().unwrap() {
            verdicts.push(fast_verdict(&reader.mapping, &row).is_some());
        }
        assert_eq!(verdicts, [false, false, false, true]);

        // Quotes inside a scalar cell, a `|` list cell and the strings of a JSON cell: the
        // fast path reads each quoted cell as it is in the text, and gets the record the
        // mapping builds.
        let mut w = CsvWriter::new(Vec::new(), DocumentKind::Network, b',').unwrap();
        let first = crate::ghent().iter().next().unwrap();
        let mut record = serde_json::to_value(first).unwrap();
        record["name"] = serde_json::json!("The \"quoted\" network");
        record["secretariat"] = serde_json::json!({"city": "Ghent", "country": "BE",
            "other_offices": ["Office \"A\"", "Liège"]});
        record["memberships"][0]["note"] =
            serde_json::json!("Joined \"early\", by a vote; a \\ too");
        w.write_value(&record).unwrap();
        let text = w.into_inner().unwrap();
        assert!(
            text.windows(6).any(|w| w == b"\\\"\"ear"),
            "a JSON-escaped quote"
        );
        let mut reader =
            CsvReader::new(&text[..], DocumentKind::Network, &CsvOptions::default()).unwrap();
        let row = reader.next_raw().unwrap().unwrap();
        assert!(fast_verdict(&reader.mapping, &row).is_some());
        let raw = std::str::from_utf8(&row.raw).unwrap();
        let mut splitter = super::super::split::Splitter::new(raw, b',');
        splitter.next_record().unwrap();
        let shape = reader.mapping.fast.as_ref().unwrap();
        let fast: crate::Network = shape.read(splitter.row()).unwrap();
        let mapped = reader.mapping.map(row).value;
        assert_eq!(serde_json::to_value(&fast).unwrap(), mapped);
        assert_eq!(fast.name.as_str(), "The \"quoted\" network");

        // A column named twice, or a whole-object column beside its dotted columns: never.
        for header in ["id,name,id", "id,name,parent,parent.relation"] {
            let reader = CsvReader::new(
                header.as_bytes(),
                DocumentKind::Network,
                &CsvOptions::default(),
            )
            .unwrap();
            assert!(reader.mapping.fast.is_none(), "{header}");
        }
    }

    /// Columns far to the right: the catalogue's records, moved 70 columns to the right by
    /// empty unknown columns, take the fast path as they do in place, and give the record the
    /// mapping builds.
    #[test]
    fn records_far_to_the_right_are_read_as_in_place() {
        let mut w = CsvWriter::new(Vec::new(), DocumentKind::Network, b',').unwrap();
        for n in crate::ghent().iter() {
            w.write_value(&serde_json::to_value(n).unwrap()).unwrap();
        }
        let text = w.into_inner().unwrap();
        let mut wide = ::csv::Writer::from_writer(Vec::new());
        for (i, record) in ::csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(&text[..])
            .records()
            .enumerate()
        {
            let record = record.unwrap();
            let header = i == 0;
            let blank = (0..70).map(|i| {
                if header {
                    format!("x{i}")
                } else {
                    String::new()
                }
            });
            wide.write_record(blank.chain(record.iter().map(String::from)))
                .unwrap();
        }
        let wide = wide.into_inner().unwrap();
        let rows = |table: &[u8]| {
            let mut reader =
                CsvReader::new(table, DocumentKind::Network, &CsvOptions::default()).unwrap();
            let mut out = Vec::new();
            while let Some(row) = reader.next_raw().unwrap() {
                let fast = fast_verdict(&reader.mapping, &row).is_some();
                let raw = std::str::from_utf8(&row.raw).unwrap().to_owned();
                let read = fast.then(|| {
                    let mut splitter = super::super::split::Splitter::new(&raw, b',');
                    splitter.next_record().unwrap();
                    let shape = reader.mapping.fast.as_ref().unwrap();
                    let n: crate::Network = shape.read(splitter.row()).unwrap();
                    serde_json::to_value(&n).unwrap()
                });
                let mapped = reader.mapping.map(row).value;
                out.push((fast, read, mapped));
            }
            out
        };
        let (narrow, wide) = (rows(&text), rows(&wide));
        assert_eq!(narrow.len(), crate::ghent().len());
        let mut nested = 0;
        for ((fast, _, mapped), (wide_fast, read, wide_mapped)) in narrow.iter().zip(&wide) {
            assert_eq!((fast, mapped), (wide_fast, wide_mapped));
            if let Some(read) = read {
                assert_eq!(read, wide_mapped);
                nested += usize::from(
                    ["secretariat", "parent", "classification"]
                        .iter()
                        .any(|k| read.get(k).is_some()),
                );
            }
        }
        // Most records take the fast path, many of them with nested objects.
        assert!(nested > 10, "{nested}");
    }

    #[test]
    fn the_plan_follows_the_schema() {
        let plan = Plan::new(DocumentKind::Network);
        let shape = |name: &str| plan.columns[plan.by_name[name]].shape;
        assert_eq!(shape("id"), Shape::Scalar);
        assert_eq!(shape("policy_areas"), Shape::List);
        assert_eq!(shape("parent.relation"), Shape::Scalar);
        assert_eq!(shape("parent"), Shape::Json);
        assert_eq!(shape("memberships"), Shape::Json);
        assert_eq!(shape("member_counts"), Shape::Json);
        assert_eq!(shape("classification.sources"), Shape::List);
        let names = plan.names();
        assert_eq!(&names[..3], ["id", "name", "acronym"]);
        assert!(!names.contains(&"parent"));
        let plan = Plan::new(DocumentKind::Membership);
        assert_eq!(
            &plan.names()[..5],
            [
                "organization_id",
                "member.kind",
                "member.city",
                "member.country",
                "member.name"
            ]
        );
    }

    #[test]
    fn cells_take_the_type_the_schema_wants() {
        let schema = Compiled::get(DocumentKind::Network);
        let root = &schema.nodes[schema.root];
        let counts = root.property("member_counts").unwrap();
        let count = schema.nodes[schema.nodes[counts].items.unwrap()]
            .property("count")
            .unwrap();
        assert_eq!(scalar(schema, count, " 42 "), Value::from(42));
        assert_eq!(scalar(schema, count, "many"), Value::from("many"));
        let id = root.property("id").unwrap();
        assert_eq!(scalar(schema, id, "42"), Value::from("42"));
    }
}
