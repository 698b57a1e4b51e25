//! Validation of third-party data against the model: catalogue documents, lists of network or
//! membership records (JSON arrays, as pandas' `to_json(orient="records")` writes them) and
//! NDJSON, one record per line.
//!
//! The validator reads its input as a stream and checks it against the committed JSON Schema
//! (embedded in the crate), keyword by keyword, so that "has errors" is exactly the verdict of
//! any JSON Schema 2020-12 validator on the same input. It reports every problem, not only the
//! first, each with its place in the file and, for a misspelt value, the value probably meant.
//! Problems the schema cannot express are warnings.
//!
//! This file holds the public entry points and the dispatch only. Every stream goes in
//! through one door (`validate_input`, or [`validate_reader`] for the default CSV
//! options): a table, named by the options or by its file's extension, goes to the CSV
//! reader (a workbook, with the `workbook` feature, goes to `workbook.rs`, which hands its sheet
//! to the CSV reader as CSV text); anything else passes `front.rs`, which reads as much as it needs to decide the
//! encoding, the [`Format`] and the number of threads ([`thread_count`]) the same way
//! whatever the sizes of the reads, then to the JSON document reader (`document.rs`) or the
//! NDJSON drivers (`ndjson.rs`).
//!
//! ```
//! use citynets::validate::{Code, Options, validate_bytes};
//!
//! let input = br#"[{"id": "eurocities", "name": "Eurocities", "policy_areas": ["mobilty"]}]"#;
//! let report = validate_bytes(input, &Options::default());
//! assert!(!report.is_valid(false));
//! let p = &report.problems[0];
//! assert_eq!(p.code, Code::UnknownVariant);
//! assert_eq!(p.instance_location, "/policy_areas/0");
//! assert_eq!(p.suggestion.as_deref(), Some("mobility"));
//! assert_eq!((p.line, p.column), (Some(1), Some(62)));
//! ```

mod book;
mod catalogue_files;
mod catalogues;
mod checks;
pub(crate) mod compiled;
#[cfg(feature = "csv")]
pub mod csv;
pub mod digest;
mod document;
mod engine;
mod fast;
mod format;
#[cfg(feature = "csv")]
pub mod frame;
mod front;
mod ids;
mod in_order;
pub(crate) mod json;
mod json_input;
mod limits;
mod merge;
pub mod messages;
mod ndjson;
mod objects;
mod options;
mod path;
#[cfg(any(feature = "fix", feature = "workbook"))]
pub(crate) mod pipe;
pub mod pointer;
mod problem;
mod rules;
mod sink;
mod spare;
pub(crate) mod suggest;
pub mod tape;
mod typed;
mod view;
#[cfg(feature = "csv")]
pub mod wide;
#[cfg(feature = "workbook")]
pub mod workbook;

pub use catalogues::Catalogues;
pub use format::Format;
pub use in_order::thread_count;
pub use objects::{Objects, PARALLEL_RECORDS, validate_objects, validate_value};
#[cfg(feature = "fix")]
pub(crate) use options::read_whole;
pub use options::{MAX_DEPTH, MAX_FILE_BYTES, Options};
pub(crate) use problem::Problems;
pub use problem::{Code, Problem, Report, Severity};
pub use typed::{RecordKey, TypedRecords};

use std::io::Read;

/// Validates an input held in memory. Reading from memory cannot fail, but a workbook can
/// be refused (a sheet it does not have, a size above [`MAX_FILE_BYTES`]): that is then the
/// report's one error.
pub fn validate_bytes(input: &[u8], options: &Options) -> Report {
    validate_reader(input, options).unwrap_or_else(|e| {
        let mut out = Problems::for_options(options);
        out.push(Problem::error(Code::Syntax, e.to_string()));
        out.finish()
    })
}

/// Validates an input read as a stream; memory does not grow with the number of records.
/// An `Err` means the input could not be read (not that it is invalid).
///
/// Every format is read here, tables too, with the delimiter the header line uses most (to
/// give one, use `validate_input`, which the `csv` feature adds). A build without the `csv`
/// feature reports a table as an error problem, and one without the `workbook` feature a
/// workbook. A workbook read here is held in memory first (see
/// `workbook::validate_workbook` for files, which are not).
pub fn validate_reader<R: Read>(input: R, options: &Options) -> std::io::Result<Report> {
    dispatch(input, options, None)
}

/// Validates an input read as a stream in any [`Format`], with the options of the CSV reader
/// for tables: the one entry point that the command line uses.
#[cfg(feature = "csv")]
pub fn validate_input<R: Read>(
    input: R,
    options: &Options,
    csv: &csv::CsvOptions,
) -> std::io::Result<Report> {
    dispatch(input, options, Some(csv))
}

#[cfg(feature = "csv")]
type TableOptions<'a> = Option<&'a csv::CsvOptions>;
#[cfg(not(feature = "csv"))]
type TableOptions<'a> = Option<&'a ()>;

/// Chooses the reader: a table format known from the options or the file name goes to the
/// CSV reader untouched (it decodes the text itself); anything else passes the front door.
fn dispatch<R: Read>(
    input: R,
    options: &Options,
    table: TableOptions<'_>,
) -> std::io::Result<Report> {
    let named = options
        .format
        .or_else(|| options.path.as_deref().and_then(Format::from_path));
    let report = match named {
        Some(format) if format.is_table() => validate_table(input, options, format, table),
        _ => json_input::validate_json(input, options, named),
    }?;
    Ok(limits::stop_at_errors(report, options))
}

/// A table, in a build that reads them.
#[cfg(feature = "csv")]
fn validate_table<R: Read>(
    input: R,
    options: &Options,
    format: Format,
    table: TableOptions<'_>,
) -> std::io::Result<Report> {
    let table = table.copied().unwrap_or_default();
    match format {
        Format::MembershipWide => wide::validate_wide_reader(input, options, &table),
        #[cfg(feature = "workbook")]
        Format::Workbook => workbook::validate_workbook_stream(input, options),
        #[cfg(not(feature = "workbook"))]
        Format::Workbook => Ok(cannot_read(options, format, "workbook")),
        _ => csv::validate_csv_reader(input, options, &table),
    }
}

/// A table, in a build that cannot read them: one error says so.
#[cfg(not(feature = "csv"))]
fn validate_table<R: Read>(
    _input: R,
    options: &Options,
    format: Format,
    _table: TableOptions<'_>,
) -> std::io::Result<Report> {
    let feature = if format == Format::Workbook {
        "workbook"
    } else {
        "csv"
    };
    Ok(cannot_read(options, format, feature))
}

/// The one error of an input in a `format` that this build cannot read, for want of
/// `feature`.
#[cfg(not(feature = "workbook"))]
fn cannot_read(options: &Options, format: Format, feature: &str) -> Report {
    let what = if format == Format::Workbook {
        "workbooks".to_owned()
    } else {
        format!("{} tables", format.as_str())
    };
    let mut out = Problems::for_options(options);
    out.push(Problem::error(
        Code::Syntax,
        format!(
            "this build of citynets cannot read {what} (it was built without the `{feature}` feature)"
        ),
    ));
    out.finish()
}

#[cfg(all(test, not(feature = "workbook")))]
mod tests {
    use super::{Code, Format, Options, validate_bytes};

    #[test]
    fn a_build_without_the_workbook_feature_says_so() {
        let xlsx = b"PK\x03\x04\x14\x00\x06\x00 and more";
        let named = Options {
            format: Some(Format::Workbook),
            ..Options::default()
        };
        let by_path = Options {
            path: Some("book.xlsx".into()),
            ..Options::default()
        };
        let as_csv = Options {
            path: Some("book.csv".into()),
            ..Options::default()
        };
        // Without the `csv` feature a CSV file is refused as one, before it is looked at.
        let csv = cfg!(feature = "csv").then_some(as_csv);
        for options in [Some(named), Some(by_path), csv, Some(Options::default())]
            .into_iter()
            .flatten()
        {
            let report = validate_bytes(xlsx, &options);
            assert_eq!(report.problems.len(), 1, "{report:?}");
            let p = &report.problems[0];
            assert!(
                p.error.contains("built without the `workbook` feature"),
                "{}",
                p.error
            );
            assert!(matches!(p.code, Code::Syntax | Code::Encoding));
        }
    }
}
