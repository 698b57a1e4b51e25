//! Records and documents generated from the model's types (proptest): membership records
//! built field by field; network records and catalogue documents made from the catalogue's
//! typed networks with any of their optional fields left out. What the types hold, the
//! validator accepts, and the `jsonschema` crate agrees; one field broken the way the schema
//! forbids gives an error at that field's pointer, and the `jsonschema` crate agrees.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail loudly

use std::sync::OnceLock;

use citynets::validate::validate_value;
use citynets::{
    Catalogue, CountryCode, DocumentKind, Member, MemberKind, Membership, Network, NetworkId,
    PartialDate, Role, RoleHeld, Source, Status, Url, Vocabulary,
};
use proptest::prelude::*;
use serde_json::{Value, json};

/// A value of a vocabulary.
fn one_of<V: Vocabulary>() -> impl Strategy<Value = V> {
    proptest::sample::select(V::all())
}

fn text(choices: &'static [&'static str]) -> impl Strategy<Value = String> {
    proptest::sample::select(choices).prop_map(str::to_owned)
}

fn date() -> impl Strategy<Value = PartialDate> {
    (1950u16..2030, prop::option::of(1u8..13), 1u8..29).prop_map(|(y, m, d)| {
        let text = match m {
            None => format!("{y}"),
            Some(m) if d % 2 == 0 => format!("{y}-{m:02}"),
            Some(m) => format!("{y}-{m:02}-{d:02}"),
        };
        text.parse().unwrap()
    })
}

fn url() -> impl Strategy<Value = Url> {
    text(&[
        "https://eurocities.eu/",
        "https://www.iclei.org/members",
        "http://example.org/a?b=c#d",
    ])
    .prop_map(|u| u.parse().unwrap())
}

fn member() -> impl Strategy<Value = Member> {
    (
        one_of::<MemberKind>(),
        prop::option::of(text(&[
            "Ghent",
            "City of Leuven",
            "Universiteit Gent",
            "Île-de-France",
        ])),
        prop::option::of(text(&["Gent", "Leuven", "Lyon", "São Paulo"])),
        prop::option::of(text(&["BE", "FR", "BR", "XK"])),
        prop::option::of(1u32..5_000_000),
    )
        .prop_map(|(kind, name, city, country, geonames)| {
            // What the kind needs is given; the rest as drawn.
            let needs = kind.needs();
            let name = name.or_else(|| needs.name.then(|| "Ghent".to_owned()));
            let city = city.or_else(|| needs.city.then(|| "Gent".to_owned()));
            let country = country.or_else(|| needs.country.then(|| "BE".to_owned()));
            let geonames_id = city
                .as_ref()
                .and(geonames)
                .and_then(std::num::NonZeroU32::new);
            Member {
                kind,
                name: name.map(|n| n.parse().unwrap()),
                city: city.map(|c| c.parse().unwrap()),
                country: country.map(|c| c.parse::<CountryCode>().unwrap()),
                geonames_id,
            }
        })
}

fn role() -> impl Strategy<Value = RoleHeld> {
    (one_of::<Role>(), prop::option::of(date()), url()).prop_map(|(role, start, source)| RoleHeld {
        role,
        body: None,
        holder: None,
        start_date: start,
        end_date: None,
        note: None,
        source,
    })
}

fn membership() -> impl Strategy<Value = Membership> {
    let ids: Vec<String> = citynets::ghent()
        .networks
        .iter()
        .map(|n| n.id.to_string())
        .collect();
    (
        proptest::sample::select(ids),
        member(),
        prop::option::of(one_of::<Status>()),
        prop::option::of(date()),
        prop::collection::vec(role(), 0..3),
        prop::collection::vec(url(), 0..3),
    )
        .prop_map(|(id, member, status, start, roles, sources)| Membership {
            organization_id: id.parse::<NetworkId>().unwrap(),
            member,
            status,
            start_date: start,
            end_date: None,
            roles: citynets::List::new(roles).unwrap(),
            note: None,
            sources: citynets::List::new(sources.into_iter().map(Source::new).collect()).unwrap(),
        })
}

/// One of the catalogue's networks, with the optional fields that `leave_out`'s bits pick
/// left out (the types say which may be).
fn network() -> impl Strategy<Value = Network> {
    let count = citynets::ghent().networks.len();
    (0..count, any::<u32>()).prop_map(|(i, leave_out)| {
        let mut n = citynets::ghent().networks[i].clone();
        let out = |bit: u32| leave_out & (1 << bit) != 0;
        if out(0) {
            n.acronym = None;
        }
        if out(1) {
            n.other_names = Default::default();
        }
        if out(2) {
            n.description = None;
        }
        if out(3) {
            n.policy_areas = None;
        }
        if out(4) {
            n.orientations = None;
        }
        if out(5) {
            n.focus = None;
            n.scope = None;
            n.kind = None;
        }
        if out(6) {
            n.classification = None;
        }
        if out(7) {
            n.website = None;
            n.wikidata = None;
        }
        if out(8) {
            n.founding_date = None;
            n.founding_date_alternatives = Default::default();
        }
        if out(9) {
            n.secretariat = None;
            n.secretariat_alternatives = Default::default();
        }
        if out(10) {
            n.member_counts = Default::default();
            n.parent = None;
        }
        if out(11) {
            n.caveats = Default::default();
            n.notes = Default::default();
        }
        if out(12) {
            n.memberships = Default::default();
        }
        n
    })
}

/// The catalogue with one to four networks of [`network`] (the same one twice, at times).
fn catalogue() -> impl Strategy<Value = Catalogue> {
    prop::collection::vec(network(), 1..5).prop_map(|networks| {
        let mut c = citynets::ghent().clone();
        c.networks = citynets::List::new(networks).unwrap();
        c
    })
}

/// The committed schema of `kind`, compiled once.
fn schema_of(kind: DocumentKind) -> &'static jsonschema::Validator {
    static CACHE: [OnceLock<jsonschema::Validator>; 3] =
        [OnceLock::new(), OnceLock::new(), OnceLock::new()];
    let i = match kind {
        DocumentKind::Catalogue => 0,
        DocumentKind::Network => 1,
        _ => 2,
    };
    CACHE[i].get_or_init(|| {
        let path = format!(
            "{}/../../schema/{}",
            env!("CARGO_MANIFEST_DIR"),
            kind.schema_file_name()
        );
        let schema: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        jsonschema::draft202012::new(&schema).unwrap()
    })
}

fn schema() -> &'static jsonschema::Validator {
    schema_of(DocumentKind::Membership)
}

/// The ways to break a network record's field that the schema forbids.
fn network_breakages(record: &Value) -> Vec<(String, Value)> {
    let mut out = vec![
        ("/id".to_owned(), json!("Not A Slug")),
        ("/name".to_owned(), json!(42)),
        ("/scope".to_owned(), json!("worldwide")),
        ("/founding_date".to_owned(), json!("1986.0")),
        ("/website".to_owned(), json!("eurocities dot eu")),
    ];
    if record.pointer("/policy_areas/0").is_some() {
        out.push(("/policy_areas/0".to_owned(), json!("mobilty")));
    }
    if record.pointer("/memberships/0/member").is_some() {
        out.push(("/memberships/0/member/country".to_owned(), json!("Belgium")));
    }
    out
}

/// Where the `jsonschema` crate places the errors of `doc`.
fn schema_says(validator: &jsonschema::Validator, doc: &Value) -> Vec<String> {
    validator
        .iter_errors(doc)
        .map(|e| e.instance_path().as_str().to_owned())
        .collect()
}

/// Whether one of `paths` is `pointer`, or an object that holds it (a member's kind is
/// checked with the fields it needs, by the member's subschema) below `whole`, the record.
fn at_field(paths: &[String], pointer: &str, whole: &str) -> bool {
    paths
        .iter()
        .any(|p| p == pointer || (p.len() > whole.len() && pointer.starts_with(&format!("{p}/"))))
}

/// Whether the validator reports an error at `pointer`.
fn error_at(doc: &Value, kind: DocumentKind, pointer: &str) -> bool {
    validate_value(doc, Some(kind)).problems.iter().any(|p| {
        p.severity == citynets::validate::Severity::Error && p.instance_location == pointer
    })
}

/// The ways to break a record's field that the schema forbids: the field's pointer, and the
/// value put there.
fn breakages(record: &Value) -> Vec<(String, Value)> {
    let mut out = vec![
        ("/organization_id".to_owned(), json!("Not A Slug")),
        ("/member/kind".to_owned(), json!("citi")),
        ("/member/country".to_owned(), json!("Belgium")),
        ("/status".to_owned(), json!("member")),
        ("/start_date".to_owned(), json!("2015.0")),
        ("/start_date".to_owned(), json!(2015)),
    ];
    if record.pointer("/member/geonames_id").is_some() {
        out.push(("/member/geonames_id".to_owned(), json!(0)));
    }
    if record.pointer("/roles/0").is_some() {
        out.push(("/roles/0/role".to_owned(), json!("boss")));
        out.push(("/roles/0/source".to_owned(), json!("not an address")));
    }
    out
}

/// `record` with the value at `pointer` set (its object exists: the parent of every pointer
/// of [`breakages`] is in every record).
fn with(record: &Value, pointer: &str, value: Value) -> Value {
    let mut out = record.clone();
    let (parent, key) = pointer.rsplit_once('/').unwrap();
    let holder = out.pointer_mut(parent).unwrap();
    match holder {
        Value::Object(map) => {
            map.insert(key.to_owned(), value);
        }
        Value::Array(items) => items[key.parse::<usize>().unwrap()] = value,
        _ => panic!("{parent} holds no field"),
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn what_the_types_hold_validates_and_the_schema_agrees(m in membership()) {
        let record = serde_json::to_value(&m).unwrap();
        let report = validate_value(&record, Some(DocumentKind::Membership));
        prop_assert_eq!(report.errors, 0, "{} {:#?}", record, report.problems);
        prop_assert!(schema().is_valid(&record), "{}", record);
    }

    #[test]
    fn one_broken_field_is_an_error_at_its_pointer_and_the_schema_agrees(
        m in membership(),
        pick in any::<prop::sample::Index>(),
    ) {
        let record = serde_json::to_value(&m).unwrap();
        let ways = breakages(&record);
        let (pointer, value) = ways[pick.index(ways.len())].clone();
        let broken = with(&record, &pointer, value);
        prop_assert!(error_at(&broken, DocumentKind::Membership, &pointer), "{}: {}", pointer, broken);
        let theirs = schema_says(schema(), &broken);
        prop_assert!(
            at_field(&theirs, &pointer, ""),
            "{}: the jsonschema crate says {:?} of {}", pointer, theirs, broken
        );
    }

    #[test]
    fn networks_and_catalogues_of_the_types_validate_and_the_schema_agrees(
        n in network(),
        c in catalogue(),
    ) {
        let record = serde_json::to_value(&n).unwrap();
        let report = validate_value(&record, Some(DocumentKind::Network));
        prop_assert_eq!(report.errors, 0, "{} {:#?}", n.id, report.problems);
        prop_assert!(schema_of(DocumentKind::Network).is_valid(&record), "{}", n.id);
        let doc = serde_json::to_value(&c).unwrap();
        let report = validate_value(&doc, Some(DocumentKind::Catalogue));
        prop_assert_eq!(report.errors, 0, "{:#?}", report.problems);
        prop_assert!(schema_of(DocumentKind::Catalogue).is_valid(&doc));
    }

    #[test]
    fn one_broken_field_of_a_network_is_an_error_at_its_pointer_in_a_record_and_a_catalogue(
        c in catalogue(),
        pick in any::<prop::sample::Index>(),
    ) {
        let doc = serde_json::to_value(&c).unwrap();
        let record = doc.pointer("/networks/0").unwrap().clone();
        let ways = network_breakages(&record);
        let (field, value) = ways[pick.index(ways.len())].clone();
        // A field left out is put back with a wrong value: that is the breakage too.
        let broken = with(&record, &field, value.clone());
        prop_assert!(error_at(&broken, DocumentKind::Network, &field), "{}: {}", field, broken);
        let theirs = schema_says(schema_of(DocumentKind::Network), &broken);
        prop_assert!(at_field(&theirs, &field, ""), "{}: {:?}", field, theirs);
        let pointer = format!("/networks/0{field}");
        let broken = with(&doc, &pointer, value);
        prop_assert!(error_at(&broken, DocumentKind::Catalogue, &pointer), "{}", pointer);
        let theirs = schema_says(schema_of(DocumentKind::Catalogue), &broken);
        prop_assert!(at_field(&theirs, &pointer, "/networks/0"), "{}: {:?}", pointer, theirs);
    }
}
