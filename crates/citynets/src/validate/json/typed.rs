//! The typed reader of JSON text: a serde `Deserializer` that reads text into the model's
//! types (and into `serde_json::Value`s), with less work per token than `serde_json` spends.
//!
//! It gives the types what `serde_json` gives them: the same visitor calls, in the same order,
//! with strings borrowed from the text when they have no escape (and decoded otherwise), the
//! same grammar, the same numbers and the same nesting limit; and when it fails, the same
//! message at the same place (the tests compare the two on the catalogue's records and tens of
//! thousands of mutations of them). A float is read correctly rounded (`str::parse`), where
//! `serde_json` without its `float_roundtrip` feature may be one unit in the last place off.
//!
//! It is stricter in three places, where serde's derives accept what the schema refuses: a
//! struct must be an object (`serde_json` also reads one from an array of its fields in
//! order), an enum a string (it also reads `{"name": null}`), and a map's keys are read as
//! text only (it also reads numbers and booleans out of keys); and it refuses the bytes form
//! of strings, and 128-bit integers. A value a type ignores is read in full, so its faults
//! (a number out of range, a lone surrogate, nesting past the limit) are refused where
//! `serde_json` skips them unread; the model's types ignore nothing (they deny unknown
//! fields). An `f32` too large to hold is infinite here, and refused by `serde_json` with its
//! `float_roundtrip` feature; the model has none. The first of these rules is the rule of the
//! typed reader over parsed values too ([`tape::typed`](crate::validate::tape)).
//!
//! The error type is a parameter ([`Failure`]): the fast path's readings take [`Refused`],
//! and pay nothing for messages they do not want.

use std::marker::PhantomData;

use serde::de::{self, DeserializeSeed, Expected, Unexpected, Visitor};

use super::failure::{Failure, Fault, JsonError, Refused};
use super::lexer::{escaped_char, plain_end, utf16_pair};
use super::number::{self, Num};

/// Reads one value of type `T` from the whole of `text` (blanks around it allowed), for the
/// fast path.
pub(crate) fn read_fast<'de, T: de::Deserialize<'de>>(text: &'de str) -> Result<T, Refused> {
    whole::<false, Refused, _>(PhantomData::<T>, text)
}

/// Reads one value of type `T` from the whole of `text` (blanks around it allowed); the
/// error says what is wrong and where.
pub(crate) fn read<'de, T: de::Deserialize<'de>>(text: &'de str) -> Result<T, JsonError> {
    whole::<false, JsonError, _>(PhantomData::<T>, text)
}

/// Reads one value with `seed` from the whole of `text` (blanks around it allowed); the
/// error says what is wrong and where.
#[cfg(feature = "csv")]
pub(crate) fn read_seed<'de, S: DeserializeSeed<'de>>(
    seed: S,
    text: &'de str,
) -> Result<S::Value, JsonError> {
    whole::<false, JsonError, S>(seed, text)
}

/// Reads one value of type `T` from the whole of `bytes`, which must be UTF-8 (a byte-order
/// mark is not passed over: the caller decides about it); the error says what is wrong and
/// where.
#[cfg(feature = "csv")]
pub(crate) fn read_bytes<'de, T: de::Deserialize<'de>>(bytes: &'de [u8]) -> Result<T, JsonError> {
    match std::str::from_utf8(bytes) {
        Ok(text) => read(text),
        Err(e) => {
            // The text up to the first byte that is not UTF-8 is; the fault is placed just
            // before that byte (`serde_json`, which checks UTF-8 only inside strings, places
            // it after the string, and may first report a fault of the grammar before it).
            let good = bytes.get(..e.valid_up_to()).unwrap_or_default();
            let text = std::str::from_utf8(good).unwrap_or_default();
            Err(JsonError::syntax(Fault::InvalidCodePoint, text, text.len()))
        }
    }
}

/// Reads one value with `seed` from the whole of `text`, the text of a CSV cell (blanks
/// around it allowed), for the fast path. When `doubled`, `text` is the inside of a quoted
/// cell, where each quote of the JSON is written twice: it is read as it is, without being
/// unescaped first.
#[cfg(feature = "csv")]
pub(crate) fn read_cell_fast<'de, S: DeserializeSeed<'de>>(
    seed: S,
    text: &'de str,
    doubled: bool,
) -> Result<S::Value, Refused> {
    if doubled {
        whole::<true, Refused, S>(seed, text)
    } else {
        whole::<false, Refused, S>(seed, text)
    }
}

/// Reads one value with `seed` from the whole of `text` (blanks around it allowed).
fn whole<'de, const DOUBLED: bool, E: Failure, S: DeserializeSeed<'de>>(
    seed: S,
    text: &'de str,
) -> Result<S::Value, E> {
    let mut de = Plain::<DOUBLED, E>::new(text);
    let value = seed
        .deserialize(&mut de)
        .map_err(|e| e.placed(text, de.at))?;
    de.end()?;
    Ok(value)
}

/// `serde_json`'s limit on nested arrays and objects.
const DEPTH: u8 = 128;

/// The reader: the text and where it is in it. With `DOUBLED`, each quote is written twice
/// (`""`), as inside a quoted CSV cell: a string's text between its quotes then has no quote
/// but escaped ones (`\""`). It is a parameter of the type rather than a field, so that JSON
/// read as it is pays no test for it; so is the error type `E`, so that the fast path pays
/// nothing for the messages it does not want.
pub(crate) struct Plain<'de, const DOUBLED: bool, E> {
    text: &'de str,
    at: usize,
    /// Nesting levels left, counted down as `serde_json` counts them.
    depth: u8,
    /// Decoded strings that had an escape.
    scratch: String,
    error: PhantomData<fn() -> E>,
}

/// A string read: a slice of the text, or decoded into the scratch buffer.
enum Str<'de> {
    Borrowed(&'de str),
    Decoded,
}

impl<'de, const DOUBLED: bool, E: Failure> Plain<'de, DOUBLED, E> {
    fn new(text: &'de str) -> Plain<'de, DOUBLED, E> {
        Plain {
            text,
            at: 0,
            depth: DEPTH,
            scratch: String::new(),
            error: PhantomData,
        }
    }

    /// A fault of the text, read up to byte `end`.
    #[inline(always)]
    fn fault(&self, fault: Fault, end: usize) -> E {
        E::syntax(fault, self.text, end)
    }

    /// A fault at the next byte (it counts as read, as `serde_json` counts it).
    #[inline(always)]
    fn fault_next(&self, fault: Fault) -> E {
        self.fault(fault, (self.at + 1).min(self.text.len()))
    }

    /// A fault a type gave, placed where the text is read up to.
    #[inline(always)]
    fn place(&self, e: E) -> E {
        e.placed(self.text, self.at)
    }

    /// Where the text goes on after the quote at `i`: past its second quote when quotes are
    /// written twice, which must be there.
    #[inline(always)]
    fn past_quote(&self, i: usize) -> Result<usize, E> {
        if !DOUBLED {
            Ok(i + 1)
        } else if self.bytes().get(i + 1) == Some(&b'"') {
            Ok(i + 2)
        } else {
            Err(self.fault(Fault::QuoteAlone, i + 1))
        }
    }

    fn bytes(&self) -> &'de [u8] {
        self.text.as_bytes()
    }

    /// The next byte after blanks, not consumed.
    fn peek(&mut self) -> Option<u8> {
        let bytes = self.bytes();
        while let Some(&b) = bytes.get(self.at) {
            if !matches!(b, b' ' | b'\n' | b'\t' | b'\r') {
                return Some(b);
            }
            self.at += 1;
        }
        None
    }

    /// Only blanks are left.
    fn end(&mut self) -> Result<(), E> {
        match self.peek() {
            None => Ok(()),
            Some(_) => Err(self.fault_next(Fault::TrailingCharacters)),
        }
    }

    /// Consumes `word` (`null`, `true` or `false`, its first byte at `self.at`).
    fn word(&mut self, word: &[u8]) -> Result<(), E> {
        let end = self.at + word.len();
        if self.bytes().get(self.at..end) == Some(word) {
            self.at = end;
            return Ok(());
        }
        // As `serde_json` finds it: byte by byte, the first one that differs read too.
        let mut i = self.at + 1;
        for &expected in word.get(1..).unwrap_or_default() {
            match self.bytes().get(i) {
                None => return Err(self.fault(Fault::EofInValue, i)),
                Some(&b) if b != expected => return Err(self.fault(Fault::ExpectedIdent, i + 1)),
                Some(_) => i += 1,
            }
        }
        Err(self.fault(Fault::ExpectedIdent, i))
    }

    /// Reads a string whose opening quote is at `self.at`.
    #[inline(always)]
    fn string(&mut self) -> Result<Str<'de>, E> {
        let bytes = self.bytes();
        let start = self.past_quote(self.at)?;
        let stop = plain_end(bytes, start);
        match bytes.get(stop) {
            Some(b'"') => {
                self.at = self.past_quote(stop)?;
                // Quotes are ASCII, so both ends are character boundaries.
                match self.text.get(start..stop) {
                    Some(s) => Ok(Str::Borrowed(s)),
                    None => Err(self.fault(Fault::InvalidCodePoint, stop)),
                }
            }
            Some(_) => self.escaped(start, stop),
            None => Err(self.fault(Fault::EofInString, bytes.len())),
        }
    }

    /// Reads the rest of a string that stopped at `i` on something other than its closing
    /// quote: decodes it into the scratch buffer.
    fn escaped(&mut self, start: usize, mut i: usize) -> Result<Str<'de>, E> {
        let text = self.text;
        self.scratch.clear();
        let mut from = start;
        loop {
            let Some(piece) = text.get(from..i) else {
                return Err(self.fault(Fault::InvalidCodePoint, i));
            };
            self.scratch.push_str(piece);
            match text.as_bytes().get(i) {
                Some(b'"') => {
                    self.at = self.past_quote(i)?;
                    return Ok(Str::Decoded);
                }
                Some(b'\\') => from = self.escape(i + 1)?,
                // A control character inside a string.
                Some(_) => return Err(self.fault(Fault::ControlCharacter, i + 1)),
                None => return Err(self.fault(Fault::EofInString, text.len())),
            }
            i = plain_end(text.as_bytes(), from);
        }
    }

    /// Decodes the escape whose letter is at `i` into the scratch buffer; returns where the
    /// text goes on.
    fn escape(&mut self, i: usize) -> Result<usize, E> {
        let c = match self.bytes().get(i) {
            None => return Err(self.fault(Fault::EofInString, i)),
            Some(b'u') => return self.unicode(i + 1),
            Some(b'"') => {
                self.scratch.push('"');
                return self.past_quote(i);
            }
            Some(&letter) => match escaped_char(letter) {
                Some(c) => c,
                None => return Err(self.fault(Fault::InvalidEscape, i + 1)),
            },
        };
        self.scratch.push(c);
        Ok(i + 1)
    }

    /// Decodes `XXXX` at `i` (after `\u`), and the low half that must follow a high
    /// surrogate, as `serde_json` does: a lone surrogate is refused.
    fn unicode(&mut self, i: usize) -> Result<usize, E> {
        let first = u32::from(self.hex4(i)?);
        let (c, next) = match first {
            0xDC00..=0xDFFF => return Err(self.fault(Fault::LoneSurrogate, i + 4)),
            0xD800..=0xDBFF => {
                for (j, expected) in [(i + 4, b'\\'), (i + 5, b'u')] {
                    match self.bytes().get(j) {
                        None => return Err(self.fault(Fault::EofInString, j)),
                        Some(&b) if b != expected => {
                            return Err(self.fault(Fault::EndOfHexEscape, j + 1));
                        }
                        Some(_) => {}
                    }
                }
                let low = u32::from(self.hex4(i + 6)?);
                if !(0xDC00..=0xDFFF).contains(&low) {
                    return Err(self.fault(Fault::LoneSurrogate, i + 10));
                }
                (utf16_pair(first, low), i + 10)
            }
            n => (char::from_u32(n), i + 4),
        };
        match c {
            Some(c) => self.scratch.push(c),
            None => return Err(self.fault(Fault::InvalidCodePoint, next)),
        }
        Ok(next)
    }

    fn hex4(&self, i: usize) -> Result<u16, E> {
        let Some(digits) = self.bytes().get(i..i + 4) else {
            return Err(self.fault(Fault::EofInString, self.text.len()));
        };
        let mut n = 0u16;
        for &d in digits {
            let v = match d {
                b'0'..=b'9' => d - b'0',
                b'a'..=b'f' => d - b'a' + 10,
                b'A'..=b'F' => d - b'A' + 10,
                _ => return Err(self.fault(Fault::InvalidEscape, i + 4)),
            };
            n = (n << 4) | u16::from(v);
        }
        Ok(n)
    }

    /// Reads the number at `self.at` (its first byte a digit or `-`).
    #[inline(always)]
    fn number(&mut self) -> Result<Num, E> {
        match number::read(self.text, self.at) {
            Ok((n, end)) => {
                self.at = end;
                Ok(n)
            }
            Err((fault, end)) => Err(self.fault(fault, end)),
        }
    }

    /// Reads a string whose opening quote is at `self.at`, for `visitor`.
    fn visit_string<V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value, E> {
        self.visit_string_unplaced(visitor)
            .map_err(|e| self.place(e))
    }

    /// [`visit_string`](Self::visit_string), leaving the visitor's fault without a place (a
    /// key's is placed after the blanks that follow the key, as `serde_json` places it).
    fn visit_string_unplaced<V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value, E> {
        match self.string()? {
            Str::Borrowed(s) => visitor.visit_borrowed_str(s),
            Str::Decoded => visitor.visit_str(&self.scratch),
        }
    }

    /// Reads the value whose first byte, `first`, is next (after blanks), for `visitor`.
    fn value<V: Visitor<'de>>(&mut self, first: u8, visitor: V) -> Result<V::Value, E> {
        let visited = match first {
            b'"' => return self.visit_string(visitor),
            b'0'..=b'9' | b'-' => self.number()?.visit(visitor),
            b'[' => {
                self.nest()?;
                let value = visitor.visit_seq(Items {
                    de: &mut *self,
                    first: true,
                });
                return match value {
                    Ok(value) => self.close(b']').map(|()| value),
                    Err(e) => Err(self.close_after(b']', e)),
                };
            }
            b'{' => {
                self.nest()?;
                let value = visitor.visit_map(Entries {
                    de: &mut *self,
                    first: true,
                });
                return match value {
                    Ok(value) => self.close(b'}').map(|()| value),
                    Err(e) => Err(self.close_after(b'}', e)),
                };
            }
            b'n' => {
                self.word(b"null")?;
                visitor.visit_unit()
            }
            b't' => {
                self.word(b"true")?;
                visitor.visit_bool(true)
            }
            b'f' => {
                self.word(b"false")?;
                visitor.visit_bool(false)
            }
            _ => return Err(self.fault_next(Fault::ExpectedValue)),
        };
        visited.map_err(|e| self.place(e))
    }

    /// Enters an array or object.
    fn nest(&mut self) -> Result<(), E> {
        match self.depth.checked_sub(1).filter(|&d| d > 0) {
            Some(d) => self.depth = d,
            None => return Err(self.fault_next(Fault::TooDeep)),
        }
        self.at += 1;
        Ok(())
    }

    /// Leaves an array or object: its closing byte must come next.
    #[inline(always)]
    fn close(&mut self, closing: u8) -> Result<(), E> {
        self.depth = self.depth.saturating_add(1);
        if self.peek() == Some(closing) {
            self.at += 1;
            return Ok(());
        }
        Err(self.not_closed(closing))
    }

    /// The fault of an array or object whose closing byte is not next.
    #[cold]
    fn not_closed(&mut self, closing: u8) -> E {
        match self.peek() {
            Some(b',') if closing == b']' => {
                self.at += 1;
                let fault = if self.peek() == Some(b']') {
                    Fault::TrailingComma
                } else {
                    Fault::TrailingCharacters
                };
                self.fault_next(fault)
            }
            Some(b',') => self.fault_next(Fault::TrailingComma),
            Some(_) => self.fault_next(Fault::TrailingCharacters),
            None if closing == b']' => self.fault_next(Fault::EofInList),
            None => self.fault_next(Fault::EofInObject),
        }
    }

    /// The fault `e` of an array or object's content, placed after its closing byte when
    /// that is next, as `serde_json` places it (a fault of the content wins over one of the
    /// closing).
    #[cold]
    fn close_after(&mut self, closing: u8, e: E) -> E {
        let _ = self.close(closing);
        self.place(e)
    }
    /// The fault of a value of another kind than `expected` asked for, as `serde_json` gives
    /// it: the value is read (a scalar) or looked at (a container) to name it.
    #[cold]
    fn invalid_type(&mut self, expected: &dyn Expected) -> E {
        let unexpected = match self.peek() {
            None => return self.fault_next(Fault::EofInValue),
            Some(b'n') => self.word(b"null").map(|()| Unexpected::Unit),
            Some(b't') => self.word(b"true").map(|()| Unexpected::Bool(true)),
            Some(b'f') => self.word(b"false").map(|()| Unexpected::Bool(false)),
            Some(b'0'..=b'9' | b'-') => match self.number() {
                Ok(n) => Ok(n.unexpected()),
                Err(e) => Err(e),
            },
            Some(b'"') => {
                return match self.string() {
                    Ok(s) => {
                        let s = match s {
                            Str::Borrowed(s) => s,
                            Str::Decoded => self.scratch.as_str(),
                        };
                        E::invalid_type(Unexpected::Str(s), expected).placed(self.text, self.at)
                    }
                    Err(e) => e,
                };
            }
            Some(b'[') => Ok(Unexpected::Seq),
            Some(b'{') => Ok(Unexpected::Map),
            Some(_) => return self.fault_next(Fault::ExpectedValue),
        };
        match unexpected {
            Ok(u) => self.place(E::invalid_type(u, expected)),
            Err(e) => e,
        }
    }
}

/// Typed requests, read only when the next token is of the kind asked for, as `serde_json`
/// reads them: a visitor is never offered a value of another kind (one that accepts both a
/// string and a number, asked for a string, must not be given a number).
macro_rules! only_when {
    ($($method:ident => $test:expr;)*) => {
        $(
            fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
                let kind: fn(u8) -> bool = $test;
                match self.peek() {
                    Some(b) if kind(b) => self.value(b, visitor),
                    _ => Err(self.invalid_type(&visitor)),
                }
            }
        )*
    };
}

impl<'de, const DOUBLED: bool, E: Failure> de::Deserializer<'de> for &mut Plain<'de, DOUBLED, E> {
    type Error = E;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
        match self.peek() {
            Some(first) => self.value(first, visitor),
            None => Err(self.fault_next(Fault::EofInValue)),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
        if self.peek() == Some(b'n') {
            self.word(b"null")?;
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, E> {
        visitor.visit_newtype_struct(self)
    }

    /// An enum written as its variant's name. (`serde_json` also reads `{"name": null}`,
    /// which the schema does not allow.)
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, E> {
        match self.peek() {
            Some(b'"') => visitor
                .visit_enum(UnitVariant { de: &mut *self })
                .map_err(|e| self.place(e)),
            Some(b'{') => Err(self.invalid_type(&visitor)),
            None => Err(self.fault_next(Fault::EofInValue)),
            Some(_) => Err(self.fault_next(Fault::ExpectedValue)),
        }
    }

    /// A struct written as an object. (`serde_json` also reads one from an array of its
    /// fields in order, which the schema does not allow.)
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, E> {
        match self.peek() {
            Some(b'{') => self.value(b'{', visitor),
            _ => Err(self.invalid_type(&visitor)),
        }
    }

    only_when! {
        deserialize_bool => |b| b == b't' || b == b'f';
        deserialize_i8 => number;
        deserialize_i16 => number;
        deserialize_i32 => number;
        deserialize_i64 => number;
        deserialize_u8 => number;
        deserialize_u16 => number;
        deserialize_u32 => number;
        deserialize_u64 => number;
        deserialize_f32 => number;
        deserialize_f64 => number;
        deserialize_char => |b| b == b'"';
        deserialize_str => |b| b == b'"';
        deserialize_string => |b| b == b'"';
        deserialize_identifier => |b| b == b'"';
        deserialize_unit => |b| b == b'n';
        deserialize_seq => |b| b == b'[';
        deserialize_map => |b| b == b'{';
        deserialize_i128 => |_| false;
        deserialize_u128 => |_| false;
        deserialize_bytes => |_| false;
        deserialize_byte_buf => |_| false;
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, E> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, E> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, E> {
        self.deserialize_seq(visitor)
    }

    /// Anything, skipped (checked for grammar as it is read).
    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
        self.deserialize_any(visitor)
    }
}

/// Whether a value that starts with `b` may be a number.
fn number(b: u8) -> bool {
    b.is_ascii_digit() || b == b'-'
}

/// The items of an array.
struct Items<'a, 'de, const DOUBLED: bool, E> {
    de: &'a mut Plain<'de, DOUBLED, E>,
    first: bool,
}

impl<'de, const DOUBLED: bool, E: Failure> de::SeqAccess<'de> for Items<'_, 'de, DOUBLED, E> {
    type Error = E;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, E> {
        match self.de.peek() {
            None => return Err(self.de.fault_next(Fault::EofInList)),
            Some(b']') => return Ok(None),
            Some(b',') if !self.first => {
                self.de.at += 1;
                // A comma before the closing bracket is refused, as `serde_json` refuses it.
                match self.de.peek() {
                    Some(b']') => return Err(self.de.fault_next(Fault::TrailingComma)),
                    None => return Err(self.de.fault_next(Fault::EofInValue)),
                    Some(_) => {}
                }
            }
            Some(_) if self.first => {}
            Some(_) => return Err(self.de.fault_next(Fault::ExpectedListCommaOrEnd)),
        }
        self.first = false;
        seed.deserialize(&mut *self.de).map(Some)
    }
}

/// The entries of an object.
struct Entries<'a, 'de, const DOUBLED: bool, E> {
    de: &'a mut Plain<'de, DOUBLED, E>,
    first: bool,
}

impl<'de, const DOUBLED: bool, E: Failure> de::MapAccess<'de> for Entries<'_, 'de, DOUBLED, E> {
    type Error = E;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, E> {
        match self.de.peek() {
            None => return Err(self.de.fault_next(Fault::EofInObject)),
            Some(b'}') => return Ok(None),
            Some(b',') if !self.first => {
                self.de.at += 1;
                match self.de.peek() {
                    Some(b'"') => {}
                    Some(b'}') => return Err(self.de.fault_next(Fault::TrailingComma)),
                    Some(_) => return Err(self.de.fault_next(Fault::KeyMustBeAString)),
                    None => return Err(self.de.fault_next(Fault::EofInValue)),
                }
            }
            Some(b'"') if self.first => {}
            Some(_) if self.first => return Err(self.de.fault_next(Fault::KeyMustBeAString)),
            Some(_) => return Err(self.de.fault_next(Fault::ExpectedObjectCommaOrEnd)),
        }
        self.first = false;
        match seed.deserialize(Key { de: &mut *self.de }) {
            Ok(key) => Ok(Some(key)),
            Err(e) => {
                self.de.peek();
                Err(self.de.place(e))
            }
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, E> {
        match self.de.peek() {
            Some(b':') => self.de.at += 1,
            Some(_) => return Err(self.de.fault_next(Fault::ExpectedColon)),
            None => return Err(self.de.fault_next(Fault::EofInObject)),
        }
        seed.deserialize(&mut *self.de)
    }
}

/// Requests that `serde_json` answers by reading a value out of a key's text.
macro_rules! key_refuses {
    ($($method:ident)*) => {
        $(
            fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
                Err(E::invalid_type(Unexpected::Other("a key"), &visitor))
            }
        )*
    };
}

/// An object's key: a string. What `serde_json` gives as a string, this gives as a string;
/// what it reads out of the string instead (numbers and booleans for maps keyed by them,
/// bytes, enums), this refuses: the model has no such maps.
struct Key<'a, 'de, const DOUBLED: bool, E> {
    de: &'a mut Plain<'de, DOUBLED, E>,
}

impl<'de, const DOUBLED: bool, E: Failure> de::Deserializer<'de> for Key<'_, 'de, DOUBLED, E> {
    type Error = E;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
        self.de.visit_string_unplaced(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
        visitor.visit_some(self)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, E> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, E> {
        Err(E::invalid_type(Unexpected::Other("a key"), &visitor))
    }

    key_refuses! {
        deserialize_bool deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64
        deserialize_i128 deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64
        deserialize_u128 deserialize_f32 deserialize_f64 deserialize_bytes deserialize_byte_buf
    }

    serde::forward_to_deserialize_any! {
        char str string unit unit_struct seq tuple tuple_struct map struct identifier
        ignored_any
    }
}

/// An enum written as the string of a variant without content.
struct UnitVariant<'a, 'de, const DOUBLED: bool, E> {
    de: &'a mut Plain<'de, DOUBLED, E>,
}

impl<'de, const DOUBLED: bool, E: Failure> de::EnumAccess<'de>
    for UnitVariant<'_, 'de, DOUBLED, E>
{
    type Error = E;
    type Variant = Self;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Self), E> {
        let variant = seed.deserialize(&mut *self.de)?;
        Ok((variant, self))
    }
}

impl<'de, const DOUBLED: bool, E: Failure> de::VariantAccess<'de>
    for UnitVariant<'_, 'de, DOUBLED, E>
{
    type Error = E;

    fn unit_variant(self) -> Result<(), E> {
        Ok(())
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, _seed: T) -> Result<T::Value, E> {
        Err(E::invalid_type(Unexpected::UnitVariant, &"newtype variant"))
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, _visitor: V) -> Result<V::Value, E> {
        Err(E::invalid_type(Unexpected::UnitVariant, &"tuple variant"))
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value, E> {
        Err(E::invalid_type(Unexpected::UnitVariant, &"struct variant"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Membership, Network};

    /// The bytes put in place of one byte, or inserted, by the mutations: JSON's punctuation,
    /// the starts of literals and numbers, blanks, an escape and a control character.
    const BYTES: &[u8] = b"\"\\,:{}[] \n0-.e1ntfx\x01";

    /// Mutations of `text`, at every `step`-th offset: the text cut there, and each byte of
    /// `BYTES` put in place of, or before, the byte there. Only UTF-8 texts are kept.
    fn mutations(text: &str, step: usize) -> Vec<String> {
        let bytes = text.as_bytes();
        let mut out = Vec::new();
        for i in (0..bytes.len()).step_by(step) {
            out.push(bytes[..i].to_vec());
            for &b in BYTES {
                let mut changed = bytes.to_vec();
                changed[i] = b;
                out.push(changed);
                let mut inserted = bytes.to_vec();
                inserted.insert(i, b);
                out.push(inserted);
            }
            let mut removed = bytes.to_vec();
            removed.remove(i);
            out.push(removed);
        }
        out.into_iter()
            .filter_map(|b| String::from_utf8(b).ok())
            .collect()
    }

    /// The two readers give the same verdict and the same value on `text`.
    fn agree<T>(text: &str) -> bool
    where
        T: for<'de> de::Deserialize<'de> + PartialEq + std::fmt::Debug,
    {
        let plain = read_fast::<T>(text);
        let reference = serde_json::from_str::<T>(text);
        assert_eq!(
            plain.as_ref().ok(),
            reference.as_ref().ok(),
            "{text}\nplain: {plain:?}\nserde_json: {reference:?}"
        );
        plain.is_ok()
    }

    /// The readers of whole documents: the same value, or the same message at the same
    /// place, as `serde_json` (on ASCII text, where its byte columns are characters). Gives
    /// whether the text was read.
    fn same_error<T>(text: &str) -> bool
    where
        T: for<'de> de::Deserialize<'de> + PartialEq + std::fmt::Debug,
    {
        let ours = read::<T>(text);
        let reference = serde_json::from_str::<T>(text);
        match (&ours, &reference) {
            (Ok(a), Ok(b)) => assert_eq!(a, b, "{text}"),
            (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string(), "{text}"),
            _ => panic!("{text}\nours: {ours:?}\nserde_json: {reference:?}"),
        }
        // The fast path's verdict is the same.
        assert_eq!(read_fast::<T>(text).is_ok(), ours.is_ok(), "{text}");
        ours.is_ok()
    }

    #[test]
    fn fails_where_and_as_serde_json_fails() {
        let ghent = crate::ghent();
        let (mut good, mut failed) = (0, 0);
        for n in ghent.iter().step_by(7) {
            let text = serde_json::to_string_pretty(n).unwrap();
            for m in mutations(&text, 11).iter().filter(|m| m.is_ascii()) {
                if same_error::<serde_json::Value>(m) {
                    good += 1;
                } else {
                    failed += 1;
                }
            }
        }
        assert!(good > 100 && failed > 2_000, "{good} read, {failed} failed");
        for text in [
            "",
            " ",
            "-",
            "-x",
            "01",
            "1.",
            "1.x",
            "1e",
            "1e+",
            "1ex",
            "1e400",
            "-1e400",
            "1e-400",
            "18446744073709551616",
            "-9223372036854775808",
            "-9223372036854775809",
            "-0",
            "-0.0",
            "0.1",
            "2.5e3",
            "nul",
            "nulx",
            "tru",
            "fals",
            "x",
            "\"\\u12\"",
            "\"\\uD83D\"",
            "\"\\uD83Dx\"",
            "\"\\uD83D\\x\"",
            "\"\\uD83D\\u0041\"",
            "\"\\uDE00\"",
            "\"\\q\"",
            "\"a\u{1}\"",
            "\"abc",
            "[1,]",
            "[1 2]",
            "{\"a\":1,}",
            "{1:2}",
            "{\"a\" 1}",
            "{\"a\":1 \"b\":2}",
            "[",
            "{",
            "{\"a\"",
            "{\"a\":",
            "[1] x",
        ] {
            same_error::<serde_json::Value>(text);
        }
        // Values of another type than asked for are named as JSON names them.
        for text in [
            "null",
            "1e20",
            "1e-7",
            "1.5",
            "100.0",
            "-0.0",
            "0.1",
            "1e16",
            "9999999999999998.0",
            "1e15",
            "0.00001",
            "0.000001",
            "123456.789e3",
            "-2.5e-300",
            "18446744073709551616",
        ] {
            same_error::<String>(text);
            same_error::<u32>(text);
        }
        // Typed: the types' own messages (unknown variants, missing fields, wrong types) are
        // placed where `serde_json` places them.
        for text in [
            r#"{"id": "x"}"#,
            r#"{"id": "bad id", "name": "N"}"#,
            r#"{"id": "x", "name": "N", "orientation": "sideways"}"#,
            r#"{"id": "x", "name": 5}"#,
            r#"{"id": "x", "name": "N", "founded": -1}"#,
            r#"{"id": "x", "name": "N", "founded": 1.5}"#,
            r#"{"id": "x", "name": "N", "policy_areas": "climate"}"#,
            r#"{"id": "x", "name": "N", "policy_areas": ["climate", "nope"]}"#,
            r#"["x", "N"]"#,
            r#"{"id": "x", "name": "N", "nope": 1}"#,
            r#"{"id": "x", "name": "N", "nope"  :  1}"#,
            "{\"nope\"\n :1}",
        ] {
            if text.starts_with('[') {
                // A struct from an array: `serde_json` reads it, the schema and this refuse.
                let e = read::<Network>(text).unwrap_err();
                assert_eq!(
                    e.to_string(),
                    "invalid type: sequence, expected struct Network at line 1 column 0"
                );
                continue;
            }
            same_error::<Network>(text);
        }
    }

    #[test]
    fn reads_what_serde_json_reads_from_records_and_their_mutations() {
        let ghent = crate::ghent();
        let mut read = 0;
        let mut refused = 0;
        for (i, n) in ghent.iter().enumerate() {
            let compact = serde_json::to_string(n).unwrap();
            let pretty = serde_json::to_string_pretty(n).unwrap();
            assert!(agree::<Network>(&compact), "{compact}");
            assert!(agree::<Network>(&pretty), "{pretty}");
            // Every record's mutations would take long: some records, some of their bytes.
            if i % 12 == 0 {
                for text in mutations(&compact, 13) {
                    if agree::<Network>(&text) {
                        read += 1;
                    } else {
                        refused += 1;
                    }
                }
            }
            for m in n.memberships.iter().filter(|_| i % 6 == 1) {
                let text = serde_json::to_string(m).unwrap();
                assert!(agree::<Membership>(&text), "{text}");
                for text in mutations(&text, 3) {
                    if agree::<Membership>(&text) {
                        read += 1;
                    } else {
                        refused += 1;
                    }
                }
            }
        }
        // Both outcomes are well represented: blanks and swapped keys keep records readable.
        assert!(
            read > 300 && refused > 3_000,
            "{read} read, {refused} refused"
        );
    }

    /// `text` inside a quoted CSV cell: each quote written twice.
    #[cfg(feature = "csv")]
    fn doubled(text: &str) -> String {
        text.replace('"', "\"\"")
    }

    /// The text a quoted cell's inside stands for: each `""` one quote, paired from the left
    /// as the CSV splitter pairs them; `None` when a quote is left alone.
    #[cfg(feature = "csv")]
    fn undoubled(cell: &str) -> Option<String> {
        let mut out = String::new();
        let mut chars = cell.chars();
        while let Some(c) = chars.next() {
            if c == '"' && chars.next() != Some('"') {
                return None;
            }
            out.push(c);
        }
        Some(out)
    }

    /// Reads a `T` from the inside of a quoted cell, its quotes doubled.
    #[cfg(feature = "csv")]
    fn from_cell<'de, T: de::Deserialize<'de>>(cell: &'de str) -> Result<T, Refused> {
        read_cell_fast(std::marker::PhantomData, cell, true)
    }

    /// A quoted cell is read as the JSON it stands for, without being unescaped first: the
    /// same value, or the same refusal, as the unescaped text gives; and a refusal when a
    /// quote of the cell is left alone.
    #[cfg(feature = "csv")]
    #[test]
    fn reads_doubled_quotes_as_the_json_they_stand_for() {
        let ghent = crate::ghent();
        let (mut read, mut refused, mut alone) = (0, 0, 0);
        for (i, n) in ghent.iter().enumerate() {
            let cell = doubled(&serde_json::to_string(n).unwrap());
            assert_eq!(from_cell::<Network>(&cell).as_ref(), Ok(n), "{cell}");
            // Read as plain JSON, the doubled text is refused.
            assert_eq!(read_fast::<Network>(&cell), Err(Refused));
            if i % 19 != 0 {
                continue;
            }
            for m in mutations(&cell, 17) {
                let ours = from_cell::<Network>(&m).ok();
                match undoubled(&m) {
                    Some(text) => {
                        assert_eq!(ours, read_fast::<Network>(&text).ok(), "{m}");
                        if ours.is_some() {
                            read += 1;
                        } else {
                            refused += 1;
                        }
                    }
                    None => {
                        assert_eq!(ours, None, "{m}");
                        alone += 1;
                    }
                }
            }
        }
        assert!(
            read > 50 && refused > 500 && alone > 500,
            "{read} read, {refused} refused, {alone} with a quote alone"
        );
        // Escaped quotes (`\""` in the cell), escapes of other kinds, and strings borrowed
        // or decoded alike.
        let strings: Vec<String> = vec![
            "a\"b".into(),
            "\"".into(),
            "\\\"".into(),
            "é \u{1F600} \\ \n \"q\"".into(),
            String::new(),
        ];
        let text = serde_json::to_string(&strings).unwrap();
        let cell = doubled(&text);
        assert_eq!(from_cell::<Vec<String>>(&cell), Ok(strings), "{cell}");
        let unicode = doubled(r#"["\u0022", "\"\u0041"]"#);
        assert_eq!(
            from_cell::<Vec<String>>(&unicode),
            Ok(vec!["\"".to_owned(), "\"A".to_owned()])
        );
        // A quote written once where it opens, closes or escapes is refused.
        for cell in [r#"[""a"]"#, r#"["a""]"#, r#"[""a\"b""]"#, r#"{"a"":1}"#] {
            assert_eq!(from_cell::<serde_json::Value>(cell).ok(), None, "{cell}");
        }
    }

    #[test]
    fn decodes_escapes_as_serde_json_does() {
        let cases = [
            r#""plain""#,
            r#""""#,
            r#""a\"b\\c\/d\be\ff\ng\rh\ti""#,
            r#""\u0041\u00e9\u20AC\uD83D\uDE00 end""#,
            r#""caf\u00E9 ""#,
            r#""\uD83D""#,
            r#""\uD83D\u0041""#,
            r#""\uDE00""#,
            r#""\uD83Dx""#,
            r#""\u12""#,
            r#""\u12G4""#,
            r#""\x""#,
            r#""\"#,
            "\"tab\tinside\"",
            "\"line\nbreak\"",
            r#""unterminated"#,
            r#""long string of more than eight bytes with an escape \n at the end""#,
            r#""Gentse Feesten 2024 – Geïntegreerde Samenwerking""#,
        ];
        for text in cases {
            agree::<String>(text);
            agree::<Vec<String>>(&format!("[{text}, {text}]"));
        }
        assert_eq!(
            read_fast::<String>(r#""\uD83D\uDE00!""#).unwrap(),
            "\u{1F600}!"
        );
    }

    #[test]
    fn reads_unsigned_integers_as_serde_json_does() {
        for text in [
            "0",
            "00",
            "01",
            "10",
            "4294967295",
            "4294967296",
            "18446744073709551615",
            "18446744073709551616",
            "-0",
            "-1",
            "1.0",
            "1e2",
            "1E2",
            "1.",
            " 7 ",
            "7 x",
            "",
            "+1",
        ] {
            agree::<u64>(text);
            agree::<u32>(text);
            agree::<Option<u16>>(text);
        }
        assert_eq!(read_fast::<u32>(" 12\n"), Ok(12));
    }

    #[test]
    fn keeps_serde_json_s_grammar_and_nesting_limit() {
        for text in [
            "[]",
            "[1,2]",
            "[1,]",
            "[,1]",
            "[1 2]",
            "[1,,2]",
            "[",
            "]",
            "[1]]",
            "[[1],[2,[3]]]",
            "[null,true,false]",
            "[nul]",
            "[truex]",
            "[1] [2]",
        ] {
            agree::<serde::de::IgnoredAny>(text);
            agree::<Vec<Option<u8>>>(text);
        }
        for text in [
            r#"{"a":1}"#,
            r#"{"a":1,}"#,
            r#"{,"a":1}"#,
            r#"{"a" 1}"#,
            r#"{"a":}"#,
            r#"{"a":1 "b":2}"#,
            r#"{a:1}"#,
            r#"{"a":1,"a":2}"#,
            r#" { "a" : 1 , "b" : [ ] } "#,
        ] {
            agree::<serde::de::IgnoredAny>(text);
            agree::<std::collections::BTreeMap<String, serde::de::IgnoredAny>>(text);
        }
        // Both readers stop at the same depth (`serde_json` skips an ignored value without
        // a limit, so the limit is compared on values that are read).
        let deep = |d: usize| format!("{}{}", "[".repeat(d), "]".repeat(d));
        for depth in [100, 126, 127, 128, 129, 200] {
            let plain = read_fast::<serde_json::Value>(&deep(depth));
            let reference = serde_json::from_str::<serde_json::Value>(&deep(depth));
            assert_eq!(plain.is_ok(), reference.is_ok(), "{depth}");
        }
        assert!(read_fast::<serde_json::Value>(&deep(127)).is_ok());
        assert!(read_fast::<serde_json::Value>(&deep(128)).is_err());
    }

    /// A visitor that takes a string or a number, asked for one kind, is given only that kind,
    /// as `serde_json` gives it (found by an independent review: the typed requests once
    /// took whatever came next).
    #[test]
    fn typed_requests_give_only_the_kind_asked_for() {
        #[derive(Debug, PartialEq)]
        struct Loose(String);
        struct Either;
        impl de::Visitor<'_> for Either {
            type Value = Loose;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a string or a number")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Loose, E> {
                Ok(Loose(v.to_owned()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Loose, E> {
                Ok(Loose(v.to_string()))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Loose, E> {
                Ok(Loose(String::new()))
            }
        }
        macro_rules! asking {
            ($name:ident, $method:ident) => {
                #[derive(Debug, PartialEq)]
                struct $name(Loose);
                impl<'de> de::Deserialize<'de> for $name {
                    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                        d.$method(Either).map($name)
                    }
                }
            };
        }
        asking!(AsStr, deserialize_str);
        asking!(AsU32, deserialize_u32);
        asking!(AsUnit, deserialize_unit);
        asking!(AsBool, deserialize_bool);
        for text in ["5", "\"5\"", "null", "true", "[]", "{}"] {
            agree::<AsStr>(text);
            agree::<AsU32>(text);
            agree::<AsUnit>(text);
            agree::<AsBool>(text);
            agree::<std::collections::BTreeMap<String, u8>>(text);
            agree::<Vec<u8>>(text);
            agree::<serde_json::Map<String, serde_json::Value>>(text);
        }
        assert_eq!(read_fast::<AsStr>("5"), Err(Refused));
        assert_eq!(read_fast::<AsU32>("5"), Ok(AsU32(Loose("5".into()))));
        // Keys are strings: a map keyed by numbers is refused, not read differently.
        assert!(read_fast::<std::collections::BTreeMap<u8, u8>>(r#"{"1": 2}"#).is_err());
        assert!(serde_json::from_str::<std::collections::BTreeMap<u8, u8>>(r#"{"1": 2}"#).is_ok());
    }

    /// The two shapes that serde's derives read and the schema refuses are refused here.
    #[test]
    fn refuses_a_struct_as_an_array_and_an_enum_as_an_object() {
        let member = r#"{"kind":"city","city":"Ghent","country":"BE"}"#;
        assert!(agree::<crate::Member>(member));
        let as_array = r#"["city",null,"Ghent","BE"]"#;
        assert!(serde_json::from_str::<crate::Member>(as_array).is_ok());
        assert_eq!(read_fast::<crate::Member>(as_array), Err(Refused));
        // The vocabularies refuse the object form whatever the reader.
        for text in [
            r#"{"city":null}"#,
            r#"{"city":[]}"#,
            r#""city""#,
            r#""town""#,
        ] {
            agree::<crate::MemberKind>(text);
        }
        assert!(read_fast::<crate::MemberKind>(r#"{"city":null}"#).is_err());
    }
}
