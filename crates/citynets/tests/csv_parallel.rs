//! CSV tables are cut into chunks of whole rows, checked on several threads, and rows the
//! typed model accepts skip the mapping and the schema walk. None of it changes the report: on
//! a generated table of over 1 MB with every kind of exception mixed in (quoted line breaks,
//! quotes inside unquoted cells, quotes written twice in quoted cells of every shape, blank
//! rows, bytes that are not UTF-8, rows with too many cells, JSON cells that are not JSON,
//! repeated ids far apart), the report is the same with
//! the fast path on and off, on one thread and on several; and every problem lies in the row
//! that the row-by-row reader ([`CsvReader`]) finds at that number.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail loudly

use citynets::DocumentKind;
use citynets::validate::csv::{CsvOptions, CsvReader, CsvWriter, validate_csv_bytes};
use citynets::validate::{Code, Options, Report};
use serde_json::{Value, json};

/// Network records as a CSV table, with the exceptions mixed in.
fn table(n: usize, line_end: &[u8]) -> Vec<u8> {
    let ghent: Vec<Value> = citynets::ghent()
        .iter()
        .map(|n| serde_json::to_value(n).unwrap())
        .collect();
    let mut w = CsvWriter::new(Vec::new(), DocumentKind::Network, b',').unwrap();
    for i in 0..n {
        let mut r = ghent[i % ghent.len()].clone();
        let o = r.as_object_mut().unwrap();
        if i % 13 != 0 {
            o.insert("id".into(), json!(format!("test-network-{i}")));
            o.insert("name".into(), json!(format!("Test network {i}")));
            o.remove("acronym");
            o.remove("other_names");
        }
        if i % 17 == 5 {
            // Repeats an id from far back, often in an earlier chunk.
            o.insert("id".into(), json!(format!("test-network-{}", i / 2 + 1)));
        }
        if i % 11 == 3 {
            o.insert("policy_areas".into(), json!(["mobilty"]));
        }
        if i % 7 == 1 {
            // A quoted cell over two lines.
            o.insert(
                "description".into(),
                json!(format!("Line one of {i}\nline two")),
            );
        }
        if i % 19 == 2
            && let Some(Value::Array(ms)) = o.get_mut("memberships")
            && let Some(m) = ms.first_mut()
        {
            m["start_date"] = json!("2020");
            m["end_date"] = json!("2010");
        }
        // Quotes, written twice in a quoted cell: in a scalar cell, in a `|` list cell, and in
        // the strings of a JSON cell (`\""` there).
        if i % 9 == 4 {
            o.insert("name".into(), json!(format!("The \"quoted\" network {i}")));
        }
        if i % 10 == 6 {
            o.insert(
                "secretariat".into(),
                json!({"city": "Ghent", "country": "BE", "other_offices": ["Office \"A\"", "B"]}),
            );
        }
        if i % 8 == 3
            && let Some(Value::Array(ms)) = o.get_mut("memberships")
            && let Some(m) = ms.first_mut()
        {
            m["note"] = json!(format!("Joined \"early\" ({i})"));
        }
        w.write_value(&r).unwrap();
    }
    let text = w.into_inner().unwrap();
    // Changes made to the text itself, line by line.
    let mut out = Vec::new();
    for (i, line) in text.split_inclusive(|b| *b == b'\n').enumerate() {
        let mut line = line.strip_suffix(b"\n").unwrap_or(line).to_vec();
        if i % 41 == 7 {
            // A quote inside an unquoted cell is text (and opens no quoted field).
            if let Some(at) = line.iter().position(|b| *b == b',') {
                line.splice(at + 1..at + 1, b"12\" vinyl ".iter().copied());
            }
        }
        if i % 53 == 9 {
            // A byte that is not UTF-8.
            line.extend_from_slice(b",\xff");
        }
        if i % 47 == 11 {
            // A JSON cell that is not JSON.
            line.extend_from_slice(b",\"[{\"\"broken\"");
        }
        out.extend_from_slice(&line);
        out.extend_from_slice(line_end);
        if i % 61 == 5 {
            out.extend_from_slice(b",,,");
            out.extend_from_slice(line_end);
        }
        if i % 89 == 6 {
            out.extend_from_slice(b",\xfe,");
            out.extend_from_slice(line_end);
        }
    }
    out
}

fn run(input: &[u8], threads: usize, fast: bool) -> Report {
    let options = Options {
        document: Some(DocumentKind::Network),
        max_problems: usize::MAX,
        threads,
        fast_path: fast,
        ..Options::default()
    };
    validate_csv_bytes(input, &options, &CsvOptions::default())
}

fn count(report: &Report, code: Code) -> usize {
    report.problems.iter().filter(|p| p.code == code).count()
}

#[test]
fn tables_are_the_same_on_any_number_of_threads_with_or_without_the_fast_path() {
    for line_end in [&b"\n"[..], &b"\r\n"[..]] {
        let input = table(2500, line_end);
        // Several chunks of about 512 KB.
        assert!(input.len() > 1 << 21, "{} bytes", input.len());
        let engine = run(&input, 1, false);
        for (threads, fast) in [(1, true), (2, true), (3, true), (2, false)] {
            let other = run(&input, threads, fast);
            assert_eq!(
                (other.errors, other.warnings, other.records),
                (engine.errors, engine.warnings, engine.records),
                "{threads} threads, fast path {fast}"
            );
            for (i, (a, b)) in other.problems.iter().zip(&engine.problems).enumerate() {
                assert_eq!(a, b, "problem {i}, {threads} threads, fast path {fast}");
            }
            assert_eq!(other.problems.len(), engine.problems.len());
        }
        // The rows added to the text (not blank) are records too.
        assert!(engine.records > 2500, "{} records", engine.records);
        for code in [
            Code::DuplicateId,
            Code::IdMismatch,
            Code::UnknownVariant,
            Code::EndBeforeStart,
            Code::Encoding,
            Code::Syntax,
        ] {
            assert!(count(&engine, code) > 0, "no {code:?} in the mix");
        }
        rows_are_where_the_row_reader_finds_them(&input, &engine);
    }
}

/// Every problem of a record lies between the line its row starts on and the next row's.
fn rows_are_where_the_row_reader_finds_them(input: &[u8], report: &Report) {
    let mut reader = CsvReader::new(input, DocumentKind::Network, &CsvOptions::default()).unwrap();
    let mut lines = std::collections::BTreeMap::new();
    while let Some(row) = reader.next_record().unwrap() {
        lines.insert(row.number, row.line);
    }
    assert_eq!(lines.len() as u64, report.records);
    let mut checked = 0;
    for p in &report.problems {
        let (Some(record), Some(line)) = (p.record, p.line) else {
            continue;
        };
        let start = lines[&record];
        let next = lines.range(record + 1..).next().map(|(_, l)| *l);
        assert!(
            line >= start && next.is_none_or(|n| line < n),
            "{:?} of record {record} on line {line}; the row is on lines {start}..{next:?}",
            p.code
        );
        checked += 1;
    }
    assert!(checked > 100, "{checked} problems placed");
}

#[test]
fn a_repeated_id_names_the_first_row_across_chunks() {
    let input = table(2500, b"\n");
    let report = run(&input, 2, true);
    let far = report
        .problems
        .iter()
        .filter(|p| p.code == Code::DuplicateId)
        .filter_map(|p| Some((p.record?, p.error.rsplit(' ').next()?.parse::<u64>().ok()?)))
        .filter(|(this, first)| this - first > 500)
        .count();
    assert!(far > 0, "no repeated id far from its first use");
}

#[test]
fn a_byte_order_mark_inside_the_table_is_text_wherever_the_row_falls() {
    // A row that starts with U+FEFF (two files joined): the id is not a slug. The first data
    // row always starts a chunk, where the CSV reader would drop the mark; the second never.
    let first = "id,name\n\u{FEFF}eurocities,Eurocities\nx-net,X\n";
    let second = "id,name\nx-net,X\n\u{FEFF}eurocities,Eurocities\n";
    for threads in [1, 2] {
        for (table, record) in [(first, 1), (second, 2)] {
            let report = run(table.as_bytes(), threads, true);
            let bad: Vec<_> = report
                .problems
                .iter()
                .filter(|p| p.instance_location == "/id")
                .map(|p| (p.record, p.line, p.column))
                .collect();
            assert_eq!(
                bad,
                [(Some(record), Some(record + 1), Some(1))],
                "{threads} threads"
            );
        }
    }
}

#[test]
fn a_quote_left_open_stops_the_reading_with_a_problem_not_a_giant_row() {
    let mut table = b"id,name\nx-net,\"Brussels, BE\n".to_vec();
    let filler = b"y-net,Y\n".repeat(3_000_000);
    table.extend_from_slice(&filler);
    assert!(table.len() > 20 << 20);
    let report = run(&table, 2, true);
    let open = report
        .problems
        .iter()
        .find(|p| p.error.contains("closing quote"))
        .expect("a problem about the open quote");
    assert_eq!(open.line, Some(2));
}

#[test]
fn a_delimiter_that_cannot_separate_cells_is_refused() {
    for d in [b'"', b'\n', b'\r', 0xE9] {
        let options = Options {
            document: Some(DocumentKind::Network),
            ..Options::default()
        };
        let csv = CsvOptions { delimiter: Some(d) };
        let report = validate_csv_bytes(b"id,name\nx,X\n", &options, &csv);
        assert_eq!(report.errors, 1, "{d:#x}");
        assert!(report.problems[0].error.contains("delimiter"), "{d:#x}");
        assert!(CsvReader::new(&b"id\n"[..], DocumentKind::Network, &csv).is_err());
    }
}
