//! Excel and OpenDocument workbooks (`.xlsx`, `.xlsm`, `.xls`, `.ods`), read with calamine.
//!
//! A sheet is a table of records like a CSV file, so it is not validated by a reader of its
//! own: it is turned into CSV text (UTF-8, `,` between cells, quotes where a cell needs them)
//! and handed to the CSV reader ([`validate_csv_reader`]), which then checks a workbook's rows
//! exactly as it checks a CSV file's. The text goes through the bounded pipe of `pipe.rs`: a
//! thread of [`std::thread::scope`] walks the sheet and writes, the calling thread validates,
//! and neither holds the whole text.
//!
//! **The text.** One line per sheet row, from the first row that holds a cell (the header) to
//! the last; a blank row is a blank line, which the CSV reader skips. Every line starts at
//! column A, so a cell's index in its line is its column's number. Cells are written as
//! their values, not as Excel shows them, by the rules DataFrames share (`csv/cell_text.rs`):
//! strings as they are; whole numbers without `.0` (`2015.0` is `2015`) and other numbers as
//! Rust prints them (the shortest text that reads back the same); booleans `true`/`false`;
//! dates as ISO 8601 (`2015-03-01`, with `THH:MM:SS` when the time is not midnight, a time
//! alone as `HH:MM:SS`); errors as Excel writes them (`#N/A`); empty cells empty.
//!
//! **Memory.** An `.xlsx` or `.xlsm` sheet is read a cell at a time (calamine's
//! `Xlsx::worksheet_cells_reader`), so memory follows the workbook's shared strings, which
//! calamine keeps, and not the sheet. An `.xls` or `.ods` sheet is read whole by calamine:
//! such a file is refused above [`MAX_FILE_BYTES`] (64 MiB), before anything but its first
//! bytes is read. calamine reads with seeks, so a workbook that arrives as a stream (standard
//! input) is first read into memory, also up to [`MAX_FILE_BYTES`].
//!
//! **Places.** The CSV reader places a problem at a line and a column (in code points) of the
//! text. Problems are few next to cells (at most `max_problems` are kept), so instead of
//! keeping a map of every line and cell, the sheet is walked a second time once the report is
//! made, when it has problems, and the text written again without keeping it: its places are
//! then known for the lines asked about, and each problem is given its sheet row as `line`,
//! its column's number as `column` and the cell as Excel names it (`Sheet1!C7`) as `cell`.
//! That second walk stops after the last line asked about; it keeps one row's cells (at most
//! 16,384, Excel's widest) and the places asked for. An Excel sheet has at most 1,048,576
//! rows, so lines fit in any integer used here.
//!
//! `fix` needs the same text and the same places: `open_sheet` gives a `Sheet`, whose
//! `with_text` streams the CSV text to a reader and whose `locate` finds the sheet's rows and
//! columns of places in it; `cell_name` names a cell.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::io::{self, Cursor, Read, Seek, SeekFrom, Write};

use calamine::{Data, DataRef, ExcelDateTime, Ods, Range, Reader, SheetType, Xls, Xlsx};

use super::csv::cell_text::{CellValue, number, put_cell};
use super::csv::{CsvOptions, validate_csv_reader};
use super::format::{is_workbook, read_head};
use super::options::{MAX_FILE_BYTES, Options, read_whole};
use super::pipe::{self, PipeReader};
use super::problem::{Code, Problem, Problems, Report};

/// Validates one sheet of a workbook (`.xlsx`, `.xlsm`, `.xls` or `.ods`, told apart by its
/// first bytes) as a table of records of `options.document` (network by default, or
/// membership): the sheet `options.sheet`, or the first worksheet. The input must seek, as a
/// file does; [`validate_reader`](super::validate_reader) with the format
/// [`Workbook`](super::Format::Workbook) reads a stream into memory first.
///
/// Problems are placed at the sheet's cells: `line` is the row as Excel numbers it, `column`
/// the column's number (C is 3) and `cell` the cell with its sheet (`Sheet1!C7`).
///
/// A file that is not a workbook, or that calamine cannot read, is reported as a `syntax`
/// error. An `Err` means the input could not be read, that `options.sheet` names no sheet of
/// the workbook (`InvalidInput`, listing the sheets), or that an `.xls` or `.ods` file is
/// larger than [`MAX_FILE_BYTES`] (`FileTooLarge`).
pub fn validate_workbook<RS: Read + Seek + Send>(
    input: RS,
    options: &Options,
) -> io::Result<Report> {
    let mut sheet = match open_sheet(input, options.sheet.as_deref()) {
        Ok(sheet) => sheet,
        Err(e) if e.kind() == io::ErrorKind::InvalidData => {
            let mut out = Problems::for_options(options);
            out.push(Problem::error(Code::Syntax, e.to_string()));
            return Ok(out.finish());
        }
        Err(e) => return Err(e),
    };
    // The text is CSV with commas, whatever the header holds most.
    let table = CsvOptions {
        delimiter: Some(b','),
    };
    let (report, walked) = sheet.with_text(|text| validate_csv_reader(text, options, &table));
    let mut report = report?;
    match walked {
        // The CSV reader stopped before the end (a table of catalogues, say): its report says
        // why.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {}
        Err(e) if e.kind() == io::ErrorKind::InvalidData => {
            // The rows before the fault were checked; the fault ends the table.
            let mut out = Problems::resume(report, options.max_problems, options.path.clone());
            out.push(Problem::error(Code::Syntax, e.to_string()));
            report = out.finish();
        }
        walked => walked?,
    }
    sheet.place(&mut report.problems)?;
    Ok(report)
}

/// [`validate_workbook`] for a workbook that arrives as a stream, which is read into memory
/// first (calamine reads with seeks), up to [`MAX_FILE_BYTES`].
pub(crate) fn validate_workbook_stream<R: Read>(input: R, options: &Options) -> io::Result<Report> {
    validate_workbook(Cursor::new(read_stream(input)?), options)
}

/// A workbook arriving as a stream, read into memory (calamine needs to seek), up to
/// [`MAX_FILE_BYTES`].
pub(crate) fn read_stream<R: Read>(input: R) -> io::Result<Vec<u8>> {
    read_whole(input)?.ok_or_else(|| {
        io::Error::new(
            io::ErrorKind::FileTooLarge,
            format!(
                "a workbook read from a stream (standard input) is held in memory, up to {} MiB, \
                 and this one is larger: give its file name instead, which is read from the disk",
                MAX_FILE_BYTES >> 20
            ),
        )
    })
}

/// Places of the CSV text (line, column in code points, both 1-based) and the cells that hold
/// them (row, column, both 0-based), as [`Sheet::locate`] finds them.
pub(crate) type Places = BTreeMap<(u64, u64), (u32, u32)>;

/// One sheet of a workbook, open: its CSV text is written on demand, as often as asked.
pub(crate) struct Sheet<RS> {
    /// The sheet's name, as the workbook gives it.
    name: String,
    cells: Cells<RS>,
}

/// Where a sheet's cells come from.
enum Cells<RS> {
    /// `.xlsx`, `.xlsm`: the workbook, whose sheet is read a cell at a time on each walk.
    Stream(Box<Xlsx<RS>>),
    /// `.xls`, `.ods`: the sheet, read whole when opened.
    Whole(Range<Data>),
}

/// The kinds of workbook, as their first bytes tell them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Xlsx,
    Xls,
    Ods,
}

/// Opens the sheet named `sheet` (the first worksheet when `None`) of a workbook.
///
/// Errors: `InvalidData` when the input is not a workbook or calamine cannot read it (the
/// message says why), `InvalidInput` when no sheet has that name (the message lists the
/// sheets), `FileTooLarge` for an `.xls` or `.ods` file larger than [`MAX_FILE_BYTES`], and
/// the input's own errors.
pub(crate) fn open_sheet<RS: Read + Seek>(
    mut input: RS,
    sheet: Option<&str>,
) -> io::Result<Sheet<RS>> {
    let mut head = [0u8; 256];
    let len = read_head(&mut input, &mut head)?;
    let Some(kind) = kind_of(&head[..len]) else {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            "this is not an Excel workbook or an ODS spreadsheet: it does not start as an \
             .xlsx, .xlsm, .xls or .ods file does",
        ));
    };
    if kind != Kind::Xlsx {
        let size = input.seek(SeekFrom::End(0))?;
        if size > MAX_FILE_BYTES {
            return Err(io::Error::new(
                io::ErrorKind::FileTooLarge,
                format!(
                    "the workbook is {} MiB; .xls and .ods workbooks are read whole, up to {} MiB: \
                     save the sheet as .xlsx (read a cell at a time) or as CSV",
                    size.div_ceil(1 << 20),
                    MAX_FILE_BYTES >> 20
                ),
            ));
        }
    }
    input.seek(SeekFrom::Start(0))?;
    let cells = match kind {
        Kind::Xlsx => {
            let book = Xlsx::new(input).map_err(unreadable)?;
            let name = choose(&book, sheet)?;
            return Ok(Sheet {
                name,
                cells: Cells::Stream(Box::new(book)),
            });
        }
        Kind::Xls => whole(Xls::new(input).map_err(unreadable)?, sheet)?,
        Kind::Ods => whole(Ods::new(input).map_err(unreadable)?, sheet)?,
    };
    Ok(Sheet {
        name: cells.0,
        cells: Cells::Whole(cells.1),
    })
}

/// The kind of workbook that starts with `head`: a zip archive is an ODS spreadsheet when
/// its first entry is the `mimetype` naming one, else an `.xlsx`/`.xlsm` workbook.
fn kind_of(head: &[u8]) -> Option<Kind> {
    if !is_workbook(head) {
        return None;
    }
    if !head.starts_with(b"PK") {
        return Some(Kind::Xls);
    }
    // A zip entry's name starts 30 bytes into its header; an ODS file's first entry is the
    // file `mimetype`, stored uncompressed.
    let ods = head.get(30..38) == Some(b"mimetype")
        && head
            .windows(b"opendocument.spreadsheet".len())
            .any(|w| w == b"opendocument.spreadsheet");
    Some(if ods { Kind::Ods } else { Kind::Xlsx })
}

/// A calamine error as the `InvalidData` error of a workbook that cannot be read.
fn unreadable(e: impl std::fmt::Display) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidData,
        format!("cannot read the workbook: {e}"),
    )
}

/// The name of the sheet to read: `wanted` (exactly, or else the one sheet whose name
/// differs only in case, as Excel's names do), or the first worksheet.
fn choose<RS: Read + Seek, B: Reader<RS>>(book: &B, wanted: Option<&str>) -> io::Result<String> {
    let sheets = book.sheets_metadata();
    let names = || {
        sheets
            .iter()
            .map(|s| format!("{:?}", s.name))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let Some(wanted) = wanted else {
        return sheets
            .iter()
            .find(|s| s.typ == SheetType::WorkSheet)
            .map(|s| s.name.clone())
            .ok_or_else(|| {
                io::Error::new(
                    io::ErrorKind::InvalidData,
                    "cannot read the workbook: it has no worksheet",
                )
            });
    };
    if let Some(s) = sheets.iter().find(|s| s.name == wanted) {
        return Ok(s.name.clone());
    }
    let folded: Vec<_> = sheets
        .iter()
        .filter(|s| s.name.to_lowercase() == wanted.to_lowercase())
        .collect();
    if let [one] = folded[..] {
        return Ok(one.name.clone());
    }
    Err(io::Error::new(
        io::ErrorKind::InvalidInput,
        format!(
            "the workbook has no sheet named {wanted:?}; its sheets are: {}",
            names()
        ),
    ))
}

/// The chosen sheet of a workbook that calamine reads whole, and its name.
fn whole<RS: Read + Seek, B: Reader<RS>>(
    mut book: B,
    wanted: Option<&str>,
) -> io::Result<(String, Range<Data>)>
where
    B::Error: std::fmt::Display,
{
    let name = choose(&book, wanted)?;
    let range = book.worksheet_range(&name).map_err(unreadable)?;
    Ok((name, range))
}

impl<RS: Read + Seek> Sheet<RS> {
    /// The sheet's name, as the workbook gives it.
    pub(crate) fn name(&self) -> &str {
        &self.name
    }

    /// Walks the sheet's cells in order into `rows`.
    fn walk<W: Write>(&mut self, rows: &mut Rows<'_, W>) -> io::Result<()> {
        match &mut self.cells {
            Cells::Stream(book) => {
                let mut reader = book
                    .worksheet_cells_reader(&self.name)
                    .map_err(unreadable)?;
                while !rows.stopped {
                    let Some(cell) = reader.next_cell().map_err(unreadable)? else {
                        break;
                    };
                    let (row, column) = cell.get_position();
                    let value = match cell.get_value() {
                        DataRef::Int(i) => Value::Cell(CellValue::Int(*i)),
                        DataRef::Float(f) => Value::Cell(CellValue::Float(*f)),
                        DataRef::String(s) => Value::Cell(CellValue::Text(s)),
                        DataRef::SharedString(s) => Value::Cell(CellValue::Text(s)),
                        DataRef::Bool(b) => Value::Cell(CellValue::Bool(*b)),
                        DataRef::DateTime(d) => Value::Date(*d),
                        DataRef::DateTimeIso(s) => Value::Cell(CellValue::Iso(s)),
                        DataRef::DurationIso(s) => Value::Cell(CellValue::Text(s)),
                        DataRef::Error(e) => Value::Error(e.to_string()),
                        DataRef::Empty => continue,
                    };
                    rows.cell(row, column, value)?;
                }
            }
            Cells::Whole(range) => {
                let (top, left) = range.start().unwrap_or((0, 0));
                for (row, column, data) in range.used_cells() {
                    if rows.stopped {
                        break;
                    }
                    let value = match data {
                        Data::Int(i) => Value::Cell(CellValue::Int(*i)),
                        Data::Float(f) => Value::Cell(CellValue::Float(*f)),
                        Data::String(s) => Value::Cell(CellValue::Text(s)),
                        Data::Bool(b) => Value::Cell(CellValue::Bool(*b)),
                        Data::DateTime(d) => Value::Date(*d),
                        Data::DateTimeIso(s) => Value::Cell(CellValue::Iso(s)),
                        Data::DurationIso(s) => Value::Cell(CellValue::Text(s)),
                        Data::Error(e) => Value::Error(e.to_string()),
                        Data::Empty => continue,
                    };
                    let at = |n: usize, from: u32| {
                        u32::try_from(n).map_or(u32::MAX, |n| n.saturating_add(from))
                    };
                    rows.cell(at(row, top), at(column, left), value)?;
                }
            }
        }
        rows.finish()
    }

    /// Writes the sheet's CSV text to `out` (see the module's doc for its shape).
    pub(crate) fn write_csv(&mut self, out: impl Write) -> io::Result<()> {
        let mut rows = Rows::new(out, None);
        self.walk(&mut rows)
    }

    /// Streams the sheet's CSV text to `read`, which runs on the calling thread while another
    /// thread walks the sheet and writes the text into a bounded pipe. Returns what `read`
    /// returns, and how the walk ended: an `InvalidData` error when calamine met a fault in
    /// the sheet (the text then ends at the row before it), `BrokenPipe` when `read` stopped
    /// reading before the end.
    pub(crate) fn with_text<T>(&mut self, read: impl FnOnce(PipeReader) -> T) -> (T, io::Result<()>)
    where
        RS: Send,
    {
        let (writer, reader) = pipe::pipe();
        let walk = move || {
            let mut writer = writer;
            self.write_csv(&mut writer)?;
            writer.flush()
        };
        let (value, walked) = pipe::beside(walk, || read(reader));
        let walked = walked.unwrap_or_else(|| Err(io::Error::other("the sheet's reader stopped")));
        (value, walked)
    }

    /// Where places of the CSV text are in the sheet: for each `(line, column)` (1-based, the
    /// column in code points, as the CSV reader places problems), the 0-based row and column
    /// of the cell that holds it. A place on a blank line is in that row's column A, one
    /// before the first line is left out, one after the last is in the last row. The text is
    /// written again, without being kept, up to the last line asked about.
    ///
    /// To name the cell of a record's field from the record's first line and the field's
    /// index (as `fix` knows them), locate `(line, 1)` for the row: the index is the column,
    /// since every line starts at column A.
    pub(crate) fn locate(&mut self, places: &BTreeSet<(u64, u64)>) -> io::Result<Places> {
        if places.is_empty() {
            return Ok(BTreeMap::new());
        }
        let mut rows = Rows::new(io::sink(), Some(Finder::new(places)));
        let walked = self.walk(&mut rows);
        let found = rows.finder.take().map(Finder::finish).unwrap_or_default();
        // A fault in the sheet ends the places found, as it ended the text.
        match walked {
            Err(e) if e.kind() != io::ErrorKind::InvalidData => Err(e),
            _ => Ok(found),
        }
    }

    /// Gives each problem placed in the CSV text its place in the sheet: `line` the row as
    /// Excel numbers it, `column` the column's number, `cell` the cell's name (`Sheet1!C7`).
    fn place(&mut self, problems: &mut [Problem]) -> io::Result<()> {
        let key = |p: &Problem| p.line.map(|l| (l, p.column.unwrap_or(1)));
        let places: BTreeSet<(u64, u64)> = problems.iter().filter_map(key).collect();
        let found = self.locate(&places)?;
        for p in problems {
            let Some(at) = key(p) else { continue };
            let cell = found.get(&at);
            p.line = cell.map(|&(row, _)| u64::from(row) + 1);
            p.column = cell.map(|&(_, column)| u64::from(column) + 1);
            p.cell = cell.map(|&(row, column)| cell_name(self.name(), row, column));
        }
        Ok(())
    }
}

/// A cell's value, as the walk hands it to [`Rows`].
enum Value<'a> {
    /// A value the CSV text of DataFrames has too.
    Cell(CellValue<'a>),
    Date(ExcelDateTime),
    Error(String),
}

impl Value<'_> {
    /// Writes the value's text (see the module's doc).
    fn write(&self, out: &mut String) {
        match self {
            Value::Cell(v) => v.write(out),
            Value::Date(d) => date(d, out),
            Value::Error(e) => out.push_str(e),
        }
    }
}

/// A date cell in ISO 8601: the date alone at midnight, a time alone below one day, else both.
fn date(d: &ExcelDateTime, out: &mut String) {
    if d.is_duration() {
        return number(d.as_f64(), out);
    }
    let (year, month, day, hour, minute, second, milli) = d.to_ymd_hms_milli();
    let midnight = (hour, minute, second, milli) == (0, 0, 0, 0);
    let _ = if (0.0..1.0).contains(&d.as_f64()) {
        write!(out, "{hour:02}:{minute:02}:{second:02}")
    } else if midnight {
        write!(out, "{year:04}-{month:02}-{day:02}")
    } else {
        write!(
            out,
            "{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}:{second:02}"
        )
    };
}

/// The name Excel gives a cell (0-based row and column) of a sheet: `Sheet1!C7`, with the
/// sheet's name quoted when it holds anything but letters, digits, `_` and `.`, starts with
/// a digit or could be read as a cell (`'My sheet'!C7`, `'O''Brien'!A1`).
pub(crate) fn cell_name(sheet: &str, row: u32, column: u32) -> String {
    let plain = sheet
        .chars()
        .all(|c| c.is_alphanumeric() || c == '_' || c == '.')
        && !sheet.starts_with(|c: char| c.is_ascii_digit())
        && !looks_like_a_cell(sheet);
    let mut out = if plain || sheet.is_empty() {
        sheet.to_owned()
    } else {
        format!("'{}'", sheet.replace('\'', "''"))
    };
    out.push('!');
    out.push_str(&column_letters(column));
    let _ = write!(out, "{}", u64::from(row) + 1);
    out
}

/// Whether a sheet's name reads as a cell (`A1`, `xfd10`) or as `R1C1`, `R` or `C`.
fn looks_like_a_cell(name: &str) -> bool {
    let upper = name.to_ascii_uppercase();
    let letters = upper.chars().take_while(char::is_ascii_uppercase).count();
    let digits = &upper[letters..];
    let a1 = (1..=3).contains(&letters)
        && !digits.is_empty()
        && digits.chars().all(|c| c.is_ascii_digit());
    let r1c1 = upper == "R"
        || upper == "C"
        || upper.strip_prefix('R').is_some_and(|rest| {
            let rest = rest.trim_start_matches(|c: char| c.is_ascii_digit());
            rest.strip_prefix('C')
                .is_some_and(|c| c.chars().all(|c| c.is_ascii_digit()))
        });
    a1 || r1c1
}

/// A column's letters: 0 is `A`, 25 `Z`, 26 `AA`.
pub(crate) fn column_letters(column: u32) -> String {
    let mut n = u64::from(column) + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

/// Resolves places of the text to cells, a row at a time, as the rows are written again.
struct Finder<'p> {
    /// The places not resolved yet, in order.
    next: std::iter::Peekable<std::collections::btree_set::Iter<'p, (u64, u64)>>,
    found: Places,
    /// The last row written: its number and where its cells start.
    last: Option<(u32, Vec<(u64, u64)>)>,
}

impl<'p> Finder<'p> {
    fn new(places: &'p BTreeSet<(u64, u64)>) -> Self {
        Finder {
            next: places.iter().peekable(),
            found: BTreeMap::new(),
            last: None,
        }
    }

    /// The places found, those after the last row's start in the last row.
    fn finish(mut self) -> Places {
        self.resolve(u64::MAX);
        self.found
    }

    /// Takes a row written (`starts`: where each of its cells starts), after resolving the
    /// places before it against the row before. Says whether places are left to find.
    fn row(&mut self, row: u32, starts: &[(u64, u64)]) -> bool {
        let first = starts.first().map_or(u64::MAX, |s| s.0);
        self.resolve(first);
        match &mut self.last {
            Some((last, kept)) => {
                *last = row;
                kept.clear();
                kept.extend_from_slice(starts);
            }
            None => self.last = Some((row, starts.to_vec())),
        }
        self.next.peek().is_some()
    }

    /// Resolves the places on lines before `line` against the last row written.
    fn resolve(&mut self, line: u64) {
        while let Some(&&place) = self.next.peek() {
            if place.0 >= line {
                break;
            }
            self.next.next();
            if let Some((row, starts)) = &self.last {
                // The cell that starts last at or before the place holds it.
                let column = starts.partition_point(|s| *s <= place).saturating_sub(1);
                let column = u32::try_from(column).unwrap_or(u32::MAX);
                self.found.insert(place, (*row, column));
            }
        }
    }
}

/// Turns cells, given in order, into CSV text: one line per row, from column A.
struct Rows<'p, W> {
    out: W,
    /// When places are wanted: who takes each row's places.
    finder: Option<Finder<'p>>,
    /// The row being gathered.
    row: Option<u32>,
    /// The last row written.
    written: Option<u32>,
    /// The texts of the row's cells, one after another, and each cell's column and end.
    text: String,
    cells: Vec<(u32, usize)>,
    /// The line the next byte is on, and its column in code points (counted for places only).
    line: u64,
    column: u64,
    /// Where each cell of the row being written starts (for places only).
    starts: Vec<(u64, u64)>,
    /// Whether the finder has found everything it looks for.
    stopped: bool,
}

impl<'p, W: Write> Rows<'p, W> {
    fn new(out: W, finder: Option<Finder<'p>>) -> Self {
        Rows {
            out,
            finder,
            row: None,
            written: None,
            text: String::new(),
            cells: Vec::new(),
            line: 1,
            column: 1,
            starts: Vec::new(),
            stopped: false,
        }
    }

    /// Takes the next cell (0-based row and column); cells come row by row.
    fn cell(&mut self, row: u32, column: u32, value: Value<'_>) -> io::Result<()> {
        if self.row != Some(row) {
            if self.row.is_some_and(|r| r > row) {
                return Err(unreadable(format!(
                    "the cells of row {} come after those of row {}",
                    u64::from(row) + 1,
                    self.row.map_or(0, |r| u64::from(r) + 1)
                )));
            }
            self.flush()?;
            self.row = Some(row);
        }
        value.write(&mut self.text);
        self.cells.push((column, self.text.len()));
        Ok(())
    }

    /// Writes the row gathered, after a blank line for each blank row before it.
    fn flush(&mut self) -> io::Result<()> {
        let Some(row) = self.row.take() else {
            return Ok(());
        };
        if let Some(last) = self.written {
            for blank in last + 1..row {
                self.starts.clear();
                self.starts.push((self.line, 1));
                self.end_line()?;
                self.took_row(blank);
            }
        }
        // Cells in column order; of two in one column, the last.
        let mut cells: Vec<(u32, usize, usize)> = Vec::with_capacity(self.cells.len());
        let mut start = 0;
        for &(column, end) in &self.cells {
            cells.push((column, start, end));
            start = end;
        }
        cells.sort_by_key(|c| c.0);
        cells.dedup_by(|later, earlier| {
            let same = later.0 == earlier.0;
            if same {
                *earlier = *later;
            }
            same
        });
        let text = std::mem::take(&mut self.text);
        self.starts.clear();
        let mut next = 0;
        for (column, start, end) in cells {
            while next <= column {
                if next > 0 {
                    self.put(b",")?;
                }
                self.starts.push((self.line, self.column));
                next += 1;
            }
            self.put_cell(&text[start..end])?;
        }
        self.text = text;
        self.text.clear();
        self.cells.clear();
        self.end_line()?;
        self.took_row(row);
        self.written = Some(row);
        Ok(())
    }

    /// Writes a cell's text, quoted when it must be.
    fn put_cell(&mut self, text: &str) -> io::Result<()> {
        put_cell(text, |b| self.put(b))
    }

    /// Writes bytes, counting lines and columns when places are wanted.
    fn put(&mut self, bytes: &[u8]) -> io::Result<()> {
        if self.finder.is_some() {
            for &b in bytes {
                if b == b'\n' {
                    self.line += 1;
                    self.column = 1;
                } else if b & 0xC0 != 0x80 {
                    self.column += 1;
                }
            }
        }
        self.out.write_all(bytes)
    }

    fn end_line(&mut self) -> io::Result<()> {
        self.line += 1;
        self.column = 1;
        self.out.write_all(b"\n")
    }

    /// Hands a row written to the finder, if any.
    fn took_row(&mut self, row: u32) {
        if let Some(finder) = self.finder.as_mut()
            && !finder.row(row, &self.starts)
        {
            self.stopped = true;
        }
    }

    /// Writes the last row.
    fn finish(&mut self) -> io::Result<()> {
        self.flush()?;
        self.out.flush()
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_named_as_excel_names_them() {
        assert_eq!(cell_name("Sheet1", 6, 2), "Sheet1!C7");
        assert_eq!(cell_name("My sheet", 0, 0), "'My sheet'!A1");
        assert_eq!(cell_name("O'Brien", 0, 27), "'O''Brien'!AB1");
        assert_eq!(cell_name("2015", 9, 25), "'2015'!Z10");
        assert_eq!(cell_name("A1", 0, 0), "'A1'!A1");
        assert_eq!(cell_name("R2C3", 0, 0), "'R2C3'!A1");
        assert_eq!(cell_name("Réseaux", 1, 1), "Réseaux!B2");
        assert_eq!(cell_name("data.2015", 1, 1), "data.2015!B2");
        assert_eq!(column_letters(16_383), "XFD");
        assert_eq!(column_letters(701), "ZZ");
        assert_eq!(column_letters(702), "AAA");
    }

    #[test]
    fn dates_are_written_as_iso_8601() {
        let text = |v: Value<'_>| {
            let mut s = String::new();
            v.write(&mut s);
            s
        };
        assert_eq!(text(Value::Cell(CellValue::Float(2015.0))), "2015");
        use calamine::ExcelDateTimeType::{DateTime, TimeDelta};
        // 42064 is 2015-03-01 in Excel's 1900 system; .5 is noon.
        let day = |v| Value::Date(ExcelDateTime::new(v, DateTime, false));
        assert_eq!(text(day(42064.0)), "2015-03-01");
        assert_eq!(text(day(42064.5)), "2015-03-01T12:00:00");
        assert_eq!(text(day(0.75)), "18:00:00");
        let span = Value::Date(ExcelDateTime::new(1.5, TimeDelta, false));
        assert_eq!(text(span), "1.5");
    }

    /// The text of cells handed to [`Rows`], and the places of `wanted` in it.
    fn written(cells: &[(u32, u32, &str)], wanted: &[(u64, u64)]) -> (String, Places) {
        let mut out = Vec::new();
        let mut rows = Rows::new(&mut out, None);
        for &(r, c, t) in cells {
            rows.cell(r, c, Value::Cell(CellValue::Text(t))).unwrap();
        }
        rows.finish().unwrap();
        drop(rows);
        let places: BTreeSet<_> = wanted.iter().copied().collect();
        let mut rows = Rows::new(io::sink(), Some(Finder::new(&places)));
        for &(r, c, t) in cells {
            rows.cell(r, c, Value::Cell(CellValue::Text(t))).unwrap();
        }
        rows.finish().unwrap();
        let found = rows.finder.take().unwrap().finish();
        (String::from_utf8(out).unwrap(), found)
    }

    /// An `.xlsx` workbook, made with `rust_xlsxwriter`: two sheets, the second with cells of
    /// every kind from its third row on.
    fn xlsx() -> Vec<u8> {
        use rust_xlsxwriter::{ExcelDateTime as When, Format, Formula, Workbook};
        let mut book = Workbook::new();
        book.add_worksheet().write_string(0, 0, "first").unwrap();
        let sheet = book.add_worksheet();
        sheet.set_name("Data 2").unwrap();
        let date = Format::new().set_num_format("dd/mm/yyyy");
        let day = When::from_ymd(2015, 3, 1).unwrap();
        let noon = When::from_ymd(2015, 3, 1)
            .unwrap()
            .and_hms(12, 0, 0)
            .unwrap();
        let time = When::from_hms(18, 30, 5).unwrap();
        sheet.write_string(2, 0, "id").unwrap();
        sheet.write_string(2, 2, "a \"quoted\", text").unwrap();
        sheet.write_number(3, 0, 2015.0).unwrap();
        sheet.write_number(3, 1, 0.25).unwrap();
        sheet.write_boolean(3, 2, false).unwrap();
        sheet.write_datetime_with_format(5, 0, &day, &date).unwrap();
        sheet
            .write_datetime_with_format(5, 1, &noon, &date)
            .unwrap();
        sheet
            .write_datetime_with_format(5, 2, &time, &date)
            .unwrap();
        sheet.write_string(5, 3, "two\nlines").unwrap();
        let na = Formula::new("=NA()").set_result("#N/A");
        sheet.write_formula(6, 1, na).unwrap();
        book.save_to_buffer().unwrap()
    }

    #[test]
    fn an_xlsx_sheet_is_read_as_csv_text_and_its_places_are_found_again() {
        let bytes = xlsx();
        let mut sheet = open_sheet(Cursor::new(&bytes), Some("Data 2")).unwrap();
        assert_eq!(sheet.name(), "Data 2");
        let (text, walked) = sheet.with_text(|mut r| {
            let mut text = String::new();
            r.read_to_string(&mut text).unwrap();
            text
        });
        walked.unwrap();
        assert_eq!(
            text,
            "id,,\"a \"\"quoted\"\", text\"\n\
             2015,0.25,false\n\
             \n\
             2015-03-01,2015-03-01T12:00:00,18:30:05,\"two\nlines\"\n\
             ,#N/A\n"
        );
        // Written again, the text is the same.
        let mut again = Vec::new();
        sheet.write_csv(&mut again).unwrap();
        assert_eq!(again, text.as_bytes());
        let places = BTreeSet::from([(1, 5), (2, 6), (3, 1), (4, 41), (5, 2), (6, 2)]);
        let found = sheet.locate(&places).unwrap();
        let names: Vec<_> = found
            .values()
            .map(|&(r, c)| cell_name(sheet.name(), r, c))
            .collect();
        assert_eq!(
            names,
            [
                "'Data 2'!C3",
                "'Data 2'!B4",
                "'Data 2'!A5",
                "'Data 2'!D6",
                "'Data 2'!D6",
                "'Data 2'!B7"
            ]
        );
        // The first sheet by default; a sheet no one has, an error that names them all.
        let mut first = open_sheet(Cursor::new(&bytes), None).unwrap();
        let mut text = Vec::new();
        first.write_csv(&mut text).unwrap();
        assert_eq!(text, b"first\n");
        let Err(e) = open_sheet(Cursor::new(&bytes), Some("Data")) else {
            panic!("no sheet is named Data");
        };
        assert_eq!(e.kind(), io::ErrorKind::InvalidInput);
        assert!(
            e.to_string()
                .ends_with("its sheets are: \"Sheet1\", \"Data 2\""),
            "{e}"
        );
    }

    #[test]
    fn a_reader_that_stops_early_stops_the_walk() {
        let bytes = xlsx();
        let mut sheet = open_sheet(Cursor::new(&bytes), Some("Data 2")).unwrap();
        let ((), walked) = sheet.with_text(drop);
        // Nothing was read: the walk ends at once, whether it had written all or not.
        assert!(walked.is_ok() || walked.unwrap_err().kind() == io::ErrorKind::BrokenPipe);
    }

    #[test]
    fn rows_become_lines_from_column_a_and_places_go_back_to_cells() {
        let cells = [
            (2, 1, "id"),
            (2, 2, "name"),
            (3, 1, "a"),
            (3, 2, "x, \"y\""),
            (5, 3, "two\nlines"),
            (5, 1, "b"),
            (6, 0, "é"),
        ];
        let wanted = [
            (1, 1), // the header's empty column A
            (1, 2), // B3
            (2, 6), // inside "x, ""y""" (C4)
            (3, 1), // the blank row 5
            (4, 2), // B6
            (4, 4), // the empty C6
            (4, 5), // D6, quoted
            (5, 3), // D6's second line
            (6, 1), // A7
            (6, 2), // the comma after é: still A7
            (9, 1), // past the text
        ];
        let (text, found) = written(&cells, &wanted);
        assert_eq!(
            text,
            ",id,name\n,a,\"x, \"\"y\"\"\"\n\n,b,,\"two\nlines\"\né\n"
        );
        let at: Vec<_> = wanted.iter().map(|w| found.get(w).copied()).collect();
        assert_eq!(
            at,
            [
                Some((2, 0)),
                Some((2, 1)),
                Some((3, 2)),
                Some((4, 0)),
                Some((5, 1)),
                Some((5, 2)),
                Some((5, 3)),
                Some((5, 3)),
                Some((6, 0)),
                Some((6, 0)),
                Some((6, 0)),
            ]
        );
    }
}
