//! "Compare versions…" of a chart: the user names two versions (the known ones offered as
//! chips), both archives are downloaded to a temporary folder and checked as a download is,
//! and the files added, removed and changed are shown with a unified diff of each changed text
//! file, values.yaml and Chart.yaml first.

use std::sync::Arc;

use egui::{RichText, Ui};
use poll_promise::Promise;
use tokio_util::sync::{CancellationToken, DropGuard};

use super::ChartRef;
use super::diff_view::chart_diff_ui;
use super::known_versions::{known_versions, known_versions_ui, remember};
use crate::chart_diff::{ChartDiff, ChartDiffError, download_and_compare};
use crate::tasks::Fallback;
use crate::ui::describe::Describe;
use crate::ui::view::ViewContext;

impl<T> Fallback for Result<T, ChartDiffError> {
    fn after_panic() -> Self {
        Err(ChartDiffError::Stopped(
            "a background task stopped".to_owned(),
        ))
    }
}

/// The window's size when it opens.
const WINDOW_SIZE: egui::Vec2 = egui::vec2(860.0, 600.0);

/// Which of the two version fields the known-version chips fill.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Old,
    New,
}

/// The comparison window of one chart.
pub(super) struct VersionCompare {
    chart: ChartRef,
    latest: Option<String>,
    old: String,
    new: String,
    /// The field a known-version chip fills.
    filling: Field,
    running: Option<(Promise<Result<ChartDiff, ChartDiffError>>, DropGuard)>,
    /// The last comparison, with the versions it compared.
    result: Option<(String, String, Result<ChartDiff, ChartDiffError>)>,
}

impl VersionCompare {
    /// The window for `chart`, the new version set to its latest.
    pub(super) fn new(chart: ChartRef, latest: Option<String>) -> Self {
        Self {
            chart,
            new: latest.clone().unwrap_or_default(),
            latest,
            old: String::new(),
            filling: Field::Old,
            running: None,
            result: None,
        }
    }

    fn start(&mut self, cx: &ViewContext<'_>) {
        let (old, new) = (self.old.trim().to_owned(), self.new.trim().to_owned());
        let client = Arc::clone(cx.client);
        let ChartRef { project, name } = self.chart.clone();
        let cancel = CancellationToken::new();
        let guard = cancel.clone().drop_guard();
        let folder = std::env::temp_dir();
        let (asked_old, asked_new) = (old.clone(), new.clone());
        let promise = cx.tasks.spawn(async move {
            download_and_compare(
                &client, &project, &name, &asked_old, &asked_new, &folder, &cancel,
            )
            .await
        });
        self.running = Some((promise, guard));
        self.result = Some((old, new, Err(ChartDiffError::Cancelled)));
    }

    fn poll(&mut self, cx: &mut ViewContext<'_>) {
        let Some((promise, guard)) = self.running.take() else {
            return;
        };
        match promise.try_take() {
            Ok(result) => {
                drop(guard);
                if let Some((old, new, slot)) = &mut self.result {
                    if result.is_ok() {
                        remember(cx.remembered, &self.chart, old);
                        remember(cx.remembered, &self.chart, new);
                    }
                    *slot = result;
                }
            }
            Err(promise) => self.running = Some((promise, guard)),
        }
    }

    /// Draws the window; false once the user closed it.
    pub(super) fn ui(&mut self, ctx: &egui::Context, cx: &mut ViewContext<'_>) -> bool {
        self.poll(cx);
        let mut open = true;
        let title = tr!("chart-compare-title", chart = self.chart.key());
        egui::Window::new(title)
            .id(egui::Id::unique((
                "chart version compare",
                self.chart.key(),
            )))
            .open(&mut open)
            .default_size(WINDOW_SIZE)
            .default_pos(ctx.content_rect().center() - WINDOW_SIZE / 2.0)
            .resizable(true)
            .collapsible(false)
            .show(ctx, |ui| self.contents_ui(ui, cx));
        if !open || (self.running.is_none() && ctx.input(|i| i.key_pressed(egui::Key::Escape))) {
            return false;
        }
        true
    }

    fn contents_ui(&mut self, ui: &mut Ui, cx: &mut ViewContext<'_>) {
        // As tall as it opens, so the diff that arrives does not push it off the screen.
        ui.set_min_height(WINDOW_SIZE.y - 60.0);
        let busy = self.running.is_some();
        ui.label(RichText::new(tr!("chart-compare-explain")).weak());
        ui.horizontal(|ui| {
            let old = version_field_ui(ui, &tr!("chart-compare-old"), &mut self.old, !busy);
            if old.gained_focus() {
                self.filling = Field::Old;
            }
            let new = version_field_ui(ui, &tr!("chart-compare-new"), &mut self.new, !busy);
            if new.gained_focus() {
                self.filling = Field::New;
            }
        });
        let known = known_versions(cx.remembered, &self.chart, self.latest.as_deref());
        let current = match self.filling {
            Field::Old => self.old.trim().to_owned(),
            Field::New => self.new.trim().to_owned(),
        };
        if let Some(picked) = known_versions_ui(ui, &known, &current, !busy) {
            match self.filling {
                Field::Old => {
                    self.old = picked;
                    self.filling = Field::New;
                }
                Field::New => self.new = picked,
            }
        }
        let ready = !self.old.trim().is_empty()
            && !self.new.trim().is_empty()
            && self.old.trim() != self.new.trim();
        ui.horizontal(|ui| {
            if busy {
                ui.spinner();
                ui.label(tr!("chart-compare-running"));
                if ui.button(tr!("common-cancel")).clicked() {
                    // Dropping the guard cancels the downloads.
                    self.running = None;
                    self.result = None;
                }
            } else if ui
                .add_enabled(ready, egui::Button::new(tr!("chart-compare-start")))
                .on_disabled_hover_text(tr!("chart-compare-two-versions"))
                .clicked()
            {
                self.start(cx);
            }
        });
        ui.separator();
        match &self.result {
            Some((_, _, Err(ChartDiffError::Cancelled))) | None => {}
            Some((_, _, Err(error))) => {
                ui.colored_label(ui.visuals().error_fg_color, error.describe());
            }
            Some((old, new, Ok(diff))) => {
                ui.label(
                    RichText::new(tr!(
                        "chart-compare-versions",
                        old = old.as_str(),
                        new = new.as_str()
                    ))
                    .strong(),
                );
                chart_diff_ui(ui, diff);
            }
        }
    }
}

/// A short version field named `label`.
fn version_field_ui(ui: &mut Ui, label: &str, text: &mut String, enabled: bool) -> egui::Response {
    let label = ui.label(label);
    ui.add_enabled(
        enabled,
        egui::TextEdit::singleline(text)
            .hint_text(tr!("chart-compare-version-hint"))
            .desired_width(140.0),
    )
    .labelled_by(label.id)
}
