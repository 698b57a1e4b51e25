//! A CSV table validated on several threads: the calling thread decodes the text and cuts it
//! into chunks at line breaks; workers split the rows of a chunk, map and check them; the
//! verdicts are reported in the table's order, with the repeated-id check done across chunks.
//! One thread runs the same code on each chunk in turn, so the report is the same either way.
//!
//! A line break ends a row unless it is inside a quoted cell, and only reading the text from
//! the start tells which. The calling thread does not: it cuts at the last line break of
//! about [`CHUNK_TEXT`] bytes, and each chunk is read as if it started a row. The chunk before
//! tells whether that was so: when its last row is still inside a quoted cell at the cut, the
//! verdicts on the next chunk are dropped, and that row is read again joined to the next chunk
//! (on the calling thread). A quoted cell with line breaks across a cut costs one chunk read
//! twice; the rows are the same as the `csv` reader's (see [`Splitter`]).

use std::io::{self, Read};

use super::super::in_order::in_order;
use super::super::messages;
use super::super::spare::Spare;
use super::decode::{DecodeEvent, Decoded};
use super::mapping::{CheckedRow, Mapping, RawRow, RowIds, Slot, Verdicts};
use super::place::{Place, place_of, places};
use super::problems::{decode_problems, table_error};
use super::split::Splitter;

/// About how much text a chunk holds.
const CHUNK_TEXT: usize = 1 << 19;

/// The longest row read: a quote left open makes the rest of a file one field, and memory
/// must not grow with it.
const MAX_ROW_TEXT: usize = 1 << 24;

/// Text of the table cut at a line break, with where it starts.
pub(super) struct Chunk {
    text: Vec<u8>,
    /// The offset of `text[0]` in the decoded text, and its line.
    offset: u64,
    line: u64,
    /// The decoding notices and errors in `text`, by offset.
    events: Vec<DecodeEvent>,
    /// Whether this is the table's last chunk (its events past the last row are the end's,
    /// and a quoted cell still open at its end ends there).
    last: bool,
    /// Instead of rows: a line longer than the longest row read, where reading stopped.
    overlong: bool,
}

impl Chunk {
    /// The part of the chunk from `at` on, as a chunk of its own.
    fn tail(&self, at: usize) -> Chunk {
        let offset = self.offset + at as u64;
        let before = &self.text[..at.min(self.text.len())];
        Chunk {
            text: self.text.get(at..).unwrap_or_default().to_vec(),
            offset,
            line: self.line + memchr::memchr_iter(b'\n', before).count() as u64,
            events: self
                .events
                .iter()
                .filter(|e| e.offset >= offset)
                .cloned()
                .collect(),
            last: self.last,
            overlong: false,
        }
    }

    /// This chunk with the next one after it.
    fn join(mut self, next: Chunk) -> Chunk {
        self.text.extend_from_slice(&next.text);
        self.events.extend(next.events);
        self.last = next.last;
        self
    }

    /// A problem at the chunk's start that says a row is longer than `max_row` bytes, and
    /// reading stopped.
    fn overlong_row(&self, max_row: usize) -> Checked {
        let size = if max_row >= 1 << 20 {
            format!("{} MB", max_row >> 20)
        } else {
            format!("{max_row} bytes")
        };
        let problem = table_error(
            Place {
                line: self.line,
                column: 1,
            },
            format!(
                "a row starting here runs on for more than {size} without ending: a closing quote is probably missing; the rest of the table was not read"
            ),
        );
        // The row counts as one, unread: the table is not one without rows.
        let mut row = CheckedRow::loose(vec![problem]);
        row.number = 1;
        row.record = true;
        Checked {
            rows: vec![row],
            ids: RowIds::default(),
            count: 1,
            open: None,
            dropped: [0; 2],
        }
    }
}

/// The verdicts on a chunk's rows, numbered from 1 within the chunk.
pub(super) struct Checked {
    /// The rows, blank ones included (with only their decoding problems).
    pub rows: Vec<CheckedRow>,
    /// The text of the rows' network ids.
    pub ids: RowIds,
    /// How many rows the chunk has, blank ones included.
    pub count: u64,
    /// Where the chunk's last row starts when it is still inside a quoted cell at the
    /// chunk's end (not the table's): that row goes on in the next chunk, and is not among
    /// `rows`.
    open: Option<usize>,
    /// The errors and warnings of rows whose problems were only counted: those after the
    /// first problems the report can keep.
    pub dropped: [u64; 2],
}

/// The verdict on a chunk whose check failed (a bug): one error at its first line.
fn failed(line: u64) -> Checked {
    Checked {
        rows: vec![failed_row(line)],
        ids: RowIds::default(),
        count: 0,
        open: None,
        dropped: [0; 2],
    }
}

/// An error at `line` that says the rows from there on could not be checked (a bug).
fn failed_row(line: u64) -> CheckedRow {
    CheckedRow::loose(vec![table_error(
        Place { line, column: 1 },
        messages::ROWS_NOT_CHECKED,
    )])
}

/// [`check_chunk`], with a verdict even when the check fails (a bug): a problem that says so,
/// so that no chunk is waited for in vain and no run is taken down.
fn check_or_fail(mapping: &Mapping, chunk: &Chunk, max_row: usize, keep: Keep<'_>) -> Checked {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        check_chunk(mapping, chunk, max_row, keep)
    }))
    .unwrap_or_else(|_| failed(chunk.line))
}

/// How many problems a chunk being checked may still keep: the room left in the report,
/// asked again as the chunk goes (see [`check_table`]).
pub(super) type Keep<'a> = &'a (dyn Fn() -> usize + Sync);

/// Reads the rows of a chunk, maps and checks them; the problems of the rows after the first
/// `keep()` problems are only counted.
fn check_chunk(mapping: &Mapping, chunk: &Chunk, max_row: usize, keep: Keep<'_>) -> Checked {
    if chunk.overlong {
        return chunk.overlong_row(max_row);
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
    let mut events = chunk.events.iter().cloned().peekable();
    // Room for the verdicts of a chunk of rows of 256 bytes or more, so that the vector
    // seldom grows (each growth moves every row's verdict).
    let mut rows = Verdicts::new(mapping, keep, text.len() / 256 + 1);
    let mut ids = RowIds::default();
    let mut count = 0u64;
    let mut open = None;
    while let Some(span) = splitter.next_record() {
        if splitter.quote_left_open() && !chunk.last {
            // The row goes on in the next chunk.
            open = Some(span.start);
            break;
        }
        count += 1;
        let end = chunk.offset + span.end as u64;
        let mut mine = Vec::new();
        while let Some(e) = events.next_if(|e| e.offset < end) {
            mine.push(e);
        }
        let problems = decode_problems(&mine, Some(count));
        let row = splitter.row();
        if row.is_blank() {
            // A blank row is no record; its decoding problems are reported in its place.
            if !problems.is_empty() {
                rows.push(Slot::Done(CheckedRow::loose(problems)), &mut ids);
            }
            continue;
        }
        let raw = &chunk.text[span.start..span.end];
        let line = chunk.line + span.line - 1;
        if problems.is_empty()
            && let Some(done) = mapping.check_fast(
                count,
                row,
                |cell| place_of(raw, line, mapping.delimiter, cell),
                &mut ids,
            )
        {
            rows.push(Slot::Done(done), &mut ids);
            continue;
        }
        let Some(cells) = splitter.cells() else {
            rows.push(Slot::Done(failed_row(line)), &mut ids);
            break;
        };
        let located = places(raw, line, mapping.delimiter, cells.len());
        rows.push(
            Slot::Row(RawRow {
                number: count,
                line: located.first().map_or(1, |p: &Place| p.line),
                cells: ::csv::StringRecord::from(cells),
                places: located,
                problems,
                raw: raw.to_vec(),
                raw_line: line,
            }),
            &mut ids,
        );
    }
    // Events past the last row: the end's, or the open row's (which takes them along).
    let rest: Vec<DecodeEvent> = match open {
        Some(at) => {
            let from = chunk.offset + at as u64;
            events.take_while(|e| e.offset < from).collect()
        }
        None => events.collect(),
    };
    if !rest.is_empty() {
        let record = if chunk.last { None } else { Some(count) };
        rows.push(
            Slot::Done(CheckedRow::loose(decode_problems(&rest, record))),
            &mut ids,
        );
    }
    let (out, dropped) = rows.finish(&mut ids);
    Checked {
        rows: out,
        ids,
        count,
        open,
        dropped,
    }
}

/// Takes the verdicts on the chunks in order, and reads again a row that went on past the
/// end of its chunk, joined to the next chunk.
struct Joiner<'m, F> {
    mapping: &'m Mapping,
    keep: Keep<'m>,
    /// Where the text buffers of chunks reported go, for [`Chunks`] to read into again.
    spare: &'m Spare,
    /// The longest row read.
    max_row: usize,
    report: F,
    /// How many rows came before the next chunk.
    before: u64,
    /// The start of a row that went on past the end of its chunk, with the chunk's events
    /// from there.
    open: Option<Chunk>,
    /// Set when a row ran past `max_row`: nothing more is reported.
    stopped: bool,
}

impl<'m, F: FnMut(Checked, u64)> Joiner<'m, F> {
    /// Takes `chunk` and its verdicts, made as if the chunk started a row.
    fn take(&mut self, chunk: Chunk, checked: Checked) {
        if self.stopped {
            return;
        }
        let Some(open) = self.open.take() else {
            return self.report(chunk, checked);
        };
        // The chunk did not start a row: its verdicts are dropped, and it is read again after
        // the start of the open row.
        // The open row alone is measured: the chunk joined to it may hold its end and more.
        if chunk.overlong || open.text.len() > self.max_row {
            self.stopped = true;
            return (self.report)(open.overlong_row(self.max_row), self.before);
        }
        // A quoted cell closes only at a quote: without one, the row is still open (and is
        // not read again, so that a quote left open costs no more than reading on).
        let closes = chunk.last || memchr::memchr(b'"', &chunk.text).is_some();
        let joined = open.join(chunk);
        if !closes {
            if joined.text.len() > self.max_row {
                self.stopped = true;
                return (self.report)(joined.overlong_row(self.max_row), self.before);
            }
            self.open = Some(joined);
            return;
        }
        let checked = check_or_fail(self.mapping, &joined, self.max_row, self.keep);
        self.report(joined, checked);
    }

    fn report(&mut self, chunk: Chunk, checked: Checked) {
        if let Some(at) = checked.open {
            self.open = Some(chunk.tail(at));
        }
        if chunk.overlong {
            self.stopped = true;
        }
        let count = checked.count;
        (self.report)(checked, self.before);
        self.before += count;
        self.spare.give(chunk.text);
    }

    /// Ends the table: an open row that no chunk came after (the text ended with a line break
    /// inside its quoted cell) ends with the table.
    fn finish(&mut self) {
        if let Some(mut open) = self.open.take()
            && !self.stopped
        {
            open.last = true;
            let checked = check_or_fail(self.mapping, &open, self.max_row, self.keep);
            self.report(open, checked);
        }
    }
}

/// Reads the rest of a table (after its header) from `decoded`, starting with `carry`, the
/// text already read, at decoded `offset` and `line`; checks it on `threads` threads (on the
/// calling thread for 1), and hands each chunk's verdicts to `report` in order, with the
/// number of rows before the chunk. `keep` says how many problems a chunk may keep: the room
/// left in the report when asked (chunks are reported in order, so a chunk being checked comes
/// after every chunk reported, and needs no more). The problems of its rows after those are
/// only counted, so that a table where every row has problems holds at most that many
/// problems per chunk in memory, not every problem of its rows. Once `stop` says so (the
/// report holds the errors `max_errors` asks for), no further chunk is read.
pub(super) fn check_table<R: Read>(
    (mut decoded, carry, offset, line): (Decoded<R>, Vec<u8>, u64, u64),
    mapping: &Mapping,
    threads: usize,
    keep: Keep<'_>,
    stop: &dyn Fn() -> bool,
    report: impl FnMut(Checked, u64),
) -> io::Result<()> {
    #[cfg(test)]
    let (chunk_text, max_row) = tests::LIMITS_HERE
        .get()
        .unwrap_or((CHUNK_TEXT, MAX_ROW_TEXT));
    #[cfg(not(test))]
    let (chunk_text, max_row) = (CHUNK_TEXT, MAX_ROW_TEXT);
    // Two buffers a thread, each of at most four chunks' text (2 MB): on two threads, 8 MB
    // at the very most, about 4 MB as chunks usually are.
    let spare = Spare::new(2 * threads.max(1), 4 * chunk_text);
    let mut chunks = Chunks {
        text: carry,
        offset,
        line,
        eof: false,
        chunk_text,
        max_row,
        spare: &spare,
    };
    let mut joiner = Joiner {
        mapping,
        keep,
        spare: &spare,
        max_row,
        report,
        before: 0,
        open: None,
        stopped: false,
    };
    let mut outcome = Ok(());
    // Why the reading ended early: the report was full, a row ran past the longest, or the
    // text could not be read. The open row of the last chunk is then left as it is.
    let early = std::cell::Cell::new(false);
    let next = || {
        if early.get() {
            return None;
        }
        if stop() {
            early.set(true);
            return None;
        }
        match chunks.next(&mut decoded) {
            Ok(chunk) => chunk,
            Err(e) => {
                outcome = Err(e);
                early.set(true);
                None
            }
        }
    };
    let check = |chunk: Chunk| {
        let checked = check_or_fail(mapping, &chunk, max_row, keep);
        (chunk, checked)
    };
    let take = |(chunk, checked): (Chunk, Checked)| {
        joiner.take(chunk, checked);
        if joiner.stopped {
            early.set(true);
        }
    };
    in_order(threads, next, check, take);
    if !early.get() {
        joiner.finish();
    }
    outcome
}

/// Cuts the decoded text into chunks at line breaks.
struct Chunks<'s> {
    /// Text read and not yet handed out, from `offset` and `line`.
    text: Vec<u8>,
    offset: u64,
    line: u64,
    eof: bool,
    /// About how much text a chunk holds.
    chunk_text: usize,
    /// The longest line read.
    max_row: usize,
    spare: &'s Spare,
}

impl Chunks<'_> {
    fn next<R: Read>(&mut self, decoded: &mut Decoded<R>) -> io::Result<Option<Chunk>> {
        loop {
            if !self.eof && self.text.len() < self.chunk_text {
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
            // After the last line break; in text with `\r` alone for line breaks, the last
            // `\r` (a `\n` after it, in the next chunk, starts that chunk with a blank line).
            let end =
                memchr::memrchr(b'\n', &self.text).or_else(|| memchr::memrchr(b'\r', &self.text));
            match end {
                Some(end) => {
                    let end = end + 1;
                    let events = decoded.take_events(Some(self.offset + end as u64));
                    return Ok(Some(self.cut(end, events, false)));
                }
                None if self.text.len() >= self.max_row => {
                    self.eof = true;
                    self.text = Vec::new();
                    return Ok(Some(Chunk {
                        text: Vec::new(),
                        offset: self.offset,
                        line: self.line,
                        events: Vec::new(),
                        last: true,
                        overlong: true,
                    }));
                }
                // A line longer than a chunk: read on.
                None => self.fill(decoded)?,
            }
        }
    }

    /// Reads more text, doubling what is held at most.
    fn fill<R: Read>(&mut self, decoded: &mut Decoded<R>) -> io::Result<()> {
        let old = self.text.len();
        let want = self.chunk_text.max(old);
        self.text.reserve(want);
        while self.text.len() < old + want {
            if decoded.append_to(&mut self.text)? == 0 {
                self.eof = true;
                break;
            }
        }
        Ok(())
    }

    /// Hands out the first `n` bytes of the text as a chunk.
    fn cut(&mut self, n: usize, events: Vec<DecodeEvent>, last: bool) -> Chunk {
        // The text after the cut goes on in a spare buffer; the chunk keeps this one.
        let mut rest = self.spare.take();
        rest.extend_from_slice(self.text.get(n..).unwrap_or_default());
        self.text.truncate(n);
        let text = std::mem::replace(&mut self.text, rest);
        let chunk = Chunk {
            offset: self.offset,
            line: self.line,
            events,
            last,
            text,
            overlong: false,
        };
        self.offset += n as u64;
        self.line += memchr::memchr_iter(b'\n', &chunk.text).count() as u64;
        chunk
    }
}

#[cfg(test)]
mod tests {
    use crate::DocumentKind;
    use crate::validate::csv::{CsvOptions, validate_csv_bytes};
    use crate::validate::{Options, Report};
    use std::cell::Cell;

    thread_local! {
        /// The chunk size and longest row of the tables checked on this thread, instead of
        /// [`CHUNK_TEXT`] and [`MAX_ROW_TEXT`].
        pub(super) static LIMITS_HERE: Cell<Option<(usize, usize)>> = const { Cell::new(None) };
    }

    fn run(table: &[u8], threads: usize, chunk_text: Option<usize>) -> Report {
        run_with(table, threads, chunk_text.map(|c| (c, super::MAX_ROW_TEXT)))
    }

    fn run_with(table: &[u8], threads: usize, limits: Option<(usize, usize)>) -> Report {
        LIMITS_HERE.set(limits);
        let options = Options {
            document: Some(DocumentKind::Network),
            max_problems: usize::MAX,
            threads,
            ..Options::default()
        };
        let report = validate_csv_bytes(table, &options, &CsvOptions::default());
        LIMITS_HERE.set(None);
        report
    }

    /// A table whose quoted cells hold many line breaks, so that most cuts fall inside one,
    /// some cells span several chunks, and problems lie before, inside and after them.
    fn table(line_end: &str) -> Vec<u8> {
        let mut t = format!("id,name,description,policy_areas{line_end}");
        for i in 0..120 {
            let lines = (0..(i % 9))
                .map(|k| format!("line {k}"))
                .collect::<Vec<_>>();
            let description = lines.join(line_end);
            let id = if i % 10 == 3 {
                "Bad Id".to_owned()
            } else {
                format!("net-{}", i % 50)
            };
            let area = if i % 7 == 2 { "mobilty" } else { "mobility" };
            t.push_str(&format!(
                "{id},Network {i},\"{description} \"\"quoted\"\"\",{area}{line_end}"
            ));
            if i % 11 == 4 {
                // A blank line, and bytes that are not UTF-8 inside and outside quotes.
                t.push_str(line_end);
                t.push_str(&format!(
                    "\u{FFFD}-net,N,\"a{line_end}\u{FFFE}\",x{line_end}"
                ));
            }
        }
        // The table ends inside a quoted cell, after a line break.
        t.push_str(&format!(
            "last-net,Last,\"open{line_end}to the end{line_end}"
        ));
        let mut bytes = t.into_bytes();
        // U+FFFD and U+FFFE stand for bytes that are not UTF-8.
        for (from, to) in [
            ("\u{FFFD}".as_bytes(), b"\xff"),
            ("\u{FFFE}".as_bytes(), b"\xfe"),
        ] {
            let mut out = Vec::new();
            let mut i = 0;
            while i < bytes.len() {
                if bytes[i..].starts_with(from) {
                    out.extend_from_slice(to);
                    i += from.len();
                } else {
                    out.push(bytes[i]);
                    i += 1;
                }
            }
            bytes = out;
        }
        bytes
    }

    #[test]
    fn rows_are_the_same_wherever_the_chunks_are_cut() {
        for line_end in ["\n", "\r\n", "\r"] {
            let table = table(line_end);
            let whole = run(&table, 1, None);
            assert!(whole.errors > 10, "{line_end:?}: {} errors", whole.errors);
            assert!(
                whole.records > 120,
                "{line_end:?}: {} records",
                whole.records
            );
            for chunk_text in [1, 7, 64, 300, 2048] {
                for threads in [1, 2, 3] {
                    let cut = run(&table, threads, Some(chunk_text));
                    assert_eq!(
                        cut.problems, whole.problems,
                        "{line_end:?}, chunks of {chunk_text}, {threads} threads"
                    );
                    assert_eq!(cut.records, whole.records);
                }
            }
        }
    }

    #[test]
    fn a_quoted_cell_longer_than_the_longest_row_stops_the_reading() {
        let mut table = b"id,name\nx-net,\"Brussels\n".to_vec();
        // Line breaks all the way, so every chunk is cut inside the open cell.
        table.extend_from_slice(&b"y-net,Y\n".repeat(2000));
        for threads in [1, 2] {
            let report = run_with(&table, threads, Some((256, 4096)));
            assert_eq!(report.problems.len(), 1, "{:?}", report.problems);
            assert!(report.problems[0].error.contains("closing quote"));
            assert!(report.problems[0].error.contains("4096 bytes"));
            assert_eq!(report.problems[0].line, Some(2));
        }
    }

    #[test]
    fn a_row_just_under_the_longest_is_read_wherever_the_chunks_are_cut() {
        // A quoted cell of about 3,900 bytes over many lines, under a limit of 4,096: read
        // whole, and the rows after it too, whatever chunk its end falls in.
        let mut table = b"id,name\nx-net,\"Brussels\n".to_vec();
        table.extend_from_slice(&b"aaaaaaa\n".repeat(3900 / 8));
        table.extend_from_slice(b"\"\n");
        for i in 0..200 {
            table.extend_from_slice(format!("net-{i},N\n").as_bytes());
        }
        let whole = run_with(&table, 1, Some((1 << 20, 4096)));
        assert_eq!(whole.records, 201, "{:?}", whole.problems);
        for chunk_text in [64, 256, 1000, 3000, 4000] {
            for threads in [1, 2] {
                let cut = run_with(&table, threads, Some((chunk_text, 4096)));
                assert_eq!(cut.problems, whole.problems, "chunks of {chunk_text}");
                assert_eq!(cut.records, whole.records, "chunks of {chunk_text}");
            }
        }
    }
}
