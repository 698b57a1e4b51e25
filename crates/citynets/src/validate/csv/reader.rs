//! Driving a table's rows: [`CsvReader`] reads and maps them one at a time, and
//! [`validate_csv_reader`] opens the table, reads its header here and hands the rest of the
//! text to the chunked reader, then reports the verdicts in order with the repeated-id check
//! that needs the whole table.

use std::io::{self, Read};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use super::super::book::Book;
use super::super::format::{WORKBOOK_MAGIC_LEN, is_workbook, read_head};
use super::super::in_order::thread_count;
use super::super::limits::enough_errors;
use super::super::{Code, Options, Problem, Problems, Report, messages};
use super::chunks::check_table;
use super::mapping::{CheckedRow, CsvRecord, HeaderColumn, Mapping, RawRow, RowIds};
use super::place::Place;
use super::plan::Plan;
use super::problems::{decode_problems, table_error};
use super::table::{BAD_DELIMITER, CsvOptions, Table, usable_delimiter};
use crate::DocumentKind;

/// A CSV table of network or membership records, read one row at a time.
///
/// ```
/// use citynets::{DocumentKind, Network};
/// use citynets::validate::csv::{CsvOptions, CsvReader};
///
/// let table = "id,name,policy_areas\neurocities,Eurocities,culture|mobility\n";
/// let mut reader = CsvReader::new(table.as_bytes(), DocumentKind::Network, &CsvOptions::default()).unwrap();
/// let row = reader.next_record().unwrap().unwrap();
/// let network: Network = serde_json::from_value(row.value).unwrap();
/// assert_eq!(network.policy_areas.unwrap().len(), 2);
/// assert!(reader.next_record().unwrap().is_none());
/// ```
pub struct CsvReader<R: Read> {
    table: Table<R>,
    mapping: Mapping,
    /// Problems of the header line (decoding), handed out with the first row.
    pending: Vec<Problem>,
}

impl<R: Read> CsvReader<R> {
    /// Opens a table of records of `document` (network or membership) and reads its header.
    /// An `Err` means the input could not be read, or that `document` is a catalogue, which a
    /// table cannot hold.
    pub fn new(input: R, document: DocumentKind, options: &CsvOptions) -> io::Result<Self> {
        if document == DocumentKind::Catalogue {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                "a CSV table holds network or membership records, one per row, not a catalogue document",
            ));
        }
        if let Some(d) = options.delimiter
            && !usable_delimiter(d)
        {
            return Err(io::Error::new(io::ErrorKind::InvalidInput, BAD_DELIMITER));
        }
        let mut table = Table::new(input, options.delimiter)?;
        let plan = Plan::new(document);
        let header = table
            .header
            .iter()
            .map(|h| match plan.by_name.get(h) {
                Some(i) => HeaderColumn::Known(*i),
                None => HeaderColumn::Unknown,
            })
            .collect();
        let pending = decode_problems(&std::mem::take(&mut table.events), None);
        let mapping = Mapping::new(plan, table.header.clone(), header, table.delimiter);
        Ok(CsvReader {
            table,
            mapping,
            pending,
        })
    }

    /// The header's cells.
    pub fn header(&self) -> &[String] {
        &self.table.header
    }

    /// The delimiter in use.
    pub fn delimiter(&self) -> u8 {
        self.table.delimiter
    }

    /// Problems of the header line (decoding notices), once.
    pub fn take_header_problems(&mut self) -> Vec<Problem> {
        std::mem::take(&mut self.pending)
    }

    /// Reads and maps the next row that is not blank; `None` at the end.
    pub fn next_record(&mut self) -> io::Result<Option<CsvRecord>> {
        Ok(self.next_raw()?.map(|row| self.mapping.map(row)))
    }

    /// Reads the next row that is not blank, unmapped; `None` at the end.
    fn next_raw(&mut self) -> io::Result<Option<RawRow>> {
        RawRow::read(&mut self.table, &mut self.pending)
    }
}

impl RawRow {
    /// Reads the next row of `table` that is not blank; `None` at the end. Decoding problems
    /// outside the rows returned (the header's, a blank row's, the end's) go to `pending`.
    fn read<R: Read>(table: &mut Table<R>, pending: &mut Vec<Problem>) -> io::Result<Option<Self>> {
        loop {
            if !table.next_row()? {
                let events = std::mem::take(&mut table.events);
                pending.extend(decode_problems(&events, None));
                return Ok(None);
            }
            let number = table.number;
            let mut problems = decode_problems(&std::mem::take(&mut table.events), Some(number));
            if table.row_is_blank() {
                // The decoding problems of a blank row are still reported.
                if !problems.is_empty() {
                    pending.append(&mut problems);
                }
                continue;
            }
            return Ok(Some(RawRow {
                number,
                line: table.row_place().line,
                cells: table.record.clone(),
                places: std::mem::take(&mut table.places),
                problems,
                raw: std::mem::take(&mut table.raw),
                raw_line: table.raw_line,
            }));
        }
    }
}

/// Reports checked rows in order, with the warnings across rows that need the whole table
/// (from the [book](crate::validate::book), as for JSON input). `before` rows come before
/// these, whose numbers count from 1.
fn report_rows(
    rows: Vec<CheckedRow>,
    text: &RowIds,
    before: u64,
    book: &mut Book,
    out: &mut Problems,
) {
    for mut row in rows {
        row.number += before;
        let mut problems = row.problems;
        for p in &mut problems {
            if let Some(r) = p.record.as_mut() {
                *r += before;
            }
        }
        if let Some(id) = row.id {
            let what = text.use_of(&id);
            let noted = book.note(what, row.number);
            if noted.needs_place() {
                let column = what.field().trim_start_matches('/');
                let place = |p: Problem| {
                    p.at(id.place.line, id.place.column)
                        .record(Some(row.number))
                        .column_name(Some(column))
                        .instance(what.field())
                };
                problems.extend(noted.place(book, place));
            }
        }
        problems.sort_by_key(|p| (p.line, p.column));
        for p in problems {
            out.push(p);
        }
        if row.record {
            out.add_record();
        }
    }
}

/// A table's input with its first bytes read, to tell a workbook from text before the
/// decoder sees it: `Err` holds the one problem of a workbook given as a table of text.
pub(in crate::validate) fn refuse_workbook<R: Read>(
    mut input: R,
) -> io::Result<Result<impl Read, Problem>> {
    let mut head = [0u8; WORKBOOK_MAGIC_LEN];
    let len = read_head(&mut input, &mut head)?;
    if is_workbook(&head[..len]) {
        let p = Problem::error(Code::Encoding, messages::workbook_as_text("CSV")).at(1, 1);
        return Ok(Err(p));
    }
    Ok(Ok(io::Cursor::new(head).take(len as u64).chain(input)))
}

/// Validates a CSV table held in memory. See [`validate_csv_reader`].
pub fn validate_csv_bytes(input: &[u8], options: &Options, csv: &CsvOptions) -> Report {
    // Reading from memory cannot fail.
    validate_csv_reader(input, options, csv).unwrap_or_default()
}

/// Validates a CSV table of records of `options.document` (network by default, or membership)
/// read as a stream; memory does not grow with the number of rows. `options.format` is not
/// used. An `Err` means the input could not be read (not that it is invalid).
pub fn validate_csv_reader<R: Read>(
    input: R,
    options: &Options,
    csv: &CsvOptions,
) -> io::Result<Report> {
    let kind = options.document.unwrap_or(DocumentKind::Network);
    let mut out = Problems::for_options(options);
    let start = Place { line: 1, column: 1 };
    if kind == DocumentKind::Catalogue {
        out.push(table_error(start, messages::CATALOGUE_TABLE));
        return Ok(out.finish());
    }
    if let Some(d) = csv.delimiter
        && !usable_delimiter(d)
    {
        out.push(table_error(
            start,
            format!("{BAD_DELIMITER} (got byte 0x{d:02X})"),
        ));
        return Ok(out.finish());
    }
    let input = match refuse_workbook(input)? {
        Ok(input) => input,
        Err(problem) => {
            out.push(problem);
            return Ok(out.finish());
        }
    };
    let mut reader = CsvReader::new(input, kind, csv)?;
    for p in reader.take_header_problems() {
        out.push(p);
    }
    if reader.header().is_empty() {
        out.push(table_error(start, messages::EMPTY_TABLE));
        return Ok(out.finish());
    }
    // A table's rows are worth spreading whatever its size, as they always were.
    let threads = thread_count(options.threads, true);
    if !options.fast_path {
        reader.mapping.fast = None;
    }
    let CsvReader {
        table, mut mapping, ..
    } = reader;
    mapping.catalogues = options.catalogues.clone();
    let header_place = table.header_places.first().copied().unwrap_or(start);
    let (decoded, carry, offset, line) = table.into_rest();
    let mut book = Book::new(options.catalogues.clone());
    // The room left in the report, for the chunks being checked (which come after every
    // chunk reported): once it is 0, they only count.
    let room = AtomicUsize::new(
        options
            .max_problems
            .saturating_sub(out.report().problems.len()),
    );
    let keep = || room.load(Ordering::Relaxed);
    // Set once the report holds the errors `max_errors` asks for: no chunk is read after.
    let stop = AtomicBool::new(false);
    let stop_now = || stop.load(Ordering::Relaxed);
    check_table(
        (decoded, carry, offset, line),
        &mapping,
        threads,
        &keep,
        &stop_now,
        |checked, before| {
            let [errors, warnings] = checked.dropped;
            out.add_counts(&Report {
                errors,
                warnings,
                ..Report::default()
            });
            report_rows(checked.rows, &checked.ids, before, &mut book, &mut out);
            let left = options
                .max_problems
                .saturating_sub(out.report().problems.len());
            room.store(left, Ordering::Relaxed);
            if enough_errors(options, out.report().errors) {
                stop.store(true, Ordering::Relaxed);
            }
        },
    )?;
    if out.report().records == 0 {
        out.push(table_error(header_place, messages::NO_ROWS));
    }
    for p in book.finish() {
        out.push(p);
    }
    Ok(out.finish())
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::super::mapping::CheckedRow;
    use super::super::writer::CsvWriter;
    use super::*;

    /// The fast path's verdict on `row`, its raw text split as the chunked reader splits it.
    fn fast_verdict(mapping: &Mapping, row: &RawRow) -> Option<CheckedRow> {
        let text = std::str::from_utf8(&row.raw).unwrap();
        let mut splitter = super::super::split::Splitter::new(text, mapping.delimiter);
        splitter.next_record().unwrap();
        mapping.check_fast(
            row.number,
            splitter.row(),
            |n| row.places[n],
            &mut RowIds::default(),
        )
    }

    #[test]
    fn clean_rows_take_the_fast_path_and_others_do_not() {
        let mut w = CsvWriter::new(Vec::new(), DocumentKind::Network, b',').unwrap();
        for n in crate::ghent() {
            w.write(n).unwrap();
        }
        let text = w.into_inner().unwrap();
        let mut reader =
            CsvReader::new(&text[..], DocumentKind::Network, &CsvOptions::default()).unwrap();
        assert!(reader.mapping.fast.is_some());
        let mut clean = 0;
        while let Some(row) = reader.next_raw().unwrap() {
            let done = fast_verdict(&reader.mapping, &row);
            let done = done.unwrap_or_else(|| panic!("row {} is clean", row.number));
            assert!(done.problems.is_empty() && done.id.is_some());
            clean += 1;
        }
        assert_eq!(clean, crate::ghent().len());

        // A wrong value, a filled unknown column, a cell past the header: the slow path.
        let table =
            "id,name,kind,extra\nx-net,X,pledg,\nx-net,X,,1\nx-net,X,,,2\nx-net,X,pledge,\n";
        let mut reader = CsvReader::new(
            table.as_bytes(),
            DocumentKind::Network,
            &CsvOptions::default(),
        )
        .unwrap();
        let mut verdicts = Vec::new();
        while let Some(row) = reader.next_raw().unwrap() {
            verdicts.push(fast_verdict(&reader.mapping, &row).is_some());
        }
        assert_eq!(verdicts, [false, false, false, true]);

        // Quotes inside a scalar cell, a `|` list cell and the strings of a JSON cell: the
        // fast path reads each quoted cell as it is in the text, and gets the record the
        // mapping builds.
        let mut w = CsvWriter::new(Vec::new(), DocumentKind::Network, b',').unwrap();
        let first = crate::ghent().iter().next().unwrap();
        let mut record = serde_json::to_value(first).unwrap();
        record["name"] = serde_json::json!("The \"quoted\" network");
        record["secretariat"] = serde_json::json!({"city": "Ghent", "country": "BE",
            "other_offices": ["Office \"A\"", "Liège"]});
        record["memberships"][0]["note"] =
            serde_json::json!("Joined \"early\", by a vote; a \\ too");
        w.write_value(&record).unwrap();
        let text = w.into_inner().unwrap();
        assert!(
            text.windows(6).any(|w| w == b"\\\"\"ear"),
            "a JSON-escaped quote"
        );
        let mut reader =
            CsvReader::new(&text[..], DocumentKind::Network, &CsvOptions::default()).unwrap();
        let row = reader.next_raw().unwrap().unwrap();
        assert!(fast_verdict(&reader.mapping, &row).is_some());
        let raw = std::str::from_utf8(&row.raw).unwrap();
        let mut splitter = super::super::split::Splitter::new(raw, b',');
        splitter.next_record().unwrap();
        let shape = reader.mapping.fast.as_ref().unwrap();
        let fast: crate::Network = shape.read(splitter.row()).unwrap();
        let mapped = reader.mapping.map(row).value;
        assert_eq!(serde_json::to_value(&fast).unwrap(), mapped);
        assert_eq!(fast.name.as_str(), "The \"quoted\" network");

        // A column named twice, or a whole-object column beside its dotted columns: never.
        for header in ["id,name,id", "id,name,parent,parent.relation"] {
            let reader = CsvReader::new(
                header.as_bytes(),
                DocumentKind::Network,
                &CsvOptions::default(),
            )
            .unwrap();
            assert!(reader.mapping.fast.is_none(), "{header}");
        }
    }

    /// Columns far to the right: the catalogue's records, moved 70 columns to the right by
    /// empty unknown columns, take the fast path as they do in place, and give the record the
    /// mapping builds.
    #[test]
    fn records_far_to_the_right_are_read_as_in_place() {
        let mut w = CsvWriter::new(Vec::new(), DocumentKind::Network, b',').unwrap();
        for n in crate::ghent().iter() {
            w.write_value(&serde_json::to_value(n).unwrap()).unwrap();
        }
        let text = w.into_inner().unwrap();
        let mut wide = ::csv::Writer::from_writer(Vec::new());
        for (i, record) in ::csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(&text[..])
            .records()
            .enumerate()
        {
            let record = record.unwrap();
            let header = i == 0;
            let blank = (0..70).map(|i| {
                if header {
                    format!("x{i}")
                } else {
                    String::new()
                }
            });
            wide.write_record(blank.chain(record.iter().map(String::from)))
                .unwrap();
        }
        let wide = wide.into_inner().unwrap();
        let rows = |table: &[u8]| {
            let mut reader =
                CsvReader::new(table, DocumentKind::Network, &CsvOptions::default()).unwrap();
            let mut out = Vec::new();
            while let Some(row) = reader.next_raw().unwrap() {
                let fast = fast_verdict(&reader.mapping, &row).is_some();
                let raw = std::str::from_utf8(&row.raw).unwrap().to_owned();
                let read = fast.then(|| {
                    let mut splitter = super::super::split::Splitter::new(&raw, b',');
                    splitter.next_record().unwrap();
                    let shape = reader.mapping.fast.as_ref().unwrap();
                    let n: crate::Network = shape.read(splitter.row()).unwrap();
                    serde_json::to_value(&n).unwrap()
                });
                let mapped = reader.mapping.map(row).value;
                out.push((fast, read, mapped));
            }
            out
        };
        let (narrow, wide) = (rows(&text), rows(&wide));
        assert_eq!(narrow.len(), crate::ghent().len());
        let mut nested = 0;
        for ((fast, _, mapped), (wide_fast, read, wide_mapped)) in narrow.iter().zip(&wide) {
            assert_eq!((fast, mapped), (wide_fast, wide_mapped));
            if let Some(read) = read {
                assert_eq!(read, wide_mapped);
                nested += usize::from(
                    ["secretariat", "parent", "classification"]
                        .iter()
                        .any(|k| read.get(k).is_some()),
                );
            }
        }
        // Most records take the fast path, many of them with nested objects.
        assert!(nested > 10, "{nested}");
    }
}
