//! What the lexer hands out: tokens, their positions (line and column in code points, and the
//! byte offset), lexing errors, numbers as read, the sink a string's content goes to, and the
//! verdict of a scan for the end of a span.

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
