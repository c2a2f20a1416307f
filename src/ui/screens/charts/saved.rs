//! A chart archive just saved: where it is, how big, and what its Chart.yaml and values.yaml say.

use std::path::PathBuf;
use std::time::Duration;

use egui::{RichText, Ui};

use super::ChartRef;
use crate::api::DownloadSummary;
use crate::chart_archive::{
    self, ArchiveError, ChartSummary, MAX_UNPACKED_BYTES, VALUES_MAX_BYTES,
};
use crate::tasks::{Fallback, Remote};
use crate::ui::describe::Describe;
use crate::ui::dialogs::escape_pressed;
use crate::ui::feedback::{Notice, copy_and_confirm};
use crate::ui::view::ViewContext;
use crate::ui::widgets::format_bytes;

/// How long reading a saved archive may take before giving up.
const INSPECT_LIMIT: Duration = Duration::from_mins(1);

/// A saved archive and what it holds.
pub(super) struct Saved {
    pub(super) path: PathBuf,
    pub(super) version: String,
    pub(super) bytes: u64,
    pub(super) summary: Remote<ChartSummary, InspectFailure>,
}

/// Why a saved archive's content cannot be shown.
pub(super) enum InspectFailure {
    /// The archive could not be read as a chart.
    Archive(ArchiveError),
    /// Reading it did not finish in time.
    TimedOut,
    /// Reading it stopped unexpectedly (a bug).
    Stopped,
}

impl<T> Fallback for Result<T, InspectFailure> {
    fn after_panic() -> Self {
        Err(InspectFailure::Stopped)
    }
}

impl Describe for InspectFailure {
    fn describe(&self) -> String {
        match self {
            Self::Archive(error) => error.describe(),
            Self::TimedOut => tr!("chart-saved-inspect-timeout"),
            Self::Stopped => tr!("chart-saved-inspect-stopped"),
        }
    }
}

impl Saved {
    /// Starts reading the archive saved at `path`.
    pub(super) fn new(
        path: PathBuf,
        version: String,
        summary: &DownloadSummary,
        cx: &ViewContext<'_>,
    ) -> Self {
        let mut inspection = Remote::default();
        let target = path.clone();
        inspection.request(cx.tasks.spawn_blocking(
            INSPECT_LIMIT,
            || Err(InspectFailure::TimedOut),
            move || chart_archive::inspect(&target).map_err(InspectFailure::Archive),
        ));
        Self {
            path,
            version,
            bytes: summary.bytes,
            summary: inspection,
        }
    }
}

/// The saved archive: where, how big, and what its Chart.yaml and values.yaml say. True when
/// the user closes the dialog.
pub(super) fn saved_ui(ui: &mut Ui, chart: &ChartRef, saved: &Saved) -> bool {
    ui.label(
        RichText::new(format!("{} {}", chart.key(), saved.version))
            .monospace()
            .strong(),
    );
    ui.add_space(6.0);
    let path = saved.path.display().to_string();
    egui::Grid::new("saved chart grid")
        .num_columns(2)
        .spacing([12.0, 6.0])
        .show(ui, |ui| {
            ui.label(RichText::new(tr!("chart-saved-saved-to")).weak());
            ui.horizontal(|ui| {
                ui.label(RichText::new(&path).monospace());
                if ui
                    .small_button(tr!("common-copy"))
                    .on_hover_text(tr!("chart-saved-copy-path-hint"))
                    .clicked()
                {
                    copy_and_confirm(
                        ui.ctx(),
                        path.as_str(),
                        Notice::words(|| tr!("chart-saved-path-copied")),
                    );
                }
            });
            ui.end_row();
            ui.label(RichText::new(tr!("chart-saved-size")).weak());
            ui.label(tr!(
                "chart-saved-size-value",
                size = format_bytes(saved.bytes),
                bytes = saved.bytes
            ));
            ui.end_row();
        });
    ui.add_space(8.0);
    ui.separator();
    if let Some(problem) = saved.summary.error() {
        ui.label(RichText::new(tr!("chart-saved-inspect-failed")).strong());
        ui.label(RichText::new(problem.describe()).color(ui.visuals().error_fg_color));
    } else if let Some(summary) = saved.summary.value() {
        summary_ui(ui, summary, &saved.version);
    } else {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label(tr!("chart-saved-reading"));
        });
    }
    ui.add_space(10.0);
    let close = ui.button(tr!("common-close")).clicked();
    close || escape_pressed(ui.ctx()) || ui.input(|i| i.key_pressed(egui::Key::Enter))
}

/// Chart.yaml's fields and values.yaml's text.
fn summary_ui(ui: &mut Ui, summary: &ChartSummary, asked_version: &str) {
    chart_yaml_ui(ui, summary, asked_version);
    ui.add_space(8.0);
    values_yaml_ui(ui, summary);
}

/// Chart.yaml's fields, and a warning when its version is not the one asked for.
fn chart_yaml_ui(ui: &mut Ui, summary: &ChartSummary, asked_version: &str) {
    ui.label(RichText::new("Chart.yaml").strong());
    let dash = |value: &Option<String>| value.clone().unwrap_or_else(|| "—".to_owned());
    egui::Grid::new("chart yaml grid")
        .num_columns(2)
        .spacing([12.0, 4.0])
        .show(ui, |ui| {
            for (label, value) in [
                (tr!("chart-saved-name"), &summary.name),
                (tr!("chart-saved-version"), &summary.version),
                (tr!("chart-saved-app-version"), &summary.app_version),
                (tr!("chart-saved-description"), &summary.description),
            ] {
                ui.label(RichText::new(label).weak());
                ui.add(egui::Label::new(dash(value)).wrap());
                ui.end_row();
            }
        });
    if let Some(version) = &summary.version
        && version != asked_version
    {
        ui.label(
            RichText::new(tr!(
                "chart-saved-version-mismatch",
                found = version.as_str(),
                asked = asked_version
            ))
            .color(ui.visuals().warn_fg_color),
        );
    }
}

/// values.yaml's text (maybe cut short), or why there is none.
fn values_yaml_ui(ui: &mut Ui, summary: &ChartSummary) {
    match &summary.values {
        Some(values) => {
            let label = ui.label(RichText::new("values.yaml").strong());
            egui::ScrollArea::vertical()
                .id_salt("values.yaml")
                .max_height(260.0)
                .show(ui, |ui| {
                    let mut text = values.text.as_str();
                    ui.add(
                        egui::TextEdit::multiline(&mut text)
                            .code_editor()
                            .desired_width(f32::INFINITY),
                    )
                    .labelled_by(label.id);
                });
            if values.truncated {
                ui.label(
                    RichText::new(tr!(
                        "chart-saved-values-truncated",
                        shown = format_bytes(VALUES_MAX_BYTES),
                        full = format_bytes(values.full_bytes)
                    ))
                    .weak(),
                );
            }
        }
        None if summary.values_not_reached => {
            ui.label(
                RichText::new(tr!(
                    "chart-saved-values-not-reached",
                    limit = format_bytes(MAX_UNPACKED_BYTES)
                ))
                .weak(),
            );
        }
        None => {
            ui.label(RichText::new(tr!("chart-saved-no-values")).weak());
        }
    }
}
