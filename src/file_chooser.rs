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

/// The native dialogs (`rfd`, through the desktop portal on Linux), opened over the app's window
/// when it was given one, so that a dialog cannot hide behind it.
#[derive(Debug, Default, Clone)]
pub struct NativeFileChooser {
    /// The dialog every dialog starts from: it knows the parent window, if any.
    template: rfd::AsyncFileDialog,
}

impl NativeFileChooser {
    /// Dialogs without a parent window.
    pub fn new() -> Self {
        Self::default()
    }

    /// Dialogs built from `template`, a dialog that knows the window to open over:
    /// `rfd::AsyncFileDialog::new().set_parent(window)`, where `window` is eframe's
    /// `CreationContext` or `Frame` (both hold the main window's handles). rfd keeps the raw
    /// handle, which stays valid as long as the main window, that is as long as the app.
    pub fn with_template(template: rfd::AsyncFileDialog) -> Self {
        Self { template }
    }

    fn dialog(&self, title: &str) -> rfd::AsyncFileDialog {
        self.template.clone().set_title(title)
    }
}

impl FileChooser for NativeFileChooser {
    fn pick_file(&self, title: &str) -> Chosen {
        let dialog = self.dialog(title);
        Box::pin(async move {
            dialog
                .pick_file()
                .await
                .map(|handle| handle.path().to_path_buf())
        })
    }

    fn save_file(&self, title: &str, folder: &Path, file_name: &str) -> Chosen {
        let mut dialog = self
            .dialog(title)
            .set_directory(folder)
            .set_file_name(file_name);
        if let Some((name, extensions)) = save_filter(file_name) {
            dialog = dialog.add_filter(name, extensions);
        }
        Box::pin(async move {
            dialog
                .save_file()
                .await
                .map(|handle| handle.path().to_path_buf())
        })
    }
}

/// The save dialog's file type filter for a suggested file name, by its extension: a Helm chart
/// archive, a CSV or a JSON export; none for any other name (every file is shown).
fn save_filter(file_name: &str) -> Option<(&'static str, &'static [&'static str])> {
    let extension = Path::new(file_name).extension()?.to_str()?;
    if extension.eq_ignore_ascii_case("tgz") {
        Some(("Helm chart archive", &["tgz"]))
    } else if extension.eq_ignore_ascii_case("csv") {
        Some(("CSV", &["csv"]))
    } else if extension.eq_ignore_ascii_case("json") {
        Some(("JSON", &["json"]))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::save_filter;

    #[test]
    fn the_save_filter_follows_the_suggested_extension() {
        assert_eq!(
            save_filter("nginx-1.0.0.tgz").map(|(name, _)| name),
            Some("Helm chart archive")
        );
        assert_eq!(save_filter("projects.csv"), Some(("CSV", &["csv"][..])));
        assert_eq!(
            save_filter("storage-demo.JSON").map(|(name, _)| name),
            Some("JSON")
        );
        assert_eq!(save_filter("notes.txt"), None);
        assert_eq!(save_filter("no-extension"), None);
    }
}
