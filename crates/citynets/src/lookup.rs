//! Finding a network by id, acronym, name or alias: the catalogue's door to the one
//! [`Resolver`] (see `resolve.rs` for the rules).

use std::sync::OnceLock;

use crate::resolve::{Match, Resolution, Resolver, names_of};
use crate::{Catalogue, Error, Network};

impl Network {
    /// The names by which a lookup finds this network, folded: the id, the name as the city
    /// gives it (with and without the acronym), the acronym, and every other name with and
    /// without its acronym, except names marked `confusable`.
    pub fn lookup_keys(&self) -> Vec<String> {
        names_of(self).0
    }
}

/// The resolver of the embedded catalogue, built once, when `c` is that catalogue.
fn ghent_resolver(c: &Catalogue) -> Option<&'static Resolver<'static>> {
    std::ptr::eq(c, crate::ghent()).then(embedded_resolver)
}

/// The resolver of the embedded catalogue, built once.
pub(crate) fn embedded_resolver() -> &'static Resolver<'static> {
    static RESOLVER: OnceLock<Resolver<'static>> = OnceLock::new();
    RESOLVER.get_or_init(|| Resolver::new(crate::ghent()))
}

impl Catalogue {
    /// A [`Resolver`] over this catalogue's networks, to ask many times. To resolve against
    /// several catalogues, build one with [`Resolver::new`] over all their networks.
    ///
    /// ```
    /// let resolver = citynets::ghent().resolver();
    /// assert_eq!(resolver.suggest_id("ECCAR").map(|(id, _)| id.as_str()), Some("eccar"));
    /// ```
    pub fn resolver(&self) -> Resolver<'_> {
        Resolver::new(self)
    }

    /// What the query names: one network with its score, several too close to choose, or
    /// none with the near misses. See [`Resolver`] and the `resolve` module's rules.
    ///
    /// ```
    /// use citynets::{MatchKind, Resolution};
    ///
    /// let ghent = citynets::ghent();
    /// match ghent.resolve("Covenant of Mayors for Climate & Energy") {
    ///     Resolution::Found(m) => {
    ///         assert_eq!(m.network.id, "covenant-of-mayors");
    ///         assert_eq!(m.kind, MatchKind::Words);
    ///         assert!(m.score >= 0.6 && m.score < 1.0);
    ///     }
    ///     other => panic!("{other:?}"),
    /// }
    /// assert!(matches!(ghent.resolve("unesco"), Resolution::Ambiguous(v) if v.len() == 2));
    /// assert_eq!(ghent.resolve("van"), Resolution::NotFound(vec![]));
    /// ```
    pub fn resolve(&self, query: &str) -> Resolution<'_> {
        match ghent_resolver(self) {
            Some(r) => r.resolve(query),
            None => self.resolver().resolve(query),
        }
    }

    /// Finds one network by id, acronym, name or alias, ignoring case, accents, punctuation
    /// and generic words: the network [`resolve`](Self::resolve) finds, if it finds one. A
    /// single distinctive word of five letters or more is enough when only one network has
    /// it ("Geintegreerde" finds BGTS); stop words, generic words and fragments find nothing.
    ///
    /// ```
    /// let ghent = citynets::ghent();
    /// assert_eq!(ghent.get("ECCAR").unwrap().id, "eccar");
    /// assert_eq!(ghent.get("eccar").unwrap().id, "eccar");
    /// assert_eq!(ghent.get("Eurocities network").unwrap().id, "eurocities");
    /// assert_eq!(ghent.get("Geintegreerde").unwrap().id, "bgts");
    /// assert!(ghent.get("the").is_none());
    /// assert!(ghent.get("no such network").is_none());
    /// ```
    pub fn get(&self, query: &str) -> Option<&Network> {
        self.resolve(query).network()
    }

    /// The network one of whose names, acronyms or id is exactly the query (folded), when
    /// exactly one network has it; no partial matching.
    ///
    /// ```
    /// assert_eq!(citynets::ghent().exact("eurocities").unwrap().id, "eurocities");
    /// assert!(citynets::ghent().exact("Geintegreerde").is_none());
    /// ```
    pub fn exact(&self, query: &str) -> Option<&Network> {
        match ghent_resolver(self) {
            Some(r) => r.exact(query),
            None => self.resolver().exact(query),
        }
    }

    /// Like [`get`](Self::get), but says why nothing was found: no match (with the names of
    /// up to three near misses) or several matches.
    ///
    /// ```
    /// use citynets::Error;
    ///
    /// match citynets::ghent().lookup("Eurocitis") {
    ///     Err(Error::NotFound { suggestions, .. }) => assert_eq!(suggestions[0], "Eurocities"),
    ///     other => panic!("{other:?}"),
    /// }
    /// ```
    pub fn lookup(&self, query: &str) -> Result<&Network, Error> {
        found(self.resolve(query), query)
    }

    /// Networks the query may name or be about, best first, then in catalogue order (see
    /// [`Resolver::search`]).
    ///
    /// ```
    /// let hits = citynets::ghent().search("unesco");
    /// assert_eq!(hits.len(), 2);
    /// ```
    pub fn search(&self, query: &str) -> Vec<&Network> {
        self.search_scored(query)
            .into_iter()
            .map(|m| m.network)
            .collect()
    }

    /// [`search`](Self::search) with each network's score and what it rests on.
    ///
    /// ```
    /// let hits = citynets::ghent().search_scored("Rainbow Cities");
    /// assert_eq!(hits[0].network.id, "rainbow-cities");
    /// assert!(hits[0].score > 0.9);
    /// ```
    pub fn search_scored(&self, query: &str) -> Vec<Match<'_>> {
        match ghent_resolver(self) {
            Some(r) => r.search(query),
            None => self.resolver().search(query),
        }
    }
}

/// The network a resolution found, or the error that says why there is none: no match (with
/// the names of up to three near misses) or several matches. The one place both the
/// catalogue's and the registry's `lookup` build their errors.
pub(crate) fn found<'a>(resolution: Resolution<'a>, query: &str) -> Result<&'a Network, Error> {
    match resolution {
        Resolution::Found(m) => Ok(m.network),
        Resolution::Ambiguous(close) => Err(Error::Ambiguous {
            query: query.to_owned(),
            candidates: close.iter().map(|m| m.network.id.to_string()).collect(),
        }),
        Resolution::NotFound(near) => Err(Error::NotFound {
            query: query.to_owned(),
            suggestions: near
                .iter()
                .take(3)
                .map(|m| m.network.name.to_string())
                .collect(),
        }),
    }
}
