//! The projects screen: a paged, filtered table of projects with their storage against quota,
//! and the create and delete dialogs.

use std::sync::Arc;

use egui::{Id, RichText, Ui};
use egui_extras::Column;

use crate::activity::Operation;
use crate::activity::Via;
use crate::api::models::{Project, Timestamp};
use crate::api::{ApiError, CcrCode, ChangeRequest, NewProject};
use crate::bulk_delete::DeleteItem;
use crate::contract::{self as validate};
use crate::tasks::{Remote, TaskLabel};
use crate::ui::bulk_dialog::{BulkDeleteDialog, BulkEnd, bulk_dialog_ui};
use crate::ui::commands::Command;
use crate::ui::describe::Describe as _;
use crate::ui::dialogs::{
    DeleteConfirmation, DeleteTexts, DialogButton, FormDialog, checked_name_field_ui,
    delete_dialog_ui, dialog_buttons_ui, form_dialog_ui,
};
use crate::ui::export_rows;
use crate::ui::list_table::{
    NameAction, RowClick, columns_ui, list_table, name_link_ui, row_click, row_height,
};
use crate::ui::multi_select::{RowSelection, click_modifiers};
use crate::ui::paged_list::{KeyAction, ListAction, ListKind, ListTexts, PagedList, list_area_ui};
use crate::ui::screen::Screen;
use crate::ui::sources;
use crate::ui::view::{DialogOutcome, View, ViewContext, error_lines_ui};
use crate::ui::widgets::{quota_bar_ui, time_ui};

/// The columns the projects table can be sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortColumn {
    /// The project's name.
    Name,
    /// Public or private.
    Public,
    /// Storage used.
    Storage,
    /// Creation time.
    Created,
    /// Last update.
    Updated,
}

impl SortColumn {
    /// The column's header, in the shown language.
    fn label(self) -> String {
        match self {
            Self::Name => tr!("projects-column-name"),
            Self::Public => tr!("projects-column-access"),
            Self::Storage => tr!("projects-column-storage"),
            Self::Created => tr!("projects-column-created"),
            Self::Updated => tr!("projects-column-updated"),
        }
    }

    /// The key `projects-sort-hint` selects the column's name by.
    fn key(self) -> &'static str {
        match self {
            Self::Name => "name",
            Self::Public => "access",
            Self::Storage => "storage",
            Self::Created => "created",
            Self::Updated => "updated",
        }
    }
}

/// The words of the projects list, in the shown language.
fn texts() -> ListTexts {
    ListTexts {
        kind: ListKind::Projects,
        new_button: Some(tr!("projects-new")),
        empty: tr!("projects-empty"),
        load_error: tr!("projects-load-error"),
    }
}

/// The projects screen's state.
pub struct ProjectsView {
    items: PagedList<Project>,
    sort: Option<(SortColumn, bool)>,
    create: Option<CreateProjectDialog>,
    delete: Option<DeleteConfirmation>,
    bulk: Option<BulkDeleteDialog>,
}

impl Default for ProjectsView {
    fn default() -> Self {
        Self {
            items: PagedList::new("projects", |item: &Project| item.project_name.as_str()),
            sort: None,
            create: None,
            delete: None,
            bulk: None,
        }
    }
}

impl View for ProjectsView {
    fn open(&mut self, screen: &Screen) -> bool {
        *screen == Screen::Projects
    }

    fn reload(&mut self, cx: &ViewContext<'_>) {
        let request = self.items.page_request();
        let label = TaskLabel::words(|| tr!("projects-task-list"));
        self.items
            .list
            .request(sources::projects_page(cx, label, request));
    }

    fn leave(&mut self) {
        self.items.list.abandon();
    }

    fn ui(&mut self, ui: &mut Ui, cx: &mut ViewContext<'_>) {
        self.items.sync_page_size(cx.remembered);
        if self.items.poll(cx) {
            self.after_load();
        }
        if !self.items.list.is_requested() {
            self.reload(cx);
        }

        // Keys first, while the focus is still last frame's: Enter in the filter opens nothing.
        let mut actions = Vec::new();
        match self.items.keyboard(ui, |p| p.project_name.as_str()) {
            Some(KeyAction::Open(project)) => {
                cx.commands
                    .push(Command::Navigate(Screen::Repositories { project }));
            }
            Some(KeyAction::Delete(name)) => actions.push(ListAction::Delete(name)),
            Some(KeyAction::DeleteMany(names)) => actions.push(ListAction::DeleteMany(names)),
            Some(KeyAction::Selected(_)) | None => {}
        }
        actions.push(self.items.toolbar_ui(
            ui,
            Some(&tr!("projects-heading")),
            &texts(),
            Some((cx, &export_rows::projects())),
            None,
        ));
        actions.push(self.items.error_ui(ui, &texts()));
        let mut area = list_area_ui(ui);
        if let Some((column, ascending)) = self.sort {
            area.label(
                RichText::new(tr!(
                    "projects-sort-hint",
                    column = column.key(),
                    order = if ascending { "ascending" } else { "descending" }
                ))
                .small()
                .weak(),
            );
        } else {
            // The hint's line stays reserved, so the table does not move when it appears.
            let line = area.text_style_height(&egui::TextStyle::Small);
            area.add_space(line + area.spacing().item_spacing.y);
        }
        let sort = self.sort;
        // Narrow windows scroll the columns sideways.
        let outcome = columns_ui(&mut area, "projects", |ui| {
            self.items
                .contents_ui(ui, &texts(), |ui, items, selected, scroll_to| {
                    projects_table_ui(ui, items, selected, sort, scroll_to)
                })
        });
        actions.push(self.items.pager_ui(ui, &texts()));

        for action in actions {
            match action {
                ListAction::None => {}
                ListAction::Reload => self.reload(cx),
                ListAction::New => self.create = Some(CreateProjectDialog::default()),
                ListAction::Delete(name) => {
                    self.delete = Some(DeleteConfirmation::new(name, true));
                }
                ListAction::DeleteMany(names) => {
                    let items = names
                        .into_iter()
                        .map(|project| DeleteItem::Project { project })
                        .collect();
                    self.bulk = Some(BulkDeleteDialog::new(items, Via::BulkDelete));
                }
            }
        }
        if let Some(outcome) = outcome {
            let modifiers = click_modifiers(ui);
            self.apply_table_outcome(outcome, modifiers, cx);
        }
        self.create_dialog_ui(ui, cx);
        self.delete_dialog_ui(ui, cx);
        if let BulkEnd::Ran(deleted) = bulk_dialog_ui(&mut self.bulk, ui.ctx(), cx) {
            self.items.marks.clear();
            for item in deleted {
                if let DeleteItem::Project { project } = item {
                    cx.commands.push(Command::ProjectDeleted(project));
                }
            }
            self.reload(cx);
        }
    }
}

impl ProjectsView {
    fn after_load(&mut self) {
        if let Some(page) = self.items.list.value_mut()
            && let Some((column, ascending)) = self.sort
        {
            sort_projects(&mut page.items, column, ascending);
        }
    }

    fn apply_table_outcome(
        &mut self,
        outcome: TableOutcome,
        modifiers: egui::Modifiers,
        cx: &mut ViewContext<'_>,
    ) {
        let TableOutcome {
            sort_by: clicked_header,
            clicked: clicked_row,
            opened,
            delete,
        } = outcome;
        if let Some(name) = delete {
            self.items.selected = Some(name.clone());
            self.delete = Some(DeleteConfirmation::new(name, true));
        }
        if let Some(column) = clicked_header {
            let ascending = !matches!(self.sort, Some((c, true)) if c == column);
            self.sort = Some((column, ascending));
            self.after_load();
        }
        if let Some(name) = clicked_row {
            self.items.row_clicked(name, modifiers);
        }
        if let Some(name) = opened {
            self.items.selected = Some(name.clone());
            cx.commands
                .push(Command::Navigate(Screen::Repositories { project: name }));
        }
    }

    fn create_dialog_ui(&mut self, ui: &Ui, cx: &mut ViewContext<'_>) {
        let created = form_dialog_ui(&mut self.create, ui.ctx(), cx, |cx, new_project| {
            let client = Arc::clone(cx.client);
            let index = sources::index_of(cx);
            let name = new_project.name.clone();
            let target = name.clone();
            cx.change(
                TaskLabel::words(move || tr!("projects-task-create", name = name.as_str())),
                Operation::CreateProject,
                target,
                ChangeRequest::CreateProject(new_project.clone()),
                async move {
                    let reply = client.create_project(&new_project).await?;
                    sources::apply_change(index, move |index| {
                        index.project_created(&new_project, None)
                    })
                    .await;
                    Ok(reply.map(|_| ()))
                },
            )
        });
        if let Some(dialog) = created {
            let name = dialog.name.trim();
            self.items
                .announce_created(ui.ctx(), ListKind::Projects, name, name);
            self.reload(cx);
        }
    }

    fn delete_dialog_ui(&mut self, ui: &Ui, cx: &mut ViewContext<'_>) {
        let texts = DeleteTexts {
            title: &tr!("projects-delete-title"),
            consequence: &tr!("projects-delete-consequence"),
            explain: Some(delete_problem),
        };
        let deleted = delete_dialog_ui(&mut self.delete, ui.ctx(), cx, &texts, |cx, it| {
            let name = it.name.clone();
            let client = Arc::clone(cx.client);
            let index = sources::index_of(cx);
            let label = name.clone();
            let request = ChangeRequest::DeleteProject {
                project: name.clone(),
            };
            cx.change(
                TaskLabel::words(move || tr!("projects-task-delete", name = label.as_str())),
                Operation::DeleteProject,
                name.clone(),
                request,
                async move {
                    let reply = client.delete_project(&name).await?;
                    sources::apply_change(index, move |index| index.project_deleted(&name)).await;
                    Ok(reply)
                },
            )
        });
        if let Some(confirmation) = deleted {
            self.items
                .announce_deleted(ui.ctx(), ListKind::Projects, &confirmation.name);
            cx.commands.push(Command::ProjectDeleted(confirmation.name));
            self.reload(cx);
        }
    }
}

/// What the user did in the projects table this frame.
#[derive(Debug, Default)]
pub struct TableOutcome {
    /// A column header was clicked: sort by it.
    pub sort_by: Option<SortColumn>,
    /// A row was clicked: select that project.
    pub clicked: Option<String>,
    /// A project's name was clicked, or its row double-clicked: open it.
    pub opened: Option<String>,
    /// "Delete project…" was chosen in a row's context menu.
    pub delete: Option<String>,
}

/// The projects table: one row per project, laid out only when scrolled into view, so a page of
/// ten thousand costs what the visible rows cost.
pub fn projects_table_ui(
    ui: &mut Ui,
    items: &[Project],
    selected: RowSelection<'_>,
    sort: Option<(SortColumn, bool)>,
    scroll_to: Option<usize>,
) -> TableOutcome {
    let mut outcome = TableOutcome::default();
    let mut clicked_header = None;
    let row_height = row_height(ui);
    list_table(ui, "projects table", scroll_to)
        .column(Column::initial(220.0).at_least(120.0).clip(true))
        .column(Column::initial(80.0).at_least(60.0))
        .column(Column::initial(260.0).at_least(160.0))
        .column(Column::initial(130.0).at_least(100.0))
        .column(Column::remainder().at_least(100.0))
        .header(24.0, |mut header| {
            clicked_header = sort_header_ui(&mut header, sort);
        })
        .body(|body| {
            body.rows(row_height, items.len(), |mut row| {
                if let Some(project) = items.get(row.index()) {
                    project_row_ui(&mut row, project, selected, &mut outcome);
                }
            });
        });
    outcome.sort_by = clicked_header;
    outcome
}

/// One project's row.
fn project_row_ui(
    row: &mut egui_extras::TableRow<'_, '_>,
    project: &Project,
    selected: RowSelection<'_>,
    outcome: &mut TableOutcome,
) {
    let name = project.project_name.as_str();
    row.set_selected(selected.has(name));
    row.col(|ui| {
        let hover = tr!("projects-open-hover");
        let delete = tr!("projects-menu-delete");
        match name_link_ui(ui, name, &hover, &[delete.as_str()]) {
            Some(NameAction::Open) => outcome.opened = Some(name.to_owned()),
            Some(NameAction::Menu(_)) => outcome.delete = Some(name.to_owned()),
            None => {}
        }
    });
    row.col(|ui| {
        ui.label(if project.is_public {
            tr!("projects-public")
        } else {
            tr!("projects-private")
        });
    });
    row.col(|ui| quota_bar_ui(ui, project));
    row.col(|ui| {
        time_ui(ui, project.created_at.as_ref());
    });
    row.col(|ui| {
        time_ui(ui, project.updated_at.as_ref());
    });
    match row_click(&row.response()) {
        RowClick::Open => outcome.opened = Some(name.to_owned()),
        RowClick::Select => outcome.clicked = Some(name.to_owned()),
        RowClick::None => {}
    }
}

/// The header of the projects table: one button per column that sorts the page by it, with an
/// arrow on the column sorted by. Returns the column clicked.
fn sort_header_ui(
    header: &mut egui_extras::TableRow<'_, '_>,
    sort: Option<(SortColumn, bool)>,
) -> Option<SortColumn> {
    let mut clicked = None;
    for column in [
        SortColumn::Name,
        SortColumn::Public,
        SortColumn::Storage,
        SortColumn::Created,
        SortColumn::Updated,
    ] {
        header.col(|ui| {
            let arrow = match sort {
                Some((c, true)) if c == column => " ⏶",
                Some((c, false)) if c == column => " ⏷",
                _ => "",
            };
            let label = RichText::new(format!("{}{arrow}", column.label())).strong();
            if ui
                .add(egui::Button::new(label).frame(false))
                .on_hover_text(tr!("projects-sort-hover"))
                .clicked()
            {
                clicked = Some(column);
            }
        });
    }
    clicked
}

/// The message for a failed project deletion; the server's 403 for a project that still has
/// content is explained.
fn delete_problem(error: &ApiError) -> String {
    let forbidden = matches!(
        error.code(),
        Some(CcrCode::ForbidOperate | CcrCode::PermissionDenied)
    ) && error.http_status() == Some(403);
    let problem = if forbidden && error.code() == Some(&CcrCode::ForbidOperate) {
        match error.server_message() {
            Some(message) => tr!("projects-delete-not-empty-server", message = message),
            None => tr!("projects-delete-not-empty"),
        }
    } else {
        error.describe()
    };
    match error.request_id() {
        Some(request_id) => tr!(
            "projects-delete-request-id",
            problem = problem,
            request_id = request_id
        ),
        None => problem,
    }
}

fn sort_projects(items: &mut [Project], column: SortColumn, ascending: bool) {
    fn time_key(time: Option<&Timestamp>) -> Option<chrono::DateTime<chrono::Utc>> {
        time.and_then(Timestamp::utc)
    }
    items.sort_by(|a, b| {
        let order = match column {
            SortColumn::Name => a.project_name.cmp(&b.project_name),
            SortColumn::Public => a.is_public.cmp(&b.is_public),
            SortColumn::Storage => a.storage_used.cmp(&b.storage_used),
            SortColumn::Created => {
                time_key(a.created_at.as_ref()).cmp(&time_key(b.created_at.as_ref()))
            }
            SortColumn::Updated => {
                time_key(a.updated_at.as_ref()).cmp(&time_key(b.updated_at.as_ref()))
            }
        };
        let order = order.then_with(|| a.project_name.cmp(&b.project_name));
        if ascending { order } else { order.reverse() }
    });
}

/// The units the quota can be given in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum QuotaUnit {
    MiB,
    GiB,
    TiB,
    Unlimited,
}

impl QuotaUnit {
    const ALL: [Self; 4] = [Self::MiB, Self::GiB, Self::TiB, Self::Unlimited];

    /// The unit's name, in the shown language (the binary units are symbols).
    fn label(self) -> String {
        match self {
            Self::MiB => "MiB".to_owned(),
            Self::GiB => "GiB".to_owned(),
            Self::TiB => "TiB".to_owned(),
            Self::Unlimited => tr!("projects-quota-unlimited"),
        }
    }

    fn bytes(self) -> Option<u64> {
        match self {
            Self::MiB => Some(1 << 20),
            Self::GiB => Some(1 << 30),
            Self::TiB => Some(1 << 40),
            Self::Unlimited => None,
        }
    }
}

/// The "New project" dialog.
struct CreateProjectDialog {
    name: String,
    is_public: bool,
    quota_amount: u32,
    quota_unit: QuotaUnit,
    request: Remote<()>,
    focused: bool,
}

impl Default for CreateProjectDialog {
    fn default() -> Self {
        Self {
            name: String::new(),
            is_public: false,
            quota_amount: 10,
            quota_unit: QuotaUnit::GiB,
            request: Remote::default(),
            focused: false,
        }
    }
}

impl CreateProjectDialog {
    fn quota_bytes(&self) -> i64 {
        self.quota_unit.bytes().map_or(-1, |unit| {
            i64::try_from(u64::from(self.quota_amount).saturating_mul(unit)).unwrap_or(i64::MAX)
        })
    }
}

impl FormDialog for CreateProjectDialog {
    type Output = NewProject;

    fn ui(&mut self, ctx: &egui::Context) -> DialogOutcome<NewProject> {
        let mut outcome = DialogOutcome::Open;
        let busy = self.request.is_pending();
        egui::Modal::new(Id::unique("create project")).show(ctx, |ui| {
            ui.set_width(440.0);
            ui.heading(tr!("projects-create-title"));
            ui.add_space(6.0);
            let name_problem = checked_name_field_ui(
                ui,
                &tr!("projects-create-name"),
                &mut self.name,
                &tr!("projects-create-name-hint"),
                &mut self.focused,
                validate::project_name,
                &tr!("projects-create-name-rule"),
            );
            ui.add_space(6.0);
            ui.checkbox(&mut self.is_public, tr!("projects-create-public"));
            ui.add_space(6.0);
            ui.horizontal(|ui| {
                let label = ui.label(tr!("projects-create-quota"));
                ui.add_enabled(
                    self.quota_unit != QuotaUnit::Unlimited,
                    egui::DragValue::new(&mut self.quota_amount).range(1..=1_000_000),
                )
                .labelled_by(label.id);
                egui::ComboBox::from_id_salt("quota unit")
                    .selected_text(self.quota_unit.label())
                    .show_ui(ui, |ui| {
                        for unit in QuotaUnit::ALL {
                            ui.selectable_value(&mut self.quota_unit, unit, unit.label());
                        }
                    });
            });
            if let Some(error) = self.request.error() {
                ui.add_space(6.0);
                error_lines_ui(ui, error);
            }
            ui.add_space(10.0);
            let valid = !self.name.trim().is_empty() && name_problem.is_none();
            let (create, creating) = (tr!("common-create"), tr!("projects-creating"));
            outcome = match dialog_buttons_ui(ui, &create, valid, true, busy, &creating) {
                DialogButton::None => DialogOutcome::Open,
                DialogButton::Cancel => DialogOutcome::Cancelled,
                DialogButton::Submit => DialogOutcome::Submit(NewProject {
                    name: self.name.trim().to_owned(),
                    is_public: self.is_public,
                    quota: self.quota_bytes(),
                }),
            };
        });
        outcome
    }

    fn request(&mut self) -> &mut Remote<()> {
        &mut self.request
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn project(name: &str, used: i64) -> Project {
        Project {
            project_name: name.to_owned(),
            storage_used: Some(used),
            ..Project::default()
        }
    }

    #[test]
    fn sorting_orders_the_page_both_ways_with_the_name_as_tie_breaker() {
        let mut items = vec![project("b", 5), project("a", 5), project("c", 1)];
        sort_projects(&mut items, SortColumn::Storage, true);
        let names: Vec<_> = items.iter().map(|p| p.project_name.as_str()).collect();
        assert_eq!(names, ["c", "a", "b"]);
        sort_projects(&mut items, SortColumn::Name, false);
        let names: Vec<_> = items.iter().map(|p| p.project_name.as_str()).collect();
        assert_eq!(names, ["c", "b", "a"]);
    }

    #[test]
    fn quota_units_convert_to_bytes_and_unlimited_is_minus_one() {
        let mut dialog = CreateProjectDialog {
            quota_amount: 3,
            quota_unit: QuotaUnit::GiB,
            ..CreateProjectDialog::default()
        };
        assert_eq!(dialog.quota_bytes(), 3 * (1 << 30));
        dialog.quota_unit = QuotaUnit::Unlimited;
        assert_eq!(dialog.quota_bytes(), -1);
    }
}
