//! A bounded pipe between two threads: text written on one side is read as a stream on the
//! other. `fix` writes its output through one to the validator that reports on that output,
//! and the workbook reader hands its sheet to the table reader through one, so that neither
//! holds a whole file: at most [`CHUNKS`] chunks of [`CHUNK`] bytes are in flight.
//!
//! The writer's end closes the stream when dropped; when the reading side is gone, writing
//! fails with `BrokenPipe` rather than blocking.

use std::io::{self, Read, Write};
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};

/// The bytes a writer gathers before handing them over.
pub(crate) const CHUNK: usize = 64 * 1024;
/// The chunks in flight at most: memory stays under `CHUNK * (CHUNKS + 2)` bytes.
pub(crate) const CHUNKS: usize = 8;

/// Makes a pipe: what is written to the [`PipeWriter`] is read from the [`PipeReader`].
pub(crate) fn pipe() -> (PipeWriter, PipeReader) {
    let (tx, rx) = sync_channel(CHUNKS);
    (
        PipeWriter {
            tx: Some(tx),
            buf: Vec::with_capacity(CHUNK),
        },
        PipeReader {
            rx,
            chunk: Vec::new(),
            at: 0,
        },
    )
}

/// Runs `there` on a thread of its own while `here` runs on this one, and gives both results
/// (`None` for `there` when it panicked). The one way the crate runs a stage of a stream beside
/// another, the two joined by a pipe (work shared among threads goes through
/// [`in_order`](super::in_order) instead): one thread is started, and ends before this returns.
pub(crate) fn beside<T: Send, U>(
    there: impl FnOnce() -> T + Send,
    here: impl FnOnce() -> U,
) -> (U, Option<T>) {
    std::thread::scope(|scope| {
        let other = scope.spawn(there);
        let done = here();
        (done, other.join().ok())
    })
}

/// The writing end.
pub(crate) struct PipeWriter {
    tx: Option<SyncSender<Vec<u8>>>,
    buf: Vec<u8>,
}

impl PipeWriter {
    fn send(&mut self) -> io::Result<()> {
        if self.buf.is_empty() {
            return Ok(());
        }
        let chunk = std::mem::replace(&mut self.buf, Vec::with_capacity(CHUNK));
        match &self.tx {
            Some(tx) if tx.send(chunk).is_ok() => Ok(()),
            _ => Err(io::Error::new(
                io::ErrorKind::BrokenPipe,
                "the reading side of the pipe has stopped",
            )),
        }
    }
}

impl Write for PipeWriter {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        self.buf.extend_from_slice(data);
        if self.buf.len() >= CHUNK {
            self.send()?;
        }
        Ok(data.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.send()
    }
}

impl Drop for PipeWriter {
    fn drop(&mut self) {
        // What is left goes over; a reader already gone is not an error here.
        let _ = self.send();
        self.tx = None;
    }
}

/// The reading end: reads until the writer is dropped.
pub(crate) struct PipeReader {
    rx: Receiver<Vec<u8>>,
    chunk: Vec<u8>,
    at: usize,
}

impl Read for PipeReader {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        while self.at == self.chunk.len() {
            match self.rx.recv() {
                Ok(chunk) => {
                    self.chunk = chunk;
                    self.at = 0;
                }
                Err(_) => return Ok(0),
            }
        }
        let n = out.len().min(self.chunk.len() - self.at);
        out[..n].copy_from_slice(&self.chunk[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn what_is_written_is_read_in_order_and_the_end_closes_it() {
        let (mut w, mut r) = pipe();
        let data: Vec<u8> = (0..(CHUNK * 20 + 17)).map(|i| (i % 251) as u8).collect();
        let ((), got) = beside(
            move || {
                let mut got = Vec::new();
                r.read_to_end(&mut got).unwrap();
                got
            },
            || {
                for piece in data.chunks(1000) {
                    w.write_all(piece).unwrap();
                }
                drop(w);
            },
        );
        assert_eq!(got, Some(data));
    }

    #[test]
    fn writing_to_a_pipe_nobody_reads_fails_instead_of_blocking() {
        let (mut w, r) = pipe();
        drop(r);
        let err = w.write_all(&vec![0; CHUNK * 2]).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::BrokenPipe);
    }
}
