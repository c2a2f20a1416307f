//! The activity log: every change the app makes on a registry or to a profile (create or delete
//! a project, repository, artifact or chart, a password reset, saving or deleting a profile),
//! recorded locally so the user can see later what was done, when, by whom and with what result.
//!
//! [`ActivityEntry`] is one record; [`ActivityLog`] keeps them in an append-only JSON Lines file
//! (one entry per line, `<OS data folder>/ccr-desk/activity.jsonl` by default) and reads them
//! back newest first through an [`ActivityFilter`]; [`curl_command`] turns an entry's request
//! into the equivalent `curl` command.
//!
//! An entry never holds a password: [`RequestShape::new`] redacts every body field whose name
//! says it is a credential, and the profile's password is never part of an entry at all.
//! Plain blocking functions, no egui: the UI runs them through `tasks` on a blocking thread.

mod curl;
mod record;
mod store;

use serde::{Deserialize, Serialize};

use crate::profile::ProfileId;

pub use curl::{curl_command, curl_for};
pub use record::{Actor, PendingChange, Recorder};
pub use store::{ActivityError, ActivityFilter, ActivityLog, ActivityRead, default_path};

/// What a redacted body field holds instead of its value.
pub const REDACTED: &str = "<redacted>";

/// The parts of a field name (compared without regard to case) that mark the field as a
/// credential whose value is never written.
const SECRET_KEY_PARTS: [&str; 3] = ["password", "secret", "token"];

/// One recorded change: who did what, on which profile and target, and how it ended.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActivityEntry {
    /// When the change was made, in milliseconds since the Unix epoch (UTC).
    pub at_ms: i64,
    /// The profile the change was made through.
    pub profile_id: ProfileId,
    /// The profile's name at the time (a later rename does not rewrite the log).
    pub profile_name: String,
    /// The user name the request was made as.
    pub user: String,
    /// What was done.
    pub operation: Operation,
    /// What it was done to, e.g. `demo/team/api@sha256:…` or a profile's name.
    pub target: String,
    /// Whether it was one change of its own, or part of a bulk delete or a cleanup.
    #[serde(default, skip_serializing_if = "Via::is_single")]
    pub via: Via,
    /// Whether it succeeded.
    pub result: Outcome,
    /// The HTTP status of the server's answer, when there was one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub http_status: Option<u16>,
    /// The CCR error code of the answer, when it carried one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ccr_code: Option<String>,
    /// The server's request id of the answer, when it carried one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
    /// The request that was sent, for [`curl_command`]; `None` for a change that sent none
    /// (saving or deleting a profile).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request: Option<RequestShape>,
}

/// The kinds of change the log records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Operation {
    /// A project was created.
    CreateProject,
    /// A project was deleted.
    DeleteProject,
    /// A repository was created.
    CreateRepository,
    /// A repository was deleted.
    DeleteRepository,
    /// An artifact was deleted (one entry per artifact, also in a bulk delete or a cleanup).
    DeleteArtifact,
    /// A chart version was deleted.
    DeleteChart,
    /// The registry access password was reset.
    ResetPassword,
    /// A connection profile was created or changed.
    SaveProfile,
    /// A connection profile was deleted.
    DeleteProfile,
}

impl Operation {
    /// Every operation, in the order a filter offers them.
    pub const ALL: [Self; 9] = [
        Self::CreateProject,
        Self::DeleteProject,
        Self::CreateRepository,
        Self::DeleteRepository,
        Self::DeleteArtifact,
        Self::DeleteChart,
        Self::ResetPassword,
        Self::SaveProfile,
        Self::DeleteProfile,
    ];

    /// The operation's stable name, as written in the log file (`delete-artifact`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::CreateProject => "create-project",
            Self::DeleteProject => "delete-project",
            Self::CreateRepository => "create-repository",
            Self::DeleteRepository => "delete-repository",
            Self::DeleteArtifact => "delete-artifact",
            Self::DeleteChart => "delete-chart",
            Self::ResetPassword => "reset-password",
            Self::SaveProfile => "save-profile",
            Self::DeleteProfile => "delete-profile",
        }
    }
}

/// What a change was part of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Via {
    /// A change of its own.
    #[default]
    Single,
    /// One item of a bulk delete.
    BulkDelete,
    /// One item of a cleanup plan's execution.
    Cleanup,
}

impl Via {
    /// Whether this is a change of its own (the default, not written to the file).
    pub fn is_single(&self) -> bool {
        *self == Self::Single
    }
}

/// How a recorded change ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Outcome {
    /// The change was made.
    Succeeded,
    /// The change was refused or failed; the entry's status and code say why.
    Failed,
}

/// The request a change sent, enough to write it again as a `curl` command: the method, the
/// full URL as sent and the JSON body, with credential fields redacted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RequestShape {
    /// The HTTP method (`DELETE`).
    method: String,
    /// The full URL as sent.
    url: String,
    /// The JSON body, redacted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    body: Option<serde_json::Value>,
}

impl RequestShape {
    /// The shape of a request with `method`, the full `url` as sent and its JSON `body`.
    ///
    /// Every body field, at any depth, whose name contains `password`, `secret` or `token`
    /// (in any case) is replaced by [`REDACTED`], whatever its value. The URL is kept as given,
    /// except that a password in its user-info part is dropped: the caller must never put a
    /// credential in the URL (not in the user-info, the path or the query), since the URL is
    /// written to the log file as it is.
    pub fn new(
        method: impl Into<String>,
        url: impl Into<String>,
        body: Option<serde_json::Value>,
    ) -> Self {
        let mut body = body;
        if let Some(value) = &mut body {
            redact(value);
        }
        Self {
            method: method.into(),
            url: without_url_password(url.into()),
            body,
        }
    }

    /// The HTTP method.
    pub fn method(&self) -> &str {
        &self.method
    }

    /// The full URL as sent.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The JSON body, with credential fields redacted; `None` when the request had no body.
    pub fn body(&self) -> Option<&serde_json::Value> {
        self.body.as_ref()
    }
}

/// Whether a body field named `key` holds a credential.
fn is_secret_key(key: &str) -> bool {
    let key = key.to_lowercase();
    SECRET_KEY_PARTS.iter().any(|part| key.contains(part))
}

/// Replaces the value of every credential field in `value`, at any depth, by [`REDACTED`].
fn redact(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Object(fields) => {
            for (key, field) in fields.iter_mut() {
                if is_secret_key(key) {
                    *field = serde_json::Value::String(REDACTED.to_owned());
                } else {
                    redact(field);
                }
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(redact),
        _ => {}
    }
}

/// `url` without the password of its user-info part, if it has one; otherwise as given.
fn without_url_password(url: String) -> String {
    match url::Url::parse(&url) {
        Ok(mut parsed) if parsed.password().is_some() => {
            // Only fails for URLs that cannot have user-info, which then have no password.
            let _ = parsed.set_password(None);
            parsed.into()
        }
        _ => url,
    }
}

/// The current time in milliseconds since the Unix epoch (UTC), for [`ActivityEntry::at_ms`].
pub fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}
