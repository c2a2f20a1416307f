//! The whole repository as the index holds it: a tag filter (which the API lacks), sorting of
//! every artifact by push time, pull time, size or tag (as versions), and one scrolling list in
//! which only the visible rows are read from the index and drawn. Ctrl+A chooses every artifact
//! the filter matches, read from the index at once, not only the rows read.

use std::ops::Range;

use egui::{RichText, Ui};
use poll_promise::Promise;

use super::table::{TableNames, TableOutcome, whole_table_ui};
use super::{kind_text, platforms_text};
use crate::api::models::Artifact;
use crate::export::{Cell, Column, ExportSourceError, Table};
use crate::index::{
    ArtifactOrder, ArtifactQuery, CrawlScope, Index, IndexError, IndexedArtifact, SortDirection,
    Window,
};
use crate::ui::commands::Command;
use crate::ui::export::{ExportRequest, Exporter};
use crate::ui::export_rows::rfc3339;
use crate::ui::multi_select::{Marks, RowSelection};
use crate::ui::view::ViewContext;
use crate::ui::widgets::Filter;

/// Rows on their way from the index.
type Loading = Promise<Result<Window<IndexedArtifact>, IndexError>>;

/// Every row the filter matches, on its way from the index (Ctrl+A).
type LoadingAll = Promise<Result<Vec<IndexedArtifact>, IndexError>>;

/// Rows read from the index at once, and rows read beyond the visible ones on either side.
const WINDOW_ROWS: u32 = 300;
const MARGIN_ROWS: u64 = 100;

/// The whole repository from the index.
pub struct WholeRepository {
    project: String,
    repository: String,
    /// The tag filter.
    pub tag_filter: Filter,
    /// Only artifacts without tags.
    untagged_only: bool,
    /// Only the artifact with this digest (a search result's), until cleared.
    digest: Option<String>,
    order: ArtifactOrder,
    direction: SortDirection,
    /// The rows read last, around what is visible.
    window: Option<Window<IndexedArtifact>>,
    loading: Option<(ArtifactQuery, Loading)>,
    error: Option<String>,
    /// The rows the table drew last frame.
    visible: Range<u64>,
    /// The index's change counter the rows were read at.
    changes_seen: Option<u64>,
    /// The selected artifact's digest.
    pub selected: Option<String>,
    /// The artifacts chosen beside it, by digest.
    pub marks: Marks,
    /// Every artifact the filter matches, being read to be chosen (Ctrl+A).
    choosing_all: Option<LoadingAll>,
    /// A digest to scroll to once its row is known.
    reveal: Option<String>,
    scroll_to: Option<usize>,
    exporter: Exporter,
}

impl WholeRepository {
    /// The whole of `project`/`repository`, newest push first.
    pub fn new(project: String, repository: String) -> Self {
        Self {
            project,
            repository,
            tag_filter: Filter::default(),
            untagged_only: false,
            digest: None,
            order: ArtifactOrder::PushTime,
            direction: SortDirection::Descending,
            window: None,
            loading: None,
            error: None,
            visible: 0..0,
            changes_seen: None,
            selected: None,
            marks: Marks::default(),
            choosing_all: None,
            reveal: None,
            scroll_to: None,
            exporter: Exporter::default(),
        }
    }

    /// The selected artifact, when its row has been read.
    pub fn selected_artifact(&self) -> Option<&Artifact> {
        let digest = self.selected.as_deref()?;
        self.window
            .as_ref()?
            .rows
            .iter()
            .map(|row| &row.artifact)
            .find(|artifact| artifact.digest == digest)
    }

    /// The artifacts read around what is visible, in the list's order.
    pub fn loaded(&self) -> impl Iterator<Item = &Artifact> {
        self.window
            .iter()
            .flat_map(|window| window.rows.iter().map(|row| &row.artifact))
    }

    /// The digests of [`Self::loaded`].
    pub fn loaded_digests(&self) -> Vec<String> {
        self.loaded().map(|a| a.digest.clone()).collect()
    }

    /// Chooses every artifact the filter matches (not only the rows read), once the index
    /// has listed them.
    pub fn choose_all(&mut self, cx: &ViewContext<'_>) {
        let Some(status) = cx.index.as_ref() else {
            return;
        };
        let index = status.index.clone();
        let (project, repository, query) =
            (self.project.clone(), self.repository.clone(), self.query(0));
        self.choosing_all = Some(cx.tasks.spawn(async move {
            index
                .run(move |index| index.all_artifacts(&project, &repository, &query))
                .await
        }));
    }

    /// Takes the artifacts Ctrl+A asked for when they arrived: they are chosen now, and
    /// returned (most of them are not among the rows read).
    pub fn poll_choose_all(&mut self) -> Option<Vec<Artifact>> {
        let choosing = self.choosing_all.take()?;
        match choosing.try_take() {
            Err(choosing) => {
                self.choosing_all = Some(choosing);
                None
            }
            Ok(Ok(rows)) => {
                let all: Vec<Artifact> = rows.into_iter().map(|row| row.artifact).collect();
                let digests: Vec<&str> = all.iter().map(|a| a.digest.as_str()).collect();
                self.marks.select_all(&digests);
                Some(all)
            }
            Ok(Err(error)) => {
                tracing::warn!(%error, "the index could not list the artifacts to choose");
                self.error = Some(error.to_string());
                None
            }
        }
    }

    /// Shows the artifact `digest`: filtered by `tag` when given, else by its digest, selected
    /// and scrolled to.
    pub fn reveal(&mut self, digest: &str, tag: Option<&str>) {
        self.untagged_only = false;
        if let Some(tag) = tag {
            self.tag_filter.set_now(tag);
            self.digest = None;
        } else {
            self.tag_filter.set_now("");
            self.digest = Some(digest.to_owned());
        }
        self.selected = Some(digest.to_owned());
        self.reveal = Some(digest.to_owned());
        self.restart();
    }

    /// Reads the rows again (the index changed: a page was recorded, a crawl wrote).
    pub fn refresh(&mut self) {
        self.changes_seen = None;
    }

    /// The filter or order changed: from the top.
    fn restart(&mut self) {
        self.window = None;
        self.loading = None;
        self.choosing_all = None;
        self.visible = 0..0;
        self.refresh();
    }

    fn query(&self, offset: u64) -> ArtifactQuery {
        ArtifactQuery {
            tag_contains: self.tag_filter.applied().to_owned(),
            untagged_only: self.untagged_only,
            digest_prefix: self.digest.clone().unwrap_or_default(),
            order: self.order,
            direction: self.direction,
            offset,
            limit: WINDOW_ROWS,
        }
    }

    /// Takes the rows that arrived; asks for rows when the visible ones are not read, or the
    /// index changed.
    fn load(&mut self, cx: &ViewContext<'_>) {
        if let Some((query, loading)) = self.loading.take() {
            match loading.try_take() {
                Err(loading) => {
                    self.loading = Some((query, loading));
                    return;
                }
                Ok(Ok(window)) => {
                    self.error = None;
                    if query == self.query(query.offset) {
                        self.take_window(window);
                    }
                }
                Ok(Err(error)) => {
                    tracing::warn!(%error, "the index could not list the artifacts");
                    self.error = Some(error.to_string());
                }
            }
        }
        let Some(status) = cx.index.as_ref() else {
            return;
        };
        let changed = self.changes_seen != Some(status.changes);
        let offset = self.visible.start.saturating_sub(MARGIN_ROWS);
        let covered = self.window.as_ref().is_some_and(|window| {
            let end = window.offset + window.rows.len() as u64;
            window.offset <= self.visible.start && (self.visible.end <= end || end >= window.total)
        });
        if changed || !covered {
            self.changes_seen = Some(status.changes);
            let query = self.query(offset);
            let index = status.index.clone();
            let (project, repository, asked) =
                (self.project.clone(), self.repository.clone(), query.clone());
            self.loading = Some((
                query,
                cx.tasks.spawn(async move {
                    index
                        .run(move |index| index.artifacts(&project, &repository, &asked))
                        .await
                }),
            ));
        }
    }

    fn take_window(&mut self, window: Window<IndexedArtifact>) {
        if let Some(digest) = &self.reveal
            && let Some(position) = window
                .rows
                .iter()
                .position(|row| &row.artifact.digest == digest)
        {
            self.scroll_to = usize::try_from(window.offset).ok().map(|o| o + position);
            self.reveal = None;
        }
        self.window = Some(window);
    }

    /// The toolbar, the list and its states; what the user did in the table.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        cx: &mut ViewContext<'_>,
        names: &TableNames<'_>,
    ) -> TableOutcome {
        self.load(cx);
        self.toolbar_ui(ui, cx);
        if cx.index.is_none() {
            ui.label(tr!("artifacts-index-unavailable"));
            return TableOutcome::default();
        }
        if let Some(error) = &self.error {
            ui.label(
                RichText::new(tr!("artifacts-index-read-failed"))
                    .color(ui.visuals().error_fg_color),
            )
            .on_hover_text(error);
        }
        let Some(window) = &self.window else {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label(tr!("artifacts-index-reading"));
            });
            return TableOutcome::default();
        };
        if window.total == 0 {
            let filtered = !self.tag_filter.applied().is_empty()
                || self.untagged_only
                || self.digest.is_some();
            ui.label(if filtered {
                tr!("artifacts-index-no-match")
            } else {
                tr!("artifacts-index-empty")
            });
            return TableOutcome::default();
        }
        let offset = window.offset;
        let rows = &window.rows;
        let row_at = |row: usize| -> Option<&Artifact> {
            let position = (row as u64).checked_sub(offset)?;
            rows.get(usize::try_from(position).ok()?)
                .map(|indexed| &indexed.artifact)
        };
        let total = usize::try_from(window.total).unwrap_or(usize::MAX);
        let scroll_to = self.scroll_to.take();
        let (outcome, drawn) = whole_table_ui(
            ui,
            names,
            total,
            &row_at,
            RowSelection {
                cursor: self.selected.as_deref(),
                marks: &self.marks,
            },
            scroll_to,
        );
        self.visible = drawn.start as u64..drawn.end as u64;
        outcome
    }

    fn toolbar_ui(&mut self, ui: &mut Ui, cx: &mut ViewContext<'_>) {
        ui.horizontal_wrapped(|ui| {
            // A part that does not fit goes to the next line whole ("Export" never breaks).
            ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Extend);
            if self.tag_filter.ui(
                ui,
                &tr!("artifacts-index-tag-filter"),
                &tr!("artifacts-index-tag-filter-hint"),
            ) {
                self.digest = None;
                self.restart();
            }
            if let Some(digest) = self.digest.clone() {
                let short: String = digest.chars().take(19).collect();
                if ui
                    .small_button(tr!("artifacts-index-digest-filter", digest = short))
                    .on_hover_text(tr!("artifacts-index-digest-filter-hint"))
                    .clicked()
                {
                    self.digest = None;
                    self.restart();
                }
            }
            if ui
                .checkbox(
                    &mut self.untagged_only,
                    tr!("artifacts-index-untagged-only"),
                )
                .changed()
            {
                self.restart();
            }
            let mut order = self.order;
            egui::ComboBox::from_id_salt(("artifacts order", &self.project, &self.repository))
                .selected_text(order_text(order))
                .show_ui(ui, |ui| {
                    for choice in [
                        ArtifactOrder::PushTime,
                        ArtifactOrder::PullTime,
                        ArtifactOrder::Size,
                        ArtifactOrder::Tag,
                    ] {
                        ui.selectable_value(&mut order, choice, order_text(choice));
                    }
                })
                .response
                .on_hover_text(tr!("artifacts-index-order-hint"));
            if order != self.order {
                self.order = order;
                self.restart();
            }
            let (arrow, hint) = match self.direction {
                SortDirection::Descending => ("⏷", tr!("artifacts-index-descending")),
                SortDirection::Ascending => ("⏶", tr!("artifacts-index-ascending")),
            };
            if ui.button(arrow).on_hover_text(hint).clicked() {
                self.direction = match self.direction {
                    SortDirection::Descending => SortDirection::Ascending,
                    SortDirection::Ascending => SortDirection::Descending,
                };
                self.restart();
            }
            ui.separator();
            self.status_ui(ui, cx);
        });
        ui.add_space(4.0);
    }

    /// How many, how fresh, Re-index and Export.
    fn status_ui(&mut self, ui: &mut Ui, cx: &mut ViewContext<'_>) {
        if let Some(window) = &self.window {
            ui.label(RichText::new(tr!("artifacts-index-count", total = window.total)).weak());
        }
        if self.choosing_all.is_some() {
            ui.spinner();
            ui.label(RichText::new(tr!("artifacts-index-choosing-all")).weak());
        }
        let scope = CrawlScope::Repository {
            project: self.project.clone(),
            repository: self.repository.clone(),
        };
        let crawling = cx
            .index
            .as_ref()
            .is_some_and(|status| status.crawling.contains(&scope));
        if crawling {
            ui.spinner();
            ui.label(RichText::new(tr!("artifacts-index-reindexing")).weak());
        } else if ui
            .add_enabled(
                !cx.offline && cx.index.is_some(),
                egui::Button::new(tr!("artifacts-index-reindex")),
            )
            .on_hover_text(tr!("artifacts-index-reindex-hint"))
            .on_disabled_hover_text(tr!("offline-read-only-hint"))
            .clicked()
        {
            cx.commands.push(Command::Crawl(scope));
        }
        let index = cx.index.as_ref().map(|status| status.index.clone());
        let has_rows = self.window.as_ref().is_some_and(|w| w.total > 0);
        let query = self.query(0);
        let (project, repository) = (self.project.clone(), self.repository.clone());
        self.exporter
            .menu_ui(ui, cx, has_rows && index.is_some(), || {
                let stem = format!("artifacts-{}", repository.replace('/', "-"));
                // Worded here, on the UI thread, in the shown language.
                let columns = export_columns();
                ExportRequest::new(stem, async move {
                    let Some(index) = index else {
                        return Ok(Table::new(columns));
                    };
                    export_table(index, project, repository, query, columns).await
                })
            });
    }
}

/// What the order is called.
fn order_text(order: ArtifactOrder) -> String {
    match order {
        ArtifactOrder::PushTime => tr!("artifacts-index-order-pushed"),
        ArtifactOrder::PullTime => tr!("artifacts-index-order-pulled"),
        ArtifactOrder::Size => tr!("artifacts-index-order-size"),
        ArtifactOrder::Tag => tr!("artifacts-index-order-tag"),
    }
}

/// The export's columns: stable keys, titles in the shown language.
fn export_columns() -> Vec<Column> {
    vec![
        Column::new("project", tr!("export-column-project")),
        Column::new("repository", tr!("export-column-repository")),
        Column::new("digest", tr!("artifacts-column-digest")),
        Column::new("tags", tr!("artifacts-column-tags")),
        Column::new("type", tr!("artifacts-column-type")),
        Column::new("size_bytes", tr!("artifacts-column-size")),
        Column::new("platforms", tr!("artifacts-column-platforms")),
        Column::new("pushed", tr!("artifacts-column-pushed")),
        Column::new("pulled", tr!("artifacts-column-pulled")),
    ]
}

/// Every artifact the filter and order show, read from the index at once.
async fn export_table(
    index: Index,
    project: String,
    repository: String,
    query: ArtifactQuery,
    columns: Vec<Column>,
) -> Result<Table, ExportSourceError> {
    let mut table = Table::new(columns);
    let (p, r) = (project.clone(), repository.clone());
    let rows = index
        .run(move |index| index.all_artifacts(&p, &r, &query))
        .await?;
    for row in rows {
        let artifact = row.artifact;
        table.push_row(vec![
            Cell::from(project.as_str()),
            Cell::from(repository.as_str()),
            Cell::from(artifact.digest.as_str()),
            Cell::from(
                artifact
                    .tags
                    .iter()
                    .map(|tag| tag.name.as_str())
                    .collect::<Vec<_>>()
                    .join(" "),
            ),
            Cell::from(kind_text(&artifact)),
            Cell::from(artifact.size),
            Cell::from(platforms_text(&artifact)),
            Cell::from(rfc3339(artifact.push_time.as_ref())),
            Cell::from(rfc3339(artifact.pull_time.as_ref())),
        ]);
    }
    Ok(table)
}
