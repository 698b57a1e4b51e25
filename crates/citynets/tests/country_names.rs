//! Country names in real data: `tests/fixtures/country_spellings.tsv` holds spellings of
//! countries found in member lists and datasets, each with its code and where it was found.
//! None of them is a name of the country table once folded, so the test measures what the
//! rules of `CountryCode::from_name` find beyond the table, not the table itself.
//!
//! `cargo test -p citynets --test country_names -- --nocapture` prints the score and the
//! spellings missed.

use std::collections::HashSet;

use citynets::{CountryCode, fold};

const SPELLINGS: &str = include_str!("../../../tests/fixtures/country_spellings.tsv");
const CLDR_NAMES: &str = include_str!("../data/country_names.tsv");
const VARIANTS: &str = include_str!("../data/country_variants.tsv");

/// The `a<TAB>b[<TAB>c]` lines of a data file, comments left out.
fn rows(text: &str) -> impl Iterator<Item = Vec<&str>> {
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.split('\t').collect())
}

fn spellings() -> Vec<(&'static str, &'static str, &'static str)> {
    rows(SPELLINGS)
        .filter_map(|r| match r.as_slice() {
            [spelling, code, source] => Some((*spelling, *code, *source)),
            _ => None,
        })
        .collect()
}

fn found(text: &str) -> Option<String> {
    CountryCode::from_name(text).map(String::from)
}

#[test]
fn the_spellings_are_real_and_not_in_the_table() {
    let table: HashSet<String> = rows(CLDR_NAMES)
        .chain(rows(VARIANTS))
        .filter_map(|r| r.get(1).map(|name| fold(name)))
        .collect();
    let all = spellings();
    assert_eq!(
        all.len(),
        rows(SPELLINGS).count(),
        "a line without three fields"
    );
    assert!(all.len() >= 150, "{} spellings", all.len());
    let listed: Vec<_> = all
        .iter()
        .filter(|(spelling, _, _)| table.contains(&fold(spelling)))
        .collect();
    assert!(listed.is_empty(), "names of the table: {listed:?}");
    let mut folded = HashSet::new();
    for (spelling, code, source) in &all {
        assert!(folded.insert(fold(spelling)), "{spelling:?} twice");
        assert!(
            code.parse::<CountryCode>().is_ok(),
            "{spelling:?}: {code} is not a code"
        );
        assert!(
            source.starts_with("http"),
            "{spelling:?}: no source address"
        );
    }
}

#[test]
fn at_least_95_percent_of_real_spellings_resolve() {
    let all = spellings();
    let mut right = 0;
    let (mut missed, mut wrong) = (Vec::new(), Vec::new());
    for (spelling, code, _) in &all {
        match found(spelling) {
            Some(c) if c == *code => right += 1,
            Some(c) => wrong.push(format!("{spelling:?} → {c}, not {code}")),
            None => missed.push(format!("{spelling:?} ({code})")),
        }
    }
    println!(
        "{right} of {} spellings resolve to their code; {} give none, {} a wrong one",
        all.len(),
        missed.len(),
        wrong.len()
    );
    println!("none: {}", missed.join(", "));
    println!("wrong: {}", wrong.join(", "));
    assert!(right * 100 >= all.len() * 95, "{right} of {}", all.len());
    // A suggestion asserts a country: a wrong one is worse than none.
    assert!(wrong.is_empty(), "{wrong:?}");
}

/// Plain letters for the accented ones of the fixture (the test's own, to write the spellings
/// without accents).
fn unaccented(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c == 'ß' {
                return "ss".to_owned();
            }
            String::from(match c {
                'á' | 'à' | 'â' | 'ã' | 'ä' => 'a',
                'é' | 'è' | 'ê' | 'ë' => 'e',
                'í' | 'ï' => 'i',
                'ó' | 'ô' | 'ö' | 'õ' => 'o',
                'ú' | 'ü' => 'u',
                'ç' => 'c',
                'ś' => 's',
                'ñ' => 'n',
                'č' => 'c',
                other => other,
            })
        })
        .collect()
}

#[test]
fn case_accents_and_a_leading_article_do_not_matter() {
    let mut checked = 0;
    for (spelling, code, _) in spellings() {
        let Some(found_code) = found(spelling) else {
            continue;
        };
        assert_eq!(found_code, code, "{spelling:?}");
        for variant in [
            spelling.to_uppercase(),
            spelling.to_lowercase(),
            unaccented(spelling),
            format!("The {spelling}"),
            format!("the {spelling}"),
            format!("  {spelling} "),
        ] {
            assert_eq!(found(&variant).as_deref(), Some(code), "{variant:?}");
        }
        checked += 1;
    }
    assert!(checked >= 140);
    for (a, b) in [
        ("Belgien", "BELGIEN"),
        ("België", "Belgie"),
        ("Österreich", "osterreich"),
        ("Türkiye", "Turkiye"),
        ("España", "espana"),
        ("Netherlands", "the Netherlands"),
        ("Niederlande", "die Niederlande"),
        ("Pays-Bas", "les Pays-Bas"),
        ("Salvador", "El Salvador"),
        ("Regno Unito", "il Regno Unito"),
        ("Verenigd Koninkrijk", "het Verenigd Koninkrijk"),
    ] {
        assert_eq!(found(a), found(b), "{a:?} and {b:?}");
        assert!(found(a).is_some(), "{a:?}");
    }
}

#[test]
fn common_forms_resolve() {
    for (text, code) in [
        ("Belgium", "BE"),
        ("Belgien", "BE"),
        ("be", "BE"),
        ("UK", "GB"),
        ("EL", "GR"),
        ("U.K.", "GB"),
        ("Great Britain", "GB"),
        ("England", "GB"),
        ("Scotland", "GB"),
        ("Wales", "GB"),
        ("Northern Ireland", "GB"),
        ("Holland", "NL"),
        ("Östereich", "AT"),
        ("Rep. of Korea", "KR"),
        ("Republic of Moldova", "MD"),
        ("Macedonia (FYROM)", "MK"),
        ("Korea, Rep.", "KR"),
        ("Congo, Dem. Rep.", "CD"),
        ("Viet Nam", "VN"),
        ("Türkiye", "TR"),
        ("Czechia", "CZ"),
        ("Czech Republic", "CZ"),
        ("Bosnia & Herzegovina", "BA"),
        ("St. Lucia", "LC"),
        ("Cote d'Ivoire", "CI"),
        ("Ivory Coast", "CI"),
        ("Cape Verde", "CV"),
        ("DR Congo", "CD"),
        ("Congo-Kinshasa", "CD"),
        ("South Korea", "KR"),
        ("North Korea", "KP"),
        ("Swaziland", "SZ"),
        ("Burma", "MM"),
        ("USA", "US"),
        ("U.S.A.", "US"),
        ("America", "US"),
        ("UAE", "AE"),
        ("Deutschland", "DE"),
        ("España", "ES"),
        ("Sverige", "SE"),
        ("Polska", "PL"),
        ("Kosovo", "XK"),
    ] {
        assert_eq!(found(text).as_deref(), Some(code), "{text:?}");
    }
}

/// Words that name no country, two countries, or a region: no code.
#[test]
fn junk_gives_no_code() {
    let mut named = Vec::new();
    for junk in [
        "",
        "   ",
        "the",
        "The",
        "city",
        "City",
        "member",
        "members",
        "yes",
        "n/a",
        "N/A",
        "none",
        "unknown",
        "other",
        "Europe",
        "EU",
        "European Union",
        "XX",
        "ZZ",
        "world",
        "global",
        "international",
        "Republic",
        "Kingdom",
        "United",
        "Islands",
        "Saint",
        "Korea",
        "Congo",
        "Belgium-Luxembourg",
        "Czechoslovakia",
        "Soviet Union",
        "Yugoslavia",
        "German Democratic Republic",
        "2016",
        "-",
        "?",
    ] {
        if let Some(code) = found(junk) {
            named.push(format!("{junk:?} → {code}"));
        }
    }
    assert!(named.is_empty(), "{named:?}");
}
