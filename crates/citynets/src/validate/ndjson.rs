//! NDJSON, one record per line, read on the calling thread or cut into chunks of whole lines
//! that worker threads check with their own engine.
//!
//! Both drivers share the line loop ([`ndjson_lines`]), so a record gives the same problems
//! whichever reads it; what the parallel driver adds is the bookkeeping a chunk cannot do
//! alone: line numbers and offsets that continue across chunks, and repeated ids across
//! chunks ([`merge`](super::merge)). The one error about the input as a whole ("no records") is
//! written once, for both.

use std::io::Read;
use std::sync::atomic::{AtomicBool, Ordering};

use super::book::Book;
use super::engine::{Engine, Flow};
use super::fast::{self, RecordType};
use super::json::lexer::{LexError, LexErrorKind, Lexer, Pos, Tok};
use super::json::scan;
use super::limits::enough_errors;
use super::{Code, Options, Problem, Problems, Report, in_order, merge, messages, spare};
use crate::DocumentKind;

/// The size of a chunk of lines handed to a worker.
const CHUNK_BYTES: usize = 1 << 20;

/// NDJSON on several threads: the reader cuts the input into chunks of whole lines, workers
/// validate them with their own engine, and the results are merged in input order, with the
/// duplicate-id check done across chunks. Memory stays bounded: a few chunks are in flight.
pub(super) fn parallel<R: Read>(
    first: Vec<u8>,
    mut src: R,
    start_offset: u64,
    early: Report,
    options: &Options,
    threads: usize,
) -> std::io::Result<Report> {
    let mut out = Problems::resume(early, options.max_problems, options.path.clone());
    let mut io_error: Option<std::io::Error> = None;
    let mut book = Book::new(options.catalogues.clone());
    // Cuts the input into chunks that end at a line break: (bytes, first line, offset).
    let mut carry = first;
    let mut line = 1u64;
    let mut offset = start_offset;
    let mut eof = false;
    // Buffers of chunks already checked, as many as chunks can be in flight. Reading into
    // one of them, rather than into new memory, spares the kernel mapping fresh pages and
    // `read_to_end` growing the buffer.
    let spare = spare::Spare::new(2 * threads + 1, usize::MAX);
    // Set once the report holds the errors `max_errors` asks for: no chunk is read after.
    let stop = AtomicBool::new(false);
    let next_chunk = || -> Option<(Vec<u8>, u64, u64)> {
        while !eof && !stop.load(Ordering::Relaxed) {
            let mut chunk = spare.take();
            chunk.reserve(2 * CHUNK_BYTES);
            chunk.extend_from_slice(&carry);
            carry.clear();
            // Read straight into the chunk (no zero-filled buffer first), until it holds
            // `CHUNK_BYTES` bytes and a line break.
            let mut has_break = memchr::memchr(b'\n', &chunk).is_some();
            loop {
                if chunk.len() >= CHUNK_BYTES && has_break {
                    break;
                }
                let searched = chunk.len();
                let read = (&mut src).take(CHUNK_BYTES as u64).read_to_end(&mut chunk);
                has_break = has_break || memchr::memchr(b'\n', &chunk[searched..]).is_some();
                match read {
                    Ok(0) => {
                        eof = true;
                        break;
                    }
                    Ok(_) => {}
                    Err(e) => {
                        io_error = Some(e);
                        eof = true;
                        break;
                    }
                }
            }
            if !eof && let Some(cut) = memchr::memrchr(b'\n', &chunk) {
                carry.extend_from_slice(&chunk[cut + 1..]);
                chunk.truncate(cut + 1);
            }
            if chunk.is_empty() {
                continue;
            }
            let job = (chunk, line, offset);
            line += memchr::memchr_iter(b'\n', &job.0).count() as u64;
            offset += job.0.len() as u64;
            return Some(job);
        }
        None
    };
    // Set once the merged report keeps no more problems (see `merge::chunk_engine`).
    let full = AtomicBool::new(out.is_full());
    let check = |(bytes, line, offset): (Vec<u8>, u64, u64)| {
        let mut lx = Lexer::starting_at(&bytes[..], line, offset);
        let mut engine = merge::chunk_engine(options, options.path.clone(), &full);
        let _ = ndjson_lines(&mut lx, &mut engine, options);
        // The chunk's bytes are handed back for the next chunk to be read into.
        (merge::finish_chunk(engine), bytes)
    };
    in_order::in_order(threads, next_chunk, check, |(r, bytes)| {
        spare.give(bytes);
        merge::merge_chunk(&mut out, r, &mut book, &full);
        if enough_errors(options, out.report().errors) {
            stop.store(true, Ordering::Relaxed);
        }
    });
    if let Some(e) = io_error {
        return Err(e);
    }
    if out.report().records == 0 {
        let start = Pos {
            offset: start_offset,
            line: 1,
            column: 1,
        };
        out.push(no_records(start));
    }
    for p in book.finish() {
        out.push(p);
    }
    Ok(out.finish())
}

/// NDJSON on the calling thread.
pub(super) fn single<R: Read>(lx: &mut Lexer<R>, engine: &mut Engine, options: &Options) -> Flow {
    let start = lx.pos();
    let flow = ndjson_lines(lx, engine, options);
    if engine.problems.report().records == 0 && flow == Flow::Ok {
        engine.record = None;
        engine.emit(no_records(start));
    }
    flow
}

/// The error for an input without a single record (only blank lines, or nothing after a
/// byte-order mark). It is placed where the text starts, line 1, column 1: the input as a
/// whole is at fault, and both drivers know that place without reading to the end.
fn no_records(start: Pos) -> Problem {
    Problem::error(Code::Syntax, messages::NO_RECORDS).at_pos(start)
}

fn ndjson_lines<R: Read>(lx: &mut Lexer<R>, engine: &mut Engine, options: &Options) -> Flow {
    lx.line_mode = true;
    let kind = options.document.unwrap_or(DocumentKind::Network);
    engine.set_schema(kind);
    let root = engine.schema.root;
    let fast = RecordType::of(kind).filter(|_| engine.fast);
    loop {
        if enough_errors(options, engine.problems.report().errors) {
            // `--max-errors`: the rest is not read (the report is cut where it asks).
            break;
        }
        if let Some(ty) = fast
            && fast_line(lx, engine, ty)
        {
            continue;
        }
        let (tok, pos) = match lx.next() {
            Ok(t) => t,
            Err(e) => {
                engine.record = Some(next_record(engine));
                engine.reset_path();
                if let Flow::Io(m) = engine.fatal(&e) {
                    return Flow::Io(m);
                }
                engine.problems.add_record();
                lx.skip_line();
                continue;
            }
        };
        match tok {
            Tok::Eof => break,
            Tok::Newline => continue,
            _ => {}
        }
        let line = pos.line;
        let number = next_record(engine);
        engine.begin_single_record(Some(number));
        let flow = engine.value(lx, tok, pos, Some(root), false);
        engine.problems.add_record();
        match flow {
            Flow::Ok => {
                // Trailing data is reported before the record's warnings, in the order that
                // chunks validated on other threads come back in.
                match lx.next() {
                    Ok((Tok::Newline | Tok::Eof, _)) => {}
                    Ok((_, p)) => {
                        engine.record = Some(number);
                        engine.fatal(&LexError {
                            pos: p,
                            kind: LexErrorKind::Syntax,
                            message: messages::EXTRA_AFTER_RECORD.into(),
                        });
                        lx.skip_line();
                    }
                    Err(e) => {
                        engine.record = Some(number);
                        if let Flow::Io(m) = engine.fatal(&e) {
                            return Flow::Io(m);
                        }
                        lx.skip_line();
                    }
                }
                engine.end_single_record(true);
            }
            Flow::Broken => {
                engine.end_single_record(false);
                // Resume at the next line, unless the problem was the end of this one.
                if lx.pos().line == line {
                    lx.skip_line();
                }
            }
            Flow::Io(m) => return Flow::Io(m),
        }
    }
    Flow::Ok
}

/// The number of the record that starts: records are counted from 1, blank lines not
/// counted (a record's line is in its problems' `line`).
fn next_record(engine: &Engine) -> u64 {
    engine.problems.report().records + 1
}

/// Takes the next NDJSON line by the [fast path](fast) when it holds a clean record; says
/// whether it did. Otherwise nothing is consumed but blanks.
fn fast_line<R: Read>(lx: &mut Lexer<R>, engine: &mut Engine, ty: RecordType) -> bool {
    if lx.peek_after_blanks() != Some(b'{') {
        return false;
    }
    let start = lx.pos();
    let Some(line) = lx.peek_span(fast::MAX_RECORD, true, scan::line_end) else {
        return false;
    };
    let len = line.len();
    let Some(accepted) = fast::accept(ty, line, start) else {
        return false;
    };
    // The record is valid: its warnings are known, and only the repeated id is left to check.
    engine.record = Some(next_record(engine));
    engine.warn(accepted.warnings, "");
    if let Some((key, pos)) = accepted.key {
        engine.note_key(&key, pos, Some(""));
    }
    engine.problems.add_record();
    // Nothing else is on the line, so the newline that ends it goes too, and the place of the
    // record's end is never needed.
    if !lx.advance_line(len) {
        lx.advance(len);
    }
    true
}
