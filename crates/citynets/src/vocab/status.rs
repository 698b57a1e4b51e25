vocabulary! {
    /// The standing of a member in a network. Networks name their grades differently; these are
    /// the grades found in the research on Ghent's networks and in research datasets.
    pub enum Status {
        /// A full, voting member. No source states this grade for Ghent; kept for third-party lists
        /// and research datasets, where it is the usual grade.
        Full = "full" {
            en: "Full member", nl: "Volwaardig lid", fr: "Membre à part entière",
            aliases: ["voting member", "ordinary member"],
        },
        /// An associate member: part of the network with fewer rights. Kept for networks that admit
        /// associates (Polis, LUCI) and for research datasets that record them.
        Associate = "associate" {
            en: "Associate member", nl: "Geassocieerd lid", fr: "Membre associé",
            aliases: ["associated", "associated member"],
        },
        /// An affiliate member, often a body that is not itself a city (ISSA: the City of Ghent's
        /// childcare department).
        Affiliate = "affiliate" {
            en: "Affiliate member", nl: "Aangesloten lid", fr: "Membre affilié",
            aliases: ["affiliated", "affiliate member"],
        },
        /// An observer without a vote. Kept for research datasets: it is grade 1 of the quentin.city
        /// climate-network dataset.
        Observer = "observer" {
            en: "Observer", nl: "Waarnemer", fr: "Observateur",
            aliases: ["waarnemend lid"],
        },
        /// A member with more rights than a full member. Kept for research datasets: it is grade 3 of
        /// the quentin.city climate-network dataset.
        Privileged = "privileged" {
            en: "Privileged member", nl: "Bevoorrecht lid", fr: "Membre privilégié",
            aliases: ["privileged member"],
        },
        /// A city that signed a pledge or pact (Covenant of Mayors, Milan Urban Food Policy Pact).
        Signatory = "signatory" {
            en: "Signatory", nl: "Ondertekenaar", fr: "Signataire",
            aliases: ["signed", "ondertekend"],
        },
        /// A city designated by the network's owner (a UNESCO Creative City).
        Designated = "designated" {
            en: "Designated", nl: "Aangeduid", fr: "Désigné",
            aliases: ["designation", "title holder", "erkend"],
        },
        /// A partner of a network run as a partnership (RUAF's Global Partnership).
        Partner = "partner" {
            en: "Partner", nl: "Partner", fr: "Partenaire",
            aliases: ["partnership member"],
        },
        /// A participant in a programme or campaign that has no formal membership (Procura+,
        /// Civitas projects, the democracy incubator).
        Participant = "participant" {
            en: "Participant", nl: "Deelnemer", fr: "Participant",
            aliases: ["deelnemer", "participating city"],
        },
        /// A finalist or winner of an award whose network is made of its finalists (European Green
        /// Capital Network).
        Finalist = "finalist" {
            en: "Finalist", nl: "Finalist", fr: "Finaliste",
            aliases: ["laureate", "award finalist", "shortlisted city"],
        },
    }
    unstated: [
        "member", "members", "yes", "y", "x", "lid", "membre", "miembro", "mitglied", "membro",
        "ja", "oui", "si", "true", "1", "active", "current member", "active member",
        "medlem", "jasen", "czlonek", "actief lid", "membre actif", "aktives mitglied",
    ]
}
