//! The walk: the engine's main loop over the tokens of one value (`value`), with an explicit
//! stack of open objects and arrays rather than recursion, so that depth costs memory that is
//! bounded ([`crate::validate::MAX_DEPTH`]) instead of call stack. A key, a value's
//! first token and a container's end each have their own step; the checks of a scalar are in
//! [`scalars`](super::scalars) and those of `uniqueItems` in [`unique`](super::unique).

use super::frame::{ArrayRole, Frame, builder, tracking_unique};
use super::unique::{Canon, Unique, add_unique, add_unique_hash, canon_number};
use super::{Engine, Flow, Source};
use crate::validate::checks::RecordFacts;
use crate::validate::compiled::ty;
use crate::validate::json::lexer::{LexError, LexErrorKind, Pos, Tok};
use crate::validate::path::Seg;
use crate::validate::{Code, MAX_DEPTH, Problem, messages, suggest};
use std::collections::HashSet;

pub(super) fn continue_value(stack: &mut [Frame]) {
    if let Some(Frame::Obj { want_key, .. }) = stack.last_mut() {
        *want_key = false;
    }
}

pub(super) fn syntax(pos: Pos, message: &str) -> LexError {
    LexError {
        pos,
        kind: LexErrorKind::Syntax,
        message: message.to_owned(),
    }
}

impl Engine {
    /// Validates one value whose first token is `(tok, pos)` against `node`, reading to its
    /// end. `role` says whether a top-level array holds records.
    pub fn value<S: Source>(
        &mut self,
        lx: &mut S,
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
                        && lx.take_clean_record(self, &mut stack, ty)
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

    pub(super) fn begin_value_top<S: Source>(
        &mut self,
        lx: &mut S,
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
    pub(super) fn object_key<S: Source>(
        &mut self,
        lx: &mut S,
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
        if let Some(b) = builder(stack) {
            b.key(self.sink.text());
        }
        let Some(Frame::Obj {
            seen,
            others,
            unknown,
            chosen,
            ..
        }) = stack.last_mut()
        else {
            return Ok(());
        };
        let duplicate = match (prop, node) {
            (Some(i), Some(n)) => {
                if n.discriminator == Some(i) {
                    // Its (last) value is taken when read, if it is a string.
                    *chosen = None;
                }
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
                Problem::warning(
                    Code::DuplicateKey,
                    format!("the key {key:?} appears twice in this object; the last value is the one validated"),
                )
                .at_pos(pos)
                .instance(loc),
            );
        }
        Ok(())
    }

    pub(super) fn node_of_current_key(&self, stack: &[Frame]) -> Option<usize> {
        let Some(Frame::Obj { node: Some(_), .. }) = stack.last() else {
            return None;
        };
        match self.segs.last() {
            Some(Seg::Prop(_, child)) => Some(*child),
            _ => None,
        }
    }

    /// Starts a value: checks a scalar completely, or opens a frame for a container.
    pub(super) fn begin_value<S: Source>(
        &mut self,
        lx: &mut S,
        stack: &mut Vec<Frame>,
        (tok, pos): (Tok, Pos),
        node: Option<usize>,
    ) -> Flow {
        match tok {
            Tok::ObjStart | Tok::ArrStart => {
                if stack.len() >= MAX_DEPTH {
                    let loc = self.location();
                    self.emit(Problem::too_deep(loc).at_pos(pos));
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
                if let Some(b) = builder(stack) {
                    b.open(object);
                }
                if object {
                    stack.push(Frame::Obj {
                        node,
                        start: pos,
                        seen: 0,
                        others: Vec::new(),
                        unknown: Vec::new(),
                        chosen: None,
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
                self.take_discriminator(stack);
                if tracking_unique(stack) {
                    let has_builder = builder(stack).is_some();
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
                    self.emit(
                        Problem::error(Code::OutOfRange, messages::number_too_large(&n.text))
                            .at_pos(pos)
                            .instance(loc),
                    );
                } else if let Some(node) = node {
                    self.check_number(self.node(node), &n, pos);
                }
                if let Some(f) = self.facts.as_mut()
                    && self.segs.last().and_then(Seg::key) == Some("geonames_id")
                {
                    f.capture_number(&self.segs, &n.text);
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
    pub(super) fn scalar_done(&mut self, stack: &mut [Frame], canon: String) {
        if let Some(b) = builder(stack) {
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

    /// Closes the innermost container; says whether that ended the outermost value.
    pub(super) fn close(&mut self, stack: &mut Vec<Frame>) -> bool {
        self.end_container(stack);
        stack.is_empty()
    }

    /// Closes the innermost container and runs its end-of-container keywords.
    pub(super) fn end_container(&mut self, stack: &mut Vec<Frame>) {
        let Some(frame) = stack.pop() else { return };
        match frame {
            Frame::Obj {
                node,
                start,
                seen,
                unknown,
                chosen,
                ..
            } => {
                if let Some(n) = node {
                    let n = self.node(n);
                    self.check_required(n, start, seen, chosen);
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
                        let mut error = format!(
                            "unknown field{} {}; the fields allowed here are: {}",
                            if unknown.len() == 1 { "" } else { "s" },
                            names.join(", "),
                            allowed.join(", ")
                        );
                        // At a record's root, fields of the other kind of record say which
                        // kind the input holds.
                        if self.location().is_empty() {
                            let asked = if self.networks_node.is_some() {
                                crate::DocumentKind::Catalogue
                            } else if self.membership_records {
                                crate::DocumentKind::Membership
                            } else {
                                crate::DocumentKind::Network
                            };
                            let keys = unknown.iter().map(|(k, _)| k.as_str());
                            if let Some(kind) = suggest::other_record_kind(asked, keys) {
                                error.push_str(&messages::looks_like(kind));
                            }
                        }
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
        if let Some(b) = builder(stack) {
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

    pub(super) fn after_element(&mut self, stack: &mut [Frame], _index: u64) {
        let role = match stack.last() {
            Some(Frame::Arr { role, .. }) => *role,
            _ => ArrayRole::Plain,
        };
        match role {
            ArrayRole::Records => {
                self.problems.add_record();
                self.close_record(true);
            }
            ArrayRole::Networks => {
                self.problems.add_record();
                self.close_record(false);
                self.record = None;
            }
            ArrayRole::Plain => {}
        }
    }
}
