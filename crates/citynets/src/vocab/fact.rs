vocabulary! {
    /// A field of a record that a [`Source`](crate::Source) supports. Facts kept in lists
    /// (member counts, other names, roles, alternatives) carry their own `source` instead.
    pub enum Fact {
        /// The name as the city gives it.
        Name = "name" {
            en: "Name", nl: "Naam", fr: "Nom",
        },
        /// The acronym.
        Acronym = "acronym" {
            en: "Acronym", nl: "Afkorting", fr: "Sigle",
        },
        /// The network's website.
        Website = "website" {
            en: "Website", nl: "Website", fr: "Site web",
            aliases: ["url", "homepage"],
        },
        /// When the network was founded.
        FoundingDate = "founding_date" {
            en: "Founding date", nl: "Oprichtingsdatum", fr: "Date de fondation",
            aliases: ["founded", "year founded"],
        },
        /// When the network ended. None of Ghent's networks has ended; kept for third-party lists.
        DissolutionDate = "dissolution_date" {
            en: "Dissolution date", nl: "Datum van opheffing", fr: "Date de dissolution",
        },
        /// Where the secretariat is.
        Secretariat = "secretariat" {
            en: "Secretariat", nl: "Secretariaat", fr: "Secrétariat",
            aliases: ["seat", "headquarters", "hq"],
        },
        /// Who holds the membership.
        Member = "member" {
            en: "Member", nl: "Lid", fr: "Membre",
        },
        /// The membership's status.
        Status = "status" {
            en: "Status", nl: "Status", fr: "Statut",
        },
        /// When the membership started.
        StartDate = "start_date" {
            en: "Start date", nl: "Begindatum", fr: "Date de début",
            aliases: ["joined", "since"],
        },
        /// When the membership ended.
        EndDate = "end_date" {
            en: "End date", nl: "Einddatum", fr: "Date de fin",
            aliases: ["left", "until"],
        },
    }
}
