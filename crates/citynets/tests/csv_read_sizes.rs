//! The report on a CSV or wide table must not depend on how its bytes arrive: from a file in
//! one read, or from a pipe a few bytes at a time. Each test hands the same bytes out in reads
//! of several sizes (through [`Drip`]) and on one to three threads, and asserts that every
//! report equals the report on the whole input read at once, problems included.
//!
//! Fuzzing reported three ways this could fail, each with a regression test here: the
//! delimiter of a header holding a quoted line break (it did fail: the header was cut at the
//! first line break the reads had brought in), a byte-order mark cut by the first read (and
//! the encoding guessed from too few bytes), and the message of a bad byte that ends a read.
//! The last two pass on the code as it was (the decoder reads four bytes before it decides,
//! and keeps back a sequence cut by a read until the next one), and the tests keep it so.

#![cfg(feature = "csv")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail loudly

use std::io::{self, Read};
use std::path::PathBuf;

use citynets::DocumentKind;
use citynets::validate::csv::{CsvOptions, validate_csv_reader};
use citynets::validate::wide::validate_wide_reader;
use citynets::validate::{Options, Report};
use serde_json::Value;

/// Hands out its bytes in reads of at most `step` bytes, as a pipe does.
struct Drip<'a> {
    bytes: &'a [u8],
    step: usize,
}

impl Read for Drip<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.step.min(buf.len()).min(self.bytes.len());
        buf[..n].copy_from_slice(&self.bytes[..n]);
        self.bytes = &self.bytes[n..];
        Ok(n)
    }
}

/// What kind of table the bytes are.
#[derive(Clone, Copy, Debug)]
enum Kind {
    /// One record per row, of this type.
    Records(DocumentKind),
    /// A wide membership table.
    Wide,
}

fn report(bytes: &[u8], kind: Kind, step: usize, threads: usize, csv: &CsvOptions) -> Report {
    let input = Drip { bytes, step };
    match kind {
        Kind::Records(document) => {
            let options = Options {
                document: Some(document),
                threads,
                ..Options::default()
            };
            validate_csv_reader(input, &options, csv).unwrap()
        }
        Kind::Wide => {
            let options = Options {
                threads,
                ..Options::default()
            };
            validate_wide_reader(input, &options, csv).unwrap()
        }
    }
}

/// Asserts that the report is the same for every read size and thread count given, and
/// returns it.
fn same_report(bytes: &[u8], kind: Kind, steps: &[usize], threads: &[usize], what: &str) -> Report {
    same_report_with(bytes, kind, &CsvOptions::default(), steps, threads, what)
}

/// [`same_report`] with the table read as `csv` says.
fn same_report_with(
    bytes: &[u8],
    kind: Kind,
    csv: &CsvOptions,
    steps: &[usize],
    threads: &[usize],
    what: &str,
) -> Report {
    let whole = report(bytes, kind, bytes.len().max(1), 1, csv);
    for &t in threads {
        for &step in steps {
            let got = report(bytes, kind, step, t, csv);
            assert_eq!(
                got, whole,
                "{what}: reads of {step} bytes on {t} threads give another report"
            );
        }
    }
    whole
}

/// The read sizes of the regression tests (the whole input is added by `same_report`).
const STEPS: [usize; 6] = [1, 2, 3, 7, 64, 4096];

#[test]
fn a_quoted_line_break_in_the_header_does_not_change_the_delimiter() {
    // The first line of the header alone holds more commas than semicolons; the whole header
    // (to its line break outside quotes) holds more semicolons, and is `;`-separated.
    let wide = "#a,b,c;\"#x\ny\";city;country;eurocities\n;;Ghent;BE;x\n";
    let report = same_report(wide.as_bytes(), Kind::Wide, &STEPS, &[1, 2], "wide table");
    assert_eq!(report.records, 1, "{report:?}");
    assert!(report.is_valid(true), "{report:?}");
    // The same header shape in a table of records.
    let table = "\"id\n\";name;\"a,b,c\"\neurocities;Eurocities;x\n";
    same_report(
        table.as_bytes(),
        Kind::Records(DocumentKind::Network),
        &STEPS,
        &[1, 2],
        "table of records",
    );
}

#[test]
fn a_byte_order_mark_cut_by_the_first_read_is_still_recognised() {
    let text = "id,name\neurocities,Eurocities\n";
    let mut utf8 = vec![0xEF, 0xBB, 0xBF];
    utf8.extend_from_slice(text.as_bytes());
    let report = same_report(
        &utf8,
        Kind::Records(DocumentKind::Network),
        &STEPS,
        &[1, 2],
        "UTF-8 with a byte-order mark",
    );
    assert!(report.is_valid(true), "{report:?}");
    let mut wide = vec![0xEF, 0xBB, 0xBF];
    wide.extend_from_slice(b"city;country;eurocities\nGhent;BE;x\n");
    let report = same_report(&wide, Kind::Wide, &STEPS, &[1, 2], "wide, with a mark");
    assert!(report.is_valid(true), "{report:?}");
    for le in [true, false] {
        for bom in [true, false] {
            let mut bytes = Vec::new();
            if bom {
                bytes.extend_from_slice(if le { &[0xFF, 0xFE] } else { &[0xFE, 0xFF] });
            }
            for u in text.encode_utf16() {
                bytes.extend_from_slice(&if le { u.to_le_bytes() } else { u.to_be_bytes() });
            }
            let report = same_report(
                &bytes,
                Kind::Records(DocumentKind::Network),
                &STEPS,
                &[1, 2],
                "UTF-16",
            );
            assert_eq!((report.errors, report.warnings), (0, 1), "{report:?}");
            let wide = same_report(&bytes, Kind::Wide, &STEPS, &[1, 2], "UTF-16 wide table");
            assert!(wide.warnings >= 1, "{wide:?}");
        }
    }
}

#[test]
fn the_encoding_does_not_depend_on_the_first_read() {
    // Plain ASCII, then a byte that is not UTF-8: Windows-1252 whatever the reads.
    let w1252 = b"id,name\neurocities,Li\xe8ge\n";
    let report = same_report(
        w1252,
        Kind::Records(DocumentKind::Network),
        &STEPS,
        &[1, 2],
        "Windows-1252",
    );
    assert_eq!(report.warnings, 1, "{report:?}");
    // UTF-8 letters first, then a bad byte: an error, whatever the reads.
    let utf8 = "id,name\neurocities,Liège \u{e9}\u{e9}\n".as_bytes();
    let mut bad = utf8.to_vec();
    bad.truncate(bad.len() - 1);
    bad.extend_from_slice(b"\xe9\n");
    let report = same_report(
        &bad,
        Kind::Records(DocumentKind::Network),
        &STEPS,
        &[1, 2],
        "UTF-8 then a bad byte",
    );
    assert_eq!(report.errors, 1, "{report:?}");
}

/// The report of `before` then `rest` (whose first byte is the bad one), the same at every read
/// size that makes the bad byte the last byte of a read, and at the usual sizes.
fn bad_byte_at_a_reads_end(before: &[u8], rest: &[u8], kind: Kind, what: &str) -> Report {
    let mut bytes = before.to_vec();
    let at = bytes.len();
    bytes.extend_from_slice(rest);
    let mut steps: Vec<usize> = (1..=at + 1)
        .filter(|s| (at + 1).is_multiple_of(*s))
        .collect();
    steps.extend_from_slice(&STEPS);
    same_report(&bytes, kind, &steps, &[1, 2], what)
}

#[test]
fn a_bad_byte_at_the_end_of_a_read_keeps_its_value_in_the_message() {
    // UTF-8 letters first, so the bad byte is an error rather than a sign of Windows-1252.
    let report = bad_byte_at_a_reads_end(
        "id,name\neurocities,Liège ab\"".as_bytes(),
        b"\xe9\"\n",
        Kind::Records(DocumentKind::Network),
        "bad byte",
    );
    let p = report.errors().next().expect("an encoding error");
    assert!(p.error.contains("byte 0xE9"), "{}", p.error);
    // The same in a Windows-1252 warning, when the text before is ASCII.
    let report = bad_byte_at_a_reads_end(
        b"id,name\neurocities,Li",
        b"\xe8ge\n",
        Kind::Records(DocumentKind::Network),
        "Windows-1252 byte",
    );
    let p = report.warnings().next().expect("an encoding warning");
    assert!(p.error.contains("byte 0xE8"), "{}", p.error);
    // The same in a wide table.
    let report = bad_byte_at_a_reads_end(
        "city;country;eurocities\nLiège".as_bytes(),
        b"\xe9;BE;x\n",
        Kind::Wide,
        "wide, bad byte",
    );
    let p = report.errors().next().expect("an encoding error");
    assert!(p.error.contains("byte 0xE9"), "{}", p.error);
}

/// A CSV case: its input, what kind of table it is, and the delimiter it is read with.
struct Case {
    path: PathBuf,
    kind: Kind,
    csv: CsvOptions,
}

/// The CSV cases of the shared fixtures (every case whose format is `csv`, whatever its
/// input's name: the UTF-16 one is a `.txt`), and any `.csv` or `.tsv` file among the command
/// line's fixtures (there is none today; its CSV tests use the shared cases).
fn fixtures() -> Vec<Case> {
    let root = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."));
    let mut found = Vec::new();
    let shared = root.join("tests/fixtures/validation");
    for entry in std::fs::read_dir(&shared).unwrap() {
        let dir = entry.unwrap().path();
        let case = dir.join("case.json");
        if !case.is_file() {
            continue;
        }
        let meta: Value = serde_json::from_str(&std::fs::read_to_string(case).unwrap()).unwrap();
        if meta["format"] != "csv" {
            continue;
        }
        let kind = match meta["document"].as_str().unwrap() {
            "membership-wide" => Kind::Wide,
            d => Kind::Records(d.parse::<DocumentKind>().unwrap()),
        };
        let csv = CsvOptions {
            delimiter: meta["delimiter"].as_str().map(|d| d.as_bytes()[0]),
        };
        let path = dir.join(meta["input"].as_str().unwrap());
        found.push(Case { path, kind, csv });
    }
    let cli = root.join("crates/citynets-cli/tests/fixtures");
    for entry in std::fs::read_dir(&cli).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.ends_with(".csv") || name.ends_with(".tsv") {
            let kind = if name.contains("wide") {
                Kind::Wide
            } else if name.contains("membership") {
                Kind::Records(DocumentKind::Membership)
            } else {
                Kind::Records(DocumentKind::Network)
            };
            let csv = CsvOptions::default();
            found.push(Case { path, kind, csv });
        }
    }
    found.sort_by(|a, b| a.path.cmp(&b.path));
    found
}

#[test]
fn every_csv_fixture_gives_one_report_whatever_the_reads_and_threads() {
    let cases = fixtures();
    assert!(cases.len() >= 5, "found only {} cases", cases.len());
    for case in cases {
        let bytes = std::fs::read(&case.path).unwrap();
        same_report_with(
            &bytes,
            case.kind,
            &case.csv,
            &[1, 2, 3, 5, 7, 13, 64, 4096, 1 << 20],
            &[1, 2, 3],
            &case.path.display().to_string(),
        );
    }
}

#[test]
fn bad_bytes_across_chunks_give_one_report_whatever_the_reads() {
    // Over 64 KB (the size the input is read in), with bytes that are not UTF-8 at many
    // places, so that some end a read or a chunk of rows whatever the read size.
    let mut bytes = "id,name,description\n".as_bytes().to_vec();
    for i in 0..2_500 {
        bytes.extend_from_slice(format!("net-{i},Liège {i},\"").as_bytes());
        if i % 7 == 3 {
            bytes.push(0xE9);
        }
        bytes.extend_from_slice(format!("text {i}\"\n").as_bytes());
    }
    assert!(bytes.len() > 70_000);
    let report = same_report(
        &bytes,
        Kind::Records(DocumentKind::Network),
        &[2, 7, 4096, 65_535],
        &[1, 2],
        "bad bytes across chunks",
    );
    assert!(report.errors > 0, "{report:?}");
    let first = report.errors().next().unwrap();
    assert!(first.error.contains("byte 0xE9"), "{}", first.error);
}
