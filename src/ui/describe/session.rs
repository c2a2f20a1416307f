//! The session's words: its notices, the work the status line lists, and the built-in
//! sandbox's profile name, made in the shown language each time they are drawn.

use super::Describe as _;
use crate::profile::Profile;
use crate::session::{
    KeyringProblem, KeyringWrite, ProfileName, SandboxStartError, SaveProblem, SessionNotice,
    SessionWork,
};
use crate::tasks::TaskLabel;

/// What the status line calls a task ("List projects"), in the shown language.
pub fn task_label_text(label: &TaskLabel) -> String {
    match label {
        TaskLabel::Text(text) => text.clone(),
        TaskLabel::Words(words) => words(),
        TaskLabel::Session(work) => session_work_text(work),
    }
}

/// A profile's name as shown: its own, or the built-in sandbox's in the shown language.
pub fn profile_name_text(name: &ProfileName) -> String {
    match name {
        ProfileName::Named(name) => name.clone(),
        ProfileName::Sandbox => tr!("session-sandbox-profile-name"),
    }
}

/// The name `profile` is shown with (see [`profile_name_text`]).
pub fn shown_profile_name(profile: &Profile) -> String {
    profile_name_text(&ProfileName::of(profile))
}

/// The session's own work, in words.
fn session_work_text(work: &SessionWork) -> String {
    match work {
        SessionWork::CheckConnection => tr!("session-work-check-connection"),
        SessionWork::Connecting { profile } => {
            tr!(
                "session-work-connecting",
                profile = profile_name_text(profile)
            )
        }
        SessionWork::Connect { profile } => {
            tr!("session-work-connect", profile = profile_name_text(profile))
        }
        SessionWork::StartSandbox => tr!("session-work-start-sandbox"),
        SessionWork::Indexing(watch) => {
            let progress = watch.now();
            let expected = progress.items_expected();
            if expected == 0 {
                tr!("session-work-indexing")
            } else {
                tr!(
                    "session-work-indexing-progress",
                    done = progress.items_done(),
                    expected = expected
                )
            }
        }
    }
}

/// A session notice, in the shown language.
pub fn session_notice_text(notice: &SessionNotice) -> String {
    match notice {
        SessionNotice::ProfilesUnreadable(error) => {
            tr!("notice-profiles-unreadable", error = error.describe())
        }
        SessionNotice::ProfilesMovedAside(moved) => moved.describe(),
        SessionNotice::SandboxFailed(SandboxStartError::Sandbox(error)) => {
            tr!("notice-sandbox-failed", reason = error.to_string())
        }
        SessionNotice::SandboxFailed(SandboxStartError::Stopped) => tr!("notice-sandbox-stopped"),
        SessionNotice::KeyringSlow { waited_secs } => {
            let seconds = *waited_secs;
            tr!("notice-keyring-slow", seconds = seconds)
        }
        SessionNotice::KeyringWriteFailed { write, problem } => match (write, problem) {
            (KeyringWrite::Save, KeyringProblem::Keyring(error)) => {
                tr!("notice-keyring-save-failed", problem = error.describe())
            }
            (KeyringWrite::Delete, KeyringProblem::Keyring(error)) => {
                tr!("notice-keyring-delete-failed", problem = error.describe())
            }
            (KeyringWrite::Save, KeyringProblem::Stopped) => tr!("notice-keyring-save-stopped"),
            (KeyringWrite::Delete, KeyringProblem::Stopped) => tr!("notice-keyring-delete-stopped"),
        },
        SessionNotice::SaveFailed(SaveProblem::Profile(error)) => {
            tr!("notice-save-failed", problem = error.describe())
        }
        SessionNotice::SaveFailed(SaveProblem::TimedOut) => tr!("notice-save-timed-out"),
        SessionNotice::SaveFailed(SaveProblem::Stopped) => tr!("notice-save-stopped"),
    }
}
