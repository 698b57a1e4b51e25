//! # citynets-cli
//!
//! The `citynets` command line: validate third-party files of networks, memberships or
//! catalogues against the citynets model, print the committed JSON Schemas, and export, list
//! or show the embedded Ghent catalogue.
//!
//! The whole command line is one function, [`run`], that takes the arguments and the three
//! standard streams and returns the exit status, so that the binary and the Python package run
//! the very same code:
//!
//! ```
//! let mut out = Vec::new();
//! let mut err = Vec::new();
//! let status = citynets_cli::run(["citynets", "show", "ECCAR"], &mut std::io::empty(), &mut out, &mut err);
//! assert_eq!(status, 0);
//! assert!(String::from_utf8_lossy(&out).contains("European Coalition of Cities Against Racism"));
//! ```
//!
//! Exit statuses: 0 success (every file valid), 1 a file is invalid or `show` found no single
//! network, 2 a usage or I/O error. A closed standard output (`citynets export | head`) ends
//! the command quietly with status 0.

#![forbid(unsafe_code)]

mod cli;
mod commands;
mod fix;
mod inputs;
pub mod output;
mod style;

use std::ffi::OsString;
use std::io::{self, BufWriter, Read, Write};

use clap::Parser;

/// Whether standard output and standard error are terminals. Colour is used only on a
/// terminal.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Terminal {
    /// Standard output is a terminal.
    pub stdout: bool,
    /// Standard error is a terminal.
    pub stderr: bool,
}

/// Runs the command line with the given arguments (`args[0]` is the program name).
///
/// Never colours its output; see [`run_with_terminal`].
pub fn run<I, T>(
    args: I,
    stdin: &mut dyn Read,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> i32
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    run_with_terminal(args, stdin, stdout, stderr, Terminal::default())
}

/// Same as [`run`], saying whether stdout/stderr are terminals (colour only on a terminal).
pub fn run_with_terminal<I, T>(
    args: I,
    stdin: &mut dyn Read,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
    terminal: Terminal,
) -> i32
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let cli = match cli::Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            // Help and version go to stdout with status 0; usage errors to stderr with 2.
            let text = e.render().to_string();
            let written = if e.use_stderr() {
                stderr
                    .write_all(text.as_bytes())
                    .and_then(|()| stderr.flush())
            } else {
                stdout
                    .write_all(text.as_bytes())
                    .and_then(|()| stdout.flush())
            };
            return match written {
                Err(w) if w.kind() != io::ErrorKind::BrokenPipe && !e.use_stderr() => 2,
                _ => e.exit_code(),
            };
        }
    };

    // `NO_COLOR` (https://no-color.org): any non-empty value turns colour off unless asked.
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let colour = |on_terminal: bool| match cli.color {
        cli::ColorChoice::Always => true,
        cli::ColorChoice::Never => false,
        cli::ColorChoice::Auto => on_terminal && !no_color,
    };
    let mut ctx = Ctx {
        stdin,
        out: BufWriter::new(stdout),
        err: stderr,
        colour_out: colour(terminal.stdout),
        colour_err: colour(terminal.stderr),
        terminal,
    };
    let result = commands::run(cli.command, &mut ctx).and_then(|code| {
        ctx.out.flush()?;
        Ok(code)
    });
    match result {
        Ok(code) => code,
        // The reader went away (`citynets export | head`): their choice, not an error.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => 0,
        Err(e) => {
            ctx.error(format_args!("cannot write the output: {e}"));
            2
        }
    }
}

/// The streams a command works with.
pub(crate) struct Ctx<'a> {
    pub(crate) stdin: &'a mut dyn Read,
    pub(crate) out: BufWriter<&'a mut dyn Write>,
    pub(crate) err: &'a mut dyn Write,
    /// Whether stdout and stderr are terminals (a progress bar shows only on one).
    pub(crate) terminal: Terminal,
    /// Whether to colour what goes to stdout, to stderr (`--color`, `NO_COLOR`, terminals).
    pub(crate) colour_out: bool,
    pub(crate) colour_err: bool,
}

impl Ctx<'_> {
    /// Writes `error: MESSAGE` to stderr, after what is pending on stdout so that the two keep
    /// their order on a terminal. Failures to write to stderr are ignored: there is nowhere
    /// left to report them.
    pub(crate) fn error(&mut self, message: std::fmt::Arguments<'_>) {
        let _ = self.out.flush();
        let label = style::Style::new(self.colour_err).error("error");
        let _ = writeln!(self.err, "{label}: {message}");
        let _ = self.err.flush();
    }

    /// Writes a note to stderr (no prefix).
    pub(crate) fn note(&mut self, message: std::fmt::Arguments<'_>) {
        let _ = self.out.flush();
        let _ = writeln!(self.err, "{message}");
        let _ = self.err.flush();
    }
}
