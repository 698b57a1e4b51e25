//! The peak memory of validating a large `.xlsx` sheet stays bounded: the sheet is read a cell
//! at a time and streamed through a bounded pipe, so neither the sheet nor its CSV text is ever
//! held whole.
//!
//! This test binary counts every byte allocated (a global allocator wrapped by
//! `peakmem-alloc`), which is why it is a binary of its own with one test: no other test's
//! allocations can land in the count. The same sheet read whole with calamine's
//! `worksheet_range` is measured as well, so the test shows that the bound is one that a reader
//! holding the sheet would break.

#![cfg(feature = "workbook")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail loudly

use std::io::BufReader;

use calamine::{Reader, Xlsx};
use citynets::DocumentKind;
use citynets::validate::Options;
use citynets::validate::workbook::validate_workbook;
use peakmem_alloc::{INSTRUMENTED_SYSTEM, PeakMemAlloc, PeakMemAllocTrait};
use std::alloc::System;

#[global_allocator]
static GLOBAL: &PeakMemAlloc<System> = &INSTRUMENTED_SYSTEM;

/// Rows of the sheet: each about 600 bytes of CSV text.
const ROWS: u32 = 40_000;

/// The most the validation of the sheet may allocate at once, above what was allocated
/// before it started. Measured: 4.6 MiB, of which the pipe is 0.6 MiB and the ids the
/// validator keeps for its repeated-id check about 1.4 MiB (36 bytes a row); the sheet read
/// whole takes 26 MiB, its CSV text is 21 MB.
const BOUND: usize = 8 << 20;

#[test]
fn a_large_xlsx_sheet_is_validated_in_bounded_memory() {
    let description = "A network of cities that work together on things that matter. ".repeat(8);
    let path = std::env::temp_dir().join(format!("citynets-large-{}.xlsx", std::process::id()));
    {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        for (c, name) in ["id", "name", "description", "scope", "kind"]
            .iter()
            .enumerate()
        {
            sheet.write_string(0, c as u16, *name).unwrap();
        }
        for r in 1..=ROWS {
            // Numbers as ids (read as "1", "2"…) and one shared text for the rest, so that
            // the workbook's shared strings stay few: what is measured is the sheet's reading.
            sheet.write_number(r, 0, f64::from(r)).unwrap();
            sheet.write_string(r, 1, "Network").unwrap();
            sheet.write_string(r, 2, &description).unwrap();
            sheet.write_string(r, 3, "european").unwrap();
            sheet.write_string(r, 4, "city_network").unwrap();
        }
        book.save(&path).unwrap();
    }
    let csv_bytes = u64::from(ROWS) * (description.len() as u64 + 40);
    assert!(
        csv_bytes > 2 * BOUND as u64,
        "the sheet is too small to tell"
    );

    let options = Options {
        document: Some(DocumentKind::Network),
        threads: 1,
        ..Options::default()
    };
    GLOBAL.reset_peak_memory();
    let file = BufReader::new(std::fs::File::open(&path).unwrap());
    let report = validate_workbook(file, &options).unwrap();
    let streamed = GLOBAL.get_peak_memory();
    assert_eq!(
        report.records,
        u64::from(ROWS),
        "{:?}",
        report.problems.first()
    );
    assert!(report.is_valid(true), "{:?}", report.problems.first());

    // The same sheet read whole, as `.xls` and `.ods` sheets are.
    GLOBAL.reset_peak_memory();
    let mut book: Xlsx<_> = calamine::open_workbook(&path).unwrap();
    let range = book.worksheet_range("Sheet1").unwrap();
    let whole = GLOBAL.get_peak_memory();
    assert_eq!(range.height(), ROWS as usize + 1);
    drop((range, book));
    std::fs::remove_file(&path).unwrap();

    let mib = |n: usize| n as f64 / f64::from(1 << 20);
    eprintln!(
        "peak: {:.1} MiB streamed, {:.1} MiB read whole",
        mib(streamed),
        mib(whole)
    );
    assert!(
        streamed < BOUND,
        "validating the sheet allocated {:.1} MiB at its peak (bound {:.1} MiB)",
        mib(streamed),
        mib(BOUND)
    );
    assert!(
        whole > 2 * BOUND,
        "the sheet read whole takes {:.1} MiB: too little for the bound to mean anything",
        mib(whole)
    );
}
