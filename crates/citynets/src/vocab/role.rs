vocabulary! {
    /// A role a member holds in a network, for a period (see `RoleHeld`).
    pub enum Role {
        /// Among the members that founded the network (or signed its founding act).
        FoundingMember = "founding_member" {
            en: "Founding member", nl: "Stichtend lid", fr: "Membre fondateur",
            aliases: ["founder", "founding partner", "founding participant", "stichter", "medeoprichter", "fondateur"],
        },
        /// The city that hosts the network's secretariat. Ghent hosts none; kept for research
        /// datasets, which record host cities (grade +2 in the quentin.city dataset).
        HostCity = "host_city" {
            en: "Host city", nl: "Gaststad", fr: "Ville hôte",
            aliases: ["secretariat host", "seat", "zetel"],
        },
        /// Hosted or co-organised a conference, general assembly or other event of the network.
        EventHost = "event_host" {
            en: "Event host", nl: "Gastheer van een evenement", fr: "Hôte d'un événement",
            aliases: ["host", "conference host", "event co-organiser", "organiser", "gastheer"],
        },
        /// Presides over the network.
        President = "president" {
            en: "President", nl: "Voorzitter", fr: "Président",
            aliases: ["chair of the network", "voorzitter", "présidente"],
        },
        /// One of the network's vice-presidents.
        VicePresident = "vice_president" {
            en: "Vice-president", nl: "Ondervoorzitter", fr: "Vice-président",
            aliases: ["vice president", "vicevoorzitter", "ondervoorzitter"],
        },
        /// Secretary of the network or of its executive committee.
        Secretary = "secretary" {
            en: "Secretary", nl: "Secretaris", fr: "Secrétaire",
            aliases: ["excom secretary"],
        },
        /// Member of the executive committee or board.
        ExecutiveCommittee = "executive_committee" {
            en: "Executive committee member", nl: "Lid van het uitvoerend comité", fr: "Membre du comité exécutif",
            aliases: ["excom", "board", "board member", "executive committee member", "bestuur", "raad van bestuur"],
        },
        /// Member of a steering committee.
        SteeringCommittee = "steering_committee" {
            en: "Steering committee member", nl: "Lid van de stuurgroep", fr: "Membre du comité de pilotage",
            aliases: ["stuurgroep", "steering group"],
        },
        /// Chairs one of the network's forums, working groups or policy groups.
        Chair = "chair" {
            en: "Chair of a forum or working group", nl: "Voorzitter van een forum of werkgroep", fr: "Président d'un forum ou groupe de travail",
            aliases: ["forum chair", "working group chair", "werkgroepvoorzitter"],
        },
        /// Vice-chair of one of the network's forums, working groups or policy groups.
        ViceChair = "vice_chair" {
            en: "Vice-chair of a forum or working group", nl: "Ondervoorzitter van een forum of werkgroep", fr: "Vice-président d'un forum ou groupe de travail",
            aliases: ["vice-chair", "forum vice-chair"],
        },
        /// Was shortlisted for an award given by the network.
        AwardFinalist = "award_finalist" {
            en: "Award finalist", nl: "Finalist van een prijs", fr: "Finaliste d'un prix",
            aliases: ["finalist", "shortlisted", "nominated"],
        },
        /// Won an award given by the network.
        AwardWinner = "award_winner" {
            en: "Award winner", nl: "Prijswinnaar", fr: "Lauréat",
            aliases: ["winner", "laureate"],
        },
    }
}
