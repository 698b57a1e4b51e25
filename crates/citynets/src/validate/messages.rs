//! The fixed texts of problems: those more than one reader writes (JSON, NDJSON, tables, wide
//! tables), and those the Python binding writes too.
//!
//! A text kept here is written once, so two readers that meet the same fault say the same
//! thing about it, and a change of wording is made in one place. Texts that only one reader
//! writes, and that are built from what it found, stay next to the code that finds it.

use super::MAX_DEPTH;

/// For input nested deeper than [`MAX_DEPTH`]. Build the problem itself with
/// [`Problem::too_deep`](super::Problem::too_deep).
pub fn too_deep() -> String {
    format!("the input nests deeper than {MAX_DEPTH} levels; no citynets document does")
}

/// For JSON or NDJSON input without a single byte.
pub const EMPTY_INPUT: &str = "the input is empty: expected a JSON document";

/// For a JSON document that holds nothing but whitespace.
pub const ONLY_WHITESPACE: &str = "the input holds only whitespace: expected a JSON document";

/// For NDJSON input without a record (on one thread or on several).
pub const NO_RECORDS: &str = "the input has no records: expected one JSON record per line";

/// The warning on JSON or NDJSON text that starts with a UTF-8 byte-order mark.
pub const BYTE_ORDER_MARK: &str = "the file starts with a UTF-8 byte-order mark, which JSON does not allow (RFC 8259); most tools accept it, some do not";

/// For JSON or NDJSON text in a wide encoding; `what` names it (`UTF-16 (little-endian)`,
/// `UTF-32`…).
pub fn not_utf8(what: &str) -> String {
    format!(
        "the input looks like {what}; JSON must be UTF-8 (RFC 8259) — save it as UTF-8 and try again"
    )
}

/// For a JSON document followed by more data.
pub const EXTRA_AFTER_DOCUMENT: &str =
    "extra data after the JSON document (for one record per line, use NDJSON)";

/// For an NDJSON line that holds more than one record.
pub const EXTRA_AFTER_RECORD: &str =
    "extra data after the record on this line (NDJSON holds one record per line)";

/// For an object without a field its schema requires (`required`).
pub fn missing_field(field: &str) -> String {
    format!("the required field {field:?} is missing")
}

/// For an object without a field that its value of another field requires (an `allOf` of
/// `if`/`then`): a member whose `kind` is `"region"` needs a `name`.
pub fn missing_field_when(field: &str, discriminator: &str, value: &str) -> String {
    format!(
        "the required field {field:?} is missing (required when {discriminator:?} is {value:?})"
    )
}

/// For a number written with more digits than a 64-bit float can hold (`text` as written).
pub fn number_too_large(text: &str) -> String {
    format!("the number {text} is too large to read (beyond the range of a 64-bit float)")
}

/// For a workbook (a `.xlsx`, `.xls` or `.ods` file, by its first bytes) given to a reader of
/// text: `as_what` names the format it was taken for (`JSON`, `CSV`).
pub fn workbook_as_text(as_what: &str) -> String {
    let start = format!("this is an Excel workbook (or an ODS spreadsheet), not {as_what} text");
    if cfg!(feature = "workbook") {
        format!(
            "{start}: give it a .xlsx, .xlsm, .xls or .ods name, or say that its format is workbook (`--format workbook`), to read its sheet as a table"
        )
    } else {
        format!(
            "{start}; this build of citynets cannot read workbooks (it was built without the `workbook` feature): save the sheet as CSV"
        )
    }
}

/// For a table asked to hold catalogue documents.
pub const CATALOGUE_TABLE: &str =
    "a CSV table holds network or membership records, one per row, not a catalogue document";

/// For a table of records without a header.
pub const EMPTY_TABLE: &str =
    "the input is empty: expected a header line naming the columns, then one record per row";

/// For a table of records with a header and no row.
pub const NO_ROWS: &str =
    "the table has a header but no rows: expected one record per row under it";

/// For a wide table without a header.
pub const EMPTY_WIDE_TABLE: &str = "the input is empty: expected a header line (city, country, then one column per network) and one row per city";

/// For a wide table with a header and no row.
pub const NO_WIDE_ROWS: &str =
    "the table has a header but no rows: expected one row per city under it";

/// For the rows of a table, from the one it is placed at on, that could not be checked (a bug
/// in the validator).
pub const ROWS_NOT_CHECKED: &str =
    "internal error: the rows from here on could not be checked; please report it";

/// Added to the message on a vocabulary value that says only that a value is there (a status of
/// `member`, `yes` or `x`: a member, grade not stated), whose suggestion is the empty text.
pub const UNSTATED: &str = "; it says that there is one without saying which: leave the field out (an empty cell in a table)";

/// Added to the message on a text that is not a network id when no catalogue in use knows a
/// network by it: the suggestion is then only a slug of the text.
pub const SLUG_SUGGESTED: &str = "; no catalogue in use knows a network by this name, so the suggestion is only a slug of it (give the catalogue that defines the network with --catalogue FILE)";

/// Added to the message on unknown fields or columns that are the required fields of another
/// kind of record (`kind`: `membership` or `network`).
pub fn looks_like(kind: crate::DocumentKind) -> String {
    format!(
        "; these look like {kind} records: validate them as such (`--document {kind}` on the command line, document=\"{kind}\" in Python)"
    )
}

/// What the command line says of a problem whose suggestion is the empty text.
pub const LEAVE_OUT: &str = "leave the field out (an empty cell in a table)";

/// What a country value that is not an assigned code is told, after the value (the `enum` of
/// the assigned codes has 250 values: they are not listed).
pub const NOT_A_COUNTRY: &str =
    "is not an assigned ISO 3166-1 alpha-2 country code (two capitals, such as \"BE\")";

/// Why one of the EU's own country codes (`UK`, `EL`) is refused: `iso` is ISO's.
pub fn eu_country_code(eu: &str, iso: &str) -> String {
    format!("{eu} is the EU's code; ISO 3166-1 uses {iso}")
}

/// The notice of a report cut at `--max-errors N`.
pub fn stopped_at_errors(max: u64) -> String {
    format!(
        "stopped at {max} error{} (--max-errors {max}): the problems after it are not shown, \
         and the rest of the input may not have been read; the counts cover only the part read",
        if max == 1 { "" } else { "s" }
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_texts_hold_their_parts() {
        assert!(too_deep().contains(&format!("deeper than {MAX_DEPTH} levels")));
        assert!(not_utf8("UTF-32").starts_with("the input looks like UTF-32; "));
        assert!(number_too_large("1e999").starts_with("the number 1e999 is too large"));
        let workbook = workbook_as_text("CSV");
        assert!(
            workbook.starts_with("this is an Excel workbook (or an ODS spreadsheet), not CSV text")
        );
        assert_eq!(
            workbook.contains("--format workbook"),
            cfg!(feature = "workbook"),
            "{workbook}"
        );
    }
}
