//! DataFrames: a pandas or polars frame's columns, read a block of rows at a time through a
//! Python callable (made in `python/citynets/_frames.py`: one `to_list()` of each column's
//! slice), handed to the core's `validate::frame` as cells. The core writes them as the
//! table's CSV text and validates or fixes it as a table; this file only says what each
//! Python value is as a cell:
//!
//! - absent: `None`, NaN, pandas' `NA` and `NaT` (the objects reader's [`is_absent`]);
//! - `str` (and subclasses such as numpy's `str_`), `bool`, `int` (one beyond 64 bits as its
//!   digits), `float` (numpy's `float64` is one);
//! - a `list`, `tuple` or `dict` (a list or struct column): its JSON text, written by the
//!   objects reader ([`objects::write`]), so a JSON cell;
//! - a `datetime.date` or `datetime.datetime` (pandas' `Timestamp`): its `isoformat()`;
//! - a numpy scalar or array (`tolist()`) and a pyarrow scalar (`as_py()`): the Python value
//!   it gives.
//!
//! Anything else raises `CitynetsTypeError` naming the column and the row's position.

use std::io;

use citynets::validate::csv::CellValue;
use citynets::validate::frame::{Block, Columns};
use citynets::validate::tape::Tape;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyList, PyString};

use crate::errors;
use crate::objects::{self, Int, JsonKind, describe, is_absent, json_kind, type_name};

/// A frame's columns as the Python package hands them over.
pub(crate) struct PyColumns<'py> {
    names: Vec<String>,
    rows: usize,
    /// `read(start, count)`: one list per column, of the values of rows `start..start+count`.
    read: Bound<'py, PyAny>,
    /// `datetime.date`, of which `datetime.datetime` and pandas' `Timestamp` are subclasses.
    date: Bound<'py, PyAny>,
    /// Where a nested value is written before it becomes a JSON cell.
    tape: Tape,
    /// The Python error that ended the reading, raised instead of the core's `io::Error`.
    error: Option<PyErr>,
}

impl<'py> PyColumns<'py> {
    pub(crate) fn new(
        py: Python<'py>,
        names: Vec<String>,
        rows: usize,
        read: Bound<'py, PyAny>,
    ) -> PyResult<Self> {
        let date = py.import("datetime")?.getattr("date")?;
        Ok(PyColumns {
            names,
            rows,
            read,
            date,
            tape: Tape::default(),
            error: None,
        })
    }

    /// The error to raise for an `Err` of the core's reading: the Python error that ended it,
    /// else the core's own.
    pub(crate) fn error(&mut self, e: &io::Error) -> PyErr {
        self.error
            .take()
            .unwrap_or_else(|| errors::value_error(e.to_string()))
    }

    fn fill(&mut self, start: usize, count: usize, block: &mut Block) -> PyResult<()> {
        let columns = self.read.call1((start, count))?;
        let columns = columns.cast::<PyList>().map_err(|_| {
            errors::internal("the frame's reader must return a list of lists, one per column")
        })?;
        for (c, column) in columns.iter().enumerate() {
            block.next_column();
            let column = column.cast::<PyList>().map_err(|_| {
                errors::internal(format!(
                    "the frame's reader gave a {} for a column, not a list",
                    type_name(&column)
                ))
            })?;
            for (r, value) in column.iter().enumerate() {
                self.cell(&value, block, 0).map_err(|e| {
                    let name = self.names.get(c).map_or("?", String::as_str);
                    in_cell(e, name, start + r, value.py())
                })?;
            }
        }
        Ok(())
    }

    /// Adds one value as a cell; `depth` counts the values unwrapped (numpy, pyarrow). What
    /// a value is as JSON data is the objects reader's [`json_kind`]; what is not JSON data
    /// may still be a cell (an absent value, a date, a numpy or pyarrow scalar).
    fn cell(&mut self, value: &Bound<'py, PyAny>, block: &mut Block, depth: u8) -> PyResult<()> {
        match json_kind(value) {
            JsonKind::Str(s) => {
                let text = s.to_str().map_err(|_| {
                    errors::value_error("the text is not valid Unicode (it has a lone surrogate)")
                })?;
                block.cell(Some(CellValue::Text(text)));
            }
            JsonKind::Null => block.cell(None),
            JsonKind::Float(f) => block.cell(Some(CellValue::Float(f))),
            JsonKind::Bool(b) => block.cell(Some(CellValue::Bool(b))),
            JsonKind::Int(Some(Int::Signed(v))) => block.cell(Some(CellValue::Int(v))),
            // Above i64 or beyond 64 bits: the digits, as a table's cell would hold them.
            JsonKind::Int(_) => {
                let digits = value.str()?;
                block.cell(Some(CellValue::Text(digits.to_str()?)));
            }
            JsonKind::Object(_) | JsonKind::Array(_) | JsonKind::Tuple(_) => {
                self.tape.clear();
                objects::write(value, &mut self.tape).map_err(errors::from_tape)?;
                block.json(&self.tape).map_err(errors::from_tape)?;
            }
            JsonKind::Other => return self.other(value, block, depth),
        }
        Ok(())
    }

    /// A value that is not JSON data: absent (pandas' `NA`, `NaT`), a date, or a numpy or
    /// pyarrow scalar unwrapped once.
    fn other(&mut self, value: &Bound<'py, PyAny>, block: &mut Block, depth: u8) -> PyResult<()> {
        if is_absent(value) {
            block.cell(None);
            return Ok(());
        }
        if value.is_instance(&self.date)? {
            let iso = value.call_method0("isoformat")?;
            let iso = iso.cast::<PyString>()?;
            block.cell(Some(CellValue::Iso(iso.to_str()?)));
            return Ok(());
        }
        if depth == 0 {
            // numpy's datetime64 gives nanoseconds as an int from `tolist()`; in microseconds
            // it gives a `datetime` (or `None` for NaT).
            if type_name(value) == "datetime64" {
                let micro = value.call_method1("astype", ("datetime64[us]",))?;
                return self.cell(&micro.call_method0("tolist")?, block, depth + 1);
            }
            for method in ["tolist", "as_py"] {
                if value.hasattr(method)? {
                    let plain = value.call_method0(method)?;
                    return self.cell(&plain, block, depth + 1);
                }
            }
        }
        Err(errors::type_error(format!(
            "a value of type {} ({}) cannot be read as a cell: cells are strings, numbers, \
             booleans, dates, lists or dicts",
            type_name(value),
            describe(value)
        )))
    }
}

/// `e` with the cell it comes from named in its message, when it says what is wrong with the
/// value (a `TypeError` or a `ValueError`); any other exception (`MemoryError`,
/// `KeyboardInterrupt`) as it is.
fn in_cell(e: PyErr, column: &str, row: usize, py: Python<'_>) -> PyErr {
    let message = || {
        format!(
            "column {column:?}, row {row} (counted from 0): {}",
            e.value(py)
        )
    };
    if e.is_instance_of::<PyTypeError>(py) {
        errors::type_error(message())
    } else if e.is_instance_of::<PyValueError>(py) {
        errors::value_error(message())
    } else {
        e
    }
}

/// The cells of a table's columns, column after column (`None` for an empty cell).
type Cells = Vec<Vec<Option<String>>>;

/// The header of the table `fix_frame` wrote, and the cells of its columns at `wanted`
/// (`citynets::validate::frame::table_columns`): what the fixed frame is rebuilt from.
#[pyfunction]
pub(crate) fn table_columns(text: &[u8], wanted: Vec<usize>) -> PyResult<(Vec<String>, Cells)> {
    let read = citynets::validate::frame::table_columns(text, &wanted)
        .map_err(|e| errors::internal(format!("the fixed table could not be read: {e}")))?;
    Ok((read.header, read.cells))
}

impl Columns for PyColumns<'_> {
    fn names(&self) -> &[String] {
        &self.names
    }

    fn rows(&self) -> usize {
        self.rows
    }

    fn read(&mut self, start: usize, count: usize, block: &mut Block) -> io::Result<()> {
        self.fill(start, count, block).map_err(|e| {
            let message = e.to_string();
            self.error = Some(e);
            io::Error::other(message)
        })
    }
}
