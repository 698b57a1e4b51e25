//! [`NetworkId`]: the stable identifier of a network.

checked_string! {
    /// The stable identifier of a network: a lower-case slug of ASCII letters and digits in
    /// words joined by single hyphens, at most 64 characters (`"eurocities"`,
    /// `"covenant-of-mayors"`). Ids never change once published; a renamed network keeps its id.
    ///
    /// ```
    /// use citynets::NetworkId;
    ///
    /// let id: NetworkId = "climate-alliance".parse().unwrap();
    /// assert_eq!(String::from(id), "climate-alliance");
    /// assert!("Climate Alliance".parse::<NetworkId>().is_err());
    /// assert!("climate--alliance".parse::<NetworkId>().is_err());
    /// ```
    NetworkId,
    max = 64,
    storage = String,
    pattern = "^[a-z0-9]+(-[a-z0-9]+)*$",
    expected = "a lower-case slug such as \"climate-alliance\"",
    check = is_slug,
}

/// Whether `s` matches the pattern, in one pass over its bytes.
fn is_slug(s: &str) -> bool {
    // Whether a hyphen here would start the id or follow another.
    let mut after_hyphen = true;
    for b in s.bytes() {
        if b == b'-' {
            if after_hyphen {
                return false;
            }
            after_hyphen = true;
        } else if b.is_ascii_lowercase() || b.is_ascii_digit() {
            after_hyphen = false;
        } else {
            return false;
        }
    }
    // Not empty, and no hyphen at the end.
    !after_hyphen
}

#[cfg(test)]
mod tests {
    #[test]
    fn slugs_are_words_joined_by_single_hyphens() {
        for ok in ["a", "eurocities", "covenant-of-mayors", "c40", "a-1-b"] {
            assert!(super::is_slug(ok), "{ok}");
        }
        for bad in ["", "-", "-a", "a-", "a--b", "A", "a b", "a_b", "é"] {
            assert!(!super::is_slug(bad), "{bad}");
        }
    }
}
