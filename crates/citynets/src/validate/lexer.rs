//! A streaming JSON lexer: reads bytes from a source in chunks, tracks line and column (in
//! Unicode code points), and hands string contents to a sink piece by piece so that no value,
//! however long, is held whole in memory.

use crate::words::{HIGH, control, equal_to, first, word};
use std::io::Read;

const CHUNK: usize = 64 * 1024;

/// Where a token starts in the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Pos {
    /// Byte offset from the start of the input.
    pub offset: u64,
    /// 1-based line.
    pub line: u64,
    /// 1-based column in code points.
    pub column: u64,
}

/// The kind of the next token, found without consuming strings and numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tok {
    ObjStart,
    ObjEnd,
    ArrStart,
    ArrEnd,
    Colon,
    Comma,
    Str,
    Num,
    True,
    False,
    Null,
    /// A newline, reported only in line mode (NDJSON).
    Newline,
    Eof,
}

/// A lexing failure: what is wrong and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct LexError {
    pub pos: Pos,
    pub kind: LexErrorKind,
    pub message: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LexErrorKind {
    Syntax,
    Encoding,
    Io,
}

/// Receives the decoded content of a string, piece by piece.
pub(crate) trait StrSink {
    fn push(&mut self, piece: &str);

    /// Pushes bytes known to be ASCII (so valid UTF-8).
    fn push_ascii(&mut self, piece: &[u8]) {
        self.push(std::str::from_utf8(piece).unwrap_or_default());
    }
}

/// A number as read: its text (up to a bound) and its value.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Number {
    /// The value as an exact integer, when the literal is an integer that fits.
    pub int: Option<i128>,
    /// The value as a float (infinite when too large to represent).
    pub float: f64,
    /// The literal, cut at 64 characters.
    pub text: String,
}

impl Number {
    /// Whether the number is mathematically an integer (JSON Schema's `integer`: `1.0` is one).
    pub fn is_integer(&self) -> bool {
        self.int.is_some() || (self.float.is_finite() && self.float.fract() == 0.0)
    }
}

pub(crate) struct Lexer<R> {
    src: R,
    buf: Vec<u8>,
    pos: usize,
    end: usize,
    eof: bool,
    /// Absolute offset of `buf[0]`.
    base: u64,
    line: u64,
    /// Code points on the current line before `buf[pos]`.
    column: u64,
    /// In line mode newlines are tokens (NDJSON).
    pub line_mode: bool,
    io_error: Option<String>,
}

impl<R: Read> Lexer<R> {
    pub fn new(src: R) -> Self {
        Lexer {
            src,
            buf: vec![0; CHUNK],
            pos: 0,
            end: 0,
            eof: false,
            base: 0,
            line: 1,
            column: 0,
            line_mode: false,
            io_error: None,
        }
    }

    /// A lexer whose input starts at the given line and byte offset of a larger file (a chunk
    /// of NDJSON validated on another thread).
    pub fn starting_at(src: R, line: u64, offset: u64) -> Self {
        let mut lx = Lexer::new(src);
        lx.line = line;
        lx.base = offset;
        lx
    }

    /// A lexer whose first bytes, `head`, are already read (by the front door), followed by
    /// `src`. The first `skip` bytes (a byte-order mark) are passed over: they count in the
    /// offsets but not in the columns.
    pub fn with_head(mut head: Vec<u8>, skip: usize, src: R) -> Self {
        let end = head.len();
        head.resize(end.max(CHUNK), 0);
        Lexer {
            src,
            buf: head,
            pos: skip.min(end),
            end,
            eof: false,
            base: 0,
            line: 1,
            column: 0,
            line_mode: false,
            io_error: None,
        }
    }

    /// The position of the next byte.
    pub fn pos(&self) -> Pos {
        Pos {
            offset: self.base + self.pos as u64,
            line: self.line,
            column: self.column + 1,
        }
    }

    fn fill(&mut self) -> bool {
        if self.pos < self.end {
            return true;
        }
        if self.eof {
            return false;
        }
        self.base += self.end as u64;
        self.pos = 0;
        self.end = 0;
        loop {
            match self.src.read(&mut self.buf) {
                Ok(0) => {
                    self.eof = true;
                    return false;
                }
                Ok(n) => {
                    self.end = n;
                    return true;
                }
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    self.io_error = Some(e.to_string());
                    self.eof = true;
                    return false;
                }
            }
        }
    }

    #[inline(always)]
    fn peek(&mut self) -> Option<u8> {
        if self.pos < self.end {
            return Some(self.buf[self.pos]);
        }
        if self.fill() {
            Some(self.buf[self.pos])
        } else {
            None
        }
    }

    /// Consumes one byte that is not a newline nor inside a multi-byte character's tail.
    #[inline(always)]
    fn bump(&mut self) {
        let b = self.buf[self.pos];
        self.pos += 1;
        if b == b'\n' {
            self.line += 1;
            self.column = 0;
        } else if b & 0xC0 != 0x80 {
            self.column += 1;
        }
    }

    pub fn io_error(&self) -> Option<&str> {
        self.io_error.as_deref()
    }

    fn err(&self, pos: Pos, kind: LexErrorKind, message: impl Into<String>) -> Box<LexError> {
        Box::new(LexError {
            pos,
            kind,
            message: message.into(),
        })
    }

    /// Skips whitespace (but not newlines in line mode) and tells the next token's kind, with
    /// its position. Punctuation tokens are consumed; strings, numbers and literals are not.
    pub fn next(&mut self) -> Result<(Tok, Pos), Box<LexError>> {
        loop {
            // Skip blanks within the buffer without per-byte calls.
            while self.pos < self.end {
                match self.buf[self.pos] {
                    b' ' | b'\t' | b'\r' => {
                        self.pos += 1;
                        self.column += 1;
                    }
                    b'\n' if !self.line_mode => {
                        self.pos += 1;
                        self.line += 1;
                        self.column = 0;
                    }
                    _ => break,
                }
            }
            let Some(b) = self.peek() else {
                if let Some(e) = &self.io_error {
                    return Err(self.err(self.pos(), LexErrorKind::Io, e.clone()));
                }
                return Ok((Tok::Eof, self.pos()));
            };
            match b {
                b'\n' if self.line_mode => {
                    let p = self.pos();
                    self.bump();
                    return Ok((Tok::Newline, p));
                }
                b' ' | b'\t' | b'\r' | b'\n' => self.bump(),
                _ => break,
            }
        }
        let p = self.pos();
        let Some(b) = self.peek() else {
            return Ok((Tok::Eof, p));
        };
        let tok = match b {
            b'{' => Tok::ObjStart,
            b'}' => Tok::ObjEnd,
            b'[' => Tok::ArrStart,
            b']' => Tok::ArrEnd,
            b':' => Tok::Colon,
            b',' => Tok::Comma,
            b'"' => return Ok((Tok::Str, p)),
            b'-' | b'0'..=b'9' => return Ok((Tok::Num, p)),
            b't' => return self.literal(b"true", Tok::True, p),
            b'f' => return self.literal(b"false", Tok::False, p),
            b'n' => return self.literal(b"null", Tok::Null, p),
            _ => return Err(self.unexpected(p)),
        };
        self.bump();
        Ok((tok, p))
    }

    /// An error for the byte at `p`: an encoding error when it starts no valid UTF-8
    /// character, a syntax error naming the character otherwise.
    fn unexpected(&mut self, p: Pos) -> Box<LexError> {
        let mut bytes = Vec::with_capacity(4);
        while bytes.len() < 4 {
            match self.peek_at(bytes.len()) {
                Some(b) => bytes.push(b),
                None => break,
            }
        }
        match std::str::from_utf8(&bytes).map_or_else(
            |e| {
                std::str::from_utf8(&bytes[..e.valid_up_to()])
                    .ok()
                    .and_then(|s| s.chars().next())
            },
            |s| s.chars().next(),
        ) {
            Some(c) => {
                let shown = if c.is_control() {
                    format!("U+{:04X}", u32::from(c))
                } else {
                    format!("{c:?}")
                };
                let hint = match c {
                    'N' | 'I' => " (NaN and Infinity are not JSON numbers)",
                    '\'' => " (JSON strings use double quotes)",
                    '/' => " (JSON has no comments)",
                    _ => "",
                };
                self.err(
                    p,
                    LexErrorKind::Syntax,
                    format!("unexpected character {shown}{hint}"),
                )
            }
            None => self.err(
                p,
                LexErrorKind::Encoding,
                format!(
                    "invalid UTF-8: byte 0x{:02X} does not start a character (JSON must be UTF-8)",
                    bytes.first().copied().unwrap_or(0)
                ),
            ),
        }
    }

    /// The byte `n` places ahead, refilling (and keeping the unread bytes) when needed.
    fn peek_at(&mut self, n: usize) -> Option<u8> {
        if self.pos + n < self.end {
            return Some(self.buf[self.pos + n]);
        }
        if self.eof {
            return None;
        }
        // Move the unread bytes to the front and read more behind them.
        let unread = self.end - self.pos;
        self.buf.copy_within(self.pos..self.end, 0);
        self.base += self.pos as u64;
        self.pos = 0;
        self.end = unread;
        while self.end <= n && !self.eof {
            match self.src.read(&mut self.buf[self.end..]) {
                Ok(0) => self.eof = true,
                Ok(k) => self.end += k,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => {
                    self.io_error = Some(e.to_string());
                    self.eof = true;
                }
            }
        }
        (n < self.end).then(|| self.buf[n])
    }

    fn literal(&mut self, word: &[u8], tok: Tok, p: Pos) -> Result<(Tok, Pos), Box<LexError>> {
        for (i, expected) in word.iter().enumerate() {
            match self.peek_at(i) {
                Some(b) if b == *expected => {}
                _ => return Err(self.unexpected_literal(p)),
            }
        }
        for _ in 0..word.len() {
            self.bump();
        }
        Ok((tok, p))
    }

    fn unexpected_literal(&mut self, p: Pos) -> Box<LexError> {
        let mut word = String::new();
        let mut i = 0;
        while let Some(b) = self.peek_at(i) {
            if !b.is_ascii_alphanumeric() || word.len() > 20 {
                break;
            }
            word.push(char::from(b));
            i += 1;
        }
        let hint = if word == "NaN" || word.starts_with("Inf") {
            " (NaN and Infinity are not JSON numbers)"
        } else if word == "True" || word == "False" || word == "None" {
            " (JSON writes true, false and null in lower case)"
        } else {
            ""
        };
        self.err(
            p,
            LexErrorKind::Syntax,
            format!("unexpected word {word:?}{hint}"),
        )
    }

    /// Reads a string (the next byte must be its opening quote), decoding escapes and handing
    /// the content to `sink` in pieces.
    pub fn read_string(&mut self, sink: &mut dyn StrSink) -> Result<(), Box<LexError>> {
        let start = self.pos();
        self.bump(); // the opening quote
        let mut pending = [0u8; 4];
        let mut pending_len = 0usize;
        // Where the cut character starts, for the error when it turns out invalid.
        let mut pending_at = start;
        loop {
            if self.pos >= self.end && !self.fill() {
                if let Some(e) = &self.io_error {
                    return Err(self.err(self.pos(), LexErrorKind::Io, e.clone()));
                }
                return Err(self.err(
                    start,
                    LexErrorKind::Syntax,
                    "unterminated string: the input ends before its closing quote",
                ));
            }
            // A multi-byte character cut by the chunk boundary: complete it first.
            if pending_len > 0 {
                let need = utf8_len(pending[0]);
                while pending_len < need {
                    let Some(b) = self.peek() else { break };
                    if b & 0xC0 != 0x80 {
                        break;
                    }
                    pending[pending_len] = b;
                    pending_len += 1;
                    self.pos += 1;
                }
                match std::str::from_utf8(&pending[..pending_len]) {
                    Ok(s) => {
                        sink.push(s);
                        self.column += 1;
                        pending_len = 0;
                        continue;
                    }
                    Err(_) if pending_len < need && !self.eof && self.pos >= self.end => continue,
                    Err(_) => {
                        // The same error, at the same place, as when the character is not
                        // cut: its first byte is the one that starts no valid character.
                        return Err(self.err(
                            pending_at,
                            LexErrorKind::Encoding,
                            format!(
                                "invalid UTF-8 in a string: byte 0x{:02X} (JSON must be UTF-8)",
                                pending[0]
                            ),
                        ));
                    }
                }
            }
            // The run of plain bytes up to a quote, a backslash or a control character.
            let chunk = &self.buf[self.pos..self.end];
            let (run, ascii) = plain_run(chunk);
            if run > 0 {
                let bytes = &chunk[..run];
                if ascii {
                    // Plain ASCII: valid UTF-8, one column per byte.
                    sink.push_ascii(bytes);
                    self.column += run as u64;
                    self.pos += run;
                    continue;
                }
                let (text, tail) = match std::str::from_utf8(bytes) {
                    Ok(s) => (s, 0),
                    Err(e) if e.error_len().is_none() => {
                        // Only the last character is incomplete: it continues in the next chunk.
                        let ok = e.valid_up_to();
                        (
                            std::str::from_utf8(&bytes[..ok]).unwrap_or_default(),
                            run - ok,
                        )
                    }
                    Err(e) => {
                        let bad = self.pos + e.valid_up_to();
                        let col = self.column + count_chars(&bytes[..e.valid_up_to()]) + 1;
                        let p = Pos {
                            offset: self.base + bad as u64,
                            line: self.line,
                            column: col,
                        };
                        return Err(self.err(
                            p,
                            LexErrorKind::Encoding,
                            format!(
                                "invalid UTF-8 in a string: byte 0x{:02X} (JSON must be UTF-8)",
                                self.buf[bad]
                            ),
                        ));
                    }
                };
                sink.push(text);
                self.column += count_chars(text.as_bytes());
                self.pos += run - tail;
                if tail > 0 {
                    pending_at = self.pos();
                    pending[..tail].copy_from_slice(&self.buf[self.pos..self.pos + tail]);
                    pending_len = tail;
                    self.pos += tail;
                }
                continue;
            }
            let b = self.buf[self.pos];
            match b {
                b'"' => {
                    self.bump();
                    return Ok(());
                }
                b'\\' => {
                    let esc_pos = self.pos();
                    self.bump();
                    let Some(e) = self.peek() else {
                        return Err(self.err(
                            start,
                            LexErrorKind::Syntax,
                            "unterminated string: the input ends inside an escape",
                        ));
                    };
                    self.bump();
                    let c = match e {
                        b'u' => self.unicode_escape(esc_pos)?,
                        other => match escaped_char(other) {
                            Some(c) => c,
                            None => {
                                return Err(self.err(
                                    esc_pos,
                                    LexErrorKind::Syntax,
                                    format!("invalid escape \\{}", char::from(other)),
                                ));
                            }
                        },
                    };
                    let mut tmp = [0u8; 4];
                    sink.push(c.encode_utf8(&mut tmp));
                }
                _ => {
                    let what = if b == b'\n' {
                        "a line break"
                    } else {
                        "a control character"
                    };
                    return Err(self.err(
                        self.pos(),
                        LexErrorKind::Syntax,
                        format!("{what} inside a string must be escaped"),
                    ));
                }
            }
        }
    }

    fn hex4(&mut self, esc_pos: Pos) -> Result<u32, Box<LexError>> {
        let mut v = 0u32;
        for _ in 0..4 {
            let Some(b) = self.peek() else {
                return Err(self.err(esc_pos, LexErrorKind::Syntax, "unterminated \\u escape"));
            };
            let d = char::from(b).to_digit(16).ok_or_else(|| {
                self.err(
                    esc_pos,
                    LexErrorKind::Syntax,
                    "\\u must be followed by four hexadecimal digits",
                )
            })?;
            self.bump();
            v = v * 16 + d;
        }
        Ok(v)
    }

    fn unicode_escape(&mut self, esc_pos: Pos) -> Result<char, Box<LexError>> {
        let hi = self.hex4(esc_pos)?;
        if (0xDC00..0xE000).contains(&hi) {
            return Err(self.err(
                esc_pos,
                LexErrorKind::Syntax,
                "lone trailing surrogate in a \\u escape",
            ));
        }
        if (0xD800..0xDC00).contains(&hi) {
            if self.peek_at(0) != Some(b'\\') || self.peek_at(1) != Some(b'u') {
                return Err(self.err(
                    esc_pos,
                    LexErrorKind::Syntax,
                    "lone leading surrogate in a \\u escape",
                ));
            }
            self.bump();
            self.bump();
            let lo = self.hex4(esc_pos)?;
            return utf16_pair(hi, lo).ok_or_else(|| {
                self.err(
                    esc_pos,
                    LexErrorKind::Syntax,
                    "lone leading surrogate in a \\u escape",
                )
            });
        }
        char::from_u32(hi)
            .ok_or_else(|| self.err(esc_pos, LexErrorKind::Syntax, "invalid \\u escape"))
    }

    /// Reads a number (the next byte must start it), following RFC 8259's grammar.
    pub fn read_number(&mut self) -> Result<Number, Box<LexError>> {
        let start = self.pos();
        let mut text = String::new();
        let mut len = 0usize;
        let push = |text: &mut String, b: u8, len: &mut usize| {
            if text.len() < 64 {
                text.push(char::from(b));
            }
            *len += 1;
        };
        // Digits beyond what an f64 can tell apart are kept only as a count.
        let mut mantissa = String::new();
        let mut dropped: i64 = 0;
        let mut int_only = true;
        if self.peek() == Some(b'-') {
            push(&mut text, b'-', &mut len);
            mantissa.push('-');
            self.bump();
        }
        let digits_start = len;
        match self.peek() {
            Some(b'0') => {
                push(&mut text, b'0', &mut len);
                mantissa.push('0');
                self.bump();
            }
            Some(b'1'..=b'9') => {
                while let Some(b @ b'0'..=b'9') = self.peek() {
                    push(&mut text, b, &mut len);
                    if mantissa.len() < 800 {
                        mantissa.push(char::from(b));
                    } else {
                        // Keep the magnitude: each dropped digit is a factor of ten.
                        dropped += 1;
                    }
                    self.bump();
                }
            }
            _ => {
                return Err(self.err(
                    start,
                    LexErrorKind::Syntax,
                    "a number needs digits after the minus sign",
                ));
            }
        }
        if matches!(self.peek(), Some(b'0'..=b'9'))
            && len - digits_start == 1
            && text.ends_with('0')
        {
            return Err(self.err(
                start,
                LexErrorKind::Syntax,
                "numbers must not have leading zeros",
            ));
        }
        let mut frac = String::new();
        if self.peek() == Some(b'.') {
            int_only = false;
            push(&mut text, b'.', &mut len);
            self.bump();
            let mut any = false;
            while let Some(b @ b'0'..=b'9') = self.peek() {
                any = true;
                push(&mut text, b, &mut len);
                if frac.len() < 800 {
                    frac.push(char::from(b));
                }
                self.bump();
            }
            if !any {
                return Err(self.err(
                    start,
                    LexErrorKind::Syntax,
                    "a number needs digits after the decimal point",
                ));
            }
        }
        let mut exp = String::new();
        if matches!(self.peek(), Some(b'e' | b'E')) {
            int_only = false;
            push(&mut text, b'e', &mut len);
            self.bump();
            if let Some(b @ (b'+' | b'-')) = self.peek() {
                push(&mut text, b, &mut len);
                exp.push(char::from(b));
                self.bump();
            }
            let mut any = false;
            let mut significant = 0;
            while let Some(b @ b'0'..=b'9') = self.peek() {
                any = true;
                push(&mut text, b, &mut len);
                // Leading zeros of the exponent do not count; past 12 digits it is huge.
                if (b != b'0' || significant > 0) && exp.len() < 20 {
                    significant += 1;
                    exp.push(char::from(if significant > 12 { b'9' } else { b }));
                }
                self.bump();
            }
            if !any {
                return Err(self.err(
                    start,
                    LexErrorKind::Syntax,
                    "a number needs digits in its exponent",
                ));
            }
        }
        if len > text.len() {
            text.push('…');
        }
        let exponent: i64 = if exp.is_empty() || exp == "+" || exp == "-" {
            0
        } else {
            // An exponent too long for i64 is beyond any f64 either way.
            exp.parse::<i64>().unwrap_or(if exp.starts_with('-') {
                -100_000
            } else {
                100_000
            })
        };
        let literal = format!(
            "{mantissa}{}{}e{}",
            if frac.is_empty() { "" } else { "." },
            frac,
            exponent.saturating_add(dropped)
        );
        let float = literal.parse::<f64>().unwrap_or(f64::INFINITY);
        let int = if int_only && dropped == 0 {
            mantissa.parse::<i128>().ok()
        } else {
            None
        };
        Ok(Number { int, float, text })
    }

    /// Skips to just after the next newline (or the end), for resynchronising NDJSON after a
    /// bad line.
    /// Skips whitespace (but not newlines in line mode) and returns the next byte, without
    /// consuming it.
    pub fn peek_after_blanks(&mut self) -> Option<u8> {
        loop {
            let b = self.peek()?;
            match b {
                b' ' | b'\t' | b'\r' => self.bump(),
                b'\n' if !self.line_mode => self.bump(),
                _ => return Some(b),
            }
        }
    }

    /// The unread bytes up to the end of a span that `scan` finds in them, read ahead without
    /// being consumed. The buffer grows as needed up to `max` bytes; `None` when `scan` gives
    /// up, or the span is longer than `max`, or the input ends first (unless `to_end` takes the
    /// rest of the input as the span).
    pub fn peek_span(
        &mut self,
        max: usize,
        to_end: bool,
        scan: impl Fn(&[u8]) -> Scan,
    ) -> Option<&[u8]> {
        loop {
            match scan(&self.buf[self.pos..self.end]) {
                Scan::End(n) => return Some(&self.buf[self.pos..self.pos + n]),
                Scan::GiveUp => return None,
                Scan::More => {}
            }
            if self.eof || self.end - self.pos >= max {
                return (to_end && self.eof && self.io_error.is_none() && self.pos < self.end)
                    .then(|| &self.buf[self.pos..self.end]);
            }
            // Keep the unread bytes, at the front of a buffer with room behind them.
            let unread = self.end - self.pos;
            self.buf.copy_within(self.pos..self.end, 0);
            self.base += self.pos as u64;
            self.pos = 0;
            self.end = unread;
            // Room for twice what is held (the scan starts over each time, so the work stays
            // linear), filled before scanning again.
            let want = (2 * self.end).clamp(CHUNK, max + CHUNK);
            if self.buf.len() < want {
                self.buf.resize(want, 0);
            }
            while self.end < self.buf.len() && !self.eof {
                match self.src.read(&mut self.buf[self.end..]) {
                    Ok(0) => self.eof = true,
                    Ok(k) => self.end += k,
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                    Err(e) => {
                        self.io_error = Some(e.to_string());
                        self.eof = true;
                    }
                }
            }
        }
    }

    /// Consumes `n` bytes already read ahead (by [`peek_span`](Self::peek_span)).
    pub fn advance(&mut self, n: usize) {
        let n = n.min(self.end - self.pos);
        let after = pos_after(self.pos(), &self.buf[self.pos..self.pos + n]);
        self.pos += n;
        self.line = after.line;
        self.column = after.column - 1;
    }

    /// Consumes a line of `n` bytes already read ahead (by [`peek_span`](Self::peek_span)),
    /// which holds no newline, and the newline after it, without counting the line's
    /// characters: the position after a newline does not depend on them. `false`, with nothing
    /// consumed, when no newline follows the `n` bytes.
    pub fn advance_line(&mut self, n: usize) -> bool {
        let at = self.pos + n;
        if at >= self.end || self.buf.get(at) != Some(&b'\n') {
            return false;
        }
        debug_assert!(memchr::memchr(b'\n', &self.buf[self.pos..at]).is_none());
        self.pos = at + 1;
        self.line += 1;
        self.column = 0;
        true
    }

    /// Consumes `n` bytes already read ahead whose end position is known (`end`).
    pub fn advance_to(&mut self, n: usize, end: Pos) {
        self.pos += n.min(self.end - self.pos);
        self.line = end.line;
        self.column = end.column.saturating_sub(1);
    }

    pub fn skip_line(&mut self) {
        while let Some(b) = self.peek() {
            self.bump();
            if b == b'\n' {
                return;
            }
        }
    }
}

/// What a scan for the end of a span found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scan {
    /// The span is this many bytes long.
    End(usize),
    /// The span goes on past these bytes.
    More,
    /// The bytes cannot start such a span.
    GiveUp,
}

/// The position reached from `start` after `bytes` (lines and code points counted).
pub(crate) fn pos_after(start: Pos, bytes: &[u8]) -> Pos {
    let offset = start.offset + bytes.len() as u64;
    match memchr::memrchr(b'\n', bytes) {
        Some(last) => Pos {
            offset,
            line: start.line + memchr::memchr_iter(b'\n', bytes).count() as u64,
            column: 1 + count_chars(&bytes[last + 1..]),
        },
        None => Pos {
            offset,
            line: start.line,
            column: start.column + count_chars(bytes),
        },
    }
}

/// How many bytes of UTF-8 text continue a character (`10xxxxxx`), so that the text has
/// `bytes.len()` minus that many characters. Eight bytes are counted at a time.
pub(crate) fn continuation_bytes(bytes: &[u8]) -> usize {
    let mut n = 0;
    let mut i = 0;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let w = word(chunk);
        // Bit 7 of each byte set and bit 6 (shifted up into bit 7's place) clear.
        n += (w & !(w << 1) & HIGH).count_ones() as usize;
        i += 8;
    }
    n + bytes
        .get(i..)
        .unwrap_or_default()
        .iter()
        .filter(|b| **b & 0xC0 == 0x80)
        .count()
}

/// The length of the run of plain string content at the start of `bytes` (up to a quote, a
/// backslash or a control character), and whether that run is all ASCII. Eight bytes are
/// tested at a time with word arithmetic; the first flagged byte is exact (a false flag can
/// only follow a true one).
#[inline]
pub(crate) fn plain_run(bytes: &[u8]) -> (usize, bool) {
    let mut i = 0;
    let mut ascii = true;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let w = word(chunk);
        let stop = string_stops(w);
        if stop != 0 {
            let k = first(stop);
            let before = if k == 0 {
                0
            } else {
                w & (u64::MAX >> (64 - 8 * k))
            };
            return (i + k, ascii && before & HIGH == 0);
        }
        ascii &= w & HIGH == 0;
        i += 8;
    }
    while i < bytes.len() {
        let c = bytes[i];
        if STOP[usize::from(c)] {
            break;
        }
        ascii &= c < 0x80;
        i += 1;
    }
    (i, ascii)
}

/// Where plain string content that starts at `i` ends: at a quote, a backslash or a control
/// character, or at the end of the bytes. [`plain_run`] without the ASCII test, for the fast
/// path's reader; most of the model's strings end within the first word.
#[inline(always)]
pub(crate) fn plain_end(bytes: &[u8], mut i: usize) -> usize {
    while let Some(chunk) = bytes.get(i..i + 8) {
        let stop = string_stops(word(chunk));
        if stop != 0 {
            return i + first(stop);
        }
        i += 8;
    }
    while let Some(&b) = bytes.get(i) {
        if STOP[usize::from(b)] {
            return i;
        }
        i += 1;
    }
    i
}

/// Flags the bytes of `w` that end plain string content (the word-wise form of [`STOP`]).
#[inline(always)]
fn string_stops(w: u64) -> u64 {
    control(w) | equal_to(w, b'"') | equal_to(w, b'\\')
}

/// The character a UTF-16 surrogate pair stands for: `None` unless `high` is a leading and
/// `low` a trailing surrogate.
pub(crate) fn utf16_pair(high: u32, low: u32) -> Option<char> {
    if !(0xD800..0xDC00).contains(&high) || !(0xDC00..0xE000).contains(&low) {
        return None;
    }
    char::from_u32(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
}

/// The character a one-letter JSON escape stands for (`n` for a line feed); `None` for `u`,
/// which four hex digits follow, and for letters that are no escape.
pub(crate) fn escaped_char(letter: u8) -> Option<char> {
    Some(match letter {
        b'"' => '"',
        b'\\' => '\\',
        b'/' => '/',
        b'b' => '\u{8}',
        b'f' => '\u{c}',
        b'n' => '\n',
        b'r' => '\r',
        b't' => '\t',
        _ => return None,
    })
}

/// Bytes that end a run of plain string content: the quote, the backslash, control characters.
static STOP: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 0x20 {
        t[i] = true;
        i += 1;
    }
    t[b'"' as usize] = true;
    t[b'\\' as usize] = true;
    t
};

fn utf8_len(first: u8) -> usize {
    match first {
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF7 => 4,
        _ => 1,
    }
}

/// Code points in valid UTF-8 bytes: the bytes less those that continue a character.
fn count_chars(bytes: &[u8]) -> u64 {
    if bytes.is_ascii() {
        bytes.len() as u64
    } else {
        (bytes.len() - continuation_bytes(bytes)) as u64
    }
}

#[cfg(test)]
mod tests {
    use super::{STOP, continuation_bytes, plain_run};

    /// Characters are counted word by word as one by one, in text of every length.
    #[test]
    fn continuation_bytes_are_counted_as_chars_counts_them() {
        let text = "Ghent, Gent, Gand: Geïntegreerde Straße, 平和 and 🙂 at 12°C";
        for from in 0..text.len() {
            for to in from..=text.len() {
                if let Some(part) = text.get(from..to) {
                    let n = part.len() - continuation_bytes(part.as_bytes());
                    assert_eq!(n, part.chars().count(), "{part:?}");
                }
            }
        }
    }

    /// The word-at-a-time scan agrees with a byte-by-byte one on every position and byte.
    #[test]
    fn plain_run_matches_the_simple_scan() {
        let interesting = [
            b'a', b'"', b'\\', 0x00, 0x1f, 0x20, 0x7f, 0x80, 0xc3, 0xa9, 0xff, b'\n',
        ];
        for len in 0..20 {
            for pos in 0..len {
                for &x in &interesting {
                    for &y in &[b'z', 0xe9, b'"'] {
                        let mut v = vec![b'x'; len];
                        v[pos] = x;
                        if pos + 1 < len {
                            v[pos + 1] = y;
                        }
                        let simple_run = v
                            .iter()
                            .position(|b| STOP[usize::from(*b)])
                            .unwrap_or(v.len());
                        let simple_ascii = v[..simple_run].is_ascii();
                        assert_eq!(plain_run(&v), (simple_run, simple_ascii), "{v:?}");
                    }
                }
            }
        }
    }
}
