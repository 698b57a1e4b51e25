//! What a run of the `citynets` binary gave, for the end-to-end tests: each test file builds
//! its command (arguments, folder, environment) and reads the result with [`outcome`].

use assert_cmd::Command;

/// The exit status and the two streams of one run.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `command` with `stdin` on its standard input.
pub fn outcome(command: &mut Command, stdin: &[u8]) -> Run {
    let out = command.write_stdin(stdin.to_vec()).output().unwrap();
    Run {
        code: out.status.code().expect("exited normally"),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}
