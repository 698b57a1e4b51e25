//! Integrity of the embedded Ghent catalogue, and the hard cases the model must carry.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail loudly

use std::collections::{BTreeMap, BTreeSet};

use citynets::{
    CaveatKind, CountQualifier, Fact, Focus, Kind, Lang, MemberKind, NameKind, Orientation,
    PolicyArea, Relation, Role, Scope, Status, Vocabulary, ghent,
};

const SEED: &str = "https://stad.gent/en/city-governance-organisation/city-policy/ghent-international/working-together-international-level/ghent-and-its-international-networks";

fn page_entries() -> Vec<String> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/ghent-page-entries.txt"
    );
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(str::to_owned)
        .collect()
}

#[test]
fn holds_exactly_the_38_entries_of_the_citys_page() {
    let expected = page_entries();
    assert_eq!(expected.len(), 38);
    let actual: Vec<String> = ghent()
        .iter()
        .map(|n| match &n.acronym {
            Some(a) => format!("{} ({a})", n.name),
            None => n.name.to_string(),
        })
        .collect();
    assert_eq!(actual, expected);
    assert_eq!(ghent().list_source.url, SEED);
}

#[test]
fn ids_and_names_are_unique() {
    let ids: BTreeSet<&str> = ghent().iter().map(|n| n.id.as_str()).collect();
    assert_eq!(ids.len(), 38);
    let names: BTreeSet<&str> = ghent().iter().map(|n| n.name.as_str()).collect();
    assert_eq!(names.len(), 38);
}

#[test]
fn every_network_is_classified_described_and_sourced() {
    for n in ghent() {
        let id = &n.id;
        assert!(
            n.policy_areas.as_ref().is_some_and(|p| !p.is_empty()),
            "{id}: no policy area"
        );
        assert!(
            n.orientations.as_ref().is_some_and(|o| !o.is_empty()),
            "{id}: no orientation"
        );
        assert!(
            n.focus.is_some() && n.scope.is_some() && n.kind.is_some(),
            "{id}: focus, scope or kind missing"
        );
        let c = n
            .classification
            .as_ref()
            .unwrap_or_else(|| panic!("{id}: classification basis missing"));
        assert!(
            c.sources.iter().any(|u| u == SEED),
            "{id}: classification does not cite the City's page"
        );
        assert!(
            n.description.as_ref().is_some_and(|d| d.len() > 30),
            "{id}: no description"
        );
        assert!(
            n.sources_for(Fact::Name).any(|s| s.url == SEED),
            "{id}: the name is not sourced to the page"
        );
        assert!(!n.memberships.is_empty(), "{id}: no membership of Ghent");
        for m in &n.memberships {
            assert_eq!(m.organization_id, *id);
            assert_eq!(
                (
                    m.member.city.as_ref().map(|c| c.as_str()),
                    m.member.country.as_ref().map(|c| c.as_str())
                ),
                (Some("Ghent"), Some("BE"))
            );
            assert!(
                m.sources
                    .iter()
                    .any(|s| s.url == SEED && s.supports(Fact::Member)),
                "{id}: membership not sourced to the page"
            );
        }
        if n.focus == Some(Focus::SingleArea) {
            assert!(
                n.policy_areas.as_ref().is_some_and(|p| p.len() <= 3),
                "{id}: a single-area network lists many areas"
            );
        }
    }
}

/// Every address in the exported document, wherever it sits, is an http(s) address.
#[test]
fn every_source_is_a_web_address() {
    fn walk(v: &serde_json::Value, key: &str, found: &mut usize) {
        match v {
            serde_json::Value::Object(m) => m.iter().for_each(|(k, v)| walk(v, k, found)),
            serde_json::Value::Array(a) => a.iter().for_each(|v| walk(v, key, found)),
            serde_json::Value::String(s)
                if matches!(key, "url" | "source" | "sources" | "website") =>
            {
                assert!(
                    s.starts_with("https://") || s.starts_with("http://"),
                    "{key}: {s}"
                );
                *found += 1;
            }
            _ => {}
        }
    }
    let doc = serde_json::to_value(ghent()).unwrap();
    let mut found = 0;
    walk(&doc, "", &mut found);
    assert!(found > 300, "only {found} addresses found");
}

/// Every value of every vocabulary is used by the catalogue, or its doc says why it is kept.
#[test]
fn every_vocabulary_value_is_used_or_explained() {
    let doc = serde_json::to_value(ghent()).unwrap();
    let mut used: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    fn strings(v: &serde_json::Value, key: &str, out: &mut Vec<(String, String)>) {
        match v {
            serde_json::Value::Object(m) => m.iter().for_each(|(k, v)| strings(v, k, out)),
            serde_json::Value::Array(a) => a.iter().for_each(|v| strings(v, key, out)),
            serde_json::Value::String(s) => out.push((key.to_owned(), s.clone())),
            _ => {}
        }
    }
    let mut pairs = Vec::new();
    strings(&doc, "", &mut pairs);
    let fields: &[(&str, &[&str])] = &[
        ("PolicyArea", &["policy_areas"]),
        ("Orientation", &["orientations"]),
        ("Focus", &["focus"]),
        ("Scope", &["scope"]),
        ("Kind", &["kind"]),
        ("Status", &["status"]),
        ("Role", &["role"]),
        ("MemberKind", &["kind"]),
        ("NameKind", &["kind"]),
        ("CaveatKind", &["kind"]),
        ("CountQualifier", &["qualifier"]),
        ("Relation", &["relation"]),
        ("Fact", &["fields"]),
    ];
    for (vocab, keys) in fields {
        used.insert(
            vocab,
            pairs
                .iter()
                .filter(|(k, _)| keys.contains(&k.as_str()))
                .map(|(_, s)| s.clone())
                .collect(),
        );
    }
    // `exact` is the default qualifier and is not written out.
    used.get_mut("CountQualifier")
        .unwrap()
        .insert("exact".into());

    fn check<V: Vocabulary>(used: &BTreeMap<&str, BTreeSet<String>>, unused: &mut Vec<String>) {
        for v in V::all() {
            if !used[V::NAME].contains(v.as_str()) {
                let doc = v.description().to_lowercase();
                assert!(
                    doc.contains("kept for"),
                    "{}::{} is not used by the catalogue and its doc does not say what it is kept for",
                    V::NAME,
                    v.as_str()
                );
                unused.push(format!("{}::{}", V::NAME, v.as_str()));
            }
        }
    }
    let mut unused = Vec::new();
    check::<PolicyArea>(&used, &mut unused);
    check::<Orientation>(&used, &mut unused);
    check::<Focus>(&used, &mut unused);
    check::<Scope>(&used, &mut unused);
    check::<Kind>(&used, &mut unused);
    check::<Status>(&used, &mut unused);
    check::<Role>(&used, &mut unused);
    check::<MemberKind>(&used, &mut unused);
    check::<NameKind>(&used, &mut unused);
    check::<CaveatKind>(&used, &mut unused);
    check::<CountQualifier>(&used, &mut unused);
    check::<Relation>(&used, &mut unused);
    check::<Fact>(&used, &mut unused);
    // The whole fine-grained policy-area list is in use: no catch-all value.
    assert!(
        !unused.iter().any(|u| u.starts_with("PolicyArea::")),
        "{unused:?}"
    );
    eprintln!("kept for third-party data: {unused:?}");
}

#[test]
fn labels_exist_in_three_languages() {
    assert_eq!(
        PolicyArea::SocialPolicy.label_in(Lang::Nl),
        "Sociaal beleid"
    );
    assert_eq!(Orientation::Advocacy.label_in(Lang::Fr), "Plaidoyer");
}

// --- The hard cases -------------------------------------------------------------------------

#[test]
fn eurocities_roles_have_their_own_dates() {
    let n = ghent().get("Eurocities").unwrap();
    let m = &n.memberships[0];
    assert!(m.held_role_in(Role::President, 2016));
    assert!(m.held_role_in(Role::President, 2018));
    assert!(!m.held_role_in(Role::President, 2015));
    assert!(!m.held_role_in(Role::President, 2019));
    assert!(m.held_role_in(Role::VicePresident, 2015));
    assert!(
        m.held_role_in(Role::VicePresident, 2024),
        "vice-president since June 2023"
    );
    let president = m.roles.iter().find(|r| r.role == Role::President).unwrap();
    assert_eq!(president.start_date.as_deref(), Some("2016-11-18"));
    assert_eq!(president.holder.as_deref(), Some("Daniël Termont"));
    assert!(president.source.starts_with("https://"));
    assert_eq!(n.founding_date.as_deref(), Some("1986"));
    assert_eq!(
        n.secretariat.as_ref().unwrap().city.as_deref(),
        Some("Brussels")
    );
    assert!(n.member_counts.len() >= 5);
    assert!(n.caveats_of(CaveatKind::Outdated).count() == 1);
}

#[test]
fn european_cities_marketing_was_renamed() {
    let n = ghent().get("ECM").unwrap();
    assert_eq!(n.name, "European Cities Marketing");
    let official = n.official_name().unwrap();
    assert_eq!(official.name, "City Destinations Alliance");
    assert_eq!(official.acronym.as_deref(), Some("CityDNA"));
    assert_eq!(official.start_date.as_deref(), Some("2022-03-31"));
    let former = n.former_names();
    assert_eq!(former[0].name, "European Cities Marketing");
    assert_eq!(former[0].end_date.as_deref(), Some("2022-03-31"));
    assert!(n.caveats_of(CaveatKind::NameDiffers).count() == 1);
    assert_eq!(n.founding_date.as_deref(), Some("1989"));
    assert_eq!(n.founding_date_alternatives[0].value, "1991");
    for q in [
        "CityDNA",
        "City Destinations Alliance",
        "citydna",
        "European Cities Marketing",
    ] {
        assert_eq!(ghent().get(q).map(|n| n.id.as_str()), Some("ecm"), "{q}");
    }
}

#[test]
fn bgts_is_a_benelux_legal_form() {
    let n = ghent().get("BGTS").unwrap();
    assert_eq!(n.name, "Benelux Geïntegreerde Territoriale Samenwerking");
    assert_eq!(n.kind, Some(Kind::LegalInstrument));
    assert_eq!(n.scope, Some(Scope::CrossBorder));
    assert!(n.other_names.iter().any(|o| o.name
        == "Benelux Groepering voor Territoriale Samenwerking"
        && o.kind == NameKind::OwnLanguage
        && o.lang.as_deref() == Some("nl")
        && o.source.is_some()));
    assert_eq!(n.caveats_of(CaveatKind::NotANetwork).count(), 1);
    assert_eq!(n.caveats_of(CaveatKind::NameDiffers).count(), 1);
    assert_eq!(n.memberships.len(), 2);
    for m in &n.memberships {
        assert_eq!(m.member.kind, MemberKind::LegalBody);
        assert!(m.roles.iter().any(|r| r.role == Role::FoundingMember));
    }
}

#[test]
fn eunivercities_member_is_a_city_university_tandem() {
    let n = ghent().get("EUniverCities").unwrap();
    let m = &n.memberships[0];
    assert_eq!(m.member.kind, MemberKind::Tandem);
    assert_eq!(
        m.member.name.as_deref(),
        Some("City of Ghent and Ghent University")
    );
    assert_eq!(m.start_date.as_deref(), Some("2012"));
    assert_eq!(n.parent.as_ref().unwrap().relation, Relation::SuccessorOf);
}

#[test]
fn civitas_keeps_both_founding_years() {
    let n = ghent().get("civitas").unwrap();
    assert_eq!(n.founding_date.as_deref(), Some("2002"));
    assert_eq!(n.founding_date_alternatives.len(), 1);
    assert_eq!(n.founding_date_alternatives[0].value, "2001");
    assert_ne!(
        n.founding_date_alternatives[0].source,
        n.sources_for(Fact::FoundingDate).next().unwrap().url
    );
    assert_eq!(n.caveats_of(CaveatKind::SourcesDisagree).count(), 1);
}

#[test]
fn issa_member_is_a_city_department_with_affiliate_status() {
    let n = ghent().get("ISSA").unwrap();
    let m = &n.memberships[0];
    assert_eq!(m.member.kind, MemberKind::Department);
    assert_eq!(
        m.member.name.as_deref(),
        Some("Child Care Unit, City of Ghent")
    );
    assert_eq!(m.status, Some(Status::Affiliate));
    assert!(
        m.sources
            .iter()
            .any(|s| s.supports(Fact::Status) && s.url.host() == "issa.nl")
    );
}

#[test]
fn unesco_cities_of_music_sits_inside_the_creative_cities_network() {
    let cat = ghent();
    let music = cat.get("UNESCO Creative Cities of Music").unwrap();
    let parent = music.parent.as_ref().unwrap();
    assert_eq!(parent.relation, Relation::PartOf);
    let parent_id = parent.organization_id.as_ref().unwrap();
    assert_eq!(
        cat.by_id(parent_id).unwrap().name,
        "UNESCO Creative Cities Network"
    );
    let m = &music.memberships[0];
    assert_eq!(m.status, Some(Status::Designated));
    assert_eq!(m.start_date.as_deref(), Some("2009-06-08"));
}

#[test]
fn the_citys_own_counts_are_stated_not_reconciled() {
    let counts: Vec<(u32, CountQualifier)> = ghent()
        .stated_counts
        .iter()
        .map(|c| (c.count, c.qualifier))
        .collect();
    assert_eq!(
        counts,
        vec![
            (38, CountQualifier::Exact),
            (40, CountQualifier::MoreThan),
            (53, CountQualifier::Exact)
        ]
    );
    assert_eq!(ghent().license.as_deref(), Some("CC-BY-4.0"));
}

#[test]
fn parents_in_the_catalogue_exist() {
    for n in ghent() {
        if let Some(id) = n.parent.as_ref().and_then(|p| p.organization_id.as_ref()) {
            assert!(ghent().by_id(id).is_some(), "{}: parent {id} missing", n.id);
        }
    }
}

#[test]
fn the_embedded_file_is_in_canonical_form() {
    // The data file is what the types write: no field the types drop, no other layout.
    let mut expected = ghent().to_json_pretty();
    expected.push('\n');
    assert!(
        citynets::GHENT_JSON == expected,
        "crates/citynets/data/ghent.json is not in canonical form; run `cargo xtask import`"
    );
}
