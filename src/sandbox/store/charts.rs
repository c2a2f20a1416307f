//! Charts and their versions: the list, deletion, and archives stored and read in chunks.

use std::io::Read;

use rusqlite::{Connection, OptionalExtension, params};

use super::projects::{ProjectRow, touch_project};
use super::{
    ARCHIVE_CHUNK_BYTES, Kind, Result, StoreError, Window, all_rows, in_read_tx, list_window,
    project_id, write_tx,
};

/// A chart with its versions, as the list answers it.
#[derive(Debug, Clone)]
pub struct ChartRow {
    /// Its project's name.
    pub project_name: String,
    /// Chart name.
    pub name: String,
    /// Every version, in no particular order.
    pub versions: Vec<String>,
    /// When the first version arrived, UTC ms.
    pub created_ms: i64,
    /// When a later version arrived, UTC ms; `None` if never.
    pub updated_ms: Option<i64>,
}

/// Charts of every project whose name holds `name_has` (any case), by project and name; answers
/// the total and the window, read in one read transaction so they agree while others write.
pub fn list_charts(
    conn: &mut Connection,
    name_has: &str,
    window: Window,
) -> Result<(i64, Vec<ChartRow>)> {
    in_read_tx(conn, |tx| {
        let (total, heads) = list_window(
            tx,
            "SELECT COUNT(*) FROM charts WHERE instr(lower(name), lower(?1)) > 0",
            "SELECT c.id, p.name, c.name, c.created_at, c.updated_at
             FROM charts c JOIN projects p ON p.id = c.project_id
             WHERE instr(lower(c.name), lower(?1)) > 0
             ORDER BY p.name, c.name",
            params![name_has],
            window,
            chart_head,
        )?;
        let mut rows = Vec::with_capacity(heads.len());
        for (id, mut row) in heads {
            row.versions = all_rows(
                tx,
                "SELECT version FROM chart_versions WHERE chart_id = ?1",
                params![id],
                |r| r.get(0),
            )?;
            rows.push(row);
        }
        Ok((total, rows))
    })
}

/// A chart's id and its row of the list's select, without its versions.
fn chart_head(row: &rusqlite::Row<'_>) -> rusqlite::Result<(i64, ChartRow)> {
    Ok((
        row.get(0)?,
        ChartRow {
            project_name: row.get(1)?,
            name: row.get(2)?,
            versions: Vec::new(),
            created_ms: row.get(3)?,
            updated_ms: row.get(4)?,
        },
    ))
}

/// Deletes a chart with all its versions.
pub fn delete_chart(conn: &mut Connection, project: &str, chart: &str, now_ms: i64) -> Result<()> {
    let tx = write_tx(conn)?;
    let project_id = project_id(&tx, project)?;
    let deleted = tx.execute(
        "DELETE FROM charts WHERE project_id = ?1 AND name = ?2",
        params![project_id, chart],
    )?;
    if deleted == 0 {
        return Err(StoreError::NotFound {
            kind: Kind::Chart,
            name: format!("{project}/{chart}"),
        });
    }
    touch_project(&tx, project_id, now_ms)?;
    tx.commit()?;
    Ok(())
}

/// Where a stored chart archive is: its row and its size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ArchiveRef {
    /// Row id in `chart_versions`.
    pub row_id: i64,
    /// Size in bytes.
    pub size_bytes: i64,
}

/// The stored archive of `chart` `version` in `project`, if there is one (the project must exist).
pub fn find_chart_version(
    conn: &Connection,
    project_id: i64,
    chart: &str,
    version: &str,
) -> Result<Option<ArchiveRef>> {
    Ok(conn
        .query_row(
            "SELECT v.id, v.size FROM chart_versions v JOIN charts c ON c.id = v.chart_id
             WHERE c.project_id = ?1 AND c.name = ?2 AND v.version = ?3",
            params![project_id, chart, version],
            |row| {
                Ok(ArchiveRef {
                    row_id: row.get(0)?,
                    size_bytes: row.get(1)?,
                })
            },
        )
        .optional()?)
}

/// Chunk `seq` (0-based, [`ARCHIVE_CHUNK_BYTES`] each) of a stored archive; `None` past the end.
pub fn read_archive_chunk(conn: &Connection, version_id: i64, seq: i64) -> Result<Option<Vec<u8>>> {
    let mut stmt =
        conn.prepare_cached("SELECT data FROM chart_chunks WHERE version_id = ?1 AND seq = ?2")?;
    Ok(stmt
        .query_row(params![version_id, seq], |row| row.get(0))
        .optional()?)
}

/// The whole stored archive of `chart` `version` in `project`, if there is one.
pub fn chart_archive(
    conn: &Connection,
    project: &str,
    chart: &str,
    version: &str,
) -> Result<Option<Vec<u8>>> {
    let project_id = project_id(conn, project)?;
    let Some(found) = find_chart_version(conn, project_id, chart, version)? else {
        return Ok(None);
    };
    let mut out = Vec::with_capacity(usize::try_from(found.size_bytes).unwrap_or(0));
    let mut stmt =
        conn.prepare("SELECT data FROM chart_chunks WHERE version_id = ?1 ORDER BY seq")?;
    let mut rows = stmt.query(params![found.row_id])?;
    while let Some(row) = rows.next()? {
        let chunk: Vec<u8> = row.get(0)?;
        out.extend_from_slice(&chunk);
    }
    Ok(Some(out))
}

fn insert_chunk(conn: &Connection, version_id: i64, seq: i64, data: &[u8]) -> Result<()> {
    let mut stmt = conn
        .prepare_cached("INSERT INTO chart_chunks (version_id, seq, data) VALUES (?1, ?2, ?3)")?;
    stmt.execute(params![version_id, seq, data])?;
    Ok(())
}

/// Where the bytes of a new chart version come from.
pub enum ArchiveSource<'a> {
    /// Bytes in memory.
    Bytes(&'a [u8]),
    /// A file, copied in chunks; `size_bytes` is its length.
    File {
        /// The open file, positioned at its start.
        file: &'a mut std::fs::File,
        /// Its length.
        size_bytes: u64,
    },
}

impl ArchiveSource<'_> {
    fn size_bytes(&self) -> u64 {
        match self {
            Self::Bytes(bytes) => bytes.len() as u64,
            Self::File { size_bytes, .. } => *size_bytes,
        }
    }
}

/// Stores a new version of chart `name` in `project` (creating the chart with its first
/// version), checking the project's quota; refuses a version that exists. One transaction.
pub fn insert_chart_version(
    conn: &mut Connection,
    project: &str,
    name: &str,
    version: &str,
    source: ArchiveSource<'_>,
    now_ms: i64,
) -> Result<u64> {
    let tx = write_tx(conn)?;
    let size = store_chart_version(&tx, project, name, version, source, now_ms)?;
    tx.commit()?;
    Ok(size)
}

/// [`insert_chart_version`] inside the caller's transaction.
pub fn store_chart_version(
    tx: &Connection,
    project: &str,
    name: &str,
    version: &str,
    source: ArchiveSource<'_>,
    now_ms: i64,
) -> Result<u64> {
    let size_bytes = source.size_bytes();
    let size = i64::try_from(size_bytes)
        .map_err(|_| StoreError::Io(std::io::Error::other("the chart archive is too large")))?;
    let project = super::project(tx, project)?;
    check_quota(&project, size)?;
    let chart_id = chart_for_new_version(tx, &project, name, version, now_ms)?;
    tx.execute(
        "INSERT INTO chart_versions (chart_id, version, size, created_at) VALUES (?1, ?2, ?3, ?4)",
        params![chart_id, version, size, now_ms],
    )?;
    let version_id = tx.last_insert_rowid();
    let stored = match source {
        ArchiveSource::Bytes(bytes) => store_byte_chunks(tx, version_id, bytes)?,
        ArchiveSource::File { file, .. } => store_file_chunks(tx, version_id, file)?,
    };
    if stored != size_bytes {
        return Err(StoreError::Io(std::io::Error::other(
            "the chart file changed while it was being imported",
        )));
    }
    touch_project(tx, project.id, now_ms)?;
    Ok(size_bytes)
}

/// Refuses `needed_bytes` more when they do not fit in the project's quota.
fn check_quota(project: &ProjectRow, needed_bytes: i64) -> Result<()> {
    if project.quota_bytes >= 0
        && project.used_bytes.saturating_add(needed_bytes) > project.quota_bytes
    {
        return Err(StoreError::QuotaExceeded {
            project: project.name.clone(),
            quota_bytes: project.quota_bytes,
            used_bytes: project.used_bytes,
            needed_bytes,
        });
    }
    Ok(())
}

/// The id of chart `name` in `project` for a new `version`: a new chart, or the existing one with
/// its update time moved to `now_ms`; refuses a version that exists.
fn chart_for_new_version(
    tx: &Connection,
    project: &ProjectRow,
    name: &str,
    version: &str,
    now_ms: i64,
) -> Result<i64> {
    let existing: Option<i64> = tx
        .query_row(
            "SELECT id FROM charts WHERE project_id = ?1 AND name = ?2",
            params![project.id, name],
            |row| row.get(0),
        )
        .optional()?;
    if let Some(id) = existing {
        if find_chart_version(tx, project.id, name, version)?.is_some() {
            return Err(StoreError::AlreadyExists {
                kind: Kind::ChartVersion,
                name: format!("{}/{name} {version}", project.name),
            });
        }
        tx.execute(
            "UPDATE charts SET updated_at = ?2 WHERE id = ?1",
            params![id, now_ms],
        )?;
        Ok(id)
    } else {
        tx.execute(
            "INSERT INTO charts (project_id, name, created_at, updated_at) VALUES (?1, ?2, ?3, NULL)",
            params![project.id, name, now_ms],
        )?;
        Ok(tx.last_insert_rowid())
    }
}

/// Stores `bytes` as the chunks of version `version_id`; answers the bytes stored.
fn store_byte_chunks(tx: &Connection, version_id: i64, bytes: &[u8]) -> Result<u64> {
    let mut stored = 0_u64;
    for (seq, chunk) in (0_i64..).zip(bytes.chunks(ARCHIVE_CHUNK_BYTES)) {
        insert_chunk(tx, version_id, seq, chunk)?;
        stored += chunk.len() as u64;
    }
    Ok(stored)
}

/// Copies `file` into the chunks of version `version_id`; answers the bytes stored.
fn store_file_chunks(tx: &Connection, version_id: i64, file: &mut std::fs::File) -> Result<u64> {
    let mut stored = 0_u64;
    let mut buf = vec![0_u8; ARCHIVE_CHUNK_BYTES];
    for seq in 0_i64.. {
        let filled = fill_chunk(file, &mut buf)?;
        if filled == 0 {
            break;
        }
        insert_chunk(tx, version_id, seq, &buf[..filled])?;
        stored += filled as u64;
    }
    Ok(stored)
}

/// Fills a whole chunk (a read may return less), so chunk k starts at k * size; answers how much
/// was read, less than the chunk only at the end of the file.
fn fill_chunk(file: &mut std::fs::File, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        let n = file.read(&mut buf[filled..])?;
        if n == 0 {
            break;
        }
        filled += n;
    }
    Ok(filled)
}
