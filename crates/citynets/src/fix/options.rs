//! What a caller asks of `fix` ([`FixOptions`]): below every file of the module, so that any of
//! them can take the options without reaching up to the module that dispatches.

use crate::Fact;
use crate::validate::Options;
use crate::validate::suggest::DateOrder;

/// What to fix and how.
#[derive(Debug, Clone, Default)]
pub struct FixOptions {
    /// The validator's options: the record type (`document`, else guessed: from a table's
    /// columns, or a catalogue for a JSON object), the format (else from `path` and the first
    /// bytes), the input's name, the catalogues whose names become ids, the problems kept.
    pub validate: Options,
    /// A table's delimiter, or `None` for the one its header uses most.
    pub delimiter: Option<u8>,
    /// Which of `01/02/2015` is the day; `None` leaves such dates as they are.
    pub date_order: Option<DateOrder>,
    /// The facts a source address column supports (default: `member` in memberships).
    pub source_fields: Vec<Fact>,
    /// The name of the output, for the problems of the report on it (default: the input's).
    pub output_path: Option<String>,
    /// Which form of a member's city to write where the gazetteer knows the place (default:
    /// as written; the `geonames_id` is written either way).
    #[cfg(feature = "gazetteer")]
    pub city_names: crate::gazetteer::CityNames,
}

impl FixOptions {
    /// The default options for an input called `path` (its format taken from its name).
    pub fn for_path(path: &str) -> FixOptions {
        FixOptions {
            validate: Options {
                path: Some(path.to_owned()),
                ..Options::default()
            },
            ..FixOptions::default()
        }
    }
}
