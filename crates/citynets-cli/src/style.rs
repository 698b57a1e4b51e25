//! ANSI colour, used only when the stream is a terminal.

use std::fmt;

/// Paints text with ANSI escapes, or leaves it plain.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Style {
    colour: bool,
}

/// Text with an optional ANSI style around it.
pub(crate) struct Painted<'a> {
    text: &'a str,
    code: Option<&'static str>,
}

impl fmt::Display for Painted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.code {
            Some(code) => write!(f, "\x1b[{code}m{}\x1b[0m", self.text),
            None => f.write_str(self.text),
        }
    }
}

impl Style {
    pub(crate) fn new(colour: bool) -> Self {
        Style { colour }
    }

    fn paint<'a>(self, text: &'a str, code: &'static str) -> Painted<'a> {
        Painted {
            text,
            code: self.colour.then_some(code),
        }
    }

    /// Bold red.
    pub(crate) fn error<'a>(self, text: &'a str) -> Painted<'a> {
        self.paint(text, "1;31")
    }

    /// Bold yellow.
    pub(crate) fn warning<'a>(self, text: &'a str) -> Painted<'a> {
        self.paint(text, "1;33")
    }

    /// Bold.
    pub(crate) fn bold<'a>(self, text: &'a str) -> Painted<'a> {
        self.paint(text, "1")
    }

    /// Bold blue, for the gutter of source excerpts.
    pub(crate) fn gutter<'a>(self, text: &'a str) -> Painted<'a> {
        self.paint(text, "1;34")
    }

    /// Bold green.
    pub(crate) fn good<'a>(self, text: &'a str) -> Painted<'a> {
        self.paint(text, "1;32")
    }

    /// Bold cyan, for help lines.
    pub(crate) fn help<'a>(self, text: &'a str) -> Painted<'a> {
        self.paint(text, "1;36")
    }
}
