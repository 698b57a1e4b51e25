//! The research ledgers: every non-null fact of a research file as one flat record (network,
//! kind of fact, value, source), without the research's prose notes. `ledger` reads the Ghent
//! research (`networks-facts.json`, for `tests/fixtures/research-ledger.json`, checked by the
//! coverage test); `registry_ledger` reads the registry research (`networks.json`, for
//! `tests/fixtures/registry-ledger.json`, checked by the `registry_data` test). Both are
//! committed under `tests/fixtures/` so the tests can check the data against the research
//! without reading anything outside the repository.

use serde_json::{Value, json};

use crate::import::{str_of, url_text};

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

/// The qualifiers of a name, with the acronym the research gives beside the name where it gives
/// one (records of names without one stay as they were).
fn with_acronym(mut extra: Value, name: &Value) -> Value {
    if let (Some(x), Some(a)) = (extra.as_object_mut(), name.get("acronym")) {
        x.insert("acronym".into(), a.clone());
    }
    extra
}

/// The registry ledger: every non-null fact of the registry research as one flat record
/// (network, kind of fact, value, source, and the fact's own qualifiers), without the
/// research's prose notes.
pub fn registry_ledger(research: &Value) -> Result<Value, String> {
    let mut out = Vec::new();
    for e in research
        .as_array()
        .ok_or("the registry research must hold a JSON array")?
    {
        let id = str_of(e, "id")?;
        let mut push = |fact: &str, f: &Value, extra: Value| {
            let mut rec = json!({
                "network": id,
                "fact": fact,
                "value": f.get("value").cloned().unwrap_or(Value::Null),
                "source": f.get("source").and_then(Value::as_str).map(url_text),
            });
            if let (Some(r), Value::Object(x)) = (rec.as_object_mut(), extra) {
                r.extend(x);
            }
            out.push(rec);
        };
        for key in [
            "official_name_en",
            "official_name_native",
            "acronym",
            "founded",
            "secretariat",
            "website",
            "scope",
            "kind",
            "parent",
        ] {
            if let Some(f) = e.get(key).filter(|v| !v.is_null()) {
                let extra = match key {
                    "official_name_native" => with_acronym(json!({"language": f["language"]}), f),
                    _ => json!({}),
                };
                push(key, f, extra);
            }
            for f in e[format!("{key}_alternatives")]
                .as_array()
                .into_iter()
                .flatten()
            {
                let extra = match key {
                    "official_name_native" => with_acronym(json!({"language": f["language"]}), f),
                    "secretariat" => json!({"year": f.get("year")}),
                    _ => json!({}),
                };
                push(&format!("{key}_alternative"), f, extra);
            }
        }
        for f in e["other_names"].as_array().into_iter().flatten() {
            push(
                "other_name",
                f,
                with_acronym(
                    json!({"kind": f["kind"], "language": f["language"], "from": f["from"], "until": f["until"]}),
                    f,
                ),
            );
        }
        for f in e["members"].as_array().into_iter().flatten() {
            push("members", f, json!({"year": f.get("year")}));
        }
        if let Some(w) = e.get("wikidata").filter(|v| !v.is_null()) {
            let f = if w.is_object() {
                w.clone()
            } else {
                json!({"value": w})
            };
            push("wikidata", &f, json!({}));
        }
        for (key, fact) in [
            ("policy_areas", "policy_area"),
            ("orientations", "orientation"),
            ("conflicts", "conflict"),
        ] {
            for v in e[key].as_array().into_iter().flatten() {
                push(fact, &json!({"value": v}), json!({}));
            }
        }
        for f in e["spellings"].as_array().into_iter().flatten() {
            push("spelling", f, json!({}));
        }
    }
    Ok(Value::Array(out))
}
