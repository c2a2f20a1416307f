//! Native file dialogs behind a trait, so tests can answer them with a path.

use std::future::Future;
use std::path::{Path, PathBuf};
use std::pin::Pin;

/// A future that answers a file dialog: the chosen path, or `None` when the user cancelled (or
/// no dialog service exists).
pub type Chosen = Pin<Box<dyn Future<Output = Option<PathBuf>> + Send>>;

/// Asks the user for files.
pub trait FileChooser: Send + Sync {
    /// Asks for an existing file to open, titled `title`.
    fn pick_file(&self, title: &str) -> Chosen;

    /// Asks where to save a file, titled `title`, suggesting `file_name` in `folder`.
    fn save_file(&self, title: &str, folder: &Path, file_name: &str) -> Chosen;
}

/// The native dialogs (`rfd`, through the desktop portal on Linux).
#[derive(Debug, Default, Clone, Copy)]
pub struct NativeFileChooser;

impl FileChooser for NativeFileChooser {
    fn pick_file(&self, title: &str) -> Chosen {
        let dialog = rfd::AsyncFileDialog::new().set_title(title);
        Box::pin(async move {
            dialog
                .pick_file()
                .await
                .map(|handle| handle.path().to_path_buf())
        })
    }

    fn save_file(&self, title: &str, folder: &Path, file_name: &str) -> Chosen {
        let dialog = rfd::AsyncFileDialog::new()
            .set_title(title)
            .set_directory(folder)
            .set_file_name(file_name)
            .add_filter("Helm chart archive", &["tgz"]);
        Box::pin(async move {
            dialog
                .save_file()
                .await
                .map(|handle| handle.path().to_path_buf())
        })
    }
}
