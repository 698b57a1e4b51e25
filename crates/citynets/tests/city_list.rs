//! A city's own list of networks made into a catalogue document: names resolved through the
//! embedded networks, the city's memberships with what the sheet says for certain, and the
//! rest left for a person, with nothing dropped in silence.

#![cfg(feature = "csv")]
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly

use citynets::DocumentKind;
use citynets::city_list::{CityList, catalogue_from_list};
use citynets::validate::{Catalogues, Format, Options, validate_bytes};

fn list(city: &str, country: &str) -> CityList {
    CityList {
        city: city.to_owned(),
        country: country.to_owned(),
        source: "https://example.org/our-networks".to_owned(),
        delimiter: None,
    }
}

#[test]
fn names_become_networks_with_the_citys_memberships() {
    let sheet = "Netwerk;Rol;Status;Sinds;Opmerking\n\
                 Eurocities;;Full member;2004;\n\
                 Klimaatverbond;;member;1992;the oldest\n\
                 UNESCO;;;;\n\
                 Polis;Voorzitter;;2015.0;\n\
                 Not a network at all;;;;\n\
                 \n\
                 eurocities;;;;twice\n\
                 ECCAR;;gold;next year;\n";
    let made = catalogue_from_list(
        sheet.as_bytes(),
        &list("Leuven", "BE"),
        &Catalogues::default(),
    )
    .unwrap();
    let c = &made.catalogue;
    assert_eq!(made.rows, 7, "blank rows are not counted");
    let ids: Vec<&str> = c.networks.iter().map(|n| n.id.as_str()).collect();
    assert_eq!(ids, ["eurocities", "climate-alliance", "polis", "eccar"]);
    assert_eq!(
        (c.city.name.as_str(), c.city.country.as_str()),
        ("Leuven", "BE")
    );
    // The facts and the name are the registry's; the membership's note keeps the list's spelling.
    let climate = &c.networks[1];
    let registry = citynets::registry().by_id("climate-alliance").unwrap();
    assert_eq!(climate.name, registry.name);
    let note = climate.memberships[0].note.as_deref().unwrap();
    assert!(note.contains("\"Klimaatverbond\""), "{note}");
    assert_eq!(climate.founding_date, registry.founding_date);
    assert_eq!(climate.website, registry.website);
    // One membership each: Leuven's, with what the sheet says for certain.
    let m = |i: usize| &c.networks[i].memberships[0];
    assert!(c.networks.iter().all(|n| n.memberships.len() == 1));
    assert_eq!(m(0).member.city.as_deref(), Some("Leuven"));
    assert_eq!(m(0).status.map(|s| s.to_string()).as_deref(), Some("full"));
    assert_eq!(
        m(0).start_date.as_ref().map(ToString::to_string).as_deref(),
        Some("2004")
    );
    assert_eq!(m(1).status, None, "member says no grade");
    assert_eq!(m(2).roles[0].role.to_string(), "president");
    assert_eq!(
        m(2).start_date.as_ref().map(ToString::to_string).as_deref(),
        Some("2015")
    );
    assert_eq!(m(0).sources[0].url, "https://example.org/our-networks");
    // Left: the column not read, the ambiguous name with its two candidates, the unknown one,
    // the repeated network, and the cells that say nothing certain.
    let left: Vec<(u64, &str)> = made.left.iter().map(|l| (l.row, l.text.as_str())).collect();
    assert_eq!(
        left,
        [
            (0, "Opmerking"),
            (3, "UNESCO"),
            (5, "Not a network at all"),
            (6, "eurocities"),
            (7, "gold"),
            (7, "next year"),
        ]
    );
    assert!(made.left[1].candidates.len() >= 2, "{:?}", made.left[1]);
    // The document is valid.
    let text = c.to_json_pretty();
    let options = Options {
        document: Some(DocumentKind::Catalogue),
        format: Some(Format::Json),
        ..Options::default()
    };
    let report = validate_bytes(text.as_bytes(), &options);
    assert!(report.is_valid(true), "{:?}", report.problems);
}

#[test]
fn a_country_the_model_refuses_is_an_error_that_says_so() {
    let e = catalogue_from_list(
        "network\nEurocities\n".as_bytes(),
        &list("Berlin", "Germany"),
        &Catalogues::default(),
    )
    .unwrap_err();
    assert_eq!(e.kind(), std::io::ErrorKind::InvalidInput);
    assert!(
        e.to_string()
            .starts_with("city \"Berlin\", country \"Germany\""),
        "{e}"
    );
}

#[test]
fn nothing_is_dropped_in_silence() {
    // No header names the networks' column; a row has cells but no name; a name is too long.
    let long = "x".repeat(301);
    let sheet = format!("Eurocities;Since\nPolis;2015\n;2012\n{long};\n");
    let made = catalogue_from_list(
        sheet.as_bytes(),
        &list("Gent", "BE"),
        &Catalogues::default(),
    )
    .unwrap();
    let ids: Vec<&str> = made
        .catalogue
        .networks
        .iter()
        .map(|n| n.id.as_str())
        .collect();
    assert_eq!(ids, ["polis"]);
    let left: Vec<(u64, &str)> = made.left.iter().map(|l| (l.row, l.text.as_str())).collect();
    assert_eq!(left, [(0, "Eurocities"), (2, "2012"), (3, long.as_str())]);
    assert!(
        made.left[0].reason.contains("first line as the header"),
        "{:?}",
        made.left[0]
    );
    // A duplicate row says which of its cells are not kept.
    let sheet = "network;status\nPolis;full\nPOLIS;observer\n";
    let made = catalogue_from_list(
        sheet.as_bytes(),
        &list("Gent", "BE"),
        &Catalogues::default(),
    )
    .unwrap();
    assert_eq!(made.catalogue.networks.len(), 1);
    assert!(
        made.left[0]
            .reason
            .contains("status, role and year are not"),
        "{:?}",
        made.left
    );
}
