//! The gazetteer against the way real member lists and datasets write their cities
//! (`tests/fixtures/city-spellings.tsv`, each spelling with the address where it was seen) and
//! against members that are not cities (`tests/fixtures/not-cities.tsv`).
//!
//! What it holds the resolver to: at least 95% of the spellings resolve, read with their
//! country, to the right GeoNames id; none to a wrong one; and no name of a body that is not a
//! city resolves to a city. The corpus has at least 300 spellings, at least 100 of them not a
//! name the gazetteer stores (prefixed, council, misspelt forms).

#![cfg(feature = "gazetteer")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use citynets::gazetteer::{CityMatch, resolve_city};

fn rows(file: &str, columns: usize) -> Vec<Vec<String>> {
    let path = format!("{}/../../tests/fixtures/{file}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap();
    let mut lines = text.lines();
    lines.next();
    lines
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let cells: Vec<String> = l.split('\t').map(str::to_owned).collect();
            assert_eq!(cells.len(), columns, "{file}: {l}");
            cells
        })
        .collect()
}

#[test]
fn real_spellings_resolve_to_the_right_city() {
    let rows = rows("city-spellings.tsv", 5);
    assert!(rows.len() >= 300, "{} spellings", rows.len());
    let (mut right, mut unstored, mut unstored_right) = (0, 0, 0);
    let mut wrong = Vec::new();
    let mut missed = Vec::new();
    for r in &rows {
        let [spelling, country, id, source, _] = &r[..] else {
            unreachable!()
        };
        assert!(source.starts_with("http"), "{spelling}: no source address");
        let want: u32 = id.parse().unwrap();
        let m = resolve_city(spelling, Some(country)).unwrap();
        let stored = matches!(m, CityMatch::Found { stored: true, .. });
        if !stored {
            unstored += 1;
        }
        match m.found() {
            Some(p) if p.geonames_id == want => {
                right += 1;
                if !stored {
                    unstored_right += 1;
                }
            }
            Some(p) => wrong.push(format!(
                "{spelling} ({country}) -> {} {}",
                p.geonames_id, p.name
            )),
            None => missed.push(format!("{spelling} ({country}): {m:?}")),
        }
    }
    let share = f64::from(right) / rows.len() as f64;
    eprintln!(
        "{right} of {} right ({:.1}%); {unstored} not stored names, {unstored_right} of them right; missed: {missed:#?}",
        rows.len(),
        share * 100.0
    );
    assert!(
        unstored >= 100,
        "only {unstored} spellings are not stored names"
    );
    assert!(wrong.is_empty(), "resolved to a wrong city: {wrong:#?}");
    assert!(
        share >= 0.95,
        "{right} of {} right; missed: {missed:#?}",
        rows.len()
    );
}

#[test]
fn bodies_that_are_not_cities_resolve_to_no_city() {
    let rows = rows("not-cities.tsv", 4);
    assert!(rows.len() >= 50);
    let mut found = Vec::new();
    for r in &rows {
        let [name, country, source, _] = &r[..] else {
            unreachable!()
        };
        assert!(source.starts_with("http"), "{name}: no source address");
        let country = (!country.is_empty()).then_some(country.as_str());
        let m = resolve_city(name, country).unwrap();
        if let Some(p) = m.found() {
            found.push(format!(
                "{name} ({country:?}) -> {} {}",
                p.geonames_id, p.name
            ));
        }
    }
    assert!(found.is_empty(), "not cities, resolved to one: {found:#?}");
}
