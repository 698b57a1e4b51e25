//! The one resolver: which network a piece of text names, with a score, and no answer when
//! the text names none or several.
//!
//! A [`Resolver`] is built once over the networks of one catalogue or several (their names
//! folded once, see [`fold`]) and then asked about any number of texts: a lookup by a person,
//! a spreadsheet cell, a header of a wide table. [`Catalogue::get`](crate::Catalogue::get),
//! `exact`, `lookup`, `resolve` and `search` all ask it.
//!
//! # What a network is known by
//! Its id (`covenant-of-mayors`, read as words), its name, its acronym, its name followed by
//! its acronym, and each of its other names with its acronym, except names marked
//! `confusable` (those name something else: a query that is exactly a confusable name finds
//! nothing). Case, accents and punctuation do not count; `&` reads as "and", `+` as "plus".
//!
//! # Words
//! - **Stop words** are set aside on both sides, as are words of one letter (`e.V.`,
//!   `Charles V`): articles, prepositions and conjunctions in English, Dutch, French, German
//!   and Spanish (`the`, `of`, `for`, `and`, `de`, `het`, `van`, `des`, `la`, `le`, `les`,
//!   `der`, `die`, `das`, `und`, `et`, `en`…), the words for "network" and "association"
//!   (`network`, `netwerk`, `réseau`, `Netzwerk`, `vereniging`, `Verein`) and legal forms
//!   (`asbl`, `vzw`, `e.V.`). "Eurocities network" is "Eurocities".
//! - **Generic words** stay in the names but are never enough to name a network: words of two
//!   letters, numbers, words for city, town, member, Europe, international, global, local,
//!   urban, group, council, foundation, initiative… (in the same languages), the values a
//!   spreadsheet cell holds instead of a name (`yes`, `no`, `true`, `none`…), and topics
//!   (`climate`, `social`, `tourism`, `peace`, `food`, `music`, `culture`, `transport`…).
//!   `cities` is generic (Rainbow *Cities* Network, Sharing *Cities* Alliance); `alliance`
//!   is not (it tells Climate Alliance and two other alliances from the rest).
//!   Every other word of three letters or more is **distinctive**.
//!
//! # Scores
//! From 0 to 1; a text names a network when one network scores at least 0.6 and the next
//! one scores at least 0.1 less. Ties and near-ties are [ambiguous](Resolution::Ambiguous).
//! - **1.0** (`exact`): the text is one of the network's names, acronyms or id. A text that is
//!   exactly a name of one network always names it.
//! - **0.95** (`same_words`): the same words as one of its names, stop words aside
//!   ("the Eurocities network", "Climate Alliance e.V."), provided that is two words or more
//!   or one distinctive word.
//! - **0.65–0.85** (`words`): every word of the text is in one of its names, or every word of
//!   the name is in the text, and the words in common are two distinctive words, or all the
//!   words of a name of two words or more. More words in common score more; a misspelt
//!   distinctive word costs 0.15 ("Convenant of Mayors", "Radicalization Awareness Network").
//!   A word is misspelt when it is within one edit of a name's word of five letters or more
//!   (two edits from nine letters).
//! - **0.80** (`words`): an acronym or a one-word name of the network with only generic words,
//!   or its other acronyms, around it ("C40 Cities", "CCRE - CEMR"). A text ending in an
//!   acronym in brackets that is one network's, whose other words already come close to that
//!   network, scores 0.90 ("Local Government New Zealand Te Kahui Kaunihera (LGNZ)").
//! - **0.60–0.65** (`one_word`): the words in common hold only one distinctive word, spelt
//!   right, of five letters or more ("Geintegreerde", "Marionnette"). When that word is in
//!   several networks' names, they tie and the text is ambiguous ("UNESCO", "Mayors").
//! - **below 0.6** (`near`): a near miss, never an answer, only a suggestion: the text is
//!   within a few edits of a whole name (one edit per four letters, at most three:
//!   "Eurocitis") or, being one distinctive word, of one word of a name ("Foresigth").
//!
//! # Never a match
//! Empty text, one character, stop words only, or once they are set aside a single generic
//! word (see [`Resolver::is_generic`]): "the", "van", "e", "x", "n/a", "city", "members",
//! "European Network", "climate", "2017". Such text finds a network only by being exactly one
//! of its names (a two-letter acronym, say), and never when it is a stop word. A distinctive
//! word of fewer than five letters is not enough alone either ("Step").

use std::collections::{HashMap, HashSet};

use crate::fold::fold;
use crate::name_words::{content, is_body_word, is_weak};
use crate::{NameKind, Network, NetworkId, edit_distance};

/// Scores in thousandths: the least that names a network, and how far ahead it must be.
const FOUND: u16 = 600;
const MARGIN: u16 = 100;
/// The least score [`Resolution::suggestion`] and [`Resolver::suggest_id`] give.
const SUGGEST: u16 = 300;

/// How many edits a word or text of `len` characters may be from another to count as a
/// misspelling of it.
fn word_typos(len: usize) -> usize {
    match len {
        0..=4 => 0,
        5..=8 => 1,
        _ => 2,
    }
}

/// How a text matched a network: the kind of evidence behind its [`Match::score`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum MatchKind {
    /// One of its names, acronyms or id (score 1.0).
    Exact,
    /// The same words as one of its names, stop words aside (0.95).
    SameWords,
    /// Two distinctive words, or all the words of a name of two words or more (0.65–0.85).
    Words,
    /// One distinctive word of five letters or more (0.60–0.65).
    OneWord,
    /// A near miss: a suggestion, never an answer (below 0.6).
    Near,
    /// Only for [`Resolver::search`]: every word of the query is in a name, but not enough
    /// to name the network (below 0.6).
    Related,
}

impl MatchKind {
    /// The kind in `snake_case` (`"one_word"`), as the Python binding gives it.
    ///
    /// ```
    /// assert_eq!(citynets::MatchKind::SameWords.as_str(), "same_words");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            MatchKind::Exact => "exact",
            MatchKind::SameWords => "same_words",
            MatchKind::Words => "words",
            MatchKind::OneWord => "one_word",
            MatchKind::Near => "near",
            MatchKind::Related => "related",
        }
    }
}

/// A network a text may name, with how well it matches.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Match<'a> {
    /// The network.
    pub network: &'a Network,
    /// From 0 to 1: 1.0 for an exact name; 0.6 and more name the network (when no other
    /// network comes within 0.1); less is only a suggestion.
    pub score: f32,
    /// What the score rests on.
    pub kind: MatchKind,
}

/// What a text names: one network, several that come too close to choose, or none.
#[derive(Debug, Clone, PartialEq)]
pub enum Resolution<'a> {
    /// One network clearly: it scores 0.6 or more and every other at least 0.1 less.
    Found(Match<'a>),
    /// Several networks score 0.6 or more within 0.1 of each other: best first, then in
    /// catalogue order.
    Ambiguous(Vec<Match<'a>>),
    /// No network: the near misses, best first (empty when nothing comes near, or when the
    /// text is junk by rule).
    NotFound(Vec<Match<'a>>),
}

impl<'a> Resolution<'a> {
    /// The network found, if one was.
    pub fn network(&self) -> Option<&'a Network> {
        match self {
            Resolution::Found(m) => Some(m.network),
            _ => None,
        }
    }

    /// The candidates: the one found, the ambiguous ones, or the near misses.
    pub fn candidates(&self) -> &[Match<'a>] {
        match self {
            Resolution::Found(m) => std::slice::from_ref(m),
            Resolution::Ambiguous(v) | Resolution::NotFound(v) => v,
        }
    }

    /// The network to suggest: the one found, or a near miss (score 0.3 or more) that is
    /// 0.1 ahead of the next; nothing when the text is ambiguous.
    ///
    /// ```
    /// let ghent = citynets::ghent();
    /// let r = ghent.resolve("Eurocitis");
    /// assert!(r.network().is_none());
    /// assert_eq!(r.suggestion().unwrap().network.id, "eurocities");
    /// ```
    pub fn suggestion(&self) -> Option<&Match<'a>> {
        match self {
            Resolution::Found(m) => Some(m),
            Resolution::Ambiguous(_) => None,
            Resolution::NotFound(near) => {
                let first = near.first()?;
                let clear = near
                    .get(1)
                    .is_none_or(|second| first.score >= second.score + 0.1 - 1e-4);
                (first.score >= f32::from(SUGGEST) / 1000.0 - 1e-4 && clear).then_some(first)
            }
        }
    }
}

/// One name of a network, folded.
struct Key {
    /// The network's index in [`Resolver::networks`].
    network: u32,
    /// The name folded.
    text: String,
    /// Its words that count, stop words aside.
    words: Vec<String>,
    /// Those words joined by spaces, and its length in characters.
    joined: String,
    joined_chars: usize,
}

/// Finds the network a text names, over the networks of one catalogue or several, with its
/// names folded once. Cheap to query: build it once, ask it per distinct text.
///
/// ```
/// use citynets::{Resolution, Resolver};
///
/// let ghent = citynets::ghent();
/// let resolver = Resolver::new(ghent);
/// assert_eq!(resolver.resolve("the Eurocities network").network().unwrap().id, "eurocities");
/// assert!(matches!(resolver.resolve("UNESCO"), Resolution::Ambiguous(_)));
/// assert_eq!(resolver.resolve("the"), Resolution::NotFound(vec![]));
/// assert_eq!(resolver.suggest_id("Eurocitis").map(|(id, _)| id.as_str()), Some("eurocities"));
/// assert!(resolver.suggest_id("yes").is_none());
/// ```
pub struct Resolver<'a> {
    /// The networks, the first of each id only.
    networks: Vec<&'a Network>,
    ids: HashMap<&'a str, u32>,
    keys: Vec<Key>,
    /// Each folded name, to the networks that have it.
    exact: HashMap<String, Vec<u32>>,
    /// Each word that counts, to the keys that hold it.
    words: HashMap<String, Vec<u32>>,
    /// Names marked confusable, folded.
    confusable: HashSet<String>,
}

impl std::fmt::Debug for Resolver<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Resolver")
            .field("networks", &self.networks.len())
            .field("names", &self.keys.len())
            .finish()
    }
}

/// The folded names a network is known by (see the module documentation), without
/// duplicates; and its confusable names, folded.
pub(crate) fn names_of(n: &Network) -> (Vec<String>, Vec<String>) {
    let mut keys = vec![fold(&n.id), fold(&n.name)];
    if let Some(acronym) = &n.acronym {
        keys.push(fold(acronym));
        keys.push(fold(&format!("{} ({acronym})", n.name)));
    }
    let mut confusable = Vec::new();
    for other in n.other_names.iter() {
        if other.kind == NameKind::Confusable {
            confusable.push(fold(&other.name));
            continue;
        }
        keys.push(fold(&other.name));
        if let Some(acronym) = &other.acronym {
            keys.push(fold(acronym));
            keys.push(fold(&format!("{} ({acronym})", other.name)));
        }
    }
    keys.retain(|k| !k.is_empty());
    keys.sort();
    keys.dedup();
    (keys, confusable)
}

/// A network's acronyms: its own and those of its other names.
fn acronyms(n: &Network) -> impl Iterator<Item = &str> {
    n.acronym
        .iter()
        .map(|a| a.as_str())
        .chain(n.other_names.iter().filter_map(|o| o.acronym.as_deref()))
}

/// What one name of a network has in common with the words of a query.
#[derive(Default)]
struct Overlap {
    exact_strong: usize,
    typo_strong: usize,
    exact_weak: usize,
    typo_weak: usize,
    /// A distinctive word of the query of five letters or more, spelt right, is in the name.
    long_strong: bool,
    /// Every word of the name is matched.
    name_all: bool,
}

impl<'a> Resolver<'a> {
    /// Builds the resolver over networks, folding their names once. When two networks share
    /// an id (the same network in two catalogues), the first is kept.
    pub fn new(networks: impl IntoIterator<Item = &'a Network>) -> Self {
        let mut r = Resolver {
            networks: Vec::new(),
            ids: HashMap::new(),
            keys: Vec::new(),
            exact: HashMap::new(),
            words: HashMap::new(),
            confusable: HashSet::new(),
        };
        for n in networks {
            let Ok(index) = u32::try_from(r.networks.len()) else {
                break;
            };
            if r.ids.contains_key(n.id.as_str()) {
                continue;
            }
            r.ids.insert(n.id.as_str(), index);
            r.networks.push(n);
            let (names, confusable) = names_of(n);
            r.confusable.extend(confusable);
            for text in names {
                let Ok(key) = u32::try_from(r.keys.len()) else {
                    break;
                };
                let words: Vec<String> = content(&text).into_iter().map(str::to_owned).collect();
                for w in &words {
                    let list = r.words.entry(w.clone()).or_default();
                    if list.last() != Some(&key) {
                        list.push(key);
                    }
                }
                let list = r.exact.entry(text.clone()).or_default();
                if list.last() != Some(&index) {
                    list.push(index);
                }
                let joined = words.join(" ");
                r.keys.push(Key {
                    network: index,
                    text,
                    joined_chars: joined.chars().count(),
                    joined,
                    words,
                });
            }
        }
        r
    }

    /// The networks, in the order given (the first of each id).
    pub fn networks(&self) -> &[&'a Network] {
        &self.networks
    }

    /// The network with exactly this id, in any of the catalogues.
    ///
    /// ```
    /// let resolver = citynets::ghent().resolver();
    /// assert!(resolver.by_id("eccar").is_some());
    /// assert!(resolver.by_id("ECCAR").is_none()); // ids are exact
    /// ```
    pub fn by_id(&self, id: &str) -> Option<&'a Network> {
        let i = *self.ids.get(id)?;
        self.networks.get(i as usize).copied()
    }

    /// Whether any of the catalogues has a network with exactly this id: when not, no
    /// catalogue knows the network (see [`suggest_id`](Self::suggest_id) for what to suggest).
    pub fn knows_id(&self, id: &str) -> bool {
        self.ids.contains_key(id)
    }

    /// Whether text is junk by rule, naming a network only by being exactly one of its names
    /// (and never when it is a stop word): shorter than two characters, stop words only, or,
    /// once stop words and one-letter words are set aside, a single generic word, topic,
    /// word of two letters or number.
    ///
    /// ```
    /// use citynets::Resolver;
    ///
    /// for junk in ["", "the", "van", "e", "x", "n/a", "city", "European network", "climate", "2017"] {
    ///     assert!(Resolver::is_generic(junk), "{junk}");
    /// }
    /// assert!(!Resolver::is_generic("Eurocities"));
    /// assert!(!Resolver::is_generic("European Social")); // two words: may be a whole name
    /// ```
    pub fn is_generic(text: &str) -> bool {
        let f = fold(text);
        let words = content(&f);
        f.chars().nth(1).is_none()
            || match words.as_slice() {
                [] => true,
                [one] => is_weak(one),
                _ => false,
            }
    }

    /// The network whose name, acronym or id is exactly the text (folded), when exactly one
    /// network has it; no partial matching.
    pub fn exact(&self, text: &str) -> Option<&'a Network> {
        match self.exact.get(&fold(text))?.as_slice() {
            [one] => self.networks.get(*one as usize).copied(),
            _ => None,
        }
    }

    /// What the text names: one network, several too close to choose, or none with the near
    /// misses. See the module documentation for the rules.
    pub fn resolve(&self, text: &str) -> Resolution<'a> {
        let found = self.scored(text, true);
        let Some(first) = found.first() else {
            return Resolution::NotFound(Vec::new());
        };
        if first.0 < FOUND {
            return Resolution::NotFound(self.matches(found));
        }
        let exact = found.iter().filter(|c| c.1 == MatchKind::Exact).count();
        let close: Vec<_> = if exact > 0 {
            found.into_iter().take(exact).collect()
        } else {
            let top = first.0;
            found
                .into_iter()
                .take_while(|c| c.0 + MARGIN > top)
                .collect()
        };
        let mut close = self.matches(close);
        match close.len() {
            1 => close
                .pop()
                .map_or(Resolution::NotFound(Vec::new()), Resolution::Found),
            _ => Resolution::Ambiguous(close),
        }
    }

    /// The id to suggest for a text that should name a network (a spreadsheet cell): the one
    /// it names, or a near miss that clearly wins, with its score. `None` when the text is
    /// junk, ambiguous, or names nothing the catalogues know.
    pub fn suggest_id(&self, text: &str) -> Option<(&'a NetworkId, f32)> {
        let r = self.resolve(text);
        r.suggestion().map(|m| (&m.network.id, m.score))
    }

    /// Every network the query may name or be about, best first, then in catalogue order: the
    /// candidates of [`resolve`](Self::resolve), and, scored below 0.6, the networks one of
    /// whose names holds every word of the query even when those words are generic
    /// (`search("climate")`). Empty for empty text, one character or stop words only.
    ///
    /// ```
    /// let resolver = citynets::ghent().resolver();
    /// let ids: Vec<&str> = resolver.search("procurement").iter().map(|m| m.network.id.as_str()).collect();
    /// assert_eq!(ids, ["glcn", "procuraplus"]);
    /// assert_eq!(resolver.search("climate")[0].network.id, "climate-alliance");
    /// ```
    pub fn search(&self, query: &str) -> Vec<Match<'a>> {
        self.matches(self.scored(query, false))
    }

    fn matches(&self, scored: Vec<(u16, MatchKind, u32)>) -> Vec<Match<'a>> {
        scored
            .into_iter()
            .filter_map(|(score, kind, i)| {
                Some(Match {
                    network: *self.networks.get(i as usize)?,
                    score: f32::from(score) / 1000.0,
                    kind,
                })
            })
            .collect()
    }

    /// Each network's best score for the text, best first, then in catalogue order.
    /// `strict`: as [`resolve`](Self::resolve); otherwise as [`search`](Self::search).
    fn scored(&self, text: &str, strict: bool) -> Vec<(u16, MatchKind, u32)> {
        let f = fold(text);
        let q = content(&f);
        let mut best: HashMap<u32, (u16, MatchKind)> = HashMap::new();
        if f.chars().nth(1).is_none() || q.is_empty() {
            return Vec::new();
        }
        let exact = self.exact.get(&f);
        if exact.is_none() && self.confusable.contains(&f) {
            return Vec::new();
        }
        for &i in exact.into_iter().flatten() {
            put(&mut best, i, 1000, MatchKind::Exact);
        }

        let generic = matches!(q.as_slice(), [one] if is_weak(one));
        if f.chars().nth(2).is_some() && !(strict && generic) {
            self.by_words(&q, strict, &mut best);
            if !generic && best.values().all(|b| b.0 < FOUND) {
                self.near(&f, &q, &mut best);
            }
        }
        // "A name (ACR)": an acronym in brackets at the end that is one network's, where the
        // words before it already point at that network, settles it.
        if let Some((before, inner)) = text
            .trim_end()
            .strip_suffix(')')
            .and_then(|t| t.rsplit_once('('))
            && let Some([n]) = self.exact.get(&fold(inner)).map(Vec::as_slice)
            && self
                .scored(before, strict)
                .iter()
                .any(|c| c.2 == *n && c.0 >= FOUND)
        {
            put(&mut best, *n, 900, MatchKind::Words);
        }
        let mut out: Vec<(u16, MatchKind, u32)> =
            best.into_iter().map(|(i, (s, k))| (s, k, i)).collect();
        out.sort_by(|a, b| b.0.cmp(&a.0).then(a.2.cmp(&b.2)));
        out
    }

    /// The networks whose names share words with the query (see the module documentation).
    fn by_words(&self, q: &[&str], strict: bool, best: &mut HashMap<u32, (u16, MatchKind)>) {
        // For each word of the query, the words of names that it may be a misspelling of.
        let typos: Vec<Vec<&str>> = q.iter().map(|w| self.misspelt(w)).collect();
        let mut keys: Vec<u32> = Vec::new();
        for (w, near) in q.iter().zip(&typos) {
            for v in std::iter::once(w).chain(near) {
                keys.extend(self.words.get(*v).into_iter().flatten());
            }
        }
        keys.sort_unstable();
        keys.dedup();
        for k in keys {
            let Some(key) = self.keys.get(k as usize) else {
                continue;
            };
            let o = overlap(q, &typos, key);
            let matched = o.exact_strong + o.typo_strong + o.exact_weak + o.typo_weak;
            let query_all = matched == q.len();
            if !query_all && !o.name_all {
                continue;
            }
            let typos_any = o.typo_strong + o.typo_weak > 0;
            let exact_any = o.exact_strong + o.exact_weak > 0;
            let union = (q.len() + key.words.len()).saturating_sub(matched).max(1);
            // Words in common over all words, a misspelt word counting half; in thousandths.
            let shared =
                (2 * (o.exact_strong + o.exact_weak) + o.typo_strong + o.typo_weak) * 500 / union;
            let shared = u16::try_from(shared.min(1000)).unwrap_or(1000);
            let two_strong = o.exact_strong + o.typo_strong >= 2 && o.exact_strong >= 1;
            let whole_name = o.name_all && key.words.len() >= 2 && exact_any;
            let (score, kind) =
                if query_all && o.name_all && !typos_any && (q.len() >= 2 || o.exact_strong == 1) {
                    (950, MatchKind::SameWords)
                } else if two_strong || whole_name {
                    let cost = 150 * u16::try_from(o.typo_strong).unwrap_or(u16::MAX / 200);
                    let s = (650 + shared / 5).saturating_sub(cost);
                    (
                        s,
                        if s >= FOUND {
                            MatchKind::Words
                        } else {
                            MatchKind::Near
                        },
                    )
                } else if key.words.len() == 1
                    && o.name_all
                    && o.exact_strong == 1
                    && o.typo_strong == 0
                    && self.rest_is_generic_or_own(q, key)
                {
                    // An acronym or a one-word name with generic words or the network's other
                    // acronyms around it ("C40 Cities", "CCRE - CEMR").
                    (800, MatchKind::Words)
                } else if o.long_strong {
                    (600 + shared / 20, MatchKind::OneWord)
                } else if strict && q.len() == 1 && o.typo_strong == 1 {
                    (400, MatchKind::Near)
                } else if !strict && query_all && exact_any {
                    (300 + shared / 20, MatchKind::Related)
                } else {
                    continue;
                };
            put(best, key.network, score, kind);
        }
    }

    /// Whether the one-word name `key` is an acronym of its network, and every other word of
    /// the query names a place or a body ("cities", "group") or is another acronym of the same
    /// network: "C40 Cities", "CCRE - CEMR"; not "Climate change" or "No C40".
    fn rest_is_generic_or_own(&self, q: &[&str], key: &Key) -> bool {
        let acronym_of = |w: &str| {
            self.networks
                .get(key.network as usize)
                .is_some_and(|n| acronyms(n).any(|a| fold(a) == w))
        };
        acronym_of(&key.words[0])
            && q.iter()
                .filter(|w| **w != key.words[0])
                .all(|w| is_body_word(w) || acronym_of(w))
    }

    /// The words of names that `word` may be a misspelling of (none for words under five
    /// letters).
    fn misspelt(&self, word: &str) -> Vec<&str> {
        let len = word.chars().count();
        let max = word_typos(len);
        if max == 0 {
            return Vec::new();
        }
        self.words
            .keys()
            .map(String::as_str)
            .filter(|v| *v != word)
            .filter(|v| {
                let vl = v.chars().count();
                let m = max.min(word_typos(vl));
                m > 0 && vl.abs_diff(len) <= m && edit_distance(word, v, m) <= m
            })
            .collect()
    }

    /// Near misses: names within a few edits of the whole text (see the module documentation).
    fn near(&self, f: &str, q: &[&str], best: &mut HashMap<u32, (u16, MatchKind)>) {
        let joined = q.join(" ");
        let len = joined.chars().count();
        if len < 4 {
            return;
        }
        let max = (len / 4).clamp(1, 3);
        for key in &self.keys {
            if key.joined_chars.abs_diff(len) > max || key.joined.is_empty() {
                continue;
            }
            let d = edit_distance(&joined, &key.joined, max).min(edit_distance(f, &key.text, max));
            if (1..=max).contains(&d) {
                let d = u16::try_from(d).unwrap_or(3);
                put(best, key.network, 500 - 100 * (d - 1), MatchKind::Near);
            }
        }
    }
}

/// Keeps the better score of a network.
fn put(best: &mut HashMap<u32, (u16, MatchKind)>, network: u32, score: u16, kind: MatchKind) {
    let e = best.entry(network).or_insert((score, kind));
    if score > e.0 {
        *e = (score, kind);
    }
}

/// What the query's words (with the name words each may be a misspelling of) have in common
/// with one name.
fn overlap(q: &[&str], typos: &[Vec<&str>], key: &Key) -> Overlap {
    let mut o = Overlap::default();
    let mut used = vec![false; key.words.len()];
    for (w, near) in q.iter().zip(typos) {
        let strong = !is_weak(w);
        // Marks the first name word not matched yet that passes `pred`.
        let spot = |pred: &dyn Fn(&str) -> bool, used: &mut Vec<bool>| {
            let i = key
                .words
                .iter()
                .zip(used.iter())
                .position(|(k, u)| !u && pred(k))?;
            used.get_mut(i).map(|u| *u = true)
        };
        if spot(&|k| k == *w, &mut used).is_some() {
            if strong {
                o.exact_strong += 1;
                o.long_strong |= w.chars().count() >= 5;
            } else {
                o.exact_weak += 1;
            }
        } else if spot(&|k| near.contains(&k), &mut used).is_some() {
            if strong {
                o.typo_strong += 1;
            } else {
                o.typo_weak += 1;
            }
        }
    }
    o.name_all = used.iter().all(|u| *u);
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn duplicate_ids_are_kept_once() {
        let ghent = crate::ghent();
        let both = Resolver::new(ghent.iter().chain(ghent.iter()));
        assert_eq!(both.networks().len(), ghent.len());
        assert_eq!(
            both.resolve("eurocities").network().map(|n| n.id.as_str()),
            Some("eurocities")
        );
    }
}
