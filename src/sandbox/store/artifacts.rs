//! Artifacts with their tags and index references: insertion, the list and deletion.

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

fn tags_of(conn: &Connection, artifact_id: i64) -> Result<Vec<TagRow>> {
    all_rows(
        conn,
        "SELECT id, artifact_id, repository_id, name, push_time, pull_time, immutable, signed
         FROM tags WHERE artifact_id = ?1 ORDER BY push_time, id",
        params![artifact_id],
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
    )
}

fn references_of(conn: &Connection, artifact_id: i64) -> Result<Vec<ReferenceRow>> {
    all_rows(
        conn,
        "SELECT ar.parent_id, ar.child_id, c.digest, ar.os, ar.architecture
         FROM artifact_references ar JOIN artifacts c ON c.id = ar.child_id
         WHERE ar.parent_id = ?1 ORDER BY ar.rowid",
        params![artifact_id],
        |row| {
            Ok(ReferenceRow {
                parent_id: row.get(0)?,
                child_id: row.get(1)?,
                child_digest: row.get(2)?,
                os: row.get(3)?,
                architecture: row.get(4)?,
            })
        },
    )
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
        let (total, mut rows) = list_window(
            tx,
            &format!("SELECT COUNT(*) FROM artifacts a WHERE {filter}"),
            &format!(
                "SELECT a.id, a.digest, a.media_type, a.manifest_media_type, a.kind, a.size, a.icon,
                a.os, a.architecture, a.author, a.created_at, a.push_time, a.pull_time
         FROM artifacts a WHERE {filter} ORDER BY a.push_time DESC, a.id"
            ),
            params![repo.id],
            window,
            |row| artifact_row(row, project_id, repo.id),
        )?;
        for row in &mut rows {
            row.tags = tags_of(tx, row.id)?;
            row.references = references_of(tx, row.id)?;
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
