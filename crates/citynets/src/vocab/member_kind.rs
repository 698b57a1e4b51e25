vocabulary! {
    /// What holds a membership. Ghent's memberships are held by the city itself and also by a
    /// department, an event, a city–university tandem, a person and a legal body it co-founded.
    pub enum MemberKind {
        /// A city or municipality as such (its council or administration).
        City = "city" {
            en: "City", nl: "Stad", fr: "Ville",
            aliases: ["municipality", "local government", "gemeente", "commune", "city council"],
        },
        /// A department or unit of a city administration (ISSA: the City of Ghent's childcare
        /// unit).
        Department = "department" {
            en: "City department", nl: "Stadsdienst", fr: "Service municipal",
            aliases: ["unit", "dienst", "service"],
        },
        /// An agency or company owned or run by a city (a tourist board, a port company). Kept for
        /// third-party lists, where city agencies often hold memberships of professional networks.
        Agency = "agency" {
            en: "City agency", nl: "Stedelijk agentschap", fr: "Agence municipale",
            aliases: ["autonomous agency", "agentschap", "tourist board", "dmo"],
        },
        /// An event the city organises (ILO: Lichtfestival Gent).
        Event = "event" {
            en: "Event", nl: "Evenement", fr: "Événement",
            aliases: ["festival"],
        },
        /// A city together with a partner, such as its university (EUniverCities).
        Tandem = "tandem" {
            en: "City–university tandem", nl: "Tandem stad–universiteit", fr: "Tandem ville–université",
            aliases: ["city-university tandem", "city university tandem"],
        },
        /// A person who holds the membership personally (a mayor in the Global Parliament of Mayors).
        /// Kept for third-party lists; the catalogue records persons as holders of roles.
        Person = "person" {
            en: "Person", nl: "Persoon", fr: "Personne",
            aliases: ["politician", "mayor", "burgemeester", "schepen"],
        },
        /// A legal body the city set up with others (a Benelux grouping for territorial
        /// cooperation).
        LegalBody = "legal_body" {
            en: "Legal body", nl: "Rechtspersoon", fr: "Personne morale",
            aliases: ["legal entity", "grouping", "rechtspersoon"],
        },
        /// A region, province or other authority above the city level. Kept for research datasets and
        /// for networks that admit regions (Polis, ICLEI).
        Region = "region" {
            en: "Region", nl: "Regio", fr: "Région",
            aliases: ["province", "provincie", "regional government"],
        },
    }
}
