//! A tape read as tokens by the engine's walk, the way the lexer hands out the tokens of JSON
//! text: the punctuation (`:` and `,`) that text would have is given between the events, so
//! the walk holds one grammar for both. A token's place is the index of its event (line and
//! column 0): values already parsed have no lines, and the caller drops them from problems.

use serde::Deserialize;

use super::typed::Reader;
use super::{Event, Tape};
use crate::validate::book::Key;
use crate::validate::engine::{Engine, Frame, Source};
use crate::validate::fast::{Accepted, RecordType};
use crate::validate::json::lexer::{LexError, LexErrorKind, Number, Pos, StrSink, Tok};
use crate::validate::rules::warnings;
use crate::validate::typed::RecordKey;
use crate::{Membership, Network};

/// Where the reading of one open container stands.
#[derive(Debug, Clone, Copy)]
struct Open {
    object: bool,
    /// Entries or items not started yet.
    left: u32,
    step: Step,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    /// Nothing of it read yet but its start.
    First,
    /// A key was given: the colon is next.
    Colon,
    /// The colon was given: the value is next.
    Value,
    /// A value was read: a comma or the end is next.
    After,
    /// The comma was given: the next key or item is next.
    Next,
}

/// The tokens of a tape.
pub(crate) struct TapeSource<'t> {
    tape: &'t Tape,
    at: usize,
    open: Vec<Open>,
    /// The event the last `Str` or `Num` token started, read by the call that follows.
    pending: Option<Event>,
}

impl<'t> TapeSource<'t> {
    pub(crate) fn new(tape: &'t Tape) -> Self {
        TapeSource {
            tape,
            at: 0,
            open: Vec::new(),
            pending: None,
        }
    }

    fn pos(&self) -> Pos {
        Pos {
            offset: self.at as u64,
            line: 0,
            column: 0,
        }
    }

    /// The token of the next event (a value, or a key).
    fn event(&mut self) -> (Tok, Pos) {
        let pos = self.pos();
        let Some(&event) = self.tape.events.get(self.at) else {
            return (Tok::Eof, pos);
        };
        self.at += 1;
        let tok = match event {
            Event::Object(n) | Event::Array(n) => {
                let object = matches!(event, Event::Object(_));
                self.open.push(Open {
                    object,
                    left: n,
                    step: Step::First,
                });
                if object { Tok::ObjStart } else { Tok::ArrStart }
            }
            // Deeper than the validator reads: an opening the walk refuses for its depth.
            Event::Deep => Tok::ArrStart,
            Event::Str(..) => Tok::Str,
            Event::Signed(_) | Event::Unsigned(_) | Event::Float(_) => Tok::Num,
            Event::Bool(true) => Tok::True,
            Event::Bool(false) => Tok::False,
            Event::Null => Tok::Null,
        };
        self.pending = Some(event);
        (tok, pos)
    }

    fn refused(&self, what: &str) -> Box<LexError> {
        Box::new(LexError {
            pos: self.pos(),
            kind: LexErrorKind::Syntax,
            message: format!("internal error: the tape holds no {what} here"),
        })
    }
}

impl TapeSource<'_> {
    /// The fast path of a tape: the record that starts at the next event, read into the
    /// model's types (what the types accept, the schema accepts), with its warnings from the
    /// rules over the types, and the index of the event after it. `None` when the types
    /// refuse it: the walk then reads it.
    fn accept(&self, ty: RecordType) -> Option<(Accepted, usize)> {
        if !matches!(self.tape.events.get(self.at), Some(Event::Object(_))) {
            return None;
        }
        let mut reader = Reader::at(self.tape, self.at);
        let (found, key) = match ty {
            RecordType::Network => {
                let n = Network::deserialize(&mut reader).ok()?;
                (warnings(&n, false), RecordKey::of_network(&n))
            }
            RecordType::Membership => {
                let m = Membership::deserialize(&mut reader).ok()?;
                (warnings(&m, true), RecordKey::of_membership(&m))
            }
        };
        let key: Key = key.into_key();
        let accepted = Accepted {
            key: Some((key, self.pos())),
            warnings: found,
        };
        Some((accepted, reader.position()))
    }
}

impl Source for TapeSource<'_> {
    fn take_clean_record(
        &mut self,
        engine: &mut Engine,
        stack: &mut [Frame],
        ty: RecordType,
    ) -> bool {
        // Only an item of the list being read, at its turn (after `[` or a comma).
        let Some(top) = self.open.last_mut() else {
            return false;
        };
        if top.object || !matches!(top.step, Step::First | Step::Next) || top.left == 0 {
            return false;
        }
        let Some((accepted, after)) = self.accept(ty) else {
            return false;
        };
        if let Some(top) = self.open.last_mut() {
            top.left -= 1;
            top.step = Step::After;
        }
        self.at = after;
        engine.accept_element(stack, accepted);
        true
    }

    fn next(&mut self) -> Result<(Tok, Pos), Box<LexError>> {
        let pos = self.pos();
        let Some(top) = self.open.last_mut() else {
            return Ok(self.event());
        };
        let tok = match top.step {
            Step::Colon => {
                top.step = Step::Value;
                Tok::Colon
            }
            Step::Value => {
                top.step = Step::After;
                return Ok(self.event());
            }
            Step::First | Step::After if top.left == 0 => {
                let object = top.object;
                self.open.pop();
                if object { Tok::ObjEnd } else { Tok::ArrEnd }
            }
            Step::After => {
                top.step = Step::Next;
                Tok::Comma
            }
            Step::First | Step::Next => {
                top.left -= 1;
                top.step = if top.object { Step::Colon } else { Step::After };
                return Ok(self.event());
            }
        };
        Ok((tok, pos))
    }

    fn read_string(&mut self, sink: &mut dyn StrSink) -> Result<(), Box<LexError>> {
        match self.pending.take() {
            Some(Event::Str(start, len)) => {
                let text = self
                    .tape
                    .text
                    .get(start..start + len)
                    .ok_or_else(|| self.refused("string"))?;
                sink.push(text);
                Ok(())
            }
            _ => Err(self.refused("string")),
        }
    }

    fn read_number(&mut self) -> Result<Number, Box<LexError>> {
        // The text is what JSON text of the same value holds (as serde_json writes it), so
        // messages quote the same number.
        let number = match self.pending.take() {
            Some(Event::Signed(v)) => Number {
                int: Some(i128::from(v)),
                float: v as f64,
                text: v.to_string(),
            },
            Some(Event::Unsigned(v)) => Number {
                int: Some(i128::from(v)),
                float: v as f64,
                text: v.to_string(),
            },
            Some(Event::Float(v)) => Number {
                int: None,
                float: v,
                text: super::text::float_text(v),
            },
            _ => return Err(self.refused("number")),
        };
        Ok(number)
    }
}
