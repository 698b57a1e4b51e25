//! Catalogues (the embedded one and any city's), their lookups and filters, the vocabularies
//! and the schemas.

use std::sync::Arc;

use citynets::validate::tape::Tape;
use citynets::{
    Catalogue, CaveatKind, CountQualifier, DocumentKind, Fact, Filter, Focus, Kind, MemberKind,
    NameKind, Orientation, PolicyArea, Relation, Role, Scope, Status, Vocabulary,
};
use pyo3::prelude::*;

/// Networks held by Rust: the embedded Ghent catalogue, a catalogue read from a city's
/// document, or the embedded registry. Lookups, searches, resolutions and filters are the
/// core's, over these networks only. The Python `Catalogue` and `Registry` hold one.
#[pyclass(frozen, module = "citynets._core")]
pub(crate) struct NativeCatalogue {
    held: Held,
}

enum Held {
    /// The embedded catalogue (whose resolver is built once, in the core).
    Ghent,
    /// Another city's catalogue.
    Owned(Arc<Catalogue>),
    /// The embedded registry.
    Registry,
}

impl NativeCatalogue {
    /// The catalogue held; `None` for the registry.
    fn catalogue(&self) -> Option<&Catalogue> {
        match &self.held {
            Held::Ghent => Some(citynets::ghent()),
            Held::Owned(c) => Some(c),
            Held::Registry => None,
        }
    }

    /// The catalogue to add to the ones a validation uses; `None` for the embedded ones,
    /// which every validation uses already.
    pub(crate) fn added(&self) -> Option<Catalogue> {
        match &self.held {
            Held::Ghent | Held::Registry => None,
            Held::Owned(c) => Some(Catalogue::clone(c)),
        }
    }

    fn resolution(&self, query: &str) -> citynets::Resolution<'_> {
        match self.catalogue() {
            Some(c) => c.resolve(query),
            None => citynets::registry().resolve(query),
        }
    }
}

#[pymethods]
impl NativeCatalogue {
    /// The embedded catalogue of the City of Ghent.
    #[staticmethod]
    fn ghent() -> Self {
        NativeCatalogue { held: Held::Ghent }
    }

    /// The embedded registry of networks.
    #[staticmethod]
    fn registry() -> Self {
        NativeCatalogue {
            held: Held::Registry,
        }
    }

    /// Reads a catalogue document from JSON text; the core's error (with its line and column)
    /// when the text is not one.
    #[staticmethod]
    fn from_json(text: &str) -> PyResult<Self> {
        let c = Catalogue::from_json(text).map_err(crate::errors::from_core)?;
        Ok(NativeCatalogue {
            held: Held::Owned(Arc::new(c)),
        })
    }

    /// Reads a catalogue document given as Python objects (a dict of JSON types); absent
    /// values (`None`, NaN) are left out as everywhere else.
    #[staticmethod]
    fn from_object(data: &Bound<'_, PyAny>) -> PyResult<Self> {
        let mut tape = Tape::default();
        crate::objects::write(data, &mut tape)
            .map_err(|e| crate::errors::value_error(format!("not a catalogue document: {e}")))?;
        let c: Catalogue = tape
            .read()
            .map_err(|e| crate::errors::value_error(format!("not a catalogue document: {e}")))?;
        Ok(NativeCatalogue {
            held: Held::Owned(Arc::new(c)),
        })
    }

    /// The catalogue document (or the registry's array of network records) as compact JSON
    /// text, as the Rust model writes it.
    fn to_json(&self) -> PyResult<String> {
        let text = match self.catalogue() {
            Some(c) => serde_json::to_string(c),
            None => serde_json::to_string(&citynets::registry().iter().collect::<Vec<_>>()),
        };
        text.map_err(|e| crate::errors::internal(format!("cannot serialize the catalogue: {e}")))
    }

    /// The id of the network a query names (id, acronym, name or alias; case, accents and
    /// punctuation do not count); `NetworkNotFoundError` with the near misses or the
    /// candidates otherwise.
    fn lookup(&self, query: &str) -> PyResult<String> {
        let found = match self.catalogue() {
            Some(c) => c.lookup(query),
            None => citynets::registry().lookup(query),
        };
        found
            .map(|n| n.id.to_string())
            .map_err(crate::errors::from_core)
    }

    /// The ids of the networks the query may name or be about, best first.
    fn search(&self, query: &str) -> Vec<String> {
        let found = match self.catalogue() {
            Some(c) => c.search(query),
            None => citynets::registry().search(query),
        };
        found.into_iter().map(|n| n.id.to_string()).collect()
    }

    /// What the query names, as the core's resolver decides: `("found", [one])`,
    /// `("ambiguous", [close ones])` or `("not_found", [near misses])`, best first.
    fn resolve(&self, query: &str) -> (&'static str, Vec<Candidate>) {
        let r = self.resolution(query);
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

    /// The ids of the networks that meet every condition given, in catalogue order. Each
    /// condition is the canonical spelling of a vocabulary value; another raises
    /// `UnknownValueError` with the allowed values and the one probably meant.
    #[pyo3(signature = (*, policy_area=None, orientation=None, scope=None, kind=None, focus=None))]
    fn filter(
        &self,
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
        let ids = match self.catalogue() {
            Some(c) => c.filter(&f).map(|n| n.id.to_string()).collect(),
            None => citynets::registry()
                .filter(&f)
                .map(|n| n.id.to_string())
                .collect(),
        };
        Ok(ids)
    }
}

/// One scored candidate: (network id, score, kind of match).
type Candidate = (String, f32, &'static str);

/// Parses the canonical spelling of a vocabulary value, or raises the core's error.
fn parse<V: Vocabulary>(value: &str) -> PyResult<V> {
    V::parse_or_suggest(value).map_err(crate::errors::from_core)
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

/// Reads `text` as a value of the vocabulary `name`: with `lenient`, the value it spells in
/// any case, a label in English, Dutch or French, or an alias (`Vocabulary::from_alias`);
/// otherwise the canonical spelling only. Anything else raises `UnknownValueError` with the
/// core's message, which names the value probably meant (`Vocabulary::suggest`).
#[pyfunction]
pub(crate) fn parse_vocabulary(name: &str, text: &str, lenient: bool) -> PyResult<&'static str> {
    fn parse<V: Vocabulary>(text: &str, lenient: bool) -> PyResult<&'static str> {
        if lenient && let Some(v) = V::from_alias(text) {
            return Ok(v.as_str());
        }
        V::parse_or_suggest(text)
            .map(|v| v.as_str())
            .map_err(crate::errors::from_core)
    }
    match name {
        "PolicyArea" => parse::<PolicyArea>(text, lenient),
        "Orientation" => parse::<Orientation>(text, lenient),
        "Focus" => parse::<Focus>(text, lenient),
        "Scope" => parse::<Scope>(text, lenient),
        "Kind" => parse::<Kind>(text, lenient),
        "Status" => parse::<Status>(text, lenient),
        "Role" => parse::<Role>(text, lenient),
        "MemberKind" => parse::<MemberKind>(text, lenient),
        "NameKind" => parse::<NameKind>(text, lenient),
        "CaveatKind" => parse::<CaveatKind>(text, lenient),
        "CountQualifier" => parse::<CountQualifier>(text, lenient),
        "Relation" => parse::<Relation>(text, lenient),
        "Fact" => parse::<Fact>(text, lenient),
        other => Err(crate::errors::value_error(format!(
            "{other:?} is not a vocabulary"
        ))),
    }
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
        .map_err(crate::errors::from_core)
}

/// One row or cell of a city's list left for a person: (row, text, reason, candidates as
/// (id, name, score)).
type LeftRow = (u64, String, String, Vec<(String, String, f32)>);

/// A city's list of networks (a CSV or TSV file) as a catalogue document
/// (`citynets::city_list::catalogue_from_list`): the document as JSON text, the rows and cells
/// left, and the number of data rows.
#[pyfunction]
#[pyo3(signature = (path, city, country, source, catalogues=None, delimiter=None))]
pub(crate) fn catalogue_from_list(
    py: Python<'_>,
    path: std::path::PathBuf,
    city: String,
    country: String,
    source: String,
    catalogues: Option<Vec<Bound<'_, PyAny>>>,
    delimiter: Option<char>,
) -> PyResult<(String, Vec<LeftRow>, u64)> {
    let catalogues = crate::validation::read_catalogues(catalogues)?;
    let delimiter = delimiter
        .map(citynets::validate::csv::parse_delimiter)
        .transpose()
        .map_err(crate::errors::value_error)?;
    let list = citynets::city_list::CityList {
        city,
        country,
        source,
        delimiter,
    };
    let made = py.detach(|| {
        let file = std::fs::File::open(&path).map_err(crate::errors::Failure::Io)?;
        citynets::city_list::catalogue_from_list(std::io::BufReader::new(file), &list, &catalogues)
            .map_err(crate::errors::Failure::Io)
    });
    let made = made.map_err(|f| crate::errors::os_error(&path, f))?;
    let text = serde_json::to_string(&made.catalogue)
        .map_err(|e| crate::errors::internal(format!("cannot serialize the catalogue: {e}")))?;
    let left = made
        .left
        .into_iter()
        .map(|l| (l.row, l.text, l.reason, l.candidates))
        .collect();
    Ok((text, left, made.rows))
}
