//! Storage tables as the storage screen sorts them: per project and per repository, by any of
//! their columns (the counts of repositories, the server's tag count and completeness
//! included), the largest repositories of the registry, and the registry's totals. Everything
//! is ordered, limited and summed in SQL.

use rusqlite::{Row, params};

use super::query::{count, limit, offset, unsigned};
use super::{
    Index, IndexError, ProjectStorage, RepositoryStorage, SortDirection, StorageTotals, Window,
};

/// The columns of the storage tables; ties go by name.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum StorageColumn {
    /// By name.
    #[default]
    Name,
    /// By the repositories a project holds in the index (repositories: by name).
    Repositories,
    /// By artifact count.
    Artifacts,
    /// By tag count.
    Tags,
    /// By untagged artifact count.
    Untagged,
    /// By summed size.
    Size,
    /// By the server's storage used (repositories: by summed size).
    StorageUsed,
    /// By the server's quota, unlimited as the largest (repositories: by summed size).
    Quota,
    /// By the tag count the server reported for a repository (projects: by tag count).
    ServerTags,
    /// Complete ones after partial ones (ascending).
    Complete,
}

/// A window of a storage table.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StorageTableQuery {
    /// The column ordered by.
    pub column: StorageColumn,
    /// Its direction.
    pub direction: SortDirection,
    /// Rows to skip.
    pub offset: u64,
    /// Rows to return (at most [`super::MAX_WINDOW_ROWS`]).
    pub limit: u32,
}

/// What the index holds of the whole registry.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RegistryStorage {
    /// Projects held.
    pub projects: u64,
    /// Repositories held.
    pub repositories: u64,
    /// Every top-level artifact's totals.
    pub totals: StorageTotals,
    /// The server's storage used summed over the projects that reported it, in MiB; `None`
    /// when none did.
    pub storage_used_mib: Option<i64>,
}

/// The summed size of an artifact group, negative or unknown sizes counted as 0.
const SIZE_SUM: &str = "coalesce(sum(max(coalesce(a.size_bytes, 0), 0)), 0)";

impl Index {
    /// A window of per-project totals beside the server's storage used and quota, ordered by
    /// any column over every project.
    pub fn storage_by_project(
        &self,
        query: &StorageTableQuery,
    ) -> Result<Window<ProjectStorage>, IndexError> {
        let direction = sql_direction(query.direction);
        let order = match query.column {
            StorageColumn::Name => "p.name",
            StorageColumn::Repositories => "repositories",
            StorageColumn::Artifacts => "artifacts",
            StorageColumn::Tags | StorageColumn::ServerTags => "tags",
            StorageColumn::Untagged => "untagged",
            StorageColumn::Size => "size",
            StorageColumn::StorageUsed => "p.storage_used_mib",
            StorageColumn::Quota => {
                "CASE WHEN p.quota_bytes < 0 THEN 9223372036854775807 ELSE p.quota_bytes END"
            }
            StorageColumn::Complete => "complete",
        };
        self.read(|tx| {
            let total = count(tx, "SELECT count(*) FROM projects", &[])?;
            let sql = format!(
                "WITH totals AS (
                     SELECT r.project_id AS project_id, count(a.id) AS artifacts,
                         coalesce(sum(a.tag_count), 0) AS tags,
                         coalesce(sum(a.tag_count = 0), 0) AS untagged,
                         {SIZE_SUM} AS size
                     FROM repositories r JOIN artifacts a ON a.repository_id = r.id
                     GROUP BY r.project_id),
                 listed AS (
                     SELECT project_id, count(*) AS repositories,
                         sum(artifacts_listed_ms IS NULL) AS unlisted
                     FROM repositories GROUP BY project_id)
                 SELECT p.name, coalesce(l.repositories, 0) AS repositories,
                     coalesce(t.artifacts, 0) AS artifacts, coalesce(t.tags, 0) AS tags,
                     coalesce(t.untagged, 0) AS untagged, coalesce(t.size, 0) AS size,
                     p.storage_used_mib, p.quota_bytes,
                     (p.repositories_listed_ms IS NOT NULL AND coalesce(l.unlisted, 0) = 0)
                         AS complete
                 FROM projects p
                 LEFT JOIN totals t ON t.project_id = p.id
                 LEFT JOIN listed l ON l.project_id = p.id
                 ORDER BY {order} {direction} NULLS LAST, p.name {direction}
                 LIMIT ?1 OFFSET ?2"
            );
            let rows = tx
                .prepare(&sql)?
                .query_map(params![limit(query.limit), offset(query.offset)], |row| {
                    Ok(ProjectStorage {
                        project: row.get(0)?,
                        repositories: unsigned(row.get(1)?),
                        totals: totals_at(row, 2)?,
                        storage_used_mib: row.get(6)?,
                        quota_bytes: row.get(7)?,
                        complete: row.get(8)?,
                    })
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            Ok(Window {
                offset: query.offset,
                total,
                rows,
            })
        })
    }

    /// A window of `project`'s per-repository totals beside the server's tag counts, ordered by
    /// any column over every repository of the project (empty when the index does not have it).
    pub fn storage_by_repository(
        &self,
        project: &str,
        query: &StorageTableQuery,
    ) -> Result<Window<RepositoryStorage>, IndexError> {
        let direction = sql_direction(query.direction);
        let order = match query.column {
            StorageColumn::Name | StorageColumn::Repositories => "r.name",
            StorageColumn::Artifacts => "artifacts",
            StorageColumn::Tags => "tags",
            StorageColumn::Untagged => "untagged",
            StorageColumn::Size | StorageColumn::StorageUsed | StorageColumn::Quota => "size",
            StorageColumn::ServerTags => "server_tags",
            StorageColumn::Complete => "complete",
        };
        self.read(|tx| {
            let total = count(
                tx,
                "SELECT count(*) FROM repositories r JOIN projects p ON p.id = r.project_id
                 WHERE p.name = ?1",
                &[&project],
            )?;
            let sql = format!(
                "{REPOSITORY_TOTALS} WHERE p.name = ?1 GROUP BY r.id
                 ORDER BY {order} {direction} NULLS LAST, r.name {direction}
                 LIMIT ?2 OFFSET ?3"
            );
            let rows = tx
                .prepare(&sql)?
                .query_map(
                    params![project, limit(query.limit), offset(query.offset)],
                    repository_storage_of,
                )?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            Ok(Window {
                offset: query.offset,
                total,
                rows,
            })
        })
    }

    /// The `limit` repositories of the whole registry with the largest summed sizes, largest
    /// first (ties by project, then name); repositories that hold nothing of any size are left
    /// out.
    pub fn largest_repositories(&self, most: u32) -> Result<Vec<RepositoryStorage>, IndexError> {
        let most = limit(most);
        self.read(|tx| {
            let sql = format!(
                "{REPOSITORY_TOTALS} GROUP BY r.id HAVING size > 0
                 ORDER BY size DESC, p.name ASC, r.name ASC
                 LIMIT ?1"
            );
            tx.prepare(&sql)?
                .query_map(params![most], repository_storage_of)?
                .collect::<rusqlite::Result<Vec<_>>>()
        })
    }

    /// What the index holds of the whole registry: projects, repositories, the artifacts'
    /// totals and the server's storage used, summed.
    pub fn registry_storage(&self) -> Result<RegistryStorage, IndexError> {
        self.read(|tx| {
            let (projects, storage_used_mib) = tx.query_row(
                "SELECT count(*), sum(storage_used_mib) FROM projects",
                [],
                |row| Ok((unsigned(row.get(0)?), row.get::<_, Option<i64>>(1)?)),
            )?;
            let repositories = count(tx, "SELECT count(*) FROM repositories", &[])?;
            let totals = tx.query_row(
                &format!(
                    "SELECT count(a.id), coalesce(sum(a.tag_count), 0),
                         coalesce(sum(a.tag_count = 0), 0), {SIZE_SUM}
                     FROM artifacts a"
                ),
                [],
                |row| totals_at(row, 0),
            )?;
            Ok(RegistryStorage {
                projects,
                repositories,
                totals,
                storage_used_mib,
            })
        })
    }
}

/// Per-repository totals: project, repository, artifacts, tags, untagged, size, the server's
/// tag count and completeness; a `WHERE` may follow, then `GROUP BY r.id`.
const REPOSITORY_TOTALS: &str = "SELECT p.name, r.name, count(a.id) AS artifacts,
        coalesce(sum(a.tag_count), 0) AS tags,
        coalesce(sum(a.tag_count = 0), 0) AS untagged,
        coalesce(sum(max(coalesce(a.size_bytes, 0), 0)), 0) AS size,
        r.tag_count AS server_tags, r.artifacts_listed_ms IS NOT NULL AS complete
    FROM repositories r JOIN projects p ON p.id = r.project_id
    LEFT JOIN artifacts a ON a.repository_id = r.id";

fn sql_direction(direction: SortDirection) -> &'static str {
    match direction {
        SortDirection::Ascending => "ASC",
        SortDirection::Descending => "DESC",
    }
}

fn repository_storage_of(row: &Row<'_>) -> rusqlite::Result<RepositoryStorage> {
    Ok(RepositoryStorage {
        project: row.get(0)?,
        repository: row.get(1)?,
        totals: totals_at(row, 2)?,
        server_tag_count: row.get(6)?,
        complete: row.get(7)?,
    })
}

fn totals_at(row: &Row<'_>, first: usize) -> rusqlite::Result<StorageTotals> {
    Ok(StorageTotals {
        artifacts: unsigned(row.get(first)?),
        tags: unsigned(row.get(first + 1)?),
        untagged_artifacts: unsigned(row.get(first + 2)?),
        size_bytes: unsigned(row.get(first + 3)?),
    })
}
