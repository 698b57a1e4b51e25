//! End-to-end tests of CSV and wide tables: `validate` with `--format csv`, `--delimiter` and
//! `--document membership-wide`, `convert --from wide`, and `export --format csv`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use citynets::{Membership, Network};

#[path = "support/run.rs"]
mod support;
use support::{Run, outcome};

/// The shared validation fixtures.
fn shared() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/validation")
}

fn run_in(dir: &Path, args: &[&str], stdin: &[u8]) -> Run {
    outcome(
        Command::cargo_bin("citynets")
            .unwrap()
            .current_dir(dir)
            .args(args),
        stdin,
    )
}

fn run(args: &[&str], stdin: &[u8]) -> Run {
    run_in(&shared(), args, stdin)
}

const WIDE_GOOD: &str = "city,country,eurocities,ICLEI,Covenant of Mayors,# note\n\
                         Ghent,BE,1,full,signatory,core city\n\
                         Liège,BE,0,x,,\n";

#[test]
fn export_csv_is_one_row_per_network_and_valid() {
    let r = run(&["export", "--format", "csv"], b"");
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.starts_with("id,name,acronym,"),
        "{}",
        &r.stdout[..80]
    );
    let mut reader = csv::Reader::from_reader(r.stdout.as_bytes());
    assert_eq!(reader.records().count(), 38);
    // Validating the export finds nothing, and reading it back gives the catalogue.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("ghent.csv"), &r.stdout).unwrap();
    let v = run_in(dir.path(), &["validate", "ghent.csv"], b"");
    assert_eq!(v.code, 0, "{}{}", v.stdout, v.stderr);
    assert_eq!(v.stdout, "ghent.csv: valid (38 records)\n");
    let mut rows = citynets::validate::csv::CsvReader::new(
        r.stdout.as_bytes(),
        citynets::DocumentKind::Network,
        &Default::default(),
    )
    .unwrap();
    let mut back: Vec<Network> = Vec::new();
    while let Some(row) = rows.next_record().unwrap() {
        back.push(serde_json::from_value(row.value).unwrap());
    }
    assert_eq!(back, citynets::ghent().iter().cloned().collect::<Vec<_>>());
}

#[test]
fn export_csv_for_excel_has_semicolons_and_a_byte_order_mark() {
    let r = run(
        &["export", "--format", "csv", "--delimiter", ";", "--bom"],
        b"",
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.starts_with("\u{FEFF}id;name;acronym;"));
    // Standard input needs --format csv; the delimiter is found from the header.
    let v = run(&["validate", "--format", "csv", "-"], r.stdout.as_bytes());
    assert_eq!(v.code, 0, "{}{}", v.stdout, v.stderr);
    assert_eq!(v.stdout, "<stdin>: valid (38 records)\n");
    let bad = run(&["export", "--bom"], b"");
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("--format csv only"), "{}", bad.stderr);
}

#[test]
fn validate_places_problems_at_cells_with_their_column() {
    let r = run(
        &[
            "validate",
            "--document",
            "membership",
            "csv-excel-belgian/input.csv",
        ],
        b"",
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stdout
            .contains("csv-excel-belgian/input.csv:3:14: warning[encoding]"),
        "{}",
        r.stdout
    );
    // The excerpt is the decoded line, with the marker under the cell.
    assert!(
        r.stdout.contains(
            " 3 | polis;city;Liège;BE;;full;18/11/2016;Lid via de dienst Mobiliteit\n   |                           ^\n  = in: column \"start_date\", row 2\n  = help: did you mean \"2016-11-18\"?"
        ),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .ends_with("csv-excel-belgian/input.csv: 1 error, 1 warning\n")
    );
}

#[test]
fn validate_json_output_names_the_column() {
    let r = run(
        &[
            "validate",
            "--output",
            "json",
            "csv-unknown-column/input.csv",
        ],
        b"",
    );
    assert_eq!(r.code, 1);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let errors = &v["files"][0]["errors"];
    assert_eq!(errors[0]["columnName"], "polcy_areas");
    assert_eq!(errors[0]["suggestion"], "policy_areas");
    assert_eq!(errors[2]["columnName"], "memberships");
    assert_eq!(errors[2]["code"], "syntax");
}

#[test]
fn the_delimiter_can_be_given() {
    let table = b"id|name\neurocities|Eurocities\n";
    let r = run(
        &["validate", "--format", "csv", "--delimiter", "|", "-"],
        table,
    );
    assert_eq!(r.code, 0, "{}", r.stdout);
    // Read with the detected comma, the header is one unknown column.
    let r = run(&["validate", "--format", "csv", "-"], table);
    assert_eq!(r.code, 1);
    assert!(r.stdout.contains("error[unknown_field]"), "{}", r.stdout);
    let tab = run(
        &[
            "validate",
            "--format",
            "csv",
            "--delimiter",
            "tab",
            "csv-utf16/input.txt",
        ],
        b"",
    );
    assert_eq!(tab.code, 1);
    assert!(
        tab.stdout
            .contains("input.txt:2:51: error[unknown_variant]"),
        "{}",
        tab.stdout
    );
}

#[test]
fn csv_usage_errors_exit_2() {
    let r = run(
        &["validate", "--format", "json", "--delimiter", ";", "-"],
        b"[]",
    );
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("CSV input only"), "{}", r.stderr);
    let r = run(
        &[
            "validate",
            "--document",
            "catalogue",
            "csv-utf8-bom/input.csv",
        ],
        b"",
    );
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("not a catalogue"), "{}", r.stderr);
    let r = run(&["validate", "--delimiter", ";;", "x.csv"], b"");
    assert_eq!(r.code, 2);
    let r = run(
        &[
            "validate",
            "--document",
            "membership-wide",
            "--format",
            "ndjson",
            "-",
        ],
        b"",
    );
    assert_eq!(r.code, 2);
    // `membership-wide` is a way to read a file, not a schema.
    let r = run(&["schema", "--document", "membership-wide"], b"");
    assert_eq!(r.code, 2);
}

#[test]
fn validate_a_wide_table() {
    let r = run(
        &[
            "validate",
            "--document",
            "membership-wide",
            "wide-research/input.csv",
        ],
        b"",
    );
    assert_eq!(r.code, 1);
    assert!(
        r.stdout
            .contains("input.csv:4:56: error[out_of_range]: \"4\" is a numeric grade"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("= help: did you mean \"tram-towns\"?"),
        "{}",
        r.stdout
    );
    // The country name is one error, with the code it means.
    assert!(
        r.stdout.contains(
            "input.csv:4:6: error[unknown_variant]: \"Belgium\" is not an assigned ISO 3166-1"
        ),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("= help: did you mean \"BE\"?"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.ends_with("wide-research/input.csv: 4 errors\n"),
        "{}",
        r.stdout
    );
    let good = run(
        &["validate", "--document", "membership-wide", "-"],
        WIDE_GOOD.as_bytes(),
    );
    assert_eq!(good.code, 0, "{}", good.stdout);
    assert_eq!(good.stdout, "<stdin>: valid (4 records)\n");
}

#[test]
fn convert_a_wide_table_to_ndjson() {
    let r = run(&["convert", "--from", "wide", "-"], WIDE_GOOD.as_bytes());
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stderr, "");
    let records: Vec<Membership> = r
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let ids: Vec<(&str, &str)> = records
        .iter()
        .map(|m| {
            let city = m.member.city.as_ref().map_or("", |c| c.as_str());
            (city, m.organization_id.as_str())
        })
        .collect();
    assert_eq!(
        ids,
        [
            ("Ghent", "eurocities"),
            ("Ghent", "iclei"),
            ("Ghent", "covenant-of-mayors"),
            ("Liège", "iclei")
        ]
    );
    assert_eq!(records[1].status, Some(citynets::Status::Full));
    assert_eq!(records[3].status, None);
}

#[test]
fn convert_leaves_out_the_records_with_errors_and_says_so() {
    let r = run(
        &["convert", "--from", "wide", "wide-research/input.csv"],
        b"",
    );
    assert_eq!(r.code, 1);
    assert_eq!(r.stdout.lines().count(), 4, "{}", r.stdout);
    assert!(r.stderr.contains("error[out_of_range]"), "{}", r.stderr);
    assert!(
        r.stderr.ends_with(
            "4 of 6 membership records written; the records with errors were left out\n"
        ),
        "{}",
        r.stderr
    );
}

#[test]
fn convert_to_csv_gives_a_membership_table_that_validates() {
    let r = run(
        &["convert", "--from", "wide", "--to", "csv", "-"],
        WIDE_GOOD.as_bytes(),
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout
            .starts_with("organization_id,member.kind,member.city,member.country,"),
        "{}",
        r.stdout
    );
    let v = run(
        &[
            "validate",
            "--format",
            "csv",
            "--document",
            "membership",
            "-",
        ],
        r.stdout.as_bytes(),
    );
    assert_eq!(v.code, 0, "{}", v.stdout);
    assert_eq!(v.stdout, "<stdin>: valid (4 records)\n");
}

#[test]
fn convert_a_missing_file_exits_2() {
    let r = run(&["convert", "--from", "wide", "no-such-file.csv"], b"");
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("no-such-file.csv: cannot open"),
        "{}",
        r.stderr
    );
    let r = run(&["convert", "wide-research/input.csv"], b"");
    assert_eq!(r.code, 2, "--from is required");
}
