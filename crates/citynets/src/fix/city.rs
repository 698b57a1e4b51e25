//! A member's city fixed with the gazetteer: its identity (`geonames_id`) written where the
//! city, read with its country, is one place; its name written in the form asked
//! ([`CityNames`]), with what was written kept in the member's `name`.
//!
//! The same decision for a table's row and a JSON record: each reader gives the member's
//! fields as it holds them after their values were fixed (the country is a code by then),
//! applies the [`CityEdit`] and logs it.
//!
//! - An identity already written is kept (a value the schema accepts is never changed) and
//!   gives the name forms, when it is a place of the member's country; one of another country
//!   is left with a note.
//! - A city in several places of its country is left, with the places listed, so that a person
//!   can write the `geonames_id` that says which. One that outweighs its namesakes (step 3 of
//!   the rules in `gazetteer`) is written, and the log's note says how many there are.
//! - A city the gazetteer does not know (most often a town under 5,000 inhabitants), or one it
//!   knows only in another country (which the validator's `city_country_mismatch` reports),
//!   is left as it is, silently: `fix` asserts nothing it does not know.
//! - The city's name is rewritten only for a member of kind `city` (another kind's `name` is
//!   its own, not the city's), and only when what was written is kept: moved to a free `name`,
//!   or already there, or, for a member whose `geonames_id` is written, the city already one of
//!   its place's forms (a file fixed with `english`, fixed again with `local`). A `name` that holds another text leaves the city as written, with a note. A
//!   difference of case or accents only is no reason to rewrite.

use std::io;

use serde_json::{Map, Value};

use super::Rule;
use crate::gazetteer::{CityMatch, CityNames, Place, place, resolve_in};

/// A member's fields as a record holds them.
#[derive(Debug, Clone, Copy)]
pub(crate) struct MemberFields<'a> {
    pub kind: Option<&'a str>,
    pub city: &'a str,
    pub country: &'a str,
    /// The member's name; `Some("")` or spaces when it is empty, and a name that is not text
    /// (a number in JSON) is given as [`NOT_TEXT`].
    pub name: Option<&'a str>,
    pub geonames_id: Option<&'a str>,
}

/// What [`MemberFields::name`] holds for a name that is not text.
pub(crate) const NOT_TEXT: &str = "(a value that is not text)";

/// At most this many places are listed in the note of an ambiguous city.
const LISTED: usize = 5;

/// What becomes of a member's city.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct CityEdit {
    /// The identity to write, with the note that says where it comes from.
    pub geonames_id: Option<(u32, String)>,
    /// The city's name in the form asked.
    pub city: Option<&'static str>,
    /// What was written as the city, kept in the member's `name`.
    pub name: Option<String>,
    /// Why the city was left as it is, when a person can settle it.
    pub left: Option<String>,
}

/// The edit of a member's city (see the module documentation).
pub(crate) fn edit(m: MemberFields<'_>, form: CityNames) -> CityEdit {
    let mut out = CityEdit::default();
    let city = m.city.trim();
    if city.is_empty() || !crate::countries::is_assigned(m.country.as_bytes()) {
        return out;
    }
    let written_id = m.geonames_id.map(str::trim).filter(|s| !s.is_empty());
    let found: Option<Place> = match written_id {
        Some(id) => match id.parse().ok().and_then(place) {
            Some(p) if p.country == m.country => Some(p),
            Some(p) => {
                if form != CityNames::AsWritten {
                    out.left = Some(format!(
                        "the member's geonames_id {id} is {} in {}, not a place of {}: the city is left as written",
                        p.english, p.country, m.country
                    ));
                }
                None
            }
            None => None,
        },
        None => match resolve_in(city, Some(m.country)) {
            CityMatch::Found {
                place, namesakes, ..
            } => {
                let besides = match namesakes {
                    0 => String::new(),
                    n => format!(
                        ", the largest of {} places of that name in {} (ten times the others or more)",
                        n + 1,
                        m.country
                    ),
                };
                out.geonames_id = Some((
                    place.geonames_id,
                    format!(
                        "\"{city}\" in {} is GeoNames {} ({}{besides})",
                        m.country, place.geonames_id, place.english
                    ),
                ));
                Some(place)
            }
            CityMatch::Ambiguous(places) => {
                let mut listed: Vec<String> = places
                    .iter()
                    .take(LISTED)
                    .map(|p| {
                        format!(
                            "{} in {} ({}, {} inhabitants)",
                            p.english, p.country, p.geonames_id, p.population
                        )
                    })
                    .collect();
                if places.len() > LISTED {
                    listed.push(format!("and {} more", places.len() - LISTED));
                }
                out.left = Some(format!(
                    "\"{city}\" in {} could be several places: {}; write the geonames_id of the one meant",
                    m.country,
                    listed.join(", ")
                ));
                None
            }
            CityMatch::Elsewhere(_) | CityMatch::Unknown => None,
        },
    };
    let Some(place) = found else {
        return out;
    };
    let Some(target) = place.name_in(form) else {
        return out;
    };
    let is_city = m
        .kind
        .is_some_and(|k| k.trim().eq_ignore_ascii_case("city"));
    if !is_city || crate::fold::fold(target) == crate::fold::fold(city) {
        return out;
    }
    // An identified city already in one of its place's forms (a file fixed before, in another
    // form): the id keeps that form, and the name what was written first, if anything.
    let a_form = written_id.is_some() && [place.name, place.english, place.local].contains(&city);
    match m.name.map(str::trim).filter(|n| !n.is_empty()) {
        None if a_form => out.city = Some(target),
        None => {
            out.city = Some(target);
            out.name = Some(city.to_owned());
        }
        Some(name) if name == city || a_form => out.city = Some(target),
        Some(name) => {
            out.left = Some(format!(
                "the {} name is \"{target}\", but the member's name already holds \"{name}\": the city is left as written so that nothing written is lost",
                form_words(form)
            ));
        }
    }
    out
}

/// A field of a member that [`edit`] writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Field {
    City,
    Name,
    GeonamesId,
}

impl Field {
    /// The field's key within the member.
    pub(crate) fn key(self) -> &'static str {
        match self {
            Field::City => "city",
            Field::Name => "name",
            Field::GeonamesId => "geonames_id",
        }
    }
}

/// One change [`CityEdit::changes`] makes, to be applied and logged by the reader.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Edited {
    pub field: Field,
    /// What to write; `None` for a value left as it is (with the note that says why).
    pub after: Option<String>,
    pub rule: Rule,
    pub note: String,
}

impl CityEdit {
    /// The edit as changes, in the order they are made and logged: the identity, the name
    /// kept, the city rewritten, or the city left.
    pub(crate) fn changes(self, form: CityNames) -> Vec<Edited> {
        let mut out = Vec::new();
        if let Some((id, note)) = self.geonames_id {
            out.push(Edited {
                field: Field::GeonamesId,
                after: Some(id.to_string()),
                rule: Rule::City,
                note,
            });
        }
        if let Some(name) = self.name {
            out.push(Edited {
                field: Field::Name,
                after: Some(name),
                rule: Rule::CityName,
                note: "what was written as the city".into(),
            });
        }
        if let Some(city) = self.city {
            out.push(Edited {
                field: Field::City,
                after: Some(city.to_owned()),
                rule: Rule::CityName,
                note: format!("the {} name", form_words(form)),
            });
        }
        if let Some(why) = self.left {
            out.push(Edited {
                field: Field::City,
                after: None,
                rule: Rule::Left,
                note: why,
            });
        }
        out
    }
}

/// How a note names a form of names.
fn form_words(form: CityNames) -> &'static str {
    match form {
        CityNames::AsWritten => "written",
        CityNames::English => "English",
        CityNames::Local => "local",
    }
}

/// The columns of a table of memberships that [`edit`] reads and writes: where they are, and
/// which are added at the end of each row (`member.geonames_id` when the table has none;
/// `member.name` too when names are rewritten and the table has none).
#[derive(Debug, Clone)]
pub(crate) struct TableColumns {
    kind: Option<usize>,
    city: usize,
    country: usize,
    name: usize,
    geonames_id: usize,
    /// The number of columns of the input's header: where added cells go.
    width: usize,
    /// The names of the columns added, in order.
    pub added: Vec<&'static str>,
    form: CityNames,
}

impl TableColumns {
    /// The columns of `header` (as written out) for a table of memberships with a city and a
    /// country column; `None` otherwise.
    pub(crate) fn new(header: &[String], form: CityNames) -> Option<TableColumns> {
        let at = |n: &str| header.iter().position(|h| h == n);
        let (city, country) = (at("member.city")?, at("member.country")?);
        let width = header.len();
        let mut added = Vec::new();
        let mut add = |n: &'static str| {
            added.push(n);
            width + added.len() - 1
        };
        let geonames_id = at("member.geonames_id").unwrap_or_else(|| add("member.geonames_id"));
        let name = match at("member.name") {
            Some(i) => i,
            None if form != CityNames::AsWritten => add("member.name"),
            // Never written: names are not rewritten.
            None => usize::MAX,
        };
        Some(TableColumns {
            kind: at("member.kind"),
            city,
            country,
            name,
            geonames_id,
            width,
            added,
            form,
        })
    }

    /// Edits one row's cells (their values fixed already), adding the added columns' cells;
    /// gives `log` each change with the index of its column and the cell's text before it.
    pub(crate) fn apply(
        &self,
        cells: &mut Vec<String>,
        log: &mut dyn FnMut(usize, String, &Edited) -> io::Result<()>,
    ) -> io::Result<()> {
        if !self.added.is_empty() {
            if cells.len() < self.width {
                cells.resize(self.width, String::new());
            }
            for i in 0..self.added.len() {
                cells.insert(self.width + i, String::new());
            }
        }
        let get = |i: usize| cells.get(i).map(String::as_str);
        let e = edit(
            MemberFields {
                kind: self.kind.and_then(get),
                city: get(self.city).unwrap_or_default(),
                country: get(self.country).unwrap_or_default().trim(),
                name: get(self.name),
                geonames_id: get(self.geonames_id),
            },
            self.form,
        );
        for change in e.changes(self.form) {
            let i = match change.field {
                Field::City => self.city,
                Field::Name => self.name,
                Field::GeonamesId => self.geonames_id,
            };
            // A short row (fewer cells than the header) is filled out to the cell written.
            if change.after.is_some() && cells.len() <= i {
                cells.resize(i + 1, String::new());
            }
            let Some(cell) = cells.get_mut(i) else {
                continue;
            };
            let before = match &change.after {
                Some(after) => std::mem::replace(cell, after.clone()),
                None => cell.clone(),
            };
            log(i, before, &change)?;
        }
        Ok(())
    }
}

/// Edits the member object of a JSON record (fields already fixed) in place; gives `log`
/// each change with the value before it. The key order is kept; an added `geonames_id` comes
/// after `country`, an added `name` at the end.
pub(crate) fn apply_json(
    member: &mut Map<String, Value>,
    form: CityNames,
    log: &mut dyn FnMut(String, &Edited) -> io::Result<()>,
) -> io::Result<()> {
    let text = |k: &str| member.get(k).and_then(Value::as_str);
    let written_id = member.get("geonames_id").map(|v| match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    });
    let (Some(city), Some(country)) = (text("city"), text("country")) else {
        return Ok(());
    };
    let name = match member.get("name") {
        None => None,
        Some(Value::String(n)) => Some(n.as_str()),
        Some(_) => Some(NOT_TEXT),
    };
    let e = edit(
        MemberFields {
            kind: text("kind"),
            city,
            country,
            name,
            geonames_id: written_id.as_deref(),
        },
        form,
    );
    for change in e.changes(form) {
        let key = change.field.key();
        let before = member
            .get(key)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned();
        match (&change.after, change.field) {
            (None, _) => {}
            (Some(id), Field::GeonamesId) => {
                let value = id
                    .parse::<u32>()
                    .map_or_else(|_| Value::from(id.as_str()), Value::from);
                if let Some(v) = member.get_mut(key) {
                    // Written empty before: filled where it is.
                    *v = value;
                } else {
                    let at = member
                        .keys()
                        .position(|k| k == "country")
                        .map_or(member.len(), |i| i + 1);
                    member.shift_insert(at, key.to_owned(), value);
                }
            }
            (Some(text), _) => {
                member.insert(key.to_owned(), Value::String(text.clone()));
            }
        }
        log(before, &change)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn member<'a>(city: &'a str, country: &'a str) -> MemberFields<'a> {
        MemberFields {
            kind: Some("city"),
            city,
            country,
            name: None,
            geonames_id: None,
        }
    }

    #[test]
    fn the_identity_is_written_and_the_name_only_when_asked() {
        let e = edit(member("Stad Gent", "BE"), CityNames::AsWritten);
        assert_eq!(e.geonames_id.map(|(id, _)| id), Some(2797656));
        assert_eq!((e.city, e.name), (None, None));

        let e = edit(member("Stad Gent", "BE"), CityNames::English);
        assert_eq!(e.city, Some("Ghent"));
        assert_eq!(e.name.as_deref(), Some("Stad Gent"));

        let e = edit(member("Genf", "CH"), CityNames::Local);
        assert_eq!(e.city, Some("Genève"));
    }

    #[test]
    fn what_is_written_is_never_lost_nor_overwritten() {
        let e = edit(
            MemberFields {
                name: Some("Municipality of Ghent"),
                ..member("Gent", "BE")
            },
            CityNames::English,
        );
        assert_eq!(e.city, None);
        assert!(e.left.is_some_and(|l| l.contains("Municipality of Ghent")));
        // A written identity is kept, and gives the name.
        let e = edit(
            MemberFields {
                geonames_id: Some("2761369"),
                ..member("Wenen", "AT")
            },
            CityNames::Local,
        );
        assert_eq!(e.geonames_id, None);
        assert_eq!(e.city, Some("Wien"));
    }

    #[test]
    fn only_a_city_member_is_renamed_and_only_for_more_than_case() {
        let department = MemberFields {
            kind: Some("department"),
            ..member("Gent", "BE")
        };
        let e = edit(department, CityNames::English);
        assert_eq!(e.geonames_id.map(|(id, _)| id), Some(2797656));
        assert_eq!((e.city, e.name), (None, None));
        let e = edit(member("GENT", "BE"), CityNames::Local);
        assert_eq!((e.city, e.name), (None, None));
        // From one form to another: what was written is in the name already.
        let e = edit(
            MemberFields {
                name: Some("Stad Gent"),
                geonames_id: Some("2797656"),
                ..member("Ghent", "BE")
            },
            CityNames::Local,
        );
        assert_eq!((e.city, e.name, e.left), (Some("Gent"), None, None));
    }

    #[test]
    fn a_written_identity_of_another_country_is_not_trusted() {
        let e = edit(
            MemberFields {
                geonames_id: Some("2761369"),
                ..member("Berlin", "DE")
            },
            CityNames::English,
        );
        assert_eq!((e.city, e.geonames_id), (None, None));
        assert!(e.left.is_some_and(|l| l.contains("Vienna in AT")));
    }

    #[test]
    fn an_empty_identity_in_json_is_filled_where_it_is() {
        let mut member: Map<String, Value> = serde_json::from_str(
            r#"{"kind":"city","city":"Gent","geonames_id":"","country":"BE"}"#,
        )
        .unwrap_or_default();
        let mut logged = 0;
        apply_json(&mut member, CityNames::AsWritten, &mut |_, _| {
            logged += 1;
            Ok(())
        })
        .ok();
        assert_eq!(logged, 1);
        let keys: Vec<&str> = member.keys().map(String::as_str).collect();
        assert_eq!(keys, ["kind", "city", "geonames_id", "country"]);
        assert_eq!(member["geonames_id"], 2797656);
    }

    #[test]
    fn what_is_not_certain_is_left() {
        let e = edit(member("Hamm", "DE"), CityNames::English);
        assert_eq!((e.geonames_id, e.city), (None, None));
        assert!(
            e.left
                .is_some_and(|l| l.contains("2911240") && l.contains("178967 inhabitants"))
        );
        // A village's alternate name in one country, a large city's own in another.
        let e = edit(member("Gent", "NL"), CityNames::English);
        assert_eq!((e.geonames_id, e.city), (None, None));
        assert!(e.left.is_some_and(|l| l.contains("Ghent in BE")));
        assert_eq!(
            edit(member("Wien", "DE"), CityNames::English),
            CityEdit::default()
        );
        assert_eq!(
            edit(member("Kleindorf", "DE"), CityNames::English),
            CityEdit::default()
        );
        assert_eq!(
            edit(member("Gent", "Belgium"), CityNames::English),
            CityEdit::default()
        );
    }
}
