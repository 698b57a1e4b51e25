//! Suggestions, table-driven over every value of every vocabulary: a wrong case, spaces or
//! hyphens for underscores, stray whitespace, generated one- and two-letter typos, every label
//! and every alias lead the validator to suggest the value meant — or, when a typo is as close to
//! another value, to suggest nothing rather than the wrong one.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail loudly

use citynets::validate::{Code, Options, validate_value};
use citynets::{
    CaveatKind, CountQualifier, DocumentKind, Fact, Focus, Kind, MemberKind, NameKind, Orientation,
    PolicyArea, Relation, Role, Scope, Status, Vocabulary, edit_distance, fold,
};
use serde_json::{Value, json};

/// A record that puts `value` where the vocabulary is used, and the record's document kind.
fn record_with(vocab: &str, value: &str) -> (Value, DocumentKind) {
    let network = |field: Value| {
        let mut n = json!({"id": "x", "name": "X"});
        for (k, v) in field.as_object().unwrap() {
            n[k] = v.clone();
        }
        (n, DocumentKind::Network)
    };
    let membership = |field: Value| {
        let mut m = json!({"organization_id": "eurocities", "member": {"kind": "city", "city": "Ghent", "country": "BE"}});
        for (k, v) in field.as_object().unwrap() {
            m[k] = v.clone();
        }
        (m, DocumentKind::Membership)
    };
    let src = "https://example.org/";
    match vocab {
        "PolicyArea" => network(json!({"policy_areas": [value]})),
        "Orientation" => network(json!({"orientations": [value]})),
        "Focus" => network(json!({"focus": value})),
        "Scope" => network(json!({"scope": value})),
        "Kind" => network(json!({"kind": value})),
        "NameKind" => network(json!({"other_names": [{"name": "N", "kind": value}]})),
        "CaveatKind" => network(json!({"caveats": [{"kind": value, "note": "n"}]})),
        "CountQualifier" => {
            network(json!({"member_counts": [{"count": 1, "qualifier": value, "source": src}]}))
        }
        "Relation" => network(json!({"parent": {"name": "P", "relation": value, "source": src}})),
        "Fact" => network(json!({"sources": [{"url": src, "fields": [value]}]})),
        "Status" => membership(json!({"status": value})),
        "Role" => membership(json!({"roles": [{"role": value, "source": src}]})),
        "MemberKind" => {
            membership(json!({"member": {"kind": value, "city": "Ghent", "country": "BE"}}))
        }
        other => panic!("no field for {other}"),
    }
}

fn suggestion(vocab: &str, value: &str) -> (bool, Option<String>) {
    let (record, kind) = record_with(vocab, value);
    let report = validate_value(&record, Some(kind));
    let problem = report
        .problems
        .iter()
        .find(|p| p.code == Code::UnknownVariant);
    (
        problem.is_some(),
        problem.and_then(|p| p.suggestion.clone()),
    )
}

/// Typos made by deleting, doubling, swapping and replacing letters (one or two edits).
fn typos(word: &str) -> Vec<String> {
    let chars: Vec<char> = word.chars().collect();
    let mut out = Vec::new();
    for i in 0..chars.len() {
        let mut d = chars.clone();
        d.remove(i);
        out.push(d.iter().collect());
        let mut dup = chars.clone();
        dup.insert(i, chars[i]);
        out.push(dup.iter().collect());
        let mut rep = chars.clone();
        rep[i] = if chars[i] == 'x' { 'q' } else { 'x' };
        out.push(rep.iter().collect());
        if i + 1 < chars.len() {
            let mut s = chars.clone();
            s.swap(i, i + 1);
            out.push(s.iter().collect());
        }
    }
    // Two edits: the first and last letters replaced.
    if chars.len() > 5 {
        let mut two = chars.clone();
        two[0] = 'q';
        let last = two.len() - 1;
        two[last] = 'q';
        out.push(two.iter().collect());
    }
    out.retain(|t: &String| t != word && !t.is_empty());
    out
}

/// Every spelling the vocabulary knows for each value (canonical, labels, aliases), folded.
fn keys<V: Vocabulary>() -> Vec<(String, V)> {
    let mut k = Vec::new();
    for v in V::all() {
        for s in [v.as_str(), v.label(), v.label_nl(), v.label_fr()] {
            k.push((fold(s), *v));
        }
    }
    k.extend(V::aliases().iter().map(|(a, v)| (fold(a), *v)));
    k
}

fn check<V: Vocabulary>(stats: &mut (usize, usize)) {
    let name = V::NAME;
    let known = keys::<V>();
    for v in V::all() {
        let want = Some(v.as_str().to_owned());
        let s = v.as_str();
        // Exact spellings that are not the canonical one: always the value meant.
        let mut exact: Vec<String> = vec![
            s.to_uppercase(),
            s.replace('_', " "),
            s.replace('_', "-"),
            format!(" {s} "),
            format!("{s}\t"),
            v.label().to_owned(),
            v.label_nl().to_owned(),
            v.label_fr().to_owned(),
        ];
        exact.extend(
            V::aliases()
                .iter()
                .filter(|(_, x)| x == v)
                .map(|(a, _)| (*a).to_owned()),
        );
        for e in exact {
            if e == s {
                continue;
            }
            let (flagged, got) = suggestion(name, &e);
            assert!(flagged, "{name}: {e:?} was accepted");
            assert_eq!(got, want, "{name}: {e:?}");
            stats.0 += 1;
        }
        // Typos: the value meant, unless another value is as close.
        for t in typos(s) {
            let ft = fold(&t);
            if known.iter().any(|(k, _)| *k == ft) {
                continue; // the typo spells another known word
            }
            let (flagged, got) = suggestion(name, &t);
            assert!(flagged, "{name}: typo {t:?} was accepted");
            let tolerance = if ft.chars().count() <= 4 { 1 } else { 2 };
            let dist = |x: &V| {
                known
                    .iter()
                    .filter(|(_, y)| y == x)
                    .map(|(k, _)| edit_distance(&ft, k, 3))
                    .min()
                    .unwrap_or(9)
            };
            let mine = dist(v);
            let rival = V::all()
                .iter()
                .filter(|x| *x != v)
                .map(dist)
                .min()
                .unwrap_or(9);
            if mine <= tolerance && mine < rival {
                assert_eq!(got, want, "{name}: typo {t:?}");
                stats.1 += 1;
            } else {
                assert!(
                    got.is_none() || got.as_deref() != Some(s) || mine <= rival,
                    "{name}: typo {t:?} -> {got:?}"
                );
                if let Some(g) = &got {
                    let other = V::all().iter().find(|x| x.as_str() == g).unwrap();
                    assert!(
                        dist(other) <= mine.max(tolerance),
                        "{name}: typo {t:?} suggests the farther {g}"
                    );
                }
            }
        }
    }
}

#[test]
fn every_value_of_every_vocabulary_is_suggested() {
    let mut stats = (0, 0);
    check::<PolicyArea>(&mut stats);
    check::<Orientation>(&mut stats);
    check::<Focus>(&mut stats);
    check::<Scope>(&mut stats);
    check::<Kind>(&mut stats);
    check::<Status>(&mut stats);
    check::<Role>(&mut stats);
    check::<MemberKind>(&mut stats);
    check::<NameKind>(&mut stats);
    check::<CaveatKind>(&mut stats);
    check::<CountQualifier>(&mut stats);
    check::<Relation>(&mut stats);
    check::<Fact>(&mut stats);
    eprintln!(
        "{} exact respellings and {} typos checked",
        stats.0, stats.1
    );
    assert!(stats.0 > 500 && stats.1 > 1000, "{stats:?}");
}

#[test]
fn the_issues_examples() {
    for (vocab, wrong, meant) in [
        ("PolicyArea", "Climate", "climate"),
        ("Orientation", "knowledge exchange", "knowledge_exchange"),
        ("PolicyArea", "mobilty", "mobility"),
        ("PolicyArea", "klimaat", "climate"),
        ("PolicyArea", "mobiliteit", "mobility"),
        ("Orientation", "sensibilisering", "awareness_raising"),
        ("Orientation", "file_management", "advocacy"),
        ("Scope", " european", "european"),
    ] {
        assert_eq!(
            suggestion(vocab, wrong).1.as_deref(),
            Some(meant),
            "{wrong}"
        );
    }
    let _ = Options::default();
}

/// A status of `member`, `yes`, `x`, `lid` or `membre` says that the row is a member, not its
/// grade: the suggestion is to leave the status out (the empty text), never `full`.
#[test]
fn a_status_that_only_says_member_is_left_out_not_made_full() {
    for word in Status::unstated() {
        for spelling in [word.to_string(), word.to_uppercase(), format!(" {word} ")] {
            let (record, kind) = record_with("Status", &spelling);
            let report = validate_value(&record, Some(kind));
            let [p] = &report.problems[..] else {
                panic!("{spelling:?}: {:?}", report.problems)
            };
            assert_eq!(p.code, Code::UnknownVariant, "{spelling:?}");
            assert_eq!(p.suggestion.as_deref(), Some(""), "{spelling:?}");
            assert!(p.error.contains("leave the field out"), "{}", p.error);
        }
    }
    assert_eq!(
        suggestion("Status", "full member").1.as_deref(),
        Some("full")
    );
}
