//! [`WikidataId`]: a network's item in Wikidata, the join key across datasets that name
//! networks differently.

checked_string! {
    /// The identifier of a Wikidata item: `Q` and a number without leading zero (`"Q1425178"`),
    /// at most 16 characters. It lets datasets that spell a network differently join on one key.
    ///
    /// ```
    /// use citynets::WikidataId;
    ///
    /// assert!("Q1425178".parse::<WikidataId>().is_ok());
    /// assert!("q1425178".parse::<WikidataId>().is_err());
    /// assert!("Q01".parse::<WikidataId>().is_err());
    /// ```
    WikidataId,
    max = 16,
    storage = crate::checked::Inline<16>,
    pattern = "^Q[1-9][0-9]*$",
    expected = "a Wikidata item identifier such as \"Q1425178\"",
    check = is_item,
}

/// Whether `s` matches the pattern: `Q`, a digit other than 0, then digits.
fn is_item(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 2
        && b[0] == b'Q'
        && (b'1'..=b'9').contains(&b[1])
        && b[2..].iter().all(u8::is_ascii_digit)
}

#[cfg(test)]
mod tests {
    #[test]
    fn items_are_q_and_a_number() {
        for ok in ["Q1", "Q42", "Q1425178"] {
            assert!(super::is_item(ok), "{ok}");
        }
        for bad in ["", "Q", "Q0", "Q01", "q42", "P42", "Q4 2", "Q42 ", "Q٤٢"] {
            assert!(!super::is_item(bad), "{bad}");
        }
    }
}
