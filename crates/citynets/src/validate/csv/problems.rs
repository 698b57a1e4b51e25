//! Problems of a table: how they are gathered into a report and placed in the table, and the
//! JSON Pointer helpers that name where they are in a record.
//!
//! Tables of records and wide tables both report through these, so that a problem has the
//! same shape whichever kind of table it is found in.

use serde_json::Value;

use super::super::compiled::Compiled;
use super::super::{Code, Options, Problem, Report, Severity};
use super::decode::DecodeEvent;
use super::place::Place;

/// Gathers problems into a report, keeping at most the number the options say.
pub(in crate::validate) struct Collector {
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
pub(in crate::validate) fn problem(
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
pub(super) fn table_error(place: Place, message: String) -> Problem {
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
pub(in crate::validate) fn decode_problems(
    events: &[DecodeEvent],
    record: Option<u64>,
) -> Vec<Problem> {
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
pub(super) fn escape(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// The tokens of a JSON Pointer.
pub(in crate::validate) fn tokens(pointer: &str) -> Vec<String> {
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
pub(super) fn pointer<S: AsRef<str>>(tokens: &[S]) -> String {
    tokens
        .iter()
        .map(|t| format!("/{}", escape(t.as_ref())))
        .collect()
}

/// The required fields of the object at `at` (a pointer's tokens) that `record` lacks, in the
/// schema's order: what the engine's `missing_field` problems at that place name, one each.
pub(in crate::validate) fn missing_fields(
    schema: &Compiled,
    record: &Value,
    at: &[String],
) -> Vec<String> {
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
