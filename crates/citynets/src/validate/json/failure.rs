//! What a reading of JSON text gives when it fails. The fast path wants no more than that it
//! failed ([`Refused`], which costs nothing to make: the full validator then reads the record
//! again to report every problem and its place); the readers of whole documents want the
//! message and the place ([`JsonError`]): `serde_json`'s words, which reports and fixtures
//! hold, with the column counted in characters by the lexer's own count ([`pos_after`]).

use serde::de;

use super::lexer::{Pos, pos_after};

/// A failure of the fast path: nothing more is kept, because the full validator reads the
/// record again to report its problems.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Refused;

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("not read by the fast path")
    }
}

impl std::error::Error for Refused {}

impl de::Error for Refused {
    #[inline(always)]
    fn custom<T: std::fmt::Display>(_: T) -> Self {
        Refused
    }
}

/// A failure of a reading of a whole document: what is wrong, and where in the text. Boxed,
/// as `serde_json` boxes its own, so that every `Result` the reader hands back stays small.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct JsonError(Box<Fact>);

/// What a [`JsonError`] says.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Fact {
    message: String,
    /// The 1-based line, and the column in characters of the last one read (0 before the
    /// line's first); `None` until the reader places the fault.
    place: Option<(usize, usize)>,
}

impl JsonError {
    /// The line of the fault (1-based; 0 when it has no place).
    pub fn line(&self) -> usize {
        self.0.place.map_or(0, |p| p.0)
    }

    /// The column of the fault, in characters (0 when it has no place).
    pub fn column(&self) -> usize {
        self.0.place.map_or(0, |p| p.1)
    }
}

impl std::fmt::Display for JsonError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0.place {
            Some((line, column)) => write!(f, "{} at line {line} column {column}", self.0.message),
            None => f.write_str(&self.0.message),
        }
    }
}

impl std::error::Error for JsonError {}

impl de::Error for JsonError {
    fn custom<T: std::fmt::Display>(message: T) -> Self {
        JsonError(Box::new(Fact {
            message: message.to_string(),
            place: None,
        }))
    }

    fn invalid_type(unexpected: de::Unexpected, expected: &dyn de::Expected) -> Self {
        let unexpected = AsJson(unexpected);
        Self::custom(format_args!(
            "invalid type: {unexpected}, expected {expected}"
        ))
    }

    fn invalid_value(unexpected: de::Unexpected, expected: &dyn de::Expected) -> Self {
        let unexpected = AsJson(unexpected);
        Self::custom(format_args!(
            "invalid value: {unexpected}, expected {expected}"
        ))
    }
}

/// A value a type did not expect, named as JSON names it (as `serde_json` names it): `null`
/// rather than serde's "unit value", and a float in its shortest form, in exponent notation
/// when very large or small.
struct AsJson<'a>(de::Unexpected<'a>);

impl std::fmt::Display for AsJson<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0 {
            de::Unexpected::Unit => f.write_str("null"),
            de::Unexpected::Float(v) => write!(f, "floating point `{}`", ShortFloat(v)),
            other => other.fmt(f),
        }
    }
}

/// A finite float in its shortest form that reads back the same: `1.5`, `100.0`, `1e+20`,
/// `1.5e-7` (exponent notation below 1e-5 and from 1e16 up).
struct ShortFloat(f64);

impl std::fmt::Display for ShortFloat {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let v = self.0;
        let magnitude = v.abs();
        if v != 0.0 && !(1e-5..1e16).contains(&magnitude) {
            // Rust writes `1e20` and `1.5e-7`; JSON's usual form signs a positive exponent.
            let text = format!("{v:e}");
            return match text.split_once('e') {
                Some((digits, exp)) if !exp.starts_with('-') => write!(f, "{digits}e+{exp}"),
                _ => f.write_str(&text),
            };
        }
        // Rust writes `100` for a whole float; a float is written with its point.
        let text = format!("{v}");
        if text.contains('.') {
            f.write_str(&text)
        } else {
            write!(f, "{text}.0")
        }
    }
}

/// What a reading gives when it fails (see the module's doc).
pub(crate) trait Failure: de::Error {
    /// A fault of the text itself, read up to byte `end` of `text`.
    fn syntax(fault: Fault, text: &str, end: usize) -> Self;
    /// The fault a type gave (which has no place yet), placed where the text was read up to.
    fn placed(self, text: &str, end: usize) -> Self;
}

impl Failure for Refused {
    #[inline(always)]
    fn syntax(_: Fault, _: &str, _: usize) -> Self {
        Refused
    }

    #[inline(always)]
    fn placed(self, _: &str, _: usize) -> Self {
        Refused
    }
}

impl Failure for JsonError {
    #[cold]
    fn syntax(fault: Fault, text: &str, end: usize) -> Self {
        JsonError(Box::new(Fact {
            message: fault.message().to_owned(),
            place: Some(place(text, end)),
        }))
    }

    #[cold]
    fn placed(mut self, text: &str, end: usize) -> Self {
        if self.0.place.is_none() {
            self.0.place = Some(place(text, end));
        }
        self
    }
}

/// The line of byte `end` of `text`, and the characters of that line before it (the column
/// of the last character read).
fn place(text: &str, end: usize) -> (usize, usize) {
    let start = Pos {
        offset: 0,
        line: 1,
        column: 1,
    };
    let read = text.as_bytes().get(..end).unwrap_or(text.as_bytes());
    let after = pos_after(start, read);
    // Both are at most the text's length, which is a `usize`.
    (after.line as usize, after.column as usize - 1)
}

/// The faults of JSON text, worded as `serde_json` words them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Fault {
    EofInList,
    EofInObject,
    EofInString,
    EofInValue,
    ExpectedColon,
    ExpectedListCommaOrEnd,
    ExpectedObjectCommaOrEnd,
    ExpectedIdent,
    ExpectedValue,
    InvalidEscape,
    InvalidNumber,
    NumberOutOfRange,
    InvalidCodePoint,
    ControlCharacter,
    KeyMustBeAString,
    LoneSurrogate,
    TrailingComma,
    TrailingCharacters,
    EndOfHexEscape,
    TooDeep,
    /// A quote of a quoted CSV cell written once (the fast path alone reads such cells).
    QuoteAlone,
}

impl Fault {
    /// The message.
    pub fn message(self) -> &'static str {
        match self {
            Fault::EofInList => "EOF while parsing a list",
            Fault::EofInObject => "EOF while parsing an object",
            Fault::EofInString => "EOF while parsing a string",
            Fault::EofInValue => "EOF while parsing a value",
            Fault::ExpectedColon => "expected `:`",
            Fault::ExpectedListCommaOrEnd => "expected `,` or `]`",
            Fault::ExpectedObjectCommaOrEnd => "expected `,` or `}`",
            Fault::ExpectedIdent => "expected ident",
            Fault::ExpectedValue => "expected value",
            Fault::InvalidEscape => "invalid escape",
            Fault::InvalidNumber => "invalid number",
            Fault::NumberOutOfRange => "number out of range",
            Fault::InvalidCodePoint => "invalid unicode code point",
            Fault::ControlCharacter => {
                "control character (\\u0000-\\u001F) found while parsing a string"
            }
            Fault::KeyMustBeAString => "key must be a string",
            Fault::LoneSurrogate => "lone leading surrogate in hex escape",
            Fault::TrailingComma => "trailing comma",
            Fault::TrailingCharacters => "trailing characters",
            Fault::EndOfHexEscape => "unexpected end of hex escape",
            Fault::TooDeep => "recursion limit exceeded",
            Fault::QuoteAlone => "a quote of the cell is not doubled",
        }
    }
}
