vocabulary! {
    /// The page's distinction: a network's work "may be broad in content or focused on a single
    /// policy area".
    pub enum Focus {
        /// Works across several policy areas.
        Broad = "broad" {
            en: "Broad", nl: "Breed", fr: "Large",
            aliases: ["general", "multi-thematic", "algemeen"],
        },
        /// Works on one policy area: the first entry of the network's `policy_areas`.
        SingleArea = "single_area" {
            en: "Single policy area", nl: "Eén beleidsdomein", fr: "Un seul domaine",
            aliases: ["focused", "single", "thematic", "thematisch"],
        },
    }
}
