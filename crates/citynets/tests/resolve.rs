//! The resolver against the table `fixtures/lookup_queries.tsv`: real spellings of the
//! networks, typos, ambiguous queries and junk. Each row is asserted; a summary is printed
//! (`cargo test -p citynets --test resolve -- --nocapture`).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail loudly

use citynets::{Catalogue, Network, Resolution, Resolver, fold, ghent};

const TABLE: &str = include_str!("fixtures/lookup_queries.tsv");

/// One row: the query, what is expected, and where the query comes from.
struct Row {
    line: usize,
    query: String,
    expected: String,
}

fn rows() -> Vec<Row> {
    TABLE
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.starts_with('#') && !l.trim().is_empty())
        .map(|(i, l)| {
            let mut cols = l.split('\t');
            let query = cols.next().unwrap();
            let expected = cols
                .next()
                .unwrap_or_else(|| panic!("line {}: no expected column", i + 1));
            Row {
                line: i + 1,
                query: if query == "<empty>" {
                    String::new()
                } else {
                    query.to_owned()
                },
                expected: expected.to_owned(),
            }
        })
        .collect()
}

fn ids(r: &Resolution<'_>) -> Vec<String> {
    r.candidates()
        .iter()
        .map(|m| format!("{} {:.2} {}", m.network.id, m.score, m.kind.as_str()))
        .collect()
}

/// Asserts one row against a resolver; returns the row's class for the summary.
fn check(resolver: &Resolver<'_>, row: &Row) -> &'static str {
    let Row {
        line,
        query,
        expected,
    } = row;
    let r = resolver.resolve(query);
    let got = ids(&r);
    let suggested = resolver.suggest_id(query).map(|(id, _)| id.to_string());
    let at = format!("line {line}: {query:?} gave {got:?}");
    if let Some(id) = expected.strip_prefix('~') {
        assert!(r.network().is_none(), "{at}: expected no answer");
        assert!(
            !matches!(r, Resolution::Ambiguous(_)),
            "{at}: expected no answer"
        );
        assert_eq!(suggested.as_deref(), Some(id), "{at}: suggestion");
        "typo"
    } else if let Some(list) = expected.strip_prefix('?') {
        let Resolution::Ambiguous(close) = &r else {
            panic!("{at}: expected ambiguity among {list}");
        };
        let mut want: Vec<&str> = list.split(',').collect();
        let mut have: Vec<&str> = close.iter().map(|m| m.network.id.as_str()).collect();
        want.sort();
        have.sort();
        assert_eq!(have, want, "{at}");
        assert_eq!(suggested, None, "{at}: an ambiguous query suggests nothing");
        "ambiguous"
    } else if expected == "-" || expected == "0" {
        assert_eq!(
            r,
            Resolution::NotFound(Vec::new()),
            "{at}: expected nothing"
        );
        assert_eq!(suggested, None, "{at}");
        if expected == "-" { "junk" } else { "unknown" }
    } else {
        assert_eq!(
            r.network().map(|n| n.id.as_str()),
            Some(expected.as_str()),
            "{at}"
        );
        assert_eq!(suggested.as_deref(), Some(expected.as_str()), "{at}");
        "found"
    }
}

#[test]
fn every_query_of_the_table_resolves_as_expected() {
    let ghent = ghent();
    let resolver = ghent.resolver();
    let rows = rows();
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for row in &rows {
        let class = check(&resolver, row);
        // The catalogue's own methods agree with the resolver.
        let found = resolver.resolve(&row.query).network().map(|n| &n.id);
        assert_eq!(ghent.get(&row.query).map(|n| &n.id), found, "{}", row.query);
        assert_eq!(
            ghent.lookup(&row.query).ok().map(|n| &n.id),
            found,
            "{}",
            row.query
        );
        match counts.iter_mut().find(|(c, _)| *c == class) {
            Some((_, n)) => *n += 1,
            None => counts.push((class, 1)),
        }
    }
    eprintln!("{} queries: {counts:?}", rows.len());
    assert!(rows.len() >= 200, "{}", rows.len());
    // Every network of the catalogue is found by some row.
    for n in ghent {
        assert!(
            rows.iter().any(|r| r.expected == n.id.as_str()),
            "no row finds {}",
            n.id
        );
    }
}

/// Junk rows match nothing by rule, not because today's catalogue is small: each is generic
/// by [`Resolver::is_generic`] and no name of the catalogue is exactly it, and it still
/// matches nothing in a catalogue grown with networks whose names hold every junk word.
#[test]
fn junk_matches_nothing_by_rule_even_in_a_larger_catalogue() {
    let junk: Vec<String> = rows()
        .into_iter()
        .filter(|r| r.expected == "-")
        .map(|r| r.query)
        .collect();
    assert!(junk.len() > 60, "{}", junk.len());
    let keys: Vec<String> = ghent().iter().flat_map(|n| n.lookup_keys()).collect();
    for q in &junk {
        assert!(Resolver::is_generic(q), "{q:?} is not junk by rule");
        assert!(!keys.contains(&fold(q)), "{q:?} is a name");
    }
    // Networks whose names hold the junk words, among distinctive ones.
    let words: Vec<String> = junk
        .iter()
        .map(|q| fold(q))
        .filter(|q| !q.is_empty())
        .collect();
    let grown: Vec<Network> = words
        .chunks(4)
        .enumerate()
        .map(|(i, chunk)| {
            let name = format!("Zorbanian {} Quillfeather {i}", chunk.join(" "));
            serde_json::from_value(serde_json::json!({
                "id": format!("grown-{i}"),
                "name": name,
                "other_names": [{"name": format!("{} Zorbanian Alliance", chunk.join(" ")), "kind": "short"}],
            }))
            .unwrap()
        })
        .collect();
    let resolver = Resolver::new(ghent().iter().chain(&grown));
    for q in &junk {
        let r = resolver.resolve(q);
        assert_eq!(r, Resolution::NotFound(Vec::new()), "{q:?}: {:?}", ids(&r));
        assert_eq!(resolver.suggest_id(q), None, "{q:?}");
    }
    // The grown networks are real candidates: each is found by its name, and their shared
    // distinctive word is ambiguous.
    for n in &grown {
        assert_eq!(
            resolver.resolve(&n.name).network().map(|f| &f.id),
            Some(&n.id)
        );
    }
    let shared = resolver.resolve("Quillfeather");
    assert_eq!(shared.candidates().len(), grown.len(), "{:?}", ids(&shared));
}

/// A resolver over two catalogues: the embedded one and a user's.
#[test]
fn a_resolver_over_several_catalogues() {
    let user = Catalogue::from_json(
        &serde_json::json!({
            "schema_version": "2",
            "city": {"name": "Leuven", "country": "BE"},
            "list_source": {"url": "https://example.org/"},
            "networks": [
                {"id": "energy-cities", "name": "Energy Cities", "acronym": "EC"},
                {"id": "eurocities", "name": "Eurocities"}
            ]
        })
        .to_string(),
    )
    .unwrap();
    let resolver = Resolver::new(ghent().iter().chain(&user));
    assert_eq!(resolver.networks().len(), 39); // eurocities once
    assert!(resolver.knows_id("energy-cities"));
    assert!(!resolver.knows_id("c40"));
    let id = |q: &str| resolver.suggest_id(q).map(|(id, _)| id.to_string());
    assert_eq!(id("Energy Cities").as_deref(), Some("energy-cities"));
    assert_eq!(id("EC").as_deref(), Some("energy-cities")); // two letters, exactly
    assert_eq!(id("Energy"), None); // a topic
    assert_eq!(id("C40 Cities"), None); // no catalogue knows it
    assert_eq!(
        resolver.by_id("eurocities").map(|n| n.name.as_str()),
        Some("Eurocities")
    );
}

#[test]
fn scores_are_ordered_by_the_strength_of_the_evidence() {
    let ghent = ghent();
    let score = |q: &str| ghent.resolve(q).candidates()[0].score;
    let exact = score("Rainbow Cities Network");
    let same = score("the Rainbow Cities network");
    let words = score("Rainbow Cities Network Europe");
    let one = score("Rainbow");
    let near = score("Rainbw");
    assert!(
        exact > same && same > words && words > one && one > near,
        "{exact} {same} {words} {one} {near}"
    );
    assert!((exact - 1.0).abs() < 1e-6);
    assert!(near < 0.6);
}
