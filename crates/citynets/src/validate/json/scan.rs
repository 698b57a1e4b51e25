//! The structural scanner of JSON text: where a value, a string, a line or a run of objects
//! ends, and where the value at a path is, found by brackets, quotes and escapes alone,
//! without reading the values (the [typed reader](super::typed) or the engine's walk does
//! that). The fast path finds the records of a list ahead with it and places the values its
//! warnings are about; the CSV reader places problems inside the JSON text of a cell.
//!
//! Every function here takes bytes that may be cut anywhere or be no JSON at all: a scan
//! says it needs more bytes, or gives up, and a search gives `None`; none of them fails.

use super::lexer::Scan;
use super::typed::read_fast;
use crate::validate::MAX_DEPTH;
use crate::words::{equal_to, first, word};

/// One step down a JSON value, as a path gives it: a key of an object or an item of a list.
pub(crate) trait PathStep {
    /// The key this step takes in an object, if it takes one.
    fn key(&self) -> Option<&str>;
    /// The item this step takes in a list, if it takes one.
    fn index(&self) -> Option<u64>;
}

/// A JSON Pointer's token: a key in an object, an index in a list.
impl PathStep for String {
    fn key(&self) -> Option<&str> {
        Some(self)
    }

    fn index(&self) -> Option<u64> {
        self.parse().ok()
    }
}

/// Which value of a key given twice in one object a search goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Repeated {
    /// The first, without reading the rest of the object: for text whose keys are known to be
    /// given once (a record the typed reader took, which refuses a field given twice).
    First,
    /// The last: the value a reader keeps (the places of values in a table's JSON cells).
    #[cfg_attr(not(feature = "csv"), allow(dead_code))]
    Last,
}

/// The byte offset of the value at the end of `steps` in the JSON value that `bytes` holds.
/// A key given twice in an object leads to the value `repeated` says; a key written with
/// escapes is decoded to be compared.
pub(crate) fn value_at<S: PathStep>(
    bytes: &[u8],
    steps: &[S],
    repeated: Repeated,
) -> Option<usize> {
    let mut i = blanks(bytes, 0);
    for step in steps {
        i = match bytes.get(i)? {
            b'{' => member(bytes, i, step.key()?, repeated)?,
            b'[' => item(bytes, i, step.index()?)?,
            _ => return None,
        };
    }
    Some(i)
}

/// The offset of the value of `key` in the object at `i` (the one `repeated` says, when given
/// twice).
fn member(bytes: &[u8], i: usize, key: &str, repeated: Repeated) -> Option<usize> {
    let mut found = None;
    let mut i = blanks(bytes, i + 1);
    if bytes.get(i) == Some(&b'}') {
        return None;
    }
    loop {
        if bytes.get(i) != Some(&b'"') {
            return None;
        }
        let close = string_end(bytes, i + 1)?;
        let name = bytes.get(i + 1..close)?;
        // A name written with an escape is longer than the key it stands for; only such a
        // name is decoded (most names are plain, and compared as they are).
        let same = name == key.as_bytes()
            || (name.len() > key.len() && name.contains(&b'\\') && {
                let text = std::str::from_utf8(bytes.get(i..=close)?).ok()?;
                read_fast::<String>(text).ok()? == key
            });
        i = blanks(bytes, close + 1);
        if bytes.get(i) != Some(&b':') {
            return None;
        }
        let start = blanks(bytes, i + 1);
        if same {
            if repeated == Repeated::First {
                return Some(start);
            }
            found = Some(start);
        }
        i = blanks(bytes, value_after(bytes, start)?);
        match bytes.get(i)? {
            b',' => i = blanks(bytes, i + 1),
            b'}' => return found,
            _ => return None,
        }
    }
}

/// The offset of item `n` of the list at `i`.
fn item(bytes: &[u8], i: usize, n: u64) -> Option<usize> {
    let mut i = blanks(bytes, i + 1);
    for _ in 0..n {
        i = blanks(bytes, value_after(bytes, i)?);
        if bytes.get(i) != Some(&b',') {
            return None;
        }
        i = blanks(bytes, i + 1);
    }
    (bytes.get(i) != Some(&b']')).then_some(i)
}

/// The offset of the first byte at or after `i` that is not a blank.
pub(crate) fn blanks(bytes: &[u8], mut i: usize) -> usize {
    while matches!(bytes.get(i), Some(b' ' | b'\t' | b'\r' | b'\n')) {
        i += 1;
    }
    i
}

/// The offset just after the value that starts at `i` (by its brackets and strings; its
/// content is not checked).
pub(crate) fn value_after(bytes: &[u8], i: usize) -> Option<usize> {
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
pub(crate) enum Ended {
    /// The bytes end first.
    Bytes,
    /// Something else than a comma and an object comes.
    Objects,
}

/// The start of the object that follows a list element ending at `from`: after blanks, a
/// comma and blanks.
pub(crate) fn next_object(bytes: &[u8], from: usize) -> Result<usize, Ended> {
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
                if depth > MAX_DEPTH {
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
pub(crate) fn string_end(bytes: &[u8], from: usize) -> Option<usize> {
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
pub(crate) fn top_level_value(bytes: &[u8], key: &[u8]) -> Option<usize> {
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
                    b'{' | b'[' if depth == MAX_DEPTH => return Scan::GiveUp,
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
    fn values_are_found_by_keys_and_indices() {
        let text = br#" {"a": {"b": "x"}, "c" : [1, "2", {"d": null}, [true]], "e": "f"}"#;
        let at = |steps: &[&str]| {
            let steps: Vec<String> = steps.iter().map(|s| (*s).to_owned()).collect();
            value_at(text, &steps, Repeated::Last)
        };
        assert_eq!(at(&["e"]), Some(61));
        assert_eq!(at(&["a", "b"]), Some(13));
        assert_eq!(at(&["c", "2", "d"]), Some(40));
        assert_eq!(at(&["c", "3", "0"]), Some(48));
        assert_eq!(at(&["c", "4"]), None);
        assert_eq!(at(&["b"]), None);
        assert_eq!(at(&["a", "0"]), None);
        assert_eq!(at(&[]), Some(1));
        // A key given twice leads to its last value; a key written with escapes is read.
        let twice = br#"{"k": 1, "\u006b": [2, 3], "j": {}}"#;
        let steps = ["k".to_owned(), "1".to_owned()];
        assert_eq!(value_at(twice, &steps, Repeated::Last), Some(23));
        assert_eq!(value_at(twice, &steps[..1], Repeated::First), Some(6));
        // Text cut short or not JSON gives nothing, and never fails.
        for cut in 0..twice.len() {
            let _ = value_at(&twice[..cut], &steps, Repeated::Last);
        }
        assert_eq!(value_at(b"{\"k\" 1}", &steps[..1], Repeated::Last), None);
    }
}
