//! The engine's side of the [fast path](crate::validate::fast) for lists of records: the
//! records ahead are found and checked in batches (on several threads when there are), and
//! the walk takes each verdict in turn: a valid record is skipped, its warnings and id
//! reported, and any other is walked as usual.

use std::io::Read;
use std::sync::Arc;

use super::frame::{ArrayRole, Frame};
use super::{Engine, Source};
use crate::validate::fast::{self, RecordType};
use crate::validate::json::lexer::{LexError, Lexer, Number, Pos, Scan, StrSink, Tok, pos_after};

/// Makes the batch of the records `found` in `window` (which starts at input offset `base`),
/// numbered after the last one made, and sends it to the workers.
pub(super) fn send_batch(
    pool: &fast::Pool,
    batches: &mut u64,
    ty: RecordType,
    window: &[u8],
    base: u64,
    found: &[fast::Found],
) -> Arc<fast::Shared> {
    *batches += 1;
    let batch = Arc::new(fast::Shared::new(*batches, ty, window, base, found));
    pool.send(&batch);
    batch
}

impl Engine {
    /// The record type for the fast path, when the next value is an element of a list of
    /// records.
    pub(super) fn fast_type(&self, stack: &[Frame]) -> Option<RecordType> {
        if !self.fast {
            return None;
        }
        match stack.last()? {
            Frame::Arr {
                want_value: true,
                unique: None,
                role,
                ..
            } => match role {
                ArrayRole::Networks => Some(RecordType::Network),
                ArrayRole::Records => self.record_type,
                ArrayRole::Plain => None,
            },
            _ => None,
        }
    }

    /// Takes the next element of a list of records by the fast path when it is a clean record;
    /// says whether it did. Otherwise nothing is consumed but blanks.
    pub(super) fn fast_element<R: Read>(
        &mut self,
        lx: &mut Lexer<R>,
        stack: &mut [Frame],
        ty: RecordType,
    ) -> bool {
        if lx.peek_after_blanks() != Some(b'{') {
            return false;
        }
        let start = lx.pos();
        if self.ahead.front().is_none_or(|a| a.0 != start.offset) {
            self.ahead.clear();
            self.read_ahead(lx, ty, start);
        }
        let Some((offset, len, accepted)) = self.ahead.pop_front() else {
            return false;
        };
        let Some((accepted, end)) = accepted.filter(|_| offset == start.offset) else {
            return false;
        };
        self.accept_element(stack, accepted);
        lx.advance_to(len, end);
        true
    }

    /// Takes the next element of a list of records as found valid by a fast path (the source
    /// then passes over it): its warnings are known, and only the checks across records are
    /// left to do.
    pub(crate) fn accept_element(&mut self, stack: &mut [Frame], accepted: fast::Accepted) {
        self.begin_element(stack, false);
        if !accepted.warnings.is_empty() {
            let root = self.location();
            self.warn(accepted.warnings, &root);
        }
        if let Some((key, pos)) = accepted.key {
            self.note_key(&key, pos, None);
        }
    }

    /// Reads ahead the records of a list from `start` and queues their verdicts in
    /// [`ahead`](Self::ahead): one record on one thread; with more, a batch that every thread
    /// takes records from. This thread first finds the next batch and sends it to the workers,
    /// then takes records of this one until none is left, and waits for those the workers
    /// took. While it keeps the books of this batch, the workers go on to the next.
    pub(super) fn read_ahead<R: Read>(&mut self, lx: &mut Lexer<R>, ty: RecordType, start: Pos) {
        let threads = self.threads;
        if threads <= 1 {
            let Some(bytes) = lx.peek_span(fast::MAX_RECORD, false, fast::value_end) else {
                return;
            };
            let n = bytes.len();
            let verdict = fast::accept(ty, bytes, start).map(|v| (v, pos_after(start, bytes)));
            self.ahead.push_back((start.offset, n, verdict));
            return;
        }
        let budget = fast::READ_AHEAD;
        // The batch to check now: found during the previous call when it starts here.
        let planned = self
            .next_batch
            .take()
            .filter(|b| b.first().is_some_and(|r| r.0 == start.offset));
        let current = match planned {
            Some(batch) => batch,
            None => {
                let spans = std::cell::RefCell::new(Vec::new());
                let Some(bytes) = lx.peek_span(budget + fast::MAX_RECORD, false, |b| {
                    fast::objects_end(b, budget, &mut spans.borrow_mut())
                }) else {
                    return;
                };
                fast::located(bytes, start, &spans.into_inner())
            }
        };
        let Some(&(last_offset, last_len, _, last_end)) = current.last() else {
            return;
        };
        let current_end = (last_offset - start.offset) as usize + last_len;
        // The bytes of this batch and of the next.
        let need = current_end + budget + fast::SLACK;
        let Some(window) = lx.peek_span(need, true, |b| {
            if b.len() >= need {
                Scan::End(need)
            } else {
                Scan::More
            }
        }) else {
            return;
        };
        let pool = self
            .pool
            .get_or_insert_with(|| fast::Pool::new(threads - 1));
        // This batch, shared with the workers: sent when it was found, or now.
        let shared = match self.in_flight.take() {
            Some(s) if s.first_offset() == Some(start.offset) && s.len() == current.len() => s,
            stale => {
                if let Some(stale) = stale {
                    stale.cancel();
                }
                send_batch(pool, &mut self.batches, ty, window, start.offset, &current)
            }
        };
        // The next batch is found and sent at once: the workers go on to it when this one has
        // no records left to take.
        let after = window.get(current_end..).unwrap_or_default();
        let next = fast::batch_after(after, last_end, budget);
        if !next.is_empty() {
            let s = send_batch(pool, &mut self.batches, ty, window, start.offset, &next);
            self.in_flight = Some(s);
            self.next_batch = Some(next);
        }
        // This thread takes groups of this batch too, then waits for those the workers took.
        let mut results: Vec<Option<fast::Verdicts>> = (0..shared.groups()).map(|_| None).collect();
        let mut missing = results.len();
        let mut keep = |g: usize, v: fast::Verdicts, missing: &mut usize| {
            if let Some(slot @ None) = results.get_mut(g) {
                *slot = Some(v);
                *missing -= 1;
            }
        };
        shared.work(|g, v| {
            keep(g, v, &mut missing);
            true
        });
        // Verdicts that came back while an earlier batch was awaited; older ones are stale.
        for (id, g, v) in std::mem::take(&mut self.early) {
            if id == shared.id {
                keep(g, v, &mut missing);
            } else if id > shared.id {
                self.early.push((id, g, v));
            }
        }
        while missing > 0 {
            match pool.receive() {
                Some((id, g, v)) if id == shared.id => keep(g, v, &mut missing),
                Some(later) if later.0 > shared.id => self.early.push(later),
                Some(_) => {}
                None => break,
            }
        }
        // A group whose verdicts never came back is left to the engine.
        let verdicts = results.into_iter().enumerate().flat_map(|(g, v)| {
            v.unwrap_or_else(|| {
                (0..shared.group_len(g))
                    .map(|_| (None, Pos::default()))
                    .collect()
            })
        });
        for (&(offset, n, _, _), (verdict, end)) in current.iter().zip(verdicts) {
            self.ahead.push_back((offset, n, verdict.map(|v| (v, end))));
        }
    }
}

/// JSON text: the lexer's tokens, and the fast path that takes clean records from its bytes.
impl<R: Read> Source for Lexer<R> {
    #[inline]
    fn next(&mut self) -> Result<(Tok, Pos), Box<LexError>> {
        Lexer::next(self)
    }

    #[inline]
    fn read_string(&mut self, sink: &mut dyn StrSink) -> Result<(), Box<LexError>> {
        Lexer::read_string(self, sink)
    }

    #[inline]
    fn read_number(&mut self) -> Result<Number, Box<LexError>> {
        Lexer::read_number(self)
    }

    #[inline]
    fn take_clean_record(
        &mut self,
        engine: &mut Engine,
        stack: &mut [Frame],
        ty: RecordType,
    ) -> bool {
        engine.fast_element(self, stack, ty)
    }
}
