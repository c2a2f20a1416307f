//! Native file dialogs behind a trait, so tests can answer them with a path.

use std::future::Future;
use std::path::PathBuf;
use std::pin::Pin;

/// A future that answers a file dialog: the chosen path, or `None` when the user cancelled (or
/// no dialog service exists).
pub type Chosen = Pin<Box<dyn Future<Output = Option<PathBuf>> + Send>>;

/// Asks the user for files.
pub trait FileChooser: Send + Sync {
    /// Asks for an existing file to open, titled `title`.
    fn pick_file(&self, title: &str) -> Chosen;
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
}
