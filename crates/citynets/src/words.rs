//! Byte tests eight bytes at a time with integer arithmetic, shared by the scans that look
//! for quotes, backslashes and control characters, count characters, or check web addresses.
//!
//! A test flags the high bit of each byte that passes it. The lowest flag is exact; a flag
//! above a true one may be false (the subtraction borrows), so only the first flagged byte is
//! used, except with [`equal_exactly`], whose every flag is exact.

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

/// Flags bytes of `w` outside printable ASCII without space (`!` to `~`). Only whether any
/// flag is set is exact: a byte at or above `0x80` may flag the byte after it too.
#[inline(always)]
pub(crate) fn not_printable(w: u64) -> u64 {
    let below = w.wrapping_sub(ONES * 0x21) & !w;
    // `0x7f` and up: adding one sets the high bit, or it was set already.
    let above = w.wrapping_add(ONES) | w;
    (below | above) & HIGH
}

/// Whether every byte of `bytes` is printable ASCII without space (`!` to `~`).
pub(crate) fn all_printable(bytes: &[u8]) -> bool {
    let mut words = bytes.chunks_exact(8);
    for chunk in &mut words {
        if not_printable(word(chunk)) != 0 {
            return false;
        }
    }
    words
        .remainder()
        .iter()
        .all(|&b| b.wrapping_sub(b'!') <= b'~' - b'!')
}

/// Flags exactly the bytes of `w` equal to `b`: no flag is false, so every flag may be used
/// (one more step than [`equal_to`]).
#[cfg(feature = "csv")]
#[inline(always)]
pub(crate) fn equal_exactly(w: u64, b: u8) -> u64 {
    const LOW: u64 = !HIGH;
    let x = w ^ (ONES * u64::from(b));
    // A byte's high bit ends up clear only when the byte is zero; nothing carries across bytes.
    !(((x & LOW) + LOW) | x) & HIGH
}

/// The flags of `flags` (high bits of bytes) as the eight bits of a byte, byte `k` to bit `k`.
#[cfg(feature = "csv")]
#[inline(always)]
pub(crate) fn flag_bits(flags: u64) -> u8 {
    // Each flag is moved to bit 56 + k of the product by exactly one term of the multiplier.
    ((flags >> 7).wrapping_mul(0x0102_0408_1020_4080) >> 56) as u8
}

/// The index in its word of the first flagged byte (`flags` not zero).
#[inline(always)]
pub(crate) fn first(flags: u64) -> usize {
    (flags.trailing_zeros() / 8) as usize
}

/// The next number of a xorshift sequence from `state`: random enough for tests, and the same
/// on every run.
#[cfg(test)]
pub(crate) fn xorshift(state: &mut u64) -> u64 {
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    *state
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(feature = "csv")]
    #[test]
    fn exact_flags_gathered_into_bits_are_the_equal_bytes() {
        let mut state = 0x853C_49E6_748F_EA9Bu64;
        for _ in 0..50_000 {
            xorshift(&mut state);
            // Bytes near the one looked for, and runs of it, for borrows to cross.
            let bytes: [u8; 8] = std::array::from_fn(|k| {
                [b'"', b'"', 0x21, 0x23, 0xA2, 0x00, 0xFF, b'a'][((state >> (3 * k)) & 7) as usize]
            });
            let w = u64::from_le_bytes(bytes);
            let expected = (0..8).fold(0u8, |m, k| m | (u8::from(bytes[k] == b'"') << k));
            assert_eq!(flag_bits(equal_exactly(w, b'"')), expected, "{bytes:?}");
        }
    }

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

    /// `all_printable` agrees with a byte-by-byte test, for every byte value at every place of
    /// texts of every length up to three words, the other bytes printable.
    #[test]
    fn printable_agrees_with_bytes() {
        for len in 1..=24 {
            for place in 0..len {
                for b in 0..=255u8 {
                    let mut bytes = vec![b'~'; len];
                    bytes[place] = b;
                    let expected = (b'!'..=b'~').contains(&b);
                    assert_eq!(all_printable(&bytes), expected, "{bytes:?}");
                    // The other printable edge around it.
                    bytes
                        .iter_mut()
                        .filter(|x| **x == b'~')
                        .for_each(|x| *x = b'!');
                    assert_eq!(all_printable(&bytes), expected, "{bytes:?}");
                }
            }
        }
        assert!(all_printable(b""));
    }
}
