//! Repositories: creation, deletion, lookup and the list.

use rusqlite::{Connection, OptionalExtension, params};

use super::projects::touch_project;
use super::{
    Kind, Result, StoreError, Window, in_read_tx, is_unique_violation, list_window, project_id,
    write_tx,
};

/// A repository as the list and the detail answer it.
#[derive(Debug, Clone)]
pub struct RepositoryRow {
    /// Numeric id.
    pub id: i64,
    /// Its project's name.
    pub project_name: String,
    /// Whether its project is public.
    pub is_public: bool,
    /// Name (may be multi-level: `team/backend/api`).
    pub name: String,
    /// Short description.
    pub summary: String,
    /// Long description.
    pub detail: String,
    /// Creation time, UTC ms.
    pub created_ms: i64,
    /// Tags in the repository.
    pub tag_count: i64,
}

const REPOSITORY_COLUMNS: &str =
    "r.id, p.name, p.is_public, r.name, r.summary, r.detail, r.created_at,
    (SELECT COUNT(*) FROM tags t WHERE t.repository_id = r.id)";

fn repository_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<RepositoryRow> {
    Ok(RepositoryRow {
        id: row.get(0)?,
        project_name: row.get(1)?,
        is_public: row.get(2)?,
        name: row.get(3)?,
        summary: row.get(4)?,
        detail: row.get(5)?,
        created_ms: row.get(6)?,
        tag_count: row.get(7)?,
    })
}

/// Creates a repository in `project`.
pub fn create_repository(
    conn: &mut Connection,
    project: &str,
    name: &str,
    summary: &str,
    detail: &str,
    now_ms: i64,
) -> Result<i64> {
    let tx = write_tx(conn)?;
    let project_id = project_id(&tx, project)?;
    let id = insert_repository(&tx, project_id, name, summary, detail, now_ms)?;
    touch_project(&tx, project_id, now_ms)?;
    tx.commit()?;
    Ok(id)
}

/// Inserts a repository row (inside the caller's transaction).
pub fn insert_repository(
    conn: &Connection,
    project_id: i64,
    name: &str,
    summary: &str,
    detail: &str,
    now_ms: i64,
) -> Result<i64> {
    let inserted = conn.execute(
        "INSERT INTO repositories (project_id, name, summary, detail, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![project_id, name, summary, detail, now_ms],
    );
    match inserted {
        Ok(_) => Ok(conn.last_insert_rowid()),
        Err(e) if is_unique_violation(&e) => Err(StoreError::AlreadyExists {
            kind: Kind::Repository,
            name: name.to_owned(),
        }),
        Err(e) => Err(e.into()),
    }
}

/// Deletes a repository with all its artifacts and tags.
pub fn delete_repository(
    conn: &mut Connection,
    project: &str,
    name: &str,
    now_ms: i64,
) -> Result<()> {
    let tx = write_tx(conn)?;
    let repo = repository(&tx, project, name)?;
    let project_id = project_id(&tx, project)?;
    tx.execute("DELETE FROM repositories WHERE id = ?1", params![repo.id])?;
    touch_project(&tx, project_id, now_ms)?;
    tx.commit()?;
    Ok(())
}

/// One repository; `NotFound` names the project or the repository, whichever is missing.
pub fn repository(conn: &Connection, project: &str, name: &str) -> Result<RepositoryRow> {
    let project_id = project_id(conn, project)?;
    let sql = format!(
        "SELECT {REPOSITORY_COLUMNS} FROM repositories r JOIN projects p ON p.id = r.project_id
         WHERE r.project_id = ?1 AND r.name = ?2"
    );
    conn.query_row(&sql, params![project_id, name], repository_row)
        .optional()?
        .ok_or_else(|| StoreError::NotFound {
            kind: Kind::Repository,
            name: format!("{project}/{name}"),
        })
}

/// Repositories of `project` (or of every project, by project name), by name, whose name holds
/// `name_has` (any case); answers the total and the window. Total and window are read in one
/// read transaction, so they agree while others write.
pub fn list_repositories(
    conn: &mut Connection,
    project: Option<&str>,
    name_has: &str,
    window: Window,
) -> Result<(i64, Vec<RepositoryRow>)> {
    in_read_tx(conn, |tx| {
        let project_id = project.map(|p| project_id(tx, p)).transpose()?;
        let filter = "(?1 IS NULL OR r.project_id = ?1) AND instr(lower(r.name), lower(?2)) > 0";
        list_window(
            tx,
            &format!("SELECT COUNT(*) FROM repositories r WHERE {filter}"),
            &format!(
                "SELECT {REPOSITORY_COLUMNS} FROM repositories r JOIN projects p ON p.id = r.project_id
                 WHERE {filter} ORDER BY p.name, r.name"
            ),
            params![project_id, name_has],
            window,
            repository_row,
        )
    })
}
