//! End-to-end tests of the `citynets` binary.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::Read;
use std::process::Stdio;

use assert_cmd::Command;
use citynets::DocumentKind;

#[path = "support/run.rs"]
mod support;
use support::{Run, outcome};

/// A valid list of network records.
const GOOD: &str = "[{\"id\": \"eurocities\", \"name\": \"Eurocities\"}]\n";

fn citynets() -> Command {
    Command::cargo_bin("citynets").unwrap()
}

fn run(args: &[&str]) -> Run {
    run_with_stdin(args, "")
}

fn run_with_stdin(args: &[&str], stdin: &str) -> Run {
    outcome(citynets().args(args), stdin.as_bytes())
}

#[test]
fn export_json_is_the_catalogue() {
    let r = run(&["export"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["networks"].as_array().unwrap().len(), 38);
    assert_eq!(
        r.stdout,
        format!("{}\n", citynets::ghent().to_json_pretty())
    );
    // The default and the explicit format are the same.
    assert_eq!(run(&["export", "--format", "json"]).stdout, r.stdout);
}

#[test]
fn export_ndjson_is_one_network_per_line() {
    let r = run(&["export", "--format", "ndjson"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(lines.len(), 38);
    for (line, network) in lines.iter().zip(citynets::ghent()) {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        assert_eq!(v["id"], network.id.as_str());
        let back: citynets::Network = serde_json::from_str(line).unwrap();
        assert_eq!(&back, network);
    }
}

#[test]
fn a_closed_stdout_ends_quietly() {
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("citynets"))
        .args(["export", "--format", "ndjson"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Read one byte, then close the pipe, as `| head -c 1` would.
    let mut stdout = child.stdout.take().unwrap();
    let mut byte = [0u8; 1];
    stdout.read_exact(&mut byte).unwrap();
    drop(stdout);
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(0), "{stderr}");
    assert_eq!(stderr, "");
}

#[test]
fn schema_prints_the_committed_schema() {
    let r = run(&["schema", "--document", "network"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        r.stdout,
        citynets::schema::schema_json(DocumentKind::Network)
    );
    let r = run(&["schema"]);
    assert_eq!(
        r.stdout,
        citynets::schema::schema_json(DocumentKind::Catalogue)
    );
    let r = run(&["schema", "--document", "membership"]);
    assert_eq!(
        r.stdout,
        citynets::schema::schema_json(DocumentKind::Membership)
    );
    assert_eq!(run(&["schema", "--document", "city"]).code, 2);
}

#[test]
fn list_filters_by_policy_area() {
    let r = run(&["list", "--policy-area", "climate"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let ids: Vec<&str> = r
        .stdout
        .lines()
        .skip(1)
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    assert!(ids.contains(&"climate-alliance"), "{}", r.stdout);
    assert!(!ids.contains(&"aviama"), "{}", r.stdout);
    assert!(r.stdout.starts_with("ID "), "{}", r.stdout);
    assert!(r.stdout.lines().next().unwrap().ends_with("POLICY AREAS"));
}

#[test]
fn list_without_filters_lists_every_network_in_aligned_columns() {
    let r = run(&["list"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(lines.len(), 39);
    // Every row's name starts in the column of the NAME header.
    let name_col = lines[0].find("NAME").unwrap();
    let eccar = lines.iter().find(|l| l.starts_with("eccar ")).unwrap();
    let chars: String = eccar.chars().skip(name_col).collect();
    assert!(
        chars.starts_with("European Coalition of Cities Against Racism"),
        "{eccar}"
    );
}

#[test]
fn list_as_json_is_an_array_of_network_records() {
    let r = run(&[
        "list",
        "--policy-area",
        "climate",
        "--orientation",
        "advocacy",
        "--format",
        "json",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let networks: Vec<citynets::Network> = serde_json::from_str(&r.stdout).unwrap();
    assert!(!networks.is_empty());
    for n in &networks {
        assert!(n.has_policy_area(citynets::PolicyArea::Climate), "{}", n.id);
        assert!(
            n.has_orientation(citynets::Orientation::Advocacy),
            "{}",
            n.id
        );
    }
    assert!(networks.iter().any(|n| n.id == "climate-alliance"));
}

#[test]
fn list_combines_scope_and_kind() {
    let r = run(&[
        "list",
        "--scope",
        "european",
        "--kind",
        "city_network",
        "--format",
        "json",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let networks: Vec<citynets::Network> = serde_json::from_str(&r.stdout).unwrap();
    assert!(networks.iter().any(|n| n.id == "eurocities"));
    assert!(
        networks
            .iter()
            .all(|n| n.scope == Some(citynets::Scope::European)
                && n.kind == Some(citynets::Kind::CityNetwork))
    );
}

#[test]
fn list_rejects_a_value_that_is_not_canonical_and_says_which_was_meant() {
    let r = run(&["list", "--orientation", "file management"]);
    assert_eq!(r.code, 2);
    assert_eq!(r.stdout, "");
    assert!(
        r.stderr.contains("did you mean \"advocacy\"?"),
        "{}",
        r.stderr
    );
    for allowed in [
        "advocacy",
        "awareness_raising",
        "knowledge_exchange",
        "project_partnering",
        "recognition",
    ] {
        assert!(r.stderr.contains(allowed), "{allowed}: {}", r.stderr);
    }
    let r = run(&["list", "--policy-area", "klimaat"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("did you mean \"climate\"?"),
        "{}",
        r.stderr
    );
    let r = run(&["list", "--scope", "Europe"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("did you mean \"european\"?"),
        "{}",
        r.stderr
    );
}

#[test]
fn show_finds_by_acronym_id_and_words_of_the_name() {
    for query in ["ECCAR", "eccar"] {
        let r = run(&["show", query]);
        assert_eq!(r.code, 0, "{query}: {}", r.stderr);
        assert!(
            r.stdout
                .starts_with("European Coalition of Cities Against Racism (ECCAR)\n"),
            "{}",
            r.stdout
        );
        assert!(
            r.stdout.contains("  id:            eccar\n"),
            "{}",
            r.stdout
        );
        assert!(r.stdout.contains("  founded:"), "{}", r.stdout);
        assert!(r.stdout.contains("  memberships:"), "{}", r.stdout);
        assert!(
            r.stdout.contains("Vice-president (Resul Tapmaz)"),
            "{}",
            r.stdout
        );
        assert!(r.stdout.contains("  sources:"), "{}", r.stdout);
    }
    let r = run(&["show", "Geintegreerde"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("  id:            bgts\n"), "{}", r.stdout);
    assert!(r.stdout.contains("  caveats:"), "{}", r.stdout);
}

#[test]
fn show_says_what_was_probably_meant() {
    let r = run(&["show", "nosuchthing"]);
    assert_eq!(r.code, 1);
    assert_eq!(r.stdout, "");
    assert!(
        r.stderr.contains("no network matches \"nosuchthing\""),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("help: `citynets list`"), "{}", r.stderr);

    let r = run(&["show", "Eurocitis"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("did you mean \"Eurocities\"?"),
        "{}",
        r.stderr
    );

    let r = run(&["show", "unesco"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("matches several networks"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("uccn"), "{}", r.stderr);
}

#[test]
fn every_subcommand_help_has_an_example() {
    for sub in ["validate", "schema", "export", "list", "show", "convert"] {
        let r = run(&[sub, "--help"]);
        assert_eq!(r.code, 0, "{sub}: {}", r.stderr);
        assert!(r.stdout.contains("Example"), "{sub}: {}", r.stdout);
        assert!(
            r.stdout.contains(&format!("citynets {sub}")),
            "{sub}: {}",
            r.stdout
        );
    }
    let r = run(&["--help"]);
    assert_eq!(r.code, 0);
    assert!(r.stdout.contains("Example"));
}

#[test]
fn version() {
    let r = run(&["--version"]);
    assert_eq!(r.code, 0);
    assert_eq!(
        r.stdout,
        format!("citynets {}\n", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn usage_errors_exit_2() {
    let r = run(&[]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("Usage"), "{}", r.stderr);
    let r = run(&["frobnicate"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("unrecognized subcommand"), "{}", r.stderr);
    let r = run(&["validate"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("<FILE>"), "{}", r.stderr);
    let r = run(&["validate", "--output", "xml", "a.json"]);
    assert_eq!(r.code, 2);
    let r = run(&["validate", "-", "-"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("only once"), "{}", r.stderr);
}

#[test]
fn validate_a_missing_file_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.json");
    let missing = missing.to_str().unwrap();
    let r = run(&["validate", missing]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("missing.json: cannot open"),
        "{}",
        r.stderr
    );
    assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
}

#[test]
fn validate_a_directory_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let r = run(&["validate", dir.path().to_str().unwrap()]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("is a directory"), "{}", r.stderr);
}

#[test]
fn validate_exits_with_the_highest_status_over_all_files() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.json");
    std::fs::write(&good, GOOD).unwrap();
    let good = good.to_str().unwrap();
    let missing = dir.path().join("missing.json");
    let missing = missing.to_str().unwrap();

    let r = run(&["validate", good, missing, good]);
    assert_eq!(r.code, 2, "{}{}", r.stdout, r.stderr);
    // The file after the missing one is still checked.
    assert_eq!(
        r.stdout.matches(&format!("{good}: valid")).count(),
        2,
        "{}",
        r.stdout
    );

    let r = run(&["validate", "--output", "json", good, missing]);
    assert_eq!(r.code, 2);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["valid"], false);
    assert_eq!(v["files"][0]["path"], good);
    assert_eq!(v["files"][0]["valid"], true);
    assert_eq!(v["ioErrors"][0]["path"], missing);
    assert!(
        v["ioErrors"][0]["error"]
            .as_str()
            .unwrap()
            .contains("cannot open")
    );
}

#[test]
fn validate_reads_standard_input() {
    let r = run_with_stdin(&["validate", "-"], GOOD);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert_eq!(r.stdout, "<stdin>: valid (1 record)\n");

    let r = run_with_stdin(&["validate", "--output", "json", "-"], GOOD);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["valid"], true);
    assert_eq!(v["files"][0]["path"], "<stdin>");
    assert_eq!(v["ioErrors"], serde_json::json!([]));
}

#[test]
fn stats_report_records_time_and_peak_memory() {
    let export = citynets()
        .args(["export", "--format", "ndjson"])
        .output()
        .unwrap();
    let out = citynets()
        .args(["validate", "--stats", "--format", "ndjson", "-"])
        .write_stdin(export.stdout)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("stats: 38 records in "), "{err}");
    assert!(
        err.contains("peak memory ") && err.contains(" MiB"),
        "{err}"
    );
}

#[test]
fn help_is_wrapped_to_the_terminal_and_shows_no_markdown() {
    for command in ["validate", "fix", "export", "list", "convert", "show"] {
        let out = citynets()
            .args([command, "--help"])
            .env("COLUMNS", "60")
            .output()
            .unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(!text.contains('`'), "{command}: {text}");
        // Option descriptions are wrapped to the terminal's width (the examples after them
        // are written as they are).
        let options = text.split("Examples:").next().unwrap();
        let longest = options.lines().map(|l| l.chars().count()).max().unwrap();
        assert!(
            longest <= 60,
            "{command}: a line of {longest} characters:\n{text}"
        );
    }
}
