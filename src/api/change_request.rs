//! The changes the app sends to a registry, described as the request that goes on the wire
//! (method, URL, body), so a record of a change can say exactly what was sent.

use serde::Serialize;

use super::client::{CcrClient, NewProject, NewRepository, PasswordReset, repository_parts};
use super::error::ApiError;
use super::paths::{Part, SegmentEncoding};

/// A change the app makes on a registry, with what names its target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChangeRequest {
    /// Create a project (1.2).
    CreateProject(NewProject),
    /// Delete a project (1.3).
    DeleteProject {
        /// The project's name.
        project: String,
    },
    /// Create a repository (1.6).
    CreateRepository {
        /// The project it goes into.
        project: String,
        /// The new repository.
        repository: NewRepository,
    },
    /// Delete a repository (1.7).
    DeleteRepository {
        /// The project it is in.
        project: String,
        /// The repository's (possibly multi-level) name.
        repository: String,
    },
    /// Delete an artifact (1.10).
    DeleteArtifact {
        /// The project it is in.
        project: String,
        /// The repository it is in.
        repository: String,
        /// The artifact's digest.
        digest: String,
    },
    /// Delete a chart (1.12).
    DeleteChart {
        /// The project it is in.
        project: String,
        /// The chart's name.
        chart: String,
    },
    /// Reset a user's access credential password (1.14); the password itself is not part of
    /// the description.
    ResetPassword {
        /// The user whose password is reset.
        username: String,
    },
}

/// A request as it went on the wire, without any credential: the password of a reset is an
/// empty string here.
#[derive(Debug, Clone, PartialEq)]
pub struct SentRequest {
    /// The HTTP method (`DELETE`).
    pub method: &'static str,
    /// The full URL.
    pub url: String,
    /// The JSON body, when the request has one.
    pub body: Option<serde_json::Value>,
}

impl CcrClient {
    /// The request this client sends for `change`, with the encoding of multi-level
    /// repository names it uses now (so, asked after the change was sent, the URL it sent).
    pub fn sent_request(&self, change: &ChangeRequest) -> Result<SentRequest, ApiError> {
        let (method, url, body) = match change {
            ChangeRequest::CreateProject(project) => (
                "POST",
                self.url(&[Part::Fixed("projects")], &[])?,
                Some(json(project)),
            ),
            ChangeRequest::DeleteProject { project } => (
                "DELETE",
                self.url(&[Part::Fixed("projects"), Part::Value(project)], &[])?,
                None,
            ),
            ChangeRequest::CreateRepository {
                project,
                repository,
            } => (
                "POST",
                self.url(
                    &[
                        Part::Fixed("projects"),
                        Part::Value(project),
                        Part::Fixed("repositories"),
                    ],
                    &[],
                )?,
                Some(json(repository)),
            ),
            ChangeRequest::DeleteRepository {
                project,
                repository,
            } => (
                "DELETE",
                self.repository_url(
                    &repository_parts(project, repository),
                    &[],
                    self.encoding_of(repository),
                )?,
                None,
            ),
            ChangeRequest::DeleteArtifact {
                project,
                repository,
                digest,
            } => {
                let mut parts = repository_parts(project, repository).to_vec();
                parts.extend([Part::Fixed("artifacts"), Part::Value(digest)]);
                (
                    "DELETE",
                    self.repository_url(&parts, &[], self.encoding_of(repository))?,
                    None,
                )
            }
            ChangeRequest::DeleteChart { project, chart } => (
                "DELETE",
                self.url(
                    &[
                        Part::Fixed("projects"),
                        Part::Value(project),
                        Part::Fixed("charts"),
                        Part::Value(chart),
                        Part::Fixed("delete"),
                    ],
                    &[],
                )?,
                None,
            ),
            ChangeRequest::ResetPassword { username } => (
                "POST",
                self.url(&[Part::Fixed("account"), Part::Fixed("reset")], &[])?,
                Some(json(&PasswordReset {
                    username,
                    new_password: "",
                })),
            ),
        };
        Ok(SentRequest {
            method,
            url: url.into(),
            body,
        })
    }

    /// The encoding used for `repository` now: the decided one, or the single form tried
    /// first while undecided.
    fn encoding_of(&self, repository: &str) -> SegmentEncoding {
        self.decided_repository_encoding(repository)
            .unwrap_or(SegmentEncoding::Single)
    }
}

/// `value` as JSON; the bodies here are plain structs of strings and numbers, which always
/// serialize.
fn json(value: &impl Serialize) -> serde_json::Value {
    serde_json::to_value(value).unwrap_or(serde_json::Value::Null)
}
