//! CSV tables: the round trip of the Ghent catalogue (write → validate → read back into the
//! same values), the conversions of cells, and the places of problems.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail loudly

use citynets::validate::csv::{CsvOptions, CsvReader, CsvWriter, validate_csv_bytes};
use citynets::validate::{Code, Options, Report, Severity};
use citynets::{DocumentKind, Membership, Network};

fn networks_csv(delimiter: u8) -> Vec<u8> {
    let mut w = CsvWriter::new(Vec::new(), DocumentKind::Network, delimiter).unwrap();
    for n in citynets::ghent() {
        w.write(n).unwrap();
    }
    w.into_inner().unwrap()
}

fn options(kind: DocumentKind) -> Options {
    Options {
        document: Some(kind),
        ..Options::default()
    }
}

fn check(table: &str, kind: DocumentKind) -> Report {
    validate_csv_bytes(table.as_bytes(), &options(kind), &CsvOptions::default())
}

fn read_back(bytes: &[u8]) -> Vec<Network> {
    let mut reader = CsvReader::new(bytes, DocumentKind::Network, &CsvOptions::default()).unwrap();
    let mut out = Vec::new();
    while let Some(row) = reader.next_record().unwrap() {
        assert_eq!(row.problems, vec![], "row {}", row.number);
        out.push(serde_json::from_value(row.value).unwrap());
    }
    out
}

#[test]
fn the_catalogue_survives_a_round_trip_through_csv() {
    for delimiter in [b',', b';', b'\t'] {
        let bytes = networks_csv(delimiter);
        let report = validate_csv_bytes(
            &bytes,
            &options(DocumentKind::Network),
            &CsvOptions::default(),
        );
        assert_eq!(report.problems, vec![], "delimiter {:?}", delimiter as char);
        assert_eq!(report.records, 38);
        let back = read_back(&bytes);
        let ghent: Vec<Network> = citynets::ghent().iter().cloned().collect();
        assert_eq!(back, ghent, "delimiter {:?}", delimiter as char);
    }
}

#[test]
fn the_export_has_one_row_per_network_with_memberships_as_json() {
    let text = String::from_utf8(networks_csv(b',')).unwrap();
    let mut reader = csv::ReaderBuilder::new().from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(&header[..3], ["id", "name", "acronym"]);
    for column in [
        "parent.relation",
        "secretariat.city",
        "classification.basis",
        "policy_areas",
        "memberships",
        "member_counts",
        "sources",
    ] {
        assert!(header.iter().any(|h| h == column), "{column}: {header:?}");
    }
    let at = |name: &str| header.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 38);
    let eurocities = rows.iter().find(|r| &r[0] == "eurocities").unwrap();
    let memberships: Vec<Membership> =
        serde_json::from_str(&eurocities[at("memberships")]).unwrap();
    assert_eq!(
        memberships,
        citynets::ghent()
            .by_id("eurocities")
            .unwrap()
            .memberships
            .to_vec()
    );
    let bgts = rows.iter().find(|r| &r[0] == "bgts").unwrap();
    assert_eq!(
        &bgts[at("policy_areas")],
        "cross_border_cooperation|economy|mobility"
    );
    // Excel keeps at most 32,767 characters in a cell.
    for row in &rows {
        for cell in row {
            assert!(cell.chars().count() < 32_767, "{}", &row[0]);
        }
    }
}

#[test]
fn memberships_survive_a_round_trip_too() {
    let mut w = CsvWriter::new(Vec::new(), DocumentKind::Membership, b';').unwrap();
    let mut all = Vec::new();
    for n in citynets::ghent() {
        for m in n.memberships.iter() {
            w.write(m).unwrap();
            all.push(m.clone());
        }
    }
    let bytes = w.into_inner().unwrap();
    let text = String::from_utf8(bytes.clone()).unwrap();
    assert!(text.starts_with(
        "organization_id;member.kind;member.city;member.country;member.geonames_id;member.name;"
    ));
    let report = validate_csv_bytes(
        &bytes,
        &options(DocumentKind::Membership),
        &CsvOptions::default(),
    );
    assert_eq!(report.errors, 0, "{:#?}", report.problems);
    let mut reader = CsvReader::new(
        bytes.as_slice(),
        DocumentKind::Membership,
        &CsvOptions::default(),
    )
    .unwrap();
    let mut back = Vec::new();
    while let Some(row) = reader.next_record().unwrap() {
        back.push(serde_json::from_value::<Membership>(row.value).unwrap());
    }
    assert_eq!(back, all);
}

#[test]
fn a_list_item_with_a_bar_is_written_as_a_json_list() {
    let mut n = citynets::ghent().by_id("polis").unwrap().clone();
    let secretariat = n.secretariat.as_mut().unwrap();
    secretariat.other_offices = serde_json::from_str(r#"["Gent | Ghent", " Antwerp"]"#).unwrap();
    let mut w = CsvWriter::new(Vec::new(), DocumentKind::Network, b',').unwrap();
    w.write(&n).unwrap();
    let bytes = w.into_inner().unwrap();
    assert_eq!(read_back(&bytes), vec![n]);
}

#[test]
fn cells_are_converted_to_what_the_schema_wants() {
    // `count` is an integer inside a JSON cell; `|` lists may have spaces around items.
    let table = "id,name,policy_areas,member_counts\n\
                 x,X,climate | energy,\"[{\"\"count\"\": 12, \"\"qualifier\"\": \"\"exact\"\", \"\"source\"\": \"\"https://x.org\"\"}]\"\n";
    let report = check(table, DocumentKind::Network);
    assert_eq!(report.problems, vec![]);
    let mut reader = CsvReader::new(
        table.as_bytes(),
        DocumentKind::Network,
        &CsvOptions::default(),
    )
    .unwrap();
    let row = reader.next_record().unwrap().unwrap();
    assert_eq!(row.value["policy_areas"][1], "energy");
    assert_eq!(row.value["member_counts"][0]["count"], 12);
    // A whole nested object as a JSON cell, and as dotted columns.
    let table = "id,name,parent,secretariat.city\nx,X,\"{\"\"name\"\": \"\"P\"\", \"\"relation\"\": \"\"part_of\"\", \"\"source\"\": \"\"https://p.org\"\"}\",Ghent\n";
    assert_eq!(check(table, DocumentKind::Network).problems, vec![]);
}

#[test]
fn an_empty_cell_is_an_absent_field() {
    let report = check("id,name,acronym\neurocities,,\n", DocumentKind::Network);
    assert_eq!(report.errors, 1);
    let p = &report.problems[0];
    assert_eq!(p.code, Code::MissingField);
    assert_eq!(p.column_name.as_deref(), Some("name"));
    assert_eq!((p.line, p.column), (Some(2), Some(12)));
    // Without the column, the problem is at the row's start and says so.
    let report = check("id,acronym\neurocities,X\n", DocumentKind::Network);
    let p = &report.problems[0];
    assert_eq!(p.code, Code::MissingField);
    assert_eq!(p.column_name, None);
    assert_eq!((p.line, p.column), (Some(2), Some(1)));
    assert!(p.error.contains("no \"name\" column"), "{}", p.error);
}

#[test]
fn the_member_of_a_membership_row_is_checked_field_by_field() {
    let report = check(
        "organization_id,member.kind,member.city,member.country\neurocities,city,,be\n",
        DocumentKind::Membership,
    );
    let got: Vec<(Code, Option<&str>, Option<u64>)> = report
        .problems
        .iter()
        .map(|p| (p.code, p.column_name.as_deref(), p.column))
        .collect();
    assert_eq!(
        got,
        vec![
            (Code::MissingField, Some("member.city"), Some(17)),
            (Code::UnknownVariant, Some("member.country"), Some(18)),
        ]
    );
    assert_eq!(report.problems[1].suggestion.as_deref(), Some("BE"));
}

#[test]
fn rows_and_cells_are_placed_in_the_file() {
    // A quoted cell over two lines: the next row starts on line 4.
    let table = "id,name,scope\n\"eccar\",\"European Coalition\nof Cities\",european\nx,X,Europe\n";
    let report = check(table, DocumentKind::Network);
    assert_eq!(report.records, 2);
    let p = &report.problems[0];
    assert_eq!((p.record, p.line, p.column), (Some(2), Some(4), Some(5)));
    // Blank rows (Excel's `,,`) are skipped but counted in the row numbers.
    let report = check("id,name,scope\n,,\nx,X,Europe\n", DocumentKind::Network);
    assert_eq!(report.records, 1);
    assert_eq!(report.problems[0].record, Some(2));
    assert_eq!(report.problems[0].line, Some(3));
}

#[test]
fn problems_of_the_table_itself() {
    let empty = check("", DocumentKind::Network);
    assert_eq!(empty.problems[0].code, Code::Syntax);
    assert!(empty.problems[0].error.contains("empty"));
    let header_only = check("id,name\n", DocumentKind::Network);
    assert!(header_only.problems[0].error.contains("no rows"));
    let extra = check("id,name\nx,X,surplus\n", DocumentKind::Network);
    assert_eq!(extra.problems[0].code, Code::Syntax);
    assert_eq!(extra.problems[0].column, Some(5));
    // Trailing empty cells are what spreadsheets write: no problem.
    assert_eq!(
        check("id,name\nx,X,,\n", DocumentKind::Network).problems,
        vec![]
    );
    let twice = check("id,name,name\nx,X,Y\n", DocumentKind::Network);
    assert_eq!(twice.problems[0].code, Code::DuplicateKey);
    assert_eq!(twice.problems[0].severity, Severity::Warning);
    assert_eq!(twice.problems[0].column, Some(5));
    let catalogue = check("id,name\nx,X\n", DocumentKind::Catalogue);
    assert!(!catalogue.is_valid(false));
    let ids = check("id,name\nx,X\nx,Y\n", DocumentKind::Network);
    assert_eq!(ids.problems[0].code, Code::DuplicateId);
    assert_eq!(ids.problems[0].record, Some(2));
    // The warning names the id and its first row, whichever way each row was checked (the
    // rows with a wrong kind go the slow way, the others the fast way).
    let table = "id,name,kind\nb-net,B,\na-net,A,pledg\nb-net,B2,\na-net,A2,\nc-net,C,\n";
    let repeated: Vec<(Option<u64>, String)> = check(table, DocumentKind::Network)
        .problems
        .into_iter()
        .filter(|p| p.code == Code::DuplicateId)
        .map(|p| (p.record, p.error))
        .collect();
    assert_eq!(
        repeated,
        [
            (
                Some(3),
                "the network id \"b-net\" is already used by record 1".to_owned()
            ),
            (
                Some(4),
                "the network id \"a-net\" is already used by record 2".to_owned()
            ),
        ]
    );
}

#[test]
fn the_delimiter_can_be_given() {
    let table = "id;name\nx;X\n";
    let report = validate_csv_bytes(
        table.as_bytes(),
        &options(DocumentKind::Network),
        &CsvOptions {
            delimiter: Some(b','),
        },
    );
    // Read with commas, "id;name" is one unknown column and the required fields are missing.
    assert!(report.problems.iter().any(|p| p.code == Code::UnknownField));
    assert!(!report.is_valid(false));
}

#[test]
fn a_long_table_is_read_as_a_stream() {
    // 20,000 rows made as they are read.
    struct Rows(u32, Vec<u8>);
    impl std::io::Read for Rows {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            if self.1.is_empty() && self.0 > 0 {
                self.0 -= 1;
                self.1 = format!("net-{},Network {},climate|energy\n", self.0, self.0).into_bytes();
            }
            let n = self.1.len().min(buf.len());
            buf[..n].copy_from_slice(&self.1[..n]);
            self.1.drain(..n);
            Ok(n)
        }
    }
    let input = Rows(20_000, b"id,name,policy_areas\n".to_vec());
    let report = citynets::validate::csv::validate_csv_reader(
        input,
        &options(DocumentKind::Network),
        &CsvOptions::default(),
    )
    .unwrap();
    assert_eq!(report.records, 20_000);
    assert_eq!(report.problems, vec![]);
}

#[test]
fn a_key_given_twice_in_a_json_cell_is_warned_about_as_in_json() {
    // The same record as a CSV row and as an NDJSON line: a key twice in an object of a JSON
    // cell (the first value wrong, the last one right).
    let cell = r#"[{"count": -5, "date": "2023", "unit": "cities", "source": "https://x.example/", "count": 12}]"#;
    let table = format!(
        "id,name,member_counts\nx-net,X,\"{}\"\n",
        cell.replace('"', "\"\"")
    );
    let line = format!(r#"{{"id": "x-net", "name": "X", "member_counts": {cell}}}"#);
    let csv = check(&table, DocumentKind::Network);
    let json = citynets::validate::validate_bytes(line.as_bytes(), &options(DocumentKind::Network));
    let warnings = |r: &Report| -> Vec<(Code, String, String)> {
        r.problems
            .iter()
            .map(|p| (p.code, p.instance_location.clone(), p.error.clone()))
            .collect()
    };
    assert_eq!(warnings(&csv), warnings(&json));
    assert_eq!(
        warnings(&csv),
        [(
            Code::DuplicateKey,
            "/member_counts/0/count".to_owned(),
            "the key \"count\" appears twice in this object; the last value is the one validated"
                .to_owned()
        )]
    );
    // Placed at the value that counts (the last), inside the cell.
    let at = table.lines().nth(1).unwrap().find("12}]").unwrap() as u64 + 1;
    assert_eq!(
        (csv.problems[0].line, csv.problems[0].column),
        (Some(2), Some(at))
    );
    assert_eq!(
        csv.problems[0].column_name.as_deref(),
        Some("member_counts")
    );
}

#[test]
fn repeated_keys_in_a_json_cell_are_counted_as_in_json() {
    let same = |cell: &str| {
        let table = format!(
            "id,name,member_counts\nx-net,X,\"{}\"\n",
            cell.replace('"', "\"\"")
        );
        let line = format!(r#"{{"id": "x-net", "name": "X", "member_counts": {cell}}}"#);
        let csv = check(&table, DocumentKind::Network);
        let json =
            citynets::validate::validate_bytes(line.as_bytes(), &options(DocumentKind::Network));
        // The same problems; a row's are in the order of their places in the file.
        let shown = |r: &Report| -> Vec<(String, String)> {
            let mut all: Vec<(String, String)> = r
                .problems
                .iter()
                .map(|p| (format!("{:?}", p.code), p.instance_location.clone()))
                .collect();
            all.sort();
            all
        };
        assert_eq!(shown(&csv), shown(&json), "{cell}");
        assert_eq!(
            (csv.errors, csv.warnings),
            (json.errors, json.warnings),
            "{cell}"
        );
        shown(&csv).len()
    };
    let base = r#""date": "2023", "unit": "cities", "source": "https://x.example/""#;
    // Three times; a repeat inside a value that is then replaced; a repeat inside the value
    // that replaces.
    assert_eq!(
        same(&format!(
            r#"[{{"count": 1, {base}, "count": 2, "count": 12}}]"#
        )),
        1
    );
    assert_eq!(
        same(&format!(
            r#"[{{"count": 1, {base}, "x": {{"a": 1, "a": 2}}, "x": 3}}]"#
        )),
        2
    );
    assert_eq!(
        same(&format!(
            r#"[{{"count": 1, {base}, "x": 1, "x": {{"a": 1, "a": 2}}}}]"#
        )),
        3
    );
}

#[test]
fn a_problem_inside_a_json_cell_is_placed_at_its_value() {
    // The wrong count is on the second line of the cell, after a doubled quote.
    let table = "id,name,member_counts\nx-net,X,\"[{\"\"count\"\": 10, \"\"date\"\": \"\"2023\"\", \"\"unit\"\": \"\"cities\"\", \"\"source\"\": \"\"https://x.example/\"\"},\n {\"\"count\"\": -1, \"\"date\"\": \"\"2024\"\", \"\"unit\"\": \"\"cities\"\", \"\"source\"\": \"\"https://x.example/\"\"}]\"\n";
    let report = check(table, DocumentKind::Network);
    assert_eq!(report.errors, 1, "{:?}", report.problems);
    let p = &report.problems[0];
    assert_eq!(p.instance_location, "/member_counts/1/count");
    assert_eq!((p.line, p.column), (Some(3), Some(14)));
    let line = table.lines().nth(2).unwrap();
    assert!(line[13..].starts_with("-1"), "{line}");
    // A field missing from an object of the cell: placed at that object.
    let table = "id,name,member_counts\nx-net,X,\"[{\"\"count\"\": 10, \"\"date\"\": \"\"2023\"\", \"\"unit\"\": \"\"cities\"\"}]\"\n";
    let report = check(table, DocumentKind::Network);
    let p = &report.problems[0];
    assert_eq!(p.code, Code::MissingField, "{:?}", report.problems);
    assert_eq!((p.line, p.column), (Some(2), Some(11)));
    assert!(table.lines().nth(1).unwrap()[10..].starts_with("{"));
}
