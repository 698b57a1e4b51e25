//! The embedded Ghent catalogue, its lookups and filters, the vocabularies and the schemas.

use citynets::{
    CaveatKind, CountQualifier, DocumentKind, Fact, Filter, Focus, Kind, MemberKind, NameKind,
    Orientation, PolicyArea, Relation, Role, Scope, Status, Vocabulary,
};
use pyo3::exceptions::{PyKeyError, PyRuntimeError, PyValueError};
use pyo3::prelude::*;

/// The embedded catalogue as compact JSON text, exactly as the Rust model serializes it.
#[pyfunction]
pub(crate) fn catalogue_json() -> PyResult<String> {
    serde_json::to_string(citynets::ghent())
        .map_err(|e| PyRuntimeError::new_err(format!("cannot serialize the catalogue: {e}")))
}

/// The id of the network a query names (id, acronym, name or alias; case, accents and
/// punctuation do not count). Raises `KeyError` with the Rust message (suggestions, or the
/// candidates of an ambiguous query).
#[pyfunction]
pub(crate) fn lookup(query: &str) -> PyResult<String> {
    citynets::ghent()
        .lookup(query)
        .map(|n| n.id.to_string())
        .map_err(|e| PyKeyError::new_err(e.to_string()))
}

/// The ids of the networks the query may name or be about, best first (the Rust
/// `Catalogue::search`).
#[pyfunction]
pub(crate) fn search(query: &str) -> Vec<String> {
    citynets::ghent()
        .search(query)
        .into_iter()
        .map(|n| n.id.to_string())
        .collect()
}

/// One scored candidate: (network id, score, kind of match).
type Candidate = (String, f32, &'static str);

/// What the query names, as the Rust `Catalogue::resolve` decides: `("found", [one])`,
/// `("ambiguous", [close ones])` or `("not_found", [near misses])`, candidates best first.
#[pyfunction]
pub(crate) fn resolve(query: &str) -> (&'static str, Vec<Candidate>) {
    let r = citynets::ghent().resolve(query);
    let outcome = match r {
        citynets::Resolution::Found(_) => "found",
        citynets::Resolution::Ambiguous(_) => "ambiguous",
        _ => "not_found",
    };
    let candidates = r
        .candidates()
        .iter()
        .map(|m| (m.network.id.to_string(), m.score, m.kind.as_str()))
        .collect();
    (outcome, candidates)
}

/// The ids of the networks that meet every condition given, in catalogue order. Each condition
/// is the canonical spelling of a vocabulary value; another string raises `ValueError` naming
/// the allowed values and, from the alias table, the value probably meant.
#[pyfunction]
#[pyo3(signature = (*, policy_area=None, orientation=None, scope=None, kind=None, focus=None))]
pub(crate) fn filter(
    policy_area: Option<&str>,
    orientation: Option<&str>,
    scope: Option<&str>,
    kind: Option<&str>,
    focus: Option<&str>,
) -> PyResult<Vec<String>> {
    let f = Filter {
        policy_area: policy_area.map(parse::<PolicyArea>).transpose()?,
        orientation: orientation.map(parse::<Orientation>).transpose()?,
        scope: scope.map(parse::<Scope>).transpose()?,
        kind: kind.map(parse::<Kind>).transpose()?,
        focus: focus.map(parse::<Focus>).transpose()?,
    };
    Ok(citynets::ghent()
        .filter(&f)
        .map(|n| n.id.to_string())
        .collect())
}

/// Parses the canonical spelling of a vocabulary value, or says what is allowed and, from the
/// alias table, which value was probably meant.
fn parse<V: Vocabulary>(value: &str) -> PyResult<V> {
    V::parse_canonical(value).ok_or_else(|| {
        let error = citynets::Error::UnknownValue {
            vocabulary: V::NAME,
            value: value.to_owned(),
            allowed: V::all().iter().map(|v| v.as_str()).collect(),
            suggestion: V::from_alias(value).map(|v| v.as_str()),
        };
        PyValueError::new_err(error.to_string())
    })
}

/// One vocabulary value: (value, English label, Dutch label, French label, description).
type Value = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    String,
);

/// One vocabulary: (name, description, values in declaration order).
type Vocab = (&'static str, String, Vec<Value>);

fn vocabulary<V: Vocabulary>() -> Vocab {
    let values = V::all()
        .iter()
        .map(|v| {
            (
                v.as_str(),
                v.label(),
                v.label_nl(),
                v.label_fr(),
                v.description(),
            )
        })
        .collect();
    (V::NAME, V::vocabulary_description(), values)
}

/// Every closed vocabulary of the model, from the Rust enums.
#[pyfunction]
pub(crate) fn vocabularies() -> Vec<Vocab> {
    vec![
        vocabulary::<PolicyArea>(),
        vocabulary::<Orientation>(),
        vocabulary::<Focus>(),
        vocabulary::<Scope>(),
        vocabulary::<Kind>(),
        vocabulary::<Status>(),
        vocabulary::<Role>(),
        vocabulary::<MemberKind>(),
        vocabulary::<NameKind>(),
        vocabulary::<CaveatKind>(),
        vocabulary::<CountQualifier>(),
        vocabulary::<Relation>(),
        vocabulary::<Fact>(),
    ]
}

/// Reads `text` as a value of the vocabulary `name`: the value it spells (in any case, a label
/// in English, Dutch or French, an alias), else `None` with the value probably meant.
#[pyfunction]
pub(crate) fn parse_vocabulary(
    name: &str,
    text: &str,
) -> PyResult<(Option<&'static str>, Option<&'static str>)> {
    fn parse<V: Vocabulary>(text: &str) -> (Option<&'static str>, Option<&'static str>) {
        match V::from_alias(text) {
            Some(v) => (Some(v.as_str()), None),
            None => (None, V::suggest(text).map(|v| v.as_str())),
        }
    }
    Ok(match name {
        "PolicyArea" => parse::<PolicyArea>(text),
        "Orientation" => parse::<Orientation>(text),
        "Focus" => parse::<Focus>(text),
        "Scope" => parse::<Scope>(text),
        "Kind" => parse::<Kind>(text),
        "Status" => parse::<Status>(text),
        "Role" => parse::<Role>(text),
        "MemberKind" => parse::<MemberKind>(text),
        "NameKind" => parse::<NameKind>(text),
        "CaveatKind" => parse::<CaveatKind>(text),
        "CountQualifier" => parse::<CountQualifier>(text),
        "Relation" => parse::<Relation>(text),
        "Fact" => parse::<Fact>(text),
        other => {
            return Err(pyo3::exceptions::PyValueError::new_err(format!(
                "{other:?} is not a vocabulary"
            )));
        }
    })
}

/// The committed JSON Schema of one kind of document (`catalogue`, `network` or
/// `membership`), as text.
#[pyfunction]
pub(crate) fn schema_json(name: &str) -> PyResult<String> {
    let kind = document_kind(name)?;
    Ok(citynets::schema::schema_json(kind))
}

/// Parses a document kind, raising `ValueError` with the allowed values.
pub(crate) fn document_kind(name: &str) -> PyResult<DocumentKind> {
    name.parse::<DocumentKind>()
        .map_err(|e| PyValueError::new_err(e.to_string()))
}
