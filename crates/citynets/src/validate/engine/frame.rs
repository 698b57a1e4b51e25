//! The walk's stack: one frame per open object or array, with what the engine must remember
//! of it until it closes (keys seen, items counted, the canonical forms of a `uniqueItems`
//! list). Kept apart from the [`Engine`](super::Engine) so that what it holds can be read
//! without the walk that fills it.

use super::unique::{Canon, Unique};
use crate::validate::json::lexer::Pos;

/// How the elements of an array relate to records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ArrayRole {
    Plain,
    /// A top-level list of records: each element is a record, located from its own root.
    Records,
    /// The `networks` of a catalogue document: each element is a network record.
    Networks,
}

pub(crate) enum Frame {
    Obj {
        node: Option<usize>,
        start: Pos,
        /// The schema's properties seen so far, by position.
        seen: u64,
        /// Other keys seen (for duplicate detection; bounded).
        others: Vec<String>,
        unknown: Vec<(String, Pos)>,
        /// The value of the schema's discriminator (`allOf` of `if`/`then`) as compiled, when
        /// the object has it and a condition names it.
        chosen: Option<&'static str>,
        /// Expecting a key (true) or a comma/end (false).
        want_key: bool,
        first: bool,
    },
    Arr {
        node: Option<usize>,
        /// The schema of the elements.
        items: Option<usize>,
        start: Pos,
        count: u64,
        role: ArrayRole,
        unique: Option<Unique>,
        want_value: bool,
    },
}

/// Whether an enclosing array checks `uniqueItems` (only then are canonical forms built).
#[inline]
pub(super) fn tracking_unique(stack: &[Frame]) -> bool {
    stack.iter().any(|f| {
        matches!(
            f,
            Frame::Arr {
                unique: Some(_),
                ..
            }
        )
    })
}

/// The canonical form being built for the innermost array that checks `uniqueItems`.
pub(super) fn builder(stack: &mut [Frame]) -> Option<&mut Canon> {
    stack.iter_mut().rev().find_map(|f| match f {
        Frame::Arr {
            unique: Some(Unique {
                building: Some(c), ..
            }),
            ..
        } => Some(c),
        _ => None,
    })
}
