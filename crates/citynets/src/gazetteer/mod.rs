//! The gazetteer of cities: which place a member list means by a city's name, whatever the
//! language or the form it is written in (`Gent`, `Ghent`, `Gand`, `City of Ghent`, `Stad
//! Gent`), so that memberships join across datasets on one identity, the place's GeoNames id.
//!
//! The places are GeoNames' 69,472 of at least 5,000 inhabitants (the `citynets-gazetteer`
//! crate holds them: CC BY 4.0, GeoNames), each with its names in Latin script: its main name,
//! its preferred name in each language GeoNames gives one for, and its alternate names.
//!
//! # How a name is resolved ([`resolve_city`])
//!
//! 1. The name is folded ([`fold`](crate::fold): case, accents and punctuation do not count)
//!    and looked up; then, in order, without a part in brackets at its end or after its first
//!    comma, and without the words around it that say the member *is* the city or its council
//!    in the lists' languages (`City of`, `Ville de`, `Stadt`, `Gemeente`, `Comune di`,
//!    `Municipality of`, `City Council`, `kommune`…; the list is in `forms.rs`). A province,
//!    region, county, metropolitan area, port or university keeps its word and names no city.
//!    The first key that names a place decides.
//! 2. With a country, only the places in that country count. A name that one place carries as
//!    its own (its main name or a preferred name in some language) wins over places that carry
//!    it only as an alternate: `Frankfurt am Main` is one place, `Gent` in Belgium is Ghent. A
//!    name that the country's places carry only as an alternate, while a city of at least
//!    100,000 inhabitants elsewhere carries it as its own, is ambiguous (`Gent` in the
//!    Netherlands: a Dutch village's alternate name, or Ghent given with the wrong country).
//! 3. One place left: [`CityMatch::Found`]. Several, where the most populous is a city of at
//!    least 100,000 inhabitants and ten times as large as each of the others: that city
//!    (`Boston` in the United States is Boston, Massachusetts, not the town of 8,000 in New
//!    York; `Essen` in Germany is the city of 590,000, not the village of 8,000). Otherwise
//!    [`CityMatch::Ambiguous`], listed, most populous first (`Vienna` without a country is in
//!    Austria and twice in the United States; `Hamm` in Germany is a city of 180,000 and a
//!    town of 38,000). None in the country given while places elsewhere carry
//!    the name: [`CityMatch::Elsewhere`]. Nothing at all: [`CityMatch::Unknown`] (a place of
//!    fewer than 5,000 inhabitants, a body that is not a city, a name written in another script).
//!
//! A lookup reads the embedded text in place (a binary search over sorted lines): nothing is
//! loaded at start, and memory does not grow with the number of lookups. It resolves about
//! 350,000 real spellings a second on one core, and a million names it does not hold (see
//! `docs/performance.md`).
//!
//! ```
//! use citynets::gazetteer::{CityMatch, resolve_city};
//!
//! let genf = resolve_city("Genf", Some("CH")).unwrap();
//! let CityMatch::Found { place, .. } = genf else { panic!("{genf:?}") };
//! assert_eq!((place.geonames_id, place.english, place.local), (2660646, "Geneva", "Genève"));
//!
//! // The words around a name, in the list's language.
//! let ghent = resolve_city("Stad Gent", Some("BE")).unwrap();
//! assert_eq!(ghent.found().map(|p| p.geonames_id), Some(2797656));
//!
//! // Settled by the country, or listed.
//! assert!(matches!(resolve_city("Vienna", None).unwrap(), CityMatch::Ambiguous(_)));
//! assert_eq!(resolve_city("Vienna", Some("Austria")).unwrap().found().map(|p| p.country), Some("AT"));
//!
//! // Not a city.
//! assert_eq!(resolve_city("University of Vienna", Some("AT")).unwrap(), CityMatch::Unknown);
//! ```

mod data;
mod forms;
mod place;

use crate::Error;

pub use citynets_gazetteer::ATTRIBUTION;
pub use place::{CityNames, Place};

/// What a written city name means ([`resolve_city`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CityMatch {
    /// One place.
    Found {
        /// The place.
        place: Place,
        /// Whether the name as written (folded) is one of the place's names in the gazetteer;
        /// `false` when it was found without the words around it (`City of Ghent`).
        stored: bool,
        /// How many smaller places of its country carry the name too, which the place
        /// outweighs (0 when it is the only one: see the rules, step 3).
        namesakes: usize,
    },
    /// Several places fit equally well, the most populous first.
    Ambiguous(Vec<Place>),
    /// No place in the country given carries the name; these places in other countries do,
    /// the most populous first.
    Elsewhere(Vec<Place>),
    /// No place carries the name.
    Unknown,
}

impl CityMatch {
    /// The place found, when there is one.
    pub fn found(&self) -> Option<&Place> {
        match self {
            CityMatch::Found { place, .. } => Some(place),
            _ => None,
        }
    }
}

/// The place with GeoNames id `geonames_id`, when the gazetteer holds it.
///
/// ```
/// let ghent = citynets::gazetteer::place(2797656).unwrap();
/// assert_eq!((ghent.name, ghent.english, ghent.country), ("Gent", "Ghent", "BE"));
/// ```
pub fn place(geonames_id: u32) -> Option<Place> {
    data::place(geonames_id)
}

/// Every place of the gazetteer, by GeoNames id.
pub fn places() -> impl Iterator<Item = Place> {
    data::places()
}

/// The place city name `name` means, in country `country` when given (an ISO 3166-1 code or
/// a country's name, as the validator reads a country cell: `CH`, `Switzerland`, `Schweiz`).
/// See the [module documentation](self) for the rules.
///
/// # Errors
///
/// [`Error::UnknownCountry`] when `country` names no country.
pub fn resolve_city(name: &str, country: Option<&str>) -> Result<CityMatch, Error> {
    let code = match country {
        None => None,
        Some(c) => Some(
            crate::CountryCode::from_name(c).ok_or_else(|| Error::UnknownCountry {
                value: c.to_owned(),
            })?,
        ),
    };
    Ok(resolve_in(name, code.as_ref().map(|c| c.as_str())))
}

/// [`resolve_city`] with a country already read as its code.
pub(crate) fn resolve_in(name: &str, country: Option<&str>) -> CityMatch {
    // The name as written first; its other forms only when it names nothing (most lookups
    // end at the first key, without making the others).
    let mut keys = vec![crate::fold::fold(name)];
    let mut expanded = false;
    let mut elsewhere: Vec<Place> = Vec::new();
    let mut i = 0;
    loop {
        if i == keys.len() {
            if expanded {
                break;
            }
            expanded = true;
            keys = forms::keys(name, country);
            if i >= keys.len() {
                break;
            }
        }
        let key = &keys[i];
        i += 1;
        let named: Vec<(Place, bool)> = data::named(key)
            .filter_map(|n| Some((data::place(n.id)?, n.own)))
            .collect();
        if named.is_empty() {
            continue;
        }
        let here: Vec<(Place, bool)> = named
            .iter()
            .filter(|(p, _)| country.is_none_or(|c| p.country == c))
            .copied()
            .collect();
        if here.is_empty() {
            if elsewhere.is_empty() {
                elsewhere = named.into_iter().map(|(p, _)| p).collect();
            }
            continue;
        }
        let own: Vec<Place> = here
            .iter()
            .filter(|(_, own)| *own)
            .map(|(p, _)| *p)
            .collect();
        let fit: Vec<Place> = if own.is_empty() {
            // Only alternates here, while a large city elsewhere has the name as its own
            // (`Gent` in the Netherlands: a village's alternate, and Ghent): either is meant.
            let large_elsewhere = named
                .iter()
                .filter(|(p, own)| {
                    *own && p.population >= LARGE_CITY && !here.iter().any(|(h, _)| h == p)
                })
                .map(|(p, _)| *p);
            let mut fit: Vec<Place> = here.iter().map(|(p, _)| *p).collect();
            let before = fit.len();
            fit.extend(large_elsewhere);
            if fit.len() > before {
                return CityMatch::Ambiguous(fit);
            }
            fit
        } else {
            own
        };
        return match fit.as_slice() {
            [one] => CityMatch::Found {
                place: *one,
                stored: i == 1,
                namesakes: 0,
            },
            [big, rest @ ..] if outweighs(big, rest) => CityMatch::Found {
                place: *big,
                stored: i == 1,
                namesakes: rest.len(),
            },
            _ => CityMatch::Ambiguous(fit),
        };
    }
    if elsewhere.is_empty() {
        CityMatch::Unknown
    } else {
        CityMatch::Elsewhere(elsewhere)
    }
}

/// How many (city, country) pairs [`city_facts`] remembers per thread: at most about 0.5 MB.
/// Past it, the memory is emptied and fills again.
const FACTS_CACHE: usize = 16_384;

/// A city of at least this many inhabitants is large: a name it has as its own in another
/// country makes a member's city worth a warning (`city_country_mismatch`), and makes a
/// village's alternate name of the same spelling ambiguous.
pub(crate) const LARGE_CITY: u64 = 100_000;

/// What the validator needs to know of a member's city and country, asked once per record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct CityFacts {
    /// The GeoNames id of the one place the city is in its country.
    pub id: Option<u32>,
    /// Whether the city is no place of its country while a large city of another country
    /// has the name ([`LARGE_CITY`]).
    pub elsewhere: bool,
}

/// The [`CityFacts`] of city `city` in country `country` (a code): the identity of a member's
/// city for the repeated-membership check, and whether the city-country rule warns. Each
/// thread remembers the answers for the pairs it asked last ([`FACTS_CACHE`]), as a table of
/// memberships names the same cities again and again; a pair is remembered by a 64-bit hash of
/// its two texts (two pairs that share one are, in practice, never met).
pub(crate) fn city_facts(city: &str, country: &str) -> CityFacts {
    use std::cell::RefCell;
    use std::collections::HashMap;
    thread_local! {
        static KNOWN: RefCell<HashMap<u64, CityFacts, crate::fnv::BuildFnv>> =
            RefCell::new(HashMap::default());
    }
    let key =
        crate::fnv::hash(country.as_bytes()) ^ crate::fnv::hash(city.as_bytes()).rotate_left(7);
    if let Some(known) = KNOWN.with(|k| k.borrow().get(&key).copied()) {
        return known;
    }
    let found = resolve_in(city, Some(country));
    let facts = CityFacts {
        id: found.found().map(|p| p.geonames_id),
        elsewhere: matches!(&found, CityMatch::Elsewhere(places)
            if places.iter().any(|p| p.population >= LARGE_CITY)),
    };
    KNOWN.with(|k| {
        let mut k = k.borrow_mut();
        if k.len() >= FACTS_CACHE {
            k.clear();
        }
        k.insert(key, facts);
    });
    facts
}

/// The population of a city at least this large, and at least [`OUTWEIGHS`] times that of
/// every other place of its country with the same name, makes it the one a list means.
const CITY_OUTWEIGHS_FROM: u64 = LARGE_CITY;

/// See [`CITY_OUTWEIGHS_FROM`].
const OUTWEIGHS: u64 = 10;

/// Whether `big` is the one place a list means among `big` and `rest`, places of one name:
/// they must all be in one country (`Vienna` without a country stays ambiguous), and `big`
/// outweighs them ([`CITY_OUTWEIGHS_FROM`]).
fn outweighs(big: &Place, rest: &[Place]) -> bool {
    big.population >= CITY_OUTWEIGHS_FROM
        && rest.iter().all(|p| p.country == big.country)
        && rest
            .iter()
            .all(|p| p.population.saturating_mul(OUTWEIGHS) <= big.population)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(name: &str, country: Option<&str>) -> Option<u32> {
        resolve_in(name, country).found().map(|p| p.geonames_id)
    }

    #[test]
    fn ghent_in_its_languages_and_forms() {
        for name in [
            "Gent",
            "Ghent",
            "Gand",
            "GENT",
            "City of Ghent",
            "Stad Gent",
            "Ville de Gand",
        ] {
            assert_eq!(id(name, Some("BE")), Some(2797656), "{name}");
        }
    }

    #[test]
    fn an_ambiguous_name_is_settled_by_the_country() {
        assert!(matches!(resolve_in("Vienna", None), CityMatch::Ambiguous(v) if v.len() >= 2));
        assert_eq!(id("Vienna", Some("AT")), Some(2761369));
        assert_eq!(id("Wien", None), Some(2761369));
        // One far larger than the others of its country and name.
        assert_eq!(id("Essen", Some("DE")), Some(2928810));
        assert!(matches!(resolve_in("Hamm", Some("DE")), CityMatch::Ambiguous(v) if v.len() == 2));
    }

    #[test]
    fn a_city_elsewhere_is_said() {
        let CityMatch::Elsewhere(places) = resolve_in("Wien", Some("DE")) else {
            panic!("Wien is not in Germany");
        };
        assert_eq!(places.first().map(|p| p.country), Some("AT"));
    }

    #[test]
    fn an_unknown_country_is_an_error() {
        assert!(matches!(
            resolve_city("Gent", Some("Narnia")),
            Err(Error::UnknownCountry { .. })
        ));
        assert_eq!(
            resolve_city("Gent", Some("Belgium"))
                .ok()
                .and_then(|m| m.found().map(|p| p.geonames_id)),
            Some(2797656)
        );
    }

    #[test]
    fn every_place_is_found_by_its_id() {
        let mut n = 0;
        for p in places().step_by(97) {
            assert_eq!(place(p.geonames_id), Some(p));
            n += 1;
        }
        assert!(n > 700);
    }
}
