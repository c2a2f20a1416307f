//! What changed between two versions of a Helm chart: the files added, removed and changed, and
//! a unified diff of each changed text file, `values.yaml` and `Chart.yaml` first.
//!
//! [`compare`] reads two `.tgz` archives already on disk; [`download_and_compare`] first
//! downloads both versions into a temporary folder, checked exactly as a normal download is
//! (complete to the gzip trailer, then read as a chart), and removes the folder afterwards.
//! Files are matched by their path below the archive's top-level folder, so `redis/values.yaml`
//! of one version is `values.yaml` of the other. Reading is bounded as in
//! [`crate::chart_archive`]; a file larger than [`MAX_DIFF_FILE_BYTES`] or not text is named
//! with the reason and not diffed.

mod archive;
mod text;

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

use tokio_util::sync::CancellationToken;

pub use text::{CONTEXT_LINES, DiffLine, Hunk, LineKind, TextChanges};

use crate::api::{ApiError, CcrClient};
use crate::chart_archive::{self, ArchiveDefect, ArchiveError};

/// The largest file that is diffed; a larger one is [`NotDiffed::TooBig`].
pub const MAX_DIFF_FILE_BYTES: u64 = 512 * 1024;
/// The most entries read from one archive.
pub const MAX_ENTRIES: usize = 10_000;

/// What changed between two chart archives.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ChartDiff {
    /// The old archive's top-level folder (the chart's name), when it has one.
    pub old_folder: Option<String>,
    /// The new archive's top-level folder (the chart's name), when it has one.
    pub new_folder: Option<String>,
    /// Every file that differs: `values.yaml`, then `Chart.yaml`, then the others by path.
    pub files: Vec<FileDiff>,
    /// How many files are the same in both.
    pub unchanged: usize,
}

impl ChartDiff {
    /// How many files changed.
    pub fn changed_count(&self) -> usize {
        self.count(|change| matches!(change, FileChange::Changed(_)))
    }

    /// How many files only the new version has.
    pub fn added_count(&self) -> usize {
        self.count(|change| matches!(change, FileChange::Added(_)))
    }

    /// How many files only the old version has.
    pub fn removed_count(&self) -> usize {
        self.count(|change| matches!(change, FileChange::Removed(_)))
    }

    /// True when both versions hold the same files with the same bytes.
    pub fn is_identical(&self) -> bool {
        self.files.is_empty()
    }

    /// The entry of the file at `path` (below the top-level folder), if it differs.
    pub fn file(&self, path: &str) -> Option<&FileDiff> {
        self.files.iter().find(|file| file.path == path)
    }

    fn count(&self, which: impl Fn(&FileChange) -> bool) -> usize {
        self.files.iter().filter(|file| which(&file.change)).count()
    }
}

/// One file that differs between the versions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileDiff {
    /// Its path below the top-level folder (`templates/service.yaml`).
    pub path: String,
    /// How it differs.
    pub change: FileChange,
}

/// How a file differs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileChange {
    /// Only the new version has it.
    Added(FileFacts),
    /// Only the old version has it.
    Removed(FileFacts),
    /// Both have it, with different bytes.
    Changed(ChangedFile),
}

/// The size and kind of a file that only one version has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileFacts {
    /// Its size in bytes.
    pub bytes: u64,
    /// True when it is text (UTF-8 without NUL bytes; for a file larger than
    /// [`MAX_DIFF_FILE_BYTES`], its beginning is).
    pub is_text: bool,
}

/// A file both versions have, with different content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangedFile {
    /// Its size in the old version, in bytes.
    pub old_bytes: u64,
    /// Its size in the new version, in bytes.
    pub new_bytes: u64,
    /// The line diff, or why there is none.
    pub content: ChangedContent,
}

/// The changes of a changed file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChangedContent {
    /// Both versions are text: the line diff.
    Text(TextChanges),
    /// Not diffed, and why.
    NotDiffed(NotDiffed),
}

/// Why a changed file is named but not diffed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotDiffed {
    /// One version (or both) is not text: it holds NUL bytes or is not UTF-8.
    Binary,
    /// One version (or both) is larger than [`MAX_DIFF_FILE_BYTES`].
    TooBig {
        /// The size of the larger version, in bytes.
        bytes: u64,
    },
}

/// Which of the two versions something is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// The version compared from.
    Old,
    /// The version compared to.
    New,
}

impl fmt::Display for Side {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Old => "old",
            Self::New => "new",
        })
    }
}

/// Why two chart versions could not be compared.
#[derive(Debug, thiserror::Error)]
pub enum ChartDiffError {
    /// An archive is not a gzip-compressed tar (or is damaged).
    #[error("{side} archive: not a chart archive: {defect}")]
    NotAnArchive {
        /// Which archive.
        side: Side,
        /// What is wrong with it.
        defect: ArchiveDefect,
    },
    /// An archive unpacks to more than [`chart_archive::MAX_UNPACKED_BYTES`].
    #[error("{side} archive unpacks past {limit_bytes} bytes")]
    TooLarge {
        /// Which archive.
        side: Side,
        /// The most bytes unpacked.
        limit_bytes: u64,
    },
    /// An archive holds more than [`MAX_ENTRIES`] entries.
    #[error("{side} archive holds more than {limit} entries")]
    TooManyEntries {
        /// Which archive.
        side: Side,
        /// The most entries read.
        limit: usize,
    },
    /// An archive file could not be read.
    #[error("{side} archive: cannot read {}: {source}", path.display())]
    Io {
        /// Which archive.
        side: Side,
        /// The file.
        path: PathBuf,
        /// What went wrong.
        #[source]
        source: io::Error,
    },
    /// A version could not be downloaded (it does not exist, the server or the network
    /// failed, or the archive arrived damaged).
    #[error("{side} version {version}: download failed: {source}")]
    Download {
        /// Which version.
        side: Side,
        /// The version asked for.
        version: String,
        /// The client's error.
        #[source]
        source: ApiError,
    },
    /// A downloaded version is a complete archive but not a Helm chart.
    #[error("{side} version {version}: not a Helm chart: {source}")]
    NotAChart {
        /// Which version.
        side: Side,
        /// The version asked for.
        version: String,
        /// What reading it as a chart found.
        #[source]
        source: ArchiveError,
    },
    /// The temporary folder for the downloads could not be made.
    #[error("cannot make a temporary folder in {}: {source}", folder.display())]
    TempFolder {
        /// The folder it was to be made in.
        folder: PathBuf,
        /// What went wrong.
        #[source]
        source: io::Error,
    },
    /// The comparison was cancelled.
    #[error("cancelled")]
    Cancelled,
    /// A blocking step stopped unexpectedly (a bug); what the runtime said.
    #[error("the comparison stopped unexpectedly: {0}")]
    Stopped(String),
}

/// Compares the chart archives at `old` and `new`: every file added, removed or changed, with
/// a line diff of each changed text file. Blocking: call it off the UI thread.
pub fn compare(old: &Path, new: &Path) -> Result<ChartDiff, ChartDiffError> {
    let old = archive::read_files(old, Side::Old)?;
    let new = archive::read_files(new, Side::New)?;
    let mut diff = ChartDiff {
        old_folder: old.folder,
        new_folder: new.folder,
        ..ChartDiff::default()
    };
    for (path, before) in &old.files {
        let change = match new.files.get(path) {
            None => FileChange::Removed(facts(before)),
            Some(after) if before.same_as(after) => {
                diff.unchanged += 1;
                continue;
            }
            Some(after) => FileChange::Changed(changed(path, before, after)),
        };
        diff.files.push(FileDiff {
            path: path.clone(),
            change,
        });
    }
    for (path, after) in &new.files {
        if !old.files.contains_key(path) {
            diff.files.push(FileDiff {
                path: path.clone(),
                change: FileChange::Added(facts(after)),
            });
        }
    }
    diff.files
        .sort_by(|a, b| (rank(&a.path), &a.path).cmp(&(rank(&b.path), &b.path)));
    Ok(diff)
}

/// `values.yaml` first, `Chart.yaml` second, everything else after.
fn rank(path: &str) -> u8 {
    match path {
        "values.yaml" => 0,
        "Chart.yaml" => 1,
        _ => 2,
    }
}

fn facts(blob: &archive::Blob) -> FileFacts {
    FileFacts {
        bytes: blob.bytes,
        is_text: blob.is_text(),
    }
}

fn changed(path: &str, before: &archive::Blob, after: &archive::Blob) -> ChangedFile {
    let content = match (&before.body, &after.body) {
        (archive::Body::Whole(old), archive::Body::Whole(new)) => {
            match (std::str::from_utf8(old), std::str::from_utf8(new)) {
                (Ok(old), Ok(new)) if before.is_text() && after.is_text() => {
                    ChangedContent::Text(text::diff_text(path, old, new))
                }
                _ => ChangedContent::NotDiffed(NotDiffed::Binary),
            }
        }
        _ => ChangedContent::NotDiffed(NotDiffed::TooBig {
            bytes: before.bytes.max(after.bytes),
        }),
    };
    ChangedFile {
        old_bytes: before.bytes,
        new_bytes: after.bytes,
        content,
    }
}

/// Downloads versions `old_version` and `new_version` of `chart` in `project` into a new
/// temporary folder inside `folder` (the OS's temporary folder, in the app), checks each as the
/// download path does (complete to the gzip trailer, then readable as a chart), compares them,
/// and removes the temporary folder, whatever the outcome. Both downloads run at once; the
/// first failure ends both. Stops with [`ChartDiffError::Cancelled`] when `cancel` fires during
/// the downloads.
pub async fn download_and_compare(
    client: &CcrClient,
    project: &str,
    chart: &str,
    old_version: &str,
    new_version: &str,
    folder: &Path,
    cancel: &CancellationToken,
) -> Result<ChartDiff, ChartDiffError> {
    let parent = folder.to_path_buf();
    let made = blocking(move || {
        tempfile::Builder::new()
            .prefix(".ccr-desk-chart-diff-")
            .tempdir_in(&parent)
    })
    .await?;
    let temp = made.map_err(|source| ChartDiffError::TempFolder {
        folder: folder.to_path_buf(),
        source,
    })?;
    let old = (Side::Old, old_version, temp.path().join("old.tgz"));
    let new = (Side::New, new_version, temp.path().join("new.tgz"));
    let result = fetch_and_compare(client, project, chart, old, new, cancel).await;
    let temp_path = temp.path().to_path_buf();
    match blocking(move || temp.close()).await {
        Ok(Ok(())) => {}
        Ok(Err(error)) => {
            tracing::warn!(folder = %temp_path.display(), %error, "chart diff: temporary folder not removed");
        }
        Err(error) => {
            tracing::warn!(folder = %temp_path.display(), %error, "chart diff: temporary folder removal stopped");
        }
    }
    result
}

/// One version to fetch: which side, the version, where to save it.
type Wanted<'a> = (Side, &'a str, PathBuf);

async fn fetch_and_compare(
    client: &CcrClient,
    project: &str,
    chart: &str,
    old: Wanted<'_>,
    new: Wanted<'_>,
    cancel: &CancellationToken,
) -> Result<ChartDiff, ChartDiffError> {
    // Both downloads run to their end, so no half-written file is still being made when the
    // temporary folder is removed; when one fails, the other is cancelled.
    let stop = cancel.child_token();
    let fetch = |(side, version, path): &Wanted<'_>| {
        let (side, version) = (*side, (*version).to_owned());
        let path = path.clone();
        let stop = &stop;
        async move {
            let result = match client
                .download_chart_to_file(project, chart, &version, &path, |_| {}, stop)
                .await
            {
                Ok(_) => Ok(()),
                Err(ApiError::Cancelled) => Err(ChartDiffError::Cancelled),
                Err(source) => Err(ChartDiffError::Download {
                    side,
                    version,
                    source,
                }),
            };
            if result.is_err() {
                stop.cancel();
            }
            result
        }
    };
    let (old_fetched, new_fetched) = tokio::join!(fetch(&old), fetch(&new));
    first_failure(old_fetched, new_fetched, cancel.is_cancelled())?;
    let versions = [(old.0, old.1.to_owned()), (new.0, new.1.to_owned())];
    let (old_path, new_path) = (old.2, new.2);
    blocking(move || {
        for ((side, version), path) in versions.into_iter().zip([&old_path, &new_path]) {
            chart_archive::inspect(path).map_err(|source| ChartDiffError::NotAChart {
                side,
                version,
                source,
            })?;
        }
        compare(&old_path, &new_path)
    })
    .await?
}

/// The failure to report of two downloads: the user's Cancel, else the first real failure
/// (not the other side's cancellation that failure caused).
fn first_failure(
    old: Result<(), ChartDiffError>,
    new: Result<(), ChartDiffError>,
    user_cancelled: bool,
) -> Result<(), ChartDiffError> {
    if user_cancelled {
        return Err(ChartDiffError::Cancelled);
    }
    let mut cancelled = None;
    for failure in [old.err(), new.err()].into_iter().flatten() {
        if matches!(failure, ChartDiffError::Cancelled) {
            cancelled = Some(failure);
        } else {
            return Err(failure);
        }
    }
    cancelled.map_or(Ok(()), Err)
}

/// Runs `work` on tokio's blocking threads.
async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, ChartDiffError> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|error| ChartDiffError::Stopped(error.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_real_failure_is_reported_not_the_cancellation_it_caused() {
        let stopped = || Err(ChartDiffError::Stopped("real".to_owned()));
        let cancelled = || Err(ChartDiffError::Cancelled);
        let is_real = |r: Result<(), ChartDiffError>| matches!(r, Err(ChartDiffError::Stopped(_)));
        assert!(is_real(first_failure(cancelled(), stopped(), false)));
        assert!(is_real(first_failure(stopped(), cancelled(), false)));
        assert!(is_real(first_failure(Ok(()), stopped(), false)));
        assert!(matches!(
            first_failure(stopped(), stopped(), true),
            Err(ChartDiffError::Cancelled)
        ));
        assert!(first_failure(Ok(()), Ok(()), false).is_ok());
    }

    #[test]
    fn values_and_chart_yaml_come_first() {
        let mut paths = vec!["a.txt", "Chart.yaml", "templates/x.yaml", "values.yaml"];
        paths.sort_by_key(|p| (rank(p), *p));
        assert_eq!(
            paths,
            ["values.yaml", "Chart.yaml", "a.txt", "templates/x.yaml"]
        );
    }
}
