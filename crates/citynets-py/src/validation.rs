//! Validation: JSON text in memory, files, and Python objects, all through
//! `citynets::validate`. The validator runs without the GIL.

use std::fs::File;
use std::io::BufReader;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use citynets::validate::tape::Tape;
use citynets::validate::{self, Catalogues, Format, Options, Report, Severity};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyTuple};

use crate::catalogue::{NativeCatalogue, document_kind};
use crate::errors::{self, Failure, os_error};
use crate::frames::PyColumns;
use crate::objects::{self, PyObjects, type_name};

/// Validates JSON or NDJSON text, or a workbook, held in memory (`validate::validate_reader`).
/// A workbook that is refused (no such sheet, too large) raises `ValueError`.
#[pyfunction]
#[pyo3(signature = (data, document=None, format=None, path=None, strict=false, catalogues=None, sheet=None))]
#[allow(clippy::too_many_arguments)] // the keyword arguments of `citynets.validate`
pub(crate) fn validate_bytes<'py>(
    py: Python<'py>,
    data: &[u8],
    document: Option<&str>,
    format: Option<&str>,
    path: Option<String>,
    strict: bool,
    catalogues: Option<Vec<Bound<'_, PyAny>>>,
    sheet: Option<String>,
) -> PyResult<Bound<'py, PyDict>> {
    let options = options(document, format, path, catalogues, sheet)?;
    if options.sheet.is_some() && options.format != Some(Format::Workbook) {
        return Err(errors::value_error(SHEET_WITHOUT_WORKBOOK));
    }
    let report = py
        .detach(|| validate::validate_reader(data, &options))
        .map_err(|e| errors::value_error(e.to_string()))?;
    report_dict(py, &report, strict)
}

/// Why `sheet` is refused for an input that is not a workbook.
const SHEET_WITHOUT_WORKBOOK: &str =
    "sheet applies to workbooks only (.xlsx, .xlsm, .xls, .ods files, or format=\"workbook\")";

/// Validates a file, read as a stream (`validate::validate_reader`), or a workbook read from
/// the file with seeks (`validate::workbook::validate_workbook`). A missing file, a directory
/// or an unreadable file raises the matching `OSError`; a workbook that is refused (no such
/// sheet, too large to read whole) raises `ValueError`.
#[pyfunction]
#[pyo3(signature = (path, document=None, format=None, strict=false, catalogues=None, sheet=None))]
pub(crate) fn validate_path<'py>(
    py: Python<'py>,
    path: PathBuf,
    document: Option<&str>,
    format: Option<&str>,
    strict: bool,
    catalogues: Option<Vec<Bound<'_, PyAny>>>,
    sheet: Option<String>,
) -> PyResult<Bound<'py, PyDict>> {
    let shown = path.to_string_lossy().into_owned();
    let mut options = options(document, format, Some(shown.clone()), catalogues, sheet)?;
    options.format = options.format.or_else(|| Format::from_path(&shown));
    if options.sheet.is_some() && options.format != Some(Format::Workbook) {
        return Err(errors::value_error(SHEET_WITHOUT_WORKBOOK));
    }
    let result = py.detach(|| read_and_validate(&path, &options));
    match result {
        Ok(report) => report_dict(py, &report, strict),
        Err(failure) => Err(os_error(&path, failure)),
    }
}

fn read_and_validate(path: &Path, options: &Options) -> Result<Report, Failure> {
    let metadata = std::fs::metadata(path).map_err(Failure::Io)?;
    if metadata.is_dir() {
        return Err(Failure::Directory);
    }
    let file = BufReader::with_capacity(1 << 16, File::open(path).map_err(Failure::Io)?);
    if options.format == Some(Format::Workbook) {
        return validate::workbook::validate_workbook(file, options).map_err(Failure::Io);
    }
    validate::validate_reader(file, options).map_err(Failure::Io)
}

/// Validates Python objects: a dict (a catalogue document, or one record of the kind given),
/// or a list or tuple of records (networks unless another kind is given), by the core's
/// `validate_objects`: the objects are written to tapes, never to text.
#[pyfunction]
#[pyo3(signature = (data, document=None, strict=false, catalogues=None))]
pub(crate) fn validate_object<'py>(
    py: Python<'py>,
    data: &Bound<'py, PyAny>,
    document: Option<&str>,
    strict: bool,
    catalogues: Option<Vec<Bound<'_, PyAny>>>,
) -> PyResult<Bound<'py, PyDict>> {
    let kind = document.map(document_kind).transpose()?;
    let catalogues = read_catalogues(catalogues)?;
    let container = data.is_instance_of::<PyList>()
        || data.is_instance_of::<PyTuple>()
        || data.is_instance_of::<PyDict>();
    if !container {
        return Err(errors::type_error(format!(
            "cannot validate an object of type {}: pass a dict, a list of dicts, bytes, a str \
             or a path",
            type_name(data)
        )));
    }
    let report = validate::validate_objects(&mut PyObjects::new(data), kind, &catalogues, 0)
        .map_err(errors::from_tape)?;
    report_dict(py, &report, strict)
}

/// Validates a DataFrame's columns (`citynets::validate::frame`): `names` and `rows` are the
/// frame's, `read(start, count)` gives one list per column of the values of those rows. A
/// value that cannot be a cell raises `TypeError` (or `ValueError`) naming its column and row.
#[pyfunction]
#[pyo3(signature = (names, rows, read, document=None, strict=false, catalogues=None))]
pub(crate) fn validate_frame<'py>(
    py: Python<'py>,
    names: Vec<String>,
    rows: usize,
    read: Bound<'py, PyAny>,
    document: Option<&str>,
    strict: bool,
    catalogues: Option<Vec<Bound<'_, PyAny>>>,
) -> PyResult<Bound<'py, PyDict>> {
    let options = options(document, None, None, catalogues, None)?;
    let mut columns = PyColumns::new(py, names, rows, read)?;
    match validate::frame::validate_frame(&mut columns, &options) {
        Ok(report) => report_dict(py, &report, strict),
        Err(e) => Err(columns.error(&e)),
    }
}

/// Python objects as the JSON text the validator reads from them (absent values left out), for
/// the records built from a dict once it is valid. Data nested deeper than the validator reads
/// is refused.
#[pyfunction]
pub(crate) fn json_text(data: &Bound<'_, PyAny>) -> PyResult<Vec<u8>> {
    let mut tape = Tape::default();
    objects::write(data, &mut tape).map_err(errors::from_tape)?;
    tape.to_json().map_err(errors::from_tape)
}

fn options(
    document: Option<&str>,
    format: Option<&str>,
    path: Option<String>,
    catalogues: Option<Vec<Bound<'_, PyAny>>>,
    sheet: Option<String>,
) -> PyResult<Options> {
    Ok(Options {
        document: document.map(document_kind).transpose()?,
        format: format.map(parse_format).transpose()?,
        path,
        catalogues: read_catalogues(catalogues)?,
        sheet,
        ..Options::default()
    })
}

/// The catalogues in use: the embedded one, and each one given: a file (`--catalogue FILE` on
/// the command line) or a catalogue already read (a `NativeCatalogue`). A file that cannot be
/// opened raises the matching `OSError`; one that is not a valid catalogue raises
/// `CitynetsValueError` with the core's message.
pub(crate) fn read_catalogues(given: Option<Vec<Bound<'_, PyAny>>>) -> PyResult<Arc<Catalogues>> {
    let mut catalogues = Catalogues::default();
    for item in given.unwrap_or_default() {
        if let Ok(held) = item.cast::<NativeCatalogue>() {
            if let Some(c) = held.get().added() {
                catalogues.add_catalogue(c);
            }
            continue;
        }
        let path: PathBuf = item.extract().map_err(|_| {
            errors::type_error(format!(
                "a catalogue is a path or a citynets.Catalogue, not {}",
                type_name(&item)
            ))
        })?;
        let name = path.to_string_lossy().into_owned();
        let file = File::open(&path).map_err(|e| os_error(&path, Failure::Io(e)))?;
        catalogues
            .read(BufReader::new(file), &name)
            .map_err(errors::value_error)?;
    }
    Ok(Arc::new(catalogues))
}

/// The core's format of that name (`json`, `ndjson`, `csv`, `workbook`, `membership-wide`);
/// another name raises `CitynetsValueError` naming them.
fn parse_format(name: &str) -> PyResult<Format> {
    Format::from_name(name).ok_or_else(|| {
        let names: Vec<&str> = Format::ALL.iter().map(|f| f.as_str()).collect();
        errors::value_error(format!(
            "{name:?} is not a format; expected one of: {}",
            names.join(", ")
        ))
    })
}

/// Reads a wide table (one row per city, one column per network) as membership records, as
/// `citynets convert --from wide` does: the valid records as NDJSON text, in the order of the
/// rows and columns, and the report of every problem. The file is read as a stream; the
/// records are held in memory (the caller asked for them all).
#[pyfunction]
#[pyo3(signature = (path, catalogues=None, delimiter=None))]
pub(crate) fn convert_wide<'py>(
    py: Python<'py>,
    path: PathBuf,
    catalogues: Option<Vec<Bound<'_, PyAny>>>,
    delimiter: Option<char>,
) -> PyResult<(Vec<u8>, Bound<'py, PyDict>)> {
    let shown = path.to_string_lossy().into_owned();
    let options = Options {
        path: Some(shown),
        catalogues: read_catalogues(catalogues)?,
        ..Options::default()
    };
    let delimiter = delimiter
        .map(validate::csv::parse_delimiter)
        .transpose()
        .map_err(errors::value_error)?;
    let csv = validate::csv::CsvOptions { delimiter };
    let result = py.detach(|| -> Result<(Vec<u8>, Report), Failure> {
        if std::fs::metadata(&path).map_err(Failure::Io)?.is_dir() {
            return Err(Failure::Directory);
        }
        let file = BufReader::new(File::open(&path).map_err(Failure::Io)?);
        let mut out = Vec::new();
        let report = validate::wide::convert_wide(file, &options, &csv, |m| {
            serde_json::to_writer(&mut out, m).map_err(std::io::Error::other)?;
            out.push(b'\n');
            Ok(())
        })
        .map_err(Failure::Io)?;
        Ok((out, report))
    });
    match result {
        Ok((out, report)) => Ok((out, report_dict(py, &report, false)?)),
        Err(failure) => Err(os_error(&path, failure)),
    }
}

/// The report as a dict: `problems` (each with the snake_case twins of the Rust fields, the
/// Rust `error` as `message`), `errors`, `warnings`, `records` and `valid`.
pub(crate) fn report_dict<'py>(
    py: Python<'py>,
    report: &Report,
    strict: bool,
) -> PyResult<Bound<'py, PyDict>> {
    let problems = PyList::empty(py);
    for p in &report.problems {
        let d = PyDict::new(py);
        d.set_item("path", p.path.as_deref())?;
        d.set_item("instance_location", &p.instance_location)?;
        d.set_item("keyword_location", &p.keyword_location)?;
        d.set_item("record", p.record)?;
        d.set_item("line", p.line)?;
        d.set_item("column", p.column)?;
        d.set_item("code", p.code.as_str())?;
        d.set_item("severity", severity(p.severity))?;
        d.set_item("message", &p.error)?;
        d.set_item("suggestion", p.suggestion.as_deref())?;
        d.set_item("cell", p.cell.as_deref())?;
        d.set_item("column_name", p.column_name.as_deref())?;
        problems.append(d)?;
    }
    let out = PyDict::new(py);
    out.set_item("problems", problems)?;
    out.set_item("errors", report.errors)?;
    out.set_item("warnings", report.warnings)?;
    out.set_item("records", report.records)?;
    out.set_item("valid", report.is_valid(strict))?;
    Ok(out)
}

fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}
