//! Reading every file of a chart archive into memory for a comparison, bounded like
//! [`crate::chart_archive`]: at most [`MAX_UNPACKED_BYTES`] unpacked, at most [`MAX_ENTRIES`]
//! entries, and only files up to [`MAX_DIFF_FILE_BYTES`] kept whole (larger ones as a digest).

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, BufRead as _, BufReader, Read};
use std::path::{Component, Path};

use flate2::read::GzDecoder;
use sha2::{Digest as _, Sha256};

use super::{ChartDiffError, MAX_DIFF_FILE_BYTES, MAX_ENTRIES, Side};
use crate::chart_archive::{
    ArchiveDefect, GZIP_MAGIC, MAX_UNPACKED_BYTES, Watched, plain_tar_error,
};

/// The files of one archive, by path below its top-level folder.
#[derive(Debug, Default)]
pub(super) struct Files {
    /// The archive's top-level folder (the chart's name, by Helm's convention), from its first
    /// file.
    pub(super) folder: Option<String>,
    /// Each file, by its path without the top-level folder (`templates/service.yaml`).
    pub(super) files: BTreeMap<String, Blob>,
}

/// One file's size and content.
#[derive(Debug)]
pub(super) struct Blob {
    /// The size in bytes.
    pub(super) bytes: u64,
    /// The content, or for a large file its digest.
    pub(super) body: Body,
}

/// A file's content as kept for the comparison.
#[derive(Debug)]
pub(super) enum Body {
    /// A file of at most [`MAX_DIFF_FILE_BYTES`], whole.
    Whole(Vec<u8>),
    /// A larger file: its SHA-256 and whether its first [`MAX_DIFF_FILE_BYTES`] look like text.
    Large {
        /// SHA-256 of the whole content.
        digest: [u8; 32],
        /// True when the kept beginning is UTF-8 without NUL bytes.
        text: bool,
    },
}

impl Blob {
    /// True when the file is text (UTF-8 without NUL bytes; for a large file, its beginning).
    pub(super) fn is_text(&self) -> bool {
        match &self.body {
            Body::Whole(bytes) => looks_like_text(bytes, true),
            Body::Large { text, .. } => *text,
        }
    }

    /// True when both hold the same bytes.
    pub(super) fn same_as(&self, other: &Self) -> bool {
        self.bytes == other.bytes
            && match (&self.body, &other.body) {
                (Body::Whole(a), Body::Whole(b)) => a == b,
                (Body::Large { digest: a, .. }, Body::Large { digest: b, .. }) => a == b,
                _ => false,
            }
    }
}

/// UTF-8 without NUL bytes. `complete` is false for the beginning of a longer file, whose last
/// character may be cut.
pub(super) fn looks_like_text(bytes: &[u8], complete: bool) -> bool {
    if bytes.contains(&0) {
        return false;
    }
    match std::str::from_utf8(bytes) {
        Ok(_) => true,
        Err(error) => !complete && error.error_len().is_none(),
    }
}

/// Why reading entries stopped.
enum Stop {
    /// The tar (or gzip) stream failed, or the unpacked limit was reached.
    Read(io::Error),
    /// More than [`MAX_ENTRIES`] entries.
    TooManyEntries,
}

impl From<io::Error> for Stop {
    fn from(error: io::Error) -> Self {
        Self::Read(error)
    }
}

/// Reads every regular file of the `.tgz` at `path`. Blocking.
pub(super) fn read_files(path: &Path, side: Side) -> Result<Files, ChartDiffError> {
    let io_error = |source: io::Error| ChartDiffError::Io {
        side,
        path: path.to_path_buf(),
        source,
    };
    let not_an_archive = |defect| ChartDiffError::NotAnArchive { side, defect };
    let file = File::open(path).map_err(io_error)?;
    let mut source = BufReader::new(Watched::new(file, u64::MAX));
    let head = source.fill_buf().map_err(io_error)?;
    if head.is_empty() {
        return Err(not_an_archive(ArchiveDefect::Empty));
    }
    if !head.starts_with(&GZIP_MAGIC) {
        return Err(not_an_archive(ArchiveDefect::NotGzip));
    }
    let mut archive = tar::Archive::new(Watched::new(GzDecoder::new(source), MAX_UNPACKED_BYTES));
    let mut files = Files::default();
    let stopped = read_entries(&mut archive, &mut files).err();
    let unpacked = archive.into_inner();
    match stopped {
        None => Ok(files),
        Some(Stop::TooManyEntries) => Err(ChartDiffError::TooManyEntries {
            side,
            limit: MAX_ENTRIES,
        }),
        Some(Stop::Read(error)) => {
            if let Some(source) = unpacked.inner.into_inner().into_inner().failure {
                Err(io_error(source))
            } else if unpacked.over_limit {
                Err(ChartDiffError::TooLarge {
                    side,
                    limit_bytes: MAX_UNPACKED_BYTES,
                })
            } else {
                Err(not_an_archive(plain_tar_error(&error)))
            }
        }
    }
}

fn read_entries<R: Read>(archive: &mut tar::Archive<R>, files: &mut Files) -> Result<(), Stop> {
    for (seen, entry) in archive.entries()?.enumerate() {
        if seen >= MAX_ENTRIES {
            return Err(Stop::TooManyEntries);
        }
        let mut entry = entry?;
        if !matches!(
            entry.header().entry_type(),
            tar::EntryType::Regular | tar::EntryType::Continuous
        ) {
            continue;
        }
        let Some((folder, inner)) = split_top_folder(&entry.path()?) else {
            continue;
        };
        if files.folder.is_none() {
            files.folder = folder;
        }
        let blob = read_blob(&mut entry)?;
        // A path given twice: the later entry wins, as when the archive is unpacked.
        files.files.insert(inner, blob);
    }
    Ok(())
}

/// The top-level folder and the path below it (`redis/templates/a.yaml` → `redis`,
/// `templates/a.yaml`); only plain names count (`./` and `..` are left out). A file at the top
/// level keeps its name and has no folder.
fn split_top_folder(path: &Path) -> Option<(Option<String>, String)> {
    let parts: Vec<String> = path
        .components()
        .filter_map(|part| match part {
            Component::Normal(name) => Some(name.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect();
    match parts.as_slice() {
        [] => None,
        [file] => Some((None, file.clone())),
        [folder, rest @ ..] => Some((Some(folder.clone()), rest.join("/"))),
    }
}

/// Reads one entry: whole up to [`MAX_DIFF_FILE_BYTES`], else hashed to its end.
fn read_blob(entry: &mut impl Read) -> io::Result<Blob> {
    let mut kept = Vec::new();
    entry.take(MAX_DIFF_FILE_BYTES + 1).read_to_end(&mut kept)?;
    if kept.len() as u64 <= MAX_DIFF_FILE_BYTES {
        return Ok(Blob {
            bytes: kept.len() as u64,
            body: Body::Whole(kept),
        });
    }
    let text = looks_like_text(&kept[..kept.len() - 1], false);
    let mut hasher = Sha256::new();
    hasher.update(&kept);
    let mut bytes = kept.len() as u64;
    let mut buffer = vec![0; 64 * 1024];
    loop {
        let n = match entry.read(&mut buffer) {
            Ok(0) => break,
            Ok(n) => n,
            Err(error) if error.kind() == io::ErrorKind::Interrupted => continue,
            Err(error) => return Err(error),
        };
        let Some(chunk) = buffer.get(..n) else {
            break;
        };
        hasher.update(chunk);
        bytes += n as u64;
    }
    Ok(Blob {
        bytes,
        body: Body::Large {
            digest: hasher.finalize().into(),
            text,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_top_folder_is_split_off() {
        let split = |p: &str| split_top_folder(Path::new(p));
        assert_eq!(
            split("redis/templates/a.yaml"),
            Some((Some("redis".to_owned()), "templates/a.yaml".to_owned()))
        );
        assert_eq!(
            split("./redis/values.yaml"),
            Some((Some("redis".to_owned()), "values.yaml".to_owned()))
        );
        assert_eq!(split("README"), Some((None, "README".to_owned())));
        assert_eq!(split("./"), None);
    }

    #[test]
    fn text_is_utf8_without_nul() {
        assert!(looks_like_text(b"a: 1\n", true));
        assert!(!looks_like_text(b"a\0b", true));
        assert!(!looks_like_text(b"caf\xe9", true));
        // The beginning of "é" (0xc3 0xa9) cut at the limit is still text.
        assert!(looks_like_text(b"caf\xc3", false));
        assert!(!looks_like_text(b"caf\xc3", true));
    }
}
