//! The report never depends on how the input arrives: the same bytes, handed to
//! `validate_reader` a few at a time or all at once, on one thread or several, give the same
//! report. Fuzzing found places where they did not (a byte-order mark cut by a read, NDJSON
//! written to a pipe a line at a time, a blank NDJSON input on two threads, an invalid byte at
//! the end of a read); each has its own test below, besides the property over every input
//! shape.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail loudly

use std::io::Read;
use std::path::{Path, PathBuf};

use citynets::DocumentKind;
use citynets::validate::{
    Code, Format, Options, Report, Severity, validate_bytes, validate_reader,
};
use serde_json::Value;

/// A reader that hands out its bytes in reads of the sizes given, in turn, over and over.
struct Pieces<'a> {
    data: &'a [u8],
    sizes: &'a [usize],
    next: usize,
}

impl<'a> Pieces<'a> {
    fn new(data: &'a [u8], sizes: &'a [usize]) -> Self {
        Pieces {
            data,
            sizes,
            next: 0,
        }
    }
}

impl Read for Pieces<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let size = self.sizes[self.next % self.sizes.len()];
        self.next += 1;
        let n = size.min(buf.len()).min(self.data.len());
        buf[..n].copy_from_slice(&self.data[..n]);
        self.data = &self.data[n..];
        Ok(n)
    }
}

/// Reads of one size each, then an irregular pattern.
const READ_SIZES: [&[usize]; 11] = [
    &[1],
    &[2],
    &[3],
    &[5],
    &[7],
    &[13],
    &[64],
    &[4096],
    &[65536],
    &[1 << 20],
    &[1, 4095, 3, 65537, 2, 700, 13, 1 << 20, 5],
];

/// One input with the options it is validated with.
struct Case {
    name: String,
    bytes: Vec<u8>,
    options: Options,
}

fn report_of(bytes: &[u8], sizes: &[usize], options: &Options) -> Report {
    validate_reader(Pieces::new(bytes, sizes), options).unwrap()
}

/// Checks the property for one case: every read size, threads 1 to 3, the same report.
fn same_whatever_the_arrival(case: &Case) -> Report {
    let whole = Options {
        threads: 1,
        ..case.options.clone()
    };
    let expected = validate_bytes(&case.bytes, &whole);
    for threads in [1, 2, 3] {
        let options = Options {
            threads,
            ..case.options.clone()
        };
        for sizes in READ_SIZES {
            let got = report_of(&case.bytes, sizes, &options);
            assert_eq!(
                got, expected,
                "{}: reads of {sizes:?} bytes, {threads} threads",
                case.name
            );
        }
    }
    expected
}

fn repo_dir(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

/// The shared validation fixtures, with the document and format their `case.json` gives, and
/// once more with nothing said, so that the format is detected.
fn fixture_cases() -> Vec<Case> {
    let mut cases = Vec::new();
    let dir = repo_dir("../../tests/fixtures/validation");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    dirs.sort();
    for case_dir in dirs {
        let meta: Value =
            serde_json::from_str(&std::fs::read_to_string(case_dir.join("case.json")).unwrap())
                .unwrap();
        let input = meta["input"].as_str().unwrap();
        let bytes = std::fs::read(case_dir.join(input)).unwrap();
        let document = meta["document"].as_str();
        let wide = document == Some("membership-wide");
        let format = if wide {
            Some(Format::MembershipWide)
        } else {
            meta["format"]
                .as_str()
                .map(|f| Format::from_name(f).unwrap())
        };
        let document = if wide {
            Some(DocumentKind::Membership)
        } else {
            document.map(|d| d.parse().unwrap())
        };
        let name = case_dir.file_name().unwrap().to_string_lossy().into_owned();
        cases.push(Case {
            name: name.clone(),
            bytes: bytes.clone(),
            options: Options {
                document,
                format,
                path: Some(input.to_owned()),
                ..Options::default()
            },
        });
        if format.is_none_or(|f| !f.is_table()) {
            cases.push(Case {
                name: format!("{name} (detected)"),
                bytes,
                options: Options {
                    document,
                    ..Options::default()
                },
            });
        }
    }
    cases
}

/// The command line's fixtures, detected from their names and from their bytes alone.
fn cli_fixture_cases() -> Vec<Case> {
    let mut cases = Vec::new();
    let mut files: Vec<PathBuf> = std::fs::read_dir(repo_dir("../citynets-cli/tests/fixtures"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    for file in files {
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        let bytes = std::fs::read(&file).unwrap();
        let document = name
            .starts_with("membership")
            .then_some(DocumentKind::Membership);
        for path in [Some(name.clone()), None] {
            cases.push(Case {
                name: format!("cli {name} (path {path:?})"),
                bytes: bytes.clone(),
                options: Options {
                    document,
                    path,
                    ..Options::default()
                },
            });
        }
    }
    cases
}

const NETWORK_A: &str = r#"{"id": "eurocities", "name": "Eurocities"}"#;
const NETWORK_B: &str = r#"{"id": "polis", "name": "Polis", "policy_areas": ["mobilty"]}"#;
const MEMBERSHIP: &str = r#"{"organization_id": "eurocities", "member": {"kind": "city", "city": "Ghent", "country": "BE"}, "status": "full", "start_date": "1980"}"#;

fn utf16(text: &str, big_endian: bool, bom: bool) -> Vec<u8> {
    let mut out = Vec::new();
    let units = bom.then_some(0xFEFF).into_iter().chain(text.encode_utf16());
    for u in units {
        if big_endian {
            out.extend_from_slice(&u.to_be_bytes());
        } else {
            out.extend_from_slice(&u.to_le_bytes());
        }
    }
    out
}

/// A generated input: its name, its bytes, and the document and format to validate it as.
type Shape = (&'static str, Vec<u8>, Option<DocumentKind>, Option<Format>);

/// Inputs made here: each shape with and without a byte-order mark, other encodings, blank
/// inputs, invalid UTF-8 in and out of strings, syntax errors, and inputs long enough for
/// several threads and for a first line longer than the front door reads.
fn generated_cases() -> Vec<Case> {
    let bom = "\u{FEFF}";
    let mut inputs: Vec<Shape> = vec![
        (
            "catalogue",
            format!(r#"{{"city": "Ghent", "networks": [{NETWORK_A}, {NETWORK_B}]}}"#).into(),
            None,
            None,
        ),
        (
            "list of networks",
            format!("[{NETWORK_A},\n {NETWORK_B}]\n").into(),
            None,
            None,
        ),
        (
            "list of memberships",
            format!("[{MEMBERSHIP}, {MEMBERSHIP}]").into(),
            Some(DocumentKind::Membership),
            None,
        ),
        (
            "ndjson of networks",
            format!("{NETWORK_A}\n{NETWORK_B}\n{NETWORK_A}\n").into(),
            None,
            None,
        ),
        (
            "ndjson of memberships",
            format!("{MEMBERSHIP}\r\n\r\n{MEMBERSHIP}").into(),
            Some(DocumentKind::Membership),
            None,
        ),
        (
            "ndjson with a broken line",
            format!("{NETWORK_A}\n{{\"id\": \n{NETWORK_B}\n").into(),
            None,
            Some(Format::Ndjson),
        ),
        (
            "blank ndjson",
            b"\n \n\t\n".to_vec(),
            None,
            Some(Format::Ndjson),
        ),
        (
            "one newline ndjson",
            b"\n".to_vec(),
            None,
            Some(Format::Ndjson),
        ),
        ("empty ndjson", Vec::new(), None, Some(Format::Ndjson)),
        ("blank json", b" \n ".to_vec(), None, None),
        ("empty", Vec::new(), None, None),
        ("truncated", br#"[{"id": "euro"#.to_vec(), None, None),
        (
            "trailing comma",
            br#"[{"id": "a", "name": "A"},]"#.to_vec(),
            None,
            None,
        ),
        (
            "extra data",
            br#"{"city": "Ghent"} {}"#.to_vec(),
            None,
            None,
        ),
        (
            "nan",
            br#"[{"id": "a", "members": NaN}]"#.to_vec(),
            None,
            None,
        ),
        ("single quotes", b"['a']".to_vec(), None, None),
        ("a lone E9 outside strings", b"[\xE9]".to_vec(), None, None),
        (
            "a lone E9 at the end",
            b"[{\"id\": \"a\"}]\xE9".to_vec(),
            None,
            None,
        ),
        (
            "ndjson with invalid UTF-8",
            format!("{NETWORK_A}\n{{\"id\": \"caf\u{0}\", \"name\": \"x\"}}\n{NETWORK_B}\n")
                .replace('\u{0}', "\u{1}")
                .into_bytes()
                .into_iter()
                .map(|b| if b == 1 { 0xE9 } else { b })
                .collect(),
            None,
            None,
        ),
        (
            "utf-16 le with bom",
            utf16(&format!("[{NETWORK_A}]"), false, true),
            None,
            None,
        ),
        (
            "utf-16 be",
            utf16(&format!("[{NETWORK_A}]"), true, false),
            None,
            None,
        ),
        (
            "utf-32 le",
            b"\xFF\xFE\0\0[\0\0\0]\0\0\0".to_vec(),
            None,
            None,
        ),
        ("only a bom", bom.as_bytes().to_vec(), None, None),
        ("a bom cut short", b"\xEF\xBB".to_vec(), None, None),
    ];
    // Invalid and cut UTF-8 inside a string, at several places so that reads end around it.
    for (_what, bad) in [
        ("E9", &b"\xE9"[..]),
        ("E9 41", b"\xE9A"),
        ("cut euro sign", b"\xE2\x82"),
        ("surrogate", b"\xED\xA0\x80"),
        ("overlong", b"\xC0\xAF"),
        ("F0 then ASCII", b"\xF0\x9Fab"),
    ] {
        for before in ["", "caf", "a long name, long enough"] {
            let mut text =
                format!("[{NETWORK_A}, {{\"id\": \"b\", \"name\": \"{before}").into_bytes();
            text.extend_from_slice(bad);
            text.extend_from_slice(b"\"}]");
            inputs.push(("invalid utf-8 in a string", text, None, None));
        }
    }
    // With a byte-order mark in front of each shape so far that is text.
    let with_bom: Vec<_> = inputs
        .iter()
        .filter(|(_, bytes, ..)| !bytes.starts_with(b"\xFF") && !bytes.starts_with(b"\xFE"))
        .map(|(name, bytes, doc, format)| {
            let mut b = bom.as_bytes().to_vec();
            b.extend_from_slice(bytes);
            (*name, b, *doc, *format)
        })
        .collect();
    // Each also without the fast path, whose reading ahead would otherwise keep most reads
    // from ending inside a string.
    let mut cases: Vec<Case> = inputs
        .into_iter()
        .map(|i| (i, ""))
        .chain(with_bom.into_iter().map(|i| (i, " with a bom")))
        .flat_map(|((name, bytes, document, format), suffix)| {
            [true, false].map(|fast_path| Case {
                name: format!("{name}{suffix}, fast path {fast_path}"),
                bytes: bytes.clone(),
                options: Options {
                    document,
                    format,
                    fast_path,
                    ..Options::default()
                },
            })
        })
        .collect();
    // Long enough for several threads (0 asked) and for the front door to stop at its limit.
    let mut many = String::new();
    for i in 0..1500 {
        if i % 97 == 0 {
            many.push_str("{\"id\": \"broken\n");
        }
        many.push_str(if i % 2 == 0 { NETWORK_A } else { NETWORK_B });
        many.push('\n');
    }
    cases.push(Case {
        name: "many ndjson lines".into(),
        bytes: many.clone().into_bytes(),
        options: Options::default(),
    });
    let long_first = format!(
        "{{\"id\": \"long\", \"name\": \"{}\"}}\n{NETWORK_A}\n",
        "x".repeat(70_000)
    );
    for format in [None, Some(Format::Ndjson)] {
        cases.push(Case {
            name: format!("a first line longer than the front door reads ({format:?})"),
            bytes: long_first.clone().into_bytes(),
            options: Options {
                document: Some(DocumentKind::Network),
                format,
                ..Options::default()
            },
        });
    }
    cases.push(Case {
        name: "a long list of networks".into(),
        bytes: format!("[{}]", vec![NETWORK_B; 800].join(",\n")).into_bytes(),
        options: Options::default(),
    });
    cases
}

#[test]
fn the_shared_fixtures_give_the_same_report_whatever_the_arrival() {
    let cases = fixture_cases();
    assert!(cases.len() >= 23, "the fixtures were not found");
    for case in &cases {
        same_whatever_the_arrival(case);
    }
}

#[test]
fn the_command_line_fixtures_give_the_same_report_whatever_the_arrival() {
    let cases = cli_fixture_cases();
    assert!(!cases.is_empty(), "the fixtures were not found");
    for case in &cases {
        same_whatever_the_arrival(case);
    }
}

#[test]
fn generated_inputs_give_the_same_report_whatever_the_arrival() {
    for case in &generated_cases() {
        same_whatever_the_arrival(case);
    }
}

/// The tables go through the same door (by their format or their file name) to the CSV
/// reader; without the `csv` feature each is one error saying so, whatever the arrival.
#[test]
fn tables_are_dispatched_by_format_and_by_name() {
    let table = b"id,name\neurocities,Eurocities\n";
    for options in [
        Options {
            format: Some(Format::Csv),
            ..Options::default()
        },
        Options {
            path: Some("networks.CSV".into()),
            ..Options::default()
        },
    ] {
        let report = same_whatever_the_arrival(&Case {
            name: "a small table".into(),
            bytes: table.to_vec(),
            options,
        });
        if cfg!(feature = "csv") {
            assert!(report.is_valid(true), "{report:?}");
            assert_eq!(report.records, 1);
        } else {
            assert_eq!(report.errors, 1);
            assert!(report.problems[0].error.contains("cannot read csv tables"));
        }
    }
}

/// Bug 1: a byte-order mark (or the start of UTF-16) split across two reads.
#[test]
fn a_byte_order_mark_cut_by_a_read_is_still_a_byte_order_mark() {
    let input = b"\xEF\xBB\xBF[{\"id\": \"eurocities\", \"name\": \"Eurocities\"}]\n";
    let options = Options {
        format: Some(Format::Json),
        ..Options::default()
    };
    for first in [1, 2] {
        let report = report_of(input, &[first, 4096], &options);
        assert!(report.is_valid(false), "{report:?}");
        assert_eq!(report.warnings, 1);
        assert_eq!(report.problems[0].code, Code::ByteOrderMark);
    }
    let utf16 = utf16("[]", false, true);
    let report = report_of(&utf16, &[1, 4096], &Options::default());
    assert_eq!(report.problems[0].code, Code::Encoding);
    assert!(report.problems[0].error.contains("UTF-16"), "{report:?}");
}

/// Bug 2: NDJSON written to a pipe a line at a time is still NDJSON.
#[test]
fn ndjson_arriving_a_line_at_a_time_is_detected_as_ndjson() {
    let input = format!("{NETWORK_A}\n{NETWORK_A}\n");
    let first_line = NETWORK_A.len() + 1;
    let report = report_of(input.as_bytes(), &[first_line, 4096], &Options::default());
    assert_eq!(report.records, 2, "{report:?}");
    // The same id twice: a warning only, so the input is valid.
    assert!(report.is_valid(false), "{report:?}");
    assert_eq!(report.problems[0].code, Code::DuplicateId);
}

/// Bug 4: a blank NDJSON input has one "no records" error, at the same place on any number of
/// threads: line 1, column 1 (after a byte-order mark, if any).
#[test]
fn blank_ndjson_gives_one_no_records_error_at_the_start_on_any_number_of_threads() {
    for input in [&b"\n"[..], b"\n\n  \n", b"", b"\xEF\xBB\xBF\n"] {
        for threads in [1, 2, 3] {
            let report = validate_bytes(
                input,
                &Options {
                    format: Some(Format::Ndjson),
                    threads,
                    ..Options::default()
                },
            );
            let errors: Vec<_> = report
                .problems
                .iter()
                .filter(|p| p.severity == Severity::Error)
                .collect();
            assert_eq!(
                errors.len(),
                1,
                "{input:?} on {threads} threads: {report:?}"
            );
            let p = errors[0];
            if input.is_empty() {
                assert!(p.error.contains("the input is empty"), "{p:?}");
            } else {
                assert!(p.error.contains("has no records"), "{p:?}");
            }
            assert_eq!(
                (p.line, p.column),
                (Some(1), Some(1)),
                "{input:?}, {threads}"
            );
        }
    }
}

/// Bug 5: an invalid UTF-8 byte that ends a read is named in the message.
#[test]
fn an_invalid_byte_at_the_end_of_a_read_is_named() {
    let input = b"[{\"id\": \"caf\xE9\", \"name\": \"x\"}]";
    let at = input.iter().position(|b| *b == 0xE9).unwrap();
    let whole = validate_bytes(input, &Options::default());
    assert_eq!(whole.problems[0].code, Code::Encoding);
    assert!(whole.problems[0].error.contains("byte 0xE9"), "{whole:?}");
    for first in [at + 1, at] {
        let report = report_of(input, &[first, 4096], &Options::default());
        assert_eq!(report, whole, "first read of {first} bytes");
    }
}
