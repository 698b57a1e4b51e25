//! A table read with the `csv` crate: its options, its delimiter and header, and its rows one
//! at a time with the line and column of each cell.
//!
//! This is the reader of the header, of [`CsvReader`](super::CsvReader)'s rows and of wide
//! tables. Tables of records are read by the faster splitter of `chunks` once the header is
//! read: [`Table::into_rest`] hands it the decoder and the text read ahead.

use std::io::{self, Read};

use super::decode::{CHUNK, DecodeEvent, Decoded};
use super::place::{Place, places};

/// How a table is read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CsvOptions {
    /// The delimiter, or `None` to take the one the header line uses most among `,`, `;` and
    /// tab.
    pub delimiter: Option<u8>,
}

/// Keeps a copy of the decoded text the CSV reader has pulled and not yet turned into a record,
/// so that the place of each cell can be found.
struct Tap<R> {
    inner: Decoded<R>,
    /// Decoded text from the start of the current record on (from `start`).
    buf: Vec<u8>,
    start: usize,
}

impl<R: Read> Read for Tap<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(out)?;
        self.buf.extend_from_slice(&out[..n]);
        Ok(n)
    }
}

/// A CSV table read row by row, each row with the places of its cells. Memory holds one row
/// and the reader's buffers, whatever the number of rows.
pub(crate) struct Table<R: Read> {
    rdr: ::csv::Reader<Tap<R>>,
    /// The current row.
    pub record: ::csv::StringRecord,
    /// The places of the current row's cells.
    pub places: Vec<Place>,
    /// The current row's text, and the line it starts on.
    pub raw: Vec<u8>,
    pub raw_line: u64,
    /// The decoded offset of `tap.buf[0]`.
    base: u64,
    pub delimiter: u8,
    /// Whether the header line ends with CR LF (as Excel writes it).
    #[cfg_attr(not(feature = "fix"), allow(dead_code))]
    pub crlf: bool,
    /// The header's cells and their places.
    pub header: Vec<String>,
    pub header_places: Vec<Place>,
    /// Data rows read so far, blank ones included: the number of the current row.
    pub number: u64,
    /// Decoding problems placed in the current row (or the header).
    pub events: Vec<DecodeEvent>,
    /// The most bytes kept for finding places at once (for the streaming test).
    #[cfg(test)]
    pub max_kept: usize,
}

/// Whether a byte can separate cells: an ASCII character other than a quote or a line break.
pub(super) fn usable_delimiter(d: u8) -> bool {
    d.is_ascii() && !matches!(d, b'"' | b'\n' | b'\r')
}

pub(super) const BAD_DELIMITER: &str =
    "the delimiter must be one ASCII character other than a quote or a line break";

/// The delimiter a person gives (one character), or the one error that says what a delimiter
/// may be: the command line and the Python package read `--delimiter` / `delimiter=` with it.
pub fn parse_delimiter(c: char) -> Result<u8, &'static str> {
    u8::try_from(u32::from(c))
        .ok()
        .filter(|d| usable_delimiter(*d))
        .ok_or(BAD_DELIMITER)
}

/// Counts `,`, `;` and tabs outside quotes in the header line and takes the most used (`,` on a
/// tie or when there is none).
pub(super) fn detect_delimiter(line: &[u8]) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for &b in line {
        match b {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => break,
            b',' if !quoted => counts[0] += 1,
            b';' if !quoted => counts[1] += 1,
            b'\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let mut best = (b',', counts[0]);
    for (d, n) in [(b';', counts[1]), (b'\t', counts[2])] {
        if n > best.1 {
            best = (d, n);
        }
    }
    best.0
}

pub(super) fn csv_error(e: ::csv::Error) -> io::Error {
    match e.into_kind() {
        ::csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}

impl<R: Read> Table<R> {
    /// Opens a table and reads its header (empty when the input is).
    pub fn new(input: R, delimiter: Option<u8>) -> io::Result<Table<R>> {
        let mut decoded = Decoded::new(input);
        let first = decoded.peek_line(1 << 20)?;
        let crlf = first.ends_with(b"\r\n");
        let delimiter = match delimiter {
            Some(d) => d,
            None => detect_delimiter(first),
        };
        let rdr = ::csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .has_headers(false)
            .flexible(true)
            .from_reader(Tap {
                inner: decoded,
                buf: Vec::new(),
                start: 0,
            });
        let mut table = Table {
            rdr,
            record: ::csv::StringRecord::new(),
            places: Vec::new(),
            raw: Vec::new(),
            raw_line: 1,
            base: 0,
            delimiter,
            crlf,
            header: Vec::new(),
            header_places: Vec::new(),
            number: 0,
            events: Vec::new(),
            #[cfg(test)]
            max_kept: 0,
        };
        if table.read()? {
            table.header = table.record.iter().map(str::to_owned).collect();
            table.header_places = std::mem::take(&mut table.places);
        }
        Ok(table)
    }

    /// Reads the next record into `record` and `places`; false at the end.
    fn read(&mut self) -> io::Result<bool> {
        let more = self.rdr.read_record(&mut self.record).map_err(csv_error)?;
        if !more {
            self.events = self.rdr.get_mut().inner.take_events(None);
            self.places.clear();
            return Ok(false);
        }
        let (start, line) = self
            .record
            .position()
            .map_or((self.base, 1), |p| (p.byte(), p.line()));
        let end = self.rdr.position().byte();
        let fields = self.record.len();
        let delimiter = self.delimiter;
        let base = self.base;
        let tap = self.rdr.get_mut();
        let kept = tap.buf.len() - tap.start;
        let lo = usize::try_from(start.saturating_sub(base))
            .unwrap_or(usize::MAX)
            .min(kept);
        let hi = usize::try_from(end.saturating_sub(base))
            .unwrap_or(usize::MAX)
            .clamp(lo, kept);
        let text = &tap.buf[tap.start..];
        self.places = places(&text[lo..hi], line, delimiter, fields);
        self.raw.clear();
        self.raw.extend_from_slice(&text[lo..hi]);
        self.raw_line = line;
        #[cfg(test)]
        {
            self.max_kept = self.max_kept.max(tap.buf.len());
        }
        tap.start += hi;
        // Forget the text of records read, now and then rather than at each record.
        if tap.start >= CHUNK {
            tap.buf.drain(..tap.start);
            tap.start = 0;
        }
        self.base = base + hi as u64;
        self.events = tap.inner.take_events(Some(end));
        Ok(true)
    }

    /// The rest of the input after the rows read: the decoder, the text it has given that
    /// is not read yet, and that text's decoded offset and line.
    pub fn into_rest(self) -> (Decoded<R>, Vec<u8>, u64, u64) {
        let line = self.rdr.position().line();
        let base = self.base;
        let tap = self.rdr.into_inner();
        let carry = tap.buf.get(tap.start..).unwrap_or_default().to_vec();
        (tap.inner, carry, base, line)
    }

    /// The encoding read so far (see [`Decoded::encoding`]) and whether the text started with
    /// a byte-order mark.
    #[cfg(feature = "fix")]
    pub fn encoding(&self) -> (&'static str, bool) {
        let decoded = &self.rdr.get_ref().inner;
        (decoded.encoding(), decoded.had_byte_order_mark())
    }

    /// Reads the next data row; false at the end.
    pub fn next_row(&mut self) -> io::Result<bool> {
        let more = self.read()?;
        if more {
            self.number += 1;
        }
        Ok(more)
    }

    /// Whether every cell of the current row is empty or blank (a row Excel leaves as `;;;`).
    pub fn row_is_blank(&self) -> bool {
        self.record.iter().all(|c| c.trim().is_empty())
    }

    /// The place of cell `i` of the current row (the row's start when there is no such cell).
    pub fn place(&self, i: usize) -> Place {
        self.places
            .get(i)
            .or_else(|| self.places.first())
            .copied()
            .unwrap_or(Place { line: 1, column: 1 })
    }

    /// The place of the current row's first cell.
    pub fn row_place(&self) -> Place {
        self.place(0)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn detects_the_delimiter_from_the_header() {
        assert_eq!(detect_delimiter(b"id;name;acronym\n"), b';');
        assert_eq!(detect_delimiter(b"id\tname\n"), b'\t');
        assert_eq!(detect_delimiter(b"id,name\n"), b',');
        assert_eq!(detect_delimiter(b"\"a;b;c\",d\n"), b',');
        assert_eq!(detect_delimiter(b"id\n"), b',');
    }

    #[test]
    fn a_table_gives_rows_with_places_and_keeps_little_in_memory() {
        // Rows made as they are read: the input is never held whole.
        struct Rows {
            left: u64,
            pending: Vec<u8>,
        }
        impl Read for Rows {
            fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
                if self.pending.is_empty() && self.left > 0 {
                    self.left -= 1;
                    self.pending =
                        format!("net-{0};Network {0};\"a;b\"\r\n", self.left).into_bytes();
                }
                let n = self.pending.len().min(buf.len());
                buf[..n].copy_from_slice(&self.pending[..n]);
                self.pending.drain(..n);
                Ok(n)
            }
        }
        let input = Rows {
            left: 200_000,
            pending: b"id;name;x\r\n".to_vec(),
        };
        let mut t = Table::new(input, None).unwrap();
        assert_eq!(t.delimiter, b';');
        assert_eq!(t.header, ["id", "name", "x"]);
        let mut rows = 0;
        while t.next_row().unwrap() {
            rows += 1;
            assert_eq!(t.place(2).line, rows + 1);
            assert_eq!(t.place(0).column, 1);
            assert_eq!(&t.record[2], "a;b");
        }
        assert_eq!(rows, 200_000);
        assert!(t.max_kept < 3 * CHUNK, "kept {} bytes", t.max_kept);
    }
}
