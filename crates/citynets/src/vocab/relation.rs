vocabulary! {
    /// How a network relates to its parent organisation (see `Parent`).
    pub enum Relation {
        /// The network is one part of the parent network (a field of the UNESCO Creative Cities
        /// Network).
        PartOf = "part_of" {
            en: "Part of", nl: "Onderdeel van", fr: "Partie de",
            aliases: ["sub-network", "field of", "subnetwork"],
        },
        /// The network is the regional chapter of a worldwide one (ECCAR within UNESCO's ICCAR).
        RegionalChapterOf = "regional_chapter_of" {
            en: "Regional chapter of", nl: "Regionale afdeling van", fr: "Antenne régionale de",
            aliases: ["regional coalition of", "regional node of", "node"],
        },
        /// The parent coordinates or runs the network (ICLEI runs Procura+ and the Global Lead
        /// City Network).
        CoordinatedBy = "coordinated_by" {
            en: "Coordinated by", nl: "Gecoördineerd door", fr: "Coordonné par",
            aliases: ["run by", "hosted by", "convened by"],
        },
        /// The network came out of the parent organisation or programme (EUniverCities from an
        /// URBACT project).
        SuccessorOf = "successor_of" {
            en: "Successor of", nl: "Opvolger van", fr: "Successeur de",
            aliases: ["grew out of", "merger of", "originates from"],
        },
    }
}
