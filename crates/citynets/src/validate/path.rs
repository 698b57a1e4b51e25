//! Where the engine is in a document: the segments of the current value's path, and the
//! instance location (a JSON Pointer) they make.
//!
//! The path is kept as segments rather than as text because most values never need their
//! location (only those with a problem do), and a property the schema names is kept by
//! reference to the compiled schema rather than copied.

use super::compiled::escape;

/// A path segment of the current value.
#[derive(Debug, Clone)]
pub(crate) enum Seg {
    /// A property the schema defines (its name lives in the compiled schema), with the
    /// schema of its value.
    Prop(&'static str, usize),
    /// Any other key.
    Key(String),
    /// An item of a list.
    Index(u64),
}

impl Seg {
    /// The key, for object members.
    pub fn key(&self) -> Option<&str> {
        match self {
            Seg::Prop(k, _) => Some(k),
            Seg::Key(k) => Some(k),
            Seg::Index(_) => None,
        }
    }
}

/// The instance location of a value whose path is `segs`: each key escaped as JSON Pointer
/// wants (`~0`, `~1`), each index in decimal.
pub(crate) fn location(segs: &[Seg]) -> String {
    let mut s = String::new();
    for seg in segs {
        s.push('/');
        match seg {
            Seg::Prop(k, _) => s.push_str(&escape(k)),
            Seg::Key(k) => s.push_str(&escape(k)),
            Seg::Index(i) => s.push_str(&i.to_string()),
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::{Seg, location};

    #[test]
    fn locations_escape_keys_and_write_indices() {
        assert_eq!(location(&[]), "");
        let segs = [
            Seg::Prop("memberships", 3),
            Seg::Index(12),
            Seg::Key("a/b~c".into()),
            Seg::Key(String::new()),
        ];
        assert_eq!(location(&segs), "/memberships/12/a~1b~0c/");
        assert_eq!(segs[0].key(), Some("memberships"));
        assert_eq!(segs[1].key(), None);
    }
}
