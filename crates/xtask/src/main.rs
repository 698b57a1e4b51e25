//! Repository chores for citynets.
//!
//! ```text
//! cargo xtask schema           # rewrite schema/*.schema.json from the Rust types
//! cargo xtask schema --check   # fail if the committed files differ from the types
//! cargo xtask import [--facts PATH]   # refresh the Ghent data file from the research facts
//! cargo xtask registry         # rewrite the registry of networks from the Ghent data and research
//! cargo xtask registry --check # fail if the committed registry files differ from what it writes
//! cargo xtask gazetteer SOURCES # rewrite the gazetteer of cities from the pinned GeoNames extracts
//! ```
//!
//! `SOURCES` is the folder `crates/citynets-gazetteer/fetch-sources.sh` fills.
//!
//! The research lives in the repository under `research/` (see `research/README.md`):
//! `import` reads `research/ghent/networks-facts.json` unless `--facts` names another file;
//! `registry` reads `research/registry/networks.json` and `crates/citynets/data/ghent.json`.

#![forbid(unsafe_code)]
#![cfg_attr(test, allow(clippy::unwrap_used))]

mod gazetteer;
mod import;
mod ledger;
mod registry;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use citynets::DocumentKind;
use citynets::schema::schema_json;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("schema") => schema(args.get(1).map(String::as_str) == Some("--check")),
        Some("import") => import_facts(&args[1..]),
        Some("gazetteer") => match &args[1..] {
            [sources] => gazetteer(Path::new(sources)),
            _ => Err(
                "usage: cargo xtask gazetteer SOURCES (the folder fetch-sources.sh fills)".into(),
            ),
        },
        Some("registry") => match &args[1..] {
            [] => registry(false),
            [flag] if flag == "--check" => registry(true),
            _ => Err("usage: cargo xtask registry [--check]".into()),
        },
        _ => Err(String::from(
            "usage: cargo xtask schema [--check] | import [--facts PATH] | registry [--check]\n\
             \n  schema   rewrite schema/*.schema.json from the Rust types (--check: only compare)\
             \n  import   refresh crates/citynets/data/ghent.json from the research facts\
             \n           (default PATH: research/ghent/networks-facts.json)\
             \n  registry write crates/citynets/data/registry.json, its id list and the registry ledger\
             \n           from ghent.json and research/registry/networks.json (--check: only compare)\
             \n  gazetteer write crates/citynets-gazetteer/data/ from the GeoNames extracts in SOURCES\
             \n           (crates/citynets-gazetteer/fetch-sources.sh SOURCES fetches them)",
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

/// Writes the gazetteer's data files from the extracts in `sources`.
fn gazetteer(sources: &Path) -> Result<(), String> {
    let out = repo_root().join("crates/citynets-gazetteer/data");
    let (places, keys) = gazetteer::build(sources, &out)?;
    eprintln!("{places} places, {keys} name keys");
    Ok(())
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

fn read_json(path: &Path) -> Result<serde_json::Value, String> {
    serde_json::from_str(&read(path)?).map_err(|e| format!("{}: {e}", path.display()))
}

/// Writes the registry, its ledger and its id list, or (`check_only`) compares them with the
/// committed files.
fn registry(check_only: bool) -> Result<(), String> {
    let root = repo_root();
    let research = read_json(&root.join("research/registry/networks.json"))?;
    let ghent =
        citynets::Catalogue::from_json(&read(&root.join("crates/citynets/data/ghent.json"))?)
            .map_err(|e| format!("ghent.json: {e}"))?;
    let excluded = read_json(&root.join("tests/fixtures/registry-exclusions.json"))?
        .as_array()
        .ok_or("registry-exclusions.json must hold a JSON array")?
        .iter()
        .map(registry::Exclusion::from_json)
        .collect::<Result<Vec<_>, _>>()?;
    let networks = registry::build(&ghent, &research, &excluded)?;
    // The file holds the networks beyond Ghent's: the Ghent catalogue is the one place where
    // its 38 networks' facts are kept, and `citynets::registry()` takes them from there.
    let beyond: Vec<&citynets::Network> = networks
        .iter()
        .filter(|n| ghent.by_id(&n.id).is_none())
        .collect();

    let mut data = serde_json::to_string_pretty(&beyond).map_err(|e| e.to_string())?;
    data.push('\n');
    let options = citynets::validate::Options {
        document: Some(DocumentKind::Network),
        ..Default::default()
    };
    let report = citynets::validate::validate_bytes(data.as_bytes(), &options);
    if let Some(first) = report.errors().next() {
        return Err(format!("the registry does not validate: {first:?}"));
    }
    let mut ledger = serde_json::to_string_pretty(&ledger::registry_ledger(&research)?)
        .map_err(|e| e.to_string())?;
    ledger.push('\n');
    let ids_path = root.join("crates/citynets/data/registry-ids.tsv");
    let ids = registry_ids(&read(&ids_path).unwrap_or_default(), &networks);

    let files = [
        (root.join("crates/citynets/data/registry.json"), data),
        (root.join("tests/fixtures/registry-ledger.json"), ledger),
        (ids_path, ids),
    ];
    let mut stale = Vec::new();
    for (path, want) in &files {
        if std::fs::read_to_string(path).is_ok_and(|have| have == *want) {
            continue;
        }
        if check_only {
            stale.push(path.display().to_string());
        } else {
            std::fs::write(path, want).map_err(|e| format!("{}: {e}", path.display()))?;
            eprintln!("wrote {}", path.display());
        }
    }
    eprintln!("{} networks in the registry", networks.len());
    if stale.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "out of date (run `cargo xtask registry`): {}",
            stale.join(", ")
        ))
    }
}

/// The id list with a line for every registry id it lacks (the network's name now). Existing
/// lines are kept as they are, never changed or removed: a published id stays published.
fn registry_ids(committed: &str, networks: &[citynets::Network]) -> String {
    let mut comments = Vec::new();
    let mut lines = std::collections::BTreeMap::new();
    for line in committed.lines() {
        if line.starts_with('#') {
            comments.push(line.to_owned());
        } else if let Some((id, _)) = line.split_once('\t') {
            lines.insert(id.to_owned(), line.to_owned());
        }
    }
    for n in networks {
        lines
            .entry(n.id.to_string())
            .or_insert_with(|| format!("{}\t{}", n.id, n.name));
    }
    let mut out = String::new();
    for line in comments.iter().chain(lines.values()) {
        out.push_str(line);
        out.push('\n');
    }
    out
}
