//! DataFrames (pandas, polars): tables that another program holds column by column.
//!
//! A frame is not read by a reader of its own. It is the table its cells stand for, so it is
//! written as that table's CSV text, a block of rows at a time, and the text is handed to the
//! CSV reader ([`validate_input`]) as a stream; `fix` reads it the same way
//! (`fix::fix_frame`). A frame therefore gets exactly the report of the CSV table of the same
//! cells: the same mapping of columns (dotted names, `|` lists, JSON cells), the same checks,
//! the same messages. What is the frame's own is how its cells become text:
//!
//! - an absent cell ([`Block::cell`] with `None`) and NaN are an empty cell;
//! - numbers, booleans and dates are written by the rules workbooks use
//!   ([`CellValue`]): a whole float as an integer (`2015.0` is `2015`: a column of years with
//!   an empty cell is a column of floats), a boolean as `true`/`false`, a date at midnight as
//!   the date alone;
//! - a nested value (a list or a struct, written to a [`Tape`] by the caller) is its JSON text,
//!   which the CSV reader reads as a JSON cell ([`Block::json`]).
//!
//! Problems keep their `record` (the row, counted from 1) and `column_name`; their `line` and
//! `column`, which would point into text nobody sees, are left out. The caller names the row
//! with its own label (the binding adds pandas' index label).
//!
//! **Memory.** The caller reads the cells of a block of rows, at most [`BLOCK_CELLS`] cells
//! (and at least one row), and the block's text is handed on before the next block is read;
//! the CSV reader keeps its own bounded chunks. So a frame is read with memory that does not
//! grow with its number of rows: one block of cells and its text, about 16 bytes a cell plus
//! the cells' text, and the reader's chunks.

use std::io::{self, Read};

use super::csv::cell_text::put_cell;
use super::csv::{CellValue, CsvOptions, Table};
use super::tape::{Tape, TapeError};
use super::{Format, Options, Report, validate_input};

/// At most how many cells a block holds (at least one row's, however wide).
pub const BLOCK_CELLS: usize = 1 << 15;

/// A frame's columns, as a caller (the Python binding) reads them.
pub trait Columns {
    /// The columns' names, in order: the table's header.
    fn names(&self) -> &[String];

    /// How many rows the frame has.
    fn rows(&self) -> usize;

    /// Reads rows `start..start + count` into `block`, a column at a time: for each column in
    /// order, [`Block::next_column`], then one cell per row. An error ends the reading and is
    /// the error of the validation.
    fn read(&mut self, start: usize, count: usize, block: &mut Block) -> io::Result<()>;
}

impl<C: Columns + ?Sized> Columns for &mut C {
    fn names(&self) -> &[String] {
        (**self).names()
    }

    fn rows(&self) -> usize {
        (**self).rows()
    }

    fn read(&mut self, start: usize, count: usize, block: &mut Block) -> io::Result<()> {
        (**self).read(start, count, block)
    }
}

/// The cells of a block of rows, column after column, as text.
#[derive(Debug, Default)]
pub struct Block {
    /// The cells' text, one after the other.
    text: String,
    /// Where each cell's text ends in `text`, column after column.
    ends: Vec<usize>,
    /// Where each column started, as an index into `ends`.
    starts: Vec<usize>,
}

impl Block {
    /// Starts the next column.
    pub fn next_column(&mut self) {
        self.starts.push(self.ends.len());
    }

    /// Adds the next cell of the current column: `None` (and NaN) for an absent value.
    pub fn cell(&mut self, value: Option<CellValue<'_>>) {
        match value {
            Some(CellValue::Float(f)) if f.is_nan() => {}
            Some(v) => v.write(&mut self.text),
            None => {}
        }
        self.ends.push(self.text.len());
    }

    /// Adds the next cell of the current column: a nested value, written to `tape`, as its
    /// JSON text. A value nested deeper than the validator reads is refused.
    pub fn json(&mut self, tape: &Tape) -> Result<(), TapeError> {
        let json = tape.to_json()?;
        let json = json.strip_suffix(b"\n").unwrap_or(&json);
        // The tape writes JSON text, which is UTF-8.
        self.text.push_str(&String::from_utf8_lossy(json));
        self.ends.push(self.text.len());
        Ok(())
    }

    fn clear(&mut self) {
        self.text.clear();
        self.ends.clear();
        self.starts.clear();
    }

    /// Whether the block holds `width` columns of `rows` cells each.
    fn has_shape(&self, width: usize, rows: usize) -> bool {
        self.starts.len() == width
            && self.ends.len() == width * rows
            && self
                .starts
                .iter()
                .enumerate()
                .all(|(c, &at)| at == c * rows)
    }

    /// The text of cell `row` of column `column`, for a block of `rows` rows.
    fn get(&self, column: usize, rows: usize, row: usize) -> &str {
        let i = column * rows + row;
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.text[start..self.ends[i]]
    }
}

/// A frame's CSV text, written a block of rows at a time as it is read.
pub struct FrameText<C> {
    columns: C,
    block: Block,
    /// The text written and not yet read, from `at`.
    out: Vec<u8>,
    at: usize,
    /// The next row to read, or `None` before the header is written.
    next: Option<usize>,
}

impl<C: Columns> FrameText<C> {
    /// The text of `columns`' frame: its header, then its rows.
    pub fn new(columns: C) -> Self {
        FrameText {
            columns,
            block: Block::default(),
            out: Vec::new(),
            at: 0,
            next: None,
        }
    }

    /// The frame's columns.
    pub fn columns(&self) -> &C {
        &self.columns
    }

    /// Writes the next line or block of lines; `false` at the end.
    fn fill(&mut self) -> io::Result<bool> {
        self.out.clear();
        self.at = 0;
        let names = self.columns.names();
        if names.is_empty() {
            // No header at all: the empty table, not a header without names.
            return Ok(false);
        }
        let Some(start) = self.next else {
            // A byte-order mark: the text is UTF-8, so the reader looks for no other encoding
            // (a NUL in a name or a cell is no sign of UTF-16 here).
            self.out.extend_from_slice(UTF8_BOM);
            put_line(&mut self.out, names.iter().map(String::as_str));
            self.next = Some(0);
            return Ok(true);
        };
        let width = names.len();
        let total = self.columns.rows();
        if start >= total {
            return Ok(false);
        }
        let count = (BLOCK_CELLS / width).clamp(1, total - start);
        self.block.clear();
        self.columns.read(start, count, &mut self.block)?;
        if !self.block.has_shape(width, count) {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                format!(
                    "the frame gave {} cells in {} columns for rows {start} to {}; {width} columns of {count} rows each were asked for",
                    self.block.ends.len(),
                    self.block.starts.len(),
                    start + count - 1,
                ),
            ));
        }
        for row in 0..count {
            let cells = (0..width).map(|column| self.block.get(column, count, row));
            put_line(&mut self.out, cells);
        }
        self.next = Some(start + count);
        Ok(true)
    }
}

/// The byte-order mark of UTF-8.
const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Appends one line of cells, `,` between them. A line of one empty cell is written `""`, as
/// Python's `csv` writes it, so that a header of one empty name is a header and not an empty
/// line.
fn put_line<'a>(out: &mut Vec<u8>, cells: impl ExactSizeIterator<Item = &'a str>) {
    let alone = cells.len() == 1;
    for (i, text) in cells.enumerate() {
        if i > 0 {
            out.push(b',');
        }
        if alone && text.is_empty() {
            out.extend_from_slice(b"\"\"");
            continue;
        }
        let _ = put_cell(text, |b| {
            out.extend_from_slice(b);
            Ok(())
        });
    }
    out.push(b'\n');
}

impl<C: Columns> Read for FrameText<C> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        while self.at >= self.out.len() {
            if !self.fill()? {
                return Ok(0);
            }
        }
        let n = buf.len().min(self.out.len() - self.at);
        buf[..n].copy_from_slice(&self.out[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}

/// How a frame's text is read: CSV, with `,` between cells.
pub(crate) const FRAME_CSV: CsvOptions = CsvOptions {
    delimiter: Some(b','),
};

/// Validates a frame as the table of records of `options.document` (network by default, or
/// membership) its cells stand for (see the module's doc). `options.format` and
/// `options.path` are not used. An `Err` is the error the caller's [`Columns::read`] gave.
///
/// ```
/// use std::io;
/// use citynets::validate::csv::CellValue;
/// use citynets::validate::frame::{Block, Columns, validate_frame};
/// use citynets::validate::{Code, Options};
///
/// /// One row: a network named by its name instead of its id, founded in 1989.0.
/// struct Frame(Vec<String>);
///
/// impl Columns for Frame {
///     fn names(&self) -> &[String] {
///         &self.0
///     }
///     fn rows(&self) -> usize {
///         1
///     }
///     fn read(&mut self, _start: usize, _count: usize, block: &mut Block) -> io::Result<()> {
///         block.next_column();
///         block.cell(Some(CellValue::Text("Polis")));
///         block.next_column();
///         block.cell(Some(CellValue::Text("POLIS")));
///         block.next_column();
///         block.cell(Some(CellValue::Float(1989.0))); // read as 1989
///         Ok(())
///     }
/// }
///
/// let names = ["id", "name", "founding_date"].map(String::from).to_vec();
/// let report = validate_frame(Frame(names), &Options::default())?;
/// let p = &report.problems[0];
/// assert_eq!((p.code, p.column_name.as_deref()), (Code::Pattern, Some("id")));
/// assert_eq!((p.record, p.line), (Some(1), None));
/// assert_eq!(p.suggestion.as_deref(), Some("polis"));
/// assert_eq!(report.problems.len(), 1);
/// # Ok::<(), io::Error>(())
/// ```
pub fn validate_frame(columns: impl Columns, options: &Options) -> io::Result<Report> {
    let options = Options {
        format: Some(Format::Csv),
        path: None,
        ..options.clone()
    };
    let mut report = validate_input(FrameText::new(columns), &options, &FRAME_CSV)?;
    unplace(&mut report);
    Ok(report)
}

/// A table's header and the cells of some of its columns, as a frame is rebuilt from the table
/// `fix_frame` wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TableColumns {
    /// The header's names.
    pub header: Vec<String>,
    /// For each column asked for, in the order asked, its cells from the first data row on
    /// (`None` for an empty one); a row shorter than the header has empty cells at its end.
    pub cells: Vec<Vec<Option<String>>>,
}

/// Reads the CSV text `fix_frame` wrote (with the reader that validates tables, so that the
/// two cannot disagree on quotes, line breaks or the byte-order mark): its header, and the
/// cells of the columns at positions `wanted` (none: the header alone is read). Memory holds
/// those columns' cells.
pub fn table_columns(text: &[u8], wanted: &[usize]) -> io::Result<TableColumns> {
    let mut table = Table::new(text, FRAME_CSV.delimiter)?;
    let mut cells: Vec<Vec<Option<String>>> = vec![Vec::new(); wanted.len()];
    if !wanted.is_empty() {
        while table.next_row()? {
            for (out, &at) in cells.iter_mut().zip(wanted) {
                let cell = table.record.get(at).filter(|c| !c.is_empty());
                out.push(cell.map(str::to_owned));
            }
        }
    }
    Ok(TableColumns {
        header: std::mem::take(&mut table.header),
        cells,
    })
}

/// Leaves out the lines and columns of the problems of a frame's text.
pub(crate) fn unplace(report: &mut Report) {
    for p in &mut report.problems {
        p.line = None;
        p.column = None;
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::DocumentKind;
    use crate::validate::csv::validate_csv_bytes;

    /// A frame held as rows of optional cells.
    pub(crate) struct Cells {
        pub names: Vec<String>,
        pub rows: Vec<Vec<Option<CellValue<'static>>>>,
    }

    impl Columns for Cells {
        fn names(&self) -> &[String] {
            &self.names
        }
        fn rows(&self) -> usize {
            self.rows.len()
        }
        fn read(&mut self, start: usize, count: usize, block: &mut Block) -> io::Result<()> {
            for c in 0..self.names.len() {
                block.next_column();
                for row in &self.rows[start..start + count] {
                    block.cell(row.get(c).copied().flatten());
                }
            }
            Ok(())
        }
    }

    fn text_of(frame: Cells) -> String {
        let mut out = String::new();
        FrameText::new(frame).read_to_string(&mut out).unwrap();
        out.strip_prefix('\u{feff}').unwrap().to_owned()
    }

    #[test]
    fn a_frame_is_the_csv_text_of_its_cells() {
        use CellValue::*;
        let frame = Cells {
            names: vec!["id".into(), "name, full".into(), "founding_date".into()],
            rows: vec![
                vec![
                    Some(Text("a")),
                    Some(Text("A \"one\"")),
                    Some(Float(2015.0)),
                ],
                vec![Some(Text("b")), None, Some(Float(f64::NAN))],
                vec![None, None, None],
            ],
        };
        assert_eq!(
            text_of(frame),
            "id,\"name, full\",founding_date\na,\"A \"\"one\"\"\",2015\nb,,\n,,\n"
        );
    }

    #[test]
    fn a_lone_empty_cell_is_quoted_as_python_writes_it() {
        let frame = Cells {
            names: vec![String::new()],
            rows: vec![vec![None], vec![Some(CellValue::Text("a"))]],
        };
        assert_eq!(text_of(frame), "\"\"\n\"\"\na\n");
    }

    #[test]
    fn blocks_are_at_least_a_row_and_at_most_their_cells() {
        let width = BLOCK_CELLS / 3 + 1;
        let frame = Cells {
            names: (0..width).map(|i| format!("c{i}")).collect(),
            rows: vec![vec![Some(CellValue::Int(1))]; 5],
        };
        let text = text_of(frame);
        assert_eq!(text.lines().count(), 6);
        assert!(text.lines().skip(1).all(|l| l.starts_with("1,,")));
    }

    #[test]
    fn a_frame_gets_the_report_of_its_table_without_lines() {
        use CellValue::*;
        let frame = Cells {
            names: vec!["id".into(), "name".into(), "policy_areas".into()],
            rows: vec![
                vec![Some(Text("eurocities")), Some(Text("Eurocities")), None],
                vec![Some(Text("bad id")), Some(Text("X")), Some(Text("mobilty"))],
            ],
        };
        let options = Options {
            document: Some(DocumentKind::Network),
            ..Options::default()
        };
        let table = "id,name,policy_areas\neurocities,Eurocities,\nbad id,X,mobilty\n";
        let mut from_text = validate_csv_bytes(table.as_bytes(), &options, &FRAME_CSV);
        unplace(&mut from_text);
        let report = validate_frame(frame, &options).unwrap();
        assert_eq!(report, from_text);
        assert_eq!(report.errors, 2, "{report:?}");
        assert!(report.problems.iter().all(|p| p.line.is_none()));
        assert_eq!(report.problems[0].record, Some(2));
    }

    #[test]
    fn a_nul_in_a_frame_is_no_sign_of_utf_16() {
        let frame = Cells {
            names: vec!["\0i\0d".into(), "name".into()],
            rows: vec![vec![Some(CellValue::Text("a")), Some(CellValue::Text("A"))]],
        };
        let report = validate_frame(frame, &Options::default()).unwrap();
        assert!(
            report
                .problems
                .iter()
                .all(|p| p.code != crate::validate::Code::Encoding)
        );
        assert_eq!(report.problems[0].code, crate::validate::Code::UnknownField);
        assert_eq!(report.problems[0].column_name.as_deref(), Some("\0i\0d"));
    }

    #[test]
    fn a_table_is_read_back_by_columns() {
        let text = "\u{feff}\"a,b\",id\n\"x\ny\",1\n,2\n\"\"\"q\"\"\"\n";
        let read = table_columns(text.as_bytes(), &[0]).unwrap();
        assert_eq!(read.header, ["a,b", "id"]);
        assert_eq!(
            read.cells,
            [vec![
                Some("x\ny".to_owned()),
                None,
                Some("\"q\"".to_owned())
            ]]
        );
        assert!(
            table_columns(text.as_bytes(), &[])
                .unwrap()
                .cells
                .is_empty()
        );
    }

    #[test]
    fn a_ragged_block_is_an_error_not_cells_in_the_wrong_column() {
        struct Ragged(Vec<String>);
        impl Columns for Ragged {
            fn names(&self) -> &[String] {
                &self.0
            }
            fn rows(&self) -> usize {
                2
            }
            fn read(&mut self, _: usize, _: usize, block: &mut Block) -> io::Result<()> {
                block.next_column();
                for t in ["Bad Id", "X"] {
                    block.cell(Some(CellValue::Text(t)));
                }
                block.next_column();
                Ok(())
            }
        }
        let names = vec!["id".into(), "name".into()];
        let e = validate_frame(Ragged(names), &Options::default()).unwrap_err();
        assert!(e.to_string().contains("2 cells in 2 columns"), "{e}");
    }

    #[test]
    fn a_block_of_the_wrong_shape_is_an_error_not_a_wrong_table() {
        struct Short;
        impl Columns for Short {
            fn names(&self) -> &[String] {
                static NAMES: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
                NAMES.get_or_init(|| vec!["id".into(), "name".into()])
            }
            fn rows(&self) -> usize {
                2
            }
            fn read(&mut self, _: usize, _: usize, block: &mut Block) -> io::Result<()> {
                block.next_column();
                block.cell(Some(CellValue::Text("a")));
                Ok(())
            }
        }
        let e = validate_frame(Short, &Options::default()).unwrap_err();
        assert!(e.to_string().contains("the frame gave 1 cells"), "{e}");
    }
}
