//! CSV tables of network or membership records: one record per row, read as a stream and
//! validated against the committed schema of the record type.
//!
//! The mapping between columns and fields is derived from the committed schema, so it cannot
//! disagree with it:
//!
//! - a scalar field is a column named after it (`id`, `name`, `status`); a field of a nested
//!   object is a dotted column (`parent.relation`, `member.city`);
//! - a list of scalars is one cell with the items separated by `|` (`climate|energy`), or a
//!   JSON list (`["a|b"]`) when an item holds a `|`;
//! - a list of objects (`memberships`, `roles`, `sources`, `member_counts`…) is one cell holding
//!   the JSON list; a nested object may also be given whole as a JSON cell (`parent`);
//! - an empty cell means the field is absent;
//! - a cell is converted to the type the schema wants (integers where the schema says
//!   `integer`); a cell that cannot be converted is kept as a string, so that the schema's own
//!   verdict names the problem.
//!
//! A column the schema does not define is an `unknown_field` problem in each row that fills it,
//! as `additionalProperties: false` makes it; a JSON cell that is not JSON is a `syntax`
//! problem at that cell. The mapped record is then validated by the same engine as JSON input
//! ([`super::validate_value`]), and each problem is placed at the cell it comes
//! from: `record` is the data row (1-based, the header excluded), `line` and `column` the
//! cell's place in the file (column in Unicode code points), `column_name` the column's header
//! and `instance_location` the place within the mapped record.
//!
//! Text encodings: UTF-8 with or without a byte-order mark; UTF-16 (with a byte-order mark, or
//! recognised by its zero bytes) and Windows-1252 (what Excel's "CSV" writes on Western-European
//! Windows: recognised by a byte that is not UTF-8 in a file that has been plain ASCII up to
//! there, without zero bytes) are decoded with an `encoding` warning naming the encoding. Bytes
//! that cannot be decoded are `encoding` errors at their place. The delimiter (`,`, `;` or tab)
//! is the one the header line uses most, unless given.
//!
//! ```
//! use citynets::DocumentKind;
//! use citynets::validate::csv::{CsvOptions, validate_csv_bytes};
//! use citynets::validate::{Code, Options};
//!
//! let table = "id;name;policy_areas\neurocities;Eurocities;culture|mobilty\n";
//! let options = Options { document: Some(DocumentKind::Network), ..Options::default() };
//! let report = validate_csv_bytes(table.as_bytes(), &options, &CsvOptions::default());
//! let p = &report.problems[0];
//! assert_eq!(p.code, Code::UnknownVariant);
//! assert_eq!(p.instance_location, "/policy_areas/1");
//! assert_eq!(p.column_name.as_deref(), Some("policy_areas"));
//! assert_eq!((p.record, p.line, p.column), (Some(1), Some(2), Some(23)));
//! assert_eq!(p.suggestion.as_deref(), Some("mobility"));
//! ```

use std::collections::{HashMap, VecDeque};
use std::io::{self, Read, Write};

use serde::Serialize;
use serde_json::{Map, Number, Value};

use super::compiled::{Compiled, ty};
use super::csv_chunks::check_table;
use super::csv_row::RowShape;
use super::csv_split::RowCells;
use super::ids::{IdMap, first_use, id_hash, repeated_message};
use super::json_cell;
use super::json_place;
use super::rules::{membership_is_quiet, network_is_quiet};
use super::view::{MembershipView, NetworkView};
use super::{
    Code, Format, MAX_DEPTH, Options, Problem, Report, Severity, suggest, validate_bytes,
    validate_value,
};
use crate::DocumentKind;

/// How many bytes are read from the input at a time.
const CHUNK: usize = 64 * 1024;

/// How a table is read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CsvOptions {
    /// The delimiter, or `None` to take the one the header line uses most among `,`, `;` and
    /// tab.
    pub delimiter: Option<u8>,
}

// ---------------------------------------------------------------------------------------------
// Decoding
// ---------------------------------------------------------------------------------------------

/// A notice or error found while decoding, placed in the decoded text.
#[derive(Debug, Clone)]
pub(crate) struct DecodeEvent {
    /// Offset in the decoded text.
    pub offset: u64,
    pub line: u64,
    pub column: u64,
    pub severity: Severity,
    pub message: String,
}

enum Mode {
    Utf8,
    Windows1252,
    Utf16(Box<encoding_rs::Decoder>),
}

/// Reads a text file in UTF-8 (with or without a byte-order mark), UTF-16 or Windows-1252 and
/// yields it as UTF-8, without the byte-order mark. Bytes that cannot be decoded become U+FFFD.
///
/// [`validate_csv_reader`] reads its input through one; the command line uses one to show the
/// lines of a problem in the text a person sees.
///
/// ```
/// use std::io::Read;
///
/// let mut text = String::new();
/// citynets::validate::csv::Decoded::new(&b"city\nLi\xe8ge\n"[..]).read_to_string(&mut text).unwrap();
/// assert_eq!(text, "city\nLiège\n");
/// ```
pub struct Decoded<R> {
    inner: R,
    mode: Mode,
    started: bool,
    eof: bool,
    flushed: bool,
    /// Bytes read and not yet decoded.
    raw: Vec<u8>,
    /// The decoded bytes of UTF-16, before they join `out`.
    scratch: Vec<u8>,
    /// The UTF-16 decoder was told that the input ended.
    finished: bool,
    /// The file offset of `raw[0]`.
    raw_offset: u64,
    /// Decoded text not yet handed out, from `out_pos`.
    out: Vec<u8>,
    out_pos: usize,
    /// How many decoded bytes were produced in all.
    produced: u64,
    /// The line and column of the next decoded character.
    line: u64,
    column: u64,
    ascii_only: bool,
    seen_nul: bool,
    bom: bool,
    encoding: &'static str,
    events: VecDeque<DecodeEvent>,
    /// How many bytes the next read asks for (see [`read_more`]).
    want: usize,
    /// How many reads went straight into the caller's buffer (see `read_straight`).
    #[cfg(test)]
    straight: usize,
}

impl<R: Read> Decoded<R> {
    /// Decodes `inner`; the encoding is recognised from the first bytes read.
    pub fn new(inner: R) -> Self {
        Decoded {
            inner,
            mode: Mode::Utf8,
            started: false,
            eof: false,
            flushed: false,
            raw: Vec::new(),
            scratch: Vec::new(),
            finished: false,
            raw_offset: 0,
            out: Vec::new(),
            out_pos: 0,
            produced: 0,
            line: 1,
            column: 1,
            ascii_only: true,
            seen_nul: false,
            bom: false,
            encoding: "UTF-8",
            events: VecDeque::new(),
            want: CHUNK,
            #[cfg(test)]
            straight: 0,
        }
    }

    /// The encoding the text is read in (so far: a file read as UTF-8 may turn out to be
    /// Windows-1252 at its first byte that is not UTF-8).
    pub fn encoding(&self) -> &'static str {
        self.encoding
    }

    /// Reads up to [`CHUNK`] more bytes into `raw` (straight into it: no buffer between).
    fn fill(&mut self) -> io::Result<()> {
        // One `read` into room made for it: `read_to_end` reads in small steps first, and
        // probes for the end with a read of its own (over 3,000 reads for a 49 MB file,
        // against 750 this way).
        let n = read_more(&mut self.inner, &mut self.raw, &mut self.want)?;
        if n == 0 {
            self.eof = true;
        }
        Ok(())
    }

    fn event(&mut self, severity: Severity, message: String) {
        self.events.push_back(DecodeEvent {
            offset: self.produced,
            line: self.line,
            column: self.column,
            severity,
            message,
        });
    }

    /// Recognises the encoding from the first bytes.
    fn start(&mut self) -> io::Result<()> {
        self.started = true;
        while self.raw.len() < 4 && !self.eof {
            self.fill()?;
        }
        let utf16 = |name: &'static str, le: bool| {
            let enc = if le {
                encoding_rs::UTF_16LE
            } else {
                encoding_rs::UTF_16BE
            };
            (
                name,
                Mode::Utf16(Box::new(enc.new_decoder_without_bom_handling())),
            )
        };
        let (skip, found) = match self.raw.as_slice() {
            [0xEF, 0xBB, 0xBF, ..] => {
                self.bom = true;
                self.encoding = "UTF-8 (with a byte-order mark)";
                (3, None)
            }
            [0xFF, 0xFE, ..] => (
                2,
                Some(utf16(
                    "UTF-16 (little-endian, with a byte-order mark)",
                    true,
                )),
            ),
            [0xFE, 0xFF, ..] => (
                2,
                Some(utf16("UTF-16 (big-endian, with a byte-order mark)", false)),
            ),
            [0, a, 0, b, ..] if *a != 0 && *b != 0 => (
                0,
                Some(utf16(
                    "UTF-16 (big-endian, without a byte-order mark)",
                    false,
                )),
            ),
            [a, 0, b, 0, ..] if *a != 0 && *b != 0 => (
                0,
                Some(utf16(
                    "UTF-16 (little-endian, without a byte-order mark)",
                    true,
                )),
            ),
            _ => (0, None),
        };
        self.raw.drain(..skip);
        self.raw_offset = skip as u64;
        if let Some((name, mode)) = found {
            self.mode = mode;
            self.encoding = name;
            self.event(
                Severity::Warning,
                format!(
                    "the file was decoded as {name}, the encoding of Excel's \"Unicode Text\"; UTF-8 is the usual encoding of CSV"
                ),
            );
        }
        Ok(())
    }

    fn push_text(&mut self, bytes: &[u8]) {
        self.account(bytes);
        if self.out_pos == self.out.len() {
            self.out.clear();
            self.out_pos = 0;
        }
        self.out.extend_from_slice(bytes);
    }

    /// Counts decoded text handed out: its lines, the column after it, whether all of it so
    /// far is ASCII and whether it has held a NUL.
    fn account(&mut self, bytes: &[u8]) {
        if self.ascii_only && !bytes.is_ascii() {
            self.ascii_only = false;
        }
        // A NUL only matters while the text is ASCII (see `decode_utf8`): a file with other
        // letters is not searched for one.
        if self.ascii_only && !self.seen_nul && memchr::memchr(0, bytes).is_some() {
            self.seen_nul = true;
        }
        // Lines are counted a word at a time; columns only after the last line break.
        let breaks = memchr::memchr_iter(b'\n', bytes).count() as u64;
        let tail = match memchr::memrchr(b'\n', bytes) {
            Some(last) => {
                self.line += breaks;
                self.column = 1;
                &bytes[last + 1..]
            }
            None => bytes,
        };
        self.column += tail.iter().filter(|&&b| b & 0xC0 != 0x80).count() as u64;
        self.produced += bytes.len() as u64;
    }

    fn replacement(&mut self) {
        self.push_text("\u{FFFD}".as_bytes());
    }

    /// The usual case of [`decode_utf8`](Self::decode_utf8): no text is pending and what was
    /// read is UTF-8, apart from a sequence cut off by the end of the read. The bytes read then
    /// become the pending text as they are, without a copy. Whether that was so.
    fn take_valid_utf8(&mut self) -> bool {
        if self.out_pos != self.out.len() {
            return false;
        }
        let valid = match std::str::from_utf8(&self.raw) {
            Ok(_) => self.raw.len(),
            Err(e) if e.error_len().is_none() && !self.eof => e.valid_up_to(),
            Err(_) => return false,
        };
        if valid == 0 {
            return false;
        }
        // The cut-off sequence stays to be read, in the buffer the old text was in.
        let mut next = std::mem::take(&mut self.out);
        next.clear();
        next.extend_from_slice(&self.raw[valid..]);
        let mut text = std::mem::replace(&mut self.raw, next);
        text.truncate(valid);
        self.account(&text);
        self.raw_offset += valid as u64;
        self.out = text;
        self.out_pos = 0;
        true
    }

    /// Decodes what `raw` holds, keeping an incomplete last sequence for the next round.
    fn decode(&mut self) {
        match self.mode {
            Mode::Utf8 => self.decode_utf8(),
            Mode::Windows1252 => self.decode_1252(),
            Mode::Utf16(_) => self.decode_utf16(),
        }
    }

    fn decode_1252(&mut self) {
        let mut raw = std::mem::take(&mut self.raw);
        let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&raw);
        self.push_text(text.as_bytes());
        self.raw_offset += raw.len() as u64;
        raw.clear();
        self.raw = raw;
    }

    fn decode_utf8(&mut self) {
        if self.take_valid_utf8() {
            return;
        }
        let raw = std::mem::take(&mut self.raw);
        let mut i = 0;
        while i < raw.len() {
            let rest = &raw[i..];
            let (valid, bad) = match std::str::from_utf8(rest) {
                Ok(_) => (rest.len(), None),
                Err(e) => (e.valid_up_to(), Some(e.error_len())),
            };
            self.push_text(&rest[..valid]);
            i += valid;
            let bad = match bad {
                None => continue,
                Some(Some(n)) => n,
                // An incomplete sequence at the end of what was read.
                Some(None) if !self.eof => break,
                Some(None) => raw.len() - i,
            };
            if !self.bom && self.ascii_only && !self.seen_nul {
                // Plain ASCII up to here: reading the whole file as Windows-1252 gives the same
                // text up to here, and Excel's "CSV" is Windows-1252.
                let byte = raw[i];
                self.encoding = "Windows-1252";
                self.event(
                    Severity::Warning,
                    format!(
                        "the file is not UTF-8 (byte 0x{byte:02X} here is not UTF-8 text); it was read as Windows-1252, the encoding of Excel's \"CSV\" on Western-European Windows. If letters look wrong, save the file as \"CSV UTF-8\" and check it again"
                    ),
                );
                self.mode = Mode::Windows1252;
                let mut raw = raw;
                raw.drain(..i);
                self.raw = raw;
                self.raw_offset += i as u64;
                self.decode_1252();
                return;
            }
            let hex: Vec<String> = raw[i..i + bad]
                .iter()
                .map(|b| format!("0x{b:02X}"))
                .collect();
            let why = if self.bom {
                "the file starts with a UTF-8 byte-order mark".to_owned()
            } else {
                "the file holds UTF-8 text before this point, so it is not read as Windows-1252 either".to_owned()
            };
            self.event(
                Severity::Error,
                format!(
                    "byte{} {} (at byte {} of the file) {} not UTF-8, and {why}; save the file as \"CSV UTF-8\"",
                    if bad == 1 { "" } else { "s" },
                    hex.join(" "),
                    self.raw_offset + i as u64,
                    if bad == 1 { "is" } else { "are" },
                ),
            );
            self.replacement();
            i += bad;
        }
        self.raw_offset += i as u64;
        let mut raw = raw;
        raw.drain(..i);
        self.raw = raw;
    }

    fn decode_utf16(&mut self) {
        if self.finished {
            // Nothing can follow the end of the input.
            self.raw.clear();
            return;
        }
        let Mode::Utf16(mut decoder) = std::mem::replace(&mut self.mode, Mode::Utf8) else {
            return;
        };
        let mut raw = std::mem::take(&mut self.raw);
        let mut scratch = std::mem::take(&mut self.scratch);
        if scratch.len() < CHUNK * 2 {
            scratch.resize(CHUNK * 2, 0);
        }
        let last = self.eof;
        let mut i = 0;
        loop {
            let (result, read, written) =
                decoder.decode_to_utf8_without_replacement(&raw[i..], &mut scratch, last);
            self.push_text(&scratch[..written.min(scratch.len())]);
            i += read;
            match result {
                encoding_rs::DecoderResult::InputEmpty => {
                    self.finished = last;
                    break;
                }
                encoding_rs::DecoderResult::OutputFull => {}
                encoding_rs::DecoderResult::Malformed(bad, extra) => {
                    let at = (self.raw_offset + i as u64)
                        .saturating_sub(u64::from(bad) + u64::from(extra));
                    self.event(
                        Severity::Error,
                        format!(
                            "the bytes at byte {at} of the file are not UTF-16 text (an unpaired surrogate or an odd last byte)"
                        ),
                    );
                    self.replacement();
                }
            }
        }
        self.raw_offset += raw.len() as u64;
        raw.clear();
        self.raw = raw;
        self.scratch = scratch;
        self.mode = Mode::Utf16(decoder);
    }

    /// Decodes until some text is pending or the input is exhausted.
    fn produce(&mut self) -> io::Result<()> {
        if !self.started {
            self.start()?;
        }
        while self.out_pos == self.out.len() {
            if self.eof {
                if self.flushed {
                    return Ok(());
                }
                // The last call tells the decoder that nothing follows.
                self.flushed = true;
                self.decode();
                continue;
            }
            if self.raw.len() < CHUNK {
                self.fill()?;
            }
            self.decode();
        }
        Ok(())
    }

    /// Decodes until the pending text holds a line break (or `limit` bytes, or the end), and
    /// returns the pending text.
    fn peek_line(&mut self, limit: usize) -> io::Result<&[u8]> {
        self.produce()?;
        loop {
            let pending = &self.out[self.out_pos..];
            if pending.contains(&b'\n') || pending.len() >= limit || (self.eof && self.flushed) {
                break;
            }
            if self.eof {
                self.flushed = true;
                self.decode();
                continue;
            }
            self.fill()?;
            self.decode();
        }
        Ok(&self.out[self.out_pos..])
    }

    /// Takes the events placed before `offset` of the decoded text (all of them for `None`).
    pub(crate) fn take_events(&mut self, before: Option<u64>) -> Vec<DecodeEvent> {
        let mut taken = Vec::new();
        while let Some(e) = self.events.front() {
            if before.is_some_and(|b| e.offset >= b) {
                break;
            }
            if let Some(e) = self.events.pop_front() {
                taken.push(e);
            }
        }
        taken
    }
}

/// Appends up to `want` bytes read from `inner` to `buf`, in one `read` (tried again when
/// interrupted); how many, 0 at the end. The room read into is zeroed first, so `want`
/// follows what reads give: [`CHUNK`] from a file, which fills each read, and twice the last
/// read (4 KB at least) from a pipe that hands out less, rather than zero 64 KB for each.
fn read_more(inner: &mut impl Read, buf: &mut Vec<u8>, want: &mut usize) -> io::Result<usize> {
    let old = buf.len();
    buf.resize(old + *want, 0);
    let n = loop {
        match inner.read(&mut buf[old..]) {
            Ok(n) => break n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => {
                buf.truncate(old);
                return Err(e);
            }
        }
    };
    buf.truncate(old + n);
    *want = if n >= *want {
        CHUNK
    } else {
        (2 * n).clamp(4096, CHUNK)
    };
    Ok(n)
}

impl<R: Read> Decoded<R> {
    /// Appends the next decoded text to `dst` (what a read would give, without the copy into
    /// a buffer of its own); 0 at the end.
    pub(crate) fn append_to(&mut self, dst: &mut Vec<u8>) -> io::Result<usize> {
        match self.read_straight(dst)? {
            Some(n) => return Ok(n),
            None => self.produce()?,
        }
        let pending = &self.out[self.out_pos..];
        dst.extend_from_slice(pending);
        self.out_pos = self.out.len();
        Ok(pending.len())
    }

    /// The usual case of [`append_to`](Self::append_to), UTF-8 text with nothing pending: the
    /// bytes are read straight into `dst` and checked there, not read into a buffer of their
    /// own and copied. How many bytes of text were added (never 0); `None` when the next text
    /// must come the general way: before the encoding is known, in another encoding, with
    /// text or bytes pending, at the end, or when what was read starts with bytes that are not
    /// UTF-8 or with a sequence cut off by the read. Bytes read after the text added wait in
    /// `raw` for the general way, which the text before them leaves where it would have.
    fn read_straight(&mut self, dst: &mut Vec<u8>) -> io::Result<Option<usize>> {
        if !self.started
            || !matches!(self.mode, Mode::Utf8)
            || self.eof
            || !self.raw.is_empty()
            || self.out_pos != self.out.len()
        {
            return Ok(None);
        }
        let old = dst.len();
        if read_more(&mut self.inner, dst, &mut self.want)? == 0 {
            self.eof = true;
            return Ok(None);
        }
        let read = dst.get(old..).unwrap_or_default();
        let valid = match std::str::from_utf8(read) {
            Ok(_) => read.len(),
            Err(e) => e.valid_up_to(),
        };
        self.raw
            .extend_from_slice(read.get(valid..).unwrap_or_default());
        dst.truncate(old + valid);
        if valid == 0 {
            return Ok(None);
        }
        self.account(dst.get(old..).unwrap_or_default());
        self.raw_offset += valid as u64;
        #[cfg(test)]
        {
            self.straight += 1;
        }
        Ok(Some(valid))
    }
}

impl<R: Read> Read for Decoded<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.produce()?;
        let pending = &self.out[self.out_pos..];
        let n = pending.len().min(buf.len());
        buf[..n].copy_from_slice(&pending[..n]);
        self.out_pos += n;
        Ok(n)
    }
}

// ---------------------------------------------------------------------------------------------
// Rows with the places of their cells
// ---------------------------------------------------------------------------------------------

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

/// The place of a cell in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Place {
    pub line: u64,
    pub column: u64,
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
fn usable_delimiter(d: u8) -> bool {
    d.is_ascii() && !matches!(d, b'"' | b'\n' | b'\r')
}

const BAD_DELIMITER: &str =
    "the delimiter must be one ASCII character other than a quote or a line break";

/// Counts `,`, `;` and tabs outside quotes in the header line and takes the most used (`,` on a
/// tie or when there is none).
pub(crate) fn detect_delimiter(line: &[u8]) -> u8 {
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

fn csv_error(e: ::csv::Error) -> io::Error {
    match e.into_kind() {
        ::csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}

/// The places of the cells of one record, found again in its text: `fields` cells, starting at
/// `line`, skipping the line breaks a record may start with.
pub(crate) fn places(raw: &[u8], line: u64, delimiter: u8, fields: usize) -> Vec<Place> {
    let mut out = Vec::with_capacity(fields);
    walk_cells(raw, line, delimiter, fields, |place, _| out.push(place));
    out
}

/// The place of cell `cell` (from 0) of a record's text: [`places`] without the list.
pub(crate) fn place_of(raw: &[u8], line: u64, delimiter: u8, cell: usize) -> Place {
    let mut last = Place { line, column: 1 };
    walk_cells(raw, line, delimiter, cell + 1, |place, _| last = place);
    last
}

/// [`places`], with the byte offset of each cell in `raw`.
pub(crate) fn cells_in(raw: &[u8], line: u64, delimiter: u8, fields: usize) -> Vec<(Place, usize)> {
    let mut out = Vec::with_capacity(fields);
    walk_cells(raw, line, delimiter, fields, |place, at| {
        out.push((place, at))
    });
    out
}

/// Walks the first `fields` cells of a record's text, handing each one's place and byte
/// offset to `cell`. It stops at the start of the last of them: the text of that cell is not
/// read (when the id is a row's first cell, its place is found at once).
fn walk_cells(
    raw: &[u8],
    mut line: u64,
    delimiter: u8,
    fields: usize,
    mut cell: impl FnMut(Place, usize),
) {
    let mut i = 0;
    let mut column = 1;
    while i < raw.len() && (raw[i] == b'\n' || raw[i] == b'\r') {
        if raw[i] == b'\n' {
            line += 1;
        }
        column = 1;
        i += 1;
    }
    for n in 0..fields {
        cell(Place { line, column }, i);
        if n + 1 == fields {
            return;
        }
        if raw.get(i) == Some(&b'"') {
            i += 1;
            column += 1;
            while i < raw.len() {
                let b = raw[i];
                if b == b'"' {
                    if raw.get(i + 1) == Some(&b'"') {
                        i += 2;
                        column += 2;
                        continue;
                    }
                    i += 1;
                    column += 1;
                    break;
                }
                if b == b'\n' {
                    line += 1;
                    column = 1;
                } else if b & 0xC0 != 0x80 {
                    column += 1;
                }
                i += 1;
            }
        }
        while i < raw.len() && raw[i] != delimiter && raw[i] != b'\n' && raw[i] != b'\r' {
            if raw[i] & 0xC0 != 0x80 {
                column += 1;
            }
            i += 1;
        }
        if raw.get(i) == Some(&delimiter) {
            i += 1;
            column += 1;
        }
    }
}

impl<R: Read> Table<R> {
    /// Opens a table and reads its header (empty when the input is).
    pub fn new(input: R, delimiter: Option<u8>) -> io::Result<Table<R>> {
        let mut decoded = Decoded::new(input);
        let delimiter = match delimiter {
            Some(d) => d,
            None => detect_delimiter(decoded.peek_line(1 << 20)?),
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

// ---------------------------------------------------------------------------------------------
// Problems
// ---------------------------------------------------------------------------------------------

/// Gathers problems into a report, keeping at most the number the options say.
pub(crate) struct Collector {
    pub report: Report,
    max: usize,
    path: Option<String>,
}

impl Collector {
    pub fn new(options: &Options) -> Collector {
        Collector {
            report: Report::default(),
            max: options.max_problems,
            path: options.path.clone(),
        }
    }

    pub fn push(&mut self, mut p: Problem) {
        match p.severity {
            Severity::Error => self.report.errors += 1,
            Severity::Warning => self.report.warnings += 1,
        }
        if self.report.problems.len() < self.max {
            p.path.clone_from(&self.path);
            self.report.problems.push(p);
        }
    }
}

/// A problem at a place of the table.
#[allow(clippy::too_many_arguments)]
pub(crate) fn problem(
    code: Code,
    severity: Severity,
    record: Option<u64>,
    place: Place,
    column_name: Option<&str>,
    instance: String,
    keyword: String,
    error: String,
    suggestion: Option<String>,
) -> Problem {
    Problem {
        path: None,
        instance_location: instance,
        keyword_location: keyword,
        record,
        line: Some(place.line),
        column: Some(place.column),
        code,
        severity,
        error,
        suggestion,
        column_name: column_name.map(str::to_owned),
    }
}

/// A syntax error at a place of the table that belongs to no record and no column (the table
/// as a whole, or a row that could not be read).
pub(crate) fn table_error(place: Place, message: String) -> Problem {
    problem(
        Code::Syntax,
        Severity::Error,
        None,
        place,
        None,
        String::new(),
        String::new(),
        message,
        None,
    )
}

/// The decoding problems of the current row as problems.
pub(crate) fn decode_problems(events: &[DecodeEvent], record: Option<u64>) -> Vec<Problem> {
    events
        .iter()
        .map(|e| {
            problem(
                Code::Encoding,
                e.severity,
                record,
                Place {
                    line: e.line,
                    column: e.column,
                },
                None,
                String::new(),
                String::new(),
                e.message.clone(),
                None,
            )
        })
        .collect()
}

/// Escapes a JSON Pointer token.
pub(crate) fn escape(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// The tokens of a JSON Pointer.
pub(crate) fn tokens(pointer: &str) -> Vec<String> {
    if pointer.is_empty() {
        return Vec::new();
    }
    pointer
        .split('/')
        .skip(1)
        .map(|t| t.replace("~1", "/").replace("~0", "~"))
        .collect()
}

/// A JSON Pointer of tokens.
pub(crate) fn pointer<S: AsRef<str>>(tokens: &[S]) -> String {
    tokens
        .iter()
        .map(|t| format!("/{}", escape(t.as_ref())))
        .collect()
}

/// The required fields of the object at `at` (a pointer's tokens) that `record` lacks, in the
/// schema's order: what the engine's `missing_field` problems at that place name, one each.
pub(crate) fn missing_fields(schema: &Compiled, record: &Value, at: &[String]) -> Vec<String> {
    let mut node = Some(schema.root);
    let mut value = Some(record);
    for t in at {
        let n = node.map(|n| &schema.nodes[n]);
        node = match value {
            Some(Value::Array(_)) => n.and_then(|n| n.items),
            _ => n.and_then(|n| n.property(t)),
        };
        value = match value {
            Some(Value::Array(a)) => t.parse::<usize>().ok().and_then(|i| a.get(i)),
            Some(Value::Object(o)) => o.get(t),
            _ => None,
        };
    }
    let (Some(n), Some(Value::Object(o))) = (node, value) else {
        return Vec::new();
    };
    schema.nodes[n]
        .required
        .iter()
        .filter(|r| !o.contains_key(*r))
        .cloned()
        .collect()
}

// ---------------------------------------------------------------------------------------------
// The mapping of columns to fields
// ---------------------------------------------------------------------------------------------

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
struct Column {
    /// The header: field names joined by dots.
    name: String,
    /// The field names from the record's root.
    keys: Vec<String>,
    shape: Shape,
    /// The schema node of the value (for a list: of its items).
    node: usize,
    /// Whether the column is written by [`CsvWriter`] (a whole-object JSON column is only
    /// read).
    written: bool,
    /// Where the writer puts it.
    rank: (u8, u8, usize),
}

/// The columns of a record type, derived from its compiled schema.
struct Plan {
    kind: DocumentKind,
    schema: &'static Compiled,
    columns: Vec<Column>,
    by_name: HashMap<String, usize>,
}

impl Plan {
    fn new(kind: DocumentKind) -> Plan {
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
    fn written(&self) -> Vec<&Column> {
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
/// keep theirs the same way ([`IdUses`](super::ids::IdUses)).
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
                    match json_cell::read(text) {
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
                                            json_place::place_in_cell(
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
                                    json_cell::message(r.path.last().map_or("", String::as_str)),
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
        [targets, ats].into_iter().flatten().find_map(|path| {
            json_place::place_in_cell(&row.raw, self.delimiter, offset, place, &path)
        })
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
/// hash, the first [`ID_CAP`](super::ids::ID_CAP) distinct ones, as for JSON input.
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
                repeated_message(text.text(&id), first),
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

// ---------------------------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------------------------

/// Writes records of one type as a CSV table in the shape [`CsvReader`] reads: a header with
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

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    fn decode(bytes: &[u8]) -> (String, Vec<DecodeEvent>, &'static str) {
        let mut d = Decoded::new(bytes);
        let mut text = String::new();
        d.read_to_string(&mut text).unwrap();
        let events = d.take_events(None);
        (text, events, d.encoding())
    }

    #[test]
    fn decodes_utf8_with_and_without_a_byte_order_mark() {
        let (t, e, enc) = decode("a,b\nLiège,é\n".as_bytes());
        assert_eq!(t, "a,b\nLiège,é\n");
        assert!(e.is_empty());
        assert_eq!(enc, "UTF-8");
        let (t, e, enc) = decode("\u{FEFF}a\nç\n".as_bytes());
        assert_eq!(t, "a\nç\n");
        assert!(e.is_empty());
        assert!(enc.contains("byte-order mark"));
    }

    #[test]
    fn reads_windows_1252_when_the_first_bad_byte_follows_plain_ascii() {
        let (t, e, enc) = decode(b"city;country\nLi\xe8ge;BE\n\x80\n");
        assert_eq!(t, "city;country\nLiège;BE\n€\n");
        assert_eq!(enc, "Windows-1252");
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].severity, Severity::Warning);
        assert_eq!((e[0].line, e[0].column), (2, 3));
        assert!(e[0].message.contains("0xE8"), "{}", e[0].message);
    }

    #[test]
    fn a_nul_in_ascii_text_keeps_a_bad_byte_an_error() {
        // Text with a NUL is no Windows-1252 table: the bad byte is an encoding error.
        let (t, e, enc) = decode(b"a,b\n\x00x\nLi\xe8ge\n");
        assert_eq!(enc, "UTF-8");
        assert_eq!(t, "a,b\n\u{0}x\nLi\u{FFFD}ge\n");
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].severity, Severity::Error);
        assert_eq!((e[0].line, e[0].column), (3, 3));
    }

    #[test]
    fn bad_bytes_after_utf8_text_are_errors_at_their_place() {
        let (t, e, _) = decode(b"\xc3\xa9,x\nab\xff\n");
        assert_eq!(t, "é,x\nab\u{FFFD}\n");
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].severity, Severity::Error);
        assert_eq!((e[0].line, e[0].column), (2, 3));
        assert!(e[0].message.contains("0xFF"), "{}", e[0].message);
        // With a byte-order mark the file is UTF-8, whatever follows.
        let (_, e, _) = decode(b"\xEF\xBB\xBFa\n\xe9\n");
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].severity, Severity::Error);
    }

    /// Text, events (with their places) and encoding: as `append_to` gives them to the chunked
    /// reader when `appended` (most reads then go straight into the chunk's buffer), else as
    /// reads through [`Read`] give them (never straight).
    fn decoded<R: Read>(mut d: Decoded<R>, appended: bool) -> (Vec<u8>, Vec<String>, &'static str) {
        let mut text = Vec::new();
        if appended {
            while d.append_to(&mut text).unwrap() > 0 {}
        } else {
            d.read_to_end(&mut text).unwrap();
        }
        let events = d
            .take_events(None)
            .iter()
            .map(|e| format!("{e:?}"))
            .collect();
        (text, events, d.encoding())
    }

    /// A reader that hands out at most `step` bytes a read.
    struct Steps<'a> {
        bytes: &'a [u8],
        step: usize,
    }

    impl Read for Steps<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let n = buf.len().min(self.bytes.len()).min(self.step);
            buf[..n].copy_from_slice(&self.bytes[..n]);
            self.bytes = &self.bytes[n..];
            Ok(n)
        }
    }

    #[test]
    fn text_read_straight_into_a_chunk_is_the_text_read_the_general_way() {
        // ASCII lines, with `at` bytes around the ends of reads replaced by what tests the
        // straight reads: a letter cut off by the end of a read, a byte that is not UTF-8 after
        // ASCII (Windows-1252 from there) or after other letters (an error), a NUL.
        let line = "x-net,Network,https://x.example.org/\n";
        let base: Vec<u8> = line.repeat(3 * CHUNK / line.len()).into_bytes();
        let mut inputs: Vec<Vec<u8>> = vec![Vec::new(), base.clone()];
        for at in [1, CHUNK - 2, CHUNK - 1, CHUNK, CHUNK + 1, 2 * CHUNK - 1] {
            for insert in [
                &b"\xc3\xa9"[..],
                b"\xe2\x82\xac",
                b"\xff",
                b"\0",
                b"\xf0\x9f\x98\x80",
            ] {
                let mut bytes = base.clone();
                bytes.splice(at..at, insert.iter().copied());
                inputs.push(bytes.clone());
                // The same after a letter that is not ASCII.
                bytes.splice(0..0, "é".bytes());
                inputs.push(bytes);
            }
        }
        // Another encoding: a byte-order mark of UTF-8 and of UTF-16, and text cut off mid-letter.
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(&base);
        inputs.push(bom);
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend(line.repeat(5000).encode_utf16().flat_map(u16::to_le_bytes));
        inputs.push(utf16);
        let mut cut = base.clone();
        cut.extend_from_slice(b"\xe2\x82");
        inputs.push(cut);
        let mut straight = 0;
        for (i, input) in inputs.iter().enumerate() {
            let general = decoded(Decoded::new(&input[..]), false);
            for step in [usize::MAX, 997, 4099] {
                let bytes = &input[..];
                assert_eq!(
                    decoded(Decoded::new(Steps { bytes, step }), true),
                    general,
                    "input {i}, reads of {step} bytes at most"
                );
            }
            // The reads went straight (the text of the first read never does: it tells the
            // encoding).
            let mut d = Decoded::new(&input[..]);
            while d.append_to(&mut Vec::new()).unwrap() > 0 {}
            straight += d.straight;
        }
        assert!(straight > 50, "{straight} straight reads");
    }

    #[test]
    fn a_sequence_cut_by_a_read_is_still_utf8() {
        // A reader that hands out one byte at a time.
        struct OneByte<'a>(&'a [u8]);
        impl Read for OneByte<'_> {
            fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
                match (self.0.split_first(), buf.first_mut()) {
                    (Some((b, rest)), Some(slot)) => {
                        *slot = *b;
                        self.0 = rest;
                        Ok(1)
                    }
                    _ => Ok(0),
                }
            }
        }
        let mut text = String::new();
        let mut d = Decoded::new(OneByte("aé€😀\n".as_bytes()));
        d.read_to_string(&mut text).unwrap();
        assert_eq!(text, "aé€😀\n");
        assert!(d.take_events(None).is_empty());
    }

    #[test]
    fn an_interrupted_read_is_tried_again_and_a_failed_one_is_an_error() {
        // Every other read is interrupted (as by a signal); after `fail_after` bytes, reads fail.
        struct Flaky<'a> {
            text: &'a [u8],
            calls: usize,
            fail_after: usize,
            given: usize,
        }
        impl Read for Flaky<'_> {
            fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
                self.calls += 1;
                if self.calls % 2 == 1 {
                    return Err(io::ErrorKind::Interrupted.into());
                }
                if self.given >= self.fail_after {
                    return Err(io::Error::other("disk gone"));
                }
                let n = buf.len().min(self.text.len()).min(3);
                buf[..n].copy_from_slice(&self.text[..n]);
                self.text = &self.text[n..];
                self.given += n;
                Ok(n)
            }
        }
        let table = "id,name\nx-net,Liège\n";
        let mut text = String::new();
        let flaky = |fail_after| Flaky {
            text: table.as_bytes(),
            calls: 0,
            fail_after,
            given: 0,
        };
        Decoded::new(flaky(usize::MAX))
            .read_to_string(&mut text)
            .unwrap();
        assert_eq!(text, table);
        let err = Decoded::new(flaky(6))
            .read_to_string(&mut String::new())
            .unwrap_err();
        assert_eq!(err.to_string(), "disk gone");
    }

    fn utf16le(s: &str, bom: bool) -> Vec<u8> {
        let mut out = if bom { vec![0xFF, 0xFE] } else { Vec::new() };
        for u in s.encode_utf16() {
            out.extend_from_slice(&u.to_le_bytes());
        }
        out
    }

    #[test]
    fn decodes_utf16_with_a_warning() {
        let (t, e, enc) = decode(&utf16le("id\tname\nx\tLiège\n", true));
        assert_eq!(t, "id\tname\nx\tLiège\n");
        assert_eq!(enc, "UTF-16 (little-endian, with a byte-order mark)");
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].severity, Severity::Warning);
        let (t, _, enc) = decode(&utf16le("id,name\n", false));
        assert_eq!(t, "id,name\n");
        assert!(enc.contains("without a byte-order mark"));
        // An unpaired surrogate.
        let mut bytes = utf16le("a\n", true);
        bytes.extend_from_slice(&[0x00, 0xD8, b'b', 0]);
        let (t, e, _) = decode(&bytes);
        assert_eq!(t, "a\n\u{FFFD}b");
        assert_eq!(e[1].severity, Severity::Error);
        assert_eq!((e[1].line, e[1].column), (2, 1));
    }

    #[test]
    fn detects_the_delimiter_from_the_header() {
        assert_eq!(detect_delimiter(b"id;name;acronym\n"), b';');
        assert_eq!(detect_delimiter(b"id\tname\n"), b'\t');
        assert_eq!(detect_delimiter(b"id,name\n"), b',');
        assert_eq!(detect_delimiter(b"\"a;b;c\",d\n"), b',');
        assert_eq!(detect_delimiter(b"id\n"), b',');
    }

    #[test]
    fn finds_the_places_of_cells() {
        let raw = "a,\"b,\"\"c\"\"\",é\n".as_bytes();
        let p = places(raw, 3, b',', 3);
        assert_eq!(
            p,
            vec![
                Place { line: 3, column: 1 },
                Place { line: 3, column: 3 },
                Place {
                    line: 3,
                    column: 13
                }
            ]
        );
        // A quoted cell over two lines, and a record after a blank line.
        let raw = "\n\"x\ny\",z\n".as_bytes();
        let p = places(raw, 1, b',', 2);
        assert_eq!(
            p,
            vec![Place { line: 2, column: 1 }, Place { line: 3, column: 4 }]
        );
    }

    #[test]
    fn the_place_of_one_cell_is_its_place_in_the_list() {
        for raw in [
            "a,\"b,\"\"c\"\"\",é\n",
            "\n\"x\ny\",z\n",
            "\r\n\r\nü;\"\n\";;last",
            "",
        ] {
            for delimiter in [b',', b';'] {
                let all = places(raw.as_bytes(), 7, delimiter, 6);
                for (cell, place) in all.iter().enumerate() {
                    assert_eq!(
                        place_of(raw.as_bytes(), 7, delimiter, cell),
                        *place,
                        "{raw:?} cell {cell}"
                    );
                }
            }
        }
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

    /// The fast path's verdict on `row`, its raw text split as the chunked reader splits it.
    fn fast_verdict(mapping: &Mapping, row: &RawRow) -> Option<CheckedRow> {
        let text = std::str::from_utf8(&row.raw).unwrap();
        let mut splitter = super::super::csv_split::Splitter::new(text, mapping.delimiter);
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
        let mut splitter = super::super::csv_split::Splitter::new(raw, b',');
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
                    let mut splitter = super::super::csv_split::Splitter::new(&raw, b',');
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
