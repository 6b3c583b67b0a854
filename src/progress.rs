//! Progress and cancellation of long work (export, USB copy, import): the core reports bytes done and
//! the file at hand to an [`Observer`] and stops at the next chunk once the observer says it is
//! cancelled. The CLI passes [`Quiet`]; the desktop app passes a [`Task`], whose snapshots it forwards
//! to the window as progress events.

use std::io::{self, Read};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use serde::Serialize;

/// Receives progress of long work.
pub trait Observer: Sync {
    /// The work will move this many bytes in all.
    fn begin(&self, _total: u64) {}
    /// Work on a file (named as the user knows it) starts.
    fn file(&self, _name: &str) {}
    /// This many more bytes are done.
    fn advance(&self, _bytes: u64) {}
    /// Whether the user asked to stop.
    fn cancelled(&self) -> bool {
        false
    }
}

/// An observer that ignores progress and never cancels.
pub struct Quiet;

impl Observer for Quiet {}

/// A reader that reports what it reads and fails with [`io::ErrorKind::Interrupted`]-free
/// `Other("cancelled")` once its observer is cancelled.
pub struct Observed<'a, R> {
    inner: R,
    obs: &'a dyn Observer,
}

impl<'a, R: Read> Observed<'a, R> {
    /// Wraps a reader.
    pub fn new(inner: R, obs: &'a dyn Observer) -> Self {
        Observed { inner, obs }
    }
}

impl<R: Read> Read for Observed<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.obs.cancelled() {
            return Err(io::Error::other(CANCELLED));
        }
        let n = self.inner.read(buf)?;
        self.obs.advance(n as u64);
        Ok(n)
    }
}

/// The text of the I/O error an [`Observed`] reader fails with when cancelled.
pub const CANCELLED: &str = "cancelled by the user";

/// One moment of a task, as the window shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Snapshot {
    /// The task's number.
    pub id: u32,
    /// What the task does (`export`, `copy`, `import`).
    pub kind: String,
    /// The file at hand.
    pub file: String,
    /// Bytes done.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub done: u64,
    /// Bytes in all (0 while unknown).
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub total: u64,
    /// Cancellation was asked for.
    pub cancelling: bool,
}

type Notify = Box<dyn Fn(Snapshot) + Send + Sync>;

/// A running task: its progress, its cancel flag, and a callback that gets a snapshot at most every
/// 100 ms (and on every new file).
pub struct Task {
    id: u32,
    kind: String,
    total: AtomicU64,
    done: AtomicU64,
    file: Mutex<String>,
    cancel: AtomicBool,
    last: Mutex<Instant>,
    notify: Notify,
}

impl Task {
    /// A new task.
    pub fn new(id: u32, kind: &str, notify: impl Fn(Snapshot) + Send + Sync + 'static) -> Self {
        Task {
            id,
            kind: kind.to_string(),
            total: AtomicU64::new(0),
            done: AtomicU64::new(0),
            file: Mutex::new(String::new()),
            cancel: AtomicBool::new(false),
            last: Mutex::new(Instant::now() - Duration::from_secs(1)),
            notify: Box::new(notify),
        }
    }

    /// Asks the task to stop at its next chunk.
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::SeqCst);
        (self.notify)(self.snapshot());
    }

    /// The task's state now.
    pub fn snapshot(&self) -> Snapshot {
        Snapshot {
            id: self.id,
            kind: self.kind.clone(),
            file: self.file.lock().map(|f| f.clone()).unwrap_or_default(),
            done: self.done.load(Ordering::Relaxed),
            total: self.total.load(Ordering::Relaxed),
            cancelling: self.cancel.load(Ordering::Relaxed),
        }
    }

    fn maybe_notify(&self, force: bool) {
        let Ok(mut last) = self.last.lock() else { return };
        if force || last.elapsed() >= Duration::from_millis(100) {
            *last = Instant::now();
            drop(last);
            (self.notify)(self.snapshot());
        }
    }
}

impl Observer for Task {
    fn begin(&self, total: u64) {
        self.total.fetch_add(total, Ordering::Relaxed);
        self.maybe_notify(true);
    }

    fn file(&self, name: &str) {
        if let Ok(mut f) = self.file.lock() {
            *f = name.to_string();
        }
        self.maybe_notify(false);
    }

    fn advance(&self, bytes: u64) {
        self.done.fetch_add(bytes, Ordering::Relaxed);
        self.maybe_notify(false);
    }

    fn cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    #[test]
    fn observed_reader_counts_and_stops_when_cancelled() {
        let seen = Arc::new(Mutex::new(Vec::new()));
        let s2 = seen.clone();
        let task = Task::new(7, "copy", move |s| s2.lock().unwrap().push(s));
        task.begin(10);
        let mut r = Observed::new(&b"0123456789"[..], &task);
        let mut buf = [0u8; 4];
        assert_eq!(r.read(&mut buf).unwrap(), 4);
        assert_eq!(task.snapshot().done, 4);
        task.cancel();
        let e = r.read(&mut buf).unwrap_err();
        assert_eq!(e.to_string(), CANCELLED);
        let last = seen.lock().unwrap().last().cloned().unwrap();
        assert!(last.cancelling && last.total == 10 && last.id == 7);
    }
}
