//! [`CountryCode`] and [`LanguageCode`]: the ISO codes the model uses.

checked_string! {
    /// An ISO 3166-1 alpha-2 country code in capitals (`"BE"`, `"NL"`). The model checks the
    /// form, not whether the code is assigned.
    ///
    /// ```
    /// use citynets::CountryCode;
    ///
    /// assert!("BE".parse::<CountryCode>().is_ok());
    /// assert!("be".parse::<CountryCode>().is_err());
    /// assert!("BEL".parse::<CountryCode>().is_err());
    /// ```
    CountryCode,
    max = 2,
    storage = crate::checked::Inline<2>,
    pattern = "^[A-Z]{2}$",
    expected = "an ISO 3166-1 alpha-2 country code in capitals, such as \"BE\"",
    check = |s| s.len() == 2 && s.bytes().all(|b| b.is_ascii_uppercase()),
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
