//! Workbooks (`.xlsx`, and the refusals that hold for `.xls` and `.ods`): the workbooks are
//! made here with `rust_xlsxwriter`, validated, and the problems' codes and places checked:
//! the cell with its sheet (`Sheet1!C7`), the sheet's row as `line`, the column's number as
//! `column`, the header's name as `column_name`. Also: date and number cells read as the
//! values a CSV export would hold, a sheet chosen by name, a workbook given as text, and the
//! size limit of the formats read whole. An `.ods` spreadsheet, which calamine reads whole by
//! another reader, is written here with the `zip` crate (its least parts: the mimetype and
//! `content.xml`) and read through the same checks.

#![cfg(feature = "workbook")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail loudly

use std::io::{self, Cursor, Read, Seek, SeekFrom};

use citynets::DocumentKind;
use citynets::validate::workbook::validate_workbook;
use citynets::validate::{
    Code, Format, MAX_FILE_BYTES, Options, Problem, Report, validate_bytes, validate_reader,
};
use rust_xlsxwriter::{ExcelDateTime, Format as CellFormat, Workbook};

/// A cell to write.
#[derive(Clone, Copy)]
enum Cell<'a> {
    Text(&'a str),
    Number(f64),
    /// A date, formatted as one.
    Date(u16, u8, u8),
    /// A date and a time, formatted as one.
    DateTime(u16, u8, u8, u16, u8),
    Bool(bool),
    Empty,
}

use Cell::{Bool, Date, DateTime, Empty, Number, Text};

/// A workbook of the sheets given, each a name and its rows from A1 (rows may be shorter than
/// others, and blank).
fn workbook(sheets: &[(&str, &[&[Cell<'_>]])]) -> Vec<u8> {
    let mut book = Workbook::new();
    let date = CellFormat::new().set_num_format("yyyy-mm-dd");
    let date_time = CellFormat::new().set_num_format("yyyy-mm-dd hh:mm");
    for (name, rows) in sheets {
        let sheet = book.add_worksheet();
        sheet.set_name(*name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            let r = r as u32;
            for (c, cell) in row.iter().enumerate() {
                let c = c as u16;
                match *cell {
                    Text(t) => sheet.write_string(r, c, t).map(drop),
                    Number(n) => sheet.write_number(r, c, n).map(drop),
                    Date(y, m, d) => {
                        let when = ExcelDateTime::from_ymd(y, m, d).unwrap();
                        sheet
                            .write_datetime_with_format(r, c, &when, &date)
                            .map(drop)
                    }
                    DateTime(y, m, d, h, min) => {
                        let when = ExcelDateTime::from_ymd(y, m, d)
                            .unwrap()
                            .and_hms(h, min, 0)
                            .unwrap();
                        sheet
                            .write_datetime_with_format(r, c, &when, &date_time)
                            .map(drop)
                    }
                    Bool(b) => sheet.write_boolean(r, c, b).map(drop),
                    Empty => Ok(()),
                }
                .unwrap();
            }
        }
    }
    book.save_to_buffer().unwrap()
}

fn options(document: DocumentKind, sheet: Option<&str>) -> Options {
    Options {
        document: Some(document),
        path: Some("book.xlsx".into()),
        sheet: sheet.map(str::to_owned),
        ..Options::default()
    }
}

fn check(bytes: &[u8], options: &Options) -> Report {
    validate_workbook(Cursor::new(bytes), options).unwrap()
}

/// What the tests look at in a problem: code, cell, line, column and column name.
type Place<'a> = (
    Code,
    Option<&'a str>,
    Option<u64>,
    Option<u64>,
    Option<&'a str>,
);

fn places(report: &Report) -> Vec<Place<'_>> {
    report
        .problems
        .iter()
        .map(|p| {
            (
                p.code,
                p.cell.as_deref(),
                p.line,
                p.column,
                p.column_name.as_deref(),
            )
        })
        .collect()
}

fn the_one(report: &Report, code: Code) -> &Problem {
    let found: Vec<_> = report.problems.iter().filter(|p| p.code == code).collect();
    assert_eq!(found.len(), 1, "{report:#?}");
    found[0]
}

const HEADER: &[Cell<'static>] = &[
    Text("id"),
    Text("name"),
    Text("scope"),
    Text("founding_date"),
    Text("memberships"),
];

#[test]
fn problems_are_placed_at_the_cells_of_the_sheet() {
    let membership = r#"[{"organization_id": "c40", "member": {"kind": "city", "city": "Ghent", "country": "BE"}, "status": "ful"}]"#;
    let rows: &[&[Cell<'_>]] = &[
        HEADER,
        // A date cell reads as an ISO date, a whole number without ".0": both are valid.
        &[
            Text("eurocities"),
            Text("Eurocities"),
            Text("european"),
            Date(1986, 11, 1),
        ],
        &[
            Text("c40"),
            Text("C40"),
            Text("global"),
            Number(2005.0),
            Text(membership),
        ],
        &[],
        // A name over two lines: the rows after it keep their numbers.
        &[Text("Bad Id"), Text("two\nlines"), Text("europe")],
        &[
            Text("x-net"),
            Text("X"),
            Empty,
            DateTime(2015, 3, 1, 10, 30),
        ],
        &[Text("y-net"), Text("Y"), Text("global"), Number(2015.5)],
    ];
    let report = check(
        &workbook(&[("Sheet1", rows)]),
        &options(DocumentKind::Network, None),
    );
    assert_eq!(report.records, 5, "{report:#?}");
    let mut got = places(&report);
    got.sort_by_key(|p| (p.2, p.3, p.0));
    assert_eq!(
        got,
        [
            (
                Code::UnknownVariant,
                Some("Sheet1!E3"),
                Some(3),
                Some(5),
                Some("memberships")
            ),
            (
                Code::Pattern,
                Some("Sheet1!A5"),
                Some(5),
                Some(1),
                Some("id")
            ),
            (
                Code::UnknownVariant,
                Some("Sheet1!C5"),
                Some(5),
                Some(3),
                Some("scope")
            ),
            (
                Code::Pattern,
                Some("Sheet1!D6"),
                Some(6),
                Some(4),
                Some("founding_date")
            ),
            (
                Code::TooLong,
                Some("Sheet1!D6"),
                Some(6),
                Some(4),
                Some("founding_date")
            ),
            (
                Code::Pattern,
                Some("Sheet1!D7"),
                Some(7),
                Some(4),
                Some("founding_date")
            ),
        ],
        "{report:#?}"
    );
    // The cells read as a CSV export would hold them: a date and time in ISO 8601, a number
    // as Rust prints it.
    let when = report
        .problems
        .iter()
        .find(|p| p.cell.as_deref() == Some("Sheet1!D6") && p.code == Code::Pattern)
        .unwrap();
    assert!(
        when.error.contains("\"2015-03-01T10:30:00\""),
        "{}",
        when.error
    );
    let fraction = report
        .problems
        .iter()
        .find(|p| p.cell.as_deref() == Some("Sheet1!D7"))
        .unwrap();
    assert!(fraction.error.contains("\"2015.5\""), "{}", fraction.error);
    // Records are counted as in a CSV file: the blank row is none.
    let scope = report
        .problems
        .iter()
        .find(|p| p.cell.as_deref() == Some("Sheet1!C5"))
        .unwrap();
    assert_eq!(scope.record, Some(3));
    assert_eq!(scope.suggestion.as_deref(), Some("european"));
    assert_eq!(scope.path.as_deref(), Some("book.xlsx"));
}

#[test]
fn a_sheet_is_chosen_by_name_and_a_name_with_a_space_is_quoted() {
    let good: &[&[Cell<'_>]] = &[
        &[Text("id"), Text("name")],
        &[Text("eurocities"), Text("Eurocities")],
    ];
    // A membership sheet whose table starts at B2, with a boolean and a number cell.
    let members: &[&[Cell<'_>]] = &[
        &[],
        &[
            Empty,
            Text("organization_id"),
            Text("member.kind"),
            Text("member.city"),
            Text("member.country"),
            Text("status"),
        ],
        &[
            Empty,
            Text("eurocities"),
            Text("city"),
            Text("Ghent"),
            Text("BE"),
            Bool(true),
        ],
        &[
            Empty,
            Text("eurocities"),
            Text("city"),
            Text("Leuven"),
            Number(32.0),
        ],
    ];
    let bytes = workbook(&[("Sheet1", good), ("My members", members)]);
    // The first sheet by default.
    let first = check(&bytes, &options(DocumentKind::Network, None));
    assert_eq!((first.problems.len(), first.records), (0, 1), "{first:#?}");
    // The second by its name, or by its name in other letters' case.
    for name in ["My members", "my MEMBERS"] {
        let report = check(&bytes, &options(DocumentKind::Membership, Some(name)));
        assert_eq!(report.records, 2, "{report:#?}");
        assert_eq!(
            places(&report),
            [
                (
                    Code::UnknownVariant,
                    Some("'My members'!F3"),
                    Some(3),
                    Some(6),
                    Some("status")
                ),
                (
                    Code::UnknownVariant,
                    Some("'My members'!E4"),
                    Some(4),
                    Some(5),
                    Some("member.country")
                ),
            ]
        );
        assert!(report.problems[0].error.starts_with("\"true\" is not"));
        assert!(report.problems[1].error.starts_with("\"32\" is not"));
    }
    // A name no sheet has: an error that lists the sheets.
    let e = validate_workbook(
        Cursor::new(&bytes),
        &options(DocumentKind::Network, Some("Sheet 2")),
    )
    .unwrap_err();
    assert_eq!(e.kind(), io::ErrorKind::InvalidInput);
    assert_eq!(
        e.to_string(),
        "the workbook has no sheet named \"Sheet 2\"; its sheets are: \"Sheet1\", \"My members\""
    );
}

#[test]
fn a_stream_a_file_and_any_thread_count_give_the_same_report() {
    let rows: Vec<Vec<Cell<'_>>> = std::iter::once(HEADER.to_vec())
        .chain((0..300).map(|i| {
            let scope = if i % 7 == 0 { "europa" } else { "european" };
            vec![
                Text(if i % 50 == 0 { "Bad" } else { "net" }),
                Text("N"),
                Text(scope),
            ]
        }))
        .collect();
    let rows: Vec<&[Cell<'_>]> = rows.iter().map(Vec::as_slice).collect();
    let bytes = workbook(&[("Sheet1", &rows)]);
    let options = options(DocumentKind::Network, None);
    let whole = check(&bytes, &options);
    // 43 bad scopes, 6 bad ids, and every id but the first repeated.
    assert_eq!(whole.records, 300);
    assert_eq!(whole.errors, 43 + 6, "{whole:#?}");
    let last = whole.problems.last().unwrap();
    assert!(last.cell.is_some() || last.line.is_none(), "{last:#?}");
    let streamed = validate_reader(
        &bytes[..],
        &Options {
            format: Some(Format::Workbook),
            ..options.clone()
        },
    )
    .unwrap();
    assert_eq!(streamed, whole);
    for threads in [1, 2, 3] {
        for fast_path in [true, false] {
            let got = check(
                &bytes,
                &Options {
                    threads,
                    fast_path,
                    ..options.clone()
                },
            );
            assert_eq!(got, whole, "{threads} threads, fast path {fast_path}");
        }
    }
}

#[test]
fn a_workbook_given_as_text_is_told_so() {
    let xlsx = workbook(&[("Sheet1", &[HEADER])]);
    let mut xls = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
    xls.resize(4096, 0);
    for bytes in [&xlsx, &xls] {
        let cases = [
            (None, None, "JSON"),
            (Some(Format::Json), None, "JSON"),
            (Some(Format::Ndjson), None, "NDJSON"),
            (Some(Format::Csv), None, "CSV"),
            (Some(Format::MembershipWide), None, "CSV"),
            (None, Some("networks.csv"), "CSV"),
            (None, Some("networks.json"), "JSON"),
        ];
        for (format, path, what) in cases {
            let options = Options {
                format,
                path: path.map(str::to_owned),
                ..Options::default()
            };
            let report = validate_bytes(bytes, &options);
            assert_eq!(report.problems.len(), 1, "{format:?} {path:?}: {report:#?}");
            let p = &report.problems[0];
            assert_eq!(p.code, Code::Encoding);
            assert_eq!((p.line, p.column), (Some(1), Some(1)));
            assert!(
                p.error.starts_with(&format!(
                    "this is an Excel workbook (or an ODS spreadsheet), not {what} text: \
                     give it a .xlsx, .xlsm, .xls or .ods name, or say that its format is \
                     workbook (`--format workbook`)"
                )),
                "{}",
                p.error
            );
        }
    }
    // Read a byte at a time, as from a pipe, it is told the same.
    struct Drip<'a>(&'a [u8]);
    impl Read for Drip<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let n = buf.len().min(self.0.len()).min(1);
            buf[..n].copy_from_slice(&self.0[..n]);
            self.0 = &self.0[n..];
            Ok(n)
        }
    }
    for format in [None, Some(Format::Csv), Some(Format::Json)] {
        let options = Options {
            format,
            threads: 1,
            ..Options::default()
        };
        let report = validate_reader(Drip(&xls), &options).unwrap();
        assert_eq!(report.problems.len(), 1, "{format:?}: {report:#?}");
        assert_eq!(report.problems[0].code, Code::Encoding);
    }
}

#[test]
fn what_is_not_a_workbook_or_cannot_be_read_is_a_syntax_error() {
    let options = options(DocumentKind::Network, None);
    let text = check(b"id,name\neurocities,Eurocities\n", &options);
    let p = the_one(&text, Code::Syntax);
    assert!(
        p.error
            .starts_with("this is not an Excel workbook or an ODS spreadsheet"),
        "{}",
        p.error
    );
    assert_eq!((p.line, p.cell.as_deref()), (None, None));
    // A workbook cut short: calamine's own reason.
    let xlsx = workbook(&[("Sheet1", &[HEADER])]);
    let cut = check(&xlsx[..xlsx.len() / 2], &options);
    let p = the_one(&cut, Code::Syntax);
    assert!(
        p.error.starts_with("cannot read the workbook: "),
        "{}",
        p.error
    );
    // An empty sheet is an empty table.
    let empty = check(&workbook(&[("Sheet1", &[])]), &options);
    assert_eq!(empty.errors, 1, "{empty:#?}");
    assert!(empty.problems[0].error.starts_with("the input is empty"));
}

/// A file that counts the bytes read from it.
struct Counted<R> {
    inner: R,
    read: u64,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read += n as u64;
        Ok(n)
    }
}

impl<R: Seek> Seek for Counted<R> {
    fn seek(&mut self, to: SeekFrom) -> io::Result<u64> {
        self.inner.seek(to)
    }
}

#[test]
fn xls_and_ods_files_over_the_limit_are_refused_unread() {
    let dir = std::env::temp_dir().join(format!("citynets-workbooks-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let over = MAX_FILE_BYTES + 1;
    // The first bytes of an .xls file and of an .ods file (a zip whose first entry is its
    // mimetype), then nothing: sparse files, so the test writes little.
    let mut ods = b"PK\x03\x04".to_vec();
    ods.resize(30, 0);
    ods.extend_from_slice(b"mimetypeapplication/vnd.oasis.opendocument.spreadsheet");
    let starts: [(&str, &[u8]); 2] = [
        ("big.xls", b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"),
        ("big.ods", &ods),
    ];
    for (name, start) in starts {
        let path = dir.join(name);
        let mut file = std::fs::File::create(&path).unwrap();
        io::Write::write_all(&mut file, start).unwrap();
        file.set_len(over).unwrap();
        drop(file);
        let mut counted = Counted {
            inner: std::fs::File::open(&path).unwrap(),
            read: 0,
        };
        let e = validate_workbook(&mut counted, &options(DocumentKind::Network, None)).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::FileTooLarge, "{name}: {e}");
        assert_eq!(
            e.to_string(),
            "the workbook is 65 MiB; .xls and .ods workbooks are read whole, up to 64 MiB: \
             save the sheet as .xlsx (read a cell at a time) or as CSV"
        );
        assert!(counted.read <= 256, "{name}: {} bytes read", counted.read);
        std::fs::remove_file(&path).unwrap();
    }
    // An .xlsx file is read a cell at a time, so its size is no reason to refuse it: this
    // one, cut short, is refused for what it holds.
    let path = dir.join("big.xlsx");
    let mut file = std::fs::File::create(&path).unwrap();
    io::Write::write_all(&mut file, &workbook(&[("Sheet1", &[HEADER])])[..100]).unwrap();
    file.set_len(over).unwrap();
    let report = validate_workbook(
        std::fs::File::open(&path).unwrap(),
        &options(DocumentKind::Network, None),
    )
    .unwrap();
    assert!(
        the_one(&report, Code::Syntax)
            .error
            .starts_with("cannot read the workbook: ")
    );
    std::fs::remove_dir_all(&dir).unwrap();
    // A workbook from a stream is held in memory, up to the same limit.
    let stream = Read::chain(&b"PK\x03\x04"[..], io::repeat(0).take(over));
    let e = validate_reader(
        stream,
        &Options {
            format: Some(Format::Workbook),
            ..Options::default()
        },
    )
    .unwrap_err();
    assert_eq!(e.kind(), io::ErrorKind::FileTooLarge);
    assert!(e.to_string().contains("up to 64 MiB"), "{e}");
}

#[test]
fn a_workbook_in_memory_that_is_refused_is_one_error() {
    let bytes = workbook(&[("Sheet1", &[HEADER])]);
    let options = Options {
        format: Some(Format::Workbook),
        sheet: Some("Other".into()),
        ..Options::default()
    };
    let report = validate_bytes(&bytes, &options);
    assert_eq!(report.errors, 1);
    assert!(!report.is_valid(false));
    let p = the_one(&report, Code::Syntax);
    assert_eq!(
        p.error,
        "the workbook has no sheet named \"Other\"; its sheets are: \"Sheet1\""
    );
}

/// An ODS spreadsheet of one sheet: `rows` of cells as ODS writes them inside
/// `<table:table-cell …>`, each given as its attributes and text.
fn ods(sheet: &str, rows: &[&[(&str, &str)]]) -> Vec<u8> {
    use std::io::Write;
    use zip::write::SimpleFileOptions;
    let mut table = String::new();
    for row in rows {
        table.push_str("<table:table-row>");
        for (attributes, text) in *row {
            table.push_str(&format!(
                "<table:table-cell {attributes}><text:p>{text}</text:p></table:table-cell>"
            ));
        }
        table.push_str("</table:table-row>");
    }
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="{sheet}">{table}</table:table></office:spreadsheet></office:body></office:document-content>"#
    );
    let manifest = r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let stored = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let parts = [
        (
            "mimetype",
            "application/vnd.oasis.opendocument.spreadsheet",
            stored,
        ),
        (
            "META-INF/manifest.xml",
            manifest,
            SimpleFileOptions::default(),
        ),
        (
            "content.xml",
            content.as_str(),
            SimpleFileOptions::default(),
        ),
    ];
    for (name, text, options) in parts {
        zip.start_file(name, options).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

#[test]
fn an_ods_sheet_is_read_and_placed_as_an_xlsx_sheet_is() {
    const TEXT: &str = r#"office:value-type="string""#;
    let rows: &[&[(&str, &str)]] = &[
        &[
            (TEXT, "id"),
            (TEXT, "name"),
            (TEXT, "founding_date"),
            (TEXT, "scope"),
        ],
        &[
            (TEXT, "eurocities"),
            (TEXT, "Eurocities"),
            (
                r#"office:value-type="date" office:date-value="1986-11-01""#,
                "01/11/86",
            ),
            (TEXT, "european"),
        ],
        &[
            (TEXT, "c40"),
            (TEXT, "C40"),
            (r#"office:value-type="float" office:value="2005""#, "2005"),
            (TEXT, "globl"),
        ],
        &[
            (TEXT, "x-net"),
            (TEXT, "X"),
            (
                r#"office:value-type="date" office:date-value="2015-03-01T10:30:00""#,
                "01/03/15 10:30",
            ),
        ],
    ];
    let bytes = ods("My sheet", rows);
    assert!(bytes.starts_with(b"PK\x03\x04"));
    let report = check(&bytes, &options(DocumentKind::Network, None));
    assert_eq!(report.records, 3, "{report:#?}");
    let mut got = places(&report);
    got.sort_by_key(|p| (p.2, p.3, p.0));
    assert_eq!(
        got,
        [
            (
                Code::UnknownVariant,
                Some("'My sheet'!D3"),
                Some(3),
                Some(4),
                Some("scope")
            ),
            (
                Code::Pattern,
                Some("'My sheet'!C4"),
                Some(4),
                Some(3),
                Some("founding_date")
            ),
            (
                Code::TooLong,
                Some("'My sheet'!C4"),
                Some(4),
                Some(3),
                Some("founding_date")
            ),
        ],
        "{report:#?}"
    );
    let when = the_one(&report, Code::Pattern);
    assert!(
        when.error.contains("\"2015-03-01T10:30:00\""),
        "{}",
        when.error
    );
    // Named, as an .xlsx sheet is.
    let named = check(&bytes, &options(DocumentKind::Network, Some("My sheet")));
    assert_eq!(named, report);
    let e = validate_workbook(
        Cursor::new(&bytes),
        &options(DocumentKind::Network, Some("x")),
    )
    .unwrap_err();
    assert_eq!(e.kind(), io::ErrorKind::InvalidInput);
}

#[test]
fn broken_workbooks_end_in_a_problem_or_an_error_never_a_panic() {
    let rows: &[&[Cell<'_>]] = &[
        HEADER,
        &[
            Text("eurocities"),
            Text("Eurocities"),
            Text("europe"),
            Date(1986, 11, 1),
        ],
    ];
    let xlsx = workbook(&[("Sheet1", rows)]);
    let ods = ods("Sheet1", &[&[(r#"office:value-type="string""#, "id")]]);
    let options = options(DocumentKind::Network, None);
    for bytes in [&xlsx, &ods] {
        // Cut anywhere, or with a byte changed anywhere (every 7th byte, to stay quick).
        for cut in (0..bytes.len()).step_by(97) {
            let _ = validate_workbook(Cursor::new(&bytes[..cut]), &options);
        }
        for at in (0..bytes.len()).step_by(7) {
            let mut changed = bytes.clone();
            changed[at] ^= 0x5A;
            if let Ok(report) = validate_workbook(Cursor::new(&changed), &options) {
                assert!(
                    report
                        .problems
                        .iter()
                        .all(|p| p.line.is_none() || p.cell.is_some())
                );
            }
        }
    }
}

#[test]
fn a_reader_that_stops_early_leaves_its_report() {
    // A sheet larger than what the pipe holds, read as catalogue documents, which a table
    // cannot hold: the CSV reader stops at once, and its report is the answer.
    let rows: Vec<Vec<Cell<'_>>> = std::iter::once(HEADER.to_vec())
        .chain((0..20_000).map(|_| vec![Text("net"), Text("A network of cities, again")]))
        .collect();
    let rows: Vec<&[Cell<'_>]> = rows.iter().map(Vec::as_slice).collect();
    let bytes = workbook(&[("Sheet1", &rows)]);
    let report = check(&bytes, &options(DocumentKind::Catalogue, None));
    let p = the_one(&report, Code::Syntax);
    assert!(
        p.error
            .starts_with("a CSV table holds network or membership records"),
        "{}",
        p.error
    );
    assert_eq!(p.cell.as_deref(), Some("Sheet1!A1"));
}
