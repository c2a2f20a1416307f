//! The download dialog of a chart: the version (checked with the server before anything else,
//! since the server lists only the latest), where to save it (the native dialog, or a typed path
//! when no dialog answers), the transfer with progress and cancel, then the saved archive.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use egui::{Id, RichText, Ui};
use poll_promise::Promise;
use tokio_util::sync::{CancellationToken, DropGuard};

use super::ChartRef;
use super::known_versions::{forget, known_versions, known_versions_ui, remember};
use super::saved::{Saved, saved_ui};
use crate::api::{ApiError, CcrCode, DownloadSummary, Progress, Reply};
use crate::contract as validate;
use crate::save_path::{PathCheck, PathCheckError, check_path};
use crate::tasks::{Fallback, Job, RequestRecord, TaskLabel};
use crate::ui::commands::Command;
use crate::ui::describe::Describe;
use crate::ui::dialogs::escape_pressed;
use crate::ui::view::{ViewContext, error_lines_ui};
use crate::ui::widgets::{field_problem_ui, format_bytes, text_field};

/// How often a running transfer redraws its speed and time left when no bytes arrive.
const TRANSFER_REPAINT: Duration = Duration::from_millis(100);
/// How long checking a typed path may take (a hung network folder) before giving up.
const PATH_CHECK_LIMIT: Duration = Duration::from_secs(10);

/// The download dialog: a version, where to save it, the transfer, and what was saved.
pub(super) struct DownloadDialog {
    chart: ChartRef,
    latest: Option<String>,
    version: String,
    folder: PathBuf,
    /// The in-app path field, shown once the save dialog answered without a file.
    typed_path: Option<TypedPath>,
    stage: Stage,
    /// How the last attempt ended, when it did not save anything.
    last: Option<Attempt>,
    /// The version the server last said does not exist.
    missing: Option<String>,
    focused: bool,
}

/// "Download project/chart 1.0.0", as the status line names a transfer (worded when shown).
fn download_label(chart: &ChartRef, version: &str) -> TaskLabel {
    let (chart, version) = (chart.key(), version.to_owned());
    TaskLabel::words(move || {
        tr!(
            "chart-download-task-download",
            chart = chart.as_str(),
            version = version.as_str()
        )
    })
}

/// The in-app path field and whether the user changed it (if not, it follows the version).
struct TypedPath {
    text: String,
    edited: bool,
}

enum Stage {
    /// Choosing the version and where to save.
    Edit,
    /// Asking the server whether the version exists, before going on.
    Verifying(Verifying),
    /// The save dialog is open.
    Choosing(Promise<Option<PathBuf>>),
    /// Checking a typed path (does a file exist there?).
    Checking {
        path: PathBuf,
        check: Promise<Result<PathCheck, PathCheckFailure>>,
    },
    /// The typed path names an existing file: replace it?
    ConfirmReplace(PathBuf),
    /// The archive is on its way.
    Transfer(Transfer),
    /// Saved.
    Done(Box<Saved>),
}

/// A version being checked: the download is opened, its answer read and the download dropped.
struct Verifying {
    version: String,
    /// Where to go once the version is found.
    then: AfterCheck,
    job: Job<Result<(), ApiError>>,
}

/// What follows a version found to exist.
enum AfterCheck {
    /// Open the save dialog.
    Choose,
    /// Check the typed path, then save there.
    Save(PathBuf),
}

/// How an attempt ended without a saved file.
enum Attempt {
    /// The server or the transfer failed.
    Failed(ApiError),
    /// The user cancelled the transfer.
    Cancelled,
    /// The typed path names a folder.
    IsFolder(PathBuf),
    /// The typed path's folder does not exist.
    NoFolder(PathBuf),
    /// The typed path could not be checked.
    Unchecked(PathCheckFailure),
}

/// Why a typed path could not be checked.
enum PathCheckFailure {
    /// The disk's answer.
    Check(PathCheckError),
    /// The check did not finish in time (a network folder that does not answer).
    TimedOut,
    /// The check stopped unexpectedly (a bug).
    Stopped,
}

impl<T> Fallback for Result<T, PathCheckFailure> {
    fn after_panic() -> Self {
        Err(PathCheckFailure::Stopped)
    }
}

impl Describe for PathCheckFailure {
    fn describe(&self) -> String {
        match self {
            Self::Check(error) => error.describe(),
            Self::TimedOut => tr!("chart-download-path-check-timeout"),
            Self::Stopped => tr!("chart-download-path-check-stopped"),
        }
    }
}

/// A running transfer.
struct Transfer {
    path: PathBuf,
    version: String,
    progress: Arc<Mutex<Option<(Progress, Instant)>>>,
    result: Promise<Result<DownloadSummary, ApiError>>,
    cancel: CancellationToken,
    /// Cancels the transfer if the dialog goes away (its view was replaced).
    _cancel_on_drop: DropGuard,
    cancelling: bool,
    /// When it started, for the status line.
    started: Instant,
}

impl DownloadDialog {
    /// The dialog for `chart`, offering `latest` and saving into `folder` by default.
    pub(super) fn new(chart: ChartRef, latest: Option<String>, folder: &Path) -> Self {
        Self {
            chart,
            version: latest.clone().unwrap_or_default(),
            latest,
            folder: folder.to_path_buf(),
            typed_path: None,
            stage: Stage::Edit,
            last: None,
            missing: None,
            focused: false,
        }
    }

    /// `{name}-{version}.tgz`, with nothing in it that could leave the folder.
    fn file_name(&self) -> String {
        format!("{}-{}.tgz", self.chart.name, self.version.trim()).replace(['/', '\\'], "_")
    }

    fn version_problem(&self) -> Option<String> {
        validate::chart_version(self.version.trim())
            .err()
            .map(|e| e.describe())
    }

    /// Takes the answers that arrived: the version check, the chosen file, the path check, the
    /// transfer's end, the saved archive's summary.
    fn poll(&mut self, ctx: &egui::Context, cx: &mut ViewContext<'_>) {
        let stage = std::mem::replace(&mut self.stage, Stage::Edit);
        self.stage = match stage {
            Stage::Verifying(verifying) => self.poll_verifying(verifying, cx),
            Stage::Choosing(promise) => self.poll_choosing(promise, ctx, cx),
            Stage::Checking { path, check } => self.poll_checking(path, check, ctx, cx),
            Stage::Transfer(transfer) => self.poll_transfer(transfer, cx),
            Stage::Done(mut saved) => {
                saved.summary.poll();
                Stage::Done(saved)
            }
            stage @ (Stage::Edit | Stage::ConfirmReplace(_)) => stage,
        };
    }

    /// The version check's answer: a version that exists is remembered and the save goes on,
    /// anything else goes back to editing with the problem.
    fn poll_verifying(&mut self, verifying: Verifying, cx: &mut ViewContext<'_>) -> Stage {
        let Verifying { version, then, job } = verifying;
        match job.try_take() {
            Err(job) => Stage::Verifying(Verifying { version, then, job }),
            Ok(Ok(())) => {
                remember(cx.remembered, &self.chart, &version);
                match then {
                    AfterCheck::Choose => self.choose(cx),
                    AfterCheck::Save(path) => self.check_typed(path, cx),
                }
            }
            Ok(Err(error)) => {
                self.failed(&version, error, cx);
                Stage::Edit
            }
        }
    }

    /// Records how an attempt at `version` failed; a version the server does not have is said
    /// beside the Version field and no longer offered.
    fn failed(&mut self, version: &str, error: ApiError, cx: &mut ViewContext<'_>) {
        if error.is_cancelled() {
            self.last = Some(Attempt::Cancelled);
            return;
        }
        if error.code() == Some(&CcrCode::NotExists) {
            forget(cx.remembered, &self.chart, version);
            self.missing = Some(version.to_owned());
        }
        cx.report(Some(&error));
        self.last = Some(Attempt::Failed(error));
    }

    /// The save dialog's answer: a file starts the transfer, none shows the path field.
    fn poll_choosing(
        &mut self,
        promise: Promise<Option<PathBuf>>,
        ctx: &egui::Context,
        cx: &ViewContext<'_>,
    ) -> Stage {
        match promise.try_take() {
            Ok(Some(path)) => self.start(path, ctx, cx),
            Ok(None) => {
                self.show_typed_path();
                Stage::Edit
            }
            Err(promise) => Stage::Choosing(promise),
        }
    }

    /// The typed path's check: a free path starts the transfer, a file asks to replace it,
    /// anything else goes back to editing with the problem.
    fn poll_checking(
        &mut self,
        path: PathBuf,
        check: Promise<Result<PathCheck, PathCheckFailure>>,
        ctx: &egui::Context,
        cx: &ViewContext<'_>,
    ) -> Stage {
        match check.try_take() {
            Ok(Ok(PathCheck::Free)) => self.start(path, ctx, cx),
            Ok(Ok(PathCheck::Exists)) => Stage::ConfirmReplace(path),
            Ok(Ok(PathCheck::IsFolder)) => {
                self.last = Some(Attempt::IsFolder(path));
                Stage::Edit
            }
            Ok(Ok(PathCheck::NoFolder(folder))) => {
                self.last = Some(Attempt::NoFolder(folder));
                Stage::Edit
            }
            Ok(Err(problem)) => {
                self.last = Some(Attempt::Unchecked(problem));
                Stage::Edit
            }
            Err(check) => Stage::Checking { path, check },
        }
    }

    /// The transfer's end: the saved archive (its folder and version remembered), or back to
    /// editing with how it failed.
    fn poll_transfer(&mut self, mut transfer: Transfer, cx: &mut ViewContext<'_>) -> Stage {
        let label = download_label(&self.chart, &transfer.version);
        let elapsed = transfer.started.elapsed();
        match transfer.result.try_take() {
            Ok(Ok(summary)) => {
                cx.tasks
                    .record_change(RequestRecord::succeeded(label, elapsed, None));
                remember(cx.remembered, &self.chart, &transfer.version);
                if let Some(folder) = transfer.path.parent()
                    && !folder.as_os_str().is_empty()
                {
                    cx.commands
                        .push(Command::RememberDownloadFolder(folder.to_path_buf()));
                }
                Stage::Done(Box::new(Saved::new(
                    transfer.path,
                    transfer.version,
                    &summary,
                    cx,
                )))
            }
            Ok(Err(error)) => {
                if !error.is_cancelled() {
                    cx.tasks
                        .record_change(RequestRecord::failed(label, elapsed, &error));
                }
                self.failed(&transfer.version, error, cx);
                Stage::Edit
            }
            Err(result) => {
                transfer.result = result;
                Stage::Transfer(transfer)
            }
        }
    }

    fn show_typed_path(&mut self) {
        if self.typed_path.is_none() {
            self.typed_path = Some(TypedPath {
                text: self.folder.join(self.file_name()).display().to_string(),
                edited: false,
            });
        }
    }

    /// Asks the server whether the version exists, then goes on with `then`: opens the
    /// download, reads its status and drops it unread (closing its connection).
    fn verify(&mut self, then: AfterCheck, cx: &ViewContext<'_>) -> Stage {
        self.last = None;
        let version = self.version.trim().to_owned();
        let ChartRef { project, name } = self.chart.clone();
        let client = Arc::clone(cx.client);
        let asked = version.clone();
        let (chart, checked) = (self.chart.key(), version.clone());
        let label = TaskLabel::words(move || {
            tr!(
                "chart-download-task-check",
                chart = chart.as_str(),
                version = checked.as_str()
            )
        });
        let job = cx.tasks.api(label, async move {
            let download = client.open_chart_download(&project, &name, &asked).await?;
            drop(download);
            Ok(Reply {
                value: (),
                request_id: None,
                status: None,
            })
        });
        Stage::Verifying(Verifying { version, then, job })
    }

    /// Opens the save dialog, without waiting for it.
    fn choose(&mut self, cx: &ViewContext<'_>) -> Stage {
        self.last = None;
        let title = tr!("chart-download-save-dialog-title");
        let chosen = cx
            .file_chooser
            .save_file(&title, &self.folder, &self.file_name());
        Stage::Choosing(cx.tasks.spawn(chosen))
    }

    /// Checks the typed path before saving there.
    fn check_typed(&mut self, path: PathBuf, cx: &ViewContext<'_>) -> Stage {
        self.last = None;
        let target = path.clone();
        let check = cx.tasks.spawn_blocking(
            PATH_CHECK_LIMIT,
            || Err(PathCheckFailure::TimedOut),
            move || check_path(&target).map_err(PathCheckFailure::Check),
        );
        Stage::Checking { path, check }
    }

    /// Starts the transfer to `path`.
    fn start(&mut self, path: PathBuf, ctx: &egui::Context, cx: &ViewContext<'_>) -> Stage {
        self.last = None;
        let version = self.version.trim().to_owned();
        let ChartRef { project, name } = self.chart.clone();
        let progress = Arc::new(Mutex::new(None));
        let cancel = CancellationToken::new();
        let client = Arc::clone(cx.client);
        let activity = cx.tasks.activity(download_label(&self.chart, &version));
        let (shared, token, target, repaint) = (
            Arc::clone(&progress),
            cancel.clone(),
            path.clone(),
            ctx.clone(),
        );
        let asked_version = version.clone();
        let result = cx.tasks.spawn(async move {
            let on_progress = move |now: Progress| {
                let mut shared = shared.lock().unwrap_or_else(PoisonError::into_inner);
                let started = shared.map_or_else(Instant::now, |(_, started)| started);
                *shared = Some((now, started));
                drop(shared);
                repaint.request_repaint();
            };
            let result = client
                .download_chart_to_file(
                    &project,
                    &name,
                    &asked_version,
                    &target,
                    on_progress,
                    &token,
                )
                .await;
            drop(activity);
            result
        });
        Stage::Transfer(Transfer {
            path,
            version,
            progress,
            result,
            _cancel_on_drop: cancel.clone().drop_guard(),
            cancel,
            cancelling: false,
            started: Instant::now(),
        })
    }

    /// The dialog; false once it is closed.
    pub(super) fn ui(&mut self, ctx: &egui::Context, cx: &mut ViewContext<'_>) -> bool {
        self.poll(ctx, cx);
        let known = known_versions(cx.remembered, &self.chart, self.latest.as_deref());
        let mut open = true;
        let mut next = None;
        egui::Modal::new(Id::unique(("download chart", self.chart.key()))).show(ctx, |ui| {
            ui.set_width(540.0);
            match &mut self.stage {
                Stage::Transfer(transfer) => {
                    ui.heading(tr!("chart-download-title-transfer"));
                    transfer_ui(ui, &self.chart, transfer);
                }
                Stage::Done(saved) => {
                    ui.heading(tr!("chart-download-title-done"));
                    if saved_ui(ui, &self.chart, saved) {
                        open = false;
                    }
                }
                Stage::ConfirmReplace(path) => {
                    ui.heading(tr!("chart-download-title-replace"));
                    match replace_ui(ui, path) {
                        Some(true) => next = Some(NextStep::Start(path.clone())),
                        Some(false) => next = Some(NextStep::Edit),
                        None => {}
                    }
                }
                Stage::Edit | Stage::Verifying(_) | Stage::Choosing(_) | Stage::Checking { .. } => {
                    ui.heading(tr!("chart-download-title"));
                    match self.edit_ui(ui, &known) {
                        EditAction::None => {}
                        EditAction::Close => open = false,
                        EditAction::Choose => next = Some(NextStep::Choose),
                        EditAction::Save(path) => next = Some(NextStep::Check(path)),
                    }
                }
            }
        });
        match next {
            None => {}
            Some(NextStep::Choose) => self.stage = self.verify(AfterCheck::Choose, cx),
            Some(NextStep::Check(path)) => self.stage = self.verify(AfterCheck::Save(path), cx),
            Some(NextStep::Start(path)) => self.stage = self.start(path, ctx, cx),
            Some(NextStep::Edit) => self.stage = Stage::Edit,
        }
        open
    }

    /// The version (and the `known` versions to pick from), where to save, and how the last
    /// attempt ended.
    fn edit_ui(&mut self, ui: &mut Ui, known: &[String]) -> EditAction {
        let busy = !matches!(self.stage, Stage::Edit);
        ui.label(RichText::new(self.chart.key()).monospace().strong());
        ui.add_space(8.0);
        // Fixed while it is checked, or a save dialog or a path check is open: the file name
        // was built from it.
        let field = ui
            .add_enabled_ui(!busy, |ui| {
                text_field(
                    ui,
                    &tr!("chart-download-version"),
                    &mut self.version,
                    "1.0.0",
                )
            })
            .inner;
        // The Enter that opened the dialog (from the list) must not also press its button.
        let first_frame = !self.focused;
        if !self.focused {
            field.request_focus();
            self.focused = true;
        }
        let version_ok = self.version_note_ui(ui, known, busy);
        let file_name = self.file_name();

        let typed_problem = self.typed_path_ui(ui, &file_name);
        if let Some(last) = &self.last {
            ui.add_space(8.0);
            attempt_ui(ui, last);
        }

        ui.add_space(10.0);
        let buttons = EditButtons {
            can_choose: version_ok && !busy,
            typed_ready: self.typed_path.is_some() && typed_problem.is_none(),
            first_frame,
        };
        let mut action = ui
            .horizontal(|ui| self.edit_buttons_ui(ui, buttons, &file_name))
            .inner;
        if matches!(action, EditAction::None) && escape_pressed(ui.ctx()) {
            action = EditAction::Close;
        }
        action
    }

    /// What is wrong with the version (or that the server does not have it), the `known`
    /// versions to pick from, and which versions the server lists; true when the version is
    /// fine.
    fn version_note_ui(&mut self, ui: &mut Ui, known: &[String], busy: bool) -> bool {
        let version_problem = self.version_problem();
        if self.version.trim().is_empty() {
            field_problem_ui(ui, None);
        } else {
            field_problem_ui(ui, version_problem.as_deref());
        }
        if let Some(missing) = self.missing.as_deref()
            && missing == self.version.trim()
        {
            let problem = tr!(
                "chart-download-version-missing",
                version = missing,
                chart = self.chart.name.as_str()
            );
            field_problem_ui(ui, Some(&problem));
        }
        if let Some(picked) = known_versions_ui(ui, known, self.version.trim(), !busy) {
            self.version = picked;
        }
        let note = match &self.latest {
            Some(latest) => tr!("chart-download-latest-note", latest = latest.as_str()),
            None => tr!("chart-download-no-latest-note"),
        };
        ui.label(RichText::new(note).weak());
        version_problem.is_none()
    }

    /// Download (to the typed path), Save as…, Cancel, and what the dialog waits for.
    fn edit_buttons_ui(&self, ui: &mut Ui, buttons: EditButtons, file_name: &str) -> EditAction {
        let mut action = EditAction::None;
        let EditButtons {
            can_choose,
            typed_ready,
            first_frame,
        } = buttons;
        let enter_pressed = !first_frame && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if self.typed_path.is_some() {
            let download = ui
                .add_enabled(
                    can_choose && typed_ready,
                    egui::Button::new(tr!("chart-download-download")),
                )
                .on_hover_text(tr!("chart-download-download-hint"));
            let enter = can_choose && typed_ready && enter_pressed;
            if (download.clicked() || enter)
                && let Some(typed) = &self.typed_path
            {
                action = EditAction::Save(PathBuf::from(typed.text.trim()));
            }
        }
        let save_as = ui
            .add_enabled(can_choose, egui::Button::new(tr!("chart-download-save-as")))
            .on_hover_text(tr!("chart-download-save-as-hint", file = file_name));
        let enter = can_choose && self.typed_path.is_none() && enter_pressed;
        if save_as.clicked() || enter {
            action = EditAction::Choose;
        }
        if ui.button(tr!("common-cancel")).clicked() {
            action = EditAction::Close;
        }
        match &self.stage {
            Stage::Verifying(verifying) => {
                ui.spinner();
                ui.label(tr!(
                    "chart-download-checking-version",
                    version = verifying.version.as_str()
                ));
            }
            Stage::Choosing(_) => {
                ui.spinner();
                ui.label(tr!("chart-download-waiting-dialog"));
            }
            Stage::Checking { .. } => {
                ui.spinner();
                ui.label(tr!("chart-download-checking-path"));
            }
            _ => {}
        }
        action
    }

    /// The in-app path field, once the save dialog answered without a file; returns what is
    /// wrong with the typed path.
    fn typed_path_ui(&mut self, ui: &mut Ui, file_name: &str) -> Option<String> {
        let typed = self.typed_path.as_mut()?;
        if !typed.edited {
            typed.text = self.folder.join(file_name).display().to_string();
        }
        ui.add_space(10.0);
        ui.label(tr!("chart-download-no-file-chosen"));
        ui.add_space(4.0);
        let field = text_field(
            ui,
            &tr!("chart-download-save-to"),
            &mut typed.text,
            &tr!("chart-download-save-to-hint"),
        );
        if field.changed() {
            typed.edited = true;
        }
        let problem = typed_path_problem(&typed.text);
        field_problem_ui(ui, problem.as_deref());
        problem
    }
}

/// How the last attempt ended: the server's error, a cancel, or a problem with the path.
fn attempt_ui(ui: &mut Ui, last: &Attempt) {
    match last {
        Attempt::Failed(error) => {
            ui.label(RichText::new(tr!("chart-download-failed")).strong());
            error_lines_ui(ui, error);
            ui.label(RichText::new(tr!("chart-download-nothing-written")).weak());
        }
        Attempt::Cancelled => {
            ui.label(tr!("chart-download-cancelled"));
        }
        Attempt::IsFolder(path) => {
            let path = path.display().to_string();
            let problem = tr!("chart-download-path-is-folder", path = path);
            ui.label(RichText::new(problem).color(ui.visuals().error_fg_color));
        }
        Attempt::NoFolder(folder) => {
            let folder = folder.display().to_string();
            let problem = tr!("chart-download-path-no-folder", folder = folder);
            ui.label(RichText::new(problem).color(ui.visuals().error_fg_color));
        }
        Attempt::Unchecked(failure) => {
            let problem = failure.describe();
            ui.label(RichText::new(problem).color(ui.visuals().error_fg_color));
        }
    }
}

/// What the edit stage's buttons may do this frame.
#[derive(Clone, Copy)]
struct EditButtons {
    /// The version is fine and no save dialog or path check is open.
    can_choose: bool,
    /// The path field is shown and its path is fine.
    typed_ready: bool,
    /// The dialog's first frame, whose Enter opened it.
    first_frame: bool,
}

enum EditAction {
    None,
    Close,
    Choose,
    Save(PathBuf),
}

enum NextStep {
    Choose,
    Check(PathBuf),
    Start(PathBuf),
    Edit,
}

/// What is wrong with a typed path, before anything is asked of the disk.
fn typed_path_problem(text: &str) -> Option<String> {
    let text = text.trim();
    if text.is_empty() {
        return Some(tr!("chart-download-path-empty"));
    }
    let path = Path::new(text);
    if !path.is_absolute() {
        return Some(tr!("chart-download-path-not-absolute"));
    }
    if path.file_name().is_none() || text.ends_with(['/', '\\']) {
        return Some(tr!("chart-download-path-ends-in-folder"));
    }
    None
}

/// "Replace?" for a typed path that names an existing file: `Some(true)` to replace,
/// `Some(false)` to go back.
fn replace_ui(ui: &mut Ui, path: &Path) -> Option<bool> {
    let mut answer = None;
    ui.add_space(4.0);
    ui.label(tr!(
        "chart-download-exists",
        path = path.display().to_string()
    ));
    ui.label(tr!("chart-download-replace-question"));
    ui.add_space(10.0);
    ui.horizontal(|ui| {
        if ui
            .add(
                egui::Button::new(
                    RichText::new(tr!("chart-download-replace")).color(egui::Color32::WHITE),
                )
                .fill(ui.visuals().error_fg_color),
            )
            .clicked()
        {
            answer = Some(true);
        }
        if ui.button(tr!("chart-download-keep")).clicked() {
            answer = Some(false);
        }
    });
    if answer.is_none() && escape_pressed(ui.ctx()) {
        answer = Some(false);
    }
    answer
}

/// The running transfer: a progress bar, speed and time left, and Cancel.
fn transfer_ui(ui: &mut Ui, chart: &ChartRef, transfer: &mut Transfer) {
    ui.label(
        RichText::new(format!("{} {}", chart.key(), transfer.version))
            .monospace()
            .strong(),
    );
    let to = tr!(
        "chart-download-to",
        path = transfer.path.display().to_string()
    );
    ui.label(RichText::new(to).weak());
    ui.add_space(8.0);
    let now = *transfer
        .progress
        .lock()
        .unwrap_or_else(PoisonError::into_inner);
    match now {
        None => {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label(tr!("chart-download-asking"));
            });
        }
        Some((progress, started)) => progress_ui(ui, progress, started),
    }
    ui.add_space(10.0);
    ui.horizontal(|ui| cancel_transfer_ui(ui, transfer));
    // Speed and time left move on even while no bytes arrive.
    ui.ctx().request_repaint_after(TRANSFER_REPAINT);
}

/// The progress bar, and the speed and time left under it.
fn progress_ui(ui: &mut Ui, progress: Progress, started: Instant) {
    let done = progress.bytes_done;
    let (fraction, text) = match progress.bytes_total {
        Some(total) if total > 0 => {
            let fraction = (done as f64 / total as f64).clamp(0.0, 1.0);
            (
                Some(fraction as f32),
                tr!(
                    "chart-download-progress",
                    done = format_bytes(done),
                    total = format_bytes(total),
                    percent = format!("{:.0}", fraction * 100.0)
                ),
            )
        }
        _ => (None, format_bytes(done)),
    };
    let bar = egui::ProgressBar::new(fraction.unwrap_or(0.0))
        .text(text)
        .animate(fraction.is_none())
        .desired_width(ui.available_width());
    ui.add(bar);
    ui.label(RichText::new(speed_line(progress, started)).weak());
}

/// "1.2 MiB/s · about 5 s left", or "Measuring the speed…" until there is something to measure.
fn speed_line(progress: Progress, started: Instant) -> String {
    let done = progress.bytes_done;
    // Bytes per second over the whole transfer, once there is something to measure.
    let elapsed_ms = started.elapsed().as_millis();
    let speed = if elapsed_ms >= 200 {
        u64::try_from(u128::from(done) * 1000 / elapsed_ms).unwrap_or(u64::MAX)
    } else {
        0
    };
    if speed == 0 {
        return tr!("chart-download-measuring");
    }
    let left = progress
        .bytes_total
        .map(|total| time_left(total.saturating_sub(done) as f64 / speed as f64));
    speed_text(format_bytes(speed), left)
}

/// How long a transfer has left, in the unit it is said in.
#[derive(Debug, Clone, PartialEq)]
enum TimeLeft {
    /// Less than a second.
    Instant,
    /// About this many seconds (a whole number).
    Seconds(String),
    /// About this many minutes (a whole number).
    Minutes(String),
    /// About this many hours (one decimal).
    Hours(String),
}

/// The time left for `secs` seconds: seconds up to 90 s, minutes up to 90 min, then hours.
fn time_left(secs: f64) -> TimeLeft {
    if secs < 1.0 {
        TimeLeft::Instant
    } else if secs < 90.0 {
        TimeLeft::Seconds(format!("{secs:.0}"))
    } else if secs < 90.0 * 60.0 {
        TimeLeft::Minutes(format!("{:.0}", secs / 60.0))
    } else {
        TimeLeft::Hours(format!("{:.1}", secs / 3600.0))
    }
}

/// The speed (`speed` is "1.2 MiB") and, when known, the time left.
fn speed_text(speed: String, left: Option<TimeLeft>) -> String {
    match left {
        None => tr!("chart-download-speed", speed = speed),
        Some(TimeLeft::Instant) => tr!("chart-download-speed-left-instant", speed = speed),
        Some(TimeLeft::Seconds(seconds)) => {
            tr!(
                "chart-download-speed-left-seconds",
                speed = speed,
                seconds = seconds
            )
        }
        Some(TimeLeft::Minutes(minutes)) => {
            tr!(
                "chart-download-speed-left-minutes",
                speed = speed,
                minutes = minutes
            )
        }
        Some(TimeLeft::Hours(hours)) => {
            tr!(
                "chart-download-speed-left-hours",
                speed = speed,
                hours = hours
            )
        }
    }
}

/// Cancel, or "Cancelling…" once it was pressed.
fn cancel_transfer_ui(ui: &mut Ui, transfer: &mut Transfer) {
    if transfer.cancelling {
        ui.add_enabled(false, egui::Button::new(tr!("common-cancel")));
        ui.spinner();
        ui.label(tr!("chart-download-cancelling"));
    } else if ui
        .button(tr!("common-cancel"))
        .on_hover_text(tr!("chart-download-cancel-hint"))
        .clicked()
    {
        transfer.cancelling = true;
        transfer.cancel.cancel();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_paths_must_name_a_file_by_its_full_path() {
        assert!(typed_path_problem("").is_some());
        assert!(typed_path_problem("chart.tgz").is_some());
        assert!(typed_path_problem("/tmp/").is_some());
        assert_eq!(typed_path_problem("/tmp/chart.tgz"), None);
    }

    #[test]
    fn a_suggested_file_name_stays_in_its_folder() {
        let dialog = DownloadDialog::new(
            ChartRef {
                project: "demo".to_owned(),
                name: "../evil".to_owned(),
            },
            Some("1.0.0".to_owned()),
            Path::new("/tmp"),
        );
        assert_eq!(dialog.file_name(), ".._evil-1.0.0.tgz");
    }

    #[test]
    fn time_left_reads_in_plain_units() {
        assert_eq!(time_left(0.4), TimeLeft::Instant);
        assert_eq!(time_left(12.0), TimeLeft::Seconds("12".to_owned()));
        assert_eq!(time_left(600.0), TimeLeft::Minutes("10".to_owned()));
        assert_eq!(time_left(7200.0), TimeLeft::Hours("2.0".to_owned()));
        let speed = || "1.2 MiB".to_owned();
        assert_eq!(
            speed_text(speed(), Some(TimeLeft::Instant)),
            "1.2 MiB/s · less than a second left"
        );
        assert_eq!(
            speed_text(speed(), Some(TimeLeft::Seconds("12".to_owned()))),
            "1.2 MiB/s · about 12 s left"
        );
        assert_eq!(
            speed_text(speed(), Some(TimeLeft::Minutes("10".to_owned()))),
            "1.2 MiB/s · about 10 min left"
        );
        assert_eq!(speed_text(speed(), None), "1.2 MiB/s");
    }
}
