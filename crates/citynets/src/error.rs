//! The crate's error types.

use std::fmt;

/// Why a value does not fit its type: what was expected and what was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValueError {
    /// What the type expects, in words ("at most 300 characters").
    pub expected: String,
    /// What was found instead.
    pub found: String,
}

impl ValueError {
    pub(crate) fn new(expected: impl Into<String>, found: impl Into<String>) -> Self {
        ValueError {
            expected: expected.into(),
            found: found.into(),
        }
    }
}

impl fmt::Display for ValueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "expected {}, found {}", self.expected, self.found)
    }
}

impl std::error::Error for ValueError {}

/// Errors of the catalogue API.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// No network matches the query.
    #[error("no network matches {query:?}{}", did_you_mean(suggestions))]
    NotFound {
        /// The query as given.
        query: String,
        /// Names of networks that come close, best first (may be empty).
        suggestions: Vec<String>,
    },
    /// Several networks match the query equally well.
    #[error("{query:?} matches several networks: {}", candidates.join(", "))]
    Ambiguous {
        /// The query as given.
        query: String,
        /// The ids of the networks it matches.
        candidates: Vec<String>,
    },
    /// A string is not a value of a closed vocabulary.
    #[error("{value:?} is not {} {vocabulary} value; expected one of: {}{}", article(vocabulary), allowed.join(", "), suggestion.map(|s| format!(" (did you mean {s:?}?)")).unwrap_or_default())]
    UnknownValue {
        /// The vocabulary's name (`"PolicyArea"`).
        vocabulary: &'static str,
        /// The value as given.
        value: String,
        /// Every allowed value.
        allowed: Vec<&'static str>,
        /// The allowed value probably meant (an alias, a label, or a spelling within a typing
        /// mistake or two).
        suggestion: Option<&'static str>,
    },
    /// A text names no country (neither an ISO 3166-1 code nor a name the table of countries
    /// knows).
    #[error(
        "{value:?} is not a country: expected an ISO 3166-1 alpha-2 code (\"BE\") or a country's name"
    )]
    UnknownCountry {
        /// The text as given.
        value: String,
    },
    /// A JSON document does not match the model.
    #[error("invalid {document} at line {line}, column {column}: {message}")]
    Parse {
        /// What was being read ("catalogue").
        document: &'static str,
        /// 1-based line of the problem.
        line: usize,
        /// 1-based column of the problem.
        column: usize,
        /// What is wrong.
        message: String,
    },
}

/// "an" before a vowel, "a" otherwise.
fn article(word: &str) -> &'static str {
    if word.starts_with(['A', 'E', 'I', 'O', 'U', 'a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    }
}

fn did_you_mean(suggestions: &[String]) -> String {
    match suggestions {
        [] => String::new(),
        [one] => format!("; did you mean {one:?}?"),
        more => format!(
            "; did you mean one of: {}?",
            more.iter()
                .map(|s| format!("{s:?}"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}
