//! The library entry point, as the Python package calls it: streams passed in, status returned.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::{self, Write};

use citynets_cli::{Terminal, run, run_with_terminal};

/// A stdout whose reader has gone away after `room` bytes.
struct ClosedAfter {
    room: usize,
    kind: io::ErrorKind,
}

impl Write for ClosedAfter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.room == 0 {
            return Err(io::Error::from(self.kind));
        }
        let n = buf.len().min(self.room);
        self.room -= n;
        Ok(n)
    }
    fn flush(&mut self) -> io::Result<()> {
        if self.room == 0 {
            return Err(io::Error::from(self.kind));
        }
        Ok(())
    }
}

fn call(args: &[&str], stdin: &[u8]) -> (i32, String, String) {
    let mut input = stdin;
    let mut out = Vec::new();
    let mut err = Vec::new();
    let code = run(
        std::iter::once("citynets").chain(args.iter().copied()),
        &mut input,
        &mut out,
        &mut err,
    );
    (
        code,
        String::from_utf8(out).unwrap(),
        String::from_utf8(err).unwrap(),
    )
}

#[test]
fn a_closed_pipe_ends_quietly_with_status_0() {
    for args in [
        &["export"][..],
        &["export", "--format", "ndjson"],
        &["list"],
        &["schema"],
        &["show", "eurocities"],
        &["--help"],
    ] {
        let mut out = ClosedAfter {
            room: 10,
            kind: io::ErrorKind::BrokenPipe,
        };
        let mut err = Vec::new();
        let code = run(
            std::iter::once("citynets").chain(args.iter().copied()),
            &mut io::empty(),
            &mut out,
            &mut err,
        );
        assert_eq!(code, 0, "{args:?}");
        assert_eq!(String::from_utf8(err).unwrap(), "", "{args:?}");
    }
}

#[test]
fn another_write_error_is_reported_with_status_2() {
    let mut out = ClosedAfter {
        room: 10,
        kind: io::ErrorKind::StorageFull,
    };
    let mut err = Vec::new();
    let code = run(["citynets", "export"], &mut io::empty(), &mut out, &mut err);
    assert_eq!(code, 2);
    let err = String::from_utf8(err).unwrap();
    assert!(err.starts_with("error: cannot write the output:"), "{err}");
}

#[test]
fn validate_reads_the_given_stdin() {
    let (code, out, err) = call(&["validate", "-"], b"[{\"id\": \"x\", \"name\": \"X\"}]");
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, "<stdin>: valid (1 record)\n");
    let (code, out, _) = call(&["validate", "-"], b"[{\"id\": \"x\"}]");
    assert_eq!(code, 1);
    assert!(
        out.starts_with("<stdin>:1:2: error[missing_field]"),
        "{out}"
    );
}

#[test]
fn usage_errors_go_to_stderr_help_to_stdout() {
    let (code, out, err) = call(&["list", "--scope", "europe"], b"");
    assert_eq!(code, 2);
    assert_eq!(out, "");
    assert!(err.contains("did you mean \"european\"?"), "{err}");

    let (code, out, err) = call(&["show", "--help"], b"");
    assert_eq!(code, 0);
    assert_eq!(err, "");
    assert!(out.contains("Examples:"), "{out}");
}

#[test]
fn colour_only_on_a_terminal() {
    let mut out = Vec::new();
    let mut err = Vec::new();
    let code = run_with_terminal(
        ["citynets", "show", "nosuchthing"],
        &mut io::empty(),
        &mut out,
        &mut err,
        Terminal {
            stdout: false,
            stderr: true,
        },
    );
    assert_eq!(code, 1);
    let err = String::from_utf8(err).unwrap();
    assert!(
        err.starts_with("\x1b[1;31merror\x1b[0m: no network matches"),
        "{err}"
    );

    let (_, _, err) = call(&["show", "nosuchthing"], b"");
    assert!(!err.contains('\x1b'), "{err}");
}

/// `--color` decides over the terminal: `never` on a terminal, `always` into a pipe.
#[test]
fn color_option_overrides_the_terminal() {
    let run = |color: &str, on_terminal: bool| {
        let mut out = Vec::new();
        let mut err = Vec::new();
        run_with_terminal(
            ["citynets", "--color", color, "show", "nosuchthing"],
            &mut io::empty(),
            &mut out,
            &mut err,
            Terminal {
                stdout: on_terminal,
                stderr: on_terminal,
            },
        );
        String::from_utf8(err).unwrap()
    };
    assert!(!run("never", true).contains('\x1b'));
    assert!(run("always", false).starts_with("\x1b[1;31merror\x1b[0m"));
    let (code, _, err) = call(&["show", "--color", "sometimes", "x"], b"");
    assert_eq!(code, 2, "{err}");
}

/// Completions and the man page come from the clap definition, so they know every command.
#[test]
fn completions_and_the_man_page_name_every_command() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let (code, out, err) = call(&["completions", shell], b"");
        assert_eq!(code, 0, "{shell}: {err}");
        for command in ["validate", "convert", "export"] {
            assert!(out.contains(command), "{shell}: no {command}");
        }
    }
    let (code, out, _) = call(&["man"], b"");
    assert_eq!(code, 0);
    assert!(out.contains(".TH citynets 1"), "{out}");
    assert!(
        out.contains("validate") && out.contains("completions"),
        "{out}"
    );
    let (code, _, _) = call(&["completions", "tcsh"], b"");
    assert_eq!(code, 2);
}
