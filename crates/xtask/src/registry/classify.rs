//! The registry's classification of a research network: scope and kind as the research read
//! them, policy areas and orientations as the registry reads the research, and the kind of
//! caveat each research conflict is.

use citynets::{Caveat, CaveatKind, Classification, Kind, Scope, Set};
use serde_json::Value;

use super::{Skip, alternatives, fact, list, parse_vocab, src};
use crate::import::{str_of, text, url, url_text};

/// The classifying values of a network, and on what they rest.
pub(super) struct Classified {
    pub policy_areas: Option<Set<citynets::PolicyArea, 24>>,
    pub orientations: Option<Set<citynets::Orientation, 5>>,
    pub basis: Option<Classification>,
}

/// Scope and kind as the research read them from the cited pages; policy areas and
/// orientations as the registry reads the research. A second reading that differs is named in
/// the basis; a national body gets a caveat.
pub(super) fn classify(
    e: &Value,
    skip: &Skip,
    caveats: &mut Vec<Caveat>,
) -> Result<(Classified, Option<Scope>, Option<Kind>), String> {
    let mut pages: Vec<String> = Vec::new();
    let mut cite = |s: &str| {
        let s = url_text(s);
        if !pages.contains(&s) {
            pages.push(s);
        }
    };
    let mut other_readings = Vec::new();
    let scope = match fact(e, "scope", skip) {
        Some(s) => {
            cite(src(s)?);
            let scope: Scope = parse_vocab("scope", str_of(s, "value")?)?;
            if scope == Scope::National {
                caveats.push(Caveat {
                    kind: CaveatKind::NotInternational,
                    note: text(
                        "A national body: the research reads its members as coming from one \
                         country.",
                    )?,
                    source: Some(url(src(s)?)?),
                });
            }
            Some(scope)
        }
        None => None,
    };
    for alt in alternatives(e, "scope", skip) {
        cite(src(alt)?);
        let v: Scope = parse_vocab("scope", str_of(alt, "value")?)?;
        if Some(v) != scope {
            other_readings.push(format!("the scope as {v}"));
        }
    }
    let kind = match fact(e, "kind", skip) {
        Some(k) => {
            cite(src(k)?);
            Some(parse_vocab::<Kind>("kind", str_of(k, "value")?)?)
        }
        None => None,
    };
    for alt in alternatives(e, "kind", skip) {
        cite(src(alt)?);
        let v: Kind = parse_vocab("kind", str_of(alt, "value")?)?;
        if Some(v) != kind {
            other_readings.push(format!("the kind as {v}"));
        }
    }
    let mut areas = Vec::new();
    if !skip.has("policy_areas", &e["policy_areas"]) {
        for a in e["policy_areas"].as_array().into_iter().flatten() {
            areas.push(parse_vocab("policy_areas", a.as_str().unwrap_or_default())?);
        }
    }
    let mut orientations = Vec::new();
    if !skip.has("orientations", &e["orientations"]) {
        for o in e["orientations"].as_array().into_iter().flatten() {
            orientations.push(parse_vocab("orientations", o.as_str().unwrap_or_default())?);
        }
    }
    let any = scope.is_some() || kind.is_some() || !areas.is_empty() || !orientations.is_empty();
    let basis = if any {
        let mut basis = String::from(
            "The registry's own reading, not a stated fact: scope and kind as the research read \
             them from the pages cited here, policy areas and orientations as the registry reads \
             that research.",
        );
        if !other_readings.is_empty() {
            basis.push_str(&format!(
                " A second reading of the research gives {}; the first is kept.",
                other_readings.join(" and ")
            ));
        }
        let mut cited = Vec::new();
        for p in &pages {
            cited.push(url(p)?);
        }
        Some(Classification {
            basis: text(&basis)?,
            sources: list("classification sources", cited)?,
        })
    } else {
        None
    };
    let set_of = |what: &str, e: citynets::ValueError| format!("{what}: {e}");
    Ok((
        Classified {
            policy_areas: if areas.is_empty() {
                None
            } else {
                Some(Set::new(areas).map_err(|e| set_of("policy_areas", e))?)
            },
            orientations: if orientations.is_empty() {
                None
            } else {
                Some(Set::new(orientations).map_err(|e| set_of("orientations", e))?)
            },
            basis,
        },
        scope,
        kind,
    ))
}

/// What kind of caveat a conflict of the research is, if it is one; `None` keeps it as a
/// remark. Only clear wording makes a caveat: two values set against each other ("1994 vs
/// 1992", "counts vary"), a confusable name, members that are not cities. Every other note
/// (a gap, a history, a reading) stays a remark, where it is still recorded.
pub(super) fn conflict_kind(c: &str) -> Option<CaveatKind> {
    let l = c.to_lowercase();
    let any = |words: &[&str]| words.iter().any(|w| l.contains(w));
    if any(&["not to be confused", "collides"]) {
        Some(CaveatKind::NameCollision)
    } else if any(&["not municipalities", "not cities"]) {
        Some(CaveatKind::NotANetwork)
    } else if any(&[
        " vs ", " vs. ", " differ ", " differ:", " differ.", " differs", "disagree", " vary",
        "varies", "while ", "whereas",
    ]) {
        Some(CaveatKind::SourcesDisagree)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conflicts_that_set_sources_against_each_other_are_caveats() {
        assert_eq!(
            conflict_kind("Founding: 1994 (CAE's own page) vs 1992 (project partner page)."),
            Some(CaveatKind::SourcesDisagree)
        );
        assert_eq!(
            conflict_kind("Acronym ICC collides with the Intercultural Cities programme's ICC."),
            Some(CaveatKind::NameCollision)
        );
        assert_eq!(
            conflict_kind("No founding year found on the stored pages."),
            None
        );
        assert_eq!(
            conflict_kind("Secretariat is shared by three organisations in different cities."),
            None
        );
        // A gap the research notes is a remark, even when it names two things.
        assert_eq!(
            conflict_kind("No secretariat city or member count found in the stored pages."),
            None
        );
        assert_eq!(
            conflict_kind("Members are elected women and national chapters, not municipalities."),
            Some(CaveatKind::NotANetwork)
        );
    }
}
