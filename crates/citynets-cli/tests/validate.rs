//! End-to-end tests of `citynets validate` with the validation engine, on the small files
//! under `tests/fixtures/`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;

use assert_cmd::Command;

#[path = "support/run.rs"]
mod support;
use support::{Run, outcome};

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// Runs `citynets ARGS` in the fixtures folder, so that file names in the output are short.
fn run(args: &[&str], stdin: &[u8]) -> Run {
    outcome(
        Command::cargo_bin("citynets")
            .unwrap()
            .current_dir(fixtures())
            .args(args),
        stdin,
    )
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(fixtures().join(name)).unwrap()
}

#[test]
fn a_valid_file_exits_0() {
    let r = run(&["validate", "networks-good.json"], b"");
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert_eq!(r.stdout, "networks-good.json: valid (1 record)\n");
    assert_eq!(r.stderr, "");
}

#[test]
fn the_embedded_catalogue_is_valid() {
    let catalogue = citynets::ghent().to_json_pretty();
    let r = run(&["validate", "-"], catalogue.as_bytes());
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    let r = run(
        &[
            "validate",
            "--strict",
            "--output",
            "json",
            "--document",
            "catalogue",
            "-",
        ],
        catalogue.as_bytes(),
    );
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["files"][0]["errorCount"], 0, "{}", r.stdout);
}

#[test]
fn an_invalid_file_exits_1_with_excerpts_and_markers() {
    let r = run(&["validate", "networks-bad.ndjson"], b"");
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_eq!(r.stderr, "");
    assert!(
        r.stdout.starts_with(
            "networks-bad.ndjson:1:61: error[unknown_variant]: \"mobilty\" is not a PolicyArea value"
        ),
        "{}",
        r.stdout
    );
    // The excerpt and the marker under the value, then the suggestion.
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(
        lines[1],
        " 1 | {\"id\": \"eurocities\", \"name\": \"Eurocities\", \"policy_areas\": [\"mobilty\"]}"
    );
    assert_eq!(lines[2], format!("   | {}^", " ".repeat(60)));
    assert_eq!(lines[3], "  = help: did you mean \"mobility\"?");
    // Columns count code points: "europe" comes after "Gënt — Ville de Gand".
    assert!(
        r.stdout
            .contains("networks-bad.ndjson:2:62: error[unknown_variant]"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .ends_with("networks-bad.ndjson: 4 errors, 1 warning\n"),
        "{}",
        r.stdout
    );
    insta::assert_snapshot!("validate_networks_bad_ndjson", r.stdout);
}

#[test]
fn membership_records() {
    let r = run(
        &[
            "validate",
            "--document",
            "membership",
            "memberships-bad.json",
        ],
        b"",
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stdout.contains("did you mean \"full\"?"), "{}", r.stdout);
    insta::assert_snapshot!("validate_memberships_bad_json", r.stdout);
}

#[test]
fn json_output_has_the_basic_shape() {
    let r = run(
        &[
            "validate",
            "--output",
            "json",
            "networks-good.json",
            "networks-bad.ndjson",
        ],
        b"",
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["valid"], false);
    assert_eq!(v["ioErrors"], serde_json::json!([]));
    let files = v["files"].as_array().unwrap();
    assert_eq!(files.len(), 2);
    assert_eq!(files[0]["path"], "networks-good.json");
    assert_eq!(files[0]["valid"], true);
    assert_eq!(files[0]["errors"], serde_json::json!([]));
    let bad = &files[1];
    assert_eq!(bad["path"], "networks-bad.ndjson");
    assert_eq!(bad["valid"], false);
    assert_eq!(bad["errorCount"], 4);
    assert_eq!(bad["warningCount"], 1);
    let errors = bad["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 5);
    let first = &errors[0];
    assert_eq!(first["path"], "networks-bad.ndjson");
    assert_eq!(first["instanceLocation"], "/policy_areas/0");
    assert_eq!(first["record"], 1);
    assert_eq!(first["line"], 1);
    assert_eq!(first["column"], 61);
    assert_eq!(first["code"], "unknown_variant");
    assert_eq!(first["severity"], "error");
    assert_eq!(first["suggestion"], "mobility");
    assert!(
        first["keywordLocation"]
            .as_str()
            .unwrap()
            .ends_with("/enum")
    );
    assert!(
        errors
            .iter()
            .any(|p| p["severity"] == "warning" && p["code"] == "duplicate_key"),
        "{}",
        r.stdout
    );
    // Every problem round-trips into the core type.
    let _: Vec<citynets::validate::Problem> =
        serde_json::from_value(bad["errors"].clone()).unwrap();
}

#[test]
fn standard_input() {
    let bad = fixture("networks-bad.ndjson");
    let r = run(&["validate", "-"], &bad);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stdout.starts_with("<stdin>:1:61: error[unknown_variant]"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("\n   | "),
        "the excerpt is shown: {}",
        r.stdout
    );
    assert!(
        r.stdout.ends_with("<stdin>: 4 errors, 1 warning\n"),
        "{}",
        r.stdout
    );

    let r = run(
        &["validate", "--format", "ndjson", "--output", "json", "-"],
        &bad,
    );
    assert_eq!(r.code, 1);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["files"][0]["path"], "<stdin>");
    assert_eq!(v["files"][0]["errorCount"], 4);

    let good = fixture("networks-good.json");
    let r = run(&["validate", "-"], &good);
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert_eq!(r.stdout, "<stdin>: valid (1 record)\n");
}

#[test]
fn strict_makes_warnings_count() {
    let r = run(&["validate", "networks-warning.ndjson"], b"");
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert!(r.stdout.contains("warning[duplicate_key]"), "{}", r.stdout);
    assert!(
        r.stdout
            .ends_with("networks-warning.ndjson: valid (1 record), 1 warning\n"),
        "{}",
        r.stdout
    );

    let r = run(&["validate", "--strict", "networks-warning.ndjson"], b"");
    assert_eq!(r.code, 1, "{}", r.stdout);
    assert!(
        r.stdout
            .ends_with("networks-warning.ndjson: 1 warning (invalid with --strict)\n"),
        "{}",
        r.stdout
    );

    let r = run(
        &[
            "validate",
            "--strict",
            "--output",
            "json",
            "networks-warning.ndjson",
        ],
        b"",
    );
    assert_eq!(r.code, 1);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["valid"], false);
    assert_eq!(v["files"][0]["valid"], false);
    assert_eq!(v["files"][0]["errorCount"], 0);
    assert_eq!(v["files"][0]["warningCount"], 1);
    assert_eq!(v["files"][0]["errors"][0]["severity"], "warning");
}

#[test]
fn the_exit_status_is_the_highest_over_all_files() {
    let r = run(
        &["validate", "networks-good.json", "networks-bad.ndjson"],
        b"",
    );
    assert_eq!(r.code, 1);
    let r = run(
        &["validate", "networks-bad.ndjson", "networks-good.json"],
        b"",
    );
    assert_eq!(r.code, 1);
    assert!(
        r.stdout.ends_with("networks-good.json: valid (1 record)\n"),
        "{}",
        r.stdout
    );
    let r = run(
        &[
            "validate",
            "networks-bad.ndjson",
            "missing.json",
            "networks-good.json",
        ],
        b"",
    );
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("missing.json: cannot open"),
        "{}",
        r.stderr
    );
}

#[test]
fn max_errors_stops_at_the_nth_error_and_says_so() {
    let mut table = String::from("organization_id,member.kind,member.city,member.country,status\n");
    for i in 0..50 {
        table.push_str(&format!("eurocities,city,Town {i},BE,fulll\n"));
    }
    let r = run(
        &[
            "validate",
            "--max-errors",
            "3",
            "--output",
            "json",
            "--document",
            "membership",
            "--format",
            "csv",
            "-",
        ],
        table.as_bytes(),
    );
    assert_eq!(r.code, 1);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let problems = v["files"][0]["errors"].as_array().unwrap();
    let errors = problems.iter().filter(|p| p["severity"] == "error").count();
    assert_eq!(errors, 3, "{}", r.stdout);
    let last = problems.last().unwrap();
    assert_eq!(last["code"], "too_many_problems");
    assert!(last["error"].as_str().unwrap().contains("--max-errors 3"));
    // 0 is refused: it would show nothing.
    let r = run(&["validate", "--max-errors", "0", "-"], b"{}");
    assert_eq!(r.code, 2);
}
