//! The bulk delete dialog, for a selection and for a cleanup plan: it asks once, listing what
//! goes (an artifact with every tag that goes with it) and the total size; then it shows a
//! progress bar with Cancel while [`crate::bulk_delete::run`] works; then its report: how
//! many were deleted, and each failure with the server's reason and request id, each item
//! skipped by the check before its delete, and what Cancel left.

use std::sync::Arc;

use egui::{Id, RichText, Ui};
use poll_promise::Promise;

use super::describe::Describe as _;
use super::view::ViewContext;
use super::widgets::format_bytes;
use crate::activity::Via;
use crate::bulk_delete::{BulkProgress, BulkWatch, DeleteItem, ItemEnd, Records, run};
use crate::cleanup::SkipReason;

/// The deletes in flight at once.
const IN_FLIGHT: usize = 4;

/// How many items the confirmation lists before it says "and N more".
const LISTED_AT_MOST: usize = 200;

/// A bulk delete being confirmed, run or reported.
pub struct BulkDeleteDialog {
    items: Vec<DeleteItem>,
    via: Via,
    stage: Stage,
    /// Whether projects are emptied first (only when the user asks).
    empty_projects: bool,
}

enum Stage {
    Confirm,
    Running {
        watch: BulkWatch,
        done: Promise<Option<()>>,
    },
    Report(BulkProgress),
}

/// How the dialog changed this frame.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BulkEnd {
    /// Still open, or closed without deleting anything.
    Nothing,
    /// The run just ended (the list should be read again), deleting these items.
    Ran(Vec<DeleteItem>),
}

impl BulkDeleteDialog {
    /// A dialog asking to delete `items`, as part of `via` (a bulk delete or a cleanup).
    pub fn new(items: Vec<DeleteItem>, via: Via) -> Self {
        Self {
            items,
            via,
            stage: Stage::Confirm,
            empty_projects: false,
        }
    }
}

/// Draws the dialog in `slot`, if any; it closes itself (emptying `slot`) when the user is
/// done with it.
pub fn bulk_dialog_ui(
    slot: &mut Option<BulkDeleteDialog>,
    ctx: &egui::Context,
    cx: &ViewContext<'_>,
) -> BulkEnd {
    let Some(dialog) = slot.as_mut() else {
        return BulkEnd::Nothing;
    };
    let mut end = BulkEnd::Nothing;
    if let Stage::Running { watch, done } = &dialog.stage {
        if done.ready().is_some() {
            let progress = watch.now();
            let deleted = progress
                .ended
                .iter()
                .filter(|(_, end)| matches!(end, ItemEnd::Deleted { .. }))
                .filter_map(|(n, _)| dialog.items.get(*n).cloned())
                .collect();
            dialog.stage = Stage::Report(progress);
            end = BulkEnd::Ran(deleted);
        } else {
            // The progress moves without a request of its own to wake the UI.
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
        }
    }
    let mut close = false;
    let mut start = false;
    egui::Modal::new(Id::unique("bulk delete dialog")).show(ctx, |ui| {
        ui.set_width(560.0);
        match &dialog.stage {
            Stage::Confirm => {
                ui.heading(tr!("bulk-confirm-title", count = dialog.items.len()));
                confirm_list_ui(ui, &dialog.items);
                if dialog
                    .items
                    .iter()
                    .any(|item| matches!(item, DeleteItem::Project { .. }))
                {
                    ui.add_space(4.0);
                    ui.checkbox(&mut dialog.empty_projects, tr!("bulk-empty-projects"))
                        .on_hover_text(tr!("bulk-empty-projects-hint"));
                }
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    let delete = egui::Button::new(
                        RichText::new(tr!("bulk-confirm-delete", count = dialog.items.len()))
                            .color(ui.visuals().error_fg_color),
                    );
                    if ui.add(delete).clicked() {
                        start = true;
                    }
                    if ui.button(tr!("common-cancel")).clicked()
                        || ui.input(|i| i.key_pressed(egui::Key::Escape))
                    {
                        close = true;
                    }
                });
            }
            Stage::Running { watch, .. } => running_ui(ui, watch),
            Stage::Report(progress) => {
                ui.heading(match dialog.via {
                    Via::Cleanup => tr!("cleanup-report-title"),
                    Via::BulkDelete | Via::Single => tr!("bulk-report-title"),
                });
                report_ui(ui, &dialog.items, progress);
                ui.add_space(8.0);
                if ui.button(tr!("common-close")).clicked()
                    || ui.input(|i| i.key_pressed(egui::Key::Escape))
                {
                    close = true;
                }
            }
        }
    });
    if start {
        dialog.start(cx);
    }
    if close {
        *slot = None;
    }
    end
}

impl BulkDeleteDialog {
    /// Starts the deletes, as confirmed.
    fn start(&mut self, cx: &ViewContext<'_>) {
        if self.empty_projects {
            for item in &mut self.items {
                if let DeleteItem::Project { project } = item {
                    *item = DeleteItem::ProjectAndContents {
                        project: std::mem::take(project),
                    };
                }
            }
        }
        let watch = BulkWatch::default();
        let records = Records {
            recorder: cx.tasks.activity_log().cloned(),
            actor: cx.actor.clone(),
            via: self.via,
            index: cx.index.as_ref().map(|status| status.index.clone()),
        };
        let (client, items, run_watch) = (Arc::clone(cx.client), self.items.clone(), watch.clone());
        let done = cx.tasks.spawn(async move {
            run(client, items, IN_FLIGHT, records, run_watch).await;
            Some(())
        });
        self.stage = Stage::Running { watch, done };
    }
}

/// The running deletes: the progress bar and Cancel.
fn running_ui(ui: &mut Ui, watch: &BulkWatch) {
    let now = watch.now();
    ui.heading(tr!("bulk-running-title"));
    #[allow(clippy::cast_precision_loss)] // counts far below 2^24
    let fraction = now.done() as f32 / now.total.max(1) as f32;
    ui.add(egui::ProgressBar::new(fraction).show_percentage().text(tr!(
        "bulk-running-progress",
        done = now.done(),
        total = now.total
    )));
    ui.add_space(6.0);
    if watch.is_cancelled() {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label(tr!("bulk-cancelling"));
        });
    } else if ui
        .button(tr!("common-cancel"))
        .on_hover_text(tr!("bulk-cancel-hint"))
        .clicked()
    {
        watch.cancel();
    }
}

/// The items that go, an artifact with its tags, and the total size.
fn confirm_list_ui(ui: &mut Ui, items: &[DeleteItem]) {
    ui.label(tr!("bulk-confirm-explain"));
    egui::ScrollArea::vertical()
        .max_height(260.0)
        .auto_shrink([false, true])
        .show(ui, |ui| {
            for item in items.iter().take(LISTED_AT_MOST) {
                ui.horizontal_wrapped(|ui| {
                    let target = item.target();
                    ui.label(RichText::new(short_target(&target)).monospace())
                        .on_hover_text(target);
                    if let Some(tags) = item_tags(item) {
                        if tags.is_empty() {
                            ui.label(RichText::new(tr!("bulk-untagged")).weak());
                        } else {
                            ui.label(
                                RichText::new(tr!("bulk-tags", tags = tags.join(", ")))
                                    .color(ui.visuals().warn_fg_color),
                            );
                        }
                    }
                    if let Some(size) = item.size_bytes() {
                        ui.label(RichText::new(format_bytes(size.max(0).unsigned_abs())).weak());
                    }
                });
            }
            if items.len() > LISTED_AT_MOST {
                let more = items.len() - LISTED_AT_MOST;
                ui.label(tr!("bulk-and-more", count = more));
            }
        });
    let sizes: Vec<i64> = items.iter().filter_map(DeleteItem::size_bytes).collect();
    if !sizes.is_empty() {
        let total: i64 = sizes.iter().map(|s| (*s).max(0)).sum();
        ui.label(
            RichText::new(tr!(
                "bulk-total-size",
                size = format_bytes(total.unsigned_abs())
            ))
            .strong(),
        );
    }
    if items
        .iter()
        .any(|item| matches!(item, DeleteItem::Repository { .. }))
    {
        ui.label(
            RichText::new(tr!("bulk-repositories-consequence")).color(ui.visuals().warn_fg_color),
        );
    }
    if items
        .iter()
        .any(|item| matches!(item, DeleteItem::Chart { .. }))
    {
        ui.label(RichText::new(tr!("bulk-charts-consequence")).color(ui.visuals().warn_fg_color));
    }
    let tags: usize = items
        .iter()
        .filter_map(item_tags)
        .map(<[String]>::len)
        .sum();
    if tags > 0 {
        ui.label(
            RichText::new(tr!("bulk-tags-go", count = tags)).color(ui.visuals().warn_fg_color),
        );
    }
}

/// A target with its digest cut to `sha256:` and 12 hex digits (the whole one on hover).
fn short_target(target: &str) -> String {
    match target.split_once('@') {
        Some((name, digest)) => {
            let short: String = digest.chars().take(19).collect();
            format!("{name}@{short}")
        }
        None => target.to_owned(),
    }
}

/// An artifact's tags (the other kinds have none).
fn item_tags(item: &DeleteItem) -> Option<&[String]> {
    match item {
        DeleteItem::Artifact { tags, .. } => Some(tags),
        DeleteItem::Planned(planned) => Some(&planned.tags),
        _ => None,
    }
}

/// The report: counts, then every item that was not deleted, with why.
fn report_ui(ui: &mut Ui, items: &[DeleteItem], progress: &BulkProgress) {
    let deleted = progress.count(|end| matches!(end, ItemEnd::Deleted { .. }));
    let failed = progress.count(|end| matches!(end, ItemEnd::Failed(_) | ItemEnd::CheckFailed(_)));
    let skipped = progress.count(|end| matches!(end, ItemEnd::Skipped(_)));
    let cancelled = progress.count(|end| matches!(end, ItemEnd::Cancelled));
    ui.label(RichText::new(tr!("bulk-report-deleted", count = deleted)).strong());
    if failed > 0 {
        ui.colored_label(
            ui.visuals().error_fg_color,
            tr!("bulk-report-failed", count = failed),
        );
    }
    if skipped > 0 {
        ui.colored_label(
            ui.visuals().warn_fg_color,
            tr!("bulk-report-skipped", count = skipped),
        );
    }
    if cancelled > 0 {
        ui.label(tr!("bulk-report-cancelled", count = cancelled));
    }
    let mut ended = progress.ended.clone();
    ended.sort_by_key(|(n, _)| *n);
    let not_deleted: Vec<_> = ended
        .iter()
        .filter(|(_, end)| !matches!(end, ItemEnd::Deleted { .. }))
        .collect();
    if not_deleted.is_empty() {
        return;
    }
    ui.separator();
    egui::ScrollArea::vertical()
        .max_height(260.0)
        .auto_shrink([false, true])
        .show(ui, |ui| {
            for (n, end) in not_deleted {
                let Some(item) = items.get(*n) else {
                    continue;
                };
                let target = item.target();
                ui.label(RichText::new(short_target(&target)).monospace())
                    .on_hover_text(target);
                ui.indent(("bulk report item", *n), |ui| {
                    ui.label(RichText::new(end_text(end)).weak());
                });
            }
        });
}

/// Why an item was not deleted, in words.
fn end_text(end: &ItemEnd) -> String {
    match end {
        ItemEnd::Deleted { .. } => tr!("bulk-end-deleted"),
        ItemEnd::Failed(error) => match error.request_id() {
            Some(id) => tr!(
                "bulk-end-failed-id",
                reason = error.describe(),
                request_id = id
            ),
            None => error.describe(),
        },
        ItemEnd::CheckFailed(error) => tr!("bulk-end-check-failed", reason = error.describe()),
        ItemEnd::Cancelled => tr!("bulk-end-cancelled"),
        ItemEnd::Skipped(reason) => skip_text(reason),
    }
}

/// Why the check before a delete left an artifact, in words.
pub fn skip_text(reason: &SkipReason) -> String {
    match reason {
        SkipReason::Gone => tr!("skip-gone"),
        SkipReason::TagsChanged { before, after } => tr!(
            "skip-tags-changed",
            before = tags_or_none(before),
            after = tags_or_none(after)
        ),
        SkipReason::TagsUnknown => tr!("skip-tags-unknown"),
        SkipReason::ChildOfIndex { index } => tr!("skip-child-of-index", index = index.as_str()),
        SkipReason::PulledSincePlan { .. } => tr!("skip-pulled-since-plan"),
    }
}

/// Tags as a list, or "none".
fn tags_or_none(tags: &[String]) -> String {
    if tags.is_empty() {
        tr!("bulk-no-tags")
    } else {
        tags.join(", ")
    }
}
