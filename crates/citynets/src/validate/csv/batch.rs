//! The engine's verdict on many mapped records at once: rows of a table are validated as one
//! JSON list, since starting the engine for each row would cost more than the checking.

use std::sync::Arc;

use serde_json::Value;

use super::super::json_input::validate_json;
use super::super::limits::nests_deeper_than;
use super::super::objects::validate_value;
use super::super::{Catalogues, Code, Format, MAX_DEPTH, Options, Problem};
use crate::DocumentKind;

/// The engine's verdict on each of `values` (records of `kind`), validated together as one
/// JSON list, so that the cost of starting the engine is paid once for many records. The
/// problems carry no place; checks across records (duplicate ids) are left to the caller.
pub(in crate::validate) fn validate_batch(
    values: &[&Value],
    kind: DocumentKind,
    catalogues: &Arc<Catalogues>,
) -> Vec<Vec<Problem>> {
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
        catalogues: catalogues.clone(),
        ..Options::default()
    };
    // Reading from memory cannot fail.
    let report = validate_json(&bytes[..], &options, Some(Format::Json)).unwrap_or_default();
    for mut p in report.problems {
        // Checks across records are the table reader's, over the whole table.
        if matches!(
            p.code,
            Code::DuplicateId | Code::DuplicateMembership | Code::UnknownNetwork
        ) {
            continue;
        }
        let Some(&i) = p
            .record
            // Records are numbered from 1.
            .and_then(|r| usize::try_from(r).ok()?.checked_sub(1))
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
