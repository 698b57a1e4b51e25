//! Countries: which ISO 3166-1 alpha-2 codes are assigned, and the code a country's name
//! means.
//!
//! # The codes
//!
//! `data/country_codes.txt` lists the codes ISO 3166-1 assigns, plus `XK` (Kosovo, which the EU
//! and the World Bank use), generated from CLDR by `python/tools/gen_countries.py`. They are
//! read into a 26 × 26 bit set when the crate is compiled, so checking a code is two byte
//! comparisons and a bit test, without allocating.
//!
//! # Names
//!
//! [`code_of`] finds the code a cell probably means. The rules, in order; the first that gives
//! a code gives the answer, and a rule that gives two codes gives none:
//!
//! 0. A text whose key (rule 2) is that of an ambiguous name means nothing: no later rule
//!    guesses.
//! 1. Two ASCII letters in any case are a code: an assigned one (`be` → `BE`), or one of the
//!    EU's own codes, `UK` → `GB` and `EL` → `GR` ([`eu_code`]). Any other two letters (`EU`,
//!    `XX`) mean nothing: they are never read as a name.
//! 2. Otherwise the text is made a *key*: folded by [`fold`] (case, accents and punctuation do
//!    not count; `&` is "and"), runs of single letters joined (`U.S.A.` → `usa`), common
//!    abbreviations written out (`St.` → saint, `Ste.` → sainte, `Rep.` → republic, `Dem.` →
//!    democratic, `Fed.` → federated, `Is.`/`Isl.` → islands, `Sts.` → states), filler words
//!    dropped (articles and "of", "and" in the table's languages: the, la, le, l', de, die, el,
//!    of, and, y, et, und, en…), and the words sorted, so that word order does not count
//!    (`Korea, Rep.` has the key of `Republic of Korea`); `united states` is `us` and `united
//!    kingdom` `uk`, and in a name of several words `Island`, `Is.`, `Isl.` and `Isles` are
//!    `Islands`. The key is looked up in the table
//!    of names: CLDR's (`data/country_names.tsv`), then the hand-written ones
//!    (`data/country_variants.tsv`).
//! 3. Else the key without the words that name a form of state, in the table's languages
//!    (republic, república, kingdom, Königreich, principality, federal, democratic, islamic,
//!    people's, state, territory, united, "SAR"…: `Iran, Islamic Rep.` → `iran`, `Kingdom of
//!    Belgium` → `belgium`), looked up among the keys, then among the table's names stripped of
//!    the same words. A text of form words only (`Republic`, `United Kingdom` aside) means
//!    nothing.
//! 4. Else, when the text holds a part in brackets, rules 2 and 3 for the text without it
//!    (`Macedonia (FYROM)` → `Macedonia`).
//! 5. Else, for a text with a form word whose other word is an adjective (`Italian Republic`,
//!    `République gabonaise`, `United Mexican States`), the one country with a one-word name
//!    the adjective starts like: all of the name but its last two letters at most, and at least
//!    four, then at most four more letters (`italian` ~ `italy`, `gabonaise` ~ `gabon`). The
//!    adjective alone (`Italian`) means nothing.
//! 6. Else one typing mistake (an insertion, a deletion, a change or a swap of neighbours) in a
//!    key of at least 8 letters (`Östereich` → `AT`), or in the key without form words (`Wallis
//!    and Futura Isl.`), when every name that close is the same country's.
//!
//! The table: each name of the two files gives its key and the key without form words. A key
//! that two countries' names give is *ambiguous* and dropped: it means nothing. A hand-written
//! name is the explicit way to resolve one, as it wins over CLDR's names of the same key; the
//! hand-written code `??` makes a name ambiguous on purpose (`Congo`, which ISO gives the
//! Republic of the Congo but which names the DR Congo as often). An empty key (`the`, `-`)
//! means nothing.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use crate::edit_distance;
use crate::fold::fold;

/// The assigned codes, one a line, after comment lines starting with `#`.
const CODES: &str = include_str!("../data/country_codes.txt");
/// CLDR's names of the countries: `code<TAB>name` lines after comment lines.
const NAMES: &str = include_str!("../data/country_names.tsv");
/// Names written by hand, in the same form; they win over CLDR's.
const VARIANTS: &str = include_str!("../data/country_variants.tsv");

/// Bit `b` of row `a` is set when the code of letters `A + a`, `A + b` is assigned.
static ASSIGNED: [u32; 26] = assigned_bits(CODES.as_bytes());

const fn assigned_bits(text: &[u8]) -> [u32; 26] {
    let mut bits = [0u32; 26];
    let mut i = 0;
    while i < text.len() {
        let first = text[i];
        if first.is_ascii_uppercase() && i + 1 < text.len() && text[i + 1].is_ascii_uppercase() {
            bits[(first - b'A') as usize] |= 1 << (text[i + 1] - b'A');
        }
        // On to the next line.
        while i < text.len() && text[i] != b'\n' {
            i += 1;
        }
        i += 1;
    }
    bits
}

/// Whether `code` is two capitals that are an assigned ISO 3166-1 alpha-2 code (or `XK`).
#[inline]
pub(crate) fn is_assigned(code: &[u8]) -> bool {
    match code {
        [a @ b'A'..=b'Z', b @ b'A'..=b'Z'] => ASSIGNED
            .get(usize::from(a - b'A'))
            .is_some_and(|row| row >> (b - b'A') & 1 == 1),
        _ => false,
    }
}

/// The assigned codes, in alphabetical order.
pub(crate) fn assigned() -> impl Iterator<Item = &'static str> {
    CODES
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
}

/// The ISO 3166-1 code for one of the EU's own codes: `UK` → `GB`, `EL` → `GR`.
pub(crate) fn eu_code(code: &str) -> Option<&'static str> {
    match code {
        "UK" => Some("GB"),
        "EL" => Some("GR"),
        _ => None,
    }
}

/// Two capital letters, as a code is kept.
type Code = [u8; 2];

/// The code a country cell probably means (see the module's rules), as two capitals.
pub(crate) fn code_of(text: &str) -> Option<Code> {
    let v = text.trim();
    if let [a, b] = v.as_bytes()
        && a.is_ascii_alphabetic()
        && b.is_ascii_alphabetic()
    {
        let upper = [a.to_ascii_uppercase(), b.to_ascii_uppercase()];
        let upper_str = std::str::from_utf8(&upper).ok()?;
        if let Some(iso) = eu_code(upper_str) {
            return code_bytes(iso);
        }
        return is_assigned(&upper).then_some(upper);
    }
    let table = table();
    let whole = keys(v);
    if let Some(meaning) = table.names.get(&whole.key) {
        // A name of the table: its code, or none if it is ambiguous (no later rule guesses).
        return match meaning {
            Meaning::One(code) => Some(*code),
            Meaning::Ambiguous => None,
        };
    }
    if let Some(code) = table.by_name(&whole) {
        return Some(code);
    }
    if let Some(outside) = without_brackets(v)
        && let Some(code) = table.by_name(&keys(&outside))
    {
        return Some(code);
    }
    table.adjective(&whole).or_else(|| table.near(&whole))
}

fn code_bytes(code: &str) -> Option<Code> {
    match code.as_bytes() {
        [a, b] => Some([*a, *b]),
        _ => None,
    }
}

/// The text with its parts in brackets left out; `None` if it has none.
fn without_brackets(text: &str) -> Option<String> {
    if !text.contains(['(', '[']) {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    Some(out)
}

/// Words that count for nothing in a name: articles, "of" and "and" in the table's languages,
/// and the single letters left by elisions (`d'Ivoire`, `People's`).
const FILLERS: &[&str] = &[
    "a", "an", "and", "d", "da", "das", "de", "del", "della", "den", "der", "des", "di", "die",
    "do", "dos", "du", "e", "el", "en", "et", "het", "i", "il", "l", "la", "las", "le", "les",
    "lo", "los", "o", "of", "og", "och", "s", "the", "und", "y",
];

/// Words that name a form of state rather than the country (rule 3), in the table's languages.
const FORMS: &[&str] = &[
    "arab",
    "bolivarian",
    "bolivariana",
    "bundesrepublik",
    "collectivite",
    "collectivity",
    "commonwealth",
    "confederation",
    "cumhuriyeti",
    "democratic",
    "democratica",
    "democratique",
    "departement",
    "department",
    "duche",
    "duchy",
    "estado",
    "federal",
    "federated",
    "federativa",
    "federative",
    "furstentum",
    "grand",
    "grossherzogtum",
    "hashemite",
    "independent",
    "islamic",
    "islands",
    "jamahiriya",
    "kingdom",
    "kongeriget",
    "kongeriket",
    "konigreich",
    "koninkrijk",
    "konungariket",
    "occupied",
    "oriental",
    "pdr",
    "people",
    "plurinacional",
    "plurinational",
    "popular",
    "principality",
    "principat",
    "principaute",
    "rb",
    "regno",
    "reino",
    "repubblica",
    "republic",
    "republica",
    "republiek",
    "republik",
    "republika",
    "republiken",
    "republique",
    "royaume",
    "rzeczpospolita",
    "sar",
    "socialist",
    "state",
    "states",
    "stato",
    "sultanate",
    "territoire",
    "territories",
    "territory",
    "union",
    "united",
];

/// Abbreviations written out.
fn expand(word: &str) -> &str {
    match word {
        "st" => "saint",
        "ste" => "sainte",
        "rep" => "republic",
        "dem" => "democratic",
        "fed" => "federated",
        "sts" => "states",
        other => other,
    }
}

/// The key of a name (rule 2) and its key without form words (rule 3).
struct Keys {
    key: String,
    reduced: String,
}

fn keys(name: &str) -> Keys {
    let folded = fold(name);
    let mut words: Vec<String> = Vec::new();
    let mut letters = String::new();
    let mut letters_run = 0usize;
    // Runs of single letters are joined: `u s a` → `usa`; a single one is kept as it is.
    for word in folded.split(' ').filter(|w| !w.is_empty()) {
        if word.chars().count() == 1 {
            letters.push_str(word);
            letters_run += 1;
            continue;
        }
        flush_letters(&mut letters, &mut letters_run, &mut words);
        let word = expand(word);
        if !FILLERS.contains(&word) {
            words.push(word.to_owned());
        }
    }
    flush_letters(&mut letters, &mut letters_run, &mut words);
    shorten_phrases(&mut words);
    if words.len() > 1 {
        // `Island`, `Is.` and `Islands` are one word in a longer name (alone, `Island` is
        // Iceland in German).
        for w in &mut words {
            if matches!(w.as_str(), "island" | "is" | "isl" | "isles") {
                *w = "islands".to_owned();
            }
        }
    }
    words.sort();
    words.dedup();
    let key = words.join(" ");
    let reduced = words
        .iter()
        .filter(|w| !FORMS.contains(&w.as_str()))
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(" ");
    Keys { key, reduced }
}

/// `united states` → `us` and `united kingdom` → `uk`, as the abbreviations are written.
fn shorten_phrases(words: &mut Vec<String>) {
    let mut i = 0;
    while i + 1 < words.len() {
        let short = match (words[i].as_str(), words[i + 1].as_str()) {
            ("united", "states") => Some("us"),
            ("united", "kingdom") => Some("uk"),
            _ => None,
        };
        if let Some(short) = short {
            words[i] = short.to_owned();
            words.remove(i + 1);
        }
        i += 1;
    }
}

/// Ends a run of single letters: joined into a word when there were several, kept when one is
/// not a filler.
fn flush_letters(letters: &mut String, run: &mut usize, words: &mut Vec<String>) {
    if !letters.is_empty() && (*run > 1 || !FILLERS.contains(&letters.as_str())) {
        words.push(std::mem::take(letters));
    }
    letters.clear();
    *run = 0;
}

/// What a key means: one country's code, or two countries' (and so nothing).
#[derive(Clone, Copy)]
enum Meaning {
    One(Code),
    Ambiguous,
}

/// The table of names, by key.
struct Table {
    /// Keys of whole names.
    names: BTreeMap<String, Meaning>,
    /// Keys of names without their form words.
    reduced: BTreeMap<String, Meaning>,
}

fn note(map: &mut BTreeMap<String, Meaning>, key: &str, meaning: Meaning) {
    if key.is_empty() {
        return;
    }
    let merged = match (map.get(key), meaning) {
        (None, m) => m,
        (Some(Meaning::One(a)), Meaning::One(b)) if *a == b => return,
        _ => Meaning::Ambiguous,
    };
    map.insert(key.to_owned(), merged);
}

/// What a line's code says: `??` marks a name written by hand as meaning no one country.
fn meaning(code: Code) -> Meaning {
    if code == *b"??" {
        Meaning::Ambiguous
    } else {
        Meaning::One(code)
    }
}

/// The `code<TAB>name` lines of a data file.
fn lines(text: &'static str) -> impl Iterator<Item = (Code, &'static str)> {
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| {
            let (code, name) = l.split_once('\t')?;
            Some((code_bytes(code)?, name))
        })
}

/// CLDR's names, then the hand-written ones.
#[cfg(test)]
fn all_names() -> impl Iterator<Item = (Code, &'static str)> {
    lines(NAMES).chain(lines(VARIANTS))
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t = Table {
            names: BTreeMap::new(),
            reduced: BTreeMap::new(),
        };
        for (code, name) in lines(NAMES) {
            let k = keys(name);
            note(&mut t.names, &k.key, meaning(code));
            note(&mut t.reduced, &k.reduced, meaning(code));
        }
        // Hand-written names resolve what CLDR leaves ambiguous (or make a name ambiguous, with
        // the code `??`), so they are noted apart and win among the whole names; a test checks
        // that no two of them contradict each other.
        let mut by_hand: BTreeMap<String, Meaning> = BTreeMap::new();
        for (code, name) in lines(VARIANTS) {
            let k = keys(name);
            note(&mut by_hand, &k.key, meaning(code));
            note(&mut t.reduced, &k.reduced, meaning(code));
        }
        t.names.extend(by_hand);
        t
    })
}

impl Table {
    fn one(map: &BTreeMap<String, Meaning>, key: &str) -> Option<Code> {
        match map.get(key)? {
            Meaning::One(code) => Some(*code),
            Meaning::Ambiguous => None,
        }
    }

    /// Rules 2 and 3.
    fn by_name(&self, k: &Keys) -> Option<Code> {
        if k.key.is_empty() {
            return None;
        }
        Self::one(&self.names, &k.key)
            .or_else(|| Self::one(&self.names, &k.reduced))
            .or_else(|| Self::one(&self.reduced, &k.reduced))
    }

    /// Rule 5: the one country whose names are within one typing mistake of a long key, among
    /// the whole names, then among the names without form words.
    fn near(&self, k: &Keys) -> Option<Code> {
        Self::near_in(&self.names, &k.key).or_else(|| {
            (k.reduced != k.key)
                .then(|| Self::near_in(&self.reduced, &k.reduced))
                .flatten()
        })
    }

    fn near_in(map: &BTreeMap<String, Meaning>, key: &str) -> Option<Code> {
        if key.chars().count() < 8 {
            return None;
        }
        let len = key.chars().count();
        Self::only(
            map.iter()
                // Counting is cheaper than the distance, which one letter more or less bounds.
                .filter(|(name, _)| name.chars().count().abs_diff(len) <= 1)
                .filter(|(name, _)| edit_distance(key, name, 1) <= 1)
                .map(|(_, m)| *m),
        )
    }

    /// Rule 6: a form of state and an adjective (`Italian Republic`, `République gabonaise`,
    /// `United Mexican States`): the one country with a one-word name that the adjective
    /// starts like, all of that name but its last two letters at most (and at least four
    /// letters), followed by at most four more letters.
    fn adjective(&self, k: &Keys) -> Option<Code> {
        let word = k.reduced.as_str();
        if k.reduced == k.key || word.contains(' ') || word.chars().count() < 5 {
            return None;
        }
        let word_len = word.chars().count();
        Self::only(
            self.names
                .iter()
                .filter(|(name, _)| !name.contains(' '))
                .filter(|(name, _)| {
                    let name_len = name.chars().count();
                    let common = word
                        .chars()
                        .zip(name.chars())
                        .take_while(|(a, b)| a == b)
                        .count();
                    common >= 4 && common + 2 >= name_len && word_len <= common + 4
                })
                .map(|(_, m)| *m),
        )
    }

    /// The one code all of `meanings` give; `None` if there are none, or two, or an ambiguous
    /// one.
    fn only(meanings: impl Iterator<Item = Meaning>) -> Option<Code> {
        let mut found: Option<Code> = None;
        for m in meanings {
            match (m, found) {
                (Meaning::One(code), None) => found = Some(code),
                (Meaning::One(code), Some(f)) if code == f => {}
                _ => return None,
            }
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(text: &str) -> Option<String> {
        code_of(text).map(|c| String::from_utf8_lossy(&c).into_owned())
    }

    #[test]
    fn the_codes_are_the_assigned_ones_and_xk() {
        let codes: Vec<&str> = assigned().collect();
        assert_eq!(codes.len(), 250);
        let mut sorted = codes.clone();
        sorted.sort_unstable();
        assert_eq!(codes, sorted);
        for a in b'A'..=b'Z' {
            for b in b'A'..=b'Z' {
                let s = [a, b];
                let listed = codes.iter().any(|c| c.as_bytes() == s);
                assert_eq!(is_assigned(&s), listed, "{}", String::from_utf8_lossy(&s));
            }
        }
        for yes in ["BE", "GB", "GR", "XK", "NA", "SS", "CW"] {
            assert!(is_assigned(yes.as_bytes()), "{yes}");
        }
        for no in [
            "UK", "EL", "EU", "XX", "ZZ", "AC", "EA", "be", "B", "BEL", "", "Bé",
        ] {
            assert!(!is_assigned(no.as_bytes()), "{no}");
        }
    }

    #[test]
    fn codes_in_any_case_and_the_eu_codes() {
        assert_eq!(code("be").as_deref(), Some("BE"));
        assert_eq!(code(" Nl ").as_deref(), Some("NL"));
        assert_eq!(code("UK").as_deref(), Some("GB"));
        assert_eq!(code("uk").as_deref(), Some("GB"));
        assert_eq!(code("EL").as_deref(), Some("GR"));
        assert_eq!(code("XX"), None);
        assert_eq!(code("EU"), None);
    }

    #[test]
    fn names_in_many_languages_and_forms() {
        for (name, want) in [
            ("Belgium", "BE"),
            ("Belgien", "BE"),
            ("BELGIË", "BE"),
            ("belgie", "BE"),
            ("Deutschland", "DE"),
            ("the Netherlands", "NL"),
            ("Pays-Bas", "NL"),
            ("Holland", "NL"),
            ("Korea, Rep.", "KR"),
            ("Korea, Dem. People's Rep.", "KP"),
            ("Congo, Dem. Rep.", "CD"),
            ("Iran, Islamic Rep.", "IR"),
            ("Macedonia (FYROM)", "MK"),
            ("Bosnia & Herzegovina", "BA"),
            ("St. Lucia", "LC"),
            ("U.S.A.", "US"),
            ("U.K.", "GB"),
            ("Östereich", "AT"),
            ("Ελλάδα", "GR"),
        ] {
            assert_eq!(code(name).as_deref(), Some(want), "{name}");
        }
    }

    /// Two letters are read as a code, whatever they say: `no` is Norway's.
    #[test]
    fn junk_means_no_country() {
        assert_eq!(code("no").as_deref(), Some("NO"));
        for junk in [
            "",
            " ",
            "-",
            "the",
            "The",
            "city",
            "member",
            "members",
            "yes",
            "n/a",
            "N/A",
            "none",
            "unknown",
            "Europe",
            "EU",
            "European Union",
            "world",
            "international",
            "republic",
            "kingdom",
            "united",
            "islands",
            "saint",
            "1",
            "2016",
            "x",
            "?",
        ] {
            assert_eq!(code(junk), None, "{junk:?}");
        }
    }

    #[test]
    fn hand_written_names_do_not_contradict_each_other() {
        let mut seen: BTreeMap<String, Code> = BTreeMap::new();
        for (code, name) in lines(VARIANTS) {
            let k = keys(name).key;
            assert!(!k.is_empty(), "{name}");
            if let Some(before) = seen.insert(k.clone(), code) {
                assert_eq!(before, code, "{name}: key {k}");
            }
        }
    }

    #[test]
    fn every_name_of_the_table_names_an_assigned_code() {
        for (code, name) in all_names() {
            assert!(is_assigned(&code) || code == *b"??", "{name}");
        }
        assert!(lines(NAMES).count() > 1000);
    }
}
