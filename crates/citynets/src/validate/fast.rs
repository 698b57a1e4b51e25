//! The fast path for records: most records in a large file are valid, and for those the
//! typed model's [views](super::view) (read by the [typed reader](super::json)) give the verdict several times
//! faster than walking the schema keyword by keyword.
//!
//! The views accept exactly what the committed schema accepts (the differential test checks
//! it on thousands of mutants), so a record they accept has no error. Its warnings are the
//! [rules](super::rules)' on the view; the rules do not know where the values were, so the few
//! values warned about are found again in the record's bytes by the JSON
//! [scanner](super::json::scan). Only a record the views refuse (or one whose `id` or
//! `organization_id` key is written with escapes, which the quick search for it does not read,
//! or a membership whose `member` holds an escape) goes
//! through the [engine](super::engine), which finds every problem and its place. The report is
//! the same either way.

use super::book::Key;
use super::in_order::Workers;
use super::json;
use super::json::lexer::{Pos, Scan, pos_after};
use super::json::scan::{
    Repeated::First, next_object, objects_end, string_end, top_level_value, value_at, value_end,
};
use super::rules::{Facts, Slot, Step, Warning, warnings};
use super::view::{MembershipView, NetworkView};

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
    let start = value_at(bytes, &[Step::Key("member")], First)?;
    let rest = bytes.get(start..)?;
    let Scan::End(len) = value_end(rest) else {
        return None;
    };
    let member = rest.get(..len)?;
    if memchr::memchr(b'\\', member).is_some() {
        return None;
    }
    let text = |key: &'static str| -> Option<&str> {
        let at = value_at(member, &[Step::Key(key)], First)?;
        if member.get(at) != Some(&b'"') {
            return None;
        }
        let close = string_end(member, at + 1)?;
        std::str::from_utf8(member.get(at + 1..close)?).ok()
    };
    let (city, country) = (text("city"), text("country"));
    // A written identity: the digits of a number (anything else is not one the views accept).
    let id = value_at(member, &[Step::Key("geonames_id")], First).and_then(|at| {
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
/// found (it always can in a record the views read): the engine then reads the record.
fn place(found: &mut [Warning], bytes: &[u8], start: Pos, id: Option<Pos>) -> Option<()> {
    for w in found.iter_mut().filter(|w| w.pos.is_none()) {
        w.pos = match (w.slot, id) {
            (Slot::Id, Some(id)) => Some(id),
            (slot, _) => {
                let (steps, n) = slot.steps();
                let offset = value_at(bytes, steps.get(..n)?, First)?;
                Some(pos_after(start, bytes.get(..offset)?))
            }
        };
    }
    Some(())
}

/// Elements of a list read ahead together, so that several threads can check them.
pub(crate) const READ_AHEAD: usize = 1 << 19;

/// How far past a batch the records of the next one are looked for; the next batch ends
/// early rather than reading further.
pub(crate) const SLACK: usize = 1 << 16;

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

#[cfg(test)]
mod tests {
    use super::*;

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
        // With the warned value's key written with an escape, the value is found all the same
        // (the scanner reads such a key), five columns further on.
        let escaped = text.replacen("\"end_date\": \"2019\"", "\"\\u0065nd_date\": \"2019\"", 1);
        let ok = accept(RecordType::Membership, escaped.as_bytes(), start).expect("valid");
        let first = ok.warnings.first().and_then(|w| w.pos);
        assert_eq!(first.map(|p| (p.line, p.column)), Some((2, 41)));
    }
}
