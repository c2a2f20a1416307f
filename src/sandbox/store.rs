//! The sandbox's persistent state in `SQLite`: schema, connections and every query.
//!
//! Nothing here is cached in memory: every answer is read from the database, so a second process
//! (`ccr-sandbox import-chart`) may change the store while a server runs on it. The file is opened
//! in WAL mode with a busy timeout; every multi-step change runs in one immediate transaction, so
//! killing the process at any moment leaves a consistent store.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use rusqlite::{Connection, OptionalExtension, Transaction, TransactionBehavior, params};

use super::charts;

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
    InvalidChart(#[from] charts::ChartError),
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

fn is_unique_violation(err: &rusqlite::Error) -> bool {
    matches!(
        err,
        rusqlite::Error::SqliteFailure(e, _)
            if e.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE
                || e.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_PRIMARYKEY
    )
}

// ---------------------------------------------------------------------------------------------
// meta and users

/// Whether the demo data was seeded into this store (once, ever).
pub fn is_seeded(conn: &Connection) -> Result<bool> {
    Ok(conn
        .query_row("SELECT 1 FROM meta WHERE key = 'seeded'", [], |_| Ok(()))
        .optional()?
        .is_some())
}

/// Remembers that the demo data was seeded.
pub fn mark_seeded(conn: &Connection, now_ms: i64) -> Result<()> {
    conn.execute(
        "INSERT OR REPLACE INTO meta (key, value) VALUES ('seeded', ?1)",
        params![now_ms.to_string()],
    )?;
    Ok(())
}

/// A user's stored password hash and whether they are an administrator.
#[derive(Debug, Clone)]
pub struct UserRow {
    /// PHC string of the password hash.
    pub password_hash: String,
    /// Administrator (may write) or read-only.
    pub is_admin: bool,
}

/// The user named `name`, if any.
pub fn user(conn: &Connection, name: &str) -> Result<Option<UserRow>> {
    Ok(conn
        .query_row(
            "SELECT password_hash, is_admin FROM users WHERE name = ?1",
            params![name],
            |row| {
                Ok(UserRow {
                    password_hash: row.get(0)?,
                    is_admin: row.get(1)?,
                })
            },
        )
        .optional()?)
}

/// Sets the password hash of `name`, creating the user with `is_admin_if_new` when missing (an
/// existing user keeps their role).
pub fn set_user_password(
    conn: &Connection,
    name: &str,
    password_hash: &str,
    is_admin_if_new: bool,
) -> Result<()> {
    conn.execute(
        "INSERT INTO users (name, password_hash, is_admin) VALUES (?1, ?2, ?3)
         ON CONFLICT (name) DO UPDATE SET password_hash = excluded.password_hash",
        params![name, password_hash, is_admin_if_new],
    )?;
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// projects

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

fn touch_project(conn: &Connection, project_id: i64, now_ms: i64) -> Result<()> {
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
    in_read_tx(conn, |tx| list_projects_in(tx, name_has, window))
}

fn list_projects_in(
    conn: &Connection,
    name_has: &str,
    window: Window,
) -> Result<(i64, Vec<ProjectRow>)> {
    let total = conn.query_row(
        "SELECT COUNT(*) FROM projects WHERE instr(lower(name), lower(?1)) > 0",
        params![name_has],
        |row| row.get(0),
    )?;
    let sql = format!(
        "SELECT p.id, p.name, p.is_public, p.quota, {PROJECT_USED_BYTES}, p.created_at, p.updated_at
         FROM projects p WHERE instr(lower(p.name), lower(?1)) > 0
         ORDER BY p.name LIMIT ?2 OFFSET ?3"
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt
        .query_map(
            params![name_has, window.sql_limit(), window.offset],
            project_row,
        )?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok((total, rows))
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

// ---------------------------------------------------------------------------------------------
// repositories

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
        list_repositories_in(tx, project, name_has, window)
    })
}

fn list_repositories_in(
    conn: &Connection,
    project: Option<&str>,
    name_has: &str,
    window: Window,
) -> Result<(i64, Vec<RepositoryRow>)> {
    let project_id = project.map(|p| project_id(conn, p)).transpose()?;
    let filter = "(?1 IS NULL OR r.project_id = ?1) AND instr(lower(r.name), lower(?2)) > 0";
    let total = conn.query_row(
        &format!("SELECT COUNT(*) FROM repositories r WHERE {filter}"),
        params![project_id, name_has],
        |row| row.get(0),
    )?;
    let sql = format!(
        "SELECT {REPOSITORY_COLUMNS} FROM repositories r JOIN projects p ON p.id = r.project_id
         WHERE {filter} ORDER BY p.name, r.name LIMIT ?3 OFFSET ?4"
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt
        .query_map(
            params![project_id, name_has, window.sql_limit(), window.offset],
            repository_row,
        )?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok((total, rows))
}

// ---------------------------------------------------------------------------------------------
// artifacts

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
    let mut stmt = conn.prepare_cached(
        "SELECT id, artifact_id, repository_id, name, push_time, pull_time, immutable, signed
         FROM tags WHERE artifact_id = ?1 ORDER BY push_time, id",
    )?;
    let rows = stmt
        .query_map(params![artifact_id], |row| {
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
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

fn references_of(conn: &Connection, artifact_id: i64) -> Result<Vec<ReferenceRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT ar.parent_id, ar.child_id, c.digest, ar.os, ar.architecture
         FROM artifact_references ar JOIN artifacts c ON c.id = ar.child_id
         WHERE ar.parent_id = ?1 ORDER BY ar.rowid",
    )?;
    let rows = stmt
        .query_map(params![artifact_id], |row| {
            Ok(ReferenceRow {
                parent_id: row.get(0)?,
                child_id: row.get(1)?,
                child_digest: row.get(2)?,
                os: row.get(3)?,
                architecture: row.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
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
        list_artifacts_in(tx, project, repository_name, window)
    })
}

fn list_artifacts_in(
    conn: &Connection,
    project: &str,
    repository_name: &str,
    window: Window,
) -> Result<(i64, Vec<ArtifactRow>)> {
    let repo = repository(conn, project, repository_name)?;
    let project_id = project_id(conn, project)?;
    let filter = "a.repository_id = ?1
        AND NOT EXISTS (SELECT 1 FROM artifact_references ar WHERE ar.child_id = a.id)";
    let total = conn.query_row(
        &format!("SELECT COUNT(*) FROM artifacts a WHERE {filter}"),
        params![repo.id],
        |row| row.get(0),
    )?;
    let sql = format!(
        "SELECT a.id, a.digest, a.media_type, a.manifest_media_type, a.kind, a.size, a.icon, a.os,
                a.architecture, a.author, a.created_at, a.push_time, a.pull_time
         FROM artifacts a WHERE {filter} ORDER BY a.push_time DESC, a.id LIMIT ?2 OFFSET ?3"
    );
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt
        .query_map(params![repo.id, window.sql_limit(), window.offset], |row| {
            Ok(ArtifactRow {
                id: row.get(0)?,
                project_id,
                repository_id: repo.id,
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
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    for row in &mut rows {
        row.tags = tags_of(conn, row.id)?;
        row.references = references_of(conn, row.id)?;
    }
    Ok((total, rows))
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

// ---------------------------------------------------------------------------------------------
// charts

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
    in_read_tx(conn, |tx| list_charts_in(tx, name_has, window))
}

fn list_charts_in(
    conn: &Connection,
    name_has: &str,
    window: Window,
) -> Result<(i64, Vec<ChartRow>)> {
    let total = conn.query_row(
        "SELECT COUNT(*) FROM charts WHERE instr(lower(name), lower(?1)) > 0",
        params![name_has],
        |row| row.get(0),
    )?;
    let mut stmt = conn.prepare(
        "SELECT c.id, p.name, c.name, c.created_at, c.updated_at
         FROM charts c JOIN projects p ON p.id = c.project_id
         WHERE instr(lower(c.name), lower(?1)) > 0
         ORDER BY p.name, c.name LIMIT ?2 OFFSET ?3",
    )?;
    let heads = stmt
        .query_map(
            params![name_has, window.sql_limit(), window.offset],
            |row| {
                Ok((
                    row.get::<_, i64>(0)?,
                    ChartRow {
                        project_name: row.get(1)?,
                        name: row.get(2)?,
                        versions: Vec::new(),
                        created_ms: row.get(3)?,
                        updated_ms: row.get(4)?,
                    },
                ))
            },
        )?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut versions_stmt =
        conn.prepare_cached("SELECT version FROM chart_versions WHERE chart_id = ?1")?;
    let mut rows = Vec::with_capacity(heads.len());
    for (id, mut row) in heads {
        row.versions = versions_stmt
            .query_map(params![id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        rows.push(row);
    }
    Ok((total, rows))
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
    let project = self::project(tx, project)?;
    if project.quota_bytes >= 0 && project.used_bytes.saturating_add(size) > project.quota_bytes {
        return Err(StoreError::QuotaExceeded {
            project: project.name,
            quota_bytes: project.quota_bytes,
            used_bytes: project.used_bytes,
            needed_bytes: size,
        });
    }
    let existing: Option<i64> = tx
        .query_row(
            "SELECT id FROM charts WHERE project_id = ?1 AND name = ?2",
            params![project.id, name],
            |row| row.get(0),
        )
        .optional()?;
    let chart_id = if let Some(id) = existing {
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
        id
    } else {
        tx.execute(
            "INSERT INTO charts (project_id, name, created_at, updated_at) VALUES (?1, ?2, ?3, NULL)",
            params![project.id, name, now_ms],
        )?;
        tx.last_insert_rowid()
    };
    tx.execute(
        "INSERT INTO chart_versions (chart_id, version, size, created_at) VALUES (?1, ?2, ?3, ?4)",
        params![chart_id, version, size, now_ms],
    )?;
    let version_id = tx.last_insert_rowid();
    let mut stored = 0_u64;
    match source {
        ArchiveSource::Bytes(bytes) => {
            for (seq, chunk) in (0_i64..).zip(bytes.chunks(ARCHIVE_CHUNK_BYTES)) {
                insert_chunk(tx, version_id, seq, chunk)?;
                stored += chunk.len() as u64;
            }
        }
        ArchiveSource::File { file, .. } => {
            let mut buf = vec![0_u8; ARCHIVE_CHUNK_BYTES];
            for seq in 0_i64.. {
                // Fill a whole chunk (a read may return less), so chunk k starts at k * size.
                let mut filled = 0;
                while filled < buf.len() {
                    let n = file.read(&mut buf[filled..])?;
                    if n == 0 {
                        break;
                    }
                    filled += n;
                }
                if filled == 0 {
                    break;
                }
                insert_chunk(tx, version_id, seq, &buf[..filled])?;
                stored += filled as u64;
            }
        }
    }
    if stored != size_bytes {
        return Err(StoreError::Io(std::io::Error::other(
            "the chart file changed while it was being imported",
        )));
    }
    touch_project(tx, project.id, now_ms)?;
    Ok(size_bytes)
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
