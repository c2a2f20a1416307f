//! The settings on disk: read once before the first frame, then saved off the UI thread, one
//! save at a time, so an older snapshot never lands after a newer one.

use poll_promise::Promise;

use super::SessionNotice;
use super::connection::KEYRING_TIMEOUT;
use crate::profile::{ProfileError, ProfileFile, Settings};
use crate::tasks::{Fallback, Tasks};

/// Why saving the profiles file failed.
#[derive(Debug)]
pub enum SaveProblem {
    /// The file could not be written.
    Profile(ProfileError),
    /// The save did not finish within its time limit.
    TimedOut,
    /// The save stopped unexpectedly (a bug).
    Stopped,
}

impl<T> Fallback for Result<T, SaveProblem> {
    fn after_panic() -> Self {
        Err(SaveProblem::Stopped)
    }
}

/// The profiles file and the save in flight.
pub struct SettingsStore {
    file: ProfileFile,
    /// False when the file exists but could not be read: it is then never overwritten.
    writable: bool,
    /// The settings changed since the last save started.
    dirty: bool,
    save: Option<Promise<Result<(), SaveProblem>>>,
}

impl SettingsStore {
    /// Reads `file`; a file that cannot be read gives empty settings and is never written over.
    /// Problems to tell the user land in `notices`.
    pub fn load(file: ProfileFile, notices: &mut Vec<SessionNotice>) -> (Self, Settings) {
        let (settings, writable) = match file.load() {
            Ok(loaded) => {
                notices.extend(loaded.notice.map(SessionNotice::ProfilesMovedAside));
                (loaded.settings, true)
            }
            Err(error) => {
                notices.push(SessionNotice::ProfilesUnreadable(error));
                (Settings::default(), false)
            }
        };
        let store = Self {
            file,
            writable,
            dirty: false,
            save: None,
        };
        (store, settings)
    }

    /// Marks the settings for saving at the next [`Self::poll`].
    pub fn mark_changed(&mut self) {
        if self.writable {
            self.dirty = true;
        }
    }

    /// Whether everything changed is on disk (nothing waits to be saved, no save runs).
    pub fn is_saved(&self) -> bool {
        !self.dirty && self.save.is_none()
    }

    /// Takes the end of the last save and starts the next one with `settings` when they changed.
    pub fn poll(&mut self, tasks: &Tasks, settings: &Settings, notices: &mut Vec<SessionNotice>) {
        if let Some(save) = &mut self.save
            && let Some(result) = save.ready_mut()
        {
            if let Err(problem) = std::mem::replace(result, Ok(())) {
                notices.push(SessionNotice::SaveFailed(problem));
            }
            self.save = None;
        }
        if self.dirty && self.save.is_none() {
            self.dirty = false;
            let file = self.file.clone();
            let settings = settings.clone();
            self.save = Some(tasks.spawn_blocking(
                KEYRING_TIMEOUT,
                || Err(SaveProblem::TimedOut),
                move || file.save(&settings).map_err(SaveProblem::Profile),
            ));
        }
    }
}
