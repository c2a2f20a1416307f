//! The bridge between the UI thread and tokio: work is spawned on the runtime, its result comes
//! back through a [`poll_promise::Promise`], and the UI is woken up only when a result is ready.
//!
//! [`Remote`] is what a screen holds for data it asked for; [`RequestLog`] is what the status line
//! shows (the last request, its request id, and what is still running).

use std::fmt;
use std::future::Future;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use poll_promise::Promise;
use tokio::task::{AbortHandle, JoinHandle};

use crate::activity::{ActivityEntry, PendingChange, Recorder};
use crate::api::{ApiError, CcrClient, Reply};
use crate::session::SessionWork;

/// Runs futures and blocking functions on the app's tokio runtime and wakes the UI when each
/// result is ready.
#[derive(Clone)]
pub struct Tasks {
    runtime: tokio::runtime::Handle,
    repaint: egui::Context,
    log: Arc<Mutex<RequestLog>>,
    /// Where the changes made are recorded; `None` when there is no data folder.
    activity: Option<Recorder>,
}

impl Tasks {
    /// A bridge that spawns on `runtime` and repaints `repaint` when a result arrives.
    pub fn new(runtime: tokio::runtime::Handle, repaint: egui::Context) -> Self {
        Self {
            runtime,
            repaint,
            log: Arc::default(),
            activity: None,
        }
    }

    /// The same bridge, recording the changes made through [`Tasks::change_recorded`] and
    /// [`Tasks::record_activity`] with `recorder`.
    #[must_use]
    pub fn with_activity_log(mut self, recorder: Option<Recorder>) -> Self {
        self.activity = recorder;
        self
    }

    /// Where changes are recorded, when there is an activity log.
    pub fn activity_log(&self) -> Option<&Recorder> {
        self.activity.as_ref()
    }

    /// How many entries were added to the activity log this run: a screen showing the log
    /// reads it again when this changes.
    pub fn activity_written(&self) -> u64 {
        self.activity.as_ref().map_or(0, Recorder::written)
    }

    /// Adds `entry` to the activity log on a blocking thread (a change made without a request,
    /// like saving a profile). A failure to write is logged, never shown as the change's.
    pub fn record_activity(&self, entry: ActivityEntry) {
        let Some(recorder) = self.activity.clone() else {
            return;
        };
        let repaint = self.repaint.clone();
        self.runtime.spawn_blocking(move || {
            recorder.append_now(&entry);
            repaint.request_repaint();
        });
    }

    /// Runs `future` on the runtime. Dropping the returned promise drops the result when it
    /// arrives (the work itself still finishes). If the work panics, the promise answers
    /// [`Fallback::after_panic`] instead of taking the UI down with it.
    pub fn spawn<T: Fallback + Send + 'static>(
        &self,
        future: impl Future<Output = T> + Send + 'static,
    ) -> Promise<T> {
        let work = self.runtime.spawn(future);
        self.deliver(work)
    }

    /// The promise of `work`'s result, which wakes the UI when it arrives.
    fn deliver<T: Fallback + Send + 'static>(&self, work: JoinHandle<T>) -> Promise<T> {
        let (sender, promise) = Promise::new();
        let repaint = self.repaint.clone();
        self.runtime.spawn(async move {
            let value = match work.await {
                Ok(value) => value,
                // Aborted because nobody waits for it any more: nothing to deliver.
                Err(failure) if failure.is_cancelled() => return,
                Err(failure) => {
                    tracing::error!(%failure, "a background task failed");
                    T::after_panic()
                }
            };
            sender.send(value);
            repaint.request_repaint();
        });
        promise
    }

    /// Runs a blocking function (keyring, files) on the runtime's blocking pool, giving up with
    /// `on_timeout` when it has not finished after `limit`.
    pub fn spawn_blocking<T: Fallback + Send + 'static>(
        &self,
        limit: Duration,
        on_timeout: impl FnOnce() -> T + Send + 'static,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Promise<T> {
        self.spawn(run_blocking(limit, on_timeout, work))
    }

    /// Runs one API call labelled `label` for the status line: it is listed as in progress
    /// while it runs, then recorded as the last request with its duration and request id.
    /// Dropping the returned job before it answered aborts the call (the user left the screen
    /// that asked for it), so nothing runs on for an answer nobody waits for.
    pub fn api<T: Send + 'static>(
        &self,
        label: impl Into<TaskLabel>,
        call: impl Future<Output = Result<Reply<T>, ApiError>> + Send + 'static,
    ) -> Job<Result<T, ApiError>> {
        self.call(label.into(), false, call)
    }

    /// Like [`Tasks::api`], for a call that changes the registry (create, delete, a password):
    /// the status line keeps showing it, with its result, while the reads after it succeed.
    pub fn change<T: Send + 'static>(
        &self,
        label: impl Into<TaskLabel>,
        call: impl Future<Output = Result<Reply<T>, ApiError>> + Send + 'static,
    ) -> Job<Result<T, ApiError>> {
        self.call(label.into(), true, call)
    }

    /// Like [`Tasks::change`], and records the change in the activity log when it ends: the
    /// entry is on the disk before the result reaches the screen.
    pub fn change_recorded<T: Send + 'static>(
        &self,
        label: impl Into<TaskLabel>,
        client: Arc<CcrClient>,
        change: PendingChange,
        call: impl Future<Output = Result<Reply<T>, ApiError>> + Send + 'static,
    ) -> Job<Result<T, ApiError>> {
        let recorder = self.activity.clone();
        self.call(label.into(), true, async move {
            let result = call.await;
            if let Some(recorder) = recorder {
                recorder.append(change.ended(&client, &result)).await;
            }
            result
        })
    }

    fn call<T: Send + 'static>(
        &self,
        label: TaskLabel,
        change: bool,
        call: impl Future<Output = Result<Reply<T>, ApiError>> + Send + 'static,
    ) -> Job<Result<T, ApiError>> {
        let log = Arc::clone(&self.log);
        // Listed as running until this guard drops: when the call ends, is aborted, or panics.
        let running = self.activity(label.clone());
        let work = self.runtime.spawn(async move {
            let _running = running;
            let started = Instant::now();
            let result = call.await;
            let record = match &result {
                Ok(reply) => {
                    RequestRecord::succeeded(label, started.elapsed(), reply.request_id.clone())
                }
                Err(error) => RequestRecord::failed(label, started.elapsed(), error),
            };
            lock(&log).finished(record, change);
            result.map(|reply| reply.value)
        });
        // A read nobody waits for is aborted; a change, once sent, runs to its end.
        let abort = (!change).then(|| AbortOnDrop(work.abort_handle()));
        Job {
            promise: self.deliver(work),
            _abort: abort,
        }
    }

    /// Marks `label` as in progress in the status line until the returned guard is dropped;
    /// for work that is not a single API call (connecting, starting the sandbox).
    pub fn activity(&self, label: impl Into<TaskLabel>) -> ActivityGuard {
        let ticket = lock(&self.log).start(label.into());
        ActivityGuard {
            log: Arc::clone(&self.log),
            ticket,
        }
    }

    /// Records `record` as the last request (work that is not one [`Tasks::api`] call, like the
    /// connection test).
    pub fn record(&self, record: RequestRecord) {
        lock(&self.log).finished(record, false);
    }

    /// Records `record` as the last change (work that changed something without being one
    /// [`Tasks::change`] call, like a chart download to disk).
    pub fn record_change(&self, record: RequestRecord) {
        lock(&self.log).finished(record, true);
    }

    /// A copy of what the status line shows.
    pub fn request_log(&self) -> RequestLog {
        lock(&self.log).clone()
    }
}

/// Work whose answer a screen waits for: a promise, and the work is aborted when the job is
/// dropped before it answered.
pub struct Job<T: Send + 'static> {
    promise: Promise<T>,
    _abort: Option<AbortOnDrop>,
}

impl<T: Send + 'static> Job<T> {
    /// Takes the answer if it has arrived, else gives the job back.
    pub fn try_take(self) -> Result<T, Self> {
        let Self {
            promise,
            _abort: abort,
        } = self;
        promise.try_take().map_err(|promise| Self {
            promise,
            _abort: abort,
        })
    }

    /// Waits for the answer, blocking the thread (tests only: the UI never waits).
    #[cfg(test)]
    fn block_and_take(self) -> T {
        self.promise.block_and_take()
    }
}

impl<T: Send + 'static> From<Promise<T>> for Job<T> {
    /// A job that is not aborted when dropped (its work finishes, the answer is dropped).
    fn from(promise: Promise<T>) -> Self {
        Self {
            promise,
            _abort: None,
        }
    }
}

/// Aborts a tokio task when dropped.
struct AbortOnDrop(AbortHandle);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// Runs `work` on the blocking pool with a time limit; used by [`Tasks::spawn_blocking`] and by
/// async code that needs a blocking call (the keyring) inside a larger task.
pub async fn run_blocking<T: Send + 'static>(
    limit: Duration,
    on_timeout: impl FnOnce() -> T,
    work: impl FnOnce() -> T + Send + 'static,
) -> T {
    match tokio::time::timeout(limit, tokio::task::spawn_blocking(work)).await {
        Ok(Ok(value)) => value,
        Ok(Err(join_error)) => {
            tracing::error!(%join_error, "a blocking task failed");
            on_timeout()
        }
        Err(_) => on_timeout(),
    }
}

fn lock(log: &Mutex<RequestLog>) -> std::sync::MutexGuard<'_, RequestLog> {
    log.lock().unwrap_or_else(PoisonError::into_inner)
}

/// What a task answers when its work panicked (a bug): an error the screen can show.
pub trait Fallback {
    /// The answer standing in for the lost result.
    fn after_panic() -> Self;
}

/// The description of a task that panicked, for the error types tasks answer with.
const TASK_PANICKED: &str = "a background task stopped unexpectedly";

impl<T> Fallback for Option<T> {
    fn after_panic() -> Self {
        None
    }
}

impl<T> Fallback for Result<T, ApiError> {
    fn after_panic() -> Self {
        Err(ApiError::Internal(TASK_PANICKED.to_owned()))
    }
}

impl<T> Fallback for Result<T, String> {
    fn after_panic() -> Self {
        Err(TASK_PANICKED.to_owned())
    }
}

impl<T> Fallback for Result<T, crate::profile::SecretError> {
    fn after_panic() -> Self {
        Err(crate::profile::SecretError::Failed(
            crate::profile::KeyringFailure::Stopped,
        ))
    }
}

/// Keeps an activity listed as in progress; see [`Tasks::activity`].
pub struct ActivityGuard {
    log: Arc<Mutex<RequestLog>>,
    ticket: u64,
}

impl Drop for ActivityGuard {
    fn drop(&mut self) {
        lock(&self.log)
            .running
            .retain(|(ticket, _)| *ticket != self.ticket);
    }
}

/// What a task is, as the status line names it ("List projects"). Words a screen gives are
/// made on the UI thread: either once ([`TaskLabel::Text`], from a `String` or `&str`), or each
/// time the line is drawn ([`TaskLabel::words`]), so a language switch re-words what is shown.
/// The session's own work is a fact the UI words ([`TaskLabel::Session`]).
#[derive(Clone)]
pub enum TaskLabel {
    /// Words made once.
    Text(String),
    /// Words made each time they are shown, on the UI thread.
    Words(Arc<dyn Fn() -> String + Send + Sync>),
    /// The session's own work (connecting, starting the sandbox), worded by the UI.
    Session(SessionWork),
}

impl TaskLabel {
    /// A label worded by `words` each time it is shown (a closure calling `tr!`). It is only
    /// called on the UI thread, when the status line is drawn.
    pub fn words(words: impl Fn() -> String + Send + Sync + 'static) -> Self {
        Self::Words(Arc::new(words))
    }
}

impl fmt::Debug for TaskLabel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Text(text) => f.debug_tuple("Text").field(text).finish(),
            Self::Words(_) => f.write_str("Words(..)"),
            Self::Session(work) => f.debug_tuple("Session").field(work).finish(),
        }
    }
}

impl From<String> for TaskLabel {
    fn from(text: String) -> Self {
        Self::Text(text)
    }
}

impl From<&str> for TaskLabel {
    fn from(text: &str) -> Self {
        Self::Text(text.to_owned())
    }
}

impl From<SessionWork> for TaskLabel {
    fn from(work: SessionWork) -> Self {
        Self::Session(work)
    }
}

/// One finished API call, as the status line shows it.
#[derive(Debug, Clone)]
pub struct RequestRecord {
    /// What was asked ("List projects").
    pub label: TaskLabel,
    /// How long it took.
    pub elapsed: Duration,
    /// The server's request id, when it sent one.
    pub request_id: Option<String>,
    /// Whether it ended in an error.
    pub failed: bool,
    /// Why the server could not be reached, when it could not: a network failure, or a
    /// gateway's 502, 503 or 504 without the server's envelope. The connection state follows it.
    pub unreachable: Option<Arc<ApiError>>,
}

impl RequestRecord {
    /// A request that succeeded.
    pub fn succeeded(
        label: impl Into<TaskLabel>,
        elapsed: Duration,
        request_id: Option<String>,
    ) -> Self {
        Self {
            label: label.into(),
            elapsed,
            request_id,
            failed: false,
            unreachable: None,
        }
    }

    /// A request that failed with `error`.
    pub fn failed(label: impl Into<TaskLabel>, elapsed: Duration, error: &ApiError) -> Self {
        Self {
            label: label.into(),
            elapsed,
            request_id: error.request_id().map(str::to_owned),
            failed: true,
            unreachable: unreachable_copy(error).map(Arc::new),
        }
    }
}

/// A copy of `error` when it says the server could not be reached (a network failure, or a
/// gateway's 502, 503 or 504 without the server's envelope); `None` for any other error.
fn unreachable_copy(error: &ApiError) -> Option<ApiError> {
    match error {
        ApiError::Transport { kind, host, detail } => Some(ApiError::Transport {
            kind: kind.clone(),
            host: host.clone(),
            detail: detail.clone(),
        }),
        ApiError::NotEnvelope {
            status,
            content_type,
            excerpt,
            request_id,
        } if matches!(status, 502..=504) => Some(ApiError::NotEnvelope {
            status: *status,
            content_type: content_type.clone(),
            excerpt: excerpt.clone(),
            request_id: request_id.clone(),
        }),
        _ => None,
    }
}

/// What is running and what ran last.
#[derive(Debug, Clone, Default)]
pub struct RequestLog {
    next_ticket: u64,
    running: Vec<(u64, TaskLabel)>,
    last: Option<RequestRecord>,
    /// The last call that changed something, while every read after it succeeded.
    last_change: Option<RequestRecord>,
}

impl RequestLog {
    fn start(&mut self, label: TaskLabel) -> u64 {
        self.next_ticket += 1;
        self.running.push((self.next_ticket, label));
        self.next_ticket
    }

    /// The labels of what is running now, oldest first.
    pub fn running(&self) -> impl Iterator<Item = &TaskLabel> {
        self.running.iter().map(|(_, label)| label)
    }

    /// The most recently finished API call.
    pub fn last(&self) -> Option<&RequestRecord> {
        self.last.as_ref()
    }

    /// What the status line shows: the last change while the reads after it succeeded (the
    /// list loaded again after a delete does not hide the delete), else the last call.
    pub fn shown(&self) -> Option<(&RequestRecord, bool)> {
        match &self.last_change {
            Some(change) => Some((change, true)),
            None => self.last.as_ref().map(|last| (last, false)),
        }
    }

    fn finished(&mut self, record: RequestRecord, change: bool) {
        if change {
            self.last_change = Some(record.clone());
        } else if record.failed {
            self.last_change = None;
        }
        self.last = Some(record);
    }
}

/// Data a screen asked the server (or the keyring) for: not requested yet, pending, ready or
/// failed. While a new request is pending the previous value stays on screen.
pub struct Remote<T: Send + 'static, E: Send + 'static = ApiError> {
    value: Option<T>,
    error: Option<E>,
    pending: Option<Job<Result<T, E>>>,
}

impl<T: Send + 'static, E: Send + 'static> Default for Remote<T, E> {
    fn default() -> Self {
        Self {
            value: None,
            error: None,
            pending: None,
        }
    }
}

impl<T: Send + 'static, E: Send + 'static> Remote<T, E> {
    /// Starts waiting for `work`; an earlier pending request is dropped (and aborted, when it is
    /// an API call), the last value and error are kept until the answer arrives.
    pub fn request(&mut self, work: impl Into<Job<Result<T, E>>>) {
        self.pending = Some(work.into());
    }

    /// Takes the result when it has arrived. Returns true on the frame it arrives, so the
    /// caller can react once (select a row, record an error).
    pub fn poll(&mut self) -> bool {
        let Some(promise) = self.pending.take() else {
            return false;
        };
        match promise.try_take() {
            Ok(Ok(value)) => {
                self.value = Some(value);
                self.error = None;
                true
            }
            Ok(Err(error)) => {
                self.error = Some(error);
                true
            }
            Err(promise) => {
                self.pending = Some(promise);
                false
            }
        }
    }

    /// Forgets a pending request: an API call is aborted, other work's result is dropped when
    /// it arrives.
    pub fn abandon(&mut self) {
        self.pending = None;
    }

    /// Forgets everything: back to "not requested".
    pub fn clear(&mut self) {
        *self = Self::default();
    }

    /// The last value received.
    pub fn value(&self) -> Option<&T> {
        self.value.as_ref()
    }

    /// The last value received, to change in place (after a local edit).
    pub fn value_mut(&mut self) -> Option<&mut T> {
        self.value.as_mut()
    }

    /// The error of the last request, when it failed.
    pub fn error(&self) -> Option<&E> {
        self.error.as_ref()
    }

    /// Whether a request is running.
    pub fn is_pending(&self) -> bool {
        self.pending.is_some()
    }

    /// Whether anything was ever asked for (a value, an error or a pending request).
    pub fn is_requested(&self) -> bool {
        self.value.is_some() || self.error.is_some() || self.pending.is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn runtime() -> tokio::runtime::Runtime {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .expect("runtime")
    }

    #[test]
    fn remote_keeps_the_previous_value_while_pending_and_takes_the_answer() {
        let rt = runtime();
        let tasks = Tasks::new(rt.handle().clone(), egui::Context::default());
        let mut remote: Remote<u32, String> = Remote::default();
        remote.request(tasks.spawn(async { Ok(1) }));
        let deadline = Instant::now() + Duration::from_secs(5);
        while !remote.poll() {
            assert!(Instant::now() < deadline, "no answer");
            std::thread::yield_now();
        }
        assert_eq!(remote.value(), Some(&1));
        let (sender, promise) = Promise::new();
        remote.request(promise);
        assert!(!remote.poll());
        assert_eq!(
            remote.value(),
            Some(&1),
            "previous value stays while pending"
        );
        sender.send(Err("boom".to_owned()));
        assert!(remote.poll());
        assert_eq!(remote.error().map(String::as_str), Some("boom"));
        assert_eq!(remote.value(), Some(&1));
        assert!(!remote.is_pending());
    }

    #[test]
    fn an_abandoned_request_never_shows_its_result() {
        let mut remote: Remote<u32, String> = Remote::default();
        let (sender, promise) = Promise::new();
        remote.request(promise);
        remote.abandon();
        sender.send(Ok(7));
        assert!(!remote.poll());
        assert_eq!(remote.value(), None);
    }

    #[test]
    fn the_log_lists_running_calls_and_records_the_last_one() {
        let rt = runtime();
        let tasks = Tasks::new(rt.handle().clone(), egui::Context::default());
        let (gate_tx, gate_rx) = tokio::sync::oneshot::channel::<()>();
        let promise = tasks.api("List projects", async move {
            let _ = gate_rx.await;
            Ok(Reply {
                value: 3_u8,
                request_id: Some("req-1".to_owned()),
                status: None,
            })
        });
        let running: Vec<String> = tasks
            .request_log()
            .running()
            .map(|label| match label {
                TaskLabel::Text(text) => text.clone(),
                other => format!("{other:?}"),
            })
            .collect();
        assert_eq!(running, ["List projects"]);
        let _ = gate_tx.send(());
        assert_eq!(promise.block_and_take().ok(), Some(3));
        let log = tasks.request_log();
        assert_eq!(log.running().count(), 0);
        let last = log.last().expect("a record");
        assert_eq!(last.request_id.as_deref(), Some("req-1"));
        assert!(!last.failed);
    }

    #[test]
    fn dropping_an_api_job_aborts_the_call_and_it_leaves_the_status_line() {
        let rt = runtime();
        let tasks = Tasks::new(rt.handle().clone(), egui::Context::default());
        // The call never ends by itself; `dropped` closes when its future is dropped.
        let (dropped_tx, mut dropped_rx) = tokio::sync::mpsc::channel::<()>(1);
        let job = tasks.api("List artifacts", async move {
            let _alive = dropped_tx;
            std::future::pending::<()>().await;
            Ok(Reply {
                value: (),
                request_id: None,
                status: None,
            })
        });
        assert_eq!(tasks.request_log().running().count(), 1);
        drop(job);
        let closed = rt.block_on(async {
            tokio::time::timeout(Duration::from_secs(10), dropped_rx.recv()).await
        });
        assert_eq!(closed, Ok(None), "the call's future was dropped: aborted");
        // The call is dropped before the task's running guard, on a worker thread: the entry
        // leaves the status line a moment after the canary closes.
        let gone_by = Instant::now() + Duration::from_secs(10);
        while tasks.request_log().running().count() > 0 && Instant::now() < gone_by {
            std::thread::sleep(Duration::from_millis(5));
        }
        assert_eq!(tasks.request_log().running().count(), 0);
        assert!(
            tasks.request_log().last().is_none(),
            "an aborted call records nothing"
        );
    }

    #[test]
    fn a_blocking_call_past_its_limit_answers_with_the_timeout_value() {
        let rt = runtime();
        let tasks = Tasks::new(rt.handle().clone(), egui::Context::default());
        let promise: Promise<Result<&str, String>> = tasks.spawn_blocking(
            Duration::from_millis(50),
            || Err("timed out".to_owned()),
            || {
                std::thread::sleep(Duration::from_millis(500));
                Ok("finished")
            },
        );
        assert_eq!(promise.block_and_take(), Err("timed out".to_owned()));
    }

    #[test]
    fn a_panicking_task_answers_its_fallback_and_leaves_the_log_clean() {
        let rt = runtime();
        let tasks = Tasks::new(rt.handle().clone(), egui::Context::default());
        let promise = tasks.api("Doomed", async {
            assert!(!std::hint::black_box(true), "a bug in the task");
            Ok(Reply {
                value: (),
                request_id: None,
                status: None,
            })
        });
        let answer = promise.block_and_take();
        assert!(matches!(answer, Err(ApiError::Internal(_))), "{answer:?}");
        assert_eq!(tasks.request_log().running().count(), 0);
    }
}
