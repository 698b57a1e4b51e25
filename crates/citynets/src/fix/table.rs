//! `fix` for tables: the header read once ([`read_header`]), then each row fixed cell by cell
//! and written out at once, so that memory holds one row whatever the length of the table.
//!
//! The table is written as it was read: the same delimiter and line ends, every row (blank
//! ones too) and every cell, those of unknown columns untouched. The text is written as UTF-8,
//! with a byte-order mark when the input had one or was in another encoding (Excel reads a
//! UTF-8 file without one as Windows-1252 and garbles its accents). Whether to write the mark
//! is decided at the first byte that is not ASCII; until then at most [`HOLD`] bytes are held.

use std::cell::Cell;
use std::io::{self, Read, Write};
use std::rc::Rc;

use super::change::{Change, Rule};
use super::columns::{Columns, Target, guess_kind, read_header};
use super::options::FixOptions;
use super::value::{ValueRules, Verdict};
use crate::DocumentKind;
use crate::validate::csv::plan::{Plan, Shape};
use crate::validate::csv::table::Table;

/// The most output held back while deciding whether to write a byte-order mark.
pub const HOLD: usize = 1 << 20;

/// Fixes the table read from `input`, writing it to `out` and each change to `log`.
pub(crate) fn fix_table<R: Read, W: Write>(
    input: R,
    out: W,
    options: &FixOptions,
    ready: &mut dyn FnMut(DocumentKind, Option<u8>),
    log: &mut dyn FnMut(&Change) -> io::Result<()>,
) -> io::Result<(DocumentKind, u64)> {
    fix_text(input, out, options, false, ready, log)
}

/// Fixes the sheet of a workbook read from `input`, written as CSV (UTF-8 with a byte-order
/// mark, for Excel): the sheet's text as the workbook reader gives it, fixed as a table.
#[cfg(feature = "workbook")]
pub(crate) fn fix_workbook<R: Read, W: Write>(
    input: R,
    out: W,
    options: &FixOptions,
    ready: &mut dyn FnMut(DocumentKind, Option<u8>),
    log: &mut dyn FnMut(&Change) -> io::Result<()>,
) -> io::Result<(DocumentKind, u64)> {
    use crate::validate::workbook::{open_sheet, read_stream};
    let bytes = read_stream(input)?;
    let mut sheet = open_sheet(
        std::io::Cursor::new(bytes),
        options.validate.sheet.as_deref(),
    )?;
    let (fixed, walked) = sheet.with_text(|text| fix_text(text, out, options, true, ready, log));
    let fixed = fixed?;
    walked?;
    Ok(fixed)
}

/// Fixes a table's text; `mark` writes a byte-order mark whatever the input's encoding.
fn fix_text<R: Read, W: Write>(
    input: R,
    out: W,
    options: &FixOptions,
    mark: bool,
    ready: &mut dyn FnMut(DocumentKind, Option<u8>),
    log: &mut dyn FnMut(&Change) -> io::Result<()>,
) -> io::Result<(DocumentKind, u64)> {
    let mut table = Table::new(input, options.delimiter)?;
    let kind = match options.validate.document {
        Some(DocumentKind::Catalogue) => {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                "a table holds network or membership records, one per row, not a catalogue document",
            ));
        }
        Some(kind) => kind,
        None => guess_kind(&table.header),
    };
    let plan = Plan::new(kind);
    let header_line = table.header_places.first().map_or(1, |p| p.line);
    let columns = read_header(&plan, &table.header, header_line, &options.source_fields);
    // The delimiter of the output is found again from its header, as the input's was: a
    // header of one column shows none, so the output then takes the comma a reader assumes.
    #[cfg(feature = "gazetteer")]
    let city = super::city::TableColumns::new(&columns.header, options.city_names)
        .filter(|_| kind == DocumentKind::Membership);
    #[cfg(feature = "gazetteer")]
    let added: Vec<&str> = city.iter().flat_map(|c| c.added.iter().copied()).collect();
    #[cfg(not(feature = "gazetteer"))]
    let added: Vec<&str> = Vec::new();
    let written = columns.header.len() + usize::from(columns.id_from.is_some()) + added.len();
    let delimiter = match options.delimiter {
        None if written < 2 => b',',
        _ => table.delimiter,
    };
    ready(kind, Some(delimiter));
    for c in &columns.changes {
        log(c)?;
    }
    let crlf = table.crlf;
    let (encoding, bom) = table.encoding();
    let other = Rc::new(Cell::new(encoding != "UTF-8"));
    let mut marked = Marked::new(out, bom || mark, Rc::clone(&other));
    if !table.header.is_empty() {
        let mut header = columns.header.clone();
        header.extend(added.iter().map(|a| (*a).to_owned()));
        if columns.id_from.is_some() {
            header.insert(0, "id".into());
        }
        write_header(&mut marked, &header, delimiter, crlf)?;
    }
    let mut w = ::csv::WriterBuilder::new()
        .delimiter(delimiter)
        .terminator(if crlf {
            ::csv::Terminator::CRLF
        } else {
            ::csv::Terminator::Any(b'\n')
        })
        .flexible(true)
        .from_writer(marked);
    let rules = ValueRules {
        schema: plan.schema,
        catalogues: &options.validate.catalogues,
        date_order: options.date_order,
    };
    let row = Row {
        plan: &plan,
        columns: &columns,
        rules: &rules,
    };
    let mut rows = 0;
    let mut cells = Vec::new();
    while table.next_row()? {
        rows += 1;
        cells.clear();
        cells.extend(table.record.iter().map(str::to_owned));
        if !table.row_is_blank() {
            let line = |i: usize| table.place(i).line;
            row.fix(table.number, &mut cells, &line, log)?;
            #[cfg(feature = "gazetteer")]
            if let Some(city) = &city {
                let record = table.number;
                let row_line = line(0);
                city.apply(&mut cells, &mut |i, before, c| {
                    log(&Change {
                        record,
                        line: Some(row_line),
                        column: columns.input.get(i).cloned(),
                        field: format!("member.{}", c.field.key()),
                        before,
                        after: c.after.clone().unwrap_or_default(),
                        rule: c.rule,
                        note: Some(c.note.clone()),
                    })
                })?;
            }
        } else if columns.id_from.is_some() {
            cells.insert(0, String::new());
        }
        other.set(table.encoding().0 != "UTF-8");
        write(&mut w, &cells)?;
    }
    other.set(table.encoding().0 != "UTF-8");
    w.into_inner().map_err(|e| e.into_error())?.finish()?;
    Ok((kind, rows))
}

/// Writes the header line, quoting a cell that holds a quote, a line break or any character a
/// reader could take for the delimiter (`,`, `;`, tab), so that the delimiter is found again
/// the same way in the output: fixing it again then reads the same cells.
fn write_header<W: Write>(
    out: &mut W,
    cells: &[String],
    delimiter: u8,
    crlf: bool,
) -> io::Result<()> {
    let mut line = Vec::new();
    for (i, cell) in cells.iter().enumerate() {
        if i > 0 {
            line.push(delimiter);
        }
        let quote = cell.is_empty() && cells.len() == 1
            || cell
                .bytes()
                .any(|b| matches!(b, b'"' | b'\n' | b'\r' | b',' | b';' | b'\t') || b == delimiter);
        if quote {
            line.push(b'"');
            line.extend_from_slice(cell.replace('"', "\"\"").as_bytes());
            line.push(b'"');
        } else {
            line.extend_from_slice(cell.as_bytes());
        }
    }
    line.extend_from_slice(if crlf { b"\r\n" } else { b"\n" });
    out.write_all(&line)
}

fn write<W: Write>(w: &mut ::csv::Writer<W>, cells: &[String]) -> io::Result<()> {
    w.write_record(cells).map_err(|e| match e.into_kind() {
        ::csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    })
}

/// The rules for the rows of one table.
struct Row<'a> {
    plan: &'a Plan,
    columns: &'a Columns,
    rules: &'a ValueRules<'a>,
}

impl Row<'_> {
    /// Fixes one row's cells in place, logging each change.
    fn fix(
        &self,
        record: u64,
        cells: &mut Vec<String>,
        line: &dyn Fn(usize) -> u64,
        log: &mut dyn FnMut(&Change) -> io::Result<()>,
    ) -> io::Result<()> {
        for (i, cell) in cells.iter_mut().enumerate() {
            let Some(target) = self.columns.targets.get(i) else {
                continue;
            };
            let change = |after: String, rule: Rule, note: Option<String>| Change {
                record,
                line: Some(line(i)),
                column: Some(self.columns.input[i].clone()),
                field: self.columns.header[i].clone(),
                before: cell.clone(),
                after,
                rule,
                note,
            };
            let verdicts = self.verdicts(target, cell);
            let mut fixed = None;
            for v in verdicts {
                match v {
                    Verdict::Keep => {}
                    Verdict::Change(after, rule) => {
                        log(&change(after.clone(), rule, None))?;
                        fixed = Some(after);
                    }
                    Verdict::Left(why) => log(&change(String::new(), Rule::Left, Some(why)))?,
                }
            }
            if let Some(after) = fixed {
                *cell = after;
            }
        }
        if let Some(from) = self.columns.id_from {
            let name = cells.get(from).map(|s| s.trim()).unwrap_or_default();
            let id = match (name.is_empty(), self.rules.network_id(name, true)) {
                (true, _) => String::new(),
                (false, Verdict::Change(id, rule)) => {
                    log(&Change {
                        record,
                        line: Some(line(from)),
                        column: None,
                        field: "id".into(),
                        before: String::new(),
                        after: id.clone(),
                        rule,
                        note: Some(format!("from the name \"{name}\"")),
                    })?;
                    id
                }
                (false, Verdict::Left(why)) => {
                    log(&Change {
                        record,
                        line: Some(line(from)),
                        column: None,
                        field: "id".into(),
                        before: String::new(),
                        after: String::new(),
                        rule: Rule::Left,
                        note: Some(why),
                    })?;
                    String::new()
                }
                (false, Verdict::Keep) => name.to_owned(),
            };
            cells.insert(0, id);
        }
        Ok(())
    }

    /// What becomes of one cell: one verdict for the whole cell (its last change is the
    /// value written), or none when it is right.
    fn verdicts(&self, target: &Target, cell: &str) -> Vec<Verdict> {
        match target {
            Target::Unknown => Vec::new(),
            Target::Source { fields } => vec![source(cell, fields)],
            Target::Field { column, optional } => {
                let c = &self.plan.columns[*column];
                match c.shape {
                    Shape::Scalar => vec![self.rules.text(c.node, *optional, cell)],
                    // A JSON cell is read as JSON, spaces and all: left as it is.
                    Shape::Json => Vec::new(),
                    Shape::List => self.list(c.node, cell),
                }
            }
        }
    }

    /// A `|`-separated list: each item by the rules of the list's items; a JSON list only
    /// trimmed.
    fn list(&self, items: usize, cell: &str) -> Vec<Verdict> {
        if cell.trim_start().starts_with('[') {
            return Vec::new();
        }
        let mut out = Vec::new();
        let mut parts = Vec::new();
        let mut rule = None;
        for item in cell.split('|') {
            match self.rules.text(items, true, item) {
                Verdict::Keep => parts.push(item.to_owned()),
                Verdict::Change(v, r) => {
                    rule.get_or_insert(r);
                    if !v.is_empty() {
                        parts.push(v);
                    }
                }
                Verdict::Left(why) => {
                    parts.push(item.to_owned());
                    out.push(Verdict::Left(format!("\"{}\": {why}", item.trim())));
                }
            }
        }
        if let Some(rule) = rule {
            out.insert(0, Verdict::Change(parts.join("|"), rule));
        }
        out
    }
}

/// A source address as one `sources` entry supporting `fields`.
fn source(cell: &str, fields: &[crate::Fact]) -> Verdict {
    let t = cell.trim();
    if t.is_empty() || t.starts_with('[') {
        // Nothing to convert; read as the `sources` column reads it.
        return Verdict::Keep;
    }
    if !crate::validate::compiled::Pattern::Url.matches(t) {
        return Verdict::Left("not a web address, so not made a source".into());
    }
    let fields: Vec<&str> = fields.iter().map(|f| f.as_str()).collect();
    let mut entry = serde_json::Map::new();
    entry.insert("url".into(), t.into());
    if !fields.is_empty() {
        entry.insert("fields".into(), fields.into());
    }
    let list = serde_json::Value::Array(vec![entry.into()]);
    Verdict::Change(list.to_string(), Rule::Source)
}

/// The output, held back until it is known whether it starts with a byte-order mark: at the
/// first byte that is not ASCII, after [`HOLD`] bytes, or at the end, whichever comes first.
struct Marked<W: Write> {
    out: W,
    /// `Some` while undecided: the output so far, all ASCII.
    held: Option<Vec<u8>>,
    /// The input started with a byte-order mark.
    bom: bool,
    /// The input is, so far, in another encoding than UTF-8 (set as rows are read).
    other: Rc<Cell<bool>>,
}

impl<W: Write> Marked<W> {
    fn new(out: W, bom: bool, other: Rc<Cell<bool>>) -> Self {
        Marked {
            out,
            held: Some(Vec::new()),
            bom,
            other,
        }
    }

    /// Decides: writes the mark if one is due, then what is held.
    fn decide(&mut self) -> io::Result<()> {
        if let Some(held) = self.held.take() {
            if self.bom || self.other.get() {
                self.out.write_all(b"\xEF\xBB\xBF")?;
            }
            self.out.write_all(&held)?;
        }
        Ok(())
    }

    fn finish(mut self) -> io::Result<W> {
        self.decide()?;
        self.out.flush()?;
        Ok(self.out)
    }
}

impl<W: Write> Write for Marked<W> {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        if let Some(held) = &mut self.held {
            if data.is_ascii() && held.len() + data.len() <= HOLD {
                held.extend_from_slice(data);
                return Ok(data.len());
            }
            self.decide()?;
        }
        self.out.write_all(data)?;
        Ok(data.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        // Text held stays held until decided; what is written is flushed.
        self.out.flush()
    }
}
