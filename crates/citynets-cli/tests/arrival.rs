//! `citynets validate -` judges what comes through a pipe by its bytes, not by how the writer
//! cut them: a byte-order mark split over two writes, and NDJSON written a line at a time,
//! give the report the same bytes give in one write.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::Write;
use std::process::{Command, Stdio};

/// Runs `citynets validate --output json ARGS -`, writing each piece to its standard input in
/// turn with a short pause between, so that the reader sees them in separate reads.
fn validate_in_pieces(args: &[&str], pieces: &[&[u8]]) -> (i32, serde_json::Value) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_citynets"))
        .arg("validate")
        .args(["--output", "json"])
        .args(args)
        .arg("-")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    {
        let mut stdin = child.stdin.take().unwrap();
        for (i, piece) in pieces.iter().enumerate() {
            if i > 0 {
                std::thread::sleep(std::time::Duration::from_millis(300));
            }
            stdin.write_all(piece).unwrap();
            stdin.flush().unwrap();
        }
    }
    let out = child.wait_with_output().unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let json = serde_json::from_str(&stdout)
        .unwrap_or_else(|e| panic!("{e}: {stdout} {}", String::from_utf8_lossy(&out.stderr)));
    (out.status.code().expect("exited normally"), json)
}

/// The report of the one file in the output.
fn report(json: &serde_json::Value) -> &serde_json::Value {
    &json["files"][0]
}

#[test]
fn a_byte_order_mark_split_over_two_writes_is_a_warning_not_a_syntax_error() {
    let rest = b"\xBB\xBF[{\"id\": \"eurocities\", \"name\": \"Eurocities\"}]\n";
    let (code, split) = validate_in_pieces(&["--format", "json"], &[b"\xEF", rest]);
    let whole: Vec<u8> = [&b"\xEF"[..], rest].concat();
    let (whole_code, at_once) = validate_in_pieces(&["--format", "json"], &[&whole]);
    assert_eq!(code, 0, "{split}");
    assert_eq!(whole_code, 0);
    assert_eq!(split, at_once);
    let problems = report(&split)["errors"].as_array().unwrap();
    assert_eq!(problems.len(), 1, "{split}");
    assert_eq!(problems[0]["code"], "byte_order_mark");
}

#[test]
fn ndjson_written_a_line_at_a_time_is_read_as_ndjson() {
    let first: &[u8] = b"{\"id\": \"eurocities\", \"name\": \"Eurocities\"}\n";
    let second: &[u8] = b"{\"id\": \"polis\", \"name\": \"Polis\"}\n";
    let (code, split) = validate_in_pieces(&[], &[first, second]);
    let (_, at_once) = validate_in_pieces(&[], &[&[first, second].concat()]);
    assert_eq!(code, 0, "{split}");
    assert_eq!(split, at_once);
    assert_eq!(report(&split)["recordCount"], 2, "{split}");
}
