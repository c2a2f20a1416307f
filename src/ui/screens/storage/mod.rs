//! The storage screen: how fresh the local index is, its indexing runs and settings
//! (`index_panel.rs`); what every project and repository holds by the index beside the server's
//! own figures, sortable by any column over the whole list (`tables.rs`); and the largest
//! repositories of the registry as bars (`bars.rs`). Everything is read from the index in windows,
//! off the UI thread, and read again when indexing changes the index.

mod bars;
mod index_panel;
mod tables;

use std::time::{Duration, Instant};

use egui::{RichText, Ui};

use crate::index::storage::RegistryStorage;
use crate::index::{Index, IndexError, RepositoryStorage};
use crate::session::IndexStatus;
use crate::tasks::{Remote, Tasks};
use crate::ui::commands::Command;
use crate::ui::screen::Screen;
use crate::ui::view::{View, ViewContext};
use crate::ui::widgets::{format_bytes, notice_ui};

use crate::ui::export::SaveTo;
use bars::largest_bars_ui;
use index_panel::IndexPanel;
use tables::{ProjectsTable, RepositoriesTable, mib_bytes};

/// The least time between two reloads while indexing keeps changing the index.
const RELOAD_EVERY: Duration = Duration::from_secs(1);

/// How many of the largest repositories the bars show.
const LARGEST_SHOWN: u32 = 10;

/// The width of the bars of the largest repositories, beside the index panel.
const BARS_WIDTH: f32 = 270.0;

/// Where the screen reads: the tasks that run its queries and the index they read.
#[derive(Clone, Copy)]
pub struct Reader<'a> {
    tasks: &'a Tasks,
    /// The index read.
    pub index: &'a Index,
}

impl Reader<'_> {
    /// Runs `work` on the index off the UI thread; its answer wakes the UI.
    fn read<T: Send + 'static>(
        self,
        work: impl FnOnce(&Index) -> Result<T, IndexError> + Send + 'static,
    ) -> poll_promise::Promise<Result<T, IndexError>> {
        let index = self.index.clone();
        self.tasks.spawn(async move { index.run(work).await })
    }
}

/// The storage screen's state.
#[derive(Default)]
pub struct StorageView {
    panel: IndexPanel,
    projects: ProjectsTable,
    repositories: Option<RepositoriesTable>,
    largest: Remote<Vec<RepositoryStorage>, IndexError>,
    registry: Remote<RegistryStorage, IndexError>,
    /// The index's change counter when the screen last read it.
    loaded_changes: Option<u64>,
    /// When the screen last read the index.
    loaded_at: Option<Instant>,
}

impl View for StorageView {
    fn open(&mut self, screen: &Screen) -> bool {
        *screen == Screen::Storage
    }

    fn reload(&mut self, cx: &ViewContext<'_>) {
        if let Some(status) = &cx.index {
            self.load(cx.tasks, status);
        }
    }

    fn leave(&mut self) {
        self.projects.abandon();
        if let Some(repositories) = &mut self.repositories {
            repositories.abandon();
        }
        self.largest.abandon();
        self.registry.abandon();
        // Back on the screen, everything is read again.
        self.loaded_changes = None;
        self.loaded_at = None;
    }

    fn ui(&mut self, ui: &mut Ui, cx: &mut ViewContext<'_>) {
        ui.heading(tr!("nav-storage"));
        let Some(status) = cx.index.as_ref() else {
            notice_ui(ui, tr!("storage-no-index"));
            if let Some(problem) = cx.index_problem {
                ui.label(
                    RichText::new(index_panel::index_error_text(problem))
                        .color(ui.visuals().warn_fg_color),
                );
            }
            return;
        };
        let reader = Reader {
            tasks: cx.tasks,
            index: status.index,
        };
        self.poll();
        self.reload_when_changed(ui.ctx(), cx.tasks, status);

        let freshness = status.freshness;
        let held = freshness.map_or(0, |f| f.projects);
        if held == 0 && self.projects.total() == 0 {
            // The panel says that nothing is indexed yet; an index that was walked and found
            // nothing says so under it.
            self.panel
                .ui(ui, status, cx.offline, cx.client.host(), cx.commands);
            if freshness.is_some_and(|f| f.last_complete_crawl_ms.is_some()) {
                ui.add_space(4.0);
                notice_ui(ui, tr!("storage-index-empty"));
            }
            return;
        }

        // The panel and the bars side by side, so that the tables below get the whole width.
        let mut navigate = None;
        ui.horizontal_top(|ui| {
            let spacing = ui.spacing().item_spacing.x;
            let bars_width = BARS_WIDTH.min(ui.available_width() * 0.4);
            let panel_width = (ui.available_width() - bars_width - 3.0 * spacing).max(200.0);
            ui.vertical(|ui| {
                ui.set_width(panel_width);
                self.panel
                    .ui(ui, status, cx.offline, cx.client.host(), cx.commands);
                ui.add_space(4.0);
                totals_ui(ui, &self.registry);
            });
            ui.add_space(spacing);
            ui.vertical(|ui| {
                ui.set_width(bars_width);
                navigate = largest_bars_ui(ui, &self.largest);
            });
        });
        ui.add_space(4.0);
        let selected = self.repositories.as_ref().map(|r| r.project().to_owned());
        let room = ui.available_height();
        let line = ui.text_style_height(&egui::TextStyle::Body) + ui.spacing().item_spacing.y;
        let projects_height = match &self.repositories {
            // The repositories get what they need, up to a little more than half.
            Some(repositories) => (room - repositories.height_wanted(ui))
                .max(room * 0.45)
                .max(120.0),
            None => room - line,
        };
        let save_to = SaveTo::of(cx);
        if let Some(project) =
            self.projects
                .ui(ui, reader, save_to, selected.as_deref(), projects_height)
            && selected.as_deref() != Some(project.as_str())
        {
            let mut table = RepositoriesTable::new(project);
            table.load(reader);
            self.repositories = Some(table);
        }
        if let Some(repositories) = &mut self.repositories {
            ui.add_space(6.0);
            if let Some(screen) = repositories.ui(ui, reader) {
                navigate = Some(screen);
            }
        } else {
            ui.label(RichText::new(tr!("storage-pick-project")).weak());
        }
        if let Some(screen) = navigate {
            cx.commands.push(Command::Navigate(screen));
        }
    }
}

impl StorageView {
    /// Takes the answers that arrived.
    fn poll(&mut self) {
        self.projects.poll();
        if let Some(repositories) = &mut self.repositories {
            repositories.poll();
        }
        self.largest.poll();
        self.registry.poll();
    }

    /// Reads everything again when indexing changed the index, at most once per
    /// [`RELOAD_EVERY`] (a running walk changes it about once a second).
    fn reload_when_changed(
        &mut self,
        ctx: &egui::Context,
        tasks: &Tasks,
        status: &IndexStatus<'_>,
    ) {
        if self.loaded_changes == Some(status.changes) {
            return;
        }
        // The reads asked for last finish first: on a large index a read can take longer than
        // the walk takes to change it again, and reads asked for anew each time would queue up
        // and never land.
        let pending = self.projects.is_pending()
            || self
                .repositories
                .as_ref()
                .is_some_and(RepositoriesTable::is_pending)
            || self.largest.is_pending()
            || self.registry.is_pending();
        if pending {
            ctx.request_repaint_after(RELOAD_EVERY);
            return;
        }
        let since = self.loaded_at.map(|at| at.elapsed());
        match since {
            Some(since) if since < RELOAD_EVERY => {
                ctx.request_repaint_after(RELOAD_EVERY.saturating_sub(since));
            }
            _ => self.load(tasks, status),
        }
    }

    /// Reads every part of the screen from the index again; what is shown stays until the
    /// answers arrive.
    fn load(&mut self, tasks: &Tasks, status: &IndexStatus<'_>) {
        let reader = Reader {
            tasks,
            index: status.index,
        };
        self.loaded_changes = Some(status.changes);
        self.loaded_at = Some(Instant::now());
        self.projects.load(reader);
        if let Some(repositories) = &mut self.repositories {
            repositories.load(reader);
        }
        self.largest
            .request(reader.read(|index| index.largest_repositories(LARGEST_SHOWN)));
        self.registry.request(reader.read(Index::registry_storage));
    }
}

/// The registry's totals, and what the summed sizes mean.
fn totals_ui(ui: &mut Ui, registry: &Remote<RegistryStorage, IndexError>) {
    if let Some(registry) = registry.value() {
        let totals = registry.totals;
        ui.label(tr!(
            "storage-totals",
            artifacts = totals.artifacts,
            tags = totals.tags,
            untagged = totals.untagged_artifacts,
            size = format_bytes(totals.size_bytes)
        ));
        if let Some(used) = registry.storage_used_mib.and_then(mib_bytes) {
            ui.label(RichText::new(tr!("storage-totals-used", used = format_bytes(used))).weak());
        }
    }
    ui.label(RichText::new(tr!("storage-size-note")).small().weak());
}
