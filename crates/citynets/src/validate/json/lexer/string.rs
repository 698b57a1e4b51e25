//! Strings: escapes decoded, UTF-8 checked, and the content handed to a sink in pieces, so that
//! no string, however long, is held whole; plain runs are found a word at a time.

use super::Lexer;
use super::bytes::{count_chars, escaped_char, plain_run, utf8_len, utf16_pair};
use super::token::{LexError, LexErrorKind, Pos, StrSink};
use std::io::Read;

impl<R: Read> Lexer<R> {
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
}
