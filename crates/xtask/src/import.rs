//! `cargo xtask import`: refreshes the facts of the Ghent data file from the research file
//! (`networks-facts.json`), leaving the catalogue's own writing alone.
//!
//! The importer owns, for each network: `website`, `founding_date`,
//! `founding_date_alternatives`, `secretariat`, `secretariat_alternatives`, `member_counts`,
//! and the entries of `sources` that support the website, founding date, secretariat and the
//! research's acronym. Everything else (names, descriptions, classification, caveats, notes,
//! parents, memberships) is curated by hand in the data file and never touched here.
//! Running it twice gives the same file. Facts listed in `tests/fixtures/coverage-exclusions.json`
//! (judged wrong, each with its reason) are not imported.

use std::collections::BTreeMap;

use citynets::{
    AlternativeDate, AlternativeSecretariat, Catalogue, CountQualifier, CountryCode, Fact, List,
    MemberCount, Network, PartialDate, Secretariat, Source, Text, Url,
};
use serde_json::Value;

/// The fields whose sources the importer owns.
const OWNED: [Fact; 4] = [
    Fact::Website,
    Fact::FoundingDate,
    Fact::Secretariat,
    Fact::Acronym,
];

/// A research fact left out on purpose: (network, kind of fact, source).
pub type Exclusion = (String, String, Option<String>);

/// Imports every research entry into the catalogue; returns how many networks changed.
#[cfg(test)]
pub fn import(catalogue: &mut Catalogue, facts: &Value, seed_url: &str) -> Result<usize, String> {
    import_except(catalogue, facts, seed_url, &[])
}

/// Like `import` above, leaving out the listed facts.
pub fn import_except(
    catalogue: &mut Catalogue,
    facts: &Value,
    seed_url: &str,
    excluded: &[Exclusion],
) -> Result<usize, String> {
    let entries = facts
        .as_array()
        .ok_or("the research file must hold a JSON array")?;
    let mut changed = 0;
    for entry in entries {
        let id = str_at(entry, "/id").ok_or("an entry has no id")?;
        let mut networks = std::mem::take(&mut catalogue.networks).into_vec();
        let network = networks
            .iter_mut()
            .find(|n| n.id == id)
            .ok_or_else(|| format!("{id}: not in the data file; add its curated entry first"))?;
        let before = network.clone();
        let skip: Vec<(String, Option<String>)> = excluded
            .iter()
            .filter(|(n, _, _)| n == id)
            .map(|(_, f, s)| (f.clone(), s.clone()))
            .collect();
        import_one(network, entry, seed_url, &skip).map_err(|e| format!("{id}: {e}"))?;
        if *network != before {
            changed += 1;
        }
        catalogue.networks = List::new(networks).map_err(|e| e.to_string())?;
    }
    Ok(changed)
}

fn import_one(
    n: &mut Network,
    e: &Value,
    seed_url: &str,
    skip: &[(String, Option<String>)],
) -> Result<(), String> {
    let mut imported: Vec<(String, Fact, Option<String>)> = Vec::new();
    let skipped = |fact: &str, v: &Value| {
        let src = v.get("source").and_then(Value::as_str).map(url_text);
        skip.iter().any(|(f, s)| f == fact && *s == src)
    };

    n.website = match e
        .get("website")
        .filter(|v| !v.is_null() && !skipped("website", v))
    {
        Some(w) => {
            let (site, rest) = website(str_of(w, "value")?)?;
            imported.push((url_text(str_of(w, "source")?), Fact::Website, rest));
            Some(site)
        }
        None => None,
    };

    n.founding_date = match e
        .get("founded")
        .filter(|v| !v.is_null() && !skipped("founded", v))
    {
        Some(f) => {
            imported.push((url_text(str_of(f, "source")?), Fact::FoundingDate, None));
            Some(year(&f["value"])?)
        }
        None => None,
    };
    let mut alternatives = Vec::new();
    for alt in e["founded_alternatives"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|a| !skipped("founded_alternative", a))
    {
        alternatives.push(AlternativeDate {
            value: year(&alt["value"])?,
            source: url(str_of(alt, "source")?)?,
            note: None,
        });
    }
    n.founding_date_alternatives = List::new(alternatives).map_err(|e| e.to_string())?;

    n.secretariat = match e
        .get("secretariat")
        .filter(|v| !v.is_null() && !skipped("secretariat", v))
    {
        Some(s) => {
            imported.push((url_text(str_of(s, "source")?), Fact::Secretariat, None));
            let v = &s["value"];
            let mut offices = Vec::new();
            for o in v["other_offices"].as_array().into_iter().flatten() {
                offices.push(text(o.as_str().unwrap_or_default())?);
            }
            Some(Secretariat {
                city: opt_text(v.get("city"))?,
                country: country(v.get("country"))?,
                body: opt_text(v.get("body"))?,
                other_offices: List::new(offices).map_err(|e| e.to_string())?,
            })
        }
        None => None,
    };
    let mut seats = Vec::new();
    for alt in e["secretariat_alternatives"]
        .as_array()
        .into_iter()
        .flatten()
    {
        let v = &alt["value"];
        seats.push(AlternativeSecretariat {
            city: opt_text(v.get("city"))?,
            country: country(v.get("country"))?,
            date: match alt.get("year").filter(|y| !y.is_null()) {
                Some(y) => Some(year(y)?),
                None => None,
            },
            source: url(str_of(alt, "source")?)?,
            note: None,
        });
    }
    n.secretariat_alternatives = List::new(seats).map_err(|e| e.to_string())?;

    let mut counts = Vec::new();
    for m in e["members"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|m| !skipped("members", m))
    {
        counts.push(member_count(m)?);
    }
    n.member_counts = List::new(counts).map_err(|e| e.to_string())?;

    if let Some(a) = e
        .get("acronym")
        .filter(|v| !v.is_null() && !skipped("acronym", v))
    {
        let src = url_text(str_of(a, "source")?);
        if src != seed_url {
            imported.push((src, Fact::Acronym, None));
        }
    }

    n.sources = merge_sources(std::mem::take(&mut n.sources), imported, seed_url)?;
    Ok(())
}

/// Drops the importer-owned fields from the curated sources (except the City's page), then
/// adds the imported ones, one source per address.
fn merge_sources(
    old: List<Source, 32>,
    imported: Vec<(String, Fact, Option<String>)>,
    seed_url: &str,
) -> Result<List<Source, 32>, String> {
    let mut out: Vec<Source> = Vec::new();
    for mut s in old {
        if s.url != seed_url {
            s.fields = std::mem::take(&mut s.fields).retained(|f| !OWNED.contains(f));
            if s.fields.is_empty() && s.note.is_none() {
                continue;
            }
        }
        out.push(s);
    }
    let mut by_url: BTreeMap<String, usize> = BTreeMap::new();
    for (i, s) in out.iter().enumerate() {
        by_url.insert(s.url.to_string(), i);
    }
    for (address, fact, remark) in imported {
        let i = match by_url.get(&address) {
            Some(i) => *i,
            None => {
                out.push(Source::new(url(&address)?));
                by_url.insert(address.clone(), out.len() - 1);
                out.len() - 1
            }
        };
        let s = &mut out[i];
        if !s.fields.contains(&fact) {
            s.fields.push(fact).map_err(|e| e.to_string())?;
        }
        if let Some(r) = remark {
            s.note = Some(text(&format!("Also given: {r}."))?);
        }
    }
    List::new(out).map_err(|e| e.to_string())
}

/// Parses a member figure as the research states it ("over 200 cities, 38 countries").
pub fn member_count(m: &Value) -> Result<MemberCount, String> {
    let source = url(str_of(m, "source")?)?;
    let date = match m.get("year").filter(|y| !y.is_null()) {
        Some(y) => Some(year(y)?),
        None => None,
    };
    let unit_given = m.get("unit").and_then(Value::as_str);
    let value = &m["value"];
    if let Some(count) = value.as_u64() {
        return Ok(MemberCount {
            count: u32::try_from(count).map_err(|e| e.to_string())?,
            qualifier: CountQualifier::Exact,
            unit: unit_given.map(text).transpose()?,
            countries: None,
            date,
            as_stated: None,
            source,
            note: None,
        });
    }
    let stated = value
        .as_str()
        .ok_or("a member count is neither a number nor text")?;
    let parsed = parse_figure(stated).ok_or_else(|| format!("no figure in {stated:?}"))?;
    Ok(MemberCount {
        count: parsed.count,
        qualifier: parsed.qualifier,
        unit: unit_given
            .map(str::to_owned)
            .or(parsed.unit)
            .as_deref()
            .map(text)
            .transpose()?,
        countries: parsed.countries,
        date,
        as_stated: Some(text(stated)?),
        source,
        note: None,
    })
}

/// A figure read from a phrase.
#[derive(Debug, PartialEq)]
pub struct Figure {
    /// The number counted.
    pub count: u32,
    /// How exact it is.
    pub qualifier: CountQualifier,
    /// What is counted, if the phrase says.
    pub unit: Option<String>,
    /// In how many countries, if the phrase says.
    pub countries: Option<u16>,
}

/// Reads the main figure of a phrase: the first number not followed by "countries", its
/// qualifier from the words before or the sign after it, its unit from the words after it, and
/// the number of countries if one is given.
pub fn parse_figure(s: &str) -> Option<Figure> {
    let mut numbers = numbers_in(s);
    if numbers.is_empty() {
        numbers = number_words_in(s);
    }
    let countries = numbers.iter().find_map(|(_, end, v)| {
        let after = s[*end..].trim_start_matches('+').trim_start();
        (after.starts_with("countries") || after.starts_with("country,") || after == "country")
            .then(|| u16::try_from(*v).ok())
            .flatten()
    });
    let (start, end, count) = *numbers.iter().find(|(_, end, _)| {
        let after = s[*end..].trim_start_matches('+').trim_start();
        !after.starts_with("countries")
    })?;
    let before = s[..start].to_lowercase();
    let before = before.trim_end();
    let after = &s[end..];
    let qualifier = if after.starts_with('+')
        || before.ends_with('>')
        || ends_with_any(before, &["over", "more than"])
    {
        CountQualifier::MoreThan
    } else if after.starts_with('-') {
        CountQualifier::AtLeast
    } else if ends_with_any(
        before,
        &["about", "around", "close to", "approximately", "some"],
    ) {
        CountQualifier::About
    } else if s[start..end].ends_with("dozen") {
        // "a dozen cities": a round figure.
        CountQualifier::About
    } else if ends_with_any(before, &["almost", "nearly"]) {
        CountQualifier::Almost
    } else if ends_with_any(before, &["at least"]) {
        CountQualifier::AtLeast
    } else {
        CountQualifier::Exact
    };
    let tail = after
        .trim_start_matches(|c: char| c == '+' || c == '-' || c.is_ascii_digit())
        .trim_start();
    let unit: String = tail
        .split([',', '('])
        .next()
        .unwrap_or_default()
        .split(" in ")
        .next()
        .unwrap_or_default()
        .split(" from ")
        .next()
        .unwrap_or_default()
        .trim()
        .to_owned();
    Some(Figure {
        count: u32::try_from(count).ok()?,
        qualifier,
        unit: (!unit.is_empty()).then_some(unit),
        countries,
    })
}

fn ends_with_any(s: &str, words: &[&str]) -> bool {
    words.iter().any(|w| s.ends_with(w))
}

/// Every number in the text, with thousands separators: (start, end, value).
fn numbers_in(s: &str) -> Vec<(usize, usize, u64)> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_digit() {
            let start = i;
            let mut digits = String::new();
            while i < b.len()
                && (b[i].is_ascii_digit()
                    || (b[i] == b','
                        && b.get(i + 1).is_some_and(u8::is_ascii_digit)
                        && b.get(i + 3).is_some_and(u8::is_ascii_digit)
                        && !b.get(i + 4).is_some_and(u8::is_ascii_digit)))
            {
                if b[i] != b',' {
                    digits.push(char::from(b[i]));
                }
                i += 1;
            }
            if let Ok(v) = digits.parse() {
                out.push((start, i, v));
            }
        } else {
            i += 1;
        }
    }
    out
}

/// The website a research value gives, and the remark in brackets after it, if any: a bare
/// domain (the Ghent research writes `eurocities.eu (main site)`) is read as `https://`, a full
/// address is kept as written.
pub fn website(value: &str) -> Result<(Url, Option<String>), String> {
    let (site, remark) = split_remark(value);
    let address = if site.starts_with("http://") || site.starts_with("https://") {
        site
    } else {
        format!("https://{site}")
    };
    Ok((url(&address)?, remark))
}

/// Numbers written in words ("more than sixty", "around five hundred", "a dozen"), used when a
/// phrase has no digits: (start, end, value) of each run of number words.
fn number_words_in(s: &str) -> Vec<(usize, usize, u64)> {
    const SMALL: [&str; 20] = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ];
    const TENS: [&str; 8] = [
        "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ];
    let word_value = |w: &str| -> Option<u64> {
        let w = w.to_lowercase();
        let parts: Option<Vec<u64>> = w
            .split('-')
            .map(|p| {
                SMALL
                    .iter()
                    .position(|x| *x == p)
                    .map(|i| i as u64)
                    .or_else(|| {
                        TENS.iter()
                            .position(|x| *x == p)
                            .map(|i| 20 + 10 * i as u64)
                    })
            })
            .collect();
        parts.map(|p| p.iter().sum())
    };
    let mut out = Vec::new();
    // (start, end, total, current)
    let mut run: Option<(usize, usize, u64, u64)> = None;
    let mut words = Vec::new();
    let mut offset = 0;
    for piece in s.split(' ') {
        let word = piece.trim_end_matches([',', '.', ';', ')']);
        words.push((offset, offset + word.len(), word));
        offset += piece.len() + 1;
    }
    for (start, end, word) in words {
        let lower = word.to_lowercase();
        let step = match lower.as_str() {
            "hundred" | "thousand" | "dozen" => Some(lower.as_str()),
            _ => None,
        };
        match (word_value(word), step, run.as_mut()) {
            (Some(v), _, Some(r)) => {
                r.1 = end;
                r.3 += v;
            }
            (Some(v), _, None) => run = Some((start, end, 0, v)),
            (None, Some("hundred"), Some(r)) => {
                r.1 = end;
                r.3 = r.3.max(1) * 100;
            }
            (None, Some("thousand"), Some(r)) => {
                r.1 = end;
                r.2 = (r.2 + r.3.max(1)) * 1000;
                r.3 = 0;
            }
            (None, Some("dozen"), None) => out.push((start, end, 12)),
            (None, _, Some(_)) => {
                if let Some((a, b, total, current)) = run.take() {
                    out.push((a, b, total + current));
                }
            }
            (None, _, None) => {}
        }
    }
    if let Some((a, b, total, current)) = run {
        out.push((a, b, total + current));
    }
    out
}

fn split_remark(s: &str) -> (String, Option<String>) {
    match s.split_once(" (") {
        Some((head, rest)) => (
            head.trim().to_owned(),
            Some(rest.trim_end_matches(')').to_owned()),
        ),
        None => (s.trim().to_owned(), None),
    }
}

/// The text at a JSON pointer, if it is text.
pub fn str_at<'a>(v: &'a Value, pointer: &str) -> Option<&'a str> {
    v.pointer(pointer).and_then(Value::as_str)
}

/// The text of field `key`, or an error naming the field.
pub fn str_of<'a>(v: &'a Value, key: &str) -> Result<&'a str, String> {
    v.get(key)
        .and_then(Value::as_str)
        .ok_or_else(|| format!("missing text field {key:?}"))
}

/// Percent-encodes the non-ASCII characters of an address, as the model requires.
pub fn url_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii() && !c.is_ascii_whitespace() && !c.is_ascii_control() {
            out.push(c);
        } else {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    out
}

/// Parses an address, percent-encoding its non-ASCII characters first.
pub fn url(s: &str) -> Result<Url, String> {
    url_text(s)
        .parse()
        .map_err(|e: citynets::ValueError| format!("{s}: {e}"))
}

/// Bounded text, with the text in the error.
pub fn text<const N: usize>(s: &str) -> Result<Text<N>, String> {
    s.parse()
        .map_err(|e: citynets::ValueError| format!("{s:?}: {e}"))
}

/// Bounded text from an optional JSON string.
pub fn opt_text<const N: usize>(v: Option<&Value>) -> Result<Option<Text<N>>, String> {
    v.and_then(Value::as_str).map(text).transpose()
}

/// A year given as a JSON number.
pub fn year(v: &Value) -> Result<PartialDate, String> {
    let y = v
        .as_u64()
        .ok_or_else(|| format!("a year must be a number, found {v}"))?;
    PartialDate::from_year(u16::try_from(y).map_err(|e| e.to_string())?).map_err(|e| e.to_string())
}

/// The ISO code of a country named in the research, read as the validator reads one (one
/// table of country names: `CountryCode::from_name`).
pub fn country(v: Option<&Value>) -> Result<Option<CountryCode>, String> {
    let Some(name) = v.and_then(Value::as_str) else {
        return Ok(None);
    };
    CountryCode::from_name(name)
        .map(Some)
        .ok_or_else(|| format!("no ISO code known for the country {name:?}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_figures_the_research_uses() {
        let f = |s| parse_figure(s).unwrap();
        let over = f("over 200 cities, 38 countries");
        assert_eq!(
            (over.count, over.qualifier, over.countries),
            (200, CountQualifier::MoreThan, Some(38))
        );
        assert_eq!(over.unit.as_deref(), Some("cities"));
        assert_eq!(f("8,800+").count, 8800);
        assert_eq!(f("8,800+").qualifier, CountQualifier::MoreThan);
        let r = f("members in 27 countries representing >10,000 organisations");
        assert_eq!(
            (r.count, r.qualifier, r.countries),
            (10_000, CountQualifier::MoreThan, Some(27))
        );
        assert_eq!(
            f("close to 70 cities + over 50 associated members/partners, 40 countries").qualifier,
            CountQualifier::About
        );
        assert_eq!(
            f("almost 70 cities, regions and transport operators, 18 countries").count,
            70
        );
        assert_eq!(
            f("6-7 cities signed up (target: at least 12)").qualifier,
            CountQualifier::AtLeast
        );
        assert_eq!(f("1,227 in 70 countries").count, 1227);
        assert_eq!(f("1,227 in 70 countries").countries, Some(70));
        assert!(parse_figure("none").is_none());
        let words = f("more than sixty organizations");
        assert_eq!(
            (words.count, words.qualifier, words.unit.as_deref()),
            (60, CountQualifier::MoreThan, Some("organizations"))
        );
        assert_eq!(f("around five hundred").count, 500);
        assert_eq!(f("around five hundred").qualifier, CountQualifier::About);
        assert_eq!(f("seven regional and national coalitions").count, 7);
        assert_eq!(f("twenty-five cities").count, 25);
        assert_eq!(f("a dozen cities").count, 12);
        assert_eq!(f("a dozen cities").qualifier, CountQualifier::About);
        assert!(parse_figure("all local authorities in New Zealand").is_none());
    }
}

#[cfg(test)]
mod import_tests {
    use super::*;
    use serde_json::json;

    const SEED: &str = "https://stad.gent/en/city-governance-organisation/city-policy/ghent-international/working-together-international-level/ghent-and-its-international-networks";

    fn research() -> Value {
        json!([{
            "id": "eurocities",
            "acronym": null,
            "founded": {"value": 1986, "source": "https://example.org/founded"},
            "founded_alternatives": [{"value": 1985, "source": "https://example.org/alt"}],
            "secretariat": {"value": {"city": "Brussels", "country": "Belgium"}, "source": "https://example.org/seat"},
            "secretariat_alternatives": [],
            "website": {"value": "eurocities.eu (main site)", "source": "https://example.org/seat"},
            "members": [{"value": "over 200 cities, 38 countries", "source": "https://example.org/m", "year": 2024}]
        }])
    }

    #[test]
    fn imports_owned_facts_leaves_curation_alone_and_is_idempotent() {
        let mut cat = citynets::ghent().clone();
        let before = cat.by_id("eurocities").unwrap().clone();
        import(&mut cat, &research(), SEED).unwrap();
        let after = cat.by_id("eurocities").unwrap().clone();
        assert_eq!(after.founding_date.as_deref(), Some("1986"));
        assert_eq!(after.founding_date_alternatives[0].value, "1985");
        assert_eq!(after.website.as_deref(), Some("https://eurocities.eu"));
        assert_eq!(after.member_counts.len(), 1);
        assert_eq!(after.member_counts[0].count, 200);
        // One source for the two facts that share an address, with the website's remark.
        let seat = after
            .sources
            .iter()
            .find(|s| s.url == "https://example.org/seat")
            .unwrap();
        assert!(seat.supports(Fact::Secretariat) && seat.supports(Fact::Website));
        assert!(
            seat.note
                .as_deref()
                .is_some_and(|n| n.contains("main site"))
        );
        // Curated parts are untouched.
        assert_eq!(after.description, before.description);
        assert_eq!(after.memberships, before.memberships);
        assert_eq!(after.other_names, before.other_names);
        assert_eq!(after.caveats, before.caveats);
        // The old imported sources are gone, the City's page stays.
        assert!(after.sources.iter().any(|s| s.url == SEED));
        assert!(!after.sources.iter().any(|s| s.url.contains("wikipedia")));
        // A second run changes nothing.
        let once = cat.clone();
        assert_eq!(import(&mut cat, &research(), SEED).unwrap(), 0);
        assert_eq!(cat, once);
    }

    #[test]
    fn unknown_networks_and_countries_are_refused() {
        let mut cat = citynets::ghent().clone();
        let err = import(&mut cat, &json!([{"id": "nowhere"}]), SEED).unwrap_err();
        assert!(err.contains("nowhere"), "{err}");
        assert!(country(Some(&json!("Atlantis"))).is_err());
    }
}
