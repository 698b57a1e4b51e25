//! [`StringSink`]: what the validator keeps of a string while it streams past: its first bytes,
//! its length in code points, a hash of the whole, and the facts the patterns need.

use super::lexer::StrSink;

/// Bytes of a string kept whole; longer strings keep only this prefix.
pub(crate) const KEEP: usize = 4096;

#[derive(Debug, Default)]
pub(crate) struct StringSink {
    /// The first bytes of the decoded string (whole when `!truncated`).
    pub text: String,
    pub truncated: bool,
    /// Length in code points.
    pub chars: u64,
    /// FNV-1a hash of the whole decoded string.
    pub hash: u64,
    /// Every character is printable ASCII without space (`[!-~]`).
    pub all_printable: bool,
    /// Every character is `[a-z0-9-]`.
    pub all_slug: bool,
    /// Two hyphens in a row somewhere.
    pub double_hyphen: bool,
    pub last: Option<char>,
}

impl StringSink {
    pub fn reset(&mut self) {
        self.text.clear();
        self.truncated = false;
        self.chars = 0;
        self.hash = 0xcbf2_9ce4_8422_2325;
        self.all_printable = true;
        self.all_slug = true;
        self.double_hyphen = false;
        self.last = None;
    }

    /// Whether the whole string matches `^[a-z0-9]+(-[a-z0-9]+)*$`.
    pub fn is_slug(&self) -> bool {
        self.chars > 0
            && self.all_slug
            && !self.double_hyphen
            && !self.text.starts_with('-')
            && self.last != Some('-')
    }

    /// Whether the whole string matches `^https?://[!-~]+$`.
    pub fn is_web_address(&self) -> bool {
        let t = &self.text;
        self.all_printable
            && ((t.starts_with("https://") && self.chars > 8)
                || (t.starts_with("http://") && self.chars > 7))
    }
}

impl StrSink for StringSink {
    fn push(&mut self, piece: &str) {
        for b in piece.bytes() {
            self.hash ^= u64::from(b);
            self.hash = self.hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
        for c in piece.chars() {
            self.chars += 1;
            if !('!'..='~').contains(&c) {
                self.all_printable = false;
            }
            if !(c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-') {
                self.all_slug = false;
            }
            if c == '-' && self.last == Some('-') {
                self.double_hyphen = true;
            }
            self.last = Some(c);
        }
        if !self.truncated {
            if self.text.len() + piece.len() <= KEEP {
                self.text.push_str(piece);
            } else {
                let mut cut = KEEP - self.text.len();
                while !piece.is_char_boundary(cut) {
                    cut -= 1;
                }
                self.text.push_str(&piece[..cut]);
                self.truncated = true;
            }
        }
    }
}
