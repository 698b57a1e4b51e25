vocabulary! {
    /// What kind of organisation a network is (in the sense of schema.org's Organization types).
    pub enum Kind {
        /// An association whose members are cities or local and regional governments.
        CityNetwork = "city_network" {
            en: "City network", nl: "Stedennetwerk", fr: "Réseau de villes",
            aliases: ["city network association", "association of cities", "stedenvereniging"],
        },
        /// An association of professionals or of organisations from one field (tourist boards,
        /// social services, hotel schools, city IT managers…).
        ProfessionalAssociation = "professional_association" {
            en: "Professional association", nl: "Beroepsvereniging", fr: "Association professionnelle",
            aliases: ["stakeholder network", "ngo network", "beroepsorganisatie"],
        },
        /// A pledge, pact or covenant that cities sign (Covenant of Mayors, Milan Urban Food
        /// Policy Pact).
        Pledge = "pledge" {
            en: "Pledge or covenant", nl: "Engagement of convenant", fr: "Engagement ou convention",
            aliases: ["covenant", "pact", "convenant", "charter"],
        },
        /// An initiative run by the European Commission (Civitas, RAN, European Green Capital
        /// Network).
        EuInitiative = "eu_initiative" {
            en: "EU initiative", nl: "EU-initiatief", fr: "Initiative de l'UE",
            aliases: ["eu-commission-run initiative", "european commission initiative", "eu programme"],
        },
        /// A programme of a United Nations agency (the UNESCO Creative Cities Network and its
        /// fields).
        UnProgramme = "un_programme" {
            en: "UN programme", nl: "VN-programma", fr: "Programme des Nations unies",
            aliases: ["un/unesco programme", "unesco programme"],
        },
        /// A cultural route certified by the Council of Europe.
        CulturalRoute = "cultural_route" {
            en: "Cultural route", nl: "Culturele route", fr: "Itinéraire culturel",
            aliases: ["council of europe cultural route"],
        },
        /// A foundation that runs a network or partnership (RUAF, Sharing Cities Alliance).
        Foundation = "foundation" {
            en: "Foundation", nl: "Stichting", fr: "Fondation",
            aliases: ["stichting"],
        },
        /// An initiative of cities coordinated by another organisation (ICLEI's procurement
        /// networks, the Council of Europe's democracy incubator).
        HostedInitiative = "hosted_initiative" {
            en: "Hosted initiative", nl: "Ondergebracht initiatief", fr: "Initiative hébergée",
            aliases: ["campaign", "coordinated initiative"],
        },
        /// Cooperation set up by national governments in which cities take part (Urbiscoop,
        /// within the Benelux).
        IntergovernmentalCooperation = "intergovernmental_cooperation" {
            en: "Intergovernmental cooperation", nl: "Intergouvernementele samenwerking", fr: "Coopération intergouvernementale",
            aliases: ["urban programme", "benelux cooperation"],
        },
        /// A legal instrument rather than an association: a body with legal personality that
        /// neighbouring authorities set up together (a Benelux grouping for territorial
        /// cooperation, BGTS).
        LegalInstrument = "legal_instrument" {
            en: "Legal instrument", nl: "Juridisch instrument", fr: "Instrument juridique",
            aliases: ["legal form", "grouping", "groepering", "egtc"],
        },
        /// An open, non-formal network of institutions and individuals (Foresight Europe
        /// Network).
        InformalNetwork = "informal_network" {
            en: "Informal network", nl: "Informeel netwerk", fr: "Réseau informel",
            aliases: ["community of practice", "non-formal network"],
        },
    }
}
