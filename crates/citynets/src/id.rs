//! [`NetworkId`]: the stable identifier of a network.

checked_string! {
    /// The stable identifier of a network: a lower-case slug of ASCII letters and digits in
    /// words joined by single hyphens, at most 64 characters (`"eurocities"`,
    /// `"covenant-of-mayors"`). Ids never change once published; a renamed network keeps its id.
    ///
    /// ```
    /// use citynets::NetworkId;
    ///
    /// assert!("climate-alliance".parse::<NetworkId>().is_ok());
    /// assert!("Climate Alliance".parse::<NetworkId>().is_err());
    /// assert!("climate--alliance".parse::<NetworkId>().is_err());
    /// ```
    NetworkId,
    max = 64,
    pattern = "^[a-z0-9]+(-[a-z0-9]+)*$",
    expected = "a lower-case slug such as \"climate-alliance\"",
    check = is_slug,
}

fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.split('-').all(|w| {
            !w.is_empty()
                && w.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}
