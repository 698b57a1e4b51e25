//! The documents of the last schema version (`tests/fixtures/schema-N/`) still validate, or
//! the version was raised: a schema change that makes a valid document invalid cannot land
//! without a new `schema_version` (see "Versioning of the schemas" in the CHANGELOG).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail loudly

use std::path::PathBuf;

use citynets::SchemaVersion;
use citynets::validate::{Options, validate_reader};

fn fixtures() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures"))
}

/// The current schema version, as documents write it.
fn current() -> u32 {
    let text = serde_json::to_value(SchemaVersion::default()).unwrap();
    text.as_str().unwrap().parse().unwrap()
}

/// The versions that have a folder of documents, lowest first.
fn versions() -> Vec<u32> {
    let mut found: Vec<u32> = std::fs::read_dir(fixtures())
        .unwrap()
        .filter_map(|e| {
            let name = e.unwrap().file_name().into_string().unwrap();
            name.strip_prefix("schema-")?.parse().ok()
        })
        .collect();
    found.sort_unstable();
    found
}

#[test]
fn the_current_version_has_its_documents() {
    let found = versions();
    assert_eq!(
        found.last().copied(),
        Some(current()),
        "schema_version is {} but the newest folder of documents is {found:?}: whoever raises \
         the version adds tests/fixtures/schema-{} with documents valid under it",
        current(),
        current()
    );
}

#[test]
fn the_documents_of_the_current_version_still_validate() {
    let dir = fixtures().join(format!("schema-{}", current()));
    let mut read = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let document = if name.starts_with("networks") {
            citynets::DocumentKind::Network
        } else if name.starts_with("memberships") {
            citynets::DocumentKind::Membership
        } else {
            continue;
        };
        let options = Options {
            document: Some(document),
            path: Some(name.clone()),
            ..Options::default()
        };
        let report = validate_reader(std::fs::File::open(&path).unwrap(), &options).unwrap();
        assert_eq!(
            report.errors,
            0,
            "{name}, valid under schema version {}, no longer validates: the change is \
             incompatible, so it needs a new schema_version. {:#?}",
            current(),
            report.problems
        );
        assert!(report.records > 0, "{name} has no records");
        read += 1;
    }
    assert_eq!(
        read,
        2,
        "the networks and the memberships of {}",
        dir.display()
    );
}
