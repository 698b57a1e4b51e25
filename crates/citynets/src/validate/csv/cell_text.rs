//! The CSV text of a typed cell: what a workbook's sheet and a DataFrame hold as numbers,
//! booleans and dates is written as text here, once, so that both are read by the CSV reader
//! as the same table would be.
//!
//! The text is the value's, not a display form: strings as they are; whole numbers without a
//! fraction (`2015.0` is `2015`: a spreadsheet or a DataFrame column with an empty cell holds
//! its years as floats) and other numbers as Rust prints them (the shortest text that reads
//! back the same, without an exponent); booleans `true`/`false`, as JSON writes them; dates
//! and times in ISO 8601, a date at midnight as the date alone. A cell is quoted when it holds
//! a comma, a quote or a line break.

use std::fmt::Write as _;
use std::io;

/// A typed cell's value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum CellValue<'a> {
    /// A whole number.
    Int(i64),
    /// A number, whole or not. NaN has no text of its own (`NaN`); a DataFrame's reader
    /// leaves it out before, as an empty cell.
    Float(f64),
    /// A string.
    Text(&'a str),
    /// A boolean.
    Bool(bool),
    /// A date or a date and time in ISO 8601 (`2015-03-01T00:00:00`).
    Iso(&'a str),
}

impl CellValue<'_> {
    /// Appends the value's text (see the module's doc).
    pub fn write(&self, out: &mut String) {
        match self {
            CellValue::Int(i) => {
                let _ = write!(out, "{i}");
            }
            CellValue::Float(f) => number(*f, out),
            CellValue::Text(s) => out.push_str(s),
            CellValue::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            CellValue::Iso(s) => out.push_str(date_at_midnight(s).unwrap_or(s)),
        }
    }
}

/// The date of an ISO 8601 date and time at midnight, with or without an offset
/// (`2015-03-01T00:00:00`, `2015-03-01T00:00:00+01:00`, `…Z`): a day in its own time zone.
fn date_at_midnight(s: &str) -> Option<&str> {
    let (date, time) = s.split_once('T')?;
    let offset = time.strip_prefix("00:00:00")?;
    let is_offset = offset.is_empty()
        || offset == "Z"
        || (offset.len() == 6
            && offset.starts_with(['+', '-'])
            && offset[1..].bytes().enumerate().all(|(i, b)| {
                if i == 2 {
                    b == b':'
                } else {
                    b.is_ascii_digit()
                }
            }));
    is_offset.then_some(date)
}

/// A number: whole ones without a fraction (`2015`), others as Rust prints them.
pub(crate) fn number(f: f64, out: &mut String) {
    // Below 2^53 every whole float is an exact integer.
    if f.fract() == 0.0 && f.abs() < 9_007_199_254_740_992.0 {
        let _ = write!(out, "{}", f as i64);
    } else {
        let _ = write!(out, "{f}");
    }
}

/// Writes a cell's text through `put`, quoted when it holds a comma, a quote or a line break
/// (a quote inside written twice).
pub(crate) fn put_cell(text: &str, mut put: impl FnMut(&[u8]) -> io::Result<()>) -> io::Result<()> {
    if !text.contains([',', '"', '\n', '\r']) {
        return put(text.as_bytes());
    }
    put(b"\"")?;
    for (i, part) in text.split('"').enumerate() {
        if i > 0 {
            put(b"\"\"")?;
        }
        put(part.as_bytes())?;
    }
    put(b"\"")
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::{CellValue, put_cell};

    #[test]
    fn values_are_written_as_their_text() {
        let text = |v: CellValue<'_>| {
            let mut s = String::new();
            v.write(&mut s);
            s
        };
        assert_eq!(text(CellValue::Float(2015.0)), "2015");
        assert_eq!(text(CellValue::Float(-0.0)), "0");
        assert_eq!(text(CellValue::Float(0.1)), "0.1");
        assert_eq!(text(CellValue::Float(1e20)), "100000000000000000000");
        assert_eq!(text(CellValue::Float(f64::INFINITY)), "inf");
        assert_eq!(text(CellValue::Int(-3)), "-3");
        assert_eq!(text(CellValue::Bool(true)), "true");
        assert_eq!(text(CellValue::Iso("2015-03-01T00:00:00")), "2015-03-01");
        assert_eq!(
            text(CellValue::Iso("2015-03-01T10:30:00")),
            "2015-03-01T10:30:00"
        );
        for midnight in ["2015-03-01T00:00:00+01:00", "2015-03-01T00:00:00Z"] {
            assert_eq!(text(CellValue::Iso(midnight)), "2015-03-01");
        }
        for not in ["2015-03-01T00:00:00.5", "2015-03-01T00:00:00+1:00"] {
            assert_eq!(text(CellValue::Iso(not)), not);
        }
    }

    #[test]
    fn cells_are_quoted_when_they_must_be() {
        let quoted = |t: &str| {
            let mut out = Vec::new();
            put_cell(t, |b| {
                out.extend_from_slice(b);
                Ok(())
            })
            .unwrap();
            String::from_utf8(out).unwrap()
        };
        assert_eq!(quoted("Gent"), "Gent");
        assert_eq!(quoted("a,b"), "\"a,b\"");
        assert_eq!(quoted("12\" vinyl"), "\"12\"\" vinyl\"");
        assert_eq!(quoted("two\nlines"), "\"two\nlines\"");
    }
}
