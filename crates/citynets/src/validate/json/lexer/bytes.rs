//! Scans over bytes already read, with no reader state: where plain string content ends (a
//! word at a time), how many code points a run holds, what an escape letter stands for, and
//! the position reached after a span.

use super::token::Pos;
use crate::words::{HIGH, control, equal_to, first, word};

/// The position reached from `start` after `bytes` (lines and code points counted).
pub(crate) fn pos_after(start: Pos, bytes: &[u8]) -> Pos {
    let offset = start.offset + bytes.len() as u64;
    match memchr::memrchr(b'\n', bytes) {
        Some(last) => Pos {
            offset,
            line: start.line + memchr::memchr_iter(b'\n', bytes).count() as u64,
            column: 1 + count_chars(&bytes[last + 1..]),
        },
        None => Pos {
            offset,
            line: start.line,
            column: start.column + count_chars(bytes),
        },
    }
}

/// How many bytes of UTF-8 text continue a character (`10xxxxxx`), so that the text has
/// `bytes.len()` minus that many characters. Eight bytes are counted at a time.
pub(crate) fn continuation_bytes(bytes: &[u8]) -> usize {
    let mut n = 0;
    let mut i = 0;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let w = word(chunk);
        // Bit 7 of each byte set and bit 6 (shifted up into bit 7's place) clear.
        n += (w & !(w << 1) & HIGH).count_ones() as usize;
        i += 8;
    }
    n + bytes
        .get(i..)
        .unwrap_or_default()
        .iter()
        .filter(|b| **b & 0xC0 == 0x80)
        .count()
}

/// The length of the run of plain string content at the start of `bytes` (up to a quote, a
/// backslash or a control character), and whether that run is all ASCII. Eight bytes are
/// tested at a time with word arithmetic; the first flagged byte is exact (a false flag can
/// only follow a true one).
#[inline]
pub(crate) fn plain_run(bytes: &[u8]) -> (usize, bool) {
    let mut i = 0;
    let mut ascii = true;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let w = word(chunk);
        let stop = string_stops(w);
        if stop != 0 {
            let k = first(stop);
            let before = if k == 0 {
                0
            } else {
                w & (u64::MAX >> (64 - 8 * k))
            };
            return (i + k, ascii && before & HIGH == 0);
        }
        ascii &= w & HIGH == 0;
        i += 8;
    }
    while i < bytes.len() {
        let c = bytes[i];
        if STOP[usize::from(c)] {
            break;
        }
        ascii &= c < 0x80;
        i += 1;
    }
    (i, ascii)
}

/// Where plain string content that starts at `i` ends: at a quote, a backslash or a control
/// character, or at the end of the bytes. [`plain_run`] without the ASCII test, for the fast
/// path's reader; most of the model's strings end within the first word.
#[inline(always)]
pub(crate) fn plain_end(bytes: &[u8], mut i: usize) -> usize {
    while let Some(chunk) = bytes.get(i..i + 8) {
        let stop = string_stops(word(chunk));
        if stop != 0 {
            return i + first(stop);
        }
        i += 8;
    }
    while let Some(&b) = bytes.get(i) {
        if STOP[usize::from(b)] {
            return i;
        }
        i += 1;
    }
    i
}

/// Flags the bytes of `w` that end plain string content (the word-wise form of [`STOP`]).
#[inline(always)]
fn string_stops(w: u64) -> u64 {
    control(w) | equal_to(w, b'"') | equal_to(w, b'\\')
}

/// The character a UTF-16 surrogate pair stands for: `None` unless `high` is a leading and
/// `low` a trailing surrogate.
pub(crate) fn utf16_pair(high: u32, low: u32) -> Option<char> {
    if !(0xD800..0xDC00).contains(&high) || !(0xDC00..0xE000).contains(&low) {
        return None;
    }
    char::from_u32(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
}

/// The character a one-letter JSON escape stands for (`n` for a line feed); `None` for `u`,
/// which four hex digits follow, and for letters that are no escape.
pub(crate) fn escaped_char(letter: u8) -> Option<char> {
    Some(match letter {
        b'"' => '"',
        b'\\' => '\\',
        b'/' => '/',
        b'b' => '\u{8}',
        b'f' => '\u{c}',
        b'n' => '\n',
        b'r' => '\r',
        b't' => '\t',
        _ => return None,
    })
}

/// Bytes that end a run of plain string content: the quote, the backslash, control characters.
static STOP: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 0x20 {
        t[i] = true;
        i += 1;
    }
    t[b'"' as usize] = true;
    t[b'\\' as usize] = true;
    t
};

pub(super) fn utf8_len(first: u8) -> usize {
    match first {
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF7 => 4,
        _ => 1,
    }
}

/// Code points in valid UTF-8 bytes: the bytes less those that continue a character.
pub(super) fn count_chars(bytes: &[u8]) -> u64 {
    if bytes.is_ascii() {
        bytes.len() as u64
    } else {
        (bytes.len() - continuation_bytes(bytes)) as u64
    }
}

#[cfg(test)]
mod tests {
    use super::{STOP, continuation_bytes, plain_run};

    /// Characters are counted word by word as one by one, in text of every length.
    #[test]
    fn continuation_bytes_are_counted_as_chars_counts_them() {
        let text = "Ghent, Gent, Gand: Geïntegreerde Straße, 平和 and 🙂 at 12°C";
        for from in 0..text.len() {
            for to in from..=text.len() {
                if let Some(part) = text.get(from..to) {
                    let n = part.len() - continuation_bytes(part.as_bytes());
                    assert_eq!(n, part.chars().count(), "{part:?}");
                }
            }
        }
    }

    /// The word-at-a-time scan agrees with a byte-by-byte one on every position and byte.
    #[test]
    fn plain_run_matches_the_simple_scan() {
        let interesting = [
            b'a', b'"', b'\\', 0x00, 0x1f, 0x20, 0x7f, 0x80, 0xc3, 0xa9, 0xff, b'\n',
        ];
        for len in 0..20 {
            for pos in 0..len {
                for &x in &interesting {
                    for &y in &[b'z', 0xe9, b'"'] {
                        let mut v = vec![b'x'; len];
                        v[pos] = x;
                        if pos + 1 < len {
                            v[pos + 1] = y;
                        }
                        let simple_run = v
                            .iter()
                            .position(|b| STOP[usize::from(*b)])
                            .unwrap_or(v.len());
                        let simple_ascii = v[..simple_run].is_ascii();
                        assert_eq!(plain_run(&v), (simple_run, simple_ascii), "{v:?}");
                    }
                }
            }
        }
    }
}
