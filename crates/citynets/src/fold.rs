//! Folding of names for comparison: case, accents and punctuation do not count.

/// Folds a string for comparison: lower case, accents removed (Latin letters used in European
/// names), `&` read as "and" and `+` as "plus", every run of other non-alphanumeric characters made
/// one space, and no space at either end.
///
/// ```
/// use citynets::fold;
///
/// assert_eq!(fold("Benelux Geïntegreerde  Territoriale"), "benelux geintegreerde territoriale");
/// assert_eq!(fold("Open & Agile Smart-Cities"), "open and agile smart cities");
/// assert_eq!(fold("  ÉCHANGE_de_connaissances "), "echange de connaissances");
/// ```
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_into(s, &mut out);
    out
}

/// [`fold`] into `out`, which is cleared first (so that a caller can reuse one buffer).
pub(crate) fn fold_into(s: &str, out: &mut String) {
    out.clear();
    if s.is_ascii() {
        fold_ascii(s, out);
    } else {
        fold_chars(s, out);
    }
}

/// [`fold`] for any text, character by character.
fn fold_chars(s: &str, out: &mut String) {
    let mut pending_space = false;
    for c in s.chars() {
        if c == '&' || c == '+' {
            pending_space = true;
            push_word(
                out,
                &mut pending_space,
                if c == '&' { "and" } else { "plus" },
            );
            pending_space = true;
            continue;
        }
        for lower in c.to_lowercase() {
            if let Some(plain) = strip_accent(lower) {
                push_word(out, &mut pending_space, plain);
            } else if lower.is_alphanumeric() {
                let mut buf = [0u8; 4];
                push_word(out, &mut pending_space, lower.encode_utf8(&mut buf));
            } else {
                pending_space = true;
            }
        }
    }
}

/// [`fold`] for ASCII text, byte by byte.
fn fold_ascii(s: &str, out: &mut String) {
    let mut pending_space = false;
    for b in s.bytes() {
        match b {
            b'a'..=b'z' | b'0'..=b'9' | b'A'..=b'Z' => {
                if pending_space && !out.is_empty() {
                    out.push(' ');
                }
                pending_space = false;
                out.push(char::from(b.to_ascii_lowercase()));
            }
            b'&' | b'+' => {
                pending_space = true;
                push_word(
                    out,
                    &mut pending_space,
                    if b == b'&' { "and" } else { "plus" },
                );
                pending_space = true;
            }
            _ => pending_space = true,
        }
    }
}

fn push_word(out: &mut String, pending_space: &mut bool, piece: &str) {
    if *pending_space && !out.is_empty() {
        out.push(' ');
    }
    *pending_space = false;
    out.push_str(piece);
}

/// The unaccented form of a lower-case Latin letter, or `None` when it has no accent to remove
/// (plain ASCII letters and digits return themselves).
fn strip_accent(c: char) -> Option<&'static str> {
    Some(match c {
        'a'..='z' | '0'..='9' => return ascii_str(c),
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => "c",
        'ď' | 'đ' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => "e",
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => "g",
        'ĥ' | 'ħ' => "h",
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => "i",
        'ĳ' => "ij",
        'ĵ' => "j",
        'ķ' => "k",
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => "l",
        'ñ' | 'ń' | 'ņ' | 'ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => "o",
        'œ' => "oe",
        'ŕ' | 'ŗ' | 'ř' => "r",
        'ś' | 'ŝ' | 'ş' | 'š' | 'ș' => "s",
        'ß' => "ss",
        'ţ' | 'ť' | 'ŧ' | 'ț' => "t",
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => "u",
        'ŵ' => "w",
        'ý' | 'ÿ' | 'ŷ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        'þ' => "th",
        'ð' => "d",
        _ => return None,
    })
}

fn ascii_str(c: char) -> Option<&'static str> {
    const ASCII: &str = "0123456789abcdefghijklmnopqrstuvwxyz";
    let i = match c {
        '0'..='9' => c as usize - '0' as usize,
        'a'..='z' => c as usize - 'a' as usize + 10,
        _ => return None,
    };
    ASCII.get(i..i + 1)
}

#[cfg(test)]
mod tests {
    use super::fold;

    #[test]
    fn folds_case_accents_and_punctuation() {
        assert_eq!(fold("ECCAR"), "eccar");
        assert_eq!(fold("Geïntegreerde"), "geintegreerde");
        assert_eq!(fold("Charleville-Mézières"), "charleville mezieres");
        assert_eq!(fold("Procura+"), "procura plus");
        assert_eq!(fold("Straße"), "strasse");
        assert_eq!(fold("---"), "");
        assert_eq!(fold("Œuvre & co"), "oeuvre and co");
    }

    #[test]
    fn the_ascii_path_folds_as_the_general_one() {
        let mut state = 7u64;
        for _ in 0..5_000 {
            let s: String = (0..12)
                .map(|_| {
                    state = state.wrapping_mul(6364136223846793005).wrapping_add(1);
                    char::from(32 + ((state >> 33) % 95) as u8)
                })
                .collect();
            let (mut ascii, mut chars) = (String::from("left over"), String::new());
            super::fold_into(&s, &mut ascii);
            super::fold_chars(&s, &mut chars);
            assert_eq!(ascii, chars, "{s:?}");
        }
    }

    #[test]
    fn keeps_letters_of_other_scripts() {
        assert_eq!(fold("Heiwa 平和"), "heiwa 平和");
    }
}
