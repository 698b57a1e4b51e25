//! The gazetteer's two embedded files, read in place: a place by its GeoNames id and the ids
//! of a name key, each found by a binary search over the sorted lines of the text. Nothing is
//! built at start and nothing is kept: a lookup reads about twenty lines and allocates only
//! what it returns.

use std::cmp::Ordering;

use citynets_gazetteer::{CITIES, NAMES};

use super::place::Place;

/// The line of sorted `text` for which `cmp` (comparing the line with what is sought) gives
/// `Equal`, found by halving the text by bytes and moving to the start of a line.
fn find_line(text: &'static str, cmp: impl Fn(&str) -> Ordering) -> Option<&'static str> {
    let bytes = text.as_bytes();
    let (mut lo, mut hi) = (0usize, bytes.len());
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        // The start of the line that holds byte `mid` (never before `lo`, which is always a
        // line start).
        let start = memchr::memrchr(b'\n', bytes.get(lo..mid)?).map_or(lo, |i| lo + i + 1);
        let end = memchr::memchr(b'\n', bytes.get(start..)?).map_or(bytes.len(), |i| start + i);
        let line = text.get(start..end)?;
        match cmp(line) {
            Ordering::Equal => return Some(line),
            Ordering::Less => lo = end + 1,
            Ordering::Greater => hi = start,
        }
    }
    None
}

/// The first field of a line (up to its first tab).
fn first_field(line: &str) -> &str {
    line.split('\t').next().unwrap_or(line)
}

/// The place with GeoNames id `id`.
pub(crate) fn place(id: u32) -> Option<Place> {
    let line = find_line(CITIES, |line| {
        first_field(line)
            .parse::<u32>()
            .map_or(Ordering::Greater, |have| have.cmp(&id))
    })?;
    parse_place(line)
}

/// Every place, in the order of their ids.
pub(crate) fn places() -> impl Iterator<Item = Place> {
    CITIES.lines().filter_map(parse_place)
}

/// A line of `cities.tsv` read: `id country admin1 population name english local`.
fn parse_place(line: &'static str) -> Option<Place> {
    let mut f = line.split('\t');
    let geonames_id = f.next()?.parse().ok()?;
    let country = f.next()?;
    let admin1 = f.next()?;
    let population = f.next()?.parse().ok()?;
    let name = f.next()?;
    let english = f.next().filter(|s| !s.is_empty()).unwrap_or(name);
    let local = f.next().filter(|s| !s.is_empty()).unwrap_or(name);
    Some(Place {
        geonames_id,
        country,
        admin1,
        population,
        name,
        english,
        local,
    })
}

/// One place a name key names, and whether the name is one of the place's own (its main name
/// or a preferred name in some language) rather than only an alternate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Named {
    pub id: u32,
    pub own: bool,
}

/// The places name key `key` (a folded name) names, the most populous first.
pub(crate) fn named(key: &str) -> impl Iterator<Item = Named> {
    let line = find_line(NAMES, |line| first_field(line).cmp(key));
    line.and_then(|l| l.split_once('\t'))
        .map(|(_, ids)| ids)
        .into_iter()
        .flat_map(|ids| ids.split(','))
        .filter_map(|id| match id.strip_prefix('~') {
            Some(alt) => Some(Named {
                id: alt.parse().ok()?,
                own: false,
            }),
            None => Some(Named {
                id: id.parse().ok()?,
                own: true,
            }),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_and_last_lines_are_found() {
        let first = CITIES.lines().next().and_then(parse_place);
        let last = CITIES.lines().last().and_then(parse_place);
        for p in [first, last].into_iter().flatten() {
            assert_eq!(place(p.geonames_id), Some(p));
        }
        let first_key = NAMES.lines().next().map(first_field).unwrap_or_default();
        let last_key = NAMES.lines().last().map(first_field).unwrap_or_default();
        assert!(named(first_key).next().is_some());
        assert!(named(last_key).next().is_some());
    }

    #[test]
    fn what_is_not_there_is_not_found() {
        assert_eq!(place(0), None);
        assert_eq!(place(u32::MAX), None);
        assert_eq!(named("").count(), 0);
        assert_eq!(named("zzzz no such place").count(), 0);
        assert_eq!(named("\u{10FFFF}").count(), 0);
    }
}
