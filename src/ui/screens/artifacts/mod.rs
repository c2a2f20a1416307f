//! One repository's artifacts: tags, digests, sizes and platforms, pull commands, delete.

use std::collections::HashSet;
use std::sync::Arc;

use egui::{RichText, Ui};
use egui_extras::{Column, TableBuilder};

use crate::api::models::{Artifact, Platform, Reference, Tag};
use crate::pull_command::{PullClient, PullReference, UnsafeName, pull_command};
use crate::tasks::TaskLabel;
use crate::ui::breadcrumb::repository_header_ui;
use crate::ui::dialogs::{DeleteConfirmation, DeleteTexts, delete_dialog_ui};
use crate::ui::feedback::{Notice, copy_and_confirm};
use crate::ui::list_table::{PaneWidth, columns_ui, detail_pane_ui, list_table};
use crate::ui::paged_list::{KeyAction, ListAction, ListKind, ListTexts, PagedList, list_area_ui};
use crate::ui::screen::Screen;
use crate::ui::view::{View, ViewContext};
use crate::ui::widgets::{
    copyable_text_ui, detail_header_ui, format_bytes, format_pull_time, format_time, pull_time_ui,
    time_ui,
};

/// The words of the artifacts list, in the shown language.
fn texts() -> ListTexts {
    ListTexts {
        kind: ListKind::Artifacts,
        new_button: None,
        empty: tr!("artifacts-empty"),
        load_error: tr!("artifacts-load-error"),
    }
}

/// What is said of an artifact whose tags the server's answer held in a shape that cannot be
/// read: never "no tags".
fn tags_unreadable() -> String {
    tr!("artifacts-tags-unreadable")
}

/// How many tag chips a row shows before "+N".
const MAX_CHIPS: usize = 3;

/// The width of the artifact detail pane.
const PANE: PaneWidth = PaneWidth {
    default: 380.0,
    min: 280.0,
    max: 640.0,
};

/// A row of the table: an artifact, or one child of an expanded index.
#[derive(Debug, Clone, Copy)]
enum Row {
    Artifact(usize),
    Child(usize, usize),
}

/// The artifacts of one repository.
pub struct ArtifactsView {
    project: String,
    repository: String,
    items: PagedList<Artifact>,
    /// The digests of the indexes shown with their children.
    expanded: HashSet<String>,
    /// The pull command chosen in the detail pane.
    pull_client: PullClient,
    pull_by_tag: Option<String>,
    /// The confirmation, with the full digest it deletes and the tags that go with it (`None`
    /// when the server's answer did not say).
    delete: Option<DeleteConfirmation<(String, Option<Vec<String>>)>>,
}

impl ArtifactsView {
    /// The view of `project`/`repository`'s artifacts (nothing loaded yet).
    pub fn new(project: impl Into<String>, repository: impl Into<String>) -> Self {
        Self {
            project: project.into(),
            repository: repository.into(),
            items: PagedList::new("artifacts", |item: &Artifact| item.digest.as_str()),
            expanded: HashSet::new(),
            pull_client: PullClient::Docker,
            pull_by_tag: None,
            delete: None,
        }
    }

    fn selected_artifact(&self) -> Option<&Artifact> {
        let digest = self.items.selected.as_deref()?;
        self.items
            .list
            .value()?
            .items
            .iter()
            .find(|a| a.digest == digest)
    }
}

impl View for ArtifactsView {
    fn open(&mut self, screen: &Screen) -> bool {
        matches!(screen, Screen::Repository { project, name }
            if *project == self.project && *name == self.repository)
    }

    fn reload(&mut self, cx: &ViewContext<'_>) {
        let request = self.items.page_request();
        let client = Arc::clone(cx.client);
        let (project, repository) = (self.project.clone(), self.repository.clone());
        let (label_project, label_repository) = (project.clone(), repository.clone());
        let label = TaskLabel::words(move || {
            tr!(
                "artifacts-task-list",
                project = label_project.as_str(),
                repository = label_repository.as_str()
            )
        });
        self.items.list.request(cx.tasks.api(label, async move {
            client.list_artifacts(&project, &repository, &request).await
        }));
    }

    fn leave(&mut self) {
        self.items.list.abandon();
    }

    fn ui(&mut self, ui: &mut Ui, cx: &mut ViewContext<'_>) {
        repository_header_ui(ui, &self.project, &self.repository, cx.commands);
        self.items.sync_page_size(cx.remembered);
        self.refresh(cx);
        let host = cx.client.registry_host().to_owned();

        let mut actions = Vec::new();
        match self.items.keyboard(ui, |a| a.digest.as_str()) {
            Some(KeyAction::Open(digest)) => toggle(&mut self.expanded, &digest),
            Some(KeyAction::Delete(digest)) => actions.push(ListAction::Delete(digest)),
            Some(KeyAction::Selected(_)) | None => {}
        }
        actions.push(self.toolbar_ui(ui));
        actions.push(self.items.error_ui(ui, &texts()));
        let mut area = list_area_ui(ui);
        if self.selected_artifact().is_some() {
            let salt = ("artifact", self.project.clone(), self.repository.clone());
            if let Some(action) =
                detail_pane_ui(&mut area, salt, PANE, |ui| self.detail_ui(ui, &host))
            {
                actions.push(action);
            }
        }
        let names = TableNames {
            host: &host,
            project: &self.project,
            repository: &self.repository,
        };
        let expanded = &self.expanded;
        let outcome = self
            .items
            .contents_ui(&mut area, &texts(), |ui, items, selected, scroll_to| {
                artifacts_table_ui(ui, &names, items, expanded, selected, scroll_to)
            })
            .unwrap_or_default();
        actions.push(self.items.pager_ui(ui, &texts()));

        if let Some(digest) = self.apply_outcome(outcome) {
            actions.push(ListAction::Delete(digest));
        }
        self.run_actions(actions, cx);
        self.delete_dialog_ui(ui, cx);
    }
}

impl ArtifactsView {
    /// Takes the page that arrived (dropping a selection that left it), and asks for one when
    /// none is on its way.
    fn refresh(&mut self, cx: &mut ViewContext<'_>) {
        // A selection that left the page goes with it (`PagedList::poll`).
        self.items.poll(cx);
        if !self.items.list.is_requested() {
            self.reload(cx);
        }
    }

    /// Expands or selects what the table's user clicked; returns the digest to delete, if any.
    fn apply_outcome(&mut self, outcome: TableOutcome) -> Option<String> {
        if let Some(digest) = outcome.toggled {
            toggle(&mut self.expanded, &digest);
        }
        if let Some(digest) = outcome.clicked {
            if self.items.selected.as_deref() != Some(digest.as_str()) {
                self.pull_by_tag = None;
            }
            self.items.selected = Some(digest);
        }
        outcome.delete
    }

    /// Reloads, or asks to delete, as the list's parts asked.
    fn run_actions(&mut self, actions: Vec<ListAction>, cx: &ViewContext<'_>) {
        for action in actions {
            match action {
                ListAction::None | ListAction::New => {}
                ListAction::Reload => self.reload(cx),
                ListAction::Delete(digest) => self.ask_delete(&digest),
            }
        }
    }

    /// The line above the table: how many artifacts, Delete… and a spinner while loading.
    fn toolbar_ui(&self, ui: &mut Ui) -> ListAction {
        let mut action = ListAction::None;
        ui.horizontal(|ui| {
            if let Some(page) = self.items.list.value() {
                ui.label(RichText::new(ListKind::Artifacts.count(page.total)).weak());
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui
                    .add_enabled(
                        self.items.visible_selection().is_some(),
                        egui::Button::new(tr!("list-delete")),
                    )
                    .on_disabled_hover_text(ListKind::Artifacts.select_first())
                    .clicked()
                    && let Some(digest) = self.items.visible_selection()
                {
                    action = ListAction::Delete(digest.to_owned());
                }
                if self.items.list.is_pending() {
                    ui.spinner();
                }
            });
        });
        ui.add_space(4.0);
        action
    }

    fn ask_delete(&mut self, digest: &str) {
        let Some(artifact) = self
            .items
            .list
            .value()
            .and_then(|page| page.items.iter().find(|a| a.digest == digest))
        else {
            return;
        };
        let tags = (!artifact.tags_unreadable)
            .then(|| artifact.tags.iter().map(|t| t.name.clone()).collect());
        self.delete = Some(DeleteConfirmation::with_target(
            artifact.short_digest(),
            (artifact.digest.clone(), tags),
            false,
        ));
        self.items.selected = Some(artifact.digest.clone());
    }

    /// The detail pane of the selected artifact; may ask to delete it.
    fn detail_ui(&mut self, ui: &mut Ui, host: &str) -> Option<ListAction> {
        let artifact = self.selected_artifact()?.clone();
        let mut action = None;
        let closed = detail_header_ui(ui, &tr!("artifacts-detail-title"), |ui| {
            if ui.button(tr!("list-delete")).clicked() {
                action = Some(ListAction::Delete(artifact.digest.clone()));
            }
        });
        if closed {
            self.items.selected = None;
        }
        ui.label(RichText::new(tr!("artifacts-detail-digest")).weak());
        copyable_text_ui(
            ui,
            RichText::new(&artifact.digest).monospace(),
            &artifact.digest,
            &tr!("artifacts-copy-digest-hover"),
            digest_copied(),
        );
        ui.add_space(6.0);
        facts_grid_ui(ui, &artifact);

        ui.add_space(8.0);
        self.pull_command_ui(ui, host, &artifact);

        ui.add_space(8.0);
        if artifact.tags_unreadable {
            ui.strong(tr!("artifacts-detail-tags"));
            ui.label(RichText::new(tags_unreadable()).color(ui.visuals().warn_fg_color));
        } else if artifact.tags.is_empty() {
            ui.strong(tr!("artifacts-detail-tags-count", count = 0));
            ui.label(RichText::new(tr!("artifacts-detail-no-tags")).weak());
        } else {
            ui.strong(tr!(
                "artifacts-detail-tags-count",
                count = artifact.tags.len()
            ));
            tags_grid_ui(ui, &artifact.digest, &artifact.tags);
        }

        if !artifact.references.is_empty() {
            ui.add_space(8.0);
            references_ui(ui, &artifact);
        }
        action
    }

    /// The pull command builder: client, tag or digest, the command and Copy.
    fn pull_command_ui(&mut self, ui: &mut Ui, host: &str, artifact: &Artifact) {
        ui.strong(tr!("artifacts-pull-heading"));
        if self
            .pull_by_tag
            .as_ref()
            .is_some_and(|tag| !artifact.tags.iter().any(|t| &t.name == tag))
        {
            self.pull_by_tag = None;
        }
        ui.horizontal(|ui| self.pull_choice_ui(ui, artifact));
        let reference = self.pull_by_tag.clone().map_or_else(
            || PullReference::Digest(artifact.digest.clone()),
            PullReference::Tag,
        );
        let command = pull_command(
            self.pull_client,
            host,
            &self.project,
            &self.repository,
            &reference,
        );
        match command {
            Ok(command) => {
                ui.horizontal_wrapped(|ui| {
                    ui.label(RichText::new(&command).monospace());
                    if ui
                        .small_button(tr!("artifacts-copy-command"))
                        .on_hover_text(tr!("artifacts-copy-command-hover"))
                        .clicked()
                    {
                        let copied = pull_command_copied(self.pull_client);
                        copy_and_confirm(ui.ctx(), command.as_str(), copied);
                    }
                });
            }
            Err(part) => {
                ui.label(RichText::new(unsafe_name_text(part)).color(ui.visuals().warn_fg_color));
            }
        }
    }

    /// The client to pull with, and whether by digest or by one of the tags.
    fn pull_choice_ui(&mut self, ui: &mut Ui, artifact: &Artifact) {
        for client in PullClient::ALL {
            ui.selectable_value(&mut self.pull_client, client, client.program());
        }
        ui.separator();
        let label = ui.label(tr!("artifacts-pull-by"));
        let chosen = self.pull_by_tag.as_ref().map_or_else(
            || tr!("artifacts-pull-by-digest"),
            |tag| tr!("artifacts-pull-by-tag", tag = tag.as_str()),
        );
        egui::ComboBox::from_id_salt(("pull reference", &artifact.digest))
            .selected_text(chosen)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut self.pull_by_tag, None, tr!("artifacts-pull-by-digest"));
                for tag in &artifact.tags {
                    ui.selectable_value(
                        &mut self.pull_by_tag,
                        Some(tag.name.clone()),
                        tr!("artifacts-pull-by-tag", tag = tag.name.as_str()),
                    );
                }
            })
            .response
            .labelled_by(label.id);
    }

    fn delete_dialog_ui(&mut self, ui: &Ui, cx: &mut ViewContext<'_>) {
        let Some(confirmation) = &self.delete else {
            return;
        };
        let consequence = tags_consequence(confirmation.target.1.as_deref());
        let texts = DeleteTexts {
            title: &tr!("artifacts-delete-title"),
            consequence: &consequence,
            explain: None,
        };
        let (project, repository) = (self.project.clone(), self.repository.clone());
        let deleted = delete_dialog_ui(&mut self.delete, ui.ctx(), cx, &texts, |cx, it| {
            let client = Arc::clone(cx.client);
            let digest = it.target.0.clone();
            let (label_project, label_repository, label_digest) =
                (project.clone(), repository.clone(), digest.clone());
            let label = TaskLabel::words(move || {
                tr!(
                    "artifacts-task-delete",
                    project = label_project.as_str(),
                    repository = label_repository.as_str(),
                    digest = label_digest.as_str()
                )
            });
            cx.tasks.change(label, async move {
                client.delete_artifact(&project, &repository, &digest).await
            })
        });
        if let Some(confirmation) = deleted {
            let full_name = format!("{}/{}@{}", self.project, self.repository, confirmation.name);
            self.items
                .announce_deleted(ui.ctx(), ListKind::Artifacts, &full_name);
            self.reload(cx);
        }
    }
}

/// The artifact's facts: types, size, author, times, platforms and labels.
fn facts_grid_ui(ui: &mut Ui, artifact: &Artifact) {
    egui::Grid::new(("artifact detail grid", &artifact.digest))
        .num_columns(2)
        .spacing([12.0, 6.0])
        .show(ui, |ui| {
            let fact = |ui: &mut Ui, name: String, value: String| {
                ui.label(RichText::new(name).weak());
                ui.label(value);
                ui.end_row();
            };
            fact(ui, tr!("artifacts-fact-type"), kind_text(artifact));
            fact(
                ui,
                tr!("artifacts-fact-media-type"),
                or_dash(&artifact.media_type),
            );
            fact(
                ui,
                tr!("artifacts-fact-manifest"),
                or_dash(&artifact.manifest_media_type),
            );
            fact(ui, tr!("artifacts-fact-size"), size_text(artifact));
            fact(
                ui,
                tr!("artifacts-fact-author"),
                or_dash(&artifact.extra_attrs.author),
            );
            fact(
                ui,
                tr!("artifacts-fact-created"),
                format_time(artifact.extra_attrs.created.as_ref()),
            );
            fact(
                ui,
                tr!("artifacts-fact-platforms"),
                platforms_text(artifact),
            );
            fact(
                ui,
                tr!("artifacts-fact-pushed"),
                format_time(artifact.push_time.as_ref()),
            );
            fact(
                ui,
                tr!("artifacts-fact-pulled"),
                format_pull_time(artifact.pull_time.as_ref()),
            );
            if !artifact.labels.is_empty() {
                fact(ui, tr!("artifacts-fact-labels"), artifact.labels.join(", "));
            }
        });
}

/// The platform images of an index, each with its digest.
fn references_ui(ui: &mut Ui, artifact: &Artifact) {
    ui.strong(tr!(
        "artifacts-references",
        count = artifact.references.len()
    ));
    egui::Grid::new(("artifact references", &artifact.digest))
        .num_columns(2)
        .spacing([12.0, 4.0])
        .striped(true)
        .show(ui, |ui| {
            for reference in &artifact.references {
                ui.label(
                    reference
                        .platform
                        .as_ref()
                        .and_then(Platform::label)
                        .unwrap_or_else(|| tr!("artifacts-unknown-platform")),
                );
                digest_with_copy_ui(ui, &reference.child_digest);
                ui.end_row();
            }
        });
}

/// What goes with a deleted artifact: "Its tags go with it: 1.36.1, latest."
fn tags_consequence(tags: Option<&[String]>) -> String {
    let Some(tags) = tags else {
        return tr!("artifacts-delete-tags-unknown");
    };
    if tags.is_empty() {
        tr!("artifacts-delete-no-tags")
    } else {
        tr!(
            "artifacts-delete-tags",
            count = tags.len(),
            tags = tags.join(", ")
        )
    }
}

fn toggle(set: &mut HashSet<String>, digest: &str) {
    if !set.remove(digest) {
        set.insert(digest.to_owned());
    }
}

/// The artifact's type, one word for one thing wherever it is shown: "INDEX" for an image index
/// (the server calls it an `IMAGE`), else the server's type.
fn kind_text(artifact: &Artifact) -> String {
    if artifact.is_index() {
        "INDEX".to_owned()
    } else {
        or_dash(&artifact.artifact_type)
    }
}

fn or_dash(text: &str) -> String {
    if text.trim().is_empty() {
        "—".to_owned()
    } else {
        text.to_owned()
    }
}

/// The size in binary units, or "—" when the server did not say.
fn size_text(artifact: &Artifact) -> String {
    artifact
        .size
        .and_then(|size| u64::try_from(size).ok())
        .map_or_else(|| "—".to_owned(), format_bytes)
}

fn platforms_text(artifact: &Artifact) -> String {
    let platforms = artifact.platforms();
    if platforms.is_empty() {
        "—".to_owned()
    } else {
        platforms.join(", ")
    }
}

/// The names the table needs to build pull commands.
struct TableNames<'a> {
    host: &'a str,
    project: &'a str,
    repository: &'a str,
}

/// What the user did in the table.
#[derive(Default)]
struct TableOutcome {
    clicked: Option<String>,
    toggled: Option<String>,
    delete: Option<String>,
}

/// The artifacts table: one row per artifact, and the children of expanded indexes under them.
fn artifacts_table_ui(
    ui: &mut Ui,
    names: &TableNames<'_>,
    items: &[Artifact],
    expanded: &HashSet<String>,
    selected: Option<&str>,
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

/// The columns and rows of the artifacts table.
fn body_ui(
    table: TableBuilder<'_>,
    names: &TableNames<'_>,
    items: &[Artifact],
    rows: &[Row],
    expanded: &HashSet<String>,
    selected: Option<&str>,
    outcome: &mut TableOutcome,
) {
    let row_height = 30.0;
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
                            artifact_row_ui(&mut row, names, artifact, open, selected, outcome);
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
fn header_row_ui(mut header: egui_extras::TableRow<'_, '_>) {
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
fn child_row_ui(row: &mut egui_extras::TableRow<'_, '_>, reference: &Reference) {
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
fn artifact_row_ui(
    row: &mut egui_extras::TableRow<'_, '_>,
    names: &TableNames<'_>,
    artifact: &Artifact,
    open: bool,
    selected: Option<&str>,
    outcome: &mut TableOutcome,
) {
    row.set_selected(selected == Some(artifact.digest.as_str()));
    row.col(|ui| {
        if expander_ui(ui, artifact, open) {
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
fn expander_ui(ui: &mut Ui, artifact: &Artifact, open: bool) -> bool {
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
fn row_menu_ui(
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
    if ui.button(tr!("artifacts-menu-delete")).clicked() {
        outcome.delete = Some(artifact.digest.clone());
        ui.close();
    }
}

/// The notice after the digest was copied, worded when shown.
fn digest_copied() -> Notice {
    Notice::words(|| tr!("artifacts-digest-copied"))
}

/// The notice after `client`'s pull command was copied, worded when shown.
fn pull_command_copied(client: PullClient) -> Notice {
    let program = client.program();
    Notice::words(move || tr!("artifacts-pull-command-copied", program = program))
}

/// Why no pull command is offered.
fn unsafe_name_text(part: UnsafeName) -> String {
    match part {
        UnsafeName::Host => tr!("artifacts-pull-unsafe-host"),
        UnsafeName::Project => tr!("artifacts-pull-unsafe-project"),
        UnsafeName::Repository => tr!("artifacts-pull-unsafe-repository"),
        UnsafeName::Tag => tr!("artifacts-pull-unsafe-tag"),
        UnsafeName::Digest => tr!("artifacts-pull-unsafe-digest"),
    }
}

/// The context menu's pull commands: by the first tag and by digest, for each client.
fn pull_menu_ui(ui: &mut Ui, names: &TableNames<'_>, artifact: &Artifact) {
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
fn digest_with_copy_ui(ui: &mut Ui, digest: &str) {
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
fn tag_chips_ui(ui: &mut Ui, artifact: &Artifact) {
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

fn chip_ui(ui: &mut Ui, text: &str) -> egui::Response {
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

/// The tags of an artifact with their times and flags.
fn tags_grid_ui(ui: &mut Ui, digest: &str, tags: &[Tag]) {
    egui::Grid::new(("artifact tags", digest))
        .num_columns(4)
        .spacing([12.0, 4.0])
        .striped(true)
        .show(ui, |ui| {
            for title in [
                tr!("artifacts-tag-column-tag"),
                tr!("artifacts-tag-column-pushed"),
                tr!("artifacts-tag-column-pulled"),
                String::new(),
            ] {
                ui.label(RichText::new(title).weak());
            }
            ui.end_row();
            for tag in tags {
                ui.label(RichText::new(&tag.name).monospace());
                time_ui(ui, tag.push_time.as_ref());
                pull_time_ui(ui, tag.pull_time.as_ref());
                ui.label(tag_flags(tag));
                ui.end_row();
            }
        });
}

/// What a tag is beyond its name: immutable, signed, both, or nothing.
fn tag_flags(tag: &Tag) -> String {
    match (tag.immutable, tag.signed) {
        (true, true) => tr!("artifacts-tag-immutable-signed"),
        (true, false) => tr!("artifacts-tag-immutable"),
        (false, true) => tr!("artifacts-tag-signed"),
        (false, false) => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_that_could_not_be_read_are_never_called_none() {
        let unknown = tags_consequence(None);
        assert!(unknown.contains("could not be read"), "{unknown}");
        assert!(!unknown.contains("No tag"), "{unknown}");
        assert_eq!(tags_consequence(Some(&[])), "No tag points at it.");
        let two = ["1.0".to_owned(), "latest".to_owned()];
        assert_eq!(
            tags_consequence(Some(&two)),
            "Its tags go with it: 1.0, latest."
        );
    }
}
