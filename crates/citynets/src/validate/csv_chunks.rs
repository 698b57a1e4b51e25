//! A CSV table validated on several threads: the calling thread decodes the text and cuts it
//! into chunks of whole rows; workers read the rows of a chunk, map and check them; the
//! verdicts are reported in the table's order, with the repeated-id check done across chunks.
//! One thread runs the same code on each chunk in turn, so the report is the same either way.
//!
//! Rows are cut where the CSV reader itself would end a record: at a line break outside a
//! quoted field, following the reader's rules (a quote opens a quoted field only at the start
//! of a field; `""` inside one is a quote; a quote inside an unquoted field is text).

use std::io::{self, Read};

use super::csv;
use super::csv::{
    CheckedRow, DecodeEvent, Decoded, Mapping, Place, RawRow, Slot, decode_problems, places,
};
use super::csv_split::Splitter;
use super::in_order::in_order;

/// About how much text a chunk holds.
const CHUNK_TEXT: usize = 1 << 19;

/// The longest row read: a quote left open makes the rest of a file one field, and memory
/// must not grow with it.
const MAX_ROW_TEXT: usize = 1 << 24;

/// Where the scan of the text stands, in the CSV reader's terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// At the start of a field (or of a record).
    FieldStart,
    Unquoted,
    Quoted,
    /// Just after a quote inside a quoted field: either its end, or the first of `""`.
    QuoteInQuoted,
}

/// Finds the ends of records in text that starts at the start of a record, incrementally as
/// the text grows.
#[derive(Debug)]
pub(crate) struct Cutter {
    delimiter: u8,
    state: State,
    /// How far the text has been scanned.
    scanned: usize,
    /// The end (just past the line break) of the last record found.
    last: Option<usize>,
}

impl Cutter {
    pub(crate) fn new(delimiter: u8) -> Cutter {
        Cutter {
            delimiter,
            state: State::FieldStart,
            scanned: 0,
            last: None,
        }
    }

    /// Scans `text` on from where the last scan stopped; returns the end of the last record
    /// found so far. The last byte is left for the next scan, as a `\r` there may be the first
    /// half of `\r\n`.
    pub(crate) fn scan(&mut self, text: &[u8]) -> Option<usize> {
        let end = text.len().saturating_sub(1);
        let mut i = self.scanned;
        while i < end {
            match self.state {
                State::Quoted => match memchr::memchr(b'"', &text[i..end]) {
                    Some(n) => {
                        i += n + 1;
                        self.state = State::QuoteInQuoted;
                    }
                    None => i = end,
                },
                State::FieldStart | State::Unquoted | State::QuoteInQuoted => {
                    let b = text[i];
                    if b == b'\n' || (b == b'\r' && text[i + 1] != b'\n') {
                        self.last = Some(i + 1);
                        self.state = State::FieldStart;
                        i += 1;
                    } else if b == b'\r' || b == self.delimiter {
                        self.state = State::FieldStart;
                        i += 1;
                    } else if b == b'"' && self.state != State::Unquoted {
                        // Opens a quoted field, or (after a quote in one) is an escaped quote.
                        self.state = State::Quoted;
                        i += 1;
                    } else {
                        self.state = State::Unquoted;
                        // The rest of an unquoted field, in one step.
                        i += 1 + memchr::memchr3(self.delimiter, b'\n', b'\r', &text[i + 1..end])
                            .unwrap_or(end - i - 1);
                    }
                }
            }
        }
        self.scanned = i.max(self.scanned);
        self.last
    }

    /// Forgets the first `n` bytes of the text, which were cut off at a record's end.
    pub(crate) fn consume(&mut self, n: usize) {
        self.scanned -= n;
        self.last = None;
    }
}

/// Whole rows of the table, with where they start.
pub(crate) struct Chunk {
    text: Vec<u8>,
    /// The offset of `text[0]` in the decoded text, and its line.
    offset: u64,
    line: u64,
    /// The decoding notices and errors in `text`, by offset.
    events: Vec<DecodeEvent>,
    /// Whether this is the table's last chunk (its events past the last row are the end's).
    last: bool,
    /// Instead of rows: the line of a row longer than [`MAX_ROW_TEXT`], where reading stopped.
    overlong: Option<u64>,
}

/// The verdicts on a chunk's rows, numbered from 1 within the chunk.
pub(crate) struct Checked {
    /// The rows, blank ones included (with only their decoding problems).
    pub rows: Vec<CheckedRow>,
    /// How many rows the chunk has, blank ones included.
    pub count: u64,
}

/// The verdict on a chunk whose check failed (a bug): one error at its first line.
fn failed(line: u64) -> Checked {
    Checked {
        rows: vec![failed_row(line)],
        count: 0,
    }
}

/// An error at `line` that says the rows from there on could not be checked (a bug).
fn failed_row(line: u64) -> CheckedRow {
    CheckedRow::loose(vec![csv::table_error(
        Place { line, column: 1 },
        "internal error: the rows from here on could not be checked; please report it".into(),
    )])
}

/// Reads the rows of a chunk, maps and checks them.
fn check_chunk(mapping: &Mapping, chunk: Chunk) -> Checked {
    if let Some(line) = chunk.overlong {
        let problem = csv::table_error(
            Place { line, column: 1 },
            format!(
                "a row starting here runs on for more than {} MB without ending: a closing quote is probably missing; the rest of the table was not read",
                MAX_ROW_TEXT >> 20
            ),
        );
        return Checked {
            rows: vec![CheckedRow::loose(vec![problem])],
            count: 0,
        };
    }
    // Decoded text is UTF-8, and cut at ASCII line breaks: a chunk that is not would be a bug,
    // reported at the line where its text stops being UTF-8.
    let text = match std::str::from_utf8(&chunk.text) {
        Ok(text) => text,
        Err(e) => {
            let before = &chunk.text[..e.valid_up_to()];
            return failed(chunk.line + memchr::memchr_iter(b'\n', before).count() as u64);
        }
    };
    let mut splitter = Splitter::new(text, mapping.delimiter);
    let mut events = chunk.events.into_iter().peekable();
    let mut rows: Vec<Slot> = Vec::new();
    let mut count = 0u64;
    while let Some(span) = splitter.next_record() {
        let Some(cells) = splitter.cells() else {
            rows.push(Slot::Done(failed_row(chunk.line + span.line - 1)));
            break;
        };
        count += 1;
        let end = chunk.offset + span.end as u64;
        let mut mine = Vec::new();
        while let Some(e) = events.next_if(|e| e.offset < end) {
            mine.push(e);
        }
        let problems = decode_problems(&mine, Some(count));
        if cells.iter().all(|c| c.trim().is_empty()) {
            // A blank row is no record; its decoding problems are reported in its place.
            if !problems.is_empty() {
                rows.push(Slot::Done(CheckedRow::loose(problems)));
            }
            continue;
        }
        let raw = &chunk.text[span.start..span.end];
        let line = chunk.line + span.line - 1;
        let locate = |cells: usize| places(raw, line, mapping.delimiter, cells);
        if problems.is_empty()
            && let Some(done) = mapping.check_fast(count, &cells, locate)
        {
            rows.push(Slot::Done(done));
            continue;
        }
        let located = locate(cells.len());
        rows.push(Slot::Row(RawRow {
            number: count,
            line: located.first().map_or(1, |p: &Place| p.line),
            cells: ::csv::StringRecord::from(cells),
            places: located,
            problems,
        }));
    }
    let rest: Vec<DecodeEvent> = events.collect();
    if !rest.is_empty() {
        let record = if chunk.last { None } else { Some(count) };
        rows.push(Slot::Done(CheckedRow::loose(decode_problems(
            &rest, record,
        ))));
    }
    let out = mapping.check(rows);
    Checked { rows: out, count }
}

/// Reads the rest of a table (after its header) from `decoded`, starting with `carry`, the
/// text already read, at decoded `offset` and `line`; checks it on `threads` threads (on the
/// calling thread for 1), and hands each chunk's verdicts to `report` in order, with the
/// number of rows before the chunk.
pub(crate) fn check_table<R: Read>(
    mut decoded: Decoded<R>,
    carry: Vec<u8>,
    offset: u64,
    line: u64,
    mapping: &Mapping,
    threads: usize,
    mut report: impl FnMut(Checked, u64),
) -> io::Result<()> {
    let mut chunks = Chunks {
        cutter: Cutter::new(mapping.delimiter),
        text: carry,
        offset,
        line,
        eof: false,
    };
    let mut before = 0u64;
    let mut take = |checked: Checked| {
        let count = checked.count;
        report(checked, before);
        before += count;
    };
    if threads <= 1 {
        while let Some(chunk) = chunks.next(&mut decoded)? {
            take(check_chunk(mapping, chunk));
        }
        return Ok(());
    }
    let mut outcome = Ok(());
    let next = || match chunks.next(&mut decoded) {
        Ok(chunk) => chunk,
        Err(e) => {
            outcome = Err(e);
            None
        }
    };
    // A chunk whose check failed still gets its verdict, so that no chunk is waited for in
    // vain: a problem that says so.
    let check = |chunk: Chunk| {
        let line = chunk.line;
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| check_chunk(mapping, chunk)))
            .unwrap_or_else(|_| failed(line))
    };
    in_order(threads, next, check, take);
    outcome
}

/// Cuts the decoded text into chunks of whole rows.
struct Chunks {
    cutter: Cutter,
    /// Text read and not yet handed out, from `offset` and `line`.
    text: Vec<u8>,
    offset: u64,
    line: u64,
    eof: bool,
}

impl Chunks {
    fn next<R: Read>(&mut self, decoded: &mut Decoded<R>) -> io::Result<Option<Chunk>> {
        loop {
            if !self.eof && self.text.len() < CHUNK_TEXT {
                self.fill(decoded)?;
                continue;
            }
            if self.eof {
                if self.text.is_empty() {
                    // Notices after the last row (none are expected) still reach the report.
                    let events = decoded.take_events(None);
                    if events.is_empty() {
                        return Ok(None);
                    }
                    return Ok(Some(self.cut(0, events, true)));
                }
                let n = self.text.len();
                return Ok(Some(self.cut(n, decoded.take_events(None), true)));
            }
            match self.cutter.scan(&self.text) {
                Some(end) => {
                    let events = decoded.take_events(Some(self.offset + end as u64));
                    return Ok(Some(self.cut(end, events, false)));
                }
                None if self.text.len() >= MAX_ROW_TEXT => {
                    self.eof = true;
                    self.text = Vec::new();
                    return Ok(Some(Chunk {
                        text: Vec::new(),
                        offset: self.offset,
                        line: self.line,
                        events: Vec::new(),
                        last: true,
                        overlong: Some(self.line),
                    }));
                }
                // A row longer than a chunk: read on.
                None => self.fill(decoded)?,
            }
        }
    }

    /// Reads more text, doubling what is held at most.
    fn fill<R: Read>(&mut self, decoded: &mut Decoded<R>) -> io::Result<()> {
        let old = self.text.len();
        let want = CHUNK_TEXT.max(old);
        self.text.resize(old + want, 0);
        let mut got = old;
        while got < old + want {
            match decoded.read(&mut self.text[got..]) {
                Ok(0) => {
                    self.eof = true;
                    break;
                }
                Ok(n) => got += n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => {
                    self.text.truncate(got);
                    return Err(e);
                }
            }
        }
        self.text.truncate(got);
        Ok(())
    }

    /// Hands out the first `n` bytes of the text as a chunk.
    fn cut(&mut self, n: usize, events: Vec<DecodeEvent>, last: bool) -> Chunk {
        let rest = self.text.split_off(n);
        let text = std::mem::replace(&mut self.text, rest);
        let chunk = Chunk {
            offset: self.offset,
            line: self.line,
            events,
            last,
            text,
            overlong: None,
        };
        self.offset += n as u64;
        self.line += memchr::memchr_iter(b'\n', &chunk.text).count() as u64;
        if !last {
            self.cutter.consume(n);
        }
        chunk
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The record ends the cutter finds in `text`, scanned in pieces of `step` bytes.
    fn ends(text: &[u8], step: usize) -> Vec<usize> {
        let mut cutter = Cutter::new(b',');
        let mut found = Vec::new();
        let mut len = 0;
        while len < text.len() {
            len = (len + step).min(text.len());
            if let Some(e) = cutter.scan(&text[..len])
                && found.last() != Some(&e)
            {
                found.push(e);
            }
        }
        found
    }

    /// The records the CSV reader reads from `text`.
    fn records(text: &[u8]) -> Vec<Vec<String>> {
        let mut rdr = ::csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(text);
        let mut out = Vec::new();
        let mut record = ::csv::StringRecord::new();
        while rdr.read_record(&mut record).unwrap_or(false) {
            out.push(record.iter().map(str::to_owned).collect());
        }
        out
    }

    #[test]
    fn cuts_only_where_the_csv_reader_ends_records() {
        // Quoted line breaks, escaped quotes, a quote inside an unquoted field, text after a
        // closing quote, and the three kinds of line end.
        let text: &[u8] =
            b"a,\"x\ny\",b\nc,\"q\"\"\n\",d\ne,5\" screen,f\n\"g\"h\"\n,i\r\nj\rk,l\n\nm,\"\"\n";
        let whole = records(text);
        assert!(whole.len() >= 7, "{whole:?}");
        for step in [1, 2, 3, 7, text.len()] {
            let found = ends(text, step);
            // Scanned a byte at a time, every record end is seen.
            assert!(
                found.len() >= if step == 1 { 7 } else { 1 },
                "step {step}: {found:?}"
            );
            for &cut in &found {
                let mut parts = records(&text[..cut]);
                parts.extend(records(&text[cut..]));
                assert_eq!(parts, whole, "step {step}: cut at {cut}");
            }
        }
    }

    #[test]
    fn a_quoted_field_hides_its_line_breaks() {
        let mut cutter = Cutter::new(b',');
        // Only the line break after the closing quote ends the record.
        assert_eq!(cutter.scan(b"\"a\nb\nc\"\nz"), Some(8));
        let mut cutter = Cutter::new(b',');
        assert_eq!(cutter.scan(b"\"a\nb\nc\nz"), None);
    }
}
