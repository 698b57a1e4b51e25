vocabulary! {
    /// Where a network's members come from.
    pub enum Scope {
        /// Members from one country (Divosa is a Dutch national association).
        National = "national" {
            en: "National", nl: "Nationaal", fr: "National",
            aliases: ["domestic"],
        },
        /// Neighbouring authorities on both sides of a border (the Benelux groupings).
        CrossBorder = "cross_border" {
            en: "Cross-border", nl: "Grensoverschrijdend", fr: "Transfrontalier",
            aliases: ["benelux", "euregional"],
        },
        /// Members from across Europe, possibly with a few from elsewhere.
        European = "european" {
            en: "European", nl: "Europees", fr: "Européen",
            aliases: ["europe", "eu", "europa"],
        },
        /// Members from several world regions without claiming worldwide reach (ISSA: Europe and
        /// Central Asia; Rainbow Cities: Europe and beyond).
        International = "international" {
            en: "International", nl: "Internationaal", fr: "International",
            aliases: ["multi-regional", "transnational"],
        },
        /// Members from every continent.
        Global = "global" {
            en: "Global", nl: "Wereldwijd", fr: "Mondial",
            aliases: ["worldwide", "world", "globaal"],
        },
    }
}
