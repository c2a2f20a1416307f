//! The artifacts table: one row per artifact (and an expanded index's platform images), its
//! tag chips, digests with Copy, and the row menu with pull commands and Delete.

use std::collections::HashSet;

use egui::{RichText, Ui};
use egui_extras::{Column, TableBuilder};

use super::{MAX_CHIPS, Row, kind_text, or_dash, platforms_text, size_text, tags_unreadable};
use crate::api::models::{Artifact, Platform, Reference};
use crate::pull_command::{PullClient, PullReference, UnsafeName, pull_command};
use crate::ui::feedback::{Notice, copy_and_confirm};
use crate::ui::list_table::{columns_ui, list_table};
use crate::ui::multi_select::RowSelection;
use crate::ui::read_only::change_button;
use crate::ui::widgets::{pull_time_ui, time_ui};

/// The names the table needs to build pull commands.
pub(super) struct TableNames<'a> {
    pub host: &'a str,
    pub project: &'a str,
    pub repository: &'a str,
}

/// What the user did in the table.
#[derive(Default)]
pub(super) struct TableOutcome {
    pub clicked: Option<String>,
    pub toggled: Option<String>,
    pub delete: Option<String>,
}

/// The artifacts table: one row per artifact, and the children of expanded indexes under them.
pub(super) fn artifacts_table_ui(
    ui: &mut Ui,
    names: &TableNames<'_>,
    items: &[Artifact],
    expanded: &HashSet<String>,
    selected: RowSelection<'_>,
    scroll_to: Option<usize>,
) -> TableOutcome {
    let mut outcome = TableOutcome::default();
    let mut rows = Vec::with_capacity(items.len());
    let mut scroll_row = None;
    for (index, artifact) in items.iter().enumerate() {
        if scroll_to == Some(index) {
            scroll_row = Some(rows.len());
        }
        rows.push(Row::Artifact(index));
        if expanded.contains(&artifact.digest) {
            rows.extend((0..artifact.references.len()).map(|child| Row::Child(index, child)));
        }
    }
    // Narrow windows (or a wide detail pane) scroll the columns sideways.
    columns_ui(ui, ("artifacts", names.project, names.repository), |ui| {
        let salt = ("artifacts table", names.project, names.repository);
        let table = list_table(ui, salt, scroll_row);
        body_ui(table, names, items, &rows, expanded, selected, &mut outcome);
    });
    outcome
}

/// The whole repository's table: `total` rows, of which only those on screen are drawn, each
/// taken from `row_at` (a row not read yet shows as a placeholder). Returns what the user did
/// and the rows drawn.
pub(super) fn whole_table_ui<'a>(
    ui: &mut Ui,
    names: &TableNames<'_>,
    total: usize,
    row_at: &dyn Fn(usize) -> Option<&'a Artifact>,
    selected: RowSelection<'_>,
    scroll_to: Option<usize>,
) -> (TableOutcome, std::ops::Range<usize>) {
    let mut outcome = TableOutcome::default();
    let (mut first, mut end) = (usize::MAX, 0);
    columns_ui(
        ui,
        ("whole repository", names.project, names.repository),
        |ui| {
            let salt = ("whole repository table", names.project, names.repository);
            list_table(ui, salt, scroll_to)
                .column(Column::initial(185.0).at_least(150.0).clip(true))
                .column(Column::initial(180.0).at_least(80.0).clip(true))
                .column(Column::initial(60.0).at_least(50.0).clip(true))
                .column(Column::initial(75.0).at_least(70.0))
                .column(Column::initial(160.0).at_least(90.0).clip(true))
                .column(Column::initial(115.0).at_least(110.0))
                .column(Column::remainder().at_least(110.0))
                .header(24.0, header_row_ui)
                .body(|body| {
                    body.rows(ROW_HEIGHT, total, |mut row| {
                        let index = row.index();
                        first = first.min(index);
                        end = end.max(index + 1);
                        if let Some(artifact) = row_at(index) {
                            artifact_row_ui(
                                &mut row,
                                names,
                                artifact,
                                None,
                                selected,
                                &mut outcome,
                            );
                        } else {
                            // Not read from the index yet: it arrives in a frame or two.
                            row.col(|ui| {
                                ui.label(RichText::new("…").weak());
                            });
                            for _ in 0..6 {
                                row.col(|_| {});
                            }
                        }
                    });
                });
        },
    );
    let drawn = if first < end { first..end } else { 0..0 };
    (outcome, drawn)
}

/// The height of a row of the artifacts tables.
const ROW_HEIGHT: f32 = 30.0;

/// The columns and rows of the artifacts table.
pub(super) fn body_ui(
    table: TableBuilder<'_>,
    names: &TableNames<'_>,
    items: &[Artifact],
    rows: &[Row],
    expanded: &HashSet<String>,
    selected: RowSelection<'_>,
    outcome: &mut TableOutcome,
) {
    let row_height = ROW_HEIGHT;
    table
        .column(Column::initial(185.0).at_least(150.0).clip(true))
        .column(Column::initial(180.0).at_least(80.0).clip(true))
        .column(Column::initial(60.0).at_least(50.0).clip(true))
        .column(Column::initial(75.0).at_least(70.0))
        .column(Column::initial(160.0).at_least(90.0).clip(true))
        .column(Column::initial(115.0).at_least(110.0))
        .column(Column::remainder().at_least(110.0))
        .header(24.0, header_row_ui)
        .body(|body| {
            body.rows(row_height, rows.len(), |mut row| {
                match rows.get(row.index()).copied() {
                    Some(Row::Artifact(index)) => {
                        if let Some(artifact) = items.get(index) {
                            let open = expanded.contains(&artifact.digest);
                            artifact_row_ui(
                                &mut row,
                                names,
                                artifact,
                                Some(open),
                                selected,
                                outcome,
                            );
                        }
                    }
                    Some(Row::Child(index, child)) => {
                        let reference = items
                            .get(index)
                            .and_then(|artifact| artifact.references.get(child));
                        if let Some(reference) = reference {
                            child_row_ui(&mut row, reference);
                        }
                    }
                    None => {}
                }
            });
        });
}

/// The table's column titles.
pub(super) fn header_row_ui(mut header: egui_extras::TableRow<'_, '_>) {
    for title in [
        tr!("artifacts-column-digest"),
        tr!("artifacts-column-tags"),
        tr!("artifacts-column-type"),
        tr!("artifacts-column-size"),
        tr!("artifacts-column-platforms"),
        tr!("artifacts-column-pushed"),
        tr!("artifacts-column-pulled"),
    ] {
        header.col(|ui| {
            ui.strong(title);
        });
    }
}

/// One platform image of an expanded index, under its index's row.
pub(super) fn child_row_ui(row: &mut egui_extras::TableRow<'_, '_>, reference: &Reference) {
    row.col(|ui| {
        ui.add_space(30.0);
        digest_with_copy_ui(ui, &reference.child_digest);
    });
    row.col(|ui| {
        ui.label(
            RichText::new(tr!("artifacts-child-platform-image"))
                .weak()
                .italics(),
        );
    });
    row.col(|ui| {
        ui.label(RichText::new("IMAGE").weak());
    });
    row.col(|_| {});
    row.col(|ui| {
        ui.label(
            reference
                .platform
                .as_ref()
                .and_then(Platform::label)
                .unwrap_or_else(|| tr!("artifacts-child-unknown-platform")),
        );
    });
    row.col(|_| {});
    row.col(|_| {});
}

/// One artifact's row.
pub(super) fn artifact_row_ui(
    row: &mut egui_extras::TableRow<'_, '_>,
    names: &TableNames<'_>,
    artifact: &Artifact,
    open: Option<bool>,
    selected: RowSelection<'_>,
    outcome: &mut TableOutcome,
) {
    row.set_selected(selected.has(artifact.digest.as_str()));
    row.col(|ui| {
        // The whole repository's list has no expanders (`None`): its platforms are a column,
        // its platform images in the detail pane.
        if let Some(open) = open
            && expander_ui(ui, artifact, open)
        {
            outcome.toggled = Some(artifact.digest.clone());
        }
        digest_with_copy_ui(ui, &artifact.digest);
    });
    row.col(|ui| tag_chips_ui(ui, artifact));
    row.col(|ui| {
        ui.label(kind_text(artifact))
            .on_hover_text(or_dash(&artifact.manifest_media_type));
    });
    row.col(|ui| {
        let size = ui.label(size_text(artifact));
        if let Some(bytes) = artifact.size {
            size.on_hover_text(tr!("artifacts-size-bytes", bytes = bytes));
        }
    });
    row.col(|ui| {
        ui.label(platforms_text(artifact));
    });
    row.col(|ui| {
        time_ui(ui, artifact.push_time.as_ref());
    });
    row.col(|ui| {
        pull_time_ui(ui, artifact.pull_time.as_ref());
    });
    let response = row.response();
    if response.clicked() {
        outcome.clicked = Some(artifact.digest.clone());
    }
    response.context_menu(|ui| row_menu_ui(ui, names, artifact, outcome));
}

/// The arrow that shows or hides an index's platform images (a gap for other artifacts);
/// true when it was clicked.
pub(super) fn expander_ui(ui: &mut Ui, artifact: &Artifact, open: bool) -> bool {
    if artifact.is_index() && !artifact.references.is_empty() {
        let arrow = if open { "⏷" } else { "⏵" };
        let hint = if open {
            tr!("artifacts-expand-hide-hover")
        } else {
            tr!("artifacts-expand-show-hover")
        };
        ui.add(egui::Button::new(arrow).frame(false).small())
            .on_hover_text(hint)
            .clicked()
    } else {
        ui.add_space(18.0);
        false
    }
}

/// A row's context menu: pull commands, Copy digest and Delete artifact….
pub(super) fn row_menu_ui(
    ui: &mut Ui,
    names: &TableNames<'_>,
    artifact: &Artifact,
    outcome: &mut TableOutcome,
) {
    outcome.clicked = Some(artifact.digest.clone());
    pull_menu_ui(ui, names, artifact);
    ui.separator();
    if ui.button(tr!("artifacts-menu-copy-digest")).clicked() {
        copy_and_confirm(ui.ctx(), artifact.digest.as_str(), digest_copied());
        ui.close();
    }
    if change_button(ui, true, tr!("artifacts-menu-delete")).clicked() {
        outcome.delete = Some(artifact.digest.clone());
        ui.close();
    }
}

/// The notice after the digest was copied, worded when shown.
pub(super) fn digest_copied() -> Notice {
    Notice::words(|| tr!("artifacts-digest-copied"))
}

/// The notice after `client`'s pull command was copied, worded when shown.
pub(super) fn pull_command_copied(client: PullClient) -> Notice {
    let program = client.program();
    Notice::words(move || tr!("artifacts-pull-command-copied", program = program))
}

/// Why no pull command is offered.
pub(super) fn unsafe_name_text(part: UnsafeName) -> String {
    match part {
        UnsafeName::Host => tr!("artifacts-pull-unsafe-host"),
        UnsafeName::Project => tr!("artifacts-pull-unsafe-project"),
        UnsafeName::Repository => tr!("artifacts-pull-unsafe-repository"),
        UnsafeName::Tag => tr!("artifacts-pull-unsafe-tag"),
        UnsafeName::Digest => tr!("artifacts-pull-unsafe-digest"),
    }
}

/// The context menu's pull commands: by the first tag and by digest, for each client.
pub(super) fn pull_menu_ui(ui: &mut Ui, names: &TableNames<'_>, artifact: &Artifact) {
    for client in PullClient::ALL {
        let mut references = Vec::new();
        if let Some(tag) = artifact.tags.first() {
            references.push((
                tr!(
                    "artifacts-menu-copy-pull-tag",
                    program = client.program(),
                    tag = tag.name.as_str()
                ),
                PullReference::Tag(tag.name.clone()),
            ));
        }
        references.push((
            tr!(
                "artifacts-menu-copy-pull-digest",
                program = client.program()
            ),
            PullReference::Digest(artifact.digest.clone()),
        ));
        for (label, reference) in references {
            let command = pull_command(
                client,
                names.host,
                names.project,
                names.repository,
                &reference,
            );
            match command {
                Ok(command) => {
                    if ui.button(label).on_hover_text(&command).clicked() {
                        copy_and_confirm(ui.ctx(), command, pull_command_copied(client));
                        ui.close();
                    }
                }
                Err(part) => {
                    ui.add_enabled(false, egui::Button::new(label))
                        .on_disabled_hover_text(unsafe_name_text(part));
                }
            }
        }
    }
}

/// The short digest (the full one on hover) and a Copy button.
pub(super) fn digest_with_copy_ui(ui: &mut Ui, digest: &str) {
    let end = digest
        .find(':')
        .map_or(12, |colon| colon + 1 + 12)
        .min(digest.len());
    let short = digest.get(..end).unwrap_or(digest);
    ui.label(RichText::new(short).monospace())
        .on_hover_text(digest);
    if ui
        .add(egui::Button::new("🗐").frame(false).small())
        .on_hover_text(tr!("artifacts-copy-digest-hover"))
        .clicked()
    {
        copy_and_confirm(ui.ctx(), digest, digest_copied());
    }
}

/// Tags as chips: the first few, then "+N" with every tag in its tooltip.
pub(super) fn tag_chips_ui(ui: &mut Ui, artifact: &Artifact) {
    let tags = &artifact.tags;
    if artifact.tags_unreadable {
        ui.label(
            RichText::new(tr!("artifacts-tags-unreadable-chip")).color(ui.visuals().warn_fg_color),
        )
        .on_hover_text(tags_unreadable());
        return;
    }
    if tags.is_empty() {
        ui.label(RichText::new(tr!("artifacts-untagged")).weak().italics());
        return;
    }
    ui.spacing_mut().item_spacing.x = 4.0;
    for tag in tags.iter().take(MAX_CHIPS) {
        chip_ui(ui, &tag.name);
    }
    if tags.len() > MAX_CHIPS {
        let all = tags
            .iter()
            .map(|t| t.name.as_str())
            .collect::<Vec<_>>()
            .join("\n");
        chip_ui(ui, &format!("+{}", tags.len() - MAX_CHIPS)).on_hover_text(all);
    }
}

pub(super) fn chip_ui(ui: &mut Ui, text: &str) -> egui::Response {
    let visuals = ui.visuals();
    let fill = visuals.widgets.inactive.weak_bg_fill;
    let stroke = visuals.widgets.noninteractive.bg_stroke;
    egui::Frame::new()
        .fill(fill)
        .stroke(stroke)
        .corner_radius(8.0)
        .inner_margin(egui::Margin::symmetric(6, 1))
        .show(ui, |ui| {
            ui.label(RichText::new(text).size(12.5));
        })
        .response
        .interact(egui::Sense::hover())
}
