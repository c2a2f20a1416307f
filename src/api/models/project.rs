//! Projects (document sections 1.2 and 1.4).

use super::Timestamp;
use super::lenient::{BoolOrText, IntOrText, LenientList, TextOrNumber};
use serde::Deserialize;
use serde_with::{DefaultOnError, serde_as};

/// A project as listed by section 1.4.
#[serde_as]
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Project {
    /// Internal id.
    #[serde_as(as = "DefaultOnError<Option<IntOrText>>")]
    pub id: Option<i64>,
    /// Project id (same as `id` in the document's example).
    #[serde_as(as = "DefaultOnError<Option<IntOrText>>")]
    pub project_id: Option<i64>,
    /// The project's name.
    #[serde_as(as = "DefaultOnError")]
    pub project_name: String,
    /// The instance the project belongs to.
    #[serde_as(as = "DefaultOnError")]
    pub instance_id: String,
    /// Whether anyone may pull without credentials.
    #[serde_as(as = "DefaultOnError<BoolOrText>")]
    pub is_public: bool,
    /// Storage quota in bytes; -1 means unlimited.
    #[serde_as(as = "DefaultOnError<Option<IntOrText>>")]
    pub quota: Option<i64>,
    /// Storage used, in MiB.
    #[serde_as(as = "DefaultOnError<Option<IntOrText>>")]
    pub storage_used: Option<i64>,
    /// Creation time.
    #[serde_as(as = "DefaultOnError")]
    pub created_at: Option<Timestamp>,
    /// Last update time.
    #[serde_as(as = "DefaultOnError")]
    pub updated_at: Option<Timestamp>,
    /// Tenant id.
    #[serde_as(as = "DefaultOnError<Option<TextOrNumber>>")]
    pub tenant_id: Option<String>,
    /// Synchronisation fields (vendor-specific).
    #[serde_as(as = "DefaultOnError<Option<TextOrNumber>>")]
    pub sync_fields: Option<String>,
    /// Synchronisation status (vendor-specific).
    #[serde_as(as = "DefaultOnError<Option<IntOrText>>")]
    pub sync_status: Option<i64>,
    /// Synchronisation type (vendor-specific).
    #[serde_as(as = "DefaultOnError<Option<IntOrText>>")]
    pub sync_type: Option<i64>,
}

/// A project's storage limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quota {
    /// No limit (`-1`).
    Unlimited,
    /// At most this many bytes.
    Bytes(u64),
    /// The server did not say, or said something meaningless.
    Unknown,
}

impl Project {
    /// The quota as a limit.
    pub fn quota_limit(&self) -> Quota {
        match self.quota {
            Some(-1) => Quota::Unlimited,
            Some(bytes) => u64::try_from(bytes).map_or(Quota::Unknown, Quota::Bytes),
            None => Quota::Unknown,
        }
    }

    /// Storage used in bytes (the server reports MiB).
    pub fn storage_used_bytes(&self) -> Option<u64> {
        self.storage_used
            .and_then(|mib| u64::try_from(mib).ok())
            .map(|mib| mib.saturating_mul(1024 * 1024))
    }

    /// Fraction of the quota in use (0.0–1.0 and beyond when over), for a limited quota.
    pub fn quota_used_fraction(&self) -> Option<f64> {
        match (self.quota_limit(), self.storage_used_bytes()) {
            (Quota::Bytes(limit), Some(used)) if limit > 0 => Some(used as f64 / limit as f64),
            _ => None,
        }
    }
}

/// The answer of section 1.4 (without the envelope).
#[serde_as]
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ProjectList {
    /// Total number of matching projects.
    #[serde_as(as = "DefaultOnError<Option<IntOrText>>")]
    pub total: Option<i64>,
    /// The projects; an entry that is not an object is skipped.
    #[serde_as(as = "LenientList")]
    pub projects: Vec<Project>,
}

/// The answer of section 1.2 (without the envelope).
#[serde_as]
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ProjectCreated {
    /// The new project's id (integer in the example, string in the table).
    #[serde_as(as = "DefaultOnError<Option<IntOrText>>")]
    pub project_id: Option<i64>,
}
