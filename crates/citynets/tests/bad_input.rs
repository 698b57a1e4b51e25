//! Hostile and broken input: every case ends with a clear problem record, never a panic, a
//! stack overflow or a hang.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail loudly

use citynets::DocumentKind;
use citynets::validate::{Code, Format, MAX_DEPTH, Options, validate_bytes, validate_value};
use serde_json::{Value, json};

fn codes(input: &[u8], options: &Options) -> Vec<Code> {
    validate_bytes(input, options)
        .problems
        .iter()
        .map(|p| p.code)
        .collect()
}

fn json_opts() -> Options {
    Options {
        format: Some(Format::Json),
        ..Options::default()
    }
}

fn ndjson_opts() -> Options {
    Options {
        format: Some(Format::Ndjson),
        ..Options::default()
    }
}

#[test]
fn nesting_200000_levels_deep_is_too_deep_not_a_stack_overflow() {
    let depth = 200_000;
    for open in ["[", "{\"a\":"] {
        let text = open.repeat(depth);
        for options in [json_opts(), ndjson_opts()] {
            let report = validate_bytes(text.as_bytes(), &options);
            // Schema errors on the way down may come first; reading stops at the limit.
            assert_eq!(
                report.problems.last().map(|p| p.code),
                Some(Code::TooDeep),
                "{:?}",
                report.problems
            );
            assert!(report.errors <= 3, "{:?}", report.problems);
        }
    }
    // Just inside the limit is read normally (and is simply the wrong shape).
    let inside = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
    assert!(!codes(inside.as_bytes(), &json_opts()).contains(&Code::TooDeep));
    // The same limit guards already-parsed values, checked without recursion.
    let mut v = json!(1);
    for _ in 0..100_000 {
        v = Value::Array(vec![v]);
    }
    let report = validate_value(&v, Some(DocumentKind::Network));
    assert_eq!(report.problems[0].code, Code::TooDeep);
    // Dropping a deeply nested value recurses in serde_json; take it apart by hand.
    let mut cur = v;
    while let Value::Array(mut a) = cur {
        cur = a.pop().unwrap_or(Value::Null);
    }
}

#[test]
fn a_64_megabyte_string_is_too_long_and_read_in_pieces() {
    let mut text = Vec::with_capacity(64 * 1024 * 1024 + 100);
    text.extend_from_slice(br#"{"id": "x", "name": ""#);
    text.resize(text.len() + 64 * 1024 * 1024, b'a');
    text.extend_from_slice(b"\"}");
    let report = validate_bytes(
        &text,
        &Options {
            document: Some(DocumentKind::Network),
            ..Options::default()
        },
    );
    assert_eq!(report.errors, 1, "{:?}", report.problems);
    let p = &report.problems[0];
    assert_eq!(p.code, Code::TooLong);
    assert_eq!(p.instance_location, "/name");
    assert!(
        p.error.len() < 300,
        "the message quotes the whole string: {} bytes",
        p.error.len()
    );
}

#[test]
fn random_bytes_give_problems_not_panics() {
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    for round in 0..300 {
        let len = 1 + (round * 37) % 3000;
        let bytes: Vec<u8> = (0..len)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                (state >> 24) as u8
            })
            .collect();
        for options in [json_opts(), ndjson_opts(), Options::default()] {
            let report = validate_bytes(&bytes, &options);
            assert!(report.errors > 0, "random bytes accepted: {bytes:?}");
        }
    }
}

#[test]
fn every_prefix_of_a_record_is_handled() {
    let record = serde_json::to_vec(citynets::ghent().get("Eurocities").unwrap()).unwrap();
    let opts = Options {
        document: Some(DocumentKind::Network),
        format: Some(Format::Json),
        ..Options::default()
    };
    assert_eq!(validate_bytes(&record, &opts).errors, 0);
    for end in 0..record.len() {
        let report = validate_bytes(&record[..end], &opts);
        assert!(report.errors > 0, "prefix of {end} bytes accepted");
    }
}

#[test]
fn top_level_scalars_and_stray_text() {
    for (input, code) in [
        (&b"42"[..], Code::InvalidType),
        (b"true", Code::InvalidType),
        (b"null", Code::InvalidType),
        (b"[] []", Code::Syntax),
        (b"{} x", Code::Syntax),
        (b"[1,]", Code::Syntax),
        (b"{\"a\" 1}", Code::Syntax),
        (b"{'a': 1}", Code::Syntax),
        (b"[01]", Code::Syntax),
        (b"[1.]", Code::Syntax),
        (b"[-]", Code::Syntax),
        (b"[\"\\ud800\"]", Code::Syntax),
        (b"[\"a\nb\"]", Code::Syntax),
        (b"[\"\\x\"]", Code::Syntax),
        (b"\xff\xfe[\x00]\x00", Code::Encoding),
        (b"[\xc3]", Code::Encoding),
    ] {
        let got = codes(input, &json_opts());
        assert!(
            got.contains(&code),
            "{:?}: {got:?}",
            String::from_utf8_lossy(input)
        );
    }
}

#[test]
fn ndjson_goes_on_after_a_bad_line() {
    let input = b"{\"id\": \"a\", \"name\": \"A\"}\n{\"id\": \n\n{\"id\": \"b\", \"name\": \"B\", \"scope\": 1}\n\xff\xfe\n{\"id\": \"c\", \"name\": \"C\"} trailing\n";
    let report = validate_bytes(input, &ndjson_opts());
    // Records are counted from 1, the blank third line not counted; `line` says where.
    let got: Vec<(Option<u64>, Option<u64>, Code)> = report
        .problems
        .iter()
        .map(|p| (p.record, p.line, p.code))
        .collect();
    assert_eq!(
        got,
        vec![
            (Some(2), Some(2), Code::Syntax),
            (Some(3), Some(4), Code::InvalidType),
            (Some(3), Some(4), Code::UnknownVariant),
            (Some(4), Some(5), Code::Encoding),
            (Some(5), Some(6), Code::Syntax)
        ],
        "{:?}",
        report.problems
    );
}

/// Byte-level mutants of a valid record: whenever the result still parses as JSON, the verdict
/// is the independent validator's.
#[test]
fn byte_mutants_that_still_parse_get_the_schema_verdict() {
    let schema: Value =
        serde_json::from_str(&citynets::schema::schema_json(DocumentKind::Network)).unwrap();
    let v = jsonschema::draft202012::new(&schema).unwrap();
    let record = serde_json::to_vec(citynets::ghent().get("ECCAR").unwrap()).unwrap();
    let opts = Options {
        document: Some(DocumentKind::Network),
        format: Some(Format::Json),
        ..Options::default()
    };
    let mut state = 12345u64;
    let mut parsed = 0;
    for _ in 0..3000 {
        let mut m = record.clone();
        for _ in 0..1 + (state % 3) {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let i = (state >> 33) as usize % m.len();
            let choices = b" \"{}[],:0123456789-.eEtruefalsnl\\/aZ";
            m[i] = choices[(state >> 20) as usize % choices.len()];
        }
        let ours = validate_bytes(&m, &opts);
        match serde_json::from_slice::<Value>(&m) {
            Ok(value) => {
                // Duplicate keys are read as the last one wins by both; skip texts serde_json
                // reads differently from JSON Schema validators (none expected here).
                parsed += 1;
                let theirs = v.iter_errors(&value).count() as u64;
                assert_eq!(
                    ours.errors,
                    theirs,
                    "{}\n{:?}",
                    String::from_utf8_lossy(&m),
                    ours.problems
                );
            }
            Err(_) => assert!(
                ours.errors > 0,
                "unparseable text accepted: {}",
                String::from_utf8_lossy(&m)
            ),
        }
    }
    assert!(parsed > 300, "only {parsed} mutants parsed");
}

#[test]
fn ndjson_without_records_is_one_error() {
    for input in [&b""[..], b"\n\n  \n", b" "] {
        for threads in [1, 2] {
            let report = validate_bytes(
                input,
                &Options {
                    format: Some(Format::Ndjson),
                    threads,
                    ..Options::default()
                },
            );
            assert_eq!(report.errors, 1, "{input:?}: {:?}", report.problems);
            assert_eq!(report.problems.len(), 1);
        }
    }
}
