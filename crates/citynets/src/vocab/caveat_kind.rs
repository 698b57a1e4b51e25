vocabulary! {
    /// What kind of caveat an analyst should know before using an entry.
    pub enum CaveatKind {
        /// The entry is not a network of cities in the usual sense (a legal form, an informal
        /// group of practitioners).
        NotANetwork = "not_a_network" {
            en: "Not a network of cities", nl: "Geen stedennetwerk", fr: "Pas un réseau de villes",
            aliases: ["not a network"],
        },
        /// The entry is a national body rather than an international network.
        NotInternational = "not_international" {
            en: "Not international", nl: "Niet internationaal", fr: "Pas international",
            aliases: ["national"],
        },
        /// The network's own sources do not confirm the City's membership.
        MembershipUnconfirmed = "membership_unconfirmed" {
            en: "Membership not confirmed", nl: "Lidmaatschap niet bevestigd", fr: "Adhésion non confirmée",
            aliases: ["unconfirmed"],
        },
        /// No trace of the entry was found outside the City's own pages.
        NoTrace = "no_trace" {
            en: "No independent trace", nl: "Geen onafhankelijk spoor", fr: "Aucune trace indépendante",
            aliases: ["not found"],
        },
        /// The City's page gives a name that differs from the network's own (an old name, a
        /// different expansion of the acronym).
        NameDiffers = "name_differs" {
            en: "Name differs from the network's own", nl: "Naam wijkt af", fr: "Le nom diffère",
            aliases: ["outdated name", "name mismatch"],
        },
        /// Another organisation has a similar name and is easily taken for this one.
        NameCollision = "name_collision" {
            en: "Easily confused with another organisation", nl: "Verwarring met een andere organisatie mogelijk", fr: "Confusion possible avec une autre organisation",
            aliases: ["confusable"],
        },
        /// The entry is part of another entry of the same list, so the list counts it twice.
        ListedTwice = "listed_twice" {
            en: "Counted twice in the list", nl: "Dubbel geteld in de lijst", fr: "Compté deux fois",
            aliases: ["double count", "duplicate"],
        },
        /// Sources disagree on a value; the alternatives are kept beside the chosen one.
        SourcesDisagree = "sources_disagree" {
            en: "Sources disagree", nl: "Bronnen spreken elkaar tegen", fr: "Les sources divergent",
            aliases: ["conflict", "conflicting sources"],
        },
        /// Figures on the City's pages are older than the network's own.
        Outdated = "outdated" {
            en: "Outdated figures", nl: "Verouderde cijfers", fr: "Chiffres dépassés",
            aliases: ["stale"],
        },
    }
}
