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
    fold_to(s, out);
}

/// The FNV-1a hash of the bytes of [`fold`]`(s)`, without building the folded string: equal
/// to the FNV-1a hash of `fold(s)`.
pub(crate) fn fold_hash(s: &str) -> u64 {
    let mut out = Hashed {
        hash: crate::fnv::START,
        empty: true,
    };
    fold_to(s, &mut out);
    out.hash
}

/// Where folded text goes: a string, or only its hash.
trait Out {
    fn is_empty(&self) -> bool;
    fn push_byte(&mut self, b: u8);
    fn push_str(&mut self, s: &str);
}

impl Out for String {
    fn is_empty(&self) -> bool {
        String::is_empty(self)
    }
    fn push_byte(&mut self, b: u8) {
        self.push(char::from(b));
    }
    fn push_str(&mut self, s: &str) {
        String::push_str(self, s);
    }
}

/// The hash of the folded text so far.
struct Hashed {
    hash: u64,
    empty: bool,
}

impl Out for Hashed {
    fn is_empty(&self) -> bool {
        self.empty
    }
    fn push_byte(&mut self, b: u8) {
        self.hash = crate::fnv::step(self.hash, b);
        self.empty = false;
    }
    fn push_str(&mut self, s: &str) {
        for b in s.bytes() {
            self.push_byte(b);
        }
    }
}

fn fold_to(s: &str, out: &mut impl Out) {
    let mut pending_space = false;
    let bytes = s.as_bytes();
    let mut i = 0;
    // ASCII byte by byte, in the same pass that looks for other characters; each of those is
    // decoded and folded on its own.
    while let Some(&b) = bytes.get(i) {
        if b.is_ascii() {
            fold_ascii_byte(b, out, &mut pending_space);
            i += 1;
            continue;
        }
        // `i` follows whole characters, so it is a character boundary.
        let mut chars = s.get(i..).unwrap_or_default().chars();
        match chars.next() {
            Some(c) => fold_char(c, out, &mut pending_space),
            None => break,
        }
        i = s.len() - chars.as_str().len();
    }
}

/// [`fold`] for any text, character by character.
#[cfg(test)]
fn fold_chars(s: &str, out: &mut impl Out) {
    let mut pending_space = false;
    for c in s.chars() {
        fold_char(c, out, &mut pending_space);
    }
}

/// Folds one character of any kind.
fn fold_char(c: char, out: &mut impl Out, pending_space: &mut bool) {
    if c == '&' || c == '+' {
        *pending_space = true;
        push_word(out, pending_space, if c == '&' { "and" } else { "plus" });
        *pending_space = true;
        return;
    }
    for lower in c.to_lowercase() {
        if let Some(plain) = strip_accent(lower) {
            push_word(out, pending_space, plain);
        } else if lower.is_alphanumeric() {
            let mut buf = [0u8; 4];
            push_word(out, pending_space, lower.encode_utf8(&mut buf));
        } else {
            *pending_space = true;
        }
    }
}

/// What each ASCII byte folds to: itself in lower case for letters and digits, `SEPARATOR`
/// for what becomes a space, `WORD` for `&` and `+`.
const ASCII_FOLD: [u8; 128] = {
    let mut table = [SEPARATOR; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() {
            table[b] = c.to_ascii_lowercase();
        } else if c == b'&' || c == b'+' {
            table[b] = WORD;
        }
        b += 1;
    }
    table
};
const SEPARATOR: u8 = 0;
const WORD: u8 = 1;

/// Folds one ASCII byte as [`fold_char`] would.
#[inline]
fn fold_ascii_byte(b: u8, out: &mut impl Out, pending_space: &mut bool) {
    match ASCII_FOLD[usize::from(b & 0x7F)] {
        SEPARATOR => *pending_space = true,
        WORD => {
            *pending_space = true;
            push_word(out, pending_space, if b == b'&' { "and" } else { "plus" });
            *pending_space = true;
        }
        folded => {
            if *pending_space && !out.is_empty() {
                out.push_byte(b' ');
            }
            *pending_space = false;
            out.push_byte(folded);
        }
    }
}

fn push_word(out: &mut impl Out, pending_space: &mut bool, piece: &str) {
    if *pending_space && !out.is_empty() {
        out.push_byte(b' ');
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
    fn runs_of_ascii_fold_as_single_characters_do() {
        let mut state = 7u64;
        for _ in 0..5_000 {
            let s: String = (0..12)
                .map(|_| {
                    state = state.wrapping_mul(6364136223846793005).wrapping_add(1);
                    char::from(32 + ((state >> 33) % 95) as u8)
                })
                .collect();
            // Some with other characters before, inside and after the ASCII.
            let s = if state.is_multiple_of(3) {
                format!("É{}ß{}ĳ", &s[..6], &s[6..])
            } else {
                s
            };
            let (mut ascii, mut chars) = (String::from("left over"), String::new());
            super::fold_into(&s, &mut ascii);
            super::fold_chars(&s, &mut chars);
            assert_eq!(ascii, chars, "{s:?}");
        }
    }

    #[test]
    fn the_hash_is_the_hash_of_the_folded_string() {
        for s in [
            "",
            "---",
            "ECCAR",
            "Open & Agile Smart-Cities",
            "Straße + Œuvre",
            "Heiwa 平和 ",
        ] {
            assert_eq!(
                super::fold_hash(s),
                crate::fnv::hash(fold(s).as_bytes()),
                "{s:?}"
            );
        }
        assert_ne!(
            super::fold_hash("Eurocities"),
            super::fold_hash("Eurocities 2")
        );
    }

    #[test]
    fn keeps_letters_of_other_scripts() {
        assert_eq!(fold("Heiwa 平和"), "heiwa 平和");
    }
}
