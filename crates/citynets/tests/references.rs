//! Network references and repeated memberships, the checks that need the whole input: the
//! same report whatever the input's shape (NDJSON on one thread or several, a JSON list, a CSV
//! table), one `unknown_network` warning per distinct id however many rows use it, no warning
//! for a network a given catalogue defines, and suggestions that name the catalogue's id.

#![cfg(feature = "csv")] // every shape includes a CSV table
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail loudly

use std::sync::Arc;

use citynets::DocumentKind;
use citynets::validate::{Catalogues, Code, Format, Options, Problem, Report, validate_bytes};

/// A study's rows: (network, city, country), some networks unknown, one member twice.
fn rows() -> Vec<(String, &'static str, &'static str)> {
    let mut out = Vec::new();
    for i in 0..300 {
        let network = match i % 6 {
            0 => "eurocities".to_owned(),
            1 => "study-own".to_owned(),
            2 => "mayors-for-peace".to_owned(),
            3 => format!("study-network-{}", i % 84),
            _ => "iclei".to_owned(),
        };
        let city = ["Ghent", "Lyon", "Turin", "Leipzig", "Malmö"][i % 5];
        out.push((network, city, ["BE", "FR", "IT", "DE", "SE"][i % 5]));
    }
    out
}

fn ndjson(rows: &[(String, &str, &str)]) -> String {
    let mut text = String::new();
    for (n, city, country) in rows {
        text.push_str(&format!(
            "{{\"organization_id\": \"{n}\", \"member\": {{\"kind\": \"city\", \"city\": \"{city}\", \"country\": \"{country}\"}}}}\n"
        ));
    }
    text
}

fn csv(rows: &[(String, &str, &str)]) -> String {
    let mut text = "organization_id,member.kind,member.city,member.country\n".to_owned();
    for (n, city, country) in rows {
        text.push_str(&format!("{n},city,{city},{country}\n"));
    }
    text
}

fn report(text: &str, format: Format, threads: usize, catalogues: &Arc<Catalogues>) -> Report {
    validate_bytes(
        text.as_bytes(),
        &Options {
            document: Some(DocumentKind::Membership),
            format: Some(format),
            threads,
            max_problems: usize::MAX,
            catalogues: catalogues.clone(),
            ..Options::default()
        },
    )
}

/// Code, record and message of each problem: what every shape must agree on (places differ
/// between JSON and a table).
fn said(r: &Report) -> Vec<(Code, Option<u64>, String)> {
    r.problems
        .iter()
        .map(|p: &Problem| (p.code, p.record, p.error.clone()))
        .collect()
}

#[test]
fn every_shape_reports_unknown_networks_once_and_repeated_memberships() {
    let rows = rows();
    let known = Arc::new(Catalogues::default());
    let one = report(&ndjson(&rows), Format::Ndjson, 1, &known);
    let unknown: Vec<&Problem> = one
        .problems
        .iter()
        .filter(|p| p.code == Code::UnknownNetwork)
        .collect();
    // The study's own networks (the registry knows none of them): once each, with their count.
    let distinct: std::collections::HashSet<&str> = rows
        .iter()
        .map(|r| r.0.as_str())
        .filter(|n| n.starts_with("study-"))
        .collect();
    assert_eq!(distinct.len(), 15);
    assert_eq!(unknown.len(), distinct.len(), "{unknown:#?}");
    let own = unknown
        .iter()
        .find(|p| p.error.contains("\"study-own\""))
        .expect("study-own is unknown");
    assert!(own.error.contains("(50 records use it)"), "{}", own.error);
    assert_eq!((own.record, own.line), (Some(2), Some(2)));
    assert!(
        one.problems
            .iter()
            .any(|p| p.code == Code::DuplicateMembership),
        "the same city in the same network twice"
    );
    assert_eq!(one.errors, 0);
    for threads in [2, 3] {
        let many = report(&ndjson(&rows), Format::Ndjson, threads, &known);
        assert_eq!(many, one, "{threads} threads");
    }
    let list = format!("[{}]", ndjson(&rows).trim_end().replace('\n', ",\n"));
    // One numbering of records in every shape: the first record is record 1, in a list, in
    // NDJSON and in a table, and the messages that name another record say the same number.
    let from_list = said(&report(&list, Format::Json, 1, &known));
    let from_ndjson = said(&one);
    assert_eq!(
        from_list, from_ndjson,
        "a list numbers its records as NDJSON does"
    );
    let table = said(&report(&csv(&rows), Format::Csv, 1, &known));
    assert_eq!(
        table, from_ndjson,
        "a table numbers its rows as NDJSON does"
    );
}

#[test]
fn a_network_that_a_given_catalogue_defines_is_not_unknown() {
    let rows = rows();
    let mut known = Catalogues::default();
    let mine = r#"[{"id": "study-own", "name": "Study Own Climate Group", "acronym": "SOCG"}]"#;
    known.read(mine.as_bytes(), "mine.json").unwrap();
    let known = Arc::new(known);
    let r = report(&ndjson(&rows), Format::Ndjson, 1, &known);
    assert!(
        r.problems
            .iter()
            .all(|p| !(p.code == Code::UnknownNetwork && p.error.contains("\"study-own\""))),
        "{:#?}",
        r.problems
    );
    // A name in the reference gets the given catalogue's id as suggestion.
    let named = "{\"organization_id\": \"Study Own Climate Group\", \"member\": {\"kind\": \"city\", \"city\": \"Ghent\", \"country\": \"BE\"}}\n";
    let r = report(named, Format::Ndjson, 1, &known);
    assert_eq!(r.problems[0].code, Code::Pattern);
    assert_eq!(r.problems[0].suggestion.as_deref(), Some("study-own"));
    let error = &r.problems[0].error;
    assert!(!error.contains("only a slug of it"), "{error}");
}

#[test]
fn suggestions_for_a_network_reference_name_the_catalogues_id_or_say_they_are_a_slug() {
    let known = Arc::new(Catalogues::default());
    let line = |n: &str| {
        format!(
            "{{\"organization_id\": \"{n}\", \"member\": {{\"kind\": \"city\", \"city\": \"Ghent\", \"country\": \"BE\"}}}}\n"
        )
    };
    for (written, meant) in [
        ("Major Cities of Europe", "mce"),
        ("Rainbow Cities Network", "rainbow-cities"),
        ("UNESCO Creative Cities of Music", "unesco-cities-of-music"),
    ] {
        let r = report(&line(written), Format::Ndjson, 1, &known);
        let p = &r.problems[0];
        assert_eq!(
            p.suggestion.as_deref(),
            Some(meant),
            "{written}: {}",
            p.error
        );
        assert!(!p.error.contains("slug of it"), "{}", p.error);
    }
    // A slug that is not a known id: an unknown network, with the id the catalogue knows.
    let r = report(&line("major-cities-of-europe"), Format::Ndjson, 1, &known);
    let [p] = &r.problems[..] else {
        panic!("{:#?}", r.problems)
    };
    assert_eq!(p.code, Code::UnknownNetwork);
    assert_eq!(p.suggestion.as_deref(), Some("mce"));
    // No catalogue knows it: the slug, and the message says that is all it is.
    let r = report(
        &line("Some Network Nobody Knows"),
        Format::Ndjson,
        1,
        &known,
    );
    let p = &r.problems[0];
    assert_eq!(p.suggestion.as_deref(), Some("some-network-nobody-knows"));
    assert!(p.error.contains("only a slug of it"), "{}", p.error);
}

/// Records of one kind read as the other: the unknown fields' problem says which kind they
/// look like, in JSON and in a table's header alike.
#[test]
fn records_of_the_other_kind_say_so() {
    let known = Arc::new(Catalogues::default());
    let memberships = ndjson(&rows()[..3]);
    let as_networks = |text: &str, format| {
        validate_bytes(
            text.as_bytes(),
            &Options {
                document: Some(DocumentKind::Network),
                format: Some(format),
                catalogues: known.clone(),
                ..Options::default()
            },
        )
    };
    for r in [
        as_networks(&memberships, Format::Ndjson),
        as_networks(&csv(&rows()[..3]), Format::Csv),
    ] {
        let unknown: Vec<&Problem> = r
            .problems
            .iter()
            .filter(|p| p.code == Code::UnknownField)
            .collect();
        assert!(!unknown.is_empty());
        for p in unknown {
            assert!(
                p.error.contains("these look like membership records"),
                "{}",
                p.error
            );
        }
    }
    let networks = "{\"id\": \"x\", \"name\": \"X\"}\n";
    let r = report(networks, Format::Ndjson, 1, &known);
    let p = r
        .problems
        .iter()
        .find(|p| p.code == Code::UnknownField)
        .expect("id and name are unknown fields of a membership");
    assert!(
        p.error.contains("these look like network records"),
        "{}",
        p.error
    );
}
