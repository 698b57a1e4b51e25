//! A tape written out as JSON text (with serde_json's escapes and number forms), each record
//! on its own line: for the callers that hand values already parsed to a reader of text
//! (`fix` takes JSON text). The validator itself never needs this: it walks the tape.

use super::{Event, Tape};

/// The text serde_json writes for a finite float, which the tape's walk also quotes.
pub(crate) fn float_text(v: f64) -> String {
    serde_json::Number::from_f64(v).map_or_else(|| v.to_string(), |n| n.to_string())
}

/// The records of `tape` as JSON text, one per line. A container too deep to be written is
/// written as `[]`; callers that care ask [`Tape::too_deep_at`] first.
pub(crate) fn write(tape: &Tape) -> Vec<u8> {
    let mut out = Vec::with_capacity(tape.text.len() + 8 * tape.events.len());
    // The open containers: whether each is an object, its entries or items left, and whether
    // the next is its first.
    let mut open: Vec<(bool, u32, bool)> = Vec::new();
    let mut events = tape.events.iter();
    loop {
        // Punctuation before the next event, and the ends of the containers done.
        let mut key = false;
        while let Some((object, left, first)) = open.last_mut() {
            if *left == 0 {
                out.push(if *object { b'}' } else { b']' });
                open.pop();
                continue;
            }
            *left -= 1;
            if !std::mem::replace(first, false) {
                out.push(b',');
            }
            key = *object;
            break;
        }
        if open.is_empty() && !out.is_empty() && !key {
            out.push(b'\n');
        }
        let Some(&event) = events.next() else { break };
        if key {
            write_event(&mut out, tape, event);
            out.push(b':');
            let Some(&value) = events.next() else { break };
            write_value(&mut out, &mut open, tape, value);
        } else {
            write_value(&mut out, &mut open, tape, event);
        }
    }
    if out.last() == Some(&b'\n') {
        out.pop();
    }
    out
}

fn write_value(out: &mut Vec<u8>, open: &mut Vec<(bool, u32, bool)>, tape: &Tape, event: Event) {
    match event {
        Event::Object(n) => {
            out.push(b'{');
            open.push((true, n, true));
        }
        Event::Array(n) => {
            out.push(b'[');
            open.push((false, n, true));
        }
        other => write_event(out, tape, other),
    }
}

fn write_event(out: &mut Vec<u8>, tape: &Tape, event: Event) {
    match event {
        Event::Str(start, len) => {
            let s = tape.text.get(start..start + len).unwrap_or_default();
            // Writing to a Vec cannot fail.
            let _ = serde_json::to_writer(&mut *out, s);
        }
        Event::Signed(v) => out.extend_from_slice(v.to_string().as_bytes()),
        Event::Unsigned(v) => out.extend_from_slice(v.to_string().as_bytes()),
        Event::Float(v) => out.extend_from_slice(float_text(v).as_bytes()),
        Event::Bool(b) => out.extend_from_slice(if b { b"true" } else { b"false" }),
        Event::Null => out.extend_from_slice(b"null"),
        Event::Deep => out.extend_from_slice(b"[]"),
        Event::Object(_) => out.extend_from_slice(b"{}"),
        Event::Array(_) => out.extend_from_slice(b"[]"),
    }
}

impl Tape {
    /// The tape as JSON text, each record on its own line; data nested deeper
    /// than the validator reads is refused, naming the first place too deep.
    pub fn to_json(&self) -> Result<Vec<u8>, super::TapeError> {
        match &self.deep {
            Some(at) => Err(super::TapeError {
                is_type: false,
                message: super::nested_too_deep(at),
            }),
            None => Ok(write(self)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::Tape;

    #[test]
    fn records_nested_values_and_escapes_are_written_as_json() {
        let mut tape = Tape::default();
        assert!(tape.begin_object());
        tape.key("a\"b");
        assert!(tape.begin_array());
        tape.signed(-1);
        tape.unsigned(u64::MAX);
        tape.float(1.5).unwrap_or_default();
        assert!(tape.begin_object());
        tape.end();
        tape.end();
        tape.key("c");
        tape.null();
        tape.end();
        tape.bool(true);
        assert_eq!(tape.records(), 2);
        assert_eq!(
            String::from_utf8_lossy(&tape.to_json().unwrap_or_default()),
            "{\"a\\\"b\":[-1,18446744073709551615,1.5,{}],\"c\":null}\ntrue"
        );
    }
}
