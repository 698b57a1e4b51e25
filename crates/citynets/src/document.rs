//! [`DocumentKind`]: the three kinds of document the model defines.

/// The kinds of document the model defines, each with its own JSON Schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DocumentKind {
    /// A whole catalogue: one city's networks ([`Catalogue`](crate::Catalogue)).
    Catalogue,
    /// One network record ([`Network`](crate::Network)).
    Network,
    /// One membership record ([`Membership`](crate::Membership)).
    Membership,
}

impl DocumentKind {
    /// Every kind.
    pub const ALL: [DocumentKind; 3] = [
        DocumentKind::Catalogue,
        DocumentKind::Network,
        DocumentKind::Membership,
    ];

    /// The kind's name: `catalogue`, `network` or `membership`.
    pub fn as_str(self) -> &'static str {
        match self {
            DocumentKind::Catalogue => "catalogue",
            DocumentKind::Network => "network",
            DocumentKind::Membership => "membership",
        }
    }

    /// The `$id` of the kind's schema.
    pub fn schema_id(self) -> &'static str {
        match self {
            DocumentKind::Catalogue => "urn:citynets:schema:catalogue:2",
            DocumentKind::Network => "urn:citynets:schema:network:2",
            DocumentKind::Membership => "urn:citynets:schema:membership:2",
        }
    }

    /// The file name of the kind's committed schema under `schema/`.
    pub fn schema_file_name(self) -> &'static str {
        match self {
            DocumentKind::Catalogue => "catalogue.schema.json",
            DocumentKind::Network => "network.schema.json",
            DocumentKind::Membership => "membership.schema.json",
        }
    }
}

impl std::fmt::Display for DocumentKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for DocumentKind {
    type Err = crate::Error;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        DocumentKind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| crate::Error::UnknownValue {
                vocabulary: "DocumentKind",
                value: s.to_owned(),
                allowed: DocumentKind::ALL.iter().map(|k| k.as_str()).collect(),
                suggestion: None,
            })
    }
}
