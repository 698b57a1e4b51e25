//! Problems of a table that tables of records and wide tables both raise: a fault of the table
//! as a whole, the decoding problems of a row, and the fields a record lacks.
//!
//! Both kinds of table report through these (and count through
//! [`Problems`](super::super::Problems), as every reader does), so that a problem has the same
//! shape whichever kind of table it is found in.

use serde_json::Value;

use super::super::compiled::Compiled;
use super::super::{Code, Problem};
use super::decode::DecodeEvent;
use super::place::Place;

/// A syntax error at a place of the table that belongs to no record and no column (the table
/// as a whole, or a row that could not be read).
pub(super) fn table_error(place: Place, message: impl Into<String>) -> Problem {
    Problem::error(Code::Syntax, message).at(place.line, place.column)
}

/// The decoding problems of the current row as problems.
pub(in crate::validate) fn decode_problems(
    events: &[DecodeEvent],
    record: Option<u64>,
) -> Vec<Problem> {
    events
        .iter()
        .map(|e| {
            Problem::new(Code::Encoding, e.severity, e.message.clone())
                .at(e.line, e.column)
                .record(record)
        })
        .collect()
}

/// The required fields of the object at `at` (a pointer's tokens) that `record` lacks, those
/// its discriminator's value requires included, in the schema's order: what the engine's
/// `missing_field` problems at that place name, one each.
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
    let node = &schema.nodes[n];
    let chosen = node
        .discriminator
        .and_then(|d| o.get(&node.properties[d].0))
        .and_then(Value::as_str)
        .and_then(|v| node.discriminator_value(v));
    node.missing(chosen, |r| o.contains_key(r))
        .map(|(r, _)| r.to_owned())
        .collect()
}
