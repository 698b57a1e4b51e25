//! One JSON document: a catalogue, a single record, or a list of records (a JSON array), read
//! from any [source](super::engine::Source) of tokens: JSON text or a tape of parsed values.
//!
//! The document's type is decided by its first token when the options do not say it, and
//! anything after the document is an error that points to NDJSON, the usual intent.

use super::engine::{Engine, Flow, Source};
use super::json::lexer::{LexError, LexErrorKind, Tok};
use super::{Code, Options, Problem, messages};
use crate::DocumentKind;

/// Validates the one document of `lx`: its type is `options.document`, else a catalogue for an
/// object and a list of networks for an array.
pub(super) fn document<S: Source>(lx: &mut S, engine: &mut Engine, options: &Options) -> Flow {
    let (tok, pos) = match lx.next() {
        Ok(t) => t,
        Err(e) => return engine.fatal(&e),
    };
    let flow = match tok {
        Tok::Eof => {
            engine.emit(Problem::error(Code::Syntax, messages::ONLY_WHITESPACE).at_pos(pos));
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
                engine.problems.add_record();
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
                message: messages::EXTRA_AFTER_DOCUMENT.into(),
            })
        }
        Err(e) => engine.fatal(&e),
    }
}
