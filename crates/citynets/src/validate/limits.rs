//! How deep a value nests, measured one way for every reader of values already parsed.
//!
//! The streaming readers count depth as they read, but values given whole (to
//! `validate_value`, or as the records a table maps) are measured here, without recursion so
//! that a hostile value cannot exhaust the stack. The limit itself is
//! [`MAX_DEPTH`](super::MAX_DEPTH), and the problem it raises is
//! [`Problem::too_deep`](super::Problem::too_deep).

#[cfg(feature = "csv")]
use serde_json::Value;

use super::{Code, Options, Problem, Report, Severity, messages};

/// Whether a reader may stop: the report so far holds the errors `--max-errors` asks for.
pub(crate) fn enough_errors(options: &Options, errors: u64) -> bool {
    options.max_errors.is_some_and(|max| errors >= max)
}

/// The report cut at the Nth error when `options.max_errors` is N and it has that many: the
/// problems after it are dropped (the counts stay those of the part read), and one
/// `too_many_problems` warning says so. The one place the limit is applied, whatever the
/// reader.
pub(crate) fn stop_at_errors(mut report: Report, options: &Options) -> Report {
    let Some(max) = options.max_errors else {
        return report;
    };
    if report.errors < max {
        return report;
    }
    let mut errors = 0;
    let cut = report.problems.iter().position(|p| {
        errors += u64::from(p.severity == Severity::Error);
        errors >= max
    });
    if let Some(at) = cut {
        report.problems.truncate(at + 1);
    }
    report.problems.push(
        Problem::warning(Code::TooManyProblems, messages::stopped_at_errors(max))
            .path(options.path.clone()),
    );
    report.warnings += 1;
    report
}

/// Whether `value` nests containers more than `limit` deep (a scalar is 0 deep, `[]` and `{}`
/// are 1 deep, `[[1]]` is 2 deep).
#[cfg(feature = "csv")]
pub(crate) fn nests_deeper_than(value: &Value, limit: usize) -> bool {
    let mut stack = vec![(value, 1usize)];
    while let Some((v, depth)) = stack.pop() {
        let children: Box<dyn Iterator<Item = &Value>> = match v {
            Value::Array(a) => Box::new(a.iter()),
            Value::Object(o) => Box::new(o.values()),
            _ => continue,
        };
        if depth > limit {
            return true;
        }
        stack.extend(children.map(|c| (c, depth + 1)));
    }
    false
}

#[cfg(all(test, feature = "csv"))]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn depth_counts_containers_only() {
        assert!(!nests_deeper_than(&json!(1), 0));
        assert!(nests_deeper_than(&json!([]), 0));
        assert!(!nests_deeper_than(&json!([]), 1));
        assert!(nests_deeper_than(&json!({"a": [[1]]}), 2));
        assert!(!nests_deeper_than(&json!({"a": [[1]]}), 3));
    }

    #[test]
    fn the_deepest_branch_counts() {
        let v = json!([1, {"a": {"b": [{}]}}, []]);
        assert!(nests_deeper_than(&v, 4));
        assert!(!nests_deeper_than(&v, 5));
    }

    #[test]
    fn very_deep_values_do_not_overflow_the_stack() {
        let mut v = json!(0);
        for _ in 0..100_000 {
            v = Value::Array(vec![v]);
        }
        assert!(nests_deeper_than(&v, super::super::MAX_DEPTH));
        // Dropping such a value recurses in serde_json; take it apart by hand.
        while let Value::Array(mut a) = v {
            v = a.pop().unwrap_or(Value::Null);
        }
    }
}
