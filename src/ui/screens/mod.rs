//! The screens of the central panel, one file each, and their registry: [`view_for`] is the one
//! place that knows which view shows which [`Screen`], and [`ScreenViews`] keeps one view per
//! kind of screen, so the user finds a list as they left it. Screens never import each other.

mod account;
mod activity;
mod artifacts;
mod charts;
mod cleanup;
mod profiles;
mod projects;
mod repositories;
mod storage;

use std::collections::HashMap;
use std::mem::Discriminant;

pub use profiles::{ProfilesContext, ProfilesView};
pub use projects::{SortColumn, TableOutcome, projects_table_ui};

use super::screen::Screen;
use super::view::{View, ViewContext};

/// A new view for `screen`; `None` for the profiles screen, which needs no connection and is
/// drawn by the app itself.
fn view_for(screen: &Screen) -> Option<Box<dyn View>> {
    Some(match screen {
        Screen::Projects => Box::new(projects::ProjectsView::default()),
        Screen::Repositories { project } => {
            Box::new(repositories::RepositoriesView::new(project.clone()))
        }
        Screen::ProjectCharts { project } => {
            Box::new(charts::ChartsView::new(Some(project.clone())))
        }
        Screen::Repository { project, name } => {
            Box::new(artifacts::ArtifactsView::new(project.clone(), name.clone()))
        }
        Screen::Charts => Box::new(charts::ChartsView::new(None)),
        Screen::Storage => Box::new(storage::StorageView::default()),
        Screen::Cleanup => Box::new(cleanup::CleanupView::default()),
        Screen::Activity => Box::new(activity::ActivityView::default()),
        Screen::Account => Box::new(account::AccountView::default()),
        Screen::Profiles => return None,
    })
}

/// The views of the connected screens, one per kind of screen.
#[derive(Default)]
pub struct ScreenViews {
    views: HashMap<Discriminant<Screen>, Box<dyn View>>,
}

impl ScreenViews {
    /// The view that shows `screen`: the one kept for its kind when it can show it, else a new
    /// one in its place.
    pub fn view(&mut self, screen: &Screen) -> Option<&mut Box<dyn View>> {
        let kind = std::mem::discriminant(screen);
        let reusable = self
            .views
            .get_mut(&kind)
            .is_some_and(|view| view.open(screen));
        if !reusable {
            self.views.insert(kind, view_for(screen)?);
        }
        self.views.get_mut(&kind)
    }

    /// The user left `screen`: its answers still on their way are dropped.
    pub fn leave(&mut self, screen: &Screen) {
        if let Some(view) = self.views.get_mut(&std::mem::discriminant(screen)) {
            view.leave();
        }
    }

    /// Runs every view's background work (see [`View::background`]).
    pub fn background(&mut self, ctx: &egui::Context, cx: &mut ViewContext<'_>) {
        for view in self.views.values_mut() {
            view.background(ctx, cx);
        }
    }

    /// Forgets every view: the registry they showed is not the current one.
    pub fn clear(&mut self) {
        self.views.clear();
    }

    /// Forgets every view but the account form, which keeps its answer across the reconnect
    /// that a change of one's own password causes.
    pub fn clear_lists(&mut self) {
        let account = std::mem::discriminant(&Screen::Account);
        self.views.retain(|kind, _| *kind == account);
    }
}
