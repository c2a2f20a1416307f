//! The sandbox's persistent state in `SQLite`: schema, connections and the shared helpers here; the
//! queries of each entity in its own file (`users`, `projects`, `repositories`, `artifacts`,
//! `charts`).
//!
//! Nothing here is cached in memory: every answer is read from the database, so a second process
//! (`ccr-sandbox import-chart`) may change the store while a server runs on it. The file is opened
//! in WAL mode with a busy timeout; every multi-step change runs in one immediate transaction, so
//! killing the process at any moment leaves a consistent store.

mod artifacts;
mod charts;
mod projects;
mod repositories;
mod users;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use rusqlite::types::ToSql;
use rusqlite::{Connection, Row, Transaction, TransactionBehavior};

pub use artifacts::{
    ArtifactRow, NewArtifact, ReferenceRow, TagRow, delete_artifact, insert_artifact,
    insert_reference, insert_tag, list_artifacts,
};
pub use charts::{
    ArchiveRef, ArchiveSource, ChartRow, chart_archive, delete_chart, find_chart_version,
    insert_chart_version, list_charts, read_archive_chunk, store_chart_version,
};
pub use projects::{
    ProjectRow, create_project, delete_project, list_projects, project, project_id,
};
pub use repositories::{
    RepositoryRow, create_repository, delete_repository, insert_repository, list_repositories,
    repository,
};
pub use users::{UserRow, is_seeded, mark_seeded, set_user_password, user};

/// File name of the store inside the data folder.
pub const STORE_FILE_NAME: &str = "ccr-sandbox.sqlite3";

/// How long a connection waits for another writer before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(15);
/// Idle connections kept for reuse.
const POOL_SIZE: usize = 8;
/// Chart archives are stored in rows of this many bytes (the last row may be shorter), so a
/// download reads one row per step and never holds the whole archive or a long transaction.
pub const ARCHIVE_CHUNK_BYTES: usize = 1024 * 1024;

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS users (
    name TEXT PRIMARY KEY,
    password_hash TEXT NOT NULL,
    is_admin INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS projects (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL UNIQUE,
    is_public INTEGER NOT NULL,
    quota INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS repositories (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    project_id INTEGER NOT NULL REFERENCES projects(id),
    name TEXT NOT NULL,
    summary TEXT NOT NULL,
    detail TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    UNIQUE (project_id, name)
);
CREATE TABLE IF NOT EXISTS artifacts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    repository_id INTEGER NOT NULL REFERENCES repositories(id) ON DELETE CASCADE,
    digest TEXT NOT NULL,
    media_type TEXT NOT NULL,
    manifest_media_type TEXT NOT NULL,
    kind TEXT NOT NULL,
    is_index INTEGER NOT NULL,
    size INTEGER NOT NULL,
    icon TEXT NOT NULL,
    os TEXT NOT NULL,
    architecture TEXT NOT NULL,
    author TEXT NOT NULL,
    created_at INTEGER,
    push_time INTEGER NOT NULL,
    pull_time INTEGER,
    UNIQUE (repository_id, digest)
);
CREATE TABLE IF NOT EXISTS artifact_references (
    parent_id INTEGER NOT NULL REFERENCES artifacts(id) ON DELETE CASCADE,
    child_id INTEGER NOT NULL REFERENCES artifacts(id) ON DELETE CASCADE,
    os TEXT NOT NULL,
    architecture TEXT NOT NULL,
    PRIMARY KEY (parent_id, child_id)
);
CREATE INDEX IF NOT EXISTS artifact_references_child ON artifact_references(child_id);
-- A repository's artifacts, newest first: the order every artifacts page is read in.
CREATE INDEX IF NOT EXISTS artifacts_repository_push ON artifacts(repository_id, push_time DESC, id);
CREATE TABLE IF NOT EXISTS tags (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    artifact_id INTEGER NOT NULL REFERENCES artifacts(id) ON DELETE CASCADE,
    repository_id INTEGER NOT NULL REFERENCES repositories(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    push_time INTEGER NOT NULL,
    pull_time INTEGER,
    immutable INTEGER NOT NULL DEFAULT 0,
    signed INTEGER NOT NULL DEFAULT 0,
    UNIQUE (repository_id, name)
);
CREATE INDEX IF NOT EXISTS tags_artifact ON tags(artifact_id);
CREATE TABLE IF NOT EXISTS charts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    project_id INTEGER NOT NULL REFERENCES projects(id),
    name TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER,
    UNIQUE (project_id, name)
);
CREATE TABLE IF NOT EXISTS chart_versions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    chart_id INTEGER NOT NULL REFERENCES charts(id) ON DELETE CASCADE,
    version TEXT NOT NULL,
    size INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    UNIQUE (chart_id, version)
);
CREATE TABLE IF NOT EXISTS chart_chunks (
    version_id INTEGER NOT NULL REFERENCES chart_versions(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    data BLOB NOT NULL,
    PRIMARY KEY (version_id, seq)
);
";

/// The kinds of things the store holds, for messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A project.
    Project,
    /// A repository.
    Repository,
    /// An artifact (image or index).
    Artifact,
    /// A chart (all versions).
    Chart,
    /// One version of a chart.
    ChartVersion,
}

impl Kind {
    /// The English name, for the library's and the command line's messages.
    pub fn english(self) -> &'static str {
        match self {
            Self::Project => "project",
            Self::Repository => "repository",
            Self::Artifact => "artifact",
            Self::Chart => "chart",
            Self::ChartVersion => "chart version",
        }
    }

    /// The Chinese name, for the HTTP answers.
    pub fn chinese(self) -> &'static str {
        match self {
            Self::Project => "项目",
            Self::Repository => "仓库",
            Self::Artifact => "镜像",
            Self::Chart => "chart 包",
            Self::ChartVersion => "chart 包版本",
        }
    }
}

impl std::fmt::Display for Kind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.english())
    }
}

/// Why a store operation failed.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The named thing does not exist.
    #[error("{kind} {name} does not exist")]
    NotFound {
        /// What is missing.
        kind: Kind,
        /// Its name.
        name: String,
    },
    /// The named thing exists already.
    #[error("{kind} {name} already exists")]
    AlreadyExists {
        /// What exists.
        kind: Kind,
        /// Its name.
        name: String,
    },
    /// A project that still holds repositories or charts cannot be deleted.
    #[error(
        "project {project} still holds {repositories} repositories and {charts} charts; delete them first"
    )]
    ProjectNotEmpty {
        /// The project.
        project: String,
        /// Repositories it holds.
        repositories: i64,
        /// Charts it holds.
        charts: i64,
    },
    /// An artifact that an image index references cannot be deleted on its own.
    #[error("artifact {digest} belongs to a multi-platform image index; delete the index instead")]
    ReferencedByIndex {
        /// The child's digest.
        digest: String,
    },
    /// The project's quota does not leave room for the new data.
    #[error(
        "project {project} has a quota of {quota_bytes} bytes with {used_bytes} used; {needed_bytes} more do not fit"
    )]
    QuotaExceeded {
        /// The project.
        project: String,
        /// Its quota.
        quota_bytes: i64,
        /// What its artifacts and charts take.
        used_bytes: i64,
        /// What the change would add.
        needed_bytes: i64,
    },
    /// A chart archive that cannot be read.
    #[error(transparent)]
    InvalidChart(#[from] super::charts::ChartError),
    /// The data folder has no store yet.
    #[error("there is no sandbox store at {}; start ccr-sandbox once with this data folder first", .0.display())]
    Missing(PathBuf),
    /// `SQLite` failed.
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// Reading or writing a file failed.
    #[error("i/o error: {0}")]
    Io(#[from] std::io::Error),
    /// The blocking task running the query failed.
    #[error("the store task failed: {0}")]
    Task(String),
}

type Result<T, E = StoreError> = std::result::Result<T, E>;

enum Backend {
    /// A database file; connections are opened on demand and pooled.
    File {
        path: PathBuf,
        pool: Mutex<Vec<Connection>>,
    },
    /// An in-memory database behind one connection.
    Memory(Mutex<Connection>),
}

/// A handle on the store; cheap to clone.
#[derive(Clone)]
pub struct Store {
    backend: Arc<Backend>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &*self.backend {
            Backend::File { path, .. } => f.debug_tuple("Store").field(path).finish(),
            Backend::Memory(_) => f.write_str("Store(memory)"),
        }
    }
}

fn configure(conn: &Connection, file: bool) -> Result<()> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    conn.pragma_update(None, "foreign_keys", true)?;
    if file {
        let _mode: String =
            conn.pragma_update_and_check(None, "journal_mode", "WAL", |row| row.get(0))?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
    }
    Ok(())
}

impl Store {
    /// Opens (creating if needed) the store file in `dir` and brings its schema up to date.
    pub fn open_dir(dir: &Path) -> Result<Self> {
        std::fs::create_dir_all(dir)?;
        let path = dir.join(STORE_FILE_NAME);
        let conn = Connection::open(&path)?;
        configure(&conn, true)?;
        conn.execute_batch(SCHEMA)?;
        Ok(Self {
            backend: Arc::new(Backend::File {
                path,
                pool: Mutex::new(vec![conn]),
            }),
        })
    }

    /// Opens the store in `dir`, which must exist already.
    pub fn open_existing(dir: &Path) -> Result<Self> {
        let path = dir.join(STORE_FILE_NAME);
        if !path.is_file() {
            return Err(StoreError::Missing(path));
        }
        Self::open_dir(dir)
    }

    /// A fresh store that lives in memory only.
    pub fn in_memory() -> Result<Self> {
        let conn = Connection::open_in_memory()?;
        configure(&conn, false)?;
        conn.execute_batch(SCHEMA)?;
        Ok(Self {
            backend: Arc::new(Backend::Memory(Mutex::new(conn))),
        })
    }

    /// Runs `f` with a connection, on the calling thread.
    pub fn with_conn<R>(&self, f: impl FnOnce(&mut Connection) -> Result<R>) -> Result<R> {
        match &*self.backend {
            Backend::Memory(conn) => {
                let mut conn = conn.lock().unwrap_or_else(PoisonError::into_inner);
                f(&mut conn)
            }
            Backend::File { path, pool } => {
                let pooled = pool.lock().unwrap_or_else(PoisonError::into_inner).pop();
                let mut conn = if let Some(conn) = pooled {
                    conn
                } else {
                    let conn = Connection::open(path)?;
                    configure(&conn, true)?;
                    conn
                };
                let result = f(&mut conn);
                let mut pool = pool.lock().unwrap_or_else(PoisonError::into_inner);
                if pool.len() < POOL_SIZE && conn.is_autocommit() {
                    pool.push(conn);
                }
                result
            }
        }
    }

    /// Runs `f` with a connection on a blocking thread, so the async runtime never waits on disk.
    pub async fn run<R: Send + 'static>(
        &self,
        f: impl FnOnce(&mut Connection) -> Result<R> + Send + 'static,
    ) -> Result<R> {
        let store = self.clone();
        tokio::task::spawn_blocking(move || store.with_conn(f))
            .await
            .map_err(|e| StoreError::Task(e.to_string()))?
    }
}

/// Starts a write transaction that holds the write lock from its first statement.
pub fn write_tx(conn: &mut Connection) -> Result<Transaction<'_>> {
    Ok(conn.transaction_with_behavior(TransactionBehavior::Immediate)?)
}

/// Runs `f` in a deferred (read) transaction: every statement of `f` sees the same snapshot.
fn in_read_tx<R>(conn: &mut Connection, f: impl FnOnce(&Connection) -> Result<R>) -> Result<R> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Deferred)?;
    let out = f(&tx)?;
    tx.commit()?;
    Ok(out)
}

/// Which slice of a list to answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    /// Items to skip.
    pub offset: i64,
    /// Most items to answer; `None` for all.
    pub limit: Option<i64>,
}

impl Window {
    /// Everything.
    pub const ALL: Self = Self {
        offset: 0,
        limit: None,
    };

    fn sql_limit(self) -> i64 {
        self.limit.unwrap_or(-1)
    }
}

/// The total of the rows `count_sql` counts and the `window` of the rows `select_sql` selects,
/// each row read by `map_row`. Both statements take `filter` as their first parameters;
/// `select_sql` ends in its `ORDER BY`, and the window's `LIMIT` and `OFFSET` follow as the next
/// two. Run it inside [`in_read_tx`] so that total and window agree while others write.
fn list_window<T>(
    conn: &Connection,
    count_sql: &str,
    select_sql: &str,
    filter: &[&dyn ToSql],
    window: Window,
    map_row: impl FnMut(&Row<'_>) -> rusqlite::Result<T>,
) -> Result<(i64, Vec<T>)> {
    count_list_statement();
    let total = conn.query_row(count_sql, filter, |row| row.get(0))?;
    let (limit, offset) = (window.sql_limit(), window.offset);
    let sql = format!(
        "{select_sql} LIMIT ?{} OFFSET ?{}",
        filter.len() + 1,
        filter.len() + 2
    );
    let mut params = filter.to_vec();
    params.extend([&limit as &dyn ToSql, &offset]);
    Ok((total, all_rows(conn, &sql, params.as_slice(), map_row)?))
}

thread_local! {
    /// Statements the list helpers ([`list_window`], [`all_rows`]) ran on this thread; a cheap
    /// count that tests read to check a listing runs a fixed number of queries.
    static LIST_STATEMENTS: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

fn count_list_statement() {
    LIST_STATEMENTS.with(|n| n.set(n.get() + 1));
}

/// How many statements the list helpers have run on this thread so far.
#[cfg(test)]
pub fn list_statements_run() -> u64 {
    LIST_STATEMENTS.with(std::cell::Cell::get)
}

/// Every row `sql` selects with `params`, each read by `map_row`.
fn all_rows<T>(
    conn: &Connection,
    sql: &str,
    params: &[&dyn ToSql],
    map_row: impl FnMut(&Row<'_>) -> rusqlite::Result<T>,
) -> Result<Vec<T>> {
    count_list_statement();
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt
        .query_map(params, map_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

fn is_unique_violation(err: &rusqlite::Error) -> bool {
    matches!(
        err,
        rusqlite::Error::SqliteFailure(e, _)
            if e.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE
                || e.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_PRIMARYKEY
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store_with_project() -> Store {
        let store = Store::in_memory().unwrap();
        store
            .with_conn(|c| create_project(c, "library", true, -1, 1000))
            .unwrap();
        store
    }

    #[test]
    fn projects_are_unique_and_deleted_only_when_empty() {
        let store = store_with_project();
        let dup = store.with_conn(|c| create_project(c, "library", true, -1, 1000));
        assert!(matches!(
            dup,
            Err(StoreError::AlreadyExists {
                kind: Kind::Project,
                ..
            })
        ));
        store
            .with_conn(|c| create_repository(c, "library", "a/b", "", "", 2000))
            .unwrap();
        let refused = store.with_conn(|c| delete_project(c, "library"));
        assert!(matches!(
            refused,
            Err(StoreError::ProjectNotEmpty {
                repositories: 1,
                charts: 0,
                ..
            })
        ));
        store
            .with_conn(|c| delete_repository(c, "library", "a/b", 3000))
            .unwrap();
        store.with_conn(|c| delete_project(c, "library")).unwrap();
        let (total, rows) = store
            .with_conn(|c| list_projects(c, "", Window::ALL))
            .unwrap();
        assert_eq!((total, rows.len()), (0, 0));
    }

    #[test]
    fn windows_and_filters() {
        let store = Store::in_memory().unwrap();
        for name in ["b", "a", "c", "ab"] {
            store
                .with_conn(|c| create_project(c, name, false, -1, 1))
                .map(|_| ())
                .unwrap();
        }
        let (total, rows) = store
            .with_conn(|c| {
                list_projects(
                    c,
                    "",
                    Window {
                        offset: 1,
                        limit: Some(2),
                    },
                )
            })
            .unwrap();
        assert_eq!(total, 4);
        let names: Vec<_> = rows.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, ["ab", "b"]);
        let (total, rows) = store
            .with_conn(|c| list_projects(c, "A", Window::ALL))
            .unwrap();
        assert_eq!((total, rows.len()), (2, 2));
    }

    #[test]
    fn deleting_an_index_takes_its_children() {
        let store = store_with_project();
        store
            .with_conn(|c| {
                let repo_id = create_repository(c, "library", "multi", "", "", 1)?;
                let tx = write_tx(c)?;
                let child = |digest: &'static str, arch: &'static str| NewArtifact {
                    digest,
                    media_type: "application/vnd.oci.image.manifest.v1+json",
                    is_index: false,
                    size: 10,
                    os: "linux",
                    architecture: arch,
                    author: "",
                    created_ms: Some(1),
                    push_ms: 1,
                    pull_ms: None,
                };
                let a = insert_artifact(&tx, repo_id, &child("sha256:a", "amd64"))?;
                let b = insert_artifact(&tx, repo_id, &child("sha256:b", "arm64"))?;
                let mut index = child("sha256:i", "");
                index.is_index = true;
                let i = insert_artifact(&tx, repo_id, &index)?;
                insert_reference(&tx, i, a, "linux", "amd64")?;
                insert_reference(&tx, i, b, "linux", "arm64")?;
                insert_tag(&tx, repo_id, i, "v1", 1, None)?;
                tx.commit()?;
                Ok(())
            })
            .unwrap();
        let (total, rows) = store
            .with_conn(|c| list_artifacts(c, "library", "multi", Window::ALL))
            .unwrap();
        assert_eq!(total, 1);
        assert_eq!(rows[0].references.len(), 2);
        assert_eq!(rows[0].tags[0].name, "v1");
        let refused = store.with_conn(|c| delete_artifact(c, "library", "multi", "sha256:a", 2));
        assert!(matches!(refused, Err(StoreError::ReferencedByIndex { .. })));
        store
            .with_conn(|c| delete_artifact(c, "library", "multi", "sha256:i", 2))
            .unwrap();
        let count: i64 = store
            .with_conn(|c| Ok(c.query_row("SELECT COUNT(*) FROM artifacts", [], |r| r.get(0))?))
            .unwrap();
        assert_eq!(count, 0);
    }

    #[test]
    fn chart_versions_are_stored_and_read_in_chunks() {
        let store = store_with_project();
        let bytes: Vec<u8> = (0..(2 * ARCHIVE_CHUNK_BYTES as u32 + 1000))
            .map(|i| (i % 251) as u8)
            .collect();
        store
            .with_conn(|c| {
                insert_chart_version(c, "library", "x", "1.0.0", ArchiveSource::Bytes(&bytes), 5)
            })
            .unwrap();
        let again = store.with_conn(|c| {
            insert_chart_version(c, "library", "x", "1.0.0", ArchiveSource::Bytes(&bytes), 6)
        });
        assert!(matches!(
            again,
            Err(StoreError::AlreadyExists {
                kind: Kind::ChartVersion,
                ..
            })
        ));
        let found = store
            .with_conn(|c| {
                let id = project_id(c, "library")?;
                find_chart_version(c, id, "x", "1.0.0")
            })
            .unwrap()
            .unwrap();
        assert_eq!(found.size_bytes, i64::try_from(bytes.len()).unwrap());
        let mut out = Vec::new();
        for seq in 0.. {
            let Some(chunk) = store
                .with_conn(|c| read_archive_chunk(c, found.row_id, seq))
                .unwrap()
            else {
                break;
            };
            out.extend_from_slice(&chunk);
        }
        assert_eq!(out.len(), bytes.len());
        let whole = store
            .with_conn(|c| chart_archive(c, "library", "x", "1.0.0"))
            .unwrap()
            .unwrap();
        assert_eq!(whole, bytes);
        assert_eq!(out, bytes);
    }

    #[test]
    fn quota_is_enforced_on_import() {
        let store = Store::in_memory().unwrap();
        store
            .with_conn(|c| create_project(c, "small", false, 100, 1))
            .unwrap();
        let refused = store.with_conn(|c| {
            insert_chart_version(c, "small", "x", "1.0.0", ArchiveSource::Bytes(&[0; 101]), 5)
        });
        assert!(matches!(refused, Err(StoreError::QuotaExceeded { .. })));
    }
}
