//! `required`, and the requirements of an `allOf` of `if`/`then` that hold for some values of a
//! discriminator property (a member's `kind`): the discriminator's value is taken as the walk
//! reads it, and every requirement is checked when the object closes, so the object is never
//! kept.

use super::Engine;
use super::frame::Frame;
use crate::validate::compiled::Node;
use crate::validate::json::lexer::Pos;
use crate::validate::path::Seg;
use crate::validate::{Code, Problem, messages};

impl Engine {
    /// A string value was just read: when it is the value of the discriminator of the object
    /// being walked, the object's frame keeps it (as compiled, so nothing is allocated).
    pub(super) fn take_discriminator(&self, stack: &mut [Frame]) {
        let Some(Frame::Obj {
            node: Some(n),
            chosen,
            ..
        }) = stack.last_mut()
        else {
            return;
        };
        let n = self.node(*n);
        let Some(d) = n.discriminator else {
            return;
        };
        let Some(Seg::Prop(key, _)) = self.segs.last() else {
            return;
        };
        if *key != n.properties[d].0 || self.sink.truncated {
            return;
        }
        *chosen = n.discriminator_value(self.sink.text());
    }

    /// Reports each required field the object that closed lacks (`seen`: its properties, by
    /// position; `chosen`: its discriminator's value), at the object's start.
    pub(super) fn check_required(
        &mut self,
        n: &'static Node,
        start: Pos,
        seen: u64,
        chosen: Option<&'static str>,
    ) {
        let has = |r: &str| n.property_index(r).is_some_and(|i| seen & (1u64 << i) != 0);
        for (field, condition) in n.missing(chosen, has) {
            let (message, keyword) = match (condition, n.discriminator, chosen) {
                (Some(c), Some(d), Some(value)) => (
                    messages::missing_field_when(field, &n.properties[d].0, value),
                    c.keyword.clone(),
                ),
                _ => (
                    messages::missing_field(field),
                    format!("{}/required", n.path),
                ),
            };
            let loc = self.location();
            self.emit(
                Problem::error(Code::MissingField, message)
                    .at_pos(start)
                    .instance(loc)
                    .keyword(keyword),
            );
        }
    }
}
