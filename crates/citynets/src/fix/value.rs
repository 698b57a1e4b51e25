//! One value fixed by the rules of the schema node it fills: the same vocabularies, country
//! table, resolver and date forms that give the validator's suggestions, with one difference
//! that is the point of `fix`: a value is changed only when one meaning is certain. A guess
//! (a typing mistake, a day and month that could be either, a name that fits several networks)
//! leaves the value as it is, with a note.
//!
//! A value the schema accepts is never changed, except for the spaces around it.

use super::change::Rule;
use crate::validate::Catalogues;
use crate::validate::compiled::{Compiled, Pattern, ty};
use crate::validate::suggest::{self, DateOrder};

/// What becomes of one value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Verdict {
    /// Right as it is.
    Keep,
    /// Changed, by a rule.
    Change(String, Rule),
    /// Left as it is: why, and what it might be.
    Left(String),
}

/// The rules for the values of one kind of record, with the catalogues in use.
pub(crate) struct ValueRules<'a> {
    pub(crate) schema: &'static Compiled,
    pub(crate) catalogues: &'a Catalogues,
    pub(crate) date_order: Option<DateOrder>,
}

impl ValueRules<'_> {
    /// The verdict on `text` as the value of schema node `node`; `optional` says whether the
    /// field may be left out (so that a word saying nothing can be removed).
    pub(crate) fn text(&self, node: usize, optional: bool, text: &str) -> Verdict {
        let t = text.trim();
        let trimmed = || {
            if t.len() == text.len() {
                Verdict::Keep
            } else {
                Verdict::Change(t.to_owned(), Rule::Whitespace)
            }
        };
        if t.is_empty() {
            return trimmed();
        }
        let n = &self.schema.nodes[node];
        if let Some(values) = &n.enum_values {
            if values.iter().any(|v| v.as_deref() == Some(t)) {
                return trimmed();
            }
            if n.country {
                return match suggest::country(t) {
                    Some(code) => Verdict::Change(code.to_owned(), Rule::Country),
                    None => Verdict::Left("not a country the table of countries knows".into()),
                };
            }
            let Some(title) = n.title.as_deref() else {
                return trimmed();
            };
            if suggest::unstated(title, t) {
                return if optional {
                    Verdict::Change(String::new(), Rule::Unstated)
                } else {
                    Verdict::Left(format!(
                        "\"{t}\" does not say which {title} value; the field is required"
                    ))
                };
            }
            if let Some(v) = suggest::vocabulary_alias(title, t) {
                return Verdict::Change(v.to_owned(), Rule::Vocabulary);
            }
            return Verdict::Left(match suggest::vocabulary_value(title, t) {
                Some(v) => format!("not a {title} value; perhaps \"{v}\""),
                None => format!("not a {title} value"),
            });
        }
        if let Some(pattern) = n.pattern {
            if pattern.matches(t) {
                return trimmed();
            }
            return self.pattern(pattern, n.reference, t);
        }
        if n.types & (ty::INTEGER | ty::NUMBER) != 0
            && n.types & ty::STRING == 0
            && let Some(whole) = t.strip_suffix(".0")
            && whole.parse::<i64>().is_ok()
        {
            return Verdict::Change(whole.to_owned(), Rule::Number);
        }
        trimmed()
    }

    /// A string that does not have its pattern's form.
    fn pattern(&self, pattern: Pattern, reference: bool, t: &str) -> Verdict {
        match pattern {
            Pattern::Date => match suggest::date(t, self.date_order) {
                Some(d) => Verdict::Change(d, Rule::Date),
                None if suggest::date(t, Some(DateOrder::DayFirst)).is_some() => Verdict::Left(
                    "day and month could be either; give the order (--date-order dmy or mdy)"
                        .into(),
                ),
                None => Verdict::Left("not a date".into()),
            },
            Pattern::Id => self.network_id(t, !reference),
            Pattern::Language | Pattern::Wikidata => match suggest::pattern_fix(pattern, t) {
                Some(v) => Verdict::Change(v, Rule::Form),
                None => Verdict::Left(format!("not {}", pattern.expected())),
            },
            Pattern::Url => Verdict::Left(match suggest::pattern_fix(pattern, t) {
                Some(v) => format!("not a web address; perhaps \"{v}\""),
                None => "not a web address".into(),
            }),
        }
    }

    /// A network's name or acronym where its id should be: the id the catalogues give the
    /// network it names by one of its names or the same words; else, for a network's own id
    /// (`slug`), a slug of the name, since a network no catalogue knows has no other id.
    pub(crate) fn network_id(&self, t: &str, slug: bool) -> Verdict {
        let resolved = self.catalogues.resolved(t);
        let found = match resolved.found {
            Some((id, true)) => Ok(id),
            _ => Err(resolved.suggestion),
        };
        match found {
            Ok(id) => Verdict::Change(id, Rule::Network),
            Err(meant) if slug => match suggest::pattern_fix(Pattern::Id, t) {
                Some(s) if meant.is_none() => Verdict::Change(s, Rule::Slug),
                _ => Verdict::Left(match meant {
                    Some((id, name)) => format!("perhaps \"{id}\" ({name})"),
                    None => "no id can be made of it".into(),
                }),
            },
            Err(Some((id, name))) => Verdict::Left(format!(
                "no network of the catalogues in use has this name; perhaps \"{id}\" ({name})"
            )),
            Err(None) => Verdict::Left("no network of the catalogues in use has this name".into()),
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::DocumentKind;

    fn rules(c: &Catalogues) -> ValueRules<'_> {
        ValueRules {
            schema: Compiled::get(DocumentKind::Membership),
            catalogues: c,
            date_order: None,
        }
    }

    fn node(path: &[&str]) -> usize {
        let s = Compiled::get(DocumentKind::Membership);
        let mut n = s.root;
        for p in path {
            n = s.nodes[n].property(p).unwrap();
        }
        n
    }

    #[test]
    fn certain_values_change_and_guesses_stay() {
        let c = Catalogues::default();
        let r = rules(&c);
        let change = |v: &str, rule| Verdict::Change(v.to_owned(), rule);
        let status = node(&["status"]);
        assert_eq!(r.text(status, true, "full"), Verdict::Keep);
        assert_eq!(
            r.text(status, true, " full "),
            change("full", Rule::Whitespace)
        );
        assert_eq!(
            r.text(status, true, "Full"),
            change("full", Rule::Vocabulary)
        );
        assert_eq!(r.text(status, true, "member"), change("", Rule::Unstated));
        assert!(matches!(r.text(status, true, "fulll"), Verdict::Left(_)));
        let country = node(&["member", "country"]);
        assert_eq!(
            r.text(country, false, "Belgium"),
            change("BE", Rule::Country)
        );
        assert_eq!(r.text(country, false, "BE"), Verdict::Keep);
        assert!(matches!(r.text(country, false, "Europe"), Verdict::Left(_)));
        let network = node(&["organization_id"]);
        assert_eq!(
            r.text(network, false, "Eurocities"),
            change("eurocities", Rule::Network)
        );
        assert_eq!(r.text(network, false, "eurocities"), Verdict::Keep);
        // A valid id that no catalogue knows is never changed, and a name no catalogue
        // knows gets no slug in a reference.
        assert_eq!(r.text(network, false, "c40"), Verdict::Keep);
        assert!(matches!(
            r.text(network, false, "Unknown Towns League"),
            Verdict::Left(_)
        ));
        let start = node(&["start_date"]);
        assert_eq!(r.text(start, true, "2015.0"), change("2015", Rule::Date));
        assert_eq!(
            r.text(start, true, "18/11/2016"),
            change("2016-11-18", Rule::Date)
        );
        let Verdict::Left(why) = r.text(start, true, "01/02/2015") else {
            panic!("an ambiguous date is left")
        };
        assert!(why.contains("--date-order"), "{why}");
        let dmy = ValueRules {
            date_order: Some(DateOrder::DayFirst),
            ..rules(&c)
        };
        assert_eq!(
            dmy.text(start, true, "01/02/2015"),
            change("2015-02-01", Rule::Date)
        );
    }
}
