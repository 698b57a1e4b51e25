//! The fast path for records: most records in a large file are valid, and for those the
//! typed model's [views](super::view) (read by the [typed reader](super::json)) give the verdict several times
//! faster than walking the schema keyword by keyword.
//!
//! The views accept exactly what the committed schema accepts (the differential test checks
//! it on thousands of mutants), so a record they accept has no error. Its warnings are the
//! [rules](super::rules)' on the view; the rules do not know where the values were, so the few
//! values warned about are found again in the record's bytes. Only a record the views refuse
//! (or one whose warned value cannot be found plainly: a key written with escapes) goes
//! through the [engine](super::engine), which finds every problem and its place. The report is
//! the same either way.

use super::book::Key;
use super::in_order::Workers;
use super::json;
use super::json::lexer::{Pos, Scan, pos_after};
use super::rules::{Facts, Slot, Step, Warning, warnings};
use super::view::{MembershipView, NetworkView};
use crate::words::{equal_to, first, word};

/// The longest record taken by the fast path; longer ones are streamed by the engine.
pub(crate) const MAX_RECORD: usize = 1 << 20;

/// The type of the records of a run that the fast path can check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RecordType {
    Network,
    Membership,
}

impl RecordType {
    /// The record type of documents of `kind` (a catalogue is not a record).
    pub fn of(kind: crate::DocumentKind) -> Option<RecordType> {
        match kind {
            crate::DocumentKind::Network => Some(RecordType::Network),
            crate::DocumentKind::Membership => Some(RecordType::Membership),
            crate::DocumentKind::Catalogue => None,
        }
    }
}

/// A record the typed model accepted: it has no error.
#[derive(Debug)]
pub(crate) struct Accepted {
    /// The record's key (network id, or membership's network) and its position, for the
    /// checks across records ([`book`](super::book)).
    pub key: Option<(Key, Pos)>,
    /// The record's warnings (a repeated id aside), each placed, in the order they are
    /// reported.
    pub warnings: Vec<Warning>,
}

/// Checks the bytes of one record (starting at `start`, with its `{`) against the typed
/// model. `None` means "not known to be valid": the engine must read the record.
pub(crate) fn accept(ty: RecordType, bytes: &[u8], start: Pos) -> Option<Accepted> {
    // Checking the encoding of the whole record at once is faster than string by string.
    let text = std::str::from_utf8(bytes).ok()?;
    match ty {
        RecordType::Network => {
            let n: NetworkView = json::read_fast(text).ok()?;
            let offset = top_level_value(bytes, b"id")?;
            let pos = pos_after(start, &bytes[..offset]);
            let mut found = warnings(&n, false);
            place(&mut found, bytes, start, Some(pos))?;
            Some(Accepted {
                key: Some((Key::Network(n.id().to_owned()), pos)),
                warnings: found,
            })
        }
        RecordType::Membership => {
            let m: MembershipView = json::read_fast(text).ok()?;
            let mut found = warnings(&m, true);
            place(&mut found, bytes, start, None)?;
            let offset = top_level_value(bytes, b"organization_id")?;
            let network = m.organization_id().unwrap_or_default().to_owned();
            let member = member_identity(bytes)?;
            // A city in another country than the one given: the engine places the warning.
            if member.warns {
                return None;
            }
            let member = member.key;
            Some(Accepted {
                key: Some((
                    Key::Membership {
                        network,
                        member: Some(member),
                    },
                    pos_after(start, &bytes[..offset]),
                )),
                warnings: found,
            })
        }
    }
}

/// The member of a membership record that the views accepted, as read from its bytes.
struct MemberRead {
    /// Its identity ([`member_key`](super::book::member_key)).
    key: u64,
    /// Whether its city and country raise a warning ([`city_elsewhere`](super::rules::city_elsewhere)).
    warns: bool,
}

/// The member of a membership record that the views accepted, read from its bytes. `None`
/// when its `member` object holds an escape (a key or a value written with `\`): the engine
/// then reads the record.
fn member_identity(bytes: &[u8]) -> Option<MemberRead> {
    let start = value_at(bytes, &[Step::Key("member")])?;
    let rest = bytes.get(start..)?;
    let Scan::End(len) = value_end(rest) else {
        return None;
    };
    let member = rest.get(..len)?;
    if memchr::memchr(b'\\', member).is_some() {
        return None;
    }
    let text = |key: &'static str| -> Option<&str> {
        let at = value_at(member, &[Step::Key(key)])?;
        if member.get(at) != Some(&b'"') {
            return None;
        }
        let close = string_end(member, at + 1)?;
        std::str::from_utf8(member.get(at + 1..close)?).ok()
    };
    let (city, country) = (text("city"), text("country"));
    // A written identity: the digits of a number (anything else is not one the views accept).
    let id = value_at(member, &[Step::Key("geonames_id")]).and_then(|at| {
        let rest = member.get(at..)?;
        let end = rest
            .iter()
            .position(|b| !b.is_ascii_digit())
            .unwrap_or(rest.len());
        super::book::written_id(std::str::from_utf8(rest.get(..end)?).ok()?)
    });
    Some(MemberRead {
        key: super::book::member_key(text("kind")?, text("name"), city, country, id),
        warns: city
            .zip(country)
            .is_some_and(|(city, country)| super::rules::city_elsewhere(city, country).is_some()),
    })
}

/// Gives each warning the place of its value in the record's `bytes` (which start at
/// `start`); `id` is the place of the network id, found already. `None` when a value cannot be
/// found plainly (a key written with escapes): the engine then reads the record.
fn place(found: &mut [Warning], bytes: &[u8], start: Pos, id: Option<Pos>) -> Option<()> {
    for w in found.iter_mut().filter(|w| w.pos.is_none()) {
        w.pos = match (w.slot, id) {
            (Slot::Id, Some(id)) => Some(id),
            (slot, _) => {
                let (steps, n) = slot.steps();
                let offset = value_at(bytes, steps.get(..n)?)?;
                Some(pos_after(start, bytes.get(..offset)?))
            }
        };
    }
    Some(())
}

/// The byte offset of the value at the end of `steps` in the JSON value that `bytes` holds
/// (well-formed: the views read it), when every key on the way is written plainly.
fn value_at(bytes: &[u8], steps: &[Step]) -> Option<usize> {
    let mut i = blanks(bytes, 0);
    for step in steps {
        match *step {
            Step::Key(key) => {
                if bytes.get(i)? != &b'{' {
                    return None;
                }
                i = blanks(bytes, i + 1);
                loop {
                    if bytes.get(i)? != &b'"' {
                        return None;
                    }
                    let close = string_end(bytes, i + 1)?;
                    let this = bytes.get(i + 1..close)? == key.as_bytes();
                    i = blanks(bytes, close + 1);
                    if bytes.get(i)? != &b':' {
                        return None;
                    }
                    i = blanks(bytes, i + 1);
                    if this {
                        break;
                    }
                    i = blanks(bytes, skip_value(bytes, i)?);
                    if bytes.get(i)? != &b',' {
                        return None;
                    }
                    i = blanks(bytes, i + 1);
                }
            }
            Step::Index(n) => {
                if bytes.get(i)? != &b'[' {
                    return None;
                }
                i = blanks(bytes, i + 1);
                for _ in 0..n {
                    i = blanks(bytes, skip_value(bytes, i)?);
                    if bytes.get(i)? != &b',' {
                        return None;
                    }
                    i = blanks(bytes, i + 1);
                }
                if matches!(bytes.get(i)?, b']') {
                    return None;
                }
            }
        }
    }
    Some(i)
}

/// The offset of the first byte at or after `i` that is not a blank.
fn blanks(bytes: &[u8], mut i: usize) -> usize {
    while matches!(bytes.get(i), Some(b' ' | b'\t' | b'\r' | b'\n')) {
        i += 1;
    }
    i
}

/// The offset just after the value that starts at `i`.
fn skip_value(bytes: &[u8], i: usize) -> Option<usize> {
    match bytes.get(i)? {
        b'"' => Some(string_end(bytes, i + 1)? + 1),
        b'{' | b'[' => match value_end(bytes.get(i..)?) {
            Scan::End(n) => Some(i + n),
            _ => None,
        },
        _ => {
            let mut j = i;
            while bytes
                .get(j)
                .is_some_and(|b| !matches!(b, b',' | b'}' | b']' | b' ' | b'\t' | b'\r' | b'\n'))
            {
                j += 1;
            }
            Some(j)
        }
    }
}

/// Finds the end of the line: the span of an NDJSON record, without its newline.
pub(crate) fn line_end(bytes: &[u8]) -> Scan {
    match memchr::memchr(b'\n', bytes) {
        Some(n) => Scan::End(n),
        None => Scan::More,
    }
}

/// Elements of a list read ahead together, so that several threads can check them.
pub(crate) const READ_AHEAD: usize = 1 << 19;

/// How far past a batch the records of the next one are looked for; the next batch ends
/// early rather than reading further.
pub(crate) const SLACK: usize = 1 << 16;

/// Finds consecutive objects in a list, starting with the one `bytes` starts with, until about
/// `budget` bytes are covered: their spans (start, length) go to `spans`, and the scan ends
/// after the last whole one. Stops early at anything but `,` and blanks between objects.
pub(crate) fn objects_end(bytes: &[u8], budget: usize, spans: &mut Vec<(usize, usize)>) -> Scan {
    spans.clear();
    let mut at = 0;
    loop {
        let Some(rest) = bytes.get(at..) else {
            return Scan::GiveUp;
        };
        match value_end(rest) {
            Scan::End(n) => spans.push((at, n)),
            Scan::GiveUp if spans.is_empty() => return Scan::GiveUp,
            Scan::More if spans.is_empty() => return Scan::More,
            // The next one is cut off by the end of the bytes read (`More`) or is not a
            // record: the batch ends before it.
            Scan::More if at < budget => return Scan::More,
            _ => return Scan::End(last_end(spans)),
        }
        let end = at + spans.last().map_or(0, |s| s.1);
        if end >= budget {
            return Scan::End(end);
        }
        at = match next_object(bytes, end) {
            Ok(i) => i,
            Err(Ended::Bytes) => return Scan::More,
            Err(Ended::Objects) => return Scan::End(end),
        };
    }
}

/// Why no object follows.
enum Ended {
    /// The bytes end first.
    Bytes,
    /// Something else than a comma and an object comes.
    Objects,
}

/// The start of the object that follows a list element ending at `from`: after blanks, a
/// comma and blanks.
fn next_object(bytes: &[u8], from: usize) -> Result<usize, Ended> {
    let mut i = from;
    let mut comma = false;
    loop {
        match bytes.get(i) {
            Some(b' ' | b'\t' | b'\r' | b'\n') => i += 1,
            Some(b',') if !comma => {
                comma = true;
                i += 1;
            }
            Some(b'{') if comma => return Ok(i),
            Some(_) => return Err(Ended::Objects),
            None => return Err(Ended::Bytes),
        }
    }
}

fn last_end(spans: &[(usize, usize)]) -> usize {
    spans.last().map_or(0, |(s, n)| s + n)
}

/// A record of a list found ahead: its offset in the input, its length, and where it starts
/// and ends.
pub(crate) type Found = (u64, usize, Pos, Pos);

/// A record of a list read ahead: its bytes, and where it starts and ends.
pub(crate) type Ahead<'a> = (&'a [u8], Pos, Pos);

/// The records that `objects_end` found in `bytes` (which start at `start`), with their
/// offsets in the input and positions. Each byte is counted once: the gap before a record,
/// then the record.
pub(crate) fn located(bytes: &[u8], start: Pos, spans: &[(usize, usize)]) -> Vec<Found> {
    let (mut pos, mut at) = (start, 0);
    let mut out = Vec::with_capacity(spans.len());
    for &(s, n) in spans {
        let begin = pos_after(pos, bytes.get(at..s).unwrap_or_default());
        pos = pos_after(begin, bytes.get(s..s + n).unwrap_or_default());
        at = s + n;
        out.push((begin.offset, n, begin, pos));
    }
    out
}

/// The records of a list that follow a record ending where `bytes` start (at `pos`): after a
/// comma, about `budget` bytes of them, all within `bytes`. Empty at the end of the list, or
/// when the next record does not fit.
pub(crate) fn batch_after(bytes: &[u8], pos: Pos, budget: usize) -> Vec<Found> {
    let Ok(i) = next_object(bytes, 0) else {
        return Vec::new();
    };
    let mut spans = Vec::new();
    // Cut off by the end of the bytes, the batch keeps the records before the cut.
    if objects_end(&bytes[i..], budget, &mut spans) == Scan::GiveUp {
        return Vec::new();
    }
    let start = pos_after(pos, &bytes[..i]);
    located(&bytes[i..], start, &spans)
}

/// Checks records read ahead, in order: the verdicts, with the position after each record.
pub(crate) fn accept_each(ty: RecordType, records: &[Ahead]) -> Vec<(Option<Accepted>, Pos)> {
    records
        .iter()
        .map(|(b, start, end)| (accept(ty, b, *start), *end))
        .collect()
}

/// The verdicts on a group of records: for each record, what the fast path found (if it is
/// clean) and the position after it.
pub(crate) type Verdicts = Vec<(Option<Accepted>, Pos)>;

/// How many records a thread checks at a time: enough that handing them over costs little,
/// few enough that the last groups of a batch end close together.
const GROUP: usize = 8;

/// A batch of records read ahead from a list, copied so that any thread can check them, and
/// checked in groups of [`GROUP`] records: each group is one job for the
/// [workers](super::in_order::Workers), so that no thread waits while another still has
/// records to check, however the machine shares its time between them.
pub(crate) struct Batch {
    /// The batch's number, which marks the verdicts that come back from the workers.
    pub id: u64,
    ty: RecordType,
    /// The records' bytes, one after the other, and for each its start and length in them and
    /// its positions in the input.
    bytes: Vec<u8>,
    records: Vec<(usize, usize, Pos, Pos)>,
    /// Set when the batch will not be awaited: its groups are not checked.
    cancelled: std::sync::atomic::AtomicBool,
}

impl Batch {
    /// A batch of the records `found` in `window` (whose first byte is at offset `base` in the
    /// input), copied so that any thread can check them.
    pub fn new(id: u64, ty: RecordType, window: &[u8], base: u64, found: &[Found]) -> Batch {
        let mut bytes = Vec::with_capacity(found.iter().map(|r| r.1).sum());
        let mut records = Vec::with_capacity(found.len());
        for &(offset, n, pos, end) in found {
            let at = (offset - base) as usize;
            let b = window.get(at..at + n).unwrap_or_default();
            records.push((bytes.len(), b.len(), pos, end));
            bytes.extend_from_slice(b);
        }
        Batch {
            id,
            ty,
            bytes,
            records,
            cancelled: std::sync::atomic::AtomicBool::new(false),
        }
    }

    /// How many records the batch holds.
    pub fn len(&self) -> usize {
        self.records.len()
    }

    /// The offset in the input of the batch's first record.
    pub fn first_offset(&self) -> Option<u64> {
        self.records.first().map(|r| r.2.offset)
    }

    /// How many groups the batch is checked in.
    pub fn groups(&self) -> usize {
        self.records.len().div_ceil(GROUP)
    }

    /// How many records group `g` holds.
    pub fn group_len(&self, g: usize) -> usize {
        self.records
            .len()
            .saturating_sub(g.saturating_mul(GROUP))
            .min(GROUP)
    }

    /// Leaves the groups not checked yet unchecked: the batch will not be awaited.
    pub fn cancel(&self) {
        self.cancelled
            .store(true, std::sync::atomic::Ordering::Relaxed);
    }

    /// Checks the records of group `g`: their verdicts, in order (none when the batch was
    /// cancelled).
    pub fn check(&self, g: usize) -> Verdicts {
        if self.cancelled.load(std::sync::atomic::Ordering::Relaxed) {
            return Vec::new();
        }
        let n = self.group_len(g);
        let group = self
            .records
            .get(g * GROUP..g * GROUP + n)
            .unwrap_or_default();
        let records: Vec<Ahead> = group
            .iter()
            .map(|&(s, n, p, e)| (self.bytes.get(s..s + n).unwrap_or_default(), p, e))
            .collect();
        // A record that made the check fail goes to the engine like any other the fast
        // path does not take.
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            accept_each(self.ty, &records)
        }))
        .unwrap_or_else(|_| records.iter().map(|_| (None, Pos::default())).collect())
    }
}

/// The threads that check the records read ahead from a list, kept for the whole run: threads
/// started for each batch begin with cold allocator caches, and cost about what they save. A
/// job is a group of a batch; its result, the batch's number, the group's and the verdicts.
pub(crate) type Checkers = Workers<'static, (std::sync::Arc<Batch>, usize), (u64, usize, Verdicts)>;

/// Starts the checkers: `count` threads besides the calling one, which helps them while it
/// waits for their verdicts.
pub(crate) fn checkers(count: usize) -> Checkers {
    Workers::spawned(
        count,
        std::sync::Arc::new(|(batch, g): (std::sync::Arc<Batch>, usize)| {
            (batch.id, g, batch.check(g))
        }),
    )
}

/// Finds the end of the JSON object or array that `bytes` starts with, by its brackets and
/// strings alone (the typed parse checks the rest). Gives up beyond the engine's depth limit.
pub(crate) fn value_end(bytes: &[u8]) -> Scan {
    let mut depth = 0usize;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'"' => match string_end(bytes, i + 1) {
                Some(close) => i = close,
                None => return Scan::More,
            },
            b'{' | b'[' => {
                depth += 1;
                if depth > super::MAX_DEPTH {
                    return Scan::GiveUp;
                }
            }
            b'}' | b']' => {
                if depth <= 1 {
                    return if depth == 1 {
                        Scan::End(i + 1)
                    } else {
                        Scan::GiveUp
                    };
                }
                depth -= 1;
            }
            _ if depth == 0 => return Scan::GiveUp,
            _ => {}
        }
        i += 1;
    }
    Scan::More
}

/// The offset of the quote that closes a string whose text starts at `from`, or `None` when
/// the bytes end first. Only quotes and backslashes matter here (a control character is left
/// to the typed parse to refuse), so eight bytes are tested for those two at a time with word
/// arithmetic; most strings of a record end within the first word.
fn string_end(bytes: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    loop {
        while let Some(chunk) = bytes.get(i..i + 8) {
            let w = word(chunk);
            let hit = equal_to(w, b'"') | equal_to(w, b'\\');
            if hit != 0 {
                i += first(hit);
                break;
            }
            i += 8;
        }
        while bytes.get(i).is_some_and(|&b| b != b'"' && b != b'\\') {
            i += 1;
        }
        match bytes.get(i)? {
            b'"' => return Some(i),
            // A backslash and the byte it escapes.
            _ => i += 2,
        }
    }
}

/// The byte offset of the value of `key` in the object that `bytes` holds, when the key is
/// written plainly (no escapes) at the top level.
fn top_level_value(bytes: &[u8], key: &[u8]) -> Option<usize> {
    let mut depth = 0usize;
    let mut i = 0;
    // Whether the next string at depth 1 is a key.
    let mut want_key = false;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'"' => {
                let from = i + 1;
                i += 1;
                loop {
                    match bytes.get(i)? {
                        b'"' => break,
                        b'\\' => i += 2,
                        _ => i += 1,
                    }
                }
                if depth == 1 && want_key {
                    want_key = false;
                    if bytes.get(from..i)? == key {
                        let mut j = i + 1;
                        while matches!(bytes.get(j)?, b' ' | b'\t' | b'\r' | b'\n' | b':') {
                            j += 1;
                        }
                        return Some(j);
                    }
                }
            }
            b'{' | b'[' => {
                depth += 1;
                want_key = depth == 1;
            }
            b'}' | b']' => depth = depth.checked_sub(1)?,
            b',' if depth == 1 => want_key = true,
            _ => {}
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn value_end_follows_brackets_and_strings() {
        assert_eq!(
            value_end(br#"{"a": "}\"]", "b": [1, {}]} , {"#),
            Scan::End(27)
        );
        assert_eq!(value_end(br#"{"a": "}"#), Scan::More);
        assert_eq!(value_end(br#"{"a": [}"#), Scan::More);
        assert_eq!(value_end(b"1"), Scan::GiveUp);
        assert_eq!(value_end(b"}"), Scan::GiveUp);
        assert_eq!(value_end(&[b'['; 100]), Scan::GiveUp);
    }

    /// `value_end` as it was written first, a byte at a time: the reference for the word-wise
    /// string scan.
    fn value_end_bytewise(bytes: &[u8]) -> Scan {
        let mut depth = 0usize;
        let mut in_string = false;
        let mut i = 0;
        while let Some(&b) = bytes.get(i) {
            if in_string {
                match b {
                    b'"' => in_string = false,
                    b'\\' => i += 1,
                    _ => {}
                }
            } else {
                match b {
                    b'"' => in_string = true,
                    b'{' | b'[' if depth == super::super::MAX_DEPTH => return Scan::GiveUp,
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' if depth == 1 => return Scan::End(i + 1),
                    b'}' | b']' if depth == 0 => return Scan::GiveUp,
                    b'}' | b']' => depth -= 1,
                    _ if depth == 0 => return Scan::GiveUp,
                    _ => {}
                }
            }
            i += 1;
        }
        Scan::More
    }

    #[test]
    fn value_end_agrees_with_a_bytewise_scan() {
        let pieces: [&[u8]; 14] = [
            b"{",
            b"}",
            b"[",
            b"]",
            b"\"",
            b"\\",
            b"\\\"",
            b"a",
            b"0123456789",
            b":",
            b",",
            "\u{e9}".as_bytes(),
            b"\x7f",
            b" ",
        ];
        let mut state = 0x2545_F491_4F6C_DD1Du64;
        for _ in 0..30_000 {
            let mut text = b"{".to_vec();
            for _ in 0..(state % 40) {
                crate::words::xorshift(&mut state);
                text.extend_from_slice(pieces[(state % pieces.len() as u64) as usize]);
            }
            for end in [text.len(), text.len() / 2] {
                let bytes = &text[..end];
                assert_eq!(value_end(bytes), value_end_bytewise(bytes), "{bytes:?}");
            }
        }
    }

    #[test]
    fn objects_are_read_ahead_up_to_the_budget_or_anything_else() {
        let mut spans = Vec::new();
        let text = b"{\"a\": 1} ,\n {\"b\": \"}\"}, {\"c\": []}]";
        assert_eq!(objects_end(text, 1000, &mut spans), Scan::End(33));
        assert_eq!(spans, [(0, 8), (12, 10), (24, 9)]);
        // The budget is reached after the first object.
        assert_eq!(objects_end(text, 5, &mut spans), Scan::End(8));
        assert_eq!(spans, [(0, 8)]);
        // Cut off in the middle of the second: more is needed, unless the budget is reached.
        assert_eq!(objects_end(&text[..15], 1000, &mut spans), Scan::More);
        assert_eq!(objects_end(&text[..15], 9, &mut spans), Scan::End(8));
        // What follows a comma is not an object: the batch ends before it.
        assert_eq!(objects_end(b"{}, 1, {}", 1000, &mut spans), Scan::End(2));
        assert_eq!(objects_end(b"{}{}", 1000, &mut spans), Scan::End(2));
        assert_eq!(objects_end(b"1", 1000, &mut spans), Scan::GiveUp);
    }

    #[test]
    fn the_id_is_found_only_at_the_top_level() {
        let text = br#"{"memberships": [{"id": 1}], "name": "id", "id" : "x"}"#;
        let at = top_level_value(text, b"id");
        assert_eq!(at, Some(50));
        assert_eq!(text[50], b'"');
        assert_eq!(top_level_value(br#"{"\u0069d": "x"}"#, b"id"), None);
    }

    #[test]
    fn a_valid_record_is_accepted_and_its_id_placed() {
        let text = r#"{"name": "Les Cités",
 "id": "cites"}"#
            .as_bytes();
        let start = Pos {
            offset: 10,
            line: 3,
            column: 5,
        };
        let ok = accept(RecordType::Network, text, start);
        let id = ok.and_then(|a| a.key);
        assert_eq!(
            id.map(|(id, p)| (id, p.line, p.column)),
            Some((
                crate::validate::book::Key::Network("cites".to_owned()),
                4,
                8
            ))
        );
    }

    #[test]
    fn records_with_errors_are_left_to_the_engine() {
        let start = Pos::default();
        // An unknown field.
        assert!(
            accept(
                RecordType::Network,
                br#"{"id": "a", "name": "A", "x": 1}"#,
                start
            )
            .is_none()
        );
        // A duplicated key.
        assert!(
            accept(
                RecordType::Network,
                br#"{"id": "a", "id": "b", "name": "A"}"#,
                start
            )
            .is_none()
        );
    }

    /// A valid record that warns is taken, with its warnings placed where the engine would
    /// place them: at the value's first byte.
    #[test]
    fn records_with_warnings_are_taken_with_their_places() {
        let start = Pos {
            offset: 0,
            line: 1,
            column: 1,
        };
        // The Ghent catalogue's name with another id.
        let ok = accept(
            RecordType::Network,
            br#"{"id": "other", "name": "Eurocities"}"#,
            start,
        )
        .expect("a valid record");
        let [w] = &ok.warnings[..] else {
            panic!("{:?}", ok.warnings)
        };
        assert_eq!(w.code, super::super::Code::IdMismatch);
        assert_eq!(w.pos.map(|p| (p.line, p.column)), Some((1, 8)));
        // A membership that ends before it starts, and a role that does too, on other lines.
        let text = "{\"organization_id\": \"eurocities\", \"member\": {\"kind\": \"city\", \"city\": \"A\", \"country\": \"BE\"},\n \"start_date\": \"2020\", \"end_date\": \"2019\",\n \"roles\": [{\"role\": \"chair\", \"source\": \"https://example.org/\"},\n  {\"role\": \"chair\", \"end_date\": \"2001\", \"start_date\": \"2002\", \"source\": \"https://example.org/\"}]}";
        let ok = accept(RecordType::Membership, text.as_bytes(), start).expect("a valid record");
        let places: Vec<(String, Option<(u64, u64)>)> = ok
            .warnings
            .iter()
            .map(|w| (w.location(""), w.pos.map(|p| (p.line, p.column))))
            .collect();
        assert_eq!(
            places,
            [
                ("/end_date".to_owned(), Some((2, 36))),
                ("/roles/1/end_date".to_owned(), Some((4, 33))),
            ]
        );
        // With the warned value's key written with an escape, the engine places it.
        let escaped = text.replacen("\"end_date\": \"2019\"", "\"\\u0065nd_date\": \"2019\"", 1);
        assert!(accept(RecordType::Membership, escaped.as_bytes(), start).is_none());
    }

    #[test]
    fn values_are_found_by_keys_and_indices() {
        let text = br#" {"a": {"b": "x"}, "c" : [1, "2", {"d": null}, [true]], "e": "f"}"#;
        let at = |steps: &[Step]| value_at(text, steps);
        assert_eq!(at(&[Step::Key("e")]), Some(61));
        assert_eq!(at(&[Step::Key("a"), Step::Key("b")]), Some(13));
        assert_eq!(
            at(&[Step::Key("c"), Step::Index(2), Step::Key("d")]),
            Some(40)
        );
        assert_eq!(
            at(&[Step::Key("c"), Step::Index(3), Step::Index(0)]),
            Some(48)
        );
        assert_eq!(at(&[Step::Key("c"), Step::Index(4)]), None);
        assert_eq!(at(&[Step::Key("b")]), None);
        assert_eq!(at(&[Step::Key("a"), Step::Index(0)]), None);
    }
}
