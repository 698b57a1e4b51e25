//! Ghent's leadership roles over time: one row per year, the roles Ghent (or one of its
//! people) held in each network that year. A role with an end date fills every year of its
//! period; a role whose end is not given shows only in the year it is attested to start
//! (marked "from"), since the sources do not say how long it lasted.
//!
//! ```text
//! cargo run -q --example leadership
//! ```

use std::collections::BTreeMap;

use citynets::Role;

/// Roles that give a say in how a network is run.
const LEADERSHIP: [Role; 7] = [
    Role::President,
    Role::VicePresident,
    Role::Secretary,
    Role::ExecutiveCommittee,
    Role::SteeringCommittee,
    Role::Chair,
    Role::ViceChair,
];

fn main() {
    let ghent = citynets::ghent();
    let mut by_year: BTreeMap<i32, Vec<String>> = BTreeMap::new();
    let mut undated = Vec::new();
    for n in ghent {
        let network = n.acronym.as_deref().unwrap_or(n.name.as_str());
        for m in &n.memberships {
            for r in m.roles.iter().filter(|r| LEADERSHIP.contains(&r.role)) {
                let mut label = format!("{} {}", network, r.role.as_str().replace('_', " "));
                if let Some(body) = &r.body {
                    label.push_str(&format!(" ({body})"));
                }
                let Some(start) = &r.start_date else {
                    undated.push(label);
                    continue;
                };
                let end = match &r.end_date {
                    Some(e) => e.year(),
                    None => {
                        label.push_str(" (from; end not given)");
                        start.year()
                    }
                };
                for year in start.year()..=end {
                    let entry = by_year.entry(year).or_default();
                    if !entry.contains(&label) {
                        entry.push(label.clone());
                    }
                }
            }
        }
    }
    println!("{:<6} roles held", "year");
    println!("{}", "-".repeat(90));
    for (year, roles) in &by_year {
        println!("{year:<6} {}", roles.join("; "));
    }
    if !undated.is_empty() {
        println!("{:<6} {}", "?", undated.join("; "));
    }
    println!("\n\"?\": roles whose start is not given in the sources.");
}
