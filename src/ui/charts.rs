//! Helm charts: the charts of every project (or of one project), delete, and download to disk.
//!
//! The server lists charts across all projects only, page by page. A project's Charts tab asks
//! for the same pages and keeps the project's charts of each, saying so above the table, so the
//! pager still walks the server's pages.
//!
//! A download asks where to save through the native dialog (a task, so the UI keeps running),
//! falls back to a typed path when no dialog answers, streams the archive with progress and
//! cancel, and then shows what the saved archive holds.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use egui::{Id, RichText, Ui};
use egui_extras::{Column, TableBuilder};
use poll_promise::Promise;
use tokio_util::sync::{CancellationToken, DropGuard};

use super::commands::Command;
use super::paged_list::{KeyAction, ListAction, ListTexts, PagedList, list_area_ui};
use super::projects::{ViewContext, error_lines_ui};
use super::widgets::{
    Confirmation, DeleteConfirmation, copyable_ui, detail_header_ui, escape_pressed,
    field_problem_ui, format_bytes, format_time, text_field,
};
use super::{ProjectTab, Screen};
use crate::api::models::Chart;
use crate::api::{ApiError, DownloadSummary, Page, Progress, validate};
use crate::chart_archive::{self, ChartSummary, VALUES_MAX_BYTES};
use crate::tasks::Remote;

/// The words of the charts list.
const TEXTS: ListTexts<'static> = ListTexts {
    nouns: ("chart", "charts"),
    new_button: None,
    empty: "There are no Helm charts yet. Push one with “helm push”, and it shows here",
    load_error: "Could not list the Helm charts",
};

/// How often a running transfer redraws its speed and time left when no bytes arrive.
const TRANSFER_REPAINT: Duration = Duration::from_millis(100);
/// How long checking a typed path may take (a hung network folder) before giving up.
const PATH_CHECK_LIMIT: Duration = Duration::from_secs(10);
/// How long reading a saved archive may take before giving up.
const INSPECT_LIMIT: Duration = Duration::from_mins(1);

/// A chart, named by its project and its name.
#[derive(Debug, Clone, PartialEq, Eq)]
struct ChartRef {
    project: String,
    name: String,
}

impl ChartRef {
    /// `project/name`, how the list keys and shows a chart.
    fn key(&self) -> String {
        format!("{}/{}", self.project, self.name)
    }
}

/// One row of the list: the chart and its key `project/name`.
struct ChartRow {
    key: String,
    chart: Chart,
}

impl ChartRow {
    fn new(chart: Chart) -> Self {
        Self {
            key: format!("{}/{}", chart.project_name, chart.name),
            chart,
        }
    }

    fn chart_ref(&self) -> ChartRef {
        ChartRef {
            project: self.chart.project_name.clone(),
            name: self.chart.name.clone(),
        }
    }
}

/// What the page shown holds, for the line that explains a project's filtered page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct PageInfo {
    /// The page number asked for.
    page: u32,
    /// How many pages the server's total fills.
    pages: u32,
    /// How many charts (of all projects) the server's page listed.
    listed: usize,
    /// How many of them are shown (the project's, or all).
    shown: usize,
}

/// The charts screen (all projects) or a project's Charts tab.
pub struct ChartsView {
    project: Option<String>,
    items: PagedList<ChartRow>,
    /// The page the last list request asked for (page, page size).
    requested: (u32, u32),
    page_info: Option<PageInfo>,
    delete: Option<(ChartRef, DeleteConfirmation)>,
    download: Option<DownloadDialog>,
}

impl ChartsView {
    /// The view of every project's charts (`None`) or of one project's.
    pub fn new(project: Option<String>) -> Self {
        Self {
            project,
            items: PagedList::default(),
            requested: (1, 0),
            page_info: None,
            delete: None,
            download: None,
        }
    }

    /// The project whose charts are shown, or `None` for every project.
    pub fn project(&self) -> Option<&str> {
        self.project.as_deref()
    }

    /// Asks the server for the current page again.
    pub fn reload(&mut self, cx: &ViewContext<'_>) {
        let request = self.items.page_request();
        self.requested = (self.items.pager.page, self.items.pager.page_size);
        let client = Arc::clone(cx.client);
        let label = match &self.project {
            Some(project) => format!("List charts (for {project})"),
            None => "List charts".to_owned(),
        };
        self.items.list.request(cx.tasks.api(label, async move {
            client.list_charts(&request).await.map(|reply| {
                reply.map(|page| Page {
                    total: page.total,
                    items: page.items.into_iter().map(ChartRow::new).collect(),
                })
            })
        }));
    }

    /// The user left the screen: answers still on their way are dropped (a running download
    /// goes on).
    pub fn leave(&mut self) {
        self.items.list.abandon();
    }

    /// The charts screen.
    pub fn ui(&mut self, ui: &mut Ui, cx: &mut ViewContext<'_>) {
        if self.items.poll(cx) && self.items.list.error().is_none() {
            self.after_load();
        }
        if !self.items.list.is_requested() {
            self.reload(cx);
        }

        // Keys first, while the focus is still last frame's: Enter in the filter opens nothing.
        let mut actions = Vec::new();
        let mut open_download = None;
        match self.items.keyboard(ui, |row| row.key.as_str()) {
            Some(KeyAction::Open(key)) => open_download = Some(key),
            Some(KeyAction::Delete(key)) => actions.push(ListAction::Delete(key)),
            Some(KeyAction::Selected(_)) | None => {}
        }
        actions.push(self.items.toolbar_ui(ui, None, &TEXTS));
        actions.push(self.items.error_ui(ui, &TEXTS));
        let mut area = list_area_ui(ui);
        if self.selected_row().is_some() {
            let detail = egui::Panel::right(("chart detail", self.project.as_deref()))
                .default_size(320.0)
                .size_range(240.0..=520.0)
                .show(&mut area, |ui| self.detail_ui(ui))
                .inner;
            match detail {
                DetailAction::None => {}
                DetailAction::Close => self.items.selected = None,
                DetailAction::Download(key) => open_download = Some(key),
                DetailAction::Delete(key) => actions.push(ListAction::Delete(key)),
            }
        }
        let outcome = self.list_ui(&mut area, &mut actions);
        actions.push(self.items.pager_ui(ui, &TEXTS));

        for action in actions {
            match action {
                ListAction::None | ListAction::New => {}
                ListAction::Reload => self.reload(cx),
                ListAction::Delete(key) => self.ask_delete(&key),
            }
        }
        if let Some(outcome) = outcome {
            if let Some(key) = outcome.clicked {
                self.items.selected = Some(key);
            }
            if let Some(key) = outcome.download {
                self.items.selected = Some(key.clone());
                open_download = Some(key);
            }
            if let Some(key) = outcome.delete {
                self.items.selected = Some(key.clone());
                self.ask_delete(&key);
            }
            if let Some(project) = outcome.open_project {
                cx.commands.push(Command::Navigate(Screen::Project {
                    name: project,
                    tab: ProjectTab::Charts,
                }));
            }
        }
        if let Some(key) = open_download {
            self.open_download(&key, cx);
        }
        self.delete_dialog_ui(ui, cx);
        if let Some(dialog) = &mut self.download
            && !dialog.ui(ui.ctx(), cx)
        {
            self.download = None;
        }
    }

    /// A new page arrived: a project's tab keeps the project's charts, and a selection that is
    /// no longer listed is dropped.
    fn after_load(&mut self) {
        let Some(page) = self.items.list.value_mut() else {
            return;
        };
        let listed = page.items.len();
        if let Some(project) = &self.project {
            page.items.retain(|row| row.chart.project_name == *project);
        }
        let (page_number, page_size) = self.requested;
        let pages = page.total.div_ceil(u64::from(page_size.max(1))).max(1);
        self.page_info = Some(PageInfo {
            page: page_number,
            pages: u32::try_from(pages).unwrap_or(u32::MAX),
            listed,
            shown: page.items.len(),
        });
        if let Some(selected) = &self.items.selected
            && !page.items.iter().any(|row| &row.key == selected)
        {
            self.items.selected = None;
        }
    }

    fn selected_row(&self) -> Option<&ChartRow> {
        let selected = self.items.selected.as_deref()?;
        self.find(selected)
    }

    fn find(&self, key: &str) -> Option<&ChartRow> {
        self.items
            .list
            .value()?
            .items
            .iter()
            .find(|row| row.key == key)
    }

    /// The table, or what stands in its place: in a project's tab, the line that explains the
    /// filtered page above it, or a notice when the page holds none of the project's charts.
    fn list_ui(&mut self, ui: &mut Ui, actions: &mut Vec<ListAction>) -> Option<TableOutcome> {
        if let (Some(project), Some(info)) = (&self.project, self.page_info)
            && self.items.list.value().is_some()
            && info.listed > 0
        {
            if info.shown == 0 {
                let notice = project_page_notice(info, project, self.items.filter.applied());
                let mut next = false;
                egui::Frame::group(ui.style()).show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    ui.label(notice);
                    if info.page < info.pages {
                        next = ui.button("Next page ▶").clicked();
                    }
                });
                if next {
                    self.items.pager.page = info.page + 1;
                    actions.push(ListAction::Reload);
                }
                return None;
            }
            ui.label(project_page_line(info, project)).on_hover_text(
                "The server lists the charts of every project together, page by page; \
                 this tab shows the ones of this project on each page",
            );
            ui.add_space(2.0);
        }
        let show_project = self.project.is_none();
        let salt = self.project.clone();
        self.items
            .contents_ui(ui, &TEXTS, |ui, items, selected, scroll_to| {
                charts_table_ui(
                    ui,
                    salt.as_deref(),
                    items,
                    selected,
                    scroll_to,
                    show_project,
                )
            })
    }

    fn detail_ui(&self, ui: &mut Ui) -> DetailAction {
        let mut action = DetailAction::None;
        let Some(row) = self.selected_row() else {
            return action;
        };
        let chart = &row.chart;
        if detail_header_ui(ui, "Chart", |_| {}) {
            action = DetailAction::Close;
        }
        copyable_ui(
            ui,
            RichText::new(&row.key).monospace().strong(),
            &row.key,
            "Copy the chart's full name",
        );
        ui.add_space(6.0);
        egui::Grid::new(("chart detail grid", &row.key))
            .num_columns(2)
            .spacing([12.0, 6.0])
            .show(ui, |ui| {
                ui.label(RichText::new("Project").weak());
                ui.label(&chart.project_name);
                ui.end_row();
                ui.label(RichText::new("Latest version").weak());
                ui.label(chart.latest_version.as_deref().unwrap_or("—"));
                ui.end_row();
                ui.label(RichText::new("Versions").weak());
                ui.label(versions_text(chart.total_versions));
                ui.end_row();
                ui.label(RichText::new("Created").weak());
                ui.label(format_time(chart.created.as_ref()));
                ui.end_row();
                ui.label(RichText::new("Updated").weak());
                ui.label(format_time(chart.updated.as_ref()));
                ui.end_row();
            });
        ui.add_space(10.0);
        ui.horizontal(|ui| {
            if ui
                .button("Download…")
                .on_hover_text("Save a version of the chart as a .tgz archive (Enter)")
                .clicked()
            {
                action = DetailAction::Download(row.key.clone());
            }
            if ui
                .button("Delete…")
                .on_hover_text("Delete the chart with every version (Delete)")
                .clicked()
            {
                action = DetailAction::Delete(row.key.clone());
            }
        });
        action
    }

    fn ask_delete(&mut self, key: &str) {
        if let Some(row) = self.find(key) {
            self.delete = Some((row.chart_ref(), DeleteConfirmation::new(key, false)));
        }
    }

    fn open_download(&mut self, key: &str, cx: &ViewContext<'_>) {
        if self.download.is_some() {
            return;
        }
        if let Some(row) = self.find(key) {
            self.download = Some(DownloadDialog::new(
                row.chart_ref(),
                row.chart.latest_version.clone(),
                cx.download_folder,
            ));
        }
    }

    fn delete_dialog_ui(&mut self, ui: &Ui, cx: &mut ViewContext<'_>) {
        let Some((chart, confirmation)) = &mut self.delete else {
            return;
        };
        if confirmation.poll_deleted(cx) {
            self.delete = None;
            self.items.selected = None;
            self.reload(cx);
            return;
        }
        let problem = confirmation.problem();
        let versions = self
            .items
            .list
            .value()
            .and_then(|page| page.items.iter().find(|row| row.key == confirmation.name))
            .and_then(|row| row.chart.total_versions);
        let consequence = match versions {
            Some(n) if n > 1 => format!("Every version of the chart goes with it (all {n})."),
            _ => "Every version of the chart goes with it.".to_owned(),
        };
        match confirmation.ui(ui.ctx(), "Delete chart", &consequence, problem.as_deref()) {
            Confirmation::Open => {}
            Confirmation::Cancelled => self.delete = None,
            Confirmation::Confirmed => {
                let client = Arc::clone(cx.client);
                let ChartRef { project, name } = chart.clone();
                confirmation.request.request(
                    cx.tasks
                        .api(format!("Delete chart {project}/{name}"), async move {
                            client.delete_chart(&project, &name).await
                        }),
                );
            }
        }
    }
}

/// What the user asked for in the detail pane.
enum DetailAction {
    None,
    Close,
    Download(String),
    Delete(String),
}

/// The line above a project's table: what the server's page holds and what is shown of it.
fn project_page_line(info: PageInfo, project: &str) -> String {
    let of_them = if info.shown == info.listed {
        if info.listed == 1 {
            format!("it is in {project}")
        } else {
            format!("all of them are in {project}")
        }
    } else if info.shown == 1 {
        format!("1 of them is in {project}")
    } else {
        format!("{} of them are in {project}", info.shown)
    };
    format!(
        "Page {} of {} lists {} of all projects; {of_them}",
        info.page,
        info.pages,
        count(info.listed, "chart", "charts")
    )
}

/// The notice for a server page that holds none of the project's charts.
fn project_page_notice(info: PageInfo, project: &str, filter: &str) -> String {
    let page = format!("page {} of {}", info.page, info.pages);
    let mut text = if info.listed == 1 {
        format!("The only chart on {page} of all projects' charts is not in {project}")
    } else {
        format!(
            "None of the {} charts on {page} of all projects' charts is in {project}",
            info.listed
        )
    };
    if info.page < info.pages {
        text.push_str(
            ". Go to the next page, or type part of the chart's name in the filter to find it sooner",
        );
    } else if info.pages > 1 {
        text.push_str(
            ". Look on the earlier pages, or type part of the chart's name in the filter",
        );
    } else if filter.is_empty() {
        let _ = write!(text, ". {project} has no Helm charts");
    } else {
        let _ = write!(
            text,
            ". No chart of {project} has a name that contains “{filter}”"
        );
    }
    text
}

/// "1 chart", "3 charts".
fn count(n: usize, singular: &str, plural: &str) -> String {
    if n == 1 {
        format!("1 {singular}")
    } else {
        format!("{n} {plural}")
    }
}

fn versions_text(total: Option<i64>) -> String {
    total.map_or_else(|| "—".to_owned(), |n| n.to_string())
}

/// What the user did in the charts table this frame (each a chart's key).
#[derive(Debug, Default)]
struct TableOutcome {
    /// A row was clicked: select it.
    clicked: Option<String>,
    /// A row was double-clicked, or Download… chosen in its menu.
    download: Option<String>,
    /// Delete… was chosen in a row's menu.
    delete: Option<String>,
    /// A project's name was clicked: open its Charts tab.
    open_project: Option<String>,
}

/// The charts table; the project column only when every project's charts are listed.
fn charts_table_ui(
    ui: &mut Ui,
    salt: Option<&str>,
    items: &[ChartRow],
    selected: Option<&str>,
    scroll_to: Option<usize>,
    show_project: bool,
) -> TableOutcome {
    let mut outcome = TableOutcome::default();
    let row_height = ui.spacing().interact_size.y + 4.0;
    // Selectable text would take the clicks that select a row.
    ui.style_mut().interaction.selectable_labels = false;
    let mut table = TableBuilder::new(ui);
    if let Some(row) = scroll_to {
        table = table.scroll_to_row(row, None);
    }
    table = table
        .id_salt(("charts table", salt))
        .striped(true)
        .resizable(true)
        .sense(egui::Sense::click())
        .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
        .column(Column::initial(200.0).at_least(120.0).clip(true));
    if show_project {
        table = table.column(Column::initial(130.0).at_least(80.0).clip(true));
    }
    let mut titles = vec!["Name"];
    if show_project {
        titles.push("Project");
    }
    titles.extend(["Latest version", "Versions", "Created", "Updated"]);
    table
        .column(Column::initial(120.0).at_least(80.0).clip(true))
        .column(Column::initial(70.0).at_least(60.0))
        .column(Column::initial(130.0).at_least(100.0))
        .column(Column::remainder().at_least(100.0))
        .header(24.0, |mut header| {
            for title in titles {
                header.col(|ui| {
                    ui.strong(title);
                });
            }
        })
        .body(|body| {
            body.rows(row_height, items.len(), |mut row| {
                let Some(item) = items.get(row.index()) else {
                    return;
                };
                let chart = &item.chart;
                let key = item.key.as_str();
                let is_selected = selected == Some(key);
                row.set_selected(is_selected);
                row.col(|ui| {
                    ui.label(RichText::new(&chart.name).strong());
                });
                if show_project {
                    row.col(|ui| {
                        let link = ui
                            .link(&chart.project_name)
                            .on_hover_text(format!("Show the charts of {}", chart.project_name));
                        if link.clicked() {
                            outcome.open_project = Some(chart.project_name.clone());
                        }
                    });
                }
                row.col(|ui| {
                    ui.label(chart.latest_version.as_deref().unwrap_or("—"));
                });
                row.col(|ui| {
                    ui.label(versions_text(chart.total_versions));
                });
                row.col(|ui| {
                    ui.label(format_time(chart.created.as_ref()));
                });
                row.col(|ui| {
                    ui.label(format_time(chart.updated.as_ref()));
                });
                let response = row.response();
                if response.double_clicked() {
                    outcome.download = Some(key.to_owned());
                } else if response.clicked() {
                    outcome.clicked = Some(key.to_owned());
                }
                response.context_menu(|ui| {
                    if ui.button("Download…").clicked() {
                        outcome.download = Some(key.to_owned());
                        ui.close();
                    }
                    if ui.button("Delete chart…").clicked() {
                        outcome.delete = Some(key.to_owned());
                        ui.close();
                    }
                });
            });
        });
    outcome
}

// ---- the download dialog -------------------------------------------------------------------

/// The download dialog: a version, where to save it, the transfer, and what was saved.
struct DownloadDialog {
    chart: ChartRef,
    latest: Option<String>,
    version: String,
    folder: PathBuf,
    /// The in-app path field, shown once the save dialog answered without a file.
    typed_path: Option<TypedPath>,
    stage: Stage,
    /// How the last attempt ended, when it did not save anything.
    last: Option<Attempt>,
    focused: bool,
}

/// The in-app path field and whether the user changed it (if not, it follows the version).
struct TypedPath {
    text: String,
    edited: bool,
}

enum Stage {
    /// Choosing the version and where to save.
    Edit,
    /// The save dialog is open.
    Choosing(Promise<Option<PathBuf>>),
    /// Checking a typed path (does a file exist there?).
    Checking {
        path: PathBuf,
        check: Promise<Result<PathCheck, String>>,
    },
    /// The typed path names an existing file: replace it?
    ConfirmReplace(PathBuf),
    /// The archive is on its way.
    Transfer(Transfer),
    /// Saved.
    Done(Box<Saved>),
}

/// How an attempt ended without a saved file.
enum Attempt {
    Failed(ApiError),
    Cancelled,
    Problem(String),
}

/// What is at a typed path.
#[derive(Debug, Clone, PartialEq, Eq)]
enum PathCheck {
    Free,
    Exists,
    IsFolder,
    NoFolder(PathBuf),
}

/// A running transfer.
struct Transfer {
    path: PathBuf,
    version: String,
    progress: Arc<Mutex<Option<(Progress, Instant)>>>,
    result: Promise<Result<DownloadSummary, ApiError>>,
    cancel: CancellationToken,
    /// Cancels the transfer if the dialog goes away (its view was replaced).
    _cancel_on_drop: DropGuard,
    cancelling: bool,
}

/// A saved archive and what it holds.
struct Saved {
    path: PathBuf,
    version: String,
    bytes: u64,
    summary: Remote<ChartSummary, String>,
}

impl DownloadDialog {
    fn new(chart: ChartRef, latest: Option<String>, folder: &Path) -> Self {
        Self {
            chart,
            version: latest.clone().unwrap_or_default(),
            latest,
            folder: folder.to_path_buf(),
            typed_path: None,
            stage: Stage::Edit,
            last: None,
            focused: false,
        }
    }

    /// `{name}-{version}.tgz`, with nothing in it that could leave the folder.
    fn file_name(&self) -> String {
        format!("{}-{}.tgz", self.chart.name, self.version.trim()).replace(['/', '\\'], "_")
    }

    fn version_problem(&self) -> Option<String> {
        validate::chart_version(self.version.trim())
            .err()
            .map(|e| e.to_string())
    }

    /// Takes the answers that arrived: the chosen file, the path check, the transfer's end,
    /// the saved archive's summary.
    fn poll(&mut self, ctx: &egui::Context, cx: &mut ViewContext<'_>) {
        let stage = std::mem::replace(&mut self.stage, Stage::Edit);
        self.stage = match stage {
            Stage::Choosing(promise) => match promise.try_take() {
                Ok(Some(path)) => self.start(path, ctx, cx),
                Ok(None) => {
                    self.show_typed_path();
                    Stage::Edit
                }
                Err(promise) => Stage::Choosing(promise),
            },
            Stage::Checking { path, check } => match check.try_take() {
                Ok(Ok(PathCheck::Free)) => self.start(path, ctx, cx),
                Ok(Ok(PathCheck::Exists)) => Stage::ConfirmReplace(path),
                Ok(Ok(PathCheck::IsFolder)) => {
                    self.last = Some(Attempt::Problem(format!(
                        "{} is a folder. Add the file's name to the path",
                        path.display()
                    )));
                    Stage::Edit
                }
                Ok(Ok(PathCheck::NoFolder(folder))) => {
                    self.last = Some(Attempt::Problem(format!(
                        "The folder {} does not exist. Choose a folder that does",
                        folder.display()
                    )));
                    Stage::Edit
                }
                Ok(Err(problem)) => {
                    self.last = Some(Attempt::Problem(problem));
                    Stage::Edit
                }
                Err(check) => Stage::Checking { path, check },
            },
            Stage::Transfer(mut transfer) => match transfer.result.try_take() {
                Ok(Ok(summary)) => {
                    if let Some(folder) = transfer.path.parent()
                        && !folder.as_os_str().is_empty()
                    {
                        cx.commands
                            .push(Command::RememberDownloadFolder(folder.to_path_buf()));
                    }
                    Stage::Done(Box::new(Saved::new(
                        transfer.path,
                        transfer.version,
                        &summary,
                        cx,
                    )))
                }
                Ok(Err(error)) => {
                    if error.is_cancelled() {
                        self.last = Some(Attempt::Cancelled);
                    } else {
                        cx.report(Some(&error));
                        self.last = Some(Attempt::Failed(error));
                    }
                    Stage::Edit
                }
                Err(result) => {
                    transfer.result = result;
                    Stage::Transfer(transfer)
                }
            },
            Stage::Done(mut saved) => {
                saved.summary.poll();
                Stage::Done(saved)
            }
            stage @ (Stage::Edit | Stage::ConfirmReplace(_)) => stage,
        };
    }

    fn show_typed_path(&mut self) {
        if self.typed_path.is_none() {
            self.typed_path = Some(TypedPath {
                text: self.folder.join(self.file_name()).display().to_string(),
                edited: false,
            });
        }
    }

    /// Opens the save dialog, without waiting for it.
    fn choose(&mut self, cx: &ViewContext<'_>) {
        self.last = None;
        let chosen =
            cx.file_chooser
                .save_file("Save chart archive", &self.folder, &self.file_name());
        self.stage = Stage::Choosing(cx.tasks.spawn(chosen));
    }

    /// Checks the typed path before saving there.
    fn check_typed(&mut self, path: PathBuf, cx: &ViewContext<'_>) {
        self.last = None;
        let target = path.clone();
        let check = cx.tasks.spawn_blocking(
            PATH_CHECK_LIMIT,
            || Err("Checking the path took too long. Is the folder on a network drive that does not answer?".to_owned()),
            move || check_path(&target),
        );
        self.stage = Stage::Checking { path, check };
    }

    /// Starts the transfer to `path`.
    fn start(&mut self, path: PathBuf, ctx: &egui::Context, cx: &ViewContext<'_>) -> Stage {
        self.last = None;
        let version = self.version.trim().to_owned();
        let ChartRef { project, name } = self.chart.clone();
        let progress = Arc::new(Mutex::new(None));
        let cancel = CancellationToken::new();
        let client = Arc::clone(cx.client);
        let activity = cx
            .tasks
            .activity(format!("Download {project}/{name} {version}"));
        let (shared, token, target, repaint) = (
            Arc::clone(&progress),
            cancel.clone(),
            path.clone(),
            ctx.clone(),
        );
        let asked_version = version.clone();
        let result = cx.tasks.spawn(async move {
            let on_progress = move |now: Progress| {
                let mut shared = shared.lock().unwrap_or_else(PoisonError::into_inner);
                let started = shared.map_or_else(Instant::now, |(_, started)| started);
                *shared = Some((now, started));
                drop(shared);
                repaint.request_repaint();
            };
            let result = client
                .download_chart_to_file(
                    &project,
                    &name,
                    &asked_version,
                    &target,
                    on_progress,
                    &token,
                )
                .await;
            drop(activity);
            result
        });
        Stage::Transfer(Transfer {
            path,
            version,
            progress,
            result,
            _cancel_on_drop: cancel.clone().drop_guard(),
            cancel,
            cancelling: false,
        })
    }

    /// The dialog; false once it is closed.
    fn ui(&mut self, ctx: &egui::Context, cx: &mut ViewContext<'_>) -> bool {
        self.poll(ctx, cx);
        let mut open = true;
        let mut next = None;
        egui::Modal::new(Id::unique(("download chart", self.chart.key()))).show(ctx, |ui| {
            ui.set_width(540.0);
            match &mut self.stage {
                Stage::Transfer(transfer) => {
                    ui.heading("Downloading chart");
                    transfer_ui(ui, &self.chart, transfer);
                }
                Stage::Done(saved) => {
                    ui.heading("Chart saved");
                    if saved_ui(ui, &self.chart, saved) {
                        open = false;
                    }
                }
                Stage::ConfirmReplace(path) => {
                    ui.heading("Replace the file?");
                    match replace_ui(ui, path) {
                        Some(true) => next = Some(NextStep::Start(path.clone())),
                        Some(false) => next = Some(NextStep::Edit),
                        None => {}
                    }
                }
                Stage::Edit | Stage::Choosing(_) | Stage::Checking { .. } => {
                    ui.heading("Download chart");
                    match self.edit_ui(ui) {
                        EditAction::None => {}
                        EditAction::Close => open = false,
                        EditAction::Choose => next = Some(NextStep::Choose),
                        EditAction::Save(path) => next = Some(NextStep::Check(path)),
                    }
                }
            }
        });
        match next {
            None => {}
            Some(NextStep::Choose) => self.choose(cx),
            Some(NextStep::Check(path)) => self.check_typed(path, cx),
            Some(NextStep::Start(path)) => self.stage = self.start(path, ctx, cx),
            Some(NextStep::Edit) => self.stage = Stage::Edit,
        }
        open
    }

    /// The version, where to save, and how the last attempt ended.
    fn edit_ui(&mut self, ui: &mut Ui) -> EditAction {
        let mut action = EditAction::None;
        let busy = !matches!(self.stage, Stage::Edit);
        ui.label(RichText::new(self.chart.key()).monospace().strong());
        ui.add_space(8.0);
        // Fixed while a save dialog or a path check is open: the file name was built from it.
        let field = ui
            .add_enabled_ui(!busy, |ui| {
                text_field(ui, "Version", &mut self.version, "1.0.0")
            })
            .inner;
        // The Enter that opened the dialog (from the list) must not also press its button.
        let first_frame = !self.focused;
        if !self.focused {
            field.request_focus();
            self.focused = true;
        }
        let version_problem = self.version_problem();
        if self.version.trim().is_empty() {
            field_problem_ui(ui, None);
        } else {
            field_problem_ui(ui, version_problem.as_deref());
        }
        let note = match &self.latest {
            Some(latest) => format!(
                "The server lists only the latest version, {latest}. Type any other version the chart has"
            ),
            None => {
                "The server did not say which version is the latest. Type the version to download"
                    .to_owned()
            }
        };
        ui.label(RichText::new(note).weak());
        let file_name = self.file_name();
        let version_ok = version_problem.is_none();

        let typed_problem = self.typed_path_ui(ui, &file_name);
        if let Some(last) = &self.last {
            ui.add_space(8.0);
            attempt_ui(ui, last);
        }

        ui.add_space(10.0);
        ui.horizontal(|ui| {
            let can_choose = version_ok && !busy;
            let enter_pressed = !first_frame && ui.input(|i| i.key_pressed(egui::Key::Enter));
            let typed_ready = self.typed_path.is_some() && typed_problem.is_none();
            if self.typed_path.is_some() {
                let download = ui
                    .add_enabled(can_choose && typed_ready, egui::Button::new("Download"))
                    .on_hover_text("Save to the path typed above");
                let enter = can_choose && typed_ready && enter_pressed;
                if (download.clicked() || enter)
                    && let Some(typed) = &self.typed_path
                {
                    action = EditAction::Save(PathBuf::from(typed.text.trim()));
                }
            }
            let save_as = ui
                .add_enabled(can_choose, egui::Button::new("Save as…"))
                .on_hover_text(format!("Choose where to save {file_name}"));
            let enter = can_choose && self.typed_path.is_none() && enter_pressed;
            if save_as.clicked() || enter {
                action = EditAction::Choose;
            }
            if ui.button("Cancel").clicked() {
                action = EditAction::Close;
            }
            match self.stage {
                Stage::Choosing(_) => {
                    ui.spinner();
                    ui.label("Waiting for the save dialog…");
                }
                Stage::Checking { .. } => {
                    ui.spinner();
                    ui.label("Checking the path…");
                }
                _ => {}
            }
        });
        if matches!(action, EditAction::None) && escape_pressed(ui.ctx()) {
            action = EditAction::Close;
        }
        action
    }

    /// The in-app path field, once the save dialog answered without a file; returns what is
    /// wrong with the typed path.
    fn typed_path_ui(&mut self, ui: &mut Ui, file_name: &str) -> Option<String> {
        let typed = self.typed_path.as_mut()?;
        if !typed.edited {
            typed.text = self.folder.join(file_name).display().to_string();
        }
        ui.add_space(10.0);
        ui.label(
            "No file was chosen: the save dialog was cancelled or is not available on this \
             desktop. Type the path to save to, or try “Save as…” again",
        );
        ui.add_space(4.0);
        let field = text_field(
            ui,
            "Save to",
            &mut typed.text,
            "/home/me/Downloads/chart.tgz",
        );
        if field.changed() {
            typed.edited = true;
        }
        let problem = typed_path_problem(&typed.text);
        field_problem_ui(ui, problem.as_deref());
        problem
    }
}

/// How the last attempt ended: the server's error, a cancel, or a problem with the path.
fn attempt_ui(ui: &mut Ui, last: &Attempt) {
    match last {
        Attempt::Failed(error) => {
            ui.label(RichText::new("The download failed").strong());
            error_lines_ui(ui, error);
            ui.label(RichText::new("Nothing was written").weak());
        }
        Attempt::Cancelled => {
            ui.label("The download was cancelled; nothing was written");
        }
        Attempt::Problem(problem) => {
            ui.label(RichText::new(problem).color(ui.visuals().error_fg_color));
        }
    }
}

enum EditAction {
    None,
    Close,
    Choose,
    Save(PathBuf),
}

enum NextStep {
    Choose,
    Check(PathBuf),
    Start(PathBuf),
    Edit,
}

/// What is wrong with a typed path, before anything is asked of the disk.
fn typed_path_problem(text: &str) -> Option<String> {
    let text = text.trim();
    if text.is_empty() {
        return Some("Type where to save the archive".to_owned());
    }
    let path = Path::new(text);
    if !path.is_absolute() {
        return Some("Type the full path, from the root folder (/…) or a drive (C:\\…)".to_owned());
    }
    if path.file_name().is_none() || text.ends_with(['/', '\\']) {
        return Some("The path ends in a folder. Add the file's name".to_owned());
    }
    None
}

/// What is at `path`: nothing (free), a file, a folder, or no folder to put it in.
fn check_path(path: &Path) -> Result<PathCheck, String> {
    let plain = |e: std::io::Error| format!("Could not check {}: {e}", path.display());
    if let Some(parent) = path.parent()
        && !parent.as_os_str().is_empty()
        && !parent.try_exists().map_err(plain)?
    {
        return Ok(PathCheck::NoFolder(parent.to_path_buf()));
    }
    match std::fs::metadata(path) {
        Ok(meta) if meta.is_dir() => Ok(PathCheck::IsFolder),
        Ok(_) => Ok(PathCheck::Exists),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(PathCheck::Free),
        Err(e) => Err(plain(e)),
    }
}

/// "Replace?" for a typed path that names an existing file: `Some(true)` to replace,
/// `Some(false)` to go back.
fn replace_ui(ui: &mut Ui, path: &Path) -> Option<bool> {
    let mut answer = None;
    ui.add_space(4.0);
    ui.label(format!("{} already exists.", path.display()));
    ui.label(
        "Replace it with the downloaded archive? The old file stays until the download is complete",
    );
    ui.add_space(10.0);
    ui.horizontal(|ui| {
        if ui
            .add(
                egui::Button::new(RichText::new("Replace").color(egui::Color32::WHITE))
                    .fill(ui.visuals().error_fg_color),
            )
            .clicked()
        {
            answer = Some(true);
        }
        if ui.button("Keep it").clicked() {
            answer = Some(false);
        }
    });
    if answer.is_none() && escape_pressed(ui.ctx()) {
        answer = Some(false);
    }
    answer
}

/// The running transfer: a progress bar, speed and time left, and Cancel.
fn transfer_ui(ui: &mut Ui, chart: &ChartRef, transfer: &mut Transfer) {
    ui.label(
        RichText::new(format!("{} {}", chart.key(), transfer.version))
            .monospace()
            .strong(),
    );
    ui.label(RichText::new(format!("To {}", transfer.path.display())).weak());
    ui.add_space(8.0);
    let now = *transfer
        .progress
        .lock()
        .unwrap_or_else(PoisonError::into_inner);
    match now {
        None => {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label("Asking the server for the archive…");
            });
        }
        Some((progress, started)) => {
            let done = progress.bytes_done;
            let (fraction, text) = match progress.bytes_total {
                Some(total) if total > 0 => {
                    let fraction = (done as f64 / total as f64).clamp(0.0, 1.0);
                    (
                        Some(fraction as f32),
                        format!(
                            "{} of {} ({:.0} %)",
                            format_bytes(done),
                            format_bytes(total),
                            fraction * 100.0
                        ),
                    )
                }
                _ => (None, format_bytes(done)),
            };
            let bar = egui::ProgressBar::new(fraction.unwrap_or(0.0))
                .text(text)
                .animate(fraction.is_none())
                .desired_width(ui.available_width());
            ui.add(bar);
            // Bytes per second over the whole transfer, once there is something to measure.
            let elapsed_ms = started.elapsed().as_millis();
            let speed = if elapsed_ms >= 200 {
                u64::try_from(u128::from(done) * 1000 / elapsed_ms).unwrap_or(u64::MAX)
            } else {
                0
            };
            let mut line = if speed > 0 {
                format!("{}/s", format_bytes(speed))
            } else {
                "Measuring the speed…".to_owned()
            };
            if let Some(total) = progress.bytes_total
                && speed > 0
            {
                let left_secs = total.saturating_sub(done) as f64 / speed as f64;
                let _ = write!(line, " · {}", time_left_text(left_secs));
            }
            ui.label(RichText::new(line).weak());
        }
    }
    ui.add_space(10.0);
    ui.horizontal(|ui| {
        if transfer.cancelling {
            ui.add_enabled(false, egui::Button::new("Cancel"));
            ui.spinner();
            ui.label("Cancelling…");
        } else if ui
            .button("Cancel")
            .on_hover_text("Stop the download; nothing is written")
            .clicked()
        {
            transfer.cancelling = true;
            transfer.cancel.cancel();
        }
    });
    // Speed and time left move on even while no bytes arrive.
    ui.ctx().request_repaint_after(TRANSFER_REPAINT);
}

/// "about 5 s left", "about 3 min left".
fn time_left_text(secs: f64) -> String {
    if secs < 1.0 {
        "less than a second left".to_owned()
    } else if secs < 90.0 {
        format!("about {secs:.0} s left")
    } else if secs < 90.0 * 60.0 {
        format!("about {:.0} min left", secs / 60.0)
    } else {
        format!("about {:.1} h left", secs / 3600.0)
    }
}

impl Saved {
    fn new(
        path: PathBuf,
        version: String,
        summary: &DownloadSummary,
        cx: &ViewContext<'_>,
    ) -> Self {
        let mut inspection = Remote::default();
        let target = path.clone();
        inspection.request(cx.tasks.spawn_blocking(
            INSPECT_LIMIT,
            || Err("Reading the archive took too long".to_owned()),
            move || chart_archive::inspect(&target).map_err(|e| e.to_string()),
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
fn saved_ui(ui: &mut Ui, chart: &ChartRef, saved: &Saved) -> bool {
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
            ui.label(RichText::new("Saved to").weak());
            ui.horizontal(|ui| {
                ui.label(RichText::new(&path).monospace());
                if ui
                    .small_button("Copy")
                    .on_hover_text("Copy the file's path")
                    .clicked()
                {
                    ui.ctx().copy_text(path.clone());
                }
            });
            ui.end_row();
            ui.label(RichText::new("Size").weak());
            ui.label(format!(
                "{} ({} bytes)",
                format_bytes(saved.bytes),
                saved.bytes
            ));
            ui.end_row();
        });
    ui.add_space(8.0);
    ui.separator();
    if let Some(problem) = saved.summary.error() {
        ui.label(RichText::new("The file was saved, but its content cannot be shown").strong());
        ui.label(RichText::new(problem).color(ui.visuals().error_fg_color));
    } else if let Some(summary) = saved.summary.value() {
        summary_ui(ui, summary, &saved.version);
    } else {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label("Reading the archive…");
        });
    }
    ui.add_space(10.0);
    let close = ui.button("Close").clicked();
    close || escape_pressed(ui.ctx()) || ui.input(|i| i.key_pressed(egui::Key::Enter))
}

/// Chart.yaml's fields and values.yaml's text.
fn summary_ui(ui: &mut Ui, summary: &ChartSummary, asked_version: &str) {
    ui.label(RichText::new("Chart.yaml").strong());
    let dash = |value: &Option<String>| value.clone().unwrap_or_else(|| "—".to_owned());
    egui::Grid::new("chart yaml grid")
        .num_columns(2)
        .spacing([12.0, 4.0])
        .show(ui, |ui| {
            for (label, value) in [
                ("Name", &summary.name),
                ("Version", &summary.version),
                ("App version", &summary.app_version),
                ("Description", &summary.description),
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
            RichText::new(format!(
                "Chart.yaml says version {version}, not {asked_version} as asked for"
            ))
            .color(ui.visuals().warn_fg_color),
        );
    }
    ui.add_space(8.0);
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
                    RichText::new(format!(
                        "Only the first {} of {} are shown",
                        format_bytes(VALUES_MAX_BYTES),
                        format_bytes(values.full_bytes)
                    ))
                    .weak(),
                );
            }
        }
        None if summary.values_not_reached => {
            ui.label(
                RichText::new(
                    "values.yaml was not found in the first 64 MiB of the archive, so it is not shown",
                )
                .weak(),
            );
        }
        None => {
            ui.label(RichText::new("The chart has no values.yaml").weak());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn info(page: u32, pages: u32, listed: usize, shown: usize) -> PageInfo {
        PageInfo {
            page,
            pages,
            listed,
            shown,
        }
    }

    #[test]
    fn the_project_line_says_what_the_page_holds() {
        assert_eq!(
            project_page_line(info(2, 3, 10, 4), "demo"),
            "Page 2 of 3 lists 10 charts of all projects; 4 of them are in demo"
        );
        assert_eq!(
            project_page_line(info(1, 1, 3, 1), "demo"),
            "Page 1 of 1 lists 3 charts of all projects; 1 of them is in demo"
        );
        assert_eq!(
            project_page_line(info(1, 1, 2, 2), "demo"),
            "Page 1 of 1 lists 2 charts of all projects; all of them are in demo"
        );
    }

    #[test]
    fn an_empty_project_page_suggests_where_to_look() {
        let next = project_page_notice(info(1, 3, 10, 0), "demo", "");
        assert!(
            next.contains("None of the 10 charts on page 1 of 3"),
            "{next}"
        );
        assert!(next.contains("next page"), "{next}");
        let last = project_page_notice(info(1, 1, 3, 0), "demo", "");
        assert!(last.ends_with("demo has no Helm charts"), "{last}");
        let filtered = project_page_notice(info(1, 1, 1, 0), "demo", "red");
        assert!(filtered.contains("The only chart"), "{filtered}");
        assert!(filtered.contains("“red”"), "{filtered}");
    }

    #[test]
    fn typed_paths_must_name_a_file_by_its_full_path() {
        assert!(typed_path_problem("").is_some());
        assert!(typed_path_problem("chart.tgz").is_some());
        assert!(typed_path_problem("/tmp/").is_some());
        assert_eq!(typed_path_problem("/tmp/chart.tgz"), None);
    }

    #[test]
    fn a_suggested_file_name_stays_in_its_folder() {
        let dialog = DownloadDialog::new(
            ChartRef {
                project: "demo".to_owned(),
                name: "../evil".to_owned(),
            },
            Some("1.0.0".to_owned()),
            Path::new("/tmp"),
        );
        assert_eq!(dialog.file_name(), ".._evil-1.0.0.tgz");
    }

    #[test]
    fn time_left_reads_in_plain_units() {
        assert_eq!(time_left_text(0.4), "less than a second left");
        assert_eq!(time_left_text(12.0), "about 12 s left");
        assert_eq!(time_left_text(600.0), "about 10 min left");
    }
}
