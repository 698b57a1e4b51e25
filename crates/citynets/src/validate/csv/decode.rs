//! Decoding: the text of a table in UTF-8, UTF-16 or Windows-1252, handed out as UTF-8 with
//! the notices and errors of the decoding placed in the decoded text.
//!
//! It is the lowest layer of the module and knows nothing of cells or rows: everything above
//! reads UTF-8 text and takes the decoding's events by their offset in that text. UTF-8, by
//! far the usual case, is read straight into the caller's buffer and checked there, without a
//! copy (see `append_to`).

use std::collections::VecDeque;
use std::io::{self, Read};

use super::super::Severity;

/// How many bytes are read from the input at a time.
pub(super) const CHUNK: usize = 64 * 1024;

/// A notice or error found while decoding, placed in the decoded text.
#[derive(Debug, Clone)]
pub(crate) struct DecodeEvent {
    /// Offset in the decoded text.
    pub offset: u64,
    pub line: u64,
    pub column: u64,
    pub severity: Severity,
    pub message: String,
}

enum Mode {
    Utf8,
    Windows1252,
    Utf16(Box<encoding_rs::Decoder>),
}

/// Reads a text file in UTF-8 (with or without a byte-order mark), UTF-16 or Windows-1252 and
/// yields it as UTF-8, without the byte-order mark. Bytes that cannot be decoded become U+FFFD.
///
/// [`validate_csv_reader`](super::validate_csv_reader) reads its input through one; the command line uses one to show the
/// lines of a problem in the text a person sees.
///
/// ```
/// use std::io::Read;
///
/// let mut text = String::new();
/// citynets::validate::csv::Decoded::new(&b"city\nLi\xe8ge\n"[..]).read_to_string(&mut text).unwrap();
/// assert_eq!(text, "city\nLiège\n");
/// ```
pub struct Decoded<R> {
    inner: R,
    mode: Mode,
    started: bool,
    eof: bool,
    flushed: bool,
    /// Bytes read and not yet decoded.
    raw: Vec<u8>,
    /// The decoded bytes of UTF-16, before they join `out`.
    scratch: Vec<u8>,
    /// The UTF-16 decoder was told that the input ended.
    finished: bool,
    /// The file offset of `raw[0]`.
    raw_offset: u64,
    /// Decoded text not yet handed out, from `out_pos`.
    out: Vec<u8>,
    out_pos: usize,
    /// How many decoded bytes were produced in all.
    produced: u64,
    /// The line and column of the next decoded character.
    line: u64,
    column: u64,
    ascii_only: bool,
    seen_nul: bool,
    bom: bool,
    encoding: &'static str,
    events: VecDeque<DecodeEvent>,
    /// How many bytes the next read asks for (see [`read_more`]).
    want: usize,
    /// How many reads went straight into the caller's buffer (see `read_straight`).
    #[cfg(test)]
    straight: usize,
}

impl<R: Read> Decoded<R> {
    /// Decodes `inner`; the encoding is recognised from the first bytes read.
    pub fn new(inner: R) -> Self {
        Decoded {
            inner,
            mode: Mode::Utf8,
            started: false,
            eof: false,
            flushed: false,
            raw: Vec::new(),
            scratch: Vec::new(),
            finished: false,
            raw_offset: 0,
            out: Vec::new(),
            out_pos: 0,
            produced: 0,
            line: 1,
            column: 1,
            ascii_only: true,
            seen_nul: false,
            bom: false,
            encoding: "UTF-8",
            events: VecDeque::new(),
            want: CHUNK,
            #[cfg(test)]
            straight: 0,
        }
    }

    /// The encoding the text is read in (so far: a file read as UTF-8 may turn out to be
    /// Windows-1252 at its first byte that is not UTF-8).
    pub fn encoding(&self) -> &'static str {
        self.encoding
    }

    /// Whether the text started with a byte-order mark.
    pub fn had_byte_order_mark(&self) -> bool {
        self.bom
    }

    /// Reads up to [`CHUNK`] more bytes into `raw` (straight into it: no buffer between).
    fn fill(&mut self) -> io::Result<()> {
        // One `read` into room made for it: `read_to_end` reads in small steps first, and
        // probes for the end with a read of its own (over 3,000 reads for a 49 MB file,
        // against 750 this way).
        let n = read_more(&mut self.inner, &mut self.raw, &mut self.want)?;
        if n == 0 {
            self.eof = true;
        }
        Ok(())
    }

    fn event(&mut self, severity: Severity, message: String) {
        self.events.push_back(DecodeEvent {
            offset: self.produced,
            line: self.line,
            column: self.column,
            severity,
            message,
        });
    }

    /// Recognises the encoding from the first bytes.
    fn start(&mut self) -> io::Result<()> {
        self.started = true;
        while self.raw.len() < 4 && !self.eof {
            self.fill()?;
        }
        let utf16 = |name: &'static str, le: bool| {
            let enc = if le {
                encoding_rs::UTF_16LE
            } else {
                encoding_rs::UTF_16BE
            };
            (
                name,
                Mode::Utf16(Box::new(enc.new_decoder_without_bom_handling())),
            )
        };
        let (skip, found) = match self.raw.as_slice() {
            [0xEF, 0xBB, 0xBF, ..] => {
                self.bom = true;
                self.encoding = "UTF-8 (with a byte-order mark)";
                (3, None)
            }
            [0xFF, 0xFE, ..] => (
                2,
                Some(utf16(
                    "UTF-16 (little-endian, with a byte-order mark)",
                    true,
                )),
            ),
            [0xFE, 0xFF, ..] => (
                2,
                Some(utf16("UTF-16 (big-endian, with a byte-order mark)", false)),
            ),
            [0, a, 0, b, ..] if *a != 0 && *b != 0 => (
                0,
                Some(utf16(
                    "UTF-16 (big-endian, without a byte-order mark)",
                    false,
                )),
            ),
            [a, 0, b, 0, ..] if *a != 0 && *b != 0 => (
                0,
                Some(utf16(
                    "UTF-16 (little-endian, without a byte-order mark)",
                    true,
                )),
            ),
            _ => (0, None),
        };
        self.raw.drain(..skip);
        self.raw_offset = skip as u64;
        if let Some((name, mode)) = found {
            self.mode = mode;
            self.encoding = name;
            self.event(
                Severity::Warning,
                format!(
                    "the file was decoded as {name}, the encoding of Excel's \"Unicode Text\"; UTF-8 is the usual encoding of CSV"
                ),
            );
        }
        Ok(())
    }

    fn push_text(&mut self, bytes: &[u8]) {
        self.account(bytes);
        if self.out_pos == self.out.len() {
            self.out.clear();
            self.out_pos = 0;
        }
        self.out.extend_from_slice(bytes);
    }

    /// Counts decoded text handed out: its lines, the column after it, whether all of it so
    /// far is ASCII and whether it has held a NUL.
    fn account(&mut self, bytes: &[u8]) {
        if self.ascii_only && !bytes.is_ascii() {
            self.ascii_only = false;
        }
        // A NUL only matters while the text is ASCII (see `decode_utf8`): a file with other
        // letters is not searched for one.
        if self.ascii_only && !self.seen_nul && memchr::memchr(0, bytes).is_some() {
            self.seen_nul = true;
        }
        // Lines are counted a word at a time; columns only after the last line break.
        let breaks = memchr::memchr_iter(b'\n', bytes).count() as u64;
        let tail = match memchr::memrchr(b'\n', bytes) {
            Some(last) => {
                self.line += breaks;
                self.column = 1;
                &bytes[last + 1..]
            }
            None => bytes,
        };
        self.column += tail.iter().filter(|&&b| b & 0xC0 != 0x80).count() as u64;
        self.produced += bytes.len() as u64;
    }

    fn replacement(&mut self) {
        self.push_text("\u{FFFD}".as_bytes());
    }

    /// The usual case of [`decode_utf8`](Self::decode_utf8): no text is pending and what was
    /// read is UTF-8, apart from a sequence cut off by the end of the read. The bytes read then
    /// become the pending text as they are, without a copy. Whether that was so.
    fn take_valid_utf8(&mut self) -> bool {
        if self.out_pos != self.out.len() {
            return false;
        }
        let valid = match std::str::from_utf8(&self.raw) {
            Ok(_) => self.raw.len(),
            Err(e) if e.error_len().is_none() && !self.eof => e.valid_up_to(),
            Err(_) => return false,
        };
        if valid == 0 {
            return false;
        }
        // The cut-off sequence stays to be read, in the buffer the old text was in.
        let mut next = std::mem::take(&mut self.out);
        next.clear();
        next.extend_from_slice(&self.raw[valid..]);
        let mut text = std::mem::replace(&mut self.raw, next);
        text.truncate(valid);
        self.account(&text);
        self.raw_offset += valid as u64;
        self.out = text;
        self.out_pos = 0;
        true
    }

    /// Decodes what `raw` holds, keeping an incomplete last sequence for the next round.
    fn decode(&mut self) {
        match self.mode {
            Mode::Utf8 => self.decode_utf8(),
            Mode::Windows1252 => self.decode_1252(),
            Mode::Utf16(_) => self.decode_utf16(),
        }
    }

    fn decode_1252(&mut self) {
        let mut raw = std::mem::take(&mut self.raw);
        let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&raw);
        self.push_text(text.as_bytes());
        self.raw_offset += raw.len() as u64;
        raw.clear();
        self.raw = raw;
    }

    fn decode_utf8(&mut self) {
        if self.take_valid_utf8() {
            return;
        }
        let raw = std::mem::take(&mut self.raw);
        let mut i = 0;
        while i < raw.len() {
            let rest = &raw[i..];
            let (valid, bad) = match std::str::from_utf8(rest) {
                Ok(_) => (rest.len(), None),
                Err(e) => (e.valid_up_to(), Some(e.error_len())),
            };
            self.push_text(&rest[..valid]);
            i += valid;
            let bad = match bad {
                None => continue,
                Some(Some(n)) => n,
                // An incomplete sequence at the end of what was read.
                Some(None) if !self.eof => break,
                Some(None) => raw.len() - i,
            };
            if !self.bom && self.ascii_only && !self.seen_nul {
                // Plain ASCII up to here: reading the whole file as Windows-1252 gives the same
                // text up to here, and Excel's "CSV" is Windows-1252.
                let byte = raw[i];
                self.encoding = "Windows-1252";
                self.event(
                    Severity::Warning,
                    format!(
                        "the file is not UTF-8 (byte 0x{byte:02X} here is not UTF-8 text); it was read as Windows-1252, the encoding of Excel's \"CSV\" on Western-European Windows. If letters look wrong, save the file as \"CSV UTF-8\" and check it again"
                    ),
                );
                self.mode = Mode::Windows1252;
                let mut raw = raw;
                raw.drain(..i);
                self.raw = raw;
                self.raw_offset += i as u64;
                self.decode_1252();
                return;
            }
            let hex: Vec<String> = raw[i..i + bad]
                .iter()
                .map(|b| format!("0x{b:02X}"))
                .collect();
            let why = if self.bom {
                "the file starts with a UTF-8 byte-order mark".to_owned()
            } else {
                "the file holds UTF-8 text before this point, so it is not read as Windows-1252 either".to_owned()
            };
            self.event(
                Severity::Error,
                format!(
                    "byte{} {} (at byte {} of the file) {} not UTF-8, and {why}; save the file as \"CSV UTF-8\"",
                    if bad == 1 { "" } else { "s" },
                    hex.join(" "),
                    self.raw_offset + i as u64,
                    if bad == 1 { "is" } else { "are" },
                ),
            );
            self.replacement();
            i += bad;
        }
        self.raw_offset += i as u64;
        let mut raw = raw;
        raw.drain(..i);
        self.raw = raw;
    }

    fn decode_utf16(&mut self) {
        if self.finished {
            // Nothing can follow the end of the input.
            self.raw.clear();
            return;
        }
        let Mode::Utf16(mut decoder) = std::mem::replace(&mut self.mode, Mode::Utf8) else {
            return;
        };
        let mut raw = std::mem::take(&mut self.raw);
        let mut scratch = std::mem::take(&mut self.scratch);
        if scratch.len() < CHUNK * 2 {
            scratch.resize(CHUNK * 2, 0);
        }
        let last = self.eof;
        let mut i = 0;
        loop {
            let (result, read, written) =
                decoder.decode_to_utf8_without_replacement(&raw[i..], &mut scratch, last);
            self.push_text(&scratch[..written.min(scratch.len())]);
            i += read;
            match result {
                encoding_rs::DecoderResult::InputEmpty => {
                    self.finished = last;
                    break;
                }
                encoding_rs::DecoderResult::OutputFull => {}
                encoding_rs::DecoderResult::Malformed(bad, extra) => {
                    let at = (self.raw_offset + i as u64)
                        .saturating_sub(u64::from(bad) + u64::from(extra));
                    self.event(
                        Severity::Error,
                        format!(
                            "the bytes at byte {at} of the file are not UTF-16 text (an unpaired surrogate or an odd last byte)"
                        ),
                    );
                    self.replacement();
                }
            }
        }
        self.raw_offset += raw.len() as u64;
        raw.clear();
        self.raw = raw;
        self.scratch = scratch;
        self.mode = Mode::Utf16(decoder);
    }

    /// Decodes until some text is pending or the input is exhausted.
    fn produce(&mut self) -> io::Result<()> {
        if !self.started {
            self.start()?;
        }
        while self.out_pos == self.out.len() {
            if self.eof {
                if self.flushed {
                    return Ok(());
                }
                // The last call tells the decoder that nothing follows.
                self.flushed = true;
                self.decode();
                continue;
            }
            if self.raw.len() < CHUNK {
                self.fill()?;
            }
            self.decode();
        }
        Ok(())
    }

    /// Decodes until the pending text holds the whole first line of the table (up to a line
    /// break outside quotes, so a quoted line break in a header cell does not end it), or
    /// `limit` bytes, or the end; returns that line, cut at `limit` bytes. What the line is
    /// does not depend on how the input was cut into reads: the search goes on until the
    /// line's true end is seen, not until some line break is.
    pub(super) fn peek_line(&mut self, limit: usize) -> io::Result<&[u8]> {
        self.produce()?;
        // How far the pending text has been searched, and whether that point is in quotes.
        let mut searched = 0;
        let mut quoted = false;
        let end = loop {
            let pending = &self.out[self.out_pos..];
            let mut end = None;
            for (i, &b) in pending.iter().enumerate().skip(searched) {
                match b {
                    b'"' => quoted = !quoted,
                    b'\n' if !quoted => {
                        end = Some(i + 1);
                        break;
                    }
                    _ => {}
                }
            }
            searched = pending.len();
            if let Some(end) = end {
                break end.min(limit);
            }
            if pending.len() >= limit || (self.eof && self.flushed) {
                break pending.len().min(limit);
            }
            if self.eof {
                self.flushed = true;
                self.decode();
                continue;
            }
            self.fill()?;
            self.decode();
        };
        let pending = &self.out[self.out_pos..];
        Ok(pending.get(..end).unwrap_or(pending))
    }

    /// Takes the events placed before `offset` of the decoded text (all of them for `None`).
    pub(super) fn take_events(&mut self, before: Option<u64>) -> Vec<DecodeEvent> {
        let mut taken = Vec::new();
        while let Some(e) = self.events.front() {
            if before.is_some_and(|b| e.offset >= b) {
                break;
            }
            if let Some(e) = self.events.pop_front() {
                taken.push(e);
            }
        }
        taken
    }
}

/// Appends up to `want` bytes read from `inner` to `buf`, in one `read` (tried again when
/// interrupted); how many, 0 at the end. The room read into is zeroed first, so `want`
/// follows what reads give: [`CHUNK`] from a file, which fills each read, and twice the last
/// read (4 KB at least) from a pipe that hands out less, rather than zero 64 KB for each.
fn read_more(inner: &mut impl Read, buf: &mut Vec<u8>, want: &mut usize) -> io::Result<usize> {
    let old = buf.len();
    buf.resize(old + *want, 0);
    let n = loop {
        match inner.read(&mut buf[old..]) {
            Ok(n) => break n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => {
                buf.truncate(old);
                return Err(e);
            }
        }
    };
    buf.truncate(old + n);
    *want = if n >= *want {
        CHUNK
    } else {
        (2 * n).clamp(4096, CHUNK)
    };
    Ok(n)
}

impl<R: Read> Decoded<R> {
    /// Appends the next decoded text to `dst` (what a read would give, without the copy into
    /// a buffer of its own); 0 at the end.
    pub(super) fn append_to(&mut self, dst: &mut Vec<u8>) -> io::Result<usize> {
        match self.read_straight(dst)? {
            Some(n) => return Ok(n),
            None => self.produce()?,
        }
        let pending = &self.out[self.out_pos..];
        dst.extend_from_slice(pending);
        self.out_pos = self.out.len();
        Ok(pending.len())
    }

    /// The usual case of [`append_to`](Self::append_to), UTF-8 text with nothing pending: the
    /// bytes are read straight into `dst` and checked there, not read into a buffer of their
    /// own and copied. How many bytes of text were added (never 0); `None` when the next text
    /// must come the general way: before the encoding is known, in another encoding, with
    /// text or bytes pending, at the end, or when what was read starts with bytes that are not
    /// UTF-8 or with a sequence cut off by the read. Bytes read after the text added wait in
    /// `raw` for the general way, which the text before them leaves where it would have.
    fn read_straight(&mut self, dst: &mut Vec<u8>) -> io::Result<Option<usize>> {
        if !self.started
            || !matches!(self.mode, Mode::Utf8)
            || self.eof
            || !self.raw.is_empty()
            || self.out_pos != self.out.len()
        {
            return Ok(None);
        }
        let old = dst.len();
        if read_more(&mut self.inner, dst, &mut self.want)? == 0 {
            self.eof = true;
            return Ok(None);
        }
        let read = dst.get(old..).unwrap_or_default();
        let valid = match std::str::from_utf8(read) {
            Ok(_) => read.len(),
            Err(e) => e.valid_up_to(),
        };
        self.raw
            .extend_from_slice(read.get(valid..).unwrap_or_default());
        dst.truncate(old + valid);
        if valid == 0 {
            return Ok(None);
        }
        self.account(dst.get(old..).unwrap_or_default());
        self.raw_offset += valid as u64;
        #[cfg(test)]
        {
            self.straight += 1;
        }
        Ok(Some(valid))
    }
}

impl<R: Read> Read for Decoded<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.produce()?;
        let pending = &self.out[self.out_pos..];
        let n = pending.len().min(buf.len());
        buf[..n].copy_from_slice(&pending[..n]);
        self.out_pos += n;
        Ok(n)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    fn decode(bytes: &[u8]) -> (String, Vec<DecodeEvent>, &'static str) {
        let mut d = Decoded::new(bytes);
        let mut text = String::new();
        d.read_to_string(&mut text).unwrap();
        let events = d.take_events(None);
        (text, events, d.encoding())
    }

    #[test]
    fn decodes_utf8_with_and_without_a_byte_order_mark() {
        let (t, e, enc) = decode("a,b\nLiège,é\n".as_bytes());
        assert_eq!(t, "a,b\nLiège,é\n");
        assert!(e.is_empty());
        assert_eq!(enc, "UTF-8");
        let (t, e, enc) = decode("\u{FEFF}a\nç\n".as_bytes());
        assert_eq!(t, "a\nç\n");
        assert!(e.is_empty());
        assert!(enc.contains("byte-order mark"));
    }

    #[test]
    fn reads_windows_1252_when_the_first_bad_byte_follows_plain_ascii() {
        let (t, e, enc) = decode(b"city;country\nLi\xe8ge;BE\n\x80\n");
        assert_eq!(t, "city;country\nLiège;BE\n€\n");
        assert_eq!(enc, "Windows-1252");
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].severity, Severity::Warning);
        assert_eq!((e[0].line, e[0].column), (2, 3));
        assert!(e[0].message.contains("0xE8"), "{}", e[0].message);
    }

    #[test]
    fn a_nul_in_ascii_text_keeps_a_bad_byte_an_error() {
        // Text with a NUL is no Windows-1252 table: the bad byte is an encoding error.
        let (t, e, enc) = decode(b"a,b\n\x00x\nLi\xe8ge\n");
        assert_eq!(enc, "UTF-8");
        assert_eq!(t, "a,b\n\u{0}x\nLi\u{FFFD}ge\n");
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].severity, Severity::Error);
        assert_eq!((e[0].line, e[0].column), (3, 3));
    }

    #[test]
    fn bad_bytes_after_utf8_text_are_errors_at_their_place() {
        let (t, e, _) = decode(b"\xc3\xa9,x\nab\xff\n");
        assert_eq!(t, "é,x\nab\u{FFFD}\n");
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].severity, Severity::Error);
        assert_eq!((e[0].line, e[0].column), (2, 3));
        assert!(e[0].message.contains("0xFF"), "{}", e[0].message);
        // With a byte-order mark the file is UTF-8, whatever follows.
        let (_, e, _) = decode(b"\xEF\xBB\xBFa\n\xe9\n");
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].severity, Severity::Error);
    }

    /// Text, events (with their places) and encoding: as `append_to` gives them to the chunked
    /// reader when `appended` (most reads then go straight into the chunk's buffer), else as
    /// reads through [`Read`] give them (never straight).
    fn decoded<R: Read>(mut d: Decoded<R>, appended: bool) -> (Vec<u8>, Vec<String>, &'static str) {
        let mut text = Vec::new();
        if appended {
            while d.append_to(&mut text).unwrap() > 0 {}
        } else {
            d.read_to_end(&mut text).unwrap();
        }
        let events = d
            .take_events(None)
            .iter()
            .map(|e| format!("{e:?}"))
            .collect();
        (text, events, d.encoding())
    }

    /// A reader that hands out at most `step` bytes a read.
    struct Steps<'a> {
        bytes: &'a [u8],
        step: usize,
    }

    impl Read for Steps<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let n = buf.len().min(self.bytes.len()).min(self.step);
            buf[..n].copy_from_slice(&self.bytes[..n]);
            self.bytes = &self.bytes[n..];
            Ok(n)
        }
    }

    #[test]
    fn text_read_straight_into_a_chunk_is_the_text_read_the_general_way() {
        // ASCII lines, with `at` bytes around the ends of reads replaced by what tests the
        // straight reads: a letter cut off by the end of a read, a byte that is not UTF-8 after
        // ASCII (Windows-1252 from there) or after other letters (an error), a NUL.
        let line = "x-net,Network,https://x.example.org/\n";
        let base: Vec<u8> = line.repeat(3 * CHUNK / line.len()).into_bytes();
        let mut inputs: Vec<Vec<u8>> = vec![Vec::new(), base.clone()];
        for at in [1, CHUNK - 2, CHUNK - 1, CHUNK, CHUNK + 1, 2 * CHUNK - 1] {
            for insert in [
                &b"\xc3\xa9"[..],
                b"\xe2\x82\xac",
                b"\xff",
                b"\0",
                b"\xf0\x9f\x98\x80",
            ] {
                let mut bytes = base.clone();
                bytes.splice(at..at, insert.iter().copied());
                inputs.push(bytes.clone());
                // The same after a letter that is not ASCII.
                bytes.splice(0..0, "é".bytes());
                inputs.push(bytes);
            }
        }
        // Another encoding: a byte-order mark of UTF-8 and of UTF-16, and text cut off mid-letter.
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(&base);
        inputs.push(bom);
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend(line.repeat(5000).encode_utf16().flat_map(u16::to_le_bytes));
        inputs.push(utf16);
        let mut cut = base.clone();
        cut.extend_from_slice(b"\xe2\x82");
        inputs.push(cut);
        let mut straight = 0;
        for (i, input) in inputs.iter().enumerate() {
            let general = decoded(Decoded::new(&input[..]), false);
            for step in [usize::MAX, 997, 4099] {
                let bytes = &input[..];
                assert_eq!(
                    decoded(Decoded::new(Steps { bytes, step }), true),
                    general,
                    "input {i}, reads of {step} bytes at most"
                );
            }
            // The reads went straight (the text of the first read never does: it tells the
            // encoding).
            let mut d = Decoded::new(&input[..]);
            while d.append_to(&mut Vec::new()).unwrap() > 0 {}
            straight += d.straight;
        }
        assert!(straight > 50, "{straight} straight reads");
    }

    #[test]
    fn a_sequence_cut_by_a_read_is_still_utf8() {
        // A reader that hands out one byte at a time.
        struct OneByte<'a>(&'a [u8]);
        impl Read for OneByte<'_> {
            fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
                match (self.0.split_first(), buf.first_mut()) {
                    (Some((b, rest)), Some(slot)) => {
                        *slot = *b;
                        self.0 = rest;
                        Ok(1)
                    }
                    _ => Ok(0),
                }
            }
        }
        let mut text = String::new();
        let mut d = Decoded::new(OneByte("aé€😀\n".as_bytes()));
        d.read_to_string(&mut text).unwrap();
        assert_eq!(text, "aé€😀\n");
        assert!(d.take_events(None).is_empty());
    }

    #[test]
    fn the_first_line_runs_to_a_line_break_outside_quotes_whatever_the_reads() {
        let text = b"\"a,\nb\";c;d\ne;f\n";
        for step in [1, 2, 3, 5, 64] {
            let mut d = Decoded::new(Steps { bytes: text, step });
            assert_eq!(d.peek_line(1 << 20).unwrap(), b"\"a,\nb\";c;d\n", "{step}");
            // Peeking takes nothing: the text is all there to read.
            let mut all = Vec::new();
            d.read_to_end(&mut all).unwrap();
            assert_eq!(all, text, "{step}");
        }
        // A quote left open: the line runs to the end of the text, or to the bound, where it
        // is cut whatever was read past it.
        let open = b"\"a\nb\nc\nd";
        for step in [1, 3, 4096] {
            let mut d = Decoded::new(Steps { bytes: open, step });
            assert_eq!(d.peek_line(1 << 20).unwrap(), open);
            let mut d = Decoded::new(Steps { bytes: open, step });
            assert_eq!(d.peek_line(4).unwrap(), b"\"a\nb");
        }
    }

    #[test]
    fn an_interrupted_read_is_tried_again_and_a_failed_one_is_an_error() {
        // Every other read is interrupted (as by a signal); after `fail_after` bytes, reads fail.
        struct Flaky<'a> {
            text: &'a [u8],
            calls: usize,
            fail_after: usize,
            given: usize,
        }
        impl Read for Flaky<'_> {
            fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
                self.calls += 1;
                if self.calls % 2 == 1 {
                    return Err(io::ErrorKind::Interrupted.into());
                }
                if self.given >= self.fail_after {
                    return Err(io::Error::other("disk gone"));
                }
                let n = buf.len().min(self.text.len()).min(3);
                buf[..n].copy_from_slice(&self.text[..n]);
                self.text = &self.text[n..];
                self.given += n;
                Ok(n)
            }
        }
        let table = "id,name\nx-net,Liège\n";
        let mut text = String::new();
        let flaky = |fail_after| Flaky {
            text: table.as_bytes(),
            calls: 0,
            fail_after,
            given: 0,
        };
        Decoded::new(flaky(usize::MAX))
            .read_to_string(&mut text)
            .unwrap();
        assert_eq!(text, table);
        let err = Decoded::new(flaky(6))
            .read_to_string(&mut String::new())
            .unwrap_err();
        assert_eq!(err.to_string(), "disk gone");
    }

    fn utf16le(s: &str, bom: bool) -> Vec<u8> {
        let mut out = if bom { vec![0xFF, 0xFE] } else { Vec::new() };
        for u in s.encode_utf16() {
            out.extend_from_slice(&u.to_le_bytes());
        }
        out
    }

    #[test]
    fn decodes_utf16_with_a_warning() {
        let (t, e, enc) = decode(&utf16le("id\tname\nx\tLiège\n", true));
        assert_eq!(t, "id\tname\nx\tLiège\n");
        assert_eq!(enc, "UTF-16 (little-endian, with a byte-order mark)");
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].severity, Severity::Warning);
        let (t, _, enc) = decode(&utf16le("id,name\n", false));
        assert_eq!(t, "id,name\n");
        assert!(enc.contains("without a byte-order mark"));
        // An unpaired surrogate.
        let mut bytes = utf16le("a\n", true);
        bytes.extend_from_slice(&[0x00, 0xD8, b'b', 0]);
        let (t, e, _) = decode(&bytes);
        assert_eq!(t, "a\n\u{FFFD}b");
        assert_eq!(e[1].severity, Severity::Error);
        assert_eq!((e[1].line, e[1].column), (2, 1));
    }
}
