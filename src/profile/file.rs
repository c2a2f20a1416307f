//! The settings file on disk (`profiles.toml`): read once, saved under a lock and merged with
//! what other app instances wrote (see [`ProfileFile`]).

use std::io::{self, Write as _};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{SystemTime, UNIX_EPOCH};

use toml::Table;

use super::config::{LoadedSettings, MovedAside, ProfileError, Settings, UnreadableSettings};
use super::merge::merge_settings;

/// Name of the settings file inside the configuration folder.
const FILE_NAME: &str = "profiles.toml";

/// Name of the lock file beside it, held exclusively while a save reads, merges and writes.
/// It stays on disk: deleting a lock file races with another process that just opened it.
const LOCK_FILE_NAME: &str = "profiles.toml.lock";

/// First line of the settings file.
const FILE_HEADER: &str =
    "# ccr-desk connection profiles. Passwords are not stored here: they live in the OS keyring.\n";

/// The settings file on disk: where it is, how it is read and written, and what this app
/// instance last loaded or saved.
///
/// Several app instances (or an older build) may share one file. [`Self::save`] therefore does
/// not simply replace the file: under an exclusive lock file (`profiles.toml.lock` beside it) it
/// re-reads what is on disk and merges three versions, key by key:
///
/// - *base*: the settings this instance last loaded or saved (its snapshot),
/// - *mine*: the settings being saved now,
/// - *disk*: what is in the file now.
///
/// Where mine differs from base, this instance changed it and mine wins (a profile it deleted
/// stays deleted). Everything else comes from disk: another instance's changes and profiles,
/// its deletions, and the keys this version does not know (top-level, inside a profile and
/// inside its `tls` table). Profiles are matched by id; the result lists this instance's
/// profiles in its order, then those only another instance has. The merged text is written
/// atomically (temporary file, sync, rename).
///
/// The snapshot is *this instance's own view*, not the merged file: the app keeps its settings
/// in memory and does not re-read what others added, so the next diff must not mistake their
/// profiles for deletions. Clones share the snapshot (the app clones the file for each save
/// task). A file that saves without having loaded has no snapshot: its save then only adds and
/// overwrites, it removes nothing from disk.
#[derive(Clone, Debug)]
pub struct ProfileFile {
    path: PathBuf,
    /// The settings of the last load or save, as TOML; `None` before either succeeded.
    snapshot: Arc<Mutex<Option<Table>>>,
}

impl ProfileFile {
    /// The file `profiles.toml` in `dir` (tests use a temporary folder).
    pub fn in_dir(dir: &Path) -> Self {
        Self {
            path: dir.join(FILE_NAME),
            snapshot: Arc::default(),
        }
    }

    /// The file in the platform's per-user configuration folder for `ccr-desk`
    /// (`~/.config/ccr-desk` on Linux).
    pub fn default_location() -> Result<Self, ProfileError> {
        let dirs =
            directories::ProjectDirs::from("", "", "ccr-desk").ok_or(ProfileError::NoConfigDir)?;
        Ok(Self::in_dir(dirs.config_dir()))
    }

    /// Where the file is.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Reads the settings. A missing file gives default settings. A file that cannot be
    /// understood is renamed to `profiles.toml.broken-<unix seconds>` beside it (never deleted)
    /// and default settings come back with a notice naming the kept file. Other read errors fail.
    ///
    /// What comes back becomes this instance's snapshot for the merge of the next
    /// [`Self::save`].
    pub fn load(&self) -> Result<LoadedSettings, ProfileError> {
        let loaded = self.read_settings()?;
        *self.snapshot() = Some(to_table(&loaded.settings)?);
        Ok(loaded)
    }

    /// The snapshot, also when a thread panicked while holding it (it is then still a valid,
    /// if older, snapshot).
    fn snapshot(&self) -> MutexGuard<'_, Option<Table>> {
        self.snapshot.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// [`Self::load`] without touching the snapshot.
    fn read_settings(&self) -> Result<LoadedSettings, ProfileError> {
        let bytes = match std::fs::read(&self.path) {
            Ok(bytes) => bytes,
            Err(error) if error.kind() == io::ErrorKind::NotFound => {
                return Ok(LoadedSettings {
                    settings: Settings::default(),
                    notice: None,
                });
            }
            Err(source) => {
                return Err(ProfileError::Read {
                    path: self.path.clone(),
                    source,
                });
            }
        };
        let problem = match std::str::from_utf8(&bytes) {
            Err(_) => UnreadableSettings::NotUtf8,
            Ok(text) => match toml::from_str::<Settings>(text) {
                Ok(settings) => {
                    return Ok(LoadedSettings {
                        settings,
                        notice: None,
                    });
                }
                Err(error) => toml_problem(text, &error),
            },
        };
        let kept = self.move_aside()?;
        tracing::warn!(
            file = %self.path.display(),
            kept = %kept.display(),
            "profiles file not understood ({problem}); moved aside"
        );
        Ok(LoadedSettings {
            settings: Settings::default(),
            notice: Some(MovedAside { kept, problem }),
        })
    }

    /// Renames the file to a free `profiles.toml.broken-<unix seconds>[-n]` name beside it.
    fn move_aside(&self) -> Result<PathBuf, ProfileError> {
        let secs = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |elapsed| elapsed.as_secs());
        let base = format!("{FILE_NAME}.broken-{secs}");
        let mut kept = self.path.with_file_name(&base);
        let mut n = 2_u32;
        while kept.exists() {
            kept = self.path.with_file_name(format!("{base}-{n}"));
            n += 1;
        }
        std::fs::rename(&self.path, &kept).map_err(|source| ProfileError::Write {
            path: kept.clone(),
            source,
        })?;
        Ok(kept)
    }

    /// Saves `settings`, merged with what is on disk now (see [`ProfileFile`] for the rules),
    /// atomically: a temporary file in the same folder, synced to disk, then renamed over the
    /// old file. Creates the folder when needed. Holds the lock file while it reads, merges and
    /// writes, so saves of several instances never interleave.
    ///
    /// A file on disk that cannot be understood is moved aside as [`Self::load`] does and the
    /// settings are saved as if there was none. On success `settings` become the snapshot.
    pub fn save(&self, settings: &Settings) -> Result<(), ProfileError> {
        let mine = to_table(settings)?;
        // Held to the end: saves of this instance (and its clones) take turns too.
        let mut snapshot = self.snapshot();
        let dir = match self.path.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir,
            _ => Path::new("."),
        };
        std::fs::create_dir_all(dir).map_err(|source| ProfileError::Write {
            path: dir.to_path_buf(),
            source,
        })?;
        let _lock = lock_exclusively(&dir.join(LOCK_FILE_NAME))?;

        let on_disk = self.read_for_merge()?;
        let merged = merge_settings(&mine, snapshot.as_ref(), &on_disk);
        // Each merged value came from a file that parsed: the result parses too. Checked
        // anyway, so a merge mistake is an error instead of a file the next start moves aside.
        merged
            .clone()
            .try_into::<Settings>()
            .map_err(|e| ProfileError::Encode(e.message().to_owned()))?;
        let text = toml::to_string(&merged).map_err(|e| ProfileError::Encode(e.to_string()))?;

        let write_error = |source| ProfileError::Write {
            path: self.path.clone(),
            source,
        };
        let mut file = tempfile::NamedTempFile::new_in(dir).map_err(write_error)?;
        file.write_all(FILE_HEADER.as_bytes())
            .and_then(|()| file.write_all(text.as_bytes()))
            .and_then(|()| file.as_file().sync_all())
            .map_err(write_error)?;
        file.persist(&self.path)
            .map_err(|error| write_error(error.error))?;
        *snapshot = Some(mine);
        tracing::debug!(file = %self.path.display(), "profiles saved");
        Ok(())
    }

    /// The file on disk as a TOML table for the merge: empty when there is none, and empty
    /// after moving it aside when it is not valid settings.
    fn read_for_merge(&self) -> Result<Table, ProfileError> {
        let bytes = match std::fs::read(&self.path) {
            Ok(bytes) => bytes,
            Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(Table::new()),
            Err(source) => {
                return Err(ProfileError::Read {
                    path: self.path.clone(),
                    source,
                });
            }
        };
        let parsed = std::str::from_utf8(&bytes)
            .ok()
            .and_then(|text| text.parse::<Table>().ok())
            .filter(|table| table.clone().try_into::<Settings>().is_ok());
        if let Some(table) = parsed {
            return Ok(table);
        }
        let kept = self.move_aside()?;
        tracing::warn!(
            file = %self.path.display(),
            kept = %kept.display(),
            "profiles file not understood while saving; moved aside"
        );
        Ok(Table::new())
    }
}

/// Opens (creating it when needed) and locks `path` exclusively, waiting for another holder.
/// The lock goes when the returned file is dropped.
fn lock_exclusively(path: &Path) -> Result<std::fs::File, ProfileError> {
    let lock_error = |source| ProfileError::Write {
        path: path.to_path_buf(),
        source,
    };
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(path)
        .map_err(lock_error)?;
    file.lock().map_err(lock_error)?;
    Ok(file)
}

/// The settings as a TOML table, the form the merge works on.
fn to_table(settings: &Settings) -> Result<Table, ProfileError> {
    Table::try_from(settings).map_err(|e| ProfileError::Encode(e.to_string()))
}

/// A TOML error's line and the parser's message, without the excerpt of the file that its
/// `Display` carries.
fn toml_problem(text: &str, error: &toml::de::Error) -> UnreadableSettings {
    let line = error.span().map(|span| {
        text.as_bytes()
            .iter()
            .take(span.start)
            .filter(|&&b| b == b'\n')
            .count()
            + 1
    });
    UnreadableSettings::Toml {
        line,
        message: error.message().trim().to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::config::{DEFAULT_CONNECT_TIMEOUT, DEFAULT_INSTANCE_ID, DEFAULT_READ_TIMEOUT};
    use crate::profile::ProfileTls;
    use crate::profile::config::tests::sample_settings;

    #[test]
    fn settings_round_trip_through_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let file = ProfileFile::in_dir(&dir.path().join("nested"));
        let settings = sample_settings();
        file.save(&settings).unwrap();
        let text = std::fs::read_to_string(file.path()).unwrap();
        assert!(text.starts_with(FILE_HEADER), "{text}");
        let loaded = file.load().unwrap();
        assert_eq!(loaded.settings, settings);
        assert!(loaded.notice.is_none());

        // Saving again replaces the file and leaves no temporary files behind.
        let mut changed = settings.clone();
        changed.last_screen = None;
        changed.profiles.pop();
        file.save(&changed).unwrap();
        assert_eq!(file.load().unwrap().settings, changed);
        let mut names: Vec<_> = std::fs::read_dir(dir.path().join("nested"))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        names.sort();
        assert_eq!(
            names,
            [FILE_NAME, LOCK_FILE_NAME].map(std::ffi::OsString::from)
        );
    }

    #[test]
    fn toml_round_trip_and_ids_are_plain_strings() {
        let settings = sample_settings();
        let text = toml::to_string(&settings).unwrap();
        let id = settings.profiles[1].id.as_str();
        assert!(text.contains(&format!("last_profile = \"{id}\"")), "{text}");
        assert_eq!(toml::from_str::<Settings>(&text).unwrap(), settings);
    }

    #[test]
    fn saved_settings_hold_no_password() {
        let text = toml::to_string(&sample_settings()).unwrap();
        assert!(!text.to_lowercase().contains("password"), "{text}");
        assert!(!text.to_lowercase().contains("secret"), "{text}");
    }

    #[test]
    fn hand_written_minimal_file_gets_defaults() {
        let text = r#"
            [[profiles]]
            id = "abc"
            name = "Mine"
            endpoint = "https://r.example.com"
            username = "me"
            unknown_future_field = 1
        "#;
        let settings: Settings = toml::from_str(text).unwrap();
        let p = &settings.profiles[0];
        assert_eq!(p.id.as_str(), "abc");
        assert_eq!(p.instance_id, DEFAULT_INSTANCE_ID);
        assert_eq!(p.connect_timeout_secs, DEFAULT_CONNECT_TIMEOUT.as_secs());
        assert_eq!(p.read_timeout_secs, DEFAULT_READ_TIMEOUT.as_secs());
        assert_eq!(p.tls, ProfileTls::default());
        assert!(!p.builtin_sandbox);
        assert_eq!(settings.last_profile, None);
        assert_eq!(toml::from_str::<Settings>("").unwrap(), Settings::default());
    }

    #[test]
    fn missing_file_gives_default_settings() {
        let dir = tempfile::tempdir().unwrap();
        let loaded = ProfileFile::in_dir(dir.path()).load().unwrap();
        assert_eq!(loaded.settings, Settings::default());
        assert!(loaded.notice.is_none());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[test]
    fn broken_file_is_moved_aside_not_deleted() {
        let dir = tempfile::tempdir().unwrap();
        let file = ProfileFile::in_dir(dir.path());
        let garbage = "[[profiles]]\nname = \"no closing quote\n";
        std::fs::write(file.path(), garbage).unwrap();

        let loaded = file.load().unwrap();
        assert_eq!(loaded.settings, Settings::default());
        let notice = loaded.notice.unwrap();
        assert!(!file.path().exists());
        let kept: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        assert_eq!(kept.len(), 1);
        let kept_name = kept[0].file_name().unwrap().to_str().unwrap();
        assert!(
            kept_name.starts_with("profiles.toml.broken-"),
            "{kept_name}"
        );
        assert_eq!(
            notice.kept.file_name().and_then(|n| n.to_str()),
            Some(kept_name)
        );
        assert!(
            matches!(
                notice.problem,
                UnreadableSettings::Toml { line: Some(2), .. }
            ),
            "{notice:?}"
        );
        assert_eq!(std::fs::read_to_string(&kept[0]).unwrap(), garbage);

        // A second broken file in the same second gets its own name; the first stays.
        std::fs::write(file.path(), [0xff, 0xfe, 0x00]).unwrap();
        let notice = file.load().unwrap().notice.unwrap();
        assert_eq!(notice.problem, UnreadableSettings::NotUtf8);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
        assert_eq!(std::fs::read_to_string(&kept[0]).unwrap(), garbage);

        // Saving afterwards writes a fresh file (and its lock file) beside the kept ones.
        file.save(&Settings::default()).unwrap();
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 4);
        assert!(dir.path().join(LOCK_FILE_NAME).is_file());

        // A file that broke after the load is moved aside by the save too, never overwritten.
        std::fs::write(file.path(), garbage).unwrap();
        let settings = sample_settings();
        file.save(&settings).unwrap();
        assert_eq!(file.load().unwrap().settings, settings);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 5);
    }

    #[test]
    fn wrong_types_count_as_broken() {
        let dir = tempfile::tempdir().unwrap();
        let file = ProfileFile::in_dir(dir.path());
        std::fs::write(file.path(), "profiles = 3\n").unwrap();
        let loaded = file.load().unwrap();
        assert!(loaded.notice.is_some());
        assert_eq!(loaded.settings, Settings::default());
    }

    #[cfg(unix)]
    #[test]
    fn unreadable_path_is_an_error_not_a_reset() {
        let dir = tempfile::tempdir().unwrap();
        // A directory where the file should be: reading fails with something other than
        // NotFound, and nothing is moved.
        std::fs::create_dir(dir.path().join(FILE_NAME)).unwrap();
        let error = ProfileFile::in_dir(dir.path()).load().unwrap_err();
        assert!(matches!(error, ProfileError::Read { .. }), "{error}");
        assert!(dir.path().join(FILE_NAME).is_dir());
    }
}
