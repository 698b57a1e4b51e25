//! [`registry`]: the networks that third-party data refers to, beyond one city's list.
//!
//! The registry holds network records without memberships: every network of the embedded Ghent
//! catalogue (with the same id and the same facts) and the other city networks, associations of
//! local governments, thematic networks and UN and EU city initiatives that research datasets
//! and cities' own lists name. Every fact carries its source, as in the Ghent catalogue; the
//! file is written by `cargo xtask registry` from the research under `research/registry/`.
//!
//! Lookups, searches and filters are those of a catalogue (the one [`Resolver`]), over the
//! registry's networks; the validator and `fix` resolve network references against the Ghent
//! catalogue and the registry together.

use std::sync::OnceLock;

use crate::resolve::{Match, Resolution, Resolver};
use crate::{Error, Filter, Network};

/// The registry's data file, as embedded in the crate: a JSON array of network records, each
/// valid against `schema/network.schema.json`, sorted by id: the networks beyond the Ghent
/// catalogue's. The registry's records of Ghent's 38 networks are the catalogue's, without the
/// City's memberships (their facts are kept in one place, `ghent.json`).
pub const REGISTRY_JSON: &str = include_str!("../data/registry.json");

/// The networks that third-party data refers to: see [`registry`](crate::registry()).
#[derive(Debug)]
pub struct Registry {
    networks: Vec<Network>,
}

/// The embedded registry, parsed once, on first use.
///
/// ```
/// let registry = citynets::registry();
/// assert!(registry.len() >= 38);
/// // Every network of the Ghent catalogue is a registry network with the same id.
/// assert!(citynets::ghent().iter().all(|n| registry.by_id(&n.id).is_some()));
/// assert_eq!(registry.get("Eurocities").unwrap().id, "eurocities");
/// ```
pub fn registry() -> &'static Registry {
    static REGISTRY: OnceLock<Registry> = OnceLock::new();
    REGISTRY.get_or_init(|| {
        // The embedded file is part of the crate and is checked by its tests; it cannot fail to
        // parse in a released build.
        #[allow(clippy::panic)]
        let beyond: Vec<Network> = crate::validate::json::read(REGISTRY_JSON)
            .unwrap_or_else(|e| panic!("the embedded registry is invalid: {e}"));
        let mut networks: Vec<Network> = crate::ghent()
            .iter()
            .cloned()
            .map(|mut n| {
                n.memberships = crate::List::empty();
                n
            })
            .chain(beyond)
            .collect();
        networks.sort_by(|a, b| a.id.as_str().cmp(b.id.as_str()));
        Registry { networks }
    })
}

/// The resolver over the registry's networks, built once.
fn resolver() -> &'static Resolver<'static> {
    static RESOLVER: OnceLock<Resolver<'static>> = OnceLock::new();
    RESOLVER.get_or_init(|| Resolver::new(registry().iter()))
}

impl Registry {
    /// The networks, sorted by id.
    pub fn iter(&self) -> std::slice::Iter<'_, Network> {
        self.networks.iter()
    }

    /// How many networks the registry has.
    pub fn len(&self) -> usize {
        self.networks.len()
    }

    /// Whether the registry is empty (it never is).
    pub fn is_empty(&self) -> bool {
        self.networks.is_empty()
    }

    /// The network with this id.
    pub fn by_id(&self, id: &str) -> Option<&Network> {
        self.networks
            .binary_search_by(|n| n.id.as_str().cmp(id))
            .ok()
            .and_then(|i| self.networks.get(i))
    }

    /// What the query names among the registry's networks, scored (see [`Resolver`]).
    pub fn resolve(&self, query: &str) -> Resolution<'_> {
        resolver().resolve(query)
    }

    /// The network the query names, if it names one (as [`Catalogue::get`](crate::Catalogue::get)).
    pub fn get(&self, query: &str) -> Option<&Network> {
        self.resolve(query).network()
    }

    /// Like [`get`](Self::get), but says why nothing was found.
    pub fn lookup(&self, query: &str) -> Result<&Network, Error> {
        crate::lookup::found(self.resolve(query), query)
    }

    /// The networks the query may name or be about, best first, with their scores.
    pub fn search_scored(&self, query: &str) -> Vec<Match<'_>> {
        resolver().search(query)
    }

    /// The networks the query may name or be about, best first.
    pub fn search(&self, query: &str) -> Vec<&Network> {
        self.search_scored(query)
            .into_iter()
            .map(|m| m.network)
            .collect()
    }

    /// The networks that meet every condition of the filter, in id order.
    pub fn filter<'a>(&'a self, filter: &Filter) -> impl Iterator<Item = &'a Network> + use<'a> {
        let filter = *filter;
        self.iter().filter(move |n| filter.matches(n))
    }
}

impl<'a> IntoIterator for &'a Registry {
    type Item = &'a Network;
    type IntoIter = std::slice::Iter<'a, Network>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}
