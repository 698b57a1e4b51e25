//! `fix` on arbitrary bytes, read as a table, NDJSON and JSON: it never panics, fixing its own
//! output changes nothing, and a table keeps its rows. The same promises are checked over the
//! committed corpus (`fuzz/corpus/fix/`) by `crates/citynets/tests/fix.rs` in every test run.

#![no_main]

use citynets::fix::{FixOptions, Rule, fix_bytes};
use libfuzzer_sys::fuzz_target;

fn rows(text: &[u8]) -> usize {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text)
        .records()
        .count()
}

fuzz_target!(|data: &[u8]| {
    for path in ["fuzz.csv", "fuzz.ndjson", "fuzz.json"] {
        let options = FixOptions::for_path(path);
        let once = fix_bytes(data, &options);
        if once.outcome.format.is_none() {
            // Not readable as this format at all (a JSON document that is not JSON).
            continue;
        }
        let twice = fix_bytes(&once.output, &options);
        assert_eq!(twice.output, once.output, "{path}: fixing twice");
        assert!(
            twice.changes.iter().all(|c| c.rule == Rule::Left),
            "{path}: {:?}",
            twice.changes
        );
        if path.ends_with(".csv") && std::str::from_utf8(data).is_ok() && !data.contains(&b'\r') {
            // Comma-separated text that needs no decoding: the same number of records.
            let delimited = data.iter().position(|b| *b == b'\n').map_or(data, |n| &data[..n]);
            if !delimited.contains(&b';') && !delimited.contains(&b'\t') {
                assert_eq!(rows(&once.output), rows(data), "{path}: rows");
            }
        }
    }
});
