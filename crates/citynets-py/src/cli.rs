//! The command line of `citynets-cli`, run from Python (`python -m citynets`, the `citynets`
//! console script) on the process's real standard streams.

use std::io::{self, IsTerminal, Write};

use citynets_cli::Terminal;
use pyo3::prelude::*;

/// Runs the command line with `argv` (`argv[0]` is the program name) on the process's standard
/// input, output and error, and returns the exit status. The GIL is released meanwhile.
#[pyfunction]
pub(crate) fn run_cli(py: Python<'_>, argv: Vec<String>) -> i32 {
    py.detach(|| {
        let terminal = Terminal {
            stdout: io::stdout().is_terminal(),
            stderr: io::stderr().is_terminal(),
        };
        let mut stdin = io::stdin().lock();
        let mut stdout = io::stdout().lock();
        let mut stderr = io::stderr().lock();
        let status =
            citynets_cli::run_with_terminal(argv, &mut stdin, &mut stdout, &mut stderr, terminal);
        // The Rust runtime does not flush its stdout when a Python process exits. A closed
        // pipe was already handled by the command line.
        let _ = stdout.flush();
        let _ = stderr.flush();
        status
    })
}
