//! The app's keyring: opened once at start-up off the UI thread, then written one operation at
//! a time, in the order asked. The next write starts only when the one before it has really
//! ended, however long the keyring takes, so a delete is never overtaken by an earlier save; a
//! keyring slower than its patience is reported, not raced.

use std::collections::VecDeque;
use std::time::Duration;

use poll_promise::Promise;
use secrecy::SecretString;

use super::SessionNotice;
use super::connection::KEYRING_TIMEOUT;
use crate::profile::{NoKeyring, ProfileId, SecretError, SecretStore};
use crate::tasks::{Fallback, Tasks};

/// Where the app's passwords live.
pub enum SecretsSource {
    /// The OS keyring, opened at start-up (Secret Service, Keychain, Credential Manager).
    Platform,
    /// A given store (tests: keyring-core's mock store).
    Given(SecretStore),
    /// No keyring (`--no-keyring`): passwords are kept for the session only; the text says why.
    Disabled(String),
}

enum State {
    Opening(Promise<Result<SecretStore, SecretError>>),
    Ready(SecretStore),
    Unavailable(SecretError),
}

/// A keyring write, queued until the keyring has opened and the write before it has ended.
enum KeyringOp {
    Save(ProfileId, SecretString),
    Delete(ProfileId),
}

/// What a keyring write does, for a failure notice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyringWrite {
    /// Saving a profile's password.
    Save,
    /// Removing a profile's password.
    Delete,
}

/// Why a keyring write failed.
#[derive(Debug)]
pub enum KeyringProblem {
    /// The keyring refused or failed the operation.
    Keyring(SecretError),
    /// The keyring call stopped unexpectedly (it panicked, or its thread was lost).
    Stopped,
}

impl<T> Fallback for Result<T, KeyringProblem> {
    fn after_panic() -> Self {
        Err(KeyringProblem::Stopped)
    }
}

impl KeyringOp {
    /// What the write does, for a failure notice.
    fn what(&self) -> KeyringWrite {
        match self {
            Self::Save(..) => KeyringWrite::Save,
            Self::Delete(_) => KeyringWrite::Delete,
        }
    }
}

/// A write in progress.
struct Running {
    /// What it does.
    what: KeyringWrite,
    /// Its end: answers only when the keyring call has returned.
    done: Promise<Result<(), KeyringProblem>>,
    /// Answers when the write has taken longer than the keyring's patience.
    slow: Option<Promise<Option<()>>>,
}

/// The keyring and its queue of writes.
pub struct Keyring {
    state: State,
    queue: VecDeque<KeyringOp>,
    running: Option<Running>,
    /// How long a write may take before the user is told the keyring is slow.
    patience: Duration,
}

impl Keyring {
    /// Opens the keyring `source` names (the platform's off the UI thread, through `tasks`); a
    /// write slower than `patience` is reported.
    pub fn open(source: SecretsSource, tasks: &Tasks, patience: Duration) -> Self {
        let state = match source {
            SecretsSource::Given(store) => State::Ready(store),
            SecretsSource::Disabled(reason) => {
                State::Unavailable(SecretError::Unavailable(NoKeyring::TurnedOff(reason)))
            }
            SecretsSource::Platform => State::Opening(tasks.spawn_blocking(
                KEYRING_TIMEOUT,
                || Err(SecretError::Unavailable(NoKeyring::NoAnswer)),
                SecretStore::platform,
            )),
        };
        Self {
            state,
            queue: VecDeque::new(),
            running: None,
            patience,
        }
    }

    /// How many writes are queued or running.
    pub fn pending_writes(&self) -> usize {
        self.queue.len() + usize::from(self.running.is_some())
    }

    /// The open keyring, if there is one.
    pub fn store(&self) -> Option<&SecretStore> {
        match &self.state {
            State::Ready(store) => Some(store),
            _ => None,
        }
    }

    /// Why there is no keyring, once that is known.
    pub fn problem(&self) -> Option<&SecretError> {
        match &self.state {
            State::Unavailable(problem) => Some(problem),
            _ => None,
        }
    }

    /// Whether the keyring is still opening.
    pub fn is_opening(&self) -> bool {
        matches!(self.state, State::Opening(_))
    }

    /// Saves `password` for `id`, after the writes asked for before it.
    pub fn save(&mut self, tasks: &Tasks, id: &ProfileId, password: SecretString) {
        self.enqueue(tasks, KeyringOp::Save(id.clone(), password));
    }

    /// Removes the password of `id`, after the writes asked for before it.
    pub fn delete(&mut self, tasks: &Tasks, id: &ProfileId) {
        self.enqueue(tasks, KeyringOp::Delete(id.clone()));
    }

    fn enqueue(&mut self, tasks: &Tasks, op: KeyringOp) {
        if matches!(self.state, State::Unavailable(_)) {
            return;
        }
        self.queue.push_back(op);
        self.start_next(tasks);
    }

    /// Takes what arrived (the opened keyring, a finished write) and starts the next write; a
    /// failure, or a write slower than the patience, becomes a notice in `notices`.
    pub fn poll(&mut self, tasks: &Tasks, notices: &mut Vec<SessionNotice>) {
        if let State::Opening(promise) = &mut self.state
            && let Some(result) = promise.ready_mut()
        {
            let result =
                std::mem::replace(result, Err(SecretError::Unavailable(NoKeyring::NoAnswer)));
            self.state = match result {
                Ok(store) => State::Ready(store),
                Err(problem) => {
                    tracing::warn!(%problem, "no keyring");
                    self.queue.clear();
                    State::Unavailable(problem)
                }
            };
        }
        if let Some(running) = &mut self.running {
            if running
                .slow
                .as_mut()
                .is_some_and(|slow| slow.ready_mut().is_some())
            {
                running.slow = None;
                notices.push(SessionNotice::KeyringSlow {
                    waited_secs: self.patience.as_secs(),
                });
            }
            if let Some(result) = running.done.ready_mut() {
                if let Err(problem) = std::mem::replace(result, Ok(())) {
                    notices.push(SessionNotice::KeyringWriteFailed {
                        write: running.what,
                        problem,
                    });
                }
                self.running = None;
            }
        }
        self.start_next(tasks);
    }

    fn start_next(&mut self, tasks: &Tasks) {
        let State::Ready(store) = &self.state else {
            return;
        };
        if self.running.is_some() {
            return;
        }
        let Some(op) = self.queue.pop_front() else {
            return;
        };
        let store = store.clone();
        let what = op.what();
        // No time limit here: the next write must not start before this one has ended.
        let done = tasks.spawn(async move {
            tokio::task::spawn_blocking(move || {
                match op {
                    KeyringOp::Save(id, secret) => store.save(&id, &secret),
                    KeyringOp::Delete(id) => store.delete(&id),
                }
                .map_err(KeyringProblem::Keyring)
            })
            .await
            .unwrap_or_else(|failure| {
                tracing::error!(%failure, "a keyring call failed");
                Err(KeyringProblem::Stopped)
            })
        });
        let patience = self.patience;
        let slow = tasks.spawn(async move {
            tokio::time::sleep(patience).await;
            Some(())
        });
        self.running = Some(Running {
            what,
            done,
            slow: Some(slow),
        });
    }
}
