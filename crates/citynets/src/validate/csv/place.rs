//! Places in the file: where each cell of a row starts, and where a value inside the JSON text
//! of a cell is (a problem with the second member count of a `member_counts` cell is placed
//! at that count, not at the cell's start). Both are found again in the row's text as it is in
//! the file, after the `csv` reader or the splitter has read the row, so the hot loops that
//! read cells need not track lines and columns.
//!
//! For a value inside JSON, the cell is found again in the row's text as it is in the file
//! (quoted or not, with its quotes doubled), the JSON inside it is walked down the problem's
//! path, and the line and column of the value's first character are counted in the file's
//! text. Only rows with a problem pay for this.

use super::super::json::scan::{Repeated, value_at};

/// The place of a cell in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Place {
    pub line: u64,
    pub column: u64,
}

/// The places of the cells of one record, found again in its text: `fields` cells, starting at
/// `line`, skipping the line breaks a record may start with.
pub(super) fn places(raw: &[u8], line: u64, delimiter: u8, fields: usize) -> Vec<Place> {
    let mut out = Vec::with_capacity(fields);
    walk_cells(raw, line, delimiter, fields, |place, _| out.push(place));
    out
}

/// The place of cell `cell` (from 0) of a record's text: [`places`] without the list.
pub(super) fn place_of(raw: &[u8], line: u64, delimiter: u8, cell: usize) -> Place {
    let mut last = Place { line, column: 1 };
    walk_cells(raw, line, delimiter, cell + 1, |place, _| last = place);
    last
}

/// [`places`], with the byte offset of each cell in `raw`.
pub(super) fn cells_in(raw: &[u8], line: u64, delimiter: u8, fields: usize) -> Vec<(Place, usize)> {
    let mut out = Vec::with_capacity(fields);
    walk_cells(raw, line, delimiter, fields, |place, at| {
        out.push((place, at))
    });
    out
}

/// Walks the first `fields` cells of a record's text, handing each one's place and byte
/// offset to `cell`. It stops at the start of the last of them: the text of that cell is not
/// read (when the id is a row's first cell, its place is found at once).
fn walk_cells(
    raw: &[u8],
    mut line: u64,
    delimiter: u8,
    fields: usize,
    mut cell: impl FnMut(Place, usize),
) {
    let mut i = 0;
    let mut column = 1;
    while i < raw.len() && (raw[i] == b'\n' || raw[i] == b'\r') {
        if raw[i] == b'\n' {
            line += 1;
        }
        column = 1;
        i += 1;
    }
    for n in 0..fields {
        cell(Place { line, column }, i);
        if n + 1 == fields {
            return;
        }
        if raw.get(i) == Some(&b'"') {
            i += 1;
            column += 1;
            while i < raw.len() {
                let b = raw[i];
                if b == b'"' {
                    if raw.get(i + 1) == Some(&b'"') {
                        i += 2;
                        column += 2;
                        continue;
                    }
                    i += 1;
                    column += 1;
                    break;
                }
                if b == b'\n' {
                    line += 1;
                    column = 1;
                } else if b & 0xC0 != 0x80 {
                    column += 1;
                }
                i += 1;
            }
        }
        while i < raw.len() && raw[i] != delimiter && raw[i] != b'\n' && raw[i] != b'\r' {
            if raw[i] & 0xC0 != 0x80 {
                column += 1;
            }
            i += 1;
        }
        if raw.get(i) == Some(&delimiter) {
            i += 1;
            column += 1;
        }
    }
}

/// The place in the file of the value at `path` (JSON Pointer tokens, below the cell's own
/// value) inside the JSON of the cell that starts at byte `cell` of `raw`, the row's text
/// (cells separated by `delimiter`), with the cell at `at` in the file. `None` when the path
/// is not there (a field that is missing, say) or the cell holds no JSON.
pub(super) fn place_in_cell(
    raw: &[u8],
    delimiter: u8,
    cell: usize,
    at: Place,
    path: &[String],
) -> Option<Place> {
    let quoted = raw.get(cell) == Some(&b'"');
    // The cell's text, and for each of its bytes, where it is in `raw`.
    let mut text = Vec::new();
    let mut from = Vec::new();
    let mut i = cell + usize::from(quoted);
    while let Some(&b) = raw.get(i) {
        // A quote of the text is two in the file: the first one is its place.
        let at = i;
        if quoted && b == b'"' {
            if raw.get(i + 1) != Some(&b'"') {
                break;
            }
            i += 1;
        } else if !quoted && (b == delimiter || b == b'\n' || b == b'\r') {
            break;
        }
        text.push(b);
        from.push(at);
        i += 1;
    }
    let offset = value_at(&text, path, Repeated::Last)?;
    let target = *from.get(offset)?;
    // Counted from the cell's start, whose place is known.
    let mut place = at;
    for &b in raw.get(cell..target)? {
        if b == b'\n' {
            place.line += 1;
            place.column = 1;
        } else if b & 0xC0 != 0x80 {
            place.column += 1;
        }
    }
    Some(place)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path(p: &[&str]) -> Vec<String> {
        p.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn walks_down_objects_and_arrays() {
        let text = br#"[{"a": 1, "b": [10, {"c": "x"}]}, {"a\u0062": 2, "a": 3, "a": 4}]"#;
        let at = |p: &[&str]| value_at(text, &path(p), Repeated::Last).map(|i| &text[i..i + 3]);
        assert_eq!(at(&["0", "a"]), Some(&b"1, "[..]));
        assert_eq!(at(&["0", "b", "1", "c"]), Some(&br#""x""#[..]));
        // An escaped key, and the last of a key given twice.
        assert_eq!(at(&["1", "ab"]), Some(&b"2, "[..]));
        assert_eq!(at(&["1", "a"]), Some(&b"4}]"[..]));
        for missing in [
            &["2"][..],
            &["0", "z"],
            &["0", "b", "2"],
            &["0", "a", "x"],
            &["x"],
        ] {
            assert_eq!(
                value_at(text, &path(missing), Repeated::Last),
                None,
                "{missing:?}"
            );
        }
        assert_eq!(value_at(b"[]", &path(&["0"]), Repeated::Last), None);
        assert_eq!(value_at(b"{}", &path(&["a"]), Repeated::Last), None);
    }

    #[test]
    fn places_count_the_doubled_quotes_and_the_line_breaks_of_the_file() {
        // x,"[{""n"": 1}, {""n"": -5}]"  : the -5 is at column 25 of the line.
        let raw = br#"x,"[{""n"": 1}, {""n"": -5}]""#;
        let cell = Place { line: 7, column: 3 };
        let place = place_in_cell(raw, b',', 2, cell, &path(&["1", "n"])).unwrap();
        assert_eq!(
            place,
            Place {
                line: 7,
                column: 25
            }
        );
        assert_eq!(&raw[24..26], b"-5");
        // Over two lines, with a letter of two bytes before it on the first.
        let raw = "x,\"[{\"\"é\"\": 1},\n {\"\"n\"\": 2}]\"".as_bytes();
        let place = place_in_cell(raw, b',', 2, cell, &path(&["1", "n"])).unwrap();
        assert_eq!(
            place,
            Place {
                line: 8,
                column: 10
            }
        );
        let place = place_in_cell(raw, b',', 2, cell, &path(&["0", "é"])).unwrap();
        assert_eq!(
            place,
            Place {
                line: 7,
                column: 13
            }
        );
        // An unquoted cell, which ends at the delimiter.
        let raw = b"x;[1,2,3];y";
        let place = place_in_cell(raw, b';', 2, cell, &path(&["2"])).unwrap();
        assert_eq!(place, Place { line: 7, column: 8 });
        assert_eq!(place_in_cell(raw, b';', 2, cell, &path(&["3"])), None);
    }

    #[test]
    fn finds_the_places_of_cells() {
        let raw = "a,\"b,\"\"c\"\"\",é\n".as_bytes();
        let p = places(raw, 3, b',', 3);
        assert_eq!(
            p,
            vec![
                Place { line: 3, column: 1 },
                Place { line: 3, column: 3 },
                Place {
                    line: 3,
                    column: 13
                }
            ]
        );
        // A quoted cell over two lines, and a record after a blank line.
        let raw = "\n\"x\ny\",z\n".as_bytes();
        let p = places(raw, 1, b',', 2);
        assert_eq!(
            p,
            vec![Place { line: 2, column: 1 }, Place { line: 3, column: 4 }]
        );
    }

    #[test]
    fn the_place_of_one_cell_is_its_place_in_the_list() {
        for raw in [
            "a,\"b,\"\"c\"\"\",é\n",
            "\n\"x\ny\",z\n",
            "\r\n\r\nü;\"\n\";;last",
            "",
        ] {
            for delimiter in [b',', b';'] {
                let all = places(raw.as_bytes(), 7, delimiter, 6);
                for (cell, place) in all.iter().enumerate() {
                    assert_eq!(
                        place_of(raw.as_bytes(), 7, delimiter, cell),
                        *place,
                        "{raw:?} cell {cell}"
                    );
                }
            }
        }
    }
}
