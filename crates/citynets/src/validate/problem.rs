//! [`Problem`]: one problem found in a file, in the record shape shared by the Rust API, the
//! command line, the test fixtures and the Python package.

use serde::{Deserialize, Serialize};

/// How serious a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The JSON Schema rejects the input, or the input cannot be parsed at all.
    Error,
    /// Something the schema cannot express (duplicate keys, a byte-order mark, dates out of
    /// order…). It does not make a file invalid unless validation is strict.
    Warning,
}

/// The stable code of a problem. New codes may be added; existing ones keep their meaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Code {
    /// A string that is not one of the allowed values of a vocabulary (schema `enum`).
    UnknownVariant,
    /// A required field is absent (schema `required`).
    MissingField,
    /// A field the model does not define (schema `additionalProperties: false`).
    UnknownField,
    /// A value of the wrong JSON type (schema `type`).
    InvalidType,
    /// A string that does not have the required form (schema `pattern`).
    Pattern,
    /// A list repeats an item that must be unique (schema `uniqueItems`).
    DuplicateItem,
    /// A list has fewer items than required (schema `minItems`).
    TooFewItems,
    /// A list has more items than allowed (schema `maxItems`).
    TooManyItems,
    /// A string is longer than allowed (schema `maxLength`).
    TooLong,
    /// A string is shorter than required (schema `minLength`).
    TooShort,
    /// A number outside the allowed range (schema `minimum`/`maximum`), or one too large to
    /// read at all.
    OutOfRange,
    /// The input is not well-formed JSON.
    Syntax,
    /// The input is not UTF-8 text.
    Encoding,
    /// The input nests deeper than the validator's limit.
    TooDeep,
    /// An object has the same key twice; the last value is the one validated.
    DuplicateKey,
    /// The file starts with a byte-order mark.
    ByteOrderMark,
    /// Two networks in one document have the same id.
    DuplicateId,
    /// A network's id differs from the embedded catalogue's id for the same name or acronym.
    IdMismatch,
    /// A membership starts before the network was founded.
    StartBeforeFounding,
    /// An end date lies before its start date.
    EndBeforeStart,
    /// More problems were found than the report keeps.
    TooManyProblems,
}

impl Code {
    /// The code's snake_case name, as in the report.
    pub fn as_str(self) -> &'static str {
        match self {
            Code::UnknownVariant => "unknown_variant",
            Code::MissingField => "missing_field",
            Code::UnknownField => "unknown_field",
            Code::InvalidType => "invalid_type",
            Code::Pattern => "pattern",
            Code::DuplicateItem => "duplicate_item",
            Code::TooFewItems => "too_few_items",
            Code::TooManyItems => "too_many_items",
            Code::TooLong => "too_long",
            Code::TooShort => "too_short",
            Code::OutOfRange => "out_of_range",
            Code::Syntax => "syntax",
            Code::Encoding => "encoding",
            Code::TooDeep => "too_deep",
            Code::DuplicateKey => "duplicate_key",
            Code::ByteOrderMark => "byte_order_mark",
            Code::DuplicateId => "duplicate_id",
            Code::IdMismatch => "id_mismatch",
            Code::StartBeforeFounding => "start_before_founding",
            Code::EndBeforeStart => "end_before_start",
            Code::TooManyProblems => "too_many_problems",
        }
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One problem found in an input.
///
/// Serialized with camelCase keys (`instanceLocation`, `keywordLocation`), as in JSON Schema's
/// output formats; the Python package uses the snake_case twins.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Problem {
    /// The file the problem is in (`-` for standard input), when validating files.
    pub path: Option<String>,
    /// JSON Pointer to the offending value, within the record for NDJSON and lists of records.
    pub instance_location: String,
    /// JSON Pointer, within the committed schema, to the keyword that failed (empty for
    /// problems the schema does not express).
    pub keyword_location: String,
    /// The record: the line number for NDJSON, the index for a list of records or for a network
    /// of a catalogue document.
    pub record: Option<u64>,
    /// 1-based line in the file.
    pub line: Option<u64>,
    /// 1-based column in the file, in Unicode code points.
    pub column: Option<u64>,
    /// The stable code.
    pub code: Code,
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong and what was expected, for a person.
    pub error: String,
    /// The value probably meant, when there is one.
    pub suggestion: Option<String>,
    /// For CSV input, the name of the column the problem is in (absent otherwise).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column_name: Option<String>,
}

/// What validating one input found.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    /// The problems kept, in the order found (at most the limit set in the options).
    pub problems: Vec<Problem>,
    /// How many errors were found in all (kept or not).
    pub errors: u64,
    /// How many warnings were found in all (kept or not).
    pub warnings: u64,
    /// How many records were read: networks or memberships (for a catalogue document, its
    /// networks).
    pub records: u64,
}

impl Report {
    /// Whether the input is valid: no error, and no warning either when `strict`.
    pub fn is_valid(&self, strict: bool) -> bool {
        self.errors == 0 && (!strict || self.warnings == 0)
    }

    /// The errors kept.
    pub fn errors(&self) -> impl Iterator<Item = &Problem> {
        self.problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
    }

    /// The warnings kept.
    pub fn warnings(&self) -> impl Iterator<Item = &Problem> {
        self.problems
            .iter()
            .filter(|p| p.severity == Severity::Warning)
    }
}
