//! Repair of third-party data: the changes that are certain, applied; the rest left, with a
//! note, for a person.
//!
//! [`fix`] reads a table (CSV or TSV), a JSON document or NDJSON, writes it back in the same
//! format with every value that one meaning makes certain put in the model's form, logs each
//! change ([`Change`]), and validates what it wrote, so that the [`FixedBytes`] it returns holds the
//! problems that remain. It never invents a fact:
//!
//! - columns: a spreadsheet's name for a column (`city`, `Land`, `réseau`, `Member since`) or
//!   the column's own name in another case; a column of source addresses becomes `sources`,
//!   one entry per row supporting the membership (`--source-fields` to say more);
//! - values: vocabulary values written another way (`Full`, `klimaat`), words that only say
//!   there is a value (`member` as a status: left out), country names and non-ISO codes
//!   (`Belgium`, `UK`), network names and acronyms the catalogues in use know (their id), dates
//!   as spreadsheets write them (`2015.0`, `18/11/2016`; `01/02/2015` only with a
//!   [`DateOrder`]), whole numbers with a decimal zero, spaces around values;
//! - a table of networks without ids gets an `id` column: the catalogue's id where it knows
//!   the name, a slug of the name otherwise;
//! - with the gazetteer (feature `gazetteer`), a member's city that is one place, read with
//!   its country, gets its `geonames_id` (a table of memberships gets the column), and its
//!   name is written in the form asked ([`FixOptions::city_names`]), what was written kept in
//!   the member's `name`: see `city.rs`.
//!
//! A typing mistake, a date whose day and month could be either, a name that fits several
//! networks or none: left as it is, logged with the rule [`Rule::Left`] and a note. A value
//! the schema accepts is never changed (spaces aside), every row and cell is kept (an unknown
//! column stays, and stays reported), and fixing a fixed file changes nothing.
//!
//! Memory: a table and NDJSON are fixed one row at a time and their output validated as it is
//! written (through a bounded pipe to the validator on another thread), so memory does not
//! grow with their length; a JSON document is read whole, up to
//! [`MAX_FILE_BYTES`](crate::validate::MAX_FILE_BYTES).
//!
//! ```
//! use citynets::fix::{FixOptions, fix_bytes, Rule};
//!
//! let table = "city,country,network,status,year\nGent,Belgium,Eurocities,member,2015.0\n";
//! let fixed = fix_bytes(table.as_bytes(), &FixOptions::for_path("members.csv"));
//! let out = String::from_utf8(fixed.output).unwrap();
//! assert!(out.starts_with("member.city,member.country,organization_id,status,start_date"));
//! assert!(out.contains("\nGent,BE,eurocities,,2015"));
//! // With the gazetteer (feature `gazetteer`), the city's identity is added in a last column:
//! // `member.geonames_id`, 2797656 for Ghent.
//! let rules: Vec<Rule> = fixed.changes.iter().map(|c| c.rule).collect();
//! assert!(rules.contains(&Rule::Country) && rules.contains(&Rule::Network));
//! // What remains: the member's kind, which the table does not say.
//! let remains = &fixed.outcome.report.problems;
//! assert!(remains.iter().any(|p| p.error.contains("required field \"kind\"")));
//! ```

mod change;
#[cfg(feature = "gazetteer")]
mod city;
mod columns;
mod options;
mod records;
mod table;
mod value;

pub use crate::validate::suggest::DateOrder;
pub use change::{Change, ChangeLog, LOG_HEADER, Rule};
pub use options::FixOptions;
pub use table::HOLD;

use std::io::{self, BufRead, BufReader, Read, Write};

use crate::DocumentKind;
use crate::validate::csv::CsvOptions;
use crate::validate::frame::{Columns, FRAME_CSV, FrameText, unplace};
use crate::validate::pipe::{self, PipeWriter, pipe};
use crate::validate::{Format, Options, Report, validate_input};

/// What fixing one input did and what remains.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outcome {
    /// The record type the input was read as.
    pub document: Option<DocumentKind>,
    /// The format written: the format read, or CSV for a workbook.
    pub format: Option<Format>,
    /// Records read (a table's rows, blank ones included; the records of a JSON list or of
    /// NDJSON; 1 for a catalogue document).
    pub records: u64,
    /// Values changed.
    pub changed: u64,
    /// Values left for a person ([`Rule::Left`]).
    pub left: u64,
    /// The validation of the output: the problems that remain.
    pub report: Report,
}

/// [`fix`] of an input held in memory, with the output and the changes kept.
#[derive(Debug, Clone, Default)]
pub struct FixedBytes {
    /// The fixed input.
    pub output: Vec<u8>,
    /// Every change, in the order made.
    pub changes: Vec<Change>,
    /// The counts and the report on the output.
    pub outcome: Outcome,
}

/// Fixes an input held in memory. An input that cannot be read at all (a JSON document that
/// is not JSON) gives the error as the report's one problem.
pub fn fix_bytes(input: &[u8], options: &FixOptions) -> FixedBytes {
    let mut output = Vec::new();
    let mut changes = Vec::new();
    let outcome = fix(input, &mut output, options, |c| {
        changes.push(c.clone());
        Ok(())
    });
    let outcome = outcome.unwrap_or_else(|e| Outcome {
        report: unreadable(&e, options),
        ..Outcome::default()
    });
    FixedBytes {
        output,
        changes,
        outcome,
    }
}

/// Fixes a DataFrame as the table of its cells (see [`validate::frame`](crate::validate::frame)):
/// the fixed table is written to `output` as CSV text (`,` between cells), each change handed
/// to `log`. Changes and problems have no line or column: the frame's rows are its records.
/// `options.validate.format`, `path` and `delimiter` are not used. An `Err` is the error the
/// caller's [`Columns::read`] gave, or a failure to write or to log.
pub fn fix_frame<W: Write>(
    columns: impl Columns,
    output: W,
    options: &FixOptions,
    mut log: impl FnMut(&Change) -> io::Result<()>,
) -> io::Result<Outcome> {
    let options = FixOptions {
        validate: Options {
            format: Some(Format::Csv),
            path: None,
            ..options.validate.clone()
        },
        delimiter: FRAME_CSV.delimiter,
        output_path: None,
        ..options.clone()
    };
    let mut outcome = fix(FrameText::new(columns), output, &options, |c| {
        let mut c = c.clone();
        c.line = None;
        log(&c)
    })?;
    unplace(&mut outcome.report);
    Ok(outcome)
}

/// The report of an input `fix` could not read.
fn unreadable(e: &io::Error, options: &FixOptions) -> Report {
    use crate::validate::{Code, Problem};
    let p = Problem::error(Code::Syntax, e.to_string()).path(options.validate.path.clone());
    Report {
        problems: vec![p],
        errors: 1,
        ..Report::default()
    }
}

/// Fixes `input`, writes the result to `output` and hands each change to `log` (in input
/// order), then returns the counts and the validation of what was written. An `Err` means
/// the input could not be read or written (a JSON document that is not JSON, a disk full),
/// or that `log` failed.
pub fn fix<R: Read, W: Write>(
    input: R,
    output: W,
    options: &FixOptions,
    mut log: impl FnMut(&Change) -> io::Result<()>,
) -> io::Result<Outcome> {
    let mut input = BufReader::with_capacity(64 * 1024, input);
    let path = options.validate.path.as_deref();
    let format = match options.validate.format {
        Some(f) => f,
        None => Format::detect(path, input.fill_buf()?),
    };
    let mut changed = 0;
    let mut left = 0;
    let mut counted = |c: &Change| {
        if c.rule == Rule::Left {
            left += 1;
        } else {
            changed += 1;
        }
        log(c)
    };
    let (tx, rx) = std::sync::mpsc::channel::<(DocumentKind, Option<u8>)>();
    let (writer, reader) = pipe();
    let mut tee = Tee {
        out: output,
        check: Some(writer),
    };
    // A workbook is written as CSV.
    let written = match format {
        Format::Workbook => Format::Csv,
        other => other,
    };
    let validate = |(kind, delimiter): (DocumentKind, Option<u8>)| {
        let vopts = Options {
            document: Some(kind),
            format: Some(written),
            path: options
                .output_path
                .clone()
                .or_else(|| options.validate.path.clone()),
            ..options.validate.clone()
        };
        validate_input(reader, &vopts, &CsvOptions { delimiter })
    };
    let check = move || rx.recv().ok().map(validate);
    // The fixing side owns the pipe's writing end (in `tee`): should it panic (in `log`, the
    // caller's code), the end is dropped as it unwinds, so the validator sees the text end
    // and stops, rather than wait for text forever.
    let fix = move || {
        // The validator starts as soon as the kind of record is known, before any output.
        let mut ready = |kind: DocumentKind, delimiter: Option<u8>| {
            let _ = tx.send((kind, delimiter));
        };
        let fixed = match format {
            Format::Csv => {
                table::fix_table(&mut input, &mut tee, options, &mut ready, &mut counted)
            }
            Format::Json => {
                records::fix_document(&mut input, &mut tee, options, &mut ready, &mut counted)
            }
            Format::Ndjson => {
                records::fix_lines(&mut input, &mut tee, options, &mut ready, &mut counted)
            }
            #[cfg(feature = "workbook")]
            Format::Workbook => {
                table::fix_workbook(&mut input, &mut tee, options, &mut ready, &mut counted)
            }
            #[cfg(not(feature = "workbook"))]
            Format::Workbook => Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                "this build of citynets cannot read workbooks (it was built without the `workbook` feature)",
            )),
            Format::MembershipWide => Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                "fix does not read wide membership tables; convert it first (citynets convert-wide)",
            )),
        };
        drop(tx);
        let _ = tee.flush();
        // Closes the pipe: the validator reads to its end.
        drop(tee);
        fixed
    };
    let (fixed, report) = pipe::beside(check, fix);
    let (kind, records) = fixed?;
    let report = match report {
        Some(Some(report)) => report?,
        // The validator never started: no record was written.
        Some(None) => Report::default(),
        None => {
            return Err(io::Error::other(
                "the validation of the fixed output stopped unexpectedly; run validate on the output",
            ));
        }
    };
    Ok(Outcome {
        document: Some(kind),
        format: Some(written),
        records,
        changed,
        left,
        report,
    })
}

/// Writes to the output and to the validator; a validator that stopped reading is not an
/// error of the output.
struct Tee<W: Write> {
    out: W,
    check: Option<PipeWriter>,
}

impl<W: Write> Write for Tee<W> {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        self.out.write_all(data)?;
        if let Some(check) = &mut self.check
            && check.write_all(data).is_err()
        {
            self.check = None;
        }
        Ok(data.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if let Some(check) = &mut self.check {
            let _ = check.flush();
        }
        self.out.flush()
    }
}
