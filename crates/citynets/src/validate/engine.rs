//! The validator proper: walks the token stream with an explicit stack (no recursion), checks
//! each value against its compiled schema node keyword by keyword, and records problems.

use std::collections::HashSet;
use std::io::Read;
use std::sync::Arc;

use super::checks::RecordFacts;
use super::compiled::{Compiled, Node, Pattern, ty, type_names};
use super::fast::{self, RecordType};
use super::ids::{IdMap, IdUses, first_use, id_hash, repeated_message};
use super::lexer::{LexError, LexErrorKind, Lexer, Number, Pos, Scan, Tok, pos_after};
use super::path::{self, Seg};
use super::rules::Warning;
use super::sink::StringSink;
use super::{Code, MAX_DEPTH, Problem, Report, Severity, suggest};

/// How the elements of an array relate to records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ArrayRole {
    Plain,
    /// A top-level list of records: each element is a record, located from its own root.
    Records,
    /// The `networks` of a catalogue document: each element is a network record.
    Networks,
}

enum Frame {
    Obj {
        node: Option<usize>,
        start: Pos,
        /// The schema's properties seen so far, by position.
        seen: u64,
        /// Other keys seen (for duplicate detection; bounded).
        others: Vec<String>,
        unknown: Vec<(String, Pos)>,
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

/// Tracks `uniqueItems` for one array: a canonical key per item.
struct Unique {
    /// Hashes of the canonical forms of the items seen.
    seen: HashSet<u64>,
    bytes: usize,
    duplicate: bool,
    /// The canonical key of the item being read, for container items.
    building: Option<Canon>,
}

const UNIQUE_BUDGET: usize = 1 << 20;

/// Builds a canonical text of a container item (object keys sorted, numbers normalised).
struct Canon {
    stack: Vec<CanonFrame>,
    done: Option<String>,
    size: usize,
    overflow: bool,
}

enum CanonFrame {
    Obj(Vec<(String, String)>, Option<String>),
    Arr(Vec<String>),
}

impl Canon {
    fn new() -> Self {
        Canon {
            stack: Vec::new(),
            done: None,
            size: 0,
            overflow: false,
        }
    }
    fn scalar(&mut self, text: String) {
        self.size += text.len();
        if self.size > 64 * 1024 {
            self.overflow = true;
        }
        match self.stack.last_mut() {
            Some(CanonFrame::Obj(entries, key)) => {
                let k = key.take().unwrap_or_default();
                entries.push((k, text));
            }
            Some(CanonFrame::Arr(items)) => items.push(text),
            None => self.done = Some(text),
        }
    }
    fn key(&mut self, k: &str) {
        if let Some(CanonFrame::Obj(_, key)) = self.stack.last_mut() {
            *key = Some(k.to_owned());
        }
    }
    fn open(&mut self, object: bool) {
        self.stack.push(if object {
            CanonFrame::Obj(Vec::new(), None)
        } else {
            CanonFrame::Arr(Vec::new())
        });
    }
    fn close(&mut self) {
        let text = match self.stack.pop() {
            Some(CanonFrame::Obj(mut entries, _)) => {
                // The last value of a duplicated key wins, as in a parsed object.
                entries.reverse();
                let mut seen = HashSet::new();
                entries.retain(|(k, _)| seen.insert(k.clone()));
                entries.sort();
                let inner: Vec<String> = entries
                    .into_iter()
                    .map(|(k, v)| format!("{k:?}:{v}"))
                    .collect();
                format!("{{{}}}", inner.join(","))
            }
            Some(CanonFrame::Arr(items)) => format!("[{}]", items.join(",")),
            None => return,
        };
        self.scalar(text);
    }
}

fn canon_number(n: &Number) -> String {
    if let Some(i) = n.int {
        return format!("n{i}");
    }
    if n.float.is_finite() && n.float.fract() == 0.0 && n.float.abs() < 1e30 {
        return format!("n{}", n.float as i128);
    }
    format!("n{:e}", n.float)
}

/// The outcome of walking one value: whether the input can be read on.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Flow {
    Ok,
    /// A syntax, encoding or depth problem: the rest of this record cannot be read.
    Broken,
    /// The source failed to read.
    Io(String),
}

pub(crate) struct Engine {
    pub schema: &'static Compiled,
    pub report: Report,
    pub max_problems: usize,
    pub path: Option<String>,
    /// NDJSON line number, or array index, of the current record.
    pub record: Option<u64>,
    segs: Vec<Seg>,
    /// Segments before this index are not part of instance locations.
    loc_base: usize,
    /// The current network or membership record, while one is open.
    facts: Option<RecordFacts>,
    /// Network ids seen, by hash, with the record that used each first (at most [`ID_CAP`]).
    ids: IdMap,
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
    /// `next_batch`, sent to the workers already.
    in_flight: Option<Arc<fast::Shared>>,
    /// How many batches were made: the number of the last.
    batches: u64,
    /// Verdicts on groups of a batch later than the one awaited, which came back early:
    /// (batch, group, verdicts).
    early: Vec<(u64, usize, fast::Verdicts)>,
    /// The threads that check records read ahead (started when first needed).
    pool: Option<fast::Pool>,
}

/// A record of a list read ahead: its offset, its length, and when it is clean, what the fast
/// path found and the position after it.
type ReadAhead = (u64, usize, Option<(fast::Accepted, Pos)>);

/// Makes the batch of the records `found` in `window` (which starts at input offset `base`),
/// numbered after the last one made, and sends it to the workers.
fn send_batch(
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
    pub fn new(schema: &'static Compiled, max_problems: usize, path: Option<String>) -> Self {
        let root = &schema.nodes[schema.root];
        let networks_node = root
            .property("networks")
            .filter(|_| root.property("list_source").is_some());
        Engine {
            schema,
            report: Report::default(),
            max_problems,
            path,
            record: None,
            segs: Vec::new(),
            loc_base: 0,
            facts: None,
            ids: IdMap::default(),
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
            early: Vec::new(),
            pool: None,
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

    /// The record type for the fast path, when the next value is an element of a list of
    /// records.
    fn fast_type(&self, stack: &[Frame]) -> Option<RecordType> {
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
    fn fast_element<R: Read>(
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
        // The record is valid: its warnings are known, and only the repeated id is left to check.
        self.begin_element(stack, false);
        if !accepted.warnings.is_empty() {
            let root = self.location();
            self.warn(accepted.warnings, &root);
        }
        if let Some((id, pos)) = accepted.id {
            self.check_repeated_id(&id, pos, None);
        }
        lx.advance_to(len, end);
        true
    }

    /// Reads ahead the records of a list from `start` and queues their verdicts in
    /// [`ahead`](Self::ahead): one record on one thread; with more, a batch that every thread
    /// takes records from. This thread first finds the next batch and sends it to the workers,
    /// then takes records of this one until none is left, and waits for those the workers
    /// took. While it keeps the books of this batch, the workers go on to the next.
    fn read_ahead<R: Read>(&mut self, lx: &mut Lexer<R>, ty: RecordType, start: Pos) {
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

    fn node(&self, i: usize) -> &'static Node {
        &self.schema.nodes[i]
    }

    /// The instance location of the current value.
    pub fn location(&self) -> String {
        path::location(self.segs.get(self.loc_base..).unwrap_or_default())
    }

    #[allow(clippy::too_many_arguments)]
    pub fn emit(
        &mut self,
        code: Code,
        severity: Severity,
        pos: Option<Pos>,
        instance: String,
        keyword: String,
        error: String,
        suggestion: Option<String>,
    ) {
        match severity {
            Severity::Error => self.report.errors += 1,
            Severity::Warning => self.report.warnings += 1,
        }
        if self.report.problems.len() >= self.max_problems {
            return;
        }
        self.report.problems.push(Problem {
            path: self.path.clone(),
            instance_location: instance,
            keyword_location: keyword,
            record: self.record,
            line: pos.map(|p| p.line),
            column: pos.map(|p| p.column),
            code,
            severity,
            error,
            suggestion,
            column_name: None,
        });
    }

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
            code,
            Severity::Error,
            Some(pos),
            loc,
            format!("{}/{keyword}", node.path),
            error,
            suggestion,
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
            code,
            Severity::Error,
            Some(e.pos),
            loc,
            String::new(),
            e.message.clone(),
            None,
        );
        Flow::Broken
    }

    /// Drops problems found under a location (the earlier value of a duplicated key).
    fn retract(&mut self, loc: &str, record: Option<u64>) {
        let prefix = format!("{loc}/");
        let (mut errors, mut warnings) = (0, 0);
        self.report.problems.retain(|p| {
            let under = p.record == record
                && (p.instance_location == loc || p.instance_location.starts_with(&prefix));
            if under {
                match p.severity {
                    Severity::Error => errors += 1,
                    Severity::Warning => warnings += 1,
                }
            }
            !under
        });
        self.report.errors -= errors;
        self.report.warnings -= warnings;
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
            ArrayRole::Records => self.open_record(index, true, gather),
            ArrayRole::Networks => self.open_record(index, false, gather),
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
            if let Some((id, pos)) = found.id {
                self.check_repeated_id(&id, pos, Some(&found.root));
            }
        }
        if located_from_here {
            self.loc_base = 0;
        }
    }

    /// Reports the warnings the rules found in the current record, located at `root`.
    pub fn warn(&mut self, warnings: Vec<Warning>, root: &str) {
        for w in warnings {
            if self.report.problems.len() >= self.max_problems {
                // Counted, not kept: its location need not be built.
                self.report.warnings += 1;
                continue;
            }
            let location = w.location(root);
            self.emit(
                w.code,
                Severity::Warning,
                w.pos,
                location,
                String::new(),
                w.message(),
                w.suggestion(),
            );
        }
    }

    /// The duplicate check of the current record's network id (at `pos`): a warning when an
    /// earlier record used it, or, when chunks are checked apart, the use kept for whoever
    /// merges them. `root` is the record's instance location, or `None` for the current one,
    /// then worked out only if it is needed (the usual first use needs none).
    pub fn check_repeated_id(&mut self, id: &str, pos: Pos, root: Option<&str>) {
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
                uses.push(id, record, pos, &root);
            }
            return;
        }
        let Some(first) = first_use(&mut self.ids, id_hash(id), record) else {
            return;
        };
        let root = root(self);
        self.emit(
            Code::DuplicateId,
            Severity::Warning,
            Some(pos),
            format!("{root}/id"),
            String::new(),
            repeated_message(id, first),
            None,
        );
    }

    /// Validates one value whose first token is `(tok, pos)` against `node`, reading to its
    /// end. `role` says whether a top-level array holds records.
    pub fn value<R: Read>(
        &mut self,
        lx: &mut Lexer<R>,
        tok: Tok,
        pos: Pos,
        node: Option<usize>,
        top_records: bool,
    ) -> Flow {
        let mut stack: Vec<Frame> = Vec::new();
        let mut next: Option<(Tok, Pos)> = Some((tok, pos));
        let mut node_for_next = node;
        loop {
            // 1. Read the next token if none is pending.
            let (tok, pos) = match next.take() {
                Some(t) => t,
                None => {
                    if let Some(ty) = self.fast_type(&stack)
                        && self.fast_element(lx, &mut stack, ty)
                    {
                        continue;
                    }
                    match lx.next() {
                        Ok(t) => t,
                        Err(e) => return self.unwind(&mut stack, &e),
                    }
                }
            };
            // 2. Inside an object: a key, a comma or the end.
            if let Some(Frame::Obj {
                want_key, first, ..
            }) = stack.last_mut()
            {
                if *want_key {
                    match tok {
                        Tok::Str => {
                            *first = false;
                            if let Err(e) = self.object_key(lx, &mut stack, pos) {
                                return self.unwind(&mut stack, &e);
                            }
                            match lx.next() {
                                Ok((Tok::Colon, _)) => {}
                                Ok((_, p)) => {
                                    return self.unwind(
                                        &mut stack,
                                        &syntax(p, "expected ':' after the key"),
                                    );
                                }
                                Err(e) => return self.unwind(&mut stack, &e),
                            }
                            node_for_next = self.node_of_current_key(&stack);
                            continue_value(&mut stack);
                            match lx.next() {
                                Ok(t) => {
                                    if let Flow::Ok =
                                        self.begin_value(lx, &mut stack, t, node_for_next)
                                    {
                                    } else {
                                        return Flow::Broken;
                                    }
                                    if stack.is_empty() {
                                        return Flow::Ok;
                                    }
                                }
                                Err(e) => return self.unwind(&mut stack, &e),
                            }
                            continue;
                        }
                        Tok::ObjEnd
                            if matches!(stack.last(), Some(Frame::Obj { first: true, .. })) =>
                        {
                            if self.close(&mut stack) {
                                return Flow::Ok;
                            }
                            continue;
                        }
                        _ => {
                            return self.unwind(
                                &mut stack,
                                &syntax(pos, "expected a key in double quotes"),
                            );
                        }
                    }
                } else {
                    match tok {
                        Tok::Comma => {
                            if let Some(Frame::Obj { want_key, .. }) = stack.last_mut() {
                                *want_key = true;
                            }
                            self.segs.pop();
                            continue;
                        }
                        Tok::ObjEnd => {
                            self.segs.pop();
                            if self.close(&mut stack) {
                                return Flow::Ok;
                            }
                            continue;
                        }
                        _ => {
                            return self.unwind(
                                &mut stack,
                                &syntax(pos, "expected ',' or '}' after a value"),
                            );
                        }
                    }
                }
            }
            // 3. Inside an array: a value, a comma or the end.
            if let Some(Frame::Arr {
                want_value, count, ..
            }) = stack.last_mut()
            {
                if !*want_value {
                    match tok {
                        Tok::Comma => {
                            *want_value = true;
                            let c = *count;
                            self.segs.pop();
                            self.after_element(&mut stack, c - 1);
                            continue;
                        }
                        Tok::ArrEnd => {
                            let c = *count;
                            self.segs.pop();
                            self.after_element(&mut stack, c - 1);
                            if self.close(&mut stack) {
                                return Flow::Ok;
                            }
                            continue;
                        }
                        _ => {
                            return self.unwind(
                                &mut stack,
                                &syntax(pos, "expected ',' or ']' after a value"),
                            );
                        }
                    }
                }
                if tok == Tok::ArrEnd && *count == 0 {
                    if self.close(&mut stack) {
                        return Flow::Ok;
                    }
                    continue;
                }
                let items = self.begin_element(&mut stack, true);
                if let Some(Frame::Arr {
                    unique: Some(u), ..
                }) = stack.last_mut()
                    && matches!(tok, Tok::ObjStart | Tok::ArrStart)
                {
                    u.building = Some(Canon::new());
                }
                let flow = self.begin_value(lx, &mut stack, (tok, pos), items);
                if flow != Flow::Ok {
                    return flow;
                }
                if stack.is_empty() {
                    return Flow::Ok;
                }
                continue;
            }
            // 4. The top-level value.
            if !stack.is_empty() {
                return self.unwind(&mut stack, &syntax(pos, "unexpected token"));
            }
            let flow = self.begin_value_top(lx, &mut stack, (tok, pos), node_for_next, top_records);
            if flow != Flow::Ok || stack.is_empty() {
                return flow;
            }
        }
    }

    fn begin_value_top<R: Read>(
        &mut self,
        lx: &mut Lexer<R>,
        stack: &mut Vec<Frame>,
        t: (Tok, Pos),
        node: Option<usize>,
        top_records: bool,
    ) -> Flow {
        if top_records && t.0 == Tok::ArrStart {
            // A list of records: no keyword applies to the list itself; each element is checked
            // against the record schema.
            stack.push(Frame::Arr {
                node: None,
                items: node,
                start: t.1,
                count: 0,
                role: ArrayRole::Records,
                unique: None,
                want_value: true,
            });
            return Flow::Ok;
        }
        self.begin_value(lx, stack, t, node)
    }

    /// Records the value of a key just read into the current object frame.
    fn object_key<R: Read>(
        &mut self,
        lx: &mut Lexer<R>,
        stack: &mut [Frame],
        pos: Pos,
    ) -> Result<(), Box<LexError>> {
        self.sink.reset();
        lx.read_string(&mut self.sink)?;
        let long = self.sink.truncated;
        let Some(Frame::Obj { node, .. }) = stack.last() else {
            return Ok(());
        };
        let node = node.map(|n| &self.schema.nodes[n]);
        // A property the schema defines: tracked by position, no allocation.
        let prop = node.and_then(|n| n.property_index_bytes(&self.sink.bytes));
        if let Some(b) = self.builder(stack) {
            b.key(self.sink.text());
        }
        let Some(Frame::Obj {
            seen,
            others,
            unknown,
            ..
        }) = stack.last_mut()
        else {
            return Ok(());
        };
        let duplicate = match (prop, node) {
            (Some(i), Some(n)) => {
                let bit = 1u64 << i;
                let dup = *seen & bit != 0;
                *seen |= bit;
                self.segs
                    .push(Seg::Prop(n.properties[i].0.as_str(), n.properties[i].1));
                dup
            }
            _ => {
                let key = self.sink.text().to_owned();
                let dup = !long && others.contains(&key);
                if !dup && others.len() < 1_000 {
                    others.push(key.clone());
                }
                let closed = node.is_some_and(|n| n.closed);
                if closed && !dup {
                    unknown.push((key.clone(), pos));
                }
                self.segs.push(Seg::Key(key));
                dup
            }
        };
        if duplicate {
            let loc = self.location();
            let record = self.record;
            self.retract(&loc, record);
            let key = self
                .segs
                .last()
                .and_then(Seg::key)
                .unwrap_or_default()
                .to_owned();
            self.emit(
                Code::DuplicateKey,
                Severity::Warning,
                Some(pos),
                loc,
                String::new(),
                format!("the key {key:?} appears twice in this object; the last value is the one validated"),
                None,
            );
        }
        Ok(())
    }

    fn node_of_current_key(&self, stack: &[Frame]) -> Option<usize> {
        let Some(Frame::Obj { node: Some(_), .. }) = stack.last() else {
            return None;
        };
        match self.segs.last() {
            Some(Seg::Prop(_, child)) => Some(*child),
            _ => None,
        }
    }

    fn builder<'a>(&self, stack: &'a mut [Frame]) -> Option<&'a mut Canon> {
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

    /// Starts a value: checks a scalar completely, or opens a frame for a container.
    fn begin_value<R: Read>(
        &mut self,
        lx: &mut Lexer<R>,
        stack: &mut Vec<Frame>,
        (tok, pos): (Tok, Pos),
        node: Option<usize>,
    ) -> Flow {
        match tok {
            Tok::ObjStart | Tok::ArrStart => {
                if stack.len() >= MAX_DEPTH {
                    let loc = self.location();
                    self.emit(Code::TooDeep, Severity::Error, Some(pos), loc, String::new(), format!("the input nests deeper than {MAX_DEPTH} levels; no citynets document does"), None);
                    return Flow::Broken;
                }
                let object = tok == Tok::ObjStart;
                if let Some(n) = node {
                    let n = self.node(n);
                    self.check_type(
                        n,
                        if object { ty::OBJECT } else { ty::ARRAY },
                        pos,
                        if object { "an object" } else { "an array" },
                    );
                    self.check_enum_non_string(
                        n,
                        pos,
                        if object { "an object" } else { "an array" },
                    );
                }
                // Object and array keywords apply only when the schema allows that type.
                let node = node.filter(|n| {
                    let t = self.node(*n).types;
                    t == 0 || t & if object { ty::OBJECT } else { ty::ARRAY } != 0
                });
                if let Some(b) = self.builder(stack) {
                    b.open(object);
                }
                if object {
                    stack.push(Frame::Obj {
                        node,
                        start: pos,
                        seen: 0,
                        others: Vec::new(),
                        unknown: Vec::new(),
                        want_key: true,
                        first: true,
                    });
                } else {
                    let role = if node.is_some() && node == self.networks_node {
                        ArrayRole::Networks
                    } else {
                        ArrayRole::Plain
                    };
                    let unique = node.filter(|n| self.node(*n).unique_items).map(|_| Unique {
                        seen: HashSet::new(),
                        bytes: 0,
                        duplicate: false,
                        building: None,
                    });
                    let items = node.and_then(|n| self.node(n).items);
                    stack.push(Frame::Arr {
                        node,
                        items,
                        start: pos,
                        count: 0,
                        role,
                        unique,
                        want_value: true,
                    });
                }
                Flow::Ok
            }
            Tok::Str => {
                self.sink.reset();
                if let Err(e) = lx.read_string(&mut self.sink) {
                    return self.unwind(stack, &e);
                }
                if let Some(n) = node {
                    self.check_string(self.node(n), pos);
                }
                if tracking_unique(stack) {
                    let has_builder = self.builder(stack).is_some();
                    if has_builder {
                        let canon = format!(
                            "s{}:{}:{}",
                            self.sink.chars(),
                            self.sink.hash(),
                            if self.sink.truncated {
                                ""
                            } else {
                                self.sink.text()
                            }
                        );
                        self.scalar_done(stack, canon);
                    } else if let Some(Frame::Arr {
                        unique: Some(u), ..
                    }) = stack.last_mut()
                    {
                        // A string item: its hash with a tag that keeps it apart from numbers.
                        add_unique_hash(u, self.sink.hash() ^ 0x5555_5555_5555_5555);
                    }
                }
                if self.facts.is_some()
                    && !self.sink.truncated
                    && self
                        .segs
                        .last()
                        .and_then(Seg::key)
                        .is_some_and(RecordFacts::wanted_leaf)
                    && let Some(f) = self.facts.as_mut()
                {
                    f.capture(&self.segs, self.sink.text(), pos);
                }
                Flow::Ok
            }
            Tok::Num => {
                let n = match lx.read_number() {
                    Ok(n) => n,
                    Err(e) => return self.unwind(stack, &e),
                };
                if !n.float.is_finite() {
                    let loc = self.location();
                    self.emit(Code::OutOfRange, Severity::Error, Some(pos), loc, String::new(), format!("the number {} is too large to read (beyond the range of a 64-bit float)", n.text), None);
                } else if let Some(node) = node {
                    self.check_number(self.node(node), &n, pos);
                }
                if tracking_unique(stack) {
                    self.scalar_done(stack, canon_number(&n));
                }
                Flow::Ok
            }
            Tok::True | Tok::False | Tok::Null => {
                if let Some(n) = node {
                    let n = self.node(n);
                    let (t, what) = match tok {
                        Tok::Null => (ty::NULL, "null"),
                        _ => (ty::BOOLEAN, if tok == Tok::True { "true" } else { "false" }),
                    };
                    self.check_type(n, t, pos, what);
                    if tok == Tok::Null {
                        if let Some(values) = &n.enum_values
                            && !values.contains(&None)
                        {
                            self.enum_error(n, pos, "null", None);
                        }
                    } else {
                        self.check_enum_non_string(n, pos, what);
                    }
                }
                let canon = match tok {
                    Tok::True => "t",
                    Tok::False => "f",
                    _ => "z",
                };
                if tracking_unique(stack) {
                    self.scalar_done(stack, canon.to_owned());
                }
                Flow::Ok
            }
            Tok::Eof => self.unwind(
                stack,
                &syntax(pos, "the input ends where a value should be"),
            ),
            Tok::Newline => {
                self.unwind(stack, &syntax(pos, "the line ends where a value should be"))
            }
            _ => self.unwind(stack, &syntax(pos, "expected a value")),
        }
    }

    /// A scalar value finished: feed the uniqueness tracker of the enclosing array.
    fn scalar_done(&mut self, stack: &mut [Frame], canon: String) {
        if let Some(b) = self.builder(stack) {
            b.scalar(canon);
            return;
        }
        if let Some(Frame::Arr {
            unique: Some(u), ..
        }) = stack.last_mut()
        {
            add_unique(u, canon);
        }
    }

    fn check_type(&mut self, n: &Node, t: u8, pos: Pos, what: &str) {
        if n.types == 0 || n.types & t != 0 {
            return;
        }
        let suggestion = None;
        self.error(
            Code::InvalidType,
            pos,
            n,
            "type",
            format!("expected {}, found {what}", type_names(n.types)),
            suggestion,
        );
    }

    fn check_enum_non_string(&mut self, n: &Node, pos: Pos, what: &str) {
        if n.enum_values.is_some() {
            self.enum_error(n, pos, what, None);
        }
    }

    fn enum_error(&mut self, n: &Node, pos: Pos, found: &str, suggestion: Option<String>) {
        self.error(
            Code::UnknownVariant,
            pos,
            n,
            "enum",
            format!("{found} {}", n.enum_message),
            suggestion,
        );
    }

    fn check_string(&mut self, n: &Node, pos: Pos) {
        if n.types != 0 && n.types & ty::STRING == 0 {
            let shown = shown_string(&self.sink);
            self.error(
                Code::InvalidType,
                pos,
                n,
                "type",
                format!("expected {}, found a string ({shown})", type_names(n.types)),
                None,
            );
        }
        if let Some(values) = &n.enum_values {
            let ok = !self.sink.truncated
                && values
                    .iter()
                    .any(|v| v.as_deref().map(str::as_bytes) == Some(&self.sink.bytes[..]));
            if !ok {
                let suggestion = n
                    .title
                    .as_deref()
                    .and_then(|t| suggest::vocabulary_value(t, self.sink.text()))
                    .map(str::to_owned);
                let shown = shown_string(&self.sink);
                self.enum_error(n, pos, &shown, suggestion);
            }
        }
        if n.types != 0 && n.types & ty::STRING == 0 {
            return;
        }
        let chars = self.sink.chars();
        if let Some(max) = n.max_length
            && chars > max
        {
            self.error(
                Code::TooLong,
                pos,
                n,
                "maxLength",
                format!("the text is {chars} characters long; at most {max} are allowed"),
                None,
            );
        }
        if let Some(min) = n.min_length
            && chars < min
        {
            let msg = if chars == 0 {
                "the text is empty; leave the field out instead".to_owned()
            } else {
                format!("the text is {chars} characters long; at least {min} are needed")
            };
            self.error(Code::TooShort, pos, n, "minLength", msg, None);
        }
        if let Some(p) = n.pattern {
            let ok = match p {
                Pattern::Id => self.sink.is_slug(),
                Pattern::Url => self.sink.is_web_address(),
                other => !self.sink.truncated && other.matches(self.sink.text()),
            };
            if !ok {
                let suggestion = if self.sink.truncated {
                    None
                } else {
                    suggest::pattern_fix(p, self.sink.text())
                };
                let shown = shown_string(&self.sink);
                self.error(
                    Code::Pattern,
                    pos,
                    n,
                    "pattern",
                    format!("{shown} is not {}", p.expected()),
                    suggestion,
                );
            }
        }
    }

    fn check_number(&mut self, n: &Node, num: &Number, pos: Pos) {
        let t = if num.is_integer() {
            ty::NUMBER | ty::INTEGER
        } else {
            ty::NUMBER
        };
        if n.types != 0 && n.types & t == 0 {
            let what = format!(
                "{} ({})",
                if num.is_integer() {
                    "an integer"
                } else {
                    "a number with a fraction"
                },
                num.text
            );
            self.error(
                Code::InvalidType,
                pos,
                n,
                "type",
                format!("expected {}, found {what}", type_names(n.types)),
                None,
            );
        }
        if n.enum_values.is_some() {
            self.enum_error(n, pos, &num.text, None);
        }
        if let Some(min) = n.minimum
            && less(num, min)
        {
            self.error(
                Code::OutOfRange,
                pos,
                n,
                "minimum",
                format!("{} is below the minimum, {min}", num.text),
                None,
            );
        }
        if let Some(max) = n.maximum
            && greater(num, max)
        {
            self.error(
                Code::OutOfRange,
                pos,
                n,
                "maximum",
                format!("{} is above the maximum, {max}", num.text),
                None,
            );
        }
    }

    /// Closes the innermost container; says whether that ended the outermost value.
    fn close(&mut self, stack: &mut Vec<Frame>) -> bool {
        self.end_container(stack);
        stack.is_empty()
    }

    /// Closes the innermost container and runs its end-of-container keywords.
    fn end_container(&mut self, stack: &mut Vec<Frame>) {
        let Some(frame) = stack.pop() else { return };
        match frame {
            Frame::Obj {
                node,
                start,
                seen,
                unknown,
                ..
            } => {
                if let Some(n) = node {
                    let n = self.node(n);
                    for r in &n.required {
                        let present = n.property_index(r).is_some_and(|i| seen & (1u64 << i) != 0);
                        if !present {
                            self.error(
                                Code::MissingField,
                                start,
                                n,
                                "required",
                                format!("the required field {r:?} is missing"),
                                None,
                            );
                        }
                    }
                    if !unknown.is_empty() {
                        let allowed: Vec<&str> =
                            n.properties.iter().map(|(k, _)| k.as_str()).collect();
                        let names: Vec<String> =
                            unknown.iter().map(|(k, _)| format!("{k:?}")).collect();
                        let suggestion = if unknown.len() == 1 {
                            suggest::field(&unknown[0].0, &allowed)
                        } else {
                            None
                        };
                        let error = format!(
                            "unknown field{} {}; the fields allowed here are: {}",
                            if unknown.len() == 1 { "" } else { "s" },
                            names.join(", "),
                            allowed.join(", ")
                        );
                        let pos = unknown[0].1;
                        self.error(
                            Code::UnknownField,
                            pos,
                            n,
                            "additionalProperties",
                            error,
                            suggestion,
                        );
                    }
                }
            }
            Frame::Arr {
                node,
                start,
                count,
                unique,
                ..
            } => {
                if let Some(n) = node {
                    let n = self.node(n);
                    if let Some(min) = n.min_items
                        && count < min
                    {
                        let msg = if count == 0 {
                            format!(
                                "the list is empty; at least {min} item is needed (or leave the field out)"
                            )
                        } else {
                            format!("the list has {count} items; at least {min} are needed")
                        };
                        self.error(Code::TooFewItems, start, n, "minItems", msg, None);
                    }
                    if let Some(max) = n.max_items
                        && count > max
                    {
                        self.error(
                            Code::TooManyItems,
                            start,
                            n,
                            "maxItems",
                            format!("the list has {count} items; at most {max} are allowed"),
                            None,
                        );
                    }
                    if unique.as_ref().is_some_and(|u| u.duplicate) {
                        self.error(
                            Code::DuplicateItem,
                            start,
                            n,
                            "uniqueItems",
                            "the list repeats an item; each may appear only once".into(),
                            None,
                        );
                    }
                }
            }
        }
        // The container was an item of a unique array, or part of one.
        if let Some(b) = self.builder(stack) {
            b.close();
            if b.stack.is_empty() {
                let done = b.done.take();
                let overflow = b.overflow;
                if let Some(Frame::Arr {
                    unique: Some(u), ..
                }) = stack.iter_mut().rev().find(|f| {
                    matches!(
                        f,
                        Frame::Arr {
                            unique: Some(Unique {
                                building: Some(_),
                                ..
                            }),
                            ..
                        }
                    )
                }) {
                    u.building = None;
                    if let (Some(text), false) = (done, overflow) {
                        add_unique(u, text);
                    }
                }
            }
        }
    }

    fn after_element(&mut self, stack: &mut [Frame], _index: u64) {
        let role = match stack.last() {
            Some(Frame::Arr { role, .. }) => *role,
            _ => ArrayRole::Plain,
        };
        match role {
            ArrayRole::Records => {
                self.report.records += 1;
                self.close_record(true);
            }
            ArrayRole::Networks => {
                self.report.records += 1;
                self.close_record(false);
                self.record = None;
            }
            ArrayRole::Plain => {}
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

/// Whether an enclosing array checks `uniqueItems` (only then are canonical forms built).
#[inline]
fn tracking_unique(stack: &[Frame]) -> bool {
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

fn continue_value(stack: &mut [Frame]) {
    if let Some(Frame::Obj { want_key, .. }) = stack.last_mut() {
        *want_key = false;
    }
}

fn add_unique(u: &mut Unique, canon: String) {
    // FNV-1a: collisions are vanishingly unlikely at the sizes the budget allows.
    add_unique_hash(u, crate::fnv::hash(canon.as_bytes()));
}

fn add_unique_hash(u: &mut Unique, h: u64) {
    if u.bytes > UNIQUE_BUDGET {
        return;
    }
    u.bytes += 16;
    if !u.seen.insert(h) {
        u.duplicate = true;
    }
}

fn syntax(pos: Pos, message: &str) -> LexError {
    LexError {
        pos,
        kind: LexErrorKind::Syntax,
        message: message.to_owned(),
    }
}

/// A string for a message: quoted, cut at 60 characters.
fn shown_string(sink: &StringSink) -> String {
    let text: String = sink.text().chars().take(60).collect();
    if sink.chars() > 60 {
        format!("\"{text}…\" ({} characters)", sink.chars())
    } else {
        format!("{text:?}")
    }
}

fn less(n: &Number, bound: f64) -> bool {
    match n.int {
        Some(i) if bound.fract() == 0.0 && bound.abs() < 1e36 => i < bound as i128,
        _ => n.float < bound,
    }
}

fn greater(n: &Number, bound: f64) -> bool {
    match n.int {
        Some(i) if bound.fract() == 0.0 && bound.abs() < 1e36 => i > bound as i128,
        _ => n.float > bound,
    }
}
