//! The validator proper: walks the token stream with an explicit stack (no recursion), checks
//! each value against its compiled schema node keyword by keyword, and records problems.
//!
//! This file holds the engine's state and its record bookkeeping: where the current value is,
//! which record it belongs to, how problems are reported (and capped), and what happens when a
//! record opens and closes (the [rules](super::rules)' warnings, the [id book](super::ids)).
//! The rest is in rooms of its own: [`walk`] (the loop over tokens), [`scalars`] (the checks of
//! one scalar), [`required`] (`required` and the conditions of `allOf`), [`unique`] (`uniqueItems`) and [`read_ahead`] (records taken by the
//! [fast path](super::fast)). The engine sits on top of the validator's modules: rules, facts,
//! views and the fast path do not use it.

use std::sync::Arc;

use super::book::{Book, IdUses, Key};
use super::checks::RecordFacts;
use super::compiled::{Compiled, Node};
use super::fast::{self, RecordType};
use super::json::lexer::{LexError, LexErrorKind, Number, Pos, StrSink, Tok};
use super::path::{self, Seg};
use super::rules::Warning;
use super::sink::StringSink;
use super::{Code, Problem, Problems, Severity};

mod frame;
mod read_ahead;
mod required;
mod scalars;
mod unique;
mod walk;

pub(crate) use frame::ArrayRole;
pub(crate) use frame::Frame;

/// A record of a list read ahead: its offset, its length, and when it is valid, what the fast
/// path found and the position after it.
type ReadAhead = (u64, usize, Option<(fast::Accepted, Pos)>);

/// The outcome of walking one value: whether the input can be read on.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Flow {
    Ok,
    /// A syntax, encoding or depth problem: the rest of this record cannot be read.
    Broken,
    /// The source failed to read.
    Io(String),
}

/// The state of one validation run over a document or a chunk of lines: the schema, the report
/// so far, where the walk is, and the fast path's read-ahead.
pub(crate) struct Engine {
    pub schema: &'static Compiled,
    /// The problems found so far, counted and capped, with the records read.
    pub problems: Problems,
    /// The number of the current record, counted from 1 (see [`Problem::record`]).
    pub record: Option<u64>,
    segs: Vec<Seg>,
    /// Segments before this index are not part of instance locations.
    loc_base: usize,
    /// The current network or membership record, while one is open.
    facts: Option<RecordFacts>,
    /// The keys of the records read so far, for the checks across records.
    pub book: Book,
    sink: StringSink,
    /// The catalogue's `networks` node, whose elements are network records.
    networks_node: Option<usize>,
    /// Whether records of this run are memberships (else networks).
    pub membership_records: bool,
    /// When set, network ids are collected here instead of checked for duplicates.
    pub id_uses: Option<IdUses>,
    /// The type of the records of a list of records (from the schema in use).
    record_type: Option<RecordType>,
    /// Whether clean records may be taken by the [fast path](super::fast).
    pub fast: bool,
    /// Threads the fast path may use to check the records of a list.
    pub threads: usize,
    /// Records of a list read ahead, with their verdicts: (offset, length, verdict).
    ahead: std::collections::VecDeque<ReadAhead>,
    /// The records of the batch after those in `ahead`, found but not checked yet.
    next_batch: Option<Vec<fast::Found>>,
    /// `next_batch`, given to the checkers already.
    in_flight: Option<Arc<fast::Batch>>,
    /// How many batches were made: the number of the last.
    batches: u64,
    /// The threads that check records read ahead (started when first needed).
    checkers: Option<fast::Checkers>,
}

/// What the engine reads from: a source of JSON tokens. The engine holds the grammar (which
/// token may follow which) and the schema; a source hands out tokens with their places and
/// reads the one string or number that a token starts. Two sources exist: the streaming
/// [lexer](crate::validate::lexer) over JSON text, and the [tape](crate::validate::tape) of a
/// value already parsed (Python objects, a `serde_json::Value`), so that nothing parsed is
/// written out as text only to be read again.
///
/// The trait is generic, not a trait object: each source gets its own copy of the walk, and
/// the lexer's is the walk it had before the trait existed.
pub(crate) trait Source {
    /// The next token and where it starts. Punctuation is consumed; a string or a number is
    /// read by the call that follows ([`read_string`](Self::read_string),
    /// [`read_number`](Self::read_number)).
    fn next(&mut self) -> Result<(Tok, Pos), Box<LexError>>;

    /// Reads the string the last [`Tok::Str`] started, piece by piece into `sink`.
    fn read_string(&mut self, sink: &mut dyn StrSink) -> Result<(), Box<LexError>>;

    /// Reads the number the last [`Tok::Num`] started.
    fn read_number(&mut self) -> Result<Number, Box<LexError>>;

    /// Takes the next element of a list of records of type `ty` by the
    /// [fast path](crate::validate::fast) when the source can and the record is clean; says
    /// whether it did. JSON text and tapes have one (their records are read into the typed
    /// views or types); the default takes nothing.
    fn take_clean_record(
        &mut self,
        _engine: &mut Engine,
        _stack: &mut [Frame],
        _ty: RecordType,
    ) -> bool {
        false
    }
}

impl Engine {
    pub fn new(schema: &'static Compiled, max_problems: usize, path: Option<String>) -> Self {
        let root = &schema.nodes[schema.root];
        let networks_node = root
            .property("networks")
            .filter(|_| root.property("list_source").is_some());
        Engine {
            schema,
            problems: Problems::new(max_problems, path),
            record: None,
            segs: Vec::new(),
            loc_base: 0,
            facts: None,
            book: Book::new(std::sync::Arc::default()),
            sink: StringSink::default(),
            networks_node,
            membership_records: false,
            id_uses: None,
            record_type: None,
            fast: true,
            threads: 1,
            ahead: std::collections::VecDeque::new(),
            next_batch: None,
            in_flight: None,
            batches: 0,
            checkers: None,
        }
    }

    /// Validates against the schema of another kind of document from now on.
    pub fn set_schema(&mut self, kind: crate::DocumentKind) {
        self.schema = Compiled::get(kind);
        let root = &self.schema.nodes[self.schema.root];
        self.networks_node = root
            .property("networks")
            .filter(|_| root.property("list_source").is_some());
        self.membership_records = kind == crate::DocumentKind::Membership;
        self.record_type = RecordType::of(kind);
    }

    fn node(&self, i: usize) -> &'static Node {
        &self.schema.nodes[i]
    }

    /// The instance location of the current value.
    pub fn location(&self) -> String {
        path::location(self.segs.get(self.loc_base..).unwrap_or_default())
    }

    /// Reports `problem` in the current record.
    pub fn emit(&mut self, problem: Problem) {
        self.problems.push(problem.record(self.record));
    }

    /// Reports an error of the schema's `keyword` at the current value, found at `pos`.
    fn error(
        &mut self,
        code: Code,
        pos: Pos,
        node: &Node,
        keyword: &str,
        error: String,
        suggestion: Option<String>,
    ) {
        let loc = self.location();
        self.emit(
            Problem::error(code, error)
                .at_pos(pos)
                .instance(loc)
                .keyword(format!("{}/{keyword}", node.path))
                .suggest(suggestion),
        );
    }

    /// Reports a problem that stops reading (syntax, encoding, depth, I/O).
    pub fn fatal(&mut self, e: &LexError) -> Flow {
        let code = match e.kind {
            LexErrorKind::Syntax => Code::Syntax,
            LexErrorKind::Encoding => Code::Encoding,
            LexErrorKind::Io => return Flow::Io(e.message.clone()),
        };
        let loc = self.location();
        self.emit(
            Problem::error(code, e.message.clone())
                .at_pos(e.pos)
                .instance(loc),
        );
        Flow::Broken
    }

    /// Drops problems found under a location (the earlier value of a duplicated key).
    fn retract(&mut self, loc: &str, record: Option<u64>) {
        let prefix = format!("{loc}/");
        self.problems.retract(|p| {
            p.record == record
                && (p.instance_location == loc || p.instance_location.starts_with(&prefix))
        });
    }

    /// Starts a record: problems get its number; facts are gathered for the checks the schema
    /// cannot express.
    /// Starts the next element of the array on top of the stack, and for a list of records the
    /// record, whose facts are gathered when `gather` (a record known to be clean needs none).
    /// Returns the schema of the element.
    fn begin_element(&mut self, stack: &mut [Frame], gather: bool) -> Option<usize> {
        let Some(Frame::Arr {
            count,
            want_value,
            items,
            role,
            ..
        }) = stack.last_mut()
        else {
            return None;
        };
        let index = *count;
        *count += 1;
        *want_value = false;
        let (items, role) = (*items, *role);
        self.segs.push(Seg::Index(index));
        match role {
            // Records are numbered from 1: the first is record 1, in every input.
            ArrayRole::Records => self.open_record(index + 1, true, gather),
            ArrayRole::Networks => self.open_record(index + 1, false, gather),
            ArrayRole::Plain => {}
        }
        items
    }

    /// Starts a record: problems get its number; facts are gathered (when `gather`) for the
    /// checks the schema cannot express.
    fn open_record(&mut self, record: u64, located_from_here: bool, gather: bool) {
        self.record = Some(record);
        if located_from_here {
            self.loc_base = self.segs.len();
        }
        self.facts = gather.then(|| RecordFacts::new(self.segs.len(), self.location()));
    }

    fn close_record(&mut self, located_from_here: bool) {
        if let Some(facts) = self.facts.take() {
            let found = facts.finish(self.membership_records);
            self.warn(found.warnings, &found.root);
            if let Some((key, pos)) = found.key {
                self.note_key(&key, pos, Some(&found.root));
            }
        }
        if located_from_here {
            self.loc_base = 0;
        }
    }

    /// Reports the warnings the rules found in the current record, located at `root`.
    pub fn warn(&mut self, warnings: Vec<Warning>, root: &str) {
        for w in warnings {
            if self.problems.is_full() {
                // Counted, not kept: its location need not be built.
                self.problems.count(Severity::Warning);
                continue;
            }
            let location = w.location(root);
            self.emit(
                Problem::warning(w.code, w.message())
                    .at_pos(w.pos)
                    .instance(location)
                    .suggest(w.suggestion()),
            );
        }
    }

    /// Notes the current record's key (its network id, or a membership's network, at `pos`)
    /// in the [book](super::book): a warning now when an earlier record used it, or, when
    /// chunks are checked apart, the key kept for whoever merges them. `root` is the record's
    /// instance location, or `None` for the current one, then worked out only if it is needed
    /// (the usual first use needs none).
    pub fn note_key(&mut self, key: &Key, pos: Pos, root: Option<&str>) {
        let record = self.record.unwrap_or(0);
        let root = |engine: &Engine| {
            root.map_or_else(
                || std::borrow::Cow::Owned(engine.location()),
                std::borrow::Cow::Borrowed,
            )
        };
        if self.id_uses.is_some() {
            let root = root(self);
            if let Some(uses) = self.id_uses.as_mut() {
                uses.push(key, record, pos, &root);
            }
            return;
        }
        let what = key.as_use();
        let noted = self.book.note(what, record);
        if !noted.needs_place() {
            return;
        }
        let loc = format!("{}{}", root(self), what.field());
        let place = |p: Problem| p.at_pos(pos).instance(loc.clone()).record(Some(record));
        if let Some(p) = noted.place(&mut self.book, place) {
            self.emit(p);
        }
    }

    /// Reports the problems that need the whole input (unknown networks), once it has been
    /// read.
    pub fn finish_book(&mut self) {
        let catalogues = self.book.catalogues().clone();
        let book = std::mem::replace(&mut self.book, Book::new(catalogues));
        self.record = None;
        for p in book.finish() {
            self.problems.push(p);
        }
    }

    /// Reports a fatal problem and drops the open containers.
    fn unwind(&mut self, stack: &mut Vec<Frame>, e: &LexError) -> Flow {
        stack.clear();
        self.facts = None;
        self.fatal(e)
    }

    /// Starts a record outside any array (an NDJSON line, a single top-level record).
    pub fn begin_single_record(&mut self, record: Option<u64>) {
        self.segs.clear();
        self.loc_base = 0;
        self.record = record;
        self.facts = Some(RecordFacts::new(0, String::new()));
    }

    /// Ends a record started with [`begin_single_record`](Self::begin_single_record).
    pub fn end_single_record(&mut self, ok: bool) {
        if ok {
            self.close_record(false);
        } else {
            self.facts = None;
        }
        self.segs.clear();
        self.loc_base = 0;
    }

    pub fn reset_path(&mut self) {
        self.segs.clear();
        self.loc_base = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::rules::{Said, Slot};

    fn engine(max_problems: usize) -> Engine {
        Engine::new(
            Compiled::get(crate::DocumentKind::Network),
            max_problems,
            None,
        )
    }

    /// Locations start at the current record's root and escape keys.
    #[test]
    fn locations_start_at_the_record() {
        let mut e = engine(10);
        e.segs = vec![
            Seg::Prop("networks", 0),
            Seg::Index(3),
            Seg::Key("a/b".into()),
        ];
        assert_eq!(e.location(), "/networks/3/a~1b");
        e.loc_base = 2;
        assert_eq!(e.location(), "/a~1b");
        e.loc_base = 5;
        assert_eq!(e.location(), "");
    }

    /// A repeated id is a warning at the later record's id; past the cap on problems,
    /// warnings are counted and not kept.
    #[test]
    fn warnings_past_the_cap_are_counted_not_kept() {
        let mut e = engine(1);
        e.record = Some(1);
        e.note_key(&Key::Network("a".into()), Pos::default(), Some("/x"));
        assert_eq!(e.problems.report().warnings, 0);
        e.record = Some(2);
        e.note_key(&Key::Network("a".into()), Pos::default(), Some("/y"));
        e.record = Some(3);
        e.note_key(&Key::Network("a".into()), Pos::default(), Some("/z"));
        let late = Warning {
            code: Code::EndBeforeStart,
            slot: Slot::Own(crate::validate::rules::End::End),
            pos: None,
            said: Said::RoleEnds {
                start: crate::PartialDate::new("2020").expect("a date"),
                end: crate::PartialDate::new("2019").expect("a date"),
            },
        };
        e.warn(vec![late], "/r");
        assert_eq!(e.problems.report().warnings, 3);
        let [p] = &e.problems.report().problems[..] else {
            panic!("{:?}", e.problems.report().problems)
        };
        assert_eq!(p.instance_location, "/y/id");
        assert_eq!(p.record, Some(2));
        assert_eq!(p.error, "the network id \"a\" is already used by record 1");
    }

    /// With chunks checked apart, the ids are kept for the merge instead of compared.
    #[test]
    fn ids_of_a_chunk_are_kept_for_the_merge() {
        let mut e = engine(10);
        e.id_uses = Some(IdUses::default());
        e.record = Some(4);
        e.note_key(&Key::Network("a".into()), Pos::default(), Some(""));
        e.note_key(&Key::Network("a".into()), Pos::default(), Some(""));
        assert_eq!(e.problems.report().warnings, 0);
        let uses = e.id_uses.take().expect("kept");
        assert_eq!(uses.uses.len(), 2);
        assert_eq!(uses.loc(&uses.uses[0]), "/id");
    }
}
