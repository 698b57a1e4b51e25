vocabulary! {
    /// What holds a membership. Ghent's memberships are held by the city itself and also by a
    /// department, an event, a city–university tandem, a person and a legal body it co-founded;
    /// the member lists of city networks also hold regions, associations of local governments,
    /// universities, research centres, national and international public bodies, NGOs and
    /// companies. Each kind states its own fields: see [`MemberKind::needs`].
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
            aliases: ["politician", "individual member"],
        },
        /// A legal body the city set up with others (a Benelux grouping for territorial
        /// cooperation).
        LegalBody = "legal_body" {
            en: "Legal body", nl: "Rechtspersoon", fr: "Personne morale",
            aliases: ["legal entity", "grouping", "rechtspersoon"],
        },
        /// A region, province, county or other authority above the city level and below the
        /// national one (a Belgian province, an English county, a region of Mali). Kept for
        /// third-party member lists and research datasets: networks such as Polis and ICLEI
        /// admit regions.
        Region = "region" {
            en: "Region", nl: "Regio", fr: "Région",
            aliases: ["province", "provincie", "county", "regional government", "regio",
                      "regional authority", "comté", "conseil régional", "landkreis", "kreis",
                      "bundesland"],
        },
        /// A national or regional association of local governments, which speaks for its member
        /// municipalities. Kept for third-party member lists.
        Association = "association" {
            en: "Association of local governments", nl: "Vereniging van lokale besturen",
            fr: "Association de collectivités locales",
            aliases: ["association of municipalities", "association of local authorities",
                      "association of local governments", "municipal association",
                      "local government association", "vereniging van gemeenten",
                      "vereniging van steden en gemeenten", "association de communes",
                      "association des maires", "gemeindeverband", "städteverband",
                      "kommunaler spitzenverband"],
        },
        /// A university, university college or other institution of higher education. Kept for
        /// third-party member lists.
        University = "university" {
            en: "University", nl: "Universiteit", fr: "Université",
            aliases: ["higher education institution", "universität",
                      "hogeschool", "university college", "hochschule"],
        },
        /// A research centre or institute that is not itself a university. Kept for third-party
        /// member lists.
        ResearchCentre = "research_centre" {
            en: "Research centre", nl: "Onderzoekscentrum", fr: "Centre de recherche",
            aliases: ["research center", "research institute", "research institution",
                      "onderzoeksinstituut", "institut de recherche",
                      "forschungsinstitut", "forschungszentrum"],
        },
        /// A body of a national government: a ministry, a national agency or a public
        /// institution of one state. Kept for third-party member lists.
        NationalBody = "national_body" {
            en: "National public body", nl: "Nationale overheidsinstelling",
            fr: "Organisme public national",
            aliases: ["ministry", "national government", "national agency", "ministerie",
                      "ministère", "ministerium", "federal government", "national authority"],
        },
        /// An intergovernmental or international public body, or a body of one (a United
        /// Nations programme). It belongs to no single country. Kept for third-party member
        /// lists.
        InternationalBody = "international_body" {
            en: "International body", nl: "Internationale instelling", fr: "Organisme international",
            aliases: ["intergovernmental organisation", "intergovernmental organization",
                      "international organisation", "international organization", "igo",
                      "internationale organisatie", "organisation internationale",
                      "organisation intergouvernementale", "internationale organisation"],
        },
        /// A non-governmental organisation, a foundation or another not-for-profit body of
        /// civil society. Kept for third-party member lists.
        Ngo = "ngo" {
            en: "NGO or foundation", nl: "Ngo of stichting", fr: "ONG ou fondation",
            aliases: ["non-governmental organisation", "non-governmental organization",
                      "nonprofit", "non-profit organisation", "foundation", "charity", "stichting",
                      "fondation", "stiftung", "civil society organisation",
                      "nichtregierungsorganisation"],
        },
        /// A company: a private firm or business (a company owned or run by a city is an
        /// `agency`). Kept for third-party member lists.
        Company = "company" {
            en: "Company", nl: "Bedrijf", fr: "Entreprise",
            aliases: ["business", "firm", "private company", "corporation", "onderneming",
                      "société", "unternehmen", "firma"],
        },
    }
}

/// Which of a member's fields one kind of member must state, besides its `kind`. The fields a
/// kind does not need are still allowed; none is ever forbidden.
///
/// ```
/// use citynets::{MemberKind, Needs};
///
/// assert_eq!(MemberKind::City.needs(), Needs { city: true, country: true, name: false });
/// assert_eq!(MemberKind::Region.needs(), Needs { city: false, country: true, name: true });
/// assert_eq!(
///     MemberKind::InternationalBody.needs().fields().collect::<Vec<_>>(),
///     ["name"]
/// );
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Needs {
    /// The `city` the member is, or belongs to.
    pub city: bool,
    /// The `country` of the member.
    pub country: bool,
    /// The member's own `name`.
    pub name: bool,
}

impl Needs {
    /// The names of the needed fields, as in [`Member`](crate::Member), in the order `city`,
    /// `country`, `name` (the order of the schema's `required` lists).
    pub fn fields(self) -> impl Iterator<Item = &'static str> {
        [
            (self.city, "city"),
            (self.country, "country"),
            (self.name, "name"),
        ]
        .into_iter()
        .filter_map(|(needed, field)| needed.then_some(field))
    }

    /// Whether the fields `present` cover these needs.
    ///
    /// ```
    /// use citynets::{MemberKind, Needs};
    ///
    /// let present = Needs { city: false, country: true, name: true };
    /// assert!(MemberKind::Region.needs().met_by(present));
    /// assert!(!MemberKind::City.needs().met_by(present));
    /// ```
    pub const fn met_by(self, present: Needs) -> bool {
        let missing = self.missing(present);
        !(missing.city || missing.country || missing.name)
    }

    /// The needed fields that `present` lacks.
    pub const fn missing(self, present: Needs) -> Needs {
        Needs {
            city: self.city && !present.city,
            country: self.country && !present.country,
            name: self.name && !present.name,
        }
    }
}

impl MemberKind {
    /// Which fields a member of this kind must state: the one table of these rules, which the
    /// model ([`Member`](crate::Member)), the JSON Schema (an `allOf` of `if`/`then` on `kind`)
    /// and the validator all follow.
    ///
    /// | kind | `city` | `country` | `name` |
    /// |---|---|---|---|
    /// | `city` | needed | needed | |
    /// | `department`, `agency`, `event`, `tandem`, `legal_body` | needed | needed | needed |
    /// | `region`, `association`, `university`, `research_centre`, `national_body` | | needed | needed |
    /// | `international_body`, `ngo`, `company`, `person` | | | needed |
    pub const fn needs(self) -> Needs {
        let (city, country, name) = match self {
            MemberKind::City => (true, true, false),
            MemberKind::Department
            | MemberKind::Agency
            | MemberKind::Event
            | MemberKind::Tandem
            | MemberKind::LegalBody => (true, true, true),
            MemberKind::Region
            | MemberKind::Association
            | MemberKind::University
            | MemberKind::ResearchCentre
            | MemberKind::NationalBody => (false, true, true),
            MemberKind::InternationalBody
            | MemberKind::Ngo
            | MemberKind::Company
            | MemberKind::Person => (false, false, true),
        };
        Needs {
            city,
            country,
            name,
        }
    }
}
