//! A place of the gazetteer, and the forms of its name `fix` can write.

/// A place of the gazetteer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Place {
    /// Its GeoNames id (`2797656` for Ghent: <https://www.geonames.org/2797656>).
    pub geonames_id: u32,
    /// Its country, as an ISO 3166-1 alpha-2 code.
    pub country: &'static str,
    /// Its first-level division, as GeoNames codes it (`VLG` for Flanders); may be empty.
    pub admin1: &'static str,
    /// Its population, as GeoNames gives it.
    pub population: u64,
    /// GeoNames' main name of the place (`Gent`).
    pub name: &'static str,
    /// Its English name (`Ghent`): GeoNames' preferred English name, else its main name.
    pub english: &'static str,
    /// Its name in its country's language (`Gent`; `Genève` for Geneva; `Wien` for Vienna):
    /// GeoNames' preferred name in one of the country's languages, the one closest to the main
    /// name; else the main name.
    pub local: &'static str,
}

impl Place {
    /// The place's name in form `form`; `None` for [`CityNames::AsWritten`].
    pub fn name_in(&self, form: CityNames) -> Option<&'static str> {
        match form {
            CityNames::AsWritten => None,
            CityNames::English => Some(self.english),
            CityNames::Local => Some(self.local),
        }
    }
}

/// Which form of a city's name `fix` writes ([`FixOptions::city_names`](crate::fix::FixOptions)).
#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Eq,
    Hash,
    strum::EnumString,
    strum::Display,
    strum::IntoStaticStr,
    strum::VariantArray,
)]
#[strum(serialize_all = "kebab-case")]
pub enum CityNames {
    /// The name as the input writes it (the default): only the identity is added.
    #[default]
    AsWritten,
    /// The place's English name ([`Place::english`]).
    English,
    /// The place's name in its country's language ([`Place::local`]).
    Local,
}

impl CityNames {
    /// Reads the name of a form (`as-written`, `english`, `local`), as the command line and
    /// Python take it.
    ///
    /// # Errors
    ///
    /// [`Error::UnknownValue`](crate::Error::UnknownValue), listing the forms.
    pub fn parse(text: &str) -> Result<CityNames, crate::Error> {
        use strum::VariantArray;
        text.parse().map_err(|_| crate::Error::UnknownValue {
            vocabulary: "CityNames",
            value: text.to_owned(),
            allowed: CityNames::VARIANTS.iter().map(|v| v.into()).collect(),
            suggestion: None,
        })
    }
}
