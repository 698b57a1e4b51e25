//! The shared validation fixtures under `tests/fixtures/validation/`: each case is an input file,
//! a `case.json` (document type, format, what it shows) and an `expected.json` with the report in
//! the shared record shape. The Python package runs the same cases.
//!
//! After a deliberate change of messages, regenerate the expected files with
//! `CITYNETS_BLESS=1 cargo test -p citynets --test fixtures` and review the diff.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail loudly

use std::path::PathBuf;

use citynets::validate::{Format, Options, Report, validate_reader};
use serde_json::{Value, json};

#[path = "support/sorted.rs"]
mod support;
use support::sorted;

fn dir() -> PathBuf {
    PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/validation"
    ))
}

/// The CSV and wide-table cases, which `fixtures_csv.rs` runs.
fn csv_case(p: &std::path::Path) -> bool {
    p.file_name().is_some_and(|n| {
        n.to_string_lossy().starts_with("csv-") || n.to_string_lossy().starts_with("wide-")
    })
}

fn run_case(case_dir: &std::path::Path) -> Value {
    let meta: Value =
        serde_json::from_str(&std::fs::read_to_string(case_dir.join("case.json")).unwrap())
            .unwrap();
    let input = meta["input"].as_str().unwrap();
    let options = Options {
        document: meta["document"].as_str().map(|d| d.parse().unwrap()),
        format: meta["format"].as_str().map(|f| {
            if f == "ndjson" {
                Format::Ndjson
            } else {
                Format::Json
            }
        }),
        path: Some(input.to_owned()),
        ..Options::default()
    };
    let file = std::fs::File::open(case_dir.join(input)).unwrap();
    let report: Report = validate_reader(std::io::BufReader::new(file), &options).unwrap();
    json!({
        "valid": report.is_valid(false),
        "errors": report.errors,
        "warnings": report.warnings,
        "records": report.records,
        "problems": report.problems,
    })
}

#[test]
fn every_case_gives_its_expected_report() {
    let bless = std::env::var_os("CITYNETS_BLESS").is_some();
    let mut cases: Vec<PathBuf> = std::fs::read_dir(dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir() && !csv_case(p))
        .collect();
    cases.sort();
    assert!(cases.len() >= 15, "only {} cases", cases.len());
    let mut failures = Vec::new();
    for case in &cases {
        let got = run_case(case);
        let expected_path = case.join("expected.json");
        if bless {
            // Keys sorted, whatever order serde_json keeps them in with the features built.
            let mut text = serde_json::to_string_pretty(&sorted(got)).unwrap();
            text.push('\n');
            std::fs::write(&expected_path, text).unwrap();
            continue;
        }
        let expected: Value = match std::fs::read_to_string(&expected_path) {
            Ok(t) => serde_json::from_str(&t).unwrap(),
            Err(_) => {
                failures.push(format!(
                    "{}: no expected.json (run with CITYNETS_BLESS=1 and review)",
                    case.display()
                ));
                continue;
            }
        };
        if got != expected {
            failures.push(format!(
                "{}:\nexpected {}\n     got {}",
                case.file_name().unwrap().to_string_lossy(),
                serde_json::to_string_pretty(&expected).unwrap(),
                serde_json::to_string_pretty(&got).unwrap()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// Every case that is not meant to be valid reports at least one problem; the valid one none.
#[test]
fn cases_mean_what_they_say() {
    for entry in std::fs::read_dir(dir()).unwrap() {
        let case = entry.unwrap().path();
        if !case.is_dir() || csv_case(&case) {
            continue;
        }
        let got = run_case(&case);
        let name = case.file_name().unwrap().to_string_lossy().to_string();
        match name.as_str() {
            "valid-list" => assert_eq!(got["problems"], json!([]), "{name}"),
            "byte-order-mark" | "ids" | "duplicate-keys" => {
                assert_eq!(got["valid"], true, "{name}");
                assert!(got["warnings"].as_u64().unwrap() > 0, "{name}");
            }
            _ => assert_eq!(got["valid"], false, "{name}"),
        }
    }
}
