//! [`Catalogues`]: the networks that membership records may refer to — the embedded Ghent
//! catalogue and the embedded [registry](crate::registry), plus any catalogue a user gives
//! (`--catalogue FILE` on the command line, [`Options::catalogues`](super::Options::catalogues)
//! in Rust).
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

use std::collections::{HashMap, HashSet};
use std::sync::Mutex;

use crate::{Catalogue, MatchKind, Network, Resolution};

/// What the resolver says of one text, as the validator's suggestions and `fix` use it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Resolved {
    /// The network the text names (its id), with whether by one of its names or the same
    /// words (an answer `fix` may apply) rather than by some of its words.
    pub found: Option<(String, bool)>,
    /// The network to suggest, as its id and name (the one found, or a near miss that
    /// clearly wins).
    pub suggestion: Option<(String, String)>,
}

/// The resolver's answers remembered, per set of catalogues: a table repeats the same few
/// network names in every row. At most [`Memo::KEEP`] texts are kept; the memory is emptied
/// when full. A copy starts empty.
#[derive(Default)]
struct Memo(Mutex<HashMap<String, Resolved>>);

impl Memo {
    const KEEP: usize = 4096;
}

impl Clone for Memo {
    fn clone(&self) -> Self {
        Memo::default()
    }
}

impl std::fmt::Debug for Memo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Memo")
    }
}

/// The embedded networks: the Ghent catalogue's, then the registry's that it does not have (the
/// registry's record of a Ghent network has the same facts; Ghent's carries its memberships).
fn embedded() -> impl Iterator<Item = &'static Network> {
    let ghent = crate::ghent();
    ghent.iter().chain(
        crate::registry()
            .iter()
            .filter(|n| ghent.by_id(&n.id).is_none()),
    )
}

/// The resolver over the [embedded](embedded) networks, built once.
fn embedded_resolver() -> &'static crate::Resolver<'static> {
    static RESOLVER: std::sync::OnceLock<crate::Resolver<'static>> = std::sync::OnceLock::new();
    RESOLVER.get_or_init(|| crate::Resolver::new(embedded()))
}

/// The networks in use for checking and suggesting network references: the embedded
/// catalogue, the registry, and those added.
///
/// ```
/// use citynets::validate::Catalogues;
///
/// let mut known = Catalogues::default();
/// assert!(known.knows("eurocities")); // Ghent's catalogue
/// assert!(known.knows("c40")); // the registry
/// assert!(!known.knows("study-network-7"));
/// let added = known
///     .read(r#"[{"id": "study-network-7", "name": "Study Network 7"}]"#.as_bytes(), "mine.json")
///     .unwrap();
/// assert_eq!(added, 1);
/// assert!(known.knows("study-network-7"));
/// ```
#[derive(Debug, Clone, Default)]
pub struct Catalogues {
    /// The networks added to the embedded catalogue, in the order they were added.
    added: Vec<Network>,
    /// Their ids.
    ids: HashSet<String>,
    /// The names of the files they came from, for messages.
    files: Vec<String>,
    /// The resolver's answers so far.
    memo: Memo,
}

impl Catalogues {
    /// Whether a network id is known: in the embedded catalogue, the registry, or one added.
    pub fn knows(&self, id: &str) -> bool {
        // The registry holds the Ghent catalogue's networks too.
        crate::registry().by_id(id).is_some() || self.ids.contains(id)
    }

    /// Every network in use: the embedded catalogue's, then the registry's others, then those
    /// added.
    pub fn networks(&self) -> impl Iterator<Item = &Network> {
        // (`map` shortens the embedded networks' lifetime to the added ones'.)
        embedded()
            .map(|n| -> &Network { n })
            .chain(self.added.iter())
    }

    /// Calls `f` with a [`Resolver`](crate::Resolver) over every network in use (the embedded
    /// ones', built once, when none was added).
    pub fn with_resolver<T>(&self, f: impl FnOnce(&crate::Resolver<'_>) -> T) -> T {
        if self.added.is_empty() {
            f(embedded_resolver())
        } else {
            f(&crate::Resolver::new(self.networks()))
        }
    }

    /// What the resolver says of `text` over every network in use, remembered.
    pub(crate) fn resolved(&self, text: &str) -> Resolved {
        if let Ok(memo) = self.memo.0.lock()
            && let Some(hit) = memo.get(text)
        {
            return hit.clone();
        }
        let resolved = self.with_resolver(|r| {
            let found = r.resolve(text);
            Resolved {
                found: match &found {
                    Resolution::Found(m) => Some((
                        m.network.id.to_string(),
                        matches!(m.kind, MatchKind::Exact | MatchKind::SameWords),
                    )),
                    _ => None,
                },
                suggestion: found
                    .suggestion()
                    .map(|m| (m.network.id.to_string(), m.network.name.to_string())),
            }
        });
        if let Ok(mut memo) = self.memo.0.lock() {
            if memo.len() >= Memo::KEEP {
                memo.clear();
            }
            memo.insert(text.to_owned(), resolved.clone());
        }
        resolved
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
