//! NDJSON validated on several threads gives exactly the report of one thread: the same
//! problems in the same order, duplicate ids found across chunks included.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail loudly

use citynets::validate::{Format, Options, validate_bytes};

#[test]
fn threads_do_not_change_the_report() {
    let mut text = String::new();
    let mut i = 0;
    // About 6 MB: several chunks of one megabyte.
    while text.len() < 6_000_000 {
        let line = match i % 97 {
            0 => format!(
                "{{\"id\": \"net-{}\", \"name\": \"N\", \"scope\": \"europe\"}}\n",
                i
            ),
            1 => "{\"id\": \"net-5\", \"name\": \"duplicate of an early id\"}\n".to_owned(),
            2 => "not json at all\n".to_owned(),
            3 => "\n".to_owned(),
            _ => format!(
                "{{\"id\": \"net-{i}\", \"name\": \"Network {i} – ünïcode\", \"policy_areas\": [\"climate\", \"energy\"], \"website\": \"https://example.org/{i}\", \"founding_date\": \"20{:02}\"}}\n",
                i % 100
            ),
        };
        text.push_str(&line);
        i += 1;
    }
    let one = validate_bytes(
        text.as_bytes(),
        &Options {
            format: Some(Format::Ndjson),
            threads: 1,
            ..Options::default()
        },
    );
    let two = validate_bytes(
        text.as_bytes(),
        &Options {
            format: Some(Format::Ndjson),
            threads: 2,
            ..Options::default()
        },
    );
    let three = validate_bytes(
        text.as_bytes(),
        &Options {
            format: Some(Format::Ndjson),
            threads: 3,
            ..Options::default()
        },
    );
    assert!(
        one.errors > 100 && one.warnings > 100,
        "{} errors, {} warnings",
        one.errors,
        one.warnings
    );
    assert_eq!(one, two);
    assert_eq!(one, three);
}
