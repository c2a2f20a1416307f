//! The activity log file: append-only JSON Lines, one [`ActivityEntry`] per line.

use std::fs::{File, OpenOptions};
use std::io::{self, BufRead, BufReader, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use super::{ActivityEntry, Operation, Outcome};
use crate::profile::ProfileId;

/// The log file's name inside the data folder.
const FILE_NAME: &str = "activity.jsonl";

/// Why the activity log could not be written or read.
#[derive(Debug, thiserror::Error)]
pub enum ActivityError {
    /// The platform gives no folder for per-user data.
    #[error("no per-user data folder")]
    NoDataDir,
    /// The log file or its folder could not be created, written or read.
    #[error("activity log {}: {source}", path.display())]
    Io {
        /// The file or folder concerned.
        path: PathBuf,
        /// What the operating system said.
        source: io::Error,
    },
    /// An entry could not be written as JSON.
    #[error("activity entry not encodable: {source}")]
    Json {
        /// What the encoder said.
        source: serde_json::Error,
    },
}

/// Which entries [`ActivityLog::read`] returns. The default returns every entry.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ActivityFilter {
    /// Only entries made through this profile.
    pub profile_id: Option<ProfileId>,
    /// Only entries of this operation.
    pub operation: Option<Operation>,
    /// Only entries with this result.
    pub result: Option<Outcome>,
    /// Only entries made at or after this time (ms since the epoch, inclusive).
    pub from_ms: Option<i64>,
    /// Only entries made before this time (ms since the epoch, exclusive).
    pub to_ms: Option<i64>,
    /// At most this many entries (the newest ones).
    pub limit: Option<usize>,
}

impl ActivityFilter {
    /// Whether `entry` passes every condition of the filter (the limit aside).
    pub fn matches(&self, entry: &ActivityEntry) -> bool {
        self.profile_id
            .as_ref()
            .is_none_or(|id| *id == entry.profile_id)
            && self.operation.is_none_or(|op| op == entry.operation)
            && self.result.is_none_or(|result| result == entry.result)
            && self.from_ms.is_none_or(|from| entry.at_ms >= from)
            && self.to_ms.is_none_or(|to| entry.at_ms < to)
    }
}

/// What [`ActivityLog::read`] found.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ActivityRead {
    /// The entries that pass the filter, newest first (for equal times, the later written
    /// first).
    pub entries: Vec<ActivityEntry>,
    /// How many non-empty lines of the file are not an entry (such as a line torn by a crash
    /// while it was written); they are skipped, whatever the filter.
    pub unreadable_lines: usize,
}

/// The default log file, `<OS data folder>/ccr-desk/activity.jsonl`; `None` when the platform
/// gives no per-user data folder.
pub fn default_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "ccr-desk").map(|dirs| dirs.data_dir().join(FILE_NAME))
}

/// The activity log: an append-only JSON Lines file.
///
/// Share one value (in an `Arc`) between threads: its appends and reads take turns, so two
/// appends never interleave and a read never sees half an entry.
#[derive(Debug)]
pub struct ActivityLog {
    /// The JSON Lines file.
    path: PathBuf,
    /// Held while the file is written or read.
    lock: Mutex<()>,
}

impl ActivityLog {
    /// The log in the file at `path`, creating its folder if needed (the file itself is created
    /// by the first append).
    pub fn open(path: impl Into<PathBuf>) -> Result<Self, ActivityError> {
        let path = path.into();
        if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(folder).map_err(|source| ActivityError::Io {
                path: folder.to_path_buf(),
                source,
            })?;
        }
        Ok(Self {
            path,
            lock: Mutex::new(()),
        })
    }

    /// The log in the file at `path`, touching nothing yet: the first append creates the
    /// folder and the file.
    pub fn at(path: impl Into<PathBuf>) -> Self {
        Self {
            path: path.into(),
            lock: Mutex::new(()),
        }
    }

    /// The log in its [`default_path`].
    pub fn open_default() -> Result<Self, ActivityError> {
        Self::open(default_path().ok_or(ActivityError::NoDataDir)?)
    }

    /// The log file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Adds `entry` as the file's last line. When this returns `Ok`, the line is on the disk
    /// (`sync_data`), so a crash afterwards does not lose it. A last line torn by an earlier
    /// crash is ended first, so it stays one unreadable line and does not spoil this one.
    pub fn append(&self, entry: &ActivityEntry) -> Result<(), ActivityError> {
        let mut line =
            serde_json::to_vec(entry).map_err(|source| ActivityError::Json { source })?;
        line.push(b'\n');
        let _turn = self.lock.lock().unwrap_or_else(PoisonError::into_inner);
        let created = !self.path.exists();
        if created && let Some(folder) = self.path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(folder).map_err(|source| ActivityError::Io {
                path: folder.to_path_buf(),
                source,
            })?;
        }
        let io_error = |source| ActivityError::Io {
            path: self.path.clone(),
            source,
        };
        let mut file = OpenOptions::new()
            .read(true)
            .append(true)
            .create(true)
            .open(&self.path)
            .map_err(io_error)?;
        if ends_inside_a_line(&mut file).map_err(io_error)? {
            line.insert(0, b'\n');
        }
        file.write_all(&line).map_err(io_error)?;
        file.sync_data().map_err(io_error)?;
        if created {
            self.sync_folder()?;
        }
        Ok(())
    }

    /// The entries that pass `filter`, newest first, and how many lines could not be read.
    /// A log file that does not exist yet holds no entries.
    pub fn read(&self, filter: &ActivityFilter) -> Result<ActivityRead, ActivityError> {
        let io_error = |source| ActivityError::Io {
            path: self.path.clone(),
            source,
        };
        let _turn = self.lock.lock().unwrap_or_else(PoisonError::into_inner);
        let file = match File::open(&self.path) {
            Ok(file) => file,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(ActivityRead::default()),
            Err(e) => return Err(io_error(e)),
        };
        let mut read = ActivityRead::default();
        for line in BufReader::new(file).split(b'\n') {
            let line = line.map_err(io_error)?;
            if line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            match serde_json::from_slice::<ActivityEntry>(&line) {
                Ok(entry) if filter.matches(&entry) => read.entries.push(entry),
                Ok(_) => {}
                Err(_) => read.unreadable_lines += 1,
            }
        }
        // Later lines first, then a stable sort by time: equal times keep that order.
        read.entries.reverse();
        read.entries
            .sort_by_key(|entry| std::cmp::Reverse(entry.at_ms));
        if let Some(limit) = filter.limit {
            read.entries.truncate(limit);
        }
        Ok(read)
    }

    /// Puts the new file's name in its folder on the disk too (Unix; elsewhere a no-op).
    fn sync_folder(&self) -> Result<(), ActivityError> {
        #[cfg(unix)]
        if let Some(folder) = self.path.parent().filter(|p| !p.as_os_str().is_empty()) {
            File::open(folder)
                .and_then(|dir| dir.sync_all())
                .map_err(|source| ActivityError::Io {
                    path: folder.to_path_buf(),
                    source,
                })?;
        }
        Ok(())
    }
}

/// Whether `file` is non-empty and its last byte is not a line end.
fn ends_inside_a_line(file: &mut File) -> io::Result<bool> {
    if file.metadata()?.len() == 0 {
        return Ok(false);
    }
    file.seek(SeekFrom::End(-1))?;
    let mut last = [0_u8; 1];
    file.read_exact(&mut last)?;
    Ok(last[0] != b'\n')
}
