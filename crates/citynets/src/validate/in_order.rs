//! The one thread policy ([`thread_count`]) and the one way of sharing work among threads:
//! [`Workers`], threads that do jobs given on the calling thread, whose results are taken there
//! in the order of the jobs. [`in_order`] is the pattern of the NDJSON and CSV readers (and of
//! records from Python) on top of it: the calling thread reads jobs (chunks of the input) and
//! merges what the workers give back, in the order of the input. The read-ahead of lists of
//! records ([`engine`](super::engine)) keeps its workers for the whole run and helps them
//! while it waits.

use std::collections::VecDeque;
use std::panic::{AssertUnwindSafe, catch_unwind, resume_unwind};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError, mpsc};
use std::thread;

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
/// every one before it are back. At most `2 * threads + 1` jobs are in flight (given and their
/// results not yet taken), so memory stays bounded whatever the length of the input. With one
/// thread, the jobs are done on this one, each as soon as it is given: no thread is started.
///
/// The NDJSON and CSV readers (chunks of text), and records already parsed
/// ([`objects`](super::objects): tapes) give their jobs to it; a caller stops it early by
/// giving no more jobs. A panic in `work` comes out of this call.
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
    let work = &work;
    thread::scope(|scope| {
        let mut workers = Workers::scoped(scope, threads, Arc::new(work));
        while let Some(job) = next_job() {
            workers.give(job);
            // Take what is ready; wait when too many jobs are in flight.
            loop {
                let wait = if workers.in_flight() > 2 * threads {
                    Wait::Yes
                } else {
                    Wait::No
                };
                let Some(result) = workers.take(wait) else {
                    break;
                };
                take(result);
            }
        }
        while let Some(result) = workers.take(Wait::Yes) {
            take(result);
        }
    });
}

/// What [`Workers::take`] does when the next result is not back yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Wait {
    /// Returns `None` at once.
    No,
    /// Waits for it.
    Yes,
    /// Does jobs not yet taken by a worker on this thread (any of them, oldest first) until
    /// it is back.
    Help,
}

/// The work of a [`Workers`]: one job in, its result out.
type Work<'a, J, R> = Arc<dyn Fn(J) -> R + Send + Sync + 'a>;

/// Threads that do `work` on the jobs given to them ([`give`](Self::give), on the calling
/// thread) and hand the results back to be taken in the order of the jobs
/// ([`take`](Self::take)). Whichever worker is free takes the oldest job waiting. A panic in
/// `work` is caught where it happens and raised again on the calling thread when its result
/// would be taken.
///
/// The workers hold what they are given: memory is bounded by the jobs that the caller leaves
/// in flight ([`in_flight`](Self::in_flight)), each its input or its result, and the caller
/// keeps that number bounded ([`in_order`]: `2 * threads + 1`; the read-ahead: the groups of
/// two batches). Dropping it drops the jobs that no worker took and ends the workers, each
/// after the job it is doing.
pub(crate) struct Workers<'a, J, R> {
    queue: Arc<Queue<J>>,
    work: Work<'a, J, R>,
    results: mpsc::Receiver<(usize, thread::Result<R>)>,
    /// Results back before an earlier one: the result of job `taken + k` at `k` (the front is
    /// always empty).
    back: VecDeque<Option<thread::Result<R>>>,
    /// The jobs given, and those whose results were taken.
    given: usize,
    taken: usize,
    /// The workers not started in a scope, joined when this is dropped.
    spawned: Vec<thread::JoinHandle<()>>,
}

impl<'a, J: Send + 'a, R: Send + 'a> Workers<'a, J, R> {
    /// Starts `count` workers in `scope`: they end when this is dropped, which must be before
    /// the scope ends.
    pub fn scoped<'env>(
        scope: &'a thread::Scope<'a, 'env>,
        count: usize,
        work: Work<'a, J, R>,
    ) -> Self {
        Self::start(count, work, |worker| {
            scope.spawn(worker);
        })
    }

    fn start(
        count: usize,
        work: Work<'a, J, R>,
        mut spawn: impl FnMut(Box<dyn FnOnce() + Send + 'a>),
    ) -> Self {
        let queue = Arc::new(Queue {
            jobs: Mutex::new(Jobs {
                waiting: VecDeque::new(),
                idle: 0,
                closed: false,
            }),
            more: Condvar::new(),
        });
        let (result_tx, results) = mpsc::channel();
        for _ in 0..count {
            let (queue, work, result_tx) =
                (Arc::clone(&queue), Arc::clone(&work), result_tx.clone());
            spawn(Box::new(move || {
                while let Some((i, job)) = queue.pop() {
                    let result = catch_unwind(AssertUnwindSafe(|| work(job)));
                    if result_tx.send((i, result)).is_err() {
                        return;
                    }
                }
            }));
        }
        Workers {
            queue,
            work,
            results,
            back: VecDeque::new(),
            given: 0,
            taken: 0,
            spawned: Vec::new(),
        }
    }

    /// Gives a job to the workers.
    pub fn give(&mut self, job: J) {
        self.give_all(std::iter::once(job));
    }

    /// Gives jobs to the workers at once: a worker waiting for a job is woken once, not once
    /// for each job.
    pub fn give_all(&mut self, jobs: impl IntoIterator<Item = J>) {
        let given = &mut self.given;
        self.queue.push(jobs.into_iter().map(|job| {
            *given += 1;
            (*given - 1, job)
        }));
    }

    /// The jobs given whose results were not taken yet.
    pub fn in_flight(&self) -> usize {
        self.given - self.taken
    }

    /// The result of the oldest job whose result was not taken yet, when it is back (or once
    /// it is, as `wait` says). `None` when no job is in flight, or when it is not back and
    /// `wait` is [`Wait::No`], or when it can never come back (every worker ended).
    pub fn take(&mut self, wait: Wait) -> Option<R> {
        while self.taken < self.given {
            if self.back.front().is_some_and(Option::is_some) {
                let result = self.back.pop_front().flatten();
                return self.taken_now(result);
            }
            let got = match self.results.try_recv() {
                Ok(got) => Some(got),
                Err(none) => {
                    let job = match wait {
                        Wait::Help => self.queue.try_pop(),
                        Wait::No | Wait::Yes => None,
                    };
                    match job {
                        Some((i, job)) => {
                            let work = &self.work;
                            Some((i, catch_unwind(AssertUnwindSafe(|| work(job)))))
                        }
                        None if wait == Wait::No || none == mpsc::TryRecvError::Disconnected => {
                            return None;
                        }
                        None => self.results.recv().ok(),
                    }
                }
            };
            let (i, result) = got?;
            let k = i - self.taken;
            if k == 0 {
                self.back.pop_front();
                return self.taken_now(Some(result));
            }
            if self.back.len() <= k {
                self.back.resize_with(k + 1, || None);
            }
            if let Some(slot) = self.back.get_mut(k) {
                *slot = Some(result);
            }
        }
        None
    }

    /// Counts a result as taken, and raises again the panic of a job that failed.
    fn taken_now(&mut self, result: Option<thread::Result<R>>) -> Option<R> {
        self.taken += 1;
        result.map(|r| r.unwrap_or_else(|panic| resume_unwind(panic)))
    }
}

impl<J: Send + 'static, R: Send + 'static> Workers<'static, J, R> {
    /// Starts `count` workers that last as long as this (joined when it is dropped), for a
    /// caller that gives jobs from several calls and keeps its workers between them.
    pub fn spawned(count: usize, work: Work<'static, J, R>) -> Self {
        let mut spawned = Vec::with_capacity(count);
        let mut workers = Self::start(count, work, |worker| {
            spawned.push(thread::spawn(worker));
        });
        workers.spawned = spawned;
        workers
    }
}

impl<J, R> Drop for Workers<'_, J, R> {
    fn drop(&mut self) {
        self.queue.close();
        for worker in self.spawned.drain(..) {
            let _ = worker.join();
        }
    }
}

/// The jobs given to [`Workers`] that none has taken yet.
struct Queue<J> {
    jobs: Mutex<Jobs<J>>,
    /// Signalled when a job is given to an idle worker, or the queue is closed.
    more: Condvar,
}

struct Jobs<J> {
    /// The jobs waiting, each with its number, oldest first.
    waiting: VecDeque<(usize, J)>,
    /// The workers waiting for a job: a job given wakes one only when one waits.
    idle: usize,
    /// No job will be given: the workers end.
    closed: bool,
}

impl<J> Queue<J> {
    fn lock(&self) -> MutexGuard<'_, Jobs<J>> {
        // A job is never done with the lock held: a panic cannot leave the queue half changed.
        self.jobs.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn push(&self, new: impl Iterator<Item = (usize, J)>) {
        let wake = {
            let mut jobs = self.lock();
            let before = jobs.waiting.len();
            jobs.waiting.extend(new);
            (jobs.waiting.len() - before).min(jobs.idle)
        };
        match wake {
            0 => {}
            1 => self.more.notify_one(),
            _ => self.more.notify_all(),
        }
    }

    fn try_pop(&self) -> Option<(usize, J)> {
        self.lock().waiting.pop_front()
    }

    /// The oldest job waiting, once there is one; `None` once the queue is closed.
    fn pop(&self) -> Option<(usize, J)> {
        let mut jobs = self.lock();
        loop {
            if jobs.closed {
                return None;
            }
            if let Some(job) = jobs.waiting.pop_front() {
                return Some(job);
            }
            jobs.idle += 1;
            jobs = self.more.wait(jobs).unwrap_or_else(PoisonError::into_inner);
            jobs.idle -= 1;
        }
    }

    /// Drops the jobs waiting and ends the workers.
    fn close(&self) {
        let dropped = {
            let mut jobs = self.lock();
            jobs.closed = true;
            std::mem::take(&mut jobs.waiting)
        };
        self.more.notify_all();
        drop(dropped);
    }
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

    /// Kept workers, helped by the calling thread: results in the order of the jobs, whoever
    /// did them, across several rounds of jobs.
    #[test]
    fn kept_workers_helped_by_the_caller_keep_the_order() {
        use super::{Wait, Workers};
        use std::sync::Arc;
        let caller = std::thread::current().id();
        let mut workers = Workers::spawned(
            1,
            Arc::new(move |n: u64| {
                if n.is_multiple_of(5) {
                    std::thread::yield_now();
                }
                (n, std::thread::current().id() == caller)
            }),
        );
        let mut by_caller = 0;
        for round in 0..20u64 {
            for n in round * 50..(round + 1) * 50 {
                workers.give(n);
            }
            for n in round * 50..(round + 1) * 50 {
                let (got, here) = workers.take(Wait::Help).expect("a result");
                assert_eq!(got, n);
                by_caller += usize::from(here);
            }
            assert_eq!(workers.in_flight(), 0);
            assert!(workers.take(Wait::Yes).is_none());
        }
        // The caller took some jobs itself (it had nothing else to do).
        assert!(by_caller > 0);
    }

    /// A panic in a job comes out on the calling thread when its result would be taken, after
    /// the results before it.
    #[test]
    fn a_panic_in_a_job_is_raised_where_its_result_is_taken() {
        use super::{Wait, Workers};
        use std::sync::Arc;
        let mut workers = Workers::spawned(
            2,
            Arc::new(|n: u32| {
                assert!(n != 3, "job three fails");
                n
            }),
        );
        for n in 0..6 {
            workers.give(n);
        }
        for n in 0..3 {
            assert_eq!(workers.take(Wait::Yes), Some(n));
        }
        let failed =
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| workers.take(Wait::Yes)));
        assert!(failed.is_err());
        assert_eq!(workers.take(Wait::Yes), Some(4));
    }

    /// `in_order` raises a panic of `work` too, and its threads end.
    #[test]
    fn in_order_raises_a_panic_of_its_work() {
        let mut jobs = 0..100u32;
        let failed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            super::in_order(
                2,
                || jobs.next(),
                |n| {
                    assert!(n != 40, "job forty fails");
                    n
                },
                |_| {},
            );
        }));
        assert!(failed.is_err());
    }

    /// Dropped with jobs not done, the workers end without doing them.
    #[test]
    fn dropped_workers_leave_the_jobs_waiting() {
        use super::{Wait, Workers};
        use std::sync::Arc;
        use std::sync::atomic::{AtomicUsize, Ordering};
        let done = Arc::new(AtomicUsize::new(0));
        let counted = Arc::clone(&done);
        let mut workers = Workers::spawned(
            1,
            Arc::new(move |_: ()| {
                std::thread::sleep(std::time::Duration::from_millis(1));
                counted.fetch_add(1, Ordering::Relaxed);
            }),
        );
        for _ in 0..1000 {
            workers.give(());
        }
        assert_eq!(workers.take(Wait::Yes), Some(()));
        drop(workers);
        assert!(done.load(Ordering::Relaxed) < 1000);
    }
}
