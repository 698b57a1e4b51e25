//! The validator agrees with an independent JSON Schema 2020-12 validator (the `jsonschema`
//! crate, a dev-dependency only) on thousands of mutants of the catalogue, of network records
//! and of membership records: same verdict, same number of errors, same locations.
//!
//! Each mutant changes one value in a way that targets one keyword of the committed schemas;
//! about half of the mutations keep the record valid (another allowed value, a string at the
//! length limit, `1.0` for an integer…). Every keyword used in the schemas is exercised at
//! least 50 times.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail loudly

use std::collections::BTreeMap;

use citynets::DocumentKind;
use citynets::validate::{Format, Options, Severity, validate_bytes};
use serde_json::{Map, Value, json};

/// A small deterministic generator (xorshift64*), so every run tests the same mutants.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

fn schema(kind: DocumentKind) -> Value {
    let path = format!(
        "{}/../../schema/{}",
        env!("CARGO_MANIFEST_DIR"),
        kind.schema_file_name()
    );
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// Follows `$ref` to the schema it names.
fn resolve<'a>(root: &'a Value, s: &'a Value, touched: &mut Vec<String>) -> &'a Value {
    match s.get("$ref").and_then(Value::as_str) {
        Some(r) => {
            touched.push("$ref".into());
            root.pointer(r.trim_start_matches('#')).unwrap()
        }
        None => s,
    }
}

/// The schema of the value at `path` in an instance valid against `root`, and the structural
/// keywords passed on the way (`properties`, `items`, `$ref`).
fn schema_at<'a>(root: &'a Value, path: &[Step], touched: &mut Vec<String>) -> &'a Value {
    let mut s = resolve(root, root, touched);
    for step in path {
        s = match step {
            Step::Key(k) => {
                touched.push("properties".into());
                &s["properties"][k]
            }
            Step::Index(_) => {
                touched.push("items".into());
                &s["items"]
            }
        };
        s = resolve(root, s, touched);
    }
    s
}

#[derive(Clone, Debug)]
enum Step {
    Key(String),
    Index(usize),
}

/// Every location in a value, with the value there.
fn locations(v: &Value, prefix: &mut Vec<Step>, out: &mut Vec<Vec<Step>>) {
    out.push(prefix.clone());
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                prefix.push(Step::Key(k.clone()));
                locations(x, prefix, out);
                prefix.pop();
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                prefix.push(Step::Index(i));
                locations(x, prefix, out);
                prefix.pop();
            }
        }
        _ => {}
    }
}

fn at_mut<'a>(v: &'a mut Value, path: &[Step]) -> &'a mut Value {
    let mut cur = v;
    for step in path {
        cur = match step {
            Step::Key(k) => cur.get_mut(k.as_str()).unwrap(),
            Step::Index(i) => cur.get_mut(*i).unwrap(),
        };
    }
    cur
}

fn string_of_len(rng: &mut Rng, n: usize) -> String {
    let alphabet = ['a', 'é', 'Z', '字', '😀', ' ', '-'];
    (0..n).map(|_| *rng.pick(&alphabet)).collect()
}

fn other_type(rng: &mut Rng, not: &Value) -> Value {
    let options = [
        json!(7),
        json!(2.5),
        json!(true),
        json!(null),
        json!("text"),
        json!({}),
        json!([1]),
        json!({"a": 1}),
    ];
    loop {
        let v = rng.pick(&options).clone();
        if std::mem::discriminant(&v) != std::mem::discriminant(not) {
            return v;
        }
    }
}

/// Mutates `v` at `path` (whose schema is `s`), aiming at one keyword; returns that keyword.
fn mutate(
    rng: &mut Rng,
    root: &Value,
    doc: &mut Value,
    path: &[Step],
    touched: &mut Vec<String>,
) -> Option<&'static str> {
    let s = schema_at(root, path, touched).clone();
    let target = at_mut(doc, path);
    let types: Vec<String> = match &s["type"] {
        Value::String(t) => vec![t.clone()],
        Value::Array(a) => a
            .iter()
            .filter_map(|x| x.as_str().map(str::to_owned))
            .collect(),
        _ => vec![],
    };
    // Pick a keyword this schema has, and mutate for it.
    let mut keywords: Vec<&'static str> = vec!["type"];
    for k in [
        "enum",
        "pattern",
        "maxLength",
        "minLength",
        "minimum",
        "maximum",
        "minItems",
        "maxItems",
        "uniqueItems",
        "required",
        "additionalProperties",
        "allOf",
    ] {
        if s.get(k).is_some() {
            keywords.push(k);
        }
    }
    let kw = *rng.pick(&keywords);
    let valid = rng.chance(60);
    match kw {
        "type" => {
            if valid && types.contains(&"null".to_owned()) {
                *target = Value::Null;
            } else if valid && types.contains(&"integer".to_owned()) {
                *target = json!(1.0);
            } else {
                // A top-level array is a list of records by design, not one record: keep the
                // root an object or a scalar.
                let mut x = other_type(rng, target);
                while path.is_empty() && x.is_array() {
                    x = other_type(rng, target);
                }
                *target = x;
            }
        }
        "enum" => {
            let values: Vec<Value> = s["enum"].as_array().unwrap().clone();
            let strings: Vec<&str> = values.iter().filter_map(Value::as_str).collect();
            // The country codes: an unassigned code, one of the EU's own, a code in lower
            // case, a name, or an alpha-3 code.
            let countries = strings.len() > 200 && strings.iter().all(|v| v.len() == 2);
            *target = if valid {
                rng.pick(&values).clone()
            } else if countries {
                json!(*rng.pick(&["XX", "UK", "EL", "EU", "ZZ", "be", "Belgium", "BEL", "B"]))
            } else {
                let v = *rng.pick(&strings);
                let wrong = match rng.below(5) {
                    0 => v.to_uppercase(),
                    1 => v.replace('_', " "),
                    2 => format!("{v} "),
                    3 => {
                        let mut c: Vec<char> = v.chars().collect();
                        let i = rng.below(c.len());
                        c.remove(i);
                        c.into_iter().collect()
                    }
                    _ => "klimaat".to_owned(),
                };
                if strings.contains(&wrong.as_str()) {
                    json!("no-such-value")
                } else {
                    json!(wrong)
                }
            };
        }
        "pattern" => {
            let re = s["pattern"].as_str().unwrap();
            let (good, bad): (&[&str], &[&str]) = if re.contains("0[1-9]") {
                (
                    &["2015", "2016-11", "2016-11-18", "1999-02-31"],
                    &[
                        "2016-13",
                        "15",
                        "18/11/2016",
                        "2016-1",
                        "2016-11-32",
                        " 2016",
                        "2016\n",
                        "２０１６",
                    ],
                )
            } else if re.contains("https?") {
                (
                    &["https://example.org/", "http://x", "https://a.b/c?d=e#f"],
                    &[
                        "example.org",
                        "https://",
                        "ftp://x",
                        "https://a b",
                        "https://é.org",
                        "HTTPS://x",
                    ],
                )
            } else if re.contains("(-[a-z0-9]+)") {
                (
                    &["eurocities", "climate-alliance", "a1-b2"],
                    &["Eurocities", "-a", "a-", "a--b", "a_b", "", "é"],
                )
            } else if re.starts_with("^Q") {
                (
                    &["Q1", "Q42", "Q1425178"],
                    &[
                        "q42",
                        "Q0",
                        "Q01",
                        "Q",
                        "P42",
                        "Q42 ",
                        "https://www.wikidata.org/wiki/Q42",
                    ],
                )
            } else {
                (&["nl", "fra"], &["NL", "n", "nlnl", "n1"])
            };
            *target = json!(if valid {
                *rng.pick(good)
            } else {
                *rng.pick(bad)
            });
        }
        "maxLength" => {
            let max = s["maxLength"].as_u64().unwrap() as usize;
            let n = if valid { max } else { max + 1 + rng.below(3) };
            *target = json!(string_of_len(rng, n));
        }
        "minLength" => {
            *target = json!(if valid { "x" } else { "" });
        }
        "minimum" => {
            *target = if valid {
                json!(0)
            } else {
                json!(-1 - rng.below(5) as i64)
            };
        }
        "maximum" => {
            let max = s["maximum"].as_u64().unwrap();
            *target = if valid { json!(max) } else { json!(max + 1) };
        }
        "minItems" => {
            if !valid {
                *target = json!([]);
            }
        }
        "maxItems" => {
            let max = s["maxItems"].as_u64().unwrap() as usize;
            if max > 2_000 {
                return None;
            }
            if let Value::Array(a) = target
                && let Some(first) = a.first().cloned()
            {
                let want = if valid { a.len().max(1) } else { max + 1 };
                let unique = s.get("uniqueItems").is_some();
                let pool: Vec<Value> = s["items"]["enum"].as_array().cloned().unwrap_or_default();
                while a.len() < want {
                    if unique && !pool.is_empty() {
                        a.push(pool[a.len() % pool.len()].clone());
                    } else {
                        a.push(first.clone());
                    }
                }
            }
        }
        "uniqueItems" => {
            if let Value::Array(a) = target
                && let Some(x) = a.first().cloned()
            {
                if valid {
                    a.truncate(1);
                } else {
                    a.push(x);
                }
            }
        }
        "required" => {
            let req: Vec<String> = s["required"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| r.as_str().unwrap().to_owned())
                .collect();
            if let Value::Object(m) = target {
                if valid {
                    // Drop an optional field instead.
                    let optional: Vec<String> =
                        m.keys().filter(|k| !req.contains(k)).cloned().collect();
                    if let Some(k) = optional.first() {
                        m.remove(k);
                    }
                } else {
                    m.remove(rng.pick(&req));
                }
            }
        }
        "additionalProperties" => {
            if let Value::Object(m) = target {
                if valid {
                    // Re-insert a known field with its own value (order changes, nothing else).
                    if let Some((k, v)) = m.iter().next().map(|(k, v)| (k.clone(), v.clone())) {
                        m.remove(&k);
                        m.insert(k, v);
                    }
                } else {
                    let keys = ["extra", "Name", "policy_area", "notes2", "über"];
                    m.insert((*rng.pick(&keys)).to_owned(), json!(1));
                }
            }
        }
        "allOf" => {
            conditional(rng, &s, target, valid, touched);
        }
        _ => return None,
    }
    Some(kw)
}

/// Mutates an object whose schema `s` has an `allOf` of `if`/`then` on a discriminator (a
/// member's `kind`): gives the discriminator one of the values the branches name, then leaves
/// every field that value's branch requires (`valid`) or drops one of them, and adds or drops
/// the fields no branch requires of it at random.
fn conditional(
    rng: &mut Rng,
    s: &Value,
    target: &mut Value,
    valid: bool,
    touched: &mut Vec<String>,
) {
    let branches = s["allOf"].as_array().unwrap();
    let (property, _) = branches[0]["if"]["properties"]
        .as_object()
        .unwrap()
        .iter()
        .next()
        .unwrap();
    let values: Vec<(&str, usize)> = branches
        .iter()
        .enumerate()
        .flat_map(|(i, b)| {
            b["if"]["properties"][property]["enum"]
                .as_array()
                .unwrap()
                .iter()
                .map(move |v| (v.as_str().unwrap(), i))
        })
        .collect();
    let (value, branch) = *rng.pick(&values);
    let needed: Vec<&str> = branches[branch]["then"]["required"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_str().unwrap())
        .collect();
    let fields: Vec<&str> = branches
        .iter()
        .flat_map(|b| b["then"]["required"].as_array().unwrap())
        .map(|r| r.as_str().unwrap())
        .collect();
    let filler = |field: &str| match field {
        "country" => json!("ML"),
        "city" => json!("Ségou"),
        _ => json!("Conseil régional de Ségou"),
    };
    let Value::Object(m) = target else { return };
    m.insert(property.clone(), json!(value));
    for field in &fields {
        if needed.contains(field) || rng.chance(50) {
            if !m.contains_key(*field) {
                m.insert((*field).to_owned(), filler(field));
            }
        } else {
            m.remove(*field);
        }
    }
    if !valid {
        m.remove(*rng.pick(&needed));
    }
    touched.extend(["if", "then", "enum"].map(str::to_owned));
}

fn pointer(path: &str) -> String {
    path.to_owned()
}

/// What is compared of a keyword location: the keyword, or for a keyword inside an `allOf`,
/// the location from the `allOf` on (`/allOf/1/then/required`: which branch, and what in it).
fn keyword_tail(location: &str) -> String {
    match location.rfind("/allOf/") {
        Some(i) => location[i..].to_owned(),
        None => location.rsplit('/').next().unwrap_or_default().to_owned(),
    }
}

/// Runs both validators; panics with both reports on any disagreement.
fn compare(kind: DocumentKind, v: &jsonschema::Validator, doc: &Value, pretty: bool) -> bool {
    let text = if pretty {
        serde_json::to_vec_pretty(doc).unwrap()
    } else {
        serde_json::to_vec(doc).unwrap()
    };
    let options = Options {
        document: Some(kind),
        format: Some(Format::Json),
        ..Options::default()
    };
    let ours = validate_bytes(&text, &options);
    let mut mine: Vec<(String, String)> = ours
        .problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .map(|p| {
            (
                p.instance_location.clone(),
                keyword_tail(&p.keyword_location),
            )
        })
        .collect();
    let mut theirs: Vec<(String, String)> = v
        .iter_errors(doc)
        .map(|e| {
            (
                pointer(e.instance_path().as_str()),
                keyword_tail(e.schema_path().as_str()),
            )
        })
        .collect();
    mine.sort();
    theirs.sort();
    // The fast path rests on this: what the typed model accepts, the schema accepts.
    let typed = match kind {
        DocumentKind::Network => serde_json::from_slice::<citynets::Network>(&text).is_ok(),
        DocumentKind::Membership => serde_json::from_slice::<citynets::Membership>(&text).is_ok(),
        DocumentKind::Catalogue => serde_json::from_slice::<citynets::Catalogue>(&text).is_ok(),
    };
    assert!(
        !typed || theirs.is_empty(),
        "the typed model accepts a {kind} mutant the schema refuses: {theirs:?}\n{}",
        String::from_utf8_lossy(&text)
    );
    // A record on an NDJSON line (where the fast path applies) gets the same errors.
    if kind != DocumentKind::Catalogue {
        let mut line = serde_json::to_vec(doc).unwrap();
        line.push(b'\n');
        let as_line = validate_bytes(
            &line,
            &Options {
                document: Some(kind),
                format: Some(Format::Ndjson),
                threads: 1,
                ..Options::default()
            },
        );
        assert_eq!(
            as_line.errors, ours.errors,
            "as an NDJSON line: {:#?}",
            as_line.problems
        );
    }
    if mine != theirs
        || (ours.errors == 0) != theirs.is_empty()
        || ours.errors as usize != theirs.len()
    {
        panic!(
            "disagreement on {kind} mutant:\n{}\nours:   {mine:?}\ntheirs: {theirs:?}\nfull report: {:#?}",
            String::from_utf8_lossy(&text)
                .chars()
                .take(3000)
                .collect::<String>(),
            ours.problems
        );
    }
    theirs.is_empty()
}

fn run(
    kind: DocumentKind,
    bases: &[Value],
    mutants: usize,
    seed: u64,
    counts: &mut BTreeMap<String, usize>,
) -> (usize, usize) {
    let root = schema(kind);
    let v = jsonschema::draft202012::new(&root).unwrap();
    let mut rng = Rng(seed);
    let mut valid = 0;
    for i in 0..mutants {
        let mut doc = rng.pick(bases).clone();
        let mut paths = Vec::new();
        locations(&doc, &mut Vec::new(), &mut paths);
        // One to three mutations, so errors also meet each other.
        let n = 1 + rng.below(3) * usize::from(rng.chance(30));
        for _ in 0..n {
            let mut paths = Vec::new();
            locations(&doc, &mut Vec::new(), &mut paths);
            // Keywords on few fields (minItems, uniqueItems, minimum, maximum, allOf) are aimed at on
            // purpose now and then, so each is exercised often enough.
            let rare: Vec<Vec<Step>> = paths
                .iter()
                .filter(|p| {
                    let s = schema_at(&root, p, &mut Vec::new());
                    ["minItems", "uniqueItems", "minimum", "maximum", "allOf"]
                        .iter()
                        .any(|k| s.get(*k).is_some())
                })
                .cloned()
                .collect();
            let path = if !rare.is_empty() && rng.chance(20) {
                rng.pick(&rare).clone()
            } else {
                rng.pick(&paths).clone()
            };
            let mut touched = Vec::new();
            if let Some(kw) = mutate(&mut rng, &root, &mut doc, &path, &mut touched) {
                *counts.entry(kw.to_owned()).or_default() += 1;
                for t in touched {
                    *counts.entry(t).or_default() += 1;
                }
            }
        }
        if compare(kind, &v, &doc, i % 2 == 0) {
            valid += 1;
        }
    }
    (mutants, valid)
}

fn catalogue() -> Value {
    serde_json::to_value(citynets::ghent()).unwrap()
}

#[test]
fn agrees_with_an_independent_validator_on_thousands_of_mutants() {
    let cat = catalogue();
    // Smaller catalogues keep each mutant cheap: a few networks each.
    let mut small_catalogues = Vec::new();
    for chunk in cat["networks"].as_array().unwrap().chunks(3) {
        let mut c = cat.clone();
        c["networks"] = Value::Array(chunk.to_vec());
        small_catalogues.push(c);
    }
    let networks: Vec<Value> = cat["networks"].as_array().unwrap().clone();
    let memberships: Vec<Value> = networks
        .iter()
        .flat_map(|n| n["memberships"].as_array().cloned().unwrap_or_default())
        .collect();

    let mut counts = BTreeMap::new();
    let mut total = 0;
    let mut valid = 0;
    for (kind, bases, n, seed) in [
        (DocumentKind::Catalogue, &small_catalogues, 1500, 1),
        (DocumentKind::Network, &networks, 3000, 2),
        (DocumentKind::Membership, &memberships, 3000, 3),
    ] {
        let (t, v) = run(kind, bases, n, seed, &mut counts);
        total += t;
        valid += v;
    }
    eprintln!("{total} mutants, {valid} valid; keyword counts: {counts:?}");
    assert!(total >= 7000);
    assert!(
        valid * 4 >= total,
        "only {valid} of {total} mutants stayed valid"
    );
    assert!(
        valid * 4 <= total * 3,
        "{valid} of {total} mutants stayed valid: too few invalid ones"
    );
    // Every keyword the committed schemas use is mutated at least 50 times.
    let mut used = std::collections::BTreeSet::new();
    for kind in DocumentKind::ALL {
        collect_keywords(&schema(kind), &mut used);
    }
    for kw in used {
        let n = counts.get(&kw).copied().unwrap_or(0);
        assert!(n >= 50, "keyword {kw} mutated only {n} times");
    }
}

/// The constraint keywords a schema document uses (annotations excluded).
fn collect_keywords(s: &Value, out: &mut std::collections::BTreeSet<String>) {
    if let Value::Object(m) = s {
        for (k, v) in m {
            match k.as_str() {
                "$schema" | "$id" | "title" | "description" | "enumDescriptions" | "$defs"
                | "default" => {}
                "properties" => {
                    out.insert(k.clone());
                    if let Value::Object(props) = v {
                        props.values().for_each(|p| collect_keywords(p, out));
                    }
                    continue;
                }
                _ => {
                    out.insert(k.clone());
                }
            }
            if k == "$defs" {
                if let Value::Object(defs) = v {
                    defs.values().for_each(|d| collect_keywords(d, out));
                }
            } else if matches!(v, Value::Object(_)) {
                collect_keywords(v, out);
            } else if k == "allOf"
                && let Value::Array(branches) = v
            {
                branches.iter().for_each(|b| collect_keywords(b, out));
            }
        }
    }
}

#[test]
fn agrees_on_the_corners_where_serde_and_json_schema_differ() {
    let v = jsonschema::draft202012::new(&schema(DocumentKind::Network)).unwrap();
    let base = json!({"id": "x", "name": "X", "member_counts": [{"count": 5, "source": "https://example.org/"}]});
    let cases = [
        json!(1.0),
        json!(5e2),
        json!(1.5),
        json!(-0.0),
        json!(4294967295u64),
        json!(4294967296u64),
        json!(-1),
        json!(1e300),
    ];
    for c in cases {
        let mut doc = base.clone();
        doc["member_counts"][0]["count"] = c;
        compare(DocumentKind::Network, &v, &doc, false);
    }
    // maxLength counts code points, not bytes or UTF-16 units.
    for name in [
        "😀".repeat(300),
        "é".repeat(300),
        "😀".repeat(301),
        "a".repeat(301),
    ] {
        let mut doc = base.clone();
        doc["name"] = json!(name);
        compare(DocumentKind::Network, &v, &doc, false);
    }
    // Escapes are decoded before checking.
    let text = br#"{"id": "x", "name": "X", "policy_areas": ["clim\u0061te"], "website": "https:\/\/a.org"}"#;
    let report = validate_bytes(
        text,
        &Options {
            document: Some(DocumentKind::Network),
            ..Options::default()
        },
    );
    assert_eq!(report.errors, 0, "{:?}", report.problems);
}

#[test]
fn duplicate_keys_are_read_as_the_last_one_wins() {
    let v = jsonschema::draft202012::new(&schema(DocumentKind::Network)).unwrap();
    let cases: [(&[u8], bool); 3] = [
        (
            br#"{"id": "x", "name": "X", "scope": "nowhere", "scope": "global"}"#,
            true,
        ),
        (
            br#"{"id": "x", "name": "X", "scope": "global", "scope": "nowhere"}"#,
            false,
        ),
        (
            br#"{"id": "x", "name": "X", "extra": 1, "extra": 2}"#,
            false,
        ),
    ];
    for (text, valid) in cases {
        let parsed: Value = serde_json::from_slice(text).unwrap();
        assert_eq!(v.is_valid(&parsed), valid);
        let report = validate_bytes(
            text,
            &Options {
                document: Some(DocumentKind::Network),
                ..Options::default()
            },
        );
        assert_eq!(report.errors == 0, valid, "{:?}", report.problems);
        assert_eq!(report.warnings, 1, "{:?}", report.problems);
        let theirs = v.iter_errors(&parsed).count() as u64;
        assert_eq!(report.errors, theirs);
    }
    let _ = Map::<String, Value>::new();
}

/// For every kind of member, with each of its fields left out in turn: the same errors as the
/// independent validator, at the same full keyword locations (`/$defs/Member/allOf/N/then/
/// required`), named in the message with the kind that needs them; and the typed model refuses
/// exactly those members.
#[test]
fn each_kind_needs_its_fields_as_the_independent_validator_says() {
    use citynets::{MemberKind, Vocabulary};
    let v = jsonschema::draft202012::new(&schema(DocumentKind::Membership)).unwrap();
    let mut refused = 0;
    for kind in MemberKind::all() {
        for left_out in [None, Some("city"), Some("country"), Some("name")] {
            let mut member =
                json!({"kind": kind.as_str(), "name": "Ségou", "city": "Ségou", "country": "ML"});
            if let Some(field) = left_out {
                member.as_object_mut().unwrap().remove(field);
            }
            let doc = json!({"organization_id": "eurocities", "member": member});
            let text = serde_json::to_vec(&doc).unwrap();
            let options = Options {
                document: Some(DocumentKind::Membership),
                format: Some(Format::Json),
                ..Options::default()
            };
            let ours = validate_bytes(&text, &options);
            let mine: Vec<(String, String)> = ours
                .problems
                .iter()
                .map(|p| (p.instance_location.clone(), p.keyword_location.clone()))
                .collect();
            let theirs: Vec<(String, String)> = v
                .iter_errors(&doc)
                .map(|e| {
                    (
                        e.instance_path().as_str().to_owned(),
                        e.schema_path().as_str().to_owned(),
                    )
                })
                .collect();
            assert_eq!(mine, theirs, "{doc}");
            let needed = left_out.is_some_and(|f| kind.needs().fields().any(|n| n == f));
            assert_eq!(ours.errors, u64::from(needed), "{doc}");
            if let (Some(field), [p]) = (left_out, &ours.problems[..]) {
                refused += 1;
                assert!(
                    p.keyword_location.starts_with("/$defs/Member/allOf/"),
                    "{p:?}"
                );
                assert_eq!(
                    p.error,
                    format!(
                        "the required field \"{field}\" is missing (required when \"kind\" is \"{kind}\")"
                    )
                );
            }
            let typed = serde_json::from_slice::<citynets::Membership>(&text).is_ok();
            assert_eq!(typed, !needed, "{doc}");
        }
    }
    // Every kind needs at least one field: each is refused at least once.
    assert!(refused >= MemberKind::all().len(), "{refused}");
}
