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
//! This file holds the public entry points and the dispatch only. Every stream goes in
//! through one door (`validate_input`, or [`validate_reader`] for the default CSV
//! options): a table, named by the options or by its file's extension, goes to the CSV
//! reader; anything else passes `front.rs`, which reads as much as it needs to decide the
//! encoding, the [`Format`] and the number of threads ([`thread_count`]) the same way
//! whatever the sizes of the reads, then to the JSON document reader (`json.rs`) or the
//! NDJSON drivers (`ndjson.rs`).
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
mod format;
mod front;
mod in_order;
mod json;
mod lexer;
mod ndjson;
mod plain_json;
mod problem;
mod sink;
mod spare;
mod suggest;
mod typed;
mod view;
#[cfg(feature = "csv")]
pub mod wide;

pub use format::Format;
pub use in_order::thread_count;
pub use problem::{Code, Problem, Report, Severity};
pub use typed::TypedRecords;

use compiled::Compiled;
use engine::{Engine, Flow};
use front::{Encoding, Front};
use lexer::{Lexer, Pos};

use std::io::Read;

use crate::DocumentKind;

/// The deepest nesting the validator reads. The model itself never nests deeper than 8 levels;
/// deeper input is reported as `too_deep` before any further reading.
pub const MAX_DEPTH: usize = 64;

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
    /// Threads for NDJSON, CSV and lists of records: 0 uses every core (up to 4) for inputs
    /// of 60 KiB or more and the calling thread for shorter ones ([`thread_count`]); 1
    /// validates on the calling thread. Results are the same either way.
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
///
/// Every format is read here, tables too, with the delimiter the header line uses most (to
/// give one, use `validate_input`, which the `csv` feature adds). A build without the `csv`
/// feature reports a table as an error problem.
pub fn validate_reader<R: Read>(input: R, options: &Options) -> std::io::Result<Report> {
    dispatch(input, options, None)
}

/// Validates an input read as a stream in any [`Format`], with the options of the CSV reader
/// for tables: the one entry point that the command line uses.
#[cfg(feature = "csv")]
pub fn validate_input<R: Read>(
    input: R,
    options: &Options,
    csv: &csv::CsvOptions,
) -> std::io::Result<Report> {
    dispatch(input, options, Some(csv))
}

#[cfg(feature = "csv")]
type TableOptions<'a> = Option<&'a csv::CsvOptions>;
#[cfg(not(feature = "csv"))]
type TableOptions<'a> = Option<&'a ()>;

/// Chooses the reader: a table format known from the options or the file name goes to the
/// CSV reader untouched (it decodes the text itself); anything else passes the front door.
fn dispatch<R: Read>(
    input: R,
    options: &Options,
    table: TableOptions<'_>,
) -> std::io::Result<Report> {
    let named = options
        .format
        .or_else(|| options.path.as_deref().and_then(Format::from_path));
    match named {
        Some(format) if format.is_table() => validate_table(input, options, format, table),
        _ => validate_json(input, options, named),
    }
}

/// A table, in a build that reads them.
#[cfg(feature = "csv")]
fn validate_table<R: Read>(
    input: R,
    options: &Options,
    format: Format,
    table: TableOptions<'_>,
) -> std::io::Result<Report> {
    let table = table.copied().unwrap_or_default();
    if format == Format::MembershipWide {
        wide::validate_wide_reader(input, options, &table)
    } else {
        csv::validate_csv_reader(input, options, &table)
    }
}

/// A table, in a build that cannot read them: one error says so.
#[cfg(not(feature = "csv"))]
fn validate_table<R: Read>(
    _input: R,
    options: &Options,
    format: Format,
    _table: TableOptions<'_>,
) -> std::io::Result<Report> {
    let mut engine = Engine::new(
        Compiled::get(DocumentKind::Catalogue),
        options.max_problems,
        options.path.clone(),
    );
    engine.emit(
        Code::Syntax,
        Severity::Error,
        None,
        String::new(),
        String::new(),
        format!(
            "this build of citynets cannot read {} tables (it was built without the `csv` feature)",
            format.as_str()
        ),
        None,
    );
    Ok(engine.report)
}

/// JSON or NDJSON (`named` when the options or the file name say which).
fn validate_json<R: Read>(
    input: R,
    options: &Options,
    named: Option<Format>,
) -> std::io::Result<Report> {
    let front = Front::read(input, named, options.threads)?;
    let mut engine = Engine::new(
        Compiled::get(DocumentKind::Catalogue),
        options.max_problems,
        options.path.clone(),
    );
    engine.fast = options.fast_path;
    let start = Pos {
        offset: 0,
        line: 1,
        column: 1,
    };
    let encoding = front.encoding();
    match encoding {
        Encoding::Empty => {
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
        Encoding::Wide(what) => {
            engine.emit(Code::Encoding, Severity::Error, Some(start), String::new(), String::new(), format!("the input looks like {what}; JSON must be UTF-8 (RFC 8259) — save it as UTF-8 and try again"), None);
            return Ok(engine.report);
        }
        Encoding::Utf8Bom => {
            engine.emit(Code::ByteOrderMark, Severity::Warning, Some(start), String::new(), String::new(), "the file starts with a UTF-8 byte-order mark, which JSON does not allow (RFC 8259); most tools accept it, some do not".into(), None);
        }
        Encoding::Utf8 => {}
    }
    let format = front.format(named, None);
    let threads = front.threads(options.threads);
    let skip = encoding.skip();
    let (mut head, rest) = front.into_parts();
    if format == Format::Ndjson && threads > 1 {
        head.drain(..skip);
        return ndjson::parallel(head, rest, skip as u64, engine.report, options, threads);
    }
    let mut lx = Lexer::with_head(head, skip, rest);
    engine.threads = threads;
    let flow = match format {
        Format::Ndjson => ndjson::single(&mut lx, &mut engine, options),
        _ => json::document(&mut lx, &mut engine, options),
    };
    if let Flow::Io(e) = flow {
        return Err(std::io::Error::other(e));
    }
    if let Some(e) = lx.io_error() {
        return Err(std::io::Error::other(e.to_owned()));
    }
    Ok(engine.report)
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
