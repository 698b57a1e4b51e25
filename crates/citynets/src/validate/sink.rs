//! [`StringSink`]: what the validator keeps of a string while it streams past. Strings up to
//! [`KEEP`] bytes are kept whole in a reused buffer (no allocation per string); for longer ones
//! only the first bytes are kept, and the length, a hash of the whole and the facts the patterns
//! need are tracked as the rest streams past.

use super::json::lexer::StrSink;

/// Bytes of a string kept whole; longer strings keep only this prefix.
pub(crate) const KEEP: usize = 4096;

#[derive(Debug, Default)]
pub(crate) struct StringSink {
    /// The first bytes of the decoded string (whole when `!truncated`), always valid UTF-8
    /// (the lexer checks before pushing).
    pub bytes: Vec<u8>,
    pub truncated: bool,
    /// Length of the whole string in code points.
    count: u64,
    /// Facts about the whole string, tracked only once it is truncated.
    long: LongFacts,
}

#[derive(Debug, Default)]
struct LongFacts {
    chars: u64,
    hash: u64,
    all_printable: bool,
    all_slug: bool,
    double_hyphen: bool,
    last: Option<char>,
}

impl LongFacts {
    fn start() -> Self {
        LongFacts {
            chars: 0,
            hash: crate::fnv::START,
            all_printable: true,
            all_slug: true,
            double_hyphen: false,
            last: None,
        }
    }

    fn feed(&mut self, piece: &str) {
        for b in piece.bytes() {
            self.hash = crate::fnv::step(self.hash, b);
        }
        for c in piece.chars() {
            self.chars += 1;
            self.all_printable &= ('!'..='~').contains(&c);
            self.all_slug &= c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-';
            self.double_hyphen |= c == '-' && self.last == Some('-');
            self.last = Some(c);
        }
    }
}

impl StringSink {
    pub fn reset(&mut self) {
        self.bytes.clear();
        self.truncated = false;
        self.count = 0;
    }

    /// The kept text.
    pub fn text(&self) -> &str {
        std::str::from_utf8(&self.bytes).unwrap_or_default()
    }

    /// Length in code points.
    pub fn chars(&self) -> u64 {
        self.count
    }

    /// FNV-1a hash of the whole decoded string.
    pub fn hash(&self) -> u64 {
        if self.truncated {
            self.long.hash
        } else {
            crate::fnv::hash(&self.bytes)
        }
    }

    /// Whether the whole string matches `^[a-z0-9]+(-[a-z0-9]+)*$`.
    pub fn is_slug(&self) -> bool {
        if !self.truncated {
            return crate::NetworkId::matches_pattern(self.text());
        }
        let l = &self.long;
        l.all_slug && !l.double_hyphen && !self.bytes.starts_with(b"-") && l.last != Some('-')
    }

    /// Whether the whole string matches `^https?://[!-~]+$`.
    pub fn is_web_address(&self) -> bool {
        if !self.truncated {
            return crate::Url::matches_pattern(self.text());
        }
        let t = &self.bytes;
        self.long.all_printable && (t.starts_with(b"https://") || t.starts_with(b"http://"))
    }
}

impl StrSink for StringSink {
    #[inline]
    fn push(&mut self, piece: &str) {
        self.count += piece
            .as_bytes()
            .iter()
            .filter(|&&b| b & 0xC0 != 0x80)
            .count() as u64;
        self.push_counted(piece);
    }

    #[inline]
    fn push_ascii(&mut self, piece: &[u8]) {
        self.count += piece.len() as u64;
        if !self.truncated && self.bytes.len() + piece.len() <= KEEP {
            self.bytes.extend_from_slice(piece);
        } else {
            self.push_counted(std::str::from_utf8(piece).unwrap_or_default());
        }
    }
}

impl StringSink {
    /// Keeps a piece whose characters are already counted.
    fn push_counted(&mut self, piece: &str) {
        if !self.truncated {
            if self.bytes.len() + piece.len() <= KEEP {
                self.bytes.extend_from_slice(piece.as_bytes());
                return;
            }
            // From here on only a prefix is kept; facts about the whole are tracked.
            self.truncated = true;
            self.long = LongFacts::start();
            self.long
                .feed(std::str::from_utf8(&self.bytes).unwrap_or_default());
            let mut cut = KEEP - self.bytes.len();
            while !piece.is_char_boundary(cut) {
                cut -= 1;
            }
            self.bytes.extend_from_slice(&piece.as_bytes()[..cut]);
        }
        self.long.feed(piece);
    }
}
