//! Short notices that confirm what happened ("Deleted repository team/app/api", "Copied the
//! digest"): any widget posts one, the app shows it as a toast that fades and keeps the last one
//! in the status line, where a screen reader (and a test) finds it. Here too: the words of the
//! session's notices and of the work the status line lists, made when they are drawn.

use std::sync::Arc;

use egui::Id;

use super::describe::Describe as _;
use crate::profile::Profile;
use crate::session::{
    KeyringProblem, KeyringWrite, ProfileName, SandboxStartError, SaveProblem, SessionNotice,
    SessionWork,
};
use crate::tasks::TaskLabel;

/// A notice's words: made once when posted, or made each time the notice is shown (the status
/// line keeps the last one, and re-words it after a language switch).
#[derive(Clone)]
pub enum Notice {
    /// Words made once.
    Text(String),
    /// Words made each time the notice is shown, on the UI thread (a closure calling `tr!`).
    Words(Arc<dyn Fn() -> String + Send + Sync>),
}

impl Notice {
    /// A notice worded by `words` each time it is shown.
    pub fn words(words: impl Fn() -> String + Send + Sync + 'static) -> Self {
        Self::Words(Arc::new(words))
    }

    /// The notice's words now, in the shown language.
    pub fn text(&self) -> String {
        match self {
            Self::Text(text) => text.clone(),
            Self::Words(words) => words(),
        }
    }
}

impl From<String> for Notice {
    fn from(text: String) -> Self {
        Self::Text(text)
    }
}

impl From<&str> for Notice {
    fn from(text: &str) -> Self {
        Self::Text(text.to_owned())
    }
}

fn notices_id() -> Id {
    Id::unique("ccr-desk notices")
}

/// Tells the user that something happened: `notice` is the whole sentence ("Deleted project
/// demo"), a `String` worded now or a [`Notice::words`] worded when shown.
pub fn notify(ctx: &egui::Context, notice: impl Into<Notice>) {
    let notice = notice.into();
    ctx.data_mut(|data| {
        data.get_temp_mut_or_default::<Vec<Notice>>(notices_id())
            .push(notice);
    });
}

/// Copies `text` to the clipboard and posts `notice`, the whole sentence that says so ("Copied
/// the digest": `Notice::words(|| tr!("…-copied"))`).
pub fn copy_and_confirm(ctx: &egui::Context, text: impl Into<String>, notice: impl Into<Notice>) {
    ctx.copy_text(text.into());
    notify(ctx, notice);
}

/// The notices posted since the last call, oldest first.
pub fn take_notices(ctx: &egui::Context) -> Vec<Notice> {
    ctx.data_mut(|data| data.remove_temp::<Vec<Notice>>(notices_id()))
        .unwrap_or_default()
}

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
