//! The engine's verdict on many mapped records at once: rows of a table are written to one
//! [tape](super::super::tape) as a list and walked together, since starting the engine for
//! each row would cost more than the checking.

use std::sync::Arc;

use serde_json::Value;

use super::super::json_input::validate_tape;
use super::super::limits::nests_deeper_than;
use super::super::objects::{validate_value, write_value};
use super::super::tape::Tape;
use super::super::{Catalogues, Code, MAX_DEPTH, Options, Problem};
use crate::DocumentKind;

/// The engine's verdict on each of `values` (records of `kind`), validated together as one
/// list, so that the cost of starting the engine is paid once for many records. The
/// problems carry no place; checks across records (duplicate ids) are left to the caller.
pub(in crate::validate) fn validate_batch(
    values: &[&Value],
    kind: DocumentKind,
    catalogues: &Arc<Catalogues>,
) -> Vec<Vec<Problem>> {
    let mut out: Vec<Vec<Problem>> = vec![Vec::new(); values.len()];
    let mut tape = Tape::default();
    tape.begin_array();
    // The position in the list → the index in `values`.
    let mut index: Vec<usize> = Vec::with_capacity(values.len());
    for (i, v) in values.iter().enumerate() {
        // A record that nests too deep would stop the reading of the list: alone, it gets
        // its own `too_deep` problem.
        if nests_deeper_than(v, MAX_DEPTH.saturating_sub(2)) {
            out[i] = validate_value(v, Some(kind)).problems;
            continue;
        }
        write_value(v, &mut tape);
        index.push(i);
    }
    tape.end();
    if index.is_empty() {
        return out;
    }
    let options = Options {
        document: Some(kind),
        max_problems: usize::MAX,
        // A batch is small: threads would cost more than they save.
        threads: 1,
        catalogues: catalogues.clone(),
        ..Options::default()
    };
    let report = validate_tape(&tape, &options);
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
        // The tape's walk gives no line or column; the record is the table's to say.
        p.record = None;
        out[i].push(p);
    }
    out
}
