//! The committed schemas under `schema/` are exactly what the Rust types generate. When this
//! fails, a type or doc comment changed without `cargo xtask schema`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail loudly

use citynets::DocumentKind;
use citynets::schema::schema_json;

/// A short line diff: the first differing lines, with their numbers.
fn diff(committed: &str, generated: &str) -> String {
    let a: Vec<&str> = committed.lines().collect();
    let b: Vec<&str> = generated.lines().collect();
    let mut out = String::new();
    let mut shown = 0;
    for i in 0..a.len().max(b.len()) {
        let (x, y) = (a.get(i).copied(), b.get(i).copied());
        if x != y {
            if let Some(x) = x {
                out.push_str(&format!("{:>5} - {x}\n", i + 1));
            }
            if let Some(y) = y {
                out.push_str(&format!("{:>5} + {y}\n", i + 1));
            }
            shown += 1;
            if shown == 12 {
                out.push_str("      ...\n");
                break;
            }
        }
    }
    out
}

#[test]
fn committed_schemas_match_the_types() {
    // The committed schemas and the copy the crate embeds for its validator.
    let dirs = [
        concat!(env!("CARGO_MANIFEST_DIR"), "/../../schema"),
        concat!(env!("CARGO_MANIFEST_DIR"), "/schema"),
    ];
    let mut problems = String::new();
    for (dir, kind) in dirs.iter().flat_map(|d| DocumentKind::ALL.map(|k| (d, k))) {
        let path = format!("{dir}/{}", kind.schema_file_name());
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        let generated = schema_json(kind);
        if committed != generated {
            problems.push_str(&format!(
                "\n{path} differs from what the types generate (- committed, + generated):\n{}",
                diff(&committed, &generated)
            ));
        }
    }
    assert!(
        problems.is_empty(),
        "{problems}\nRegenerate with `cargo xtask schema` and commit the result."
    );
}

#[test]
fn the_diff_shows_the_changed_line() {
    let d = diff("a\nb\nc\n", "a\nB\nc\n");
    assert_eq!(d, "    2 - b\n    2 + B\n");
}
