//! The index panel at the top of the storage screen: how fresh the local index is and what it
//! holds, the indexing run with its progress, how the last one ended (its error in plain
//! words), the buttons that start, stop and clear, and the index settings.

use std::time::Duration;

use egui::{RichText, Ui};

use crate::index::{
    CrawlError, CrawlOutcome, CrawlPhase, CrawlProgress, CrawlScope, Freshness, IndexError,
    ListingTarget, Opened, RebuildReason,
};
use crate::profile::{CrawlWhen, INDEX_CONCURRENCY_RANGE, IndexSettings};
use crate::session::{CrawlEnd, IndexStatus};
use crate::ui::commands::{Command, Commands};
use crate::ui::describe::Describe as _;
use crate::ui::dialogs::{Confirmation, DeleteConfirmation};
use crate::ui::widgets::{format_time_ago, moment_text};

/// How often the progress is drawn again while indexing runs.
const PROGRESS_EVERY: Duration = Duration::from_millis(250);

/// The schedule offered when it is turned on, in minutes.
const DEFAULT_EVERY_MINUTES: u32 = 60;

/// The longest schedule offered: a week, in minutes.
const MAX_EVERY_MINUTES: u32 = 7 * 24 * 60;

/// The panel's state: the clear confirmation, and the schedule shown while it is off.
pub struct IndexPanel {
    clear: Option<DeleteConfirmation>,
    every_minutes: u32,
}

impl Default for IndexPanel {
    fn default() -> Self {
        Self {
            clear: None,
            every_minutes: DEFAULT_EVERY_MINUTES,
        }
    }
}

impl IndexPanel {
    /// The panel for `status`; `offline` when the registry cannot be reached, `server` names
    /// it in the clear confirmation.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        status: &IndexStatus<'_>,
        offline: bool,
        server: &str,
        commands: &mut Commands,
    ) {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            let running = !status.crawling.is_empty();
            freshness_ui(ui, status.freshness, running);
            opened_ui(ui, status.opened);
            self.buttons_ui(ui, running, offline, server, commands);
            match &status.crawl {
                Some((_, progress)) => {
                    progress_ui(ui, progress);
                    ui.ctx().request_repaint_after(PROGRESS_EVERY);
                }
                None => last_crawl_ui(ui, status.last_crawl),
            }
            self.settings_ui(ui, status.settings, commands);
        });
        self.clear_dialog_ui(ui.ctx(), commands);
    }

    fn buttons_ui(
        &mut self,
        ui: &mut Ui,
        running: bool,
        offline: bool,
        server: &str,
        commands: &mut Commands,
    ) {
        ui.horizontal_wrapped(|ui| {
            let crawl = ui.add_enabled(
                !running && !offline,
                egui::Button::new(tr!("storage-crawl-now")),
            );
            let crawl = if offline {
                crawl.on_disabled_hover_text(tr!("storage-crawl-offline-hint"))
            } else if running {
                crawl.on_disabled_hover_text(tr!("storage-crawl-running-hint"))
            } else {
                crawl.on_hover_text(tr!("storage-crawl-now-hint"))
            };
            if crawl.clicked() {
                commands.push(Command::Crawl(CrawlScope::Registry));
            }
            if ui
                .add_enabled(running, egui::Button::new(tr!("storage-stop")))
                .on_hover_text(tr!("storage-stop-hint"))
                .clicked()
            {
                commands.push(Command::CancelCrawls);
            }
            if ui
                .button(tr!("storage-clear"))
                .on_hover_text(tr!("storage-clear-hint"))
                .clicked()
            {
                self.clear = Some(DeleteConfirmation::new(
                    tr!("storage-clear-name", server = server),
                    false,
                ));
            }
        });
    }

    /// When to index, requests in flight, and the schedule; every change is kept at once.
    fn settings_ui(&mut self, ui: &mut Ui, settings: &IndexSettings, commands: &mut Commands) {
        let mut edited = settings.clone();
        if let Some(minutes) = settings.every_minutes {
            self.every_minutes = minutes;
        }
        egui::CollapsingHeader::new(tr!("storage-settings"))
            .id_salt("storage index settings")
            .show(ui, |ui| {
                ui.horizontal_wrapped(|ui| {
                    ui.label(tr!("storage-settings-when"));
                    ui.radio_value(
                        &mut edited.crawl,
                        CrawlWhen::OnConnect,
                        tr!("storage-settings-on-connect"),
                    );
                    ui.radio_value(
                        &mut edited.crawl,
                        CrawlWhen::WhenAsked,
                        tr!("storage-settings-when-asked"),
                    );
                });
                ui.horizontal(|ui| {
                    let label = ui.label(tr!("storage-settings-concurrency"));
                    ui.add(
                        egui::DragValue::new(&mut edited.concurrency)
                            .range(INDEX_CONCURRENCY_RANGE),
                    )
                    .labelled_by(label.id)
                    .on_hover_text(tr!(
                        "storage-settings-concurrency-hint",
                        min = u64::from(*INDEX_CONCURRENCY_RANGE.start()),
                        max = u64::from(*INDEX_CONCURRENCY_RANGE.end())
                    ));
                });
                ui.horizontal(|ui| {
                    let mut repeat = edited.every_minutes.is_some();
                    ui.checkbox(&mut repeat, tr!("storage-settings-repeat"));
                    let label = ui.label(tr!("storage-settings-every"));
                    ui.add_enabled(
                        repeat,
                        egui::DragValue::new(&mut self.every_minutes).range(1..=MAX_EVERY_MINUTES),
                    )
                    .labelled_by(label.id);
                    edited.every_minutes = repeat.then_some(self.every_minutes);
                });
            });
        if edited != *settings {
            commands.push(Command::SetIndexSettings(edited));
        }
    }

    /// The confirmation before the index is cleared; confirming asks the app to clear it.
    fn clear_dialog_ui(&mut self, ctx: &egui::Context, commands: &mut Commands) {
        let Some(confirmation) = &mut self.clear else {
            return;
        };
        let title = tr!("storage-clear-title");
        let consequence = tr!("storage-clear-consequence");
        match confirmation.ui(ctx, &title, &consequence, None) {
            Confirmation::Open => {}
            Confirmation::Cancelled => self.clear = None,
            Confirmation::Confirmed => {
                commands.push(Command::ClearIndex);
                self.clear = None;
            }
        }
    }
}

/// How fresh the index is and what it holds; "nothing indexed yet" before anything was.
fn freshness_ui(ui: &mut Ui, freshness: Option<&Freshness>, running: bool) {
    let Some(freshness) = freshness else {
        ui.label(RichText::new(tr!("storage-reading")).weak());
        return;
    };
    if freshness.projects == 0 && freshness.last_complete_crawl_ms.is_none() {
        ui.label(RichText::new(tr!("storage-never-indexed")).strong());
        return;
    }
    let last = freshness.last_complete_crawl_ms.and_then(|ms| {
        let at = chrono::DateTime::from_timestamp_millis(ms)?;
        Some((
            format_time_ago(at.fixed_offset(), chrono::Utc::now()),
            moment_text(ms)?,
        ))
    });
    ui.label(match last {
        Some((ago, at)) => tr!("storage-last-complete", ago = ago, at = at),
        None => tr!("storage-never-complete"),
    });
    ui.label(tr!(
        "storage-holds",
        projects = freshness.projects,
        repositories = freshness.repositories,
        artifacts = freshness.artifacts,
        tags = freshness.tags,
        charts = freshness.charts
    ));
    if freshness.repositories_not_listed > 0 {
        ui.label(
            RichText::new(tr!(
                "storage-not-listed",
                count = freshness.repositories_not_listed
            ))
            .weak(),
        );
    }
    if freshness.crawl_unfinished && !running {
        ui.label(RichText::new(tr!("storage-unfinished")).weak());
    }
}

/// The running walk: its phase, and a bar of the items written against those announced.
fn progress_ui(ui: &mut Ui, progress: &CrawlProgress) {
    let phase = match progress.phase {
        CrawlPhase::Starting => "starting",
        CrawlPhase::Projects => "projects",
        CrawlPhase::Repositories => "repositories",
        CrawlPhase::Artifacts => "artifacts",
        CrawlPhase::Done => "done",
    };
    ui.label(tr!("storage-phase", phase = phase));
    let done = progress.items_done();
    let expected = progress.items_expected().max(done);
    let fraction = if expected == 0 {
        0.0
    } else {
        done as f32 / expected as f32
    };
    let text = tr!(
        "storage-progress",
        done = done,
        expected = expected,
        requests = progress.requests,
        retries = progress.retries,
        settled = if progress.totals_final { "yes" } else { "no" }
    );
    ui.add(
        egui::ProgressBar::new(fraction)
            .text(text)
            .desired_width(ui.available_width()),
    );
}

/// How the last walk ended, when one did.
fn last_crawl_ui(ui: &mut Ui, last: Option<&CrawlEnd>) {
    match last {
        None => {}
        Some(CrawlEnd::Reported(report)) => match report.outcome {
            CrawlOutcome::Finished => {
                ui.horizontal_wrapped(|ui| {
                    ui.label(tr!("storage-last-finished"));
                    ui.label(
                        RichText::new(tr!(
                            "storage-last-details",
                            items = report.progress.items_done(),
                            requests = report.progress.requests,
                            removed = report.removed
                        ))
                        .weak(),
                    );
                });
            }
            CrawlOutcome::Cancelled => {
                ui.label(RichText::new(tr!("storage-last-cancelled")).weak());
            }
            CrawlOutcome::Gone => {
                ui.label(RichText::new(tr!("storage-last-gone")).weak());
            }
        },
        Some(CrawlEnd::Failed(error)) => {
            let color = ui.visuals().error_fg_color;
            ui.label(
                RichText::new(tr!("storage-last-failed"))
                    .strong()
                    .color(color),
            );
            ui.label(crawl_error_text(error));
        }
    }
}

/// Why a walk stopped, in plain words.
pub fn crawl_error_text(error: &CrawlError) -> String {
    match error {
        CrawlError::Api { target, source, .. } => {
            let (kind, project, repository) = match target {
                ListingTarget::Projects => ("projects", "", ""),
                ListingTarget::Project { project } => ("project", project.as_str(), ""),
                ListingTarget::Repository {
                    project,
                    repository,
                } => ("repository", project.as_str(), repository.as_str()),
                ListingTarget::Repositories { project } => ("repositories", project.as_str(), ""),
                ListingTarget::Artifacts {
                    project,
                    repository,
                } => ("artifacts", project.as_str(), repository.as_str()),
                ListingTarget::Charts => ("charts", "", ""),
            };
            tr!(
                "storage-crawl-error-api",
                target = kind,
                project = project,
                repository = repository,
                problem = source.describe()
            )
        }
        CrawlError::Index(error) => {
            tr!(
                "storage-crawl-error-index",
                problem = index_error_text(error)
            )
        }
        CrawlError::Task => tr!("storage-crawl-error-task"),
    }
}

/// What opening the index file found, when it is worth saying: it was rebuilt (and why), or
/// brought to this version's format.
fn opened_ui(ui: &mut Ui, opened: &Opened) {
    let text = match opened {
        Opened::Rebuilt { reason } => {
            let why = match reason {
                RebuildReason::Corrupt => tr!("storage-rebuilt-corrupt"),
                RebuildReason::NotAnIndex => tr!("storage-rebuilt-not-an-index"),
                RebuildReason::UnsupportedVersion { found } => {
                    tr!("storage-rebuilt-version", found = found.to_string())
                }
            };
            RichText::new(tr!("storage-rebuilt", why = why)).color(ui.visuals().warn_fg_color)
        }
        Opened::Migrated { from } => {
            RichText::new(tr!("storage-migrated", from = from.to_string()))
                .small()
                .weak()
        }
        Opened::Created | Opened::Existing => return,
    };
    ui.label(text);
}

/// An index failure in plain words.
pub fn index_error_text(error: &IndexError) -> String {
    if error.is_corrupt() {
        return tr!("storage-index-error-corrupt");
    }
    match error {
        IndexError::NoCacheDir => tr!("storage-index-error-no-cache"),
        IndexError::Io { path, source } => tr!(
            "storage-index-error-io",
            path = path.display().to_string(),
            detail = source.to_string()
        ),
        IndexError::Database(source) => {
            tr!("storage-index-error-database", detail = source.to_string())
        }
        IndexError::Unusable { path, .. } => tr!(
            "storage-index-error-unusable",
            path = path.display().to_string()
        ),
        IndexError::Task => tr!("storage-index-error-task"),
    }
}
