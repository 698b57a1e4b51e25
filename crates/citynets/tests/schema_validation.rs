//! The exported catalogue, each network and each membership validate against the committed
//! schemas with an independent JSON Schema 2020-12 validator (the `jsonschema` crate); and the
//! schemas keep the properties the model promises.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail loudly

use citynets::DocumentKind;
use serde_json::{Value, json};

fn committed(kind: DocumentKind) -> Value {
    let path = format!(
        "{}/../../schema/{}",
        env!("CARGO_MANIFEST_DIR"),
        kind.schema_file_name()
    );
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn validator(kind: DocumentKind) -> jsonschema::Validator {
    jsonschema::draft202012::new(&committed(kind)).unwrap()
}

fn errors(v: &jsonschema::Validator, instance: &Value) -> Vec<String> {
    v.iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

#[test]
fn the_exported_catalogue_validates() {
    let doc = serde_json::to_value(citynets::ghent()).unwrap();
    let v = validator(DocumentKind::Catalogue);
    assert_eq!(errors(&v, &doc), Vec::<String>::new());
    // The embedded file itself, byte for byte.
    let raw: Value = serde_json::from_str(citynets::GHENT_JSON).unwrap();
    assert!(v.is_valid(&raw));
}

#[test]
fn every_network_and_membership_validates() {
    let nv = validator(DocumentKind::Network);
    let mv = validator(DocumentKind::Membership);
    let mut memberships = 0;
    for n in citynets::ghent() {
        let value = serde_json::to_value(n).unwrap();
        assert_eq!(errors(&nv, &value), Vec::<String>::new(), "{}", n.id);
        for m in &n.memberships {
            assert_eq!(
                errors(&mv, &serde_json::to_value(m).unwrap()),
                Vec::<String>::new(),
                "{}",
                n.id
            );
            memberships += 1;
        }
    }
    assert!(memberships >= 38);
}

#[test]
fn a_wrong_enum_value_gets_an_error_naming_the_allowed_values() {
    use citynets::{PolicyArea, Vocabulary};
    let v = validator(DocumentKind::Network);
    let record = json!({"id": "x", "name": "X", "policy_areas": ["mobilty"]});
    let errs: Vec<_> = v.iter_errors(&record).collect();
    assert_eq!(errs.len(), 1, "{errs:?}");
    // A plain `enum` error, carrying every allowed value (jsonschema-rs shortens its own message,
    // but the error holds the whole list), at the item, never an opaque oneOf/anyOf failure.
    let allowed: Vec<&str> = PolicyArea::all().iter().map(|a| a.as_str()).collect();
    match errs[0].kind() {
        jsonschema::error::ValidationErrorKind::Enum { options } => {
            assert_eq!(options.as_ref(), &json!(allowed));
        }
        other => panic!("expected an enum error, got {other:?}"),
    }
    assert_eq!(errs[0].instance_path().as_str(), "/policy_areas/0");
    assert!(
        errs[0].schema_path().as_str().ends_with("/items/enum"),
        "{}",
        errs[0].schema_path()
    );
}

#[test]
fn serde_and_the_schema_agree_on_hand_made_cases() {
    let v = validator(DocumentKind::Membership);
    let base = json!({
        "organization_id": "eurocities",
        "member": {"kind": "city", "city": "Ghent", "country": "BE"},
    });
    let cases: Vec<(Value, bool)> = vec![
        (base.clone(), true),
        (
            json!({"organization_id": "Eurocities", "member": base["member"]}),
            false,
        ),
        (
            json!({"organization_id": "eurocities", "member": {"kind": "city", "city": "Ghent", "country": "be"}}),
            false,
        ),
        (
            json!({"organization_id": "eurocities", "member": {"kind": "town", "city": "Ghent", "country": "BE"}}),
            false,
        ),
        (
            json!({"organization_id": "eurocities", "member": base["member"], "start_date": "2016-11"}),
            true,
        ),
        (
            json!({"organization_id": "eurocities", "member": base["member"], "start_date": "2016-13"}),
            false,
        ),
        (
            json!({"organization_id": "eurocities", "member": base["member"], "status": null}),
            true,
        ),
        (
            json!({"organization_id": "eurocities", "member": base["member"], "extra": 1}),
            false,
        ),
        (
            json!({"organization_id": "eurocities", "member": base["member"], "roles": [{"role": "president", "source": "ftp://x"}]}),
            false,
        ),
        (
            json!({"organization_id": "eurocities", "member": base["member"], "roles": [{"role": "president", "source": "https://x.org/"}]}),
            true,
        ),
        (
            json!({"organization_id": "eurocities", "member": {"kind": "city", "city": "", "country": "BE"}}),
            false,
        ),
        (
            json!({"organization_id": "eurocities", "member": {"kind": "city", "city": "G".repeat(300), "country": "BE"}}),
            true,
        ),
        (
            json!({"organization_id": "eurocities", "member": {"kind": "city", "city": "é".repeat(300), "country": "BE"}}),
            true,
        ),
        (
            json!({"organization_id": "eurocities", "member": {"kind": "city", "city": "G".repeat(301), "country": "BE"}}),
            false,
        ),
    ];
    for (instance, valid) in cases {
        assert_eq!(v.is_valid(&instance), valid, "schema on {instance}");
        let parsed = serde_json::from_value::<citynets::Membership>(instance.clone());
        assert_eq!(parsed.is_ok(), valid, "serde on {instance}: {parsed:?}");
    }
}

#[test]
fn schemas_have_ids_titles_and_closed_objects() {
    for kind in DocumentKind::ALL {
        let s = committed(kind);
        assert_eq!(s["$schema"], "https://json-schema.org/draft/2020-12/schema");
        assert_eq!(s["$id"], kind.schema_id());
        assert!(
            s["$id"]
                .as_str()
                .unwrap()
                .starts_with("urn:citynets:schema:")
        );
        assert!(s["title"].as_str().is_some_and(|t| !t.is_empty()));
        assert!(s["description"].as_str().is_some_and(|t| !t.is_empty()));
        // Every object schema is closed, every string and array is bounded, and no `format`
        // or combinator hides an enum (`allOf` only holds requirements on a discriminator).
        fn walk(v: &Value, at: &str) {
            if let Value::Object(m) = v {
                let types: Vec<&str> = match m.get("type") {
                    Some(Value::String(t)) => vec![t.as_str()],
                    Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).collect(),
                    _ => vec![],
                };
                if types.contains(&"object") {
                    assert_eq!(
                        m.get("additionalProperties"),
                        Some(&Value::Bool(false)),
                        "open object at {at}"
                    );
                }
                if types.contains(&"string") {
                    assert!(
                        m.contains_key("maxLength") || m.contains_key("enum"),
                        "unbounded string at {at}"
                    );
                }
                if types.contains(&"array") {
                    assert!(m.contains_key("maxItems"), "unbounded array at {at}");
                }
                for k in ["format", "oneOf", "anyOf", "const"] {
                    assert!(!m.contains_key(k), "{k} at {at}");
                }
                // `allOf` only says which fields a value of a discriminator needs: each branch
                // is an `if` on one property and a `then` that requires fields, nothing else.
                if let Some(all) = m.get("allOf") {
                    for branch in all.as_array().unwrap() {
                        let b = branch.as_object().unwrap();
                        assert_eq!(b.len(), 2, "allOf at {at}: {branch}");
                        let then = b["then"].as_object().unwrap();
                        assert!(
                            then.keys().all(|k| k == "required"),
                            "then at {at}: {branch}"
                        );
                        let when = b["if"].as_object().unwrap();
                        assert_eq!(when["properties"].as_object().unwrap().len(), 1);
                        assert_eq!(when["required"].as_array().unwrap().len(), 1);
                    }
                }
                for (k, x) in m {
                    walk(x, &format!("{at}/{k}"));
                }
            } else if let Value::Array(a) = v {
                for (i, x) in a.iter().enumerate() {
                    walk(x, &format!("{at}/{i}"));
                }
            }
        }
        walk(&s, "");
    }
}
