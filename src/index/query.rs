//! Reading the index: windows of rows (offset, limit, order, filter) ordered and counted in SQL
//! (the storage tables are in [`super::storage`]). A window holds at most [`MAX_WINDOW_ROWS`] rows; the UI asks for the
//! rows it shows (and a little around them), never for a whole table.
//!
//! Rows come back as the client's own models ([`Project`], [`Repository`], [`Artifact`],
//! [`Chart`]) so that the screens that show the server's answers show the index's the same way,
//! with when each row was last seen beside them. Times come back in UTC; a time the server sent
//! in no known form was not kept.

use rusqlite::types::ToSql;
use rusqlite::{Row, Transaction, params};

use super::write::{repository_row, timestamp_at};
use super::{Index, IndexError};
use crate::api::models::{
    Artifact, Chart, ExtraAttrs, Platform, Project, Reference, Repository, Tag,
};

/// The most rows one window holds; a larger limit is cut to it.
pub const MAX_WINDOW_ROWS: u32 = 1000;

/// Sort direction.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum SortDirection {
    /// Smallest (oldest, first in the alphabet) first.
    #[default]
    Ascending,
    /// Largest (newest, last in the alphabet) first.
    Descending,
}

impl SortDirection {
    fn sql(self) -> &'static str {
        match self {
            Self::Ascending => "ASC",
            Self::Descending => "DESC",
        }
    }
}

/// Some rows of an ordered, filtered list, and how many rows the whole list has.
#[derive(Debug, Clone, PartialEq)]
pub struct Window<T> {
    /// The position of the first row in the whole list (0-based).
    pub offset: u64,
    /// How many rows the whole list (with the filter) has.
    pub total: u64,
    /// The rows, in order.
    pub rows: Vec<T>,
}

/// A project as the index holds it.
#[derive(Debug, Clone, PartialEq)]
pub struct IndexedProject {
    /// The project as the server last described it.
    pub project: Project,
    /// False for a placeholder: a project the index met only as the parent of something, whose
    /// own fields it never saw.
    pub from_server: bool,
    /// When the server last answered with it (ms since the Unix epoch).
    pub last_seen_ms: i64,
    /// When its repositories were last completely listed, if ever.
    pub repositories_listed_ms: Option<i64>,
}

/// A repository as the index holds it.
#[derive(Debug, Clone, PartialEq)]
pub struct IndexedRepository {
    /// The repository as the server last described it.
    pub repository: Repository,
    /// False for a placeholder (met only as the parent of artifacts).
    pub from_server: bool,
    /// When the server last answered with it.
    pub last_seen_ms: i64,
    /// When its artifacts were last completely listed, if ever.
    pub artifacts_listed_ms: Option<i64>,
}

/// An artifact as the index holds it, with its tags and references.
#[derive(Debug, Clone, PartialEq)]
pub struct IndexedArtifact {
    /// The artifact as the server last described it.
    pub artifact: Artifact,
    /// When the server last answered with it.
    pub last_seen_ms: i64,
}

/// A chart as the index holds it.
#[derive(Debug, Clone, PartialEq)]
pub struct IndexedChart {
    /// The chart as the server last described it.
    pub chart: Chart,
    /// When the server last answered with it.
    pub last_seen_ms: i64,
}

/// Orders of [`Index::projects`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ProjectOrder {
    /// By name.
    #[default]
    Name,
    /// By creation time.
    Created,
    /// By the server's storage used.
    StorageUsed,
    /// By quota (unlimited as the largest).
    Quota,
}

/// A window of projects: name filter, order, position.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProjectQuery {
    /// Only names containing this text, ignoring ASCII case (empty: all).
    pub name_contains: String,
    /// The order.
    pub order: ProjectOrder,
    /// Its direction.
    pub direction: SortDirection,
    /// Rows to skip.
    pub offset: u64,
    /// Rows to return (at most [`MAX_WINDOW_ROWS`]).
    pub limit: u32,
}

/// Orders of [`Index::repositories`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum RepositoryOrder {
    /// By name.
    #[default]
    Name,
    /// By creation time.
    Created,
    /// By the server's tag count.
    TagCount,
}

/// A window of one project's repositories.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RepositoryQuery {
    /// Only names containing this text, ignoring ASCII case (empty: all).
    pub name_contains: String,
    /// The order.
    pub order: RepositoryOrder,
    /// Its direction.
    pub direction: SortDirection,
    /// Rows to skip.
    pub offset: u64,
    /// Rows to return (at most [`MAX_WINDOW_ROWS`]).
    pub limit: u32,
}

/// Orders of [`Index::artifacts`]; rows without the value (an unknown time or size, or no tag)
/// in both directions, ties go by when the index first recorded the artifact.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ArtifactOrder {
    /// By push time.
    #[default]
    PushTime,
    /// By pull time (never pulled as the oldest; unknown last).
    PullTime,
    /// By size.
    Size,
    /// By the artifact's greatest tag in version order
    /// ([`crate::version_order::compare_versions`]); untagged artifacts last in both
    /// directions.
    Tag,
}

/// A window of one repository's artifacts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ArtifactQuery {
    /// Only artifacts with a tag containing this text, ignoring ASCII case (empty: all).
    pub tag_contains: String,
    /// Only artifacts without tags.
    pub untagged_only: bool,
    /// Only the artifact whose digest starts with this (`sha256:…`; empty: all).
    pub digest_prefix: String,
    /// The order.
    pub order: ArtifactOrder,
    /// Its direction.
    pub direction: SortDirection,
    /// Rows to skip.
    pub offset: u64,
    /// Rows to return (at most [`MAX_WINDOW_ROWS`]).
    pub limit: u32,
}

/// Orders of [`Index::charts`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ChartOrder {
    /// By name, then project.
    #[default]
    Name,
    /// By project, then name.
    Project,
    /// By creation time.
    Created,
    /// By last update.
    Updated,
}

/// A window of charts, of every project or of one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ChartQuery {
    /// Only this project's charts (`None`: every project's).
    pub project: Option<String>,
    /// Only names containing this text, ignoring ASCII case (empty: all).
    pub name_contains: String,
    /// The order.
    pub order: ChartOrder,
    /// Its direction.
    pub direction: SortDirection,
    /// Rows to skip.
    pub offset: u64,
    /// Rows to return (at most [`MAX_WINDOW_ROWS`]).
    pub limit: u32,
}

/// What the index holds under a project or a repository.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StorageTotals {
    /// Top-level artifacts.
    pub artifacts: u64,
    /// Tags on them.
    pub tags: u64,
    /// Artifacts without a tag.
    pub untagged_artifacts: u64,
    /// Their sizes summed, in bytes (an index's size includes its platform images').
    pub size_bytes: u64,
}

/// A project's totals in the index beside the server's own figures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProjectStorage {
    /// The project.
    pub project: String,
    /// Its repositories in the index.
    pub repositories: u64,
    /// What the index holds under it.
    pub totals: StorageTotals,
    /// The server's storage used, in MiB.
    pub storage_used_mib: Option<i64>,
    /// The server's quota in bytes, -1 for unlimited.
    pub quota_bytes: Option<i64>,
    /// True when its repositories and every repository's artifacts have been completely
    /// listed: the totals cover everything the server had then.
    pub complete: bool,
}

/// A repository's totals in the index beside the server's tag count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RepositoryStorage {
    /// The project.
    pub project: String,
    /// The repository.
    pub repository: String,
    /// What the index holds under it.
    pub totals: StorageTotals,
    /// The tag count the server reported for it.
    pub server_tag_count: Option<i64>,
    /// True when its artifacts have been completely listed.
    pub complete: bool,
}

impl Index {
    /// A window of projects.
    pub fn projects(&self, query: &ProjectQuery) -> Result<Window<IndexedProject>, IndexError> {
        let order = match query.order {
            ProjectOrder::Name => "name",
            ProjectOrder::Created => "created_ms",
            ProjectOrder::StorageUsed => "storage_used_mib",
            ProjectOrder::Quota => {
                "CASE WHEN quota_bytes < 0 THEN 9223372036854775807 ELSE quota_bytes END"
            }
        };
        let direction = query.direction.sql();
        let pattern = contains_pattern(&query.name_contains);
        self.read(|tx| {
            let filter = "FROM projects WHERE name LIKE ?1 ESCAPE '\\'";
            let total = count(tx, &format!("SELECT count(*) {filter}"), &[&pattern])?;
            let sql = format!(
                "SELECT name, server_id, project_id, instance_id, is_public, quota_bytes,
                     storage_used_mib, created_ms, updated_ms, tenant_id, sync_fields,
                     sync_status, sync_type, from_server, last_seen_ms, repositories_listed_ms
                 {filter} ORDER BY {order} {direction} NULLS LAST, name {direction}
                 LIMIT ?2 OFFSET ?3"
            );
            let rows = tx
                .prepare(&sql)?
                .query_map(
                    params![pattern, limit(query.limit), offset(query.offset)],
                    project_of,
                )?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            Ok(Window {
                offset: query.offset,
                total,
                rows,
            })
        })
    }

    /// A window of `project`'s repositories (empty when the index does not have the project).
    pub fn repositories(
        &self,
        project: &str,
        query: &RepositoryQuery,
    ) -> Result<Window<IndexedRepository>, IndexError> {
        let order = match query.order {
            RepositoryOrder::Name => "r.name",
            RepositoryOrder::Created => "r.created_ms",
            RepositoryOrder::TagCount => "r.tag_count",
        };
        let direction = query.direction.sql();
        let pattern = contains_pattern(&query.name_contains);
        self.read(|tx| {
            let filter = "FROM repositories r JOIN projects p ON p.id = r.project_id
                 WHERE p.name = ?1 AND r.name LIKE ?2 ESCAPE '\\'";
            let total = count(
                tx,
                &format!("SELECT count(*) {filter}"),
                &[&project, &pattern],
            )?;
            let sql = format!(
                "SELECT r.name, p.name, r.instance_id, r.is_public, r.tag_count, r.summary,
                     r.detail, r.created_ms, r.from_server, r.last_seen_ms, r.artifacts_listed_ms
                 {filter} ORDER BY {order} {direction} NULLS LAST, r.name {direction}
                 LIMIT ?3 OFFSET ?4"
            );
            let rows = tx
                .prepare(&sql)?
                .query_map(
                    params![project, pattern, limit(query.limit), offset(query.offset)],
                    repository_of,
                )?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            Ok(Window {
                offset: query.offset,
                total,
                rows,
            })
        })
    }

    /// A window of one repository's artifacts, over the whole repository as indexed, with
    /// their tags and references.
    pub fn artifacts(
        &self,
        project: &str,
        repository: &str,
        query: &ArtifactQuery,
    ) -> Result<Window<IndexedArtifact>, IndexError> {
        self.read(|tx| artifact_window(tx, project, repository, query))
    }

    /// Every artifact of one repository that the query's filters match, in its order, read
    /// at once (its offset and limit do not apply): what choosing every row of the whole
    /// repository takes, as one consistent reading.
    pub fn all_artifacts(
        &self,
        project: &str,
        repository: &str,
        query: &ArtifactQuery,
    ) -> Result<Vec<IndexedArtifact>, IndexError> {
        self.read(|tx| {
            let mut all: Vec<IndexedArtifact> = Vec::new();
            loop {
                let part = ArtifactQuery {
                    offset: all.len() as u64,
                    limit: MAX_WINDOW_ROWS,
                    ..query.clone()
                };
                let window = artifact_window(tx, project, repository, &part)?;
                let read = window.rows.len();
                all.extend(window.rows);
                if read == 0 || all.len() as u64 >= window.total {
                    return Ok(all);
                }
            }
        })
    }

    /// A window of charts.
    pub fn charts(&self, query: &ChartQuery) -> Result<Window<IndexedChart>, IndexError> {
        let direction = query.direction.sql();
        let order = match query.order {
            ChartOrder::Name => format!("name {direction}, project_name {direction}"),
            ChartOrder::Project => format!("project_name {direction}, name {direction}"),
            ChartOrder::Created => {
                format!("created_ms {direction} NULLS LAST, name {direction}")
            }
            ChartOrder::Updated => {
                format!("updated_ms {direction} NULLS LAST, name {direction}")
            }
        };
        let pattern = contains_pattern(&query.name_contains);
        let project = query.project.clone();
        self.read(|tx| {
            let filter = "FROM charts WHERE name LIKE ?1 ESCAPE '\\'
                 AND (?2 IS NULL OR project_name = ?2)";
            let total = count(
                tx,
                &format!("SELECT count(*) {filter}"),
                &[&pattern, &project],
            )?;
            let sql = format!(
                "SELECT name, project_name, latest_version, total_versions, created_ms, updated_ms,
                     last_seen_ms
                 {filter} ORDER BY {order} LIMIT ?3 OFFSET ?4"
            );
            let rows = tx
                .prepare(&sql)?
                .query_map(
                    params![pattern, project, limit(query.limit), offset(query.offset)],
                    |row| {
                        Ok(IndexedChart {
                            chart: Chart {
                                name: row.get(0)?,
                                project_name: row.get(1)?,
                                latest_version: row.get(2)?,
                                total_versions: row.get(3)?,
                                created: row.get::<_, Option<i64>>(4)?.map(timestamp_at),
                                updated: row.get::<_, Option<i64>>(5)?.map(timestamp_at),
                            },
                            last_seen_ms: row.get(6)?,
                        })
                    },
                )?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            Ok(Window {
                offset: query.offset,
                total,
                rows,
            })
        })
    }
}

/// `%text%` for `LIKE … ESCAPE '\'`, with `%`, `_` and `\` in `text` matched literally.
pub(super) fn contains_pattern(text: &str) -> String {
    format!("%{}%", escape_like(text.trim()))
}

/// `text` with the `LIKE` wildcards and the escape character escaped.
pub(super) fn escape_like(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len() + 2);
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    escaped
}

pub(super) fn limit(limit: u32) -> i64 {
    i64::from(limit.min(MAX_WINDOW_ROWS))
}

pub(super) fn offset(offset: u64) -> i64 {
    i64::try_from(offset).unwrap_or(i64::MAX)
}

pub(super) fn unsigned(n: i64) -> u64 {
    u64::try_from(n).unwrap_or(0)
}

pub(super) fn count(
    tx: &Transaction<'_>,
    sql: &str,
    values: &[&dyn ToSql],
) -> rusqlite::Result<u64> {
    let n: i64 = tx.query_row(sql, values, |row| row.get(0))?;
    Ok(unsigned(n))
}

fn project_of(row: &Row<'_>) -> rusqlite::Result<IndexedProject> {
    Ok(IndexedProject {
        project: Project {
            project_name: row.get(0)?,
            id: row.get(1)?,
            project_id: row.get(2)?,
            instance_id: row.get(3)?,
            is_public: row.get(4)?,
            quota: row.get(5)?,
            storage_used: row.get(6)?,
            created_at: row.get::<_, Option<i64>>(7)?.map(timestamp_at),
            updated_at: row.get::<_, Option<i64>>(8)?.map(timestamp_at),
            tenant_id: row.get(9)?,
            sync_fields: row.get(10)?,
            sync_status: row.get(11)?,
            sync_type: row.get(12)?,
        },
        from_server: row.get(13)?,
        last_seen_ms: row.get(14)?,
        repositories_listed_ms: row.get(15)?,
    })
}

fn repository_of(row: &Row<'_>) -> rusqlite::Result<IndexedRepository> {
    Ok(IndexedRepository {
        repository: Repository {
            repository_name: row.get(0)?,
            project_name: row.get(1)?,
            instance_id: row.get(2)?,
            public: row.get(3)?,
            image_tag_count: row.get(4)?,
            summary: row.get(5)?,
            detail: row.get(6)?,
            created_at: row.get::<_, Option<i64>>(7)?.map(timestamp_at),
        },
        from_server: row.get(8)?,
        last_seen_ms: row.get(9)?,
        artifacts_listed_ms: row.get(10)?,
    })
}

/// The window of `project`/`repository`'s artifacts that `query` asks for.
fn artifact_window(
    tx: &Transaction<'_>,
    project: &str,
    repository: &str,
    query: &ArtifactQuery,
) -> rusqlite::Result<Window<IndexedArtifact>> {
    let direction = query.direction.sql();
    let key = match query.order {
        ArtifactOrder::PushTime => "a.push_ms",
        ArtifactOrder::PullTime => "a.pull_ms",
        ArtifactOrder::Size => "a.size_bytes",
        ArtifactOrder::Tag => "a.tag_key",
    };
    let tag_filter = query.tag_contains.trim();
    let pattern = contains_pattern(tag_filter);
    let mut filter = String::from("FROM artifacts a WHERE a.repository_id = ?1");
    if !tag_filter.is_empty() {
        filter.push_str(
            " AND EXISTS (SELECT 1 FROM tags t WHERE t.artifact_id = a.id
               AND t.name LIKE ?2 ESCAPE '\\')",
        );
    }
    if query.untagged_only {
        filter.push_str(" AND a.tag_count = 0");
    }
    let digest_pattern = format!("{}%", escape_like(query.digest_prefix.trim()));
    let digest_filter = !query.digest_prefix.trim().is_empty();
    if digest_filter {
        let n = if tag_filter.is_empty() { 2 } else { 3 };
        filter.push_str(if n == 2 {
            " AND a.digest LIKE ?2 ESCAPE '\\'"
        } else {
            " AND a.digest LIKE ?3 ESCAPE '\\'"
        });
    }
    let (window_offset, window_limit) = (offset(query.offset), limit(query.limit));
    let empty = Window {
        offset: query.offset,
        total: 0,
        rows: Vec::new(),
    };
    let Some((_, repository_id)) = repository_row(tx, project, repository)? else {
        return Ok(empty);
    };
    let mut values: Vec<&dyn ToSql> = vec![&repository_id];
    if !tag_filter.is_empty() {
        values.push(&pattern);
    }
    if digest_filter {
        values.push(&digest_pattern);
    }
    let total = count(tx, &format!("SELECT count(*) {filter}"), &values)?;
    // Rows with the key come first in its order, rows without it after them; each part
    // is read on its own so that the order uses the column's index.
    let known = count(
        tx,
        &format!("SELECT count(*) {filter} AND {key} IS NOT NULL"),
        &values,
    )?;
    let known = i64::try_from(known).unwrap_or(i64::MAX);
    let mut rows = Vec::new();
    if window_offset < known {
        let sql = format!(
            "{ARTIFACT_COLUMNS} {filter} AND {key} IS NOT NULL
             ORDER BY {key} {direction}, a.id {direction}
             LIMIT {window_limit} OFFSET {window_offset}"
        );
        rows = artifact_rows(tx, &sql, &values)?;
    }
    let missing = window_limit - i64::try_from(rows.len()).unwrap_or(window_limit);
    if missing > 0 && i64::try_from(total).unwrap_or(i64::MAX) > known {
        let unknown_offset = (window_offset - known).max(0);
        let sql = format!(
            "{ARTIFACT_COLUMNS} {filter} AND {key} IS NULL
             ORDER BY a.id {direction} LIMIT {missing} OFFSET {unknown_offset}"
        );
        rows.extend(artifact_rows(tx, &sql, &values)?);
    }
    for (id, indexed) in &mut rows {
        indexed.artifact.tags = tags_of(tx, *id)?;
        indexed.artifact.references = references_of(tx, *id)?;
    }
    Ok(Window {
        offset: query.offset,
        total,
        rows: rows.into_iter().map(|(_, indexed)| indexed).collect(),
    })
}

/// The columns [`artifact_of`] reads, row id first.
const ARTIFACT_COLUMNS: &str = "SELECT a.id, a.digest, a.server_id, a.server_project_id,
    a.server_repository_id, a.artifact_type, a.media_type, a.manifest_media_type, a.size_bytes,
    a.icon, a.labels, a.push_ms, a.pull_ms, a.os, a.architecture, a.author, a.created_ms,
    a.tags_unreadable, a.last_seen_ms";

fn artifact_rows(
    tx: &Transaction<'_>,
    sql: &str,
    values: &[&dyn ToSql],
) -> rusqlite::Result<Vec<(i64, IndexedArtifact)>> {
    tx.prepare(sql)?
        .query_map(values, |row| Ok((row.get::<_, i64>(0)?, artifact_of(row)?)))?
        .collect()
}

/// An artifact from [`ARTIFACT_COLUMNS`], without tags and references.
fn artifact_of(row: &Row<'_>) -> rusqlite::Result<IndexedArtifact> {
    let labels: String = row.get(10)?;
    Ok(IndexedArtifact {
        artifact: Artifact {
            digest: row.get(1)?,
            id: row.get(2)?,
            project_id: row.get(3)?,
            repository_id: row.get(4)?,
            artifact_type: row.get(5)?,
            media_type: row.get(6)?,
            manifest_media_type: row.get(7)?,
            size: row.get(8)?,
            icon: row.get(9)?,
            labels: serde_json::from_str(&labels).unwrap_or_default(),
            push_time: row.get::<_, Option<i64>>(11)?.map(timestamp_at),
            pull_time: row.get::<_, Option<i64>>(12)?.map(timestamp_at),
            extra_attrs: ExtraAttrs {
                os: row.get(13)?,
                architecture: row.get(14)?,
                author: row.get(15)?,
                created: row.get::<_, Option<i64>>(16)?.map(timestamp_at),
            },
            tags_unreadable: row.get(17)?,
            references: Vec::new(),
            tags: Vec::new(),
        },
        last_seen_ms: row.get(18)?,
    })
}

/// The tags of the artifact with row id `artifact_id`, in the server's order.
pub(super) fn tags_of(tx: &Transaction<'_>, artifact_id: i64) -> rusqlite::Result<Vec<Tag>> {
    tx.prepare_cached(
        "SELECT name, server_id, server_artifact_id, server_repository_id, immutable, signed,
             push_ms, pull_ms
         FROM tags WHERE artifact_id = ?1 ORDER BY position",
    )?
    .query_map([artifact_id], |row| {
        Ok(Tag {
            name: row.get(0)?,
            id: row.get(1)?,
            artifact_id: row.get(2)?,
            repository_id: row.get(3)?,
            immutable: row.get(4)?,
            signed: row.get(5)?,
            push_time: row.get::<_, Option<i64>>(6)?.map(timestamp_at),
            pull_time: row.get::<_, Option<i64>>(7)?.map(timestamp_at),
        })
    })?
    .collect()
}

fn references_of(tx: &Transaction<'_>, artifact_id: i64) -> rusqlite::Result<Vec<Reference>> {
    tx.prepare_cached(
        "SELECT child_digest, child_id, parent_id, os, architecture, variant
         FROM artifact_references WHERE artifact_id = ?1 ORDER BY position",
    )?
    .query_map([artifact_id], |row| {
        let os: Option<String> = row.get(3)?;
        let architecture: Option<String> = row.get(4)?;
        let variant: Option<String> = row.get(5)?;
        Ok(Reference {
            child_digest: row.get(0)?,
            child_id: row.get(1)?,
            parent_id: row.get(2)?,
            platform: os.map(|os| Platform {
                os,
                architecture: architecture.unwrap_or_default(),
                variant,
            }),
        })
    })?
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn like_wildcards_are_matched_literally() {
        assert_eq!(contains_pattern(" a%b_c\\ "), "%a\\%b\\_c\\\\%");
    }
}
