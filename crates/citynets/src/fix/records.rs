//! `fix` for JSON: a catalogue document or a list of records (read whole, up to
//! [`MAX_FILE_BYTES`]), and NDJSON (one record at a time, so memory holds one line).
//!
//! Each value is fixed by the rules of the schema node it fills, as a table's cells are. A key
//! at a record's top that the model does not define and that a spreadsheet's name makes
//! certain (`city` in a membership) moves to the field it names (`member.city`) when that
//! field is free. A value that only says "there is one" (`"status": "member"`) is removed. A
//! line of NDJSON that is not JSON is written as it was. Objects keep their keys' order.

use std::io::{self, BufRead, Read, Write};

use serde_json::{Map, Value};

use super::change::{Change, Rule};
use super::options::FixOptions;
use super::value::{ValueRules, Verdict};
use crate::DocumentKind;
use crate::validate::MAX_FILE_BYTES;
use crate::validate::compiled::{Compiled, Pattern, ty};
use crate::validate::json;
use crate::validate::pointer;
use crate::validate::read_whole;
use crate::validate::suggest;

/// Fixes one JSON document, written back with two spaces of indentation.
pub(crate) fn fix_document<R: Read, W: Write>(
    input: R,
    mut out: W,
    options: &FixOptions,
    ready: &mut dyn FnMut(DocumentKind, Option<u8>),
    log: &mut dyn FnMut(&Change) -> io::Result<()>,
) -> io::Result<(DocumentKind, u64)> {
    let text = read_whole(input)?.ok_or_else(|| {
        io::Error::new(
            io::ErrorKind::InvalidData,
            format!(
                "fix reads a JSON document whole, and this one is over {} MiB; write it as NDJSON (one record per line), which is read a line at a time",
                MAX_FILE_BYTES >> 20
            ),
        )
    })?;
    let body = text.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&text);
    let mut value: Value = json::read_bytes(body).map_err(|e| {
        io::Error::new(
            io::ErrorKind::InvalidData,
            format!("not JSON that fix can read ({e}); run validate to see every problem"),
        )
    })?;
    let kind = match (&value, options.validate.document) {
        (_, Some(kind)) if !value.is_array() || kind != DocumentKind::Catalogue => kind,
        (Value::Array(items), _) => guess_kind(items.first()),
        _ => DocumentKind::Catalogue,
    };
    ready(kind, None);
    let fixer = Fixer::new(kind, options);
    let mut records = 0;
    match &mut value {
        Value::Array(items) if kind != DocumentKind::Catalogue => {
            for (i, item) in items.iter_mut().enumerate() {
                records += 1;
                fixer.record(item, i as u64 + 1, None, log)?;
            }
        }
        other => {
            records = 1;
            fixer.record(other, 1, None, log)?;
        }
    }
    serde_json::to_writer_pretty(&mut out, &value)?;
    out.write_all(b"\n")?;
    out.flush()?;
    Ok((kind, records))
}

/// Fixes NDJSON, one line at a time; blank lines and lines that are not JSON are kept.
pub(crate) fn fix_lines<R: Read, W: Write>(
    input: R,
    mut out: W,
    options: &FixOptions,
    ready: &mut dyn FnMut(DocumentKind, Option<u8>),
    log: &mut dyn FnMut(&Change) -> io::Result<()>,
) -> io::Result<(DocumentKind, u64)> {
    let mut input = io::BufReader::new(input);
    let kind = match options.validate.document {
        Some(kind) => kind,
        None => {
            // The first line that is a record says, as a table's header does.
            let head = input.fill_buf()?;
            let first = head
                .split(|b| *b == b'\n')
                .map(|l| l.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(l).trim_ascii())
                .find(|l| !l.is_empty());
            guess_kind(first.and_then(|l| json::read_bytes(l).ok()).as_ref())
        }
    };
    ready(kind, None);
    let fixer = Fixer::new(kind, options);
    let mut line = Vec::new();
    let mut number = 0u64;
    let mut records = 0;
    loop {
        line.clear();
        if input.read_until(b'\n', &mut line)? == 0 {
            break;
        }
        number += 1;
        let text = if number == 1 {
            line.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&line)
        } else {
            &line[..]
        };
        let body = text.trim_ascii();
        // Every line that is not blank is a record, as the validator counts them, whether or
        // not it is JSON.
        if !body.is_empty() {
            records += 1;
        }
        match json::read_bytes::<Value>(body) {
            Ok(mut value) if !body.is_empty() => {
                fixer.record(&mut value, records, Some(number), log)?;
                serde_json::to_writer(&mut out, &value)?;
                out.write_all(b"\n")?;
            }
            _ => out.write_all(text)?,
        }
    }
    out.flush()?;
    Ok((kind, records))
}

/// The kind of the records of a list, when nobody says: memberships when the first record's
/// keys (under their spreadsheet names too) hold a membership's required fields.
fn guess_kind(first: Option<&Value>) -> DocumentKind {
    let keys = first
        .and_then(Value::as_object)
        .map(|o| o.keys().map(String::as_str).collect::<Vec<_>>())
        .unwrap_or_default();
    suggest::other_record_kind(DocumentKind::Network, keys).unwrap_or(DocumentKind::Network)
}

/// The rules for the records of one kind.
struct Fixer<'a> {
    schema: &'static Compiled,
    rules: ValueRules<'a>,
    kind: DocumentKind,
    #[cfg(feature = "gazetteer")]
    city_names: crate::gazetteer::CityNames,
}

/// Where a value is: its record and line, for the change log.
#[derive(Clone, Copy)]
struct At {
    record: u64,
    line: Option<u64>,
}

impl<'a> Fixer<'a> {
    fn new(kind: DocumentKind, options: &'a FixOptions) -> Self {
        let schema = Compiled::get(kind);
        Fixer {
            schema,
            rules: ValueRules {
                schema,
                catalogues: &options.validate.catalogues,
                date_order: options.date_order,
            },
            kind,
            #[cfg(feature = "gazetteer")]
            city_names: options.city_names,
        }
    }

    fn record(
        &self,
        value: &mut Value,
        record: u64,
        line: Option<u64>,
        log: &mut dyn FnMut(&Change) -> io::Result<()>,
    ) -> io::Result<()> {
        let at = At { record, line };
        if let Value::Object(map) = value {
            self.move_keys(map, at, log)?;
        }
        let mut path = Vec::new();
        self.value(self.schema.root, true, value, &mut path, at, log)?;
        #[cfg(feature = "gazetteer")]
        self.members(value, at, log)?;
        Ok(())
    }

    /// The members of a record fixed with the gazetteer ([`super::city`]): a membership's
    /// member, a network's memberships' members, a catalogue's networks'.
    #[cfg(feature = "gazetteer")]
    fn members(
        &self,
        value: &mut Value,
        at: At,
        log: &mut dyn FnMut(&Change) -> io::Result<()>,
    ) -> io::Result<()> {
        fn of_network<'v>(
            n: &'v mut Value,
            base: String,
            out: &mut Vec<(String, &'v mut Map<String, Value>)>,
        ) {
            if let Some(Value::Array(ms)) = n.get_mut("memberships") {
                for (i, m) in ms.iter_mut().enumerate() {
                    if let Some(Value::Object(member)) = m.get_mut("member") {
                        out.push((format!("{base}/memberships/{i}/member"), member));
                    }
                }
            }
        }
        let mut members: Vec<(String, &mut Map<String, Value>)> = Vec::new();
        match self.kind {
            DocumentKind::Membership => {
                if let Some(Value::Object(member)) = value.get_mut("member") {
                    members.push(("/member".into(), member));
                }
            }
            DocumentKind::Network => of_network(value, String::new(), &mut members),
            DocumentKind::Catalogue => {
                if let Some(Value::Array(networks)) = value.get_mut("networks") {
                    for (i, n) in networks.iter_mut().enumerate() {
                        of_network(n, format!("/networks/{i}"), &mut members);
                    }
                }
            }
        }
        for (base, member) in members {
            super::city::apply_json(member, self.city_names, &mut |before, c| {
                log(&Change {
                    record: at.record,
                    line: at.line,
                    column: None,
                    field: format!("{base}/{}", c.field.key()),
                    before,
                    after: c.after.clone().unwrap_or_default(),
                    rule: c.rule,
                    note: Some(c.note.clone()),
                })
            })?;
        }
        Ok(())
    }

    /// Keys at a record's top that a spreadsheet's name for a field makes certain, moved to
    /// that field when it is free.
    fn move_keys(
        &self,
        map: &mut Map<String, Value>,
        at: At,
        log: &mut dyn FnMut(&Change) -> io::Result<()>,
    ) -> io::Result<()> {
        if self.kind == DocumentKind::Catalogue {
            return Ok(());
        }
        let root = &self.schema.nodes[self.schema.root];
        let keys: Vec<String> = map
            .keys()
            .filter(|k| root.property(k).is_none())
            .cloned()
            .collect();
        for key in keys {
            let Some(to) = suggest::column_alias(self.kind, &key) else {
                continue;
            };
            let parts: Vec<&str> = to.split('.').collect();
            let free = match parts.as_slice() {
                [one] => !map.contains_key(*one),
                [outer, inner] => match map.get(*outer) {
                    None => true,
                    Some(Value::Object(o)) => !o.contains_key(*inner),
                    Some(_) => false,
                },
                _ => false,
            };
            if !free {
                continue;
            }
            let Some(v) = map.shift_remove(&key) else {
                continue;
            };
            match parts.as_slice() {
                [one] => {
                    map.insert((*one).to_owned(), v);
                }
                [outer, inner] => {
                    let o = map
                        .entry((*outer).to_owned())
                        .or_insert_with(|| Value::Object(Map::new()));
                    if let Value::Object(o) = o {
                        o.insert((*inner).to_owned(), v);
                    }
                }
                _ => {}
            }
            log(&Change {
                record: at.record,
                line: at.line,
                column: None,
                field: pointer::join(&[key.as_str()]),
                before: key.clone(),
                after: pointer::join(&parts),
                rule: Rule::Column,
                note: None,
            })?;
        }
        Ok(())
    }

    /// Fixes `value` at schema node `node`; false when the value is to be removed (a word
    /// that says nothing, where the field may be left out).
    fn value(
        &self,
        node: usize,
        optional: bool,
        value: &mut Value,
        path: &mut Vec<String>,
        at: At,
        log: &mut dyn FnMut(&Change) -> io::Result<()>,
    ) -> io::Result<bool> {
        let n = &self.schema.nodes[node];
        match value {
            Value::Object(map) => {
                let keys: Vec<String> = map.keys().cloned().collect();
                for key in keys {
                    let Some(child) = n.property(&key) else {
                        continue;
                    };
                    let optional = !n.required.contains(&key);
                    path.push(key.clone());
                    let keep = match map.get_mut(&key) {
                        Some(v) => self.value(child, optional, v, path, at, log)?,
                        None => true,
                    };
                    path.pop();
                    if !keep {
                        map.shift_remove(&key);
                    }
                }
            }
            Value::Array(items) => {
                if let Some(item) = n.items {
                    let mut i = 0;
                    let mut index = 0;
                    while i < items.len() {
                        path.push(index.to_string());
                        let keep = self.value(item, true, &mut items[i], path, at, log)?;
                        path.pop();
                        index += 1;
                        if keep {
                            i += 1;
                        } else {
                            items.remove(i);
                        }
                    }
                }
            }
            Value::String(s) => {
                let verdict = self.rules.text(node, optional, s);
                return self.apply(verdict, value, path, at, log);
            }
            Value::Number(num) if n.pattern == Some(Pattern::Date) && n.types & ty::NUMBER == 0 => {
                let text = num.to_string();
                let verdict = match suggest::date(&text, None) {
                    Some(d) => Verdict::Change(d, Rule::Date),
                    None => Verdict::Keep,
                };
                return self.apply(verdict, value, path, at, log);
            }
            _ => {}
        }
        Ok(true)
    }

    fn apply(
        &self,
        verdict: Verdict,
        value: &mut Value,
        path: &[String],
        at: At,
        log: &mut dyn FnMut(&Change) -> io::Result<()>,
    ) -> io::Result<bool> {
        let before = match &*value {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        let change = |after: String, rule: Rule, note: Option<String>| Change {
            record: at.record,
            line: at.line,
            column: None,
            field: pointer::join(path),
            before: before.clone(),
            after,
            rule,
            note,
        };
        match verdict {
            Verdict::Keep => Ok(true),
            Verdict::Change(after, rule) => {
                log(&change(after.clone(), rule, None))?;
                if after.is_empty() && rule == Rule::Unstated {
                    return Ok(false);
                }
                *value = Value::String(after);
                Ok(true)
            }
            Verdict::Left(why) => {
                log(&change(String::new(), Rule::Left, Some(why)))?;
                Ok(true)
            }
        }
    }
}
