//! Writing into the index: the pages the app is shown, the changes the app makes, and (through
//! the same upserts) the pages a crawl fetches.
//!
//! What the server answers now replaces what the index held: an upsert overwrites every field,
//! an artifact's tags and references are replaced by the answer's, and a tag the answer puts on
//! one artifact is taken off any other artifact of the repository (a tag names one artifact).
//! A page that holds a whole unfiltered list (page 1 with every item, or a `noPaging` answer)
//! is a complete listing, and also removes what it does not list.

use rusqlite::{OptionalExtension as _, Transaction, params};

use super::schema::NEVER_MS;
use super::sort_key::version_sort_key;
use super::{Index, IndexError, now_ms};
use crate::api::models::{Artifact, Chart, Page, Project, Repository, Timestamp};
use crate::api::{NewProject, NewRepository, PageRequest};

/// What one write did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Recorded {
    /// Rows written (inserted or updated) from the answer.
    pub written: usize,
    /// Rows removed: not listed by a complete listing, or deleted by the app.
    pub removed: usize,
}

/// The parent whose children one listing lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Parent {
    /// The registry's projects.
    Projects,
    /// The repositories of the project with this row id.
    Repositories(i64),
    /// The artifacts of the repository with this row id.
    Artifacts(i64),
    /// The registry's charts.
    Charts,
}

impl Index {
    /// Records a page of projects the app was shown (section 1.4 with `request`).
    pub fn record_projects_page(
        &self,
        page: &Page<Project>,
        request: &PageRequest,
    ) -> Result<Recorded, IndexError> {
        self.write(|tx| {
            let generation = next_generation(tx)?;
            let written = upsert_projects(tx, &page.items, generation, now_ms())?;
            let removed = complete_listing(tx, page, request, Parent::Projects, generation)?;
            Ok(Recorded { written, removed })
        })
    }

    /// Records a page of `project`'s repositories the app was shown (section 1.5).
    pub fn record_repositories_page(
        &self,
        project: &str,
        page: &Page<Repository>,
        request: &PageRequest,
    ) -> Result<Recorded, IndexError> {
        self.write(|tx| {
            let generation = next_generation(tx)?;
            let now = now_ms();
            let project_id = ensure_project(tx, project, generation, now)?;
            let written = upsert_repositories(tx, project_id, &page.items, generation, now)?;
            let parent = Parent::Repositories(project_id);
            let removed = complete_listing(tx, page, request, parent, generation)?;
            Ok(Recorded { written, removed })
        })
    }

    /// Records one repository's detail the app was shown (section 1.8).
    pub fn record_repository(
        &self,
        project: &str,
        repository: &Repository,
    ) -> Result<Recorded, IndexError> {
        self.write(|tx| {
            let generation = next_generation(tx)?;
            let now = now_ms();
            let project_id = ensure_project(tx, project, generation, now)?;
            let written = upsert_repositories(
                tx,
                project_id,
                std::slice::from_ref(repository),
                generation,
                now,
            )?;
            Ok(Recorded {
                written,
                removed: 0,
            })
        })
    }

    /// Records a page of a repository's artifacts the app was shown (section 1.9).
    pub fn record_artifacts_page(
        &self,
        project: &str,
        repository: &str,
        page: &Page<Artifact>,
        request: &PageRequest,
    ) -> Result<Recorded, IndexError> {
        self.write(|tx| {
            let generation = next_generation(tx)?;
            let now = now_ms();
            let project_id = ensure_project(tx, project, generation, now)?;
            let repository_id = ensure_repository(tx, project_id, repository, generation, now)?;
            let written = upsert_artifacts(tx, repository_id, &page.items, generation, now)?;
            let parent = Parent::Artifacts(repository_id);
            let removed = complete_listing(tx, page, request, parent, generation)?;
            Ok(Recorded { written, removed })
        })
    }

    /// Records a page of charts the app was shown (section 1.11, across projects).
    pub fn record_charts_page(
        &self,
        page: &Page<Chart>,
        request: &PageRequest,
    ) -> Result<Recorded, IndexError> {
        self.write(|tx| {
            let generation = next_generation(tx)?;
            let written = upsert_charts(tx, &page.items, generation, now_ms())?;
            let removed = complete_listing(tx, page, request, Parent::Charts, generation)?;
            Ok(Recorded { written, removed })
        })
    }

    /// The app created `project` (section 1.2 answered with `project_id`).
    pub fn project_created(
        &self,
        project: &NewProject,
        project_id: Option<i64>,
    ) -> Result<Recorded, IndexError> {
        self.write(|tx| {
            let generation = next_generation(tx)?;
            let now = now_ms();
            let created = Project {
                id: project_id,
                project_id,
                project_name: project.name.clone(),
                is_public: project.is_public,
                quota: Some(project.quota),
                storage_used: Some(0),
                created_at: Some(timestamp_at(now)),
                updated_at: Some(timestamp_at(now)),
                ..Project::default()
            };
            let written = upsert_projects(tx, std::slice::from_ref(&created), generation, now)?;
            Ok(Recorded {
                written,
                removed: 0,
            })
        })
    }

    /// The app deleted `project` (or the server answered that it does not exist): it goes with
    /// its repositories, artifacts and charts.
    pub fn project_deleted(&self, project: &str) -> Result<Recorded, IndexError> {
        self.write(|tx| {
            let mut removed = tx.execute("DELETE FROM projects WHERE name = ?1", [project])?;
            removed += tx.execute("DELETE FROM charts WHERE project_name = ?1", [project])?;
            Ok(Recorded {
                written: 0,
                removed,
            })
        })
    }

    /// The app created `repository` in `project` (section 1.6).
    pub fn repository_created(
        &self,
        project: &str,
        repository: &NewRepository,
    ) -> Result<Recorded, IndexError> {
        self.write(|tx| {
            let generation = next_generation(tx)?;
            let now = now_ms();
            let project_id = ensure_project(tx, project, generation, now)?;
            let is_public: bool = tx.query_row(
                "SELECT is_public FROM projects WHERE id = ?1",
                [project_id],
                |row| row.get(0),
            )?;
            let created = Repository {
                repository_name: repository.repository_name.clone(),
                project_name: project.to_owned(),
                public: is_public,
                image_tag_count: Some(0),
                summary: repository.summary.clone(),
                detail: repository.detail.clone(),
                created_at: Some(timestamp_at(now)),
                ..Repository::default()
            };
            let written = upsert_repositories(
                tx,
                project_id,
                std::slice::from_ref(&created),
                generation,
                now,
            )?;
            Ok(Recorded {
                written,
                removed: 0,
            })
        })
    }

    /// The app deleted `repository` of `project` (or the server answered that it does not
    /// exist): it goes with its artifacts.
    pub fn repository_deleted(
        &self,
        project: &str,
        repository: &str,
    ) -> Result<Recorded, IndexError> {
        self.write(|tx| {
            let removed = tx.execute(
                "DELETE FROM repositories WHERE name = ?2
                 AND project_id = (SELECT id FROM projects WHERE name = ?1)",
                [project, repository],
            )?;
            Ok(Recorded {
                written: 0,
                removed,
            })
        })
    }

    /// The app deleted the artifact `digest` of `repository` (section 1.10): it goes with its
    /// tags, and the repository's tag count drops by as many.
    pub fn artifact_deleted(
        &self,
        project: &str,
        repository: &str,
        digest: &str,
    ) -> Result<Recorded, IndexError> {
        self.write(|tx| {
            let Some((_, repository_id)) = repository_row(tx, project, repository)? else {
                return Ok(Recorded::default());
            };
            let found: Option<(i64, i64)> = tx
                .query_row(
                    "SELECT id, tag_count FROM artifacts WHERE repository_id = ?1 AND digest = ?2",
                    params![repository_id, digest],
                    |row| Ok((row.get(0)?, row.get(1)?)),
                )
                .optional()?;
            let Some((artifact_id, tags)) = found else {
                return Ok(Recorded::default());
            };
            let removed = tx.execute("DELETE FROM artifacts WHERE id = ?1", [artifact_id])?;
            tx.execute(
                "UPDATE repositories SET tag_count = max(0, tag_count - ?2) WHERE id = ?1",
                [repository_id, tags],
            )?;
            Ok(Recorded {
                written: 0,
                removed,
            })
        })
    }

    /// The app deleted the chart `chart` of `project` with all its versions (section 1.12).
    pub fn chart_deleted(&self, project: &str, chart: &str) -> Result<Recorded, IndexError> {
        self.write(|tx| {
            let removed = tx.execute(
                "DELETE FROM charts WHERE project_name = ?1 AND name = ?2",
                [project, chart],
            )?;
            Ok(Recorded {
                written: 0,
                removed,
            })
        })
    }
}

/// When `page` answered `request` with a whole unfiltered list: removes `parent`'s children not
/// in it and marks the parent as listed. Answers how many rows went.
fn complete_listing<T>(
    tx: &Transaction<'_>,
    page: &Page<T>,
    request: &PageRequest,
    parent: Parent,
    generation: i64,
) -> rusqlite::Result<usize> {
    let unfiltered = request.name_filter.trim().is_empty();
    let everything =
        request.no_paging || (request.page <= 1 && page.items.len() as u64 >= page.total);
    if !(unfiltered && everything) {
        return Ok(0);
    }
    let removed = remove_unseen(tx, parent, generation)?;
    mark_listed(tx, parent, generation, now_ms())?;
    Ok(removed)
}

/// A new generation number, greater than every one handed out before.
pub(super) fn next_generation(tx: &Transaction<'_>) -> rusqlite::Result<i64> {
    tx.query_row(
        "UPDATE state SET generation = generation + 1 WHERE id = 1 RETURNING generation",
        [],
        |row| row.get(0),
    )
}

/// Removes every row and every crawl mark; the generation counter goes on.
pub(super) fn clear_all(tx: &Transaction<'_>) -> rusqlite::Result<()> {
    tx.execute_batch(
        "DELETE FROM charts;
         DELETE FROM projects;
         UPDATE state SET run_generation = NULL, run_started_ms = NULL, run_finished_ms = NULL,
             last_complete_crawl_ms = NULL, projects_listed_gen = NULL,
             projects_listed_ms = NULL, charts_listed_gen = NULL, charts_listed_ms = NULL
         WHERE id = 1;",
    )
}

/// Ties the index to `server`, clearing another server's data first (answers whether it did).
pub(super) fn bind_server(tx: &Transaction<'_>, server: &str) -> rusqlite::Result<bool> {
    let bound: Option<String> =
        tx.query_row("SELECT server FROM state WHERE id = 1", [], |row| {
            row.get(0)
        })?;
    let cleared = match bound.as_deref() {
        Some(bound) if bound == server => return Ok(false),
        Some(_) => {
            clear_all(tx)?;
            true
        }
        None => {
            // Data recorded before any server was named is kept: it came from this connection.
            false
        }
    };
    tx.execute("UPDATE state SET server = ?1 WHERE id = 1", [server])?;
    Ok(cleared)
}

/// The project's row id, if the index has it.
pub(super) fn project_row(tx: &Transaction<'_>, project: &str) -> rusqlite::Result<Option<i64>> {
    tx.query_row(
        "SELECT id FROM projects WHERE name = ?1",
        [project],
        |row| row.get(0),
    )
    .optional()
}

/// The row ids of `project` and its `repository`, if the index has them.
pub(super) fn repository_row(
    tx: &Transaction<'_>,
    project: &str,
    repository: &str,
) -> rusqlite::Result<Option<(i64, i64)>> {
    tx.query_row(
        "SELECT p.id, r.id FROM repositories r JOIN projects p ON p.id = r.project_id
         WHERE p.name = ?1 AND r.name = ?2",
        [project, repository],
        |row| Ok((row.get(0)?, row.get(1)?)),
    )
    .optional()
}

/// The row id of `project`, adding a placeholder row when the index does not have it yet.
pub(super) fn ensure_project(
    tx: &Transaction<'_>,
    project: &str,
    generation: i64,
    now: i64,
) -> rusqlite::Result<i64> {
    tx.execute(
        "INSERT INTO projects (name, seen_generation, last_seen_ms) VALUES (?1, ?2, ?3)
         ON CONFLICT (name) DO NOTHING",
        params![project, generation, now],
    )?;
    tx.query_row(
        "SELECT id FROM projects WHERE name = ?1",
        [project],
        |row| row.get(0),
    )
}

/// The row id of `repository` in the project with row id `project_id`, adding a placeholder
/// row when the index does not have it yet.
pub(super) fn ensure_repository(
    tx: &Transaction<'_>,
    project_id: i64,
    repository: &str,
    generation: i64,
    now: i64,
) -> rusqlite::Result<i64> {
    tx.execute(
        "INSERT INTO repositories (project_id, name, seen_generation, last_seen_ms)
         VALUES (?1, ?2, ?3, ?4) ON CONFLICT (project_id, name) DO NOTHING",
        params![project_id, repository, generation, now],
    )?;
    tx.query_row(
        "SELECT id FROM repositories WHERE project_id = ?1 AND name = ?2",
        params![project_id, repository],
        |row| row.get(0),
    )
}

/// Writes `projects` as seen at `generation`; answers how many rows it wrote.
pub(super) fn upsert_projects(
    tx: &Transaction<'_>,
    projects: &[Project],
    generation: i64,
    now: i64,
) -> rusqlite::Result<usize> {
    let mut statement = tx.prepare_cached(
        "INSERT INTO projects (name, server_id, project_id, instance_id, is_public, quota_bytes,
             storage_used_mib, created_ms, updated_ms, tenant_id, sync_fields, sync_status,
             sync_type, from_server, seen_generation, last_seen_ms)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, 1, ?14, ?15)
         ON CONFLICT (name) DO UPDATE SET server_id = excluded.server_id,
             project_id = excluded.project_id, instance_id = excluded.instance_id,
             is_public = excluded.is_public, quota_bytes = excluded.quota_bytes,
             storage_used_mib = excluded.storage_used_mib, created_ms = excluded.created_ms,
             updated_ms = excluded.updated_ms, tenant_id = excluded.tenant_id,
             sync_fields = excluded.sync_fields, sync_status = excluded.sync_status,
             sync_type = excluded.sync_type, from_server = 1,
             seen_generation = max(seen_generation, excluded.seen_generation),
             last_seen_ms = excluded.last_seen_ms",
    )?;
    let mut written = 0;
    for project in projects.iter().filter(|p| !p.project_name.is_empty()) {
        written += statement.execute(params![
            project.project_name,
            project.id,
            project.project_id,
            project.instance_id,
            project.is_public,
            project.quota,
            project.storage_used,
            time_ms(project.created_at.as_ref()),
            time_ms(project.updated_at.as_ref()),
            project.tenant_id,
            project.sync_fields,
            project.sync_status,
            project.sync_type,
            generation,
            now,
        ])?;
    }
    Ok(written)
}

/// Writes `repositories` of the project with row id `project_id` as seen at `generation`.
pub(super) fn upsert_repositories(
    tx: &Transaction<'_>,
    project_id: i64,
    repositories: &[Repository],
    generation: i64,
    now: i64,
) -> rusqlite::Result<usize> {
    let mut statement = tx.prepare_cached(
        "INSERT INTO repositories (project_id, name, instance_id, is_public, tag_count, summary,
             detail, created_ms, from_server, seen_generation, last_seen_ms)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 1, ?9, ?10)
         ON CONFLICT (project_id, name) DO UPDATE SET instance_id = excluded.instance_id,
             is_public = excluded.is_public, tag_count = excluded.tag_count,
             summary = excluded.summary, detail = excluded.detail,
             created_ms = excluded.created_ms, from_server = 1,
             seen_generation = max(seen_generation, excluded.seen_generation),
             last_seen_ms = excluded.last_seen_ms",
    )?;
    let mut written = 0;
    for repository in repositories
        .iter()
        .filter(|r| !r.repository_name.is_empty())
    {
        written += statement.execute(params![
            project_id,
            repository.repository_name,
            repository.instance_id,
            repository.public,
            repository.image_tag_count,
            repository.summary,
            repository.detail,
            time_ms(repository.created_at.as_ref()),
            generation,
            now,
        ])?;
    }
    Ok(written)
}

/// Writes `artifacts` of the repository with row id `repository_id` as seen at `generation`,
/// with their tags and references.
pub(super) fn upsert_artifacts(
    tx: &Transaction<'_>,
    repository_id: i64,
    artifacts: &[Artifact],
    generation: i64,
    now: i64,
) -> rusqlite::Result<usize> {
    let mut upsert = tx.prepare_cached(
        "INSERT INTO artifacts (repository_id, digest, server_id, server_project_id,
             server_repository_id, artifact_type, media_type, manifest_media_type, size_bytes,
             icon, labels, push_ms, pull_ms, os, architecture, author, created_ms,
             tags_unreadable, seen_generation, last_seen_ms)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,
             ?19, ?20)
         ON CONFLICT (repository_id, digest) DO UPDATE SET server_id = excluded.server_id,
             server_project_id = excluded.server_project_id,
             server_repository_id = excluded.server_repository_id,
             artifact_type = excluded.artifact_type, media_type = excluded.media_type,
             manifest_media_type = excluded.manifest_media_type,
             size_bytes = excluded.size_bytes, icon = excluded.icon, labels = excluded.labels,
             push_ms = excluded.push_ms, pull_ms = excluded.pull_ms, os = excluded.os,
             architecture = excluded.architecture, author = excluded.author,
             created_ms = excluded.created_ms, tags_unreadable = excluded.tags_unreadable,
             seen_generation = max(seen_generation, excluded.seen_generation),
             last_seen_ms = excluded.last_seen_ms
         RETURNING id",
    )?;
    let mut written = 0;
    for artifact in artifacts.iter().filter(|a| !a.digest.is_empty()) {
        let labels = serde_json::to_string(&artifact.labels).unwrap_or_else(|_| "[]".to_owned());
        let id: i64 = upsert.query_row(
            params![
                repository_id,
                artifact.digest,
                artifact.id,
                artifact.project_id,
                artifact.repository_id,
                artifact.artifact_type,
                artifact.media_type,
                artifact.manifest_media_type,
                artifact.size,
                artifact.icon,
                labels,
                time_ms(artifact.push_time.as_ref()),
                time_ms(artifact.pull_time.as_ref()),
                artifact.extra_attrs.os,
                artifact.extra_attrs.architecture,
                artifact.extra_attrs.author,
                time_ms(artifact.extra_attrs.created.as_ref()),
                artifact.tags_unreadable,
                generation,
                now,
            ],
            |row| row.get(0),
        )?;
        // Unreadable tags are unknown, not absent: the ones the index had stay.
        if !artifact.tags_unreadable {
            replace_tags(tx, repository_id, id, artifact)?;
        }
        replace_references(tx, id, artifact)?;
        written += 1;
    }
    Ok(written)
}

fn replace_tags(
    tx: &Transaction<'_>,
    repository_id: i64,
    artifact_id: i64,
    artifact: &Artifact,
) -> rusqlite::Result<()> {
    tx.prepare_cached("DELETE FROM tags WHERE artifact_id = ?1")?
        .execute([artifact_id])?;
    let mut take_away = tx.prepare_cached(
        "DELETE FROM tags WHERE repository_id = ?1 AND name = ?2 RETURNING artifact_id",
    )?;
    let mut insert = tx.prepare_cached(
        "INSERT INTO tags (artifact_id, repository_id, position, name, server_id,
             server_artifact_id, server_repository_id, immutable, signed, push_ms, pull_ms,
             sort_key)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
         ON CONFLICT (artifact_id, name) DO NOTHING",
    )?;
    let mut others = Vec::new();
    for (position, tag) in (0_i64..).zip(artifact.tags.iter().filter(|t| !t.name.is_empty())) {
        // A tag names one artifact of a repository: the answer moves it here.
        let moved_from = take_away
            .query_map(params![repository_id, tag.name], |row| row.get::<_, i64>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        others.extend(moved_from);
        insert.execute(params![
            artifact_id,
            repository_id,
            position,
            tag.name,
            tag.id,
            tag.artifact_id,
            tag.repository_id,
            tag.immutable,
            tag.signed,
            time_ms(tag.push_time.as_ref()),
            time_ms(tag.pull_time.as_ref()),
            version_sort_key(&tag.name),
        ])?;
    }
    others.sort_unstable();
    others.dedup();
    let mut summarise = tx.prepare_cached(
        "UPDATE artifacts SET
             tag_count = (SELECT count(*) FROM tags WHERE artifact_id = ?1),
             tag_key = (SELECT max(sort_key) FROM tags WHERE artifact_id = ?1)
         WHERE id = ?1",
    )?;
    summarise.execute([artifact_id])?;
    for other in others.into_iter().filter(|other| *other != artifact_id) {
        summarise.execute([other])?;
    }
    Ok(())
}

fn replace_references(
    tx: &Transaction<'_>,
    artifact_id: i64,
    artifact: &Artifact,
) -> rusqlite::Result<()> {
    tx.prepare_cached("DELETE FROM artifact_references WHERE artifact_id = ?1")?
        .execute([artifact_id])?;
    let mut insert = tx.prepare_cached(
        "INSERT INTO artifact_references (artifact_id, position, child_digest, child_id,
             parent_id, os, architecture, variant)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    for (position, reference) in (0_i64..).zip(&artifact.references) {
        let platform = reference.platform.as_ref();
        insert.execute(params![
            artifact_id,
            position,
            reference.child_digest,
            reference.child_id,
            reference.parent_id,
            platform.map(|p| p.os.as_str()),
            platform.map(|p| p.architecture.as_str()),
            platform.and_then(|p| p.variant.as_deref()),
        ])?;
    }
    Ok(())
}

/// Writes `charts` as seen at `generation`.
pub(super) fn upsert_charts(
    tx: &Transaction<'_>,
    charts: &[Chart],
    generation: i64,
    now: i64,
) -> rusqlite::Result<usize> {
    let mut statement = tx.prepare_cached(
        "INSERT INTO charts (project_name, name, latest_version, total_versions, created_ms,
             updated_ms, seen_generation, last_seen_ms)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
         ON CONFLICT (project_name, name) DO UPDATE SET
             latest_version = excluded.latest_version,
             total_versions = excluded.total_versions, created_ms = excluded.created_ms,
             updated_ms = excluded.updated_ms,
             seen_generation = max(seen_generation, excluded.seen_generation),
             last_seen_ms = excluded.last_seen_ms",
    )?;
    let mut written = 0;
    for chart in charts.iter().filter(|c| !c.name.is_empty()) {
        written += statement.execute(params![
            chart.project_name,
            chart.name,
            chart.latest_version,
            chart.total_versions,
            time_ms(chart.created.as_ref()),
            time_ms(chart.updated.as_ref()),
            generation,
            now,
        ])?;
    }
    Ok(written)
}

/// Removes `parent`'s children last seen before `generation`; answers how many.
pub(super) fn remove_unseen(
    tx: &Transaction<'_>,
    parent: Parent,
    generation: i64,
) -> rusqlite::Result<usize> {
    match parent {
        Parent::Projects => tx.execute(
            "DELETE FROM projects WHERE seen_generation < ?1",
            [generation],
        ),
        Parent::Repositories(project_id) => tx.execute(
            "DELETE FROM repositories WHERE project_id = ?1 AND seen_generation < ?2",
            [project_id, generation],
        ),
        Parent::Artifacts(repository_id) => tx.execute(
            "DELETE FROM artifacts WHERE repository_id = ?1 AND seen_generation < ?2",
            [repository_id, generation],
        ),
        Parent::Charts => tx.execute(
            "DELETE FROM charts WHERE seen_generation < ?1",
            [generation],
        ),
    }
}

/// Notes that `parent`'s children were completely listed by the listing of `generation`.
pub(super) fn mark_listed(
    tx: &Transaction<'_>,
    parent: Parent,
    generation: i64,
    now: i64,
) -> rusqlite::Result<()> {
    match parent {
        Parent::Projects => tx.execute(
            "UPDATE state SET projects_listed_gen = ?1, projects_listed_ms = ?2 WHERE id = 1",
            [generation, now],
        ),
        Parent::Repositories(project_id) => tx.execute(
            "UPDATE projects SET repositories_listed_gen = ?2, repositories_listed_ms = ?3
             WHERE id = ?1",
            [project_id, generation, now],
        ),
        Parent::Artifacts(repository_id) => tx.execute(
            "UPDATE repositories SET artifacts_listed_gen = ?2, artifacts_listed_ms = ?3
             WHERE id = ?1",
            [repository_id, generation, now],
        ),
        Parent::Charts => tx.execute(
            "UPDATE state SET charts_listed_gen = ?1, charts_listed_ms = ?2 WHERE id = 1",
            [generation, now],
        ),
    }?;
    Ok(())
}

/// A time as stored: milliseconds since the epoch, [`NEVER_MS`] for the server's "never",
/// NULL when unknown.
pub(super) fn time_ms(time: Option<&Timestamp>) -> Option<i64> {
    match time? {
        Timestamp::Never => Some(NEVER_MS),
        Timestamp::At(at) => Some(at.timestamp_millis()),
        Timestamp::Unparsed(_) => None,
    }
}

/// `ms` as a timestamp in UTC (the inverse of [`time_ms`]).
pub(super) fn timestamp_at(ms: i64) -> Timestamp {
    if ms == NEVER_MS {
        return Timestamp::Never;
    }
    chrono::DateTime::from_timestamp_millis(ms).map_or_else(
        || Timestamp::Unparsed(ms.to_string()),
        |at| Timestamp::At(at.fixed_offset()),
    )
}
