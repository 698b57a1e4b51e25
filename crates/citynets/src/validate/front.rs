//! The front door: every input is looked at here once, before any reader sees it, to decide
//! its encoding, its format and the number of threads.
//!
//! Those decisions used to be taken from whatever the first `read` returned, so the same
//! bytes could be judged differently when they came through a pipe a few at a time (a
//! byte-order mark cut after its first byte, an NDJSON file written a line at a time). Here
//! the input is read until the decisions are certain or [`HEAD_LIMIT`] bytes are in hand,
//! whichever comes first; every decision is then a function of those bytes alone, so it does
//! not depend on how the input arrives. The bytes read are handed on with the rest of the
//! stream ([`Front::into_parts`]), so nothing is read twice.
//!
//! Tables are not seen here: the CSV reader has its own decoder (for Excel's UTF-16 and
//! Windows-1252 files), and a table is only ever chosen by name (the options or the file's
//! extension), never guessed from bytes.

use std::io::{self, Read};

use super::format::{Format, Sniff, WORKBOOK_MAGIC_LEN, is_workbook};
use super::in_order::thread_count;

/// The most the front door reads before deciding with what it has: the first record line of
/// an NDJSON file longer than this is not looked at to its end (the input is then JSON unless
/// the format is given or the file name says NDJSON).
pub(crate) const HEAD_LIMIT: usize = 64 * 1024;

/// From how many bytes of input (0 threads asked) more than one thread is used: shorter
/// inputs are validated on the calling thread.
pub(crate) const PARALLEL_MIN: usize = 60 * 1024;

/// How the input's text is encoded, as far as the JSON readers care.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Encoding {
    /// Nothing at all.
    Empty,
    /// UTF-8 (or at least not recognisably anything else).
    Utf8,
    /// UTF-8 after a byte-order mark (3 bytes), which JSON does not allow.
    Utf8Bom,
    /// UTF-16 or UTF-32, described for the message.
    Wide(&'static str),
}

impl Encoding {
    /// How many bytes at the start are not text (the byte-order mark).
    pub(crate) fn skip(self) -> usize {
        if self == Encoding::Utf8Bom { 3 } else { 0 }
    }
}

/// The first bytes of an input, read until the decisions about it are certain, and the rest.
pub(crate) struct Front<R> {
    head: Vec<u8>,
    rest: Rest<R>,
}

impl<R: Read> Front<R> {
    /// Reads the start of `src`: up to [`HEAD_LIMIT`] bytes or the end of the input, and less
    /// when less settles every decision: the encoding (four bytes: UTF-32's byte-order mark
    /// begins like UTF-16's) and whether it is a workbook at all (eight bytes: an `.xls`
    /// file's mark), the format (unless `format` is known) and, when `threads` is 0,
    /// whether the input is long enough for several threads.
    pub(crate) fn read(src: R, format: Option<Format>, threads: usize) -> io::Result<Front<R>> {
        let mut rest = Rest { src, ended: false };
        // Read into a buffer that grows by doubling, so that reads of a few bytes each cost
        // no more than one large read; `len` bytes of it are the input's.
        let mut head = Vec::new();
        let mut len = 0;
        let mut sniff = format.is_none().then(Sniff::default);
        loop {
            let got = &head[..len];
            let format_known = match &mut sniff {
                Some(sniff) => sniff.feed(got, false).is_some(),
                None => true,
            };
            if format_known {
                sniff = None;
            }
            let settled =
                len >= WORKBOOK_MAGIC_LEN && format_known && (threads != 0 || len >= PARALLEL_MIN);
            if settled || rest.ended || len >= HEAD_LIMIT {
                break;
            }
            if len == head.len() {
                head.resize((2 * len).clamp(4096, HEAD_LIMIT), 0);
            }
            match rest.read(&mut head[len..]) {
                Ok(n) => len += n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        head.truncate(len);
        Ok(Front { head, rest })
    }

    /// The encoding the first bytes show.
    pub(crate) fn encoding(&self) -> Encoding {
        encoding(&self.head)
    }

    /// Whether the input is a workbook (a zip or OLE file), which no reader of text reads.
    pub(crate) fn is_workbook(&self) -> bool {
        is_workbook(&self.head)
    }

    /// The format: `given`, else the one the file name says, else the one the bytes show.
    pub(crate) fn format(&self, given: Option<Format>, path: Option<&str>) -> Format {
        given.unwrap_or_else(|| Format::detect(path, &self.head))
    }

    /// The threads to use when `asked` (0: decide from the input's length).
    pub(crate) fn threads(&self, asked: usize) -> usize {
        thread_count(asked, self.head.len() >= PARALLEL_MIN)
    }

    /// The bytes read and the stream of the rest, which gives nothing once the input has
    /// been seen to end (so an interactive input is not asked again).
    pub(crate) fn into_parts(self) -> (Vec<u8>, Rest<R>) {
        (self.head, self.rest)
    }
}

/// The encoding of an input that starts with `head` (at least four bytes unless the input is
/// shorter): UTF-16 and UTF-32 by their byte-order mark or their zero bytes.
pub(crate) fn encoding(head: &[u8]) -> Encoding {
    if head.is_empty() {
        return Encoding::Empty;
    }
    if head.starts_with(&[0, 0, 0xFE, 0xFF]) || head.starts_with(&[0xFF, 0xFE, 0, 0]) {
        return Encoding::Wide("UTF-32");
    }
    if head.starts_with(&[0xFE, 0xFF]) {
        return Encoding::Wide("UTF-16 (big-endian, with a byte-order mark)");
    }
    if head.starts_with(&[0xFF, 0xFE]) {
        return Encoding::Wide("UTF-16 (little-endian, with a byte-order mark)");
    }
    match head {
        [0, a, 0, b, ..] if *a != 0 && *b != 0 => Encoding::Wide("UTF-16 (big-endian)"),
        [a, 0, b, 0, ..] if *a != 0 && *b != 0 => Encoding::Wide("UTF-16 (little-endian)"),
        _ if head.starts_with(b"\xEF\xBB\xBF") => Encoding::Utf8Bom,
        _ => Encoding::Utf8,
    }
}

/// The input after the bytes the front door read; once it has ended it is not read again.
pub(crate) struct Rest<R> {
    src: R,
    ended: bool,
}

impl<R: Read> Read for Rest<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.ended || buf.is_empty() {
            return Ok(0);
        }
        let n = self.src.read(buf)?;
        if n == 0 {
            self.ended = true;
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::{Encoding, Front, HEAD_LIMIT, encoding};
    use crate::validate::Format;
    use std::io::Read;

    /// Hands out `step` bytes per read.
    struct Drip<'a>(&'a [u8], usize);

    impl Read for Drip<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = self.1.min(buf.len()).min(self.0.len());
            buf[..n].copy_from_slice(&self.0[..n]);
            self.0 = &self.0[n..];
            Ok(n)
        }
    }

    #[test]
    fn the_decisions_do_not_depend_on_the_read_size() {
        let long_line = format!("{{\"name\": \"{}\"}}\n{{}}\n", "x".repeat(70_000));
        let inputs: [&[u8]; 6] = [
            b"\xEF\xBB\xBF[{\"id\": \"a\"}]",
            b"{\"id\": \"a\"}\n{\"id\": \"b\"}\n",
            b"\xFF\xFE\0\0[\0\0\0",
            b"[\0{\0}\0]\0",
            b"",
            long_line.as_bytes(),
        ];
        for input in inputs {
            let whole = Front::read(input, None, 0).unwrap();
            let expected = (whole.encoding(), whole.format(None, None), whole.threads(0));
            for step in [1, 2, 3, 7, 4096] {
                let front = Front::read(Drip(input, step), None, 0).unwrap();
                let got = (front.encoding(), front.format(None, None), front.threads(0));
                assert_eq!(got, expected, "{step} bytes a read");
                // Nothing is lost: the head and the rest make the input again.
                let (mut again, mut rest) = front.into_parts();
                assert!(again.len() <= HEAD_LIMIT);
                rest.read_to_end(&mut again).unwrap();
                assert_eq!(again, input);
            }
        }
    }

    #[test]
    fn encodings_are_told_apart() {
        assert_eq!(encoding(b""), Encoding::Empty);
        assert_eq!(encoding(b"\xEF\xBB\xBF{}"), Encoding::Utf8Bom);
        assert_eq!(encoding(b"\xFF\xFE\0\0"), Encoding::Wide("UTF-32"));
        assert!(matches!(encoding(b"\xFF\xFE{\0"), Encoding::Wide(w) if w.starts_with("UTF-16")));
        assert_eq!(encoding(b"{}"), Encoding::Utf8);
        assert_eq!(Format::detect(None, b"{}\n{}"), Format::Ndjson);
    }
}
