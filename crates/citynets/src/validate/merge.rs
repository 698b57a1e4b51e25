//! Chunks of records checked apart and merged in order: NDJSON cut into chunks of lines
//! ([`ndjson`](super::ndjson)) and lists of records already parsed cut into tapes
//! ([`objects`](super::objects)). Each chunk is walked on a worker by an engine of its own
//! ([`chunk_engine`]), which numbers its records from 1 and keeps the keys of its records
//! rather than checking them ([`IdUses`]); the calling thread merges what each gives back
//! ([`merge_chunk`]), in the order of the input, so that the report is the one a single walk
//! over the whole input gives: record numbers continue across chunks, and the checks across
//! records (repeated ids and memberships, unknown networks) are done by one [`Book`].

use std::sync::atomic::{AtomicBool, Ordering};

use super::book::{Book, IdUses};
use super::compiled::Compiled;
use super::engine::Engine;
use super::{Options, Problem, Problems, Report, Severity};
use crate::DocumentKind;

/// What a worker gives back for one chunk.
pub(super) struct ChunkResult {
    /// The chunk's own problems and counts, its records numbered from 1.
    pub report: Report,
    /// The keys of its records, for the checks across records.
    pub ids: IdUses,
    /// Whether the chunk dropped problems it had kept (those under the earlier value of a
    /// repeated key): the counts of such a chunk may depend on how many problems it kept.
    pub retracted: bool,
}

/// The engine of one chunk, placing its problems in the file `path`. Once the merged report
/// keeps no more problems (`full`), a chunk started after that can only add counts (its
/// problems come after every one kept), so its engine keeps none and builds no message: with
/// every record warning, the thread that merges would otherwise spend its time dropping
/// problems that the workers built.
pub(super) fn chunk_engine(options: &Options, path: Option<String>, full: &AtomicBool) -> Engine {
    let keep = if full.load(Ordering::Relaxed) {
        0
    } else {
        options.max_problems
    };
    let mut engine = Engine::new(Compiled::get(DocumentKind::Catalogue), keep, path);
    engine.id_uses = Some(IdUses::default());
    engine.fast = options.fast_path;
    engine
}

/// What the engine of a chunk found, once the chunk is walked.
pub(super) fn finish_chunk(mut engine: Engine) -> ChunkResult {
    let ids = engine.id_uses.take().unwrap_or_default();
    let retracted = engine.problems.retracted();
    ChunkResult {
        report: engine.problems.finish(),
        ids,
        retracted,
    }
}

/// Adds one chunk's report to the whole, with the warnings across records that the chunk
/// could not see (from the [book](super::book)), placed after the other problems of their
/// record; sets `full` once the whole keeps no more problems.
pub(super) fn merge_chunk(
    out: &mut Problems,
    mut chunk: ChunkResult,
    book: &mut Book,
    full: &AtomicBool,
) {
    // A chunk numbers its records from 1; they follow the records of the chunks before.
    let before = out.report().records;
    out.add_counts(&chunk.report);
    let mut problems = std::mem::take(&mut chunk.report.problems);
    for p in &mut problems {
        p.record = p.record.map(|r| r + before);
    }
    for u in &chunk.ids.uses {
        let record = u.record + before;
        let noted = book.note(chunk.ids.use_of(u), record);
        if !noted.needs_place() {
            continue;
        }
        let place = |p: Problem| {
            p.at_pos(u.pos)
                .instance(chunk.ids.loc(u))
                .record(Some(record))
        };
        if let Some(p) = noted.place(book, place) {
            out.count(Severity::Warning);
            if !out.is_full() {
                problems.push(p);
            }
        }
    }
    problems.sort_by_key(|p| p.record);
    for p in problems {
        if !out.keep(p) {
            break;
        }
    }
    if out.is_full() {
        full.store(true, Ordering::Relaxed);
    }
}
