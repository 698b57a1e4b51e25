//! `uniqueItems`: each item of an array whose schema asks for distinct items is reduced to a
//! hash of a canonical form (object keys sorted, numbers normalised), so that items equal as
//! JSON values are equal here whatever their spelling. Only arrays that need it pay for it,
//! and a budget bounds the memory one array can take.

use std::collections::HashSet;

use crate::validate::json::lexer::Number;

/// Tracks `uniqueItems` for one array: a canonical key per item.
pub(crate) struct Unique {
    /// Hashes of the canonical forms of the items seen.
    pub(super) seen: HashSet<u64>,
    pub(super) bytes: usize,
    pub(super) duplicate: bool,
    /// The canonical key of the item being read, for container items.
    pub(super) building: Option<Canon>,
}

pub(super) const UNIQUE_BUDGET: usize = 1 << 20;

/// Builds a canonical text of a container item (object keys sorted, numbers normalised).
pub(super) struct Canon {
    pub(super) stack: Vec<CanonFrame>,
    pub(super) done: Option<String>,
    pub(super) size: usize,
    pub(super) overflow: bool,
}

pub(super) enum CanonFrame {
    Obj(Vec<(String, String)>, Option<String>),
    Arr(Vec<String>),
}

impl Canon {
    pub(super) fn new() -> Self {
        Canon {
            stack: Vec::new(),
            done: None,
            size: 0,
            overflow: false,
        }
    }
    pub(super) fn scalar(&mut self, text: String) {
        self.size += text.len();
        if self.size > 64 * 1024 {
            self.overflow = true;
        }
        match self.stack.last_mut() {
            Some(CanonFrame::Obj(entries, key)) => {
                let k = key.take().unwrap_or_default();
                entries.push((k, text));
            }
            Some(CanonFrame::Arr(items)) => items.push(text),
            None => self.done = Some(text),
        }
    }
    pub(super) fn key(&mut self, k: &str) {
        if let Some(CanonFrame::Obj(_, key)) = self.stack.last_mut() {
            *key = Some(k.to_owned());
        }
    }
    pub(super) fn open(&mut self, object: bool) {
        self.stack.push(if object {
            CanonFrame::Obj(Vec::new(), None)
        } else {
            CanonFrame::Arr(Vec::new())
        });
    }
    pub(super) fn close(&mut self) {
        let text = match self.stack.pop() {
            Some(CanonFrame::Obj(mut entries, _)) => {
                // The last value of a duplicated key wins, as in a parsed object.
                entries.reverse();
                let mut seen = HashSet::new();
                entries.retain(|(k, _)| seen.insert(k.clone()));
                entries.sort();
                let inner: Vec<String> = entries
                    .into_iter()
                    .map(|(k, v)| format!("{k:?}:{v}"))
                    .collect();
                format!("{{{}}}", inner.join(","))
            }
            Some(CanonFrame::Arr(items)) => format!("[{}]", items.join(",")),
            None => return,
        };
        self.scalar(text);
    }
}

pub(super) fn canon_number(n: &Number) -> String {
    if let Some(i) = n.int {
        return format!("n{i}");
    }
    if n.float.is_finite() && n.float.fract() == 0.0 && n.float.abs() < 1e30 {
        return format!("n{}", n.float as i128);
    }
    format!("n{:e}", n.float)
}

pub(super) fn add_unique(u: &mut Unique, canon: String) {
    // FNV-1a: collisions are vanishingly unlikely at the sizes the budget allows.
    add_unique_hash(u, crate::fnv::hash(canon.as_bytes()));
}

pub(super) fn add_unique_hash(u: &mut Unique, h: u64) {
    if u.bytes > UNIQUE_BUDGET {
        return;
    }
    u.bytes += 16;
    if !u.seen.insert(h) {
        u.duplicate = true;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn number(int: Option<i128>, float: f64) -> Number {
        Number {
            int,
            float,
            text: String::new(),
        }
    }

    fn unique() -> Unique {
        Unique {
            seen: HashSet::new(),
            bytes: 0,
            duplicate: false,
            building: None,
        }
    }

    /// `{"b": [1, 2.0], "a": "x", "b": 3}` as the walk would feed it.
    fn canon_of_object(keys_first: &[&str]) -> Option<String> {
        let mut c = Canon::new();
        c.open(true);
        for k in keys_first {
            c.key(k);
            match *k {
                "a" => c.scalar("\"x\"".into()),
                _ => c.scalar(canon_number(&number(Some(3), 3.0))),
            }
        }
        c.key("c");
        c.open(false);
        c.scalar(canon_number(&number(Some(1), 1.0)));
        c.scalar(canon_number(&number(None, 2.0)));
        c.close();
        c.close();
        c.done
    }

    /// Keys are sorted, the last value of a repeated key wins, and equal numbers get one form
    /// however they are written.
    #[test]
    fn equal_items_get_one_canonical_form() {
        let one = canon_of_object(&["b", "a"]);
        assert_eq!(one.as_deref(), Some("{\"a\":\"x\",\"b\":n3,\"c\":[n1,n2]}"));
        assert_eq!(canon_of_object(&["a", "b", "b"]), one);
        assert_eq!(canon_number(&number(None, 2.5)), "n2.5e0");
        assert_eq!(
            canon_number(&number(None, 4.0)),
            canon_number(&number(Some(4), 4.0))
        );
        assert_ne!(
            canon_number(&number(None, 4.0)),
            canon_number(&number(Some(5), 5.0))
        );
    }

    #[test]
    fn a_repeated_item_is_found_and_the_budget_stops_the_count() {
        let mut u = unique();
        add_unique(&mut u, "n1".into());
        add_unique(&mut u, "n2".into());
        assert!(!u.duplicate);
        add_unique(&mut u, "n1".into());
        assert!(u.duplicate);

        let mut u = unique();
        u.bytes = UNIQUE_BUDGET + 1;
        add_unique(&mut u, "n1".into());
        add_unique(&mut u, "n1".into());
        assert!(
            !u.duplicate,
            "past the budget, items are no longer compared"
        );
    }

    /// A canonical form that grows past 64 KiB is marked, so that the item is not compared.
    #[test]
    fn a_huge_item_overflows() {
        let mut c = Canon::new();
        c.open(false);
        for _ in 0..70 {
            c.scalar("x".repeat(1024));
        }
        assert!(c.overflow);
        let mut c = Canon::new();
        c.scalar("short".into());
        assert!(!c.overflow);
        assert_eq!(c.done.as_deref(), Some("short"));
    }
}
