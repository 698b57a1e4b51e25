vocabulary! {
    /// A policy field a network works on. Fine-grained enough that each of the 38 networks on the
    /// City of Ghent's page is described without a catch-all value; a network has one or more.
    /// The page names trade, culture, social policy, digitisation and climate in passing; the rest
    /// of the list is the catalogue's own, refined from what the networks say they do.
    pub enum PolicyArea {
        /// Arts, music, festivals, puppetry and the creative industries.
        Culture = "culture" {
            en: "Culture", nl: "Cultuur", fr: "Culture",
            aliases: ["arts", "creative industries", "kunst", "cultuurbeleid"],
        },
        /// Historic sites, routes and the management of cultural heritage.
        Heritage = "heritage" {
            en: "Heritage", nl: "Erfgoed", fr: "Patrimoine",
            aliases: ["cultural heritage", "onroerend erfgoed"],
        },
        /// Visitors, destination management and city marketing.
        Tourism = "tourism" {
            en: "Tourism", nl: "Toerisme", fr: "Tourisme",
            aliases: ["city marketing", "stadsmarketing", "toerisme en stadsmarketing"],
        },
        /// Local economy, trade and new economic models such as the sharing economy (the page's
        /// "trade").
        Economy = "economy" {
            en: "Economy and trade", nl: "Economie en handel", fr: "Économie et commerce",
            aliases: ["trade", "handel", "commerce", "economie", "sharing economy", "deeleconomie"],
        },
        /// Transport, traffic and clean, accessible urban mobility.
        Mobility = "mobility" {
            en: "Mobility", nl: "Mobiliteit", fr: "Mobilité",
            aliases: ["transport", "vervoer", "verkeer", "transports"],
        },
        /// Climate mitigation and adaptation, greenhouse-gas reduction.
        Climate = "climate" {
            en: "Climate", nl: "Klimaat", fr: "Climat",
            aliases: ["climate change", "klimaatbeleid", "climate action"],
        },
        /// Energy efficiency, renewable energy and local energy policy.
        Energy = "energy" {
            en: "Energy", nl: "Energie", fr: "Énergie",
            aliases: ["energiebeleid", "energy transition"],
        },
        /// Environment, nature and local sustainability beyond climate and energy.
        Environment = "environment" {
            en: "Environment", nl: "Milieu", fr: "Environnement",
            aliases: ["sustainability", "duurzaamheid", "natuur", "durabilité", "leefmilieu"],
        },
        /// Urban food policy, food systems and urban agriculture.
        Food = "food" {
            en: "Food", nl: "Voeding", fr: "Alimentation",
            aliases: ["food policy", "voedselbeleid", "urban agriculture", "stadslandbouw", "voedsel"],
        },
        /// Social services, welfare and the social domain in general.
        SocialPolicy = "social_policy" {
            en: "Social policy", nl: "Sociaal beleid", fr: "Politique sociale",
            aliases: ["welfare", "welzijn", "social services", "sociale zaken", "action sociale"],
        },
        /// Older people, long-term care and quality of life in old age.
        Ageing = "ageing" {
            en: "Ageing", nl: "Ouderen", fr: "Vieillissement",
            aliases: ["aging", "elderly", "ouderenbeleid", "seniors", "personnes âgées"],
        },
        /// Children, young people and early childhood, including childcare.
        ChildrenAndYouth = "children_and_youth" {
            en: "Children and youth", nl: "Kinderen en jongeren", fr: "Enfance et jeunesse",
            aliases: ["children", "youth", "jeugd", "kinderopvang", "childcare", "jeunesse", "early childhood"],
        },
        /// Schools, higher education and training.
        Education = "education" {
            en: "Education", nl: "Onderwijs", fr: "Éducation",
            aliases: ["higher education", "hoger onderwijs", "enseignement", "training"],
        },
        /// Equal opportunities and the fight against racism and discrimination, LGBTI policy
        /// included.
        Equality = "equality" {
            en: "Equality and anti-discrimination",
            nl: "Gelijke kansen en antidiscriminatie",
            fr: "Égalité et lutte contre les discriminations",
            aliases: ["anti-discrimination", "antiracism", "anti-racism", "gelijke kansen", "diversity", "diversiteit", "lgbti"],
        },
        /// Accessibility for people with disabilities, in tourism and public space.
        Accessibility = "accessibility" {
            en: "Accessibility", nl: "Toegankelijkheid", fr: "Accessibilité",
            aliases: ["disability", "handicap", "toegankelijk"],
        },
        /// Local democracy, citizen participation and democratic innovation.
        Democracy = "democracy" {
            en: "Democracy and participation", nl: "Democratie en participatie", fr: "Démocratie et participation",
            aliases: ["participation", "participatie", "inspraak", "citizen participation"],
        },
        /// Digital government, smart cities, data and interoperability (the page's
        /// "digitisation").
        Digitalisation = "digitalisation" {
            en: "Digitalisation", nl: "Digitalisering", fr: "Numérique",
            aliases: ["digitisation", "digitization", "digitalization", "smart city", "ict", "it", "numérisation"],
        },
        /// Public procurement, sustainable and innovative purchasing.
        Procurement = "procurement" {
            en: "Public procurement", nl: "Overheidsopdrachten", fr: "Marchés publics",
            aliases: ["sustainable procurement", "duurzaam aankopen", "aankoopbeleid", "achats publics"],
        },
        /// Urban and public lighting, light festivals.
        PublicLighting = "public_lighting" {
            en: "Public lighting", nl: "Openbare verlichting", fr: "Éclairage public",
            aliases: ["lighting", "urban lighting", "verlichting", "lichtplan"],
        },
        /// Peace, nuclear disarmament and international solidarity.
        Peace = "peace" {
            en: "Peace", nl: "Vrede", fr: "Paix",
            aliases: ["vredesbeleid", "nuclear disarmament"],
        },
        /// Security and the prevention of radicalisation and violent extremism.
        Security = "security" {
            en: "Security and radicalisation prevention",
            nl: "Veiligheid en preventie van radicalisering",
            fr: "Sécurité et prévention de la radicalisation",
            aliases: ["radicalisation", "radicalization", "veiligheid", "prevention of violent extremism"],
        },
        /// Foresight and futures studies as a practice of government.
        Foresight = "foresight" {
            en: "Foresight", nl: "Toekomstverkenning", fr: "Prospective",
            aliases: ["futures", "futures studies", "strategic foresight"],
        },
        /// Cooperation across national borders between neighbouring authorities.
        CrossBorderCooperation = "cross_border_cooperation" {
            en: "Cross-border cooperation",
            nl: "Grensoverschrijdende samenwerking",
            fr: "Coopération transfrontalière",
            aliases: ["cross-border", "grensoverschrijdend", "territorial cooperation"],
        },
        /// How cities are governed and represented: city diplomacy, multilevel governance,
        /// cooperation between levels of government.
        UrbanGovernance = "urban_governance" {
            en: "Urban governance", nl: "Stedelijk bestuur", fr: "Gouvernance urbaine",
            aliases: ["governance", "city diplomacy", "stedenbeleid", "multilevel governance"],
        },
    }
}
