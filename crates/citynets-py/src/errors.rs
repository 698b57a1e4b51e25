//! The exceptions the native module raises: the classes of `python/citynets/_errors.py`, all
//! under `citynets.CitynetsError`, each also a subclass of the builtin that fits (a
//! `CitynetsValueError` is a `ValueError`). This file is the one place that turns a Rust error
//! into a Python exception; the messages are the core's.

use std::io;
use std::path::Path;

use pyo3::PyErr;
use pyo3::import_exception;

import_exception!(citynets._errors, CitynetsError);
import_exception!(citynets._errors, CitynetsTypeError);
import_exception!(citynets._errors, CitynetsValueError);
import_exception!(citynets._errors, CitynetsOSError);
import_exception!(citynets._errors, CitynetsFileNotFoundError);
import_exception!(citynets._errors, CitynetsIsADirectoryError);
import_exception!(citynets._errors, CitynetsPermissionError);
import_exception!(citynets._errors, UnknownValueError);
import_exception!(citynets._errors, NetworkNotFoundError);

/// An argument of a type the function does not take.
pub(crate) fn type_error(message: impl Into<String>) -> PyErr {
    CitynetsTypeError::new_err(message.into())
}

/// An argument or an input the package refuses.
pub(crate) fn value_error(message: impl Into<String>) -> PyErr {
    CitynetsValueError::new_err(message.into())
}

/// A failure that is no fault of the caller's (the model cannot write itself).
pub(crate) fn internal(message: impl Into<String>) -> PyErr {
    CitynetsError::new_err(message.into())
}

/// An error of the catalogue API: a lookup that finds no network or several
/// (`NetworkNotFoundError`), a vocabulary value not known (`UnknownValueError`, with the
/// vocabulary, the value and the suggestion as attributes), or another refusal.
pub(crate) fn from_core(error: citynets::Error) -> PyErr {
    let message = error.to_string();
    match error {
        citynets::Error::NotFound { query, .. } | citynets::Error::Ambiguous { query, .. } => {
            NetworkNotFoundError::new_err((message, query))
        }
        citynets::Error::UnknownValue {
            vocabulary,
            value,
            suggestion,
            ..
        } => UnknownValueError::new_err((message, vocabulary, value, suggestion)),
        _ => CitynetsValueError::new_err(message),
    }
}

/// A Python object the core's tape writer refused: a `TypeError` for a value of a type that
/// is not JSON data, a `ValueError` for a value JSON cannot hold.
pub(crate) fn from_tape(error: citynets::validate::tape::TapeError) -> PyErr {
    if error.is_type {
        type_error(error.message)
    } else {
        value_error(error.message)
    }
}

/// Why a file could not be read or written.
pub(crate) enum Failure {
    /// The path names a directory.
    Directory,
    /// The system refused, or a workbook was refused (`InvalidInput`, `FileTooLarge`).
    Io(io::Error),
}

/// The exception for a file that could not be read or written: the `OSError` subclass that
/// matches, with `errno` and `filename`; a workbook that is refused (no such sheet, too large to
/// read whole) is a `CitynetsValueError`.
pub(crate) fn os_error(path: &Path, failure: Failure) -> PyErr {
    let filename = path.to_string_lossy().into_owned();
    match failure {
        Failure::Directory => CitynetsIsADirectoryError::new_err((
            EISDIR,
            "Is a directory (a file is expected)",
            filename,
        )),
        Failure::Io(e) => {
            let errno = e.raw_os_error().unwrap_or(0);
            match e.kind() {
                io::ErrorKind::InvalidInput | io::ErrorKind::FileTooLarge => {
                    value_error(format!("{filename}: {e}"))
                }
                io::ErrorKind::NotFound => CitynetsFileNotFoundError::new_err((
                    errno,
                    "No such file or directory",
                    filename,
                )),
                io::ErrorKind::PermissionDenied => {
                    CitynetsPermissionError::new_err((errno, "Permission denied", filename))
                }
                io::ErrorKind::IsADirectory => CitynetsIsADirectoryError::new_err((
                    errno,
                    "Is a directory (a file is expected)",
                    filename,
                )),
                _ => CitynetsOSError::new_err((
                    errno,
                    format!("cannot read the file: {e}"),
                    filename,
                )),
            }
        }
    }
}

/// The POSIX error number for "is a directory" (the same on Linux and macOS).
const EISDIR: i32 = 21;
