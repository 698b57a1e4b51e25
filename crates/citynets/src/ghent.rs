//! The embedded catalogue of the City of Ghent's networks.

use std::sync::OnceLock;

use crate::Catalogue;

/// The catalogue's data file, as embedded in the crate (JSON, valid against
/// `schema/catalogue.schema.json`). It is the single source of truth for the Ghent data.
pub const GHENT_JSON: &str = include_str!("../data/ghent.json");

/// The catalogue of the international networks the City of Ghent lists on its page "Ghent and
/// its international networks": 38 networks, each with the City's membership. Parsed once, on
/// first use; later calls return the same value.
///
/// ```
/// let ghent = citynets::ghent();
/// assert_eq!(ghent.len(), 38);
/// assert_eq!(ghent.get("Eurocities").unwrap().founding_date.as_deref(), Some("1986"));
/// ```
pub fn ghent() -> &'static Catalogue {
    static GHENT: OnceLock<Catalogue> = OnceLock::new();
    GHENT.get_or_init(|| {
        // The embedded file is part of the crate and is checked by its tests; it cannot fail to
        // parse in a released build.
        #[allow(clippy::panic)]
        Catalogue::from_json(GHENT_JSON)
            .unwrap_or_else(|e| panic!("the embedded Ghent catalogue is invalid: {e}"))
    })
}
