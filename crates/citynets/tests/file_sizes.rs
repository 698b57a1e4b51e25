//! Each file of the core crate stays small enough to hold one job: at most [`MAX_CODE_LINES`]
//! lines of code, counted without blank lines, comments and the unit tests at the file's end.
//!
//! The validator once grew a 2,800-line file that did six jobs; a file that passes this bound
//! is a sign that it is time to find the seam and cut it into rooms (see
//! `docs/architecture.md`), not to raise the bound.

use std::path::Path;

/// The most lines of code one source file of the core crate may hold.
const MAX_CODE_LINES: usize = 700;

/// Lines of code in `text`: up to its unit tests (`#[cfg(test)]` followed by `mod`), not blank,
/// not a `//` comment (doc comments included).
fn code_lines(text: &str) -> usize {
    let mut count = 0;
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        let t = line.trim_start();
        if t.starts_with("#[cfg(test)]") && opens_test_module(lines.clone()) {
            break;
        }
        if !t.is_empty() && !t.starts_with("//") {
            count += 1;
        }
    }
    count
}

fn sources(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn no_file_of_the_core_crate_holds_more_than_700_lines_of_code() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&root, &mut files);
    assert!(files.len() > 20, "found only {} source files", files.len());
    let mut over: Vec<String> = files
        .iter()
        .filter_map(|f| {
            let n = code_lines(&std::fs::read_to_string(f).unwrap_or_default());
            (n > MAX_CODE_LINES).then(|| format!("{} ({n} lines of code)", f.display()))
        })
        .collect();
    over.sort();
    assert!(
        over.is_empty(),
        "files over {MAX_CODE_LINES} lines of code:\n{}",
        over.join("\n")
    );
}

#[test]
fn code_lines_leave_out_blanks_comments_and_unit_tests() {
    let text = "//! doc\nuse a;\n\n/// item doc\nfn f() {} // trailing\n    // note\n#[cfg(test)]\nmod tests {\n    fn t() {}\n}\n";
    assert_eq!(code_lines(text), 2);
    // A `#[cfg(test)]` on an item that is not the test module does not end the count.
    assert_eq!(code_lines("#[cfg(test)]\nfn helper() {}\nfn g() {}\n"), 3);
    // Other attributes may stand between `#[cfg(test)]` and the test module.
    assert_eq!(
        code_lines("fn f() {}\n#[cfg(test)]\n#[allow(dead_code)]\nmod tests {}\n"),
        1
    );
}

/// Whether the lines after a `#[cfg(test)]` open a module (other attributes may come first).
fn opens_test_module<'a>(mut rest: impl Iterator<Item = &'a str>) -> bool {
    rest.find(|l| !l.trim_start().starts_with("#["))
        .is_some_and(|l| l.trim_start().starts_with("mod "))
}
