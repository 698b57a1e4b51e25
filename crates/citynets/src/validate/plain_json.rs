//! A serde `Deserializer` for the fast path: JSON text, already known to be UTF-8, read into
//! the model's types with less work per token than `serde_json` spends.
//!
//! It gives the types what `serde_json` gives them: the same visitor calls, in the same order,
//! with strings borrowed from the text when they have no escape (and decoded otherwise), the
//! same grammar, and the same nesting limit. A value comes out of it only if `serde_json`
//! would give the same value from the same text (the tests compare the two on the catalogue's
//! records and tens of thousands of mutations of them).
//!
//! It is stricter in two places, where serde's derives accept what the schema refuses: a
//! struct must be an object (`serde_json` also reads one from an array of its fields in
//! order), and an enum a string (it also reads `{"name": null}`). It refuses what it does not
//! read: numbers other than non-negative integers (the model's numbers are all unsigned
//! integers, so for its types `serde_json` refuses those too), and the bytes form of strings.
//! A refusal only sends the record to the full validator, which gives every problem and its
//! place; this error says nothing more.

use serde::de::{self, DeserializeSeed, Visitor};

use super::lexer::{escaped_char, plain_end, utf16_pair};

/// Why a text was not read: nothing more is kept, because the full validator reads the
/// record again to report its problems.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Refused;

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("not read by the fast path")
    }
}

impl std::error::Error for Refused {}

impl de::Error for Refused {
    fn custom<T: std::fmt::Display>(_: T) -> Self {
        Refused
    }
}

/// Reads one value of type `T` from the whole of `text` (blanks around it allowed).
pub(crate) fn from_str<'de, T: de::Deserialize<'de>>(text: &'de str) -> Result<T, Refused> {
    let mut de = Plain::<false>::new(text);
    let value = T::deserialize(&mut de)?;
    de.end()?;
    Ok(value)
}

/// Reads one value with `seed` from the whole of `text`, the text of a CSV cell (blanks
/// around it allowed). When `doubled`, `text` is the inside of a quoted cell, where each
/// quote of the JSON is written twice: it is read as it is, without being unescaped first.
#[cfg(feature = "csv")]
pub(crate) fn seed_from_cell<'de, S: DeserializeSeed<'de>>(
    seed: S,
    text: &'de str,
    doubled: bool,
) -> Result<S::Value, Refused> {
    if doubled {
        seed_whole::<true, S>(seed, text)
    } else {
        seed_whole::<false, S>(seed, text)
    }
}

/// Reads one value with `seed` from the whole of `text` (blanks around it allowed).
#[cfg(feature = "csv")]
fn seed_whole<'de, const DOUBLED: bool, S: DeserializeSeed<'de>>(
    seed: S,
    text: &'de str,
) -> Result<S::Value, Refused> {
    let mut de = Plain::<DOUBLED>::new(text);
    let value = seed.deserialize(&mut de)?;
    de.end()?;
    Ok(value)
}

/// `serde_json`'s limit on nested arrays and objects.
const DEPTH: u8 = 128;

/// The reader: the text and where it is in it. With `DOUBLED`, each quote is written twice
/// (`""`), as inside a quoted CSV cell: a string's text between its quotes then has no quote
/// but escaped ones (`\""`). It is a parameter of the type rather than a field, so that JSON
/// read as it is pays no test for it.
pub(crate) struct Plain<'de, const DOUBLED: bool = false> {
    text: &'de str,
    at: usize,
    /// Nesting levels left, counted down as `serde_json` counts them.
    depth: u8,
    /// Decoded strings that had an escape.
    scratch: String,
}

/// A string read: a slice of the text, or decoded into the scratch buffer.
enum Str<'de> {
    Borrowed(&'de str),
    Decoded,
}

impl<'de, const DOUBLED: bool> Plain<'de, DOUBLED> {
    fn new(text: &'de str) -> Plain<'de, DOUBLED> {
        Plain {
            text,
            at: 0,
            depth: DEPTH,
            scratch: String::new(),
        }
    }

    /// Where the text goes on after the quote at `i`: past its second quote when quotes are
    /// written twice, which must be there.
    #[inline(always)]
    fn past_quote(&self, i: usize) -> Result<usize, Refused> {
        if !DOUBLED {
            Ok(i + 1)
        } else if self.bytes().get(i + 1) == Some(&b'"') {
            Ok(i + 2)
        } else {
            Err(Refused)
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
    fn end(&mut self) -> Result<(), Refused> {
        match self.peek() {
            None => Ok(()),
            Some(_) => Err(Refused),
        }
    }

    /// Consumes `word` (the rest of `null`, `true` or `false`, its first byte already seen).
    fn word(&mut self, word: &[u8]) -> Result<(), Refused> {
        let end = self.at + word.len();
        if self.bytes().get(self.at..end) == Some(word) {
            self.at = end;
            Ok(())
        } else {
            Err(Refused)
        }
    }

    /// Reads a string whose opening quote is at `self.at`.
    #[inline(always)]
    fn string(&mut self) -> Result<Str<'de>, Refused> {
        let bytes = self.bytes();
        let start = self.past_quote(self.at)?;
        let stop = plain_end(bytes, start);
        match bytes.get(stop) {
            Some(b'"') => {
                self.at = self.past_quote(stop)?;
                // Quotes are ASCII, so both ends are character boundaries.
                self.text.get(start..stop).map(Str::Borrowed).ok_or(Refused)
            }
            Some(_) => self.escaped(start, stop),
            None => Err(Refused),
        }
    }

    /// Reads the rest of a string that stopped at `i` on something other than its closing
    /// quote: decodes it into the scratch buffer.
    fn escaped(&mut self, start: usize, mut i: usize) -> Result<Str<'de>, Refused> {
        let text = self.text;
        self.scratch.clear();
        let mut from = start;
        loop {
            self.scratch.push_str(text.get(from..i).ok_or(Refused)?);
            match *text.as_bytes().get(i).ok_or(Refused)? {
                b'"' => {
                    self.at = self.past_quote(i)?;
                    return Ok(Str::Decoded);
                }
                b'\\' => from = self.escape(i + 1)?,
                // A control character inside a string.
                _ => return Err(Refused),
            }
            i = plain_end(text.as_bytes(), from);
        }
    }

    /// Decodes the escape whose letter is at `i` into the scratch buffer; returns where the
    /// text goes on.
    fn escape(&mut self, i: usize) -> Result<usize, Refused> {
        let c = match *self.bytes().get(i).ok_or(Refused)? {
            b'u' => return self.unicode(i + 1),
            b'"' => {
                self.scratch.push('"');
                return self.past_quote(i);
            }
            letter => escaped_char(letter).ok_or(Refused)?,
        };
        self.scratch.push(c);
        Ok(i + 1)
    }

    /// Decodes `XXXX` at `i` (after `\u`), and the low half that must follow a high
    /// surrogate, as `serde_json` does: a lone surrogate is refused.
    fn unicode(&mut self, i: usize) -> Result<usize, Refused> {
        let first = u32::from(self.hex4(i)?);
        let (c, next) = match first {
            0xD800..=0xDBFF => {
                if self.bytes().get(i + 4..i + 6) != Some(b"\\u") {
                    return Err(Refused);
                }
                let low = u32::from(self.hex4(i + 6)?);
                (utf16_pair(first, low), i + 10)
            }
            n => (char::from_u32(n), i + 4),
        };
        self.scratch.push(c.ok_or(Refused)?);
        Ok(next)
    }

    fn hex4(&self, i: usize) -> Result<u16, Refused> {
        let digits = self.bytes().get(i..i + 4).ok_or(Refused)?;
        let mut n = 0u16;
        for &d in digits {
            let v = match d {
                b'0'..=b'9' => d - b'0',
                b'a'..=b'f' => d - b'a' + 10,
                b'A'..=b'F' => d - b'A' + 10,
                _ => return Err(Refused),
            };
            n = (n << 4) | u16::from(v);
        }
        Ok(n)
    }

    /// Reads a non-negative integer at `self.at` (its first digit already seen). A fraction,
    /// an exponent, a leading zero or a value past `u64` is refused.
    fn integer(&mut self) -> Result<u64, Refused> {
        let bytes = self.bytes();
        let mut i = self.at;
        let mut n: u64 = 0;
        while let Some(&b) = bytes.get(i) {
            if !b.is_ascii_digit() {
                break;
            }
            n = n
                .checked_mul(10)
                .and_then(|n| n.checked_add(u64::from(b - b'0')))
                .ok_or(Refused)?;
            i += 1;
        }
        let leading_zero = bytes.get(self.at) == Some(&b'0') && i - self.at > 1;
        if leading_zero || matches!(bytes.get(i), Some(b'.' | b'e' | b'E')) {
            return Err(Refused);
        }
        self.at = i;
        Ok(n)
    }

    /// Reads a string whose opening quote is at `self.at`, for `visitor`.
    fn visit_string<V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value, Refused> {
        match self.string()? {
            Str::Borrowed(s) => visitor.visit_borrowed_str(s),
            Str::Decoded => visitor.visit_str(&self.scratch),
        }
    }

    /// Reads the value whose first byte, `first`, is next (after blanks), for `visitor`.
    fn value<V: Visitor<'de>>(&mut self, first: u8, visitor: V) -> Result<V::Value, Refused> {
        match first {
            b'"' => self.visit_string(visitor),
            b'0'..=b'9' => visitor.visit_u64(self.integer()?),
            b'[' => {
                self.nest()?;
                let value = visitor.visit_seq(Items {
                    de: &mut *self,
                    first: true,
                })?;
                self.close(b']')?;
                Ok(value)
            }
            b'{' => {
                self.nest()?;
                let value = visitor.visit_map(Entries {
                    de: &mut *self,
                    first: true,
                })?;
                self.close(b'}')?;
                Ok(value)
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
            _ => Err(Refused),
        }
    }

    /// Enters an array or object.
    fn nest(&mut self) -> Result<(), Refused> {
        self.depth = self
            .depth
            .checked_sub(1)
            .filter(|&d| d > 0)
            .ok_or(Refused)?;
        self.at += 1;
        Ok(())
    }

    /// Leaves an array or object: its closing byte must come next.
    fn close(&mut self, closing: u8) -> Result<(), Refused> {
        self.depth = self.depth.saturating_add(1);
        if self.peek() == Some(closing) {
            self.at += 1;
            Ok(())
        } else {
            Err(Refused)
        }
    }
}

/// Typed requests, read only when the next token is of the kind asked for, as `serde_json`
/// reads them: a visitor is never offered a value of another kind (one that accepts both a
/// string and a number, asked for a string, must not be given a number).
macro_rules! only_when {
    ($($method:ident => $test:expr;)*) => {
        $(
            fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Refused> {
                let kind: fn(u8) -> bool = $test;
                match self.peek() {
                    Some(b) if kind(b) => self.value(b, visitor),
                    _ => Err(Refused),
                }
            }
        )*
    };
}

impl<'de, const DOUBLED: bool> de::Deserializer<'de> for &mut Plain<'de, DOUBLED> {
    type Error = Refused;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Refused> {
        let first = self.peek().ok_or(Refused)?;
        self.value(first, visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Refused> {
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
    ) -> Result<V::Value, Refused> {
        visitor.visit_newtype_struct(self)
    }

    /// An enum written as its variant's name. (`serde_json` also reads `{"name": null}`,
    /// which the schema does not allow.)
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Refused> {
        if self.peek() == Some(b'"') {
            visitor.visit_enum(UnitVariant { de: self })
        } else {
            Err(Refused)
        }
    }

    /// A struct written as an object. (`serde_json` also reads one from an array of its
    /// fields in order, which the schema does not allow.)
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Refused> {
        match self.peek() {
            Some(b'{') => self.value(b'{', visitor),
            _ => Err(Refused),
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
    ) -> Result<V::Value, Refused> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Refused> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Refused> {
        self.deserialize_seq(visitor)
    }

    /// Anything, skipped (checked for grammar as it is read).
    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Refused> {
        self.deserialize_any(visitor)
    }
}

/// Whether a value that starts with `b` may be a number.
fn number(b: u8) -> bool {
    b.is_ascii_digit() || b == b'-'
}

/// The items of an array.
struct Items<'a, 'de, const DOUBLED: bool> {
    de: &'a mut Plain<'de, DOUBLED>,
    first: bool,
}

impl<'de, const DOUBLED: bool> de::SeqAccess<'de> for Items<'_, 'de, DOUBLED> {
    type Error = Refused;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Refused> {
        match self.de.peek().ok_or(Refused)? {
            b']' => return Ok(None),
            b',' if !self.first => {
                self.de.at += 1;
                // A comma before the closing bracket is refused, as `serde_json` refuses it.
                if matches!(self.de.peek(), Some(b']') | None) {
                    return Err(Refused);
                }
            }
            _ if self.first => {}
            _ => return Err(Refused),
        }
        self.first = false;
        seed.deserialize(&mut *self.de).map(Some)
    }
}

/// The entries of an object.
struct Entries<'a, 'de, const DOUBLED: bool> {
    de: &'a mut Plain<'de, DOUBLED>,
    first: bool,
}

impl<'de, const DOUBLED: bool> de::MapAccess<'de> for Entries<'_, 'de, DOUBLED> {
    type Error = Refused;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Refused> {
        match self.de.peek().ok_or(Refused)? {
            b'}' => return Ok(None),
            b',' if !self.first => {
                self.de.at += 1;
                self.de.peek();
            }
            _ if self.first => {}
            _ => return Err(Refused),
        }
        self.first = false;
        // A key is a string (a closing brace after a comma is refused here too).
        if self.de.bytes().get(self.de.at) != Some(&b'"') {
            return Err(Refused);
        }
        seed.deserialize(Key { de: &mut *self.de }).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Refused> {
        if self.de.peek() != Some(b':') {
            return Err(Refused);
        }
        self.de.at += 1;
        seed.deserialize(&mut *self.de)
    }
}

/// Requests that `serde_json` answers by reading a value out of a key's text.
macro_rules! key_refuses {
    ($($method:ident)*) => {
        $(
            fn $method<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value, Refused> {
                Err(Refused)
            }
        )*
    };
}

/// An object's key: a string. What `serde_json` gives as a string, this gives as a string;
/// what it reads out of the string instead (numbers and booleans for maps keyed by them,
/// bytes, enums), this refuses: the model has no such maps.
struct Key<'a, 'de, const DOUBLED: bool> {
    de: &'a mut Plain<'de, DOUBLED>,
}

impl<'de, const DOUBLED: bool> de::Deserializer<'de> for Key<'_, 'de, DOUBLED> {
    type Error = Refused;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Refused> {
        self.de.visit_string(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Refused> {
        visitor.visit_some(self)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Refused> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value, Refused> {
        Err(Refused)
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
struct UnitVariant<'a, 'de, const DOUBLED: bool> {
    de: &'a mut Plain<'de, DOUBLED>,
}

impl<'de, const DOUBLED: bool> de::EnumAccess<'de> for UnitVariant<'_, 'de, DOUBLED> {
    type Error = Refused;
    type Variant = Self;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Self), Refused> {
        let variant = seed.deserialize(&mut *self.de)?;
        Ok((variant, self))
    }
}

impl<'de, const DOUBLED: bool> de::VariantAccess<'de> for UnitVariant<'_, 'de, DOUBLED> {
    type Error = Refused;

    fn unit_variant(self) -> Result<(), Refused> {
        Ok(())
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, _seed: T) -> Result<T::Value, Refused> {
        Err(Refused)
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, _visitor: V) -> Result<V::Value, Refused> {
        Err(Refused)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value, Refused> {
        Err(Refused)
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
        let plain = from_str::<T>(text);
        let reference = serde_json::from_str::<T>(text);
        assert_eq!(
            plain.as_ref().ok(),
            reference.as_ref().ok(),
            "{text}\nplain: {plain:?}\nserde_json: {reference:?}"
        );
        plain.is_ok()
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
        seed_from_cell(std::marker::PhantomData, cell, true)
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
            assert_eq!(from_str::<Network>(&cell), Err(Refused));
            if i % 19 != 0 {
                continue;
            }
            for m in mutations(&cell, 17) {
                let ours = from_cell::<Network>(&m).ok();
                match undoubled(&m) {
                    Some(text) => {
                        assert_eq!(ours, from_str::<Network>(&text).ok(), "{m}");
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
            from_str::<String>(r#""\uD83D\uDE00!""#).unwrap(),
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
        assert_eq!(from_str::<u32>(" 12\n"), Ok(12));
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
            let plain = from_str::<serde_json::Value>(&deep(depth));
            let reference = serde_json::from_str::<serde_json::Value>(&deep(depth));
            assert_eq!(plain.is_ok(), reference.is_ok(), "{depth}");
        }
        assert!(from_str::<serde_json::Value>(&deep(127)).is_ok());
        assert!(from_str::<serde_json::Value>(&deep(128)).is_err());
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
        assert_eq!(from_str::<AsStr>("5"), Err(Refused));
        assert_eq!(from_str::<AsU32>("5"), Ok(AsU32(Loose("5".into()))));
        // Keys are strings: a map keyed by numbers is refused, not read differently.
        assert!(from_str::<std::collections::BTreeMap<u8, u8>>(r#"{"1": 2}"#).is_err());
        assert!(serde_json::from_str::<std::collections::BTreeMap<u8, u8>>(r#"{"1": 2}"#).is_ok());
    }

    /// The two shapes that serde's derives read and the schema refuses are refused here.
    #[test]
    fn refuses_a_struct_as_an_array_and_an_enum_as_an_object() {
        let member = r#"{"kind":"city","city":"Ghent","country":"BE"}"#;
        assert!(agree::<crate::Member>(member));
        let as_array = r#"["city",null,"Ghent","BE"]"#;
        assert!(serde_json::from_str::<crate::Member>(as_array).is_ok());
        assert_eq!(from_str::<crate::Member>(as_array), Err(Refused));
        // The vocabularies refuse the object form whatever the reader.
        for text in [
            r#"{"city":null}"#,
            r#"{"city":[]}"#,
            r#""city""#,
            r#""town""#,
        ] {
            agree::<crate::MemberKind>(text);
        }
        assert!(from_str::<crate::MemberKind>(r#"{"city":null}"#).is_err());
    }
}
