//! Numbers of JSON text, read as `serde_json` reads them (its grammar, its faults and their
//! places), for the [typed reader](super::typed): an integer without fraction or exponent as a
//! `u64`, or an `i64` when negative, when it fits; any other as an `f64`, correctly rounded.

use serde::de::{self, Unexpected, Visitor};

use super::failure::Fault;

/// A number read, as `serde_json` gives it to a visitor.
pub(super) enum Num {
    U64(u64),
    I64(i64),
    F64(f64),
}

impl Num {
    /// Gives the number to `visitor`.
    pub fn visit<'de, V: Visitor<'de>, E: de::Error>(self, visitor: V) -> Result<V::Value, E> {
        match self {
            Num::U64(n) => visitor.visit_u64(n),
            Num::I64(n) => visitor.visit_i64(n),
            Num::F64(n) => visitor.visit_f64(n),
        }
    }

    /// The number, as a fault names a value of another type than asked for.
    pub fn unexpected(&self) -> Unexpected<'static> {
        match *self {
            Num::U64(n) => Unexpected::Unsigned(n),
            Num::I64(n) => Unexpected::Signed(n),
            Num::F64(n) => Unexpected::Float(n),
        }
    }
}

/// What a reading gives: the number and the byte after it, or the fault and the byte the
/// text was read up to.
type Read = Result<(Num, usize), (Fault, usize)>;

/// Reads the number at byte `start` of `text` (its first byte a digit or `-`).
#[inline(always)]
pub(super) fn read(text: &str, start: usize) -> Read {
    // The model's numbers: small non-negative integers, read without more ado.
    let bytes = text.as_bytes();
    let mut i = start;
    let mut n: u64 = 0;
    while let Some(&b) = bytes.get(i) {
        if !b.is_ascii_digit() || n >= u64::MAX / 10 - 1 {
            break;
        }
        n = n * 10 + u64::from(b - b'0');
        i += 1;
    }
    let plain = i > start
        && !(bytes.get(start) == Some(&b'0') && i - start > 1)
        && !matches!(bytes.get(i), Some(b'0'..=b'9' | b'.' | b'e' | b'E'));
    if plain {
        return Ok((Num::U64(n), i));
    }
    any(text, start)
}

/// Reads any number at `start` (see [`read`]).
#[cold]
fn any(text: &str, start: usize) -> Read {
    let bytes = text.as_bytes();
    let digit = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_digit);
    let negative = bytes.get(start) == Some(&b'-');
    let mut i = start + usize::from(negative);
    match bytes.get(i) {
        None => return Err((Fault::EofInValue, i)),
        Some(b'0') => {
            i += 1;
            if digit(i) {
                return Err((Fault::InvalidNumber, i + 1));
            }
        }
        Some(b'1'..=b'9') => {
            while digit(i) {
                i += 1;
            }
        }
        Some(_) => return Err((Fault::InvalidNumber, i + 1)),
    }
    let digits_end = i;
    let mut float = false;
    if bytes.get(i) == Some(&b'.') {
        float = true;
        i += 1;
        let first = i;
        while digit(i) {
            i += 1;
        }
        if i == first {
            return Err(match bytes.get(i) {
                Some(_) => (Fault::InvalidNumber, i + 1),
                None => (Fault::EofInValue, i),
            });
        }
    }
    if matches!(bytes.get(i), Some(b'e' | b'E')) {
        float = true;
        i += 1;
        if matches!(bytes.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        match bytes.get(i) {
            None => return Err((Fault::EofInValue, i)),
            Some(b'0'..=b'9') => {}
            Some(_) => return Err((Fault::InvalidNumber, i + 1)),
        }
        while digit(i) {
            i += 1;
        }
    }
    if !float {
        let digits = text.get(start + usize::from(negative)..digits_end);
        match (negative, digits.and_then(|d| d.parse::<u64>().ok())) {
            (false, Some(n)) => return Ok((Num::U64(n), i)),
            // `-0` is a float, as `serde_json` reads it.
            (true, Some(n)) if n != 0 && n <= 1 << 63 => {
                return Ok((Num::I64((n as i64).wrapping_neg()), i));
            }
            _ => {}
        }
    }
    match text.get(start..i).map(str::parse::<f64>) {
        Some(Ok(f)) if f.is_finite() => Ok((Num::F64(f), i)),
        _ => Err((Fault::NumberOutOfRange, i)),
    }
}
