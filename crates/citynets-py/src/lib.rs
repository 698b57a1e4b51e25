//! # citynets-py
//!
//! The native module `citynets._core` of the Python package `citynets`, built with maturin.
//! It adds no logic of its own: the catalogue, its lookups and filters, the vocabularies, the
//! schemas, the validator and the command line are those of the Rust crates `citynets` and
//! `citynets-cli`. The Python package (`python/citynets`) builds its public API on these few
//! functions; their types are in `python/citynets/_core.pyi`.
//!
//! Nothing that Python passes in may reach a Rust panic: every failure is a Python exception
//! (`TypeError`, `ValueError`, `KeyError`, `OSError`) or a problem in a validation report.

mod catalogue;
mod cli;
mod errors;
mod fix;
mod frames;
mod gazetteer;
mod objects;
mod validation;

use pyo3::prelude::*;

/// The native module: see `python/citynets/_core.pyi` for the signatures.
#[pymodule]
fn _core(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("MAX_DEPTH", citynets::validate::MAX_DEPTH)?;
    m.add_class::<catalogue::NativeCatalogue>()?;
    m.add_function(wrap_pyfunction!(catalogue::vocabularies, m)?)?;
    m.add_function(wrap_pyfunction!(catalogue::catalogue_from_list, m)?)?;
    m.add_function(wrap_pyfunction!(catalogue::parse_vocabulary, m)?)?;
    m.add_function(wrap_pyfunction!(catalogue::schema_json, m)?)?;
    m.add_function(wrap_pyfunction!(validation::validate_bytes, m)?)?;
    m.add_function(wrap_pyfunction!(validation::validate_path, m)?)?;
    m.add_function(wrap_pyfunction!(validation::validate_object, m)?)?;
    m.add_function(wrap_pyfunction!(validation::convert_wide, m)?)?;
    m.add_function(wrap_pyfunction!(validation::validate_frame, m)?)?;
    m.add_function(wrap_pyfunction!(validation::json_text, m)?)?;
    m.add_function(wrap_pyfunction!(gazetteer::resolve_city, m)?)?;
    m.add_function(wrap_pyfunction!(gazetteer::city_place, m)?)?;
    m.add_function(wrap_pyfunction!(fix::fix_bytes, m)?)?;
    m.add_function(wrap_pyfunction!(fix::fix_path, m)?)?;
    m.add_function(wrap_pyfunction!(fix::fix_frame, m)?)?;
    m.add_function(wrap_pyfunction!(frames::table_columns, m)?)?;
    m.add_function(wrap_pyfunction!(cli::run_cli, m)?)?;
    Ok(())
}
