//! What every paged, filtered list screen shares: the page and the filter, the list as the
//! server answered it, the selected row, and the toolbar, states and pager around the table.

use egui::{Rect, Ui, UiBuilder};

use crate::api::{Page, PageRequest};
use crate::tasks::Remote;
use crate::ui::export::{ExportRequest, Exporter};
use crate::ui::export_rows::ExportRows;
use crate::ui::feedback::{Notice, notify};
use crate::ui::multi_select::{ChosenAction, MarkKey, Marks, RowSelection, chosen_ui, mark_key};
use crate::ui::read_only::change_button;
use crate::ui::view::{Remembered, ViewContext};
use crate::ui::widgets::{ErrorAction, Filter, Pager, error_box_ui, notice_ui};

/// What a list screen lists: chooses the sentences that name the things (counted with the
/// language's plural rules), never a noun glued into a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ListKind {
    /// Projects.
    Projects,
    /// A project's repositories.
    Repositories,
    /// A repository's artifacts.
    Artifacts,
    /// Helm charts.
    Charts,
}

impl ListKind {
    /// "Select a project first": why Delete… is off.
    pub fn select_first(self) -> String {
        match self {
            Self::Projects => tr!("list-select-first-project"),
            Self::Repositories => tr!("list-select-first-repository"),
            Self::Artifacts => tr!("list-select-first-artifact"),
            Self::Charts => tr!("list-select-first-chart"),
        }
    }

    /// "No project name contains “x”".
    pub fn no_match(self, filter: &str) -> String {
        match self {
            Self::Projects => tr!("list-no-match-projects", filter = filter),
            Self::Repositories => tr!("list-no-match-repositories", filter = filter),
            Self::Artifacts => tr!("list-no-match-artifacts", filter = filter),
            Self::Charts => tr!("list-no-match-charts", filter = filter),
        }
    }

    /// "Loading projects…".
    pub fn loading(self) -> String {
        match self {
            Self::Projects => tr!("list-loading-projects"),
            Self::Repositories => tr!("list-loading-repositories"),
            Self::Artifacts => tr!("list-loading-artifacts"),
            Self::Charts => tr!("list-loading-charts"),
        }
    }

    /// "3 projects": how many there are in all.
    pub fn count(self, total: u64) -> String {
        match self {
            Self::Projects => tr!("list-count-projects", total = total),
            Self::Repositories => tr!("list-count-repositories", total = total),
            Self::Artifacts => tr!("list-count-artifacts", total = total),
            Self::Charts => tr!("list-count-charts", total = total),
        }
    }

    /// "Created project demo; the list is filtered to show it".
    pub fn created(self, name: &str) -> String {
        match self {
            Self::Projects => tr!("notice-created-project", name = name),
            Self::Repositories => tr!("notice-created-repository", name = name),
            Self::Artifacts => tr!("notice-created-artifact", name = name),
            Self::Charts => tr!("notice-created-chart", name = name),
        }
    }

    /// "Deleted project demo".
    pub fn deleted(self, name: &str) -> String {
        match self {
            Self::Projects => tr!("notice-deleted-project", name = name),
            Self::Repositories => tr!("notice-deleted-repository", name = name),
            Self::Artifacts => tr!("notice-deleted-artifact", name = name),
            Self::Charts => tr!("notice-deleted-chart", name = name),
        }
    }

    /// "Deleted project demo; the filter is cleared to show the rest".
    pub fn deleted_filter_cleared(self, name: &str) -> String {
        match self {
            Self::Projects => tr!("notice-deleted-project-filter-cleared", name = name),
            Self::Repositories => tr!("notice-deleted-repository-filter-cleared", name = name),
            Self::Artifacts => tr!("notice-deleted-artifact-filter-cleared", name = name),
            Self::Charts => tr!("notice-deleted-chart-filter-cleared", name = name),
        }
    }

    /// "Page 1 of 3, 25 projects".
    pub fn position(self, page: u32, pages: u32, total: u64) -> String {
        match self {
            Self::Projects => tr!(
                "pager-position-projects",
                page = page,
                pages = pages,
                total = total
            ),
            Self::Repositories => {
                tr!(
                    "pager-position-repositories",
                    page = page,
                    pages = pages,
                    total = total
                )
            }
            Self::Artifacts => tr!(
                "pager-position-artifacts",
                page = page,
                pages = pages,
                total = total
            ),
            Self::Charts => tr!(
                "pager-position-charts",
                page = page,
                pages = pages,
                total = total
            ),
        }
    }
}

/// The words a list screen uses, in the shown language (built each frame).
pub struct ListTexts {
    /// What is listed.
    pub kind: ListKind,
    /// The button that opens the create dialog ("New project…"), for lists that have one.
    pub new_button: Option<String>,
    /// What an empty list says when no filter is applied.
    pub empty: String,
    /// The title of the error box when the list cannot be loaded.
    pub load_error: String,
}

/// What the user asked for around the list this frame.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ListAction {
    /// Nothing.
    None,
    /// Load the list again (filter, page or page size changed, or Retry).
    Reload,
    /// Open the create dialog.
    New,
    /// Confirm deleting this selected item.
    Delete(String),
    /// Confirm deleting these chosen items (a bulk delete).
    DeleteMany(Vec<String>),
}

/// What the keyboard asked for in a list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyAction {
    /// Up or Down selected this item.
    Selected(String),
    /// Enter: open the selected item.
    Open(String),
    /// Delete: ask to delete the selected item.
    Delete(String),
    /// Delete while several rows are chosen: ask to delete them all.
    DeleteMany(Vec<String>),
}

/// A paged, filtered list of `T` and its selected item's name.
pub struct PagedList<T: Send + 'static> {
    /// Page and page size.
    pub pager: Pager,
    /// The name filter.
    pub filter: Filter,
    /// The current page as the server answered it.
    pub list: Remote<Page<T>>,
    /// The name of the selected item (the keyboard's row, whose detail shows).
    pub selected: Option<String>,
    /// The rows chosen beside it (Ctrl/Shift+click, Ctrl+A, Space).
    pub marks: Marks,
    /// The row to scroll into view on the next frame (after a keyboard move).
    scroll_to: Option<usize>,
    /// The kind of list, under which its page size is remembered ("" for none).
    kind: &'static str,
    /// Names an item, so a selection the page no longer shows can be dropped.
    name_of: Option<fn(&T) -> &str>,
    /// Whether the remembered page size was taken.
    size_adopted: bool,
    /// The Export menu of the page shown.
    exporter: Exporter,
}

impl<T: Send + 'static> Default for PagedList<T> {
    fn default() -> Self {
        Self {
            pager: Pager::default(),
            filter: Filter::default(),
            list: Remote::default(),
            selected: None,
            marks: Marks::default(),
            scroll_to: None,
            kind: "",
            name_of: None,
            size_adopted: false,
            exporter: Exporter::default(),
        }
    }
}

impl<T: Send + 'static> PagedList<T> {
    /// A list of `kind` ("projects"), whose items `name_of` names: its page size is remembered
    /// per kind, and a selection the page no longer shows is dropped.
    pub fn new(kind: &'static str, name_of: fn(&T) -> &str) -> Self {
        Self {
            kind,
            name_of: Some(name_of),
            ..Self::default()
        }
    }

    /// Takes the page size remembered for this kind of list before the first request, and
    /// remembers the one the user picks; call every frame before drawing.
    pub fn sync_page_size(&mut self, remembered: &mut Remembered) {
        if self.kind.is_empty() {
            return;
        }
        if !self.size_adopted {
            self.size_adopted = true;
            if let Some(size) = remembered.page_sizes.get(self.kind) {
                self.pager.page_size = *size;
            }
        } else if remembered.page_sizes.get(self.kind) != Some(&self.pager.page_size) {
            remembered
                .page_sizes
                .insert(self.kind, self.pager.page_size);
        }
    }

    /// The selected item's name when the page on screen shows it: actions apply only to what
    /// the user can see.
    pub fn visible_selection(&self) -> Option<&str> {
        let selected = self.selected.as_deref()?;
        match (self.name_of, self.list.value()) {
            (Some(name_of), Some(page)) => page
                .items
                .iter()
                .any(|item| name_of(item) == selected)
                .then_some(selected),
            (None, _) => Some(selected),
            (Some(_), None) => None,
        }
    }

    /// The request for the current page and filter.
    pub fn page_request(&self) -> PageRequest {
        PageRequest::new(self.pager.page, self.pager.page_size).filtered(self.filter.applied())
    }

    /// Takes the answer when it arrives (a refused password goes to the app); true on that
    /// frame.
    /// A selection the new page does not show is dropped: nothing acts on a row the user
    /// cannot see.
    pub fn poll(&mut self, cx: &mut ViewContext<'_>) -> bool {
        let arrived = self.list.poll();
        if arrived {
            cx.report(self.list.error());
            if self.list.error().is_none() && self.visible_selection().is_none() {
                self.selected = None;
            }
            if let (Some(page), Some(name_of)) = (self.list.value(), self.name_of) {
                let shown: Vec<&str> = page.items.iter().map(name_of).collect();
                self.marks.retain_shown(&shown);
            }
        }
        arrived
    }

    /// Shows `name`, a new item of `kind`, after it was created: the filter is set to it, so it
    /// is on the first page, and it is selected; the notice says so, naming it `full_name`
    /// ("demo/team/api" for a repository), in the shown language.
    pub fn announce_created(
        &mut self,
        ctx: &egui::Context,
        kind: ListKind,
        name: &str,
        full_name: &str,
    ) {
        self.filter.set_now(name);
        self.pager.page = 1;
        self.selected = Some(name.to_owned());
        let full_name = full_name.to_owned();
        notify(ctx, Notice::words(move || kind.created(&full_name)));
    }

    /// An item of `kind` (`full_name`: "demo/team/api") was deleted: the selection goes, and
    /// when it was all the filter matched, the filter is cleared so the list does not stand
    /// empty; the notice says what happened, in the shown language.
    pub fn announce_deleted(&mut self, ctx: &egui::Context, kind: ListKind, full_name: &str) {
        self.selected = None;
        let alone = self
            .list
            .value()
            .is_some_and(|page| page.items.len() <= 1 && page.total <= 1);
        let full_name = full_name.to_owned();
        if alone && !self.filter.applied().is_empty() {
            self.filter.set_now("");
            self.pager.page = 1;
            notify(
                ctx,
                Notice::words(move || kind.deleted_filter_cleared(&full_name)),
            );
        } else {
            notify(ctx, Notice::words(move || kind.deleted(&full_name)));
        }
    }

    /// The toolbar: an optional heading, the filter, and on the right New…, Delete… (for the
    /// selected item), what `more` adds, Export (the page shown, as `export` says) and a
    /// spinner while loading.
    pub fn toolbar_ui(
        &mut self,
        ui: &mut Ui,
        heading: Option<&str>,
        texts: &ListTexts,
        export: Option<(&ViewContext<'_>, &ExportRows<T>)>,
        more: Option<&mut dyn FnMut(&mut Ui)>,
    ) -> ListAction {
        let mut action = ListAction::None;
        ui.horizontal(|ui| {
            if let Some(heading) = heading {
                ui.heading(heading);
                ui.add_space(12.0);
            }
            if self
                .filter
                .ui(ui, &tr!("list-filter"), &tr!("list-filter-hint"))
            {
                self.pager.page = 1;
                action = ListAction::Reload;
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if let Some(new_button) = &texts.new_button
                    && change_button(ui, true, new_button).clicked()
                {
                    action = ListAction::New;
                }
                if let Some(more) = more {
                    more(ui);
                }
                if let Some((cx, rows)) = export {
                    let page = self.list.value();
                    let has_rows = page.is_some_and(|page| !page.items.is_empty());
                    self.exporter.menu_ui(ui, cx, has_rows, || {
                        let table = page.map(|page| rows.table(&page.items)).unwrap_or_default();
                        ExportRequest::new(rows.file_stem.clone(), std::future::ready(Ok(table)))
                    });
                }
                if self.marks.is_empty() {
                    let visible = self.visible_selection().map(str::to_owned);
                    if change_button(ui, visible.is_some(), tr!("list-delete"))
                        .on_disabled_hover_text(texts.kind.select_first())
                        .clicked()
                        && let Some(name) = visible
                    {
                        action = ListAction::Delete(name);
                    }
                } else if chosen_ui(ui, &mut self.marks, false) == ChosenAction::Delete {
                    action = ListAction::DeleteMany(self.marks.names().to_vec());
                }
                if self.list.is_pending() {
                    ui.spinner();
                }
            });
        });
        ui.add_space(4.0);
        action
    }

    /// A click on the row of the item named `name`, with the modifiers held: selects it, and
    /// with Ctrl or Shift adds it (or the range up to it) to the chosen rows.
    pub fn row_clicked(&mut self, name: String, modifiers: egui::Modifiers) {
        if let (Some(page), Some(name_of)) = (self.list.value(), self.name_of) {
            let shown: Vec<&str> = page.items.iter().map(name_of).collect();
            self.marks
                .click(&shown, &name, self.selected.as_deref(), modifiers);
        }
        self.selected = Some(name);
    }

    /// The items named `names` on the page shown, in the page's order.
    pub fn items_named(&self, names: &[String]) -> Vec<&T> {
        match (self.list.value(), self.name_of) {
            (Some(page), Some(name_of)) => page
                .items
                .iter()
                .filter(|item| names.iter().any(|n| n == name_of(item)))
                .collect(),
            _ => Vec::new(),
        }
    }

    /// The error of the last load, with Retry.
    pub fn error_ui(&self, ui: &mut Ui, texts: &ListTexts) -> ListAction {
        let Some(error) = self.list.error() else {
            return ListAction::None;
        };
        let retry = error_box_ui(ui, &texts.load_error, error) == ErrorAction::Retry;
        ui.add_space(4.0);
        if retry {
            ListAction::Reload
        } else {
            ListAction::None
        }
    }

    /// Up and Down move the selection, Enter opens the selected item and Delete asks to delete
    /// it, while no text field has the keyboard and no dialog is open. `name_of` names an item.
    pub fn keyboard(&mut self, ui: &Ui, name_of: impl Fn(&T) -> &str) -> Option<KeyAction> {
        let free = ui
            .ctx()
            .memory(|m| m.focused().is_none() && m.top_modal_layer().is_none());
        if !free {
            return None;
        }
        let (down, up, enter, delete) = ui.input(|i| {
            (
                i.key_pressed(egui::Key::ArrowDown),
                i.key_pressed(egui::Key::ArrowUp),
                i.key_pressed(egui::Key::Enter),
                i.key_pressed(egui::Key::Delete),
            )
        });
        if let Some(key) = mark_key(ui, &self.marks)
            && let (Some(page), Some(own_name_of)) = (self.list.value(), self.name_of)
        {
            let shown: Vec<&str> = page.items.iter().map(own_name_of).collect();
            match key {
                MarkKey::All => self.marks.select_all(&shown),
                MarkKey::Clear => self.marks.clear(),
                MarkKey::Toggle => {
                    if let Some(cursor) = self.selected.clone() {
                        self.marks.toggle(&cursor);
                    }
                }
            }
        }
        let items = &self.list.value()?.items;
        let last = items.len().checked_sub(1)?;
        let current = self
            .selected
            .as_deref()
            .and_then(|selected| items.iter().position(|item| name_of(item) == selected));
        let moved = match (down, up, current) {
            (true, _, None) | (_, true, None) => Some(0),
            (true, _, Some(row)) => Some((row + 1).min(last)),
            (_, true, Some(row)) => Some(row.saturating_sub(1)),
            _ => None,
        };
        if let Some(row) = moved {
            let name = name_of(items.get(row)?).to_owned();
            self.selected = Some(name.clone());
            self.scroll_to = Some(row);
            return Some(KeyAction::Selected(name));
        }
        if delete && !self.marks.is_empty() {
            return Some(KeyAction::DeleteMany(self.marks.names().to_vec()));
        }
        let selected = self.selected.clone()?;
        if enter {
            Some(KeyAction::Open(selected))
        } else if delete {
            Some(KeyAction::Delete(selected))
        } else {
            None
        }
    }

    /// The list itself: `table` draws the items (given the selected name and a row to scroll
    /// to), or a notice says the list is empty (and why), or a spinner says it is loading.
    pub fn contents_ui<R>(
        &mut self,
        ui: &mut Ui,
        texts: &ListTexts,
        table: impl FnOnce(&mut Ui, &[T], RowSelection<'_>, Option<usize>) -> R,
    ) -> Option<R> {
        let scroll_to = self.scroll_to.take();
        match self.list.value() {
            Some(page) if page.items.is_empty() => {
                if self.filter.applied().is_empty() {
                    notice_ui(ui, &texts.empty);
                } else {
                    notice_ui(ui, texts.kind.no_match(self.filter.applied()));
                }
                None
            }
            Some(page) => {
                let selection = RowSelection {
                    cursor: self.selected.as_deref(),
                    marks: &self.marks,
                };
                Some(table(ui, &page.items, selection, scroll_to))
            }
            None => {
                if self.list.is_pending() {
                    ui.horizontal(|ui| {
                        ui.spinner();
                        ui.label(texts.kind.loading());
                    });
                }
                None
            }
        }
    }

    /// The pager under the list.
    pub fn pager_ui(&mut self, ui: &mut Ui, texts: &ListTexts) -> ListAction {
        let total = self.list.value().map(|page| page.total);
        ui.add_space(4.0);
        if self.pager.ui(ui, total, texts.kind) {
            ListAction::Reload
        } else {
            ListAction::None
        }
    }
}

/// The part of `ui` above the pager, for the list (and a detail pane beside it), so the pager
/// stays at the bottom of the screen.
pub fn list_area_ui(ui: &mut Ui) -> Ui {
    let pager_height = ui.spacing().interact_size.y + 10.0;
    let height = (ui.available_height() - pager_height).max(60.0);
    let rect = Rect::from_min_size(ui.cursor().min, egui::vec2(ui.available_width(), height));
    let area = ui.new_child(UiBuilder::new().max_rect(rect).layout(*ui.layout()));
    ui.advance_cursor_after_rect(rect);
    area
}
