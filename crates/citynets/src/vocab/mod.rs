//! The closed vocabularies of the model: one enum per file.
//!
//! Every vocabulary has exactly one spelling per value (lower snake_case), the same for serde,
//! [`Display`](std::fmt::Display), [`FromStr`](std::str::FromStr) and the JSON Schema `enum`.
//! Other spellings (English labels, Dutch and French words, legacy terms such as the City of
//! Ghent's "file management") live in a separate alias table per enum: they are used to *suggest*
//! the canonical value, never accepted silently. See [`Vocabulary::from_alias`].

#[macro_use]
mod macros;

mod caveat_kind;
mod count_qualifier;
mod fact;
mod focus;
mod kind;
mod member_kind;
mod name_kind;
mod orientation;
mod policy_area;
mod relation;
mod role;
mod scope;
mod status;

pub use caveat_kind::CaveatKind;
pub use count_qualifier::CountQualifier;
pub use fact::Fact;
pub use focus::Focus;
pub use kind::Kind;
pub use member_kind::{MemberKind, Needs};
pub use name_kind::NameKind;
pub use orientation::Orientation;
pub use policy_area::PolicyArea;
pub use relation::Relation;
pub use role::Role;
pub use scope::Scope;
pub use status::Status;

use crate::fold::fold;

/// A language in which every vocabulary value has a label.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    /// English.
    En,
    /// Dutch (the City of Ghent's own language).
    Nl,
    /// French.
    Fr,
}

/// What every closed vocabulary of the model offers.
///
/// ```
/// use citynets::{PolicyArea, Vocabulary};
///
/// assert_eq!(PolicyArea::Climate.as_str(), "climate");
/// assert_eq!(PolicyArea::Climate.label_nl(), "Klimaat");
/// assert_eq!(PolicyArea::from_alias("klimaat"), Some(PolicyArea::Climate));
/// // Aliases are for suggestions and lookups; parsing only takes the canonical spelling.
/// assert!("klimaat".parse::<PolicyArea>().is_err());
/// ```
pub trait Vocabulary:
    Copy + Eq + std::hash::Hash + std::fmt::Debug + std::fmt::Display + 'static
{
    /// The vocabulary's name as used in the schema (`"PolicyArea"`).
    const NAME: &'static str;

    /// Every value, in declaration order.
    fn all() -> &'static [Self];

    /// The canonical snake_case spelling.
    fn as_str(self) -> &'static str;

    /// The English label.
    fn label(self) -> &'static str;

    /// The Dutch label.
    fn label_nl(self) -> &'static str;

    /// The French label.
    fn label_fr(self) -> &'static str;

    /// The label in the given language.
    fn label_in(self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.label(),
            Lang::Nl => self.label_nl(),
            Lang::Fr => self.label_fr(),
        }
    }

    /// The doc comment of the value, as one line.
    fn description(self) -> String;

    /// The vocabulary's own doc comment, as one line.
    fn vocabulary_description() -> String;

    /// The alias table: other spellings (legacy, Dutch, French, common English) and the value
    /// each one means. Labels are aliases too, without being listed here.
    fn aliases() -> &'static [(&'static str, Self)];

    /// Words that say a value is there without saying which: `member`, `yes` or `x` in a status
    /// column say that the row is a member, not its grade. They lead to no value; the
    /// validator suggests leaving the field empty instead.
    fn unstated() -> &'static [&'static str];

    /// Whether `s` is one of the [`unstated`](Self::unstated) words, ignoring case, accents
    /// and punctuation.
    fn is_unstated(s: &str) -> bool {
        let key = fold(s);
        !key.is_empty() && Self::unstated().iter().any(|w| fold(w) == key)
    }

    /// Every spelling that leads to a value, folded (see [`fold`](fn@crate::fold)): the canonical
    /// one, the three labels, then the alias table. Built once per vocabulary.
    fn folded_spellings() -> &'static [(String, Self)];

    /// Parses the canonical spelling only (the same rule as serde and `FromStr`).
    fn parse_canonical(s: &str) -> Option<Self> {
        Self::all().iter().copied().find(|v| v.as_str() == s)
    }

    /// Parses the canonical spelling, or gives the one error for a value the vocabulary does
    /// not have ([`Error::UnknownValue`](crate::Error::UnknownValue)): every allowed value and
    /// the one [`suggest`](Self::suggest) finds. The command line's filters and the Python
    /// package's constructors and filters report with it.
    ///
    /// ```
    /// use citynets::{PolicyArea, Vocabulary};
    ///
    /// assert_eq!(PolicyArea::parse_or_suggest("climate"), Ok(PolicyArea::Climate));
    /// let e = PolicyArea::parse_or_suggest("mobilty").unwrap_err();
    /// assert!(e.to_string().ends_with("(did you mean \"mobility\"?)"));
    /// ```
    fn parse_or_suggest(s: &str) -> Result<Self, crate::Error> {
        Self::parse_canonical(s).ok_or_else(|| crate::Error::UnknownValue {
            vocabulary: Self::NAME,
            value: s.to_owned(),
            allowed: Self::all().iter().map(|v| v.as_str()).collect(),
            suggestion: Self::suggest(s).map(|v| v.as_str()),
        })
    }

    /// Finds the value meant by another spelling: the canonical one in any case or with spaces
    /// or hyphens, a label in English, Dutch or French, or an entry of the alias table. The
    /// comparison ignores case, accents and punctuation.
    fn from_alias(s: &str) -> Option<Self> {
        let key = fold(s);
        if key.is_empty() {
            return None;
        }
        Self::folded_spellings()
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| *v)
    }

    /// The value probably meant by `s`: the one [`from_alias`](Self::from_alias) finds, else
    /// the single value one of whose spellings is within one typing mistake (for words of four
    /// letters or fewer) or two; `None` when two values come as close. The one search the
    /// validator's suggestions, the command line and the Python package share.
    ///
    /// ```
    /// use citynets::{PolicyArea, Vocabulary};
    ///
    /// assert_eq!(PolicyArea::suggest("klimaat"), Some(PolicyArea::Climate));
    /// assert_eq!(PolicyArea::suggest("mobilty"), Some(PolicyArea::Mobility));
    /// assert_eq!(PolicyArea::suggest("zzzzzz"), None);
    /// ```
    fn suggest(s: &str) -> Option<Self> {
        if let Some(v) = Self::from_alias(s) {
            return Some(v);
        }
        let key = fold(s);
        if key.is_empty() {
            return None;
        }
        let max = crate::edit_distance::typo_tolerance(&key);
        let mut best: Option<(usize, Self)> = None;
        let mut tie = false;
        for (folded, v) in Self::folded_spellings() {
            let d = crate::edit_distance(&key, folded, max);
            if d > max {
                continue;
            }
            match best {
                Some((bd, bv)) if d == bd && bv != *v => tie = true,
                Some((bd, _)) if d >= bd => {}
                _ => {
                    best = Some((d, *v));
                    tie = false;
                }
            }
        }
        match best {
            Some((_, v)) if !tie => Some(v),
            _ => None,
        }
    }
}

/// The folded spellings of a vocabulary, in the order `from_alias` consults them.
pub(crate) fn build_folded<V: Vocabulary>() -> Vec<(String, V)> {
    let mut out = Vec::new();
    for v in V::all() {
        for s in [v.as_str(), v.label(), v.label_nl(), v.label_fr()] {
            out.push((fold(s), *v));
        }
    }
    out.extend(V::aliases().iter().map(|(a, v)| (fold(a), *v)));
    out
}

/// Joins the lines of a doc comment into one line.
pub(crate) fn one_line(doc: &str) -> String {
    doc.split_whitespace().collect::<Vec<_>>().join(" ")
}
