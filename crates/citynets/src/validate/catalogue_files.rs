//! Files of networks read into [`Catalogues`]: a catalogue document, a list of network
//! records (JSON or NDJSON) or a table of network records (CSV, or the first sheet of a
//! workbook), as given with `--catalogue FILE`. A file is read whole into the model's types and must be valid: the first
//! problem is reported with its place, and `citynets validate` gives all of them.
//!
//! This is apart from `catalogues.rs` because it uses the readers (format detection, the CSV
//! reader), which themselves use the catalogues in use.
//!
//! Memory: a file is read whole, at most [`MAX_FILE_BYTES`].

use std::io::Read;

use super::catalogues::Catalogues;
use super::format::Format;
use super::json;
use super::options::{MAX_FILE_BYTES, read_whole};
use crate::{Catalogue, Network};

impl Catalogues {
    /// Reads a file of networks (named `name`, whose extension may say its format) and adds
    /// them: a catalogue document, a JSON list of network records, NDJSON, or a CSV table of
    /// network records. Returns how many networks were new. The file must be valid: the
    /// error names the first problem and where it is.
    pub fn read<R: Read>(&mut self, input: R, name: &str) -> Result<usize, String> {
        let bytes = read_whole(input)
            .map_err(|e| format!("{name}: cannot read: {e}"))?
            .ok_or_else(|| {
                format!(
                    "{name}: more than {} MiB; a catalogue file is read whole",
                    MAX_FILE_BYTES >> 20
                )
            })?;
        let networks = networks_of(&bytes, name)?;
        self.add_file_name(name);
        Ok(self.add_networks(networks))
    }
}

/// The networks a file holds, read by its format.
fn networks_of(bytes: &[u8], name: &str) -> Result<Vec<Network>, String> {
    let invalid = |place: String, e: &dyn std::fmt::Display| {
        format!(
            "{name}{place}: not a valid catalogue ({e}); `citynets validate {name}` lists every problem"
        )
    };
    let format = Format::detect(Some(name), bytes);
    if format == Format::Workbook {
        return workbook(bytes, name);
    }
    if format.is_table() {
        return table(bytes, name);
    }
    let text = std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes))
        .map_err(|e| invalid(String::new(), &e))?;
    let start = text.trim_start();
    if format == Format::Ndjson || (!start.starts_with('[') && !start.starts_with('{')) {
        let mut out = Vec::new();
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let n: Network = json::read(line).map_err(|e| invalid(format!(":{}", i + 1), &e))?;
            out.push(n);
        }
        return Ok(out);
    }
    let at = |e: &json::JsonError| format!(":{}:{}", e.line(), e.column());
    if start.starts_with('[') {
        return json::read::<Vec<Network>>(text).map_err(|e| invalid(at(&e), &e));
    }
    json::read::<Catalogue>(text)
        .map(|c| c.networks.into_iter().collect())
        .map_err(|e| invalid(at(&e), &e))
}

/// The networks of a CSV table of network records.
#[cfg(feature = "csv")]
fn table(bytes: &[u8], name: &str) -> Result<Vec<Network>, String> {
    use super::csv::{CsvOptions, CsvReader};
    let mut reader = CsvReader::new(bytes, crate::DocumentKind::Network, &CsvOptions::default())
        .map_err(|e| format!("{name}: {e}"))?;
    let mut out = Vec::new();
    let mut row = 0u64;
    while let Some(record) = reader.next_record().map_err(|e| format!("{name}: {e}"))? {
        row += 1;
        let n: Network = serde_json::from_value(record.value).map_err(|e| {
            format!(
                "{name}: row {row}: not a valid network record ({e}); `citynets validate {name}` lists every problem"
            )
        })?;
        out.push(n);
    }
    Ok(out)
}

/// The networks of the first sheet of a workbook, read as a CSV table of network records.
#[cfg(feature = "workbook")]
fn workbook(bytes: &[u8], name: &str) -> Result<Vec<Network>, String> {
    let mut text = Vec::new();
    super::workbook::open_sheet(std::io::Cursor::new(bytes), None)
        .and_then(|mut sheet| sheet.write_csv(&mut text))
        .map_err(|e| format!("{name}: {e}"))?;
    table(&text, name)
}

/// Without the `workbook` feature, a workbook cannot be read.
#[cfg(not(feature = "workbook"))]
fn workbook(_bytes: &[u8], name: &str) -> Result<Vec<Network>, String> {
    Err(format!(
        "{name}: this build of citynets cannot read workbooks (it was built without the `workbook` feature)"
    ))
}

/// Without the `csv` feature, a table cannot be read.
#[cfg(not(feature = "csv"))]
fn table(_bytes: &[u8], name: &str) -> Result<Vec<Network>, String> {
    Err(format!(
        "{name}: this build of citynets cannot read tables (it was built without the `csv` feature)"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_layout_of_a_network_list_is_read() {
        let list = r#"[{"id": "study-net", "name": "Study Network"}, {"id": "eurocities", "name": "Eurocities"}]"#;
        let ndjson = "{\"id\": \"study-net\", \"name\": \"Study Network\"}\n\n{\"id\": \"study-two\", \"name\": \"Study Two\"}\n";
        let mut known = Catalogues::default();
        // Eurocities is known already (and every registry network): only the study's is new.
        assert_eq!(known.read(list.as_bytes(), "a.json"), Ok(1));
        assert_eq!(known.read(ndjson.as_bytes(), "b.ndjson"), Ok(1));
        assert!(known.knows("study-two") && known.knows("uclg"));
        let catalogue = crate::GHENT_JSON.replace("\"eurocities\"", "\"eurocities-2\"");
        assert_eq!(known.read(catalogue.as_bytes(), "ghent.json"), Ok(1));
        assert_eq!(known.files(), ["a.json", "b.ndjson", "ghent.json"]);
        let embedded = crate::registry().len(); // Ghent's networks are registry networks
        assert_eq!(known.networks().count(), embedded + 3);
    }

    #[cfg(feature = "workbook")]
    #[test]
    fn a_workbook_of_networks_is_read() {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        for (c, text) in ["id", "name", "study-net", "Study Network"]
            .iter()
            .enumerate()
        {
            let (r, c) = ((c / 2) as u32, (c % 2) as u16);
            sheet.write_string(r, c, *text).unwrap();
        }
        let bytes = book.save_to_buffer().unwrap();
        let mut known = Catalogues::default();
        assert_eq!(known.read(&bytes[..], "mine.xlsx"), Ok(1));
        assert!(known.knows("study-net"));
        let e = known.read(&b"id,name\n"[..], "bad.xlsx").unwrap_err();
        assert!(
            e.starts_with("bad.xlsx: this is not an Excel workbook"),
            "{e}"
        );
    }

    #[cfg(feature = "csv")]
    #[test]
    fn a_table_of_networks_is_read() {
        let mut known = Catalogues::default();
        let csv = "id;name;policy_areas\nstudy-net;Study Network;climate|energy\n";
        assert_eq!(known.read(csv.as_bytes(), "mine.csv"), Ok(1));
        assert!(known.knows("study-net"));
        let bad = "id,name\nC 40,C40\n";
        let e = known.read(bad.as_bytes(), "bad.csv").unwrap_err();
        assert!(
            e.starts_with("bad.csv: row 1: not a valid network record"),
            "{e}"
        );
    }

    #[test]
    fn an_invalid_file_says_where() {
        let mut known = Catalogues::default();
        let e = known
            .read(r#"[{"id": "study-net"}]"#.as_bytes(), "x.json")
            .unwrap_err();
        assert!(e.starts_with("x.json:1:20: not a valid catalogue"), "{e}");
        assert!(e.contains("`citynets validate x.json`"), "{e}");
        assert_eq!(known.files().len(), 0);
    }
}
