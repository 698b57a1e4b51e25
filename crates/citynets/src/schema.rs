//! JSON Schema generation from the types (feature `schema`).
//!
//! The committed files under `schema/` are exactly [`schema_json`] for each
//! [`DocumentKind`]; a test fails when they drift apart. Regenerate them with
//! `cargo xtask schema`.

use schemars::generate::SchemaSettings;
use schemars::transform::RecursiveTransform;
use serde_json::{Map, Value};

use crate::{Catalogue, DocumentKind, Membership, Network, Vocabulary};

/// The schema of one kind of document, as a JSON value (draft 2020-12).
///
/// ```
/// use citynets::DocumentKind;
///
/// let s = citynets::schema::schema_for(DocumentKind::Network);
/// assert_eq!(s["$id"], "urn:citynets:schema:network:2");
/// assert_eq!(s["additionalProperties"], false);
/// ```
pub fn schema_for(kind: DocumentKind) -> Value {
    let (mut value, title) = match kind {
        DocumentKind::Catalogue => (generated::<Catalogue>(), "citynets catalogue document"),
        DocumentKind::Network => (generated::<Network>(), "citynets network record"),
        DocumentKind::Membership => (generated::<Membership>(), "citynets membership record"),
    };
    if let Value::Object(map) = &mut value {
        map.insert("$id".into(), Value::from(kind.schema_id()));
        map.insert("title".into(), Value::from(title));
    }
    sorted(value)
}

/// The schema of `T` as schemars generates it with the settings of the committed schemas.
pub(crate) fn generated<T: schemars::JsonSchema>() -> Value {
    SchemaSettings::draft2020_12()
        .with_transform(RecursiveTransform(integer_bounds))
        .into_generator()
        .into_root_schema_for::<T>()
        .to_value()
}

/// The schema of one kind of document as the text of its committed file: pretty-printed JSON
/// with keys in sorted order and a final newline.
pub fn schema_json(kind: DocumentKind) -> String {
    let mut text = serde_json::to_string_pretty(&schema_for(kind)).unwrap_or_default();
    text.push('\n');
    text
}

/// Replaces schemars' `format: uint32` (an annotation that validators need not enforce) by
/// the `maximum` of the Rust type, so that the schema rejects exactly what serde rejects.
fn integer_bounds(schema: &mut schemars::Schema) {
    let max = match schema.get("format").and_then(Value::as_str) {
        Some("uint8") => u64::from(u8::MAX),
        Some("uint16") => u64::from(u16::MAX),
        Some("uint32") => u64::from(u32::MAX),
        Some("uint64") => u64::MAX,
        _ => return,
    };
    schema.remove("format");
    if schema.get("maximum").is_none() {
        schema.insert("maximum".into(), Value::from(max));
    }
}

/// Rebuilds every object with its keys in sorted order, so that the output does not depend on
/// whether serde_json keeps insertion order.
fn sorted(value: Value) -> Value {
    match value {
        Value::Object(map) => {
            let mut entries: Vec<(String, Value)> = map.into_iter().collect();
            entries.sort_by(|a, b| a.0.cmp(&b.0));
            let mut out = Map::new();
            for (k, v) in entries {
                out.insert(k, sorted(v));
            }
            Value::Object(out)
        }
        Value::Array(items) => Value::Array(items.into_iter().map(sorted).collect()),
        other => other,
    }
}

/// The schema of a closed vocabulary: a plain `enum`, so that any validator names the allowed
/// values in its error, with the value descriptions in `enumDescriptions` (the keyword editors
/// such as VS Code show next to each value; validators ignore it).
pub(crate) fn vocabulary_schema<V: Vocabulary>() -> schemars::Schema {
    let values: Vec<&str> = V::all().iter().map(|v| v.as_str()).collect();
    let descriptions: Vec<String> = V::all().iter().map(|v| v.description()).collect();
    schemars::json_schema!({
        "type": "string",
        "title": V::NAME,
        "description": V::vocabulary_description(),
        "enum": values,
        "enumDescriptions": descriptions,
    })
}
