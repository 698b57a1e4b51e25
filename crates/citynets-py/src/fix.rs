//! `fix`: bytes or a file through `citynets::fix`, the changes and the report turned into
//! dicts. The fixing runs without the GIL.

use std::fs::File;
use std::io::{BufReader, BufWriter};
use std::path::PathBuf;

use citynets::fix::{self, Change, DateOrder, FixOptions, Outcome};
use citynets::validate::{Format, Options};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList};

use crate::catalogue::document_kind;
use crate::errors::{Failure, os_error};
use crate::frames::PyColumns;
use crate::validation::{read_catalogues, report_dict};

/// Fixes text held in memory: the output, the changes and the report on the output.
#[pyfunction]
#[pyo3(signature = (data, document=None, format=None, path=None, date_order=None, catalogues=None, sheet=None, city_names=None))]
#[allow(clippy::too_many_arguments)] // one per keyword argument of `citynets.fix`
pub(crate) fn fix_bytes<'py>(
    py: Python<'py>,
    data: &[u8],
    document: Option<&str>,
    format: Option<&str>,
    path: Option<String>,
    date_order: Option<&str>,
    catalogues: Option<Vec<Bound<'_, PyAny>>>,
    sheet: Option<String>,
    city_names: Option<&str>,
) -> PyResult<Bound<'py, PyDict>> {
    let mut options = options(document, format, path, date_order, catalogues)?;
    options.validate.sheet = sheet;
    options.city_names = read_city_names(city_names)?;
    let fixed = py.detach(|| fix::fix_bytes(data, &options));
    result(py, Some(&fixed.output), &fixed.changes, &fixed.outcome)
}

/// Fixes a file into another, read and written as streams.
#[pyfunction]
#[pyo3(signature = (path, output, document=None, format=None, date_order=None, catalogues=None, sheet=None, city_names=None))]
#[allow(clippy::too_many_arguments)] // one per keyword argument of `citynets.fix`
pub(crate) fn fix_path<'py>(
    py: Python<'py>,
    path: PathBuf,
    output: PathBuf,
    document: Option<&str>,
    format: Option<&str>,
    date_order: Option<&str>,
    catalogues: Option<Vec<Bound<'_, PyAny>>>,
    sheet: Option<String>,
    city_names: Option<&str>,
) -> PyResult<Bound<'py, PyDict>> {
    let shown = path.to_string_lossy().into_owned();
    let mut options = options(document, format, Some(shown), date_order, catalogues)?;
    options.validate.sheet = sheet;
    options.city_names = read_city_names(city_names)?;
    options.output_path = Some(output.to_string_lossy().into_owned());
    let input = File::open(&path).map_err(|e| os_error(&path, Failure::Io(e)))?;
    let out = File::create(&output).map_err(|e| os_error(&output, Failure::Io(e)))?;
    let (outcome, changes) = py.detach(|| {
        let mut changes = Vec::new();
        let outcome = fix::fix(BufReader::new(input), BufWriter::new(out), &options, |c| {
            changes.push(c.clone());
            Ok(())
        });
        (outcome, changes)
    });
    let outcome =
        outcome.map_err(|e| crate::errors::value_error(format!("{}: {e}", path.display())))?;
    result(py, None, &changes, &outcome)
}

/// Fixes a DataFrame's columns (`citynets::fix::fix_frame`; the columns as `validate_frame`
/// takes them): the fixed table as CSV text, the changes and the report on it.
#[pyfunction]
#[pyo3(signature = (names, rows, read, document=None, date_order=None, catalogues=None, city_names=None))]
#[allow(clippy::too_many_arguments)] // one per keyword argument of `citynets.fix`
pub(crate) fn fix_frame<'py>(
    py: Python<'py>,
    names: Vec<String>,
    rows: usize,
    read: Bound<'py, PyAny>,
    document: Option<&str>,
    date_order: Option<&str>,
    catalogues: Option<Vec<Bound<'_, PyAny>>>,
    city_names: Option<&str>,
) -> PyResult<Bound<'py, PyDict>> {
    let mut options = options(document, None, None, date_order, catalogues)?;
    options.city_names = read_city_names(city_names)?;
    let mut columns = PyColumns::new(py, names, rows, read)?;
    let mut output = Vec::new();
    let mut changes = Vec::new();
    let outcome = fix::fix_frame(&mut columns, &mut output, &options, |c| {
        changes.push(c.clone());
        Ok(())
    });
    match outcome {
        Ok(outcome) => result(py, Some(&output), &changes, &outcome),
        Err(e) => Err(columns.error(&e)),
    }
}

/// The form of city names `fix` writes (`None`: as written).
fn read_city_names(text: Option<&str>) -> PyResult<citynets::gazetteer::CityNames> {
    text.map_or(Ok(citynets::gazetteer::CityNames::AsWritten), |t| {
        citynets::gazetteer::CityNames::parse(t).map_err(crate::errors::from_core)
    })
}

fn options(
    document: Option<&str>,
    format: Option<&str>,
    path: Option<String>,
    date_order: Option<&str>,
    catalogues: Option<Vec<Bound<'_, PyAny>>>,
) -> PyResult<FixOptions> {
    let format = match format {
        None => None,
        Some(name) => match Format::from_name(name) {
            Some(f) if f != Format::MembershipWide => Some(f),
            _ => {
                return Err(crate::errors::value_error(format!(
                    "{name:?} is not a format fix reads; expected one of: json, ndjson, csv, workbook"
                )));
            }
        },
    };
    let date_order = match date_order {
        None => None,
        Some("dmy") => Some(DateOrder::DayFirst),
        Some("mdy") => Some(DateOrder::MonthFirst),
        Some(other) => {
            return Err(crate::errors::value_error(format!(
                "date_order must be \"dmy\" or \"mdy\", not {other:?}"
            )));
        }
    };
    Ok(FixOptions {
        validate: Options {
            document: document.map(document_kind).transpose()?,
            format,
            path,
            catalogues: read_catalogues(catalogues)?,
            ..Options::default()
        },
        date_order,
        ..FixOptions::default()
    })
}

fn result<'py>(
    py: Python<'py>,
    output: Option<&[u8]>,
    changes: &[Change],
    outcome: &Outcome,
) -> PyResult<Bound<'py, PyDict>> {
    let list = PyList::empty(py);
    for c in changes {
        let d = PyDict::new(py);
        d.set_item("record", c.record)?;
        d.set_item("line", c.line)?;
        d.set_item("column", c.column.as_deref())?;
        d.set_item("field", &c.field)?;
        d.set_item("before", &c.before)?;
        d.set_item("after", &c.after)?;
        d.set_item("rule", c.rule.as_str())?;
        d.set_item("note", c.note.as_deref())?;
        list.append(d)?;
    }
    let out = PyDict::new(py);
    out.set_item("output", output.map(|o| PyBytes::new(py, o)))?;
    out.set_item("changes", list)?;
    out.set_item("report", report_dict(py, &outcome.report, false)?)?;
    out.set_item("records", outcome.records)?;
    out.set_item("changed", outcome.changed)?;
    out.set_item("left", outcome.left)?;
    out.set_item("document", outcome.document.map(|d| d.as_str()))?;
    out.set_item("format", outcome.format.map(|f| f.as_str()))?;
    Ok(out)
}
