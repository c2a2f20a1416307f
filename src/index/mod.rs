//! The local registry index: one `SQLite` file per profile in the OS cache folder
//! (`…/ccr-desk/index/<profile-id>.sqlite`, see [`default_path`]) that holds what the app has
//! learnt of a registry — projects, repositories, artifacts with their tags, platforms,
//! references, sizes, push and pull times, and charts — each with when it was last seen. It
//! never holds a password: only the server's answers about the registry go in.
//!
//! - [`Index::open`] checks the file's application id, schema version and integrity; it
//!   migrates an older schema it knows, and rebuilds (deletes and recreates) a file that is
//!   corrupt, of another program, or of a version it cannot migrate. The index is a cache, so a
//!   rebuild loses nothing the server cannot give again; [`Index::opened`] says what happened.
//! - Writing ([`mod@write`]): every page the app is shown is recorded (`record_*_page`), every
//!   change the app makes is applied at once (`project_created`, `artifact_deleted` …), and a
//!   [`crawl`] walks the whole registry, a project or a repository. What the server answers now
//!   replaces what the index held.
//! - Reading ([`query`], [`search`]): windows of rows (offset, limit, order, filter) ordered and
//!   counted in SQL, never whole tables; storage totals; search across every kind.
//!
//! # Blocking work
//!
//! rusqlite is blocking, so every method of [`Index`] is a plain blocking function, meant to run
//! off the UI thread: [`Index::run`] runs one on tokio's blocking pool (`spawn_blocking`), and the
//! crawl writes each page that way. We chose `spawn_blocking` over a dedicated writer thread:
//! there is no thread to start, stop or restart after a panic, work is queued by tokio, and the
//! two connections below already give the ordering a writer thread would. The handle holds one
//! writer connection and one read-only connection, each behind a mutex, on a file in WAL mode:
//! writes are serialised (as `SQLite` wants), and a query never waits for a crawl's transaction.
//! Each write is one immediate transaction, so a killed process leaves a consistent file.
//!
//! # Generations
//!
//! Every write that reflects an answer of the server takes a new *generation* number (a counter
//! in the file) and stamps the rows it writes with it. A complete listing of a parent (every
//! page of a project's repositories, say, with the same total on every page) started at
//! generation `g` removes the parent's children stamped before `g`: they were not seen, so the
//! server no longer has them. A listing whose total moved while it was read removes nothing.

pub mod cleanup_rows;
mod crawl;
pub mod query;
mod schema;
pub mod search;
mod sort_key;
pub mod storage;
pub mod write;

use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, Transaction, TransactionBehavior};

use crate::profile::ProfileId;

pub use crawl::{
    Counts, CrawlError, CrawlOutcome, CrawlPhase, CrawlProgress, CrawlReport, CrawlScope,
    CrawlSettings, ListingTarget, crawl,
};
pub use query::{
    ArtifactOrder, ArtifactQuery, ChartOrder, ChartQuery, IndexedArtifact, IndexedChart,
    IndexedProject, IndexedRepository, MAX_WINDOW_ROWS, ProjectOrder, ProjectQuery, ProjectStorage,
    RepositoryOrder, RepositoryQuery, RepositoryStorage, SortDirection, StorageTotals, Window,
};
pub use schema::{RebuildReason, SCHEMA_VERSION};
pub use search::{
    ChartHit, DigestHit, Freshness, Hits, ProjectHit, RepositoryHit, SearchResults, TagHit,
};
pub use sort_key::version_sort_key;
pub use write::Recorded;

/// How long a connection waits for the other one (or another process) before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// Why the index could not do what was asked. The UI words these; they carry facts only.
#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    /// The OS has no cache folder for this user, so there is no default place for the file.
    #[error("no cache folder")]
    NoCacheDir,
    /// The index file or its folder could not be created or removed.
    #[error("index file {path}: {source}")]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// What failed.
        #[source]
        source: io::Error,
    },
    /// The database failed.
    #[error("index database: {0}")]
    Database(#[from] rusqlite::Error),
    /// The file was rebuilt and is still not usable (another process holds a broken file open,
    /// or the disk fails).
    #[error("index file {path} unusable after a rebuild: {reason:?}")]
    Unusable {
        /// The file.
        path: PathBuf,
        /// What was wrong with it the second time.
        reason: RebuildReason,
    },
    /// The blocking task running the work was cancelled or panicked.
    #[error("index task ended abnormally")]
    Task,
}

impl IndexError {
    /// True when the database reports the file as damaged: reopening it with [`Index::open`]
    /// rebuilds it.
    pub fn is_corrupt(&self) -> bool {
        matches!(
            self,
            Self::Database(error)
                if matches!(
                    error.sqlite_error_code(),
                    Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase)
                )
        )
    }
}

/// What [`Index::open`] found in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Opened {
    /// There was no file (or an empty one): a new, empty index.
    Created,
    /// An index of the current schema version.
    Existing,
    /// An index of an older schema version, migrated.
    Migrated {
        /// The version it had.
        from: i64,
    },
    /// The file could not be used and was replaced by a new, empty index.
    Rebuilt {
        /// What was wrong with it.
        reason: RebuildReason,
    },
}

/// The index file of the profile `profile`: `<cache>/ccr-desk/index/<profile-id>.sqlite`
/// (`~/.cache/ccr-desk/index/…` on Linux). `None` when the OS has no cache folder.
pub fn default_path(profile: &ProfileId) -> Option<PathBuf> {
    default_folder().map(|folder| path_in(&folder, profile))
}

/// The folder of the index files: `<cache>/ccr-desk/index`. `None` when the OS has no cache
/// folder.
pub fn default_folder() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "ccr-desk").map(|dirs| dirs.cache_dir().join("index"))
}

/// The index file of `profile` in `folder`.
pub fn path_in(folder: &Path, profile: &ProfileId) -> PathBuf {
    folder.join(format!("{}.sqlite", profile.as_str()))
}

/// An open index. Cheap to clone; clones share the connections.
#[derive(Clone)]
pub struct Index {
    inner: Arc<Inner>,
}

struct Inner {
    path: PathBuf,
    opened: Opened,
    writer: Mutex<Connection>,
    reader: Mutex<Connection>,
}

impl std::fmt::Debug for Index {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Index")
            .field("path", &self.inner.path)
            .field("opened", &self.inner.opened)
            .finish_non_exhaustive()
    }
}

impl Index {
    /// Opens (or creates) the index at `path`, creating its folder. A file that is corrupt, not
    /// an index, or of a schema version this build cannot migrate is deleted and recreated;
    /// [`Index::opened`] says so. Blocking.
    pub fn open(path: impl AsRef<Path>) -> Result<Self, IndexError> {
        let path = path.as_ref().to_path_buf();
        if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(folder).map_err(|source| IndexError::Io {
                path: folder.to_path_buf(),
                source,
            })?;
        }
        let (writer, opened) = match schema::prepare(&path)? {
            Ok((connection, opened)) => (connection, opened),
            Err(reason) => {
                tracing::warn!(path = %path.display(), ?reason, "rebuilding the registry index");
                remove_database_files(&path)?;
                match schema::prepare(&path)? {
                    Ok((connection, _)) => (connection, Opened::Rebuilt { reason }),
                    Err(reason) => return Err(IndexError::Unusable { path, reason }),
                }
            }
        };
        let reader = schema::connect(&path)?;
        reader.pragma_update(None, "query_only", true)?;
        Ok(Self {
            inner: Arc::new(Inner {
                path,
                opened,
                writer: Mutex::new(writer),
                reader: Mutex::new(reader),
            }),
        })
    }

    /// Opens the index of `profile` at [`default_path`].
    pub fn open_for_profile(profile: &ProfileId) -> Result<Self, IndexError> {
        let path = default_path(profile).ok_or(IndexError::NoCacheDir)?;
        Self::open(path)
    }

    /// The file.
    pub fn path(&self) -> &Path {
        &self.inner.path
    }

    /// What opening found: a new file, an existing one, a migrated or a rebuilt one.
    pub fn opened(&self) -> &Opened {
        &self.inner.opened
    }

    /// Runs the blocking `work` on tokio's blocking pool and waits for it without blocking the
    /// async caller. Needs a tokio runtime.
    pub async fn run<T, F>(&self, work: F) -> Result<T, IndexError>
    where
        T: Send + 'static,
        F: FnOnce(&Index) -> Result<T, IndexError> + Send + 'static,
    {
        let index = self.clone();
        tokio::task::spawn_blocking(move || work(&index))
            .await
            .map_err(|_| IndexError::Task)?
    }

    /// Forgets everything the index holds (the file stays, empty). Blocking.
    pub fn clear(&self) -> Result<(), IndexError> {
        self.write(write::clear_all)
    }

    /// Ties the index to `server` (the `host[:port]` of the profile's endpoint,
    /// [`crate::api::CcrClient::host`]). When it held another server's data, that is cleared
    /// first and `true` is returned. Call it before recording a connection's answers; the
    /// crawl does. Blocking.
    pub fn bind_server(&self, server: &str) -> Result<bool, IndexError> {
        self.write(|tx| write::bind_server(tx, server))
    }

    /// One immediate transaction on the writer connection, committed when `work` succeeds.
    fn write<T>(
        &self,
        work: impl FnOnce(&Transaction<'_>) -> rusqlite::Result<T>,
    ) -> Result<T, IndexError> {
        let mut connection = lock(&self.inner.writer);
        let tx = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let value = work(&tx)?;
        tx.commit()?;
        Ok(value)
    }

    /// One read transaction on the read-only connection: every statement of `work` sees the
    /// same state.
    fn read<T>(
        &self,
        work: impl FnOnce(&Transaction<'_>) -> rusqlite::Result<T>,
    ) -> Result<T, IndexError> {
        let mut connection = lock(&self.inner.reader);
        let tx = connection.transaction_with_behavior(TransactionBehavior::Deferred)?;
        let value = work(&tx)?;
        tx.finish()?;
        Ok(value)
    }
}

fn lock(connection: &Mutex<Connection>) -> MutexGuard<'_, Connection> {
    // A panic while the lock was held rolled its transaction back (the guard dropped it): the
    // connection itself is fine to use again.
    connection.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Deletes the database file and its WAL, shared-memory and journal files (missing ones are
/// fine).
fn remove_database_files(path: &Path) -> Result<(), IndexError> {
    let mut files = vec![path.to_path_buf()];
    for suffix in ["-wal", "-shm", "-journal"] {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        files.push(PathBuf::from(name));
    }
    for file in files {
        match std::fs::remove_file(&file) {
            Ok(()) => {}
            Err(error) if error.kind() == io::ErrorKind::NotFound => {}
            Err(source) => return Err(IndexError::Io { path: file, source }),
        }
    }
    Ok(())
}

/// Now, in milliseconds since the Unix epoch.
fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_path_is_in_the_cache_folder_and_named_by_the_profile() {
        let id = ProfileId::new_random();
        if let Some(path) = default_path(&id) {
            assert!(path.ends_with(format!("index/{id}.sqlite")), "{path:?}");
        }
    }
}
