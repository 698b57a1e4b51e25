//! A streaming JSON lexer: reads bytes from a source in chunks, tracks line and column (in
//! Unicode code points), and hands string contents to a sink piece by piece so that no value,
//! however long, is held whole in memory.
//!
//! The lexer is cut in rooms: the tokens and positions it hands out ([`token`]), the byte
//! scans that find where plain text ends and count code points ([`bytes`]), and the two
//! readers of a value whose grammar has more than one byte ([`string`], [`number`]). This file
//! holds the reader itself: its buffer, its place, the tokens and the spans read ahead.

mod bytes;
mod number;
mod string;
mod token;

pub(crate) use bytes::{escaped_char, plain_end, pos_after, utf16_pair};
pub(crate) use token::{LexError, LexErrorKind, Number, Pos, Scan, StrSink, Tok};

use std::io::Read;

const CHUNK: usize = 64 * 1024;

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

    /// Skips to just after the next newline (or the end), for resynchronising NDJSON after a
    /// bad line.
    pub fn skip_line(&mut self) {
        while let Some(b) = self.peek() {
            self.bump();
            if b == b'\n' {
                return;
            }
        }
    }
}
