//! [`Problem`]: one problem found in a file, in the record shape shared by the Rust API, the
//! command line, the test fixtures and the Python package; and [`Problems`], the one place
//! where problems are counted and kept.
//!
//! A problem is built with [`Problem::error`] or [`Problem::warning`] and then given only the
//! parts it has (`.at(..)`, `.instance(..)`, `.suggest(..)`…), so that a reader of the code
//! sees what a problem says rather than a row of empty placeholders. Every reader (JSON, NDJSON,
//! tables, wide tables) hands its problems to a [`Problems`], which counts each one and keeps
//! at most the number asked for: the counts and the cap then agree whatever the input shape.

use serde::{Deserialize, Serialize};

use super::json::lexer::Pos;
use super::messages;

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
    /// A membership refers to a network that no catalogue in use knows (reported once per
    /// distinct id, with the number of records that use it).
    UnknownNetwork,
    /// The same member appears twice in one network within one document.
    DuplicateMembership,
    /// A member's city is, by the gazetteer, a city of another country than the one given.
    CityCountryMismatch,
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
            Code::UnknownNetwork => "unknown_network",
            Code::DuplicateMembership => "duplicate_membership",
            Code::CityCountryMismatch => "city_country_mismatch",
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
    /// The file the problem is in, when validating files (the command line calls standard
    /// input `<stdin>`).
    pub path: Option<String>,
    /// JSON Pointer to the offending value, within the record for NDJSON and lists of records.
    pub instance_location: String,
    /// JSON Pointer, within the committed schema, to the keyword that failed (empty for
    /// problems the schema does not express).
    pub keyword_location: String,
    /// The record, counted from 1 the same way in every input: the first record is record 1,
    /// whether it is the first element of a JSON list, the first network of a catalogue
    /// document, the first NDJSON line that is not blank, or the first data row of a table or a
    /// sheet (the header and blank rows not counted). Where the record is in the file is
    /// [`line`](Self::line) (and [`cell`](Self::cell)). `None` for a problem of the input as a
    /// whole or of a single document.
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
    /// For a workbook, the cell the problem is in, as Excel names it with its sheet
    /// (`Sheet1!C7`, `'My sheet'!C7`); `line` is then the sheet's row and `column` the
    /// column's number (C is 3). Absent otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cell: Option<String>,
}

impl Problem {
    /// A problem of `code` and `severity` that says `message`, placed nowhere yet: no file,
    /// no record, no line, empty instance and keyword locations, no suggestion.
    pub fn new(code: Code, severity: Severity, message: impl Into<String>) -> Problem {
        Problem {
            path: None,
            instance_location: String::new(),
            keyword_location: String::new(),
            record: None,
            line: None,
            column: None,
            code,
            severity,
            error: message.into(),
            suggestion: None,
            column_name: None,
            cell: None,
        }
    }

    /// An error of `code` that says `message`; see [`Problem::new`] for what it starts with.
    ///
    /// ```
    /// use citynets::validate::{Code, Problem, Severity};
    ///
    /// let p = Problem::error(Code::UnknownVariant, "\"europe\" is not a Scope value")
    ///     .at(1, 35)
    ///     .instance("/scope")
    ///     .keyword("/properties/scope/enum")
    ///     .record(Some(1))
    ///     .suggest(Some("european".into()));
    /// assert_eq!(p.severity, Severity::Error);
    /// assert_eq!((p.line, p.column), (Some(1), Some(35)));
    /// assert_eq!(p.instance_location, "/scope");
    /// assert_eq!(p.suggestion.as_deref(), Some("european"));
    /// assert_eq!(p.path, None);
    /// ```
    pub fn error(code: Code, message: impl Into<String>) -> Problem {
        Problem::new(code, Severity::Error, message)
    }

    /// A warning of `code` that says `message`; see [`Problem::new`].
    pub fn warning(code: Code, message: impl Into<String>) -> Problem {
        Problem::new(code, Severity::Warning, message)
    }

    /// The one `too_deep` problem, for input nested deeper than
    /// [`MAX_DEPTH`](super::MAX_DEPTH), at the first place too deep (`""` for the top level).
    ///
    /// ```
    /// use citynets::validate::{Code, Problem};
    ///
    /// let p = Problem::too_deep("/0/a");
    /// assert_eq!(p.code, Code::TooDeep);
    /// assert_eq!(p.instance_location, "/0/a");
    /// assert!(p.error.contains("nests deeper than 64 levels"));
    /// ```
    pub fn too_deep(instance: impl Into<String>) -> Problem {
        Problem::error(Code::TooDeep, messages::too_deep()).instance(instance)
    }

    /// At a 1-based `line` and `column` (in code points) of the file.
    #[must_use]
    pub fn at(mut self, line: u64, column: u64) -> Problem {
        self.line = Some(line);
        self.column = Some(column);
        self
    }

    /// At a place the lexer gives, or nowhere for `None`.
    #[must_use]
    pub(crate) fn at_pos(mut self, pos: impl Into<Option<Pos>>) -> Problem {
        let pos = pos.into();
        self.line = pos.map(|p| p.line);
        self.column = pos.map(|p| p.column);
        self
    }

    /// With the instance location: a JSON Pointer to the offending value (see
    /// [`pointer`](super::pointer) to build one).
    #[must_use]
    pub fn instance(mut self, pointer: impl Into<String>) -> Problem {
        self.instance_location = pointer.into();
        self
    }

    /// With the keyword location: a JSON Pointer, within the committed schema, to the keyword
    /// that failed.
    #[must_use]
    pub fn keyword(mut self, pointer: impl Into<String>) -> Problem {
        self.keyword_location = pointer.into();
        self
    }

    /// In a record (its number, counted from 1: see [`Problem::record`]), or in none.
    #[must_use]
    pub fn record(mut self, record: Option<u64>) -> Problem {
        self.record = record;
        self
    }

    /// With the value probably meant, when there is one.
    #[must_use]
    pub fn suggest(mut self, suggestion: Option<String>) -> Problem {
        self.suggestion = suggestion;
        self
    }

    /// In a column of a table, named as its header names it, or in none.
    #[must_use]
    pub fn column_name(mut self, name: Option<&str>) -> Problem {
        self.column_name = name.map(str::to_owned);
        self
    }

    /// In a cell of a workbook, named as Excel names it with its sheet (`Sheet1!C7`), or in
    /// none.
    #[must_use]
    pub fn cell(mut self, cell: Option<String>) -> Problem {
        self.cell = cell;
        self
    }

    /// In a file, or in none. The report being built sets this
    /// itself for each problem it keeps.
    #[must_use]
    pub fn path(mut self, path: Option<String>) -> Problem {
        self.path = path;
        self
    }
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

/// A [`Report`] under construction: the one place where problems are counted and kept.
///
/// Each problem pushed is counted as an error or a warning, gets the file's path, and is kept
/// while fewer than the cap are; past the cap it is only counted, so that the counts in the
/// report always include every problem found.
#[derive(Debug, Clone)]
pub(crate) struct Problems {
    report: Report,
    max: usize,
    path: Option<String>,
    /// Whether [`retract`](Problems::retract) dropped a problem.
    retracted: bool,
}

impl Problems {
    /// An empty report that keeps at most `max` problems, each placed in the file `path`.
    pub fn new(max: usize, path: Option<String>) -> Problems {
        Problems::resume(Report::default(), max, path)
    }

    /// The cap and path of `options`.
    pub fn for_options(options: &super::Options) -> Problems {
        Problems::new(options.max_problems, options.path.clone())
    }

    /// Goes on with a report begun elsewhere (its counts and problems stay as they are).
    pub fn resume(report: Report, max: usize, path: Option<String>) -> Problems {
        Problems {
            report,
            max,
            path,
            retracted: false,
        }
    }

    /// Counts `problem` and keeps it if the cap allows, placed in this file.
    pub fn push(&mut self, mut problem: Problem) {
        self.count(problem.severity);
        if self.report.problems.len() < self.max {
            problem.path.clone_from(&self.path);
            self.report.problems.push(problem);
        }
    }

    /// Whether the report keeps no more problems: those pushed from now on are only counted,
    /// so a caller may skip building what only a kept problem needs.
    pub fn is_full(&self) -> bool {
        self.report.problems.len() >= self.max
    }

    /// Counts a problem of `severity` without keeping anything (for problems kept apart, as
    /// those of a chunk checked on another thread, which [`keep`](Problems::keep) adds later).
    pub fn count(&mut self, severity: Severity) {
        match severity {
            Severity::Error => self.report.errors += 1,
            Severity::Warning => self.report.warnings += 1,
        }
    }

    /// Keeps a problem already counted, placed in this file, if the cap allows; says whether
    /// it did.
    pub fn keep(&mut self, mut problem: Problem) -> bool {
        let room = self.report.problems.len() < self.max;
        if room {
            problem.path.clone_from(&self.path);
            self.report.problems.push(problem);
        }
        room
    }

    /// Adds the counts of a report whose problems are kept apart (see [`count`](Problems::count)).
    pub fn add_counts(&mut self, other: &Report) {
        self.report.errors += other.errors;
        self.report.warnings += other.warnings;
        self.report.records += other.records;
    }

    /// Drops the kept problems `drop` picks, and takes them off the counts. Problems past the
    /// cap were never kept, so they stay counted.
    pub fn retract(&mut self, mut drop: impl FnMut(&Problem) -> bool) {
        let (mut errors, mut warnings) = (0, 0);
        self.report.problems.retain(|p| {
            let gone = drop(p);
            if gone {
                match p.severity {
                    Severity::Error => errors += 1,
                    Severity::Warning => warnings += 1,
                }
            }
            !gone
        });
        self.report.errors -= errors;
        self.report.warnings -= warnings;
        self.retracted |= errors + warnings > 0;
    }

    /// Whether [`retract`](Problems::retract) dropped a problem: the counts then depend on
    /// which problems were kept, so a report merged from chunks may differ from one walk's.
    pub fn retracted(&self) -> bool {
        self.retracted
    }

    /// Counts one more record read.
    pub fn add_record(&mut self) {
        self.report.records += 1;
    }

    /// The report so far.
    pub fn report(&self) -> &Report {
        &self.report
    }

    /// The report.
    pub fn finish(self) -> Report {
        self.report
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn the_setters_fill_only_their_field() {
        let bare = Problem::warning(Code::DuplicateKey, "twice");
        assert_eq!(bare.severity, Severity::Warning);
        assert_eq!(bare.error, "twice");
        assert_eq!(
            (bare.line, bare.record, bare.path.as_deref()),
            (None, None, None)
        );
        assert!(bare.instance_location.is_empty() && bare.keyword_location.is_empty());
        let pos = Pos {
            offset: 9,
            line: 2,
            column: 7,
        };
        let p = bare
            .clone()
            .at_pos(pos)
            .column_name(Some("id"))
            .cell(Some("Sheet1!A2".into()))
            .path(Some("a.csv".into()));
        assert_eq!((p.line, p.column), (Some(2), Some(7)));
        assert_eq!(p.column_name.as_deref(), Some("id"));
        assert_eq!(p.cell.as_deref(), Some("Sheet1!A2"));
        assert_eq!(p.path.as_deref(), Some("a.csv"));
        assert_eq!(p.clone().at_pos(None).line, None);
        assert_eq!(
            Problem {
                line: None,
                column: None,
                column_name: None,
                cell: None,
                path: None,
                ..p
            },
            bare
        );
    }

    #[test]
    fn problems_count_everything_and_keep_up_to_the_cap() {
        let mut out = Problems::new(2, Some("f.json".into()));
        out.push(Problem::error(Code::Syntax, "a"));
        out.push(Problem::warning(Code::ByteOrderMark, "b"));
        out.push(Problem::error(Code::Syntax, "c"));
        assert!(!out.keep(Problem::error(Code::Syntax, "d")));
        out.add_record();
        let r = out.report();
        assert_eq!((r.errors, r.warnings, r.records), (2, 1, 1));
        assert_eq!(r.problems.len(), 2);
        assert!(
            r.problems
                .iter()
                .all(|p| p.path.as_deref() == Some("f.json"))
        );
    }

    #[test]
    fn retract_uncounts_only_what_it_drops() {
        let mut out = Problems::new(10, None);
        out.push(Problem::error(Code::Pattern, "x").instance("/a/0"));
        out.push(Problem::warning(Code::DuplicateKey, "y").instance("/a"));
        out.push(Problem::error(Code::Pattern, "z").instance("/b"));
        out.retract(|p| p.instance_location.starts_with("/a"));
        let r = out.finish();
        assert_eq!((r.errors, r.warnings), (1, 0));
        assert_eq!(r.problems.len(), 1);
        assert_eq!(r.problems[0].error, "z");
    }

    #[test]
    fn merged_counts_add_up() {
        let chunk = Report {
            errors: 3,
            warnings: 2,
            records: 5,
            ..Report::default()
        };
        let mut out = Problems::new(1, Some("f.ndjson".into()));
        out.add_counts(&chunk);
        out.count(Severity::Warning);
        assert!(out.keep(Problem::warning(Code::DuplicateId, "w")));
        assert!(!out.keep(Problem::warning(Code::DuplicateId, "w")));
        let r = out.finish();
        assert_eq!(
            (r.errors, r.warnings, r.records, r.problems.len()),
            (3, 3, 5, 1)
        );
        // A problem kept after a merge is placed in the file like any other.
        assert_eq!(r.problems[0].path.as_deref(), Some("f.ndjson"));
    }

    #[test]
    fn too_deep_is_the_cores_text() {
        let p = Problem::too_deep("");
        assert_eq!(p.severity, Severity::Error);
        assert_eq!(
            p.error,
            "the input nests deeper than 64 levels; no citynets document does"
        );
    }
}
