//! Byte tests eight bytes at a time with integer arithmetic, shared by the scans that look
//! for quotes, backslashes and control characters, or count characters.
//!
//! A test flags the high bit of each byte that passes it. The lowest flag is exact; a flag
//! above a true one may be false (the subtraction borrows), so only the first flagged byte is
//! used.

/// Each byte `0x01`.
const ONES: u64 = 0x0101_0101_0101_0101;
/// The high bit of each byte.
pub(crate) const HIGH: u64 = 0x8080_8080_8080_8080;

/// The bytes of `eight` (eight of them, as `bytes.get(i..i + 8)` gives) as a little-endian
/// word; missing bytes are zeros.
#[inline(always)]
pub(crate) fn word(eight: &[u8]) -> u64 {
    let mut w = [0u8; 8];
    let n = eight.len().min(8);
    w[..n].copy_from_slice(&eight[..n]);
    u64::from_le_bytes(w)
}

/// Flags the bytes of `w` equal to `b`.
#[inline(always)]
pub(crate) fn equal_to(w: u64, b: u8) -> u64 {
    let x = w ^ (ONES * u64::from(b));
    x.wrapping_sub(ONES) & !x & HIGH
}

/// Flags the bytes of `w` below `0x20` (control characters).
#[inline(always)]
pub(crate) fn control(w: u64) -> u64 {
    w.wrapping_sub(ONES * 0x20) & !w & HIGH
}

/// The index in its word of the first flagged byte (`flags` not zero).
#[inline(always)]
pub(crate) fn first(flags: u64) -> usize {
    (flags.trailing_zeros() / 8) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The first flagged byte is the first byte that passes, for every byte value at every
    /// place, with any bytes after it.
    #[test]
    fn the_first_flag_is_exact() {
        for place in 0..8 {
            for b in 0..=255u8 {
                for after in [0x00, b'"', 0x7f, 0xff] {
                    let mut bytes = [b'a'; 8];
                    bytes[place] = b;
                    for x in bytes.iter_mut().skip(place + 1) {
                        *x = after;
                    }
                    let w = word(&bytes);
                    let quote = bytes.iter().position(|&x| x == b'"');
                    let flags = equal_to(w, b'"');
                    assert_eq!((flags != 0).then(|| first(flags)), quote, "{bytes:?}");
                    let ctrl = bytes.iter().position(|&x| x < 0x20);
                    let flags = control(w);
                    assert_eq!((flags != 0).then(|| first(flags)), ctrl, "{bytes:?}");
                }
            }
        }
        assert_eq!(word(b"\x01"), 1);
    }
}
