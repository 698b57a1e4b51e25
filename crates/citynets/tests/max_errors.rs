//! `max_errors` (`--max-errors N`): the report stops at the Nth error, says so, and a long
//! table or NDJSON file is not read to its end; on one thread or several, the problems shown
//! are the same.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use citynets::DocumentKind;
use citynets::validate::csv::CsvOptions;
use citynets::validate::{Code, Format, Options, Severity, validate_input};

const ROWS: usize = 200_000;

/// A membership table whose every row has one error (an unknown status), as CSV or NDJSON.
fn input(format: Format) -> Vec<u8> {
    let mut out = String::new();
    if format == Format::Csv {
        out.push_str("organization_id,member.kind,member.city,member.country,status\n");
    }
    for i in 0..ROWS {
        match format {
            Format::Csv => out.push_str(&format!("eurocities,city,Town {i},BE,fulll\n")),
            _ => out.push_str(&format!(
                "{{\"organization_id\": \"eurocities\", \"member\": {{\"kind\": \"city\", \"city\": \"Town {i}\", \"country\": \"BE\"}}, \"status\": \"fulll\"}}\n"
            )),
        }
    }
    out.into_bytes()
}

#[test]
fn the_report_stops_at_the_nth_error_and_the_rest_is_not_read() {
    for format in [Format::Csv, Format::Ndjson] {
        let data = input(format);
        let mut shown = Vec::new();
        for threads in [1, 2] {
            let options = Options {
                document: Some(DocumentKind::Membership),
                format: Some(format),
                max_errors: Some(5),
                threads,
                ..Options::default()
            };
            let report = validate_input(&data[..], &options, &CsvOptions::default()).unwrap();
            let errors: Vec<_> = report.errors().collect();
            assert_eq!(errors.len(), 5, "{format:?} on {threads} threads");
            assert!(errors.iter().all(|p| p.code == Code::UnknownVariant));
            let last = report.problems.last().unwrap();
            assert_eq!(
                (last.code, last.severity),
                (Code::TooManyProblems, Severity::Warning)
            );
            assert!(last.error.contains("--max-errors 5"), "{}", last.error);
            // Not read to the end: far fewer records than the input holds.
            assert!(
                report.records < ROWS as u64 / 2,
                "{format:?} on {threads} threads read {} records",
                report.records
            );
            assert!(report.errors >= 5 && report.errors == report.records);
            shown.push(report.problems.clone());
        }
        assert_eq!(
            shown[0], shown[1],
            "{format:?}: the same problems on 1 and 2 threads"
        );
        // Without the limit, every row is read and counted.
        let options = Options {
            document: Some(DocumentKind::Membership),
            format: Some(format),
            ..Options::default()
        };
        let all = validate_input(&data[..], &options, &CsvOptions::default()).unwrap();
        assert_eq!(all.records, ROWS as u64);
        assert!(
            !all.problems
                .iter()
                .any(|p| p.code == Code::TooManyProblems && p.error.contains("max-errors"))
        );
    }
}

#[test]
fn a_file_with_fewer_errors_than_the_limit_is_reported_whole() {
    let options = Options {
        document: Some(DocumentKind::Membership),
        format: Some(Format::Csv),
        max_errors: Some(3),
        ..Options::default()
    };
    let table = "organization_id,member.kind,member.city,member.country,status\neurocities,city,Gent,BE,fulll\neurocities,city,Lyon,FR,full\n";
    let report = validate_input(table.as_bytes(), &options, &CsvOptions::default()).unwrap();
    assert_eq!((report.errors, report.warnings, report.records), (1, 0, 2));
    assert!(
        report
            .problems
            .iter()
            .all(|p| p.code != Code::TooManyProblems)
    );
}
