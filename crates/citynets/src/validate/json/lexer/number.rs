//! Numbers, read by RFC 8259's grammar: the text is kept as written (for messages and exact
//! comparisons) beside its value as an integer when it is one and as a float.

use super::Lexer;
use super::token::{LexError, LexErrorKind, Number};
use std::io::Read;

impl<R: Read> Lexer<R> {
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
}
