//! The "Export" menu list screens share: the user picks CSV or JSON, the native save dialog
//! asks where, the screen's table is built (on tokio) and written atomically (on the blocking
//! pool) by [`crate::export::write_table`]. The end is a notice ("Exported 1,234 rows to
//! projects.csv"), or the failure in plain words beside the button until the next export.

use std::future::Future;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::sync::Arc;

use egui::{RichText, Ui};
use poll_promise::Promise;

use super::describe::Describe;
use super::feedback::{Notice, notify};
use super::view::ViewContext;
use super::widgets::error_details;
use crate::export::{ExportError, ExportSourceError, Format, Table, write_table};
use crate::file_chooser::FileChooser;
use crate::tasks::{Fallback, TaskLabel, Tasks};

/// What a screen hands the exporter: the file name stem ("projects", "storage-demo") and a
/// future that builds the whole table (it may read the index in windows; runs on tokio).
pub struct ExportRequest {
    /// The suggested file name without its extension.
    pub file_stem: String,
    /// Builds the rows; polled only once the user chose where to save.
    pub table: Pin<Box<dyn Future<Output = Result<Table, ExportSourceError>> + Send>>,
}

impl ExportRequest {
    /// The request to save the table `table` builds, suggesting `file_stem` and the format's
    /// extension as the file name.
    pub fn new(
        file_stem: impl Into<String>,
        table: impl Future<Output = Result<Table, ExportSourceError>> + Send + 'static,
    ) -> Self {
        Self {
            file_stem: file_stem.into(),
            table: Box::pin(table),
        }
    }
}

/// The export menu of one list: the running export, if any, and how the last one failed.
#[derive(Default)]
pub struct Exporter {
    /// The export on its way: the save dialog, building the table, or writing it.
    running: Option<Promise<Outcome>>,
    /// How the last export failed, shown beside the button until the next one starts.
    failure: Option<Failure>,
}

/// How an export ended.
enum Outcome {
    /// The save dialog answered without a file.
    Cancelled,
    /// The file was written.
    Written {
        /// Where.
        path: PathBuf,
        /// How many rows.
        rows: u64,
    },
    /// Nothing was written.
    Failed(Failure),
}

impl Fallback for Outcome {
    fn after_panic() -> Self {
        Self::Failed(Failure::Stopped)
    }
}

/// Why an export wrote nothing.
enum Failure {
    /// The rows could not be gathered.
    Source(ExportSourceError),
    /// The file could not be written.
    Write(ExportError),
    /// The export's task stopped unexpectedly (a bug).
    Stopped,
}

impl Failure {
    /// The technical line for the hover text and the log.
    fn details(&self) -> String {
        match self {
            Self::Source(ExportSourceError::Api(error)) => {
                let mut details = error_details(error, true);
                details.push(error.to_string());
                details.join(" · ")
            }
            Self::Source(error) => error.to_string(),
            Self::Write(error) => error.to_string(),
            Self::Stopped => "the export task stopped".to_owned(),
        }
    }
}

impl Describe for Failure {
    fn describe(&self) -> String {
        match self {
            Self::Source(error) => error.describe(),
            Self::Write(error) => error.describe(),
            Self::Stopped => tr!("export-error-stopped"),
        }
    }
}

impl Describe for ExportSourceError {
    fn describe(&self) -> String {
        match self {
            Self::Index(error) => tr!("export-error-index", detail = error.to_string()),
            Self::Api(error) => tr!("export-error-registry", error = error.describe()),
        }
    }
}

impl Describe for ExportError {
    fn describe(&self) -> String {
        match self {
            Self::NoFolder { path } => tr!("export-error-no-folder", folder = shown(path)),
            Self::IsFolder { path } => tr!("export-error-is-folder", path = shown(path)),
            Self::Io { path, source } => {
                let folder = path.parent().map_or_else(String::new, shown);
                match source.kind() {
                    ErrorKind::PermissionDenied | ErrorKind::ReadOnlyFilesystem => {
                        tr!("export-error-denied", folder = folder)
                    }
                    ErrorKind::StorageFull | ErrorKind::QuotaExceeded => {
                        tr!("export-error-full", folder = folder)
                    }
                    _ => tr!(
                        "export-error-io",
                        file = shown(path),
                        detail = source.to_string()
                    ),
                }
            }
            Self::Csv(error) => tr!(
                "export-error-format",
                format = Format::Csv.name(),
                detail = error.to_string()
            ),
            Self::Json(error) => tr!(
                "export-error-format",
                format = Format::Json.name(),
                detail = error.to_string()
            ),
            Self::DuplicateKey { .. } | Self::RowWidth { .. } => {
                tr!("export-error-table", detail = self.to_string())
            }
        }
    }
}

/// A path as people read it.
fn shown(path: &Path) -> String {
    path.display().to_string()
}

/// A path's last part ("projects.csv"), or the whole path when it has none.
fn file_name_of(path: &Path) -> String {
    path.file_name()
        .map_or_else(|| shown(path), |name| name.to_string_lossy().into_owned())
}

/// `1234567` as "1,234,567".
fn group_digits(number: u64) -> String {
    let digits = number.to_string();
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (at, digit) in digits.chars().enumerate() {
        if at > 0 && (digits.len() - at).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    grouped
}

/// "Exported 1,234 rows to projects.csv".
fn exported_text(rows: u64, file: &str) -> String {
    tr!(
        "export-done",
        count = rows,
        rows = group_digits(rows),
        file = file
    )
}

/// `{stem}.{extension}`, with nothing in it that could leave the folder.
fn suggested_file_name(stem: &str, format: Format) -> String {
    let stem = stem.trim();
    let stem = if stem.is_empty() { "export" } else { stem };
    format!("{stem}.{}", format.extension()).replace(['/', '\\'], "_")
}

/// Where an export asks and saves: the tasks it runs on, the save dialog, the folder suggested.
#[derive(Clone, Copy)]
pub struct SaveTo<'a> {
    /// Runs the export.
    pub tasks: &'a Tasks,
    /// Asks where to save.
    pub file_chooser: &'a Arc<dyn FileChooser>,
    /// The folder suggested.
    pub folder: &'a Path,
}

impl<'a> SaveTo<'a> {
    /// Where a screen's export saves.
    pub fn of(cx: &'a ViewContext<'_>) -> Self {
        Self {
            tasks: cx.tasks,
            file_chooser: cx.file_chooser,
            folder: cx.download_folder,
        }
    }
}

impl Exporter {
    /// [`Exporter::menu_in_ui`] for a screen.
    pub fn menu_ui(
        &mut self,
        ui: &mut Ui,
        cx: &ViewContext<'_>,
        enabled: bool,
        request: impl FnOnce() -> ExportRequest,
    ) {
        self.menu_in_ui(ui, SaveTo::of(cx), enabled, request);
    }

    /// An "Export ⏷" menu button with "CSV…" and "JSON…"; when the user chooses one, calls
    /// `request()` and runs: the save dialog (suggesting `<stem>.<ext>` in the download
    /// folder), then builds the table, then writes it on the blocking pool. While it runs the
    /// button is disabled and a spinner shows beside it; at the end a notice says how many rows
    /// went where, or the failure shows beside the button (the details on hover) until the next
    /// export. A cancelled dialog does nothing. `enabled` false disables the button (nothing to
    /// export yet). Call it in a horizontal `ui` (a toolbar).
    pub fn menu_in_ui(
        &mut self,
        ui: &mut Ui,
        place: SaveTo<'_>,
        enabled: bool,
        request: impl FnOnce() -> ExportRequest,
    ) {
        self.poll(ui.ctx());
        let running = self.running.is_some();
        let mut chosen = None;
        // No child `Ui` around the button: in a wrapping toolbar it then goes to the next line
        // whole instead of breaking its text.
        if enabled && !running {
            ui.menu_button(tr!("export-menu"), |ui| {
                for (format, label, hint) in [
                    (Format::Csv, tr!("export-csv"), tr!("export-csv-hint")),
                    (Format::Json, tr!("export-json"), tr!("export-json-hint")),
                ] {
                    if ui.button(label).on_hover_text(hint).clicked() {
                        chosen = Some(format);
                        ui.close();
                    }
                }
            })
            .response
            .on_hover_text(tr!("export-menu-hint"));
        } else {
            ui.add_enabled(false, egui::Button::new(tr!("export-menu")));
        }
        if running {
            ui.spinner().on_hover_text(tr!("export-running"));
        } else if let Some(failure) = &self.failure {
            let text = failure.describe();
            let hover = format!(
                "{text}\n{}",
                tr!("export-error-details", detail = failure.details())
            );
            let color = ui.visuals().error_fg_color;
            ui.add(egui::Label::new(RichText::new(text).color(color)).truncate())
                .on_hover_text(hover);
        }
        if let Some(format) = chosen {
            self.start(format, request(), place);
        }
    }

    /// Whether an export is on its way (the save dialog included).
    pub fn is_running(&self) -> bool {
        self.running.is_some()
    }

    /// Takes the running export's end: a notice, or the failure to show.
    fn poll(&mut self, ctx: &egui::Context) {
        let Some(promise) = self.running.take() else {
            return;
        };
        match promise.try_take() {
            Err(promise) => self.running = Some(promise),
            Ok(Outcome::Cancelled) => {}
            Ok(Outcome::Written { path, rows }) => {
                let file = file_name_of(&path);
                tracing::info!(path = %path.display(), rows, "exported a list");
                notify(ctx, Notice::words(move || exported_text(rows, &file)));
            }
            Ok(Outcome::Failed(failure)) => {
                tracing::warn!(details = %failure.details(), "an export failed");
                self.failure = Some(failure);
            }
        }
    }

    /// Starts an export as `format`: the save dialog, then the table, then the write, in one
    /// task.
    fn start(&mut self, format: Format, request: ExportRequest, place: SaveTo<'_>) {
        self.failure = None;
        let title = match format {
            Format::Csv => tr!("export-save-dialog-title-csv"),
            Format::Json => tr!("export-save-dialog-title-json"),
        };
        let file_name = suggested_file_name(&request.file_stem, format);
        let chosen = place
            .file_chooser
            .save_file(&title, place.folder, &file_name);
        let tasks = place.tasks.clone();
        let ExportRequest { table, .. } = request;
        self.running = Some(place.tasks.spawn(async move {
            let Some(path) = chosen.await else {
                return Outcome::Cancelled;
            };
            let file = file_name_of(&path);
            let _running = tasks.activity(TaskLabel::words(move || {
                tr!("export-task", file = file.as_str())
            }));
            let table = match table.await {
                Ok(table) => table,
                Err(error) => return Outcome::Failed(Failure::Source(error)),
            };
            let target = path.clone();
            match tokio::task::spawn_blocking(move || write_table(&target, &table, format)).await {
                Ok(Ok(rows)) => Outcome::Written { path, rows },
                Ok(Err(error)) => Outcome::Failed(Failure::Write(error)),
                Err(join_error) => {
                    tracing::error!(%join_error, "the export's write failed");
                    Outcome::Failed(Failure::Stopped)
                }
            }
        }));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Language, set_language};

    #[test]
    fn row_counts_are_grouped_by_thousands() {
        assert_eq!(group_digits(0), "0");
        assert_eq!(group_digits(999), "999");
        assert_eq!(group_digits(1_234), "1,234");
        assert_eq!(group_digits(1_234_567), "1,234,567");
    }

    #[test]
    fn the_notice_names_the_rows_and_the_file() {
        set_language(Language::English);
        assert_eq!(
            exported_text(1_234, "projects.csv"),
            "Exported 1,234 rows to projects.csv"
        );
        assert_eq!(exported_text(1, "a.json"), "Exported 1 row to a.json");
        set_language(Language::SimplifiedChinese);
        let chinese = exported_text(1_234, "projects.csv");
        set_language(Language::English);
        assert_eq!(chinese, "已将 1,234 行导出到 projects.csv");
    }

    #[test]
    fn suggested_names_stay_in_their_folder() {
        assert_eq!(
            suggested_file_name("storage-demo", Format::Json),
            "storage-demo.json"
        );
        assert_eq!(suggested_file_name("team/app", Format::Csv), "team_app.csv");
        assert_eq!(suggested_file_name(" ", Format::Csv), "export.csv");
    }

    #[test]
    fn disk_failures_say_what_to_do() {
        set_language(Language::English);
        let denied = ExportError::Io {
            path: PathBuf::from("/srv/out/projects.csv"),
            source: std::io::Error::from(ErrorKind::PermissionDenied),
        };
        assert_eq!(
            denied.describe(),
            "The folder /srv/out cannot be written to. Choose another folder"
        );
        let missing = ExportError::NoFolder {
            path: PathBuf::from("/nowhere"),
        };
        assert!(missing.describe().contains("Choose another folder"));
    }
}
