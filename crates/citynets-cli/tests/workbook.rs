//! End-to-end tests of workbooks: `citynets validate` on `.xlsx` files made here with
//! `rust_xlsxwriter`, with `--sheet`, `--output json` and `--format workbook`, and the
//! refusals: a workbook named as CSV, `--sheet` on a file that is not a workbook, a sheet that
//! is not there, an `.xls` file too large to read whole.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;

use assert_cmd::Command;
use rust_xlsxwriter::Workbook;

#[path = "support/run.rs"]
mod support;
use support::{Run, outcome};

fn run_in(dir: &Path, args: &[&str], stdin: &[u8]) -> Run {
    outcome(
        Command::cargo_bin("citynets")
            .unwrap()
            .current_dir(dir)
            .args(args)
            .env("NO_COLOR", "1"),
        stdin,
    )
}

/// A workbook of two sheets: `Sheet1` with a misspelt scope in C3, `My sheet` with a bad id in
/// A2. Written to `dir/name`, and returned.
fn book(dir: &Path, name: &str) -> Vec<u8> {
    let mut book = Workbook::new();
    let first = book.add_worksheet();
    for (c, text) in ["id", "name", "scope"].iter().enumerate() {
        first.write_string(0, c as u16, *text).unwrap();
    }
    first.write_string(1, 0, "eurocities").unwrap();
    first.write_string(1, 1, "Eurocities").unwrap();
    first.write_string(1, 2, "european").unwrap();
    first.write_string(2, 0, "c40").unwrap();
    first.write_string(2, 1, "C40").unwrap();
    first.write_string(2, 2, "globl").unwrap();
    let second = book.add_worksheet();
    second.set_name("My sheet").unwrap();
    second.write_string(0, 0, "id").unwrap();
    second.write_string(0, 1, "name").unwrap();
    second.write_string(1, 0, "Not An Id").unwrap();
    second.write_string(1, 1, "X").unwrap();
    let bytes = book.save_to_buffer().unwrap();
    std::fs::write(dir.join(name), &bytes).unwrap();
    bytes
}

#[test]
fn problems_in_a_workbook_are_shown_at_their_cells() {
    let dir = tempfile::tempdir().unwrap();
    book(dir.path(), "book.xlsx");
    let r = run_in(dir.path(), &["validate", "book.xlsx"], b"");
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    assert!(
        r.stdout.starts_with(
            "book.xlsx:Sheet1!C3: error[unknown_variant]: \"globl\" is not a Scope value"
        ),
        "{}",
        r.stdout
    );
    // The cell names the row: the record's number, which is not the row's, is not shown.
    assert!(
        r.stdout.contains("\n  = in: column \"scope\"\n"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("  = help: did you mean \"global\"?\n"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.ends_with("\nbook.xlsx: 1 error\n"), "{}", r.stdout);

    // Another sheet, by name; and in JSON, the cell with the sheet's row and column.
    let r = run_in(
        dir.path(),
        &[
            "validate",
            "--sheet",
            "My sheet",
            "--output",
            "json",
            "book.xlsx",
        ],
        b"",
    );
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    let out: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let p = &out["files"][0]["errors"][0];
    assert_eq!(p["cell"], "'My sheet'!A2", "{p}");
    assert_eq!((&p["line"], &p["column"]), (&2.into(), &1.into()), "{p}");
    assert_eq!(p["columnName"], "id", "{p}");
    assert_eq!(p["code"], "pattern", "{p}");
}

#[test]
fn a_workbook_can_come_on_standard_input_with_its_format_named() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = book(dir.path(), "book.xlsx");
    let r = run_in(
        dir.path(),
        &["validate", "--format", "workbook", "-"],
        &bytes,
    );
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    assert!(
        r.stdout
            .starts_with("<stdin>:Sheet1!C3: error[unknown_variant]"),
        "{}",
        r.stdout
    );
    // Named otherwise, or not at all, it is told what it is.
    for args in [
        &["validate", "-"][..],
        &["validate", "--format", "csv", "-"],
    ] {
        let r = run_in(dir.path(), args, &bytes);
        assert_eq!(r.code, 1, "{args:?}: {}{}", r.stdout, r.stderr);
        assert!(
            r.stdout.starts_with(
                "<stdin>:1:1: error[encoding]: this is an Excel workbook (or an ODS spreadsheet)"
            ),
            "{args:?}: {}",
            r.stdout
        );
        assert!(r.stdout.contains("--format workbook"), "{}", r.stdout);
    }
}

#[test]
fn a_workbook_named_as_csv_is_told_what_it_is() {
    let dir = tempfile::tempdir().unwrap();
    book(dir.path(), "export.csv");
    let r = run_in(dir.path(), &["validate", "export.csv"], b"");
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    assert!(
        r.stdout.starts_with(
            "export.csv:1:1: error[encoding]: this is an Excel workbook (or an ODS spreadsheet), \
             not CSV text: give it a .xlsx, .xlsm, .xls or .ods name, or say that its format is \
             workbook (`--format workbook`)"
        ),
        "{}",
        r.stdout
    );
    // Said to be one, it is read as one.
    let r = run_in(
        dir.path(),
        &["validate", "--format", "workbook", "export.csv"],
        b"",
    );
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    assert!(
        r.stdout.starts_with("export.csv:Sheet1!C3: "),
        "{}",
        r.stdout
    );
}

#[test]
fn what_does_not_fit_a_workbook_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    book(dir.path(), "book.xlsx");
    std::fs::write(dir.path().join("a.json"), "[]").unwrap();
    let cases: [(&[&str], &str); 4] = [
        (
            &["validate", "--sheet", "Nope", "book.xlsx"],
            "error: book.xlsx: the workbook has no sheet named \"Nope\"; its sheets are: \
             \"Sheet1\", \"My sheet\"\n",
        ),
        (
            &["validate", "--sheet", "Sheet1", "a.json"],
            "error: a.json: --sheet applies to workbooks only (.xlsx, .xlsm, .xls, .ods, or \
             --format workbook)\n",
        ),
        (
            &["validate", "--delimiter", ";", "book.xlsx"],
            "error: --delimiter applies to CSV input only\n",
        ),
        (
            &["validate", "--document", "membership-wide", "book.xlsx"],
            "error: book.xlsx: --document membership-wide reads a CSV table; save the sheet \
             as CSV\n",
        ),
    ];
    for (args, stderr) in cases {
        let r = run_in(dir.path(), args, b"");
        assert_eq!(r.code, 2, "{args:?}: {}{}", r.stdout, r.stderr);
        assert_eq!(r.stderr, stderr, "{args:?}");
    }
    // An .xls file larger than what is read whole: refused before it is read.
    let big = dir.path().join("big.xls");
    std::fs::write(&big, b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1").unwrap();
    std::fs::File::options()
        .write(true)
        .open(&big)
        .unwrap()
        .set_len(citynets::validate::MAX_FILE_BYTES + 1)
        .unwrap();
    let r = run_in(dir.path(), &["validate", "big.xls"], b"");
    assert_eq!(r.code, 2, "{}{}", r.stdout, r.stderr);
    assert_eq!(
        r.stderr,
        "error: big.xls: the workbook is 65 MiB; .xls and .ods workbooks are read whole, up \
         to 64 MiB: save the sheet as .xlsx (read a cell at a time) or as CSV\n"
    );
}
