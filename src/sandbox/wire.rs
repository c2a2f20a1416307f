//! The sandbox's own JSON shapes: request bodies and the fields answered beside the envelope.
//!
//! Field names follow the document's examples (`tests/fixtures/seed/`), not the client's models.

use serde::{Deserialize, Serialize};

use super::charts;
use super::store::{ArtifactRow, ChartRow, ProjectRow, ReferenceRow, RepositoryRow, TagRow};
use super::time;

/// The tenant id the document's example shows.
pub const TENANT_ID: &str = "1744911969862835907";

/// Bytes in a MiB.
const MIB: i64 = 1024 * 1024;

// ---------------------------------------------------------------------------------------------
// request bodies

/// Body of `POST /projects`.
#[derive(Debug, Deserialize)]
pub struct CreateProject {
    /// Project name (required).
    pub name: Option<String>,
    /// Public project; default false.
    #[serde(rename = "isPublic")]
    pub is_public: Option<bool>,
    /// Quota in bytes, -1 for unlimited (the default).
    pub quota: Option<i64>,
}

/// Body of `POST /projects/{p}/repositories`.
#[derive(Debug, Deserialize)]
pub struct CreateRepository {
    /// Repository name (required).
    #[serde(rename = "repositoryName")]
    pub repository_name: Option<String>,
    /// Short description, at most 100 characters.
    pub summary: Option<String>,
    /// Long description, at most 256 characters.
    pub detail: Option<String>,
}

/// Body of `POST /account/reset`; its `Debug` never shows the password.
#[derive(Deserialize)]
pub struct ResetPassword {
    /// The credential's user name (required).
    pub username: Option<String>,
    /// The new password (required).
    pub new_password: Option<String>,
}

impl std::fmt::Debug for ResetPassword {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ResetPassword")
            .field("username", &self.username)
            .field(
                "new_password",
                &self.new_password.as_ref().map(|_| "[REDACTED]"),
            )
            .finish()
    }
}

// ---------------------------------------------------------------------------------------------
// answers

/// Answer of `POST /projects`.
#[derive(Debug, Serialize)]
pub struct ProjectCreated {
    /// The new project's id.
    #[serde(rename = "projectId")]
    pub project_id: i64,
}

/// One project of `GET /projects`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
#[allow(clippy::struct_field_names)] // the wire's names
pub struct Project {
    created_at: String,
    id: i64,
    instance_id: &'static str,
    is_public: bool,
    project_id: i64,
    project_name: String,
    quota: i64,
    storage_used: i64,
    sync_fields: &'static str,
    sync_status: i64,
    sync_type: i64,
    tenant_id: &'static str,
    updated_at: String,
}

impl Project {
    /// The wire form of a stored project; `storageUsed` is in MiB, rounded up.
    pub fn new(row: ProjectRow, instance_id: &'static str) -> Self {
        Self {
            created_at: time::local_seconds(Some(row.created_ms)),
            id: row.id,
            instance_id,
            is_public: row.is_public,
            project_id: row.id,
            project_name: row.name,
            quota: row.quota_bytes,
            storage_used: (row.used_bytes.max(0) + MIB - 1) / MIB,
            sync_fields: "",
            sync_status: 0,
            sync_type: 0,
            tenant_id: TENANT_ID,
            updated_at: time::local_seconds(Some(row.updated_ms)),
        }
    }
}

/// Answer of `GET /projects`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProjectList {
    /// Page number answered.
    pub page: i64,
    /// Page size answered.
    pub page_size: i64,
    /// The page's projects.
    pub projects: Vec<Project>,
    /// Projects in all pages.
    pub total: i64,
}

/// One repository of `GET /projects/{p}/repositories`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RepositorySummary {
    instance_id: &'static str,
    project_name: String,
    repository_name: String,
    public: bool,
    image_tag_count: i64,
    created_at: String,
    detail: String,
    summary: String,
}

impl RepositorySummary {
    /// The list form of a stored repository.
    pub fn new(row: RepositoryRow, instance_id: &'static str) -> Self {
        Self {
            instance_id,
            project_name: row.project_name,
            repository_name: row.name,
            public: row.is_public,
            image_tag_count: row.tag_count,
            created_at: time::local_seconds(Some(row.created_ms)),
            detail: row.detail,
            summary: row.summary,
        }
    }
}

/// Answer of `GET /projects/{p}/repositories`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RepositoryList {
    /// The page's repositories.
    pub data: Vec<RepositorySummary>,
    /// Repositories in all pages.
    pub total_count: i64,
}

/// The repository of `GET /projects/{p}/repositories/{r}`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RepositoryDetail {
    created_at: String,
    detail: String,
    image_tag_count: i64,
    instance_id: &'static str,
    project_name: String,
    public: bool,
    repository_name: String,
    summary: String,
}

impl RepositoryDetail {
    /// The detail form of a stored repository (creation time in Go's format).
    pub fn new(row: RepositoryRow, instance_id: &'static str) -> Self {
        Self {
            created_at: time::go_local(row.created_ms),
            detail: row.detail,
            image_tag_count: row.tag_count,
            instance_id,
            project_name: row.project_name,
            public: row.is_public,
            repository_name: row.name,
            summary: row.summary,
        }
    }
}

/// Answer of `GET /projects/{p}/repositories/{r}`.
#[derive(Debug, Serialize)]
pub struct RepositoryAnswer {
    /// The repository.
    pub data: RepositoryDetail,
}

/// `extra_attrs` of an artifact.
#[derive(Debug, Serialize)]
pub struct ExtraAttrs {
    architecture: String,
    author: String,
    created: String,
    os: String,
}

/// A platform of an index reference.
#[derive(Debug, Serialize)]
pub struct Platform {
    architecture: String,
    os: String,
}

/// One entry of an index's `references`.
#[derive(Debug, Serialize)]
pub struct Reference {
    child_digest: String,
    child_id: i64,
    parent_id: i64,
    platform: Platform,
}

impl From<ReferenceRow> for Reference {
    fn from(row: ReferenceRow) -> Self {
        Self {
            child_digest: row.child_digest,
            child_id: row.child_id,
            parent_id: row.parent_id,
            platform: Platform {
                architecture: row.architecture,
                os: row.os,
            },
        }
    }
}

/// One tag of an artifact.
#[derive(Debug, Serialize)]
pub struct Tag {
    artifact_id: i64,
    id: i64,
    immutable: bool,
    name: String,
    pull_time: String,
    push_time: String,
    repository_id: i64,
    signed: bool,
}

impl From<TagRow> for Tag {
    fn from(row: TagRow) -> Self {
        Self {
            artifact_id: row.artifact_id,
            id: row.id,
            immutable: row.immutable,
            name: row.name,
            pull_time: time::rfc3339(row.pull_ms),
            push_time: time::rfc3339(Some(row.push_ms)),
            repository_id: row.repository_id,
            signed: row.signed,
        }
    }
}

/// One artifact of `GET …/artifacts`, in Harbor's shape.
#[derive(Debug, Serialize)]
pub struct Artifact {
    digest: String,
    extra_attrs: ExtraAttrs,
    icon: String,
    id: i64,
    labels: &'static str,
    manifest_media_type: String,
    media_type: String,
    project_id: i64,
    pull_time: String,
    push_time: String,
    references: Vec<Reference>,
    repository_id: i64,
    size: i64,
    tags: Vec<Tag>,
    #[serde(rename = "type")]
    kind: String,
}

impl From<ArtifactRow> for Artifact {
    fn from(row: ArtifactRow) -> Self {
        Self {
            digest: row.digest,
            extra_attrs: ExtraAttrs {
                architecture: row.architecture,
                author: row.author,
                created: time::rfc3339(row.created_ms),
                os: row.os,
            },
            icon: row.icon,
            id: row.id,
            labels: "",
            manifest_media_type: row.manifest_media_type,
            media_type: row.media_type,
            project_id: row.project_id,
            pull_time: time::local_seconds(row.pull_ms),
            push_time: time::local_seconds(Some(row.push_ms)),
            references: row.references.into_iter().map(Reference::from).collect(),
            repository_id: row.repository_id,
            size: row.size,
            tags: row.tags.into_iter().map(Tag::from).collect(),
            kind: row.kind,
        }
    }
}

/// Answer of `GET …/artifacts`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ArtifactList {
    /// Page number answered.
    pub page: i64,
    /// Page size answered.
    pub page_size: i64,
    /// Top-level artifacts in all pages.
    pub total: i64,
    /// The page's artifacts.
    pub artifacts: Vec<Artifact>,
}

/// One chart of `GET /projects/charts`.
#[derive(Debug, Serialize)]
pub struct Chart {
    name: String,
    total_versions: usize,
    latest_version: String,
    project_name: String,
    created: String,
    updated: String,
}

impl From<ChartRow> for Chart {
    fn from(row: ChartRow) -> Self {
        let latest = charts::latest_version(&row.versions)
            .unwrap_or_default()
            .to_owned();
        Self {
            name: row.name,
            total_versions: row.versions.len(),
            latest_version: latest,
            project_name: row.project_name,
            created: time::local_seconds(Some(row.created_ms)),
            updated: time::local_seconds(row.updated_ms),
        }
    }
}

/// Answer of `GET /projects/charts`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ChartList {
    /// Page number answered (0 with `noPaging`).
    pub page_no: i64,
    /// Page size answered (0 with `noPaging`).
    pub page_size: i64,
    /// Charts in all pages.
    pub total: i64,
    /// The page's charts.
    pub charts: Vec<Chart>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reset_password_debug_hides_the_password() {
        let body: ResetPassword =
            serde_json::from_str(r#"{"username":"viewer","new_password":"Sup3rSecretPw"}"#)
                .unwrap();
        let shown = format!("{body:?}");
        assert!(!shown.contains("Sup3rSecretPw"), "{shown}");
        assert!(
            shown.contains("viewer") && shown.contains("REDACTED"),
            "{shown}"
        );
    }
}
