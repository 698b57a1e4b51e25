//! Writing records as a table in the shape the reader reads.
//!
//! The writer takes its columns from the same [`Plan`] as the mapping, so that what it writes
//! reads back as the same records; a field that no column can hold is an error rather than
//! lost.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::Value;

use super::plan::{Plan, Shape};
use super::table::csv_error;
use crate::DocumentKind;

/// Writes records of one type as a CSV table in the shape [`CsvReader`](super::CsvReader) reads: a header with
/// every column of the record type, then one row per record.
///
/// ```
/// use citynets::DocumentKind;
/// use citynets::validate::csv::CsvWriter;
///
/// let mut w = CsvWriter::new(Vec::new(), DocumentKind::Network, b',').unwrap();
/// w.write(citynets::ghent().get("eccar").unwrap()).unwrap();
/// let text = String::from_utf8(w.into_inner().unwrap()).unwrap();
/// assert!(text.starts_with("id,name,acronym,"));
/// ```
pub struct CsvWriter<W: Write> {
    out: ::csv::Writer<W>,
    plan: Plan,
    columns: Vec<usize>,
}

impl<W: Write> CsvWriter<W> {
    /// Starts a table of records of `document` (network or membership) and writes its header.
    pub fn new(out: W, document: DocumentKind, delimiter: u8) -> io::Result<Self> {
        if document == DocumentKind::Catalogue {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                "a CSV table holds network or membership records, not a catalogue document",
            ));
        }
        let plan = Plan::new(document);
        let names: Vec<String> = plan.written().iter().map(|c| c.name.clone()).collect();
        let columns = names
            .iter()
            .filter_map(|n| plan.by_name.get(n).copied())
            .collect();
        let mut out = ::csv::WriterBuilder::new()
            .delimiter(delimiter)
            .from_writer(out);
        out.write_record(&names).map_err(csv_error)?;
        Ok(CsvWriter { out, plan, columns })
    }

    /// Writes one record.
    pub fn write<T: Serialize>(&mut self, record: &T) -> io::Result<()> {
        let value = serde_json::to_value(record).map_err(io::Error::other)?;
        self.write_value(&value)
    }

    /// Writes one record given as a JSON object. Fails on a field the record type does not
    /// define.
    pub fn write_value(&mut self, record: &Value) -> io::Result<()> {
        self.check_covered(record, &[])?;
        let mut cells: Vec<String> = Vec::with_capacity(self.columns.len());
        for &c in &self.columns {
            let column = &self.plan.columns[c];
            let mut v = Some(record);
            for k in &column.keys {
                v = v.and_then(|v| v.get(k));
            }
            cells.push(match v {
                None | Some(Value::Null) => String::new(),
                Some(v) => cell_text(column.shape, v),
            });
        }
        self.out.write_record(&cells).map_err(csv_error)
    }

    /// Fails when `value` (at `keys`) has a field no written column holds.
    fn check_covered(&self, value: &Value, keys: &[String]) -> io::Result<()> {
        let Value::Object(o) = value else {
            return Ok(());
        };
        for (k, v) in o {
            let mut path = keys.to_vec();
            path.push(k.clone());
            let exact = self
                .columns
                .iter()
                .any(|&c| self.plan.columns[c].keys == path);
            if exact {
                continue;
            }
            let deeper = self.columns.iter().any(|&c| {
                let ck = &self.plan.columns[c].keys;
                ck.len() > path.len() && ck[..path.len()] == path[..]
            });
            if !deeper {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidData,
                    format!("the field {:?} has no column", path.join(".")),
                ));
            }
            self.check_covered(v, &path)?;
        }
        Ok(())
    }

    /// Flushes the table and returns the writer.
    pub fn into_inner(self) -> io::Result<W> {
        self.out
            .into_inner()
            .map_err(|e| io::Error::other(e.error().to_string()))
    }

    /// Flushes what is written so far.
    pub fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

/// The text of a cell.
fn cell_text(shape: Shape, v: &Value) -> String {
    let json = || serde_json::to_string(v).unwrap_or_default();
    match (shape, v) {
        (_, Value::String(s)) if shape != Shape::Json => s.clone(),
        (Shape::Scalar, Value::Number(n)) => n.to_string(),
        (Shape::Scalar, Value::Bool(b)) => b.to_string(),
        (Shape::List, Value::Array(items)) => {
            let mut parts = Vec::with_capacity(items.len());
            for (i, item) in items.iter().enumerate() {
                let text = match item {
                    Value::String(s) => s.clone(),
                    Value::Number(n) => n.to_string(),
                    Value::Bool(b) => b.to_string(),
                    _ => return json(),
                };
                // Only plain items survive the round trip through `a|b`.
                if text.is_empty()
                    || text.contains('|')
                    || text.trim() != text
                    || (i == 0 && text.starts_with('['))
                {
                    return json();
                }
                parts.push(text);
            }
            if parts.is_empty() {
                return json();
            }
            parts.join("|")
        }
        _ => json(),
    }
}
