//! [`Filter`]: selecting networks by classification.

use crate::{Catalogue, Focus, Kind, Network, Orientation, PolicyArea, Scope};

/// A selection of networks: every condition set must hold.
///
/// ```
/// use citynets::{Filter, Orientation, PolicyArea};
///
/// let f = Filter::new()
///     .policy_area(PolicyArea::Climate)
///     .orientation(Orientation::Advocacy);
/// let ids: Vec<&str> = citynets::ghent().filter(&f).map(|n| n.id.as_str()).collect();
/// assert!(ids.contains(&"climate-alliance"));
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Filter {
    /// Only networks working on this policy area.
    pub policy_area: Option<PolicyArea>,
    /// Only networks with this orientation.
    pub orientation: Option<Orientation>,
    /// Only networks of this scope.
    pub scope: Option<Scope>,
    /// Only networks of this kind.
    pub kind: Option<Kind>,
    /// Only networks with this focus.
    pub focus: Option<Focus>,
}

impl Filter {
    /// A filter that keeps every network.
    pub fn new() -> Self {
        Filter::default()
    }

    /// Keeps networks working on this policy area.
    pub fn policy_area(mut self, area: PolicyArea) -> Self {
        self.policy_area = Some(area);
        self
    }

    /// Keeps networks with this orientation.
    pub fn orientation(mut self, orientation: Orientation) -> Self {
        self.orientation = Some(orientation);
        self
    }

    /// Keeps networks of this scope.
    pub fn scope(mut self, scope: Scope) -> Self {
        self.scope = Some(scope);
        self
    }

    /// Keeps networks of this kind.
    pub fn kind(mut self, kind: Kind) -> Self {
        self.kind = Some(kind);
        self
    }

    /// Keeps networks with this focus.
    pub fn focus(mut self, focus: Focus) -> Self {
        self.focus = Some(focus);
        self
    }

    /// Whether a network meets every condition.
    pub fn matches(&self, n: &Network) -> bool {
        self.policy_area.is_none_or(|a| n.has_policy_area(a))
            && self.orientation.is_none_or(|o| n.has_orientation(o))
            && self.scope.is_none_or(|s| n.scope == Some(s))
            && self.kind.is_none_or(|k| n.kind == Some(k))
            && self.focus.is_none_or(|f| n.focus == Some(f))
    }
}

impl Catalogue {
    /// The networks that meet every condition of the filter, in catalogue order.
    pub fn filter<'a>(&'a self, filter: &Filter) -> impl Iterator<Item = &'a Network> + use<'a> {
        let filter = *filter;
        self.iter().filter(move |n| filter.matches(n))
    }
}
