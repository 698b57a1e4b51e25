//! Catalogues (the embedded one and any city's), their lookups and filters, the vocabularies
//! and the schemas.

use std::sync::Arc;

use citynets::{
    Catalogue, CaveatKind, CountQualifier, DocumentKind, Fact, Filter, Focus, Kind, MemberKind,
    NameKind, Orientation, PolicyArea, Relation, Role, Scope, Status, Vocabulary,
};
use pyo3::prelude::*;
use serde::Deserialize;

use crate::depythonize::PyValue;

/// A catalogue document held by Rust: the embedded Ghent catalogue, or one read from a
/// city's document. Its lookups, searches, resolutions and filters are the core's, over its own
/// networks. The Python `Catalogue` holds one.
#[pyclass(frozen, module = "citynets._core")]
pub(crate) struct NativeCatalogue {
    held: Held,
}

enum Held {
    /// The embedded catalogue (whose resolver is built once, in the core).
    Ghent,
    /// Another city's catalogue.
    Owned(Arc<Catalogue>),
}

impl NativeCatalogue {
    pub(crate) fn get(&self) -> &Catalogue {
        match &self.held {
            Held::Ghent => citynets::ghent(),
            Held::Owned(c) => c,
        }
    }

    /// The catalogue to add to the ones a validation uses; `None` for the embedded one,
    /// which every validation uses already.
    pub(crate) fn added(&self) -> Option<Catalogue> {
        match &self.held {
            Held::Ghent => None,
            Held::Owned(c) => Some(Catalogue::clone(c)),
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
        let c = Catalogue::deserialize(PyValue(data))
            .map_err(|e| crate::errors::value_error(format!("not a catalogue document: {e}")))?;
        Ok(NativeCatalogue {
            held: Held::Owned(Arc::new(c)),
        })
    }

    /// The catalogue as compact JSON text, as the Rust model writes it.
    fn to_json(&self) -> PyResult<String> {
        serde_json::to_string(self.get())
            .map_err(|e| crate::errors::internal(format!("cannot serialize the catalogue: {e}")))
    }

    /// The id of the network a query names (id, acronym, name or alias; case, accents and
    /// punctuation do not count); `NetworkNotFoundError` with the near misses or the
    /// candidates otherwise.
    fn lookup(&self, query: &str) -> PyResult<String> {
        self.get()
            .lookup(query)
            .map(|n| n.id.to_string())
            .map_err(crate::errors::from_core)
    }

    /// The ids of the networks the query may name or be about, best first.
    fn search(&self, query: &str) -> Vec<String> {
        self.get()
            .search(query)
            .into_iter()
            .map(|n| n.id.to_string())
            .collect()
    }

    /// What the query names, as the core's resolver decides: `("found", [one])`,
    /// `("ambiguous", [close ones])` or `("not_found", [near misses])`, best first.
    fn resolve(&self, query: &str) -> (&'static str, Vec<Candidate>) {
        let r = self.get().resolve(query);
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
        Ok(self.get().filter(&f).map(|n| n.id.to_string()).collect())
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
        let found = if lenient {
            V::from_alias(text).ok_or(())
        } else {
            V::parse_canonical(text).ok_or(())
        };
        match found {
            Ok(v) => Ok(v.as_str()),
            Err(()) => Err(crate::errors::from_core(
                V::parse_or_suggest(text)
                    .err()
                    .unwrap_or_else(|| unknown_value::<V>(text)),
            )),
        }
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

/// The error for a text that is no value of `V`, when `parse_or_suggest` accepted it (a
/// canonical spelling that `from_alias` would also take: never in practice).
fn unknown_value<V: Vocabulary>(text: &str) -> citynets::Error {
    citynets::Error::UnknownValue {
        vocabulary: V::NAME,
        value: text.to_owned(),
        allowed: V::all().iter().map(|v| v.as_str()).collect(),
        suggestion: None,
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
