//! The sandbox the app runs for itself: started in-process on a free loopback port on first
//! run (or when its profile is chosen), stopped with the app.

use poll_promise::Promise;

use super::SessionWork;
use crate::sandbox::{self, RunningSandbox, SandboxConfig, SandboxError, Storage};
use crate::tasks::{Fallback, Tasks};

/// Why the built-in sandbox could not start.
#[derive(Debug)]
pub enum SandboxStartError {
    /// The sandbox refused to start (no port, no data folder, a damaged store).
    Sandbox(SandboxError),
    /// Its start stopped unexpectedly (a bug).
    Stopped,
}

impl<T> Fallback for Result<T, SandboxStartError> {
    fn after_panic() -> Self {
        Err(SandboxStartError::Stopped)
    }
}

/// When and where the built-in sandbox runs.
#[derive(Debug, Clone)]
pub struct SandboxPlan {
    /// Where its data lives (the OS data folder; tests: in memory).
    pub storage: Storage,
    /// Start it now even when profiles exist (`--sandbox`).
    pub start_now: bool,
}

enum State {
    Off,
    Starting(Promise<Result<RunningSandbox, SandboxStartError>>),
    Running(RunningSandbox),
    Failed,
}

/// The built-in sandbox: where it would run, and whether it does.
pub struct BuiltinSandbox {
    plan: SandboxPlan,
    state: State,
}

/// A sandbox that has just started.
pub struct Started {
    /// Its address, `http://127.0.0.1:PORT`.
    pub base_url: String,
    /// Whether its administrator still has the default password (the app then knows it).
    pub default_password: bool,
}

impl BuiltinSandbox {
    /// A sandbox that will run as `plan` says, not started yet.
    pub fn new(plan: SandboxPlan) -> Self {
        Self {
            plan,
            state: State::Off,
        }
    }

    /// Whether the plan asks to start it at once.
    pub fn start_now(&self) -> bool {
        self.plan.start_now
    }

    /// Starts it, unless it is starting or running already.
    pub fn start(&mut self, tasks: &Tasks) {
        if matches!(self.state, State::Starting(_) | State::Running(_)) {
            return;
        }
        let storage = self.plan.storage.clone();
        let activity = tasks.activity(SessionWork::StartSandbox);
        self.state = State::Starting(tasks.spawn(async move {
            let _activity = activity;
            let config = SandboxConfig {
                storage,
                ..SandboxConfig::ephemeral_loopback()
            };
            sandbox::start(config)
                .await
                .map_err(SandboxStartError::Sandbox)
        }));
    }

    /// Takes the end of a start: `Some(Ok)` on the frame it runs, `Some(Err)` with the reason
    /// when it could not start.
    pub fn poll(&mut self) -> Option<Result<Started, SandboxStartError>> {
        let State::Starting(promise) = &mut self.state else {
            return None;
        };
        let result = std::mem::replace(promise.ready_mut()?, Err(SandboxStartError::Stopped));
        Some(match result {
            Ok(running) => {
                let started = Started {
                    base_url: running.base_url().to_owned(),
                    default_password: running.admin_password_is_default(),
                };
                self.state = State::Running(running);
                Ok(started)
            }
            Err(problem) => {
                self.state = State::Failed;
                Err(problem)
            }
        })
    }

    /// Its address while it runs.
    pub fn url(&self) -> Option<&str> {
        match &self.state {
            State::Running(running) => Some(running.base_url()),
            _ => None,
        }
    }

    /// Whether it is starting.
    pub fn is_starting(&self) -> bool {
        matches!(self.state, State::Starting(_))
    }

    /// Whether it runs.
    pub fn is_running(&self) -> bool {
        matches!(self.state, State::Running(_))
    }

    /// Whether its last start failed.
    pub fn has_failed(&self) -> bool {
        matches!(self.state, State::Failed)
    }

    /// Stops it (dropping the handle stops the server).
    pub fn stop(&mut self) {
        self.state = State::Off;
    }
}
