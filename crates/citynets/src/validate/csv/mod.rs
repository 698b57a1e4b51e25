//! CSV tables of network or membership records: one record per row, read as a stream and
//! validated against the committed schema of the record type.
//!
//! The mapping between columns and fields is derived from the committed schema, so it cannot
//! disagree with it:
//!
//! - a scalar field is a column named after it (`id`, `name`, `status`); a field of a nested
//!   object is a dotted column (`parent.relation`, `member.city`);
//! - a list of scalars is one cell with the items separated by `|` (`climate|energy`), or a
//!   JSON list (`["a|b"]`) when an item holds a `|`;
//! - a list of objects (`memberships`, `roles`, `sources`, `member_counts`…) is one cell holding
//!   the JSON list; a nested object may also be given whole as a JSON cell (`parent`);
//! - an empty cell means the field is absent;
//! - a cell is converted to the type the schema wants (integers where the schema says
//!   `integer`); a cell that cannot be converted is kept as a string, so that the schema's own
//!   verdict names the problem.
//!
//! A column the schema does not define is an `unknown_field` problem in each row that fills it,
//! as `additionalProperties: false` makes it; a JSON cell that is not JSON is a `syntax`
//! problem at that cell. The mapped record is then validated by the same engine as JSON input
//! ([`super::validate_value`]), and each problem is placed at the cell it comes
//! from: `record` is the data row (1-based, the header excluded), `line` and `column` the
//! cell's place in the file (column in Unicode code points), `column_name` the column's header
//! and `instance_location` the place within the mapped record.
//!
//! Text encodings: UTF-8 with or without a byte-order mark; UTF-16 (with a byte-order mark, or
//! recognised by its zero bytes) and Windows-1252 (what Excel's "CSV" writes on Western-European
//! Windows: recognised by a byte that is not UTF-8 in a file that has been plain ASCII up to
//! there, without zero bytes) are decoded with an `encoding` warning naming the encoding. Bytes
//! that cannot be decoded are `encoding` errors at their place. The delimiter (`,`, `;` or tab)
//! is the one the header line uses most, unless given.
//!
//! ```
//! use citynets::DocumentKind;
//! use citynets::validate::csv::{CsvOptions, validate_csv_bytes};
//! use citynets::validate::{Code, Options};
//!
//! let table = "id;name;policy_areas\neurocities;Eurocities;culture|mobilty\n";
//! let options = Options { document: Some(DocumentKind::Network), ..Options::default() };
//! let report = validate_csv_bytes(table.as_bytes(), &options, &CsvOptions::default());
//! let p = &report.problems[0];
//! assert_eq!(p.code, Code::UnknownVariant);
//! assert_eq!(p.instance_location, "/policy_areas/1");
//! assert_eq!(p.column_name.as_deref(), Some("policy_areas"));
//! assert_eq!((p.record, p.line, p.column), (Some(1), Some(2), Some(23)));
//! assert_eq!(p.suggestion.as_deref(), Some("mobility"));
//! ```

//!
//! # The files of this module
//!
//! Each file does one job, and the files form layers: a file uses only files listed before it.
//!
//! - `decode`: the text encodings, and the reader that hands out the text as UTF-8 ([`Decoded`]);
//! - `cell_text`: the text of a typed cell (a workbook's, a DataFrame's) in a table;
//! - `cell`: a JSON cell read with its repeated keys; `split`: the rows of a chunk of text
//!   split into cells without the `csv` crate (the fast reader); `place`: where cells, and
//!   values inside JSON cells, are in the file;
//! - `table`: the delimiter, the header and the rows of a table read with the `csv` crate
//!   ([`CsvOptions`]); `problems`: problems placed in a table and gathered into a report;
//!   `batch`: the engine's verdict on many records at once;
//! - `plan`: the columns of a record type, from its schema; `row`: rows read straight into the
//!   model's types (the fast path);
//! - `mapping`: rows mapped to records ([`CsvRecord`]) and checked, problems placed at cells;
//! - `chunks`: a table's text cut into chunks and checked on several threads; `writer`:
//!   records written as a table ([`CsvWriter`]);
//! - `reader`: [`CsvReader`] and [`validate_csv_reader`], which drive all of the above.

mod batch;
mod cell;
pub(crate) mod cell_text;
mod chunks;
pub(crate) mod decode;
mod mapping;
pub(crate) mod place;
pub(crate) mod plan;
mod problems;
mod reader;
mod row;
mod split;
pub(crate) mod table;
mod writer;

pub use cell_text::CellValue;
pub use decode::Decoded;
pub use mapping::CsvRecord;
pub use reader::{CsvReader, validate_csv_bytes, validate_csv_reader};
pub use table::{CsvOptions, parse_delimiter};
pub use writer::CsvWriter;

// What the wide tables (`super::wide`) share with the tables of records.
pub(in crate::validate) use batch::validate_batch;
pub(in crate::validate) use place::Place;
pub(in crate::validate) use problems::{decode_problems, missing_fields};
pub(in crate::validate) use reader::refuse_workbook;
pub(in crate::validate) use table::Table;
