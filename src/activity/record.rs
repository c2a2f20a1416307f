//! Turning a change the app made into an [`ActivityEntry`]: who made it, and how it ended.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::api::{ApiError, CcrClient, ChangeRequest, Reply};
use crate::profile::{Profile, ProfileId};

use super::{ActivityEntry, ActivityLog, Operation, Outcome, RequestShape, Via, now_ms};

/// Who makes changes: the profile connected and the user it signs in as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    /// The profile the changes go through.
    pub profile_id: ProfileId,
    /// The profile's name now.
    pub profile_name: String,
    /// The user name requests are made as.
    pub user: String,
}

impl Actor {
    /// The actor of changes made through `profile`, under the name it has now.
    pub fn of(profile: &Profile) -> Self {
        Self {
            profile_id: profile.id.clone(),
            profile_name: profile.name.clone(),
            user: profile.username.clone(),
        }
    }
}

/// A change about to be made, recorded as an entry once it ended.
#[derive(Debug, Clone)]
pub struct PendingChange {
    /// Who makes it.
    pub actor: Actor,
    /// What it does.
    pub operation: Operation,
    /// What it does it to, as shown (`demo/team/api@sha256:…`).
    pub target: String,
    /// Whether it is part of a bulk delete or a cleanup.
    pub via: Via,
    /// The request it sends, for the entry's `curl` command; `None` for a change without one.
    pub request: Option<ChangeRequest>,
}

impl PendingChange {
    /// The entry of this change once `client` answered it with `result`. The recorded URL is
    /// the one `client` used (asked after the call, so a learned path encoding is in it).
    pub fn ended<T>(
        self,
        client: &CcrClient,
        result: &Result<Reply<T>, ApiError>,
    ) -> ActivityEntry {
        let request = self
            .request
            .as_ref()
            .and_then(|change| client.sent_request(change).ok())
            .map(|sent| RequestShape::new(sent.method, sent.url, sent.body));
        let (result, http_status, ccr_code, request_id) = match result {
            Ok(reply) => (
                Outcome::Succeeded,
                reply.status,
                None,
                reply.request_id.clone(),
            ),
            Err(error) => (
                Outcome::Failed,
                error.http_status(),
                error.code().map(ToString::to_string),
                error.request_id().map(str::to_owned),
            ),
        };
        self.entry(result, http_status, ccr_code, request_id, request)
    }

    /// The entry of a change made without a request (a profile saved or deleted), which
    /// always succeeds once made.
    pub fn done_locally(self) -> ActivityEntry {
        self.entry(Outcome::Succeeded, None, None, None, None)
    }

    /// This change's entry, now, with how it ended.
    fn entry(
        self,
        result: Outcome,
        http_status: Option<u16>,
        ccr_code: Option<String>,
        request_id: Option<String>,
        request: Option<RequestShape>,
    ) -> ActivityEntry {
        ActivityEntry {
            at_ms: now_ms(),
            profile_id: self.actor.profile_id,
            profile_name: self.actor.profile_name,
            user: self.actor.user,
            operation: self.operation,
            target: self.target,
            via: self.via,
            result,
            http_status,
            ccr_code,
            request_id,
            request,
        }
    }
}

/// Writes entries into an activity log from async code, and counts them, so a screen showing
/// the log knows when to read it again. Cheap to clone; clones share the log and the count.
#[derive(Debug, Clone)]
pub struct Recorder {
    log: Arc<ActivityLog>,
    written: Arc<AtomicU64>,
}

impl Recorder {
    /// A recorder writing into `log`.
    pub fn new(log: Arc<ActivityLog>) -> Self {
        Self {
            log,
            written: Arc::default(),
        }
    }

    /// The log written into.
    pub fn log(&self) -> &Arc<ActivityLog> {
        &self.log
    }

    /// How many entries this recorder (and its clones) added.
    pub fn written(&self) -> u64 {
        self.written.load(Ordering::Acquire)
    }

    /// Adds `entry` on a blocking thread; returns once it is on the disk. A failure to write
    /// is logged: it never turns the change it records into a failure.
    pub async fn append(&self, entry: ActivityEntry) {
        let recorder = self.clone();
        let written = tokio::task::spawn_blocking(move || recorder.append_now(&entry)).await;
        if written.is_err() {
            tracing::warn!("the activity log write did not finish");
        }
    }

    /// Adds `entry` now, on this thread (a blocking one).
    pub fn append_now(&self, entry: &ActivityEntry) {
        match self.log.append(entry) {
            Ok(()) => {
                self.written.fetch_add(1, Ordering::AcqRel);
            }
            Err(error) => tracing::warn!(%error, "could not record a change in the activity log"),
        }
    }
}
