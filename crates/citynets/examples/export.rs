//! Prints the embedded Ghent catalogue as one JSON document, valid against
//! `schema/catalogue.schema.json`.
//!
//! ```text
//! cargo run -q --example export > ghent.json
//! ```

use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut out = std::io::stdout().lock();
    match writeln!(out, "{}", citynets::ghent().to_json_pretty()).and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        // A closed pipe (`| head`) is the reader's choice, not an error.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("export: cannot write the catalogue: {e}");
            ExitCode::FAILURE
        }
    }
}
