//! The words of network names that do not tell one network from another: stop words, set
//! aside, and generic words, kept but never enough alone. The rules that use them are in
//! `resolve.rs`.

/// Words set aside on both sides of a comparison: articles, prepositions and conjunctions in
/// five languages, the words for network and association, and legal forms.
#[rustfmt::skip]
pub(crate) const STOP: &[&str] = &[
    // English, and the words for network and association, and legal forms
    "a", "an", "and", "at", "by", "for", "from", "in", "into", "of", "on", "or", "the", "to",
    "with", "its", "network", "networks", "association", "associations", "asbl", "aisbl", "vzw",
    "ivzw", "ev", "gmbh", "inc", "ltd",
    // Dutch
    "de", "het", "een", "van", "voor", "en", "op", "met", "te", "tot", "bij", "netwerk",
    "netwerken", "vereniging",
    // French
    "du", "des", "la", "le", "les", "et", "pour", "un", "une", "au", "aux", "sur", "dans", "par",
    "reseau", "reseaux",
    // German
    "der", "die", "das", "den", "dem", "und", "fur", "mit", "von", "zu", "im", "ein", "eine",
    "netzwerk", "verein",
    // Spanish
    "el", "los", "las", "del", "y", "para", "por", "con",
];

/// Words that stay in names but never name a network alone: places and bodies, what a
/// spreadsheet cell holds instead of a name, and topics.
#[rustfmt::skip]
pub(crate) const GENERIC: &[&str] = &[
    // places and bodies
    "city", "cities", "town", "towns", "stad", "steden", "ville", "villes", "stadt", "stadte",
    "ciudad", "ciudades", "citta", "municipal", "municipality", "municipalities", "gemeente",
    "gemeenten", "gemeentelijke", "commune", "communes", "gemeinde", "gemeinden", "local",
    "locale", "locales", "lokaal", "lokale", "urban", "urbain", "urbaine", "stedelijk", "region",
    "regions", "regional", "european", "europe", "europees", "europese", "europeen",
    "europeenne", "europeennes", "europeens", "europaisch", "europaische", "europaischen",
    "europea", "europeas", "europeo", "europeos", "international", "internationale",
    "internationaal", "internacional", "global", "world", "worldwide", "mondial", "mondiale",
    "member", "members", "membership", "membre", "membres", "lid", "leden", "mitglied",
    "mitglieder", "miembro", "miembros", "group", "groep", "groupe", "gruppe", "organisation",
    "organization", "organisatie", "council", "raad", "conseil", "community", "forum",
    "platform", "plateforme", "initiative", "initiatief", "programme", "program", "programma",
    "partnership", "partners", "partner", "coalition", "coalitie", "union", "unie", "federation",
    "foundation", "stichting", "fondation", "stiftung", "fundacion", "centre", "center",
    "centrum", "project", "projects", "campaign", "committee", "office", "united", "nations",
    // what a cell holds instead of a name
    "yes", "no", "ja", "nee", "oui", "non", "si", "true", "false", "none", "null", "unknown",
    "other", "others", "total",
    // topics
    "climate", "climat", "klimaat", "klima", "clima", "energy", "energie", "social", "sociaal",
    "sociale", "sozial", "culture", "cultuur", "kultur", "cultura", "tourism", "toerisme",
    "tourisme", "tourismus", "turismo", "mobility", "mobiliteit", "mobilite", "mobilitat",
    "transport", "transports", "vervoer", "food", "voeding", "voedsel", "alimentation", "health",
    "gezondheid", "sante", "peace", "vrede", "paix", "frieden", "paz", "education", "onderwijs",
    "economy", "economie", "environment", "milieu", "umwelt", "sustainability", "sustainable",
    "duurzaam", "duurzaamheid", "durable", "durabilite", "nachhaltig", "safety", "security",
    "veiligheid", "digital", "digitaal", "numerique", "smart", "innovation", "innovatie",
    "youth", "jeugd", "jeunesse", "children", "kinderen", "ageing", "aging", "ouderen", "music",
    "muziek", "musique", "musik", "equality", "diversity", "heritage", "erfgoed", "housing",
    "wonen", "welfare", "welzijn", "democracy", "democratie", "participation", "integration",
    "migration", "policy", "beleid", "politique", "change",
];

/// Whether a folded word is set aside: a stop word or a single character.
fn is_stop(word: &str) -> bool {
    word.chars().nth(1).is_none() || STOP.contains(&word)
}

/// The words of [`GENERIC`] that name places and bodies ("cities", "town", "group"), the only
/// words that may stand beside a network's acronym without changing what the text names
/// ("C40 Cities"); a topic, a cell value, a short word or a number may not ("Climate change",
/// "No C40").
pub(crate) fn is_body_word(word: &str) -> bool {
    let end = GENERIC
        .iter()
        .position(|w| *w == "office")
        .map_or(0, |i| i + 1);
    word.chars().nth(2).is_some() && GENERIC[..end].contains(&word)
}

/// Whether a folded word is generic: one of [`GENERIC`], two letters or fewer, or a number.
pub(crate) fn is_weak(word: &str) -> bool {
    word.chars().nth(2).is_none()
        || word.bytes().all(|b| b.is_ascii_digit())
        || GENERIC.contains(&word)
}

/// The words of folded text that count, stop words and one-letter words set aside.
pub(crate) fn content(folded: &str) -> Vec<&str> {
    folded.split(' ').filter(|w| !is_stop(w)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fold::fold;

    #[test]
    fn word_lists_are_folded_and_apart() {
        for w in STOP.iter().chain(GENERIC) {
            assert_eq!(fold(w), *w, "{w} is not folded");
        }
        for w in STOP {
            assert!(!GENERIC.contains(w), "{w} is in both lists");
        }
    }
}
