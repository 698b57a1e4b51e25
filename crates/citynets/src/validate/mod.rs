//! Validation of third-party data against the model: catalogue documents, lists of network or
//! membership records (JSON arrays, as pandas' `to_json(orient="records")` writes them) and
//! NDJSON, one record per line.
//!
//! The validator reads its input as a stream and checks it against the committed JSON Schema
//! (embedded in the crate), keyword by keyword, so that "has errors" is exactly the verdict of
//! any JSON Schema 2020-12 validator on the same input. It reports every problem, not only the
//! first, each with its place in the file and, for a misspelt value, the value probably meant.
//! Problems the schema cannot express are warnings.
//!
//! ```
//! use citynets::validate::{Code, Options, validate_bytes};
//!
//! let input = br#"[{"id": "eurocities", "name": "Eurocities", "policy_areas": ["mobilty"]}]"#;
//! let report = validate_bytes(input, &Options::default());
//! assert!(!report.is_valid(false));
//! let p = &report.problems[0];
//! assert_eq!(p.code, Code::UnknownVariant);
//! assert_eq!(p.instance_location, "/policy_areas/0");
//! assert_eq!(p.suggestion.as_deref(), Some("mobility"));
//! assert_eq!((p.line, p.column), (Some(1), Some(62)));
//! ```

mod checks;
mod compiled;
#[cfg(feature = "csv")]
pub mod csv;
mod engine;
mod fast;
mod in_order;
mod lexer;
mod limits;
pub mod messages;
mod plain_json;
pub mod pointer;
mod problem;
mod sink;
mod spare;
mod suggest;
mod typed;
mod view;
#[cfg(feature = "csv")]
pub mod wide;

#[cfg_attr(not(feature = "csv"), allow(unused_imports))]
pub(crate) use problem::Problems;
pub use problem::{Code, Problem, Report, Severity};
pub use typed::TypedRecords;

use compiled::Compiled;
use engine::{Engine, Flow, IdUses};
use fast::RecordType;
use lexer::{LexError, LexErrorKind, Lexer, Pos, Tok};

use std::io::Read;

use crate::DocumentKind;

/// The deepest nesting the validator reads. The model itself never nests deeper than 8 levels;
/// deeper input is reported as `too_deep` before any further reading.
pub const MAX_DEPTH: usize = 64;

/// How the input is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// One JSON document: a catalogue (an object) or a list of records (an array).
    Json,
    /// One JSON record per line; blank lines are skipped.
    Ndjson,
}

impl Format {
    /// Guesses the format from the file name (`.ndjson`, `.jsonl` → NDJSON; `.json` → JSON) or,
    /// failing that, from the first bytes: NDJSON when the first non-blank line is a complete
    /// object followed by another line starting with `{`.
    pub fn detect(path: Option<&str>, head: &[u8]) -> Format {
        if let Some(p) = path {
            let lower = p.to_ascii_lowercase();
            if lower.ends_with(".ndjson") || lower.ends_with(".jsonl") {
                return Format::Ndjson;
            }
            if lower.ends_with(".json") {
                return Format::Json;
            }
        }
        detect_from_bytes(head)
    }

    /// The format's name: `json` or `ndjson`.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Ndjson => "ndjson",
        }
    }
}

fn detect_from_bytes(head: &[u8]) -> Format {
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let start = head
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(head.len());
    if head.get(start) != Some(&b'{') {
        return Format::Json;
    }
    // An object whose line ends, followed by a line that starts another object.
    let rest = &head[start..];
    let mut lines = rest
        .split(|b| *b == b'\n')
        .filter(|l| !l.iter().all(u8::is_ascii_whitespace));
    let first = lines.next().unwrap_or_default();
    let second = lines.next();
    let first_closes = first.iter().rev().find(|b| !b.is_ascii_whitespace()) == Some(&b'}');
    let second_opens =
        second.and_then(|l| l.iter().find(|b| !b.is_ascii_whitespace())) == Some(&b'{');
    if first_closes && second_opens {
        Format::Ndjson
    } else {
        Format::Json
    }
}

/// What to validate and how to report it.
#[derive(Debug, Clone)]
pub struct Options {
    /// The record type: for a JSON array or NDJSON, the type of each record (default
    /// `network`); for a top-level JSON object, `None` means a catalogue document.
    pub document: Option<DocumentKind>,
    /// The layout, or `None` to detect it from `path` and the first bytes.
    pub format: Option<Format>,
    /// The file name to put in each problem's `path` (and to detect the format from).
    pub path: Option<String>,
    /// How many problems to keep; the counts in the report include the rest.
    pub max_problems: usize,
    /// Threads for NDJSON, CSV and lists of records: 0 uses every core (up to 4), 1 validates
    /// on the calling thread. Results are the same either way.
    pub threads: usize,
    /// Whether records the typed model accepts may skip the schema walk (the default). The
    /// report is the same either way; turning it off is for testing that claim.
    pub fast_path: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            document: None,
            format: None,
            path: None,
            max_problems: 10_000,
            threads: 0,
            fast_path: true,
        }
    }
}

/// Validates an input held in memory.
pub fn validate_bytes(input: &[u8], options: &Options) -> Report {
    // Reading from memory cannot fail.
    validate_reader(input, options).unwrap_or_default()
}

/// Validates an input read as a stream; memory does not grow with the number of records.
/// An `Err` means the input could not be read (not that it is invalid).
pub fn validate_reader<R: Read>(input: R, options: &Options) -> std::io::Result<Report> {
    let mut lx = Lexer::new(input);
    let head: Vec<u8> = lx.head().iter().take(4096).copied().collect();
    let mut engine = Engine::new(
        Compiled::get(DocumentKind::Catalogue),
        options.max_problems,
        options.path.clone(),
    );
    engine.fast = options.fast_path;
    if let Some(e) = lx.io_error() {
        return Err(std::io::Error::other(e.to_owned()));
    }
    let start = Pos {
        offset: 0,
        line: 1,
        column: 1,
    };
    if head.is_empty() {
        engine.emit(
            Code::Syntax,
            Severity::Error,
            Some(start),
            String::new(),
            String::new(),
            "the input is empty: expected a JSON document".into(),
            None,
        );
        return Ok(engine.report);
    }
    if let Some(what) = wide_encoding(&head) {
        engine.emit(Code::Encoding, Severity::Error, Some(start), String::new(), String::new(), format!("the input looks like {what}; JSON must be UTF-8 (RFC 8259) — save it as UTF-8 and try again"), None);
        return Ok(engine.report);
    }
    if lx.skip_bom() {
        engine.emit(Code::ByteOrderMark, Severity::Warning, Some(start), String::new(), String::new(), "the file starts with a UTF-8 byte-order mark, which JSON does not allow (RFC 8259); most tools accept it, some do not".into(), None);
    }
    let format = options
        .format
        .unwrap_or_else(|| Format::detect(options.path.as_deref(), &head));
    // Threads: as asked, or (0) one per core for inputs larger than one read.
    let threads = match options.threads {
        0 if lx.head().len() >= PARALLEL_MIN => std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(4),
        0 => 1,
        n => n,
    };
    if format == Format::Ndjson && threads > 1 {
        let (rest, src, offset) = lx.into_rest();
        return ndjson_parallel(rest, src, offset, engine.report, options, threads);
    }
    engine.threads = threads;
    let flow = match format {
        Format::Json => json_document(&mut lx, &mut engine, options),
        Format::Ndjson => ndjson(&mut lx, &mut engine, options),
    };
    if let Flow::Io(e) = flow {
        return Err(std::io::Error::other(e));
    }
    if let Some(e) = lx.io_error() {
        return Err(std::io::Error::other(e.to_owned()));
    }
    Ok(engine.report)
}

/// Recognises UTF-16 and UTF-32 text by its byte-order mark or its zero bytes.
fn wide_encoding(head: &[u8]) -> Option<&'static str> {
    if head.starts_with(&[0, 0, 0xFE, 0xFF]) || head.starts_with(&[0xFF, 0xFE, 0, 0]) {
        return Some("UTF-32");
    }
    if head.starts_with(&[0xFE, 0xFF]) {
        return Some("UTF-16 (big-endian, with a byte-order mark)");
    }
    if head.starts_with(&[0xFF, 0xFE]) {
        return Some("UTF-16 (little-endian, with a byte-order mark)");
    }
    match head {
        [0, a, 0, b, ..] if *a != 0 && *b != 0 => Some("UTF-16 (big-endian)"),
        [a, 0, b, 0, ..] if *a != 0 && *b != 0 => Some("UTF-16 (little-endian)"),
        _ => None,
    }
}

fn json_document<R: Read>(lx: &mut Lexer<R>, engine: &mut Engine, options: &Options) -> Flow {
    let (tok, pos) = match lx.next() {
        Ok(t) => t,
        Err(e) => return engine.fatal(&e),
    };
    let flow = match tok {
        Tok::Eof => {
            engine.emit(
                Code::Syntax,
                Severity::Error,
                Some(pos),
                String::new(),
                String::new(),
                "the input holds only whitespace: expected a JSON document".into(),
                None,
            );
            return Flow::Broken;
        }
        Tok::ArrStart => {
            let kind = options.document.unwrap_or(DocumentKind::Network);
            engine.set_schema(kind);
            let root = engine.schema.root;
            engine.value(lx, tok, pos, Some(root), true)
        }
        _ => {
            let kind = options.document.unwrap_or(DocumentKind::Catalogue);
            engine.set_schema(kind);
            let root = engine.schema.root;
            let single = kind != DocumentKind::Catalogue;
            if single {
                engine.begin_single_record(None);
            }
            let flow = engine.value(lx, tok, pos, Some(root), false);
            if single {
                engine.end_single_record(flow == Flow::Ok);
                engine.report.records += 1;
            }
            flow
        }
    };
    if flow != Flow::Ok {
        return flow;
    }
    match lx.next() {
        Ok((Tok::Eof, _)) => Flow::Ok,
        Ok((_, p)) => {
            engine.reset_path();
            engine.record = None;
            engine.fatal(&LexError {
                pos: p,
                kind: LexErrorKind::Syntax,
                message: "extra data after the JSON document (for one record per line, use NDJSON)"
                    .into(),
            })
        }
        Err(e) => engine.fatal(&e),
    }
}

/// Inputs shorter than one read are validated on one thread.
const PARALLEL_MIN: usize = 60 * 1024;
/// The size of a chunk of lines handed to a worker.
const CHUNK_BYTES: usize = 1 << 20;

struct ChunkResult {
    report: Report,
    ids: IdUses,
    /// The chunk's bytes, handed back for the next chunk to be read into.
    bytes: Vec<u8>,
}

/// NDJSON on several threads: the reader cuts the input into chunks of whole lines, workers
/// validate them with their own engine, and the results are merged in input order, with the
/// duplicate-id check done across chunks. Memory stays bounded: a few chunks are in flight.
fn ndjson_parallel<R: Read>(
    first: Vec<u8>,
    mut src: R,
    start_offset: u64,
    early: Report,
    options: &Options,
    threads: usize,
) -> std::io::Result<Report> {
    let mut report = early;
    let mut io_error: Option<std::io::Error> = None;
    let mut ids = engine::IdMap::default();
    // Cuts the input into chunks that end at a line break: (bytes, first line, offset).
    let mut carry = first;
    let mut line = 1u64;
    let mut offset = start_offset;
    let mut eof = false;
    // Buffers of chunks already checked, as many as chunks can be in flight. Reading into
    // one of them, rather than into new memory, spares the kernel mapping fresh pages and
    // `read_to_end` growing the buffer.
    let spare = spare::Spare::new(2 * threads + 1, usize::MAX);
    let next_chunk = || -> Option<(Vec<u8>, u64, u64)> {
        while !eof {
            let mut chunk = spare.take();
            chunk.reserve(2 * CHUNK_BYTES);
            chunk.extend_from_slice(&carry);
            carry.clear();
            // Read straight into the chunk (no zero-filled buffer first), until it holds
            // `CHUNK_BYTES` bytes and a line break.
            let mut has_break = memchr::memchr(b'\n', &chunk).is_some();
            loop {
                if chunk.len() >= CHUNK_BYTES && has_break {
                    break;
                }
                let searched = chunk.len();
                let read = (&mut src).take(CHUNK_BYTES as u64).read_to_end(&mut chunk);
                has_break = has_break || memchr::memchr(b'\n', &chunk[searched..]).is_some();
                match read {
                    Ok(0) => {
                        eof = true;
                        break;
                    }
                    Ok(_) => {}
                    Err(e) => {
                        io_error = Some(e);
                        eof = true;
                        break;
                    }
                }
            }
            if !eof && let Some(cut) = memchr::memrchr(b'\n', &chunk) {
                carry.extend_from_slice(&chunk[cut + 1..]);
                chunk.truncate(cut + 1);
            }
            if chunk.is_empty() {
                continue;
            }
            let job = (chunk, line, offset);
            line += memchr::memchr_iter(b'\n', &job.0).count() as u64;
            offset += job.0.len() as u64;
            return Some(job);
        }
        None
    };
    let check = |(bytes, line, offset): (Vec<u8>, u64, u64)| {
        let mut lx = Lexer::starting_at(&bytes[..], line, offset);
        let mut engine = Engine::new(
            Compiled::get(DocumentKind::Catalogue),
            options.max_problems,
            options.path.clone(),
        );
        engine.id_uses = Some(IdUses::default());
        engine.fast = options.fast_path;
        let _ = ndjson_lines(&mut lx, &mut engine, options);
        let ids = engine.id_uses.take().unwrap_or_default();
        ChunkResult {
            report: engine.report,
            ids,
            bytes,
        }
    };
    in_order::in_order(threads, next_chunk, check, |mut r| {
        spare.give(std::mem::take(&mut r.bytes));
        merge_chunk(&mut report, r, &mut ids, options.max_problems)
    });
    if let Some(e) = io_error {
        return Err(e);
    }
    if report.records == 0 && report.errors == 0 {
        let mut engine = Engine::new(
            Compiled::get(DocumentKind::Catalogue),
            options.max_problems,
            options.path.clone(),
        );
        engine.report = report;
        engine.emit(
            Code::Syntax,
            Severity::Error,
            None,
            String::new(),
            String::new(),
            "the input has no records: expected one JSON record per line".into(),
            None,
        );
        report = engine.report;
    }
    Ok(report)
}

/// Adds one chunk's report to the whole, with the duplicate-id warnings the chunk could not
/// see, placed after the other problems of their record.
fn merge_chunk(report: &mut Report, chunk: ChunkResult, ids: &mut engine::IdMap, max: usize) {
    let mut problems = chunk.report.problems;
    report.errors += chunk.report.errors;
    report.warnings += chunk.report.warnings;
    report.records += chunk.report.records;
    for u in &chunk.ids.uses {
        if let Some(first) = engine::first_use(ids, u.hash, u.record) {
            report.warnings += 1;
            problems.push(Problem {
                path: report_path(&problems, report),
                instance_location: chunk.ids.loc(u).to_owned(),
                keyword_location: String::new(),
                record: Some(u.record),
                line: Some(u.pos.line),
                column: Some(u.pos.column),
                code: Code::DuplicateId,
                severity: Severity::Warning,
                error: format!(
                    "the network id {:?} is already used by record {first}",
                    chunk.ids.id(u)
                ),
                suggestion: None,
                column_name: None,
            });
        }
    }
    problems.sort_by_key(|p| p.record);
    for p in problems {
        if report.problems.len() < max {
            report.problems.push(p);
        }
    }
}

fn report_path(chunk: &[Problem], report: &Report) -> Option<String> {
    chunk
        .first()
        .or(report.problems.first())
        .and_then(|p| p.path.clone())
}

fn ndjson<R: Read>(lx: &mut Lexer<R>, engine: &mut Engine, options: &Options) -> Flow {
    let flow = ndjson_lines(lx, engine, options);
    if engine.report.records == 0 && flow == Flow::Ok {
        engine.record = None;
        engine.emit(
            Code::Syntax,
            Severity::Error,
            Some(lx.pos()),
            String::new(),
            String::new(),
            "the input has no records: expected one JSON record per line".into(),
            None,
        );
    }
    flow
}

fn ndjson_lines<R: Read>(lx: &mut Lexer<R>, engine: &mut Engine, options: &Options) -> Flow {
    lx.line_mode = true;
    let kind = options.document.unwrap_or(DocumentKind::Network);
    engine.set_schema(kind);
    let root = engine.schema.root;
    let fast = RecordType::of(kind).filter(|_| engine.fast);
    loop {
        if let Some(ty) = fast
            && fast_line(lx, engine, ty)
        {
            continue;
        }
        let (tok, pos) = match lx.next() {
            Ok(t) => t,
            Err(e) => {
                engine.record = Some(e.pos.line);
                engine.reset_path();
                if let Flow::Io(m) = engine.fatal(&e) {
                    return Flow::Io(m);
                }
                engine.report.records += 1;
                lx.skip_line();
                continue;
            }
        };
        match tok {
            Tok::Eof => break,
            Tok::Newline => continue,
            _ => {}
        }
        let line = pos.line;
        engine.begin_single_record(Some(line));
        let flow = engine.value(lx, tok, pos, Some(root), false);
        engine.report.records += 1;
        match flow {
            Flow::Ok => {
                // Trailing data is reported before the record's warnings, in the order that
                // chunks validated on other threads come back in.
                match lx.next() {
                    Ok((Tok::Newline | Tok::Eof, _)) => {}
                    Ok((_, p)) => {
                        engine.record = Some(line);
                        engine.fatal(&LexError { pos: p, kind: LexErrorKind::Syntax, message: "extra data after the record on this line (NDJSON holds one record per line)".into() });
                        lx.skip_line();
                    }
                    Err(e) => {
                        engine.record = Some(line);
                        if let Flow::Io(m) = engine.fatal(&e) {
                            return Flow::Io(m);
                        }
                        lx.skip_line();
                    }
                }
                engine.end_single_record(true);
            }
            Flow::Broken => {
                engine.end_single_record(false);
                // Resume at the next line, unless the problem was the end of this one.
                if lx.pos().line == line {
                    lx.skip_line();
                }
            }
            Flow::Io(m) => return Flow::Io(m),
        }
    }
    Flow::Ok
}

/// Takes the next NDJSON line by the [fast path](fast) when it holds a clean record; says
/// whether it did. Otherwise nothing is consumed but blanks.
fn fast_line<R: Read>(lx: &mut Lexer<R>, engine: &mut Engine, ty: RecordType) -> bool {
    if lx.peek_after_blanks() != Some(b'{') {
        return false;
    }
    let start = lx.pos();
    let Some(line) = lx.peek_span(fast::MAX_RECORD, true, fast::line_end) else {
        return false;
    };
    let len = line.len();
    let Some(accepted) = fast::accept(ty, line, start) else {
        return false;
    };
    // The record is clean: of the checks, only the repeated id is left to do.
    engine.record = Some(start.line);
    if let Some((id, pos)) = accepted.id {
        engine.check_repeated_id(&id, pos, Some(""));
    }
    engine.report.records += 1;
    // Nothing else is on the line, so the newline that ends it goes too, and the place of the
    // record's end is never needed.
    if !lx.advance_line(len) {
        lx.advance(len);
    }
    true
}

/// Validates one record or document that is already parsed (from Python objects, for
/// instance): a list is a list of records of `document` (default network), an object is a
/// document of that kind (default catalogue). Problems carry no line or column.
pub fn validate_value(value: &serde_json::Value, document: Option<DocumentKind>) -> Report {
    if let Some(depth_problem) = too_deep(value) {
        return Report {
            problems: vec![depth_problem],
            errors: 1,
            ..Report::default()
        };
    }
    let bytes = serde_json::to_vec(value).unwrap_or_default();
    let options = Options {
        document,
        format: Some(Format::Json),
        ..Options::default()
    };
    let mut report = validate_bytes(&bytes, &options);
    for p in &mut report.problems {
        p.line = None;
        p.column = None;
    }
    report
}

/// A `too_deep` problem when the value nests deeper than [`MAX_DEPTH`] (checked without
/// recursion).
fn too_deep(value: &serde_json::Value) -> Option<Problem> {
    let mut stack: Vec<(&serde_json::Value, usize)> = vec![(value, 0)];
    while let Some((v, depth)) = stack.pop() {
        let children: Box<dyn Iterator<Item = &serde_json::Value>> = match v {
            serde_json::Value::Array(a) => Box::new(a.iter()),
            serde_json::Value::Object(o) => Box::new(o.values()),
            _ => continue,
        };
        if depth + 1 > MAX_DEPTH {
            return Some(Problem {
                path: None,
                instance_location: String::new(),
                keyword_location: String::new(),
                record: None,
                line: None,
                column: None,
                code: Code::TooDeep,
                severity: Severity::Error,
                error: format!(
                    "the input nests deeper than {MAX_DEPTH} levels; no citynets document does"
                ),
                suggestion: None,
                column_name: None,
            });
        }
        stack.extend(children.map(|c| (c, depth + 1)));
    }
    None
}
