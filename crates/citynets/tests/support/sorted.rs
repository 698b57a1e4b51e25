//! The value with every object's keys in sorted order, for the expected files the fixture tests
//! write when blessed: the same order whatever order serde_json keeps keys in with the features
//! a build has.

use serde_json::Value;

pub fn sorted(v: Value) -> Value {
    match v {
        Value::Object(map) => {
            let keys: std::collections::BTreeMap<String, Value> =
                map.into_iter().map(|(k, v)| (k, sorted(v))).collect();
            Value::Object(keys.into_iter().collect())
        }
        Value::Array(items) => Value::Array(items.into_iter().map(sorted).collect()),
        other => other,
    }
}
