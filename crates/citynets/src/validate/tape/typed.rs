//! The typed reader: a tape read into the model's types with serde, the one `Deserializer`
//! over values already parsed. It holds the strictness rule of typed reading, the one the
//! schema holds too: a struct is read from an object only (serde's derive would also take an
//! array of its fields in order), an enum from a string only, and nothing nested too deep.
//! Anything refused is only a signal: the caller then walks the tape, which names the
//! problem.

use serde::de::value::{BorrowedStrDeserializer, Error};
use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};

use super::{Event, Tape};

/// Reads the records of a tape, one after the other.
pub(crate) struct Reader<'t> {
    events: &'t [Event],
    text: &'t str,
    at: usize,
}

impl<'t> Reader<'t> {
    pub(crate) fn new(tape: &'t Tape) -> Self {
        Reader {
            events: &tape.events,
            text: &tape.text,
            at: 0,
        }
    }

    /// A reader of the value that starts at event `at`.
    pub(crate) fn at(tape: &'t Tape, at: usize) -> Self {
        Reader {
            events: &tape.events,
            text: &tape.text,
            at,
        }
    }

    /// The index of the next event to read.
    pub(crate) fn position(&self) -> usize {
        self.at
    }

    fn next(&mut self) -> Result<Event, Error> {
        let e = *self.events.get(self.at).ok_or_else(refused)?;
        self.at += 1;
        Ok(e)
    }

    fn str(&self, start: usize, len: usize) -> Result<&'t str, Error> {
        self.text.get(start..start + len).ok_or_else(refused)
    }
}

fn refused() -> Error {
    de::Error::custom("not read by the typed path")
}

impl<'de> de::Deserializer<'de> for &mut Reader<'de> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        // A visitor that stops before the end would leave the reader inside the container: the
        // record would end at the wrong event. It is refused.
        match self.next()? {
            Event::Object(n) => {
                let mut entries = Entries {
                    reader: self,
                    left: n,
                };
                let value = visitor.visit_map(&mut entries)?;
                if entries.left > 0 {
                    return Err(refused());
                }
                Ok(value)
            }
            Event::Array(n) => {
                let mut items = Entries {
                    reader: self,
                    left: n,
                };
                let value = visitor.visit_seq(&mut items)?;
                if items.left > 0 {
                    return Err(refused());
                }
                Ok(value)
            }
            Event::Str(start, len) => visitor.visit_borrowed_str(self.str(start, len)?),
            Event::Signed(v) => visitor.visit_i64(v),
            Event::Unsigned(v) => visitor.visit_u64(v),
            Event::Float(v) => visitor.visit_f64(v),
            Event::Bool(b) => visitor.visit_bool(b),
            Event::Null => visitor.visit_unit(),
            Event::Deep => Err(refused()),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if let Some(Event::Null) = self.events.get(self.at) {
            self.at += 1;
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        // The model's enums are unit variants written as strings.
        match self.next()? {
            Event::Str(start, len) => {
                visitor.visit_enum(BorrowedStrDeserializer::new(self.str(start, len)?))
            }
            _ => Err(refused()),
        }
    }

    /// A struct is read from an object only.
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self.events.get(self.at) {
            Some(Event::Object(_)) => self.deserialize_any(visitor),
            _ => Err(refused()),
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        unit unit_struct newtype_struct seq tuple tuple_struct map identifier ignored_any
    }
}

/// The entries of an object (key and value events in turn), or the items of an array.
struct Entries<'r, 't> {
    reader: &'r mut Reader<'t>,
    left: u32,
}

impl<'de> MapAccess<'de> for &mut Entries<'_, 'de> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        if self.left == 0 {
            return Ok(None);
        }
        self.left -= 1;
        seed.deserialize(&mut *self.reader).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        seed.deserialize(&mut *self.reader)
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.left as usize)
    }
}

impl<'de> SeqAccess<'de> for &mut Entries<'_, 'de> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        if self.left == 0 {
            return Ok(None);
        }
        self.left -= 1;
        seed.deserialize(&mut *self.reader).map(Some)
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.left as usize)
    }
}

impl Tape {
    /// Reads the tape's first record into a type of the model, by the typed reader's rule (a
    /// struct from an object, an enum from a string); the error says what serde found wrong.
    ///
    /// ```
    /// use citynets::validate::tape::Tape;
    /// use citynets::PolicyArea;
    ///
    /// let mut tape = Tape::default();
    /// tape.string("climate");
    /// assert_eq!(tape.read::<PolicyArea>().unwrap(), PolicyArea::Climate);
    /// ```
    pub fn read<T: serde::de::DeserializeOwned>(&self) -> Result<T, String> {
        if let Some(at) = self.too_deep_at() {
            return Err(super::nested_too_deep(at));
        }
        T::deserialize(&mut Reader::new(self)).map_err(|e| e.to_string())
    }
}
