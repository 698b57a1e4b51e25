//! Validates a file and prints every problem as one JSON record per line.
//!
//! ```text
//! cargo run -q --example validate_file -- FILE [catalogue|network|membership]
//! ```

use std::process::ExitCode;

use citynets::validate::{Options, validate_reader};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.first() else {
        eprintln!("usage: validate_file FILE [catalogue|network|membership]");
        return ExitCode::from(2);
    };
    let document = match args.get(1).map(|d| d.parse()) {
        Some(Ok(d)) => Some(d),
        Some(Err(e)) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
        None => None,
    };
    let file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("{path}: {e}");
            return ExitCode::from(2);
        }
    };
    let options = Options {
        document,
        path: Some(path.clone()),
        ..Options::default()
    };
    match validate_reader(std::io::BufReader::new(file), &options) {
        Ok(report) => {
            for p in &report.problems {
                println!("{}", serde_json::to_string(p).unwrap_or_default());
            }
            eprintln!(
                "{} records, {} errors, {} warnings",
                report.records, report.errors, report.warnings
            );
            if report.is_valid(false) {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            }
        }
        Err(e) => {
            eprintln!("{path}: {e}");
            ExitCode::from(2)
        }
    }
}
