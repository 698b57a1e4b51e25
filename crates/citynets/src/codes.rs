//! [`CountryCode`] and [`LanguageCode`]: the ISO codes the model uses.

checked_string! {
    /// An ISO 3166-1 alpha-2 country code in capitals (`"BE"`, `"NL"`) that ISO has assigned,
    /// or `"XK"` (Kosovo, as the EU and the World Bank write it). `"UK"` and `"EL"`, the EU's
    /// own codes for the United Kingdom and Greece, are not ISO's: ISO 3166-1 uses `"GB"` and
    /// `"GR"`. The JSON Schema is the `enum` of the 250 codes, so any validator refuses `"XX"`.
    ///
    /// ```
    /// use citynets::CountryCode;
    ///
    /// assert!("BE".parse::<CountryCode>().is_ok());
    /// assert!("XK".parse::<CountryCode>().is_ok());
    /// assert!("be".parse::<CountryCode>().is_err());
    /// assert!("BEL".parse::<CountryCode>().is_err());
    /// assert!("XX".parse::<CountryCode>().is_err());
    /// assert!("UK".parse::<CountryCode>().is_err());
    /// ```
    CountryCode,
    max = 2,
    storage = crate::checked::Inline<2>,
    pattern = "^[A-Z]{2}$",
    expected = "an assigned ISO 3166-1 alpha-2 country code in capitals, such as \"BE\"",
    check = |s| crate::countries::is_assigned(s.as_bytes()),
    schema = schemars::json_schema!({
        "type": "string",
        "enum": crate::countries::assigned().collect::<Vec<_>>(),
    }),
}

impl CountryCode {
    /// The code a country cell probably means: a code in any case (`"be"`), one of the EU's own
    /// codes (`"UK"` → `GB`, `"EL"` → `GR`), or a country's name in English, Dutch, French,
    /// German, Spanish, Italian, Portuguese, Polish or its own official languages, from CLDR,
    /// with common variants. Case, accents, punctuation, word order and a leading article do
    /// not matter, and common abbreviations are read (`"Korea, Rep."`). `None` unless the
    /// text means exactly one country: a word that names none (`"city"`, `"Europe"`) or a name
    /// two countries share gives `None`.
    ///
    /// ```
    /// use citynets::CountryCode;
    ///
    /// assert_eq!(CountryCode::from_name("Belgien").unwrap(), "BE");
    /// assert_eq!(CountryCode::from_name("the Netherlands").unwrap(), "NL");
    /// assert_eq!(CountryCode::from_name("Korea, Rep.").unwrap(), "KR");
    /// assert_eq!(CountryCode::from_name("UK").unwrap(), "GB");
    /// assert_eq!(CountryCode::from_name("be").unwrap(), "BE");
    /// assert!(CountryCode::from_name("Europe").is_none());
    /// assert!(CountryCode::from_name("XX").is_none());
    /// ```
    pub fn from_name(text: &str) -> Option<CountryCode> {
        let code = crate::countries::code_of(text)?;
        let code = std::str::from_utf8(&code).ok()?;
        CountryCode::from_checked_str(code).ok()
    }
}

checked_string! {
    /// An ISO 639 language code in lower case, two or three letters (`"nl"`, `"fr"`).
    ///
    /// ```
    /// use citynets::LanguageCode;
    ///
    /// assert!("nl".parse::<LanguageCode>().is_ok());
    /// assert!("NL".parse::<LanguageCode>().is_err());
    /// ```
    LanguageCode,
    max = 3,
    storage = crate::checked::Inline<3>,
    pattern = "^[a-z]{2,3}$",
    expected = "an ISO 639 language code in lower case, such as \"nl\"",
    check = |s| (2..=3).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_lowercase()),
}
