//! The CSV and wide-table cases of the shared validation fixtures (`tests/fixtures/validation/`
//! directories named `csv-*` and `wide-*`): an input, a `case.json` (document type — `network`,
//! `membership` or `membership-wide` —, format `csv`, what it shows, optionally a `delimiter`)
//! and an `expected.json` with the report in the shared record shape. `fixtures.rs` runs the
//! JSON cases.
//!
//! After a deliberate change of messages, regenerate the expected files with
//! `CITYNETS_BLESS=1 cargo test -p citynets --features csv --test fixtures_csv` and review the
//! diff.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail loudly

use std::path::{Path, PathBuf};

use citynets::DocumentKind;
use citynets::validate::csv::{CsvOptions, validate_csv_reader};
use citynets::validate::wide::validate_wide_reader;
use citynets::validate::{Code, Options, Report, Severity};
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

fn cases() -> Vec<PathBuf> {
    let mut cases: Vec<PathBuf> = std::fs::read_dir(dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            p.is_dir() && (name.starts_with("csv-") || name.starts_with("wide-"))
        })
        .collect();
    cases.sort();
    cases
}

fn report_of(case_dir: &Path) -> Report {
    let meta: Value =
        serde_json::from_str(&std::fs::read_to_string(case_dir.join("case.json")).unwrap())
            .unwrap();
    let input = meta["input"].as_str().unwrap();
    assert_eq!(meta["format"], "csv", "{}", case_dir.display());
    assert!(meta["about"].as_str().is_some_and(|a| !a.is_empty()));
    let csv = CsvOptions {
        delimiter: meta["delimiter"].as_str().map(|d| d.as_bytes()[0]),
    };
    let document = meta["document"].as_str().unwrap();
    let mut options = Options {
        path: Some(input.to_owned()),
        ..Options::default()
    };
    let file = std::io::BufReader::new(std::fs::File::open(case_dir.join(input)).unwrap());
    if document == "membership-wide" {
        validate_wide_reader(file, &options, &csv).unwrap()
    } else {
        options.document = Some(document.parse::<DocumentKind>().unwrap());
        validate_csv_reader(file, &options, &csv).unwrap()
    }
}

fn run_case(case_dir: &Path) -> Value {
    let report = report_of(case_dir);
    json!({
        "valid": report.is_valid(false),
        "errors": report.errors,
        "warnings": report.warnings,
        "records": report.records,
        "problems": report.problems,
    })
}

#[test]
fn every_csv_case_gives_its_expected_report() {
    let bless = std::env::var_os("CITYNETS_BLESS").is_some();
    let cases = cases();
    assert!(cases.len() >= 5, "only {} CSV cases", cases.len());
    let mut failures = Vec::new();
    for case in &cases {
        let got = run_case(case);
        let expected_path = case.join("expected.json");
        if bless {
            let mut text =
                serde_json::to_string_pretty(&sorted(serde_json::to_value(&got).unwrap())).unwrap();
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

/// A problem's code, record, line, column and column name.
type Key = (Code, Option<u64>, Option<u64>, Option<u64>, Option<String>);

fn keys(report: &Report) -> Vec<Key> {
    report
        .problems
        .iter()
        .map(|p| (p.code, p.record, p.line, p.column, p.column_name.clone()))
        .collect()
}

fn case(name: &str) -> Report {
    report_of(&dir().join(name))
}

fn col(s: &str) -> Option<String> {
    Some(s.to_owned())
}

/// What each case is meant to show, checked independently of the expected files.
#[test]
fn the_belgian_excel_export_is_read_as_windows_1252() {
    let r = case("csv-excel-belgian");
    assert_eq!(r.records, 3);
    assert_eq!(
        keys(&r),
        vec![
            // The è of "Liège" on line 3, column 14: the first byte that is not UTF-8.
            (Code::Encoding, Some(2), Some(3), Some(14), None),
            (Code::Pattern, Some(2), Some(3), Some(27), col("start_date")),
        ]
    );
    assert_eq!(r.problems[0].severity, Severity::Warning);
    assert!(r.problems[0].error.contains("Windows-1252"));
    assert_eq!(r.problems[1].suggestion.as_deref(), Some("2016-11-18"));
    assert_eq!(r.problems[1].instance_location, "/start_date");
}

#[test]
fn a_utf8_file_with_a_byte_order_mark_is_plain_csv() {
    let r = case("csv-utf8-bom");
    assert_eq!(r.records, 2);
    assert_eq!(r.problems, vec![]);
}

#[test]
fn a_utf16_file_is_decoded_with_a_warning() {
    let r = case("csv-utf16");
    assert_eq!(r.records, 2);
    assert_eq!(
        keys(&r),
        vec![
            (Code::Encoding, None, Some(1), Some(1), None),
            (
                Code::UnknownVariant,
                Some(1),
                Some(2),
                Some(51),
                col("scope")
            ),
        ]
    );
    assert!(r.problems[0].error.contains("UTF-16 (little-endian"));
    assert_eq!(r.problems[1].suggestion.as_deref(), Some("european"));
}

#[test]
fn unknown_columns_bad_json_cells_and_values_inside_json_cells_are_placed_where_they_are() {
    let r = case("csv-unknown-column");
    assert_eq!(
        keys(&r),
        vec![
            (
                Code::UnknownField,
                Some(1),
                Some(2),
                Some(23),
                col("polcy_areas")
            ),
            // At the value inside the cell's JSON: the `""ful""` of the row.
            (
                Code::UnknownVariant,
                Some(1),
                Some(2),
                Some(159),
                col("memberships")
            ),
            (Code::Syntax, Some(2), Some(3), Some(52), col("memberships")),
        ]
    );
    assert_eq!(r.problems[0].suggestion.as_deref(), Some("policy_areas"));
    assert_eq!(r.problems[0].keyword_location, "/additionalProperties");
    assert_eq!(r.problems[1].instance_location, "/memberships/0/status");
    assert_eq!(r.problems[1].suggestion.as_deref(), Some("full"));
}

#[test]
fn a_wide_table_gives_membership_problems_at_their_cells() {
    let r = case("wide-research");
    assert_eq!(
        keys(&r),
        vec![
            (Code::Pattern, None, Some(1), Some(57), col("Tram Towns")),
            (
                Code::UnknownVariant,
                Some(2),
                Some(3),
                Some(54),
                col("ICLEI")
            ),
            (
                Code::UnknownVariant,
                Some(3),
                Some(4),
                Some(6),
                col("country")
            ),
            (
                Code::OutOfRange,
                Some(3),
                Some(4),
                Some(56),
                col("eurocities")
            ),
        ]
    );
    assert_eq!(r.problems[0].suggestion.as_deref(), Some("tram-towns"));
    assert_eq!(r.problems[1].suggestion.as_deref(), Some("observer"));
    // The country name is one problem, with the code it means.
    assert_eq!(r.problems[2].suggestion.as_deref(), Some("BE"));
    assert!(r.problems[3].error.contains("ambiguous"));
    // Ghent: eurocities, ICLEI, Covenant; Liège: ICLEI, Covenant; Mons: Covenant, (C40 is not
    // a network column).
    assert_eq!(r.records, 6);
}
