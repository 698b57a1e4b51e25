//! The one thread policy ([`thread_count`]) and work shared among threads, its results taken in
//! input order: the pattern of the NDJSON
//! and CSV readers, where the calling thread reads jobs (chunks of the input) and merges what
//! the workers give back, in the order of the input.

use std::collections::BTreeMap;
use std::sync::{Mutex, mpsc};

/// The number of threads to validate on: `asked` when it is not 0; else one per core (up to
/// four) when `enough_work`, and only the calling thread otherwise. The one place the
/// validator decides it, whatever the input's format.
pub fn thread_count(asked: usize, enough_work: bool) -> usize {
    match asked {
        0 if enough_work => std::thread::available_parallelism().map_or(1, |n| n.get().min(4)),
        0 => 1,
        n => n,
    }
}

/// Runs `work` on `threads` threads over the jobs that `next_job` gives (called on this thread
/// until `None`), and hands each result to `take` in the order of the jobs, as soon as it and
/// every one before it are back. About `2 * threads` jobs at most are in flight, so memory
/// stays bounded whatever the length of the input. With one thread, the jobs are done on this
/// one, each as soon as it is given: no thread is started.
///
/// This is the validator's one way of sharing work among threads: the NDJSON and CSV readers
/// (chunks of text), and records already parsed ([`objects`](super::objects): tapes) give
/// their jobs to it; a caller stops it early by giving no more jobs.
pub(crate) fn in_order<J: Send, R: Send>(
    threads: usize,
    mut next_job: impl FnMut() -> Option<J>,
    work: impl Fn(J) -> R + Sync,
    mut take: impl FnMut(R),
) {
    if threads <= 1 {
        while let Some(job) = next_job() {
            take(work(job));
        }
        return;
    }
    let (job_tx, job_rx) = mpsc::sync_channel::<(usize, J)>(threads);
    let job_rx = Mutex::new(job_rx);
    let (result_tx, result_rx) = mpsc::channel::<(usize, R)>();
    let work = &work;
    std::thread::scope(|scope| {
        // One queue for all workers: whichever is free takes the next job.
        for _ in 0..threads {
            let result_tx = result_tx.clone();
            let job_rx = &job_rx;
            scope.spawn(move || {
                loop {
                    let job = match job_rx.lock() {
                        Ok(rx) => rx.recv(),
                        Err(_) => return,
                    };
                    let Ok((i, job)) = job else { return };
                    if result_tx.send((i, work(job))).is_err() {
                        return;
                    }
                }
            });
        }
        drop(result_tx);
        let mut done: BTreeMap<usize, R> = BTreeMap::new();
        let mut next = 0usize;
        let mut accept = |i: usize, result: R| {
            done.insert(i, result);
            while let Some(result) = done.remove(&next) {
                take(result);
                next += 1;
            }
        };
        let (mut sent, mut received) = (0usize, 0usize);
        while let Some(job) = next_job() {
            if job_tx.send((sent, job)).is_err() {
                break;
            }
            sent += 1;
            // Take what is ready; wait when too many jobs are in flight.
            loop {
                let result = if sent - received > 2 * threads {
                    result_rx.recv().ok()
                } else {
                    result_rx.try_recv().ok()
                };
                let Some((i, result)) = result else { break };
                received += 1;
                accept(i, result);
            }
        }
        drop(job_tx);
        for (i, result) in result_rx {
            accept(i, result);
        }
    });
}

#[cfg(test)]
mod tests {
    #[test]
    fn results_come_in_the_order_of_the_jobs() {
        let mut jobs = 0..1000u64;
        let mut seen = Vec::new();
        super::in_order(
            3,
            || jobs.next(),
            |n| {
                // Later jobs finish first now and then.
                if n % 7 == 0 {
                    std::thread::yield_now();
                }
                n * 2
            },
            |r| seen.push(r),
        );
        assert_eq!(seen, (0..1000).map(|n| n * 2).collect::<Vec<_>>());
    }

    /// One thread: each job is done on the calling thread before the next is asked for.
    #[test]
    fn one_thread_works_in_turn_on_the_calling_thread() {
        let caller = std::thread::current().id();
        let mut asked = 0;
        let mut seen = Vec::new();
        super::in_order(
            1,
            || {
                asked += 1;
                (asked <= 3).then_some(asked)
            },
            |n| {
                assert_eq!(std::thread::current().id(), caller);
                n
            },
            |r| seen.push(r),
        );
        assert_eq!(seen, vec![1, 2, 3]);
    }
}
