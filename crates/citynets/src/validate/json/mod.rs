//! The readers of JSON text, and nothing else reads it (`serde_json` only writes):
//!
//! - [`lexer`]: the source (the buffer filled from a stream, its positions in lines and
//!   columns of characters, the window a scan looks ahead in) and its tokens. The engine's
//!   walk reads every document through it, grammar and syntax errors included (the walk is
//!   generic over its [`Source`](super::engine::Source), so values already parsed, on a
//!   [tape](super::tape), take the same walk).
//! - [`typed`]: the typed reader, a serde `Deserializer` over text, with the rule every typed
//!   reading keeps (a struct from an object, an enum from a string). The fast path reads
//!   clean records with it; catalogue files, `Catalogue::from_json`, `fix`'s documents, JSON
//!   in CSV cells and the embedded registry and schemas are read with it. What its failures
//!   carry is in [`failure`].
//! - [`scan`]: the structural scanner, which finds where a value, a line or a run of records
//!   ends, and where the value at a path is, without reading the values: the fast path's
//!   read-ahead and the places of its warnings, and places inside the JSON of CSV cells.

mod failure;
pub(crate) mod lexer;
mod number;
pub(crate) mod scan;
mod typed;

pub(crate) use failure::JsonError;
pub(crate) use typed::{read, read_fast};
#[cfg(feature = "csv")]
pub(crate) use typed::{read_bytes, read_cell_fast, read_seed};
