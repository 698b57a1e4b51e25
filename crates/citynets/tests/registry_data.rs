//! The registry of city networks, `crates/citynets/data/registry.json` (written by
//! `cargo xtask registry`), read here as a plain JSON file: its size and ids, the 38 Ghent
//! networks unchanged, every fact of the registry research (as recorded in
//! `tests/fixtures/registry-ledger.json`) carried with its value and source or excused in
//! `tests/fixtures/registry-exclusions.json`, the coverage of each kind of fact, validity
//! against the committed schema, the append-only id list and the spelling fixtures.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail loudly

use std::collections::{BTreeMap, BTreeSet};

use citynets::validate::{Options, validate_bytes};
use citynets::{
    CaveatKind, DocumentKind, Fact, Kind, NameKind, Network, Orientation, PolicyArea, Scope, fold,
    ghent,
};
use serde_json::Value;

#[path = "support/ledger.rs"]
mod ledger;

fn repo_file(path: &str) -> String {
    let full = format!("{}/../../{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{full}: {e}"))
}

fn registry_text() -> String {
    repo_file("crates/citynets/data/registry.json")
}

/// The registry as the crate builds it: the Ghent catalogue's networks without memberships
/// and the file's networks, sorted by id.
fn registry() -> Vec<Network> {
    citynets::registry().iter().cloned().collect()
}

fn by_id(networks: &[Network]) -> BTreeMap<&str, &Network> {
    networks.iter().map(|n| (n.id.as_str(), n)).collect()
}

fn fixture(name: &str) -> Value {
    serde_json::from_str(&repo_file(&format!("tests/fixtures/{name}"))).unwrap()
}

/// The rows of a tab-separated file, without the header. The id list has comment lines
/// (`#`); in the spelling file a comment starts with `# ` (a spelling may start with `#`, as
/// hashtags do, but not with `# `).
fn tsv_rows(path: &str, header: Option<&str>) -> Vec<Vec<String>> {
    let text = repo_file(path);
    let comment = if header.is_none() { "#" } else { "# " };
    let mut lines = text.lines().filter(|l| !l.starts_with(comment));
    if let Some(h) = header {
        assert_eq!(lines.next(), Some(h), "{path}: header");
    }
    lines
        .map(|l| l.split('\t').map(str::to_owned).collect())
        .collect()
}

/// Every folded name a network is stored under: name, acronym, other names (not the
/// confusable ones, which name another organisation).
fn stored_names(n: &Network) -> BTreeSet<String> {
    let mut out = BTreeSet::from([fold(&n.name)]);
    out.extend(n.acronym.as_deref().map(fold));
    out.extend(
        n.other_names
            .iter()
            .filter(|o| o.kind != NameKind::Confusable)
            .map(|o| fold(&o.name)),
    );
    out
}

#[test]
fn the_registry_holds_at_least_150_networks_with_unique_slug_ids_in_order() {
    let raw: Value = serde_json::from_str(&registry_text()).unwrap();
    let records = raw.as_array().expect("the registry is a JSON array");
    let networks = registry();
    // The file holds the networks beyond Ghent's, none of Ghent's: their facts are kept in one
    // place, the catalogue.
    assert_eq!(records.len() + ghent().networks.len(), networks.len());
    for r in records {
        let id = r["id"].as_str().unwrap();
        assert!(
            ghent().by_id(id).is_none(),
            "{id} is Ghent's: its facts live in ghent.json"
        );
    }
    assert!(networks.len() >= 150, "{} networks", networks.len());
    let ids: Vec<&str> = networks.iter().map(|n| n.id.as_str()).collect();
    let mut sorted = ids.clone();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(ids, sorted, "ids must be unique and sorted");
    for id in &ids {
        assert!(
            id.split('-').all(|w| !w.is_empty()
                && w.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())),
            "{id} is not a slug"
        );
    }
    // No memberships: the registry is about networks; memberships belong to catalogues.
    assert!(networks.iter().all(|n| n.memberships.is_empty()));
}

#[test]
fn the_ghent_networks_are_there_with_exactly_their_catalogue_facts() {
    let networks = registry();
    let index = by_id(&networks);
    assert_eq!(ghent().networks.len(), 38);
    for g in ghent() {
        let r = index
            .get(g.id.as_str())
            .unwrap_or_else(|| panic!("{} is missing", g.id));
        let mut want = g.clone();
        want.memberships = citynets::List::empty();
        assert_eq!(**r, want, "{} differs from ghent.json", g.id);
    }
}

#[test]
fn every_network_is_named_dated_or_linked_and_classified() {
    // Urbiscoop is the one network for which the Ghent research found neither a website nor a
    // founding date (the Ghent catalogue says so in a caveat); it stays, as Ghent lists it.
    let allowed_without_date_or_site: BTreeSet<&str> = BTreeSet::from(["urbiscoop"]);
    let mut without = BTreeSet::new();
    for n in &registry() {
        assert!(
            n.sources_for(Fact::Name).next().is_some(),
            "{}: the name has no source",
            n.id
        );
        assert!(n.kind.is_some(), "{}: no kind", n.id);
        let site = n.website.is_some() && n.sources_for(Fact::Website).next().is_some();
        let founded =
            n.founding_date.is_some() && n.sources_for(Fact::FoundingDate).next().is_some();
        if !site && !founded {
            without.insert(n.id.to_string());
        }
        // A classification the registry made says on what it rests.
        if n.kind.is_some() || n.scope.is_some() {
            assert!(
                n.classification.is_some(),
                "{}: unexplained classification",
                n.id
            );
        }
    }
    let without: BTreeSet<&str> = without.iter().map(String::as_str).collect();
    assert_eq!(without, allowed_without_date_or_site);
}

#[test]
fn coverage_per_kind_of_fact() {
    let networks = registry();
    let total = networks.len();
    let count = |f: &dyn Fn(&Network) -> bool| networks.iter().filter(|n| f(n)).count();
    let rows: Vec<(&str, usize)> = vec![
        (
            "name with source",
            count(&|n| n.sources_for(Fact::Name).next().is_some()),
        ),
        (
            "acronym",
            count(&|n| n.acronym.is_some() && n.sources_for(Fact::Acronym).next().is_some()),
        ),
        ("other names", count(&|n| !n.other_names.is_empty())),
        (
            "website",
            count(&|n| n.website.is_some() && n.sources_for(Fact::Website).next().is_some()),
        ),
        (
            "founding date",
            count(&|n| {
                n.founding_date.is_some() && n.sources_for(Fact::FoundingDate).next().is_some()
            }),
        ),
        (
            "founding alternatives",
            count(&|n| !n.founding_date_alternatives.is_empty()),
        ),
        (
            "secretariat",
            count(&|n| {
                n.secretariat.is_some() && n.sources_for(Fact::Secretariat).next().is_some()
            }),
        ),
        ("member count", count(&|n| !n.member_counts.is_empty())),
        ("scope", count(&|n| n.scope.is_some())),
        ("kind", count(&|n| n.kind.is_some())),
        ("policy areas", count(&|n| n.policy_areas.is_some())),
        ("orientations", count(&|n| n.orientations.is_some())),
        ("parent", count(&|n| n.parent.is_some())),
        ("caveats", count(&|n| !n.caveats.is_empty())),
        ("wikidata", count(&|n| n.wikidata.is_some())),
    ];
    eprintln!("{:<24} {:>9} {:>7}", "fact", "networks", "share");
    for (fact, c) in &rows {
        eprintln!(
            "{fact:<24} {:>9} {:>6.1}%",
            format!("{c}/{total}"),
            100.0 * *c as f64 / total as f64
        );
    }
    let share = |name: &str| {
        let c = rows.iter().find(|(f, _)| *f == name).unwrap().1;
        c as f64 / total as f64
    };
    assert!(share("founding date") >= 0.8, "founding dates below 80%");
    assert!(share("website") >= 0.8, "websites below 80%");
    assert!(share("member count") >= 0.6, "member counts below 60%");
    assert!(
        (share("kind") - 1.0).abs() < f64::EPSILON,
        "a network without kind"
    );
}

#[test]
fn the_registry_is_valid_against_the_committed_network_schema() {
    let text = registry_text();
    let options = Options {
        document: Some(DocumentKind::Network),
        ..Default::default()
    };
    let report = validate_bytes(text.as_bytes(), &options);
    let errors: Vec<String> = report.errors().map(|p| format!("{p:?}")).collect();
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    // The one warning allowed: an acronym the Ghent catalogue gives another network, on a
    // network whose caveats say so. (Records are numbered in the file, from 1.)
    let networks: Vec<Network> = serde_json::from_str(&text).unwrap();
    for w in report.warnings() {
        let n = w
            .record
            .and_then(|r| networks.get(usize::try_from(r).ok()? - 1))
            .unwrap_or_else(|| panic!("{w:?}"));
        assert!(
            w.code == citynets::validate::Code::IdMismatch
                && n.caveats_of(CaveatKind::NameCollision).next().is_some(),
            "{}: {w:?}",
            n.id
        );
    }
    // And with an independent validator, against the schema file committed under schema/.
    let schema: Value = serde_json::from_str(&repo_file("schema/network.schema.json")).unwrap();
    let validator = jsonschema::draft202012::new(&schema).unwrap();
    let raw: Value = serde_json::from_str(&text).unwrap();
    for record in raw.as_array().unwrap() {
        let errs: Vec<String> = validator
            .iter_errors(record)
            .map(|e| format!("{e} at {}", e.instance_path()))
            .collect();
        assert!(errs.is_empty(), "{}: {}", record["id"], errs.join("; "));
    }
}

#[test]
fn the_id_list_keeps_every_published_id_and_its_first_name() {
    let networks = registry();
    let index = by_id(&networks);
    let rows = tsv_rows("crates/citynets/data/registry-ids.tsv", None);
    let mut seen = BTreeSet::new();
    let mut previous = String::new();
    for row in &rows {
        let [id, name] = row.as_slice() else {
            panic!("registry-ids.tsv: a line needs id and name: {row:?}");
        };
        assert!(*id > previous, "registry-ids.tsv: {id} is out of order");
        previous.clone_from(id);
        seen.insert(id.as_str());
        let n = index
            .get(id.as_str())
            .unwrap_or_else(|| panic!("published id {id} is no longer in the registry"));
        let names: Vec<&str> = std::iter::once(n.name.as_str())
            .chain(n.other_names.iter().map(|o| o.name.as_str()))
            .collect();
        assert!(
            names.contains(&name.as_str()),
            "{id}: its published name {name:?} is no longer among its names; record it as a \
             former name"
        );
    }
    let missing: Vec<&str> = index
        .keys()
        .filter(|id| !seen.contains(*id))
        .copied()
        .collect();
    assert!(
        missing.is_empty(),
        "ids not in registry-ids.tsv (run `cargo xtask registry`): {missing:?}"
    );
}

#[test]
fn the_spelling_fixtures_name_registry_networks() {
    let networks = registry();
    let index = by_id(&networks);
    let rows = tsv_rows(
        "tests/fixtures/registry-spellings.tsv",
        Some("spelling\tid\tsource"),
    );
    assert!(rows.len() >= 300, "{} spellings", rows.len());
    let mut not_stored = 0;
    let mut owners: BTreeMap<String, BTreeSet<&str>> = BTreeMap::new();
    for row in &rows {
        let [spelling, id, source] = row.as_slice() else {
            panic!("registry-spellings.tsv: three columns: {row:?}");
        };
        // `~id`: a misspelling the resolver suggests rather than answers with.
        let id = id.strip_prefix('~').unwrap_or(id);
        let n = index
            .get(id)
            .unwrap_or_else(|| panic!("spelling {spelling:?}: no network {id}"));
        assert!(
            source.starts_with("http://") || source.starts_with("https://"),
            "{spelling}: source {source:?}"
        );
        if !stored_names(n).contains(&fold(spelling)) {
            not_stored += 1;
        }
        owners.entry(fold(spelling)).or_default().insert(id);
    }
    eprintln!(
        "{} spellings, {not_stored} of them not stored names",
        rows.len()
    );
    assert!(
        not_stored >= 100,
        "{not_stored} spellings are not stored names"
    );
    // One spelling names one network: no folded spelling points at two ids, and none is a
    // stored name of a network other than the one it is listed for.
    let shared: Vec<_> = owners.iter().filter(|(_, ids)| ids.len() > 1).collect();
    assert!(shared.is_empty(), "{shared:?}");
    for n in &networks {
        for name in stored_names(n) {
            if let Some(ids) = owners.get(&name) {
                assert!(
                    ids.contains(n.id.as_str()),
                    "{name:?} is a stored name of {} but listed for {ids:?}",
                    n.id
                );
            }
        }
    }
    // The junk must not be a stored name of any network.
    let all_stored: BTreeSet<String> = networks.iter().flat_map(stored_names).collect();
    let junk: Vec<String> = repo_file("tests/fixtures/registry-junk.txt")
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_owned)
        .collect();
    assert!(junk.len() >= 35, "{} junk strings", junk.len());
    for j in &junk {
        assert!(
            !all_stored.contains(&fold(j)),
            "junk {j:?} is a stored name"
        );
        assert!(
            !owners.contains_key(&fold(j)),
            "junk {j:?} is a listed spelling"
        );
        assert!(!index.contains_key(j.as_str()), "junk {j:?} is an id");
    }
}

fn research_language(v: &Value) -> Option<String> {
    v.as_str().filter(|l| *l != "en").map(str::to_owned)
}

/// Checks one ledger record against its network; `Err` says what is missing.
fn check(n: &Network, rec: &Value, spellings: &BTreeSet<(String, String)>) -> Result<(), String> {
    let fact = rec["fact"].as_str().unwrap();
    let value = &rec["value"];
    let text = value.as_str().unwrap_or_default();
    let src = rec["source"].as_str().unwrap_or_default();
    let has_source = |f: Fact| n.sources_for(f).any(|s| s.url == src);
    let named = |kind: Option<NameKind>| {
        n.other_names.iter().any(|o| {
            fold(&o.name) == fold(text)
                && o.source.as_deref() == Some(src)
                && kind.is_none_or(|k| o.kind == k)
        })
    };
    let classified_from = || {
        n.classification
            .as_ref()
            .is_some_and(|c| c.sources.iter().any(|u| u == src))
    };
    let remark_from = || n.notes.iter().any(|r| r.source.as_deref() == Some(src));
    // A name the research gives an acronym beside keeps it.
    let acronym_kept = |o: &citynets::OtherName| {
        rec.get("acronym")
            .is_none_or(|a| o.acronym.as_deref() == a.as_str())
    };
    let ok = match fact {
        "official_name_en" => n.name == text && has_source(Fact::Name) && named(None),
        "official_name_en_alternative" => (n.name == text && has_source(Fact::Name)) || named(None),
        "official_name_native" | "official_name_native_alternative" => {
            let lang = research_language(&rec["language"]);
            n.other_names.iter().any(|o| {
                fold(&o.name) == fold(text)
                    && o.source.as_deref() == Some(src)
                    && o.lang.as_deref().map(str::to_owned) == lang
                    && acronym_kept(o)
            })
        }
        "other_name" => {
            let dates_ok = |o: &citynets::OtherName| {
                o.start_date.as_deref() == rec["from"].as_str()
                    && o.end_date.as_deref() == rec["until"].as_str()
            };
            n.other_names.iter().any(|o| {
                fold(&o.name) == fold(text)
                    && o.source.as_deref() == Some(src)
                    && dates_ok(o)
                    && acronym_kept(o)
            }) || named(None)
                && rec["from"].is_null()
                && rec["until"].is_null()
                && rec.get("acronym").is_none()
        }
        "acronym" => n.acronym.as_deref() == Some(text) && has_source(Fact::Acronym),
        "acronym_alternative" => {
            (n.acronym.as_deref() == Some(text) && has_source(Fact::Acronym)) || named(None)
        }
        "founded" => {
            n.founding_date.as_deref() == Some(value.to_string().as_str())
                && has_source(Fact::FoundingDate)
        }
        "founded_alternative" => n
            .founding_date_alternatives
            .iter()
            .any(|a| a.value == value.to_string().as_str() && a.source == src),
        "secretariat" => {
            let s = n.secretariat.as_ref().ok_or("no secretariat")?;
            s.city.as_deref() == value["city"].as_str()
                && s.country.as_deref() == value["country"].as_str()
                && has_source(Fact::Secretariat)
        }
        "secretariat_alternative" => n.secretariat_alternatives.iter().any(|a| {
            a.source == src
                && a.city.as_deref() == value["city"].as_str()
                && a.country.as_deref() == value["country"].as_str()
        }),
        "website" => n.website.as_deref() == Some(text) && has_source(Fact::Website),
        "website_alternative" => {
            has_source(Fact::Website)
                || n.notes
                    .iter()
                    .any(|r| r.source.as_deref() == Some(src) && r.note.contains(text))
        }
        "members" => ledger::has_member_count(n, rec, value, src),
        "scope" => {
            let want: Scope = text.parse().map_err(|_| format!("scope {text}"))?;
            n.scope == Some(want) && classified_from()
        }
        "kind" => {
            let want: Kind = text.parse().map_err(|_| format!("kind {text}"))?;
            n.kind == Some(want) && classified_from()
        }
        "scope_alternative" | "kind_alternative" => {
            let basis = n
                .classification
                .as_ref()
                .map(|c| c.basis.to_string())
                .unwrap_or_default();
            let same = n.scope.is_some_and(|s| s.as_str() == text)
                || n.kind.is_some_and(|k| k.as_str() == text);
            classified_from() && (same || basis.contains(text))
        }
        "parent" | "parent_alternative" => {
            n.parent.as_ref().is_some_and(|p| p.source == src) || remark_from()
        }
        "wikidata" => n.wikidata.as_deref() == Some(text),
        "policy_area" => {
            let want: PolicyArea = text.parse().map_err(|_| format!("policy area {text}"))?;
            n.has_policy_area(want)
        }
        "orientation" => {
            let want: Orientation = text.parse().map_err(|_| format!("orientation {text}"))?;
            n.has_orientation(want)
        }
        "conflict" => {
            n.caveats.iter().any(|c| c.note == text) || n.notes.iter().any(|r| r.note == text)
        }
        "spelling" => spellings.contains(&(text.to_owned(), n.id.to_string())),
        other => return Err(format!("unknown kind of fact {other}")),
    };
    if ok {
        Ok(())
    } else {
        Err("not carried with the same value and source".into())
    }
}

#[test]
fn every_registry_research_fact_is_carried_or_excused() {
    let networks = registry();
    let index = by_id(&networks);
    let ledger = fixture("registry-ledger.json");
    let exclusions = fixture("registry-exclusions.json");
    let spellings: BTreeSet<(String, String)> = tsv_rows(
        "tests/fixtures/registry-spellings.tsv",
        Some("spelling\tid\tsource"),
    )
    .into_iter()
    .map(|r| (r[0].clone(), r[1].trim_start_matches('~').to_owned()))
    .collect();
    let excused = |rec: &Value| {
        exclusions.as_array().unwrap().iter().find(|x| {
            x["network"] == rec["network"]
                && x["fact"] == rec["fact"]
                && x["source"] == rec["source"]
                && (x.get("value").is_none() || x["value"] == rec["value"])
        })
    };
    let mut missing = Vec::new();
    let mut used = BTreeSet::new();
    let mut per_fact: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for rec in ledger.as_array().unwrap() {
        let id = rec["network"].as_str().unwrap();
        let n = index
            .get(id)
            .unwrap_or_else(|| panic!("{id} is in the research but not in the registry"));
        assert!(
            ghent().by_id(id).is_none(),
            "{id}: a Ghent network in the registry research"
        );
        let entry = per_fact
            .entry(rec["fact"].as_str().unwrap().to_owned())
            .or_default();
        entry.0 += 1;
        match check(n, rec, &spellings) {
            Ok(()) => entry.1 += 1,
            Err(why) => match excused(rec) {
                Some(x) => {
                    assert!(
                        x["reason"].as_str().is_some_and(|r| r.len() > 20),
                        "exclusion without a reason: {x}"
                    );
                    used.insert(x.to_string());
                }
                None => missing.push(format!("{id} {}: {why} ({})", rec["fact"], rec["source"])),
            },
        }
    }
    assert!(
        missing.is_empty(),
        "{} research facts are missing:\n{}",
        missing.len(),
        missing.join("\n")
    );
    // Every exclusion is still needed.
    assert_eq!(
        used.len(),
        exclusions.as_array().unwrap().len(),
        "an exclusion is no longer needed"
    );
    eprintln!("{:<34} {:>6} {:>8}", "research fact", "facts", "carried");
    for (fact, (count, carried)) in &per_fact {
        eprintln!("{fact:<34} {count:>6} {carried:>8}");
    }
    eprintln!("excused: {}", used.len());
    let facts = ledger.as_array().unwrap().len();
    assert!(facts > 3000, "{facts} ledger facts");
}

#[test]
fn parents_named_by_id_are_registry_networks_and_caveats_have_their_kinds() {
    let networks = registry();
    let index = by_id(&networks);
    let mut with_id = 0;
    for n in &networks {
        if let Some(p) = &n.parent
            && let Some(id) = &p.organization_id
        {
            assert!(index.contains_key(id.as_str()), "{}: parent {id}", n.id);
            assert_ne!(id, &n.id, "{} is its own parent", n.id);
            with_id += 1;
        }
    }
    assert!(with_id >= 20, "{with_id} parents linked by id");
    // The award and the network of its winners are kept apart, and the award says so.
    let award = index["european-green-capital-award"];
    assert!(
        award
            .caveats_of(CaveatKind::NameCollision)
            .any(|c| c.note.contains("egcn"))
    );
    assert!(index.contains_key("egcn"));
}
