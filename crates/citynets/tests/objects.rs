//! Values already parsed (`validate_objects`, `validate_value`): the report of the tape's walk
//! is the report of the same data as text, and a list whose records are all clean is answered
//! by the typed pass without the walk. The Python package's objects take this same path
//! (`python/tests/test_objects.py` compares them with text from Python).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail loudly

use std::sync::Arc;

use citynets::DocumentKind;
use citynets::validate::tape::{Tape, TapeError};
use citynets::validate::{
    Code, Format, Objects, Options, PARALLEL_RECORDS, Problem, validate_bytes, validate_objects,
    validate_value,
};
use serde_json::{Value, json};

/// What a problem says, without the place in the text (values already parsed have none).
fn said(problems: &[Problem]) -> Vec<String> {
    let mut out: Vec<String> = problems
        .iter()
        .map(|p| {
            format!(
                "{:?} {:?} {} {} {} {:?}",
                p.record, p.code, p.instance_location, p.keyword_location, p.error, p.suggestion
            )
        })
        .collect();
    // A parsed object's keys are sorted, so problems within a record may come in another order.
    out.sort();
    out
}

fn same_as_text(value: &Value, document: Option<DocumentKind>) {
    let text = serde_json::to_vec(value).unwrap();
    let options = Options {
        document,
        format: Some(Format::Json),
        ..Options::default()
    };
    let from_text = validate_bytes(&text, &options);
    let from_value = validate_value(value, document);
    assert_eq!(said(&from_value.problems), said(&from_text.problems));
    assert_eq!(
        (from_value.errors, from_value.warnings, from_value.records),
        (from_text.errors, from_text.warnings, from_text.records)
    );
    assert!(from_value.problems.iter().all(|p| p.line.is_none()));
}

fn repo(path: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(path)
}

/// The shared fixtures that are JSON without repeated keys (which a parsed value cannot hold)
/// give the same report walked as a tape as read as text.
#[test]
fn fixtures_walked_as_tapes_report_as_text() {
    let mut compared = 0;
    for entry in std::fs::read_dir(repo("tests/fixtures/validation")).unwrap() {
        let dir = entry.unwrap().path();
        let meta: Value =
            serde_json::from_str(&std::fs::read_to_string(dir.join("case.json")).unwrap()).unwrap();
        if meta["format"].as_str().is_some_and(|f| f != "json") {
            continue;
        }
        let bytes = std::fs::read(dir.join(meta["input"].as_str().unwrap())).unwrap();
        let Ok(value) = serde_json::from_slice::<Value>(&bytes) else {
            continue;
        };
        let document = meta["document"].as_str().map(|d| d.parse().unwrap());
        let text = validate_bytes(
            &bytes,
            &Options {
                document,
                format: Some(Format::Json),
                ..Options::default()
            },
        );
        if text.problems.iter().any(|p| p.code == Code::DuplicateKey) {
            continue;
        }
        same_as_text(&value, document);
        compared += 1;
    }
    assert!(compared >= 6, "only {compared} fixtures compared");
}

/// The embedded catalogue, its networks as a list and its memberships, clean and broken.
#[test]
fn the_catalogue_clean_and_broken_reports_as_text() {
    let catalogue = serde_json::to_value(citynets::ghent()).unwrap();
    same_as_text(&catalogue, None);
    let networks = catalogue["networks"].clone();
    same_as_text(&networks, None);
    let mut broken = networks.clone();
    broken[3]["policy_areas"] = json!(["mobilty", 3, null]);
    broken[5]["founding_date"] = json!(true);
    broken[7]["id"] = broken[2]["id"].clone();
    broken[9]["members"] = json!({"count": 1.5e300, "deep": [[[[{}]]]]});
    same_as_text(&broken, None);
    same_as_text(
        &json!([{"id": "x", "name": "X", "count": 18446744073709551615u64}]),
        None,
    );
}

/// Values that wrap a `serde_json::Value` and count the writes of the whole value: the walk.
struct Counted {
    value: Value,
    walks: usize,
}

impl Objects for Counted {
    fn list_len(&self) -> Option<usize> {
        self.value.list_len()
    }
    fn write_item(&mut self, index: usize, tape: &mut Tape) -> Result<(), TapeError> {
        self.value.write_item(index, tape)
    }
    fn write(&mut self, tape: &mut Tape) -> Result<(), TapeError> {
        self.walks += 1;
        self.value.write(tape)
    }
}

fn many(n: usize) -> Vec<Value> {
    let networks = serde_json::to_value(citynets::ghent()).unwrap()["networks"].clone();
    let networks = networks.as_array().unwrap();
    (0..n)
        .map(|i| {
            let mut r = networks[i % networks.len()].clone();
            r["id"] = json!(format!("many-{i}"));
            r["name"] = json!(format!("Many {i}"));
            // An acronym of the catalogue's would be a warning on another id.
            r.as_object_mut().unwrap().remove("acronym");
            r
        })
        .collect()
}

/// Clean records, on one thread or several, are answered by the typed pass; one warning or
/// error anywhere (or a repeated id across tapes) sends the list to the walk, whose report is
/// the text's: in chunks from [`PARALLEL_RECORDS`] records (the caller writes records, never
/// the whole value), whole below.
#[test]
fn clean_lists_take_the_typed_pass_and_any_problem_the_walk() {
    let known = Arc::default();
    for (n, threads) in [(40, 1), (3000, 1), (3000, 3)] {
        let mut clean = Counted {
            value: Value::Array(many(n)),
            walks: 0,
        };
        let report = validate_objects(&mut clean, None, &known, threads).unwrap();
        assert_eq!(
            (report.records, report.problems.len()),
            (n as u64, 0),
            "{:?}",
            report.problems.first()
        );
        assert_eq!(clean.walks, 0, "{n} records on {threads} threads");
        for (at, change) in [
            (n - 1, json!({"policy_areas": ["mobilty"]})),
            (n / 2, json!({"founding_date": "2100"})),
            (n - 2, json!({"id": "many-0"})),
        ] {
            let mut value = Value::Array(many(n));
            for (k, v) in change.as_object().unwrap() {
                value[at][k] = v.clone();
            }
            let mut broken = Counted {
                value: value.clone(),
                walks: 0,
            };
            let report = validate_objects(&mut broken, None, &known, threads).unwrap();
            assert_eq!(broken.walks, usize::from(n < PARALLEL_RECORDS));
            assert_eq!(report, validate_value(&value, None));
            assert!(!report.problems.is_empty(), "{change}");
            assert!(
                report
                    .problems
                    .iter()
                    .all(|p| p.record == Some(at as u64 + 1))
            );
            same_as_text(&value, None);
        }
    }
}

/// Deeper than the validator reads: one `too_deep` problem at the first place too deep, and
/// the tape refuses to become text.
#[test]
fn too_deep_values_get_one_problem_at_their_place() {
    let mut v = json!({"id": "x"});
    for _ in 0..80 {
        v = json!([v]);
    }
    let report = validate_value(&json!([{"id": "x", "name": "X", "notes": [v]}]), None);
    let [p] = &report.problems[..] else {
        panic!("{:?}", report.problems)
    };
    assert_eq!(p.code, Code::TooDeep);
    assert!(p.instance_location.starts_with("/0/notes/0/0/0"));
    let mut tape = Tape::default();
    Value::Array(vec![v]).write(&mut tape).unwrap();
    let e = tape.to_json().unwrap_err();
    assert!(
        e.message
            .starts_with("the data is nested deeper than 64 levels at /0/0/"),
        "{e}"
    );
}
