//! What `fix` did to one value ([`Change`]) and under which rule ([`Rule`]), and the change
//! log that records each one as a row of a CSV file ([`ChangeLog`]).
//!
//! A cell that a rule could have changed but that is not certain enough to change (a typing
//! mistake, a date whose day and month could be either, a network name that fits several
//! networks) is a change with the rule [`Rule::Left`]: its `after` is empty and its `note` says
//! why and what it might be. The log is written as the input is read, so it holds nothing in
//! memory.

use std::io::{self, Write};

/// Why a value was changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Rule {
    /// A column renamed: a spreadsheet's name for a column (`city` → `member.city`), or the
    /// column's own name in another case or with spaces (`Policy Areas` → `policy_areas`).
    Column,
    /// Spaces around a value removed.
    Whitespace,
    /// A vocabulary value written another way: another case, spaces or hyphens, a label, a
    /// Dutch or French word, a legacy term (`Full member` → `full`).
    Vocabulary,
    /// A word that only says that there is a value, without saying which (`member` as a
    /// status), removed: the field is left out.
    Unstated,
    /// A country name or a code other than ISO 3166-1 (`Belgium`, `UK`) as its code.
    Country,
    /// A network's name or acronym as the id the catalogues in use give it.
    Network,
    /// A network without an id in the catalogues in use given a slug of its name as id.
    Slug,
    /// A date as spreadsheets write it (`2015.0`, `18/11/2016`) as ISO 8601.
    Date,
    /// A whole number written with a decimal zero (`12.0`) as a whole number.
    Number,
    /// A letter case that the form requires (a language code in lower case, a Wikidata item's
    /// `Q` in upper case, or the item taken from its page's address).
    Form,
    /// A source address column's cell as a `sources` entry.
    Source,
    /// A member's city, read with its country, is one place of the gazetteer: its GeoNames
    /// id written as the member's `geonames_id`.
    City,
    /// A member's city written in the form asked (`--city-names english|local`), what was
    /// written kept in the member's `name`.
    CityName,
    /// Not changed: more than one value could be meant, or none can be told. The note says
    /// why.
    Left,
}

impl Rule {
    /// The rule's name in the change log.
    pub fn as_str(self) -> &'static str {
        match self {
            Rule::Column => "column",
            Rule::Whitespace => "whitespace",
            Rule::Vocabulary => "vocabulary",
            Rule::Unstated => "unstated",
            Rule::Country => "country",
            Rule::Network => "network",
            Rule::Slug => "slug",
            Rule::Date => "date",
            Rule::Number => "number",
            Rule::Form => "form",
            Rule::Source => "source",
            Rule::City => "city",
            Rule::CityName => "city_name",
            Rule::Left => "left",
        }
    }
}

impl std::fmt::Display for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One value changed (or left, with [`Rule::Left`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// The record, counted from 1 in every input as a validation problem's `record` is: the
    /// data row of a table (the header and blank rows not counted), the record of an NDJSON
    /// file (blank lines not counted), the element of a JSON list; 1 for a single document;
    /// 0 for a table's header.
    pub record: u64,
    /// The 1-based line of the input the value is on, when it is known (a JSON document's
    /// values are placed by `record` and `field` only).
    pub line: Option<u64>,
    /// For a table, the column as its header names it in the input.
    pub column: Option<String>,
    /// The field of the record: a dotted column name for a table (`member.country`), a JSON
    /// Pointer otherwise (`/member/country`).
    pub field: String,
    /// The value as it was.
    pub before: String,
    /// The value as it is now (empty for a value left out, and for [`Rule::Left`]).
    pub after: String,
    /// Why.
    pub rule: Rule,
    /// For [`Rule::Left`]: why the value was left, and what it might be.
    pub note: Option<String>,
}

/// The header of the change log.
pub const LOG_HEADER: [&str; 8] = [
    "record", "line", "column", "field", "before", "after", "rule", "note",
];

/// Writes changes as a CSV file, one row per change, under [`LOG_HEADER`].
pub struct ChangeLog<W: Write> {
    out: ::csv::Writer<W>,
}

impl<W: Write> ChangeLog<W> {
    /// Starts a log: writes its header.
    pub fn new(out: W) -> io::Result<Self> {
        let mut out = ::csv::Writer::from_writer(out);
        out.write_record(LOG_HEADER).map_err(io::Error::other)?;
        Ok(ChangeLog { out })
    }

    /// Writes one change.
    pub fn write(&mut self, c: &Change) -> io::Result<()> {
        let record = c.record.to_string();
        let line = c.line.map(|l| l.to_string()).unwrap_or_default();
        self.out
            .write_record([
                record.as_str(),
                line.as_str(),
                c.column.as_deref().unwrap_or_default(),
                c.field.as_str(),
                c.before.as_str(),
                c.after.as_str(),
                c.rule.as_str(),
                c.note.as_deref().unwrap_or_default(),
            ])
            .map_err(io::Error::other)
    }

    /// Flushes the log and gives back its writer.
    pub fn into_inner(self) -> io::Result<W> {
        self.out.into_inner().map_err(|e| e.into_error())
    }
}
