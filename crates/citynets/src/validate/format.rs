//! The layouts the validator reads, their names, and how one is chosen when nobody says.
//!
//! The command line, the Python binding and the core all take their format names and their
//! guess from a file name from here, so that `--format csv`, `format="ndjson"` and a file
//! called `x.tsv` mean the same thing everywhere. Guessing from the bytes is split in two: a
//! test that can say "not sure yet" ([`from_start`]), which the front door uses to decide how
//! much to read, and [`Format::detect`], which decides with whatever it is given.
//!
//! A workbook is never guessed from bytes either: [`is_workbook`] only lets the readers of text
//! say "this is a workbook, name it so" instead of a syntax error on its first byte.

/// How the input is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// One JSON document: a catalogue (an object) or a list of records (an array).
    Json,
    /// One JSON record per line; blank lines are skipped.
    Ndjson,
    /// A CSV (or TSV) table with a header line and one network or membership record per row.
    Csv,
    /// A wide membership table: one row per city, one column per network.
    MembershipWide,
    /// An Excel or OpenDocument workbook (`.xlsx`, `.xlsm`, `.xls`, `.ods`): one sheet read
    /// as a table of records, as [`Format::Csv`] is (needs the `workbook` feature).
    Workbook,
}

impl Format {
    /// Every format, in the order they are listed to users.
    pub const ALL: [Format; 5] = [
        Format::Json,
        Format::Ndjson,
        Format::Csv,
        Format::MembershipWide,
        Format::Workbook,
    ];

    /// Guesses the format from the file name (`.ndjson`, `.jsonl` → NDJSON; `.json` → JSON;
    /// `.csv`, `.tsv` → CSV; `.xlsx`, `.xlsm`, `.xls`, `.ods` → workbook) or, failing that, from the first bytes: NDJSON when the first
    /// non-blank line is a complete object followed by another line starting with `{`. The
    /// bytes are taken as they are: when they end before the answer is certain, the guess is
    /// the one a longer input would most likely not change (JSON).
    pub fn detect(path: Option<&str>, head: &[u8]) -> Format {
        if let Some(format) = path.and_then(Format::from_path) {
            return format;
        }
        from_start(head, true).unwrap_or(Format::Json)
    }

    /// The format a file name says by its extension, if it says one.
    pub fn from_path(path: &str) -> Option<Format> {
        let lower = path.to_ascii_lowercase();
        if lower.ends_with(".ndjson") || lower.ends_with(".jsonl") {
            Some(Format::Ndjson)
        } else if lower.ends_with(".json") {
            Some(Format::Json)
        } else if lower.ends_with(".csv") || lower.ends_with(".tsv") {
            Some(Format::Csv)
        } else if [".xlsx", ".xlsm", ".xls", ".ods"]
            .iter()
            .any(|e| lower.ends_with(e))
        {
            Some(Format::Workbook)
        } else {
            None
        }
    }

    /// The format's name: `json`, `ndjson`, `csv`, `membership-wide` or `workbook`.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Ndjson => "ndjson",
            Format::Csv => "csv",
            Format::MembershipWide => "membership-wide",
            Format::Workbook => "workbook",
        }
    }

    /// The format of a name that [`as_str`](Self::as_str) gives.
    pub fn from_name(name: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.as_str() == name)
    }

    /// Whether the format is a table (read by the CSV reader, which decodes the text itself;
    /// a workbook's sheet is handed to it as CSV text).
    pub fn is_table(self) -> bool {
        matches!(
            self,
            Format::Csv | Format::MembershipWide | Format::Workbook
        )
    }

    /// Whether this build can read the format: tables need the `csv` feature, workbooks the
    /// `workbook` feature.
    pub fn is_readable(self) -> bool {
        match self {
            Format::Workbook => cfg!(feature = "workbook"),
            _ => cfg!(feature = "csv") || !self.is_table(),
        }
    }

    /// The formats this build can read.
    pub fn readable() -> impl Iterator<Item = Format> {
        Format::ALL.into_iter().filter(|f| f.is_readable())
    }
}

/// How many first bytes [`is_workbook`] looks at.
pub(crate) const WORKBOOK_MAGIC_LEN: usize = 8;

#[cfg(feature = "csv")]
/// Reads the first bytes of an input into `head`, as many as it holds unless the input ends
/// first; how many were read.
pub(crate) fn read_head<R: std::io::Read>(
    input: &mut R,
    head: &mut [u8],
) -> std::io::Result<usize> {
    let mut len = 0;
    while len < head.len() {
        match input.read(&mut head[len..]) {
            Ok(0) => break,
            Ok(n) => len += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(len)
}

/// Whether the first bytes of an input are those of a workbook: a zip archive (`.xlsx`,
/// `.xlsm`, `.ods`: `PK\x03\x04`) or an OLE compound file (`.xls`: `D0 CF 11 E0 A1 B1 1A E1`).
/// Neither can start a JSON or CSV text: the first is not JSON, the second not UTF-8.
pub(crate) fn is_workbook(head: &[u8]) -> bool {
    const ZIP: &[u8] = b"PK\x03\x04";
    const OLE: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
    head.starts_with(ZIP) || head.starts_with(OLE)
}

/// The format the first bytes of an input show, or `None` when they end before the answer is
/// certain and `complete` says more may follow. With `complete`, the answer is always given.
///
/// JSON unless the first non-blank byte (after a UTF-8 byte-order mark) is `{`, its line ends
/// with `}` and the next non-blank line starts with `{`: then NDJSON.
pub(crate) fn from_start(head: &[u8], complete: bool) -> Option<Format> {
    Sniff::default().feed(head, complete)
}

/// [`from_start`] for an input that arrives piece by piece: each call looks only at the
/// bytes it has not seen, so the work stays linear however small the pieces.
#[derive(Debug, Default)]
pub(crate) struct Sniff {
    /// What is looked for next.
    stage: Stage,
    /// How far the bytes have been looked at.
    seen: usize,
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
enum Stage {
    /// A byte-order mark, perhaps.
    #[default]
    Mark,
    /// The first byte that is not blank.
    First,
    /// The end of the line that starts with `{` (at the given index).
    Line(usize),
    /// The first byte that is not blank after that line.
    Next,
}

impl Sniff {
    /// Looks at `head` (the bytes so far: those of the last call and more) from where the last
    /// call stopped, and gives the format when it is certain, or when `complete` says that no
    /// more bytes will come.
    pub(crate) fn feed(&mut self, head: &[u8], complete: bool) -> Option<Format> {
        const MARK: &[u8] = b"\xEF\xBB\xBF";
        let undecided = if complete { Some(Format::Json) } else { None };
        loop {
            match self.stage {
                Stage::Mark => {
                    if head.len() < MARK.len() && MARK.starts_with(head) && !complete {
                        return None;
                    }
                    self.seen = if head.starts_with(MARK) {
                        MARK.len()
                    } else {
                        0
                    };
                    self.stage = Stage::First;
                }
                Stage::First => match blanks_end(head, self.seen) {
                    None => {
                        self.seen = head.len();
                        return undecided;
                    }
                    Some(i) if head[i] == b'{' => {
                        self.seen = i + 1;
                        self.stage = Stage::Line(i);
                    }
                    Some(_) => return Some(Format::Json),
                },
                Stage::Line(start) => {
                    let Some(end) = memchr::memchr(b'\n', &head[self.seen..]) else {
                        self.seen = head.len();
                        return undecided;
                    };
                    let end = self.seen + end;
                    let line = &head[start..end];
                    if line.iter().rev().find(|b| !b.is_ascii_whitespace()) != Some(&b'}') {
                        return Some(Format::Json);
                    }
                    self.seen = end + 1;
                    self.stage = Stage::Next;
                }
                Stage::Next => match blanks_end(head, self.seen) {
                    None => {
                        self.seen = head.len();
                        return undecided;
                    }
                    Some(i) if head[i] == b'{' => return Some(Format::Ndjson),
                    Some(_) => return Some(Format::Json),
                },
            }
        }
    }
}

/// The index of the first byte from `from` on that is not ASCII whitespace.
fn blanks_end(head: &[u8], from: usize) -> Option<usize> {
    head.get(from..)?
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .map(|i| from + i)
}

#[cfg(test)]
mod tests {
    use super::{Format, Sniff, from_start, is_workbook};

    #[test]
    fn names_go_both_ways() {
        for f in Format::ALL {
            assert_eq!(Format::from_name(f.as_str()), Some(f));
        }
        assert_eq!(Format::from_name("yaml"), None);
    }

    #[test]
    fn file_names_say_the_format() {
        assert_eq!(Format::from_path("a.NDJSON"), Some(Format::Ndjson));
        assert_eq!(Format::from_path("a.jsonl"), Some(Format::Ndjson));
        assert_eq!(Format::from_path("a.json"), Some(Format::Json));
        assert_eq!(Format::from_path("a.Csv"), Some(Format::Csv));
        assert_eq!(Format::from_path("a.tsv"), Some(Format::Csv));
        assert_eq!(Format::from_path("-"), None);
        for name in ["a.xlsx", "B.XLSM", "c.xls", "d.ods"] {
            assert_eq!(Format::from_path(name), Some(Format::Workbook), "{name}");
        }
        assert_eq!(Format::from_path("a.xlsb"), None);
        assert!(Format::Workbook.is_table());
        assert_eq!(Format::Workbook.is_readable(), cfg!(feature = "workbook"));
        assert_eq!(Format::detect(Some("x.csv"), b"{}\n{}\n"), Format::Csv);
    }

    #[test]
    fn workbooks_are_known_by_their_first_bytes() {
        assert!(is_workbook(b"PK\x03\x04\x14\x00\x06\x00"));
        assert!(is_workbook(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00"));
        // Text that starts with the same letters, or a cut magic, is not one.
        assert!(!is_workbook(b"PK,name\n"));
        assert!(!is_workbook(b"\xD0\xCF\x11\xE0"));
        assert!(!is_workbook(b"{\"id\": 1}"));
    }

    #[test]
    fn an_unfinished_start_says_not_yet_and_every_prefix_agrees_with_the_whole() {
        let cases: [(&[u8], Format); 7] = [
            (b"{\"a\": 1}\n{\"a\": 2}\n", Format::Ndjson),
            (
                b"\xEF\xBB\xBF  {\"a\": 1}\r\n\n  {\"a\": 2}",
                Format::Ndjson,
            ),
            (b"{\"a\": 1}\n]", Format::Json),
            (b"{\"a\":\n 1}\n", Format::Json),
            (b"[{\"a\": 1}]\n", Format::Json),
            (b"{\"a\": 1}\n\n", Format::Json),
            (b"   ", Format::Json),
        ];
        for (input, whole) in cases {
            assert_eq!(from_start(input, true), Some(whole), "{input:?}");
            // Fed a byte at a time, the answer comes as soon as it is certain, and is the same.
            let mut sniff = Sniff::default();
            let early = (1..=input.len()).find_map(|n| sniff.feed(&input[..n], false));
            assert!(early.is_none_or(|f| f == whole), "{input:?}");
            for cut in 0..input.len() {
                if let Some(early) = from_start(&input[..cut], false) {
                    assert_eq!(early, whole, "{input:?} cut at {cut}");
                }
            }
        }
    }
}
