//! Finding a network by id, acronym, name or alias, ignoring case, accents and punctuation.

use crate::fold::fold;
use crate::{Catalogue, Error, NameKind, Network, edit_distance};

impl Network {
    /// The names by which a lookup finds this network, folded: the id, the name as the city
    /// gives it (with and without the acronym), the acronym, and every other name and its
    /// acronym, except names marked `confusable`.
    pub fn lookup_keys(&self) -> Vec<String> {
        let mut keys = vec![fold(&self.id), fold(&self.name)];
        if let Some(acronym) = &self.acronym {
            keys.push(fold(acronym));
            keys.push(fold(&format!("{} ({acronym})", self.name)));
        }
        for other in self
            .other_names
            .iter()
            .filter(|n| n.kind != NameKind::Confusable)
        {
            keys.push(fold(&other.name));
            if let Some(acronym) = &other.acronym {
                keys.push(fold(acronym));
            }
        }
        keys.retain(|k| !k.is_empty());
        keys.sort();
        keys.dedup();
        keys
    }
}

impl Catalogue {
    /// Finds one network by id, acronym, name or alias, ignoring case, accents and
    /// punctuation. An exact name wins; otherwise a query that is a run of whole words of
    /// exactly one network's name finds it ("Geintegreerde" finds BGTS).
    ///
    /// ```
    /// let ghent = citynets::ghent();
    /// assert_eq!(ghent.get("ECCAR").unwrap().id, "eccar");
    /// assert_eq!(ghent.get("eccar").unwrap().id, "eccar");
    /// assert_eq!(ghent.get("Geintegreerde").unwrap().id, "bgts");
    /// assert!(ghent.get("no such network").is_none());
    /// ```
    pub fn get(&self, query: &str) -> Option<&Network> {
        self.lookup(query).ok()
    }

    /// The network one of whose names, acronyms or id is exactly the query (folded), when
    /// exactly one network has it; no partial matching.
    ///
    /// ```
    /// assert_eq!(citynets::ghent().exact("eurocities").unwrap().id, "eurocities");
    /// assert!(citynets::ghent().exact("Geintegreerde").is_none());
    /// ```
    pub fn exact(&self, query: &str) -> Option<&Network> {
        let q = fold(query);
        let mut found = self.iter().filter(|n| n.lookup_keys().contains(&q));
        let first = found.next()?;
        found.next().is_none().then_some(first)
    }

    /// Like [`get`](Self::get), but says why nothing was found: no match (with suggestions) or
    /// several matches.
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
        let q = fold(query);
        if q.is_empty() {
            return Err(Error::NotFound {
                query: query.to_owned(),
                suggestions: Vec::new(),
            });
        }
        let keyed: Vec<(&Network, Vec<String>)> =
            self.iter().map(|n| (n, n.lookup_keys())).collect();

        let exact: Vec<&Network> = keyed
            .iter()
            .filter(|(_, keys)| keys.contains(&q))
            .map(|(n, _)| *n)
            .collect();
        if let Some(found) = one(query, exact)? {
            return Ok(found);
        }

        let padded = format!(" {q} ");
        let partial: Vec<&Network> = keyed
            .iter()
            .filter(|(_, keys)| keys.iter().any(|k| format!(" {k} ").contains(&padded)))
            .map(|(n, _)| *n)
            .collect();
        if let Some(found) = one(query, partial)? {
            return Ok(found);
        }

        Err(Error::NotFound {
            query: query.to_owned(),
            suggestions: self.suggest(&q, &keyed),
        })
    }

    /// Networks whose names contain every word of the query (folded), in catalogue order.
    ///
    /// ```
    /// let hits = citynets::ghent().search("unesco");
    /// assert_eq!(hits.len(), 2);
    /// ```
    pub fn search(&self, query: &str) -> Vec<&Network> {
        let words: Vec<String> = fold(query).split(' ').map(str::to_owned).collect();
        if words.iter().all(String::is_empty) {
            return Vec::new();
        }
        self.iter()
            .filter(|n| {
                let keys = n.lookup_keys();
                words.iter().all(|w| {
                    keys.iter()
                        .any(|k| k.split(' ').any(|kw| kw.starts_with(w.as_str())))
                })
            })
            .collect()
    }

    fn suggest(&self, q: &str, keyed: &[(&Network, Vec<String>)]) -> Vec<String> {
        let max = (q.chars().count() / 4).clamp(1, 3);
        let mut scored: Vec<(usize, &Network)> = keyed
            .iter()
            .filter_map(|(n, keys)| {
                keys.iter()
                    .map(|k| edit_distance(q, k, max))
                    .min()
                    .filter(|d| *d <= max)
                    .map(|d| (d, *n))
            })
            .collect();
        scored.sort_by_key(|(d, _)| *d);
        scored
            .into_iter()
            .take(3)
            .map(|(_, n)| n.name.to_string())
            .collect()
    }
}

fn one<'a>(query: &str, mut found: Vec<&'a Network>) -> Result<Option<&'a Network>, Error> {
    found.dedup_by(|a, b| a.id == b.id);
    match found.len() {
        0 => Ok(None),
        1 => Ok(found.pop()),
        _ => Err(Error::Ambiguous {
            query: query.to_owned(),
            candidates: found.iter().map(|n| n.id.to_string()).collect(),
        }),
    }
}
