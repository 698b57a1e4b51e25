//! JSON and NDJSON inputs, from the front door's verdict to the report: the encoding is
//! reported, the lexer takes the bytes the front door read and the rest of the stream, and the
//! engine walks one document ([`document`]) or one record per line
//! ([`ndjson`]). Records already parsed come this way too, as a tape ([`validate_tape`]).
//!
//! The table readers validate their mapped rows here, as a JSON list in memory, so this file
//! must not reach the module that dispatches to them.

use std::io::Read;

use super::book::Book;
use super::compiled::Compiled;
use super::engine::{Engine, Flow};
use super::format::Format;
use super::front::{Encoding, Front};
use super::json::lexer::{Lexer, Pos};
use super::messages;
use super::options::Options;
use super::problem::{Code, Problem, Report};
use super::tape::Tape;
use super::tape::source::TapeSource;
use super::{document, ndjson};
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
    engine.book = Book::new(options.catalogues.clone());
    let start = Pos {
        offset: 0,
        line: 1,
        column: 1,
    };
    if front.is_workbook() {
        let what = if named == Some(Format::Ndjson) {
            "NDJSON"
        } else {
            "JSON"
        };
        engine.emit(Problem::error(Code::Encoding, messages::workbook_as_text(what)).at_pos(start));
        return Ok(engine.problems.finish());
    }
    let encoding = front.encoding();
    match encoding {
        Encoding::Empty => {
            engine.emit(Problem::error(Code::Syntax, messages::EMPTY_INPUT).at_pos(start));
            return Ok(engine.problems.finish());
        }
        Encoding::Wide(what) => {
            engine.emit(Problem::error(Code::Encoding, messages::not_utf8(what)).at_pos(start));
            return Ok(engine.problems.finish());
        }
        Encoding::Utf8Bom => {
            engine.emit(
                Problem::warning(Code::ByteOrderMark, messages::BYTE_ORDER_MARK).at_pos(start),
            );
        }
        Encoding::Utf8 => {}
    }
    let format = front.format(named, None);
    let threads = front.threads(options.threads);
    let skip = encoding.skip();
    let (mut head, rest) = front.into_parts();
    if format == Format::Ndjson && threads > 1 {
        head.drain(..skip);
        return ndjson::parallel(
            head,
            rest,
            skip as u64,
            engine.problems.finish(),
            options,
            threads,
        );
    }
    let mut lx = Lexer::with_head(head, skip, rest);
    engine.threads = threads;
    let flow = match format {
        Format::Ndjson => ndjson::single(&mut lx, &mut engine, options),
        _ => document::document(&mut lx, &mut engine, options),
    };
    if let Flow::Io(e) = flow {
        return Err(std::io::Error::other(e));
    }
    if let Some(e) = lx.io_error() {
        return Err(std::io::Error::other(e.to_owned()));
    }
    engine.finish_book();
    Ok(engine.problems.finish())
}

/// Walks the values of a tape as one JSON document (see [`document::document`]) against the
/// schema of `options.document`, for every problem (up to `options.max_problems`); records may
/// refer to the networks of `options.catalogues`. Problems carry no line or column: the values had none. Values nested deeper
/// than the validator reads get one `too_deep` problem, at the first place too deep, and
/// nothing else: what lies below it was not written.
pub(crate) fn validate_tape(tape: &Tape, options: &Options) -> Report {
    if let Some(at) = tape.too_deep_at() {
        return Report {
            problems: vec![Problem::too_deep(at)],
            errors: 1,
            ..Report::default()
        };
    }
    let mut engine = Engine::new(
        Compiled::get(DocumentKind::Catalogue),
        options.max_problems,
        None,
    );
    // The records of a list that the types accept take the tape's fast path.
    engine.fast = options.fast_path;
    engine.book = Book::new(options.catalogues.clone());
    let mut source = TapeSource::new(tape);
    // A tape cannot fail to read.
    let _ = document::document(&mut source, &mut engine, options);
    engine.finish_book();
    let mut report = engine.problems.finish();
    for p in &mut report.problems {
        p.line = None;
        p.column = None;
    }
    report
}
