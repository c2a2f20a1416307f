//! Helm charts: the charts of every project (or of one project), delete, and download to disk.
//!
//! The server lists charts across all projects only, page by page. A project's Charts tab asks
//! for the same pages and keeps the project's charts of each, saying so above the table, so the
//! pager still walks the server's pages.
//!
//! A download first checks that the typed version exists (the server lists only the latest) and
//! offers the versions known this session, asks where to save through the native dialog (a task,
//! so the UI keeps running), falls back to a typed path when no dialog answers, streams the
//! archive with progress and cancel, and then shows what the saved archive holds.

mod compare_versions;
mod diff_view;
mod download;
mod known_versions;
mod saved;

use std::sync::Arc;

use egui::{RichText, Ui};
use egui_extras::Column;

use download::DownloadDialog;

use crate::activity::Operation;
use crate::activity::Via;
use crate::api::ChangeRequest;
use crate::api::models::Chart;
use crate::bulk_delete::DeleteItem;
use crate::tasks::TaskLabel;
use crate::ui::breadcrumb::project_header_ui;
use crate::ui::bulk_dialog::{BulkDeleteDialog, BulkEnd, bulk_dialog_ui};
use crate::ui::commands::Command;
use crate::ui::curl_copy::{CurlAs, copy_as_curl_ui};
use crate::ui::dialogs::{DeleteConfirmation, DeleteTexts, delete_dialog_ui};
use crate::ui::export_rows::{ExportRows, chart_cells, chart_columns};
use crate::ui::feedback::Notice;
use crate::ui::list_table::{
    PaneWidth, RowClick, columns_ui, detail_pane_ui, list_table, row_click, row_height,
};
use crate::ui::multi_select::{RowSelection, click_modifiers};
use crate::ui::paged_list::{KeyAction, ListAction, ListKind, ListTexts, PagedList, list_area_ui};
use crate::ui::screen::{ProjectTab, Screen};
use crate::ui::sources;
use crate::ui::view::{View, ViewContext};
use crate::ui::widgets::{copyable_text_ui, detail_header_ui, time_ui};
use compare_versions::VersionCompare;

/// The words of the charts list, in the shown language.
fn texts() -> ListTexts {
    ListTexts {
        kind: ListKind::Charts,
        new_button: None,
        empty: tr!("charts-empty"),
        load_error: tr!("charts-load-error"),
    }
}

/// The width of the chart detail pane.
const PANE: PaneWidth = PaneWidth {
    default: 320.0,
    min: 240.0,
    max: 520.0,
};

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
    delete: Option<DeleteConfirmation<ChartRef>>,
    bulk: Option<BulkDeleteDialog>,
    /// The comparison of two versions of a chart.
    compare: Option<VersionCompare>,
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
            bulk: None,
            compare: None,
            download: None,
        }
    }

    /// The line above the list: every project's charts, or the project's title and tabs.
    fn header_ui(&self, ui: &mut Ui, cx: &mut ViewContext<'_>) {
        if let Some(project) = &self.project {
            project_header_ui(ui, project, ProjectTab::Charts, cx.commands);
        } else {
            ui.heading(tr!("charts-heading"));
            ui.add_space(4.0);
        }
    }
}

impl View for ChartsView {
    fn open(&mut self, screen: &Screen) -> bool {
        match (screen, &self.project) {
            (Screen::Charts, None) => true,
            (Screen::ProjectCharts { project }, Some(shown)) => project == shown,
            _ => false,
        }
    }

    fn reload(&mut self, cx: &ViewContext<'_>) {
        let request = self.items.page_request();
        self.requested = (self.items.pager.page, self.items.pager.page_size);
        let label = match &self.project {
            Some(project) => {
                let project = project.clone();
                TaskLabel::words(move || {
                    tr!("charts-task-list-project", project = project.as_str())
                })
            }
            None => TaskLabel::words(|| tr!("charts-task-list")),
        };
        self.items
            .list
            .request(sources::charts_page(cx, label, request, ChartRow::new));
    }

    /// Answers still on their way are dropped (a running download goes on).
    fn leave(&mut self) {
        self.items.list.abandon();
    }

    /// Shows the chart `name` (of this screen's project, or `project/name` on the screen of
    /// every project's charts): filtered by `filter` and selected.
    fn reveal(&mut self, key: &str, filter: Option<&str>) {
        if let Some(filter) = filter {
            self.items.filter.set_now(filter);
            self.items.pager.page = 1;
        }
        self.items.selected = Some(match &self.project {
            Some(project) if !key.contains('/') => format!("{project}/{key}"),
            _ => key.to_owned(),
        });
        self.items.list.clear();
    }

    fn ui(&mut self, ui: &mut Ui, cx: &mut ViewContext<'_>) {
        self.header_ui(ui, cx);
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
            Some(KeyAction::DeleteMany(keys)) => actions.push(ListAction::DeleteMany(keys)),
            Some(KeyAction::Selected(_)) | None => {}
        }
        let rows = ExportRows {
            file_stem: match &self.project {
                Some(project) => format!("charts-{project}"),
                None => "charts".to_owned(),
            },
            columns: chart_columns,
            cells: |row: &ChartRow| chart_cells(&row.chart),
        };
        actions.push(
            self.items
                .toolbar_ui(ui, None, &texts(), Some((cx, &rows)), None),
        );
        actions.push(self.items.error_ui(ui, &texts()));
        let mut area = list_area_ui(ui);
        if self.selected_row().is_some() {
            let salt = ("chart", self.project.clone());
            let as_curl = CurlAs::of(cx);
            match detail_pane_ui(&mut area, salt, PANE, |ui| self.detail_ui(ui, &as_curl)) {
                DetailAction::None => {}
                DetailAction::Close => self.items.selected = None,
                DetailAction::Download(key) => open_download = Some(key),
                DetailAction::Compare(key) => {
                    if let Some(row) = self.find(&key) {
                        self.compare = Some(VersionCompare::new(
                            row.chart_ref(),
                            row.chart.latest_version.clone(),
                        ));
                    }
                }
                DetailAction::Delete(key) => actions.push(ListAction::Delete(key)),
            }
        }
        let salt = ("charts", self.project.clone());
        let outcome = columns_ui(&mut area, salt, |ui| self.list_ui(ui, &mut actions));
        actions.push(self.items.pager_ui(ui, &texts()));

        for action in actions {
            match action {
                ListAction::None | ListAction::New => {}
                ListAction::Reload => self.reload(cx),
                ListAction::Delete(key) => self.ask_delete(&key),
                ListAction::DeleteMany(keys) => {
                    let items = self
                        .items
                        .items_named(&keys)
                        .into_iter()
                        .map(|row| DeleteItem::Chart {
                            project: row.chart.project_name.clone(),
                            chart: row.chart.name.clone(),
                        })
                        .collect();
                    self.bulk = Some(BulkDeleteDialog::new(items, Via::BulkDelete));
                }
            }
        }
        let modifiers = click_modifiers(ui);
        if let Some(outcome) = outcome
            && let Some(key) = self.apply_table_outcome(outcome, modifiers, cx)
        {
            open_download = Some(key);
        }
        if let Some(key) = open_download {
            self.open_download(&key, cx);
        }
        self.delete_dialog_ui(ui, cx);
        if let Some(compare) = &mut self.compare
            && !compare.ui(ui.ctx(), cx)
        {
            self.compare = None;
        }
        if let BulkEnd::Ran(_) = bulk_dialog_ui(&mut self.bulk, ui.ctx(), cx) {
            self.items.marks.clear();
            self.reload(cx);
        }
        if let Some(dialog) = &mut self.download
            && !dialog.ui(ui.ctx(), cx)
        {
            self.download = None;
        }
    }
}

impl ChartsView {
    /// Applies what the user did in the table; returns the chart whose download to open.
    fn apply_table_outcome(
        &mut self,
        outcome: TableOutcome,
        modifiers: egui::Modifiers,
        cx: &mut ViewContext<'_>,
    ) -> Option<String> {
        if let Some(key) = outcome.clicked {
            self.items.row_clicked(key, modifiers);
        }
        if let Some(key) = &outcome.download {
            self.items.selected = Some(key.clone());
        }
        if let Some(key) = outcome.delete {
            self.items.selected = Some(key.clone());
            self.ask_delete(&key);
        }
        if let Some(project) = outcome.open_project {
            cx.commands
                .push(Command::Navigate(Screen::ProjectCharts { project }));
        }
        outcome.download
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
                        next = ui.button(tr!("charts-next-page")).clicked();
                    }
                });
                if next {
                    self.items.pager.page = info.page + 1;
                    actions.push(ListAction::Reload);
                }
                return None;
            }
            ui.label(project_page_line(info, project))
                .on_hover_text(tr!("charts-page-line-hint"));
            ui.add_space(2.0);
        }
        let show_project = self.project.is_none();
        let salt = self.project.clone();
        self.items
            .contents_ui(ui, &texts(), |ui, items, selected, scroll_to| {
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

    fn detail_ui(&self, ui: &mut Ui, as_curl: &CurlAs<'_>) -> DetailAction {
        let mut action = DetailAction::None;
        let Some(row) = self.selected_row() else {
            return action;
        };
        let chart = &row.chart;
        if detail_header_ui(ui, &tr!("charts-detail-title"), |_| {}) {
            action = DetailAction::Close;
        }
        copyable_text_ui(
            ui,
            RichText::new(&row.key).monospace().strong(),
            &row.key,
            &tr!("charts-detail-copy-name-hint"),
            Notice::words(|| tr!("charts-detail-name-copied")),
        );
        ui.add_space(6.0);
        egui::Grid::new(("chart detail grid", &row.key))
            .num_columns(2)
            .spacing([12.0, 6.0])
            .show(ui, |ui| {
                ui.label(RichText::new(tr!("charts-detail-project")).weak());
                ui.label(&chart.project_name);
                ui.end_row();
                ui.label(RichText::new(tr!("charts-detail-latest")).weak());
                ui.label(chart.latest_version.as_deref().unwrap_or("—"));
                ui.end_row();
                ui.label(RichText::new(tr!("charts-detail-versions")).weak());
                ui.label(versions_text(chart.total_versions));
                ui.end_row();
                ui.label(RichText::new(tr!("charts-detail-created")).weak());
                time_ui(ui, chart.created.as_ref());
                ui.end_row();
                ui.label(RichText::new(tr!("charts-detail-updated")).weak());
                time_ui(ui, chart.updated.as_ref());
                ui.end_row();
            });
        ui.add_space(10.0);
        ui.horizontal_wrapped(|ui| {
            if ui
                .button(tr!("charts-detail-download"))
                .on_hover_text(tr!("charts-detail-download-hint"))
                .clicked()
            {
                action = DetailAction::Download(row.key.clone());
            }
            if ui
                .button(tr!("chart-compare-open"))
                .on_hover_text(tr!("chart-compare-open-hint"))
                .clicked()
            {
                action = DetailAction::Compare(row.key.clone());
            }
            if crate::ui::read_only::change_button(ui, true, tr!("charts-detail-delete"))
                .on_hover_text(tr!("charts-detail-delete-hint"))
                .clicked()
            {
                action = DetailAction::Delete(row.key.clone());
            }
            let request = ChangeRequest::DeleteChart {
                project: chart.project_name.clone(),
                chart: chart.name.clone(),
            };
            copy_as_curl_ui(ui, as_curl.client, as_curl.user, &request);
        });
        action
    }

    fn ask_delete(&mut self, key: &str) {
        if let Some(row) = self.find(key) {
            self.delete = Some(DeleteConfirmation::with_target(key, row.chart_ref(), false));
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
        let Some(confirmation) = &self.delete else {
            return;
        };
        let versions = self
            .find(&confirmation.name)
            .and_then(|row| row.chart.total_versions);
        let consequence = match versions {
            Some(n) if n > 1 => tr!("charts-delete-consequence-count", count = n),
            _ => tr!("charts-delete-consequence"),
        };
        let title = tr!("charts-delete-title");
        let texts = DeleteTexts {
            title: &title,
            consequence: &consequence,
            explain: None,
        };
        let deleted = delete_dialog_ui(&mut self.delete, ui.ctx(), cx, &texts, |cx, it| {
            let client = Arc::clone(cx.client);
            let ChartRef { project, name } = it.target.clone();
            let chart = format!("{project}/{name}");
            let target = chart.clone();
            let label = TaskLabel::words(move || tr!("charts-task-delete", chart = chart.as_str()));
            let index = sources::index_of(cx);
            let request = ChangeRequest::DeleteChart {
                project: project.clone(),
                chart: name.clone(),
            };
            cx.change(label, Operation::DeleteChart, target, request, async move {
                let reply = client.delete_chart(&project, &name).await?;
                sources::apply_change(index, move |index| index.chart_deleted(&project, &name))
                    .await;
                Ok(reply)
            })
        });
        if let Some(confirmation) = deleted {
            self.items
                .announce_deleted(ui.ctx(), ListKind::Charts, &confirmation.name);
            self.reload(cx);
        }
    }
}

/// What the user asked for in the detail pane.
enum DetailAction {
    None,
    Close,
    Download(String),
    Compare(String),
    Delete(String),
}

/// The line above a project's table: what the server's page holds and what is shown of it.
fn project_page_line(info: PageInfo, project: &str) -> String {
    if info.shown == info.listed {
        tr!(
            "charts-page-line-all",
            page = info.page,
            pages = info.pages,
            listed = info.listed,
            project = project
        )
    } else {
        tr!(
            "charts-page-line-some",
            page = info.page,
            pages = info.pages,
            listed = info.listed,
            shown = info.shown,
            project = project
        )
    }
}

/// The notice for a server page that holds none of the project's charts: what the page holds,
/// then where to look.
fn project_page_notice(info: PageInfo, project: &str, filter: &str) -> String {
    let (page, pages, listed) = (info.page, info.pages, info.listed);
    if info.page < info.pages {
        tr!(
            "charts-page-notice-next",
            page = page,
            pages = pages,
            listed = listed,
            project = project
        )
    } else if info.pages > 1 {
        tr!(
            "charts-page-notice-earlier",
            page = page,
            pages = pages,
            listed = listed,
            project = project
        )
    } else if filter.is_empty() {
        tr!(
            "charts-page-notice-empty",
            page = page,
            pages = pages,
            listed = listed,
            project = project
        )
    } else {
        tr!(
            "charts-page-notice-filtered",
            page = page,
            pages = pages,
            listed = listed,
            project = project,
            filter = filter
        )
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
    selected: RowSelection<'_>,
    scroll_to: Option<usize>,
    show_project: bool,
) -> TableOutcome {
    let mut outcome = TableOutcome::default();
    let row_height = row_height(ui);
    let mut table = list_table(ui, ("charts table", salt), scroll_to)
        .column(Column::initial(200.0).at_least(120.0).clip(true));
    if show_project {
        table = table.column(Column::initial(130.0).at_least(80.0).clip(true));
    }
    let mut titles = vec![tr!("charts-column-name")];
    if show_project {
        titles.push(tr!("charts-column-project"));
    }
    titles.extend([
        tr!("charts-column-latest"),
        tr!("charts-column-versions"),
        tr!("charts-column-created"),
        tr!("charts-column-updated"),
    ]);
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
                if let Some(item) = items.get(row.index()) {
                    chart_row_ui(&mut row, item, selected, show_project, &mut outcome);
                }
            });
        });
    outcome
}

/// One chart's row, with its menu.
fn chart_row_ui(
    row: &mut egui_extras::TableRow<'_, '_>,
    item: &ChartRow,
    selected: RowSelection<'_>,
    show_project: bool,
    outcome: &mut TableOutcome,
) {
    let chart = &item.chart;
    let key = item.key.as_str();
    row.set_selected(selected.has(key));
    row.col(|ui| {
        ui.label(RichText::new(&chart.name).strong());
    });
    if show_project {
        row.col(|ui| {
            let link = ui.link(&chart.project_name).on_hover_text(tr!(
                "charts-project-link-hint",
                project = chart.project_name.as_str()
            ));
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
        time_ui(ui, chart.created.as_ref());
    });
    row.col(|ui| {
        time_ui(ui, chart.updated.as_ref());
    });
    let response = row.response();
    match row_click(&response) {
        RowClick::Open => outcome.download = Some(key.to_owned()),
        RowClick::Select => outcome.clicked = Some(key.to_owned()),
        RowClick::None => {}
    }
    response.context_menu(|ui| {
        if ui.button(tr!("charts-menu-download")).clicked() {
            outcome.download = Some(key.to_owned());
            ui.close();
        }
        if crate::ui::read_only::change_button(ui, true, tr!("charts-menu-delete")).clicked() {
            outcome.delete = Some(key.to_owned());
            ui.close();
        }
    });
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
    fn the_chinese_project_line_reads_naturally() {
        use crate::i18n::{Language, set_language};
        set_language(Language::SimplifiedChinese);
        let one = project_page_line(info(1, 1, 1, 1), "demo");
        let all = project_page_line(info(1, 1, 3, 3), "demo");
        let some = project_page_line(info(2, 3, 10, 4), "demo");
        let notice = project_page_notice(info(1, 1, 1, 0), "demo", "");
        set_language(Language::English);
        assert_eq!(
            one,
            "第 1 页（共 1 页）列出所有项目的 1 个 chart 包，它属于 demo"
        );
        assert_eq!(
            all,
            "第 1 页（共 1 页）列出所有项目的 3 个 chart 包，全部属于 demo"
        );
        assert_eq!(
            some,
            "第 2 页（共 3 页）列出所有项目的 10 个 chart 包，其中 4 个属于 demo"
        );
        assert!(
            notice.contains("唯一的 chart 包不属于 demo。demo 中没有"),
            "{notice}"
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
}
