//! Repository chores for citynets.
//!
//! ```text
//! cargo xtask schema           # rewrite schema/*.schema.json from the Rust types
//! cargo xtask schema --check   # fail if the committed files differ from the types
//! cargo xtask import [--facts PATH]   # refresh the Ghent data file from the research facts
//! ```
//!
//! The research lives in the repository under `research/` (see `research/README.md`):
//! `import` reads `research/ghent/networks-facts.json` unless `--facts` names another file.

#![forbid(unsafe_code)]
#![cfg_attr(test, allow(clippy::unwrap_used))]

mod import;
mod ledger;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use citynets::DocumentKind;
use citynets::schema::schema_json;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("schema") => schema(args.get(1).map(String::as_str) == Some("--check")),
        Some("import") => import_facts(&args[1..]),
        _ => Err(String::from(
            "usage: cargo xtask schema [--check] | import [--facts PATH]\n\
             \n  schema   rewrite schema/*.schema.json from the Rust types (--check: only compare)\
             \n  import   refresh crates/citynets/data/ghent.json from the research facts\
             \n           (default PATH: research/ghent/networks-facts.json)",
        )),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: {e}");
            ExitCode::FAILURE
        }
    }
}

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(2)
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}

fn schema(check_only: bool) -> Result<(), String> {
    // The committed schemas, and the copy embedded in the core crate (which cannot read
    // outside its own directory when packaged).
    let dirs = [
        repo_root().join("schema"),
        repo_root().join("crates/citynets/schema"),
    ];
    let mut stale = Vec::new();
    for (dir, kind) in dirs.iter().flat_map(|d| DocumentKind::ALL.map(|k| (d, k))) {
        let path = dir.join(kind.schema_file_name());
        let want = schema_json(kind);
        let have = std::fs::read_to_string(&path).unwrap_or_default();
        if have == want {
            continue;
        }
        if check_only {
            stale.push(path.display().to_string());
        } else {
            std::fs::write(&path, want).map_err(|e| format!("{}: {e}", path.display()))?;
            eprintln!("wrote {}", path.display());
        }
    }
    if stale.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "out of date (run `cargo xtask schema`): {}",
            stale.join(", ")
        ))
    }
}

fn import_facts(args: &[String]) -> Result<(), String> {
    let root = repo_root();
    let facts_path = match args {
        [flag, path] if flag == "--facts" => PathBuf::from(path),
        [] => root.join("research/ghent/networks-facts.json"),
        _ => return Err("usage: cargo xtask import [--facts PATH]".into()),
    };
    let facts_text = std::fs::read_to_string(&facts_path)
        .map_err(|e| format!("{}: {e}", facts_path.display()))?;
    let facts: serde_json::Value =
        serde_json::from_str(&facts_text).map_err(|e| format!("{}: {e}", facts_path.display()))?;
    let data_path = root.join("crates/citynets/data/ghent.json");
    let data_text =
        std::fs::read_to_string(&data_path).map_err(|e| format!("{}: {e}", data_path.display()))?;
    let mut catalogue = citynets::Catalogue::from_json(&data_text).map_err(|e| e.to_string())?;
    let seed = catalogue.list_source.url.to_string();
    let exclusions_path = root.join("tests/fixtures/coverage-exclusions.json");
    let exclusions_text = std::fs::read_to_string(&exclusions_path)
        .map_err(|e| format!("{}: {e}", exclusions_path.display()))?;
    let exclusions: serde_json::Value = serde_json::from_str(&exclusions_text)
        .map_err(|e| format!("{}: {e}", exclusions_path.display()))?;
    let excluded: Vec<import::Exclusion> = exclusions
        .as_array()
        .into_iter()
        .flatten()
        .map(|x| {
            (
                x["network"].as_str().unwrap_or_default().to_owned(),
                x["fact"].as_str().unwrap_or_default().to_owned(),
                x["source"].as_str().map(str::to_owned),
            )
        })
        .collect();
    let changed = import::import_except(&mut catalogue, &facts, &seed, &excluded)?;
    let mut out = catalogue.to_json_pretty();
    out.push('\n');
    std::fs::write(&data_path, out).map_err(|e| format!("{}: {e}", data_path.display()))?;
    eprintln!("{changed} networks changed; wrote {}", data_path.display());
    let ledger_path = root.join("tests/fixtures/research-ledger.json");
    let mut ledger =
        serde_json::to_string_pretty(&ledger::ledger(&facts)?).map_err(|e| e.to_string())?;
    ledger.push('\n');
    std::fs::write(&ledger_path, ledger).map_err(|e| format!("{}: {e}", ledger_path.display()))?;
    eprintln!("wrote {}", ledger_path.display());
    Ok(())
}
