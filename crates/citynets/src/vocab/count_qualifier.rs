vocabulary! {
    /// How exact a member count is, as the source words it ("over 200", "about 140").
    pub enum CountQualifier {
        /// The figure as given, with no qualifier.
        Exact = "exact" {
            en: "Exactly", nl: "Precies", fr: "Exactement",
            aliases: ["precisely"],
        },
        /// "over", "more than", "200+": strictly more than the figure.
        MoreThan = "more_than" {
            en: "More than", nl: "Meer dan", fr: "Plus de",
            aliases: ["over", "+", "ruim", "above"],
        },
        /// "at least": the figure or more.
        AtLeast = "at_least" {
            en: "At least", nl: "Minstens", fr: "Au moins",
            aliases: ["minimum"],
        },
        /// "about", "around", "close to", "some": roughly the figure.
        About = "about" {
            en: "About", nl: "Ongeveer", fr: "Environ",
            aliases: ["around", "approximately", "approx", "close to", "circa", "ca"],
        },
        /// "almost", "nearly": just under the figure.
        Almost = "almost" {
            en: "Almost", nl: "Bijna", fr: "Presque",
            aliases: ["nearly"],
        },
    }
}

/// A count without a qualifier is exact.
impl Default for CountQualifier {
    fn default() -> Self {
        CountQualifier::Exact
    }
}
