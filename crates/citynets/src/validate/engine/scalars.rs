//! The checks of one scalar against its schema node: its type, an enumeration, a string's
//! length and pattern (with a suggestion when the pattern has one), a number's bounds. Kept
//! apart from the walk because they only read the node and the value, never the stack.

use super::Engine;
use crate::validate::compiled::{Node, Pattern, ty, type_names};
use crate::validate::json::lexer::{Number, Pos};
use crate::validate::sink::StringSink;
use crate::validate::{Code, messages, suggest};

/// A string for a message: quoted, cut at 60 characters.
pub(super) fn shown_string(sink: &StringSink) -> String {
    let text: String = sink.text().chars().take(60).collect();
    if sink.chars() > 60 {
        format!("\"{text}…\" ({} characters)", sink.chars())
    } else {
        format!("{text:?}")
    }
}

pub(super) fn less(n: &Number, bound: f64) -> bool {
    match n.int {
        Some(i) if bound.fract() == 0.0 && bound.abs() < 1e36 => i < bound as i128,
        _ => n.float < bound,
    }
}

pub(super) fn greater(n: &Number, bound: f64) -> bool {
    match n.int {
        Some(i) if bound.fract() == 0.0 && bound.abs() < 1e36 => i > bound as i128,
        _ => n.float > bound,
    }
}

impl Engine {
    pub(super) fn check_type(&mut self, n: &Node, t: u8, pos: Pos, what: &str) {
        if n.types == 0 || n.types & t != 0 {
            return;
        }
        let suggestion = None;
        self.error(
            Code::InvalidType,
            pos,
            n,
            "type",
            format!("expected {}, found {what}", type_names(n.types)),
            suggestion,
        );
    }

    pub(super) fn check_enum_non_string(&mut self, n: &Node, pos: Pos, what: &str) {
        if n.enum_values.is_some() {
            self.enum_error(n, pos, what, None);
        }
    }

    pub(super) fn enum_error(
        &mut self,
        n: &Node,
        pos: Pos,
        found: &str,
        suggestion: Option<String>,
    ) {
        self.error(
            Code::UnknownVariant,
            pos,
            n,
            "enum",
            format!("{found} {}", n.enum_message),
            suggestion,
        );
    }

    /// The `enum` error of a string, with what it probably meant.
    fn enum_string_error(&mut self, n: &Node, pos: Pos) {
        let text = if self.sink.truncated {
            None
        } else {
            Some(self.sink.text())
        };
        let mut shown = shown_string(&self.sink);
        let suggestion = if n.country {
            if let Some(iso) = text.and_then(crate::countries::eu_code) {
                shown = format!(
                    "{shown} {}: {}",
                    n.enum_message,
                    messages::eu_country_code(text.unwrap_or_default(), iso)
                );
                return self.error(
                    Code::UnknownVariant,
                    pos,
                    n,
                    "enum",
                    shown,
                    Some(iso.into()),
                );
            }
            text.and_then(suggest::country)
        } else {
            let title = n.title.as_deref().unwrap_or_default();
            if text.is_some_and(|v| suggest::unstated(title, v)) {
                // A word that says only that there is a value: the suggestion is the empty
                // text, to leave the value out.
                let message = format!("{shown} {}{}", n.enum_message, messages::UNSTATED);
                return self.error(
                    Code::UnknownVariant,
                    pos,
                    n,
                    "enum",
                    message,
                    Some(String::new()),
                );
            }
            text.and_then(|v| suggest::vocabulary_value(title, v))
        };
        self.enum_error(n, pos, &shown, suggestion.map(str::to_owned));
    }

    pub(super) fn check_string(&mut self, n: &Node, pos: Pos) {
        if n.types != 0 && n.types & ty::STRING == 0 {
            let shown = shown_string(&self.sink);
            self.error(
                Code::InvalidType,
                pos,
                n,
                "type",
                format!("expected {}, found a string ({shown})", type_names(n.types)),
                None,
            );
        }
        if let Some(values) = &n.enum_values {
            let ok = !self.sink.truncated
                && if n.country {
                    crate::countries::is_assigned(&self.sink.bytes)
                } else {
                    values
                        .iter()
                        .any(|v| v.as_deref().map(str::as_bytes) == Some(&self.sink.bytes[..]))
                };
            if !ok {
                self.enum_string_error(n, pos);
            }
        }
        if n.types != 0 && n.types & ty::STRING == 0 {
            return;
        }
        let chars = self.sink.chars();
        if let Some(max) = n.max_length
            && chars > max
        {
            self.error(
                Code::TooLong,
                pos,
                n,
                "maxLength",
                format!("the text is {chars} characters long; at most {max} are allowed"),
                None,
            );
        }
        if let Some(min) = n.min_length
            && chars < min
        {
            let msg = if chars == 0 {
                "the text is empty; leave the field out instead".to_owned()
            } else {
                format!("the text is {chars} characters long; at least {min} are needed")
            };
            self.error(Code::TooShort, pos, n, "minLength", msg, None);
        }
        if let Some(p) = n.pattern {
            let ok = match p {
                Pattern::Id => self.sink.is_slug(),
                Pattern::Url => self.sink.is_web_address(),
                other => !self.sink.truncated && other.matches(self.sink.text()),
            };
            if !ok {
                let shown = shown_string(&self.sink);
                let mut message = format!("{shown} is not {}", p.expected());
                let suggestion = if self.sink.truncated {
                    None
                } else if n.reference {
                    // A network reference (a membership's network, a parent network): the id
                    // of the network the catalogues know by this text, or, when none does, a
                    // slug of it (and the message says so). A network's own id is a slug.
                    let found = suggest::network_id(self.book.catalogues(), self.sink.text());
                    if let Some((_, true)) = found {
                        message.push_str(messages::SLUG_SUGGESTED);
                    }
                    found.map(|(s, _)| s)
                } else {
                    suggest::pattern_fix(p, self.sink.text())
                };
                self.error(Code::Pattern, pos, n, "pattern", message, suggestion);
            }
        }
    }

    pub(super) fn check_number(&mut self, n: &Node, num: &Number, pos: Pos) {
        let t = if num.is_integer() {
            ty::NUMBER | ty::INTEGER
        } else {
            ty::NUMBER
        };
        if n.types != 0 && n.types & t == 0 {
            let what = format!(
                "{} ({})",
                if num.is_integer() {
                    "an integer"
                } else {
                    "a number with a fraction"
                },
                num.text
            );
            self.error(
                Code::InvalidType,
                pos,
                n,
                "type",
                format!("expected {}, found {what}", type_names(n.types)),
                None,
            );
        }
        if n.enum_values.is_some() {
            self.enum_error(n, pos, &num.text, None);
        }
        if let Some(min) = n.minimum
            && less(num, min)
        {
            self.error(
                Code::OutOfRange,
                pos,
                n,
                "minimum",
                format!("{} is below the minimum, {min}", num.text),
                None,
            );
        }
        if let Some(max) = n.maximum
            && greater(num, max)
        {
            self.error(
                Code::OutOfRange,
                pos,
                n,
                "maximum",
                format!("{} is above the maximum, {max}", num.text),
                None,
            );
        }
    }
}
