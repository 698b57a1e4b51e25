//! Coverage of the research: every non-null fact of the research (as recorded in
//! `tests/fixtures/research-ledger.json`, written by `cargo xtask import`) is in the catalogue
//! with the same value and the same source, or `tests/fixtures/coverage-exclusions.json` names
//! it with the reason it was left out.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail loudly

use std::collections::BTreeMap;

use citynets::{Fact, Kind, Network, Scope, fold, ghent};
use serde_json::Value;

#[path = "support/ledger.rs"]
mod ledger;

fn fixture(name: &str) -> Value {
    let path = format!("{}/../../tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

fn country_code(name: &str) -> &'static str {
    match name {
        "Belgium" => "BE",
        "France" => "FR",
        "Germany" => "DE",
        "Italy" => "IT",
        "Japan" => "JP",
        "Netherlands" => "NL",
        "Spain" => "ES",
        other => panic!("unknown country {other}"),
    }
}

/// The researcher's scope wording, read as a Scope.
fn research_scope(s: &str) -> Scope {
    let s = s.to_lowercase();
    if s.starts_with("global") {
        Scope::Global
    } else if s.starts_with("european") {
        Scope::European
    } else if s.starts_with("national") {
        Scope::National
    } else if s.starts_with("international") {
        Scope::International
    } else if s.starts_with("benelux") {
        Scope::CrossBorder
    } else {
        panic!("unmapped scope {s}")
    }
}

/// The researcher's organisation type, read as a Kind.
fn research_kind(s: &str) -> Kind {
    let s = s.to_lowercase();
    let table: &[(&str, Kind)] = &[
        ("city network association", Kind::CityNetwork),
        ("city and region network association", Kind::CityNetwork),
        ("professional association", Kind::ProfessionalAssociation),
        ("pledge/covenant", Kind::Pledge),
        ("eu-commission-run initiative", Kind::EuInitiative),
        ("un/unesco programme", Kind::UnProgramme),
        ("council of europe cultural route", Kind::CulturalRoute),
        ("foundation", Kind::Foundation),
        ("other: benelux legal instrument", Kind::LegalInstrument),
        ("other: open, non-formal network", Kind::InformalNetwork),
        ("other: iclei-coordinated", Kind::HostedInitiative),
        ("other: iclei-run", Kind::HostedInitiative),
        ("other: council of europe-initiated", Kind::HostedInitiative),
    ];
    table
        .iter()
        .find(|(prefix, _)| s.starts_with(prefix))
        .map(|(_, k)| *k)
        .unwrap_or_else(|| panic!("unmapped organisation type {s}"))
}

fn str_value(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Checks one ledger record; `Err` says what is missing.
fn check(n: &Network, rec: &Value) -> Result<(), String> {
    let fact = rec["fact"].as_str().unwrap();
    let value = &rec["value"];
    let source = rec["source"].as_str();
    let src = source.unwrap_or_default();
    let has_source = |f: Fact| n.sources_for(f).any(|s| s.url == src);
    let contains = |hay: &str, needle: &str| fold(hay).contains(&fold(needle));
    let ok = match fact {
        "name_on_ghent_page" => {
            let shown = match &n.acronym {
                Some(a) => format!("{} ({a})", n.name),
                None => n.name.to_string(),
            };
            shown == str_value(value) && has_source(Fact::Name)
        }
        "official_name_en" | "official_name_native" => n
            .other_names
            .iter()
            .any(|o| o.source.as_deref() == Some(src) && contains(&str_value(value), &o.name)),
        "acronym" => {
            let v = str_value(value);
            let first = v.split(" (").next().unwrap_or_default();
            let carried = n.acronym.as_deref() == Some(first)
                || n.other_names
                    .iter()
                    .any(|o| o.acronym.as_deref() == Some(first));
            carried && has_source(Fact::Acronym)
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
            let city_ok = value["city"].as_str() == s.city.as_deref();
            let country_ok = value["country"].as_str().map(country_code) == s.country.as_deref();
            let body_ok = value["body"].as_str() == s.body.as_deref();
            city_ok && country_ok && body_ok && has_source(Fact::Secretariat)
        }
        "secretariat_alternative" => n.secretariat_alternatives.iter().any(|a| {
            a.source == src
                && a.city.as_deref() == value["city"].as_str()
                && a.date.as_ref().map(|d| d.year().to_string())
                    == rec["year"].as_u64().map(|y| y.to_string())
        }),
        "website" => {
            let v = str_value(value);
            let first = v.split(' ').next().unwrap_or_default();
            let site = n.website.as_ref().ok_or("no website")?;
            let shown = site
                .as_str()
                .split_once("://")
                .map_or("", |(_, r)| r)
                .trim_end_matches('/');
            shown == first && has_source(Fact::Website)
        }
        "members" => ledger::has_member_count(n, rec, value, src),
        "scope" => {
            let cited = n
                .classification
                .as_ref()
                .is_some_and(|c| c.sources.iter().any(|u| u == src));
            if !cited {
                return Err("the classification does not cite the source".into());
            }
            let want = research_scope(&str_value(value));
            if n.scope != Some(want) {
                return Err(format!("scope {:?}, research reads {want:?}", n.scope));
            }
            true
        }
        "org_type" => {
            let cited = n
                .classification
                .as_ref()
                .is_some_and(|c| c.sources.iter().any(|u| u == src));
            if !cited {
                return Err("the classification does not cite the source".into());
            }
            let want = research_kind(&str_value(value));
            if n.kind != Some(want) {
                return Err(format!("kind {:?}, research reads {want:?}", n.kind));
            }
            true
        }
        "ghent" => n.memberships.iter().any(|m| {
            let in_roles = m.roles.iter().any(|r| {
                r.source == src
                    && match (rec["year"].as_i64(), &r.start_date) {
                        (Some(y), Some(d)) => {
                            i64::from(d.year()) == y
                                || r.end_date
                                    .as_ref()
                                    .is_some_and(|e| i64::from(e.year()) >= y)
                        }
                        (Some(_), None) => false,
                        (None, _) => true,
                    }
            });
            let in_sources = m.sources.iter().any(|s| s.url == src);
            in_roles || in_sources
        }),
        "note" => match source {
            Some(src) => {
                n.notes.iter().any(|r| r.source.as_deref() == Some(src))
                    || n.caveats.iter().any(|c| c.source.as_deref() == Some(src))
            }
            None => !n.caveats.is_empty(),
        },
        "conflicts" => !n.caveats.is_empty(),
        other => return Err(format!("unknown kind of fact {other}")),
    };
    if ok {
        Ok(())
    } else {
        Err("not carried with the same value and source".into())
    }
}

#[test]
fn every_research_fact_is_carried_or_excused() {
    let ledger = fixture("research-ledger.json");
    let exclusions = fixture("coverage-exclusions.json");
    let excused = |rec: &Value| {
        exclusions.as_array().unwrap().iter().find(|x| {
            x["network"] == rec["network"]
                && x["fact"] == rec["fact"]
                && x["source"] == rec["source"]
        })
    };
    let mut missing = Vec::new();
    let mut used_exclusions = 0;
    let mut per_fact: BTreeMap<String, (usize, std::collections::BTreeSet<String>)> =
        BTreeMap::new();
    for rec in ledger.as_array().unwrap() {
        let id = rec["network"].as_str().unwrap();
        let n = ghent()
            .by_id(id)
            .unwrap_or_else(|| panic!("{id} is in the research but not in the catalogue"));
        let entry = per_fact
            .entry(rec["fact"].as_str().unwrap().to_owned())
            .or_default();
        entry.0 += 1;
        match check(n, rec) {
            Ok(()) => {
                entry.1.insert(id.to_owned());
            }
            Err(why) => match excused(rec) {
                Some(x) => {
                    assert!(
                        x["reason"].as_str().is_some_and(|r| r.len() > 20),
                        "exclusion without a reason: {x}"
                    );
                    used_exclusions += 1;
                }
                None => missing.push(format!("{id} {}: {why} ({})", rec["fact"], rec["source"])),
            },
        }
    }
    // Every exclusion is still needed: none excuses a fact the catalogue now carries.
    assert_eq!(
        used_exclusions,
        exclusions.as_array().unwrap().len(),
        "an exclusion is no longer needed"
    );
    assert!(
        missing.is_empty(),
        "{} research facts are missing:\n{}",
        missing.len(),
        missing.join("\n")
    );
    eprintln!(
        "{:<26} {:>6} {:>20}",
        "fact", "facts", "networks carrying it"
    );
    for (fact, (count, nets)) in &per_fact {
        eprintln!("{fact:<26} {count:>6} {:>20}", format!("{}/38", nets.len()));
    }
    eprintln!("excused: {used_exclusions}");
}

#[test]
fn the_ledger_covers_all_38_networks() {
    let ledger = fixture("research-ledger.json");
    let ids: std::collections::BTreeSet<&str> = ledger
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["network"].as_str().unwrap())
        .collect();
    assert_eq!(ids.len(), 38);
    let facts = ledger.as_array().unwrap().len();
    assert!(facts > 400, "{facts}");
}
