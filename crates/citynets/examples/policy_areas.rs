//! Networks per policy area: how many of Ghent's networks work on each area, and which.
//!
//! ```text
//! cargo run -q --example policy_areas
//! ```

use citynets::{Filter, PolicyArea, Vocabulary};

fn main() {
    let ghent = citynets::ghent();
    let mut rows: Vec<(PolicyArea, Vec<String>)> = PolicyArea::all()
        .iter()
        .map(|&area| {
            let f = Filter::new().policy_area(area);
            let names = ghent
                .filter(&f)
                .map(|n| {
                    n.acronym
                        .as_deref()
                        .map_or_else(|| n.id.to_string(), str::to_owned)
                })
                .collect();
            (area, names)
        })
        .collect();
    rows.sort_by(|a, b| {
        b.1.len()
            .cmp(&a.1.len())
            .then(a.0.as_str().cmp(b.0.as_str()))
    });
    println!("{:<34} {:>8}  networks", "policy area", "count");
    println!("{}", "-".repeat(100));
    for (area, names) in rows {
        println!(
            "{:<34} {:>8}  {}",
            area.label(),
            names.len(),
            names.join(", ")
        );
    }
    println!(
        "\n{} networks; a network can work on several areas. The classification is the catalogue's own.",
        ghent.len()
    );
}
