//! Network names as real pages and datasets spell them (several languages, acronyms, former
//! names; `tests/fixtures/registry-spellings.tsv`, each with the address where it was seen)
//! resolve to the right registry id, and junk (`tests/fixtures/registry-junk.txt`) resolves to
//! nothing. A row whose id starts with `~` is a misspelling or a split word: as in the
//! resolver's own query table, the resolver must suggest that id and not answer with it.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail loudly

use std::collections::HashSet;

use citynets::{Resolution, fold, registry};

fn fixture(name: &str) -> String {
    let path = format!("{}/../../tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// (spelling, id, source) rows of the spellings file.
fn spellings() -> Vec<(String, String, String)> {
    let text = fixture("registry-spellings.tsv");
    let mut lines = text.lines().filter(|l| !l.starts_with("# "));
    assert_eq!(lines.next(), Some("spelling\tid\tsource"));
    lines
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let cells: Vec<&str> = l.split('\t').collect();
            assert_eq!(cells.len(), 3, "{l:?}");
            (
                cells[0].to_owned(),
                cells[1].to_owned(),
                cells[2].to_owned(),
            )
        })
        .collect()
}

/// Every name, acronym and other name the registry stores, folded.
fn stored() -> HashSet<String> {
    let mut out = HashSet::new();
    for n in registry().iter() {
        out.insert(fold(&n.id));
        out.insert(fold(&n.name));
        out.extend(n.acronym.iter().map(|a| fold(a)));
        for o in n.other_names.iter() {
            out.insert(fold(&o.name));
            out.extend(o.acronym.iter().map(|a| fold(a)));
        }
    }
    out
}

#[test]
fn real_spellings_resolve_to_their_network() {
    let rows = spellings();
    assert!(rows.len() >= 300, "only {} spellings", rows.len());
    let stored = stored();
    let unstored = rows
        .iter()
        .filter(|r| !stored.contains(&fold(&r.0)))
        .count();
    assert!(
        unstored >= 100,
        "only {unstored} spellings are not stored names"
    );
    let mut wrong = Vec::new();
    let mut suggested = 0;
    for (spelling, expected, source) in &rows {
        assert!(
            source.starts_with("http"),
            "{spelling:?} has no address: {source:?}"
        );
        // `~id`, as in the resolver's query table: a misspelling or a split word, which the
        // resolver never takes as an answer but suggests.
        let (id, near) = match expected.strip_prefix('~') {
            Some(id) => (id, true),
            None => (expected.as_str(), false),
        };
        assert!(registry().by_id(id).is_some(), "{id} is not a registry id");
        let resolution = registry().resolve(spelling);
        let ok = match &resolution {
            Resolution::Found(m) => !near && m.network.id == id,
            other => near && other.suggestion().is_some_and(|m| m.network.id == id),
        };
        suggested += usize::from(near);
        if !ok {
            wrong.push(format!(
                "{spelling:?} → {:?}, expected {expected}",
                resolution
                    .candidates()
                    .iter()
                    .map(|m| m.network.id.as_str())
                    .collect::<Vec<_>>()
            ));
        }
    }
    assert!(
        suggested * 10 <= rows.len(),
        "{suggested} near misses: most spellings must be answers"
    );
    eprintln!(
        "{} spellings, {unstored} of them not stored names, {suggested} near misses; {} wrong",
        rows.len(),
        wrong.len()
    );
    assert!(
        wrong.is_empty(),
        "{} of {}:\n{}",
        wrong.len(),
        rows.len(),
        wrong.join("\n")
    );
}

#[test]
fn junk_resolves_to_nothing() {
    let text = fixture("registry-junk.txt");
    let junk: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .collect();
    assert!(junk.len() >= 30);
    let found: Vec<String> = junk
        .iter()
        .filter_map(|j| registry().get(j).map(|n| format!("{j:?} → {}", n.id)))
        .collect();
    assert!(found.is_empty(), "{}", found.join("\n"));
}
