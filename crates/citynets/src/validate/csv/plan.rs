//! The columns of a record type, derived from its compiled schema so that they cannot
//! disagree with it: which field each column fills, and whether a cell is a scalar, a
//! `|`-separated list or JSON. The writer writes these columns and the mapping reads them.

use std::collections::HashMap;

use serde_json::{Number, Value};

use super::super::compiled::{Compiled, ty};
use super::super::pointer;
use crate::DocumentKind;

/// How a column's cells become a field's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    /// A string, or a number or boolean where the schema wants one.
    Scalar,
    /// A list of scalars, `|`-separated (or a JSON list).
    List,
    /// A JSON value (a list of objects, or a whole nested object).
    Json,
}

/// One column of the mapping.
#[derive(Debug, Clone)]
pub(crate) struct Column {
    /// The header: field names joined by dots.
    pub(crate) name: String,
    /// The field names from the record's root.
    pub(crate) keys: Vec<String>,
    pub(crate) shape: Shape,
    /// The schema node of the value (for a list: of its items).
    pub(crate) node: usize,
    /// Whether the column is written by [`CsvWriter`](super::CsvWriter) (a whole-object JSON column is only
    /// read).
    pub(crate) written: bool,
    /// Where the writer puts it.
    pub(crate) rank: (u8, u8, usize),
}

/// The columns of a record type, derived from its compiled schema.
pub(crate) struct Plan {
    pub(crate) kind: DocumentKind,
    pub(crate) schema: &'static Compiled,
    pub(crate) columns: Vec<Column>,
    pub(crate) by_name: HashMap<String, usize>,
}

impl Plan {
    pub(crate) fn new(kind: DocumentKind) -> Plan {
        let schema = Compiled::get(kind);
        let mut columns = Vec::new();
        Plan::add(schema, schema.root, &[], None, &mut columns);
        let by_name = columns
            .iter()
            .enumerate()
            .map(|(i, c)| (c.name.clone(), i))
            .collect();
        Plan {
            kind,
            schema,
            columns,
            by_name,
        }
    }

    fn add(
        schema: &Compiled,
        node: usize,
        prefix: &[String],
        top: Option<(u8, usize)>,
        out: &mut Vec<Column>,
    ) {
        let n = &schema.nodes[node];
        for (order, (key, child)) in n.properties.iter().enumerate() {
            let c = &schema.nodes[*child];
            let mut keys = prefix.to_vec();
            keys.push(key.clone());
            let name = keys.join(".");
            let required = u8::from(!n.required.contains(key));
            // Columns of a nested object stay together, where the object's own field would be.
            let (top_required, top_order) = top.unwrap_or((required, order));
            let group = |shape: Shape| match (top.is_some(), shape) {
                (true, _) => 1,
                (false, Shape::Scalar) => 0,
                (false, Shape::List) => 2,
                (false, Shape::Json) => 3,
            };
            if c.types & ty::OBJECT != 0 && !c.properties.is_empty() {
                out.push(Column {
                    name: name.clone(),
                    keys: keys.clone(),
                    shape: Shape::Json,
                    node: *child,
                    written: false,
                    rank: (top_required, 1, top_order),
                });
                Plan::add(schema, *child, &keys, Some((top_required, top_order)), out);
                continue;
            }
            let (shape, value_node) = if c.types & ty::ARRAY != 0 {
                match c.items {
                    Some(items)
                        if schema.nodes[items].types != 0
                            && schema.nodes[items].types & (ty::OBJECT | ty::ARRAY) == 0 =>
                    {
                        (Shape::List, items)
                    }
                    _ => (Shape::Json, *child),
                }
            } else if c.types & ty::OBJECT != 0 {
                (Shape::Json, *child)
            } else {
                (Shape::Scalar, *child)
            };
            let rank = if top.is_some() {
                (top_required, 1, top_order)
            } else {
                (top_required, group(shape), top_order)
            };
            out.push(Column {
                name,
                keys,
                shape,
                node: value_node,
                written: true,
                rank,
            });
        }
    }

    /// The columns the writer writes, in its order: required fields first, then scalars,
    /// nested objects, lists of scalars and JSON cells, each in the schema's order; the fields
    /// of a nested object together, its required ones first.
    pub(crate) fn written(&self) -> Vec<&Column> {
        let mut cols: Vec<(usize, &Column)> = self
            .columns
            .iter()
            .enumerate()
            .filter(|(_, c)| c.written)
            .collect();
        cols.sort_by_key(|(i, c)| (c.rank, self.sub_rank(c), *i));
        cols.into_iter().map(|(_, c)| c).collect()
    }

    /// Within a nested object: its required fields first, in the schema's `required` order.
    fn sub_rank(&self, c: &Column) -> usize {
        let Some((last, path)) = c.keys.split_last() else {
            return 0;
        };
        if path.is_empty() {
            return 0;
        }
        let mut node = self.schema.root;
        for k in path {
            match self.schema.nodes[node].property(k) {
                Some(n) => node = n,
                None => return usize::MAX,
            }
        }
        let required = &self.schema.nodes[node].required;
        required
            .iter()
            .position(|r| r == last)
            .unwrap_or(required.len())
    }

    /// Where an unknown column would put its value, and the keyword that rejects it.
    pub(crate) fn unknown_locations(&self, name: &str) -> (String, String) {
        let parts: Vec<&str> = name.split('.').collect();
        let mut node = self.schema.root;
        let mut depth = 0;
        for p in &parts[..parts.len().saturating_sub(1)] {
            match self.schema.nodes[node].property(p) {
                Some(n) if !self.schema.nodes[n].properties.is_empty() => {
                    node = n;
                    depth += 1;
                }
                _ => break,
            }
        }
        let instance = pointer::join(&parts[..(depth + 1).min(parts.len())]);
        let keyword = format!("{}/additionalProperties", self.schema.nodes[node].path);
        (instance, keyword)
    }

    /// The names of the columns a person would write (for messages and suggestions).
    pub(crate) fn names(&self) -> Vec<&str> {
        self.written().iter().map(|c| c.name.as_str()).collect()
    }
}

/// A scalar cell converted to the type the schema wants; kept as a string when it cannot be
/// (the schema then says what is wrong).
pub(crate) fn scalar(schema: &Compiled, node: usize, text: &str) -> Value {
    match Scalar::of(schema, node, text) {
        Scalar::Str(s) => Value::String(s.to_owned()),
        Scalar::I64(i) => Value::Number(i.into()),
        Scalar::U64(u) => Value::Number(u.into()),
        Scalar::F64(n) => Value::Number(n),
        Scalar::Bool(b) => Value::Bool(b),
    }
}

/// The JSON value of a scalar cell, as [`scalar`] makes it; the fast path reads it without
/// building a [`Value`].
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Scalar<'a> {
    Str(&'a str),
    I64(i64),
    U64(u64),
    /// A finite number.
    F64(Number),
    Bool(bool),
}

impl<'a> Scalar<'a> {
    /// Converts a cell to the type the schema wants at `node`, or keeps it as a string.
    pub(crate) fn of(schema: &Compiled, node: usize, text: &'a str) -> Scalar<'a> {
        Scalar::of_types(schema.nodes[node].types, text)
    }

    /// Converts a cell to one of `types` (the [`ty`] flags of a schema node), or keeps it as a
    /// string.
    pub(crate) fn of_types(types: u8, text: &'a str) -> Scalar<'a> {
        if types == 0 || types & ty::STRING != 0 {
            return Scalar::Str(text);
        }
        let t = text.trim();
        if types & (ty::INTEGER | ty::NUMBER) != 0 {
            if let Ok(i) = t.parse::<i64>() {
                return Scalar::I64(i);
            }
            if let Ok(u) = t.parse::<u64>() {
                return Scalar::U64(u);
            }
            if let Some(n) = t.parse::<f64>().ok().and_then(Number::from_f64) {
                return Scalar::F64(n);
            }
        }
        if types & ty::BOOLEAN != 0 {
            if t.eq_ignore_ascii_case("true") {
                return Scalar::Bool(true);
            }
            if t.eq_ignore_ascii_case("false") {
                return Scalar::Bool(false);
            }
        }
        Scalar::Str(text)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn the_plan_follows_the_schema() {
        let plan = Plan::new(DocumentKind::Network);
        let shape = |name: &str| plan.columns[plan.by_name[name]].shape;
        assert_eq!(shape("id"), Shape::Scalar);
        assert_eq!(shape("policy_areas"), Shape::List);
        assert_eq!(shape("parent.relation"), Shape::Scalar);
        assert_eq!(shape("parent"), Shape::Json);
        assert_eq!(shape("memberships"), Shape::Json);
        assert_eq!(shape("member_counts"), Shape::Json);
        assert_eq!(shape("classification.sources"), Shape::List);
        let names = plan.names();
        assert_eq!(&names[..3], ["id", "name", "acronym"]);
        assert!(!names.contains(&"parent"));
        let plan = Plan::new(DocumentKind::Membership);
        assert_eq!(
            &plan.names()[..6],
            [
                "organization_id",
                "member.kind",
                "member.city",
                "member.country",
                "member.geonames_id",
                "member.name"
            ]
        );
    }

    #[test]
    fn cells_take_the_type_the_schema_wants() {
        let schema = Compiled::get(DocumentKind::Network);
        let root = &schema.nodes[schema.root];
        let counts = root.property("member_counts").unwrap();
        let count = schema.nodes[schema.nodes[counts].items.unwrap()]
            .property("count")
            .unwrap();
        assert_eq!(scalar(schema, count, " 42 "), Value::from(42));
        assert_eq!(scalar(schema, count, "many"), Value::from("many"));
        let id = root.property("id").unwrap();
        assert_eq!(scalar(schema, id, "42"), Value::from("42"));
    }
}
