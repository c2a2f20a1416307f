//! Artifacts with their tags and index references: insertion, the list and deletion.

use std::collections::HashMap;

use rusqlite::types::ToSql;
use rusqlite::{Connection, OptionalExtension, params};

use super::projects::touch_project;
use super::{
    Kind, Result, StoreError, Window, all_rows, in_read_tx, list_window, project_id, repository,
    write_tx,
};

/// A tag as the artifact list answers it.
#[derive(Debug, Clone)]
pub struct TagRow {
    /// Numeric id.
    pub id: i64,
    /// The artifact it points at.
    pub artifact_id: i64,
    /// Its repository.
    pub repository_id: i64,
    /// Tag name.
    pub name: String,
    /// Push time, UTC ms.
    pub push_ms: i64,
    /// Last pull, UTC ms; `None` if never pulled.
    pub pull_ms: Option<i64>,
    /// Immutable tag.
    pub immutable: bool,
    /// Signed tag.
    pub signed: bool,
}

/// A reference from an image index to one platform's image.
#[derive(Debug, Clone)]
pub struct ReferenceRow {
    /// The index.
    pub parent_id: i64,
    /// The platform image.
    pub child_id: i64,
    /// The platform image's digest.
    pub child_digest: String,
    /// Platform OS.
    pub os: String,
    /// Platform architecture.
    pub architecture: String,
}

/// An artifact as the list answers it.
#[derive(Debug, Clone)]
pub struct ArtifactRow {
    /// Numeric id.
    pub id: i64,
    /// Its project.
    pub project_id: i64,
    /// Its repository.
    pub repository_id: i64,
    /// `sha256:…`.
    pub digest: String,
    /// Media type.
    pub media_type: String,
    /// Manifest media type.
    pub manifest_media_type: String,
    /// `IMAGE`, `CHART`, …
    pub kind: String,
    /// Size in bytes.
    pub size: i64,
    /// Icon digest.
    pub icon: String,
    /// OS (empty for an index).
    pub os: String,
    /// Architecture (empty for an index).
    pub architecture: String,
    /// Author.
    pub author: String,
    /// Image creation time, UTC ms; `None` for an index.
    pub created_ms: Option<i64>,
    /// Push time, UTC ms.
    pub push_ms: i64,
    /// Last pull, UTC ms; `None` if never pulled.
    pub pull_ms: Option<i64>,
    /// Tags, oldest first.
    pub tags: Vec<TagRow>,
    /// For an index: its platform images.
    pub references: Vec<ReferenceRow>,
}

/// A new artifact, for seeding.
#[derive(Debug, Clone)]
pub struct NewArtifact<'a> {
    /// `sha256:…`.
    pub digest: &'a str,
    /// Media type (also the manifest media type).
    pub media_type: &'a str,
    /// Whether it is an image index.
    pub is_index: bool,
    /// Size in bytes.
    pub size: i64,
    /// OS.
    pub os: &'a str,
    /// Architecture.
    pub architecture: &'a str,
    /// Author.
    pub author: &'a str,
    /// Image creation time, UTC ms.
    pub created_ms: Option<i64>,
    /// Push time, UTC ms.
    pub push_ms: i64,
    /// Last pull, UTC ms.
    pub pull_ms: Option<i64>,
}

/// Harbor's icon digest for container images.
pub const IMAGE_ICON: &str =
    "sha256:0048162a053eef4d4ce3fe7518615bef084403614f8bca43b40ae2e762e11e06";

/// Inserts an artifact (inside the caller's transaction) and answers its id.
pub fn insert_artifact(conn: &Connection, repository_id: i64, a: &NewArtifact<'_>) -> Result<i64> {
    conn.execute(
        "INSERT INTO artifacts (repository_id, digest, media_type, manifest_media_type, kind, is_index,
            size, icon, os, architecture, author, created_at, push_time, pull_time)
         VALUES (?1, ?2, ?3, ?3, 'IMAGE', ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        params![
            repository_id,
            a.digest,
            a.media_type,
            a.is_index,
            a.size,
            IMAGE_ICON,
            a.os,
            a.architecture,
            a.author,
            a.created_ms,
            a.push_ms,
            a.pull_ms
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

/// Tags an artifact (inside the caller's transaction).
pub fn insert_tag(
    conn: &Connection,
    repository_id: i64,
    artifact_id: i64,
    name: &str,
    push_ms: i64,
    pull_ms: Option<i64>,
) -> Result<()> {
    conn.execute(
        "INSERT INTO tags (artifact_id, repository_id, name, push_time, pull_time) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![artifact_id, repository_id, name, push_ms, pull_ms],
    )?;
    Ok(())
}

/// Records that index `parent_id` holds platform image `child_id`.
pub fn insert_reference(
    conn: &Connection,
    parent_id: i64,
    child_id: i64,
    os: &str,
    architecture: &str,
) -> Result<()> {
    conn.execute(
        "INSERT INTO artifact_references (parent_id, child_id, os, architecture) VALUES (?1, ?2, ?3, ?4)",
        params![parent_id, child_id, os, architecture],
    )?;
    Ok(())
}

/// The tags of the artifacts `ids_sql` selects (with `params`), by artifact, oldest first.
fn tags_of(
    conn: &Connection,
    ids_sql: &str,
    params: &[&dyn ToSql],
) -> Result<HashMap<i64, Vec<TagRow>>> {
    let tags = all_rows(
        conn,
        &format!(
            "SELECT id, artifact_id, repository_id, name, push_time, pull_time, immutable, signed
         FROM tags WHERE artifact_id IN ({ids_sql}) ORDER BY push_time, id"
        ),
        params,
        |row| {
            Ok(TagRow {
                id: row.get(0)?,
                artifact_id: row.get(1)?,
                repository_id: row.get(2)?,
                name: row.get(3)?,
                push_ms: row.get(4)?,
                pull_ms: row.get(5)?,
                immutable: row.get(6)?,
                signed: row.get(7)?,
            })
        },
    )?;
    let mut by_artifact = HashMap::<i64, Vec<TagRow>>::new();
    for tag in tags {
        by_artifact.entry(tag.artifact_id).or_default().push(tag);
    }
    Ok(by_artifact)
}

/// The platform images of the indexes `ids_sql` selects (with `params`), by index, in the order
/// they were recorded.
fn references_of(
    conn: &Connection,
    ids_sql: &str,
    params: &[&dyn ToSql],
) -> Result<HashMap<i64, Vec<ReferenceRow>>> {
    let references = all_rows(
        conn,
        &format!(
            "SELECT ar.parent_id, ar.child_id, c.digest, ar.os, ar.architecture
         FROM artifact_references ar JOIN artifacts c ON c.id = ar.child_id
         WHERE ar.parent_id IN ({ids_sql}) ORDER BY ar.rowid"
        ),
        params,
        |row| {
            Ok(ReferenceRow {
                parent_id: row.get(0)?,
                child_id: row.get(1)?,
                child_digest: row.get(2)?,
                os: row.get(3)?,
                architecture: row.get(4)?,
            })
        },
    )?;
    let mut by_parent = HashMap::<i64, Vec<ReferenceRow>>::new();
    for reference in references {
        by_parent
            .entry(reference.parent_id)
            .or_default()
            .push(reference);
    }
    Ok(by_parent)
}

/// The top-level artifacts of a repository (platform images of an index are not listed on their
/// own), newest push first; answers the total and the window. Total and window are read in one
/// read transaction, so they agree while others write.
pub fn list_artifacts(
    conn: &mut Connection,
    project: &str,
    repository_name: &str,
    window: Window,
) -> Result<(i64, Vec<ArtifactRow>)> {
    in_read_tx(conn, |tx| {
        let repo = repository(tx, project, repository_name)?;
        let project_id = project_id(tx, project)?;
        let filter = "a.repository_id = ?1
        AND NOT EXISTS (SELECT 1 FROM artifact_references ar WHERE ar.child_id = a.id)";
        let order = "ORDER BY a.push_time DESC, a.id";
        let (total, mut rows) = list_window(
            tx,
            &format!("SELECT COUNT(*) FROM artifacts a WHERE {filter}"),
            &format!(
                "SELECT a.id, a.digest, a.media_type, a.manifest_media_type, a.kind, a.size, a.icon,
                a.os, a.architecture, a.author, a.created_at, a.push_time, a.pull_time
         FROM artifacts a WHERE {filter} {order}"
            ),
            params![repo.id],
            window,
            |row| artifact_row(row, project_id, repo.id),
        )?;
        // The window's ids, as `list_window` selects them: one tags and one references query per
        // page, whatever its size.
        let ids_sql =
            format!("SELECT a.id FROM artifacts a WHERE {filter} {order} LIMIT ?2 OFFSET ?3");
        let (limit, offset) = (window.sql_limit(), window.offset);
        let ids_params = params![repo.id, limit, offset];
        let mut tags = tags_of(tx, &ids_sql, ids_params)?;
        let mut references = references_of(tx, &ids_sql, ids_params)?;
        for row in &mut rows {
            row.tags = tags.remove(&row.id).unwrap_or_default();
            row.references = references.remove(&row.id).unwrap_or_default();
        }
        Ok((total, rows))
    })
}
/// An artifact of the list's select, without its tags and references.
fn artifact_row(
    row: &rusqlite::Row<'_>,
    project_id: i64,
    repository_id: i64,
) -> rusqlite::Result<ArtifactRow> {
    Ok(ArtifactRow {
        id: row.get(0)?,
        project_id,
        repository_id,
        digest: row.get(1)?,
        media_type: row.get(2)?,
        manifest_media_type: row.get(3)?,
        kind: row.get(4)?,
        size: row.get(5)?,
        icon: row.get(6)?,
        os: row.get(7)?,
        architecture: row.get(8)?,
        author: row.get(9)?,
        created_ms: row.get(10)?,
        push_ms: row.get(11)?,
        pull_ms: row.get(12)?,
        tags: Vec::new(),
        references: Vec::new(),
    })
}

/// Deletes an artifact with its tags; an index takes its platform images with it unless another
/// index still references them. A platform image that an index references is refused.
pub fn delete_artifact(
    conn: &mut Connection,
    project: &str,
    repository_name: &str,
    digest: &str,
    now_ms: i64,
) -> Result<()> {
    let tx = write_tx(conn)?;
    let repo = repository(&tx, project, repository_name)?;
    let project_id = project_id(&tx, project)?;
    let artifact_id: i64 = tx
        .query_row(
            "SELECT id FROM artifacts WHERE repository_id = ?1 AND digest = ?2",
            params![repo.id, digest],
            |row| row.get(0),
        )
        .optional()?
        .ok_or_else(|| StoreError::NotFound {
            kind: Kind::Artifact,
            name: digest.to_owned(),
        })?;
    let referenced = tx
        .query_row(
            "SELECT 1 FROM artifact_references WHERE child_id = ?1 LIMIT 1",
            params![artifact_id],
            |_| Ok(()),
        )
        .optional()?
        .is_some();
    if referenced {
        return Err(StoreError::ReferencedByIndex {
            digest: digest.to_owned(),
        });
    }
    let children: Vec<i64> = {
        let mut stmt =
            tx.prepare("SELECT child_id FROM artifact_references WHERE parent_id = ?1")?;
        stmt.query_map(params![artifact_id], |row| row.get(0))?
            .collect::<rusqlite::Result<_>>()?
    };
    tx.execute("DELETE FROM artifacts WHERE id = ?1", params![artifact_id])?;
    for child in children {
        tx.execute(
            "DELETE FROM artifacts WHERE id = ?1
             AND NOT EXISTS (SELECT 1 FROM artifact_references WHERE child_id = ?1)",
            params![child],
        )?;
    }
    touch_project(&tx, project_id, now_ms)?;
    tx.commit()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::{Store, create_project, create_repository, list_statements_run};
    use super::*;

    /// A store with `library/many` holding `count` top-level artifacts: every one tagged twice,
    /// every third an index of two platform images.
    fn store_with_artifacts(count: i64) -> Store {
        let store = Store::in_memory().unwrap();
        store
            .with_conn(|c| {
                create_project(c, "library", true, -1, 1)?;
                let repo_id = create_repository(c, "library", "many", "", "", 1)?;
                let tx = write_tx(c)?;
                for n in 0..count {
                    let digest = format!("sha256:{n:064x}");
                    let is_index = n % 3 == 0;
                    let artifact = NewArtifact {
                        digest: &digest,
                        media_type: "application/vnd.oci.image.manifest.v1+json",
                        is_index,
                        size: 10,
                        os: if is_index { "" } else { "linux" },
                        architecture: if is_index { "" } else { "amd64" },
                        author: "",
                        created_ms: (!is_index).then_some(n),
                        push_ms: n,
                        pull_ms: None,
                    };
                    let id = insert_artifact(&tx, repo_id, &artifact)?;
                    insert_tag(&tx, repo_id, id, &format!("b{n}"), n + 1, None)?;
                    insert_tag(&tx, repo_id, id, &format!("a{n}"), n, Some(n))?;
                    if is_index {
                        for arch in ["amd64", "arm64"] {
                            let child_digest = format!("sha256:{n:060x}{arch:0>4}");
                            let child = NewArtifact {
                                digest: &child_digest,
                                is_index: false,
                                os: "linux",
                                architecture: arch,
                                ..artifact.clone()
                            };
                            let child_id = insert_artifact(&tx, repo_id, &child)?;
                            insert_reference(&tx, id, child_id, "linux", arch)?;
                        }
                    }
                }
                tx.commit()?;
                Ok(())
            })
            .unwrap();
        store
    }

    /// Lists `window` of `library/many` and answers the rows with the statements it took.
    fn list_counted(store: &Store, window: Window) -> (Vec<ArtifactRow>, u64) {
        store
            .with_conn(|c| {
                let before = list_statements_run();
                let (_, rows) = list_artifacts(c, "library", "many", window)?;
                Ok((rows, list_statements_run() - before))
            })
            .unwrap()
    }

    #[test]
    fn a_listing_takes_the_same_number_of_queries_whatever_its_size() {
        let (small, small_statements) = list_counted(&store_with_artifacts(2), Window::ALL);
        let (large, large_statements) = list_counted(&store_with_artifacts(200), Window::ALL);
        assert_eq!((small.len(), large.len()), (2, 200));
        assert_eq!(large_statements, small_statements);
    }

    #[test]
    fn every_row_carries_its_own_tags_and_references() {
        let store = store_with_artifacts(20);
        let (all, _) = list_counted(&store, Window::ALL);
        for row in &all {
            let n = row.push_ms;
            let tags: Vec<_> = row.tags.iter().map(|t| t.name.clone()).collect();
            assert_eq!(tags, [format!("a{n}"), format!("b{n}")], "oldest tag first");
            assert!(row.tags.iter().all(|t| t.artifact_id == row.id));
            let platforms: Vec<_> = row
                .references
                .iter()
                .map(|r| r.architecture.as_str())
                .collect();
            if n % 3 == 0 {
                assert_eq!(platforms, ["amd64", "arm64"]);
                assert!(row.references.iter().all(|r| r.parent_id == row.id));
            } else {
                assert!(platforms.is_empty());
            }
        }
        let (page, _) = list_counted(
            &store,
            Window {
                offset: 3,
                limit: Some(5),
            },
        );
        let ids = |rows: &[ArtifactRow]| -> Vec<(i64, usize, usize)> {
            rows.iter()
                .map(|r| (r.id, r.tags.len(), r.references.len()))
                .collect()
        };
        assert_eq!(ids(&page), ids(&all[3..8]));
    }
}
