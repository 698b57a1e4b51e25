//! # citynets
//!
//! A typed catalogue of the international networks that cities join (Eurocities, ICLEI, the
//! Covenant of Mayors…), starting with the 38 networks the City of Ghent lists on its page
//! "Ghent and its international networks", and a data model that third parties can use for
//! their own lists and for research datasets of city-network memberships.
//!
//! ```
//! use citynets::{Filter, PolicyArea, Role};
//!
//! let ghent = citynets::ghent();
//! assert_eq!(ghent.len(), 38);
//!
//! // Look up by id, acronym, name or alias, ignoring case and accents.
//! let ecm = ghent.get("City Destinations Alliance").unwrap();
//! assert_eq!(ecm.id, "ecm");
//!
//! // Filter by classification.
//! let climate = Filter::new().policy_area(PolicyArea::Climate);
//! assert!(ghent.filter(&climate).count() >= 3);
//!
//! // Ghent presided over Eurocities in 2017.
//! let eurocities = ghent.get("eurocities").unwrap();
//! assert!(eurocities.memberships[0].held_role_in(Role::President, 2017));
//! ```
//!
//! ## Features
//! - `schema`: JSON Schema generation with schemars (the `schema` module). Off by default; the
//!   generated schemas are also committed to the repository under `schema/`.
//! - `csv`: CSV tables of records and wide membership tables (`validate::csv`,
//!   `validate::wide`), read as streams in UTF-8, UTF-16 or Windows-1252. Off by default; pulls
//!   in the csv and encoding_rs crates.
//! - `gazetteer`: the gazetteer of cities (the `gazetteer` module), GeoNames' places of at
//!   least 5,000 inhabitants from the `citynets-gazetteer` crate: `resolve_city`, member
//!   identities (`geonames_id`), and the check of a city against its country. Off by default.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

#[macro_use]
mod checked;
#[macro_use]
mod vocab;

mod catalogue;
#[cfg(feature = "csv")]
pub mod city_list;
mod codes;
mod countries;
mod date;
mod document;
mod edit_distance;
mod error;
mod filter;
#[cfg(feature = "fix")]
pub mod fix;
mod fnv;
mod fold;
#[cfg(feature = "gazetteer")]
pub mod gazetteer;
mod ghent;
mod id;
mod list;
mod lookup;
mod membership;
mod name_words;
mod network;
mod registry;
mod resolve;
#[cfg(feature = "schema")]
pub mod schema;
mod source;
mod text;
mod url;
pub mod validate;
mod wikidata;
mod words;

pub use catalogue::{Catalogue, City, ListSource, SchemaVersion, StatedCount};
pub use codes::{CountryCode, LanguageCode};
pub use date::PartialDate;
pub use document::DocumentKind;
pub use edit_distance::edit_distance;
pub use error::{Error, ValueError};
pub use filter::Filter;
pub use fold::fold;
pub use ghent::{GHENT_JSON, ghent};
pub use id::NetworkId;
pub use list::{List, Set};
pub use membership::{Member, Membership, RoleHeld};
pub use network::{
    AlternativeDate, AlternativeSecretariat, Caveat, Classification, MemberCount, Network,
    OtherName, Parent, Remark, Secretariat,
};
pub use registry::{REGISTRY_JSON, Registry, registry};
pub use resolve::{Match, MatchKind, Resolution, Resolver};
pub use source::Source;
pub use text::{Label, Name, Note, Text};
pub use url::Url;
pub use vocab::{
    CaveatKind, CountQualifier, Fact, Focus, Kind, Lang, MemberKind, NameKind, Needs, Orientation,
    PolicyArea, Relation, Role, Scope, Status, Vocabulary,
};
pub use wikidata::WikidataId;

/// The Rust examples of the repository's README, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../../../README.md")]
struct ReadmeDoctests;

/// The Rust examples of `docs/lookup.md`, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../../../docs/lookup.md")]
struct LookupDoctests;
