//! The gazetteer of cities: `citynets.resolve_city` and `citynets.city_place`, the core's
//! answers turned into dicts.

use citynets::gazetteer::{self, CityMatch, Place};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};

use crate::errors::from_core;

/// A place as a dict.
fn place_dict<'py>(py: Python<'py>, p: &Place) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("geonames_id", p.geonames_id)?;
    d.set_item("country", p.country)?;
    d.set_item("admin1", p.admin1)?;
    d.set_item("population", p.population)?;
    d.set_item("name", p.name)?;
    d.set_item("english", p.english)?;
    d.set_item("local", p.local)?;
    Ok(d)
}

/// What a city name means: `status` (`found`, `ambiguous`, `elsewhere`, `unknown`), `stored`,
/// `namesakes` and the `places` (one when found).
#[pyfunction]
#[pyo3(signature = (name, country=None))]
pub(crate) fn resolve_city<'py>(
    py: Python<'py>,
    name: &str,
    country: Option<&str>,
) -> PyResult<Bound<'py, PyDict>> {
    let found = gazetteer::resolve_city(name, country).map_err(from_core)?;
    let (status, stored, namesakes, places) = match &found {
        CityMatch::Found {
            place,
            stored,
            namesakes,
        } => ("found", *stored, *namesakes, std::slice::from_ref(place)),
        CityMatch::Ambiguous(p) => ("ambiguous", false, 0, p.as_slice()),
        CityMatch::Elsewhere(p) => ("elsewhere", false, 0, p.as_slice()),
        CityMatch::Unknown => ("unknown", false, 0, &[][..]),
    };
    let d = PyDict::new(py);
    d.set_item("status", status)?;
    d.set_item("stored", stored)?;
    d.set_item("namesakes", namesakes)?;
    let list = PyList::empty(py);
    for p in places {
        list.append(place_dict(py, p)?)?;
    }
    d.set_item("places", list)?;
    Ok(d)
}

/// The place with a GeoNames id, or `None`.
#[pyfunction]
pub(crate) fn city_place(py: Python<'_>, geonames_id: u32) -> PyResult<Option<Bound<'_, PyDict>>> {
    gazetteer::place(geonames_id)
        .map(|p| place_dict(py, &p))
        .transpose()
}
