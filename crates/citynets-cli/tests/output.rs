//! The human and JSON outputs of `citynets validate`, on hand-made reports (independent of
//! the validation engine).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use citynets::validate::{Code, Problem, Report, Severity};
use citynets_cli::output::{
    FileOutput, HumanOptions, IoFailure, JsonOutput, SourceLines, write_human,
};

fn problem(line: Option<u64>, column: Option<u64>, code: Code, error: &str) -> Problem {
    Problem {
        path: Some("networks.json".into()),
        instance_location: "/0/scope".into(),
        keyword_location: "/properties/scope/enum".into(),
        record: Some(0),
        line,
        column,
        code,
        severity: Severity::Error,
        error: error.into(),
        suggestion: None,
        column_name: None,
        cell: None,
    }
}

fn report(problems: Vec<Problem>) -> Report {
    let errors = problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .count() as u64;
    let warnings = problems.len() as u64 - errors;
    Report {
        problems,
        errors,
        warnings,
        records: 3,
    }
}

/// The human output for `text` as the file's content.
fn human(text: &str, report: &Report, options: HumanOptions) -> String {
    let lines = SourceLines::read(text.as_bytes(), report).unwrap();
    let mut out = Vec::new();
    write_human(&mut out, "networks.json", report, &lines, options).unwrap();
    String::from_utf8(out).unwrap()
}

/// The character of the excerpt line that the `^` of the next line points at.
fn marked_chars(output: &str) -> Vec<char> {
    let lines: Vec<&str> = output.lines().collect();
    let mut marked = Vec::new();
    for pair in lines.windows(2) {
        if let Some(caret) = pair[1].chars().position(|c| c == '^') {
            let c = pair[0]
                .chars()
                .nth(caret)
                .expect("the marker is within the line");
            marked.push(c);
        }
    }
    marked
}

#[test]
fn the_marker_counts_columns_in_code_points() {
    // "Gënt", the dash and "Société" hold multi-byte characters before the offending value.
    let text = "[\n  {\"id\": \"gent\", \"name\": \"Gënt — Société\", \"scope\": \"europe\"}\n]\n";
    let line = text.lines().nth(1).unwrap();
    let byte = line.find("\"europe\"").unwrap();
    let column = line[..byte].chars().count() as u64 + 1;
    assert!(
        column < byte as u64 + 1,
        "the line must hold multi-byte characters"
    );

    let mut p = problem(
        Some(2),
        Some(column),
        Code::UnknownVariant,
        "not a Scope value",
    );
    p.suggestion = Some("european".into());
    let out = human(text, &report(vec![p]), HumanOptions::default());
    assert!(
        out.starts_with(&format!(
            "networks.json:2:{column}: error[unknown_variant]: not a Scope value\n"
        )),
        "{out}"
    );
    assert!(
        out.contains(" 2 |   {\"id\": \"gent\", \"name\": \"Gënt — Société\""),
        "{out}"
    );
    assert_eq!(marked_chars(&out), vec!['"']);
    let marker_line = out.lines().find(|l| l.contains('^')).unwrap();
    let excerpt_line = out.lines().find(|l| l.starts_with(" 2 |")).unwrap();
    let caret = marker_line.chars().position(|c| c == '^').unwrap();
    let rest: String = excerpt_line.chars().skip(caret).collect();
    assert!(rest.starts_with("\"europe\""), "{out}");
    assert!(
        out.contains("  = help: did you mean \"european\"?\n"),
        "{out}"
    );
}

#[test]
fn wide_characters_take_two_columns_under_the_marker() {
    let text = "{\"id\": \"x\", \"name\": \"根特\", \"kind\": \"netwerk\"}\n";
    let byte = text.find("\"netwerk\"").unwrap();
    let column = text[..byte].chars().count() as u64 + 1;
    let out = human(
        text,
        &report(vec![problem(
            Some(1),
            Some(column),
            Code::UnknownVariant,
            "bad kind",
        )]),
        HumanOptions::default(),
    );
    let marker_line = out.lines().find(|l| l.contains('^')).unwrap();
    let excerpt_line = out.lines().find(|l| l.starts_with(" 1 |")).unwrap();
    // Two wide characters: the marker sits two terminal columns further than the code points.
    let caret = marker_line.chars().position(|c| c == '^').unwrap();
    let before = excerpt_line.find("\"netwerk\"").unwrap();
    let code_points = excerpt_line[..before].chars().count();
    assert_eq!(caret, code_points + 2, "{out}");
}

#[test]
fn long_lines_are_cut_around_the_column() {
    let filler = "x".repeat(500);
    let text = format!(
        "{{\"id\": \"a\", \"name\": \"{filler}\", \"scope\": \"europe\", \"note\": \"{filler}\"}}\n"
    );
    let byte = text.find("\"europe\"").unwrap();
    let column = text[..byte].chars().count() as u64 + 1;
    let out = human(
        &text,
        &report(vec![problem(
            Some(1),
            Some(column),
            Code::UnknownVariant,
            "bad",
        )]),
        HumanOptions::default(),
    );
    let excerpt_line = out.lines().find(|l| l.starts_with(" 1 |")).unwrap();
    let shown = excerpt_line.trim_start_matches(" 1 | ");
    assert!(shown.starts_with('…') && shown.ends_with('…'), "{shown}");
    assert!(shown.chars().count() <= 122, "{}", shown.chars().count());
    assert_eq!(marked_chars(&out), vec!['"']);
    let caret = out
        .lines()
        .find(|l| l.contains('^'))
        .unwrap()
        .chars()
        .position(|c| c == '^')
        .unwrap();
    let rest: String = excerpt_line.chars().skip(caret).collect();
    assert!(rest.starts_with("\"europe\""), "{out}");
}

#[test]
fn several_problems_far_apart_on_one_minified_line_each_get_their_excerpt() {
    let records: Vec<String> = (0..200)
        .map(|i| format!("{{\"id\": \"n{i}\", \"name\": \"Network {i}\"}}"))
        .collect();
    let mut text = format!("[{}]", records.join(", "));
    text.push('\n');
    let first = text.find("\"n0\"").unwrap();
    let last = text.find("\"n199\"").unwrap();
    let col = |byte: usize| text[..byte].chars().count() as u64 + 1;
    let out = human(
        &text,
        &report(vec![
            problem(Some(1), Some(col(first)), Code::Pattern, "first"),
            problem(Some(1), Some(col(last)), Code::Pattern, "last"),
        ]),
        HumanOptions::default(),
    );
    assert_eq!(marked_chars(&out), vec!['"', '"'], "{out}");
    assert!(out.contains("\"n199\""), "{out}");
}

#[test]
fn a_column_past_the_end_of_the_line_puts_the_marker_after_it() {
    let text = "[{\"id\": \"a\"\n";
    let out = human(
        text,
        &report(vec![problem(
            Some(1),
            Some(12),
            Code::Syntax,
            "unexpected end of input",
        )]),
        HumanOptions::default(),
    );
    let marker_line = out.lines().find(|l| l.contains('^')).unwrap();
    assert_eq!(marker_line, format!("   | {}^", " ".repeat(11)), "{out}");
}

#[test]
fn crlf_line_ends_and_tabs_do_not_show() {
    let text = "[\r\n\t{\"id\": 5}\r\n]\r\n";
    let out = human(
        text,
        &report(vec![problem(
            Some(2),
            Some(9),
            Code::InvalidType,
            "expected a string",
        )]),
        HumanOptions::default(),
    );
    assert!(out.contains(" 2 |  {\"id\": 5}\n"), "{out}");
    assert_eq!(marked_chars(&out), vec!['5']);
}

#[test]
fn problems_without_a_line_have_no_excerpt() {
    let mut p = problem(
        None,
        None,
        Code::MissingField,
        "the field \"name\" is required",
    );
    p.instance_location = "/networks/3".into();
    p.record = Some(3);
    let out = human("whatever\n", &report(vec![p]), HumanOptions::default());
    assert_eq!(
        out,
        "networks.json: error[missing_field]: the field \"name\" is required\n  = at: /networks/3 (record 3)\n\nnetworks.json: 1 error\n"
    );
}

#[test]
fn a_line_that_cannot_be_read_is_left_out() {
    let p = problem(Some(7), Some(3), Code::Syntax, "bad");
    let out = human("only one line\n", &report(vec![p]), HumanOptions::default());
    assert_eq!(
        out,
        "networks.json:7:3: error[syntax]: bad\n\nnetworks.json: 1 error\n"
    );
}

#[test]
fn summary_lines() {
    let valid = Report {
        records: 38,
        ..Report::default()
    };
    assert_eq!(
        human("", &valid, HumanOptions::default()),
        "networks.json: valid (38 records)\n"
    );
    let one = Report {
        records: 1,
        ..Report::default()
    };
    assert_eq!(
        human("", &one, HumanOptions::default()),
        "networks.json: valid (1 record)\n"
    );

    let mut w = problem(None, None, Code::DuplicateKey, "duplicate key");
    w.severity = Severity::Warning;
    w.record = None;
    w.instance_location = String::new();
    let warned = report(vec![w]);
    let out = human("", &warned, HumanOptions::default());
    assert!(
        out.ends_with("networks.json: valid (3 records), 1 warning\n"),
        "{out}"
    );
    let strict = HumanOptions {
        strict: true,
        ..HumanOptions::default()
    };
    let out = human("", &warned, strict);
    assert!(
        out.ends_with("networks.json: 1 warning (invalid with --strict)\n"),
        "{out}"
    );

    let mut truncated = report(vec![problem(None, None, Code::Syntax, "bad")]);
    truncated.errors = 12_000;
    let out = human("", &truncated, HumanOptions::default());
    assert!(
        out.ends_with("networks.json: 12000 errors; the first 1 are shown\n"),
        "{out}"
    );
}

/// A small invalid NDJSON file and the report the engine is expected to give for it.
fn fixture() -> (String, Report) {
    let text = concat!(
        "{\"id\": \"eurocities\", \"name\": \"Eurocities\", \"policy_areas\": [\"mobilty\"]}\n",
        "{\"id\": \"Gent Stad\", \"name\": \"Gënt — Ville de Gand\", \"scope\": \"europe\"}\n",
        "{\"id\": \"luci\", \"name\": \"LUCI\", \"name\": \"Lighting Urban Community International\"}\n",
        "{\"id\": \"polis\"\n",
    )
    .to_owned();
    let at = |line: usize, needle: &str| -> (Option<u64>, Option<u64>) {
        let l = text.lines().nth(line - 1).unwrap();
        let byte = l.find(needle).unwrap();
        (
            Some(line as u64),
            Some(l[..byte].chars().count() as u64 + 1),
        )
    };
    let mk = |(line, column): (Option<u64>, Option<u64>),
              record: u64,
              pointer: &str,
              keyword: &str,
              code: Code,
              severity: Severity,
              error: &str,
              suggestion: Option<&str>| Problem {
        path: Some("networks.ndjson".into()),
        instance_location: pointer.into(),
        keyword_location: keyword.into(),
        record: Some(record),
        line,
        column,
        code,
        severity,
        error: error.into(),
        suggestion: suggestion.map(Into::into),
        column_name: None,
        cell: None,
    };
    let problems = vec![
        mk(
            at(1, "\"mobilty\""),
            1,
            "/policy_areas/0",
            "/properties/policy_areas/anyOf/0/items/enum",
            Code::UnknownVariant,
            Severity::Error,
            "\"mobilty\" is not a PolicyArea value",
            Some("mobility"),
        ),
        mk(
            at(2, "\"Gent Stad\""),
            2,
            "/id",
            "/properties/id/pattern",
            Code::Pattern,
            Severity::Error,
            "\"Gent Stad\" is not a lower-case slug such as \"climate-alliance\"",
            None,
        ),
        mk(
            at(2, "\"europe\""),
            2,
            "/scope",
            "/properties/scope/anyOf/0/enum",
            Code::UnknownVariant,
            Severity::Error,
            "\"europe\" is not a Scope value",
            Some("european"),
        ),
        mk(
            at(3, "\"name\": \"Lighting"),
            3,
            "/name",
            "",
            Code::DuplicateKey,
            Severity::Warning,
            "the key \"name\" appears twice; the last value is the one validated",
            None,
        ),
        mk(
            (Some(4), Some(15)),
            4,
            "",
            "",
            Code::Syntax,
            Severity::Error,
            "unexpected end of the line: expected `,` or `}`",
            None,
        ),
    ];
    let report = Report {
        problems,
        errors: 4,
        warnings: 1,
        records: 4,
    };
    (text, report)
}

#[test]
fn snapshot_human_output() {
    let (text, report) = fixture();
    let out = human(&text, &report, HumanOptions::default());
    insta::assert_snapshot!("human_output", out);
}

#[test]
fn snapshot_human_output_in_colour() {
    let (text, report) = fixture();
    let colour = HumanOptions {
        colour: true,
        ..HumanOptions::default()
    };
    let out = human(&text, &report, colour);
    assert!(
        out.contains("\x1b[1;31merror[unknown_variant]\x1b[0m"),
        "{out}"
    );
    assert!(
        out.contains("\x1b[1;33mwarning[duplicate_key]\x1b[0m"),
        "{out}"
    );
    // The same text once the escapes are taken out.
    let plain = human(&text, &report, HumanOptions::default());
    assert_eq!(strip_ansi(&out), plain);
    insta::assert_snapshot!("human_output_colour", out.replace('\x1b', "<ESC>"));
}

#[test]
fn no_colour_unless_asked() {
    let (text, report) = fixture();
    assert!(!human(&text, &report, HumanOptions::default()).contains('\x1b'));
}

fn strip_ansi(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            for d in chars.by_ref() {
                if d == 'm' {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[test]
fn json_output_has_the_basic_shape() {
    let (_, report) = fixture();
    let strict_false = FileOutput::new("networks.ndjson", report.clone(), false);
    let clean = FileOutput::new(
        "ok.json",
        Report {
            records: 38,
            ..Report::default()
        },
        false,
    );
    let doc = JsonOutput::new(
        vec![strict_false, clean],
        vec![IoFailure {
            path: "missing.json".into(),
            error: "cannot open: No such file or directory (os error 2)".into(),
        }],
    );
    let text = doc.to_json();
    assert!(text.ends_with("}\n"));
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["valid"], false);
    assert_eq!(v["files"].as_array().unwrap().len(), 2);
    let f = &v["files"][0];
    assert_eq!(f["path"], "networks.ndjson");
    assert_eq!(f["valid"], false);
    assert_eq!(f["errorCount"], 4);
    assert_eq!(f["warningCount"], 1);
    assert_eq!(f["recordCount"], 4);
    let errors = f["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 5);
    let first = &errors[0];
    for key in [
        "path",
        "instanceLocation",
        "keywordLocation",
        "record",
        "line",
        "column",
        "code",
        "severity",
        "error",
        "suggestion",
    ] {
        assert!(first.get(key).is_some(), "{key} missing in {first}");
    }
    assert_eq!(first["code"], "unknown_variant");
    assert_eq!(first["severity"], "error");
    assert_eq!(first["instanceLocation"], "/policy_areas/0");
    assert_eq!(first["suggestion"], "mobility");
    assert_eq!(errors[3]["severity"], "warning");
    assert_eq!(v["files"][1]["valid"], true);
    assert_eq!(v["files"][1]["errors"], serde_json::json!([]));
    assert_eq!(v["ioErrors"][0]["path"], "missing.json");
    assert!(
        v["ioErrors"][0]["error"]
            .as_str()
            .unwrap()
            .contains("cannot open")
    );

    // Problems come back unchanged.
    let back: Vec<Problem> = serde_json::from_value(f["errors"].clone()).unwrap();
    assert_eq!(back, report.problems);
}

#[test]
fn json_output_validity() {
    let warned = Report {
        problems: Vec::new(),
        errors: 0,
        warnings: 2,
        records: 1,
    };
    let lax = JsonOutput::new(
        vec![FileOutput::new("a.json", warned.clone(), false)],
        vec![],
    );
    assert!(lax.valid);
    let strict = JsonOutput::new(vec![FileOutput::new("a.json", warned, true)], vec![]);
    assert!(!strict.valid);
    assert!(!strict.files[0].valid);
    let empty = JsonOutput::new(vec![], vec![]);
    assert!(empty.valid);
    let v: serde_json::Value = serde_json::from_str(&empty.to_json()).unwrap();
    assert_eq!(
        v,
        serde_json::json!({"valid": true, "files": [], "ioErrors": []})
    );
}

/// `-q` writes the summary line only; problems said the same on many records are folded.
#[test]
fn quiet_output_is_the_summary_and_repeats_are_folded() {
    let p = |record| {
        Problem::error(
            Code::MissingField,
            "the required field \"member\" is missing",
        )
        .record(Some(record))
    };
    let r = report((1..=4).map(p).collect());
    let quiet = HumanOptions {
        quiet: true,
        ..HumanOptions::default()
    };
    let out = human("", &r, quiet);
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(out.starts_with("networks.json: 4 errors"), "{out}");
    let out = human("", &r, HumanOptions::default());
    assert_eq!(out.matches("error[missing_field]").count(), 1, "{out}");
    assert!(out.contains("= also in 3 more records: 2, 3, 4"), "{out}");
    assert!(out.contains("by code: missing_field 4"), "{out}");
}
