//! Repositories (document sections 1.5 and 1.8).

use super::Timestamp;
use super::lenient::{BoolOrText, IntOrText, LenientList};
use serde::Deserialize;
use serde_with::{DefaultOnError, serde_as};

/// A repository as listed (1.5) or detailed (1.8).
#[serde_as]
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Repository {
    /// The repository's name, possibly multi-level (`sub1/sub2/repo`).
    #[serde_as(as = "DefaultOnError")]
    pub repository_name: String,
    /// The project holding it.
    #[serde_as(as = "DefaultOnError")]
    pub project_name: String,
    /// The instance.
    #[serde_as(as = "DefaultOnError")]
    pub instance_id: String,
    /// Whether it is public.
    #[serde_as(as = "DefaultOnError<BoolOrText>")]
    pub public: bool,
    /// Number of tags ("images") in it.
    #[serde_as(as = "DefaultOnError<Option<IntOrText>>")]
    pub image_tag_count: Option<i64>,
    /// Short description (≤100 characters).
    #[serde_as(as = "DefaultOnError")]
    pub summary: String,
    /// Long description (≤256 characters).
    #[serde_as(as = "DefaultOnError")]
    pub detail: String,
    /// Creation time.
    #[serde_as(as = "DefaultOnError")]
    pub created_at: Option<Timestamp>,
}

/// The answer of section 1.5 (without the envelope).
#[serde_as]
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct RepositoryList {
    /// Total number of matching repositories.
    #[serde_as(as = "DefaultOnError<Option<IntOrText>>")]
    pub total_count: Option<i64>,
    /// The repositories; an entry that is not an object is skipped.
    #[serde_as(as = "LenientList")]
    pub data: Vec<Repository>,
}

/// The answer of section 1.8 (without the envelope).
#[serde_as]
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct RepositoryDetail {
    /// The repository, when the answer carried one.
    #[serde_as(as = "DefaultOnError")]
    pub data: Option<Repository>,
}
