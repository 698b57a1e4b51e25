//! Every value of every vocabulary: one spelling for serde, `FromStr`, `Display` and
//! `IntoStaticStr`; labels in three languages; aliases that suggest but are never accepted.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail loudly

use std::collections::BTreeSet;
use std::fmt::Debug;
use std::str::FromStr;

use citynets::{
    CaveatKind, CountQualifier, Fact, Focus, Kind, MemberKind, NameKind, Orientation, PolicyArea,
    Relation, Role, Scope, Status, Vocabulary, fold,
};
use serde::Serialize;
use serde::de::DeserializeOwned;
use strum::IntoEnumIterator;

fn check_vocabulary<V>()
where
    V: Vocabulary + Serialize + DeserializeOwned + FromStr + IntoEnumIterator + Into<&'static str>,
    <V as FromStr>::Err: Debug,
{
    let all: Vec<V> = V::iter().collect();
    assert_eq!(
        all.as_slice(),
        V::all(),
        "{}: all() must list every variant in order",
        V::NAME
    );
    let mut seen = BTreeSet::new();
    for v in all {
        let s = v.as_str();
        assert!(seen.insert(s), "{}: {s} spelled twice", V::NAME);
        assert!(
            !s.is_empty()
                && s.bytes().all(|b| b.is_ascii_lowercase() || b == b'_')
                && !s.starts_with('_')
                && !s.ends_with('_')
                && !s.contains("__"),
            "{}: {s:?} is not snake_case",
            V::NAME
        );
        // serde, Display, FromStr and IntoStaticStr share the spelling.
        assert_eq!(serde_json::to_string(&v).unwrap(), format!("\"{s}\""));
        assert_eq!(serde_json::from_str::<V>(&format!("\"{s}\"")).unwrap(), v);
        assert_eq!(v.to_string(), s);
        assert_eq!(s.parse::<V>().unwrap(), v);
        let stat: &'static str = v.into();
        assert_eq!(stat, s);
        assert_eq!(V::parse_canonical(s), Some(v));
        // Other spellings are refused by every parser.
        for other in [
            s.to_uppercase(),
            s.replace('_', " "),
            s.replace('_', "-"),
            format!(" {s}"),
            format!("{s} "),
        ] {
            if other == s {
                continue;
            }
            assert!(
                other.parse::<V>().is_err(),
                "{}: FromStr accepted {other:?}",
                V::NAME
            );
            assert!(
                serde_json::from_str::<V>(&serde_json::to_string(&other).unwrap()).is_err(),
                "{}: serde accepted {other:?}",
                V::NAME
            );
            // ... but the alias lookup finds the value they mean.
            assert_eq!(V::from_alias(&other), Some(v), "{}: {other:?}", V::NAME);
        }
        // Labels in three languages, each leading back to the value.
        for label in [v.label(), v.label_nl(), v.label_fr()] {
            assert!(
                !label.trim().is_empty(),
                "{}: {s} has an empty label",
                V::NAME
            );
            if fold(label) != fold(s) {
                assert!(
                    label.parse::<V>().is_err(),
                    "{}: FromStr accepted the label {label:?}",
                    V::NAME
                );
            }
        }
        assert_eq!(
            V::from_alias(v.label()),
            Some(v),
            "{}: English label of {s}",
            V::NAME
        );
        assert!(
            v.description().len() > 10,
            "{}: {s} has no doc comment",
            V::NAME
        );
    }
    assert!(
        V::vocabulary_description().len() > 10,
        "{} has no doc comment",
        V::NAME
    );
    for (alias, v) in V::aliases() {
        assert!(
            alias.parse::<V>().is_err() || *alias == v.as_str(),
            "{}: alias {alias:?} parses",
            V::NAME
        );
        assert!(serde_json::from_str::<V>(&format!("{alias:?}")).is_err() || *alias == v.as_str());
    }
}

/// Aliases must not point two values of one vocabulary at the same folded spelling.
fn aliases_are_unambiguous<V: Vocabulary>() {
    let mut keys: Vec<(String, V)> = Vec::new();
    for v in V::all() {
        for key in [v.as_str(), v.label(), v.label_nl(), v.label_fr()] {
            keys.push((fold(key), *v));
        }
    }
    keys.extend(V::aliases().iter().map(|(a, v)| (fold(a), *v)));
    for (i, (k, v)) in keys.iter().enumerate() {
        for (k2, v2) in &keys[..i] {
            assert!(
                k != k2 || v == v2,
                "{}: {k:?} means both {v} and {v2}",
                V::NAME
            );
        }
    }
}

macro_rules! each_vocabulary {
    ($f:ident) => {
        $f::<PolicyArea>();
        $f::<Orientation>();
        $f::<Focus>();
        $f::<Scope>();
        $f::<Kind>();
        $f::<Status>();
        $f::<Role>();
        $f::<MemberKind>();
        $f::<NameKind>();
        $f::<CaveatKind>();
        $f::<CountQualifier>();
        $f::<Relation>();
        $f::<Fact>();
    };
}

#[test]
fn every_value_has_one_spelling_labels_and_a_doc() {
    each_vocabulary!(check_vocabulary);
}

#[test]
fn alias_tables_are_unambiguous() {
    each_vocabulary!(aliases_are_unambiguous);
}

#[test]
fn the_pages_wording_is_an_alias_of_advocacy() {
    assert_eq!(
        Orientation::from_alias("file management"),
        Some(Orientation::Advocacy)
    );
    assert_eq!(
        Orientation::from_alias("file_management"),
        Some(Orientation::Advocacy)
    );
    assert_eq!(
        Orientation::from_alias("lobbying"),
        Some(Orientation::Advocacy)
    );
    assert!("file_management".parse::<Orientation>().is_err());
    assert_eq!(
        Orientation::from_alias("awareness-raising campaigns"),
        Some(Orientation::AwarenessRaising)
    );
    assert_eq!(
        Orientation::from_alias("exchange of knowledge"),
        Some(Orientation::KnowledgeExchange)
    );
    assert_eq!(
        Orientation::from_alias("sensibilisering"),
        Some(Orientation::AwarenessRaising)
    );
    assert_eq!(PolicyArea::from_alias("klimaat"), Some(PolicyArea::Climate));
    assert_eq!(
        PolicyArea::from_alias("mobiliteit"),
        Some(PolicyArea::Mobility)
    );
    assert_eq!(
        PolicyArea::from_alias("Digitisation"),
        Some(PolicyArea::Digitalisation)
    );
}

/// The alias table of one vocabulary as rows (vocabulary, alias, value), the words that lead
/// to no value with an empty value.
fn alias_rows<V: Vocabulary>(rows: &mut BTreeSet<(String, String, String)>) {
    for (alias, v) in V::aliases() {
        rows.insert((V::NAME.into(), (*alias).into(), v.as_str().into()));
    }
    for word in V::unstated() {
        rows.insert((V::NAME.into(), (*word).into(), String::new()));
        // A word that says nothing of the value leads to none.
        assert_eq!(V::from_alias(word), None, "{}: {word:?}", V::NAME);
        assert!(
            V::is_unstated(&word.to_uppercase()),
            "{}: {word:?}",
            V::NAME
        );
    }
}

/// Every alias leads to the value that `tests/fixtures/aliases.tsv` lists for it, and the file
/// lists every alias: a new alias, or one that changes its value, is reviewed there under the
/// rule that a suggestion never asserts what the input does not say.
#[test]
fn every_alias_leads_to_the_value_the_reviewed_table_lists() {
    let mut code = BTreeSet::new();
    macro_rules! rows {
        ($($v:ty),*) => { $(alias_rows::<$v>(&mut code);)* };
    }
    rows!(
        PolicyArea,
        Orientation,
        Focus,
        Scope,
        Kind,
        Status,
        Role,
        MemberKind,
        NameKind,
        CaveatKind,
        CountQualifier,
        Relation,
        Fact
    );
    let text = include_str!("fixtures/aliases.tsv");
    let listed: BTreeSet<(String, String, String)> = text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(|l| {
            let mut parts = l.split('\t');
            let mut next = || parts.next().unwrap_or_default().to_owned();
            (next(), next(), next())
        })
        .collect();
    let missing: Vec<_> = code.difference(&listed).collect();
    let stale: Vec<_> = listed.difference(&code).collect();
    assert!(
        missing.is_empty() && stale.is_empty(),
        "in the code, not in aliases.tsv: {missing:?}\nin aliases.tsv, not in the code: {stale:?}"
    );
    // The words a status column uses to say only "a member" lead to no grade.
    for word in ["member", "Member", "YES", "x", "lid", "membre"] {
        assert_eq!(Status::from_alias(word), None, "{word}");
        assert!(Status::is_unstated(word), "{word}");
    }
}
