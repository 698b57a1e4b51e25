//! The gazetteer from the command line, run as a user runs it: `citynets city`, and `fix` on
//! a spreadsheet whose members write one city three ways, with `--city-names`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use assert_cmd::Command;

#[path = "support/run.rs"]
mod support;
use support::{Run, outcome};

fn run(args: &[&str], stdin: &[u8]) -> Run {
    outcome(Command::cargo_bin("citynets").unwrap().args(args), stdin)
}

#[test]
fn city_prints_the_place_or_says_why_not() {
    let r = run(&["city", "Stad Gent", "--country", "Belgium"], b"");
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        r.stdout.lines().nth(1),
        Some("2797656\tBE\tGhent\tGent\t265086\tGent")
    );
    let r = run(&["city", "Vienna"], b"");
    assert_eq!(r.code, 1);
    assert_eq!(r.stdout.lines().count(), 4, "{}", r.stdout);
    assert!(r.stderr.contains("several places"), "{}", r.stderr);
    let r = run(&["city", "University of Vienna", "-c", "AT"], b"");
    assert_eq!((r.code, r.stdout.as_str()), (1, ""));
    assert!(r.stderr.contains("no place"), "{}", r.stderr);
    let r = run(&["city", "Gent", "-c", "Narnia"], b"");
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("\"Narnia\" is not a country"),
        "{}",
        r.stderr
    );
}

#[test]
fn fix_gives_one_identity_and_keeps_what_was_written() {
    let table = "Network;Member name;City;Country;Type\n\
                 Eurocities;;Gent;Belgium;City\n\
                 Eurocities;;City of Ghent;BE;City\n\
                 Eurocities;Stad Gent;Gand;BE;City\n\
                 Eurocities;;Wien;Germany;City\n\
                 Eurocities;;Kleindorf;DE;City\n";
    let r = run(
        &["fix", "--format", "csv", "--city-names", "english", "-"],
        table.as_bytes(),
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let rows: Vec<Vec<&str>> = r.stdout.lines().map(|l| l.split(';').collect()).collect();
    assert_eq!(
        rows[0],
        [
            "organization_id",
            "member.name",
            "member.city",
            "member.country",
            "member.kind",
            "member.geonames_id"
        ]
    );
    // Written three ways, one place; what was written kept in the name where it was free.
    assert_eq!(
        rows[1],
        ["eurocities", "Gent", "Ghent", "BE", "city", "2797656"]
    );
    assert_eq!(
        rows[2],
        [
            "eurocities",
            "City of Ghent",
            "Ghent",
            "BE",
            "city",
            "2797656"
        ]
    );
    assert_eq!(
        rows[3],
        ["eurocities", "Stad Gent", "Gand", "BE", "city", "2797656"]
    );
    // Another country's city, and a village the gazetteer does not hold: left as written.
    assert_eq!(rows[4], ["eurocities", "", "Wien", "DE", "city", ""]);
    assert_eq!(rows[5], ["eurocities", "", "Kleindorf", "DE", "city", ""]);
    assert_eq!(rows.len(), 6);
    // The report on the output: the same member three times, Vienna in the wrong country.
    let twice = r.stderr.matches("duplicate_membership").count();
    assert_eq!(twice, 2, "{}", r.stderr);
    assert!(r.stderr.contains("city_country_mismatch"), "{}", r.stderr);
    assert!(r.stderr.contains("did you mean \"AT\""), "{}", r.stderr);
    assert!(
        r.stderr.contains("already holds \"Stad Gent\""),
        "{}",
        r.stderr
    );
}

#[test]
fn a_written_geonames_id_says_which_place_in_every_input() {
    // The two Hamms of Germany, told apart by their ids; Ghent written two ways, once with its id.
    let ndjson = r#"{"organization_id":"eurocities","member":{"kind":"city","city":"Hamm","country":"DE","geonames_id":2911240}}
{"organization_id":"eurocities","member":{"kind":"city","city":"Hamm","country":"DE","geonames_id":2911234}}
{"organization_id":"eurocities","member":{"kind":"city","city":"Gent","country":"BE","geonames_id":2797656}}
{"organization_id":"eurocities","member":{"kind":"city","city":"Stad Gent","country":"BE"}}
"#;
    let csv = "organization_id,member.kind,member.city,member.country,member.geonames_id\n\
               eurocities,city,Hamm,DE,2911240\n\
               eurocities,city,Hamm,DE,2911234\n\
               eurocities,city,Gent,BE,2797656\n\
               eurocities,city,Stad Gent,BE,\n";
    for (format, input) in [("ndjson", ndjson), ("csv", csv)] {
        let r = run(
            &[
                "validate",
                "--document",
                "membership",
                "--format",
                format,
                "--output",
                "json",
                "-",
            ],
            input.as_bytes(),
        );
        assert_eq!(r.code, 0, "{format}: {}", r.stderr);
        let report: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
        let repeated: Vec<u64> = report["files"][0]["errors"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|p| p["code"] == "duplicate_membership")
            .filter_map(|p| p["record"].as_u64())
            .collect();
        assert_eq!(repeated, [4], "{format}: {}", r.stdout);
    }
}
