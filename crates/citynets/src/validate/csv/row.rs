//! The fast path for CSV rows: a serde `Deserializer` over the cells of one row, which gives
//! the model's types the record the [CSV mapping](super::mapping) would build, without
//! building it.
//!
//! Each cell is read as the mapping reads it: an empty cell is absent, a scalar cell takes the
//! type the schema wants ([`Scalar`]), a list cell is split at `|` (or read as JSON when it
//! starts with `[`), a JSON cell is parsed as JSON, and dotted columns make nested objects
//! that exist when one of their cells is filled. A row the types accept, and that raises no
//! warning, has no problem: the same reasoning as the [fast path](crate::validate::fast) for
//! JSON. Any other row goes through the mapping and the engine, which name every problem. Rows whose
//! header could make the mapping report something the types cannot see (a column named twice,
//! a whole-object column beside the dotted columns of the same object) never take this path.

use std::borrow::Cow;

use serde::de::value::{BorrowedStrDeserializer, Error, StrDeserializer};
use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};

use super::super::compiled::Compiled;
use super::super::json;
use super::plan::{Scalar, Shape};
use super::split::{CellText, RowCells};

/// A field of the record, filled from one cell or, for a nested object, from several.
#[derive(Debug)]
enum Field {
    Cell {
        key: String,
        cell: usize,
        shape: Shape,
        /// The types the schema allows for the cell's value, or for the items of a list
        /// cell (kept here rather than looked up in the schema for each cell of each row).
        types: u8,
    },
    Object {
        key: String,
        fields: Vec<Field>,
        /// Every cell below this object: it is present when one of them is filled.
        cells: Vec<usize>,
    },
}

/// How the cells of a table's rows make a record, for the fast path.
#[derive(Debug)]
pub(super) struct RowShape {
    fields: Vec<Field>,
    /// Cells that must be empty for the row to take the fast path: the unknown columns' (the
    /// mapping reports a filled one).
    must_be_empty: Vec<usize>,
    /// How many cells the header has; a filled cell past them is a problem.
    width: usize,
}

impl RowShape {
    /// The shape of rows under a header whose cells name `columns` (`None` for an unknown
    /// column): for each cell, the field names from the record's root, the shape and the
    /// schema node. `None` when the header has a column named twice, or a column inside
    /// another (a whole-object JSON column beside dotted columns of the same object).
    pub(super) fn new(
        schema: &'static Compiled,
        columns: &[Option<(&[String], Shape, usize)>],
    ) -> Option<RowShape> {
        let mut known: Vec<(usize, &[String], Shape, u8)> = Vec::new();
        let mut must_be_empty = Vec::new();
        for (cell, c) in columns.iter().enumerate() {
            match c {
                Some((keys, shape, node)) => {
                    let types = schema.nodes.get(*node).map_or(0, |n| n.types);
                    known.push((cell, keys, *shape, types));
                }
                None => must_be_empty.push(cell),
            }
        }
        known.sort_by(|a, b| a.1.cmp(b.1));
        for pair in known.windows(2) {
            let (a, b) = (pair[0].1, pair[1].1);
            // Sorted, a column inside another comes right after it.
            if a.is_empty() || b.len() >= a.len() && b[..a.len()] == *a {
                return None;
            }
        }
        Some(RowShape {
            fields: Self::group(&known, 0),
            must_be_empty,
            width: columns.len(),
        })
    }

    /// The fields at `depth` of columns sorted by their keys.
    fn group(columns: &[(usize, &[String], Shape, u8)], depth: usize) -> Vec<Field> {
        let mut fields = Vec::new();
        let mut i = 0;
        while i < columns.len() {
            let (cell, keys, shape, types) = columns[i];
            let key = keys[depth].clone();
            if keys.len() == depth + 1 {
                fields.push(Field::Cell {
                    key,
                    cell,
                    shape,
                    types,
                });
                i += 1;
                continue;
            }
            let end = i + columns[i..]
                .iter()
                .take_while(|c| c.1.len() > depth + 1 && c.1[depth] == key)
                .count();
            let inner = &columns[i..end];
            fields.push(Field::Object {
                key,
                fields: Self::group(inner, depth + 1),
                cells: inner.iter().map(|c| c.0).collect(),
            });
            i = end;
        }
        fields
    }

    /// The row read into the model's type `T`; `None` when the types refuse it, or when the
    /// mapping would report something about the row itself (a filled cell of an unknown
    /// column, or past the header).
    pub(super) fn read<'a, T: de::Deserialize<'a>>(&'a self, cells: RowCells<'a>) -> Option<T> {
        let filled = |i: usize| cells.filled(i);
        if self.must_be_empty.iter().any(|&i| filled(i)) || (self.width..cells.len()).any(filled) {
            return None;
        }
        T::deserialize(Object {
            fields: &self.fields,
            row: Row { cells },
        })
        .ok()
    }
}

/// The row being read.
#[derive(Clone, Copy)]
struct Row<'a> {
    cells: RowCells<'a>,
}

impl<'a> Row<'a> {
    #[inline]
    fn cell(&self, i: usize) -> Option<CellText<'a>> {
        self.cells.get(i)
    }

    fn present(&self, field: &Field) -> bool {
        match field {
            Field::Cell { cell, .. } => self.cells.filled(*cell),
            Field::Object { cells, .. } => cells.iter().any(|&c| self.cells.filled(c)),
        }
    }
}

fn refused() -> Error {
    de::Error::custom("not read by the fast path")
}

/// An object made of some of the row's fields.
struct Object<'a> {
    fields: &'a [Field],
    row: Row<'a>,
}

impl<'de> de::Deserializer<'de> for Object<'de> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_map(Entries {
            fields: self.fields.iter(),
            value: None,
            row: self.row,
        })
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_some(self)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        unit unit_struct newtype_struct seq tuple tuple_struct map struct enum identifier
        ignored_any
    }
}

/// The present fields of an object, in turn.
struct Entries<'a> {
    fields: std::slice::Iter<'a, Field>,
    value: Option<&'a Field>,
    row: Row<'a>,
}

impl<'de> MapAccess<'de> for Entries<'de> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        for field in self.fields.by_ref() {
            if !self.row.present(field) {
                continue;
            }
            self.value = Some(field);
            let key = match field {
                Field::Cell { key, .. } | Field::Object { key, .. } => key.as_str(),
            };
            return seed
                .deserialize(BorrowedStrDeserializer::new(key))
                .map(Some);
        }
        Ok(None)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        match self.value.take().ok_or_else(refused)? {
            Field::Object { fields, .. } => seed.deserialize(Object {
                fields,
                row: self.row,
            }),
            Field::Cell {
                cell, shape, types, ..
            } => {
                let Some(cell) = self.row.cell(*cell) else {
                    return Err(refused());
                };
                match shape {
                    Shape::Scalar => match cell.unescaped() {
                        // A string borrowed from the table is handed out as such, for the
                        // views to keep without a copy.
                        Cow::Borrowed(text) => seed.deserialize(ScalarCell {
                            scalar: Scalar::of_types(*types, text),
                            table: Some(text),
                        }),
                        Cow::Owned(text) => seed.deserialize(ScalarCell {
                            scalar: Scalar::of_types(*types, &text),
                            table: None,
                        }),
                    },
                    Shape::List if !cell.text.trim_start().starts_with('[') => {
                        let text = cell.unescaped();
                        seed.deserialize(List {
                            items: Items(Some(&text)),
                            types: *types,
                        })
                    }
                    // JSON is read as it is in the cell, its quotes written twice or not.
                    Shape::List | Shape::Json => {
                        json::read_cell_fast(seed, cell.text, cell.doubled).map_err(|_| refused())
                    }
                }
            }
        }
    }
}

/// The items of a `|`-separated list cell.
struct List<'a> {
    items: Items<'a>,
    /// The types the schema allows for an item.
    types: u8,
}

/// The parts of a text between `|`s, as `str::split('|')` gives them. Cells are short, and a
/// byte loop finds the next `|` in fewer steps than the general searcher starts in.
struct Items<'a>(Option<&'a str>);

impl<'a> Iterator for Items<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let text = self.0?;
        match text.bytes().position(|b| b == b'|') {
            Some(at) => {
                // `|` is ASCII: both sides of it are character boundaries.
                self.0 = text.get(at + 1..);
                text.get(..at)
            }
            None => self.0.take(),
        }
    }
}

/// `text.trim()`, without the Unicode tables when it starts and ends with an ASCII byte that
/// is no blank (every other white space character starts with a byte of 0x80 or more).
fn trimmed(text: &str) -> &str {
    let bytes = text.as_bytes();
    let solid = |b: Option<&u8>| b.is_some_and(|&b| b > b' ' && b < 0x80);
    if solid(bytes.first()) && solid(bytes.last()) {
        text
    } else {
        text.trim()
    }
}

impl<'de> de::Deserializer<'de> for List<'_> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_seq(self)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_some(self)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        unit unit_struct newtype_struct seq tuple tuple_struct map struct enum identifier
        ignored_any
    }
}

impl<'de> SeqAccess<'de> for List<'_> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        match self.items.next() {
            Some(item) => seed
                .deserialize(ScalarCell {
                    scalar: Scalar::of_types(self.types, trimmed(item)),
                    table: None,
                })
                .map(Some),
            None => Ok(None),
        }
    }
}

/// One scalar value.
struct ScalarCell<'a, 'de> {
    scalar: Scalar<'a>,
    /// The cell's whole text when it is borrowed from the table (a cell with a quote in it is
    /// unescaped into a copy of its own): a string value is then given as borrowed.
    table: Option<&'de str>,
}

impl<'de> de::Deserializer<'de> for ScalarCell<'_, 'de> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.scalar {
            // A string scalar is the cell's whole text.
            Scalar::Str(_) if let Some(text) = self.table => visitor.visit_borrowed_str(text),
            Scalar::Str(s) => visitor.visit_str(s),
            Scalar::I64(i) => visitor.visit_i64(i),
            Scalar::U64(u) => visitor.visit_u64(u),
            Scalar::F64(n) => visitor.visit_f64(n.as_f64().ok_or_else(refused)?),
            Scalar::Bool(b) => visitor.visit_bool(b),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_some(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        // The model's enums are unit variants written as strings.
        match self.scalar {
            Scalar::Str(s) => visitor.visit_enum(StrDeserializer::new(s)),
            _ => Err(refused()),
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        unit unit_struct newtype_struct seq tuple tuple_struct map struct identifier
        ignored_any
    }
}

#[cfg(test)]
mod tests {
    use super::{Items, trimmed};

    #[test]
    fn items_and_trimming_are_those_of_split_and_trim() {
        for text in [
            "",
            "|",
            "a",
            "a|b",
            "|a|",
            "a||b",
            " a | b ",
            "é|平|",
            "\u{A0}x\u{2003}|\ty\n",
            "\u{1680}|\u{3000}z",
            "x\u{85}",
            "\u{FEFF}q",
        ] {
            let ours: Vec<&str> = Items(Some(text)).collect();
            let std: Vec<&str> = text.split('|').collect();
            assert_eq!(ours, std, "{text:?}");
            for item in std {
                assert_eq!(trimmed(item), item.trim(), "{item:?}");
            }
        }
    }
}
