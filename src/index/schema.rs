//! The index file's layout: the tables, the schema version (`PRAGMA user_version`), the
//! application id that marks the file as ours, the migrations, and the checks made on opening.
//!
//! Times are milliseconds since the Unix epoch (UTC). A time the server sent as its zero time
//! ("never", an artifact never pulled) is stored as [`NEVER_MS`], the instant of
//! `0001-01-01T00:00:00Z`, so it sorts as the oldest; a time the server did not send, or sent in
//! no known form, is NULL.

use std::path::Path;

use rusqlite::{Connection, ErrorCode};

use super::{BUSY_TIMEOUT, IndexError, Opened};

/// The schema version this build writes (`PRAGMA user_version`).
pub const SCHEMA_VERSION: i64 = 1;

/// `PRAGMA application_id` of an index file: `CCRI` in ASCII.
const APPLICATION_ID: i64 = 0x4343_5249;

/// `0001-01-01T00:00:00Z` in milliseconds since the Unix epoch: the server's "never".
pub(super) const NEVER_MS: i64 = -62_135_596_800_000;

/// The migrations, in order: entry `i` takes a file from version `OLDEST_MIGRATABLE + i` to the
/// next. Empty while there has only been one version; a file older than
/// [`OLDEST_MIGRATABLE`] is rebuilt.
const MIGRATIONS: &[&str] = &[];

/// The oldest version [`MIGRATIONS`] can bring up to date.
#[allow(clippy::cast_possible_wrap)] // a handful of migrations, never 2^63
const OLDEST_MIGRATABLE: i64 = SCHEMA_VERSION - MIGRATIONS.len() as i64;

/// The tables of [`SCHEMA_VERSION`].
const TABLES: [&str; 7] = [
    "state",
    "projects",
    "repositories",
    "artifacts",
    "tags",
    "artifact_references",
    "charts",
];

const SCHEMA: &str = "
-- One row: the generation counter, the server the data is of, the state of the last registry
-- crawl run (for resuming it) and when the projects and charts were last completely listed.
CREATE TABLE state (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    generation INTEGER NOT NULL DEFAULT 0,
    server TEXT,
    run_generation INTEGER,
    run_started_ms INTEGER,
    run_finished_ms INTEGER,
    last_complete_crawl_ms INTEGER,
    projects_listed_gen INTEGER,
    projects_listed_ms INTEGER,
    charts_listed_gen INTEGER,
    charts_listed_ms INTEGER
);
INSERT INTO state (id) VALUES (1);

-- from_server = 0: a placeholder for a project the index met only as the parent of something.
CREATE TABLE projects (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    server_id INTEGER,
    project_id INTEGER,
    instance_id TEXT NOT NULL DEFAULT '',
    is_public INTEGER NOT NULL DEFAULT 0,
    quota_bytes INTEGER,
    storage_used_mib INTEGER,
    created_ms INTEGER,
    updated_ms INTEGER,
    tenant_id TEXT,
    sync_fields TEXT,
    sync_status INTEGER,
    sync_type INTEGER,
    from_server INTEGER NOT NULL DEFAULT 0,
    seen_generation INTEGER NOT NULL,
    last_seen_ms INTEGER NOT NULL,
    repositories_listed_gen INTEGER,
    repositories_listed_ms INTEGER
);

CREATE TABLE repositories (
    id INTEGER PRIMARY KEY,
    project_id INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    instance_id TEXT NOT NULL DEFAULT '',
    is_public INTEGER NOT NULL DEFAULT 0,
    tag_count INTEGER,
    summary TEXT NOT NULL DEFAULT '',
    detail TEXT NOT NULL DEFAULT '',
    created_ms INTEGER,
    from_server INTEGER NOT NULL DEFAULT 0,
    seen_generation INTEGER NOT NULL,
    last_seen_ms INTEGER NOT NULL,
    artifacts_listed_gen INTEGER,
    artifacts_listed_ms INTEGER,
    UNIQUE (project_id, name)
);
CREATE INDEX repositories_by_name ON repositories (name);

-- Top-level artifacts as the server lists them; tag_count and tag_key (the greatest of the
-- tags' version sort keys, NULL when untagged) summarise the tags for sorting and totals.
CREATE TABLE artifacts (
    id INTEGER PRIMARY KEY,
    repository_id INTEGER NOT NULL REFERENCES repositories (id) ON DELETE CASCADE,
    digest TEXT NOT NULL,
    server_id INTEGER,
    server_project_id INTEGER,
    server_repository_id INTEGER,
    artifact_type TEXT NOT NULL,
    media_type TEXT NOT NULL,
    manifest_media_type TEXT NOT NULL,
    size_bytes INTEGER,
    icon TEXT NOT NULL,
    labels TEXT NOT NULL,
    push_ms INTEGER,
    pull_ms INTEGER,
    os TEXT NOT NULL,
    architecture TEXT NOT NULL,
    author TEXT NOT NULL,
    created_ms INTEGER,
    tags_unreadable INTEGER NOT NULL DEFAULT 0,
    tag_count INTEGER NOT NULL DEFAULT 0,
    tag_key BLOB,
    seen_generation INTEGER NOT NULL,
    last_seen_ms INTEGER NOT NULL,
    UNIQUE (repository_id, digest)
);
CREATE INDEX artifacts_by_digest ON artifacts (digest);
CREATE INDEX artifacts_by_push ON artifacts (repository_id, push_ms);
CREATE INDEX artifacts_by_pull ON artifacts (repository_id, pull_ms);
CREATE INDEX artifacts_by_size ON artifacts (repository_id, size_bytes);
CREATE INDEX artifacts_by_tag ON artifacts (repository_id, tag_key);

CREATE TABLE tags (
    id INTEGER PRIMARY KEY,
    artifact_id INTEGER NOT NULL REFERENCES artifacts (id) ON DELETE CASCADE,
    repository_id INTEGER NOT NULL REFERENCES repositories (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    server_id INTEGER,
    server_artifact_id INTEGER,
    server_repository_id INTEGER,
    immutable INTEGER NOT NULL,
    signed INTEGER NOT NULL,
    push_ms INTEGER,
    pull_ms INTEGER,
    sort_key BLOB NOT NULL,
    UNIQUE (artifact_id, name)
);
CREATE INDEX tags_by_repository ON tags (repository_id, name);
CREATE INDEX tags_by_name ON tags (name);

-- The children of an image index; os NULL: the server gave no platform.
CREATE TABLE artifact_references (
    artifact_id INTEGER NOT NULL REFERENCES artifacts (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    child_digest TEXT NOT NULL,
    child_id INTEGER,
    parent_id INTEGER,
    os TEXT,
    architecture TEXT,
    variant TEXT,
    PRIMARY KEY (artifact_id, position)
);
CREATE INDEX references_by_child ON artifact_references (child_digest);

-- Charts are listed across projects, so they name their project instead of pointing at it.
CREATE TABLE charts (
    id INTEGER PRIMARY KEY,
    project_name TEXT NOT NULL,
    name TEXT NOT NULL,
    latest_version TEXT,
    total_versions INTEGER,
    created_ms INTEGER,
    updated_ms INTEGER,
    seen_generation INTEGER NOT NULL,
    last_seen_ms INTEGER NOT NULL,
    UNIQUE (project_name, name)
);
CREATE INDEX charts_by_name ON charts (name);
";

/// Why a file was not usable as it was, and was rebuilt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RebuildReason {
    /// `SQLite` does not read it as a database, or finds it damaged.
    Corrupt,
    /// A database, but not an index (another program's file, or tables missing).
    NotAnIndex,
    /// An index of a schema version this build cannot migrate (older than it knows, or newer).
    UnsupportedVersion {
        /// The file's version.
        found: i64,
    },
}

/// A connection to `path` with the settings both of the index's connections use.
pub(super) fn connect(path: &Path) -> Result<Connection, IndexError> {
    let connection = Connection::open(path)?;
    connection.busy_timeout(BUSY_TIMEOUT)?;
    connection.pragma_update(None, "foreign_keys", true)?;
    Ok(connection)
}

/// Opens `path` and makes it an index of [`SCHEMA_VERSION`]: creates the tables in an empty
/// file, migrates an older known version. `Ok(Err(reason))`: the file is not usable as it is
/// and must be rebuilt. `Err`: the file could not even be looked at (no permission, locked).
pub(super) fn prepare(
    path: &Path,
) -> Result<Result<(Connection, Opened), RebuildReason>, IndexError> {
    let mut connection = connect(path)?;
    match inspect_and_upgrade(&mut connection) {
        Ok(Ok(opened)) => {
            // WAL: the reader connection never waits for a crawl's write transaction.
            let _mode: String =
                connection.query_row("PRAGMA journal_mode = WAL", [], |row| row.get(0))?;
            connection.pragma_update(None, "synchronous", "NORMAL")?;
            Ok(Ok((connection, opened)))
        }
        Ok(Err(reason)) => Ok(Err(reason)),
        Err(error) if is_damage(&error) => Ok(Err(RebuildReason::Corrupt)),
        Err(error) => Err(error.into()),
    }
}

fn is_damage(error: &rusqlite::Error) -> bool {
    matches!(
        error.sqlite_error_code(),
        Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase)
    )
}

fn inspect_and_upgrade(
    connection: &mut Connection,
) -> rusqlite::Result<Result<Opened, RebuildReason>> {
    let version: i64 = connection.query_row("PRAGMA user_version", [], |row| row.get(0))?;
    let application_id: i64 =
        connection.query_row("PRAGMA application_id", [], |row| row.get(0))?;
    let check: String = connection.query_row("PRAGMA quick_check(1)", [], |row| row.get(0))?;
    if check != "ok" {
        return Ok(Err(RebuildReason::Corrupt));
    }
    let objects: i64 =
        connection.query_row("SELECT count(*) FROM sqlite_schema", [], |row| row.get(0))?;
    if objects == 0 {
        create(connection)?;
        return Ok(Ok(Opened::Created));
    }
    if application_id != APPLICATION_ID {
        return Ok(Err(RebuildReason::NotAnIndex));
    }
    if version == SCHEMA_VERSION {
        return Ok(if has_every_table(connection)? {
            Ok(Opened::Existing)
        } else {
            Err(RebuildReason::NotAnIndex)
        });
    }
    if !(OLDEST_MIGRATABLE..SCHEMA_VERSION).contains(&version) {
        return Ok(Err(RebuildReason::UnsupportedVersion { found: version }));
    }
    migrate(connection, version, OLDEST_MIGRATABLE, MIGRATIONS)?;
    Ok(if has_every_table(connection)? {
        Ok(Opened::Migrated { from: version })
    } else {
        Err(RebuildReason::NotAnIndex)
    })
}

fn create(connection: &mut Connection) -> rusqlite::Result<()> {
    let tx = connection.transaction()?;
    tx.execute_batch(SCHEMA)?;
    tx.pragma_update(None, "application_id", APPLICATION_ID)?;
    tx.pragma_update(None, "user_version", SCHEMA_VERSION)?;
    tx.commit()
}

fn has_every_table(connection: &Connection) -> rusqlite::Result<bool> {
    let mut statement = connection
        .prepare("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = ?1")?;
    for table in TABLES {
        let found: i64 = statement.query_row([table], |row| row.get(0))?;
        if found == 0 {
            return Ok(false);
        }
    }
    Ok(true)
}

/// Runs the migrations from `version` on, all in one transaction that also sets the new version:
/// `migrations[i]` takes version `oldest + i` to the next.
fn migrate(
    connection: &mut Connection,
    version: i64,
    oldest: i64,
    migrations: &[&str],
) -> rusqlite::Result<()> {
    let tx = connection.transaction()?;
    let mut at = version;
    for (from, sql) in (oldest..).zip(migrations) {
        if from >= version {
            tx.execute_batch(sql)?;
            at = from + 1;
        }
    }
    tx.pragma_update(None, "user_version", at)?;
    tx.commit()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_run_in_order_from_the_files_version() {
        let mut connection = Connection::open_in_memory().unwrap();
        connection
            .execute_batch("CREATE TABLE steps (n INTEGER); PRAGMA user_version = 2;")
            .unwrap();
        let steps = [
            "INSERT INTO steps VALUES (1);",
            "INSERT INTO steps VALUES (2);",
            "INSERT INTO steps VALUES (3);",
        ];
        migrate(&mut connection, 2, 1, &steps).unwrap();
        let done: Vec<i64> = connection
            .prepare("SELECT n FROM steps ORDER BY n")
            .unwrap()
            .query_map([], |row| row.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(done, [2, 3], "from version 2: the second and third steps");
        let version: i64 = connection
            .query_row("PRAGMA user_version", [], |row| row.get(0))
            .unwrap();
        assert_eq!(version, 4);
    }

    #[test]
    fn a_new_file_gets_every_table_and_the_version() {
        let dir = tempfile::tempdir().unwrap();
        let (connection, opened) = prepare(&dir.path().join("i.sqlite")).unwrap().unwrap();
        assert_eq!(opened, Opened::Created);
        assert!(has_every_table(&connection).unwrap());
        let version: i64 = connection
            .query_row("PRAGMA user_version", [], |row| row.get(0))
            .unwrap();
        assert_eq!(version, SCHEMA_VERSION);
    }
}
