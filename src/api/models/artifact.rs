//! Artifacts: Harbor's artifact shape as section 1.9 relays it.

use super::Timestamp;
use super::lenient::{BoolOrText, IntOrText, Labels, LenientList, ListField};
use serde::Deserialize;
use serde_with::{DefaultOnError, VecSkipError, serde_as};

/// An operating system and CPU architecture.
#[serde_as]
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct Platform {
    /// Operating system (`linux`).
    #[serde_as(as = "DefaultOnError")]
    pub os: String,
    /// CPU architecture (`amd64`, `arm64`).
    #[serde_as(as = "DefaultOnError")]
    pub architecture: String,
    /// CPU variant (`v8`), when the server sends one.
    #[serde_as(as = "DefaultOnError")]
    pub variant: Option<String>,
}

impl Platform {
    /// `os/arch[/variant]`, or `None` when both are empty.
    pub fn label(&self) -> Option<String> {
        if self.os.is_empty() && self.architecture.is_empty() {
            return None;
        }
        let mut label = format!("{}/{}", self.os, self.architecture);
        if let Some(variant) = self.variant.as_deref().filter(|v| !v.is_empty()) {
            label.push('/');
            label.push_str(variant);
        }
        Some(label)
    }
}

/// `extra_attrs`: image configuration facts.
#[serde_as]
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct ExtraAttrs {
    /// CPU architecture.
    #[serde_as(as = "DefaultOnError")]
    pub architecture: String,
    /// Operating system.
    #[serde_as(as = "DefaultOnError")]
    pub os: String,
    /// Author.
    #[serde_as(as = "DefaultOnError")]
    pub author: String,
    /// When the image was built.
    #[serde_as(as = "DefaultOnError")]
    pub created: Option<Timestamp>,
}

/// A child of an image index (multi-platform image).
#[serde_as]
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct Reference {
    /// The child's digest.
    #[serde_as(as = "DefaultOnError")]
    pub child_digest: String,
    /// The child's id.
    #[serde_as(as = "DefaultOnError<Option<IntOrText>>")]
    pub child_id: Option<i64>,
    /// The index's id.
    #[serde_as(as = "DefaultOnError<Option<IntOrText>>")]
    pub parent_id: Option<i64>,
    /// The child's platform.
    #[serde_as(as = "DefaultOnError")]
    pub platform: Option<Platform>,
}

/// A tag pointing at an artifact.
#[serde_as]
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct Tag {
    /// The tag's name (`v1`, `latest`).
    #[serde_as(as = "DefaultOnError")]
    pub name: String,
    /// Tag id.
    #[serde_as(as = "DefaultOnError<Option<IntOrText>>")]
    pub id: Option<i64>,
    /// The artifact it points at.
    #[serde_as(as = "DefaultOnError<Option<IntOrText>>")]
    pub artifact_id: Option<i64>,
    /// The repository id.
    #[serde_as(as = "DefaultOnError<Option<IntOrText>>")]
    pub repository_id: Option<i64>,
    /// Whether the tag cannot be moved or deleted.
    #[serde_as(as = "DefaultOnError<BoolOrText>")]
    pub immutable: bool,
    /// Whether the tag is signed.
    #[serde_as(as = "DefaultOnError<BoolOrText>")]
    pub signed: bool,
    /// When it was pushed.
    #[serde_as(as = "DefaultOnError")]
    pub push_time: Option<Timestamp>,
    /// When it was last pulled (`never` for the zero time).
    #[serde_as(as = "DefaultOnError")]
    pub pull_time: Option<Timestamp>,
}

/// An artifact (image, image index, chart …) of a repository.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(from = "RawArtifact")]
pub struct Artifact {
    /// Internal id.
    pub id: Option<i64>,
    /// Content digest, `sha256:…`.
    pub digest: String,
    /// `IMAGE`, `CHART`, …
    pub artifact_type: String,
    /// Media type of the artifact.
    pub media_type: String,
    /// Media type of the manifest (an index for multi-platform images).
    pub manifest_media_type: String,
    /// Size in bytes.
    pub size: Option<i64>,
    /// Icon digest.
    pub icon: String,
    /// Label names.
    pub labels: Vec<String>,
    /// Project id.
    pub project_id: Option<i64>,
    /// Repository id.
    pub repository_id: Option<i64>,
    /// When it was pushed.
    pub push_time: Option<Timestamp>,
    /// When it was last pulled (`never` for the zero time).
    pub pull_time: Option<Timestamp>,
    /// Image configuration facts.
    pub extra_attrs: ExtraAttrs,
    /// Children of an image index.
    pub references: Vec<Reference>,
    /// Tags (the document's table calls the list `tag`, its example `tags`; both are read).
    pub tags: Vec<Tag>,
    /// True when the answer's tag list was there but not a list (an object, a string): the tags
    /// are unknown, which is not the same as "no tags".
    pub tags_unreadable: bool,
}

impl Artifact {
    /// Whether this is an image index (multi-platform image).
    pub fn is_index(&self) -> bool {
        !self.references.is_empty()
            || self.manifest_media_type.contains("image.index")
            || self.manifest_media_type.contains("manifest.list")
    }

    /// The platforms: each child's for an index, otherwise the artifact's own from `extra_attrs`.
    pub fn platforms(&self) -> Vec<String> {
        if self.references.is_empty() {
            let own = Platform {
                os: self.extra_attrs.os.clone(),
                architecture: self.extra_attrs.architecture.clone(),
                variant: None,
            };
            own.label().into_iter().collect()
        } else {
            self.references
                .iter()
                .filter_map(|r| r.platform.as_ref().and_then(Platform::label))
                .collect()
        }
    }

    /// The digest shortened for tables: `sha256:` and the first 12 hex digits.
    pub fn short_digest(&self) -> &str {
        let end = self
            .digest
            .find(':')
            .map_or(12, |colon| colon + 1 + 12)
            .min(self.digest.len());
        self.digest.get(..end).unwrap_or(&self.digest)
    }
}

#[serde_as]
#[derive(Default, Deserialize)]
#[serde(default)]
struct RawArtifact {
    #[serde_as(as = "DefaultOnError<Option<IntOrText>>")]
    id: Option<i64>,
    #[serde_as(as = "DefaultOnError")]
    digest: String,
    #[serde(rename = "type")]
    #[serde_as(as = "DefaultOnError")]
    artifact_type: String,
    #[serde_as(as = "DefaultOnError")]
    media_type: String,
    #[serde_as(as = "DefaultOnError")]
    manifest_media_type: String,
    #[serde_as(as = "DefaultOnError<Option<IntOrText>>")]
    size: Option<i64>,
    #[serde_as(as = "DefaultOnError")]
    icon: String,
    #[serde_as(as = "DefaultOnError<Labels>")]
    labels: Vec<String>,
    #[serde_as(as = "DefaultOnError<Option<IntOrText>>")]
    project_id: Option<i64>,
    #[serde_as(as = "DefaultOnError<Option<IntOrText>>")]
    repository_id: Option<i64>,
    #[serde_as(as = "DefaultOnError")]
    push_time: Option<Timestamp>,
    #[serde_as(as = "DefaultOnError")]
    pull_time: Option<Timestamp>,
    #[serde_as(as = "DefaultOnError")]
    extra_attrs: ExtraAttrs,
    #[serde_as(as = "DefaultOnError<VecSkipError<_>>")]
    references: Vec<Reference>,
    tags: ListField<Tag>,
    tag: ListField<Tag>,
}

impl From<RawArtifact> for Artifact {
    fn from(raw: RawArtifact) -> Self {
        let tags_unreadable =
            (raw.tags.unreadable || raw.tag.unreadable) && !(raw.tags.was_list || raw.tag.was_list);
        let mut tags = raw.tags.items;
        for tag in raw.tag.items {
            if !tags.iter().any(|t| t.name == tag.name) {
                tags.push(tag);
            }
        }
        Self {
            id: raw.id,
            digest: raw.digest,
            artifact_type: raw.artifact_type,
            media_type: raw.media_type,
            manifest_media_type: raw.manifest_media_type,
            size: raw.size,
            icon: raw.icon,
            labels: raw.labels,
            project_id: raw.project_id,
            repository_id: raw.repository_id,
            push_time: raw.push_time,
            pull_time: raw.pull_time,
            extra_attrs: raw.extra_attrs,
            references: raw.references,
            tags,
            tags_unreadable,
        }
    }
}

/// The answer of section 1.9 (without the envelope).
#[serde_as]
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct ArtifactList {
    /// Total number of artifacts.
    #[serde_as(as = "DefaultOnError<Option<IntOrText>>")]
    pub total: Option<i64>,
    /// The artifacts; an entry that is not an object is skipped.
    #[serde_as(as = "LenientList")]
    pub artifacts: Vec<Artifact>,
}
