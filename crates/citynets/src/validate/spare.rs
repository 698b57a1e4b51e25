//! Buffers of input chunks already checked, read into again: memory the kernel need not map
//! and clear afresh for each chunk. The NDJSON and CSV readers cut chunks and take back their
//! verdicts on the calling thread, so the pool is used from that thread only.

use std::cell::RefCell;

/// A pool of byte buffers, bounded in number and in the size of each.
pub(crate) struct Spare {
    buffers: RefCell<Vec<Vec<u8>>>,
    /// How many are kept at most.
    keep: usize,
    /// The largest buffer kept (by capacity): one grown by a long line or row is let go.
    largest: usize,
}

impl Spare {
    /// A pool that keeps at most `keep` buffers of at most `largest` bytes each.
    pub(crate) fn new(keep: usize, largest: usize) -> Spare {
        Spare {
            buffers: RefCell::new(Vec::new()),
            keep,
            largest,
        }
    }

    /// Keeps `buffer`, emptied, unless the pool is full or the buffer too large.
    pub(crate) fn give(&self, mut buffer: Vec<u8>) {
        let mut buffers = self.buffers.borrow_mut();
        if buffers.len() < self.keep && buffer.capacity() <= self.largest {
            buffer.clear();
            buffers.push(buffer);
        }
    }

    /// An empty buffer, reused when there is one.
    pub(crate) fn take(&self) -> Vec<u8> {
        self.buffers.borrow_mut().pop().unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::Spare;

    #[test]
    fn keeps_few_buffers_none_too_large_and_each_empty() {
        let spare = Spare::new(2, 100);
        spare.give(Vec::with_capacity(200));
        assert_eq!(spare.take().capacity(), 0, "too large to keep");
        for _ in 0..3 {
            let mut b = Vec::with_capacity(50);
            b.extend_from_slice(b"old text");
            spare.give(b);
        }
        let (a, b) = (spare.take(), spare.take());
        assert!(a.is_empty() && b.is_empty());
        assert!(a.capacity() >= 50 && b.capacity() >= 50);
        assert_eq!(spare.take().capacity(), 0, "two kept, not three");
    }
}
