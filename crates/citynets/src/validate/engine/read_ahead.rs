//! The engine's side of the [fast path](crate::validate::fast) for lists of records: the
//! records ahead are found and checked in batches (on several threads when there are), and
//! the walk takes each verdict in turn: a valid record is skipped, its warnings and id
//! reported, and any other is walked as usual.

use std::io::Read;
use std::sync::Arc;

use super::frame::{ArrayRole, Frame};
use super::{Engine, Source};
use crate::validate::fast::{self, RecordType};
use crate::validate::in_order::Wait;
use crate::validate::json::lexer::{LexError, Lexer, Number, Pos, Scan, StrSink, Tok, pos_after};
use crate::validate::json::scan;

/// Makes the batch of the records `found` in `window` (which starts at input offset `base`),
/// numbered after the last one made, and gives its groups to the checkers.
fn give_batch(
    checkers: &mut fast::Checkers,
    batches: &mut u64,
    ty: RecordType,
    window: &[u8],
    base: u64,
    found: &[fast::Found],
) -> Arc<fast::Batch> {
    *batches += 1;
    let batch = Arc::new(fast::Batch::new(*batches, ty, window, base, found));
    checkers.give_all((0..batch.groups()).map(|g| (Arc::clone(&batch), g)));
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
    /// [`ahead`](Self::ahead): one record on one thread; with more, a batch whose groups of
    /// records the [checkers](fast::Checkers) take. This thread first finds the next batch and
    /// gives it to the checkers too, then takes the verdicts on this one in order, checking
    /// groups itself while they are not back. While it keeps the books of this batch, the
    /// checkers go on to the next.
    ///
    /// Memory: at most two batches are in flight (this one and the next), each of about
    /// [`READ_AHEAD`](fast::READ_AHEAD) bytes (a batch ends after the record that reaches it,
    /// of at most [`MAX_RECORD`](fast::MAX_RECORD) bytes), copied once for the checkers, with
    /// their verdicts; the lexer holds the bytes of this batch and
    /// [`READ_AHEAD`](fast::READ_AHEAD) + [`SLACK`](fast::SLACK) more.
    pub(super) fn read_ahead<R: Read>(&mut self, lx: &mut Lexer<R>, ty: RecordType, start: Pos) {
        let threads = self.threads;
        if threads <= 1 {
            let Some(bytes) = lx.peek_span(fast::MAX_RECORD, false, scan::value_end) else {
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
                    scan::objects_end(b, budget, &mut spans.borrow_mut())
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
        let checkers = self
            .checkers
            .get_or_insert_with(|| fast::checkers(threads - 1));
        // This batch: given to the checkers when it was found, or now.
        let batch = match self.in_flight.take() {
            Some(b) if b.first_offset() == Some(start.offset) && b.len() == current.len() => b,
            stale => {
                if let Some(stale) = stale {
                    stale.cancel();
                }
                give_batch(
                    checkers,
                    &mut self.batches,
                    ty,
                    window,
                    start.offset,
                    &current,
                )
            }
        };
        // The next batch is found and given at once: the checkers go on to it when this one
        // has no group left to take.
        let after = window.get(current_end..).unwrap_or_default();
        let next = fast::batch_after(after, last_end, budget);
        if !next.is_empty() {
            let b = give_batch(checkers, &mut self.batches, ty, window, start.offset, &next);
            self.in_flight = Some(b);
            self.next_batch = Some(next);
        }
        // The verdicts come back in the order the groups were given: those of a batch given
        // up first (dropped), then this one's.
        let mut results: Vec<Option<fast::Verdicts>> = (0..batch.groups()).map(|_| None).collect();
        let mut missing = results.len();
        while missing > 0 {
            match checkers.take(Wait::Help) {
                Some((id, g, v)) if id == batch.id => {
                    if let Some(slot @ None) = results.get_mut(g) {
                        *slot = Some(v);
                        missing -= 1;
                    }
                }
                Some(_) => {}
                None => break,
            }
        }
        // A group whose verdicts never came back is left to the engine.
        let verdicts = results.into_iter().enumerate().flat_map(|(g, v)| {
            v.unwrap_or_else(|| {
                (0..batch.group_len(g))
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
