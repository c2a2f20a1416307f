//! A plan's lists: every artifact that would go (its repository, digest, tags, size, push and
//! pull time, and the rules that chose it) and every artifact a protection spares (with why),
//! drawn row by row as they scroll into view; and the plan as an export table.

use egui::{RichText, Ui};
use egui_extras::Column;

use crate::cleanup::{Plan, PlannedArtifact, Protection, RuleKind};
use crate::export::{Cell, Column as ExportColumn, Table};
use crate::ui::export::ExportRequest;
use crate::ui::list_table::{columns_ui, list_table, row_height};
use crate::ui::widgets::format_bytes;

/// Which of a plan's lists is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(super) enum PlanList {
    /// What would go.
    #[default]
    Chosen,
    /// What the protections spare.
    Protected,
}

/// The artifacts that would go.
pub(super) fn plan_table_ui(ui: &mut Ui, plan: &Plan) {
    let rows: Vec<&PlannedArtifact> = plan.chosen().collect();
    artifacts_table_ui(
        ui,
        "cleanup plan",
        &rows,
        |artifact| chosen_by_text(&artifact.chosen_by),
        &tr!("cleanup-column-chosen-by"),
    );
}

/// The artifacts the protections spare, with why.
pub(super) fn protected_table_ui(ui: &mut Ui, plan: &Plan) {
    let protected: Vec<_> = plan.protected().collect();
    let rows: Vec<&PlannedArtifact> = protected.iter().map(|p| &p.artifact).collect();
    let reasons: Vec<String> = protected.iter().map(|p| reasons_text(&p.reasons)).collect();
    let reason_of = |artifact: &PlannedArtifact| {
        rows.iter()
            .position(|row| std::ptr::eq(*row, artifact))
            .and_then(|n| reasons.get(n).cloned())
            .unwrap_or_default()
    };
    artifacts_table_ui(
        ui,
        "cleanup protected",
        &rows,
        reason_of,
        &tr!("cleanup-column-protection"),
    );
}

/// A table of planned artifacts whose last column `last` says.
fn artifacts_table_ui(
    ui: &mut Ui,
    salt: &str,
    rows: &[&PlannedArtifact],
    last: impl Fn(&PlannedArtifact) -> String,
    last_title: &str,
) {
    if rows.is_empty() {
        ui.label(RichText::new(tr!("cleanup-list-empty")).weak());
        return;
    }
    let height = row_height(ui);
    columns_ui(ui, salt, |ui| {
        list_table(ui, salt, None)
            .column(Column::initial(210.0).at_least(120.0).clip(true))
            .column(Column::initial(150.0).at_least(100.0).clip(true))
            .column(Column::initial(160.0).at_least(80.0).clip(true))
            .column(Column::initial(85.0).at_least(70.0))
            .column(Column::initial(125.0).at_least(110.0))
            .column(Column::initial(125.0).at_least(110.0))
            .column(Column::remainder().at_least(160.0).clip(true))
            .header(24.0, |mut header| {
                for title in [
                    tr!("cleanup-column-repository"),
                    tr!("compare-fact-digest"),
                    tr!("compare-fact-tags"),
                    tr!("artifacts-fact-size"),
                    tr!("artifacts-fact-pushed"),
                    tr!("artifacts-fact-pulled"),
                    last_title.to_owned(),
                ] {
                    header.col(|ui| {
                        ui.strong(title);
                    });
                }
            })
            .body(|body| {
                body.rows(height, rows.len(), |mut row| {
                    let Some(artifact) = rows.get(row.index()) else {
                        return;
                    };
                    row.col(|ui| {
                        ui.label(format!("{}/{}", artifact.project, artifact.repository));
                    });
                    row.col(|ui| {
                        ui.label(RichText::new(short_digest(&artifact.digest)).monospace())
                            .on_hover_text(artifact.digest.as_str());
                    });
                    row.col(|ui| {
                        if artifact.tags.is_empty() {
                            ui.label(RichText::new(tr!("bulk-untagged")).weak());
                        } else {
                            ui.label(artifact.tags.join(", "));
                        }
                    });
                    row.col(|ui| {
                        ui.label(size_text(artifact.size_bytes));
                    });
                    row.col(|ui| {
                        ui.label(time_text(artifact.push_ms));
                    });
                    row.col(|ui| {
                        ui.label(pull_text(artifact));
                    });
                    row.col(|ui| {
                        ui.label(last(artifact));
                    });
                });
            });
    });
}

/// The plan as an export: what goes and what is spared, one row each.
pub(super) fn plan_export(plan: &Plan) -> ExportRequest {
    let mut table = Table::new(vec![
        ExportColumn::new("status", tr!("cleanup-column-status")),
        ExportColumn::new("project", tr!("cleanup-project")),
        ExportColumn::new("repository", tr!("cleanup-repository")),
        ExportColumn::new("digest", tr!("compare-fact-digest")),
        ExportColumn::new("tags", tr!("compare-fact-tags")),
        ExportColumn::new("size_bytes", tr!("artifacts-fact-size")),
        ExportColumn::new("push_time", tr!("artifacts-fact-pushed")),
        ExportColumn::new("pull_time", tr!("artifacts-fact-pulled")),
        ExportColumn::new("chosen_by", tr!("cleanup-column-chosen-by")),
        ExportColumn::new("protection", tr!("cleanup-column-protection")),
    ]);
    let row = |status: String, artifact: &PlannedArtifact, protection: String| {
        let time = |ms: Option<i64>| ms.map_or(Cell::Missing, |ms| Cell::Text(iso_time(ms)));
        vec![
            Cell::Text(status),
            Cell::Text(artifact.project.clone()),
            Cell::Text(artifact.repository.clone()),
            Cell::Text(artifact.digest.clone()),
            Cell::Text(artifact.tags.join(" ")),
            artifact.size_bytes.map_or(Cell::Missing, Cell::Integer),
            time(artifact.push_ms),
            time(artifact.pull_ms),
            Cell::Text(chosen_by_text(&artifact.chosen_by)),
            Cell::Text(protection),
        ]
    };
    for artifact in plan.chosen() {
        table.push_row(row(tr!("cleanup-status-goes"), artifact, String::new()));
    }
    for protected in plan.protected() {
        table.push_row(row(
            tr!("cleanup-status-spared"),
            &protected.artifact,
            reasons_text(&protected.reasons),
        ));
    }
    ExportRequest::new("cleanup-plan", std::future::ready(Ok(table)))
}

/// The rules that chose an artifact, in words.
fn chosen_by_text(kinds: &[RuleKind]) -> String {
    kinds
        .iter()
        .map(|kind| match kind {
            RuleKind::Untagged => tr!("cleanup-by-untagged"),
            RuleKind::PushedMoreThanDays => tr!("cleanup-by-pushed"),
            RuleKind::NotPulledForDays => tr!("cleanup-by-not-pulled"),
            RuleKind::TagMatches => tr!("cleanup-by-tag-matches"),
            RuleKind::TagDoesNotMatch => tr!("cleanup-by-tag-does-not-match"),
            RuleKind::OutsideNewest => tr!("cleanup-by-outside-newest"),
        })
        .collect::<Vec<_>>()
        .join(tr!("cleanup-list-separator").as_str())
}

/// Why an artifact is spared, in words.
fn reasons_text(reasons: &[Protection]) -> String {
    reasons
        .iter()
        .map(|reason| match reason {
            Protection::TagsUnknown => tr!("cleanup-protect-tags-unknown"),
            Protection::ChildOfKeptIndex { indexes } => tr!(
                "cleanup-protect-child",
                index = indexes.first().map(|d| short_digest(d)).unwrap_or_default(),
                count = indexes.len()
            ),
            Protection::TaggedIndexWithKeptChildren { kept_children } => {
                tr!("cleanup-protect-tagged-index", count = kept_children.len())
            }
        })
        .collect::<Vec<_>>()
        .join(tr!("cleanup-list-separator").as_str())
}

/// `sha256:` and the first 12 hex digits.
fn short_digest(digest: &str) -> String {
    digest.chars().take(19).collect()
}

fn size_text(size: Option<i64>) -> String {
    size.filter(|s| *s >= 0)
        .map_or_else(|| tr!("time-unknown"), |s| format_bytes(s.unsigned_abs()))
}

fn time_text(ms: Option<i64>) -> String {
    ms.and_then(chrono::DateTime::from_timestamp_millis)
        .map_or_else(
            || tr!("time-unknown"),
            |at| {
                at.with_timezone(&chrono::Local)
                    .format("%Y-%m-%d %H:%M")
                    .to_string()
            },
        )
}

fn pull_text(artifact: &PlannedArtifact) -> String {
    if artifact.never_pulled {
        tr!("time-never")
    } else {
        time_text(artifact.pull_ms)
    }
}

fn iso_time(ms: i64) -> String {
    chrono::DateTime::from_timestamp_millis(ms).map_or_else(String::new, |at| at.to_rfc3339())
}
