//! FNV-1a, the one hash of the crate's own keys: folded names, network ids and the canonical
//! forms of array items. The keys come from the crate's data or are compared again after a
//! hit, so no protection against chosen collisions is needed, and short keys hash fast.

/// The hash of no bytes.
pub(crate) const START: u64 = 0xcbf2_9ce4_8422_2325;

const PRIME: u64 = 0x0000_0100_0000_01b3;

/// The hash of the bytes so far, then `b`.
#[inline]
pub(crate) fn step(hash: u64, b: u8) -> u64 {
    (hash ^ u64::from(b)).wrapping_mul(PRIME)
}

/// The hash of `bytes`.
pub(crate) fn hash(bytes: &[u8]) -> u64 {
    bytes.iter().fold(START, |h, b| step(h, *b))
}

/// FNV-1a as the hasher of a `HashMap` or `HashSet`.
#[derive(Default, Clone, Copy)]
pub(crate) struct BuildFnv;

pub(crate) struct FnvHasher(u64);

impl std::hash::BuildHasher for BuildFnv {
    type Hasher = FnvHasher;
    fn build_hasher(&self) -> FnvHasher {
        FnvHasher(START)
    }
}

impl std::hash::Hasher for FnvHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        self.0 = bytes.iter().fold(self.0, |h, b| step(h, *b));
    }
}

#[cfg(test)]
mod tests {
    /// The published FNV-1a 64-bit values.
    #[test]
    fn known_values() {
        assert_eq!(super::hash(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(super::hash(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(super::hash(b"foobar"), 0x8594_4171_f739_67e8);
    }
}
