//! A project's repositories: a paged, filtered table, a detail pane, and the create and delete
//! dialogs.

use std::sync::Arc;

use egui::text::LayoutJob;
use egui::{Id, RichText, TextFormat, Ui};
use egui_extras::Column;

use crate::activity::Operation;
use crate::activity::Via;
use crate::api::models::Repository;
use crate::api::{ChangeRequest, NewRepository};
use crate::bulk_delete::DeleteItem;
use crate::contract::{self as validate, DETAIL_MAX_CHARS, SUMMARY_MAX_CHARS};
use crate::index::CrawlScope;
use crate::tasks::{Remote, TaskLabel};
use crate::ui::breadcrumb::project_header_ui;
use crate::ui::bulk_dialog::{BulkDeleteDialog, BulkEnd, bulk_dialog_ui};
use crate::ui::commands::Command;
use crate::ui::curl_copy::{CurlAs, copy_as_curl_ui};
use crate::ui::dialogs::{
    DeleteConfirmation, DeleteTexts, DialogButton, FormDialog, checked_name_field_ui,
    delete_dialog_ui, dialog_buttons_ui, form_dialog_ui,
};
use crate::ui::export_rows;
use crate::ui::feedback::Notice;
use crate::ui::list_table::{
    NameAction, PaneWidth, RowClick, columns_ui, detail_pane_ui, list_table, name_link_ui,
    row_click, row_height,
};
use crate::ui::multi_select::{RowSelection, click_modifiers};
use crate::ui::paged_list::{KeyAction, ListAction, ListKind, ListTexts, PagedList, list_area_ui};
use crate::ui::screen::{ProjectTab, Screen};
use crate::ui::sources;
use crate::ui::view::{DialogOutcome, View, ViewContext, error_lines_ui};
use crate::ui::widgets::{
    ErrorAction, copyable_text_ui, detail_header_ui, error_box_ui, text_field, time_ui,
};

/// The words of the repositories list, in the shown language.
fn texts() -> ListTexts {
    ListTexts {
        kind: ListKind::Repositories,
        new_button: Some(tr!("repositories-new")),
        empty: tr!("repositories-empty"),
        load_error: tr!("repositories-load-error"),
    }
}

/// The width of the repository detail pane.
const PANE: PaneWidth = PaneWidth {
    default: 320.0,
    min: 240.0,
    max: 520.0,
};

/// The repositories tab of one project.
pub struct RepositoriesView {
    project: String,
    items: PagedList<Repository>,
    detail: Remote<Repository>,
    create: Option<CreateRepositoryDialog>,
    delete: Option<DeleteConfirmation>,
    bulk: Option<BulkDeleteDialog>,
}

impl RepositoriesView {
    /// The view for `project`'s repositories (nothing loaded yet).
    pub fn new(project: impl Into<String>) -> Self {
        Self {
            project: project.into(),
            items: PagedList::new("repositories", |item: &Repository| {
                item.repository_name.as_str()
            }),
            detail: Remote::default(),
            create: None,
            delete: None,
            bulk: None,
        }
    }
}

impl View for RepositoriesView {
    fn open(&mut self, screen: &Screen) -> bool {
        matches!(screen, Screen::Repositories { project } if *project == self.project)
    }

    /// Asks the server for the current page (and the selected repository's detail) again.
    fn reload(&mut self, cx: &ViewContext<'_>) {
        let request = self.items.page_request();
        let project = self.project.clone();
        let label = project.clone();
        let label =
            TaskLabel::words(move || tr!("repositories-task-list", project = label.as_str()));
        self.items
            .list
            .request(sources::repositories_page(cx, label, project, request));
        if self.items.selected.is_some() {
            self.load_detail(cx);
        }
    }

    fn leave(&mut self) {
        self.items.list.abandon();
        self.detail.abandon();
    }

    fn ui(&mut self, ui: &mut Ui, cx: &mut ViewContext<'_>) {
        project_header_ui(ui, &self.project, ProjectTab::Repositories, cx.commands);
        self.items.sync_page_size(cx.remembered);
        if self.items.poll(cx) && self.items.selected.is_none() {
            // The selected repository is no longer on the page: its detail goes with it.
            self.detail.clear();
        }
        if self.detail.poll() {
            cx.report(self.detail.error());
        }
        if !self.items.list.is_requested() {
            self.reload(cx);
        }

        // Keys first, while the focus is still last frame's: Enter in the filter opens nothing.
        let mut actions = Vec::new();
        match self.items.keyboard(ui, |r| r.repository_name.as_str()) {
            Some(KeyAction::Selected(_)) => {
                self.detail.clear();
                self.load_detail(cx);
            }
            Some(KeyAction::Delete(name)) => actions.push(ListAction::Delete(name)),
            Some(KeyAction::DeleteMany(names)) => actions.push(ListAction::DeleteMany(names)),
            Some(KeyAction::Open(name)) => self.open_artifacts(cx, &name),
            None => {}
        }
        actions.push(self.toolbar_ui(ui, cx));
        actions.push(self.items.error_ui(ui, &texts()));
        let mut area = list_area_ui(ui);
        if self.items.selected.is_some() {
            let project = self.project.clone();
            detail_pane_ui(&mut area, ("repository", &project), PANE, |ui| {
                self.detail_ui(ui, cx);
            });
        }
        let project = &self.project;
        let outcome = columns_ui(&mut area, ("repositories", project), |ui| {
            self.items
                .contents_ui(ui, &texts(), |ui, items, selected, scroll_to| {
                    repositories_table_ui(ui, project, items, selected, scroll_to)
                })
                .unwrap_or_default()
        });
        if let Some(name) = outcome.opened {
            self.open_artifacts(cx, &name);
        }
        if let Some(name) = outcome.delete {
            actions.push(ListAction::Delete(name));
        }
        actions.push(self.items.pager_ui(ui, &texts()));

        for action in actions {
            self.apply(action, cx);
        }
        if let Some(name) = outcome.clicked {
            let modifiers = click_modifiers(ui);
            self.select(cx, name, modifiers);
        }
        self.create_dialog_ui(ui, cx);
        self.delete_dialog_ui(ui, cx);
        if let BulkEnd::Ran(_) = bulk_dialog_ui(&mut self.bulk, ui.ctx(), cx) {
            self.items.marks.clear();
            self.reload(cx);
        }
    }
}

impl RepositoriesView {
    /// The toolbar, with Plan a cleanup… and Re-index; what it asked of the list.
    fn toolbar_ui(&mut self, ui: &mut Ui, cx: &mut ViewContext<'_>) -> ListAction {
        let rows = export_rows::repositories(&self.project);
        let scope = CrawlScope::Project(self.project.clone());
        let crawling = cx
            .index
            .as_ref()
            .is_some_and(|status| status.crawling.contains(&scope));
        let can_index = cx.index.is_some() && !cx.offline;
        let mut reindex = false;
        let mut plan_cleanup = false;
        let mut reindex_ui = |ui: &mut Ui| {
            plan_cleanup = ui
                .add_enabled(
                    cx.index.is_some(),
                    egui::Button::new(tr!("cleanup-plan-here")),
                )
                .on_hover_text(tr!("cleanup-plan-here-project-hint"))
                .clicked();
            if crawling {
                ui.spinner().on_hover_text(tr!("repositories-reindexing"));
            } else {
                reindex = ui
                    .add_enabled(can_index, egui::Button::new(tr!("artifacts-index-reindex")))
                    .on_hover_text(tr!("repositories-reindex-hint"))
                    .on_disabled_hover_text(tr!("repositories-reindex-unavailable"))
                    .clicked();
            }
        };
        let action =
            self.items
                .toolbar_ui(ui, None, &texts(), Some((cx, &rows)), Some(&mut reindex_ui));
        if reindex {
            cx.commands.push(Command::Crawl(scope));
        }
        if plan_cleanup {
            cx.commands.push(Command::Reveal {
                screen: Screen::Cleanup,
                key: self.project.clone(),
                filter: None,
            });
        }
        action
    }

    /// Does what the toolbar, pager or keyboard asked for.
    fn apply(&mut self, action: ListAction, cx: &ViewContext<'_>) {
        match action {
            ListAction::None => {}
            ListAction::Reload => self.reload(cx),
            ListAction::New => {
                self.create = Some(CreateRepositoryDialog::new(self.project.clone()));
            }
            ListAction::Delete(name) => {
                self.delete = Some(DeleteConfirmation::new(name, false));
            }
            ListAction::DeleteMany(names) => {
                let items = names
                    .into_iter()
                    .map(|repository| DeleteItem::Repository {
                        project: self.project.clone(),
                        repository,
                    })
                    .collect();
                self.bulk = Some(BulkDeleteDialog::new(items, Via::BulkDelete));
            }
        }
    }

    fn load_detail(&mut self, cx: &ViewContext<'_>) {
        let Some(name) = self.items.selected.clone() else {
            self.detail.clear();
            return;
        };
        let project = self.project.clone();
        let (label_project, label_name) = (project.clone(), name.clone());
        let label = TaskLabel::words(move || {
            tr!(
                "repositories-task-detail",
                project = label_project.as_str(),
                name = label_name.as_str()
            )
        });
        self.detail
            .request(sources::repository_detail(cx, label, project, name));
    }

    /// Selects `name` (clicked with `modifiers`) and loads its detail, unless it is selected
    /// already.
    fn select(&mut self, cx: &ViewContext<'_>, name: String, modifiers: egui::Modifiers) {
        let changed = self.items.selected.as_deref() != Some(name.as_str());
        self.items.row_clicked(name, modifiers);
        if changed {
            self.detail.clear();
            self.load_detail(cx);
        }
    }

    /// Opens the repository's artifacts.
    fn open_artifacts(&self, cx: &mut ViewContext<'_>, name: &str) {
        cx.commands.push(Command::Navigate(Screen::Repository {
            project: self.project.clone(),
            name: name.to_owned(),
        }));
    }

    fn detail_ui(&mut self, ui: &mut Ui, cx: &mut ViewContext<'_>) {
        let Some(name) = self.items.selected.clone() else {
            return;
        };
        let request = ChangeRequest::DeleteRepository {
            project: self.project.clone(),
            repository: name.clone(),
        };
        let as_curl = CurlAs::of(cx);
        let header = detail_header_ui(ui, &tr!("repositories-detail-title"), |ui| {
            copy_as_curl_ui(ui, as_curl.client, as_curl.user, &request);
        });
        if header {
            self.items.selected = None;
            self.detail.clear();
        }
        // The list's entry is shown until the detail arrives.
        let listed = self
            .items
            .list
            .value()
            .and_then(|page| page.items.iter().find(|r| r.repository_name == name));
        let shown = self.detail.value().or(listed);
        let full_name = format!("{}/{name}", self.project);
        copyable_text_ui(
            ui,
            RichText::new(&full_name).monospace().strong(),
            &full_name,
            &tr!("repositories-copy-full-name-hover"),
            Notice::words(|| tr!("repositories-full-name-copied")),
        );
        if ui
            .button(tr!("repositories-open-artifacts"))
            .on_hover_text(tr!("repositories-open-artifacts-hover"))
            .clicked()
        {
            self.open_artifacts(cx, &name);
        }
        ui.add_space(6.0);
        if let Some(error) = self.detail.error() {
            if error_box_ui(ui, &tr!("repositories-detail-load-error"), error) == ErrorAction::Retry
            {
                self.load_detail(cx);
            }
            return;
        }
        let Some(repository) = shown else {
            ui.spinner();
            return;
        };
        repository_facts_ui(ui, &name, repository);
        ui.add_space(6.0);
        ui.label(RichText::new(tr!("repositories-fact-detail")).weak());
        ui.label(non_empty(&repository.detail));
        if self.detail.is_pending() {
            ui.spinner();
        }
    }

    fn create_dialog_ui(&mut self, ui: &Ui, cx: &mut ViewContext<'_>) {
        let project = self.project.clone();
        let created = form_dialog_ui(&mut self.create, ui.ctx(), cx, |cx, new_repository| {
            let client = Arc::clone(cx.client);
            let index = sources::index_of(cx);
            let name = new_repository.repository_name.clone();
            let project = project.clone();
            let request = ChangeRequest::CreateRepository {
                project: project.clone(),
                repository: new_repository.clone(),
            };
            cx.change(
                TaskLabel::words(move || tr!("repositories-task-create", name = name.as_str())),
                Operation::CreateRepository,
                format!("{project}/{}", new_repository.repository_name),
                request,
                async move {
                    let reply = client.create_repository(&project, &new_repository).await?;
                    sources::apply_change(index, move |index| {
                        index.repository_created(&project, &new_repository)
                    })
                    .await;
                    Ok(reply)
                },
            )
        });
        if let Some(dialog) = created {
            let name = dialog.name.trim();
            let full_name = format!("{}/{name}", self.project);
            self.items
                .announce_created(ui.ctx(), ListKind::Repositories, name, &full_name);
            self.detail.clear();
            self.reload(cx);
        }
    }

    fn delete_dialog_ui(&mut self, ui: &Ui, cx: &mut ViewContext<'_>) {
        let texts = DeleteTexts {
            title: &tr!("repositories-delete-title"),
            consequence: &tr!("repositories-delete-consequence"),
            explain: None,
        };
        let project = self.project.clone();
        let deleted = delete_dialog_ui(&mut self.delete, ui.ctx(), cx, &texts, |cx, it| {
            let name = it.name.clone();
            let client = Arc::clone(cx.client);
            let (label_project, label_name) = (project.clone(), name.clone());
            let label = TaskLabel::words(move || {
                tr!(
                    "repositories-task-delete",
                    project = label_project.as_str(),
                    name = label_name.as_str()
                )
            });
            let index = sources::index_of(cx);
            let project = project.clone();
            let request = ChangeRequest::DeleteRepository {
                project: project.clone(),
                repository: name.clone(),
            };
            let target = format!("{project}/{name}");
            cx.change(
                label,
                Operation::DeleteRepository,
                target,
                request,
                async move {
                    let reply = client.delete_repository(&project, &name).await?;
                    sources::apply_change(index, move |index| {
                        index.repository_deleted(&project, &name)
                    })
                    .await;
                    Ok(reply)
                },
            )
        });
        if let Some(confirmation) = deleted {
            let full_name = format!("{}/{}", self.project, confirmation.name);
            self.items
                .announce_deleted(ui.ctx(), ListKind::Repositories, &full_name);
            self.detail.clear();
            self.reload(cx);
        }
    }
}

/// The detail pane's facts: summary, tags, access, created.
fn repository_facts_ui(ui: &mut Ui, name: &str, repository: &Repository) {
    egui::Grid::new(("repository detail grid", name))
        .num_columns(2)
        .spacing([12.0, 6.0])
        .show(ui, |ui| {
            ui.label(RichText::new(tr!("repositories-fact-summary")).weak());
            ui.label(non_empty(&repository.summary));
            ui.end_row();
            ui.label(RichText::new(tr!("repositories-fact-tags")).weak());
            ui.label(
                repository
                    .image_tag_count
                    .map_or_else(|| "—".to_owned(), |n| n.to_string()),
            );
            ui.end_row();
            ui.label(RichText::new(tr!("repositories-fact-access")).weak());
            ui.label(access_text(repository));
            ui.end_row();
            ui.label(RichText::new(tr!("repositories-fact-created")).weak());
            time_ui(ui, repository.created_at.as_ref());
            ui.end_row();
        });
}

/// What the user did in the repositories table this frame.
#[derive(Default)]
struct TableOutcome {
    /// A row was clicked: select it.
    clicked: Option<String>,
    /// A name was clicked, or a row double-clicked: open its artifacts.
    opened: Option<String>,
    /// "Delete repository…" was chosen in a name's menu.
    delete: Option<String>,
}

/// The repositories table.
fn repositories_table_ui(
    ui: &mut Ui,
    project: &str,
    items: &[Repository],
    selected: RowSelection<'_>,
    scroll_to: Option<usize>,
) -> TableOutcome {
    let mut outcome = TableOutcome::default();
    let row_height = row_height(ui);
    list_table(ui, ("repositories table", project), scroll_to)
        .column(Column::initial(280.0).at_least(140.0).clip(true))
        .column(Column::initial(60.0).at_least(50.0))
        .column(Column::initial(80.0).at_least(60.0))
        .column(Column::remainder().at_least(120.0))
        .header(24.0, |mut header| {
            for title in [
                tr!("repositories-column-name"),
                tr!("repositories-column-tags"),
                tr!("repositories-column-access"),
                tr!("repositories-column-created"),
            ] {
                header.col(|ui| {
                    ui.strong(title);
                });
            }
        })
        .body(|body| {
            let (hover, delete) = (
                tr!("repositories-open-hover"),
                tr!("repositories-menu-delete"),
            );
            body.rows(row_height, items.len(), |mut row| {
                let Some(repository) = items.get(row.index()) else {
                    return;
                };
                let name = repository.repository_name.as_str();
                row.set_selected(selected.has(name));
                row.col(|ui| {
                    let path = name_as_path(ui, name, selected.has(name));
                    match name_link_ui(ui, path, &hover, &[delete.as_str()]) {
                        Some(NameAction::Open) => outcome.opened = Some(name.to_owned()),
                        Some(NameAction::Menu(_)) => outcome.delete = Some(name.to_owned()),
                        None => {}
                    }
                });
                row.col(|ui| {
                    ui.label(
                        repository
                            .image_tag_count
                            .map_or_else(|| "—".to_owned(), |n| n.to_string()),
                    );
                });
                row.col(|ui| {
                    ui.label(access_text(repository));
                });
                row.col(|ui| {
                    time_ui(ui, repository.created_at.as_ref());
                });
                match row_click(&row.response()) {
                    RowClick::Open => outcome.opened = Some(name.to_owned()),
                    RowClick::Select => outcome.clicked = Some(name.to_owned()),
                    RowClick::None => {}
                }
            });
        });
    outcome
}

/// "Public" or "Private", in the shown language.
fn access_text(repository: &Repository) -> String {
    if repository.public {
        tr!("repositories-public")
    } else {
        tr!("repositories-private")
    }
}

fn non_empty(text: &str) -> String {
    if text.trim().is_empty() {
        "—".to_owned()
    } else {
        text.to_owned()
    }
}

/// A multi-level name as a path: the parent folders dimmed, the last part in the link colour
/// (it opens the repository; all in the selection's text colour on a selected row).
fn name_as_path(ui: &Ui, name: &str, selected: bool) -> LayoutJob {
    let font = egui::TextStyle::Body.resolve(ui.style());
    let (weak, strong) = if selected {
        let color = ui.visuals().selection.stroke.color;
        (color, color)
    } else {
        (ui.visuals().weak_text_color(), ui.visuals().hyperlink_color)
    };
    let mut job = LayoutJob::default();
    let (parents, last) = name.rsplit_once('/').map_or(("", name), |(p, l)| (p, l));
    if !parents.is_empty() {
        job.append(
            &format!("{parents}/"),
            0.0,
            TextFormat::simple(font.clone(), weak),
        );
    }
    job.append(last, 0.0, TextFormat::simple(font, strong));
    job
}

/// A character counter like "12/100", in the error colour past the limit.
fn counter_ui(ui: &mut Ui, text: &str, max: usize) {
    let count = text.chars().count();
    let color = if count > max {
        ui.visuals().error_fg_color
    } else {
        ui.visuals().weak_text_color()
    };
    ui.label(RichText::new(format!("{count}/{max}")).small().color(color));
}

/// The "New repository" dialog.
struct CreateRepositoryDialog {
    project: String,
    name: String,
    summary: String,
    detail: String,
    request: Remote<()>,
    focused: bool,
}

impl CreateRepositoryDialog {
    fn new(project: String) -> Self {
        Self {
            project,
            name: String::new(),
            summary: String::new(),
            detail: String::new(),
            request: Remote::default(),
            focused: false,
        }
    }
}

impl FormDialog for CreateRepositoryDialog {
    type Output = NewRepository;

    fn ui(&mut self, ctx: &egui::Context) -> DialogOutcome<NewRepository> {
        let mut outcome = DialogOutcome::Open;
        let busy = self.request.is_pending();
        egui::Modal::new(Id::unique("create repository")).show(ctx, |ui| {
            ui.set_width(460.0);
            ui.heading(tr!(
                "repositories-create-title",
                project = self.project.as_str()
            ));
            ui.add_space(6.0);
            let name_problem = checked_name_field_ui(
                ui,
                &tr!("repositories-create-name"),
                &mut self.name,
                &tr!("repositories-create-name-hint"),
                &mut self.focused,
                validate::repository_name,
                &tr!("repositories-create-name-rule"),
            );
            ui.add_space(6.0);
            text_field(
                ui,
                &tr!("repositories-create-summary"),
                &mut self.summary,
                &tr!("repositories-create-summary-hint"),
            );
            counter_ui(ui, &self.summary, SUMMARY_MAX_CHARS);
            ui.add_space(4.0);
            let detail_label = ui.label(tr!("repositories-create-detail"));
            let detail_id = ui
                .add(
                    egui::TextEdit::multiline(&mut self.detail)
                        .desired_rows(3)
                        .desired_width(f32::INFINITY),
                )
                .labelled_by(detail_label.id)
                .id;
            counter_ui(ui, &self.detail, DETAIL_MAX_CHARS);
            if let Some(error) = self.request.error() {
                ui.add_space(6.0);
                error_lines_ui(ui, error);
            }
            ui.add_space(10.0);
            let valid = !self.name.trim().is_empty()
                && name_problem.is_none()
                && validate::repository_summary(&self.summary).is_ok()
                && validate::repository_detail(&self.detail).is_ok();
            // Enter in the multi-line detail is a new line, not a submit.
            let enter_submits = !ui.input(|i| i.modifiers.shift)
                && !ui.memory(|m| m.focused().is_some_and(|id| id == detail_id));
            let (create, creating) = (tr!("common-create"), tr!("repositories-creating"));
            outcome = match dialog_buttons_ui(ui, &create, valid, enter_submits, busy, &creating) {
                DialogButton::None => DialogOutcome::Open,
                DialogButton::Cancel => DialogOutcome::Cancelled,
                DialogButton::Submit => DialogOutcome::Submit(NewRepository {
                    repository_name: self.name.trim().to_owned(),
                    summary: self.summary.clone(),
                    detail: self.detail.clone(),
                }),
            };
        });
        outcome
    }

    fn request(&mut self) -> &mut Remote<()> {
        &mut self.request
    }
}
