//! The fast path (records the typed model accepts skip the schema walk) changes nothing in the
//! report: on a generated mix of clean records, invalid ones, records that raise warnings,
//! repeated ids and keys written with escapes, every layout gives the same problems, in the
//! same order, with the fast path on and off, on one thread and on several.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail loudly

use citynets::DocumentKind;
use citynets::validate::{Code, Format, Options, Report, Severity, validate_bytes};
use serde_json::{Value, json};

/// Network records: mostly clean, with every kind of exception mixed in.
fn networks(n: usize) -> Vec<Value> {
    let ghent: Vec<Value> = citynets::ghent()
        .iter()
        .map(|n| serde_json::to_value(n).unwrap())
        .collect();
    (0..n)
        .map(|i| {
            let mut r = ghent[i % ghent.len()].clone();
            let o = r.as_object_mut().unwrap();
            if i % 13 != 0 {
                // Not one of Ghent's networks, so no id-mismatch warning.
                o.insert("id".into(), json!(format!("test-network-{i}")));
                o.insert("name".into(), json!(format!("Test network {i}")));
                o.remove("acronym");
                o.remove("other_names");
            }
            if i % 17 == 5 {
                o.insert("id".into(), json!(format!("test-network-{}", i - 5)));
            }
            if i % 11 == 3 {
                o.insert("policy_areas".into(), json!(["mobilty"]));
            }
            if i % 29 == 7 {
                o.insert("unknown_field".into(), json!(1));
            }
            if i % 19 == 2
                && let Some(Value::Array(ms)) = o.get_mut("memberships")
                && let Some(m) = ms.first_mut()
            {
                m["start_date"] = json!("2020");
                m["end_date"] = json!("2010");
            }
            r
        })
        .collect()
}

fn ndjson(records: &[Value]) -> Vec<u8> {
    let mut out = Vec::new();
    for (i, r) in records.iter().enumerate() {
        let mut line = serde_json::to_string(r).unwrap();
        if i % 23 == 4 {
            // The same record with its id key escaped: the fast path cannot place the id.
            line = line.replacen("\"id\":", "\"\\u0069d\":", 1);
        }
        if i % 31 == 9 {
            line.push_str(" x");
        }
        out.extend_from_slice(line.as_bytes());
        out.extend_from_slice(if i % 2 == 0 { b"\n" } else { b"\r\n" });
        if i % 37 == 0 {
            out.extend_from_slice(b"\n  \n");
        }
    }
    out
}

fn run(
    input: &[u8],
    document: Option<DocumentKind>,
    format: Format,
    threads: usize,
    fast: bool,
) -> Report {
    validate_bytes(
        input,
        &Options {
            document,
            format: Some(format),
            threads,
            fast_path: fast,
            ..Options::default()
        },
    )
}

/// The report of the engine alone, compared with the fast path's on one, two and three threads.
fn same_either_way(input: &[u8], document: Option<DocumentKind>, format: Format) -> Report {
    let engine = run(input, document, format, 1, false);
    for threads in [1, 2, 3] {
        let fast = run(input, document, format, threads, true);
        assert_eq!(
            fast.errors, engine.errors,
            "errors, {format:?}, {threads} threads"
        );
        assert_eq!(
            fast.warnings, engine.warnings,
            "warnings, {format:?}, {threads} threads"
        );
        assert_eq!(
            fast.records, engine.records,
            "records, {format:?}, {threads} threads"
        );
        for (i, (a, b)) in fast.problems.iter().zip(&engine.problems).enumerate() {
            assert_eq!(a, b, "problem {i}, {format:?}, {threads} threads");
        }
        assert_eq!(fast.problems.len(), engine.problems.len());
    }
    engine
}

fn count(report: &Report, code: Code) -> usize {
    report.problems.iter().filter(|p| p.code == code).count()
}

#[test]
fn ndjson_reports_are_the_same_with_and_without_the_fast_path() {
    // Over 1 MB, so that two threads each get chunks.
    let input = ndjson(&networks(3000));
    assert!(input.len() > 1 << 20, "{} bytes", input.len());
    let report = same_either_way(&input, None, Format::Ndjson);
    assert_eq!(report.records, 3000);
    for code in [
        Code::DuplicateId,
        Code::IdMismatch,
        Code::UnknownVariant,
        Code::UnknownField,
        Code::EndBeforeStart,
        Code::Syntax,
    ] {
        assert!(count(&report, code) > 0, "no {code:?} in the mix");
    }
}

#[test]
fn lists_and_catalogues_are_the_same_with_and_without_the_fast_path() {
    let records = networks(900);
    let list = serde_json::to_vec_pretty(&records).unwrap();
    let report = same_either_way(&list, None, Format::Json);
    assert_eq!(report.records, 900);
    assert!(count(&report, Code::DuplicateId) > 0);
    assert!(count(&report, Code::IdMismatch) > 0);

    let mut catalogue = serde_json::to_value(citynets::ghent()).unwrap();
    catalogue["networks"] = Value::Array(records);
    let compact = serde_json::to_vec(&catalogue).unwrap();
    let pretty = serde_json::to_vec_pretty(&catalogue).unwrap();
    // Several batches of records read ahead (about 512 KB each), so that the next batch is
    // found while one is checked.
    assert!(compact.len() > 2 << 20, "{} bytes", compact.len());
    for text in [compact, pretty] {
        let report = same_either_way(&text, Some(DocumentKind::Catalogue), Format::Json);
        assert!(count(&report, Code::UnknownVariant) > 0);
        assert!(count(&report, Code::EndBeforeStart) > 0);
    }
}

#[test]
fn membership_records_are_the_same_with_and_without_the_fast_path() {
    use citynets::{MemberKind, Vocabulary};
    let kinds = MemberKind::all();
    let mut records = Vec::new();
    for (i, n) in citynets::ghent().iter().enumerate() {
        for m in n.memberships.iter() {
            let mut v = serde_json::to_value(m).unwrap();
            if i % 5 == 1 {
                v["end_date"] = json!("1901");
            }
            if i % 7 == 2 {
                v["status"] = json!("ful");
            }
            // Every kind of member, each with one of its fields left out, or with a name and no city:
            // members the fast path takes, and members a kind's needs send to the walk.
            let j = records.len();
            if j % 2 == 0 {
                let member = v["member"].as_object_mut().unwrap();
                member.insert("kind".into(), json!(kinds[j / 2 % kinds.len()].as_str()));
                match j / 2 % 4 {
                    0 => drop(member.remove("city")),
                    1 => drop(member.remove("name")),
                    2 => drop(member.remove("country")),
                    _ => {
                        member.insert("name".into(), json!("Région de Ségou"));
                        member.remove("city");
                    }
                }
            }
            records.push(v);
        }
    }
    let typed = |r: &Value| serde_json::from_value::<citynets::Membership>(r.clone()).is_ok();
    assert!(
        records
            .iter()
            .any(|r| r["member"].get("city").is_none() && typed(r))
    );
    let report = same_either_way(
        &ndjson(&records),
        Some(DocumentKind::Membership),
        Format::Ndjson,
    );
    assert!(count(&report, Code::EndBeforeStart) > 0);
    assert!(count(&report, Code::MissingField) > 0);
    let list = serde_json::to_vec(&records).unwrap();
    same_either_way(&list, Some(DocumentKind::Membership), Format::Json);
}

/// Two shapes that serde's derives read but the schema refuses: a struct written as an array
/// of its fields in order, and an enum written as an object (`{"full": null}`). The fast path
/// once took both as valid; they are errors in every layout, as the engine finds them.
#[test]
fn a_struct_as_an_array_and_an_enum_as_an_object_are_errors() {
    let ghent = citynets::ghent();
    let with_memberships: Vec<Value> = ghent
        .iter()
        .filter(|n| !n.memberships.is_empty())
        .map(|n| serde_json::to_value(n).unwrap())
        .collect();
    let mut records = Vec::new();
    for (i, r) in with_memberships.iter().enumerate() {
        let mut r = r.clone();
        let m = &mut r["memberships"][0];
        match i % 3 {
            0 => {
                let member = m["member"].clone();
                m["member"] = json!([member["kind"], null, member["city"], member["country"]]);
            }
            1 => m["status"] = json!({ m["status"].as_str().unwrap_or("full"): null }),
            _ => r["scope"] = json!({ "global": null }),
        }
        records.push(r);
    }
    assert!(records.len() >= 9, "{} records", records.len());
    let expected = records.len() as u64;

    let lines = |values: &[Value]| -> Vec<u8> {
        values
            .iter()
            .flat_map(|v| format!("{v}\n").into_bytes())
            .collect()
    };
    let ndjson = same_either_way(&lines(&records), None, Format::Ndjson);
    let list = same_either_way(&serde_json::to_vec(&records).unwrap(), None, Format::Json);
    let mut catalogue = serde_json::to_value(ghent).unwrap();
    catalogue["networks"] = Value::Array(records.clone());
    let catalogue = same_either_way(
        &serde_json::to_vec(&catalogue).unwrap(),
        Some(DocumentKind::Catalogue),
        Format::Json,
    );
    let memberships: Vec<Value> = records
        .iter()
        .take(6)
        .map(|r| r["memberships"][0].clone())
        .collect();
    let membership = same_either_way(
        &lines(&memberships),
        Some(DocumentKind::Membership),
        Format::Ndjson,
    );
    // An error in every record.
    let records_with_errors = |report: &Report| {
        let records: std::collections::BTreeSet<_> = report
            .problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .map(|p| p.record)
            .collect();
        records.len() as u64
    };
    for (name, report) in [
        ("ndjson", &ndjson),
        ("list", &list),
        ("catalogue", &catalogue),
    ] {
        assert_eq!(records_with_errors(report), expected, "{name}: {report:?}");
    }
    assert_eq!(records_with_errors(&membership), 4, "{membership:?}");

    #[cfg(feature = "csv")]
    {
        use citynets::validate::csv::{CsvOptions, CsvWriter, validate_csv_bytes};
        let mut w = CsvWriter::new(Vec::new(), DocumentKind::Network, b',').unwrap();
        for r in &records {
            w.write_value(r).unwrap();
        }
        let table = w.into_inner().unwrap();
        let csv = |fast: bool, threads: usize| {
            let options = Options {
                document: Some(DocumentKind::Network),
                threads,
                fast_path: fast,
                ..Options::default()
            };
            validate_csv_bytes(&table, &options, &CsvOptions::default())
        };
        let engine = csv(false, 1);
        for threads in [1, 2] {
            assert_eq!(csv(true, threads).problems, engine.problems, "{threads}");
        }
        assert_eq!(engine.records, expected);
        assert_eq!(records_with_errors(&engine), expected, "{engine:?}");
    }
}

/// A network record whose memberships each end before they start and hold a role that does
/// too: every date is warned about once, in document order, however the record is read. (The
/// engine once checked such memberships twice when there were several, and said everything
/// twice.)
#[test]
fn each_membership_is_warned_about_once() {
    let role = json!({"role": "chair", "start_date": "2020", "end_date": "2019", "source": "https://example.org/"});
    let membership = json!({"organization_id": "test-network", "member": {"kind": "city", "city": "A", "country": "BE"},
        "start_date": "2020", "end_date": "2019", "roles": [role]});
    let record = json!({"id": "test-network", "name": "Test network",
        "memberships": [membership.clone(), membership.clone(), membership]});
    let records = [record.clone(), record];
    // The same records as a pretty list and in a catalogue: the fast path places the warnings
    // on other lines and under the catalogue's `networks`.
    let list = serde_json::to_vec_pretty(&records).unwrap();
    let report = same_either_way(&list, None, Format::Json);
    assert_eq!(count(&report, Code::EndBeforeStart), 12);
    let mut catalogue = serde_json::to_value(citynets::ghent()).unwrap();
    catalogue["networks"] = Value::Array(records.to_vec());
    let text = serde_json::to_vec_pretty(&catalogue).unwrap();
    let report = same_either_way(&text, Some(DocumentKind::Catalogue), Format::Json);
    assert_eq!(count(&report, Code::EndBeforeStart), 12);
    assert_eq!(
        report.problems[0].instance_location,
        "/networks/0/memberships/0/end_date"
    );
    let input = ndjson(&records);
    let report = same_either_way(&input, None, Format::Ndjson);
    // Three memberships and three roles in each of two records, and the repeated id.
    assert_eq!(count(&report, Code::EndBeforeStart), 12);
    assert_eq!(report.warnings, 13);
    let places: Vec<&str> = report
        .problems
        .iter()
        .take(6)
        .map(|p| p.instance_location.as_str())
        .collect();
    assert_eq!(
        places,
        [
            "/memberships/0/end_date",
            "/memberships/0/roles/0/end_date",
            "/memberships/1/end_date",
            "/memberships/1/roles/0/end_date",
            "/memberships/2/end_date",
            "/memberships/2/roles/0/end_date",
        ]
    );
}
