//! Bounded lists: [`List`] (at most `MAX` items) and [`Set`] (1 to `MAX` distinct items).
//!
//! Deserialization stops reading at the first item over the bound, so a hostile input cannot
//! make a list grow without limit.

use std::fmt;
use std::marker::PhantomData;
use std::ops::Deref;

use serde::de::{SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::ValueError;

/// A list of at most `MAX` items (JSON Schema `maxItems`). Dereferences to a slice.
///
/// ```
/// use citynets::List;
///
/// let l: List<u8, 3> = List::new(vec![1, 2]).unwrap();
/// assert_eq!(l.len(), 2);
/// assert!(List::<u8, 3>::new(vec![1, 2, 3, 4]).is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct List<T, const MAX: usize>(Vec<T>);

/// A list of 1 to `MAX` distinct items (`minItems: 1`, `maxItems`, `uniqueItems: true`), in
/// the order given. Dereferences to a slice.
///
/// ```
/// use citynets::{PolicyArea, Set};
///
/// let s: Set<PolicyArea, 8> = Set::new(vec![PolicyArea::Climate, PolicyArea::Energy]).unwrap();
/// assert!(s.contains(&PolicyArea::Energy));
/// assert!(Set::<PolicyArea, 8>::new(vec![PolicyArea::Climate, PolicyArea::Climate]).is_err());
/// assert!(Set::<PolicyArea, 8>::new(vec![]).is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Set<T, const MAX: usize>(Vec<T>);

impl<T, const MAX: usize> List<T, MAX> {
    /// Checks the bound and wraps the items.
    pub fn new(items: Vec<T>) -> Result<Self, ValueError> {
        if items.len() > MAX {
            return Err(too_many(MAX, items.len()));
        }
        Ok(List(items))
    }

    /// Whether the list has no items.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// An empty list.
    pub const fn empty() -> Self {
        List(Vec::new())
    }

    /// Adds an item at the end, unless the list is full.
    pub fn push(&mut self, item: T) -> Result<(), ValueError> {
        if self.0.len() >= MAX {
            return Err(too_many(MAX, self.0.len() + 1));
        }
        self.0.push(item);
        Ok(())
    }

    /// The items as a vector.
    pub fn into_vec(self) -> Vec<T> {
        self.0
    }

    /// Items kept by `keep`, as a new list (never longer than this one).
    pub fn retained(mut self, keep: impl FnMut(&T) -> bool) -> Self {
        self.0.retain(keep);
        self
    }

    /// Mutable access to the items, for editing in place (the length cannot change).
    pub fn iter_mut(&mut self) -> std::slice::IterMut<'_, T> {
        self.0.iter_mut()
    }
}

impl<T: PartialEq, const MAX: usize> Set<T, MAX> {
    /// Checks that there are 1 to `MAX` items, all distinct, and wraps them.
    pub fn new(items: Vec<T>) -> Result<Self, ValueError> {
        check_set(&items, MAX)?;
        Ok(Set(items))
    }
}

impl<T, const MAX: usize> Set<T, MAX> {
    /// The items as a vector.
    pub fn into_vec(self) -> Vec<T> {
        self.0
    }

    /// The first item: for a network's policy areas, its main one.
    pub fn first_item(&self) -> &T {
        // A Set is never empty: `new` and deserialization both refuse an empty one.
        &self.0[0]
    }
}

fn too_many(max: usize, got: usize) -> ValueError {
    ValueError::new(format!("at most {max} items"), format!("{got} items"))
}

fn check_set<T: PartialEq>(items: &[T], max: usize) -> Result<(), ValueError> {
    if items.is_empty() {
        return Err(ValueError::new("at least 1 item", "an empty list"));
    }
    if items.len() > max {
        return Err(too_many(max, items.len()));
    }
    for (i, item) in items.iter().enumerate() {
        if let Some(j) = items[..i].iter().position(|x| x == item) {
            return Err(ValueError::new(
                "distinct items",
                format!("item {i} repeating item {j}"),
            ));
        }
    }
    Ok(())
}

impl<T, const MAX: usize> Default for List<T, MAX> {
    fn default() -> Self {
        List(Vec::new())
    }
}

impl<T, const MAX: usize> Deref for List<T, MAX> {
    type Target = [T];
    fn deref(&self) -> &[T] {
        &self.0
    }
}

impl<T, const MAX: usize> Deref for Set<T, MAX> {
    type Target = [T];
    fn deref(&self) -> &[T] {
        &self.0
    }
}

impl<'a, T, const MAX: usize> IntoIterator for &'a List<T, MAX> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl<'a, T, const MAX: usize> IntoIterator for &'a Set<T, MAX> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl<T, const MAX: usize> IntoIterator for List<T, MAX> {
    type Item = T;
    type IntoIter = std::vec::IntoIter<T>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<T: Serialize, const MAX: usize> Serialize for List<T, MAX> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

impl<T: Serialize, const MAX: usize> Serialize for Set<T, MAX> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

struct BoundedVisitor<T>(usize, PhantomData<T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for BoundedVisitor<T> {
    type Value = Vec<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a list of at most {} items", self.0)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
        // Without a size hint, most lists read hold one or two items: room for them is made
        // when the first arrives, rather than for four (as a first push would).
        let Some(first) = seq.next_element()? else {
            return Ok(Vec::new());
        };
        let room = seq.size_hint().map_or(2, |n| n.saturating_add(1));
        let mut items = Vec::with_capacity(room.min(self.0).min(64));
        let mut next = Some(first);
        while let Some(item) = next {
            if items.len() >= self.0 {
                return Err(serde::de::Error::custom(format!(
                    "expected at most {} items, found more",
                    self.0
                )));
            }
            items.push(item);
            next = seq.next_element()?;
        }
        Ok(items)
    }
}

impl<'de, T: Deserialize<'de>, const MAX: usize> Deserialize<'de> for List<T, MAX> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_seq(BoundedVisitor(MAX, PhantomData))
            .map(List)
    }
}

impl<'de, T: Deserialize<'de> + PartialEq, const MAX: usize> Deserialize<'de> for Set<T, MAX> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let items = d.deserialize_seq(BoundedVisitor(MAX, PhantomData))?;
        check_set(&items, MAX).map_err(serde::de::Error::custom)?;
        Ok(Set(items))
    }
}

#[cfg(feature = "schema")]
impl<T: schemars::JsonSchema, const MAX: usize> schemars::JsonSchema for List<T, MAX> {
    fn inline_schema() -> bool {
        true
    }
    fn schema_name() -> std::borrow::Cow<'static, str> {
        format!("List{MAX}_of_{}", T::schema_name()).into()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "array",
            "items": generator.subschema_for::<T>(),
            "maxItems": MAX,
        })
    }
}

#[cfg(feature = "schema")]
impl<T: schemars::JsonSchema, const MAX: usize> schemars::JsonSchema for Set<T, MAX> {
    fn inline_schema() -> bool {
        true
    }
    fn schema_name() -> std::borrow::Cow<'static, str> {
        format!("Set{MAX}_of_{}", T::schema_name()).into()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "array",
            "items": generator.subschema_for::<T>(),
            "minItems": 1,
            "maxItems": MAX,
            "uniqueItems": true,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::{List, Set};

    /// Lists of every length around the bound read as they are written, and one item over the
    /// bound is refused, with or without a size hint from the format.
    #[test]
    fn lists_read_up_to_their_bound() {
        for n in 0..=4usize {
            let items: Vec<u8> = (0..n as u8).collect();
            let json = serde_json::to_string(&items).unwrap();
            let list = serde_json::from_str::<List<u8, 3>>(&json);
            let value = serde_json::from_value::<List<u8, 3>>(serde_json::json!(items));
            if n <= 3 {
                assert_eq!(list.unwrap().to_vec(), items);
                assert_eq!(value.unwrap().to_vec(), items);
            } else {
                let e = list.unwrap_err().to_string();
                assert!(e.contains("at most 3 items"), "{e}");
                assert!(value.is_err());
            }
            let set = serde_json::from_str::<Set<u8, 3>>(&json);
            assert_eq!(set.is_ok(), (1..=3).contains(&n), "{n}");
        }
        assert!(
            serde_json::from_str::<List<u8, 0>>("[]")
                .unwrap()
                .is_empty()
        );
        assert!(serde_json::from_str::<List<u8, 0>>("[1]").is_err());
    }
}
