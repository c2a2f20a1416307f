//! One repository's artifacts: tags, digests, sizes and platforms, pull commands, delete.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use egui::{RichText, Ui};

use crate::activity::Operation;
use crate::activity::Via;
use crate::api::ChangeRequest;
use crate::api::models::{Artifact, Platform, Tag};
use crate::bulk_delete::DeleteItem;
use crate::pull_command::{PullClient, PullReference, pull_command};
use crate::tasks::TaskLabel;
use crate::ui::breadcrumb::repository_header_ui;
use crate::ui::bulk_dialog::{BulkDeleteDialog, BulkEnd, bulk_dialog_ui};
use crate::ui::commands::Command;
use crate::ui::curl_copy::{CurlAs, copy_as_curl_ui};
use crate::ui::dialogs::{DeleteConfirmation, DeleteTexts, delete_dialog_ui};
use crate::ui::feedback::copy_and_confirm;
use crate::ui::list_table::{PaneWidth, detail_pane_ui};
use crate::ui::multi_select::{ChosenAction, MarkKey, Marks, chosen_ui, click_modifiers, mark_key};
use crate::ui::paged_list::{KeyAction, ListAction, ListKind, ListTexts, PagedList, list_area_ui};
use crate::ui::read_only::change_button;
use crate::ui::screen::Screen;
use crate::ui::sources;
use crate::ui::view::{View, ViewContext};

mod compare;
mod indexed;
mod table;

use crate::ui::widgets::{
    copyable_text_ui, detail_header_ui, format_bytes, format_pull_time, format_time, pull_time_ui,
    time_ui,
};
use compare::compare_window_ui;
use indexed::WholeRepository;
use table::{
    TableNames, TableOutcome, artifacts_table_ui, digest_copied, digest_with_copy_ui,
    pull_command_copied, unsafe_name_text,
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
pub(super) fn tags_unreadable() -> String {
    tr!("artifacts-tags-unreadable")
}

/// How many tag chips a row shows before "+N".
pub(super) const MAX_CHIPS: usize = 3;

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
    /// Page by page from the server, or the whole repository from the index.
    mode: Mode,
    /// The whole repository from the index.
    whole: WholeRepository,
    /// The chosen artifacts of either list, by digest, kept as they were when chosen (a
    /// chosen row may scroll out of the whole repository's window).
    chosen: HashMap<String, Artifact>,
    /// The bulk delete of the chosen artifacts.
    bulk: Option<BulkDeleteDialog>,
    /// Two artifacts compared side by side.
    compare: Option<Box<(Artifact, Artifact)>>,
}

/// How the artifacts are listed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// The server's pages.
    Pages,
    /// The whole repository as indexed.
    Whole,
}

impl ArtifactsView {
    /// The view of `project`/`repository`'s artifacts (nothing loaded yet).
    pub fn new(project: impl Into<String>, repository: impl Into<String>) -> Self {
        let (project, repository) = (project.into(), repository.into());
        Self {
            whole: WholeRepository::new(project.clone(), repository.clone()),
            mode: Mode::Pages,
            project,
            repository,
            items: PagedList::new("artifacts", |item: &Artifact| item.digest.as_str()),
            expanded: HashSet::new(),
            pull_client: PullClient::Docker,
            pull_by_tag: None,
            delete: None,
            chosen: HashMap::new(),
            bulk: None,
            compare: None,
        }
    }

    fn selected_artifact(&self) -> Option<&Artifact> {
        if self.mode == Mode::Whole {
            return self.whole.selected_artifact();
        }
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
        self.whole.refresh();
        let request = self.items.page_request();
        let (project, repository) = (self.project.clone(), self.repository.clone());
        let (label_project, label_repository) = (project.clone(), repository.clone());
        let label = TaskLabel::words(move || {
            tr!(
                "artifacts-task-list",
                project = label_project.as_str(),
                repository = label_repository.as_str()
            )
        });
        self.items.list.request(sources::artifacts_page(
            cx, label, project, repository, request,
        ));
    }

    fn leave(&mut self) {
        self.items.list.abandon();
    }

    fn reveal(&mut self, key: &str, filter: Option<&str>) {
        self.mode = Mode::Whole;
        self.whole.reveal(key, filter);
    }

    fn ui(&mut self, ui: &mut Ui, cx: &mut ViewContext<'_>) {
        repository_header_ui(ui, &self.project, &self.repository, cx.commands);
        self.items.sync_page_size(cx.remembered);
        self.refresh(cx);
        let host = cx.client.registry_host().to_owned();
        if self.mode == Mode::Whole {
            self.whole_keys(ui, cx);
        }
        let chosen = self.mode_ui(ui, cx);
        if self.mode == Mode::Whole {
            self.whole_ui(ui, cx, &host, chosen);
            return;
        }

        let mut actions = Vec::new();
        match self.items.keyboard(ui, |a| a.digest.as_str()) {
            Some(KeyAction::Open(digest)) => toggle(&mut self.expanded, &digest),
            Some(KeyAction::Delete(digest)) => actions.push(ListAction::Delete(digest)),
            Some(KeyAction::DeleteMany(digests)) => actions.push(ListAction::DeleteMany(digests)),
            Some(KeyAction::Selected(_)) | None => {}
        }
        actions.push(self.toolbar_ui(ui));
        actions.push(self.items.error_ui(ui, &texts()));
        let mut area = list_area_ui(ui);
        if self.selected_artifact().is_some() {
            let salt = ("artifact", self.project.clone(), self.repository.clone());
            let as_curl = CurlAs::of(cx);
            if let Some(action) = detail_pane_ui(&mut area, salt, PANE, |ui| {
                self.detail_ui(ui, &host, &as_curl)
            }) {
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

        let modifiers = click_modifiers(ui);
        if let Some(digest) = self.apply_outcome(outcome, modifiers) {
            actions.push(ListAction::Delete(digest));
        }
        self.run_actions(actions, cx);
        self.dialogs_ui(ui, cx);
    }
}

impl ArtifactsView {
    /// Page by page (the server) or the whole repository (the index); in the whole repository,
    /// the chosen rows' actions at the right, so the table does not move when rows are chosen.
    fn mode_ui(&mut self, ui: &mut Ui, cx: &mut ViewContext<'_>) -> ListAction {
        let mut action = ListAction::None;
        let mut compare = false;
        ui.horizontal(|ui| {
            ui.selectable_value(&mut self.mode, Mode::Pages, tr!("artifacts-mode-pages"))
                .on_hover_text(tr!("artifacts-mode-pages-hint"));
            ui.selectable_value(&mut self.mode, Mode::Whole, tr!("artifacts-mode-whole"))
                .on_hover_text(tr!("artifacts-mode-whole-hint"));
            ui.add_space(12.0);
            if ui
                .add_enabled(
                    cx.index.is_some(),
                    egui::Button::new(tr!("cleanup-plan-here")),
                )
                .on_hover_text(tr!("cleanup-plan-here-repository-hint"))
                .clicked()
            {
                cx.commands.push(Command::Reveal {
                    screen: Screen::Cleanup,
                    key: format!("{}/{}", self.project, self.repository),
                    filter: None,
                });
            }
            if self.mode == Mode::Whole && !self.whole.marks.is_empty() {
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    match chosen_ui(ui, &mut self.whole.marks, true) {
                        ChosenAction::None => {}
                        ChosenAction::Delete => {
                            action = ListAction::DeleteMany(self.whole.marks.names().to_vec());
                        }
                        ChosenAction::Compare => compare = true,
                    }
                });
            }
        });
        if compare {
            self.compare_chosen();
        }
        ui.add_space(2.0);
        action
    }

    /// The whole repository's selection keys, and Ctrl+A's reading when it ends; before the
    /// mode line, which shows what they chose.
    fn whole_keys(&mut self, ui: &Ui, cx: &mut ViewContext<'_>) {
        if let Some(all) = self.whole.poll_choose_all() {
            self.chosen = all.into_iter().map(|a| (a.digest.clone(), a)).collect();
        }
        if let Some(key) = mark_key(ui, &self.whole.marks) {
            match key {
                MarkKey::All => self.whole.choose_all(cx),
                MarkKey::Clear => self.whole.marks.clear(),
                MarkKey::Toggle => {
                    if let Some(cursor) = self.whole.selected.clone() {
                        self.whole.marks.toggle(&cursor);
                    }
                }
            }
            self.keep_chosen();
        }
    }

    /// The whole repository from the index, with the selected artifact's detail beside it.
    fn whole_ui(&mut self, ui: &mut Ui, cx: &mut ViewContext<'_>, host: &str, chosen: ListAction) {
        let mut area = list_area_ui(ui);
        let mut actions = vec![chosen];
        if self.selected_artifact().is_some() {
            let salt = ("artifact", self.project.clone(), self.repository.clone());
            let as_curl = CurlAs::of(cx);
            if let Some(action) = detail_pane_ui(&mut area, salt, PANE, |ui| {
                self.detail_ui(ui, host, &as_curl)
            }) {
                actions.push(action);
            }
        }
        let (project, repository) = (self.project.clone(), self.repository.clone());
        let names = TableNames {
            host,
            project: &project,
            repository: &repository,
        };
        let outcome = self.whole.ui(&mut area, cx, &names);
        if let Some(digest) = outcome.clicked {
            if self.whole.selected.as_deref() != Some(digest.as_str()) {
                self.pull_by_tag = None;
            }
            let modifiers = click_modifiers(&area);
            let loaded = self.whole.loaded_digests();
            let shown: Vec<&str> = loaded.iter().map(String::as_str).collect();
            let cursor = self.whole.selected.clone();
            self.whole
                .marks
                .click(&shown, &digest, cursor.as_deref(), modifiers);
            self.whole.selected = Some(digest);
            self.keep_chosen();
            // The mode line above, drawn already, shows the chosen rows from the next frame.
            area.ctx().request_repaint();
        }
        if let Some(digest) = outcome.delete {
            actions.push(ListAction::Delete(digest));
        }
        self.run_actions(actions, cx);
        self.dialogs_ui(ui, cx);
    }

    /// The single and bulk delete dialogs and the comparison.
    fn dialogs_ui(&mut self, ui: &Ui, cx: &mut ViewContext<'_>) {
        self.delete_dialog_ui(ui, cx);
        if let BulkEnd::Ran(_) = bulk_dialog_ui(&mut self.bulk, ui.ctx(), cx) {
            self.items.marks.clear();
            self.whole.marks.clear();
            self.chosen.clear();
            self.reload(cx);
        }
        if let Some(pair) = &self.compare
            && !compare_window_ui(ui.ctx(), &pair.0, &pair.1)
        {
            self.compare = None;
        }
    }

    /// The marks of the list shown.
    fn marks(&self) -> &Marks {
        match self.mode {
            Mode::Pages => &self.items.marks,
            Mode::Whole => &self.whole.marks,
        }
    }

    /// Keeps [`Self::chosen`] in step with the marks: adds what was just chosen (from the
    /// rows shown) and drops what no longer is.
    fn keep_chosen(&mut self) {
        let marks = self.marks().clone();
        self.chosen.retain(|digest, _| marks.contains(digest));
        let shown: Vec<&Artifact> = match self.mode {
            Mode::Pages => self
                .items
                .list
                .value()
                .map(|page| page.items.iter().collect())
                .unwrap_or_default(),
            Mode::Whole => self.whole.loaded().collect(),
        };
        for artifact in shown {
            if marks.contains(&artifact.digest) && !self.chosen.contains_key(&artifact.digest) {
                self.chosen
                    .insert(artifact.digest.clone(), artifact.clone());
            }
        }
    }

    /// The chosen artifacts, in the order they were chosen.
    fn chosen_artifacts(&self, digests: &[String]) -> Vec<Artifact> {
        digests
            .iter()
            .filter_map(|digest| self.chosen.get(digest).cloned())
            .collect()
    }

    /// Opens the comparison of the two chosen artifacts.
    fn compare_chosen(&mut self) {
        self.keep_chosen();
        let digests = self.marks().names().to_vec();
        if let [left, right] = self.chosen_artifacts(&digests).as_slice() {
            self.compare = Some(Box::new((left.clone(), right.clone())));
        }
    }

    /// Asks once to delete the artifacts `digests`, with their tags and sizes.
    fn ask_delete_many(&mut self, digests: &[String]) {
        self.keep_chosen();
        let items = self
            .chosen_artifacts(digests)
            .into_iter()
            .map(|artifact| DeleteItem::Artifact {
                project: self.project.clone(),
                repository: self.repository.clone(),
                tags: artifact.tags.iter().map(|t| t.name.clone()).collect(),
                size_bytes: artifact.size,
                digest: artifact.digest,
            })
            .collect::<Vec<_>>();
        if !items.is_empty() {
            self.bulk = Some(BulkDeleteDialog::new(items, Via::BulkDelete));
        }
    }

    /// Takes the page that arrived (dropping a selection that left it), and asks for one when
    /// none is on its way.
    fn refresh(&mut self, cx: &mut ViewContext<'_>) {
        // A selection that left the page goes with it (`PagedList::poll`).
        if self.items.poll(cx) {
            // The page was recorded in the index: the whole list reads it again.
            self.whole.refresh();
        }
        if !self.items.list.is_requested() {
            self.reload(cx);
        }
    }

    /// Expands or selects what the table's user clicked; returns the digest to delete, if any.
    fn apply_outcome(
        &mut self,
        outcome: TableOutcome,
        modifiers: egui::Modifiers,
    ) -> Option<String> {
        if let Some(digest) = outcome.toggled {
            toggle(&mut self.expanded, &digest);
        }
        if let Some(digest) = outcome.clicked {
            if self.items.selected.as_deref() != Some(digest.as_str()) {
                self.pull_by_tag = None;
            }
            self.items.row_clicked(digest, modifiers);
        }
        self.keep_chosen();
        outcome.delete
    }

    /// Reloads, or asks to delete, as the list's parts asked.
    fn run_actions(&mut self, actions: Vec<ListAction>, cx: &ViewContext<'_>) {
        for action in actions {
            match action {
                ListAction::None | ListAction::New => {}
                ListAction::Reload => self.reload(cx),
                ListAction::Delete(digest) => self.ask_delete(&digest),
                ListAction::DeleteMany(digests) => self.ask_delete_many(&digests),
            }
        }
    }

    /// The line above the table: how many artifacts, Delete… and a spinner while loading.
    fn toolbar_ui(&mut self, ui: &mut Ui) -> ListAction {
        let mut action = ListAction::None;
        let mut compare = false;
        ui.horizontal(|ui| {
            if let Some(page) = self.items.list.value() {
                ui.label(RichText::new(ListKind::Artifacts.count(page.total)).weak());
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if !self.items.marks.is_empty() {
                    match chosen_ui(ui, &mut self.items.marks, true) {
                        ChosenAction::None => {}
                        ChosenAction::Delete => {
                            action = ListAction::DeleteMany(self.items.marks.names().to_vec());
                        }
                        ChosenAction::Compare => compare = true,
                    }
                } else if change_button(
                    ui,
                    self.items.visible_selection().is_some(),
                    tr!("list-delete"),
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
        if compare {
            self.compare_chosen();
        }
        ui.add_space(4.0);
        action
    }

    fn ask_delete(&mut self, digest: &str) {
        let on_page = self
            .items
            .list
            .value()
            .and_then(|page| page.items.iter().find(|a| a.digest == digest));
        let Some(artifact) = on_page.or_else(|| {
            self.whole
                .selected_artifact()
                .filter(|artifact| artifact.digest == digest)
        }) else {
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
    fn detail_ui(&mut self, ui: &mut Ui, host: &str, as_curl: &CurlAs<'_>) -> Option<ListAction> {
        let artifact = self.selected_artifact()?.clone();
        let mut action = None;
        let closed = detail_header_ui(ui, &tr!("artifacts-detail-title"), |ui| {
            if change_button(ui, true, tr!("list-delete")).clicked() {
                action = Some(ListAction::Delete(artifact.digest.clone()));
            }
            let request = ChangeRequest::DeleteArtifact {
                project: self.project.clone(),
                repository: self.repository.clone(),
                digest: artifact.digest.clone(),
            };
            copy_as_curl_ui(ui, as_curl.client, as_curl.user, &request);
        });
        if closed {
            self.items.selected = None;
            self.whole.selected = None;
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
            let index = sources::index_of(cx);
            let request = ChangeRequest::DeleteArtifact {
                project: project.clone(),
                repository: repository.clone(),
                digest: digest.clone(),
            };
            let target = format!("{project}/{repository}@{digest}");
            cx.change(
                label,
                Operation::DeleteArtifact,
                target,
                request,
                async move {
                    let reply = client
                        .delete_artifact(&project, &repository, &digest)
                        .await?;
                    sources::apply_change(index, move |index| {
                        index.artifact_deleted(&project, &repository, &digest)
                    })
                    .await;
                    Ok(reply)
                },
            )
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
