//! The forms in which member lists write a city: its name with the words that say "the city
//! of" or "the council of" around it, in the languages of the lists (`City of Ghent`, `Stad
//! Gent`, `Ville de Lyon`, `Comune di Bologna`, `Glasgow City Council`, `Oslo kommune`,
//! `Wien (Stadt)`).
//!
//! [`keys`] gives the keys to look up for a written name, in order: the name itself, then the
//! name without such words. Only words that say the member *is* the city are taken away: a
//! province, region, county, metropolitan area, port or university keeps its word, and its
//! name then names no city (`Province of Antwerp`, `Metropolitan City of Milan`, `University
//! of Vienna`).

use crate::fold::fold;

/// Words before a city's name that say the member is the city (or its council), folded, the
/// longest first where one starts another.
const PREFIXES: &[&str] = &[
    // English
    "the city and county of",
    "city and county of",
    "the city of",
    "city of",
    "city council of",
    "city council",
    "city government of",
    "town of",
    "the municipality of",
    "municipality of",
    "municipal council of",
    "metropolitan borough of",
    "london borough of",
    "royal borough of",
    "borough of",
    // Dutch, Flemish
    "stad",
    "gemeente",
    "stadsbestuur",
    // French
    "la ville de",
    "ville de",
    "ville d",
    "mairie de",
    "mairie d",
    "commune de",
    "commune d",
    // German
    "freie und hansestadt",
    "freie hansestadt",
    "landeshauptstadt",
    "hansestadt",
    "universitatsstadt",
    "magistrat der stadt",
    "stadtverwaltung",
    "stadtgemeinde",
    "marktgemeinde",
    "gemeinde",
    "stadt",
    // Italian
    "comune di",
    "citta di",
    // Spanish, Catalan, Galician, Basque
    "excmo ayuntamiento de",
    "ayuntamiento de",
    "ajuntament de",
    "ajuntament d",
    "concello de",
    "municipalidad de",
    "municipio de",
    "alcaldia de",
    "gobierno de la ciudad de",
    "ciudad de",
    // Portuguese
    "camara municipal de",
    "camara municipal do",
    "camara municipal da",
    "prefeitura municipal de",
    "prefeitura de",
    "municipio do",
    "municipio da",
    "cidade de",
    // Polish, Czech, Slovak, Croatian, Slovenian, Romanian, Greek, Indonesian
    "urzad miasta",
    "miasto stoleczne",
    "miasto",
    "gmina miejska",
    "gmina",
    "statutarni mesto",
    "hlavni mesto",
    "mesto",
    "grad",
    "mestna obcina",
    "municipiul",
    "primaria municipiului",
    "dimos",
    "kota",
];

/// Words after a city's name that say the member is the city (or its council), folded, the
/// longest first where one ends another.
const SUFFIXES: &[&str] = &[
    "metropolitan municipality",
    "municipal corporation",
    "municipal council",
    "municipal authority",
    "metropolitan government",
    "municipality",
    "city and county council",
    "city council",
    "town council",
    "borough council",
    "city hall",
    "council",
    "city",
    "buyuksehir belediyesi",
    "belediyesi",
    "kommune",
    "kommun",
    "stad",
    "stadt",
    "gemeente",
    "kaupunki",
    "ville",
];

/// Suffixes after which a Danish, Norwegian or Swedish name stands in the genitive (`Københavns
/// Kommune`, `Göteborgs Stad`): the name is also tried without its last `s`.
const GENITIVE_S: &[&str] = &["kommune", "kommun", "stad"];

/// The keys to look up for written name `name` of a city in `country` (a code, when known),
/// in order, without repeats. The first is always the folded name ([`fold`]`(name)`), which
/// the resolver looks up before asking for the others. Then the name without a part in
/// brackets at its end or after its first comma when that part only says "city" or names the
/// member's own country (`Wien (Stadt)`, `Ghent, City of`, `Gent (BE)` or `Gent, Belgium` in
/// Belgium; not `Toulouse (Communauté)`, not `Gent (NL)` in Belgium, and never two letters after
/// a comma, which a list uses for a state: `Jacksonville, NC`); each also without the words of
/// [`PREFIXES`] and [`SUFFIXES`] around it.
pub(crate) fn keys(name: &str, country: Option<&str>) -> Vec<String> {
    let mut written = vec![name.trim()];
    if let Some(open) = name.rfind('(')
        && let Some(inside) = name.trim_end().strip_suffix(')')
        && says_city_or_country(inside.get(open + 1..).unwrap_or_default(), country, false)
    {
        written.push(name.get(..open).unwrap_or_default().trim());
    }
    if let Some((before, after)) = name.split_once(',')
        && says_city_or_country(after, country, true)
    {
        written.push(before.trim());
    }
    let mut out: Vec<String> = Vec::new();
    let push = |k: String, out: &mut Vec<String>| {
        if k.len() >= 2 && !out.contains(&k) {
            out.push(k);
        }
    };
    let folded: Vec<String> = written.iter().map(|w| fold(w)).collect();
    for k in &folded {
        push(k.clone(), &mut out);
    }
    for k in &folded {
        let prefix = strip_prefix(k);
        let suffix = strip_suffix(k);
        let both = prefix.as_deref().and_then(strip_suffix);
        for s in [
            prefix.clone(),
            suffix.clone().map(|(s, _)| s),
            both.clone().map(|(s, _)| s),
        ]
        .into_iter()
        .flatten()
        {
            push(s, &mut out);
        }
        for (s, genitive) in [suffix, both].into_iter().flatten() {
            if genitive && let Some(bare) = s.strip_suffix('s') {
                push(bare.to_owned(), &mut out);
            }
        }
    }
    out
}

/// Whether a part of a written name (in brackets, or `after_comma`) only says that the member
/// is the city (`Stadt`, `City of`, `Ayuntamiento`) or names `country`, the member's own (`BE`,
/// `Belgium`; with no country known, only a country's name of more than two letters).
fn says_city_or_country(part: &str, country: Option<&str>, after_comma: bool) -> bool {
    let key = fold(part);
    let with_de = format!("{key} de");
    if PREFIXES.contains(&key.as_str())
        || SUFFIXES.contains(&key.as_str())
        || PREFIXES.contains(&with_de.as_str())
    {
        return true;
    }
    let two_letters = part.trim().chars().count() <= 2;
    if two_letters && (after_comma || country.is_none()) {
        return false;
    }
    let Some(code) = crate::countries::code_of(part) else {
        return false;
    };
    country.is_none_or(|c| c.as_bytes() == code)
}

/// `key` without a word of [`PREFIXES`] at its start (whole words only).
fn strip_prefix(key: &str) -> Option<String> {
    PREFIXES.iter().find_map(|p| {
        let rest = key.strip_prefix(p)?.strip_prefix(' ')?;
        Some(rest.to_owned())
    })
}

/// `key` without a word of [`SUFFIXES`] at its end, and whether the name before it may stand
/// in a Scandinavian genitive.
fn strip_suffix(key: &str) -> Option<(String, bool)> {
    SUFFIXES.iter().find_map(|s| {
        let rest = key.strip_suffix(s)?.strip_suffix(' ')?;
        Some((rest.to_owned(), GENITIVE_S.contains(s)))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_name_comes_first_then_the_name_without_the_words_around_it() {
        assert_eq!(keys("Gent", None), ["gent"]);
        assert_eq!(keys("City of Ghent", None), ["city of ghent", "ghent"]);
        assert_eq!(
            keys("Glasgow City Council", None),
            ["glasgow city council", "glasgow"]
        );
        assert_eq!(keys("Stadt Wien", None), ["stadt wien", "wien"]);
        assert_eq!(keys("Wien (Stadt)", None), ["wien stadt", "wien"]);
        assert_eq!(keys("Ghent, City of", None), ["ghent city of", "ghent"]);
        assert_eq!(keys("Gent (Belgium)", None), ["gent belgium", "gent"]);
        assert_eq!(keys("Gent (BE)", Some("BE")), ["gent be", "gent"]);
        assert_eq!(keys("Gent (NL)", Some("BE")), ["gent nl"]);
        assert_eq!(keys("Jacksonville, NC", Some("US")), ["jacksonville nc"]);
        assert_eq!(
            keys("Ghent, Belgium", Some("BE")),
            ["ghent belgium", "ghent"]
        );
        // The first key is always the folded name, which the resolver asks first.
        for name in ["  Stad Gent ", "Wien (Stadt)", "Ghent, City of", "x"] {
            assert_eq!(
                keys(name, None).first().map(String::as_str),
                Some(fold(name).as_str()).filter(|k| k.len() >= 2)
            );
        }
        assert_eq!(
            keys("Københavns Kommune", None),
            ["kobenhavns kommune", "kobenhavns", "kobenhavn"]
        );
        assert_eq!(
            keys("Comune di Bologna", None),
            ["comune di bologna", "bologna"]
        );
    }

    #[test]
    fn words_of_other_bodies_stay() {
        assert_eq!(keys("Province of Antwerp", None), ["province of antwerp"]);
        assert_eq!(keys("University of Vienna", None), ["university of vienna"]);
        assert_eq!(
            keys("Metropolitan City of Milan", None),
            ["metropolitan city of milan"]
        );
        assert_eq!(keys("Stad", None), ["stad"]);
        assert_eq!(keys("Toulouse (Communauté)", None), ["toulouse communaute"]);
        assert_eq!(
            keys("Barcelona, Provincial Council", None),
            ["barcelona provincial council", "barcelona provincial"]
        );
    }
}
