//! Edit distance between short strings, for "did you mean" suggestions.

/// The Damerau–Levenshtein distance (optimal string alignment) between two strings, counted in
/// characters: insertions, deletions, substitutions and swaps of two neighbours each cost 1.
/// Stops early and returns `max + 1` once the distance is sure to exceed `max`.
///
/// ```
/// use citynets::edit_distance;
///
/// assert_eq!(edit_distance("mobilty", "mobility", 3), 1);
/// assert_eq!(edit_distance("cliamte", "climate", 3), 1);
/// assert_eq!(edit_distance("energy", "peace", 2), 3);
/// ```
pub fn edit_distance(a: &str, b: &str, max: usize) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > max {
        return max + 1;
    }
    let width = b.len() + 1;
    let mut prev2 = vec![0usize; width];
    let mut prev: Vec<usize> = (0..width).collect();
    let mut cur = vec![0usize; width];
    for i in 1..=a.len() {
        cur[0] = i;
        let mut row_min = cur[0];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(prev2[j - 2] + 1);
            }
            cur[j] = d;
            row_min = row_min.min(d);
        }
        if row_min > max {
            return max + 1;
        }
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()].min(max + 1)
}

/// How many typing mistakes a suggestion may repair in a (folded) word: one for words of four
/// letters or fewer, two otherwise. The one tolerance of the vocabularies' and the fields'
/// suggestions.
pub(crate) fn typo_tolerance(key: &str) -> usize {
    if key.chars().count() <= 4 { 1 } else { 2 }
}
