//! Membership records generated from the model's types (proptest): what the types hold, the
//! validator accepts, and the `jsonschema` crate agrees; one field broken the way the schema
//! forbids gives an error at that field's pointer, and the `jsonschema` crate agrees.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail loudly

use citynets::validate::validate_value;
use citynets::{
    CountryCode, DocumentKind, Member, MemberKind, Membership, NetworkId, PartialDate, Role,
    RoleHeld, Source, Status, Url, Vocabulary,
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

fn schema() -> jsonschema::Validator {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../schema/membership.schema.json"
    );
    let schema: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    jsonschema::draft202012::new(&schema).unwrap()
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
        let report = validate_value(&broken, Some(DocumentKind::Membership));
        let ours: Vec<&str> = report
            .problems
            .iter()
            .filter(|p| p.severity == citynets::validate::Severity::Error)
            .map(|p| p.instance_location.as_str())
            .collect();
        prop_assert!(ours.contains(&pointer.as_str()), "{}: {:?} in {}", pointer, ours, broken);
        let validator = schema();
        let theirs: Vec<String> = validator
            .iter_errors(&broken)
            .map(|e| e.instance_path().as_str().to_owned())
            .collect();
        // At the field, or at the object that holds it (a member's kind is checked with the
        // fields it needs, by the member's subschema), never at the record as a whole.
        let at_field = |p: &String| {
            p == &pointer
                || (!p.is_empty() && pointer.starts_with(&format!("{p}/")))
        };
        prop_assert!(
            theirs.iter().any(at_field),
            "{}: the jsonschema crate says {:?} of {}", pointer, theirs, broken
        );
    }
}
