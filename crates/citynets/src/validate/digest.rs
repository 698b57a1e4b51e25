//! A report folded for people: problems that say the same thing (same code, severity, column,
//! place in the record and message) on many records are shown once, at the first, with the
//! records of the others, and the problems are counted by code and by column.
//!
//! The report itself keeps one problem per record, as the schema's verdict and the JSON output
//! require; only what a person reads is folded. A spreadsheet whose header lacks a column has
//! the same problem on every row: folded, it is one problem "and 162 more rows".
//!
//! Memory: at most [`MAX_GROUPS`] distinct problems are tracked; a problem first seen past that
//! is shown on its own, as it would be without folding.

use std::collections::HashMap;

use super::{Code, Problem};

/// How many distinct problems are folded; later new ones are shown one by one.
pub const MAX_GROUPS: usize = 4096;

/// How many records of the folded problems a [`Shown`] lists.
pub const LISTED: usize = 8;

/// A problem to show, and those it stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shown {
    /// Its index in the problems folded.
    pub index: usize,
    /// How many later problems say the same thing (not shown).
    pub more: u64,
    /// The records of the first [`LISTED`] of them.
    pub records: Vec<u64>,
}

/// The problems to show, in order, each standing for the later ones that say the same thing.
///
/// ```
/// use citynets::validate::{Code, Problem, digest};
///
/// let missing = |row| Problem::error(Code::MissingField, "no member").record(Some(row));
/// let problems = vec![missing(1), missing(2), Problem::error(Code::Syntax, "bad"), missing(3)];
/// let shown = digest::fold(&problems);
/// assert_eq!(shown.len(), 2);
/// assert_eq!((shown[0].index, shown[0].more), (0, 2));
/// assert_eq!(shown[0].records, [2, 3]);
/// assert_eq!((shown[1].index, shown[1].more), (2, 0));
/// ```
pub fn fold(problems: &[Problem]) -> Vec<Shown> {
    let mut shown: Vec<Shown> = Vec::new();
    let mut groups: HashMap<Key<'_>, usize> = HashMap::new();
    for (index, p) in problems.iter().enumerate() {
        let key = Key::of(p);
        if let Some(&at) = groups.get(&key)
            && let Some(s) = shown.get_mut(at)
        {
            s.more += 1;
            if s.records.len() < LISTED
                && let Some(r) = p.record
            {
                s.records.push(r);
            }
            continue;
        }
        if groups.len() < MAX_GROUPS {
            groups.insert(key, shown.len());
        }
        shown.push(Shown {
            index,
            more: 0,
            records: Vec::new(),
        });
    }
    shown
}

/// How many problems of each code, and of each column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tally {
    /// Problems by code, most first (then in the order the codes are declared).
    pub codes: Vec<(Code, u64)>,
    /// Problems by column (tables only), most first (then by column name).
    pub columns: Vec<(String, u64)>,
}

/// How many problems of each code, and of each column (tables only).
pub fn tally(problems: &[Problem]) -> Tally {
    let mut codes: HashMap<Code, u64> = HashMap::new();
    let mut columns: HashMap<&str, u64> = HashMap::new();
    for p in problems {
        *codes.entry(p.code).or_default() += 1;
        if let Some(c) = &p.column_name {
            *columns.entry(c.as_str()).or_default() += 1;
        }
    }
    let mut codes: Vec<(Code, u64)> = codes.into_iter().collect();
    codes.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut columns: Vec<(String, u64)> = columns
        .into_iter()
        .map(|(c, n)| (c.to_owned(), n))
        .collect();
    columns.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    Tally { codes, columns }
}

/// What makes two problems say the same thing: everything but where they are.
#[derive(Debug, PartialEq, Eq, Hash)]
struct Key<'a> {
    code: Code,
    error: &'a str,
    instance: &'a str,
    keyword: &'a str,
    column: Option<&'a str>,
    suggestion: Option<&'a str>,
    warning: bool,
}

impl<'a> Key<'a> {
    fn of(p: &'a Problem) -> Key<'a> {
        Key {
            code: p.code,
            error: &p.error,
            instance: &p.instance_location,
            keyword: &p.keyword_location,
            column: p.column_name.as_deref(),
            suggestion: p.suggestion.as_deref(),
            warning: p.severity == super::Severity::Warning,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_problem_on_many_rows_is_shown_once_with_its_rows() {
        let unknown = |row| {
            Problem::error(Code::UnknownField, "unknown column \"city\"")
                .record(Some(row))
                .column_name(Some("city"))
        };
        let mut problems: Vec<Problem> = (1..=20).map(unknown).collect();
        problems.insert(3, unknown(4).column_name(Some("country")));
        let shown = fold(&problems);
        assert_eq!(shown.len(), 2);
        assert_eq!(shown[0].more, 19);
        assert_eq!(shown[0].records, [2, 3, 4, 5, 6, 7, 8, 9]);
        assert_eq!(shown[1].index, 3);
        let t = tally(&problems);
        assert_eq!(t.codes, [(Code::UnknownField, 21)]);
        assert_eq!(
            t.columns,
            [("city".to_owned(), 20), ("country".to_owned(), 1)]
        );
    }

    #[test]
    fn past_the_cap_new_problems_are_shown_one_by_one() {
        let mut problems: Vec<Problem> = (0..MAX_GROUPS + 2)
            .map(|n| Problem::error(Code::Syntax, format!("problem {n}")))
            .collect();
        problems.push(Problem::error(Code::Syntax, "problem 0"));
        let last = format!("problem {}", MAX_GROUPS + 1);
        problems.push(Problem::error(Code::Syntax, last));
        let shown = fold(&problems);
        // The first is folded with its repeat; the one past the cap is shown twice.
        assert_eq!(shown[0].more, 1);
        assert_eq!(shown.len(), MAX_GROUPS + 3);
    }
}
