vocabulary! {
    /// What a network mainly does for its members. The City of Ghent's page names three
    /// orientations ("file management", "awareness-raising campaigns", "exchange of knowledge");
    /// the two further values are benefits the City's own pages name, each cited in its doc.
    pub enum Orientation {
        /// Influencing policy dossiers on behalf of cities. The page's English text calls this
        /// "file management" (an over-literal translation); an older English page of the City
        /// (<https://stad.gent/en/international-policy/networking>) says "lobbying".
        Advocacy = "advocacy" {
            en: "Advocacy", nl: "Belangenbehartiging", fr: "Plaidoyer",
            aliases: ["file management", "file_management", "lobbying", "lobby", "dossierwerking", "dossierbeheer", "beleidsbeïnvloeding", "interest representation"],
        },
        /// Campaigns that draw public attention to a cause ("awareness-raising campaigns").
        AwarenessRaising = "awareness_raising" {
            en: "Awareness raising", nl: "Sensibilisering", fr: "Sensibilisation",
            aliases: ["awareness-raising campaigns", "awareness raising campaigns", "campaigns", "campagnes", "sensibiliseringscampagnes"],
        },
        /// Sharing knowledge, practice and experience between members ("exchange of knowledge").
        KnowledgeExchange = "knowledge_exchange" {
            en: "Knowledge exchange", nl: "Kennisuitwisseling", fr: "Échange de connaissances",
            aliases: ["exchange of knowledge", "knowledge sharing", "kennisdeling", "best practices", "échange d'expériences", "uitwisseling"],
        },
        /// Finding partners and funding for joint, often EU-funded, projects. Named by the City's
        /// older networking page (<https://stad.gent/en/international-policy/networking>), which
        /// says networks help to find partners for EU-subsidised projects.
        ProjectPartnering = "project_partnering" {
            en: "Project partnering and funding", nl: "Projectpartners en subsidies", fr: "Partenariats de projets et financement",
            aliases: ["funding", "eu projects", "europese projecten", "subsidies", "resources"],
        },
        /// Labels, titles, awards and designations that give a city recognition. Named by the
        /// City's networks page, which says networks help the City "get recognition".
        Recognition = "recognition" {
            en: "Recognition", nl: "Erkenning", fr: "Reconnaissance",
            aliases: ["award", "label", "designation", "erkenning en labels"],
        },
    }
}
