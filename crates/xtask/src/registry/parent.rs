//! The research's parent organisation, written as free text ("uclg (African section)",
//! "European Commission (DG GROW)", "gcom (successor, 2016)"), read into the model's `Parent`.

use citynets::{NetworkId, Parent, Relation, Remark};

use super::NameIndex;
use crate::import::{text, url};

/// How the research's parent text reads.
pub(super) enum ParentReading {
    /// An organisation the network belongs to, is run by or came out of.
    Parent(Parent),
    /// The research names the network's successor where a parent would be: a remark.
    Successor(Remark),
}

/// Reads the research's free-text parent ("uclg (African section)", "European Commission
/// (DG GROW)", "gcom (successor, 2016)"): the organisation's name, with its id when it is in
/// the registry, and the relation from the words of the remark.
pub(super) fn read_parent(
    value: &str,
    source: &str,
    index: &NameIndex,
    own_id: &NetworkId,
) -> Result<ParentReading, String> {
    let (head, remark) = split_parent(value);
    let remark_l = remark.to_lowercase();
    // The organisation as a whole, or its name or acronym when it is written "Name (ACR)".
    let (outer, bracket) = match head.split_once(" (") {
        Some((o, b)) => (o, b.strip_suffix(')')),
        None => (head.as_str(), None),
    };
    let organization_id = [Some(head.as_str()), Some(outer), bracket]
        .into_iter()
        .flatten()
        .find_map(|t| index.resolve(t))
        .filter(|id| *id != own_id.as_str());
    // The research sometimes names a registry network by its id ("c40 and uclg"): write the
    // network's name instead.
    let name = head
        .split(" and ")
        .map(|p| match index.ids.get(p.trim()) {
            Some(id) => index.display_name(id),
            None => p.trim().to_owned(),
        })
        .collect::<Vec<_>>()
        .join(" and ");
    let start = remark_l
        .split("since ")
        .nth(1)
        .and_then(|s| s.get(0..4))
        .filter(|y| y.bytes().all(|b| b.is_ascii_digit()))
        .map(str::to_owned);
    let has = |words: &[&str]| words.iter().any(|w| remark_l.contains(w));
    if has(&["successor"]) && !has(&["predecessor"]) {
        let year = remark_l
            .split(|c: char| !c.is_ascii_digit())
            .find(|w| w.len() == 4);
        let who = match organization_id {
            Some(id) => format!("{name} ({id})"),
            None => name.clone(),
        };
        let note = match year {
            Some(y) => format!("Succeeded by {who} in {y}."),
            None => format!("Succeeded by {who}."),
        };
        return Ok(ParentReading::Successor(Remark {
            note: text(&note)?,
            date: year
                .map(|y| y.parse())
                .transpose()
                .map_err(|e: citynets::ValueError| format!("parent: {e}"))?,
            source: Some(url(source)?),
        }));
    }
    let relation = if has(&["predecessor"]) {
        Relation::SuccessorOf
    } else if has(&[
        "regional section",
        "african section",
        "european section",
        "representation in the region",
    ]) {
        Relation::RegionalChapterOf
    } else if has(&[
        "section",
        "member",
        "operator",
        "associated",
        "attached",
        "adscribed",
    ]) || head.to_lowercase().contains("cultural routes programme")
    {
        Relation::PartOf
    } else if has(&["initiator", "founding", "original"]) {
        Relation::SuccessorOf
    } else {
        Relation::CoordinatedBy
    };
    Ok(ParentReading::Parent(Parent {
        organization_id: organization_id
            .map(|id| {
                id.parse()
                    .map_err(|e: citynets::ValueError| format!("parent: {e}"))
            })
            .transpose()?,
        name: text(&name).map_err(|e| format!("parent: {e}"))?,
        relation,
        start_date: start
            .map(|y| y.parse())
            .transpose()
            .map_err(|e: citynets::ValueError| format!("parent: {e}"))?,
        source: url(source)?,
    }))
}

/// Splits the research's parent text into the organisation and the remark about it: a bracket
/// that reads as a remark (lower case, or a sentence: "CEMR is UCLG's European section"), a
/// dash, or a clause after a comma that starts in lower case ("…, formerly ICSID"). Brackets
/// that hold an acronym or a longer name stay with the organisation.
fn split_parent(value: &str) -> (String, String) {
    let mut head = String::new();
    let mut rest = value;
    loop {
        let cut_dash = rest.find(" — ");
        let cut_comma = rest
            .match_indices(", ")
            .find(|(i, _)| rest[i + 2..].chars().next().is_some_and(char::is_lowercase))
            .map(|(i, _)| i);
        let bracket = rest.find(" (");
        let first_cut = [cut_dash, cut_comma].into_iter().flatten().min();
        match bracket {
            Some(b) if first_cut.is_none_or(|c| b < c) => {
                let inner_start = b + 2;
                let close = rest[inner_start..]
                    .find(')')
                    .map_or(rest.len(), |c| inner_start + c);
                let inner = &rest[inner_start..close];
                let is_remark = inner.chars().next().is_some_and(char::is_lowercase)
                    || [
                        " is ",
                        " are ",
                        " manages ",
                        " leads ",
                        " hosts ",
                        "section",
                        "since ",
                    ]
                    .iter()
                    .any(|w| inner.contains(w));
                if is_remark {
                    head.push_str(&rest[..b]);
                    let remark = format!("{inner}{}", rest.get(close + 1..).unwrap_or_default());
                    return (head.trim().to_owned(), remark.trim().to_owned());
                }
                let end = (close + 1).min(rest.len());
                head.push_str(&rest[..end]);
                rest = &rest[end..];
            }
            _ => match first_cut {
                Some(c) => {
                    head.push_str(&rest[..c]);
                    let remark = rest[c..].trim_start_matches([',', ' ', '—']);
                    return (head.trim().to_owned(), remark.to_owned());
                }
                None => {
                    head.push_str(rest);
                    return (head.trim().to_owned(), String::new());
                }
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parent_texts_split_into_organisation_and_remark() {
        let cases = [
            ("uclg (African section)", "uclg", "African section"),
            (
                "World Tourism Organization (UNWTO / UN Tourism)",
                "World Tourism Organization (UNWTO / UN Tourism)",
                "",
            ),
            (
                "Urban Sustainability Directors Network (USDN), originally a project of it",
                "Urban Sustainability Directors Network (USDN)",
                "originally a project of it",
            ),
            (
                "Secretaría General Iberoamericana (SEGIB) — attached programme since 2003",
                "Secretaría General Iberoamericana (SEGIB)",
                "attached programme since 2003",
            ),
            (
                "cemr (FEMP is CEMR's Spanish section)",
                "cemr",
                "FEMP is CEMR's Spanish section",
            ),
            (
                "European Commission, Horizon Europe",
                "European Commission, Horizon Europe",
                "",
            ),
        ];
        for (text, head, remark) in cases {
            let (h, r) = split_parent(text);
            assert_eq!((h.as_str(), r.as_str()), (head, remark), "{text}");
        }
    }
}
