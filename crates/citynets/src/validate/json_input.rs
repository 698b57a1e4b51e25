//! JSON and NDJSON inputs, from the front door's verdict to the report: the encoding is
//! reported, the lexer takes the bytes the front door read and the rest of the stream, and the
//! engine walks one document ([`json`]) or one record per line
//! ([`ndjson`]). Records already parsed ([`validate_value`]) come this way too.
//!
//! The table readers validate their mapped rows here, as a JSON list in memory, so this file
//! must not reach the module that dispatches to them.

use std::io::Read;

use super::compiled::Compiled;
use super::engine::{Engine, Flow};
use super::format::Format;
use super::front::{Encoding, Front};
use super::lexer::{Lexer, Pos};
use super::options::{MAX_DEPTH, Options};
use super::problem::{Code, Problem, Report, Severity};
use super::{json, ndjson};
use crate::DocumentKind;

/// JSON or NDJSON (`named` when the options or the file name say which).
pub(super) fn validate_json<R: Read>(
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
    // Reading from memory cannot fail.
    let mut report = validate_json(&bytes[..], &options, Some(Format::Json)).unwrap_or_default();
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
