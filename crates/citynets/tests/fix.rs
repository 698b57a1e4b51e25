//! `fix` end to end: the acceptance fixtures (messy tables as users have them, each with the
//! fixed file, change log and remaining report expected), and the three promises checked over
//! thousands of generated tables: fixing twice changes nothing, no row or unknown cell is
//! lost, and a valid value is never changed.
//!
//! To write the expected files again after a deliberate change, run with
//! `CITYNETS_BLESS=1` and review the diff.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};

use citynets::DocumentKind;
use citynets::fix::{ChangeLog, DateOrder, FixOptions, Rule, fix_bytes};
use citynets::validate::Report;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/fix")
}

/// The report as one line per problem, the way the fixtures keep it.
fn report_lines(report: &Report) -> String {
    let mut out = format!(
        "records {}, errors {}, warnings {}\n",
        report.records, report.errors, report.warnings
    );
    for p in &report.problems {
        out.push_str(&format!(
            "{}\t{}\trecord {}\tline {}\t{}\t{}\t{}\n",
            p.code,
            p.error.chars().take(60).collect::<String>(),
            p.record.map_or("-".into(), |r| r.to_string()),
            p.line.map_or("-".into(), |r| r.to_string()),
            p.column_name.as_deref().unwrap_or("-"),
            p.instance_location,
            p.suggestion.as_deref().unwrap_or("-"),
        ));
    }
    out
}

/// The options a fixture's `options` file gives (`document=membership`, `date-order=dmy`).
fn options_for(dir: &Path, input: &str) -> FixOptions {
    let mut options = FixOptions::for_path(input);
    let text = std::fs::read_to_string(dir.join("options")).unwrap_or_default();
    for line in text.lines() {
        match line.split_once('=') {
            Some(("document", "membership")) => {
                options.validate.document = Some(DocumentKind::Membership)
            }
            Some(("date-order", "dmy")) => options.date_order = Some(DateOrder::DayFirst),
            Some(("date-order", "mdy")) => options.date_order = Some(DateOrder::MonthFirst),
            _ => panic!("{}: unknown option {line:?}", dir.display()),
        }
    }
    options
}

fn compare(path: &Path, got: &[u8], bless: bool) -> Option<String> {
    if bless {
        std::fs::write(path, got).unwrap();
        return None;
    }
    let want = std::fs::read(path).unwrap_or_default();
    (want != got).then(|| {
        format!(
            "{} differs:\n--- expected\n{}\n--- got\n{}",
            path.display(),
            String::from_utf8_lossy(&want),
            String::from_utf8_lossy(got)
        )
    })
}

#[test]
fn the_acceptance_fixtures_give_their_expected_files_log_and_report() {
    let bless = std::env::var_os("CITYNETS_BLESS").is_some();
    let mut cases = 0;
    let mut failures = Vec::new();
    let mut dirs: Vec<_> = std::fs::read_dir(fixtures())
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    dirs.sort();
    for dir in dirs {
        let Some(input) = std::fs::read_dir(&dir)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .find(|p| p.file_stem().is_some_and(|s| s == "input"))
        else {
            continue;
        };
        cases += 1;
        let name = input.file_name().unwrap().to_string_lossy().into_owned();
        let ext = input.extension().unwrap().to_string_lossy().into_owned();
        let bytes = std::fs::read(&input).unwrap();
        let fixed = fix_bytes(&bytes, &options_for(&dir, &name));
        let mut log = ChangeLog::new(Vec::new()).unwrap();
        for c in &fixed.changes {
            log.write(c).unwrap();
        }
        let log = log.into_inner().unwrap();
        let report = report_lines(&fixed.outcome.report);
        for (file, got) in [
            (format!("expected.{ext}"), &fixed.output[..]),
            ("changes.csv".to_owned(), &log[..]),
            ("report.txt".to_owned(), report.as_bytes()),
        ] {
            failures.extend(compare(&dir.join(file), got, bless));
        }
        // Each fixture fixed again: nothing more to change, and the same report.
        let again = fix_bytes(&fixed.output, &options_for(&dir, &name));
        assert_eq!(
            again.output,
            fixed.output,
            "{}: fixing twice",
            dir.display()
        );
        assert!(
            again.changes.iter().all(|c| c.rule == Rule::Left),
            "{}: {:?}",
            dir.display(),
            again.changes
        );
        assert_eq!(
            again.outcome.report,
            fixed.outcome.report,
            "{}",
            dir.display()
        );
    }
    assert!(cases >= 7, "only {cases} fixtures found");
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// A small random generator, seeded, so that a failure can be replayed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[(self.next() % from.len() as u64) as usize]
    }
}

const HEADERS: &[&str] = &[
    "city",
    "member.city",
    "Gemeente",
    "country",
    "member.country",
    "Land",
    "country_code",
    "network",
    "organization_id",
    "Réseau",
    "status",
    "Status",
    "start_date",
    "year",
    "Member since",
    "member.kind",
    "type",
    "source_url",
    "link",
    "notes",
    "x",
    "end_date",
    "member.name",
];

const CELLS: &[&str] = &[
    "",
    " ",
    "Gent",
    " Ghent ",
    "Belgium",
    "België",
    "BE",
    "be",
    "UK",
    "Europe",
    "Eurocities",
    "eurocities",
    "EUROCITIES",
    "Eurocitis",
    "ICLEI",
    "Major Cities of Europe",
    "member",
    "Member",
    "full",
    "Full member",
    "fulll",
    "2015",
    "2015.0",
    "18/11/2016",
    "01/02/2015",
    "2015-03-01 00:00:00",
    "since 2010",
    "city",
    "City",
    "Stad",
    "region",
    "https://example.org/a",
    "example.org",
    "a|b",
    "climate|Mobility",
    "\"quoted\"",
    "x;y",
    "line\nbreak",
    "é",
    "[1,2]",
    "{\"a\":1}",
    "12.0",
];

fn table(rng: &mut Rng) -> String {
    let columns = 1 + (rng.next() % 7) as usize;
    // A header of one column shows no delimiter: a comma is what any reader takes then.
    let delimiter = match columns {
        1 => ",",
        _ => rng.pick(&[",", ";", "\t"]),
    };
    let mut w = csv::WriterBuilder::new()
        .delimiter(delimiter.as_bytes()[0])
        .flexible(true)
        .from_writer(Vec::new());
    let header: Vec<&str> = (0..columns).map(|_| rng.pick(HEADERS)).collect();
    w.write_record(&header).unwrap();
    for _ in 0..(rng.next() % 6) {
        // Now and then a short or a long row.
        let n = match rng.next() % 10 {
            0 => columns.saturating_sub(1).max(1),
            1 => columns + 1,
            _ => columns,
        };
        let row: Vec<&str> = (0..n).map(|_| rng.pick(CELLS)).collect();
        w.write_record(&row).unwrap();
    }
    String::from_utf8(w.into_inner().unwrap()).unwrap()
}

fn rows(text: &[u8]) -> Vec<Vec<String>> {
    let text = text.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(text);
    let delimiter = [b',', b';', b'\t']
        .into_iter()
        .rev()
        .max_by_key(|d| {
            text.split(|b| *b == b'\n')
                .next()
                .map_or(0, |l| l.iter().filter(|b| *b == d).count())
        })
        .unwrap();
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text)
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

#[test]
fn fixing_twice_changes_nothing_and_no_row_or_unknown_cell_is_lost() {
    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    let mut changed = 0;
    for case in 0..1500 {
        let input = table(&mut rng);
        let options = FixOptions::for_path("t.csv");
        let once = fix_bytes(input.as_bytes(), &options);
        let twice = fix_bytes(&once.output, &options);
        assert_eq!(
            String::from_utf8_lossy(&twice.output),
            String::from_utf8_lossy(&once.output),
            "case {case}: fixing twice\n{input}"
        );
        assert!(
            twice.changes.iter().all(|c| c.rule == Rule::Left),
            "case {case}: {:?}\n{input}",
            twice.changes
        );
        let (before, mut after) = (rows(input.as_bytes()), rows(&once.output));
        assert_eq!(before.len(), after.len(), "case {case}: rows\n{input}");
        // A table of networks without ids gets an `id` column in front: the rest is as it was.
        if after[0][0] == "id" && !before[0].iter().any(|h| h == "id") {
            for row in &mut after {
                row.remove(0);
            }
        }
        // A table of memberships with a city and a country gets a `member.geonames_id`
        // column at the end (its rows filled out to the header's width first).
        let added = after[0].len() == before[0].len() + 1
            && after[0].last().is_some_and(|h| h == "member.geonames_id");
        if added {
            let width = before[0].len();
            for row in &mut after {
                row.remove(width);
            }
        }
        for (b, a) in before.iter().zip(&after) {
            if added && b.len() < a.len() {
                assert!(
                    a[b.len()..].iter().all(String::is_empty),
                    "case {case}: {a:?}\n{input}"
                );
            } else {
                assert_eq!(b.len(), a.len(), "case {case}: cells\n{input}");
            }
        }
        // Cells of columns fix knows nothing of are kept as they were.
        for (i, h) in before[0].iter().enumerate() {
            if ["notes", "x"].contains(&h.as_str()) {
                for (b, a) in before.iter().zip(&after).skip(1) {
                    assert_eq!(b.get(i), a.get(i), "case {case}: column {h}\n{input}");
                }
            }
        }
        changed += once.changes.iter().filter(|c| c.rule != Rule::Left).count();
    }
    assert!(
        changed > 1000,
        "the generated tables need fixing: {changed}"
    );
}

#[test]
fn valid_data_is_never_changed() {
    // The catalogue's networks as CSV, and the hand-corrected real member list.
    let mut export =
        citynets::validate::csv::CsvWriter::new(Vec::new(), DocumentKind::Network, b';').unwrap();
    for n in citynets::ghent() {
        export.write(n).unwrap();
    }
    let networks = export.into_inner().unwrap();
    let members = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../tests/fixtures/real-member-list/expected.csv"),
    )
    .unwrap();
    for (name, kind, bytes) in [
        ("networks.csv", DocumentKind::Network, networks),
        ("members.csv", DocumentKind::Membership, members),
    ] {
        let mut options = FixOptions::for_path(name);
        options.validate.document = Some(kind);
        let fixed = fix_bytes(&bytes, &options);
        assert_eq!(fixed.outcome.report.errors, 0, "{name}");
        if kind == DocumentKind::Network {
            assert_eq!(fixed.changes, [], "{name}");
            assert_eq!(fixed.output, bytes, "{name}");
            continue;
        }
        // A member list gains its cities' identities, and nothing else changes.
        assert!(fixed.changes.len() > 80, "{name}: {}", fixed.changes.len());
        for c in &fixed.changes {
            assert_eq!(
                (c.rule, c.field.as_str(), c.before.as_str()),
                (Rule::City, "member.geonames_id", "")
            );
        }
        let mut out = rows(&fixed.output);
        assert_eq!(
            out[0].last().map(String::as_str),
            Some("member.geonames_id")
        );
        for row in &mut out {
            row.pop();
        }
        assert_eq!(out, rows(&bytes), "{name}");
    }
    // Every value a generated table holds that the validator accepts where it is: unchanged.
    let mut rng = Rng(7);
    for _ in 0..500 {
        let input = table(&mut rng);
        let fixed = fix_bytes(input.as_bytes(), &FixOptions::for_path("t.csv"));
        let report = citynets::validate::validate_bytes(
            input.as_bytes(),
            &citynets::validate::Options {
                path: Some("t.csv".into()),
                document: fixed.outcome.document,
                ..Default::default()
            },
        );
        for c in fixed.changes.iter().filter(|c| {
            !matches!(
                c.rule,
                Rule::Left | Rule::Column | Rule::Source | Rule::Whitespace
            ) && c.record > 0
        }) {
            let flagged = report
                .problems
                .iter()
                .any(|p| p.record == Some(c.record) && p.column_name == c.column)
                || report.problems.len() >= 10_000;
            assert!(
                flagged,
                "{c:?} changed a value the validator accepts\n{input}"
            );
        }
    }
}

/// A workbook as an analyst keeps one: spreadsheet column names, a date cell, a year typed as
/// a number, a country name; fixed into CSV with a byte-order mark, the date cell as an ISO
/// date and the year without `.0`.
#[cfg(feature = "workbook")]
#[test]
fn a_workbook_with_date_cells_is_fixed_into_csv() {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Members").unwrap();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    for (c, h) in ["Network", "City", "Country", "Type", "Joined", "Left"]
        .iter()
        .enumerate()
    {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    sheet.write_string(1, 0, "Eurocities").unwrap();
    sheet.write_string(1, 1, "Gent").unwrap();
    sheet.write_string(1, 2, "Belgium").unwrap();
    sheet.write_string(1, 3, "City").unwrap();
    let joined = ExcelDateTime::from_ymd(2008, 11, 18).unwrap();
    sheet
        .write_datetime_with_format(1, 4, &joined, &date)
        .unwrap();
    sheet.write_number(1, 5, 2020.0).unwrap();
    let bytes = book.save_to_buffer().unwrap();

    let mut options = FixOptions::for_path("members.xlsx");
    options.validate.sheet = Some("Members".into());
    let fixed = fix_bytes(&bytes, &options);
    assert_eq!(
        String::from_utf8(fixed.output).unwrap(),
        "\u{feff}organization_id,member.city,member.country,member.kind,start_date,end_date,member.geonames_id\n\
         eurocities,Gent,BE,city,2008-11-18,2020,2797656\n"
    );
    assert_eq!(fixed.outcome.format, Some(citynets::validate::Format::Csv));
    assert_eq!(fixed.outcome.document, Some(DocumentKind::Membership));
    assert!(
        fixed.outcome.report.is_valid(false),
        "{:?}",
        fixed.outcome.report
    );
    let rules: Vec<Rule> = fixed.changes.iter().map(|c| c.rule).collect();
    assert!(
        rules.contains(&Rule::Country) && rules.contains(&Rule::Network),
        "{rules:?}"
    );
}

/// The fuzz target's promises (`fuzz/fuzz_targets/fix.rs`) over its committed corpus: every
/// input read as a table, NDJSON and JSON, fixed twice to the same bytes.
#[test]
fn the_fuzz_corpus_replays_without_a_change_on_the_second_fix() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz/corpus/fix");
    let mut inputs = 0;
    for entry in std::fs::read_dir(&dir).unwrap().flatten() {
        let data = std::fs::read(entry.path()).unwrap();
        inputs += 1;
        for path in ["fuzz.csv", "fuzz.ndjson", "fuzz.json"] {
            let options = FixOptions::for_path(path);
            let once = fix_bytes(&data, &options);
            if once.outcome.format.is_none() {
                continue;
            }
            let twice = fix_bytes(&once.output, &options);
            let name = entry.file_name();
            assert_eq!(twice.output, once.output, "{name:?} as {path}");
            assert!(
                twice.changes.iter().all(|c| c.rule == Rule::Left),
                "{name:?} as {path}: {:?}",
                twice.changes
            );
        }
    }
    assert!(inputs >= 8, "{inputs} inputs in {}", dir.display());
}

/// A log that panics (the caller's code) makes `fix` panic, not hang: the validator of the
/// output, on its own thread, sees the output end when the fixing side unwinds.
#[test]
fn a_panic_in_the_log_ends_fix_instead_of_hanging() {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let dir = fixtures().join("ambiguous");
        let input = std::fs::read(dir.join("input.csv")).unwrap_or_default();
        let options = options_for(&dir, "input.csv");
        let outcome = std::panic::catch_unwind(|| {
            citynets::fix::fix(
                &input[..],
                Vec::new(),
                &options,
                |_| -> std::io::Result<()> { panic!("the caller's log failed") },
            )
        });
        let _ = tx.send(outcome.is_err());
    });
    let panicked = rx.recv_timeout(std::time::Duration::from_secs(120));
    assert_eq!(panicked, Ok(true), "fix hung or did not pass the panic on");
}
