//! How a batch of records is shared between the reading thread and the workers.
//!
//! The reading thread has more to do than check records: it finds the next batch and keeps
//! the books of every record (positions, repeated ids, the report). The workers only check.
//! How much that extra work costs depends on the data and on the machine, so the reading
//! thread's part is learnt as the run goes: after each batch it compares the time it spent on
//! its own work with the time checking took per record, and sets its part so that it and the
//! workers would have finished together.
//!
//! Which thread checks a record never changes a verdict, only how long the run takes.

use std::time::{Duration, Instant};

/// The reading thread's part of each batch, learnt from the batches before.
#[derive(Debug, Clone)]
pub(crate) struct Balance {
    /// The fraction of a batch the reading thread checks itself.
    share: f64,
    /// When the workers were last sent their parts.
    sent_at: Option<Instant>,
    /// Time the reading thread spent since then before checking its own part.
    overhead: Option<Duration>,
}

/// How much of the new estimate goes into the part: the rest is the part before, so that one
/// batch slowed by the machine does not swing it.
const WEIGHT: f64 = 0.3;

impl Balance {
    /// A first guess for `threads` threads in all: a third of an equal part.
    pub(crate) fn new(threads: usize) -> Balance {
        Balance {
            share: 1.0 / (3 * threads.max(1)) as f64,
            sent_at: None,
            overhead: None,
        }
    }

    /// How many of `len` records the reading thread checks itself: at least one, if any.
    pub(crate) fn mine(&self, len: usize) -> usize {
        ((len as f64 * self.share) as usize).max(1).min(len)
    }

    /// Notes that the workers were just sent their parts.
    pub(crate) fn sent(&mut self) {
        self.sent_at = Some(Instant::now());
    }

    /// Notes that the reading thread starts checking its own part: what it did since the
    /// workers were sent theirs was its other work.
    pub(crate) fn own_part_starts(&mut self) -> Instant {
        let now = Instant::now();
        self.overhead = self.sent_at.map(|t| now.duration_since(t));
        now
    }

    /// Learns from the reading thread's own part of a batch of `len` records: `mine` records
    /// checked in `took`.
    pub(crate) fn learn(&mut self, len: usize, mine: usize, took: Duration, threads: usize) {
        let (Some(overhead), true) = (self.overhead.take(), mine > 0) else {
            return;
        };
        let per_record = took.as_secs_f64() / mine as f64;
        if let Some(target) = balanced_share(overhead.as_secs_f64(), per_record, len, threads) {
            self.share = (1.0 - WEIGHT) * self.share + WEIGHT * target;
        }
    }
}

/// The part of a batch of `len` records that the reading thread should check so that it and
/// `threads - 1` workers finish together, when its other work takes `overhead` seconds and a
/// record takes `per_record` seconds to check. `None` when the timings say nothing.
///
/// With `m` records its own, the reading thread takes `overhead + m * per_record`, and each
/// worker `(len - m) * per_record / (threads - 1)`; they are equal for
/// `m = (len - (threads - 1) * overhead / per_record) / threads`.
pub(crate) fn balanced_share(
    overhead: f64,
    per_record: f64,
    len: usize,
    threads: usize,
) -> Option<f64> {
    if threads < 2 || len == 0 || per_record.is_nan() || per_record <= 0.0 || !overhead.is_finite()
    {
        return None;
    }
    let len = len as f64;
    let workers = (threads - 1) as f64;
    let m = (len - workers * overhead / per_record) / threads as f64;
    // Never nothing (the reading thread's part keeps it busy while it waits), and never more
    // than an equal part (its other work is never free).
    let equal = 1.0 / threads as f64;
    Some((m / len).clamp(0.02_f64.min(equal), equal))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_other_work_means_equal_parts() {
        let share = balanced_share(0.0, 1e-6, 1000, 2).unwrap();
        assert!((share - 0.5).abs() < 1e-9, "{share}");
    }

    #[test]
    fn other_work_shrinks_the_part() {
        // Other work worth 200 records: the reading thread checks 400, the worker 600.
        let share = balanced_share(200e-6, 1e-6, 1000, 2).unwrap();
        assert!((share - 0.4).abs() < 1e-9, "{share}");
        // With three threads: (1000 - 2 * 200) / 3 = 200 records.
        let share = balanced_share(200e-6, 1e-6, 1000, 3).unwrap();
        assert!((share - 0.2).abs() < 1e-9, "{share}");
    }

    #[test]
    fn the_part_stays_in_bounds() {
        // Other work longer than the whole batch: the smallest part.
        assert_eq!(balanced_share(1.0, 1e-6, 1000, 2), Some(0.02));
        assert_eq!(balanced_share(1e-3, 0.0, 1000, 2), None);
        assert_eq!(balanced_share(1e-3, 1e-6, 1000, 1), None);
        assert_eq!(balanced_share(f64::NAN, 1e-6, 1000, 2), None);
        // More threads than the smallest part allows for: an equal part at most.
        for threads in [50, 51, 64, 1000] {
            for overhead in [0.0, 1e-4, 1.0] {
                let share = balanced_share(overhead, 1e-6, 1000, threads).unwrap();
                assert!(
                    share > 0.0 && share <= 1.0 / threads as f64,
                    "{threads}: {share}"
                );
            }
        }
    }

    #[test]
    fn learning_moves_towards_the_balance_and_mine_is_never_zero() {
        let mut b = Balance::new(2);
        let first = b.mine(600);
        assert_eq!(first, 100);
        // Without a time for the other work, nothing is learnt.
        b.learn(600, first, Duration::from_micros(100), 2);
        assert_eq!(b.mine(600), 100);
        b.overhead = Some(Duration::ZERO);
        b.learn(600, 100, Duration::from_micros(100), 2);
        // A sixth moves 30% of the way to a half.
        assert_eq!(b.mine(600), 100 + 60);
        assert_eq!(b.mine(0), 0);
        assert_eq!(b.mine(1), 1);
    }
}
