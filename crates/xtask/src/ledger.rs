//! The research ledger: every non-null fact of `networks-facts.json` as one flat record
//! (network, kind of fact, value, source), without the research's prose notes. It is committed
//! under `tests/fixtures/` so the coverage test can check the catalogue against the research
//! without reading anything outside the repository.

use serde_json::{Value, json};

use crate::import::url_text;

/// Builds the ledger from the research file.
pub fn ledger(facts: &Value) -> Result<Value, String> {
    let mut out = Vec::new();
    for e in facts
        .as_array()
        .ok_or("the research file must hold a JSON array")?
    {
        let id = e["id"].as_str().ok_or("an entry has no id")?;
        let mut push = |fact: &str, value: Value, source: Option<&str>, extra: Value| {
            let mut rec = json!({"network": id, "fact": fact, "value": value, "source": source.map(url_text)});
            if let (Some(r), Value::Object(x)) = (rec.as_object_mut(), extra) {
                r.extend(x);
            }
            out.push(rec);
        };
        for key in [
            "name_on_ghent_page",
            "official_name_en",
            "acronym",
            "founded",
            "secretariat",
            "scope",
            "website",
            "org_type",
        ] {
            if let Some(f) = e.get(key).filter(|v| !v.is_null()) {
                push(key, f["value"].clone(), f["source"].as_str(), json!({}));
            }
        }
        if let Some(f) = e.get("official_name_native").filter(|v| !v.is_null()) {
            push(
                "official_name_native",
                f["value"].clone(),
                f["source"].as_str(),
                json!({"language": f["language"]}),
            );
        }
        for f in e["founded_alternatives"].as_array().into_iter().flatten() {
            push(
                "founded_alternative",
                f["value"].clone(),
                f["source"].as_str(),
                json!({}),
            );
        }
        for f in e["secretariat_alternatives"]
            .as_array()
            .into_iter()
            .flatten()
        {
            push(
                "secretariat_alternative",
                f["value"].clone(),
                f["source"].as_str(),
                json!({"year": f.get("year")}),
            );
        }
        for f in e["members"].as_array().into_iter().flatten() {
            push(
                "members",
                f["value"].clone(),
                f["source"].as_str(),
                json!({"year": f.get("year"), "unit": f.get("unit")}),
            );
        }
        for f in e["ghent"].as_array().into_iter().flatten() {
            push(
                "ghent",
                Value::Null,
                f["source"].as_str(),
                json!({"year": f.get("year"), "role": f.get("role")}),
            );
        }
        for f in e["notes"].as_array().into_iter().flatten() {
            push("note", Value::Null, f["source"].as_str(), json!({}));
        }
        let conflicts = e["conflicts"].as_array().map_or(0, Vec::len);
        if conflicts > 0 {
            push("conflicts", json!(conflicts), None, json!({}));
        }
    }
    Ok(Value::Array(out))
}
