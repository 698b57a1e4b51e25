//! [`Catalogues`]: the networks that membership records may refer to — the embedded Ghent
//! catalogue, plus any catalogue a user gives (`--catalogue FILE` on the command line,
//! [`Options::catalogues`](super::Options::catalogues) in Rust).
//!
//! A membership's `organization_id` is checked against them (an id none of them knows is an
//! `unknown_network` warning), and every suggestion for a network reference comes from the
//! networks they hold. A file given as a catalogue is read whole into the model's types:
//! a catalogue document, a list of network records (JSON or NDJSON) or a table of network
//! records (CSV). It must be valid; the first problem is reported with its place, and
//! `citynets validate` gives all of them.
//!
//! Memory: the networks of the files given, read whole; a file may hold at most
//! [`MAX_FILE_BYTES`].

use std::collections::HashSet;

use crate::{Catalogue, Network};

/// The networks in use for checking and suggesting network references: the embedded
/// catalogue and those added.
///
/// ```
/// use citynets::validate::Catalogues;
///
/// let mut known = Catalogues::default();
/// assert!(known.knows("eurocities"));
/// assert!(!known.knows("c40"));
/// let added = known
///     .read(r#"[{"id": "c40", "name": "C40 Cities"}]"#.as_bytes(), "mine.json")
///     .unwrap();
/// assert_eq!(added, 1);
/// assert!(known.knows("c40"));
/// ```
#[derive(Debug, Clone, Default)]
pub struct Catalogues {
    /// The networks added to the embedded catalogue, in the order they were added.
    added: Vec<Network>,
    /// Their ids.
    ids: HashSet<String>,
    /// The names of the files they came from, for messages.
    files: Vec<String>,
}

impl Catalogues {
    /// Whether a network id is known: in the embedded catalogue or one added.
    pub fn knows(&self, id: &str) -> bool {
        crate::ghent().by_id(id).is_some() || self.ids.contains(id)
    }

    /// Every network in use: the embedded catalogue's, then those added.
    pub fn networks(&self) -> impl Iterator<Item = &Network> {
        crate::ghent().iter().chain(self.added.iter())
    }

    /// Calls `f` with a [`Resolver`](crate::Resolver) over every network in use (the embedded
    /// catalogue's own, built once, when none was added).
    pub fn with_resolver<T>(&self, f: impl FnOnce(&crate::Resolver<'_>) -> T) -> T {
        if self.added.is_empty() {
            f(crate::lookup::embedded_resolver())
        } else {
            f(&crate::Resolver::new(self.networks()))
        }
    }

    /// The files whose networks were added, in order.
    pub fn files(&self) -> &[String] {
        &self.files
    }

    /// Notes the name of a file whose networks were added.
    pub(crate) fn add_file_name(&mut self, name: &str) {
        self.files.push(name.to_owned());
    }

    /// Adds networks (a network whose id is known already is not added twice).
    pub fn add_networks(&mut self, networks: impl IntoIterator<Item = Network>) -> usize {
        let mut added = 0;
        for n in networks {
            if self.knows(n.id.as_str()) {
                continue;
            }
            self.ids.insert(n.id.to_string());
            self.added.push(n);
            added += 1;
        }
        added
    }

    /// Adds the networks of a catalogue document.
    pub fn add_catalogue(&mut self, catalogue: Catalogue) -> usize {
        self.add_networks(catalogue.networks)
    }
}
