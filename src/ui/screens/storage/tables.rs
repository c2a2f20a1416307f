//! The storage tables: one row per project (or per repository of the selected project), laid
//! out only when scrolled into view and read from the index in windows around the rows shown,
//! ordered in SQL by whichever column the user chose.

use egui::{Align, Layout, RichText, Ui};
use egui_extras::{Column, TableRow};

use super::Reader;
use super::index_panel::index_error_text;
use crate::export::{Cell, Column as ExportColumn, ExportSourceError, Table};
use crate::index::storage::{StorageColumn, StorageTableQuery};
use crate::index::{
    Index, IndexError, MAX_WINDOW_ROWS, ProjectStorage, RepositoryStorage, SortDirection, Window,
};
use crate::tasks::Remote;
use crate::ui::export::{ExportRequest, Exporter, SaveTo};
use crate::ui::list_table::{
    NameAction, RowClick, list_table, name_link_ui, row_click, row_height,
};
use crate::ui::screen::Screen;
use crate::ui::widgets::format_bytes;

/// Rows read beyond the shown ones on each side, so that scrolling a little reads nothing.
const MARGIN_ROWS: u64 = 100;

/// The rows asked for before any is shown.
const FIRST_ROWS: u32 = 200;

/// The height of a table's header.
const HEADER_HEIGHT: f32 = 24.0;

/// A part of a list: its first row and how many rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Span {
    offset: u64,
    limit: u32,
}

impl Span {
    /// Whether it holds rows `first` to `last`.
    fn covers(self, first: u64, last: u64) -> bool {
        first >= self.offset && last < self.offset + u64::from(self.limit)
    }
}

/// A long list read from the index a window at a time: the window last asked for, the one
/// received, and the rows shown last frame.
struct Windowed<T: Send + 'static> {
    window: Remote<Window<T>, IndexError>,
    asked: Option<Span>,
    shown: Option<(u64, u64)>,
    /// The length of the list before its order changed, kept until the new order's first
    /// window arrives so that the table does not empty meanwhile.
    last_total: u64,
}

impl<T: Send + 'static> Default for Windowed<T> {
    fn default() -> Self {
        Self {
            window: Remote::default(),
            asked: None,
            shown: None,
            last_total: 0,
        }
    }
}

impl<T: Send + 'static> Windowed<T> {
    /// How many rows the whole list has (0 until known).
    fn total(&self) -> u64 {
        self.window
            .value()
            .map_or(self.last_total, |window| window.total)
    }

    /// Row `n` of the whole list, when the window received holds it.
    fn row(&self, n: u64) -> Option<&T> {
        let window = self.window.value()?;
        let at = usize::try_from(n.checked_sub(window.offset)?).ok()?;
        window.rows.get(at)
    }

    /// The window to ask for now: none while the one asked for holds the rows shown.
    fn wanted(&self) -> Option<Span> {
        let Some((first, last)) = self.shown else {
            return self.asked.is_none().then_some(Span {
                offset: 0,
                limit: FIRST_ROWS,
            });
        };
        if self.asked.is_some_and(|asked| asked.covers(first, last)) {
            return None;
        }
        let offset = first.saturating_sub(MARGIN_ROWS);
        let rows = (last - offset + 1 + MARGIN_ROWS).min(u64::from(MAX_WINDOW_ROWS));
        Some(Span {
            offset,
            limit: u32::try_from(rows).unwrap_or(MAX_WINDOW_ROWS),
        })
    }

    /// The window to read again on a reload: the one asked for last.
    fn again(&self) -> Span {
        self.asked.unwrap_or(Span {
            offset: 0,
            limit: FIRST_ROWS,
        })
    }

    fn ask(&mut self, span: Span, job: poll_promise::Promise<Result<Window<T>, IndexError>>) {
        self.asked = Some(span);
        self.window.request(job);
    }

    /// Forgets the rows (the order changed): the next frame asks anew.
    fn reset(&mut self) {
        self.last_total = self.total();
        self.window.clear();
        self.asked = None;
        self.shown = None;
    }

    /// Notes that row `n` was drawn this frame.
    fn note_shown(&mut self, n: u64) {
        self.shown = Some(match self.shown {
            Some((first, last)) => (first.min(n), last.max(n)),
            None => (n, n),
        });
    }
}

/// The exported storage table's columns: stable keys, titles in the shown language.
fn project_export_columns() -> Vec<ExportColumn> {
    vec![
        ExportColumn::new("project", tr!("storage-column-project")),
        ExportColumn::new("repositories", tr!("storage-column-repositories")),
        ExportColumn::new("artifacts", tr!("storage-column-artifacts")),
        ExportColumn::new("tags", tr!("storage-column-tags")),
        ExportColumn::new("untagged", tr!("storage-column-untagged")),
        ExportColumn::new("size_bytes", tr!("export-column-size-bytes")),
        ExportColumn::new("storage_used_mib", tr!("export-column-storage-used-mib")),
        ExportColumn::new("quota_bytes", tr!("export-column-quota-bytes")),
        ExportColumn::new("complete", tr!("storage-column-complete")),
    ]
}

/// Every project's totals in `sort`'s order, read from the index in windows.
async fn export_projects(
    index: Index,
    sort: Sort,
    columns: Vec<ExportColumn>,
) -> Result<Table, ExportSourceError> {
    let mut table = Table::new(columns);
    let mut offset = 0;
    loop {
        let query = StorageTableQuery {
            column: sort.column,
            direction: sort.direction,
            offset,
            limit: MAX_WINDOW_ROWS,
        };
        let window = index
            .run(move |index| index.storage_by_project(&query))
            .await?;
        let read = window.rows.len() as u64;
        for row in window.rows {
            table.push_row(vec![
                Cell::from(row.project),
                Cell::from(row.repositories),
                Cell::from(row.totals.artifacts),
                Cell::from(row.totals.tags),
                Cell::from(row.totals.untagged_artifacts),
                Cell::from(row.totals.size_bytes),
                Cell::from(row.storage_used_mib),
                Cell::from(row.quota_bytes),
                Cell::from(row.complete.to_string()),
            ]);
        }
        offset += read;
        if read == 0 || offset >= window.total {
            return Ok(table);
        }
    }
}

/// The sorting of a table: the column and its direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Sort {
    column: StorageColumn,
    direction: SortDirection,
}

impl Default for Sort {
    fn default() -> Self {
        Self {
            column: StorageColumn::Name,
            direction: SortDirection::Ascending,
        }
    }
}

impl Sort {
    /// After a click on `column`'s header: the other way round when it is sorted by already,
    /// else by it (names from A, numbers from the largest).
    fn clicked(self, column: StorageColumn) -> Self {
        let direction = if self.column == column {
            match self.direction {
                SortDirection::Ascending => SortDirection::Descending,
                SortDirection::Descending => SortDirection::Ascending,
            }
        } else if column == StorageColumn::Name {
            SortDirection::Ascending
        } else {
            SortDirection::Descending
        };
        Self { column, direction }
    }

    fn query(self, span: Span) -> StorageTableQuery {
        StorageTableQuery {
            column: self.column,
            direction: self.direction,
            offset: span.offset,
            limit: span.limit,
        }
    }

    /// "Whole list sorted by size (descending)".
    fn hint(self) -> String {
        let column = match self.column {
            StorageColumn::Name => "name",
            StorageColumn::Repositories => "repositories",
            StorageColumn::Artifacts => "artifacts",
            StorageColumn::Tags => "tags",
            StorageColumn::Untagged => "untagged",
            StorageColumn::Size => "size",
            StorageColumn::StorageUsed => "used",
            StorageColumn::Quota => "quota",
            StorageColumn::ServerTags => "server-tags",
            StorageColumn::Complete => "complete",
        };
        let order = match self.direction {
            SortDirection::Ascending => "ascending",
            SortDirection::Descending => "descending",
        };
        tr!("storage-sort-hint", column = column, order = order)
    }
}

/// A column's header, in the shown language; `project` for the projects table's name column.
fn column_label(column: StorageColumn, projects: bool) -> String {
    match column {
        StorageColumn::Name if projects => tr!("storage-column-project"),
        StorageColumn::Name => tr!("storage-column-repository"),
        StorageColumn::Repositories => tr!("storage-column-repositories"),
        StorageColumn::Artifacts => tr!("storage-column-artifacts"),
        StorageColumn::Tags => tr!("storage-column-tags"),
        StorageColumn::ServerTags => tr!("storage-column-server-tags"),
        StorageColumn::Untagged => tr!("storage-column-untagged"),
        StorageColumn::Size => tr!("storage-column-size"),
        StorageColumn::StorageUsed => tr!("storage-column-storage-used"),
        StorageColumn::Quota => tr!("storage-column-quota"),
        StorageColumn::Complete => tr!("storage-column-complete"),
    }
}

/// The columns of the projects table, in order.
const PROJECT_COLUMNS: [StorageColumn; 9] = [
    StorageColumn::Name,
    StorageColumn::Repositories,
    StorageColumn::Artifacts,
    StorageColumn::Tags,
    StorageColumn::Untagged,
    StorageColumn::Size,
    StorageColumn::StorageUsed,
    StorageColumn::Quota,
    StorageColumn::Complete,
];

/// The columns of a project's repositories table, in order.
const REPOSITORY_COLUMNS: [StorageColumn; 7] = [
    StorageColumn::Name,
    StorageColumn::Artifacts,
    StorageColumn::Tags,
    StorageColumn::ServerTags,
    StorageColumn::Untagged,
    StorageColumn::Size,
    StorageColumn::Complete,
];

/// The width a column starts with.
fn column_of(column: StorageColumn) -> Column {
    match column {
        StorageColumn::Name => Column::initial(160.0).at_least(100.0).clip(true),
        StorageColumn::Repositories => Column::initial(84.0).at_least(48.0).clip(true),
        StorageColumn::Untagged => Column::initial(74.0).at_least(48.0).clip(true),
        StorageColumn::Size | StorageColumn::StorageUsed | StorageColumn::Quota => {
            Column::initial(92.0).at_least(60.0).clip(true)
        }
        StorageColumn::Complete => Column::remainder().at_least(70.0).clip(true),
        StorageColumn::ServerTags => Column::initial(100.0).at_least(48.0).clip(true),
        StorageColumn::Artifacts | StorageColumn::Tags => {
            Column::initial(66.0).at_least(48.0).clip(true)
        }
    }
}

/// A header row: one button per column that sorts the whole list by it, with an arrow on the
/// column sorted by. Returns the column clicked.
fn header_ui(
    header: &mut TableRow<'_, '_>,
    columns: &[StorageColumn],
    projects: bool,
    sort: Sort,
) -> Option<StorageColumn> {
    let mut clicked = None;
    for &column in columns {
        header.col(|ui| {
            let arrow = match sort.direction {
                _ if sort.column != column => "",
                SortDirection::Ascending => " ⏶",
                SortDirection::Descending => " ⏷",
            };
            let label =
                RichText::new(format!("{}{arrow}", column_label(column, projects))).strong();
            if ui
                .add(egui::Button::new(label).frame(false))
                .on_hover_text(tr!("storage-sort-hover"))
                .clicked()
            {
                clicked = Some(column);
            }
        });
    }
    clicked
}

/// A count, at the right of its cell.
fn number_ui(ui: &mut Ui, text: impl Into<egui::WidgetText>) {
    ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
        ui.label(text);
    });
}

/// A figure the server may not have reported: "—" with a hover saying so.
fn unknown_ui(ui: &mut Ui) {
    ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
        ui.label(RichText::new(tr!("storage-unknown")).weak())
            .on_hover_text(tr!("storage-unknown-hint"));
    });
}

/// "Complete", or a weak "Partial" badge whose hover says what is missing.
fn completeness_ui(ui: &mut Ui, complete: bool, partial_hint: &str) {
    if complete {
        ui.label(RichText::new(tr!("storage-complete")).weak())
            .on_hover_text(tr!("storage-complete-hint"));
    } else {
        let weak = ui.visuals().weak_text_color();
        egui::Frame::new()
            .stroke(egui::Stroke::new(1.0, weak))
            .corner_radius(6.0)
            .inner_margin(egui::Margin::symmetric(5, 0))
            .show(ui, |ui| {
                ui.label(RichText::new(tr!("storage-partial")).small().color(weak));
            })
            .response
            .on_hover_text(partial_hint);
    }
}

/// MiB as bytes (`None` for a negative figure).
pub fn mib_bytes(mib: i64) -> Option<u64> {
    u64::try_from(mib)
        .ok()
        .map(|mib| mib.saturating_mul(1024 * 1024))
}

/// A table's error line: what failed, and a retry. True when Retry was pressed.
fn load_error_ui(ui: &mut Ui, error: &IndexError) -> bool {
    let color = ui.visuals().error_fg_color;
    let mut retry = false;
    ui.horizontal_wrapped(|ui| {
        ui.label(
            RichText::new(tr!("storage-load-error"))
                .strong()
                .color(color),
        );
        ui.label(index_error_text(error));
        retry = ui.small_button(tr!("common-retry")).clicked();
    });
    retry
}

/// The table's rows laid out in `ui`, scrolling sideways when the columns do not fit, at most
/// `height` high.
fn table_area<R>(ui: &mut Ui, salt: &str, add: impl FnOnce(&mut Ui) -> R) -> R {
    egui::ScrollArea::horizontal()
        .id_salt(("storage columns", salt))
        .auto_shrink([false, true])
        .show(ui, add)
        .inner
}

/// The per-project table.
#[derive(Default)]
pub struct ProjectsTable {
    rows: Windowed<ProjectStorage>,
    sort: Sort,
    /// Exports the whole table, in its order.
    exporter: Exporter,
    /// Scroll to the top on the next frame (the order changed).
    to_top: bool,
}

impl ProjectsTable {
    /// How many projects the index holds (0 until read).
    pub fn total(&self) -> u64 {
        self.rows.total()
    }

    /// Takes the window that arrived.
    pub fn poll(&mut self) {
        self.rows.window.poll();
    }

    /// Drops the window on its way.
    pub fn abandon(&mut self) {
        self.rows.window.abandon();
    }

    /// Whether a window is on its way.
    pub fn is_pending(&self) -> bool {
        self.rows.window.is_pending()
    }

    /// Reads the window shown again.
    pub fn load(&mut self, reader: Reader<'_>) {
        let span = self.rows.again();
        self.ask(reader, span);
    }

    fn ask(&mut self, reader: Reader<'_>, span: Span) {
        let query = self.sort.query(span);
        self.rows.ask(
            span,
            reader.read(move |index| index.storage_by_project(&query)),
        );
    }

    /// The table, at most `height` high with its hint line; `selected` is the project whose
    /// repositories are shown. Returns the project clicked.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        reader: Reader<'_>,
        save_to: SaveTo<'_>,
        selected: Option<&str>,
        height: f32,
    ) -> Option<String> {
        if let Some(error) = self.rows.window.error()
            && load_error_ui(ui, error)
        {
            self.load(reader);
        }
        ui.horizontal(|ui| {
            ui.label(RichText::new(self.sort.hint()).small().weak());
            let sort = self.sort;
            let index = reader.index.clone();
            let has_rows = self.rows.total() > 0;
            self.exporter.menu_in_ui(ui, save_to, has_rows, || {
                // Worded here, on the UI thread.
                let columns = project_export_columns();
                ExportRequest::new("storage", export_projects(index, sort, columns))
            });
        });
        let body_height = (height - HEADER_HEIGHT - 2.0 * row_height(ui)).max(row_height(ui) * 3.0);
        let mut sort_by = None;
        let mut clicked = None;
        let total = usize::try_from(self.rows.total()).unwrap_or(usize::MAX);
        let to_top = std::mem::take(&mut self.to_top).then_some(0);
        self.rows.shown = None;
        let rows = &mut self.rows;
        table_area(ui, "projects", |ui| {
            let row_height = row_height(ui);
            let mut table = list_table(ui, "storage projects", to_top)
                .min_scrolled_height(body_height.min(200.0))
                .max_scroll_height(body_height);
            for column in PROJECT_COLUMNS {
                table = table.column(column_of(column));
            }
            table
                .header(HEADER_HEIGHT, |mut header| {
                    sort_by = header_ui(&mut header, &PROJECT_COLUMNS, true, self.sort);
                })
                .body(|body| {
                    body.rows(row_height, total, |mut row| {
                        let n = row.index() as u64;
                        rows.note_shown(n);
                        match rows.row(n) {
                            Some(project) => {
                                if project_row_ui(&mut row, project, selected) {
                                    clicked = Some(project.project.clone());
                                }
                            }
                            None => loading_row_ui(&mut row, PROJECT_COLUMNS.len()),
                        }
                    });
                });
        });
        if let Some(column) = sort_by {
            self.sort = self.sort.clicked(column);
            self.rows.reset();
            self.to_top = true;
        }
        if let Some(span) = self.rows.wanted() {
            self.ask(reader, span);
        }
        clicked
    }
}

/// A row whose window has not arrived yet.
fn loading_row_ui(row: &mut TableRow<'_, '_>, columns: usize) {
    for n in 0..columns {
        row.col(|ui| {
            if n == 0 {
                ui.label(RichText::new(tr!("storage-row-loading")).weak());
            }
        });
    }
}

/// One project's row; true when it was clicked.
fn project_row_ui(
    row: &mut TableRow<'_, '_>,
    project: &ProjectStorage,
    selected: Option<&str>,
) -> bool {
    let name = project.project.as_str();
    let is_selected = selected == Some(name);
    row.set_selected(is_selected);
    let mut clicked = false;
    row.col(|ui| {
        clicked |= ui
            .selectable_label(is_selected, name)
            .on_hover_text(tr!("storage-project-hover"))
            .clicked();
    });
    row.col(|ui| number_ui(ui, project.repositories.to_string()));
    totals_cells_ui(row, &project.totals, ServerTags::NoColumn);
    row.col(|ui| match project.storage_used_mib.and_then(mib_bytes) {
        Some(used) => number_ui(ui, format_bytes(used)),
        None => unknown_ui(ui),
    });
    row.col(|ui| match project.quota_bytes {
        Some(quota) if quota < 0 => number_ui(ui, tr!("storage-quota-unlimited")),
        Some(quota) => number_ui(ui, format_bytes(quota.unsigned_abs())),
        None => unknown_ui(ui),
    });
    row.col(|ui| completeness_ui(ui, project.complete, &tr!("storage-partial-hint")));
    clicked || row_click(&row.response()) != RowClick::None
}

/// Whether a row shows the server's tag count beside the index's.
#[derive(Clone, Copy)]
enum ServerTags {
    /// No such column (projects).
    NoColumn,
    /// The count the server reported, if it did.
    Reported(Option<i64>),
}

/// The artifacts, tags (the server's count after them for repositories), untagged and size
/// cells.
fn totals_cells_ui(
    row: &mut TableRow<'_, '_>,
    totals: &crate::index::StorageTotals,
    server_tags: ServerTags,
) {
    row.col(|ui| number_ui(ui, totals.artifacts.to_string()));
    row.col(|ui| number_ui(ui, totals.tags.to_string()));
    if let ServerTags::Reported(count) = server_tags {
        row.col(|ui| match count {
            Some(count) => number_ui(ui, count.to_string()),
            None => unknown_ui(ui),
        });
    }
    row.col(|ui| number_ui(ui, totals.untagged_artifacts.to_string()));
    row.col(|ui| number_ui(ui, format_bytes(totals.size_bytes)));
}

/// The repositories of one project.
pub struct RepositoriesTable {
    project: String,
    rows: Windowed<RepositoryStorage>,
    sort: Sort,
    to_top: bool,
}

impl RepositoriesTable {
    /// The table of `project`'s repositories, nothing read yet.
    pub fn new(project: String) -> Self {
        Self {
            project,
            rows: Windowed::default(),
            sort: Sort::default(),
            to_top: false,
        }
    }

    /// The project shown.
    pub fn project(&self) -> &str {
        &self.project
    }

    /// Takes the window that arrived.
    pub fn poll(&mut self) {
        self.rows.window.poll();
    }

    /// Drops the window on its way.
    pub fn abandon(&mut self) {
        self.rows.window.abandon();
    }

    /// Whether a window is on its way.
    pub fn is_pending(&self) -> bool {
        self.rows.window.is_pending()
    }

    /// Reads the window shown again.
    pub fn load(&mut self, reader: Reader<'_>) {
        let span = self.rows.again();
        self.ask(reader, span);
    }

    fn ask(&mut self, reader: Reader<'_>, span: Span) {
        let query = self.sort.query(span);
        let project = self.project.clone();
        self.rows.ask(
            span,
            reader.read(move |index| index.storage_by_repository(&project, &query)),
        );
    }

    /// The height its heading, hint and rows take when none scrolls away.
    pub fn height_wanted(&self, ui: &Ui) -> f32 {
        let line = ui.text_style_height(&egui::TextStyle::Body) + ui.spacing().item_spacing.y;
        let rows = self.rows.total().clamp(1, 1000) as f32;
        3.0 * line + HEADER_HEIGHT + rows * (row_height(ui) + ui.spacing().item_spacing.y) + 12.0
    }

    /// Its heading and table in what is left of `ui`. Returns the repository to open.
    pub fn ui(&mut self, ui: &mut Ui, reader: Reader<'_>) -> Option<Screen> {
        ui.label(
            RichText::new(tr!(
                "storage-repositories-heading",
                project = self.project.as_str()
            ))
            .strong(),
        );
        if let Some(error) = self.rows.window.error()
            && load_error_ui(ui, error)
        {
            self.load(reader);
        }
        let loaded = self.rows.window.value().is_some();
        if loaded && self.rows.total() == 0 {
            ui.label(
                RichText::new(tr!(
                    "storage-no-repositories",
                    project = self.project.as_str()
                ))
                .weak(),
            );
            return None;
        }
        ui.label(RichText::new(self.sort.hint()).small().weak());
        let body_height = (ui.available_height() - HEADER_HEIGHT - 8.0).max(row_height(ui) * 3.0);
        let mut sort_by = None;
        let mut open = None;
        let total = usize::try_from(self.rows.total()).unwrap_or(usize::MAX);
        let to_top = std::mem::take(&mut self.to_top).then_some(0);
        self.rows.shown = None;
        let rows = &mut self.rows;
        table_area(ui, "repositories", |ui| {
            let row_height = row_height(ui);
            let mut table = list_table(ui, "storage repositories", to_top)
                .min_scrolled_height(body_height.min(200.0))
                .max_scroll_height(body_height);
            for column in REPOSITORY_COLUMNS {
                table = table.column(column_of(column));
            }
            table
                .header(HEADER_HEIGHT, |mut header| {
                    sort_by = header_ui(&mut header, &REPOSITORY_COLUMNS, false, self.sort);
                })
                .body(|body| {
                    body.rows(row_height, total, |mut row| {
                        let n = row.index() as u64;
                        rows.note_shown(n);
                        match rows.row(n) {
                            Some(repository) => {
                                if repository_row_ui(&mut row, repository) {
                                    open = Some(Screen::Repository {
                                        project: repository.project.clone(),
                                        name: repository.repository.clone(),
                                    });
                                }
                            }
                            None => loading_row_ui(&mut row, REPOSITORY_COLUMNS.len()),
                        }
                    });
                });
        });
        if let Some(column) = sort_by {
            self.sort = self.sort.clicked(column);
            self.rows.reset();
            self.to_top = true;
        }
        if let Some(span) = self.rows.wanted() {
            self.ask(reader, span);
        }
        open
    }
}

/// One repository's row; true when its name was clicked or the row double-clicked.
fn repository_row_ui(row: &mut TableRow<'_, '_>, repository: &RepositoryStorage) -> bool {
    let mut open = false;
    row.col(|ui| {
        let hover = tr!("storage-repository-hover");
        open |= matches!(
            name_link_ui(ui, repository.repository.as_str(), &hover, &[]),
            Some(NameAction::Open)
        );
    });
    totals_cells_ui(
        row,
        &repository.totals,
        ServerTags::Reported(repository.server_tag_count),
    );
    row.col(|ui| {
        completeness_ui(
            ui,
            repository.complete,
            &tr!("storage-partial-repository-hint"),
        );
    });
    open || row_click(&row.response()) == RowClick::Open
}
