//! The reads of the cleanup planner ([`crate::cleanup`]): every artifact of a scope, one
//! repository at a time, with its tags and the digests of its children, and how completely the
//! index holds the scope.
//!
//! Everything is read in one read transaction, so the whole scan sees one state of the file.
//! Each repository costs three statements (its artifacts, its tags, its references), whatever
//! the number of its artifacts; only one repository's rows are in memory at a time.

use rusqlite::{OptionalExtension as _, Transaction, params};

use super::schema::NEVER_MS;
use super::{Index, IndexError};

/// The part of the index [`Index::scan_for_cleanup`] reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScanScope<'a> {
    /// Every repository of every project.
    Registry,
    /// Every repository of one project.
    Project(&'a str),
    /// One repository.
    Repository {
        /// Its project.
        project: &'a str,
        /// Its name, possibly multi-level.
        repository: &'a str,
    },
}

/// Where the index does not hold all of a scope: what the server may have that the scan did
/// not see. The UI words these.
#[derive(
    Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum IndexGap {
    /// The scope's project or repository is not in the index at all.
    NotInIndex,
    /// The registry's projects were never completely listed: there may be projects the index
    /// does not know.
    ProjectsNotListed,
    /// This project's repositories were never completely listed: there may be repositories the
    /// index does not know.
    RepositoriesNotListed {
        /// The project.
        project: String,
    },
    /// This repository's artifacts were never completely listed: the index holds only some of
    /// them.
    ArtifactsNotListed {
        /// The project.
        project: String,
        /// The repository.
        repository: String,
    },
}

/// One top-level artifact as the planner needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScannedArtifact {
    /// `sha256:…`.
    pub digest: String,
    /// Size in bytes, when known (an index's size includes its platform images').
    pub size_bytes: Option<i64>,
    /// When it was pushed (ms since the Unix epoch), when known.
    pub push_ms: Option<i64>,
    /// When it was last pulled (ms since the Unix epoch); `None` when it never was or the time
    /// is not known ([`Self::never_pulled`] tells which).
    pub pull_ms: Option<i64>,
    /// True when the server said it was never pulled.
    pub never_pulled: bool,
    /// The manifest's media type.
    pub manifest_media_type: String,
    /// True when the server's last answer had a tag list that could not be read: the tags
    /// below are what the index knew before, not necessarily what the server has.
    pub tags_unreadable: bool,
    /// Its tags, in the server's order.
    pub tags: Vec<String>,
    /// For an image index: the digests of its children, in the server's order.
    pub children: Vec<String>,
}

impl ScannedArtifact {
    /// Whether it is an image index (it has children, or its media type says so), judged as
    /// [`crate::api::models::Artifact::is_index`] judges it.
    pub fn is_index(&self) -> bool {
        !self.children.is_empty()
            || self.manifest_media_type.contains("image.index")
            || self.manifest_media_type.contains("manifest.list")
    }
}

/// One repository's artifacts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScannedRepository {
    /// Its project.
    pub project: String,
    /// Its name.
    pub repository: String,
    /// When its artifacts were last completely listed, if ever.
    pub artifacts_listed_ms: Option<i64>,
    /// Its top-level artifacts, in no particular order.
    pub artifacts: Vec<ScannedArtifact>,
}

struct RepositoryRow {
    id: i64,
    project: String,
    repository: String,
    artifacts_listed_ms: Option<i64>,
}

impl Index {
    /// Reads every artifact of `scope`, one repository at a time (by project, then repository
    /// name), and hands each repository to `visit`; answers where the index does not hold all of
    /// the scope, sorted. Blocking; holds the read connection until it returns.
    pub fn scan_for_cleanup(
        &self,
        scope: ScanScope<'_>,
        mut visit: impl FnMut(ScannedRepository),
    ) -> Result<Vec<IndexGap>, IndexError> {
        self.read(|tx| {
            let (repositories, mut gaps) = repositories_in(tx, scope)?;
            for row in repositories {
                if row.artifacts_listed_ms.is_none() {
                    gaps.push(IndexGap::ArtifactsNotListed {
                        project: row.project.clone(),
                        repository: row.repository.clone(),
                    });
                }
                let artifacts = artifacts_of(tx, row.id)?;
                visit(ScannedRepository {
                    project: row.project,
                    repository: row.repository,
                    artifacts_listed_ms: row.artifacts_listed_ms,
                    artifacts,
                });
            }
            gaps.sort();
            gaps.dedup();
            Ok(gaps)
        })
    }
}

/// The repositories of `scope`, by project then name, and the gaps above the repositories.
fn repositories_in(
    tx: &Transaction<'_>,
    scope: ScanScope<'_>,
) -> rusqlite::Result<(Vec<RepositoryRow>, Vec<IndexGap>)> {
    let mut gaps = Vec::new();
    let select = "SELECT r.id, p.name, r.name, r.artifacts_listed_ms
         FROM repositories r JOIN projects p ON p.id = r.project_id";
    let order = "ORDER BY p.name, r.name";
    let row_of = |row: &rusqlite::Row<'_>| {
        Ok(RepositoryRow {
            id: row.get(0)?,
            project: row.get(1)?,
            repository: row.get(2)?,
            artifacts_listed_ms: row.get(3)?,
        })
    };
    let rows = match scope {
        ScanScope::Registry => {
            let listed: Option<i64> = tx.query_row(
                "SELECT projects_listed_ms FROM state WHERE id = 1",
                [],
                |row| row.get(0),
            )?;
            if listed.is_none() {
                gaps.push(IndexGap::ProjectsNotListed);
            }
            let mut unlisted = tx.prepare(
                "SELECT name FROM projects WHERE repositories_listed_ms IS NULL ORDER BY name",
            )?;
            for project in unlisted.query_map([], |row| row.get::<_, String>(0))? {
                gaps.push(IndexGap::RepositoriesNotListed { project: project? });
            }
            tx.prepare(&format!("{select} {order}"))?
                .query_map([], row_of)?
                .collect::<rusqlite::Result<Vec<_>>>()?
        }
        ScanScope::Project(project) => {
            let listed: Option<Option<i64>> = tx
                .query_row(
                    "SELECT repositories_listed_ms FROM projects WHERE name = ?1",
                    [project],
                    |row| row.get(0),
                )
                .optional()?;
            match listed {
                None => gaps.push(IndexGap::NotInIndex),
                Some(None) => gaps.push(IndexGap::RepositoriesNotListed {
                    project: project.to_owned(),
                }),
                Some(Some(_)) => {}
            }
            tx.prepare(&format!("{select} WHERE p.name = ?1 {order}"))?
                .query_map([project], row_of)?
                .collect::<rusqlite::Result<Vec<_>>>()?
        }
        ScanScope::Repository {
            project,
            repository,
        } => {
            let rows = tx
                .prepare(&format!("{select} WHERE p.name = ?1 AND r.name = ?2"))?
                .query_map(params![project, repository], row_of)?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            if rows.is_empty() {
                gaps.push(IndexGap::NotInIndex);
            }
            rows
        }
    };
    Ok((rows, gaps))
}

/// Every artifact of the repository with row id `repository_id`, with tags and children: three
/// statements, merged by artifact row id.
fn artifacts_of(
    tx: &Transaction<'_>,
    repository_id: i64,
) -> rusqlite::Result<Vec<ScannedArtifact>> {
    let mut ids = Vec::new();
    let mut artifacts = Vec::new();
    {
        let mut statement = tx.prepare_cached(
            "SELECT id, digest, size_bytes, push_ms, pull_ms, manifest_media_type,
                 tags_unreadable
             FROM artifacts WHERE repository_id = ?1 ORDER BY id",
        )?;
        let mut rows = statement.query([repository_id])?;
        while let Some(row) = rows.next()? {
            let push_ms: Option<i64> = row.get(3)?;
            let pull_ms: Option<i64> = row.get(4)?;
            ids.push(row.get::<_, i64>(0)?);
            artifacts.push(ScannedArtifact {
                digest: row.get(1)?,
                size_bytes: row.get(2)?,
                push_ms: push_ms.filter(|ms| *ms != NEVER_MS),
                pull_ms: pull_ms.filter(|ms| *ms != NEVER_MS),
                never_pulled: pull_ms == Some(NEVER_MS),
                manifest_media_type: row.get(5)?,
                tags_unreadable: row.get(6)?,
                tags: Vec::new(),
                children: Vec::new(),
            });
        }
    }
    // Both lists below come ordered by artifact row id, as `ids` is: one pass each.
    {
        let mut statement = tx.prepare_cached(
            "SELECT artifact_id, name FROM tags WHERE repository_id = ?1
             ORDER BY artifact_id, position",
        )?;
        let mut rows = statement.query([repository_id])?;
        let mut at = 0;
        while let Some(row) = rows.next()? {
            let artifact_id: i64 = row.get(0)?;
            if let Some(artifact) = find_from(&ids, &mut at, artifact_id, &mut artifacts) {
                artifact.tags.push(row.get(1)?);
            }
        }
    }
    {
        let mut statement = tx.prepare_cached(
            "SELECT ar.artifact_id, ar.child_digest
             FROM artifact_references ar JOIN artifacts a ON a.id = ar.artifact_id
             WHERE a.repository_id = ?1 ORDER BY ar.artifact_id, ar.position",
        )?;
        let mut rows = statement.query([repository_id])?;
        let mut at = 0;
        while let Some(row) = rows.next()? {
            let artifact_id: i64 = row.get(0)?;
            if let Some(artifact) = find_from(&ids, &mut at, artifact_id, &mut artifacts) {
                artifact.children.push(row.get(1)?);
            }
        }
    }
    Ok(artifacts)
}

/// The artifact of row id `id`, searching `ids` (ascending) forward from `*at`, which it
/// advances; `None` when there is none (a row of another repository cannot occur, but is
/// skipped rather than trusted).
fn find_from<'a>(
    ids: &[i64],
    at: &mut usize,
    id: i64,
    artifacts: &'a mut [ScannedArtifact],
) -> Option<&'a mut ScannedArtifact> {
    while ids.get(*at).is_some_and(|known| *known < id) {
        *at += 1;
    }
    if ids.get(*at) == Some(&id) {
        artifacts.get_mut(*at)
    } else {
        None
    }
}
