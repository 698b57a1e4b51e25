//! How a research ledger's member figure is found in a network record, for the coverage tests
//! of the Ghent catalogue and of the registry: the same figure (a number, or the page's own
//! wording), the same year and the same page.

use citynets::Network;
use serde_json::Value;

pub fn has_member_count(n: &Network, rec: &Value, value: &Value, src: &str) -> bool {
    n.member_counts.iter().any(|c| {
        let same_value = match value {
            Value::Number(x) => x.as_u64() == Some(u64::from(c.count)),
            Value::String(s) => c.as_stated.as_deref() == Some(s.as_str()),
            _ => false,
        };
        let same_date = c
            .date
            .as_ref()
            .map(|d| u64::try_from(d.year()).unwrap_or_default())
            == rec["year"].as_u64();
        same_value && same_date && c.source == src
    })
}
