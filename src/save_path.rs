//! What is at a path the user typed to save a file: nothing yet, a file to replace, a folder, or
//! no folder to put it in. The download dialog asks before it writes anything there.

use std::path::{Path, PathBuf};

/// What is at a path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathCheck {
    /// Nothing: a new file can go there.
    Free,
    /// A file, which saving would replace.
    Exists,
    /// A folder: not a file name.
    IsFolder,
    /// The folder it would go in does not exist.
    NoFolder(PathBuf),
}

/// The disk could not tell what is at the path.
#[derive(Debug, thiserror::Error)]
#[error("cannot check {}: {source}", .path.display())]
pub struct PathCheckError {
    /// The path checked.
    pub path: PathBuf,
    /// What the disk answered.
    #[source]
    pub source: std::io::Error,
}

/// What is at `path` (a blocking call: run it off the UI thread).
pub fn check_path(path: &Path) -> Result<PathCheck, PathCheckError> {
    let failed = |source| PathCheckError {
        path: path.to_path_buf(),
        source,
    };
    if let Some(parent) = path.parent()
        && !parent.as_os_str().is_empty()
        && !parent.try_exists().map_err(failed)?
    {
        return Ok(PathCheck::NoFolder(parent.to_path_buf()));
    }
    match std::fs::metadata(path) {
        Ok(meta) if meta.is_dir() => Ok(PathCheck::IsFolder),
        Ok(_) => Ok(PathCheck::Exists),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(PathCheck::Free),
        Err(e) => Err(failed(e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_is_free_a_file_a_folder_or_without_its_folder() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("chart.tgz");
        assert_eq!(check_path(&file).expect("checked"), PathCheck::Free);
        std::fs::write(&file, b"x").expect("written");
        assert_eq!(check_path(&file).expect("checked"), PathCheck::Exists);
        assert_eq!(
            check_path(dir.path()).expect("checked"),
            PathCheck::IsFolder
        );
        let lost = dir.path().join("missing").join("chart.tgz");
        assert_eq!(
            check_path(&lost).expect("checked"),
            PathCheck::NoFolder(dir.path().join("missing"))
        );
    }
}
