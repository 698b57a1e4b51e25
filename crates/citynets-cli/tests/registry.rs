//! The registry from the command line: `list --registry`, `export --registry`, `show` of a
//! network Ghent is not in, and `convert --from list`, run as a user runs them.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use assert_cmd::Command;
use serde_json::Value;

#[path = "support/run.rs"]
mod support;
use support::{Run, outcome};

fn run(args: &[&str]) -> Run {
    outcome(Command::cargo_bin("citynets").unwrap().args(args), b"")
}

#[test]
fn list_and_export_the_registry() {
    let registry = citynets::registry();
    let r = run(&["list", "--registry", "--format", "json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let listed: Vec<Value> = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(listed.len(), registry.len());
    let r = run(&["export", "--registry", "--format", "ndjson"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout.lines().count(), registry.len());
    // What it exports validates as network records, with no membership. Its one warning is
    // known and explained in the data: Cities of Migration's acronym CoM is also the Covenant
    // of Mayors' (the record carries a caveat).
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("registry.ndjson");
    std::fs::write(&file, &r.stdout).unwrap();
    let v = run(&["validate", "--document", "network", file.to_str().unwrap()]);
    assert_eq!(v.code, 0, "{}{}", v.stdout, v.stderr);
    let tally = format!("valid ({} records), 1 warning", registry.len());
    assert!(v.stdout.contains(&tally), "{}", v.stdout);
    assert!(v.stdout.contains("cities-of-migration"), "{}", v.stdout);
    assert!(!r.stdout.contains("\"memberships\""));
    // Ghent's list stays the default.
    let ghent = run(&["list", "--format", "json"]);
    let ghent: Vec<Value> = serde_json::from_str(&ghent.stdout).unwrap();
    assert_eq!(ghent.len(), citynets::ghent().len());
}

#[test]
fn show_finds_registry_networks_after_ghents() {
    // A network of Ghent's list shows with the City's memberships.
    let r = run(&["show", "eurocities"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!r.stderr.contains("from the registry"), "{}", r.stderr);
    // One only the registry has.
    let other = registry_only().expect("the registry has networks Ghent is not in");
    let r = run(&["show", &other]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("from the registry"), "{}", r.stderr);
    let r = run(&["show", "zzzz no such network"]);
    assert_eq!(r.code, 1);
}

/// The id of a registry network that Ghent's catalogue does not have.
fn registry_only() -> Option<String> {
    let ghent = citynets::ghent();
    citynets::registry()
        .iter()
        .find(|n| ghent.by_id(&n.id).is_none())
        .map(|n| n.id.to_string())
}

#[test]
fn convert_a_citys_list_into_a_catalogue() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("list.csv");
    std::fs::write(
        &file,
        "Réseau;Depuis\nEurocities;1989\nPolis;\nNo such network;\n",
    )
    .unwrap();
    let r = run(&[
        "convert",
        "--from",
        "list",
        "--city",
        "Lyon",
        "--country",
        "FR",
        "--source",
        "https://example.org/lyon/networks",
        file.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 1, "a name was left: {}", r.stderr);
    assert!(
        r.stderr.contains("row 3: \"No such network\""),
        "{}",
        r.stderr
    );
    let doc: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(doc["city"]["name"], "Lyon");
    let ids: Vec<&str> = doc["networks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["eurocities", "polis"]);
    assert_eq!(doc["networks"][0]["memberships"][0]["start_date"], "1989");
    // The document validates strictly.
    let out = dir.path().join("lyon.json");
    std::fs::write(&out, &r.stdout).unwrap();
    let v = run(&[
        "validate",
        "--strict",
        "--document",
        "catalogue",
        out.to_str().unwrap(),
    ]);
    assert_eq!(v.code, 0, "{}{}", v.stdout, v.stderr);
    // Without the city it is a usage error.
    let u = run(&["convert", "--from", "list", file.to_str().unwrap()]);
    assert_eq!(u.code, 2);
    assert!(u.stderr.contains("--city"), "{}", u.stderr);
}
