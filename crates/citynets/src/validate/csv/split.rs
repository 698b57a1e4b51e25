//! Rows and cells of decoded CSV text, split exactly as the `csv` crate's reader splits them
//! (quotes on, `""` for a quote inside quotes, no escape character, no comments, and `\n`,
//! `\r` or `\r\n` ending a record), but over text already in memory and known to be UTF-8:
//! nothing is copied to be read and nothing is checked twice.
//!
//! The reader's rules, which this follows step by step:
//! - line breaks where a record would start are skipped: an empty line is no record;
//! - a quote opens a quoted cell only as the cell's first character; inside, `""` is a quote
//!   and a lone quote closes it; text after the closing quote joins the cell (`"ab"c` is
//!   `abc`);
//! - a quote anywhere else is text (`12" vinyl`);
//! - a quoted cell left open runs to the end of the text.

use crate::words::{control, equal_exactly, equal_to, first, flag_bits, word};

/// Where a record lies in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Span {
    /// The offset of the record's first byte (after the line breaks skipped before it).
    pub start: usize,
    /// The offset just past its line break (or the end of the text).
    pub end: usize,
    /// The line of its first byte, counted from 1 at the start of the text.
    pub line: u64,
}

/// Reads the records of `text` one by one.
pub(super) struct Splitter<'a> {
    text: &'a str,
    delimiter: u8,
    /// Where the next record is looked for.
    at: usize,
    /// The line at offset `at`. Line feeds are counted where they can be: in the line breaks
    /// between records, and inside quoted cells (an unquoted cell ends at a line break).
    line: u64,
    /// The current record's cells: where each one's text is, in `text` or in `unescaped`.
    cells: Vec<Cell>,
    /// The text of the current record's cells that are not a slice of `text`: quoted ones
    /// with text after their closing quote, and quoted ones with a `""` once
    /// [`cells`](Self::cells) has unescaped them.
    unescaped: String,
    /// Whether the current record ended with the text, inside a quoted cell.
    open: bool,
}

/// Where a cell's text is.
#[derive(Debug, Clone, Copy)]
pub(super) struct Cell {
    from: usize,
    to: usize,
    form: Form,
}

/// How a cell's text is kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Form {
    /// A slice of the text, as it is.
    Plain,
    /// A slice of the text, the inside of a quoted cell, where each quote is written twice.
    Doubled,
    /// In `unescaped`.
    Unescaped,
}

/// The text of one cell as the fast path reads it: a slice of the table's text, with each
/// quote written twice when `doubled` (the inside of a quoted cell that has a `""`).
#[derive(Debug, Clone, Copy)]
pub(super) struct CellText<'a> {
    pub text: &'a str,
    pub doubled: bool,
}

impl<'a> CellText<'a> {
    /// The cell's text with its quotes written once.
    #[inline]
    pub(super) fn unescaped(&self) -> std::borrow::Cow<'a, str> {
        if self.doubled {
            let mut once = String::with_capacity(self.text.len());
            unescape_into(&mut once, self.text);
            std::borrow::Cow::Owned(once)
        } else {
            std::borrow::Cow::Borrowed(self.text)
        }
    }
}

/// The cells of the record last read, without unescaping any: what the fast path reads.
#[derive(Clone, Copy)]
pub(super) struct RowCells<'a> {
    text: &'a str,
    unescaped: &'a str,
    cells: &'a [Cell],
}

impl<'a> RowCells<'a> {
    /// How many cells the record has.
    pub(super) fn len(&self) -> usize {
        self.cells.len()
    }

    /// Whether cell `i` (from 0) has text; a cell past the record's last has none.
    #[inline]
    pub(super) fn filled(&self, i: usize) -> bool {
        self.cells.get(i).is_some_and(|c| c.to > c.from)
    }

    /// Cell `i` (from 0); an empty cell past the record's last. `None` if its text is not
    /// where it should be (a bug): the fast path then leaves the row to the full check rather
    /// than read a filled cell as empty.
    #[inline]
    pub(super) fn get(&self, i: usize) -> Option<CellText<'a>> {
        let Some(c) = self.cells.get(i) else {
            return Some(CellText {
                text: "",
                doubled: false,
            });
        };
        let text = match c.form {
            Form::Plain | Form::Doubled => self.text.get(c.from..c.to),
            Form::Unescaped => self.unescaped.get(c.from..c.to),
        };
        Some(CellText {
            text: text?,
            doubled: c.form == Form::Doubled,
        })
    }

    /// Whether every cell is blank: such a row is no record.
    pub(super) fn is_blank(&self) -> bool {
        (0..self.len()).all(|i| {
            self.get(i)
                .is_some_and(|c| !c.doubled && c.text.trim().is_empty())
        })
    }
}

impl<'a> Splitter<'a> {
    /// Splits `text` on `delimiter`, an ASCII byte other than a quote or a line break.
    pub(super) fn new(text: &'a str, delimiter: u8) -> Splitter<'a> {
        Splitter {
            text,
            delimiter,
            at: 0,
            line: 1,
            cells: Vec::new(),
            unescaped: String::new(),
            open: false,
        }
    }

    /// Reads the next record; `None` at the end. Its cells are then given by
    /// [`row`](Self::row), as they are in the text, and by [`cells`](Self::cells), unescaped.
    #[inline(never)]
    pub(super) fn next_record(&mut self) -> Option<Span> {
        let bytes = self.text.as_bytes();
        let len = bytes.len();
        let mut i = self.at;
        while i < len && (bytes[i] == b'\n' || bytes[i] == b'\r') {
            self.line += u64::from(bytes[i] == b'\n');
            i += 1;
        }
        if i == len {
            self.at = len;
            return None;
        }
        let start = i;
        let line = self.line;
        self.cells.clear();
        self.unescaped.clear();
        self.open = false;
        loop {
            // At the start of a cell. Wide tables have runs of empty cells: each is taken
            // with its delimiter at once.
            let lead = bytes.get(i).copied();
            if lead == Some(self.delimiter) {
                self.cells.push(Cell {
                    from: i,
                    to: i,
                    form: Form::Plain,
                });
                i += 1;
                continue;
            }
            i = if lead == Some(b'"') {
                self.quoted(i + 1)
            } else {
                let end = self.unquoted_end(i);
                self.cells.push(Cell {
                    from: i,
                    to: end,
                    form: Form::Plain,
                });
                end
            };
            match bytes.get(i) {
                None => break,
                Some(&b) if b == self.delimiter => i += 1,
                Some(&b'\r') if bytes.get(i + 1) == Some(&b'\n') => {
                    i += 2;
                    self.line += 1;
                    break;
                }
                Some(&b) => {
                    // `\n` or `\r`: the record ends.
                    i += 1;
                    self.line += u64::from(b == b'\n');
                    break;
                }
            }
        }
        self.at = i;
        Some(Span {
            start,
            end: i,
            line,
        })
    }

    /// Whether the record last read ended with the text inside a quoted cell: in text cut
    /// from a longer one, it goes on after the cut.
    pub(super) fn quote_left_open(&self) -> bool {
        self.open
    }

    /// The cells of the record last read, as the fast path reads them.
    pub(super) fn row(&self) -> RowCells<'_> {
        RowCells {
            text: self.text,
            unescaped: &self.unescaped,
            cells: &self.cells,
        }
    }

    /// The cells of the record last read, unescaped. `None` only if a cell is not where it
    /// should be, which would be a bug. The cells with a `""` are
    /// unescaped into the splitter's buffer on the first call, and [`row`](Self::row) gives
    /// them unescaped from then on (the same text either way).
    pub(super) fn cells(&mut self) -> Option<Vec<&str>> {
        for c in &mut self.cells {
            if c.form == Form::Doubled {
                let start = self.unescaped.len();
                unescape_into(&mut self.unescaped, self.text.get(c.from..c.to)?);
                *c = Cell {
                    from: start,
                    to: self.unescaped.len(),
                    form: Form::Unescaped,
                };
            }
        }
        let mut cells = Vec::with_capacity(self.cells.len());
        for c in &self.cells {
            let text = match c.form {
                Form::Unescaped => self.unescaped.as_str(),
                Form::Plain | Form::Doubled => self.text,
            };
            cells.push(text.get(c.from..c.to)?);
        }
        Some(cells)
    }

    /// Reads a quoted cell from `i` (just past its opening quote), and any text after its
    /// closing quote; returns the offset where the cell ends. Nothing is copied unless text
    /// follows the closing quote: a `""` inside is left for the reader of the cell.
    // Kept out of line, as `next_record` is: inlined, both made the row loop around them
    // slower (callgrind, 20,000 rows: 348.4 M instructions out of line, 350.5 M and 356.7 M
    // inlined).
    #[inline(never)]
    fn quoted(&mut self, i: usize) -> usize {
        let bytes = self.text.as_bytes();
        let (close, doubled) = match closing_quote(bytes, i) {
            (Some(close), doubled) => (close, doubled),
            (None, doubled) => {
                self.open = true;
                (bytes.len(), doubled)
            }
        };
        // Finding no line feed is cheaper than counting none, and most cells have none.
        let inside = &bytes[i.min(close)..close];
        if memchr::memchr(b'\n', inside).is_some() {
            self.line += memchr::memchr_iter(b'\n', inside).count() as u64;
        }
        let after = (close + 1).min(bytes.len());
        let end = self.unquoted_end(after);
        let cell = if end == after {
            Cell {
                from: i,
                to: close,
                form: if doubled { Form::Doubled } else { Form::Plain },
            }
        } else {
            // `"ab"c` is `abc`: the cell is a copy.
            let start = self.unescaped.len();
            // Quotes, delimiters and line breaks are ASCII: these are character boundaries.
            let text = self.text;
            unescape_into(&mut self.unescaped, text.get(i..close).unwrap_or_default());
            self.unescaped
                .push_str(text.get(after..end).unwrap_or_default());
            Cell {
                from: start,
                to: self.unescaped.len(),
                form: Form::Unescaped,
            }
        };
        self.cells.push(cell);
        end
    }

    /// The end of unquoted text starting at `i`: the next delimiter or line break.
    ///
    /// Most cells are empty or a few words long, too short for a vector search to pay its
    /// set-up: the text is read eight bytes at a time, each word tested at once for the
    /// delimiter and for control characters (line breaks among them).
    #[inline]
    fn unquoted_end(&self, i: usize) -> usize {
        let bytes = self.text.as_bytes();
        let ends = |b: u8| b == self.delimiter || b == b'\n' || b == b'\r';
        match bytes.get(i) {
            None => return i,
            Some(&b) if ends(b) => return i,
            Some(_) => {}
        }
        let mut at = i + 1;
        while let Some(eight) = bytes.get(at..at + 8) {
            let w = word(eight);
            // The first flag of each test is exact, so the first of either is.
            let flags = equal_to(w, self.delimiter) | control(w);
            if flags == 0 {
                at += 8;
                continue;
            }
            let k = at + first(flags);
            if bytes.get(k).is_some_and(|&b| ends(b)) {
                return k;
            }
            // Another control character (a tab in a comma-separated table) is text.
            at = k + 1;
        }
        bytes
            .get(at..)
            .and_then(|rest| rest.iter().position(|&b| ends(b)))
            .map_or(bytes.len(), |n| at + n)
    }
}

/// Where the quoted cell whose text starts at `from` (just past its opening quote) closes: at
/// the last quote of the first run of an odd number of quotes (a run of two is one quote of
/// the text, a run of three one quote and the close); `None` when the text ends first (the
/// cell is left open). And whether a quote comes before the close (a `""`).
///
/// JSON in a cell has a quote every few bytes: rather than stop at each, the quotes of 64
/// bytes at a time are taken as the bits of a word, and the runs of odd length found with
/// the carries of two additions, as simdjson finds runs of backslashes.
fn closing_quote(bytes: &[u8], from: usize) -> (Option<usize>, bool) {
    const EVEN: u64 = 0x5555_5555_5555_5555;
    let mut base = from;
    // 1 when the run of quotes at the end of the blocks before has an odd length so far.
    let mut odd_so_far = 0u64;
    let mut before = 0u32;
    while let Some(block) = bytes.get(base..) {
        if block.is_empty() {
            break;
        }
        let q = quote_bits(block);
        let starts = q & !(q << 1);
        // A run that goes on from the block before starts at bit 0, with its parity.
        let even_start_mask = EVEN ^ odd_so_far;
        let even_starts = starts & even_start_mask;
        let odd_starts = starts & !even_start_mask;
        // Adding a run's start carries past its end: the bit just past each run.
        let even_carries = q.wrapping_add(even_starts);
        let (odd_carries, overflow) = q.overflowing_add(odd_starts);
        let odd_carries = odd_carries | odd_so_far;
        // The bit just past each run of odd length.
        let odd_ends = (even_carries & !q & !EVEN) | (odd_carries & !q & EVEN);
        if odd_ends != 0 {
            let end = odd_ends.trailing_zeros();
            // Quotes before the close: this block's below it, or the blocks' before less one
            // (the close ends the last block's run).
            let here = if end == 0 {
                before.saturating_sub(1)
            } else {
                before + (q & ((1u64 << (end - 1)) - 1)).count_ones()
            };
            return ((base + end as usize).checked_sub(1), here > 0);
        }
        odd_so_far = u64::from(overflow);
        before += q.count_ones();
        base += 64;
    }
    if odd_so_far != 0 {
        // The text ends with the close.
        return (bytes.len().checked_sub(1), before > 1);
    }
    (None, before > 0)
}

/// The quotes among the first 64 bytes of `bytes`, byte `k` to bit `k`.
#[inline(always)]
fn quote_bits(bytes: &[u8]) -> u64 {
    match bytes.first_chunk::<64>() {
        Some(block) => quote_bits_64(block),
        None => {
            // The text's last block: padded with bytes that are no quote.
            let mut block = [0u8; 64];
            block[..bytes.len()].copy_from_slice(bytes);
            quote_bits_64(&block)
        }
    }
}

#[inline(always)]
fn quote_bits_64(block: &[u8; 64]) -> u64 {
    let mut bits = 0u64;
    for (k, eight) in block.chunks_exact(8).enumerate() {
        let mut w = [0u8; 8];
        w.copy_from_slice(eight);
        let flags = equal_exactly(u64::from_le_bytes(w), b'"');
        bits |= u64::from(flag_bits(flags)) << (8 * k);
    }
    bits
}

/// Appends `doubled`, the inside of a quoted cell, with each `""` written as one quote: the
/// one unescaping of the splitter, for the slow path's cells and the fast path's scalar ones.
fn unescape_into(out: &mut String, doubled: &str) {
    let mut rest = doubled;
    while let Some(n) = memchr::memmem::find(rest.as_bytes(), b"\"\"") {
        // Through the first quote of the pair, then on after the second (ASCII both).
        out.push_str(rest.get(..=n).unwrap_or_default());
        rest = rest.get(n + 2..).unwrap_or_default();
    }
    out.push_str(rest);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The records the `csv` crate reads from `text`, with the byte offset and line where the
    /// reader stood before each and after it.
    fn by_the_reader(text: &str, delimiter: u8) -> Vec<(Vec<String>, (u64, u64), u64)> {
        let mut rdr = ::csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        let mut out = Vec::new();
        let mut record = ::csv::StringRecord::new();
        while rdr.read_record(&mut record).unwrap() {
            let p = record.position().unwrap();
            let cells = record.iter().map(str::to_owned).collect();
            out.push((cells, (p.byte(), p.line()), rdr.position().byte()));
        }
        out
    }

    fn by_the_splitter(text: &str, delimiter: u8) -> Vec<(Vec<String>, Span)> {
        let mut s = Splitter::new(text, delimiter);
        let mut out = Vec::new();
        while let Some(span) = s.next_record() {
            let cells = s.cells().unwrap().into_iter().map(str::to_owned).collect();
            out.push((cells, span));
        }
        out
    }

    /// Checks the splitter against the reader on `text`: the same cells, and each record where
    /// the reader put it, apart from line breaks skipped before or after it.
    fn agree(text: &str, delimiter: u8) {
        let theirs = by_the_reader(text, delimiter);
        let ours = by_the_splitter(text, delimiter);
        assert_eq!(ours.len(), theirs.len(), "{text:?}");
        for ((cells, span), (their_cells, (byte, line), their_end)) in ours.iter().zip(&theirs) {
            assert_eq!(cells, their_cells, "{text:?}");
            let skipped = &text.as_bytes()[*byte as usize..span.start];
            assert!(
                skipped.iter().all(|b| *b == b'\n' || *b == b'\r'),
                "{text:?}"
            );
            let breaks = skipped.iter().filter(|b| **b == b'\n').count() as u64;
            assert_eq!(span.line, line + breaks, "{text:?}");
            let after = &text.as_bytes()[*their_end as usize..span.end];
            assert!(after.iter().all(|b| *b == b'\n' || *b == b'\r'), "{text:?}");
        }
    }

    #[test]
    fn follows_the_reader_on_the_awkward_cases() {
        for text in [
            "",
            "\n\n",
            "a,b\nc,d",
            "a,b\r\nc,d\r\n",
            "a,b\rc,d\r",
            "a,\n,b\n,\n",
            "\"a,b\",\"c\"\"d\"\n",
            "\"ab\"c,d\n",
            "12\" vinyl,x\n",
            "\"multi\nline\r\ncell\",x\ny\n",
            "\"open to the end,\nand on",
            "\"\"\n\"\"\"\"\n",
            "a,b\n\u{FEFF}c,\u{FEFF}\n",
            "é,\"ü\"\"ß\",平和\n",
            "a\n\r\n\r\rb\n",
            "x,\"\"y,z\n",
        ] {
            agree(text, b',');
            agree(text, b';');
        }
    }

    /// What [`closing_quote`] answers, a byte at a time.
    fn closing_quote_bytewise(bytes: &[u8], from: usize) -> (Option<usize>, bool) {
        let (mut j, mut doubled) = (from, false);
        while j < bytes.len() {
            if bytes[j] == b'"' {
                if bytes.get(j + 1) != Some(&b'"') {
                    return (Some(j), doubled);
                }
                doubled = true;
                j += 2;
            } else {
                j += 1;
            }
        }
        (None, doubled)
    }

    #[test]
    fn finds_the_closing_quote_as_a_byte_loop_does() {
        let mut state = 0x2545_F491_4F6C_DD1Du64;
        for round in 0..6_000 {
            crate::words::xorshift(&mut state);
            // Runs of quotes of every length, across the 64-byte blocks.
            let len = (state % 200) as usize;
            let mut bytes = Vec::with_capacity(len);
            let mut s = state;
            while bytes.len() < len {
                crate::words::xorshift(&mut s);
                let run = (s % 5) as usize
                    + if round % 3 == 0 {
                        60 * (s % 2) as usize
                    } else {
                        0
                    };
                let b = [b'"', b'"', b'a', b'\n', 0xA2][(s >> 8) as usize % 5];
                bytes.extend(std::iter::repeat_n(b, run.min(len - bytes.len())));
            }
            for from in 0..=len {
                assert_eq!(
                    closing_quote(&bytes, from),
                    closing_quote_bytewise(&bytes, from),
                    "{bytes:?} from {from}"
                );
            }
        }
    }

    #[test]
    fn a_mark_at_the_start_is_text() {
        // The reader drops a byte-order mark that starts its input; a chunk that starts with
        // one is in the middle of a file, where the reader keeps it.
        let ours = by_the_splitter("\u{FEFF}a,b\n", b',');
        assert_eq!(ours[0].0, ["\u{FEFF}a", "b"]);
    }

    #[test]
    fn follows_the_reader_on_random_text() {
        let pieces = [
            "a", "bc", ",", ";", "\t", "\"", "\"\"", "\n", "\r", "\r\n", " ", "é", "平",
        ];
        let mut state = 0x2545_F491_4F6C_DD1Du64;
        for _ in 0..5_000 {
            let mut text = String::new();
            for _ in 0..(state % 24) {
                crate::words::xorshift(&mut state);
                text.push_str(pieces[(state % pieces.len() as u64) as usize]);
            }
            for delimiter in [b',', b';', b'\t'] {
                agree(&text, delimiter);
            }
        }
    }

    /// Unquoted cells long enough to be read a word at a time, with a control character, a
    /// delimiter, a line break or a letter of two bytes at every offset, and runs of empty
    /// cells before and after them.
    #[test]
    fn follows_the_reader_on_unquoted_cells_read_by_the_word() {
        for at in 0..40 {
            for odd in [
                "\t", "\u{b}", "\u{c}", "\u{1}", "\u{1f}", ",", ";", "\n", "\r", "é", "\"",
            ] {
                let mut cell = "w".repeat(40);
                cell.replace_range(at..=at, odd);
                for text in [
                    format!("{cell},,,x\n"),
                    format!(",,;;\t\t{cell}\t;,y\r\nz"),
                    format!("a{cell}"),
                ] {
                    for delimiter in [b',', b';', b'\t'] {
                        agree(&text, delimiter);
                    }
                }
            }
        }
    }

    /// Long cells, the shape of JSON in a cell and of long plain text, with a doubled quote,
    /// the closing quote, a delimiter or a line break at every offset across several words,
    /// and texts cut off at every length (a quoted cell left open).
    #[test]
    fn follows_the_reader_on_long_cells_at_every_offset() {
        let filler = "{\"\"ab\"\":\"\"cdé\"\",\"\"n\"\":12}";
        for at in 0..40 {
            let mut quoted = String::from("x");
            for k in 0..40 {
                quoted.push(if k == at { '"' } else { 'q' });
                if k == at {
                    quoted.push('"');
                }
            }
            for text in [
                format!("\"{quoted}\",b\n\"{filler}{filler}\"\n"),
                format!(
                    "\"{}\"tail,b\n",
                    filler.chars().take(at).collect::<String>()
                ),
                format!("{},z\n", &"plain text of a long cell"[..at.min(25)]),
                format!(
                    "a,{}\nnext,row\n",
                    "0123456789abcdefghijklmnopqrstuvwxyz"[..at.min(36)].to_owned() + "\r"
                ),
            ] {
                agree(&text, b',');
                for cut in 0..text.len() {
                    if text.is_char_boundary(cut) {
                        agree(&text[..cut], b',');
                    }
                }
            }
        }
    }
}
