//! NDJSON validated on several threads gives exactly the report of one thread: the same
//! problems in the same order, duplicate ids found across chunks included.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail loudly

use citynets::validate::{Format, Options, Report, validate_bytes};

#[test]
fn threads_do_not_change_the_report() {
    let mut text = String::new();
    let mut i = 0;
    // About 6 MB: several chunks of one megabyte.
    while text.len() < 6_000_000 {
        let line = match i % 97 {
            0 => format!(
                "{{\"id\": \"net-{}\", \"name\": \"N\", \"scope\": \"europe\"}}\n",
                i
            ),
            1 => "{\"id\": \"net-5\", \"name\": \"duplicate of an early id\"}\n".to_owned(),
            2 => "not json at all\n".to_owned(),
            3 => "\n".to_owned(),
            _ => format!(
                "{{\"id\": \"net-{i}\", \"name\": \"Network {i} – ünïcode\", \"policy_areas\": [\"climate\", \"energy\"], \"website\": \"https://example.org/{i}\", \"founding_date\": \"20{:02}\"}}\n",
                i % 100
            ),
        };
        text.push_str(&line);
        i += 1;
    }
    let one = validate_bytes(
        text.as_bytes(),
        &Options {
            format: Some(Format::Ndjson),
            threads: 1,
            ..Options::default()
        },
    );
    let two = validate_bytes(
        text.as_bytes(),
        &Options {
            format: Some(Format::Ndjson),
            threads: 2,
            ..Options::default()
        },
    );
    let three = validate_bytes(
        text.as_bytes(),
        &Options {
            format: Some(Format::Ndjson),
            threads: 3,
            ..Options::default()
        },
    );
    assert!(
        one.errors > 100 && one.warnings > 100,
        "{} errors, {} warnings",
        one.errors,
        one.warnings
    );
    assert_eq!(one, two);
    assert_eq!(one, three);
}

#[test]
fn a_list_on_more_threads_than_cores_gives_the_same_report() {
    // A JSON list of records, read ahead in batches shared between the reading thread and the
    // workers: any number of threads, even far more than the machine has, reports the same.
    let mut text = String::from("[");
    for i in 0..40_000 {
        if i > 0 {
            text.push(',');
        }
        let area = if i % 1000 == 7 { "climat" } else { "climate" };
        text.push_str(&format!(
            "{{\"id\": \"net-{}\", \"name\": \"Network {i}\", \"policy_areas\": [\"{area}\"]}}",
            i % 39_000
        ));
    }
    text.push(']');
    let one = list_report(&text, 1);
    assert!(one.errors >= 40 && one.warnings >= 1000, "{one:?}");
    for threads in [2, 3, 64] {
        assert_same(
            &list_report(&text, threads),
            &one,
            &format!("{threads} threads"),
        );
    }
}

#[test]
fn a_broken_list_gives_the_same_report_on_any_number_of_threads() {
    // A syntax error stops the reading: in the middle of a batch read ahead (a missing comma, a
    // value where a comma should be, a bare word), or in a record cut short by the end. The
    // batches found and sent to the workers beyond it are dropped; the report is the same.
    for broken in [3001, 6002, 9003, 12_000] {
        let mut text = String::from("[");
        for i in 0..12_000 {
            if i > 0 {
                text.push_str(match (i == broken, broken % 3) {
                    (true, 1) => " ",
                    (true, 2) => " 7,",
                    (true, _) => ",nul,",
                    _ => ",",
                });
            }
            text.push_str(&format!(
                "{{\"id\": \"net-{i}\", \"name\": \"Network {i}\", \"policy_areas\": [\"climate\"]}}"
            ));
        }
        if broken == 12_000 {
            text.push_str(",{\"id\": \"cut");
        } else {
            text.push(']');
        }
        let one = list_report(&text, 1);
        assert_eq!(one.errors, 1, "{broken}: {one:?}");
        assert!(one.records >= broken as u64 - 1, "{broken}: {one:?}");
        for threads in [2, 3] {
            let many = list_report(&text, threads);
            assert_same(&many, &one, &format!("{broken}, {threads} threads"));
        }
    }
}

/// The report on a JSON list, every problem kept.
fn list_report(text: &str, threads: usize) -> Report {
    validate_bytes(
        text.as_bytes(),
        &Options {
            format: Some(Format::Json),
            threads,
            max_problems: usize::MAX,
            ..Options::default()
        },
    )
}

fn assert_same(many: &Report, one: &Report, what: &str) {
    assert_eq!(many.problems, one.problems, "{what}");
    assert_eq!(
        (many.errors, many.warnings, many.records),
        (one.errors, one.warnings, one.records),
        "{what}"
    );
}

/// A repeated id found only when chunks are merged is placed in the file like any other
/// problem, even when nothing else was found to take the file's name from.
#[test]
fn a_repeated_id_found_across_chunks_names_the_file() {
    let mut text = String::new();
    let mut i = 0;
    // About 3 MB of valid records, then one that repeats the first id.
    while text.len() < 3_000_000 {
        text.push_str(&format!(
            "{{\"id\": \"net-{i}\", \"name\": \"Network {i}\", \"website\": \"https://example.org/{i}\"}}\n"
        ));
        i += 1;
    }
    text.push_str("{\"id\": \"net-0\", \"name\": \"Network again\"}\n");
    let report = |threads| {
        validate_bytes(
            text.as_bytes(),
            &Options {
                format: Some(Format::Ndjson),
                threads,
                path: Some("x.ndjson".into()),
                ..Options::default()
            },
        )
    };
    let one = report(1);
    let [p] = &one.problems[..] else {
        panic!("expected only the repeated id: {:?}", one.problems)
    };
    assert_eq!(p.code, citynets::validate::Code::DuplicateId);
    assert_eq!(p.path.as_deref(), Some("x.ndjson"));
    let two = report(2);
    assert_eq!(two, one);
}

/// Once the report keeps as many problems as asked, later chunks only count theirs: the
/// counts, the kept problems and their order stay those of one thread, with warnings, errors
/// and repeated ids across chunks past the cap. (Not with duplicated keys: an error under a
/// key's earlier value is taken back when it was kept, and stays counted when it was past the
/// cap, so the count depends on where the cap falls; see CHANGELOG.md.)
#[test]
fn a_full_report_gives_the_same_counts_on_any_number_of_threads() {
    let mut text = String::new();
    let mut i = 0;
    // About 5 MB: every record warns (its id is not the catalogue's for the name Eurocities).
    while text.len() < 5_000_000 {
        let line = match i % 50 {
            0 => "{\"id\": \"net-3\", \"name\": \"repeats an early id\"}\n".to_owned(),
            1 => format!("{{\"id\": \"n-{i}\", \"name\": \"X\", \"scope\": \"planet\"}}\n"),
            _ => format!("{{\"id\": \"net-{i}\", \"name\": \"Eurocities\"}}\n"),
        };
        text.push_str(&line);
        i += 1;
    }
    for keep in [0, 3, 500] {
        let report = |threads| {
            validate_bytes(
                text.as_bytes(),
                &Options {
                    format: Some(Format::Ndjson),
                    threads,
                    max_problems: keep,
                    ..Options::default()
                },
            )
        };
        let one = report(1);
        assert_eq!(one.problems.len(), keep);
        assert!(one.warnings > 50_000, "{} warnings", one.warnings);
        assert!(one.errors > 1_000, "{} errors", one.errors);
        for threads in [2, 3] {
            assert_same(
                &report(threads),
                &one,
                &format!("{threads} threads, {keep} kept"),
            );
        }
    }
}
