vocabulary! {
    /// What kind of name an entry of `other_names` is.
    pub enum NameKind {
        /// The name the network uses for itself today, in English.
        Official = "official" {
            en: "Official name", nl: "Officiële naam", fr: "Nom officiel",
            aliases: ["official name", "current name"],
        },
        /// The network's own name in a language other than English.
        OwnLanguage = "own_language" {
            en: "Name in its own language", nl: "Naam in de eigen taal", fr: "Nom dans sa langue",
            aliases: ["native", "native name", "own-language name"],
        },
        /// A translation of the name used by others (the City of Ghent's Dutch name for it).
        Translation = "translation" {
            en: "Translation", nl: "Vertaling", fr: "Traduction",
            aliases: ["translated name"],
        },
        /// A name the network used before; `end_date` says until when, where known.
        Former = "former" {
            en: "Former name", nl: "Vroegere naam", fr: "Ancien nom",
            aliases: ["previous name", "old name", "formerly"],
        },
        /// A short form or common alternative spelling ("Polis Network", "Procura+").
        Short = "short" {
            en: "Short form", nl: "Korte vorm", fr: "Forme courte",
            aliases: ["alias", "short name", "abbreviation"],
        },
        /// A different organisation with a confusingly similar name, kept so that a lookup of
        /// that name explains rather than silently matches (Ghent's local "Klimaatverbond").
        Confusable = "confusable" {
            en: "Easily confused name", nl: "Verwarrende naam", fr: "Nom prêtant à confusion",
            aliases: ["not to be confused with"],
        },
    }
}
