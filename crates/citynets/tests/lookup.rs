//! Lookups by id, acronym, name and alias, and filters.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail loudly

use citynets::{Error, Filter, Focus, Kind, NameKind, Orientation, PolicyArea, Scope, ghent};

#[test]
fn aliases_find_their_network() {
    let table = [
        ("CityDNA", "ecm"),
        ("City Destinations Alliance", "ecm"),
        ("european cities marketing", "ecm"),
        ("Procura+", "procuraplus"),
        ("procura plus", "procuraplus"),
        ("Klimaatverbond", "climate-alliance"),
        (
            "Klima-Bündnis der europäischen Städte mit indigenen Völkern der Regenwälder",
            "climate-alliance",
        ),
        ("Polis Network", "polis"),
        ("POLIS", "polis"),
        ("ECCAR", "eccar"),
        ("eccar", "eccar"),
        ("Geintegreerde", "bgts"),
        ("Geïntegreerde", "bgts"),
        ("Benelux Groepering voor Territoriale Samenwerking", "bgts"),
        ("ICLEI - Local Governments for Sustainability", "iclei"),
        (
            "International Council for Local Environmental Initiatives",
            "iclei",
        ),
        ("Burgemeestersconvenant", "covenant-of-mayors"),
        ("CoM", "covenant-of-mayors"),
        ("Heiwa Shucho Kaigi", "mayors-for-peace"),
        ("UCCN", "uccn"),
        ("RUAF", "ruaf"),
        ("Open & Agile Smart Cities", "oasc"),
        ("open and agile smart cities", "oasc"),
        ("RAN Practitioners", "ran"),
        ("Europese Keizer Karelroutes", "charles-v-routes"),
        ("GLCN on SP", "glcn"),
        (
            "City Democracy Incubator",
            "incubator-participatory-democracy",
        ),
        ("mayors-for-peace", "mayors-for-peace"),
    ];
    for (query, id) in table {
        assert_eq!(
            ghent().get(query).map(|n| n.id.as_str()),
            Some(id),
            "{query:?}"
        );
    }
}

/// Every name and acronym the catalogue records leads back to its own network.
#[test]
fn every_recorded_name_resolves_to_its_network() {
    let mut checked = 0;
    for n in ghent() {
        let mut names: Vec<String> = vec![n.id.to_string(), n.name.to_string()];
        names.extend(n.acronym.iter().map(|a| a.to_string()));
        for o in n
            .other_names
            .iter()
            .filter(|o| o.kind != NameKind::Confusable)
        {
            names.push(o.name.to_string());
            names.extend(o.acronym.iter().map(|a| a.to_string()));
        }
        for name in names {
            match ghent().lookup(&name) {
                Ok(found) => assert_eq!(
                    found.id, n.id,
                    "{name:?} finds {} instead of {}",
                    found.id, n.id
                ),
                // Two networks may share an acronym (ICLEI's old and new names both say ICLEI).
                Err(Error::Ambiguous { candidates, .. }) => {
                    assert!(candidates.contains(&n.id.to_string()), "{name:?}")
                }
                Err(e) => panic!("{name:?}: {e}"),
            }
            checked += 1;
        }
    }
    assert!(checked > 150, "{checked}");
}

#[test]
fn confusable_names_do_not_match() {
    assert!(ghent().get("Gents Klimaatverbond").is_none());
}

#[test]
fn misses_explain_themselves() {
    match ghent().lookup("Eurocitis") {
        Err(Error::NotFound { suggestions, .. }) => {
            assert_eq!(suggestions.first().map(String::as_str), Some("Eurocities"))
        }
        other => panic!("{other:?}"),
    }
    match ghent().lookup("UNESCO") {
        Err(Error::Ambiguous { candidates, .. }) => {
            assert_eq!(
                candidates,
                vec!["unesco-cities-of-music".to_owned(), "uccn".to_owned()]
            );
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(ghent().lookup("   "), Err(Error::NotFound { .. })));
    let message = ghent().lookup("Eurocitis").unwrap_err().to_string();
    assert_eq!(
        message,
        "no network matches \"Eurocitis\"; did you mean \"Eurocities\"?"
    );
}

#[test]
fn search_finds_every_network_containing_the_words() {
    let ids: Vec<&str> = ghent()
        .search("procurement")
        .iter()
        .map(|n| n.id.as_str())
        .collect();
    assert_eq!(ids, vec!["glcn", "procuraplus"]);
}

#[test]
fn filters_combine_conditions() {
    let cat = ghent();
    let climate: Vec<&str> = cat
        .filter(&Filter::new().policy_area(PolicyArea::Climate))
        .map(|n| n.id.as_str())
        .collect();
    for id in [
        "climate-alliance",
        "covenant-of-mayors",
        "iclei",
        "eurocities",
    ] {
        assert!(climate.contains(&id), "{id} missing from {climate:?}");
    }
    let f = Filter::new()
        .policy_area(PolicyArea::Climate)
        .orientation(Orientation::Advocacy)
        .scope(Scope::Global);
    let both: Vec<&str> = cat.filter(&f).map(|n| n.id.as_str()).collect();
    assert_eq!(both, vec!["iclei"]);
    for n in cat.filter(&Filter::new().kind(Kind::UnProgramme)) {
        assert!(n.id.starts_with("unesco") || n.id == "uccn");
    }
    assert_eq!(cat.filter(&Filter::new()).count(), 38);
    let single = cat.filter(&Filter::new().focus(Focus::SingleArea)).count();
    let broad = cat.filter(&Filter::new().focus(Focus::Broad)).count();
    assert_eq!(single + broad, 38);
}
