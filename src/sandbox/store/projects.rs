//! Projects: creation, deletion, lookup and the list.

use rusqlite::{Connection, OptionalExtension, params};

use super::{
    Kind, Result, StoreError, Window, in_read_tx, is_unique_violation, list_window, write_tx,
};

/// A project as the list answers it.
#[derive(Debug, Clone)]
pub struct ProjectRow {
    /// Numeric id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// Public project.
    pub is_public: bool,
    /// Quota in bytes, -1 for unlimited.
    pub quota_bytes: i64,
    /// Bytes its artifacts and chart archives take.
    pub used_bytes: i64,
    /// Creation time, UTC ms.
    pub created_ms: i64,
    /// Last change, UTC ms.
    pub updated_ms: i64,
}

const PROJECT_USED_BYTES: &str = "(
    (SELECT COALESCE(SUM(a.size), 0) FROM artifacts a JOIN repositories r ON r.id = a.repository_id
      WHERE r.project_id = p.id AND a.is_index = 0)
  + (SELECT COALESCE(SUM(v.size), 0) FROM chart_versions v JOIN charts c ON c.id = v.chart_id
      WHERE c.project_id = p.id))";

/// The id of project `name`, or `NotFound`.
pub fn project_id(conn: &Connection, name: &str) -> Result<i64> {
    conn.query_row(
        "SELECT id FROM projects WHERE name = ?1",
        params![name],
        |row| row.get(0),
    )
    .optional()?
    .ok_or_else(|| StoreError::NotFound {
        kind: Kind::Project,
        name: name.to_owned(),
    })
}

/// Moves the project's last-change time forward to `now_ms` (never back).
pub(super) fn touch_project(conn: &Connection, project_id: i64, now_ms: i64) -> Result<()> {
    conn.execute(
        "UPDATE projects SET updated_at = MAX(updated_at, ?2) WHERE id = ?1",
        params![project_id, now_ms],
    )?;
    Ok(())
}

/// Creates a project and answers its id.
pub fn create_project(
    conn: &Connection,
    name: &str,
    is_public: bool,
    quota_bytes: i64,
    now_ms: i64,
) -> Result<i64> {
    let inserted = conn.execute(
        "INSERT INTO projects (name, is_public, quota, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)",
        params![name, is_public, quota_bytes, now_ms],
    );
    match inserted {
        Ok(_) => Ok(conn.last_insert_rowid()),
        Err(e) if is_unique_violation(&e) => Err(StoreError::AlreadyExists {
            kind: Kind::Project,
            name: name.to_owned(),
        }),
        Err(e) => Err(e.into()),
    }
}

/// Deletes an empty project.
pub fn delete_project(conn: &mut Connection, name: &str) -> Result<()> {
    let tx = write_tx(conn)?;
    let id = project_id(&tx, name)?;
    let (repositories, charts): (i64, i64) = tx.query_row(
        "SELECT (SELECT COUNT(*) FROM repositories WHERE project_id = ?1),
                (SELECT COUNT(*) FROM charts WHERE project_id = ?1)",
        params![id],
        |row| Ok((row.get(0)?, row.get(1)?)),
    )?;
    if repositories > 0 || charts > 0 {
        return Err(StoreError::ProjectNotEmpty {
            project: name.to_owned(),
            repositories,
            charts,
        });
    }
    tx.execute("DELETE FROM projects WHERE id = ?1", params![id])?;
    tx.commit()?;
    Ok(())
}

fn project_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<ProjectRow> {
    Ok(ProjectRow {
        id: row.get(0)?,
        name: row.get(1)?,
        is_public: row.get(2)?,
        quota_bytes: row.get(3)?,
        used_bytes: row.get(4)?,
        created_ms: row.get(5)?,
        updated_ms: row.get(6)?,
    })
}

/// Projects whose name holds `name_has` (any case), by name; answers the total and the window,
/// read in one read transaction so they agree while others write.
pub fn list_projects(
    conn: &mut Connection,
    name_has: &str,
    window: Window,
) -> Result<(i64, Vec<ProjectRow>)> {
    let select = format!(
        "SELECT p.id, p.name, p.is_public, p.quota, {PROJECT_USED_BYTES}, p.created_at, p.updated_at
         FROM projects p WHERE instr(lower(p.name), lower(?1)) > 0
         ORDER BY p.name"
    );
    in_read_tx(conn, |tx| {
        list_window(
            tx,
            "SELECT COUNT(*) FROM projects WHERE instr(lower(name), lower(?1)) > 0",
            &select,
            params![name_has],
            window,
            project_row,
        )
    })
}

/// One project by name.
pub fn project(conn: &Connection, name: &str) -> Result<ProjectRow> {
    let sql = format!(
        "SELECT p.id, p.name, p.is_public, p.quota, {PROJECT_USED_BYTES}, p.created_at, p.updated_at
         FROM projects p WHERE p.name = ?1"
    );
    conn.query_row(&sql, params![name], project_row)
        .optional()?
        .ok_or_else(|| StoreError::NotFound {
            kind: Kind::Project,
            name: name.to_owned(),
        })
}
